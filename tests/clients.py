"""Clients the tests talk to the API with, as a program would: a token of the user's own."""

from __future__ import annotations

from rest_framework.test import APIClient

from portal.core.services import api_token_create


def token_client(user) -> APIClient:
    """An API client authenticated by a fresh token of ``user`` (Authorization: Token …)."""
    _, key = api_token_create(user=user, name="thử")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client
