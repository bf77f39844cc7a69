"""Query understanding (检索式解析): what a user typed → what to match.

* Quoted phrases (``"…"``, ``“…”``, ``「…」``) must appear exactly.
* A 发文字号 in any common spelling — ``国办发〔2019〕54号``, ``国办发[2019]54号``, ``国办发(2019)54号``,
  ``国办发 2019 54号``, ``国办发2019年54号``, ``国务院令第843号`` — becomes its canonical form
  (``documents.docnumber``), matched exactly against the records' numbers.
* The rest is cut into words in precise mode (``segment.query_tokens``); every word must match, a word of the
  administrator's synonym groups matches any word of its group (医保 ⇄ 医疗保障), common function words are
  dropped unless nothing else is left.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.documents.docnumber import normalise_or_keep
from gongkai.search import segment

MAX_QUERY_LENGTH = 200
FRAGMENT_EDGE_WORDS = 2  # words at each end of a copied fragment left out of its positional phrase
_QUOTES = re.compile(r"\"([^\"]+)\"|“([^”]+)”|「([^」]+)」|『([^』]+)』|'([^']+)'")
_OPEN = r"〔\[(（【［{<《"
_CLOSE = r"〕\])）】］}>》"
_YEAR_NUMBER = re.compile(
    rf"(?P<prefix>[\u4e00-\u9fa5A-Za-z]{{1,20}}?)\s*[{_OPEN}]?\s*(?P<year>(?:19|20)\d\d)\s*[{_CLOSE}]?\s*年?\s*"
    rf"第?\s*(?P<serial>[1-9]\d{{0,5}})\s*号"
)
_ORDER_NUMBER = re.compile(r"(?P<prefix>[\u4e00-\u9fa5]{1,20}令)\s*第?\s*(?P<serial>[1-9]\d{0,5})\s*号")
STOPWORDS = frozenset(
    "的 了 和 与 及 或 在 是 对 于 为 以 等 之 其 有关 关于 一 个 中 这 那 把 被 就 也 都 而 并 及其".split()
)


@dataclass
class Clause:
    """One required part of the query: any of ``alternatives`` (each a list of tokens, all required)."""

    surface: str
    alternatives: list[list[str]]


@dataclass
class ParsedQuery:
    raw: str
    clauses: list[Clause] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)  # canonical 发文字号 candidates
    # Per phrase, the words that must be whole words in any text containing it (all but its first and last).
    phrase_words: list[list[str]] = field(default_factory=list)
    # A long query of one piece (a fragment copied from a text) is also looked up as written: its inner words.
    fragment_words: list[str] = field(default_factory=list)
    # Runs of the same fragment's inner words as the index holds them, position after position (search mode's
    # sub-words in place): FTS5 phrases that any text containing the fragment matches.
    fragment_phrases: list[list[str]] = field(default_factory=list)
    highlight: list[str] = field(default_factory=list)  # surfaces to mark in snippets

    @property
    def empty(self) -> bool:
        return not (self.clauses or self.phrases or self.numbers)

    @property
    def short(self) -> bool:
        """Only single characters (e.g. ``税``): also matched as a substring of titles and numbers."""
        return bool(self.clauses) and not self.phrases and all(len(c.surface) == 1 for c in self.clauses)

    @property
    def text(self) -> str:
        """The query without spaces and quotes, folded: for 'the whole query appears in the title' features."""
        return segment.fold(re.sub(r"[\s\"“”「」『』']+", "", self.raw))


def _number_candidates(text: str) -> tuple[list[str], str]:
    """Canonical numbers found in ``text`` (for each, every plausible 机关代字 suffix) and the text left over."""
    numbers: list[str] = []
    for match in _ORDER_NUMBER.finditer(text):
        numbers.append(normalise_or_keep(f"{match['prefix']}第{match['serial']}号"))

    def canonical(match: re.Match[str]) -> str:
        prefix = match["prefix"]
        # The prefix may have swallowed words before the number (关于国办发…): try each suffix of 2+ characters.
        for start in range(len(prefix) - 1 if len(prefix) > 1 else 1):
            numbers.append(f"{prefix[start:]}〔{match['year']}〕{match['serial']}号")
        return f" {prefix}〔{match['year']}〕{match['serial']}号 "

    # Words are then taken from the canonical spelling, as texts cite it (no 年, brackets where they belong).
    text = _YEAR_NUMBER.sub(canonical, text)
    return list(dict.fromkeys(numbers)), text


def parse(raw: str, synonyms: dict[str, list[str]] | None = None) -> ParsedQuery:
    """Parse a user's query; ``synonyms`` maps a folded word to the other words of its group."""
    raw = (raw or "").strip()[:MAX_QUERY_LENGTH]
    parsed = ParsedQuery(raw=raw)
    synonyms = synonyms or {}
    rest = raw
    for match in _QUOTES.finditer(raw):
        phrase = next(g for g in match.groups() if g is not None).strip()
        if phrase:
            parsed.phrases.append(phrase)
            parsed.highlight.append(phrase)
    rest = _QUOTES.sub(" ", rest)
    parsed.numbers, rest = _number_candidates(segment.fold(rest))
    clauses: list[Clause] = []
    for chunk in rest.split():
        parsed.highlight.append(chunk)
        for word in segment.words(chunk):
            tokens = segment.query_tokens(word)
            if not tokens:
                continue
            alternatives = [tokens]
            for other in synonyms.get(word, []):
                other_tokens = segment.query_tokens(other)
                if other_tokens and other_tokens not in alternatives:
                    alternatives.append(other_tokens)
                    parsed.highlight.append(other)
            clauses.append(Clause(surface=word, alternatives=alternatives))
    chunks = rest.split()
    if len(chunks) == 1 and not parsed.phrases and not parsed.numbers:
        tokens = segment.query_tokens(chunks[0])
        inner = [t for t in tokens[1:-1] if t not in STOPWORDS]
        if len(tokens) >= 4 and inner:
            parsed.fragment_words = inner
            # Not its first two and last two words (one for a short fragment): a fragment starting or ending
            # inside a word of the text is cut differently there (民政府应当 → 民 政府 应当, where the text has
            # 人民政府 应当). Of the others, each run of two or more words that are not function words is a phrase:
            # a function word's position list is long in every text, so it is left to the NEAR of the words.
            words = segment.phrase_tokens(chunks[0]) or []
            edge = FRAGMENT_EDGE_WORDS if len(words) >= 2 * FRAGMENT_EDGE_WORDS + 2 else 1
            run: list[list[str]] = []
            for word in [*words[edge:-edge], None] if len(words) > 2 * edge else []:
                if word is not None and "".join(word[-1:]) not in STOPWORDS:
                    run.append(word)
                    continue
                if len(run) >= 2:
                    parsed.fragment_phrases.append([t for w in run for t in w])
                run = []
    kept = [c for c in clauses if c.surface not in STOPWORDS]
    parsed.clauses = kept or clauses
    # A phrase is matched as a substring. Its inner words narrow the candidates; its first and last are left out:
    # cut on its own, a phrase that starts or ends inside a word yields tokens the indexed text never had.
    for phrase in parsed.phrases:
        tokens = segment.query_tokens(phrase)
        inner = [t for t in tokens[1:-1] if t not in STOPWORDS] if len(tokens) >= 3 else []
        if inner:
            parsed.phrase_words.append(inner)
    parsed.highlight = [h for h in dict.fromkeys(parsed.highlight) if h.strip()]
    return parsed
