"""Table 三 from live applications: counts by applicant kind and row, and the reconciliation of R2.4."""

import datetime as dt
import random

import pytest
from django.utils import timezone

from gongkai.foi import services
from gongkai.foi.annual import CARRIED_IN, CARRIED_OUT, RECEIVED, RESULTS_TOTAL, reconciles, table_three
from gongkai.foi.models import ReportMapping, ReportRow
from gongkai.foi.tests.factories import company_input, file_application

pytestmark = pytest.mark.django_db

D = dt.date


def _close(application, handler, decision="disclose", row=""):
    services.application_reply(
        application, actor=handler, decision=decision, report_row=row, text="x", today=D(2026, 9, 25)
    )


def test_this_years_replies_are_counted_by_kind_and_row(education, handler_in_dept):
    year = timezone.localdate().year
    person, _ = file_application(education, on=D(year, 1, 5))
    company, _ = services.application_file(data=company_input(education), submitted_on=D(year, 1, 6))
    _close(person, handler_in_dept)
    _close(company, handler_in_dept, "withhold", ReportRow.W4)
    table = table_three(education, year=year)
    assert table[RECEIVED] == {**table[RECEIVED], "person": 1, "business": 1, "total": 2}
    assert table[ReportRow.DISCLOSED]["person"] == 1
    assert table[ReportRow.W4]["business"] == 1
    assert table[RESULTS_TOTAL]["total"] == 2
    assert table[CARRIED_OUT]["total"] == 0


def test_open_application_of_last_year_is_carried_in_and_out(education):
    year = timezone.localdate().year
    file_application(education, on=D(year - 1, 12, 1))
    table = table_three(education, year=year)
    assert table[CARRIED_IN]["person"] == 1
    assert table[CARRIED_OUT]["person"] == 1
    assert table[RECEIVED]["total"] == 0


def test_city_table_aggregates_the_tree(city, education, exam_unit, finance):
    year = timezone.localdate().year
    for organisation in (education, exam_unit, finance):
        file_application(organisation, on=D(year, 2, 2))
    assert table_three(city, year=year, tree=True)[RECEIVED]["total"] == 3
    assert table_three(education, year=year, tree=True)[RECEIVED]["total"] == 2
    assert table_three(education, year=year)[RECEIVED]["total"] == 1


def test_generated_data_reconciles(education, handler_in_dept):
    rng = random.Random(13)
    year = timezone.localdate().year
    mapping = list(ReportMapping.objects.values_list("decision", "report_row"))
    for i in range(40):
        on = D(year - 1, 11, 2) + dt.timedelta(days=rng.randrange(300))
        on = min(on, timezone.localdate())
        application, _ = file_application(education, on=on, name=f"申请人{i}")
        choice = rng.random()
        if choice < 0.6:
            decision, row = rng.choice(mapping)
            _close(application, handler_in_dept, decision, row)
        elif choice < 0.7:
            services.application_withdraw(application, actor=None, reason="", today=timezone.localdate())
    table = table_three(education, year=year)
    assert reconciles(table)
    # Every application was received by today and none was closed before this year: each is in 一 or 二.
    assert table[RECEIVED]["total"] + table[CARRIED_IN]["total"] == 40
    assert table[RESULTS_TOTAL]["total"] > 0


def test_a_broken_total_does_not_reconcile(education):
    table = table_three(education, year=timezone.localdate().year)
    table[RECEIVED]["person"] += 1
    assert not reconciles(table)
