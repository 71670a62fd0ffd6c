"""Who may report, triage, answer and see direct reports. Used by views, templates and the services alike."""

from duban.org.models import Organisation, Role
from duban.org.permissions import scope_of

from .models import DirectReport, State

TRIAGE_ROLES = (Role.COMMAND_CENTRE, Role.SUPERVISION_OFFICE)


def can_triage(user, district: Organisation) -> bool:
    """The district's command centre (or its supervision office) merges, rejects, dispatches and closes."""
    if not user.is_authenticated:
        return False
    scope = scope_of(user)
    if scope.is_superuser:
        return True
    return any(m.role in TRIAGE_ROLES and (district.path.startswith(m.organisation.path)
                                           or m.organisation.path.startswith(district.path))
               for m in scope.memberships)


def can_answer(user, report: DirectReport) -> bool:
    """The unit it was dispatched to (its reporters and leaders) answers while it is dispatched."""
    if not user.is_authenticated or report.state != State.DISPATCHED or report.unit_id is None:
        return False
    scope = scope_of(user)
    return scope.is_superuser or any(
        m.organisation_id == report.unit_id and m.role in (Role.UNIT_REPORTER, Role.UNIT_LEADER)
        for m in scope.memberships)


def can_view(user, report: DirectReport) -> bool:
    if not user.is_authenticated:
        return False
    if report.reporter_id == user.pk or can_triage(user, report.district):
        return True
    scope = scope_of(user)
    return report.unit_id is not None and any(m.organisation_id == report.unit_id for m in scope.memberships)


def channel_of(user) -> str:
    """Grid members report as grid members; everyone else (logged in or not) as a citizen."""
    if user.is_authenticated and scope_of(user).has_role(Role.GRID_MEMBER):
        return "grid"
    return "public"


def triage_districts(user) -> list[Organisation]:
    """Districts whose direct reports the user triages."""
    if not user.is_authenticated:
        return []
    scope = scope_of(user)
    if scope.is_superuser:
        return list(Organisation.objects.districts())
    found = {m.organisation.district for m in scope.memberships if m.role in TRIAGE_ROLES}
    return sorted((d for d in found if d is not None), key=lambda d: d.path)


def can_view_direct_reports_page(user) -> bool:
    """The queue and its menu entry: anyone logged in (it shows each user what their role allows)."""
    return user.is_authenticated
