"""鹭洲市棠溪区卫生健康委员会's 2026 部门预算 (its members named without their place, a sentence of some projects'
money) and its 本级's 单位预算 of the same year; a town's 2025 self-evaluation (its year's spending as 全年实际支出, a
change stated in a sentence of its own after another figure, a share of money no figure names); a 宣传部's 决算 whose
三公 items are one list, each with its reason; four more units' 决算 with a reason for their 公务接待费, one of them
naming a project.

Questions: a member asked by its place and short name (疾控中心) and a follow-up naming another member, the
department's whole budget, a share the table cell does not print, the 机关's budget against last year's, the
year's spending against the year before, a share of 年中追加, and a why naming no unit (asked which, unless a
project tells). Resolution: a Party committee office is no 政协's, a place above the districts names them all, a
town typed with its place.

The documents are invented in the shape of real ones; no gold set holds them."""

from __future__ import annotations

import pytest
from conftest import service_of_texts

from app.qa import _named_of
from app.question import intent_of, parse_question, years_in
from app.units import UnitIndex, unit_like
from core.schemas import Intent

DEPARTMENT = """鹭洲市棠溪区卫生健康委员会2026年部门预算
第一部分 部门概况
纳入本部门2026年部门预算编制范围的单位共3个，包括：鹭洲市棠溪区卫生健康委员会（本级）、区疾病预防控制中心、区卫生监督所。
第二部分 2026年部门预算情况说明
一、收支预算总体情况说明
区卫生健康委员会收入预算总计2863.70万元，支出预算总计2863.70万元，比2025年预算数2654.29万元增加209.41万元，增长7.89%。分单位看：区卫生健康委员会（本级）1286.40万元；区疾病预防控制中心1121.58万元（基本支出743.58万元，项目支出378.00万元）；区卫生监督所455.72万元（基本支出397.72万元，项目支出58.00万元）。
二、收入预算情况说明
2026年本年收入合计2863.70万元，其中：一般公共预算拨款收入2800.00万元，占97.78%；其他收入63.70万元，占2.22%。
三、财政拨款收支预算总体情况说明
2026年财政拨款收入预算总计2800.00万元，全部为一般公共预算拨款2800.00万元。与上年相比，财政拨款收入预算总计各增加188.00万元，主要原因是疾病防控经费增加。
四、绩效目标设置情况说明
2026年本部门实行绩效目标管理的项目5个，涉及一般公共预算拨款900.00万元。
"""

OWN_OFFICE = """鹭洲市棠溪区卫生健康委员会（本级）2026年单位预算
一、收支预算总体情况说明
2026年区卫生健康委员会（本级）收入预算总计1286.40万元，支出预算总计1286.40万元，比2025年预算数1208.90万元增加77.50万元，增长6.41%。
二、收入预算情况说明
2026年本年收入合计1286.40万元，其中：一般公共预算拨款收入1286.40万元，占100.00%。
"""

TOWN = """鹭洲市棠溪区芦湾镇人民政府2025年度部门整体支出绩效自评报告
一、部门基本情况
（一）预算安排情况。2025年年初预算4826.40万元。年度执行中，区财政追加防汛抢险等资金1326.38万元，调整后全年预算数为6152.78万元。年中追加数占年初预算的27.48%。
（二）预算执行情况。2025年全年实际支出5937.46万元，其中：基本支出2864.20万元，项目支出3073.26万元。全年预算执行率为96.50%，年末结转215.32万元，主要是污水管网建设项目未完工。与2024年实际支出5612.30万元相比，增加325.16万元，增长5.79%。
"""


def _reception(unit: str, spent: str, reason: str) -> str:
    return (f"{unit}2025年度部门决算\n一、“三公”经费支出情况说明\n2025年度公务接待费支出{spent}万元，比上年减少0.50万元，"
            f"下降10.00%，主要原因是{reason}。\n")


PUBLICITY = """鹭洲市棠溪区委宣传部2025年度部门决算
一、财政拨款“三公”经费支出决算情况说明
2025年度“三公”经费财政拨款支出决算18.09万元，比上年减少3.64万元。其中：因公出国（境）费支出0万元，与上年持平；公务用车购置费支出0万元；公务用车运行维护费支出8.58万元，比上年减少3.28万元，主要原因是新闻采访用车燃料费下降；公务接待费支出9.51万元，比上年减少0.36万元，主要原因是减少宣传文化活动外来考察接待。
"""

OTHERS = {
    "jyj": _reception("鹭洲市棠溪区教育局", "4.50", "压减会议接待")
           + "二、项目支出情况\n校园安全视频监控升级项目支出412.50万元，比上年增加126.30万元，主要原因是新增12所学校接入监控平台。\n",
    "mzj": _reception("鹭洲市棠溪区民政局", "3.60", "减少外来考察"),
    "czj": _reception("鹭洲市棠溪区财政局", "2.70", "严格执行接待标准"),
    "sfj": _reception("鹭洲市棠溪区司法局", "1.80", "视频会议替代现场交流")
           + "二、项目情况\n“法律援助便民服务站建设”项目自评为“中”，主要原因是三个服务站因选址调整推迟开放。\n",
}


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    home = tmp_path_factory.mktemp("tangxi")
    texts = {"wjw_2026.txt": DEPARTMENT, "wjw_bj_2026.txt": OWN_OFFICE, "luwan_2025.txt": TOWN, "xcb_2025.txt": PUBLICITY}
    texts |= {f"{short}_2025.txt": text for short, text in OTHERS.items()}
    return service_of_texts(home, texts, DISCLOSURE_TODAY="2026-11-30")


def test_a_member_named_by_its_place_and_short_name_and_a_follow_up_naming_another(svc):
    first, parsed = svc.ask_turn("棠溪区疾控中心今年预算多少？")  # (printed "区疾病预防控制中心", its place left out)
    assert first.answerable and "1121.58万元" in first.answer
    other, _ = svc.ask_turn("那卫生监督所呢？", parsed)  # (another member, the same thing asked)
    assert other.answerable and "455.72万元" in other.answer and "1121.58" not in other.answer


def test_the_departments_whole_budget_asked_in_everyday_words(svc):
    whole = svc.ask("棠溪区卫健委今年的部门预算一共是多少钱？")
    assert whole.answerable and "2863.70万元" in whole.answer


def test_a_share_printed_in_a_sentence_and_some_projects_money_is_not_the_units(svc):
    share = svc.ask("棠溪区卫健委今年部门预算的一般公共预算拨款收入多少，占收入的几成？")
    assert share.answerable and "2800.00万元" in share.answer and "97.78%" in share.answer
    assert "900.00" not in share.answer and "不一致" not in share.answer  # (涉及…拨款: the projects' money)


def test_the_offices_own_budget_against_last_years(svc):
    own = svc.ask("卫健委机关今年预算比去年增加了多少？增长几个百分点？")  # (机关: the 本级's 单位预算)
    assert own.answerable and "77.50万元" in own.answer and "6.41%" in own.answer
    assert "209.41" not in own.answer


def test_a_change_stated_with_its_base_first_and_no_rate(svc):
    grant = svc.ask("棠溪区卫健委今年部门预算的财政拨款收入预算总计比去年增加多少？")  # ("与上年相比，…各增加188.00万元")
    assert grant.answerable and "188.00万元" in grant.answer


def test_the_years_spending_against_the_year_before_stated_after_another_figure(svc):
    change = svc.ask("芦湾镇去年实际支出比前年多了多少？增长多少？")
    assert change.answerable and "325.16万元" in change.answer and "5.79%" in change.answer
    assert "215.32" not in change.answer  # (the carry-over printed just before is not what changed)
    spent = svc.ask("芦湾镇去年实际支出多少？")
    assert spent.answerable and "5937.46万元" in spent.answer


def test_a_share_of_money_no_figure_names(svc):
    added = svc.ask("芦湾镇去年年中追加的预算占年初预算多大比例？")
    assert added.answerable and "27.48%" in added.answer


def test_a_why_naming_no_unit_asks_which_unless_its_project_tells(svc):
    why = svc.ask("公务接待费为什么减少？")  # (eight units hold documents: one unit's reason answers for none)
    assert not why.answerable and "请说明是哪个单位" in why.answer
    project = svc.ask("法律援助便民服务站建设项目为什么自评只得了中？")
    assert project.answerable and "选址调整" in project.answer
    spent = svc.ask("校园安全视频监控升级项目支出增加的原因是什么？")  # (a project's 支出, not the 项目支出 every unit has)
    assert spent.answerable and "新增12所学校" in spent.answer and "126.30万元" in spent.answer


def test_each_item_of_a_list_has_its_own_reason(svc):
    cars = svc.ask("棠溪区委宣传部去年公务用车运行维护费为什么减少？")
    assert cars.answerable and "3.28万元" in cars.answer and "燃料费" in cars.answer and "8.58万元" in cars.answer
    assert "因公出国" not in cars.answer and "外来考察" not in cars.answer  # (not the list's first item, not the next's)
    meals = svc.ask("棠溪区委宣传部去年公务接待费为什么减少？")
    assert meals.answerable and "外来考察" in meals.answer and "燃料费" not in meals.answer
    whole = svc.ask("棠溪区委宣传部去年三公经费为什么减少？")  # (the whole's: each part's reason after it)
    assert whole.answerable and "燃料费" in whole.answer and "外来考察" in whole.answer


def test_a_project_named_by_the_number_its_name_keeps():
    projects = {"12345政务服务便民热线运行", "政务公开与政府网站运维"}
    assert _named_of("12345热线项目自评总分是多少", projects) == "12345政务服务便民热线运行"
    assert _named_of("政府网站项目花了多少", projects) == "政务公开与政府网站运维"


NAMES = ["政协澜川市青石区委员会办公室", "澜川市青石区人大常委会办公室", "澜川市青石区人民政府办公室",
         "澜川市青石区教育局", "澜川市白沙区教育局", "澜川市财政局", "冀村镇人民政府", "板桥畲族乡人民政府"]


@pytest.mark.parametrize("question, expected", [
    ("区委办2025年三公经费", []),  # (the Party committee's office: neither the 政协's nor the 人大's)
    ("中共青石区委办公室三公经费", []),
    ("青石区政协办三公经费", ["政协澜川市青石区委员会办公室"]),
    ("青石区人大办三公经费", ["澜川市青石区人大常委会办公室"]),
    ("汾阳市冀村镇去年决算", ["冀村镇人民政府"]),  # (a town's name stored without its place, typed with it)
    ("松阳板桥乡预算", ["板桥畲族乡人民政府"]),
])
def test_a_body_is_named_by_its_own_word_and_a_town_with_its_place(question, expected):
    mentions = UnitIndex(NAMES).mentions(question)
    assert (mentions[0].units if mentions else []) == expected


def test_a_place_above_the_districts_names_every_unit_under_it():
    index = UnitIndex(NAMES)
    city = index.mentions("澜川市2025年收入支出总计")
    assert city and city[0].ambiguous and len(city[0].units) == 6  # (not 澜川市财政局 alone)
    district = index.mentions("澜川市白沙区三公经费")
    assert [m.units for m in district] == [["澜川市白沙区教育局"]]


def test_an_office_named_by_its_kind_cut_short_is_a_units_name():
    assert unit_like("区委办 三公经费") == "区委办"
    assert unit_like("县委办去年") == "县委办"


def test_two_years_asked_each_are_no_parts():
    assert intent_of("区府办2024年和2025年三公经费分别是多少") == Intent.figure  # (each year's, not one year's parts)
    assert intent_of("区府办2025年三公经费分别是多少") == Intent.list


def test_two_years_listed_or_named_by_relative_words_are_both_asked():
    assert years_in("教育局2024、2025年公务接待费分别多少") == [2024, 2025]
    parsed = parse_question("教育局前年和去年的三公经费各是多少", UnitIndex(NAMES), 2026)
    assert parsed.years == [2024, 2025] and parsed.intent == Intent.figure
