"""Ledger exports: each KIND's rows read set-wise (a fixed number of queries), written in the office's layout.

``ledger_rows`` gives the rows as plain dicts in the database's terms; the importer compares a file against the
same dicts, so an exported file imported back is a no-op by construction.
"""

import datetime
from collections import defaultdict

from duban.indicators.models import IndicatorTarget, IndicatorTargetUnit, Observation, PeriodType
from duban.org.models import Organisation, UnitRole
from duban.plans.models import LivelihoodSubItem, LivelihoodSubItemUnit, Task, TaskUnit
from duban.projects.models import ExpropriationTask, ExpropriationUnit, ProjectYear
from duban.tracking.models import ItemType, OrderUnit, Report, ReportState, SupervisionOrder
from duban.tracking.status import district_status

from .layouts import LAYOUTS
from .sheets import write_workbook


def ledger_export(*, kind: str, district: Organisation, year: int, on_date: datetime.date, template: bool = False) -> bytes:
    """The .xlsx file of ``kind`` for the district's year; ``template`` gives the empty layout."""
    layout = LAYOUTS[kind]
    rows = [] if template else ledger_rows(kind=kind, district=district, year=year, on_date=on_date)
    return write_workbook(layout, rows, district_name=district.name, year=year, on_date=on_date)


def ledger_rows(*, kind: str, district: Organisation, year: int, on_date: datetime.date | None = None,
                figures: bool = True) -> list[dict]:
    """The rows of ``kind``; without ``figures``, only the columns an import can change (no status computed)."""
    on_date = on_date or datetime.date(year, 12, 31)
    rows = (_EDITABLE_ROWS.get(kind) or _ROWS[kind]) if not figures else _ROWS[kind]
    return rows(district, year, on_date)


def _names(ids) -> dict[int, str]:
    return dict(Organisation.objects.filter(pk__in=set(ids)).values_list("pk", "name"))


def _split_units(assignments: list[tuple[int, str]], names: dict[int, str]) -> dict:
    by_role = defaultdict(list)
    for org_id, role in sorted(assignments, key=lambda a: names.get(a[0], "")):
        by_role[role].append(names[org_id])
    return {"lead_unit": tuple(by_role[UnitRole.LEAD]), "responsible_units": tuple(by_role[UnitRole.RESPONSIBLE]),
            "cooperating_units": tuple(by_role[UnitRole.COOPERATING])}


def _units_of(model, fk: str, ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    out = defaultdict(list)
    for owner, org, role in model.objects.filter(**{f"{fk}__in": ids}).values_list(fk, "organisation_id", "role"):
        out[owner].append((org, role))
    return out


def plan_rows(district, year, on_date) -> list[dict]:
    tasks = list(Task.objects.filter(plan__district=district, plan__year=year).select_related("node", "source_unit")
                 .order_by("code", "id"))
    units = _units_of(TaskUnit, "task_id", [t.pk for t in tasks])
    names = _names(org for pairs in units.values() for org, _role in pairs)
    return [{
        "_key": f"task:{t.pk}", "_id": t.pk, "code": t.code, "node": t.node.code if t.node else "", "title": t.title,
        "target_value": t.target_value, "target_unit": t.target_unit, "target_text": t.target_text, "weight": t.weight,
        **_split_units(units.get(t.pk, []), names),
        "source_unit": (t.source_unit.name,) if t.source_unit else (), "deadline": t.deadline, "frequency": t.frequency,
    } for t in tasks]


def task_rows(district, year, on_date) -> list[dict]:
    rows = plan_rows(district, year, on_date)
    statuses = {s.id: s for s in district_status(district, on_date, year=year) if s.type == ItemType.TASK}
    for row in rows:
        status = statuses.get(row["_id"])
        if status is not None:
            row.update(completion=status.completion_pct, time_progress=status.time_progress_pct, light=status.light)
    return rows


REPORT_FIGURES = ("item_id", "invest_month", "invest_ytd", "invest_since_start", "funds_received", "narrative",
                  "problems", "next_plan")


def _latest_reports(district, item_type: str, year: int, on_date) -> dict[int, dict]:
    """The latest confirmed report of each item at the date, as plain values (every version of the year is read)."""
    latest = {}
    for report in (Report.objects.filter(district=district, item_type=item_type, year=year, state=ReportState.CONFIRMED,
                                         period_end__lte=on_date).order_by("item_id", "period_end", "version")
                   .values(*REPORT_FIGURES)):
        latest[report["item_id"]] = report
    return latest


def project_rows(district, year, on_date, figures: bool = True) -> list[dict]:
    """Read as plain values (one joined query, no model instances: a 10,000-row ledger is compared on every import)."""
    years = (ProjectYear.objects.filter(project__district=district, year=year).order_by("project__code")
             .values("pk", "project_id", "project__code", "project__name", "project__level", "project__category__name",
                     "project__area__name", "project__lead_unit__name", "project__leader__name",
                     "project__total_investment", "invested_before", "annual_plan", "plan_type", "project__stage"))
    reports = _latest_reports(district, ItemType.PROJECT_YEAR, year, on_date)
    lights = ({s.id: s.light for s in district_status(district, on_date, year=year) if s.type == ItemType.PROJECT_YEAR}
              if figures else {})
    rows = []
    for py in years:
        lead = py["project__lead_unit__name"]
        rows.append({
            "_key": f"project:{py['project_id']}", "_id": py["project_id"], "code": py["project__code"],
            "name": py["project__name"], "level": py["project__level"], "category": py["project__category__name"] or "",
            "area": py["project__area__name"] or "", "lead_unit": (lead,) if lead else (),
            "leader": py["project__leader__name"] or "", "total_investment": py["project__total_investment"],
            "invested_before": py["invested_before"], "annual_plan": py["annual_plan"], "plan_type": py["plan_type"],
            "stage": py["project__stage"], "light": lights.get(py["pk"], ""),
            **_report_figures(reports.get(py["pk"]), py["annual_plan"], py["project__total_investment"]),
        })
    return rows


def _pct(part, whole):
    return None if part is None or not whole else (part * 100 / whole).quantize(part.__class__("0.01"))


def _report_figures(r: dict | None, annual_plan, total_investment) -> dict:
    if r is None:
        return {}
    return {"invest_month": r["invest_month"], "invest_ytd": r["invest_ytd"], "ytd_pct": _pct(r["invest_ytd"], annual_plan),
            "since_start": r["invest_since_start"], "since_start_pct": _pct(r["invest_since_start"], total_investment),
            "funds_received": r["funds_received"], "progress": r["narrative"], "problems": r["problems"],
            "next_plan": r["next_plan"]}


def livelihood_rows(district, year, on_date) -> list[dict]:
    subs = list(LivelihoodSubItem.objects.filter(item__plan__district=district, item__plan__year=year)
                .select_related("item").order_by("item__number", "order", "id"))
    units = _units_of(LivelihoodSubItemUnit, "sub_item_id", [s.pk for s in subs])
    names = _names(org for pairs in units.values() for org, _role in pairs)
    rows = []
    for s in subs:
        split = _split_units(units.get(s.pk, []), names)
        rows.append({"_key": f"subitem:{s.pk}", "_id": s.pk, "number": s.item.number, "item_title": s.item.title,
                     "title": s.title, "target_value": s.target_value, "target_unit": s.target_unit,
                     "deadline": s.deadline, "lead_unit": split["lead_unit"],
                     "responsible_units": split["responsible_units"]})
    return rows


def expropriation_rows(district, year, on_date) -> list[dict]:
    tasks = list(ExpropriationTask.objects.filter(district=district, year=year).select_related("project").order_by("name"))
    units = _units_of(ExpropriationUnit, "task_id", [t.pk for t in tasks])
    names = _names(org for pairs in units.values() for org, _role in pairs)
    return [{"_key": f"expropriation:{t.pk}", "_id": t.pk, "name": t.name, "project": t.project.name if t.project else "",
             "households": t.households, "area_m2": t.area_m2, "land_mu": t.land_mu, "enterprises": t.enterprises,
             "deadline": t.deadline, "lead_unit": _split_units(units.get(t.pk, []), names)["lead_unit"]}
            for t in tasks]


def order_rows(district, year, on_date) -> list[dict]:
    orders = list(SupervisionOrder.objects.filter(district=district, issued_at__year=year).order_by("issued_at", "number"))
    units = _units_of(OrderUnit, "order_id", [o.pk for o in orders])
    names = _names(org for pairs in units.values() for org, _role in pairs)
    return [{"_key": f"order:{o.pk}", "_id": o.pk, "number": o.number, "title": o.title,
             "units": tuple(sorted(names[org] for org, _role in units.get(o.pk, []))),
             "issued": o.issued_at.date(), "deadline": o.deadline, "state": o.state, "light_at_issue": o.light_at_issue,
             "closed": o.closed_at.date() if o.closed_at else None} for o in orders]


def indicator_rows(district, year, on_date) -> list[dict]:
    targets = list(IndicatorTarget.objects.filter(organisation=district, year=year).select_related("indicator")
                   .order_by("indicator__code"))
    units = _units_of(IndicatorTargetUnit, "target_id", [t.pk for t in targets])
    names = _names(org for pairs in units.values() for org, _role in pairs)
    months = defaultdict(dict)
    for obs in (Observation.objects.latest_revisions().filter(organisation=district, year=year,
                                                                period_type=PeriodType.MONTH)
                .values("indicator_id", "period", "level", "growth")):
        months[obs["indicator_id"]][obs["period"]] = obs
    rows = []
    for t in targets:
        wanted = "growth" if t.target_type == "growth" else "level"
        figures = {f"m{m}": o[wanted] for m, o in months[t.indicator_id].items()}
        rows.append({"_key": f"target:{t.pk}", "_id": t.pk, "code": t.indicator.code, "name": t.indicator.name,
                     "unit": t.indicator.unit, "target_type": t.target_type, "target": t.value, "target_text": t.text,
                     "lead_unit": _split_units(units.get(t.pk, []), names)["lead_unit"], **figures})
    return rows


_EDITABLE_ROWS = {"tasks": plan_rows, "projects": lambda d, y, on: project_rows(d, y, on, figures=False)}
_ROWS = {"plan": plan_rows, "tasks": task_rows, "projects": project_rows, "livelihood": livelihood_rows,
         "expropriation": expropriation_rows, "orders": order_rows, "indicators": indicator_rows}
