"""The hot-topic detector on generated data: it finds a planted surge and stays quiet on steady traffic."""

from __future__ import annotations

import datetime as dt
import math
import random

import pytest
from django.test import TestCase

from gongkai.hotline import hotspots
from gongkai.hotline.models import HotspotAlert, Ticket
from gongkai.hotline.tests.conftest import SHANGHAI

AT = dt.datetime(2026, 12, 1, 9, 0, tzinfo=SHANGHAI)
AREAS = ["和平区", "沈河区", "皇姑区", "铁西区", "浑南区"]
VOCAB = {
    1: ["路灯", "不亮", "照明", "灯杆", "黑暗"],
    2: ["噪音", "施工", "夜间", "扰民", "工地"],
    3: ["供暖", "温度", "暖气", "不热", "室温"],
    4: ["垃圾", "清运", "堆放", "异味", "小区"],
}


def _poisson(rng: random.Random, lam: float) -> int:
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _steady(seed: int, *, rate: float = 2.0, days: int = 15) -> list[hotspots.Row]:
    """Every category in every area at ``rate`` tickets a day (Poisson), for ``days`` days before AT."""
    rng = random.Random(seed)
    rows, pk = [], 0
    for day in range(days):
        for category, words in VOCAB.items():
            for area in AREAS:
                for _ in range(_poisson(rng, rate)):
                    pk += 1
                    at = AT - dt.timedelta(days=day) - dt.timedelta(seconds=rng.randrange(1, 86400))
                    rows.append(hotspots.Row(pk, at, category, area, frozenset(rng.sample(words, 3))))
    return rows


def _surge(rows: list[hotspots.Row], *, n: int = 15, category: int = 1, area: str = "和平区") -> set[int]:
    rng = random.Random(99)
    start = max(r.id for r in rows) + 1
    for pk in range(start, start + n):
        at = AT - dt.timedelta(seconds=rng.randrange(1, 86400))
        rows.append(hotspots.Row(pk, at, category, area, frozenset(VOCAB[category][:3])))
    return set(range(start, start + n))


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_steady_traffic_raises_no_alert(seed):
    assert hotspots.clusters_find(_steady(seed), at=AT) == []


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_planted_surge_is_found_and_reported_once(seed):
    rows = _steady(seed)
    planted = _surge(rows)
    [top] = hotspots.clusters_find(rows, at=AT)
    assert (top.category_id, top.area) == (1, "和平区")
    assert planted <= set(top.ticket_ids)


def test_surge_across_areas_is_found_by_its_words():
    rows = _steady(7)
    rng = random.Random(5)
    start = max(r.id for r in rows) + 1
    for i, pk in enumerate(range(start, start + 25)):
        at = AT - dt.timedelta(seconds=rng.randrange(1, 86400))
        rows.append(hotspots.Row(pk, at, 1 + i % 4, AREAS[i % 5], frozenset({"停水", "自来水"})))
    clusters = hotspots.clusters_find(rows, at=AT)
    assert [c.keyword for c in clusters] in (["停水"], ["自来水"])
    assert clusters[0].count == 25


def test_small_cluster_below_the_minimum_count_is_ignored():
    rows = [hotspots.Row(i, AT - dt.timedelta(hours=1), 1, "和平区", frozenset()) for i in range(4)]
    assert hotspots.clusters_find(rows, at=AT) == []


def test_area_falls_back_to_the_map_grid():
    assert hotspots.area_key("南京北街100号", 41.7964, 123.4012) == "41.80,123.40"
    assert hotspots.area_key("沈阳市和平区南京北街", None, None) == "和平区"


# --- the stored alert ----------------------------------------------------------------------------------


def _bulk(centre, category, *, n: int, start: dt.datetime, spread: dt.timedelta, text: str) -> list[Ticket]:
    step = spread / max(n, 1)
    base = Ticket.objects.count()
    tickets = [
        Ticket(
            number=f"T{base + i:09d}",
            channel="web",
            category=category,
            description=text,
            address="沈阳市和平区南京北街",
            centre=centre,
            received_at=start + step * i,
        )
        for i in range(n)
    ]
    return Ticket.objects.bulk_create(tickets)


@pytest.mark.django_db
def test_detection_stores_the_alert_and_mails_the_supervisor(
    centre, category, supervisor_in_city, mailoutbox
):
    supervisor_in_city.email = "boss@example.com"
    supervisor_in_city.save()
    _bulk(
        centre,
        category,
        n=14,
        start=AT - dt.timedelta(days=15),
        spread=dt.timedelta(days=14),
        text="路灯不亮",
    )
    surge = _bulk(
        centre,
        category,
        n=12,
        start=AT - dt.timedelta(hours=20),
        spread=dt.timedelta(hours=19),
        text="路灯不亮",
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        alerts = hotspots.hotspots_detect(at=AT)
    alert = alerts[0]
    assert (alert.area, alert.count) == ("和平区", 12)
    assert set(alert.tickets.values_list("pk", flat=True)) == {t.pk for t in surge}
    assert [m.to for m in mailoutbox] == [["boss@example.com"]]
    assert surge[0].number in mailoutbox[0].body


@pytest.mark.django_db
def test_the_same_surge_is_not_alerted_twice(centre, category):
    _bulk(
        centre,
        category,
        n=12,
        start=AT - dt.timedelta(hours=20),
        spread=dt.timedelta(hours=19),
        text="路灯不亮",
    )
    hotspots.hotspots_detect(at=AT)
    again = hotspots.hotspots_detect(at=AT + dt.timedelta(hours=1))
    assert again == []
    assert HotspotAlert.objects.count() == 1


@pytest.mark.django_db
def test_command_dry_run_stores_nothing(centre, category):
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    now = timezone.now()
    _bulk(
        centre,
        category,
        n=12,
        start=now - dt.timedelta(hours=20),
        spread=dt.timedelta(hours=19),
        text="路灯不亮",
    )
    out = StringIO()
    call_command("detect_hotspots", "--dry-run", stdout=out)
    assert "1 rising clusters" in out.getvalue()
    assert HotspotAlert.objects.count() == 0
