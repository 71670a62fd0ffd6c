from django.urls import path

from . import views

app_name = "bulletins"
urlpatterns = [
    path("", views.bulletin_index, name="index"),
    path("<str:kind>.<str:fmt>", views.bulletin_download, name="download"),
]
