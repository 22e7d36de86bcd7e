"""Read a file into its original text, page by page, deciding the format by content.

Each loader returns a :class:`RawDocument`: the original text of each segment (the whole
decoded file for text, one PDF page's extracted text per segment, the extracted text of a
DOCX) -- exactly the text that citation offsets point into.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import LoadError

SUPPORTED_SUFFIXES = {".pdf", ".txt", ".md", ".docx"}
MIN_TEXT_CHARS_PER_PAGE = 3


@dataclass
class Segment:
    """Original text of one page (PDF) or of the whole file (text, DOCX)."""

    text: str
    page: int | None  # 1-based PDF page; None for text files (pages come from markers)


@dataclass
class RawDocument:
    source: str
    path: Path
    kind: str  # pdf | text | docx
    doc_id: str
    segments: list[Segment]
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)


def doc_id_for(data: bytes) -> str:
    """Stable id of a file: the hash of its bytes (same content, same id, wherever it lives)."""
    return hashlib.sha256(data).hexdigest()[:16]


def sniff_kind(data: bytes) -> str:
    """Decide the format from the first bytes, not from the file name."""
    head = data[:1024]
    if head.lstrip(b"\x00\t\r\n ").startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                if "word/document.xml" in z.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            pass
        return "zip"
    return "text"


def load(path: Path) -> RawDocument:
    """Load any supported file; raise :class:`LoadError` naming the file and the reason."""
    source = path.name
    if not path.exists():
        raise LoadError(str(path), "path does not exist")
    if path.is_dir():
        raise LoadError(str(path), "is a directory, not a file")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise LoadError(source, f"cannot read: {e.strerror or e}") from e
    if not data:
        raise LoadError(source, "empty file (0 bytes)")
    kind = sniff_kind(data)
    suffix = path.suffix.lower()
    if suffix == ".pdf" and kind != "pdf":
        raise LoadError(source, "not a PDF: the content does not start with %PDF- (broken or mislabelled file)")
    if suffix == ".docx" and kind != "docx":
        raise LoadError(source, "not a DOCX: the content is not a Word document archive")
    if kind == "pdf":
        segments, warnings = _pdf_segments(data, source)
        return RawDocument(source, path, "pdf", doc_id_for(data), segments, warnings=warnings)
    if kind == "docx":
        return RawDocument(source, path, "docx", doc_id_for(data), [Segment(_docx_text(data, source), None)])
    if kind == "zip":
        raise LoadError(source, "a ZIP archive, not a disclosure document (unpack it first)")
    text, encoding = decode_text(data, source)
    if not text.strip():
        raise LoadError(source, "no text (the file holds only whitespace)")
    return RawDocument(source, path, "text", doc_id_for(data), [Segment(text, None)], encoding=encoding)


def original_text(path: Path, page: int | None = None) -> str:
    """The original text that citation offsets point into: the decoded file, or one PDF page's text.

    It is read exactly as :func:`load` read it at ingestion, so ``text[char_start:char_end] == quote``.
    """
    data = path.read_bytes()
    kind = sniff_kind(data)
    if kind == "pdf":
        reader = _pdf_reader(data, path.name)
        try:
            return _page_text(reader, (page or 1) - 1)[0]
        except Exception:
            return ""
    if kind == "docx":
        return _docx_text(data, path.name)
    return decode_text(data, path.name)[0]


def decode_text(data: bytes, source: str) -> tuple[str, str]:
    """Decode a text file: UTF-8 (with or without BOM), else GB18030/GBK, detected by trying strictly.

    Newlines are made universal (``\\r\\n`` and ``\\r`` become ``\\n``) as ``Path.read_text`` does,
    so offsets agree with what any reader of the file sees. A UTF-8 BOM stays in the text as
    U+FEFF (the normaliser drops it) so that offsets count it the way a UTF-8 reader does.
    """
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError(source, "binary content, not text (NUL bytes)")
    candidates = ["utf-8", "gb18030"]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    for enc in candidates:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        label = "utf-8-sig" if enc == "utf-8" and text.startswith("\ufeff") else enc
        return _universal_newlines(text), label
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise LoadError(source, "cannot decode as text (not UTF-8, GB18030 or any known encoding)")
    return _universal_newlines(str(best)), best.encoding


def _universal_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _pdf_reader(data: bytes, source: str):
    """An opened (and, with an empty user password, decrypted) pypdf reader; LoadError otherwise."""
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception as e:  # pypdf raises several types for unsupported crypto
                raise LoadError(source, f"encrypted PDF, cannot open without the password ({e})") from e
            if not ok:
                raise LoadError(source, "encrypted PDF (a password is needed to open it)")
        len(reader.pages)
    except LoadError:
        raise
    except (PdfReadError, FileNotDecryptedError, ValueError, KeyError, OSError) as e:
        raise LoadError(source, f"broken or truncated PDF ({type(e).__name__}: {e})") from e
    return reader


def _page_text(reader, i: int) -> tuple[str, str | None]:
    """The text of page ``i`` (0-based) as ingestion reads it, and what is wrong with the page, if anything:
    ``unreadable: <why>`` (extraction failed), ``damaged`` (fonts but no text: a broken content stream),
    ``scanned`` (images and no fonts), ``blank`` (nothing on it). :func:`original_text` uses the same
    function, so a citation's offsets always point into exactly this text."""
    page = reader.pages[i]
    try:
        text = page.extract_text() or ""
    except Exception as e:  # pypdf raises many types for a broken content stream
        return "", f"unreadable: {type(e).__name__}: {' '.join(str(e).split())[:120]}"
    if len("".join(text.split())) >= MIN_TEXT_CHARS_PER_PAGE:
        return text, None
    return text, _why_no_text(page)


def _why_no_text(page) -> str:
    try:
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else {}
        fonts = resources.get("/Font")
        xobjects = resources.get("/XObject")
        has_fonts = bool(fonts is not None and fonts.get_object())
        has_images = bool(xobjects is not None and xobjects.get_object())
    except Exception:  # the page dictionary itself is broken
        return "damaged"
    if has_fonts:
        return "damaged"
    return "scanned" if has_images else "blank"


def _pdf_segments(data: bytes, source: str) -> tuple[list[Segment], list[str]]:
    reader = _pdf_reader(data, source)
    n = len(reader.pages)
    if n == 0:
        raise LoadError(source, "PDF has no pages (broken or truncated file)")
    segments: list[Segment] = []
    problems: dict[int, str] = {}
    for i in range(n):
        try:
            text, problem = _page_text(reader, i)
        except Exception as e:  # the page object itself cannot be had
            text, problem = "", f"unreadable: {type(e).__name__}"
        if problem:
            problems[i + 1] = problem
        segments.append(Segment(text, i + 1))
    unreadable = {p: why for p, why in problems.items() if why.startswith("unreadable")}
    damaged = [p for p, why in problems.items() if why == "damaged"]
    scanned = [p for p, why in problems.items() if why == "scanned"]
    if len(problems) == n:
        if len(scanned) == n:
            raise LoadError(source, f"no text layer on any of its {n} page(s): a scanned PDF, OCR needed")
        if not unreadable and not damaged:
            raise LoadError(source, f"no text on any of its {n} page(s) (blank pages)")
        raise LoadError(source, "no page could be read: " + _describe(unreadable, damaged, scanned, partial=False))
    warnings = [f"{source}: {_describe(unreadable, damaged, scanned)}"] if unreadable or damaged or scanned else []
    return segments, warnings


def _describe(unreadable: dict[int, str], damaged: list[int], scanned: list[int], partial: bool = True) -> str:
    """What is wrong with which pages, in one line; ``partial``: the other pages were kept."""
    left_out = ", left out" if partial else ""
    parts = [f"page {p} cannot be read ({why.removeprefix('unreadable: ')}){left_out}" for p, why in
             list(unreadable.items())[:3]]
    if len(unreadable) > 3:
        rest = sorted(unreadable)[3:]
        parts.append(f"{_pages(rest)} cannot be read either{left_out}")
    if damaged:
        verb = "has" if len(damaged) == 1 else "have"
        parts.append(f"{_pages(damaged)} {verb} fonts but no readable text (damaged content stream){left_out}")
    if scanned:
        verb = "has" if len(scanned) == 1 else "have"
        parts.append(f"{_pages(scanned)} {verb} no text layer (scanned), OCR needed")
    return "; ".join(parts)


def _pages(pages: list[int]) -> str:
    return f"page {pages[0]}" if len(pages) == 1 else f"pages {_ranges(pages)}"


def _ranges(pages: list[int]) -> str:
    out: list[str] = []
    start = prev = pages[0]
    for p in pages[1:] + [-1]:
        if p == prev + 1:
            prev = p
            continue
        out.append(str(start) if start == prev else f"{start}-{prev}")
        start = prev = p
    return ", ".join(out)


def _docx_text(data: bytes, source: str) -> str:
    """Paragraphs and tables in document order; a table row becomes one tab-separated line."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:
        raise LoadError(source, f"broken DOCX ({type(e).__name__}: {e})") from e
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, document).text)
        elif tag == "tbl":
            lines.append("")
            for row in Table(block, document).rows:
                cells: list[str] = []
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell is returned once per grid column
                        continue
                    seen.add(id(cell._tc))
                    cells.append(" ".join(cell.text.split()))
                lines.append("\t".join(cells))
            lines.append("")
    text = "\n".join(lines)
    if not text.strip():
        raise LoadError(source, "DOCX holds no text")
    return text
