"""Line items: the rows of the classified tables and the sentences that explain them, for questions about rows
the vocabulary has no key for ("行政运行花了多少", "社会保障和就业支出多少", "办公费", "公务员医疗补助为什么增加").

Two sources, both read the same way in every region's template:
- the tables of :mod:`extraction.tablefacts` that list rows by 科目编码 (收入表, 支出表, 一般公共预算支出表,
  基本支出表 by 经济分类, 项目支出表, 政府性基金/国有资本经营支出表). Each row keeps its amounts under the columns
  the header names when the row prints every column, or when its parts add up to its first amount (a PDF row
  that lost its empty cells); otherwise only the first amount (the row's total) is named.
- the sentences 决算 documents print for each 项 ("17.卫生健康支出(类)行政事业单位医疗(款)公务员医疗补助(项):
  支出决算数为6.35万元，比上年决算增加0.10万元，增长1.60%，主要原因是：…", "年初预算为452.11万元，支出决算为
  452.11万元，完成年初预算的100.00%"), read on the text with the spaces and line breaks of a PDF taken out.
"""

from __future__ import annotations

import re
from decimal import Decimal

from core.schemas import DocMeta, DocType, LineAmount, LineItem
from core.vocabulary import REASON_MARKER, item_name, label_of
from extraction.gridcells import grid_items, money_grids, overall_money, sentence_piece
from extraction.prosefacts import (
    Change,
    names_another_year,
    read_changes,
    read_deltas,
    sentence_before,
    sentence_bounds,
)
from extraction.rules_tables import columns, total_first
from extraction.tablefacts import Item, TableFacts, read_facts
from extraction.tables import (
    THREE_PUBLIC_ITEMS,
    column_word,
    project_name,
    stream_pairs,
    table_unit,
    three_public_rows,
)
from extraction.views import indicators
from index.layout import Layout, Row, cite, cite_on_page, cite_with_label, number

# the tables whose rows are 科目 (functional or economic classification) worth answering from
TABLE_KINDS = ("expenditure", "gpb", "income", "basic", "project_gpb", "gov_fund", "state_capital")
# the 收支总表 (all funds) and 财政拨款收支总表: only their classes' rows are kept, for questions that set one table's
# figure against another's ("收支总表和财政拨款表里的城乡社区支出一样吗"); no other answer reads them
SUMMARY_KINDS = ("summary", "grant_summary")

_NUM = r"-?\d[\d,]*(?:\.\d+)?"
_LEVEL = r"[(（]\d*(?P<lv>类|款|项)[)）]"  # (类), or with its code: (210类)(11款)(01项)
# one level of a printed path: a name of 2–30 characters, then (类)/(款)/(项)
# a name's character, or a bracketed word that is no level mark nor ordinal (政府办公厅（室）及相关机构事务)
_NAME_CH = r"(?:[\u4e00-\u9fff、“”\"]|[(（](?!\d*[类款项][)）]|[一二三四五六七八九十]+[)）])[\u4e00-\u9fff]{1,3}[)）])"
_STEP = re.compile(rf"(?P<name>{_NAME_CH}{{2,30}}?)" + _LEVEL)
_PATH = re.compile(rf"(?:{_NAME_CH}{{2,30}}?[(（]\d*类[)）])(?:{_NAME_CH}{{2,30}}?[(（]\d*款[)）])?"
                   rf"(?:{_NAME_CH}{{2,30}}?[(（]\d*项[)）])?"
                   rf"|{_NAME_CH}{{2,30}}?[(（]\d*款[)）]{_NAME_CH}{{2,30}}?[(（]\d*项[)）]")  # (its 类 left out: "司法（款）…（项）")
_NOT_CLASSES = {"基本支出", "项目支出", "本年支出", "财政拨款支出", "一般公共预算财政拨款支出"}  # shares, not classes
# a class's share without a level mark: "3.卫生健康支出243.47万元，占8.74%"
_SHARE = re.compile(rf"(?:^|(?<=[。；;，,：:、.\d]))(?P<name>[\u4e00-\u9fff]{{2,16}}?支出)(?P<v>{_NUM})万元[,，]?占(?:比)?"
                    rf"(?:本年支出合计的|支出合计的|总支出的|全部支出的)?(?P<pct>{_NUM})?%?")
# where a 项's statement ends at the latest: a heading of the next part or section
_HEADING = re.compile(r"第[一二三四五六七八九十]+部分|[(（][一二三四五六七八九十]+[)）]|(?<=[。；])[一二三四五六七八九十]+、")
_STATED = (  # what a 项 sentence prints, each with the column it is shown under
    ("年初预算", re.compile(rf"年初预算(?:数)?(?:为|是)?(?P<v>{_NUM})(?P<u>万元|元)")),
    ("调整预算", re.compile(rf"调整(?:后)?预算(?:数)?(?:为|是)?(?P<v>{_NUM})(?P<u>万元|元)")),
    ("决算", re.compile(rf"(?<!比)(?<!较)(?<!比\d{{4}}年)(?<!比\d{{4}}年度)(?<!较\d{{4}}年)(?<!较\d{{4}}年度)(?<!上年)(?<!上年度)"
                      rf"(?:支出)?决算(?:数)?(?:为|是)?(?P<v>{_NUM})(?P<u>万元|元)")),  # (not the base's: 比2021年度决算数…)
    ("预算", re.compile(rf"(?<![初整])预算(?:数)?(?:为|是)(?P<v>{_NUM})(?P<u>万元|元)")),
    ("比年初预算增减", re.compile(rf"(?:比|较)年初预算(?:数)?(?P<d>增加|减少|增长|下降)(?P<v>{_NUM})(?P<u>万元|元)")),
    ("比上年增减", re.compile(rf"(?:比|较)(?:上年|20\d\d年)度?(?:决算|预算)?(?:数)?(?:为?{_NUM}万元)?"
                         rf"(?P<d>增加|减少|增长|下降)(?P<v>{_NUM})(?P<u>万元|元)")),  # (the year before is last year)
    ("增减率", re.compile(rf"(?:增加|减少)(?:{_NUM})(?:万元|元)[,，]?(?P<d>增长|下降)(?P<v>{_NUM})(?P<u>%)")),
    ("完成年初预算", re.compile(rf"完成(?:年初)?预算的(?P<v>{_NUM})(?P<u>%)")),
)


def _value(text: str, direction: str | None = None) -> str:
    v = text.replace(",", "")
    return f"-{v}" if direction in ("减少", "下降") and not v.startswith("-") else v


def _name(label: str) -> str:
    """A row's name as printed, list punctuation and an unclosed quote before it left out (a quote it closes kept:
    “两庭”建设)."""
    name = re.sub(r"^年度?(?![初末底金])", "", item_name(label).lstrip("、"))  # (the year's tail: "2022年度教育支出(类)")
    return name if re.match(r"“[^”]+”", name) else name.lstrip("“”\"")


def _columns(t: TableFacts, item: Item) -> list[str | None]:
    """The column of each amount of a row: all of them when the row prints every column the header names, or when
    two parts add up to the first amount in a total-first table (合计 = 基本支出 + 项目支出); else only the total."""
    cols = total_first(t)
    n = len(item.amounts)
    if not cols:
        return [None] * n
    if n == len(cols):
        return list(cols)
    values = [a.value for a in item.amounts]
    last_digit = Decimal(1).scaleb(min(v.as_tuple().exponent for v in values[:3])) if n == 3 else None
    if n == 3 and len(cols) >= 3 and values[1] and values[2] and abs(values[0] - values[1] - values[2]) <= last_digit:
        return list(cols[:3])  # (parts may be off their total by one unit of the last printed digit: rounding)
    return [cols[0]] + [None] * (n - 1)


def table_items(t: TableFacts, layout: Layout, meta: DocMeta) -> list[LineItem]:
    out = []
    unit = "元" if t.unit == "元" else "万元"
    for item in t.entries:
        if not item.amounts:
            continue
        cols = _columns(t, item)
        amounts = [LineAmount(column=c, value=_value(a.text), unit=unit) for c, a in zip(cols, item.amounts, strict=True)]
        out.append(LineItem(code=item.code, name=_name(item.name), kind=t.kind or "", table=t.title, amounts=amounts,
                            citation=cite(layout.doc, meta, item.start, item.end)))
    return out


def summary_items(t: TableFacts, layout: Layout, meta: DocMeta) -> list[LineItem]:
    """The class rows of a 收支总表 (printed by name, without codes), each with its first amount (the total; a
    行次 the table reader left in front of decimals, "一般公共服务支出 32 3864.28", is not an amount)."""
    unit = "元" if t.unit == "元" else "万元"
    out = []
    for item in t.labelled:
        name = _name(item.label)
        if not name.endswith("支出") or name in _NOT_CLASSES or name.startswith("本年"):
            continue
        texts = [a.text for a in item.amounts]
        while len(texts) > 1 and re.fullmatch(r"\d{1,3}", texts[0]) and "." in texts[1]:
            texts = texts[1:]
        out.append(LineItem(name=name, kind=t.kind or "", table=t.title,
                            amounts=[LineAmount(column=None, value=_value(texts[0]), unit=unit)],
                            citation=cite(layout.doc, meta, item.start, item.end)))
    return out


def stream_summary_items(layout: Layout, meta: DocMeta) -> list[LineItem]:
    """The class rows of a 收支总表 printed one cell per line ("一、农林水支出" / "4,760.20"), as :func:`summary_items`
    gives them from its rows."""
    out = []
    for t in layout.tables:
        if not re.search(r"收支总表|收入支出决算总表|收支决算总表|收支预算总表", t.title) or "财政拨款" in t.title \
                or (pairs := stream_pairs(t)) is None:
            continue
        for label, value, n in pairs:
            name = _name(label.cells[0])
            if name.endswith("支出") and name not in _NOT_CLASSES and not name.startswith("本年"):
                out.append(LineItem(name=name, kind="summary", table=re.sub(r"\s+", "", t.title),
                                    amounts=[LineAmount(column=None, value=_value(n[0]), unit=table_unit(t))],
                                    citation=cite_with_label(layout.doc, meta, label.start, value.start, value.end)))
    return out


def _squashed(text: str) -> tuple[str, list[int]]:
    """``text`` without whitespace, and the offset in ``text`` of each kept character."""
    keep = [i for i, c in enumerate(text) if not c.isspace()]
    return "".join(text[i] for i in keep), keep


def prose_items(layout: Layout, meta: DocMeta) -> list[LineItem]:
    """The 项 sentences: a printed path (…(类)…(款)…(项)) and, up to the next path, what it states."""
    text, at = _squashed(layout.doc.text)
    paths = list(_PATH.finditer(text))
    out = []
    for n, m in enumerate(paths):
        end = min(paths[n + 1].start() if n + 1 < len(paths) else len(text), m.end() + 400)
        body = text[m.end():end]
        head = _HEADING.search(body)
        body = body[: head.start()] if head else body
        amounts = []
        printed = re.match(rf"[:：]?(?P<v>{_NUM})(?P<u>万元|元)(?:[,，]占(?:比)?(?P<pct>{_NUM})%)?", body)
        if printed:  # "一般公共服务支出(类)2,704.25万元，占76.62%"
            amounts.append(LineAmount(column="预算" if meta.doc_type == DocType.budget else "决算",
                                      value=_value(printed.group("v")), unit=printed.group("u")))
            if printed.group("pct"):
                amounts.append(LineAmount(column="占比", value=printed.group("pct"), unit="%"))
        for column, pattern in _STATED:
            s = pattern.search(body)
            if s and not any(a.column == column or column == "决算" and a.column == "预算" for a in amounts):
                amounts.append(LineAmount(column=column, value=_value(s.group("v"), s.groupdict().get("d")),
                                          unit=s.group("u")))
        if not any(a.column in ("决算", "预算", "年初预算") for a in amounts):
            continue
        steps = [(_name(s.group("name")), s.group("lv")) for s in _STEP.finditer(m.group(0))]
        reason = REASON_MARKER.search(body)
        why = None
        if reason:  # as printed (full-width punctuation), the PDF's line breaks taken out
            stop = re.search(r"[。]", body[reason.end():])
            first = m.end() + reason.end()
            last = first + (stop.start() if stop else len(body) - reason.end())
            if last > first:
                why = re.sub(r"\s+", "", layout.doc.printed(at[first], at[last - 1] + 1)).strip("：:，,") or None
        stop = body.rfind("。") + 1 or len(body)
        start = at[m.start()]
        out.append(LineItem(name=steps[-1][0], path=[s for s, _ in steps], kind="prose", amounts=amounts,
                            reason=why, citation=_cite(layout, meta, start, at[min(m.end() + stop, len(at)) - 1] + 1)))
    return out


def _cite(layout: Layout, meta: DocMeta, start: int, end: int):
    """The sentence up to the end of its page (a citation quotes one page; the rest of it is on the next)."""
    return cite_on_page(layout.doc, meta, start, end)


def share_items(layout: Layout, meta: DocMeta) -> list[LineItem]:
    """Classes stated with their share and no level mark ("3.卫生健康支出243.47万元，占8.74%")."""
    text, at = _squashed(layout.doc.text)
    column = "预算" if meta.doc_type == DocType.budget else "决算"
    return [LineItem(name=m.group("name"), kind="prose", citation=_cite(layout, meta, at[m.start()], at[m.end() - 1] + 1),
                     amounts=[LineAmount(column=column, value=_value(m.group("v")), unit="万元")]
                     + ([LineAmount(column="占比", value=m.group("pct"), unit="%")] if m.group("pct") else []))
            for m in _SHARE.finditer(text) if m.group("name") not in _NOT_CLASSES]


def change_items(layout: Layout, meta: DocMeta) -> list[LineItem]:
    """Changes against last year stated in the running text ("公务用车运行维护费支出25.67万元，…比上年度减少9.48万元，
    下降26.97%"), named by the words before them: what a question comparing with last year is answered from."""
    out = []
    prev = None
    for line in layout.narrative:
        whole = line
        if prev is not None and _OPENS_WITH_BASE.match(line.text) and prev.section == line.section \
                and 0 < (gap := line.start - prev.start - len(prev.text)) <= 2:
            # (a line that opens with its base continues the sentence before it: "…支出决算44.10万元，完成全年预算的
            # 91.88%。" / "与2024年度决算28.96万元相比，增加15.14万元…", the PDF's paragraph broken after 。)
            whole = line._replace(start=prev.start, text=prev.text + "\n" * gap + line.text)
        prev = line
        at = line.start - whole.start  # (offsets below are in ``whole``: the line, or the line before it and the line)
        changes = [c for c in read_changes([whole.text]) if c.end > at]
        for c in changes:
            # (a lead-in clause is no subject: "经比较,2021年度镇本级“三公”经费" is the 三公 money's)
            name = re.sub(r"^(?:\d{4}年度?|其中[:：]?|[，,、]|(?:经[\u4e00-\u9fff]{1,3}|总体(?:来)?看|综上|对比)[，,:：])+", "",
                          c.subject)
            name = re.sub(r"[各均]$", "", name)  # (收、支总计各增加…)
            path = []
            if (classed := _PATH.search(name)) is not None and classed.start() <= 4:
                # a 项 sentence ("1.一般公共服务支出（类）组织事务（款）行政运行（项）2026年预算1182.46万元"): named by
                # its last level, its levels its path
                path = [_name(st.group("name")) for st in _STEP.finditer(classed.group(0))]
                name = path[-1] if path else name
            if c.against_budget:  # (its column says the amount: the name is what it is of)
                name = re.sub(r"(?:决算数?|支出|为|共计)*\d[\d,.]*万元$", "", re.sub(r"^.*?\d{4}年度?", "", name)) or name
            s_start, _ = sentence_bounds(whole.text, c.start)
            if len(name) < 2 and c.now:  # "一般公共服务支出年初预算…，支出决算3,864.28万元…。较上年决算增加240.21万元":
                head = re.match(r"\s*(?:\d{4}年度?)?([\u4e00-\u9fff“”()（）、]+)", whole.text[s_start:])  # what the sentence before is about
                # (its figure's name: the words before the column its amount is under, 一般公共预算 kept)
                name = re.sub(r"(?:年初|全年|调整后)?(?:预算|决算)数?(?:为|是)?$", "", head.group(1)) if head else ""
            if len(name) < 2 and c.now_at is not None:  # (the sentence opens with another figure: "全年预算数3,210.00万元，
                # 全年实际支出2,987.45万元，…。与2024年实际支出…相比，增加…": the words its amount follows name it)
                words = re.search(r"([\u4e00-\u9fff“”()（）]+)(?:为|是)?$", whole.text[:c.now_at])
                name = words.group(1) if words else ""
            if len(name) < 2 or re.match(r"[较比与]", name):
                continue
            # (a change against this year's own 年初预算 is how the year's spending kept to its budget, not a change)
            now_column = "决算" if c.against_budget else "本年"
            amounts = [LineAmount(column=now_column, value=c.now.replace(",", ""), unit="万元")] if c.now else []
            if not c.against_budget and (last := _base_amount(c)) is not None:
                amounts.append(last)
            amounts += [LineAmount(column="比年初预算增减" if c.against_budget else _base_column(c.base_words),
                                   value=_value(c.delta, None if c.up else "减少"), unit="万元"),
                        LineAmount(column="增减率", value=_value(c.pct, None if c.pct_up else "下降"), unit="%")]
            _, c_end = sentence_bounds(whole.text, c.end)
            why = REASON_MARKER.search(whole.text, c.end, c_end)  # "…增长6.63%，主要原因是新增…项目支出。"
            reason = re.sub(r"\s+", "", whole.text[why.end():c_end]).rstrip("。；;") or None if why else None
            out.append(LineItem(name=name, kind="vs_budget" if c.against_budget else "change", amounts=amounts,
                                path=path, reason=reason,
                                citation=_cite(layout, meta, whole.start + s_start, whole.start + c.end)))
        out += _deltas(layout, meta, line, [(c.start - at, c.end - at) for c in changes])
    return out


# the base's own amount printed with it: "与2024年度的 34.70 万元相比", "比上年决算数21.90万元"
# (a budget's base is last year's budget, its column says so: "比2025年预算数40.40万元减少…" is 2025年预算)
_BASE_AMOUNT = re.compile(r"(?P<y>上年|上一年|去年|\d{4}\s*年)度?(?:决算数?|(?P<budget>预算)数?|支出数|实际支出数?)?[为的]?\s*"
                          r"(?P<num>\d[\d,]*(?:\.\d+)?)\s*万元")


def _year_column(words: str) -> str:
    """Last year's column as its words name it: 2024年, else 上年 (去年, 上一年)."""
    return re.sub(r"\s+", "", words).replace("去年", "上年").replace("上一年", "上年")


def _base_amount(c: Change) -> LineAmount | None:
    """Last year's figure a change prints with it ("上年为Y万元", "与2024年度的Y万元相比"), named by its year."""
    base = _BASE_AMOUNT.search(c.base_words)
    if base is not None:
        return LineAmount(column=_year_column(base.group("y")) + (base.group("budget") or ""),
                          value=base.group("num").replace(",", ""), unit="万元")
    return LineAmount(column="上年", value=c.last.replace(",", ""), unit="万元") if c.last else None


def _base_column(base_words: str) -> str:
    """The column of a change against last year, named by its base when that is not last year's actual ("比2021年预算"
    is said so, not as 比上年)."""
    base = re.sub(r"^(?:比|较|与|同)|[为的]?[\d,]+(?:\.\d+)?万元|(?:相比|比较)?[,，]?$|\s+", "", base_words)
    return "比上年增减" if not base or re.fullmatch(r"(?:上年|上一年|去年)度?(?:同期)?(?:决算数?|支出数|实际支出数?)?|比", base) \
        else f"比{base}增减"


# a sentence that opens with the base of its change ("与2024年度决算28.96万元相比，增加…")
_OPENS_WITH_BASE = re.compile(r"^\s*(?:与|比|较|同)(?:上年|上一年|去年|\d{4}\s*年)|"
                              r"^\s*决算数?[大小]于(?:年初|全年)?预算数?的主要原因[^。]*。\s*(?:与|比|较|同)(?:上年|上一年|去年|\d{4}\s*年)")
# a change against last year stated of a subject with no amount before it ("“三公”经费比上年增加6.74万元")
_SUBJECT_DELTA = re.compile(rf"(?P<subject>[^，,。；;：:\d]{{2,30}}?)(?:比|较)(?:上年|上一年|去年)度?(?:决算数?|预算数?)?"
                            rf"(?P<dir>增加|减少)了?(?P<delta>{_NUM})万元(?![，,]?\s*(?:增长|下降|增加|减少))")


# a change stated by its rate alone ("公务接待费0.498万元，较2014年决算减少8%", "“三公”经费支出与2017年度相比，减幅2.64%"),
# and a part's rate in a clause of its own after it ("，其中公务用车运行费减幅2.43%")
_RATE_MOVE = r"(?P<dir>增加|减少|增长|下降|上升|降低|增幅|减幅|降幅)(?:了|为)?(?P<pct>\d+(?:\.\d+)?)\s*%"
_RATE_CHANGE = re.compile(rf"(?P<subject>[^，,。；;：:\d]{{2,30}}?)(?:(?P<now>\d[\d,]*(?:\.\d+)?)万元)?[，,]?(?:比|较|与|同)(?P<base>上年|上一年|去年|\d{{4}}\s*年)度?"
                          rf"(?:同期)?(?:决算数?|预算数?|支出数)?(?:相比|比较)?[，,]?{_RATE_MOVE}")
def _last_year(base: str, year: int | None) -> bool:
    """Whether a change's base is last year ("上年", or the year before the document's)."""
    printed = re.match(r"(\d{4})", base)
    return printed is None or year is None or int(printed.group(1)) == year - 1


_PART_RATE = re.compile(rf"(?<=[，,；;])(?:其中[:：]?)?(?P<name>[\u4e00-\u9fff（）()“”]{{2,14}}?(?:费|经费|支出))(?:支出)?{_RATE_MOVE}")
# a part's change in a clause of its own after a stated change ("；公务接待费减少0.62万元"): a figure's name, a move
_PART_CHANGE = re.compile(rf"(?<=[，,；;。：:])(?P<name>[\u4e00-\u9fff（）()]{{2,14}}?(?:费|经费|支出))"
                          rf"(?P<dir>增加|减少)了?(?P<delta>{_NUM})万元")


def _rate_amounts(name: str, r: re.Match) -> list[LineAmount]:
    """A change stated by its rate: the rate, and the figure it is of when printed just before ("…2364万元,比上年…"),
    unless what is printed there is last year's figure or a column's amount (上年支出合计3400.00万元, 年初预算2300.00万元)."""
    down = r.group("dir") in ("减少", "下降", "降低", "减幅", "降幅")
    now = r.groupdict().get("now")
    if re.match(r"(?:上年|上一年|去年|年初|全年|预算|决算)", name):
        now = None
    amounts = [LineAmount(column="本年", value=now.replace(",", ""), unit="万元")] if now else []
    return [*amounts, LineAmount(column="增减率", value=_value(r.group("pct"), "下降" if down else None), unit="%")]


def _deltas(layout: Layout, meta: DocMeta, line, taken: list[tuple[int, int]]) -> list[LineItem]:
    """Changes stated without a percentage ("财政拨款收入预算37151.47万元，比2024年预算执行数增加24558.18万元"), named
    by the words before the amount in its clause; the base is kept in the column when it is not last year's 决算."""
    out = []
    # "2021年一般公共预算“三公”经费比上年增加6.74万元", "与上年相比，收入、支出预算总计各增加97.34万元": no amount of its own
    for m in [*_SUBJECT_DELTA.finditer(line.text), *_BASE_FIRST_DELTA.finditer(line.text)]:
        name = re.sub(r"^(?:年度?|其中|本年度?|今年)+", "", re.sub(r"\s+", "", m.group("subject")))  # (after a year)
        if len(name) < 2 or any(m.start() < e and s < m.end() for s, e in taken):
            continue
        taken = [*taken, m.span()]
        amounts = [LineAmount(column="比上年增减", value=_value(m.group("delta"), None if m.group("dir") == "增加" else "减少"),
                              unit="万元")]
        out.append(LineItem(name=name, kind="change", amounts=amounts,
                            citation=_cite(layout, meta, line.start + m.start(), line.start + m.end())))
    anchor = re.search(r"(?:比|较)(?:上年|上一年|去年)", line.text)
    for m in _PART_CHANGE.finditer(line.text, anchor.end() if anchor else len(line.text)):
        # "…比上年增加6.74万元，其中：…；公务接待费减少0.62万元，主要原因是：…": a part's change, last year the base
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        taken = [*taken, m.span()]
        _, end = sentence_bounds(line.text, m.end())
        why = REASON_MARKER.search(line.text, m.end(), end)
        reason = re.sub(r"\s+", "", line.text[why.end():end]).strip("：:").rstrip("。；;") or None if why else None
        amounts = [LineAmount(column="比上年增减", value=_value(m.group("delta"), None if m.group("dir") == "增加" else "减少"),
                              unit="万元")]
        out.append(LineItem(name=m.group("name"), kind="change", amounts=amounts, reason=reason,
                            citation=_cite(layout, meta, line.start + m.start("name"), line.start + end)))
    for m in _RATE_CHANGE.finditer(line.text):
        if any(m.start("dir") < e and s < m.end() for s, e in taken) or not _last_year(m.group("base"), meta.year) \
                or re.search(r"占|比重|比例", m.group("subject")):
            continue  # (against another year than the last, or this year's budget; a share's change is no figure's)
        name = re.sub(r"^(?:\d{4}年度?|年度?(?![初末底中])|其中|本年度?|今年)+", "", re.sub(r"\s+", "", m.group("subject")))
        taken = [*taken, m.span()]
        _, sentence_end = sentence_bounds(line.text, m.end())
        items = [(name, m)] + [(p.group("name"), p) for p in _PART_RATE.finditer(line.text, m.end(), sentence_end)
                               if not any(p.start() < e and s < p.end() for s, e in taken)]
        for part_name, r in items:
            if len(part_name) < 2:
                continue
            taken = [*taken, r.span()]
            _, end = sentence_bounds(line.text, r.end())
            why = REASON_MARKER.search(line.text, r.end(), end)
            reason = re.sub(r"\s+", "", line.text[why.end():end]).strip("：:").rstrip("。；;") or None if why else None
            out.append(LineItem(name=part_name, kind="change", amounts=_rate_amounts(part_name, r), reason=reason,
                                citation=_cite(layout, meta, line.start + r.start(), line.start + end)))
    for d in read_deltas([line.text]):
        if any(d.start < e and s < d.end for s, e in taken):
            continue
        s_start, _ = sentence_bounds(line.text, d.start)
        clause = re.split(r"[，,；;：:]", line.text[s_start:d.start])[-1]
        name = re.sub(r"^(?:\d{4}年度?|其中|本年度?|今年)+", "", re.sub(r"\s+", "", clause))
        if len(name) < 2 or _LAST_YEARS.fullmatch(name):
            continue  # (the amount is last year's: "…4.50万元，上年为6.00万元，比上年减少1.50万元" is read below)
        base = re.sub(r"\s+", "", d.base)
        column = "比上年增减" if re.fullmatch(r"(?:上年|上一年|去年)度?(?:决算数?)?", base) else f"比{base}增减"
        amounts = [LineAmount(column="本年", value=d.now.replace(",", ""), unit="万元"),
                   LineAmount(column=column, value=_value(d.delta, None if d.up else "减少"), unit="万元")]
        out.append(LineItem(name=name, kind="change", amounts=amounts,
                            citation=_cite(layout, meta, line.start + d.start, line.start + d.end)))
        taken = [*taken, (d.start, d.end)]
    return out + _based_deltas(layout, meta, line, taken) + _stated_bases(layout, meta, line)


# the base first, then the subject and its change, no percentage ("与上年相比，收入、支出预算总计各增加97.34万元")
_BASE_FIRST_DELTA = re.compile(rf"(?:与|同)(?:上年|上一年|去年)度?(?:相比|比较)[,，]\s*(?P<subject>[^，,。；;：:\d]{{2,30}}?)各?"
                               rf"(?P<dir>增加|减少)了?(?P<delta>{_NUM})万元(?![，,]?\s*(?:同比)?(?:增长|下降|增幅|降幅))")


# a change without a percentage that prints its base's amount, its figure before it in its sentence or in the sentence
# before: "…支出决算为19.30万元，与2024年度的20.10万元相比，减少0.80万元", "…支出142.60万元，比2024年度的137.40万元增加
# 5.20万元", "…支出决算为1.80万元，完成全年预算的100%。与2024年度的1.30万元相比，增加0.50万元", "…。上年为5.90万元，增加…"
_BASED_DELTA = re.compile(rf"(?:(?:与|比|较|同)(?P<y>上年|上一年|去年|\d{{4}}\s*年)度?(?:决算数?)?[为的]?\s*(?P<base>{_NUM})\s*万元"
                          rf"(?:相比|比较)?[,，]?|(?P<y2>上年|上一年|去年)度?(?:决算数?)?(?:为|是)\s*(?P<base2>{_NUM})\s*万元[,，]"
                          rf"(?:(?:比|较)(?:上年|上一年|去年)度?)?)\s*"  # ("…，上年为6.00万元，比上年减少1.50万元")
                          rf"(?P<dir>增加|减少)了?\s*(?P<delta>{_NUM})\s*万元(?![，,]?\s*(?:同比)?(?:增长|下降|增幅|降幅))")
_STATED_AMOUNT = re.compile(rf"(?P<num>{_NUM})\s*万元")


def _based_deltas(layout: Layout, meta: DocMeta, line, taken: list[tuple[int, int]]) -> list[LineItem]:
    """Changes without a percentage that print their base's amount, named by the figure before them: the last amount
    of their own sentence's clauses before, else the first of the sentence before (a budget-gap reason between them
    passed over)."""
    out = []
    text = line.text
    for m in _BASED_DELTA.finditer(text):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        s_start, _ = sentence_bounds(text, m.start())
        nows = list(_STATED_AMOUNT.finditer(text, s_start, m.start()))
        if nows:  # (its own sentence: the clause with the last amount before it)
            now, p_start = nows[-1], s_start
            head = re.sub(r"\s+", "", text[s_start:now.start()])
            head = re.split(r"[，,；;：:]", head)[-1]
        else:
            if s_start == 0 or re.search(r"[\u4e00-\u9fff]{2}", text[s_start:m.start()]):
                continue
            p_start = sentence_before(text, s_start, _STATED_AMOUNT)
            nows = list(_STATED_AMOUNT.finditer(text, p_start, s_start))
            if not nows:
                continue
            now = nows[0]  # (the sentence's figure: "…支出决算为1.80万元，完成全年预算的…")
            head = re.split(r"[；;：:]", re.sub(r"\s+", "", text[p_start:now.start()]))[-1]
        name = re.sub(r"(?:支出)?(?:年初|全年|调整后)?(?:预算|决算)?数?(?:为|是)?$", "",
                      re.sub(r"^(?:\d{4}年度?|其中[:：]?|[，,、])+", "", head))
        if len(name) < 2:
            continue
        amounts = [LineAmount(column="本年", value=now.group("num").replace(",", ""), unit="万元"),
                   LineAmount(column=_year_column(m.group("y") or m.group("y2")),
                              value=(m.group("base") or m.group("base2")).replace(",", ""), unit="万元"),
                   LineAmount(column="比上年增减", value=_value(m.group("delta"), None if m.group("dir") == "增加" else "减少"),
                              unit="万元")]
        out.append(LineItem(name=name + ("支出" if not name.endswith(("支出", "费", "经费")) else ""), kind="change",
                            amounts=amounts, citation=_cite(layout, meta, line.start + p_start, line.start + m.end())))
    return out


# a figure and last year's printed after it with no change stated: "公务接待费2.40万元，上年为4.10万元。", "…12.60万元
# （上年决算数：15.10万元）", "…7.20万元（其中…），上年8.60万元", "…1.80万元，较上年的3.20万元有所减少" (a change
# stated with its amount is read by the readers above)
_STATED_BASE = re.compile(rf"(?P<now>{_NUM})\s*万元(?:[(（][^()（）]{{0,60}}[)）])?(?:[，,]\s*|\s*[(（])"
                          rf"(?:(?P<y>上年|上一年|去年|\d{{4}}\s*年)度?(?:同期)?(?:决算数?|支出数|实际支出数?)?(?:为|是|[:：])?\s*"
                          rf"(?P<base>{_NUM})\s*万元[)）]?(?![，,]?\s*(?:同比)?(?:增加|减少|增长|下降|上升|降低|持平|比|较))|"
                          rf"(?:较|比)(?P<y3>上年|上一年|去年)度?(?:的|同期的?)?\s*(?P<base3>{_NUM})\s*万元(?:有所|略有)?"
                          rf"(?:增加|减少|增长|下降|上升|降低)(?![了\s]*{_NUM}))")


# the words that say an amount is last year's ("上年为", "上年决算数为")
_LAST_YEARS = re.compile(r"(?:上年|上一年|去年)度?(?:同期)?(?:决算数?|支出数|实际支出数?)?(?:为|是|[:：])?")


def _stated_bases(layout: Layout, meta: DocMeta, line) -> list[LineItem]:
    """A figure with last year's beside it and no change: its 本年 and 上年 (or 2024年) amounts, named by the words
    before the figure in its clause; the change is the answerer's to compute, and to say so."""
    out = []
    text = line.text
    for m in _STATED_BASE.finditer(text):
        s_start, _ = sentence_bounds(text, m.start())
        head = re.split(r"[，,；;：:]", re.sub(r"\s+", "", text[s_start:m.start("now")]))[-1]
        name = re.sub(r"(?:支出)?(?:决算|预算)?数?(?:为|是)?$", "", re.sub(r"^(?:\d{4}年度?|其中|本年度?)+", "", head))
        if len(name) < 2:
            continue
        amounts = [LineAmount(column="本年", value=m.group("now").replace(",", ""), unit="万元"),
                   LineAmount(column=_year_column(m.group("y") or m.group("y3")),
                              value=(m.group("base") or m.group("base3")).replace(",", ""), unit="万元")]
        out.append(LineItem(name=name + ("支出" if not name.endswith(("支出", "费", "经费")) else ""), kind="change",
                            amounts=amounts, citation=_cite(layout, meta, line.start + s_start, line.start + m.end())))
    return out


_INITIAL = re.compile(rf"(?P<w>(?:年初|全年)?)预算(?:数)?(?:为|是)?(?P<v>{_NUM})万元")
_OTHER_YEAR = re.compile(r"上年|去年|上一年|\d{4}年")
_FINAL = re.compile(rf"(?:支出)?决算(?:数)?(?:为|是)?(?P<v>{_NUM})万元")
_RATE = re.compile(rf"(?P<w>完成(?:年初|全年|调整后)?预算(?:数)?的|(?:为|是)(?:年初|全年)?预算(?:数)?的|预决算差异率(?:为|是)?|差异率(?:为|是)?)"
                   rf"(?P<v>{_NUM})%")
_SUBJECT_END = re.compile(r"与上年|与年初|比上年|较上年|[，,](?!\d)")
_NAME_ALONE = re.compile(r"^\s*(?:[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．])\s*(?P<name>[\u4e00-\u9fff（）()“”]{2,30})。$")


def budget_items(layout: Layout, meta: DocMeta) -> list[LineItem]:
    """年初预算 against 决算 as the running text states it ("一般公共预算财政拨款支出年初预算为10210.34万元，支出决算为
    9746.50万元，完成年初预算的95.45%"; "与年初预算相比，年初预算数3,495.42万元，决算数3,529.27万元，预决算差异率
    0.97%"), named by the words before it in its sentence, or by the subject its paragraph opens with."""
    out = []
    for line in layout.narrative:
        text, at = _squashed(line.text)  # (a PDF's text puts spaces and line breaks inside words)
        titled = ""  # the sentence before when it is a name alone ("（三）公务用车运行维护费。"): what the next is of
        previous = ""
        for part in re.finditer(r"[^。]+。?", text):
            sentence = part.group(0)
            before, titled = titled, (t.group("name") if (t := _NAME_ALONE.match(sentence)) else "")
            before, previous = before or _same_amount_subject(previous, sentence), sentence
            initial = _INITIAL.search(sentence)
            final = _FINAL.search(sentence, initial.end()) if initial else None
            if not (initial and final) or not initial.group("w") and (
                    meta.doc_type != DocType.final_accounts or _OTHER_YEAR.search(sentence, initial.end(), final.start())):
                continue  # (a bare 预算 is the year's budget only in final accounts, with no other year's 决算 after it)
            name = re.sub(r"^(?:\d{4}年度?)|与(?:年初|全年)预算相比[，,]?|[，,]+$", "", sentence[:initial.start()]).strip("，, ")
            name = name or before
            if len(name) < 2 and not re.match(r"与(?:年初|全年)预算相比", sentence):
                continue  # (a 项 sentence's amounts: read with its path by prose_items)
            if len(name) < 2:  # "与年初预算相比，…": the paragraph's subject ("财政拨款收入支出总体与上年相比…")
                head = _SUBJECT_END.search(text)
                name = re.sub(r"^\d{4}年度?", "", text[:head.start()] if head else "")
            planned = f"{initial.group('w')}预算"  # (年初预算, 全年预算 as printed; "预算为5.00万元，支出决算为3.84万元")
            amounts = [LineAmount(column=planned, value=_value(initial.group("v")), unit="万元"),
                       LineAmount(column="决算", value=_value(final.group("v")), unit="万元")]
            rate = _RATE.search(sentence, final.end())
            if rate:  # (of the budget its words name: "完成调整后预算的94.12%" is not the 年初预算's completion)
                base = re.search(r"年初|全年|调整后", rate.group("w"))
                amounts.append(LineAmount(column="预决算差异率" if "差异率" in rate.group("w")
                                          else f"完成{base.group(0)}预算" if base else f"完成{planned}",
                                          value=_value(rate.group("v")), unit="%"))
            first, last = part.start(), part.start() + (rate or final).end() - 1
            out.append(LineItem(name=name, kind="vs_budget", amounts=amounts, citation=_cite(
                layout, meta, line.start + at[first], line.start + at[last] + 1)))
    return out


# a sentence that opens with a figure's name and its amount ("2025年度一般公共预算财政拨款支出24559.42万元，占…")
_OPENS_WITH_AMOUNT = re.compile(rf"^(?:\d{{4}}年度?)?(?P<name>[\u4e00-\u9fff“”()（）]{{2,30}}?)(?:决算数?)?(?:为|是)?"
                                rf"(?P<v>{_NUM})万元")


def _same_amount_subject(previous: str, sentence: str) -> str:
    """What the sentence before names, when it opens with the amount this sentence gives as 决算 ("…支出24559.42万元，
    占…。年初预算为22676.20万元，支出决算为24559.42万元…"): the subject the bare 年初预算 sentence goes on about."""
    opened, final = _OPENS_WITH_AMOUNT.match(previous), _FINAL.search(sentence)
    return opened.group("name") if opened and final and _value(opened.group("v")) == _value(final.group("v")) else ""


_NIL = re.compile(r"(?:无|没有|未安排|未发生|未开支|不涉及)(?P<what>[^，,。；;]{2,40})")
_AMOUNT = re.compile(r"[1-9]\d*(?:\.\d+)?\s*万元|0\.\d*[1-9]\d*\s*万元")


def nil_items(layout: Layout, meta: DocMeta) -> list[LineItem]:
    """Statements that there is none of something ("本单位本年度无政府性基金预算财政拨款收入、支出及结转和结余",
    "未发生因公出国（境）费"): a nil is an answer (0, with this citation). The name is what follows the nil word,
    to the end of its clause; a sentence printing a non-zero amount states no nil."""
    out = []
    for line in layout.narrative:
        for m in _NIL.finditer(line.text):
            s_start, s_end = sentence_bounds(line.text, m.start())
            if _AMOUNT.search(line.text, s_start, s_end):
                continue
            out.append(LineItem(name=m.group(0), kind="nil", amounts=[],
                                citation=_cite(layout, meta, line.start + s_start, line.start + s_end)))
    return out


_COUNTED = re.compile(r"\d+\s*个")


def evaluation_summaries(layout: Layout, meta: DocMeta) -> list[LineItem]:
    """The sentences that count the projects evaluated ("二级项目绩效自评个数44个，涉及资金2592.68万元：36个项目自评为
    “优”…", "预算绩效评价项目21个，全年预算数1,190.41万元…", "绩效自评的2024年度项目39个，…平均得分99.33分") or name the
    projects of a grade ("“放心消费创建”项目自评为“差”的主要原因是…"): how many, how much money, which grades — what
    people ask of a unit's performance evaluation as a whole."""
    out = []
    for line in layout.narrative:
        for part in re.finditer(r"[^。；;]+[。；;]?", line.text):
            sentence = part.group(0)
            if (_COUNTED.search(sentence) and "项目" in sentence and re.search(r"绩效|自评|评价", sentence)
                    or re.search(r"项目自评(?:为|结果为)[“\"]?[优良中差]", sentence)):
                name = layout.doc.printed(line.start + part.start(), line.start + part.end()).strip()
                out.append(LineItem(name=name, kind="evaluation", citation=_cite(
                    layout, meta, line.start + part.start(), line.start + part.end())))
    return out


# the score of the unit's whole spending, said in a sentence ("部门整体支出绩效自评得分为92.5分，自评等级为“优”",
# "对部门整体支出开展绩效自评，自评得分95.20分，等级为“优”")
_OVERALL_SCORE = re.compile(r"整体支出[^。；;]{0,16}?(?:自评|评价)(?:(?!项目|平均)[^。；;\d]){0,12}?得分(?:为|是)?(?P<v>\d+(?:\.\d+)?)分"
                            r"(?:[，,]\s*(?:自评|评价)?(?:等级|等次)(?:为|是)?[“\"]?(?P<grade>[优良中差])[”\"]?)?")


# a fee the running text states ("本部门会议费支出2.36万元", "培训费支出8.90万元，开展…"): a row of the 经济分类 said in words
_FEE = re.compile(rf"(?:^|(?<=[，,。；;：:]))(?:\d{{4}}年度?)?(?:本部门|本单位|全年)?(?P<name>[\u4e00-\u9fff]{{2,8}}?费)"
                  rf"(?:支出)?(?P<kind>决算|预算)?数?(?:为|共计|合计)?(?P<v>{_NUM})万元")


def fee_items(layout: Layout, meta: DocMeta) -> list[LineItem]:
    """The fees the running text states with their amount (a table's row of the same name is answered first)."""
    out = []
    own = "预算" if meta.doc_type == DocType.budget else "决算"
    for line in layout.narrative:
        for m in _FEE.finditer(line.text):
            s_start, _ = sentence_bounds(line.text, m.start())
            if names_another_year(line.text[s_start:m.end()], meta.year) or m.group("kind") not in (None, own):
                continue  # (another year's fee, or the other kind's: "2023年差旅费…", a budget's 决算 sentence)
            out.append(LineItem(name=m.group("name"), kind="fee",
                                amounts=[LineAmount(column=None, value=_value(m.group("v")), unit="万元")],
                                citation=_cite(layout, meta, line.start + m.start("name"), line.start + m.end())))
    return out


def overall_scores(layout: Layout, meta: DocMeta) -> list[LineItem]:
    """The score (and grade) the running text gives the unit's whole spending in its self-evaluation."""
    out = []
    for line in layout.narrative:
        for m in _OVERALL_SCORE.finditer(line.text):
            s_start, _ = sentence_bounds(line.text, m.start())
            if names_another_year(line.text[s_start:m.end()], meta.year):
                continue  # (another year's evaluation quoted in this year's document)
            amounts = [LineAmount(column="得分", value=m.group("v"), unit="分")]
            if m.group("grade"):
                amounts.append(LineAmount(column="等级", value=m.group("grade"), unit=""))
            out.append(LineItem(name="整体支出绩效自评", kind="overall", amounts=amounts,
                                citation=_cite(layout, meta, line.start + m.start(), line.start + m.end())))
    return out


def _performance_title(t) -> str:
    """A 绩效 table's title, with its project's name in front when the title lacks it (tables of one kind often share a
    title: the 项目名称 cell names the project; a task table's header cell is no name)."""
    title = re.sub(r"\s+", "", t.title)
    named = project_name(t.rows)
    if named is not None and named[0] not in title and named[0] not in ("主要内容", "预算金额"):
        title = named[0] + re.sub(r"^[（(]?[\d一二三四五六七八九十]*[)）、.．]?", "", title)
    return title


# the self-evaluation's written rows under its indicators: what was done, found and will be changed
_ANALYSIS = re.compile(r"(?:项目实施和)?预算执行情况及分析|产出情况及分析|效益情况及分析|满意度情况及分析|主要经验做法|"
                       r"(?:项目管理中)?存在的?(?:主要)?(?:问题|不足)(?:及原因分析)?|(?:下一步)?改进措施(?:及管理建议)?")


def analysis_items(layout: Layout, meta: DocMeta) -> list[LineItem]:
    """The written rows of every 项目支出绩效自评表 ("项目管理中存在的主要问题及原因分析 | 因相关科室人员…", "下一步改进措施及
    管理建议 | 1. 加强…"): the row's name, and its text as the item's reason."""
    out = []
    for t in layout.tables:
        if "绩效" not in t.title:
            continue
        title = None
        for n, r in enumerate(t.rows):
            cells = [re.sub(r"\s+", "", c) for c in r.cells if c.strip()]
            if "实际完成情况" in cells and n + 1 < len(t.rows):  # (年度目标 | 实际完成情况 over the row that fills them)
                title = title or _performance_title(t)
                out += _completion(layout, meta, t.rows[n + 1], title)
                continue
            at = next((k for k, c in enumerate(cells[:-1]) if _ANALYSIS.fullmatch(c)), None)
            if at is None or len(text := cells[at + 1]) < 4 or _ANALYSIS.fullmatch(text) or not re.search(
                    r"[\u4e00-\u9fff]{4}", text):
                continue
            title = title or _performance_title(t)
            c = cite(layout.doc, meta, r.start, r.end)
            segments = [x.strip() for x in re.split(r"\t| {2,}", c.quote) if x.strip()]
            label_at = next((k for k, x in enumerate(segments) if _ANALYSIS.fullmatch(re.sub(r"\s+", "", x))), None)
            printed = segments[label_at + 1] if label_at is not None and label_at + 1 < len(segments) else ""
            # (the text cell as printed: the one after the row's name)
            out.append(LineItem(name=cells[at], kind="analysis", table=title, reason=printed or text, citation=c))
    return out


def _completion(layout: Layout, meta: DocMeta, row: Row, title: str | None) -> list[LineItem]:
    """The 实际完成情况 a self-evaluation writes under its year's target ("气瓶质量安全追溯平台有效运行。 | 车用气瓶…公开
    招标21家，实际完成17家，因四家气站停业…"): the row's last written cell, when the row holds the target and it."""
    texts = [x.strip() for x in re.split(r"\t| {2,}", cite(layout.doc, meta, row.start, row.end).quote) if x.strip()]
    if len(texts) != 2 or not all(re.search(r"[\u4e00-\u9fff]{4}", x) for x in texts):
        return []
    return [LineItem(name="实际完成情况", kind="analysis", table=title, reason=texts[1],
                     citation=cite(layout.doc, meta, row.start, row.end))]


# a paragraph's part about the evaluation's results: "发现的问题及原因：…", "下一步改进措施：…", "取得的成效：…"
_FINDING = re.compile(r"(?P<name>[\u4e00-\u9fff]{0,12}?(?:成效|问题(?:及原因)?(?:主要有)?|改进(?:管理)?措施(?:及建议)?|整改措施|"
                      r"经验做法|管理建议))[:：]")


# a section of a self-evaluation that is what it found or will change ("六、存在的问题", "七、改进措施")
_FINDING_SECTION = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十]+[)）])\s*(?P<name>(?:存在的?|主要)?(?:问题|不足)"
                              r"(?:及原因(?:分析)?)?|(?:下一步)?改进(?:管理)?措施(?:及建议)?|整改(?:措施|情况))$")


def finding_sections(layout: Layout, meta: DocMeta) -> list[LineItem]:
    """The sections headed as what an evaluation found or will change, each whole (its paragraphs, up to 600
    characters), named by its heading."""
    bodies: dict[str, list] = {}
    for line in layout.narrative:
        heading = line.section.split(" > ")[-1] if line.section else ""
        if _FINDING_SECTION.match(heading) and line.text.strip() != heading:
            bodies.setdefault(heading, []).append(line)
    out = []
    for heading, lines in bodies.items():
        c = cite(layout.doc, meta, lines[0].start, min(lines[-1].start + len(lines[-1].text), lines[0].start + 600))
        name = re.sub(r"^(?:存在的?|主要|下一步)|及原因(?:分析)?$|及建议$", "", _FINDING_SECTION.match(heading).group("name"))
        out.append(LineItem(name=name, kind="analysis", table=None,
                            reason=re.sub(r"\s*\n\s*", "", c.quote).strip(), citation=c))
    return out


def finding_items(layout: Layout, meta: DocMeta) -> list[LineItem]:
    """The parts of the running text that say what an evaluation found and what will change ("发现的问题及原因：一是…。
    下一步改进措施：一是…"): each from its heading words to the next such heading or the paragraph's end."""
    out = []
    for start, text, _section in layout.narrative:
        heads = list(_FINDING.finditer(text))
        for k, m in enumerate(heads):
            end = min(heads[k + 1].start() if k + 1 < len(heads) else len(text), m.end() + 600)
            body = text[m.end():end].strip()
            if len(re.findall(r"[\u4e00-\u9fff]", body)) >= 6:
                c = cite(layout.doc, meta, start + m.start(), start + end)
                printed = re.sub(r"\s*\n\s*", "", re.split(r"[:：]", c.quote, maxsplit=1)[-1]).strip()  # (as printed)
                out.append(LineItem(name=m.group("name"), kind="analysis", table=None, reason=printed or body,
                                    citation=c))
    return out


def indicator_items(layout: Layout, meta: DocMeta) -> list[LineItem]:
    """The indicators of every 绩效目标表 / 自评表 (a 整体支出 table has no project to hang them on): each 三级指标 with
    its target (指标值, 调整后 when printed), actual value and score, as printed ("≥1395批次")."""
    out = []
    for t in layout.tables:
        if "绩效" not in t.title:
            continue
        title = _performance_title(t)
        for i in indicators(layout.doc, meta, t):
            amounts = [LineAmount(column=column, value=v.strip(), unit="") for column, v in
                       (("年初指标值", i.initial_target), ("指标值", i.target), ("实际完成值", i.actual),
                                         ("得分", i.score)) if v and v.strip()]
            if amounts and not sentence_piece(i.level3):  # (a wrapped reason's cell is no indicator)
                out.append(LineItem(name=re.sub(r"\s+", "", i.level3), kind="indicator", table=title,
                                    path=[w for w in (i.level1, i.level2) if w], amounts=amounts, citation=i.citation))
    return out


def three_public_items(layout: Layout, meta: DocMeta) -> list[LineItem]:
    """Each item of a 决算's "三公" table with its 预算数 and 决算数 (the vocabulary keys hold the 决算数 only): what
    "公务接待费预算是多少" is answered from in final accounts."""
    if meta.doc_type != DocType.final_accounts:
        return []
    out = []
    for t in layout.tables:
        if "三公" not in t.title or (found := three_public_rows(t, six=False, blanks=True)) is None:
            continue
        row, budget, actual = found
        for item, b, a in zip(THREE_PUBLIC_ITEMS, budget, actual or [], strict=False):
            if item in ("total", "vehicle_subtotal"):
                continue
            out.append(LineItem(name=label_of(item), kind="three_public", table=re.sub(r"\s+", "", t.title),
                                amounts=[LineAmount(column="预算数", value=b, unit="万元"),
                                         LineAmount(column="决算数", value=a, unit="万元")],
                                citation=_cite(layout, meta, row.start, row.end)))
    return out


def overall_items(layout: Layout, meta: DocMeta) -> list[LineItem]:
    """The money of a 单位(部门)整体支出绩效自评表 read as rows (it has no 项目名称, so no project holds it): the row named
    整体支出 (年度资金总额, 合计) and its parts (其中：基本支出, 项目支出…), each with the columns the header prints
    (年初预算数, 全年预算数, 全年执行数, 执行率, 得分…)."""
    out = []
    for t in layout.tables:
        if re.search(r"整体支出绩效(?:自评|评价)", re.sub(r"\s+", "", t.title)):
            cells = [(c.strip(), r.start, r.end) for r in t.rows for c in r.cells if c and c.strip()]
            # (the whole and its parts by kind of spending; its sources, 本级资金 / 上级资金…, are not asked as rows)
            out += [i for i in overall_money(layout, meta, cells, re.sub(r"\s+", "", t.title))
                    if i.name == "整体支出" or i.name.endswith("支出")]
    return out


# the money columns of a project's 绩效自评表 as printed (年初预算数 may split into 目标申报数 | 预算编制数), and its rows:
# the total and the funds it is made of
_PROJECT_COLUMN = re.compile(r"年初预算数|全年预算数|年预算数|全年执行数|偏差|差额|资金结\S{0,4}余|结转结余|分值权重|分值|执行率|得分")
_SPLIT_INITIAL = ("目标申报数", "预算编制数")
_FUND_ROW = re.compile(r"(?:其中[:：])?(?P<row>年度资金总额|资金总额|当年财政拨款|上年结转资金|上年结转|其他资金)[:：]?")
_VALUE = re.compile(r"-?[\d,]+(?:\.\d+)?%?")
_DASH = re.compile(r"[—\-－–/]+")


def project_money_items(layout: Layout, meta: DocMeta) -> list[LineItem]:
    """The money rows of each project's 绩效自评表 (年度资金总额, 其中：当年财政拨款, 上年结转资金, 其他资金), every column
    the header prints (年初预算数, 全年预算数, 全年执行数, 资金结(转)余, 执行率…) — what the project's figures
    (budget, actual, execution_rate) do not hold. Read in the order the header prints them, cells one per line or a row
    of cells alike; a table whose total row does not give 执行率 = 全年执行数 / 全年预算数 is misread and skipped."""
    out = []
    for t in layout.tables:
        named = project_name(t.rows)
        if named is None or not re.search(r"自评|评价", t.title):
            continue
        cells = [(column_word(c), r) for r in t.rows for c in r.cells if c and c.strip()]
        header, rows = _project_money(cells)
        total = rows[0][1] if rows else None
        if total is None or not _rate_holds(dict(zip(header, (v for v, _ in total), strict=False))):
            continue
        for row, values in rows:
            if len(values) != len(total):
                continue
            amounts = [LineAmount(column=col, value=v.rstrip("%").replace(",", ""),
                                  unit="%" if col == "执行率" else "分" if col in ("得分", "分值", "分值权重") else "万元")
                       for col, (v, _) in zip(header, values, strict=False) if v is not None]
            spans = [r for _, r in values]
            out.append(LineItem(name=named[0], path=[row], kind="project_money", table=re.sub(r"\s+", "", t.title),
                                amounts=amounts, citation=_cite(layout, meta, spans[0].start, spans[-1].end)))
    return out


def _project_money(cells: list[tuple[str, object]]) -> tuple[list[str], list[tuple[str, list]]]:
    """The header's columns and each fund row's values (None for a dash), in the order printed."""
    first = next((k for k, (c, _) in enumerate(cells) if _PROJECT_COLUMN.fullmatch(c)), None)
    if first is None:
        return [], []
    label = next((m.group("row") for c, _ in reversed(cells[max(0, first - 3):first])
                  if (m := _FUND_ROW.fullmatch(c))), "资金总额")  # (大同: "资金总额:" before the header)
    header: list[str] = []
    k = first
    while k < len(cells) and not _VALUE.fullmatch(cells[k][0]) and not _FUND_ROW.fullmatch(cells[k][0]) and k < first + 14:
        c = cells[k][0]
        if _PROJECT_COLUMN.fullmatch(c):
            header.append("全年预算数" if c == "年预算数" else c)
        elif c == _SPLIT_INITIAL[0] and "年初预算数" in header:
            at = header.index("年初预算数")
            header[at:at + 1] = [f"年初预算数（{w}）" for w in _SPLIT_INITIAL]
        k += 1
    rows: list[tuple[str, list]] = []
    while k < len(cells):
        m = _FUND_ROW.fullmatch(cells[k][0])
        if m:
            label, k = m.group("row"), k + 1
        elif not _VALUE.fullmatch(cells[k][0]):
            break
        values = []
        while k < len(cells) and len(values) < len(header) and (
                _VALUE.fullmatch(cells[k][0]) or _DASH.fullmatch(cells[k][0])):
            values.append((cells[k][0] if _VALUE.fullmatch(cells[k][0]) else None, cells[k][1]))
            k += 1
        if not values:
            break
        rows.append((label, values))
    return header, rows


def _rate_holds(total: dict[str, str | None]) -> bool:
    """Whether 执行率 = 全年执行数 / 全年预算数 × 100 (to 0.06) in the total row, as the header places them."""
    try:
        b, a = (Decimal(total[c].replace(",", "")) for c in ("全年预算数", "全年执行数"))
        r = Decimal(total["执行率"].rstrip("%").replace(",", ""))
    except (KeyError, AttributeError, ArithmeticError):
        return False
    return a == r == 0 if b == 0 else abs(a / b * 100 - r) <= Decimal("0.06")


# a use and its count; the use may hold a bracketed word ("副部（省）级及以上领导用车0辆") or be followed by one that names
# it too ("特种专业技术用车（救护车）8辆"); a "…车辆" use only after a separator ("；其他车辆4辆", not "固定资产车辆11辆")
_VEHICLES = re.compile(r"(?P<name>(?:[\u4e00-\u9fff]|[（(][\u4e00-\u9fff]{1,3}[）)]){2,14}?用车(?:[（(][\u4e00-\u9fff]{1,6}[）)])?|(?<=[：:、，,；;])[\u4e00-\u9fff]{2,6}车辆|"
                       r"(?<=[：:、，,；;（(])[\u4e00-\u9fff]{1,8}?(?<!用)车)(?P<v>\d+)(?:辆|台(?![（(]套))")  # (救护车38辆; 公务用车1台)
# vehicles bought, counted where the text says so ("更新购置卫生监督执法车1辆", "购置公务用车2辆")
_BOUGHT = re.compile(r"(?P<name>(?:购置|购买|新购(?!置))(?:了)?[\u4e00-\u9fff]{0,10}?车)(?P<v>\d+)辆")
# equipment counted by its unit price ("单价100万元（含）以上设备（不含车辆）2台（套）", "单位价值50万元以上大型设备2台（套）")
_EQUIPMENT = re.compile(r"(?P<name>单(?:价|位价值)\d+万元(?:[(（]含[)）])?以上[\u4e00-\u9fff]{0,6}?设备(?:[(（]不含车辆[)）])?)"
                        r"(?:共|有|为)?(?P<v>\d+)台(?:[(（]套[)）])?")


# people counted in the running text ("实有人数246人，其中：在职人员97人…退休人员147人", "编制人数50名", "在职97人")
_PEOPLE = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,8}?(?:人数|人员|职工|干部|编制数?)|(?<![\u4e00-\u9fff])(?:在职|在编|在岗|离休|"
                     r"退休|离退休))(?:总人?数)?(?:为|共|共计|有|达)?(?P<v>\d+)(?:名|人)(?!次)")
# organs counted ("设34个内设科室", "下设1个派出机构", "内设机构9个")
_ORGANS = re.compile(r"(?:设有?|下设|内设|共有|共设|包括|[，,、：:；;])(?P<v>\d+)个(?P<name>[\u4e00-\u9fff]{0,6}?"
                     r"(?:科室|处室|机构|单位|部门|分局|中心|所|队|站))|(?P<name2>内设机构|内设科室|下属单位|所属单位|二级单位|"
                     r"预算单位|派出机构|事业单位)(?:数|数量)?(?:为|共|有)?(?P<v2>\d+)个")
# events and the people they took counted ("召开会议3次,参会人员260人次", "举办培训2期", "出国(境)团组0个,出国(境)0人次")
_EVENTS = re.compile(r"(?P<name>(?:召开|举办|组织|开展|派出)?[\u4e00-\u9fff()（）]{0,8}?(?:会议|培训班?|团组|活动|检查|讲座))"
                     r"(?:共|合计|共计)?(?P<v>\d+)(?P<u>次|期|个|场|批)")
_PERSON_TIMES = re.compile(r"(?P<name>[\u4e00-\u9fff()（）]{2,10}?)(?:共|合计|共计)?(?P<v>\d+)(?P<u>人次|人(?![\u4e00-\u9fff]))")
# anything a unit's 概况 counts by its name and the number after it ("共有教学班42个，在校学生1868名"), read in the
# sections that describe the unit (机构设置, 人员情况, 基本情况)
_NAMED_COUNT = re.compile(r"(?:^|(?<=[，,、：:；;。])|(?<=共有|设有|现有|拥有))(?P<name>[\u4e00-\u9fff]{2,8}?)(?:共|为|有|达)?"
                          r"(?P<v>\d+)(?P<u>个|名|所|间|座)(?![\u4e00-\u9fff])")  # (not "5个内设机构": the count of what follows)
_DONE = re.compile(r"(?:新建|新增|建成|完成|改造|建设|开展|举办|组织|实施|培训|接待|服务|累计)")
_PROFILE = re.compile(r"机构|人员|概况|基本情况|单位构成")
_COUNT_LEAD = re.compile(r"^(?:其中|共有|另有|包括|本单位|本部门|单位|部门|年末|年底|全局|全委|机关|有)[:：]?")


def count_items(layout: Layout, meta: DocMeta) -> list[LineItem]:
    """What the running text counts: vehicles by use ("其中：机要通信用车1辆、执法执勤用车15辆…"), people
    ("实有人数246人，其中：在职人员97人"), organs ("设34个内设科室"); a change ("减少10人") is not a count."""
    out = []
    for line in layout.narrative:
        text, at = _squashed(line.text)
        found = [(m, m.group("name"), m.group("v"), "辆") for m in _VEHICLES.finditer(text)]
        found += [(m, m.group("name"), m.group("v"), "台（套）") for m in _EQUIPMENT.finditer(text)]
        found += [(m, m.group("name"), m.group("v"), "辆") for m in _BOUGHT.finditer(text)
                  if not any(v.start() <= m.start("v") < v.end() for v in _VEHICLES.finditer(text))
                  and not re.search(r"计划|拟|将|预计|20\d\d年", text[max(0, m.start() - 12):m.start()])]  # (a plan)
        found += [(m, m.group("name"), m.group("v"), "人") for m in _PEOPLE.finditer(text)]
        found += [(m, m.group("name") or m.group("name2"), m.group("v") or m.group("v2"), "个")
                  for m in _ORGANS.finditer(text)]
        events = [(m, re.sub(r"^.*?(?=召开|举办|组织|开展|派出)", "", m.group("name")), m.group("v"), m.group("u"))
                  for m in _EVENTS.finditer(text)]  # (from its verb: 本部门组织出国(境)团组 is 组织出国(境)团组)
        events += [(m, m.group("name"), m.group("v"), m.group("u")) for m in _PERSON_TIMES.finditer(text)
                   if not _PEOPLE.fullmatch(m.group(0))]  # (people counted as such are read above)
        if _PROFILE.search(line.section):
            taken = [range(m.start("v"), m.end("v")) for m, *_ in found + events]
            found += [(m, m.group("name"), m.group("v"), "人" if m.group("u") == "名" else m.group("u"))
                      for m in _NAMED_COUNT.finditer(text) if not any(m.start("v") in r for r in taken)
                      and not _DONE.match(m.group("name"))]  # (what the year built is no count of what the unit has)
        for m, name, value, unit in found + events:
            name = _COUNT_LEAD.sub("", name)
            if len(name) < 2 or name == "车辆" or re.search(r"增加|减少|增长|下降|比上年|接待", name) or (
                    "培训" in name and (m, name, value, unit) not in events):
                continue
            out.append(LineItem(name=name, kind="count", amounts=[LineAmount(column="数量", value=value, unit=unit)],
                                citation=_cite(layout, meta, line.start + at[m.start()], line.start + at[m.end() - 1] + 1)))
    return out


# an asset and its value as the 国有资产占有使用情况 states them: "房屋47,412.20平方米，价值13,514.47万元", "车辆24辆，价值
# 547.77万元", "办公家具价值200.73万元" (a bound, "单位价值50万元以上大型设备", is no value)
_ASSET = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,10}?)(?:(?P<n>\d[\d,]*(?:\.\d+)?)(?P<u>平方米|辆|亩|台[（(]套[）)]|套|台|处|栋))?"
                    r"[，,]?(?:总|账面)?(?:价值|原值|净值)(?:为|共|合计)?(?P<v>\d[\d,]*(?:\.\d+)?)万元(?!以上|以下|及以上)")
_ASSET_SECTION = re.compile(r"资产占有|资产占用|国有资产|资产情况")


def asset_items(layout: Layout, meta: DocMeta) -> list[LineItem]:
    """What the 国有资产占有使用情况 states an asset holds and is worth (the line that names the section, and the eight
    lines after it): its count or area, and its value in 万元."""
    out = []
    after = 99
    for line in layout.narrative:
        text, at = _squashed(line.text)
        after = 0 if _ASSET_SECTION.search(text) else after + 1
        if after > 8:
            continue
        for m in _ASSET.finditer(text):
            name = re.sub(r"^(?:其中|截至\S*?日|共有|本单位|本部门)[:：，,]?", "", m.group("name"))
            if len(name) < 2 or re.search(r"单位|单价|以上", name):
                continue
            amounts = [LineAmount(column="数量", value=m.group("n").replace(",", ""), unit=m.group("u"))] \
                if m.group("n") else []
            amounts.append(LineAmount(column="价值", value=m.group("v").replace(",", ""), unit="万元"))
            out.append(LineItem(name=name, kind="asset", amounts=amounts,
                                citation=_cite(layout, meta, line.start + at[m.start()], line.start + at[m.end() - 1] + 1)))
    return out


# a whole and the parts printed after it: "2025年度项目总预算1170.00万，其中支持企业规模化发展870.00万，支持企业创新化发展
# 70.00万…", "授予中小企业合同金额1,002.89万元，占政府采购支出总额的100.00%，其中：授予小微企业合同金额848.82万元"
_PART_AMOUNT = r"\d[\d,]*(?:\.\d+)?(?:万元|万(?![\u4e00-\u9fff])|元)"
_WHOLE_PARTS = re.compile(rf"(?P<whole>[\u4e00-\u9fff（）()“”]{{2,30}}?)(?:为|共|共计|合计|总额|总计)?(?P<wv>{_PART_AMOUNT})"
                          rf"(?:[，,]占[^，。；;]{{2,24}}?%)?[，,]?其中[：:，,]?(?P<parts>(?:(?:(?!其中)[^。；;]){{2,40}}?{_PART_AMOUNT}"
                          rf"(?:[（(][^（）()。]{{0,80}}[）)])?"  # (a part's own parts in brackets after it)
                          rf"(?:[，,]占[^，。；;]{{2,24}}?%)?(?:[，,](?:主要)?(?:为|是|用于)[^，,。；;\d]{{2,60}})?[，,、；;]?){{1,12}})")
# a whole whose parts are listed after it says what it is made of ("年中追加资金的构成为：防汛抢险186.00万元，…")
_MADE_OF = re.compile(rf"(?P<whole>[\u4e00-\u9fff（）()“”]{{2,30}}?)的?(?:构成|组成)(?:情况)?(?:为|是|如下)[：:]"
                      rf"(?P<parts>(?:(?:(?!其中)[^。；;]){{2,40}}?{_PART_AMOUNT}[，,、；;]?){{2,12}})")
_PART = re.compile(rf"(?P<name>[\u4e00-\u9fff（）()“”]{{2,30}}?)(?:为|共|安排|合计)?(?P<v>{_PART_AMOUNT})"
                   r"(?:[，,]占(?P<of>[^，。；;\d]{2,24}?)?的?(?P<share>\d+(?:\.\d+)?)%)?")


def part_items(layout: Layout, meta: DocMeta) -> list[LineItem]:
    """The parts the running text lists after a whole ("…总预算1170.00万，其中A870.00万，B70.00万…", "…资金的构成为：
    A186.00万元，B520.00万元…"), each named as
    printed, with the whole it belongs to (``path``) and the project section it sits in (``table``: the nearest
    "…专项…情况说明" heading line before it), read across hard-wrapped lines but never out of the running text."""
    text, at = _squashed(layout.doc.text)
    running = [(line.start, line.start + len(line.text)) for line in layout.narrative]
    out = []
    for m in (*_WHOLE_PARTS.finditer(text), *_MADE_OF.finditer(text)):
        if not any(s <= at[m.start("parts")] < e for s, e in running):
            continue  # (a table's cells read as one run of text)
        printed = layout.doc.text[at[m.start("whole")]:at[m.end("whole") - 1] + 1].split("\n")[-1]
        whole = re.sub(r"^(?:\d{4}年度?|年度?(?![初末底中])|本年|全年)", "", re.sub(r"\s+", "", printed))
        whole = re.sub(r"^本(?=部门|单位)", "", whole)
        before = layout.doc.text[max(0, at[m.start()] - 3000):at[m.start()]]
        # a project's own section ("生命健康专项（政策资金）经费情况说明"), not a numbered part of the explanation
        heading = re.findall(r"(?m)^[ \t]*([^\s一二三四五六七八九十（(\d][^\n]{1,40}?(?:专项|项目|经费|资金)[^\n]{0,12}?情况说明)[ \t]*$",
                             before)
        heading = [h for h in heading if "三公" not in h]
        start = m.start("parts")
        asides = [b.span() for b in re.finditer(r"[（(][^（）()]*[）)]", m.group("parts"))]
        for part in _PART.finditer(m.group("parts")):
            if any(a <= part.start() < b for a, b in asides):
                continue  # (a part of a part: "购置及运行费2.20万元（购置费0.00万元，运行维护费2.20万元）")
            name = re.sub(r"^(?:其中|以及|和|及|主要包括|包括|主要为|主要是)[：:]?", "", part.group("name"))
            if len(name) < 2 or name in ("合计", "共计", "总计") or re.search(r"比上年|较上年|(?:增加|减少|下降)$", name) \
                    or _LAST_YEARS.fullmatch(name):  # (last year's figure of the part before: "…，上年为0.95万元")
                continue
            number, unit = re.match(r"([\d.,]+)(.*)", part.group("v")).groups()
            s, e = start + part.start(), start + part.end()
            amounts = [LineAmount(column="金额", value=number.replace(",", ""), unit="万元" if unit == "万" else unit)]
            if part.group("share"):  # "，占政府采购支出总额的84.64%"
                amounts.append(LineAmount(column=f"占{part.group('of') or whole}", value=part.group("share"), unit="%"))
            out.append(LineItem(name=name, kind="part", path=[whole], table=heading[-1].strip() if heading else None,
                                amounts=amounts, citation=_cite(layout, meta, at[s], at[e - 1] + 1)))
    return out


# where a document lists the units its 部门预算/决算 consolidates ("纳入…部门决算编制范围的单位包括：1 …(本级) 2 …")
_MEMBERS_LEAD = re.compile(r"(?:编制范围的(?:预算|决算)?单位|单位构成|预算单位|决算单位|所属单位|下属单位)"
                           r"(?:(?:共\d+[个家][,，]?)?(?:具体)?(?:构成)?(?:包括|如下|有|为)|共\d+[个家])[:：]")
# a list of units said to be outside the document ("均单独编制决算，不包含在本单位决算中")
_LEFT_OUT_UNITS = re.compile(r"不包[含括]|不纳入|未纳入|单独编制|单独编报|另行公开|单独公开")
_MEMBER = re.compile(r"[\u4e00-\u9fff]{3,40}(?:局|委员会|机关|中心|大队|支队|中队|所|站|院|馆|办公室|办事处|学校|医院|园|队|处|部|会|学|校)"
                     r"(?:[(（][^()（）]{1,14}[)）])?")


def _members_by_line(text: str, start: int) -> tuple[list[str], int]:
    """The units a table lists one a line after ``start`` ("2     栖垣县委机要保密局    参照公务员法管理的事业单位 …",
    "2,峦沂市第一中学,公益一类事业单位"): each line's first cell after its 序号, while it is a unit's name; a header
    line first is skipped. The names, and where the list ends."""
    names, end, pos = [], start, text.find("\n", start) + 1
    for line in text[pos:pos + 4000].split("\n")[:60]:
        cells = [c for c in re.split(r"[\s,，|]+", line.strip()) if c]
        if cells and re.fullmatch(r"\d{1,2}", cells[0]):
            cells = cells[1:]
        name = cells[0] if cells else ""
        if _MEMBER.fullmatch(name):
            names.append(name)
            end = pos + len(line)
        elif names or (cells and not re.search(r"序号|单位名称|名称|表$", line.strip())):
            break  # (before the first name: a caption, "…构成表", and the header may come)
        pos += len(line) + 1
    return names, end


def member_items(layout: Layout, meta: DocMeta) -> list[LineItem]:
    """The units a department's document consolidates, as its list prints them (序号 and name, the name hard-wrapped
    or not): one item holding their count, the names in ``path``; a list of fewer than two is no list."""
    text = layout.doc.text
    squashed, at = _squashed(text)
    out = []
    for m in _MEMBERS_LEAD.finditer(squashed):
        end = squashed.find("\x0c", m.end())
        segment = squashed[m.end():min(end if end > 0 else len(squashed), m.end() + 600)]
        segment = re.sub(r"^序号单位名称(?:备注)?", "", segment)
        segment = re.split(r"第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、", segment)[0]  # (the list ends there)
        names, pos = [], 0
        # 1 name 2 name … (序号 with or without a point): each next 序号 that a unit's name follows; other numbers
        # on the way (核定编制18名, 2个事业单位) are skipped
        for n in re.finditer(r"(?<![\d.])(\d{1,2})(?:[.、．](?!\d)|(?![\d.]))", segment):
            name = _MEMBER.match(segment, n.end()) if int(n.group(1)) == len(names) + 1 else None
            if name is not None:
                names.append(name.group(0))
                pos = name.end()
        end = at[m.end() + pos - 1] + 1
        listed = segment.split("。")[0]
        if len(names) < 2 and not _LEFT_OUT_UNITS.search(listed):
            # (a sentence that lists them: "包括：某局机关（行政单位）、某中心（公益一类事业单位）和某站。")
            names = [n for n in (re.sub(r"[(（](?:行政|事业|参公|公益|参照)[^()（）]*[)）]$", "", p)
                                 for p in re.split(r"[、，,；;]|和(?=[\u4e00-\u9fff]{4})|以及|及", listed))
                     if _MEMBER.fullmatch(n) or re.fullmatch(r"[\u4e00-\u9fff]{1,6}(?:机关|本级)", n)]
            end = at[m.end() + len(listed) - 1] + 1 if names else end
        if len(names) < 2:  # (a table of the units, one row a line: 序号, name, then its other cells)
            names, end = _members_by_line(text, at[m.end() - 1] + 1)
        if len(names) < 2:
            continue
        out.append(LineItem(name="纳入的单位", kind="members", path=names,
                            amounts=[LineAmount(column="数量", value=str(len(names)), unit="个")],
                            citation=_cite(layout, meta, at[m.start()], end)))
    return out


_BY_UNIT_LEAD = re.compile(r"分单位(?:看|来看|情况)?[:：，,]|按单位分[:：，,]")
_UNIT_AMOUNT = re.compile(rf"(?:^|(?<=[，,；;、]))(?P<name>{_MEMBER.pattern}|[\u4e00-\u9fff]{{1,30}}?本级)"
                          rf"(?:本年)?(?P<what>(?:“三公”|\"三公\"|三公)?经费(?:支出|收入)?|支出|收入)?(?:预算|决算)?(?:数)?(?:为)?"
                          rf"(?P<v>{_NUM})(?P<u>万元|元)")  # (a figure named after the unit: "某处“三公”经费支出2.20万元")


def unit_sentences(layout: Layout, meta: DocMeta) -> list[LineItem]:
    """The units' shares a department's running text gives after 分单位看 ("分单位看：某局（本级）2745.84万元，占62.57%；
    某中心1642.72万元…"): each unit's amount as its row, under what the sentence or its section says it is."""
    out = []
    for line in layout.narrative:
        lead = _BY_UNIT_LEAD.search(line.text)
        if lead is None:
            continue
        end = line.text.find("。", lead.end())
        said = line.text[lead.end():end if end > 0 else len(line.text)]
        heading = re.sub(r"^[(（]?[一二三四五六七八九十\d]+[)）、.]?\s*", "", line.section.split(" > ")[-1])
        heading = re.sub(r"(?:情况说明|总体情况|情况)$", "", heading)
        found = list(_UNIT_AMOUNT.finditer(said))
        what = next((m.group("what") for m in found if m.group("what")), None)  # (said once, of the first unit)
        rows = [LineItem(name=m.group("name"), kind="unit_row", table=heading or None,
                         amounts=[LineAmount(column=what,
                                             value=m.group("v").replace(",", ""), unit=m.group("u"))]
                         + _bracketed_parts(said, m.end()),
                         citation=_cite(layout, meta, line.start + lead.end() + m.start(),
                                        line.start + lead.end() + m.end()))
                for m in found]
        out.extend(rows if len(rows) > 1 else [])
    return out


_BRACKETED_PART = re.compile(rf"(?P<name>基本支出|项目支出|人员经费|公用经费|财政拨款收入|事业收入|其他收入)(?:为)?\s*(?P<v>{_NUM})\s*(?P<u>万元|元)")


def _bracketed_parts(said: str, at: int) -> list[LineAmount]:
    """The parts a unit's amount is followed by in brackets ("…本年支出456.62万元（基本支出409.82万元，项目支出46.80万元）")."""
    m = re.match(r"\s*[（(](?P<in>[^（）()]{4,80})[）)]", said[at:])
    return [LineAmount(column=p.group("name"), value=p.group("v").replace(",", ""), unit=p.group("u"))
            for p in _BRACKETED_PART.finditer(m.group("in"))] if m else []


def _header_cells(layout: Layout, t: TableFacts) -> list[str]:
    """The column names a table listed by unit prints after its 单位名称 cell, as printed ("三公合计 因公出国（境）费 …")."""
    first = min((i.start for i in t.labelled), default=t.end)
    for line in reversed(layout.doc.text[t.start:first].split("\n")):
        cells = [c for c in re.split(r"[\s,，|]+", line.strip()) if c]
        if cells and cells[0] in ("单位名称", "单位", "名称"):
            return cells[1:]
    return []


def _by_unit_header(layout: Layout, t: TableFacts) -> bool:
    """Whether the table's header line begins with 单位名称."""
    first = min((i.start for i in t.labelled), default=t.end)
    return any(re.match(r"单位名称(?:[\s,，|]|$)", line.strip()) for line in layout.doc.text[t.start:first].split("\n"))


def unit_rows(t: TableFacts, layout: Layout, meta: DocMeta) -> list[LineItem]:
    """The rows of a table listed by unit (a 部门预算's 收入预算总表 with one row for each unit it takes in: "宁溪县第一中学
    4,468.06 3,608.06 0.00 860.00 …"): each row a unit's name, its amounts under the columns the header names when
    the row prints every column, else only the first (its total). A table with fewer than two such rows lists none."""
    unit = "元" if t.unit == "元" else "万元"
    cols = columns(t)
    printed = _header_cells(layout, t)
    out = []
    for item in t.labelled:
        name = re.sub(r"\s+", "", item.label)
        if not item.amounts or not _MEMBER.fullmatch(name):
            continue
        named = printed if len(printed) == len(item.amounts) else cols if len(cols) == len(item.amounts) \
            else [cols[0] if cols else None]
        out.append(LineItem(name=name, kind="unit_row", table=t.title, citation=cite(layout.doc, meta, item.start, item.end),
                            amounts=[LineAmount(column=c, value=_value(a.text), unit=unit)
                                     for c, a in zip(named, item.amounts, strict=False)]))
    # (one unit's name among classified rows is no list of units, unless the header says the rows are units: a
    # department of 本级 and one member, "单位名称,合计,…" / "委本级,…" / "柘溪区疾病预防控制中心,…")
    return out if len(out) > 1 or out and _by_unit_header(layout, t) else []


def _listed_by_unit(grids: list[LineItem]) -> list[LineItem]:
    """Rows of cell-by-cell tables, those of a table listed by unit (two rows or more named as units: "洄沙县水文站
    595.10 595.10 0.00 …") as units' rows; a 项目支出表's rows are projects, however they are named (…运动会, …公园)."""
    units: dict[str | None, int] = {}
    for i in grids:
        units[i.table] = units.get(i.table, 0) + bool(_MEMBER.fullmatch(i.name))
    return [i.model_copy(update={"kind": "unit_row"})
            if _MEMBER.fullmatch(i.name) and units[i.table] > 1 and "项目" not in (i.table or "") else i for i in grids]


# a header printed as a line of words with 项目名称 among them ("序号 项目名称 全年预算数 全年执行数 执行率 自评得分 等级"),
# of a list of projects' results or money (a score, a rate or an amount among its columns: a budget's 项目支出表 "项目名称
# 单位名称 项目类别 合计 当年拨款 上年结转")
_LISTED_HEADER = re.compile(r"^(?:序号\s+)?项目名称(?:\s+[\u4e00-\u9fff（）()%]{2,12}){2,10}$")
_RESULT_COLUMN = re.compile(r"得分|评分|执行率|等级|预算金额|预算数|合计|当年拨款|上年结转|财政拨款")
_MADE_BY = re.compile(r"编制(?:部门|单位)[:：]|单位[:：]\s*(?:万?元)$")  # (a table's 编制部门 line, or its 单位 alone)
_CELL_VALUE = re.compile(r"-?[\d,]+(?:\.\d+)?%?|[优良中差]|[\u4e00-\u9fff]{1,3}")


def _stripped_lines(layout: Layout) -> list[tuple[int, str]]:
    """The document's lines, stripped, each with the normalised offset it starts at."""
    lines, pos = [], 0
    for ln in layout.doc.text.split("\n"):
        lines.append((pos, ln.strip()))
        pos += len(ln) + 1
    return lines


def _as_project(name: str) -> str:
    return name if name.endswith("项目") else name + "项目"


def _listed_amount(column: str, value: str, money: str) -> LineAmount:
    """A listed row's cell under its column: a number with its unit (%, 分, or the list's money), else the words."""
    read = number(value) if re.fullmatch(r"-?[\d,]+(?:\.\d+)?%?", value) else None
    if read is None:
        return LineAmount(column=column, value=value, unit="")
    return LineAmount(column=column, value=read[0], unit=read[1] or ("分" if "分" in column else money))


def listed_rows(layout: Layout, meta: DocMeta) -> list[LineItem]:
    """The rows of a list of projects printed as lines of words under a header line (a 决算's "项目支出绩效自评结果"
    list: "8 智慧法院信息化运维项目 71.12 21.12 29.70% 82.50 良"; a budget's list of projects with their 实施单位,
    预算金额 and 绩效目标, tab-separated): each project with its values under the header's columns, for as long as the
    lines keep the header's shape."""
    out = []
    lines = _stripped_lines(layout)
    for n, (_, line) in enumerate(lines):
        if not _LISTED_HEADER.match(line) or not _RESULT_COLUMN.search(line):
            continue
        columns = re.split(r"\s+", line)
        columns = columns[columns.index("项目名称") + 1:]
        caption = next((c for _, c in reversed(lines[max(0, n - 4):n])  # ("…自评结果如下（单位：万元、分）：")
                        if c and not c.startswith("项目名称") and not _MADE_BY.match(c)), "")
        above = "".join(c for _, c in lines[max(0, n - 4):n])
        money = "元" if re.search(r"单位[:：]\s*元|[（(]元[)）]", above + line) else "万元"
        if names_another_year(caption, meta.year):
            continue  # (another year's results quoted: "2023年度项目支出绩效自评结果" in a 2025 budget)
        caption = re.sub(r"(?:如下)?(?:[（(][^）)]*[)）])?[:：]?$", "", caption)
        caption = caption if 4 <= len(caption) <= 40 and "。" not in caption else None
        for start, row in lines[n + 1:]:
            cells = re.split(r"\t" if "\t" in row else r"\s+", row)
            if cells and re.fullmatch(r"\d{1,3}", cells[0]):
                cells = cells[1:]
            if not row or len(cells) != len(columns) + 1 or not (
                    "\t" in row or all(_CELL_VALUE.fullmatch(c) for c in cells[1:])):
                break  # (a row of words set apart by spaces holds values only; tabs set apart any cell)
            amounts = [_listed_amount(col, v, money) for col, v in zip(columns, cells[1:], strict=True)]
            out.append(LineItem(name=cells[0], kind="project_row", table=caption, amounts=amounts,
                                citation=_cite(layout, meta, start, start + len(row))))
    return out


# a project named in quotes (as a project: 项目 inside or after them), then what the same clause prints of it, up to the
# next quoted name: "“某某学生宿舍楼建设”项目全年预算数880.00万元，执行数880.00万元，执行率100.00%，自评得分95.00分；"
_QUOTED_PROJECT = re.compile(r"[“\"](?P<name>[^”\"。；;，,]{4,40})[”\"](?P<tail>项目)?(?P<clause>[^。；;“\"]{6,160})")
# or a numbered item of a list of projects, its figures in the sentence after its name: "2.某某污水管网建设（政府性
# 基金）项目。全年预算数520.00万元，执行数438.80万元，执行率84.38%，项目自评得分80.5分。"
_LISTED_PROJECT = re.compile(r"^\s*(?:\d{1,2}[.、．]|[(（]\d{1,2}[)）])\s*(?P<name>[^。；;，,:：“”\"]{4,40}?项目)[。:：]"
                             r"(?P<clause>[^。；;]{6,160})")
_PROJECT_SAID = (
    (re.compile(rf"年初预算(?:数|金额)?(?:为|是)?(?P<v>{_NUM})(?P<u>万元|元)"), "年初预算数"),
    (re.compile(rf"(?<!年初)(?:全年)?预算(?:数|金额)?(?:为|是)?(?P<v>{_NUM})(?P<u>万元|元)"), "全年预算数"),
    (re.compile(rf"(?:全年)?(?:执行数|执行金额|实际支出|决算数?)(?:为|是)?(?P<v>{_NUM})(?P<u>万元|元)"), "全年执行数"),
    (re.compile(rf"(?:预算)?执行率(?:为|是|达)?(?P<v>{_NUM})(?P<u>%)"), "执行率"),
    (re.compile(rf"(?:自评|评价)?得分(?:为|是)?(?P<v>{_NUM})(?P<u>分)"), "自评得分"),
)


def quoted_projects(layout: Layout, meta: DocMeta) -> list[LineItem]:
    """Projects named in the running text, in quotes or as a numbered item, with at least two of their figures in the
    clause after the name (a 决算's 绩效自评 paragraph, a self-evaluation's list of projects): each a project's row, its
    values under the columns a results list prints."""
    out = []
    for line in layout.narrative:
        for m in (*_QUOTED_PROJECT.finditer(line.text), *_LISTED_PROJECT.finditer(line.text)):
            clause = m.group("clause")
            if names_another_year(clause, meta.year) or not (m.groupdict().get("tail") or m.group("name").endswith("项目")):
                continue  # (another year's; a quoted word that names no project: 坚持“过紧日子”要求)
            amounts = []
            for pattern, column in _PROJECT_SAID:
                said = pattern.search(clause)
                if said and column not in (a.column for a in amounts):
                    amounts.append(LineAmount(column=column, value=said.group("v").replace(",", ""), unit=said.group("u")))
            if len(amounts) >= 2:
                name = m.group("name")
                out.append(LineItem(name=_as_project(name), kind="project_row",
                                    table=line.section.split(" > ")[-1] or None, amounts=amounts,
                                    citation=_cite(layout, meta, line.start + m.start(), line.start + m.end())))
    return out


# a performance table's indicators printed as lines of words under a header line ("一级指标 二级指标 三级指标 指标值",
# then "产出指标 质量指标 农村公路优良中等路率 ≥80%")
_INDICATOR_HEADER = re.compile(r"^一级指标\s+二级指标\s+三级指标(?:\s+[\u4e00-\u9fff（）()%]{2,12}){1,6}$")
_CAPTION = re.compile(r"绩效(?:目标|自评)表|项目名称\s+\S+")
_FUNDS_TOTAL = re.compile(rf"年度资金总额\s*(?P<v>{_NUM})")
_NUMBERS = re.compile(rf"(?<![\d.]){_NUM}")


def listed_indicators(layout: Layout, meta: DocMeta) -> list[LineItem]:
    """The indicators of a 绩效目标表 or 自评表 printed as lines of words: each 三级指标 with its values under the
    header's columns, its 一级 and 二级 指标 as printed on its line or the line before, for as long as the lines keep
    the header's shape; the table named by the project the lines above it name (since the list before), and a target
    table's one 年度资金总额 as the project's row."""
    out = []
    lines = _stripped_lines(layout)
    ended = 0  # where the list before ended: the lines above a list are its own from there
    for n, (_, line) in enumerate(lines):
        if not _INDICATOR_HEADER.match(line):
            continue
        columns = re.split(r"\s+", line)[3:]
        above = lines[max(ended, n - 12):n]
        project = next((re.sub(r"(?:项目)?(?:支出)?绩效(?:目标|自评)表$", "", m.group(1)) for _, c in reversed(above)
                        if (m := re.match(r"项目名称[:：\s]*(\S+)", c))), "")
        title = next((c for _, c in reversed(above) if "绩效" in c and not c.startswith("项目名称")), "绩效目标表")
        joint = "项目" if project and not project.endswith("项目") and not title.startswith("项目") else ""
        table = re.sub(r"\s+", "", project + joint + title)
        funds = [(s, c, m) for s, c in above if (m := _FUNDS_TOTAL.search(c))]
        money = "元" if any(re.search(r"单位[:：]\s*元|[（(]元[)）]", c) for _, c in above) else "万元"
        if project and len(funds) == 1 and len(_NUMBERS.findall(funds[0][1][funds[0][2].start():])) == 1:
            # (a target table's one 年度资金总额: the project's money; a self-evaluation's row of columns is read
            # with its table)
            start, printed, m = funds[0]
            out.append(LineItem(name=_as_project(project), kind="project_row",
                                table=None, citation=_cite(layout, meta, start, start + len(printed)),
                                amounts=[LineAmount(column="年度资金总额", value=m.group("v").replace(",", ""), unit=money)]))
        levels: list[str] = []
        ended = n + 1
        for start, row in lines[n + 1:]:
            cells = re.split(r"\s+", row) if row else []
            if cells and (cells[0] in ("总分", "合计", "总计") or re.match(r"\d", cells[0])):
                break  # (the table's total after its rows)
            if len(cells) == len(columns) + 3 and cells[0].endswith("指标"):
                levels, rest = cells[:2], cells[2:]
            elif len(cells) == len(columns) + 1 and levels:
                rest = cells  # (the levels printed once, on the line before)
            else:
                break
            ended += 1
            amounts = [LineAmount(column=c, value=v, unit="") for c, v in zip(columns, rest[1:], strict=True)]
            out.append(LineItem(name=rest[0], kind="indicator", table=table, path=list(levels), amounts=amounts,
                                citation=_cite(layout, meta, start, start + len(row))))
    return out


# a rate a self-evaluation's running text reports ("全镇农村生活污水治理率达到41.2%"), or sets as its target ("绩效目标为：
# …治理率达到45%", "低于45%的年度目标"); the money's own rates (执行率, 完成率, 差异率…) are read elsewhere
_PROSE_RATE = re.compile(rf"(?P<name>[\u4e00-\u9fff]{{1,14}}(?:率|满意度))(?P<how>达到了?|为|是|达|不低于|不少于|超过)?"
                         rf"(?P<v>{_NUM})%(?P<goal>的(?:年度)?(?:绩效)?目标值?)?")
# what says the rates after it are targets, and what says they are what was reached: the later of the two counts
_TARGET_LEAD = re.compile(r"目标值?(?:为|是|设定为|定为|[:：])")
_ACTUAL_LEAD = re.compile(r"完成情况|实际|经核查|实现了?")
_NOT_INDICATOR_RATE = re.compile(r"(?:执行|完成|增长|下降|增|减|使用|结转|结余|到位|支付|拨付|预算|差异|偏差|调整)率$")


def prose_rates(layout: Layout, meta: DocMeta) -> list[LineItem]:
    """The rates a self-evaluation's running text reports as done or sets as targets (not another year's), each an
    indicator named by the words before it (after 的/为/实际…, without 全镇/全县…): its target as 指标值, what was
    reached as 实际完成值."""
    said: dict[str, dict[str, tuple[str, int, int]]] = {}
    for line in layout.narrative:
        for m in _PROSE_RATE.finditer(line.text):
            if m.start() and line.text[m.start() - 1].isdigit():
                continue  # (a name cut at a number: "65岁以上老年人健康管理率")
            clause = line.text[max((b.end() for b in re.finditer(r"[，,。；;]", line.text[:m.start()])), default=0):m.end()]
            if re.match(r"(?:上年|上一年|去年|前年)", clause) or names_another_year(clause, meta.year):
                continue  # (last year's rate, said for comparison)
            name = re.sub(r"^(?:全[镇乡县区市年]|本[镇乡县区年]|我[镇乡县区局委]|年度|群众|项目|本年度?)+", "",
                          re.split(r"的|对|为|是|实际|核查|目标|：|:", m.group("name"))[-1])
            if len(name) < 3 or _NOT_INDICATOR_RATE.search(name):
                continue
            opened = line.text.rfind("。", 0, m.start()) + 1  # (a list of targets goes on past its ；)
            leads = [(x.end(), "指标值") for x in _TARGET_LEAD.finditer(line.text, opened, m.start("v"))] + \
                [(x.end(), "实际完成值") for x in _ACTUAL_LEAD.finditer(line.text, opened, m.start("v"))]
            column = "指标值" if m.group("goal") else max(leads)[1] if leads else "实际完成值"
            value = ("≥" if m.group("how") in ("不低于", "不少于") else "") + m.group("v") + "%"
            said.setdefault(name, {}).setdefault(column, (value, line.start + m.start(), line.start + m.end()))
    out = []
    for name, values in said.items():
        amounts = [LineAmount(column=c, value=values[c][0], unit="") for c in ("指标值", "实际完成值") if c in values]
        _, start, end = values.get("实际完成值") or values["指标值"]
        out.append(LineItem(name=name, kind="indicator", table=None, amounts=amounts,
                            citation=_cite(layout, meta, start, end)))
    return out


def line_items(layout: Layout, meta: DocMeta) -> list[LineItem]:
    """Every classified row and 项 sentence of a document."""
    facts = read_facts(layout, meta)
    rows = [i for t in facts.tables if t.kind in TABLE_KINDS for i in table_items(t, layout, meta)]
    read = indicator_items(layout, meta) + overall_items(layout, meta)  # (a grid the table reader read whole is not
    money = project_money_items(layout, meta)                              # read again cell by cell or line by line)
    grids = grid_items(layout, meta) + listed_indicators(layout, meta)
    read = [_with_reason(j, grids) for j in read]
    rows += [i for i in grids
             if not any(j.name == i.name and j.kind == i.kind and (i.kind != "project_money" or j.path[:1] == i.path[:1])
                        for j in read + money)]
    rows += [i for t in facts.tables if t.kind in SUMMARY_KINDS for i in summary_items(t, layout, meta)]
    rows += [i for t in facts.tables for i in unit_rows(t, layout, meta)]  # (any table listed by unit: 三公 too)
    known = {i.name for i in rows + read}
    # (other tables printed cell by cell)
    rows += _listed_by_unit([i for i in money_grids(layout, meta) if i.name not in known])
    rows += stream_summary_items(layout, meta)  # (after the grids: a class's row of its own table is not left out)
    return rows + prose_items(layout, meta) + share_items(layout, meta) + change_items(layout, meta) \
        + nil_items(layout, meta) + evaluation_summaries(layout, meta) + read \
        + budget_items(layout, meta) + count_items(layout, meta) \
        + three_public_items(layout, meta) + money + asset_items(layout, meta) \
        + part_items(layout, meta) + member_items(layout, meta) + analysis_items(layout, meta) \
        + finding_items(layout, meta) + finding_sections(layout, meta) + listed_rows(layout, meta) \
        + overall_scores(layout, meta) \
        + fee_items(layout, meta) + quoted_projects(layout, meta) + unit_sentences(layout, meta) \
        + _rates_untabled(rows + read, layout, meta)


def _with_reason(item: LineItem, grids: list[LineItem]) -> LineItem:
    """An indicator the table reader read, with the 偏差原因 the cell-by-cell reader found for it (the cell after its
    values, joined when wrapped), when the table reader found none."""
    if item.kind != "indicator" or item.reason:
        return item
    why = next((g.reason for g in grids if g.kind == "indicator" and g.name == item.name and g.reason
                and g.citation.char_start == item.citation.char_start), None)
    return item.model_copy(update={"reason": why}) if why else item


def _rates_untabled(items: list[LineItem], layout: Layout, meta: DocMeta) -> list[LineItem]:
    """A self-evaluation's rates said in words, but for those its tables print as indicators (the table's row stands)."""
    if meta.doc_type != DocType.performance_self_eval:
        return []
    tabled = [i.name for i in items if i.kind == "indicator"]
    return [r for r in prose_rates(layout, meta) if not any(r.name in t or t in r.name for t in tabled)]
