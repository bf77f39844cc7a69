"""``core.dates.parse_iso_date``: the one parser of typed ``YYYY-MM-DD`` dates (no database)."""

import datetime

import pytest
from django import forms

from gongkai.core.admin import DateListField
from gongkai.core.dates import parse_iso_date
from gongkai.core.errors import ValidationFailed


def test_iso_date_string_is_parsed():
    assert parse_iso_date(" 2027-02-05 ", "rest_days") == datetime.date(2027, 2, 5)


def test_date_passes_through():
    assert parse_iso_date(datetime.date(2027, 2, 5), "rest_days") == datetime.date(2027, 2, 5)


def test_datetime_is_refused():
    with pytest.raises(ValidationFailed, match="notice_date 的日期 2027-02-05 08:00:00 无效"):
        parse_iso_date(datetime.datetime(2027, 2, 5, 8), "notice_date")


@pytest.mark.parametrize("value", ["20270205", "2027-W06-5", "2027-02-30", "2027/02/05", 20270205, None])
def test_anything_but_yyyy_mm_dd_is_refused(value):
    with pytest.raises(ValidationFailed, match="格式应为 YYYY-MM-DD"):
        parse_iso_date(value, "rest_days")


def test_refusal_has_a_stable_code_and_names_the_field():
    with pytest.raises(ValidationFailed) as caught:
        parse_iso_date("2027-13-01", "notice_date")

    assert caught.value.code == "dates.invalid"
    assert list(caught.value.fields) == ["notice_date"]


def test_admin_date_list_refuses_a_date_without_dashes():
    field = DateListField(label="放假日期")

    with pytest.raises(forms.ValidationError, match="放假日期 的日期 20270205 无效"):
        field.clean("2027-02-04\n20270205")
