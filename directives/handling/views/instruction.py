"""Pages: see the package's docstring."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
