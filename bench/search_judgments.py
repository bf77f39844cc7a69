"""Build the search bench's query set and relevance judgments from the laws corpus: ``python -m bench.search_judgments``.

Writes ``bench/search_queries.jsonl``, one query a line: ``{"kind", "q", "relevant": {external_id: grade}}``.
Kinds and the written rule that judges each (fixed seed; the file is kept in the repository so that every run
and every engine is scored against the same judgments):

* ``title`` — a title as people half-remember it (without 中华人民共和国, the 条例/办法 ending and any
  bracketed part): grade 2 for the records with exactly that title, 1 for other titles containing
  the words.
* ``number`` — a 发文字号 of the corpus in one of five spellings (brackets, spaces, 年, long order prefix):
  grade 2 for the records carrying that number.
* ``topic`` — everyday topic phrases written by hand (``TOPICS``): grade 2 for records whose title contains one
  of the listed key strings, 1 for records whose body contains one of them at least three times.
* ``body`` — a 10–16 character fragment of a body, as copied from a news story: grade 2 for the records whose
  body contains it verbatim.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from bench.search_corpus import load_corpus

OUT = Path(__file__).resolve().parent / "search_queries.jsonl"
SEED = 11
PER_KIND = 40

# (query as a citizen types it, key strings a relevant title contains)
TOPICS = [
    ("网约车管理", ["网络预约出租汽车", "网约车"]),
    ("食品安全", ["食品安全"]),
    ("物业管理", ["物业管理"]),
    ("垃圾分类", ["生活垃圾"]),
    ("养老服务", ["养老服务"]),
    ("个人信息保护", ["个人信息保护"]),
    ("电动自行车", ["电动自行车"]),
    ("历史文化街区保护", ["历史文化"]),
    ("大气污染防治", ["大气污染"]),
    ("水污染防治", ["水污染"]),
    ("安全生产", ["安全生产"]),
    ("消防安全", ["消防"]),
    ("道路交通安全", ["道路交通安全"]),
    ("未成年人保护", ["未成年人保护"]),
    ("优化营商环境", ["营商环境"]),
    ("政府信息公开", ["政府信息公开"]),
    ("知识产权保护", ["知识产权", "专利", "商标"]),
    ("医疗纠纷", ["医疗纠纷", "医疗事故"]),
    ("农村土地承包", ["土地承包"]),
    ("房屋征收补偿", ["房屋征收", "征收与补偿"]),
    ("劳动合同", ["劳动合同"]),
    ("社会保险", ["社会保险", "工伤保险", "失业保险"]),
    ("野生动物保护", ["野生动物"]),
    ("文物保护", ["文物保护"]),
    ("反家庭暴力", ["家庭暴力"]),
    ("志愿服务", ["志愿服务"]),
    ("慈善捐赠", ["慈善", "公益事业捐赠"]),
    ("城市绿化", ["绿化"]),
    ("禁毒", ["禁毒", "毒品"]),
    ("法律援助", ["法律援助"]),
    ("无障碍环境建设", ["无障碍"]),
    ("旅游管理", ["旅游"]),
    ("统计管理", ["统计"]),
    ("档案管理", ["档案"]),
    ("审计监督", ["审计"]),
    ("公共文化服务", ["公共文化"]),
    ("家政服务", ["家政"]),
    ("民办教育", ["民办教育"]),
    ("学前教育", ["学前教育"]),
    ("中医药", ["中医药"]),
]
_SUFFIX = re.compile(r"(实施办法|实施细则|暂行条例|暂行规定|暂行办法|条例|办法|规定|细则|决定|若干规定)$")
_PREFIX = re.compile(r"^中华人民共和国")


def _title_query(title: str) -> str | None:
    core = re.sub(r"（[^）]*）", "", title)
    core = _SUFFIX.sub("", _PREFIX.sub("", core))
    core = core.removeprefix("关于")
    return core if 4 <= len(core) <= 16 else None


def _number_variants(number: str) -> list[str]:
    year = re.match(r"^(.+?)〔(\d{4})〕(\d+)号$", number)
    if year:
        p, y, n = year.groups()
        return [f"{p}[{y}]{n}号", f"{p}({y}){n}号", f"{p} {y} {n}号", f"{p}{y}年{n}号", f"{p}（{y}）{n}号"]
    order = re.match(r"^(.+令)第(\d+)号$", number)
    if order:
        p, n = order.groups()
        long = "国务院令" if p == "国令" else p
        return [f"{long}第{n}号", f"{p}第{n}号", f"{long} 第{n}号", f"{long}第 {n} 号"]
    return []


def main() -> None:
    rng = random.Random(SEED)
    rows = load_corpus()
    lines: list[dict] = []
    # Titles.
    candidates = [r for r in rows if _title_query(r["title"])]
    for row in rng.sample(candidates, PER_KIND):
        q = _title_query(row["title"])
        relevant = {r["id"]: 2 for r in rows if r["title"] == row["title"]}
        for r in rows:
            if r["id"] not in relevant and q in r["title"]:
                relevant[r["id"]] = 1
        lines.append({"kind": "title", "q": q, "relevant": relevant})
    # 发文字号 variants.
    numbered = [r for r in rows if r.get("doc_number") and _number_variants(r["doc_number"])]
    year_form = [r for r in numbered if "〔" in r["doc_number"]]
    order_form = [r for r in numbered if "〔" not in r["doc_number"]]
    picked = rng.sample(year_form, min(len(year_form), PER_KIND // 2))
    picked += rng.sample(order_form, PER_KIND - len(picked))
    for row in picked:
        q = rng.choice(_number_variants(row["doc_number"]))
        relevant = {r["id"]: 2 for r in rows if r.get("doc_number") == row["doc_number"]}
        lines.append({"kind": "number", "q": q, "relevant": relevant})
    # Topics.
    for q, keys in TOPICS:
        relevant = {r["id"]: 2 for r in rows if any(k in r["title"] for k in keys)}
        for r in rows:
            if r["id"] not in relevant and sum(r["body"].count(k) for k in keys) >= 3:
                relevant[r["id"]] = 1
        if relevant:
            lines.append({"kind": "topic", "q": q, "relevant": relevant})
    # Body fragments.
    sentence = re.compile(r"[\u4e00-\u9fa5，、]{10,16}")
    long_rows = [r for r in rows if len(r["body"]) > 2000]
    while sum(1 for line in lines if line["kind"] == "body") < PER_KIND:
        row = rng.choice(long_rows)
        start = rng.randrange(500, len(row["body"]) - 200)
        match = sentence.search(row["body"], start)
        if not match:
            continue
        q = match.group().strip("，、")
        relevant = {r["id"]: 2 for r in rows if q in r["body"]}
        if len(relevant) > 20:  # boilerplate, not a phrase anyone would look up
            continue
        lines.append({"kind": "body", "q": q, "relevant": relevant})
    with OUT.open("w", encoding="utf-8") as fh:
        for line in lines:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    counts = {k: sum(1 for line in lines if line["kind"] == k) for k in ("title", "number", "topic", "body")}
    print(f"wrote {OUT.name}: {counts}")


if __name__ == "__main__":
    main()
