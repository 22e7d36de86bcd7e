"""Question understanding, once: :func:`parse_question` reads units, years, metrics, document type, scope
and intent from a plain Chinese question into a :class:`~core.schemas.ParsedQuestion` that retrieval,
``ask``, ``reasons`` and the LLM path all use.

Figure words typed as homophones (三工经费, 招代费) are corrected through pinyin against the words of
the vocabulary before anything else is read; units are recognised by :class:`app.units.UnitIndex`.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from app.units import UnitIndex, party_short, pinyin, unit_like
from core.schemas import DocType, Intent, ParsedQuestion, QueryFilters, Scope
from core.vocabulary import METRICS, PROJECT_FIELD_LABELS
from index.lexical import synonym_terms
from index.normalise import to_simplified

# a year as people write it: 2024年, 24年, 2024年度, 2024决算 / 2024预算
_YEAR = re.compile(r"(?<!\d)(20\d\d)\s*年|(?<![\d.])(\d\d)\s*年(?!\d)|(?<!\d)(20\d\d)(?=\s*(?:决算|预算))|"
                   r"(?<!\d)(20\d\d)(?=\s*[、和与及]\s*20\d\d\s*年)")  # (2024、2025年: both)
_RANGE = re.compile(r"(20\d\d)\s*(?:年)?\s*(?:-|—|–|~|～|至|到)\s*(20\d\d)\s*年?")
_RELATIVE = (("大前年", -3), ("今年", 0), ("本年", 0), ("去年", -1), ("上年", -1), ("上一年", -1), ("前一年", -1),
             ("前年", -2))
_BASE_BEFORE = re.compile(r"(?:比|较|与)$")  # "比2023年…": a comparison base, not the year asked about
# a row's name that begins with the relative word a document prints (本年支出合计, 上年结转资金): no year; people's
# 今年/去年 before a row's name ("今年一般公共预算财政拨款多少") is the year asked
_ROW_AFTER = re.compile(r"收入|支出|财政|合计|结转|结余|预算数|决算数|一般公共|基本支出|项目支出")
# words for "all the money", used only when the question names no other figure
# spending asked as a whole ("一共花了多少"): the year's own spending, 本年支出合计
_GENERIC = re.compile(r"一共花|全年花|总共花|全年.*?花了多少|(?:一共|总共|全年)(?:支出|用了|开支)|花了多少钱|花出去多少|花掉多少|实际花了?多少|"
                      r"(?:一共|总共)(?:有)?多少钱")
_WHY = re.compile(r"为什么|为啥|为何|原因|理由|缘由|咋|怎么会|怎么回事|怎么(?!样|办|算|计算)(?![^。？?，,]{0,12}?(?:多少|几))(?=[^。？?，,]{0,10}?[降减增涨少多低高超][了得])|何故")
_LIST = re.compile(r"(?:哪一?项|哪个|哪块)[^，,。？?]{0,6}最[多少高低大小]|最[多少高低大小][^，,。？?]{0,4}(?:是)?哪一?[项个块]|哪几项|哪些|哪几块|哪几类|哪几种|哪几个|各(?:花了|是|给了|有)?(?:多少|几)|分别|每项|各项|各类|都是些什么|怎么构成|如何构成|构成情况|由哪些")
# the wholes a list is asked of: the 三公 parts, the classes of spending, the projects (or a target table's tasks)
_OF_ITEMS = re.compile(r"三公|哪几类|哪几种|各类|分类|按类|按[\u4e00-\u9fff]{1,4}(?:分|划分|区分)|专项|(?:哪些|哪几个|哪几项|各个?)[^，,。？?]{0,12}?(?:项目|任务)|"
                       r"(?:项目|任务)(?!支出).{0,4}各(?!个(?!项目|任务))|(?:项目|任务)[^。？?]{0,12}?(?:哪些|哪几个|哪几项)")
# projects picked out by a superlative or a bound ("哪个项目得分最低", "预算最多的项目", "执行率不到50%的项目")
_WHICH_PROJECT = re.compile(r"哪(?:一)?(?:个|项)(?:项目|任务|专项).{0,12}最[高低多少大小好差]|最[高低多少大小好差]的(?:项目|任务|专项)|"
                            r"\d(?:%|％|分|万元?)?(?:及?以[上下])?的(?:项目|任务|专项)|没(?:有)?[花用]完的(?:项目|专项)")
# the funds whose names hold 预算 (一般公共预算财政拨款…): naming one asks for no budget
FUND_NAMES = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算")
_COMPARE = re.compile(r"(?<!占)(?<!百分)比(?!重|例|率)|差多少|差了|差距|对比|相比|谁花得多|谁[高低多少大小]|哪个[高低多少大小]|哪家[高低多少大小]|[高低]多少|"
                      r"多多少|少多少|超支|几倍|多少倍|哪(?:一)?年[高低多少大小]")


# what a question says to leave out ("不算结转结余的那种", "不含上年结转", "除去人员经费以外")
_LEFT_OUT = re.compile(r"(?:不算|不包括|不包含|不含|除去|除了|扣除|刨去|去掉)[^，。？?；;]{1,12}?(?:的那种|那种|那部分|在内|以外|之外|的)?"
                       r"(?=[，。？?；;]|$)")


# a part named inside its whole ("收入里财政拨款有多少", "支出当中项目占多少"): the part's own name is part + whole
_PART_OF_WHOLE = re.compile(r"(?:(?<=[年的])|(?<![\u4e00-\u9fff]))(?P<whole>收入|支出)(?:里面|里头|里|当中|之中|中)的?(?P<part>[\u4e00-\u9fff]{2,8}?)"
                            r"(?=有多少|是多少|多少|占|花了|为|有|是)")


def _part_named(m: re.Match) -> str:
    part, whole = m.group("part"), m.group("whole")
    return part if re.search(r"(?:收入|支出|经费|费)$", part) else part + whole


def parts_named(question: str) -> str:
    """The question with each part asked inside its whole said by its own name ("支出当中项目占多少" → "项目支出占多少")."""
    return _PART_OF_WHOLE.sub(_part_named, question)


# the two car fees asked as one: printed together ("公务用车购置及运行维护费"), or the money of official cars asked with
# neither named ("公车一共花了多少", "公车经费")
_BOTH_CARS = re.compile(r"(?:公务用车|公车|公务车)购置及运行(?:维护)?费?|(?:公务用车|公车|公务车)(?:方面|上)?(?:的)?(?:一共|总共|共)?"
                        r"(?:花了|花费|费用|经费|开支|支出|用了)(?![^，,。？?]{0,6}(?:运行|维护|运维|购置|购买|买|油))")


def metric_keys(question: str, generic: bool = True) -> list[str]:
    """Vocabulary keys named by the everyday words of the question, in the order they are named.

    Every alias of :data:`core.vocabulary.METRICS` is matched; overlapping matches are settled by
    the longest (公车运行维护 over 公车), then the earliest in the table. With ``generic``, a question naming
    none that asks how much was spent ("花了多少钱") names 本年支出合计.
    """
    question = _LEFT_OUT.sub(" ", question)  # ("不算结转结余的那种": what is left out is not asked)
    question = parts_named(question)
    found: list[tuple[int, int, int, str]] = []
    chosen: list[tuple[int, str]] = []
    for m in _BOTH_CARS.finditer(question):  # (the two car fees asked as one: each of them)
        chosen += [(m.start(), "vehicle_purchase"), (m.start(), "vehicle_operation")]
        question = question[:m.start()] + " " * (m.end() - m.start()) + question[m.end():]
    for order, metric in enumerate(METRICS):
        for alias in metric.aliases:
            for m in re.finditer(alias, question):
                span = m.span("w") if "w" in m.groupdict() and m.group("w") else m.span()
                found.append((*span, order, metric.key))
    taken: list[tuple[int, int]] = []
    for start, end, _order, key in sorted(found, key=lambda f: (f[0] - f[1], f[2], f[0])):
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        chosen.append((start, key))
    keys = list(dict.fromkeys(key for _, key in sorted(chosen, key=lambda c: c[0])))
    if not keys and generic and _GENERIC.search(question):
        keys = ["expenditure_current_year"]
    return keys


_POINT_IN_TIME = re.compile(r"(?:截至|截止|截止到|到|至)\s*$")


def years_in(question: str, bases: bool = True) -> list[int]:
    """Years named in the question; ``bases=False`` leaves out comparison bases ("比2023年少了").

    A range ("2021-2024年", "2021至2024年") gives every year in it.
    """
    m = _RANGE.search(question)
    if m and int(m.group(1)) < int(m.group(2)) <= int(m.group(1)) + 20:
        return list(range(int(m.group(1)), int(m.group(2)) + 1))
    out = []
    found = list(_YEAR.finditer(question))
    dated = {m.start() for m in found if _POINT_IN_TIME.search(question[:m.start()])
             and re.match(r"年?(?:底|末|12月31日)", question[m.end():])}
    for m in found:
        if not bases and _BASE_BEFORE.search(question[: m.start()]):
            continue
        if m.start() in dated and len(dated) < len(found):
            continue  # "19年预算里说截至2018年底…": a date the document reports at, not the document's year
        full = m.group(1) or m.group(3) or m.group(4)
        y = int(full) if full else 2000 + int(m.group(2))
        if y not in out:
            out.append(y)
    return out


def relative_year(question: str, base: int | None) -> tuple[int | None, str | None]:
    """今年/本年, 去年/上年, 前年 relative to ``base``: the calendar's year for a question on its own (people mean
    the year they live in: 去年 in 2026 is 2025, whatever the archive holds), the year asked before in a follow-up."""
    if base is None:
        return None, None
    for word, delta in _RELATIVE:
        for m in re.finditer(word, question):
            if not _BASE_BEFORE.search(question[:m.start()]) and not (
                    word in ("本年", "上年") and _ROW_AFTER.match(question, m.end())) and not (
                    word == "前年" and question[max(0, m.start() - 1):m.start()] == "大"):
                return base + delta, word
    return None, None


# two years named by relative words, joined ("前年和去年", "去年、今年")
_TWO_RELATIVE = re.compile(r"(大前年|今年|去年|前年)\s*(?:和|与|跟|及|、)\s*(大前年|今年|去年|前年)")


def relative_base(question: str, base: int) -> int | None:
    """The year a relative word names as a comparison base ("前年比大前年少了多少" → 大前年)."""
    m = re.search(r"(?:比|较|与|跟)(大前年|今年|去年|上年|前年)", question)
    return base + dict(_RELATIVE)[m.group(1)] if m else None


def scope_of(question: str) -> Scope | None:
    """单位预算 / 本级 / 某局机关 ask for one unit's own document, 部门预算 / 部门决算 for the department's."""
    unit = re.search(r"本级|单位(?:预算|决算)|(?<=[局委办部院府])机关(?!运行|事务|服务|后勤|党|工委|幼儿园|事业|单位)|机关(?:本身|自己)",
                     question)  # ("卫健委机关今年预算": the commission's own office)
    department = re.search(r"部门(?:预算|决算)|部门汇总|汇总|整个部门|全部门|部门整体|部门(?=和|与|跟|及|、)|(?<=和|与|跟|及|、)部门|(?<![不没])(?:连同?|含|包括|加上)[^。？?，,]{0,6}?(?:学校|下属|所属)(?![^。？?，,]{0,8}吗)",
                           question)
    if unit and department:
        return None  # both asked ("本级和整个部门的三公经费各是多少"): each is answered
    return Scope.unit if unit else Scope.department if department else None


@lru_cache(maxsize=1)
def figure_words() -> tuple[str, ...]:
    """Words of the vocabulary a person may type (labels, printed labels, plain aliases), longest first."""
    words: set[str] = {"三公经费", "三公", "决算", "预算", "公车", "招待费", "接待费", "经费", "支出", "收入",
                       "减少", "增加", "下降", "增长", "上升", "降低", "持平", "变化", "情况", "原因", "说明",
                       # fiscal terms that begin with a unit's kind word (…局政府采购 names no unit below the 局)
                       "政府采购", "政府购买", "政府性基金", "政府债务", "政府投资", "政府信息公开",
                       # what a performance table prints of a project (执行律 → 执行率)
                       *PROJECT_FIELD_LABELS.values(), "执行率", "完成率", "满意度", "年初预算", "全年预算"}
    for m in METRICS:
        words |= {m.label.replace("“", "").replace("”", ""), *m.printed}
        for alias in m.aliases:
            words |= {w for w in alias.split("|") if re.fullmatch(r"[\u4e00-\u9fff]{2,}", w)}
    return tuple(sorted((w for w in words if len(w) >= 2), key=len, reverse=True))


def correct_homophones(question: str) -> str:
    """The question with figure words typed as homophones replaced by the words themselves (三工 → 三公).

    A span is replaced when every character sounds like the word's (same pinyin, tones ignored), at
    least one is typed exactly, and no word of the vocabulary is typed there already.
    """
    text = question
    for word in figure_words():
        n = len(word)
        if n < 3:
            continue  # two characters sound like too many other words (三宫镇 is not 三公)
        i = 0
        while i + n <= len(text):
            span = text[i:i + n]
            if span != word and any(a == b for a, b in zip(span, word, strict=True)) and all(
                    a == b or pinyin(a) == pinyin(b) for a, b in zip(span, word, strict=True)):
                text = text[:i] + word + text[i + n:]
            i += 1
    return text


_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
# an amount as people write it: 165万, 3529万多, 800多万, 两千多万, 两亿九千多万, 1.2亿, 十几万, 五六百万 (not 一万二)
_AMOUNT_SAID = re.compile(r"(?P<n>\d+(?:\.\d+)?|[零一二两三四五六七八九十百千几]+(?:亿[零一二两三四五六七八九十百千几]*)?|"
                          r"[零一二两三四五六七八九十百千]*亿)(?P<more>多|余)?(?P<unit>万元?|亿元?)(?P<more2>多|余)?"
                          r"(?![零一二两三四五六七八九])")


def _chinese_range(text: str) -> tuple[float, float]:
    """一千二百 → (1200, 1200), 两千 → (2000, 2000), 十几 → (10, 20), 几百 → (100, 1000), 五六百 → (500, 700); the step
    of its last place in the second item when it ends in a place (千 → +1000, to say "两千多")."""
    pair = re.fullmatch(r"([一二两三四五六七八九])([一二两三四五六七八九])([十百千])", text)
    if pair:  # 五六百: five or six hundred
        unit = _CN_UNITS[pair.group(3)]
        return _CN_DIGITS[pair.group(1)] * unit, (_CN_DIGITS[pair.group(2)] + 1) * unit
    if "几" in text:  # 十几 → 11–20, 几十 → 10–100, 一百几十 → 110–200
        before, after = text.split("几", 1)
        base = _chinese_range(before)[0] if before else 0
        unit = _CN_UNITS.get(after[:1], 1)
        return base + unit, base + 10 * unit
    total, digit = 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
    return total + (digit or 0), float(_CN_UNITS.get(text[-1:], 1))


def amounts_said(question: str) -> list[tuple[float, float]]:
    """The amounts a question states, each as the range of 万元 it may mean ("两亿九千多万" → 29000–30000, "800多万" →
    800–900, "3529万多" → 3529–3530, "十几万" → 10–20, "165万" → 165–165): how people name a figure by its size."""
    out = []
    for m in _AMOUNT_SAID.finditer(re.sub(r"(?<=\d),(?=\d{3})", "", question)):
        n, unit = m.group("n"), m.group("unit")
        more_before, more_after = bool(m.group("more")), bool(m.group("more2"))
        if n[0].isdigit():
            value = float(n)
            decimals = len(n.split(".")[1]) if "." in n else 0
            # 800多万: the next hundred; 3529万多, 3.5万多: the next unit of its last digit
            step = 10 ** (len(n) - len(n.rstrip("0"))) if more_before and not decimals else 10 ** -decimals
            high = value + step if more_before or more_after else value
        else:
            head, _, tail = n.partition("亿")
            if "亿" in n:
                low_tail, step_tail = _chinese_range(tail) if tail else (0, 10000)
                value = _chinese_range(head)[0] * 10000 + low_tail
                step = step_tail if tail else 10000
                high = value + step if more_before or more_after else value
            else:
                value, step = _chinese_range(n)
                exact = not re.search(r"几|[一二两三四五六七八九]{2}[十百千]", n)
                high = (value + step if more_before or more_after else value) if exact else step
        if unit.startswith("亿"):
            value, high = value * 10000, high * 10000
        out.append((round(value, 4), round(high, 4)))
    return out


def doc_type_of(question: str) -> DocType | None:
    if re.search(r"决算公开|部门决算|决算报告", question):
        return DocType.final_accounts
    if re.search(r"预算公开|部门预算|预算报告", question):
        return DocType.budget
    if "绩效目标表" in question:
        return DocType.performance_target
    if "自评表" in question or "绩效自评" in question:
        return DocType.performance_self_eval
    return None


def asks_parts(question: str) -> bool:
    """Whether the question asks for the parts of what it names ("车辆有哪些，各几辆", "分别是多少")."""
    return bool(_LIST.search(question))


def intent_of(question: str) -> Intent:
    if _WHY.search(question):
        return Intent.reason
    # (一般公共预算, 政府性基金预算 name a fund, not a budget: "一般公共预算财政拨款基本支出决算表")
    budget_vs_actual = re.search(r"预算", FUND_NAMES.sub("", question)) and re.search(r"实际|决算", question)
    if (_COMPARE.search(question) or budget_vs_actual) and not re.search(r"比(?:上年|去年|\d{4}年)少了多少", question):
        return Intent.comparison
    if _LIST.search(question) and _OF_ITEMS.search(question) and not _EACH_YEAR.search(question) \
            or _WHICH_PROJECT.search(question):
        return Intent.list
    return Intent.figure


# two years asked with 分别 ("2024年和2025年三公经费分别是多少"): each year's figure, not the parts of one
_EACH_YEAR = re.compile(r"(?:今年|去年|前年|\d{4}年度?)[^，,。？?]{0,3}(?:和|与|跟|及|、)(?:今年|去年|前年|\d{4}年度?)"
                        r"(?![^，,。？?]*(?:哪几|哪些|各项|各类|每项|构成))")


# a unit described by what it is in charge of ("管商务的那个委员会", "负责环保的部门")
_IN_CHARGE_OF = re.compile(r"(?:管|负责|主管|分管)(?P<what>[\u4e00-\u9fff]{2,6}?)(?:工作|方面|这块|那块)?的"
                           r"(?:那个|那家|这个|这家|那|这)?(?P<kind>委员会|委|局|办公室|办|中心|部门|单位|机关)")
_ANY_KIND = ("局", "委员会", "委", "办公室", "中心")


def described_unit(text: str, units: UnitIndex) -> str:
    """The question with a unit described by its charge written as a name (管商务的那个委员会 → 商务委员会), when
    a stored unit has that name; a 部门/单位 takes the kind of the unit that fits."""
    m = _IN_CHARGE_OF.search(text)
    if m is None:
        return text
    kinds = _ANY_KIND if m.group("kind") in ("部门", "单位", "机关") else (m.group("kind"),)
    for kind in kinds:
        name = m.group("what") + kind
        named = text[:m.start()] + name + text[m.end():]
        if any(x.start <= m.start() < x.start + len(x.phrase) for x in units.mentions(named)):
            return named
    return text


_DIGITS = "零一二三四五六七八九"


def school_numbers(text: str) -> str:
    """A school's number typed in digits (银川2中, 29中) written as its name has it (二中, 二十九中)."""
    def chinese(m: re.Match) -> str:
        n = int(m.group(1))
        tens, ones = divmod(n, 10)
        return ((_DIGITS[tens] if tens > 1 else "") + "十" if tens else "") + (_DIGITS[ones] if ones else "")
    return re.sub(r"(?<![\d.])([1-9]\d?)(?=中|小|幼|职中)", chinese, text)


# "系统" right after a unit's name: the unit and the units it takes in ("教育局系统"), not an information system
_SYSTEM = re.compile(r"系统(?!建设|运维|维护|升级|改造|开发|集成|项目|采购|软件|硬件|平台|[\u4e00-\u9fff]*费)")


# a town or street office said as where things happen ("镇上搞集镇保洁…", "街道里今年…"): its government, named by kind
_TOWN_SAID = re.compile(r"^(?:我们|咱们|俺们)?(?P<k>镇|乡|街道)(?:上|里|里面)")


def _town_said(text: str) -> str:
    """The question with "镇上/乡里/街道里" at its start read as the town's or street's own office (镇政府, 乡政府, 街道办):
    the one the archive holds, or those it holds to choose from."""
    m = _TOWN_SAID.match(text)
    # (a space after it: what follows is what is done there, no lower unit's name, "镇上搞集镇保洁")
    return text if m is None else {"镇": "镇政府", "乡": "乡政府", "街道": "街道办"}[m.group("k")] + " " + text[m.end():]


def parse_question(question: str, units: UnitIndex, current_year: int | None = None) -> ParsedQuestion:
    """What the question asks, against the stored units of the archive; 今年/去年/前年 count from ``current_year``
    (default: the calendar's)."""
    language = "en" if _mostly_latin(question) else "zh"
    text = party_short(_town_said(described_unit(correct_homophones(school_numbers(to_simplified(question))), units)))
    mentions = units.mentions(text)
    matched = sorted({u for m in mentions for u in m.units})
    asked = years_in(text, bases=False)
    year_phrase = None
    now = current_year or date.today().year
    if not asked:
        rel, year_phrase = relative_year(text, now)
        asked = [rel] if rel is not None else []
        base = relative_base(text, now) if asked else None
        if base is not None and base not in asked:  # two years compared, both named by relative words
            asked.append(base)
        both = _TWO_RELATIVE.search(text)
        if both and rel is not None and metric_keys(text):  # ("前年和去年的三公经费各是多少": each year's figure; a
            # project's or row's two years are its document's columns: "…项目前年和去年的预算分别是多少")
            asked = sorted({now + dict(_RELATIVE)[w] for w in both.groups()})
    only_base = relative_base(text, now) if not asked else None
    if only_base is not None and only_base + 1 >= now:
        only_base = None  # ("比去年多了多少": this year's document, or the newest, and the comparison it states)
    residual = text
    # ("民政局系统在职多少人": the unit with all it takes in, not a system of its)
    system = [m.phrase + "系统" for m in mentions if _SYSTEM.match(text, m.start + len(m.phrase))]
    for p in (*system, *(m.phrase for m in mentions), year_phrase, *(m.group(0) for m in _YEAR.finditer(text))):
        if p:
            residual = residual.replace(p, " ")
    added = synonym_terms(residual)
    unknown = None if mentions else units.unmatched_below(text) or unit_like(text, figure_words())
    filters = QueryFilters(unit=mentions[0].phrase if mentions else None, units=matched,
                           year=asked[0] if len(asked) == 1 else None, doc_type=doc_type_of(text),
                           scope=scope_of(text) or (Scope.department if system else None))
    return ParsedQuestion(text=question, residual=residual.strip(), expanded_terms=added, filters=filters,
                          mentions=mentions, years=asked, year_range=bool(_RANGE.search(text)), base_year=only_base,
                          metrics=metric_keys(text), intent=intent_of(text), scope=filters.scope,
                          unknown_unit=unknown, closest=units.closest(unknown) if unknown else [],
                          corrected=text if text != question else None, language=language)


def _mostly_latin(question: str) -> bool:
    letters = [c for c in question if c.isalpha()]
    return bool(letters) and sum(c.isascii() for c in letters) > len(letters) / 2
