"""Performance tables printed one cell per line (a 绩效自评表 / 绩效目标表 as a PDF's text layer or a web page gives it):
the project, its indicators and its total score, read from the run of lines under the table's title.

A grid printed this way has no rows to read: its lines are the cells in reading order, a merged cell (一级指标,
二级指标) printed once for the rows it spans, and the layout reader's table ends at the first cell that reads like a
sentence (其中：当年财政拨款…). So the cells are read by the table's own grammar: the indicator header
(一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因…) gives the columns; each indicator is a name
followed by one value per column, then — when the header has a 偏差原因 column — a written reason if one is printed;
level words in between are carried down; 总分 ends the block with the maximum and the score.
"""

from __future__ import annotations

import re

from core.schemas import DocMeta, LineAmount, LineItem
from extraction.prosefacts import names_another_year
from extraction.tables import column_word
from index.layout import Layout, cite, cite_on_page

# a performance table's title line (spaces left out)
# (the unit and the year may lead it, and a bracketed note may follow it: "某委2025年度项目支出绩效自评表(2025年度)",
# "大气污染防治项目绩效目标表（项目资金：298.00万元）")
_TITLE = re.compile(r"^(?:附件\d*[:：]?)?(?:[\u4e00-\u9fff()（）]{2,30}?)?(?:20\d\d年度?)?(?:部门|单位)?(?:\(单位\))?(?:整体|项目)?"
                    r"(?:支出)?绩效(?:自评|目标)(?:申报)?表(?:[(（][^()（）]{2,30}[)）])?$")
_END = re.compile(r"^(?:附件\d*|填报人|联系电话|第[一二三四五六七八九十]+部分)")
# level words (产出指标, 数量指标, 服务对象满意度指标…) and a level's weight printed under it ("（50分）")
_LEVEL = re.compile(r"^(?:[\u4e00-\u9fff]{2,8}指标|[(（]\d+分[)）])$")
_LEVEL1 = re.compile(r"^(?:产出|效益|满意度)指标$")
_VALUE_COLUMNS = ("年度指标值", "指标值", "目标值", "实际完成值", "实际值", "完成值", "分值", "权重", "得分")
_REASON_COLUMN = re.compile(r"^(?:偏差原因|扣分原因|未完成原因)")
_SCORE = re.compile(r"^\d+(?:\.\d+)?$")
_MAX_CELLS = 600


_NAME_CELLS = ("项目名称", "任务名称")  # the cell a form's name follows


def _cells(layout: Layout, first: int, own_line: bool = False) -> tuple[list[tuple[str, int, int]], int | None]:
    """The non-empty lines after the title line at ``first`` (offset; from it, with ``own_line``), up to the next
    title or the block's end; a form's title printed again on the next page over its continued rows (no 项目名称
    after it) does not end it. A second 项目名称 begins the next form under the same title (two projects' forms one
    after the other): the cells end before it and its column header, and where that form begins is returned too."""
    text = layout.doc.text
    out: list[tuple[str, int, int]] = []
    pos = first - 1 if own_line else text.find("\n", first)
    while pos >= 0 and len(out) < _MAX_CELLS:
        end = text.find("\n", pos + 1)
        line = text[pos + 1:end if end >= 0 else len(text)]
        cell = re.sub(r"\s+", "", line)
        if cell:
            if _END.match(cell) or _TITLE.match(cell) and not (
                    any(c in _NAME_CELLS for c, _, _ in out) and _continued(layout, end)):
                break
            if cell in _NAME_CELLS and any(c in _NAME_CELLS for c, _, _ in out):
                head = len(out)
                while head and out[head - 1][0] in _FORM_HEADER:
                    head -= 1
                nxt = out[head][1] if head < len(out) else pos + 1 + len(line) - len(line.lstrip())
                return out[:head], nxt
            if _TITLE.match(cell) and end >= 0:  # (the continued form's title, and its year line: "（2025年度）")
                nxt = text.find("\n", end + 1)
                year = text[end + 1:nxt if nxt >= 0 else len(text)]
                if re.fullmatch(r"[(（]?20\d\d年度?[)）]?", re.sub(r"\s+", "", year)):
                    end = nxt
            elif not _TITLE.match(cell):
                first_at, last_at = pos + 1 + len(line) - len(line.lstrip()), pos + 1 + len(line.rstrip())
                glued = _GLUED_NAME.match(cell)
                if glued and line.rstrip().endswith(glued.group(2)):  # ("填报单位:某局项目名称": two cells on one line)
                    cut = last_at - len(glued.group(2))
                    out += [(glued.group(1), first_at, cut), (glued.group(2), cut, last_at)]
                else:
                    out.append((cell, first_at, last_at))
        pos = end
    return out, None


# a form's first cell printed on its 填报单位 line (a PDF's text joins them): "填报单位:青石区住建局项目名称"
_GLUED_NAME = re.compile(r"^((?:填报|编制|申报)?(?:单位|部门)(?:名称)?[:：].+?)(项目名称|任务名称|一级指标)$")


# the column header a form prints over its indicators (before its 项目名称 when a form follows another)
_FORM_HEADER = ("一级指标", "二级指标", "三级指标", "指标值", "年度指标值", "实际完成值", "分值", "得分",
                "偏差原因分析及改进措施", "绩效指标")


def _continued(layout: Layout, after: int) -> bool:
    """Whether a form's title ending at ``after`` heads the continued rows of the form before it: no name of its own
    (项目名称, 填报单位…) in the first cells after it."""
    head = [re.sub(r"\s+", "", ln) for ln in layout.doc.text[after:after + 400].split("\n")]
    head = [c for c in head if c][:6]
    return bool(head) and not any(c in _NAME_CELLS or re.match(r"(?:填报|编制|申报)?(?:单位|部门)(?:名称)?[:：]", c)
                                  or c in ("单位名称", "部门名称", "主管部门") for c in head)


def _one_per_line(cells: list[tuple[str, int, int]], layout: Layout) -> bool:
    """Whether the block is a grid printed cell by cell: its lines hold one cell each (no tab, no run of spaces)."""
    lines = [layout.doc.text[s:e] for _, s, e in cells]
    return len(lines) >= 8 and sum(1 for ln in lines if "\t" in ln or re.search(r"\S\s{2,}\S", ln)) <= len(lines) // 10


def grid_items(layout: Layout, meta: DocMeta) -> list[LineItem]:
    """The indicators and total score of every performance table printed one cell per line."""
    out: list[LineItem] = []
    text = layout.doc.text
    read_to = -1
    for m in re.finditer(r"(?m)^[ \t]*(\S[^\n]{0,40})$", text):
        title = re.sub(r"\s+", "", m.group(1))
        if not _TITLE.match(title) or read_to > m.start():
            continue  # (a continued form's title over its next page: read with the form)
        at: int | None = m.start()
        own_line = False
        while at is not None:  # (the forms under this title, one after the other)
            cells, at = _cells(layout, at, own_line)
            own_line = True
            read_to = cells[-1][2] if cells else read_to
            if _one_per_line(cells, layout):
                out += _form(layout, meta, cells, title)
    return out


def _form(layout: Layout, meta: DocMeta, cells: list[tuple[str, int, int]], title: str) -> list[LineItem]:
    """One form's indicators, total score and money, named by its 项目名称 (else by its title)."""
    out: list[LineItem] = []
    named = next((cells[k + 1][0] for k, (c, _, _) in enumerate(cells[:-1]) if c in ("项目名称", "任务名称")), None)
    form = re.sub(r"^附件\d*[:：]?|[(（][^()（）]{2,30}[)）]$", "", title)
    table = form if named is None or named in form else named + (form[2:] if named.endswith("项目") and
                                                                  form.startswith("项目") else form)
    out += _indicators(layout, meta, cells, table)
    out += _total(layout, meta, cells, table, named)
    if named is not None:
        out += _project_money(layout, meta, cells, table, named) or (
            _target_money(layout, meta, cells, table, named) if "目标" in title else [])
    elif "整体" in title:
        out += overall_money(layout, meta, cells, table)
    return out


_TARGET_MONEY = re.compile(r"^(?:项目资金|年度资金总额|资金总额|项目总金额)(?:[(（]万元[)）])?[:：]?$")


def _target_money(layout: Layout, meta: DocMeta, cells: list[tuple[str, int, int]], table: str,
                  project: str) -> list[LineItem]:
    """A target form's money (项目资金 420.00; 项目资金(万元) / 年度资金总额 / 324.00): the project's row, as a
    budget's 项目支出表 would list it ("文化站免费开放花了多少钱" is its money, not the department's)."""
    for k, (c, start, _) in enumerate(cells[:60]):
        if _TARGET_MONEY.match(c):
            at = next((j for j in range(k + 1, min(k + 3, len(cells))) if _AMOUNT_CELL.fullmatch(cells[j][0])), None)
            if at is not None:
                amounts = [LineAmount(column="项目资金", value=cells[at][0].replace(",", ""), unit="万元")]
                end = cells[at][2]
                while at + 2 < len(cells) and (part := _TARGET_PART.match(cells[at + 1][0])) \
                        and _AMOUNT_CELL.fullmatch(cells[at + 2][0]):  # (其中：当年财政拨款 893.60 上年结转 86.40)
                    amounts.append(LineAmount(column=("其中" if len(amounts) == 1 else "") + part.group("part"),
                                              value=cells[at + 2][0].replace(",", ""), unit="万元"))
                    at, end = at + 2, cells[at + 2][2]
                return [LineItem(name=project, kind="project_row", table=table, amounts=amounts,
                                 citation=cite_on_page(layout.doc, meta, start, end))]
    return []


_AMOUNT_CELL = re.compile(r"[\d,]+\.\d{2}")
# the funds a target form lists under its money, one label and one amount each
_TARGET_PART = re.compile(r"^(?:其中[:：]?)?(?P<part>当年财政拨款|财政拨款|上年结转(?:资金)?|其他资金)[:：]?$")


_MONEY_COLUMNS = ("年初预算数", "全年预算数", "全年执行数", "偏差", "差额", "执行率", "分值", "分值权重", "得分")
_WHOLE_ROW = re.compile(r"^(?:预算执行情况|合计|总计|资金总额|年度资金总额)$")
_MONEY = re.compile(r"^-?[\d,]+(?:\.\d+)?%?$")
_NO_VALUE = re.compile(r"^[—\-－/／]$")  # a cell the row leaves empty (the 分值 of 其中：当年财政拨款)


def _money_rows(cells: list[tuple[str, int, int]]) -> tuple[list[str], str, list[tuple[str, int, list[tuple[str, int, int]]]]]:
    """The money block of a self-evaluation printed cell by cell: the header's columns (年初预算数 | 全年预算数 |
    全年执行数 | 分值 | 执行率 | 得分…), the unit, and each row as its label (a label wrapped in its narrow column is
    joined: "其中：当年财" + "政拨款"), the label's first cell and one value per column (a dash for none)."""
    first = next((k for k, (c, _, _) in enumerate(cells) if column_word(c) in _MONEY_COLUMNS), None)
    if first is None:
        return [], "万元", []
    k = first
    while k < len(cells) and column_word(cells[k][0]) in _MONEY_COLUMNS:
        k += 1
    header = [column_word(c) for c, _, _ in cells[first:k]]
    money = "元" if any(re.search(r"单位[:：]元|[（(]元[)）]", c) for c, _, _ in cells[max(0, first - 3):first]) else "万元"
    rows = []
    while k < len(cells):
        label = k
        while label - k < 3 and label < len(cells) and not _MONEY.match(cells[label][0]) \
                and not _NO_VALUE.match(cells[label][0]):
            label += 1
        values = cells[label:label + len(header)]
        if label == k or len(values) < len(header) or not all(
                _MONEY.match(c) or _NO_VALUE.match(c) for c, _, _ in values) or not any(_MONEY.match(c) for c, _, _ in values):
            break
        rows.append(("".join(c for c, _, _ in cells[k:label]), k, values))
        k = label + len(header)
    return header, money, rows


def _amounts(header: list[str], values: list[tuple[str, int, int]], money: str) -> list[LineAmount]:
    return [LineAmount(column=col, value=v.rstrip("%").replace(",", ""),
                       unit="%" if col == "执行率" else "分" if col in ("分值", "分值权重", "得分") else money)
            for col, (v, _, _) in zip(header, values, strict=True) if _MONEY.match(v)]


def overall_money(layout: Layout, meta: DocMeta, cells: list[tuple[str, int, int]], table: str) -> list[LineItem]:
    """An 整体支出 self-evaluation's money: each row's values under the header's columns — the whole (整体支出) and its
    parts (其中：基本支出, 项目支出). ``cells`` are its cells in reading order with their spans (a row of a Word table
    gives each of its cells the row's span)."""
    header, money, rows = _money_rows(cells)
    # (a label merged down the rows is printed in each: "年度预算执行情况（万元）其中：财政拨款" is 财政拨款)
    labels = [re.sub(r"^(?:[^:：]*[(（]万元[)）])?(?:其中|按[\u4e00-\u9fff]{1,6}分)?[:：]?", "", label) or label
              for label, _, _ in rows]
    # the whole: the row its label says is (合计, 年度资金总额), else the first row
    whole = next((n for n, label in enumerate(labels) if _WHOLE_ROW.match(label)), 0)
    out = []
    for n, (label, (_, k, values)) in enumerate(zip(labels, rows, strict=True)):
        out.append(LineItem(name="整体支出" if n == whole else label, kind="overall", table=table,
                            path=[] if n == whole else [label],  # (the whole's 合计 names no row of its own)
                            amounts=_amounts(header, values, money), citation=cite(layout.doc, meta, cells[k][1], values[-1][2])))
    return out


def _project_money(layout: Layout, meta: DocMeta, cells: list[tuple[str, int, int]], table: str,
                   project: str) -> list[LineItem]:
    """A project self-evaluation's money rows (年度资金总额, 其中：当年财政拨款, 上年结转资金, 其他资金), each under the
    header's columns, as :func:`extraction.lineitems.project_money_items` gives them from a table read whole."""
    header, money, rows = _money_rows(cells)
    return [LineItem(name=project, path=[re.sub(r"^其中[:：]", "", label)], kind="project_money", table=table,
                     amounts=_amounts(header, values, money), citation=cite(layout.doc, meta, cells[k][1], values[-1][2]))
            for label, k, values in rows]


def _indicators(layout: Layout, meta: DocMeta, cells: list[tuple[str, int, int]], table: str) -> list[LineItem]:
    at = next((k for k, (c, _, _) in enumerate(cells) if c == "三级指标"), None)
    if at is None:
        return []
    columns, k = [], at + 1
    while k < len(cells) and (cells[k][0] in _VALUE_COLUMNS or _REASON_COLUMN.match(cells[k][0])):
        columns.append(cells[k][0])
        k += 1
    values = [c for c in columns if not _REASON_COLUMN.match(c)]
    reasons = len(values) < len(columns)
    if not values or len(values) < 2 and values[0] not in ("年度指标值", "指标值", "目标值"):
        return []  # (a target table may print its 指标值 alone)
    scored = [n for n, c in enumerate(values) if c in ("分值", "权重", "得分")]
    # (the column header printed again over the rows on the form's next page is no row)
    cells = cells[:k] + [c for c in cells[k:] if c[0] not in ("一级指标", "二级指标", "三级指标", *columns)]

    def row_at(k: int) -> bool:  # a name, then its values, the score columns numbers
        return k + len(values) < len(cells) and not _LEVEL.match(cells[k][0]) \
            and not sentence_piece(cells[k][0]) and all(  # (a wrapped reason's cell names no indicator)
            _SCORE.match(cells[k + 1 + n][0]) for n in scored)

    out, levels = [], []
    while k + len(values) < len(cells):
        cell = cells[k][0]
        if cell in ("总分", "合计"):
            break
        if _LEVEL.match(cell):
            if not cell.startswith(("（", "(")):  # (a level's weight is no level)
                levels = [cell] if _LEVEL1.match(cell) else [*levels[:1], cell]
            k += 1
            continue
        if not row_at(k):
            k += 1  # (a cell the grammar does not place: read on from the next)
            continue
        first = k
        row = cells[k + 1:k + 1 + len(values)]
        amounts = [LineAmount(column=_column(col), value=v, unit="") for col, (v, _, _) in zip(values, row, strict=True)]
        k += 1 + len(values)
        why = None
        if reasons and k < len(cells) and cells[k][0] not in ("总分", "合计") and not _LEVEL.match(cells[k][0]) \
                and not row_at(k):
            why, k = cells[k][0], k + 1  # (the row's 偏差原因, as printed)
            while k < len(cells) and not re.search(r"[。；;.]$", why) and cells[k][0] not in ("总分", "合计") \
                    and re.search(r"[。；;，,]", cells[k][0]) and not row_at(k) and not _SCORE.match(cells[k][0]):
                why, k = why + cells[k][0], k + 1  # (wrapped in its narrow cell: "…投诉较多，下" / "一步将…。")
        out.append(LineItem(name=cell, kind="indicator", table=table, path=levels, amounts=amounts, reason=why,
                            citation=cite_on_page(layout.doc, meta, cells[first][1], cells[k - 1][2])))
    return out


def sentence_piece(cell: str) -> bool:
    """Whether a cell is a piece of a sentence (a wrapped reason: "部分河段异味投诉较多，下", "…有意见，"), not an
    indicator's name: a clause mark outside brackets, or a 。 before its end ("完成…抽检任务。" may name one)."""
    bare = re.sub(r"[(（][^()（）]*[)）]", "", cell.strip())  # ("技术培训人次（线上，线下合计）" is a name)
    return bool(re.search(r"[，,；;]|。(?=.)", bare))


def _column(header: str) -> str:
    return {"年度指标值": "指标值", "目标值": "指标值", "实际值": "实际完成值", "完成值": "实际完成值"}.get(header, header)


def _total(layout: Layout, meta: DocMeta, cells: list[tuple[str, int, int]], table: str,
           named: str | None) -> list[LineItem]:
    """总分 | 100 | 88.50 (| 自评等级：良): the table's score, under its project's name."""
    for k, (c, s, _) in enumerate(cells[:-2]):
        if c == "总分" and _SCORE.match(cells[k + 1][0]) and _SCORE.match(cells[k + 2][0]):
            amounts = [LineAmount(column="总分", value=cells[k + 1][0], unit="分"),
                       LineAmount(column="自评得分", value=cells[k + 2][0], unit="分")]
            grade = re.search(r"(?:等级|等次)[:：]?([优良中差])", cells[k + 3][0]) if k + 3 < len(cells) else None
            end = cells[k + 3 if grade else k + 2][2]
            if grade:
                amounts.append(LineAmount(column="等级", value=grade.group(1), unit=""))
            return [LineItem(name=named or table, kind="project_row", table=table, amounts=amounts,
                             citation=cite(layout.doc, meta, s, end))]
    return []


# -- any money table printed one cell per line -----------------------------------------------------------------
# (表1 预算执行情况（按资金来源）: 资金来源 | 年初预算 | 全年预算 | 执行数 | 执行率, then 一般公共预算财政拨款 | 6,126.80 | …)
_GRID_NUMBER = re.compile(r"^-?[\d,]+(?:\.\d+)?%?$")
_ORDINAL = re.compile(r"^\d{1,2}$")
# a money column's name: 年初预算, 全年预算数, 执行数, 执行率, 财政拨款, 其他资金, 预算金额合计, 基本支出, 合计…
_COLUMN_WORD = re.compile(r"^(?:[\u4e00-\u9fff]{0,10}(?:预算|决算|执行|拨款|资金|收入|支出|结转|结余|金额|人员经费|公用经费)(?:数|额|率)?(?:合计)?"
                          r"|因公出国[(（]境[)）]费|公务用车购置(?:及运行维护|及运行)?费|公务用车运行(?:维护)?费|公务接待费"
                          r"|[“\"]?三公[”\"]?经费(?:合计)?"
                          r"|合计|小计|总计|完成率|占比|比例|增减(?:额|率)?)(?:[(（](?:万元|元|%)[)）])?$")
_SENTENCE = re.compile(r"[。；;！？!?]|[，,].*[，,]")
# a column of words printed after the money columns (what each row's money is for)
_NOTE_COLUMN = re.compile(r"^(?:项目概述|项目内容|项目说明|主要内容|实施内容|资金用途|用途|备注|说明)$")
_GRID_TITLE = re.compile(r"表\s*\d|表$|表[(（]|情况[(（]|任务$|单位[:：]")
_OWN_TITLE = re.compile(r"[\u4e00-\u9fff]{2}表$|[\u4e00-\u9fff]{2}表[(（]")
# a document's title printed again at the top of a page ("澄江市兰溪县教育局2026年部门预算")
_DOC_TITLE = re.compile(r"^[\u4e00-\u9fff()（）]{2,40}20\d\d年度?(?:部门|单位)?(?:预算|决算)(?:公开)?$")
_MAX_LABEL_CELLS = 4  # a row's label and its wrapped description (an ordinal before them not counted)


def money_grids(layout: Layout, meta: DocMeta) -> list[LineItem]:
    """The rows of every money table printed one cell per line that the readers of standard tables and performance
    tables do not know: a header of column names, then each row's label cells and one number per money column
    (an ordinal before a label and a wrapped description after it are the row's too). The grid ends where a row
    does not print one number per column."""
    cells = [(re.sub(r"\s+", "", m.group(0)), m.start(), m.end()) for m in re.finditer(r"[^\n]+", layout.doc.text)]
    cells = [c for c in cells if c[0]]
    out: list[LineItem] = []
    k = 0
    last: _Shape | None = None  # the grid read before
    while k < len(cells):
        read, k, shape = _grid_at(layout, meta, cells, k, last)
        out += read
        last = shape or last
    return out


def _groups(cells: list[tuple[str, int, int]], k: int) -> tuple[list[int], list[int], int]:
    """From ``k``: the words cells, then the number cells after them (an ordinal before words is a words cell)."""
    words, numbers = [], []
    while k < len(cells) and len(cells[k][0]) <= 40 and not _SENTENCE.search(cells[k][0]) and (
            not _GRID_NUMBER.match(cells[k][0])
            or _ORDINAL.match(cells[k][0]) and k + 1 < len(cells) and not _GRID_NUMBER.match(cells[k + 1][0])):
        words.append(k)
        k += 1
    while k < len(cells) and _GRID_NUMBER.match(cells[k][0]) and not (
            _ORDINAL.match(cells[k][0]) and k + 1 < len(cells) and not _GRID_NUMBER.match(cells[k + 1][0]) and numbers):
        numbers.append(k)
        k += 1
    return words, numbers, k


_Shape = tuple[list[str], str | None, str]  # a grid's money columns, its table's title and its unit of money


def _grid_at(layout: Layout, meta: DocMeta, cells: list[tuple[str, int, int]], k: int,
             last: _Shape | None) -> tuple[list[LineItem], int, _Shape | None]:
    """The grid whose header starts at or after ``k`` (none: an empty list), where to read on, and the grid's columns,
    title and unit; a grid under no title of its own whose header repeats ``last``'s (the table's header printed again
    on its next page) goes on with that table, however few its rows."""
    words, numbers, after = _groups(cells, k)
    width = len(numbers)
    if width < 2 or not words:  # (one number a row is a list of values, not a table of money columns)
        return [], max(after, k + 1), None
    header = _header(cells, words, width)
    if header is None:
        return [], after, None
    columns, first_labels, named_at, noted = header
    before = words[:named_at]
    # (the table's own title before its 编制单位/单位 line: "收入决算表" / "编制部门:某局 单位:万元")
    at = next((i for i in reversed(before[-5:]) if _OWN_TITLE.search(cells[i][0])), None)
    at = next((i for i in reversed(before) if _GRID_TITLE.search(cells[i][0])), None) if at is None else at
    at = k - 1 if at is None and k and _GRID_TITLE.search(cells[k - 1][0]) else at
    title = " ".join(layout.doc.text[cells[at][1]:cells[at][2]].split()) if at is not None else None
    if title and names_another_year(title, meta.year):
        return [], after, None  # (last year's execution printed in this year's budget: not this year's rows)
    continued = title is None and last is not None and last[0] == columns
    rows = [(first_labels, numbers + _note_at(cells, after, noted))]
    after += len(rows[0][1]) - len(numbers)
    while after < len(cells):
        more, values, nxt = _groups(cells, after)
        if len(values) != width or not 0 < sum(1 for i in more if not _ORDINAL.match(cells[i][0])) <= _MAX_LABEL_CELLS:
            break
        note = _note_at(cells, nxt, noted)
        rows.append((more, values + note))
        after = nxt + len(note)
    figures = [cells[i][0] for _, values in rows for i in values[:width]]
    if len(rows) < (1 if continued else 2) or sum(1 for f in figures if "." in f or f.endswith("%")) * 2 < len(figures):
        return [], after, None  # (money is printed with its fen: a grid of whole numbers is counts or scores)
    texts = len(before) - (before.index(at) + 1 if at in before else 0)  # the header's word columns (序号, 名称, 内容)
    money = "元" if any(re.search(r"单位[:：]元|[（(]元[)）]", cells[i][0]) for i in before[-3:]) else "万元"
    table = re.sub(r"\s*单位[:：].*$", "", title) if title else None
    if continued:
        _, table, money = last
    out = []
    for labels, values in rows:
        item = _grid_row(layout, meta, cells, (labels, values), texts, (columns, money, table))
        out += [item] if item is not None else []
    return out, after, (columns, table, money)


def _header(cells: list[tuple[str, int, int]], words: list[int], width: int
            ) -> tuple[list[str], list[int], int, bool] | None:
    """The money columns' names (the ``width`` column names before the first row's label cells), the first row's
    label cells, where the names start in ``words`` and whether a column of words follows the money (项目概述);
    None when the cells there are no column names, or more columns are named than numbers printed."""
    for labels in range(1, min(_MAX_LABEL_CELLS, len(words) - width) + 1):
        first = words[len(words) - labels:]
        noted = bool(_NOTE_COLUMN.match(cells[first[0]][0]))
        if noted and labels == 1:
            continue
        found = _column_names(cells, words, len(words) - labels, width)
        if found is not None:
            named, at = found
            first = first[1:] if noted else first
            if any(cells[i][0] in (*_VALUE_COLUMNS, "分值权重", "执行率", "完成率") for i in first) \
                    or at > 0 and _money_column(cells[words[at - 1]][0]):
                return None  # (a blank cell prints nothing: which column each number is under is unknown)
            return named, first, at, noted
    return None


def _column_names(cells: list[tuple[str, int, int]], words: list[int], end: int, width: int
                  ) -> tuple[list[str], int] | None:
    """``width`` money columns' names read back from before ``words[end]``, and the index of the first; a name
    wrapped in its narrow cell is joined ("上级补助收" / "入", "附属单位上缴" / "收入"); the heads of merged groups over
    them are taken out (:func:`_ungrouped`)."""
    names: list[str] = []
    i = end - 1
    while len(names) < width + _MAX_GROUPS and i >= 0:
        cell = cells[words[i]][0]
        head = cells[words[i - 1]][0] if i > 0 else ""
        if head and (len(cell) <= 3 or not _money_column(cell) or cell in _TAILS) \
                and (not _money_column(head) or cell in _TAILS) \
                and not re.search(r"(?:名称|项目|科目|单位|编码|序号|[类款项])$", head) and _money_column(head + cell):
            names.append(head + cell)
            i -= 2
        elif _money_column(cell):
            names.append(cell)
            i -= 1
        else:
            break
    names = _ungrouped(names[::-1], width)
    return (names, i + 1) if len(names) == width else None


_TAILS = ("款", "拨款", "拨款收入", "入", "出", "额", "数")  # a name's end wrapped alone ("政府性基金预算" / "拨款")
_MAX_GROUPS = 2  # heads of merged column groups a header may print over its columns
# a head printed over the columns it is made of, and how the first of them is named (本年收入 over 一般公共预算拨款 …
# 其他收入; 财政拨款 over 一般公共预算 and 政府性基金; 单位资金 or 非财政拨款收入 over 事业收入 …; 一般公共预算 over 当年拨款 and
# 上年结转; 基本支出 over 人员经费 and 公用经费)
_GROUP_PARTS = (
    (re.compile(r"^(?:本年|当年)?收入$"), re.compile(r"(?:收入|拨款)$")),
    (re.compile(r"^(?:本年|当年)?支出$"), re.compile(r"支出$")),
    (re.compile(r"^财政拨款(?:收入|支出)?(?:合计)?$"), re.compile(r"^(?:一般公共预算|政府性基金|国有资本)")),
    (re.compile(r"^(?:单位资金|非财政拨款(?:收入|资金)?|其他资金)$"),
     re.compile(r"^(?:事业|经营|其他|上级补助|附属单位上缴|事业单位经营)收入$|^(?:事业|经营)?结转")),
    (re.compile(r"^(?:一般公共预算|政府性基金预算?)(?:拨款)?$"), re.compile(r"^(?:当年|本年)拨款|^上年结转|^小计$")),
    (re.compile(r"^基本支出$"), re.compile(r"^(?:人员经费|公用经费|工资福利支出|商品和服务支出)$")),
)


def _ungrouped(names: list[str], width: int) -> list[str]:
    """The names of the ``width`` columns under a header that prints more: a head over a 小计 names that 小计 column,
    and a head printed over the columns it is made of (its first part after it, :data:`_GROUP_PARTS`) is taken out
    — when exactly as many such heads are printed as names too many; else the names as read (which then fit no
    grid: nothing is read rather than columns shifted)."""
    extra = len(names) - width
    if extra <= 0:
        return names
    out = list(names)
    for k in range(len(out) - 1, 0, -1):  # (a head over its 小计: "基本支出" / "小计" / "人员经费" / "公用经费")
        if extra and out[k] == "小计" and _money_column(out[k - 1]) and out[k - 1] != "小计":
            del out[k]
            extra -= 1
    heads = [k for k in range(len(out) - 2)
             if any(head.match(out[k]) and part.search(out[k + 1]) for head, part in _GROUP_PARTS)]
    if len(heads) == extra:
        out = [n for k, n in enumerate(out) if k not in heads]
    return out if len(out) == width else names


def _note_at(cells: list[tuple[str, int, int]], k: int, noted: bool) -> list[int]:
    """``[k]`` when a table with a column of words after its money (项目概述) prints a row's words there (a sentence or
    a long phrase: "对4个司法所办公用房…进行标准化改造。"), else ``[]`` (the 合计 row prints none)."""
    if noted and k < len(cells) and not _GRID_NUMBER.match(cells[k][0]) and (
            _SENTENCE.search(cells[k][0]) or len(cells[k][0]) > 24):
        return [k]
    return []


def _money_column(cell: str) -> bool:
    return len(cell) <= 14 and _COLUMN_WORD.match(cell) is not None


def _grid_row(layout: Layout, meta: DocMeta, cells: list[tuple[str, int, int]], row: tuple[list[int], list[int]],
              texts: int, table: tuple[list[str], str, str | None]) -> LineItem | None:
    """One row: its label (a name wrapped in its narrow column joined: 背街小巷 / 整治), the rest of its words as its
    path, each number under its column; the words printed after its money (项目概述), when any, end its quote."""
    labels, values = row
    columns, money, title = table
    labels = [i for i in labels if not _DOC_TITLE.match(cells[i][0])]  # (the running header over the next page's rows)
    if not labels:
        return None
    named = [i for i in labels if not _ORDINAL.match(cells[i][0])]
    if not named:
        return None
    label = cells[named[0]][0]
    if len(labels) > texts and len(named) > 1 and len(cells[named[1]][0]) <= 4 \
            and not re.search(r"[、，,；;：:]", cells[named[1]][0]):
        label += cells[named.pop(1)][0]
    if not re.match(r"[\u4e00-\u9fff]", label) or _LEVEL.match(label):
        return None  # (≥90%, a level word: an indicator table's cells, not a row's name)
    amounts = [LineAmount(column=col, value=cells[i][0].rstrip("%").replace(",", ""),
                          unit="%" if cells[i][0].endswith("%") else money) for col, i in zip(columns, values[:len(columns)], strict=True)]
    try:
        citation = cite(layout.doc, meta, cells[labels[0]][1], cells[values[-1]][2])
    except ValueError:  # (a row across a page break is left out: a citation is on one page)
        return None
    return LineItem(name=re.sub(r"^其中[:：]", "", label), kind="grid", table=title,
                    path=[cells[i][0] for i in named[1:]], amounts=amounts, citation=citation)
