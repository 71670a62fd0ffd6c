"""Who may export and import ledgers, built on duban.org.permissions.scope_of.

Exports: the offices, statistics and district leaders of the district (they already see all its items).
Imports write the plan, so they belong to the office that owns the ledger: the key-project office for projects
and expropriation, the supervision office for the decomposition table, tasks, livelihood items and supervision orders; statistics
and the supervision office for the indicator table; the city office for any district of its city; a superuser
everywhere.
"""

from duban.org.models import Organisation, Role
from duban.org.permissions import scope_of

IMPORT_ROLES = {
    "projects": (Role.PROJECT_OFFICE, Role.CITY_OFFICE),
    "expropriation": (Role.PROJECT_OFFICE, Role.CITY_OFFICE),
    "plan": (Role.SUPERVISION_OFFICE, Role.CITY_OFFICE),
    "tasks": (Role.SUPERVISION_OFFICE, Role.CITY_OFFICE),
    "livelihood": (Role.SUPERVISION_OFFICE, Role.CITY_OFFICE),
    "orders": (Role.SUPERVISION_OFFICE, Role.CITY_OFFICE),
    "indicators": (Role.STATISTICS, Role.SUPERVISION_OFFICE, Role.CITY_OFFICE),
}
EXPORT_ROLES = (Role.SUPERVISION_OFFICE, Role.PROJECT_OFFICE, Role.CITY_OFFICE, Role.STATISTICS, Role.DISTRICT_LEADER)


def _in_district(user, district: Organisation, roles) -> bool:
    if not user.is_authenticated:
        return False
    scope = scope_of(user)
    return scope.is_superuser or (scope.has_role(*roles) and scope.sees_district(district))


def can_use_ledgers(user, district: Organisation | None) -> bool:
    """The Excel page and its menu entry: whoever may export the district's ledgers."""
    return district is not None and _in_district(user, district, EXPORT_ROLES)


def can_view_ledgers_page(user) -> bool:
    """The menu entry: the Excel page of the user's home district."""
    return user.is_authenticated and can_use_ledgers(user, scope_of(user).home_district)


def can_export_ledger(user, district: Organisation, kind: str) -> bool:
    return _in_district(user, district, EXPORT_ROLES)


def can_import_ledger(user, district: Organisation, kind: str) -> bool:
    return kind in IMPORT_ROLES and _in_district(user, district, IMPORT_ROLES[kind])
