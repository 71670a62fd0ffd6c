from django.urls import path

from . import views

app_name = "public"
urlpatterns = [
    path("", views.portal, name="portal"),
    path("photos/<int:pk>/", views.photo, name="photo"),
]
