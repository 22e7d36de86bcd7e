"""Normalisation on real files: what changes, what does not, and the exact map back to the original text."""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from functools import cache
from pathlib import Path

import fixtures_pdf as fp
import pytest
from conftest import REAL_PDFS, SAMPLE_TEXTS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from index.loaders import load
from index.normalise import PAGE_BREAK, NormDoc, normalise, to_halfwidth

ALL_FILES = [*SAMPLE_TEXTS, *REAL_PDFS]
FIGURE = re.compile(r"(?<![\d.,])\d[\d,]*\.\d+万元")
BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")


def norm_of(tmp_path: Path, text: str, name: str = "doc.txt") -> NormDoc:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return normalise(load(path))


@cache
def original_segments(path: Path) -> tuple[str, ...]:
    """The original text, read independently of the loader: the decoded file, or pypdf's text per page."""
    if path.suffix == ".pdf":
        return tuple(page.extract_text() for page in PdfReader(path).pages)
    return (path.read_text(encoding="utf-8"),)


@cache
def norm_file(path: Path) -> NormDoc:
    return normalise(load(path))


def halfwidth(text: str) -> str:
    return "".join(to_halfwidth(c) for c in text)


# ------------------------------------------------------------------------------------- character changes


@pytest.mark.parametrize(
    ("given_text", "expected"),
    [
        (
            "２０２４年度收入总计３，６８１．１７万元（含结转）；占比１８．０９％。",
            "2024年度收入总计3,681.17万元(含结转);占比18.09%。",
        ),
        ("ＡＢＣ　ｘｙｚ：１", "ABC xyz:1"),
        ("公开０１表：收入支出决算总表", "公开01表:收入支出决算总表"),
    ],
    ids=["fullwidth-figures", "fullwidth-latin-and-ideographic-space", "fullwidth-label"],
)
def test_fullwidth_forms_become_halfwidth(tmp_path: Path, given_text: str, expected: str) -> None:
    assert norm_of(tmp_path, given_text).text == expected


@pytest.mark.parametrize(
    ("given_text", "expected"),
    [
        ("收 入 总 计", "收入总计"),
        ("收 入 总 计 3,681.17", "收入总计 3,681.17"),
        ("项目\t收 入 总 计\t3,681.17", "项目\t收入总计\t3,681.17"),
        ("支 出 合 计\t本 年 收 入", "支出合计\t本年收入"),
    ],
    ids=["alone", "before-figure", "in-tab-row", "two-cells"],
)
def test_letter_spaced_chinese_words_are_closed_up(tmp_path: Path, given_text: str, expected: str) -> None:
    assert norm_of(tmp_path, given_text).text == expected


@pytest.mark.parametrize(
    ("given_text", "expected"),
    [
        ("10,648.51 万元", "10,648.51万元"),
        (
            "本年收入合计 10,648.51 万元，比上年增加 1,062.85 万元。",
            "本年收入合计10,648.51万元,比上年增加1,062.85万元。",
        ),
        (
            "上海市普陀区规划和自然资源局 2024 年度收入支出总计 9859.38 万元。",
            "上海市普陀区规划和自然资源局2024年度收入支出总计9859.38万元。",
        ),
    ],
    ids=["figure-unit", "prose", "year-and-figure"],
)
def test_spaces_around_numbers_go(tmp_path: Path, given_text: str, expected: str) -> None:
    assert norm_of(tmp_path, given_text).text == expected


def test_spaces_between_table_cells_stay(tmp_path: Path) -> None:
    doc = norm_of(tmp_path, "本年收入合计 9746.50 本年支出合计 9759.38")
    assert doc.text == "本年收入合计 9746.50 本年支出合计 9759.38"


def test_bookmark_marker_disappears_and_gives_the_page(tmp_path: Path) -> None:
    doc = norm_of(tmp_path, "第一页正文。\n[bookmark: page3]第三页正文，收入总计3,681.17万元。\n仍在第三页。")
    assert "bookmark" not in doc.text
    assert doc.text == "第一页正文。\n第三页正文,收入总计3,681.17万元。\n仍在第三页。"
    start = doc.text.index("第三页正文")
    assert doc.page_at(0) is None  # no marker before the first page's text
    assert doc.page_at(start - 2) is None
    assert {doc.page_at(i) for i in range(start, len(doc.text))} == {3}
    assert doc.pages == 3


def test_bookmark_markers_of_the_corpus_give_pages() -> None:
    path = next(p for p in SAMPLE_TEXTS if p.name.startswith("001_"))
    doc = norm_file(path)
    assert "[bookmark" not in doc.text
    assert "[bookmark: page3]" in original_segments(path)[0]
    for first_words, page in [
        ("(二)负责市场主体统一登记注册", 3),
        ("(七)负责", 4),
        ("(十三)负", 5),
        ("(十七)负", 6),
    ]:
        at = doc.text.index(first_words)
        assert doc.page_at(at) == page
        assert doc.page_at(at + len(first_words)) == page
        assert doc.page_at(at - 2) != page  # the line before is still on the previous page


def test_bookmark_marker_in_the_middle_of_a_line(tmp_path: Path) -> None:
    doc = norm_of(tmp_path, "甲甲。\n乙乙乙乙[bookmark: page3]丙丙。")
    assert doc.text == "甲甲。\n乙乙乙乙丙丙。"
    last_before = doc.text.index("丙") - 1
    assert doc.text[last_before] == "乙"
    assert doc.page_at(doc.text.index("丙")) == 3
    assert doc.page_at(last_before) is None


# ------------------------------------------------------------------------------- the map to the original


def assert_maps_back(doc: NormDoc, originals: tuple[str, ...]) -> int:
    """Every mapped normalised character comes from the same, its full-width, or a whitespace original."""
    checked = 0
    last_pos: dict[int, int] = {}
    for i, ch in enumerate(doc.text):
        seg = doc.seg_of[i]
        if seg < 0:
            assert ch in PAGE_BREAK + "\n", (i, ch)
            continue
        if ch == "\n":
            continue
        original = originals[seg][doc.pos_of[i]]
        assert original == ch or to_halfwidth(original) == ch or (original.isspace() and ch in " \t"), (
            f"normalised {ch!r} at {i} maps to original {original!r} at {seg}:{doc.pos_of[i]}"
        )
        assert doc.pos_of[i] > last_pos.get(seg, -1), f"map goes backwards at {i}"
        last_pos[seg] = doc.pos_of[i]
        checked += 1
    return checked


@pytest.mark.parametrize("path", ALL_FILES, ids=[p.name for p in ALL_FILES])
def test_every_character_maps_to_its_original(path: Path) -> None:
    doc = norm_file(path)
    originals = original_segments(path)
    assert len(originals) == len(doc.segments)
    assert [s.text for s in doc.segments] == list(originals)
    checked = assert_maps_back(doc, originals)
    assert checked > 0.5 * len(doc.text)
    # a span maps back to exactly the original characters around it
    for line in doc.lines:
        if line.page_break or not line.text.strip():
            continue
        seg, rs, re_ = doc.to_raw(line.start, line.end)
        raw = BOOKMARK.sub("", originals[seg][rs:re_]).replace("\ufeff", "")
        assert fp.squash_ws(halfwidth(raw)) == fp.squash_ws(line.text)


CJK = "收入支出总计合计年度万元预算决算部门单位"
FULLWIDTH_DIGITS = [chr(0xFF10 + i) for i in range(10)]
PIECES = st.sampled_from(
    [
        *CJK,
        *FULLWIDTH_DIGITS,
        *"0123456789.,，。：；（）％",
        " ",
        "  ",
        "\u3000",
        "\t",
        "\n",
        "\n\n",
        "[bookmark: page2]",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, min_size=1, max_size=60).map("".join))
def test_random_text_maps_back_to_the_file(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "random.txt"
        path.write_bytes(text.encode("utf-8"))
        if sum(ch.isalnum() for ch in text) < 3:
            return  # fewer than 3 letters, digits or Chinese characters: refused by the loader (test_loaders)
        doc = normalise(load(path))
        original = path.read_text(encoding="utf-8")
    assert_maps_back(doc, (original,))
    assert "\u3000" not in doc.text and "[bookmark" not in doc.text
    assert not any(0xFF01 <= ord(c) <= 0xFF5E for c in doc.text)


# ------------------------------------------------------------------------------------ layout of the corpus


@pytest.mark.parametrize("path", SAMPLE_TEXTS, ids=[p.name for p in SAMPLE_TEXTS])
def test_corpus_texts_are_not_treated_as_hard_wrapped(path: Path) -> None:
    doc = norm_file(path)
    assert doc.wrapped is False
    # no line is joined: the normalised text has as many lines as the file
    assert len(doc.lines) == original_segments(path)[0].count("\n") + 1


def test_one_cell_per_line_table_of_the_corpus_stays_one_cell_per_line() -> None:
    doc = norm_file(next(p for p in SAMPLE_TEXTS if p.name.startswith("000_")))
    cells = [ln.text.strip() for ln in doc.lines]
    at = cells.index("上级资金")
    assert cells[at : at + 4] == ["上级资金", "69.63", "110.32", "106.78"]
    assert doc.lines[at].text.startswith("\t")


@pytest.mark.usefixtures("real_pdfs")
def test_real_pdf_wraps_are_joined_and_pages_kept_apart() -> None:
    path = next(p for p in REAL_PDFS if "final_accounts" in p.name)
    doc = norm_file(path)
    assert doc.wrapped is True
    texts = [ln.text for ln in doc.lines]
    # printed over two lines on page 21: "... 9746.50 万元，占本年支出合计\n的 99.86%。..."
    sentence = "一般公共预算财政拨款支出9746.50万元,占本年支出合计的99.86%。"
    line = next(t for t in texts if sentence in t)
    assert line.startswith(sentence)
    assert doc.page_at(doc.text.index(sentence)) == 21
    # printed over three lines on page 20
    sentence = "上海市普陀区规划和自然资源局2024年度收入支出总计9859.38万元。与2023年度相比,收入支出总计增加1062.85万元,增长12.08%。"
    line = next(t for t in texts if "收入支出总计9859.38万元" in t)
    assert line.startswith(sentence)
    assert doc.page_at(doc.text.index(sentence)) == 20
    assert texts.count(PAGE_BREAK) == len(doc.segments) - 1


# --------------------------------------------------------------------- a generated PDF of a corpus excerpt

EXCERPT_SOURCE = next((p for p in SAMPLE_TEXTS if p.name.startswith("000_")), None)
LINES_PER_PAGE = 40
CHARS_PER_LINE = 38
SENTENCE = re.compile(r"[^。；！？]+[。；！？]?")


def excerpt_text() -> str:
    assert EXCERPT_SOURCE is not None
    return "\n".join(EXCERPT_SOURCE.read_text(encoding="utf-8").splitlines()[:200])


@pytest.fixture(scope="module", params=["cid", "ttf"], ids=["cid-font", "ttf-font"])
def generated(request, tmp_path_factory):
    if request.param == "ttf" and fp.ttf_font_path() is None:
        pytest.skip(f"no TrueType CJK font; install {fp.TTF_DEBIAN_PACKAGE}")
    path = tmp_path_factory.mktemp(request.param) / f"excerpt_{request.param}.pdf"
    text = excerpt_text()
    drawn = fp.make_text_pdf(
        text, path, font=request.param, chars_per_line=CHARS_PER_LINE, lines_per_page=LINES_PER_PAGE
    )
    return text, drawn, normalise(load(path))


def wrapped_sentences(text: str, with_digits: bool) -> list[str]:
    """Sentences of prose lines that the PDF hard-wraps, where all pieces of the line are on one page."""
    out = []
    drawn_at = 0
    for src in text.split("\n"):
        pieces = fp.wrap_lines(src, CHARS_PER_LINE) or [""]
        first, last = drawn_at // LINES_PER_PAGE, (drawn_at + len(pieces) - 1) // LINES_PER_PAGE
        drawn_at += len(pieces)
        if len(pieces) < 2 or src.startswith("\t") or first != last:
            continue
        for sentence in SENTENCE.findall(src):
            s = halfwidth(sentence).replace(" ", "").replace("\t", "")
            if len(s) >= 4 and bool(re.search(r"\d", s)) == with_digits:
                out.append(s)
    return out


def test_generated_pdf_page_header_and_footers_are_dropped(generated) -> None:
    _, drawn, doc = generated
    pages = len(drawn)
    assert pages >= 5
    assert sorted(doc.dropped_lines) == sorted(
        [(n, fp.DEFAULT_HEADER) for n in range(1, pages + 1)] + [(n, f"- {n} -") for n in range(1, pages + 1)]
    )
    assert fp.DEFAULT_HEADER not in doc.text
    assert not any(re.fullmatch(r"-\s*\d+\s*-", ln.text.strip()) for ln in doc.lines)
    assert doc.wrapped is True


def test_generated_pdf_wrapped_chinese_sentences_are_joined(generated) -> None:
    _, _, doc = generated
    lines = [ln.text.replace(" ", "") for ln in doc.lines]
    sentences = wrapped_sentences(excerpt_text(), with_digits=False)
    assert len(sentences) >= 50
    broken = [s for s in sentences if not any(s in line for line in lines)]
    assert broken == []


def test_generated_pdf_wrapped_sentences_with_figures_are_joined(generated) -> None:
    _, _, doc = generated
    lines = [ln.text.replace(" ", "") for ln in doc.lines]
    sentences = wrapped_sentences(excerpt_text(), with_digits=True)
    assert len(sentences) >= 30
    broken = [s for s in sentences if not any(s in line for line in lines)]
    assert broken == []


def test_generated_pdf_figures_cut_by_the_wrap_are_whole_again(generated) -> None:
    text, _, doc = generated
    want: Counter[str] = Counter()
    drawn_at = 0
    for src in text.split("\n"):
        pieces = fp.wrap_lines(src, CHARS_PER_LINE) or [""]
        same_page = drawn_at // LINES_PER_PAGE == (drawn_at + len(pieces) - 1) // LINES_PER_PAGE
        drawn_at += len(pieces)
        if same_page and not src.startswith("\t"):
            want.update(FIGURE.findall(halfwidth(src)))
    assert sum(want.values()) >= 60
    have = Counter(FIGURE.findall(doc.text))
    missing = {f: n - have[f] for f, n in want.items() if have[f] < n}
    assert missing == {}


def test_generated_pdf_one_cell_per_line_table_is_not_joined(generated) -> None:
    _, _, doc = generated
    cells = [ln.text.strip() for ln in doc.lines]
    at = cells.index("上级资金")
    assert cells[at : at + 7] == ["上级资金", "69.63", "110.32", "106.78", "-", "-", "-"]
    at = cells.index("其他资金")
    assert cells[at : at + 4] == ["其他资金", "34.70", "151.90", "42.21"]


def test_generated_pdf_maps_back_to_pypdf_text(generated) -> None:
    _, drawn, doc = generated
    originals = tuple(page.extract_text() for page in PdfReader(doc.raw.path).pages)
    assert len(originals) == len(drawn)
    assert assert_maps_back(doc, originals) > 0.5 * len(doc.text)


def test_a_pinyin_gloss_goes_and_the_map_still_points_at_the_original():
    from index.loaders import RawDocument, Segment
    from index.normalise import normalise

    original = "部門預(yù)算（萬元）說明(a)和收(shou)入\n"
    doc = normalise(RawDocument("g.txt", None, "text", "d", [Segment(original, None)]))
    assert doc.text.startswith("部门预算(万元)说明(a)和收(shou)入")  # only a toned reading goes
    at = doc.text.index("算")
    assert original[doc.pos_of[at]] == "算"
