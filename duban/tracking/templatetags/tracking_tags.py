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


@register.filter
def light_label(light: str) -> str:
    return Light(light).label if light in Light.values else light


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
    return UnitRole(role).label if role in UnitRole.values else role


@register.filter
def level_label(level: str) -> str:
    return ProjectLevel(level).label if level in ProjectLevel.values else level
