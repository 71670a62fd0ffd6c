"""The only door for tracking's writes: reports, evidence, supervision orders, reminders, evaluations, settings."""

from .assignment import Assignment, task_assignment_changes, task_bulk_assign, task_versions
from .chasing import not_reported_remind
from .config import curve_save, item_setting_set, rubric_save, rule_set_save
from .evaluations import evaluation_compute, evaluation_create, evaluation_publish, score_entry_add
from .received_ranks import received_rank_record
from .items import item_restore, item_retire, items_ensure
from .notifications import notification_mark_read, notify_users
from .orders import (
    order_close, order_deadline_set, order_extension_decide, order_extension_request, order_feedback_submit,
    order_issue, order_review, order_sign, orders_issue_automatic,
)
from .problems import problem_raise, problem_resolve, problems_escalate
from .reminders import reminders_send
from .sources import supervised_work_register
from .reports import evidence_attach, report_confirm, report_enter, report_return, report_submit, reports_check_bulk, reports_enter_bulk, reports_import
from .reports import evidence_publish
from .review import reports_review

__all__ = [
    "Assignment", "task_assignment_changes", "task_bulk_assign", "task_versions",
    "curve_save", "evaluation_compute", "evaluation_create", "evaluation_publish", "evidence_attach",
    "evidence_publish", "item_restore", "item_retire", "item_setting_set", "items_ensure", "not_reported_remind",
    "notification_mark_read", "notify_users", "order_close", "order_deadline_set", "order_extension_decide",
    "order_extension_request", "order_feedback_submit", "order_issue", "order_review", "order_sign",
    "orders_issue_automatic", "problem_raise", "problem_resolve", "problems_escalate",
    "received_rank_record", "reminders_send", "report_confirm", "report_enter", "report_return", "report_submit",
    "reports_check_bulk", "reports_enter_bulk", "reports_import",
    "reports_review", "rubric_save", "rule_set_save", "score_entry_add", "supervised_work_register",
]
