"""API authentication: a personal token (``Authorization: Bearer dbn_…``) or the browser's session."""

from ninja.security import HttpBearer, SessionAuth

from .services import api_token_user


class TokenAuth(HttpBearer):
    openapi_scheme = "bearer"

    def authenticate(self, request, token: str):
        user = api_token_user(token)
        if user is None:
            return None
        request.user = user
        return user


#: The same-origin browser: its session, with Django's CSRF check on writes.
session_auth = SessionAuth()
