"""Repeat requests (条例 art. 44): applications by different applicants asking for much the same information.

An application's description is cut into keywords with jieba (``rjieba``) when it is filed and the keywords are
stored on it (``FoiApplication.keywords``). Two descriptions are similar when they share at least
``MIN_SHARED`` keywords and their Jaccard index reaches ``THRESHOLD``. When ``PROMPT_AT`` or more other
applicants asked something similar of the same organ in the last 12 months, the office is prompted to consider
publishing the information proactively, and records what it decided.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Q

from gongkai.foi.models import FoiApplication

THRESHOLD = 0.4
MIN_SHARED = 2
PROMPT_AT = 2
WINDOW = dt.timedelta(days=365)

# Words every application uses; they say nothing about which information is asked for.
STOPWORDS = frozenset(
    """申请 公开 政府 信息 相关 有关 关于 提供 要求 获取 请求 情况 文件 资料 内容 本市 我市 沈阳 沈阳市 及其 以及
    和 与 的 了 在 是 对 为 等 其 该 所 请 予以 依据 具体 全部 所有 一份 复印件 电子版""".split()
)


def keywords(text: str) -> list[str]:
    """The distinct keywords of ``text``: jieba words of two characters or more, not stop words, and no numbers
    except years (2024 and 2025 budgets are different information)."""
    import rjieba

    seen: dict[str, None] = {}
    for word in rjieba.cut(text or ""):
        word = word.strip()
        if len(word) < 2 or word in STOPWORDS:
            continue
        if word.replace(".", "").isdigit() and not (len(word) == 4 and 1949 <= int(word) <= 2100):
            continue
        seen.setdefault(word, None)
    return list(seen)


def similarity(a: set[str], b: set[str]) -> float:
    """The Jaccard index of two keyword sets, 0.0 when they share fewer than ``MIN_SHARED`` keywords."""
    shared = len(a & b)
    if shared < MIN_SHARED:
        return 0.0
    return shared / len(a | b)


def _words(application: FoiApplication) -> set[str]:
    """The stored keywords, or (for an application filed before they were stored) its description's."""
    if application.keywords:
        return set(application.keywords.split())
    return set(keywords(application.description))


def similar_applications(application: FoiApplication, *, today: dt.date) -> list[FoiApplication]:
    """Other applicants' applications to the same organ in the 12 months before ``today`` whose descriptions
    are similar to this one's, most similar first."""
    mine = _words(application)
    if not mine:
        return []
    candidates = (
        FoiApplication.objects.filter(
            organisation_id=application.organisation_id, received_on__gt=today - WINDOW
        )
        .exclude(pk=application.pk)
        .exclude(id_number=application.id_number)
        .only(
            "id", "tracking_number", "keywords", "description", "received_on", "status", "proactive_decision"
        )
    )
    scored = [(similarity(mine, _words(c)), c) for c in candidates]
    return [c for score, c in sorted(scored, key=lambda s: -s[0]) if score >= THRESHOLD]


def similar_counts(applications: list[FoiApplication], *, today: dt.date) -> dict[int, int]:
    """For each open application of a queue page, how many other applicants' similar applications its organ
    received in the last 12 months (one query for the whole page; closed applications are not prompted)."""
    from gongkai.foi.models import Status

    applications = [a for a in applications if a.status in Status.open_values()]
    if not applications:
        return {}
    organisations = {a.organisation_id for a in applications}
    rows = FoiApplication.objects.filter(
        Q(organisation_id__in=organisations), received_on__gt=today - WINDOW
    ).values_list("id", "organisation_id", "id_number", "keywords")
    by_org: dict[int, list[tuple[int, str, set[str]]]] = defaultdict(list)
    for pk, org_id, id_number, words in rows:
        if words:
            by_org[org_id].append((pk, id_number, set(words.split())))
    counts = {}
    for application in applications:
        mine = set(application.keywords.split())  # the page defers descriptions: stored keywords only
        counts[application.pk] = sum(
            1
            for pk, id_number, words in by_org[application.organisation_id]
            if pk != application.pk
            and id_number != application.id_number
            and similarity(mine, words) >= THRESHOLD
        )
    return counts
