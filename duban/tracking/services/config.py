"""Configuration writes: light rule sets, time-progress curves and per-item overrides, each validated."""

from django.db import transaction

from duban.core.errors import ApplicationError
from duban.core.models import Provenance
from duban.org.models import Organisation

from .. import permissions, rules
from ..models import ItemSetting, ProgressCurve, RuleSet


@transaction.atomic
def rule_set_save(*, actor, code: str, name: str, config: dict, district: Organisation | None = None,
                  is_default: bool = False) -> RuleSet:
    """Create or change a rule set; its config is checked against the known settings."""
    if actor is not None and not permissions.can_configure_rules(actor, district):
        raise ApplicationError("您无权修改亮灯规则")
    try:
        rules.RuleConfig.from_dict(config)
    except (ValueError, TypeError, ArithmeticError) as error:
        raise ApplicationError(f"亮灯规则配置有误：{error}") from None
    if is_default:
        RuleSet.objects.filter(district=district, is_default=True).exclude(code=code).update(is_default=False)
    rule_set, _ = RuleSet.objects.update_or_create(
        code=code, defaults={"name": name, "config": config, "district": district, "is_default": is_default},
    )
    return rule_set


@transaction.atomic
def curve_save(*, actor, code: str, name: str, months: list, item_type: str = "", category: str = "") -> ProgressCurve:
    if actor is not None and not permissions.can_configure_rules(actor):
        raise ApplicationError("您无权修改时序进度曲线")
    try:
        values = rules.validate_curve(months)
    except (ValueError, ArithmeticError) as error:
        raise ApplicationError(f"时序进度曲线有误：{error}") from None
    curve, _ = ProgressCurve.objects.update_or_create(
        code=code, defaults={"name": name, "months": [str(v) for v in values], "item_type": item_type, "category": category},
    )
    return curve


@transaction.atomic
def item_setting_set(*, actor, item_type: str, item_id: int, rule_set: RuleSet | None = None,
                     curve: ProgressCurve | None = None, provenance: str = Provenance.ENTERED) -> ItemSetting:
    if actor is not None and not permissions.can_configure_rules(actor):
        raise ApplicationError("您无权修改事项设置")
    setting, _ = ItemSetting.objects.update_or_create(
        item_type=item_type, item_id=item_id,
        defaults={"rule_set": rule_set, "curve": curve, "provenance": provenance},
    )
    return setting
