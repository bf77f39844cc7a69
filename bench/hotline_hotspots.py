"""Hot-topic detector figures: keyword extraction rate, detection time over a city's fortnight of tickets, and the
false-alarm and detection rates over many seeds (in memory, no database).

Run: ``python -m bench.hotline_hotspots`` (needs Django settings for the jieba wrapper's import path only).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")

import django

django.setup()

from gongkai.hotline import hotspots  # noqa: E402
from gongkai.hotline.knowledge import keywords_of  # noqa: E402

AT = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
AREAS = [
    "和平区",
    "沈河区",
    "皇姑区",
    "大东区",
    "铁西区",
    "浑南区",
    "于洪区",
    "沈北新区",
    "苏家屯区",
    "辽中区",
]
TEXTS = [
    "{area}{street}路灯不亮已经三天了，晚上出行很不安全",
    "{area}{street}工地夜间施工噪音扰民，影响休息",
    "{area}{street}小区暖气不热，室温只有十五度",
    "{area}{street}垃圾长时间未清运，堆放有异味",
    "{area}{street}路面塌陷出现大坑，车辆通行困难",
    "{area}{street}占道经营严重，行人无法通行",
    "{area}{street}公交车站台损坏，雨天无处避雨",
    "{area}{street}小区停车位被长期占用",
]
STREETS = ["南京北街", "中山路", "北陵大街", "黄河南大街", "青年大街", "北二马路", "沈辽路", "浑河大街"]


def poisson(rng: random.Random, lam: float) -> int:
    import math

    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def generate(seed: int, *, rate: float, surge: int = 0) -> list[hotspots.Row]:
    rng = random.Random(seed)
    rows, pk = [], 0
    cache: dict[str, frozenset[str]] = {}
    for day in range(15):
        for category, template in enumerate(TEXTS):
            for area in AREAS:
                for _ in range(poisson(rng, rate)):
                    pk += 1
                    text = template.format(area=area, street=rng.choice(STREETS))
                    words = cache.setdefault(text, frozenset(keywords_of(text)))
                    at = AT - dt.timedelta(days=day, seconds=rng.randrange(1, 86400))
                    rows.append(hotspots.Row(pk, at, category, area, words))
    for _ in range(surge):
        pk += 1
        text = TEXTS[0].format(area="和平区", street="南京北街")
        rows.append(
            hotspots.Row(
                pk,
                AT - dt.timedelta(seconds=rng.randrange(1, 86400)),
                0,
                "和平区",
                frozenset(keywords_of(text)),
            )
        )
    return rows


def main() -> None:
    texts = [t.format(area=a, street=s) for t in TEXTS for a in AREAS for s in STREETS] * 5
    start = time.perf_counter()
    for text in texts:
        keywords_of(text)
    elapsed = time.perf_counter() - start
    print(f"keywords_of: n={len(texts)} texts, {len(texts) / elapsed:,.0f} texts/s")

    rows = generate(1, rate=8.0)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        hotspots.clusters_find(rows, at=AT)
        times.append(time.perf_counter() - start)
    print(
        f"clusters_find: n={len(rows)} tickets over 15 days, median {statistics.median(times) * 1000:.0f} ms"
    )

    seeds = range(1, 101)
    false_alarms = sum(1 for s in seeds if hotspots.clusters_find(generate(s, rate=2.0), at=AT))
    print(
        f"steady traffic (2/day per category×area, 80 clusters): false alarms in {false_alarms}/{len(seeds)} seeds"
    )
    for surge in (6, 10, 15):
        found = 0
        for s in seeds:
            clusters = hotspots.clusters_find(generate(s, rate=2.0, surge=surge), at=AT)
            found += any(c.category_id == 0 and c.area == "和平区" for c in clusters)
        print(f"planted surge of +{surge} in one cluster: found in {found}/{len(seeds)} seeds")


if __name__ == "__main__":
    main()
