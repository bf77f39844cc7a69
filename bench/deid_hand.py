"""Hand-written de-identification documents for the bench (``bench/deid_hand/*.txt``).

The documents were written by hand in the forms city and district bodies publish (行政处罚决定书, 送达公告,
欠薪处理决定, 公租房/低保/救助公示, 信访意见书, 依申请公开答复书, 纪律处分通报, 征收补偿, 不动产公告, 仲裁裁决书,
交通事故认定书, 12345 工单, 村务公开, 拍卖/招标结果, 外国人事项, 法院公告, 任免通知, 调研新闻, 新闻发布 …),
not generated from templates. Identity-card and bank-card numbers were filled in once with valid check
digits (the ``Gen`` helpers of ``bench/deid_corpus.py``: 18-digit 身份证 checksum, Luhn); everything else,
including names, phones, plates, passports and addresses, was typed.

File format: documents separated by a line ``=== <form name>``; labelled spans are written inline as
``{{kind|text}}`` where ``kind`` is a personal type (``person_name``, ``id_card`` …) or ``keep:<what>``
for a must-keep public item. Masked forms already present in a text (王某某, ****3117) are not labelled.

Two halves: ``hand`` (``tune.txt``, may be read and tuned on) and ``hand_heldout`` (``heldout.txt``: other
documents and other names, some forms that tune lacks; run it without ``--misses``).
"""

from __future__ import annotations

import re
from pathlib import Path

from bench.deid_corpus import Doc, Item

HAND_DIR = Path(__file__).resolve().parent / "deid_hand"
HAND_PARTS = {
    "hand": "tune.txt",
    "hand_heldout": "heldout.txt",
    "hand2": "tune2.txt",
    "hand2_heldout": "heldout2.txt",
    "hand3": "tune3.txt",
    "hand3_heldout": "heldout3.txt",
    "hand4": "tune4.txt",
    "hand4_heldout": "heldout4.txt",
    "hand5": "tune5.txt",
    "hand5_heldout": "heldout5.txt",
    "hand6": "tune6.txt",
    "hand6_heldout": "heldout6.txt",
    "hand7": "tune7.txt",
    "hand7_heldout": "heldout7.txt",
    "hand8": "tune8.txt",
    "hand8_heldout": "heldout8.txt",
    "hand9": "tune9.txt",
    "hand9_heldout": "heldout9.txt",
}
PERSONAL = {"person_name", "id_card", "phone", "bank_card", "email", "address", "license_plate", "passport"}

_SEPARATOR = re.compile(r"^=== (.+)$", re.M)
_MARK = re.compile(r"\{\{([a-z_]+(?::[a-z_]+)?)\|([^{}|]+)\}\}")


def parse_document(template: str, marked: str) -> Doc:
    """One document's marked-up text to a ``Doc`` whose items carry offsets into the plain text."""
    parts: list[str] = []
    items: list[Item] = []
    length = 0
    last = 0
    for match in _MARK.finditer(marked):
        kind, text = match.group(1), match.group(2)
        if kind not in PERSONAL and not kind.startswith("keep:"):
            raise ValueError(f"unknown kind {kind!r} in {template}")
        plain = marked[last : match.start()]
        parts.append(plain)
        length += len(plain)
        items.append(Item(kind, length, length + len(text), text))
        parts.append(text)
        length += len(text)
        last = match.end()
    parts.append(marked[last:])
    text = "".join(parts)
    if "{{" in text or "}}" in text:
        raise ValueError(f"unbalanced markup in {template}: {text[:60]!r}")
    return Doc(template, text, items)


def parse(source: str) -> list[Doc]:
    """All documents of one file, in order."""
    heads = list(_SEPARATOR.finditer(source))
    docs = []
    for i, head in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(source)
        body = source[head.end() : end].strip("\n")
        docs.append(parse_document(head.group(1).strip(), body))
    return docs


def generate_hand_part(part: str, n: int) -> list[Doc]:
    """The first ``n`` documents of a hand-written part (all of them when ``n`` exceeds the file)."""
    source = (HAND_DIR / HAND_PARTS[part]).read_text(encoding="utf-8")
    return parse(source)[:n]


def _self_check() -> None:
    from gongkai.core import identifiers

    doc = parse_document("t", "当事人：{{person_name|王磊}}，电话{{phone|13800000000}}。{{keep:org|某局}}")
    assert doc.text == "当事人：王磊，电话13800000000。某局"
    assert [(i.kind, doc.text[i.start : i.end]) for i in doc.items] == [
        ("person_name", "王磊"),
        ("phone", "13800000000"),
        ("keep:org", "某局"),
    ]
    present = [part for part, name in HAND_PARTS.items() if (HAND_DIR / name).exists()]
    for part in present:
        docs = generate_hand_part(part, 10**6)
        forms = {d.template for d in docs}
        for d in docs:
            assert 200 <= len(d.text) <= 1200, (part, d.template, len(d.text))
            for item in d.items:
                assert d.text[item.start : item.end] == item.text
                if item.kind == "id_card":
                    assert identifiers.is_valid_id_card(item.text), item.text
                if item.kind == "bank_card":
                    assert identifiers.luhn_valid(item.text), item.text
        personal = sum(i.personal for d in docs for i in d.items)
        keep = sum(not i.personal for d in docs for i in d.items)
        print(
            f"{part}: {len(docs)} documents, {len(forms)} forms, {personal} personal items, {keep} must-keep"
        )
    names = {
        part: {i.text for d in generate_hand_part(part, 10**6) for i in d.items if i.kind == "person_name"}
        for part in present
    }
    for tune_part in (p for p in present if not p.endswith("_heldout") and f"{p}_heldout" in present):
        held_part = f"{tune_part}_heldout"
        tune = {d.template for d in generate_hand_part(tune_part, 10**6)}
        held = {d.template for d in generate_hand_part(held_part, 10**6)}
        print(f"forms only in {held_part}: " + "、".join(sorted(held - tune)))
        assert not names[tune_part] & names[held_part], names[tune_part] & names[held_part]


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    django.setup()
    _self_check()
    print("ok")
