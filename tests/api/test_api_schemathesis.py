"""schemathesis against /api/openapi.json: generated requests with a signed-in office's token.

Every operation is tried with a bounded number of generated examples: no answer may be a server error, every
answer's status must be documented and its body must match the schema. Runs in the test database's transaction
through the WSGI application (no server), so it is the same on SQLite and PostgreSQL.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from duban.wsgi import application


# The schema is read once at import: /api/openapi.json needs no database.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """As Django's test client does: the WSGI handler would close the test transaction's connection per request."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def office_token(world, token_for):
    return token_for("office")["HTTP_AUTHORIZATION"]


@schema.parametrize()
@settings(max_examples=3, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_api_answers_match_its_schema_and_never_fail(case, office_token):
    case.call_and_validate(headers={"Authorization": office_token},
                           checks=[not_a_server_error, status_code_conformance, response_schema_conformance])
