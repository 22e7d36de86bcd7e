"""Rules over the document as a whole: the unit's name, the years, and template text left in.

The unit's name is checked where the document names itself: the cover, table headers (编制部门 /
部门名称 lines, the line over a table title), part headings and the subject of a sentence. A name
with the same function but another place ("上海市规划和自然资源局" in a 普陀区 document) is an
error; 和/与 written differently inside the name is a note. Years: a table title or header with
another year is an error; a comparison with the document's own year ("2026年预算比2026年预算增加")
or a later one is an error, with a year before last a note; years inside 《》 or after 依据/截至
are not comparisons.
"""

from __future__ import annotations

import re

from core.schemas import CheckResult, Citation
from extraction.rulebook import Context, result, rule, skip
from extraction.tablefacts import TextLine

_PLACE = re.compile(
    r"^((?:[\u4e00-\u9fff]{2,8}?(?:省|自治区))?(?:[\u4e00-\u9fff]{1,8}?(?:市|自治州|地区|盟|州))?"
    r"(?:[\u4e00-\u9fff]{2,4}?(?:区|县|旗))?)"
)


def split_unit(unit: str) -> tuple[str, str]:
    """(place, function): 上海市普陀区 + 规划和自然资源局."""
    m = _PLACE.match(unit)
    place = m.group(1) if m else ""
    return place, unit[len(place):]


def _line_cite(ctx: Context, line: TextLine, s: int, e: int) -> Citation:
    assert ctx.facts.cite is not None
    return ctx.facts.cite(line.start + s, line.start + e)


_HEADER_LINE = re.compile(r"^(?:编制部门|编制单位|部门名称|单位名称|预算主管部门|预算单位)|决算表|预算表|部门决算|部门预算|"
                          r"单位决算|单位预算|^第[一二三四五六七八九十]+部分")


def _self_reference(lines: list[TextLine], k: int, at: int, end: int, first_page: int | None) -> bool:
    """Whether a name at [at, end) of line k is where the document names itself: the cover, a header line
    (编制部门：…, the line over a table title, a part heading), or the subject opening a sentence."""
    line = lines[k]
    text = line.text
    short = len(text) <= 60
    if short and ((first_page is not None and line.page == first_page) or k < 8):
        return True  # the cover
    if short and _HEADER_LINE.search(text):
        return True
    if short and k + 1 < len(lines) and re.search(r"表$", lines[k + 1].text.strip()):
        return True  # the line over a table title
    opening = re.search(r"(?:^|[。;；])\s*(?:\d+[、.]\s*)?(?:\d{4}\s*年度?\s*[,，]?\s*)?"
                        r"(?:[\u4e00-\u9fff]{2,7}(?:省|自治区|市|自治州|州|地区|盟))?$", text[:at])
    after = text[end:end + 8]
    return opening is not None and bool(re.match(r"\s*(?:\d{4}\s*年|所属|本级|部门|单位|机关|\(本级\)|共有)", after))


@rule("unit_name", "单位名称在封面、表头、标题和正文中一致（表头不得写成上级或其他地区的同名机关；“和/与”写法一致）")
def unit_name(ctx: Context) -> list[CheckResult]:
    unit = ctx.facts.unit
    if not unit:
        return [skip("unit_name", "未识别本文件的单位名称")]
    place, function = split_unit(unit)
    if len(function) < 3:
        return [skip("unit_name", f"单位名称“{unit}”无法分出地区与机关名")]
    pattern = re.compile(r"([\u4e00-\u9fff]{0,12}?)" + re.escape(function).replace("和", "[和与及]"))
    lines = ctx.facts.lines
    first_page = lines[0].page if lines else None
    out: list[CheckResult] = []
    seen: set[str] = set()
    for k, line in enumerate(lines):
        for m in pattern.finditer(line.text):
            name = m.group(0)
            named_place = _place_of(m.group(1))
            if name == unit or (named_place == "" and m.group(0)[len(m.group(1)):] == function):
                continue
            name_start = m.end() - len(named_place) - (len(m.group(0)) - len(m.group(1)))
            if not _self_reference(lines, k, name_start, m.end(), first_page):
                continue
            finding = _name_finding(ctx, line, m, unit, place, function, named_place)
            if finding is not None and finding.message not in seen:
                seen.add(finding.message)
                out.append(finding)
    return out or [result("unit_name", "pass", f"单位名称一致：{unit}")]


_PLACE_FULL = re.compile(r"^(?:[\u4e00-\u9fff]{2,3}(?:省|自治区))?(?:[\u4e00-\u9fff]{2,7}?(?:市|自治州|地区|盟|州))?"
                         r"(?:[\u4e00-\u9fff]{2,3}(?:区|县|旗))?$")


def _place_of(prefix: str) -> str:
    """The shortest place name ending the text before a name ("纳入上海市普陀区" → 普陀区, "上海市" → 上海市)."""
    for k in range(len(prefix) - 2, -1, -1):
        if _PLACE_FULL.match(prefix[k:]):
            return prefix[k:]
    return ""


_LEVELS = [(1, re.compile(r"([\u4e00-\u9fff]{2,3}?)(?:省|自治区)")),
           (2, re.compile(r"([\u4e00-\u9fff]{2,7}?)(?:市|自治州|地区|盟|州)")),
           (3, re.compile(r"([\u4e00-\u9fff]{2,3}?)(?:区|县|旗)"))]


def place_levels(place: str) -> dict[int, str]:
    """A place by level (1 province, 2 city/prefecture, 3 district/county), each by the first two characters
    of its name: 昌吉回族自治州 and 昌吉州 are both {2: 昌吉}; 上海市普陀区 is {2: 上海, 3: 普陀}."""
    out: dict[int, str] = {}
    rest = place
    for level, pattern in _LEVELS:
        m = pattern.match(rest)
        if m:
            out[level] = m.group(1)[:2]
            rest = rest[m.end():]
    return out


def other_place(named: str, own: str) -> str | None:
    """Why a named place is not the unit's own ("缺少“普陀区”", "另一地区"), or None when it is the same."""
    a, b = place_levels(named), place_levels(own)
    if not a:
        return None
    if any(level in b and b[level] != core for level, core in a.items()):
        return "另一地区"
    lowest_own, lowest_named = max(b, default=0), max(a)
    if lowest_named < lowest_own:
        tail = re.search(r"(?:市|州|盟|地区)([\u4e00-\u9fff]{2,3}?(?:区|县|旗))$", own)
        return f"缺少“{tail.group(1)}”" if tail else "上级"
    return None


def _name_finding(ctx: Context, line: TextLine, m: re.Match, unit: str, place: str, function: str,
                  named_place: str) -> CheckResult | None:
    printed_function = m.group(0)[len(m.group(1)):]
    name = named_place + printed_function
    where = [_line_cite(ctx, line, m.end() - len(name), m.end())]
    why = other_place(named_place, place) if named_place else None
    if why is not None:
        return result("unit_name", "fail", f"写作“{name}”，{why}：本文件的单位是“{unit}”（表头、封面或正文自称时写成了"
                                           f"另一地区或上级的同名机关）", places=where)
    if printed_function != function:
        return result("unit_name", "warn", f"写作“{name}”，与“{unit}”用字不同（“和/与/及”）", places=where)
    return None


# -- years -----------------------------------------------------------------------------------------

_TITLE_YEAR = re.compile(r"(?P<y>20\d{2})\s*年度?\s*(?:区级|市级|县级)?(?:部门|单位)?(?:\(单位\))?(?:财务)?(?:收支)?(?:决算|预算)")
_COMPARE_YEAR = re.compile(r"(?:比|较|与|同)\s*(?P<y>20\d{2})\s*年度?(?:同期)?(?:年初)?(?:预算执行数|执行数|决算数?|预算数?)?"
                           r"(?:相比|比较)?[,，]?\s*(?:增加|减少|增长|下降|持平|相比|上升|降低)")


@rule("years", "年度一致：表名和表头的年度即本文件年度；比较的年度是上一年（不得与本年自身比较）")
def years(ctx: Context) -> list[CheckResult]:
    year = document_year(ctx)
    if year is None:
        return [skip("years", "未识别本文件的年度")]
    out = _title_years(ctx, year) + _compare_years(ctx, year)
    return out or [result("years", "pass", f"年度一致：{year}年，比较年度为{year - 1}年")]


def _title_mentions(ctx: Context) -> list[tuple[TextLine, re.Match]]:
    """Years printed in titles and headers: the cover, part headings, table titles and their 年度 lines."""
    out = []
    titles = {t.start for t in ctx.facts.tables}
    for line in ctx.facts.lines:
        head = line.start in titles or _HEADER_LINE.search(line.text) or re.fullmatch(r"\s*20\d{2}\s*年度?\s*", line.text)
        if not head or len(line.text) > 60:
            continue
        for m in re.finditer(r"(?P<y>20\d{2})\s*年度?", line.text):
            if _TITLE_YEAR.match(line.text, m.start()) or re.fullmatch(r"\s*20\d{2}\s*年度?\s*", line.text):
                out.append((line, m))
    return out


def document_year(ctx: Context) -> int | None:
    """The year most titles and headers print (the cover alone can be the one that is wrong)."""
    from collections import Counter

    years = Counter(int(m.group("y")) for _, m in _title_mentions(ctx))
    if years:
        (top, n), = years.most_common(1)
        if n >= 2 and n > sum(years.values()) - n:
            return top
    return ctx.facts.year


def _title_years(ctx: Context, year: int) -> list[CheckResult]:
    out = []
    for line, m in _title_mentions(ctx):
        if int(m.group("y")) != year:
            out.append(result("years", "fail", f"标题/表头写作“{line.text.strip()}”，本文件是{year}年度",
                              places=[_line_cite(ctx, line, m.start(), m.end())]))
    return out


def _compare_years(ctx: Context, year: int) -> list[CheckResult]:
    out = []
    for line in ctx.narrative:
        for m in _COMPARE_YEAR.finditer(line.text):
            before = line.text[max(0, m.start() - 10):m.start()]
            if re.search(r"《[^》]*$|依据|截至|截止", before):
                continue
            y = int(m.group("y"))
            if y == year - 1:
                continue
            here = [line.cite(m.start(), m.end())]
            if y >= year:
                what = "与本年自身比较" if y == year else "与以后年度比较"
                out.append(result("years", "fail", f"“{m.group(0)}”：{what}，本文件是{year}年度，应与{year - 1}年比较",
                                  places=here))
            else:
                out.append(result("years", "warn", f"“{m.group(0)}”：比较的是{y}年，不是上一年（{year - 1}年）",
                                  places=here))
    return out


# -- template residue ------------------------------------------------------------------------------

_RESIDUE = [
    (re.compile(r"(?<![\d.])20\d(?![\d.])\s*年"), "年度缺一位数字"),
    (re.compile(r"20[Xx×＊*]{2}\s*年|[Xx×]{4}\s*年"), "年度是占位符"),
    (re.compile(r"[Xx×]{2,}(?:单位|局|部门|委员会|项目|万元|元|%)|××|某某|＊＊|\{[^{}]{1,20}\}|【单位名称】|[(（]单位名称[)）]"),
     "占位符"),
    (re.compile(r"(?:下降|增长|增加|减少|上升|降低)[(（](?:下降|增长|增加|减少|上升|降低)[)）]|"
                r"(?:增长|增加|上升)/(?:下降|减少|降低)|(?:下降|减少|降低)/(?:增长|增加|上升)"), "未删去的备选用词"),
    (re.compile(r"(?:主要原因(?:是|为)?|主要用于)[:：]?\s*[。;；]"), "原因/用途为空"),
    (re.compile(r"(?:增加|减少|增长|下降)(?:万元|%)|(?:金额|预算数?|支出|收入|经费)万元(?=[，,。；;、])"), "缺少数字"),
]


@rule("template_residue", "没有模板残留：占位符（XX单位、××、202 年度）、未删的备选词（下降（增长））、空的“主要原因是。”")
def template_residue(ctx: Context) -> list[CheckResult]:
    out = []
    for line in ctx.facts.lines:
        for pattern, what in _RESIDUE:
            for m in pattern.finditer(line.text):
                out.append(result("template_residue", "fail", f"模板残留（{what}）：“{_around(line.text, m)}”",
                                  places=[_line_cite(ctx, line, m.start(), m.end())]))
    return out or [result("template_residue", "pass", "未发现模板残留")]


def _around(text: str, m: re.Match) -> str:
    return text[max(0, m.start() - 12):m.end() + 8].strip()
