"""Each module holds what its name says (issue 14, point 5): a form is found in a forms module, not in the
views that use it; the modules that read (selectors, access helpers, search, the PDF rendering) write nothing —
writes live in services."""

from __future__ import annotations

import ast
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
    return [
        name
        for name, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, (forms.BaseForm, forms.BaseFormSet)) and cls.__module__ == module_name
    ]


def test_no_views_module_defines_a_form():
    modules = _view_modules()
    assert {"directives.import_views", "directives.search_views", "reporting.views"} <= set(modules)
    assert {m: forms_defined_in(m) for m in modules if forms_defined_in(m)} == {}


def test_the_check_sees_a_form_defined_in_a_module(tmp_path, monkeypatch):
    """The walk above would notice a form written into a views module again."""
    (tmp_path / "planted_views.py").write_text(
        "from django import forms\n\n\nclass PlantedForm(forms.Form):\n    q = forms.CharField()\n", "utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    assert forms_defined_in("planted_views") == ["PlantedForm"]


#: Calls that write rows (or files through a model field) — none of them belongs in a module that only reads.
WRITE_CALLS = {"save", "delete", "create", "bulk_create", "bulk_update", "get_or_create", "update_or_create"}
READ_ONLY = ("selectors", "access", "rendering", "search", "picker")


def _read_only_modules() -> list[Path]:
    root = Path(settings.BASE_DIR)
    return sorted(
        p
        for package in PACKAGES
        for p in (root / package).rglob("*.py")
        if "migrations" not in p.parts and (p.stem in READ_ONLY or p.parent.name == "selectors")
    )


def writes_in(source: str) -> list[str]:
    return [
        f"{node.lineno}: .{node.func.attr}("
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in WRITE_CALLS
    ]


def test_modules_that_read_write_nothing():
    modules = _read_only_modules()
    names = {str(p.relative_to(settings.BASE_DIR)) for p in modules}
    assert {"directives/rendering.py", "reporting/access.py", "portal/org/selectors.py"} <= names
    found = {str(p.relative_to(settings.BASE_DIR)): writes_in(p.read_text("utf-8")) for p in modules}
    assert {name: calls for name, calls in found.items() if calls} == {}


def test_the_write_check_sees_a_save_in_a_module_that_reads():
    assert writes_in(
        "def f(document):\n    document.save(update_fields=['pdf'])\n    return {}.update()\n"
    ) == ["2: .save("]
