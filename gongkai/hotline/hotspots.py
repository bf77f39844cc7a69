"""Hot-topic alerts (热点预警, issue 14): clusters of similar tickets rising above their usual level.

A cluster is either the tickets of one category in one area (the 区/县 the address names, else a 0.01° grid cell
of the map point), or the tickets, of any category, whose text shares a jieba keyword. Its count over the last
``window`` is compared with the counts of the ``baseline`` windows before it. With ``μ`` their mean and ``s²``
their variance, the expected level is taken at the upper edge of what the baseline allows,
``λ = max(μ + 2·√(max(μ, 1)/n), 1)`` (a short baseline can read low by chance), and a cluster alerts when
(1) the Poisson chance of seeing at least ``count`` at level ``λ`` is below ``P_MAX``, (2) the z-score
``(count − μ) / √max(μ, s², 1)``, which widens when the baseline itself swings, is at least ``Z_MIN``, and (3) the
count is at least ``COUNT_MIN``. A cluster already alerted within the last window is not alerted again. A keyword cluster alerts only if it still
rises without the tickets of the clusters already found, so one surge is reported once.

The job (``hotline.tasks.detect_hotspots``, hourly) stores each alert with its tickets, shows it on the
supervisor's dashboard and mails the supervisors after commit.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from gongkai.hotline.dispatch import area_of
from gongkai.hotline.knowledge import keywords_of
from gongkai.hotline.models import HotspotAlert, Ticket
from gongkai.orgs.models import Membership, Role
from gongkai.orgs.scope import Perm, can

logger = logging.getLogger(__name__)

WINDOW = dt.timedelta(hours=24)
BASELINE_WINDOWS = 14
Z_MIN = 3.0
P_MAX = 1e-4
COUNT_MIN = 5


@dataclass(frozen=True)
class Row:
    """What the detector needs of a ticket."""

    id: int
    received_at: dt.datetime
    category_id: int
    area: str
    keywords: frozenset[str]


@dataclass(frozen=True)
class Cluster:
    category_id: int | None
    area: str
    keyword: str
    ticket_ids: tuple[int, ...]
    count: int
    baseline: float
    score: float


def area_key(address: str, lat: Any, lon: Any) -> str:
    """The area a ticket counts in: its district, else its 0.01° grid cell, else ""."""
    district = area_of(address)
    if district:
        return district
    if lat is not None and lon is not None:
        return f"{float(lat):.2f},{float(lon):.2f}"
    return ""


def poisson_tail(count: int, lam: float) -> float:
    """P(X ≥ count) for X ~ Poisson(lam), summed in log space so large counts do not overflow."""
    if count <= 0:
        return 1.0
    term = math.exp(-lam)  # P(X = 0)
    below = term
    for k in range(1, count):
        term *= lam / k
        below += term
    return max(0.0, 1.0 - below)


def _score(count: int, history: list[int]) -> tuple[float, float, float]:
    """(baseline mean, z-score, Poisson tail at the upper expected level); see the module docstring."""
    n = len(history)
    mean = sum(history) / n
    variance = sum((h - mean) ** 2 for h in history) / n
    z = (count - mean) / math.sqrt(max(mean, variance, 1.0))
    lam = max(mean + 2 * math.sqrt(max(mean, 1.0) / n), 1.0)
    return mean, z, poisson_tail(count, lam)


def clusters_find(
    rows: Iterable[Row],
    *,
    at: dt.datetime,
    window: dt.timedelta = WINDOW,
    baseline: int = BASELINE_WINDOWS,
    z_min: float = Z_MIN,
    p_max: float = P_MAX,
    count_min: int = COUNT_MIN,
) -> list[Cluster]:
    """The clusters rising in the window ending at ``at`` (module docstring); rows outside
    ``[at − (baseline + 1)·window, at)`` are ignored. Strongest first."""
    start = at - window * (baseline + 1)
    by_place: dict[tuple[int, str], list[list[int]]] = defaultdict(lambda: [[] for _ in range(baseline + 1)])
    by_word: dict[str, list[list[int]]] = defaultdict(lambda: [[] for _ in range(baseline + 1)])
    for row in rows:
        if not start <= row.received_at < at:
            continue
        slot = min(int((at - row.received_at) / window), baseline)  # 0 = the current window
        if row.area:
            by_place[(row.category_id, row.area)][slot].append(row.id)
        for word in row.keywords:
            by_word[word][slot].append(row.id)
    found: list[Cluster] = []
    for (category_id, area), slots in by_place.items():
        count = len(slots[0])
        if count < count_min:
            continue
        mean, score, tail = _score(count, [len(s) for s in slots[1:]])
        if score >= z_min and tail < p_max:
            found.append(
                Cluster(
                    category_id, area, "", tuple(sorted(slots[0])), count, round(mean, 2), round(score, 2)
                )
            )
    # A keyword rises with every surge whose tickets use it: it alerts only if it still rises without the
    # tickets of the clusters already found (the strongest keyword first, so one text surge alerts once).
    covered: set[int] = set().union(*(c.ticket_ids for c in found)) if found else set()
    candidates = []
    for word, slots in by_word.items():
        count = len(slots[0])
        if count < count_min:
            continue
        mean, score, tail = _score(count, [len(s) for s in slots[1:]])
        if score >= z_min and tail < p_max:
            candidates.append(
                Cluster(None, "", word, tuple(sorted(slots[0])), count, round(mean, 2), round(score, 2))
            )
    candidates.sort(key=lambda c: (-c.score, c.keyword))
    for cluster in candidates:
        rest = set(cluster.ticket_ids) - covered
        history = [len(s) for s in by_word[cluster.keyword][1:]]
        _mean, score, tail = _score(len(rest), history)
        if len(rest) < count_min or score < z_min or tail >= p_max:
            continue
        found.append(cluster)
        covered |= set(cluster.ticket_ids)
    found.sort(key=lambda c: (-c.score, c.area, c.keyword))
    return found


def rows_load(
    *, at: dt.datetime, window: dt.timedelta = WINDOW, baseline: int = BASELINE_WINDOWS
) -> list[Row]:
    """The tickets the detector looks at, with their area and keywords."""
    start = at - window * (baseline + 1)
    qs = Ticket.objects.filter(received_at__gte=start, received_at__lt=at).values_list(
        "id", "received_at", "category_id", "address", "lat", "lon", "description"
    )
    return [
        Row(pk, received, category_id, area_key(address, lat, lon), frozenset(keywords_of(text)))
        for pk, received, category_id, address, lat, lon, text in qs.iterator(chunk_size=2000)
    ]


def hotspots_detect(
    *, at: dt.datetime, window: dt.timedelta = WINDOW, baseline: int = BASELINE_WINDOWS
) -> list[HotspotAlert]:
    """Find the rising clusters and store a new alert for each not alerted within the last window; the
    supervisors are mailed after commit. Returns the new alerts."""
    clusters = clusters_find(
        rows_load(at=at, window=window, baseline=baseline), at=at, window=window, baseline=baseline
    )
    created: list[HotspotAlert] = []
    with transaction.atomic():
        for cluster in clusters:
            recent = HotspotAlert.objects.filter(
                category_id=cluster.category_id,
                area=cluster.area,
                keywords=cluster.keyword,
                window_end__gt=at - window,
            )
            if recent.exists():
                continue
            alert = HotspotAlert.objects.create(
                category_id=cluster.category_id,
                area=cluster.area,
                keywords=cluster.keyword,
                window_start=at - window,
                window_end=at,
                count=cluster.count,
                baseline=cluster.baseline,
                score=cluster.score,
            )
            alert.tickets.set(cluster.ticket_ids)
            created.append(alert)
        for alert in created:
            transaction.on_commit(_enqueue(alert.pk))
    logger.info("hotspot detection: %d clusters, %d new alerts", len(clusters), len(created))
    return created


def _enqueue(alert_id: int):
    def run() -> None:
        from gongkai.hotline.tasks import send_hotspot_mail

        send_hotspot_mail(alert_id)

    return run


def concern_url(alert: HotspotAlert) -> str:
    """The back-office form that registers a public concern (舆情回应, ``gongkai.concerns``) from this alert, filled in
    with its title and ticket numbers (prefetch ``tickets`` for a list of alerts)."""
    from urllib.parse import urlencode

    from django.urls import reverse

    numbers = sorted(ticket.number for ticket in alert.tickets.all())
    query = {"source": "hotline", "title": alert_title(alert)[:200], "tickets": ",".join(numbers)[:2000]}
    return f"{reverse('staff:concern_new')}?{urlencode(query)}"


def alert_title(alert: HotspotAlert) -> str:
    if alert.keywords:
        return gettext("“%(word)s”相关诉求 %(n)d 件（基线 %(base)s）") % {
            "word": alert.keywords,
            "n": alert.count,
            "base": alert.baseline,
        }
    category = alert.category.name if alert.category_id else ""
    return gettext("%(area)s %(category)s诉求 %(n)d 件（基线 %(base)s）") % {
        "area": alert.area,
        "category": category,
        "n": alert.count,
        "base": alert.baseline,
    }


def alert_recipients(alert: HotspotAlert) -> list[Any]:
    """Supervisors (督办) whose scope reaches the centre or a department of one of the alert's tickets."""
    tickets = list(alert.tickets.select_related("centre", "organisation")[:200])
    organisations = {t.centre for t in tickets} | {t.organisation for t in tickets if t.organisation_id}
    members = Membership.objects.filter(
        role__in=(Role.SUPERVISOR, Role.ADMIN), user__is_active=True
    ).select_related("user")
    users = {m.user for m in members}
    return sorted(
        (u for u in users if any(can(u, Perm.SUPERVISE, org) for org in organisations)), key=lambda u: u.pk
    )


def alert_mail_send(*, alert_id: int) -> int:
    """Mail alert ``alert_id`` with its tickets' numbers to the supervisors; returns how many addresses."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.urls import reverse

    alert = HotspotAlert.objects.filter(pk=alert_id).first()
    if alert is None:
        return 0
    addresses = sorted({u.email for u in alert_recipients(alert) if u.email})
    if not addresses:
        return 0
    numbers = list(alert.tickets.order_by("received_at").values_list("number", flat=True)[:100])
    body = "\n".join(
        [
            gettext("热点预警：%(title)s") % {"title": alert_title(alert)},
            gettext("涉及工单：%(numbers)s") % {"numbers": "、".join(numbers)},
            settings.SITE_URL + reverse("staff:hotline_dashboard"),
        ]
    )
    send_mail(gettext("【热点预警】%(title)s") % {"title": alert_title(alert)}, body, None, addresses)
    return len(addresses)
