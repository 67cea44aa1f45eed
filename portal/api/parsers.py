"""JSON bodies with a bounded depth: a document nested 50,000 levels deep is refused before the parser
(which recurses, and would fail with RecursionError — a 500) reads it."""

from __future__ import annotations

import io

from django.conf import settings
from rest_framework import exceptions, parsers

from portal.lib.params import json_depth_exceeds


class JsonTooDeep(exceptions.ParseError):
    default_code = "json_too_deep"


class DepthLimitedJSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        body = stream.read() if stream is not None else b""
        limit = settings.API_JSON_MAX_DEPTH
        if json_depth_exceeds(body, limit):
            raise JsonTooDeep(f"Dữ liệu JSON lồng quá sâu (tối đa {limit} cấp).")
        return super().parse(io.BytesIO(body), media_type, parser_context)
