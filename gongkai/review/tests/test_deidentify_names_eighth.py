"""Rules of the eighth session (issue 9): function-word surnames with a name-like given word before a
person's word, rare verb-like words as names before a guarantor's role, 共有 lists, 户 rows, list lines.

Each rule has a case of our own it must find and a case of prose (or law text) it must leave alone; the
cases are written with other names than the bench parts' documents.
"""

import pytest

from gongkai.review.deidentify import find_personal_data


def names_in(text: str) -> list[str]:
    return [f.text for f in find_personal_data(text) if f.type == "person_name"]


# --- a function-word surname whose given name is a rare word (证人应海民到庭) -----------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("证人应江民到庭陈述，其证言与查明事实一致。", "应江民"),
        ("证人应海民到庭陈述。", "应海民"),
    ],
)
def test_function_word_surname_with_a_word_given_name_is_found(text, name):
    assert name in names_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "证人应依法到庭陈述。",
        "当事人应按时到庭。",
        "证人应邀出庭作证。",
        "鉴定人应通知到庭。",
        "证人应法院要求到庭作证。",
    ],
)
def test_function_words_before_a_persons_word_are_kept(text):
    assert names_in(text) == []


# --- a rare verb-like word as a name before a guarantor's role (其配偶谈兵为保证人) ---------------------


def test_rare_verb_word_before_a_guarantor_role_is_a_name():
    assert names_in("经审查，其配偶谈兵为保证人，保证其遵守规定。") == ["谈兵"]


@pytest.mark.parametrize(
    "text",
    [
        "其配偶同意为保证人。",
        "其配偶自愿为保证人。",
        "其父亲签字为保证人。",
        "被监督人的配偶愿意为保证人的，应当提交书面保证书。",
    ],
)
def test_verbs_before_a_guarantor_role_are_kept(text):
    assert names_in(text) == []
