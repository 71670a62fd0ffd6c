from django.urls import path

from . import views

app_name = "projects"
urlpatterns = [
    path("pipeline/", views.pipeline_view, name="pipeline"),
    path("leads/<int:pk>/", views.lead_view, name="lead"),
]
