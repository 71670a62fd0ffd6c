from django.urls import path

from . import views, views_office, views_problems, views_sources

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
    path("assign/", views_office.task_assign, name="assign"),
    path("config/", views_office.config_index, name="config"),
    path("config/rules/new/", views_office.config_rule_set, name="config_rule_set_new"),
    path("config/rules/<slug:code>/", views_office.config_rule_set, name="config_rule_set"),
    path("config/curves/new/", views_office.config_curve, name="config_curve_new"),
    path("config/curves/<slug:code>/", views_office.config_curve, name="config_curve"),
    path("config/rubrics/new/", views_office.config_rubric, name="config_rubric_new"),
    path("config/rubrics/<slug:code>/", views_office.config_rubric, name="config_rubric"),
]
