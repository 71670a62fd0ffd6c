"""duban synth: counts as asked, the same seed gives the same city, everything marked generated."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from duban.core.models import Provenance
from duban.indicators.models import IndicatorTarget, Observation
from duban.org.models import Membership, Organisation, OrgKind, Role
from duban.plans.models import Task
from duban.projects.models import Project, ProjectYear
from duban.demo.synth import SynthSpec, synth_city
from duban.tracking.models import Item, Report, ReportEvent, ReportState, SupervisionOrder

pytestmark = pytest.mark.django_db

SPEC = SynthSpec(districts=3, units_per_district=4, projects=30, years=2, seed=7, indicators=5,
                 tasks_per_district=6, as_of=date(2024, 8, 15))


def fingerprint() -> dict:
    """The city's content without database ids."""
    py_code = {pk: (code, year) for pk, code, year in ProjectYear.objects.values_list("pk", "project__code", "year")}
    task_code = {pk: (d, y, c) for pk, d, y, c in Task.objects.values_list("pk", "plan__district__name", "plan__year", "code")}
    code = {"project_year": py_code, "task": task_code}
    return {
        "orgs": sorted(Organisation.objects.values_list("name", "kind", "parent__name", "order")),
        "projects": sorted(Project.objects.values_list("code", "name", "level", "category__name", "lead_unit__name",
                                                       "total_investment", "planned_start", "registered_with_statistics")),
        "years": sorted(ProjectYear.objects.values_list("project__code", "year", "plan_type", "annual_plan", "invested_before")),
        "tasks": sorted(Task.objects.values_list("plan__district__name", "plan__year", "code", "title", "target_value",
                                                 "node__code", "category", "weight", "units__organisation__name")),
        "reports": sorted((t, code[t][i], k, s, y, v, u, b) for t, i, k, s, y, v, u, b in Report.objects.values_list(
            "item_type", "item_id", "period_key", "state", "invest_ytd", "value", "unit__name", "submitted_by__username")),
        "observations": sorted(Observation.objects.values_list("indicator__code", "organisation__name", "year", "period",
                                                               "level", "growth")),
        "targets": sorted(IndicatorTarget.objects.values_list("indicator__name", "organisation__name", "year", "value",
                                                              "units__organisation__name")),
        "orders": sorted((n, py_code[i], s) for n, i, s in SupervisionOrder.objects.values_list("number", "item_id", "state")),
        "members": sorted(Membership.objects.values_list("user__username", "organisation__name", "role")),
    }


def build_and_fingerprint(spec: SynthSpec) -> tuple[dict, dict]:
    with transaction.atomic():
        counts = synth_city(spec)
        found = fingerprint()
        transaction.set_rollback(True)
    return counts, found


def test_the_same_seed_gives_the_same_city_and_another_seed_another():
    counts, first = build_and_fingerprint(SPEC)
    again_counts, again = build_and_fingerprint(SPEC)
    assert (again_counts, again) == (counts, first)
    _other_counts, other = build_and_fingerprint(SynthSpec(**{**SPEC.__dict__, "seed": 8}))
    assert other["projects"] != first["projects"]


def test_counts_are_as_asked_and_every_role_has_users():
    counts = synth_city(SPEC)
    assert Organisation.objects.filter(kind=OrgKind.DISTRICT).count() == 3
    units = Organisation.objects.exclude(kind__in=[OrgKind.CITY, OrgKind.DISTRICT, OrgKind.OFFICE]).count()
    assert (counts["districts"], counts["units"], units) == (3, 12, 12)
    assert (Project.objects.count(), ProjectYear.objects.count()) == (30, 60)
    assert Task.objects.count() == counts["tasks"] == 3 * 2 * 6
    assert IndicatorTarget.objects.count() == counts["indicator_targets"] == 5 * 2
    # A past year has twelve monthly figures, the current year the closed months (January to July).
    assert Observation.objects.count() == counts["observations"] == 5 * (12 + 7)
    assert Report.objects.count() == counts["reports"]
    assert Report.objects.filter(year=2023, item_type="project_year").count() == 30 * 12
    assert set(Report.objects.filter(year=2024).values_list("period_key", flat=True)) <= {f"2024-{m:02d}" for m in range(1, 8)}
    assert ReportEvent.objects.count() == 2 * Report.objects.exclude(state=ReportState.SUBMITTED).count() + \
        Report.objects.filter(state=ReportState.SUBMITTED).count()
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    assert counts["users"] == 1 + 3 * 6 + 12 * 2
    assert Report.objects.filter(tracked_item__isnull=True).count() == 0
    assert Item.objects.count() == Report.objects.values("item_type", "item_id").distinct().count()
    for model in (Organisation, Project, ProjectYear, Task, Report, Observation, SupervisionOrder):
        assert set(model.objects.values_list("provenance", flat=True)) == {Provenance.GENERATED}


def test_the_command_prints_the_counts_and_refuses_a_bad_date():
    out = StringIO()
    call_command("synth", "--districts", "1", "--units-per-district", "2", "--projects", "3", "--years", "1",
                 "--seed", "2", "--indicators", "1", "--tasks-per-district", "2", "--as-of", "2024-03-10",
                 stdout=out, stderr=StringIO())
    assert out.getvalue().startswith("districts 1, units 2, users 11, tasks 2, projects 3, project_years 3, reports 10, "
                                     "indicator_targets 1, observations 2, orders ")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("synth", "--as-of", "2024-13-01", stdout=StringIO(), stderr=StringIO())
