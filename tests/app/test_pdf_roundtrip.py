"""PDFs generated from the corpus texts (reportlab, a CID font and a TrueType font) round-trip through ingestion."""

from __future__ import annotations

import re

import fixtures_pdf
import pypdf
import pytest
from conftest import SAMPLE_TEXTS, make_service

from index.loaders import load
from index.normalise import normalise, to_halfwidth

SOURCE = next(p for p in SAMPLE_TEXTS if p.name.startswith("000"))
EXCERPT = "\n".join(SOURCE.read_text(encoding="utf-8").split("\n")[:110])


def _squash(text: str) -> str:
    return "".join(to_halfwidth(c) for c in re.sub(r"\s", "", text))


@pytest.fixture(scope="module", params=["cid", "ttf"])
def generated(request, tmp_path_factory):
    if request.param == "ttf" and fixtures_pdf.ttf_font_path() is None:
        pytest.skip("no CJK TrueType font (apt-get install fonts-wqy-microhei)")
    path = tmp_path_factory.mktemp(request.param) / f"chj_2024_{request.param}.pdf"
    drawn = fixtures_pdf.make_text_pdf(EXCERPT, path, font=request.param)
    return path, drawn


def test_text_round_trips_with_headers_footers_and_wraps_removed(generated):
    path, drawn = generated
    doc = normalise(load(path))
    text = _squash(doc.text)
    for line in EXCERPT.split("\n"):
        if line.strip():
            assert _squash(line) in text, line[:40]
    assert "某某单位2024年度部门决算" not in doc.text
    assert len(doc.dropped_lines) >= 2 * len(drawn) - 1  # header and "- n -" of every page
    assert "31.19万元" in doc.text and "2,434.95万元" in doc.text  # numbers whole again


def test_generated_pdf_is_searchable_with_page_citations(generated, tmp_path):
    path, drawn = generated
    svc = make_service(tmp_path / "home")
    (outcome,) = svc.ingest([path])
    assert outcome.status == "ingested" and outcome.pages == len(drawn)
    record = svc.docs()[0]
    assert record.unit == "昌吉回族自治州市场监督管理局" and record.year == 2024
    hits, _ = svc.search("2024年三公经费支出多少", k=3)
    top = hits[0]
    assert "31.19" in top.text
    pages = pypdf.PdfReader(path).pages
    for h in hits:
        c = h.citation
        assert c.line_start is None and 1 <= c.page <= len(drawn)
        assert pages[c.page - 1].extract_text()[c.char_start:c.char_end] == c.quote
