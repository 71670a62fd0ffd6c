"""Per KIND: how a ledger row is resolved into the database's terms and written through the domain services.

Each handler reads what it needs set-wise when built (nodes, categories, leaders, existing rows), so resolving
10,000 rows costs no query per row. Fields a ledger does not show (descriptions, provenance, planned dates...)
are passed through from the existing row, so an import never resets what the file does not carry.
"""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from rapidfuzz import fuzz, process

from duban.core.errors import ApplicationError
from duban.core.models import Frequency
from duban.core.numbers import format_day
from duban.indicators import services as indicator_services
from duban.indicators.models import Indicator, IndicatorTarget, IndicatorTargetUnit, Observation, PeriodType, TargetType
from duban.org.models import Leader, Organisation, UnitRole
from duban.plans import services as plan_services
from duban.plans.models import LivelihoodItem, LivelihoodSubItem, Plan, Task, WorkNode
from duban.projects import services as project_services
from duban.projects.models import Area, ExpropriationTask, PlanType, Project, ProjectCategory, ProjectYear
from duban.tracking import services as tracking_services
from duban.tracking.models import ItemType, SupervisionOrder
from duban.tracking.periods import period_of
from duban.tracking.snapshots import refresh_status

from .layouts import MONTHS
from .matching import SIMILARITY_CUTOFF, NameMatcher
from .preview import Resolved, Suggestion
from .sheets import CellProblem, Layout, SheetRow, short_header

UNIT_FIELDS = ("lead_unit", "responsible_units", "cooperating_units")
YEAR_FIELDS = frozenset({"invested_before", "annual_plan", "plan_type"})
#: The month's figures of a project: they enter as a report (submitted and confirmed by the office), never as edits.
FIGURE_FIELDS = frozenset({"invest_month", "invest_ytd", "since_start", "funds_received", "progress", "problems",
                           "next_plan"})
MONEY_FIGURES = ("invest_month", "invest_ytd", "since_start", "funds_received")
NON_NEGATIVE = ("total_investment", "invested_before", "annual_plan", *MONEY_FIGURES)


def _differs(old, new) -> bool:
    if old in (None, "", ()) and new in (None, "", ()):
        return False
    return old != new


class Handler:
    key_fields: tuple[str, ...] = ()
    #: Whether the rows compared with the file hold the read-only columns (the computed figures are left out of
    #: the comparison for projects and tasks): a changed read-only column is then a warning of the preview.
    checks_readonly = True
    #: The warning for a read-only column the file changes (header, row, value).
    readonly_note = _lazy("Not imported: %(header)s is worked out by duban, not read from the file "
                          "(row %(row)s reads “%(value)s”)")

    def __init__(self, *, district: Organisation, year: int, matcher: NameMatcher, on_date=None):
        self.district, self.year, self.matcher, self.on_date = district, year, matcher, on_date

    def key_of(self, row: dict) -> tuple:
        return tuple(row.get(f) for f in self.key_fields)

    def label_of(self, values: dict) -> str:
        return " ".join(str(values.get(f) or "") for f in self.key_fields)

    def resolve(self, layout: Layout, sheet: str, row: SheetRow, problems: list, suggestions: list):
        """The row's wanted values with names resolved; None (and problems noted) when it cannot be."""
        wanted, ok = dict(row.values), True
        for col in layout.editable:
            if col.kind != "units" or col.field not in wanted:
                continue
            letter, raw = row.cells[col.field]
            names = []
            for name in wanted[col.field]:
                org = self.matcher.exact(name)
                if org is None:
                    org = self.matcher.similar(name)
                    if org is None:
                        problems.append(CellProblem(sheet, row.number, letter, short_header(col.header), name,
                                                    _("the name of a unit of %(district)s") % {"district": self.district.name}))
                        ok = False
                        continue
                    suggestions.append(Suggestion(sheet, row.number, letter, short_header(col.header), name, org.name))
                names.append(org.name)
            if col.field in ("lead_unit", "source_unit") and len(names) > 1:
                problems.append(CellProblem(sheet, row.number, letter, short_header(col.header), raw, _("a single unit")))
                ok = False
            wanted[col.field] = tuple(names) if col.field in ("lead_unit", "source_unit") else tuple(sorted(names))
        ok = self.resolve_more(layout, sheet, row, wanted, problems, suggestions) and ok
        if not ok:
            return None
        return Resolved(source=row, key=self.key_of(wanted), label=self.label_of(wanted), wanted=wanted)

    def resolve_more(self, layout, sheet, row, wanted, problems, suggestions) -> bool:
        return True

    def check(self, layout: Layout, sheet: str, resolved: list, existing: dict, problems: list) -> None:
        """Checks of the resolved rows against what they change (``existing``: the ledger's rows by key), as a
        whole (e.g. the reported figures against last month's), in the preview with the cells' problems."""

    def finish(self, *, by) -> list[tuple[int, str]]:
        """After every row is written (same transaction): work done once for the whole file; refused rows."""
        return []

    def _problem(self, layout, sheet, row, field, expected, problems) -> None:
        letter, raw = row.cells[field]
        problems.append(CellProblem(sheet, row.number, letter, short_header(layout.column(field).header), raw, expected))

    def org(self, names) -> Organisation | None:
        return self.matcher.exact(names[0]) if names else None

    def units(self, merged: dict, fields=UNIT_FIELDS) -> list[tuple[Organisation, str]]:
        roles = {"lead_unit": UnitRole.LEAD, "responsible_units": UnitRole.RESPONSIBLE,
                 "cooperating_units": UnitRole.COOPERATING}
        return [(self.matcher.exact(name), roles[f]) for f in fields for name in merged.get(f) or ()]


class PlanHandler(Handler):
    """The decomposition table (目标任务分解表): tasks of the year's plan with their units."""

    key_fields = ("code",)
    checks_readonly = False     # the tasks ledger's rows are compared without their computed figures

    def __init__(self, **kw):
        super().__init__(**kw)
        self.plan = Plan.objects.filter(district=self.district, year=self.year).first()
        nodes = list(WorkNode.objects.filter(plan=self.plan)) if self.plan else []
        self.nodes = {n.code: n for n in nodes} | {n.title: n for n in nodes if n.title}
        self.tasks = {t.code: t for t in Task.objects.filter(plan=self.plan)} if self.plan else {}

    def label_of(self, values: dict) -> str:
        return f"{values.get('code')} {values.get('title')}"

    def resolve_more(self, layout, sheet, row, wanted, problems, suggestions) -> bool:
        node = wanted.get("node")
        if node:
            found = self.nodes.get(node)
            if found is None:
                self._problem(layout, sheet, row, "node",
                              _("the code or title of a work-system node of the %(year)s plan") % {"year": self.year}, problems)
                return False
            wanted["node"] = found.code
        return True

    def apply(self, r, old: dict | None, *, by) -> None:
        if self.plan is None:
            self.plan = plan_services.plan_upsert(district=self.district, year=self.year, by=by)
        merged = {**(old or {}), **r.wanted}
        task = self.tasks.get(merged["code"])
        keep = ({"category": task.category, "description": task.description, "is_public": task.is_public,
                 "provenance": task.provenance, "source_note": task.source_note} if task else {})
        task = plan_services.task_upsert(
            plan=self.plan, code=merged["code"], title=merged["title"], node=self.nodes.get(merged.get("node") or ""),
            target_text=merged.get("target_text") or "", target_value=merged.get("target_value"),
            target_unit=merged.get("target_unit") or "", deadline=merged.get("deadline"),
            weight=merged.get("weight") if merged.get("weight") is not None else Decimal(1),
            frequency=merged.get("frequency") or Frequency.MONTHLY, source_unit=self.org(merged.get("source_unit")),
            by=by, **keep)
        if any(f in r.wanted for f in UNIT_FIELDS):
            plan_services.task_units_set(task=task, units=self.units(merged), by=by)


class ProjectHandler(Handler):
    """The key-project ledger (重点项目台账): projects and their record for the year."""

    key_fields = ("code",)
    checks_readonly = False     # the rows compared are read without their computed figures (亮灯, percentages)

    def __init__(self, **kw):
        super().__init__(**kw)
        self.categories = {c.name: c for c in ProjectCategory.objects.all()}
        self.areas = {a.name: a for a in Area.objects.filter(district=self.district)}
        self.leaders = {leader.name: leader for leader in Leader.objects.filter(district=self.district)}
        # Plain rows: their related names are read only for a known project new to the year (_current).
        self.projects = {p.code: p for p in Project.objects.filter(district=self.district)}
        self.years = {py.project_id: py for py in ProjectYear.objects.filter(project__district=self.district, year=self.year)}
        self.figures: list[tuple[int, dict]] = []      # (row number, reports_enter_bulk entry)

    def label_of(self, values: dict) -> str:
        return f"{values.get('code')} {values.get('name')}"

    def resolve_more(self, layout, sheet, row, wanted, problems, suggestions) -> bool:
        for field in MONEY_FIGURES:       # an empty figure cell leaves the reported figures as they are
            if field in wanted and wanted[field] is None:
                del wanted[field]
        ok = True
        for field in NON_NEGATIVE:
            if wanted.get(field) is not None and wanted[field] < 0:
                self._problem(layout, sheet, row, field, _("a number of at least 0 (%(unit)s)") % {
                    "unit": layout.column(field).unit}, problems)
                ok = False
        for field, known, what in (("category", self.categories, _lazy("a project category: %(names)s")),
                                   ("area", self.areas, _lazy("an area of the district: %(names)s")),
                                   ("leader", self.leaders, _lazy("a leader of the district: %(names)s"))):
            if wanted.get(field) and wanted[field] not in known:
                self._problem(layout, sheet, row, field, what % {"names": "、".join(f"「{n}」" for n in known)}, problems)
                ok = False
        return ok

    def check(self, layout: Layout, sheet: str, resolved: list, existing: dict, problems: list) -> None:
        """The figures a row changes for a known project year, checked as the report service will check them (the
        year to date against last month's, January's, both given): the preview reports them with the other problems."""
        rows, entries = [], []
        for r in resolved:
            p, old = self.projects.get(r.wanted["code"]), existing.get(r.key)
            py = self.years.get(p.pk) if p is not None else None
            if py is None or old is None or not any(_differs(old.get(f), r.wanted[f])
                                                    for f in FIGURE_FIELDS if f in r.wanted):
                continue        # as ``apply``: figures are entered only when the row changes them
            period = period_of(py.frequency, self.on_date, self.year)
            if period is None:
                continue        # refused with its message when written
            merged = {**old, **r.wanted}
            rows.append(r)
            entries.append({"item_type": ItemType.PROJECT_YEAR, "item_id": py.pk, "period_key": period.key,
                            "values": {"invest_month": merged.get("invest_month"), "invest_ytd": merged.get("invest_ytd"),
                                       "invest_since_start": merged.get("since_start") if "since_start" in r.wanted
                                       and _differs(old.get("since_start"), r.wanted["since_start"]) else None,
                                       "funds_received": merged.get("funds_received")}})
        if not entries:
            return
        header = short_header(layout.column("invest_ytd").header)
        for index, message in tracking_services.reports_check_bulk(entries=entries):
            row = rows[index].source
            letter, raw = row.cells.get("invest_ytd", ("", ""))
            problems.append(CellProblem(sheet, row.number, letter, header, raw, "", note=message))

    def apply_creates(self, created: list, *, by) -> list[tuple[int, str]]:
        """New projects of the file in bulk through projects_create_bulk; (row number, message) for refused rows."""
        fresh = [r for r in created if r.wanted["code"] not in self.projects]
        refused = []
        for r in created:
            if r.wanted["code"] in self.projects:   # a known project without a record for this year
                try:
                    self.apply(r, None, by=by)
                except ApplicationError as exc:
                    refused.append((r.source.number, exc.message))
        try:
            years = project_services.projects_create_bulk(district=self.district, year=self.year,
                                                          rows=[self._create_row(r.wanted) for r in fresh], by=by)
        except ApplicationError as exc:
            refused += [(fresh[i].source.number, message) for i, message in exc.extra.get("errors", [(0, exc.message)])]
            return refused
        for r, py in zip(fresh, years, strict=True):
            self.years[py.project_id] = py
            if any(_differs(None, r.wanted.get(f)) for f in FIGURE_FIELDS):
                try:
                    self._figures(r.source.number, py, r.wanted, set(r.wanted) & FIGURE_FIELDS, by)
                except ApplicationError as exc:
                    refused.append((r.source.number, exc.message))
        return refused

    def apply_updates(self, updated: list, existing: dict, *, by) -> tuple[list, list[tuple[int, str]]]:
        """Rows that change only the year's plan (annual plan, investment before the year, plan type) in one bulk
        write through project_years_update_bulk; (rows left for ``apply``, refused rows with their messages)."""
        bulk, rest = [], []
        for r in updated:
            old, p = existing.get(r.key), self.projects.get(r.wanted["code"])
            changed = {f for f, v in r.wanted.items() if _differs(old.get(f), v)} if old is not None else set()
            if p is not None and p.pk in self.years and changed and changed <= YEAR_FIELDS:
                merged = {**old, **r.wanted}
                bulk.append((r, self.years[p.pk], {
                    "plan_type": merged.get("plan_type") or PlanType.CONTINUING,
                    "annual_plan": merged.get("annual_plan") or Decimal(0),
                    "invested_before": merged.get("invested_before") or Decimal(0)}))
            else:
                rest.append(r)
        try:
            project_services.project_years_update_bulk(changes=[(py, values) for _r, py, values in bulk], by=by)
        except ApplicationError as exc:
            return rest, [(bulk[i][0].source.number, message) for i, message in exc.extra.get("errors", [(0, exc.message)])]
        return rest, []

    def _create_row(self, w: dict) -> dict:
        return {"code": w["code"], "name": w["name"], "level": w.get("level") or "district",
                "category": self.categories.get(w.get("category") or ""), "area": self.areas.get(w.get("area") or ""),
                "lead_unit": self.org(w.get("lead_unit")), "leader": self.leaders.get(w.get("leader") or ""),
                "total_investment": w.get("total_investment"), "stage": w.get("stage") or "reserve",
                "plan_type": w.get("plan_type") or PlanType.CONTINUING, "annual_plan": w.get("annual_plan") or Decimal(0),
                "invested_before": w.get("invested_before") or Decimal(0)}

    def apply(self, r, old: dict | None, *, by) -> None:
        p = self.projects.get(r.wanted["code"])
        has_year = old is not None
        if p is not None and old is None:   # a known project without a record for this year
            old = self._current(p)
        changed = ({f for f, v in r.wanted.items() if v not in (None, "", ())} if old is None
                   else {f for f, v in r.wanted.items() if _differs(old.get(f), v)})
        merged = {**(old or {}), **r.wanted}
        # Each door is called only for what changed: a new annual plan writes the project year alone; the month's
        # figures enter as a report.
        project = self._project(merged, p, by) if p is None or changed - YEAR_FIELDS - FIGURE_FIELDS else p
        py = self.years.get(project.pk)
        if not has_year or changed & YEAR_FIELDS:
            py = self._year(project, merged, by)
        if changed & FIGURE_FIELDS:
            self._figures(r.source.number, py, merged, changed & FIGURE_FIELDS, by)

    def _figures(self, row: int, py: ProjectYear, merged: dict, changed: set, by) -> None:
        """The row's figures as a new report version of the ledger's month, entered and confirmed by the office."""
        if by is None:
            raise ApplicationError(_("Reported figures are entered in someone's name: pass --user LOGIN."))
        period = period_of(py.frequency, self.on_date, self.year)
        if period is None:
            raise ApplicationError(_("The ledger's date %(day)s is not in %(year)s.") % {
                "day": format_day(self.on_date), "year": self.year})
        values = {"invest_month": merged.get("invest_month"), "invest_ytd": merged.get("invest_ytd"),
                  # Since-start follows the year-to-date unless the file changes it (the service adds it up).
                  "invest_since_start": merged.get("since_start") if "since_start" in changed else None,
                  "funds_received": merged.get("funds_received")}
        # Written at the end, all rows in one bulk door (reports_enter_bulk: the same checks as report_enter).
        self.figures.append((row, {"item_type": ItemType.PROJECT_YEAR, "item_id": py.pk, "period_key": period.key,
                                   "values": values, "narrative": merged.get("progress") or "",
                                   "problems": merged.get("problems") or "", "next_plan": merged.get("next_plan") or ""}))

    def finish(self, *, by) -> list[tuple[int, str]]:
        if not self.figures:
            return []
        try:
            created = tracking_services.reports_enter_bulk(actor=by, entries=[e for _row, e in self.figures],
                                                          comment=_("Entered from the ledger"))
        except ApplicationError as exc:
            return [(self.figures[i][0], message) for i, message in exc.extra.get("errors", [(0, exc.message)])]
        refresh_status(items=sorted({(r.item_type, r.item_id) for r in created}))   # once for the whole file
        return []

    @staticmethod
    def _current(p: Project) -> dict:
        """The project's own columns as the ledger holds them (for a project new to this year's ledger)."""
        return {"code": p.code, "name": p.name, "level": p.level, "category": p.category.name if p.category else "",
                "area": p.area.name if p.area else "", "lead_unit": (p.lead_unit.name,) if p.lead_unit else (),
                "leader": p.leader.name if p.leader else "", "total_investment": p.total_investment, "stage": p.stage}

    def _project(self, merged: dict, p, by):
        keep = ({f: getattr(p, f) for f in ("description", "planned_start", "planned_end", "actual_start", "actual_end",
                                             "registered_with_statistics", "location", "provenance", "source_note")}
                if p else {})
        return project_services.project_upsert(
            district=self.district, code=merged["code"], name=merged["name"], level=merged.get("level") or "district",
            category=self.categories.get(merged.get("category") or ""), area=self.areas.get(merged.get("area") or ""),
            lead_unit=self.org(merged.get("lead_unit")), leader=self.leaders.get(merged.get("leader") or ""),
            total_investment=merged.get("total_investment"), stage=merged.get("stage") or "reserve", by=by, **keep)

    def _year(self, project, merged: dict, by) -> None:
        py = self.years.get(project.pk)
        keep = ({f: getattr(py, f) for f in ("half_year_plan", "frequency", "weight", "provenance", "source_note")}
                if py else {})
        py = project_services.project_year_upsert(
            project=project, year=self.year, plan_type=merged.get("plan_type") or PlanType.CONTINUING,
            level=py.level if py else project.level, annual_plan=merged.get("annual_plan") or Decimal(0),
            invested_before=merged.get("invested_before") or Decimal(0), by=by, **keep)
        self.years[project.pk] = py
        return py


class LivelihoodHandler(Handler):
    """Livelihood items (民生实事) with their sub-items, one sub-item a row."""

    key_fields = ("number", "title")

    def __init__(self, **kw):
        super().__init__(**kw)
        self.plan = Plan.objects.filter(district=self.district, year=self.year).first()
        self.items = {i.number: i for i in LivelihoodItem.objects.filter(plan=self.plan)} if self.plan else {}
        self.subs = {(s.item.number, s.title): s
                     for s in LivelihoodSubItem.objects.filter(item__plan=self.plan).select_related("item")} if self.plan else {}

    def label_of(self, values: dict) -> str:
        return f"{values.get('number')}. {values.get('item_title')} · {values.get('title')}"

    def apply(self, r, old: dict | None, *, by) -> None:
        if self.plan is None:
            self.plan = plan_services.plan_upsert(district=self.district, year=self.year, by=by)
        merged = {**(old or {}), **r.wanted}
        item = self.items.get(merged["number"])
        keep = ({f: getattr(item, f) for f in ("description", "lead_unit", "is_public", "voted_by_congress", "provenance",
                                                "source_note")} if item else {})
        item = plan_services.livelihood_item_upsert(plan=self.plan, number=merged["number"], title=merged["item_title"],
                                                    by=by, **keep)
        self.items[item.number] = item
        sub = self.subs.get((merged["number"], merged["title"]))
        keep = {f: getattr(sub, f) for f in ("weight", "frequency", "order", "provenance", "source_note")} if sub else {}
        sub = plan_services.livelihood_subitem_upsert(
            item=item, title=merged["title"], target_value=merged.get("target_value"),
            target_unit=merged.get("target_unit") or "", deadline=merged.get("deadline"), by=by, **keep)
        if any(f in r.wanted for f in ("lead_unit", "responsible_units")):
            plan_services.livelihood_subitem_units_set(
                sub_item=sub, units=self.units(merged, ("lead_unit", "responsible_units")), by=by)


class ExpropriationHandler(Handler):
    """Land expropriation tasks (征收拆迁) of the year; the key project is matched by name."""

    key_fields = ("name",)

    def __init__(self, **kw):
        super().__init__(**kw)
        self.projects = {p.name: p for p in Project.objects.filter(district=self.district)}
        self.tasks = {t.name: t for t in ExpropriationTask.objects.filter(district=self.district, year=self.year)}

    def resolve_more(self, layout, sheet, row, wanted, problems, suggestions) -> bool:
        name = wanted.get("project")
        if not name or name in self.projects:
            return True
        found = process.extractOne(name, list(self.projects), scorer=fuzz.WRatio, score_cutoff=SIMILARITY_CUTOFF)
        if found is None:
            self._problem(layout, sheet, row, "project", _("the name of a key project of %(district)s") % {
                "district": self.district.name}, problems)
            return False
        letter, _raw = row.cells["project"]
        suggestions.append(Suggestion(sheet, row.number, letter, short_header(layout.column("project").header), name, found[0]))
        wanted["project"] = found[0]
        return True

    def apply(self, r, old: dict | None, *, by) -> None:
        merged = {**(old or {}), **r.wanted}
        t = self.tasks.get(merged["name"])
        keep = {f: getattr(t, f) for f in ("frequency", "provenance", "source_note")} if t else {}
        task = project_services.expropriation_upsert(
            district=self.district, year=self.year, name=merged["name"], project=self.projects.get(merged.get("project") or ""),
            households=merged.get("households") or 0, area_m2=merged.get("area_m2") or Decimal(0),
            land_mu=merged.get("land_mu") or Decimal(0), enterprises=merged.get("enterprises") or 0,
            deadline=merged.get("deadline"), by=by, **keep)
        if "lead_unit" in r.wanted:
            project_services.expropriation_units_set(task=task, units=self.units(merged, ("lead_unit",)), by=by)


class OrderHandler(Handler):
    """The supervision ledger (督办台账): orders issued in the year, matched by number.

    Orders are issued on the web (their requirements, units and notices go with them) and move through their
    states by the units' own steps (sign, feedback, review, close); the one thing an office changes in its
    ledger is the deadline (调整办理时限), written through ``order_deadline_set``. A number the district did not
    issue that year is a problem, never a new order.
    """

    key_fields = ("number",)
    readonly_note = _lazy("Not imported: %(header)s can only be changed on the supervision order's page "
                          "(row %(row)s reads “%(value)s”)")

    def __init__(self, **kw):
        super().__init__(**kw)
        self.orders = {o.number: o for o in SupervisionOrder.objects.filter(district=self.district,
                                                                            issued_at__year=self.year)}

    def label_of(self, values: dict) -> str:
        return f"{values.get('number')}"

    def resolve_more(self, layout, sheet, row, wanted, problems, suggestions) -> bool:
        if wanted.get("number") not in self.orders:
            self._problem(layout, sheet, row, "number", _("the number of a supervision order %(district)s issued in %(year)s") % {
                "district": self.district.name, "year": self.year}, problems)
            return False
        if "deadline" in wanted and wanted["deadline"] is None:
            self._problem(layout, sheet, row, "deadline", _("a date such as %(example)s") % {
                "example": "2024年6月30日"}, problems)
            return False
        return True

    def apply(self, r, old: dict | None, *, by) -> None:
        if by is None:
            raise ApplicationError(_("Supervision orders change in someone's name: pass --user LOGIN."))
        if "deadline" in r.wanted:
            tracking_services.order_deadline_set(actor=by, order=self.orders[r.wanted["number"]],
                                                 deadline=r.wanted["deadline"], reason=_("ledger import"))


class IndicatorHandler(Handler):
    """The indicator table (指标表): the district's targets of the year and the monthly figures, months as columns.

    A row is a target (indicator code + target type); indicators themselves are shared definitions and are never
    created or renamed from a district's file. Targets go through ``target_upsert`` / ``target_units_set``; a
    month's figure through ``observation_record``, which keeps the old figure as an earlier revision. The month
    columns hold the growth rate for growth targets, the level otherwise (as exported); an empty month cell
    leaves the month as it is.
    """

    key_fields = ("code", "target_type")
    readonly_note = _lazy("Not imported: %(header)s is the indicator's shared definition, kept by the system "
                          "administrator (row %(row)s reads “%(value)s”)")

    def __init__(self, **kw):
        super().__init__(**kw)
        self.indicators = {i.code: i for i in Indicator.objects.all()}
        self.targets = {(t.indicator.code, t.target_type): t for t in IndicatorTarget.objects.filter(
            organisation=self.district, year=self.year).select_related("indicator")}
        self.latest = {(o.indicator_id, o.period): o for o in Observation.objects.latest_revisions().filter(
            organisation=self.district, year=self.year, period_type=PeriodType.MONTH)}

    def label_of(self, values: dict) -> str:
        indicator = self.indicators.get(values.get("code") or "")
        return f"{values.get('code')} {indicator.name if indicator else ''}".strip()

    def resolve_more(self, layout, sheet, row, wanted, problems, suggestions) -> bool:
        code = wanted.get("code")
        if code not in self.indicators:
            self._problem(layout, sheet, row, "code", _("the code of a known indicator"), problems)
            return False
        if not wanted.get("target_type"):
            types = [t for (c, t) in self.targets if c == code]
            wanted["target_type"] = types[0] if len(types) == 1 else TargetType.LEVEL
        for month in MONTHS:
            if month in wanted and wanted[month] is None:
                del wanted[month]
        return True

    def apply(self, r, old: dict | None, *, by) -> None:
        w = r.wanted
        indicator, key = self.indicators[w["code"]], (w["code"], w["target_type"])
        target = self.targets.get(key)
        changed = set(w) if old is None else {f for f, v in w.items() if old.get(f) != v and not (
            f in UNIT_FIELDS and tuple(old.get(f) or ()) == tuple(v or ()))}
        if target is None or changed & {"target", "target_text"}:
            merged = {**(old or {}), **w}
            keep = ({f: getattr(target, f) for f in ("qualifier", "weight", "frequency", "provenance", "source_note")}
                    if target else {})
            target = indicator_services.target_upsert(
                indicator=indicator, organisation=self.district, year=self.year, target_type=w["target_type"],
                value=merged.get("target"), text=merged.get("target_text") or "", by=by, **keep)
            self.targets[key] = target
        if "lead_unit" in changed:
            others = [(u.organisation, u.role) for u in IndicatorTargetUnit.objects.filter(target=target)
                      .exclude(role=UnitRole.LEAD).select_related("organisation")]
            indicator_services.target_units_set(target=target, units=self.units(w, ("lead_unit",)) + others, by=by)
        aspect = "growth" if w["target_type"] == TargetType.GROWTH else "level"
        for period, month in enumerate(MONTHS, 1):
            if month not in changed:
                continue
            latest = self.latest.get((indicator.pk, period))
            values = ({f: getattr(latest, f) for f in ("level", "growth", "share", "rank", "qualifier", "source")}
                      if latest else {})
            values[aspect] = w[month]
            self.latest[(indicator.pk, period)] = indicator_services.observation_record(
                indicator=indicator, organisation=self.district, year=self.year, period_type=PeriodType.MONTH,
                period=period, by=by, **values)


HANDLERS = {"plan": PlanHandler, "tasks": PlanHandler, "projects": ProjectHandler, "livelihood": LivelihoodHandler,
            "expropriation": ExpropriationHandler, "orders": OrderHandler, "indicators": IndicatorHandler}
