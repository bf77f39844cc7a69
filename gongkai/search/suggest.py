"""Did you mean (你是不是要找): a correction of a query that finds nothing or little, from the index's vocabulary.

The vocabulary is the words of the public items' titles (precise-mode segmentation, two characters or more,
counted once per title) plus the user dictionary (organisation names, themes, 文种, the administrator's
words). Only public titles feed it, and a correction is offered only when searching it as the same user finds
more than the query did, so a suggestion never reveals a word that only an unpublished item contains.

A typo in Chinese is usually one wrong character (an input method's homophone: 营商环竟 for 营商环境), which the
segmenter then cuts into single characters or unknown words. So the query's words are looked at in runs of
consecutive words that contain at least one word the vocabulary lacks, and each run (2–8 characters) is matched
against the vocabulary within one edit (a character replaced, missing, extra, or two swapped), through a
deletion index (each word and its one-character deletions → the word), as SymSpell does. Candidates are tried
best first: the one whose corrected query is most covered by known words, then a more frequent word.
"""

from __future__ import annotations

import math
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from gongkai.search import segment

FEW_RESULTS = 3  # a query finding fewer items than this gets a suggestion when a correction finds more
MIN_RUN = 2
MAX_RUN = 8
MAX_RUN_WORDS = 3
MAX_TRIES = 5  # corrections verified by searching, best first
RECHECK_SECONDS = 600.0


@dataclass
class Vocabulary:
    version: tuple = ()
    frequency: dict[str, int] = field(default_factory=dict)
    deletions: dict[str, set[str]] = field(default_factory=dict)

    def known(self, word: str) -> bool:
        return word in self.frequency


_lock = threading.Lock()
_state: dict[str, object] = {"vocabulary": None, "checked": 0.0}


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def build(titles: Iterable[str], extra_words: Iterable[str] = ()) -> Vocabulary:
    """The vocabulary of ``titles`` (each word counted once per title) and ``extra_words`` (counted once)."""
    frequency: Counter[str] = Counter()
    for title in titles:
        frequency.update({w for w in segment.words(title) if MIN_RUN <= len(w) <= MAX_RUN})
    for word in extra_words:
        word = segment.fold(word.strip())
        if MIN_RUN <= len(word) <= MAX_RUN and segment.words(word):
            frequency[word] += 1
    deletions: dict[str, set[str]] = {}
    for word in frequency:
        deletions.setdefault(word, set()).add(word)
        for key in _deletes(word):
            deletions.setdefault(key, set()).add(word)
    return Vocabulary(frequency=dict(frequency), deletions=deletions)


def _version() -> tuple:
    from django.db.models import Count, Max

    from gongkai.search.models import SearchEntry, SearchTerm

    entries = SearchEntry.objects.filter(public=True).aggregate(n=Count("id"), t=Max("indexed_at"))
    terms = SearchTerm.objects.aggregate(n=Count("id"), t=Max("updated_at"))
    return (entries["n"], entries["t"], terms["n"], terms["t"])


def vocabulary() -> Vocabulary:
    """The current vocabulary, rebuilt when the public index or the user dictionary changed, at most every
    ``RECHECK_SECONDS`` (a build segments every distinct public title: 0.9–2 s for the 3,471 laws under load 10; a
    vocabulary a few minutes old only misses the newest titles' words, and every suggestion is verified)."""
    current = _state["vocabulary"]
    now = time.monotonic()
    if isinstance(current, Vocabulary) and now - float(_state["checked"]) < RECHECK_SECONDS:  # type: ignore[arg-type]
        return current
    version = _version()
    if isinstance(current, Vocabulary) and current.version == version:
        _state["checked"] = now
        return current
    from gongkai.search.models import SearchEntry
    from gongkai.search.services import dictionary_words

    titles = SearchEntry.objects.filter(public=True).values_list("title", flat=True).distinct()
    built = build(titles.iterator(chunk_size=2000), dictionary_words())
    built.version = version
    with _lock:
        _state["vocabulary"] = built
        _state["checked"] = now
    return built


def reset() -> None:
    """Forget the cached vocabulary (tests)."""
    with _lock:
        _state["vocabulary"] = None
        _state["checked"] = 0.0


def distance(a: str, b: str) -> int:
    """Edit distance with adjacent swaps (optimal string alignment)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


def _neighbours(vocab: Vocabulary, run: str) -> set[str]:
    found = set(vocab.deletions.get(run, ()))
    for key in _deletes(run):
        found |= vocab.deletions.get(key, set())
    return {word for word in found if word != run and distance(run, word) == 1}


def _covered(text: str, vocab: Vocabulary) -> float:
    """The share of ``text``'s characters inside known words (search mode: 生态环境 is covered by 生态 and 环境)."""
    marks = [False] * len(text)
    for word in set(segment.index_tokens(text)):
        if not vocab.known(word):
            continue
        start = text.find(word)
        while start >= 0:
            marks[start : start + len(word)] = [True] * len(word)
            start = text.find(word, start + 1)
    return sum(marks) / max(len(text), 1)


def corrections(text: str, vocab: Vocabulary) -> list[str]:
    """Corrected spellings of ``text`` (a query without phrases or 发文字号), best first; each changes one run."""
    scored: dict[str, float] = {}
    chunks = text.split()
    for index, chunk in enumerate(chunks):
        words = segment.words(chunk)
        starts = []
        position = 0
        for word in words:
            position = chunk.find(word, position)
            if position < 0:  # not as written (cannot happen with folded text): leave the chunk alone
                break
            starts.append(position)
            position += len(word)
        words = words[: len(starts)]
        for first in range(len(words)):
            for last in range(first, min(first + MAX_RUN_WORDS, len(words))):
                run_words = words[first : last + 1]
                if all(vocab.known(w) for w in run_words):
                    continue
                begin, end = starts[first], starts[last] + len(words[last])
                run = chunk[begin:end]
                if not MIN_RUN <= len(run) <= MAX_RUN or vocab.known(run):
                    continue
                for word in _neighbours(vocab, run):
                    fixed = chunk[:begin] + word + chunk[end:]
                    query = " ".join([*chunks[:index], fixed, *chunks[index + 1 :]])
                    # The correction that leaves the most of the chunk in known words (安全生产, not 安全法厂),
                    # then a replaced character before a missing or extra one, then the more frequent word.
                    covered = _covered(fixed, vocab)
                    score = (
                        covered * 100 - 5 * abs(len(word) - len(run)) + math.log(vocab.frequency[word] + 1)
                    )
                    scored[query] = max(scored.get(query, 0.0), score)
    return sorted(scored, key=lambda q: (-scored[q], q))


def suggest(text: str, found: int, count: Callable[[str], int]) -> str:
    """The best correction of ``text`` that finds more than ``found`` items by ``count``, or ``""``.

    Up to ``MAX_TRIES`` corrections are searched when nothing was found, only the best one when a few items were
    (each try is a search)."""
    if found >= FEW_RESULTS or not text.strip():
        return ""
    tries = MAX_TRIES if found == 0 else 1
    for query in corrections(segment.fold(text), vocabulary())[:tries]:
        if count(query) > found:
            return query
    return ""
