from django.urls import path

from . import views

app_name = "dispatch"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("new/", views.report_new, name="new"),
    path("track/", views.track, name="track"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/photo/", views.photo, name="photo"),
    path("<int:pk>/<str:name>/", views.action, name="action"),
]
