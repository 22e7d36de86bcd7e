"""Resolving the unit a question names, by how official names are built (issue 9 §2).

The names here are new (places no gold set holds), built the way official names are built; none is a gold item.
"""

from __future__ import annotations

import pytest

from app.units import UnitIndex, forms_of

YUELU = [
    "长沙市岳麓区洋湖街道办事处",
    "长沙市岳麓区洋湖街道便民服务中心",
    "长沙市岳麓区洋湖街道市民活动中心",
    "长沙市岳麓区洋湖街道综合行政执法大队",
    "中共长沙市岳麓区委洋湖街道工作委员会",
    "长沙市岳麓区坪塘镇人民政府",
    "长沙市岳麓区坪塘镇农业综合服务中心",
    "长沙市岳麓区坪塘镇村镇建设服务中心",
    "中共长沙市岳麓区委坪塘镇委员会",
    "长沙市岳麓区人力资源和社会保障局",
    "长沙市岳麓区社会保险事业管理局",
    "中共长沙市岳麓区委办公室",
    "政协长沙市岳麓区委员会办公室",
    "长沙市岳麓区民政局",
    "长沙市岳麓区财政局",
    "南京市江宁区民政局",
    "含浦人民法庭",
    "长沙市望城区民政局",
    "长沙市望城区融媒体中心",
    "长沙市岳麓区城市管理和综合执法局综合执法大队洋湖中队",
    "长沙市橘子洲公园管理处",
]


@pytest.fixture(scope="module")
def index() -> UnitIndex:
    return UnitIndex(YUELU, ("三公经费", "公务接待费", "预算", "决算"))


def found(index: UnitIndex, question: str) -> list[str] | None:
    mentions = index.mentions(question)
    return mentions[0].units if mentions else None


@pytest.mark.parametrize(("question", "units"), [
    # a unit below a street or town, named after a filler: that lower unit (each that fits), never the street's office
    ("洋湖街道的中心去年花了多少", ["长沙市岳麓区洋湖街道便民服务中心", "长沙市岳麓区洋湖街道市民活动中心"]),
    ("洋湖街道下属的执法大队三公经费", ["长沙市岳麓区洋湖街道综合行政执法大队"]),
    ("坪塘镇那个服务中心的预算", ["长沙市岳麓区坪塘镇农业综合服务中心", "长沙市岳麓区坪塘镇村镇建设服务中心"]),
    # a lower unit the archive does not hold: nothing (asked as unknown), not the town's government
    ("坪塘镇那个财政所的预算", None),
    # nothing below: the street or town itself
    ("洋湖街道的三公经费", ["长沙市岳麓区洋湖街道办事处"]),
    ("坪塘镇的决算", ["长沙市岳麓区坪塘镇人民政府"]),
    # the Party committee of a street or town: 党工委 / 工委 / 党委
    ("洋湖街道党工委的预算", ["中共长沙市岳麓区委洋湖街道工作委员会"]),
    ("坪塘镇党委三公经费", ["中共长沙市岳麓区委坪塘镇委员会"]),
    # a shortening begins where the name begins: 社保局 is the 社会保险…局, 区委办 the Party committee's office
    ("社保局2024年三公经费", ["长沙市岳麓区社会保险事业管理局"]),
    ("人社局2024年三公经费", ["长沙市岳麓区人力资源和社会保障局"]),
    ("区委办公室的预算", ["中共长沙市岳麓区委办公室"]),
    ("区政协办公室的预算", ["政协长沙市岳麓区委员会办公室"]),
    # a place typed before a unit with a filler between is where the unit is
    ("岳麓那边民政局的预算", ["长沙市岳麓区民政局"]),
    ("江宁区的民政局", ["南京市江宁区民政局"]),
    ("岳麓的法庭", ["含浦人民法庭"]),  # a name printed without its place may be anywhere
    # a place the unit is not in: an unknown unit, never another place's
    ("江宁的财政局2024年三公经费", None),
    ("雨花区的财政局", None),
    # a county made a district keeps its name: the old level names the same place
    ("望城县民政局的预算", ["长沙市望城区民政局"]),
    ("岳麓县民政局的预算", ["长沙市岳麓区民政局"]),
    ("雨花县民政局的预算", None),
    # a lower unit named by its own part first, then its parent's function, then its kind
    ("洋湖城管中队的三公经费", ["长沙市岳麓区城市管理和综合执法局综合执法大队洋湖中队"]),
    # a facility's office named by the facility; a reorganised unit by its former name
    ("橘子洲公园三公经费去年多少", ["长沙市橘子洲公园管理处"]),
    ("望城广播电视台的三公经费", ["长沙市望城区融媒体中心"]),
])
def test_units_named_the_way_people_name_them(index, question, units):
    assert found(index, question) == units


def test_no_place_lies_below_a_street_or_town():
    form = next(f for f in forms_of("长沙市岳麓区洋湖街道市民活动中心") if f.text.endswith("市民活动中心"))
    assert form.text[:form.place_end] == "长沙市岳麓区"
    form = next(f for f in forms_of("河南省新乡市民政局") if f.text == "河南省新乡市民政局")
    assert form.text[:form.place_end] == "河南省新乡市"


@pytest.mark.parametrize(("question", "units"), [
    ("朝阳区的民政局", ["北京市朝阳区民政局"]),
    ("朝阳的民政局", ["北京市朝阳区民政局"]),
    # the same name at another level is another place (辽宁省朝阳市, 吉林省吉林市): never answered for this one
    ("朝阳市民政局的预算", None),
    ("朝阳市的民政局", None),
    ("吉林市的财政厅", None),
])
def test_a_place_at_another_level_is_another_place(question, units):
    index = UnitIndex(["北京市朝阳区民政局", "吉林省财政厅"])
    assert found(index, question) == units


@pytest.mark.parametrize("question", ["姑苏组织部政府采购授予中小企业合同金额多少？", "市南应急局政府购买服务花了多少",
                                      "解放碑街道政府性基金支出有没有", "江岸区府办政府信息公开工作经费"])
def test_a_fiscal_term_after_a_unit_is_no_unit_below_it(question):
    """政府采购, 政府购买, 政府性基金… begin with a kind word (政府) but name money, not a unit below the one named."""
    from app.question import figure_words

    names = ["中共苏州市姑苏区委组织部", "青岛市市南区应急管理局", "重庆市渝中区人民政府解放碑街道办事处",
             "武汉市江岸区人民政府办公室"]
    found = UnitIndex(names, figure_words()).mentions(question)
    assert len(found) == 1 and len(found[0].units) == 1 and found[0].units[0] in names


@pytest.mark.parametrize("question", ["组织部干部教育培训经费项目今年的绩效目标是什么", "区卫健委突发公共卫生事件应急处理去年花了多少",
                                      "区卫健委疾病预防控制支出多少", "组织部全部支出多少", "区市监局部分项目为什么没完成"])
def test_a_kind_character_inside_a_word_after_a_unit_is_no_unit_below_it(question):
    """A character that can end a unit's name (部, 处, 所) but begins or ends a word after the unit (干部, 处理, 全部,
    部分) is the word's: the unit named is the one asked about, not an unknown unit below it."""
    names = ["中共青川县委组织部", "临江区卫生健康委员会", "临江区市场监督管理局"]
    found = UnitIndex(names, ("预算", "决算")).mentions(question)
    assert len(found) == 1 and len(found[0].units) == 1, found


@pytest.mark.parametrize("question", ["区卫健委疾控中心去年花了多少", "组织部党员教育中心今年预算多少", "区市监局综合执法大队预算",
                                      "卫健委血站去年三公经费多少", "组织部党校去年三公经费", "区市监局分局预算",
                                      "卫健委分院机关运行经费"])
def test_a_unit_below_the_one_named_is_still_read_as_one(question):
    """A lower unit typed right after the unit (疾控中心, 党员教育中心) that no stored name fits names nothing."""
    names = ["中共青川县委组织部", "临江区卫生健康委员会", "临江区市场监督管理局"]
    assert UnitIndex(names, ("预算", "决算")).mentions(question) == []


@pytest.mark.parametrize("question", ["沙坪坝区卫生健康委员会2025年预算", "沙坪坝区卫健委2025年预算"])
def test_a_name_stored_short_is_found_typed_out(question):
    """A unit printed (and stored) in its short form (某区卫生健康委) is the one asked when its 委员会 is typed out; the
    委员会 is no lower unit."""
    index = UnitIndex(["沙坪坝区卫生健康委", "沙坪坝区财政局", "重庆市大渡口区卫生健康委员会"])
    assert found(index, question) == ["沙坪坝区卫生健康委"]


@pytest.mark.parametrize(("names", "question", "units"), [
    # a county that shares its name with the prefecture is another place; a county made a district keeps its name
    (["中共抚顺市委宣传部"], "抚顺县委宣传部三公经费多少", None),
    (["重庆市武隆区财政局"], "武隆县财政局三公经费多少", ["重庆市武隆区财政局"]),
    # a higher place with the function is that place's unit, not a lower city's (成都市委 is not 崇州市委)
    (["四川省成都市崇州市委组织部"], "成都市委组织部的预算", None),
    (["四川省成都市崇州市委组织部"], "崇州市委组织部的预算", ["四川省成都市崇州市委组织部"]),
    # a place level glued into a word the name does not print (市政局, 市委)
    (["长沙市财政局"], "长沙市政局三公经费", None),
    (["株洲市城市管理和综合执法局"], "株洲市委三公经费", None),
    # a town's own name left out of a unit under it; the town itself named without its kind
    (["宣汉县土黄镇中心小学"], "宣汉县中心小学三公经费", None),
    (["宣汉县土黄镇中心小学"], "土黄镇中心小学三公经费", ["宣汉县土黄镇中心小学"]),
    (["浏阳市大瑶镇人民政府", "浏阳市财政局"], "浏阳市人民政府预算", None),
    (["浏阳市大瑶镇人民政府", "浏阳市财政局"], "大瑶镇政府预算", ["浏阳市大瑶镇人民政府"]),
    # the start of a place's name typed as a place of its own
    (["西藏日喀则市财政局"], "西藏财政局三公经费", None),
    (["西藏日喀则市财政局"], "日喀则财政局三公经费", ["西藏日喀则市财政局"]),
    # one everyday word of a long name with its kind; the word right before the kind is the name's own
    (["四川省农村信息和数据监测中心"], "四川省信息中心三公经费", None),
    (["重庆市荣昌区公共机构节能服务中心"], "荣昌区节能中心2026年预算", ["重庆市荣昌区公共机构节能服务中心"]),
])
def test_a_name_read_apart_from_how_it_was_typed_is_not_that_unit(names, question, units):
    """What an attack on the resolver found answered with another unit (helper-32): each rule, on other names."""
    from app.question import figure_words

    assert found(UnitIndex(names, figure_words()), question) == units


def test_a_new_areas_everyday_name_is_that_area():
    """浦东 for 浦东新区 (its level word 新区 left out), not the start of another place's name."""
    index = UnitIndex(["上海市浦东新区财政局", "上海市财政局"])
    assert found(index, "浦东财政局去年三公经费") == ["上海市浦东新区财政局"]


def test_a_common_verb_is_no_slip_for_a_place_level():
    """是 sounds like 市 but is the question's verb: "…是红牌楼街道的几倍" names 红牌楼街道, not "是红牌楼街道"."""
    index = UnitIndex(["成都市武侯区人民政府红牌楼街道办事处", "中国人民政治协商会议哈尔滨市南岗区委员会办公室"])
    mentions = index.mentions("南岗政协2022年的三公经费是红牌楼街道的几倍？")
    assert [m.phrase for m in mentions] == ["南岗政协", "红牌楼街道"]
