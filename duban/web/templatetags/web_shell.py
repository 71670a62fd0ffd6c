"""Template tags of the page shell: navigation that tolerates apps not wired yet, roles, demo mode."""

import os
from dataclasses import dataclass
from importlib import import_module

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from duban.core.dates import fixed_today
from duban.org.permissions import scope_of

register = template.Library()

#: (URL name, label, permission). An entry is offered only when its URL name exists (pages of apps not
#: wired yet are left out) and the user passes the same ``can_view_<page>(user)`` function the view checks.
#: A permission given as "module:function" is looked up when asked; a missing function hides the entry.
NAV_ENTRIES = [
    ("web:home", _("Home"), None),
    ("web:dashboard", _("Dashboard"), "duban.tracking.permissions:can_view_dashboard"),
    ("tracking:my_updates", _("My updates"), "duban.tracking.permissions:can_view_my_updates"),
    ("tracking:review_queue", _("Review queue"), "duban.tracking.permissions:can_view_review_page"),
    ("tracking:not_reported", _("Not reported"), "duban.tracking.permissions:can_view_office_pages"),
    ("tracking:status", _("Status"), "duban.tracking.permissions:can_view_status_page"),
    ("tracking:orders", _("Supervision orders"), "duban.tracking.permissions:can_view_orders_page"),
    ("tracking:problems", _("Problem list"), "duban.tracking.permissions:can_view_problems_page"),
    ("tracking:ranking", _("Ranking"), "duban.tracking.permissions:can_view_rankings_page"),
    ("tracking:assign", _("Assign tasks"), "duban.tracking.permissions:can_assign_tasks"),
    ("tracking:config", _("Rules and curves"), "duban.tracking.permissions:can_view_config_page"),
    ("tracking:supervised_work", _("Supervised work by source"), "duban.tracking.permissions:can_view_office_pages"),
    ("projects:pipeline", _("Project pipeline"), "duban.projects.pipeline:can_view_pipeline_page"),
    ("dispatch:queue", _("Direct reports"), "duban.dispatch.permissions:can_view_direct_reports_page"),
    ("bulletins:index", _("Bulletins"), "duban.bulletins.permissions:can_view_bulletins_page"),
    ("ledgers:page", _("Excel import and export"), "duban.ledgers.permissions:can_view_ledgers_page"),
    ("tracking:notifications", _("Notifications"), "duban.tracking.permissions:can_view_notifications_page"),
    ("ingest:upload", _("Upload a report"), "duban.ingest.permissions:can_view_upload_page"),
    ("public:portal", _("Public portal"), None),
]


def _permission(spec):
    """The permission function named "module:function", None for 'everyone', False when it does not exist."""
    if spec is None or callable(spec):
        return spec
    module_name, _sep, name = spec.partition(":")
    try:
        return getattr(import_module(module_name), name)
    except (ImportError, AttributeError):
        return False


def user_may_open(user, spec) -> bool:
    check = _permission(spec)
    return check is None or (check is not False and bool(check(user)))


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
    for name, label, *check in NAV_ENTRIES:
        url = safe_reverse(name)
        if url is not None and user_may_open(user, check[0] if check else None):
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


@register.simple_tag
def demo_today():
    """The fixed date the demo is served as of (setting DUBAN_TODAY), or None."""
    return fixed_today()
