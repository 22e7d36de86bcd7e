"""The reason finder behind the 原因说明 page, the CLI and the API (issue 12): the 方向 filter holds, each reason
comes with its context (kept at ingestion, or read again for a store written before), and the shown list exports
to Excel and CSV with Chinese headers. A real store: the sample archive (and the real PDFs when present)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3

import pytest
from conftest import REAL_PDFS, make_service
from openpyxl import load_workbook

from app.export import FOUND_REASON_SHEET, reasons_csv, reasons_xlsx


@pytest.mark.parametrize("direction", ["减少", "增加"])
def test_direction_filter_returns_that_direction_only(archive_service, direction):
    other = {"减少": "增加", "增加": "减少"}[direction]
    found = archive_service.reasons("机关运行经费", k=50, direction=direction)
    assert found, direction  # 机关运行经费 was explained both ways in the sample archive
    assert {r["direction"] for r in found} == {direction}
    # the filter wins over a direction word of the query, and over no metric key at all
    assert {r["direction"] for r in archive_service.reasons(f"机关运行经费 {other}", k=50, direction=direction)} == {direction}
    for query in ("公务接待费", "三公经费", "项目支出", "支出总计"):
        assert {r["direction"] for r in archive_service.reasons(query, k=50, direction=direction)} <= {direction}
    both = archive_service.reasons("机关运行经费", k=50)
    assert {"增加", "减少"} <= {r["direction"] for r in both}  # without the filter, both


def test_each_reason_has_its_context_as_printed(archive_service):
    found = archive_service.reasons("公务接待费", k=20, unit="大同市场监管局", year=2024, direction="减少")
    r = next(r for r in found if r["reason"] == "落实过紧日子要求，压减公务接待费支出。")
    ctx = r["context"]
    assert ctx["sentence"] == r["text"] and r["text"].endswith("主要原因是：落实过紧日子要求，压减公务接待费支出。")
    assert ctx["before"].startswith("公务用车运行维护费支出25.67万元") and ctx["after"].startswith("(二) “三公”经费")
    assert archive_service.reason_context(_citation(r)) == ctx  # read again from the stored original: the same


def test_pdf_reasons_are_shown_joined(archive_service):
    if not REAL_PDFS:
        pytest.skip("../shared/corpus with the two real PDFs is not beside the project")
    found = archive_service.reasons("一般公共预算财政拨款支出", k=50, unit="上海市普陀区规划和自然资源局")
    assert found
    broken = [r for r in found if "\n" in r["citation"]["quote"]]
    assert broken  # the PDF's page text breaks these sentences …
    for r in found:  # … the reader sees them whole, with the sentences around them
        assert "\n" not in r["text"] + r["reason"] + (r["context"]["before"] or "") + (r["context"]["after"] or "")
    assert any("1133.95万元" in r["text"] for r in found)  # the PDF's "1133.95 万元" as printed, no break inside


def test_a_store_written_before_the_context_was_kept_reads_it_again(archive_service, tmp_path):
    """Reasons stored without printed/before/after (as an older version wrote them) still come back joined and
    in context: the service reads the stored original again."""
    home = tmp_path / "home"
    shutil.copytree(archive_service.settings.home, home)
    with sqlite3.connect(home / "catalog.sqlite") as db:
        rows = db.execute("SELECT rowid, data FROM reasons").fetchall()
        for rowid, data in rows:
            old = {k: v for k, v in json.loads(data).items() if k not in ("printed", "before", "after")}
            db.execute("UPDATE reasons SET data = ? WHERE rowid = ?", (json.dumps(old, ensure_ascii=False), rowid))
    old_store = make_service(home)
    now = archive_service.reasons("公务接待费 减少", k=10)
    again = old_store.reasons("公务接待费 减少", k=10)
    assert [(r["text"], r["context"]) for r in again] == [(r["text"], r["context"]) for r in now]


def test_found_reasons_export_with_chinese_headers(archive_service):
    found = archive_service.reasons("公务接待费", k=20, direction="减少")
    assert found
    ws = load_workbook(io.BytesIO(reasons_xlsx(found)))["原因说明"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == FOUND_REASON_SHEET
    assert {"单位名称", "年度", "文件类型", "说明的指标", "方向", "原因", "文件", "页码", "起始行", "结束行"} <= set(rows[0])
    assert len(rows) == len(found) + 1
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["单位名称"] == found[0]["unit"] and first["年度"] == found[0]["year"]  # a number: SUM and filters work
    assert first["方向"] == "减少" and first["原因"] == found[0]["reason"]
    assert first["文件类型"] in {"部门决算", "部门预算"} and "_" not in (first["说明的指标"] or "")
    assert first["文件"] == found[0]["citation"]["source"]
    assert (first["页码"], first["起始行"]) == (found[0]["citation"]["page"], found[0]["citation"]["line_start"])
    table = list(csv.reader(io.StringIO(reasons_csv(found).decode("utf-8-sig"))))
    assert tuple(table[0]) == FOUND_REASON_SHEET and len(table) == len(found) + 1
    assert table[1][FOUND_REASON_SHEET.index("原因")] == found[0]["reason"]


def _citation(r):
    from core.schemas import Citation

    return Citation.model_validate(r["citation"])


def test_a_reason_states_the_figure_and_its_change(archive_service):
    """The answer to a why gives the year's amount, the change and its rate with the reason (round 10)."""
    a = archive_service.ask("大同市场监管局2024年机关运行经费比上年减少的原因？")
    assert a.answerable and all(n in a.answer for n in ("252.49万元", "27.13万元", "9.7%", "在职转退休人员较多"))
    # the amount the question states picks the sentence that states it, and of two such the one with the rate
    a = archive_service.ask("昌吉州市监局2021年项目支出预算为什么多了165万？")
    assert all(n in a.answer for n in ("622万元", "165万元", "36.10%", "机构合并"))


def test_another_figures_reason_is_not_the_answer(archive_service):
    """A why about a figure no explanation is about is refused with the figure, not answered with a reason that
    only mentions its words inside ("…政府采购流程未及时完毕")."""
    a = archive_service.ask("大同市场监管局2024年政府采购为什么增加了？")
    assert not a.answerable and "政府采购支出总额为1242.27万元" in a.answer and "原因：" not in a.answer


def test_a_change_stated_the_sentence_before_and_the_budget_set_against(tmp_path):
    from conftest import service_with

    svc = service_with(tmp_path, "yingji.txt", (
        "某区应急管理局2025年度部门决算\n"
        "七、财政拨款“三公”经费支出决算情况说明\n"
        "2025年度“三公”经费财政拨款支出决算数比2024年度减少0.15万元，下降27.78%，其中：因公出国（境）费支出与上一年度"
        "持平；公务接待费支出决算减少0.15万元，下降27.78%。公务接待费支出减少的主要原因是严格落实中央八项规定，控制“三公”"
        "经费支出。\n"
        "五、一般公共预算财政拨款支出决算情况说明\n"
        "一般公共预算财政拨款支出年初预算为10210.34万元，支出决算为9746.50万元，完成年初预算的95.45%。决算数小于预算数的主要"
        "原因：城乡社区支出（类）未完成年初预期，部分项目未开展完成。其中：\n"
        "（三）一般公共预算财政拨款支出决算具体情况\n"))
    a = svc.ask("某区应急管理局2025年公务接待费为什么减少？")
    assert "0.15万元" in a.answer and "27.78%" in a.answer and "严格落实中央八项规定" in a.answer
    a = svc.ask("某区应急管理局2025年一般公共预算支出为什么没完成年初预算？")
    assert all(n in a.answer for n in ("年初预算10210.34万元", "95.45%", "部分项目未开展完成"))
    assert not a.answer.rstrip("。").endswith("其中")


def test_a_projects_self_evaluation_rows_answer_problems_measures_and_why(archive_service):
    """The written rows of a 项目支出绩效自评表 (问题及原因分析, 下一步改进措施) answer what they say, for the project named."""
    a = archive_service.ask("大同市场监管局2024年J市场监管经费项目下一步改进措施是什么？")
    assert a.answerable and "强化绩效监控" in a.answer and "J市场监管经费" in a.answer
    a = archive_service.ask("大同市场监管局2024年中央药品监管补助资金存在什么问题？")
    assert "购样成本单价较低" in a.answer and "强化绩效监控" not in a.answer
    a = archive_service.ask("大同市场监管局2024年中央药品监管补助资金预算执行偏低，原因是什么？")
    assert "细化程度不够" in a.answer and "12.972" in a.answer
    assert all(c.quote for c in a.citations)


def test_what_a_row_or_task_is_for(archive_service):
    """"…主要用于什么", "用来干什么": a task's 主要内容 cell (the task picked by the amount the question states), or the
    text's "…万元，主要用于…" of the row named."""
    a = archive_service.ask("巴州市场监管局2022年那130万援疆资金主要用来干什么？")
    assert a.answerable and "130万元" in a.answer and "强化干部教育培训" in a.answer
    a = archive_service.ask("巴州市场监管局2022年基本人员保障经费主要用途是什么")
    assert "4471.71万元" in a.answer and "聘用人员工资" in a.answer
    a = archive_service.ask("昌吉州市监局2021年一般公共服务支出2365.94万主要用于什么？")
    assert "2365.94万元" in a.answer and "专项业务支出" in a.answer
    # classes asked for ("花在哪几类上，各多少") are a list, not a use: the classes with their amounts
    a = archive_service.ask("大同市市场监管局2024年一般公共预算财政拨款支出主要花在哪几类上，各多少？")
    assert all(n in a.answer for n in ("3864.28", "811.45")) and "以下方面" not in a.answer


def test_what_an_evaluation_found_and_will_change_in_the_running_text(archive_service):
    """"发现的问题及原因：…下一步改进措施：…" of a department's text answer what it found and will change, each part
    quoted as printed from its heading to the next."""
    a = archive_service.ask("昌吉州市监局2024年绩效自评发现了什么问题？")
    assert a.answerable and "引导作用发挥不够充分" in a.answer and "科学设置" not in a.answer
    a = archive_service.ask("昌吉州市监局2024年预算绩效下一步改进措施是什么？")
    assert "科学设置预算绩效目标" in a.answer and "；" in a.answer.split("下一步改进措施")[-1]
    assert all(c.quote for c in a.citations)


def test_what_the_review_of_round_10s_paths_found(archive_service):
    """helper-30's wrong answers against the new paths, each kept."""
    # a self-evaluation row's text shorter than its name is its text, not the name
    a = archive_service.ask("大同市场监管局放心消费创建项目存在什么问题")
    assert "创建活动暂停" in a.answer
    assert "经验做法" in archive_service.ask("大同市场监管局标准化工作经费项目有什么经验做法").answer
    # a row's use asked with 主要用于 right after its name
    a = archive_service.ask("昌吉州市监局2021年一般公共服务支出主要用于什么")
    assert "专项业务支出" in a.answer
    # a budget against its 决算 is no agreement between tables; two units compared are not checked one by one
    a = archive_service.ask("昌吉州市场监督管理局2024年三公经费预算和决算一致吗")
    assert "处列出" not in a.answer and "31.19" in a.answer
    a = archive_service.ask("大同市场监管局公务接待费和昌吉州市场监管局的一样吗")
    assert "处列出" not in a.answer
    # a why against the budget is answered with the budget's reason, not the change against last year's
    a = archive_service.ask("昌吉州市场监管局2024年三公经费为什么和预算一样")
    assert "预决算无差异" in a.answer


def test_what_the_review_of_round_10s_paths_found_later(archive_service):
    """The rest of helper-30's findings: each a kind, checked on rows and units of the sample archive."""
    # 财政拨款收入's year-on-year reason is printed under 财政拨款收入支出总体 (its total): that one, not the budget gap's
    a = archive_service.ask("昌吉州市监局2024年财政拨款收入为什么减少")
    assert "771.13万元" in a.answer and "通信机房" in a.answer and "预决算" not in a.answer
    assert not a.answer.split("年", 1)[1].startswith("四、")  # (a heading's number is not shown as the figure's name)
    # a why against the budget with no reason for the gap printed is refused with the budget and the actual …
    a = archive_service.ask("大同市场监管局2024年为什么没完成年初预算")
    assert not a.answerable and all(n in a.answer for n in ("5294.60", "5023.02")) and "原因：" not in a.answer
    # … and with the gap's reason printed, that reason
    a = archive_service.ask("昌吉州市监局2024年为什么超预算了")
    assert a.answerable and "年中追加职业年金缴费" in a.answer
    # a row with no vocabulary key gets its own reason or none, never another row's
    a = archive_service.ask("大同市场监管局2024年退休费为什么增加")
    assert not a.answerable and "新增个体工商户保险保障" not in a.answer
    a = archive_service.ask("昌吉州市监局2024年退休费为什么增加")
    assert a.answerable and "退休人员增加" in a.answer
    # a whole explained through its parts ("三公经费比上年增加6.74万元，其中：…运行费增加7.36万元，主要原因是…")
    a = archive_service.ask("昌吉州市监局2021年三公经费为什么增加6.74万")
    assert a.answerable and all(n in a.answer for n in ("6.74万元", "7.36万元", "重新核定公务用车编制", "压减公务接待"))
    # a total explained through the one part that is all of it (一般公共预算2785.21万元，占100%，…主要原因是…)
    a = archive_service.ask("昌吉州市监局2021年收入预算为什么增加")
    assert a.answerable and "435.40万元" in a.answer and "机构合并" in a.answer
    # a use printed after the row's budget and actual ("…万元，完成年初预算的134.03%，用于缴纳养老保险…")
    a = archive_service.ask("大同市场监管局2024年社会保障和就业支出主要用于什么")
    assert "缴纳养老保险" in a.answer and "811.45" in a.answer


def test_which_projects_wrote_problems_is_a_list_of_projects(archive_service):
    """"存在问题的项目有几个": the projects whose self-evaluation writes more than 无 in that row, counted and named."""
    a = archive_service.ask("大同市场监管局2024年存在问题的项目有几个")
    assert a.intent == "list" and "有20个项目" in a.answer and "J市场监管经费" in a.answer and len(a.citations) == 20


def test_a_projects_why_with_stated_numbers_reads_its_completion_cell(archive_service):
    """"招标21家为什么只完成17家": the self-evaluation's 实际完成情况 (under 年度目标) that states those numbers."""
    a = archive_service.ask("大同市场监管局2024年车用气瓶信息化平台招标21家为什么只完成17家？")
    assert a.answerable and "四家气站停业" in a.answer and "Z气瓶信息化平台监管经费" in a.answer


def test_a_marker_inside_brackets_is_no_reason(tmp_path):
    from conftest import service_with

    svc = service_with(tmp_path, "terms.txt", (
        "某区教育局2025年部门预算\n第四部分 名词解释\n"
        "三、财政专户管理资金：包括专户管理行政事业性收费（主要是教育收费）、其他非税收入。\n"))
    assert not [r for r in svc.reasons("财政专户管理资金", k=10) if "教育收费" in r["text"]]


def test_what_round_12s_development_part_showed(archive_service):
    """Sizes as people say them ("两千三百多万", "800多万") pick the row or the change; a label of both sides
    (收入支出总体) explains 收支总计; tasks added up when asked."""
    a = archive_service.ask("昌吉州市监局2021年那笔两千三百多万的支出主要用于什么？")
    assert "2365.94万元" in a.answer and "专项业务支出" in a.answer
    a = archive_service.ask("昌吉州市监局2024年收支总计为什么比上年少了800多万？")
    assert a.answerable and "813.05万元" in a.answer and "二级等保" in a.answer
    a = archive_service.ask("昌吉州市监局2024年为什么少了700多万")
    assert "771.13万元" in a.answer
    a = archive_service.ask("巴州市场监管局2022年各项任务预算加起来一共多少？")
    assert "合计6685.34万元" in a.answer and a.computed.get("sum") == "6685.34"


def test_what_the_review_of_this_sessions_paths_found(archive_service, tmp_path):
    """helper-34's findings against the new paths, each kept."""
    from conftest import service_with

    # a reason in brackets that says 原因 is a reason; "小于预算" asks the gap's reason
    svc = service_with(tmp_path, "edu.txt", (
        "某区教育局2024年度部门决算\n一、收入支出决算总体情况说明\n"
        "2024年度收入支出总计1000.00万元，与上年相比，收入支出总计减少100.00万元（主要原因是退休人员减少，人员经费下降）。\n"
        "五、一般公共预算财政拨款支出决算情况说明\n"
        "一般公共预算财政拨款支出年初预算为900.00万元，支出决算为850.00万元，完成年初预算的94.44%。决算数小于预算数的主要"
        "原因：部分项目未开展。与上年相比增加20.00万元，主要原因是新增培训项目。\n"))
    assert "退休人员减少" in svc.ask("某区教育局2024年收入支出总计为什么减少").answer
    a = svc.ask("某区教育局2024年一般公共预算财政拨款支出为什么小于预算")
    assert "部分项目未开展" in a.answer and "新增培训项目" not in a.answer
    # a row's own gap reason answers a row's why against the budget; its change's reason does not
    (tmp_path / "b").mkdir()
    svc = service_with(tmp_path / "b", "rows.txt", (
        "某区教育局2024年度部门决算\n（三）一般公共预算财政拨款支出决算具体情况\n"
        "1.教育支出（类）普通教育（款）小学教育（项）。年初预算为300.00万元，支出决算为280.00万元，完成年初预算的"
        "93.33%。决算数小于预算数的主要原因：学位建设项目延期。\n"
        "2.社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）。支出决算为50.00万元，比上年增加"
        "5.00万元，主要原因是退休人员增加。\n"))
    a = svc.ask("某区教育局2024年小学教育为什么没完成年初预算")
    assert "学位建设项目延期" in a.answer
    a = svc.ask("某区教育局2024年行政单位离退休为什么超预算")
    assert not a.answerable and "与上年相比的变化" in a.answer
    # a grade named as a word (自评中, 差距) asks no grade
    a = archive_service.ask("大同市市场监督管理局2024年自评中得分低于90分的项目有哪些")
    assert "自评为“中”的项目" not in a.answer
    assert "自评为“差”的项目" not in archive_service.ask("大同市市场监督管理局2024年自评差距较大的项目有哪些").answer
    # a use printed after amounts with thousands separators; a size shared by several rows asks which
    a = archive_service.ask("大同市市场监督管理局2024年一般公共服务支出用于什么")
    assert "保障单位正常运转的公用经费" in a.answer and "3864.28" in a.answer
    # a joint label's parts are not the parts of one of them
    a = archive_service.ask("昌吉州市场监督管理局2024年公务用车运行维护费是多少")
    assert "30.86万元" in a.answer and "其中" not in a.answer
    # a sentence that states the share of the budget spent before last year's change is no reason for the gap
    a = archive_service.ask("大同市市场监督管理局2024年三公经费为什么没花完")
    assert not a.answerable and "过紧日子" not in a.answer


def test_a_rows_gap_from_its_budget_has_the_rows_reason(archive_service):
    if not REAL_PDFS:
        pytest.skip("../shared/corpus with the two real PDFs is not beside the project")
    a = archive_service.ask("上海市普陀区规划和自然资源局2024年职业年金为什么没花完")
    assert "职业年金缴费支出" in a.answer and "年中社会保险缴费基数变更" in a.answer
    a = archive_service.ask("上海市普陀区规划和自然资源局2024年行政运行预决算为什么有差异")
    assert "行政运行" in a.answer and "严格贯彻控制机关运行成本" in a.answer
    a = archive_service.ask("上海市普陀区商务委员会2025年一百多万的那项支出用于什么")
    assert not a.answerable and "购房补贴148.80万元" in a.answer
