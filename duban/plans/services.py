"""Writes for plans, the work-system tree, tasks and livelihood items: the single door for these tables.

Upserts find rows by natural key (district+year, plan+code, plan+number, item+title) and write only what
differs, so a second call with the same values records no history.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from duban.core.errors import ApplicationError
from duban.core.models import Frequency, Provenance
from duban.core.numbers import format_day
from duban.core.services import record_upsert, units_set
from duban.org.models import Organisation, OrgKind

from .models import (
    LivelihoodItem,
    LivelihoodSubItem,
    LivelihoodSubItemUnit,
    Plan,
    Satisfaction,
    Task,
    TaskCategory,
    TaskUnit,
    ValueSource,
    WorkNode,
    WorkSource,
)

UnitList = Iterable[tuple[Organisation, str]]


def _check_target(value: Decimal | None, unit: str) -> None:
    if value is not None and not unit:
        raise ApplicationError(_("A target value needs a unit."))


@transaction.atomic
def plan_upsert(
    *, district: Organisation, year: int, theme: str = "", system_name: str = "", goal: str = "",
    source_document: str = "", provenance: str = Provenance.ENTERED, source_note: str = "",
    is_draft: bool | None = None, by=None,
) -> Plan:
    """Create or update a district's plan for ``year``; ``is_draft`` None leaves the draft flag as it is."""
    if district.kind != OrgKind.DISTRICT:
        raise ApplicationError(_("%(district)s is not a district.") % {"district": district})
    values = {"theme": theme, "system_name": system_name, "goal": goal, "source_document": source_document,
              "provenance": provenance, "source_note": source_note}
    if is_draft is not None:
        values["is_draft"] = is_draft
    plan, _created = record_upsert(Plan, lookup={"district": district, "year": year}, values=values, by=by)
    return plan


@transaction.atomic
def plan_publish(*, plan: Plan, by=None) -> Plan:
    """Publish a draft plan: it becomes visible to everyone and the default year of its district."""
    if not plan.is_draft:
        return plan
    return record_upsert(Plan, lookup={"pk": plan.pk}, values={"is_draft": False}, by=by)[0]


@transaction.atomic
def worknode_upsert(
    *, plan: Plan, code: str, title: str, parent: WorkNode | None = None, description: str = "",
    weight: Decimal = Decimal(1), order: int = 0, provenance: str = Provenance.ENTERED, source_note: str = "",
    by=None,
) -> WorkNode:
    """Create or update a node of the plan's work-system tree (natural key: plan + code)."""
    if parent is not None and parent.plan_id != plan.pk:
        raise ApplicationError(_("A work-system node's parent must belong to the same plan."))
    node, _created = record_upsert(
        WorkNode, lookup={"plan": plan, "code": code},
        values={"title": title, "parent": parent, "description": description, "weight": Decimal(weight),
                "order": order, "provenance": provenance, "source_note": source_note},
        by=by,
    )
    return node


@transaction.atomic
def task_upsert(
    *, plan: Plan, code: str, title: str, node: WorkNode | None = None, description: str = "",
    target_text: str = "", target_value: Decimal | None = None, target_unit: str = "",
    deadline: datetime.date | None = None, category: str = TaskCategory.OTHER, weight: Decimal = Decimal(1),
    frequency: str = Frequency.MONTHLY, is_public: bool = False, provenance: str = Provenance.ENTERED,
    source_note: str = "", indicator=None, source: dict | None = None, source_unit: Organisation | None = None,
    value_source: str | None = None, by=None,
) -> Task:
    """Create or update a task of the plan (natural key: plan + code); ``value_source`` left as it is unless given."""
    if not code:
        raise ApplicationError(_("A task needs a code to be found again."))
    _check_target(target_value, target_unit)
    if node is not None and node.plan_id != plan.pk:
        raise ApplicationError(_("A task's work-system node must belong to the same plan."))
    if source_unit is not None and not source_unit.path.startswith(plan.district.path):
        raise ApplicationError(_("The data-source unit %(unit)s is not in %(district)s.") % {
            "unit": source_unit, "district": plan.district})
    task, _created = record_upsert(
        Task, lookup={"plan": plan, "code": code},
        values={"title": title, "node": node, "description": description, "target_text": target_text,
                "target_value": None if target_value is None else Decimal(target_value), "target_unit": target_unit,
                "deadline": deadline, "category": category, "weight": Decimal(weight), "frequency": frequency,
                "is_public": is_public, "provenance": provenance, "source_note": source_note,
                "indicator": indicator, "source_unit": source_unit, **(source or {})}
        | ({} if value_source is None else {"value_source": _value_source(value_source)}),
        by=by,
    )
    return task


def _value_source(value: str) -> str:
    if value not in ValueSource.values:
        raise ApplicationError(_("Unknown source of a task's actual value: %(source)s.") % {"source": value})
    return value


@transaction.atomic
def task_units_set(*, task: Task, units: UnitList, by=None) -> bool:
    """Assign exactly these units to the task: [(organisation, UnitRole)], at most one lead."""
    return units_set(TaskUnit, owner_field="task", owner=task, units=units, by=by)


@transaction.atomic
def task_schedule_set(*, task: Task, deadline: datetime.date | None = None, weight: Decimal | None = None,
                      frequency: str = "", by=None) -> bool:
    """Change the given ones of a task's deadline, weight and reporting frequency (None/"" = keep); return whether written."""
    values: dict = {}
    if deadline is not None:
        if deadline.year != task.plan.year:
            raise ApplicationError(_("The deadline %(day)s of “%(task)s” is outside the plan year %(year)s.") % {
                "day": format_day(deadline), "task": task, "year": task.plan.year})
        values["deadline"] = deadline
    if weight is not None:
        weight = Decimal(weight)
        if weight < 0 or weight >= Decimal(100_000):
            raise ApplicationError(_("The weight of “%(task)s” must be from 0 to 99999.999, not %(weight)s.") % {
                "task": task, "weight": weight})
        values["weight"] = weight
    if frequency:
        if frequency not in Frequency.values:
            raise ApplicationError(_("Unknown reporting frequency: %(value)s") % {"value": frequency})
        values["frequency"] = frequency
    if not values:
        return False
    _task, written = record_upsert(Task, lookup={"pk": task.pk}, values=values, by=by)
    return written


@transaction.atomic
def livelihood_item_upsert(
    *, plan: Plan, number: int, title: str, description: str = "", lead_unit: Organisation | None = None,
    is_public: bool = True, voted_by_congress: bool = False, provenance: str = Provenance.ENTERED,
    source_note: str = "", by=None,
) -> LivelihoodItem:
    """Create or update the livelihood item numbered ``number`` in the plan's list."""
    if number < 1:
        raise ApplicationError(_("Livelihood items are numbered from 1."))
    item, _created = record_upsert(
        LivelihoodItem, lookup={"plan": plan, "number": number},
        values={"title": title, "description": description, "lead_unit": lead_unit, "is_public": is_public,
                "voted_by_congress": voted_by_congress, "provenance": provenance, "source_note": source_note},
        by=by,
    )
    return item


@transaction.atomic
def livelihood_subitem_upsert(
    *, item: LivelihoodItem, title: str, target_value: Decimal | None = None, target_unit: str = "",
    deadline: datetime.date | None = None, weight: Decimal = Decimal(1), frequency: str = Frequency.MONTHLY,
    order: int = 0, provenance: str = Provenance.ENTERED, source_note: str = "", indicator=None, by=None,
) -> LivelihoodSubItem:
    """Create or update a quantified part of a livelihood item (natural key: item + title)."""
    _check_target(target_value, target_unit)
    if target_value is not None and Decimal(target_value) < 0:
        raise ApplicationError(_("A sub-item's target cannot be negative."))
    sub, _created = record_upsert(
        LivelihoodSubItem, lookup={"item": item, "title": title},
        values={"target_value": None if target_value is None else Decimal(target_value),
                "target_unit": target_unit, "deadline": deadline, "weight": Decimal(weight),
                "frequency": frequency, "order": order, "provenance": provenance, "source_note": source_note,
                "indicator": indicator},
        by=by,
    )
    return sub


@transaction.atomic
def livelihood_subitem_units_set(*, sub_item: LivelihoodSubItem, units: UnitList, by=None) -> bool:
    """Assign exactly these units to the sub-item: [(organisation, UnitRole)], at most one lead."""
    return units_set(LivelihoodSubItemUnit, owner_field="sub_item", owner=sub_item, units=units, by=by)


def next_task_code(plan: Plan, prefix: str) -> str:
    """The next free code with ``prefix`` in the plan: PS2024-001, PS2024-002, ..."""
    stem = f"{prefix}{plan.year}-"
    taken = [c for c in Task.objects.filter(plan=plan, code__startswith=stem).values_list("code", flat=True)
             if c[len(stem):].isdigit()]
    return f"{stem}{max((int(c[len(stem):]) for c in taken), default=0) + 1:03d}"


@transaction.atomic
def task_satisfaction_record(*, task: Task, satisfaction: str, by=None) -> Task:
    """The deputy's or member's satisfaction with the reply to their suggestion or proposal."""
    if task.source_kind not in (WorkSource.DEPUTY, WorkSource.PROPOSAL):
        raise ApplicationError(_("Only deputies' suggestions and proposals are rated for satisfaction."))
    if satisfaction not in Satisfaction.values:
        raise ApplicationError(_("Unknown satisfaction: %(value)s") % {"value": satisfaction})
    task.satisfaction = satisfaction
    task._history_user = by
    task.save(update_fields=["satisfaction", "updated_at"])
    return task
