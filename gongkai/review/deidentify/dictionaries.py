"""Dictionaries and masking settings for de-identification, as data an administrator can extend.

Shipped files live in ``gongkai/review/data/``. When the Django setting ``DEIDENTIFY_EXTRA_DATA_DIR``
names a directory, files of the same name there are merged in: word lists are added to, YAML lists
are extended and the YAML mapping ``masking.yaml`` is updated per type (SPEC-regulations §5,
work-plan task 26: 去标识化 rules are data, not code).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

WORD_LISTS = ("surnames", "compound_surnames", "given_name_chars", "not_names", "public_numbers")


@dataclass(frozen=True, eq=False)
class Dictionaries:
    """Everything the engine looks up; built once per data directory and cached."""

    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    given_name_chars: frozenset[str]
    not_names: frozenset[str]
    public_numbers: frozenset[str]
    cues: dict[str, list[str]]
    masking: dict


def _read_words(path: Path) -> list[str]:
    if not path.exists():
        return []
    words: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        words.extend(line.split())
    return words


def _read_yaml(path: Path) -> dict:
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path.name} must hold a mapping")
    return data


def _merge_masking(base: dict, extra: dict) -> dict:
    merged = {k: (dict(v) if isinstance(v, dict) else v) for k, v in base.items()}
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key].update(value)
        else:
            merged[key] = value
    return merged


def merge_masking(base: dict, override: dict | None) -> dict:
    """Return ``base`` updated per type by ``override`` (used for per-request masking settings)."""
    return _merge_masking(base, override or {})


@functools.lru_cache(maxsize=8)
def _load(extra_dir: str | None) -> Dictionaries:
    dirs = [DATA_DIR] + ([Path(extra_dir)] if extra_dir else [])
    words: dict[str, set[str]] = {name: set() for name in WORD_LISTS}
    cues: dict[str, list[str]] = {}
    masking: dict = {}
    for directory in dirs:
        for name in WORD_LISTS:
            words[name].update(_read_words(directory / f"{name}.txt"))
        for key, values in _read_yaml(directory / "cues.yaml").items():
            bucket = cues.setdefault(key, [])
            bucket.extend(str(v) for v in (values or []) if str(v) not in bucket)
        masking = _merge_masking(masking, _read_yaml(directory / "masking.yaml"))
    public = {re.sub(r"\D", "", n) for n in words["public_numbers"]}
    return Dictionaries(
        surnames=frozenset(w for w in words["surnames"] if len(w) == 1),
        compound_surnames=frozenset(w for w in words["compound_surnames"] if len(w) == 2),
        given_name_chars=frozenset(w for w in words["given_name_chars"] if len(w) == 1),
        not_names=frozenset(w for w in words["not_names"] if len(w) > 1),
        public_numbers=frozenset(n for n in public if n),
        cues=cues,
        masking=masking,
    )


_VERBISH_TAGS = ("v", "d", "p", "c", "u", "m", "q", "f", "r")


@functools.lru_cache(maxsize=1)
def _jieba_words() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    try:
        text = (resources.files("jieba") / "dict.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return frozenset(), frozenset(), frozenset(), frozenset()
    words, verbish, frequent, staple = set(), set(), set(), set()
    for line in text.splitlines():
        parts = line.split(" ")
        if len(parts) != 3 or not 2 <= len(parts[0]) <= 4 or parts[2].startswith("nr") or int(parts[1]) < 3:
            continue
        words.add(parts[0])
        if len(parts[0]) == 2 and parts[2].startswith(_VERBISH_TAGS):
            verbish.add(parts[0])
        if len(parts[0]) == 2 and int(parts[1]) >= 50:
            frequent.add(parts[0])
        if len(parts[0]) == 2 and int(parts[1]) >= 5000:
            staple.add(parts[0])
    return frozenset(words), frozenset(verbish), frozenset(frequent), frozenset(staple)


def common_words() -> frozenset[str]:
    """Ordinary 2–4 character words from jieba's dictionary (shipped in the jieba wheel), names excluded.

    A candidate that is such a word (公布, 相信, 过半数) needs a strong cue to count as a name.
    """
    return _jieba_words()[0]


def frequent_words() -> frozenset[str]:
    """Two-character words seen at least 50 times in jieba's corpus (公益, 过程, 国籍)."""
    return _jieba_words()[2]


def staple_words() -> frozenset[str]:
    """Two-character words seen at least 5,000 times (国家, 社会, 人民): never a given name, while names
    that are words (春生 87, 文华 1,074, 建国 3,083) stay below."""
    return _jieba_words()[3]


def verbish_words() -> frozenset[str]:
    """Two-character verbs, adverbs, numerals and function words (约定, 储备): never a given name."""
    return _jieba_words()[1]


def extra_data_dir() -> str | None:
    """The administrator's extra data directory (setting ``DEIDENTIFY_EXTRA_DATA_DIR``), if any."""
    from django.conf import settings

    if not settings.configured:
        return None
    value = getattr(settings, "DEIDENTIFY_EXTRA_DATA_DIR", None)
    return str(value) if value else None


def get_dictionaries() -> Dictionaries:
    """Return the merged dictionaries for the current settings (cached per extra directory)."""
    return _load(extra_data_dir())


def clear_cache() -> None:
    """Forget loaded dictionaries, e.g. after an administrator edits the extra data files."""
    _load.cache_clear()
