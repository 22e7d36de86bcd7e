"""Export stored figures to JSON, CSV or Excel: one row per figure, with unit, year and citation.

JSON and CSV keep the keys (one row per figure, :data:`COLUMNS`). The Excel workbook is for finance staff: Chinese
headers, numbers as numbers (SUM works), a 万元 column beside the value and unit as printed, and three sheets —
数字 (the figures), 核查 (the cross-check findings), 原因说明 (the reason sentences).
"""

from __future__ import annotations

import csv
import json
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from app import labels
from core.schemas import CheckResult, DocRecord, Figure, Reason

COLUMNS = ["doc_id", "source", "unit_name", "fiscal_year", "doc_type", "key", "value", "unit", "method",
           "source_kind", "label", "table", "column", "page", "line_start", "line_end", "char_start", "char_end",
           "quote"]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d[\d,]*(\.\d+)?%?")


def neutralise(value):
    """A cell a spreadsheet will show as text: a string starting with = + - @ (or a tab or carriage return)
    that is not a number is put behind a quote, so Excel/LibreOffice never run it as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def figure_rows(docs: list[tuple[DocRecord, list[Figure]]]) -> list[dict]:
    rows = []
    for record, figures in docs:
        for f in figures:
            c = f.citation
            rows.append({
                "doc_id": record.doc_id, "source": record.source, "unit_name": record.unit,
                "fiscal_year": record.year, "doc_type": record.doc_type.value, "key": f.key, "value": f.value,
                "unit": f.unit, "method": f.method, "source_kind": f.source_kind, "label": f.label, "table": f.table,
                "column": f.column, "page": c.page, "line_start": c.line_start, "line_end": c.line_end,
                "char_start": c.char_start, "char_end": c.char_end, "quote": c.quote,
            })
    return rows


# 数字: (header, row key or a function of the row); the numbers are written as numbers
_WANYUAN = {"万元": Decimal(1), "元": Decimal("0.0001"), "亿元": Decimal(10000), "千元": Decimal("0.1")}
FIGURE_SHEET = ("单位名称", "年度", "文件类型", "指标", "数值（万元）", "原文数值", "原文单位", "来源", "表名", "栏目",
                "行标签", "页码", "起始行", "结束行", "引文", "文件", "指标代码")
CHECK_SHEET = ("单位名称", "年度", "文件类型", "结果", "核验项", "说明", "应为", "实为", "容差", "出处", "编号", "复核标记")
REASON_SHEET = ("单位名称", "年度", "文件类型", "说明的指标", "方向", "变动", "变动百分比", "原因", "原句", "出处")
_WIDTHS = {"单位名称": 28, "指标": 30, "引文": 60, "说明": 70, "核验项": 40, "原因": 60, "原句": 70, "出处": 36, "表名": 30,
           "说明的指标": 30, "文件": 30}


def number(text) -> Decimal | None:
    """A printed value as a number (thousands separators removed), or None when it is not one."""
    try:
        value = Decimal(str(text).replace(",", ""))
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() else None


def _number_or_text(text):
    value = number(text) if text is not None else None
    return value if value is not None else text


def _figure_line(r: dict) -> list:
    value = number(r["value"])
    wanyuan = value * _WANYUAN[r["unit"]] if value is not None and r["unit"] in _WANYUAN else None
    return [r["unit_name"], r["fiscal_year"], labels.doc_type(r["doc_type"]), labels.metric(r["key"]), wanyuan,
            value if value is not None else r["value"], r["unit"], labels.SOURCE_KIND.get(r["source_kind"], r["source_kind"]),
            r["table"], r["column"], r["label"], r["page"], r["line_start"], r["line_end"], r["quote"],
            labels.shown_file_name(r["source"]), r["key"]]


def check_rows(docs: list[tuple[DocRecord, list[CheckResult]]]) -> list[list]:
    """The 核查 sheet: one line per finding, fails first as the service orders them."""
    return [[d.unit, d.year, labels.doc_type(d.doc_type), labels.status(c.status), c.description, c.message,
             *(_number_or_text(x) for x in (c.expected, c.actual, c.tolerance)), "；".join(x.where("zh") for x in c.citations), c.finding_id,
             f"非问题：{c.dismissed.reason}" if c.dismissed else None] for d, checks in docs for c in checks]


def reason_rows(docs: list[tuple[DocRecord, list[Reason]]]) -> list[list]:
    """The 原因说明 sheet: each reason sentence with the figure it explains and where it is printed."""
    return [[d.unit, d.year, labels.doc_type(d.doc_type), labels.metric(r.key) if r.key else r.label, r.direction,
             r.change, r.percent, r.reason, r.sentence, r.citation.where("zh")] for d, reasons in docs for r in reasons]


FOUND_REASON_SHEET = ("单位名称", "年度", "文件类型", "说明的指标", "方向", "变动", "变动百分比", "原因", "原句", "文件",
                      "页码", "起始行", "结束行")


def found_reason_rows(found: list[dict]) -> list[list]:
    """The reasons a search found (:meth:`app.service.DisclosureService.reasons`, as the 原因说明 page shows them),
    one row each under :data:`FOUND_REASON_SHEET`: the text as printed, the file, its page and line range."""
    rows = []
    for r in found:
        c = r["citation"]
        rows.append([r["unit"], r["year"], labels.doc_type(r.get("doc_type") or c.get("doc_type")),
                     labels.metric(r["metric"]) if r["metric"] else r["label"], r["direction"], r["change"],
                     r.get("percent"), r["reason"], r["text"], c["source"], c["page"], c["line_start"], c["line_end"]])
    return rows


def reasons_xlsx(found: list[dict]) -> bytes:
    """The found reasons as an Excel workbook (one sheet 原因说明, Chinese headers, cells neutralised)."""
    import io

    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "原因说明"
    ws.append(list(FOUND_REASON_SHEET))
    for line in found_reason_rows(found):
        ws.append([neutralise(v) for v in line])
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    for col, name in enumerate(FOUND_REASON_SHEET, 1):
        ws.column_dimensions[get_column_letter(col)].width = _WIDTHS.get(name, 12)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def reasons_csv(found: list[dict]) -> bytes:
    """The found reasons as CSV (UTF-8 with BOM, so Excel opens the Chinese right; cells neutralised)."""
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(FOUND_REASON_SHEET)
    writer.writerows([neutralise(v) for v in line] for line in found_reason_rows(found))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_workbook(out: Path, figures: list[dict], checks: list[list] | None = None,
                   reasons: list[list] | None = None) -> Path:
    """The Excel workbook: 数字, 核查 and 原因说明, every text cell neutralised (:func:`neutralise`)."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    sheets = (("数字", FIGURE_SHEET, [_figure_line(r) for r in figures]), ("核查", CHECK_SHEET, checks or []),
              ("原因说明", REASON_SHEET, reasons or []))
    for i, (title, header, lines) in enumerate(sheets):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = title
        ws.append(list(header))
        for line in lines:
            ws.append([neutralise(v) for v in line])
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        for col, name in enumerate(header, 1):
            ws.column_dimensions[get_column_letter(col)].width = _WIDTHS.get(name, 12)
        if title == "数字":
            for cell in ws["E"][1:]:
                cell.number_format = "#,##0.00####"
    wb.save(out)
    return out


def write(rows: list[dict], fmt: str, out: Path, *, checks: list[list] | None = None,
          reasons: list[list] | None = None) -> Path:
    """Write the rows. JSON and CSV values stay strings as printed (no float conversion); the workbook writes
    numbers as numbers and adds the 核查 and 原因说明 sheets. CSV and XLSX cells that a spreadsheet would read as
    a formula are neutralised (:func:`neutralise`); JSON keeps the text as it is."""
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "json":
        out.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")
    elif fmt == "csv":
        with out.open("w", encoding="utf-8-sig", newline="") as fh:  # BOM so Excel opens Chinese text right
            writer = csv.DictWriter(fh, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows({k: neutralise(v) for k, v in r.items()} for r in rows)
    elif fmt == "xlsx":
        write_workbook(out, rows, checks, reasons)
    else:
        raise ValueError(f"unknown export format {fmt!r}: use json, csv or xlsx")
    return out
