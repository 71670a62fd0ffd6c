from django.urls import path

from . import views

app_name = "bulletins"
urlpatterns = [
    path("", views.bulletin_index, name="index"),
    path("<str:kind>.<str:fmt>", views.bulletin_download, name="download"),
    path("<str:kind>.<str:fmt>/job/", views.bulletin_start, name="start"),
    path("jobs/<int:pk>/", views.bulletin_job_file, name="job_file"),
]
