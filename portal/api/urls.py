from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from directives.api import DocumentViewSet
from portal.org.api import UnitViewSet
from reporting.api import ObligationViewSet

router = DefaultRouter()
router.register("units", UnitViewSet, basename="unit")
router.register("documents", DocumentViewSet, basename="document")
router.register("obligations", ObligationViewSet, basename="obligation")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
