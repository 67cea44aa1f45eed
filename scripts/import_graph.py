#!/usr/bin/env python3
"""The project's import graph between packages, and the house rules it must keep.

    .venv/bin/python scripts/import_graph.py [--check]

Floors, from the ground up (STYLE.md, "The house has floors"): the organisation, audit, notifications and
the pure helpers of ``portal``; ``directives`` above them; ``reporting`` above ``directives``; the project
package on top (URL root, API routing, home page, error handlers, settings). An import points down or
sideways within its floor, never up. A function-level import of a project module is allowed only with a
comment (on its line or the line above) saying which cycle it breaks.

Prints every package-to-package edge with its count, every upward import, every cycle between packages
and every function-level project import; ``--check`` exits 1 when a rule is broken.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = ("portal", "directives", "reporting")
# Module prefix → floor. The longest matching prefix decides; everything of an app not named falls to the
# app's own floor. The portal floor has storeys of its own, from the ground up: the pure helpers (lib), the
# audit log's writing side (every service records events), the organisation (which reads the log by its scope
# rule: portal.org.audit_log), notifications (sent to a unit's members), and core (API keys, login lockout,
# middleware, the base layout's context) on top of them.
FLOORS: dict[str, int] = {
    "portal.lib": 0,
    "portal.audit": 1,
    "portal.org": 2,
    "portal.notifications": 3,
    "portal.core": 4,
    # Digital signatures: certificates and keys of people (org users) and bodies (org units), the PDFs' PAdES
    # signatures; directives and reporting sign and verify through it.
    "portal.signing": 5,
    "directives": 10,
    # Incoming documents and tasks: stands on directives (deliveries, documents, their tasks), below reporting,
    # whose dashboards show its figures.
    "directives.handling": 15,
    # Exchange with other systems through the national hub (edXML packets): registers inbound documents through
    # handling's services, sends what directives issues; below reporting.
    "directives.exchange": 17,
    "reporting": 20,
    # The dashboards read reporting's obligations and reports; reporting never reads a dashboard.
    "reporting.dashboard": 25,
    # The project package: what routes to every app and what only the top may know (URL root, API routing,
    # settings, Celery, the home page and the project's other pages, the error handlers).
    "portal": 30,
}
MAX_FUNCTION_IMPORTS = 10
# Imports the rules allow by name, each with its reason (none today; the project package's own imports,
# e.g. portal/__init__.py loading portal.celery, are on its floor).
ALLOWED: dict[tuple[str, str], str] = {}


def floor_of(module: str) -> int:
    best = max((p for p in FLOORS if module == p or module.startswith(p + ".")), key=len)
    return FLOORS[best]


def package_of(module: str) -> str:
    """The package an edge is drawn between: ``portal.org``, ``directives``, ``reporting.dashboard`` …"""
    parts = module.split(".")
    if parts[0] == "portal" and len(parts) > 1:
        return ".".join(parts[:2])
    return (
        parts[0]
        if len(parts) == 1 or parts[0] != "reporting" or parts[1] != "dashboard"
        else "reporting.dashboard"
    )


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_files() -> list[Path]:
    files = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts or "tests" in path.parts:
                continue
            files.append(path)
    return files


class Imports(ast.NodeVisitor):
    def __init__(self, module: str, lines: list[str]) -> None:
        self.module, self.lines = module, lines
        self.depth = 0
        self.found: list[tuple[str, int, bool, bool]] = []  # (target, line, in function, commented)

    def _add(self, target: str, node: ast.AST) -> None:
        if target.split(".")[0] not in APPS:
            return
        line = node.lineno
        here = self.lines[line - 1]
        above = self.lines[line - 2].strip() if line > 1 else ""
        commented = "#" in here or above.startswith("#")
        self.found.append((target, line, self.depth > 0, commented))

    def visit_FunctionDef(self, node):  # noqa: N802 — ast's visitor names
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_AsyncFunctionDef = visit_FunctionDef  # noqa: N815

    def visit_Import(self, node):  # noqa: N802
        for alias in node.names:
            self._add(alias.name, node)

    def visit_ImportFrom(self, node):  # noqa: N802
        if node.level:
            base = self.module.split(".")
            base = base[: len(base) - node.level]
            target = ".".join([*base, node.module] if node.module else base)
        else:
            target = node.module or ""
        if node.module is None or node.level:
            for alias in node.names:  # "from . import x" may name a module
                self._add(f"{target}.{alias.name}" if node.module is None else target, node)
        else:
            self._add(target, node)


def collect() -> list[tuple[str, str, int, bool, bool]]:
    edges = []
    for path in project_files():
        module = module_name(path)
        # A package's __init__ resolves "from . import x" against itself, a module against its package.
        module_for_relative = module + ".__init__" if path.name == "__init__.py" else module
        source = path.read_text(encoding="utf-8")
        visitor = Imports(module_for_relative, source.splitlines())
        visitor.visit(ast.parse(source, filename=str(path)))
        for target, line, in_function, commented in visitor.found:
            edges.append((module, target, line, in_function, commented))
    return edges


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one package (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def report() -> tuple[str, bool]:
    edges = collect()
    counts: dict[tuple[str, str], int] = defaultdict(int)
    graph: dict[str, set[str]] = defaultdict(set)
    upward, uncommented, function_level, ready_imports = [], [], [], []
    for source, target, line, in_function, commented in edges:
        a, b = package_of(source), package_of(target)
        if a != b:
            counts[(a, b)] += 1
            graph[a].add(b)
        if floor_of(target) > floor_of(source) and (source, target) not in ALLOWED:
            upward.append(f"{source}:{line} → {target}")
        if in_function:
            if not commented:
                uncommented.append(source)
            if source.endswith(".apps"):
                # AppConfig.ready() loading the app's receivers is where Django says signals are connected:
                # listed, each commented, but not counted against the cap.
                ready_imports.append(f"{source}:{line} → {target}" + ("" if commented else "   (no comment)"))
            else:
                function_level.append(
                    f"{source}:{line} → {target}" + ("" if commented else "   (no comment)")
                )
    loops = cycles(graph)
    lines = ["Imports between packages (count):"]
    lines += [f"  {a} → {b}: {n}" for (a, b), n in sorted(counts.items())]
    lines.append(f"Upward imports (a lower floor importing a higher one): {len(upward)}")
    lines += [f"  {u}" for u in upward]
    lines.append(f"Cycles between packages: {len(loops)}")
    lines += ["  " + " ⇄ ".join(c) for c in loops]
    lines.append(
        f"Function-level imports of project modules: {len(function_level)} (at most {MAX_FUNCTION_IMPORTS}, "
        "each commented)"
    )
    lines += [f"  {f}" for f in function_level]
    lines.append(f"Receivers connected in AppConfig.ready (not counted): {len(ready_imports)}")
    lines += [f"  {f}" for f in ready_imports]
    ok = not upward and not loops and len(function_level) <= MAX_FUNCTION_IMPORTS and not uncommented
    lines.append("OK" if ok else "RULES BROKEN")
    return "\n".join(lines), ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when a rule is broken")
    args = parser.parse_args()
    text, ok = report()
    print(text)
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
