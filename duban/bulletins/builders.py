"""Each KIND of bulletin as a pure function: BulletinData (figures of a district at a date) → Bulletin.

Figures come from duban.tracking.status (district_status, double_half_totals, node_rollups, unit_metrics) and
sums go through duban.tracking.rules (sum_ratio, gap, double_half), so a bulletin says what ``duban status``
says for the same district and date.
"""

from collections import Counter
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from duban.core.numbers import format_day, format_percent, format_points, format_wanyuan_fixed
from duban.projects.models import ProjectLevel
from duban.tracking import rules
from duban.tracking.models import ItemType, Light
from duban.tracking.status import ItemStatus, double_half_totals, unit_metrics

from . import sentences as say
from .content import Bulletin, Chart, Section, Table
from .kinds import KINDS
from .selectors import BulletinData, by_key

LAGGING = (rules.RED, rules.YELLOW)
LEVEL_ORDER = [ProjectLevel.PROVINCE, ProjectLevel.CITY, ProjectLevel.DISTRICT]
SUBJECTS = {
    "projects": _lazy("key projects' progress"),
    "half-year": _lazy("first-half progress of the year's work"),
    "livelihood": _lazy("livelihood commitments' progress"),
    "supervision": _lazy("supervision orders' handling"),
    "year-end": _lazy("year's work"),
}


# ---------------------------------------------------------------------------------------------------------
# Shared pieces


def of_type(statuses: list[ItemStatus], item_type: str) -> list[ItemStatus]:
    return [s for s in statuses if s.item.type == item_type]


def planned_projects(statuses: list[ItemStatus]) -> list[ItemStatus]:
    """Key projects with a positive annual investment plan (reserve and preparation projects have none)."""
    return [s for s in of_type(statuses, ItemType.PROJECT_YEAR) if s.item.target and s.item.target > 0]


def group_time_progress(statuses: list[ItemStatus], data: BulletinData) -> Decimal:
    """The time progress the items share; months/12 at the date when curves make them differ."""
    values = {s.time_progress_pct for s in statuses if s.time_progress_pct is not None}
    return values.pop() if len(values) == 1 else rules.time_progress(data.on_date, data.year)


def investment(projects: list[ItemStatus], data: BulletinData) -> say.Investment:
    rate, _formula = rules.sum_ratio([(s.actual, s.item.target) for s in projects])
    judged = [s for s in projects if s.double_half is not None]
    june = sum((s.ytd_june or Decimal(0) for s in judged), Decimal(0))
    june_plan = sum((s.item.target for s in judged), Decimal(0))
    return say.Investment(
        count=len(projects), ytd=sum((s.actual or Decimal(0) for s in projects), Decimal(0)),
        plan=sum((s.item.target for s in projects), Decimal(0)), rate=rate,
        gap_pp=rules.gap(rate, group_time_progress(projects, data)),
        double_half=rules.double_half(june, june_plan) if judged else None,
    )


def investment_paragraphs(projects: list[ItemStatus], data: BulletinData) -> list[str]:
    """The whole portfolio, then one sentence per level (省级/市级/区级) that has projects."""
    out = [say.investment_sentence(investment(projects, data))]
    levels = by_key(projects, lambda s: s.item.level)
    for level in LEVEL_ORDER:
        if levels.get(level):
            out.append(say.investment_sentence(investment(levels[level], data), str(level.label)))
    return out


def light_counts(statuses: list[ItemStatus]) -> dict[str, int]:
    return dict(Counter(s.light for s in statuses))


def lagging(statuses: list[ItemStatus]) -> list[ItemStatus]:
    """Red first, then yellow; furthest behind first."""
    behind = [s for s in statuses if s.light in LAGGING]
    return sorted(behind, key=lambda s: (-rules.SEVERITY[s.light], s.gap_pp if s.gap_pp is not None else 0, s.item.code))


def lagging_lines(statuses: list[ItemStatus]) -> list[str]:
    rows = lagging(statuses)
    if not rows:
        return [_("No item is behind time progress.")]
    return [say.lagging_line(i, s.item.title, s.unit_name, s.reasons) for i, s in enumerate(rows, 1)]


def units_verdict(statuses: list[ItemStatus], data: BulletinData) -> list[str]:
    """Units praised (no yellow or red item, on or ahead of time progress) and units named for delay."""
    metrics = unit_metrics(statuses, missing=data.rollup_missing)

    def name(org_id: int) -> str:
        return data.unit_names.get(org_id, "—")

    praised = sorted(name(u) for u, m in metrics.items()
                     if not m["red_count"] and not m["yellow_count"] and m["gap_pp"] is not None and m["gap_pp"] >= 0)
    named = sorted(((name(u), int(m["red_count"]), int(m["yellow_count"])) for u, m in metrics.items()
                    if m["red_count"] or m["yellow_count"]), key=lambda t: (-t[1], -t[2], t[0]))
    return [say.praise_sentence(praised), say.named_sentence(named)]


def status_table(statuses: list[ItemStatus], *, money: bool = False) -> Table:
    columns = [_("Item"), _("Unit")]
    columns += [_("Year to date"), _("Annual plan")] if money else []
    columns += [_("Completion rate"), _("Time progress"), _("Gap"), _("Light")]
    rows = []
    for s in statuses:
        row = [s.item.title, s.unit_name or "—"]
        row += [format_wanyuan_fixed(s.actual), format_wanyuan_fixed(s.item.target)] if money else []
        row += [format_percent(s.completion_pct), format_percent(s.time_progress_pct), format_points(s.gap_pp),
                str(Light(s.light).label)]
        rows.append(row)
    widths = [3, 1.6, 1.2, 1.2, 1, 1, 1, 0.8] if money else [3.4, 1.6, 1, 1, 1, 0.8]
    return Table(columns, rows, widths)


def completion_chart(title: str, labels: list[str], values: list[Decimal | None], reference: Decimal | None) -> Chart:
    return Chart(title, labels, [float(v or 0) for v in values],
                 float(reference) if reference is not None else None, _("Time progress"))


def numbered(headings_and_sections: list[Section]) -> list[Section]:
    """'一、总体情况': the offices number their headings with Chinese numerals."""
    numerals = _("1 2 3 4 5 6 7 8 9 10").split()
    for i, section in enumerate(headings_and_sections):
        section.heading = _("%(number)s. %(heading)s") % {"number": numerals[i], "heading": section.heading}
    return headings_and_sections


def intro(kind: str, data: BulletinData) -> str:
    """'现将截至2024年6月30日市中区重点项目推进情况通报如下：'"""
    return _("The %(subject)s of %(district)s as of %(day)s are reported as follows:") % {
        "subject": SUBJECTS[kind], "district": data.district.name, "day": format_day(data.on_date)}


def bulletin(kind: str, data: BulletinData, summary: list[str], sections: list[Section]) -> Bulletin:
    title = _("%(district)s %(kind)s (as of %(day)s)") % {
        "district": data.district.name, "kind": KINDS[kind], "day": format_day(data.on_date)}
    return Bulletin(kind, title, data.district.name, data.issuer, data.on_date, format_day(data.on_date),
                    summary, numbered(sections))


# ---------------------------------------------------------------------------------------------------------
# The five kinds


def build_projects(data: BulletinData) -> Bulletin:
    """重点项目月通报: investment against plan and time progress, by category, lagging projects, units."""
    projects = planned_projects(data.statuses)
    all_projects = of_type(data.statuses, ItemType.PROJECT_YEAR)
    tp = group_time_progress(projects, data) if projects else rules.time_progress(data.on_date, data.year)
    by_category = sorted(by_key(projects, lambda s: s.item.category or "—").items())
    rates = [rules.sum_ratio([(s.actual, s.item.target) for s in group])[0] for _c, group in by_category]
    category_table = Table(
        [_("Category"), _("Projects"), _("Year to date"), _("Annual plan"), _("Completion rate")],
        [[c, str(len(g)), format_wanyuan_fixed(sum((s.actual or 0 for s in g), Decimal(0))),
          format_wanyuan_fixed(sum((s.item.target for s in g), Decimal(0))), format_percent(r)]
         for (c, g), r in zip(by_category, rates)], [2, 1, 1.5, 1.5, 1.2])
    overview = Section(_("Overall progress"), investment_paragraphs(projects, data)
                       + [say.lights_sentence(light_counts(all_projects))],
                       chart=completion_chart(_("Completion rate by category"), [c for c, _g in by_category], rates, tp))
    sections = [
        overview,
        Section(_("Progress by category"), [], table=category_table),
        Section(_("Projects behind time progress"), lagging_lines(projects),
                table=status_table(lagging(projects), money=True) if lagging(projects) else None),
        Section(_("Units commended and named"), units_verdict(all_projects, data)),
        problem_section(data),
    ]
    return bulletin("projects", data, [intro("projects", data)], sections)


def problem_section(data: BulletinData) -> Section:
    """问题清单: the problems still open at the bulletin's date, their owner units, leaders and deadlines."""
    rows = data.problems
    if not rows:
        return Section(_("Problems to solve"), [_("No problem is open.")])
    overdue = sum(1 for r in rows if r.overdue)
    sentence = _("%(n)s problems are open, %(overdue)s of them past their deadline.") % {"n": len(rows), "overdue": overdue}
    table = Table([_("Item"), _("Problem"), _("Owner unit"), _("Leader in charge"), _("Deadline")],
                  [[r.item, r.description, r.unit, r.leader,
                    format_day(r.deadline) + (_(" (overdue)") if r.overdue else "")] for r in rows],
                  [2, 3, 1.5, 1.2, 1.5])
    return Section(_("Problems to solve"), [sentence], table=table)


def build_half_year(data: BulletinData) -> Bulletin:
    """半年评议通报: 双过半 by unit and category, work-system progress, lights, lagging items, units."""
    projects = planned_projects(data.statuses)
    dh_units = double_half_totals(data.statuses, "unit")
    dh_table = Table([_("Unit"), _("Projects"), _("Met"), _("First half"), _("Annual plan"), _("Rate")],
                     [[t.key, str(t.projects), str(t.met), format_wanyuan_fixed(t.ytd_june), format_wanyuan_fixed(t.plan),
                       format_percent(t.rate)] for t in dh_units], [2, 1, 1, 1.4, 1.4, 1])
    top_nodes = [n for n in data.nodes if n.depth == 0] or data.nodes
    node_table = Table([_("Work-system node"), _("Progress"), _("Formula")],
                       [[f"{n.code} {n.title}", format_percent(n.result.value), n.result.formula] for n in data.nodes],
                       [2.5, 1, 4])
    overview = Section(_("Overall progress"), [say.lights_sentence(light_counts(data.statuses))]
                       + (investment_paragraphs(projects, data) if projects else []))
    sections = [
        overview,
        Section(_("Half the task by half the year, by unit"), [], table=dh_table,
                chart=completion_chart(_("First-half rate by unit"), [t.key for t in dh_units],
                                       [t.rate for t in dh_units], Decimal(50))),
        Section(_("Work-system progress"), [], table=node_table,
                chart=completion_chart(_("Work-system progress"), [n.title for n in top_nodes],
                                       [n.result.value for n in top_nodes], group_time_progress(data.statuses, data))),
        Section(_("Items behind time progress"), lagging_lines(data.statuses)),
        Section(_("Units commended and named"), units_verdict(data.statuses, data)),
    ]
    return bulletin("half-year", data, [intro("half-year", data)], sections)


def build_livelihood(data: BulletinData) -> Bulletin:
    """民生实事进展通报: sub-items done, on pace and behind, each with its unit, lagging ones with reasons."""
    subs = of_type(data.statuses, ItemType.SUB_ITEM)
    commitments = len({s.item.attrs.get("item_id") for s in subs})
    overview = Section(_("Overall progress"), [say.livelihood_sentence(commitments, light_counts(subs))],
                       chart=completion_chart(_("Completion rate by sub-item"), [s.item.title for s in subs],
                                              [s.completion_pct for s in subs], group_time_progress(subs, data)))
    sections = [
        overview,
        Section(_("Progress of each commitment"), [], table=status_table(subs)),
        Section(_("Sub-items behind time progress"), lagging_lines(subs)),
        Section(_("Units commended and named"), units_verdict(subs, data)),
    ]
    return bulletin("livelihood", data, [intro("livelihood", data)], sections)


def build_supervision(data: BulletinData) -> Bulletin:
    """督查通报: supervision orders issued, closed, open and overdue, by lead unit; overdue orders named."""
    orders = data.orders
    closed = sum(1 for o in orders if o.closed)
    overdue = [o for o in orders if o.overdue]
    summary = say.orders_sentence(data.on_date, len(orders), closed, len(orders) - closed, len(overdue))
    units = sorted(by_key(orders, lambda o: o.unit).items())
    rates = [rules.completion(Decimal(sum(1 for o in g if o.closed)), Decimal(len(g))) for _u, g in units]
    table = Table([_("Unit"), _("Issued"), _("Closed"), _("In progress"), _("Overdue"), _("Closing rate")],
                  [[u, str(len(g)), str(sum(1 for o in g if o.closed)), str(sum(1 for o in g if not o.closed)),
                    str(sum(1 for o in g if o.overdue)), format_percent(r)] for (u, g), r in zip(units, rates)],
                  [2, 1, 1, 1, 1, 1])
    overdue_lines = [_("%(index)s. %(number)s %(title)s (%(unit)s): deadline %(day)s") % {
        "index": i, "number": o.number, "title": o.title, "unit": o.unit, "day": format_day(o.deadline)}
        for i, o in enumerate(overdue, 1)] or [_("No supervision order is overdue.")]
    late_units = sorted({o.unit for o in overdue})
    verdict = (_("These units have overdue supervision orders and are named: %(units)s.") % {"units": say.join_names(late_units)}
               if late_units else _("Every unit answered its supervision orders on time."))
    sections = [
        Section(_("Overall progress"), [summary],
                chart=completion_chart(_("Closing rate by unit"), [u for u, _g in units], rates, None)),
        Section(_("Supervision orders by unit"), [], table=table),
        Section(_("Overdue supervision orders"), overdue_lines + [verdict]),
    ]
    return bulletin("supervision", data, [intro("supervision", data)], sections)


def build_year_end(data: BulletinData) -> Bulletin:
    """Year-end summary: tasks, key projects, livelihood commitments, indicators and orders of the year."""
    tasks = of_type(data.statuses, ItemType.TASK)
    subs = of_type(data.statuses, ItemType.SUB_ITEM)
    targets = of_type(data.statuses, ItemType.INDICATOR_TARGET)
    projects = planned_projects(data.statuses)
    tasks_text = say.tasks_sentence(len(tasks), sum(1 for s in tasks if s.light == rules.DONE),
                                    sum(1 for s in tasks if s.light in LAGGING))
    indicators_text = say.indicators_sentence(
        len(targets), sum(1 for s in targets if s.light in (rules.DONE, rules.GREEN)),
        sum(1 for s in targets if s.light in LAGGING), sum(1 for s in targets if s.light == rules.NO_DATA))
    closed = sum(1 for o in data.orders if o.closed)
    orders_text = say.orders_sentence(data.on_date, len(data.orders), closed, len(data.orders) - closed,
                                      sum(1 for o in data.orders if o.overdue))
    top_nodes = [n for n in data.nodes if n.depth == 0] or data.nodes
    summary = [tasks_text] + (investment_paragraphs(projects, data)[:1] if projects else [])
    summary += [say.livelihood_sentence(len({s.item.attrs.get("item_id") for s in subs}), light_counts(subs)),
                indicators_text, orders_text]
    sections = [
        Section(_("The year in figures"), summary,
                chart=completion_chart(_("Work-system progress"), [n.title for n in top_nodes],
                                       [n.result.value for n in top_nodes], group_time_progress(data.statuses, data))),
        Section(_("Indicators"), [], table=status_table(targets)) if targets else None,
        Section(_("Items not completed"), lagging_lines(data.statuses)),
        Section(_("Units commended and named"), units_verdict(data.statuses, data)),
    ]
    return bulletin("year-end", data, [intro("year-end", data)], [s for s in sections if s is not None])


BUILDERS = {
    "projects": build_projects,
    "half-year": build_half_year,
    "livelihood": build_livelihood,
    "supervision": build_supervision,
    "year-end": build_year_end,
}
