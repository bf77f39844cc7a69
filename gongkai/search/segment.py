"""Chinese word segmentation for the search index (分词): one tokenizer for indexing and for queries.

Segmentation is jieba's dictionary through ``rjieba`` (the jieba-rs binding): on the laws corpus it produces the
same tokens as pure-Python jieba without HMM, 15 times faster (``python -m bench.search_segmenters``). HMM is off
so that a token depends only on the dictionary, never on guesses about unknown words, and the index and the
query always agree.

The dictionary is jieba's plus the platform's own vocabulary (用户词典): organisation names, themes, 文种 and the
terms an administrator adds (``SearchTerm``). Text is indexed in search mode (a long word also yields the
dictionary words inside it, so ``中华人民共和国`` is found by ``共和国``); a query is cut in precise mode, so each
query word is one token that search mode also emitted at index time.

Tokens are width-folded, lower-cased runs of letters and digits; punctuation separates them, so ``PM2.5`` is the
two tokens ``pm2 5`` at both ends and FTS engines never split a token further.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable

import rjieba

# A run of letters/digits (any script) without the underscore: what FTS5's unicode61 tokenizer keeps whole.
_WORD = re.compile(r"[^\W_]+")
_FULL_WIDTH = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_lock = threading.Lock()
_state: dict[str, object] = {"version": None, "jieba": None}


def fold(text: str) -> str:
    """Full-width letters and digits to ASCII (what NFKC does to them), then lower case.

    Only these: NFKC over whole bodies cost a fifth of the indexing time, and every other character it changes
    (full-width punctuation, ideographic space) separates tokens either way.
    """
    return _FULL_WIDTH.sub(lambda m: chr(ord(m.group()) - 0xFEE0), text).lower()


def _build(words: Iterable[str]) -> rjieba.Jieba:
    jieba = rjieba.Jieba()
    for word in words:
        word = fold(word.strip())
        if len(word) >= 2 and not jieba.has_word(word):
            # A high frequency so that the word wins over the dictionary's own split of it.
            jieba.add_word(word, 200_000, None)
    return jieba


def load_dictionary(version: str, words: Iterable[str]) -> None:
    """Use jieba's dictionary plus ``words`` from now on, unless ``version`` is the one already loaded."""
    if _state["version"] == version and _state["jieba"] is not None:
        return
    jieba = _build(words)
    with _lock:
        _state["jieba"] = jieba
        _state["version"] = version


def loaded_version() -> str | None:
    return _state["version"]  # type: ignore[return-value]


def _jieba() -> rjieba.Jieba:
    jieba = _state["jieba"]
    if jieba is None:
        with _lock:
            if _state["jieba"] is None:
                _state["jieba"] = rjieba.Jieba()
                _state["version"] = ""
            jieba = _state["jieba"]
    return jieba  # type: ignore[return-value]


def _pieces(raw: Iterable[str]) -> list[str]:
    # Most tokens are letters or digits only (``isalnum`` is what ``\w`` means, less the underscore); only the
    # others (punctuation, ``c++``, ``a_b``) go through the regular expression. Twice as fast as one regex pass.
    return [piece for token in raw for piece in ((token,) if token.isalnum() else _WORD.findall(token))]


def index_tokens(text: str) -> list[str]:
    """Tokens of ``text`` for the index: search mode (dictionary words inside long words too)."""
    if not text:
        return []
    return _pieces(_jieba().cut_for_search(fold(text), False))


def query_tokens(text: str) -> list[str]:
    """Tokens of a query word or phrase: precise mode."""
    if not text:
        return []
    return _pieces(_jieba().cut(fold(text), False))


def phrase_tokens(text: str) -> list[list[str]] | None:
    """Per precise-mode word of ``text`` that yields tokens, the tokens search mode indexed for it, in order.

    Search mode emits, for each precise-mode word, the dictionary words inside it and then the word itself
    (``主管人员`` → ``主管 管人 人员 主管人员``), so a text's index tokens are these lists one after the other: a
    run of whole words of a text stands in the index as the concatenation of their lists, position after
    position (an FTS5 phrase). None when a word is cut differently on its own (its list would then be a guess).
    """
    if not text:
        return []
    jieba = _jieba()
    out = []
    for word in jieba.cut(fold(text), False):
        if jieba.cut(word, False) != [word]:
            return None
        tokens = _pieces(jieba.cut_for_search(word, False))
        if tokens:
            out.append(tokens)
    return out


def words(text: str) -> list[str]:
    """Precise-mode words of ``text`` as they read (for showing how a text is segmented)."""
    return [w for w in _jieba().cut(fold(text), False) if _WORD.search(w)]
