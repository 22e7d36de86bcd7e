"""Loaders on real files: bad inputs fail with a clear, named LoadError; encodings and formats by content."""

from __future__ import annotations

from pathlib import Path

import fixtures_pdf as fp
import pytest
from pypdf import PdfReader

from core.errors import LoadError
from index.loaders import load
from index.normalise import normalise

# --------------------------------------------------------------------------------------------- bad inputs

BAD_INPUTS = [
    (fp.make_empty_txt, ["empty"]),
    (fp.make_junk_pdf, ["not a PDF"]),
    (fp.make_encrypted_pdf, ["encrypted"]),
    (fp.make_scanned_pdf, ["no text layer", "OCR"]),
    (fp.make_truncated_pdf, ["broken or truncated"]),
]


@pytest.mark.parametrize(
    ("make", "reasons"),
    BAD_INPUTS,
    ids=["empty-txt", "junk-pdf", "encrypted-pdf", "scanned-pdf", "truncated-pdf"],
)
def test_bad_input_raises_load_error_naming_file_and_reason(tmp_path: Path, make, reasons: list[str]) -> None:
    path = make(tmp_path)
    assert path.exists() and path.suffix in {".txt", ".pdf"}
    with pytest.raises(LoadError) as info:
        load(path)
    err = info.value
    message = str(err)
    assert err.source == path.name
    assert message.startswith(f"{path.name}: ")
    for reason in reasons:
        assert reason in message, f"{reason!r} not in {message!r}"
        assert reason in err.reason


def test_missing_path_says_it_does_not_exist(tmp_path: Path) -> None:
    path = tmp_path / "no_such_budget_2024.pdf"
    with pytest.raises(LoadError) as info:
        load(path)
    assert "no_such_budget_2024.pdf" in str(info.value)
    assert "does not exist" in str(info.value)


def test_directory_is_refused_by_name(tmp_path: Path) -> None:
    folder = tmp_path / "disclosures.pdf"
    folder.mkdir()
    with pytest.raises(LoadError) as info:
        load(folder)
    assert "disclosures.pdf" in str(info.value)
    assert "directory" in str(info.value)


def test_encrypted_pdf_is_really_encrypted_and_readable_with_password(tmp_path: Path) -> None:
    """The fixture is a real encrypted PDF: the loader's refusal is about the password, not a broken file."""
    path = fp.make_encrypted_pdf(tmp_path)
    reader = PdfReader(path)
    assert reader.is_encrypted
    assert reader.decrypt(fp.DEFAULT_PASSWORD)
    assert "收入总计" in fp.squash_ws(reader.pages[0].extract_text())
    with pytest.raises(LoadError, match="encrypted"):
        load(path)


# ---------------------------------------------------------------------------------------------- encodings


@pytest.fixture()
def utf8_original(tmp_path: Path) -> Path:
    path = tmp_path / "original_utf8.txt"
    path.write_bytes(fp.SAMPLE_TEXT.encode("utf-8"))
    return path


def test_plain_utf8_reports_utf8(utf8_original: Path) -> None:
    raw = load(utf8_original)
    assert raw.kind == "text"
    assert raw.encoding == "utf-8"
    assert [s.text for s in raw.segments] == [fp.SAMPLE_TEXT]
    assert raw.segments[0].page is None


@pytest.mark.parametrize(
    ("make", "encoding"),
    [(fp.make_gbk_txt, "gb18030"), (fp.make_utf8_bom_txt, "utf-8-sig")],
    ids=["gb18030", "utf8-bom"],
)
def test_other_encodings_decode_to_the_utf8_text(
    tmp_path: Path, utf8_original: Path, make, encoding: str
) -> None:
    path = make(tmp_path)
    assert path.read_bytes() != utf8_original.read_bytes()  # really a different byte encoding
    raw = load(path)
    assert raw.kind == "text"
    assert raw.encoding == encoding
    text = raw.segments[0].text
    # the BOM stays as U+FEFF so that offsets count it as a UTF-8 reader of the file does
    assert text.removeprefix("\ufeff") == fp.SAMPLE_TEXT
    if encoding == "utf-8-sig":
        assert text == path.read_text(encoding="utf-8")
    # after normalisation (which drops the BOM) all three files give the same text
    assert normalise(raw).text == normalise(load(utf8_original)).text


def test_crlf_newlines_become_universal(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes("第一行，收入总计3,681.17万元。\r\n第二行。\r第三行。\r\n".encode())
    raw = load(path)
    assert raw.segments[0].text == "第一行，收入总计3,681.17万元。\n第二行。\n第三行。\n"
    assert raw.segments[0].text == path.read_text(encoding="utf-8")


# ------------------------------------------------------------------------------------------ format sniffing


def test_pdf_content_named_txt_is_loaded_as_pdf(tmp_path: Path) -> None:
    path = tmp_path / "disguised_report.txt"
    drawn = fp.make_text_pdf(fp.SAMPLE_TEXT, path, lines_per_page=12)
    assert path.read_bytes().startswith(b"%PDF-")
    raw = load(path)
    assert raw.kind == "pdf"
    assert raw.encoding is None
    assert [s.page for s in raw.segments] == list(range(1, len(drawn) + 1))
    assert len(drawn) >= 2
    for seg, page in zip(raw.segments, drawn, strict=True):
        assert fp.squash_ws(seg.text) == fp.squash_ws(page)


def test_text_named_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "actually_text.pdf"
    path.write_text(fp.SAMPLE_TEXT, encoding="utf-8")
    with pytest.raises(LoadError, match="not a PDF") as info:
        load(path)
    assert info.value.source == "actually_text.pdf"


def test_docx_gives_paragraphs_and_tab_separated_table_rows(tmp_path: Path) -> None:
    path = fp.make_docx(tmp_path)
    raw = load(path)
    assert raw.kind == "docx"
    assert len(raw.segments) == 1
    lines = raw.segments[0].text.split("\n")
    para_at = [lines.index(p) for p in fp.DEFAULT_DOCX_PARAGRAPHS]
    row_at = [lines.index("\t".join(row)) for row in fp.DEFAULT_DOCX_TABLE]
    assert para_at == sorted(para_at)
    assert row_at == sorted(row_at)
    assert max(para_at) < min(row_at)  # document order: the paragraphs come before the table
    assert "一般公共服务支出\t2,650.00\t2,704.25" in lines


def test_docx_named_docx_but_not_a_word_archive_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(b"just some text, not a zip")
    with pytest.raises(LoadError, match="not a DOCX") as info:
        load(path)
    assert "report.docx" in str(info.value)


# ------------------------------------------------------------------------ encrypted PDFs (issue 11, item 4)


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_owner_password_pdf_opens_like_any_viewer_does(tmp_path: Path, algorithm: str) -> None:
    """Only an owner password (permissions), an empty user password: every viewer opens it, so do we."""
    path = fp.make_encrypted_pdf(tmp_path, f"owner_{algorithm}.pdf", user_password="", algorithm=algorithm)
    assert PdfReader(path).is_encrypted
    raw = load(path)
    assert "收入总计" in fp.squash_ws(raw.segments[0].text)
    from index.loaders import original_text

    assert original_text(path, 1) == raw.segments[0].text


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_user_password_pdf_is_refused_clearly(tmp_path: Path, algorithm: str) -> None:
    path = fp.make_encrypted_pdf(tmp_path, f"user_{algorithm}.pdf", algorithm=algorithm)
    with pytest.raises(LoadError) as info:
        load(path)
    assert str(info.value) == f"user_{algorithm}.pdf: encrypted PDF (a password is needed to open it)"


# ------------------------------------------------------------- damaged pages (issue 11, items 6 and 10)


def test_one_unreadable_page_keeps_the_others_and_names_it(tmp_path: Path) -> None:
    path = fp.make_broken_page_pdf(tmp_path, broken=(2,), how="operators")
    raw = load(path)
    assert [s.page for s in raw.segments] == [1, 2, 3]
    assert "收入总计" in fp.squash_ws(raw.segments[0].text) and raw.segments[1].text == ""
    assert len(raw.warnings) == 1
    assert raw.warnings[0].startswith("broken_page.pdf: page 2 cannot be read (PdfReadError")
    assert "\n" not in raw.warnings[0]
    from index.loaders import original_text

    assert [original_text(path, p) for p in (1, 2, 3)] == [s.text for s in raw.segments]


def test_a_damaged_content_stream_is_not_called_a_scan(tmp_path: Path) -> None:
    one = fp.make_broken_page_pdf(tmp_path, "one_flate.pdf", broken=(2,), how="flate")
    raw = load(one)
    assert len(raw.warnings) == 1 and "page 2" in raw.warnings[0] and "damaged" in raw.warnings[0]
    assert "scan" not in raw.warnings[0] and "OCR" not in raw.warnings[0]
    every = fp.make_broken_page_pdf(tmp_path, "all_broken.pdf", text=fp.SAMPLE_TEXT, broken=(1,), how="flate")
    with pytest.raises(LoadError) as info:
        load(every)
    assert "scan" not in str(info.value) and "OCR" not in str(info.value)
    assert str(info.value).startswith("all_broken.pdf: no page could be read: page 1 ")
    scanned = fp.make_scanned_pdf(tmp_path)
    with pytest.raises(LoadError, match="scanned PDF, OCR needed"):
        load(scanned)


# ------------------------------------------------------------------------------ encodings (issue 11, item 8)

TRADITIONAL = fp.TRADITIONAL_TEXT


def _raw_text_matches_original(path: Path, raw) -> None:
    from index.loaders import original_text

    assert original_text(path) == raw.segments[0].text


def test_big5_is_decoded_as_big5_not_as_gb18030_mojibake(tmp_path: Path) -> None:
    data = TRADITIONAL.encode("big5")
    data.decode("gb18030")  # the trap: the bytes are valid GB18030 too, as mojibake
    path = tmp_path / "big5.txt"
    path.write_bytes(data)
    raw = load(path)
    assert raw.segments[0].text == TRADITIONAL
    assert raw.encoding in ("big5", "cp950", "big5hkscs")
    _raw_text_matches_original(path, raw)


def test_gb18030_is_still_gb18030(tmp_path: Path) -> None:
    path = fp.make_gbk_txt(tmp_path)
    assert load(path).segments[0].text == fp.SAMPLE_TEXT


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised_by_its_nul_pattern(tmp_path: Path, codec: str) -> None:
    path = tmp_path / f"{codec}.txt"
    path.write_bytes(fp.SAMPLE_TEXT.encode(codec))
    raw = load(path)
    assert raw.segments[0].text == fp.SAMPLE_TEXT
    assert raw.encoding == codec
    _raw_text_matches_original(path, raw)


def test_utf8_with_a_few_stray_bytes_is_kept_with_a_warning_naming_them(tmp_path: Path) -> None:
    data = bytearray(fp.SAMPLE_TEXT.encode("utf-8"))
    at = [0, 300, len(data)]
    for offset in reversed(at):
        data[offset:offset] = b"\xff"
    path = tmp_path / "stray.txt"
    path.write_bytes(bytes(data))
    raw = load(path)
    text = raw.segments[0].text
    assert raw.encoding == "utf-8"
    assert text.count("\ufffd") == 3 and text.replace("\ufffd", "") == fp.SAMPLE_TEXT
    assert raw.warnings == ["stray.txt: 3 byte(s) that are not UTF-8, replaced by U+FFFD, at byte offset(s) 0, 301, "
                            f"{len(data) - 1}"]
    _raw_text_matches_original(path, raw)


@pytest.mark.parametrize("junk", [b"\x01", b"\x00", b"\x1b[2J", b"\x01\x02\x03\x04\x05\x06\x07", b"\x7f\x08\x0b\x0c",
                                  b"\x00\x01\x00\x02", b"\xff\xfe\x01\x00"])
def test_control_character_junk_is_refused(tmp_path: Path, junk: bytes) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(junk)
    with pytest.raises(LoadError) as info:
        load(path)
    assert str(info.value).startswith("junk.txt: ")
    assert "control characters" in str(info.value) or "binary" in str(info.value)


def test_mostly_binary_is_refused_even_with_some_text(tmp_path: Path) -> None:
    import random

    path = tmp_path / "blob.txt"
    path.write_bytes(random.Random(7).randbytes(5000) + fp.SAMPLE_TEXT.encode())
    with pytest.raises(LoadError, match="binary|cannot decode|control"):
        load(path)


def test_random_bytes_are_never_taken_for_text(tmp_path: Path) -> None:
    """Found by the fuzz suite: 7 random bytes passed as UTF-8 "with stray bytes", or as GB18030 mojibake."""
    import random

    rng = random.Random(5)
    accepted = []
    for i in range(60):
        data = bytes(b for b in rng.randbytes(rng.choice([1, 2, 7, 40, 300, 5000])) if b)  # no NUL: not "binary"
        path = tmp_path / f"r{i}.txt"
        path.write_bytes(data or b"\xff")
        try:
            load(path)
            accepted.append(data[:20])
        except LoadError:
            pass
    assert not accepted


def test_another_language_is_not_stored_as_chinese_mojibake(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Haushaltsplan für öffentliche Ausgaben: 3.681,17 EUR\n".encode("latin-1") * 20)
    with pytest.raises(LoadError, match="not plausible Chinese as GB18030 or Big5"):
        load(path)


def test_utf32_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "utf32.txt"
    path.write_bytes(fp.SAMPLE_TEXT.encode("utf-32"))
    assert load(path).segments[0].text == fp.SAMPLE_TEXT


def test_a_text_needs_a_few_letters(tmp_path: Path) -> None:
    for data in (b"x", b"ab", b"1\n2\n"):
        path = tmp_path / "tiny.txt"
        path.write_bytes(data)
        with pytest.raises(LoadError, match="no text"):
            load(path)
