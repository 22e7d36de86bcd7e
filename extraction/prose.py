"""Figures stated in the explanatory prose ("收入总计3,681.17万元，其中：本年收入合计3,545.89万元…").

A number belongs to the label just before it when only filler words stand between them
(支出, 决算数, 预算, 为, ：…). Comparisons ("比上年减少3.10万元") are never read as figures: the
text between a label and such a number is not filler. A number right after another figure
with only a qualifier between ("全年预算数31.19万元，决算数31.19万元") inherits the label with
the new qualifier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.schemas import DocType
from core.vocabulary import METRICS, NUMBER, REASON_MARKER, item_name
from extraction.prosefacts import names_another_year
from index.layout import NarrativeLine

# (万 alone, before punctuation or the end, is 万元: "决算数合计为1000.86万，其中…")
_AMOUNT = re.compile(rf"(?P<num>{NUMBER})\s*(?P<unit>万元|亿元|元|万(?=[，,。；;、）)\s]|$)|辆|批次|人次|个)(?![\u4e00-\u9fff]*[/／])")

# labels the prose prints with a meaning of their own (no key, or a key chosen by the qualifier):
# "-" = no key; three_public = the 三公 total (actual or budget, by the words around it); income_sum / spending_sum =
# a 决算's 收入合计 / 支出合计, the year's own (本年);
# grant_both / total_both = one amount stated for both income and expenditure totals
_SPECIAL_LABELS: list[tuple[str, str]] = [
    ("年初财政拨款结转和结余", "-"), ("年末财政拨款结转和结余", "-"),
    ("“三公”经费", "three_public"), ('"三公"经费', "three_public"), ("三公经费", "three_public"),
    ("公务用车购置及运行维护费", "-"), ("公务用车购置及运行费", "-"), ("其他车辆", "-"),
    ("财政拨款收支总预算", "grant_both"), ("财政拨款收入支出总计", "grant_both"), ("收入支出总计", "total_both"),
    ("收入支出总体", "total_both"), ("收支总体", "total_both"), ("收支总计", "total_both"), ("收、支总计", "total_both"), ("收入总预算", "income_grand_total"), ("支出总预算", "expenditure_grand_total"), ("财政拨款收入支出总体", "grant_both"),
    ("收支总预算", "total_both"), ("收支预算总计", "total_both"), ("收支预算总额", "total_both"),
    # (the kind of document between: "2025年度收入、支出决算总计3120.40万元")
    ("收入支出决算总计", "total_both"), ("收支决算总计", "total_both"), ("收入支出预算总计", "total_both"),
    ("收入预算总计", "income_grand_total"), ("支出预算总计", "expenditure_grand_total"),
    ("财政拨款收入预算总计", "fiscal_grant_income_total"), ("财政拨款支出预算总计", "fiscal_grant_expenditure_total"),
    ("财政拨款收支预算总计", "grant_both"), ("财政拨款收支预算总额", "grant_both"),
    ("国有资本经营预算拨款支出预算", "-"),
    ("收入合计", "income_sum"), ("支出合计", "spending_sum"),
    # (one kind's sum, not the year's: the longer label, starting first, is read)
    ("事业收入合计", "-"), ("经营收入合计", "-"), ("上级补助收入合计", "-"), ("附属单位上缴收入合计", "-"),
]
# "收入支出总计" is also printed "收入、支出总计"
_SPECIAL_LABELS += [(label.replace("收入支出", "收入、支出"), key) for label, key in _SPECIAL_LABELS if "收入支出" in label]
# label → base key, from the vocabulary's printed labels; the regex tries the longest label first
LABELS: list[tuple[str, str]] = [(label, m.key) for m in METRICS for label in m.printed] + _SPECIAL_LABELS
_BOTH = {"grant_both": ("fiscal_grant_income_total", "fiscal_grant_expenditure_total"),
         "total_both": ("income_grand_total", "expenditure_grand_total")}
LABEL_RE = re.compile("|".join(re.escape(lbl) for lbl, _ in sorted(LABELS, key=lambda x: -len(x[0]))))
LABEL_KEY = dict(LABELS)
_FILLER = re.compile(
    r"^(?:[:,\s]|支出|决算数?|预算数?|全年|年初|为|是|均为|均|共计|共|合计|总额|金额|数|财政拨款|本年|年度|实际|的|达到?|"
    r"预算执行数|执行数|保有量|安排|拨入|[(（][^()（）]{0,12}[)）]|[)）]|"
    r"由[\d.,]+\s*(?:万元|元|辆|人|个)?(?:减少|增加|下降|上升|调整|降|增)(?:为|到|至))*$"  # (由6辆减少到5辆: now 5)
)
# labels that say only what kind of number follows; printed right after another label, they qualify it
_KIND_OF_NUMBER = {"支出预算", "收入预算", "本年支出"}
_LABEL_ALONE = re.compile(rf"\s*(?:[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．])?\s*(?P<label>{LABEL_RE.pattern})[。:：]\s*$")
_QUALIFIER_ONLY = re.compile(r"^[,\s]*(?:实际支出|实际|(?:支出|全年|年初)?(?:决算数?|预算数?|执行数))(?:为|是)?[:\s]*$")
_CLASS_LINE = re.compile(rf"^\s*\d+[.、]\s*(?P<name>[\u4e00-\u9fff]+?支出)(?P<cls>[(（]类[)）])?\s*(?P<num>{NUMBER})\s*万元")
# "国内公务接待221批次,1768人", "…3批次,接待16人次", "…共330批次(其中外事接待0批次),1950人次"
_RECEPTION = re.compile(r"(?<!外事)(?<!国\(境\)外)接待(?:(?!减少|增加|较|比|下降|增长)[^。;,]){0,16}?(?P<b>\d+)\s*(?:批次?|次)\s*(?:[(（][^()（）]{0,20}[)）])?"
                        r"(?:\s*[,，、]?\s*(?:共\s*|接待(?:人数|人次)?\s*)?(?P<p>\d+)\s*人次?)?")
_CLAUSE_END = re.compile(r"[。;；]")


@dataclass
class ProseFigure:
    key: str
    value: str
    unit: str
    start: int  # normalised offsets of the clause that states it
    end: int
    label: str


def _qualifier(filler: str) -> str | None:
    if "年初预算" in filler:
        return "initial"
    if "决算" in filler or "执行数" in filler or "实际" in filler:
        return "actual"
    if "预算" in filler:
        return "budget"
    return None


def resolve_key(base: str, qualifier: str | None, doc_type: DocType, section: str, label: str) -> str | None:
    """The vocabulary key for a label read with a qualifier, or None when it has no key."""
    budget_doc = doc_type == DocType.budget
    if base == "-":
        return None
    if base in ("income_sum", "spending_sum"):  # ("2025年度收入合计2356.20万元，其中：财政拨款收入…": the year's own)
        return None if budget_doc else "income_current_year" if base == "income_sum" else "expenditure_current_year"
    if base == "three_public":
        if qualifier in ("budget", "initial") or (budget_doc and qualifier != "actual"):
            return "three_public_budget"
        return "three_public_actual"
    if base == "gpb_expenditure":
        if qualifier == "initial":
            return "gpb_initial_budget"
        return None if (qualifier == "budget" and not budget_doc) else base
    if qualifier in ("budget", "initial") and not budget_doc:
        return None  # a budget amount printed in a 决算 has no key of its own (only the 三公 total has)
    if base == "basic_expenditure" and "一般公共预算" in section and "基本支出" in section:
        return "gpb_basic_expenditure"
    if label in ("收入预算", "支出预算", "一般公共预算拨款合计", "一般公共预算拨款", "财政拨款支出预算",
                 "一般公共预算拨款支出预算", "政府性基金拨款支出预算") and not budget_doc:
        return None  # budget-only phrasings
    return base


# the title of a section describing one project (科技创新专项经费情况说明, XX项目情况说明)
_PROJECT_SECTION = re.compile(r"^(?P<name>[^\s。，,:：;；]{2,40}?)(?:项目)?(?:经费|资金)?情况说明$")
# its budget, as the section states it ("2025年度项目总预算1720.00万", "年度预算安排：…X万元")
_PROJECT_BUDGET = re.compile(rf"(?:项目总预算|年度预算安排|项目预算(?:资金)?|预算安排)[为:：\s]*(?P<num>{NUMBER})\s*(?P<unit>万元|万|元)")


def _project_budgets(lines: list[NarrativeLine]) -> list[ProseFigure]:
    """project:<name>:budget from the sections that describe one project each (a budget's 项目经费情况说明)."""
    out: list[ProseFigure] = []
    name = None
    for start, text, _section in lines:
        title = _PROJECT_SECTION.match(text.strip())
        if title and not re.match(r"^(?:其他|相关|部门|单位|总体|整体|[一二三四五六七八九十\d]+[、.])", title.group("name")):
            name = re.sub(r"\s+", "", title.group("name"))
            continue
        m = _PROJECT_BUDGET.search(text) if name else None
        if m:
            s, e = _clause_bounds(text, m.start(), m.end())
            unit = "万元" if m.group("unit") == "万" else m.group("unit")
            out.append(ProseFigure(f"project:{name}:budget", m.group("num").replace(",", ""), unit, start + s, start + e,
                                   name))
            name = None  # one budget per project section
    return out


def extract_prose(lines: list[NarrativeLine], doc_type: DocType, year: int | None = None,
                  unit: str | None = None) -> list[ProseFigure]:
    """Figures from the narrative lines of a layout (normalised start offset, text, section path); an amount its
    clause gives to another year than the document's ``year`` ("2015年三公经费预算拨入57.55万元") is no figure, a nil
    another unit than the document's ``unit`` states is none of its figures."""
    out: list[ProseFigure] = _project_budgets(lines)
    for start, text, section in lines:
        m = _CLASS_LINE.match(text)
        if m and (m.group("cls") or "结构" in section):
            out.append(ProseFigure(f"gpb_class:{item_name(m.group('name'))}", m.group("num").replace(",", ""), "万元",
                                   start, start + _clause_end(text, m.end()), m.group("name")))
        for m in _RECEPTION.finditer(text):
            s, e = _clause_bounds(text, m.start(), m.end())
            out.append(ProseFigure("reception_batches", m.group("b"), "批次", start + s, start + e, "接待批次"))
            if m.group("p"):
                out.append(ProseFigure("reception_persons", m.group("p"), "人次", start + s, start + e, "接待人次"))
            break
        labelled = _labelled(start, text, doc_type, section, year, unit)
        out.extend(labelled + _procurement_parts(start, text, labelled))
        out.extend(_nil(start, text, doc_type, section, year, unit))
    return out


# the 政府采购 total of a sentence, and its parts listed after it by their kind alone ("政府采购预算总额167.30万元，其中：
# 货物类42.50万元，…；工程类0.00万元；服务类124.80万元")
_PROCUREMENT_TOTAL = re.compile(rf"政府采购(?:预算|支出)?(?:总额|合计|金额|总金额)?(?:为|是|[:：])?\s*{NUMBER}\s*万元")
_PROCUREMENT_PART = re.compile(rf"(?<![\u4e00-\u9fff])(?:其中[:：]?)?(?P<kind>货物|工程|服务)(?:类|采购)?(?:支出|预算|金额)?"
                               rf"(?:为|是|[:：])?\s*(?P<num>{NUMBER})\s*万元")
_PROCUREMENT_KEYS = {"货物": "procurement_goods", "工程": "procurement_works", "服务": "procurement_services"}


def _procurement_parts(start: int, text: str, labelled: list[ProseFigure]) -> list[ProseFigure]:
    """The parts of a 政府采购 total named by their kind alone in its sentence, where no label of theirs was read."""
    out = []
    for total in _PROCUREMENT_TOTAL.finditer(text):
        end = _SENTENCE_END.search(text, total.end())
        for m in _PROCUREMENT_PART.finditer(text, total.end(), end.start() if end else len(text)):
            key = _PROCUREMENT_KEYS[m.group("kind")]
            s, e = _clause_bounds(text, m.start(), m.end())
            if not any(f.key == key and f.start < start + e and start + s < f.end for f in (*labelled, *out)):
                out.append(ProseFigure(key, m.group("num").replace(",", ""), "万元", start + s, start + e,
                                       m.group("kind")))
    return out


# a statement that a figure is nil: "无财政拨款“三公”经费支出", "因公出国(境)费未发生", "公务用车购置费为0"; the
# figures a nil word names together are each nil ("未发生因公出国（境）费和公务用车购置及运行维护费")
_NIL_BEFORE = re.compile(rf"(?:无|没有|未安排|未发生|不存在)(?:财政拨款)?(?P<label>{LABEL_RE.pattern})")
_NIL_AFTER = re.compile(rf"(?P<label>{LABEL_RE.pattern})(?:支出|决算数?|预算数?)?(?:未发生|为(?:0|零)(?![\d.])(?!\s*万?元)|为无)")
_NIL_ALSO = re.compile(rf"(?:和|及|以及|与|、)(?:财政拨款)?(?P<label>{LABEL_RE.pattern})")
# figures named together before the nil ("因公出国（境）费和公务用车购置费未发生")
_NIL_AFTER_LIST = re.compile(rf"(?P<labels>(?:{LABEL_RE.pattern})(?:(?:和|及|以及|与|、)(?:{LABEL_RE.pattern}))+)"
                             r"(?:支出|决算数?|预算数?)?均?(?:未发生|为(?:0|零)(?![\d.])(?!\s*万?元)|为无)")
# what may follow the figures a nil names: the nil is then theirs ("未发生公务接待费超预算情况" is not)
_NIL_FOLLOWER = re.compile(r"(?:支出|经费|预算数?|决算数?|数)?(?:[，,。；;）)]|$|也|均|等)")
_NOT_THIS_YEAR = re.compile(r"上年|去年|以前|往年|同期|此前|前[一二两三几]年|下一?年|明年|历年|近[二两三几]年")
# a nil said of a unit below the department ("所属某中心无公务用车，也未发生…", "区中心血站无公务用车…"): not the
# department's figure; its subject is a member, or a unit's name the document's own name does not end with
_OF_A_MEMBER = re.compile(r"^\s*(?:其中[，,：:]?)?(?:所属|下属|直属)")
_OF_A_PART = re.compile(r"^\s*(?:其中[，,：:]?)?(?:机关本级|部门本级|本级|机关)(?:也|均|亦)?(?:无|没有|未|不)")
_SUBJECT_UNIT = re.compile(r"^\s*(?:其中[，,：:]?)?(?P<name>(?!本|我|该)[\u4e00-\u9fff()（）]{2,20}?"
                           r"(?:中心|站|所|院|校|队|馆|局|委|办|处|科|团|社|会))(?:也|均|亦)?(?:无|没有|未)")


def _of_another(clause: str, unit: str | None) -> bool:
    """Whether a nil clause is said of another unit than the document's ``unit``."""
    if _OF_A_MEMBER.match(clause) or _OF_A_PART.match(clause):
        return True
    named = _SUBJECT_UNIT.match(clause)
    if not (named and unit):
        return False
    chars = set(named.group("name")[:-1])  # (县文联 is the 县文学艺术界联合会's short name: most of its characters)
    return len(chars & set(unit)) * 2 < len(chars)
_SENTENCE_END = re.compile(r"[。！？!?]")


# a unit that says it has no official car at all ("县文联无公务用车", "本单位没有公车")
_NO_CARS = re.compile(r"(?:无|没有|未配备|未配置)(?:公务用车|公车|公务车辆)(?=[，,。；;]|$|所以|因此|故)")
# a year in which no official car was bought ("本年未购置公务用车", "2026年不安排购置公务用车"): nothing spent on buying
_NONE_BOUGHT = re.compile(r"(?:未|没有|不)(?:安排)?(?:新)?(?:购置|购买|更新)(?:公务用车|公车|公务车辆|车辆)(?=[，,。；;]|$)")


# the two car figures said together as nil ("公务用车购置及运行维护费支出决算0万元"): each of them is 0
_CARS_NIL = re.compile(r"公务用车购置及运行(?:维护)?费(?:支出)?(?:决算|预算)?数?(?:为|是)?\s*0(?:\.0+)?\s*万?元(?![\d.])")
_CAR_KEYS = ("vehicle_purchase", "vehicle_operation")


def _sentence_start(text: str, at: int) -> int:
    return max((b.end() for b in _SENTENCE_END.finditer(text, 0, at)), default=0)


def _explained(text: str, at: int) -> bool:
    """Whether the sentence holding ``at`` explains something before it (主要原因是…未安排…): a nil in an
    explanation is a cause, not this year's figure."""
    return REASON_MARKER.search(text, _sentence_start(text, at), at) is not None


def _nil(start: int, text: str, doc_type: DocType, section: str, year: int | None = None,
         unit: str | None = None) -> list[ProseFigure]:
    """0 for each figure :func:`_nil_statements` finds in ``text``, under the key its qualifier gives it."""
    out: list[ProseFigure] = []
    for base, qualifier, (s, e), label in _nil_statements(text, year, unit):
        if base == "vehicles_in_service":
            out.append(ProseFigure(base, "0", "辆", start + s, start + e, label))
        elif base not in _BOTH and base != "vehicles_total" \
                and (key := resolve_key(base, qualifier, doc_type, section, label)) is not None:
            out.append(ProseFigure(key, "0", "万元", start + s, start + e, label))
    return out


def _nil_statements(text: str, year: int | None, unit: str | None = None
                    ) -> list[tuple[str, str | None, tuple[int, int], str]]:
    """(base key, qualifier, sentence bounds, label) of each figure the prose says is nil this year, outside an
    explanation: a money figure stated nil; no car at all (0 cars); no car bought (0 spent on buying); the two car
    fees named together as 0 or nil (each of them 0)."""
    found: list[tuple[str, str | None, tuple[int, int], str]] = []
    for m in _CARS_NIL.finditer(text):
        bounds = _clause_bounds(text, m.start(), m.end())
        sentence = text[max((b.end() for b in re.finditer(r"[。；;]", text[:m.start()])), default=0):m.end()]
        if not _explained(text, m.start()) and not _NOT_THIS_YEAR.search(text[slice(*bounds)]) \
                and not names_another_year(sentence, year):
            found += [(car, _qualifier(m.group(0)), bounds, "公务用车购置及运行维护费") for car in _CAR_KEYS]
    for m in _NO_CARS.finditer(text):
        bounds = _clause_bounds(text, m.start(), m.end())
        if not _explained(text, m.start()) and not _of_another(text[slice(*bounds)], unit):
            found.append(("vehicles_in_service", None, bounds, "公务用车"))
    for m in _NONE_BOUGHT.finditer(text):
        s, e = _clause_bounds(text, m.start(), m.end())
        if not _explained(text, m.start()) and not _NOT_THIS_YEAR.search(text[s:m.start()]) \
                and not names_another_year(text[s:e], year) and not _of_another(text[s:e], unit):
            found.append(("vehicle_purchase", None, (s, e), "公务用车购置费"))
    for m, labels, qualifier in _named_nils(text, year, unit):
        bounds = _clause_bounds(text, m.start(), m.end())
        for label in labels:
            both_fees = label in ("公务用车购置及运行维护费", "公务用车购置及运行费")
            found += [(base, qualifier, bounds, label)
                      for base in (_CAR_KEYS if both_fees else (LABEL_KEY[label],)) if base != "vehicles_in_service"]
    return found


def _named_nils(text: str, year: int | None = None, unit: str | None = None
                ) -> list[tuple[re.Match, list[str], str | None]]:
    """Each nil statement of this year and of the department itself, outside an explanation, with the labels it
    names (one, or a list before or after the nil word) and the qualifier its words give (年初…预算: the budget)."""
    found = []
    for pattern in (_NIL_BEFORE, _NIL_AFTER, _NIL_AFTER_LIST):
        for m in pattern.finditer(text):
            s, e = _clause_bounds(text, m.start(), m.end())
            sentence = text[_sentence_start(text, m.start()):e]
            if _explained(text, m.start()) or any(_NOT_THIS_YEAR.search(c) for c in re.split(r"[,，]", text[s:e])) \
                    or names_another_year(sentence, year) or _of_another(text[s:e], unit):
                continue
            if pattern is _NIL_AFTER_LIST:
                labels, at = [x.group(0) for x in LABEL_RE.finditer(m.group("labels"))], m.end()
            else:
                labels, at = [m.group("label")], m.end()
            while pattern is _NIL_BEFORE and (also := _NIL_ALSO.match(text, at)):
                labels.append(also.group("label"))
                at = also.end()
            follower = _NIL_FOLLOWER.match(text, at)
            if follower is None or pattern is not _NIL_BEFORE and follower.group(0) not in "，,。；;）)":
                continue  # (the nil is of what follows: "未发生公务接待费超预算情况", "…均未发生超标准支出")
            said = text[max(s, m.start() - 3):follower.end()]
            found.append((m, labels, _qualifier(said)))
    return found


def _labelled(start: int, text: str, doc_type: DocType, section: str, year: int | None = None,
              doc_unit: str | None = None) -> list[ProseFigure]:
    out: list[ProseFigure] = []
    clause_start = 0
    prev: tuple[str, str | None, int, str] | None = None  # (base, qualifier, end of previous amount, label)
    for m in _AMOUNT.finditer(text):
        boundary = max((b.end() for b in _CLAUSE_END.finditer(text, 0, m.start())), default=0)
        if boundary > clause_start:
            # a clause that is a label alone ("（三）公务用车运行维护费。") names what the next one's columns are of
            # ("年初预算数为8.00万元，决算数为6.82万元")
            titled = _LABEL_ALONE.match(text, max((b.end() for b in _CLAUSE_END.finditer(text, 0, boundary - 1)),
                                                  default=0), boundary)
            label_alone = titled.group("label") if titled else None
            clause_start = boundary
            prev = (LABEL_KEY[label_alone], None, boundary, label_alone) if label_alone else None
        segment_start = prev[2] if prev else clause_start
        segment = text[segment_start:m.start()]
        labels = list(LABEL_RE.finditer(segment))
        unit = "万元" if m.group("unit") == "万" else m.group("unit")
        base = qualifier = label = None
        if labels:
            last = labels[-1]
            if len(labels) > 1 and labels[-2].end() == last.start() and (
                    last.group(0) in _KIND_OF_NUMBER or LABEL_KEY[labels[-2].group(0)] == "three_public"):
                # "“三公”经费支出预算为79万元", "“三公”经费财政拨款支出预算为52.50万元": the 三公 money's budget, not the
                # total budget nor the grant's
                last = labels[-2]
            filler = segment[last.end():]
            if _FILLER.match(filler):
                label = last.group(0)
                base, qualifier = LABEL_KEY[label], _qualifier(filler)
                if label == "支出总计" and "财政拨款收入总计" in text[clause_start:m.start()]:
                    base = "fiscal_grant_expenditure_total"  # "财政拨款收入总计X，支出总计Y": the grant's
        elif prev and _QUALIFIER_ONLY.match(segment):
            base, label = prev[0], prev[3]
            qualifier = _qualifier(segment)
        other_year = _of_another_year(segment[:last.start()] if labels else "", year)
        if labels and (_OF_ONE_UNIT.search(text, _sentence_start(text, m.start()), segment_start + last.start())
                       or of_a_member(text[clause_start:m.start()], doc_unit)
                       or _INVOLVED.search(segment, 0, last.start())
                       or _OF_A_FUND.match(text, _sentence_start(text, m.start())) and not _FUND.search(last.group(0))):
            # ("分单位看，某局（本级）收入预算2572.08万元": one unit's; "其中，某服务中心本年收入367.26万元": a member's;
            # "…绩效目标管理的项目7个，涉及一般公共预算拨款1233.00万元": some projects'; "政府性基金预算财政拨款年初结转…，
            # 本年收入579.90万元": one fund's — not the department's whole)
            prev = None
            continue
        # (a qualifier after another year's amount is of that year too: "2024年…预算18.00万元，实际支出15.20万元")
        prev = (base, qualifier, m.end(), label) if base and not other_year else None
        if not base or not _unit_fits(base, unit) or other_year:
            continue
        s, e = _clause_bounds(text, segment_start if labels else m.start(), m.end())
        s = min(s, _clause_bounds(text, m.start(), m.end())[0])
        value = m.group("num").replace(",", "")
        if base in _BOTH:
            out.extend(ProseFigure(k, value, unit, start + s, start + e, label or "") for k in _BOTH[base])
            continue
        key = resolve_key(base, qualifier, doc_type, section, label or "")
        if key is not None:
            out.append(ProseFigure(key, value, unit, start + s, start + e, label or ""))
    return out


# the money some things involve ("项目7个，涉及一般公共预算拨款…"), not the unit's figure of that name
_INVOLVED = re.compile(r"涉及的?\s*$")
# an amount said of one of the units a department takes in
_OF_ONE_UNIT = re.compile(r"分单位(?:看|来看|情况)?[:：，,]|[(（]本级[)）]\s*$")
# a sentence about one fund's money, and a label naming a fund of its own
_FUND = re.compile(r"政府性基金|国有资本经营")
_OF_A_FUND = re.compile(r"[\s,，。]*(?:\d{4}年度?)?(?:本部门|本单位)?(?:政府性基金|国有资本经营)")


# a clause that opens with a unit's name right before a figure's label ("其中，某社区服务中心本年收入…（财政拨款收入…）"):
# each of its figures is that unit's
_NAMED_FIRST = re.compile(r"^[\s,，；;：:]*(?:其中[，,：:]?\s*)?(?:20\d\d年度?)?(?P<name>(?!本|我|该|其)[\u4e00-\u9fff()（）]{2,30}?"
                          rf"(?:中心|站|所|院|校|队|馆|局|委|办|处|科|团|社|会|园|室|庭))(?:20\d\d年度?)?\s*(?={LABEL_RE.pattern})")


def of_a_member(before: str, unit: str | None) -> bool:
    """Whether a clause opens with a unit that is not the document's own (its name is no short form of the document's
    unit: not its characters in order, as 某街道办 is of 某区人民政府某街道办事处)."""
    named = _NAMED_FIRST.match(before)
    if not (named and unit):
        return False
    chars = iter(unit)
    return not all(c in chars for c in re.sub(r"[()（）]", "", named.group("name")))


def _of_another_year(before: str, year: int | None) -> bool:
    """Whether the words before a label open with a year other than the document's (", 2015年三公经费…", "上年机关运行
    经费…")."""
    said = re.match(r"^[,，;；\s]*(?:[一二三四五六七八九十\d]+[、.．]\s*)?(?:(20\d\d)\s*年(?!末|底|12月)|(上年|上一年|去年)(?!末|底))",
                    before)
    return bool(year and said and (said.group(2) or int(said.group(1)) != year))


def _unit_fits(base: str, unit: str) -> bool:
    if base in ("vehicles_total", "vehicles_in_service"):
        return unit == "辆"
    return unit in ("万元", "亿元", "元")


def _clause_bounds(text: str, s: int, e: int) -> tuple[int, int]:
    """The sentence around [s, e): from the previous 。/； (or line start) to the next one (included)."""
    left = max((b.end() for b in _CLAUSE_END.finditer(text, 0, s)), default=0)
    return left, _clause_end(text, e)


def _clause_end(text: str, e: int) -> int:
    m = _CLAUSE_END.search(text, e)
    return m.end() if m else len(text)
