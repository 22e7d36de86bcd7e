"""A file that prints documents of two fiscal years (a 2026 绩效目标表, then the 2025 自评报告) is stored as one
document per year: each answers for its own year, with citations into the one original file, and the pieces are
replaced, removed and corrected without losing each other's original."""

from __future__ import annotations

from conftest import make_service
from fixtures_pdf import make_text_pdf

TEXT = """青禾市澄湖区滨江街道办事处
2026年部门整体支出绩效目标表
部门（单位）名称：青禾市澄湖区滨江街道办事处
年度预算资金：资金总额4,210.00万元，其中财政拨款3,980.00万元，其他资金230.00万元。
年度总体目标：保障街道机关正常运转，完成3个老旧小区改造，居民满意度保持在90%以上。
绩效指标：老旧小区改造数量3个；12345热线诉求按期办结率≥98%；居民满意度≥90%。
2025年度部门整体支出绩效自评报告
一、部门基本情况
滨江街道办事处内设6个科室，下辖8个社区。2025年全年预算3,876.40万元，全年执行3,702.15万元，预算执行率95.50%。
二、绩效目标完成情况
2025年完成老旧小区改造2个，较年初目标少1个，主要原因是燃气管线迁改协调未完成，改造工程顺延至2026年实施。
12345热线诉求按期办结率97.6%。居民满意度91.2%。
三、自评结论
经自评，滨江街道办事处2025年度部门整体支出绩效自评得分93.60分，评价等级为“优”。
四、存在的问题及改进措施
部分项目前期论证不充分，下一步将加强项目储备和前期论证。
"""


def _ingest(tmp_path, name="binjiang.txt", text=TEXT):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    svc = make_service(tmp_path / "home", DISCLOSURE_TODAY="2026-11-30")
    outcome = svc.ingest([path])[0]
    return svc, path, outcome


def test_each_year_of_the_file_is_a_document_of_its_own(tmp_path):
    svc, path, outcome = _ingest(tmp_path)
    assert outcome.status == "ingested" and len(outcome.documents) == 2, outcome
    docs = {d.year: d for d in svc.docs()}
    assert sorted(docs) == [2025, 2026]
    assert docs[2026].doc_id == outcome.doc_id and docs[2025].doc_id == outcome.documents[1]
    assert docs[2025].doc_type == "performance_self_eval" and docs[2025].source == docs[2026].source == path.name
    assert docs[2025].unit == docs[2026].unit == "青禾市澄湖区滨江街道办事处"

    a = svc.ask("滨江街道去年整体支出绩效自评得了多少分？")
    assert a.answerable and "93.60" in a.answer and "2025" in a.answer, a.answer
    c = a.citations[0]
    assert c.doc_id == docs[2025].doc_id and c.source == path.name
    original = path.read_text(encoding="utf-8").split("\n")
    assert "93.60" in c.quote and c.quote in "\n".join(original[c.line_start - 1:c.line_end])
    assert path.read_text(encoding="utf-8")[c.char_start:c.char_end] == c.quote

    b = svc.ask("滨江街道去年老旧小区改造为什么没完成？")
    assert "燃气管线" in b.answer and b.citations[0].doc_id == docs[2025].doc_id, b.answer
    # the 2026 document holds none of the 2025 report's text, and the other way round
    assert not [ch for ch in svc.store.chunks_of(docs[2026].doc_id) if "93.60" in ch.text]
    assert not [ch for ch in svc.store.chunks_of(docs[2025].doc_id) if "4,210.00" in ch.text]


def test_a_pdf_of_two_years_is_read_the_same(tmp_path):
    pdf = tmp_path / "binjiang.pdf"
    make_text_pdf(TEXT, pdf, lines_per_page=12)
    svc = make_service(tmp_path / "home", DISCLOSURE_TODAY="2026-11-30")
    outcome = svc.ingest([pdf])[0]
    assert len(outcome.documents) == 2, outcome
    a = svc.ask("滨江街道去年整体支出绩效自评得了多少分？")
    assert "93.60" in a.answer and a.citations[0].doc_id == outcome.documents[1] and a.citations[0].page >= 2


def test_a_file_of_one_year_with_its_own_appended_tables_stays_one_document(tmp_path):
    text = TEXT.replace("2025年度部门整体支出绩效自评报告", "2026年度部门整体支出绩效自评报告").replace("2025年", "2026年")
    svc, _, outcome = _ingest(tmp_path, text=text)
    assert outcome.documents == [] and len(svc.docs()) == 1


def test_the_pieces_are_replaced_removed_and_corrected_together(tmp_path):
    svc, path, outcome = _ingest(tmp_path)
    first, second = outcome.documents
    assert svc.ingest([path])[0].status == "unchanged" and len(svc.docs()) == 2

    # a piece corrected keeps its correction when the file is read again, and its sibling is still there
    svc.correct(second, {"unit": "青禾市澄湖区滨江街道"})
    assert {d.doc_id: d.unit for d in svc.docs()} == {first: "青禾市澄湖区滨江街道办事处", second: "青禾市澄湖区滨江街道"}

    # the file changed: both old pieces go, the new content's pieces come, nothing is left of the old ones
    path.write_text(TEXT.replace("93.60", "94.10"), encoding="utf-8")
    again = svc.ingest([path])[0]
    assert again.status == "replaced" and len(again.documents) == 2
    assert {d.doc_id for d in svc.docs()} == set(again.documents)
    assert not svc.store.chunks_of(first) and not svc.store.chunks_of(second)

    # removing one piece keeps the kept original its sibling is read from
    svc.remove(again.documents[1])
    kept = svc.docs()
    assert [d.doc_id for d in kept] == [again.documents[0]] and svc.store.original_file(kept[0]) is not None
    assert svc.extract(again.documents[0]).doc_id == again.documents[0]


BUDGET = """青禾市澄湖区文化和旅游委员会2026年部门预算
目录
第一部分 部门概况
第二部分 2026年部门预算表
附件 2025年度部门整体支出绩效自评报告
第一部分 部门概况
本委2025年度部门整体支出绩效自评报告已于2026年6月公开。
（二）2025年度部门整体支出绩效自评报告
2025年度部门整体支出绩效自评报告显示，本委自评得分92.50分。
第二部分 2026年部门预算情况说明
2026年收入预算总计3,520.50万元，支出预算总计3,520.50万元，比2025年预算增加120.00万元。
2026年“三公”经费预算18.60万元，比2025年预算减少1.20万元。
2026年机关运行经费预算96.40万元。2026年政府采购预算总额420.00万元。
2026年本委图书馆运行经费预算210.00万元，比2025年增加10.00万元。
附件
2025年度部门整体支出绩效自评报告
一、基本情况
2025年全年预算3,401.20万元，全年执行3,322.10万元，预算执行率97.67%。2025年完成文化惠民演出120场。
二、自评结论
经自评，2025年度部门整体支出绩效自评得分92.50分，评价等级为“优”。2025年主要问题是项目前期论证不充分。
"""


def test_a_title_in_the_contents_or_a_sentence_does_not_split_the_file(tmp_path):
    """(helper-51's and helper-52's attacks) a sentence naming last year's report, a numbered sub-heading of the
    budget and the contents line pointing at the report are no titles: the budget's body stays the 2026 budget; the
    report printed at the end is 2025's."""
    svc, _, outcome = _ingest(tmp_path, "wenlv.txt", BUDGET)
    docs = {d.year: d for d in svc.docs()}
    assert sorted(docs) == [2025, 2026] and docs[2026].doc_type == "budget", docs
    a = svc.ask("文旅委今年三公经费预算多少？")
    assert "18.60" in a.answer and a.citations[0].doc_id == docs[2026].doc_id, a.answer
    assert not [c for c in svc.store.chunks_of(docs[2025].doc_id) if "18.60" in c.text]
    b = svc.ask("文旅委去年整体支出绩效自评得了多少分")
    assert "92.50" in b.answer and b.citations[0].doc_id == docs[2025].doc_id, b.answer


def test_the_years_own_document_keeps_its_type(tmp_path):
    """A file read as a self-evaluation as a whole: the 2026 目标表 before the 2025 report is a budget's."""
    text = TEXT.replace("2026年部门整体支出绩效目标表", "2026年部门整体支出绩效目标表\n绩效自评") * 1
    svc, _, outcome = _ingest(tmp_path, text=text)
    assert {d.year: d.doc_type for d in svc.docs()} == {2026: "budget", 2025: "performance_self_eval"}


def test_an_appended_report_labelled_as_an_attachment_is_split_off(tmp_path):
    """(helper-52) "附件：某委2025年度部门整体支出绩效自评报告", printed in the contents and again over the report."""
    title = "附件：青禾市澄湖区文化和旅游委员会2025年度部门整体支出绩效自评报告"
    text = BUDGET.replace("附件 2025年度部门整体支出绩效自评报告", title).replace(
        "附件\n2025年度部门整体支出绩效自评报告", title)
    svc, _, outcome = _ingest(tmp_path, "wenlv.txt", text)
    docs = {d.year: d for d in svc.docs()}
    assert sorted(docs) == [2025, 2026] and "18.60" in svc.ask("文旅委今年三公经费预算多少？").answer
    first = min(c.citation.line_start for c in svc.store.chunks_of(docs[2025].doc_id))
    assert text.split("\n")[first - 1] == title  # (the report begins at its own title, not at the contents line)
