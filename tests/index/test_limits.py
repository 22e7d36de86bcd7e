"""Limits on what a file may cost (issue 11, item 5): sizes, expanded sizes, line length, non-regular files.

Refusals are fast and name the file and the reason. The limits are module constants; some tests lower
them so that the files stay small (the fuzz suite, tests/test_fuzz.py, uses real sizes).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import fixtures_pdf as fp
import pytest

from core.errors import LoadError
from index import loaders
from index.loaders import load

ROOT = Path(__file__).resolve().parents[2]


def _docx_with_document_xml(path: Path, paragraphs: int, declared: int | None = None) -> Path:
    """A real DOCX (python-docx writes it) whose word/document.xml is replaced by ``paragraphs`` paragraphs."""
    src = fp.make_docx(path.parent, name=".src.docx")
    body = "<w:p><w:r><w:t>收入总计3,681.17万元</w:t></w:r></w:p>" * paragraphs
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           f"<w:body>{body}</w:body></w:document>").encode()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, xml if item.filename == "word/document.xml" else zin.read(item))
    src.unlink()
    return path


def test_docx_that_expands_beyond_the_limit_is_refused_before_it_is_parsed(tmp_path, monkeypatch):
    monkeypatch.setattr(loaders, "MAX_DOCX_PART_BYTES", 1_000_000)
    path = _docx_with_document_xml(tmp_path / "bomb.docx", 40_000)  # ≈ 2.4 MB of XML in ≈ 20 KB
    assert path.stat().st_size < 100_000
    t = time.perf_counter()
    with pytest.raises(LoadError) as info:
        load(path)
    assert time.perf_counter() - t < 2
    assert str(info.value).startswith("bomb.docx: DOCX part word/document.xml expands to 2.")
    assert "limit" in str(info.value)


def test_docx_within_the_limit_still_loads(tmp_path):
    path = _docx_with_document_xml(tmp_path / "fine.docx", 50)
    assert "收入总计" in load(path).segments[0].text


def test_a_single_enormous_line_is_refused(tmp_path):
    path = tmp_path / "one_line.txt"
    path.write_text("收入总计3,681.17万元，" * 2000, encoding="utf-8")  # 30,000 characters, no newline
    with pytest.raises(LoadError) as info:
        load(path)
    assert str(info.value) == ("one_line.txt: line 1 is 30,000 characters long (the limit is 10,000): "
                               "not a document laid out in lines")


def test_a_text_file_over_the_size_limit_is_refused_without_decoding(tmp_path):
    path = tmp_path / "big.txt"
    line = ("收入总计3,681.17万元。" * 20 + "\n").encode()
    path.write_bytes(line * (loaders.MAX_TEXT_BYTES // len(line) + 10))
    with pytest.raises(LoadError, match=r"^big\.txt: too large for a text file \(4,\d{3},\d{3} bytes; the limit is 4 MB\)"):
        load(path)


def test_too_many_characters_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(loaders, "MAX_TEXT_CHARS", 1000)
    path = tmp_path / "long.txt"
    path.write_text(fp.SAMPLE_TEXT * 3, encoding="utf-8")
    with pytest.raises(LoadError, match=r"^long\.txt: too much text \(\d[\d,]* characters; the limit is 1,000\)"):
        load(path)


def test_any_file_over_the_byte_limit_is_refused_from_its_size(tmp_path, monkeypatch):
    monkeypatch.setattr(loaders, "MAX_FILE_BYTES", 10_000)
    path = fp.make_text_pdf(fp.SAMPLE_TEXT * 20, tmp_path / "large.pdf") and tmp_path / "large.pdf"
    with pytest.raises(LoadError, match=r"^large\.pdf: too large \("):
        load(path)


_LOAD_IN_CHILD = textwrap.dedent("""
    import resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024 ** 3, 2 * 1024 ** 3))
    from pathlib import Path
    from core.errors import LoadError
    from index.loaders import load
    try:
        load(Path(sys.argv[1]))
        print("LOADED")
    except LoadError as e:
        print(str(e))
""")


def _load_in_child(path: Path) -> str:
    """load() in a child process with a 2 GB address-space cap and a 20 s timeout (the old code read forever)."""
    try:
        p = subprocess.run([sys.executable, "-c", _LOAD_IN_CHILD, str(path)], capture_output=True, text=True,
                           timeout=20, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return "TIMEOUT"
    return (p.stdout.strip() or p.stderr.strip().splitlines()[-1]) if (p.stdout or p.stderr) else ""


def test_a_fifo_is_never_read(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert _load_in_child(fifo) == "pipe.txt: not a regular file (a FIFO): only files are read"


def test_a_device_is_never_read(tmp_path):
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    assert _load_in_child(link) == "zero.txt: not a regular file (a character device): only files are read"
