"""Rules over vehicles, reception and procurement awards: counts against money, parts against totals."""

from __future__ import annotations

import re
from decimal import Decimal

from core.schemas import CheckResult
from core.vocabulary import label_of
from extraction.prosefacts import NUM, dec
from extraction.rulebook import Context, ProseLine, money, result, rule, shown, wan

_VEHICLES = re.compile(r"(?:共有车辆|车辆数?合计|车辆)(?:共)?(?P<n>\d+)辆(?:[^。]{0,30}?|。)其中[:：]?(?P<list>[^。]*)")
_KIND = re.compile(r"(?P<name>[\u4e00-\u9fff()（）]{2,16}?(?:用车|车辆))(?:为)?(?P<n>\d+)辆")


@rule("vehicles_total", "车辆总数 = 各类车辆之和（部级/主要领导干部、机要通信、应急保障、执法执勤、特种专业技术、离退休干部、其他）")
def vehicles_total(ctx: Context) -> list[CheckResult]:
    out = []
    for line in ctx.narrative:
        for m in _VEHICLES.finditer(line.text):
            kinds = [(k.group("name"), int(k.group("n"))) for k in _KIND.finditer(m.group("list"))]
            if len(kinds) < 2 or "。" not in line.text[m.end():m.end() + 1]:
                continue  # (a list the page break cut is not all here)
            total, parts = int(m.group("n")), sum(n for _, n in kinds)
            ok = total == parts
            msg = (f"车辆 {total} 辆 {'=' if ok else '≠'} 各类之和 {parts} 辆（" + "、".join(f"{a}{n}辆" for a, n in kinds)
                   + "）")
            out.append(result("vehicles_total", "pass" if ok else "fail", msg, places=[line.cite(m.start(), m.end())]))
    out.extend(_table_vehicles(ctx))
    return out


def _table_vehicles(ctx: Context) -> list[CheckResult]:
    out = []
    for t in ctx.facts.tables:
        total = next((i for i in t.items if "车辆数合计" in i.label and i.amounts), None)
        if total is None:
            continue
        after = t.items[t.items.index(total) + 1:]
        parts = []
        for i in after:
            if not i.label.endswith("用车"):
                break
            parts.append(i)
        counted = [p for p in parts if p.amounts]
        if not parts:
            continue
        n = sum((p.amounts[0].value for p in counted), Decimal(0))
        ok = total.amounts[0].value == n
        assert ctx.facts.cite is not None
        msg = f"{t.title or '统计表'}：车辆数合计 {total.amounts[0].text} 辆 {'=' if ok else '≠'} 各类之和 {n} 辆"
        out.append(result("vehicles_total", "pass" if ok else "fail", msg,
                          places=[ctx.facts.cite(total.start, total.end), *(ctx.facts.cite(p.start, p.end) for p in counted)]))
    return out


_BOUGHT = re.compile(r"(?:购置(?:公务用)?车(?:辆)?|购置公务用车|安排购置车辆)(?:共)?(?P<n>\d+)辆")


@rule("vehicles_vs_money", "车辆与经费相符：购置车辆数 > 0 ⇔ 公务用车购置费 > 0；公务用车保有量为 0 时运行维护费应为 0（提示）")
def vehicles_vs_money(ctx: Context) -> list[CheckResult]:
    out = []
    purchase = ctx.pick("vehicle_purchase")
    for line in ctx.narrative:
        m = _BOUGHT.search(line.text)
        if m is None or purchase is None:
            continue
        n = int(m.group("n"))
        ok = (n > 0) == (wan(purchase) > 0)
        msg = f"购置车辆 {n} 辆，{label_of('vehicle_purchase')} {shown(purchase)}" + ("，相符" if ok else "，车辆数与购置费不相符")
        out.append(result("vehicles_vs_money", "pass" if ok else "warn", msg,
                          places=[line.cite(m.start(), m.end()), purchase]))
        break
    fleet, running = ctx.pick("vehicles_in_service"), ctx.pick("vehicle_operation")
    if fleet is not None and running is not None and fleet.amount() == 0:
        ok = wan(running) == 0
        msg = f"公务用车保有量 0 辆，{label_of('vehicle_operation')} {shown(running)}" + ("" if ok else "：无车却有运行维护费")
        out.append(result("vehicles_vs_money", "pass" if ok else "warn", msg, places=[fleet, running]))
    return out


@rule("reception_counts", "接待批次、人次为 0 ⇔ 公务接待费为 0（提示）")
def reception_counts(ctx: Context) -> list[CheckResult]:
    batches, persons, money_ = ctx.pick("reception_batches"), ctx.pick("reception_persons"), ctx.pick("official_reception")
    if batches is None or money_ is None:
        return []
    zero_count = batches.amount() == 0 or (persons is not None and persons.amount() == 0)
    zero_money = wan(money_) == 0
    ok = zero_count == zero_money and (persons is None or (batches.amount() == 0) == (persons.amount() == 0))
    msg = (f"国内公务接待 {batches.value} 批次" + (f"、{persons.value} 人次" if persons else "") + f"，公务接待费 {shown(money_)}"
           + ("，相符" if ok else "，次数与金额不相符"))
    return [result("reception_counts", "pass" if ok else "warn", msg,
                   places=[batches, persons, money_], figures=[f for f in (batches, persons, money_) if f])]


_SME = re.compile(rf"授予中小企业合同金额(?:为)?(?P<n>{NUM})万元")
_SMALL = re.compile(rf"授予小微企业合同金额(?:为)?(?P<n>{NUM})万元|面向小微企业预留政府采购项目预算金额(?:为)?(?P<r>{NUM})万元")
_RESERVED_WON = re.compile(rf"面向中小企业预留的政府采购项目中[^。;；]{{0,40}}?采购金额(?:为)?(?P<n>{NUM})万元")
_OTHER_WON = re.compile(rf"其他政府采购项目中[^。;；]{{0,40}}?中小企业[^。;；]{{0,20}}?采购金额(?:为)?(?P<n>{NUM})万元")


def _first(ctx: Context, pattern: re.Pattern) -> tuple[ProseLine, re.Match] | None:
    for line in ctx.narrative:
        m = pattern.search(line.text)
        if m:
            return line, m
    return None


@rule("sme_awards", "中小企业合同：小微企业 ≤ 中小企业；预留项目中标额 + 其他项目中小企业中标额 ≤ 政府采购总额")
def sme_awards(ctx: Context) -> list[CheckResult]:
    out = []
    sme, small = _first(ctx, _SME), _first(ctx, _SMALL)
    if sme and small:
        a = dec(sme[1].group("n"))
        b = dec(small[1].group("n") or small[1].group("r"))
        ok = b <= a + ctx.tolerance
        out.append(result("sme_awards", "pass" if ok else "fail",
                          f"小微企业 {money(b)} {'≤' if ok else '>'} 中小企业 {money(a)}",
                          places=[sme[0].cite(sme[1].start(), sme[1].end()), small[0].cite(small[1].start(), small[1].end())]))
    won, other, total = _first(ctx, _RESERVED_WON), _first(ctx, _OTHER_WON), ctx.pick("procurement_total")
    if won and other and total is not None:
        s = dec(won[1].group("n")) + dec(other[1].group("n"))
        ok = s <= wan(total) + ctx.tolerance
        out.append(result("sme_awards", "pass" if ok else "fail",
                          f"中小企业中标额 {money(s)}（预留项目 {won[1].group('n')} + 其他项目 {other[1].group('n')}）"
                          f"{'≤' if ok else '>'} {label_of('procurement_total')} {shown(total)}",
                          places=[won[0].cite(won[1].start(), won[1].end()), other[0].cite(other[1].start(), other[1].end()),
                                  total]))
    return out


_FLEET = re.compile(r"公务用车保有量(?:为|共)?(?P<n>\d+)辆")
_ASSET_CARS = re.compile(r"固定资产车辆(?:为|共)?(?P<n>\d+)辆")
_SAME = re.compile(r"差异原因[^。]{0,40}?(?:一致|无差异|没有差异|相同)")


@rule("fleet_vs_assets", "公务用车保有量与国有资产中的车辆数：正文说明两者一致时数字相等")
def fleet_vs_assets(ctx: Context) -> list[CheckResult]:
    out = []
    for line in ctx.narrative:
        fleet, cars, same = _FLEET.search(line.text), _ASSET_CARS.search(line.text), _SAME.search(line.text)
        if not (fleet and cars and same):
            continue
        a, b = int(fleet.group("n")), int(cars.group("n"))
        ok = a == b
        msg = f"公务用车保有量 {a} 辆，固定资产车辆 {b} 辆，正文称“{same.group(0)}”" + ("，相符" if ok else "，数字却不同")
        out.append(result("fleet_vs_assets", "pass" if ok else "fail", msg,
                          places=[line.cite(min(fleet.start(), cars.start()), max(fleet.end(), cars.end(), same.end()))]))
    return out


_RECEPTION_ALL = re.compile(r"(?P<b>\d+)\s*批次[,，、]?\s*(?:共)?(?P<p>\d+)\s*人次")
_QUALIFIER = re.compile(r"国内|国\(境\)外|外事|外宾")


def _counts(text: str) -> list[tuple[str, re.Match]]:
    """(what, match) of each "N批次、M人次": what is 国内 / 国(境)外 / 外事 / 外宾 named since the previous one, or ""."""
    out, since = [], 0
    for m in _RECEPTION_ALL.finditer(text):
        named = _QUALIFIER.findall(text[max(since, m.start() - 24):m.start()])
        out.append((named[-1] if named else "", m))
        since = m.end()
    return out


@rule("reception_parts", "公务接待批次、人次：总数 = 国内 + 国(境)外；人次不少于批次")
def reception_parts(ctx: Context) -> list[CheckResult]:
    out = []
    for line in ctx.narrative:
        found = _counts(line.text)
        for _, m in found:
            b, p = int(m.group("b")), int(m.group("p"))
            if p < b:
                out.append(result("reception_parts", "fail", f"接待 {b} 批次却只有 {p} 人次：人次不能少于批次",
                                  places=[line.cite(m.start(), m.end())]))
        out.extend(_reception_sum(line, found))
    return out


def _reception_sum(line: ProseLine, found: list[tuple[str, re.Match]]) -> list[CheckResult]:
    total = next((m for what, m in found if not what), None)
    home = next((m for what, m in found if what == "国内"), None)
    abroad = next((m for what, m in found if what == "国(境)外"), None)
    if total is None or home is None or abroad is None:
        return []
    tb, tp = int(total.group("b")), int(total.group("p"))
    sb = int(home.group("b")) + int(abroad.group("b"))
    sp = int(home.group("p")) + int(abroad.group("p"))
    ok = (tb, tp) == (sb, sp)
    msg = (f"接待 {tb} 批次、{tp} 人次 {'=' if ok else '≠'} 国内 {home.group('b')} 批次、{home.group('p')} 人次 + "
           f"国(境)外 {abroad.group('b')} 批次、{abroad.group('p')} 人次")
    return [result("reception_parts", "pass" if ok else "fail", msg, places=[line.cite(total.start(), abroad.end())])]
