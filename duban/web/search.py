"""Global search (title, code, unit, person) across tasks, livelihood sub-items, key projects, indicators and
supervision orders, grouped by kind and scoped by what the user may see (duban.org.permissions.Scope).

Matching is a case-insensitive substring match on every database: Chinese titles have no word boundaries,
so PostgreSQL's word-based full-text search would miss "学校" inside "新建学校"; a substring match finds it.
Each kind is one query with a fixed limit, so a search costs the same whatever the district's size.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duban.indicators.models import IndicatorTarget
from duban.org.permissions import scope_of
from duban.plans.models import LivelihoodSubItem, Task
from duban.projects.models import ProjectYear
from duban.tracking.models import ItemType, SupervisionOrder

LIMIT = 20
MIN_LENGTH = 1


@dataclass(frozen=True)
class Hit:
    title: str
    code: str
    detail: str
    url: str


@dataclass(frozen=True)
class Group:
    kind: str
    label: str
    hits: list[Hit]


def _scope_q(user, district_field: str, unit_field: str | None) -> Q:
    scope = scope_of(user)
    if scope.is_superuser:
        return Q()
    q = Q(**{f"{district_field}__in": list(scope.districts.values_list("pk", flat=True))})
    if unit_field:
        q |= Q(**{f"{unit_field}__in": list(scope.unit_ids)})
    return q


def _item_url(item_type: str, item_id: int) -> str:
    return reverse("tracking:item_detail", args=[item_type, item_id])


def _tasks(user, text: str) -> list[Hit]:
    rows = (Task.objects.filter(_scope_q(user, "plan__district", "units__organisation"))
            .filter(Q(title__icontains=text) | Q(code__icontains=text) | Q(units__organisation__name__icontains=text))
            .values_list("id", "title", "code", "plan__year").distinct().order_by("-plan__year", "code", "id")[:LIMIT])
    return [Hit(title, code, str(year), _item_url(ItemType.TASK, pk)) for pk, title, code, year in rows]


def _sub_items(user, text: str) -> list[Hit]:
    rows = (LivelihoodSubItem.objects.filter(_scope_q(user, "item__plan__district", "units__organisation"))
            .filter(Q(title__icontains=text) | Q(item__title__icontains=text)
                    | Q(units__organisation__name__icontains=text) | Q(item__lead_unit__name__icontains=text))
            .values_list("id", "title", "item__number", "item__title", "item__plan__year").distinct()
            .order_by("-item__plan__year", "item__number", "order", "id")[:LIMIT])
    return [Hit(f"{item_title} · {title}", f"MS{number}", str(year), _item_url(ItemType.SUB_ITEM, pk))
            for pk, title, number, item_title, year in rows]


def _projects(user, text: str) -> list[Hit]:
    rows = (ProjectYear.objects.filter(_scope_q(user, "project__district", "project__lead_unit"))
            .filter(Q(project__name__icontains=text) | Q(project__code__icontains=text)
                    | Q(project__lead_unit__name__icontains=text) | Q(project__leader__name__icontains=text))
            .values_list("id", "project__name", "project__code", "year", "project__lead_unit__name")
            .order_by("-year", "project__code")[:LIMIT])
    return [Hit(name, code, f"{year} · {unit or '—'}", _item_url(ItemType.PROJECT_YEAR, pk))
            for pk, name, code, year, unit in rows]


def _indicators(user, text: str) -> list[Hit]:
    rows = (IndicatorTarget.objects.filter(_scope_q(user, "organisation", "units__organisation"))
            .filter(Q(indicator__name__icontains=text) | Q(indicator__code__icontains=text) | Q(text__icontains=text))
            .values_list("id", "indicator__name", "indicator__code", "year", "text").distinct()
            .order_by("-year", "indicator__code")[:LIMIT])
    return [Hit(name, code, f"{year} · {target}", _item_url(ItemType.INDICATOR_TARGET, pk))
            for pk, name, code, year, target in rows]


def _orders(user, text: str) -> list[Hit]:
    rows = (SupervisionOrder.objects.filter(_scope_q(user, "district", "units__organisation"))
            .filter(Q(title__icontains=text) | Q(number__icontains=text) | Q(units__organisation__name__icontains=text))
            .values_list("id", "title", "number", "state").distinct().order_by("-issued_at", "-id")[:LIMIT])
    return [Hit(title, number, state, reverse("tracking:order_detail", args=[pk])) for pk, title, number, state in rows]


KINDS = [
    ("task", _("Tasks"), _tasks),
    ("livelihood", _("Livelihood commitments"), _sub_items),
    ("project", _("Key projects"), _projects),
    ("indicator", _("Indicators"), _indicators),
    ("order", _("Supervision orders"), _orders),
]


def search(user, text: str) -> list[Group]:
    """Hits grouped by kind (kinds without hits left out); nothing for an empty query."""
    text = text.strip()
    if len(text) < MIN_LENGTH or not user.is_authenticated:
        return []
    groups = [Group(kind, str(label), find(user, text)) for kind, label, find in KINDS]
    return [g for g in groups if g.hits]
