"""Hard-wrapped text (issue 9 §4): a PDF's text layer saved as text breaks lines at a fixed width, mid-number
("349.2" / "0万元") and mid-word ("二级事业单" / "位"). The figures of the vocabulary and the whole reason
sentences must come out as from the unwrapped text.

Out of scope, and said here: a table row wrapped across its cells (tab-separated rows cut at the width) loses
that row's project figures; real text layers break table rows per cell, which the table reader handles.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extraction.extractor import extract
from extraction.reasons import find_reasons
from index.layout import read_layout
from index.loaders import load
from index.metadata import detect

DATA = Path(__file__).resolve().parents[2] / "data"
DOCS = ["000_04b2af8a0d084766.txt", "001_2fc89b8a598a0283.txt", "002_a48143ca35b5d44a.txt"]


def _wrap(text: str, width: int) -> tuple[str, int]:
    """Every line cut into pieces of ``width`` characters; also how many cuts fall inside a number."""
    out, inside = [], 0
    for line in text.split("\n"):
        while len(line) > width:
            inside += line[width - 1].isdigit() and line[width] in "0123456789."
            out.append(line[:width])
            line = line[width:]
        out.append(line)
    return "\n".join(out), inside


def _read(path: Path):
    layout = read_layout(load(path))
    meta = detect(layout)
    figures = {(f.key, f.value, f.unit) for f in extract(layout, meta).figures if not f.key.startswith("project:")}
    return meta, figures, [r.reason for r in find_reasons(layout, meta)]


@pytest.mark.parametrize("width", [37, 51])
@pytest.mark.parametrize("name", DOCS)
def test_hard_wrapped_text_gives_the_same_figures_and_whole_reasons(tmp_path, name, width):
    source = DATA / name
    wrapped_text, cuts_in_numbers = _wrap(source.read_text(encoding="utf-8"), width)
    assert cuts_in_numbers > 0  # the wrap does cut numbers
    wrapped = tmp_path / f"wrapped_{name}"
    wrapped.write_text(wrapped_text, encoding="utf-8")

    meta, figures, reasons = _read(source)
    meta_w, figures_w, reasons_w = _read(wrapped)
    assert (meta_w.unit, meta_w.year, meta_w.doc_type) == (meta.unit, meta.year, meta.doc_type)
    assert figures and figures_w == figures, (sorted(figures - figures_w)[:5], sorted(figures_w - figures)[:5])
    assert reasons and [r for r in reasons if r not in reasons_w] == []


def _paged(text: str, every: int, header: str) -> tuple[str, int]:
    """The wrapped text cut into pages of ``every`` lines, each page ended by "— N —", a blank line and the running
    header, as a PDF's text layer saved as text prints them; also how many page breaks fall inside a number."""
    lines, out, inside = text.split("\n"), [], 0
    for n in range(0, len(lines), every):
        page = lines[n:n + every]
        out += page
        nxt = lines[n + every] if n + every < len(lines) else ""
        inside += bool(page and page[-1][-1:].isdigit() and nxt[:1] in "0123456789.")
        out += [f"— {n // every + 1} —", "", header]
    return "\n".join(out), inside


@pytest.mark.parametrize("name", DOCS)
def test_page_numbers_and_running_headers_inside_a_text_go_and_its_lines_run_on(tmp_path, name):
    """A number broken by a page break ("完成预算的85.2" | "— 5 —" | | "某街道2023年度单位决算" | "5%，…") reads whole: the
    page lines and the header repeated beside them are dropped, and the wrapped lines around them join."""
    source = DATA / name
    wrapped_text, _ = _wrap(source.read_text(encoding="utf-8"), 37)
    paged_text, breaks_in_numbers = _paged(wrapped_text, 41, "某某单位2024年度部门决算公开")
    assert breaks_in_numbers > 0
    paged = tmp_path / f"paged_{name}"
    paged.write_text(paged_text, encoding="utf-8")

    meta, figures, reasons = _read(source)
    meta_p, figures_p, reasons_p = _read(paged)
    assert (meta_p.unit, meta_p.year, meta_p.doc_type) == (meta.unit, meta.year, meta.doc_type)
    assert figures and figures_p == figures, (sorted(figures - figures_p)[:5], sorted(figures_p - figures)[:5])
    assert reasons and [r for r in reasons if r not in reasons_p] == []
    layout = read_layout(load(paged))
    assert "— 3 —" not in layout.doc.text and "某某单位2024年度部门决算公开" not in layout.doc.text
