"""Reads for tracking's screens: my updates, the review queue, an item's history, visible orders."""

from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from duban.core import dates
from duban.core.people import display_name
from duban.org.models import Organisation
from duban.org.permissions import scope_of
from duban.indicators.models import IndicatorTarget
from duban.plans.models import LivelihoodSubItem, Plan, Satisfaction, Task, WorkSource
from duban.projects import progress
from duban.projects.models import ExpropriationTask, Milestone, Procedure, Project, ProjectYear

from . import permissions
from .items import TrackedItem, items_stamp, load_items, load_items_by_ref
from .models import (
    OPEN_ORDER_STATES, ExtensionRequest, ItemType, OrderState, Problem, ProblemState, ReceivedRank, Reminder, Report,
    ReportEvent, ReportState, SupervisionOrder,
)
from .status import REPORT_FIELDS, Figures, compute_statuses, load_config
from .periods import Period, closed_periods, due_date, period_by_key, period_of, reporting_period


def visible_districts(user) -> list[Organisation]:
    """Districts whose items the user sees at least partly: whole districts, or the districts of their units."""
    scope = scope_of(user)
    whole = list(scope.districts.order_by("path"))
    if whole:
        return whole
    ids = {m.organisation.district.pk for m in scope.memberships if m.organisation.district}
    return list(Organisation.objects.filter(pk__in=ids).order_by("path"))


def pick_district(user, requested_id: int | None) -> Organisation | None:
    districts = visible_districts(user)
    chosen = next((d for d in districts if d.pk == requested_id), None)
    return chosen or (districts[0] if districts else None)


def default_year(district: Organisation | None, today: date | None = None) -> int:
    """The latest published plan year up to this year (the demo's plan may be an earlier year); a draft plan
    built by report review becomes the default only when the office publishes it."""
    today = today or dates.today()
    if district is None:
        return today.year
    year = Plan.objects.filter(district=district, year__lte=today.year, is_draft=False).order_by("-year").values_list("year", flat=True).first()
    return year or today.year


def shown_year(user, district: Organisation | None, asked: int | None, today: date | None = None) -> tuple[int, bool]:
    """The plan year a page shows: the year asked for, else the default year.

    A draft plan's year (built by report review, before the office publishes it) is not shown to a user who may
    not see drafts: they get the default year instead. The second value says the year asked was refused, so
    the page can say why it shows another year."""
    if asked is None or district is None:
        return asked or default_year(district, today), False
    if (Plan.objects.filter(district=district, year=asked, is_draft=True).exists()
            and not permissions.can_view_draft_plans(user, district)):
        return default_year(district, today), True
    return asked, False


def unpublished_year_note(asked: int, shown: int) -> str:
    """What a page says when it shows ``shown`` instead of the draft year ``asked`` (see ``shown_year``)."""
    return _("The %(asked)s plan is not published yet; showing %(shown)s.") % {"asked": asked, "shown": shown}


def default_date(year: int, today: date | None = None) -> date:
    today = today or dates.today()
    return min(today, date(year, 12, 31)) if today.year >= year else date(year, 1, 31)


@dataclass(frozen=True)
class UpdateRow:
    item: TrackedItem
    period: Period
    due: date
    state: str            # done | submitted | returned | due | overdue | open
    latest: Report | None


def _row_state(latest: Report | None, confirmed: bool, due: date, on_date: date, closed: bool) -> str:
    if latest is not None and latest.state == ReportState.SUBMITTED:
        return "submitted"
    if confirmed:
        return "done"
    if latest is not None and latest.state == ReportState.RETURNED:
        return "returned"
    if not closed:
        return "open"
    return "overdue" if on_date > due else "due"


def my_updates(user, district: Organisation, year: int, on_date: date) -> list[UpdateRow]:
    """For each item the user reports on: the current period and every earlier period still without a report."""
    scope = scope_of(user)
    items = [i for i in load_items(district=district, year=year)
             if scope.is_superuser or i.counting_unit_ids & scope.reporting_unit_ids]
    reports = Report.objects.filter(district=district, year=year).filter(
        Q(item_type__in={i.type for i in items}, item_id__in={i.id for i in items})
    ).order_by("version")
    latest, confirmed = {}, set()
    for report in reports:
        key = (report.item_type, report.item_id, report.period_key)
        latest[key] = report
        if report.state == ReportState.CONFIRMED:
            confirmed.add(key)
    rows = []
    for item in items:
        current = reporting_period(item.frequency, item.year, on_date, item.deadline)
        periods = list(closed_periods(item.frequency, item.year, on_date, item.deadline))
        running = period_of(item.frequency, on_date, item.year, item.deadline)
        if running and running not in periods and running == current:
            periods.append(running)
        for period in periods:
            key = (item.type, item.id, period.key)
            due = due_date(period)
            state = _row_state(latest.get(key), key in confirmed, due, on_date, period.end <= on_date)
            if period == current or state in ("due", "overdue", "returned", "submitted"):
                rows.append(UpdateRow(item, period, due, state, latest.get(key)))
    order = {"overdue": 0, "returned": 1, "due": 2, "open": 3, "submitted": 4, "done": 5}
    return sorted(rows, key=lambda r: (order[r.state], r.due, r.item.title))


@dataclass
class QueueRow:
    report: Report
    item: TrackedItem | None
    context: object = None

    @property
    def period_label(self) -> str:
        """'2024年6月' rather than the key '2024-06'."""
        deadline = self.item.deadline if self.item else None
        try:
            return str(period_by_key(self.report.frequency, self.report.period_key, deadline).label)
        except ValueError:
            return self.report.period_key


#: The one figure of a report the review queue compares with the last confirmed one, by kind of item.
MAIN_FIGURE = {ItemType.PROJECT_YEAR: "invest_ytd", ItemType.TASK: "value", ItemType.SUB_ITEM: "value",
               ItemType.INDICATOR_TARGET: "value", ItemType.EXPROPRIATION: "signed_households"}


def main_figure(report: Report | None):
    if report is None:
        return None
    value = getattr(report, MAIN_FIGURE.get(report.item_type, "value"))
    if value is None and report.item_type in (ItemType.TASK, ItemType.SUB_ITEM):
        value = report.percent
    return value


@dataclass(frozen=True)
class ReviewContext:
    """What a reviewer weighs a submitted report against."""
    previous: Report | None          # latest confirmed version of an earlier period
    figure: object                   # the report's main figure (year-to-date investment, cumulative value…)
    previous_figure: object
    change: object                   # figure − previous figure
    time_progress_pct: Decimal | None
    completion_pct: Decimal | None   # what the item's completion would be if this report were confirmed


def _previous_confirmed(pending: list[Report]) -> dict[int, Report]:
    """For each pending report, the latest confirmed version of an earlier period of its item (one query)."""
    if not pending:
        return {}
    refs = Q()
    for item_type, ids in _ids_by_type(pending).items():
        refs |= Q(item_type=item_type, item_id__in=ids)
    confirmed = list(Report.objects.latest_confirmed().filter(refs).order_by("period_end"))
    out = {}
    for report in pending:
        earlier = [c for c in confirmed if c.item_type == report.item_type and c.item_id == report.item_id
                   and c.period_end < report.period_end]
        if earlier:
            out[report.pk] = earlier[-1]
    return out


def _ids_by_type(reports) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for report in reports:
        out.setdefault(report.item_type, set()).add(report.item_id)
    return out


def _context_for(rows: list["QueueRow"], previous: dict[int, Report], district: Organisation) -> None:
    """Time progress at each report's period end and the completion its figures would give (pure rules)."""
    config = load_config(district)
    for row in rows:
        r = row.report
        before = previous.get(r.pk)
        figure, prior = main_figure(r), main_figure(before)
        status = None
        if row.item is not None:
            figs = [Figures(*[getattr(x, f) for f in REPORT_FIELDS[2:]]) for x in (before, r) if x is not None]
            status = compute_statuses([row.item], {row.item.ref: figs}, config, {}, r.period_end)[0]
        row.context = (ReviewContext(
            before, figure, prior, figure - prior if figure is not None and prior is not None else None,
            status.time_progress_pct if status else None, status.completion_pct if status else None))


def review_queue(user, district: Organisation) -> list[QueueRow]:
    """Submitted reports with what a reviewer needs beside them: plan, last confirmed figure and the change,
    time progress. A fixed number of queries whatever the length of the queue."""
    pending = list(Report.objects.filter(district=district, state=ReportState.SUBMITTED)
                   .select_related("unit", "submitted_by").prefetch_related("evidence").order_by("submitted_at"))
    pending = [r for r in pending if permissions.can_review_report(user, r)]
    items = load_items_by_ref([(r.item_type, r.item_id) for r in pending])
    rows = [QueueRow(r, items.get((r.item_type, r.item_id))) for r in pending]
    _context_for(rows, _previous_confirmed(pending), district)
    return rows


def item_reports(item: TrackedItem) -> QuerySet[Report]:
    """Every version of every period, newest first, with its events (and their actors) and evidence."""
    return (Report.objects.for_item(item.type, item.id).select_related("submitted_by", "reviewed_by", "unit")
            .prefetch_related(Prefetch("events", queryset=ReportEvent.objects.select_related("actor")), "evidence")
            .order_by("-period_end", "-version"))


def previous_figures(item: TrackedItem, period: Period) -> Report | None:
    """The latest confirmed report before a period (shown beside the submit form)."""
    return (Report.objects.for_item(item.type, item.id).latest_confirmed().filter(period_end__lt=period.end)
            .order_by("-period_end").first())


def visible_orders(user, district: Organisation, *, state: str = "") -> QuerySet[SupervisionOrder]:
    scope = scope_of(user)
    orders = SupervisionOrder.objects.filter(district=district).prefetch_related("units__organisation")
    if not permissions.can_view_district_status(user, district):
        orders = orders.filter(units__organisation_id__in=scope.unit_ids).distinct()
    if state == "open":
        orders = orders.filter(state__in=OPEN_ORDER_STATES)
    elif state:
        orders = orders.filter(state=state)
    return orders.order_by("-issued_at", "-id")


def received_ranks_for(user) -> list:
    """Ranks received by the districts the user sees (and their units), newest first."""
    districts = scope_of(user).districts
    if not districts:
        return []
    query = Q()
    for district in districts:
        query |= Q(organisation__path__startswith=district.path)
    return list(ReceivedRank.objects.filter(query).select_related("organisation", "awarded_by"))


@dataclass
class SourceCount:
    kind: str
    label: str
    items: int
    done: int
    red: int
    yellow: int
    replies_overdue: int
    satisfied: int


def supervised_work_by_source(district: Organisation, year: int, statuses: list, on_date: date):
    """The year's tasks counted by where they came from, and the registered ones (not from the report) as rows."""
    tasks = list(Task.objects.filter(plan__district=district, plan__year=year)
                 .prefetch_related("units__organisation").order_by("source_kind", "code"))
    light_of = {s.item.id: s for s in statuses if s.item.type == "task"}
    summary = []
    for kind, label in WorkSource.choices:
        mine = [t for t in tasks if t.source_kind == kind]
        lights = [light_of[t.pk].light for t in mine if t.pk in light_of]
        summary.append(SourceCount(
            kind, label, len(mine), lights.count("done"), lights.count("red"), lights.count("yellow"),
            sum(1 for t in mine if t.reply_deadline and t.reply_deadline < on_date and not t.satisfaction),
            sum(1 for t in mine if t.satisfaction == Satisfaction.SATISFIED)))
    rows = [(t, light_of.get(t.pk)) for t in tasks if t.source_kind != WorkSource.REPORT]
    return [s for s in summary if s.items], rows
def latest_version(item: TrackedItem, period: Period) -> Report | None:
    """The newest version of one period's report (returned, submitted or confirmed): the form starts from it."""
    return Report.objects.for_item(item.type, item.id).filter(period_key=period.key).order_by("-version").first()


# ---------------------------------------------------------------------------------------------------------
# The item page


@dataclass(frozen=True)
class Change:
    at: object
    who: str
    what: str          # "+" created, "~" changed, "-" deleted
    fields: list[str]


def _history_model(item: TrackedItem):
    """The model whose simple-history tells the changes to the item itself (None where it keeps none)."""
    model = {ItemType.PROJECT_YEAR: ProjectYear, ItemType.TASK: Task, ItemType.SUB_ITEM: LivelihoodSubItem,
             ItemType.INDICATOR_TARGET: IndicatorTarget, ItemType.EXPROPRIATION: ExpropriationTask}[item.type]
    return model if hasattr(model, "history") else None


def item_changes(item: TrackedItem, limit: int = 50) -> list[Change]:
    """Changes to the item's own record (plan, target, deadline…), newest first, with the fields that changed."""
    model = _history_model(item)
    if model is None:
        return []
    records = list(model.history.filter(id=item.id).select_related("history_user").order_by("-history_date")[:limit + 1])
    out = []
    for record, older in zip(records, records[1:] + [None]):
        if len(out) == limit:
            break
        fields = []
        if older is not None and record.history_type == "~":
            fields = [str(model._meta.get_field(c.field).verbose_name) for c in record.diff_against(older).changes]
        who = display_name(record.history_user)
        out.append(Change(record.history_date, who, record.history_type, fields))
    return out


def item_unit_names(item: TrackedItem) -> list[tuple[str, str]]:
    """(unit name, role) in the item's order: lead, responsible, cooperating."""
    names = dict(Organisation.objects.filter(pk__in=item.unit_ids).values_list("pk", "name"))
    return [(names.get(org_id, ""), role) for org_id, role in item.units]


def item_project_facts(item: TrackedItem) -> dict:
    """A key project's facts beyond its year: leader in charge, milestones planned vs actual, expropriation."""
    project_id = item.attrs.get("project_id")
    if item.type != ItemType.PROJECT_YEAR or not project_id:
        return {}
    project = Project.objects.select_related("leader", "category", "area", "lead_unit").get(pk=project_id)
    return {
        "project": project,
        "milestones": list(Milestone.objects.filter(project_id=project_id).order_by("order")),
        "procedures": list(Procedure.objects.filter(project_id=project_id).select_related("unit")
                           .order_by("planned_date", "id")),
        "expropriations": list(ExpropriationTask.objects.filter(project_id=project_id).order_by("year", "name")),
    }


def item_reminders(item: TrackedItem) -> QuerySet:
    """Reminders sent about this item from the not-reported list (their keys name the item)."""
    return Reminder.objects.filter(key__contains=f":{item.type}:{item.id}:").order_by("-sent_at")[:50]


def item_page(item: TrackedItem) -> dict:
    return {
        "units": item_unit_names(item), "changes": item_changes(item), "reminders": item_reminders(item),
        **item_project_facts(item),
    }


# ---------------------------------------------------------------------------------------------------------
# Not reported (未报清单)


@dataclass(frozen=True)
class MissingRow:
    unit_id: int
    unit_name: str
    item: TrackedItem
    period: Period
    due: date
    days_overdue: int

    @property
    def key(self) -> str:
        """unit:item type:item id:period — what the reminder form posts back."""
        return f"{self.unit_id}:{self.item.type}:{self.item.id}:{self.period.key}"


def _reported(district: Organisation, year: int):
    return Report.objects.filter(district=district, year=year,
                                 state__in=(ReportState.SUBMITTED, ReportState.CONFIRMED))


#: The last lists computed, per process: {(database, district, year, day, period): (stamp, rows)}, answered
#: again while the district's change stamp (``items.items_stamp``: items, units and reports) is unchanged
#: (PostgreSQL outside a transaction; elsewhere every request computes).
_NOT_REPORTED: "OrderedDict[tuple, tuple[tuple, list]]" = OrderedDict()


def not_reported(district: Organisation, year: int, on_date: date, *, period_key: str = "") -> list[MissingRow]:
    """Units × items × closed periods past their due date with no submitted or confirmed report, most overdue
    first. A fixed number of queries: the items, the reports of the year, the unit names; on PostgreSQL the
    change stamp first, and the list of the last request when it is unchanged (the list is shared: read it)."""
    from django.db import connection  # noqa: PLC0415

    stamp = items_stamp(district)
    if stamp is None:
        return _not_reported(district, year, on_date, period_key)
    key = (connection.settings_dict["NAME"], district.pk, year, on_date, period_key)
    cached = _NOT_REPORTED.get(key)
    if cached is not None and cached[0] == stamp:
        _NOT_REPORTED.move_to_end(key)
        return cached[1]
    rows = _not_reported(district, year, on_date, period_key)
    _NOT_REPORTED[key] = (stamp, rows)
    while len(_NOT_REPORTED) > 32:
        _NOT_REPORTED.popitem(last=False)
    return rows


def _not_reported(district: Organisation, year: int, on_date: date, period_key: str) -> list[MissingRow]:
    items = load_items(district=district, year=year)
    reported = set(_reported(district, year).values_list("item_type", "item_id", "period_key"))
    pending = []
    for item in items:
        for period in closed_periods(item.frequency, item.year, on_date, item.deadline):
            due = due_date(period)
            if due >= on_date or (period_key and period.key != period_key):
                continue
            if (item.type, item.id, period.key) not in reported:
                pending.append((item, period, due))
    unit_ids = {org for item, _p, _d in pending for org in item.counting_unit_ids}
    names = dict(Organisation.objects.filter(pk__in=unit_ids).values_list("pk", "name")) if unit_ids else {}
    rows = [MissingRow(org, names.get(org, ""), item, period, due, (on_date - due).days)
            for item, period, due in pending for org in sorted(item.counting_unit_ids)]
    return sorted(rows, key=lambda r: (-r.days_overdue, r.unit_name, r.item.code, r.item.id))


# ---------------------------------------------------------------------------------------------------------
# The reporter's workspace


@dataclass(frozen=True)
class UpdateGroup:
    item: TrackedItem
    rows: list[UpdateRow]
    next_due: date | None     # the earliest due date still to report (overdue, returned, due or in progress)
    returned: int             # periods sent back for correction


STATE_ORDER = {"overdue": 0, "returned": 1, "due": 2, "open": 3, "submitted": 4, "done": 5}


def group_updates(rows: list[UpdateRow]) -> list[UpdateGroup]:
    """My updates by item, the item with the most urgent row first, each item's rows in the same order."""
    by_item: dict[tuple[str, int], list[UpdateRow]] = {}
    for row in rows:
        by_item.setdefault(row.item.ref, []).append(row)
    groups = []
    for item_rows in by_item.values():
        pending = [r.due for r in item_rows if r.state in ("overdue", "returned", "due", "open")]
        groups.append(UpdateGroup(item_rows[0].item, item_rows, min(pending) if pending else None,
                                  sum(1 for r in item_rows if r.state == "returned")))
    return sorted(groups, key=lambda g: (min(STATE_ORDER[r.state] for r in g.rows), g.next_due or date.max,
                                         g.item.title))


def my_orders(user, district: Organisation) -> dict[str, list]:
    """Open supervision orders where the user's unit leads: to sign, to answer; and the user's pending
    extension requests."""
    scope = scope_of(user)
    orders = list(SupervisionOrder.objects.filter(
        district=district, state__in=(OrderState.ISSUED, OrderState.SIGNED, OrderState.RETURNED),
        units__organisation_id__in=scope.reporting_unit_ids, units__role="lead",
    ).distinct().order_by("deadline", "pk"))
    return {
        "to_sign": [o for o in orders if o.state == OrderState.ISSUED],
        "to_answer": [o for o in orders if o.state in (OrderState.SIGNED, OrderState.RETURNED)],
        "extensions": list(ExtensionRequest.objects.filter(requested_by=user, order__district=district)
                           .select_related("order").order_by("-requested_at")[:20]),
    }


# ---------------------------------------------------------------------------------------------------------
# Problems (问题清单)


def problems_visible(user, district: Organisation):
    """The district's problems the user may see: all of them for the district's offices and leaders, else
    those their units own."""
    rows = (Problem.objects.filter(district=district)
            .select_related("owner_unit", "leader", "tracked_item", "raised_by").prefetch_related("events"))
    if not permissions.sees_all_problems(user, district):
        rows = rows.filter(owner_unit_id__in=scope_of(user).unit_ids)
    return rows


def filter_problems(rows, *, unit_id: int | None, state: str, overdue: bool, on_date):
    if unit_id:
        rows = rows.filter(owner_unit_id=unit_id)
    if state in ProblemState.values:
        rows = rows.filter(state=state)
    if overdue:
        rows = rows.overdue(on_date)
    return rows


def item_problems(item: TrackedItem) -> list:
    """The problems of an item, open first, with their log."""
    return list(Problem.objects.filter(tracked_item__type=item.type, tracked_item__object_id=item.id)
                .select_related("owner_unit", "leader", "raised_by").prefetch_related("events__actor")
                .order_by("state", "deadline", "id"))


def latest_physical_progress(reports) -> Report | None:
    """The latest confirmed report of a key project that describes its physical progress (形象进度), among its
    reports newest first (``item_reports``: read once for the item page)."""
    return next((r for r in reports if r.state == ReportState.CONFIRMED and r.physical_progress), None)


def project_inconsistencies(district: Organisation) -> list[tuple[Project, list[str]]]:
    """Key projects whose stage, start or milestones contradict their investment, with what is wrong. The
    investment since the start is the latest confirmed report's, else the latest year's investment before it."""
    projects = list(Project.objects.filter(district=district).prefetch_related("milestones").order_by("code"))
    years = {pk: (project_id, before) for pk, project_id, before in
             ProjectYear.objects.filter(project__district=district).order_by("year").values_list(
                 "pk", "project_id", "invested_before")}
    invested = {project_id: before for project_id, before in years.values()}
    latest = (Report.objects.filter(district=district, item_type=ItemType.PROJECT_YEAR, state=ReportState.CONFIRMED,
                                    invest_since_start__isnull=False)
              .order_by("period_end", "version").values_list("item_id", "invest_since_start"))
    for item_id, since_start in latest:
        if item_id in years:
            invested[years[item_id][0]] = since_start
    out = []
    for project in projects:
        found = progress.inconsistencies(project, list(project.milestones.all()), invested.get(project.pk))
        if found:
            out.append((project, found))
    return out
