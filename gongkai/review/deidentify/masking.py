"""Masking of findings by public-notice conventions, configurable per type (``masking.yaml``).

Defaults: names keep the surname (王某某), ID numbers the first 6 and last 4, phones the first 3 and
last 4, bank cards the last 4, e-mail the domain, addresses the road (SPEC-regulations §5).
"""

from __future__ import annotations

import re

from gongkai.review.deidentify.dictionaries import Dictionaries
from gongkai.review.deidentify.findings import ADDRESS, EMAIL, PERSON_NAME, Finding, normalise

VALID_STYLES = {
    PERSON_NAME: {"mou", "star", "remove"},
    EMAIL: {"keep_domain", "remove"},
    ADDRESS: {"drop_door", "remove"},
}
DEFAULT_STYLES = {"partial", "remove"}
_NAME_SEPARATORS = frozenset(" \t|｜·・．•.‧")
_LATIN_RE = re.compile("[A-Za-z]")
_LATIN_WORD_RE = re.compile("([A-Za-z])([A-Za-z'-]*)")


def validate_masking(masking: dict) -> dict[str, str]:
    """Return field errors (``{"masking.phone.style": "…"}``) for a masking configuration."""
    errors: dict[str, str] = {}
    for key, conf in masking.items():
        if not isinstance(conf, dict):
            continue
        style = conf.get("style")
        allowed = VALID_STYLES.get(key, DEFAULT_STYLES)
        if style is not None and style not in allowed:
            errors[f"masking.{key}.style"] = "must be one of " + ", ".join(sorted(allowed))
        for bound in ("keep_start", "keep_end"):
            value = conf.get(bound)
            if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
                errors[f"masking.{key}.{bound}"] = "must be a non-negative integer"
    return errors


def _partial(compact: str, keep_start: int, keep_end: int, char: str) -> str:
    if keep_start + keep_end >= len(compact):
        return char * len(compact)
    tail = compact[len(compact) - keep_end :] if keep_end else ""
    return compact[:keep_start] + char * (len(compact) - keep_start - keep_end) + tail


def mask_finding(finding: Finding, masking: dict, dicts: Dictionaries) -> str:
    """The replacement text for one finding."""
    conf = masking.get(finding.type, {}) or {}
    style = conf.get("style", "partial")
    char = str(masking.get("mask_char", "*"))
    if style == "remove":
        return str(masking.get("remove_text", "[已删除]"))
    text = normalise(finding.text)
    if finding.type == PERSON_NAME:
        if _LATIN_RE.search(text):  # PARK SOOJIN → P*** S*****: each word keeps its initial
            return _LATIN_WORD_RE.sub(lambda m: m.group(1) + char * len(m.group(2)), text)
        slen = 2 if text[:2] in dicts.compound_surnames else 1
        filler = "某" if style == "mou" else char
        if len(text) <= slen:
            return text + filler
        # A name split across table cells (王⇥小明) or joined by a middle dot keeps its separators.
        return text[:slen] + "".join(ch if ch in _NAME_SEPARATORS else filler for ch in text[slen:])
    if finding.type == EMAIL:
        return char * 3 + "@" + text.rsplit("@", 1)[1]
    if finding.type == ADDRESS:
        return str(conf.get("mask_text", char * 3))
    compact = re.sub(r"[\s\-·•・.()（）]", "", text)
    return _partial(compact, int(conf.get("keep_start", 0)), int(conf.get("keep_end", 0)), char)


def apply_masks(text: str, findings: list[Finding], masking: dict, dicts: Dictionaries) -> str:
    """Return ``text`` with every finding replaced; findings must not overlap."""
    parts: list[str] = []
    cursor = 0
    for finding in sorted(findings, key=lambda f: f.start):
        parts.append(text[cursor : finding.start])
        parts.append(mask_finding(finding, masking, dicts))
        cursor = finding.end
    parts.append(text[cursor:])
    return "".join(parts)
