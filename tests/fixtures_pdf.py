"""Real generated test inputs for ingestion: text PDFs laid out like published 决算 PDFs, plus bad inputs.

Nothing here is a mock: every helper writes a real file (reportlab PDF, pypdf-encrypted PDF, image-only
PDF, truncated PDF, GB18030 / UTF-8-BOM text, python-docx document) that ingestion code can open.

Fonts: ``font="cid"`` uses reportlab's built-in CID font STSong-Light (no font file needed);
``font="ttf"`` embeds a real TrueType CJK font found by :func:`ttf_font_path` (Debian package
``fonts-wqy-microhei``, or ``fonts-droid-fallback``; override with the ``CJK_TTF_FONT`` env variable).

Run ``python tests/fixtures_pdf.py [corpus.txt]`` to see what pypdf does with each fixture.
"""

from __future__ import annotations

import os
import random
import re
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

__all__ = [
    "DEFAULT_PASSWORD",
    "SAMPLE_TEXT",
    "TRADITIONAL_TEXT",
    "TTF_DEBIAN_PACKAGE",
    "make_docx",
    "make_empty_txt",
    "make_encrypted_pdf",
    "make_gbk_txt",
    "make_broken_page_pdf",
    "make_junk_pdf",
    "make_scanned_pdf",
    "make_text_pdf",
    "make_truncated_pdf",
    "make_utf8_bom_txt",
    "space_numbers_in",
    "squash_ws",
    "ttf_font_path",
    "wrap_lines",
]

CID_FONT = "STSong-Light"
# Standard Type1 font: draws what a CJK TTF lacks (DroidSansFallback has no digits or Latin letters).
LATIN_FALLBACK_FONT = "Helvetica"
TTF_DEBIAN_PACKAGE = "fonts-wqy-microhei"
TTF_ENV_VAR = "CJK_TTF_FONT"
# Searched in order. Only glyf-outline TrueType works with reportlab (Noto CJK .ttc is CFF: unsupported).
TTF_CANDIDATES: tuple[Path, ...] = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),  # fonts-wqy-microhei: CJK + Latin + digits
    Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),  # fonts-droid-fallback: CJK only
)
DEFAULT_HEADER = "某某单位2024年度部门决算"
DEFAULT_PASSWORD = "secret"

SAMPLE_TEXT = """\
某某单位2024年度部门决算公开说明
第一部分 单位概况
一、主要职能
某某单位是本级人民政府工作部门，负责市场综合监督管理和知识产权管理，贯彻执行国家有关法律法规和规章，拟订有关规划，规范和维护市场秩序。
第二部分 部门决算情况说明
一、收入支出决算总体情况说明
2024年度收入总计3,681.17万元，其中：本年收入合计3,545.89万元，使用非财政拨款结余（含专用结余）0.00万元，年初结转和结余135.29万元。
2024年度支出总计3,681.17万元，其中：本年支出合计3,571.49万元，结余分配0.00万元，年末结转和结余109.69万元。
收入支出总体与上年相比，减少813.05万元，下降18.09%，主要原因是：本年减少通信机房二级等保建设项目、特种设备监管安全生产社会化服务经费等。
二、一般公共预算财政拨款支出决算结构情况
1.一般公共服务支出(类)2,704.25万元,占76.62%。
2.社会保障和就业支出(类)507.90万元,占14.39%。
\t项目
\t本年收入
\t本年支出
\t一般公共服务支出
\t2,704.25
\t2,704.25
\t住房保障支出
\t155.49
\t155.49
"""

TRADITIONAL_TEXT = (  # traditional characters: encodable in Big5
    "某某單位2024年度部門決算公開說明\n第二部分 部門決算情況說明\n一、收入支出決算總體情況說明\n"
    "2024年度收入總計3,681.17萬元，其中：本年收入合計3,545.89萬元，年初結轉和結餘135.29萬元。\n"
    "收入支出總體與上年相比，減少813.05萬元，下降18.09%，主要原因是：本年減少通信機房建設項目、"
    "特種設備監管安全生產社會化服務經費等。\n二、財政撥款「三公」經費支出決算情況說明\n"
    "2024年度財政撥款「三公」經費支出31.19萬元，比上年減少3.10萬元，主要原因是嚴格落實中央八項規定精神，厲行節約。\n"
)

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_THEN_DIGIT = re.compile(rf"(?<=[{_CJK}])(?=\d)")
_NUMBER_THEN_CJK = re.compile(rf"(?<=[\d%])(?=[{_CJK}])")
_WS = re.compile(r"\s+")

_PAGE_W, _PAGE_H = A4
_MARGIN_X = 56.0
_HEADER_Y = _PAGE_H - 42.0
_BODY_TOP = _PAGE_H - 78.0
_BODY_BOTTOM = 60.0
_FOOTER_Y = 30.0


# ----------------------------------------------------------------------------------------------- helpers


def squash_ws(text: str) -> str:
    """Remove all whitespace, for comparing drawn text with extracted text 'modulo whitespace'."""
    return _WS.sub("", text)


def space_numbers_in(line: str) -> str:
    """Put a space between a number and an adjacent Chinese character: 总计3,681.17万元 -> 总计 3,681.17 万元."""
    return _NUMBER_THEN_CJK.sub(" ", _CJK_THEN_DIGIT.sub(" ", line))


def wrap_lines(text: str, chars_per_line: int = 38, *, space_numbers: bool = True) -> list[str]:
    """Logical lines as drawn: tabs -> two spaces, optional number spacing, then hard-wrap long lines."""
    if chars_per_line < 1:
        raise ValueError("chars_per_line must be >= 1")
    out: list[str] = []
    for raw in text.splitlines():
        line = raw.replace("\t", "  ").rstrip()
        if space_numbers:
            line = space_numbers_in(line)
        if len(line) <= chars_per_line:
            out.append(line)  # short line (table cell, heading, blank): kept as is
        else:
            out.extend(line[i : i + chars_per_line] for i in range(0, len(line), chars_per_line))
    return out


def ttf_font_path() -> Path | None:
    """A TrueType CJK font file reportlab can embed (env ``CJK_TTF_FONT`` first), or None if none is installed."""
    override = os.environ.get(TTF_ENV_VAR)
    if override:
        return Path(override) if Path(override).is_file() else None
    return next((p for p in TTF_CANDIDATES if p.is_file()), None)


def _require_ttf() -> Path:
    path = ttf_font_path()
    if path is not None:
        return path
    override = os.environ.get(TTF_ENV_VAR)
    looked = f"${TTF_ENV_VAR}={override}" if override else ", ".join(map(str, TTF_CANDIDATES))
    raise FileNotFoundError(
        f"No TrueType CJK font found (looked at {looked}). "
        f"Install the Debian package {TTF_DEBIAN_PACKAGE}: apt-get install -y {TTF_DEBIAN_PACKAGE}"
    )


_registered: dict[str, tuple[str, frozenset[int] | None]] = {}


def _register_font(font: str) -> tuple[str, frozenset[int] | None]:
    """Register the font once; return (reportlab font name, covered code points or None for 'all')."""
    if font == "cid":
        key = CID_FONT
        if key not in _registered:
            pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
            _registered[key] = (CID_FONT, None)
        return _registered[key]
    if font == "ttf":
        path = _require_ttf()
        key = str(path)
        if key not in _registered:
            name = f"FixtureCJK{len(_registered)}"
            ttf = TTFont(name, str(path), subfontIndex=0)  # index 0 also valid for plain .ttf
            pdfmetrics.registerFont(ttf)
            _registered[key] = (name, frozenset(ttf.face.charToGlyph))
        return _registered[key]
    raise ValueError(f"font must be 'cid' or 'ttf', not {font!r}")


def _latin_drawable(ch: str) -> bool:
    """True if Helvetica (WinAnsiEncoding, ~cp1252) can draw ``ch``: digits, ASCII, “ ” – — … ‰ etc."""
    try:
        ch.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _font_label(font: str) -> str:
    return str(ttf_font_path()) if font == "ttf" else CID_FONT


def _runs(line: str, covered: frozenset[int] | None) -> Iterator[tuple[bool, str]]:
    """Split a line into (drawn_with_cjk_font, text) runs; chars the TTF lacks go to Helvetica if it can."""
    if covered is None:
        yield True, line
        return
    start, cur = 0, True
    for i, ch in enumerate(line):
        cjk = ord(ch) in covered or not _latin_drawable(ch)
        if i and cjk != cur:
            yield cur, line[start:i]
            start = i
        cur = cjk
    if line:
        yield cur, line[start:]


def _draw_line(
    c: canvas.Canvas,
    x: float,
    y: float,
    line: str,
    font_name: str,
    covered: frozenset[int] | None,
    size: float,
) -> None:
    """Draw one line at (x, y), switching to Helvetica for runs the CJK font cannot draw."""
    t = c.beginText(x, y)
    for cjk, run in _runs(line, covered):
        t.setFont(font_name if cjk else LATIN_FALLBACK_FONT, size)
        t.textOut(run)
    c.drawText(t)


def _paginate(lines: list[str], lines_per_page: int) -> list[list[str]]:
    pages = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)]
    return pages or [[]]


# ------------------------------------------------------------------------------------------- text PDFs


def make_text_pdf(
    text: str,
    path: Path,
    *,
    font: str = "cid",
    chars_per_line: int = 38,
    lines_per_page: int = 40,
    header: str | None = DEFAULT_HEADER,
    footer_page_numbers: bool = True,
    space_numbers: bool = True,
) -> list[str]:
    """Lay ``text`` out as an A4 PDF like a published 决算 and return one string per page.

    Long lines are hard-wrapped every ``chars_per_line`` characters (splitting sentences and numbers),
    short lines are kept, tabs become two spaces. Each page gets ``header`` at the top and "- n -" at the
    bottom. Each returned string is that page's drawn lines in drawing order (header, body lines, footer)
    joined by "\\n", so ``squash_ws(ret[i]) == squash_ws(reader.pages[i].extract_text())`` is the round-trip.
    """
    if lines_per_page < 1:
        raise ValueError("lines_per_page must be >= 1")
    font_name, covered = _register_font(font)
    body = wrap_lines(text, chars_per_line, space_numbers=space_numbers)
    if covered is not None:
        missing = {
            ch
            for ch in text + (header or "")
            if not ch.isspace() and ord(ch) not in covered and not _latin_drawable(ch)
        }
        if missing:
            warnings.warn(
                f"{_font_label(font)} has no glyph for {''.join(sorted(missing))!r}: "
                "pypdf will extract these as '\\x00'",
                stacklevel=2,
            )
    leading = (_BODY_TOP - _BODY_BOTTOM) / max(lines_per_page - 1, 1)
    size = min(12.0, (_PAGE_W - 2 * _MARGIN_X) / chars_per_line, leading / 1.15)
    pages = _paginate(body, lines_per_page)

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(path), pagesize=A4, pageCompression=1)
    c.setTitle(header or path.stem)
    drawn: list[str] = []
    for n, page_lines in enumerate(pages, start=1):
        page_drawn: list[str] = []
        if header:
            _draw_line(c, _MARGIN_X, _HEADER_Y, header, font_name, covered, 9.0)
            c.setLineWidth(0.5)
            c.line(_MARGIN_X, _HEADER_Y - 6, _PAGE_W - _MARGIN_X, _HEADER_Y - 6)
            page_drawn.append(header)
        for i, line in enumerate(page_lines):
            if line.strip():
                _draw_line(c, _MARGIN_X, _BODY_TOP - i * leading, line, font_name, covered, size)
            page_drawn.append(line)
        if footer_page_numbers:
            footer = f"- {n} -"
            c.setFont(LATIN_FALLBACK_FONT, 9.0)
            c.drawCentredString(_PAGE_W / 2, _FOOTER_Y, footer)
            page_drawn.append(footer)
        drawn.append("\n".join(page_drawn))
        c.showPage()
    c.save()
    return drawn


# ------------------------------------------------------------------------------------------ bad inputs


def make_empty_txt(directory: Path, name: str = "empty.txt") -> Path:
    """A 0-byte .txt file."""
    path = Path(directory) / name
    path.write_bytes(b"")
    return path


def make_junk_pdf(directory: Path, name: str = "junk.pdf", *, size: int = 4096, seed: int = 1234) -> Path:
    """Random binary bytes (deterministic for ``seed``) in a file named .pdf."""
    data = random.Random(seed).randbytes(size)
    if data.startswith(b"%PDF"):
        data = b"\x00" + data[1:]
    path = Path(directory) / name
    path.write_bytes(data)
    return path


def make_encrypted_pdf(
    directory: Path,
    name: str = "encrypted.pdf",
    *,
    text: str = SAMPLE_TEXT,
    user_password: str = DEFAULT_PASSWORD,
    owner_password: str | None = "owner-" + DEFAULT_PASSWORD,
    algorithm: str = "RC4-128",
) -> Path:
    """A real CJK text PDF encrypted with a user password (RC4-128 needs no crypto library to decrypt)."""
    directory = Path(directory)
    plain = directory / f".{name}.plain.pdf"
    make_text_pdf(text, plain)
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm=algorithm)
    path = directory / name
    with path.open("wb") as fh:
        writer.write(fh)
    plain.unlink()
    return path


def make_scanned_pdf(
    directory: Path,
    name: str = "scanned.pdf",
    *,
    text: str = SAMPLE_TEXT,
    lines_per_page: int = 40,
    dpi: int = 100,
) -> Path:
    """A PDF whose pages hold only a raster image of the text (no text layer, no fonts), like a scan.

    Pages are drawn with PIL (in the TTF CJK font if one is installed, else as grey bars) and written
    by PIL's PDF writer, as scanner software does.
    """
    from PIL import Image, ImageDraw, ImageFont

    font_path = ttf_font_path()
    scale = dpi / 72
    px_w, px_h = round(_PAGE_W * scale), round(_PAGE_H * scale)
    size = round(12 * scale)
    pil_font = ImageFont.truetype(str(font_path), size, index=0) if font_path else None
    leading = (_BODY_TOP - _BODY_BOTTOM) / max(lines_per_page - 1, 1) * scale

    images = []
    for page_lines in _paginate(wrap_lines(text, 38), lines_per_page):
        img = Image.new("L", (px_w, px_h), 255)
        draw = ImageDraw.Draw(img)
        x, y0 = _MARGIN_X * scale, (_PAGE_H - _BODY_TOP) * scale - size
        for i, line in enumerate(page_lines):
            top = y0 + i * leading
            if pil_font is not None:
                draw.text((x, top), line, fill=0, font=pil_font)
            elif line.strip():
                draw.rectangle((x, top, x + len(line) * size, top + size * 0.8), fill=96)
        images.append(img)
    path = Path(directory) / name
    images[0].save(path, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:])
    return path


def make_truncated_pdf(directory: Path, name: str = "truncated.pdf", *, text: str = SAMPLE_TEXT * 8) -> Path:
    """A real multi-page text PDF cut to the first half of its bytes."""
    buf_path = Path(directory) / f".{name}.full.pdf"
    make_text_pdf(text, buf_path)
    data = buf_path.read_bytes()
    buf_path.unlink()
    path = Path(directory) / name
    path.write_bytes(data[: len(data) // 2])
    return path


def make_broken_page_pdf(
    directory: Path,
    name: str = "broken_page.pdf",
    *,
    text: str = SAMPLE_TEXT * 3,
    broken: Sequence[int] = (2,),
    how: str = "operators",
) -> Path:
    """A real text PDF whose pages ``broken`` (1-based) have a damaged content stream.

    ``how="operators"``: the stream holds malformed operators (pypdf raises while extracting that page);
    ``how="flate"``: the stream claims FlateDecode but holds garbage (pypdf logs an error, reads nothing).
    The page keeps its fonts: a damaged page, not a scan.
    """
    from pypdf.generic import DecodedStreamObject, EncodedStreamObject, NameObject

    directory = Path(directory)
    plain = directory / f".{name}.plain.pdf"
    make_text_pdf(text, plain)
    writer = PdfWriter(clone_from=PdfReader(plain))
    plain.unlink()
    for n in broken:
        if how == "operators":
            stream = DecodedStreamObject()
            stream.set_data(b"BT /F1 12 Tf 100 700 Td (abc) Tj ET BT /F1 Tf Tj Tj ] ET q Q Q Q")
        elif how == "flate":
            stream = EncodedStreamObject()
            stream._data = b"\x78\x9c this is not deflate data at all"
            stream[NameObject("/Filter")] = NameObject("/FlateDecode")
        else:
            raise ValueError(f"unknown damage {how!r}")
        writer.pages[n - 1][NameObject("/Contents")] = writer._add_object(stream)
    path = directory / name
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def make_gbk_txt(directory: Path, text: str = SAMPLE_TEXT, name: str = "gbk.txt") -> Path:
    """``text`` encoded as GB18030 (a superset of GBK) in a .txt file."""
    path = Path(directory) / name
    path.write_bytes(text.encode("gb18030"))
    return path


def make_utf8_bom_txt(directory: Path, text: str = SAMPLE_TEXT, name: str = "utf8_bom.txt") -> Path:
    """``text`` encoded as UTF-8 with a leading BOM (EF BB BF)."""
    path = Path(directory) / name
    path.write_bytes(text.encode("utf-8-sig"))
    return path


DEFAULT_DOCX_PARAGRAPHS: tuple[str, ...] = (
    "某某单位2024年度部门决算公开说明",
    "2024年度收入总计3,681.17万元，其中：本年收入合计3,545.89万元。",
    "2024年度支出总计3,681.17万元，其中：本年支出合计3,571.49万元。",
)
DEFAULT_DOCX_TABLE: tuple[tuple[str, ...], ...] = (
    ("项目", "年初预算数", "决算数"),
    ("一般公共服务支出", "2,650.00", "2,704.25"),
    ("住房保障支出", "155.49", "155.49"),
)


def make_docx(
    directory: Path,
    paragraphs: Sequence[str] = DEFAULT_DOCX_PARAGRAPHS,
    table_rows: Sequence[Sequence[str]] = DEFAULT_DOCX_TABLE,
    name: str = "report.docx",
) -> Path:
    """A python-docx document: the Chinese ``paragraphs``, then one table of ``table_rows``."""
    from docx import Document

    doc = Document()
    for para in paragraphs:
        doc.add_paragraph(para)
    if table_rows:
        n_cols = max(len(r) for r in table_rows)
        table = doc.add_table(rows=len(table_rows), cols=n_cols)
        table.style = "Table Grid"
        for row, values in zip(table.rows, table_rows, strict=True):
            for cell, value in zip(row.cells, values, strict=False):
                cell.text = value
    path = Path(directory) / name
    doc.save(str(path))
    return path


# ------------------------------------------------------------------------------------------------ demo


def _pypdf_says(path: Path, password: str | None = None) -> str:
    """What pypdf does with ``path``: pages and extracted text length, or the exception."""
    try:
        reader = PdfReader(path)
        note = ""
        if reader.is_encrypted:
            if password is None:
                note = "encrypted, no password tried; "
            else:
                note = f"encrypted, decrypt({password!r}) -> {reader.decrypt(password).name}; "
        text = "".join(page.extract_text() for page in reader.pages)
        return f"{note}{len(reader.pages)} pages, extract_text -> {len(text)} chars"
    except Exception as exc:  # noqa: BLE001 - the point is to show whatever pypdf raises
        return f"{type(exc).__module__}.{type(exc).__name__}: {exc}"


def _round_trip(text: str, path: Path, font: str) -> str:
    import difflib
    import time

    t0 = time.perf_counter()
    drawn = make_text_pdf(text, path, font=font)
    took = time.perf_counter() - t0
    got = [page.extract_text() for page in PdfReader(path).pages]
    want, have = squash_ws("".join(drawn)), squash_ws("".join(got))
    pages_ok = sum(squash_ws(d) == squash_ws(g) for d, g in zip(drawn, got, strict=False))
    lines = [
        f"font={font}: {len(drawn)} pages in {took:.2f}s, {path.stat().st_size // 1024} KiB; "
        f"{pages_ok}/{len(drawn)} pages equal modulo whitespace; {len(want)} chars drawn, {len(have)} extracted"
    ]
    if want != have:
        ops = [
            op
            for op in difflib.SequenceMatcher(None, want, have, autojunk=False).get_opcodes()
            if op[0] != "equal"
        ]
        lines += [f"    {tag}: drew {want[a:b]!r} got {have[c:d]!r}" for tag, a, b, c, d in ops[:10]]
    return "\n".join(lines)


def _demo(corpus: Path | None) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        print(f"ttf_font_path() = {ttf_font_path()}")
        text = corpus.read_text(encoding="utf-8") if corpus else SAMPLE_TEXT * 60
        excerpt = "\n".join(text.splitlines()[:200])
        for font in ("cid", "ttf"):
            try:
                print(_round_trip(excerpt, d / f"excerpt_{font}.pdf", font))
                print(
                    _round_trip(text, d / f"full_{font}.pdf", font).replace(
                        f"font={font}", f"font={font} (full)"
                    )
                )
            except FileNotFoundError as exc:
                print(f"font={font}: FileNotFoundError: {exc}")
        fixtures = {
            "empty_txt": make_empty_txt(d),
            "junk_pdf": make_junk_pdf(d),
            "encrypted_pdf": make_encrypted_pdf(d),
            "scanned_pdf": make_scanned_pdf(d),
            "truncated_pdf": make_truncated_pdf(d),
            "gbk_txt": make_gbk_txt(d),
            "utf8_bom_txt": make_utf8_bom_txt(d),
            "docx": make_docx(d),
        }
        for label, path in fixtures.items():
            head = path.read_bytes()[:8]
            print(f"{label:14s} {path.stat().st_size:7d} B head={head!r}\n    pypdf: {_pypdf_says(path)}")
        print(f"    pypdf with password: {_pypdf_says(fixtures['encrypted_pdf'], DEFAULT_PASSWORD)}")


if __name__ == "__main__":
    import sys

    _demo(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
