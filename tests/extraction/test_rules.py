"""Each cross-check rule on a constructed document where its identity holds (quiet) and on the same document with
one printed error (a fail citing the place), plus the errors really printed in the corpus documents.

The constructed documents are small 部门决算/部门预算 texts laid out the way published ones are: tab-separated
tables (as the text corpus prints them), and PDFs whose rows are plain text (``tests/fixtures_pdf``), with
codes printed "201 06 01" or "2010601", table titles of other regions, units other than the corpus's.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA, REAL_PDFS

from core.schemas import CheckResult
from extraction.checks import check_layout
from extraction.extractor import extract
from index.layout import read_layout
from index.loaders import load
from index.metadata import detect

UNIT = "上海市嘉定区测试管理局"

FINAL = f"""{UNIT}
2024年度部门决算

第二部分 {UNIT}2024年度部门决算表
收入支出决算总表
单位：万元
项目\t决算数\t项目\t决算数
一、一般公共预算财政拨款收入\t100.00\t一、一般公共服务支出\t80.00
二、其他收入\t\t二、社会保障和就业支出\t20.00
本年收入合计\t100.00\t本年支出合计\t100.00
年初结转和结余\t5.00\t年末结转和结余\t5.00
总计\t105.00\t总计\t105.00

支出决算表
单位：万元
科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出
\t合计\t100.00\t60.00\t40.00
201\t一般公共服务支出\t80.00\t40.00\t40.00
20101\t人大事务\t80.00\t40.00\t40.00
2010101\t行政运行\t40.00\t40.00\t
2010102\t一般行政管理事务\t40.00\t\t40.00
208\t社会保障和就业支出\t20.00\t20.00\t
20805\t行政事业单位养老支出\t20.00\t20.00\t
2080501\t行政单位离退休\t20.00\t20.00\t

一般公共预算财政拨款支出决算明细表
单位：万元
科目编码\t科目名称\t合计\t基本支出\t项目支出
\t合计\t100.00\t60.00\t40.00
201\t一般公共服务支出\t80.00\t40.00\t40.00
20101\t人大事务\t80.00\t40.00\t40.00
2010101\t行政运行\t40.00\t40.00\t
2010102\t一般行政管理事务\t40.00\t\t40.00
208\t社会保障和就业支出\t20.00\t20.00\t
20805\t行政事业单位养老支出\t20.00\t20.00\t
2080501\t行政单位离退休\t20.00\t20.00\t

一般公共预算财政拨款基本支出决算明细表
单位：万元
科目编码\t科目名称\t决算数\t科目编码\t科目名称\t决算数
301\t工资福利支出\t50.00\t302\t商品和服务支出\t8.00
30101\t基本工资\t30.00\t30201\t办公费\t5.00
30102\t津贴补贴\t20.00\t30217\t公务接待费\t3.00
303\t对个人和家庭的补助\t2.00\t310\t资本性支出\t
30302\t退休费\t2.00\t\t\t
人员经费合计\t52.00\t公用经费合计\t8.00

政府性基金预算财政拨款收入支出决算表
单位：万元
科目编码\t科目名称\t年初结转和结余\t本年收入\t本年支出\t年末结转和结余
\t合计\t\t\t\t
说明：本单位本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。

第三部分 {UNIT}2024年度部门决算情况说明
一、收入支出决算总体情况说明
{UNIT}2024年度收入总计105.00万元，支出总计105.00万元。与2023年度相比，收入支出总计增加5.00万元，增长5.00%。主要原因是人员增加。
二、支出决算情况说明
本年支出合计100.00万元，其中：基本支出60.00万元，占60.00%；项目支出40.00万元，占40.00%。
三、一般公共预算财政拨款支出决算情况说明
一般公共预算财政拨款支出年初预算为110.00万元，支出决算为100.00万元，完成年初预算的90.91%。决算数小于预算数的主要原因是项目延后。
1、一般公共服务支出（类）人大事务（款）行政运行（项）。年初预算为45.00万元，支出决算为40.00万元，完成年初预算的88.89%。
本年度政府性基金预算财政拨款支出0.00万元。
四、一般公共预算财政拨款基本支出决算情况说明
一般公共预算财政拨款基本支出60.00万元，其中：人员经费52.00万元；公用经费8.00万元。
五、其他重要事项的情况说明
机关运行经费支出8.00万元，比2023年度减少2.00万元，下降20.00%，主要原因是压减支出。
2024年度政府采购支出总额50.00万元，其中：政府采购货物支出20.00万元、政府采购工程支出0.00万元、政府采购服务支出30.00万元。授予中小企业合同金额40.00万元，占政府采购支出总额的80.00%，其中：授予小微企业合同金额30.00万元，占政府采购支出总额的60.00%。
截至2024年12月31日，本部门共有车辆3辆，其中：执法执勤用车2辆、其他用车1辆。
"""


def check_text(tmp_path: Path, text: str, name: str = "doc.txt") -> list[CheckResult]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    layout = read_layout(load(path))
    return check_layout(layout, detect(layout))


def of(results: list[CheckResult], rule: str, status: str | None = None) -> list[CheckResult]:
    return [r for r in results if r.rule == rule and (status is None or r.status == status)]


def changed(text: str, old: str, new: str, count: int = 1) -> str:
    assert old in text, old
    return text.replace(old, new, count)


def lines_of(r: CheckResult) -> set[int]:
    return {n for c in r.citations if c.line_start for n in range(c.line_start, (c.line_end or c.line_start) + 1)}


def line_of(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> list[CheckResult]:
    return check_text(tmp_path_factory.mktemp("clean"), FINAL)


def test_the_constructed_document_has_no_fail(clean):
    assert [r.message for r in clean if r.status == "fail"] == []
    assert {r.rule for r in clean if r.status == "pass"} >= {
        "table_rows", "code_hierarchy", "economic_totals", "summary_tables", "tables_agree", "stated_change",
        "completion_rate", "prose_parts", "unit_name", "years", "template_residue", "empty_tables", "vehicles_total",
        "sme_awards", "item_amounts", "stated_share", "section_totals"}


# one printed error per case: (rule, old, new, text that must be on a cited line)
ERRORS = [
    ("table_rows", "2010102\t一般行政管理事务\t40.00\t\t40.00", "2010102\t一般行政管理事务\t40.00\t\t41.00",
     "2010102\t一般行政管理事务"),
    ("code_hierarchy", "20805\t行政事业单位养老支出\t20.00\t20.00\t", "20805\t行政事业单位养老支出\t21.00\t21.00\t",
     "20805\t行政事业单位养老支出"),
    ("economic_totals", "人员经费合计\t52.00", "人员经费合计\t55.00", "人员经费合计"),
    ("summary_tables", "一、一般公共预算财政拨款收入\t100.00", "一、一般公共预算财政拨款收入\t90.00", "一、一般公共预算财政拨款收入"),
    ("tables_agree", "二、其他收入\t\t二、社会保障和就业支出\t20.00", "二、其他收入\t\t二、社会保障和就业支出\t21.00",
     "二、社会保障和就业支出"),
    ("stated_change", "增加5.00万元，增长5.00%", "增加5.00万元，增长6.00%", "增加5.00万元"),
    ("stated_change", "减少2.00万元，下降20.00%", "减少2.00万元，增长20.00%", "减少2.00万元"),
    ("completion_rate", "完成年初预算的90.91%", "完成年初预算的91.91%", "完成年初预算的91.91%"),
    ("completion_rate", "决算数小于预算数", "决算数大于预算数", "决算数大于预算数"),
    ("prose_parts", "项目支出40.00万元，占40.00%", "项目支出41.00万元，占40.00%", "本年支出合计100.00万元"),
    ("stated_share", "占60.00%", "占66.00%", "占66.00%"),
    ("item_amounts", "支出决算为40.00万元，完成年初预算的88.89%", "支出决算为44.00万元，完成年初预算的97.78%",
     "支出决算为44.00万元"),
    ("same_figure_agrees", "收入总计105.00万元，支出总计105.00万元。", "收入总计105.00万元，支出总计150.00万元。",
     "支出总计150.00万元"),
    ("section_totals", "政府性基金预算财政拨款支出0.00万元", "政府性基金预算财政拨款支出5.00万元", "政府性基金预算财政拨款支出5.00万元"),
    ("vehicles_total", "共有车辆3辆", "共有车辆4辆", "共有车辆4辆"),
    ("sme_awards", "授予小微企业合同金额30.00万元", "授予小微企业合同金额45.00万元", "授予小微企业合同金额45.00万元"),
    ("years", "与2023年度相比，收入支出总计", "与2024年度相比，收入支出总计", "与2024年度相比"),
    ("years", "\n2024年度部门决算\n", "\n2023年度部门决算\n", "2023年度部门决算"),
    ("template_residue", "主要原因是人员增加。", "主要原因是。", "主要原因是。"),
    ("template_residue", "下降20.00%", "下降（增长）20.00%", "下降（增长）20.00%"),
    ("template_residue", "\n2024年度部门决算\n", "\n202 年度部门决算\n", "202 年度"),
    ("unit_name", f"第二部分 {UNIT}2024年度部门决算表", "第二部分 上海市测试管理局2024年度部门决算表",
     "上海市测试管理局"),
    ("empty_tables", "\t合计\t\t\t\t\n说明", "\t合计\t\t3.00\t3.00\t\n说明", "本表无数据"),
]


@pytest.mark.parametrize("rule,old,new,cited", ERRORS, ids=[f"{e[0]}-{i}" for i, e in enumerate(ERRORS)])
def test_a_printed_error_fails_its_rule_citing_the_place(tmp_path, clean, rule, old, new, cited):
    text = changed(FINAL, old, new)
    fails = of(check_text(tmp_path, text), rule, "fail")
    assert fails, f"{rule} stayed quiet"
    want = line_of(text, cited)
    assert any(want in lines_of(r) for r in fails), [(r.message, lines_of(r)) for r in fails]
    assert all(r.severity == "错误" and r.finding_id for r in fails)
    assert not of(clean, rule, "fail")  # and the same rule is quiet where the identity holds


def test_a_typo_that_fits_the_percentage_is_named(tmp_path):
    # 8.00 now and 2.00 less → 20.00 %; printed as 9.00 the percentage fits only the digit 8
    text = changed(FINAL, "机关运行经费支出8.00万元", "机关运行经费支出9.00万元")
    fail = of(check_text(tmp_path, text), "stated_change", "fail")
    assert fail and "疑为笔误" in fail[0].message and "8.00" in fail[0].message


def test_agency_expenses_may_equal_public_expenses_but_not_exceed_them(tmp_path, clean):
    assert of(clean, "agency_vs_public", "pass")  # 8.00 = 8.00
    text = changed(FINAL, "机关运行经费支出8.00万元，比2023年度减少2.00万元，下降20.00%",
                   "机关运行经费支出9.00万元，比2023年度减少2.00万元，下降18.18%")
    assert of(check_text(tmp_path, text), "agency_vs_public", "fail")


def test_codes_printed_with_spaces_and_other_title_wording(tmp_path):
    """A budget's 功能分类 table whose codes print as "201 01 01" under a regional title wording."""
    budget = f"""{UNIT}2025年部门预算
2025年单位支出预算表
编制单位：{UNIT}\t单位：元
科目编码\t\t\t科目名称\t合计\t基本支出\t项目支出
类\t款\t项\t\t\t\t
201\t\t\t一般公共服务支出\t1,000.00\t600.00\t400.00
201\t01\t\t人大事务\t1,000.00\t600.00\t400.00
201\t01\t01\t行政运行\t600.00\t600.00\t
201\t01\t02\t一般行政管理事务\t400.00\t\t400.00
\t\t\t合计\t1,000.00\t600.00\t400.00
"""
    results = check_text(tmp_path, budget)
    rows = of(results, "code_hierarchy")
    assert rows and all(r.status == "pass" for r in rows)
    bad = check_text(tmp_path, changed(budget, "201\t01\t01\t行政运行\t600.00\t600.00", "201\t01\t01\t行政运行\t600.01\t600.01"),
                     "bad.txt")
    assert of(bad, "code_hierarchy", "fail")  # a 元 table is exact: one fen off is an error


def test_nine_tables_are_found_under_other_titles(tmp_path):
    titles = ["部门收支总表", "部门收入总表", "部门支出总表", "财政拨款收支总表", "一般公共预算支出表",
              "一般公共预算基本支出表", "一般公共预算“三公”经费支出表", "政府性基金预算支出表", "国有资本经营预算支出表"]
    from extraction.tablefacts import REQUIRED_KINDS, table_kind

    assert [table_kind(t) for t in titles] == list(REQUIRED_KINDS)
    assert table_kind("2024年度单位收入支出决算总表") == "summary"
    assert table_kind("财政拨款收支决算总表") == "grant_summary"
    assert table_kind("一般公共预算财政拨款支出决算明细表") == "gpb"
    assert table_kind("项目支出绩效自评表") is None


def test_a_pdf_table_with_wrapped_names_and_dropped_empty_cells(tmp_path):
    """PDF text rows: a long name wraps onto the next line with its amounts after it; empty cells vanish."""
    pytest.importorskip("reportlab")
    from fixtures_pdf import make_text_pdf

    rows = ("支出决算表\n单位：万元\n科目编码 科目名称 本年支出合计 基本支出 项目支出\n合计 100.00 60.00 40.00\n"
            "208 社会保障和就业支出 100.00 60.00 40.00\n20805 行政事业单位养老支出 100.00 60.00 40.00\n"
            "2080505 机关事业单位基本养老保险缴\n费支出\n60.00 60.00\n2080599 其他行政事业单位养老支出 40.00 40.00\n")
    good = tmp_path / "good.pdf"
    make_text_pdf(f"{UNIT}2024年度部门决算\n" + rows, good, header=None, space_numbers=False, chars_per_line=60)
    layout = read_layout(load(good))
    results = check_layout(layout, detect(layout))
    assert of(results, "code_hierarchy", "pass") and not of(results, "code_hierarchy", "fail")
    assert of(results, "table_rows", "pass") and not of(results, "table_rows", "fail")
    bad = tmp_path / "bad.pdf"
    make_text_pdf(f"{UNIT}2024年度部门决算\n" + rows.replace("\n60.00 60.00\n", "\n66.00 66.00\n"), bad, header=None,
                  space_numbers=False, chars_per_line=60)
    layout = read_layout(load(bad))
    fails = of(check_layout(layout, detect(layout)), "code_hierarchy", "fail")
    assert fails and any(c.page == 1 for r in fails for c in r.citations)


THREE_PUBLIC_BUDGET = f"""{UNIT}2025年部门预算
2025年部门“三公”经费和机关运行经费预算表
编制部门：{UNIT} 单位:万元
“三公”经费预算数 机关运行经费预算数
合计 因公出国(境)费 公务接待费 公务用车购置及运行费
小计 购置费 运行费
1.00 1.00 171.01
其他相关情况说明
2025年“三公”经费预算数为1.00万元。公务接待费1.00万元。
2025年{UNIT}财政拨款的机关运行经费预算为171.01万元。
"""


def test_three_public_table_with_dropped_cells_is_read_by_its_arithmetic(tmp_path):
    pytest.importorskip("reportlab")
    from fixtures_pdf import make_text_pdf

    path = tmp_path / "t9.pdf"
    make_text_pdf(THREE_PUBLIC_BUDGET, path, header=None, space_numbers=False, chars_per_line=60)
    layout = read_layout(load(path))
    assert of(check_layout(layout, detect(layout)), "three_public_table", "pass")
    bad = tmp_path / "t9bad.pdf"
    make_text_pdf(THREE_PUBLIC_BUDGET.replace("1.00 1.00 171.01", "1.00 1.00 117.01"), bad, header=None,
                  space_numbers=False, chars_per_line=60)
    layout = read_layout(load(bad))
    assert of(check_layout(layout, detect(layout)), "three_public_table", "fail")  # 机关运行经费 against the prose


PROJECT = """项目支出绩效自评表
（2024年度）
项目名称\t测试项目
项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分
\t年度资金总额\t10.00\t10.00\t9.00\t10\t90.00%\t9.00
\t其中：当年财政拨款\t10.00\t10.00\t9.00\t—\t—\t—
\t其他资金\t0.00\t0.00\t0.00\t—\t—\t—
一级指标\t二级指标\t三级指标\t分值\t目标值\t实际值\t得分
产出指标\t数量指标\t完成检查次数\t50\t≥10次\t12次\t50
效益指标\t社会效益指标\t群众满意\t40\t≥90%\t95%\t38
总分\t100\t\t\t\t\t97.00
"""


def test_project_tables_rate_funds_and_score(tmp_path):
    text = f"{UNIT}2024年度部门决算\n" + PROJECT
    results = check_text(tmp_path, text)
    for rule in ("project_execution_rate", "project_funds", "project_score"):
        assert of(results, rule, "pass") and not of(results, rule, "fail"), rule
    for rule, old, new in (("project_execution_rate", "9.00\t10\t90.00%", "9.00\t10\t80.00%"),
                           ("project_funds", "\t其他资金\t0.00\t0.00\t0.00", "\t其他资金\t1.00\t0.00\t0.00"),
                           ("project_score", "\t38\n总分", "\t30\n总分")):
        assert of(check_text(tmp_path, changed(text, old, new), "bad.txt"), rule, "fail"), rule


# A 自评表 as 002 prints them: the money rows one cell short (得分 left out), 得分 cells repeated in the empty cells
# after them, the 执行率 row's 得分 not printed at all, a grade beside the 总分.
SELF_EVALUATION = """食品监管补助资金项目支出绩效自评表
(2024年度)
项目名称\t\t食品监管补助资金
项目资金预算安排及执行进度(万元)\t\t年初预算数\t\t全年预算数\t全年执行数\t资金结(转)余\t执行率\t得分
\t\t目标申报数\t预算编制数
\t资金总额:\t50\t50\t38.863\t38.863\t0\t100
\t中央财政资金\t50\t50\t38.863\t38.863\t0\t100.00
绩效指标\t一级指标\t二级指标\t三级指标\t年初指标值\t调整后指标值\t实际完成值\t定性值情况说明\t分值
\t产出指标\t数量指标\t检查次数\t≥次\t≥1次\t≥2次\t\t40\t40\t40
\t\t成本指标\t检查成本\t≤万/年\t≤6万/年\t≤0万/年\t\t10\t0\t0\t0
\t效益指标\t社会效益\t群众满意\t逐步提高\t达成预期指标\t\t40\t37
总 分\t\t\t\t\t87\t良
"""


def test_money_rows_short_of_a_cell_are_aligned_by_their_arithmetic(tmp_path):
    # 50 | 50 are 年初 目标申报数 | 预算编制数; 全年预算数 38.863 = 全年执行数, 结余 0, 执行率 100, no 得分 printed
    text = f"{UNIT}2024年度部门决算\n" + SELF_EVALUATION
    results = check_text(tmp_path, text)
    assert len(of(results, "project_execution_rate", "pass")) == 2 and not of(results, "project_execution_rate", "fail")
    for old, new, column, value in (("\t38.863\t0\t100\n", "\t38.863\t0\t90\n", "执行率", "100"),
                                    ("\t50\t38.863\t38.863\t0\t100\n", "\t50\t38.863\t36.863\t0\t100\n",
                                     "全年执行数", "38.863"),
                                    ("\t38.863\t0\t100\n", "\t38.863\t2\t100\n", "资金结余", "0")):
        fails = of(check_text(tmp_path, changed(text, old, new), "bad.txt"), "project_execution_rate", "fail")
        assert len(fails) == 1 and f"{column}印为" in fails[0].message and f"应为 {value}" in fails[0].message, new
        assert lines_of(fails[0]) == {7}  # the 资金总额 row


def test_a_money_row_whose_cells_fit_no_reading_is_not_judged(tmp_path):
    # three cells agree in no alignment (a row printing 553.758 five times): skip, never fail
    text = f"{UNIT}2024年度部门决算\n" + SELF_EVALUATION.replace(
        "\t资金总额:\t50\t50\t38.863\t38.863\t0\t100\n", "\t资金总额:\t553.758\t553.758\t553.758\t553.758\t553.758\t10\n")
    results = of(check_text(tmp_path, text), "project_execution_rate")
    assert [r.status for r in results] == ["skip", "pass"]


def test_score_with_repeated_cells_and_an_unprinted_rate_score(tmp_path):
    # 分值 40 + 10 + 40 + 执行率 10 = 100; 得分 40 + 0 + 37 = 77, the total leaves 10 for the 执行率 row (分值 10)
    text = f"{UNIT}2024年度部门决算\n" + SELF_EVALUATION
    score = of(check_text(tmp_path, text), "project_score")
    assert [r.status for r in score] == ["pass"] and "未印出的预算执行率得分" in score[0].message
    assert of(check_text(tmp_path, changed(text, "\t87\t良", "\t89\t良"), "bad.txt"), "project_score", "fail")
    repeated = changed(text, "\t10\t0\t0\t0\n", "\t10\t5\t5\t5\n")  # 得分 5 repeated: 82 leaves 5, within 10
    assert [r.status for r in of(check_text(tmp_path, repeated, "rep.txt"), "project_score")] == ["pass"]
    assert of(check_text(tmp_path, changed(text, "\t40\t40\t40\n", "\t40\t60\t60\n"), "bad2.txt"),
              "project_score", "fail")  # 得分 above what the total leaves


def test_total_score_against_its_grade_and_full_marks(tmp_path):
    text = f"{UNIT}2024年度部门决算\n" + SELF_EVALUATION
    assert of(check_text(tmp_path, text), "project_grade", "pass") and not of(check_text(tmp_path, text), "project_grade",
                                                                              "fail")
    for new in ("\t97\t良", "\t78\t良", "\t187\t良"):
        fails = of(check_text(tmp_path, changed(text, "\t87\t良", new), "bad.txt"), "project_grade", "fail")
        assert fails and lines_of(fails[0]) == {13}, new


def test_the_real_short_money_row_of_002_is_read_and_its_cells_checked():
    # 两品一械 资金总额 prints 0 | 22 | 22 | 13.219 | 8.781 | 60.09 (no 得分); 中央食品 50 | 50 | 38.863 | 38.863 | 0 | 100
    text = (DATA / "002_a48143ca35b5d44a.txt").read_text(encoding="utf-8")
    results = of(check_text_in(text), "project_execution_rate")
    assert not [r for r in results if r.status == "fail"]
    assert any("两品一械”工作经费" in r.message and "执行数 13.219" in r.message for r in results if r.status == "pass")
    assert any("中央食品" in r.message and "全年预算数 38.863" in r.message for r in results if r.status == "pass")
    row = "||资金总额:||0\t22\t22\t13.219\t8.781\t60.09"
    assert row.replace("||", "\t\t") in text
    bad = text.replace(row.replace("||", "\t\t"), row.replace("||", "\t\t").replace("13.219", "13.291"))
    fails = [r for r in of(check_text_in(bad), "project_execution_rate", "fail") if "两品一械”工作经费" in r.message]
    assert len(fails) == 1 and "应为 13.219" in fails[0].message


def check_text_in(text: str) -> list[CheckResult]:
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        return check_text(Path(d), text, "002.txt")


def test_reception_and_vehicle_notes(tmp_path):
    base = (f"{UNIT}2024年度部门决算\n公务接待费支出0.00万元，共接待0批次，0人次。\n"
            "公务用车购置费0.00万元，公务用车运行维护费0.00万元。公务用车保有量0辆。\n本年度购置公务用车0辆。\n")
    results = check_text(tmp_path, base)
    assert of(results, "reception_counts", "pass") and of(results, "vehicles_vs_money", "pass")
    worse = check_text(tmp_path, base.replace("共接待0批次，0人次", "共接待3批次，12人次").replace(
        "公务用车运行维护费0.00万元", "公务用车运行维护费2.00万元"), "bad.txt")
    assert of(worse, "reception_counts", "warn") and of(worse, "vehicles_vs_money", "warn")


def test_one_change_stated_twice_differently(tmp_path):
    base = (f"{UNIT}2025年部门预算\n2025年，{UNIT}收入预算300.00万元，其中：财政拨款收入300.00万元，比2024年预算增加20.00万元。"
            "支出预算300.00万元，其中：财政拨款支出预算300.00万元，比2024年预算增加20.00万元。\n")
    assert not of(check_text(tmp_path, base), "change_stated_twice", "fail")
    bad = base.replace("支出预算300.00万元，其中：财政拨款支出预算300.00万元，比2024年预算增加20.00万元",
                       "支出预算300.00万元，其中：财政拨款支出预算300.00万元，比2024年预算增加26.00万元")
    assert of(check_text(tmp_path, bad, "bad.txt"), "change_stated_twice", "fail")


def test_findings_are_ordered_fails_first_and_cite_every_place(clean, tmp_path):
    results = check_text(tmp_path, changed(FINAL, "人员经费合计\t52.00", "人员经费合计\t55.00"))
    statuses = [r.status for r in results]
    assert statuses == sorted(statuses, key=["fail", "warn", "skip", "pass"].index)
    ids = [r.finding_id for r in results]
    assert len(ids) == len(set(ids))  # stable and unique within a document
    again = check_text(tmp_path, changed(FINAL, "人员经费合计\t52.00", "人员经费合计\t55.00"), "again.txt")
    assert [r.finding_id for r in results if r.status == "fail"] != [] and \
        sorted(r.finding_id for r in again if r.status == "fail") != []


# -- the corpus: errors really printed, and quiet where the identities hold --------------------------

def _real(name: str) -> Path:
    pdf = next((p for p in REAL_PDFS if name in p.name), None)
    if pdf is None:
        pytest.skip("the real PDFs are not beside the project")
    return pdf


@pytest.fixture(scope="module")
def planning():
    layout = read_layout(load(_real("guihuaziyuan")))
    return check_layout(layout, detect(layout))


def test_real_errors_of_the_planning_bureau_final_accounts(planning):
    fails = {(r.rule, min(c.page for c in r.citations)) for r in planning if r.status == "fail"}
    assert fails == {("same_figure_agrees", 15), ("same_figure_agrees", 16), ("unit_name", 7), ("template_residue", 25)}
    unit = next(r for r in planning if r.rule == "unit_name" and r.status == "fail")
    assert "上海市规划和自然资源局" in unit.message and "普陀区" in unit.message
    personnel = next(r for r in planning if r.rule == "same_figure_agrees" and "人员经费" in r.message)
    assert "4,884.09 万元" in personnel.message and "4,896.98 万元" in personnel.message and "12.89 万元" in personnel.message


def test_the_commerce_budget_has_no_fail():
    layout = read_layout(load(_real("shangwu")))
    results = check_layout(layout, detect(layout))
    assert [r.message for r in results if r.status == "fail"] == []
    assert of(results, "three_public_table", "pass") and of(results, "code_hierarchy", "pass")


@pytest.mark.parametrize("name,expected", [
    ("000_04b2af8a0d084766.txt", set()),
    ("002_a48143ca35b5d44a.txt", {"code_hierarchy"}),  # 公开06表 302
    ("001_2fc89b8a598a0283.txt", {"code_hierarchy", "economic_totals", "template_residue"}),  # 表六; "预算金额万元"
    ("004_36c23adddff5d972.txt", set()),
])
def test_corpus_texts_fail_only_where_they_really_print_an_error(name, expected):
    layout = read_layout(load(DATA / name))
    assert {r.rule for r in check_layout(layout, detect(layout)) if r.status == "fail"} == expected


def test_missing_standard_tables_are_named_and_the_full_set_passes(tmp_path, clean):
    missing = of(clean, "tables_present", "warn")
    assert missing and all(w in missing[0].message for w in ("收入表", "财政拨款收支总表", "“三公”经费表", "国有资本经营"))
    tables = "".join(f"{title}\n单位：万元\n项目\t金额\n合计\t1.00\n\n" for title in (
        "部门收支总表", "部门收入总表", "部门支出总表", "财政拨款收支总表", "一般公共预算支出表", "一般公共预算基本支出表",
        "“三公”经费支出表", "政府性基金预算支出表", "国有资本经营预算支出表"))
    results = check_text(tmp_path, f"{UNIT}2025年部门预算\n" + tables, "nine.txt")
    assert of(results, "tables_present", "pass") and not of(results, "tables_present", "warn")


def test_fleet_reception_and_procurement_limits(tmp_path):
    base = (f"{UNIT}2024年度部门决算\n"
            "公务用车购置数0辆，公务用车保有量11辆。国有资产占用情况中固定资产车辆11辆，与公务用车保有量差异原因是：两者一致无差异。\n"
            "公务接待费支出0.59万元，共接待9批次，68人次。国内接待费0.59万元，共接待9批次，68人次；国（境）外接待费0万元，"
            "共接待国（境）外0批次，0人次。\n"
            "2024年度政府采购支出总额50.00万元。授予中小企业合同金额40.00万元，占政府采购支出总额的80.00%。\n")
    results = check_text(tmp_path, base)
    for rule in ("fleet_vs_assets", "reception_parts", "sme_within_procurement"):
        assert of(results, rule, "pass") and not of(results, rule, "fail"), rule
    for rule, old, new in (("fleet_vs_assets", "固定资产车辆11辆", "固定资产车辆12辆"),
                           ("reception_parts", "共接待9批次，68人次。国内", "共接待19批次，68人次。国内"),
                           ("reception_parts", "共接待9批次，68人次。国内", "共接待9批次，6人次。国内"),
                           ("sme_within_procurement", "授予中小企业合同金额40.00万元，占政府采购支出总额的80.00%",
                            "授予中小企业合同金额60.00万元，占政府采购支出总额的120.00%")):
        assert of(check_text(tmp_path, changed(base, old, new), "bad.txt"), rule, "fail"), (rule, new)


def test_a_change_against_both_printed_figures_and_an_item_stated_twice(tmp_path):
    base = (f"{UNIT}2024年度部门决算\n机关运行经费支出12.00万元，上年为10.00万元，增加2.00万元，增长20.00%。\n"
            "1、一般公共服务支出（类）人大事务（款）行政运行（项）：支出决算数为40.00万元。\n"
            "2、一般公共服务支出（类）人大事务（款）行政运行（项）：支出决算数为40.00万元，主要用于人员支出。\n")
    results = check_text(tmp_path, base)
    assert of(results, "stated_change", "pass") and not of(results, "stated_change", "fail")
    assert not of(results, "item_amounts", "fail")
    wrong = check_text(tmp_path, base.replace("上年为10.00万元，增加2.00万元，增长20.00%", "上年为13.00万元，增加2.00万元，增长20.00%"),
                       "wrong.txt")
    assert any("应减少" in r.message for r in of(wrong, "stated_change", "fail"))
    twice = check_text(tmp_path, base.replace("支出决算数为40.00万元，主要用于", "支出决算数为44.00万元，主要用于"), "twice.txt")
    assert any("又写作 44.00" in r.message for r in of(twice, "item_amounts", "fail"))


def test_a_graded_总计_row_is_the_total_score_and_an_ungraded_one_is_not(tmp_path):
    # 002's 个体工商户 table closes with "总计 | 98 | 优" instead of 总分; a 总计 without a grade may be money
    text = f"{UNIT}2024年度部门决算\n" + SELF_EVALUATION.replace("总 分\t\t\t\t\t87\t良", "总计\t\t\t\t\t87\t良")
    score = of(check_text(tmp_path, text), "project_score")
    assert [r.status for r in score] == ["pass"]
    assert of(check_text(tmp_path, changed(text, "\t87\t良", "\t89\t良"), "bad.txt"), "project_score", "fail")
    assert of(check_text(tmp_path, changed(text, "\t87\t良", "\t97\t良"), "grade.txt"), "project_grade", "fail")
    path = tmp_path / "score.txt"
    path.write_text(text, encoding="utf-8")
    layout = read_layout(load(path))
    figures = {f.key: f.value for f in extract(layout, detect(layout)).figures}
    assert figures["project:食品监管补助资金:score"] == "87"
    path.write_text(text.replace("\t87\t良", "\t87\t"), encoding="utf-8")
    layout = read_layout(load(path))
    assert "project:食品监管补助资金:score" not in {f.key for f in extract(layout, detect(layout)).figures}
    assert not of(check_text(tmp_path, text.replace("\t87\t良", "\t87\t"), "money.txt"), "project_score")


def _money_rows(name: str) -> dict[tuple[str, str], dict[str, str]]:
    from extraction.lineitems import project_money_items

    layout = read_layout(load(DATA / name))
    return {(i.name, i.path[0]): {a.column: a.value for a in i.amounts}
            for i in project_money_items(layout, detect(layout))}


def test_a_projects_money_rows_keep_every_column_the_header_prints():
    """年初预算数 and the fund rows (cells one per line), 目标申报数 | 预算编制数 and 资金结(转)余 (a row of cells); a table
    whose 执行率 is not 全年执行数 / 全年预算数 as the header places them is misread and gives nothing."""
    changji = _money_rows("000_04b2af8a0d084766.txt")
    assert changji[("机关运行补助(自有资金)", "年度资金总额")] == {
        "年初预算数": "34.70", "全年预算数": "32.87", "全年执行数": "32.87", "分值": "10", "执行率": "100.00", "得分": "10.00"}
    assert changji[("机关运行补助(自有资金)", "当年财政拨款")] == {
        "年初预算数": "0.00", "全年预算数": "11.49", "全年执行数": "11.49"}
    assert changji[("机关运行补助(自有资金)", "其他资金")]["全年执行数"] == "21.38"
    datong = _money_rows("002_a48143ca35b5d44a.txt")
    assert datong[("J执法办案经费", "资金总额")] == {
        "年初预算数（目标申报数）": "0", "年初预算数（预算编制数）": "33", "全年预算数": "33", "全年执行数": "25.118",
        "资金结(转)余": "7.882", "执行率": "76.12", "得分": "7.61"}
    # the sub-header printed under every column and one value short: no column can be placed
    assert not [k for k in datong if k[0] == "J信息网络运维费"]


def test_assets_and_their_values_as_the_state_owned_assets_section_states_them():
    from extraction.lineitems import asset_items

    layout = read_layout(load(DATA / "001_2fc89b8a598a0283.txt"))
    found = {i.name: [(a.column, a.value, a.unit) for a in i.amounts] for i in asset_items(layout, detect(layout))}
    assert found["房屋"] == [("数量", "47412.20", "平方米"), ("价值", "13075.34", "万元")]
    assert found["执法执勤用车"] == [("数量", "18", "辆"), ("价值", "362.89", "万元")]
    assert found["办公家具"] == [("价值", "200.73", "万元")]
    assert not [n for n in found if "单位" in n or "设备" in n]  # 单位价值50万元以上大型设备: a bound, not a value


def test_the_parts_the_text_lists_after_a_whole_keep_their_whole_and_stay_out_of_tables():
    from extraction.lineitems import part_items

    layout = read_layout(load(DATA / "002_a48143ca35b5d44a.txt"))
    parts = {i.name: (i.path, i.amounts[0].value) for i in part_items(layout, detect(layout))}
    assert parts["基本工资"] == (["财政拨款基本支出"], "731.94")  # (主要包括 is no part of the name, nor the year)
    assert parts["其他社会保障缴费"][1] == "2.78"  # a name that holds 其
    layout = read_layout(load(DATA / "000_04b2af8a0d084766.txt"))
    parts = {i.name: i for i in part_items(layout, detect(layout))}
    assert parts["授予小微企业合同金额"].amounts[0].value == "848.82"
    assert parts["授予小微企业合同金额"].path == ["授予中小企业合同金额"]
    assert "广告费" not in parts  # a 绩效 table's cells read as one run of text are no running text


def test_a_projects_section_lists_its_parts(tmp_path):
    """A budget's 项目经费情况说明 lists what the project's money is for, hard-wrapped mid-name; the parts are that
    project's, and a numbered heading of the explanation is no project."""
    from conftest import service_with

    svc = service_with(tmp_path, "jiading_wenlv_2025.txt", "上海市嘉定区文化和旅游局2025年部门预算\n第一部分 部门概况\n"
                                        "文旅融合发展专项经费情况说明\n一、项目概述\n推动文旅融合发展。\n六、年度预算安排\n"
                                        "2025年度项目总预算600.00万，其中支持文旅演艺发展300.00万，支持旅游\n品牌建设200.00万，"
                                        "支持节庆活动100.00万，合计600.00万。\n")
    a = svc.ask("嘉定文旅局文旅融合发展专项的钱分成哪几块")
    assert a.answerable and "支持文旅演艺发展300.00万元、支持旅游品牌建设200.00万元、支持节庆活动100.00万元" in a.answer
    b = svc.ask("嘉定文旅局2025年支持节庆活动安排了多少")
    assert b.answerable and "100.00万元" in b.answer and "（项目总预算之中）" in b.answer
