"""The portal's URLs, with the reporting app at bao-cao/ until portal/urls.py includes it."""

from django.urls import URLResolver, include, path

from portal import urls as portal_urls

urlpatterns = list(portal_urls.urlpatterns)
if not any(isinstance(p, URLResolver) and p.namespace == "reporting" for p in urlpatterns):
    urlpatterns.append(path("bao-cao/", include("reporting.urls")))
