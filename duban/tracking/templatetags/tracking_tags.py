"""Small display helpers for tracking's templates."""

from django import template
from django.utils.translation import gettext_lazy as _

from duban.core.numbers import format_day
from duban.org.models import UnitRole
from duban.projects.models import ProjectLevel
from duban.tracking.models import Light

register = template.Library()

STATE_LABELS = {"done": _("Confirmed"), "submitted": _("Awaiting review"), "returned": _("Sent back"),
                "due": _("To be reported"), "overdue": _("Overdue, not reported"), "open": _("Period in progress")}


#: Labels by value, made once: ``Light.values`` builds a new list at every call (and lists call this per row).
_LIGHT_LABELS = {light.value: light.label for light in Light}
_ROLE_LABELS = {role.value: role.label for role in UnitRole}
_LEVEL_LABELS = {level.value: level.label for level in ProjectLevel}


@register.filter
def light_label(light: str) -> str:
    return _LIGHT_LABELS.get(light, light)


@register.filter
def update_state_label(state: str) -> str:
    return STATE_LABELS.get(state, state)


@register.filter
def yes_no_dash(value) -> str:
    return {True: _("yes"), False: _("no")}.get(value, "—")


@register.filter
def cn_date(day) -> str:
    """2024年6月30日 (a dash when there is no date)."""
    return format_day(day) if day else "—"


@register.filter
def unit_role_label(role: str) -> str:
    return _ROLE_LABELS.get(role, role)


@register.filter
def level_label(level: str) -> str:
    return _LEVEL_LABELS.get(level, level)
