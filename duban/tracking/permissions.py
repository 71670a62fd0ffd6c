"""Who may do what in tracking: one plain function per action, built on duban.org.permissions.scope_of.

- reporters act only on items of their unit (as lead or responsible unit; cooperating units only see);
- unit leaders see their unit (and below) and act for it on supervision orders;
- district leaders, statistics and the offices see the whole district; the supervision, key-project and city
  offices review reports, issue and review orders, and run evaluations;
- the city office sees every district of its city. A superuser may do everything.
"""

from duban.ingest.permissions import can_upload_document
from duban.org.models import Organisation, Role
from duban.org.permissions import scope_of

from .items import TrackedItem
from .models import Evaluation, EvaluationState, EvaluationSubject, Report, SupervisionOrder


def _district_ids(user) -> frozenset[int]:
    scope = scope_of(user)
    cached = getattr(scope, "_tracking_district_ids", None)
    if cached is None:
        cached = frozenset(scope.districts.values_list("pk", flat=True))
        scope._tracking_district_ids = cached
    return cached


def _sees_district(user, district_id: int | None) -> bool:
    scope = scope_of(user)
    return scope.is_superuser or (district_id is not None and district_id in _district_ids(user))


def _office_of(user, district_id: int | None) -> bool:
    scope = scope_of(user)
    return scope.is_superuser or (scope.is_office and _sees_district(user, district_id))


def _acts_for(user, org_id: int | None) -> bool:
    """The user reports for or leads the unit."""
    scope = scope_of(user)
    if scope.is_superuser:
        return True
    return org_id is not None and any(
        m.organisation_id == org_id and m.role in (Role.UNIT_REPORTER, Role.UNIT_LEADER) for m in scope.memberships
    )


# Items and reports


def can_view_item(user, item: TrackedItem) -> bool:
    scope = scope_of(user)
    if not user.is_authenticated:
        return False
    return _sees_district(user, item.district_id) or bool(item.unit_ids & scope.unit_ids)


def can_submit_report(user, item: TrackedItem) -> bool:
    scope = scope_of(user)
    if not user.is_authenticated:
        return False
    return scope.is_superuser or bool(item.counting_unit_ids & scope.reporting_unit_ids)


def can_enter_report(user, item: TrackedItem) -> bool:
    """Figures entered by the office on a unit's behalf (its ledger), confirmed at once: the district's offices."""
    return user.is_authenticated and _office_of(user, item.district_id)


def can_view_report(user, report: Report, item: TrackedItem) -> bool:
    return can_view_item(user, item)


def can_review_report(user, report: Report) -> bool:
    return user.is_authenticated and _office_of(user, report.district_id)


def can_view_review_queue(user, district: Organisation) -> bool:
    return user.is_authenticated and _office_of(user, district.pk)


def can_view_not_reported(user, district: Organisation) -> bool:
    """The not-reported list (未报清单) of a district: its offices."""
    return user.is_authenticated and _office_of(user, district.pk)


def can_remind_units(user, district: Organisation) -> bool:
    """Send reminders from the not-reported list: the district's offices."""
    return user.is_authenticated and _office_of(user, district.pk)


def can_view_district_status(user, district: Organisation) -> bool:
    """The full status list of a district; others see only the items of their units."""
    return user.is_authenticated and _sees_district(user, district.pk)


def can_configure_rules(user, district: Organisation | None = None) -> bool:
    scope = scope_of(user)
    if district is None:
        return scope.is_superuser or scope.has_role(Role.CITY_OFFICE)
    return user.is_authenticated and _office_of(user, district.pk)


# Supervision orders


def _order_unit_ids(order: SupervisionOrder) -> set[int]:
    return {u.organisation_id for u in order.units.all()}


def _lead_unit_id(order: SupervisionOrder) -> int | None:
    return next((u.organisation_id for u in order.units.all() if u.role == "lead"), None)


def can_register_supervised_work(user, district: Organisation) -> bool:
    """Instructions, meeting decisions, suggestions and proposals are registered by the district's office."""
    return _office_of(user, district.pk)
def can_retire_item(user, item) -> bool:
    """Retire or restore a tracked item (an :class:`~duban.tracking.models.Item` or a ``TrackedItem``)."""
    return user.is_authenticated and _office_of(user, item.district_id)


def can_issue_order(user, district: Organisation) -> bool:
    return user.is_authenticated and _office_of(user, district.pk)


def can_order_on_item(user, district: Organisation, item: TrackedItem) -> bool:
    """An order about an item: the user issues orders in the district and the item belongs to that district.

    The new-order form and ``order_issue`` both ask this one question, so that neither shows anything about
    an item of another district (its title above all) to an office that does not oversee it.
    """
    return (can_issue_order(user, district) and item.district_id == district.pk
            and can_view_item(user, item))


def can_view_order(user, order: SupervisionOrder) -> bool:
    if not user.is_authenticated:
        return False
    return _sees_district(user, order.district_id) or bool(_order_unit_ids(order) & scope_of(user).unit_ids)


def can_sign_order(user, order: SupervisionOrder) -> bool:
    return user.is_authenticated and _acts_for(user, _lead_unit_id(order))


def can_give_order_feedback(user, order: SupervisionOrder) -> bool:
    return user.is_authenticated and _acts_for(user, _lead_unit_id(order))


def can_request_extension(user, order: SupervisionOrder) -> bool:
    return user.is_authenticated and _acts_for(user, _lead_unit_id(order))


def can_review_order(user, order: SupervisionOrder) -> bool:
    return user.is_authenticated and _office_of(user, order.district_id)


def can_close_order(user, order: SupervisionOrder) -> bool:
    return user.is_authenticated and _office_of(user, order.district_id)


def can_decide_extension(user, order: SupervisionOrder) -> bool:
    return user.is_authenticated and _office_of(user, order.district_id)


# Evaluations and rankings


def can_manage_evaluation(user, scope_org: Organisation, subject: str = EvaluationSubject.UNITS) -> bool:
    """Units of a district: that district's office. Districts of a city: the city office."""
    scope = scope_of(user)
    if not user.is_authenticated:
        return False
    if scope.is_superuser:
        return True
    if subject == EvaluationSubject.DISTRICTS:
        return any(m.role == Role.CITY_OFFICE and scope_org.is_within(m.organisation) for m in scope.memberships)
    return _office_of(user, scope_org.pk)


def _sees_scope(user, scope_org: Organisation) -> bool:
    scope = scope_of(user)
    if scope.is_superuser or _sees_district(user, scope_org.pk) or scope.sees_unit(scope_org.pk):
        return True
    return any(m.role == Role.CITY_OFFICE and scope_org.is_within(m.organisation) for m in scope.memberships)


def _works_in(user, scope_org: Organisation) -> bool:
    return any(m.organisation.is_within(scope_org) for m in scope_of(user).memberships)


def can_view_ranking(user, evaluation: Evaluation) -> bool:
    """A published ranking is open to everyone who works in its district or city; a draft only to its managers."""
    if not user.is_authenticated:
        return False
    if evaluation.state != EvaluationState.PUBLISHED:
        return can_manage_evaluation(user, evaluation.scope, evaluation.subject)
    return _sees_scope(user, evaluation.scope) or _works_in(user, evaluation.scope)


def can_view_received_ranks(user, organisation: Organisation) -> bool:
    """Ranks a district or unit received: everyone who sees or works in that district."""
    if not user.is_authenticated:
        return False
    district = organisation.district or organisation
    return _sees_scope(user, district) or _works_in(user, district)


def can_record_received_rank(user, organisation: Organisation) -> bool:
    """The district's office records the ranks its district and units received from outside reviews."""
    return can_manage_evaluation(user, organisation.district or organisation, EvaluationSubject.UNITS)


def can_publish_ranking(user, evaluation: Evaluation) -> bool:
    return can_manage_evaluation(user, evaluation.scope, evaluation.subject)


def can_enter_score(user, evaluation: Evaluation) -> bool:
    return evaluation.state == EvaluationState.DRAFT and can_manage_evaluation(user, evaluation.scope, evaluation.subject)


# Pages: what the menu offers and the views check again (one answer for both)


def _works_somewhere(user) -> bool:
    scope = scope_of(user)
    return scope.is_superuser or scope.home_district is not None


def can_view_my_updates(user) -> bool:
    """"My updates" is the reporter's page: users who report for a unit."""
    return user.is_authenticated and (scope_of(user).is_superuser or bool(scope_of(user).reporting_unit_ids))


def can_view_review_page(user) -> bool:
    """The review queue: the offices (supervision, key-project, city) of some district."""
    return user.is_authenticated and (scope_of(user).is_superuser or (scope_of(user).is_office and bool(_district_ids(user))))


def can_view_status_page(user) -> bool:
    """The status list: everyone working in a district (units see only their items there)."""
    return user.is_authenticated and _works_somewhere(user)


def can_view_orders_page(user) -> bool:
    return user.is_authenticated and _works_somewhere(user)


def can_view_rankings_page(user) -> bool:
    return user.is_authenticated


def can_view_notifications_page(user) -> bool:
    return user.is_authenticated


def can_view_office_pages(user) -> bool:
    """The office's workbench pages (not reported, lights overview, assignment, configuration)."""
    return can_view_review_page(user)


def can_view_dashboard(user, district: Organisation | None = None) -> bool:
    """The leaders' dashboard (驾驶舱): users who see a whole district (leaders, offices, statistics, city)."""
    if not user.is_authenticated:
        return False
    if district is None:
        return scope_of(user).is_superuser or bool(_district_ids(user))
    return _sees_district(user, district.pk)


# Problems (问题清单)


def can_view_problems_page(user) -> bool:
    """The problem list (问题清单): everyone working in a district; units see only the problems they own."""
    return user.is_authenticated and _works_somewhere(user)


def sees_all_problems(user, district: Organisation) -> bool:
    """The whole district's problems: its offices, leaders and statistics; others only their units'."""
    return user.is_authenticated and _sees_district(user, district.pk)


def can_view_problem(user, problem) -> bool:
    """A problem: whoever sees its district, and the people of its owner unit (and those who oversee it)."""
    if not user.is_authenticated:
        return False
    return _sees_district(user, problem.district_id) or problem.owner_unit_id in scope_of(user).unit_ids


def can_raise_problem(user, district: Organisation) -> bool:
    """A problem raised directly (not in a report) by the district's office."""
    return user.is_authenticated and _office_of(user, district.pk)


def can_resolve_problem(user, problem) -> bool:
    """The office closes a problem with its resolution (the unit reports it solved through its report or order)."""
    return user.is_authenticated and _office_of(user, problem.district_id)


# Office configuration: assignment of tasks, light rules, time-progress curves, rubrics


def can_assign_tasks(user, district: Organisation | None = None) -> bool:
    """Assign units, deadline, weight and reporting frequency to tasks of a district: its offices.

    Without a district (the menu): the user is the office of some district.
    """
    if not user.is_authenticated:
        return False
    if district is None:
        return scope_of(user).is_superuser or (scope_of(user).is_office and bool(_district_ids(user)))
    return _office_of(user, district.pk)


def can_view_config_page(user) -> bool:
    """The configuration page: users who may configure the rules of everywhere or of their district."""
    if not user.is_authenticated:
        return False
    home = scope_of(user).home_district
    return can_configure_rules(user) or (home is not None and can_configure_rules(user, home))


def can_view_draft_plans(user, district: Organisation) -> bool:
    """A draft plan year (built by report review, not yet published by the office): only who reviews the
    district's reports sees it; everyone else is shown the published years only."""
    return can_upload_document(user, district)
