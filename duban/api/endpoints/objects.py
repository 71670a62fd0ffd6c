"""Reads of the tracked objects: organisations, plans, tasks, livelihood items, projects, indicators, expropriation."""

from ninja import Query, Router, Schema
from ninja.pagination import paginate

from duban.org.models import OrgKind
from duban.org.permissions import scope_of
from duban.projects.models import Stage

from .. import selectors
from ..pagination import Pages
from ..schemas import (
    DbId,
    ExpropriationOut,
    IndicatorOut,
    IndicatorTargetOut,
    LivelihoodItemOut,
    Me,
    ObservationOut,
    OrganisationOut,
    PlanOut,
    ProjectOut,
    ProjectYearOut,
    SubItemOut,
    TaskOut,
    Year,
)
from .common import ERRORS

router = Router(tags=["objects"])


def _apply(rows, filters: Schema, lookups: dict[str, str]):
    """Filter ``rows`` by each filter given (None means not given); ``lookups`` maps filter → ORM lookup."""
    for name, lookup in lookups.items():
        value = getattr(filters, name)
        if value is not None:
            rows = rows.filter(**{lookup: value})
    return rows


@router.get("/me", response={200: Me, **ERRORS}, summary="The signed-in user, their roles and districts")
def me(request):
    scope = scope_of(request.user)
    return {
        "id": request.user.pk, "username": request.user.get_username(), "name": request.user.get_full_name(),
        "is_superuser": scope.is_superuser, "roles": sorted(scope.roles),
        "district_ids": list(scope.districts.order_by("pk").values_list("pk", flat=True)),
    }


class OrganisationFilters(Schema):
    kind: OrgKind | None = None
    parent_id: DbId | None = None


@router.get("/organisations", response={200: list[OrganisationOut], **ERRORS})
@paginate(Pages)
def organisation_list(request, filters: Query[OrganisationFilters]):
    return _apply(selectors.organisations(request.user), filters, {"kind": "kind", "parent_id": "parent_id"})


class PlanFilters(Schema):
    district_id: DbId | None = None
    year: Year | None = None


@router.get("/plans", response={200: list[PlanOut], **ERRORS})
@paginate(Pages)
def plan_list(request, filters: Query[PlanFilters]):
    return _apply(selectors.plans(request.user), filters, {"district_id": "district_id", "year": "year"})


class TaskFilters(Schema):
    plan_id: DbId | None = None
    district_id: DbId | None = None
    year: Year | None = None
    unit_id: DbId | None = None


@router.get("/tasks", response={200: list[TaskOut], **ERRORS})
@paginate(Pages)
def task_list(request, filters: Query[TaskFilters]):
    return _apply(selectors.tasks(request.user), filters, {
        "plan_id": "plan_id", "district_id": "plan__district_id", "year": "plan__year", "unit_id": "units__organisation_id"})


class LivelihoodFilters(Schema):
    plan_id: DbId | None = None
    year: Year | None = None


@router.get("/livelihood-items", response={200: list[LivelihoodItemOut], **ERRORS})
@paginate(Pages)
def livelihood_item_list(request, filters: Query[LivelihoodFilters]):
    return _apply(selectors.livelihood_items(request.user), filters, {"plan_id": "plan_id", "year": "plan__year"})


class SubItemFilters(Schema):
    item_id: DbId | None = None
    year: Year | None = None
    unit_id: DbId | None = None


@router.get("/livelihood-sub-items", response={200: list[SubItemOut], **ERRORS})
@paginate(Pages)
def sub_item_list(request, filters: Query[SubItemFilters]):
    return _apply(selectors.sub_items(request.user), filters, {
        "item_id": "item_id", "year": "item__plan__year", "unit_id": "units__organisation_id"})


class ProjectFilters(Schema):
    district_id: DbId | None = None
    lead_unit_id: DbId | None = None
    stage: Stage | None = None


@router.get("/projects", response={200: list[ProjectOut], **ERRORS})
@paginate(Pages)
def project_list(request, filters: Query[ProjectFilters]):
    return _apply(selectors.projects(request.user), filters, {
        "district_id": "district_id", "lead_unit_id": "lead_unit_id", "stage": "stage"})


class ProjectYearFilters(Schema):
    project_id: DbId | None = None
    district_id: DbId | None = None
    year: Year | None = None


@router.get("/project-years", response={200: list[ProjectYearOut], **ERRORS})
@paginate(Pages)
def project_year_list(request, filters: Query[ProjectYearFilters]):
    return _apply(selectors.project_years(request.user), filters, {
        "project_id": "project_id", "district_id": "project__district_id", "year": "year"})


@router.get("/indicators", response={200: list[IndicatorOut], **ERRORS})
@paginate(Pages)
def indicator_list(request):
    return selectors.indicators(request.user)


class TargetFilters(Schema):
    indicator_id: DbId | None = None
    organisation_id: DbId | None = None
    year: Year | None = None


@router.get("/indicator-targets", response={200: list[IndicatorTargetOut], **ERRORS})
@paginate(Pages)
def indicator_target_list(request, filters: Query[TargetFilters]):
    return _apply(selectors.indicator_targets(request.user), filters, {
        "indicator_id": "indicator_id", "organisation_id": "organisation_id", "year": "year"})


class ObservationFilters(Schema):
    indicator_id: DbId | None = None
    organisation_id: DbId | None = None
    year: Year | None = None


@router.get("/observations", response={200: list[ObservationOut], **ERRORS})
@paginate(Pages)
def observation_list(request, filters: Query[ObservationFilters]):
    return _apply(selectors.observations(request.user), filters, {
        "indicator_id": "indicator_id", "organisation_id": "organisation_id", "year": "year"})


class ExpropriationFilters(Schema):
    district_id: DbId | None = None
    year: Year | None = None


@router.get("/expropriations", response={200: list[ExpropriationOut], **ERRORS})
@paginate(Pages)
def expropriation_list(request, filters: Query[ExpropriationFilters]):
    return _apply(selectors.expropriations(request.user), filters, {"district_id": "district_id", "year": "year"})
