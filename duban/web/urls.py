from django.templatetags.static import static
from django.urls import path
from django.views.generic import RedirectView

from . import views, views_dashboard

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views_dashboard.dashboard_view, name="dashboard"),
    path("search/", views.search_view, name="search"),
    path("favicon.ico", RedirectView.as_view(url=static("web/favicon.svg"), permanent=True), name="favicon"),
]
