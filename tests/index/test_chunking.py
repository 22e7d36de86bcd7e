"""Chunking of the real corpus texts and PDFs: exact citations, whole numbers and sentences, tables, metadata."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from conftest import REAL_PDFS, SAMPLE_TEXTS
from pypdf import PdfReader

from core.schemas import Chunk, ChunkKind, DocMeta, DocType
from index.chunking import chunk_document
from index.layout import read_layout
from index.loaders import load
from index.metadata import detect
from index.normalise import NormDoc, to_halfwidth

ALL_FILES = [*SAMPLE_TEXTS, *REAL_PDFS]
IDS = [p.name for p in ALL_FILES]
SENTENCE_END = set("。;!?；！？")
DECIMAL = re.compile(r"(?<![\d.,])\d[\d,]*\.\d+")


@cache
def processed(path: Path) -> tuple[NormDoc, DocMeta, list[Chunk]]:
    layout = read_layout(load(path))
    meta = detect(layout)
    return layout.doc, meta, chunk_document(layout, meta)


@cache
def original_pages(path: Path) -> tuple[str, ...]:
    return tuple(page.extract_text() for page in PdfReader(path).pages)


def original_text(path: Path, page: int | None) -> str:
    """The text a citation points into, read without the loader: the decoded file or pypdf's page text."""
    if path.suffix == ".pdf":
        assert page is not None
        return original_pages(path)[page - 1]
    return path.read_text(encoding="utf-8")


def by_prefix(prefix: str) -> Path:
    path = next((p for p in ALL_FILES if p.name.startswith(prefix)), None)
    if path is None:
        pytest.skip(f"{prefix}* is not in the corpus here")
    return path


def squashed_halfwidth(text: str) -> str:
    return "".join("".join(to_halfwidth(c) for c in text).split())


def table_chunks(path: Path, page: int | None = None) -> list[Chunk]:
    return [
        c
        for c in processed(path)[2]
        if c.kind == ChunkKind.table and (page is None or c.citation.page == page)
    ]


# ----------------------------------------------------------------------------------------------- citations


@pytest.mark.parametrize("path", ALL_FILES, ids=IDS)
def test_every_quote_is_the_original_text_at_its_offsets(path: Path) -> None:
    doc, meta, chunks = processed(path)
    assert len(chunks) >= 10
    for chunk in chunks:
        c = chunk.citation
        original = original_text(path, c.page)
        assert 0 <= c.char_start < c.char_end <= len(original)
        assert original[c.char_start : c.char_end] == c.quote, chunk.chunk_id
        assert chunk.body == doc.text[chunk.span.start : chunk.span.end]
        assert squashed_halfwidth(c.quote).startswith(squashed_halfwidth(chunk.body)[:20])
        assert (c.source, c.doc_id, c.unit, c.year, c.doc_type) == (
            path.name,
            doc.raw.doc_id,
            meta.unit,
            meta.year,
            meta.doc_type,
        )
        if path.suffix == ".pdf":
            assert 1 <= c.page <= len(doc.segments)
            assert c.line_start is None and c.line_end is None
        else:
            assert c.line_start == original.count("\n", 0, c.char_start) + 1
            assert c.line_end == original.count("\n", 0, c.char_end - 1) + 1
            assert original.split("\n")[c.line_start - 1].strip() != ""


@pytest.mark.parametrize("path", ALL_FILES, ids=IDS)
def test_no_chunk_starts_or_ends_inside_a_number(path: Path) -> None:
    doc, _, chunks = processed(path)
    text = doc.text

    def numeric(ch: str) -> bool:
        return ch.isdigit() or ch == "."

    for chunk in chunks:
        s, e = chunk.span.start, chunk.span.end
        assert not (s > 0 and numeric(text[s - 1]) and numeric(text[s])), text[max(0, s - 15) : s + 15]
        assert not (e < len(text) and numeric(text[e - 1]) and numeric(text[e])), text[
            max(0, e - 15) : e + 15
        ]


@pytest.mark.parametrize("path", ALL_FILES, ids=IDS)
def test_chunk_kinds_and_whole_sentences(path: Path) -> None:
    doc, _, chunks = processed(path)
    text = doc.text
    kinds = {c.kind for c in chunks}
    assert kinds <= set(ChunkKind)
    assert {ChunkKind.table, ChunkKind.narrative} <= kinds
    for chunk in chunks:
        if chunk.kind != ChunkKind.narrative:
            continue
        s, e = chunk.span.start, chunk.span.end
        rest_of_line = text[e : (text.find("\n", e) + 1 or len(text) + 1) - 1]
        assert chunk.body[-1] in SENTENCE_END or rest_of_line.strip() == "", (
            chunk.body[-40:],
            rest_of_line[:40],
        )
        before = text[text.rfind("\n", 0, s) + 1 : s]
        assert before.strip() == "" or before.rstrip()[-1] in SENTENCE_END, (before[-40:], chunk.body[:40])


@pytest.mark.parametrize(
    "path",
    ALL_FILES,
    ids=IDS,
)
def test_figures_shown_in_a_chunk_are_in_its_quote(path: Path) -> None:
    """Apart from the context lines (表:/列: of tables, the section path), what a chunk shows is what it cites."""
    _, _, chunks = processed(path)
    for chunk in chunks:
        lines = chunk.text.split("\n")
        if chunk.kind == ChunkKind.table:
            lines = [ln for ln in lines if not ln.startswith(("表:", "列:"))]
        elif chunk.kind == ChunkKind.narrative and chunk.section_path:
            lines = lines[1:]
        elif chunk.kind == ChunkKind.heading:
            lines = [chunk.body]
        quote = squashed_halfwidth(chunk.citation.quote)
        missing = [n for n in DECIMAL.findall("\n".join(lines)) if n not in quote]
        assert missing == [], (chunk.citation.page, chunk.table_title, missing[:5])


# ------------------------------------------------------------------------------------------------ metadata

EXPECTED_META = [
    ("000_", "昌吉回族自治州市场监督管理局", 2024, DocType.final_accounts),
    ("001_", "昌吉州市场监督管理局", 2021, DocType.budget),
    ("002_", "大同市市场监督管理局", 2024, DocType.final_accounts),
    ("004_", "新疆巴州市场监督管理局", 2022, DocType.performance_target),
    ("putuo_guihuaziyuan", "上海市普陀区规划和自然资源局", 2024, DocType.final_accounts),
    ("putuo_shangwu", "上海市普陀区商务委员会", 2025, DocType.budget),
]


@pytest.mark.parametrize(
    ("prefix", "unit", "year", "doc_type"), EXPECTED_META, ids=[m[0].strip("_") for m in EXPECTED_META]
)
def test_metadata(prefix: str, unit: str, year: int, doc_type: DocType) -> None:
    _, meta, chunks = processed(by_prefix(prefix))
    assert (meta.unit, meta.year, meta.doc_type) == (unit, year, doc_type)
    assert meta.parts[0].doc_type == doc_type
    assert {(c.citation.unit, c.citation.year, c.citation.doc_type) for c in chunks} == {
        (unit, year, doc_type)
    }


def test_appended_self_evaluation_part_of_000() -> None:
    path = by_prefix("000_")
    doc, meta, chunks = processed(path)
    assert [p.doc_type for p in meta.parts] == [DocType.final_accounts, DocType.performance_self_eval]
    part = meta.parts[1]
    assert "自评表" in part.title
    assert doc.text[part.span.start :].lstrip("\t").startswith(part.title)
    assert part.line_start == original_text(path, None).split("\n").index("\t单位整体支出绩效自评表") + 1
    evals = [c for c in chunks if c.part_type == DocType.performance_self_eval]
    assert evals and all(c.span.start >= part.span.start for c in evals)
    assert all(c.part_type == DocType.final_accounts for c in chunks if c.span.end <= part.span.start)


# -------------------------------------------------------------------------------------------------- tables


def test_002_income_expenditure_summary_table() -> None:
    chunks = [c for c in table_chunks(by_prefix("002_")) if c.table_title == "收入支出决算总表"]
    assert len(chunks) >= 1
    assert chunks[0].text.startswith("表:收入支出决算总表\n")
    rows = [ln for c in chunks for ln in c.text.split("\n")]
    total = [ln for ln in rows if "本年收入合计" in ln and "5023.02" in ln]
    assert total == ["本年收入合计 | 27 | 5023.02 | 本年支出合计 | 58 | 5023.02"]
    assert "一、一般公共预算财政拨款收入 | 1 | 5023.02 | 一、一般公共服务支出 | 32 | 3864.28" in rows
    for c in chunks:
        assert "5023.02" in c.citation.quote or "3864.28" in c.citation.quote


def test_000_one_cell_per_line_table_rows_are_reassembled() -> None:
    path = by_prefix("000_")
    chunks = [c for c in table_chunks(path) if "上级资金" in c.text]
    assert len(chunks) == 1
    chunk = chunks[0]
    lines = chunk.text.split("\n")
    assert "上级资金 | 69.63 | 110.32 | 106.78 | - | - | -" in lines
    assert "合计 | 3,534.82 | 3,681.17 | 3,571.48 | 10 | 97.02% | 9.7" in lines
    assert chunk.table_title == "单位整体支出绩效自评表"
    assert chunk.part_type == DocType.performance_self_eval
    # the cells come from separate lines of the file, and the citation spans them
    original = original_text(path, None).split("\n")
    assert chunk.citation.line_start <= original.index("\t上级资金") + 1 < chunk.citation.line_end
    assert "\t69.63\n\t110.32\n\t106.78" in chunk.citation.quote


@pytest.mark.usefixtures("real_pdfs")
def test_final_accounts_pdf_three_public_expenses_table_on_page_17() -> None:
    chunks = table_chunks(by_prefix("putuo_guihuaziyuan"), page=17)
    assert len(chunks) == 1
    chunk = chunks[0]
    assert chunk.table_title == "财政拨款“三公”经费支出决算表"
    assert chunk.text.startswith("表:财政拨款“三公”经费支出决算表\n")
    assert "2.85" in chunk.text and "2.85" in chunk.citation.quote
    assert "2.85 0.39 0.00" in chunk.body


@pytest.mark.usefixtures("real_pdfs")
def test_final_accounts_pdf_table_continued_on_next_page_keeps_title() -> None:
    path = by_prefix("putuo_guihuaziyuan")
    (first,) = table_chunks(path, page=8)
    (cont,) = table_chunks(path, page=9)
    assert first.table_title == cont.table_title == "收入决算表"
    assert first.text.split("\n")[0] == "表:收入决算表"
    assert cont.text.split("\n")[0] == "表:收入决算表(续)"
    assert "2101102 事业单位医疗 196.29" in first.citation.quote
    assert "212 城乡社区支出 3832.36" in cont.citation.quote
    assert "收入决算表" not in cont.citation.quote  # the title is context, not text of page 9
    # the same for the other tables that run over a page break
    continued = {
        c.citation.page: c.table_title for c in table_chunks(path) if "(续)" in c.text.split("\n")[0]
    }
    assert continued == {9: "收入决算表", 11: "支出决算表", 13: "财政拨款收入支出决算总表", 15: "一般公共预算财政拨款支出决算表"}


@pytest.mark.parametrize(
    "prefix",
    [
        "putuo_guihuaziyuan",
        "putuo_shangwu",
    ],
    ids=["final-accounts", "budget"],
)
@pytest.mark.usefixtures("real_pdfs")
def test_continuation_chunks_only_where_a_table_goes_on(prefix: str) -> None:
    path = by_prefix(prefix)
    cont = [c for c in table_chunks(path) if "(续)" in c.text.split("\n")[0]]
    assert cont
    for chunk in cont:
        assert DECIMAL.search(chunk.citation.quote), (chunk.citation.page, chunk.citation.quote[:60])


@pytest.mark.usefixtures("real_pdfs")
def test_pdf_table_figures_are_rows_not_column_headers() -> None:
    path = by_prefix("putuo_guihuaziyuan")
    for page, figure in [(8, "9746.50"), (17, "2.85")]:
        (chunk,) = table_chunks(path, page=page)
        header = next((ln for ln in chunk.text.split("\n") if ln.startswith("列:")), "")
        assert figure not in header, (page, header[:120])


@pytest.mark.usefixtures("real_pdfs")
def test_final_accounts_pdf_summary_table_on_page_7_is_one_table() -> None:
    path = by_prefix("putuo_guihuaziyuan")
    chunks = [c for c in processed(path)[2] if c.citation.page == 7]
    total = [c for c in chunks if "本年收入合计" in c.citation.quote]
    assert len(total) == 1
    assert total[0].kind == ChunkKind.table
    assert total[0].table_title == "收入支出决算总表"
    assert not [c for c in chunks if c.kind == ChunkKind.heading and "收入" in c.body and "支出" in c.body]
