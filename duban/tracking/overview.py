"""The lights overview (亮灯总览): filter, sort and page the status list; its Excel export.

Pure functions over :class:`~duban.tracking.status.ItemStatus` lists, so the page, the export and tests agree.
The filter state is plain GET parameters (unit, leader, category, area, level, type, light, reason, sort, page),
so a filtered list can be sent to someone as a link.
"""

from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from duban.core.numbers import format_day
from duban.org.models import Leader

from .items import category_label, category_matches
from .models import ItemType, Light
from .status import ItemStatus

FILTER_PARAMS = ("unit", "leader", "category", "area", "level", "type", "light", "reason")
LIGHT_ORDER = {Light.RED: 0, Light.YELLOW: 1, Light.NO_DATA: 2, Light.NOT_STARTED: 3, Light.GREEN: 4, Light.DONE: 5}
PAGE_SIZE = 50


def _none_last(value, reverse=False):
    if value is None:
        return (1, Decimal(0))
    return (0, -value if reverse else value)


SORTS = {
    "light": lambda s: (LIGHT_ORDER.get(s.light, 9), _none_last(s.gap_pp), s.item.code),
    "gap": lambda s: (_none_last(s.gap_pp), s.item.code),
    "-gap": lambda s: (_none_last(s.gap_pp, reverse=True), s.item.code),
    "completion": lambda s: (_none_last(s.completion_pct), s.item.code),
    "-completion": lambda s: (_none_last(s.completion_pct, reverse=True), s.item.code),
    "unit": lambda s: (s.unit_name or "\uffff", s.item.code),
    "title": lambda s: (s.item.title, s.item.code),
}


@dataclass(frozen=True)
class StatusFilter:
    unit: int | None = None
    leader: int | None = None
    category: str = ""
    area: str = ""
    level: str = ""
    type: str = ""
    light: str = ""
    reason: str = ""
    sort: str = "light"

    @classmethod
    def from_query(cls, query) -> "StatusFilter":
        def number(name):
            try:
                return int(query.get(name, ""))
            except ValueError:
                return None
        sort = query.get("sort", "light")
        return cls(
            unit=number("unit"), leader=number("leader"), category=query.get("category", "").strip(),
            area=query.get("area", "").strip(), level=query.get("level", "").strip(),
            type=query.get("type", "") if query.get("type", "") in ItemType.values else "",
            light=query.get("light", "") if query.get("light", "") in Light.values else "",
            reason=query.get("reason", "").strip(), sort=sort if sort in SORTS else "light",
        )


def leader_unit_ids(leader_id: int | None) -> frozenset[int] | None:
    """Units a leader oversees (分管); None when no leader is chosen."""
    if leader_id is None:
        return None
    return frozenset(Leader.oversees.through.objects.filter(leader_id=leader_id).values_list("organisation_id", flat=True))


def matches(status: ItemStatus, f: StatusFilter, leader_units: frozenset[int] | None, *, light: bool = True) -> bool:
    item = status.item
    return (
        (f.unit is None or f.unit in item.unit_ids)
        and (leader_units is None or bool(item.unit_ids & leader_units))
        and (not f.category or category_matches(item, f.category))
        and (not f.area or item.area == f.area)
        and (not f.level or item.level == f.level)
        and (not f.type or item.type == f.type)
        and (not light or not f.light or status.light == f.light)
        and (not f.reason or any(f.reason in str(r) for r in status.reasons))
    )


def filter_statuses(statuses: list[ItemStatus], f: StatusFilter, leader_units=None) -> list[ItemStatus]:
    """The statuses the filter keeps, in the chosen order."""
    return sorted((s for s in statuses if matches(s, f, leader_units)), key=SORTS[f.sort])


def light_counts(statuses: list[ItemStatus], f: StatusFilter, leader_units=None) -> dict[str, int]:
    """Items per light under every filter but the light itself (the tiles above the list)."""
    kept = [s for s in statuses if matches(s, f, leader_units, light=False)]
    return {light: sum(1 for s in kept if s.light == light) for light in Light.values}


def filter_choices(statuses: list[ItemStatus]) -> dict[str, list[str]]:
    """The categories, areas and levels present, for the filter's drop-downs.

    Categories are offered by the label a person reads (城市建设, not the task's code "urban"), one option per
    label: a task's 乡村振兴 and a project category 乡村振兴 are one choice; the filter matches labels and codes.
    """
    def values(name):
        return sorted({getattr(s.item, name) for s in statuses if getattr(s.item, name)})
    categories = sorted({category_label(s.item.type, s.item.category) for s in statuses if s.item.category})
    return {"categories": categories, "areas": values("area"), "levels": values("level")}


# ---------------------------------------------------------------------------------------------------------
# Excel


def _number(value):
    return None if value is None else float(value)


def status_workbook(statuses: list[ItemStatus], *, district_name: str, on_date) -> bytes:
    """The filtered list as .xlsx: a Chinese title row, headers with units (万元), the header frozen."""
    wb = Workbook()
    ws = wb.active
    ws.title = _("Lights overview")[:31]
    headers = [_("Light"), _("Code"), _("Item"), _("Kind"), _("Unit"), _("Annual plan or target"),
               _("Target unit"), _("Completion rate (%)"), _("Time progress (%)"), _("Gap (percentage points)"),
               _("Reasons")]
    ws.append([_("%(district)s lights overview as of %(day)s") % {"district": district_name, "day": format_day(on_date)}])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append(headers)
    for cell in ws[2]:
        cell.font = Font(bold=True)
    kinds = dict(ItemType.choices)
    lights = dict(Light.choices)
    for s in statuses:
        ws.append([
            str(lights.get(s.light, s.light)), s.item.code, s.item.title, str(kinds.get(s.item.type, s.item.type)),
            s.unit_name, _number(s.item.target), s.item.target_unit, _number(s.completion_pct),
            _number(s.time_progress_pct), _number(s.gap_pp), "；".join(str(r) for r in s.reasons),
        ])
    ws.freeze_panes = "A3"
    for column, width in zip("ABCDEFGHIJK", (8, 12, 40, 12, 18, 14, 8, 12, 12, 14, 60)):
        ws.column_dimensions[column].width = width
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
