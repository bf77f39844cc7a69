"""Screening benchmark (issue 12): the time pre-publication screening adds to a submit with a 2 MB attachment.

Run ``python -m bench.screening`` (SQLite in a temporary directory) or with ``DATABASE_URL=postgres://…`` (a fresh
PostgreSQL database, dropped afterwards), as ``bench.import`` does. Fixed seed; figures are printed, never asserted.

A DOCX holding ``--mb`` MB of UTF-8 text (Chinese prose from a fixed pool of characters, with an 18-digit ID number
and a mobile number every 50 paragraphs) is attached to a draft, which is then submitted:

1. **baseline**: the submit with the screening subscription removed;
2. **queued**: the submit as configured (an attachment above ``SCREENING_SYNC_MAX_BYTES`` is queued, so the submit
   only writes the pending screening row);
3. **job**: the background job that reads the file, extracts its text and runs both screens;
4. **in request**: the submit with the attachment screened synchronously (``SCREENING_SYNC_MAX_BYTES`` raised).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import io
import os
import random
import time

bench_import = importlib.import_module("bench.import")

SEED = 12
POOL = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"


def _paragraphs(megabytes: float) -> list[str]:
    rng = random.Random(SEED)
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    paragraphs: list[str] = []
    size = 0
    while size < megabytes * 1024 * 1024:
        text = "".join(rng.choice(POOL) for _ in range(rng.randint(60, 200))) + "。"
        if len(paragraphs) % 50 == 0:
            first17 = f"2101021{rng.randint(960, 999)}0{rng.randint(1, 9)}1{rng.randint(0, 2)}{rng.randint(100, 999)}"
            first17 = first17[:17].ljust(17, "1")
            check = "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights, strict=True)) % 11]
            text += f"申请人身份证号{first17}{check}，联系电话1{rng.choice('3589')}{rng.randint(100000000, 999999999)}。"
        paragraphs.append(text)
        size += len(text.encode("utf-8"))
    return paragraphs


def _docx(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _actor():
    from django.contrib.auth import get_user_model

    from gongkai.orgs.models import Membership, Organisation

    organisation = Organisation.objects.order_by("id").first()
    user = get_user_model().objects.create(username=f"bench-screening-{time.time_ns()}")
    Membership.objects.create(user=user, organisation=organisation, role="editor")
    return user, organisation


def _submit(actor, organisation, data: bytes) -> float:
    from gongkai.documents.models import Document
    from gongkai.documents.services import attachment_add
    from gongkai.documents.workflow import document_machine

    doc = Document.objects.create(
        organisation=organisation,
        index_number=f"BENCH-SCREEN-{time.time_ns()}",
        title="关于公布补贴发放名单的通知",
        body_html="<p>各有关单位：现将补贴发放名单公布如下。</p>",
        body_text="各有关单位：现将补贴发放名单公布如下。",
    )
    attachment_add(document=doc, actor=actor, name="名单.docx", data=data)
    started = time.perf_counter()
    document_machine.apply(doc, "submit", actor=actor)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=2.0, help="MB of UTF-8 text in the DOCX")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    with bench_import.bench_database(keep=args.keep) as description:
        from django.conf import settings

        from gongkai.documents.workflow import document_machine
        from gongkai.screening import gates
        from gongkai.screening.models import Screening
        from gongkai.screening.services import screening_run

        print(f"database: {description}")
        print(f"shared machine: load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        paragraphs = _paragraphs(args.mb)
        text_bytes = sum(len(p.encode("utf-8")) for p in paragraphs)
        data = _docx(paragraphs)
        print(
            f"attachment: DOCX of {len(data) / 1024 / 1024:.2f} MB holding {text_bytes / 1024 / 1024:.2f} MB "
            f"of text ({sum(len(p) for p in paragraphs):,} characters, {len(paragraphs):,} paragraphs)"
        )
        actor, organisation = _actor()
        from gongkai.screening.engine import personal_data

        personal_data("预热")  # dictionaries and name model loaded once per process, as a worker keeps them

        document_machine.remove_subscriber(gates.screen_on_submit)
        baseline = _submit(actor, organisation, data)
        document_machine.in_transaction("submit", gates.screen_on_submit)
        queued = _submit(actor, organisation, data)
        pending = Screening.objects.filter(source="attachment").order_by("-id").first()
        started = time.perf_counter()
        done = screening_run(screening_id=pending.pk)
        job = time.perf_counter() - started
        settings.SCREENING_SYNC_MAX_BYTES = len(data) + 1
        in_request = _submit(actor, organisation, data)

        print(f"submit without screening:          {baseline * 1000:8.0f} ms")
        print(
            f"submit, attachment queued:         {queued * 1000:8.0f} ms  (+{(queued - baseline) * 1000:.0f} ms)"
        )
        print(
            f"screening job (extract + screens): {job * 1000:8.0f} ms  ({done.findings.count():,} findings, "
            f"status {done.status})"
        )
        print(
            f"submit, screened in the request:   {in_request * 1000:8.0f} ms  "
            f"(+{(in_request - baseline) * 1000:.0f} ms)"
        )
        print(f"at {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")


if __name__ == "__main__":
    main()
