"""Segmenter speed on the laws corpus: ``python -m bench.search_segmenters [N_DOCS]``.

Compares pure-Python jieba, rjieba (jieba-rs) and, when importable, jieba_fast_dat, in precise and search mode,
without HMM (Gongkai segments without HMM so that tokens depend only on the dictionary). Prints characters per
second and how many documents produce token lists identical to pure-Python jieba's.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "lawrefbook_laws.jsonl"


def load(n: int) -> list[str]:
    texts = []
    with CORPUS.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= n:
                break
            row = json.loads(line)
            texts.append(row["title"] + "\n" + row["body"])
    return texts


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    texts = load(n)
    chars = sum(map(len, texts))
    engines = {}
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    engines["jieba"] = (lambda t: jieba.lcut(t, HMM=False), lambda t: jieba.lcut_for_search(t, HMM=False))
    import rjieba

    rj = rjieba.Jieba()
    engines["rjieba"] = (lambda t: rj.cut(t, False), lambda t: rj.cut_for_search(t, False))
    try:
        import jieba_fast_dat as jfd

        jfd.setLogLevel(60)
        jfd.initialize()
        engines["jieba_fast_dat"] = (
            lambda t: jfd.lcut(t, HMM=False),
            lambda t: jfd.lcut_for_search(t, HMM=False),
        )
    except ImportError:
        pass
    reference: dict[str, list] = {}
    print(f"{n} documents, {chars:,} characters (shared 2-core machine: timings are noisy)")
    print(f"{'engine':<16}{'mode':<8}{'Mchar/s':>9}{'s/20M':>8}{'same as jieba':>15}")
    for name, (precise, search) in engines.items():
        for mode, fn in (("precise", precise), ("search", search)):
            start = time.perf_counter()
            out = [fn(t) for t in texts]
            took = time.perf_counter() - start
            if name == "jieba":
                reference[mode] = out
            same = sum(a == b for a, b in zip(out, reference[mode], strict=True))
            rate = chars / took / 1e6
            print(f"{name:<16}{mode:<8}{rate:>9.2f}{20 / rate:>8.1f}{same:>10}/{n}")


if __name__ == "__main__":
    main()
