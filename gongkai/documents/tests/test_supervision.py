"""The office head's supervision (督办): per-department figures, overdue groups, the audited reminder (催办)."""

import datetime as dt
import io

import pytest
from django.core import mail
from openpyxl import load_workbook

from gongkai.core.errors import PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.documents.models import Attribute, Status
from gongkai.documents.supervision import (
    department_figures,
    figures_total,
    organisation_urge,
    overdue_by_department,
    period_for,
    supervision_xlsx,
    urge_notices_for,
)
from gongkai.documents.tests.factories import DocumentFactory
from gongkai.orgs.tests.factories import staff_in

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)
YEAR = period_for("year", today=TODAY)


def _by_org(rows):
    return {row.organisation.name: row for row in rows}


@pytest.fixture
def records(education, finance):
    # Education: two published this year (one on time, one late), one overdue draft, one pending not yet due.
    DocumentFactory(
        organisation=education, published_on=dt.date(2026, 3, 1), disclosure_due_on=dt.date(2026, 3, 10)
    )
    DocumentFactory(
        organisation=education, published_on=dt.date(2026, 4, 20), disclosure_due_on=dt.date(2026, 4, 1)
    )
    DocumentFactory(
        organisation=education,
        status=Status.DRAFT,
        published_on=None,
        title="超期未公开的教育通知",
        disclosure_due_on=dt.date(2026, 5, 29),
    )
    DocumentFactory(
        organisation=education,
        status=Status.SUBMITTED,
        published_on=None,
        disclosure_due_on=dt.date(2026, 7, 1),
    )
    # Finance: one published last year (outside the period), one overdue.
    DocumentFactory(
        organisation=finance, published_on=dt.date(2025, 12, 1), disclosure_due_on=dt.date(2025, 12, 10)
    )
    DocumentFactory(
        organisation=finance,
        status=Status.APPROVED,
        published_on=None,
        title="超期未公开的财政通知",
        disclosure_due_on=dt.date(2026, 6, 1),
    )
    # Not proactive: never counted.
    DocumentFactory(
        organisation=finance,
        status=Status.DRAFT,
        published_on=None,
        attribute=Attribute.ON_REQUEST,
        attribute_reason="涉及第三方",
        disclosure_due_on=dt.date(2026, 1, 5),
    )


def test_figures_count_published_pending_overdue_and_on_time_rate_per_department(
    records, supervisor_in_city, education
):
    rows = _by_org(department_figures(supervisor_in_city, period=YEAR, today=TODAY))
    edu = rows[education.name]
    assert (edu.published, edu.pending, edu.overdue, edu.on_time_percent) == (2, 2, 1, "50.0%")


def test_figures_leave_out_records_published_outside_the_period_and_non_proactive(
    records, supervisor_in_city, finance
):
    fin = _by_org(department_figures(supervisor_in_city, period=YEAR, today=TODAY))[finance.name]
    assert (fin.published, fin.pending, fin.overdue, fin.on_time_rate) == (0, 1, 1, None)


def test_totals_add_up_the_departments(records, supervisor_in_city):
    total = figures_total(department_figures(supervisor_in_city, period=YEAR, today=TODAY))
    assert (total.published, total.pending, total.overdue) == (2, 3, 2)


def test_department_supervisor_sees_only_own_department(records, education):
    head = staff_in(education, "supervisor", username="edu-head")
    rows = department_figures(head, period=YEAR, today=TODAY)
    assert [row.organisation.name for row in rows] == [education.name]


def test_editor_without_supervision_role_sees_no_departments(records, editor_in_dept):
    assert department_figures(editor_in_dept, period=YEAR, today=TODAY) == []


def test_overdue_records_are_grouped_by_department(records, supervisor_in_city, education, finance):
    groups = overdue_by_department(supervisor_in_city, today=TODAY)
    assert [(g.organisation.name, [r.document.title for r in g.rows]) for g in groups] == [
        (education.name, ["超期未公开的教育通知"]),
        (finance.name, ["超期未公开的财政通知"]),
    ]


def test_overdue_row_counts_working_days_past_due(records, supervisor_in_city, finance):
    group = next(
        g for g in overdue_by_department(supervisor_in_city, today=TODAY) if g.organisation == finance
    )
    # Due Monday 1 June 2026; 2–5 and 8–12 June are working days, and so is the 15th's start: 10 days past.
    assert group.rows[0].days_overdue == 10


def test_quarter_period_starts_on_the_quarters_first_day():
    assert period_for("quarter", today=TODAY).start == dt.date(2026, 4, 1)


def test_custom_period_given_backwards_is_put_in_order():
    period = period_for("custom", today=TODAY, start=dt.date(2026, 5, 1), end=dt.date(2026, 2, 1))
    assert (period.start, period.end) == (dt.date(2026, 2, 1), dt.date(2026, 5, 1))


def test_urge_is_audited_on_organisation_and_each_overdue_record(
    records, supervisor_in_city, education, editor_in_dept, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        event = organisation_urge(
            organisation=education, actor=supervisor_in_city, today=TODAY, comment="请本周内发布"
        )
    doc_events = AuditEvent.objects.filter(action="document.urge")
    assert (event.action, event.actor, event.comment) == (
        "organisation.urge",
        supervisor_in_city,
        "请本周内发布",
    )
    assert [e.target.title for e in doc_events] == ["超期未公开的教育通知"]
    assert event.data["recipients"] == [editor_in_dept.pk]


def test_urge_mails_the_departments_staff(
    records,
    supervisor_in_city,
    education,
    editor_in_dept,
    reviewer_in_dept,
    django_capture_on_commit_callbacks,
):
    editor_in_dept.email = "editor@edu.example.gov.cn"
    editor_in_dept.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        organisation_urge(organisation=education, actor=supervisor_in_city, today=TODAY)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["editor@edu.example.gov.cn"]
    assert "超期未公开的教育通知" in mail.outbox[0].body


def test_urge_outside_supervision_scope_is_refused(records, education, finance):
    head = staff_in(education, "supervisor", username="edu-head")
    with pytest.raises(PermissionDenied, match="无权督办"):
        organisation_urge(organisation=finance, actor=head, today=TODAY)
    assert not AuditEvent.objects.filter(action="organisation.urge").exists()


def test_urge_with_nothing_overdue_is_refused(supervisor_in_city, education):
    with pytest.raises(ValidationFailed, match="没有超期"):
        organisation_urge(organisation=education, actor=supervisor_in_city, today=TODAY)


def test_urge_shows_to_the_departments_staff_not_the_siblings(
    records, supervisor_in_city, education, editor_in_dept, editor_in_sibling
):
    organisation_urge(organisation=education, actor=supervisor_in_city, today=TODAY)
    since = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    assert (
        len(urge_notices_for(editor_in_dept, since=since)),
        urge_notices_for(editor_in_sibling, since=since),
    ) == (
        1,
        [],
    )


def test_xlsx_has_figures_and_overdue_sheets(records, supervisor_in_city, education):
    figures = department_figures(supervisor_in_city, period=YEAR, today=TODAY)
    overdue = overdue_by_department(supervisor_in_city, today=TODAY)
    book = load_workbook(
        io.BytesIO(supervision_xlsx(figures=figures, overdue=overdue, period=YEAR, today=TODAY))
    )
    stats = {row[0]: row for row in book["督办统计"].iter_rows(min_row=3, values_only=True)}
    assert stats[education.name][1:] == (2, 2, 1, 0.5, 2, 1)
    assert [row[1] for row in book["超期清单"].iter_rows(min_row=2, values_only=True)] == [
        "超期未公开的教育通知",
        "超期未公开的财政通知",
    ]


def test_xlsx_keeps_a_formula_like_title_as_text(supervisor_in_city, education):
    DocumentFactory(
        organisation=education,
        status=Status.DRAFT,
        published_on=None,
        title="=HYPERLINK(1)",
        disclosure_due_on=dt.date(2026, 5, 1),
    )
    overdue = overdue_by_department(supervisor_in_city, today=TODAY)
    book = load_workbook(io.BytesIO(supervision_xlsx(figures=[], overdue=overdue, period=YEAR, today=TODAY)))
    assert book["超期清单"]["B2"].data_type == "s"
