"""Deterministic cross-checks: a registry of small named rules over the extracted figures.

Each rule returns ``CheckResult``s with status pass / fail / warn / skip, the arithmetic, the
tolerance and the citations of every figure it used. Tolerances follow the printed precision
(see shared/checks-catalogue.md): amounts in 万元 with two decimals agree within 0.01 万元 by
default; a difference inside the tolerance is reported as ``warn`` (rounding), beyond it ``fail``.
A rule whose figures are not all stated is ``skip`` and says which one is missing. Rules never
raise for data problems. Identities prefer table figures (the tables are where the arithmetic
lives); the agreement rule compares every statement of a key with every other.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from core.schemas import CheckResult, Citation, DocMeta, DocType, Figure
from index.layout import Layout, cite

DEFAULT_TOLERANCE = Decimal("0.01")  # 万元


class ProseLine(NamedTuple):
    """A line of running text, with a builder of citations for spans inside it."""

    start: int  # normalised offset of the line
    text: str
    cite: Callable[[int, int], Citation]  # (start, end) within the line -> citation
    section: str = ""


@dataclass
class Context:
    figures: list[Figure]
    doc_type: DocType
    tolerance: Decimal
    narrative: list[ProseLine]

    def by_key(self) -> dict[str, list[Figure]]:
        out: dict[str, list[Figure]] = defaultdict(list)
        for f in self.figures:
            out[f.key].append(f)
        return out

    def pick(self, key: str) -> Figure | None:
        """One figure for an identity: a table figure first, else the first stated."""
        figs = self.by_key().get(key, [])
        return next((f for f in figs if f.source_kind == "table"), figs[0] if figs else None)


Rule = Callable[[Context], list[CheckResult]]
RULES: dict[str, tuple[str, Rule]] = {}


def rule(name: str, description: str):
    def register(fn: Rule) -> Rule:
        RULES[name] = (description, fn)
        return fn
    return register


def wan(f: Figure) -> Decimal:
    v = f.in_wanyuan()
    return v if v is not None else f.amount()


def _cites(figs: list[Figure]):
    seen, out = set(), []
    for f in figs:
        key = (f.citation.doc_id, f.citation.char_start, f.citation.page)
        if key not in seen:
            seen.add(key)
            out.append(f.citation)
    return out


def _compare(name: str, desc: str, total: Figure, parts: list[Figure], tol: Decimal, what: str) -> CheckResult:
    expected = sum((wan(p) for p in parts), Decimal(0))
    actual = wan(total)
    diff = abs(actual - expected)
    n_tol = max(tol, tol * len(parts) / 2)
    status = "pass" if diff == 0 else ("warn" if diff <= n_tol else "fail")
    terms = " + ".join(f"{p.key}={p.value}" for p in parts)
    msg = f"{what}: {total.key}={total.value} vs {terms} = {expected}"
    if status != "pass":
        msg += f" (difference {diff} 万元{', rounding' if status == 'warn' else ''})"
    return CheckResult(rule=name, description=desc, status=status, message=msg, expected=str(expected),
                       actual=str(actual), tolerance=str(n_tol), figures=[total, *parts], citations=_cites([total, *parts]))


def _identity(ctx: Context, name: str, total_key: str, part_keys: list[str], what: str,
              optional: tuple[str, ...] = ()) -> list[CheckResult]:
    desc = RULES[name][0]
    total = ctx.pick(total_key)
    parts = [ctx.pick(k) for k in part_keys]
    missing = [k for k, p in zip([total_key, *part_keys], [total, *parts], strict=True) if p is None]
    if missing:
        return [CheckResult(rule=name, description=desc, status="skip", message=f"not stated: {', '.join(missing)}")]
    extra = [f for f in (ctx.pick(k) for k in optional) if f is not None]
    return [_compare(name, desc, total, [*parts, *extra], ctx.tolerance, what)]


# -- totals ----------------------------------------------------------------------------------

@rule("income_total", "收入总计 = 本年收入合计 + 年初结转和结余")
def income_total(ctx: Context) -> list[CheckResult]:
    return _identity(ctx, "income_total", "income_grand_total", ["income_current_year"], "income total",
                     optional=("beginning_carryover",))


@rule("expenditure_total", "支出总计 = 本年支出合计 + 年末结转和结余")
def expenditure_total(ctx: Context) -> list[CheckResult]:
    return _identity(ctx, "expenditure_total", "expenditure_grand_total", ["expenditure_current_year"],
                     "expenditure total", optional=("ending_carryover",))


@rule("income_equals_expenditure", "收入总计 = 支出总计")
def income_equals_expenditure(ctx: Context) -> list[CheckResult]:
    return _identity(ctx, "income_equals_expenditure", "income_grand_total", ["expenditure_grand_total"], "balance")


@rule("current_expenditure_parts", "本年支出合计 = 基本支出 + 项目支出")
def current_expenditure_parts(ctx: Context) -> list[CheckResult]:
    return _identity(ctx, "current_expenditure_parts", "expenditure_current_year",
                     ["basic_expenditure", "project_expenditure"], "expenditure parts")


@rule("grant_balance", "财政拨款收入总计 = 财政拨款支出总计")
def grant_balance(ctx: Context) -> list[CheckResult]:
    return _identity(ctx, "grant_balance", "fiscal_grant_income_total", ["fiscal_grant_expenditure_total"],
                     "grant balance")


@rule("gpb_classes", "一般公共预算财政拨款支出 = Σ 功能分类(类)")
def gpb_classes(ctx: Context) -> list[CheckResult]:
    desc = RULES["gpb_classes"][0]
    total = ctx.pick("gpb_expenditure")
    classes: dict[str, Figure] = {}
    for f in ctx.figures:
        if f.key.startswith("gpb_class:"):
            current = classes.get(f.key)
            if current is None or (f.source_kind == "table" and current.source_kind != "table"):
                classes[f.key] = f
    if total is None or not classes:
        return [CheckResult(rule="gpb_classes", description=desc, status="skip",
                            message="not stated: " + ("gpb_expenditure" if total is None else "gpb_class:*"))]
    return [_compare("gpb_classes", desc, total, list(classes.values()), ctx.tolerance, "classes")]


@rule("basic_parts", "一般公共预算财政拨款基本支出 = 人员经费 + 公用经费")
def basic_parts(ctx: Context) -> list[CheckResult]:
    return _identity(ctx, "basic_parts", "gpb_basic_expenditure", ["personnel_expenses", "public_expenses"],
                     "basic expenditure parts")


@rule("three_public_parts", "“三公”经费 = 因公出国(境)费 + 公务用车购置费 + 公务用车运行维护费 + 公务接待费")
def three_public_parts(ctx: Context) -> list[CheckResult]:
    total = "three_public_budget" if ctx.doc_type == DocType.budget else "three_public_actual"
    return _identity(ctx, "three_public_parts", total,
                     ["overseas_travel", "vehicle_purchase", "vehicle_operation", "official_reception"], "三公")


@rule("procurement_parts", "政府采购支出总额 = 货物 + 工程 + 服务")
def procurement_parts(ctx: Context) -> list[CheckResult]:
    return _identity(ctx, "procurement_parts", "procurement_total",
                     ["procurement_goods", "procurement_works", "procurement_services"], "procurement")


def _at_most(ctx: Context, name: str, small_key: str, big_key: str, note: str) -> list[CheckResult]:
    desc = RULES[name][0]
    small, big = ctx.pick(small_key), ctx.pick(big_key)
    if small is None or big is None:
        missing = [k for k, f in ((small_key, small), (big_key, big)) if f is None]
        return [CheckResult(rule=name, description=desc, status="skip", message=f"not stated: {', '.join(missing)}")]
    ok = wan(small) <= wan(big) + ctx.tolerance
    msg = f"{small_key}={small.value} {'≤' if ok else '>'} {big_key}={big.value}" + ("" if ok else f"; {note}")
    return [CheckResult(rule=name, description=desc, status="pass" if ok else "warn", message=msg,
                        expected=f"≤ {big.value}", actual=small.value, tolerance=str(ctx.tolerance),
                        figures=[small, big], citations=_cites([small, big]))]


@rule("agency_vs_public", "机关运行经费 ≤ 公用经费")
def agency_vs_public(ctx: Context) -> list[CheckResult]:
    return _at_most(ctx, "agency_vs_public", "agency_operating_expenses", "public_expenses",
                    "机关运行经费 is the 公用经费 of 行政/参公 units only, so it should not exceed it")


@rule("sme_within_procurement", "授予中小企业合同金额 ≤ 政府采购支出总额")
def sme_within_procurement(ctx: Context) -> list[CheckResult]:
    return _at_most(ctx, "sme_within_procurement", "procurement_sme", "procurement_total", "SME awards exceed the total")


# -- agreement between statements ------------------------------------------------------------

@rule("same_figure_agrees", "the same figure printed in two places agrees (table vs prose, page vs page)")
def same_figure_agrees(ctx: Context) -> list[CheckResult]:
    out: list[CheckResult] = []
    desc = RULES["same_figure_agrees"][0]
    for key, figs in ctx.by_key().items():
        values = {wan(f) for f in figs}
        if len(figs) < 2:
            continue
        if len(values) == 1:
            out.append(CheckResult(rule="same_figure_agrees", description=desc, status="pass",
                                   message=f"{key}={figs[0].value} {figs[0].unit} stated {len(figs)} times, all equal",
                                   figures=figs, citations=_cites(figs)))
            continue
        lo, hi = min(values), max(values)
        if {f.unit for f in figs} >= {"元", "万元"} and hi - lo <= Decimal("0.005"):
            # a 元 table against 万元 prose: equal when the rounding to 2 decimals in 万元 explains it
            out.append(CheckResult(rule="same_figure_agrees", description=desc, status="pass",
                                   message=f"{key}: {', '.join(f'{f.value} {f.unit}' for f in figs)} agree after 元→万元",
                                   tolerance="0.005 万元", figures=figs, citations=_cites(figs)))
            continue
        status = "warn" if hi - lo <= ctx.tolerance else "fail"
        places = "; ".join(f"{f.value} {f.unit} ({_where(f)})" for f in figs)
        out.append(CheckResult(rule="same_figure_agrees", description=desc, status=status,
                               message=f"{key} is printed differently: {places}", expected=str(lo), actual=str(hi),
                               tolerance=str(ctx.tolerance), figures=figs, citations=_cites(figs)))
    return out


def _where(f: Figure) -> str:
    c = f.citation
    if c.page and c.line_start is None:
        return f"p.{c.page} {f.source_kind}"
    return f"line {c.line_start} {f.source_kind}"


# -- projects --------------------------------------------------------------------------------

@rule("project_execution_rate", "项目 执行率 = 全年执行数 / 全年预算数 × 100")
def project_execution_rate(ctx: Context) -> list[CheckResult]:
    out = []
    desc = RULES["project_execution_rate"][0]
    by_key = ctx.by_key()
    projects = {k.split(":")[1] for k in by_key if k.startswith("project:")}
    for name in sorted(projects):
        b, a, r = (by_key.get(f"project:{name}:{f}", [None])[0] for f in ("budget", "actual", "execution_rate"))
        if b is None or a is None or r is None or b.amount() == 0:
            continue
        computed = a.amount() / b.amount() * 100
        low, high = _interval_ratio(a, b)
        half = _half_unit(r)
        ok = low - half - Decimal("0.01") <= r.amount() <= high + half + Decimal("0.01")
        out.append(CheckResult(
            rule="project_execution_rate", description=desc, status="pass" if ok else "fail",
            message=f"{name}: {a.value}/{b.value}×100 = {computed:.2f}%, printed {r.value}%",
            expected=f"{computed:.2f}", actual=r.value, tolerance=f"±{half + Decimal('0.01')} pp",
            figures=[b, a, r], citations=_cites([b, a, r])))
    return out


def half_unit(printed: str) -> Decimal:
    """Half of the last printed digit: 31.19 → 0.005, 18 → 0.5 (the rounding a printed number allows)."""
    decimals = len(printed.split(".")[1]) if "." in printed else 0
    return Decimal(5) / (Decimal(10) ** (decimals + 1))


def _half_unit(f: Figure) -> Decimal:
    return half_unit(f.value)


def _interval_ratio(a: Figure, b: Figure) -> tuple[Decimal, Decimal]:
    ha, hb = _half_unit(a), _half_unit(b)
    lo = (a.amount() - ha) / (b.amount() + hb) * 100
    hi = (a.amount() + ha) / max(b.amount() - hb, Decimal("0.0001")) * 100
    return lo, hi


# -- prose arithmetic ------------------------------------------------------------------------

_CHANGE = re.compile(
    r"(?P<now>\d[\d,]*(?:\.\d+)?)万元(?:(?!万元)[^。;]){0,40}?比(?:上年|上一年|\d{4}年)(?:度)?(?:决算|预算)?(?:数)?"
    r"(?P<dir>增加|减少|增长|下降)(?P<delta>\d[\d,]*(?:\.\d+)?)万元[,，]?\s*(?P<pdir>增长|下降|增加|减少)(?P<pct>\d+(?:\.\d+)?)%"
)
_REASON = re.compile(r"主要原因|原因是|原因:|原因：|主要是|主要用于|由于")


@rule("stated_change", "增加X万元，增长Y%: Y recomputed from this year's figure and the change")
def stated_change(ctx: Context) -> list[CheckResult]:
    out = []
    desc = RULES["stated_change"][0]
    for _start, text, cite_at, _section in ctx.narrative:
        for m in _CHANGE.finditer(text):
            now = Decimal(m.group("now").replace(",", ""))
            delta = Decimal(m.group("delta").replace(",", ""))
            up = m.group("dir") in ("增加", "增长")
            last = now - delta if up else now + delta
            citation = cite_at(m.start(), m.end())
            if last <= 0:
                out.append(CheckResult(rule="stated_change", description=desc, status="skip",
                                       message=f"base is {last}: percentage undefined", citations=[citation]))
                continue
            pct = Decimal(m.group("pct"))
            computed = delta / last * 100
            spread = computed * (2 * half_unit(m.group("now"))) / max(delta, Decimal("0.01")) + Decimal("0.005")
            half = half_unit(m.group("pct"))
            ok = abs(computed - pct) <= spread + half + Decimal("0.01")
            direction_ok = (m.group("pdir") in ("增长", "增加")) == up or delta == 0
            status = "pass" if ok and direction_ok else "fail"
            msg = (f"{m.group('now')}万元, {m.group('dir')}{m.group('delta')}万元 ⇒ last year {last}, "
                   f"change {computed:.2f}%, printed {m.group('pdir')}{m.group('pct')}%")
            if not direction_ok:
                msg += " (direction words disagree)"
            out.append(CheckResult(rule="stated_change", description=desc, status=status, message=msg,
                                   expected=f"{computed:.2f}", actual=m.group("pct"),
                                   tolerance=f"±{(spread + half + Decimal('0.01')):.3f} pp", citations=[citation]))
    return out


_SHARE = re.compile(
    r"(?P<amount>\d[\d,]*(?:\.\d+)?)\s*万元[,，]?\s*(?:占比|占)(?P<of>[^0-9%]{0,16}?的)?\s*(?P<pct>\d+(?:\.\d+)?)%"
)
_DENOMINATOR_WORDS = [
    ("本年支出合计", "expenditure_current_year"), ("本年收入合计", "income_current_year"),
    ("支出总计", "expenditure_grand_total"), ("收入总计", "income_grand_total"),
    ("政府采购支出总额", "procurement_total"), ("一般公共预算财政拨款支出", "gpb_expenditure"),
    ("三公", "three_public_actual"),
]


def _share_denominator(ctx: Context, text: str, m: re.Match, section: str) -> Figure | None:
    """The whole a stated share is of: named ("占本年支出合计的…") or given by the section."""
    named = m.group("of") or ""
    for word, key in _DENOMINATOR_WORDS:
        if word in named:
            return ctx.pick(key)
    before = text[: m.start()]
    if "(类)" in text[max(0, m.start() - 40): m.start()] or "结构" in section:
        return ctx.pick("gpb_expenditure")
    if "三公" in section or re.search(r"因公出国|公务用车|公务接待", before[-30:]):
        return ctx.pick("three_public_budget" if ctx.doc_type == DocType.budget else "three_public_actual")
    if "收入" in section and "支出" not in section:
        return ctx.pick("income_current_year")
    if "支出" in section and "收入" not in section:
        return ctx.pick("expenditure_current_year")
    return None


@rule("stated_share", "X万元，占Y%: Y recomputed from X and the whole it is a share of")
def stated_share(ctx: Context) -> list[CheckResult]:
    out = []
    desc = RULES["stated_share"][0]
    for _start, text, cite_at, section in ctx.narrative:
        for m in _SHARE.finditer(text):
            whole = _share_denominator(ctx, text, m, section)
            citation = cite_at(m.start(), m.end())
            if whole is None or wan(whole) == 0:
                out.append(CheckResult(rule="stated_share", description=desc, status="skip",
                                       message=f"the whole of {m.group(0)} is not identified", citations=[citation]))
                continue
            amount = Decimal(m.group("amount").replace(",", ""))
            computed = amount / wan(whole) * 100
            pct = Decimal(m.group("pct"))
            slack = half_unit(m.group("amount")) / max(amount, Decimal("0.01")) * computed + half_unit(m.group("pct")) \
                + Decimal("0.01")
            status = "pass" if abs(computed - pct) <= slack else "fail"
            out.append(CheckResult(
                rule="stated_share", description=desc, status=status,
                message=f"{m.group('amount')}万元 / {whole.key}={whole.value} = {computed:.2f}%, printed {pct}%",
                expected=f"{computed:.2f}", actual=str(pct), tolerance=f"±{slack:.3f} pp", figures=[whole],
                citations=[citation, whole.citation]))
    return out


@rule("change_has_reason", "a change stated in the prose gives its reason (主要原因是…)")
def change_has_reason(ctx: Context) -> list[CheckResult]:
    out = []
    desc = RULES["change_has_reason"][0]
    for _start, text, cite_at, _section in ctx.narrative:
        for m in re.finditer(r"(?:比上年|与上年相比|较上年)[^。]{0,30}?(增加|减少|增长|下降)\s*(\d[\d,]*(?:\.\d+)?)\s*万元", text):
            if Decimal(m.group(2).replace(",", "")) == 0:
                continue
            sentence_end = text.find("。", m.end())
            tail = text[m.start(): sentence_end + 1 if sentence_end >= 0 else len(text)]
            nxt = text[sentence_end + 1: sentence_end + 80] if sentence_end >= 0 else ""
            has = bool(_REASON.search(tail) or _REASON.match(nxt.strip()))
            out.append(CheckResult(rule="change_has_reason", description=desc, status="pass" if has else "warn",
                                   message=("reason given" if has else "no reason stated for ") + f" {m.group(0)}",
                                   citations=[cite_at(m.start(), m.end())]))
    return out


def prose_lines(layout: Layout, meta: DocMeta) -> list[ProseLine]:
    """The running text of a document as prose lines, each able to cite a span inside it."""
    def citer(start: int):
        return lambda s, e: cite(layout.doc, meta, start + s, start + e)

    return [ProseLine(line.start, line.text, citer(line.start), line.section) for line in layout.narrative]


def run_checks(figures: list[Figure], doc_type: DocType, narrative: list[ProseLine] | None = None,
               tolerance: Decimal = DEFAULT_TOLERANCE, rules: dict[str, tuple[str, Rule]] | None = None
               ) -> list[CheckResult]:
    ctx = Context(figures=figures, doc_type=doc_type, tolerance=tolerance, narrative=narrative or [])
    out: list[CheckResult] = []
    for name, (desc, fn) in (rules or RULES).items():
        try:
            out.extend(fn(ctx))
        except (ArithmeticError, ValueError) as e:  # a data problem in one rule must not stop the others
            out.append(CheckResult(rule=name, description=desc, status="skip", message=f"could not evaluate: {e}"))
    return out
