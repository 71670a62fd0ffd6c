"""Reads of a bulletin: everything a kind needs for (district, date), loaded in a fixed number of queries.

Status comes only from duban.tracking.status (the same figures as ``duban status``); nothing is recomputed here.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils import timezone

from duban.org.models import Membership, Organisation, OrgKind, Role
from duban.tracking.items import load_items_by_ref
from duban.tracking.models import OrderState, Problem, SupervisionOrder
from duban.tracking.status import ItemStatus, NodeRollup, district_status, load_config, node_rollups


@dataclass(frozen=True)
class OrderRow:
    number: str
    title: str
    unit: str
    deadline: date
    closed: bool          # closed on or before the bulletin's date
    overdue: bool         # still open after its deadline at the bulletin's date


@dataclass(frozen=True)
class ProblemRow:
    item: str
    description: str
    unit: str
    leader: str
    deadline: date
    overdue: bool         # past its deadline at the bulletin's date


@dataclass
class BulletinData:
    district: Organisation
    issuer: str
    on_date: date
    year: int
    statuses: list[ItemStatus]
    unit_names: dict[int, str]
    nodes: list[NodeRollup]
    rollup_missing: str
    orders: list[OrderRow] = field(default_factory=list)
    problems: list[ProblemRow] = field(default_factory=list)


#: The office that issues each kind of bulletin, by the role its people hold; the supervision office otherwise.
ISSUER_ROLES = {"projects": (Role.PROJECT_OFFICE, Role.SUPERVISION_OFFICE)}
DEFAULT_ISSUER_ROLES = (Role.SUPERVISION_OFFICE,)


def issuer_of(district: Organisation, kind: str = "supervision") -> str:
    """The unit of the district whose people hold the issuing office's role for ``kind`` (督查室, or 重点办 for
    key-project bulletins); where the role is held in the district itself, its one office unit, if it has only
    one; else the district. Chosen by role and kind, never by the order of the tree."""
    holders = {}
    for role, org in (Membership.objects.filter(
            role__in=ISSUER_ROLES.get(kind, DEFAULT_ISSUER_ROLES), organisation__path__startswith=district.path)
            .exclude(organisation=district).order_by("organisation__order", "organisation__path")
            .values_list("role", "organisation__name")):
        holders.setdefault(role, org)
    for role in ISSUER_ROLES.get(kind, DEFAULT_ISSUER_ROLES):
        if role in holders:
            return holders[role]
    offices = list(Organisation.objects.filter(parent=district, kind=OrgKind.OFFICE).values_list("name", flat=True)[:2])
    return offices[0] if len(offices) == 1 else district.name


def orders_as_of(district: Organisation, on_date: date) -> list[OrderRow]:
    """Orders of the date's year issued by the end of ``on_date``, with their lead unit (one query + prefetch)."""
    end = timezone.make_aware(datetime.combine(on_date, time.max))
    start = timezone.make_aware(datetime.combine(date(on_date.year, 1, 1), time.min))
    orders = (SupervisionOrder.objects.filter(district=district, issued_at__gte=start, issued_at__lte=end)
              .prefetch_related("units__organisation").order_by("issued_at", "id"))
    rows = []
    for order in orders:
        units = sorted(order.units.all(), key=lambda u: (u.role != "lead", u.organisation.name))
        closed = order.state == OrderState.CLOSED and order.closed_at is not None and order.closed_at <= end
        rows.append(OrderRow(order.number, order.title, units[0].organisation.name if units else "—",
                             order.deadline, closed, not closed and order.deadline < on_date))
    return rows


def problems_open_at(district: Organisation, on_date: date) -> list[ProblemRow]:
    """Problems raised by the end of ``on_date`` and not resolved by then, earliest deadline first."""
    end = timezone.make_aware(datetime.combine(on_date, time.max))
    problems = list(Problem.objects.filter(district=district, raised_at__lte=end)
                    .exclude(resolved_at__lte=end).select_related("owner_unit", "leader", "tracked_item")
                    .order_by("deadline", "id"))
    titles = {ref: item.title for ref, item in load_items_by_ref([p.tracked_item.ref for p in problems]).items()}
    return [ProblemRow(titles.get(p.tracked_item.ref, "—"), p.description, p.owner_unit.name,
                       p.leader.name if p.leader else "—", p.deadline, p.deadline < on_date) for p in problems]


def unit_names(statuses: list[ItemStatus]) -> dict[int, str]:
    ids = {org for s in statuses for org, _role in s.item.units}
    return dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}


def bulletin_data(district: Organisation, on_date: date, *, year: int | None = None,
                  kind: str = "supervision") -> BulletinData:
    year = year or on_date.year
    statuses = district_status(district, on_date, year=year)
    missing = load_config(district).default.rollup_missing
    return BulletinData(
        district=district, issuer=issuer_of(district, kind), on_date=on_date, year=year, statuses=statuses,
        unit_names=unit_names(statuses), nodes=node_rollups(district, year, statuses, missing=missing),
        rollup_missing=missing, orders=orders_as_of(district, on_date), problems=problems_open_at(district, on_date),
    )


def by_key(rows, key):
    out = defaultdict(list)
    for row in rows:
        out[key(row)].append(row)
    return out
