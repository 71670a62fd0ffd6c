from django.urls import path

from . import views

app_name = "ingest"
urlpatterns = [
    path("", views.document_upload, name="upload"),
    path("<int:pk>/", views.document_review, name="review"),
    path("<int:pk>/records/", views.document_records, name="records"),
    path("<int:pk>/bulk/", views.candidates_bulk, name="bulk"),
    path("<int:pk>/reextract/", views.document_reextract, name="reextract"),
    path("<int:pk>/publish/", views.document_publish, name="publish"),
    path("keywords/", views.unit_keywords, name="keywords"),
    path("candidates/<int:pk>/", views.candidate_row, name="row"),
    path("candidates/<int:pk>/accept/", views.candidate_accept, name="accept"),
    path("candidates/<int:pk>/reject/", views.candidate_reject, name="reject"),
    path("candidates/<int:pk>/edit/", views.candidate_edit, name="edit"),
]
