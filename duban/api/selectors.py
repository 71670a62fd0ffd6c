"""What each API list shows: the rows a user may see, as querysets built from duban.org.permissions.scope_of.

The rules are those of tracking.permissions.can_view_item / can_view_order: a user who sees a district as a
whole sees everything in it; others see the things of the units they see (lead, responsible or cooperating).
Each list is one query for the rows plus one for the count, whatever the data size.
"""

from django.db.models import Q, QuerySet

from duban.indicators.models import Indicator, IndicatorTarget, Observation
from duban.org.models import Organisation
from duban.org.permissions import scope_of
from duban.plans.models import LivelihoodItem, LivelihoodSubItem, Plan, Task
from duban.projects.models import ExpropriationTask, Project, ProjectYear
from duban.tracking.models import ItemType, Report, SupervisionOrder


def _ids(user) -> tuple[list[int], list[int]]:
    """(districts seen as a whole, units seen) of a user."""
    scope = scope_of(user)
    return list(scope.districts.values_list("pk", flat=True)), list(scope.unit_ids)


def organisations(user) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=scope_of(user).unit_ids).in_office_order()


def plans(user) -> QuerySet[Plan]:
    districts, units = _ids(user)
    return Plan.objects.filter(
        Q(district_id__in=districts) | Q(tasks__units__organisation_id__in=units)
        | Q(livelihood_items__sub_items__units__organisation_id__in=units)
    ).distinct().order_by("-year", "district_id", "pk")


def tasks(user) -> QuerySet[Task]:
    districts, units = _ids(user)
    return (Task.objects.filter(Q(plan__district_id__in=districts) | Q(units__organisation_id__in=units))
            .distinct().select_related("plan").order_by("plan_id", "pk"))


def livelihood_items(user) -> QuerySet[LivelihoodItem]:
    districts, units = _ids(user)
    return (LivelihoodItem.objects.filter(Q(plan__district_id__in=districts) | Q(lead_unit_id__in=units)
                                          | Q(sub_items__units__organisation_id__in=units))
            .distinct().select_related("plan").order_by("plan_id", "number", "pk"))


def sub_items(user) -> QuerySet[LivelihoodSubItem]:
    districts, units = _ids(user)
    return (LivelihoodSubItem.objects.filter(Q(item__plan__district_id__in=districts) | Q(units__organisation_id__in=units))
            .distinct().select_related("item__plan").order_by("item_id", "pk"))


def projects(user) -> QuerySet[Project]:
    districts, units = _ids(user)
    return (Project.objects.filter(Q(district_id__in=districts) | Q(lead_unit_id__in=units))
            .select_related("category", "area").order_by("district_id", "code", "pk"))


def project_years(user) -> QuerySet[ProjectYear]:
    districts, units = _ids(user)
    return (ProjectYear.objects.filter(Q(project__district_id__in=districts) | Q(project__lead_unit_id__in=units))
            .select_related("project").order_by("-year", "project_id", "pk"))


def indicators(user) -> QuerySet[Indicator]:
    """Indicator definitions are shared by every district: any signed-in user reads them."""
    return Indicator.objects.order_by("code")


def indicator_targets(user) -> QuerySet[IndicatorTarget]:
    districts, units = _ids(user)
    district_paths = Q(pk__in=[])
    for district in Organisation.objects.filter(pk__in=districts).only("path"):
        district_paths |= Q(organisation__path__startswith=district.path)
    return (IndicatorTarget.objects.filter(district_paths | Q(units__organisation_id__in=units))
            .distinct().select_related("indicator", "organisation").order_by("-year", "indicator__code", "pk"))


def observations(user) -> QuerySet[Observation]:
    return (Observation.objects.filter(organisation_id__in=scope_of(user).unit_ids)
            .select_related("indicator").order_by("-year", "-period", "indicator__code", "organisation_id", "pk"))


def expropriations(user) -> QuerySet[ExpropriationTask]:
    districts, units = _ids(user)
    return (ExpropriationTask.objects.filter(Q(district_id__in=districts) | Q(units__organisation_id__in=units))
            .distinct().order_by("-year", "pk"))


def _visible_items(user) -> Q:
    """Reports and orders whose item the user may see, as subqueries (no ids are loaded)."""
    _districts, units = _ids(user)
    by_type = {
        ItemType.TASK: Task.objects.filter(units__organisation_id__in=units),
        ItemType.SUB_ITEM: LivelihoodSubItem.objects.filter(units__organisation_id__in=units),
        ItemType.PROJECT_YEAR: ProjectYear.objects.filter(project__lead_unit_id__in=units),
        ItemType.INDICATOR_TARGET: IndicatorTarget.objects.filter(units__organisation_id__in=units),
        ItemType.EXPROPRIATION: ExpropriationTask.objects.filter(units__organisation_id__in=units),
    }
    q = Q(pk__in=[])
    for item_type, rows in by_type.items():
        q |= Q(item_type=item_type, item_id__in=rows.values("pk"))
    return q


def reports(user) -> QuerySet[Report]:
    districts, _units = _ids(user)
    if scope_of(user).is_superuser:
        rows = Report.objects.all()
    else:
        rows = Report.objects.filter(Q(district_id__in=districts) | _visible_items(user))
    return rows.order_by("-submitted_at", "-pk")


def orders(user) -> QuerySet[SupervisionOrder]:
    districts, units = _ids(user)
    rows = SupervisionOrder.objects.all()
    if not scope_of(user).is_superuser:
        rows = rows.filter(Q(district_id__in=districts) | Q(units__organisation_id__in=units)).distinct()
    return rows.prefetch_related("units").order_by("-issued_at", "-pk")
