"""Who sees what: scope of a user by role and unit. Every view, API and command asks these functions.

- city office: every district below its city;
- supervision office, key-project office, statistics, district leader: their whole district;
- unit leader: their unit and units below it, plus units they oversee as a leader (分管);
- unit reporter: their unit only (and acts only on its items).
A superuser sees everything.
"""

from functools import cached_property

from django.db.models import Q, QuerySet

from .models import DISTRICT_WIDE_ROLES, Membership, Organisation, OrgKind, Role


class Scope:
    """The organisations a user may see, worked out once per request."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def memberships(self) -> list[Membership]:
        if not self.user.is_authenticated:
            return []
        return list(Membership.objects.filter(user=self.user).select_related("organisation"))

    @cached_property
    def roles(self) -> frozenset[str]:
        return frozenset(m.role for m in self.memberships)

    @property
    def is_superuser(self) -> bool:
        return bool(self.user.is_authenticated and self.user.is_superuser)

    def has_role(self, *roles: str) -> bool:
        return self.is_superuser or any(r in self.roles for r in roles)

    @cached_property
    def districts(self) -> QuerySet[Organisation]:
        """Districts the user sees as a whole."""
        if self.is_superuser:
            return Organisation.objects.districts()
        q = Q(pk__in=[])
        for m in self.memberships:
            if m.role == Role.CITY_OFFICE:
                city = m.organisation.city or m.organisation
                q |= Q(path__startswith=city.path, kind=OrgKind.DISTRICT)
            elif m.role in DISTRICT_WIDE_ROLES:
                district = m.organisation if m.organisation.kind == OrgKind.DISTRICT else m.organisation.district
                if district:
                    q |= Q(pk=district.pk)
        return Organisation.objects.filter(q)

    @cached_property
    def home_district(self) -> Organisation | None:
        """The district a user works in: the one their first membership belongs to."""
        first = self.districts.order_by("order", "name").first()
        if first:
            return first
        for m in self.memberships:
            district = m.organisation.district
            if district:
                return district
        return None

    @cached_property
    def unit_ids(self) -> frozenset[int]:
        """Ids of every organisation whose items the user may see."""
        if self.is_superuser:
            return frozenset(Organisation.objects.values_list("pk", flat=True))
        q = Q(pk__in=[])
        for district in self.districts:
            q |= Q(path__startswith=district.path)
        for m in self.memberships:
            if m.role == Role.UNIT_LEADER:
                q |= Q(path__startswith=m.organisation.path)
            elif m.role == Role.UNIT_REPORTER:
                q |= Q(pk=m.organisation.pk)
        leader = getattr(self.user, "leader", None)
        if leader is not None:
            q |= Q(pk__in=leader.oversees.values("pk"))
        return frozenset(Organisation.objects.filter(q).values_list("pk", flat=True))

    @cached_property
    def reporting_unit_ids(self) -> frozenset[int]:
        """Units on whose items the user may submit reports."""
        if self.is_superuser:
            return self.unit_ids
        return frozenset(m.organisation_id for m in self.memberships if m.role == Role.UNIT_REPORTER)

    def sees_unit(self, organisation_id: int | None) -> bool:
        return organisation_id is not None and organisation_id in self.unit_ids

    def sees_district(self, district: Organisation) -> bool:
        return self.is_superuser or self.districts.filter(pk=district.pk).exists()

    @property
    def is_office(self) -> bool:
        """Supervision, key-project or city office: may confirm, return and issue orders."""
        return self.has_role(Role.SUPERVISION_OFFICE, Role.PROJECT_OFFICE, Role.CITY_OFFICE)


def scope_of(user) -> Scope:
    """The scope of a user, cached on the user object for the request."""
    cached = getattr(user, "_duban_scope", None)
    if cached is None:
        cached = Scope(user)
        try:
            user._duban_scope = cached
        except AttributeError:  # AnonymousUser instances are shared; do not cache on them
            pass
    return cached


def can_view_district(user, district: Organisation) -> bool:
    return scope_of(user).sees_district(district)


def can_view_unit(user, organisation: Organisation) -> bool:
    return scope_of(user).sees_unit(organisation.pk)
