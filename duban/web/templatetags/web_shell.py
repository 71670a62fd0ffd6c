"""Template tags of the page shell: navigation that tolerates apps not wired yet, roles, demo mode."""

import os
from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from duban.org.permissions import scope_of

register = template.Library()

#: (URL name, label). Entries whose URL name does not exist (yet) are left out of the menu.
NAV_ENTRIES = [
    ("web:home", _("Home")),
    ("tracking:my_updates", _("My updates")),
    ("tracking:review_queue", _("Review queue")),
    ("tracking:status", _("Status")),
    ("tracking:orders", _("Supervision orders")),
    ("tracking:ranking", _("Ranking")),
    ("bulletins:index", _("Bulletins")),
    ("tracking:notifications", _("Notifications")),
    ("ingest:upload", _("Upload a report")),
    ("ledgers:page", _("Excel import and export")),  # role-aware menu: show when ledgers.permissions.can_use_ledgers
]


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool


def safe_reverse(name: str) -> str | None:
    """The URL of a name, or None when no app defines it."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def nav_items_for(user, path: str) -> list[NavItem]:
    items = []
    for name, label in NAV_ENTRIES:
        url = safe_reverse(name)
        if url is not None:
            active = path == url if url == "/" else path.startswith(url)
            items.append(NavItem(label=str(label), url=url, active=active))
    if user.is_authenticated and user.is_staff:
        url = reverse("admin:index")
        items.append(NavItem(label=str(_("Administration")), url=url, active=path.startswith(url)))
    return items


@register.simple_tag(takes_context=True)
def nav_items(context) -> list[NavItem]:
    request = context.get("request")
    if request is None:
        return []
    return nav_items_for(request.user, request.path)


@register.simple_tag(takes_context=True)
def user_roles(context) -> list[str]:
    """'unit · role' for each of the user's memberships (the scope is cached for the request)."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return []
    return [f"{m.organisation.name} · {m.get_role_display()}" for m in scope_of(request.user).memberships]


@register.simple_tag
def demo_mode() -> bool:
    """True when the demo logins may be shown: setting or environment DUBAN_DEMO, or DEBUG."""
    flag = getattr(settings, "DUBAN_DEMO", None)
    if flag is None:
        flag = os.environ.get("DUBAN_DEMO", "").strip().lower() in {"1", "true", "yes", "on"}
    return bool(flag or settings.DEBUG)


@register.simple_tag(takes_context=True)
def user_district(context):
    """The district the user works in (cached with the user's scope), or None."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return None
    return scope_of(request.user).home_district
