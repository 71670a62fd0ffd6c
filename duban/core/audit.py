"""The audit log's one door: ``audit_record`` (logins via Django's auth signals, downloads from their views)."""

import ipaddress

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.utils import timezone

from .models import AuditAction, AuditEvent


def client_ip(request) -> str | None:
    """The address the request came from (REMOTE_ADDR; behind a proxy, the proxy sets it via the WSGI server)."""
    raw = (request.META.get("REMOTE_ADDR") or "").strip() if request is not None else ""
    try:
        return str(ipaddress.ip_address(raw))
    except ValueError:
        return None


def audit_record(*, action: str, request=None, user=None, username: str = "", target: str = "") -> AuditEvent:
    """Append one audit event: who (user or the name typed), what, when, from which address."""
    user = user if user is not None and getattr(user, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        at=timezone.now(), action=action, user=user, username=(username or (user.get_username() if user else ""))[:150],
        ip_address=client_ip(request), target=str(target)[:300],
        path=(request.path if request is not None else "")[:300],
    )


def _logged_in(sender, request, user, **kwargs):
    audit_record(action=AuditAction.LOGIN, request=request, user=user)


def _logged_out(sender, request, user, **kwargs):
    audit_record(action=AuditAction.LOGOUT, request=request, user=user)


def _login_failed(sender, credentials, request=None, **kwargs):
    audit_record(action=AuditAction.LOGIN_FAILED, request=request, username=str(credentials.get("username", "")))


def connect_signals() -> None:
    # Authentication happens inside django.contrib.auth: its signals are the only place to see every login.
    user_logged_in.connect(_logged_in, dispatch_uid="duban-audit-login")
    user_logged_out.connect(_logged_out, dispatch_uid="duban-audit-logout")
    user_login_failed.connect(_login_failed, dispatch_uid="duban-audit-login-failed")
