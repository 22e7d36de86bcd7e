"""Answering plain Chinese questions from the stored figures and reason passages, always cited.

The deterministic answerer: question → (units, years, metric keys, intent) → stored figures /
reasons → a short Chinese answer with the exact figure and its citations; comparisons are
computed with Decimal and cite both sides. When the archive does not hold the answer (unknown
unit, a year it lacks, a figure not disclosed) it says so and shows the nearest passages.
"""

from __future__ import annotations

import re
from decimal import Decimal

from extraction.reasons import Reason
from extraction.schemas import Answer, DocRecord, DocType, Figure
from index.query import match_units
from index.store import Store

# everyday words → vocabulary keys, most specific first
METRICS: list[tuple[str, str]] = [
    (r"三公.*?(?:预算|安排)|(?:预算|安排).*?三公", "three_public_budget"),
    (r"三公", "three_public_actual"),
    (r"公车.*?(?:运行|运维|维护|加油)|用车运行|养车|公务用车运行", "vehicle_operation"),
    (r"买车|购车|车辆购置|公务用车购置", "vehicle_purchase"),
    (r"保有量|公车.*?几辆|几辆公车", "vehicles_in_service"),
    (r"几辆车|多少辆车|车辆总数|有几辆|多少辆", "vehicles_total"),
    (r"公车", "vehicle_operation"),
    (r"招待|接待费|吃喝|请客|公务接待", "official_reception"),
    (r"几批|批次", "reception_batches"),
    (r"多少人次|多少人(?!头)|人次", "reception_persons"),
    (r"出国|出境", "overseas_travel"),
    (r"机关运行", "agency_operating_expenses"),
    (r"人头费|人员经费|工资福利", "personnel_expenses"),
    (r"办公经费|公用经费", "public_expenses"),
    (r"中小企业", "procurement_sme"),
    (r"(?:买|采购)?服务(?:采购|花)", "procurement_services"),
    (r"货物采购|买东西|采购货物", "procurement_goods"),
    (r"工程采购|采购工程", "procurement_works"),
    (r"采购", "procurement_total"),
    (r"年初预算", "gpb_initial_budget"),
    (r"一般公共预算", "gpb_expenditure"),
    (r"基本支出", "basic_expenditure"),
    (r"项目支出", "project_expenditure"),
    (r"结转|结余|剩(?:下|了)?多少", "ending_carryover"),
    (r"收支总计|收入支出总计", "expenditure_grand_total"),
    (r"支出总计|总支出", "expenditure_grand_total"),
    (r"收入总计|总收入|收入总共|预算收入", "income_grand_total"),
]
# words for "all the money", used only when the question names no other figure
GENERIC = [(r"一共花|全年花|总共花|全年.*?花了多少", "expenditure_grand_total")]
LABELS = {
    "three_public_actual": "财政拨款“三公”经费支出", "three_public_budget": "“三公”经费预算",
    "vehicle_operation": "公务用车运行维护费", "vehicle_purchase": "公务用车购置费", "official_reception": "公务接待费",
    "overseas_travel": "因公出国（境）费", "reception_batches": "国内公务接待批次", "reception_persons": "国内公务接待人次",
    "vehicles_in_service": "公务用车保有量", "vehicles_total": "车辆总数", "agency_operating_expenses": "机关运行经费",
    "personnel_expenses": "人员经费", "public_expenses": "公用经费", "procurement_total": "政府采购支出总额",
    "procurement_goods": "政府采购货物支出", "procurement_works": "政府采购工程支出",
    "procurement_services": "政府采购服务支出", "procurement_sme": "授予中小企业合同金额",
    "gpb_expenditure": "一般公共预算财政拨款支出", "gpb_initial_budget": "一般公共预算财政拨款支出年初预算",
    "basic_expenditure": "基本支出", "project_expenditure": "项目支出", "ending_carryover": "年末结转和结余",
    "expenditure_grand_total": "支出总计", "income_grand_total": "收入总计",
}
THREE_PUBLIC_ITEMS = ["overseas_travel", "vehicle_purchase", "vehicle_operation", "official_reception"]
_WHY = re.compile(r"为什么|为啥|原因|咋|怎么会|何故")
_LIST = re.compile(r"哪几项|哪些|哪几块|各(?:花了|是|给了)?多少|分别|每项|各项")
_COMPARE = re.compile(r"比|差多少|差了|对比|相比|谁花得多|哪个高|多多少|少多少|超支")
_YEAR = re.compile(r"(?<!\d)(20\d\d)\s*年|(?<![\d.])(\d\d)\s*年(?!\d)")
_UNITISH = re.compile(r"[\u4e00-\u9fff]{2,}(?:局|委|厅|办|中心|政府|委员会)")


def metric_keys(question: str) -> list[str]:
    keys: list[str] = []
    text = question
    for pattern, key in METRICS + (GENERIC if not any(re.search(p, question) for p, _ in METRICS) else []):
        m = re.search(pattern, text)
        if m and key not in keys:
            keys.append(key)
            text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    return keys


_RANGE = re.compile(r"(20\d\d)\s*(?:年)?\s*(?:-|—|–|~|～|至|到)\s*(20\d\d)\s*年?")


def years_in(question: str, bases: bool = True) -> list[int]:
    """Years named in the question; ``bases=False`` leaves out comparison bases ("比2023年少了").

    A range ("2021-2024年", "2021至2024年") gives every year in it.
    """
    m = _RANGE.search(question)
    if m and int(m.group(1)) < int(m.group(2)) <= int(m.group(1)) + 20:
        return list(range(int(m.group(1)), int(m.group(2)) + 1))
    out = []
    for m in _YEAR.finditer(question):
        if not bases and re.search(r"(?:比|较|与)$", question[: m.start()]):
            continue
        y = int(m.group(1)) if m.group(1) else 2000 + int(m.group(2))
        if y not in out:
            out.append(y)
    return out


def intent_of(question: str) -> str:
    if _WHY.search(question):
        return "reason"
    budget_vs_actual = re.search(r"预算", question) and re.search(r"实际|决算", question)
    if (_COMPARE.search(question) or budget_vs_actual) and not re.search(r"比(?:上年|去年|\d{4}年)少了多少", question):
        return "comparison"
    if _LIST.search(question) and "三公" in question:
        return "list"
    return "figure"


def _fmt(f: Figure) -> str:
    return f"{f.value}{f.unit}"


def _best(figs: list[Figure]) -> Figure | None:
    """The figure to show: prose in 万元 first (what people read), then any table statement."""
    if not figs:
        return None
    return sorted(figs, key=lambda f: (f.source_kind != "prose", f.unit != "万元", f.citation.char_start))[0]


class Answerer:
    def __init__(self, store: Store, search) -> None:
        self.store = store
        self.search = search  # (question, k) -> hits, for the nearest passages

    def docs_for(self, units: list[str] | None, year: int | None) -> list[DocRecord]:
        return [d for d in self.store.docs() if (not units or d.unit in units) and (year is None or d.year == year)]

    def figures(self, key: str, units: list[str] | None, year: int | None, budget: bool | None = None) -> list[Figure]:
        figs = self.store.figures_where([key], units, year)
        if budget is not None:
            docs = {d.doc_id: d for d in self.store.docs()}
            want = [f for f in figs if (docs[f.citation.doc_id].doc_type == DocType.budget) == budget]
            figs = want or figs
        return figs

    def ask(self, question: str) -> Answer:
        units_all = [u for u in {d.unit for d in self.store.docs()} if u]
        units, phrase = match_units(question, units_all)
        years = years_in(question, bases=False)
        newest = max((d.year for d in self.store.docs() if d.year), default=None)
        for word, delta in (("今年", 0), ("去年", -1), ("前年", -2)):
            if word in question and newest is not None and not years:
                years = [newest + delta]  # relative to the newest document in the archive
        intent = intent_of(question)
        keys = metric_keys(question)
        if not units and _UNITISH.search(re.sub(r"\d", "", question)):
            named = _UNITISH.search(re.sub(r"\d", "", question)).group(0)
            return self._none(question, intent, f"档案中没有找到“{named}”的公开文件。现有单位：{'、'.join(sorted(units_all))}。")
        known_years = sorted({d.year for d in self.docs_for(units or None, None) if d.year})
        missing_years = [y for y in years if y not in known_years]
        if _RANGE.search(question) and intent == "figure" and keys:
            return self._years(question, keys[0], units, years, known_years)
        if missing_years and not (intent == "comparison" and len(years) > 1 and len(missing_years) < len(years)):
            who = "、".join(units) if units else "档案"
            return self._none(question, intent, f"档案中没有{who}{missing_years[0]}年的公开文件；"
                                                 f"现有年份：{'、'.join(map(str, known_years)) or '无'}。")
        year = years[0] if len(years) == 1 else None
        if re.search(r"每辆|每人|每个人|人均|平均每", question):
            return self._none(question, intent, "档案中没有找到按车、按人平均的数字：公开文件只披露合计数。下面是最相近的段落。")
        if intent == "reason":
            return self._reason(question, keys, units, year)
        if intent == "list":
            return self._list(question, keys, units, year)
        if intent == "comparison" and keys:
            answer = self._compare(question, keys, units, years)
            if answer is not None:
                return answer
        return self._figure(question, keys, units, year, intent)

    def _entities(self, question: str) -> list[tuple[str, list[str]]]:
        """Distinct units named in the question, each with its stored names (one unit may be printed two ways)."""
        from index.query import unit_aliases

        q = question.replace(" ", "")
        found: list[tuple[int, str, list[str]]] = []
        for unit in {d.unit for d in self.store.docs() if d.unit}:
            hits = [(q.find(a), a) for a in unit_aliases(unit)[0] if a in q]
            if hits:
                pos, alias = min(hits, key=lambda h: (h[0], -len(h[1])))
                found.append((pos, alias, [unit]))
        groups: dict[int, tuple[str, list[str]]] = {}
        for pos, alias, unit in sorted(found):
            near = next((p for p in groups if abs(p - pos) < 3), None)
            if near is None:
                groups[pos] = (alias, list(unit))
            else:
                groups[near][1].extend(unit)
        return [groups[p] for p in sorted(groups)]

    # -- answers ---------------------------------------------------------------------------
    def _none(self, question: str, intent: str, message: str) -> Answer:
        hits = self.search(question, 3)
        return Answer(answer=message, answerable=False, intent=intent, figures=[],
                      citations=[h.citation for h in hits], nearest=[h.citation for h in hits])

    def _who(self, f: Figure) -> str:
        return f"{f.citation.unit or ''}{f.citation.year or ''}年"

    def _years(self, question: str, key: str, units, years: list[int], known: list[int]) -> Answer:
        """A figure over a range of years: each year the archive holds, and the years it does not."""
        twin = {"three_public_actual": "three_public_budget"}.get(key)
        figs = []
        for y in years:
            f = _best(self.figures(key, units, y)) or (_best(self.figures(twin, units, y)) if twin else None)
            if f is not None:
                figs.append(f)
        lacking = [y for y in years if y not in {f.citation.year for f in figs}]
        if not figs:
            return self._none(question, "figure", f"档案中没有{years[0]}—{years[-1]}年的{LABELS.get(key, key)}；"
                                                  f"现有年份：{'、'.join(map(str, known)) or '无'}。")
        parts = "；".join(f"{f.citation.year}年{'预算' if f.key != key else ''}{_fmt(f)}" for f in figs)
        note = f"（档案中没有{'、'.join(map(str, lacking))}年的数字）" if lacking else ""
        answer = f"{figs[0].citation.unit or ''}{LABELS.get(key, key)}：{parts}{note}。"
        return Answer(answer=answer, answerable=True, intent="figure", figures=figs, citations=[f.citation for f in figs])

    def _project(self, question: str, units, year) -> Answer | None:
        """A project named in the question: its budget (or what was spent, when asked)."""
        rows = [f for f in self.store.figures_where_like("project:%", units, year)]
        best, best_score = None, 0.0
        for f in rows:
            name = f.key.split(":")[1]
            grams = {name[i:i + 2] for i in range(len(name) - 1)}
            score = sum(1 for g in grams if g in question) / max(1, len(grams))
            if score > best_score:
                best, best_score = name, score
        if best is None or best_score < 0.3:
            return None
        field = "actual" if re.search(r"实际|花了|执行", question) else "budget"
        figs = [f for f in rows if f.key == f"project:{best}:{field}"] or [f for f in rows if f.key.startswith(f"project:{best}:")]
        f = _best(figs)
        if f is None:
            return None
        what = "全年执行数" if f.key.endswith(":actual") else "预算"
        answer = f"{self._who(f)}“{best}”{what}为{_fmt(f)}。"
        return Answer(answer=answer, answerable=True, intent="figure", figures=[f], citations=[f.citation])

    def _figure(self, question: str, keys: list[str], units, year, intent: str) -> Answer:
        if not keys and re.search(r"项目|专项|预算|经费|资金|建设", question):
            found = self._project(question, units, year)
            if found is not None:
                return found
        if not keys:
            return self._none(question, intent, "档案中没有找到这项数字：已公开的文件里没有相关的统计口径。下面是最相近的段落。")
        budget = True if re.search(r"预算", question) and not re.search(r"决算|实际", question) else None
        parts, figs = [], []
        for key in keys:
            k = key
            if key == "three_public_actual" and budget:
                k = "three_public_budget"
            f = _best(self.figures(k, units, year, budget))
            if f is None:
                continue
            figs.append(f)
            parts.append(f"{LABELS.get(f.key, f.key)}为{_fmt(f)}")
        if not figs:
            who = "、".join(units) if units else ""
            when = f"{year}年" if year else ""
            label = "、".join(LABELS.get(k, k) for k in keys)
            return self._none(question, intent, f"档案中没有找到{who}{when}的{label}。")
        answer = f"{self._who(figs[0])}" + "；".join(parts) + "。"
        return Answer(answer=answer, answerable=True, intent=intent, figures=figs, citations=[f.citation for f in figs])

    def _list(self, question: str, keys: list[str], units, year) -> Answer:
        budget = bool(re.search(r"预算", question))
        total_key = "three_public_budget" if budget else "three_public_actual"
        total = _best(self.figures(total_key, units, year, budget or None))
        items = [(k, _best(self.figures(k, units, year, budget or None))) for k in THREE_PUBLIC_ITEMS]
        found = [(k, f) for k, f in items if f is not None]
        if not found:
            return self._figure(question, keys or [total_key], units, year, "list")
        text = "，".join(f"{LABELS[k]}{_fmt(f)}" for k, f in found)
        head = f"{self._who(found[0][1])}“三公”经费{'预算' if budget else ''}"
        head += f"共{_fmt(total)}，" if total else "包括："
        figs = ([total] if total else []) + [f for _, f in found]
        return Answer(answer=head + text + "。", answerable=True, intent="list", figures=figs,
                      citations=[f.citation for f in figs])

    def _compare(self, question: str, keys: list[str], units, years) -> Answer | None:
        key = keys[0]
        pairs: list[tuple[str, Figure]] = []
        entities = self._entities(question)
        actual_key = {"three_public_budget": "three_public_actual", "gpb_initial_budget": "gpb_expenditure"}.get(key, key)
        if len(entities) > 1 and len(years) <= 1:
            for name, group in entities[:2]:
                f = _best(self.figures(actual_key, group, years[0] if years else None))
                if f:
                    pairs.append((name, f))
        elif len(years) >= 2:
            for y in years[:2]:
                budget_year = bool(re.search(rf"(?:{y}|{y % 100})年?[^0-9]{{0,8}}预算", question))
                k = "three_public_budget" if key.startswith("three_public") and budget_year else actual_key
                f = _best(self.figures(k, units, y, budget_year or None)) or _best(self.figures(actual_key, units, y))
                if f:
                    pairs.append((f"{y}年{'预算' if budget_year else '实际'}", f))
        else:
            year = years[0] if years else None
            budget_key = {"three_public_actual": "three_public_budget", "gpb_expenditure": "gpb_initial_budget"}.get(
                actual_key)
            if budget_key:
                b = _best(self.figures(budget_key, units, year))
                a = _best(self.figures(actual_key, units, year, False))
                if b and a:
                    pairs = [("预算", b), ("实际", a)]
        if len(pairs) < 2:
            return None
        (n1, f1), (n2, f2) = pairs[:2]
        v1, v2 = f1.in_wanyuan() or f1.amount(), f2.in_wanyuan() or f2.amount()
        diff = abs(v1 - v2).quantize(Decimal("0.01")) if "." in f1.value + f2.value else abs(v1 - v2)
        more = n1 if v1 > v2 else n2
        verdict = f"两者相同，差额为{diff}万元" if v1 == v2 else f"{more}多{diff}万元"
        if v1 and v2 and v1 != v2:
            low, high = sorted([v1, v2])
            verdict += f"（高出{((high - low) / low * 100).quantize(Decimal('0.01'))}%）" if low else ""
        answer = f"{LABELS.get(f1.key, f1.key)}：{n1}{_fmt(f1)}，{n2}{_fmt(f2)}；{verdict}。"
        return Answer(answer=answer, answerable=True, intent="comparison", figures=[f1, f2],
                      citations=[f1.citation, f2.citation], computed={"difference": str(diff), "unit": "万元"})

    def _reason(self, question: str, keys: list[str], units, year) -> Answer:
        rows = self.store.reasons_where(units or None, year)
        reasons = [Reason.model_validate_json(data) for _, data in rows]
        want_down = bool(re.search(r"少|减|降|低|没花完|只花", question))
        want_up = bool(re.search(r"多|增|涨|高|超", question)) and not want_down
        words = [w for w in re.findall(r"[\u4e00-\u9fff]{2,}", re.sub(r"为什么|为啥|原因|是啥|什么", " ", question))]

        def score(r: Reason) -> float:
            s = 0.0
            if r.key and r.key in keys:
                s += 5
            text = (r.label or "") + r.sentence
            if keys and any(LABELS.get(k, "")[:4] in text for k in keys):
                s += 2
            if (want_down and r.direction == "减少") or (want_up and r.direction == "增加"):
                s += 1
            grams = {w[i:i + 2] for w in words for i in range(len(w) - 1)}
            s += sum(1 for g in grams if g in text) * 0.2
            return s

        ranked = sorted(reasons, key=score, reverse=True)
        if not ranked or score(ranked[0]) < 1:
            return self._none(question, "reason", "档案中没有找到对这项变化的原因说明。下面是最相近的段落。")
        top = ranked[0]
        change = f"{top.direction}{top.change}" if top.direction and top.change else (top.direction or "")
        marker = re.search(r"(?:主要原因是|主要原因为|主要原因|原因是|原因为|主要是由于|主要是|主要由于)[:：,，]?", top.citation.quote)
        reason = top.citation.quote[marker.end():].strip() if marker else top.reason  # as printed
        answer = f"{top.citation.unit or ''}{top.citation.year or ''}年{top.label or ''}{change}，原因：{reason}"
        same_doc = [f for f in (self.figures(top.key, units, year) if top.key else [])
                    if f.citation.doc_id == top.citation.doc_id and f.citation.char_start != top.citation.char_start]
        best = _best(same_doc)
        figs = [best] if best else []
        return Answer(answer=answer, answerable=True, intent="reason", figures=figs,
                      citations=[top.citation] + [f.citation for f in figs], reasons=[reason])

