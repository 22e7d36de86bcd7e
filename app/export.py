"""Export stored figures to JSON, CSV or Excel: one row per figure, with unit, year and citation."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from core.schemas import DocRecord, Figure

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


def write(rows: list[dict], fmt: str, out: Path) -> Path:
    """Write the rows; values stay strings as printed (no float conversion). CSV and XLSX cells that a
    spreadsheet would read as a formula are neutralised (:func:`neutralise`); JSON keeps the text as it is."""
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "json":
        out.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")
    elif fmt == "csv":
        with out.open("w", encoding="utf-8-sig", newline="") as fh:  # BOM so Excel opens Chinese text right
            writer = csv.DictWriter(fh, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows({k: neutralise(v) for k, v in r.items()} for r in rows)
    elif fmt == "xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.title = "figures"
        ws.append(COLUMNS)
        for r in rows:
            ws.append([neutralise(r[c]) for c in COLUMNS])
        wb.save(out)
    else:
        raise ValueError(f"unknown export format {fmt!r}: use json, csv or xlsx")
    return out
