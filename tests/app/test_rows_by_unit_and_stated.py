"""Rows a department's document prints for each unit it takes in, and rows and wholes its running text states
(a 项 path with a bracketed word, a 项's gap from its 年初预算, the whole budget's change, a part's share with its
use said after it) — each asked the way people ask, on invented documents (no gold set's text)."""

from __future__ import annotations

import pytest

_DEPARTMENT = """柳川市云岫区卫生健康局2025年部门预算
第一部分 部门概况
纳入2025年部门预算编制范围的预算单位共3个，包括：
1.柳川市云岫区卫生健康局（本级）
2.柳川市云岫区疾病预防控制中心
3.柳川市云岫区妇幼保健院
第二部分 2025年部门预算情况说明
2025年本部门收入预算5,120.40万元，其中：一般公共预算拨款收入4,800.40万元，占93.75%；事业收入300.00万元，占5.86%，主要为妇幼保健院的医疗服务收入；其他收入20.00万元，占0.39%。
与2024年预算相比，收支预算各减少84.60万元，下降1.63%，主要原因是一次性设备购置项目完成。
（3）卫生健康支出（类）卫生健康管理事务（款）行政运行（项）820.15万元，比上年增加12.40万元，增长1.54%。
表2
收入预算总表
单位名称：柳川市云岫区卫生健康局（汇总）	单位：万元
单位名称	合计	一般公共预算	事业收入	其他收入
合计	5,120.40	4,800.40	300.00	20.00
柳川市云岫区卫生健康局（本级）	1,310.20	1,310.20	0.00	0.00
柳川市云岫区疾病预防控制中心	1,702.50	1,692.50	0.00	10.00
柳川市云岫区妇幼保健院	2,107.70	1,797.70	300.00	10.00
"""

_FINAL = """柳川市云岫区青石街道办事处2024年度部门决算
第二部分 2024年度部门决算情况说明
1.一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）：
决算数为910.35万元，比年初预算增加31.15万元，主要原因是调整工资标准，人员经费相应增加。
2.城乡社区支出（类）城乡社区管理事务（款）其他城乡社区管理事务支出（项）：
决算数为402.10万元，比年初预算减少18.90万元，主要原因是部分社区微更新项目延后实施。
"""


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    from conftest import make_service

    folder = tmp_path_factory.mktemp("rows")
    (folder / "health_2025.txt").write_text(_DEPARTMENT, encoding="utf-8")
    (folder / "street_2024.txt").write_text(_FINAL, encoding="utf-8")
    svc = make_service(folder / "home")
    assert [o.status for o in svc.ingest(sorted(folder.glob("*.txt")))] == ["ingested", "ingested"]
    return svc


def test_a_member_units_own_row_in_its_departments_table_by_unit_is_its_answer(archive):
    a = archive.ask("云岫区妇幼保健院2025年预算收入多少")
    assert a.answerable and "2107.70万元" in a.answer and "事业收入300.00万元" in a.answer, a.answer
    assert "纳入的3家单位之一" in a.answer and any("2,107.70" in c.quote for c in a.citations)
    a = archive.ask("云岫区疾控中心2023年预算多少")  # a year the department's document is not of: no row of 2025
    assert not a.answerable and "1702.50" not in a.answer


def test_a_row_named_after_the_document_its_in(archive):
    a = archive.ask("云岫区卫生健康局2025年部门预算行政运行多少")
    assert a.answerable and "820.15万元" in a.answer, a.answer


def test_a_path_with_a_bracketed_word_and_its_gap_from_the_initial_budget(archive):
    a = archive.ask("青石街道2024年行政运行为什么比年初预算多了")
    assert a.answerable and "调整工资标准" in a.answer and "社区微更新" not in a.answer, a.answer
    a = archive.ask("青石街道2024年其他城乡社区管理事务支出比年初预算少了多少")
    assert a.answerable and "18.90万元" in a.answer, a.answer


def test_the_whole_budgets_stated_change_and_a_parts_share_said_before_its_use(archive):
    a = archive.ask("云岫区卫健局2025年预算比上年少了多少")
    assert a.answerable and "84.60万元" in a.answer and "1.63%" in a.answer, a.answer
    a = archive.ask("云岫区卫健局2025年部门预算里其他收入占多少")
    assert a.answerable and "20.00万元" in a.answer and "0.39%" in a.answer, a.answer


def test_a_change_stated_by_its_rate_alone_and_a_why_answered_with_the_change_its_figure_states(tmp_path):
    from conftest import service_with

    svc = service_with(tmp_path, "qingyuan_wenlian_2019.txt", (
        "青原县文学艺术界联合会2019年度“三公”经费决算说明\n"
        "2019年度“三公”经费支出6.20万元。“三公”经费支出与2018年度相比，减幅4.60%，其中公务用车运行费减幅3.10%，"
        "公务接待费减幅6.80%。2019年“三公”经费支出决算减少原因是压减一般性支出。\n"
        "2019年公务接待费2.10万元，较2018年决算减少9%。\n"))
    a = svc.ask("青原县文联2019年三公为什么比上年少了，少了多少")
    assert a.answerable and "压减一般性支出" in a.answer and "4.60%" in a.answer, a.answer
    a = svc.ask("青原县文联2019年公车运行费比2018年降了百分之几")
    assert a.answerable and "3.10%" in a.answer, a.answer


def test_counts_of_vehicles_by_kind_equipment_by_price_and_batches_asked_before_the_word(tmp_path):
    from conftest import service_with

    svc = service_with(tmp_path, "songling_wjw_2023.txt", (
        "松岭市卫生健康委员会2023年度部门决算\n"
        "2023年度公务接待费4.10万元，共接待国内公务来访36批次、290人次。\n"
        "截至2023年12月31日，本部门共有车辆52辆，其中：执法执勤用车9辆，特种专业技术用车40辆（救护车31辆、采血车5辆、"
        "冷链运输车4辆），其他用车3辆。单价50万元以上通用设备7台（套），单价100万元以上专用设备12台（套）。\n"))
    a = svc.ask("松岭卫健委2023年一共有多少辆车？其中救护车多少辆？")
    assert "52辆" in a.answer and "31辆" in a.answer, a.answer
    a = svc.ask("松岭卫健委单价100万元以上的设备有几台？")
    assert a.answerable and "12台" in a.answer and "7台" not in a.answer, a.answer
    a = svc.ask("松岭卫健委2023年来了多少批公务接待")
    assert a.answerable and "36批次" in a.answer, a.answer


def test_a_unit_named_only_by_the_budget_template_sentence_or_the_pages_publisher(tmp_path):
    from conftest import make_service

    (tmp_path / "a.txt").write_text("一、基本职能及主要工作\n（一）职能简介\n本镇承担促进经济发展等职能。\n"
                                    "按照综合预算的原则，青原县石门镇人民政府所有收入和支出均纳入部门预算管理。"
                                    "2024年收支总预算1,234.56万元。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("青原县2017年度部门“三公”经费预算情况表\n来源:青原县茶叶产业园 2017-04-27 00:00\n"
                                    "一、支出合计 120000\n", encoding="utf-8")
    svc = make_service(tmp_path / "home")
    assert [o.status for o in svc.ingest([tmp_path / "a.txt", tmp_path / "b.txt"])] == ["ingested", "ingested"]
    assert {d.unit for d in svc.docs()} == {"青原县石门镇人民政府", "青原县茶叶产业园"}
    assert "1234.56" in svc.ask("石门镇2024年收支总预算多少").answer


def test_the_two_car_figures_said_together_as_nil_are_each_nil(tmp_path):
    from conftest import service_with

    svc = service_with(tmp_path, "qingyuan_gsl_2021.txt", (
        "青原县工商业联合会2021年度“三公”经费决算说明\n"
        "青原县工商业联合会2021年度一般公共预算财政拨款“三公”经费支出决算中，因公出国（境）费支出决算0万元；"
        "公务接待费支出决算1.20万元；公务用车购置及运行维护费支出决算0万元。\n"))
    a = svc.ask("青原县工商联2021年公车费用花了多少")
    assert a.answerable and "0万元" in a.answer and "公务用车购置及运行维护费支出决算0万元" in a.citations[0].quote
    assert svc.ask("青原县工商联2021年买车花了多少").answerable


_COURT = """丹崖县人民法院2024年度部门决算
第二部分 2024年度部门决算情况说明
一、“三公”经费情况说明
公务用车购置费支出0.00万元；公务用车运行维护费支出15.20万元。与2023年度相比，公务用车运行维护费减少1.30万元，下降7.88%，主要原因是1辆执法执勤用车报废后未再更新。
2024年度本部门会议费支出1.80万元，培训费支出6.40万元。
二、预算绩效管理情况说明
共涉及项目3个。同时对部门整体支出开展绩效自评，自评得分93.40分，等级为“优”。
2024年度项目支出绩效自评结果如下（单位：万元、分）：
序号 项目名称 全年预算数 全年执行数 执行率 自评得分 等级
1 审判业务保障经费 80.00 80.00 100.00% 96.00 优
2 数字法庭运维项目 50.00 20.00 40.00% 81.50 良
三、其他
2025年一般公共预算拨款支出900.00万元（含上年结转20.00万元），其中当年拨款880.00万元，比2024年预算增加30.00万元，增长3.53%。
2025年本部门“三公”经费预算12.00万元，比2024年预算减少1.00万元，下降7.69%。
2025年本部门政府性基金预算拨款支出120.00万元，其中：基础设施建设支出80.00万元，用于道路硬化；其他支出40.00万元，用于设施修复。与2024年预算相比增加20.00万元，增长20.00%。
"""


@pytest.fixture(scope="module")
def court(tmp_path_factory):
    from conftest import make_service

    folder = tmp_path_factory.mktemp("court")
    (folder / "court_2024.txt").write_text(_COURT, encoding="utf-8")
    svc = make_service(folder / "home")
    assert [o.status for o in svc.ingest([folder / "court_2024.txt"])] == ["ingested"]
    return svc


def test_a_project_of_a_listed_result_table_and_the_whole_spendings_score(court):
    a = court.ask("数字法庭运维项目2024年自评多少分，执行率多少")
    assert a.answerable and "81.50分" in a.answer and "40.00%" in a.answer, a.answer
    a = court.ask("丹崖县法院2024年部门整体支出绩效自评得了多少分")
    assert a.answerable and "93.40分" in a.answer, a.answer


def test_what_people_do_asked_as_money_and_how_a_figure_came_down(court):
    a = court.ask("丹崖县法院2024年开会和培训各花了多少钱")
    assert "1.80万元" in a.answer and "6.40万元" in a.answer, a.answer
    a = court.ask("丹崖县法院2024年公车运行维护费怎么比上一年少了")
    assert a.answerable and "报废" in a.answer, a.answer


def test_a_stated_change_is_the_figure_named_next_to_it_and_a_wholes_change_after_its_parts(court):
    a = court.ask("丹崖县法院2024年一般公共预算当年拨款比2024年预算多了多少")  # (the 三公 sentence names 一般公共预算 too)
    assert "30.00万元" in a.answer and "当年拨款" in a.answer and "1.00万元" not in a.answer, a.answer
    a = court.ask("丹崖县法院政府性基金比上年多了多少")
    assert "20.00万元" in a.answer and "120.00万元" in a.answer, a.answer


def test_cars_bought_asked_as_money_and_count_and_a_budgets_completion(tmp_path):
    from conftest import service_with

    svc = service_with(tmp_path, "songling_wjw_2023.txt", (
        "松岭市卫生健康委员会2023年度部门决算\n"
        "2023年度一般公共预算财政拨款支出年初预算为1200.00万元，支出决算为1260.00万元，完成年初预算的105.00%。\n"
        "2.公务用车购置费：年初预算25.00万元，支出决算24.50万元，主要原因是按规定更新购置卫生监督执法车1辆。\n"
        "截至2023年12月31日，本部门共有车辆30辆，其中：执法执勤用车9辆。\n"))
    a = svc.ask("松岭卫健委2023年买公车花了多少钱？买了几辆？")
    assert "24.50万元" in a.answer and "1辆" in a.answer and "30辆" not in a.answer, a.answer
    a = svc.ask("松岭卫健委2023年一般公共预算财政拨款支出完成了年初预算的多少")
    assert "105.00%" in a.answer, a.answer


def test_a_whole_areas_figures_are_that_areas(tmp_path):
    """A finance bureau's page of a whole county's 三公 money names no unit, only the area: the area is the unit."""
    from conftest import service_with

    svc = service_with(tmp_path, "sanfeng_2022.txt", (
        "2022年一般公共预算“三公”经费决算执行情况说明\n日期:2023-11-17\n"
        "  三峰区2022年的“三公”经费决算数合计为820.50万，其中:因公出国(境)费0万元、公务用车购置费300.00万元、"
        "公务用车运行维护费480.50万元、公务接待费40.00万元。\n"))
    assert svc.docs()[0].unit == "三峰区"
    a = svc.ask("三峰区2022年三公经费决算合计多少")
    assert a.answerable and "820.5" in a.answer, a.answer


def test_totals_and_cars_asked_in_everyday_words(tmp_path):
    from conftest import service_with

    svc = service_with(tmp_path, "jinshui_jcy_2019.txt", (
        "金水区人民检察院2019年度部门决算\n"
        "2.收入情况。2019年度收入合计2,880.59万元，较上年决算数增加174.45万元，增长6.4%，主要原因一是聘用制书记员经费追加，"
        "二是预发目标考核奖。\n"
        "公务用车购置费支出决算20.00万元，比上年增加20.00万元，主要原因是更新执法执勤用车1辆。\n"
        "全年购置公务用车1辆，年末公务用车保有量18辆，其中：公务用车4辆，执勤执法用车14辆。\n"
        "经区财政局汇总，2019年金水区部门及街道(“三公”经费)决算总额771万元，比上年下降1.8%。\n"))
    a = svc.ask("金水区检察院2019年收入合计为什么比上年增加")
    assert a.answerable and "聘用制书记员" in a.answer and "174.45" in a.answer, a.answer
    a = svc.ask("金水区检察院2019年公车购置费为什么比上年多")
    assert a.answerable and "更新执法执勤用车" in a.answer, a.answer
    a = svc.ask("金水区检察院2019年底一共有多少辆公车？其中执勤执法用车几辆？")
    assert "18辆" in a.answer and "14辆" in a.answer, a.answer


def test_units_listed_a_row_a_line_and_a_members_row_of_a_table_by_unit(tmp_path):
    from conftest import service_with

    svc = service_with(tmp_path, "qy_xwb_2025.txt", (
        "中共青原县委办公室2025年部门预算\n二、部门预算单位构成\n纳入2025年部门预算编制范围的单位共3个，具体如下：\n"
        "部门预算单位构成表\n序号  单位名称                      单位性质          编制数  实有人数\n"
        "1     中共青原县委办公室（本级）    行政单位              32        29\n"
        "2     青原县委机要保密局            参公事业单位           9         8\n"
        "3     青原县档案馆                  参公事业单位          11        10\n"
        "表七  一般公共预算“三公”经费、会议费、培训费支出表\n单位：万元\n"
        "单位名称                      三公合计  因公出国（境）费  公务用车购置费  公务用车运行维护费  公务接待费    会议费    培训费\n"
        "合计                             24.20              0.00            0.00               14.40        9.80     16.50      9.60\n"
        "中共青原县委办公室（本级）       17.00              0.00            0.00                8.40        8.60     13.20      5.40\n"
        "青原县委机要保密局                5.20              0.00            0.00                4.80        0.40      1.30      2.10\n"
        "青原县档案馆                      2.00              0.00            0.00                1.20        0.80      2.00      2.10\n"))
    a = svc.ask("青原县委办2025年部门预算包括哪些单位")
    assert "3家单位" in a.answer and "青原县委机要保密局" in a.answer, a.answer
    a = svc.ask("青原县委机要保密局2025年三公经费预算多少")
    assert a.answerable and "5.20万元" in a.answer and "17.00" not in a.answer, a.answer
    a = svc.ask("青原县档案馆2025年培训费多少")
    assert a.answerable and "培训费2.10万元" in a.answer, a.answer


def test_the_three_public_money_before_the_grants_words_and_a_rows_why_named_by_its_tail(tmp_path):
    from conftest import service_with

    svc = service_with(tmp_path, "lw_sjj_2024.txt", (
        "青原县市场监督管理局2024年度部门决算\n"
        "2024年度“三公”经费财政拨款支出预算为52.50万元，支出决算为46.76万元，完成预算的89.07%。\n"
        "（十二）城乡社区支出（类）城乡社区环境卫生（款）城乡社区环境卫生（项）。年初预算数为860.00万元，决算数为812.45万元，"
        "决算数比年初预算数减少47.55万元，主要原因是部分垃圾分类桶站改造由区城市管理委员会统一实施。\n"
        "（十三）社会保障和就业支出（类）民政管理事务（款）基层政权建设和社区治理（项）。年初预算数为520.00万元，"
        "决算数为566.20万元，决算数比年初预算数增加46.20万元，主要原因是年中追加社区议事协商经费。\n"))
    a = svc.ask("青原县市监局2024年三公经费预算多少，实际花了多少")
    assert "52.50" in a.answer and "46.76" in a.answer, a.answer
    a = svc.ask("青原县市监局2024年环境卫生那块为什么没花到年初预算那么多")
    assert a.answerable and "桶站" in a.answer and "议事协商" not in a.answer, a.answer


def test_a_change_whose_sentence_opens_with_its_base_and_a_base_with_its_amount(tmp_path):
    from conftest import service_with

    svc = service_with(tmp_path, "ly_jyj_2022.txt", (
        "青原市教育局2022年度部门决算\n"
        "4.公务接待费。2022年度预算为4.50万元，支出决算为3.16万元，完成预算的70.22%，决算数小于预算数的主要原因是严格执行"
        "公务接待标准。与2021年度相比减少0.66万元，下降17.28%，主要原因是部分上级业务检查改为暗访方式。\n"
        "2022年度教育支出（类）决算数24622.87万元，比2021年度决算数23751.46万元增加871.41万元，增长3.67%。\n"
        "4.教育支出（类）普通教育（款）小学教育（项）：2022年度决算数为7986.54万元，比2021年度决算数增加374.24万元，"
        "增长4.92%，主要原因是义务教育教师绩效工资标准调整。\n"))
    a = svc.ask("青原市教育局2022年公务接待费为什么比上一年少")
    assert a.answerable and "暗访" in a.answer and "0.66" in a.answer, a.answer
    a = svc.ask("青原市教育局2022年公务接待费为什么没花完预算")
    assert a.answerable and "公务接待标准" in a.answer, a.answer
    a = svc.ask("青原市教育局2022年教育支出比2021年增加了多少")
    assert "871.41万元" in a.answer and "23751.46万元增加" not in a.answer, a.answer
    a = svc.ask("青原市教育局2022年小学教育比2021年多花了多少，增长几个点")
    assert a.answerable and "374.24万元" in a.answer and "4.92%" in a.answer, a.answer


def test_counts_asked_with_other_measure_words_or_a_time_before_them(tmp_path):
    from conftest import service_with

    svc = service_with(tmp_path, "yz_jd_2023.txt", (
        "青原县榆林街道办事处2023年度部门决算\n三、人员构成情况\n截至2023年12月31日，本部门编制126名，其中：行政编制98名，"
        "事业编制28名。实有在职人员117人。\n2023年度培训费支出决算4.35万元，全年共举办培训9次，培训人员1240人次。\n"))
    a = svc.ask("榆林街道2023年有多少编制？到年底实际在职多少人？")
    assert "126人" in a.answer and "117人" in a.answer, a.answer
    a = svc.ask("榆林街道2023年办了几期培训")
    assert a.answerable and "9次" in a.answer, a.answer
