"""Configuration writes: light rule sets, time-progress curves and per-item overrides, each validated."""

import copy

from django.db import transaction
from django.utils.translation import gettext as _

from duban.core.conflicts import ConflictError, edit_version
from duban.core.errors import ApplicationError
from duban.core.models import Provenance
from duban.core.services import record_upsert
from duban.org.models import Organisation

from .. import permissions, rules, scoring
from ..models import ItemSetting, ProgressCurve, Rubric, RuleSet
from ..snapshots import refresh_snapshotted_districts, refresh_status


def _check_unchanged(model, code: str, values: dict, expected_version: str | None) -> None:
    """Lock the row with ``code``; when it was saved after ``expected_version`` (the version the form was opened
    on), raise ConflictError with every setting as you would save it and as it is saved now. No version, or a
    new row: no check."""
    if expected_version in (None, ""):
        return
    locked = model.objects.select_for_update().filter(code=code).first()
    if locked is None or edit_version(locked) == str(expected_version):
        return
    from ..configuration import config_differences

    yours = copy.copy(locked)
    for name, value in values.items():
        setattr(yours, name, value)
    raise ConflictError(rows=config_differences(model, yours, locked), current_version=edit_version(locked))


def _save_recorded(model, code: str, values: dict, actor):
    """Create or change the row with ``code``, its history row naming ``actor`` (nothing written when unchanged)."""
    existing = model.objects.filter(code=code).first()
    if existing is not None and not existing.history.exists():
        # A row made before its history was kept: record how it stood, so the first change shows a "before".
        model.history.bulk_history_create([existing], update=True, default_date=existing.updated_at)
    row, _created = record_upsert(model, lookup={"code": code}, values=values, by=actor)
    return row


@transaction.atomic
def rule_set_save(*, actor, code: str, name: str, config: dict, district: Organisation | None = None,
                  is_default: bool = False, description: str | None = None,
                  expected_version: str | None = None) -> RuleSet:
    """Create or change a rule set; its config is checked against the known settings. ``expected_version``: the
    version the form was opened on (ConflictError when someone saved the rule set since)."""
    if actor is not None and not permissions.can_configure_rules(actor, district):
        raise ApplicationError(_("You may not change the light rules"))
    try:
        rules.RuleConfig.from_dict(config)
    except (ValueError, TypeError, ArithmeticError) as error:
        raise ApplicationError(_("The light rule settings are wrong: %(error)s") % {"error": error}) from None
    defaults = {"name": name, "config": config, "district": district, "is_default": is_default}
    if description is not None:
        defaults["description"] = description
    _check_unchanged(RuleSet, code, defaults, expected_version)
    if is_default:
        for other in RuleSet.objects.filter(district=district, is_default=True).exclude(code=code):
            other.is_default, other._history_user = False, actor
            other.save(update_fields=["is_default", "updated_at"])
    rule_set = _save_recorded(RuleSet, code, defaults, actor)
    refresh_snapshotted_districts(district)
    return rule_set


@transaction.atomic
def rubric_save(*, actor, code: str, name: str, config: dict, description: str = "",
                expected_version: str | None = None) -> Rubric:
    """Create or change an evaluation rubric (考核细则); its config is checked by scoring.validate_rubric.
    ``expected_version``: as for rule_set_save."""
    if actor is not None and not permissions.can_configure_rules(actor):
        raise ApplicationError(_("You may not change the evaluation rubrics"))
    try:
        scoring.validate_rubric(config)
    except (ValueError, TypeError, AttributeError) as error:
        raise ApplicationError(_("The rubric is wrong: %(error)s") % {"error": error}) from None
    values = {"name": name, "config": config, "description": description}
    _check_unchanged(Rubric, code, values, expected_version)
    rubric = _save_recorded(Rubric, code, values, actor)
    return rubric


@transaction.atomic
def curve_save(*, actor, code: str, name: str, months: list, item_type: str = "", category: str = "",
               expected_version: str | None = None) -> ProgressCurve:
    """Create or change a time-progress curve. ``expected_version``: as for rule_set_save."""
    if actor is not None and not permissions.can_configure_rules(actor):
        raise ApplicationError(_("You may not change the time-progress curves"))
    try:
        values = rules.validate_curve(months)
    except (ValueError, ArithmeticError) as error:
        raise ApplicationError(_("The time-progress curve is wrong: %(error)s") % {"error": error}) from None
    values = {"name": name, "months": [str(v) for v in values], "item_type": item_type, "category": category}
    _check_unchanged(ProgressCurve, code, values, expected_version)
    curve = _save_recorded(ProgressCurve, code, values, actor)
    refresh_snapshotted_districts()
    return curve


@transaction.atomic
def item_setting_set(*, actor, item_type: str, item_id: int, rule_set: RuleSet | None = None,
                     curve: ProgressCurve | None = None, provenance: str = Provenance.ENTERED) -> ItemSetting:
    if actor is not None and not permissions.can_configure_rules(actor):
        raise ApplicationError(_("You may not change item settings"))
    setting, _created = ItemSetting.objects.update_or_create(
        item_type=item_type, item_id=item_id,
        defaults={"rule_set": rule_set, "curve": curve, "provenance": provenance},
    )
    refresh_status(items=[(item_type, item_id)])
    return setting
