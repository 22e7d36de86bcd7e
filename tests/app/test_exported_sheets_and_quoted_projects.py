"""Tables exported from a spreadsheet as comma-separated values, projects named in quotes or as numbered items with
their figures in the running text, units listed in a sentence and their amounts after 分单位看, the 三公 money's budget
and actual said in one sentence, and a part asked for inside its whole ("收入里财政拨款有多少") — on invented documents."""

from __future__ import annotations

import pytest

from index.layout import read_layout
from index.loaders import load

_FINAL = """苍梧市青岚县水利局2023年度部门决算
第一部分 部门概况
纳入青岚县水利局2023年度部门决算编制范围的单位共3个，构成如下：
序号,单位名称,单位性质
1,青岚县水利局（机关）,行政单位
2,青岚县水利工程管理站,公益一类事业单位
3,青岚县河道管理所,公益一类事业单位

第二部分 2023年度部门决算表
[工作表：表1 收入支出决算总表]
收入项目,决算数,支出项目,决算数
一、一般公共预算财政拨款收入,"2,846.30",一、农林水支出,"2,655.10"
二、事业收入,120.40,二、社会保障和就业支出,236.80
三、其他收入,18.20,,
本年收入合计,"2,984.90",本年支出合计,"2,891.90"

[工作表：表2 收入决算表]
单位名称,本年收入合计,财政拨款收入,事业收入,其他收入
合计,"2,984.90","2,846.30",120.40,18.20
青岚县水利局（机关）,"1,410.60","1,402.10",0.00,8.50
青岚县水利工程管理站,"1,022.70",912.20,106.00,4.50
青岚县河道管理所,551.60,531.90,14.40,5.20

第三部分 2023年度部门决算情况说明
一、收入决算情况说明
2023年度本部门本年收入合计2984.90万元，其中：财政拨款收入2846.30万元，占95.36%；事业收入120.40万元，占4.03%；其他收入18.20万元，占0.61%。
二、部门绩效自评情况
2023年度本部门对项目支出开展绩效自评，涉及项目6个。其中，“青岚河中游段堤防加固”项目全年预算数640.00万元，执行数596.80万元，执行率93.25%，自评得分91.50分；“农村饮水安全巩固提升”项目全年预算数310.00万元，执行数310.00万元，自评得分96.00分。
"""


_TOWN = """柳溪县石桥镇人民政府2025年度部门整体支出绩效自评报告
一、部门基本情况
纳入本部门2025年度预算编制范围的单位共3个，包括：石桥镇人民政府机关（行政单位）、石桥镇农业综合服务中心（公益一类事业单位）和石桥镇社会事务服务中心（公益一类事业单位）。
二、预算执行情况
2025年全年实际支出3120.50万元，其中基本支出1800.20万元，项目支出1320.30万元。
分单位看：石桥镇人民政府机关2410.30万元，石桥镇农业综合服务中心402.70万元，石桥镇社会事务服务中心307.50万元。
2025年“三公”经费预算18.00万元，实际支出15.42万元，完成预算的85.67%。
三、重点项目绩效情况
1.石桥集镇雨污分流改造（政府性基金）项目。全年预算数300.00万元，执行数261.00万元，执行率87.00%，项目自评得分82.5分。项目用于集镇雨污分流管网改造。
2.农田水利设施维修项目。全年预算数120.00万元，执行数118.80万元，执行率99.00%，项目自评得分93.0分。
我镇设定的部门整体绩效目标为：全年预算执行率不低于95%；农村生活污水治理率达到50%。
全镇农村生活污水治理率达到46.5%，比上年提高5.2个百分点，但低于50%的年度目标；城乡居民医保参保率97.80%，高于不低于95%的目标值。
四、自评结论
经自评，石桥镇2025年度部门整体支出绩效自评得分为90.4分，评价等级为“优”，比2024年度自评得分87.9分提高2.5分。
五、存在的问题
（一）项目储备不足。部分项目前期论证不充分，年中调整较多。
（二）绩效目标偏粗。个别指标难以量化考核。
六、改进措施
（一）做实项目库，提前开展项目论证。
"""


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    from conftest import make_service

    folder = tmp_path_factory.mktemp("sheets")
    (folder / "water_2023.txt").write_text(_FINAL, encoding="utf-8")
    (folder / "town_2025.txt").write_text(_TOWN, encoding="utf-8")
    svc = make_service(folder / "home")
    assert [o.status for o in svc.ingest(sorted(folder.glob("*.txt")))] == ["ingested", "ingested"]
    return svc


def test_comma_separated_rows_become_cells_and_prose_commas_do_not(tmp_path):
    path = tmp_path / "water_2023.txt"
    path.write_text(_FINAL, encoding="utf-8")
    layout = read_layout(load(path))
    tables = {t.title: t for t in layout.tables}
    assert "表2收入决算表" in tables, sorted(tables)  # the sheet's name, without its frame
    rows = {r.first: r.cells for r in tables["表2收入决算表"].rows}
    assert rows["青岚县水利工程管理站"] == ["青岚县水利工程管理站", "1,022.70", "912.20", "106.00", "4.50"]
    # the running text's commas (full-width in the source) are no separators: its lines stay running text
    assert any("财政拨款收入2846.30万元,占95.36%" in ln.text for ln in layout.narrative)
    # the offset map still points at the source: a row's span prints its original characters
    row = next(r for r in tables["表2收入决算表"].rows if r.first == "青岚县水利工程管理站")
    assert layout.doc.printed(row.start, row.end) == "青岚县水利工程管理站,1,022.70,912.20,106.00,4.50"


def test_a_lone_line_of_ascii_commas_is_not_a_table(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("说明\n本表金额单位为万元,数据截至2023年底,共计3,各单位自行核对\n其他事项。\n", encoding="utf-8")
    layout = read_layout(load(path))
    assert not layout.tables and "\t" not in layout.text


def test_commas_that_group_digits_separate_no_cells(tmp_path):
    """A PDF's rows of figures with thousands separators ("合计 1,234.56 2,345.67 3,456.78") are no exported sheet."""
    path = tmp_path / "rows.txt"
    path.write_text("表1 支出决算表\n合计 1,234.56 2,345.67 3,456.78\n行政运行 1,034.56 2,045.67 3,056.78\n",
                    encoding="utf-8")
    assert "\t" not in read_layout(load(path)).text


def test_a_member_units_row_in_an_exported_sheet_answers_for_it(archive):
    a = archive.ask("青岚县河道管理所2023年收入多少")
    assert a.answerable and "551.60万元" in a.answer and "事业收入14.40万元" in a.answer, a.answer
    assert any(c.quote == "青岚县河道管理所,551.60,531.90,14.40,5.20" for c in a.citations), a.citations


def test_a_project_named_in_quotes_answers_with_its_figures(archive):
    a = archive.ask("青岚县水利局堤防加固项目2023年预算多少，自评多少分？")
    assert a.answerable and "640.00万元" in a.answer and "91.50分" in a.answer, a.answer
    a = archive.ask("水利局饮水安全巩固提升项目2023年执行了多少")
    assert a.answerable and "310.00万元" in a.answer and "96.00分" in a.answer, a.answer
    assert any("农村饮水安全巩固提升" in c.quote for c in a.citations)


def test_a_part_asked_inside_its_whole(archive):
    a = archive.ask("青岚县水利局2023年收入里财政拨款有多少，占比多少？")
    assert a.answerable and "2846.30万元" in a.answer and "95.36%" in a.answer, a.answer


def test_units_listed_in_a_sentence_and_their_amounts_after_fen_dan_wei_kan(archive):
    a = archive.ask("石桥镇农业综合服务中心2025年花了多少")
    assert a.answerable and "402.70万元" in a.answer and "3家单位之一" in a.answer, a.answer


def test_a_project_listed_by_number_answers_by_a_piece_of_its_name(archive):
    a = archive.ask("石桥镇雨污分流那个项目2025年执行率多少，自评得了几分？")
    assert a.answerable and "87.00%" in a.answer and "82.5分" in a.answer, a.answer


def test_the_three_public_moneys_actual_said_after_its_budget(archive):
    a = archive.ask("石桥镇2025年三公经费实际花了多少")
    assert a.answerable and "15.42万元" in a.answer, a.answer


def test_the_whole_spendings_score_asked_as_department_whole_spending(archive):
    """部门整体支出 names the evaluation, not the department's document as against 本级."""
    a = archive.ask("石桥镇2025年部门整体支出绩效自评打了多少分？")
    assert a.answerable and "90.4分" in a.answer and "87.9" not in a.answer, a.answer


def test_a_target_tables_indicators_printed_as_lines_of_words(tmp_path):
    from conftest import service_with

    svc = service_with(tmp_path, "jt_2026.txt", (
        "柳川县交通运输局2026年部门预算\n第五部分 2026年项目支出绩效目标表\n项目支出绩效目标表\n（2026年度）\n"
        "项目名称 农村公路日常养护\n主管部门 柳川县交通运输局 实施单位 柳川县农村公路养护中心\n"
        "项目资金（万元） 年度资金总额 860.00\n一级指标 二级指标 三级指标 指标值\n"
        "产出指标 数量指标 日常养护里程 =1250公里\n产出指标 质量指标 农村公路优良中等路率 ≥80%\n"
        "满意度指标 服务对象满意度指标 沿线群众满意度 ≥90%\n"))
    a = svc.ask("柳川县交通局农村公路养护项目，今年优良中等路率的目标定的是多少？")
    assert a.answerable and "≥80%" in a.answer and "≥90%" not in a.answer, a.answer
    assert any("农村公路优良中等路率 ≥80%" in c.quote for c in a.citations)


def test_rates_a_self_evaluations_text_reports_and_sets_as_targets(archive):
    a = archive.ask("石桥镇2025年农村生活污水治理率是多少？目标定的多少？")
    assert a.answerable and "46.5%" in a.answer and "50%" in a.answer, a.answer
    assert any("46.5%" in c.quote for c in a.citations)


def test_a_self_evaluations_problems_section_answers_what_it_found(archive):
    a = archive.ask("石桥镇2025年自评报告里承认了哪些问题？")
    assert a.answerable and "项目储备不足" in a.answer and "绩效目标偏粗" in a.answer and "做实项目库" not in a.answer, a.answer
