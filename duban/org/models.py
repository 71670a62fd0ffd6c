"""Organisations (city → district → units), leaders and their oversight (分管), users' roles."""

from django.conf import settings
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from duban.core.models import Sourced, TimeStamped


class OrgKind(models.TextChoices):
    CITY = "city", _("City")
    DISTRICT = "district", _("District / county")
    DEPARTMENT = "department", _("Department")
    STREET = "street", _("Street / town")
    PARK = "park", _("Park")
    COMPANY = "company", _("State company")
    OFFICE = "office", _("Office")


#: How offices list units when no ``order`` tells otherwise: the city and districts, their offices, departments
#: (bureaus), streets and towns, parks, then state companies.
KIND_ORDER = (OrgKind.CITY, OrgKind.DISTRICT, OrgKind.OFFICE, OrgKind.DEPARTMENT, OrgKind.STREET, OrgKind.PARK,
              OrgKind.COMPANY)


class OrganisationQuerySet(models.QuerySet):
    def in_office_order(self):
        """Units the way offices list them: by ``order``, then by kind (offices, bureaus, streets...), then id.

        Every unit picker and unit list uses this; ``path`` is text ('/1/2/17/' sorts before '/1/2/9/'), so
        ordering by it puts units in an order nobody recognises.
        """
        rank = Case(*(When(kind=kind, then=Value(i)) for i, kind in enumerate(KIND_ORDER)),
                    default=Value(len(KIND_ORDER)), output_field=IntegerField())
        return self.order_by("order", rank, "pk")

    def districts(self):
        return self.filter(kind=OrgKind.DISTRICT)

    def units_of(self, district: "Organisation"):
        """Every unit below a district (any depth)."""
        return self.filter(path__startswith=district.path).exclude(pk=district.pk)


class Organisation(Sourced, TimeStamped):
    """A node of the organisation tree. ``path`` holds the ids from the root, e.g. '/1/2/17/'."""

    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=OrgKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    code = models.CharField(_("code"), max_length=40, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    path = models.CharField(_("path"), max_length=255, editable=False, db_index=True, default="")
    is_active = models.BooleanField(_("active"), default=True)
    # ``path`` is derived from ``parent`` and set after the first save, so history leaves it out.
    history = HistoricalRecords(excluded_fields=["path"])

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["path", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="org_unique_name_under_parent"),
            models.UniqueConstraint(
                fields=["name"], condition=Q(parent__isnull=True), name="org_unique_root_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if self.parent_id and self.parent_id == self.pk:
            raise ValueError("An organisation cannot be its own parent.")
        super().save(*args, **kwargs)
        path = f"{self.parent.path if self.parent else '/'}{self.pk}/"
        if path != self.path:
            old = self.path
            self.path = path
            type(self).objects.filter(pk=self.pk).update(path=path)
            if old:
                self._repath_descendants(old, path)

    def _repath_descendants(self, old: str, new: str) -> None:
        for child in type(self).objects.filter(path__startswith=old).exclude(pk=self.pk):
            type(self).objects.filter(pk=child.pk).update(path=new + child.path[len(old):])

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2

    def _ancestor_of_kind(self, kind: str) -> "Organisation | None":
        ids = [int(x) for x in self.path.strip("/").split("/") if x]
        return type(self).objects.filter(pk__in=ids, kind=kind).order_by("-path").first()

    @property
    def district(self) -> "Organisation | None":
        """The district this organisation belongs to (itself if it is one)."""
        return self._ancestor_of_kind(OrgKind.DISTRICT)

    @property
    def city(self) -> "Organisation | None":
        """The city this organisation belongs to (itself if it is one)."""
        return self._ancestor_of_kind(OrgKind.CITY)

    def is_within(self, other: "Organisation") -> bool:
        return self.path.startswith(other.path)


class Leader(Sourced, TimeStamped):
    """A district leader and the units they oversee (分管)."""

    name = models.CharField(_("name"), max_length=50)
    title = models.CharField(_("title"), max_length=100, blank=True)
    district = models.ForeignKey(
        Organisation, verbose_name=_("district"), on_delete=models.PROTECT, related_name="leaders"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="leader",
    )
    oversees = models.ManyToManyField(
        Organisation, verbose_name=_("overseen units"), blank=True, related_name="overseen_by"
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords(m2m_fields=[oversees])

    class Meta:
        verbose_name = _("leader")
        verbose_name_plural = _("leaders")
        ordering = ["district", "order", "name"]

    def __str__(self) -> str:
        return f"{self.name}（{self.title}）" if self.title else self.name


class Role(models.TextChoices):
    CITY_OFFICE = "city_office", _("City supervision office")
    SUPERVISION_OFFICE = "supervision_office", _("Supervision office")
    PROJECT_OFFICE = "project_office", _("Key-project office")
    STATISTICS = "statistics", _("Statistics bureau")
    UNIT_REPORTER = "unit_reporter", _("Unit reporter")
    UNIT_LEADER = "unit_leader", _("Unit leader")
    DISTRICT_LEADER = "district_leader", _("District leader")
    COMMAND_CENTRE = "command_centre", _("City operation command centre")
    GRID_MEMBER = "grid_member", _("Grid member")


#: Roles that see and manage a whole district (or, for the city office, all districts below its city).
DISTRICT_WIDE_ROLES = frozenset(
    {Role.CITY_OFFICE, Role.SUPERVISION_OFFICE, Role.PROJECT_OFFICE, Role.STATISTICS, Role.DISTRICT_LEADER}
)


class Membership(TimeStamped):
    """A user's role in an organisation. A user may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"


class UnitRole(models.TextChoices):
    LEAD = "lead", _("Lead unit")
    RESPONSIBLE = "responsible", _("Responsible unit")
    COOPERATING = "cooperating", _("Cooperating unit")


class UnitAssignment(TimeStamped):
    """Abstract link of a tracked thing to a unit in a role; cooperating units see but do not count."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=16, choices=UnitRole.choices, default=UnitRole.RESPONSIBLE)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"

    @property
    def counts_in_completion(self) -> bool:
        return self.role != UnitRole.COOPERATING
