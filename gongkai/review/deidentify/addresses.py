"""Home-address detection: the house, building, unit and room part after a road or village.

Masking keeps the city, district and road (``沈阳市和平区南京北街***``) and drops the residential
community, house, building, unit and room numbers (work-plan task 26). Office addresses — after
``办公地址``, ``受理地点`` and the like, a company's 住所, or a plain 地址 in an organ's contact block
(``numbers.contact_block_verdict``) — are kept.
"""

from __future__ import annotations

import functools
import re

from gongkai.review.deidentify import numbers
from gongkai.review.deidentify.dictionaries import Dictionaries
from gongkai.review.deidentify.findings import ADDRESS, Finding, values_between

HAN = "\u4e00-\u9fff"
_NUM = r"(?:[甲乙丙丁]?\d+(?:[-—]\d+)*|[一二三四五六七八九十百零〇两]{1,4}|[A-Z]\d{0,2}(?=[座栋幢区]))"
# 社 and 队 are village groups too (七里店村三社41号, 园子村六队21号).
_UNIT = (
    _NUM
    + r"[ \t]?(?:号院|号楼|号门|号房|号|栋|幢|座|单元|楼|层|室|户|组|社|队|弄|门|房)(?:附\d+号|之[一二三四五六七八九十\d]{1,2})?"
)
# A shop or garage word inside a door (1幢底商102室, 3号楼车库12号).
_SHOP = r"(?:底商|商铺|门面|门市|车库|储藏间|储藏室|地下室)"
_DASH = r"\d{1,4}-\d{1,3}(?:-\d{1,4}){1,2}(?:室|号)?"
_DOOR = (
    rf"(?:{_UNIT}|{_DASH})(?:(?:[ ,，\-]|{_SHOP})?(?:{_UNIT}|{_DASH})){{0,6}}"
    # 1单元702, C栋2-906, 86栋1单元2-1, 芙蓉里9号101: a room after the building, unit or house without 室.
    rf"(?:(?<=[楼栋幢座元层门号])(?:\d{{3,4}}|\d{{1,2}}-\d{{1,4}})(?![0-9号]))?"
)
_COMMUNITY = (
    r"(?:小区|花园|家园|公寓|新村|新城|苑|庄园|大厦|广场|社区|园|院|城|湾|里|庄|府|公馆|名都|嘉园|雅居)"
)
_DOOR_RE = re.compile(rf"(?<![0-9第\-A-Za-z]){_DOOR}(?:[{HAN}]{{1,12}}?{_COMMUNITY}{_DOOR})?(?![0-9])")
_ROAD_LEVEL = frozenset("路街道巷弄村屯镇乡区县市旗胡")
_COMMUNITY_END_RE = re.compile(rf"{_COMMUNITY}$")
# Rural and old-town place endings (嘎查, 子耳坡, 西南隅, 北地三委, 曾厝垵西边社, 同福中路四约) anchor a door too.
_ANCHOR_RE = re.compile(
    r"(?:大街|大道|胡同|路|街|巷|弄|村|屯|组|里|庄|道|嘎查|坡|隅|委|社|队|沟|岭|坪|塘|洼|峪|堡|寨|坊|约)$|"
    + _COMMUNITY
    + "$"
)
# A road's section or side between the road and the door (新城大道南段42号, 长征大道东侧…): part of the door.
_SECTION_RE = re.compile(r"(?:[东西南北中上下]段|[东西南北]侧)$")
_ROAD_END_RE = re.compile(r"(?:路|街|巷|道)$")
# Housing estates and projects named without a road (某某公租房8号楼5单元602室, issue 9).
_ESTATE_RE = re.compile(
    r"(?:公租房|廉租房|安置房|周转房|保障房|经济适用房|回迁楼|回迁房|还迁房|还迁楼|拆迁房|棚改房|限价房|共有产权房"
    r"|租赁住房|住房|公房|人才公寓|宿舍楼?|家属院|家属楼|项目|楼盘|小区|安置小区)$"
)
# A door part that can only be a dwelling: a building followed by a unit or a room.
_DWELLING_RE = re.compile(r"(?:号楼|栋|幢|座)[^\n]{0,12}?(?:单元|室|\d{3,4}$)|单元[^\n]{0,8}?室")
_RESIDENTIAL_RE = re.compile(r"单元|室|户|(?<!\d)\d+-\d+-\d+")
_PUBLIC_ROOM_RE = re.compile(
    r"[一二三四五六七八九十\d]{0,2}[楼层]?(?:服务大厅|政务大厅|办事大厅|听证室|会议室|接待室|调解室|办公室|服务窗口|窗口)"
)
_ORG_CONTEXT_RE = re.compile(
    r"公司|合作社|企业|集团|商行|中心|医院|学校|协会|政府|委员会|局|厅|办公室|经营部|门市"
)
_OFFICE_OWNER_RE = re.compile(
    r"本机关|我机关|本局|我局|本委|我委|本办|我办|本单位|我单位|本院|我院|本中心|我中心"
)
_COMPANY_ADDRESS_CUES = ("住所", "住所地", "地址", "经营场所", "注册地址")
# Cues that say nothing of whose address follows: an organ's contact block decides (地址：…  邮编：…),
# or the organ named right after the door (通信地址：…长江路100号区委组织部), unless it is an estate.
_PLAIN_ADDRESS_CUES = ("地址", "通讯地址", "通信地址", "联系地址", "邮寄地址")
_ORGAN_AFTER_RE = re.compile(rf"[{HAN}（）()]{{3,30}}?{numbers.ORGAN_SUFFIX}[ \t]*(?:$|[\n，,。；;])", re.M)
_COMMUNITY_WORD_RE = re.compile(r"小区|花园|家园|公寓|新村|宿舍|家属|楼|单元")
# Public business-place cues that a sole trader's flat overrides (经营场所：…1幢底商102室).
_BUSINESS_PLACE_CUES = ("经营场所", "经营地址")
# A door with no place name before it that is still a home: a bare building-unit-room triple
# (你们三户（21-1-302、21-2-401）) or a village group and house number (村民王某（二组47号）).
_BARE_TRIPLE_RE = re.compile(r"\d{1,3}-\d{1,2}-[1-9]\d{2,3}(?:室|号)?")
_GROUP_HOUSE_RE = re.compile(r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})组\d{1,4}号")
# An organisation right before 名下 (某某有限公司名下位于…的厂房): its property, not a person's.
_ORG_BEFORE_RE = re.compile(
    r"(?:公司|合作社|企业|集团|商行|中心|医院|学校|协会|政府|委员会|局|厂|店|社)[ \t]*$"
)


def _last_cue(before: str, cues: list[str]) -> tuple[int, str]:
    """The cue ending last in ``before`` as (end offset, cue), the longest of those ending there
    (邮寄地址 rather than 地址); (-1, "") when there is none."""
    if not cues:
        return -1, ""
    # Read backwards, the cue ending last is the one starting first, and the longest is tried first.
    m = _reversed_cues_re(tuple(cues)).search(before[::-1])
    return (len(before) - m.start(), m.group()[::-1]) if m else (-1, "")


@functools.lru_cache(maxsize=8)
def _reversed_cues_re(cues: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(re.escape(c[::-1]) for c in sorted(cues, key=len, reverse=True)))


def find_addresses(
    norm: str, original: str, dicts: Dictionaries, personal_spans: list[tuple[int, int]]
) -> list[Finding]:
    """Residential door parts of addresses, using cues and nearby personal findings."""
    personal_cues = dicts.cues.get("address_personal_cues", [])
    public_cues = dicts.cues.get("address_public_cues", [])
    found: list[Finding] = []
    personal_ends = sorted(e for _, e in personal_spans)
    for m in _DOOR_RE.finditer(norm):
        start, end = m.start(), m.end()
        seg_start = start
        while seg_start > 0 and start - seg_start < 24 and "\u4e00" <= norm[seg_start - 1] <= "\u9fff":
            seg_start -= 1
        segment = norm[seg_start:start]
        section = _SECTION_RE.search(segment)
        if section and _ANCHOR_RE.search(segment, 0, section.start()):
            start -= len(section.group())
            segment = segment[: section.start()]
        bare = ""
        if not segment:
            if _BARE_TRIPLE_RE.fullmatch(norm, start, end):
                bare = "triple"
            elif _GROUP_HOUSE_RE.match(norm, start, end):
                bare = "group"
            else:
                continue
        elif not _ANCHOR_RE.search(segment) and not _ESTATE_RE.search(segment):
            # After any other place name, only a building with a unit or a room is a home.
            if not _DWELLING_RE.search(norm, start, end) or _ORG_CONTEXT_RE.search(segment):
                continue
        community = _COMMUNITY_END_RE.search(segment)
        if community and not _ROAD_END_RE.search(segment):
            cut = max(
                (i for i, ch in enumerate(segment[: community.start()]) if ch in _ROAD_LEVEL), default=-1
            )
            if 0 <= cut < len(segment) - 1 and len(segment) - cut - 1 <= 12:
                start = seg_start + cut + 1
        # 宁夏路160号服务大厅, 江城路703号三楼听证室: a public room of an office.
        if _PUBLIC_ROOM_RE.match(norm, end):
            continue
        if not _is_personal(norm, start, end, personal_cues, public_cues, personal_ends, bare, dicts):
            continue
        if _organ_contact_address(norm, start, end, personal_cues, dicts):
            continue
        found.append(Finding(ADDRESS, start, end, original[start:end], "address_door", 0.85))
    return found


# A village's group or hamlet (坳脑村下塅组, 甲篆村坡纳屯, 北湾村五社): below the village, a handful of
# households, masked on a line naming a person (eleventh session). Not 村委会组织, 村小组长, 村社区, 村合作社.
_VILLAGE_GROUP_PART_RE = re.compile(
    rf"(?<=[村查])(?:[一二三四五六七八九十\d]{{1,3}}|(?:(?![村镇乡街县区])[{HAN}]){{1,4}}?)(?:村民小组|小组|组|屯|社)(?<!作社)(?<!旅社)(?<!报社)(?<!公社)(?![织成长建合员团区])"
)


# 村民小组 alone (村民王某，第3村民小组 is kept as the bench's forms keep it) is no group name of its own.
_VILLAGE_GROUP_WORD_RE = re.compile(r"村民小组|小组|民小组")


def find_village_groups(norm: str, original: str, personal_spans: list[tuple[int, int]]) -> list[Finding]:
    """Village groups and hamlets on a line holding a person's name or number (a door found before
    wins any overlap in ``find_personal_data``)."""
    found: list[Finding] = []
    if not personal_spans:
        return found
    lines = {norm.rfind("\n", 0, s) + 1 for s, _ in personal_spans}
    for m in _VILLAGE_GROUP_PART_RE.finditer(norm):
        start, end = m.span()
        if norm.rfind("\n", 0, start) + 1 not in lines or _VILLAGE_GROUP_WORD_RE.fullmatch(norm, start, end):
            continue
        found.append(Finding(ADDRESS, start, end, original[start:end], "village_group", 0.75))
    return found


def _organ_contact_address(
    norm: str, start: int, end: int, personal_cues: list[str], dicts: Dictionaries
) -> bool:
    """True for a non-residential door after a plain address cue in an organ's contact block
    (地址：大连市西岗区长江路100号  邮编：116011⏎电话：0411-…⏎邮箱：…)."""
    line_start = norm.rfind("\n", 0, start) + 1
    _, cue = _last_cue(norm[max(line_start, start - 60) : start], personal_cues)
    if cue not in _PLAIN_ADDRESS_CUES or _RESIDENTIAL_RE.search(norm, start, end):
        return False
    organ = _ORGAN_AFTER_RE.match(norm, end)
    if organ and not _COMMUNITY_WORD_RE.search(organ.group()):
        return True  # 通信地址：…长江路100号区委组织部: the organ named right after its door
    line_end = norm.find("\n", end)
    if line_end >= 0 and numbers.closed_by_office_contacts(norm, line_end):
        return True  # 联系地址：…⏎联系电话：0971-…⏎2025年5月20日, closing the notice
    if line_end >= 0 and numbers.closing_contact_line(norm, line_start, line_end):
        return True  # 联系地址：…28号　电话：0429-…⏎2024年11月5日, on one line
    return numbers.contact_block_verdict(norm, start, end, dicts) == 2


def _sole_traders_home(norm: str, start: int, end: int, dicts: Dictionaries | None) -> bool:
    """True for a business place that is a private person's flat: a door with a room (1幢底商102室)
    in a block whose nearest telling line is a private person's (公民身份号码：…), with no company,
    shop chain or organ named on the lines above (当事人：某某（个体工商户“某某烘焙坊”经营者））."""
    line_end = norm.find("\n", end)
    if dicts is None or not _RESIDENTIAL_RE.search(
        norm, start, min(end + 8, len(norm) if line_end < 0 else line_end)
    ):
        return False
    above = norm.rfind("\n", 0, start)
    for _ in range(2):  # the two lines above the door's line, and that line
        above = norm.rfind("\n", 0, max(0, above))
    if _ORG_CONTEXT_RE.search(norm, max(0, above), start):
        return False
    return numbers.contact_block_verdict(norm, start, end, dicts) == -1


_REPRESENTATIVE_LINE_RE = re.compile(r"[ \t]*(?:法定代表人|负责人|主要负责人)")


def _representatives_only(norm: str, lo: int, hi: int, personal_ends: list[int]) -> bool:
    """Every person found between ``lo`` and ``hi`` stands on a 法定代表人/负责人 line: a company's
    officer, so the 地址/住所 after them is the company's (当事人名称：某公司⏎法定代表人：某⏎地址：…)."""
    door_line = norm.rfind("\n", 0, hi) + 1
    for end in values_between(personal_ends, lo, hi):
        line_start = norm.rfind("\n", 0, end) + 1
        # 负责人：某，身份证号码：…，住所：…: the officer's own home on his line.
        if line_start == door_line or not _REPRESENTATIVE_LINE_RE.match(norm, line_start):
            return False
    return True


def _is_personal(
    norm: str,
    start: int,
    end: int,
    personal_cues: list[str],
    public_cues: list[str],
    personal_ends: list[int],
    bare: str = "",
    dicts: Dictionaries | None = None,
) -> bool:
    line_start = norm.rfind("\n", 0, start) + 1
    window_start = max(line_start, start - 60)
    before = norm[window_start:start]
    pub_at, pub_cue = _last_cue(before, public_cues)
    per_at, per_cue = _last_cue(before, personal_cues)
    if pub_at >= 0 and pub_at >= per_at:
        return pub_cue in _BUSINESS_PLACE_CUES and _sole_traders_home(norm, start, end, dicts)
    if per_at >= 0 and _OFFICE_OWNER_RE.search(before, max(0, per_at - len(per_cue) - 6)):
        return False  # 本机关联系地址：… is the office's address
    near_person = bool(values_between(personal_ends, window_start - 60, start))
    if per_at >= 0:
        cue_start = window_start + per_at - len(per_cue)
        if per_cue in _COMPANY_ADDRESS_CUES:
            # 被申请人：某某科技有限公司，住所地…: an organisation on the line before the cue and no
            # person found there is the owner, whoever was named on the lines above.
            if _ORG_CONTEXT_RE.search(norm, line_start, cue_start) and not values_between(
                personal_ends, line_start, cue_start
            ):
                return False
            if _ORG_CONTEXT_RE.search(norm, max(0, start - 120), start) and (
                not near_person or _representatives_only(norm, window_start - 60, start, personal_ends)
            ):
                return False
        if per_cue == "名下" and _ORG_BEFORE_RE.search(norm, line_start, cue_start):
            return False
        return True
    if near_person:
        return True
    if bare == "triple":
        return True  # a building-unit-room triple is a dwelling whoever else the line names
    return bool(_RESIDENTIAL_RE.search(norm, start, end)) and not _ORG_CONTEXT_RE.search(before)
