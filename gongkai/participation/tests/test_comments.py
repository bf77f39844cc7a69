"""A citizen's comment: the confirmation code, the period, the rate limit (nothing half-stored), the masking."""

import datetime as dt

import pytest

from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.participation import services
from gongkai.participation.models import Comment, ConfirmationCode
from gongkai.participation.tests.factories import comment_data, confirmed, make_draft, make_open, submit

JUNE_1 = dt.date(2026, 6, 1)


@pytest.fixture
def consultation(education, publisher):
    return make_open(education, publisher, JUNE_1)


def test_a_comment_on_a_paragraph_is_stored_pending_and_anchored(consultation):
    comment = submit(consultation, paragraph=2)
    assert comment.status == "pending"
    assert comment.paragraph.number == 2


def test_a_comment_on_the_whole_draft_has_no_paragraph(consultation):
    assert submit(consultation).paragraph is None


def test_personal_data_is_masked_in_the_shown_text_only(consultation):
    comment = submit(consultation, "请联系我 13812345678，身份证 11010519491231002X")
    assert "13812345678" in comment.body
    assert "13812345678" not in comment.shown_body
    assert "11010519491231002X" not in comment.shown_body


def test_a_wrong_code_stores_nothing_and_counts_an_attempt(consultation):
    confirmed("a@example.com")
    data = comment_data(address="a@example.com")
    data = services.CommentData(**{**data.__dict__, "code": "000000"})
    with pytest.raises(ValidationFailed, match="验证码不正确"):
        services.comment_submit(consultation=consultation, data=data, client_key="c")
    assert Comment.objects.count() == 0
    assert ConfirmationCode.objects.get().attempts == 1


def test_a_code_sent_to_another_address_does_not_confirm(consultation):
    confirmed("a@example.com")
    with pytest.raises(ValidationFailed, match="验证码不正确"):
        services.comment_submit(
            consultation=consultation, data=comment_data(address="b@example.com"), client_key="c"
        )


def test_a_code_is_mailed_and_confirms_the_comment(
    consultation, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        shown = services.confirmation_request(channel="email", address="Citizen@Example.com", client_key="c")
    assert shown is None
    code = mailoutbox[0].body.split("验证码是 ")[1][:6]
    comment = services.comment_submit(
        consultation=consultation,
        data=services.CommentData(body="好", channel="email", address="citizen@example.com", code=code),
        client_key="c",
    )
    assert comment.pk


def test_a_phone_code_is_refused_without_an_sms_gateway(consultation, settings):
    settings.PARTICIPATION_CONFIRMATION_CHANNELS = ["email", "phone"]
    settings.DEBUG = False
    with pytest.raises(ValidationFailed, match="短信验证服务尚未开通"):
        services.confirmation_request(channel="phone", address="13812345678", client_key="c")


def test_a_phone_code_is_shown_in_debug(consultation, settings):
    settings.PARTICIPATION_CONFIRMATION_CHANNELS = ["email", "phone"]
    settings.DEBUG = True
    code = services.confirmation_request(channel="phone", address="13812345678", client_key="c")
    assert len(code) == 6


def test_the_phone_channel_is_off_unless_configured(consultation):
    with pytest.raises(ValidationFailed, match="不支持该验证方式"):
        services.confirmation_request(channel="phone", address="13812345678", client_key="c")


def test_too_many_comments_from_one_address_are_refused_and_not_stored(consultation, settings):
    settings.PARTICIPATION_RATE_LIMITS = {"comment_address": (2, 3600)}
    submit(consultation, "一")
    submit(consultation, "二")
    with pytest.raises(services.RateLimited, match="一小时内提交的意见过多"):
        submit(consultation, "三")
    assert list(Comment.objects.values_list("body", flat=True).order_by("id")) == ["一", "二"]


def test_too_many_comments_from_one_client_are_refused(consultation, settings):
    settings.PARTICIPATION_RATE_LIMITS = {"comment_client": (1, 600)}
    submit(consultation, "一", address="a@example.com")
    with pytest.raises(services.RateLimited, match="提交过于频繁"):
        submit(consultation, "二", address="b@example.com")
    assert Comment.objects.count() == 1


def test_too_many_code_requests_are_refused(consultation, settings):
    settings.PARTICIPATION_RATE_LIMITS = {"code_address": (1, 3600)}
    services.confirmation_request(channel="email", address="a@example.com", client_key="c")
    with pytest.raises(services.RateLimited, match="获取验证码过于频繁"):
        services.confirmation_request(channel="email", address="a@example.com", client_key="c")


def test_a_draft_takes_no_comment(education, publisher):
    consultation = make_draft(education, publisher, JUNE_1)
    with pytest.raises(InvalidTransition, match="不在征求意见期限内"):
        submit(consultation)


def test_a_comment_after_the_last_day_closes_the_period_and_is_refused(consultation, today):
    today.set(consultation.closes_on + dt.timedelta(days=1))
    with pytest.raises(InvalidTransition, match="不在征求意见期限内"):
        submit(consultation)
    consultation.refresh_from_db()
    assert consultation.status == "closed"
    assert Comment.objects.count() == 0


def test_a_comment_before_the_period_starts_is_refused(education, publisher):
    consultation = make_open(education, publisher, dt.date(2026, 6, 10))
    with pytest.raises(InvalidTransition, match="不在征求意见期限内"):
        submit(consultation)


def test_an_unknown_paragraph_is_refused(consultation):
    with pytest.raises(ValidationFailed, match="所选段落不存在"):
        submit(consultation, paragraph=99)


def test_an_empty_comment_is_refused(consultation):
    with pytest.raises(ValidationFailed, match="请填写意见内容"):
        submit(consultation, "   ")
