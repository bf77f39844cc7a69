"""The demo: consultations (one open with moderated comments, one reported) and a session of suggestions and
proposals with replies, all made through the services; a second run adds nothing."""

import datetime as dt

import pytest
from django.core.management import call_command

from gongkai.core.models import AuditEvent
from gongkai.participation import demo, proposals, selectors
from gongkai.participation.models import (
    Consultation,
    ConsultationStatus,
    Meeting,
    Proposal,
    ProposalKind,
    ProposalStatus,
)

DEMO_DAY = dt.date(2026, 12, 1)  # the day the demo was asked to load on: 2027 has no holiday schedule yet


@pytest.fixture
def demo_staff(general_office, education, finance):
    from gongkai.orgs.tests.factories import staff_in

    staff_in(education, "editor", username="edu_editor")
    staff_in(education, "publisher", username="edu_publisher")
    staff_in(general_office, "editor", username="office_editor")
    staff_in(finance, "editor", "reviewer", "publisher", username="fin_editor")


def test_demo_has_one_open_and_one_reported_consultation(demo_staff):
    call_command("load_participation_demo", stdout=None)
    statuses = sorted(Consultation.objects.values_list("status", flat=True))
    assert statuses == [ConsultationStatus.OPEN, ConsultationStatus.REPORTED]
    reported = Consultation.objects.get(status=ConsultationStatus.REPORTED)
    report = selectors.adoption_report(reported)
    assert [count for _value, _label, count in report.by_outcome] == [2, 1, 1]
    assert report.rejected == 1
    assert report.changed


def test_demo_runs_twice_without_duplicates(demo_staff):
    call_command("load_participation_demo", stdout=None)
    audit_rows = AuditEvent.objects.count()
    call_command("load_participation_demo", stdout=None)
    assert Consultation.objects.count() == 2
    assert Proposal.objects.count() == len(demo.PROPOSAL_CASES)
    assert AuditEvent.objects.count() == audit_rows


@pytest.mark.parametrize("day", [dt.date(2026, 6, 1), DEMO_DAY])
def test_demo_session_of_suggestions_and_proposals(demo_staff, today, day):
    today.set(day)
    result = demo.load_participation_demo()
    assert result.proposals == 5
    rows = {p.number: p for p in Proposal.objects.select_related("lead_office")}
    assert {p.kind for p in rows.values()} == {ProposalKind.SUGGESTION, ProposalKind.PROPOSAL}
    published = [p for p in rows.values() if p.status == ProposalStatus.PUBLISHED]
    assert sorted(p.classification for p in published) == ["A", "B", "C"]
    assert all(p.satisfaction for p in published)
    assert rows["0258"].status == ProposalStatus.ANSWERED  # replied, not yet cleared for publication
    still_open = rows["1103"]
    assert still_open.status == ProposalStatus.ASSIGNED
    assert still_open.lead_due_on > day  # open, within its deadline
    assert still_open.co_offices.get().answered_on <= day
    assert Meeting.objects.filter(proposal__status=ProposalStatus.PUBLISHED).count() == 3
    # Every step went through the services, so the audit trail has it.
    actions = set(AuditEvent.objects.filter(action__startswith="proposal").values_list("action", flat=True))
    assert {
        "proposal.register",
        "proposal.co_office_answer",
        "proposal.meeting",
        "proposal.satisfaction",
    } <= actions
    # The public column lists exactly the published replies, titled with the content summary.
    titles = [p.reply_title for p in proposals.proposals_public()]
    assert len(titles) == 3
    assert "关于提高中小学课后服务经费保障水平的答复（市十七届人大五次会议第1012号）" in titles
    assert all(p.replied_on <= day for p in rows.values() if p.replied_on)


def test_demo_statistics_show_one_late_reply(demo_staff):
    demo.load_participation_demo()
    stats = {(s.office, s.session): s for s in proposals.proposal_statistics()}
    education = stats[("沈阳市教育局", demo.SUGGESTION_SESSION)]
    assert (education.total, education.replied, education.on_time) == (3, 2, 1)


def test_the_public_column_shows_the_demo_replies(demo_staff, client):
    demo.load_participation_demo()
    page = client.get("/participation/proposals/").content.decode()
    assert "关于在中小学推行校服自主选购的答复" in page
    assert "加强教育专项资金绩效管理" not in page  # answered but not published
    assert "增设中小学专职心理健康教师岗位" not in page  # still open


def test_a_year_without_a_holiday_schedule_skips_the_proposals_without_error(demo_staff, today):
    today.set(dt.date(2031, 3, 2))
    result = demo.load_participation_demo()
    assert result.created == 2
    assert result.proposals == 0
    assert not Proposal.objects.exists()
