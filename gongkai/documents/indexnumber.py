"""索引号 (index numbers): one per record, generated per organisation and year, unique and never reused.

Rule (SPEC R5.1, configurable per organisation in ``Organisation.index_number_pattern``, else the
``INDEX_NUMBER_PATTERN`` setting): default ``{code}/{year}-{serial:05d}``, e.g.
``11210100MB0000001X/2018-00012``. ``code`` is the organisation's code (统一社会信用代码 or 组织机构代码),
``year`` the year the record was formed (成文日期, else the day it was created), ``serial`` a counter per
organisation and year kept in ``IndexSequence``; the counter only grows, so a withdrawn record's number is
never handed out again. Patterns may use those fields only (``gongkai.orgs.indexpattern``).

A number that another record already holds (a pattern stored before patterns were checked, a changed
pattern, an imported record) is refused with ``Conflict`` (``documents.index_number_taken``), never left
to fail on the unique constraint as a server error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext

from gongkai.core.errors import Conflict, ValidationFailed
from gongkai.documents.models import Document, IndexSequence
from gongkai.orgs.indexpattern import format_pattern
from gongkai.orgs.models import Organisation

DEFAULT_PATTERN = "{code}/{year}-{serial:05d}"


def pattern_for(organisation: Organisation) -> str:
    return organisation.index_number_pattern or getattr(settings, "INDEX_NUMBER_PATTERN", DEFAULT_PATTERN)


def format_index_number(pattern: str, *, code: str, on: dt.date, serial: int) -> str:
    try:
        return format_pattern(pattern, code=code, year=on.year, month=on.month, serial=serial)
    except ValidationFailed as exc:
        raise ValidationFailed(
            gettext("索引号规则“%(pattern)s”无效：只能使用 {code} {year} {month} {serial}")
            % {"pattern": pattern},
            detail=f"Invalid index number pattern {pattern!r}",
        ) from exc


def allocate_serials(organisation: Organisation, year: int, count: int = 1) -> range:
    """Reserve ``count`` consecutive serials for the organisation's year; call inside a transaction."""
    if count < 1:
        return range(0)
    with transaction.atomic():
        sequence, _ = IndexSequence.objects.get_or_create(organisation=organisation, year=year)
        IndexSequence.objects.filter(pk=sequence.pk).update(last_serial=F("last_serial") + count)
        sequence.refresh_from_db(fields=["last_serial"])
    end = sequence.last_serial
    return range(end - count + 1, end + 1)


def _taken(number: str) -> Conflict:
    return Conflict(
        gettext("索引号 %(number)s 已被占用，请联系管理员检查本机构的索引号规则") % {"number": number},
        detail=f"Index number {number} is already taken",
        code="documents.index_number_taken",
    )


def next_index_numbers(organisation: Organisation, on: dt.date, count: int = 1) -> list[str]:
    """``count`` fresh 索引号 for records of ``organisation`` formed on ``on``; ``Conflict`` if one is taken."""
    pattern = pattern_for(organisation)
    numbers = [
        format_index_number(pattern, code=organisation.code, on=on, serial=serial)
        for serial in allocate_serials(organisation, on.year, count)
    ]
    taken = Document.objects.filter(index_number__in=numbers).values_list("index_number", flat=True).first()
    if taken is not None:
        raise _taken(taken)
    return numbers


@contextmanager
def index_number_conflicts(number: str) -> Iterator[None]:
    """Turn the unique-constraint failure of saving a record numbered ``number`` into ``Conflict``.

    ``next_index_numbers`` already refuses a taken number; this covers a concurrent save of the same
    number. Use it around the save; the savepoint leaves the caller's transaction usable.
    """
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        if "index_number" not in str(exc):
            raise
        raise _taken(number) from exc


def next_index_number(organisation: Organisation, on: dt.date) -> str:
    return next_index_numbers(organisation, on, 1)[0]
