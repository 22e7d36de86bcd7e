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
