"""桐岗县水利局's 2025 决算 as text: 三公 figures printed with last year's ("…，上年为15.10万元") and no change, a member
unit's money in a sentence of its own, a 政府采购 total with its parts named by kind alone (货物类…), a use of project
money; its 2026 预算 as a PDF whose project target form is printed one cell per line (项目资金 and its funds, then the
indicators); a prose statement of another project's 绩效目标.

Questions: last year's figure and the change computed from the two printed, a member's sentence that is not the
department's money, the procurement parts, a share asked as 几成, a project's targets asked whole (and as a
follow-up that points back at it), its money with its funds, a village's share no document prints, a car purchase
asked as 有没有.

The documents are invented in the shape of real ones; no gold set holds them."""

from __future__ import annotations

import pytest
from conftest import make_service
from fixtures_pdf import make_text_pdf

FINAL = """桐岗县水利局2025年度部门决算
第一部分 部门概况
纳入本部门2025年度部门决算编制范围的单位共2个，包括：桐岗县水利局（本级）、桐岗县水利工程管理站。
第二部分 2025年度部门决算情况说明
一、收入决算情况说明
2025年度本年收入合计3120.40万元，其中：财政拨款收入3080.40万元，占98.72%；其他收入40.00万元。
其中，桐岗县水利工程管理站本年收入512.30万元（财政拨款收入498.30万元，其他收入14.00万元），本年支出512.30万元（基本支出402.10万元，项目支出110.20万元）。
二、支出决算情况说明
2025年度本年支出合计3120.40万元，其中：基本支出1420.40万元，项目支出1700.00万元，主要用于村级水利设施管护、山塘整治和防汛抗旱等方面。
三、财政拨款“三公”经费支出决算情况说明
2025年度财政拨款“三公”经费支出12.60万元，上年为15.10万元。其中：因公出国（境）费0万元；公务用车购置及运行维护费10.20万元，上年为11.00万元；公务接待费2.40万元，上年为4.10万元。公务用车购置费0.00万元，公务用车运行维护费10.20万元。
四、政府采购支出情况说明
桐岗县水利局2025年度政府采购支出总额326.50万元，其中：货物类86.20万元，主要为防汛物资；工程类180.00万元；服务类60.30万元，主要为水质检测服务。
五、预算绩效情况说明
其中“山塘清淤整治”项目预算120.00万元，绩效目标为完成山塘清淤15座、新增蓄水能力6万立方米、受益群众满意度不低于90%。
"""

TRANSPORT = """交通运输局2025年度部门决算公开说明
一、部门基本情况
桐岗县交通运输局（以下简称县交通局）是县政府工作部门，负责全县公路、水路交通建设和运输管理。
二、财政拨款“三公”经费支出决算情况说明
2025年度财政拨款“三公”经费支出20.95万元，比上年减少5.35万元，下降20.34%。其中：因公出国（境）费支出4.50万元，上年为6.00万元，比上年减少1.50万元，主要原因是压减出访团组；公务用车运行维护费12.60万元，上年15.10万元；公务接待费支出3.85万元，较上年的5.20万元有所减少。
三、收入决算情况说明
其中，桐岗县公路养护中心本年收入640.00万元（财政拨款收入610.00万元，其他收入30.00万元）。
四、机关运行经费支出情况说明
2025年度机关运行经费支出86.40万元，其中：办公费30.00万元（含印刷费4.00万元，邮电费2.00万元）；水电费20.40万元；差旅费36.00万元。
五、其他重要事项的情况说明
农村公路养护补助：安排资金48.00万元，用于柳溪村、东坡村、南岭村等6个村的村道养护。
农村公路生命防护工程项目：绩效目标为完成农村公路安防设施建设80公里，项目验收合格率达到100%。
"""

BUDGET = "\n".join([
    "桐岗县水利局2026年部门预算",
    "第一部分 部门概况",
    "本局负责全县水资源管理、水利工程建设与运行管理、防汛抗旱和农村饮水安全工作，指导水土保持和河湖长制工作，"
    "承担全县水利设施安全监管的组织协调工作。",
    "附件 2026年项目支出绩效目标表",
    "项目支出绩效目标表（2026年度）",
    "单位：万元",
    "项目名称", "白鹭河护岸修复工程",
    "主管部门", "桐岗县水利局",
    "项目资金（万元）", "640.00",
    "其中：当年财政拨款", "600.00",
    "上年结转", "40.00",
    "其他资金", "0.00",
    "年度绩效目标", "完成白鹭河护岸修复3.5公里，保护农田2000亩。",
    "一级指标", "二级指标", "三级指标", "指标值",
    "产出指标", "数量指标", "护岸修复长度", "≥3.5公里",
    "产出指标", "数量指标", "新建水位观测站", "2个",
    "效益指标", "社会效益指标", "保护农田面积", "≥2000亩",
    "满意度指标", "服务对象满意度指标", "沿岸群众满意度", "≥92%",
])


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    home = tmp_path_factory.mktemp("tonggang")
    (home / "tonggang_slj_2025.txt").write_text(FINAL, encoding="utf-8")
    make_text_pdf(BUDGET, home / "tonggang_slj_2026.pdf", header=None)
    (home / "tonggang_jtj_2025.txt").write_text(TRANSPORT, encoding="utf-8")
    others = []  # (more units than one answer covers: a question naming none asks which, unless its project tells)
    for short, unit in (("lyj", "桐岗县林业局"), ("jyj", "桐岗县教育局"), ("mzj", "桐岗县民政局")):
        (home / f"tonggang_{short}_2025.txt").write_text(
            f"{unit}2025年度部门决算\n一、收入支出决算总体情况说明\n2025年度本年支出合计500.00万元。\n", encoding="utf-8")
        others.append(f"tonggang_{short}_2025.txt")
    svc = make_service(home / "store", DISCLOSURE_TODAY="2026-11-30")
    files = ["tonggang_slj_2025.txt", "tonggang_slj_2026.pdf", "tonggang_jtj_2025.txt", *others]
    outcomes = svc.ingest([home / f for f in files])
    assert [o.status for o in outcomes] == ["ingested"] * len(files), [o.message for o in outcomes]
    return svc


def test_last_years_figure_printed_beside_this_years_answers_the_year_before_and_the_change(svc):
    before = svc.ask("水利局前年公务接待费多少？")
    assert before.answerable and "4.10万元" in before.answer and "上年为4.10万元" in before.citations[0].quote
    change = svc.ask("县水利局去年三公经费比上年减少多少？")
    assert change.answerable and "减少2.50万元" in change.answer and "16.56%" in change.answer
    assert "按两数计算" in change.answer  # (computed from the two printed figures, and said so)


def test_a_members_sentence_is_not_the_departments_money(svc):
    income = svc.ask("水利局去年本年收入合计多少？")
    assert income.answerable and "3120.40万元" in income.answer
    assert "512.30" not in income.answer and "不一致" not in income.answer
    grant = svc.ask("水利局去年财政拨款收入有多少，占几成？")
    assert "3080.40万元" in grant.answer and "98.72%" in grant.answer and "498.30" not in grant.answer


def test_procurement_parts_named_by_their_kind_alone(svc):
    total = svc.ask("水利局去年政府采购一共多少？")  # (a clause opening with the department's own name is its own)
    assert total.answerable and "326.50万元" in total.answer
    services = svc.ask("水利局去年政府采购里服务类多少？")
    assert services.answerable and "60.30万元" in services.answer
    goods = svc.ask("水利局去年政府采购货物多少钱？")
    assert goods.answerable and "86.20万元" in goods.answer


def test_a_projects_targets_asked_whole(svc):
    form = svc.ask("白鹭河护岸修复工程的绩效目标是什么？")
    assert form.answerable and all(v in form.answer for v in ("≥3.5公里", "≥2000亩", "≥92%"))
    said = svc.ask("山塘清淤整治项目的绩效目标是什么？")
    assert said.answerable and "山塘清淤15座" in said.answer and "6万立方米" in said.answer
    one = svc.ask("白鹭河护岸修复工程要修复多少公里护岸？")  # (one measure: its indicator, not the whole list)
    assert "3.5" in one.answer and "≥2000亩" not in one.answer


def test_a_project_form_prints_its_money_with_its_funds_and_a_follow_up_points_back_at_it(svc):
    money, first = svc.ask_turn("白鹭河护岸修复工程今年预算多少？")
    assert money.answerable and all(v in money.answer for v in ("640.00万元", "600.00万元", "40.00万元"))
    targets = svc.ask("那这个项目的绩效目标是啥？", first)
    assert targets.answerable and "≥3.5公里" in targets.answer and "640.00" not in targets.answer


def test_a_villages_share_of_a_use_no_document_prints_is_refused(svc):
    village = svc.ask("水利局去年给石门村的村级水利设施管护经费是多少？")
    assert not village.answerable
    assert svc.ask("水利局去年村级水利设施管护花了多少？").answerable  # (the use named alone is the row's)


def test_whether_a_car_purchase_was_budgeted_is_the_purchase_not_the_cars_held(svc):
    bought = svc.ask("水利局去年有没有公车购置费？")
    assert bought.answerable and "公务用车购置费为0.00万元" in bought.answer and "保有" not in bought.answer


def test_a_title_without_its_place_takes_the_full_name_its_body_defines(svc):
    units = {d.source: d.unit for d in svc.docs()}
    assert units["tonggang_jtj_2025.txt"] == "桐岗县交通运输局"
    assert svc.ask("桐岗县交通运输局去年三公经费多少？").answerable


@pytest.mark.parametrize(("question", "said"), [
    ("桐岗县交通运输局前年因公出国费多少？", "6.00万元"),  # (上年为…, then the change stated)
    ("桐岗县交通运输局前年公务用车运行维护费多少？", "15.10万元"),  # (上年 without 为)
    ("桐岗县交通运输局2024年公务接待费多少？", "5.20万元"),  # (较上年的…有所减少)
])
def test_last_years_figure_in_other_wordings(svc, question, said):
    answer = svc.ask(question)
    assert answer.answerable and said in answer.answer


def test_a_change_stated_after_last_years_figure_is_the_documents(svc):
    change = svc.ask("桐岗县交通运输局去年因公出国费比上年减少多少？")
    assert "减少1.50万元" in change.answer and "没有说明" not in change.answer and "按两数计算" not in change.answer
    computed = svc.ask("桐岗县交通运输局去年公务接待费比上年少了多少？")
    assert "减少1.35万元" in computed.answer and "按两数计算" in computed.answer


def test_a_village_among_others_a_sentence_lists_has_no_share_of_its_own(svc):
    assert not svc.ask("桐岗县交通运输局给东坡村的村道养护补助是多少？").answerable


def test_a_members_sentence_does_not_answer_for_a_department_that_prints_no_figure_of_its_own(svc):
    assert not svc.ask("桐岗县交通运输局去年财政拨款收入多少？").answerable


@pytest.mark.parametrize(("question", "said", "not_said"), [
    ("白鹭河护岸修复工程的项目资金是多少？", ("640.00万元", "600.00万元", "40.00万元", "其他资金0.00万元"), ()),
    ("白鹭河护岸修复工程资金来源有哪些？", ("600.00万元", "40.00万元"), ()),
    ("白鹭河护岸修复工程当年财政拨款多少？", ("600.00万元",), ("640.00",)),
    ("白鹭河护岸修复工程其他资金多少？", ("0.00万元",), ("640.00",)),
])
def test_a_target_forms_funds_asked(svc, question, said, not_said):
    answer = svc.ask(question)
    assert answer.answerable and all(v in answer.answer for v in said) and not any(v in answer.answer for v in not_said)


def test_a_wholes_parts_are_listed_to_the_last_and_without_their_own_parts(svc):
    total = svc.ask("水利局去年政府采购总额多少？")
    assert all(v in total.answer for v in ("货物类86.20万元", "工程类180.00万元", "服务类60.30万元"))
    works = svc.ask("水利局去年政府采购工程类多少？")  # (a part has no "其中" of the parts after it)
    assert "180.00万元" in works.answer and "其中" not in works.answer
    running = svc.ask("桐岗县交通运输局去年机关运行经费多少？")
    assert all(v in running.answer for v in ("办公费30.00万元", "水电费20.40万元", "差旅费36.00万元"))
    assert "印刷费" not in running.answer


def test_things_counted_after_a_measure_word_are_no_units_name(svc):
    stations = svc.ask("白鹭河护岸修复工程要建几个水位观测站？")  # (观测站 ends like a unit; it is counted here)
    assert stations.answerable and "2个" in stations.answer and "没有识别" not in stations.answer


def test_a_project_only_the_running_text_names_is_its_units_without_the_unit_asked(svc):
    answer = svc.ask("农村公路生命防护工程项目要建多少公里？")  # (two units in the archive; one text names it)
    assert answer.answerable and "80公里" in answer.answer and "请说明是哪个单位" not in answer.answer
