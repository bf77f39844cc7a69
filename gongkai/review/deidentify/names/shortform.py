"""Names given a short form in brackets: 当事人时川建（以下简称时某）, 申请人欧阳亮（以下简称欧阳某某）.

A run followed by ``（以下简称`` and its own surname plus 某 is a person: organisations are shortened to
a word (（以下简称某公司）, （以下简称市局）), never to a surname and 某 (issue 9, seventh session).
"""

from __future__ import annotations

import re

from gongkai.review.deidentify.names.context import HAN, NameContext

_SHORT_RE = re.compile(f'[（(]以下(?:简称|称)[“"]?(?P<sur>[{HAN}]{{1,2}}?)某+[”"]?[)）]')


def short_form_names(ctx: NameContext) -> list[tuple[int, int]]:
    """Spans of the names that a ``（以下简称X某）`` bracket follows."""
    norm = ctx.norm
    out: list[tuple[int, int]] = []
    if "以下" not in norm:
        return out
    for m in _SHORT_RE.finditer(norm):
        sur = m.group("sur")
        e = m.start()
        for length in (len(sur) + 2, len(sur) + 1):
            s = e - length
            if s < 0 or norm[s : s + len(sur)] != sur:
                continue
            if ctx.surname_len(s) != len(sur) or not ctx.plausible(s, e):
                continue
            if length == len(sur) + 2 and not ctx.left_ok(s) and ctx.left_ok(s + 1):
                continue
            out.append((s, e))
            break
    return out
