"""Request guards shared by every app."""

from django.http import Http404

from .params import MAX_ID


class BoundedPathIdsMiddleware:
    """A path id too large for a database key (``/orders/99999999999999999999/``) is a 404, not a 500.

    URL patterns use Django's ``<int:…>`` converter, which accepts any length; the database refuses
    numbers past 2**63-1 with an overflow error. Checked once here for every view, present and future.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        values = [*view_args, *view_kwargs.values()]
        if any(isinstance(v, int) and not -MAX_ID <= v <= MAX_ID for v in values):
            raise Http404
        return None


class PermissionsPolicyMiddleware:
    """Send the Permissions-Policy header of settings.PERMISSIONS_POLICY (empty: none) on every response."""

    def __init__(self, get_response):
        from django.conf import settings

        self.get_response = get_response
        self.policy = getattr(settings, "PERMISSIONS_POLICY", "")

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Permissions-Policy", self.policy)
        return response


class ServerTimingMiddleware:
    """With settings.DUBAN_SERVER_TIMING (env DUBAN_SERVER_TIMING=1), every response carries the time the
    server spent on it: ``Server-Timing: app;dur=12.3, cpu;dur=8.1`` (milliseconds): wall-clock time, and the
    CPU time of the thread that handled the request (the part a loaded machine does not inflate; database
    time is not in it). Read by the browser benchmarks. Off by default; placed first in MIDDLEWARE so that it
    measures every other middleware too."""

    def __init__(self, get_response):
        from django.conf import settings
        from django.core.exceptions import MiddlewareNotUsed

        if not getattr(settings, "DUBAN_SERVER_TIMING", False):
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        import time

        start, cpu = time.perf_counter(), time.thread_time()
        response = self.get_response(request)
        response.headers["Server-Timing"] = (f"app;dur={(time.perf_counter() - start) * 1000:.1f}, "
                                             f"cpu;dur={(time.thread_time() - cpu) * 1000:.1f}")
        return response
