"""The confidentiality screen (保密审查): markings found, prose left alone, drafts only on a final record."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from gongkai.core.errors import PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.orgs.tests.factories import OrganisationFactory, staff_in
from gongkai.review import services
from gongkai.review.confidentiality import active_terms, load_rules, screen_text
from gongkai.review.models import ConfidentialityTerm


def kinds(text: str, *, final: bool = True, terms=()) -> list[tuple[str, str]]:
    return [(flag.kind, flag.text) for flag in screen_text(text, final=final, extra_terms=terms)]


@pytest.mark.parametrize(
    "marking",
    ["机密★10年", "秘密★1年", "绝密★长期", "机密★", "秘密 ★ 6个月"],
)
def test_classification_with_star_is_flagged(marking):
    assert kinds(f"{marking}\n沈阳市人民政府关于加强某项工作的通知\n各区人民政府：") == [
        ("classification", marking)
    ]


def test_classification_field_is_flagged():
    assert kinds("密级：机密\n关于某项工作的报告") == [("classification", "密级：机密")]


def test_classification_alone_on_a_line_is_flagged():
    assert kinds("秘密\n\n关于某项工作的通知\n正文。") == [("classification", "秘密")]


def test_flag_offsets_point_into_the_text():
    text = "正文第一段。\n【内部资料，注意保存】\n正文第二段。"
    (flag,) = screen_text(text, final=True)
    assert text[flag.start : flag.end] == flag.text == "【内部资料，注意保存】"
    assert flag.rule == "internal_bracket"
    assert flag.label


@pytest.mark.parametrize(
    "marking",
    ["内部资料", "内部资料  注意保存", "内部资料，请勿外传", "仅供内部参考", "注意保存", "（此件不公开）"],
)
def test_internal_markings_are_flagged(marking):
    assert [kind for kind, _ in kinds(f"{marking}\n关于某项工作的通知\n正文。")] == ["internal"]


@pytest.mark.parametrize(
    "prose",
    [
        "国家机关工作人员应当保守国家秘密和工作秘密。",
        "行政机关不得公开涉及商业秘密、个人隐私的政府信息。",
        "申请人要求公开的信息属于内部事务信息的，可以不予公开。",
        "第十条 机密级国家秘密的保密期限不超过二十年，秘密级国家秘密不超过十年。",
        "对属于内部资料的文件应当妥善保管。",
        "关于《沈阳市物业管理条例（草案）》的说明",
        "本办法所称讨论稿、征求意见稿，是指起草过程中形成的文本。",
    ],
)
def test_prose_about_secrets_is_not_flagged(prose):
    assert kinds(prose) == []


def test_draft_marker_in_the_title_area_is_flagged_on_a_final_record():
    text = "沈阳市某某管理办法（征求意见稿）\n第一条 为了……"
    assert kinds(text, final=True) == [("draft", "（征求意见稿）")]


def test_draft_marker_is_not_flagged_on_a_record_not_marked_final():
    assert kinds("沈阳市某某管理办法（征求意见稿）\n第一条 为了……", final=False) == []


def test_draft_marker_deep_in_the_body_is_not_a_title_marker():
    body = "\n".join(f"第{n}条 内容。" for n in range(1, 20)) + "\n附件：某某表（讨论稿）"
    assert kinds("沈阳市某某管理办法\n" + body) == []


def test_administrator_terms_are_flagged_wherever_they_occur():
    text = "根据天穹工程的安排，现通知如下。"
    assert kinds(text, terms=["天穹工程"]) == [("term", "天穹工程")]


def test_overlapping_flags_keep_the_longer_one():
    flags = screen_text("内部资料，注意保存\n正文", final=True, extra_terms=["内部资料"])
    assert [(f.start, f.end) for f in flags] == [(0, 9)]


def test_shipped_rules_file_loads_and_names_every_rule():
    ruleset = load_rules()
    assert {rule.kind for rule in ruleset.rules} == {"classification", "internal", "draft"}
    assert len({rule.id for rule in ruleset.rules}) == len(ruleset.rules)


def test_a_bad_rules_file_is_refused_naming_the_rule(tmp_path: Path):
    path = tmp_path / "rules.yaml"
    path.write_text("rules:\n  - id: broken\n    kind: internal\n    where: anywhere\n    pattern: '(['\n")
    with pytest.raises(ValueError, match="broken"):
        load_rules(path)


@pytest.fixture
def admin(db):
    return get_user_model().objects.create_superuser("root", "root@example.invalid", "pw-12345678")


def test_term_added_by_an_administrator_is_active_and_audited(admin):
    term = services.confidentiality_term_add(actor=admin, term=" 天穹  工程 ", note="项目代号")
    assert term.term == "天穹 工程"
    assert active_terms() == ["天穹 工程"]
    assert AuditEvent.objects.filter(action="review.term_add", object_id=str(term.pk)).exists()


def test_disabled_term_is_no_longer_active(admin):
    term = services.confidentiality_term_add(actor=admin, term="天穹工程")
    services.confidentiality_term_set_active(actor=admin, term=term, active=False)
    assert active_terms() == []
    assert AuditEvent.objects.filter(action="review.term_disable").count() == 1


def test_duplicate_term_is_refused(admin):
    services.confidentiality_term_add(actor=admin, term="天穹工程")
    with pytest.raises(ValidationFailed) as caught:
        services.confidentiality_term_add(actor=admin, term="天穹工程")
    assert caught.value.code == "review.duplicate_term"


def test_one_character_term_is_refused(admin):
    with pytest.raises(ValidationFailed):
        services.confidentiality_term_add(actor=admin, term="密")


def test_department_staff_cannot_add_terms(db):
    editor = staff_in(OrganisationFactory(), "editor")
    with pytest.raises(PermissionDenied):
        services.confidentiality_term_add(actor=editor, term="天穹工程")
    assert not ConfidentialityTerm.objects.exists()


def test_terms_page_adds_a_term(client, admin):
    client.force_login(admin)
    response = client.post(reverse("staff:review_terms"), {"term": "天穹工程", "note": ""})
    assert response.status_code == 302
    assert active_terms() == ["天穹工程"]


def test_terms_page_is_refused_to_department_staff(client, db):
    client.force_login(staff_in(OrganisationFactory(), "editor"))
    assert client.get(reverse("staff:review_terms")).status_code == 403
