"""Writes for key projects, their years, milestones and land expropriation: the single door for these tables.

Money is in 万元 (Decimal). Upserts find rows by natural key and write only what differs.
"""

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from duban.core.bulk import insert_history, insert_rows
from duban.core.errors import ApplicationError
from duban.core.models import Frequency, Provenance
from duban.core.numbers import to_decimal
from duban.core.services import changed_fields, record_upsert, units_set
from duban.org.models import Leader, Organisation, OrgKind

from .models import (
    Area,
    ExpropriationTask,
    ExpropriationUnit,
    Milestone,
    MilestoneTemplate,
    MilestoneTemplateStep,
    PlanType,
    Project,
    ProjectCategory,
    ProjectLevel,
    ProjectYear,
    Stage,
)
from .progress import ProgressReport, progress_errors


def _money(value, name) -> Decimal | None:
    amount = to_decimal(value)
    if amount is not None and amount < 0:
        raise ApplicationError(_("%(name)s cannot be negative.") % {"name": name})
    return amount


def _check_project(*, district, lead_unit, planned_start=None, planned_end=None, actual_start=None,
                   actual_end=None) -> None:
    if planned_start and planned_end and planned_end < planned_start:
        raise ApplicationError(_("A project cannot be planned to end before it starts."))
    if actual_start and actual_end and actual_end < actual_start:
        raise ApplicationError(_("A project cannot end before it started."))
    if lead_unit is not None and not lead_unit.path.startswith(district.path):
        raise ApplicationError(_("The lead unit %(unit)s is not in %(district)s.") % {"unit": lead_unit, "district": district})


def _check_year(*, plan_type: str, annual_plan, half_year_plan) -> tuple[Decimal, Decimal | None]:
    if plan_type not in PlanType.values:
        raise ApplicationError(_("Unknown plan type: %(type)s.") % {"type": plan_type})
    annual = _money(annual_plan, gettext_lazy("The annual plan"))
    half = _money(half_year_plan, gettext_lazy("The half-year plan"))
    if half is not None and half > annual:
        raise ApplicationError(_("The half-year plan cannot exceed the annual plan."))
    return annual, half


@transaction.atomic
def category_upsert(*, name: str, order: int = 0, by=None) -> ProjectCategory:
    category, _created = record_upsert(ProjectCategory, lookup={"name": name}, values={"order": order}, by=by)
    return category


@transaction.atomic
def area_upsert(*, district: Organisation, name: str, by=None) -> Area:
    if district.kind != OrgKind.DISTRICT:
        raise ApplicationError(_("%(district)s is not a district.") % {"district": district})
    area, _created = record_upsert(Area, lookup={"district": district, "name": name}, values={}, by=by)
    return area


@transaction.atomic
def project_upsert(
    *, district: Organisation, code: str, name: str, level: str = ProjectLevel.DISTRICT, description: str = "",
    category: ProjectCategory | None = None, area: Area | None = None, lead_unit: Organisation | None = None,
    leader: Leader | None = None, total_investment: Decimal | None = None,
    planned_start: datetime.date | None = None, planned_end: datetime.date | None = None,
    actual_start: datetime.date | None = None, actual_end: datetime.date | None = None,
    stage: str = Stage.RESERVE, registered_with_statistics: bool = False, location: str = "",
    provenance: str = Provenance.ENTERED, source_note: str = "", by=None, is_public: bool | None = None,
) -> Project:
    """Create or update a key project (natural key: district + code); ``is_public`` left as it is unless given."""
    _check_project(district=district, lead_unit=lead_unit, planned_start=planned_start, planned_end=planned_end,
                   actual_start=actual_start, actual_end=actual_end)
    project, _created = record_upsert(
        Project, lookup={"district": district, "code": code},
        values={"name": name, "level": level, "description": description, "category": category, "area": area,
                "lead_unit": lead_unit, "leader": leader,
                "total_investment": _money(total_investment, gettext_lazy("Total investment")),
                "planned_start": planned_start, "planned_end": planned_end, "actual_start": actual_start,
                "actual_end": actual_end, "stage": stage, "registered_with_statistics": registered_with_statistics,
                "location": location, "provenance": provenance, "source_note": source_note}
        | ({} if is_public is None else {"is_public": is_public}),
        by=by,
    )
    return project


@transaction.atomic
def project_year_upsert(
    *, project: Project, year: int, plan_type: str, level: str, annual_plan: Decimal = Decimal(0),
    half_year_plan: Decimal | None = None, invested_before: Decimal = Decimal(0),
    frequency: str = Frequency.MONTHLY, weight: Decimal = Decimal(1), provenance: str = Provenance.ENTERED,
    source_note: str = "", by=None,
) -> ProjectYear:
    """Create or update a project's record for ``year`` (plan type, level that year, planned investment)."""
    annual, half = _check_year(plan_type=plan_type, annual_plan=annual_plan, half_year_plan=half_year_plan)
    project_year, _created = record_upsert(
        ProjectYear, lookup={"project": project, "year": year},
        values={"plan_type": plan_type, "level": level, "annual_plan": annual, "half_year_plan": half,
                "invested_before": _money(invested_before, gettext_lazy("Investment before the year")), "frequency": frequency,
                "weight": Decimal(weight), "provenance": provenance, "source_note": source_note},
        by=by,
    )
    return project_year


@transaction.atomic
def project_years_update_bulk(*, changes: Sequence[tuple[ProjectYear, dict]], by=None) -> list[ProjectYear]:
    """Update many project years at once (a ledger's new annual plans...), history rows included.

    ``changes`` pairs a project year with project_year_upsert's keyword arguments (those given change; ``project``
    and ``year`` apart); the same checks apply. Every refused change is reported at once: ApplicationError's
    ``extra["errors"]`` lists (index, message), and nothing is written. Rows whose values are already the
    stored ones are not written.
    """
    allowed = {"plan_type", "level", "annual_plan", "half_year_plan", "invested_before", "frequency", "weight",
               "provenance", "source_note"}
    written, fields, errors = [], set(), []
    for index, (project_year, values) in enumerate(changes):
        values = {k: v for k, v in values.items() if k in allowed}
        try:
            annual, half = _check_year(
                plan_type=values.get("plan_type", project_year.plan_type),
                annual_plan=values.get("annual_plan", project_year.annual_plan),
                half_year_plan=values.get("half_year_plan", project_year.half_year_plan))
            if "invested_before" in values:
                values["invested_before"] = _money(values["invested_before"], gettext_lazy("Investment before the year"))
        except ApplicationError as exc:
            errors.append((index, exc.message))
            continue
        values |= {"annual_plan": annual, "half_year_plan": half}
        if "weight" in values:
            values["weight"] = Decimal(values["weight"])
        changed = changed_fields(project_year, values)
        if changed:
            written.append(project_year)
            fields.update(changed)
    if errors:
        raise ApplicationError(errors[0][1], extra={"errors": errors})
    if written:
        now = timezone.now()
        for project_year in written:
            project_year.updated_at = now
        bulk_update_with_history(written, ProjectYear, sorted(fields | {"updated_at"}), batch_size=1000,
                                 default_user=by)
    return written


@transaction.atomic
def projects_create_bulk(*, district: Organisation, year: int, rows: Sequence[dict], by=None) -> list[ProjectYear]:
    """Create new key projects with their record for ``year`` in bulk, history rows included.

    Each row holds project_upsert's and project_year_upsert's keyword arguments (``project`` and ``year`` apart);
    the same checks apply. Every refused row is reported at once: ApplicationError's ``extra["errors"]`` lists
    (row index, message), and nothing is created.
    """
    year_fields = ("plan_type", "annual_plan", "half_year_plan", "invested_before", "frequency", "weight")
    projects, years, indexes, errors = [], [], [], []
    for index, row in enumerate(rows):
        project_values = {k: v for k, v in row.items() if k not in year_fields}
        try:
            _check_project(district=district, **{k: project_values.get(k) for k in (
                "lead_unit", "planned_start", "planned_end", "actual_start", "actual_end")})
            annual, half = _check_year(plan_type=row["plan_type"], annual_plan=row.get("annual_plan", Decimal(0)),
                                       half_year_plan=row.get("half_year_plan"))
            total = _money(project_values.pop("total_investment", None), gettext_lazy("Total investment"))
            before = _money(row.get("invested_before", Decimal(0)), gettext_lazy("Investment before the year"))
        except ApplicationError as exc:
            errors.append((index, exc.message))
            continue
        projects.append(Project(district=district, total_investment=total, **project_values))
        indexes.append(index)
        years.append(dict(year=year, plan_type=row["plan_type"], level=row.get("level") or project_values.get("level")
                          or ProjectLevel.DISTRICT, annual_plan=annual, half_year_plan=half, invested_before=before,
                          frequency=row.get("frequency", Frequency.MONTHLY), weight=Decimal(row.get("weight", 1))))
    codes = [p.code for p in projects]
    taken = set(Project.objects.filter(district=district, code__in=codes).values_list("code", flat=True))
    errors += [(indexes[i], _("The project code %(code)s is already used.") % {"code": c})
               for i, c in enumerate(codes) if c in taken]
    if errors:
        raise ApplicationError(errors[0][1], extra={"errors": errors})
    # Plain executemany inserts (core.bulk): bulk_create's per-value compiling was most of a 10,000-row ledger.
    insert_rows(Project, projects, stamp=True)
    by_code = dict(Project.objects.filter(district=district, code__in=codes).values_list("code", "pk"))
    for project in projects:
        project.pk = by_code[project.code]
        project._state.adding, project._state.db = False, "default"
    insert_history(Project, projects, by=by)
    project_years = [ProjectYear(project=p, **y) for p, y in zip(projects, years, strict=True)]
    insert_rows(ProjectYear, project_years, stamp=True)
    by_project = dict(ProjectYear.objects.filter(project_id__in=by_code.values(), year=year)
                      .values_list("project_id", "pk"))
    for project_year in project_years:
        project_year.pk = by_project[project_year.project_id]
        project_year._state.adding, project_year._state.db = False, "default"
    insert_history(ProjectYear, project_years, by=by)
    return project_years
def project_total_investment_set(*, project: Project, amount: Decimal, by=None) -> Project:
    """Set a project's total investment (万元) alone, e.g. a figure reviewed from a work report."""
    value = _money(amount, gettext_lazy("The total investment"))
    return record_upsert(Project, lookup={"pk": project.pk}, values={"total_investment": value}, by=by)[0]


@transaction.atomic
def project_year_annual_plan_set(*, project_year: ProjectYear, amount: Decimal, by=None) -> ProjectYear:
    """Set a project year's annual plan (万元) alone; it may not fall below the half-year plan."""
    value = _money(amount, gettext_lazy("The annual plan"))
    if project_year.half_year_plan is not None and value is not None and project_year.half_year_plan > value:
        raise ApplicationError(_("The half-year plan cannot exceed the annual plan."))
    return record_upsert(ProjectYear, lookup={"pk": project_year.pk}, values={"annual_plan": value}, by=by)[0]


@transaction.atomic
def milestone_template_upsert(*, name: str, steps: Sequence[str], by=None) -> MilestoneTemplate:
    """Create or update a milestone list; its steps become exactly ``steps`` in that order."""
    if len(set(steps)) != len(steps):
        raise ApplicationError(_("A milestone list cannot name a step twice."))
    template, _created = record_upsert(MilestoneTemplate, lookup={"name": name}, values={}, by=by)
    current = list(template.steps.order_by("order").values_list("name", flat=True))
    if current != list(steps):
        template.steps.all().delete()
        MilestoneTemplateStep.objects.bulk_create(
            MilestoneTemplateStep(template=template, name=step, order=i) for i, step in enumerate(steps, 1)
        )
    return template


@transaction.atomic
def project_milestones_set(
    *, project: Project, milestones: Sequence[tuple[str, datetime.date | None, datetime.date | None]], by=None,
) -> int:
    """Make the project's milestones these (name, planned date, actual date) in order; return rows written.

    New milestones are created in bulk with their history rows; existing ones are updated only where they differ.
    """
    existing = {m.name: m for m in project.milestones.all()}
    new, written = [], 0
    for order, (name, planned, actual) in enumerate(milestones, 1):
        current = existing.pop(name, None)
        if current is None:
            new.append(Milestone(project=project, name=name, order=order, planned_date=planned, actual_date=actual))
            continue
        fields = changed_fields(current, {"order": order, "planned_date": planned, "actual_date": actual})
        if fields:
            current._history_user = by
            current.save(update_fields=[*fields, "updated_at"])
            written += 1
    for stale in existing.values():
        stale._history_user = by
        stale.delete()
        written += 1
    if new:
        bulk_create_with_history(new, Milestone, default_user=by)
    return written + len(new)


@transaction.atomic
def expropriation_upsert(
    *, district: Organisation, year: int, name: str, project: Project | None = None, households: int = 0,
    area_m2: Decimal = Decimal(0), land_mu: Decimal = Decimal(0), enterprises: int = 0,
    deadline: datetime.date | None = None, frequency: str = Frequency.WEEKLY, provenance: str = Provenance.ENTERED,
    source_note: str = "", by=None,
) -> ExpropriationTask:
    """Create or update a land expropriation task (natural key: district + year + name)."""
    if households < 0 or enterprises < 0:
        raise ApplicationError(_("Households and enterprises cannot be negative."))
    task, _created = record_upsert(
        ExpropriationTask, lookup={"district": district, "year": year, "name": name},
        values={"project": project, "households": households, "area_m2": _money(area_m2, gettext_lazy("The area")),
                "land_mu": _money(land_mu, gettext_lazy("The land")), "enterprises": enterprises, "deadline": deadline,
                "frequency": frequency, "provenance": provenance, "source_note": source_note},
        by=by,
    )
    return task


@transaction.atomic
def expropriation_units_set(*, task: ExpropriationTask, units: Iterable[tuple[Organisation, str]], by=None) -> bool:
    """Assign exactly these units to the expropriation task: [(organisation, UnitRole)], at most one lead."""
    return units_set(ExpropriationUnit, owner_field="task", owner=task, units=units, by=by)


@transaction.atomic
def project_publish(*, project: Project, is_public: bool, by=None) -> bool:
    """Show the project on the public portal (or withdraw it); returns whether anything changed."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.is_public == is_public:
        return False
    project.is_public = is_public
    if by is not None:
        project._history_user = by
    project.save(update_fields=["is_public", "updated_at"])
    return True


@transaction.atomic
def project_progress_apply(*, project: Project, report: ProgressReport, by=None) -> list[str]:
    """Apply a confirmed report's physical progress: milestones reached, actual start, stage (with history).

    Checked again here (the project may have changed since the report was submitted); returns the names of what
    changed, e.g. ["主体封顶", "stage"].
    """
    project = Project.objects.select_for_update().get(pk=project.pk)
    milestones = list(project.milestones.order_by("order"))
    errors = progress_errors(project, milestones, report)
    if errors:
        raise ApplicationError(" ".join(errors))
    changed = []
    for milestone in milestones:
        day = report.milestone_actuals.get(milestone.pk)
        if day is not None and milestone.actual_date != day:
            milestone.actual_date = day
            milestone._history_user = by
            milestone.save(update_fields=["actual_date", "updated_at"])
            changed.append(milestone.name)
    values = {}
    if report.actual_start and report.actual_start != project.actual_start:
        values["actual_start"] = report.actual_start
    if report.stage and report.stage != project.stage:
        values["stage"] = report.stage
    if values:
        record_upsert(Project, lookup={"pk": project.pk}, values=values, by=by)
        changed += list(values)
    return changed
