"""建议提案办理: registering, assigning with working-day deadlines, co-office answers, the reply, 面商,
satisfaction, publication by the lead office only, and statistics."""

import datetime as dt

import pytest

from gongkai.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from gongkai.participation import proposals
from gongkai.participation.models import ProposalStatus

ASSIGNED_ON = dt.date(2026, 3, 16)  # a Monday


@pytest.fixture
def coordinator_staff(general_office):
    from gongkai.orgs.tests.factories import staff_in

    return staff_in(general_office, "editor", username="office-coordinator")


@pytest.fixture
def lead_staff(education):
    from gongkai.orgs.tests.factories import staff_in

    return staff_in(education, "editor", "publisher", username="edu-lead")


@pytest.fixture
def co_staff(finance):
    from gongkai.orgs.tests.factories import staff_in

    return staff_in(finance, "editor", "publisher", username="fin-co")


def _register(general_office, actor, number="101"):
    return proposals.proposal_register(
        actor=actor,
        coordinator=general_office,
        data=proposals.ProposalData(
            kind="suggestion",
            session="市十七届人大五次会议",
            number=number,
            proposer="王代表",
            summary="加强中小学周边交通安全管理",
            full_text="建议在中小学周边增设交通信号灯。",
        ),
    )


@pytest.fixture
def assigned(general_office, education, finance, coordinator_staff):
    proposal = _register(general_office, coordinator_staff)
    return proposals.proposal_assign(
        proposal, actor=coordinator_staff, lead_office=education, co_offices=[finance], on=ASSIGNED_ON
    )


def test_assignment_stores_the_working_day_deadlines(assigned):
    co_office = assigned.co_offices.get()
    assert assigned.status == ProposalStatus.ASSIGNED
    # 60 and 20 working days after 2026-03-16, skipping weekends, 清明 (04-04..06) and 劳动节 (05-01..05).
    assert co_office.due_on == dt.date(2026, 4, 14)
    assert assigned.lead_due_on == dt.date(2026, 6, 11)


def test_the_deadlines_are_configurable(general_office, education, coordinator_staff, settings):
    settings.PARTICIPATION_PROPOSAL_LIMITS = {"lead": 10}
    proposal = proposals.proposal_assign(
        _register(general_office, coordinator_staff),
        actor=coordinator_staff,
        lead_office=education,
        co_offices=[],
        on=ASSIGNED_ON,
    )
    assert proposal.lead_due_on == dt.date(2026, 3, 30)


def test_a_number_is_unique_within_a_session(general_office, coordinator_staff):
    _register(general_office, coordinator_staff)
    with pytest.raises(ValidationFailed, match="已有该编号"):
        _register(general_office, coordinator_staff)


def test_the_lead_cannot_reply_before_the_co_offices_answer(assigned, lead_staff):
    with pytest.raises(ValidationFailed, match="会办单位未提出会办意见"):
        proposals.proposal_reply(
            assigned, actor=lead_staff, letter="答复", classification="A", on=dt.date(2026, 5, 6)
        )


def _answered(assigned, lead_staff, co_staff, finance, replied_on=dt.date(2026, 5, 6)):
    proposals.co_office_answer(
        assigned, actor=co_staff, organisation=finance, answer="同意", on=dt.date(2026, 4, 1)
    )
    proposals.meeting_record(
        assigned, actor=lead_staff, held_on=dt.date(2026, 4, 20), notes="与王代表当面沟通"
    )
    return proposals.proposal_reply(
        assigned, actor=lead_staff, letter="已增设信号灯 12 处。", classification="A", on=replied_on
    )


def test_the_lead_replies_after_the_co_offices(assigned, lead_staff, co_staff, finance):
    proposal = _answered(assigned, lead_staff, co_staff, finance)
    assert proposal.status == ProposalStatus.ANSWERED
    assert proposal.replied_on_time is True
    assert proposal.meetings.count() == 1


def test_a_co_office_cannot_reply_for_the_lead(assigned, co_staff, finance):
    proposals.co_office_answer(
        assigned, actor=co_staff, organisation=finance, answer="同意", on=dt.date(2026, 4, 1)
    )
    with pytest.raises(PermissionDenied, match="没有该操作的权限"):
        proposals.proposal_reply(
            assigned, actor=co_staff, letter="答复", classification="A", on=dt.date(2026, 5, 6)
        )


def test_a_co_office_cannot_publish(assigned, lead_staff, co_staff, finance):
    proposal = _answered(assigned, lead_staff, co_staff, finance)
    with pytest.raises(PermissionDenied, match="没有该操作的权限"):
        proposals.proposal_publish(proposal, actor=co_staff)


def test_the_lead_office_publishes_the_reply(assigned, lead_staff, co_staff, finance):
    proposal = proposals.proposal_publish(
        _answered(assigned, lead_staff, co_staff, finance), actor=lead_staff
    )
    assert proposal.status == ProposalStatus.PUBLISHED
    assert list(proposals.proposals_public()) == [proposal]
    assert proposal.reply_title.startswith("关于加强中小学周边交通安全管理的答复")


def test_an_unanswered_proposal_cannot_be_published(assigned, lead_staff):
    with pytest.raises(InvalidTransition):
        proposals.proposal_publish(assigned, actor=lead_staff)


def test_another_office_cannot_answer_as_a_co_office(assigned, lead_staff, education):
    with pytest.raises(InvalidTransition, match="不是本件的会办单位"):
        proposals.co_office_answer(
            assigned, actor=lead_staff, organisation=education, answer="x", on=dt.date(2026, 4, 1)
        )


def test_statistics_per_office_and_session(
    assigned, lead_staff, co_staff, finance, general_office, coordinator_staff, education
):
    _answered(assigned, lead_staff, co_staff, finance)
    proposals.satisfaction_record(assigned, actor=lead_staff, satisfaction="satisfied")
    late = proposals.proposal_assign(
        _register(general_office, coordinator_staff, number="102"),
        actor=coordinator_staff,
        lead_office=education,
        co_offices=[],
        on=ASSIGNED_ON,
    )
    proposals.proposal_reply(
        late, actor=lead_staff, letter="留作参考", classification="C", on=dt.date(2026, 7, 1)
    )
    [stats] = proposals.proposal_statistics(session="市十七届人大五次会议")
    assert (stats.office, stats.total, stats.replied, stats.on_time) == ("沈阳市教育局", 2, 2, 1)
    assert stats.by_class == {"A": 1, "C": 1}
    assert stats.by_satisfaction == {"satisfied": 1}


def test_the_public_column_lists_only_published_replies(
    client, assigned, lead_staff, co_staff, finance, general_office, coordinator_staff
):
    from django.urls import reverse

    proposal = proposals.proposal_publish(
        _answered(assigned, lead_staff, co_staff, finance), actor=lead_staff
    )
    hidden = _register(general_office, coordinator_staff, number="103")
    body = client.get(reverse("participation:proposals")).content.decode()
    assert proposal.reply_title in body
    assert client.get(reverse("participation:proposal", args=[proposal.pk])).status_code == 200
    assert client.get(reverse("participation:proposal", args=[hidden.pk])).status_code == 404
