"""A PDF of project self-evaluation forms (项目支出绩效自评表), one form per page under the same title, printed by
the PDF's text layer one cell per line, then a page of summary prose: the title is each form's (not a running header),
a label and its amount on the next line stay two cells, and each project answers for its money rows (as the form
prints them, a wrapped "其中：当年财" + "政拨款" joined), its score after the indicators, and its indicators."""

from __future__ import annotations

import pytest
from conftest import make_service
from fixtures_pdf import make_text_pdf

from core.schemas import Reason
from index.loaders import load
from index.normalise import normalise

_LINES_PER_PAGE = 110

# (project, implementing unit, money rows (label cells, 年初/全年/执行, 分值/执行率/得分 or dashes), indicators
# (level words, name, target, actual, weight, score, reason cells), total score)
_FORMS = [
    ("河道保洁养护项目", "松岗区河道管理所",
     [(["年度资金总额"], "860.00", "902.50", "874.21", "10", "96.87%", "9.69"),
      (["其中：当年财", "政拨款"], "800.00", "842.50", "815.06", "—", "—", "—"),
      (["上年结转资金"], "60.00", "60.00", "59.15", "—", "—", "—"),
      (["其他资金"], "0.00", "0.00", "0.00", "—", "—", "—")],
     [(["产出指标", "数量指标"], "保洁河道长度", "≥120公里", "126公里", "20", "20", []),
      ([], "保洁船只投入数量", "≥8艘", "7艘", "10", "8.75",
       ["1艘保洁船大修停用两个月，已", "于2025年10月恢复作业。"]),
      (["质量指标"], "河面漂浮物清除率", "≥95%", "97.4%", "20", "20", []),
      (["成本指标"], "每公里养护成本", "≤7.5万元", "6.94万元", "10", "10", []),
      (["效益指标", "可持续影响指", "标"], "河道长效管护覆盖率", "100%", "100%", "10", "10", []),
      (["满意度指标", "服务对象满意", "度指标"], "沿河居民满意度", "≥90%", "88.5%", "10", "9.83",
       ["部分河段夏季异味投诉较多，下", "一步将增加清淤频次。"])],
     "97.27"),
    ("农贸市场提升改造项目", "松岗区市场发展中心",
     [(["年度资金总额"], "540.00", "512.00", "466.43", "10", "91.10%", "9.11"),
      (["其中：当年财", "政拨款"], "540.00", "512.00", "466.43", "—", "—", "—"),
      (["上年结转资金"], "0.00", "0.00", "0.00", "—", "—", "—"),
      (["其他资金"], "0.00", "0.00", "0.00", "—", "—", "—")],
     [(["产出指标", "数量指标"], "改造农贸市场数量", "≥6个", "6个", "30", "30", []),
      (["质量指标"], "竣工验收合格率", "100%", "100%", "20", "20", []),
      (["效益指标", "社会效益指标"], "市场食品安全抽检合格率", "≥98%", "98.6%", "20", "20", []),
      (["满意度指标", "服务对象满意", "度指标"], "商户满意度", "≥85%", "90.2%", "10", "10", [])],
     "99.11"),
    ("背街小巷路灯维修项目", "松岗区市政设施维护中心",
     [(["年度资金总额"], "320.00", "320.00", "318.40", "10", "99.50%", "9.95"),
      (["其中：当年财", "政拨款"], "320.00", "320.00", "318.40", "—", "—", "—"),
      (["上年结转资金"], "0.00", "0.00", "0.00", "—", "—", "—"),
      (["其他资金"], "0.00", "0.00", "0.00", "—", "—", "—")],
     [(["产出指标", "数量指标"], "维修更换路灯数量", "≥1500盏", "1612盏", "30", "30", []),
      (["时效指标"], "故障路灯修复时限", "≤48小时", "36小时", "20", "20", []),
      (["效益指标", "社会效益指标"], "背街小巷亮灯率", "≥98%", "99.1%", "20", "20", []),
      (["满意度指标", "服务对象满意", "度指标"], "居民夜间出行满意度", "≥90%", "93.5%", "10", "10", [])],
     "99.95"),
]

_SUMMARY = (
    "二、自评结果",
    "松岗区城市管理局对河道保洁养护、农贸市场提升改造、背街小巷路灯维修3个项目开展了绩效自评，三个项目全年预算合计1734.50万元，全年执行合计"
    "1659.04万元，总体执行率95.65%，各项目均按自评办法对照年初设定的绩效目标逐项打分，平均得分98.78分，评价等级均为优。",
    "三、存在的问题",
    "一是部分项目预算编制不够精准，农贸市场提升改造项目年中调减预算28.00万元，执行率仍低于全年平均水平；二是个别指标设置"
    "偏于保守，未能充分反映项目产出，河道保洁养护项目部分指标与往年相比缺少挑战性，需要在今后的目标申报中加以改进。",
    "四、改进措施",
    "下一步将加强项目前期论证和预算测算，依据市场询价结果编制改造预算，及时收回结余资金统筹使用；同时优化绩效指标体系，"
    "增加反映项目产出质量和群众获得感的指标，提高指标的可衡量性和挑战性，并将自评结果作为下一年度预算安排的重要依据。",
    "五、结果应用",
    "自评结果已报送区财政局并在局门户网站公开，河道保洁养护项目的自评结论将作为2026年度河道养护经费安排的参考，农贸市场"
    "提升改造项目的结余资金已按规定收回统筹使用，对执行进度偏慢的项目实行月度通报，督促实施单位加快支付进度。",
    "六、其他需要说明的情况",
    "本次自评由局计划财务科牵头，各实施单位按照统一的自评表格式填报，局绩效评价工作小组对照原始凭证和验收资料逐项复核，"
    "对自评分值与实际不符的两项指标作了调整，复核后的分值与上表一致，自评中未发现违规使用项目资金的情况。",
)


def _form_lines(project, unit, money, indicators, total) -> list[str]:
    lines = ["项目支出绩效自评表", "（2025年度）", "填报单位：松岗区城市管理局", "项目名称", project, "主管部门",
             "松岗区城市管理局", "实施单位", unit, "项目资金（", "万元）", "年初预算数", "全年预算数", "全年执行数", "分值",
             "执行率", "得分"]
    for label, *values in money:
        lines += [*label, *values]
    lines += ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    for levels, name, target, actual, weight, score, reason in indicators:
        lines += [*levels, name, target, actual, weight, score, *reason]
    lines += ["总分", "100", total, "自评等级：优"]
    assert len(lines) <= _LINES_PER_PAGE
    return lines + [""] * (_LINES_PER_PAGE - len(lines))


@pytest.fixture(scope="module")
def forms(tmp_path_factory):
    path = tmp_path_factory.mktemp("forms") / "songgang_projects_2025.pdf"
    lines = [line for form in _FORMS for line in _form_lines(*form)] + list(_SUMMARY)
    make_text_pdf("\n".join(lines), path, header=None, lines_per_page=_LINES_PER_PAGE, chars_per_line=30,
                  space_numbers=False)
    svc = make_service(tmp_path_factory.mktemp("home"), DISCLOSURE_TODAY="2026-11-30")
    assert [o.status for o in svc.ingest([path])] == ["ingested"]
    return svc, path


def test_a_forms_title_on_every_page_is_the_forms_and_cells_stay_apart(forms):
    _, path = forms
    doc = normalise(load(path))
    lines = [ln.text.strip() for ln in doc.lines]
    assert lines.count("项目支出绩效自评表(2025年度)") + lines.count("项目支出绩效自评表") == 3, lines[:3]
    assert not [t for _, t in doc.dropped_lines if "绩效自评表" in t]
    # a label and the amount on its next line are two cells, not a wrapped sentence
    assert "每公里养护成本" in lines and "≤7.5万元" in lines and "6.94万元" in lines
    assert "改造农贸市场数量" in lines and "≥6个" in lines
    assert doc.wrapped  # (the summary's prose is hard-wrapped: lines are joined where a sentence runs on)


def test_the_document_is_a_self_evaluation(forms):
    svc, _ = forms
    [d] = svc.docs()
    assert d.doc_type == "performance_self_eval" and d.year == 2025, d


def _ask(svc, question):
    a = svc.ask(question)
    assert a.answerable and a.citations, (question, a.answer)
    return a


def test_a_projects_money_and_rate_and_score(forms):
    svc, path = forms
    a = _ask(svc, "城管局去年河道保洁养护项目全年预算和全年执行数各是多少？")
    assert "902.50" in a.answer and "874.21" in a.answer, a.answer
    b = _ask(svc, "城管局农贸市场提升改造项目去年执行律是多少？")  # (执行律: typed as it sounds)
    assert "91.10" in b.answer, b.answer
    c = _ask(svc, "城管局河道保洁养护项目去年自评得分是多少？")
    assert "97.27" in c.answer, c.answer
    quote = next(x.quote for x in c.citations if "97.27" in x.quote)
    assert quote and c.citations[0].source == path.name


def test_a_money_row_of_the_project(forms):
    svc, _ = forms
    a = _ask(svc, "城管局河道保洁养护项目去年的上年结转资金执行了多少？")
    assert "59.15" in a.answer and "874.21" not in a.answer, a.answer
    b = _ask(svc, "城管局农贸市场提升改造项目年初预算多少，调整后全年预算多少？")
    assert "540.00" in b.answer and "512.00" in b.answer, b.answer


def test_an_indicator_named_with_its_project_by_a_piece(forms):
    svc, _ = forms
    a = _ask(svc, "城管局去年沿河居民对河道保洁的满意度是多少？这项得了几分？")
    assert "88.5" in a.answer and "9.83" in a.answer, a.answer


def test_a_breakdown_the_forms_do_not_print_is_refused(forms):
    svc, _ = forms
    a = svc.ask("城管局去年河道保洁养护项目各个村分别花了多少钱？")
    assert not a.answerable, a.answer


# -- a form that runs over two pages, its title printed again over the rest ------------------------------------------

@pytest.fixture(scope="module")
def form_over_two_pages(tmp_path_factory):
    """The first form cut after its first indicator: the rest (with two reasons, one wrapped in its narrow cell, and
    the total score) on the next page under the form's title and year printed again, then the other two forms."""
    first = [line for line in _form_lines(*_FORMS[0]) if line]
    cut = first.index("保洁船只投入数量")
    rest = ["项目支出绩效自评表", "（2025年度）", *first[cut:]]
    pages = first[:cut] + [""] * (_LINES_PER_PAGE - cut) + rest + [""] * (_LINES_PER_PAGE - len(rest))
    lines = pages + [line for form in _FORMS[1:] for line in _form_lines(*form)] + list(_SUMMARY)
    path = tmp_path_factory.mktemp("forms2") / "songgang_projects_2025.pdf"
    make_text_pdf("\n".join(lines), path, header=None, lines_per_page=_LINES_PER_PAGE, chars_per_line=30,
                  space_numbers=False)
    svc = make_service(tmp_path_factory.mktemp("home2"), DISCLOSURE_TODAY="2026-11-30")
    assert [o.status for o in svc.ingest([path])] == ["ingested"]
    return svc


def test_a_form_over_two_pages_keeps_its_rows_score_and_reasons(form_over_two_pages):
    svc = form_over_two_pages
    a = _ask(svc, "城管局河道保洁养护项目去年自评得分是多少？")
    assert "97.27" in a.answer and a.citations[0].page == 2, (a.answer, a.citations[0])
    b = _ask(svc, "城管局河道保洁养护项目保洁船只投入数量得了几分？")
    assert "8.75" in b.answer, b.answer
    c = _ask(svc, "城管局河道保洁养护项目沿河居民满意度为什么没达标？")
    assert "异味投诉" in c.answer and "清淤频次" in c.answer, c.answer  # (the reason wrapped over two cells, whole)
    d = _ask(svc, "城管局农贸市场提升改造项目去年自评得分是多少？")  # (the next form is its own)
    assert "99.11" in d.answer, d.answer


def test_no_form_column_is_read_as_a_reason(form_over_two_pages):
    reasons = [Reason.model_validate_json(d) for _, d in form_over_two_pages.store.reasons_where(None, None)]
    said = sorted(r.reason for r in reasons)
    assert len(said) == 2 and said[0].startswith("1艘保洁船") and "清淤频次" in said[1], said  # ("及改进措施" is none)


def test_the_unit_carrying_out_a_project_names_its_departments_project(forms):
    svc, _ = forms
    a = _ask(svc, "松岗区河道管理所河道保洁养护项目去年自评得分是多少？")  # (its 实施单位: no document of its own)
    assert "97.27" in a.answer, a.answer
    b = svc.ask("松岗区园林所去年河道保洁养护项目自评得分是多少？")  # (a unit the documents never name)
    assert not b.answerable and "园林所" in b.answer, b.answer
