"""Answers about the rows of the classified tables and their 项 sentences (:class:`~core.schemas.LineItem`): the
questions that name a 科目 the vocabulary has no key for ("社会保障和就业支出多少", "行政运行花了多少", "办公费",
"城乡社区支出完成年初预算多少").

A row is named when the question holds its name (or the name without its 支出/费 ending), or a run of at least
four of its characters that is at least half of it ("养老保险缴费" for 机关事业单位基本养老保险缴费支出); the
everyday short forms of the functional classes (社保, 科技, 文旅…) are read as the class. The best-named row of
the newest document asked for is answered, from the table a question points at (收入 → the income table,
财政拨款 → the 一般公共预算 table, a change or 年初预算 → the document's own sentence about it), else from the
expenditure table, every amount under the column it was printed in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from core.schemas import Citation, LineAmount, LineItem

# everyday short forms of the functional classes (政府收支分类科目, 类)
CLASS_SHORT = {"社保": "社会保障和就业", "科技": "科学技术", "文旅": "文化旅游体育与传媒", "卫健": "卫生健康",
               "环保": "节能环保", "城建": "城乡社区", "应急": "灾害防治及应急管理", "农林": "农林水"}
_ORDER = ("expenditure", "gpb", "prose", "basic", "project_gpb", "gov_fund", "state_capital", "income", "indicator")
_STATED_WORDS = re.compile(r"比上年|比去年|增长|增加|减少|下降|年初预算|完成|执行率|预算完成")


def _longest_run(a: str, b: str) -> int:
    """The length of the longest run of characters ``a`` and ``b`` share."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


# what is left of a name without its ending that names nothing on its own (项目支出 → 项目)
_GENERIC_CORES = {"项目", "基本", "其他", "一般", "专项", "工作", "业务"}


def core_of(name: str) -> str:
    """A row's name without its 支出/经费/费用 ending (社会保障和就业支出 → 社会保障和就业)."""
    return re.sub(r"(?:支出|经费|费用)$", "", name) if len(name) > 3 else name


def named(name: str, text: str) -> int:
    """How well ``text`` names the row ``name`` (0: not at all)."""
    core = core_of(name)
    if name in text:
        return 2 * len(name) + 1
    if len(core) >= 2 and core not in _GENERIC_CORES and core in text:
        return 2 * len(core)
    run = _longest_run(core, text)
    return run if run >= 4 and 2 * run >= len(core) else 0


def expand_short(text: str) -> str:
    for short, full in CLASS_SHORT.items():
        if short in text and full not in text:
            text = text.replace(short, full)
    return text


def _preferred(question: str) -> tuple[str, ...]:
    if re.search(r"收入", question):
        return ("income", *_ORDER)
    if re.search(r"财政拨款|一般公共预算", question):
        return ("gpb", *_ORDER)
    if _STATED_WORDS.search(question):
        return ("prose", *_ORDER)
    return _ORDER


def best_items(items: list[LineItem], question: str) -> tuple[int, list[LineItem]]:
    """How well the question names its best rows (see :func:`named`), and those rows, the table it points at
    first."""
    text = expand_short(question)
    scored = [(named(i.name, text), i) for i in items if i.kind in _ORDER]  # (changes and nils are named by clauses)
    top = max((s for s, _ in scored), default=0)
    if top == 0:
        return 0, []
    order = _preferred(question)
    found = [i for s, i in scored if s == top]
    return top, sorted(found, key=lambda i: order.index(i.kind) if i.kind in order else len(order))


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
    if a.column == "比上年增减":
        return f"比上年{'减少' if down else '增加'}{_money(a.model_copy(update={'value': v}))}"
    if a.column == "增减率":
        return f"{'下降' if down else '增长'}{v}%"
    if a.column == "完成年初预算":
        return f"完成年初预算的{v}%"
    return f"{a.column or ''}{_money(a)}"


def describe(item: LineItem, budget: bool) -> str:
    """The row and its amounts: “行政运行”（2011301）：合计9389913.00元（合938.99万元），其中基本支出…"""
    code = f"（{item.code}）" if item.code else ""
    amounts = item.amounts
    if item.kind == "indicator":
        stated = "，".join(f"{a.column}{a.value}" for a in amounts)
    elif item.kind != "prose" and amounts:
        first = amounts[0]
        head = f"{'预算' if budget else '决算'}{first.column or ''}{_money(first)}"
        parts = [f"{a.column}{_money(a)}" for a in amounts[1:] if a.column]
        stated = head + (f"，其中{'、'.join(parts)}" if parts else "")
    else:
        stated = "，".join(said(a) for a in amounts)
    where = f"（{item.table}）" if item.table else ""
    return f"“{item.name}”{code}{where}：{stated}"


def line_answer(items: list[LineItem], budget: bool, question: str) -> LineAnswer | None:
    """The answer for the best-named row of one document's ``items`` (``budget``: the document is a budget), with
    the document's own sentence about the row when a table row is answered and the sentence says more (a change
    against last year, 年初预算)."""
    score, found = best_items(items, question)
    if not found:
        return None
    first = found[0]
    parts = [describe(first, budget)]
    cites = [first.citation]
    sentence = next((i for i in found if i.kind == "prose" and i is not first
                     and any(a.column not in ("决算", "预算") for a in i.amounts)), None)
    if sentence is not None:
        parts.append("正文：" + "，".join(said(a) for a in sentence.amounts))
        cites.append(sentence.citation)
    exact = score >= 2 * len(core_of(first.name))
    return LineAnswer("；".join(parts), cites, first, exact)
