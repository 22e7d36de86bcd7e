"""澄川市柳湾区卫生健康委员会's 2026 部门预算 (its members' budgets, changes and reasons said in its text), a 农业农村局's
2025 self-evaluation (its year's spending after a sentence opening with the year's budget, the change against 2024 in
a sentence of its own), a 市场监督管理局's 2025 决算 (a 年中追加 printed beside the 年初预算 with no share; its share of
spending asked in percent), a 自然资源局's 2026 budget (projects counted with their money), a 水务局 stored under its
current name and a 林业局 stored under its name before the reorganisation (not read as a 林业和草原局).

Questions: a member's change and why; ``--unit`` naming a member; the year's spending against the year before, and
the year before's own spending, from the sentence that states the change; a share asked 占…的百分比 (a share, not a
comparison); a share of two amounts one sentence prints, computed; a count asked with its money; 拨款收入 for
本年财政拨款收入; a unit named by its function's name of another time, answered with a note saying so. Resolution:
a 中心's 分中心 is not the 中心, and a town stored by its name alone is its 乡政府.

The documents are invented in the shape of real ones; no gold set holds them."""

from __future__ import annotations

import pytest
from conftest import service_of_texts

from app.question import intent_of
from app.units import UnitIndex
from core.schemas import Intent

DEPARTMENT = """澄川市柳湾区卫生健康委员会2026年部门预算
第一部分 部门概况
纳入2026年部门预算编制范围的单位共3个，包括：区卫生健康委员会本级、区疾病预防控制中心、区卫生监督所。
第二部分 2026年部门预算情况说明
一、收支预算总体情况说明
2026年收入、支出预算总计5210.40万元，比上年增加126.50万元。
区疾病预防控制中心2026年收入预算1386.40万元，比上年增加98.20万元，主要原因是传染病监测预警项目经费增加。
区卫生监督所2026年收入预算612.75万元，比上年减少45.60万元，主要原因是执法车辆购置支出减少。
"""

FARM = """澄川市青田县农业农村局
2025年度部门整体支出绩效自评报告
一、部门基本情况
澄川市青田县农业农村局是县人民政府主管农业农村工作的工作部门。
二、预算执行情况
2025年度全年预算数3,410.00万元，全年实际支出3,187.45万元，预算执行率93.47%。与2024年实际支出2,854.12万元相比，增加333.33万元，增长11.68%，主要原因是高标准农田建设投入增加。
"""

MARKET = """澄川市柳湾区市场监督管理局2025年度部门决算
一、收入支出决算总体情况说明
2025年度收入总计6345.80万元，支出总计6345.80万元。
二、支出决算情况说明
2025年度本年支出合计6345.80万元，其中：基本支出4480.12万元，项目支出1865.68万元。
三、一般公共预算财政拨款支出决算情况说明
年初预算数为4,900.00万元，年中追加预算1,445.80万元，主要用于食品安全抽检和特种设备隐患排查。
"""

LAND = """澄川市青田县自然资源局2026年部门预算
第一部分 概况
一、部门职责
澄川市青田县自然资源局是县人民政府主管自然资源工作的工作部门。
三、重点项目
2026年安排重点项目7个，涉及一般公共预算拨款1,233.00万元。
第二部分 2026年部门预算情况说明
一、收支预算总体情况说明
2026年收入总计3030.52万元，其中：财政拨款收入2976.42万元，其他收入54.10万元。
"""


def _reception(unit: str, spent: str) -> str:
    return (f"{unit}2025年度部门决算\n一、“三公”经费支出情况说明\n2025年度公务接待费支出{spent}万元，比上年减少0.50万元，"
            f"下降10.00%，主要原因是压减会议接待。\n")


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    home = tmp_path_factory.mktemp("liuwan")
    texts = {"wjw_2026.txt": DEPARTMENT, "nyj_2025.txt": FARM, "scj_2025.txt": MARKET, "zrj_2026.txt": LAND,
             "swj_2025.txt": _reception("澄川市柳湾区水务局", "5.56"), "lyj_2025.txt": _reception("澄川市青田县林业局", "3.20")}
    return service_of_texts(home, texts, DISCLOSURE_TODAY="2026-11-30")


def test_a_members_change_and_why_from_its_departments_text(svc):
    change = svc.ask("柳湾区疾控中心今年预算比去年增加了多少？")
    assert change.answerable and "98.20万元" in change.answer and "45.60" not in change.answer
    why = svc.ask("柳湾区卫生监督所今年预算为什么减少？")
    assert why.answerable and "执法车辆购置" in why.answer and "传染病" not in why.answer


def test_a_member_named_by_the_unit_option(svc):
    named = svc.ask("今年预算比去年增加了多少", unit="柳湾区疾控中心")
    assert named.answerable and "98.20万元" in named.answer
    unknown = svc.ask("今年预算多少", unit="柳湾区不存在局")  # (still said not to be recognised)
    assert not unknown.answerable and "柳湾区不存在局" in unknown.answer


def test_the_years_spending_against_the_year_before_and_the_year_before_from_the_change(svc):
    change = svc.ask("青田县农业农村局去年实际支出比前年多了多少？")
    assert change.answerable and "333.33万元" in change.answer
    rate = svc.ask("青田县农业农村局2025年实际支出比2024年增长了百分之几？")
    assert rate.answerable and "11.68%" in rate.answer
    before = svc.ask("青田县农业农村局前年实际支出多少？")  # (no 2024 document: the 2025 one states it)
    assert before.answerable and "2854.12万元" in before.answer


def test_a_share_asked_in_percent_is_a_share(svc):
    assert intent_of("基本支出占总支出的百分比") == Intent.figure
    assert intent_of("今年比去年增长的百分比") == Intent.comparison  # (比去年 still compares)
    share = svc.ask("柳湾区市场监管局去年基本支出占总支出的百分比是多少？")
    assert share.answerable and "70.60%" in share.answer  # (4480.12 / 6345.80)


def test_a_share_of_two_amounts_one_sentence_prints_is_computed(svc):
    added = svc.ask("柳湾区市场监管局去年年中追加的预算占年初预算多大比例？")
    assert added.answerable and "1445.80万元" in added.answer and "29.51%" in added.answer  # (1445.80 / 4900.00)
    assert "计算所得" in added.answer


def test_a_count_asked_with_its_money(svc):
    projects = svc.ask("青田县自然资源局今年安排了几个项目，涉及多少一般公共预算拨款？")
    assert projects.answerable and "7个" in projects.answer and "1,233.00万元" in projects.answer


def test_grant_income_in_everyday_words(svc):
    share = svc.ask("青田县自然资源局今年拨款收入占收入总计的比例")
    assert share.answerable and "2976.42万元" in share.answer


def test_a_function_named_by_its_name_of_another_time_is_answered_with_a_note(svc):
    water = svc.ask("柳湾区水利局去年公务接待费多少？")  # (stored as 水务局: 水利局 is its former name)
    assert water.answerable and "5.56万元" in water.answer and "按档案中的单位名称“澄川市柳湾区水务局”理解" in water.answer
    # (a name stored from before a reorganisation is not read as the new one: many 水利局 and 林业局 kept their names)
    forest = svc.ask("青田县林业和草原局去年公务接待费多少？")
    assert not forest.answerable and "3.20" not in forest.answer
    plain = svc.ask("柳湾区水务局去年公务接待费多少？")
    assert plain.answerable and "理解" not in plain.answer


def test_a_centres_branch_is_not_the_centre_and_a_bare_town_is_its_government():
    index = UnitIndex(["澄川市住房保障服务中心柳湾区分中心", "和平彝族乡人民政府", "青田县大兴乡"])
    assert index.mentions("澄川市住房保障服务中心2024年决算") == []  # (only its 柳湾区 branch is stored)
    assert [m.units for m in index.mentions("柳湾区分中心2024年决算")] == [["澄川市住房保障服务中心柳湾区分中心"]]
    towns = index.mentions("乡政府的决算")
    assert towns and towns[0].ambiguous and set(towns[0].units) == {"和平彝族乡人民政府", "青田县大兴乡"}
    assert [m.units for m in index.mentions("大兴乡政府的决算")] == [["青田县大兴乡"]]


def test_second_names_numbers_words_after_a_place_and_a_bureaus_branch_by_its_place():
    index = UnitIndex(["澄川市柳湾区群众工作部(信访局)", "澄川市柳湾区二幼儿园", "澄川市柳湾区民政局",
                       "澄川市青田县妇幼保健计划生育服务中心", "青田县石岭镇人民政府", "澄川市生态环境局青田分局",
                       "澄川市生态环境局"])
    # a second name in brackets is of the first name's place
    assert [m.units for m in index.mentions("柳湾区信访局去年决算")] == [["澄川市柳湾区群众工作部(信访局)"]]
    # a kindergarten numbered without 第 is called by its number
    assert [m.units for m in index.mentions("柳湾区二幼去年决算")] == [["澄川市柳湾区二幼儿园"]]
    # the words right after a place pick its unit that holds them; a figure's words pick none
    assert [m.units for m in index.mentions("青田县妇幼去年决算")] == [["澄川市青田县妇幼保健计划生育服务中心"]]
    both = index.mentions("青田县公务接待费多少")
    assert both and both[0].ambiguous and set(both[0].units) == {"澄川市青田县妇幼保健计划生育服务中心", "青田县石岭镇人民政府"}
    # a city bureau's branch named by its county first; the bureau itself is not its branch
    assert [m.units for m in index.mentions("青田生态环境分局去年决算")] == [["澄川市生态环境局青田分局"]]
    assert [m.units for m in index.mentions("澄川市生态环境局去年决算")] == [["澄川市生态环境局"]]


def test_two_committees_the_short_name_fits_alike_are_asked_about():
    index = UnitIndex(["青田县人民代表大会常务委员会人事代表工作委员会", "青田县人民代表大会常务委员会预算工作委员会"])
    both = index.mentions("青田人代工委经费")  # (人代 fits 人事代表 and 人民代表: neither is guessed)
    assert both and both[0].ambiguous and len(both[0].units) == 2
    assert [m.units for m in index.mentions("青田县人大预算工委经费")] == [["青田县人民代表大会常务委员会预算工作委员会"]]


def test_a_school_stored_without_its_place_is_found_with_it_unless_its_name_is_generic():
    index = UnitIndex(["青禾幼儿园", "实验小学", "澄川市柳湾区民政局"])
    assert [m.units for m in index.mentions("柳湾区青禾幼儿园去年决算")] == [["青禾幼儿园"]]
    assert all("实验小学" not in m.units for m in index.mentions("柳湾区实验小学去年决算"))  # (any district has one)


def test_a_place_followed_by_a_township_it_does_not_hold_names_none_of_its_units():
    index = UnitIndex(["澄川市金岭区妇幼保健院", "和平彝族乡人民政府"])
    found = index.mentions("金岭和平乡去年决算")  # (和平乡 begins with 和: still a township's name, not "and")
    assert all("澄川市金岭区妇幼保健院" not in m.units for m in found)
    assert [m.units for m in index.mentions("金岭妇幼去年决算")] == [["澄川市金岭区妇幼保健院"]]


def test_a_sibling_named_whole_is_that_one_and_a_bare_kind_still_asks():
    index = UnitIndex(["澄川市石岭镇小学", "澄川市石岭镇花市小学", "澄川市石岭镇畈段小学", "澄川市疾病预防控制中心",
                       "澄川市体育事业发展中心", "澄川市青田县生态环境分局", "丰源州生态环境局姚安分局"])
    assert [m.units for m in index.mentions("石岭镇小学去年决算")] == [["澄川市石岭镇小学"]]
    schools = index.mentions("石岭的小学去年决算")  # (the kind alone: each of the three)
    assert schools and schools[0].ambiguous and len(schools[0].units) == 3
    branches = index.mentions("生态环境分局去年决算")  # (two places' branches: neither is named whole)
    assert branches and branches[0].ambiguous
    # the words after a place pick the unit whose name holds their characters in order (疾控: 疾病预防控制)
    assert [m.units for m in index.mentions("澄川疾控去年预算")] == [["澄川市疾病预防控制中心"]]
