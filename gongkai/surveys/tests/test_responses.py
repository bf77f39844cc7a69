"""One response per person, by the survey's identity check; duplicates flagged; nothing stored on a refusal."""

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.core.errors import Conflict, InvalidTransition, ValidationFailed
from gongkai.participation.models import ConfirmationCode
from gongkai.participation.services import confirmation_code_issue
from gongkai.surveys import services
from gongkai.surveys.models import Answer, IdentityMode, Invitation, Response
from gongkai.surveys.tests.factories import answers, make_survey


@pytest.fixture
def confirm_survey(education, publisher):
    survey = make_survey(education, publisher, identity_mode=IdentityMode.CONFIRM)
    services.survey_open(survey, actor=publisher)
    return survey


@pytest.fixture
def panel_survey(education, publisher):
    survey = make_survey(education, publisher, identity_mode=IdentityMode.PANEL)
    services.survey_open(survey, actor=publisher)
    return survey


def _email(address):
    code = confirmation_code_issue(channel="email", address=address)
    return services.Identity(channel="email", address=address, code=code)


def test_a_confirmed_email_answers_once(confirm_survey):
    services.response_submit(survey=confirm_survey, answers=answers(), identity=_email("a@example.com"))
    with pytest.raises(Conflict, match="您已参加过本次调查"):
        services.response_submit(survey=confirm_survey, answers=answers(), identity=_email("A@example.com"))
    services.response_submit(survey=confirm_survey, answers=answers(), identity=_email("b@example.com"))
    assert Response.objects.filter(survey=confirm_survey).count() == 2


def test_only_a_keyed_hash_of_the_contact_is_stored(confirm_survey):
    response = services.response_submit(
        survey=confirm_survey, answers=answers(), identity=_email("citizen@example.com")
    )
    row = Response.objects.filter(pk=response.pk).values().get()
    stored = " ".join(str(v) for v in row.values()) + bytes(row["data"]).decode()
    assert "citizen" not in stored
    assert len(response.identity_hash) == 32


def test_the_same_contact_may_answer_another_survey(confirm_survey, education, publisher):
    other = make_survey(education, publisher, identity_mode=IdentityMode.CONFIRM, title="另一个调查")
    services.survey_open(other, actor=publisher)
    first = services.response_submit(
        survey=confirm_survey, answers=answers(), identity=_email("a@example.com")
    )
    second = services.response_submit(survey=other, answers=answers(), identity=_email("a@example.com"))
    assert first.identity_hash != second.identity_hash  # scoped to the survey: no linkage across surveys


def test_a_wrong_code_is_refused_and_stores_nothing(confirm_survey):
    confirmation_code_issue(channel="email", address="a@example.com")
    identity = services.Identity(channel="email", address="a@example.com", code="000000")
    with pytest.raises(ValidationFailed, match="验证码不正确"):
        services.response_submit(survey=confirm_survey, answers=answers(), identity=identity)
    assert not Response.objects.exists()


def test_a_wrong_code_counts_an_attempt_on_the_shared_contact_check(confirm_survey):
    confirmation_code_issue(channel="email", address="a@example.com")
    identity = services.Identity(channel="email", address="a@example.com", code="000000")
    with pytest.raises(ValidationFailed, match="验证码不正确"):
        services.response_submit(survey=confirm_survey, answers=answers(), identity=identity)
    assert ConfirmationCode.objects.get().attempts == 1


def test_an_invitation_link_is_used_once(panel_survey, publisher):
    token, other = services.invitations_create(actor=publisher, survey=panel_survey, count=2)
    services.response_submit(survey=panel_survey, answers=answers(), identity=services.Identity(token=token))
    with pytest.raises(Conflict, match="已经使用过"):
        services.response_submit(
            survey=panel_survey, answers=answers(), identity=services.Identity(token=token)
        )
    services.response_submit(survey=panel_survey, answers=answers(), identity=services.Identity(token=other))
    assert Response.objects.filter(survey=panel_survey).count() == 2
    assert Invitation.objects.filter(used_at__isnull=False).count() == 2
    assert not Invitation.objects.filter(token_hash=token).exists()  # only the hash is kept


def test_a_panel_survey_refuses_a_response_without_a_valid_invitation(panel_survey):
    with pytest.raises(ValidationFailed, match="邀请链接无效"):
        services.response_submit(
            survey=panel_survey, answers=answers(), identity=services.Identity(token="forged")
        )
    assert not Response.objects.exists()


def test_invitations_are_only_for_panel_surveys(open_survey, publisher):
    with pytest.raises(InvalidTransition, match="邀请样本"):
        services.invitations_create(actor=publisher, survey=open_survey, count=3)


def test_a_second_response_from_the_same_device_is_flagged_and_counted(open_survey):
    first = services.response_submit(survey=open_survey, answers=answers(), device_key="d1", address_key="a1")
    again = services.response_submit(survey=open_survey, answers=answers(), device_key="d1", address_key="a2")
    same_address = services.response_submit(
        survey=open_survey, answers=answers(), device_key="d2", address_key="a1"
    )
    fresh = services.response_submit(survey=open_survey, answers=answers(), device_key="d3", address_key="a3")
    assert [first.duplicate, again.duplicate, same_address.duplicate, fresh.duplicate] == [
        False,
        True,
        True,
        False,
    ]
    assert Response.objects.filter(survey=open_survey).count() == 4


def test_device_and_address_are_stored_only_as_hashes_scoped_to_the_survey(open_survey):
    response = services.response_submit(
        survey=open_survey, answers=answers(), device_key="dev", address_key="addr"
    )
    assert "dev" not in response.device_hash and len(response.device_hash) == 32
    assert response.address_hash != services.ratelimit.hashed("survey-address", "0", "addr")


def test_a_response_outside_the_period_is_refused(open_survey):
    late = timezone.now() + dt.timedelta(days=30)
    with pytest.raises(InvalidTransition, match="不在调查时间内"):
        services.response_submit(survey=open_survey, answers=answers(), now=late)


def test_a_draft_or_closed_survey_takes_no_response(survey, publisher):
    with pytest.raises(InvalidTransition, match="不在调查时间内"):
        services.response_submit(survey=survey, answers=answers())
    services.survey_open(survey, actor=publisher)
    services.survey_close(survey, actor=publisher)
    with pytest.raises(InvalidTransition, match="不在调查时间内"):
        services.response_submit(survey=survey, answers=answers())


def test_missing_and_invalid_answers_name_each_question(open_survey):
    with pytest.raises(ValidationFailed, match="问卷填写有误") as exc:
        services.response_submit(survey=open_survey, answers={1: ["9"], 2: [], 3: ["6"]})
    assert set(exc.value.fields) == {"q1", "q2", "q3"}
    assert "请回答第 2 题" in exc.value.fields["q2"]
    assert not Response.objects.exists()


def test_free_text_is_masked_in_the_published_form(open_survey):
    response = services.response_submit(
        survey=open_survey, answers=answers(text="请联系我 13812345678，身份证 210102199001011237")
    )
    published = bytes(response.data).decode()
    assert "13812345678" not in published
    assert "210102199001011237" not in published
    assert "138****5678" in published
    answer = Answer.objects.get(response=response, question__number=4)
    assert "13812345678" not in answer.text
    assert answer.raw_text.startswith("请联系我 13812345678")


def test_multiple_choice_stores_one_row_per_option(open_survey):
    response = services.response_submit(survey=open_survey, answers=answers(multiple=(3, 1, 3)))
    assert sorted(
        Answer.objects.filter(response=response, question__number=2).values_list("option__number", flat=True)
    ) == [1, 3]
