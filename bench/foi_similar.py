"""Repeat-request prompts (art. 44) on the FOI queue, worst case: every application carries keywords.

Run ``python -m bench.foi_similar [--applications 100000] [--organisations 200] [--requests 20]``. It builds the
same database as ``bench.foi`` (whose generated applications carry no keywords), then gives every application
keywords drawn from a small vocabulary of themes, so that many of them are similar, and times the queue pages
(which count similar applications per row) and ``similar_applications`` for one application (the application
page). Figures are printed, not asserted; fixed seed.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from bench import foi as bench_foi

THEMES = [
    "义务教育 招生 计划 学校",
    "部门 决算 三公 经费",
    "道路 改造 工程 预算 招标",
    "环境影响 评价 报告 绿化",
    "教师 招聘 考试 成绩",
    "幼儿园 补助 资金 分配",
    "征收 补偿 方案 房屋",
    "规划 许可 建设 项目",
]
EXTRA = ["2024", "2025", "2026", "明细", "依据", "名单", "批复", "会议纪要"]


def _give_keywords(seed: int) -> None:
    """Keywords by bucket of id (one UPDATE per bucket), and identity numbers spread over 50,000 applicants."""
    from django.db import transaction
    from django.db.models import CharField, F, Value
    from django.db.models.functions import Cast, Concat, Mod

    from gongkai.foi.models import FoiApplication

    rng = random.Random(seed)
    buckets = 64
    started = time.perf_counter()
    with transaction.atomic():
        for bucket in range(buckets):
            words = THEMES[rng.randrange(len(THEMES))].split() + rng.sample(EXTRA, 2)
            FoiApplication.objects.annotate(bucket=Mod("id", buckets)).filter(bucket=bucket).update(
                keywords=" ".join(words)
            )
        FoiApplication.objects.update(
            id_number=Concat(Value("ID"), Cast(Mod(F("id"), 50000), output_field=CharField()))
        )
    n = FoiApplication.objects.count()
    print(f"keywords given to {n} applications in {time.perf_counter() - started:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=100_000)
    parser.add_argument("--organisations", type=int, default=200)
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    with bench_foi.bench_import.bench_database() as description:
        from django.utils import timezone

        from gongkai.foi.models import FoiApplication
        from gongkai.foi.similar import similar_applications
        from gongkai.orgs.tests.factories import staff_in

        print(description)
        organisations, root = bench_foi._populate(args.applications, args.organisations)
        _give_keywords(bench_foi.SEED)
        department = staff_in(organisations[0], "foi_handler", username="bench-dept")
        city = staff_in(root, "foi_handler", subunits=True, username="bench-city")
        bench_foi._measure("queue, one department", department, "/staff/foi/", args.requests)
        bench_foi._measure("queue, city office (open)", city, "/staff/foi/", args.requests)
        bench_foi._measure("queue, city office (all)", city, "/staff/foi/?status=all", args.requests)
        application = (
            FoiApplication.objects.filter(organisation=organisations[0]).order_by("-received_on").first()
        )
        timings, found = [], 0
        for _ in range(args.requests):
            started = time.perf_counter()
            found = len(similar_applications(application, today=timezone.localdate()))
            timings.append((time.perf_counter() - started) * 1000)
        print(
            f"similar_applications (one organ, 12 months) n={args.requests} "
            f"p50={statistics.median(timings):.1f} ms p95={bench_foi._percentile(timings, 0.95):.1f} ms "
            f"found={found}"
        )
        bench_foi._measure("application page", department, f"/staff/foi/{application.pk}/", args.requests)
        print("Machine shared with other work: timings are noisy.")


if __name__ == "__main__":
    main()
