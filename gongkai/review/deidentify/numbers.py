"""Detectors for numeric identifiers: ID cards, bank cards, phones, e-mail, plates, passports.

Each works on the normalised text (same offsets as the original), tolerates a stray space or hyphen
between digits (OCR, hand-typed grouping) and validates what can be validated: GB 11643 for 身份证
(SPEC-regulations R5.4), Luhn for cards (R5.7), the mobile prefix (R5.6) and the plate alphabet (R5.8).
Items that must be kept are found first as *protected* spans: 统一社会信用代码 with a valid GB 32100
check (R5.5), 发文字号 (R5.2), dates, amounts, law titles and public service numbers. Whether a
mailbox or a landline is an organ's or a private person's is read from its line and its contact block
(``contact_block_verdict``: 联系人, 办公电话, 邮编 … against 申请人：, an ID, a mobile, a home).
"""

from __future__ import annotations

import functools
import re

from gongkai.core import identifiers as checksums
from gongkai.review.deidentify.dictionaries import Dictionaries
from gongkai.review.deidentify.findings import (
    BANK_CARD,
    EMAIL,
    ID_CARD,
    LICENSE_PLATE,
    PASSPORT,
    PHONE,
    Finding,
    IntervalIndex,
    values_between,
)

SEP = r"[ -]?"
_EDGE_L = r"(?<![0-9A-Za-z])"
_EDGE_R = r"(?![0-9A-Za-z])"


def _spaced(tokens: list[str]) -> str:
    return SEP.join(tokens)


# The patterns below open with the character class of their first character, and the look-behind that
# would stand before it (``_EDGE_L``) looks one character further back after it (``_AFTER_EDGE_L``): ``re``
# then skips in C to the next possible first character instead of trying the pattern at every position.
# The matches are those of the plain form ``_EDGE_L + first + …``.
_AFTER_EDGE_L = r"(?<![0-9A-Za-z].)"
_ID18_RE = re.compile(r"[1-9]" + _AFTER_EDGE_L + SEP + _spaced([r"\d"] * 16 + [r"[\dXx]"]) + _EDGE_R)
_DISABILITY_CERT_RE = re.compile(r"残疾(?:人)?证[^\d\n]{0,8}?(?<!\d)(?P<number>\d{17}[\dXx]\d{2})(?!\d)")
_ID15_RE = re.compile(r"[1-9]" + _AFTER_EDGE_L + SEP + _spaced([r"\d"] * 14) + _EDGE_R)
_CARD_RE = re.compile(r"[3-6](?<![0-9A-Za-z.].)(?:" + SEP + r"\d){15,18}" + _EDGE_R)
_CARD_GROUPS_RE = re.compile(r"\d{4}(?:[ -]\d{4}){2,3}(?:[ -]\d{1,4})?|\d{6}[ -]\d{10,13}")
# _EDGE_L (?:(?:\+86|0086|86)[ -]?)?1 …, opening with its first character.
_MOBILE_RE = re.compile(
    r"[+018]"
    + _AFTER_EDGE_L
    + r"(?:(?:(?<=\+)86|(?<=0)086|(?<=8)6)[ -]?1|(?<=1))"
    + SEP
    + r"[3-9](?:"
    + SEP
    + r"\d){9}"
    + _EDGE_R
)
# Hong Kong and Macao mobiles (+852 9136 4270, 00853-6612-3456) and Taiwan ones (+886 912 345 678):
# the international prefix makes them phones wherever they stand.
_HK_MO_TW_MOBILE_RE = re.compile(
    r"(?:\+|00)(?:85[23][ -]?[5-9]\d{3}[ -]?\d{4}|886[ -]?9\d{2}[ -]?\d{3}[ -]?\d{3})(?![0-9])"
)
# _EDGE_L (?:[(（]0\d{2,3}[)）][ -]?|0\d{2,3}[ -]?) …, opening with its first character.
_LANDLINE_RE = re.compile(
    r"[(（0]"
    + _AFTER_EDGE_L
    + r"(?:(?<=[(（])0\d{2,3}[)）][ -]?|(?<=0)\d{2,3}"
    + SEP
    + r")[2-9]\d{2}(?:"
    + SEP
    + r"\d){4,5}(?:转\d{1,5}|-\d{1,4}(?![0-9]))?"
    + _EDGE_R
)
_LOCAL_PHONE_RE = re.compile(
    r"(?:电话|座机|联系方式|手机|TEL|Tel|tel)(?:号码)?[：:\s]{0,3}([2-9]\d{6,7})" + _EDGE_R
)
_EMAIL_RE = re.compile(
    r"[A-Za-z0-9](?<![A-Za-z0-9._%+-].)[A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
_PLATE_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PL = "A-HJ-NP-Z"
_PLATE_RE = re.compile(
    rf"[{_PLATE_PROVINCES}](?<![{_PL}0-9].)[ ]?[{_PL}][ ·•・.\-]?"
    rf"(?:[DF][ ·•・.]?[{_PL}0-9][ ]?[{_PL}0-9]{{4}}|\d{{5}}[DF]|[{_PL}0-9][ ]?[{_PL}0-9]{{4}}[挂学警港澳领使]?"
    rf"|[{_PL}0-9][ ]?[{_PL}0-9]{{3}}[挂学警港澳领使])(?![{_PL}0-9])"
)
_PASSPORT_STRICT_RE = re.compile(r"[EG]" + _AFTER_EDGE_L + r"(?:\d{8}|(?<=E)[A-HJ-NP-Z]\d{7})" + _EDGE_R)
_PASSPORT_CUED_RE = re.compile(
    r"(?:护照|通行证|回乡证|台胞证|旅行证|往来|居留证|证件号码?)[^0-9A-Za-z\n]{0,12}"
    # P4821760B (the Philippines), CB382716 (Portugal): letters, six to ten digits, maybe a letter.
    r"((?:[A-Z]{1,2}\d{6,10}[A-Z]?|\d{8,10})(?:\(\d\))?)" + _EDGE_R
)
_ID_CUE_RE = re.compile(r"(?:身份证|身份号码|公民身份|证件号)")
_COMPANY_NO_CUE_RE = re.compile(r"(?:注册号|执照|代码|编号|许可证|批准文号|(?<!身份)证号|字号)")
_CARD_HEADER_CUE_RE = re.compile(r"卡号|银行卡|借记卡|信用卡|社保卡|存折|账号|帐号|账户|开户")
_CARD_AFTER_CUE_RE = re.compile(r"[ \t]?(?:账户|帐户|银行卡|卡[号内上])")
_CARD_CUE_RE = re.compile(r"(?:卡号|银行卡|借记卡|信用卡|社保卡|存折|一卡通)")
_NOT_PHONE_BEFORE_RE = re.compile(
    r"(?:金额|人民币|¥|￥|罚款|价款|编号|单号|订单|批号|流水|序列号|代码|账号|帐号)[：:\s]*$"
)
_NOT_PHONE_AFTER = set("元万亿%‰吨米件人户次个项台辆年月日号条款")
# Between a person and a landline, these words mean the number is the office's (如有疑问请联系我局).
_OFFICE_CUE_RE = re.compile(
    r"我局|本局|我委|本委|我办|本机关|我单位|本单位|办公室|联系人|经办人|承办人|工作人员|咨询|窗口|受理"
    r"|如有异议|如对[^。\n]{1,30}有异议|公示期|监督"
)
# The label of an organ's contact person (联 系 人：王某  联系电话：0991-…): that person's number is the office's.
_CONTACT_LABEL_RE = re.compile(
    r"(?:联[ \t]*系[ \t]*人|经[ \t]*办[ \t]*人|承办人|办理人|工作人员)[ \t]*[：:][ \t]*[^\s，,；;：:]{1,20}$"
)
_FORM_PHONE_LABEL_RE = re.compile(r"(?:电话|联系电话|联系方式|手机|座机)(?:号码)?[：:][ \t]*$")
_PERSONAL_LANDLINE_CUE_RE = re.compile(r"(?:家庭|住宅|家中|本人|个人|家属|手机|宅电|户主)")

_USCC_RE = re.compile(
    r"[0-9A-HJ-NPQRTUWXY](?<![0-9A-Z].)[0-9A-HJ-NPQRTUWXY]\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Z])"
)
# An issuer's code (机关代字: 国办发, 沈政办发, 济环罚) is short; a longer run before it is prose that may
# hold a name (依法向王某公告送达济环罚〔2024〕8号), so only its last six characters are protected.
_DOCNO_RE = re.compile(
    r"[\u4e00-\u9fffA-Za-z]{1,6}[〔\[【(（]\s*\d{4}\s*[〕\]】)）]\s*(?:第\s*)?\d{1,6}\s*号"
    r"|[\u4e00-\u9fff]{1,16}令\s*第\s*\d{1,6}\s*号"
)
_DOCNO_HINT_RE = re.compile(r"[〔\[【(（]\s*\d{4}\s*[〕\]】)）]|令\s*第")
# Both patterns open with a character class so that ``re`` skips to the next digit (or ¥) in C instead of
# trying every alternative at every position; the first digit is factored out of the alternatives and a
# look-behind that stood before it looks one character further back. Same matches as the plain forms
# ``\d{4}\s*年…|(?<!\d)\d{4}[-/.]…|\d{1,2}\s*月…|\d{1,2}\s*[:：]…`` and ``(?:[¥￥][ \t]*)?(?<![\d,，.])\d…``.
# After the first digit of a date come at most three more, maybe spaces, then 年, 月, a colon or a date
# separator: the look-ahead says so without backtracking, and the alternatives are tried only there (a
# text of ID and phone numbers has many digits, and few dates).
_DATE_RE = re.compile(
    r"\d(?=\d{0,3}+\s*+[年月:：./-])(?:\d{3}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|(?<!\d.)\d{3}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)"
    r"|\d?\s*月\s*\d{1,2}\s*日|\d?\s*[:：]\s*\d{2})"
)
_AMOUNT_RE = re.compile(
    r"[¥￥\d](?:(?<=[¥￥])[ \t]*(?<![\d,，.])\d|(?<=\d)(?<![\d,，.].))"
    r"[\d,，]*(?:\.\d+)?[ \t]?(?:万元|亿元|元|[万亿](?=[人户余多元])|%)"
)
_LAW_TITLE_RE = re.compile(r"《[^《》\n]{1,80}》")
_HAN_OR_LATIN_RUN_RE = re.compile(r"[\u4e00-\u9fffA-Za-z]*")


_NOT_DIGIT_RE = re.compile(r"[^0-9Xx]")


def _digits(s: str) -> str:
    return _NOT_DIGIT_RE.sub("", s).upper()


def _cued(norm: str, start: int, cue_re: re.Pattern, window: int = 16, *, same_line: bool = True) -> bool:
    line_start = norm.rfind("\n", 0, start) + 1 if same_line else 0
    return bool(cue_re.search(norm, max(line_start, start - window), start))


def _send(matches, accepted: bool):
    try:
        return matches.send(accepted)
    except StopIteration:
        return None


def find_protected(norm: str, dicts: Dictionaries) -> list[tuple[int, int, str]]:
    """Spans that must survive: USCC (R5.5), 发文字号 (R5.2), dates, amounts, law titles, public numbers."""
    spans: list[tuple[int, int, str]] = []
    for m in _USCC_RE.finditer(norm):
        if checksums.is_valid_uscc(m.group()):
            spans.append((m.start(), m.end(), "uscc"))
    for m in _doc_numbers(norm):
        # The issuer's abbreviation is short (沈政办发); a longer run before it is prose (向王某公告送达…).
        bracket = _HAN_OR_LATIN_RUN_RE.match(norm, m.start()).end()
        spans.append((max(m.start(), bracket - 8), m.end(), "doc_number"))
    for regex, label in ((_DATE_RE, "date"), (_LAW_TITLE_RE, "law_title")):
        spans.extend((m.start(), m.end(), label) for m in regex.finditer(norm))
    for m in _AMOUNT_RE.finditer(norm):
        spans.append((m.start(), m.end(), "amount"))
    # 执法人员：乌某（执法证号15010021037）: an officer's certificate number, public with his name.
    spans.extend(
        (m.start("number"), m.end("number"), "doc_number") for m in _OFFICER_NUMBER_RE.finditer(norm)
    )
    return spans


_OFFICER_NUMBER_RE = re.compile(
    r"(?:执法证件?(?:编)?号(?:码)?|执法证|警号|检察官证号|法官证号)[ \t]*[：:]?[ \t]*(?P<number>[A-Z0-9]{4,20})(?![A-Z0-9])"
)


def _doc_numbers(norm: str):
    """The matches of ``_DOCNO_RE.finditer(norm)``, tried only where one may start.

    Every 发文字号 holds a bracketed year or 令…第 (``_DOCNO_HINT_RE``) at most 16 characters after its
    start, so the costly pattern is tried at the positions up to 16 before each such hint, not at every
    Han character of the text.
    """
    pos = 0
    while (hint := _DOCNO_HINT_RE.search(norm, pos)) is not None:
        for start in range(max(pos, hint.start() - 16), hint.start() + 1):
            m = _DOCNO_RE.match(norm, start)
            if m:
                yield m
                pos = m.end()
                break
        else:
            pos = hint.start() + 1


def _trimmed(norm: str, start: int, end: int, lengths: range) -> list[tuple[int, int, str]]:
    """The match itself, then its prefixes ending before a separator, as (start, end, digits).

    A greedy match may swallow the next table cell (``6222…0128 263元``); the prefixes recover the number.
    """
    out = [(start, end, _digits(norm[start:end]))]
    for i in range(end - 1, start, -1):
        if norm[i] in " -" and norm[i - 1].isalnum():
            digits = _digits(norm[start:i])
            if len(digits) in lengths:
                out.append((start, i, digits))
    return out


def _overlapping(regex: re.Pattern, norm: str):
    """Matches of ``regex``, retrying one character later after a rejected one (see ``accept``).

    A spaced table row such as ``38.3 28298 6236 6801 4965 0691`` first matches across two cells; the
    real number starts inside that match and would be skipped by ``finditer``.
    """
    pos = 0
    while True:
        m = regex.search(norm, pos)
        if m is None:
            return
        accepted = yield m
        pos = m.end() if accepted else m.start() + 1


def find_id_cards(norm: str, original: str, dicts: Dictionaries | None = None) -> list[Finding]:
    """18-digit numbers passing GB 11643 (R5.4) and the old 15-digit form.

    A number failing the check is kept (R5.4 is the rule), unless the administrator lists cues in
    ``cues.yaml`` → ``id_bad_checksum_cues`` (e.g. 身份证号): then a mistyped ID after such a cue is masked.
    """
    bad_check_cues = (dicts.cues.get("id_bad_checksum_cues") if dicts else None) or []
    bad_check_re = re.compile("|".join(re.escape(c) for c in bad_check_cues)) if bad_check_cues else None
    found: list[Finding] = []
    matches = _overlapping(_ID18_RE, norm)
    m = next(matches, None)
    while m is not None:
        number = _digits(m.group())
        ok = True
        if checksums.is_valid_id_card(number):
            found.append(Finding(ID_CARD, m.start(), m.end(), original[m.start() : m.end()], "gb11643", 0.99))
        elif (
            bad_check_re is not None
            and _cued(norm, m.start(), bad_check_re)
            and _plausible_id(number)
            and " " not in m.group()
        ):
            found.append(
                Finding(ID_CARD, m.start(), m.end(), original[m.start() : m.end()], "id_cue_bad_check", 0.6)
            )
        else:
            ok = False
        m = _send(matches, ok)
    # 残疾人证号: the holder's ID number and two digits (category 1–7, grade 1–4), after a 残疾 cue.
    for m in _DISABILITY_CERT_RE.finditer(norm):
        number = m.group("number")
        if (
            checksums.is_valid_id_card(number[:18].upper())
            and number[18] in "1234567"
            and number[19] in "1234"
        ):
            start = m.start("number")
            found.append(
                Finding(
                    ID_CARD,
                    start,
                    m.end("number"),
                    original[start : m.end("number")],
                    "disability_cert",
                    0.95,
                )
            )
    for m in _ID15_RE.finditer(norm):
        number = _digits(m.group())
        cued = _cued(norm, m.start(), _ID_CUE_RE, 24)
        if not checksums.is_valid_id_card_15(number) or _cued(norm, m.start(), _COMPANY_NO_CUE_RE, 12):
            continue
        if cued or number[6:8] > "20":
            found.append(Finding(ID_CARD, m.start(), m.end(), original[m.start() : m.end()], "id15", 0.8))
    return found


def _id_shaped(number: str) -> bool:
    """An 18-digit number with an ID region and birth date: a mistyped ID, not a card (cards are 16 or 19)."""
    return len(number) == 18 and _plausible_id(number)


def _plausible_id(number: str) -> bool:
    body = number[:17] + "0"
    return checksums.is_valid_id_card(body[:17] + checksums.id_card_check_char(body[:17]))


def find_bank_cards(norm: str, original: str) -> list[Finding]:
    """16–19 digit card numbers passing Luhn (R5.7), or any such run right after a card cue."""
    found: list[Finding] = []
    matches = _overlapping(_CARD_RE, norm)
    m = next(matches, None)
    while m is not None:
        candidates = _trimmed(norm, m.start(), m.end(), range(16, 20))
        cued = _cued(norm, m.start(), _CARD_CUE_RE)
        # Further up (a table header such as 银行卡号 / 账号) is enough for an irregularly spaced number.
        cued_above = (
            cued
            or _cued(norm, m.start(), _CARD_HEADER_CUE_RE, 300, same_line=False)
            or bool(_CARD_AFTER_CUE_RE.match(norm, m.end()))
        )
        valid = [
            (s, e)
            for s, e, digits in candidates
            if checksums.is_valid_bank_card(digits)
            and (cued_above or not _id_shaped(digits))
            and (cued_above or not re.search(r"[ -]", norm[s:e]) or _CARD_GROUPS_RE.fullmatch(norm, s, e))
        ]
        m = _send(matches, bool(valid) or cued)
        if valid:
            start, end = valid[0]
            found.append(Finding(BANK_CARD, start, end, original[start:end], "luhn", 0.95))
        elif cued:
            start, end, _ = candidates[-1]
            found.append(Finding(BANK_CARD, start, end, original[start:end], "card_cue", 0.7))
    return found


def _neighbour_digit(norm: str, start: int, end: int, occupied: IntervalIndex) -> bool:
    """True when a spaced number continues into another digit that is not part of an accepted item."""

    def free(i: int) -> bool:
        return not occupied.contains(i)

    before = start - 1
    if before >= 0 and norm[before] in " -":
        before -= 1
    after = end
    if after < len(norm) and norm[after] in " -":
        after += 1
    left = before >= 0 and before < start - 1 and norm[before].isdigit() and free(before)
    right = after < len(norm) and after > end and norm[after].isdigit() and free(after)
    return left or right


def _is_quantity(norm: str, start: int, end: int) -> bool:
    after = end
    while after < len(norm) and norm[after] == " ":
        after += 1
    if after < len(norm) and norm[after] in _NOT_PHONE_AFTER:
        return True
    return bool(_NOT_PHONE_BEFORE_RE.search(norm, max(0, start - 8), start))


_COUNTRY_CODE_RE = re.compile(r"^(?:86|0086)")
_AREA_CODE_RE = re.compile(r"^0\d{2,3}")


def _is_public_number(number: str, dicts: Dictionaries) -> bool:
    if number in dicts.public_numbers:
        return True
    local = _COUNTRY_CODE_RE.sub("", number)
    local = _AREA_CODE_RE.sub("", local) if local.startswith("0") else local
    return local in dicts.public_numbers or number.lstrip("0") in dicts.public_numbers


@functools.lru_cache(maxsize=8)
def _public_cues_re(cues: tuple[str, ...]) -> re.Pattern | None:
    """One pattern for ``phone_public_cues``: it matches where ``any(cue in text for cue in cues)``."""
    words = [c for c in cues if c]
    if len(words) < len(cues):  # an empty cue is in every text
        return re.compile("")
    return re.compile("|".join(re.escape(c) for c in words)) if words else None


def find_phones(
    norm: str,
    original: str,
    dicts: Dictionaries,
    occupied: list[tuple[int, int]],
    personal_ends: list[int],
    *,
    mobiles: bool = True,
    landlines: bool = True,
) -> list[Finding]:
    """Mobiles (R5.6) always; landlines when they belong to a person, never public office numbers.

    ``occupied`` are spans already accepted (ID numbers, cards); ``personal_ends`` are end offsets of
    personal findings — a landline within 40 characters after one is the person's number.
    """
    found: list[Finding] = []
    public_cues = _public_cues_re(tuple(dicts.cues.get("phone_public_cues", [])))
    # An IntervalIndex of ``occupied``, built when a number first needs it (in most texts none does).
    occupied_index: IntervalIndex | None = None
    ends = sorted(personal_ends)
    for m in _MOBILE_RE.finditer(norm) if mobiles else ():
        number = _digits(m.group())
        if _is_public_number(number, dicts) or _is_quantity(norm, m.start(), m.end()):
            continue
        if any(c in m.group() for c in " \t-"):
            occupied_index = occupied_index or IntervalIndex(occupied)
            if _neighbour_digit(norm, m.start(), m.end(), occupied_index):
                continue
        found.append(Finding(PHONE, m.start(), m.end(), original[m.start() : m.end()], "mobile", 0.95))
    for m in _HK_MO_TW_MOBILE_RE.finditer(norm) if mobiles and ("+" in norm or "00" in norm) else ():
        if m.start() == 0 or not norm[m.start() - 1].isdigit():
            found.append(Finding(PHONE, m.start(), m.end(), original[m.start() : m.end()], "mobile", 0.9))

    if not landlines:
        return found
    spans = [(m.start(), m.end()) for m in _LANDLINE_RE.finditer(norm)]
    spans += [(m.start(1), m.end(1)) for m in _LOCAL_PHONE_RE.finditer(norm)]
    for start, end in spans:
        number = _digits(norm[start:end])
        if _is_public_number(number, dicts) or _is_quantity(norm, start, end):
            continue
        occupied_index = occupied_index or IntervalIndex(occupied)
        if _neighbour_digit(norm, start, end, occupied_index):
            continue  # 6217 0071 2000 1234: part of a longer grouped number, not a landline
        line_start = norm.rfind("\n", 0, start) + 1
        before = norm[max(line_start, start - 24) : start]
        if public_cues is not None and public_cues.search(before):
            continue
        # A form row such as "电话：…" right under a line of personal data belongs to that person.
        form_row = bool(_FORM_PHONE_LABEL_RE.search(before)) and "。" not in norm[line_start:start]
        personal = bool(_PERSONAL_LANDLINE_CUE_RE.search(before)) or any(
            norm.count("\n", e, start) <= (1 if form_row else 0)
            and not _OFFICE_CUE_RE.search(norm, e, start)
            and not _CONTACT_LABEL_RE.search(norm, max(norm.rfind("\n", 0, e) + 1, e - 24), e)
            for e in values_between(ends, start - (80 if form_row else 40), start)
        )
        if not personal and form_row:
            # 姓名：…⏎性别：…⏎联系电话：0411-…: a form row in a private person's block is theirs.
            personal = contact_block_verdict(norm, start, end, dicts) == -1
        if personal and not _organ_contact_line(norm, start, end, dicts):
            found.append(Finding(PHONE, start, end, original[start:end], "landline", 0.85))
    return found


def _organ_contact_line(norm: str, start: int, end: int, dicts: Dictionaries) -> bool:
    """True when the landline at ``norm[start:end]`` stands on an organ's contact line: one with an
    organ's contact label and no private person's data, or one whose mailbox is the organ's
    (联系电话：0531-85918520　电子邮箱：tqzwgk@…)."""
    line_start, line_end = _line_bounds(norm, start, end)
    cues = _mailbox_cues(dicts)
    if _own_verdict(norm, start, end, cues) == 2 or closing_contact_line(norm, line_start, line_end):
        return True
    return any(
        _organ_mailbox(norm, m.start(), m.end(), cues) for m in _EMAIL_RE.finditer(norm, line_start, line_end)
    )


def closing_contact_line(norm: str, line_start: int, line_end: int) -> bool:
    """联系电话：022-…⏎2025年6月3日 at the end of a notice: a contact line of its own followed only by
    the organ's name and the date is the organ's, whoever the notice is about."""
    if not _CLOSING_LABEL_RE.match(norm, line_start):
        return False
    rest = [line.strip() for line in norm[line_end:].split("\n") if line.strip()]
    return 1 <= len(rest) <= 3 and all(_CLOSING_TAIL_RE.fullmatch(line) for line in rest)


def closed_by_office_contacts(norm: str, line_end: int) -> bool:
    """联系地址：…⏎联系电话：0971-…⏎2025年5月20日: the lines after ``line_end`` are the notice's closing
    contact lines (an office landline among them) and the organ's name or the date, nothing else."""
    rest = [line.strip() for line in norm[line_end:].split("\n") if line.strip()]
    if not 1 <= len(rest) <= 4:
        return False
    landline = any(_CLOSING_LABEL_RE.match(line) and _LANDLINE_IN_LINE_RE.search(line) for line in rest)
    return landline and all(
        _CLOSING_LABEL_RE.match(line) or _CLOSING_TAIL_RE.fullmatch(line) for line in rest
    )


_LANDLINE_IN_LINE_RE = re.compile(r"(?<!\d)0\d{2,3}[-－ ]?\d{7,8}(?!\d)")


# A label right before an e-mail (电子邮箱：, 邮箱 , E-mail:, 来电人邮箱).
_EMAIL_LABEL_RE = re.compile(
    r"(?:邮箱|信箱|邮件|邮件地址|[Ee]-?[Mm][Aa][Ii][Ll])[ \t]*[）)]?[ \t]*[：:]?[ \t]*$"
)
# A line that opens with a field label (联系方式：…): a mailbox on it is part of a block, not of prose.
_FIELD_LINE_RE = re.compile(r"[ \t]*[\u4e00-\u9fff][\u4e00-\u9fff \t]{1,9}[：:]")
# A number shaped like a 身份证 (region, birth date, sequence): the line is a private person's.
_ID_SHAPED_RE = re.compile(
    r"(?<![0-9])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01])\d{3}[\dXx](?![0-9])"
)
# An organ's or a company's name: a line of its own (the signature) or the cell before the mailbox label
# (招标代理：某某工程咨询有限公司　邮箱：…).
ORGAN_SUFFIX = (
    r"(?:局|委员会|委|办公室|办|政府|中心|法院|检察院|院|所|站|队|处|科|部|公司|办事处|街道|社区"
    r"|居委会|村委会|协会|厅|署|馆|集团|银行)"
)
# 联系电话：022-…, or 联系地址：…　电话：0429-… (an address first on the same line; eleventh session).
_CLOSING_LABEL_RE = re.compile(
    r"[ \t]*(?:(?:联系地址|通讯地址|通信地址|地址)[ \t]*[：:][^\n：:]{4,60}?[ \t，,；;]+)?"
    r"(?:联系电话|咨询电话|办公电话|电话)[ \t]*[：:][ \t]*[0-9０-９(（]"
)
_CLOSING_TAIL_RE = re.compile(
    r"\d{4}[ \t]*年[ \t]*\d{1,2}[ \t]*月[ \t]*\d{1,2}[ \t]*日|[\u4e00-\u9fff（）()]{2,40}" + ORGAN_SUFFIX
)
_ORGAN_LINE_RE = re.compile(rf"[\u4e00-\u9fff（）()·]{{3,40}}{ORGAN_SUFFIX}")
_ORGAN_CELL_RE = re.compile(rf"[\u4e00-\u9fff（）()]{{3,40}}{ORGAN_SUFFIX}[ \t，,、；;]*$")
_ORGAN_BRACKET_RE = re.compile(rf"[\u4e00-\u9fff]{{2,40}}{ORGAN_SUFFIX}[（(]$")
_DWELLING_LINE_RE = re.compile(
    r"单元[^\n]{0,6}?(?:室|\d{3,4})|(?<![0-9-])\d{1,3}-\d{1,2}-[1-9]\d{2,3}(?![0-9-])"
)
_BLANKS_RE = re.compile(r"[ \t\u3000]+")
_BLOCK_REACH = 3  # lines above and below the mailbox's line that make up its contact block


@functools.lru_cache(maxsize=8)
def _words_re(words: tuple[str, ...]) -> re.Pattern | None:
    words = tuple(w for w in words if w)
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))) if words else None


@functools.lru_cache(maxsize=8)
def _person_label_re(labels: tuple[str, ...]) -> re.Pattern | None:
    """A private person's label as a field (申请人：, 来电人邮箱): the line is that person's."""
    words = _words_re(labels)
    if words is None:
        return None
    return re.compile(rf"(?:{words.pattern})(?:[ \t]*[：:]|(?=电子邮箱|邮箱|邮件|[Ee]-?[Mm][Aa][Ii][Ll]))")


class _MailboxCues:
    """The cue patterns of ``find_emails``, built from ``cues.yaml``."""

    def __init__(self, dicts: Dictionaries) -> None:
        cues = dicts.cues
        organ = tuple(cues.get("email_public_line_cues", [])) + tuple(cues.get("email_organ_block_cues", []))
        self.organ = _words_re(organ)
        self.personal = _words_re(tuple(cues.get("email_personal_line_cues", [])))
        self.person_label = _person_label_re(tuple(cues.get("person_labels", [])))
        self.dicts = dicts

    def evidence(self, line: str, own: bool = False) -> int:
        """-1 when ``line`` is a private person's, 2 when an organ's, 1 when it holds an office-like
        landline only, 0 when it says nothing."""
        squeezed = _BLANKS_RE.sub("", line)
        if _ID_SHAPED_RE.search(line) or (self.personal is not None and self.personal.search(squeezed)):
            return -1
        if self.person_label is not None and self.person_label.search(squeezed):
            return -1
        for m in _MOBILE_RE.finditer(line):
            if not _is_public_number(_digits(m.group()), self.dicts):
                return -1
        if self.organ is not None and self.organ.search(squeezed):
            return 2
        if _DWELLING_LINE_RE.search(squeezed):
            return -1  # a unit and a room (3单元602室, 21-1-302) with no organ's label: a home
        if not own and ":" not in line and "：" not in line and _ORGAN_LINE_RE.fullmatch(line.strip()):
            return 2
        return 1 if _LANDLINE_RE.search(line) else 0


@functools.lru_cache(maxsize=8)
def _mailbox_cues(dicts: Dictionaries) -> _MailboxCues:
    return _MailboxCues(dicts)


def _block_lines(norm: str, line_start: int, line_end: int) -> list[list[str]]:
    """The lines at distance 1, 2, … from a line, above and below, within its block: a blank line or a
    paragraph of prose (a long line with a full stop) ends the block."""

    def is_edge(line: str) -> bool:
        stripped = line.strip()
        return not stripped or ("。" in stripped and len(stripped) > 40)

    rings: list[list[str]] = [[] for _ in range(_BLOCK_REACH)]
    end = line_start - 1
    for d in range(_BLOCK_REACH):
        if end < 0:
            break
        start = norm.rfind("\n", 0, end) + 1
        line = norm[start:end]
        if is_edge(line):
            break
        rings[d].append(line)
        end = start - 1
    start = line_end + 1
    for d in range(_BLOCK_REACH):
        if start > len(norm):
            break
        end = norm.find("\n", start)
        end = len(norm) if end < 0 else end
        line = norm[start:end]
        if is_edge(line):
            break
        rings[d].append(line)
        start = end + 1
    return rings


def _line_bounds(norm: str, start: int, end: int) -> tuple[int, int]:
    line_end = norm.find("\n", end)
    return norm.rfind("\n", 0, start) + 1, len(norm) if line_end < 0 else line_end


def _own_verdict(norm: str, start: int, end: int, cues: _MailboxCues) -> int:
    """The evidence of the line around ``norm[start:end]`` (the item itself left out): the sentence
    holding it speaks first (拟保障对象：王某。如有异议，可发送邮件至…), then the rest of its line."""
    line_start, line_end = _line_bounds(norm, start, end)
    sentence_start = max(line_start, *(norm.rfind(p, line_start, start) + 1 for p in "。！？"))
    ends = [i for i in (norm.find(p, end, line_end) for p in "。！？") if i >= 0]
    sentence_end = min(ends, default=line_end)
    verdict = cues.evidence(norm[sentence_start:start] + " " + norm[end:sentence_end], own=True)
    if verdict in (0, 1) and (sentence_start > line_start or sentence_end < line_end):
        rest = cues.evidence(norm[line_start:sentence_start] + " " + norm[sentence_end:line_end], own=True)
        verdict = rest if rest in (-1, 2) else max(verdict, rest)
    return verdict


def _block_verdict(norm: str, start: int, end: int, cues: _MailboxCues, weak: bool) -> int:
    """The evidence of the nearest lines of the block that say something (a private person's first at
    the same distance); 1 when none does but one holds an office-like landline (or ``weak``)."""
    for ring in _block_lines(norm, *_line_bounds(norm, start, end)):
        found = [cues.evidence(line) for line in ring]
        if -1 in found:
            return -1
        if 2 in found:
            return 2
        weak = weak or 1 in found
    return 1 if weak else 0


def contact_block_verdict(norm: str, start: int, end: int, dicts: Dictionaries) -> int:
    """How the contact block around ``norm[start:end]`` reads: -1 a private person's, 2 an organ's
    (办公电话, 联系人, 邮编, 来信请寄, an organ's name as a line of its own, …), 1 only an office-like
    landline, 0 nothing. Its own line decides first, then the nearest lines of its block."""
    cues = _mailbox_cues(dicts)
    verdict = _own_verdict(norm, start, end, cues)
    if verdict in (-1, 2):
        return verdict
    return _block_verdict(norm, start, end, cues, verdict == 1)


def _organ_mailbox(norm: str, start: int, end: int, cues: _MailboxCues) -> bool:
    """True when the e-mail at ``norm[start:end]`` is an organ's (or a company's) published mailbox.

    Its own line decides first: a private person's label, ID or mobile there keeps it personal; an
    organ's contact label (办公电话, 联系人, 来信请寄, 邮编, …) or an organ's name in the cell before
    the mailbox label makes it public. A labelled mailbox (联系邮箱：…), or one on a field line
    (联系方式：…), on a line that says neither belongs to its contact block: the nearest lines that
    do decide (a private person's first at the same distance); a block with no private person and an
    office landline is the organ's too.
    """
    line_start, _ = _line_bounds(norm, start, end)
    verdict = _own_verdict(norm, start, end, cues)
    if verdict == -1:
        return False
    label = _EMAIL_LABEL_RE.search(norm, max(line_start, start - 16), start)
    in_block = label is not None or (
        _FIELD_LINE_RE.match(norm, line_start) is not None and "。" not in norm[line_start:start]
    )
    if verdict == 2 or (
        in_block and _ORGAN_CELL_RE.search(norm, line_start, label.start() if label else start)
    ):
        return True
    if _ORGAN_BRACKET_RE.search(norm, line_start, start):
        return True  # 请将材料发送至区人社局（xgrsj@163.com）
    return in_block and _block_verdict(norm, start, end, cues, verdict == 1) > 0


def find_emails(norm: str, original: str, dicts: Dictionaries) -> list[Finding]:
    """E-mail addresses, except under a public office domain (``public_email_domains``) or an organ's
    published mailbox on a webmail domain (see ``_organ_mailbox``)."""
    domains = tuple(d.lower() for d in dicts.cues.get("public_email_domains", []))
    found = []
    for m in _EMAIL_RE.finditer(norm):
        domain = m.group().rsplit("@", 1)[1].lower()
        if any(domain == d or domain.endswith("." + d) for d in domains):
            continue
        if _organ_mailbox(norm, m.start(), m.end(), _mailbox_cues(dicts)):
            continue
        found.append(Finding(EMAIL, m.start(), m.end(), original[m.start() : m.end()], "email", 0.95))
    return found


def find_plates(norm: str, original: str) -> list[Finding]:
    """Vehicle plates (R5.8): province + issuing letter + 5 characters, or 6 for new-energy plates."""
    found = []
    for m in _PLATE_RE.finditer(norm):
        if not any(ch.isdigit() for ch in m.group()[2:]):
            continue
        found.append(Finding(LICENSE_PLATE, m.start(), m.end(), original[m.start() : m.end()], "plate", 0.9))
    return found


def find_passports(norm: str, original: str) -> list[Finding]:
    """Passports (E/G + 8) anywhere; other passport and HK/Macau/Taiwan permit numbers after a cue."""
    found = [
        Finding(PASSPORT, m.start(), m.end(), original[m.start() : m.end()], "passport", 0.85)
        for m in _PASSPORT_STRICT_RE.finditer(norm)
    ]
    for m in _PASSPORT_CUED_RE.finditer(norm):
        found.append(
            Finding(PASSPORT, m.start(1), m.end(1), original[m.start(1) : m.end(1)], "permit_cue", 0.8)
        )
    return found
