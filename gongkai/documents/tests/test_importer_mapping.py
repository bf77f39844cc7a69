"""``documents.importer.mapping``: one line → a record's values, key and hash, with no database.

No test here takes the ``db`` fixture: pytest-django fails any of them that touches the database.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from gongkai.documents.importer.mapping import (
    LineError,
    Lookups,
    content_hash_of,
    identify,
    parse_line,
    record_values,
)
from gongkai.documents.models import Attribute, Theme, Validity
from gongkai.orgs.models import Organisation

CITY = Organisation(pk=1, code="11210100000000000A", name="沈阳市人民政府", path="/1/")
EDUCATION = Organisation(
    pk=2, code="11210100000000002C", name="沈阳市教育局", short_name="市教育局", path="/1/2/"
)
FINANCE = Organisation(
    pk=3, code="11210100000000004E", name="沈阳市财政局", short_name="市财政局", path="/1/3/"
)
SCIENCE_EDUCATION = Theme(pk=10, name="科技、教育")
EDUCATION_THEME = Theme(pk=11, name="教育", parent=SCIENCE_EDUCATION)


def lookups() -> Lookups:
    return Lookups(organisations=[CITY, EDUCATION, FINANCE], themes=[SCIENCE_EDUCATION, EDUCATION_THEME])


def record(**fields: object) -> dict[str, object]:
    obj: dict[str, object] = {
        "id": "laws/edu-1.md",
        "title": "沈阳市学前教育条例",
        "doc_number": "沈政发[2024]3号",
        "issuer": "沈阳市教育局",
        "issued_on": "2024-03-01",
        "published_on": "2024-03-05",
        "body": "第一条 为了发展学前教育，制定本条例。",
    }
    obj.update(fields)
    return {k: v for k, v in obj.items() if v is not None}


def values_of(obj: dict[str, object]) -> dict[str, object]:
    return record_values(obj, title=identify(obj).title, lookups=lookups(), fallback=CITY).values


def test_line_maps_to_the_values_of_a_record():
    mapped = record_values(record(), title="沈阳市学前教育条例", lookups=lookups(), fallback=CITY)

    assert mapped.values == {
        "organisation": EDUCATION,
        "title": "沈阳市学前教育条例",
        "document_number": "沈政发〔2024〕3号",
        "issuer_text": "沈阳市教育局",
        "written_on": dt.date(2024, 3, 1),
        "published_on": dt.date(2024, 3, 5),
        "effective_on": None,
        "formed_on": dt.date(2024, 3, 1),
        "theme": None,
        "kind": "",
        "category": "",
        "validity": Validity.VALID,
        "validity_changed_on": None,
        "attribute": Attribute.PROACTIVE,
        "attribute_reason": "",
        "body_html": "<p>第一条 为了发展学前教育，制定本条例。</p>",
        "body_text": "第一条 为了发展学前教育，制定本条例。",
        "source_url": "",
        "extra": {},
    }
    assert (mapped.issuers, mapped.fell_back) == ([EDUCATION], False)


def test_unknown_issuer_falls_back_and_is_flagged():
    mapped = record_values(record(issuer="国务院"), title="标题", lookups=lookups(), fallback=CITY)

    assert (mapped.values["organisation"], mapped.issuers, mapped.fell_back) == (CITY, [], True)


def test_issuers_are_matched_by_folded_full_or_short_name_in_order():
    assert lookups().issuers("市财政局、沈阳市 教育局") == [FINANCE, EDUCATION]


def test_a_short_name_never_shadows_another_organisations_full_name():
    impostor = Organisation(pk=4, name="沈阳市档案馆", short_name="沈阳市教育局", path="/1/4/")
    table = Lookups(organisations=[impostor, EDUCATION], themes=[])

    assert table.issuers("沈阳市教育局") == [EDUCATION]


def test_missing_second_level_theme_is_made_under_a_known_first_level():
    made = []
    table = Lookups(
        organisations=[],
        themes=[SCIENCE_EDUCATION],
        new_theme=lambda parent, name: made.append((parent, name)) or Theme(pk=12, parent=parent, name=name),
    )

    first = table.theme("科技、教育\\学前教育")
    again = table.theme("科技、教育\\学前教育")

    assert (first.parent, first.name) == (SCIENCE_EDUCATION, "学前教育")
    assert again is first
    assert made == [(SCIENCE_EDUCATION, "学前教育")]


def test_theme_with_an_unknown_first_level_is_kept_in_extra():
    values = values_of(record(theme="不存在的主题\\教育"))

    assert (values["theme"], values["extra"]) == (None, {"theme": "不存在的主题\\教育"})


def test_withheld_line_without_a_reason_gets_one_naming_the_label():
    values = values_of(record(attribute="不予公开"))

    assert (values["attribute"], values["attribute_reason"]) == (
        Attribute.WITHHELD,
        "导入数据：来源标注为不予公开",
    )


@pytest.mark.parametrize("value", ["20240301", "2024-3-1", "2024-02-30", 20240301])
def test_date_not_in_yyyy_mm_dd_form_is_an_error(value):
    with pytest.raises(LineError, match=r"^issued_on .* is not a date in YYYY-MM-DD form$"):
        values_of(record(issued_on=value))


def test_line_without_id_gets_the_same_key_for_bracket_variants_of_its_number():
    first = identify(record(id=None, doc_number="沈政发[2024]3号"))
    second = identify(record(id=None, doc_number="沈政发〔2024〕3号", body="另一版正文"))

    assert first.key == second.key
    assert first.key.startswith("sha1:")


def test_content_hash_ignores_the_order_of_keys():
    obj = record()

    assert content_hash_of(obj) == content_hash_of(dict(reversed(list(obj.items()))))


def test_line_that_is_not_utf8_is_an_error():
    with pytest.raises(LineError, match=r"^not valid UTF-8 \(byte 0xff at byte 12 of the line\)"):
        parse_line(b'{"title": "\xff"}\n')


def test_byte_order_mark_and_crlf_are_ignored():
    raw = "\ufeff".encode() + json.dumps(record(), ensure_ascii=False).encode() + b"\r\n"

    assert parse_line(raw) == record()


def test_blank_line_is_skipped():
    assert parse_line(b"  \r\n") is None


def test_body_nested_too_deeply_to_clean_is_an_error_for_its_line():
    with pytest.raises(LineError, match=r"^body refused: "):
        values_of(record(body="<div>" * 5000 + "正文" + "</div>" * 5000))
