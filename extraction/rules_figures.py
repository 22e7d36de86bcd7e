"""Rules over the extracted figures: totals, "三公" and procurement parts, limits, and one figure printed twice.

Identities prefer table figures (the tables are where the arithmetic lives); the agreement
rule compares every statement of a key with every other, after 元→万元 conversion.
"""

from __future__ import annotations

from decimal import Decimal

from core.schemas import CheckResult, Figure
from core.vocabulary import label_of
from extraction.rulebook import (
    Context,
    diff_status,
    missing,
    money,
    result,
    rule,
    shown,
    wan,
    where,
)


def compare_parts(name: str, total: Figure, parts: list[Figure], tol: Decimal) -> CheckResult:
    """total = Σ parts, within the rounding the printed terms allow."""
    expected = sum((wan(p) for p in parts), Decimal(0))
    actual = wan(total)
    rounding = max(tol, tol * len(parts) / 2)
    status = diff_status(actual - expected, rounding)
    terms = " + ".join(f"{label_of(p.key)} {shown(p)}" for p in parts)
    sign = "=" if status == "pass" else "≠"
    msg = f"{label_of(total.key)} {shown(total)} {sign} {terms} = {money(expected)}"
    if status != "pass":
        msg += f"，相差 {money(abs(actual - expected))}" + ("（尾数四舍五入）" if status == "warn" else "")
    return result(name, status, msg, places=[total, *parts], figures=[total, *parts], expected=str(expected),
                  actual=str(actual), tolerance=str(rounding))


def identity(ctx: Context, name: str, total_key: str, part_keys: list[str],
             optional: tuple[str, ...] = ()) -> list[CheckResult]:
    total = ctx.pick(total_key)
    parts = [ctx.pick(k) for k in part_keys]
    absent = [k for k, p in zip([total_key, *part_keys], [total, *parts], strict=True) if p is None]
    if absent:
        return [missing(name, absent)]
    extra = [f for f in (ctx.pick(k) for k in optional) if f is not None]
    return [compare_parts(name, total, [*parts, *extra], ctx.tolerance)]  # type: ignore[list-item]


# -- totals ----------------------------------------------------------------------------------------

@rule("income_total", "收入总计 = 本年收入合计 + 年初结转和结余")
def income_total(ctx: Context) -> list[CheckResult]:
    return identity(ctx, "income_total", "income_grand_total", ["income_current_year"], optional=("beginning_carryover",))


@rule("expenditure_total", "支出总计 = 本年支出合计 + 年末结转和结余")
def expenditure_total(ctx: Context) -> list[CheckResult]:
    return identity(ctx, "expenditure_total", "expenditure_grand_total", ["expenditure_current_year"],
                    optional=("ending_carryover",))


@rule("income_equals_expenditure", "收入总计 = 支出总计")
def income_equals_expenditure(ctx: Context) -> list[CheckResult]:
    return identity(ctx, "income_equals_expenditure", "income_grand_total", ["expenditure_grand_total"])


@rule("current_expenditure_parts", "本年支出合计 = 基本支出 + 项目支出")
def current_expenditure_parts(ctx: Context) -> list[CheckResult]:
    return identity(ctx, "current_expenditure_parts", "expenditure_current_year",
                    ["basic_expenditure", "project_expenditure"])


@rule("grant_balance", "财政拨款收入总计 = 财政拨款支出总计")
def grant_balance(ctx: Context) -> list[CheckResult]:
    return identity(ctx, "grant_balance", "fiscal_grant_income_total", ["fiscal_grant_expenditure_total"])


@rule("gpb_classes", "一般公共预算财政拨款支出 = Σ 功能分类(类)")
def gpb_classes(ctx: Context) -> list[CheckResult]:
    total = ctx.pick("gpb_expenditure")
    classes: dict[str, Figure] = {}
    for f in ctx.figures:
        if f.key.startswith("gpb_class:"):
            current = classes.get(f.key)
            if current is None or (f.source_kind == "table" and current.source_kind != "table"):
                classes[f.key] = f
    if total is None or not classes:
        return [missing("gpb_classes", ["gpb_expenditure"] if total is None else ["gpb_class:*"])]
    return [compare_parts("gpb_classes", total, list(classes.values()), ctx.tolerance)]


@rule("basic_parts", "一般公共预算财政拨款基本支出 = 人员经费 + 公用经费")
def basic_parts(ctx: Context) -> list[CheckResult]:
    return identity(ctx, "basic_parts", "gpb_basic_expenditure", ["personnel_expenses", "public_expenses"])


@rule("three_public_parts", "“三公”经费 = 因公出国(境)费 + 公务用车购置费 + 公务用车运行维护费 + 公务接待费")
def three_public_parts(ctx: Context) -> list[CheckResult]:
    total = "three_public_budget" if ctx.budget else "three_public_actual"
    return identity(ctx, "three_public_parts", total,
                    ["overseas_travel", "vehicle_purchase", "vehicle_operation", "official_reception"])


@rule("procurement_parts", "政府采购支出总额 = 货物 + 工程 + 服务")
def procurement_parts(ctx: Context) -> list[CheckResult]:
    return identity(ctx, "procurement_parts", "procurement_total",
                    ["procurement_goods", "procurement_works", "procurement_services"])


# -- limits ----------------------------------------------------------------------------------------

def at_most(ctx: Context, name: str, small_key: str, big_key: str, note: str) -> list[CheckResult]:
    """small ≤ big (equality allowed); beyond the rounding tolerance it is an error."""
    small, big = ctx.pick(small_key), ctx.pick(big_key)
    if small is None or big is None:
        return [missing(name, [k for k, f in ((small_key, small), (big_key, big)) if f is None])]
    excess = wan(small) - wan(big)
    converted = Decimal("0.005") if {small.unit, big.unit} == {"元", "万元"} else Decimal(0)  # 元 → 万元 rounding
    status = "pass" if excess <= converted else ("warn" if excess <= ctx.tolerance else "fail")
    sign = "≤" if status == "pass" else ">"
    msg = f"{label_of(small_key)} {shown(small)} {sign} {label_of(big_key)} {shown(big)}"
    if status != "pass":
        msg += f"，超出 {money(excess)}；{note}"
    return [result(name, status, msg, places=[small, big], figures=[small, big], expected=f"≤ {big.value}",
                   actual=small.value, tolerance=str(ctx.tolerance))]


@rule("agency_vs_public", "机关运行经费 ≤ 公用经费（可以相等）")
def agency_vs_public(ctx: Context) -> list[CheckResult]:
    return at_most(ctx, "agency_vs_public", "agency_operating_expenses", "public_expenses",
                   "机关运行经费是行政单位和参公事业单位的日常公用经费，不应超过公用经费")


@rule("sme_within_procurement", "授予中小企业合同金额 ≤ 政府采购支出总额")
def sme_within_procurement(ctx: Context) -> list[CheckResult]:
    return at_most(ctx, "sme_within_procurement", "procurement_sme", "procurement_total",
                   "授予中小企业的合同金额是政府采购的一部分")


# -- one figure printed in several places ----------------------------------------------------------

@rule("same_figure_agrees", "同一数字在表格与正文、各页之间一致")
def same_figure_agrees(ctx: Context) -> list[CheckResult]:
    out: list[CheckResult] = []
    for key, figs in ctx.by_key().items():
        if len(figs) < 2:
            continue
        out.append(_agreement(ctx, key, figs))
    return out


def _agreement(ctx: Context, key: str, figs: list[Figure]) -> CheckResult:
    name = "same_figure_agrees"
    values = {wan(f) for f in figs}
    lo, hi = min(values), max(values)
    label = label_of(key)
    places = "，".join(f"{where(f)}为 {shown(f)}" for f in figs)
    if lo == hi:
        return result(name, "pass", f"{label}：{places}，一致", places=figs, figures=figs)
    units = {f.unit for f in figs}
    if units >= {"元", "万元"} and hi - lo <= Decimal("0.005"):
        return result(name, "pass", f"{label}：{places}，换算为万元后一致", places=figs, figures=figs,
                      tolerance="0.005 万元")
    status = "warn" if hi - lo <= ctx.tolerance else "fail"
    note = "（尾数四舍五入）" if status == "warn" else ""
    gap = money(hi - lo) if units & {"万元", "元", "亿元", "千元"} else f"{hi - lo} {figs[0].unit}"
    return result(name, status, f"{label}：{places}，相差 {gap}{note}", places=figs, figures=figs,
                  expected=str(lo), actual=str(hi), tolerance=str(ctx.tolerance))
