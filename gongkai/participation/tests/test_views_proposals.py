"""The staff pages of 建议提案办理: scope (404 outside it), the step forms, publication by the lead office."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.participation import proposals
from gongkai.participation.models import ProposalStatus


@pytest.fixture
def coordinator_staff(general_office):
    from gongkai.orgs.tests.factories import staff_in

    return staff_in(general_office, "editor", username="office-coordinator")


@pytest.fixture
def lead_staff(education):
    from gongkai.orgs.tests.factories import staff_in

    return staff_in(education, "editor", "publisher", username="edu-lead")


@pytest.fixture
def outsider(exam_unit):
    from gongkai.orgs.tests.factories import staff_in

    return staff_in(exam_unit, "editor", "publisher", username="exam-staff")


@pytest.fixture
def proposal(general_office, coordinator_staff):
    return proposals.proposal_register(
        actor=coordinator_staff,
        coordinator=general_office,
        data=proposals.ProposalData(
            kind="proposal",
            session="市政协十五届五次会议",
            number="88",
            proposer="李委员",
            summary="推进校园食品安全",
            full_text="建议加强校园食堂监管。",
        ),
    )


def test_the_coordinator_registers_through_the_page(client, general_office, coordinator_staff):
    client.force_login(coordinator_staff)
    response = client.post(
        reverse("staff:proposal_new"),
        {
            "coordinator": general_office.pk,
            "kind": "suggestion",
            "session": "市十七届人大五次会议",
            "number": "7",
            "proposer": "张代表",
            "summary": "增加公交线路",
            "full_text": "建议增加公交线路。",
        },
    )
    assert response.status_code == 302


def test_an_office_with_no_part_gets_404(client, proposal, outsider):
    client.force_login(outsider)
    assert client.get(reverse("staff:proposal", args=[proposal.pk])).status_code == 404


def test_assign_reply_and_publish_through_the_pages(
    client, proposal, coordinator_staff, lead_staff, education
):
    client.force_login(coordinator_staff)
    client.post(
        reverse("staff:proposal_step", args=[proposal.pk, "assign"]),
        {"lead_office": education.pk, "on": "2026-03-16"},
    )
    client.force_login(lead_staff)
    page = client.get(reverse("staff:proposal", args=[proposal.pk])).content.decode()
    assert "答复代表委员" in page
    client.post(
        reverse("staff:proposal_step", args=[proposal.pk, "reply"]),
        {"letter": "已落实。", "classification": "A", "on": "2026-05-06"},
    )
    client.post(reverse("staff:proposal_step", args=[proposal.pk, "publish"]))
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PUBLISHED
    assert proposal.replied_on == dt.date(2026, 5, 6)


def test_the_list_shows_statistics(client, proposal, coordinator_staff):
    client.force_login(coordinator_staff)
    body = client.get(reverse("staff:proposals")).content.decode()
    assert "推进校园食品安全" in body
    assert "办理情况统计" in body
