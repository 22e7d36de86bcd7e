"""How a citation is shown: a cited PDF page as an image with the quoted span highlighted (引文所在页，高亮显示),
and, for any document, the quoted lines in their context (:func:`context_lines`).

The page is drawn by pypdfium2 (PDFium; Apache-2.0/BSD — PyMuPDF is avoided for its AGPL licence), and the
quote is found among the page's characters as PDFium reads them, with their boxes. A citation's offsets are in
the text pypdf extracted at ingestion, which can differ from PDFium's (spacing, line ends, compatibility forms),
so the quote is matched with whitespace ignored and both sides NFKC-normalised, line by line when the whole
does not match at once. A quote that is not found leaves the page unmarked (``boxes == 0``), never guessed.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

HIGHLIGHT = (255, 214, 0, 110)  # translucent yellow
OUTLINE = (230, 120, 0, 255)


@dataclass(frozen=True)
class PageImage:
    png: bytes
    page: int  # 1-based
    boxes: int  # rectangles drawn over the quote (0: the quote was not found on the page)
    width: int
    height: int


def _stream(textpage, count: int, raw) -> tuple[str, list[int]]:
    """The page's characters, whitespace left out and NFKC-normalised, each with its PDFium char index."""
    chars: list[str] = []
    index: list[int] = []
    for i in range(count):
        for ch in unicodedata.normalize("NFKC", chr(raw.FPDFText_GetUnicode(textpage.raw, i))):
            if not ch.isspace():
                chars.append(ch)
                index.append(i)
    return "".join(chars), index


def _squash(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace())


def locate(stream: str, quote: str) -> list[tuple[int, int]]:
    """Spans of ``stream`` holding the quote: the whole at once, or else each of its lines (a PDF may order
    lines differently from the text extracted at ingestion); lines shorter than 4 characters are not searched."""
    whole = _squash(quote)
    if not whole:
        return []
    at = stream.find(whole)
    if at >= 0:
        return [(at, at + len(whole))]
    spans, start = [], 0
    for line in quote.splitlines():
        piece = _squash(line)
        if len(piece) < 4:
            continue
        at = stream.find(piece, start)
        if at < 0:
            at = stream.find(piece)
        if at >= 0:
            spans.append((at, at + len(piece)))
            start = at + len(piece)
    return spans


def _rectangles(textpage, indices: list[int]) -> list[tuple[float, float, float, float]]:
    """Character boxes (left, bottom, right, top in PDF points) joined into one rectangle per printed line."""
    rects: list[list[float]] = []
    for i in indices:
        left, bottom, right, top = textpage.get_charbox(i, loose=True)
        if right <= left or top <= bottom:
            continue
        last = rects[-1] if rects else None
        if last and abs((last[1] + last[3]) / 2 - (bottom + top) / 2) < (top - bottom) / 2 and left >= last[0] - 1:
            last[0], last[1], last[2], last[3] = min(last[0], left), min(last[1], bottom), max(last[2], right), max(
                last[3], top)
        else:
            rects.append([left, bottom, right, top])
    return [(r[0], r[1], r[2], r[3]) for r in rects]


def render_cited_page(pdf_path: Path, page: int, quote: str, scale: float = 1.6) -> PageImage:
    """Page ``page`` (1-based) of the PDF as a PNG, with the quote's characters highlighted."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    from PIL import ImageDraw

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        p = pdf[max(page, 1) - 1]
        textpage = p.get_textpage()
        stream, index = _stream(textpage, textpage.count_chars(), raw)
        chosen = [index[k] for start, end in locate(stream, quote) for k in range(start, end)]
        rects = _rectangles(textpage, sorted(set(chosen)))
        crop_left, _, _, crop_top = p.get_cropbox()
        image = p.render(scale=scale).to_pil().convert("RGB")
        overlay = ImageDraw.Draw(image, "RGBA")  # an RGBA pen on an RGB page: the highlight is blended
        for left, bottom, right, top in rects:
            box = ((left - crop_left) * scale - 2, (crop_top - top) * scale - 2,
                   (right - crop_left) * scale + 2, (crop_top - bottom) * scale + 2)
            overlay.rectangle(box, fill=HIGHLIGHT, outline=OUTLINE, width=2)
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=True)
        return PageImage(png=out.getvalue(), page=max(page, 1), boxes=len(rects), width=image.width,
                         height=image.height)
    finally:
        pdf.close()


def context_lines(original: str, start: int, end: int, around: int = 2) -> tuple[str, str, str]:
    """(before, quote, after): ``original[start:end]`` with the rest of its lines and ``around`` whole lines of
    the original on either side."""
    head = original.rfind("\n", 0, start) + 1
    for _ in range(around):
        if head == 0:
            break
        head = original.rfind("\n", 0, head - 1) + 1
    tail = original.find("\n", end)
    tail = len(original) if tail < 0 else tail
    for _ in range(around):
        if tail >= len(original):
            break
        following = original.find("\n", tail + 1)
        tail = len(original) if following < 0 else following
    return original[head:start], original[start:end], original[end:tail]
