"""The OpenAPI schema view: one API version, so ?version= names it or is refused (a value with CR/LF once
went into the Content-Disposition filename and raised BadHeaderError — a 500)."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.views import SpectacularAPIView

from portal.lib.params import BadParameter


class SchemaView(SpectacularAPIView):
    def _get_version_parameter(self, request):
        raw = request.GET.get("version")
        if raw in (None, "", settings.SPECTACULAR_SETTINGS["VERSION"]):
            return None
        raise BadParameter(
            "version",
            f"API chỉ có phiên bản {settings.SPECTACULAR_SETTINGS['VERSION']}; "
            "hãy bỏ tham số «version» hoặc ghi đúng phiên bản đó.",
        )
