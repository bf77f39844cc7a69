"""Chinese person-name detection from context cues and dictionaries (work-plan task 26).

A name is a surname (单姓 or 复姓) plus one or two given-name characters. A bare run of Han characters
is never enough: a candidate needs a cue — a label (``当事人：``), a noun (``村民``), a follower
(``，男，``, ``先生``, ``反映``), a salutation line (``王某某：`` followed by ``您``), a table row
carrying other personal data, or an earlier confirmed occurrence in the same text. Public officials
named in their role (``局长王某``, ``执法人员：李某``, appointment notices) are kept.

With the name model (``namemodel.py``, issue 9) a second signal joins the cues: a likelihood score for
surname + given name, names with no surname (minority syllables, dotted transliterations), runs standing
alone in lists and tables, ordinary words used as names after a strong cue, and document consistency
(a party laid out like a confirmed one, a confirmed name split across table cells).

Modules: ``context`` (per-text state, cue patterns, shape checks, officials), ``lists`` (enumerations,
numbered lists, head counts, runs standing alone), ``tables`` (person columns of flattened tables),
``consistency`` (same layout, split cells, repeats), ``sandwich`` (a name between a person word and a
person's verb); this module runs them in order (``find_names``).
"""

from __future__ import annotations

import re

from gongkai.review.deidentify.dictionaries import Dictionaries, common_words, frequent_words, verbish_words
from gongkai.review.deidentify.findings import PERSON_NAME, Finding
from gongkai.review.deidentify.namemodel import NameModel
from gongkai.review.deidentify.names.aliases import other_names
from gongkai.review.deidentify.names.consistency import (
    household_rows,
    mou_forms,
    propagate,
    same_layout,
    same_rows,
    split_cells,
)
from gongkai.review.deidentify.names.context import (
    DOTS,
    FUNCTION_LIKE_SURNAMES,
    HAN,
    HONORIFICS,
    MASKED_GIVEN,
    NON_GIVEN,
    PLACE_END,
    SCORE_ALONE,
    SCORE_FULL_NAME,
    SCORE_WORD_NAME,
    STOP_CHARS,
    NameContext,
    is_official,
    labelled_plausible,
    official_anywhere,
    unknown_name,
)
from gongkai.review.deidentify.names.coowners import coowner_names, neighbour_names
from gongkai.review.deidentify.names.kin import kin_names
from gongkai.review.deidentify.names.listmates import listmates
from gongkai.review.deidentify.names.lists import (
    class_lists,
    counted_lists,
    dotted_names,
    enumerated,
    list_items,
    name_lists,
    paid_items,
    standalone,
    village_rows,
)
from gongkai.review.deidentify.names.sanctioned import sanctioned_names
from gongkai.review.deidentify.names.sandwich import sandwiched_names
from gongkai.review.deidentify.names.shortform import short_form_names
from gongkai.review.deidentify.names.slots import slot_names
from gongkai.review.deidentify.names.subjects import clause_subjects, quoted_names, quoted_speakers
from gongkai.review.deidentify.names.tables import name_column_cells, split_name_columns

# Rules of the name model; in an appointment notice they stay silent like the unlabelled rules.
_MODEL_RULES = frozenset(
    {
        "dotted_name",
        "minority_name",
        "name_model",
        "name_model_list",
        "counted_list",
        "paid_list",
        "same_layout",
        "same_rows",
        "slot",
        "list_consistency",
        "sandwich",
        "label_field",
        "coowners",
        "household",
        "clause_subject",
        "kin",
        "alias",
    }
)

# What follows the name of an autonomous area (凉山彝族自治州, 长白朝鲜族自治县).
_AUTONOMOUS_AREA_RE = re.compile(f"[{HAN}]{{0,5}}族自治[州县区旗乡]")

_ADDRESSED_BODY_RE = re.compile(
    r"单位|部门|公司|机关|委员会|政府|社区|村委|居委|各|全体|同志们|朋友|企业|群众"
)

_LABEL_LINE_RE = re.compile(f"(?P<name>[{HAN}{re.escape(DOTS)}]{{2,16}}?)[ \\t]*[：:][ \\t]*(?:\\n|$)")


def find_names(
    norm: str,
    original: str,
    dicts: Dictionaries,
    *,
    personal_lines: set[int] | None = None,
    model: NameModel | None = None,
) -> tuple[list[Finding], set[str]]:
    """Return person-name findings and the set of names judged to be officials.

    ``personal_lines`` holds the start offsets of lines that already carry personal data (an ID
    number, a mobile): table cells on those lines that look like names are names. With ``model`` (the
    name model) the cues are joined by a second signal: names in lists and alone between punctuation,
    names without a surname, ordinary words used as names after a strong cue, and every line laid out
    like one holding a confirmed name (issue 9).
    """
    ctx = NameContext(norm, dicts, model)
    p = ctx.p
    spans: dict[tuple[int, int], tuple[str, float]] = {}
    officials: set[str] = set()

    def add(
        span: tuple[int, int] | None,
        rule: str,
        conf: float,
        *,
        labelled: bool = False,
        weak: bool = False,
        after_cue: bool = False,
        anchored: bool = False,
        shaped: bool = False,
    ) -> None:
        if span is None:
            return
        s, e = span
        if _AUTONOMOUS_AREA_RE.match(norm, e):  # 凉山彝族自治州: a place
            return
        if shaped:  # the rule has judged the shape itself (slots.py)
            labelled = weak = False
        elif not _shape_ok(s, e, rule, labelled=labelled, weak=weak, after_cue=after_cue, anchored=anchored):
            return
        if is_official(ctx, s, e):
            officials.add(norm[s:e])
            return
        # In an appointment notice an unlabelled name is most likely the appointee: leave it, but do not
        # treat it as an official elsewhere (a 当事人 of the same text is still masked).
        if ctx.appointment_doc and (not labelled or rule in _MODEL_RULES):
            return
        if span not in spans or spans[span][1] < conf:
            spans[span] = (rule, conf)

    def _shape_ok(
        s: int, e: int, rule: str, *, labelled: bool, weak: bool, after_cue: bool, anchored: bool
    ) -> bool:
        # 承租人：黄河，/ 尊敬的夏天女士：an ordinary word on the not-a-name list, firmly anchored, is a name.
        listed_word = anchored and _listed_word_name(ctx, s, e)
        if not labelled and not listed_word and not ctx.plausible(s, e):
            return False
        # 拉毛次仁: a minority name is no ordinary word, whatever its characters (次 is rare in Han names).
        if weak and not ctx.minority(s, e) and ctx.wordlike(s, e, after_cue=after_cue):
            # 住户黄海涛家: a name opening with a word (黄海) that the name model rates very highly.
            full = rule == "person_noun" and ctx.likely_full_name(s, e, ctx.surname_len(s))
            return full or _word_name(ctx, s, e, rule)
        return not (labelled and not listed_word and not labelled_plausible(ctx, s, e))

    def person_is(end: int) -> None:
        """摊主为佟某，/ 实际经营者是王某。: a person word, 为 or 是, then who it is (ninth session)."""
        span = ctx.forward(end + 1, strong=False) if end + 1 < len(norm) else None
        if span is not None and ctx.firm_end(span[1]):
            add(span, "person_noun", 0.85, weak=True, after_cue=True)

    # 王某受到党内警告处分: first, so that no office before the name makes it an official's.
    for span in sanctioned_names(ctx):
        add(span, "sanctioned", 0.85, shaped=True)
    label_matches = sorted(
        [*p.labels.finditer(norm), *p.bracket_labels.finditer(norm)], key=lambda m: m.start()
    )
    for m in label_matches:
        if not m.group("sep") and norm[m.end()] in "为是":
            person_is(m.end())
            continue
        colon = ":" in m.group("sep") or "：" in m.group("sep")
        strong = bool(m.group("sep"))
        # 送达对象王某：⏎ — a label, a short run and a colon closing the line: the run is the person.
        addressee = model is not None and not strong and _LABEL_LINE_RE.match(norm, m.end())
        if addressee and unknown_name(ctx, m.end(), addressee.end("name")):
            add((m.end(), addressee.end("name")), "label", 0.9, labelled=True)
            continue
        # 负责人：王建设⏎ — a label, a colon and a field of its own: the whole field is the person (issue 9).
        field = model is not None and colon and _LABEL_FIELD_RE.match(norm, m.end())
        if field and _field_name(ctx, m.end(), field.end("name")):
            add((m.end(), field.end("name")), "label_field", 0.9, shaped=True)
            continue
        span = ctx.forward(m.end(), strong=strong)
        # 姓名 性别 出生年月: a header row separated by spaces is not a name after a label.
        add(
            span,
            "label",
            0.95 if strong else 0.85,
            labelled=strong,
            weak=not colon,
            after_cue=True,
            anchored=colon,
        )
    for m in p.nouns.finditer(norm):
        # 职工方双方, 居民区配套: the person word goes on into another word (the workers' side, a district);
        # 居民方志刚 is 居民 and a name.
        after = m.end("noun")
        if norm[after] in "为是":
            person_is(after)
            continue
        if norm[m.start("noun") : after + 1] in common_words() or (
            norm[after : after + 1] in _NOUN_EXTENDERS and norm[after + 1 : after + 3] in frequent_words()
        ):
            continue
        # 养护工程计划: the person word (护工) lies across two words, 养护 and 工程.
        begin = m.start("noun")
        if (
            begin
            and norm[begin - 1 : begin + 1] in common_words()
            and norm[after - 1 : after + 1] in frequent_words()
        ):
            continue
        add(ctx.forward(m.end("noun"), strong=False), "person_noun", 0.85, weak=True, after_cue=True)
    for m in p.strong_right.finditer(norm):
        span = ctx.backward(m.start(), strong=True)
        # A line-opening run before 住/男/身份证 was judged by its place (line_head_name), not its shape.
        head = span is not None and ctx.line_head_name(span[1]) == span[0]
        add(span, "follower", 0.9, shaped=head)
    for m in p.medium_right.finditer(norm):
        add(ctx.backward(m.start(), strong=False), "follower_verb", 0.75, weak=True)
    for m in p.salutation.finditer(norm):
        s, e = m.start("name"), m.end("name")
        tail = norm[m.end() : m.end() + 40]
        addressed = bool(m.group("hon")) or "您" in tail or "你" in tail or "尊敬的" in m.group()
        # 扎西：⏎ 你反映的…: one minority syllable addressed on its own line is a person (issue 9).
        if addressed and _addressed_syllable(ctx, s, e):
            add((s, e), "salutation", 0.8, shaped=True)
            continue
        if not ctx.plausible(s, e, need_surname=not addressed):
            # 晋美多吉：⏎ 你反映的…: whoever is addressed is a person, unless the line names a body.
            # Two minority names of four characters each (额日和木额尔登同志：) make a long run.
            longest = 8 if m.group("hon") else 6
            if addressed and unknown_name(ctx, s, e, longest) and not _ADDRESSED_BODY_RE.search(norm, s, e):
                add((s, e), "salutation", 0.8, labelled=True)
            elif model is not None and m.group("hon") and _listed_word_name(ctx, s, e):
                add((s, e), "salutation", 0.8, anchored=True)  # 尊敬的夏天女士：
            continue
        if addressed or ctx.given_known(s, e) or ctx.score(s, e) >= SCORE_ALONE:
            known = bool(ctx.surname_len(s))
            honorific = bool(known and m.group("hon"))
            # 欧阳胜利：⏎ 你于…: a line addressed as 你/您 vouches for a name that is also a word.
            vouched = honorific or (known and addressed and norm[s:e] not in frequent_words())
            add((s, e), "salutation", 0.85, labelled=not known, weak=not vouched, anchored=honorific)

    # 时建国、檀秀云：⏎ 你们于…: several people addressed on a line of their own (信访 replies).
    for m in _ADDRESSED_LIST_RE.finditer(norm) if "、" in norm else ():
        if not _ADDRESSED_TAIL_RE.search(norm, m.end(), m.end() + 40):
            continue
        items = list_items(m.start("names"), m.group("names"))
        if all(_addressed_item(ctx, s, e) for s, e in items):
            for span in items:
                add(span, "salutation", 0.8, shaped=True)

    confirmed_lines = {norm.rfind("\n", 0, s) + 1 for s, _ in spans}
    has_name_header = "姓名" in norm
    lines_with_evidence = set(personal_lines or set()) | confirmed_lines
    line_evidence: dict[int, bool] = {}  # line start -> p.evidence found on the line (asked once a line)
    for s, e in name_column_cells(ctx):
        add((s, e), "name_column", 0.85, labelled=True)
    cells, joined = split_name_columns(ctx)  # 上官　国庆　下屋组 under 姓　名　小组
    for span in cells:
        add(span, "split_column", 0.85, shaped=True)
    for span in joined:  # …and 和静同志 elsewhere in the text
        add(span, "split_joined", 0.85, shaped=True)
    for m in p.cell.finditer(norm):
        group = "name" if m.group("name") else "head"
        s, e = m.start(group), m.end(group)
        if norm[s] in FUNCTION_LIKE_SURNAMES and not ctx.given_ok(s, e):
            continue
        # 文华　男　玉林北路社区: the cell before a gender (or household-standing) cell is a person, a word
        # for a name included.
        if model is not None and _GENDER_CELL_RE.match(norm, e) and _gender_row_name(ctx, s, e):
            add((s, e), "table_cell", 0.8, shaped=True)
            continue
        if not ctx.plausible(s, e):
            continue
        line_start = norm.rfind("\n", 0, s) + 1
        evidence = line_start in lines_with_evidence
        if not evidence:
            if line_start not in line_evidence:
                line_end = norm.find("\n", e)
                line = norm[line_start : line_end if line_end >= 0 else len(norm)]
                line_evidence[line_start] = bool(p.evidence.search(line))
            evidence = line_evidence[line_start]
        if not evidence and not (has_name_header and ctx.given_ok(s, e)):
            continue
        if not ctx.given_ok(s, e) and not (line_start in lines_with_evidence or has_name_header):
            continue
        # A personal number on the same line is strong evidence; a gender word or a 姓名 header is not.
        add((s, e), "table_cell", 0.8, weak=line_start not in (personal_lines or set()))

    if model is not None:
        for span in dotted_names(ctx):
            add(span, "dotted_name", 0.9, labelled=True)
        for span, rule in standalone(ctx):
            add(span, rule, 0.7, labelled=True)
        for span in counted_lists(ctx):
            add(span, "counted_list", 0.8, labelled=True)
        for span in paid_items(ctx):
            add(span, "paid_list", 0.8, labelled=True)
        for span in village_rows(ctx):
            add(span, "village_row", 0.8, shaped=True)
        for span in class_lists(ctx):
            add(span, "class_list", 0.8, shaped=True)
        for span in short_form_names(ctx):
            add(span, "short_form", 0.9, labelled=True)
    if model is not None:
        for span, cue in slot_names(ctx):
            add(span, "slot", 0.8 if cue else 0.75, shaped=True)
    for span in enumerated(ctx, list(spans)):
        add(span, "enumeration", 0.8)
    for span in name_lists(ctx):
        add(span, "name_list", 0.75, weak=True)
    if model is not None:
        for span in same_layout(ctx, list(spans)):
            add(span, "same_layout", 0.8, labelled=True)
        # 李强户，第3村民小组: heads of household rows, a public figure's name included (consistency.py).
        for span in household_rows(ctx, list(spans)):
            add(span, "household", 0.8, shaped=True)
        for span in same_rows(ctx, list(spans)):
            add(span, "same_rows", 0.8, labelled=True)
        for span in mou_forms(ctx):
            add(span, "mou_form", 0.75, shaped=True)
        for span in split_cells(ctx, {norm[a:b] for a, b in spans}):
            add(span, "split_name", 0.8, labelled=True)
        # 村民贺海军协助核查: a person word before, a person's verb after (names/sandwich.py).
        for span in sandwiched_names(ctx):
            add(span, "sandwich", 0.8, shaped=True)
        # 别芳、梁建新共有的房屋: owners listed before 共有 (names/coowners.py).
        for span in coowner_names(ctx):
            add(span, "coowners", 0.8, shaped=True)
        # 东至禄文才宅: the neighbours a plot borders on (names/coowners.py).
        for span in neighbour_names(ctx):
            add(span, "neighbour", 0.8, shaped=True)
        # 经查，赵磊在该店…: a name opening a clause before what a person does (names/subjects.py).
        for span in clause_subjects(ctx):
            add(span, "clause_subject", 0.75, shaped=True)
        # 据马建国介绍, “……”龚海涛说: people a news item quotes (names/subjects.py).
        for span in quoted_speakers(ctx):
            add(span, "speaker", 0.75, shaped=True)
        for span in quoted_names(ctx):
            add(span, "quoted_name", 0.75, shaped=True)
        # 为其已故岳父锁凤英冒领…: a relative after a possessive kin word, whatever the name's make-up (names/kin.py).
        for span in kin_names(ctx):
            add(span, "kin", 0.8, shaped=True)
        # 朴秀珍（PARK SOOJIN）, （曾用名韦福贵）, （小名“二毛”）, 爱新觉罗·恒山 (names/aliases.py).
        for span in other_names(ctx, set(spans)):
            add(span, "alias", 0.9, shaped=True)

    # 镇党委书记杨文军出席… 杨文军表示: named in role anywhere in the text, an official everywhere in it.
    officials.update(
        name for name in {norm[s:e] for s, e in spans} - officials if official_anywhere(ctx, name)
    )
    findings = [
        Finding(PERSON_NAME, s, e, original[s:e], rule, conf)
        for (s, e), (rule, conf) in spans.items()
        if norm[s:e] not in officials
    ]
    findings.extend(propagate(ctx, original, findings, officials))
    if model is not None:
        # List consistency last: the items listed with every confirmed name and its repeats.
        # Split cells (上官　国庆) are no items of a list: their header row would pass for one.
        confirmed = {(f.start, f.end) for f in findings if f.rule != "split_column"}
        before = set(spans)
        for span in listmates(ctx, confirmed):
            add(span, "list_consistency", 0.75, shaped=True)
        fresh = [
            Finding(PERSON_NAME, s, e, original[s:e], rule, conf)
            for (s, e), (rule, conf) in spans.items()
            if (s, e) not in before and norm[s:e] not in officials
        ]
        if fresh:
            findings += fresh
            covered = bytearray(len(norm))
            for f in findings:
                covered[f.start : f.end] = b"\x01" * (f.end - f.start)
            repeats = propagate(ctx, original, fresh, officials)
            findings += [f for f in repeats if not any(covered[f.start : f.end])]
    return findings, officials


_ADDRESSED_LIST_RE = re.compile(
    f"(?m)^[ \\t]*(?P<names>[{HAN}{re.escape(DOTS)}]{{2,8}}(?:、[{HAN}{re.escape(DOTS)}]{{2,8}}){{1,5}})[ \\t]*[：:][ \\t]*$"
)
_ADDRESSED_TAIL_RE = re.compile(r"你们|您们|你|您")


def _addressed_item(ctx: NameContext, s: int, e: int) -> bool:
    """An addressee in a list of them: a minority name, or a surname and a name's shape, no body."""
    if ctx.minority(s, e):
        return True
    slen = ctx.surname_len(s)
    return (
        bool(slen)
        and 1 <= e - s - slen <= 2
        and ctx.plausible(s, e)
        and not ctx.is_org_run(s)
        and not _ADDRESSED_BODY_RE.search(ctx.norm, s, e)
    )


# A gender cell, or a household's standing in an assistance table (顾某　低保边缘户　南哨村).
_GENDER_CELL_RE = re.compile(
    r"[ \t\u3000]+(?:[男女]|低保户|低保边缘户|低保对象|脱贫户|监测户|特困人员|特困户|五保户|困难户|残疾人)"
    r"(?:[ \t\u3000]|$)",
    re.M,
)


def _gender_row_name(ctx: NameContext, s: int, e: int) -> bool:
    """A surname and one to three more characters opening a table row (maybe after its number)."""
    norm = ctx.norm
    slen = ctx.surname_len(s)
    if not slen or not 1 <= e - s - slen <= 3 or ctx.is_org_run(s):
        return False
    if ctx.cues.at(norm, s) or ctx.cues.at(norm, s + slen) or norm.startswith(HONORIFICS, s + slen):
        return False
    if any(c in MASKED_GIVEN for c in norm[s:e]) or norm[e - 1] in PLACE_END:
        return False
    line_start = norm.rfind("\n", 0, s) + 1
    return bool(_ROW_OPENING_RE.fullmatch(norm, line_start, s))


_ROW_OPENING_RE = re.compile(r"[ \t\u3000]*(?:\d{1,4}[ \t\u3000.、．]*)?")


_LABEL_FIELD_RE = re.compile(f"(?P<name>[{HAN}]{{2,4}})(?=[ \\t]*(?:\\n|$|[，,（(；;]))")


def _field_name(ctx: NameContext, s: int, e: int) -> bool:
    """A labelled field that is a surname and one or two given characters, even an ordinary word (王建设)."""
    norm = ctx.norm
    cand = norm[s:e]
    slen = ctx.surname_len(s)
    # 包宝音图: a Han surname before a Mongolian given name of minority syllables.
    if slen == 1 and len(cand) == 4 and ctx.minority(s + 1, e) and not ctx.is_org_run(s):
        return True
    if not slen or len(cand) - slen not in (1, 2) or norm[s] in FUNCTION_LIKE_SURNAMES:
        return False
    if cand in ctx.dicts.not_names or cand in common_words() or ctx.p.cue_words.match(norm, s):
        return False
    given = cand[slen:]
    if any(c in MASKED_GIVEN for c in given) or given[-1] in STOP_CHARS or cand[-1] in PLACE_END:
        return False
    # 公民甲: a word and a character; 贺海军 (贺海 + 海军) is a surname and a word.
    if len(given) == 2 and cand[:2] in frequent_words() and given not in common_words():
        return False
    return not ctx.is_org_run(s) and (len(given) == 2 or ctx.given_ok(s, e))


def _addressed_syllable(ctx: NameContext, s: int, e: int) -> bool:
    """One two-character minority syllable (扎西, 普布) standing alone as the addressee of a letter."""
    if ctx.model is None or e - s != 2 or _ADDRESSED_BODY_RE.search(ctx.norm, s, e):
        return False
    return ctx.model.syllable_count(ctx.norm[s:e]) == 1 and ctx._minority_plausible(s, e)


_NOUN_EXTENDERS = frozenset("方区会们群类")
_LABEL_CLAUSE_RE = re.compile(r"[在于因向已未将对被](?![\u4e00-\u9fff]?[：:])")
_POSSESSED_RE = re.compile(r"的(?:补贴|补助|救助金|低保金|工资|抚恤金|养老金|护理补贴|宅基地)")


def _listed_word_name(ctx: NameContext, s: int, e: int) -> bool:
    """A two-character ordinary word from ``not_names`` with a surname (黄河, 夏天), closed firmly."""
    cand = ctx.norm[s:e]
    if ctx.model is None or e - s != 2 or cand not in ctx.dicts.not_names or cand not in common_words():
        return False
    return bool(ctx.surname_len(s)) and ctx.firm_end(e) and cand not in verbish_words()


def _word_name(ctx: NameContext, s: int, e: int, rule: str) -> bool:
    """An ordinary word used as a name (江山, 文华): after a person label or before 驾驶, closed firmly."""
    if ctx.model is None or rule not in ("label", "person_noun", "follower_verb") or e - s > 3:
        return False
    # Before a verb only 驾驶/驾车 make a word a driver (文华驾驶…); 文章反映的问题 is prose. A verb
    # only a person does (根据齐心自述, 由牛犇代为缴纳) makes one a person after a firm left edge.
    threshold = SCORE_WORD_NAME
    if rule == "follower_verb" and not ctx.norm.startswith(("驾驶", "驾车"), e):
        if not _person_only_verb(ctx, s, e):
            return False
        threshold = float("-inf") if not ctx.norm.startswith(("代为", "系"), e) else SCORE_WORD_NAME
    cand = ctx.norm[s:e]
    if cand in ctx.dicts.not_names or (cand in verbish_words() and not _vouched_verb_word(ctx, s, e, rule)):
        return False
    # Only a whole word (江山): 业主张债权 is 业主 + 张债权, and 债权 is no given name.
    if any(c in NON_GIVEN and c not in ctx.dicts.given_name_chars for c in cand[1:]):
        return False
    # 烈士纪念亭: a frequent word and one more character is a compound noun, unless the given name is a
    # word itself (宋文华: 文华) or the name model rates the whole as a name (居民方志刚: 方志 + 刚).
    if (
        len(cand) == 3
        and cand[:2] in frequent_words()
        and cand[1:] not in common_words()
        and ctx.score(s, e) < SCORE_FULL_NAME
    ):
        return False
    if ctx.syllabic(s, e):
        return ctx.firm_end(e)
    # 村民蔡立新、邹强证实…: after a person word a list mark closes the name too.
    # So does 的 before what is theirs (残疾居民魏立新的补贴).
    closed = (
        ctx.firm_end(e)
        or (
            rule == "person_noun" and (ctx.norm.startswith("、", e) or bool(_POSSESSED_RE.match(ctx.norm, e)))
        )
        # 出租人江山与承租人李明 / 受害人夏天在事故中: after a person label, 与 + another person word, or a
        # preposition or adverb a person's clause goes on with.
        or (rule in ("label", "person_noun") and _LABEL_CLAUSE_RE.match(ctx.norm, e) is not None)
        # 被执行人樊胜利的家门: a surname and a two-character word after a person label, then 的.
        or (rule == "label" and ctx.norm.startswith("的", e) and e - s == 3)
        or (ctx.norm[e : e + 1] in ("与", "和") and ctx.cues.at(ctx.norm, e + 1))
    )
    # 学生成绩作为…: a frequent two-character word after a bare label and before a follower word is prose;
    # it needs punctuation, a clause word, a person's verb or another person word after it.
    if (
        rule in ("label", "person_noun")
        and e - s == 2
        and cand in frequent_words()
        and not _word_name_closed_hard(ctx, e)
    ):
        return False
    return bool(ctx.surname_len(s)) and closed and ctx.score(s, e) >= threshold


def _word_name_closed_hard(ctx: NameContext, e: int) -> bool:
    norm = ctx.norm
    if e >= len(norm) or norm[e] in "，,（(：:；;。\n":
        return True
    # …or a verb only a person's clause goes on with (村民金星病故后), not 作为.
    if _LABEL_CLAUSE_RE.match(norm, e) is not None or ctx.p.medium_right.match(norm, e) is not None:
        return True
    return norm[e] in ("与", "和") and ctx.cues.at(norm, e + 1)


# Verbs only a person does: before one an ordinary word with a surname is a name (issue 9).
_PERSON_ONLY_VERBS = ("自述", "本人陈述", "辩称", "答辩称", "供认", "代为", "系该", "系涉案", "系实际")
_FIRM_LEFT = frozenset("据由经，,。；;、：:\n \t")


def _person_only_verb(ctx: NameContext, s: int, e: int) -> bool:
    """根据齐心自述 / 由牛犇代为缴纳: a person's verb after the candidate and a firm left edge before it
    (据, 由, 经 or punctuation); 代为 only after 由."""
    norm = ctx.norm
    if not norm.startswith(_PERSON_ONLY_VERBS, e):
        return False
    if norm.startswith("代为", e):
        return s > 0 and norm[s - 1] == "由"
    return s == 0 or norm[s - 1] in _FIRM_LEFT


# A role only a person takes: after a kin or person word and before one of these, a rare verb-like word is a
# name (其配偶谈兵为保证人); a frequent verb stays a verb (其配偶同意为保证人).
_PERSON_ROLE_AFTER = ("为保证人", "为监护人", "为担保人", "到庭陈述", "出庭作证")


def _vouched_verb_word(ctx: NameContext, s: int, e: int, rule: str) -> bool:
    """A two-character verb-like word with a surname, rare in texts, between a person word and a role."""
    cand = ctx.norm[s:e]
    if rule not in ("label", "person_noun") or len(cand) != 2 or cand in frequent_words():
        return False
    if not ctx.surname_len(s) or cand[1] not in ctx.dicts.given_name_chars:
        return False
    return ctx.norm.startswith(_PERSON_ROLE_AFTER, e)
