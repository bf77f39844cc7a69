"""发文字号 normalisation (GB/T 9704-2012 §7.2.5; SPEC R5.2, R5.2a)."""

import pytest

from gongkai.core.errors import ValidationFailed
from gongkai.documents.docnumber import normalise_document_number, normalise_or_keep, parse_document_number


@pytest.mark.parametrize(
    "raw",
    [
        "沈政办发〔2018〕12号",
        "沈政办发[2018]12号",
        "沈政办发(2018)12号",
        "沈政办发（2018）12号",
        "沈政办发【2018】12号",
        "沈政办发［2018］12号",
        "沈政办发 〔2018〕 12 号",
        "沈政办发〔２０１８〕１２号",
        "沈政办发〔2018〕第12号",
    ],
)
def test_bracket_and_width_variants_are_the_same_number(raw):
    assert normalise_document_number(raw) == "沈政办发〔2018〕12号"


@pytest.mark.parametrize(
    "raw",
    [
        "工信部联规〔2026〕186号",
        "国中医药医政发〔2026〕6号",
        "自然资办函〔2026〕1198号",
        "发改能源〔2026〕979号",
        "法释〔2020〕17号",
    ],
)
def test_joint_and_long_issuer_codes_are_kept(raw):
    assert normalise_document_number(raw) == raw


def test_order_number_keeps_di():
    assert normalise_document_number("海关总署令第283号") == "海关总署令第283号"


def test_state_council_order_long_and_short_forms_are_the_same():
    assert normalise_document_number("中华人民共和国国务院令第711号") == normalise_document_number(
        "国令第711号"
    )


def test_ministry_order_drops_country_prefix():
    assert normalise_document_number("中华人民共和国海关总署令第283号") == "海关总署令第283号"


def test_parsed_number_exposes_issuer_code_year_and_serial():
    number = parse_document_number("沈政办发[2018]12号")
    assert (number.prefix, number.year, number.serial) == ("沈政办发", 2018, 12)


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("沈政办发〔2018〕012号", "不编虚位"),
        ("沈政办发〔2018〕0号", "不编虚位"),
        ("沈政发2018年12号", "应为"),
        ("沈政办发〔18〕12号", "应为"),
        ("沈政办发〔1800〕12号", "四位公元年份"),
        ("〔2018〕12号", "应为"),
        ("沈政办发〔2018〕12", "应为"),
        ("", "不能为空"),
    ],
)
def test_malformed_number_is_refused_saying_why(raw, why):
    with pytest.raises(ValidationFailed, match=why):
        normalise_document_number(raw)


def test_import_keeps_unparseable_number_folded_instead_of_losing_it():
    assert normalise_or_keep("沈政发２０１８年１２号") == "沈政发2018年12号"


def test_import_leaves_empty_number_empty():
    assert normalise_or_keep("  ") == ""
