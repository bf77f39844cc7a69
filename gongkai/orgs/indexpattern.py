"""索引号规则 (index number patterns): which patterns an organisation may set, and formatting them safely.

A pattern is a ``str.format`` template over four documented fields — ``{code}`` (机构代码), ``{year}``,
``{month:02d}`` and ``{serial}`` (optionally zero-padded, ``{serial:05d}``) — and nothing else: no
conversions (``!s``), attribute or index access (``{code.__class__}``), or other format specs
(``{serial:.0}``, which formats the serial to nothing). ``format_pattern`` refuses anything else, so a
stored pattern can neither print Python internals nor drop the serial.

An organisation's own pattern must also start with ``{code}`` followed by a separator that cannot occur
in a code (codes are ``[0-9A-Za-z-]``, ``orgs.services.organisations.CODE_RE``), and contain ``{year}``
and ``{serial}``. Then the code is read back from any number as the text before the first separator, so
two organisations (whose codes are unique) can never produce the same 索引号; and since the serial
counts per organisation and year, year and serial together keep one organisation's numbers apart. The
national convention already has this shape (``11210100MB0000001X/2018-00012``, SPEC R5.1).
"""

from __future__ import annotations

import re
import string

from django.utils.translation import gettext

from gongkai.core.errors import ValidationFailed

# Each documented field and the format specs it accepts.
FIELD_SPECS: dict[str, re.Pattern[str]] = {
    "code": re.compile(r""),
    "year": re.compile(r""),
    "month": re.compile(r"02d"),
    "serial": re.compile(r"(0[1-9]d)?"),
}

# Characters a code may contain; the character after ``{code}`` must not be one of them.
CODE_CHARS = frozenset(string.ascii_letters + string.digits + "-")

# ``Document.index_number`` holds 64 characters; a code holds at most 32.
MAX_NUMBER_LENGTH = 64
MAX_CODE_LENGTH = 32


def _invalid(reason: str, detail: str) -> ValidationFailed:
    return ValidationFailed(reason, detail=detail, field="index_number_pattern")


def _syntax_error() -> ValidationFailed:
    return _invalid(
        gettext("索引号规则无效：只能使用 {code} {year} {month:02d} {serial} 或 {serial:05d} 等占位符"),
        "Invalid index number pattern: only {code} {year} {month:02d} {serial} or {serial:05d}",
    )


def pattern_fields(pattern: str) -> list[tuple[str, str | None]]:
    """The pattern as (literal text, field name or None) pairs; ``ValidationFailed`` for anything undocumented."""
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError as exc:  # unbalanced braces
        raise _syntax_error() from exc
    parts = []
    for literal, name, spec, conversion in parsed:
        if name is None:
            parts.append((literal, None))
            continue
        # Only the documented names: no positional ``{}``/``{0}``, no ``.attr`` or ``[index]``.
        if name not in FIELD_SPECS:
            raise _syntax_error()
        # No ``!s``/``!r``/``!a`` conversions.
        if conversion is not None:
            raise _syntax_error()
        # Only the field's own plain spec (this also refuses nested ``{serial:{year}}``).
        if not FIELD_SPECS[name].fullmatch(spec or ""):
            raise _syntax_error()
        parts.append((literal, name))
    return parts


def validate_pattern(pattern: str) -> None:
    """Check an organisation's own 索引号规则 (see the module docstring); empty means the default rule."""
    if not pattern:
        return
    parts = pattern_fields(pattern)
    names = [name for _, name in parts]
    # ``{code}`` first, then a literal separator that no code contains: no other organisation's numbers.
    first_literal, first_name = parts[0]
    following = parts[1][0] if len(parts) > 1 else ""
    if first_literal or first_name != "code" or not following or following[0] in CODE_CHARS:
        raise _invalid(
            gettext("索引号规则必须以 {code} 开头，后接“/”等分隔符（不能是字母、数字或连字符）"),
            "Index number pattern must start with {code} and a separator such as /",
        )
    # The serial counts per year: without the year, next January would repeat this year's numbers.
    if "year" not in names:
        raise _invalid(gettext("索引号规则必须包含年份 {year}"), "Index number pattern needs {year}")
    if "serial" not in names:
        raise _invalid(gettext("索引号规则必须包含流水号 {serial}"), "Index number pattern needs {serial}")
    sample = format_pattern(pattern, code="X" * MAX_CODE_LENGTH, year=2000, month=12, serial=99999)
    if len(sample) > MAX_NUMBER_LENGTH:
        raise _invalid(
            gettext("索引号规则过长：生成的索引号不能超过 64 个字符"), "Index number pattern is too long"
        )


def format_pattern(pattern: str, *, code: str, year: int, month: int, serial: int) -> str:
    """Format ``pattern`` with the documented fields only (``ValidationFailed`` for anything else)."""
    pattern_fields(pattern)
    return pattern.format(code=code, year=year, month=month, serial=serial)
