"""The smallest cases of the regressions a review of the fourth session's changes found (helper-44, about 110 probes
on invented documents run against the tree before and after): each one answered right before the change, or a wrong
answer the change would have given. Invented documents; no gold set's text."""

from __future__ import annotations

import pytest

from index.layout import read_layout
from index.loaders import load


def _service(tmp_path, files: dict[str, str]):
    from conftest import make_service

    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    svc = make_service(tmp_path / "home", DISCLOSURE_TODAY="2026-11-30")
    assert {o.status for o in svc.ingest(sorted(tmp_path.glob("*.txt")))} == {"ingested"}
    return svc


def test_wrapped_prose_with_ascii_commas_is_no_exported_sheet(tmp_path):
    """A PDF's text layer prints ASCII punctuation; two wrapped lines with as many commas are still a sentence."""
    path = tmp_path / "wl.txt"
    path.write_text("临川县文旅局2024年度部门决算\n二、支出决算情况说明\n"
                    "2024年度本年支出合计3188.60万元,其中:基本支出1640.30万元,占\n"
                    "51.44%,项目支出1548.30万元,占48.56%;较上年增加120.50万元;主要是\n"
                    "文化惠民工程项目增加。\n", encoding="utf-8")
    layout = read_layout(load(path))
    assert "\t" not in layout.text and not layout.tables


def test_a_sheet_with_a_row_number_column_reads_the_amount_not_the_row_number(tmp_path):
    svc = _service(tmp_path, {"ty.txt": "临川县体育中心2024年度单位决算\n[工作表：表1 收入支出决算总表]\n单位：万元\n"
                                        "项目,行次,决算数\n一、财政拨款收入,1,860.00\n二、事业收入,2,150.00\n"
                                        "三、其他收入,3,40.00\n本年收入合计,4,1050.00\n"})
    a = svc.ask("临川县体育中心2024年本年收入合计多少")
    assert a.answerable and "1050.00万元" in a.answer, a.answer


_PROJECTS = """临川县教育局2024年度部门决算
一、部门基本情况
纳入临川县教育局2024年度部门决算编制范围的单位共3个：局机关、临川县第一中学、临川县教师进修学校。
二、预算绩效管理情况说明
2024年度本部门坚持“过紧日子”要求，部门整体支出预算8700.00万元，实际支出8512.44万元。“第一中学宿舍楼建设”项目全年预算数880.00万元，执行率95.00%，“校园监控升级”项目全年预算数120.00万元，执行数96.00万元，执行率80.00%，自评得分85.00分；“学前教育保教费补助”项目全年预算数300.00万元，其中中央资金支出180.00万元，执行数290.00万元，执行率96.67%。
"""


@pytest.fixture(scope="module")
def projects(tmp_path_factory):
    return _service(tmp_path_factory.mktemp("projects"), {"jyj.txt": _PROJECTS})


def test_each_quoted_project_keeps_its_own_figures(projects):
    a = projects.ask("第一中学宿舍楼建设项目2024年执行率多少")
    assert a.answerable and "95.00%" in a.answer and "96.00" not in a.answer and "85.00" not in a.answer, a.answer
    a = projects.ask("学前教育保教费补助项目2024年执行数多少")
    assert a.answerable and "290.00万元" in a.answer and "执行数180.00" not in a.answer, a.answer


def test_a_quoted_word_that_names_no_project_is_none(projects):
    a = projects.ask("临川县教育局2024年过紧日子项目预算多少")
    assert "8700.00" not in a.answer, a.answer


def test_a_sentences_list_of_units_counts_the_bureau_itself(projects):
    a = projects.ask("临川县教育局2024年部门决算包括哪些单位")
    assert "3" in a.answer and "局机关" in a.answer, a.answer


def test_another_units_project_is_no_answer_for_a_unit_not_held(projects):
    a = projects.ask("东乡县教育局2024年学前教育保教费补助项目执行数")
    assert not a.answerable and "290.00" not in a.answer, a.answer


def test_units_said_to_publish_apart_are_no_members(tmp_path):
    svc = _service(tmp_path, {"ly.txt": "临川县林业局2024年度单位决算\n一、单位基本情况\n"
                                        "下属单位：临川县林业科学研究所、临川县木材检查站，均单独编制决算，不包含在本单位决算中。\n"
                                        "二、收入支出决算总体情况说明\n2024年度收入总计820.00万元。\n"})
    a = svc.ask("临川县木材检查站2024年支出多少")
    assert not a.answerable and "纳入" not in a.answer, a.answer


def test_a_members_income_is_not_answered_with_its_spending_or_its_three_public_money(tmp_path):
    svc = _service(tmp_path, {"ny.txt": "临川县农业农村局2024年度部门决算\n一、部门基本情况\n"
                                        "纳入本部门2024年度部门决算编制范围的单位共3个，包括：临川县农业农村局机关（行政单位）、"
                                        "临川县农业技术推广中心（公益一类事业单位）和临川县动物疫病预防控制中心（公益一类事业单位）。\n"
                                        "二、支出决算情况说明\n分单位看：临川县农业农村局机关支出1520.44万元，临川县农业技术推广中心"
                                        "980.00万元，临川县动物疫病预防控制中心612.30万元。\n"
                                        "三、“三公”经费支出决算情况说明\n分单位看：临川县农业农村局机关18.20万元，"
                                        "临川县农业技术推广中心6.10万元，临川县动物疫病预防控制中心2.50万元。\n"})
    a = svc.ask("临川县农业技术推广中心2024年支出多少")
    assert a.answerable and "980.00万元" in a.answer and "6.10" not in a.answer, a.answer
    a = svc.ask("临川县动物疫病预防控制中心2024年收入总计多少")
    assert "612.30" not in a.answer and "2.50" not in a.answer, a.answer


def test_an_actual_said_after_another_years_amount_is_that_years(tmp_path):
    svc = _service(tmp_path, {
        "sfj_2025.txt": "临川县司法局2025年部门预算公开\n二、“三公”经费预算情况说明\n"
                        "2024年“三公”经费预算18.00万元，实际支出15.20万元。2025年“三公”经费预算16.50万元。\n",
        "tjj_2024.txt": "临川县统计局2024年度部门决算公开\n三、机关运行经费支出情况说明\n"
                        "上年机关运行经费预算60.00万元，实际48.00万元；本年机关运行经费支出52.30万元。\n"})
    a = svc.ask("临川县司法局2025年三公经费多少")
    assert "16.50万元" in a.answer and "15.20" not in a.answer, a.answer
    a = svc.ask("临川县统计局2024年机关运行经费多少")
    assert "52.30万元" in a.answer and "48.00" not in a.answer, a.answer


def test_a_portals_welcome_does_not_stand_over_the_files_name_and_a_periods_dates_keep_their_year(tmp_path):
    from evals.identity import detect_text

    meta = detect_text("欢迎访问临川县政府网站\n本部门2024年度“三公”经费支出21.60万元。",
                       "临川县卫生健康委员会2024年部门决算.txt")
    assert meta.unit == "临川县卫生健康委员会", meta.unit
    meta = detect_text("项目支出绩效自评表\n项目名称 农村公路养护工程项目\n评价期间：2024.01.01-2024.12.31\n全年执行数462.00万元")
    assert meta.year == 2024


def test_a_part_inside_a_named_income_is_not_read_apart(tmp_path):
    svc = _service(tmp_path, {"sl.txt": "临川县水利局2024年度部门决算\n一、收入决算情况说明\n"
                                        "2024年度本部门本年收入合计3380.00万元，其中：财政拨款收入3210.00万元，占94.97%；"
                                        "其他收入170.00万元。\n"})
    a = svc.ask("临川县水利局2024年财政拨款收入中一般公共预算有多少")
    assert a.answerable and "3210.00万元" in a.answer, a.answer


@pytest.mark.parametrize(("question", "phrase"), [
    ("柳溪县城乡公交今年补贴多少钱", None),  # 城乡 is a word, not a township
    ("临川县乡镇公务接待费多少", None),
    ("临川县城镇职工医保缴费多少", None),
    ("柳溪县石桥镇今年预算多少", "柳溪县石桥镇"),
    ("柳溪县石门乡今年预算多少", "柳溪县石门乡"),
])
def test_words_ending_in_a_townships_kind_are_no_units_name(question, phrase):
    from app.units import unit_like

    assert unit_like(question) == phrase
