"""The proactive-disclosure timer (SPEC R1.2): explained due dates, the dashboard counts, query budgets.

The budgets run over 36 pending records whose due dates are set (the factory computes them) across 2025 and
2026, once inside a transaction and once outside it, so that a per-row calendar or a per-calendar table
check (the N+1 this file was written against) fails them.
"""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.core import workdays
from gongkai.documents.models import Status
from gongkai.documents.selectors import disclosure_timer, disclosure_timer_counts
from gongkai.documents.tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 20)
PENDING = (Status.DRAFT, Status.SUBMITTED, Status.APPROVED, Status.SCHEDULED)


@pytest.fixture
def pending_records(education):
    docs = DocumentFactory.create_batch(36, organisation=education, status=Status.DRAFT)
    years = {doc.formed_on.year for doc in docs}
    assert years == {2025, 2026} and all(doc.disclosure_due_on for doc in docs)
    return docs


@pytest.fixture
def table_check_not_yet_cached(monkeypatch):
    # Outside a transaction the first calendar of a process asks whether the schedule table exists.
    monkeypatch.setattr(workdays, "_schedule_table_seen", False, raising=False)


def _due(day: str, education, status=Status.DRAFT):
    return DocumentFactory(
        organisation=education, status=status, disclosure_due_on=dt.date.fromisoformat(day)
    )


# --- rows and their explanation -------------------------------------------------------------------------


def test_timer_row_explains_its_due_date(education, editor_in_dept):
    DocumentFactory(organisation=education, status=Status.DRAFT, formed_on=dt.date(2026, 1, 30))
    [row] = disclosure_timer(editor_in_dept, today=TODAY)
    assert row.document.disclosure_due_on == dt.date(2026, 3, 5)
    assert row.explanation == "2026-03-05 到期：2026-01-30 信息形成或者变更，自次日起算 20 个工作日"


def test_timer_row_without_formed_date_has_no_explanation_or_state(education, editor_in_dept):
    DocumentFactory(organisation=education, status=Status.DRAFT, formed_on=None)
    [row] = disclosure_timer(editor_in_dept, today=TODAY)
    assert (row.explanation, row.days_left, row.state) == ("", None, None)


def test_timer_page_shows_the_explanation_in_a_disclosure_widget(client, education, editor_in_dept):
    DocumentFactory(organisation=education, status=Status.DRAFT, formed_on=dt.date(2026, 1, 30))
    client.force_login(editor_in_dept)
    body = client.get(reverse("staff:timer")).content.decode()
    assert (
        "<details><summary>计算依据</summary>"
        "2026-03-05 到期：2026-01-30 信息形成或者变更，自次日起算 20 个工作日</details>"
    ) in body


# --- counts for the dashboard ---------------------------------------------------------------------------


def test_counts_split_overdue_and_approaching(education, editor_in_dept):
    _due("2026-03-19", education)  # overdue
    _due("2026-03-20", education)  # due today: approaching
    _due("2026-03-27", education, Status.SUBMITTED)  # 5th working day after today: approaching
    _due("2026-03-30", education)  # 6th: on time
    _due("2026-03-01", education, Status.PUBLISHED)  # public already: not counted
    counts = disclosure_timer_counts(editor_in_dept, today=TODAY)
    assert counts == {"overdue": 1, "approaching": 2}


def test_counts_agree_with_the_timer_rows(pending_records, editor_in_dept):
    rows = disclosure_timer(editor_in_dept, today=TODAY)
    counts = disclosure_timer_counts(editor_in_dept, today=TODAY)
    assert counts == {
        "overdue": sum(row.overdue for row in rows),
        "approaching": sum(row.approaching for row in rows),
    }
    assert counts == {"overdue": 24, "approaching": 6}  # the factory's due dates up to 03-16, and 03-26


def test_counts_leave_out_sibling_department_records(finance, editor_in_dept):
    _due("2026-03-19", finance)
    assert disclosure_timer_counts(editor_in_dept, today=TODAY) == {"overdue": 0, "approaching": 0}


def test_counts_say_none_approaching_when_the_window_needs_an_unknown_year(education, editor_in_dept):
    _due("2026-12-01", education)
    counts = disclosure_timer_counts(editor_in_dept, today=dt.date(2026, 12, 29))
    assert counts == {"overdue": 1, "approaching": None}


# --- query budgets ----------------------------------------------------------------------------------------
# Today: scope, rows, the holidays of 2025 and 2026 (4), one more outside a transaction (the table check);
# budgets allow one query of slack. A calendar per row costs 36 or more.


def test_timer_query_count_does_not_grow_with_rows(
    pending_records, editor_in_dept, django_assert_max_num_queries
):
    with django_assert_max_num_queries(5):
        rows = disclosure_timer(editor_in_dept, today=TODAY)
    assert len(rows) == 36 and all(row.explanation for row in rows)


@pytest.mark.django_db(transaction=True)
def test_timer_query_count_does_not_grow_with_rows_outside_a_transaction(
    pending_records, editor_in_dept, table_check_not_yet_cached, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):  # the table check once, then as in a transaction
        rows = disclosure_timer(editor_in_dept, today=TODAY)
    assert len(rows) == 36


def test_timer_page_query_count_does_not_grow_with_rows(
    client, pending_records, editor_in_dept, django_assert_max_num_queries
):
    client.force_login(editor_in_dept)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("staff:timer"))
    assert response.content.decode().count("<details>") == 36


@pytest.mark.django_db(transaction=True)
def test_timer_page_query_count_does_not_grow_outside_a_transaction(
    client, pending_records, editor_in_dept, table_check_not_yet_cached, django_assert_max_num_queries
):
    client.force_login(editor_in_dept)
    with django_assert_max_num_queries(9):
        assert client.get(reverse("staff:timer")).status_code == 200


def test_counts_run_a_constant_number_of_queries(
    pending_records, editor_in_dept, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):  # today 3: scope, the 2026 holidays, one COUNT
        counts = disclosure_timer_counts(editor_in_dept, today=TODAY)
    assert counts == {"overdue": 24, "approaching": 6}


@pytest.mark.django_db(transaction=True)
def test_counts_run_a_constant_number_of_queries_outside_a_transaction(
    pending_records, editor_in_dept, table_check_not_yet_cached, django_assert_max_num_queries
):
    with django_assert_max_num_queries(5):
        assert disclosure_timer_counts(editor_in_dept, today=TODAY) == {"overdue": 24, "approaching": 6}
