"""Conversations over an archive where units are easy to mix up: a city's 卫健委 and one of its districts' 卫健委 (each
with a 疾病预防控制中心 of its own), the city's 民政局, and the city's 审计局 (its 2026 budget and its 2025 决算).

Follow-ups: "区里的呢？" is the same work one level down; "疾控中心呢？" is the member of the department asked before;
"那这一项…" and a bare "为什么…" go on with the thing asked before; a follow-up naming a thing of its own asks that
thing with the words asked before; 本级 words stay with the unit they were said of; "…多少？去年呢？" asks both years;
"民政局系统" is the department with its members; 去年 said in two turns means the same year. And: a unit named after
为什么 is that unit; a count of people is never answered with an amount; a reason's own row's budget, never the row
before it.

The documents are invented in the shape of real ones; no gold set holds them."""

from __future__ import annotations

import pytest
from conftest import service_of_texts

CITY = """澜沧市卫生健康委员会2026年部门预算
第一部分 部门概况
二、部门预算单位构成
纳入澜沧市卫生健康委员会2026年部门预算编制范围的单位共3个，包括：委本级、澜沧市疾病预防控制中心和澜沧市急救中心。
第二部分 2026年部门预算表
表1 部门收入预算表
单位名称,合计,一般公共预算拨款收入,事业收入,其他收入
合计,"9,300.00","9,000.00",200.00,100.00
委本级,"3,100.00","3,000.00",50.00,50.00
澜沧市疾病预防控制中心,"4,050.00","3,900.00",100.00,50.00
澜沧市急救中心,"2,150.00","2,100.00",50.00,0.00
第三部分 2026年部门预算情况说明
四、“三公”经费预算情况
2026年“三公”经费预算21.80万元，比2025年预算数24.50万元减少2.70万元，下降11.02%。
"""

DISTRICT = """澜沧市柘溪区卫生健康委员会2026年部门预算
第一部分 部门概况
二、部门预算单位构成
澜沧市柘溪区卫生健康委员会2026年部门预算由委本级和所属柘溪区疾病预防控制中心共2个单位的预算组成。
第二部分 2026年部门预算表
表1 部门收入预算表
单位名称,合计,一般公共预算拨款收入,事业收入,其他收入
合计,"2,600.00","2,560.00",40.00,0.00
委本级,"1,000.00","1,000.00",0.00,0.00
柘溪区疾病预防控制中心,"1,600.00","1,560.00",40.00,0.00
第三部分 2026年部门预算情况说明
四、“三公”经费预算情况
2026年“三公”经费预算6.00万元，比2025年预算数6.50万元减少0.50万元，下降7.69%。其中：因公出国（境）费为0，公务用车购置费为0，公务用车运行维护费4.80万元，公务接待费1.20万元。减少的主要原因是车辆燃油和维修费用压减。
五、其他重要事项
（一）项目绩效目标。“家庭医生签约服务”项目实施单位：澜沧市柘溪区社区卫生服务中心。
"""

CIVIL = """澜沧市民政局2025年度部门决算
第一部分 部门概况
二、部门决算单位构成
纳入澜沧市民政局2025年度部门决算编报范围的单位共3个，包括：民政局本级、澜沧市社会福利院和澜沧市救助管理站。
三、人员情况
2025年末本部门在职人员111人，其中：民政局本级32人、社会福利院58人、救助管理站21人；离退休人员46人。
第三部分 2025年度部门决算情况说明
一、支出决算情况说明
2025年度本年支出合计6339.03万元。分单位看：民政局本级本年支出4810.41万元；社会福利院本年支出1210.38万元；救助管理站本年支出318.24万元。
二、政府采购支出情况说明
2025年度政府采购支出总额1002.90万元，其中：政府采购货物支出60.36万元、政府采购服务支出942.54万元。授予中小企业合同金额848.82万元，占政府采购支出总额的84.64%，其中：授予小微企业合同金额700.10万元。
三、其他重要事项
2025年住房保障支出(类)住房改革支出(款)住房公积金(项)136.10万元，主要用于在职人员公积金缴纳。
"""

AUDIT_2026 = """澜沧市审计局2026年部门预算
第三部分 2026年部门预算情况说明
二、一般公共预算支出预算情况
1.一般公共服务支出（类）审计事务（款）信息化建设（项）：2026年预算数为145.00万元，比2025年预算数188.00万元减少43.00万元，下降22.87%，主要原因是大数据审计平台二期建成。
"""

AUDIT_2025 = """澜沧市审计局2025年度部门决算
第三部分 2025年度部门决算情况说明
二、一般公共预算财政拨款支出决算情况说明
1.一般公共服务支出（类）审计事务（款）审计业务（项）：年初预算为245.00万元，支出决算为252.36万元，完成年初预算的103.00%，主要用于委托社会中介机构参与政府投资审计，决算数大于年初预算数的主要原因是使用上年结转资金支付部分审计项目尾款。
2.一般公共服务支出（类）审计事务（款）信息化建设（项）：年初预算为188.00万元，支出决算为176.40万元，完成年初预算的93.83%，主要用于大数据审计平台建设，决算数小于年初预算数的主要原因是大数据审计平台二期部分模块未完成验收，资金结转下年使用。
"""


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    home = tmp_path_factory.mktemp("lancang")
    texts = {"city_wjw.txt": CITY, "district_wjw.txt": DISTRICT, "civil.txt": CIVIL, "audit_2026.txt": AUDIT_2026,
             "audit_2025.txt": AUDIT_2025}
    return service_of_texts(home, texts, DISCLOSURE_TODAY="2026-11-30")


def talk(svc, *questions: str):
    turn, answers = None, []
    for q in questions:
        answer, turn = svc.ask_turn(q, turn)
        answers.append(answer)
    return answers


def test_the_same_work_one_level_down(svc):
    city, district, car = talk(svc, "市卫健委今年三公经费预算是多少？", "区里的呢？", "其中公务用车运行费多少？")
    assert "21.80" in city.answer and "6.00万元" in district.answer and "21.80" not in district.answer
    assert car.answerable and "4.80万元" in car.answer


def test_a_member_of_the_department_asked_before(svc):
    _, centre = talk(svc, "市卫健委今年预算是多少？", "疾控中心呢？")
    assert centre.answerable and "4,050.00" in centre.answer.replace("4050.00", "4,050.00")
    assert "1,600.00" not in centre.answer and "1600.00" not in centre.answer
    _, district = talk(svc, "区卫健委今年预算是多少？", "疾控中心呢？")
    assert district.answerable and "1600.00" in district.answer.replace(",", "")


def test_why_said_after_a_list_of_parts(svc):
    answer = svc.ask("区卫健委今年的三公经费为啥比去年少？")
    assert answer.answerable and "车辆燃油" in answer.answer and "2026年" in answer.answer


def test_a_member_named_as_a_projects_implementer_is_no_other_name_of_the_department(svc):
    assert not any("社区卫生服务中心" in n for d in svc.store.docs() for n in d.names)


def test_this_item_and_why_go_on_with_the_thing_asked_before(svc):
    budget, spent, why = talk(svc, "审计局今年信息化建设安排了多少钱？", "那这一项去年实际花了多少？", "为什么没花完预算？")
    assert "145.00" in budget.answer
    assert spent.answerable and "176.40" in spent.answer
    assert why.answerable and "未完成验收" in why.answer and "188.00" in why.answer and "245.00" not in why.answer


def test_a_thing_of_its_own_is_asked_with_the_words_asked_before(svc):
    _, small = talk(svc, "民政局去年政府采购花了多少？", "授予小微企业的合同金额呢？")
    assert small.answerable and "700.10" in small.answer


def test_words_of_the_unit_before_do_not_go_on_to_another(svc):
    own, station = talk(svc, "民政局本级去年支出多少？不算下面的单位。", "救助站呢？")
    assert "4810.41" in own.answer
    assert station.answerable and "318.24" in station.answer and "4810.41" not in station.answer


def test_a_clause_naming_only_another_year(svc):
    answer = svc.ask("区卫健委今年三公经费预算多少？去年呢？")
    assert "6.00万元" in answer.answer and "6.50万元" in answer.answer


def test_a_units_system_and_a_member_asked_in_one_question(svc):
    answer = svc.ask("民政局系统去年年底在职一共多少人？福利院有多少人？")
    assert "111人" in answer.answer and "58人" in answer.answer


def test_last_year_said_in_two_turns_is_one_year(svc):
    welfare, own = talk(svc, "福利院自己去年花了多少钱？", "民政局本级去年支出多少？")
    assert "1210.38" in welfare.answer
    assert own.answerable and "4810.41" in own.answer and "2024年" not in own.answer


def test_a_unit_named_after_why(svc):
    answer = svc.ask("为什么区卫健委今年三公经费减少了？")
    assert answer.answerable and "车辆燃油" in answer.answer and "澜沧市卫生健康委员会" not in answer.answer


def test_people_counted_are_not_answered_with_an_amount(svc):
    answer = svc.ask("民政局去年在职人员有多少？")  # (a 住房公积金 row's use names 在职人员 too)
    assert answer.answerable and "111人" in answer.answer and "万元" not in answer.answer
