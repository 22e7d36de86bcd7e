"""Rules over the running text: stated changes, completion rates, shares, reasons, and items against the tables.

A stated change ("…万元，比上年减少D万元，下降P%") is recomputed from both stated figures: this
year's amount (in the sentence, or the figure its subject names) and the change; the percentage
must fall inside the interval the printed precision allows, and the direction words must agree.
When it does not fit, the rule looks for the one-digit slip that would make it fit and says so.
"""

from __future__ import annotations

import re
from decimal import Decimal

from core.schemas import CheckResult, Citation, Figure
from core.vocabulary import label_of
from extraction import prosefacts as pf
from extraction.prose import LABEL_KEY, LABEL_RE, resolve_key
from extraction.rulebook import (
    WAN,
    Context,
    ProseLine,
    half_unit,
    money,
    pct,
    result,
    rule,
    shown,
    skip,
    wan,
)

TRUNCATION = Decimal("0.01")  # a percentage printed 0.01 below the rounded one (truncated) is accepted


def _cite(line: ProseLine, start: int, end: int) -> Citation:
    return line.cite(start, end)


# -- stated changes --------------------------------------------------------------------------------

def change_interval(now: Decimal, h_now: Decimal, delta: Decimal, h_delta: Decimal, up: bool
                    ) -> tuple[Decimal, Decimal] | None:
    """The range of delta / last year × 100 over the printed rounding of both figures (None: base ≤ 0)."""
    rates = []
    for n in (now - h_now, now + h_now):
        for d in (max(delta - h_delta, Decimal(0)), delta + h_delta):
            last = n - d if up else n + d
            if last > 0:
                rates.append(d / last * 100)
    if not rates or (now - delta if up else now + delta) <= 0:
        return None
    return min(rates), max(rates)


def _fits(now: Decimal, h_now: Decimal, delta: Decimal, h_delta: Decimal, up: bool, printed: Decimal,
          h_pct: Decimal) -> bool:
    interval = change_interval(now, h_now, delta, h_delta, up)
    if interval is None:
        return False
    lo, hi = interval
    return lo - h_pct - TRUNCATION <= printed <= hi + h_pct + TRUNCATION


def typo_hint(now: str, delta: str, pct_text: str, up: bool) -> str:
    """A one-digit change of this year's figure or of the change that makes the percentage fit."""
    p, hp = Decimal(pct_text), half_unit(pct_text)
    for name, text in (("本年数", now), ("变动额", delta)):
        for i, ch in enumerate(text):
            if not ch.isdigit():
                continue
            for d in "0123456789":
                if d == ch or (i == 0 and d == "0"):
                    continue
                alt = text[:i] + d + text[i + 1:]
                n, dd = (pf.dec(alt), pf.dec(delta)) if name == "本年数" else (pf.dec(now), pf.dec(alt))
                if _fits(n, half_unit(alt if name == "本年数" else now), dd,
                         half_unit(alt if name == "变动额" else delta), up, p, hp):
                    return f"；若{name}为 {alt} 则百分比相符，疑为笔误"
    return ""


def subject_figure(ctx: Context, words: str) -> Figure | None:
    """The figure a change's subject names ("收入总计", "“三公”经费…决算数"), when the vocabulary knows it."""
    labels = list(LABEL_RE.finditer(words))
    if not labels:
        return None
    label = labels[-1].group(0)
    base = LABEL_KEY[label]
    if base in ("grant_both", "total_both"):
        key = "fiscal_grant_income_total" if base == "grant_both" else "income_grand_total"
    else:
        qualifier = "budget" if "预算" in words[labels[-1].end():] and "决算" not in words else None
        key = resolve_key(base, qualifier, ctx.doc_type, "", label)
    return ctx.pick(key) if key else None


@rule("stated_change", "比上年增加/减少X万元、增长/下降Y%：按本年数和变动额重算百分比，方向词一致")
def stated_change(ctx: Context) -> list[CheckResult]:
    lines = [ln.text for ln in ctx.narrative]
    return [r for c in pf.read_changes(lines) if (r := _check_change(ctx, ctx.narrative[c.line], c)) is not None]


def _check_change(ctx: Context, line: ProseLine, c: pf.Change) -> CheckResult | None:
    name = "stated_change"
    here = _cite(line, c.start, c.end)
    places: list[Figure | Citation] = [here]
    if c.now is not None:
        now_text, now, h_now = c.now, pf.dec(c.now), half_unit(c.now)
    else:
        fig = subject_figure(ctx, c.subject)
        if fig is None:
            return skip(name, f"“{c.words}”：未读到本年数", [here])
        now_text, now = fig.value, wan(fig)
        h_now = half_unit(fig.value) / (WAN if fig.unit == "元" else 1)
        places.append(fig)
    delta, p = pf.dec(c.delta), Decimal(c.pct)
    subject = c.subject or "本年数"
    if c.last is not None:
        found = _both_figures(c, now, pf.dec(c.last), delta, places)
        if found is not None:
            return found
    if c.up != c.pct_up and delta != 0:
        return result(name, "fail", f"{subject}：金额“{'增加' if c.up else '减少'}”而百分比“"
                      f"{'增长' if c.pct_up else '下降'}”，方向词矛盾（{c.words}）", places=places)
    interval = change_interval(now, h_now, delta, half_unit(c.delta), c.up)
    if interval is None:
        return skip(name, f"{subject}：上年数为 0（{money(now)} {'−' if c.up else '+'} {money(delta)}），"
                          f"增长百分比无从计算，“{c.pct}%”按惯例不核", places)
    lo, hi = interval
    last = now - delta if c.up else now + delta
    computed = delta / last * 100
    slack = half_unit(c.pct) + TRUNCATION
    ok = lo - slack <= p <= hi + slack
    msg = (f"{subject}：本年 {money(now)}，{'增加' if c.up else '减少'} {money(delta)}，上年应为 {money(last)}，"
           f"变动 {pct(computed)}，文中为 {c.pct}%")
    if ok:
        return result(name, "pass", msg + "，相符", places=places, expected=f"{computed:.2f}", actual=c.pct)
    msg += "，不符" + typo_hint(now_text if c.now else str(now), c.delta, c.pct, c.up)
    return result(name, "fail", msg, places=places, expected=f"{computed:.2f}", actual=c.pct,
                  tolerance=f"{lo - slack:.2f}–{hi + slack:.2f}%")


def _both_figures(c: pf.Change, now: Decimal, last: Decimal, delta: Decimal, places) -> CheckResult | None:
    """This year's and last year's figures are both printed: the change and its direction must follow from them."""
    actual = now - last
    if (actual > 0) != c.up and actual != 0 or abs(abs(actual) - delta) > Decimal("0.01"):
        word = "增加" if actual > 0 else ("减少" if actual < 0 else "持平")
        return result("stated_change", "fail", f"本年 {money(now)}，上年 {money(last)}：应{word} {money(abs(actual))}，"
                      f"文中为“{c.words}”", places=places, expected=str(actual), actual=c.delta)
    return None


@rule("change_stated_twice", "同一本年数的两处变动说明一致（如收入与支出、财政拨款与一般公共预算）")
def change_stated_twice(ctx: Context) -> list[CheckResult]:
    out = []
    deltas = pf.read_deltas([ln.text for ln in ctx.narrative])
    seen: dict[Decimal, pf.Delta] = {}
    reported: set[tuple[Decimal, bool, Decimal]] = set()
    for d in deltas:
        now = pf.dec(d.now)
        if now < 1:
            continue
        first = seen.setdefault(now, d)
        if first is d or first.up == d.up and pf.dec(first.delta) == pf.dec(d.delta):
            continue
        same_base = first.base == d.base
        diff = abs((pf.dec(first.delta) if first.up else -pf.dec(first.delta))
                   - (pf.dec(d.delta) if d.up else -pf.dec(d.delta)))
        if diff <= ctx.tolerance or (now, d.up, pf.dec(d.delta)) in reported:
            continue
        reported.add((now, d.up, pf.dec(d.delta)))
        a, b = ctx.narrative[first.line], ctx.narrative[d.line]
        msg = (f"本年同为 {money(now)}：一处{first.words}（比{first.base}），另一处{d.words}（比{d.base}），相差 "
               f"{money(diff)}" + ("" if same_base else "；比较的基数不同，请核对"))
        out.append(result("change_stated_twice", "fail" if same_base else "warn", msg,
                          places=[_cite(a, first.start, first.end), _cite(b, d.start, d.end)]))
    return out


# -- completion and difference rates ---------------------------------------------------------------

_WORD_SIGN = [("超额完成", 1), ("未完成", -1), ("未能完成", -1), ("小于", -1), ("低于", -1), ("大于", 1), ("高于", 1),
              ("持平", 0), ("等于", 0), ("无差异", 0)]


@rule("completion_rate", "完成预算的P% = 决算数 / 预算数；预决算差异率 = (决算 − 预算) / 预算；“超额完成/未完成/小于”等用词与数字一致")
def completion_rate(ctx: Context) -> list[CheckResult]:
    out = []
    for r in pf.read_rates([ln.text for ln in ctx.narrative]):
        line = ctx.narrative[r.line]
        out.extend(_check_rate(line, r))
    return out


def _check_rate(line: ProseLine, r: pf.Rate) -> list[CheckResult]:
    name = "completion_rate"
    here = _cite(line, r.start, r.end)
    b, a = pf.dec(r.budget), pf.dec(r.actual)
    out = []
    if r.pct is not None:
        if b == 0 and a == 0 and Decimal(r.pct) == 0:
            out.append(result(name, "pass", f"预算数、决算数均为 0，写“{r.pct}%”", places=[here]))
        elif b == 0:
            out.append(result(name, "fail", f"预算数为 0 万元、决算数 {money(a)}，却写“{r.pct}%”：对 0 算不出百分比"
                                            f"（可能是对全年预算而言）", places=[here]))
        else:
            out.append(_rate_value(name, here, r, a, b))
    if r.wording is not None:
        sign = next(s for w, s in _WORD_SIGN if w in r.wording)
        actual_sign = (a > b) - (a < b)
        ok = actual_sign == sign
        msg = f"“{r.wording}”：预算 {money(b)}，决算 {money(a)}" + ("，用词相符" if ok else "，用词与数字不符")
        out.append(result(name, "pass" if ok else "fail", msg, places=[here]))
    return out


def _rate_value(name: str, here: Citation, r: pf.Rate, a: Decimal, b: Decimal) -> CheckResult:
    ha, hb = half_unit(r.actual), half_unit(r.budget)
    if r.kind == "difference":
        corners = [((x - y) / y * 100) for x in (a - ha, a + ha) for y in (b - hb, b + hb) if y > 0]
        computed = (a - b) / b * 100
        corners += [abs(c) for c in corners]  # a 差异率 is printed with or without its sign
        what = "预决算差异率"
    else:
        corners = [x / y * 100 for x in (a - ha, a + ha) for y in (b - hb, b + hb) if y > 0]
        computed = a / b * 100
        what = "完成率"
    p = Decimal(r.pct)  # type: ignore[arg-type]
    slack = half_unit(r.pct) + TRUNCATION  # type: ignore[arg-type]
    ok = min(corners) - slack <= p <= max(corners) + slack or abs(p) - slack <= abs(computed) <= abs(p) + slack
    msg = f"{what}：决算 {money(a)} / 预算 {money(b)} → {pct(computed)}，文中为 {r.pct}%" + ("，相符" if ok else "，不符")
    return result(name, "pass" if ok else "fail", msg, places=[here], expected=f"{computed:.2f}", actual=r.pct)


# -- shares ----------------------------------------------------------------------------------------

_SHARE = re.compile(
    r"(?P<amount>\d[\d,]*(?:\.\d+)?)\s*万元[,，]?\s*(?:占比|占)(?P<of>[^0-9%]{0,16}?的)?\s*(?P<pct>\d+(?:\.\d+)?)%"
)
_DENOMINATOR_WORDS = [
    ("本年支出合计", "expenditure_current_year"), ("本年收入合计", "income_current_year"),
    ("支出总计", "expenditure_grand_total"), ("收入总计", "income_grand_total"),
    ("政府采购支出总额", "procurement_total"), ("政府采购", "procurement_total"),
    ("一般公共预算财政拨款支出", "gpb_expenditure"), ("三公", "three_public_actual"),
]


def share_denominator(ctx: Context, text: str, m: re.Match, section: str) -> Figure | None:
    """The whole a stated share is of: named ("占本年支出合计的…") or given by the section."""
    named = m.group("of") or ""
    for word, key in _DENOMINATOR_WORDS:
        if word in named:
            return ctx.pick("three_public_budget" if key == "three_public_actual" and ctx.budget else key)
    before = text[: m.start()]
    if "(类)" in text[max(0, m.start() - 40): m.start()] or "结构" in section:
        return ctx.pick("gpb_expenditure")
    if "三公" in section or re.search(r"因公出国|公务用车|公务接待", before[-30:]):
        return ctx.pick("three_public_budget" if ctx.budget else "three_public_actual")
    if "收入" in section and "支出" not in section:
        return ctx.pick("income_current_year")
    if "支出" in section and "收入" not in section:
        return ctx.pick("expenditure_current_year")
    return None


@rule("stated_share", "X万元，占Y%：按X和它所占的总数重算Y")
def stated_share(ctx: Context) -> list[CheckResult]:
    out = []
    for line in ctx.narrative:
        for m in _SHARE.finditer(line.text):
            whole = share_denominator(ctx, line.text, m, line.section)
            citation = line.cite(m.start(), m.end())
            if whole is None or wan(whole) == 0:
                out.append(skip("stated_share", f"“{m.group(0)}”：未识别所占的总数", [citation]))
                continue
            amount = pf.dec(m.group("amount"))
            computed = amount / wan(whole) * 100
            p = Decimal(m.group("pct"))
            slack = half_unit(m.group("amount")) / max(amount, Decimal("0.01")) * computed + half_unit(m.group("pct")) \
                + TRUNCATION
            status = "pass" if abs(computed - p) <= slack else "fail"
            msg = (f"{money(amount)} / {label_of(whole.key)} {shown(whole)} = {pct(computed)}，文中为 {p}%"
                   + ("，相符" if status == "pass" else "，不符"))
            out.append(result("stated_share", status, msg, places=[citation, whole], figures=[whole],
                              expected=f"{computed:.2f}", actual=str(p), tolerance=f"±{slack:.3f} pp"))
    return out


# -- reasons ---------------------------------------------------------------------------------------

_REASON = re.compile(r"主要原因|原因是|原因:|原因：|主要是|主要用于|由于")


@rule("change_has_reason", "正文说明的增减变动写明了原因（主要原因是…）")
def change_has_reason(ctx: Context) -> list[CheckResult]:
    out = []
    for line in ctx.narrative:
        text = line.text
        for m in re.finditer(r"(?:比上年|与上年相比|较上年)[^。]{0,30}?(增加|减少|增长|下降)\s*(\d[\d,]*(?:\.\d+)?)\s*万元", text):
            if pf.dec(m.group(2)) == 0:
                continue
            sentence_end = text.find("。", m.end())
            tail = text[m.start(): sentence_end + 1 if sentence_end >= 0 else len(text)]
            nxt = text[sentence_end + 1: sentence_end + 80] if sentence_end >= 0 else ""
            has = bool(_REASON.search(tail) or _REASON.match(nxt.strip()))
            out.append(result("change_has_reason", "pass" if has else "warn",
                              ("已说明原因：" if has else "未说明原因：") + m.group(0), places=[line.cite(m.start(), m.end())]))
    return out


# -- items (项) in the prose against the function table ---------------------------------------------

def _same_name(a: str, b: str) -> bool:
    a, b = re.sub(r"支出$", "", a), re.sub(r"支出$", "", b)
    return bool(a) and bool(b) and (a == b or a in b or b in a)


@rule("item_amounts", "正文列出的各“项”（类/款/项）金额与功能分类表的同一行一致")
def item_amounts(ctx: Context) -> list[CheckResult]:
    from extraction.rules_tables import item_table

    stated = pf.read_items([ln.text for ln in ctx.narrative])
    table = item_table(ctx)
    if not stated:
        return []
    twice = _stated_twice(ctx, stated)
    if table is None:
        return twice + [skip("item_amounts", "正文列出了各项金额，但没有读到对应的功能分类表")]
    rows = [e for e in table.entries if e.level == 3 and e.amounts]
    matched = [_match_row(s, table, rows) for s in stated]
    taken = {id(m[0]) for m in matched if m[0] is not None}
    out = []
    for k, s in enumerate(stated):
        row, how = matched[k]
        if row is None:
            row, how = _match_leftover(s, table, rows, taken, k, len(stated))
            if row is not None:
                taken.add(id(row))
        out.append(_compare_item(ctx, s, table, row, how))
    return twice + out


def _stated_twice(ctx: Context, stated: list[pf.ItemStatement]) -> list[CheckResult]:
    """One 项 stated twice in the prose (its heading and its sentence) with two different amounts."""
    out = []
    seen: dict[tuple, pf.ItemStatement] = {}
    for s in stated:
        key = s.code or s.path
        first = seen.setdefault(key, s)
        if first is not s and pf.dec(first.amount) != pf.dec(s.amount):
            places = [ctx.narrative[x.amount_line].cite(x.amount_at, x.amount_at + len(x.amount)) for x in (first, s)]
            out.append(result("item_amounts", "fail", f"{s.path[2]}（项）在正文中写作 {first.amount} 万元，又写作 {s.amount} 万元",
                              places=places))
    return out


def _classes(table, cls: str) -> set[str]:
    return {e.code for e in table.entries if e.level == 1 and _same_name(cls, e.name)}


def _match_row(s: pf.ItemStatement, table, rows):
    """The row a prose item names: by its printed code, or by its 类, 款 and 项 names."""
    if s.code:
        row = next((e for e in rows if e.code == s.code), None)
        if row is not None:
            return row, "code"
    cls, kuan, xiang = s.path
    classes = _classes(table, cls)
    in_class = [e for e in rows if e.code[:3] in classes] or rows
    kuans = {e.code for e in table.entries if e.level == 2 and _same_name(kuan, e.name) and e.code[:3] in classes}
    exact = [e for e in in_class if e.code[:5] in kuans and _same_name(xiang, e.name)]
    if exact:
        return exact[0], "name"
    by_item = [e for e in in_class if _same_name(xiang, e.name)]
    if len(by_item) == 1:
        return by_item[0], "item"
    return None, "none"


def _match_leftover(s: pf.ItemStatement, table, rows, taken: set[int], k: int, n: int):
    """A prose item whose names match no row: the one row of its 款 (or 类) no other item took, the one with its
    amount, or the row in the same place when the prose lists every 项 in the table's order."""
    cls, kuan, _ = s.path
    classes = _classes(table, cls)
    kuans = {e.code for e in table.entries if e.level == 2 and _same_name(kuan, e.name) and e.code[:3] in classes}
    for group in ([e for e in rows if e.code[:5] in kuans], [e for e in rows if e.code[:3] in classes]):
        free = [e for e in group if id(e) not in taken]
        same = [e for e in free if _to_wan(table, e.amounts[0].value) == pf.dec(s.amount)]
        if len(same) == 1:
            return same[0], "item"
        if len(free) == 1:
            return free[0], "item"
    if n == len(rows) and id(rows[k]) not in taken:
        return rows[k], "order"
    return None, "none"


def _to_wan(table, v: Decimal) -> Decimal:
    return (v / WAN).quantize(Decimal("0.01")) if table.unit == "元" else v


def _compare_item(ctx: Context, s: pf.ItemStatement, table, row, how: str) -> CheckResult:
    name = "item_amounts"
    line = ctx.narrative[s.line]
    amount_line = ctx.narrative[s.amount_line]
    here = [_cite(line, s.start, s.end)]
    if s.amount_line != s.line:
        here.append(_cite(amount_line, s.amount_at, s.amount_at + len(s.amount) + 2))
    label = f"{s.path[0]}（类）{s.path[1]}（款）{s.path[2]}（项）"
    if row is None:
        return skip(name, f"{label}：在{table.title}中没有找到这一项", here)
    assert ctx.facts.cite is not None
    row_cite = ctx.facts.cite(row.start, row.end)
    stated = pf.dec(s.amount)
    printed = row.amounts[0].value
    in_wan = printed / WAN if table.unit == "元" else printed
    diff = abs(in_wan - stated)
    rounding = Decimal("0.005") if table.unit == "元" else Decimal(0)
    status = "pass" if diff <= rounding else ("warn" if diff <= ctx.tolerance else "fail")
    table_amount = f"{row.amounts[0].text} {table.unit}"
    msg = (f"{label}：正文为 {money(stated)}，{table.title}（{row.code} {row.name}）为 {table_amount}"
           + ("，一致" if status == "pass" else f"，相差 {money(diff)}"))
    if how in ("item", "order") and not _same_name(s.path[2], row.name):
        msg += f"；正文的项名“{s.path[2]}”与表中“{row.name}”不同"
        status = "warn" if status == "pass" else status
    elif how in ("item", "order"):
        msg += f"；正文的款名“{s.path[1]}”与表中不同"
        status = "warn" if status == "pass" else status
    return result(name, status, msg, places=[*here, row_cite])



# -- "其中" enumerations: a total and all of its parts in one sentence ----------------------------------

_PART_LABELS = {
    "income": re.compile(r"^(?:财政拨款(?:收入|\(补助\))?|一般公共预算(?:财政)?拨款(?:收入)?|政府性基金(?:预算)?(?:财政)?拨款(?:收入)?|"
                         r"国有资本经营预算(?:财政)?拨款(?:收入)?|上级补助收入|事业收入|事业单位经营收入|经营收入|附属单位上缴收入|"
                         r"其他收入|本年收入合计|使用非财政拨款结余.*|年初结转和结余|上年结转.*|单位其他资金收入)$"),
    "expenditure": re.compile(r"^(?:基本支出|项目支出|上缴上级支出|经营支出|事业单位经营支出|对附属单位补助支出|本年支出合计|结余分配|"
                              r"年末结转和结余)$"),
    "three_public": re.compile(r"^(?:因公出国\(境\)费|公务用车购置及运行(?:维护)?费|公务接待费)$"),
    "vehicles": re.compile(r"^(?:公务用车购置费?|公务用车运行(?:维护)?费?)$"),
}
_REQUIRED = {
    "income": [("财政拨款", "一般公共预算"), ("其他收入", "年初结转和结余")],
    "expenditure": [("基本支出", "本年支出合计"), ("项目支出", "年末结转和结余")],
    "three_public": [("因公出国",), ("公务用车",), ("公务接待",)],
    "vehicles": [("购置",), ("运行",)],
}
_LABELLED = re.compile(rf"^\s*(?:\d+[、.])?\s*(?P<label>[\u4e00-\u9fff()“”\"]+?)(?:支出)?(?:为|是)?(?P<num>{pf.NUM})万元")
_NOT_A_PART = re.compile(r"比|较|增加|减少|增长|下降|占|包括|主要|其中")


def _enumeration_class(head: str) -> str | None:
    if re.search(r"公务用车购置及运行(?:维护)?费(?:支出)?(?:为|是)?[\d,.]+万元[,，]?$", head):
        return "vehicles"
    if "三公" in head:
        return "three_public"
    if "收入" in head and "支出" not in head:
        return "income"
    if "支出" in head and "收入" not in head:
        return "expenditure"
    return None


def _parts(text: str, kind: str) -> list[tuple[str, re.Match, int]] | None:
    """(label, match, offset) of each part after 其中; None when a labelled amount is not a known part."""
    out = []
    pos = 0
    for chunk in re.split(r"(?<=[，;；。])|(?<=,)(?!\d)", text):
        m = _LABELLED.match(chunk)
        if m is not None:
            label = m.group("label").replace("“", "").replace("”", "")
            full = label + "支出" if not _PART_LABELS[kind].match(label) and _PART_LABELS[kind].match(label + "支出") \
                else label
            if _PART_LABELS[kind].match(full):
                out.append((full, m, pos))
            elif not _NOT_A_PART.search(label):
                return None
        pos += len(chunk)
    return out


@rule("prose_parts", "正文“X万元，其中：A万元、B万元…”列全了各部分时，各部分之和等于总数（收入来源、支出构成、“三公”三项）")
def prose_parts(ctx: Context) -> list[CheckResult]:
    out = []
    for line in ctx.narrative:
        for m in re.finditer(r"其中[:：]", line.text):
            found = _enumeration(line, m)
            if found is not None:
                out.append(_parts_result(ctx, line, *found))
    return out


def _enumeration(line: ProseLine, m: re.Match):
    text = line.text
    s_start, _ = pf.sentence_bounds(text, m.start())
    head = text[s_start:m.start()]
    totals = list(re.finditer(rf"(?P<num>{pf.NUM})万元", head))
    kind = _enumeration_class(head)
    if kind == "three_public" or (kind is None and "三公" in text[:m.start()] and not head.strip()):
        kind = "three_public"
        first = re.search(rf"三公[^。;；]{{0,20}}?(?P<num>{pf.NUM})万元", text)
        totals, s_start = ([first], 0) if first else ([], s_start)
        body_end = len(text)
    else:
        stop = text.find("。", m.end())
        if stop < 0:
            return None  # the sentence goes on past this line (a page break): its parts are not all here
        body_end = stop + 1  # the parts run on over "；" to the end of the sentence
    if not totals or kind is None:
        return None
    parts = _parts(text[m.end():body_end], kind)
    if not parts or len(parts) < 2:
        return None
    labels = "".join(p[0] for p in parts)
    if not all(any(w in labels for w in group) for group in _REQUIRED[kind]):
        return None  # not every part is listed: the sum would not be the total
    return kind, totals[-1], s_start if kind != "three_public" else 0, parts, m.end()


def _parts_result(ctx: Context, line: ProseLine, kind: str, total: re.Match, base: int, parts, at: int) -> CheckResult:
    value = pf.dec(total.group("num"))
    amounts = [pf.dec(p[1].group("num")) for p in parts]
    expected = sum(amounts, Decimal(0))
    rounding = max(ctx.tolerance, Decimal("0.005") * len(amounts))
    diff = abs(value - expected)
    status = "pass" if diff <= rounding else "fail"  # (the totals rules already note a 0.01 rounding gap)
    terms = " + ".join(f"{p[0]} {p[1].group('num')}" for p in parts)
    msg = f"{money(value)} {'=' if diff == 0 else '≠'} {terms} = {money(expected)}"
    if diff:
        msg += f"，相差 {money(diff)}" + ("（在印刷精度的尾数误差之内）" if status == "pass" else "")
    start = (base if kind != "three_public" else 0) + total.start()
    last = parts[-1]
    end = at + last[2] + last[1].end()
    return result("prose_parts", status, msg, places=[line.cite(start, end)], expected=str(expected), actual=str(value))
