"""SQLite: a copied fragment's bodies found through the trigram index (migration 0006) are exactly those the
verbatim check finds over every entry, with punctuation, Latin letters in any case, LIKE's wildcards and
quotes; the index follows inserts, body-only updates and deletions."""

from __future__ import annotations

import pytest
from django.db import connection

from gongkai.search import backends
from gongkai.search.backends import Where, backend
from gongkai.search.models import SearchEntry
from gongkai.search.query import parse

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's full-text tables only")

BODIES = [
    "第十二条 违反本条例规定，情节严重的，对直接负责的主管人员和其他直接责任人员依法给予处分；"
    "构成犯罪的，依法追究刑事责任。",
    "情节严重的，对主管人员和其他直接责任人员依法给予处分。PM2.5浓度超标的，由主管部门责令限期改正。",
    "其他直接责任人员和主管人员，依法给予处分。情节严重的，对直接负责的人员追究责任。",
    "空气质量指数（AQI）达到5%以上的地区，pm2.5 监测点位每日报告“重污染”预警。",
    '增长率达到5_以上的地区 应当 "公开" 其统计数据，Wi-Fi覆盖率同时公开。',
]
FRAGMENTS = [
    "情节严重的，对直接负责的主管人员",
    "情节严重的，对主管人员和",
    "依法给予处分。",
    "PM2.5浓度超标的",
    "pm2.5浓度超标的",  # another case: LIKE folds ASCII, so does the trigram index
    "达到5%以上",
    "达到5_以上",
    '应当 "公开" 其统计',
    "“重污染”预警",
    "pm2.5 监测点位",
    "Wi-Fi覆盖率",
    "主管部门责令限期改正，逾期",  # in no body
    "空气质量指数（AQI）达到5%以上的地区",
    "PM2.5浓度超标的，由主管部门责令",
    "增长率达到5_以上的地区",
    "统计数据，Wi-Fi覆盖率同时公开",
    "其他直接责任人员依法给予处分；构成犯罪的",
]


@pytest.fixture
def texts(education):
    from gongkai.documents.tests.factories import DocumentFactory
    from gongkai.search.services import index_object

    ids = []
    for n, body in enumerate(BODIES):
        doc = DocumentFactory(organisation=education, title=f"某某管理条例之{n}", body_text=body)
        index_object("document", doc.pk)
        ids.append(SearchEntry.objects.get(kind="document", object_id=doc.pk).pk)
    return ids


def _verbatim(fragment: str) -> set[int]:
    """Every public entry's title, number and body checked, as before the trigram index."""
    check = Where()
    backend().phrase_condition(check, fragment)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT e.id FROM search_searchentry e WHERE e.public = %s AND {check.sql()}",  # noqa: S608
            [True, *check.params],
        )
        return {row[0] for row in cursor.fetchall()}


def _trigram_candidates(fragment: str) -> set[int]:
    phrase = '"' + fragment.replace('"', '""') + '"'
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid FROM search_body_trigrams WHERE search_body_trigrams MATCH %s "
            "UNION SELECT rowid FROM search_trigrams WHERE search_trigrams MATCH %s",
            [phrase, phrase],
        )
        return {row[0] for row in cursor.fetchall()}


def _fragment_rows(fragment: str) -> set[int]:
    parsed = parse(fragment)
    where = Where()
    where.add("e.public = %s", True)
    check = Where()
    engine = backend()
    engine.phrase_condition(check, parsed.text)
    return {row[0] for row in engine.fragment_match(parsed, where, check)}


@pytest.mark.parametrize("fragment", FRAGMENTS)
def test_trigram_candidates_hold_every_verbatim_match(texts, fragment):
    verbatim = _verbatim(fragment)
    assert verbatim <= _trigram_candidates(fragment)
    if "逾期" in fragment:
        assert not verbatim
    else:
        assert verbatim  # not vacuous
    # Python's own substring test agrees with LIKE on these (ASCII case folded on both sides).
    public = SearchEntry.objects.filter(public=True)
    assert verbatim == {
        e.pk for e in public if fragment.lower() in (e.title + e.doc_number + "\n" + e.body).lower()
    }


def test_fragment_rows_are_the_verbatim_matches(texts):
    # The fragments the parser takes for copied ones (inner words between the two at its ends).
    fragments = [f for f in FRAGMENTS if parse(f).fragment_words]
    assert len(fragments) >= 9
    for fragment in fragments:
        assert _fragment_rows(fragment) == _verbatim(fragment), fragment
    assert sum(len(_fragment_rows(f)) for f in fragments) >= 8  # not vacuous


def test_fragment_rows_have_no_cap_past_many_matches(texts, monkeypatch):
    monkeypatch.setattr(backends, "MANY_MATCHES", 0)
    fragment = "情节严重的，对主管人员和"
    assert _fragment_rows(fragment) == _verbatim(fragment) == {texts[1]}
    fragment = "处分；构成犯罪的，依法追究"
    assert _fragment_rows(fragment) == _verbatim(fragment) == {texts[0]}


def test_trigram_index_follows_body_updates_and_deletions(texts):
    entry_id = texts[0]
    assert entry_id in _trigram_candidates("追究刑事责任")
    SearchEntry.objects.filter(pk=entry_id).update(body="营商环境优化条例全文")  # the body alone
    assert entry_id not in _trigram_candidates("追究刑事责任")
    assert _trigram_candidates("营商环境优化") == {entry_id}
    SearchEntry.objects.filter(pk=entry_id).delete()
    assert not _trigram_candidates("营商环境优化")
