"""Rules over the performance tables (绩效目标表 / 绩效自评表): execution rate, the money rows, the score.

- 执行率 = 全年执行数 / 全年预算数, within the printed precision;
- the money rows: 年度资金总额 = 财政拨款 + 其他资金 (per column), 资金结余 = 全年预算数 − 全年执行数;
- the score: 总分 = Σ 得分 over the indicator rows (and the 执行率 row). A table's scoring is read only
  when its 分值 add up to 100 (the proof that the columns were read right); otherwise ``skip``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import Decimal

from core.schemas import CheckResult, Citation
from extraction.rulebook import Context, diff_status, half_unit, result, rule, skip
from extraction.tablefacts import Amount, Item, TableFacts
from extraction.tables import is_score_row


def _cite(ctx: Context, *items: Item) -> list[Citation]:
    assert ctx.facts.cite is not None
    return [ctx.facts.cite(i.start, i.end) for i in items]


def _performance_tables(ctx: Context, word: str = "绩效") -> list[TableFacts]:
    return [t for t in ctx.facts.tables if word in t.title]


_FUND_COLUMN = re.compile(r"年初预算数|全年预算数|年预算数|全年执行数|资金结\(?转?\)?\(?结?\)?余(?:\(余\))?|分值|权重|执行率|得分")


def fund_columns(t: TableFacts) -> list[str]:
    """The money columns a performance table's header names, in order, each once, up to 得分 (or 执行率 when the
    header has no 得分); 年预算数 is read as 全年预算数, every 资金结(转)余 spelling as 资金结余."""
    names: list[str] = []
    header = t.header.replace("（", "(").replace("）", ")")
    last = "得分" if "得分" in header else "执行率"
    for m in _FUND_COLUMN.finditer(header):
        name = {"年预算数": "全年预算数", "权重": "分值"}.get(m.group(0), m.group(0))
        name = "资金结余" if name.startswith("资金结") else name
        if name not in names:
            names.append(name)
        if name == last:
            break
    if "全年执行数" in names:  # a header cut short still has its 执行率 and 得分 cells at the end of the row
        names += [n for n in ("执行率", "得分") if n not in names]
    return names


def funds_row(t: TableFacts) -> Item | None:
    """The 年度资金总额 row: the first row printing four amounts or more, before the indicators."""
    for i in t.items:
        if "指标" in i.label:
            return None
        if len(i.amounts) >= 4 and not i.code:
            return i
    return None


def _columns(t: TableFacts, names: list[str]) -> list[str]:
    """Every column of the money rows, in order: 年初预算数 (two cells, 目标申报数 and 预算编制数, when it splits into
    them — named in the header, or on a sub-header line of its own), then the columns from 全年预算数 on."""
    words = t.header + "".join(i.label for i in t.items[:4])
    split = "年初预算数" in names and "目标申报数" in words and "预算编制数" in words
    return [c for n in names for c in (("目标申报数", "预算编制数") if n == "年初预算数" and split else (n,))]


def _expected_cells(t: TableFacts, names: list[str]) -> int:
    """Cells the 资金总额 row should print: one per column (see :func:`_columns`)."""
    return len(_columns(t, names))


def _readings(a: Amount) -> list[Decimal]:
    """"13,092" may be 13092 or, printed with a decimal comma, 13.092."""
    out = [a.value]
    if re.fullmatch(r"\d{1,3},\d{3}", a.text):
        out.append(Decimal(a.text.replace(",", ".")))
    return out


def _values(a: Amount | None) -> list[Decimal | None]:
    return _readings(a) if a is not None else [None]


_GAP = Decimal("0.011")  # 预算 − 执行 − 结余, three amounts printed to 0.001 万元 or coarser
_RATE_GAP = Decimal("0.06")  # 执行率 printed to 0.01 %, recomputed from amounts printed to 0.001 万元


def _rate_fits(b: Decimal, a: Decimal, r: Decimal) -> bool:
    if b == 0:
        return a == 0 and r == 0
    return abs(a / b * 100 - r) <= _RATE_GAP


def _consistent(b: Amount | None, a: Amount | None, rest: Amount | None, r: Amount) -> bool:
    """预算 b, 执行 a, 结余 rest, 执行率 r agree (a missing cell is solved from the others)."""
    for bv in _values(b):
        for rv in _values(rest):
            for av in _values(a) if a else ([bv - rv] if bv is not None and rv is not None else [None]):
                if bv is None and av is not None and rv is not None:
                    bv = av + rv  # 预算数 not printed: 执行数 + 结余
                if bv is None or av is None or (a is None or b is None) and not av:
                    continue  # (a cell solved as 0 would make 执行率 0 "agree" with any row)
                if rv is not None and abs(bv - av - rv) > _GAP:
                    continue
                if any(_rate_fits(bv, av, pv) for pv in _readings(r)):
                    return True
    return False


_MONEY = ("全年预算数", "全年执行数", "资金结余", "执行率")


def _odd_cells(reading: Reading) -> frozenset[tuple[str, Decimal]]:
    """When 预算数, 执行数, 结余 and 执行率 are all printed and do not agree, but three of them do, the fourth is
    printed wrong: each (column, the value the other three give it) that would set the row right. Two relations tie
    the four cells (预算 − 执行 = 结余, 执行 / 预算 = 执行率), so three cells that agree fix the fourth; with 结余 0
    and 执行率 100 both 预算数 and 执行数 could be the wrong one. Empty when no three agree (or only through a zero
    budget, which "agrees" with anything)."""
    cells = [reading.get(k) for k in _MONEY]
    if any(c is None for c in cells):
        return frozenset()
    found = set()
    for b, a, rest, r in _combos(cells):
        r1 = abs(b - a - rest) <= _GAP
        r2 = _rate_fits(b, a, r)
        if r1 and r2:
            return frozenset()
        if r1 and b > 0:
            found.add(("执行率", (a / b * 100).quantize(Decimal("0.01"))))
        elif r2 and b > 0:
            found.add(("资金结余", b - a))
        elif not r1 and not r2:
            if b > 0 and b - rest > 0 and _rate_fits(b, b - rest, r):
                found.add(("全年执行数", b - rest))
            if a + rest > 0 and a > 0 and _rate_fits(a + rest, a, r):
                found.add(("全年预算数", a + rest))
    return frozenset(found)


def _combos(cells: list[Amount]) -> list[tuple[Decimal, ...]]:
    out: list[tuple[Decimal, ...]] = [()]
    for c in cells:
        out = [o + (v,) for o in out for v in _readings(c)]
    return out


Reading = dict[str, "Amount | None"]


@dataclass
class FundsRow:
    """One money row of a 自评表 and how it was read: ``status`` pass (a reading in which the cells agree; ``certain``
    when the row prints one cell per column, else the cells were aligned by their arithmetic), fail (the row prints
    one cell per column and they disagree, or however its cells are aligned three of them fix the fourth and it
    disagrees: ``odd``), or skip (no reading can be judged)."""

    row: Item
    status: str
    reading: Reading
    certain: bool
    odd: frozenset[tuple[str, Decimal]] = frozenset()


def read_funds(t: TableFacts) -> list[FundsRow]:
    """Each money row (资金总额 and its 资金来源 rows) read under the header's columns.

    A row printing one cell per column is read as printed. A row printing up to two cells too few, or one too
    many, is read every way its cells could sit under the columns (in order; a column left empty, a cell printed
    twice): the readings in which 预算数, 执行数, 结余 and 执行率 agree say how the row is laid out."""
    names = fund_columns(t)
    if not {"全年预算数", "全年执行数", "执行率"} <= set(names):
        return []
    cols = _columns(t, names)
    needed = names[names.index("全年预算数"):]
    rows = []
    for row in t.items:
        if "指标" in row.label:
            break
        if not row.code and len(row.amounts) >= max(4, len(needed)) and len(cols) - 2 <= len(row.amounts) <= len(cols) + 1:
            rows.append(row)
    out = []
    for row in rows:
        readings = [{k: r.get(k) for k in needed} for r in _alignments(cols, list(row.amounts))]
        certain = len(row.amounts) == len(cols)
        good = [r for r in readings if r.get("执行率") is not None and
                _consistent(r.get("全年预算数"), r.get("全年执行数"), r.get("资金结余"), r["执行率"])]
        full = [r for r in good if all(r.get(k) is not None for k in _MONEY)]
        good = full or good  # four cells that agree say more than three and a cell solved from them
        if good:
            out.append(FundsRow(row, "pass", good[0], certain))
        elif certain:
            out.append(FundsRow(row, "fail", readings[0], True))
        else:
            near = {tuple(r[k].text for k in _MONEY): (r, odd) for r in readings if (odd := _odd_cells(r))}
            if len(near) == 1:  # one alignment in which three cells agree: it is how the row is laid out
                (reading, odd), = near.values()
                out.append(FundsRow(row, "fail", reading, False, odd))
            else:
                out.append(FundsRow(row, "skip", readings[0], False))
    return out


def _alignments(cols: list[str], amounts: list[Amount]) -> list[Reading]:
    """The ways a row's cells can sit under the columns, in order: all of them (one per column); with columns left
    empty (a row short of cells); or with one cell extra: a cell printed twice (beside an equal one), or a second
    年初预算数 cell (目标申报数 | 预算编制数 printed under a header that names only 年初预算数)."""
    n, m = len(amounts), len(cols)
    if n == m:
        return [dict(zip(cols, amounts, strict=True))]
    if n < m:
        out = []
        for empty in itertools.combinations(range(m), m - n):
            under = [c for k, c in enumerate(cols) if k not in empty]
            out.append(dict(zip(under, amounts, strict=True)) | {cols[k]: None for k in empty})
        return out
    extra = [k for k in range(n) if k == 0 and "年初预算数" in cols
             or any(0 <= j < n and amounts[j].value == amounts[k].value for j in (k - 1, k + 1))]
    return [dict(zip(cols, amounts[:k] + amounts[k + 1:], strict=True)) for k in extra]


@rule("project_execution_rate", "项目执行率 = 全年执行数 / 全年预算数 × 100；资金结余 = 全年预算数 − 全年执行数")
def project_execution_rate(ctx: Context) -> list[CheckResult]:
    out = []
    covered: list[Citation] = []
    for t in _performance_tables(ctx, "自评"):
        for f in read_funds(t):
            if f.status != "skip":
                covered.extend(_cite(ctx, f.row))
            if f.status == "skip":
                out.append(skip("project_execution_rate", f"{t.title}：资金一行多印或少印了格，读不出各列",
                                _cite(ctx, f.row)))
            else:
                out.append(_funds_row_result(ctx, t, f))
    out.extend(_from_figures(ctx, covered))
    return out


_NAMES = {"全年预算数": "预算数", "全年执行数": "执行数", "资金结余": "结余", "执行率": "执行率"}


def _funds_row_result(ctx: Context, t: TableFacts, f: FundsRow) -> CheckResult:
    cols = f.reading
    b, a, r, rest = (cols.get(k) for k in ("全年预算数", "全年执行数", "执行率", "资金结余"))
    shown_ = "，".join(f"{k} {v.text if v is not None else '（未印）'}" for k, v in cols.items() if k != "得分")
    how = "" if f.certain else "（该行少印或多印了格，按各格的算术关系对齐各列）"
    if f.status == "pass":
        msg = f"{t.title}：{shown_}，执行率与结余相符{how}"
        return result("project_execution_rate", "pass", msg, places=_cite(ctx, f.row))
    if f.odd:
        fixes = []
        for column, value in sorted(f.odd):
            others = "、".join(_NAMES[k] for k in _MONEY if k != column)
            printed = cols[column]
            assert printed is not None
            fixes.append(f"{others}三者相符，{column}印为 {printed.text}，按它们应为 {value.normalize():f}")
        msg = f"{t.title}：{shown_}{how}；" + "；或".join(fixes)
        return result("project_execution_rate", "fail", msg, places=_cite(ctx, f.row))
    problems = []
    if b is not None and a is not None and r is not None:
        if b.value:
            problems.append(f"执行数/预算数 = {a.value / b.value * 100:.2f}%，表中执行率为 {r.text}")
        elif a.value or r.value:
            problems.append(f"预算数为 0，执行数 {a.text}、执行率 {r.text} 应为 0")
    if rest is not None and b is not None and a is not None and abs(b.value - a.value - rest.value) > _GAP:
        problems.append(f"预算数 − 执行数 = {b.value - a.value}，表中资金结余为 {rest.text}")
    msg = f"{t.title}：{shown_}；" + "；".join(problems or ["各列不能同时成立"])
    return result("project_execution_rate", "fail", msg, places=_cite(ctx, f.row))


def _rate_ok(b: Amount, a: Amount, r: Amount) -> tuple[bool, Decimal | None]:
    """a / b × 100 = r within the printed precision of all three."""
    if b.value == 0:
        return a.value == 0 and r.value == 0, None
    computed = a.value / b.value * 100
    ha, hb = half_unit(a.text.replace(",", "")), half_unit(b.text.replace(",", ""))
    lo = (a.value - ha) / (b.value + hb) * 100
    hi = (a.value + ha) / max(b.value - hb, Decimal("0.0001")) * 100
    slack = half_unit(re.sub(r"[^\d.]", "", r.text)) + Decimal("0.01")
    return lo - slack <= r.value <= hi + slack, computed


def _from_figures(ctx: Context, covered: list[Citation]) -> list[CheckResult]:
    """Projects whose table was not read as a whole: their extracted 预算数, 执行数 and 执行率."""
    out = []
    by_key = ctx.by_key()
    projects = sorted({k.split(":")[1] for k in by_key if k.startswith("project:")})
    for name in projects:
        b, a, r = (by_key.get(f"project:{name}:{f}", [None])[0] for f in ("budget", "actual", "execution_rate"))
        if b is None or a is None or r is None or b.amount() == 0:
            continue
        if b.source_kind == "table" and any(_inside(b, row) for row in covered):
            continue
        ok, computed = _rate_ok(*(Amount(f.value, f.amount(), 0, 0) for f in (b, a, r)))
        msg = (f"{name}：全年执行数 {a.value} 万元 / 全年预算数 {b.value} 万元 = {computed:.2f}%，表中执行率 {r.value}%"
               + ("，相符" if ok else "，不符"))
        out.append(result("project_execution_rate", "pass" if ok else "fail", msg, places=[b, a, r], figures=[b, a, r],
                          expected=f"{computed:.2f}", actual=r.value))
    return out


def _inside(f, row: Citation) -> bool:
    """Whether a figure was read from the row a citation points at (same page, overlapping offsets)."""
    c = f.citation
    return c.page == row.page and c.char_start < row.char_end and row.char_start < c.char_end


# -- the money rows --------------------------------------------------------------------------------

_FUNDS = re.compile(r"^(?:项目资金\(万元\))?(?:年度)?资金总额[:：]?$")
_GRANT = re.compile(r"^(?:其中[:：])?(?:当年)?财政拨款(?:资金)?$")
_OTHER = re.compile(r"^其他资金$")


def _money_rows(t: TableFacts) -> tuple[Item | None, list[Item]]:
    total = next((i for i in t.items if _FUNDS.match(i.label) and i.amounts), None)
    if total is None:
        return None, []
    after = t.items[t.items.index(total) + 1:]
    parts = []
    for i in after[:3]:
        if (_GRANT.match(i.label) or _OTHER.match(i.label)) and i.amounts:
            parts.append(i)
    return total, parts


@rule("project_funds", "项目资金：年度资金总额 = 财政拨款 + 其他资金（各列）；资金结余 = 全年预算数 − 全年执行数")
def project_funds(ctx: Context) -> list[CheckResult]:
    out = []
    for t in _performance_tables(ctx):
        total, parts = _money_rows(t)
        if total is not None and len(parts) == 2:
            out.extend(_funds_sum(ctx, t, total, parts))
        out.extend(_balance(ctx, t))
    return out


def _funds_sum(ctx: Context, t: TableFacts, total: Item, parts: list[Item]) -> list[CheckResult]:
    width = min(len(p.amounts) for p in parts)
    out = []
    for col in range(min(width, len(total.amounts), 3)):
        got = total.amounts[col].value
        expected = sum((p.amounts[col].value for p in parts), Decimal(0))
        status = diff_status(got - expected, ctx.tolerance)
        msg = (f"{t.title}：资金总额 {total.amounts[col].text} {'=' if status == 'pass' else '≠'} 财政拨款 "
               f"{parts[0].amounts[col].text} + 其他资金 {parts[1].amounts[col].text}")
        out.append(result("project_funds", status, msg, places=_cite(ctx, total, *parts), expected=str(expected),
                          actual=str(got)))
    return out


def _balance(ctx: Context, t: TableFacts) -> list[CheckResult]:
    """全年预算数 | 全年执行数 | 资金结(转)余 | 执行率: the balance is budget − actual."""
    if not re.search(r"全年预算数全年执行数资金结(?:\(转\))?余", t.header.replace("（", "(").replace("）", ")")) and \
            "资金结(转)余" not in t.header:
        return []
    for i in t.items:
        found = _budget_actual_balance(i.amounts)
        if found is not None:
            b, a, rest = found
            status = diff_status(b.value - a.value - rest.value, ctx.tolerance)
            msg = (f"{t.title}：全年预算数 {b.text} − 全年执行数 {a.text} = {b.value - a.value}，资金结余为 {rest.text}"
                   + ("，相符" if status == "pass" else "，不符"))
            return [result("project_funds", status, msg, places=_cite(ctx, i))]
    return []


def _budget_actual_balance(amounts: list[Amount]) -> tuple[Amount, Amount, Amount] | None:
    """(全年预算数, 全年执行数, 结余) in a row followed by its 执行率, the rightmost that fits a / b = rate
    (b − a = rest preferred: the 年初预算数 columns come first and may print other amounts)."""
    windows = [amounts[k:k + 4] for k in range(len(amounts) - 3)][::-1]

    def rate_fits(b: Amount, a: Amount, rate: Amount) -> bool:
        if b.value == 0:
            return a.value == 0 and rate.value == 0
        return abs(a.value / b.value * 100 - rate.value) <= Decimal("0.06")

    for b, a, rest, rate in windows:
        if rate_fits(b, a, rate) and abs(b.value - a.value - rest.value) <= Decimal("0.02"):
            return b, a, rest
    for b, a, rest, rate in windows:
        if b.value > 0 and rate_fits(b, a, rate):
            return b, a, rest  # the rate fits: the cell after 执行数 is the balance, whatever it says
    return None


# -- the score ---------------------------------------------------------------------------------------

_PLAIN = re.compile(r"^\d+(?:\.\d+)?$")


def _plain(amounts: list[Amount]) -> list[Amount]:
    return [a for a in amounts if _PLAIN.match(a.text.replace(",", ""))]


def total_score(t: TableFacts) -> Item | None:
    """The item of the 总分 row (or of a 总计 row printing a grade) that holds the score."""
    for i in t.items:
        if i.amounts and is_score_row([i.label, *(x.label for x in t.items if x.row == i.row and x.start >= i.end)]):
            return i
    return None


def score_rows(t: TableFacts) -> tuple[Item | None, list[tuple[Decimal, Decimal | None, list[Item]]]]:
    """The 总分 row and, per scored row, (分值, 得分, items): the plain numbers of a row are 分值 then 得分 (a 得分 cell
    repeated in the empty cells after it — "2 | 2 | 2", "2.5 | 0 | 0 | 0" — is one 得分). The 执行率 row's 得分 is
    that of the money row as read (None when the row prints no 得分)."""
    total = total_score(t)
    if total is None:
        return None, []
    position = {id(i): k for k, i in enumerate(t.items)}
    header_at = next((k for k, i in enumerate(t.items) if "得分" in i.label), None)
    if header_at is None:  # a header cut short after 分值
        header_at = next((k for k, i in enumerate(t.items) if "分值" in i.label and "指标" in i.label), None)
    funds = funds_row(t)
    rows: dict[int, list[Item]] = {}
    stop = position[id(total)]
    for i in t.items[:stop]:
        if i.amounts:  # (a "code" here is an indicator value such as "400 元/人/天", not a 科目编码)
            rows.setdefault(i.row, []).append(i)
    out = []
    for items in rows.values():
        numbers = _plain([a for i in items for a in i.amounts])
        if funds is not None and any(i is funds for i in items):
            out.append(_funds_score(t, funds, items))
            continue
        if header_at is None or position[id(items[0])] <= header_at or not numbers:
            continue
        if len(numbers) > 2 and len({a.value for a in numbers[1:]}) > 1:
            continue
        weight = numbers[0].value
        score = numbers[1].value if len(numbers) >= 2 else Decimal(0)
        out.append((weight, score, items))
    return total, [x for x in out if x is not None]


def _funds_score(t: TableFacts, funds: Item, items: list[Item]):
    """The 执行率 row: (分值, 得分) when the table prints 分值, else (10, 得分) (the usual weight of 预算执行率). The 得分 is
    the one the money row's reading puts under 得分 (None when the row prints none)."""
    read = next((f for f in read_funds(t) if f.row is funds and f.status != "skip"), None)
    if read is not None and "得分" in read.reading:
        weight = read.reading.get("分值")
        score = read.reading["得分"]
        return (weight.value if weight is not None else Decimal(10),
                Decimal(re.sub(r"[^\d.]", "", score.text) or 0) if score is not None else None, items)
    numbers = [a for i in items for a in i.amounts]
    score = Decimal(re.sub(r"[^\d.]", "", numbers[-1].text) or 0) if numbers else None
    names = fund_columns(t)
    if ("分值" in names or "权重" in names) and len(numbers) >= 3:
        return numbers[-3].value, score, items  # 分值 | 执行率 | 得分
    return (Decimal(10), score, items) if score is not None else None  # 预算执行率 weighs 10 by the national rules


@rule("project_score", "项目自评总分 = 各指标得分之和（含预算执行率得分）；各项分值合计为 100 时才核对")
def project_score(ctx: Context) -> list[CheckResult]:
    out = []
    for t in _performance_tables(ctx, "自评"):
        total, rows = score_rows(t)
        if total is None or not rows:
            continue
        weights = sum((w for w, _, _ in rows), Decimal(0))
        score_text = total.amounts[-1].text
        if abs(weights - 100) > Decimal("0.01"):
            out.append(skip("project_score", f"{t.title}：各项分值合计 {weights}，不是 100，评分列未能可靠读出",
                            _cite(ctx, total)))
            continue
        scores = sum((s for _, s, _ in rows if s is not None), Decimal(0))
        got = Decimal(re.sub(r"[^\d.]", "", score_text))
        rounding = Decimal("0.01") * max(1, len(rows) // 4)
        items = [i for _, _, its in rows for i in its]
        unprinted = next((w for w, s, _ in rows if s is None), None)
        if unprinted is not None:  # the 执行率 row prints no 得分: what the total leaves for it must fit its 分值
            left = got - scores
            status = "pass" if -rounding <= left <= unprinted + rounding else "fail"
            msg = (f"{t.title}：总分 {score_text} − 各指标得分之和 {scores} = {left}，是未印出的预算执行率得分，"
                   + (f"在 0 与其分值 {unprinted} 之间" if status == "pass" else f"不在 0 与其分值 {unprinted} 之间"))
            out.append(result("project_score", status, msg, places=_cite(ctx, total, *items), actual=str(got)))
            continue
        status = diff_status(got - scores, rounding)
        msg = f"{t.title}：总分 {score_text} {'=' if status == 'pass' else '≠'} 各项得分之和 {scores}（{len(rows)} 项，分值合计 100）"
        out.append(result("project_score", status, msg, places=_cite(ctx, total, *items), expected=str(scores),
                          actual=str(got)))
    return out


# -- the grade ---------------------------------------------------------------------------------------

_GRADES = {"优": 90, "优秀": 90, "良": 80, "良好": 80, "中": 60, "中等": 60, "差": 0}  # the lower bound of each


def grade_of(score: Decimal) -> str:
    """The grade a 自评 总分 earns by the national bands (优 ≥ 90, 良 80–90, 中 60–80, 差 < 60)."""
    return "优" if score >= 90 else "良" if score >= 80 else "中" if score >= 60 else "差"


@rule("project_grade", "项目自评总分不超过满分（100 分，或总分行所印的分值），且与所评等级相符"
                       "（90 分及以上为优，80–90 良，60–80 中，60 分以下为差）")
def project_grade(ctx: Context) -> list[CheckResult]:
    out = []
    for t in _performance_tables(ctx, "自评"):
        total = total_score(t)
        if total is None:
            continue
        numbers = [Decimal(re.sub(r"[^\d.]", "", a.text) or 0) for a in total.amounts]
        got, scale = numbers[-1], numbers[0] if len(numbers) == 2 and numbers[0] >= numbers[1] else Decimal(100)
        grade = next((i for i in t.items if i.row == total.row and i.start >= total.end and i.label in _GRADES), None)
        places = _cite(ctx, total, *([grade] if grade is not None else []))
        if not 0 <= got <= scale:
            out.append(result("project_grade", "fail", f"{t.title}：总分 {total.amounts[-1].text} 超过满分 {scale}",
                              places=places, expected=f"≤ {scale}", actual=str(got)))
        elif grade is not None and scale == 100:
            expected = grade_of(got)
            ok = expected == grade.label[0]
            msg = (f"{t.title}：总分 {total.amounts[-1].text}，等级“{grade.label}”"
                   + ("，相符" if ok else f"，不符：{got} 分应为“{expected}”（优 ≥ 90，良 80–90，中 60–80，差 < 60）"))
            out.append(result("project_grade", "pass" if ok else "fail", msg, places=places, expected=expected,
                              actual=grade.label))
        else:
            out.append(result("project_grade", "pass", f"{t.title}：总分 {total.amounts[-1].text}，不超过满分 {scale}",
                              places=places))
    return out
