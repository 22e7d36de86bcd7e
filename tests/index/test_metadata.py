"""Document identity from how disclosure titles and official names are built (issue 9 §3).

The examples are new: made up in the shape of real disclosures, or taken from published ones that no
gold set holds; none is a gold item.
"""

from __future__ import annotations

import pytest

from evals.identity import detect_text
from index.metadata import official


@pytest.mark.parametrize(("printed", "name"), [
    ("宁远县冷水镇政府", "宁远县冷水镇人民政府"),
    ("某市某区政府", "某市某区人民政府"),
    ("桂阳县政府办公室", "桂阳县人民政府办公室"),
    ("某自治旗政府", "某自治旗人民政府"),
    # already official, or a unit whose name holds 政府 but is no government
    ("衡阳市人民政府", "衡阳市人民政府"),
    ("长沙市政府采购中心", "长沙市政府采购中心"),
    ("长沙市政府投资评审中心", "长沙市政府投资评审中心"),
    ("镇政府", "镇政府"),
])
def test_a_government_is_named_officially_as_a_people_s_government(printed, name):
    assert official(printed) == name


@pytest.mark.parametrize(("text", "unit"), [
    # a title naming the town's government without 人民
    ("2025年宁远县冷水镇政府预算公开说明\n一、单位主要职责", "宁远县冷水镇人民政府"),
    # a branch of a school / hospital is a unit of its own: its name ends with 区 but is no place
    ("昆明市第三中学南校区2024年度部门预算\n目录\n第一部分 单位概况", "昆明市第三中学南校区"),
    ("某市中心医院东院区2023年度单位决算", "某市中心医院东院区"),
    # an organisation's prefix and its place, the committee left unsaid
    ("2024年度\n政协桃源县部门预算\n第一部分 部门概况", "政协桃源县"),
    # "UNIT 关于 YEAR 年度部门预算…的说明": 关于 ends the unit's name
    ("汉寿县第二人民医院 关于2025年度部门预算编制的说明\n(一)2025年部门预算编制说明", "汉寿县第二人民医院"),
    # a clipped cover (PDF conversion lost 馆); the 概况 heading after "第一部分:" names the unit
    ("柳州市图书2024\n部门预算情况说明\n第一部分:柳州市图书馆概况\n一、主要职能", "柳州市图书馆"),
    # a title broken before 绩效: "…整体支出" / "绩效评价报告"
    ("宁远县林业局2023年度整体支出\n绩效评价报告\n为检验预算编制的科学性", "宁远县林业局"),
    ("北京市朝阳区庆丰公园2020年度部门决算公开\n目 录", "北京市朝阳区庆丰公园"),
    # a short hard-wrapped text: a wrapped sentence's piece naming a member's budget is no title
    ("澜屿市鹭滨区人民法院2026年部门预算说明\n一、分单位预算情况\n鹭滨区人民法院本级预算3,650.00万元；鹭滨\n"
     "区人民法院东岭人民法庭预算420.00万元；鹭滨\n区人民法院西港人民法庭预算310.00万元。", "澜屿市鹭滨区人民法院"),
])
def test_the_unit_is_read_from_how_titles_are_built(text, unit):
    assert detect_text(text).unit == unit


def test_an_overall_spending_evaluation_report_is_a_self_evaluation():
    meta = detect_text("宁远县林业局2023年度部门整体支出绩效评价报告\n一、部门概况")
    assert (meta.unit, meta.year, meta.doc_type.value) == ("宁远县林业局", 2023, "performance_self_eval")


@pytest.mark.parametrize(("text", "scope"), [
    # a generic 部门决算 heading over a labelled unit that says it is the unit alone
    ("2024年度部门决算\n单位名称:北京市朝阳区文化馆(本级)\n第一部分 2024年度部门决算报表", "unit"),
    # the title says 部门决算 with the unit's name: the title decides
    ("北京市朝阳区城市管理委员会2024年度部门决算\n第一部分 2024年度部门决算报表\n"
     "单位名称:北京市朝阳区城市管理委员会(本级)", "department"),
    ("2024年度部门决算\n单位名称:北京市朝阳区文化和旅游局\n第一部分 2024年度部门决算报表", "department"),
])
def test_scope_from_a_labelled_unit_marked_as_itself(text, scope):
    assert detect_text(text).scope.value == scope


@pytest.mark.parametrize(("printed", "name"), [
    # a people's organisation or a street office printed with its kind's everyday short form
    ("宜都市残联", "宜都市残疾人联合会"),
    ("枝江市妇联", "枝江市妇女联合会"),
    ("当阳市工商联", "当阳市工商业联合会"),
    ("武汉市武昌区中南路街办事处", "武汉市武昌区中南路街道办事处"),
    ("首义路街办", "首义路街道办事处"),
    # the short form alone, or inside a longer name, stays
    ("残联", "残联"),
    ("宜都市残联康复中心", "宜都市残联康复中心"),
])
def test_a_kind_printed_short_is_written_out(printed, name):
    assert official(printed) == name


def test_the_printed_short_name_is_kept_beside_the_official_one():
    meta = detect_text("宜都市残联2025年部门预算公开\n第一部分 部门概况")
    assert meta.unit == "宜都市残疾人联合会" and "宜都市残联" in meta.names


def test_the_unit_named_only_in_the_contents_lines():
    """No title: the contents lines name the unit before its year and the document."""
    text = ("目 录\n第一部分 部门概况\n第二部分 鄂州市华容区司法局2024年度部门决算表\n"
            "第三部分 鄂州市华容区司法局2024年度部门决算情况说明\n第四部分 名词解释")
    meta = detect_text(text)
    assert (meta.unit, meta.year, meta.doc_type.value) == ("鄂州市华容区司法局", 2024, "final_accounts")


@pytest.mark.parametrize("text, unit", [
    ("峡口镇人民政府2024年度部门决算\n第一部分 兴山县峡口镇人民政府概况\n第二部分 兴山县峡口镇人民政府2024年度部门决算表",
     "兴山县峡口镇人民政府"),
    ("2025年洛满镇人民政府部门预算公开\n第一部分 部门概况\n第二部分 柳南区洛满镇人民政府2025年部门预算表", "柳南区洛满镇人民政府"),
    ("民政局2023年部门预算\n第一部分 沛县民政局概况", "沛县民政局"),  # a one-character county
    # the contents name a unit under it, not the same unit with its place
    ("2024年交通运输局部门决算\n第一部分 公路养护中心交通运输局概况", "交通运输局"),
])
def test_a_title_without_its_place_takes_the_place_the_contents_print(text, unit):
    meta = detect_text(text)
    assert meta.unit == unit


def test_pinyin_glosses_of_a_reposting_site_are_not_text():
    """Some reposting sites print a reading after characters (預(yù)算): the title is read without them."""
    text = ("目錄\n第一部分:部門概況\n第二部分:中國共產(chǎn)黨宜君縣委員會組織部2023年部門預(yù)算情況說明\n"
            "第三部分:名詞解釋")
    meta = detect_text(text)
    assert (meta.unit, meta.year, meta.doc_type.value) == ("中国共产党宜君县委员会组织部", 2023, "budget")


@pytest.mark.parametrize(("text", "unit", "year", "doc_type"), [
    # the 概况 heading says 部门(单位)
    ("目 录\n第一部分 益阳市资阳区水利局部门(单位)概况\n一、部门职责\n第二部分 部门决算表", "益阳市资阳区水利局", None,
     "final_accounts"),
    # the unit named only in an attachment line of the contents
    ("目 录\n第一部分 部门主要职责\n第二部分 预算收支安排\n附件:大冶市审计局2025年部门预算公开表", "大冶市审计局", 2025, "budget"),
    # a title that calls the disclosure only a 公开文档; the contents say 单位决算
    ("2022年度宁夏回族自治区地质局(本级)公开文档\n第一部分 单位概况\n第二部分 单位决算情况说明", "宁夏回族自治区地质局", 2022,
     "final_accounts"),
    # a 系统 (the office and the units under it)
    ("包头市人民政府办公室系统2019年预算公开说明\n一、部门职责", "包头市人民政府办公室", 2019, "budget"),
])
def test_titles_and_contents_of_other_templates(text, unit, year, doc_type):
    meta = detect_text(text)
    assert (meta.unit, meta.doc_type.value) == (unit, doc_type)
    assert year is None or meta.year == year


def test_a_title_without_a_unit_still_gives_the_year_and_type():
    """"关于2026年部门预算编制的说明" names no unit; a later contents line that says 决算 by mistake does not decide."""
    meta = detect_text("关于2026年部门预算编制的说明\n一、基本职能及主要工作\n二、收支预算总体情况\n"
                       "三、一般公共预算财政拨款支出决算情况说明")
    assert (meta.year, meta.doc_type.value) == (2026, "budget")


@pytest.mark.parametrize(("text", "unit"), [
    # no title, no label, no 概况 heading with a name: the unit a sentence of the duties introduces
    ("目录\n第一部分 概 况\n一、主要职责\n天津市河西区人民检察院是国家法律监督机关，主要职责是：\n(一)依法…",
     "天津市河西区人民检察院"),
    ("目录\n第一部分 部门概况\n一、部门职责\n庆阳市西峰区人民法院主要职责：审理…\n第二部分 2023年度部门决算表",
     "庆阳市西峰区人民法院"),
    ("目录\n第一部分 部门概况\n一、部门职责\n本单位是…\n第二部分 2023年度部门决算表", None),
])
def test_the_unit_a_duties_sentence_introduces(text, unit):
    assert detect_text(text).unit == unit


def test_a_table_header_is_no_title():
    """A 绩效目标表 whose header says 预算金额: the header is not a title that makes it a budget."""
    meta = detect_text("部门(单位)整体支出绩效目标表\n(2023年)\n部门(单位)名称\t\t阿克苏地区林业和草原局\n"
                       "任务名称\t主要内容\t预算金额(万元)\n\t\t总额\t财政拨款\t其他资金")
    assert (meta.unit, meta.year, meta.doc_type.value) == ("阿克苏地区林业和草原局", 2023, "performance_target")


@pytest.mark.parametrize(("text", "unit"), [
    # the unit's name broken over two contents lines, the title line naming only its kind
    ("目 录\n第一部分 部门预算公开管理文件\n第二部分 中国共产党湖北省鄂州市华容区委员会\n统战部概况\n"
     "第三部分 中国共产党湖北省鄂州市华容区委员会\n统战部2024年部门决算情况说明\n第四部分 名词解释",
     "中国共产党湖北省鄂州市华容区委员会统战部"),
    # a qualifier after the name in the 概况 heading
    ("目 录\n第一部分 湖南省岳阳市平江县财政局(本级)概况\n一、主要职责\n第二部分 2024年度部门决算情况说明", "湖南省岳阳市平江县财政局"),
    # a body's 机关 (the office of a 政协, 人大常委会)
    ("赫山区政协机关2023年部门决算\n第一部分 部门概况", "赫山区政协机关"),
    # an attachment line saying only 预算 after the year
    ("目 录\n一、基本职能及主要工作\n二、收支预算情况说明\n十二、附件:宜宾市叙州区妇幼保健院2025年预算公开报表",
     "宜宾市叙州区妇幼保健院"),
])
def test_names_in_contents_lines_broken_qualified_or_short(text, unit):
    assert detect_text(text).unit == unit


@pytest.mark.parametrize(("text", "unit", "year", "doc_type"), [
    # a statement of the 三公 money alone, its subject between the unit and the kind
    ("桐河县司法局2022年“三公”经费预算情况\n一、2022年一般公共预算“三公”经费支出预算表", "桐河县司法局", 2022, "budget"),
    ("英川市经信局2016年“三公经费”预算对比增减说明\n2016年三公经费预算拨入33万元", "英川市经信局", 2016, "budget"),
    # the title over three lines, its middle line naming a fund that holds 预算: still a 决算
    ("天河市红叶区人民法院\n2017年度一般公共预算财政拨款\n“三公”经费决算情况说明\n2017年…决算20.2万元", "天河市红叶区人民法院", 2017,
     "final_accounts"),
    ("重庆市石梁区围山镇人民政府\n2021年度“三公”经费决算汇总情况\n按照…要求", "重庆市石梁区围山镇人民政府", 2021, "final_accounts"),
    # a town named alone, and a 三公 statement that says neither 预算 nor 决算 in its title
    ("青仓镇2015年三公”经费支出说明\n一、因公出国(境)经费\n2015年因公出国(境)费0万元,与2014年决算数持平。", "青仓镇", 2015,
     "final_accounts"),
    # the unit before 关于 on the line above the kind
    ("大平文学艺术界联合会\n关于财政拨款“三公”经费2015年决算的\n情 况 说 明", "大平文学艺术界联合会", 2015, "final_accounts"),
    # no title: the notice's opening, or a sentence that opens with the unit and its year's money
    ("按照区政府关于推进政府信息公开工作的要求,现将石溪镇2020年度“三公”经费决算情况公布如下:\n2020年度“三公”经费41万元。",
     "石溪镇", 2020, "final_accounts"),
    ("一、2016年“三公”经费决算情况表\n二、2016年“三公”经费财政拨款支出决算情况说明\n"
     "宁川市城市管理行政执法局2016年度“三公”经费财政拨款支出决算为68.3万元。", "宁川市城市管理行政执法局", 2016, "final_accounts"),
    # a 政协 named by its everyday name
    ("青州市政协2015年部门决算公开补充说明\n按照…要求", "青州市政协", 2015, "final_accounts"),
])
def test_titles_of_statements_that_put_a_subject_between_the_unit_and_the_kind(text, unit, year, doc_type):
    meta = detect_text(text)
    assert (meta.unit, meta.year, meta.doc_type.value) == (unit, year, doc_type)


def test_the_year_is_not_a_comparisons_base_or_a_file_numbers():
    meta = detect_text("2018年政协机关“三公”经费预算数为20.1万元,与上年相比减少0.2万元。\n"
                       "1. 因公出国(境)费预算0万元。\n2. 公务接待费预算16.7万元,比2017年预算减少0.1万元。\n"
                       "3. 公务用车运行费预算3.4万元,比2017年预算减少0.1万元,按《接待管理办法》(肥财〔2015〕72号)执行。\n"
                       "4. 公务用车购置费预算0万元,比2017年预算持平。")
    assert meta.year == 2018


def test_a_town_printed_without_its_county_is_also_known_with_it():
    """The county whose government the page names (主办 某县人民政府) is the town's: its name is kept with it too."""
    meta = detect_text("青仓镇2015年三公”经费支出说明\n2015年公务接待费9.95万元。\n金川县人民政府主办 金川县行政审批局承办")
    assert meta.unit == "青仓镇" and "金川县青仓镇" in meta.names
    assert detect_text("青仓镇2015年三公”经费支出说明\n2015年公务接待费9.95万元。\n本网站由四川省成都市双流区人民政府主办"
                       ).names == ["双流区青仓镇"]
    assert detect_text("青仓镇2015年三公”经费支出说明\n2015年公务接待费9.95万元。").names == []


def test_a_text_that_names_no_unit_takes_the_one_its_file_name_gives():
    text = "2018年政协机关“三公”经费预算数为20.1万元,与上年相比减少0.2万元。"
    assert detect_text(text, "肥川县政协办2018年三公经费预算公开.txt").unit == "肥川县政协办"
    assert detect_text(text, "000_04b2af8a.txt").unit is None
    # the text's own name stands over the file's
    assert detect_text("桐河县司法局2022年“三公”经费预算情况\n…", "其他局2022年预算.txt").unit == "桐河县司法局"


@pytest.mark.parametrize(("text", "unit"), [
    # a notice or a reply is about the unit after 关于 (and its verb), not the one that issues it
    ("关于公布柳川镇2020年度“三公”经费决算情况的通知\n正文", "柳川镇"),
    ("青山县财政局关于青山县司法局2022年“三公”经费预算的批复\n正文", "青山县司法局"),
    # a body sentence of another unit's doing ("某财政局2022年批复…") names no unit
    ("2022年度“三公”经费决算情况说明\n青山县财政局2022年批复我单位“三公”经费预算10万元。", None),
])
def test_notices_replies_and_other_units_sentences(text, unit):
    assert detect_text(text).unit == unit


def test_a_county_named_after_a_verb_is_the_county():
    assert detect_text("石川街道2021年“三公”经费决算说明\n2021年公务接待费2万元。经青山县人民政府批准。"
                       ).names == ["青山县石川街道"]


def test_a_site_that_welcomes_to_its_own_name_is_the_units_and_its_dates_are_no_fiscal_year():
    """A web page whose text names no unit: the site's own name ("欢迎来到某县政协网站") is the unit; the date it was
    published (2022-04-15) is not the year the report is about."""
    text = ("欢迎来到青岚县政协网站!\n您现在的位置: 首页 > 通知公告\n部门整体支出绩效评价报告\n"
            "【发布时间:2022-04-15 14:54】【作者:县政协办】\n一、基本情况\n2021年部门决算收支完成情况。\n"
            "1、收入:692.20万元。同比上年度增加89.25万元。")
    meta = detect_text(text)
    assert (meta.unit, meta.year) == ("青岚县政协", 2021)
    # a portal's welcome is no unit's: the county government publishes its departments' pages
    assert detect_text(text.replace("青岚县政协网站", "青岚县人民政府门户网站")).unit is None


@pytest.mark.parametrize(("text", "unit"), [
    # a short form the body defines by the full name
    ("2024年度县文广旅局部门决算\n目 录\n第一部分 部门概况\n一、主要职能\n"
     "1.溆浦县文化广电和旅游局（以下简称县文广旅局）是县政府工作部门，为正科级。", "溆浦县文化广电和旅游局"),
    # the title's name without the city the body prints before it, at the start of a clause
    ("2025年白沙区青松镇人民政府部门预算公开\n一、基本情况\n1.衡岭市白沙区青松镇人民政府本级：行政编制30人。\n"
     "2.衡岭市白沙区青松镇人民政府农业服务中心：事业编制12人。", "衡岭市白沙区青松镇人民政府"),
])
def test_a_short_title_takes_the_name_the_body_writes_out(text, unit):
    assert detect_text(text).unit == unit


@pytest.mark.parametrize(("text", "unit"), [
    # a name after its budget code heading a table, and a labelled one after its code
    ("单位预算公开表\n417002某县林业和草原局 | 预算年度: 2025 | 单位:万元\n序号 | 收入 | 支出", "某县林业和草原局"),
    ("附件：项目支出绩效自评表（2023年度）\n项目名称 乡村道路养护 主管部门 305-瑞江市东岭区沙湾镇人民政府 "
     "实施单位 305001-瑞江市东岭区沙湾镇人民政府", "瑞江市东岭区沙湾镇人民政府"),
    # the labelled name with its place, beside the town's short name another label prints
    ("项目绩效目标表(2022年度)\n填报单位(盖章):平川市石岭镇人民政府 项目名称镇域道路维护 主管部门石岭镇 项目单位石岭镇 "
     "项目负责人李某", "平川市石岭镇人民政府"),
])
def test_a_form_names_its_unit_after_a_budget_code_or_with_its_place(text, unit):
    assert detect_text(text).unit == unit


@pytest.mark.parametrize(("text", "unit"), [
    ("目 录\n第一部分 部门概况\n根据《湘南省人民政府驻北京联络处职能配置、内设机构和人员编制规定》，"
     "湘南省人民政府驻北京联络处主要履行以下职责：", "湘南省人民政府驻北京联络处"),
    ("2025年度医院财经预算\n一、单位概况\n临江县第二人民医院始建于1958年，是一所二级综合医院。", "临江县第二人民医院"),
    ("第一部分 概 况一、主要职责重庆市某区人民检察院（本级）的主要职责是：依法履行法律监督职能。", "重庆市某区人民检察院"),
    # the note under an empty table, the only place the unit is printed
    ("目录\n第一部分 概况\n一、本部门职责\n（1）指导村民委员会的工作。\n第二部分 2021年度部门决算报表\n"
     "九、国有资本经营预算财政拨款支出决算表\n说明：石岭镇人民政府没有使用国有资本经营预算安排支出，故本表无数据。",
     "石岭镇人民政府"),
])
def test_the_unit_its_mandate_founding_or_regulation_introduces(text, unit):
    assert detect_text(text).unit == unit


def test_a_covers_short_street_name_takes_the_name_its_tables_write_out():
    text = ("溪口街道\n2025年度部门决算\n目 录\n第一部分 部门概况\n表1 收入支出决算总表\n"
            "编制单位：衡岭市白沙区人民政府溪口街道办事处 单位：万元\n表2 收入决算表\n"
            "编制单位：衡岭市白沙区人民政府溪口街道办事处 单位：万元")
    meta = detect_text(text)
    assert meta.unit == "衡岭市白沙区人民政府溪口街道办事处" and "溪口街道" in meta.names


@pytest.mark.parametrize(("text", "unit"), [
    # the unit only as the subject of what it holds, where it is, or what it carries out (no title, no contents)
    ("一、单位基本情况\n（一）职能职责\n承担辖区基本医疗服务。\n（二）机构设置\n青禾幼儿园内设行政办公室、保育保健部门、后勤部门。",
     "青禾幼儿园"),
    ("一、单位基本情况\n（一）职能职责\n1.承担公共卫生服务。\n白桦镇卫生院位于白桦镇兴安路8号，占地面积5亩。", "白桦镇卫生院"),
    ("第一部分单位概况\n一、主要职责\n乡政府基本职能：组织实施本辖区发展计划。\n二、机构设置\n"
     "松溪彝族乡人民政府下属二级预算单位0个，其中行政单位5个。", "松溪彝族乡人民政府"),
    ("目 录\n第一部分 部门概况\n一、主要职能、职责\n塘川市生态环境局贯彻落实党中央关于生态环境保护工作的方针政策。主要职责是：",
     "塘川市生态环境局"),
    # a list's verb is no part of the name
    ("一、部门基本情况\n（二）单位构成\n从预算单位构成看，纳入本部门2022年度决算编制的二级预算单位主要包括石门镇社会保障服务所。",
     "石门镇社会保障服务所"),
])
def test_the_unit_a_sentence_says_holds_or_carries_out(text, unit):
    assert detect_text(text).unit == unit


@pytest.mark.parametrize(("text", "unit", "year"), [
    # a self-evaluation's 评价单位 with its seal
    ("青石镇部门整体支出绩效自评报告\n评价年度：2024\n评价单位（公章）：临溪县青石镇人民政府\n填报日期：20251103",
     "临溪县青石镇人民政府", 2024),
    # a page's table of facts giving the title as a field, its publishing date another year's
    ("索引号: | 11500106/2022-01109 | 信息分类名称: | 财政预算、决算 |\n发布机构: | 东坪区财政局 | 生成日期: | 2022-08-24 |\n"
     "名称: | 临江市东坪区交通局2021年度部门决算情况说明 | ||||\n一、部门概况", "临江市东坪区交通局", 2021),
    # a town's roll-up marked (汇总级) on the line above the title
    ("2023-04-03\n临溪县江岭镇人民政府(汇总级)\n2022年度单位决算公开说明\n第一部分 单位概况", "临溪县江岭镇人民政府", 2022),
])
def test_an_evaluators_seal_a_title_field_and_a_roll_up_mark(text, unit, year):
    meta = detect_text(text)
    assert (meta.unit, meta.year) == (unit, year)


@pytest.mark.parametrize(("text", "unit"), [
    # the organisation's prefix written out in the body
    ("共青团临溪县委员会关于2023年部门预算编制的说明\n一、部门基本情况\n（二）机构设置\n"
     "中国共产主义青年团临溪县委员会是一级预算单位，核定行政编制5名。", "中国共产主义青年团临溪县委员会"),
    # a committee's short name (国资委) written out with the words it shortens, the same place first
    ("塘川市国资委2022年度部门决算公开\n来源:市国资委\n第一部分 塘川市国资委概况\n一、部门职责\n"
     "根据《关于设立塘川市人民政府国有资产监督管理委员会的批复》精神，正式挂牌设立。", "塘川市人民政府国有资产监督管理委员会"),
])
def test_a_short_title_takes_the_name_the_body_writes_out_in_full(text, unit):
    assert detect_text(text).unit == unit


@pytest.mark.parametrize(("text", "unit"), [
    # contents items led by 一、 with the year before the unit, and a 详见 note naming the tables
    ("一、部门概况\n（一）主要职能\n二、2025年临溪县文化和广电旅游体育局部门预算安排情况说明\n三、名词解释", "临溪县文化和广电旅游体育局"),
    ("第一部分 部门概况\n第四部分 2022年部门预算表\n明细详见：东坪区水利和湖泊局 2022 预算公开表", "东坪区水利和湖泊局"),
    # a title line after its budget code, fuller than the first title's
    ("2023年青石乡人民政府决算编制说明\n411001-临溪县青石乡人民政府2023年部门决算公开\n附件一", "临溪县青石乡人民政府"),
    # a town's title without its county, the 来源 line with it
    ("石岭乡人民政府2018年部门决算编制说明\n2019-09-04 来源: 临溪县石岭乡人民政府 作者:石岭乡人民政府\n第一部分 部门概况",
     "临溪县石岭乡人民政府"),
    # a county of several peoples, under a portal's name line that is no part of the title
    ("临溪县人民政府\n临溪拉祜族佤族布朗族傣族自治县妇幼保健院2024年预算公开\n来源:临溪县人民政府",
     "临溪拉祜族佤族布朗族傣族自治县妇幼保健院"),
    # a table's header cell "单位：…" where the body names the unit short and its parent after a verb
    ("第一部分 部门概况\n二、机构设置\n临溪县第四幼儿园归临溪县教育局主管。属临溪县教育局下属的二级预算单位。\n"
     "公开01表\n单位:临溪回族自治县第四幼儿园 | 2024年度 | 金额单位:万元 |", "临溪回族自治县第四幼儿园"),
])
def test_contents_items_codes_sources_long_counties_and_header_cells(text, unit):
    assert detect_text(text).unit == unit


def test_an_offices_own_document_and_an_evaluation_listed_after_the_accounts():
    own = detect_text("中共临溪县委老干部局机关2023年部门预算情况说明\n一、部门职责")
    assert (own.unit, own.scope.value) == ("中共临溪县委老干部局", "unit")  # (机关: the office itself, its 本级)
    accounts = detect_text("第一部分临溪州审计局概况\n一、主要职能\n第二部分2023年度部门决算表\n第三部分2023年度部门决算情况说明\n"
                           "第四部分其他重要事项及相关口径情况说明\n四、单位绩效自评情况\n第五部分名词解释")
    assert accounts.doc_type.value == "final_accounts"
    form = detect_text("部门预算项目支出绩效自评表(2023年度)\n项目名称 乡村道路养护")
    assert form.doc_type.value == "performance_self_eval"


def test_a_heading_run_on_into_the_next_line_and_a_members_label_are_no_names():
    """"二、部门预算单位构成" joined to the line after it ("纳入某委2026年部门预算编制范围…") names no unit; a project's
    实施单位 of another kind is a member the department takes in, not another name of the department."""
    text = ("临溪县卫生健康委员会2026年部门预算\n第一部分 部门概况\n二、部门预算单位构成\n"
            "纳入临溪县卫生健康委员会2026年部门预算编制范围的单位共2个。\n"
            "项目名称\t家庭医生签约服务\n实施单位\t临溪县城关社区卫生服务中心\n")
    meta = detect_text(text)
    assert meta.unit == "临溪县卫生健康委员会" and meta.names == []
    bare = detect_text("第一部分 部门概况\n二、部门决算单位构成\n纳入临溪县水利局2025年度部门决算编报范围的单位共1个。")
    assert bare.unit == "临溪县水利局"
