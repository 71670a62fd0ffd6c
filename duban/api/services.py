"""The only door for API token writes."""

import secrets
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duban.core.errors import ApplicationError

from . import permissions
from .models import ApiToken, token_hash

MAX_DAYS = 366
TOKEN_PREFIX = "dbn_"


@transaction.atomic
def api_token_create(*, actor, name: str, days: int, at: datetime | None = None) -> tuple[ApiToken, str]:
    """Create a token for ``actor``; return it and the secret, which is shown once and never stored."""
    if not permissions.can_create_api_token(actor):
        raise ApplicationError(_("You may not create API tokens"))
    name = name.strip()
    if not name:
        raise ApplicationError(_("Please give the token a name"))
    if len(name) > 100:
        raise ApplicationError(_("The name may have at most 100 characters"))
    if not 1 <= days <= MAX_DAYS:
        raise ApplicationError(_("A token is valid for 1 to %(max)s days") % {"max": MAX_DAYS})
    at = at or timezone.now()
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=actor, name=name, prefix=raw[:12], key_hash=token_hash(raw),
                                    created_at=at, expires_at=at + timedelta(days=days))
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor, token: ApiToken, at: datetime | None = None) -> ApiToken:
    if not permissions.can_revoke_api_token(actor, token):
        raise ApplicationError(_("You may not revoke this token"))
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        raise ApplicationError(_("This token is already revoked"))
    token.revoked_at = at or timezone.now()
    token.save(update_fields=["revoked_at"])
    return token


def api_token_user(raw: str, *, at: datetime | None = None):
    """The active user a secret belongs to (None when unknown, revoked or expired); notes its last use."""
    at = at or timezone.now()
    token = ApiToken.objects.active(at).select_related("user").filter(key_hash=token_hash(raw)).first()
    if token is None or not token.user.is_active:
        return None
    # Record the last use at most once a minute, so a busy client does not write on every request.
    if token.last_used_at is None or at - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=at)
    return token.user
