"""Comment submission benchmark for 意见征集 (issue 15, "Figures"): comments/s and p95 through the public form.

Run ``python -m bench.participation_comments [--comments 2000] [--abusive 100]``. It builds a fresh database like
``bench.import`` (SQLite, or PostgreSQL when ``DATABASE_URL`` is set), opens a consultation through the services,
gives each of 100 citizens a live confirmation code (as if mailed), then posts the comments one after another
through Django's test client to ``/participation/consultations/<id>/comment/`` — form parsing, the code check,
the rate limits (counted in the database, as without Redis), the de-identification of the text, the insert and
its audit event. A last citizen then posts ``--abusive`` comments from one address and one client: the address
limit (20 an hour) refuses the rest with 429. Target: at least 100 comments/s with a p95 under 200 ms. It checks
that every accepted comment is stored once and that no refused one is. Figures are printed, not asserted; fixed
seed.
"""

from __future__ import annotations

import argparse
import importlib
import os
import random
import statistics
import time

bench_import = importlib.import_module("bench.import")

SEED = 15
CITIZENS = 100
WARM_UP = 5
PHRASES = [
    "建议明确培训机构收费退费的时限和方式。",
    "第三条的公示方式应当包括在门户网站公开。",
    "建议对违规机构的处罚标准作出细化规定，联系电话 13812345678。",
    "希望增加对学生课业负担的监督条款。",
    "建议征求家长委员会意见后再出台。",
]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _consultation():
    import datetime as dt

    from gongkai.orgs.models import Organisation
    from gongkai.orgs.tests.factories import staff_in
    from gongkai.participation import period, services

    organisation = Organisation.objects.filter(parent=None).order_by("id").first()
    publisher = staff_in(organisation, "editor", "publisher", username="bench-participation")
    today = period.today()
    data = services.DraftData(
        title="基准测试征求意见稿",
        draft_text="\n".join(f"第{i}条 本条规定了第{i}项事项。" for i in range(1, 21)),
        drafting_note="",
        is_major_decision=False,
        opens_on=today,
        closes_on=today + dt.timedelta(days=10),
    )
    consultation = services.consultation_create(actor=publisher, organisation=organisation, data=data)
    services.consultation_open(consultation, actor=publisher)
    return consultation


def _post(client, url: str, body: str, address: str, paragraph: int | None, remote: str):
    from gongkai.participation.tests.factories import CODE

    client.cookies.clear()  # each post from a fresh visitor: no messages pile up in one cookie
    cpu = time.process_time()
    started = time.perf_counter()
    response = client.post(
        url,
        {
            "paragraph": "" if paragraph is None else str(paragraph),
            "body": body,
            "channel": "email",
            "address": address,
            "code": CODE,
        },
        REMOTE_ADDR=remote,
    )
    return response.status_code, (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=2000)
    parser.add_argument("--abusive", type=int, default=100)
    args = parser.parse_args()
    os.environ.pop("REDIS_URL", None)
    with bench_import.bench_database() as description:
        from django.test import Client

        from gongkai.participation.models import Comment
        from gongkai.participation.tests.factories import confirmed

        print(description)
        rng = random.Random(SEED)
        consultation = _consultation()
        url = f"/participation/consultations/{consultation.pk}/comment/"
        citizens = [confirmed(f"citizen{i}@example.com") for i in range(CITIZENS)]
        abuser = confirmed("abuser@example.com")
        client = Client()
        warm = [confirmed(f"warm{i}@example.com") for i in range(WARM_UP)]
        for i in range(WARM_UP):
            _post(client, url, f"预热{i}", warm[i], None, "10.9.9.9")
        accepted: list[str] = []
        refused = 0
        timings = []
        cpu_times = []
        started = time.perf_counter()
        for i in range(args.comments):
            body = f"{rng.choice(PHRASES)}（{i}）"
            paragraph = rng.choice([None, *range(1, 21)])
            # 100 citizens, each within the address limit; the client addresses spread like a city's users.
            status, ms, cpu_ms = _post(
                client, url, body, citizens[i % CITIZENS], paragraph, f"10.0.{i % 250}.{i % 7}"
            )
            timings.append(ms)
            cpu_times.append(cpu_ms)
            if status == 302:
                accepted.append(body)
            else:
                refused += 1
        elapsed = time.perf_counter() - started
        abusive_refused = 0
        for i in range(args.abusive):
            body = f"重复提交（{i}）"
            status, _ms, _cpu = _post(client, url, body, abuser, 1, "10.1.1.1")
            if status == 302:
                accepted.append(body)
            elif status == 429:
                abusive_refused += 1
        stored = list(Comment.objects.filter(consultation=consultation).values_list("body", flat=True))
        stored_set = set(stored) - {f"预热{i}" for i in range(WARM_UP)}
        print(
            f"comment submissions n={args.comments}: {args.comments / elapsed:,.0f}/s, "
            f"p50={statistics.median(timings):.1f} ms, p95={_percentile(timings, 0.95):.1f} ms, "
            f"max={max(timings):.1f} ms; refused {refused}"
        )
        print(
            f"CPU time of this process per submission: p50={statistics.median(cpu_times):.1f} ms, "
            f"p95={_percentile(cpu_times, 0.95):.1f} ms, {len(cpu_times) / (sum(cpu_times) / 1000):,.0f}/s of CPU "
            f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs during the run)"
        )
        print(
            f"abusive citizen: {args.abusive} posts, {abusive_refused} refused with 429 (address limit), "
            f"{args.abusive - abusive_refused} accepted"
        )
        lost = set(accepted) - stored_set
        extra = stored_set - set(accepted)
        duplicates = len(stored) - len(set(stored))
        print(
            f"stored {len(stored_set)} of {len(accepted)} accepted: lost {len(lost)}, "
            f"stored though refused {len(extra)}, duplicates {duplicates}"
        )
        print("Machine shared with other work: timings are noisy.")


if __name__ == "__main__":
    main()
