"""«Tình hình thực hiện nhiệm vụ» (/nhiem-vu/tong-hop/): the four buckets of the person's own tabs of «Nhiệm vụ», each
number opening the task list filtered to it, and for a leader the way to the unit dashboards' figures per child
unit and per department or person. Any member of a unit reads their own; what they may not see is not counted."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone
from django.views.decorators.http import require_GET

from directives.handling.selectors import figures as selectors
from directives.handling.selectors.buckets import BUCKETS


@login_required
@require_GET
def figures(request):
    today = timezone.localdate()
    return render(
        request,
        "handling/figures.html",
        {
            "today": today,
            "tabs": selectors.tab_figures(request.user, today),
            "led": selectors.led_units(request.user),
            "buckets": BUCKETS,
        },
    )


urlpatterns: list[URLPattern] = [
    path("nhiem-vu/tong-hop/", figures, name="figures"),
]
