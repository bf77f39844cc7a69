"""People a document sanctions: 王某受到党内警告处分, 给予王某政务记过处分, 对王某立案审查.

A disciplinary report (纪律处分通报, 问责通报) names a cadre by office — 区农业农村局原副局长王某 — and then
the sanction he received. Named in role he would pass for an official acting for his organ, whose name
is kept; but he is the subject of the sanction, a party like the party of a penalty decision, and the
report publishes the conduct, not the person. A name with a sanction on it is therefore a person's name
in every place of the text, whatever office stands before it (``is_official`` asks ``ctx.sanctioned``).

Issue 9 (the hidden set's disciplinary reports leaked names); the office words stay officials elsewhere.
"""

from __future__ import annotations

import re

from gongkai.review.deidentify.names.context import NameContext

# What a sanction is called (党纪, 政务 and organisational measures of the 监督执纪 rules).
_MEASURE = (
    r"(?:党内|政务)?(?:严重)?警告|(?:政务)?记(?:大)?过|降级|撤职|撤销党内职务|留党察看|开除党籍|开除公职|开除"
    r"|诫勉|批评教育|通报批评|责令检查|免职|停职检查|组织处理|留置|立案审查|审查调查"
)
# 王某受到党内严重警告处分 / 王某被给予政务记过处分 / 王某被开除党籍: the name closes just before.
_RECEIVED_RE = re.compile(f"(?:受到|被给予|被(?={_MEASURE}))[^。；;\\n]{{0,12}}?(?:{_MEASURE})")
# 王某严重违纪违法问题 / 王某涉嫌严重违纪违法: the conduct a report charges a person with.
_CHARGED_RE = re.compile(r"(?:涉嫌)?严重违纪(?:违法)?|违纪违法问题|(?:涉嫌)?严重职务违法")
# Any of the words above, as literals (a cheap first test of a text).
_ANY_RE = re.compile(
    "警告|记过|降级|撤职|撤销党内|留党察看|开除|诫勉|批评|免职|停职|组织处理|留置|审查|违纪|职务违法"
)
# 给予王某党内警告处分 / 对王某立案审查 / 对王某进行诫勉谈话: the name opens just after.
_GIVEN_RE = re.compile(r"(?:给予|对)(?=[\u4e00-\u9fff])")
_AFTER_GIVEN_RE = re.compile(f"(?:同志)?(?:进行|予以|给予|作出)?(?:{_MEASURE})")


def sanctioned_names(ctx: NameContext) -> list[tuple[int, int]]:
    """Spans of names a sanction is imposed on; their texts go to ``ctx.sanctioned``."""
    norm = ctx.norm
    spans: list[tuple[int, int]] = []
    if _ANY_RE.search(norm) is None:  # most texts name no sanction: one scan for a literal
        return spans
    for m in _RECEIVED_RE.finditer(norm):
        span = ctx.backward(m.start(), strong=False)
        if span is not None:
            spans.append(span)
    for m in _CHARGED_RE.finditer(norm):
        span = ctx.backward(m.start(), strong=False)
        if span is not None:
            spans.append(span)
    for m in _GIVEN_RE.finditer(norm):
        span = ctx.forward(m.end(), strong=False) or _closed_by_measure(ctx, m.end())
        if span is not None and _AFTER_GIVEN_RE.match(norm, span[1]):
            spans.append(span)
    ctx.sanctioned = {norm[s:e] for s, e in spans}
    return spans


def _closed_by_measure(ctx: NameContext, s: int) -> tuple[int, int] | None:
    """对苏日娜予以诫勉: a name-shaped run the measure itself closes (no follower word after it)."""
    for e in (s + 3, s + 2):
        if ctx.plausible(s, e) and ctx.given_ok(s, e) and _AFTER_GIVEN_RE.match(ctx.norm, e):
            return s, e
    return None
