"""Generic write helpers used by every app's services: idempotent upserts and unit assignments."""

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from duban.core.errors import ApplicationError


def changed_fields(obj: models.Model, values: dict[str, Any]) -> list[str]:
    """Set on ``obj`` the values that differ and return their field names (foreign keys compared by id)."""
    changed = []
    for name, value in values.items():
        field = obj._meta.get_field(name)
        if field.is_relation and field.many_to_one:
            new_id = value.pk if isinstance(value, models.Model) else value
            if getattr(obj, field.attname) != new_id:
                setattr(obj, name, value)
                changed.append(name)
        elif getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def record_upsert[M: models.Model](model: type[M], *, lookup: dict[str, Any], values: dict[str, Any], by=None) -> tuple[M, bool]:
    """Create the row found by ``lookup`` or update its differing ``values``; return (row, whether written).

    ``by`` is the user recorded in the history row (None for the system, e.g. the demo loader).
    """
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj._history_user = by
        obj.save()
        return obj, True
    fields = changed_fields(obj, values)
    if not fields:
        return obj, False
    obj._history_user = by
    if any(f.name == "updated_at" for f in obj._meta.concrete_fields):
        fields.append("updated_at")
    obj.save(update_fields=fields)
    return obj, True


def units_set[M: models.Model](model: type[M], *, owner_field: str, owner: models.Model, units: Iterable[tuple[models.Model, str]],
              by=None) -> bool:
    """Make the unit assignments of ``owner`` exactly ``units`` [(organisation, role)]; return whether written.

    Used by every app's ``*_units_set`` service for the concrete subclasses of ``UnitAssignment``.
    """
    units = list(units)
    wanted = {org.pk: role for org, role in units}
    if len(wanted) != len(units):
        raise ApplicationError(_("A unit may be assigned only once."))
    if sum(1 for role in wanted.values() if role == "lead") > 1:
        raise ApplicationError(_("Only one lead unit may be assigned."))
    existing = {a.organisation_id: a for a in model._default_manager.filter(**{owner_field: owner})}
    written = False
    for org_id, assignment in existing.items():
        if org_id not in wanted:
            assignment._history_user = by
            assignment.delete()
            written = True
    # Change roles in two steps so that moving the lead from one unit to another never has two leads.
    for org_id, role in wanted.items():
        a = existing.get(org_id)
        if a is not None and a.role != role and a.role == "lead":
            a.role, a._history_user = role, by
            a.save(update_fields=["role", "updated_at"])
            written = True
    for org_id, role in wanted.items():
        a = existing.get(org_id)
        if a is None:
            new = model(**{owner_field: owner}, organisation_id=org_id, role=role)
            new._history_user = by
            new.save()
            written = True
        elif a.role != role:
            a.role, a._history_user = role, by
            a.save(update_fields=["role", "updated_at"])
            written = True
    return written


