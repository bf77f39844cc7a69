"""信息处理费 bands (SPEC R1.13, 国办函〔2020〕109号)."""

import pytest

from gongkai.foi.fees import fee_for_month, fee_for_pages, fee_for_request


def test_35_requests_in_a_month_cost_3000_yuan():
    assert fee_for_month(35) == 20 * 100 + 5 * 200  # the spec's example


def test_150_pages_cost_1700_yuan():
    assert fee_for_pages(150) == 70 * 10 + 50 * 20  # the spec's example


@pytest.mark.parametrize(
    ("n", "fee"), [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (51, 400)]
)
def test_request_bands(n, fee):
    assert fee_for_request(n) == fee


@pytest.mark.parametrize(
    ("pages", "fee"), [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740)]
)
def test_page_bands(pages, fee):
    assert fee_for_pages(pages) == fee


def test_negative_pages_are_refused():
    with pytest.raises(ValueError, match="whole number"):
        fee_for_pages(-1)
