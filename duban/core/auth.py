"""Authentication backend: django-axes' lockout for every login that comes with a request."""

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """Counts failed logins and refuses locked-out accounts (django-axes).

    ``authenticate()`` called without a request (a management command, the test client's ``login``) has no
    address or login form to lock: it is left to the next backend instead of failing. Every web login passes
    its request.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
