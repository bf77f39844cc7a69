"""A statistical second signal for names: surname and given-name character likelihoods (issue 9).

The rules in ``names/`` need a cue word. This model scores a candidate by how much more likely its
characters are in a name than in ordinary text: ``log P(surname)/P(char in text)`` for the surname plus
the same ratio for each given-name character. Name statistics are shipped data (``surname_freq.txt``:
national surname shares; ``given_name_freq.txt``: given-name character shares); the text distribution
is the character frequency of jieba's dictionary (shipped inside the jieba wheel). Names without a
surname — Tibetan, Mongolian, Uyghur and Kazakh given names — are recognised from their syllables
(``minority_names.txt``) and transliterated names joined by a middle dot from the transliteration
characters (``transliteration_chars.txt``). Nothing is downloaded; the model loads in well under a second.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from importlib import resources

from gongkai.review.deidentify.dictionaries import DATA_DIR, _read_words

# A Dai (傣族) name opens with one of these (岩 a man, 玉 a woman; 喃 and 召 in Dehong).
# Endings of Amdo Tibetan names in Qinghai and Gansu (拉毛措, 才旦草, 多杰太, 更登加; eleventh session).
AMDO_ENDINGS = frozenset("措草加太吉杰卓本")
DAI_PREFIXES = frozenset("岩玉喃召")
_FILES = ("surname_freq.txt", "given_name_freq.txt", "minority_names.txt", "transliteration_chars.txt")
_SURNAME_FLOOR = 0.00005
_GIVEN_FLOOR = 0.00005
_TEXT_FLOOR = 1e-7
# Middle dots of transliterated names as written (·・•) and after normalisation (． becomes .).
DOTS = "·・•.‧"


@dataclass(frozen=True, eq=False)
class NameModel:
    """Log-likelihood ratios of name characters against ordinary text, and the minority syllables."""

    surname_llr: dict[str, float]
    given_llr: dict[str, float]
    unknown_given: float
    syllables: frozenset[str]
    syllable_lengths: tuple[int, ...]
    translit: frozenset[str]
    first_chars: frozenset[str]  # characters a minority or transliterated name may start with
    text_freq: dict[str, float]  # a character's share of ordinary text (jieba's dictionary)
    syllable_chars: frozenset[str] = frozenset()  # characters of the minority syllables (其 of 其木格)
    dai_tails: frozenset[str] = frozenset()  # syllables after 岩/玉 in Dai names (温 of 岩温)

    def rare_char(self, ch: str) -> bool:
        """A character rare in ordinary text (眭, 郄, 禤): a surname missing from the lists may be one."""
        return self.text_freq.get(ch, 0.0) < 1e-4

    def score(self, cand: str, surname_len: int) -> float:
        """How much more likely ``cand`` is a name than ordinary text (natural log)."""
        total = self.surname_llr.get(cand[:surname_len], 0.0) if surname_len == 1 else 6.0
        for ch in cand[surname_len:]:
            total += self.given_llr.get(ch, self.unknown_given)
        return total

    def syllable_count(self, cand: str) -> int:
        """The number of syllables when ``cand`` splits wholly into minority syllables, else 0."""
        n = len(cand)
        best = [0] + [-1] * n
        for i in range(n):
            if best[i] < 0:
                continue
            for length in self.syllable_lengths:
                if i + length <= n and cand[i : i + length] in self.syllables:
                    if best[i + length] < 0 or best[i + length] > best[i] + 1:
                        best[i + length] = best[i] + 1
        if best[n] < 0 and n == 3 and cand[0] in DAI_PREFIXES and cand[1] in self.dai_tails:
            # 岩罕应, 玉应温: a Dai prefix and two syllables (the listed syllables are prefix + one).
            return 2 if cand[2] in self.dai_tails else 0
        return max(best[n], 0)

    def is_minority(self, cand: str) -> bool:
        """Two or more syllables (德吉央宗), or one of three or more characters (巴特尔), or Amdo Tibetan
        syllables and a one-character ending (拉毛措, 多杰太, 才旦草)."""
        count = self.syllable_count(cand)
        if count >= 2 or (count == 1 and len(cand) >= 3):
            return True
        return len(cand) >= 3 and cand[-1] in AMDO_ENDINGS and self.syllable_count(cand[:-1]) >= 1

    def translit_share(self, part: str) -> float:
        return sum(ch in self.translit for ch in part) / len(part) if part else 0.0


def _text_frequencies() -> dict[str, float]:
    try:
        text = (resources.files("jieba") / "dict.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return {}
    counts: dict[str, float] = {}
    for line in text.splitlines():
        parts = line.split(" ")
        if len(parts) != 3 or parts[2].startswith("nr"):
            continue
        freq = int(parts[1])
        for ch in parts[0]:
            counts[ch] = counts.get(ch, 0) + freq
    total = sum(counts.values()) or 1
    return {ch: c / total for ch, c in counts.items()}


def _weighted(path) -> dict[str, float]:
    weights: dict[str, float] = {}
    weight = 1.0
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line.startswith("@"):
            weight = float(line[1:])
            continue
        tokens = line.split()
        if len(tokens) >= 2 and re.fullmatch(r"[\d.]+", tokens[1]):
            for word, value in zip(tokens[::2], tokens[1::2], strict=False):
                weights[word] = max(weights.get(word, 0.0), float(value))
        else:
            for word in tokens:
                weights[word] = max(weights.get(word, 0.0), weight)
    return weights


@functools.lru_cache(maxsize=1)
def load_name_model() -> NameModel:
    """Build the model from the shipped data files (cached for the process)."""
    text = _text_frequencies()
    surnames = {k: v / 100 for k, v in _weighted(DATA_DIR / "surname_freq.txt").items()}
    for word in _read_words(DATA_DIR / "surnames.txt"):
        surnames.setdefault(word, _SURNAME_FLOOR)
    given_raw = _weighted(DATA_DIR / "given_name_freq.txt")
    total = sum(given_raw.values()) or 1.0
    given = {k: v / total for k, v in given_raw.items()}

    def llr(p: float, ch: str) -> float:
        return math.log(p / max(text.get(ch, 0.0), _TEXT_FLOOR))

    syllables = frozenset(w for w in _read_words(DATA_DIR / "minority_names.txt") if len(w) >= 2)
    translit = frozenset(w for w in _read_words(DATA_DIR / "transliteration_chars.txt") if len(w) == 1)
    given_llr = {ch: llr(p, ch) for ch, p in given.items()}
    # Characters that are not listed: rare in names, scored against their frequency in text.
    chars = set(text) - set(given_llr)
    # Capped: a rare character (醛, 樟) is rare in names too, it is no evidence of a name.
    given_llr.update({ch: min(1.0, llr(_GIVEN_FLOOR, ch)) for ch in chars})
    return NameModel(
        surname_llr={s: llr(p, s) for s, p in surnames.items()},
        given_llr=given_llr,
        unknown_given=0.0,  # a character jieba never saw (醛, 珏) says nothing either way
        syllables=syllables,
        syllable_lengths=tuple(sorted({len(s) for s in syllables}, reverse=True)),
        translit=translit,
        first_chars=frozenset({s[0] for s in syllables} | translit),
        text_freq=text,
        syllable_chars=frozenset("".join(syllables)),
        dai_tails=frozenset(w[1] for w in syllables if len(w) == 2 and w[0] in DAI_PREFIXES),
    )


def name_model_size() -> int:
    """Bytes of shipped data behind the model (jieba's dictionary is counted with jieba)."""
    return sum((DATA_DIR / name).stat().st_size for name in _FILES)
