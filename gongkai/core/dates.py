"""Dates typed by people and files: the one parser of ``YYYY-MM-DD`` every app uses."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.utils.translation import gettext

from gongkai.core.errors import ValidationFailed

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_iso_date(value: Any, field: str) -> datetime.date:
    """The ``date`` that ``value`` names: a ``date`` as itself, a string exactly ``YYYY-MM-DD``.

    Surrounding whitespace is ignored. Anything else is refused with ``ValidationFailed`` (code
    ``dates.invalid``) naming ``field``: a ``datetime`` (a time of day is not a date, and its time zone
    decides which day it is), other ISO 8601 forms that ``date.fromisoformat`` accepts since Python 3.11
    (``20260130``, week dates — typos in a statutory date), and impossible days such as ``2024-02-30``.
    """
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    if isinstance(value, str) and ISO_DATE.fullmatch(value.strip()):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValidationFailed(
        gettext("%(field)s 的日期 %(value)s 无效，格式应为 YYYY-MM-DD") % {"field": field, "value": value},
        detail=f"Invalid date in {field}; use YYYY-MM-DD",
        code="dates.invalid",
        fields={field: gettext("日期格式应为 YYYY-MM-DD")},
    )
