"""Tracked things of a district and year, loaded set-wise into plain dataclasses.

One query per kind of thing plus one per kind of unit assignment: the number of queries does not grow with
the number of items. Other apps' tables are only read here.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import connection
from django.db.models import Q

from duban.core.changes import CITY, change_stamp
from duban.indicators.models import IndicatorCategory, IndicatorTarget, IndicatorTargetUnit, TargetType
from duban.org.models import Organisation, OrgKind, UnitRole
from duban.plans.models import LivelihoodSubItem, LivelihoodSubItemUnit, Task, TaskCategory, TaskUnit
from duban.projects.models import ExpropriationTask, ExpropriationUnit, ProjectYear

from .models import Item, ItemType

#: Items whose ``category`` is a code of a TextChoices (a project's is its category's name, shown as it is).
CATEGORY_CHOICES = {ItemType.TASK: TaskCategory, ItemType.SUB_ITEM: TaskCategory,
                    ItemType.INDICATOR_TARGET: IndicatorCategory}


def category_label(item_type: str, category: str) -> str:
    """What a person reads for an item's category: the label of a task's, sub-item's or indicator's code
    ("urban" → 城市建设), an expropriation's kind, a project category's name as it is."""
    choices = CATEGORY_CHOICES.get(item_type)
    if choices is not None and category in choices.values:
        return str(choices(category).label)
    if item_type == ItemType.EXPROPRIATION and category == ItemType.EXPROPRIATION:
        return str(ItemType.EXPROPRIATION.label)
    return category


def category_matches(item: "TrackedItem", wanted: str) -> bool:
    """Whether the category filter ``wanted`` picks the item: by the label the drop-down offers (one option for
    a task's 乡村振兴 and a project category 乡村振兴), or by the stored code or name (links, exports)."""
    return wanted in (item.category, category_label(item.type, item.category))


@dataclass
class TrackedItem:
    type: str
    id: int
    title: str
    code: str
    district_id: int
    year: int
    frequency: str
    deadline: date | None
    weight: Decimal
    units: tuple[tuple[int, str], ...]          # (organisation id, UnitRole)
    category: str = ""
    area: str = ""
    level: str = ""
    node_id: int | None = None
    target: Decimal | None = None
    target_unit: str = ""
    attrs: dict = field(default_factory=dict)   # type-specific facts (plan type, dates, indicator settings...)

    @property
    def ref(self) -> tuple[str, int]:
        return (self.type, self.id)

    @property
    def lead_unit_id(self) -> int | None:
        """The lead unit, else the first responsible unit: the unit a list shows and reminders go to first."""
        for wanted in (UnitRole.LEAD, UnitRole.RESPONSIBLE):
            for org_id, role in self.units:
                if role == wanted:
                    return org_id
        return None

    @property
    def counting_unit_ids(self) -> frozenset[int]:
        """Units that report and count in completion rates (lead and responsible, not cooperating)."""
        return frozenset(o for o, r in self.units if r != UnitRole.COOPERATING)

    @property
    def unit_ids(self) -> frozenset[int]:
        return frozenset(o for o, _ in self.units)


def _units_by(model, fk: str, ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    out: dict[int, list[tuple[int, str]]] = {}
    if not ids:
        return out
    for owner, org, role in model.objects.filter(**{f"{fk}__in": ids}).values_list(fk, "organisation_id", "role"):
        out.setdefault(owner, []).append((org, role))
    order = {UnitRole.LEAD: 0, UnitRole.RESPONSIBLE: 1, UnitRole.COOPERATING: 2}
    for units in out.values():
        units.sort(key=lambda pair: (order.get(pair[1], 3), pair[0]))
    return out


def _project_years(district_q: Q, year_q: Q) -> list[TrackedItem]:
    rows = ProjectYear.objects.filter(district_q, year_q).values_list(
        "id", "year", "project__name", "project__code", "project__district_id", "frequency", "weight",
        "project__lead_unit_id", "project__category__name", "project__area__name", "level", "annual_plan",
        "half_year_plan", "invested_before", "plan_type", "project__planned_start", "project__actual_start",
        "project__planned_end", "project__stage", "project__registered_with_statistics", "project__total_investment",
        "project_id",
    ).order_by("project__code", "id")
    items = []
    for (pk, year, name, code, district_id, freq, weight, lead, category, area, level, annual, half, before,
         plan_type, planned_start, actual_start, planned_end, stage, registered, total, project_id) in rows:
        items.append(TrackedItem(
            ItemType.PROJECT_YEAR, pk, name, code, district_id, year, freq, None, weight,
            ((lead, UnitRole.LEAD),) if lead else (), category or "", area or "", level, None, annual, "万元",
            {"half_year_plan": half, "invested_before": before, "plan_type": plan_type,
             "planned_start": planned_start, "actual_start": actual_start, "planned_end": planned_end,
             "stage": stage, "registered": registered, "total_investment": total, "project_id": project_id},
        ))
    return items


def _tasks(plan_q: Q) -> list[TrackedItem]:
    rows = list(Task.objects.filter(plan_q).values_list(
        "id", "plan__year", "title", "code", "plan__district_id", "frequency", "deadline", "weight", "category",
        "node_id", "target_value", "target_unit", "target_text", "value_source",
    ).order_by("code", "id"))
    units = _units_by(TaskUnit, "task_id", [r[0] for r in rows])
    return [
        TrackedItem(ItemType.TASK, pk, title, code, district_id, year, freq, deadline, weight,
                    tuple(units.get(pk, ())), category, "", "", node_id, target, unit,
                    {"target_text": text, "value_source": source})
        for pk, year, title, code, district_id, freq, deadline, weight, category, node_id, target, unit, text, source
        in rows
    ]


def _sub_items(plan_q: Q) -> list[TrackedItem]:
    rows = list(LivelihoodSubItem.objects.filter(plan_q).values_list(
        "id", "item__plan__year", "title", "item__number", "item__title", "item__plan__district_id", "frequency",
        "deadline", "weight", "target_value", "target_unit", "item__lead_unit_id", "item_id", "indicator__accumulation",
    ).order_by("item__number", "order", "id"))
    units = _units_by(LivelihoodSubItemUnit, "sub_item_id", [r[0] for r in rows])
    items = []
    for (pk, year, title, number, item_title, district_id, freq, deadline, weight, target, unit, lead, item_id,
         accumulation) in rows:
        assigned = units.get(pk) or ([(lead, UnitRole.LEAD)] if lead else [])
        items.append(TrackedItem(
            ItemType.SUB_ITEM, pk, f"{number}. {item_title} · {title}", f"MS{number}", district_id, year, freq,
            deadline, weight, tuple(assigned), "livelihood", "", "", None, target, unit,
            # a commitment measured as a level (a standard raised to 1114元) rather than a count that accumulates
            {"item_id": item_id, "is_level": accumulation == "balance"},
        ))
    return items


def _indicator_targets(target_q: Q) -> list[TrackedItem]:
    rows = list(IndicatorTarget.objects.filter(target_q).values_list(
        "id", "year", "indicator__name", "indicator__code", "organisation_id", "frequency", "weight",
        "indicator__category", "target_type", "value", "qualifier", "text", "indicator__unit",
        "indicator__accumulation", "indicator__higher_is_better", "indicator_id", "indicator__source_unit_id",
        "organisation__path",
    ).order_by("indicator__code", "id"))
    units = _units_by(IndicatorTargetUnit, "target_id", [r[0] for r in rows])
    districts = _districts_on_paths([r[-1] for r in rows])
    items = []
    for (pk, year, name, code, org_id, freq, weight, category, ttype, value, qualifier, text, unit, accumulation,
         higher, indicator_id, source_unit, path) in rows:
        assigned = units.get(pk) or ([(source_unit, UnitRole.LEAD)] if source_unit else [])
        district_id = next((d for d in _path_ids(path) if d in districts), org_id)
        items.append(TrackedItem(
            ItemType.INDICATOR_TARGET, pk, f"{name}（{text or ttype}）", code, district_id, year, freq, None, weight,
            tuple(assigned), category, "", "", None, value, _target_unit(ttype, unit),
            {"target_type": ttype, "qualifier": qualifier, "accumulation": accumulation, "higher_is_better": higher,
             "indicator_id": indicator_id, "organisation_id": org_id},
        ))
    return items


#: What a target's figure is counted in: growth and share targets are percentages, rank targets places — only
#: level targets are in the indicator's own unit (亿元, 万人 …).
TARGET_UNITS = {TargetType.GROWTH: "%", TargetType.SHARE: "%", TargetType.NOT_BELOW_CITY_AVERAGE: "%",
                TargetType.RANK: "位"}


def _target_unit(target_type: str, indicator_unit: str) -> str:
    return TARGET_UNITS.get(target_type, indicator_unit or "")


def _expropriations(exp_q: Q) -> list[TrackedItem]:
    rows = list(ExpropriationTask.objects.filter(exp_q).values_list(
        "id", "year", "name", "district_id", "frequency", "deadline", "households", "area_m2", "land_mu",
        "enterprises", "project_id",
    ).order_by("name", "id"))
    units = _units_by(ExpropriationUnit, "task_id", [r[0] for r in rows])
    return [
        TrackedItem(ItemType.EXPROPRIATION, pk, name, f"ZS{pk}", district_id, year, freq, deadline, Decimal(1),
                    tuple(units.get(pk, ())), "expropriation", "", "", None, Decimal(households or 0), "户",
                    {"households": households, "area_m2": area, "land_mu": land, "enterprises": ent,
                     "project_id": project_id})
        for pk, year, name, district_id, freq, deadline, households, area, land, ent, project_id in rows
    ]


def _path_ids(path: str) -> list[int]:
    return [int(x) for x in path.strip("/").split("/") if x]


def _districts_on_paths(paths: list[str]) -> set[int]:
    ids = {i for path in paths for i in _path_ids(path)}
    if not ids:
        return set()
    return set(Organisation.objects.filter(pk__in=ids, kind=OrgKind.DISTRICT).values_list("pk", flat=True))


def load_items(*, district: Organisation, year: int, retired: bool = False) -> list[TrackedItem]:
    """Every tracked thing of a district's year, in a fixed number of queries; retired items only if asked.

    A draft plan's tasks and livelihood items (a plan a review is still building) are not tracked until the office
    publishes it: no list, status, dashboard or API list shows them to anyone before then."""
    items = _project_years(Q(project__district=district), Q(year=year))
    items += _tasks(Q(plan__district=district, plan__year=year, plan__is_draft=False))
    items += _sub_items(Q(item__plan__district=district, item__plan__year=year, item__plan__is_draft=False))
    items += _indicator_targets(Q(organisation__path__startswith=district.path, year=year))
    items += _expropriations(Q(district=district, year=year))
    if not retired:
        gone = retired_refs(district_id=district.pk, year=year)
        items = [i for i in items if i.ref not in gone] if gone else items
    return items


def items_stamp(district: Organisation) -> tuple[int, int] | None:
    """The stamp of what was written to the district's items, unit assignments, organisations and reports
    (``core.changes``: kept by the database's triggers, whoever writes — a form, the admin, an import,
    ``QuerySet.update``). Readers that keep per-process results derived from a district's items
    (``status.district_status``, ``selectors.not_reported``) reuse them while it is unchanged. None — compute,
    keep nothing — off PostgreSQL and inside a transaction (its own writes, if rolled back, could leave a stamp
    that a later state matches)."""
    if connection.in_atomic_block:
        return None
    return change_stamp([CITY, district.pk])


def retired_refs(*, district_id: int, year: int) -> set[tuple[str, int]]:
    """References of the district's retired items of a year (one query)."""
    return set(Item.objects.retired().filter(district_id=district_id, year=year).values_list("type", "object_id"))


_LOADERS = {
    ItemType.PROJECT_YEAR: lambda ids: _project_years(Q(pk__in=ids), Q()),
    ItemType.TASK: lambda ids: _tasks(Q(pk__in=ids)),
    ItemType.SUB_ITEM: lambda ids: _sub_items(Q(pk__in=ids)),
    ItemType.INDICATOR_TARGET: lambda ids: _indicator_targets(Q(pk__in=ids)),
    ItemType.EXPROPRIATION: lambda ids: _expropriations(Q(pk__in=ids)),
}


def load_item(item_type: str, item_id: int) -> TrackedItem | None:
    """One tracked thing by its reference (None when it does not exist)."""
    loader = _LOADERS.get(item_type)
    if loader is None:
        return None
    found = loader([item_id])
    if not found:
        return None
    return found[0]


def load_items_by_ref(refs: list[tuple[str, int]]) -> dict[tuple[str, int], TrackedItem]:
    """Several tracked things by reference: one query per item type present."""
    by_type: dict[str, list[int]] = {}
    for item_type, item_id in refs:
        by_type.setdefault(item_type, []).append(item_id)
    out = {}
    for item_type, ids in by_type.items():
        loader = _LOADERS.get(item_type)
        for item in loader(ids) if loader else []:
            out[item.ref] = item
    return out
