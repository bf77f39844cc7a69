"""Information-disclosure benchmark: the staff queue over many applications (issue 13, "Figures").

Run ``python -m bench.foi [--applications 100000] [--organisations 200] [--requests 30]``. It builds a fresh
database like ``bench.import`` (SQLite, or PostgreSQL when ``DATABASE_URL`` is set), spreads the applications over
the organisations and the years 2024–2026 (a tenth of them still open, with due dates from the real reply clock),
then times, in-process through Django's test client after a warm-up: the queue of a department handler, the
city office's queue over the whole tree (open applications, overdue first), and its queue of every status. It also
times ``deadline_compute`` for the reply clock. Then the city-wide annual report (年度报告, all six parts aggregated
over the tree, with a few thousand 行政复议/行政诉讼 cases and each department's recorded figures): the function
itself, the staff page and the JSON API, each with its query count. Target: each page under 1 s with a query count
that does not grow with the data. Figures are printed, not asserted; fixed seed.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib
import io
import os
import random
import statistics
import time

bench_import = importlib.import_module("bench.import")

SEED = 13
WARM_UP = 3


@contextlib.contextmanager
def _own_database(url: str):
    """Migrate the given (empty) database and load the demo organisations into it; it is left as it is after."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("load_demo_data", stdout=io.StringIO())
    yield f"{connection.vendor} {url}"


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _populate(n_apps: int, n_orgs: int) -> tuple[list, object]:
    from gongkai.core.clocks import deadline_compute
    from gongkai.core.workdays import WorkCalendar
    from gongkai.foi import clocks
    from gongkai.foi.models import ApplicantKind, Channel, FoiApplication, ReportRow, Status
    from gongkai.orgs.models import Organisation, OrgKind

    rng = random.Random(SEED)
    root = Organisation.objects.filter(parent=None).order_by("id").first()
    organisations = []
    for i in range(n_orgs):
        org = Organisation.objects.create(
            code=f"11210100FOI{i:05d}X", name=f"测试部门{i}", kind=OrgKind.DEPARTMENT, parent=root
        )
        org.path = f"{root.path}{org.pk}/"
        org.save(update_fields=["path"])
        organisations.append(org)
    calendar = WorkCalendar()
    start, days = dt.date(2024, 1, 2), (dt.date(2026, 11, 30) - dt.date(2024, 1, 2)).days
    rows, timings = [], []
    kinds, channels = ApplicantKind.values, Channel.values
    for i in range(n_apps):
        received = start + dt.timedelta(days=rng.randrange(days))
        started = time.perf_counter()
        due = deadline_compute(kind=clocks.REPLY, start=received, calendar=calendar).due
        timings.append(time.perf_counter() - started)
        is_open = received > dt.date(2026, 10, 1) or rng.random() < 0.01
        rows.append(
            FoiApplication(
                tracking_number=f"YSQ{received:%Y%m%d}{i:07d}",
                secret_hash="0" * 64,
                organisation=organisations[i % n_orgs],
                status=Status.RECEIVED if is_open else Status.REPLIED,
                applicant_kind=rng.choice(kinds),
                name="申请人",
                id_type="id_card",
                id_number="11010519491231002X",
                phone="13812345678",
                description="某年度某项工作的有关文件",
                delivery_form="electronic",
                delivery_way="email",
                channel=rng.choice(channels),
                submitted_on=received,
                received_on=received,
                due_on=due if is_open else None,
                closed_on=None if is_open else due,
                report_row="" if is_open else ReportRow.DISCLOSED,
            )
        )
    started = time.perf_counter()
    FoiApplication.objects.bulk_create(rows, batch_size=2000)
    insert = time.perf_counter() - started
    per_call = statistics.mean(timings) * 1e6
    print(f"deadline_compute (foi.reply) n={n_apps}: mean {per_call:.1f} µs, {1e6 / per_call:,.0f}/s")
    print(f"inserted {n_apps} applications over {n_orgs} organisations in {insert:.1f} s")
    return organisations, root


def _analyze() -> None:
    """Refresh the planner's statistics after the bulk load, as autovacuum (PostgreSQL) would soon do; without
    them PostgreSQL plans the tree queries for an empty table."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _measure(name: str, user, url: str, n: int) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    for _ in range(WARM_UP):
        client.get(url)
    timings = []
    for _ in range(n):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    print(
        f"{name:28} n={n} p50={statistics.median(timings):7.1f} ms  p95={_percentile(timings, 0.95):7.1f} ms  "
        f"queries={len(captured.captured_queries)}"
    )


def _annual_report(organisations: list, root, user, n: int) -> None:
    """The city-wide annual report: cases of review and litigation on 2% of applications, each department's
    recorded figures, then timings of ``annual_report`` and of its page and API."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongkai.foi import annual
    from gongkai.foi.models import FoiAnnualReport, FoiApplication, FoiRemedy, RemedyKind, RemedyOutcome

    rng = random.Random(SEED)
    ids = list(FoiApplication.objects.filter(status="replied").values_list("id", "received_on"))
    cases = []
    for pk, received in rng.sample(ids, k=len(ids) // 50):
        filed = received + dt.timedelta(days=30)
        decided = filed + dt.timedelta(days=60) if rng.random() < 0.7 else None
        cases.append(
            FoiRemedy(
                application_id=pk,
                kind=rng.choice(RemedyKind.values),
                filed_on=filed,
                outcome=rng.choice(RemedyOutcome.values) if decided else "",
                decided_on=decided,
            )
        )
    FoiRemedy.objects.bulk_create(cases, batch_size=2000)
    FoiAnnualReport.objects.bulk_create(
        FoiAnnualReport(organisation=org, year=year, licensing_decisions=rng.randrange(500))
        for org in organisations
        for year in (2024, 2025, 2026)
    )
    _analyze()
    year = 2026
    for _ in range(WARM_UP):
        annual.annual_report(root, year=year, aggregate=True)
    timings = []
    for _ in range(n):
        started = time.perf_counter()
        report = annual.annual_report(root, year=year, aggregate=True)
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as captured:
        report = annual.annual_report(root, year=year, aggregate=True)
    received = report["report"][annual.SECTION_3]["rows"][0][annual.APPLICANTS][annual.TOTAL]
    print(
        f"{'annual report, city (func)':28} n={n} p50={statistics.median(timings):7.1f} ms  "
        f"p95={_percentile(timings, 0.95):7.1f} ms  queries={len(captured.captured_queries)}  "
        f"(received {received}, {len(cases)} cases, reconcile: {annual.reconcile(report) or 'ok'})"
    )
    _measure("annual report, city (page)", user, f"/staff/foi/annual/{root.code}/{year}/all/", n)
    _measure(
        "annual report, city (API)",
        user,
        f"/api/v1/foi/annual-report?year={year}&org={root.code}&aggregate=true",
        n,
    )
    _measure("annual report, dept (page)", user, f"/staff/foi/annual/{organisations[0].code}/{year}/own/", n)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=100_000)
    parser.add_argument("--organisations", type=int, default=200)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument(
        "--database-url",
        default="",
        help="run in this existing, empty database (e.g. your own PostgreSQL database) instead of a fresh one",
    )
    args = parser.parse_args()
    database = _own_database(args.database_url) if args.database_url else bench_import.bench_database()
    with database as description:
        from gongkai.orgs.tests.factories import staff_in

        print(description)
        organisations, root = _populate(args.applications, args.organisations)
        _analyze()
        department = staff_in(organisations[0], "foi_handler", username="bench-dept")
        city = staff_in(root, "foi_handler", subunits=True, username="bench-city")
        _measure("queue, one department", department, "/staff/foi/", args.requests)
        _measure("queue, city office (open)", city, "/staff/foi/", args.requests)
        _measure("queue, city office (all)", city, "/staff/foi/?status=all", args.requests)
        _measure("queue, city, last page", city, "/staff/foi/?status=replied&page=last", args.requests)
        _annual_report(organisations, root, city, args.requests)
        print("Machine shared with other work: timings are noisy.")


if __name__ == "__main__":
    main()
