"""Figures from the standard tables, read by row labels and column headers, not by line numbers.

Tables come from the chunker (their rows already re-assembled from tab-separated lines, one
cell per line, or PDF text), grouped by ``table_id`` so that a table split over chunks or pages
is read as one. Three readers:
- label/value pairs (收入支出决算总表, 财政拨款收入支出决算总表, 基本支出表, 统计表, 目标表):
  a label cell followed by its amount (a 行次 column is skipped);
- header columns (收入决算表, 支出决算表, 一般公共预算财政拨款支出决算表, "三公"经费表): the 合计
  row read under the column whose header names the figure, cells aligned by position;
- project tables (绩效自评表, 绩效目标表): 项目名称, the 年度资金总额 row, 总分.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extraction.prose import NUM
from extraction.schemas import ChunkKind, DocType
from extraction.vocabulary import item_name
from index.chunking import chunk_document
from index.metadata import DocMeta
from index.normalise import NormDoc

_NUMBER = re.compile(rf"^(?P<num>{NUM})\s*(?P<unit>%|分|万元|元)?$")


@dataclass
class Row:
    cells: list[str]
    start: int
    end: int

    @property
    def labels(self) -> list[str]:
        return [c for c in self.cells if c and not _NUMBER.match(c)]

    @property
    def first(self) -> str:
        return next((c for c in self.cells if c), "")


@dataclass
class Table:
    title: str
    rows: list[Row] = field(default_factory=list)
    section: list[str] = field(default_factory=list)


@dataclass
class TableFigure:
    key: str
    value: str
    unit: str
    start: int
    end: int
    label: str
    table: str
    column: str | None = None
    name_span: tuple[int, int] | None = None  # where an itemised key's name is printed, if not in the row


def number(cell: str) -> tuple[str, str | None] | None:
    m = _NUMBER.match(cell.strip())
    return (m.group("num").replace(",", ""), m.group("unit")) if m else None


def _rows(doc: NormDoc, start: int, end: int) -> list[Row]:
    body = doc.text[start:end]
    lines: list[tuple[int, str]] = []
    pos = 0
    for ln in body.split("\n"):
        lines.append((start + pos, ln))
        pos += len(ln) + 1
    cell_mode = any(t.startswith("\t") and "\t" not in t[1:] for _, t in lines)
    rows: list[Row] = []
    if cell_mode:
        block: list[tuple[int, str]] = []
        for s, t in lines + [(end, "")]:
            if t.strip() or (t.startswith("\t") and "\t" not in t[1:]):
                block.append((s, t))
                continue
            if block:
                rows.append(Row([x.strip() for _, x in block], block[0][0], block[-1][0] + len(block[-1][1])))
                block = []
        return rows
    for s, t in lines:
        if not t.strip():
            continue
        cells = [c.strip() for c in t.split("\t")] if "\t" in t else t.split(" ")
        rows.append(Row(cells, s, s + len(t)))
    return rows


def tables_of(doc: NormDoc, meta: DocMeta) -> list[Table]:
    """Tables in reading order; an untitled table right after another one continues it."""
    tables: dict[int, Table] = {}
    previous: Table | None = None
    for chunk in chunk_document(doc, meta):
        if chunk.kind != ChunkKind.table or chunk.table_id is None:
            if chunk.kind == ChunkKind.heading or (chunk.kind == ChunkKind.narrative and "\t" not in chunk.body):
                previous = None if chunk.section_path != (previous and previous.section) else previous
            continue
        title = (chunk.table_title or "").replace(" ", "")
        if chunk.table_id not in tables and not title and previous is not None:
            tables[chunk.table_id] = previous  # its rows go on in the table before
        t = tables.setdefault(chunk.table_id, Table(title=title, section=chunk.section_path))
        t.rows.extend(_rows(doc, chunk.span.start, chunk.span.end))
        previous = t
    unique: list[Table] = []
    for t in tables.values():
        if not any(t is u for u in unique):
            unique.append(t)
    return unique


# -- readers ---------------------------------------------------------------------------------

_PAIR_LABELS = {
    "本年收入合计": "income_current_year", "本年支出合计": "expenditure_current_year",
    "年初结转和结余": "beginning_carryover", "年末结转和结余": "ending_carryover",
    "一般公共预算财政拨款收入": "fiscal_appropriation_income", "其他收入": "other_income",
    "收入总计": "income_grand_total", "支出总计": "expenditure_grand_total",
    "人员经费合计": "personnel_expenses", "公用经费合计": "public_expenses",
    "人员经费": "personnel_expenses", "公用经费": "public_expenses",
    "机关运行经费": "agency_operating_expenses", "机关运行经费支出": "agency_operating_expenses",
    "政府采购支出合计": "procurement_total", "政府采购货物支出": "procurement_goods",
    "政府采购工程支出": "procurement_works", "政府采购服务支出": "procurement_services",
    "授予中小企业合同金额": "procurement_sme",
}


def _label_key(label: str) -> str | None:
    return _PAIR_LABELS.get(item_name(label).replace("、", ""))


def _pairs(row: Row, skip_row_numbers: bool) -> list[tuple[str, str, str | None, int]]:
    """(label, value, unit, side) pairs of a row; side counts label cells from the left."""
    out = []
    label: str | None = None
    side = -1
    taken = False
    for cell in row.cells:
        n = number(cell) if cell else None
        if cell and n is None:
            label, taken = cell, False
            side += 1
            continue
        if n is None or label is None or taken:
            continue
        if skip_row_numbers and re.fullmatch(r"\d{1,3}", n[0]):
            continue  # 行次 / 栏次
        out.append((label, n[0], n[1], side))
        taken = True
    return out


def read_pairs(table: Table, doc_type: DocType) -> list[TableFigure]:
    out = []
    grant = "财政拨款" in table.title
    skip = any("行次" in r.cells or "栏次" in r.cells for r in table.rows)
    for row in table.rows:
        for label, value, unit, side in _pairs(row, skip):
            name = item_name(label)
            if name == "总计":
                key = ("fiscal_grant_income_total" if side == 0 else "fiscal_grant_expenditure_total") if grant else (
                    "income_grand_total" if side == 0 else "expenditure_grand_total")
            else:
                key = _label_key(label)
                if grant and key in ("income_current_year", "expenditure_current_year", "fiscal_appropriation_income"):
                    key = None  # in the 财政拨款 table these are the grant's own parts, without keys
            if key:
                out.append(TableFigure(key, value, unit or "万元", row.start, row.end, label, table.title))
    return out


_COLUMN_KEYS = {
    "收入决算表": {"本年收入合计": "income_current_year", "财政拨款收入": "fiscal_appropriation_income",
               "其他收入": "other_income"},
    "支出决算表": {"本年支出合计": "expenditure_current_year", "基本支出": "basic_expenditure",
               "项目支出": "project_expenditure"},
    "一般公共预算财政拨款支出决算表": {"合计": "gpb_expenditure", "小计": "gpb_expenditure",
                           "基本支出": "gpb_basic_expenditure"},
    "收入总体情况表": {"合计": "income_current_year", "总计": "income_current_year"},
    "支出总体情况表": {"合计": "expenditure_current_year", "基本支出": "basic_expenditure",
                "项目支出": "project_expenditure"},
    "一般公共预算支出情况表": {"合计": "gpb_expenditure", "基本支出": "gpb_basic_expenditure"},
}
_NUMERIC_HEADERS = {"合计", "基本支出", "项目支出", "本年收入合计", "本年支出合计", "财政拨款收入", "一般公共预算拨款",
                    "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入", "上缴上级支出", "经营支出",
                    "对附属单位补助支出", "政府性基金预算", "国有资本经营预算"}


def read_columns(table: Table, columns: dict[str, str]) -> list[TableFigure]:
    """The 合计 row (and 类 rows of the GPB table) read under named header columns, aligned by position."""
    out = []
    header = next((r for r in table.rows if any(c.replace(" ", "") in columns for c in r.cells)
                   and not any(number(c) for c in r.cells if c)), None)
    if header is None:
        return out
    names = [c.replace(" ", "") for c in header.cells]
    positions = {i: columns[c] for i, c in enumerate(names) if c in columns}
    named = [c for c in names if c in _NUMERIC_HEADERS or c in columns]
    for row in table.rows:
        first = row.first
        if item_name(first) in ("合计", "总计"):
            amounts = [c for c in row.cells if c and number(c)]
            if len(amounts) == len(named):  # one amount per named column: read them in order
                aligned = [(columns[h], a, h) for h, a in zip(named, amounts, strict=True) if h in columns]
            else:  # empty cells kept as cells: read by position under the header
                aligned = [(key, row.cells[i], names[i]) for i, key in positions.items()
                           if i < len(row.cells) and number(row.cells[i])]
            for key, cell, column in aligned:
                n = number(cell)
                out.append(TableFigure(key, n[0], n[1] or "万元", row.start, row.end, first, table.title, column))
        elif "gpb_expenditure" in columns.values() and re.fullmatch(r"\d{3}", first):
            rest = row.cells[row.cells.index(first) + 1:]
            name = next((c for c in rest if c), None)  # a 类 row: no 款/项 code between the code and the name
            if name is None or number(name):
                continue
            i = next((i for i, k in positions.items() if k == "gpb_expenditure"), None)
            if name and i is not None and i < len(row.cells) and (n := number(row.cells[i])):
                out.append(TableFigure(f"gpb_class:{item_name(name)}", n[0], "万元", row.start, row.end, name,
                                       table.title, names[i]))
    return out


_THREE_PUBLIC_ITEMS = ["total", "overseas_travel", "vehicle_subtotal", "vehicle_purchase", "vehicle_operation",
                       "official_reception"]


def read_three_public(table: Table, doc_type: DocType) -> list[TableFigure]:
    """The "三公" table: six amounts for 预算数 and six for 决算数 (blocks or interleaved, from the header)."""
    header = " ".join(" ".join(r.cells) for r in table.rows if not any(number(c) for c in r.cells if c))
    for row in table.rows:
        values = [number(c) for c in row.cells if c]
        if not values or any(v is None for v in values) or all(re.fullmatch(r"\d{1,2}", v[0]) for v in values):
            continue
        nums = [v[0] for v in values]
        if len(nums) == 12:
            interleaved = header.count("预算数") >= 3
            budget = nums[0::2] if interleaved else nums[:6]
            actual = nums[1::2] if interleaved else nums[6:]
        elif len(nums) == 6 and doc_type == DocType.budget:
            budget, actual = nums, None
        else:
            continue
        out = []
        for series, is_budget in ((budget, True), (actual, False)):
            if series is None:
                continue
            for item, value in zip(_THREE_PUBLIC_ITEMS, series, strict=True):
                if item == "vehicle_subtotal":
                    continue
                if item == "total":
                    key = "three_public_budget" if is_budget else "three_public_actual"
                elif is_budget and doc_type != DocType.budget:
                    continue
                else:
                    key = item
                out.append(TableFigure(key, value, "万元", row.start, row.end, item, table.title,
                                       "预算数" if is_budget else "决算数"))
        return out
    return []


def read_project(table: Table) -> list[TableFigure]:
    """A 项目支出绩效自评表 / 绩效目标表: name, 全年预算数, 全年执行数, 执行率, 总分."""
    rows = table.rows
    name = name_row = None
    for r in rows:
        cells = [c for c in r.cells if c]
        for i, c in enumerate(cells[:-1]):
            if c.replace(" ", "") in ("项目名称", "任务名称"):
                name, name_row = re.sub(r"\s+", "", cells[i + 1]), r
                break
        if name:
            break
    if not name or name_row is None:
        return []
    out: list[TableFigure] = []
    header = next((r for r in rows if "全年预算数" in r.cells and "全年执行数" in r.cells), None)
    if header is not None:
        after = rows[rows.index(header) + 1:]
        data = next((r for r in after if sum(1 for c in r.cells if c and number(c)) >= 3), None)
        if data is not None:
            found = _budget_actual_rate(data)
            if found is None:  # fall back to the header's column positions
                cols = {c: i for i, c in enumerate(header.cells) if c in ("全年预算数", "全年执行数", "执行率")}
                cells = [data.cells[cols[c]] if c in cols and cols[c] < len(data.cells) else ""
                         for c in ("全年预算数", "全年执行数", "执行率")]
                found = tuple(number(c) for c in cells) if all(c and number(c) for c in cells) else None
            if found is not None:
                for (value, _), field_, col in zip(found, ("budget", "actual", "execution_rate"),
                                                   ("全年预算数", "全年执行数", "执行率"), strict=True):
                    unit = "%" if field_ == "execution_rate" else "万元"
                    out.append(TableFigure(f"project:{name}:{field_}", value, unit, data.start, data.end,
                                           data.first, table.title, col))
    for r in rows:
        if r.first.replace(" ", "") == "总分":
            scores = [number(c) for c in r.cells if c and number(c)]
            if scores:
                out.append(TableFigure(f"project:{name}:score", scores[-1][0], "分", r.start, r.end, "总分", table.title,
                                       "得分"))
    if header is None:
        for r in rows:
            cells = [c for c in r.cells if c]
            for i, c in enumerate(cells[:-1]):
                if re.match(r"^(?:年度资金总额|资金总额)[:：]?$", c.replace(" ", "")) and (n := number(cells[i + 1])):
                    out.append(TableFigure(f"project:{name}:budget", n[0], "万元", r.start, r.end, c, table.title))
                    return _named(out, name_row)
    return _named(out, name_row)


def _budget_actual_rate(row: Row):
    """(全年预算数, 全年执行数, 执行率) in a row of amounts: the adjacent pair (b, a) and a later rate r
    with r = a / b × 100 at printed precision; the rightmost such pair wins (年初预算数 comes first)."""
    from decimal import Decimal

    nums = [number(c) for c in row.cells if c and number(c)]
    for j in range(len(nums) - 1, 0, -1):
        b, a = Decimal(nums[j - 1][0]), Decimal(nums[j][0])
        if b <= 0:
            continue
        for k in range(j + 1, len(nums)):
            r = Decimal(nums[k][0])
            if abs(a / b * 100 - r) <= Decimal("0.06"):
                return nums[j - 1], nums[j], nums[k]
    return None


def _named(figures: list[TableFigure], row: Row) -> list[TableFigure]:
    for f in figures:
        f.name_span = (row.start, row.end)
    return figures


def read_task_rows(table: Table) -> list[TableFigure]:
    """整体支出绩效目标表: one row per task, 任务名称 | 主要内容 | 总额 | 财政拨款 | 其他资金.

    The name is the text cell before the description (the cell before the first amount); rows
    whose first cell is a fragment of a merged cell ("度主要任务") still read right.
    """
    out = []
    for r in table.rows:
        first_num = next((i for i, c in enumerate(r.cells) if c and number(c)), None)
        if first_num is None or first_num < 2:
            continue
        name = r.cells[first_num - 2]
        if not name or number(name) or name in ("任务名称", "合计", "金额合计"):
            continue
        out.append(TableFigure(f"project:{re.sub(r'[ ]+', '', name)}:budget", number(r.cells[first_num])[0], "万元",
                               r.start, r.end, name, table.title, "总额"))
    return out


def extract_tables(doc: NormDoc, meta: DocMeta) -> list[TableFigure]:
    out: list[TableFigure] = []
    for t in tables_of(doc, meta):
        title = re.sub(r"^[一二三四五六七八九十\d]+[、.]", "", t.title)
        if "三公" in title:
            out.extend(read_three_public(t, meta.doc_type))
        elif "绩效自评表" in title or "项目支出绩效目标表" in title:
            out.extend(read_project(t))
        elif "整体支出绩效目标表" in title:
            out.extend(read_task_rows(t))
        elif any(title.endswith(k) for k in _COLUMN_KEYS):
            columns = next(_COLUMN_KEYS[k] for k in sorted(_COLUMN_KEYS, key=len, reverse=True) if title.endswith(k))
            out.extend(read_columns(t, columns))
        elif re.search(r"收入支出决算总表|收支决算总表|收支总表|基本支出决算(?:明细)?表|统计表", title):
            out.extend(read_pairs(t, meta.doc_type))
    return out
