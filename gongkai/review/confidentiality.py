"""保密审查 (confidentiality screen): markings that must stop a record until a person has looked at it.

A record about to be published is screened for 密级 markings (``机密★10年``, ``密级：秘密``), internal-use
markings (``内部资料``, ``注意保存``, ``此件不公开``), draft markers on a record marked final (``（征求意见稿）``)
and the terms the administrator defines. The rules are data (``review/data/confidentiality.yaml``), like the
de-identification engine's dictionaries: most shapes count only as a marking (alone on a line, bracketed, in the
title area), never in prose, so a law that says "保守国家秘密" or "不得公开他人隐私" raises nothing. A marking
inside a book title (``关于《……（草案）》的说明``) is a citation and raises nothing either.

``screen_text`` is pure; who may override a flag, and how, is the workflow's business (issue 12).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

RULES_PATH = Path(__file__).parent / "data" / "confidentiality.yaml"
KINDS = ("classification", "internal", "draft", "term")
WHERES = ("anywhere", "line", "head")
MAX_TERM_LENGTH = 50


@dataclass(frozen=True)
class Flag:
    """One marking found: ``text[start:end]``, its kind, the rule's id and the label shown to the reviewer."""

    start: int
    end: int
    kind: str
    rule: str
    text: str
    label: str


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    label: str
    pattern: re.Pattern[str]
    where: str


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    head_lines: int
    line_trim: frozenset[str]


def load_rules(path: Path = RULES_PATH) -> RuleSet:
    """Read and check a rules file; raises ``ValueError`` naming the first bad rule."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rules = []
    for number, raw in enumerate(data.get("rules") or [], start=1):
        name = raw.get("id") or f"#{number}"
        if raw.get("kind") not in KINDS[:-1]:
            raise ValueError(f"confidentiality rule {name}: kind must be one of {KINDS[:-1]}")
        if raw.get("where") not in WHERES:
            raise ValueError(f"confidentiality rule {name}: where must be one of {WHERES}")
        try:
            pattern = re.compile(raw["pattern"])
        except (KeyError, re.error) as exc:
            raise ValueError(f"confidentiality rule {name}: bad pattern ({exc})") from exc
        rules.append(Rule(name, raw["kind"], raw.get("label") or name, pattern, raw["where"]))
    return RuleSet(tuple(rules), int(data.get("head_lines", 8)), frozenset(data.get("line_trim", " ")))


@cache
def rules() -> RuleSet:
    return load_rules()


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) for every line of ``text``, any line break."""
    out, offset = [], 0
    for line in text.splitlines(keepends=True):
        out.append((offset, line.rstrip("\r\n")))
        offset += len(line)
    return out


def _in_book_title(text: str, start: int) -> bool:
    """Whether ``start`` lies inside 《…》 on its line: a citation of a title, not a marking."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    return before.count("《") > before.count("》")


def _line_match(rule: Rule, ruleset: RuleSet, offset: int, line: str) -> Flag | None:
    """The rule's flag if the line, without spaces and trim punctuation, is exactly the marking."""
    kept = [(i, ch) for i, ch in enumerate(line) if ch not in ruleset.line_trim]
    if not kept or len(kept) > 40:
        return None
    core = "".join(ch for _, ch in kept)
    if rule.pattern.fullmatch(core) is None:
        return None
    start, end = offset + kept[0][0], offset + kept[-1][0] + 1
    return Flag(start, end, rule.kind, rule.id, line[kept[0][0] : kept[-1][0] + 1], rule.label)


def screen_text(text: str, *, final: bool, extra_terms: Iterable[str] = ()) -> list[Flag]:
    """Every confidentiality marking in ``text``, sorted by start, without overlaps.

    ``final``: the record is marked final (正式文件), so draft markers count. ``extra_terms``: the administrator's
    terms (``active_terms()``), matched anywhere, literally.
    """
    ruleset = rules()
    lines = _lines(text)
    head_end = len(text)
    non_empty = [offset for offset, line in lines if line.strip()]
    if len(non_empty) > ruleset.head_lines:
        head_end = non_empty[ruleset.head_lines]
    found: list[Flag] = []
    for rule in ruleset.rules:
        if rule.kind == "draft" and not final:
            continue
        if rule.where == "line":
            for offset, line in lines:
                flag = _line_match(rule, ruleset, offset, line)
                if flag is not None:
                    found.append(flag)
            continue
        limit = head_end if rule.where == "head" else len(text)
        for match in rule.pattern.finditer(text, 0, limit):
            if match.end() > match.start() and not _in_book_title(text, match.start()):
                found.append(Flag(match.start(), match.end(), rule.kind, rule.id, match.group(), rule.label))
    for term in {t.strip() for t in extra_terms if t and t.strip()}:
        for match in re.finditer(re.escape(term), text):
            found.append(Flag(match.start(), match.end(), "term", "admin_term", match.group(), term))
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Flag] = []
    for flag in found:
        if kept and flag.start < kept[-1].end:
            continue
        kept.append(flag)
    return kept


def active_terms() -> list[str]:
    """The administrator's active terms (保密审查词), for ``screen_text(extra_terms=...)``."""
    from gongkai.review.models import ConfidentialityTerm

    return list(ConfidentialityTerm.objects.filter(active=True).values_list("term", flat=True))
