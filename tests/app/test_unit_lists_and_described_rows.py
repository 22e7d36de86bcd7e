"""A 教育局's 部门预算 of four units as a PDF's text layer (one table cell per line): its tables listed by unit print
merged column heads (本年收入 over its kinds, 基本支出 over 小计/人员经费/公用经费) and names wrapped in their cells; two
projects' target forms follow each other under one title. A 宣传部's 部门预算 as DOCX prints its 项目支出表 as a Word
table. A 卫健委's 决算 names a 项 by what its money was, and counts vehicles.

Questions: each school's budget at once, a member unit's column and its count said in a sentence, a thing of a member
unit no row prints, a project of the 项目支出表 and a part of one, a 项 named by its use, money asked of a thing
counted."""

from __future__ import annotations

import pytest
from conftest import service_with
from fixtures_pdf import make_docx

_HEADER = "渌川市苇塘区教育局2026年部门预算"

_PROSE = [
    "第一部分 部门概况",
    "纳入本部门2026年部门预算编制范围的单位共4个，包括：苇塘区教育局（本级）、苇塘区实验小学、苇塘区东湖中学、"
    "苇塘区青苗幼儿园。",
    "第二部分 2026年部门预算情况说明",
    "一、收入预算情况",
    "2026年收入预算5000.00万元。分单位看：教育局本级800.00万元，实验小学1900.00万元，东湖中学1700.00万元，"
    "青苗幼儿园600.00万元。",
    "二、支出预算情况",
    "义务教育学校公用经费按小学每生每年660元、初中每生每年860元的标准安排，其中：实验小学2500名学生165.00万元，"
    "东湖中学1500名学生129.00万元。",
]
_INCOME = [
    "表2", "部门收入总表", "部门:渌川市苇塘区教育局单位:万元单位名称",
    "合计", "上年结转", "本年收入", "一般公共预算拨", "款", "政府性基金预算", "拨款", "事业收入", "其他收入",
    "合计", "5000.00", "50.00", "4700.00", "40.00", "210.00", "0.00",
    "苇塘区教育局(本级)", "800.00", "0.00", "760.00", "40.00", "0.00", "0.00",
    "苇塘区实验小学", "1900.00", "0.00", "1900.00", "0.00", "0.00", "0.00",
    "苇塘区东湖中学", "1700.00", "50.00", "1650.00", "0.00", "0.00", "0.00",
    "苇塘区青苗幼儿园", "600.00", "0.00", "390.00", "0.00", "210.00", "0.00",
]
_SPENDING = [
    "表3", "部门支出总表", "部门:渌川市苇塘区教育局单位:万元单位名称",
    "合计", "基本支出", "小计", "人员经费", "公用经费", "项目支出",
    "合计", "5000.00", "4100.00", "3950.00", "150.00", "900.00",
    "苇塘区教育局(本级)", "800.00", "400.00", "360.00", "40.00", "400.00",
    "苇塘区实验小学", "1900.00", "1735.00", "1690.00", "45.00", "165.00",
    "苇塘区东湖中学", "1700.00", "1521.00", "1480.00", "41.00", "179.00",
    "苇塘区青苗幼儿园", "600.00", "444.00", "420.00", "24.00", "156.00",
]
# two projects' forms one after the other under one title, the second opening with its column header
_FORMS = [
    "表10", "项目支出绩效目标表", "部门:渌川市苇塘区教育局单位:万元一级指标", "二级指标", "三级指标", "指标值",
    "项目名称", "智慧课堂建设", "实施单位", "苇塘区教育局(本级)", "项目资金", "300.00",
    "年度绩效目标", "建设智慧课堂30间。",
    "产出指标", "数量指标", "新建智慧课堂数量", "30间",
    "满意度指标", "服务对象满意度指标", "教师满意度", "≥90%",
    "一级指标", "二级指标", "三级指标", "指标值",
    "项目名称", "东湖中学校舍维修", "实施单位", "苇塘区东湖中学", "项目资金", "179.00",
    "年度绩效目标", "完成东湖中学教学楼维修。",
    "产出指标", "数量指标", "维修改造校舍面积", "5200平方米",
    "满意度指标", "服务对象满意度指标", "师生满意度", "≥92%",
]
EDUCATION = "\n".join([_HEADER, *_PROSE, "- 1 -", _HEADER, *_INCOME, *_SPENDING, "- 2 -", _HEADER, *_FORMS, "- 3 -"]) + "\n"

HEALTH = """渌川市苇塘区卫生健康委员会2025年度部门决算
第三部分 2025年度部门决算情况说明
五、一般公共预算财政拨款支出决算具体情况
1.卫生健康支出（类）公共卫生（款）突发公共卫生事件应急处置（项）。年初预算为50.00万元，支出决算为48.00万元，完成年初预算的96.00%。决算数小于年初预算数的主要原因是全年应急处置支出减少。
2.卫生健康支出（类）计划生育事务（款）其他计划生育事务支出（项）。年初预算为0.00万元，支出决算为45.00万元。年初未安排预算，决算数为年中追加的普惠托育机构建设运营补助资金。
十二、国有资产占用情况说明
截至2025年12月31日，本部门共有车辆5辆，其中：一般公务用车1辆、特种专业技术用车4辆（疫苗冷链运输车2辆、流调采样车2辆）。
"""

_PUBLICITY = ["中共渌川市苇塘区委宣传部2026年部门预算", "第二部分 2026年部门预算情况说明",
              "2026年收入预算303.00万元，其中：一般公共预算拨款收入288.00万元，上年结转15.00万元，为城市形象宣传片摄制项目结转资金。",
              "表10", "项目支出表", "编制部门:中共渌川市苇塘区委宣传部 单位:万元"]
_PROJECT_TABLE = [
    ["项目名称", "单位名称", "项目类别", "合计", "一般公共预算", ""],
    ["项目名称", "单位名称", "项目类别", "合计", "当年拨款", "上年结转"],
    ["合计", "", "", "303.00", "288.00", "15.00"],
    ["理论宣讲", "中共渌川市苇塘区委宣传部(本级)", "其他运转类", "120.00", "120.00", "0.00"],
    ["网络文明建设", "苇塘区网络舆情中心", "特定目标类", "165.00", "165.00", "0.00"],
    ["城市形象宣传片摄制", "苇塘区融媒体中心", "特定目标类", "18.00", "3.00", "15.00"],
]


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    home = tmp_path_factory.mktemp("weitang")
    (home / "weitang_wjw_2025.txt").write_text(HEALTH, encoding="utf-8")
    docx = make_docx(home, _PUBLICITY, _PROJECT_TABLE, name="weitang_xcb_2026.docx")
    svc = service_with(home, "weitang_jyj_2026.txt", EDUCATION, DISCLOSURE_TODAY="2026-11-30")
    assert [o.status for o in svc.ingest([home / "weitang_wjw_2025.txt", docx])] == ["ingested", "ingested"]
    return svc


def _ask(svc, question):
    a = svc.ask(question)
    assert a.answerable and a.citations, (question, a.answer)
    return a


def test_each_school_of_a_department_at_once(svc):
    a = _ask(svc, "苇塘区教育局今年下面各个学校和幼儿园的预算分别是多少？")
    for amount in ("1900.00", "1700.00", "600.00"):
        assert amount in a.answer, a.answer
    assert "800.00" not in a.answer, a.answer  # (the bureau itself is no school)


def test_columns_under_merged_heads_and_wrapped_names(svc):
    a = _ask(svc, "青苗幼儿园今年事业收入多少？")  # (本年收入 is printed over 一般公共预算拨/款 … 其他收入)
    assert "210.00" in a.answer and "390.00" not in a.answer, a.answer
    b = _ask(svc, "东湖中学今年人员经费预算多少？")  # (基本支出 over 小计, 人员经费, 公用经费)
    assert "1480.00" in b.answer and "1521.00" not in b.answer, b.answer
    c = _ask(svc, "东湖中学今年一共花多少钱？")
    assert "1700.00" in c.answer and "部门支出总表" in c.answer and "部门收入总表" not in c.answer, c.answer


def test_a_member_units_count_said_in_a_sentence_and_a_thing_of_its_own(svc):
    a = _ask(svc, "实验小学今年按多少名学生安排公用经费？每生每年多少钱？")
    assert "2500" in a.answer and "660" in a.answer, a.answer
    b = svc.ask("实验小学今年食堂改造花了多少钱？")
    assert not b.answerable and "1900.00" not in b.answer, b.answer


def test_two_projects_forms_under_one_title(svc):
    lines = [i for i in svc.store.lines_where(None, None) if i.kind == "indicator"]
    area = [i for i in lines if i.name == "维修改造校舍面积"]
    assert area and all("东湖中学校舍维修" in (i.table or "") for i in area), [(i.name, i.table) for i in area]
    assert not [i for i in lines if i.name in ("指标值", "三级指标", "苇塘区东湖中学")], [i.name for i in lines]
    a = _ask(svc, "东湖中学校舍维修项目维修改造校舍面积是多少？")
    assert "5200平方米" in a.answer, a.answer


def test_a_project_of_a_word_project_table_and_a_part_of_one(svc):
    a = _ask(svc, "城市形象宣传片摄制项目今年一共多少钱？其中上年结转多少？")
    assert "18.00" in a.answer and "15.00" in a.answer and "项目支出表" in a.answer, a.answer
    assert "项目名称\t" not in a.answer, a.answer  # (the table's title names it, not its header)
    b = svc.ask("宣传部今年理论宣讲项目里各场宣讲分别安排了多少钱？")
    assert not b.answerable and "各场宣讲" in b.answer, b.answer


def test_a_row_named_by_its_use_and_money_of_a_thing_counted(svc):
    a = _ask(svc, "卫健委去年普惠托育补助花了多少？")
    assert "45.00" in a.answer and "其他计划生育事务支出" in a.answer and "普惠托育" in a.answer, a.answer
    b = svc.ask("卫健委去年疫苗冷链运输车的运行维护费单独是多少？")
    assert not b.answerable and "2辆" not in b.answer, b.answer


def test_the_bureaus_own_part_from_its_row_listed_by_unit(svc):
    a = _ask(svc, "苇塘区教育局本级今年支出预算多少？")  # (only the 部门预算 is held: its 本级 row, not the whole)
    assert "800.00" in a.answer and "部门支出总表" in a.answer and "5000.00" not in a.answer, a.answer


FINAL = """澄川市石湾区文化和旅游局2025年度部门决算
第二部分 2025年度部门决算情况说明
一、收入支出决算总体情况说明
2025年度收入、支出总计2398.70万元。
二、收入决算情况说明
2025年度收入合计2356.20万元，其中：财政拨款收入2268.50万元，占96.28%；事业收入合计87.70万元，占3.72%。
分单位看，石湾区文化和旅游局（本级）收入决算1598.40万元，石湾区图书馆收入决算480.30万元，石湾区文物管理处收入决算277.50万元。
"""


def test_a_final_accounts_income_sum_and_its_own_part_said_in_a_sentence(tmp_path):
    svc = service_with(tmp_path, "shiwan_wlj_2025.txt", FINAL, DISCLOSURE_TODAY="2026-11-30")
    a = _ask(svc, "石湾区文化和旅游局去年收入合计是多少？")  # (a 决算's 收入合计 is the year's own, not 收入总计)
    assert "2356.20" in a.answer and "2398.70" not in a.answer, a.answer
    own = {f.value for f in svc.store.figures_where(["income_current_year"], None, None)}
    assert own == {"2356.20"}, own  # (事业收入合计 is one kind's sum)
    b = _ask(svc, "石湾区文化和旅游局本级去年收入决算多少？")
    assert "1598.40" in b.answer and "2356.20" not in b.answer, b.answer
