"""The deterministic extractor against the hand-checked gold files, on real documents."""

from __future__ import annotations

import re
from pathlib import Path

import fixtures_pdf
import pypdf
import pytest
from conftest import DATA, REAL_PDFS

from app.evaluation.extraction import load_extraction_gold, score_document
from core.vocabulary import is_valid_key
from extraction.extractor import extract
from index.layout import read_layout
from index.loaders import load
from index.metadata import detect

GOLD = load_extraction_gold()
SOURCES = {p.name: p for p in [*DATA.glob("*.txt"), *REAL_PDFS]}
DOCS = sorted(d for d in GOLD if d in SOURCES)


def _extract(path: Path):
    layout = read_layout(load(path))
    return extract(layout, detect(layout))


@pytest.fixture(scope="module")
def extracted():
    return {d: _extract(SOURCES[d]) for d in DOCS}


def test_gold_covers_every_corpus_document():
    assert {p.name for p in DATA.glob("*.txt")} <= set(GOLD)
    for doc, rows in GOLD.items():
        if doc.startswith(("000", "001", "002")) or doc.endswith(".pdf"):
            assert len(rows) >= 20, doc


@pytest.mark.parametrize("doc", DOCS)
def test_precision_and_recall_on_gold(doc, extracted):
    score = score_document(GOLD[doc], extracted[doc].figures)
    detail = f"P={score.precision:.3f} R={score.recall:.3f} FP={score.false_positives[:5]} FN={score.false_negatives[:5]}"
    assert score.precision >= 0.95, detail
    assert score.recall >= 0.90, detail
    assert score.citation_accuracy >= 0.90, detail


@pytest.mark.parametrize("doc", DOCS)
def test_every_figure_is_quoted_verbatim_at_its_citation(doc, extracted):
    path = SOURCES[doc]
    pages = [p.extract_text() for p in pypdf.PdfReader(path).pages] if path.suffix == ".pdf" else None
    text = path.read_text(encoding="utf-8") if pages is None else None
    for f in extracted[doc].figures:
        c = f.citation
        original = pages[c.page - 1] if pages is not None else text
        assert original[c.char_start:c.char_end] == c.quote, (f.key, c)
        digits = re.sub(r"[,，\s]", "", c.quote)
        nil = f.value == "0" and re.search(r"无|没有|未发生|未安排|不存在|为零", c.quote)  # "本年度无因公出国（境）费支出"
        assert f.value.replace(",", "") in digits or f.value.replace(".", ",") in c.quote or nil, \
            (f.key, f.value, c.quote[:80])
        assert is_valid_key(f.key), f.key
        if pages is None:
            assert text.count("\n", 0, c.char_start) + 1 == c.line_start


def test_pdf_generated_from_a_corpus_text_gives_the_same_figures(tmp_path):
    source = DATA / "000_04b2af8a0d084766.txt"
    excerpt = "\n".join(source.read_text(encoding="utf-8").split("\n")[:110])
    txt = tmp_path / "excerpt.txt"
    txt.write_text(excerpt, encoding="utf-8")
    pdf = tmp_path / "excerpt.pdf"
    fixtures_pdf.make_text_pdf(excerpt, pdf, font="cid")
    from_text = {(f.key, f.value, f.unit) for f in _extract(txt).figures}
    from_pdf = {(f.key, f.value, f.unit) for f in _extract(pdf).figures}
    assert len(from_text) >= 35
    assert from_pdf == from_text, (sorted(from_text - from_pdf)[:5], sorted(from_pdf - from_text)[:5])


@pytest.mark.usefixtures("real_pdfs")
@pytest.mark.parametrize("doc,keys", [
    ("putuo_guihuaziyuan_2024_final_accounts.pdf",
     ["income_grand_total", "three_public_actual", "official_reception", "agency_operating_expenses",
      "procurement_total", "procurement_goods"]),
    ("putuo_shangwu_2025_budget.pdf",
     ["income_grand_total", "three_public_budget", "agency_operating_expenses", "procurement_total"]),
])
def test_real_pdfs_summary_three_public_operating_procurement_with_page_citations(doc, keys, extracted):
    gold = {(g.key): g for g in GOLD[doc]}
    figures = extracted[doc].figures
    for key in keys:
        found = [f for f in figures if f.key == key]
        assert found, key
        pages = {p for g in GOLD[doc] if g.key == key for p in g.pages}
        assert any(f.citation.page in pages for f in found), (key, [f.citation.page for f in found], pages)
    assert gold


def test_budget_tables_in_yuan_keep_their_unit():
    pdf = next((p for p in REAL_PDFS if "shangwu" in p.name), None)
    if pdf is None:
        pytest.skip("the real budget PDF is not beside the project")
    figures = _extract(pdf).figures
    yuan = [f for f in figures if f.unit == "元"]
    assert yuan and all(f.source_kind == "table" for f in yuan)
    total = {(f.unit, f.value) for f in figures if f.key == "income_grand_total"}
    assert ("元", "371514655.00") in total and ("万元", "37151.47") in total


def test_disclosure_views_summary_projects_and_indicators():
    from extraction.views import disclosure

    layout = read_layout(load(DATA / "000_04b2af8a0d084766.txt"))
    view = disclosure(layout, detect(layout))
    assert view.summary["three_public_actual"].value == "31.19"
    assert "九、财政拨款“三公”经费支出决算情况说明" in view.sections
    project = next(p for p in view.projects if p.name == "2023年安全生产奖")
    assert (project.budget.value, project.actual.value, project.execution_rate.value) == ("3.00", "3.00", "100.00")
    first = project.indicators[0]
    assert (first.level1, first.level2, first.level3) == ("产出指标", "数量指标", "购买车用气瓶电子主标签")
    assert (first.target, first.actual) == (">=3440个", "=3440个")
    assert "购买车用气瓶电子主标签" in first.citation.quote
    assert sum(len(p.indicators) for p in view.projects) > 150


def test_project_tables_printed_one_cell_per_pdf_line_are_still_read(tmp_path):
    source = DATA / "000_04b2af8a0d084766.txt"
    pdf = tmp_path / "000.pdf"
    fixtures_pdf.make_text_pdf(source.read_text(encoding="utf-8"), pdf, font="cid")
    figures = _extract(pdf).figures
    score = score_document(GOLD[source.name], figures)
    assert score.recall >= 0.85 and score.precision >= 0.90, (score.recall, score.precision)
    project = [f for f in figures if f.key == "project:2023年安全生产奖:budget"]
    assert project and project[0].value == "3.00" and project[0].citation.page is not None


def test_a_header_printing_年预算数_reads_the_full_year_budget_not_the_initial_one():
    # 002's 放心消费创建项目: 年初 目标申报数 13 | 预算编制数 13, 年预算数 (全年预算数, the 全 dropped) 0, nothing spent
    figures = {f.key: f.value for f in _extract(DATA / "002_a48143ca35b5d44a.txt").figures
               if f.key.startswith("project:放心消费创建项目:")}
    assert figures == {"project:放心消费创建项目:budget": "0", "project:放心消费创建项目:actual": "0",
                       "project:放心消费创建项目:execution_rate": "0", "project:放心消费创建项目:score": "0"}


def _figures_of(tmp_path: Path, name: str, text: str) -> list[tuple[str, str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return [(f.key, f.value) for f in _extract(path).figures]


def test_a_three_public_statement_of_another_province(tmp_path):
    """The 三公 money's 支出预算 is its budget (not the total budget); last year's amount said in the same sentence is
    no figure; 接待 batches with persons in 人 or after a bracket; a fleet said 保有 or 共有."""
    found = _figures_of(tmp_path, "tonghe_sfj_2022.txt", (
        "桐河县司法局2022年“三公”经费预算情况\n"
        "桐河县司法局2022年一般公共预算“三公”经费支出预算为79万元,比上年预算减少49万元,下降38.28%。"
        "其中:因公出国(境)费支出预算为0万元,公务接待费支出预算为4万元,公务用车购置及运行费支出预算为75万元。\n"
        "2022年三公经费预算拨入79万元,2021年三公经费预算拨入128万元,与上年对比减少49万元。\n"
        "2022年本部门国内公务接待计划40批次,320人。\n"
        "截至2021年12月底,单位共有公务用车8辆。\n"))
    assert ("three_public_budget", "79") in found and ("three_public_budget", "128") not in found
    assert ("official_reception", "4") in found and ("overseas_travel", "0") in found
    assert not any(k in ("expenditure_grand_total", "income_grand_total") for k, _ in found)
    assert ("reception_batches", "40") in found and ("reception_persons", "320") in found
    assert ("vehicles_in_service", "8") in found
    found = _figures_of(tmp_path, "huaining_court_2017.txt", (
        "怀川县人民法院2017年“三公”经费决算\n"
        "2017年怀川县人民法院国内公务接待共330批次(其中外事接待0批次),1950人次(其中外事接待0人次)。\n"
        "2017年本部门公务用车保有18辆,购置公务用车0辆。国内接待费支出0.18万元,国内公务接待3批次,接待16人次;\n"))
    assert ("reception_batches", "330") in found and ("reception_persons", "1950") in found
    assert ("vehicles_in_service", "18") in found


def test_the_grant_tables_totals_are_the_grants_not_the_whole_budgets(tmp_path):
    found = _figures_of(tmp_path, "ningxi_2024.txt", (
        "宁川县教育局2024年部门预算\n表1\n                    收支预算总表\n单位名称：宁川县教育局（汇总）      单位：万元\n"
        "项    目                        预算数    项    目                        预算数\n"
        "一、一般公共预算拨款         15,610.16    一、教育支出                 16,000.00\n"
        "二、事业收入                  1,426.00    二、住房保障支出              1,036.16\n"
        "收 入 总 计                  17,036.16    支 出 总 计                  17,036.16\n\n"
        "表4\n                    财政拨款收支预算总表\n单位名称：宁川县教育局（汇总）      单位：万元\n"
        "项    目                        预算数    项    目                        预算数\n"
        "一、一般公共预算拨款         15,610.16    一、教育支出                 15,610.16\n"
        "收 入 总 计                  15,610.16    支 出 总 计                  15,610.16\n"))
    assert ("income_grand_total", "17036.16") in found and ("income_grand_total", "15610.16") not in found
    assert ("fiscal_grant_income_total", "15610.16") in found and ("fiscal_grant_expenditure_total", "15610.16") in found


def _lines_of(tmp_path: Path, text: str):
    from extraction.lineitems import line_items

    path = tmp_path / "statement.txt"
    path.write_text(text, encoding="utf-8")
    layout = read_layout(load(path))
    return line_items(layout, detect(layout))


def test_changes_stated_with_the_rate_in_brackets_against_the_budget_or_as_同比(tmp_path):
    items = _lines_of(tmp_path, (
        "新川区卫生健康局2019年“三公”经费预算情况说明\n"
        "2、公务接待费2.30万元,较上年减少1.5万元(42.86%),减少的主要原因是压缩接待费开支。\n"
        "2021年“三公”经费支出共计9.07万元,较年初预算数减少10.93万元,下降54.65%, 较上年支出数减少0.71万元,下降7.83%。\n"
        "经比较,2021年度镇本级“三公”经费较上年决算数减少0.03万元,下降0.6%;较年初预算数减少6.3万元,下降58.3%。\n"
        "2018年收入总预算317.6万元,同比增加8.25万元,同比增长2.8%。\n"
        "2018年基本支出预算较上年增50.8 万元,增幅19.78% 。\n"))
    said = {(i.kind, i.name, tuple((a.column, a.value) for a in i.amounts)) for i in items if i.kind in ("change", "vs_budget")}
    assert ("change", "2、公务接待费2.30万元", (("本年", "2.30"), ("比上年增减", "-1.5"), ("增减率", "-42.86"))) in said
    assert ("vs_budget", "“三公”经费", (("决算", "9.07"), ("比年初预算增减", "-10.93"), ("增减率", "-54.65"))) in said
    assert ("change", "“三公”经费支出共计9.07万元", (("本年", "9.07"), ("比上年增减", "-0.71"), ("增减率", "-7.83"))) in said
    assert ("change", "镇本级“三公”经费", (("比上年增减", "-0.03"), ("增减率", "-0.6"))) in said
    assert ("vs_budget", "镇本级“三公”经费", (("比年初预算增减", "-6.3"), ("增减率", "-58.3"))) in said
    assert any(k == "change" and v[-1] == ("增减率", "2.8") for k, _, v in said)
    assert any(k == "change" and v[-1] == ("增减率", "19.78") for k, _, v in said)


def test_what_the_text_counts_events_people_and_a_unit_without_cars(tmp_path):
    items = _lines_of(tmp_path, (
        "桐川县审计局2021年“三公”经费决算情况说明\n"
        "一、2021年本部门组织出国(境)团组1个,出国(境)2人次。\n"
        "二、2021年末,本部门实有在职人员总数32人,离退休人员11人;核定行政编制30名。\n"
        "三、2021年召开会议3次,参会人员260人次;举办培训班2期,培训90人。\n"))
    counts = {(i.name, i.amounts[0].value, i.amounts[0].unit) for i in items if i.kind == "count"}
    assert {("组织出国(境)团组", "1", "个"), ("出国(境)", "2", "人次"), ("实有在职人员", "32", "人"), ("离退休人员", "11", "人"),
            ("核定行政编制", "30", "人"), ("召开会议", "3", "次"), ("参会人员", "260", "人次"), ("举办培训班", "2", "期"),
            ("培训", "90", "人")} <= counts
    found = _figures_of(tmp_path, "wenlian.txt", "大平县文学艺术界联合会2015年“三公”经费决算情况说明\n"
                                                 "二、公务用车购置及运行维护费\n县文联无公务用车,所以没有公务用车运行维护费。\n"
                                                 "三、公务接待费\n共接待22次,接待人数186人,主要是接待上级检查。\n")
    assert ("vehicles_in_service", "0") in found
    assert ("reception_batches", "22") in found and ("reception_persons", "186") in found


def test_both_totals_said_at_once_with_均为(tmp_path):
    found = _figures_of(tmp_path, "baiquan_2023.txt", "广川市白泉卫生院2023年度单位决算\n一、收入支出决算总体情况说明\n"
                                                      "2023年度收、支总计均为4680.58万元。\n")
    assert ("income_grand_total", "4680.58") in found and ("expenditure_grand_total", "4680.58") in found


def test_a_change_against_another_base_than_last_years_actual_is_named_by_it(tmp_path):
    items = _lines_of(tmp_path, "桐河县司法局2022年“三公”经费预算情况\n"
                                "(二)公务接待费支出预算4万元,比2021年预算减少4万元,下降50%。\n"
                                "(三)公务用车运行费50万元,比上年减少10万元,下降16.67%。\n")
    columns = {i.name: [a.column for a in i.amounts] for i in items if i.kind == "change"}
    assert any("比2021年预算增减" in c for c in columns.values())
    assert any("比上年增减" in c for c in columns.values())
