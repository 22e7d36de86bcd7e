"""棠溪县民政局's 2026 部门预算 as a PDF whose 收支总表 is printed one cell per line, its labels numbered (一、…); its
2025 决算 as text: a 三公 change stated in the sentence after the budget-gap reason, with last year's figure; a
政府性基金 table with a 项目支出 column; a 项 named by what its money was; a member unit's spending said in a 分单位看
sentence. 棠溪县农业农村局's 2025 self-evaluation as DOCX, its columns marked 全年预算数（A）, 执行率（B/A）, and a
per-ton standard in its report.

Questions: the budget's total, a change and its base, a member's spending and its part, a part of the bureau no
document lists, a half year, the self-evaluation's columns and their gap, a per-ton standard."""

from __future__ import annotations

import pytest
from conftest import make_service
from fixtures_pdf import make_docx, make_text_pdf

BUDGET = "\n".join([
    "棠溪县民政局2026年部门预算",
    "第一部分 部门概况",
    "本部门负责全县社会救助、养老服务和社区治理工作，统筹推进城乡社区服务体系建设，指导婚姻登记、殡葬管理和"
    "区划地名工作，承担全县困难群众基本生活保障和特殊群体关爱服务的组织协调工作。",
    "第二部分 2026年部门预算表",
    "表1", "2026年部门收支总表", "编制单位：棠溪县民政局", "单位：万元",
    "收入", "支出", "项目", "预算数", "项目", "预算数",
    "一、一般公共预算拨款收入", "2800.00", "一、社会保障和就业支出", "2650.00",
    "二、政府性基金预算拨款收入", "100.00", "二、城乡社区支出", "300.00",
    "三、事业收入", "0.00",
    "本年收入合计", "2900.00", "本年支出合计", "2950.00",
    "上年结转", "50.00",
    "收入总计", "2950.00", "支出总计", "2950.00",
])

FINAL = """棠溪县民政局2025年度部门决算
第一部分 部门概况
本局内设办公室、社会救助股、养老服务股3个股室，下设城东、城西2所敬老院。纳入本部门2025年度部门决算编制范围的单位共2个，包括：棠溪县民政局（本级）、棠溪县社会福利院。
第二部分 2025年度部门决算情况说明
一、支出决算情况说明
2025年度本年支出合计1700.00万元，其中：基本支出1100.00万元，项目支出600.00万元，主要用于养老服务、困难群众临时救助和社区治理等专项工作。
分单位看：棠溪县民政局（本级）本年支出1000.00万元（基本支出600.00万元，项目支出400.00万元）；棠溪县社会福利院本年支出700.00万元（基本支出500.00万元，项目支出200.00万元）。
二、一般公共预算财政拨款支出决算具体情况
4.社会福利（款）儿童福利（项）：支出决算为30.00万元，完成全年预算的100%。决算数为年中追加的孤儿基本生活保障资金，全年保障孤儿24名。
3.社会保障和就业支出（类）民政管理事务（款）其他民政管理事务支出（项）。年初预算为0.00万元，支出决算为52.00万元。年初未安排预算，决算数为年中追加的困难群众临时救助资金，全年救助85户困难家庭。
三、财政拨款“三公”经费支出决算情况说明
2025年度“三公”经费财政拨款支出全年预算为30.00万元，支出决算为26.40万元，完成全年预算的88.00%。决算数小于全年预算数的主要原因是严格控制公务接待。与2024年度的20.00万元相比，增加6.40万元，增长32.00%，主要原因是更新购置1辆公务用车。
其中：公务用车运行维护费支出决算为4.20万元，与2024年度的5.00万元相比，减少0.80万元；公务接待费支出决算为2.00万元，完成全年预算的100%。与2024年度的1.50万元相比，增加0.50万元，主要原因是承办全市养老服务现场会。
第三部分 2025年度部门决算表
表7
政府性基金预算财政拨款收入支出决算表
单位：万元
项目\t年初结转和结余\t本年收入\t本年支出\t\t\t年末结转和结余
科目名称\t\t\t小计\t基本支出\t项目支出\t
合计\t20.00\t100.00\t120.00\t0.00\t120.00\t0.00
"""

_REPORT = [
    "棠溪县农业农村局2025年度部门整体支出绩效自评报告",
    "一、部门预算及执行情况",
    "2025年度本部门年初预算数1500.00万元，全年预算数1650.00万元，全年执行数1600.50万元，预算执行率97.00%。",
    "按全县储备化肥2000吨、每吨每年60元的标准拨付化肥储备补贴12.00万元。",
    "2025年度部门整体支出绩效自评表",
]
_FORM = [
    ["部门（单位）名称", "棠溪县农业农村局", "", "", "", "", "", ""],
    ["年度预算执行情况（万元）", "", "年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"],
    ["年度预算执行情况（万元）", "年度资金总额", "1,500.00", "1,650.00", "1,600.50", "10", "97.00%", "9.70"],
    ["年度预算执行情况（万元）", "其中：财政拨款", "1,500.00", "1,650.00", "1,600.50", "—", "—", "—"],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["产出指标", "数量指标", "化肥储备补贴规模", "2000吨", "2000吨", "10", "10.00", ""],
    ["总分", "100", "97.70", "", "", "", "", ""],
]


FORESTRY_BUDGET = "\n".join([
    "棠溪县林业局2026年部门预算", "表1", "部门收支总表", "单位：万元", "项目", "预算数", "项目", "预算数",
    "一、一般公共预算拨款收入", "1,210.00", "一、农林水支出", "1,180.00", "二、住房保障支出", "60.00",
    "本年收入合计", "1,210.00", "本年支出合计", "1,240.00", "上年结转", "30.00",
    "收入总计", "1,240.00", "支出总计", "1,240.00",
])
# a one-page form printed one cell per line, with two lines of prose only
FORESTRY_FORM = "\n".join([
    "棠溪县林业局2025年度部门整体支出绩效自评表", "主管部门", "棠溪县林业局",
    "项目", "年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分",
    "年度资金总额", "1,100.00", "1,180.00", "1,121.00", "10", "95.00%", "9.50",
    "其中：基本支出", "700.00", "720.00", "712.80", "—", "99.00%", "—",
    "项目支出", "400.00", "460.00", "408.20", "—", "88.74%", "—",
    "年度总体目标完成情况：完成国土绿化造林1.2万亩，森林火灾受害率控制在0.5‰以内，林业有害生物成灾率低于3‰。",
    "前三季度支出进度72.40%。",
])
FORESTRY_FINAL = """棠溪县林业局2025年度部门决算
一、支出决算情况说明
2025年度本年支出合计1121.00万元，其中：基本支出712.80万元，项目支出408.20万元。
"""


_PROJECT_FORM = [
    ["项目名称", "综合行政执法执行平台建设", "", "", "", "", ""],
    ["主管部门", "棠溪县农业农村局", "实施单位", "棠溪县农业农村局", "", "", ""],
    ["项目资金（万元）", "年初预算数", "全年预算数（A）", "全年执行数（B）", "偏差（C=B-A）", "执行率（B/A）", "得分"],
    ["年度资金总额", "180.00", "210.00", "198.60", "-11.40", "94.57%", "9.46"],
    ["其中：当年财政拨款", "180.00", "210.00", "198.60", "-11.40", "94.57%", "—"],
]


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    home = tmp_path_factory.mktemp("tangxi")
    make_text_pdf(BUDGET, home / "tangxi_mzj_2026.pdf", header=None)
    (home / "tangxi_mzj_2025.txt").write_text(FINAL, encoding="utf-8")
    docx = make_docx(home, _REPORT, _FORM, name="tangxi_nyj_2025_zp.docx")
    make_docx(home, ["棠溪县农业农村局2025年度项目支出绩效自评表"], _PROJECT_FORM, name="tangxi_nyj_2025_xm.docx")
    (home / "tangxi_lyj_2026.txt").write_text(FORESTRY_BUDGET, encoding="utf-8")
    make_text_pdf(FORESTRY_FORM, home / "tangxi_lyj_2025_zp.pdf", header=None)
    (home / "tangxi_lyj_2025.txt").write_text(FORESTRY_FINAL, encoding="utf-8")
    svc = make_service(home / "store", DISCLOSURE_TODAY="2026-11-30")
    files = ["tangxi_mzj_2026.pdf", "tangxi_mzj_2025.txt", docx.name, "tangxi_nyj_2025_xm.docx", "tangxi_lyj_2026.txt",
             "tangxi_lyj_2025_zp.pdf", "tangxi_lyj_2025.txt"]
    outcomes = svc.ingest([home / f for f in files])
    assert [o.status for o in outcomes] == ["ingested"] * len(files), [o.message for o in outcomes]
    assert not [w for o in outcomes for w in o.warnings], [o.warnings for o in outcomes]
    return svc


def _ask(svc, question):
    a = svc.ask(question)
    assert a.answerable and a.citations, (question, a.answer)
    return a


def _figures(svc, key, year):
    return {(f.value, f.citation.source) for f in svc.store.figures_where([key], None, year)}


def test_a_totals_table_printed_one_cell_per_line_with_numbered_labels(svc):
    # (the labels "一、一般公共预算拨款收入" are the table's rows, not headings that end it)
    assert ("2950.00", "tangxi_mzj_2026.pdf") in _figures(svc, "expenditure_current_year", 2026)
    assert ("2900.00", "tangxi_mzj_2026.pdf") in _figures(svc, "income_current_year", 2026)
    a = _ask(svc, "棠溪县民政局今年部门预算总共多少钱？")
    assert "2950.00" in a.answer and "本年支出合计" in a.citations[0].quote, (a.answer, a.citations[0].quote)


def test_a_change_stated_after_the_budget_gaps_reason_with_last_years_figure(svc):
    a = _ask(svc, "棠溪县民政局去年三公经费比前年增加了多少？")
    assert "6.40" in a.answer and "20.00" in a.answer and "26.40" in a.answer, a.answer


def test_a_funds_own_table_holds_no_department_total(svc):
    projects = {(v, src) for v, src in _figures(svc, "project_expenditure", 2025) if src == "tangxi_mzj_2025.txt"}
    assert projects and all(v == "600.00" for v, _ in projects), projects  # (not the 政府性基金 table's 120.00 / 0.00)


def test_a_row_named_by_its_money_before_a_list_of_uses(svc):
    a = _ask(svc, "棠溪县民政局去年困难群众临时救助花了多少？救助了多少户？")
    assert "52.00" in a.answer and "85户" in a.answer and "600.00" not in a.answer, a.answer


def test_a_member_units_spending_said_in_a_sentence_and_its_part(svc):
    a = _ask(svc, "棠溪县社会福利院去年花了多少钱？其中项目支出多少？")
    assert "700.00" in a.answer and "200.00" in a.answer, a.answer
    assert "600.00万元" not in a.answer.replace("基本支出600.00万元", ""), a.answer  # (not the department's 项目支出)


def test_a_part_of_the_bureau_no_document_lists_and_a_half_year_are_refused(svc):
    a = svc.ask("棠溪县民政局去年城东敬老院单独花了多少钱？")
    assert not a.answerable and "1700.00" not in a.answer and "城东敬老院" in a.answer, a.answer
    b = svc.ask("棠溪县民政局今年上半年实际花了多少钱？")
    assert not b.answerable and "2950.00" not in b.answer and "上半年" in b.answer, b.answer


def test_self_evaluation_columns_marked_with_letters_and_their_gap(svc):
    a = _ask(svc, "棠溪县农业农村局整体自评里预算执行率这项得了几分？")
    assert "9.70分" in a.answer and "97.00%" in a.answer, a.answer
    b = _ask(svc, "农业农村局去年年初预算是多少？全年预算比年初多了多少？")
    assert "1500.00" in b.answer and "150.00" in b.answer and b.computed.get("difference") == "150.00", b.answer


def test_a_per_ton_standard_is_the_sentence_that_prints_it(svc):
    a = _ask(svc, "农业农村局化肥储备补贴每吨多少钱？储备了多少吨，一共补了多少？")
    assert "每吨每年60元" in a.answer and "12.00" in a.answer, a.answer


def test_a_change_without_a_rate_and_last_years_figure_asked_alone(svc):
    a = _ask(svc, "棠溪县民政局去年公务接待费比上年增加多少？")
    assert "0.50" in a.answer and "1.50" in a.answer, a.answer
    b = _ask(svc, "棠溪县民政局前年公务接待费是多少？")  # (no 2024 document: the 2025 决算's statement of it)
    assert "1.50" in b.answer and "2024" in b.answer and "2.00" in b.citations[0].quote, b.answer


def test_a_row_path_printed_without_its_class(svc):
    a = _ask(svc, "棠溪县民政局去年孤儿基本生活保障资金花了多少？")  # (社会福利（款）儿童福利（项）, no （类）)
    assert "30.00" in a.answer and "24名" in a.answer, a.answer


def test_a_text_totals_table_one_cell_per_line(svc):
    a = _ask(svc, "棠溪县林业局今年一般公共预算拨款收入是多少？")
    assert "1210.00" in a.answer, a.answer
    b = _ask(svc, "棠溪县林业局今年上年结转多少？")
    assert "30.00" in b.answer, b.answer


def test_a_one_page_form_with_little_prose_keeps_its_cells_apart(svc):
    a = _ask(svc, "棠溪县林业局去年项目支出执行率是多少？")
    assert "88.74%" in a.answer and "460.00" in a.answer, a.answer


def test_a_project_forms_gap_and_deviation_columns(svc):
    # (the project's own name holds 执行: it names no column)
    a = _ask(svc, "综合行政执法执行平台建设项目去年全年预算比年初预算多了多少？")
    assert "30.00" in a.answer and a.computed.get("difference") == "30.00", a.answer
    b = _ask(svc, "综合行政执法执行平台建设项目去年偏差是多少？")
    assert "-11.40" in b.answer, b.answer


def test_a_class_row_of_a_totals_table_printed_one_cell_per_line(svc):
    a = _ask(svc, "棠溪县林业局今年农林水支出预算多少？")
    assert "1180.00" in a.answer and "农林水支出" in a.answer, a.answer


def test_whole_spending_asked_in_everyday_words_and_the_bureaus_own_part(svc):
    for q in ("棠溪县民政局去年花了多少？", "棠溪县民政局去年开支多少啊？", "棠溪县民政局去年一年到头花了多少？"):
        a = _ask(svc, q)
        assert "1700.00" in a.answer, (q, a.answer)
    b = _ask(svc, "棠溪县民政局机关本级去年支出多少？")  # (its 分单位看 sentence, not the department's total)
    assert "1000.00" in b.answer and "1700.00" not in b.answer, b.answer


def test_a_change_stated_in_the_figures_own_sentence_without_a_rate(svc):
    a = _ask(svc, "棠溪县民政局前年公务用车运行维护费多少？")
    assert "5.00" in a.answer and "4.20" in a.citations[0].quote, a.answer


def test_a_self_evaluations_columns_beside_the_same_years_final_accounts(svc):
    a = _ask(svc, "棠溪县林业局去年基本支出年初预算是多少？")  # (the 决算 prints no 年初预算 of its 基本支出)
    assert "700.00" in a.answer, a.answer
    b = _ask(svc, "棠溪县林业局去年项目支出多少？")  # (the 决算's own figure)
    assert "408.20" in b.answer and "460.00" not in b.answer, b.answer
    c = _ask(svc, "棠溪县林业局去年前三季度支出进度是多少？")  # (printed: a share, not an amount of money)
    assert "72.40%" in c.answer, c.answer
