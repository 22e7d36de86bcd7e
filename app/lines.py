"""Answers about the rows of the classified tables and their 项 sentences (:class:`~core.schemas.LineItem`): the
questions that name a 科目 the vocabulary has no key for ("社会保障和就业支出多少", "行政运行花了多少", "办公费",
"城乡社区支出完成年初预算多少").

A row is named when the question holds its name (or the name without its 支出/费 ending), or a run of at least
four of its characters that is at least half of it (:func:`named` says when a run does not count); the everyday
short forms of the functional classes (社保支出, 科技方面…) are read as the class. The best-named row of
the newest document asked for is answered, from the table a question points at (收入 → the income table,
财政拨款 → the 一般公共预算 table, a change or 年初预算 → the document's own sentence about it), else from the
expenditure table, every amount under the column it was printed in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from app.question import FUND_NAMES, metric_keys
from core.schemas import Citation, LineAmount, LineItem

# everyday short forms of the functional classes (政府收支分类科目, 类)
CLASS_SHORT = {"社保": "社会保障和就业", "科技": "科学技术", "文旅": "文化旅游体育与传媒", "卫健": "卫生健康",
               "环保": "节能环保", "城建": "城乡社区", "应急": "灾害防治及应急管理", "农林": "农林水"}
_ORDER = ("expenditure", "gpb", "prose", "vs_budget", "basic", "project_gpb", "gov_fund", "state_capital", "income",
          "count", "indicator", "overall", "part", "project_row", "fee", "grid", "summary")  # (a 收支总表's class
#                                                                 rows last: the department's own tables print them whole)
_STATED_WORDS = re.compile(r"比上年|比去年|增长|增加|减少|下降|年初预算|完成|执行率|预算完成")


# what is left of a name without its ending that names nothing on its own (项目支出 → 项目)
_GENERIC_CORES = {"项目", "基本", "其他", "一般", "专项", "工作", "业务"}


def core_of(name: str) -> str:
    """A row's name without its 支出/经费/费用 ending (社会保障和就业支出 → 社会保障和就业), a count's without its
    人数/人员 (在职人员 → 在职: "在职的有几个")."""
    return re.sub(r"(?:支出|经费|费用|人数|人员)$", "", name) if len(name) > 3 else name


# words that may follow a row's name in a question without being part of another row's name
_AFTER_NAME = re.compile(r"预算|决算|支出|经费|费|人数|是|有|为|花|多少|几|要|应|需|控制|一共|共|合计|总|情况|执行|完成|比|较|和|与|及|的|呢|啊|吗|"
                         r"自评|评价|评分|打|绩效|等级|那个|这个|那块|这块|那部分|这部分|那一块|这一块|那一?项|这一?项|"
                         r"怎|咋|原因|增|减|降|涨|压|砍|削|控|省|上升|变化|占|项|款|类|缴|交|发|用|拨|安排|列|给|付|去年|上年|今年|年度|"
                         r"基本|项目|任务|人员|公用|年初|调整|全年|财政|一般|实际|中|里|各|分别|都|上|方面|定|设|目标|指标|达到|了|过|得|到|"
                         r"\d|\W|$")


# a row named as what holds the thing asked ("换届选举经费里，印选票花了多少"): the row is not what is asked
_WITHIN = re.compile(r"(?:项目|经费|资金|这一?项|那一?项)?(?:里面?|当中|之中|中)[，,]?(?!" + _AFTER_NAME.pattern
                     + r")[\u4e00-\u9fff]{2}")


# characters that may stand just before a row's words in a question without being part of another name
_BEFORE_NAME = set("的年局委里中在上交缴付给是和与及之办那问查看说请把对按个位面头其设属镇乡些")
# words that may end just before a row's words ("部门预算住房公积金", "本级决算办公费"): what the question is about
_BEFORE_WORD = re.compile(r"(?:预算|决算|公开|部门|单位|本级|汇总|年度|全年|当年|项目|目标|指标)$")


def _free_before(text: str, at: int) -> bool:
    """Whether the question's words end just before ``at`` (no name of another row goes on to the left)."""
    before = text[at - 1] if at else ""
    return not re.match(r"[\u4e00-\u9fff]", before) or before in _BEFORE_NAME or bool(_BEFORE_WORD.search(text[:at]))


def _at(text: str, name: str) -> int:
    """Where ``name`` is named in ``text`` as a word of its own: not as the end of "其他…" (其他商品和服务支出 is not
    商品和服务支出) nor of a longer name (行政事业单位医疗 is not 事业单位医疗); -1."""
    for m in re.finditer(re.escape(name), text):
        if text[max(0, m.start() - 2):m.start()] != "其他" and _free_before(text, m.start()):
            return m.start()
    return -1


def _run_at(core: str, text: str) -> tuple[int, int, int]:
    """The longest run of ``core``'s characters in ``text``: (length, start in core, start in text)."""
    best = (0, 0, 0)
    for i in range(len(core)):
        for j in range(i + best[0] + 1, len(core) + 1):
            at = text.find(core[i:j])
            if at < 0:
                break
            best = (j - i, i, at)
    return best


_BRACKETED = re.compile(r"[(（][^)）]{1,4}[)）]")
_LAST_WORD = re.compile(r"(?:缴费|补助|补贴|经费|费)$")


def named(name: str, text: str) -> int:
    """How well ``text`` names the row ``name`` (0: not at all).

    The whole name scores most, then the name without its 支出/经费/费用 ending; a run of four or more of its
    characters that is at least half of it (or six or more, or the words before its last word: 养老保险 of
    …养老保险缴费) scores its length, when the question goes on, after the run, with a word
    that is not another row's ("养老保险缴费预算" names 机关事业单位基本养老保险缴费支出; "食品安全抽检" does not name
    食品安全监管, "行政事业单位养老支出" not 其他行政事业单位医疗支出) and the row is not an "其他…" row of it."""
    name = _BRACKETED.sub("", name)  # 维修(护)费 is asked as 维修费
    core = core_of(name)
    at = _at(text, name)
    if at >= 0 and _AFTER_NAME.match(text[at + len(name):]):
        return 0 if _WITHIN.match(text[at + len(name):]) else 2 * len(name) + 1
    at = _at(text, core) if len(core) >= 2 and core not in _GENERIC_CORES else -1
    if at >= 0 and _AFTER_NAME.match(text[at + len(core):]):  # (机关服务中心 is not 机关服务)
        return 0 if _WITHIN.match(text[at + len(core):]) else 2 * len(core)
    for conjunct in re.split(r"和|及|与|、", core) if re.search(r"和|及|与|、", core) else ():
        at = _at(text, conjunct) if len(conjunct) >= 4 else -1  # (防汛抢险 of 防汛抢险和水毁修复: one of the two named)
        if at >= 0 and _free_before(text, at) and _AFTER_NAME.match(text[at + len(conjunct):]):
            return len(conjunct)
    run, in_core, in_text = _run_at(core, text)
    # the words just before the row's last word (养老保险 of 机关事业单位基本养老保险缴费): what the row is about
    head = (m := _LAST_WORD.search(core)) is not None and in_core + run == m.start()
    # a project asked as one by a piece of its name ("污水管网那个项目" of 某镇污水管网建设项目)
    project = name.endswith("项目") and re.match(r"(?:的|那个|这个|那|这)?项目", text[in_text + run:]) is not None
    if run < 4 or 2 * run < len(core) and run < 6 and not head and not project or core.startswith("其他") \
            or text[max(0, in_text - 2):in_text] == "其他":
        return 0
    if not _free_before(text, in_text):
        return 0  # the question's word goes on to the left differently (市场监督管理事务 is not 一般行政管理事务)
    return run + project if _AFTER_NAME.match(text[in_text + run:]) else 0  # (a project asked as one: its row first)


# what people do, said where the money spent on it is asked ("开会和培训各花了多少钱"): the 经济分类 row it is spent under
ROW_OF_DOING = {"开会": "会议费", "培训": "培训费", "出差": "差旅费", "印刷": "印刷费", "维修": "维修费", "租房": "租赁费",
                "物业": "物业管理费", "水电": "水电费"}
_MONEY_AFTER = r"(?=[^。？?，,]{0,8}?(?:花|钱|费用|开支|支出))"


def expand_short(text: str) -> str:
    """The everyday short forms of the classes, where they name a class (社保支出, 科技方面), read as the class
    (社保缴费, 应急救援, 科技条件专项 are not classes); what people do, where its money is asked, read as its row; the
    people actually there, as the row that counts them."""
    for short, full in CLASS_SHORT.items():
        if full not in text:  # (with the full name's last word too: "社保就业方面", "社保和就业支出")
            tail = re.split(r"和|与|及", full)[-1] if re.search(r"和|与|及", full) else ""
            again = rf"(?:[和与及]?{tail})?" if tail else ""
            text = re.sub(rf"{short}{again}(?=支出|方面|类|的钱|花了|经费支出)", full, text)
    for doing, row in ROW_OF_DOING.items():
        if row not in text:
            text = re.sub(rf"{doing}(?![费班人次期])" + _MONEY_AFTER, row, text)
    return re.sub(r"实际(?:有|在岗|在编)(?=多少|几)", "实有人数", text)  # ("实际有多少人": the 实有人数 row)


def whole(score: int, name: str) -> bool:
    """Whether a :func:`named` score means the row was named whole (or all of it but its 支出/费 ending; a bracketed
    unit or level, "满意度(%)", need not be typed)."""
    return score >= 2 * len(core_of(_BRACKETED.sub("", name)))


def budget_gap(amounts: list[LineAmount]) -> tuple[Decimal, str] | None:
    """决算 minus the budget it is stated against (年初预算, or 全年预算 as some texts compare), with that budget's name,
    when both are stated in 万元 (the text usually states only the completion rate)."""
    values = {a.column: Decimal(a.value) for a in amounts
              if a.unit == "万元" and a.column in ("年初预算", "全年预算", "决算")}
    planned = next((c for c in ("年初预算", "全年预算") if c in values), None)
    return (values["决算"] - values[planned], planned) if planned and "决算" in values else None


def gap_said(gap: Decimal, planned: str = "年初预算") -> str:
    return f"；决算比{planned}{'少' if gap < 0 else '多'}{abs(gap)}万元（按两数计算）"


def year_change(amounts: list[LineAmount]) -> tuple[Decimal, Decimal | None] | None:
    """This year's figure minus last year's, and that as a percentage of last year's (half-up to 0.01), when a
    statement prints both in 万元 and no change of its own."""
    if any(a.column and a.column.endswith(("增减", "增减率")) for a in amounts):
        return None
    values = {a.column: Decimal(a.value) for a in amounts if a.unit == "万元"}
    last = next((v for c, v in values.items() if c and re.fullmatch(r"上年|\d{4}年", c)), None)
    if last is None or "本年" not in values:
        return None
    change = values["本年"] - last
    return change, (change / last * 100).quantize(Decimal("0.01"), ROUND_HALF_UP) if last else None


def change_said(change: Decimal, percent: Decimal | None) -> str:
    if not change:
        return "；与上年持平（按两数计算）"
    rate = f"，{'下降' if change < 0 else '增长'}{abs(percent)}%" if percent is not None else ""
    return f"；比上年{'减少' if change < 0 else '增加'}{abs(change)}万元{rate}（按两数计算）"


@lru_cache(maxsize=4096)
def _a_metric(name: str) -> bool:
    return bool(metric_keys(name))


def _preferred(question: str) -> tuple[str, ...]:
    if re.search(r"收入", question):
        return ("income", *_ORDER)
    if re.search(r"财政拨款|一般公共预算", question):
        return ("gpb", *_ORDER)
    if re.search(r"年初预算|预算完成|完成.{0,4}预算", question) or "预算" in FUND_NAMES.sub("", question):
        return ("vs_budget", "prose", *_ORDER)  # (a 决算's sentence stating the row's 年初预算 first)
    if _STATED_WORDS.search(question):
        return ("prose", *_ORDER)
    return _ORDER


_CODE_SCORE = 1000  # a row named by its 科目编码 is named whole
_CLASS_CODE = re.compile(r"(?:科目|编码|代码)\s*(\d{3})(?!\d)|(?<![\d.])(\d{3})(?=类)")


# a name printed with its other name in brackets after a word of it ("细颗粒物(PM2.5)")
_OTHER_NAME = re.compile(r"[(（]([^()（）]{2,12})[)）]")


def _named_row(item: LineItem, text: str) -> int:
    """How well ``text`` names the row, by its own name, by the other name it prints in brackets, or, for a short 项
    name, with its 款's name after it as people say it ("大气污染防治" for 大气（项） under 污染防治（款）)."""
    score = named(item.name, text)
    if (other := _OTHER_NAME.search(item.name)) is not None:  # ("细颗粒物(PM2.5)年均浓度" asked as PM2.5年均浓度)
        score = max(score, named(other.group(1) + item.name[other.end():], text))
    parents = [p for p in item.path if p != item.name]
    joined = item.name + core_of(parents[-1]) if parents else ""
    if len(item.name) <= 4 and parents and len(parents[-1]) >= 2 and not re.search(re.escape(joined) + "(?:的)?项目", text):
        score = max(score, named(joined, text))  # ("大气污染防治项目" names a project, not the 项)
    return score


def best_items(items: list[LineItem], question: str, metrics_too: bool = False) -> tuple[int, list[LineItem]]:
    """How well the question names its best rows (see :func:`named`, or a row's 科目编码 typed), and those rows,
    the table it points at first. Changes and nils are named by clauses, not rows; a sentence about a figure of the vocabulary
    ("一般公共预算财政拨款支出年初预算…") is answered as that figure, unless ``metrics_too``."""
    text = expand_short(question)
    # 科目编码: a 款 or 项 code (5 or 7 digits), a 类 code (3) only as such ("201类", "科目201"), never an amount
    codes = set(re.findall(r"(?<![\d.])(\d{5}|\d{7})(?![\d.万元%])", question))
    codes |= {c for pair in _CLASS_CODE.findall(question) for c in pair if c}
    scored = [(_CODE_SCORE if i.code and i.code in codes else _named_row(i, text), i) for i in items if i.kind in _ORDER
              and (metrics_too or i.kind not in ("prose", "vs_budget", "part", "fee") or not _a_metric(i.name))]
    top = max((s for s, _ in scored), default=0)
    if top == 0:
        return 0, []
    order = _preferred(question)
    found = [i for s, i in scored if s == top]

    def rank(i: LineItem) -> tuple[int, int]:  # the table it points at: an indicator's table by the words not its own
        rest = text.replace(i.name, "")  # (“整体自评里‘完成食品安全…’”: 整体, not 食品安全, names the table)
        shared = sum(1 for k in range(len(i.table or "") - 1) if i.table[k:k + 2] in rest) if i.kind == "indicator" else 0
        return (order.index(i.kind) if i.kind in order else len(order), -shared)

    return top, sorted(found, key=rank)


@dataclass
class LineAnswer:
    text: str
    citations: list[Citation]
    item: LineItem
    exact: bool  # the question holds the row's whole name (or all of it but 支出/费), not only a run of it


def _money(a: LineAmount) -> str:
    if a.unit == "元":
        return f"{a.value}元（合{(Decimal(a.value) / 10000).quantize(Decimal('0.01'))}万元）"
    return f"{a.value}{a.unit}"


def said(a: LineAmount) -> str:
    """One amount in words: 年初预算452.11万元, 比上年减少226.36万元, 下降12.01%, 完成年初预算的100.00%."""
    v = a.value.lstrip("-")
    down = a.value.startswith("-")
    if a.column and a.column.startswith("比") and a.column.endswith("增减"):  # 比上年, 比2024年预算执行数
        return f"{a.column[:-2]}{'减少' if down else '增加'}{_money(a.model_copy(update={'value': v}))}"
    if a.column and re.fullmatch(r"上年|\d{4}年", a.column):  # (last year's figure a change prints with it)
        return f"{a.column}为{_money(a)}"
    if a.column == "增减率":
        return f"{'下降' if down else '增长'}{v}%"
    if a.column in ("完成年初预算", "完成全年预算", "完成调整后预算", "完成预算"):
        return f"{a.column}的{v}%"
    if a.column == "占比":
        return f"占{v}%"
    return f"{a.column or ''}{_money(a)}"


def describe(item: LineItem, budget: bool) -> str:
    """The row and its amounts: “行政运行”（2011301）：合计9389913.00元（合938.99万元），其中基本支出…"""
    code = f"（{item.code}）" if item.code else ""
    amounts = item.amounts
    if item.kind == "indicator":
        stated = "，".join(f"{a.column}{a.value}" for a in amounts)
    elif item.kind == "count":
        stated = "，".join(f"{a.value}{a.unit}" for a in amounts)
    elif item.kind in ("overall", "project_row", "grid"):  # (a row of a list or grid: each value under its column)
        stated = "，".join(f"{a.column}{a.value}{a.unit}" for a in amounts)
    elif item.kind == "part":  # a part the text lists after its whole ("…总预算1170.00万，其中…")
        stated = "，".join(f"{a.column}的{a.value}{a.unit}" if a.unit == "%" else f"{a.value}{a.unit}" for a in amounts) \
            + (f"（{item.path[0]}之中）" if item.path else "")
    elif item.kind not in ("prose", "vs_budget") and amounts:
        first = amounts[0]
        head = f"{'预算' if budget else '决算'}{first.column or ''}{_money(first)}"
        parts = [f"{a.column}{_money(a)}" for a in amounts[1:] if a.column]
        stated = head + (f"，其中{'、'.join(parts)}" if parts else "")
    else:
        stated = "，".join(said(a) for a in amounts)
    where = f"（{item.table}）" if item.table else ""
    return f"“{item.name}”{code}{where}：{stated}"


def line_answer(items: list[LineItem], budget: bool, question: str, change: bool = False) -> LineAnswer | None:
    """The answer for the rows of one document's ``items`` the question names best (``budget``: the document is a
    budget; up to three rows named whole, "行政运行和机关服务各多少"), each with the document's own sentence about it
    when a table row is answered and the sentence says more (年初预算, a change); with ``change`` (the question
    compares with last year) the change the running text states for the row ("一般公共服务支出…较上年决算增加
    240.21万元")."""
    score, found = best_items(items, question)
    if not found:
        return None
    exact = whole(score, found[0].name)
    rows = [found[0]]
    if exact:  # other rows named whole elsewhere in the question, in the order it names them
        text = expand_short(question)
        first_at = _at(text, core_of(found[0].name))
        taken = range(first_at, first_at + len(found[0].name))
        others = {}
        for i in items:
            if i.kind in _ORDER and i.kind != "indicator" and i.name not in others and i.name != found[0].name \
                    and not _a_metric(i.name) and whole(named(i.name, text), i.name) \
                    and _at(text, core_of(i.name)) not in taken and found[0].name not in i.name:
                others[i.name] = best_items([x for x in items if x.name == i.name], question)[1][0]
        rows += sorted(others.values(), key=lambda i: _at(text, core_of(i.name)))[:2]
    elif found[0].kind == "project_row":  # (a piece two projects' names share, "污水管网那个项目": each of them)
        rows += list({i.name: i for i in found[1:] if i.kind == "project_row" and i.name != found[0].name}.values())[:2]
    parts, cites = [], []
    share_asked = bool(re.search(r"占|比重|比例|份额|百分之几", question))
    for first in rows:
        part = describe(first, budget)
        cites.append(first.citation)
        same = [i for i in items if i.name == first.name and i is not first]
        told = ("决算", "预算") if share_asked else ("决算", "预算", "占比")  # (a share only when asked for)
        sentence = next((i for i in same if i.kind == "prose" and any(a.column not in told for a in i.amounts)), None)
        if sentence is not None:
            part += "；正文：" + "，".join(said(a) for a in sentence.amounts)
            cites.append(sentence.citation)
        stated = [*first.amounts, *(sentence.amounts if sentence else [])]
        gap = budget_gap(stated)
        if gap and gap[0]:
            part += gap_said(*gap)
        if change and not any(a.column == "比上年增减" for a in stated):
            told = next((i for i in items if i.kind == "change" and first.name in re.split(r"[，,：:；;]", i.name)[-1]),
                        None)
            if told is not None:
                part += "；正文：" + "，".join(said(a) for a in told.amounts if a.column != "本年")
                cites.append(told.citation)
        parts.append(part)
    return LineAnswer("；".join(parts), cites, rows[0], exact)
