"""Masked office files (issue 12): what screening and masking cost for a 2 MB DOCX and a 2 MB XLSX.

Run ``python -m bench.office_mask [--megabytes 2]``. The files are built from the de-identification bench's
generated documents (``bench.deid_forms``, dev part: names, IDs, phones, addresses in their usual forms), so
the engine has real work. For each file it prints: the size, text extraction (``core/files.extract_text``), the
de-identification engine over the extracted text, the confidentiality screen, masking the file
(``review/office.py``) and the total, in seconds; and a check that no finding's text is left in any part of the
masked file. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import io
import os
import time
import zipfile

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")


def _docs(megabytes: float) -> list[str]:
    from bench.deid_forms import generate_part

    # Office files compress text about threefold: generate enough for the target size.
    return [doc.text for doc in generate_part("dev", int(5000 * megabytes))]


def build_docx(texts: list[str], megabytes: float) -> bytes:
    import docx

    document = docx.Document()
    target = megabytes * 1024 * 1024
    size = 0
    for text in texts:
        for line in text.splitlines():
            document.add_paragraph(line)
        size += len(text.encode("utf-8"))
        if size >= target * 6.5:  # about target once zipped
            break
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def build_xlsx(texts: list[str], megabytes: float) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["序号", "内容"])
    target = megabytes * 1024 * 1024
    row = size = 0
    for text in texts:
        for line in text.splitlines():
            if line.strip():
                row += 1
                sheet.append([row, *line.split("，")[:6]])
        size += len(text.encode("utf-8"))
        if size >= target * 2.5:  # about target once zipped
            break
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _leftovers(data: bytes, strings: set[str]) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    return sum(1 for s in strings if s in parts)


def measure(kind: str, data: bytes) -> None:
    from gongkai.core.files import extract_text
    from gongkai.review.confidentiality import screen_text
    from gongkai.review.deidentify import deidentify
    from gongkai.review.office import mask_docx, mask_xlsx, replacements_for

    times = {}
    started = time.perf_counter()
    text, _ = extract_text(data)
    times["extract"] = time.perf_counter() - started
    started = time.perf_counter()
    findings = deidentify(text).findings
    times["de-identify"] = time.perf_counter() - started
    started = time.perf_counter()
    flags = screen_text(text, final=True)
    times["confidentiality"] = time.perf_counter() - started
    started = time.perf_counter()
    replacements = replacements_for(findings)
    masked = (mask_docx if kind == "DOCX" else mask_xlsx)(data, replacements)
    times["mask file"] = time.perf_counter() - started
    total = sum(times.values())
    left = _leftovers(masked, {k for k in replacements if len(k) >= 4})
    print(
        f"| {kind} | {len(data) / 1048576:.2f} MB | {len(text):,} | {len(findings):,} | {len(flags)} | "
        + " | ".join(f"{v:.2f}" for v in times.values())
        + f" | {total:.2f} | {left} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=2.0)
    args = parser.parse_args()
    import django

    django.setup()
    texts = _docs(args.megabytes)
    print(f"load average {os.getloadavg()[0]:.1f}; seconds per step")
    print(
        "| file | size | characters | findings | flags | extract | de-identify | confidentiality | mask file "
        "| total | findings left |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    measure("DOCX", build_docx(texts, args.megabytes))
    measure("XLSX", build_xlsx(texts, args.megabytes))


if __name__ == "__main__":
    main()
