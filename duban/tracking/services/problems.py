"""Problems (问题清单): raised in a confirmed report or directly by the office, resolved, escalated when overdue.

Escalation (daily, ``duban escalate_problems`` and the schedule): from the first day past the deadline the owner
unit's leaders are told; after ``LEADER_AFTER_DAYS`` days the leader in charge too. A reminder is repeated every
``REPEAT_DAYS`` days while the problem stays open; each sending is a :class:`ProblemEvent` and a
:class:`Reminder` keyed by problem and day, so a second run the same day sends nothing.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from duban.core import dates
from duban.core.errors import ApplicationError
from duban.core.models import Provenance
from duban.core.numbers import format_day
from duban.core.people import display_name
from duban.org.models import Leader, Organisation, Role

from .. import permissions
from ..items import TrackedItem
from ..models import Problem, ProblemAction, ProblemEvent, ProblemState, Reminder, Report
from .items import items_ensure
from .notifications import notify_users, unit_members

LEADER_AFTER_DAYS = 7     # overdue this many days: the leader in charge is told as well
REPEAT_DAYS = 7           # while overdue, the reminder is repeated this often


def escalation_level(deadline: date, on_date: date) -> int:
    """0 not overdue; 1 the unit's leaders; 2 the leader in charge as well."""
    overdue = (on_date - deadline).days
    if overdue < 1:
        return 0
    return 1 if overdue <= LEADER_AFTER_DAYS else 2


def escalation_due(deadline: date, on_date: date) -> bool:
    """Whether a reminder goes out on ``on_date``: the first overdue day, the day the leader is reached, and
    every REPEAT_DAYS after the first overdue day."""
    overdue = (on_date - deadline).days
    return overdue >= 1 and ((overdue - 1) % REPEAT_DAYS == 0 or overdue == LEADER_AFTER_DAYS + 1)


def problem_check(*, district: Organisation, description: str, owner_unit: Organisation, deadline: date,
                  today: date) -> str:
    text = (description or "").strip()
    if not text:
        raise ApplicationError(_("Problem: please describe the problem."))
    if owner_unit is None or not owner_unit.path.startswith(district.path) or owner_unit.pk == district.pk:
        raise ApplicationError(_("Problem: the owner unit must be a unit of %(district)s.") % {"district": district.name})
    if deadline is None or deadline < today:
        raise ApplicationError(_("Problem: the deadline must be today or later (%(today)s).") % {"today": format_day(today)})
    return text


def default_leader(owner_unit: Organisation, item: TrackedItem | None) -> Leader | None:
    """The project's leader in charge, else the leader who oversees (分管) the owner unit."""
    project_id = item.attrs.get("project_id") if item is not None else None
    if project_id:
        leader = Leader.objects.filter(projects__pk=project_id).first()
        if leader is not None:
            return leader
    return Leader.objects.filter(oversees=owner_unit).order_by("order", "pk").first()


@transaction.atomic
def problem_raise(
    *, actor, item: TrackedItem, description: str, owner_unit: Organisation, deadline: date,
    leader: Leader | None = None, report: Report | None = None, raised_by=None, at: datetime | None = None,
    provenance: str = Provenance.ENTERED, source_note: str = "",
) -> Problem:
    """Track a problem of ``item``: raised directly by the office (``actor``), or from a confirmed report
    (``actor=None``, ``raised_by`` the reporter)."""
    district = Organisation.objects.get(pk=item.district_id)
    if actor is not None and not permissions.can_raise_problem(actor, district):
        raise ApplicationError(_("Only the district's supervising office may raise a problem directly"))
    at = at or dates.now()
    text = problem_check(district=district, description=description, owner_unit=owner_unit, deadline=deadline,
                         today=at.date() if report is None else min(at.date(), deadline))
    tracked = items_ensure(refs=[item.ref])[item.ref]
    problem = Problem.objects.create(
        district=district, tracked_item=tracked, report=report, description=text, owner_unit=owner_unit,
        leader=leader or default_leader(owner_unit, item), deadline=deadline, raised_by=raised_by or actor,
        raised_at=at, provenance=provenance, source_note=source_note,
    )
    ProblemEvent.objects.create(problem=problem, action=ProblemAction.RAISE, actor=raised_by or actor, at=at)
    recipients = unit_members([owner_unit.pk], roles=(Role.UNIT_LEADER, Role.UNIT_REPORTER))
    notify_users(users=recipients, title=_("Problem to solve by %(day)s: %(title)s") % {
        "day": format_day(deadline), "title": item.title}, body=text, url=problem_url(problem), at=at)
    return problem


def problem_url(problem: Problem) -> str:
    return f"{reverse('tracking:problems')}?district={problem.district_id}#problem-{problem.pk}"


@transaction.atomic
def problem_resolve(*, actor, problem: Problem, resolution: str, at: datetime | None = None) -> Problem:
    """Close a problem with how it was solved."""
    if not permissions.can_resolve_problem(actor, problem):
        raise ApplicationError(_("Only the district's supervising office may close a problem"))
    text = (resolution or "").strip()
    if not text:
        raise ApplicationError(_("Resolution of “%(problem)s”: please say how the problem was solved.") % {
            "problem": problem})
    locked = Problem.objects.select_for_update().get(pk=problem.pk)
    if locked.state != ProblemState.OPEN:
        raise ApplicationError(_("This problem is already resolved"))
    at = at or dates.now()
    locked.state, locked.resolution, locked.resolved_at = ProblemState.RESOLVED, text, at
    locked.save(update_fields=["state", "resolution", "resolved_at"])
    ProblemEvent.objects.create(problem=locked, action=ProblemAction.RESOLVE, actor=actor, at=at, comment=text)
    return locked


@dataclass
class EscalationResult:
    sent: list[int] = field(default_factory=list)     # problems escalated
    skipped: int = 0                                   # already escalated that day
    recipients: int = 0


def _recipients(problem: Problem, level: int) -> list:
    users = unit_members([problem.owner_unit_id], roles=(Role.UNIT_LEADER,))
    if level >= 2 and problem.leader is not None and problem.leader.user is not None:
        users.append(problem.leader.user)
    return users


def _escalate_one(problem: Problem, level: int, on_date: date, at: datetime) -> int | None:
    key = f"problem:{problem.pk}:{on_date.isoformat()}"
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(key=key, kind="problem", on_date=on_date, sent_at=at)
    except IntegrityError:
        return None
    users = _recipients(problem, level)
    overdue = (on_date - problem.deadline).days
    title = _("Problem overdue by %(days)s days: %(problem)s") % {"days": overdue, "problem": str(problem)}
    body = _("%(problem)s — owner unit %(unit)s, deadline %(deadline)s.") % {
        "problem": problem.description, "unit": problem.owner_unit.name, "deadline": format_day(problem.deadline)}
    sent = notify_users(users=users, title=title, body=body, url=problem_url(problem), at=at)
    reminder.recipients = sent
    reminder.save(update_fields=["recipients"])
    ProblemEvent.objects.create(problem=problem, action=ProblemAction.ESCALATE, at=at, level=level, recipients=sent,
                                comment=", ".join(display_name(u) for u in {u.pk: u for u in users}.values()))
    if problem.escalation_level != level:
        problem.escalation_level = level
        problem.save(update_fields=["escalation_level"])
    return sent


@transaction.atomic
def problems_escalate(*, on_date: date | None = None, district: Organisation | None = None,
                      at: datetime | None = None) -> EscalationResult:
    """Escalate every open problem overdue on ``on_date`` that is due a reminder that day (a trusted system job)."""
    on_date = on_date or dates.today()
    at = at or dates.now()
    problems = Problem.objects.overdue(on_date).select_related("owner_unit", "leader__user")
    if district is not None:
        problems = problems.filter(district=district)
    result = EscalationResult()
    for problem in problems:
        if not escalation_due(problem.deadline, on_date):
            continue
        sent = _escalate_one(problem, escalation_level(problem.deadline, on_date), on_date, at)
        if sent is None:
            result.skipped += 1
        else:
            result.sent.append(problem.pk)
            result.recipients += sent
    return result
