"""mypy checks every module that holds the rules (issue 14, point 6): each services, selectors and access
module of the three apps — a file or a package of that name — the cascade and portal/lib are in the files that
`[tool.mypy]` in pyproject.toml names, expanded by mypy's own glob rule. A new `reporting/selectors/` package
(or an access package) that the globs would miss fails here instead of going unchecked."""

from __future__ import annotations

import tomllib
from pathlib import Path

from mypy.config_parser import split_and_match_files_list

ROOT = Path(__file__).resolve().parents[2]
APPS = ("portal", "directives", "reporting")
RULE_MODULES = ("services", "selectors", "access")


def checked_files(root: Path, patterns: list[str]) -> set[Path]:
    """The files mypy checks for these `files` globs when run from root, as scripts/test.sh runs it (a glob
    that matches nothing comes back as itself, a path that does not exist)."""
    return {Path(p).resolve() for p in split_and_match_files_list([str(root / p) for p in patterns])}


def rule_modules(root: Path) -> set[Path]:
    """Every module whose name says it holds rules: <name>.py or <name>/*.py for services, selectors and access,
    anywhere in the apps (migrations have none), plus the cascade and the pure helpers of portal/lib."""
    found: set[Path] = set()
    for app in APPS:
        for path in (root / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            if path.stem in RULE_MODULES or path.parent.name in RULE_MODULES:
                found.add(path.resolve())
    found |= {p.resolve() for p in (root / "portal" / "lib").glob("*.py")}
    found.add((root / "directives" / "cascade.py").resolve())
    return found


def mypy_patterns() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    return list(config["files"])


def test_it_checks_every_services_selectors_and_access_module():
    missing = rule_modules(ROOT) - checked_files(ROOT, mypy_patterns())
    assert not missing, (
        f"mypy's files in pyproject.toml miss: {sorted(str(p.relative_to(ROOT)) for p in missing)}"
    )


def test_it_keeps_the_checks_that_make_it_meaningful():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert config["plugins"] == ["mypy_django_plugin.main"]
    for option in ("check_untyped_defs", "no_implicit_optional", "warn_unused_ignores", "warn_unreachable"):
        assert config[option] is True, option
    assert "ignore_errors" not in config


def test_it_notices_an_access_package_the_globs_miss(tmp_path):
    # Selector packages are globbed now ("**/selectors/*.py", issue 16); an access package is not, yet.
    for name in (
        "portal/org/services.py",
        "reporting/selectors/__init__.py",
        "reporting/selectors/rows.py",
        "reporting/access/__init__.py",
        "reporting/access/rows.py",
        "portal/lib/dates.py",
        "directives/cascade.py",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
    missing = rule_modules(tmp_path) - checked_files(tmp_path, mypy_patterns())
    assert {p.relative_to(tmp_path.resolve()).as_posix() for p in missing} == {
        "reporting/access/__init__.py",
        "reporting/access/rows.py",
    }
