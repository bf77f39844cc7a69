"""The 意见采纳情况 report: counts by outcome, grouped comments, the diff; the XLSX export; the adopted record."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.participation import selectors, services
from gongkai.participation.models import Outcome, Response
from gongkai.participation.tests.factories import make_open, submit

JUNE_1 = dt.date(2026, 6, 1)


@pytest.fixture
def closed(education, publisher, today):
    """A closed consultation with four shown comments and one rejected."""
    consultation = make_open(education, publisher, JUNE_1)
    comments = [
        submit(consultation, f"意见{i}", paragraph=(i % 3) + 1, address=f"c{i}@example.com") for i in range(5)
    ]
    for comment in comments[:4]:
        services.comment_moderate(comment, actor=publisher, approve=True)
    services.comment_moderate(comments[4], actor=publisher, approve=False, reason="与本文件无关")
    today.set(consultation.closes_on + dt.timedelta(days=1))
    services.consultations_close_overdue()
    consultation.refresh_from_db()
    return consultation, comments


def test_counts_by_outcome_count_each_comment_of_a_group(closed, publisher):
    consultation, comments = closed
    services.response_record(
        consultation,
        actor=publisher,
        comment_ids=[comments[0].pk, comments[1].pk],
        outcome=Outcome.ADOPTED,
        reason="已修改第三条",
        summary="建议公示收费标准",
    )
    services.response_record(
        consultation, actor=publisher, comment_ids=[comments[2].pk], outcome=Outcome.PARTLY, reason="部分吸收"
    )
    services.response_record(
        consultation,
        actor=publisher,
        comment_ids=[comments[3].pk],
        outcome=Outcome.NOT_ADOPTED,
        reason="超出权限",
    )
    report = selectors.adoption_report(consultation)
    assert (report.received, report.shown, report.rejected) == (5, 4, 1)
    assert [(value, count) for value, _label, count in report.by_outcome] == [
        ("adopted", 2),
        ("partly", 1),
        ("not_adopted", 1),
    ]
    assert [r.reason for r in report.responses] == ["已修改第三条", "部分吸收", "超出权限"]
    assert report.responses[0].comment_count == 2


def test_a_comment_given_a_new_outcome_leaves_its_empty_group(closed, publisher):
    consultation, comments = closed
    first = services.response_record(
        consultation, actor=publisher, comment_ids=[comments[0].pk], outcome=Outcome.ADOPTED, reason="甲"
    )
    services.response_record(
        consultation, actor=publisher, comment_ids=[comments[0].pk], outcome=Outcome.NOT_ADOPTED, reason="乙"
    )
    assert not Response.objects.filter(pk=first.pk).exists()


def test_a_rejected_comment_cannot_be_given_an_outcome(closed, publisher):
    consultation, comments = closed
    with pytest.raises(ValidationFailed, match="已公开的意见"):
        services.response_record(
            consultation, actor=publisher, comment_ids=[comments[4].pk], outcome=Outcome.ADOPTED, reason="x"
        )


def test_outcomes_wait_for_the_period_to_close(education, publisher):
    consultation = make_open(education, publisher, JUNE_1)
    comment = submit(consultation)
    services.comment_moderate(comment, actor=publisher, approve=True)
    with pytest.raises(InvalidTransition, match="征求意见结束后"):
        services.response_record(
            consultation, actor=publisher, comment_ids=[comment.pk], outcome=Outcome.ADOPTED, reason="x"
        )


def test_diff_marks_changed_added_and_removed_paragraphs():
    consulted = (
        "第一条 为了规范校外培训，制定本办法。\n第二条 本办法适用于本市。\n第三条 培训机构应当公示收费标准。"
    )
    adopted = "第一条 为了规范校外培训，制定本办法。\n第二条 本办法适用于本市行政区域。\n第四条 本办法自发布之日起施行。"
    diff, changed = selectors.draft_diff(consulted, adopted)
    assert changed
    assert "<p>第一条 为了规范校外培训，制定本办法。</p>" in diff
    assert "第二条 本办法适用于本市<ins>行政区域</ins>。" in diff
    assert "<del>第三条 培训机构应当公示收费标准。</del>" in diff
    assert "<ins>第四条 本办法自发布之日起施行。</ins>" in diff


def test_diff_escapes_the_text():
    diff, _changed = selectors.draft_diff("<b>旧</b>", "<script>新</script>")
    assert "<script>" not in diff
    assert "&lt;script&gt;" in diff


def test_diff_of_an_unchanged_text_says_so():
    assert selectors.draft_diff("甲\n乙", "甲\n乙")[1] is False


def test_export_keeps_formula_like_text_as_text(education, publisher):
    consultation = make_open(education, publisher, JUNE_1)
    submit(consultation, '=HYPERLINK("http://x","y")')
    book = load_workbook(io.BytesIO(selectors.comments_xlsx(consultation)))
    sheet = book.active
    assert sheet.max_row == 2
    cell = sheet.cell(row=2, column=6)
    assert cell.value == '=HYPERLINK("http://x","y")'
    assert cell.data_type == "s"


def test_the_adopted_record_must_be_public(closed, publisher, education):
    from gongkai.documents.tests.factories import DocumentFactory

    consultation, _comments = closed
    draft_record = DocumentFactory(organisation=education, status="draft")
    with pytest.raises(ValidationFailed, match="已公开的政府信息"):
        services.consultation_link_document(consultation, actor=publisher, document=draft_record)
