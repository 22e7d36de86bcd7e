"""A document read once: its normalised text, and the structure found in it (headings, tables, paragraphs).

:func:`read_layout` normalises a loaded document and walks its lines once, producing
blocks (a heading, a paragraph piece, or a slice of a table with its rows
re-assembled), the tables those blocks belong to (rows as cells, for the table
readers), and the narrative lines (running text, for the prose readers). Chunking
(:mod:`index.chunking`) and the extractors both read this :class:`Layout`; nothing re-reads the
document. Three table layouts are re-assembled into rows:
- tab-separated rows (``项目\\t行次\\t金额``);
- one cell per line, each line starting with a tab, rows separated by blank lines;
- PDF text rows with cells separated by spaces, under a table title (a table that runs on
  over a page break keeps its title and column headers in the next page's chunks).
A block never crosses a page of a PDF (its citation is one page), never cuts a row, and cuts
a long paragraph only after a sentence end, so no number or sentence is split.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from core.schemas import ChunkKind, Citation, DocMeta
from core.vocabulary import NUMBER
from index.loaders import RawDocument
from index.normalise import NormDoc, NormLine, is_prose, normalise

TARGET_CHARS = 500  # a narrative chunk grows to about this many characters
MAX_CHARS = 900  # a paragraph longer than this is cut after a sentence end
TABLE_CHARS = 700  # rows per table chunk, by characters

_NUMBER = re.compile(r"^-?[\d,]*\d(?:\.\d+)?%?$")
_TITLE = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])?[^\s,。;:]{2,40}?(?:总表|决算表|预算表|明细表|情况表|统计表|目标表|自评表|指标表|汇总表|一览表|"
    r"收支表|分类表|经费表|申报表|支出表|收入表)(?:\([\u4e00-\u9fff\d]{1,6}\))?$"  # ((续), (2), (分单位))
)
_META = re.compile(
    r"^(?:部门名称|单位名称|编制部门|编制单位|金额单位|单位|预算主管部门|填报单位)(?:\((?:单位|部门)\))?[:：]"
    r"|^公开\d+表$|^\d{4}年度?$|^表[一二三四五六七八九十\d]+[:：]?$"
)
_HEADING_LEVELS = [
    (1, re.compile(r"^第[一二三四五六七八九十]+部分")),
    (2, re.compile(r"^[一二三四五六七八九十]+[、.]")),
    (3, re.compile(r"^[(（][一二三四五六七八九十]+[)）]")),
    (4, re.compile(r"^\d{1,2}(?:[、．]|\.(?!\d))")),
]


def heading_level(text: str) -> int | None:
    """Level of a heading line (1 = 第一部分 … 4 = 1、), or None for body text."""
    t = text.strip().strip("*").strip()
    if not t or len(t) > 40 or "\t" in text:
        return None
    if "。" in t[:-1] or t.count(",") > 1 or re.search(r"\d\.\d\d(?!\d)", t):
        return None
    colon = re.search(r"[:：](.*)$", t)
    if colon and len(colon.group(1)) >= 8:
        return None
    for level, pattern in _HEADING_LEVELS:
        if pattern.match(t):
            return level
    return None


def title_text(text: str) -> str:
    """A table title line as the title: bold marks gone, an exported sheet's name without its frame ("[工作表：表2
    收入决算表]" → "表2 收入决算表")."""
    t = text.strip().strip("*").strip()
    return re.sub(r"^[\[【](?:工作表|sheet)\d*[:：]?(.*)[\]】]$", r"\1", t, flags=re.I).strip()


def is_table_title(text: str) -> bool:
    t = title_text(text)
    t = re.sub(r"^\d{4}年(?:度)?", "", t)
    if re.match(r"^(?:详见|见|参见|附)", t):
        return False  # a reference to a table, not its title
    return bool(_TITLE.match(t.replace(" ", "")))


def cells_of(text: str) -> list[str]:
    """Cells of a tab-separated or space-separated table row."""
    if "\t" in text:
        return [c.strip() for c in text.split("\t")]
    return text.split(" ")


def numeric_cells(cells: list[str]) -> int:
    return sum(1 for c in cells if _NUMBER.match(c))


def looks_tabular(text: str) -> bool:
    """A space-separated PDF table row: several cells, at least one of them a number, no prose."""
    if is_prose(text):
        return False
    cells = text.split(" ")
    return numeric_cells(cells) >= 1 and len(cells) >= 2


@dataclass
class _Table:
    title: str | None
    header: list[str] = field(default_factory=list)
    rows: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, formatted row)
    seg: int = 0
    table_id: int = 0
    continued: bool = False  # some rows were already emitted (earlier page or chunk)
    started: bool = False  # a row with a figure was seen: later label-only lines are rows, not headers


@dataclass
class Block:
    """A heading, a piece of a paragraph, or a slice of a table: the unit of retrieval."""

    kind: ChunkKind
    start: int  # normalised span, whitespace trimmed
    end: int
    context: list[str]  # lines shown before the body: section path, or table title and columns
    body_text: str | None  # what is shown for the body when it is not the text itself (re-assembled rows)
    table_title: str | None
    table_id: int | None
    section_path: list[str]


class _Structurer:
    """One pass over the lines of a normalised document, producing blocks."""

    def __init__(self, doc: NormDoc) -> None:
        self.doc = doc
        self.blocks: list[Block] = []
        self.sections: list[tuple[int, str]] = []
        self.para: list[NormLine] = []
        self.pending_heading: NormLine | None = None
        self.table: _Table | None = None
        self.cell_row: list[NormLine] = []
        self.tables_opened = 0
        self.untitled: str | None = None  # a table title no rows followed yet

    # -- driving -------------------------------------------------------------------------
    def run(self) -> list[Block]:
        lines = self.doc.lines
        i = 0
        while i < len(lines):
            line = lines[i]
            text = line.text
            if line.page_break:
                self._flush_para()
                self._flush_heading()
                self._flush_cell_row()
                self._flush_table(keep_open=True)
            elif not text.strip():
                if self.cell_row:
                    self._flush_cell_row()
                elif self.table is None or self.doc.raw.kind != "pdf":
                    self._flush_para()
            elif text.startswith("\t") and "\t" not in text[1:]:
                self._start_cells_if_needed(line)
                self.cell_row.append(line)
            elif "\t" in text and len([c for c in text.split("\t") if c.strip()]) >= 2:
                self._flush_para()
                self._flush_cell_row()
                if self.table is None:
                    self._open_table(None, line.seg)
                self._add_row(line.start, line.end, " | ".join(cells_of(text)))
            else:
                self._text_line(line, i)
            i += 1
        self._flush_para()
        self._flush_cell_row()
        self._flush_table()
        self._flush_heading()
        return self.blocks

    def _text_line(self, line: NormLine, index: int) -> None:
        text = line.text.strip()
        if self._title_line(line, text) or self._table_line(line, text, index):
            return
        self._body_line(line, text)

    def _title_line(self, line: NormLine, text: str) -> bool:
        """A table title opens a table (or names the one a label line such as 表八: opened)."""
        if heading_level(text) == 1 or not is_table_title(text):
            return False  # 第二部分 XX决算表 is a part heading, not a table title
        if self.table is not None and self.table.title is None and not self._has_rows():
            self.table.title = title_text(text)  # after a label line such as 表八:
        else:
            self._flush_para()
            self._flush_cell_row()
            self._flush_table()
            self._flush_heading()
            self._open_table(title_text(text), line.seg)
        self.table.rows.append((line.start, line.end, ""))  # type: ignore[union-attr]
        return True

    def _table_line(self, line: NormLine, text: str, index: int) -> bool:
        """A line of an open table (a row, its note, a header or meta line); False when the table has ended."""
        if _META.match(text) and self.table is None and text.startswith("表"):
            self._flush_para()
            self._open_table(None, line.seg)
        t = self.table
        pdf = self.doc.raw.kind == "pdf"
        if t is not None and pdf:
            if re.match(r"^(?:注|说明)[:：]", text) and t.started:
                self._add_row(line.start, line.end, text)  # the table's note closes it
                self._flush_table()
                return True
            if looks_tabular(text) or (t.started or self._next_is_amount(index)) and (
                    _row_like(text) or heading_level(text) in (2, 3, 4)):
                # (a numbered label before its amount is a row, not a heading: "一、一般公共预算拨款收入" / "4213.37" of a
                # table printed one cell per line)
                self._add_row(line.start, line.end, " | ".join(cells_of(text)))
                return True
            if t.continued and not t.rows and not _META.match(text) and not self._next_is_row(index):
                self._flush_table()  # the page goes on with something else: the table has ended
                t = None
        if t is not None and (_META.match(text) or (not t.started and not _is_body(text))
                              or heading_level(text) in (2, 3, 4) and self._next_is_amount(index)):
            self._add_meta(line)  # (text: a numbered label before its amount, "一、一般公共预算拨款收入" / "8,120.00")
            return True
        if t is not None and pdf and t.started and not _is_body(text):
            self._add_row(line.start, line.end, text)  # a row label wrapped onto its own line
            return True
        return False

    def _body_line(self, line: NormLine, text: str) -> None:
        """Running text: a heading (a new section) or a line of a paragraph."""
        level = heading_level(text)
        self._flush_cell_row()
        self._flush_table()
        if level is not None:
            self._flush_para()
            self._flush_heading()
            self.untitled = None  # (a new section: a title before it names none of its tables)
            self.sections = [s for s in self.sections if s[0] < level] + [(level, text.strip("*").strip())]
            self.pending_heading = line
            return
        if self.pending_heading is not None:
            self.para.append(self.pending_heading)
            self.pending_heading = None
        self.para.append(line)
        if sum(len(p.text) for p in self.para) >= TARGET_CHARS:
            self._flush_para()

    # -- tables --------------------------------------------------------------------------
    def _next_is_row(self, index: int) -> bool:
        """Whether the next non-empty line on the same page is a table row (so this one is a header)."""
        for ln in self.doc.lines[index + 1:]:
            if ln.page_break:
                return False
            if ln.text.strip():
                return looks_tabular(ln.text.strip())
        return False

    def _next_is_amount(self, index: int) -> bool:
        """Whether the next non-empty line on the same page is one amount (a cell printed on its own line)."""
        for ln in self.doc.lines[index + 1:]:
            if ln.page_break:
                return False
            if ln.text.strip():
                return bool(_NUMBER.match(ln.text.strip()))
        return False

    def _has_rows(self) -> bool:
        return self.table is not None and any(r[2] for r in self.table.rows)

    def _open_table(self, title: str | None, seg: int) -> None:
        self._flush_heading()
        self.tables_opened += 1
        # (a table with no title of its own takes the title printed above it with only lines of text between: "某局
        # 2025年度部门整体支出绩效自评表" / "主管部门：…" / "年度总体目标完成情况：…" / the table)
        self.table = _Table(title=title or self.untitled, seg=seg, table_id=self.tables_opened)
        self.untitled = None

    def _start_cells_if_needed(self, line: NormLine) -> None:
        if self.table is None:
            self._flush_para()
            self._open_table(None, line.seg)

    def _add_meta(self, line: NormLine) -> None:
        assert self.table is not None
        self.table.header.append(line.text.strip())
        self.table.rows.append((line.start, line.end, ""))

    def _flush_cell_row(self) -> None:
        if not self.cell_row:
            return
        cells = [ln.text.strip() for ln in self.cell_row]
        start, end = self.cell_row[0].start, self.cell_row[-1].end
        self.cell_row = []
        assert self.table is not None
        real = [c for c in cells if c]
        if len(real) == 1 and is_table_title(real[0]):
            if self.table.title is not None or self._has_rows():
                seg = self.table.seg
                self._flush_table()  # a new table's title, printed as a one-cell row
                self._open_table(None, seg)
            self.table.title = real[0]
            self.table.rows.append((start, end, ""))
            return
        if self.table.title is None and not self.table.rows and len(real) == 1 and not _NUMBER.match(real[0]):
            self.table.title = real[0]
        if not real:
            self.table.rows.append((start, end, ""))  # an empty row: inside the span, not shown
            return
        self._add_row(start, end, " | ".join(cells))

    def _add_row(self, start: int, end: int, formatted: str) -> None:
        assert self.table is not None
        t = self.table
        cells = [c for c in formatted.split(" | ") if c]
        if not any(r[2] for r in t.rows) and cells and numeric_cells(cells) == 0 and len(t.header) < 4:
            t.header.append(formatted)  # column headers: rows before the first row with a number
            t.rows.append((start, end, ""))
            return
        t.rows.append((start, end, formatted))
        t.started = True
        if sum(len(r[2]) for r in t.rows) >= TABLE_CHARS:
            self._emit_table_rows()

    def _emit_table_rows(self) -> None:
        t = self.table
        if t is None or not t.rows:
            return
        start, end = t.rows[0][0], t.rows[-1][1]
        context = []
        if t.title:
            context.append(f"表:{t.title}" + ("(续)" if self.doc.seg_of[start] != t.seg else ""))
        if t.header:
            context.append("列:" + " / ".join(h for h in t.header if h))
        body_rows = [r[2] for r in t.rows if r[2]]
        if not body_rows and not t.title:
            t.rows = []
            return
        kind = ChunkKind.table if body_rows or t.header else ChunkKind.heading  # a title alone (a TOC line)
        self._emit(kind, start, end, context, "\n".join(body_rows) or "\n".join(t.header), t.title, t.table_id)
        t.rows = []
        t.continued = True

    def _flush_table(self, keep_open: bool = False) -> None:
        if self.table is None:
            return
        if not keep_open and self.table.title and not self.table.started and not self.table.continued:
            self.untitled = self.table.title  # (a title whose table has not begun yet)
        self._emit_table_rows()
        if not keep_open:
            self.table = None

    # -- narrative -----------------------------------------------------------------------
    def _flush_heading(self) -> None:
        if self.pending_heading is not None:
            h = self.pending_heading
            self.pending_heading = None
            self._emit(ChunkKind.heading, h.start, h.end, self._section_context(exclude_last=True), None, None)

    def _flush_para(self) -> None:
        if not self.para:
            return
        lines, self.para = self.para, []
        pieces: list[tuple[int, int]] = []
        for ln in lines:
            pieces.extend(_sentence_pieces(ln))
        group: list[tuple[int, int]] = []
        for piece in pieces:
            if group and piece[1] - group[0][0] > MAX_CHARS:
                self._emit_narrative(group)
                group = []
            group.append(piece)
        if group:
            self._emit_narrative(group)

    def _emit_narrative(self, group: list[tuple[int, int]]) -> None:
        self._emit(ChunkKind.narrative, group[0][0], group[-1][1], self._section_context(), None, None)

    def _section_context(self, exclude_last: bool = False) -> list[str]:
        path = [s[1] for s in self.sections]
        if exclude_last:
            path = path[:-1]
        return [" > ".join(path)] if path else []

    # -- output --------------------------------------------------------------------------
    def _emit(self, kind: ChunkKind, start: int, end: int, context: list[str], body_text: str | None,
              table_title: str | None, table_id: int | None = None) -> None:
        text = self.doc.text
        while start < end and text[start] in " \n\t\f":
            start += 1
        while end > start and text[end - 1] in " \n\t\f":
            end -= 1
        if start >= end:
            return
        self.blocks.append(Block(kind, start, end, context, body_text, table_title, table_id,
                                 [s[1] for s in self.sections]))


def _row_like(text: str) -> bool:
    """A label-only table row of a PDF ("二、政府性基金预算财政拨款收入 二、外交支出"): cells, no sentence."""
    return len(text.split(" ")) >= 2 and "。" not in text and not re.search(r"[\u4e00-\u9fff][,;:，；：][\u4e00-\u9fff]", text)


def _is_body(text: str) -> bool:
    """A line of running text (a sentence or a heading), as opposed to a table label or header."""
    sentence = "。" in text or re.search(r"[\u4e00-\u9fff][,;:，；：][\u4e00-\u9fff]", text)
    return bool(sentence) or heading_level(text) is not None


def _sentence_pieces(line: NormLine) -> list[tuple[int, int]]:
    """Split a line into pieces that end after a sentence end (。!?;), never inside a number."""
    out: list[tuple[int, int]] = []
    start = 0
    text = line.text
    for m in re.finditer(r"[。!?;！？；]+", text):
        if m.end() - start >= 60:
            out.append((line.start + start, line.start + m.end()))
            start = m.end()
    if start < len(text):
        out.append((line.start + start, line.start + len(text)))
    return out or [(line.start, line.end)]



# -- tables as rows of cells (for the table readers) -----------------------------------------

_CELL_NUMBER = re.compile(rf"^(?P<num>{NUMBER})\s*(?P<unit>%|分|万元|元)?$")


def number(cell: str) -> tuple[str, str | None] | None:
    """(value without separators, unit printed in the cell) when a cell holds one amount."""
    m = _CELL_NUMBER.match(cell.strip())
    return (m.group("num").replace(",", ""), m.group("unit")) if m else None


@dataclass
class Row:
    cells: list[str]
    start: int
    end: int

    @property
    def labels(self) -> list[str]:
        return [c for c in self.cells if c and not _CELL_NUMBER.match(c)]

    @property
    def first(self) -> str:
        return next((c for c in self.cells if c), "")


@dataclass
class Table:
    title: str
    rows: list[Row] = field(default_factory=list)
    section: list[str] = field(default_factory=list)
    raw_lines: list[str] = field(default_factory=list)  # its normalised lines, to tell tab rows from PDF text


def rows_of(doc: NormDoc, start: int, end: int) -> list[Row]:
    """The rows of a table span: one cell per line (rows between blank lines), tab-separated or PDF text."""
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
            if "\t" in t.strip("\t"):  # (a line of several cells among them, "公开02表\t单位：…\t金额单位：万元": a row of
                if block:  # its own, not the first cell of the row below)
                    rows.append(Row([x.strip() for _, x in block], block[0][0], block[-1][0] + len(block[-1][1])))
                    block = []
                rows.append(Row([c.strip() for c in t.split("\t")], s, s + len(t)))
                continue
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


def _tables(doc: NormDoc, blocks: list[Block]) -> list[Table]:
    """Tables in reading order; an untitled table right after another one continues it."""
    tables: dict[int, Table] = {}
    previous: Table | None = None
    for b in blocks:
        if b.kind != ChunkKind.table or b.table_id is None:
            if b.kind == ChunkKind.heading or (b.kind == ChunkKind.narrative and "\t" not in doc.text[b.start:b.end]):
                previous = None if b.section_path != (previous and previous.section) else previous
            continue
        title = (b.table_title or "").replace(" ", "")
        if b.table_id not in tables and not title and previous is not None:
            tables[b.table_id] = previous  # its rows go on in the table before
        t = tables.setdefault(b.table_id, Table(title=title, section=b.section_path))
        t.rows.extend(rows_of(doc, b.start, b.end))
        t.raw_lines.extend(doc.text[b.start:b.end].split("\n"))
        previous = t
    unique: list[Table] = []
    for t in tables.values():
        if not any(t is u for u in unique):
            unique.append(t)
    return unique


# -- running text (for the prose readers) ----------------------------------------------------

class NarrativeLine(NamedTuple):
    start: int  # normalised offset of the line
    text: str
    section: str  # the headings above it, joined with " > "


def _narrative(doc: NormDoc) -> list[NarrativeLine]:
    """The lines that are running text, not table rows, each with its section path."""
    out: list[NarrativeLine] = []
    sections: list[tuple[int, str]] = []
    for line in doc.lines:
        text = line.text
        if line.page_break or not text.strip() or "\t" in text:
            continue
        level = heading_level(text)
        if level is not None:
            sections = [s for s in sections if s[0] < level] + [(level, text.strip())]
        if doc.raw.kind == "pdf" and looks_tabular(text.strip()):
            continue
        out.append(NarrativeLine(line.start, text, " > ".join(s[1] for s in sections)))
    return out


# -- the layout ------------------------------------------------------------------------------

@dataclass
class Layout:
    """A document read once: normalised text with its offset map, blocks, tables and narrative lines."""

    doc: NormDoc
    blocks: list[Block]
    tables: list[Table]
    narrative: list[NarrativeLine]

    @property
    def text(self) -> str:
        return self.doc.text

    @property
    def headings(self) -> list[str]:
        """Section headings in reading order."""
        return [ln.text.strip() for ln in self.doc.lines if not ln.page_break and heading_level(ln.text) is not None]


def layout_of(doc: NormDoc) -> Layout:
    blocks = _Structurer(doc).run()
    return Layout(doc, blocks, _tables(doc, blocks), _narrative(doc))


def read_layout(raw: RawDocument) -> Layout:
    """Normalise a loaded document and read its structure, once."""
    return layout_of(normalise(raw))


def cite(doc: NormDoc, meta: DocMeta, start: int, end: int) -> Citation:
    """Citation of the normalised span ``[start, end)``: where it is in the original file, and the verbatim quote."""
    seg, raw_start, raw_end = doc.to_raw(start, end)
    line_start = line_end = None
    if doc.raw.kind != "pdf":
        line_start, line_end = doc.raw_lines(seg, raw_start, raw_end)
    return Citation(
        doc_id=doc.raw.doc_id, source=doc.raw.source, unit=meta.unit, year=meta.year, doc_type=meta.doc_type,
        page=doc.page_at(start), line_start=line_start, line_end=line_end, char_start=raw_start, char_end=raw_end,
        quote=doc.segments[seg].text[raw_start:raw_end],
    )


def cite_with_label(doc: NormDoc, meta: DocMeta, label_start: int, start: int, end: int) -> Citation:
    """An amount cited from its label printed on the lines before it; the amount alone when a page ends between them."""
    try:
        return cite(doc, meta, label_start, end)
    except ValueError:
        return cite(doc, meta, start, end)


def cite_on_page(doc: NormDoc, meta: DocMeta, start: int, end: int) -> Citation:
    """:func:`cite`, the span cut at the end of its first page (a citation quotes one page; the rest is on the next)."""
    seg_of = doc.seg_of
    first = seg_of[start]
    cut = next((i for i in range(start, end) if seg_of[i] >= 0 and seg_of[i] != first), end)
    while cut > start + 1 and (seg_of[cut - 1] < 0 or doc.text[cut - 1].isspace()):
        cut -= 1
    return cite(doc, meta, start, cut)
