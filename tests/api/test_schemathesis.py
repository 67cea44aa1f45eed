"""Schemathesis against our own OpenAPI schema, with a real token, over a live server on 127.0.0.1:
no 5xx and no response that breaks the schema."""

import json

import pytest
import schemathesis
from django.conf import settings
from django.test import override_settings
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from directives.services import signing
from portal.core.services import api_token_create


def _schema() -> dict:
    generated = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(generated))


schema = schemathesis.openapi.from_dict(_schema())


@pytest.fixture
def api_state(tcast, live_server):
    """Data for the fuzzer to find: a guidance issued to LĐLĐ tỉnh; the token is Mai's (a drafter there)."""
    from tests.directives.test_issue import guidance

    signing.document_issue(actor=tcast.hanh, document=guidance(tcast), render=False)
    _, key = api_token_create(user=tcast.mai, name="schemathesis")
    return {"base_url": live_server.url, "headers": {"Authorization": f"Token {key}"}}


@pytest.mark.django_db(transaction=True)
@override_settings(DEBUG=False)
@schema.parametrize()
@hypothesis_settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error_and_responses_match_the_schema(case, api_state):
    assert not settings.DEBUG
    case.call_and_validate(
        base_url=api_state["base_url"],
        headers=api_state["headers"],
        checks=[not_a_server_error, response_schema_conformance],
    )
