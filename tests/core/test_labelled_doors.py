"""Each module holds what its name says (issue 14, point 5): a form is found in a forms module, not in the
views that use it."""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

from django import forms
from django.conf import settings

PACKAGES = ("portal", "directives", "reporting")


def _view_modules() -> list[str]:
    root = Path(settings.BASE_DIR)
    found = []
    for package in PACKAGES:
        for path in (root / package).rglob("*views*.py"):
            if "migrations" not in path.parts:
                found.append(".".join(path.relative_to(root).with_suffix("").parts))
    return sorted(found)


def forms_defined_in(module_name: str) -> list[str]:
    module = importlib.import_module(module_name)
    return [name for name, cls in inspect.getmembers(module, inspect.isclass)
            if issubclass(cls, (forms.BaseForm, forms.BaseFormSet)) and cls.__module__ == module_name]


def test_no_views_module_defines_a_form():
    modules = _view_modules()
    assert {"directives.import_views", "directives.search_views", "reporting.views"} <= set(modules)
    assert {m: forms_defined_in(m) for m in modules if forms_defined_in(m)} == {}


def test_the_check_sees_a_form_defined_in_a_module(tmp_path, monkeypatch):
    """The walk above would notice a form written into a views module again."""
    (tmp_path / "planted_views.py").write_text(
        "from django import forms\n\n\nclass PlantedForm(forms.Form):\n    q = forms.CharField()\n", "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert forms_defined_in("planted_views") == ["PlantedForm"]
