"""The cited PDF page drawn with the quote highlighted (app/pageimage.py), and text quotes in their lines."""

from __future__ import annotations

import io

import numpy as np
import pypdf
import pytest
from conftest import needs_real_pdfs
from PIL import Image

from app.pageimage import HIGHLIGHT, context_lines, locate, render_cited_page


def highlighted_pixels(png: bytes) -> int:
    """Pixels of the blended yellow: red and green high, blue clearly lower (black text on white has none)."""
    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    return int(((r > 200) & (g > 170) & (b < 140)).sum())


def test_locate_ignores_spacing_and_compatibility_forms_and_falls_back_to_lines():
    stream = "一、收入支出决算总体情况说明2024年度收入总计3,681.17万元"
    at = stream.index("收入总计")
    assert locate(stream, "收入总计 3,681.17\n万元") == [(at, at + len("收入总计3,681.17万元"))]
    assert locate(stream, "⼀、收入支出") == [(0, 6)]  # U+2F00 KANGXI RADICAL ONE, as some PDFs print 一
    assert locate(stream, "不在页上的一句话\n收入支出决算总体") == [(2, 10)]  # the line that is there
    assert locate(stream, "完全不在这一页") == [] and locate(stream, " \n") == []


def test_a_generated_pdf_page_is_drawn_with_its_quote_marked(tmp_path):
    import fixtures_pdf

    path = tmp_path / "generated.pdf"
    fixtures_pdf.make_text_pdf("一般公共预算财政拨款支出1234.56万元，比上年增加12.30万元。\n" * 3
                               + "“三公”经费支出31.19万元，比上年减少3.10万元，下降9.04%。\n", path)
    page_text = pypdf.PdfReader(path).pages[0].extract_text()
    quote = next(line for line in page_text.splitlines() if "31.19" in line)
    marked = render_cited_page(path, 1, quote, scale=1.0)
    assert marked.boxes >= 1 and marked.page == 1
    plain = render_cited_page(path, 1, "这一句不在页面上", scale=1.0)
    assert plain.boxes == 0 and highlighted_pixels(plain.png) == 0  # not found: nothing is marked
    assert highlighted_pixels(marked.png) > 200
    assert Image.open(io.BytesIO(marked.png)).size == (marked.width, marked.height)


@needs_real_pdfs()
def test_every_figure_of_the_real_pdfs_is_found_on_its_page(archive_service):
    pdfs = [d for d in archive_service.docs() if d.source.endswith(".pdf")]
    assert pdfs
    for d in pdfs:
        figures = archive_service.store.figures_of(d.doc_id)
        missed = [f.citation.quote for f in figures
                  if archive_service.page_image(f.citation, scale=0.25).boxes == 0]
        assert not missed, (d.source, missed[:3])


def test_a_text_document_has_no_page_image_but_its_lines(archive_service):
    answer = archive_service.ask("昌吉州市监局2024年三公经费花了多少？")
    c = answer.citations[0]
    assert archive_service.page_image(c) is None
    before, quote, after = context_lines(archive_service.original_text(c), c.char_start, c.char_end)
    assert quote == c.quote and before.count("\n") == 2 and after.count("\n") == 2


@pytest.mark.parametrize("start,end,expected", [(0, 1, ("", "a", "\nb\nc")), (4, 5, ("a\nb\n", "c", "\nd\ne")),
                                                (8, 9, ("c\nd\n", "e", ""))], ids=["first", "middle", "last"])
def test_context_lines(start, end, expected):
    assert context_lines("a\nb\nc\nd\ne", start, end) == expected


def test_the_highlight_colour_is_what_the_pixel_count_looks_for():
    r, g, b, alpha = HIGHLIGHT
    blended = [round(c * alpha / 255 + 255 * (1 - alpha / 255)) for c in (r, g, b)]  # over white paper
    assert blended[0] > 200 and blended[1] > 170 and blended[2] < 180
