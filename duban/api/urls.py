from django.urls import path

from . import views
from .api import api

app_name = "api_tokens"

urlpatterns = [
    path("tokens/", views.token_list, name="list"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="revoke"),
]

#: Mounted at /api/ by duban/urls.py (openapi.json, docs and every operation).
api_urls = api.urls
