"""Read a file into its original text, page by page, deciding the format by content.

Each loader returns a :class:`RawDocument`: the original text of each segment (the whole
decoded file for text, one PDF page's extracted text per segment, the extracted text of a
DOCX) -- exactly the text that citation offsets point into.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import LoadError
from core.sanitise import one_line

PageProgress = Callable[[int, int], None]  # (pages read, pages of the PDF)

SUPPORTED_SUFFIXES = {".pdf", ".txt", ".md", ".docx"}
_UNSUPPORTED = {  # why a file found in a folder is not read, by its (lower-case) suffix
    ".doc": "a Word 97-2003 document (.doc) is not read: save it as DOCX or PDF",
    ".wps": "a WPS document is not read: save it as DOCX or PDF",
    ".rtf": "an RTF document is not read: save it as DOCX or PDF",
    ".csv": "a CSV table is not read: save it as PDF, or rename it .txt to read it as text",
    **{s: f"a spreadsheet ({s}) is not read: export it as PDF" for s in (".xls", ".xlsx", ".et", ".ods")},
    **{s: f"an archive ({s}) is not read: unpack it first" for s in (".zip", ".rar", ".7z", ".gz", ".tar")},
    **{s: f"an image ({s}) is not read: OCR it into a PDF with a text layer"
       for s in (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".gif")},
}


def suffix_of(name: str) -> str:
    """The lower-case suffix of a file name, trailing spaces and dots ignored (``"报告.pdf "`` → ``.pdf``)."""
    return Path(name.rstrip(" .")).suffix.lower()


def why_not_read(path: Path) -> str | None:
    """Why a file found in a folder is not read (unsupported type, not a regular file), or None to read it."""
    try:
        st = os.stat(path)
    except OSError as e:
        return f"cannot read: {e.strerror or e}"
    if not stat.S_ISREG(st.st_mode):
        return f"not a regular file ({_FILE_TYPES.get(stat.S_IFMT(st.st_mode), 'not a file')}): only files are read"
    suffix = suffix_of(path.name)
    if suffix in SUPPORTED_SUFFIXES:
        return None
    return _UNSUPPORTED.get(suffix) or (f"unsupported file type ({suffix or 'no extension'}): "
                                        "PDF, DOCX and text (.txt, .md) files are read")
MIN_TEXT_CHARS_PER_PAGE = 3

# What one file may cost. The largest real disclosure in the sample is 157 KB of text (69,000 characters,
# longest line 690 characters); these limits are 10-25 times that. Over a limit the file is refused with a
# message saying which limit, before the expensive step (sizes come from the file system and the ZIP
# directory, never from reading everything first).
MAX_FILE_BYTES = 100 * 1024 * 1024  # any file (PDF, DOCX); uploads have their own 50 MB limit
MAX_TEXT_BYTES = 4 * 1024 * 1024  # a text file
MAX_TEXT_CHARS = 1_000_000  # characters of text from one file (≈ 20 s of extraction, 400 MB at most)
MAX_LINE_CHARS = 10_000  # one line (the prose readers are quadratic in line length)
MAX_DOCX_PART_BYTES = 25 * 1024 * 1024  # one XML part of a DOCX, expanded (python-docx parses it whole)
MAX_DOCX_TOTAL_BYTES = 150 * 1024 * 1024  # every part of a DOCX, expanded (python-docx loads them all)
MAX_DOCX_PARTS = 2000


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
    data: bytes = field(default=b"", repr=False)  # the file's bytes, as read once (the archive keeps a copy)

    @property
    def suffix(self) -> str:
        """The suffix that says what the content is (``.pdf``, ``.docx``, ``.txt``), whatever the name said."""
        return KIND_SUFFIX[self.kind]


KIND_SUFFIX = {"pdf": ".pdf", "docx": ".docx", "text": ".txt"}


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


def check_suffix(source: str, suffix: str, kind: str) -> None:
    """Refuse a file whose name promises a format its content is not (a .pdf holding "hello"): the one
    check of the CLI, the API and the app's upload."""
    suffix = suffix.lower()
    if suffix == ".pdf" and kind != "pdf":
        raise LoadError(source, "not a PDF: the content does not start with %PDF- (broken or mislabelled file)")
    if suffix == ".docx" and kind != "docx":
        raise LoadError(source, "not a DOCX: the content is not a Word document archive")


def load(path: Path, source: str | None = None, on_page: PageProgress | None = None) -> RawDocument:
    """Load any supported file; raise :class:`LoadError` naming the file and the reason.

    ``source`` is the name shown for it (default: the file's name, on one line). ``on_page(done, pages)`` is
    called after each page of a PDF is read.
    """
    source = one_line(source if source is not None else path.name)
    data = read_file(path)
    kind = sniff_kind(data)
    if kind == "text" and len(data) > MAX_TEXT_BYTES:
        raise LoadError(source, f"too large for a text file ({len(data):,} bytes; the limit is {_mb(MAX_TEXT_BYTES)})")
    check_suffix(source, path.suffix, kind)
    if kind == "pdf":
        segments, warnings = _pdf_segments(data, source, on_page)
        return RawDocument(source, path, "pdf", doc_id_for(data), segments, warnings=warnings, data=data)
    if kind == "docx":
        text = _docx_text(data, source)
        _check_text(text, source)
        return RawDocument(source, path, "docx", doc_id_for(data), [Segment(text, None)], data=data)
    if kind == "zip":
        raise LoadError(source, "a ZIP archive, not a disclosure document (unpack it first)")
    if not data.strip():
        raise LoadError(source, "no text (the file holds only whitespace)")
    decoded = decode_text(data, source)
    _check_text(decoded.text, source)
    return RawDocument(source, path, "text", doc_id_for(data), [Segment(decoded.text, None)],
                       encoding=decoded.encoding, warnings=decoded.warnings, data=data)


_FILE_TYPES = {stat.S_IFIFO: "a FIFO", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
               stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a directory"}


def read_file(path: Path) -> bytes:
    """The bytes of a regular file of at most ``MAX_FILE_BYTES``; LoadError for anything else.

    The file is opened without blocking (a FIFO would wait for a writer forever) and checked with
    ``fstat`` on the open descriptor, so a FIFO, a device (``/dev/zero`` reads forever) or a socket is
    refused, also behind a symlink; at most the limit plus one byte is ever read.
    """
    source = path.name
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise LoadError(str(path), "path does not exist") from None
    except IsADirectoryError:
        raise LoadError(str(path), "is a directory, not a file") from None
    except OSError as e:
        raise LoadError(source, f"cannot read: {e.strerror or e}") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise LoadError(str(path), "is a directory, not a file")
        if not stat.S_ISREG(st.st_mode):
            what = _FILE_TYPES.get(stat.S_IFMT(st.st_mode), "not a file")
            raise LoadError(source, f"not a regular file ({what}): only files are read")
        if st.st_size > MAX_FILE_BYTES:
            raise LoadError(source, f"too large ({_mb(st.st_size)}; the limit is {_mb(MAX_FILE_BYTES)})")
        with os.fdopen(os.dup(fd), "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        raise LoadError(source, f"cannot read: {e.strerror or e}") from None
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:
        raise LoadError(source, f"too large (over {_mb(MAX_FILE_BYTES)}, the limit)")
    if not data:
        raise LoadError(source, "empty file (0 bytes)")
    return data


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")


def _check_text(text: str, source: str) -> None:
    """Refuse text beyond ``MAX_TEXT_CHARS`` or with a line beyond ``MAX_LINE_CHARS``."""
    if len(text) > MAX_TEXT_CHARS:
        raise LoadError(source, f"too much text ({len(text):,} characters; the limit is {MAX_TEXT_CHARS:,})")
    line = _overlong_line(text)
    if line is not None:
        number, length = line
        raise LoadError(source, f"line {number:,} is {length:,} characters long (the limit is {MAX_LINE_CHARS:,}): "
                                "not a document laid out in lines")


def _overlong_line(text: str) -> tuple[int, int] | None:
    """(1-based line number, length) of the first line longer than ``MAX_LINE_CHARS``, or None."""
    if len(text) <= MAX_LINE_CHARS:
        return None
    start = 0
    number = 1
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end - start > MAX_LINE_CHARS:
            return number, end - start
        start = end + 1
        number += 1
    return None


def original_text(path: Path, page: int | None = None) -> str:
    """The original text that citation offsets point into: the decoded file, or one PDF page's text.

    It is read exactly as :func:`load` read it at ingestion, so ``text[char_start:char_end] == quote``.
    """
    data = read_file(path)
    kind = sniff_kind(data)
    if kind == "pdf":
        reader = _pdf_reader(data, path.name)
        try:
            return _page_text(reader, (page or 1) - 1)[0]
        except Exception:
            return ""
    if kind == "docx":
        return _docx_text(data, path.name)
    return decode_text(data, path.name).text


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


MAX_INVALID_UTF8 = 16  # stray bytes tolerated in a UTF-8 file (replaced and named); more means another encoding
MAX_INVALID_UTF8_SHARE = 0.01  # … and at most this share of its bytes (7 random bytes are not "UTF-8 with strays")
MIN_PLAUSIBILITY = 0.6  # share of everyday characters below which a decoding is taken for mojibake
MIN_TEXT_CHARS = 3  # letters, digits or Chinese characters a text needs (as a PDF page does)
_CONTROL_SHARE = 0.01  # more control characters than this (after decoding) is binary, not text
_ALLOWED_CONTROLS = frozenset("\t\n\r\f")


def decode_text(data: bytes, source: str) -> Decoded:
    """Decode a text file, deciding its encoding from the bytes, and refuse what is not text.

    - a BOM decides (UTF-8, UTF-16); UTF-16 without a BOM is recognised by its NUL bytes all on odd
      (little-endian) or all on even (big-endian) positions; other NUL bytes mean binary;
    - strict UTF-8; else GB18030 and Big5 are both tried and the one that decodes to plausible Chinese
      wins (the larger share of common characters: Big5 bytes are usually valid GB18030 too, as mojibake);
    - a UTF-8 file with a few stray bytes (at most ``MAX_INVALID_UTF8``) is decoded with U+FFFD in their
      place, and a warning names their byte offsets;
    - text that is mostly control characters (a terminal escape, a few binary bytes) is refused.

    Newlines are made universal (``\\r\\n`` and ``\\r`` become ``\\n``) as ``Path.read_text`` does,
    so offsets agree with what any reader of the file sees. A UTF-8 BOM stays in the text as
    U+FEFF (the normaliser drops it) so that offsets count it the way a UTF-8 reader does.
    The result depends on the bytes only: :func:`original_text` gets exactly the text ingestion used.
    """
    decoded = _decode(data, source)
    _refuse_control_junk(decoded.text, source)
    decoded.text = _universal_newlines(decoded.text)
    return decoded


def _decode(data: bytes, source: str) -> Decoded:
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return _strict(data, "utf-32", source)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", source)
    if b"\x00" in data[:65536]:
        codec = _utf16_by_nul_pattern(data)
        if codec is None:
            raise LoadError(source, "binary content, not text (NUL bytes)")
        return _strict(data, codec, source)
    try:
        text = data.decode("utf-8")
        return Decoded(text, "utf-8-sig" if text.startswith("\ufeff") else "utf-8")
    except UnicodeDecodeError:
        pass
    candidates = [Decoded(text, enc) for enc in ("gb18030", "cp950", "big5hkscs")
                  if (text := _try_decode(data, enc)) is not None]
    lenient = _utf8_with_stray_bytes(data, source)
    if lenient is not None:
        candidates.append(lenient)
    scored = [(_plausibility(d.text), d) for d in candidates]
    if scored:
        score, best = max(scored, key=lambda sd: sd[0])  # max keeps the first of equals: GB18030
        if score >= MIN_PLAUSIBILITY:
            return best
    invalid = data.decode("utf-8", errors="replace").count("\ufffd")
    tried = f"{score:.0%} of its characters are everyday Chinese as GB18030 or Big5" if scored else \
        "it does not decode as GB18030 or Big5"
    raise LoadError(source, f"cannot decode as text: not UTF-8 ({invalid:,} invalid byte sequence(s)), and not "
                            f"plausible Chinese as GB18030 or Big5 ({tried}): binary, or another encoding")


def _strict(data: bytes, codec: str, source: str) -> Decoded:
    text = _try_decode(data, codec)
    if text is None:
        raise LoadError(source, f"binary content, not text (looks like {codec.upper()} but does not decode)")
    return Decoded(text, codec)


def _try_decode(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _utf16_by_nul_pattern(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when the NUL bytes of the start of ``data`` sit (nearly) all on odd/even
    offsets: the high byte of ASCII characters (a few CJK characters such as U+4E00 put one on the other side)."""
    head = data[:65536]
    if len(data) % 2:
        return None
    odd = head[1::2].count(0)
    even = head[0::2].count(0)
    total = odd + even
    if total < max(2, len(head) // 100):
        return None
    if odd >= 0.9 * total:
        return "utf-16-le"
    if even >= 0.9 * total:
        return "utf-16-be"
    return None


def _utf8_with_stray_bytes(data: bytes, source: str) -> Decoded | None:
    """UTF-8 with each invalid sequence replaced by U+FFFD (exactly as ``errors="replace"``), when there are few."""
    invalid = data.decode("utf-8", errors="replace").count("\ufffd")
    if invalid > MAX_INVALID_UTF8 or invalid > MAX_INVALID_UTF8_SHARE * len(data):
        return None
    parts: list[str] = []
    bad: list[tuple[int, int]] = []
    pos = 0
    while True:
        try:
            parts.append(data[pos:].decode("utf-8"))
            break
        except UnicodeDecodeError as e:
            parts.append(data[pos:pos + e.start].decode("utf-8"))
            parts.append("\ufffd")
            bad.append((pos + e.start, pos + e.end))
            pos += e.end
            if len(bad) > MAX_INVALID_UTF8:
                return None
    n = sum(b - a for a, b in bad)
    offsets = ", ".join(str(a) for a, _ in bad)
    warning = f"{source}: {n} byte(s) that are not UTF-8, replaced by U+FFFD, at byte offset(s) {offsets}"
    return Decoded("".join(parts), "utf-8", [warning])


def _common_chars() -> frozenset[str]:
    """The everyday Chinese characters: GB2312 level 1 (3,755 simplified) and Big5 level 1 (5,401 traditional)."""
    out: set[str] = set()
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            if (ch := _try_decode(bytes([hi, lo]), "gb2312")) is not None:
                out.add(ch)
    for hi in range(0xA4, 0xC7):
        for lo in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            if (ch := _try_decode(bytes([hi, lo]), "big5")) is not None and (hi, lo) <= (0xC6, 0x7E):
                out.add(ch)
    return frozenset(out)


_COMMON: frozenset[str] | None = None


def _plausibility(text: str) -> float:
    """Share of the non-ASCII characters that are everyday Chinese ones or CJK punctuation (real text ≈ 1;
    Big5 read as GB18030 ≈ 0.5; Latin-1 or random bytes far less; fewer than 10 such characters count as
    only partly plausible). Replacement characters (stray bytes,
    counted elsewhere) and a BOM are left out; text without other non-ASCII characters is plausible."""
    global _COMMON
    if _COMMON is None:
        _COMMON = _common_chars()
    sample = text[:200_000]
    others = [ch for ch in sample if ord(ch) > 0x7F and ch not in "\ufffd\ufeff"]
    if not others:
        return 1.0
    good = sum(1 for ch in others if ch in _COMMON or 0x3000 <= ord(ch) <= 0x303F or 0xFF01 <= ord(ch) <= 0xFF5E
               or ch in "“”‘’…—·")
    return good / max(len(others), 10)  # fewer than 10 characters are weak evidence: 7 random bytes are not text


def _refuse_control_junk(text: str, source: str) -> None:
    controls = sum(1 for ch in text[:200_000] if (ch < " " or ch == "\x7f") and ch not in _ALLOWED_CONTROLS)
    if controls and controls > _CONTROL_SHARE * min(len(text), 200_000):
        raise LoadError(source, f"binary content, not text ({controls} control characters in {len(text)})")
    if sum(1 for ch in text[:10_000] if ch.isalnum()) < MIN_TEXT_CHARS:
        raise LoadError(source, f"no text (fewer than {MIN_TEXT_CHARS} letters, digits or Chinese characters)")


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
    if len(text) > MAX_TEXT_CHARS or _overlong_line(text) is not None:
        longest = max(len(line) for line in text.split("\n"))
        return "", f"unreadable: {len(text):,} characters, a line of {longest:,} (the limit is {MAX_LINE_CHARS:,})"
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


def pdf_page_count(data: bytes) -> int | None:
    """How many pages a PDF has (None when it cannot be opened): to size a progress bar before reading."""
    try:
        return len(_pdf_reader(data, "").pages)
    except Exception:  # a broken or encrypted file: load() says why
        return None


def _pdf_segments(data: bytes, source: str, on_page: PageProgress | None = None) -> tuple[list[Segment], list[str]]:
    reader = _pdf_reader(data, source)
    n = len(reader.pages)
    if n == 0:
        raise LoadError(source, "PDF has no pages (broken or truncated file)")
    segments: list[Segment] = []
    problems: dict[int, str] = {}
    total = 0
    for i in range(n):
        try:
            text, problem = _page_text(reader, i)
        except Exception as e:  # the page object itself cannot be had
            text, problem = "", f"unreadable: {type(e).__name__}"
        if problem:
            problems[i + 1] = problem
        segments.append(Segment(text, i + 1))
        if on_page is not None:
            on_page(i + 1, n)
        total += len(text)
        if total > MAX_TEXT_CHARS:
            raise LoadError(source, f"too much text (over {MAX_TEXT_CHARS:,} characters by page {i + 1} of {n}; "
                                    f"the limit is {MAX_TEXT_CHARS:,})")
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


def _check_docx_sizes(data: bytes, source: str) -> None:
    """Refuse a DOCX whose parts expand beyond the limits, from the ZIP directory, before anything is inflated.

    (``zipfile`` never inflates a member beyond the size its directory entry declares, so the check holds.)"""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as e:
        raise LoadError(source, f"broken DOCX ({type(e).__name__}: {e})") from None
    if len(infos) > MAX_DOCX_PARTS:
        raise LoadError(source, f"DOCX has {len(infos):,} parts (the limit is {MAX_DOCX_PARTS:,})")
    for info in infos:
        if info.file_size > MAX_DOCX_PART_BYTES and info.filename.endswith((".xml", ".rels")):
            raise LoadError(source, f"DOCX part {info.filename} expands to {_mb(info.file_size)} "
                                    f"(the limit is {_mb(MAX_DOCX_PART_BYTES)}): refused as a ZIP bomb")
    total = sum(i.file_size for i in infos)
    if total > MAX_DOCX_TOTAL_BYTES:
        raise LoadError(source, f"DOCX expands to {_mb(total)} (the limit is {_mb(MAX_DOCX_TOTAL_BYTES)}): "
                                "refused as a ZIP bomb")


def _docx_text(data: bytes, source: str) -> str:
    """Paragraphs and tables in document order; a table row becomes one tab-separated line."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    _check_docx_sizes(data, source)
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
