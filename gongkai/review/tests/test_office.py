"""Masked DOCX and XLSX keep their structure and hold none of the original strings in any part."""

import io
import zipfile

import docx
import pytest
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

from gongkai.core import pdf
from gongkai.core.files import extract_text
from gongkai.review.deidentify import deidentify
from gongkai.review.office import (
    OfficeFileError,
    mask_docx,
    mask_pdf_text,
    mask_text,
    mask_xlsx,
    replacements_for,
)

ID = "210102198001011232"
NAME = "张三丰"
PHONE = "13812345678"
REPLACEMENTS = {ID: "2101**********1232", NAME: "张某", PHONE: "138****5678"}


def every_part_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())


def build_docx() -> bytes:
    document = docx.Document()
    document.core_properties.author = NAME
    document.core_properties.last_modified_by = NAME
    document.add_heading("行政处罚决定书", level=1)
    paragraph = document.add_paragraph("当事人：")
    paragraph.add_run("张").bold = True
    paragraph.add_run("三")
    paragraph.add_run("丰，身份证号码：" + ID[:6])
    paragraph.add_run(ID[6:] + "。")
    document.add_paragraph(f"联系电话 {PHONE}，经查，{NAME}系该店实际经营者。")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["姓名", "身份证号码", "电话"], strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, [NAME, ID, PHONE], strict=True):
        cell.text = text
    document.sections[0].header.paragraphs[0].text = f"送达对象：{NAME}"
    document.sections[0].footer.paragraphs[0].text = f"承办人电话 {PHONE}"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def shape(document: docx.Document) -> tuple:
    return (
        len(document.paragraphs),
        [(len(t.rows), len(t.columns)) for t in document.tables],
        [len(p.runs) for p in document.paragraphs],
    )


def test_mask_text_prefers_the_longest_key():
    assert mask_text("张三丰和张三", {"张三": "张某", "张三丰": "张某某"}) == "张某某和张某"


def test_masked_docx_keeps_paragraphs_runs_and_tables():
    original = build_docx()
    masked = docx.Document(io.BytesIO(mask_docx(original, REPLACEMENTS)))
    assert shape(masked) == shape(docx.Document(io.BytesIO(original)))


def test_masked_docx_replaces_a_name_split_across_runs_keeping_the_first_runs_format():
    masked = docx.Document(io.BytesIO(mask_docx(build_docx(), REPLACEMENTS)))
    paragraph = masked.paragraphs[1]
    assert paragraph.text == "当事人：张某，身份证号码：2101**********1232。"
    assert paragraph.runs[1].text == "张某" and paragraph.runs[1].bold


def test_masked_docx_masks_table_cells_headers_and_footers():
    masked = docx.Document(io.BytesIO(mask_docx(build_docx(), REPLACEMENTS)))
    assert [c.text for c in masked.tables[0].rows[1].cells] == ["张某", "2101**********1232", "138****5678"]
    assert masked.sections[0].header.paragraphs[0].text == "送达对象：张某"
    assert masked.sections[0].footer.paragraphs[0].text == "承办人电话 138****5678"


def test_masked_docx_holds_no_original_string_in_any_part():
    text = every_part_text(mask_docx(build_docx(), REPLACEMENTS))
    assert NAME not in text and ID not in text and PHONE not in text


def test_masked_docx_clears_the_author_fields():
    masked = docx.Document(io.BytesIO(mask_docx(build_docx(), {})))
    assert masked.core_properties.author == ""
    assert masked.core_properties.last_modified_by == ""


def test_masked_docx_masks_tracked_deletions():
    document = docx.Document()
    paragraph = document.add_paragraph("申请人：")
    deletion = paragraph._p.makeelement(docx.oxml.ns.qn("w:del"), {})
    run = deletion.makeelement(docx.oxml.ns.qn("w:r"), {})
    deleted = run.makeelement(docx.oxml.ns.qn("w:delText"), {})
    deleted.text = NAME
    run.append(deleted)
    deletion.append(run)
    paragraph._p.append(deletion)
    out = io.BytesIO()
    document.save(out)
    assert NAME not in every_part_text(mask_docx(out.getvalue(), REPLACEMENTS))


def build_xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "补贴名单"
    sheet.append(["序号", "姓名", "身份证号码", "电话", "金额"])
    sheet.append([1, NAME, ID, int(PHONE), 1200])
    sheet.append([2, "李四", "210102199002022345", "13900001111", 800])
    sheet["F2"] = f'="{NAME}"&"（户主）"'
    sheet["E2"].number_format = "#,##0.00"
    sheet.merge_cells("A5:E5")
    sheet["A5"] = f"制表人：{NAME}"
    second = workbook.create_sheet("说明")
    second["A1"] = f"联系人 {NAME}，电话 {PHONE}"
    workbook.properties.creator = NAME
    workbook.properties.lastModifiedBy = NAME
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_masked_xlsx_keeps_sheets_dimensions_merges_and_formats():
    original = load_workbook(io.BytesIO(build_xlsx()))
    masked = load_workbook(io.BytesIO(mask_xlsx(build_xlsx(), REPLACEMENTS)))
    assert masked.sheetnames == original.sheetnames
    for name in original.sheetnames:
        assert masked[name].dimensions == original[name].dimensions
        assert [str(r) for r in masked[name].merged_cells.ranges] == [
            str(r) for r in original[name].merged_cells.ranges
        ]
    assert masked["补贴名单"]["E2"].number_format == "#,##0.00"
    assert masked["补贴名单"]["E2"].value == 1200


def test_masked_xlsx_masks_strings_numbers_and_formulas():
    sheet = load_workbook(io.BytesIO(mask_xlsx(build_xlsx(), REPLACEMENTS)))["补贴名单"]
    assert [sheet.cell(2, c).value for c in range(2, 5)] == ["张某", "2101**********1232", "138****5678"]
    assert sheet["F2"].value == '="张某"&"（户主）"'
    assert sheet["A5"].value == "制表人：张某"
    assert sheet["C3"].value == "210102199002022345"


def test_masked_xlsx_holds_no_original_string_in_any_part():
    text = every_part_text(mask_xlsx(build_xlsx(), REPLACEMENTS))
    assert NAME not in text and ID not in text and PHONE not in text


def test_a_file_that_is_not_office_is_refused():
    with pytest.raises(OfficeFileError):
        mask_docx(b"%PDF-1.7 not a docx", REPLACEMENTS)
    with pytest.raises(OfficeFileError):
        mask_xlsx(build_docx(), REPLACEMENTS)


@pytest.mark.skipif(pdf.cjk_font() is None, reason="no CJK font (apt-get install fonts-noto-cjk)")
def test_masked_pdf_carries_the_masked_text_only():
    data = mask_pdf_text(f"当事人：{NAME}\n身份证号码：{ID}", REPLACEMENTS, title="行政处罚决定书")
    text = (
        "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
        .replace("\x00", "")
        .replace(" ", "")
    )
    assert "张某" in text and "2101**********1232" in text
    assert NAME not in text and ID not in text


def test_replacements_for_the_engines_findings_mask_the_whole_docx():
    original = build_docx()
    text, _ = extract_text(original)
    replacements = replacements_for(deidentify(text).findings)
    assert ID in replacements and PHONE in replacements
    masked = every_part_text(mask_docx(original, replacements))
    assert ID not in masked and PHONE not in masked
