"""The only door for tracking's writes: reports, evidence, supervision orders, reminders, evaluations, settings."""

from .config import curve_save, item_setting_set, rule_set_save
from .evaluations import evaluation_compute, evaluation_create, evaluation_publish, score_entry_add
from .notifications import notification_mark_read, notify_users
from .orders import (
    order_close, order_extension_decide, order_extension_request, order_feedback_submit, order_issue, order_review,
    order_sign, orders_issue_automatic,
)
from .reminders import reminders_send
from .reports import evidence_attach, report_confirm, report_return, report_submit, reports_import
from .reports import evidence_publish

__all__ = [
    "curve_save", "evaluation_compute", "evaluation_create", "evaluation_publish", "evidence_attach",
    "item_setting_set", "notification_mark_read", "notify_users", "order_close", "order_extension_decide",
    "order_extension_request", "order_feedback_submit", "order_issue", "order_review", "order_sign",
    "orders_issue_automatic", "reminders_send", "report_confirm", "report_return", "report_submit", "reports_import",
    "rule_set_save", "score_entry_add", "evidence_publish",
]
