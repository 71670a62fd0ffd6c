"""Scheduled work, declared in one place.

Each entry names a task (django.tasks) and when it is due: every day at a time, or every month on a day at a
time (Asia/Shanghai). `duban run_scheduled` enqueues each entry once per period once its time has come —
run it from cron every few minutes, or as a loop with `duban run_scheduled --loop` next to the workers.
A run is recorded (core.ScheduledRun, unique per entry and period), so running it twice, or on two machines,
enqueues nothing twice; a machine that was down catches up when it comes back the same day or month.
"""

from dataclasses import dataclass, field
from datetime import datetime, time


@dataclass(frozen=True)
class Entry:
    name: str
    task: str                       # dotted path of a django.tasks Task
    at: time                        # local time of day it becomes due
    day_of_month: int | None = None  # None: daily; 1..28: monthly on that day
    kwargs: dict = field(default_factory=dict)

    def period(self, now: datetime) -> str | None:
        """The period this entry is due for at ``now`` (local time), or None when it is not due yet."""
        if self.day_of_month is None:
            return f"{now:%Y-%m-%d}" if now.time() >= self.at else None
        due = (now.day, now.time()) >= (self.day_of_month, self.at)
        return f"{now:%Y-%m}" if due else None


SCHEDULE: list[Entry] = [
    # Every district's stored status as of the day its pages show (time progress moves every day): after it,
    # lists, the dashboard and rankings read snapshots; whatever changes an item updates its own snapshot.
    Entry("daily-status-refresh", "duban.tracking.tasks.daily_status_refresh", time(0, 30)),
    # Running background jobs whose worker died (no heartbeat for DUBAN_JOB_STUCK_MINUTES) are marked failed; the
    # job page also checks the job it shows, so this only tidies jobs nobody is looking at.
    Entry("reap-stuck-jobs", "duban.core.tasks.reap_stuck_jobs", time(3, 0)),
    # Jobs that ended more than DUBAN_JOB_KEEP_DAYS ago are deleted with the files kept for them (ledger
    # previews, bulletins), and so is any kept file whose job is gone.
    Entry("expire-old-jobs", "duban.core.tasks.expire_jobs", time(3, 15)),
    # Evidence files with no row (left by a crash or a rolled-back upload) are deleted; rows whose file is missing
    # are reported in the task's result (never deleted).
    # The change log (core.changes: one row per write statement and district) folded into per-district totals,
    # so that reading a district's stamp stays one short index scan.
    Entry("compact-change-log", "duban.core.tasks.compact_changes", time(3, 20)),
    Entry("evidence-sweep", "duban.tracking.tasks.evidence_sweep", time(3, 30)),
    # Reminders of reports due or overdue, orders near or past their deadline, and automatic orders for red items.
    Entry("daily-reminders", "duban.tracking.tasks.daily_reminders", time(8, 0)),
    # Dispatched direct reports past their deadline without an answer become supervision orders.
    Entry("daily-escalate", "duban.dispatch.tasks.daily_escalate", time(8, 15)),
    # Overdue problems of the problem list (问题清单) escalated to unit leaders, then the leader in charge.
    Entry("daily-problem-escalation", "duban.tracking.tasks.daily_problem_escalation", time(8, 30)),
]
