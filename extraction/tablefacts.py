"""Table facts for the cross-checks: what each standard table holds, row by row, with where it is printed.

The figure readers (:mod:`extraction.tables`) take a handful of totals; the checks need every
row. This module reads each table of a :class:`~index.layout.Layout` into *items*: a 科目编码
(类 3 digits, 款 5, 项 7; printed "2010601", "201 06 01" or glued to its name) with its name and
the amounts of its row, or a label with its amounts (收入总计 9859.38; 人员经费合计 4884.09).
How the rows are printed does not matter: tab-separated cells, one cell per line, or PDF text
whose empty cells are gone and whose long names wrap onto the next line (the name goes on, the
amounts follow on a line of their own). Amounts keep their printed text and normalised offsets,
so a finding can cite the exact row. Tables are classified by title, whatever the region's
wording (部门/单位, 预算/决算, 收支总表/收入支出决算总表, 明细表…), into the nine standard kinds.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from core.schemas import Citation, DocMeta, DocType
from extraction.tables import table_unit
from index.layout import Layout, Row, Table, cite, number

# -- kinds of table ------------------------------------------------------------------------------

KIND_LABELS = {
    "summary": "收支总表", "income": "收入表", "expenditure": "支出表", "grant_summary": "财政拨款收支总表",
    "gpb": "一般公共预算支出表", "basic": "一般公共预算基本支出（经济分类）表", "three_public": "“三公”经费表",
    "gov_fund": "政府性基金预算支出表", "state_capital": "国有资本经营预算支出表",
}
REQUIRED_KINDS = tuple(KIND_LABELS)

_KIND_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("three_public", re.compile(r"三公")),
    ("gov_fund", re.compile(r"政府性基金")),
    ("state_capital", re.compile(r"国有资本经营")),
    ("basic", re.compile(r"基本支出.*(?:表)$|经济分类")),
    ("project_gpb", re.compile(r"一般公共预算.*项目支出")),
    ("grant_summary", re.compile(r"财政拨款收(?:入)?支(?:出)?.*(?:总表|总体情况表)")),
    ("gpb", re.compile(r"一般公共预算.*支出")),
    ("summary", re.compile(r"(?:收支|收入支出|财务收支).*(?:总表|总体情况表)")),
    ("income", re.compile(r"收入(?:决算|预算|总体情况|预算总|总)表")),
    ("expenditure", re.compile(r"支出(?:决算|预算|总体情况|预算总|总)表")),
    ("stats", re.compile(r"统计表")),
]


def table_kind(title: str) -> str | None:
    """The standard kind of a table from its title (template variants of every region allowed)."""
    t = re.sub(r"\s+", "", title)
    t = re.sub(r"^(?:表[一二三四五六七八九十\d]+[:：]?|[一二三四五六七八九十\d]+[、.．]|\d{4}年(?:度)?)+", "", t)
    if not t or "绩效" in t or not t.endswith("表") and "表(续)" not in t:
        return None
    return next((kind for kind, p in _KIND_PATTERNS if p.search(t)), None)


# -- items -----------------------------------------------------------------------------------------

@dataclass
class Amount:
    text: str  # as printed
    value: Decimal
    start: int  # normalised offsets
    end: int


@dataclass
class Item:
    """A row (or one entry of a row printed in several column groups): 科目编码 or label, and amounts."""

    code: str | None  # digits only, e.g. "2010601"; None for a labelled row (合计, 收入总计…)
    label: str  # the name as printed, spaces removed
    amounts: list[Amount] = field(default_factory=list)
    start: int = 0
    end: int = 0
    row: int = 0  # index of the (first) row it was read from
    col: int = 0  # index of its first cell in that row
    positional: bool = False  # empty cells kept as cells (tabs, one cell per line): ``cols`` are reliable
    cols: list[int] = field(default_factory=list)  # cell index of each amount

    @property
    def level(self) -> int:
        """1 = 类 (3 digits), 2 = 款 (5), 3 = 项 (7); 0 for a labelled row."""
        return {3: 1, 5: 2, 7: 3}.get(len(self.code or ""), 0)

    @property
    def name(self) -> str:
        return re.sub(r"^(?:[一二三四五六七八九十]+、|\d+[.、．]|[(（][一二三四五六七八九十\d]+[)）])", "", self.label)


@dataclass
class Note:
    text: str
    start: int
    end: int


@dataclass
class TableFacts:
    title: str
    kind: str | None
    unit: str  # 元 | 万元 (what the table declares)
    start: int
    end: int
    page: int | None
    header: str  # header text, spaces removed
    items: list[Item] = field(default_factory=list)
    empty_note: Note | None = None  # "本表无数据" / "故本表为空表" printed with the table

    @property
    def entries(self) -> list[Item]:
        return [i for i in self.items if i.code]

    @property
    def labelled(self) -> list[Item]:
        return [i for i in self.items if not i.code and i.amounts]

    def has_figures(self) -> bool:
        """Whether any row prints a non-zero amount (a 栏次 row of 1, 2, 3… does not count)."""
        return any(a.value != 0 for i in self.items if i.label not in ("栏次", "行次") and not _column_numbers(i)
                   for a in i.amounts)


def _column_numbers(item: Item) -> bool:
    """A 栏次 row: 1 2 3 4… (column numbers, not amounts)."""
    vals = [a.text for a in item.amounts]
    return len(vals) >= 2 and vals == [str(k) for k in range(int(vals[0]), int(vals[0]) + len(vals))] \
        if vals and vals[0].isdigit() else False


@dataclass
class TextLine:
    text: str
    start: int
    end: int
    page: int | None


@dataclass
class DocFacts:
    """A document's tables (row by row) and lines, and how to cite a span of it."""

    tables: list[TableFacts] = field(default_factory=list)
    lines: list[TextLine] = field(default_factory=list)
    cite: Callable[[int, int], Citation] | None = None
    unit: str | None = None
    year: int | None = None
    doc_type: DocType = DocType.unknown

    def of_kind(self, kind: str) -> list[TableFacts]:
        return [t for t in self.tables if t.kind == kind]

    def first(self, kind: str) -> TableFacts | None:
        return next(iter(self.of_kind(kind)), None)


# -- reading ---------------------------------------------------------------------------------------

_CODE = re.compile(r"^(\d{3}|\d{5}|\d{7})$")
_CODE_PART = re.compile(r"^\d{2}$")
_GLUED = re.compile(r"^(\d{3}|\d{5}|\d{7})\s*([\u4e00-\u9fff].*)$")
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+[.、．](?!\d)|[(（][一二三四五六七八九十\d]+[)）])")
_DASH = re.compile(r"^[-—–－]+$")
_PAIR_LABEL = re.compile(r"^(?:本年收入合计|本年支出合计|收入总计|支出总计|总计|合计|结余分配|年末.*结余|年初.*结余|"
                         r"使用非财政拨款结余.*|人员经费合计|公用经费合计)$")


@dataclass
class _Tok:
    text: str
    start: int
    end: int
    index: int  # cell index in the row
    amount: Decimal | None


def _amount(text: str) -> Decimal | None:
    n = number(text)
    if n is None or re.fullmatch(r"0\d+", text):
        return None  # "公开07表": a table's number printed with a leading zero is not an amount
    try:
        return Decimal(n[0])
    except InvalidOperation:
        return None


def _tokens(text: str, row: Row) -> list[_Tok]:
    body = text[row.start:row.end]
    out, cursor = [], 0
    for i, cell in enumerate(row.cells):
        c = cell.strip()
        if not c:
            continue
        at = body.find(c, cursor)
        if at < 0:
            at = cursor
        cursor = at + len(c)
        out.append(_Tok(c, row.start + at, row.start + at + len(c), i, _amount(c)))
    return out


def _code_at(toks: list[_Tok], i: int, decimal: bool = False) -> tuple[str, int, str | None] | None:
    """A 科目编码 starting at token i: (digits, next token index, name glued to it). In a table whose amounts print
    decimals, a bare 3/5/7-digit integer ending a line is a code whose name wrapped onto the next line."""
    t = toks[i].text.replace(" ", "")
    g = _GLUED.match(toks[i].text)
    if g and not _CODE.match(t):
        return g.group(1), i + 1, g.group(2).replace(" ", "")
    if not _CODE.match(t):
        return None
    code, j = t, i + 1
    if len(t) == 3:  # "201 13 01": 类 款 项 in cells of their own, then the name
        k = j
        while k < len(toks) and k - j < 2 and _CODE_PART.match(toks[k].text):
            k += 1
        if k > j and k < len(toks) and toks[k].amount is None and not _DASH.match(toks[k].text):
            code, j = code + "".join(x.text for x in toks[j:k]), k
    nxt = toks[j] if j < len(toks) else None
    if nxt is None:  # a code alone on its line, or ending it (PDF): its name follows on the next line
        alone = len(code) >= 5 and len(toks) == 1
        return (code, j, None) if alone or (decimal and code[0] in "2359" and j == len(toks) and i > 0) else None
    return (code, j, None) if nxt.amount is None and not _DASH.match(nxt.text) else None


def _row_items(toks: list[_Tok], row_index: int, positional: bool, codes: bool = True,
               decimal: bool = False) -> list[Item]:
    """Split one row's tokens into items: a new item at each code, at a label after amounts, at an ordinal label."""
    items: list[Item] = []
    cur: Item | None = None
    i = 0
    while i < len(toks):
        t = toks[i]
        waiting = cur is not None and cur.code is not None and not cur.label and not cur.amounts
        code = None if waiting or not codes else _code_at(toks, i, decimal)
        if code is not None:
            cur = Item(code[0], code[2] or "", start=t.start, end=toks[code[1] - 1].end, row=row_index, col=t.index,
                       positional=positional)
            items.append(cur)
            i = code[1]
            continue
        if t.amount is not None:
            if cur is None:
                cur = Item(None, "", start=t.start, end=t.end, row=row_index, col=t.index, positional=positional)
                items.append(cur)
            cur.amounts.append(Amount(t.text, t.amount, t.start, t.end))
            cur.cols.append(t.index)
            cur.end = t.end
        elif not _DASH.match(t.text):
            label = t.text.replace(" ", "")
            new = cur is None or cur.amounts or (cur.label and (_ORDINAL.match(label) or _PAIR_LABEL.match(label)))
            if new:
                cur = Item(None, label, start=t.start, end=t.end, row=row_index, col=t.index, positional=positional)
                items.append(cur)
            else:
                cur.label += label
                cur.end = t.end
        i += 1
    return items


def _merge_wrapped(items: list[Item], new: list[Item], decimal: bool = False) -> list[Item]:
    """A PDF row that only continues the row above it: the rest of a coded row's name or its amounts, or more
    amounts of a row of amounts alone (a long "三公" row wrapped)."""
    last = items[-1] if items else None
    if last is None or not new:
        return new
    first = new[0]
    if last.code is None and not last.label and last.amounts and len(new) == 1 and first.code is None \
            and not first.label and first.amounts and not last.positional \
            and not _column_numbers(last) and not _column_numbers(first):
        last.amounts, last.cols, last.end = last.amounts + first.amounts, last.cols + first.cols, first.end
        return []
    if last.code is not None and last.label and last.amounts and len(new) == 1 and first.code is None \
            and not first.label and first.amounts and not last.positional and decimal \
            and all("." in a.text for a in first.amounts):
        last.amounts, last.cols, last.end = last.amounts + first.amounts, last.cols + first.cols, first.end
        return []  # a coded row whose last amounts wrapped onto a line of their own
    if last.code is not None and not last.label and not last.amounts and first.code is None and first.label:
        last.label, last.amounts, last.cols, last.end = first.label, first.amounts, first.cols, first.end
        return new[1:]  # a code that ended the line above: its name (and amounts) open this one
    if last.code is None or last.amounts or len(new) != 1:
        return new
    n = new[0]
    if n.code is None and n.label and not n.amounts and not _ORDINAL.match(n.label) and not _PAIR_LABEL.match(n.label):
        last.label += n.label
        last.end = n.end
        return []
    if n.code is None and not n.label and n.amounts:
        last.amounts, last.cols, last.end = n.amounts, n.cols, n.end
        return []
    return new


def read_items(text: str, table: Table, codes: bool = True) -> tuple[list[Item], str]:
    """The items of a table, and its header text (the labels before the first amount). ``codes``: the table is a
    classification table whose rows start with 科目编码 (elsewhere a 3-digit number is an amount)."""
    items: list[Item] = []
    header: list[str] = []
    cells = [c.strip() for row in table.rows for c in row.cells if c.strip() and number(c.strip())]
    decimal = len(cells) >= 4 and sum("." in c for c in cells) >= 0.6 * len(cells)
    for r, row in enumerate(table.rows):
        positional = "\t" in text[row.start:row.end] or len(row.cells) > len(text[row.start:row.end].split(" "))
        new = _merge_wrapped(items, _row_items(_tokens(text, row), r, positional, codes, decimal), decimal)
        if not any(i.amounts for i in items) and not any(i.code for i in items) and not any(i.amounts for i in new) \
                and not any(i.code for i in new):
            header.extend(i.label for i in new)
            continue
        items.extend(new)
    header_text = "".join(header).replace(" ", "")
    return _without_row_numbers(items, "行次" in header_text, decimal), header_text


def _row_number_columns(items: list[Item]) -> dict[int, range]:
    """Cell columns whose integers go up by one row after row (a 行次 column: 1, 2, 3…), with their range."""
    by_col: dict[int, list[tuple[int, int]]] = {}
    for it in items:
        if it.positional:
            for a, c in zip(it.amounts, it.cols, strict=False):
                if re.fullmatch(r"\d{1,3}", a.text):
                    by_col.setdefault(c, []).append((it.row, int(a.text)))
    out = {}
    for c, seq in by_col.items():
        seq.sort()
        run = best = 1
        for (_, x), (_, y) in itertools.pairwise(seq):
            run = run + 1 if y == x + 1 else 1
            best = max(best, run)
        if best >= 4:
            out[c] = range(min(v for _, v in seq), max(v for _, v in seq) + 1)
    return out


def _chained_row_numbers(items: list[Item]) -> set[int]:
    """The 行次 of PDF rows: small integers (no decimals) that run 1, 2, 3… over eight rows or more."""
    values = {int(a.text) for i in items if not i.positional for a in i.amounts if re.fullmatch(r"\d{1,3}", a.text)}
    chained: set[int] = set()
    for v in values:
        run = [v]
        while run[-1] + 1 in values:
            run.append(run[-1] + 1)
        if len(run) >= 8 and v - 1 not in values:
            chained.update(run)
    return chained


def _without_row_numbers(items: list[Item], numbered: bool, decimal: bool = True) -> list[Item]:
    """Drop 栏次 rows (1 2 3 …) and each row's 行次 (a column counting rows, or the first integer when the
    header names a 行次 column)."""
    out = []
    numbers = _row_number_columns(items)
    chained = _chained_row_numbers(items)
    for item in items:
        if re.sub(r"\s", "", item.label) in ("栏次", "行次") or _column_numbers(item) and not item.code:
            continue
        if item.positional and numbers:
            keep = [k for k, c in enumerate(item.cols) if c not in numbers]
            if len(keep) == len(item.cols) and item.amounts and re.fullmatch(r"\d{1,3}", item.amounts[0].text) and \
                    any(int(item.amounts[0].text) in r for r in numbers.values()):
                keep = keep[1:]  # a row printed one cell off: its first integer is still its 行次
            item.amounts, item.cols = [item.amounts[k] for k in keep], [item.cols[k] for k in keep]
        elif chained and not item.positional:
            # every 行次 where amounts print decimals (a row's right half may have no label of its own); where
            # amounts are counts too (车辆 1, 15), only the number right after the label
            keep = [k for k, a in enumerate(item.amounts) if not (re.fullmatch(r"\d{1,3}", a.text) and int(a.text) in chained
                                                                   and (decimal or k == 0))]
            item.amounts, item.cols = [item.amounts[k] for k in keep], [item.cols[k] for k in keep]
        elif numbered and item.amounts and re.fullmatch(r"\d{1,3}", item.amounts[0].text):
            item.amounts, item.cols = item.amounts[1:], item.cols[1:]
        if item.amounts or item.label or item.code:
            out.append(item)
    return out


_EMPTY_NOTE = re.compile(r"(?:本表|此表|该表)(?:无数据|为空表?|空表|无内容|无数)|为空表|空表|无此项(?:收支|收入|支出)")


def _empty_note(layout: Layout, starts: list[int], start: int, end: int) -> Note | None:
    lines = layout.doc.lines
    for k in range(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)):
        ln = lines[k]
        if not ln.page_break and _EMPTY_NOTE.search(ln.text):
            return Note(ln.text.strip(), ln.start, ln.end)
    return None


def read_facts(layout: Layout, meta: DocMeta) -> DocFacts:
    """Every table's items, and the lines of the document, for the rules to read."""
    doc = layout.doc
    text = doc.text
    tables: list[TableFacts] = []
    spans = [(t.rows[0].start, t.rows[-1].end) if t.rows else (0, 0) for t in layout.tables]
    starts = [ln.start for ln in doc.lines]
    for n, t in enumerate(layout.tables):
        if not t.rows:
            continue
        start, end = spans[n]
        kind = table_kind(t.title)
        items, header = read_items(text, t, codes=kind not in (None, "three_public", "stats"))
        note_end = spans[n + 1][0] if n + 1 < len(spans) else min(len(text), end + 400)
        tables.append(TableFacts(title=re.sub(r"\s+", "", t.title), kind=kind, unit=table_unit(t),
                                 start=start, end=end, page=doc.page_at(start), header=header, items=items,
                                 empty_note=_empty_note(layout, starts, start, max(note_end, end))))
    lines = [TextLine(ln.text, ln.start, ln.end, doc.page_at(ln.start)) for ln in doc.lines
             if not ln.page_break and ln.text.strip()]
    return DocFacts(tables=tables, lines=lines, cite=functools.lru_cache(maxsize=None)(lambda s, e: cite(doc, meta, s, e)),
                    unit=meta.unit,
                    year=meta.year, doc_type=meta.doc_type)
