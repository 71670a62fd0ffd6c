from django.urls import path

from . import views, views_problems, views_sources

app_name = "tracking"
urlpatterns = [
    path("my/", views.my_updates, name="my_updates"),
    path("items/<str:item_type>/<int:item_id>/", views.item_detail, name="item_detail"),
    path("items/<str:item_type>/<int:item_id>/report/", views.report_submit, name="report_submit"),
    path("review/", views.review_queue, name="review_queue"),
    path("not-reported/", views.not_reported, name="not_reported"),
    path("reports/<int:pk>/review/", views.report_review, name="report_review"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path("status/", views.status_list, name="status"),
    path("status/export/", views.status_export, name="status_export"),
    path("orders/", views.order_list, name="orders"),
    path("orders/new/", views.order_new, name="order_new"),
    path("orders/<int:pk>/", views.order_detail, name="order_detail"),
    path("orders/<int:pk>/<str:action>/", views.order_action, name="order_action"),
    path("ranking/", views.ranking_list, name="ranking"),
    path("ranking/<int:pk>/", views.ranking_detail, name="ranking_detail"),
    path("ranking/<int:pk>/<str:action>/", views.ranking_action, name="ranking_action"),
    path("notifications/", views.notifications, name="notifications"),
    path("problems/", views_problems.problem_list, name="problems"),
    path("problems/<int:pk>/resolve/", views_problems.problem_resolve, name="problem_resolve"),
    path("items/<str:item_type>/<int:item_id>/problems/new/", views_problems.problem_raise, name="problem_raise"),
    path("supervised-work/", views_sources.supervised_work, name="supervised_work"),
    path("supervised-work/<int:pk>/satisfaction/", views_sources.supervised_work_satisfaction,
         name="supervised_work_satisfaction"),
]
