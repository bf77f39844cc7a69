"""Assignment (分办), repeat requests (art. 44), publishing a reply through de-identification, and who may do each."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.core.errors import PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.foi import services, similar
from gongkai.foi.models import Decision, ProactiveDecision
from gongkai.foi.tests.factories import VALID_ID_CARD, file_application

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 9, 25)

# Valid 18-digit identity numbers of three other applicants (check digits by GB 11643).
OTHER_IDS = ["110105194912310038", "110105194912310046", "110105194912310054"]

SIMILAR = [
    "2025年本市义务教育阶段学校招生计划及其制定依据",
    "请公开2025年义务教育学校招生计划",
    "本市2025年义务教育阶段招生计划和招生范围划分依据",
]
UNRELATED = ["青年大街道路改造工程的预算及招标文件", "浑河两岸绿化工程的环境影响评价报告"]


@pytest.fixture(autouse=True)
def _valid_ids():
    from gongkai.core.identifiers import is_valid_id_card

    assert all(is_valid_id_card(n) for n in OTHER_IDS), "fix the test's identity numbers"


def _file(org, description, id_number=VALID_ID_CARD, on=TODAY):
    application, _ = file_application(org, on=on, description=description, id_number=id_number)
    return application


# --- similarity ---------------------------------------------------------------------------------------------


def test_similar_descriptions_are_found():
    first, *others = [set(similar.keywords(d)) for d in SIMILAR]
    assert all(similar.similarity(first, other) >= similar.THRESHOLD for other in others)


def test_unrelated_descriptions_are_not_similar():
    first = set(similar.keywords(SIMILAR[0]))
    assert all(similar.similarity(first, set(similar.keywords(d))) == 0 for d in UNRELATED)


def test_other_applicants_similar_applications_are_listed(education):
    mine = _file(education, SIMILAR[0])
    for description, id_number in zip(SIMILAR[1:], OTHER_IDS, strict=False):
        _file(education, description, id_number)
    _file(education, UNRELATED[0], OTHER_IDS[2])
    _file(education, SIMILAR[1])  # the same applicant again: not another applicant
    found = similar.similar_applications(mine, today=TODAY)
    assert sorted(a.description for a in found) == sorted(SIMILAR[1:])


def test_applications_older_than_twelve_months_are_left_out(education):
    mine = _file(education, SIMILAR[0])
    _file(education, SIMILAR[1], OTHER_IDS[0], on=dt.date(2025, 9, 1))
    assert similar.similar_applications(mine, today=TODAY) == []


def test_queue_prompts_to_publish_proactively(client, education, handler_in_dept):
    _file(education, SIMILAR[0])
    for description, id_number in zip(SIMILAR[1:], OTHER_IDS, strict=False):
        _file(education, description, id_number)
    _file(education, UNRELATED[0], OTHER_IDS[2])
    client.force_login(handler_in_dept)
    page = client.get(reverse("staff:foi_queue")).content.decode()
    assert page.count("可考虑主动公开") == 3  # the three similar ones, not the unrelated one


def test_proactive_decision_is_recorded_on_the_group_and_audited(education, handler_in_dept):
    mine = _file(education, SIMILAR[0])
    others = [_file(education, d, n) for d, n in zip(SIMILAR[1:], OTHER_IDS, strict=False)]
    ids = services.application_record_proactive_decision(
        mine, actor=handler_in_dept, decision=ProactiveDecision.PUBLISH, note="列入主动公开目录", today=TODAY
    )
    assert sorted(ids) == sorted([mine.pk, *(o.pk for o in others)])
    others[0].refresh_from_db()
    assert others[0].proactive_decision == ProactiveDecision.PUBLISH
    assert AuditEvent.objects.filter(
        action="foi_application.proactive_decision", actor=handler_in_dept
    ).exists()


def test_handler_in_sibling_may_not_record_the_proactive_decision(education, handler_in_sibling):
    mine = _file(education, SIMILAR[0])
    with pytest.raises(PermissionDenied):
        services.application_record_proactive_decision(
            mine, actor=handler_in_sibling, decision=ProactiveDecision.PUBLISH, note="", today=TODAY
        )


def test_proactive_decision_page_of_another_department_is_404(client, education, handler_in_sibling):
    mine = _file(education, SIMILAR[0])
    client.force_login(handler_in_sibling)
    response = client.post(reverse("staff:foi_proactive", args=[mine.pk]), {"decision": "publish"})
    assert response.status_code == 404


# --- assignment ---------------------------------------------------------------------------------------------


def test_assignment_to_a_unit_below_is_shown_and_audited(client, education, exam_unit, handler_in_dept):
    from gongkai.orgs.tests.factories import staff_in

    exam_handler = staff_in(exam_unit, "foi_handler", username="exam-foi")
    application = _file(education, SIMILAR[0])
    services.application_assign(
        application, actor=handler_in_dept, department=exam_unit, assignee=exam_handler, today=TODAY
    )
    application.refresh_from_db()
    assert application.assigned_department == exam_unit
    assert AuditEvent.objects.filter(action="foi_application.assign", actor=handler_in_dept).exists()
    client.force_login(exam_handler)  # the unit's handler now sees it in the queue
    page = client.get(reverse("staff:foi_queue") + "?mine=1").content.decode()
    assert application.tracking_number in page


def test_assignment_outside_the_organisation_is_refused(education, finance, handler_in_dept):
    application = _file(education, SIMILAR[0])
    with pytest.raises(ValidationFailed, match="下属单位"):
        services.application_assign(application, actor=handler_in_dept, department=finance, today=TODAY)


def test_assignee_must_be_able_to_handle_it(education, handler_in_dept, handler_in_sibling):
    application = _file(education, SIMILAR[0])
    with pytest.raises(ValidationFailed, match="承办人须"):
        services.application_assign(
            application, actor=handler_in_dept, assignee=handler_in_sibling, today=TODAY
        )


def test_handler_in_sibling_may_not_assign(education, handler_in_sibling):
    application = _file(education, SIMILAR[0])
    with pytest.raises(PermissionDenied):
        services.application_assign(application, actor=handler_in_sibling, department=education, today=TODAY)


def test_queue_shows_the_assignee(client, education, handler_in_dept):
    application = _file(education, SIMILAR[0])
    services.application_assign(application, actor=handler_in_dept, assignee=handler_in_dept, today=TODAY)
    client.force_login(handler_in_dept)
    page = client.get(reverse("staff:foi_queue")).content.decode()
    assert handler_in_dept.get_username() in page or handler_in_dept.get_full_name() in page


# --- publishing a reply -------------------------------------------------------------------------------------


def _replied(org, handler, text):
    application = _file(org, SIMILAR[0])
    services.application_reply(application, actor=handler, decision=Decision.DISCLOSE, text=text, today=TODAY)
    return application


def test_published_reply_is_the_masked_text(education, handler_in_dept):
    application = _replied(
        education, handler_in_dept, "请联系经办人王小明，电话13912345678，身份证号11010519491231002X。"
    )
    publication = services.application_publish_reply(application, actor=handler_in_dept)
    assert "13912345678" not in publication.text
    assert "11010519491231002X" not in publication.text
    assert len(publication.findings) >= 2
    assert AuditEvent.objects.filter(action="foi_application.publish_reply").exists()


def test_staff_see_the_findings_on_the_application(client, education, handler_in_dept):
    application = _replied(education, handler_in_dept, "联系电话13912345678。")
    client.force_login(handler_in_dept)
    client.post(reverse("staff:foi_publish", args=[application.pk]), {"text": ""})
    page = client.get(reverse("staff:foi_application", args=[application.pk])).content.decode()
    assert 'id="findings"' in page
    assert "13912345678" in page.split('id="findings"')[1]  # staff see what was masked
    assert "13912345678" not in page.split('id="published-text"')[1].split("</div>")[0]


def test_unreplied_application_cannot_be_published(education, handler_in_dept):
    application = _file(education, SIMILAR[0])
    with pytest.raises(ValidationFailed):
        services.application_publish_reply(application, actor=handler_in_dept)


def test_handler_in_sibling_may_not_publish(education, handler_in_dept, handler_in_sibling):
    application = _replied(education, handler_in_dept, "答复")
    with pytest.raises(PermissionDenied):
        services.application_publish_reply(application, actor=handler_in_sibling)


# --- state colours ------------------------------------------------------------------------------------------


def test_queue_states_carry_a_text_label(client, education, handler_in_dept):
    today = timezone.localdate()
    _file(education, SIMILAR[0], on=today - dt.timedelta(days=60))  # overdue
    _file(education, UNRELATED[0], on=today)  # on time
    client.force_login(handler_in_dept)
    page = client.get(reverse("staff:foi_queue")).content.decode()
    assert "rag-label--red" in page and "已超期" in page
    assert "rag-label--green" in page and "未到期" in page


def test_public_page_shows_only_the_masked_reply(client, education, handler_in_dept):
    application = _replied(education, handler_in_dept, "经办人电话13912345678。")
    publication = services.application_publish_reply(application, actor=handler_in_dept)
    page = client.get(reverse("foi:published_reply", args=[publication.pk])).content.decode()
    assert "13912345678" not in page
    assert application.id_number not in page
    assert application.phone not in page


def test_transfer_clears_the_old_assignment(education, exam_unit, finance, handler_in_dept):
    from gongkai.orgs.tests.factories import staff_in

    exam_handler = staff_in(exam_unit, "foi_handler", username="exam-foi")
    application = _file(education, SIMILAR[0])
    services.application_assign(
        application, actor=handler_in_dept, department=exam_unit, assignee=exam_handler, today=TODAY
    )
    services.application_transfer(
        application, actor=handler_in_dept, to_organisation=finance, notice="转财政局", today=TODAY
    )
    from gongkai.foi.selectors import application_list_for_user

    assert not application_list_for_user(exam_handler).filter(pk=application.pk).exists()


def test_applicant_sees_the_fee_notice_but_not_internal_steps(client, education, handler_in_dept):
    from gongkai.foi.models import FeeBasis

    application, secret = file_application(education, on=dt.date(2026, 9, 18))
    services.application_assign(application, actor=handler_in_dept, assignee=handler_in_dept, today=TODAY)
    services.application_request_extension(
        application, actor=handler_in_dept, days=5, reason="内部讨论中的延期理由", today=TODAY
    )
    services.application_issue_fee(
        application,
        actor=handler_in_dept,
        basis=FeeBasis.PER_PAGE,
        pages=150,
        on=TODAY,
        payment_days=20,
        today=TODAY,
    )
    client.post(reverse("foi:lookup"), {"tracking_number": application.tracking_number, "secret": secret})
    page = client.get(reverse("foi:status", args=[application.tracking_number])).content.decode()
    assert "1700 元" in page
    assert "分办" not in page
    assert "延长答复期限" not in page


def test_head_is_offered_approval_only_while_a_request_is_pending(
    client, education, handler_in_dept, head_in_dept
):
    application = _file(education, SIMILAR[0])
    url = reverse("staff:foi_application", args=[application.pk])
    client.force_login(head_in_dept)
    assert "批准延长答复期限" not in client.get(url).content.decode()
    client.force_login(handler_in_dept)
    client.post(
        reverse("staff:foi_step", args=[application.pk, "request_extension"]),
        {"request_extension-days": "5", "request_extension-reason": "材料多"},
    )
    client.force_login(head_in_dept)
    page = client.get(url).content.decode()
    assert "批准延长答复期限" in page
    client.post(reverse("staff:foi_step", args=[application.pk, "approve_extension"]), {})
    assert application.steps.get(kind="extension").approved_by == head_in_dept


def test_handler_issues_a_fee_notice_through_the_page(client, education, handler_in_dept):
    application = _file(education, SIMILAR[0])
    client.force_login(handler_in_dept)
    client.post(
        reverse("staff:foi_step", args=[application.pk, "issue_fee"]),
        {
            "issue_fee-basis": "per_page",
            "issue_fee-pages": "150",
            "issue_fee-on": TODAY.isoformat(),
            "issue_fee-payment_days": "20",
        },
    )
    application.refresh_from_db()
    assert application.status == "fee_pending"
