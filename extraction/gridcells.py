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
from index.layout import Layout, cite

# a performance table's title line (spaces left out)
_TITLE = re.compile(r"^(?:附件\d*[:：]?)?(?:部门|单位)?(?:\(单位\))?(?:整体|项目)?支出绩效(?:自评|目标)(?:申报)?表$")
_END = re.compile(r"^(?:附件\d*|填报人|联系电话|第[一二三四五六七八九十]+部分)")
# level words (产出指标, 数量指标, 服务对象满意度指标…) and a level's weight printed under it ("（50分）")
_LEVEL = re.compile(r"^(?:[\u4e00-\u9fff]{2,8}指标|[(（]\d+分[)）])$")
_LEVEL1 = re.compile(r"^(?:产出|效益|满意度)指标$")
_VALUE_COLUMNS = ("年度指标值", "指标值", "目标值", "实际完成值", "实际值", "完成值", "分值", "权重", "得分")
_REASON_COLUMN = re.compile(r"^(?:偏差原因|扣分原因|未完成原因)")
_SCORE = re.compile(r"^\d+(?:\.\d+)?$")
_MAX_CELLS = 600


def _cells(layout: Layout, first: int) -> list[tuple[str, int, int]]:
    """The non-empty lines after the title line at ``first`` (offset), up to the next title or the block's end."""
    text = layout.doc.text
    out: list[tuple[str, int, int]] = []
    pos = text.find("\n", first)
    while pos >= 0 and len(out) < _MAX_CELLS:
        end = text.find("\n", pos + 1)
        line = text[pos + 1:end if end >= 0 else len(text)]
        cell = re.sub(r"\s+", "", line)
        if cell:
            if _TITLE.match(cell) or _END.match(cell):
                break
            out.append((cell, pos + 1 + len(line) - len(line.lstrip()), pos + 1 + len(line.rstrip())))
        pos = end
    return out


def _one_per_line(cells: list[tuple[str, int, int]], layout: Layout) -> bool:
    """Whether the block is a grid printed cell by cell: its lines hold one cell each (no tab, no run of spaces)."""
    lines = [layout.doc.text[s:e] for _, s, e in cells]
    return len(lines) >= 8 and sum(1 for ln in lines if "\t" in ln or re.search(r"\S\s{2,}\S", ln)) <= len(lines) // 10


def grid_items(layout: Layout, meta: DocMeta) -> list[LineItem]:
    """The indicators and total score of every performance table printed one cell per line."""
    out: list[LineItem] = []
    text = layout.doc.text
    for m in re.finditer(r"(?m)^[ \t]*(\S[^\n]{0,40})$", text):
        title = re.sub(r"\s+", "", m.group(1))
        if not _TITLE.match(title):
            continue
        cells = _cells(layout, m.start())
        if not _one_per_line(cells, layout):
            continue
        named = next((cells[k + 1][0] for k, (c, _, _) in enumerate(cells[:-1]) if c in ("项目名称", "任务名称")), None)
        table = title if named is None or named in title else named + re.sub(r"^附件\d*[:：]?", "", title)
        out += _indicators(layout, meta, cells, table)
        out += _total(layout, meta, cells, table, named)
        if named is None and "整体" in title:
            out += _overall_money(layout, meta, cells, table)
    return out


_MONEY_COLUMNS = ("年初预算数", "全年预算数", "全年执行数", "执行率", "分值", "分值权重", "得分")
_WHOLE_ROW = re.compile(r"^(?:预算执行情况|合计|总计|资金总额|年度资金总额)$")
_MONEY = re.compile(r"^-?[\d,]+(?:\.\d+)?%?$")


def _overall_money(layout: Layout, meta: DocMeta, cells: list[tuple[str, int, int]], table: str) -> list[LineItem]:
    """An 整体支出 self-evaluation's money: the header's columns (年初预算数 | 全年预算数 | 全年执行数 | 执行率…), then each
    row's label and values — the whole (整体支出) and its parts (其中：基本支出, 项目支出)."""
    first = next((k for k, (c, _, _) in enumerate(cells) if c in _MONEY_COLUMNS), None)
    if first is None:
        return []
    k = first
    while k < len(cells) and cells[k][0] in _MONEY_COLUMNS:
        k += 1
    header = [c for c, _, _ in cells[first:k]]
    money = "元" if any(re.search(r"单位[:：]元|[（(]元[)）]", c) for c, _, _ in cells[max(0, first - 3):first]) else "万元"
    out = []
    while k + len(header) < len(cells) and not _MONEY.match(cells[k][0]) and all(
            _MONEY.match(c) for c, _, _ in cells[k + 1:k + 1 + len(header)]):
        label = re.sub(r"^其中[:：]", "", cells[k][0])
        values = cells[k + 1:k + 1 + len(header)]
        amounts = [LineAmount(column=col, value=v.rstrip("%").replace(",", ""),
                              unit="%" if col == "执行率" else "分" if col in ("分值", "分值权重", "得分") else money)
                   for col, (v, _, _) in zip(header, values, strict=True)]
        whole = not out or _WHOLE_ROW.match(label)
        out.append(LineItem(name="整体支出" if whole else label, kind="overall", table=table, path=[label],
                            amounts=amounts, citation=cite(layout.doc, meta, cells[k][1], values[-1][2])))
        k += 1 + len(header)
    return out


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
    if len(values) < 2:
        return []
    scored = [n for n, c in enumerate(values) if c in ("分值", "权重", "得分")]

    def row_at(k: int) -> bool:  # a name, then its values, the score columns numbers
        return k + len(values) < len(cells) and not _LEVEL.match(cells[k][0]) and all(
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
        out.append(LineItem(name=cell, kind="indicator", table=table, path=levels, amounts=amounts, reason=why,
                            citation=cite(layout.doc, meta, cells[first][1], cells[k - 1][2])))
    return out


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
