from django.urls import path

from . import views

app_name = "ledgers"
urlpatterns = [
    path("", views.ledger_page, name="page"),
    path("export/<str:kind>/", views.ledger_download, name="export"),
    path("import/", views.ledger_upload, name="upload"),
    path("import/confirm/", views.ledger_confirm, name="confirm"),
    path("import/jobs/<int:pk>/", views.ledger_job_result, name="job_result"),
]
