"""Global search (title, code, unit, person) across tasks, livelihood sub-items, key projects, indicators and
supervision orders, grouped by kind and scoped by what the user may see (duban.org.permissions.Scope).

Every database matches a case-insensitive substring of the title, code, unit or person: Chinese titles have
no word boundaries, so a word-based full-text search would miss "学校" inside "新建学校"; a substring finds it.

On PostgreSQL (pg_trgm, installed by tracking's migration ``0009_perf_search_trigram`` with trigram indexes on
the titles) two things are added, the grouping staying the same:

- near misses of the title or code are found too, by trigram word similarity (``%>``, pg_trgm's threshold 0.6):
  "数字经济园" finds "数字经济产业园", "P00O12" finds "P00012"; only for queries of three characters or more;
- the hits of a kind come closest first (word similarity of the query to the title), then in the usual order.

Each kind is one query with a fixed limit, so a search costs the same whatever the district's size.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duban.indicators.models import IndicatorTarget
from duban.org.permissions import scope_of
from duban.plans.models import LivelihoodSubItem, Task
from duban.projects.models import ProjectYear
from duban.tracking.models import ItemType, OrderState, SupervisionOrder

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


#: Queries shorter than this match substrings only (trigrams of one or two characters say little).
FUZZY_MIN_LENGTH = 3


def trigram_search() -> bool:
    """Whether near misses and ranking are used: on PostgreSQL (where the migration installs pg_trgm)."""
    return connection.vendor == "postgresql"


def _near(text: str, *fields: str) -> Q:
    """A case-insensitive substring of any of the fields (every database)."""
    q = Q()
    for name in fields:
        q |= Q(**{f"{name}__icontains": text})
    return q


def _fuzzy(text: str, *fields: str) -> Q:
    """On PostgreSQL, for a query of FUZZY_MIN_LENGTH characters or more: a near miss of any of the fields."""
    q = Q()
    if trigram_search() and len(text) >= FUZZY_MIN_LENGTH:
        for name in fields:
            q |= Q(**{f"{name}__trigram_word_similar": text})
    return q


def _rows(queryset, text: str, title: str, fields: tuple, order: tuple) -> list[tuple]:
    """The first LIMIT distinct rows of ``fields``: closest title first on PostgreSQL, else in ``order``."""
    if trigram_search():
        from django.contrib.postgres.search import TrigramWordSimilarity  # noqa: PLC0415 - PostgreSQL only

        rows = (queryset.annotate(closeness=TrigramWordSimilarity(text, title))
                .values_list(*fields, "closeness").distinct().order_by("-closeness", *order)[:LIMIT])
        return [row[:-1] for row in rows]
    return list(queryset.values_list(*fields).distinct().order_by(*order)[:LIMIT])


def _item_url(item_type: str, item_id: int) -> str:
    return reverse("tracking:item_detail", args=[item_type, item_id])


def _tasks(user, text: str) -> list[Hit]:
    rows = _rows(Task.objects.filter(_scope_q(user, "plan__district", "units__organisation"))
                 .filter(_near(text, "title", "code", "units__organisation__name") | _fuzzy(text, "title", "code")),
                 text, "title", ("id", "title", "code", "plan__year"), ("-plan__year", "code", "id"))
    return [Hit(title, code, str(year), _item_url(ItemType.TASK, pk)) for pk, title, code, year in rows]


def _sub_items(user, text: str) -> list[Hit]:
    rows = _rows(LivelihoodSubItem.objects.filter(_scope_q(user, "item__plan__district", "units__organisation"))
                 .filter(_near(text, "title", "item__title", "units__organisation__name", "item__lead_unit__name")
                         | _fuzzy(text, "title", "item__title")),
                 text, "title", ("id", "title", "item__number", "item__title", "item__plan__year"),
                 ("-item__plan__year", "item__number", "order", "id"))
    return [Hit(f"{item_title} · {title}", f"MS{number}", str(year), _item_url(ItemType.SUB_ITEM, pk))
            for pk, title, number, item_title, year in rows]


def _projects(user, text: str) -> list[Hit]:
    rows = _rows(ProjectYear.objects.filter(_scope_q(user, "project__district", "project__lead_unit"))
                 .filter(_near(text, "project__name", "project__code", "project__lead_unit__name",
                               "project__leader__name") | _fuzzy(text, "project__name", "project__code")),
                 text, "project__name", ("id", "project__name", "project__code", "year", "project__lead_unit__name"),
                 ("-year", "project__code", "id"))
    return [Hit(name, code, f"{year} · {unit or '—'}", _item_url(ItemType.PROJECT_YEAR, pk))
            for pk, name, code, year, unit in rows]


def _indicators(user, text: str) -> list[Hit]:
    rows = _rows(IndicatorTarget.objects.filter(_scope_q(user, "organisation", "units__organisation"))
                 .filter(_near(text, "indicator__name", "indicator__code", "text")
                         | _fuzzy(text, "indicator__name", "indicator__code")),
                 text, "indicator__name", ("id", "indicator__name", "indicator__code", "year", "text"),
                 ("-year", "indicator__code", "id"))
    return [Hit(name, code, f"{year} · {target}", _item_url(ItemType.INDICATOR_TARGET, pk))
            for pk, name, code, year, target in rows]


def _orders(user, text: str) -> list[Hit]:
    rows = _rows(SupervisionOrder.objects.filter(_scope_q(user, "district", "units__organisation"))
                 .filter(_near(text, "title", "number", "units__organisation__name") | _fuzzy(text, "title", "number")),
                 text, "title", ("id", "title", "number", "state", "issued_at"), ("-issued_at", "-id"))
    return [Hit(title, number, _state_label(state), reverse("tracking:order_detail", args=[pk]))
            for pk, title, number, state, _issued in rows]


def _state_label(state: str) -> str:
    """An order's state as a person reads it (已签收), not its stored code (signed)."""
    return str(OrderState(state).label) if state in OrderState.values else state


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
