"""The Server-Timing header the browser benchmarks read: present only when DUBAN_SERVER_TIMING is on."""

import re

import pytest
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpResponse
from django.test import RequestFactory

from duban.core.middleware import ServerTimingMiddleware


def test_the_header_gives_the_server_time_in_milliseconds(settings):
    settings.DUBAN_SERVER_TIMING = True
    response = ServerTimingMiddleware(lambda request: HttpResponse("ok"))(RequestFactory().get("/"))
    assert re.fullmatch(r"app;dur=\d+\.\d, cpu;dur=\d+\.\d", response.headers["Server-Timing"])


def test_the_middleware_is_off_by_default(settings):
    settings.DUBAN_SERVER_TIMING = False
    with pytest.raises(MiddlewareNotUsed):
        ServerTimingMiddleware(lambda request: HttpResponse("ok"))
