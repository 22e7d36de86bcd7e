"""Reason sentences read from PDFs (issue 12, 原因说明): the text a reader sees and copies is the printed sentence
joined across the page's line breaks (and a page break), its citation still points at the original, and the
sentences around it are kept for the context view. Real PDFs only: one built from a corpus text, the two real ones."""

from __future__ import annotations

import re
from pathlib import Path

import fixtures_pdf
from conftest import REAL_PDFS, needs_real_pdfs

from extraction.reasons import find_reasons
from index.layout import read_layout
from index.loaders import load, original_text
from index.metadata import detect

DATA = Path(__file__).resolve().parents[2] / "data"


def _reasons(path: Path):
    layout = read_layout(load(path))
    return find_reasons(layout, detect(layout))


def _squash(text: str) -> str:
    return re.sub(r"\s", "", text)


def test_reason_broken_by_pdf_line_breaks_is_one_sentence(tmp_path):
    """002's "三公" section laid out as a PDF at 38 characters a line: every reason sentence is cut by line breaks
    (mid-word, mid-number) in the page text, and comes out whole, in its printed characters."""
    lines = (DATA / "002_a48143ca35b5d44a.txt").read_text(encoding="utf-8").split("\n")
    start = next(i for i, ln in enumerate(lines) if ln.strip() == "九、财政拨款“三公”经费支出决算情况说明")
    pdf = tmp_path / "datong_three_public.pdf"
    fixtures_pdf.make_text_pdf("\n".join(lines[start:start + 40]), pdf, font="cid")

    reasons = _reasons(pdf)
    hosting = next(r for r in reasons if r.label and "公务接待费" in r.label)
    c = hosting.citation
    assert "\n" in c.quote  # the page text breaks the sentence …
    assert original_text(pdf, c.page)[c.char_start:c.char_end] == c.quote  # … and the citation points at it
    assert hosting.printed == ("公务接待费支出0.59万元，完成全年预算的100.00%，比上年度减少0.12万元，下降16.9%，"
                               "主要原因是：落实过紧日子要求，压减公务接待费支出。")
    assert hosting.direction == "减少" and hosting.change == "0.12万元"
    assert hosting.before.startswith("公务用车运行维护费支出25.67万元") and "\n" not in hosting.before
    assert hosting.after == "(二) “三公”经费财政拨款支出决算具体情况说明"  # the next line, a heading
    for r in reasons:
        assert "\n" not in r.printed and _squash(r.printed) == _squash(r.citation.quote), r.citation.quote


@needs_real_pdfs()
def test_real_pdf_reason_cut_by_a_page_break_is_whole():
    """规划资源局 p.22 ends "…医疗保险单位部" and p.23 begins "分降低，导致支出减少。": one reason, cited on p.22."""
    pdf = next(p for p in REAL_PDFS if "guihuaziyuan" in p.name)
    reasons = _reasons(pdf)
    cut = [r for r in reasons if "医疗保险基数变更" in r.reason]
    assert len(cut) == 1, [r.reason for r in cut]
    r = cut[0]
    assert r.printed == "决算数小于预算数的主要原因：医疗保险基数变更，医疗保险单位部分降低，导致支出减少。"
    assert r.reason.endswith("部分降低,导致支出减少。")
    assert r.citation.page == 22 and original_text(pdf, 22)[r.citation.char_start:r.citation.char_end] == r.citation.quote
    assert r.before.startswith("年初预算为42.73万元") and r.after.startswith("7、卫生健康支出")
    assert not any(x.reason.startswith("分降低") or x.printed.startswith("分降低") for x in reasons)  # not twice


@needs_real_pdfs()
def test_real_pdf_reasons_have_no_line_breaks():
    broken = 0
    for pdf in REAL_PDFS:
        reasons = _reasons(pdf)
        assert reasons
        broken += sum("\n" in r.citation.quote for r in reasons)
        for r in reasons:
            assert r.printed and "\n" not in r.printed and "\n" not in (r.before or "") + (r.after or "")
            assert r.citation.quote.replace("\n", "").replace(" ", "")[:10] in r.printed.replace(" ", "")
    assert broken >= 10  # the page text does break them


def test_a_reason_goes_on_into_the_sentence_that_names_what_was_cut(tmp_path):
    """"…勤俭节约。较上一年度减少了培训费支出等。": the second sentence is the reason's concrete words; a sentence with a
    figure or a reason of its own is not."""
    doc = tmp_path / "minhang_2024.txt"
    doc.write_text("上海市闵行区统计局2024年度部门决算\n十一、其他重要事项的情况说明\n"
                   "机关运行经费支出52.10万元，比2023年度减少6.20万元，下降10.63%。主要原因是厉行节约，压缩一般性支出。"
                   "其中：减少了会议费和印刷费支出。\n"
                   "政府采购支出20.00万元，比上年增加2.00万元，主要原因是更新办公设备。增加了打印机3台，共计2.00万元。\n",
                   encoding="utf-8")
    layout = read_layout(load(doc))
    reasons = {r.label: r for r in find_reasons(layout, detect(layout))}
    running = reasons["机关运行经费"]
    assert running.reason.endswith("减少了会议费和印刷费支出。") and "会议费" in running.citation.quote
    assert "打印机" not in next(r.reason for r in reasons.values() if "办公设备" in r.reason)
