"""The API under /api/: reads of every tracked object, and the report and supervision-order actions.

Interfaces hold no business rules: every write calls the same service as the web page, and every check is the
same permission function (tracking.permissions, org.permissions), so web and API cannot differ.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from duban.core.conflicts import ConflictError
from duban.core.errors import ApplicationError

from .auth import TokenAuth, session_auth
from .endpoints import objects, orders, reports, status

api = NinjaAPI(
    title="duban API",
    version="1",
    description="督办 duban: plans, key projects, indicators, reports, supervision orders and status. See docs/api.md.",
    auth=[TokenAuth(), session_auth],
    urls_namespace="api",
)


def _error(request, status: int, detail: str, **extra):
    return api.create_response(request, {"detail": str(detail), **extra}, status=status)


@api.exception_handler(ConflictError)
def _conflict(request, exc: ConflictError):
    """Someone saved the record after the version the client sent: 409 with both versions."""
    return api.create_response(request, exc.as_dict(), status=409)


@api.exception_handler(ApplicationError)
def _application_error(request, exc: ApplicationError):
    return _error(request, 400, exc.message)


@api.exception_handler(PermissionDenied)
def _permission_denied(request, exc):
    return _error(request, 403, str(exc) or _("You may not do this"))


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _error(request, 404, _("Not found"))


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return _error(request, 401, _("Please sign in or send a valid API token (Authorization: Bearer …)"))


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    return _error(request, exc.status_code, exc.message)


@api.exception_handler(ValidationError)
def _invalid(request, exc: ValidationError):
    """Pydantic's errors, as one readable sentence saying where: "query.year: Input should be …"."""
    parts = []
    for error in exc.errors:
        where = ".".join(str(p) for p in error.get("loc", ()))
        parts.append(f"{where}: {error.get('msg', '')}")
    return _error(request, 400, _("Invalid input: %(errors)s") % {"errors": "; ".join(parts)}, errors=exc.errors)


api.add_router("", objects.router)
api.add_router("/reports", reports.router)
api.add_router("/orders", orders.router)
api.add_router("/status", status.router)
