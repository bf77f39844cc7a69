"""信息处理费 (art. 42; 国办函〔2020〕109号《政府信息公开信息处理费管理办法》arts. 3–5, SPEC R1.13).

Free by default; charged only when the number or frequency of requests clearly exceeds a reasonable range. Two
bases, both 超额累进 (progressive over the free band), one basis per application and never both:

* 按件 (by request): the same applicant's requests in one natural month, counted cumulatively: 1–10 free,
  11–30 at 100 元 each, then each further band of 10 at 100 元 more (31–40: 200, 41–50: 300, …).
* 按量 (by volume: paper pages, e-mail or copied data): 1–30 pages free, 31–100 at 10 元, 101–200 at 20 元,
  from 201 at 40 元 a page.

The fee notice, its payment period and the clock's pause until payment are a later step (issue 13).
"""

from __future__ import annotations


def _require_count(value: int, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be a whole number >= 0, not {value!r}")


def fee_for_request(number_in_month: int) -> int:
    """The fee, in 元, of the applicant's ``number_in_month``-th request of a natural month (按件, R1.13)."""
    _require_count(number_in_month, "number_in_month")
    if number_in_month <= 10:
        return 0
    if number_in_month <= 30:
        return 100
    return 100 * (2 + (number_in_month - 31) // 10)


def fee_for_month(requests_in_month: int) -> int:
    """The total, in 元, of ``requests_in_month`` requests by one applicant in one natural month (按件)."""
    _require_count(requests_in_month, "requests_in_month")
    return sum(fee_for_request(n) for n in range(1, requests_in_month + 1))


# (first page of the band, 元 per page), ascending; pages before the first band are free.
PAGE_BANDS = ((31, 10), (101, 20), (201, 40))


def fee_for_pages(pages: int) -> int:
    """The fee, in 元, of providing ``pages`` pages (按量, R1.13), progressive over the bands."""
    _require_count(pages, "pages")
    total = 0
    for index, (first, rate) in enumerate(PAGE_BANDS):
        last = PAGE_BANDS[index + 1][0] - 1 if index + 1 < len(PAGE_BANDS) else pages
        if pages >= first:
            total += (min(pages, last) - first + 1) * rate
    return total
