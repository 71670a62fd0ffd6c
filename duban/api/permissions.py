"""Who may manage API tokens: their owner, and a superuser."""

from .models import ApiToken


def can_create_api_token(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_revoke_api_token(user, token: ApiToken) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or token.user_id == user.pk))
