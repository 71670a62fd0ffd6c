"""Reads for the web shell's screens, each a constant number of queries whatever the data size."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum

from duban.indicators.models import IndicatorTarget, Observation, PeriodType
from duban.org.models import Organisation, Role
from duban.org.permissions import Scope
from duban.plans.models import LivelihoodItem, LivelihoodSubItem, Plan, Task, WorkNode
from duban.projects.models import Project

GDP_INDICATOR_NAME = "地区生产总值"


@dataclass
class NodeRow:
    """A work-system node with the tasks hanging on it and on its descendants."""

    node: WorkNode
    own_tasks: int
    children: list["NodeRow"] = field(default_factory=list)

    @property
    def total_tasks(self) -> int:
        return self.own_tasks + sum(child.total_tasks for child in self.children)


@dataclass
class CategoryRow:
    name: str
    projects: int
    total_investment: Decimal


@dataclass
class PlanSummary:
    plan: Plan
    tree: list[NodeRow]
    tasks: int
    tasks_without_node: int
    livelihood_items: int
    livelihood_sub_items: int
    projects: int
    projects_total_investment: Decimal
    projects_annual_plan: Decimal
    projects_by_category: list[CategoryRow]
    indicators: int
    targets: int


@dataclass
class DistrictRow:
    district: Organisation
    newest_plan: Plan | None


def visible_districts(scope: Scope) -> list[Organisation]:
    """Districts a user may open on the home page: those of their roles, or the one their unit is in."""
    districts = list(scope.districts.order_by("path"))
    if not districts and scope.home_district is not None:
        districts = [scope.home_district]
    return districts


def home_district_for(scope: Scope, visible: list[Organisation], requested_id: int | None) -> Organisation | None:
    """The district to show: the one asked for if visible, else the user's own; None means 'show the list'.

    City-office users and superusers without a membership in a district oversee several districts and
    start from the list; everyone else starts from the district they work in.
    """
    if requested_id is not None:
        return next((d for d in visible if d.pk == requested_id), None)
    if scope.has_role(Role.CITY_OFFICE) and not _works_in_a_district(scope):
        return None
    return scope.home_district


def _works_in_a_district(scope: Scope) -> bool:
    return any(m.role != Role.CITY_OFFICE for m in scope.memberships)


def district_rows(districts: list[Organisation]) -> list[DistrictRow]:
    """Each district with its newest plan (one query for all)."""
    newest: dict[int, Plan] = {}
    for plan in Plan.objects.filter(district__in=districts, is_draft=False).order_by("district_id", "-year"):
        newest.setdefault(plan.district_id, plan)
    return [DistrictRow(district=d, newest_plan=newest.get(d.pk)) for d in districts]


def district_plans(district: Organisation, *, drafts: bool = False) -> list[Plan]:
    """The district's plans, newest first; draft plans (built by report review) only when ``drafts``."""
    plans = Plan.objects.filter(district=district).order_by("-year")
    return list(plans if drafts else plans.filter(is_draft=False))


def pick_plan(plans: list[Plan], year: int | None) -> Plan | None:
    """The plan of the year asked for, else the newest published one."""
    if year is not None:
        for plan in plans:
            if plan.year == year:
                return plan
    published = [plan for plan in plans if not plan.is_draft]
    return published[0] if published else (plans[0] if plans else None)


def plan_summary(plan: Plan) -> PlanSummary:
    district_id, year = plan.district_id, plan.year
    nodes = WorkNode.objects.filter(plan=plan).annotate(task_count=Count("tasks")).order_by("order", "code")
    task_counts = Task.objects.filter(plan=plan).aggregate(
        total=Count("id"), without_node=Count("id", filter=Q(node__isnull=True))
    )
    categories = _projects_by_category(district_id, year)
    totals = Project.objects.filter(district_id=district_id, years__year=year).aggregate(
        n=Count("id"), total=Sum("total_investment"), annual=Sum("years__annual_plan")
    )
    targets = IndicatorTarget.objects.filter(organisation_id=district_id, year=year).aggregate(
        n=Count("id"), indicators=Count("indicator", distinct=True)
    )
    return PlanSummary(
        plan=plan,
        tree=build_tree(list(nodes)),
        tasks=task_counts["total"],
        tasks_without_node=task_counts["without_node"],
        livelihood_items=LivelihoodItem.objects.filter(plan=plan).count(),
        livelihood_sub_items=LivelihoodSubItem.objects.filter(item__plan=plan).count(),
        projects=totals["n"],
        projects_total_investment=totals["total"] or Decimal(0),
        projects_annual_plan=totals["annual"] or Decimal(0),
        projects_by_category=categories,
        indicators=targets["indicators"],
        targets=targets["n"],
    )


def build_tree(nodes: list[WorkNode]) -> list[NodeRow]:
    """Nest nodes (annotated with ``task_count``) under their parents, keeping the given order."""
    rows = {n.pk: NodeRow(node=n, own_tasks=getattr(n, "task_count", 0)) for n in nodes}
    roots: list[NodeRow] = []
    for n in nodes:
        parent = rows.get(n.parent_id) if n.parent_id else None
        (parent.children if parent else roots).append(rows[n.pk])
    return roots


def _projects_by_category(district_id: int, year: int) -> list[CategoryRow]:
    rows = (
        Project.objects.filter(district_id=district_id, years__year=year)
        .values("category__name", "category__order")
        .annotate(n=Count("id"), total=Sum("total_investment"))
        .order_by("category__order", "category__name")
    )
    return [
        CategoryRow(name=r["category__name"] or "", projects=r["n"], total_investment=r["total"] or Decimal(0))
        for r in rows
    ]


def gdp_series(district: Organisation) -> tuple[str, list[tuple[int, Decimal]]]:
    """The GDP indicator's unit and the district's yearly levels (newest revision of each), oldest first."""
    rows = list(
        Observation.objects.latest_revisions()
        .filter(
            indicator__name=GDP_INDICATOR_NAME, organisation=district,
            period_type=PeriodType.YEAR, level__isnull=False,
        )
        .order_by("year")
        .values_list("year", "level", "indicator__unit")
    )
    unit = rows[0][2] if rows else ""
    return unit, [(year, level) for year, level, _unit in rows]
