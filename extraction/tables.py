"""Figures from the standard tables, read by row labels and column headers, not by line numbers.

Tables come from the document's :class:`~index.layout.Layout` (their rows already re-assembled
from tab-separated lines, one cell per line, or PDF text; a table split over pages is one
table). Three readers:
- label/value pairs (收入支出决算总表, 财政拨款收入支出决算总表, 基本支出表, 统计表, 目标表):
  a label cell followed by its amount (a 行次 column is skipped);
- header columns (收入决算表, 支出决算表, 一般公共预算财政拨款支出决算表, "三公"经费表): the 合计
  row read under the column whose header names the figure, cells aligned by position;
- project tables (绩效自评表, 绩效目标表): 项目名称, the 年度资金总额 row, 总分.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.schemas import DocType
from core.vocabulary import item_name
from index.layout import Layout, Row, Table, cells_of, number
from index.normalise import NormDoc


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


# -- readers ---------------------------------------------------------------------------------

# the letters a template prints after a column's name to state how the columns relate: 全年预算数（A）, 全年执行数（B）,
# 执行率（B/A）, 偏差（C=B-A）
_COLUMN_MARK = re.compile(r"[（(][A-Za-z](?:[=A-Za-z/×*+\-－]*)[）)]$")


def column_word(cell: str) -> str:
    """A header cell as the column's bare name: spaces and a trailing letter mark taken out."""
    return _COLUMN_MARK.sub("", cell.replace(" ", ""))


_PAIR_LABELS = {
    "财政拨款收入": "fiscal_appropriation_income",
    "本年收入合计": "income_current_year", "本年支出合计": "expenditure_current_year",
    "年初结转和结余": "beginning_carryover", "年末结转和结余": "ending_carryover",
    "上年结转": "beginning_carryover",  # (a budget's 收支总表 prints the carry-over in as 上年结转)
    "一般公共预算财政拨款收入": "fiscal_appropriation_income", "一般公共预算拨款收入": "fiscal_appropriation_income",
    "其他收入": "other_income",
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


_GRANT_TOTALS = {"income_grand_total": "fiscal_grant_income_total",
                 "expenditure_grand_total": "fiscal_grant_expenditure_total"}


def stream_pairs(table: Table) -> list[tuple[Row, Row, tuple[str, str | None]]] | None:
    """The label/amount pairs of a table printed one cell per line (a PDF's text layer: "本年收入合计" / "3,360.00"),
    each label with the amount after it (its 行次 passed over) — the label's line, the amount's line and the amount;
    None when most of its rows hold several cells."""
    rows = [r for r in table.rows if any(c.strip() for c in r.cells)]
    if len(rows) < 6 or sum(1 for r in rows if len([c for c in r.cells if c.strip()]) == 1) < 0.8 * len(rows):
        return None
    stream = [Row([c], r.start, r.end) for r in rows for c in r.cells if c.strip()]
    skip = any("行次" in r.cells or "栏次" in r.cells for r in table.rows)
    pairs = []
    for k, cell in enumerate(stream):
        if number(cell.cells[0]) is not None:
            continue
        after = stream[k + 1:k + 3]
        if after and skip and (n := number(after[0].cells[0])) and re.fullmatch(r"\d{1,3}", n[0]):
            after = after[1:]
        if after and (n := number(after[0].cells[0])):
            pairs.append((cell, after[0], n))
    return pairs


def read_pairs(table: Table, doc_type: DocType) -> list[TableFigure]:
    out = []
    grant = "财政拨款" in table.title
    skip = any("行次" in r.cells or "栏次" in r.cells for r in table.rows)
    pairs = stream_pairs(table)
    if pairs is not None:  # (label and amount on lines of their own)
        rows_read = [(Row([label.cells[0], value.cells[0]], value.start, value.end), [(label.cells[0], n[0], n[1], -1)],
                      (label.start, label.end)) for label, value, n in pairs]
    else:
        rows_read = [(row, _pairs(row, skip), None) for row in table.rows]
    for row, found, name_span in rows_read:
        for label, value, unit, side in found:
            name = item_name(label)
            if name == "总计" and side < 0:
                continue  # (which side a bare 总计 is on is not known from a stream of cells)
            if name == "总计":
                key = ("fiscal_grant_income_total" if side == 0 else "fiscal_grant_expenditure_total") if grant else (
                    "income_grand_total" if side == 0 else "expenditure_grand_total")
            else:
                key = _label_key(label)
                if grant and key in ("income_current_year", "expenditure_current_year", "fiscal_appropriation_income"):
                    key = None  # in the 财政拨款 table these are the grant's own parts, without keys
                elif grant and key in _GRANT_TOTALS:
                    key = _GRANT_TOTALS[key]  # (收入总计 printed whole: the grant's)
            if key:
                out.append(TableFigure(key, value, unit or "万元", row.start, row.end, label, table.title,
                                       name_span=name_span))
    return out


_COLUMN_KEYS = {
    "收入决算表": {"本年收入合计": "income_current_year", "财政拨款收入": "fiscal_appropriation_income",
               "其他收入": "other_income"},
    "支出决算表": {"本年支出合计": "expenditure_current_year", "基本支出": "basic_expenditure",
               "项目支出": "project_expenditure"},
    "一般公共预算财政拨款支出决算表": {"合计": "gpb_expenditure", "小计": "gpb_expenditure",
                           "基本支出": "gpb_basic_expenditure"},
    "收入总体情况表": {"合计": "income_current_year", "总计": "income_current_year"},
    "收入预算总表": {"合计": "income_current_year"},
    "支出预算总表": {"合计": "expenditure_current_year", "基本支出": "basic_expenditure",
               "项目支出": "project_expenditure"},
    "一般公共预算支出功能分类预算表": {"合计": "gpb_expenditure", "基本支出": "gpb_basic_expenditure"},
    "基本支出部门预算经济分类预算表": {"人员经费": "personnel_expenses", "公用经费": "public_expenses"},
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
    spaced = not any("\t" in doc_line for doc_line in table.raw_lines)
    positions = {i: columns[c] for i, c in enumerate(names) if c in columns}
    named = [c for c in names if c in _NUMERIC_HEADERS or c in columns]
    for row in table.rows:
        first = row.first
        if item_name(first) in ("合计", "总计"):
            amounts = [c for c in row.cells if c and number(c)]
            if len(amounts) == len(named) or (spaced and len(amounts) <= len(named)):
                # one amount per named column (or PDF text, whose empty cells are gone): read in order
                aligned = [(columns[h], a, h) for h, a in zip(named, amounts, strict=False) if h in columns]
            else:  # empty cells kept as cells: read by position under the header
                aligned = [(key, row.cells[i], names[i]) for i, key in positions.items()
                           if i < len(row.cells) and number(row.cells[i])]
            for key, cell, column in aligned:
                n = number(cell)
                out.append(TableFigure(key, n[0], n[1] or "万元", row.start, row.end, first, table.title, column))
        elif "gpb_expenditure" in columns.values() and re.fullmatch(r"\d{3}", first):
            rest = row.cells[row.cells.index(first) + 1:]
            first_amount = next((i for i, c in enumerate(rest) if c and number(c)), None)
            name = "".join(c for c in rest[:first_amount] if c)  # a 类 row: only its name before the amounts
            if not name or first_amount is None or re.search(r"\d", name):
                continue
            n = number(rest[first_amount])
            out.append(TableFigure(f"gpb_class:{item_name(name)}", n[0], "万元", row.start, row.end, name,
                                   table.title, "合计"))
    return out


THREE_PUBLIC_ITEMS = ["total", "overseas_travel", "vehicle_subtotal", "vehicle_purchase", "vehicle_operation",
                       "official_reception"]


def three_public_rows(table: Table, six: bool, blanks: bool = False) -> tuple[Row, list[str], list[str] | None] | None:
    """The "三公" table's row of amounts: (row, six 预算数, six 决算数; or, with ``six`` (a budget's table), a row of
    six 预算数 alone); the six are 合计, 因公出国（境）费, 公务用车小计, 购置费, 运行维护费, 公务接待费 (blocks or
    interleaved, from the header). With ``blanks``, a row of twelve cells some of them empty reads an empty cell
    as 0 (how these tables print a nil)."""
    header = " ".join(" ".join(r.cells) for r in table.rows if not any(number(c) for c in r.cells if c))
    for row in table.rows:
        cells = row.cells
        if blanks and len(cells) >= 12 and any(c.strip() for c in cells) and not any(c.strip() for c in cells[12:]):
            cells = [c if c.strip() else "0" for c in cells[:12]]
        values = [number(c) for c in cells if c]
        if not values or any(v is None for v in values) or all(re.fullmatch(r"\d{1,2}", v[0]) for v in values):
            continue
        nums = [v[0] for v in values]
        if len(nums) == 12:
            interleaved = header.count("预算数") >= 3
            return row, nums[0::2] if interleaved else nums[:6], nums[1::2] if interleaved else nums[6:]
        if len(nums) == 6 and six:
            return row, nums, None
    return None


def read_three_public(table: Table, doc_type: DocType) -> list[TableFigure]:
    """The "三公" table: six amounts for 预算数 and six for 决算数; an item's 预算数 in a 决算 has no key of its own."""
    found = three_public_rows(table, six=doc_type == DocType.budget)
    if found is None:
        return []
    row, budget, actual = found
    out = []
    for series, is_budget in ((budget, True), (actual, False)):
        if series is None:
            continue
        for item, value in zip(THREE_PUBLIC_ITEMS, series, strict=True):
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


def read_project(table: Table) -> list[TableFigure]:
    """A 项目支出绩效自评表 / 绩效目标表: name, 全年预算数, 全年执行数, 执行率, 总分.

    Read by rows first; where the rows do not give the money (a layout whose cells come one per
    line, as PDF text of such a table does), read the table as a stream of cells instead.
    """
    by_rows = _read_project_rows(table)
    if any(f.key.endswith((":budget", ":actual")) for f in by_rows):
        return by_rows
    by_stream = _read_project_stream(table)
    return by_stream if len(by_stream) > len(by_rows) else by_rows


_MONEY_FIELDS = (("budget", "全年预算数"), ("actual", "全年执行数"), ("execution_rate", "执行率"))
# the row of a self-evaluation's total score: 总分 (自评总分, 总得分…), or a 总计/合计 row that prints the grade beside
# its number (“总计 | 98 | 优”): a 总计 row without a grade may be money
_SCORE_ROW = re.compile(r"^(?:自评)?总得?分(?:[（(][^）)]*[）)])?$|^综合得分$")
_TOTAL_ROW = re.compile(r"^[总合]计$")
_GRADE = re.compile(r"^(?:优秀?|良好?|中|合格|及格|差|不合格|较差)$")


def is_score_row(cells: list[str]) -> bool:
    """Whether a row whose non-empty cells are ``cells`` is a self-evaluation's total score (总分, graded 总计)."""
    first = cells[0].replace(" ", "") if cells else ""
    return bool(_SCORE_ROW.match(first) or _TOTAL_ROW.match(first) and any(_GRADE.match(c.strip()) for c in cells[1:]))


def _amounts_after(tokens: list[tuple[str, Row]], at: int, window: int) -> list[tuple[str, Row]]:
    """The run of amounts that follows token ``at`` (within ``window`` tokens)."""
    amounts: list[tuple[str, Row]] = []
    for t, r in tokens[at + 1:at + window]:
        if number(t):
            amounts.append((t, r))
        elif amounts:
            break
    return amounts


def _stream_money(tokens: list[tuple[str, Row]], words: list[str], name: str, title: str) -> list[TableFigure]:
    """Budget, actual and rate from the amounts after 年度资金总额 (a target table states only the budget)."""
    funds = next((i for i, w in enumerate(words) if re.fullmatch(r"(?:年度)?资金总额[:：]?", w)), None)
    if funds is None:
        return []
    amounts = _amounts_after(tokens, funds, 12)
    found = _budget_actual_rate(Row([t for t, _ in amounts], 0, 0))
    if found is None:
        if amounts and "目标" in title:
            first = amounts[0][1]
            return [TableFigure(f"project:{name}:budget", number(amounts[0][0])[0], "万元", first.start, first.end,
                                "资金总额", title, "年度资金总额")]
        return []
    out = []
    used = iter(amounts)
    for (value, _), (field_, col) in zip(found, _MONEY_FIELDS, strict=True):
        row = next((r for t, r in used if number(t) and _same_reading(t, value)), amounts[0][1])
        out.append(TableFigure(f"project:{name}:{field_}", value, "%" if field_ == "execution_rate" else "万元",
                               row.start, row.end, "资金总额", title, col))
    return out


def _stream_score(tokens: list[tuple[str, Row]], words: list[str], name: str, title: str) -> list[TableFigure]:
    """总分 (or a graded 总计): the last amount of the run after it."""
    total = next((i for i in range(len(words)) if is_score_row(words[i:i + 4])), None)
    if total is None:
        return []
    scores = _amounts_after(tokens, total, 8)
    if not scores:
        return []
    value, row = number(scores[-1][0])[0], scores[-1][1]
    return [TableFigure(f"project:{name}:score", value, "分", row.start, row.end, "总分", title, "得分")]


def _read_project_stream(table: Table) -> list[TableFigure]:
    tokens = [(c.strip(), r) for r in table.rows for c in r.cells if c and c.strip()]
    words = [t.replace(" ", "") for t, _ in tokens]
    at = next((i for i, w in enumerate(words) if w in ("项目名称", "任务名称")), None)
    if at is None or at + 1 >= len(tokens):
        return []
    name, name_row = re.sub(r"\s+", "", tokens[at + 1][0]), tokens[at + 1][1]
    out = _stream_money(tokens, words, name, table.title) + _stream_score(tokens, words, name, table.title)
    return _named(out, name_row)


def _same_reading(cell: str, value: str) -> bool:
    return value in _readings(cell)


def project_name(rows: list[Row]) -> tuple[str, Row] | None:
    """The cell after 项目名称 / 任务名称 of a performance table, and its row."""
    for r in rows:
        cells = [c for c in r.cells if c]
        for i, c in enumerate(cells[:-1]):
            if c.replace(" ", "") in ("项目名称", "任务名称"):
                name = re.sub(r"\s+", "", cells[i + 1])
                if name:
                    return name, r
                break  # an empty name cell: look in the next rows
    return None


def _money_under_header(rows: list[Row], header: Row) -> tuple[tuple, Row] | None:
    """(budget, actual[, rate]) of the 资金总额 row under the 全年预算数 / 全年执行数 header, and that row.

    A consistent (budget, actual, rate) triple is preferred; else the two amounts under their headers.
    """
    after = rows[rows.index(header) + 1:]
    candidates = [r for r in after[:4] if sum(1 for c in r.cells if c and number(c)) >= 3]
    candidates.sort(key=lambda r: not any(c.replace(" ", "").startswith(("资金总额", "年度资金总额")) for c in r.cells))
    for data in candidates:
        found = _budget_actual_rate(data)
        if found:
            return found, data
    if not candidates:
        return None
    data = candidates[0]
    cols = {{"年预算数": "全年预算数"}.get(c, c): i for i, c in enumerate(map(column_word, header.cells))
            if c in ("全年预算数", "年预算数", "全年执行数")}
    cells = [data.cells[cols[c]] if c in cols and cols[c] < len(data.cells) else "" for c in ("全年预算数", "全年执行数")]
    if all(c and number(c) for c in cells):
        return tuple(number(c) for c in cells), data
    return None


def _funds_total(rows: list[Row], name: str, title: str) -> list[TableFigure]:
    """A table without the 全年预算数 header: the amount after 年度资金总额 is the budget."""
    for r in rows:
        cells = [c for c in r.cells if c]
        for i, c in enumerate(cells[:-1]):
            if re.match(r"^(?:年度资金总额|资金总额)[:：]?$", c.replace(" ", "")) and (n := number(cells[i + 1])):
                return [TableFigure(f"project:{name}:budget", n[0], "万元", r.start, r.end, c, title)]
    return []


def _read_project_rows(table: Table) -> list[TableFigure]:
    rows = table.rows
    named = project_name(rows)
    if named is None:
        return []
    name, name_row = named
    out: list[TableFigure] = []
    header = next((r for r in rows if "全年执行数" in (words := {column_word(c) for c in r.cells})
                   and {"全年预算数", "年预算数"} & words), None)
    money = _money_under_header(rows, header) if header is not None else None
    if money is not None:
        found, data = money
        for (value, _), (field_, col) in zip(found, _MONEY_FIELDS, strict=False):
            out.append(TableFigure(f"project:{name}:{field_}", value, "%" if field_ == "execution_rate" else "万元",
                                   data.start, data.end, data.first, table.title, col))
    for r in rows:
        if is_score_row([c for c in r.cells if c]):
            scores = [number(c) for c in r.cells if c and number(c)]
            if scores:
                out.append(TableFigure(f"project:{name}:score", scores[-1][0], "分", r.start, r.end, "总分", table.title,
                                       "得分"))
    if header is None:
        out.extend(_funds_total(rows, name, table.title))
    return _named(out, name_row)


def _readings(cell: str) -> list[str]:
    """Possible values of a printed amount: "13,092" may be 13092 or, with a decimal comma, 13.092."""
    n = number(cell)
    if n is None:
        return []
    out = [n[0]]
    if re.fullmatch(r"\d{1,3},\d{3}", cell.strip()):
        out.append(cell.strip().replace(",", "."))
    return out


def _budget_actual_rate(row: Row):
    """(全年预算数, 全年执行数, 执行率) in a row of amounts: an adjacent pair (b, a) and a later rate r
    with r = a / b × 100 at printed precision; the rightmost such pair wins (年初预算数 comes first).
    The arithmetic also decides how an ambiguous "13,092" reads."""
    from decimal import Decimal

    cells = [c for c in row.cells if c and number(c)]
    for j in range(len(cells) - 1, 0, -1):
        for b_text in _readings(cells[j - 1]):
            for a_text in _readings(cells[j]):
                b, a = Decimal(b_text), Decimal(a_text)
                for k in range(j + 1, len(cells)):
                    r = Decimal(number(cells[k])[0])
                    fits = (b == a == r == 0) if b == 0 else abs(a / b * 100 - r) <= Decimal("0.06")
                    if fits:
                        return (b_text, None), (a_text, None), (number(cells[k])[0], "%")
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


def table_unit(table: Table) -> str:
    """The money unit a table declares ("单位：元", "金额单位：万元"); 万元 when it says nothing."""
    for r in table.rows[:8]:
        m = re.search(r"单位[:：]\s*(万元|元|千元|亿元)", " ".join(r.cells))
        if m:
            return m.group(1)
    return "万元"


def extract_tables(layout: Layout, doc_type: DocType) -> list[TableFigure]:
    out: list[TableFigure] = []
    for t in layout.tables:
        found = _read_table(t, doc_type)
        unit = table_unit(t)
        for f in found:
            if f.unit == "万元" and unit != "万元":
                f.unit = unit
        out.extend(found)
    read = {f.key for f in out if f.key.startswith("project:")}
    out.extend(f for f in _projects_by_title(layout.doc) if f.key not in read)
    return out


_PROJECT_TITLE = re.compile(r"^\**\s*(?:[^\s]{0,40})?项目支出绩效(?:自评|目标)表(?:[(（]20\d\d年度?[)）])?\s*\**$")


def _projects_by_title(doc: NormDoc) -> list[TableFigure]:
    """Project tables the table pass did not read whole (their rows came apart, e.g. one cell per PDF line, and the
    table ended at a cell that reads like a sentence): each region from a 项目支出绩效自评表/目标表 title to the next is
    read as a stream of cells; the caller keeps what the table pass did not read (the score after the indicators)."""
    titles = [i for i, ln in enumerate(doc.lines) if not ln.page_break and _PROJECT_TITLE.match(ln.text.strip())]
    out: list[TableFigure] = []
    for n, i in enumerate(titles):
        end = titles[n + 1] if n + 1 < len(titles) else len(doc.lines)
        lines = [ln for ln in doc.lines[i:end] if not ln.page_break and ln.text.strip()]
        rows = [Row([c.strip() for c in cells_of(ln.text)], ln.start, ln.end) for ln in lines]
        out.extend(_read_project_stream(Table(title=lines[0].text.strip(), rows=rows)))
    return out


def _read_table(t: Table, doc_type: DocType) -> list[TableFigure]:
    """Dispatch on the table's title (template variants allowed) to the reader that knows its layout."""
    title = re.sub(r"^(?:[一二三四五六七八九十\d]+[、.]|\d{4}年(?:度)?(?:部门)?)", "", t.title)
    if "三公" in title:
        return read_three_public(t, doc_type)
    if "绩效自评表" in title or "项目支出绩效目标表" in title:
        return read_project(t)
    if "整体支出绩效目标表" in title:
        return read_task_rows(t)
    if re.search(r"基本支出决算(?:明细)?表", title):
        return read_pairs(t, doc_type)
    for k in sorted(_COLUMN_KEYS, key=len, reverse=True):
        if title.endswith(k) and not re.search(r"政府性基金|国有资本经营", title.removesuffix(k)):
            # (a fund's own table, "政府性基金预算财政拨款收入支出决算表", holds none of the department's totals)
            return read_columns(t, _COLUMN_KEYS[k])
    if re.search(r"收入支出决算总表|收支决算总表|收支总表|收支预算总表|收支总体情况表|统计表", title):
        return read_pairs(t, doc_type)
    return []
