"""Rules over the tables themselves, row by row: identities per row, the 科目编码 hierarchy, the summary
tables, the economic classification, the "三公" table, the same row in two tables, and completeness.

Every rule reads :class:`~extraction.tablefacts.TableFacts`; an identity is checked only where the
table says what its columns are (a 合计 column first, its parts after it). PDF text drops empty
cells, so a row's amounts are not tied to columns: a row total is compared with the sum of the
amounts printed after it (which holds whichever columns are empty), and a column other than the
first is compared only between rows that print every cell.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

from core.schemas import CheckResult, Citation
from core.vocabulary import label_of
from extraction.rulebook import (
    WAN,
    Context,
    diff_status,
    money,
    result,
    rule,
    shown,
    skip,
    sum_rounding,
    wan,
)
from extraction.tablefacts import KIND_LABELS, REQUIRED_KINDS, Amount, Item, TableFacts


def _cite(ctx: Context, *items: Item) -> list[Citation]:
    assert ctx.facts.cite is not None
    return [ctx.facts.cite(i.start, i.end) for i in items]


def _amount(t: TableFacts, a: Amount | Decimal) -> str:
    v = a.value if isinstance(a, Amount) else a
    return money(v, t.unit)


def _rounding_note(status: str) -> str:
    return "（在印刷精度的尾数误差之内）" if status == "pass" else ""


def _name(i: Item) -> str:
    return f"{i.code} {i.name}" if i.code else i.name


# -- columns ---------------------------------------------------------------------------------------

_COLUMN_WORDS = re.compile(
    "本年收入合计|本年支出合计|年初结转和结余|年末结转和结余|本年收入|本年支出|合计|小计|总计|总额|基本支出|项目支出|人员经费|"
    "公用经费|财政拨款收入|一般公共预算拨款|一般公共预算|政府性基金预算拨款|政府性基金预算|国有资本经营预算拨款|"
    "国有资本经营预算|上级补助收入|事业单位经营收入|事业收入|经营收入|附属单位上缴收入|其他收入|上缴上级支出|经营支出|"
    "对附属单位补助支出|财政专户|单位资金|单位其他资金收入|其他资金|财政拨款|政府性基金|上年结转"
)
_TOTAL_WORDS = ("本年收入合计", "本年支出合计", "合计", "小计", "总计", "总额")
# words of a group header over the columns ("本年支出", "一般公共预算（基本）支出"), never a column before the 合计
_GROUP_WORDS = ("本年收入", "本年支出", "一般公共预算", "政府性基金预算", "国有资本经营预算", "基本支出", "财政拨款")


def columns(t: TableFacts) -> list[str]:
    """The numeric columns a table's header names, in order (title and meta lines left out)."""
    header = t.header.replace(t.title, "")
    header = re.sub(r"^.*单位[:：]\s*(?:万元|元)", "", header)
    header = re.sub(r"(?:部门|单位)(?:\(单位\))?名称[:：].*?(?:局|委员会|委|办公室|中心|院|所|站|队|处|部)", "", header)
    header = re.sub(r"^(?:\d{4}年度?)?项目", "", header)  # the row-label column "项目" (before "支出预算": not 项目支出)
    return _COLUMN_WORDS.findall(header)


def total_first(t: TableFacts) -> list[str] | None:
    """The columns when the first is a total of all the others (合计 | 基本支出 | 项目支出), else None."""
    cols = columns(t)
    first = next((k for k, c in enumerate(cols) if c in _TOTAL_WORDS), None)
    if first is None or any(c not in _GROUP_WORDS for c in cols[:first]):
        return None
    rest = cols[first + 1:]
    if not rest or any(c in _TOTAL_WORDS for c in rest):
        return None  # nested columns (财政拨款: 小计 | 一般公共预算 | …): not a flat sum
    return cols[first:]


# -- per row: 合计 = Σ parts -----------------------------------------------------------------------

ROW_KINDS = ("income", "expenditure", "gpb", "gov_fund", "state_capital", "basic")


@rule("table_rows", "功能/经济分类表每一行（含合计行）：合计 = 其后各列之和（基本支出 + 项目支出 等）")
def table_rows(ctx: Context) -> list[CheckResult]:
    out = []
    for t in ctx.facts.tables:
        cols = total_first(t) if t.kind not in ("summary", "grant_summary", "three_public", "stats") else None
        if cols is None:
            continue  # (a performance target table's 总额 | 财政拨款 | 其他资金 is read like a function table)
        for item in t.items:
            if len(item.amounts) >= 2 and len(item.amounts) <= len(cols) and (item.code or item.label):
                out.append(_row_identity(ctx, t, item, cols))
    return out


def _row_identity(ctx: Context, t: TableFacts, item: Item, cols: list[str]) -> CheckResult:
    total, parts = item.amounts[0], item.amounts[1:]
    expected = sum((p.value for p in parts), Decimal(0))
    status = diff_status(total.value - expected, sum_rounding(len(parts), t.unit, ctx.tolerance), rounding_passes=True)
    named = len(item.amounts) == len(cols) or (item.positional and len(cols) > 1)
    terms = " + ".join(f"{cols[k + 1] if named and k + 1 < len(cols) else ''}{_amount(t, p)}" for k, p in enumerate(parts))
    sign = "=" if total.value == expected else "≠"
    msg = f"{t.title} {_name(item)}：{cols[0]} {_amount(t, total)} {sign} {terms}"
    if total.value != expected:
        msg += f" = {_amount(t, expected)}，相差 {_amount(t, abs(total.value - expected))}" + _rounding_note(status)
    return result("table_rows", status, msg, places=_cite(ctx, item), expected=str(expected), actual=str(total.value))


# -- the 科目编码 hierarchy: 类 = Σ 款 = Σ 项; 合计 = Σ 类 ----------------------------------------------

def children(entries: list[Item], parent: Item) -> list[Item]:
    code = parent.code or ""
    for step in (2, 4):
        kids = [e for e in entries if e.code and len(e.code) == len(code) + step and e.code.startswith(code)]
        if kids:
            return kids
    return []


def _complete(items: list[Item], width: int) -> bool:
    return all(len(i.amounts) == width for i in items)


@rule("code_hierarchy", "科目编码层级：类 = Σ 款，款 = Σ 项，合计 = Σ 类（按列，编码可印作“201 06 01”或“2010601”）")
def code_hierarchy(ctx: Context) -> list[CheckResult]:
    out = []
    for t in ctx.facts.tables:
        if t.kind not in ROW_KINDS:
            continue
        entries = [e for e in t.entries if e.amounts]
        codes = [e.code for e in entries]
        if len(set(codes)) != len(codes):
            continue  # a code printed twice (a project list): not a hierarchy
        for parent in entries:
            kids = children(entries, parent)
            if kids:
                out.extend(_sum_check(ctx, t, parent, kids, _name(parent)))
        out.extend(_table_total(ctx, t, entries))
    return out


def _sum_check(ctx: Context, t: TableFacts, total: Item, parts: list[Item], what: str,
               name: str = "code_hierarchy") -> list[CheckResult]:
    width = len(total.amounts)
    cols = [0] + (list(range(1, width)) if _complete([total, *parts], width) else [])
    out = []
    for col in cols:
        values = [p.amounts[col].value for p in parts if len(p.amounts) > col]
        expected = sum(values, Decimal(0))
        got = total.amounts[col].value
        status = diff_status(got - expected, sum_rounding(len(values), t.unit, ctx.tolerance), rounding_passes=True)
        if status == "pass" and col > 0:
            continue  # one line per passing identity is enough
        names = "、".join(p.code or p.name for p in parts[:6]) + ("等" if len(parts) > 6 else "")
        colname = "" if col == 0 else f"第{col + 1}列 "
        msg = (f"{t.title} {what}：{colname}{_amount(t, got)} {'=' if got == expected else '≠'} 下级 {names} 之和 "
               f"{_amount(t, expected)}")
        if got != expected:
            msg += f"，相差 {_amount(t, abs(got - expected))}" + _rounding_note(status)
        out.append(result(name, status, msg, places=_cite(ctx, total, *parts), expected=str(expected), actual=str(got)))
    return out


_TOTAL_LABEL = re.compile(r"^(?:合计|总计|本年收入合计|本年支出合计)$")


def _table_total(ctx: Context, t: TableFacts, entries: list[Item]) -> list[CheckResult]:
    total = next((i for i in t.labelled if _TOTAL_LABEL.match(i.label)), None)
    if total is None or not entries:
        return []
    top = min(len(e.code or "") for e in entries)
    tops = [e for e in entries if len(e.code or "") == top]
    if t.kind == "basic" and any(i.label.endswith("经费合计") for i in t.labelled):
        return []  # the 人员/公用 totals are checked by economic_totals
    return _sum_check(ctx, t, total, tops, total.label)


# -- economic classification: 人员经费 = 301 + 303; 公用经费 = 302 + 310 + … --------------------------

PERSONNEL_CLASSES = ("301", "303")


@rule("economic_totals", "经济分类：人员经费 = 工资福利支出(301) + 对个人和家庭的补助(303)；公用经费 = 其余各类（302 商品和服务支出、310 资本性支出…）")
def economic_totals(ctx: Context) -> list[CheckResult]:
    out = []
    for t in ctx.facts.of_kind("basic"):
        entries = [e for e in t.entries if e.amounts]
        classes = [e for e in entries if len(e.code or "") == 3] or [e for e in entries if len(e.code or "") == 5]
        if not classes:
            continue
        personnel = [e for e in classes if (e.code or "")[:3] in PERSONNEL_CLASSES]
        public = [e for e in classes if (e.code or "")[:3] not in PERSONNEL_CLASSES]
        for label, col, parts in _economic_targets(t, personnel, public):
            what = label.label + ("" if col == 0 else f"（{'人员经费' if col == 1 else '公用经费'}列）")
            out.extend(_sum_check(ctx, t, _column_item(label, col), parts, what, "economic_totals"))
    return out


def _column_item(item: Item, col: int) -> Item:
    """One column of a row, as an item of its own (the 合计 row's 人员经费 column)."""
    return Item(item.code, item.label, [item.amounts[col]], item.start, item.end, item.row, item.col)


def _economic_targets(t: TableFacts, personnel: list[Item], public: list[Item]):
    """(row, column, parts): 人员经费合计 / 公用经费合计 rows, or the 人员经费 / 公用经费 columns of the 合计 row."""
    for i in t.labelled:
        if i.label.startswith("人员经费") and personnel:
            yield i, 0, personnel
        elif i.label.startswith("公用经费") and public:
            yield i, 0, public
    cols = total_first(t) or []
    total = next((i for i in t.labelled if _TOTAL_LABEL.match(i.label)), None)
    if total is not None and cols[:3] == ["合计", "人员经费", "公用经费"] and len(total.amounts) == 3:
        # each class sits under one of the two columns: its col-0 amount goes there
        if personnel:
            yield total, 1, personnel
        if public:
            yield total, 2, public


# -- the summary tables (收支总表, 财政拨款收支总表) ------------------------------------------------------

_LEFT_TOTAL = re.compile(r"^(?:收入总计|总计)$")
_CURRENT = re.compile(r"^本年(?:收入|支出)合计$")
_CARRY = re.compile(r"年初.*结[转余]|年末.*结[转余]|使用.*结余|结余分配|上年结转|结转下年")
_ORDINAL = re.compile(r"^[一二三四五六七八九十]+、")
_SUB = re.compile(r"^(?:\d+[.、．]|[(（][一二三四五六七八九十\d]+[)）])")


def side_of(item: Item, row_items: list[Item]) -> str | None:
    """left (income) or right (expenditure) side of a summary table row."""
    label = item.name
    if label.endswith("支出") or label.startswith("本年支出") or label.startswith("年末") or label in ("结余分配", "支出总计") \
            or (item.code and len(item.code) == 3):
        return "right"
    if label in ("总计", "合计"):
        same = [i for i in row_items if i.name in ("总计", "合计")]
        if len(same) == 2:
            return "left" if item is same[0] else "right"
        return ("left" if item.col == 0 else "right") if item.positional else None
    return "left"


def _sides(t: TableFacts) -> dict[str, list[Item]]:
    rows: dict[int, list[Item]] = {}
    for i in t.items:
        rows.setdefault(i.row, []).append(i)
    out: dict[str, list[Item]] = {"left": [], "right": []}
    for i in t.items:
        side = side_of(i, rows[i.row])
        if side:
            out[side].append(i)
    return out


@rule("summary_tables", "收支总表 / 财政拨款收支总表：本年收入合计 = Σ 收入各项；本年支出合计 = Σ 功能分类(类)；总计 = 本年合计 + 结转结余；收入总计 = 支出总计")
def summary_tables(ctx: Context) -> list[CheckResult]:
    out = []
    for t in [*ctx.facts.of_kind("summary"), *ctx.facts.of_kind("grant_summary")]:
        sides = _sides(t)
        grands = {}
        for side, items in sides.items():
            checks, grand = _side_checks(ctx, t, side, items)
            out.extend(checks)
            grands[side] = grand
        if grands.get("left") and grands.get("right"):
            out.extend(_sum_check(ctx, t, grands["left"], [_column_item(grands["right"], 0)], "收入总计与支出总计", "summary_tables"))
    return out


def _side_checks(ctx: Context, t: TableFacts, side: str, items: list[Item]) -> tuple[list[CheckResult], Item | None]:
    with_amounts = [i for i in items if i.amounts]
    grand = next((i for i in reversed(with_amounts) if _LEFT_TOTAL.match(i.name) or i.name == "支出总计"), None)
    current = next((i for i in with_amounts if _CURRENT.match(i.name)), None)
    stop = items.index(current) if current is not None else (items.index(grand) if grand is not None else len(items))
    parts = [i for i in items[:stop] if i.amounts and (_ORDINAL.match(i.label) or i.code) and not _CARRY.search(i.name)]
    loose = [i for i in items[:stop] if i.amounts and not (_ORDINAL.match(i.label) or i.code or _SUB.match(i.label))]
    after = stop if current is not None else 0  # carry-over lines: after 本年合计, or anywhere above 总计
    extras = [i for i in with_amounts if _CARRY.search(i.name) and items.index(i) >= after and i is not grand]
    out = []
    what = "收入" if side == "left" else "支出"
    mixed = side == "right" and any(re.search(r"基本支出|项目支出|人员经费|公用经费", p.name) for p in parts) and \
        any(not re.search(r"基本支出|项目支出|人员经费|公用经费", p.name) for p in parts)
    if loose or mixed:
        pass  # unnumbered items ("财政拨款（补助）", "一般公共预算"), or 类 mixed with 基本/项目: no plain sum
    elif current is not None and parts:
        out.extend(_sum_check(ctx, t, _column_item(current, 0), parts, f"{current.name}（{what}各项）", "summary_tables"))
    elif grand is not None and parts and current is None:
        out.extend(_sum_check(ctx, t, _column_item(grand, 0), parts + extras, f"{grand.name}（{what}各项）", "summary_tables"))
    if grand is not None and current is not None:
        out.extend(_sum_check(ctx, t, _column_item(grand, 0), [_column_item(current, 0), *extras],
                              f"{grand.name} = {current.name} + 结转结余", "summary_tables"))
    out.extend(_sub_items(ctx, t, items[:stop]))
    if side == "right" and t.kind == "grant_summary":
        for i in with_amounts:
            if len(i.amounts) >= 2:  # 合计 = 一般公共预算 + 政府性基金 + 国有资本经营
                out.append(_row_identity(ctx, t, i, ["合计", "一般公共预算", "政府性基金", "国有资本经营"]))
    return out, grand


def _sub_items(ctx: Context, t: TableFacts, items: list[Item]) -> list[CheckResult]:
    """一、财政拨款收入 = 1. 一般公共预算 + 2. 政府性基金 + 3. 国有资本经营 (numbered sub-items under an ordinal)."""
    out = []
    for k, parent in enumerate(items):
        if not (_ORDINAL.match(parent.label) and parent.amounts):
            continue
        subs = []
        for i in items[k + 1:]:
            if not _SUB.match(i.label):
                break
            subs.append(i)
        subs = [s for s in subs if s.amounts]
        if subs:
            out.extend(_sum_check(ctx, t, _column_item(parent, 0), [_column_item(s, 0) for s in subs], parent.name,
                                  "summary_tables"))
    return out


# -- the same row in two tables -------------------------------------------------------------------

def _class_rows(t: TableFacts) -> dict[str, Item]:
    """类 rows of a table by name (summary tables) or code (function tables)."""
    out: dict[str, Item] = {}
    for i in t.items:
        if not i.amounts:
            continue
        if i.code and len(i.code) == 3 or t.kind in ("summary", "grant_summary") and i.name.endswith("支出") and _ORDINAL.match(i.label):
            out[i.name] = i
    return out


def _rows_by_code(t: TableFacts) -> dict[str, Item]:
    return {e.code: e for e in t.entries if e.code and e.amounts}


def _pairs(ctx: Context) -> list[tuple[TableFacts, TableFacts, str]]:
    f = ctx.facts
    pairs = [("summary", "expenditure", "class"), ("grant_summary", "gpb", "class")]
    if ctx.budget:
        pairs += [("expenditure", "gpb", "code"), ("income", "expenditure", "code")]
    out = []
    for a, b, how in pairs:
        ta, tb = f.first(a), f.first(b)
        if ta is not None and tb is not None and _same_scope(ctx, a, b):
            out.append((ta, tb, how))
    return out


def _same_scope(ctx: Context, a: str, b: str) -> bool:
    """Whether two tables count the same money: a budget's 支出表 and 一般公共预算表 only when all income is
    一般公共预算; its 收入表 and 支出表 only when nothing is carried over."""
    if (a, b) == ("expenditure", "gpb"):
        gpb, total = ctx.pick("fiscal_appropriation_income"), ctx.pick("income_grand_total")
        return gpb is not None and total is not None and wan(gpb) == wan(total)
    if (a, b) == ("income", "expenditure"):
        carry = ctx.pick("beginning_carryover")
        return carry is None or wan(carry) == 0
    if (a, b) == ("grant_summary", "gpb"):
        return _only_gpb_money(ctx)
    return True


def _only_gpb_money(ctx: Context) -> bool:
    """Whether all the grant money is 一般公共预算 (the 政府性基金 and 国有资本经营 tables empty, and no amount on
    those lines of the 财政拨款收支总表): then its 合计 column is the 一般公共预算 column."""
    for kind in ("gov_fund", "state_capital"):
        if any(t.has_figures() for t in ctx.facts.of_kind(kind)):
            return False
    for t in ctx.facts.of_kind("grant_summary"):
        if any(i.amounts and any(a.value for a in i.amounts) and re.search(r"政府性基金|国有资本经营", i.name)
               for i in t.items):
            return False
    return True


@rule("tables_agree", "同一行在两张表中一致：收支总表与支出表的各类、财政拨款收支总表与一般公共预算支出表的各类（预算：支出表与一般公共预算表、收入表与支出表的各科目）")
def tables_agree(ctx: Context) -> list[CheckResult]:
    out = []
    for ta, tb, how in _pairs(ctx):
        rows_a = _class_rows(ta) if how == "class" else _rows_by_code(ta)
        rows_b = _class_rows(tb) if how == "class" else _rows_by_code(tb)
        for key, ia in rows_a.items():
            ib = rows_b.get(key) or next((v for k, v in rows_b.items() if how == "class" and _same(k, key)), None)
            if ib is not None:
                out.append(_agree(ctx, ta, ia, tb, ib))
    return out


def _same(a: str, b: str) -> bool:
    return a.replace("(", "（") == b.replace("(", "（")


def _to_wan(t: TableFacts, v: Decimal) -> Decimal:
    return v / WAN if t.unit == "元" else v


def _agree(ctx: Context, ta: TableFacts, ia: Item, tb: TableFacts, ib: Item) -> CheckResult:
    a, b = _to_wan(ta, ia.amounts[0].value), _to_wan(tb, ib.amounts[0].value)
    exact = ta.unit == tb.unit == "元"
    status = diff_status(a - b, Decimal(0) if exact else ctx.tolerance, rounding_passes=True)
    msg = (f"{ia.name}：{ta.title}为 {_amount(ta, ia.amounts[0])}，{tb.title}为 {_amount(tb, ib.amounts[0])}"
           + ("，一致" if a == b else f"，相差 {money(abs(a - b))}" + _rounding_note(status)))
    return result("tables_agree", status, msg, places=_cite(ctx, ia, ib), expected=str(a), actual=str(b))


def item_table(ctx: Context) -> TableFacts | None:
    """The function table the prose's 项 amounts describe: 一般公共预算支出表, else 支出表."""
    for kind in ("gpb", "expenditure"):
        t = next((t for t in ctx.facts.of_kind(kind) if any(e.level == 3 for e in t.entries)), None)
        if t is not None:
            return t
    return None


# -- the "三公" table ------------------------------------------------------------------------------

_ORDER_A = ["total", "overseas_travel", "subtotal", "vehicle_purchase", "vehicle_operation", "official_reception"]
_ORDER_B = ["total", "overseas_travel", "official_reception", "subtotal", "vehicle_purchase", "vehicle_operation"]
_PROSE_KEYS = ("overseas_travel", "vehicle_purchase", "vehicle_operation", "official_reception")


def three_public_columns(t: TableFacts, budget: bool, order: list[str] | None = None) -> list[tuple[str, str]]:
    """(series, item) per column: 预算数/决算数 series, in the order the header prints them (or the order given)."""
    h = t.header
    reception_first = 0 <= h.find("公务接待") < h.find("公务用车") if "公务用车" in h else False
    order = order or (_ORDER_B if reception_first else _ORDER_A)
    if budget or h.count("决算数") == 0:
        cols = [("budget", c) for c in order]
    elif h.count("预算数") >= 3:
        cols = [(s, c) for c in order for s in ("budget", "actual")]
    else:
        cols = [("budget", c) for c in order] + [("actual", c) for c in order]
    if "机关运行经费" in h:
        cols.append(("budget", "agency"))
    return cols


def _consistent(reading: dict[tuple[str, str], Decimal], tol: Decimal) -> bool:
    for series in ("budget", "actual"):
        v = {c: reading.get((series, c), Decimal(0)) for c in _ORDER_A}
        if not any((series, c) in reading for c in _ORDER_A):
            continue
        if abs(v["total"] - v["overseas_travel"] - v["subtotal"] - v["official_reception"]) > tol:
            return False
        if abs(v["subtotal"] - v["vehicle_purchase"] - v["vehicle_operation"]) > tol:
            return False
    return True


def readings(values: list[Decimal], cols: list[tuple[str, str]], tol: Decimal):
    """Every assignment of the printed amounts to the columns (in order, empty cells = 0) that adds up."""
    if len(values) > len(cols):
        return
    for chosen in itertools.combinations(range(len(cols)), len(values)):
        if len(values) == len(cols) and chosen != tuple(range(len(cols))):
            continue
        reading = {cols[c]: v for c, v in zip(chosen, values, strict=True)}
        if _consistent(reading, tol):
            yield reading


@rule("three_public_table", "“三公”经费表：合计 = 因公出国(境)费 + 公务用车购置及运行费 + 公务接待费，小计 = 购置费 + 运行费；与正文（含机关运行经费）一致")
def three_public_table(ctx: Context) -> list[CheckResult]:
    out = []
    for t in ctx.facts.of_kind("three_public"):
        row = next((i for i in t.items if len(i.amounts) >= 2 and not i.code), None)
        if row is None:
            continue
        values = [a.value for a in row.amounts]
        first = three_public_columns(t, ctx.budget)
        found, cols = [], first
        # the header's words may not tell the column order: the other standard order is tried too
        used = [c for c in dict.fromkeys(c for _, c in first) if c != "agency"]
        for order in (None, _ORDER_B if used == _ORDER_A else _ORDER_A):
            cols = three_public_columns(t, ctx.budget, order)
            found = list(itertools.islice(readings(values, cols, ctx.tolerance), 2000))
            if found:
                break
        out.append(_three_public_result(ctx, t, row, found, cols))
    return out


def _prose_constraints(ctx: Context) -> dict[tuple[str, str], list]:
    series = "budget" if ctx.budget else "actual"
    out: dict[tuple[str, str], list] = {}
    for f in ctx.figures:
        if f.source_kind != "prose" or f.unit != "万元":
            continue
        if f.key in _PROSE_KEYS:
            out.setdefault((series, f.key), []).append(f)
        elif f.key == ("three_public_budget" if ctx.budget else "three_public_actual"):
            out.setdefault((series, "total"), []).append(f)
        elif f.key == "agency_operating_expenses" and ctx.budget:
            out.setdefault(("budget", "agency"), []).append(f)
    return out


def _three_public_result(ctx: Context, t: TableFacts, row: Item, found: list, cols) -> CheckResult:
    name = "three_public_table"
    printed = "、".join(a.text for a in row.amounts)
    here = _cite(ctx, row)
    if not found:
        return result(name, "fail", f"{t.title}：{printed} 万元——无论各数对应哪一列，合计都不等于各项之和", places=here)
    constraints = _prose_constraints(ctx)
    relevant = {k: v for k, v in constraints.items() if k in set(cols)}
    agree = [r for r in found if all(r.get(k, Decimal(0)) == wan(figs[0]) for k, figs in relevant.items())]
    if relevant and not agree:
        figs = [f for v in relevant.values() for f in v]
        stated = "，".join(f"{label_of(f.key)} {shown(f)}" for f in figs)
        return result(name, "fail", f"{t.title}（{printed} 万元）与正文不一致：正文为 {stated}", places=[*here, *figs],
                      figures=figs)
    figs = [f for v in relevant.values() for f in v]
    return result(name, "pass", f"{t.title}：{printed} 万元，合计等于各项之和" + ("，与正文一致" if figs else ""),
                  places=[*here, *figs], figures=figs)


# -- completeness and empty tables ------------------------------------------------------------------

@rule("tables_present", "九张公开表齐全（按各地标题写法识别：收支总表、收入表、支出表、财政拨款收支总表、一般公共预算支出表、基本支出表、“三公”经费表、政府性基金表、国有资本经营表）")
def tables_present(ctx: Context) -> list[CheckResult]:
    found = {t.kind for t in ctx.facts.tables if t.kind}
    standard = found & set(REQUIRED_KINDS)
    if len(standard) < 3:
        return [skip("tables_present", "本文件没有成套的公开表（少于三张），不核对是否齐全")]
    absent = [k for k in REQUIRED_KINDS if k not in found and not _stated_absent(ctx, k)]
    if not absent:
        return [result("tables_present", "pass", f"九张公开表齐全（读到 {len(standard)} 张）")]
    names = "、".join(KIND_LABELS[k] for k in absent)
    return [result("tables_present", "warn", f"未找到：{names}（读到 {len(standard)} 张公开表）")]


def _stated_absent(ctx: Context, kind: str) -> bool:
    """A table the document says it has no money for (本单位无国有资本经营预算…) may be left out."""
    word = {"gov_fund": "政府性基金", "state_capital": "国有资本经营", "three_public": "三公"}.get(kind)
    return bool(word) and any(word in ln.text and re.search(r"无|没有|未安排", ln.text) for ln in ctx.narrative)


_NONE_STATED = re.compile(r"(?:无|没有|未安排)(?:[^。;；]{0,8}?)(?P<what>政府性基金|国有资本经营)(?:预算)?(?:财政拨款)?(?:安排的)?"
                          r"(?:预算)?(?:收入|支出|收支|预算)")


@rule("empty_tables", "空表说明与表一致：说明“本表无数据/为空表”或正文说“无…收入、支出”的表不应印有金额")
def empty_tables(ctx: Context) -> list[CheckResult]:
    out = []
    for t in ctx.facts.tables:
        if t.kind not in ("gov_fund", "state_capital", "three_public"):
            continue
        if t.empty_note is not None:
            assert ctx.facts.cite is not None
            note = ctx.facts.cite(t.empty_note.start, t.empty_note.end)
            if t.has_figures():
                rows = [i for i in t.items if i.amounts and any(a.value for a in i.amounts)]
                out.append(result("empty_tables", "fail", f"{t.title}：说明称“{t.empty_note.text}”，表中却印有金额",
                                  places=[note, *_cite(ctx, *rows[:3])]))
            else:
                out.append(result("empty_tables", "pass", f"{t.title}：空表，并有说明“{t.empty_note.text}”", places=[note]))
        out.extend(_prose_says_none(ctx, t))
    return out


def _prose_says_none(ctx: Context, t: TableFacts) -> list[CheckResult]:
    word = {"gov_fund": "政府性基金", "state_capital": "国有资本经营"}.get(t.kind or "")
    if word is None or not t.has_figures():
        return []
    for line in ctx.narrative:
        m = _NONE_STATED.search(line.text)
        if m and m.group("what") == word:
            rows = [i for i in t.items if i.amounts and any(a.value for a in i.amounts)]
            return [result("empty_tables", "fail", f"正文称“{m.group(0)}”，{t.title}却印有金额",
                           places=[line.cite(m.start(), m.end()), *_cite(ctx, *rows[:3])])]
    return []


# -- section totals in the prose against the table they summarise ----------------------------------

def _column_value(t: TableFacts, item: Item, name: str) -> Decimal | None:
    """The amount of a row under a named column, when the row prints every column (or the column is first)."""
    cols = total_first(t) or []
    if name not in cols:
        return None
    k = cols.index(name)
    if k == 0 and item.amounts:
        return item.amounts[0].value
    return item.amounts[k].value if len(item.amounts) == len(cols) else None


Totals = dict[str, tuple[Decimal, TableFacts, Item | None]]


def _summary_totals(ctx: Context, out: Totals) -> None:
    for kind, keys in (("summary", ("income_grand_total", "expenditure_grand_total", "income_current_year",
                                    "expenditure_current_year")),
                       ("grant_summary", ("fiscal_grant_income_total", "fiscal_grant_expenditure_total", None, None))):
        for t in ctx.facts.of_kind(kind):
            sides = _sides(t)
            for side, grand_key, current_key in (("left", keys[0], keys[2]), ("right", keys[1], keys[3])):
                items = [i for i in sides[side] if i.amounts]
                grand = next((i for i in reversed(items) if _LEFT_TOTAL.match(i.name) or i.name == "支出总计"), None)
                current = next((i for i in items if _CURRENT.match(i.name)), None)
                for key, item in ((grand_key, grand), (current_key, current)):
                    if key and item is not None:
                        out.setdefault(key, (_to_wan(t, item.amounts[0].value), t, item))


def _column_totals(ctx: Context, out: Totals) -> None:
    for kind, key, column in (("gpb", "gpb_expenditure", None), ("gpb", "gpb_basic_expenditure", "基本支出"),
                              ("expenditure", "expenditure_current_year", None),
                              ("expenditure", "basic_expenditure", "基本支出"),
                              ("expenditure", "project_expenditure", "项目支出")):
        for t in ctx.facts.of_kind(kind):
            total = next((i for i in t.labelled if _TOTAL_LABEL.match(i.label)), None)
            value = None if total is None else (total.amounts[0].value if column is None else
                                                _column_value(t, total, column))
            if value is not None:
                out.setdefault(key, (_to_wan(t, value), t, total))


def _economic_and_empty_totals(ctx: Context, out: Totals) -> None:
    for t in ctx.facts.of_kind("basic"):
        for i in t.labelled:
            key = "personnel_expenses" if i.label.startswith("人员经费") else (
                "public_expenses" if i.label.startswith("公用经费") else None)
            if key:
                out.setdefault(key, (_to_wan(t, i.amounts[0].value), t, i))
    for t in ctx.facts.of_kind("gov_fund"):
        if t.empty_note is not None and not t.has_figures():
            out.setdefault("gov_fund_expenditure", (Decimal(0), t, None))


def table_totals(ctx: Context) -> Totals:
    """The totals each standard table prints, by vocabulary key, in 万元 (an empty table counts as 0)."""
    out: Totals = {}
    _summary_totals(ctx, out)
    _column_totals(ctx, out)
    _economic_and_empty_totals(ctx, out)
    return out


@rule("section_totals", "正文各部分的总数与所概括的表一致（收支总计、财政拨款收支总计、一般公共预算支出、基本支出、人员/公用经费；空表按 0）")
def section_totals(ctx: Context) -> list[CheckResult]:
    totals = table_totals(ctx)
    read_from_tables = {f.key for f in ctx.figures if f.source_kind == "table"}
    out = []
    for f in ctx.figures:
        if f.source_kind != "prose" or f.key not in totals or f.key in read_from_tables:
            continue
        value, t, item = totals[f.key]
        diff = abs(wan(f) - value)
        allowed = Decimal("0.005") if t.unit == "元" else Decimal(0)
        status = "pass" if diff <= allowed else ("warn" if diff <= ctx.tolerance else "fail")
        printed = f"{item.amounts[0].text} {t.unit}" if item is not None else "空表（0）"
        msg = (f"{label_of(f.key)}：正文为 {shown(f)}，{t.title}为 {printed}"
               + ("，一致" if status == "pass" else f"，相差 {money(diff)}"))
        places = [f, *(_cite(ctx, item) if item is not None else [])]
        out.append(result("section_totals", status, msg, places=places, figures=[f]))
    return out
