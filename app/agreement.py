"""Whether the places a document prints one thing agree ("收支总表和财政拨款表里的城乡社区支出一样吗", "公车说是
14辆，资产里登记的车对得上吗", "三公表写的1万元，基本支出经济分类表里是多少").

Every place of the document that prints the row or figure asked is gathered: the rows of its tables named by the
question (:func:`app.lines.named`), and the figures of the vocabulary keys it names. Each amount is put in 万元 (a
count stays in its measure), and the verdict says whether they agree, differ by the rounding of the last printed
digit, or differ, and when the tables count different money (all funds against 财政拨款 only) it says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from app.lines import core_of, named, whole
from core.schemas import Citation, Figure, LineItem
from core.vocabulary import label_of

ASKS_AGREEMENT = re.compile(r"对得上|对不上|对的上|对上了?吗|一样吗|一样不|是否一样|是不是一样|一致吗|一致不|是否一致|"
                            r"是不是一致|相符|吻合|核对|有出入|有没有出入|相同吗|是否相同|是不是相同")

# the tables people name, each with the kinds of line items printed in it; a more specific name is read first
_TABLES = (
    (r"财政拨款(?:收支|收入支出)?(?:决算|预算)?总表", ("grant_summary",)),
    (r"收支总表|收入支出(?:决算|预算)?总表|总表", ("summary",)),
    (r"三公(?:经费)?[^，,。？?表]{0,8}表", ("three_public",)),
    (r"基本支出[^，,。？?表]{0,12}表|经济分类[^，,。？?表]{0,6}表", ("basic",)),
    (r"项目支出[^，,。？?表]{0,8}表", ("project_gpb",)),
    (r"(?:财政拨款|一般公共预算)[^，,。？?表]{0,12}表", ("gpb", "grant_summary")),
    (r"收入(?:决算|预算)?表", ("income",)),
    (r"支出(?:决算|预算)?表", ("expenditure",)),
)
# the kinds whose amount is all the unit's money, and those that count 财政拨款 only
_ALL_FUNDS = {"summary", "expenditure", "income"}
_GRANTS_ONLY = {"grant_summary", "gpb", "basic", "project_gpb", "three_public"}
_PLACE_KINDS = _ALL_FUNDS | _GRANTS_ONLY | {"prose", "vs_budget", "gov_fund", "state_capital"}
_ROUNDING = Decimal("0.01")  # two places printed in 万元 may differ by one unit of the last digit: rounding
_TO_WANYUAN = {"万元": Decimal(1), "元": Decimal("0.0001"), "亿元": Decimal(10000)}


@dataclass
class Place:
    where: str  # the table's title, or the figure's label in the text
    amount: Decimal  # in 万元 for money, else in its own measure
    measure: str  # 万元, or the count's (辆, 人…)
    shown: str  # as printed: "10000.00元（合1.00万元）"
    citation: Citation
    kind: str  # the line item's kind, or "figure:" and the figure's key


def tables_named(question: str) -> list[tuple[str, ...]]:
    """The kinds of the tables the question names, in the order it names them."""
    found, text = [], question
    for pattern, kinds in _TABLES:
        found += [(m.start(), kinds) for m in re.finditer(pattern, text)]
        text = re.sub(pattern, lambda m: "＃" * len(m.group()), text)  # (a name read is not read again as a shorter)
    return [kinds for _, kinds in sorted(found)]


def without_tables(question: str) -> str:
    """The question without the tables it names (三公表 names no 三公 figure, 基本支出…表 no 基本支出)."""
    for pattern, _ in _TABLES:
        question = re.sub(rf"[在从按]?(?:{pattern})", "，", question)  # ("公务接待费在三公表…": the name ends there)
    return question


def asks_agreement(question: str) -> bool:
    return bool(ASKS_AGREEMENT.search(question)) or len(tables_named(question)) >= 2


def _shown(value: str, unit: str) -> str:
    if unit == "元" and abs(Decimal(value)) >= 10000:
        return f"{value}元（合{(Decimal(value) / 10000).quantize(_ROUNDING)}万元）"
    return f"{value}{unit}"


def _item_place(item: LineItem, budget: bool) -> Place | None:
    """A row's amount for the year: the 决算数 (or 预算数 of a budget) of a 三公 row, a sentence's 决算/预算, else the
    first money column (the row's total)."""
    money = [a for a in item.amounts if a.unit in _TO_WANYUAN]
    wanted = ("预算数", "预算") if budget else ("决算数", "决算")
    pick = next((a for a in money if a.column in wanted), None)
    if pick is None and item.kind in ("three_public", "prose", "vs_budget"):
        pick = next((a for a in money if a.column and "比" not in a.column and "增减" not in a.column), None)
    pick = pick or (money[0] if money and item.kind not in ("prose", "vs_budget") else None)
    if pick is None:
        return None
    where = item.table or ("文字说明" + (f"第{item.citation.page}页" if item.citation.page else ""))
    return Place(where, Decimal(pick.value) * _TO_WANYUAN[pick.unit], "万元", _shown(pick.value, pick.unit),
                 item.citation, item.kind)


def _figure_place(f: Figure) -> Place:
    money = f.unit in _TO_WANYUAN
    where = f.table or (f.label or label_of(f.key)) + (f"（第{f.citation.page}页）" if f.citation.page else "")
    return Place(where, f.amount() * _TO_WANYUAN[f.unit] if money else f.amount(), "万元" if money else f.unit,
                 _shown(f.value, f.unit), f.citation, f"figure:{f.key}")


def _same_spot(a: Citation, b: Citation) -> bool:
    return a.doc_id == b.doc_id and a.page == b.page and a.char_start < b.char_end and b.char_start < a.char_end


def places(question: str, items: list[LineItem], figures: list[Figure], budget: bool) -> tuple[str, list[Place]]:
    """What is asked (the row's name, or the figures' labels) and every place of one document that prints it: the
    rows the question names whole, from the tables it names when it names any, and the figures given."""
    text = without_tables(question)
    scored = [(named(i.name, text), i) for i in items if i.kind in _PLACE_KINDS]
    top = max((s for s, _ in scored), default=0)
    rows = [i for s, i in scored if top and s == top and whole(top, i.name)]
    if rows:
        rows = [i for i in rows if core_of(i.name) == core_of(rows[0].name)]
    wanted = [k for kinds in tables_named(question) for k in kinds]
    if wanted and any(i.kind in wanted for i in rows):
        rows = sorted((i for i in rows if i.kind in wanted or i.kind in ("prose", "vs_budget")),
                      key=lambda i: wanted.index(i.kind) if i.kind in wanted else len(wanted))
    found: list[Place] = []
    for p in [_item_place(i, budget) for i in rows] + [_figure_place(f) for f in figures]:
        if p is not None and not any(q.amount == p.amount and q.measure == p.measure and (
                q.where == p.where or _same_spot(q.citation, p.citation)) for q in found):
            found.append(p)  # (a figure read from a row already shown is that row)
    what = rows[0].name if rows else "、".join(dict.fromkeys(label_of(f.key) for f in figures))
    return what, found


def verdict(found: list[Place]) -> str:
    """Whether the places agree: the same amount, a difference of rounding, or a difference (and whether the tables
    count different money)."""
    if len({p.measure for p in found}) > 1:
        return "各处的计量单位不同，不能直接比较。"
    amounts = [p.amount for p in found]
    gap = max(amounts) - min(amounts)
    measure = found[0].measure
    if gap == 0:
        return "各处一致。"
    said = f"{gap.normalize():f}{measure}"
    if measure == "万元" and gap <= _ROUNDING:
        return f"相差{said}，是尾数四舍五入的差别，可以认为一致。"
    kinds = {p.kind for p in found}
    scope = "（口径不同：收支总表、收入表、支出表含单位的全部资金，财政拨款各表只含财政拨款。）" \
        if kinds & _ALL_FUNDS and kinds & _GRANTS_ONLY else ""
    keys = {p.kind for p in found if p.kind.startswith("figure:")}
    if len(keys) > 1:
        scope += "（这几处是不同的统计项，口径不同。）"
    return f"不一致：最多相差{said}。{scope}"
