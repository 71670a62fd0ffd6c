"""Bulk assignment of tasks (任务分解): units, deadline, weight and reporting frequency for many tasks at once.

Only the parts of an :class:`Assignment` that are given change; ``task_assignment_changes`` says what would
change (the preview) and ``task_bulk_assign`` writes it, all or nothing, through the plans services so that every
task keeps its own history.
"""

import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from duban.core.conflicts import ConflictError, Difference, edit_version, format_moment
from duban.core.errors import ApplicationError
from duban.core.models import Frequency
from duban.core.numbers import format_day
from duban.org.models import Organisation, UnitRole
from duban.plans import services as plan_services
from duban.plans.models import Task, TaskUnit

from .. import permissions
from ..models import ItemType
from ..snapshots import refresh_status


@dataclass(frozen=True)
class Assignment:
    """What to set on every chosen task; None (or "" for the frequency) leaves that part as it is."""

    lead_unit: Organisation | None = None
    responsible_units: tuple[Organisation, ...] | None = None
    cooperating_units: tuple[Organisation, ...] | None = None
    deadline: date | None = None
    weight: Decimal | None = None
    frequency: str = ""

    @property
    def is_empty(self) -> bool:
        return (self.lead_unit is None and self.responsible_units is None and self.cooperating_units is None
                and self.deadline is None and self.weight is None and not self.frequency)

    @property
    def changes_units(self) -> bool:
        return not (self.lead_unit is None and self.responsible_units is None and self.cooperating_units is None)


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class TaskChange:
    task: Task
    changes: tuple[FieldChange, ...]


def _names(orgs) -> str:
    return "、".join(o.name for o in sorted(orgs, key=lambda o: o.path)) or "—"


def _current_units(tasks: list[Task]) -> dict[int, dict[int, str]]:
    out: dict[int, dict[int, str]] = {t.pk: {} for t in tasks}
    for task_id, org_id, role in TaskUnit.objects.filter(task__in=tasks).values_list("task_id", "organisation_id", "role"):
        out[task_id][org_id] = role
    return out


def _wanted_units(current: dict[int, str], a: Assignment) -> dict[int, str]:
    """The task's units after the assignment: each given list replaces the units of its role."""
    wanted = dict(current)
    for role, given in ((UnitRole.COOPERATING, a.cooperating_units), (UnitRole.RESPONSIBLE, a.responsible_units),
                        (UnitRole.LEAD, None if a.lead_unit is None else (a.lead_unit,))):
        if given is None:
            continue
        wanted = {org_id: r for org_id, r in wanted.items() if r != role}
        wanted.update({org.pk: role for org in given})
    return wanted


def _check(district: Organisation, tasks: list[Task], a: Assignment) -> None:
    problems = []
    if a.is_empty:
        problems.append(_("Nothing to change: fill in at least one field."))
    if not tasks:
        problems.append(_("No task chosen."))
    given = [*(a.cooperating_units or ()), *(a.responsible_units or ()), *([a.lead_unit] if a.lead_unit else [])]
    seen: set[int] = set()
    for org in given:
        if org.pk in seen:
            problems.append(_("%(unit)s is chosen in two roles; a unit has one role in a task.") % {"unit": org.name})
        seen.add(org.pk)
        if not org.path.startswith(district.path) or org.pk == district.pk:
            problems.append(_("%(unit)s is not a unit of %(district)s.") % {"unit": org.name, "district": district.name})
    if a.frequency and a.frequency not in Frequency.values:
        problems.append(_("Unknown reporting frequency: %(value)s") % {"value": a.frequency})
    if a.weight is not None and not Decimal(0) <= a.weight < Decimal(100_000):
        problems.append(_("The weight must be from 0 to 99999.999, not %(weight)s.") % {"weight": a.weight})
    for task in tasks:
        label = f"{task.code} {task.title}".strip()
        if task.plan.district_id != district.pk:
            problems.append(_("Task %(task)s is not a task of %(district)s.") % {"task": label, "district": district.name})
        elif a.deadline is not None and a.deadline.year != task.plan.year:
            problems.append(_("Task %(task)s: the deadline %(day)s is outside the plan year %(year)s.") % {
                "task": label, "day": format_day(a.deadline), "year": task.plan.year})
    if problems:
        raise ApplicationError(" ".join(dict.fromkeys(problems)))


def task_assignment_changes(*, district: Organisation, tasks: list[Task], assignment: Assignment) -> list[TaskChange]:
    """What the assignment would change, task by task (tasks it leaves as they are are not listed); checks it first."""
    tasks = list(tasks)
    _check(district, tasks, assignment)
    current = _current_units(tasks)
    orgs = Organisation.objects.in_bulk({o for units in current.values() for o in units}
                                        | {o.pk for o in _given_units(assignment)})
    frequency_label = dict(Frequency.choices)
    out = []
    for task in tasks:
        changes = []
        if assignment.changes_units:
            before, after = current[task.pk], _wanted_units(current[task.pk], assignment)
            for role, label in UnitRole.choices:
                old = {o for o, r in before.items() if r == role}
                new = {o for o, r in after.items() if r == role}
                if old != new:
                    changes.append(FieldChange(str(label), _names(orgs[i] for i in old), _names(orgs[i] for i in new)))
        if assignment.deadline is not None and task.deadline != assignment.deadline:
            changes.append(FieldChange(_("Deadline"), format_day(task.deadline) if task.deadline else "—",
                                       format_day(assignment.deadline)))
        if assignment.weight is not None and task.weight != assignment.weight:
            changes.append(FieldChange(_("Weight"), f"{task.weight.normalize():f}", f"{assignment.weight.normalize():f}"))
        if assignment.frequency and task.frequency != assignment.frequency:
            changes.append(FieldChange(_("Reporting frequency"), str(frequency_label.get(task.frequency, task.frequency)),
                                       str(frequency_label[assignment.frequency])))
        if changes:
            out.append(TaskChange(task, tuple(changes)))
    return out


def _given_units(a: Assignment) -> list[Organisation]:
    return [*(a.cooperating_units or ()), *(a.responsible_units or ()), *([a.lead_unit] if a.lead_unit else [])]


def task_versions(tasks: list[Task]) -> dict[int, str]:
    """Each task's version as the preview shows it: its updated_at and its units (a change of units does not
    touch the task's row), so that the confirmation can tell whether someone changed the task since."""
    current = _current_units(tasks)
    out = {}
    for task in tasks:
        units = ",".join(f"{org}:{role}" for org, role in sorted(current[task.pk].items()))
        out[task.pk] = f"{edit_version(task)}-{hashlib.sha1(units.encode()).hexdigest()[:12]}"
    return out


def _task_now(task: Task, units: dict[int, str], orgs: dict) -> str:
    """How a task stands now, for the conflict page: its units by role, deadline, weight, frequency, when saved."""
    parts = []
    for role, label in UnitRole.choices:
        parts.append(f"{label}：{_names(orgs[o] for o, r in units.items() if r == role)}")
    parts.append(f"{_('Deadline')}：{format_day(task.deadline) if task.deadline else '—'}")
    parts.append(f"{_('Weight')}：{task.weight.normalize():f}")
    parts.append(f"{_('Reporting frequency')}：{dict(Frequency.choices).get(task.frequency, task.frequency)}")
    parts.append(_("saved %(moment)s") % {"moment": format_moment(task.updated_at)})
    return "；".join(parts)


def _check_versions(tasks: list[Task], expected: dict[int, str]) -> None:
    """ConflictError listing the tasks (locked by the caller) changed since the preview gave ``expected``."""
    now = task_versions(tasks)
    stale = [t for t in tasks if expected.get(t.pk) not in (None, "") and expected[t.pk] != now[t.pk]]
    if not stale:
        return
    current = _current_units(stale)
    orgs = Organisation.objects.in_bulk({o for units in current.values() for o in units})
    rows = [Difference(f"task-{t.pk}", f"{t.code} {t.title}".strip(), _("as in your preview"),
                       _task_now(t, current[t.pk], orgs)) for t in stale]
    raise ConflictError(rows=rows, current_version="", message=_(
        "%(count)s of the chosen tasks were changed by someone else since your preview: %(tasks)s. Nothing was "
        "saved; the preview below shows the changes from how the tasks stand now.") % {
        "count": len(stale), "tasks": "、".join(r.label for r in rows)})


@transaction.atomic
def task_bulk_assign(*, actor, district: Organisation, tasks: list[Task], assignment: Assignment,
                     expected_versions: dict[int, str] | None = None) -> list[TaskChange]:
    """Apply the assignment to every task, all or nothing; each task's history records ``actor``.

    ``expected_versions``: {task id: version} from ``task_versions`` at the preview; a task changed since makes
    the whole assignment a ConflictError naming the changed tasks (None: no check)."""
    if actor is not None and not permissions.can_assign_tasks(actor, district):
        raise ApplicationError(_("You may not assign the tasks of %(district)s.") % {"district": district.name})
    tasks = list(Task.objects.select_for_update().select_related("plan").filter(pk__in=[t.pk for t in tasks]))
    if expected_versions:
        _check_versions(tasks, expected_versions)
    changed = task_assignment_changes(district=district, tasks=tasks, assignment=assignment)
    current = _current_units(tasks)
    orgs = {o.pk: o for o in _given_units(assignment)}
    orgs.update(Organisation.objects.in_bulk({o for units in current.values() for o in units}))
    for change in changed:
        task = change.task
        if assignment.changes_units:
            wanted = _wanted_units(current[task.pk], assignment)
            plan_services.task_units_set(task=task, units=[(orgs[o], r) for o, r in wanted.items()], by=actor)
        plan_services.task_schedule_set(task=task, deadline=assignment.deadline, weight=assignment.weight,
                                        frequency=assignment.frequency, by=actor)
    refresh_status(items=[(ItemType.TASK, c.task.pk) for c in changed])
    return changed
