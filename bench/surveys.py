"""Survey results benchmark (issue 15, "Figures"): published aggregates over 100,000 responses in under 1 s.

Run ``python -m bench.surveys [--responses 100000]``. It migrates a fresh SQLite file, or the PostgreSQL database
named by ``DATABASE_URL`` (a new survey is added to it: use a database of your own, e.g. ``gk_surveys``),
builds an open survey of seven questions (two single choice, two multiple choice, two 1–5 scales, one free text)
through the services, and appends the responses in bulk: the rows are made exactly as ``response_submit`` makes
them (canonical bytes, hash chain, one answer row per option, one publication log entry in the same transaction,
``publog.services.response_entries_append``), without the per-request checks, which would take hours at this
size; the time of the log writes is printed apart. ``--service`` responses (default 200) then go through ``response_submit`` itself, and their
p50/p95 are printed. Then it times ``results.aggregate`` (the GROUP BY queries the ``publish`` move runs; best of
5) and the public check: export the anonymised responses and recompute the aggregates from them, which must be
equal, and ``gongkai verify`` (``publog.verify.log_verify``) over the whole log. Figures are printed, not asserted;
fixed seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

SEED = 4
BATCH = 5000


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _setup() -> Path | None:
    tmp = None
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        tmp = Path(tempfile.mkdtemp(prefix="gongkai-bench-surveys-"))
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
        os.environ["GONGKAI_DATA_DIR"] = str(tmp)
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import logging

    import django

    django.setup()
    logging.getLogger("gongkai").setLevel(logging.WARNING)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return tmp


def _survey():
    from django.utils import timezone

    from gongkai.orgs.models import Organisation, OrgKind
    from gongkai.orgs.tests.factories import staff_in
    from gongkai.surveys import services
    from gongkai.surveys.models import QuestionKind

    organisation = Organisation.objects.filter(parent=None).order_by("id").first()
    if organisation is None:
        organisation = Organisation.objects.create(
            code="11210100BENCH0000X", name="沈阳市人民政府", kind=OrgKind.CITY
        )
        organisation.path = f"/{organisation.pk}/"
        organisation.save(update_fields=["path"])
    actor = staff_in(organisation, "editor", "publisher", username=f"bench-surveys-{os.getpid()}")
    now = timezone.now()
    survey = services.survey_create(
        actor=actor,
        organisation=organisation,
        data=services.SurveyData(
            title="基准测试民意调查",
            purpose="基准测试",
            method="基准测试",
            opens_at=now - dt.timedelta(days=1),
            closes_at=now + dt.timedelta(days=1),
        ),
    )
    for text in ("身份", "所在区"):
        services.question_add(
            actor=actor, survey=survey, kind=QuestionKind.SINGLE, text=text, options=list("ABCDE")
        )
    for text in ("改进方面", "信息渠道"):
        services.question_add(
            actor=actor, survey=survey, kind=QuestionKind.MULTIPLE, text=text, options=list("ABCDEF")
        )
    for text in ("总体满意度", "办事便利度"):
        services.question_add(
            actor=actor, survey=survey, kind=QuestionKind.SCALE, text=text, scale_min=1, scale_max=5
        )
    services.question_add(actor=actor, survey=survey, kind=QuestionKind.TEXT, text="建议", required=False)
    services.survey_open(survey, actor=actor)
    return survey, actor


def _bulk(survey, n: int, rng: random.Random) -> float:
    """Insert ``n`` responses; returns the seconds spent writing their publication log entries."""
    from django.db import transaction
    from django.utils import timezone

    from gongkai.publog import services as publog
    from gongkai.surveys import results
    from gongkai.surveys.models import Answer, QuestionKind, Response

    questions = list(survey.questions.prefetch_related("options").order_by("number"))
    options = {q.number: list(q.options.all()) for q in questions}
    head = results.chain_head(survey)
    now = timezone.now()
    date = timezone.localdate(now).isoformat()
    texts = ["", "", "", "建议延长办理时间", "希望简化流程"]
    organisation = survey.organisation.code
    log_seconds = 0.0
    for start in range(0, n, BATCH):
        responses, pending = [], []
        for seq in range(start + 1, min(n, start + BATCH) + 1):
            record, rows = {}, []
            for q in questions:
                if q.kind == QuestionKind.SINGLE:
                    o = rng.choice(options[q.number])
                    record[str(q.number)] = o.number
                    rows.append((q, o, None, ""))
                elif q.kind == QuestionKind.MULTIPLE:
                    chosen = sorted(rng.sample(options[q.number], rng.randint(1, 3)), key=lambda o: o.number)
                    record[str(q.number)] = [o.number for o in chosen]
                    rows.extend((q, o, None, "") for o in chosen)
                elif q.kind == QuestionKind.SCALE:
                    v = rng.choices([1, 2, 3, 4, 5], weights=[1, 2, 3, 5, 4])[0]
                    record[str(q.number)] = v
                    rows.append((q, None, v, ""))
                else:
                    text = rng.choice(texts)
                    if text:
                        record[str(q.number)] = text
                        rows.append((q, None, None, text))
            duplicate = seq % 97 == 0
            body = {"seq": seq, "date": date, "duplicate": duplicate, "answers": record}
            data = results.response_bytes(body)
            head = results.chain_next(head, data)
            responses.append(
                Response(
                    survey=survey, seq=seq, submitted_at=now, duplicate=duplicate, data=data, chain_hash=head
                )
            )
            pending.append(rows)
        with transaction.atomic():
            Response.objects.bulk_create(responses, batch_size=1000)
            started = time.perf_counter()
            publog.response_entries_append(responses=responses, organisation=organisation)
            log_seconds += time.perf_counter() - started
            Answer.objects.bulk_create(
                (
                    Answer(
                        survey=survey,
                        response=r,
                        question=q,
                        option=o,
                        scale=v,
                        text=t,
                        raw_text=t,
                        first=i == 0 or rows[i - 1][0] is not q,
                    )
                    for r, rows in zip(responses, pending, strict=True)
                    for i, (q, o, v, t) in enumerate(rows)
                ),
                batch_size=2000,
            )
    return log_seconds


def _service(survey, n: int, rng: random.Random) -> list[float]:
    from gongkai.surveys import services

    timings = []
    for i in range(n):
        answers = {1: [str(rng.randint(1, 5))], 2: [str(rng.randint(1, 5))], 3: ["1", "2"], 4: ["3"]}
        answers |= {5: [str(rng.randint(1, 5))], 6: ["4"], 7: ["电话 13812345678" if i % 5 == 0 else ""]}
        started = time.perf_counter()
        services.response_submit(survey=survey, answers=answers, device_key=f"d{i}", address_key=f"a{i}")
        timings.append(time.perf_counter() - started)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--service", type=int, default=200)
    args = parser.parse_args()
    tmp = _setup()
    try:
        from django.db import connection

        from gongkai.publog.verify import log_verify
        from gongkai.surveys import results, services

        print(f"database: {connection.vendor}")
        rng = random.Random(SEED)
        survey, actor = _survey()
        started = time.perf_counter()
        logged = _bulk(survey, args.responses - args.service, rng)
        print(
            f"bulk insert of {args.responses - args.service} responses: {time.perf_counter() - started:.1f} s, "
            f"of which publication log entries {logged:.1f} s"
        )
        timings = _service(survey, args.service, rng)
        if timings:
            print(
                f"response_submit x{len(timings)}: p50 {statistics.median(timings) * 1000:.1f} ms, "
                f"p95 {_percentile(timings, 0.95) * 1000:.1f} ms"
            )
        services.survey_close(survey, actor=actor)
        walls, cpus = [], []
        for _ in range(5):
            wall, cpu = time.perf_counter(), time.process_time()
            aggregate = results.aggregate(survey)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        print(
            f"aggregate over {aggregate['sample_size']} responses "
            f"(7 questions): best {min(walls) * 1000:.0f} ms wall, "
            f"median {statistics.median(walls) * 1000:.0f} ms wall, "
            f"{statistics.median(cpus) * 1000:.0f} ms CPU (this process; the database's own time is in the wall)"
        )
        wall = time.perf_counter()
        services.survey_publish(survey, actor=actor)
        print(
            f"publish move (aggregate + chain head + audit): {(time.perf_counter() - wall) * 1000:.0f} ms wall"
        )
        survey.refresh_from_db()
        wall = time.perf_counter()
        export = results.export_json(survey)
        exported = time.perf_counter() - wall
        wall = time.perf_counter()
        recomputed = results.recompute(export)
        head = results.chain_verify(export["responses"])
        checked = time.perf_counter() - wall
        print(
            f"export {exported:.1f} s; recompute + chain check from the export {checked:.1f} s; "
            f"equal to the published aggregates: {recomputed == survey.results}; "
            f"chain head matches: {head == survey.results_head}"
        )
        wall, cpu = time.perf_counter(), time.process_time()
        report = log_verify()
        print(
            f"gongkai verify: {report.responses} responses in {report.entries} entries, ok: {report.ok}; "
            f"{time.perf_counter() - wall:.1f} s wall, {time.process_time() - cpu:.1f} s CPU"
        )
    finally:
        from django.db import connections

        connections.close_all()
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
