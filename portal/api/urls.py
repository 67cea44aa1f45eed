from django.urls import include, path
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from directives.api import DocumentViewSet
from directives.exchange import api as exchange
from directives.handling.api.incoming import IncomingEntryViewSet
from directives.handling.api.instruction import InstructionViewSet
from directives.handling.api.tasks import TaskViewSet
from portal.api.schema import SchemaView
from portal.org.api import UnitViewSet
from reporting.api import ObligationViewSet
from reporting.dashboard import api as dashboards
from reporting.dashboard import task_api as dashboard_tasks

router = DefaultRouter()
router.register("units", UnitViewSet, basename="unit")
router.register("documents", DocumentViewSet, basename="document")
router.register("obligations", ObligationViewSet, basename="obligation")
router.register("incoming", IncomingEntryViewSet, basename="incoming")
router.register(
    r"incoming/(?P<entry_id>[0-9]+)/instructions", InstructionViewSet, basename="incoming-instruction"
)
router.register("tasks", TaskViewSet, basename="task")

urlpatterns = [
    path("v1/", include(router.urls)),
    path(
        "v1/dashboards/units/<int:unit_id>/", dashboards.UnitOverviewView.as_view(), name="api-dashboard-unit"
    ),
    path(
        "v1/dashboards/units/<int:unit_id>/requirements/<int:requirement_id>/",
        dashboards.RequirementFiguresView.as_view(),
        name="api-dashboard-requirement",
    ),
    path(
        "v1/dashboards/units/<int:unit_id>/documents/<int:document_id>/",
        dashboards.DirectiveFiguresView.as_view(),
        name="api-dashboard-directive",
    ),
    path(
        "v1/dashboards/units/<int:unit_id>/tasks/",
        dashboard_tasks.UnitTaskFiguresView.as_view(),
        name="api-dashboard-tasks",
    ),
    path(
        "v1/dashboards/units/<int:unit_id>/documents/<int:document_id>/tasks/",
        dashboard_tasks.DirectiveTaskFiguresView.as_view(),
        name="api-dashboard-directive-tasks",
    ),
    path(
        "v1/dashboards/units/<int:unit_id>/emulation/",
        dashboards.EmulationView.as_view(),
        name="api-dashboard-emulation",
    ),
    # edXML packets (issue 18): a packet in, an issued document's packet out.
    path("v1/exchange/packets/", exchange.PacketReceiveView.as_view(), name="api-exchange-packets"),
    path(
        "v1/documents/<int:document_id>/edxml/",
        exchange.DocumentPacketView.as_view(),
        name="api-document-edxml",
    ),
    path("schema/", SchemaView.as_view(), name="api-schema"),
    # The split view serves its start-up script from ?script= instead of inline: the CSP forbids inline scripts.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="api/swagger_ui.html"),
        name="api-docs",
    ),
]
