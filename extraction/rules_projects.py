"""Rules over the performance tables (绩效目标表 / 绩效自评表): execution rate, the money rows, the score.

- 执行率 = 全年执行数 / 全年预算数, within the printed precision;
- the money rows: 年度资金总额 = 财政拨款 + 其他资金 (per column), 资金结余 = 全年预算数 − 全年执行数;
- the score: 总分 = Σ 得分 over the indicator rows (and the 执行率 row). A table's scoring is read only
  when its 分值 add up to 100 (the proof that the columns were read right); otherwise ``skip``.
"""

from __future__ import annotations

import re
from decimal import Decimal

from core.schemas import CheckResult, Citation
from extraction.rulebook import Context, diff_status, half_unit, result, rule, skip
from extraction.tablefacts import Amount, Item, TableFacts


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


def _expected_cells(t: TableFacts, names: list[str]) -> int:
    """Cells the 资金总额 row should print: one per column, two under 年初预算数 when it splits into 目标申报数 and
    预算编制数 (named in the header, or on a sub-header line of its own)."""
    words = t.header + "".join(i.label for i in t.items[:4])
    split = "年初预算数" in names and "目标申报数" in words and "预算编制数" in words
    return len(names) + (1 if split else 0)


def _readings(a: Amount) -> list[Decimal]:
    """"13,092" may be 13092 or, printed with a decimal comma, 13.092."""
    out = [a.value]
    if re.fullmatch(r"\d{1,3},\d{3}", a.text):
        out.append(Decimal(a.text.replace(",", ".")))
    return out


def _consistent(b: Amount | None, a: Amount | None, rest: Amount | None, r: Amount) -> bool:
    """预算 b, 执行 a, 结余 rest, 执行率 r agree (a missing cell is solved from the others)."""
    for bv in _readings(b) if b else [None]:
        for rv in _readings(rest) if rest else [None]:
            for av in _readings(a) if a else ([bv - rv] if bv is not None and rv is not None else [None]):
                if bv is None or av is None:
                    continue
                if rv is not None and abs(bv - av - rv) > Decimal("0.011"):
                    continue
                if bv == 0:
                    if av == 0 and r.value == 0:
                        return True
                    continue
                if abs(av / bv * 100 - r.value) <= Decimal("0.06"):
                    return True
    return False


Reading = dict[str, "Amount | None"]


def read_funds(t: TableFacts) -> list[tuple[Item, list[Reading], bool]]:
    """Each money row (资金总额 and its 资金来源 rows) with its possible readings under the header's columns, read
    from the right, and whether the reading is certain: the row prints one cell per column (or prints as many as
    the other money rows do). A row one cell short or long is read every way a cell could be missing or extra."""
    names = fund_columns(t)
    if not {"全年预算数", "全年执行数", "执行率"} <= set(names):
        return []
    expected = _expected_cells(t, names)
    needed = names[names.index("全年预算数"):]
    rows = []
    for row in t.items:
        if "指标" in row.label:
            break
        if not row.code and len(row.amounts) >= max(4, len(needed)) and expected - 1 <= len(row.amounts) <= expected + 1:
            rows.append(row)
    out = []
    for row in rows:
        amounts = list(row.amounts)
        alike = sum(len(r.amounts) == len(amounts) for r in rows)
        if len(amounts) == expected or alike >= 2:
            out.append((row, [_from_right(needed, amounts)], True))
        elif len(amounts) == expected - 1:
            gaps = [_from_right(needed[:g] + needed[g + 1:], amounts) | {needed[g]: None} for g in range(len(needed))]
            out.append((row, [_from_right(needed, amounts), *gaps], False))
        else:
            out.append((row, [_from_right(needed, amounts[:k] + amounts[k + 1:]) for k in range(len(amounts))], False))
    return out


def _from_right(names: list[str], amounts: list[Amount]) -> Reading:
    return dict(zip(names[::-1], amounts[::-1], strict=False))


@rule("project_execution_rate", "项目执行率 = 全年执行数 / 全年预算数 × 100；资金结余 = 全年预算数 − 全年执行数")
def project_execution_rate(ctx: Context) -> list[CheckResult]:
    out = []
    covered: list[Citation] = []
    for t in _performance_tables(ctx, "自评"):
        for row, readings, certain in read_funds(t):
            good = [r for r in readings if r.get("执行率") is not None and
                    _consistent(r.get("全年预算数"), r.get("全年执行数"), r.get("资金结余"), r["执行率"])]
            if good or certain:
                covered.extend(_cite(ctx, row))
            if good:
                out.append(_funds_row_result(ctx, t, row, good[0], "pass", certain))
            elif certain:
                out.append(_funds_row_result(ctx, t, row, readings[0], "fail", certain))
            else:
                out.append(skip("project_execution_rate", f"{t.title}：资金一行多印或少印了一格，读不出各列",
                                _cite(ctx, row)))
    out.extend(_from_figures(ctx, covered))
    return out


def _funds_row_result(ctx: Context, t: TableFacts, row: Item, cols: dict[str, Amount | None], status: str,
                      certain: bool) -> CheckResult:
    b, a, r, rest = (cols.get(k) for k in ("全年预算数", "全年执行数", "执行率", "资金结余"))
    shown_ = "，".join(f"{k} {v.text if v is not None else '（未印）'}" for k, v in cols.items() if k != "得分")
    if status == "pass":
        msg = f"{t.title}：{shown_}，执行率与结余相符" + ("" if certain else "（按少印一格读）")
        return result("project_execution_rate", "pass", msg, places=_cite(ctx, row))
    problems = []
    if b is not None and a is not None and r is not None:
        if b.value:
            problems.append(f"执行数/预算数 = {a.value / b.value * 100:.2f}%，表中执行率为 {r.text}")
        elif a.value or r.value:
            problems.append(f"预算数为 0，执行数 {a.text}、执行率 {r.text} 应为 0")
    if rest is not None and b is not None and a is not None and abs(b.value - a.value - rest.value) > Decimal("0.011"):
        problems.append(f"预算数 − 执行数 = {b.value - a.value}，表中资金结余为 {rest.text}")
    msg = f"{t.title}：{shown_}；" + "；".join(problems or ["各列不能同时成立"])
    return result("project_execution_rate", "fail", msg, places=_cite(ctx, row))


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

_TOTAL_SCORE = re.compile(r"^总分")
_PLAIN = re.compile(r"^\d+(?:\.\d+)?$")


def _plain(amounts: list[Amount]) -> list[Amount]:
    return [a for a in amounts if _PLAIN.match(a.text.replace(",", ""))]


def score_rows(t: TableFacts) -> tuple[Item | None, list[tuple[Decimal, Decimal, list[Item]]]]:
    """The 总分 row and, per scored row, (分值, 得分, items): the plain numbers of a row are 分值 then 得分."""
    total = next((i for i in t.items if _TOTAL_SCORE.match(i.label) and i.amounts), None)
    if total is None:
        return None, []
    position = {id(i): k for k, i in enumerate(t.items)}
    header_at = next((k for k, i in enumerate(t.items) if "得分" in i.label), None)
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
        if header_at is None or position[id(items[0])] <= header_at or not numbers or len(numbers) > 2:
            continue
        weight = numbers[0].value
        score = numbers[1].value if len(numbers) == 2 else Decimal(0)
        out.append((weight, score, items))
    return total, [x for x in out if x is not None]


def _funds_score(t: TableFacts, funds: Item, items: list[Item]):
    """The 执行率 row: (分值, 得分) when the table prints 分值, else (10, 得分) (the usual weight of 预算执行率)."""
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
        scores = sum((s for _, s, _ in rows), Decimal(0))
        got = Decimal(re.sub(r"[^\d.]", "", score_text))
        status = diff_status(got - scores, Decimal("0.01") * max(1, len(rows) // 4))
        msg = f"{t.title}：总分 {score_text} {'=' if status == 'pass' else '≠'} 各项得分之和 {scores}（{len(rows)} 项，分值合计 100）"
        items = [i for _, _, its in rows for i in its]
        out.append(result("project_score", status, msg, places=_cite(ctx, total, *items), expected=str(scores),
                          actual=str(got)))
    return out
