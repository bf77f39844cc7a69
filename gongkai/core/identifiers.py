"""Check-digit validators for Chinese identifiers, reusable by any app.

- 居民身份证号码 (GB 11643-1999, ISO 7064 MOD 11-2), SPEC-regulations R5.4;
- 统一社会信用代码 (GB 32100-2015), SPEC-regulations R5.5;
- bank card numbers (Luhn mod 10), SPEC-regulations R5.7.

All functions take the bare identifier (no spaces); callers normalise first.
"""

from __future__ import annotations

import datetime

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

# First two digits of the 行政区划代码 (GB/T 2260): provinces, plus 71 台湾, 81 香港, 82 澳门.
ID_PROVINCE_CODES = frozenset(
    {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54}
    | {61, 62, 63, 64, 65, 71, 81, 82, 83, 91}
)

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def id_card_check_char(first17: str) -> str:
    """Return the GB 11643 check character for the first 17 digits (R5.4)."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def _valid_birth_date(year: int, month: int, day: int) -> bool:
    try:
        born = datetime.date(year, month, day)
    except ValueError:
        return False
    # No one is born in the future; the clock is read here only to bound the year.
    return datetime.date(1880, 1, 1) <= born <= datetime.date.today()


def is_valid_id_card(number: str) -> bool:
    """True for an 18-character 居民身份证号码 with a valid region prefix, birth date and check (R5.4).

    A lower-case ``x`` check character is accepted.
    """
    if len(number) != 18 or not number[:17].isdigit() or not number[:17].isascii():
        return False
    check = number[17].upper()
    if check not in _ID_CHECK:
        return False
    if int(number[:2]) not in ID_PROVINCE_CODES:
        return False
    if not _valid_birth_date(int(number[6:10]), int(number[10:12]), int(number[12:14])):
        return False
    return id_card_check_char(number[:17]) == check


def is_valid_id_card_15(number: str) -> bool:
    """True for an old 15-digit 身份证号码 (before 1999: two-digit year 19YY, no check digit)."""
    if len(number) != 15 or not number.isdigit() or not number.isascii():
        return False
    if int(number[:2]) not in ID_PROVINCE_CODES:
        return False
    return _valid_birth_date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))


def uscc_check_char(first17: str) -> str:
    """Return the GB 32100 check character for the first 17 characters (R5.5)."""
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def is_valid_uscc(code: str) -> bool:
    """True for an 18-character 统一社会信用代码 whose check character matches (R5.5)."""
    code = code.upper()
    if len(code) != 18 or any(c not in USCC_ALPHABET for c in code):
        return False
    return uscc_check_char(code[:17]) == code[17]


def luhn_valid(number: str) -> bool:
    """True when the digit string passes the Luhn mod-10 check (R5.7)."""
    if not number.isdigit() or not number.isascii():
        return False
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def is_valid_bank_card(number: str) -> bool:
    """True for a 16–19 digit card number passing Luhn (R5.7) with a card-scheme first digit (3–6)."""
    return 16 <= len(number) <= 19 and number[0] in "3456" and luhn_valid(number)
