"""Who may upload reports and review what was found in them.

Only the supervision office (督查室), the key-project office (重点办) and statistics of a district — and
superusers — may; district leaders, the city office and units may not (they see the results in the plan).
"""

from duban.org.models import Organisation, OrgKind, Role
from duban.org.permissions import scope_of

INGEST_ROLES = frozenset({Role.SUPERVISION_OFFICE, Role.PROJECT_OFFICE, Role.STATISTICS})


def ingest_district_ids(user) -> frozenset[int]:
    """Ids of the districts whose reports the user may upload and review."""
    scope = scope_of(user)
    cached = getattr(scope, "_ingest_district_ids", None)
    if cached is None:
        cached = scope._ingest_district_ids = _district_ids(scope)
    return cached


def _district_ids(scope) -> frozenset[int]:
    if scope.is_superuser:
        return frozenset(Organisation.objects.districts().values_list("pk", flat=True))
    ids = set()
    for membership in scope.memberships:
        if membership.role not in INGEST_ROLES:
            continue
        org = membership.organisation
        district = org if org.kind == OrgKind.DISTRICT else org.district
        if district is not None:
            ids.add(district.pk)
    return frozenset(ids)


def ingest_districts(user):
    return Organisation.objects.filter(pk__in=ingest_district_ids(user)).order_by("path")


def can_upload_document(user, district: Organisation) -> bool:
    return bool(user.is_authenticated) and district.pk in ingest_district_ids(user)


def can_review_document(user, document) -> bool:
    return can_upload_document(user, document.district)


def can_view_upload_page(user) -> bool:
    """The upload page: users who may upload the reports of at least one district."""
    return user.is_authenticated and bool(ingest_district_ids(user))


def can_publish_plan(user, document) -> bool:
    """Publishing the plan a review built: the district's supervision office (or a superuser)."""
    if not user.is_authenticated or document.district_id not in ingest_district_ids(user):
        return False
    if scope_of(user).is_superuser:
        return True
    path = document.district.path
    return any(m.role == Role.SUPERVISION_OFFICE and m.organisation.path.startswith(path)
               for m in scope_of(user).memberships)


def can_edit_unit_keywords(user, district: Organisation) -> bool:
    """The keyword → unit table of a district: whoever may review its reports."""
    return can_upload_document(user, district)
