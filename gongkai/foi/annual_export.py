"""The annual report's tables as grids of merged cells, and the report as DOCX and XLSX.

One grid per table (:func:`grid_two`, :func:`grid_three`, :func:`grid_four`), built from the report dict of
``foi.annual.annual_report`` (live, or the snapshot frozen at publication), with exactly the template's rows,
columns and merges (国办公开办函〔2021〕30号, SPEC R2.1–R2.5). The web page, the DOCX (python-docx) and the XLSX
(openpyxl) all draw the same grids, so the three cannot drift apart.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from gongkai.foi import annual as a


@dataclass(frozen=True)
class Cell:
    """One cell of a table: its top-left position, its span, and whether it is a label (header) or a value."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = True


@dataclass(frozen=True)
class Grid:
    caption: str
    n_rows: int
    n_cols: int
    cells: list[Cell]

    def rows(self) -> list[list[Cell]]:
        """The cells that start in each row, left to right (what an HTML ``<tr>`` holds)."""
        out: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for cell in sorted(self.cells, key=lambda c: (c.row, c.col)):
            out[cell.row].append(cell)
        return out

    def labels(self) -> list[str]:
        return [c.text for c in sorted(self.cells, key=lambda c: (c.row, c.col)) if c.header]


def _v(value: object) -> str:
    return str(value)


def grid_two(report: dict) -> Grid:
    """Table 二 (R2.1): four columns, each 第二十条 item a heading row over its own column heads."""
    t = report["report"][a.SECTION_2]
    cells: list[Cell] = []
    r = 0

    def heading(text: str, columns: list[str]) -> None:
        nonlocal r
        cells.append(Cell(r, 0, text, colspan=4))
        cells.append(Cell(r + 1, 0, a.CONTENT))
        if len(columns) == 3:
            cells.extend(Cell(r + 1, 1 + i, c) for i, c in enumerate(columns))
        else:
            cells.append(Cell(r + 1, 1, columns[0], colspan=3))
        r += 2

    def single(label: str, value: object) -> None:
        nonlocal r
        cells.append(Cell(r, 0, label))
        cells.append(Cell(r, 1, _v(value), colspan=3, header=False))
        r += 1

    heading(a.ITEM_1, [a.ISSUED, a.REPEALED, a.IN_FORCE])
    for kind in (a.RULES, a.NORMATIVE):
        cells.append(Cell(r, 0, kind))
        cells.extend(
            Cell(r, 1 + i, _v(t[a.ITEM_1][kind][m]), header=False)
            for i, m in enumerate((a.ISSUED, a.REPEALED, a.IN_FORCE))
        )
        r += 1
    heading(a.ITEM_5, [a.DECISIONS_COUNT])
    single(a.LICENSING, t[a.ITEM_5][a.LICENSING][a.DECISIONS_COUNT])
    heading(a.ITEM_6, [a.DECISIONS_COUNT])
    single(a.PENALTY, t[a.ITEM_6][a.PENALTY][a.DECISIONS_COUNT])
    single(a.ENFORCEMENT, t[a.ITEM_6][a.ENFORCEMENT][a.DECISIONS_COUNT])
    heading(a.ITEM_8, [a.FEES_AMOUNT])
    single(a.CHARGES, t[a.ITEM_8][a.CHARGES][a.FEES_AMOUNT])
    return Grid(a.SECTION_2, r, 4, cells)


def grid_three(report: dict) -> Grid:
    """Table 三 (R2.2, R2.3): a 3×3 note, 申请人情况 over 自然人 | 法人或其他组织 (five) | 总计, then the rows with
    三 spanning its 22 result rows and （三）–（六） spanning their numbered sub-rows."""
    rows = report["report"][a.SECTION_3]["rows"]
    cells = [
        Cell(0, 0, a.CHECK_NOTE, rowspan=3, colspan=3),
        Cell(0, 3, a.APPLICANTS, colspan=7),
        Cell(1, 3, a.PERSON, rowspan=2),
        Cell(1, 4, a.ORGANISATIONS, colspan=5),
        Cell(1, 9, a.TOTAL, rowspan=2),
        *(Cell(2, 4 + i, kind) for i, kind in enumerate(a.ORG_KINDS)),
    ]
    n_results = sum(1 for row in rows if len(row["labels"]) > 1)
    parents: dict[str, int] = {}
    for row in rows:
        if len(row["labels"]) == 3:
            parents[row["labels"][1]] = parents.get(row["labels"][1], 0) + 1
    r = 3
    seen: set[str] = set()
    for row in rows:
        labels = row["labels"]
        if len(labels) == 1:
            cells.append(Cell(r, 0, labels[0], colspan=3))
        else:
            if labels[0] not in seen:
                seen.add(labels[0])
                cells.append(Cell(r, 0, labels[0], rowspan=n_results))
            if len(labels) == 2:
                cells.append(Cell(r, 1, labels[1], colspan=2))
            else:
                if labels[1] not in seen:
                    seen.add(labels[1])
                    cells.append(Cell(r, 1, labels[1], rowspan=parents[labels[1]]))
                cells.append(Cell(r, 2, labels[2]))
        cells.extend(Cell(r, 3 + i, _v(v), header=False) for i, v in enumerate(a._flat(row[a.APPLICANTS])))
        r += 1
    return Grid(a.SECTION_3, r, 10, cells)


def grid_four(report: dict) -> Grid:
    """Table 四 (R2.5): 行政复议 (5) | 行政诉讼 (10: 未经复议直接起诉, 复议后起诉), one row of 15 values."""
    t = report["report"][a.SECTION_4]
    cells = [Cell(0, 0, a.REVIEW, colspan=5), Cell(0, 5, a.LITIGATION, colspan=10)]
    cells.extend(Cell(1, i, label, rowspan=2) for i, label in enumerate(a.OUTCOMES))
    cells.append(Cell(1, 5, a.DIRECT, colspan=5))
    cells.append(Cell(1, 10, a.AFTER_REVIEW, colspan=5))
    cells.extend(Cell(2, 5 + i, label) for i, label in enumerate(a.OUTCOMES))
    cells.extend(Cell(2, 10 + i, label) for i, label in enumerate(a.OUTCOMES))
    groups = [t[a.REVIEW], t[a.LITIGATION][a.DIRECT], t[a.LITIGATION][a.AFTER_REVIEW]]
    values = [group[label] for group in groups for label in a.OUTCOMES]
    cells.extend(Cell(3, i, _v(v), header=False) for i, v in enumerate(values))
    return Grid(a.SECTION_4, 4, 15, cells)


def sections(report: dict) -> list[tuple[str, str | None, Grid | None]]:
    """The six parts in order: (heading, text or None, grid or None)."""
    body = report["report"]
    return [
        (a.SECTION_1, body[a.SECTION_1], None),
        (a.SECTION_2, None, grid_two(report)),
        (a.SECTION_3, None, grid_three(report)),
        (a.SECTION_4, None, grid_four(report)),
        (a.SECTION_5, body[a.SECTION_5], None),
        (a.SECTION_6, body[a.SECTION_6], None),
    ]


def report_docx(report: dict) -> bytes:
    """The report as a Word document: title, the six headings, the texts and the three tables with their merges."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = Document()
    title = document.add_heading(report["title"], level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for heading, text, grid in sections(report):
        document.add_heading(heading, level=1)
        if text is not None:
            for paragraph in (text or "无。").splitlines():
                if paragraph.strip():
                    document.add_paragraph(paragraph.strip())
        if grid is not None:
            table = document.add_table(rows=grid.n_rows, cols=grid.n_cols)
            table.style = "Table Grid"
            for cell in grid.cells:
                target = table.cell(cell.row, cell.col)
                if cell.rowspan > 1 or cell.colspan > 1:
                    target = target.merge(
                        table.cell(cell.row + cell.rowspan - 1, cell.col + cell.colspan - 1)
                    )
                target.text = cell.text
                for paragraph in target.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(8)
                        run.bold = cell.header and cell.row < 3 and heading != a.SECTION_2
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def report_xlsx(report: dict) -> bytes:
    """The report as a workbook: one sheet per table (二、三、四) with merged cells, and a sheet of the texts."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    workbook = Workbook()
    texts = workbook.active
    texts.title = "年度报告"
    texts.append([report["title"]])
    for heading, text, _grid in sections(report):
        if text is not None:
            texts.append([heading, text])
    wrap = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for name, grid in (("表二", grid_two(report)), ("表三", grid_three(report)), ("表四", grid_four(report))):
        sheet = workbook.create_sheet(name)
        sheet.cell(row=1, column=1, value=grid.caption)
        offset = 2  # row 1 holds the section heading
        for cell in grid.cells:
            row, col = cell.row + offset, cell.col + 1
            value: object = cell.text
            if not cell.header:
                value = _number(cell.text)
            target = sheet.cell(row=row, column=col, value=value)
            target.alignment = wrap
            if cell.rowspan > 1 or cell.colspan > 1:
                sheet.merge_cells(
                    start_row=row,
                    start_column=col,
                    end_row=row + cell.rowspan - 1,
                    end_column=col + cell.colspan - 1,
                )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _number(text: str) -> int | float | str:
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


def report_markdown(report: dict) -> str:
    """The report as Markdown, its tables as HTML (Markdown tables cannot merge cells), for ``docs/``."""
    from django.utils.html import escape

    lines = [f"# {escape(report['title'])}", ""]
    for heading, text, grid in sections(report):
        lines += [f"## {heading}", ""]
        if text is not None:
            lines += [escape(p.strip()) + "\n" for p in (text or "无。").splitlines() if p.strip()]
        if grid is not None:
            lines.append("<table>")
            for row in grid.rows():
                cells = []
                for cell in row:
                    tag = "th" if cell.header else "td"
                    span = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
                        f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
                    )
                    cells.append(f"<{tag}{span}>{escape(cell.text)}</{tag}>")
                lines.append(f"<tr>{''.join(cells)}</tr>")
            lines += ["</table>", ""]
    return "\n".join(lines) + "\n"
