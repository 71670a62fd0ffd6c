"""Who may generate bulletins: the offices of a district (supervision, key-project, city office) and superusers.

Built on the existing functions: the user sees the whole district (tracking's ``can_view_district_status``) and
holds an office role (org's scope); a unit reporter or leader never sees a district-wide bulletin.
"""

from duban.org.models import Organisation
from duban.org.permissions import scope_of
from duban.tracking.permissions import can_view_district_status


def can_generate_bulletin(user, district: Organisation) -> bool:
    if not user.is_authenticated:
        return False
    scope = scope_of(user)
    return scope.is_superuser or (scope.is_office and can_view_district_status(user, district))


def can_view_bulletins_page(user) -> bool:
    """The bulletins page and its menu entry: the offices of the user's home district."""
    district = scope_of(user).home_district if user.is_authenticated else None
    return district is not None and can_generate_bulletin(user, district)
