"""索引号 (index numbers): one per record, generated per organisation and year, unique and never reused.

Rule (SPEC R5.1, configurable per organisation in ``Organisation.index_number_pattern``, else the
``INDEX_NUMBER_PATTERN`` setting): default ``{code}/{year}-{serial:05d}``, e.g.
``11210100MB0000001X/2018-00012``. ``code`` is the organisation's code (统一社会信用代码 or 组织机构代码),
``year`` the year the record was formed (成文日期, else the day it was created), ``serial`` a counter per
organisation and year kept in ``IndexSequence``; the counter only grows, so a withdrawn record's number is
never handed out again.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext

from gongkai.core.errors import ValidationFailed
from gongkai.documents.models import IndexSequence
from gongkai.orgs.models import Organisation

DEFAULT_PATTERN = "{code}/{year}-{serial:05d}"


def pattern_for(organisation: Organisation) -> str:
    return organisation.index_number_pattern or getattr(settings, "INDEX_NUMBER_PATTERN", DEFAULT_PATTERN)


def format_index_number(pattern: str, *, code: str, on: dt.date, serial: int) -> str:
    try:
        return pattern.format(code=code, year=on.year, month=on.month, serial=serial)
    except (KeyError, IndexError, ValueError) as exc:
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


def next_index_numbers(organisation: Organisation, on: dt.date, count: int = 1) -> list[str]:
    """``count`` fresh 索引号 for records of ``organisation`` formed on ``on``."""
    pattern = pattern_for(organisation)
    return [
        format_index_number(pattern, code=organisation.code, on=on, serial=serial)
        for serial in allocate_serials(organisation, on.year, count)
    ]


def next_index_number(organisation: Organisation, on: dt.date) -> str:
    return next_index_numbers(organisation, on, 1)[0]
