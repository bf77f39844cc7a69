"""A person's other names: Latin passport names, aliases and Manchu clan names (issue 9).

* **Latin names** of foreign persons: in brackets after a name (朴秀珍（PARK SOOJIN）, 阮氏芳（NGUYEN THI
  PHUONG，1995年出生…）), after a name label (英文名：, 护照姓名：, 姓名：, Name:) or before a person's
  attribute (SMITH JOHN，男，美国籍 / …，护照号码…). Organisations and acronyms in Latin letters (WTO,
  ISO, CCTV, ``Co., Ltd.``) are no names: a name has two or more words, none of them an organisation's or
  a function word, and it needs one of these contexts. A transliterated name right before the bracket
  (渡边健一（WATANABE KENICHI），女，) is a name too.
* **Aliases**: whatever follows 曾用名, 小名, 乳名, 绰号, 外号 (and 化名, 别名, 又名, 艺名 after a person's
  name) in brackets, after a colon or in quotes is a name, even an ordinary word (狗蛋, 二毛) — unless it
  belongs to an official named in role. The document-consistency pass (``consistency.propagate``) then
  finds its repeats.
* **Clan names** (``clan_surnames.txt``): 爱新觉罗·恒山, 叶赫那拉英华 — a Manchu or Mongolian clan name and
  one or two given-name characters (three after a dot).
* **Surnames**: a 复姓 (呼延跃进, 南宫胜利) with any given name where a name may end; a surname of
  ``cue_surnames.txt`` (Hui 回, 撒, 锁, 虎…, and 第五) and two given-name characters right after a person word.
* **Foreign and minority names by their surroundings**: a dotted name before a gender, a nationality or a
  passport (约翰•约翰逊，男，加拿大籍), and a name of two or more minority syllables right after a person
  word, closed by an ordinary word (其子再努尔玉素甫残疾).

Names of officials in role are left alone (``is_official``, and a role label with spaces, 联 系 人：).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from gongkai.review.deidentify.dictionaries import (
    DATA_DIR,
    _read_words,
    common_words,
    extra_data_dir,
    frequent_words,
    verbish_words,
)
from gongkai.review.deidentify.names.context import (
    DOTS,
    GEO_END,
    HAN,
    MASKED_GIVEN,
    NON_GIVEN,
    ORG_SUFFIXES,
    PLACE_END,
    SCORE_ALONE,
    STOP_CHARS,
    STOP_GIVEN,
    NameContext,
    is_han,
    is_official,
)

# --- Latin names ------------------------------------------------------------------------------------

# Letters with diacritics count (MÜLLER, José, Nguyễn): Latin-1, Latin Extended-A and Vietnamese.
_UPPER = "A-ZÀ-ÖØ-Þ\u0100-\u017f\u1e00-\u1eff"
_LOWER = "a-zß-öø-ÿ\u0100-\u017f\u1e00-\u1eff"
_WORD = f"(?:[{_UPPER}][{_LOWER}]+|[{_UPPER}]{{2,}})(?:[-'’][{_UPPER}{_LOWER}]+)?"
_LATIN = (
    f"(?<![{_UPPER}{_LOWER}0-9&@./_-]){_WORD}(?:(?:[ ]+|,[ ]*){_WORD}){{0,4}}(?![{_UPPER}{_LOWER}0-9&@_-])"
)
_LATIN_RE = re.compile(_LATIN)

# Words of organisations, places, documents and English prose: a run holding one is no person's name.
_NOT_NAME_WORDS = frozenset(
    """
    CO LTD INC LLC LLP PLC CORP CORPORATION COMPANY LIMITED GROUP BANK CHINA CHINESE PEOPLE PEOPLE'S
    REPUBLIC THE OF AND FOR IN ON AT BY TO WITH FROM STATE STATES UNITED NATIONAL INTERNATIONAL WORLD
    ORGANIZATION ORGANISATION ASSOCIATION COMMITTEE COMMISSION COUNCIL MINISTRY DEPARTMENT BUREAU OFFICE
    AGENCY ADMINISTRATION GOVERNMENT CENTER CENTRE UNIVERSITY COLLEGE SCHOOL INSTITUTE ACADEMY HOSPITAL
    TRADE TRADING INDUSTRY INDUSTRIAL INDUSTRIES TECHNOLOGY TECHNOLOGIES TECH SCIENCE SCIENCES DEVELOPMENT
    INVESTMENT HOLDINGS HOLDING SERVICE SERVICES SYSTEM SYSTEMS NETWORK NETWORKS DATA SOFTWARE ELECTRONICS
    LOGISTICS MANAGEMENT CONSULTING PARTNERS ENTERPRISE ENTERPRISES FACTORY STORE SHOP HOTEL RESTAURANT
    LAW LAWS ACT ARTICLE CHAPTER SECTION REGULATION REGULATIONS RULES RULE CODE STANDARD STANDARDS
    PROVINCE CITY DISTRICT COUNTY ROAD STREET AVENUE BUILDING ROOM FLOOR NO NUMBER PASSPORT VISA NAME
    SURNAME GIVEN FULL DATE BIRTH SEX MALE FEMALE NATIONALITY TYPE ISSUE EXPIRY PLACE TEL FAX EMAIL
    MAIL WEBSITE PDF WORD EXCEL ISO GB WTO CCTV APP WIFI GPS USB ID IT AI VIP OK NEWS DAILY TIMES POST
    """.split()
)

# A name label before a Latin name (英文名：JOHN SMITH, Name: John Smith).
_LATIN_LABEL_RE = re.compile(
    r"(?:英文名|英文姓名|外文名|外文姓名|护照姓名|护照名|拼音姓名|姓名拼音|姓名|Full name|Name|NAME|Surname|SURNAME)"
    f"[ \\t]*[：:][ \\t]*(?=[{_UPPER}])"
)
_EXPLICIT_LATIN_LABELS = ("英文名", "英文姓名", "外文名", "外文姓名", "护照姓名", "护照名", "Name", "NAME")

# A person's attribute after a name (，女，日本籍 / ，1995年出生 / ，护照号码…).
_ATTRIBUTE_RE = re.compile(
    r"[ \t]*[）)]?[ \t]*[，,、；;]?[ \t]*(?:[男女](?:性)?[，,、；;）)\s]|性别|国籍|护照|出生|\d{4}[年.\-/]"
    f"|[{HAN}]{{1,8}}籍|[{HAN}]{{1,8}}公民|Passport|PASSPORT|passport)"
)


def _name_words(run: str) -> list[str] | None:
    """The words of a Latin run that may be a person's name, or None (an acronym, an organisation)."""
    words = [w for w in re.split(r"[ ,]+", run) if w]
    if not words or any(w.upper().replace("’", "'") in _NOT_NAME_WORDS for w in words):
        return None
    # WTO ISO CCTV: capitals without a vowel, or short capitals only, are acronyms.
    if all(w.isupper() and (len(w) <= 4 and not re.search("[AEIOUY]", w)) for w in words):
        return None
    return words


def _latin_at(norm: str, pos: int) -> re.Match[str] | None:
    m = _LATIN_RE.match(norm, pos)
    return m if m and _name_words(m.group()) else None


def _owner_run(ctx: NameContext, end: int) -> tuple[int, int] | None:
    """The Han (or dotted) run ending at ``end``, when it stands alone: after a line start, a list number,
    punctuation or a space (1．渡边健一（…, 另，朴秀珍（…); its leading dots (of 1.) are not its own."""
    norm = ctx.norm
    s = end
    while s > 0 and end - s < 16 and (is_han(norm[s - 1]) or norm[s - 1] in DOTS):
        s -= 1
    while s < end and norm[s] in DOTS:
        s += 1
    if end - s < 2 or any(norm[i] in DOTS and norm[i + 1 : i + 2] in DOTS for i in range(s, end)):
        return None
    return s, end


_DOTTED_PARTS_RE = re.compile(f"[{HAN}]{{2,5}}(?:[{re.escape(DOTS)}][{HAN}]{{2,6}})+")


def _standalone_owner(ctx: NameContext, s: int, e: int) -> tuple[int, int] | None:
    """The person's name the run before a Latin name ends with: the whole run when it stands alone and
    is short (渡边健一, 约翰·史密斯), else a surname name closing it (越南籍女子阮氏芳 → 阮氏芳)."""
    norm = ctx.norm
    cand = norm[s:e]
    dotted = any(c in DOTS for c in cand)
    whole = (s == 0 or not is_han(norm[s - 1])) and 2 <= e - s <= (12 if dotted else 5)
    shaped = not dotted or ctx.minority(s, e) or _DOTTED_PARTS_RE.fullmatch(cand)
    if whole and shaped and cand not in common_words() and cand not in ctx.dicts.not_names:
        clean = not (
            ctx.p.cue_words.search(cand) or ctx.is_org_run(s) or any(c in STOP_CHARS for c in cand[1:])
        )
        if clean and not is_official(ctx, s, e):
            return s, e
    if dotted:  # 俄罗斯籍男子谢尔盖·伊万诺夫: the dotted name closing the run, after a word
        for a in range(max(s, e - 16), e - 2):
            if ctx.minority(a, e) and (ctx.left_ok(a) or norm[a - 2 : a] in common_words()):
                return a, e
        # 男子乔治·汉森（GEORGE HANSEN，…）: short Han parts joined by a dot, after an ordinary word.
        for a in range(e - 3, max(s, e - 13) - 1, -1):  # the shortest first part
            if _DOTTED_PARTS_RE.fullmatch(norm, a, e) and norm[a - 2 : a] in common_words():
                return a, e
        return None
    for k in (3, 2):
        a = e - k
        if a < s:
            continue
        # 阮氏芳, 陈氏红: a Vietnamese woman's name holds 氏 between surname and given name.
        vietnamese = (
            k == 3 and norm[a + 1] == "氏" and ctx.surname_len(a) == 1 and norm[e - 1] not in STOP_CHARS
        )
        shaped = vietnamese or ctx.plausible(a, e)
        # 女子阮氏芳: an ordinary word may end right before the name.
        left = ctx.left_ok(a) or norm[a - 2 : a] in common_words()
        if a > s and shaped and left and not is_official(ctx, a, e):
            return a, e
    return None


def latin_names(ctx: NameContext, confirmed: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """Latin names of foreign persons and the transliterated names they follow."""
    norm = ctx.norm
    if not re.search(f"[{_UPPER}][{_UPPER}{_LOWER}]", norm):
        return []
    out: list[tuple[int, int]] = []
    ends = {e for _, e in confirmed}
    for m in re.finditer(f"[（(][ \\t]*(?=[{_UPPER}])", norm):
        latin = _latin_at(norm, m.end())
        if latin is None or len(_name_words(latin.group()) or ()) < 2:
            continue
        if not re.match(r"[ \t]*[）)，,；;]", norm[latin.end() : latin.end() + 2]):
            continue
        owner = _owner_run(ctx, m.start())
        attributed = bool(_ATTRIBUTE_RE.match(norm, latin.end()))
        close = norm.find("）", latin.end(), latin.end() + 2)
        close = close if close >= 0 else norm.find(")", latin.end(), latin.end() + 2)
        if close >= 0:
            attributed = attributed or bool(_ATTRIBUTE_RE.match(norm, close))
        owner_found = m.start() in ends
        standing = _standalone_owner(ctx, *owner) if owner is not None else None
        foreign_owner = standing is not None and (ctx.minority(*standing) or ctx.translit_shaped(*standing))
        if not (owner_found or attributed or foreign_owner):
            continue
        if owner is not None and _official_before(ctx, m.start()):
            continue
        out.append((latin.start(), latin.end()))
        if not owner_found and standing is not None:
            out.append(standing)
    for m in _LATIN_LABEL_RE.finditer(norm):
        latin = _latin_at(norm, m.end())
        if latin is None:
            continue
        words = _name_words(latin.group()) or []
        label = m.group().rstrip(" \t：:")
        if len(words) >= 2 or label in _EXPLICIT_LATIN_LABELS:
            out.append((latin.start(), latin.end()))
    # 当事人：JOHN SMITH: a person label (or an official's role, dropped as such later) and a colon.
    for m in re.finditer(f"[：:][ \\t]*(?=[{_UPPER}])", norm):
        if not ctx.cues.ends_at(norm, m.start(), range(2, 8)):
            continue
        latin = _latin_at(norm, m.end())
        if latin is not None and len(_name_words(latin.group()) or ()) >= 2:
            out.append((latin.start(), latin.end()))
    # SMITH JOHN，男，美国籍 / KIM MINJUN，护照号码…: capitals before a person's attribute; any case
    # after a person word (信访人Jean-Pierre Martin, 美国籍女子Emily Carter), before a nationality or
    # passport in brackets (Okafor Chinedu（尼日利亚籍…), or opening a numbered line (2. Ahmed Khalil Saleh，).
    for m in _LATIN_RE.finditer(norm):
        words = _name_words(m.group())
        if not words or len(words) < 2:
            continue
        capitals = all(w.isupper() for w in words)
        if capitals and _CAPITALS_ATTRIBUTE_RE.match(norm, m.end()):
            out.append((m.start(), m.end()))
        elif (
            _BRACKET_ATTRIBUTE_RE.match(norm, m.end())
            or _PERSON_BEFORE_RE.search(norm, max(0, m.start() - 4), m.start())
            or ctx.cues.ends_at(norm, m.start(), range(2, 8))
            or (
                _NUMBERED_BEFORE_RE.search(norm, max(0, m.start() - 8), m.start())
                and norm[m.end() : m.end() + 1] in "，,（("
            )
        ) and not _official_before(ctx, m.start()):
            out.append((m.start(), m.end()))
    return out


_CAPITALS_ATTRIBUTE_RE = re.compile(r"[ \t]*[，,][ \t]*(?:[男女]性?[，,、；;）)\s]|护照|Passport|PASSPORT)")
_BRACKET_ATTRIBUTE_RE = re.compile(f"[ \t]*[（(，,][ \t]*(?:[男女]性?[，,、；;）)]|护照|[{HAN}]{{1,8}}籍)")
_PERSON_BEFORE_RE = re.compile(r"(?:籍|国)?(?:女子|男子|女士|先生|配偶|妻子|丈夫|籍人员|籍公民)$|籍$")
_NUMBERED_BEFORE_RE = re.compile(r"(?:^|\n)[ \t]*\d{1,3}[ \t]*[.、．)）][ \t]*$")


# --- aliases ----------------------------------------------------------------------------------------

# Words only a private person's other name follows; the second group needs a person's name before it.
_PERSONAL_ALIAS_CUES = (
    "曾用名",
    "小名",
    "乳名",
    "绰号",
    "外号",
    "诨名",
    "小名儿",
    "网名",
    "昵称",
    "真名",
    "真实姓名",
    "本名",
    "名叫",
    # 取名党春雷 (a foundling named by the home), 有一个女儿叫“陈小琼” (quoted only).
    "取名",
    "起名",
    "叫",
    # 一名自称“阿杰”的中介 (quoted only, and shaped like a name or a nickname; eleventh session).
    "自称",
)
_NAMING_CUES = ("取名", "起名")
_NICKNAME_RE = re.compile(f"(?:[老阿小][{HAN}]|[{HAN}]{{1,2}}[哥姐叔嫂])")
_OWNED_ALIAS_CUES = ("化名", "别名", "又名", "艺名", "原名")
_QUOTES = "“\"「『‘'"
_CLOSES = "”\"」』’'"
_ALIAS_RE = re.compile(
    # 自称 only before a quote: 自称名叫“黄某” is left to 名叫.
    f"(?P<cue>自称(?=[{_QUOTES}])|"
    f"{'|'.join(sorted(set(_PERSONAL_ALIAS_CUES + _OWNED_ALIAS_CUES) - {'自称'}, key=len, reverse=True))})"
    r"(?P<link>叫做|叫|为|是)?[ \t]*(?P<colon>[：:])?[ \t]*"
    f"(?:(?P<q>[{_QUOTES}])(?P<quoted>[^{_CLOSES}\\n]{{1,12}})[{_CLOSES}]"
    f"|(?P<bare>[{HAN}{re.escape(DOTS)}]{{1,16}}|{_LATIN}))"
)
# What a form writes when there is no other name.
_NO_ALIAS = frozenset("无 暂无 没有 不详 同上 空 略 本人 姓名 未知 不明 无此项".split())
_BRACKET_OPEN = "（("


def alias_names(ctx: NameContext, confirmed: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """Former names, pet names, nicknames and aliases of private persons."""
    norm = ctx.norm
    out: list[tuple[int, int]] = []
    ends = {e for _, e in confirmed}
    for m in _ALIAS_RE.finditer(norm):
        cue_start = m.start("cue")
        # 提起名誉权诉讼, 获取名单: 起名 and 取名 inside other words.
        if m.group("cue") in _NAMING_CUES and (
            norm[cue_start - 1 : cue_start + 1] in common_words()
            or norm[cue_start + 1 : cue_start + 3] in common_words()
        ):
            continue
        opened = cue_start > 0 and norm[cue_start - 1] in _BRACKET_OPEN
        colon = bool(m.group("colon"))
        if m.group("quoted") is not None:
            s, e = m.start("quoted"), m.end("quoted")
            if not _quoted_ok(norm[s:e]) or (m.group("cue") == "叫" and m.group("link")):
                continue
            if m.group("cue") == "自称" and not (
                (_NICKNAME_RE.fullmatch(norm, s, e) and norm[s:e] not in common_words())
                or (e - s in (2, 3) and ctx.plausible(s, e))
            ):
                continue  # 自称“记者”, 自称“某公司员工”: what one claims to be, no name
        else:
            if m.group("cue") in ("叫", "自称") or not (
                opened or colon or m.group("link") or m.group("cue") in _NAMING_CUES
            ):
                continue
            loose = opened or colon or m.group("cue") in _NAMING_CUES
            span = _bare_span(ctx, m.start("bare"), m.end("bare"), loose=loose)
            if span is None:
                continue
            s, e = span
        # The owner: the run before the bracket (王某（曾用名…）) or before the cue (王某曾用名…).
        owner_end = cue_start - 1 if opened else cue_start
        while owner_end > 0 and norm[owner_end - 1] in " \t":
            owner_end -= 1
        if m.group("cue") in _OWNED_ALIAS_CUES and not _person_before(ctx, owner_end, ends):
            continue
        # 某某公司（曾用名：某某厂）, 该村（曾用名李家庄）: a body's or a place's former name.
        owner = _owner_run(ctx, owner_end)
        if _body_or_place(ctx, s, e) or (owner is not None and _body_or_place(ctx, *owner)):
            continue
        if _official_before(ctx, owner_end):
            continue
        out.append((s, e))
        # 另，锁有福（曾用名彭乐乐，…）: the run standing before a person's former name is the person; so is
        # the one before 又名 when a person's attribute vouched for it (武二毛（又名武建军），男，).
        if opened and owner is not None and owner_end not in ends:
            person = _standalone_owner(ctx, *owner)
            if person is not None and (person[1] - person[0] <= 4 or ctx.minority(*person)):
                out.append(person)
    return out


def _body_or_place(ctx: NameContext, s: int, e: int) -> bool:
    """An organisation or a place: 某某厂, 红旗村, 解放路, 李家庄, 王家沟."""
    norm = ctx.norm
    if e <= s or not is_han(norm[s]):
        return False
    if ctx.is_org_run(s) or norm[e - 1] in PLACE_END or norm[e - 1] in GEO_END or norm[e - 1] in "庄屯营堡寨":
        return True
    return any(norm[s:e].endswith(suffix) for suffix in ORG_SUFFIXES)


def _quoted_ok(cand: str) -> bool:
    cand = cand.strip()
    if not cand or cand in _NO_ALIAS:
        return False
    return all(is_han(c) or c in DOTS or c.isalpha() or c == " " for c in cand)


def _bare_span(ctx: NameContext, s: int, e: int, *, loose: bool) -> tuple[int, int] | None:
    """An unquoted alias: the whole run when punctuation closes it (（曾用名韦福贵，…）, 曾用名：二毛⏎),
    else a name-shaped start of it closed where a name may end."""
    norm = ctx.norm
    cand = norm[s:e]
    if cand in _NO_ALIAS or cand[0] in STOP_CHARS or (not is_han(cand[0]) and not cand[0].isalpha()):
        return None
    if not is_han(cand[0]):  # a Latin alias
        return (s, e) if loose and _name_words(cand) else None
    closed = e >= len(norm) or norm[e] in "，,）)；;。、\n \t：:"
    if closed and 2 <= e - s <= (16 if any(c in DOTS for c in cand) else 6) and loose:
        if not (ctx.cues.at(norm, s) or ctx.is_org_run(s)):
            return s, e
    if ctx.minority(s, e) and closed:
        return s, e
    for end in (s + 3, s + 2):
        if end < e and ctx.plausible(s, end) and ctx.firm_end(end):
            return s, end
    return None


# 何某, 欧阳某某: a name masked by hand.
_MASKED_NAME_RE = re.compile(f"[{HAN}]{{1,2}}某{{1,2}}$")


def _person_before(ctx: NameContext, end: int, ends: set[int]) -> bool:
    """A person's name ends at ``end``: a confirmed one, or a surname name or a minority name."""
    if end in ends or _MASKED_NAME_RE.search(ctx.norm, max(0, end - 4), end):
        return True
    norm = ctx.norm
    for k in (4, 3, 2):
        a = end - k
        if a < 0 or not (ctx.plausible(a, end) or ctx.minority(a, end)):
            continue
        # 被告人吕建军（别名…）: a word (a person word) may end right before the name.
        if (
            ctx.left_ok(a)
            or norm[max(0, a - 2) : a] in common_words()
            or norm[max(0, a - 3) : a] in common_words()
        ):
            return True
    return False


def _official_before(ctx: NameContext, end: int) -> bool:
    """The name ending at ``end`` is an official's named in role (局长王某（曾用名…）)."""
    norm = ctx.norm
    for s in range(max(0, end - 16), end - 1):
        if (is_han(norm[s]) or norm[s] in DOTS) and (is_official(ctx, s, end) or _official_label(ctx, s)):
            return True
    return False


# Labels of a notice's own staff, besides the official roles of ``cues.yaml`` (公证员：爱新觉罗·德林).
_STAFF_LABELS = ("公证员", "书记员", "审判员", "审判长", "执行员", "陪审员", "联络员")


def _official_label(ctx: NameContext, s: int) -> bool:
    """A role label and a colon right before ``s`` on its line, spaces ignored (联 系 人：, 公证员：)."""
    norm = ctx.norm
    line_start = norm.rfind("\n", 0, s) + 1
    before = re.sub(r"[ \t]+", "", norm[max(line_start, s - 20) : s])
    if not before.endswith(("：", ":")):
        return False
    return before[:-1].endswith(_STAFF_LABELS) or bool(ctx.p.role_before.search(before))


# --- clan names -------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4)
def _clans(extra: str | None) -> tuple[str, ...]:
    words = set(_read_words(DATA_DIR / "clan_surnames.txt"))
    if extra:
        words.update(_read_words(Path(extra) / "clan_surnames.txt"))
    return tuple(sorted(words, key=len, reverse=True))


# After a clan name these make a clan, not a person (爱新觉罗氏, 爱新觉罗家族, 爱新觉罗后裔).
_CLAN_NOT_GIVEN = frozenset("氏家族后皇宗王朝姓部世")


def clan_names(ctx: NameContext) -> list[tuple[int, int]]:
    """爱新觉罗·恒山, 叶赫那拉英华: a clan name and one or two given characters (three after a dot)."""
    norm = ctx.norm
    clans = _clans(extra_data_dir())
    firsts = {c[0] for c in clans}
    if not any(ch in norm for ch in firsts):
        return []
    pattern = re.compile(f"(?:{'|'.join(map(re.escape, clans))})(?P<dot>[{re.escape(DOTS)}])?(?=[{HAN}])")
    out = []
    for m in pattern.finditer(norm):
        g = m.end()
        if norm[g] in _CLAN_NOT_GIVEN or _official_label(ctx, m.start()):
            continue
        longest = 3 if m.group("dot") else 2
        for end in range(min(len(norm), g + longest), g, -1):
            given = norm[g:end]
            if not all(is_han(c) for c in given) or any(c in STOP_CHARS for c in given):
                continue
            if len(given) >= 2 and given in common_words() and not m.group("dot"):
                continue
            # 女儿爱新觉罗·毓晖违规办理: after a dot two characters end before an ordinary word.
            word_after = m.group("dot") and end - g == 2 and norm[end : end + 2] in common_words()
            if ctx.boundary(end) or ctx.firm_end(end) or word_after:
                out.append((m.start(), end))
                break
    return out


# --- compound surnames and surnames only a person word vouches for -------------------------------------

# 复姓 that are also ordinary words or places (东方红, 南门, 即墨区, 微生物): left to the other rules.
_WORD_COMPOUNDS = frozenset(
    "东方 东门 南门 西门 北门 百里 即墨 濮阳 微生 子车 司空 单于 长孙 段干 公羊 轩辕".split()
)
_NUMERALS = frozenset("二两三四五六七八九十几")
_CLASSIFIERS = frozenset("人名户位个家")
_NAME_NOT_END = GEO_END | frozenset("川江山峰岭")


@functools.lru_cache(maxsize=4)
def _cue_surnames(extra: str | None) -> frozenset[str]:
    words = set(_read_words(DATA_DIR / "cue_surnames.txt"))
    if extra:
        words.update(_read_words(Path(extra) / "cue_surnames.txt"))
    return frozenset(words)


@functools.lru_cache(maxsize=4)
def _surname_re(compounds: frozenset[str], singles: frozenset[str]) -> re.Pattern[str]:
    alternatives = sorted(compounds | singles, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, alternatives)) + f"(?=[{HAN}])")


def surname_names(ctx: NameContext) -> list[tuple[int, int]]:
    """Names with a compound surname (呼延跃进, 南宫胜利), whatever their given name, where a name may start
    and end; names with a surname of ``cue_surnames.txt`` (虎玉兰) right after a person word."""
    norm = ctx.norm
    singles = _cue_surnames(extra_data_dir())
    pattern = _surname_re(ctx.dicts.compound_surnames, singles)
    words = common_words()
    out = []
    for m in pattern.finditer(norm):
        s, g = m.start(), m.end()
        compound = g - s == 2
        # 马上官员, 大司马: a word runs across the surname's first character.
        if s > 0 and (norm[s - 1 : s + 1] in frequent_words() or (s > 1 and norm[s - 2 : s + 1] in words)):
            continue
        cue_only = m.group() in singles or m.group() in _WORD_COMPOUNDS
        compound = compound and not cue_only
        if compound:  # a compound surname is rare enough in prose to open a name wherever it stands
            left = True
        else:
            left = ctx.cues.ends_at(norm, s, range(2, 8)) and norm[s - 1] not in "的"
        if not left:
            continue
        for glen in (2, 1) if compound else (2,):
            e = g + glen
            if e > len(norm) or not _given_chars_ok(ctx, g, e, strict=not compound):
                continue
            cand = norm[s:e]
            if cand in ctx.dicts.not_names or cand[-1] in _NAME_NOT_END or cand[-1] in PLACE_END:
                continue
            if glen == 2 and norm[e - 1 : e + 1] in words:  # 欧阳明确认: 确认 is the next word
                continue
            # 欧阳明三人: a numeral and a classifier count the people named before them.
            if glen == 2 and norm[e - 1] in _NUMERALS and norm[e : e + 1] in _CLASSIFIERS:
                continue
            # 因其子欧阳一鸣患重病: after a person word or 的 a compound surname's two given characters.
            vouched = compound and glen == 2 and (ctx.left_ok(s) or norm[s - 1 : s] == "的")
            if vouched or ctx.boundary(e) or ctx.firm_end(e) or norm[e : e + 2] in words:
                out.append((s, e))
                break
    return out


def _given_chars_ok(ctx: NameContext, g: int, e: int, *, strict: bool) -> bool:
    given = ctx.norm[g:e]
    if given in STOP_GIVEN:  # 澹台向阳: a name of the 1950s–70s that opens with a function character
        return True
    for c in given:
        if not is_han(c) or c in STOP_CHARS or c in MASKED_GIVEN:
            return False
        if c in NON_GIVEN and c not in ctx.dicts.given_name_chars:
            return False
    if strict:  # 虎玉兰: two given-name characters (or a given name the model likes), no ordinary word
        if given in verbish_words() or given in frequent_words():
            return False
        known = all(c in ctx.dicts.given_name_chars for c in given)
        return known or (ctx.model is not None and ctx.model.score("王" + given, 1) >= SCORE_ALONE)
    return True


# --- foreign and minority names vouched for by what stands around them -----------------------------

# A dotted name before a person's attribute: 约翰•约翰逊，男，加拿大籍 / 彼得．威廉姆斯（PETER …）.
_ATTRIBUTED_DOTTED_RE = re.compile(
    f"[{HAN}]{{1,6}}(?:[{re.escape(DOTS)}][{HAN}]{{1,8}})+"
    f"(?=[ \t]*[，,（(][ \t]*(?:[男女]性?[ \t]*[，,、；;）)]|[{HAN}]{{1,8}}籍|国籍|护照|出生|\\d{{4}}年))"
)


def attributed_dotted(ctx: NameContext) -> list[tuple[int, int]]:
    """Transliterated names with a dot before a person's attribute (gender, nationality, passport), at a
    line's or a clause's head or after an ordinary word, whatever their characters."""
    norm = ctx.norm
    out = []
    for m in _ATTRIBUTED_DOTTED_RE.finditer(norm):
        first_dot = min(i for i in (norm.find(d, m.start(), m.end()) for d in DOTS) if i >= 0)
        for a in range(first_dot - 2, max(m.start(), first_dot - 6) - 1, -1):  # the shortest first part
            head = a == 0 or not is_han(norm[a - 1])
            if head or ctx.left_ok(a) or norm[max(0, a - 2) : a] in common_words():
                if not (ctx.p.cue_words.search(norm, a, m.end()) or ctx.is_org_run(a)):
                    out.append((a, m.end()))
                break
    return out


def minority_after_person_word(ctx: NameContext) -> list[tuple[int, int]]:
    """其子阿的阿果残疾, 岳父阿的莫色冒领: a minority name of two or more syllables right after a person
    word, closed by an ordinary word as well as by a follower."""
    norm = ctx.norm
    model = ctx.model
    if model is None:
        return []
    words = common_words()
    out = []
    for m in ctx.p.nouns.finditer(norm):
        s = m.end("noun")
        if norm[s] not in model.first_chars:
            continue
        for e in range(min(len(norm), s + 6), s + 2, -1):
            if model.syllable_count(norm[s:e]) < 2 or not all(is_han(c) for c in norm[s:e]):
                continue
            if norm[s:e] in words or norm[s:e] in ctx.dicts.not_names:
                continue
            if ctx.boundary(e) or ctx.firm_end(e) or norm[e : e + 2] in words:
                out.append((s, e))
                break
    return out


# 雇员“亚妹”（黄美凤）, 老住户麦婆婆（麦少英）, 组长“老蓝”（蓝开国）: a nickname and the full name in a
# bracket right after it (eleventh session).
_NICKNAME_BRACKET_RE = re.compile(
    f"(?P<q>[{_QUOTES}]?)(?P<nick>[老阿亚小][{HAN}]{{1,2}}?|[{HAN}]{{1,2}}?(?:伯|婆婆|叔|姐|哥|嫂|婆|公))"
    f"[{_CLOSES}]?[（(](?P<real>[{HAN}]{{2,3}})[，,)）]"
)


def nickname_pairs(ctx: NameContext) -> list[tuple[int, int]]:
    """The nickname and the full name of ``_NICKNAME_BRACKET_RE``: the full name a surname and a given
    name, the nickname no ordinary word and sharing the surname (麦婆婆, 老蓝) or quoted (亚妹)."""
    norm = ctx.norm
    out: list[tuple[int, int]] = []
    for m in _NICKNAME_BRACKET_RE.finditer(norm):
        (s, e), (rs, re_) = m.span("nick"), m.span("real")
        nick, real = norm[s:e], norm[rs:re_]
        if not ctx.surname_len(rs) or not ctx.plausible(rs, re_) or nick in common_words():
            continue
        shares = real[0] in nick
        if not (shares or m.group("q")):
            continue
        if shares and not m.group("q"):
            s += nick.index(real[0])  # 老住户麦婆婆: the nickname opens with the surname (or 老/阿 before it)
            if s > m.start("nick") and norm[s - 1] in "老阿亚小":
                s -= 1
        out += [(s, e), (rs, re_)]
    return out


def other_names(ctx: NameContext, confirmed: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """All spans of this module (run from ``find_names`` with the spans found so far)."""
    if ctx.model is None:
        return []
    spans = latin_names(ctx, confirmed) + alias_names(ctx, confirmed) + clan_names(ctx) + surname_names(ctx)
    spans += nickname_pairs(ctx)
    spans += attributed_dotted(ctx) + minority_after_person_word(ctx)
    # 联 系 人：南宫招娣: a notice's contact named after a spaced-out role label is an official.
    return [(s, e) for s, e in spans if not _official_label(ctx, s)]
