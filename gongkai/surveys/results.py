"""The survey's figures and the evidence for them: the canonical form of a response, its hash chain, the
aggregates computed in SQL, the anonymised export, and the recompute that derives the aggregates from that export.

The published results are trustworthy when anyone holding the export can (1) recompute every chain hash from the
published responses and reach the published head, and (2) recompute the aggregates and get the published ones.
:func:`recompute` and :func:`chain_verify` are that check; they use only the export, never the database.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Count, IntegerField, Sum
from django.db.models.functions import Cast

from gongkai.surveys.models import Answer, Option, Question, QuestionKind, Response, Survey

GENESIS = "0" * 64
EXPORT_FORMAT = "gongkai-survey-responses/1"


# --- canonical form and chain -------------------------------------------------------------------------------


def response_bytes(record: dict[str, Any]) -> bytes:
    """The exact bytes hashed for a published response: canonical JSON of ``seq``, ``date``, ``duplicate`` and
    ``answers`` (question number → option numbers, a scale value or masked text)."""
    body = {key: record[key] for key in ("seq", "date", "duplicate", "answers")}
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def chain_next(previous: str, data: bytes) -> str:
    """SHA-256 over the previous chain hash (hex) and the response bytes."""
    return hashlib.sha256(previous.encode() + b"\n" + data).hexdigest()


def chain_head(survey: Survey) -> str:
    """The chain hash of the survey's last response (``GENESIS`` with none)."""
    last = (
        Response.objects.filter(survey=survey).order_by("-seq").values_list("chain_hash", flat=True).first()
    )
    return last or GENESIS


def chain_verify(records: Iterable[dict[str, Any]]) -> str:
    """Recompute the chain over exported records (in ``seq`` order); raises ``ValueError`` at the first record
    whose hash differs from the recomputed one. Returns the head."""
    head = GENESIS
    for expected_seq, record in enumerate(records, start=1):
        if record["seq"] != expected_seq:
            raise ValueError(f"response {expected_seq} missing (found {record['seq']})")
        head = chain_next(head, response_bytes(record))
        if record.get("chain_hash", head) != head:
            raise ValueError(f"response {record['seq']}: chain hash does not match")
    return head


# --- aggregates ---------------------------------------------------------------------------------------------


def questionnaire(survey: Survey) -> list[dict[str, Any]]:
    """The questionnaire as published: numbers, kinds, texts, option labels, scale range and labels."""
    out = []
    for question in survey.questions.prefetch_related("options").order_by("number"):
        item: dict[str, Any] = {"number": question.number, "kind": question.kind, "text": question.text}
        if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            item["options"] = [{"number": o.number, "label": o.label} for o in question.options.all()]
        if question.kind == QuestionKind.SCALE:
            item["scale"] = {
                "min": question.scale_min,
                "max": question.scale_max,
                "min_label": question.scale_min_label,
                "max_label": question.scale_max_label,
            }
        out.append(item)
    return out


def _percent(count: int, base: int) -> float:
    return round(100.0 * count / base, 1) if base else 0.0


def build(
    questions: list[dict[str, Any]],
    *,
    sample_size: int,
    duplicates: int,
    option_counts: dict[tuple[int, int], int],
    scale_counts: dict[tuple[int, int], int],
    answered: dict[int, int],
) -> dict[str, Any]:
    """The results structure from counts keyed by question number (and option number or scale value).

    Shared by :func:`aggregate` (counts from SQL) and :func:`recompute` (counts from the export), so that any
    difference between the two comes from the counts, never from the arithmetic.
    """
    out = []
    for question in questions:
        number, kind = question["number"], question["kind"]
        base = answered.get(number, 0)
        item: dict[str, Any] = {"number": number, "kind": kind, "text": question["text"], "answered": base}
        if "options" in question:
            item["options"] = [
                {
                    "number": option["number"],
                    "label": option["label"],
                    "count": option_counts.get((number, option["number"]), 0),
                    "percent": _percent(option_counts.get((number, option["number"]), 0), base),
                }
                for option in question["options"]
            ]
        if kind == QuestionKind.SCALE:
            scale = question["scale"]
            values = range(scale["min"], scale["max"] + 1)
            rows = [(v, scale_counts.get((number, v), 0)) for v in values]
            item["scale"] = [{"value": v, "count": c, "percent": _percent(c, base)} for v, c in rows]
            item["mean"] = round(sum(v * c for v, c in rows) / base, 2) if base else None
        out.append(item)
    return {"sample_size": sample_size, "duplicates": duplicates, "questions": out}


def aggregate(survey: Survey) -> dict[str, Any]:
    """The published aggregates, computed in the database: a handful of ``GROUP BY`` queries, no loop over rows."""
    questions = questionnaire(survey)
    numbers = dict(Question.objects.filter(survey=survey).values_list("id", "number"))
    option_numbers = dict(Option.objects.filter(question__survey=survey).values_list("id", "number"))
    responses = Response.objects.filter(survey=survey).aggregate(
        n=Count("id"), duplicates=Count("id", filter=_q(duplicate=True))
    )
    option_counts: dict[tuple[int, int], int] = {}
    scale_counts: dict[tuple[int, int], int] = {}
    answered: Counter[int] = Counter()
    grouped = (
        Answer.objects.filter(survey=survey)
        .order_by()
        .values_list("question_id", "option_id", "scale")
        .annotate(n=Count("id"), respondents=Sum(Cast("first", IntegerField())))
    )
    for question_id, option_id, scale, n, respondents in grouped:
        number = numbers[question_id]
        if option_id is not None:
            option_counts[(number, option_numbers[option_id])] = n
        elif scale is not None:
            scale_counts[(number, scale)] = n
        answered[number] += respondents or 0
    return build(
        questions,
        sample_size=responses["n"],
        duplicates=responses["duplicates"],
        option_counts=option_counts,
        scale_counts=scale_counts,
        answered=dict(answered),
    )


def _q(**kwargs: Any) -> Any:
    from django.db.models import Q

    return Q(**kwargs)


def recompute(export: dict[str, Any]) -> dict[str, Any]:
    """The aggregates derived from a published export alone (the JSON of :func:`export_json`, or
    :func:`csv_records` with the questionnaire): anyone can run this to check the published figures."""
    questions = export["questions"]
    kinds = {q["number"]: q["kind"] for q in questions}
    option_counts: Counter[tuple[int, int]] = Counter()
    scale_counts: Counter[tuple[int, int]] = Counter()
    answered: Counter[int] = Counter()
    sample = duplicates = 0
    for record in export["responses"]:
        sample += 1
        duplicates += bool(record["duplicate"])
        for key, value in record["answers"].items():
            number = int(key)
            kind = kinds[number]
            if kind == QuestionKind.MULTIPLE and value:
                answered[number] += 1
                for option in value:
                    option_counts[(number, option)] += 1
            elif kind == QuestionKind.SINGLE:
                answered[number] += 1
                option_counts[(number, value)] += 1
            elif kind == QuestionKind.SCALE:
                answered[number] += 1
                scale_counts[(number, value)] += 1
            elif kind == QuestionKind.TEXT and value:
                answered[number] += 1
    return build(
        questions,
        sample_size=sample,
        duplicates=duplicates,
        option_counts=dict(option_counts),
        scale_counts=dict(scale_counts),
        answered=dict(answered),
    )


# --- the published anonymised responses ---------------------------------------------------------------------


def records(survey: Survey) -> Iterator[dict[str, Any]]:
    """The published responses in ``seq`` order, read from the bytes that were hashed (nothing else)."""
    rows = Response.objects.filter(survey=survey).order_by("seq").values_list("data", "chain_hash")
    for data, chain_hash in rows.iterator(chunk_size=2000):
        record = json.loads(bytes(data))
        record["chain_hash"] = chain_hash
        yield record


def export_json(survey: Survey) -> dict[str, Any]:
    """Everything needed to verify the results: the questionnaire, the method, the responses, the head."""
    return {
        "format": EXPORT_FORMAT,
        "survey": {
            "id": survey.pk,
            "title": survey.title,
            "organisation": survey.organisation.name,
            "opens_at": survey.opens_at.isoformat(),
            "closes_at": survey.closes_at.isoformat(),
            "identity_mode": survey.identity_mode,
            "method": survey.method,
        },
        "questions": questionnaire(survey),
        "responses": list(records(survey)),
        "head": survey.results_head or chain_head(survey),
    }


def _csv_cell(kind: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return ""
    if kind == QuestionKind.MULTIPLE:
        return ";".join(str(v) for v in value)
    return str(value)


def export_csv(survey: Survey) -> str:
    """One row per response: seq, date, duplicate (0/1), one column per question (``q<number>``; multiple
    choices as option numbers joined by ``;``), chain hash."""
    questions = questionnaire(survey)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["seq", "date", "duplicate", *[f"q{q['number']}" for q in questions], "chain_hash"])
    for record in records(survey):
        answers = record["answers"]
        writer.writerow(
            [
                record["seq"],
                record["date"],
                int(record["duplicate"]),
                *[_csv_cell(q["kind"], answers.get(str(q["number"]))) for q in questions],
                record["chain_hash"],
            ]
        )
    return buffer.getvalue()


def csv_records(text: str, questions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Parse :func:`export_csv` back into records (with the questionnaire, for the kinds)."""
    kinds = {f"q{q['number']}": (str(q["number"]), q["kind"]) for q in questions}
    out = []
    for row in csv.DictReader(io.StringIO(text)):
        answers: dict[str, Any] = {}
        for column, (key, kind) in kinds.items():
            cell = row.get(column, "")
            if cell == "":
                continue
            if kind == QuestionKind.MULTIPLE:
                answers[key] = [int(v) for v in cell.split(";")]
            elif kind == QuestionKind.TEXT:
                answers[key] = cell
            else:
                answers[key] = int(cell)
        out.append(
            {
                "seq": int(row["seq"]),
                "date": row["date"],
                "duplicate": row["duplicate"] == "1",
                "answers": answers,
                "chain_hash": row["chain_hash"],
            }
        )
    return out


def by_question(results: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {item["number"]: item for item in results["questions"]}


__all__ = [
    "aggregate",
    "by_question",
    "chain_head",
    "chain_verify",
    "csv_records",
    "export_csv",
    "export_json",
    "recompute",
    "response_bytes",
]
