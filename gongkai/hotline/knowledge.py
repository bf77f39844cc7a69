"""What the agent (接线员) gets while typing: keywords of a text (jieba), a suggested category, likely duplicates,
and answers from the departments' knowledge base (知识库) for 即时答复 (R3.1: 12345 answers general queries).

Text is cut with ``rjieba`` (a Rust build of jieba); words of one character and common function words are dropped,
so "路灯不亮" and "路灯坏了不亮" share their keywords. Scores are plain overlap counts, explainable to an agent.
"""

from __future__ import annotations

import datetime
import math
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext

from gongkai.core.audit import record_audit
from gongkai.core.errors import PermissionDenied, ValidationFailed
from gongkai.hotline.models import OPEN_STATUSES, Category, KnowledgeEntry, Ticket
from gongkai.orgs.models import Organisation
from gongkai.orgs.scope import Perm, can, scope_q

STOPWORDS = frozenset(
    "我们 你们 他们 这个 那个 一个 没有 已经 现在 还是 但是 因为 所以 如果 可以 什么 怎么 为什么 请问 希望 要求 反映 "
    "问题 情况 相关 部门 处理 解决 市民 来电 来电人 表示 称 的 了 是 在 有 和 就 都 也 很 到 说 要 去 能 会 吗 呢 吧 啊".split()
)
SUGGEST_LIMIT = 3
DUPLICATE_DAYS = 30
DUPLICATE_MIN_SCORE = 0.3
# About 500 m at the demo city's latitude, in degrees: "nearby" for duplicates.
NEARBY_DEGREES = Decimal("0.005")


def keywords_of(text: str) -> list[str]:
    """The keywords of ``text``: jieba words of two or more characters (or ASCII words of three or more), minus
    stopwords, in order of first appearance, without repeats."""
    import rjieba

    seen: dict[str, None] = {}
    for word in rjieba.cut(strip_tags(text or "")):
        word = word.strip().lower()
        if not word or word in STOPWORDS:
            continue
        if word.isascii():
            if len(word) < 3 or not word.isalnum():
                continue
        elif len(word) < 2 or not any("\u4e00" <= c <= "\u9fff" for c in word):
            continue
        seen.setdefault(word, None)
    return list(seen)


def similarity(a: list[str] | set[str], b: list[str] | set[str]) -> float:
    """Jaccard overlap of two keyword sets (0 when either is empty)."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


WORD_COUNTS_CACHE_KEY = "hotline:category_word_counts:v1"
WORD_COUNTS_SECONDS = 600


def category_word_counts(*, history: int = 2000) -> dict[int, dict[str, int]]:
    """For each category, in how many of the latest ``history`` tickets each keyword appears; cached for ten
    minutes, as the agent's form asks on every pause in typing and cutting the texts is the slow part."""
    from django.core.cache import cache

    def build() -> dict[int, dict[str, int]]:
        recent = Ticket.objects.order_by("-received_at").values_list("category_id", "description")[:history]
        per_category: dict[int, Counter[str]] = {}
        for category_id, description in recent:
            per_category.setdefault(category_id, Counter()).update(set(keywords_of(description)))
        return {pk: dict(counts) for pk, counts in per_category.items()}

    return cache.get_or_set(f"{WORD_COUNTS_CACHE_KEY}:{history}", build, WORD_COUNTS_SECONDS)


@dataclass(frozen=True)
class CategorySuggestion:
    category: Category
    score: float


def category_suggest(
    text: str, *, limit: int = SUGGEST_LIMIT, history: int = 2000
) -> list[CategorySuggestion]:
    """Categories for ``text``, best first: each word of a category's name or keywords found in the text counts 2,
    each word of the text found in them 1, and (from :func:`category_word_counts`) each
    keyword shared with a recent ticket of the category counts by how often it appears there (log-damped)."""
    words = keywords_of(text)
    if not words:
        return []
    categories = {c.pk: c for c in Category.objects.filter(is_active=True)}
    scores: Counter[int] = Counter()
    plain = strip_tags(text or "")
    for category in categories.values():
        own = f"{category.name} {category.keywords}"
        # The category's own words found in the text ("路灯" in "路灯不亮", which jieba cuts as 路/灯不亮), and
        # the text's words found in the category's name or keywords.
        scores[category.pk] += 2 * sum(1 for w in keywords_of(own) if w in plain)
        scores[category.pk] += sum(1 for w in words if w in own)
    wanted = set(words)
    for category_id, counts in category_word_counts(history=history).items():
        if category_id in categories:
            scores[category_id] += sum(math.log1p(counts[w]) for w in wanted if counts.get(w))
    ranked = [(pk, score) for pk, score in scores.most_common() if score > 0]
    return [CategorySuggestion(categories[pk], round(score, 2)) for pk, score in ranked[:limit]]


@dataclass(frozen=True)
class DuplicateCandidate:
    ticket: Ticket
    score: float


def duplicates_find(
    *,
    text: str,
    category: Category | None = None,
    area: str = "",
    lat: Decimal | float | str | None = None,
    lon: Decimal | float | str | None = None,
    exclude: int | None = None,
    at: datetime.datetime | None = None,
    limit: int = 5,
) -> list[DuplicateCandidate]:
    """Open tickets received in the last 30 days that look like the same matter: similar text (jieba keywords)
    among those of the same category and area, or within about 500 m of the point (of the same category anywhere
    when neither an area nor a point is known). Best first."""
    at = at or timezone.now()
    qs = Ticket.objects.filter(
        status__in=OPEN_STATUSES, received_at__gte=at - datetime.timedelta(days=DUPLICATE_DAYS)
    ).select_related("category")
    where = Q(pk__in=[])
    if category is not None and area:
        where |= Q(category=category, address__contains=area)
    if lat not in (None, "") and lon not in (None, ""):
        try:
            la, lo = Decimal(str(lat)), Decimal(str(lon))
        except ArithmeticError:
            la = lo = None
        if la is not None and la.is_finite() and lo.is_finite():
            where |= Q(
                lat__range=(la - NEARBY_DEGREES, la + NEARBY_DEGREES),
                lon__range=(lo - NEARBY_DEGREES, lo + NEARBY_DEGREES),
            )
    if category is not None and not area and (lat in (None, "") or lon in (None, "")):
        # Nothing says where: the same category anywhere in the city, text deciding.
        where |= Q(category=category)
    qs = qs.filter(where)
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    words = keywords_of(text)
    found = []
    for ticket in qs.order_by("-received_at")[:300]:
        score = similarity(words, keywords_of(ticket.description))
        if score >= DUPLICATE_MIN_SCORE:
            found.append(DuplicateCandidate(ticket, round(score, 2)))
    found.sort(key=lambda c: (-c.score, -c.ticket.pk))
    return found[:limit]


# --- The knowledge base -----------------------------------------------------------------------------------


def knowledge_list_editable(user: Any) -> QuerySet[KnowledgeEntry]:
    """The entries ``user`` keeps: those of organisations where they handle tickets (published or not)."""
    q = scope_q(user, Perm.TICKET_HANDLE)
    qs = KnowledgeEntry.objects.select_related("organisation", "category")
    return qs if q is None else qs.filter(q)


def knowledge_search(query: str, *, limit: int = 10) -> list[KnowledgeEntry]:
    """Published entries for ``query`` (every agent may read them), best keyword overlap first."""
    words = set(keywords_of(query))
    if not words:
        return []
    where = Q()
    for word in list(words)[:10]:
        where |= Q(question__icontains=word) | Q(keywords__icontains=word) | Q(answer__icontains=word)
    candidates = KnowledgeEntry.objects.filter(where, is_published=True).select_related("organisation")[:200]
    scored = []
    for entry in candidates:
        own = set(keywords_of(f"{entry.question} {entry.keywords}"))
        body = set(keywords_of(entry.answer))
        score = 2 * len(words & own) + len(words & body)
        if score:
            scored.append((score, entry))
    scored.sort(key=lambda pair: (-pair[0], pair[1].pk))
    return [entry for _score, entry in scored[:limit]]


def _require_keeper(actor: Any, organisation: Organisation) -> None:
    if not can(actor, Perm.TICKET_HANDLE, organisation):
        raise PermissionDenied(
            gettext("您不能维护该单位的知识库"),
            detail="Knowledge entries are kept by the organisation's ticket handlers",
            code="hotline.knowledge_forbidden",
        )


@transaction.atomic
def knowledge_save(
    *,
    actor: Any,
    organisation: Organisation,
    question: str,
    answer: str,
    keywords: str = "",
    category: Category | None = None,
    is_published: bool = False,
    entry: KnowledgeEntry | None = None,
) -> KnowledgeEntry:
    """Create or change a 知识库 entry of ``organisation`` (its ticket handlers keep it); audited."""
    _require_keeper(actor, organisation)
    if entry is not None:
        _require_keeper(actor, entry.organisation)
    question = strip_tags(question or "").strip()
    answer = strip_tags(answer or "").strip()
    errors = {}
    if not 4 <= len(question) <= 300:
        errors["question"] = gettext("问题应为 4 至 300 个字")
    if len(answer) < 4:
        errors["answer"] = gettext("请填写答复口径（至少 4 个字）")
    if errors:
        raise ValidationFailed(
            gettext("知识库条目有误，请按提示修改"),
            detail="Invalid knowledge entry",
            code="hotline.invalid_knowledge",
            fields=errors,
        )
    entry = entry or KnowledgeEntry()
    entry.organisation = organisation
    entry.question = question
    entry.answer = answer
    entry.keywords = strip_tags(keywords or "").strip()[:300]
    entry.category = category
    entry.is_published = is_published
    entry.updated_by = actor
    entry.save()
    record_audit(entry, action="hotline_knowledge.save", actor=actor, data={"published": is_published})
    from gongkai.hotline.search import reindex

    entry_id = entry.pk
    transaction.on_commit(lambda: reindex(entry_id))
    return entry


def knowledge_answer(*, ticket: Ticket, entry: KnowledgeEntry, actor: Any, note: str = "") -> Ticket:
    """即时答复 from the knowledge base: the entry's answer (and the agent's note) closes the ticket through the
    machine; the entry used is recorded in the audit data."""
    from gongkai.hotline import services

    if not entry.is_published:
        raise ValidationFailed(
            gettext("该知识库条目尚未发布"),
            detail="Knowledge entry not published",
            code="hotline.knowledge_unpublished",
        )
    reply = entry.answer if not note.strip() else f"{entry.answer}\n{note.strip()}"
    with transaction.atomic():
        services.ticket_answer(ticket=ticket, actor=actor, reply=reply)
        record_audit(ticket, action="ticket.knowledge_used", actor=actor, data={"entry": entry.pk})
    return ticket
