"""What the review of the third session's paths found (helper-40, about 110 probes on invented documents): each
finding's smallest case, answered wrongly before the fix — most of them a refusal turned into a confident wrong answer."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    from conftest import make_service

    folder = tmp_path_factory.mktemp("review3")
    docs = {
        "court.txt": "丹崖县人民法院2024年度部门决算\n第二部分 2024年度部门决算情况说明\n一、一般性支出情况说明\n"
                     "2024年度本部门会议费、培训费支出共计8.20万元，其中会议费支出2.20万元。2023年差旅费支出15.00万元。\n"
                     "二、预算绩效管理情况说明\n本部门对部门整体支出及3个项目开展绩效自评，项目自评平均得分为84.50分。\n"
                     "2024年度项目支出绩效自评结果如下（单位：元、分）：\n序号 项目名称 全年预算数 全年执行数 执行率 自评得分 等级\n"
                     "1 审判业务保障经费 800000.00 800000.00 100.00% 96.00 优\n"
                     "2 数字法庭运维项目 500000.00 200000.00 40.00% 81.50 良\n"
                     "三、“三公”经费\n公务接待费决算情况如下（单位：元）：\n项目名称 年初预算数 决算数 增减额\n"
                     "公务接待费 20000.00 12000.00 -8000.00\n",
        "archive.txt": "青原县档案馆2019年度“三公”经费决算说明\n一、“三公”经费支出情况\n"
                       "青原县档案馆2019年度“三公”经费支出决算3.20万元，较2019年预算减少12%，主要原因是严格控制公务接待。"
                       "其中：公务接待费1.20万元，公务用车运行维护费2.00万元。\n二、与上年对比\n"
                       "“三公”经费支出与2018年度相比，增幅5.00%。与年初预算相比，公务接待费减少20%，公务用车运行维护费减少8%。\n",
        "weather.txt": "青原县气象局2019年度“三公”经费决算说明\n2019年度公务接待费0.50万元，较2017年决算减少8%。\n",
        "rfb.txt": "青原县人防办2024年度“三公”经费决算说明\n"
                   "2024年度“三公”经费支出决算6.50万元，比上年增加6.00万元，主要原因是新配备应急指挥车辆。\n"
                   "2023年度公务用车购置及运行维护费支出决算0万元。\n",
        "health.txt": "柳川市云岫区卫生健康局2025年部门预算\n第一部分 部门概况\n"
                      "纳入2025年部门预算编制范围的预算单位共3个，包括：\n1.柳川市云岫区卫生健康局（本级）\n"
                      "2.柳川市云岫区疾病预防控制中心\n3.柳川市云岫区妇幼保健院\n第二部分 2025年部门预算情况说明\n"
                      "2025年本部门“三公”经费预算12.00万元。\n表2\n收入预算总表\n单位名称：柳川市云岫区卫生健康局（汇总）\t单位：万元\n"
                      "单位名称\t合计\t一般公共预算\t事业收入\t其他收入\n合计\t5,120.40\t4,800.40\t300.00\t20.00\n"
                      "柳川市云岫区卫生健康局（本级）\t1,310.20\t1,310.20\t0.00\t0.00\n"
                      "柳川市云岫区疾病预防控制中心\t1,702.50\t1,692.50\t0.00\t10.00\n"
                      "柳川市云岫区妇幼保健院\t2,107.70\t1,797.70\t300.00\t10.00\n",
    }
    for name, text in docs.items():
        (folder / name).write_text(text, encoding="utf-8")
    svc = make_service(folder / "home")
    assert {o.status.value for o in svc.ingest(sorted(folder.glob("*.txt")))} == {"ingested"}
    return svc


def test_amounts_in_yuan_stay_in_yuan_and_a_fee_table_is_no_project_list(reviewed):
    a = reviewed.ask("数字法庭运维项目执行了多少钱")
    assert a.answerable and "200000.00元" in a.answer and "万元" not in a.answer.split("：", 1)[1], a.answer
    assert "20000.00万元" not in reviewed.ask("丹崖县法院2024年公务接待费多少").answer


def test_a_project_name_after_an_unknown_unit_keeps_the_unit_unknown(reviewed):
    a = reviewed.ask("丹崖县水利局信息化运维项目自评多少分")
    assert not a.answerable and "没有识别出这个单位" in a.answer


def test_a_members_row_answers_only_what_it_prints(reviewed):
    assert "2107.70" in reviewed.ask("云岫区妇幼保健院2025年预算多少").answer
    for question in ("云岫区疾控中心2025年三公经费多少", "云岫区疾控中心2025年有多少人", "云岫区疾控中心2025年预算比上年多了多少",
                     "云岫区疾控中心实际花了多少钱"):
        a = reviewed.ask(question)
        assert not a.answerable and "1702.50" not in a.answer, (question, a.answer)


def test_a_rate_against_this_years_budget_or_an_older_year_is_no_change_against_last_year(reviewed):
    a = reviewed.ask("青原县档案馆2019年三公经费比上年降了百分之几")
    assert "增长5.00%" in a.answer and "12%" not in a.answer, a.answer
    a = reviewed.ask("青原县档案馆2019年公务接待费比上年降了多少")
    assert "20%" not in a.answer, a.answer
    a = reviewed.ask("青原县气象局2019年接待费比2018年降了百分之几")
    assert "8%" not in a.answer, a.answer


def test_fees_of_another_year_or_shared_with_another_fee_are_not_this_years(reviewed):
    assert "8.20" not in reviewed.ask("丹崖县法院2024年培训费多少").answer
    assert "15.00" not in reviewed.ask("丹崖县法院2024年出差花了多少钱").answer


def test_another_years_nil_and_a_projects_average_are_not_this_years_figures(reviewed):
    a = reviewed.ask("青原县人防办2024年公车运行维护费多少")
    assert not a.answerable, a.answer
    a = reviewed.ask("丹崖县法院2024年部门整体支出绩效自评得了多少分")
    assert "84.50" not in a.answer or not a.answerable, a.answer


def test_a_publishing_portal_or_a_self_describing_department_names_no_unit(tmp_path):
    from conftest import make_service

    (tmp_path / "pub.txt").write_text("关于2024年度“三公”经费决算情况的说明\n来源：青岚县财政局 2025-09-10 10:00\n"
                                      "我局严格落实中央八项规定精神，2024年度“三公”经费支出决算8.60万元。\n", encoding="utf-8")
    (tmp_path / "area.txt").write_text("2024年度部门决算公开说明\n一、部门职责\n我局负责全县自然资源管理工作。\n二、决算情况\n"
                                       "青岚县2024年度部门决算收入合计3,500.00万元。“三公”经费支出决算6.00万元。\n",
                                       encoding="utf-8")
    (tmp_path / "town.txt").write_text("2020年度“三公”经费决算情况表\n来源：青岚县石门镇人民政府 2021-09-10\n"
                                       "一、支出合计 120000\n", encoding="utf-8")  # (a town publishes its own)
    svc = make_service(tmp_path / "home")
    svc.ingest([tmp_path / "pub.txt", tmp_path / "area.txt", tmp_path / "town.txt"])
    assert sorted(d.unit or "" for d in svc.docs()) == ["", "", "青岚县石门镇人民政府"]


def test_a_price_bound_not_printed_is_not_another_bounds_count(tmp_path):
    from conftest import service_with

    svc = service_with(tmp_path, "wjj.txt", "青原县卫生健康局2024年度部门决算\n截至2024年12月31日，本部门共有车辆20辆。"
                                            "单价50万元以上通用设备7台（套）。\n2025年计划购置救护车4辆。\n")
    assert "7台" not in svc.ask("青原县卫健局单价100万元以上的设备有几台").answer
    assert "4辆" not in svc.ask("青原县卫健局2024年买了几辆车").answer
