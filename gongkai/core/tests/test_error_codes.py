"""Every raised service error carries a stable ``<app>.<reason>`` code (STYLE.md, "API"; issue 7).

API clients code against ``code``, so a raise of one of the base classes of ``gongkai.core.errors`` that
leaves it out falls back to the class's bare default (``validation``, ``forbidden``, …) and tells the
client nothing. Subclasses that set their own class-level code (``UnknownHolidaySchedule``) are raised by
their own name and are not checked here. Names are resolved through each module's imports, so Django's
``PermissionDenied`` (which takes no code) is not mistaken for ours.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import gongkai

ERRORS_MODULE = "gongkai.core.errors"
BASE_ERRORS = {
    "GongkaiError",
    "ValidationFailed",
    "PermissionDenied",
    "NotFound",
    "InvalidTransition",
    "Conflict",
}
CODE_RE = re.compile(r"^[a-z_]+\.[a-z_]+$")
PACKAGE = Path(gongkai.__file__).resolve().parent


def _modules() -> Iterator[tuple[str, ast.Module]]:
    """Every non-test, non-migration module of the package, as (``gongkai/…py``, its syntax tree)."""
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent)
        if "tests" in relative.parts or "migrations" in relative.parts:
            continue
        yield str(relative), ast.parse(path.read_text(encoding="utf-8"))


def _error_calls(tree: ast.Module) -> Iterator[tuple[ast.expr, ast.Call | None]]:
    """Each expression naming a base error of ``gongkai.core.errors``, with the call it makes (if any).

    Yields raised expressions (``raise X(...)`` and bare ``raise X``) and, for the code check, every other
    call of a base error too (errors built and returned by a helper).
    """
    names: set[str] = set()  # local names bound to a base error class
    modules: set[str] = set()  # local names bound to the errors module itself
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == ERRORS_MODULE:
            names.update(a.asname or a.name for a in node.names if a.name in BASE_ERRORS)
        elif isinstance(node, ast.ImportFrom) and node.module == "gongkai.core":
            modules.update(a.asname or a.name for a in node.names if a.name == "errors")
        elif isinstance(node, ast.Import):
            modules.update(a.asname for a in node.names if a.name == ERRORS_MODULE and a.asname)

    def is_base_error(expr: ast.expr) -> bool:
        if isinstance(expr, ast.Name):
            return expr.id in names
        return (
            isinstance(expr, ast.Attribute)
            and expr.attr in BASE_ERRORS
            and isinstance(expr.value, ast.Name)
            and expr.value.id in modules
        )

    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and node.exc is not None and is_base_error(node.exc):
            yield node.exc, None
        elif isinstance(node, ast.Call) and is_base_error(node.func):
            yield node, node


def _raises_without_code(modules: Iterator[tuple[str, ast.Module]]) -> tuple[int, list[str]]:
    """(how many base-error raises were seen, ``file:line`` of those without a ``code=`` keyword)."""
    seen, missing = 0, []
    for name, tree in modules:
        raised = {id(node.exc) for node in ast.walk(tree) if isinstance(node, ast.Raise)}
        for expr, call in _error_calls(tree):
            if id(expr) not in raised:
                continue
            seen += 1
            if call is None or not any(keyword.arg == "code" for keyword in call.keywords):
                missing.append(f"{name}:{expr.lineno}")
    return seen, missing


def test_every_raised_error_carries_a_code() -> None:
    seen, missing = _raises_without_code(_modules())

    assert seen > 50, "the scan found too few raises to be looking at the package"
    assert missing == [], "raises without code=: " + ", ".join(missing)


def test_every_code_literal_has_the_app_dot_reason_form() -> None:
    checked, malformed = 0, []
    for name, tree in _modules():
        for _, call in _error_calls(tree):
            for keyword in call.keywords if call else []:
                if keyword.arg == "code" and isinstance(keyword.value, ast.Constant):
                    checked += 1
                    if not CODE_RE.match(str(keyword.value.value)):
                        malformed.append(f"{name}:{keyword.value.lineno} {keyword.value.value!r}")

    assert checked > 50, "the scan found too few codes to be looking at the package"
    assert malformed == [], "codes not of the form <app>.<reason>: " + ", ".join(malformed)


def test_scan_flags_our_errors_without_code_and_ignores_djangos() -> None:
    source = (
        "from django.core.exceptions import PermissionDenied\n"
        "from gongkai.core.errors import ValidationFailed as Invalid\n"
        "from gongkai.core import errors\n"
        'raise PermissionDenied("no")\n'
        'raise Invalid("bad", code="app.bad")\n'
        'raise Invalid("bad")\n'
        'raise errors.NotFound("gone")\n'
    )

    _, missing = _raises_without_code(iter([("example.py", ast.parse(source))]))

    assert missing == ["example.py:6", "example.py:7"]
