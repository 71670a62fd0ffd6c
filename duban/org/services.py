"""Writes for organisations, leaders, users and memberships: the single door for these tables.

Every function is keyword-only and atomic. The ``*_upsert`` functions find a row by its natural key and
create it, or change only the fields that differ (``save(update_fields=...)``), so that calling them twice
with the same values writes nothing and records no second history row.
"""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from duban.core.errors import ApplicationError
from duban.core.models import Provenance
from duban.core.services import changed_fields, record_upsert

from .models import Leader, Membership, Organisation, OrgKind, Role


@transaction.atomic
def organisation_upsert(
    *, name: str, kind: str, parent: Organisation | None = None, short_name: str = "", code: str = "",
    order: int = 0, is_active: bool = True, provenance: str = Provenance.ENTERED, source_note: str = "", by=None,
) -> Organisation:
    """Create or update the organisation called ``name`` under ``parent`` (natural key: parent + name)."""
    if kind not in OrgKind.values:
        raise ApplicationError(_("Unknown kind of organisation: %(kind)s.") % {"kind": kind})
    if parent is None and kind != OrgKind.CITY:
        raise ApplicationError(_("Only a city may stand at the root of the organisation tree."))
    org, _created = record_upsert(
        Organisation, lookup={"parent": parent, "name": name},
        values={"kind": kind, "short_name": short_name, "code": code, "order": order, "is_active": is_active,
                "provenance": provenance, "source_note": source_note},
        by=by,
    )
    return org


@transaction.atomic
def organisation_move(*, organisation: Organisation, parent: Organisation, by=None) -> Organisation:
    """Put ``organisation`` (and everything below it) under ``parent``; paths follow."""
    parent.refresh_from_db(fields=["path"])
    if parent.pk == organisation.pk or parent.path.startswith(organisation.path):
        raise ApplicationError(_("An organisation cannot be moved below itself."))
    if Organisation.objects.filter(parent=parent, name=organisation.name).exclude(pk=organisation.pk).exists():
        raise ApplicationError(_("%(parent)s already has a unit called %(name)s.") % {"parent": parent, "name": organisation.name})
    organisation.parent = parent
    organisation._history_user = by
    organisation.save(update_fields=["parent", "updated_at"])
    return organisation


@transaction.atomic
def leader_upsert(
    *, district: Organisation, name: str, title: str = "", order: int = 0, user=None,
    oversees: Iterable[Organisation] = (), provenance: str = Provenance.ENTERED, source_note: str = "", by=None,
) -> Leader:
    """Create or update a district leader (natural key: district + name) and set the units they oversee."""
    if district.kind != OrgKind.DISTRICT:
        raise ApplicationError(_("%(district)s is not a district.") % {"district": district})
    oversees = list(oversees)
    outside = [u.name for u in oversees if not u.path.startswith(district.path)]
    if outside:
        raise ApplicationError(_("Units outside %(district)s: %(units)s.") % {"district": district, "units": ", ".join(outside)})
    leader, _created = record_upsert(
        Leader, lookup={"district": district, "name": name},
        values={"title": title, "order": order, "user": user, "provenance": provenance, "source_note": source_note},
        by=by,
    )
    wanted = {u.pk for u in oversees}
    if set(leader.oversees.values_list("pk", flat=True)) != wanted:
        leader._history_user = by
        leader.oversees.set(wanted)
    return leader


@transaction.atomic
def user_ensure(
    *, username: str, email: str = "", password: str | None = None, first_name: str = "", last_name: str = "",
    is_staff: bool = False, is_superuser: bool = False,
):
    """Create a user with ``password``, or update an existing one's name, e-mail and flags (never its password)."""
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    values = {"email": email, "first_name": first_name, "last_name": last_name,
              "is_staff": is_staff or is_superuser, "is_superuser": is_superuser}
    if user is None:
        user = User(username=username, **values)
        user.set_password(password) if password else user.set_unusable_password()
        user.save()
        return user
    fields = changed_fields(user, values)
    if fields:
        user.save(update_fields=fields)
    return user


@transaction.atomic
def membership_ensure(*, user, organisation: Organisation, role: str, by=None) -> Membership:
    """Give ``user`` the ``role`` in ``organisation`` (nothing happens when they hold it already)."""
    if role not in Role.values:
        raise ApplicationError(_("Unknown role: %(role)s.") % {"role": role})
    if role == Role.CITY_OFFICE and organisation.kind != OrgKind.CITY:
        raise ApplicationError(_("The city office role is held in a city."))
    membership, _created = record_upsert(
        Membership, lookup={"user": user, "organisation": organisation, "role": role}, values={}, by=by
    )
    return membership
