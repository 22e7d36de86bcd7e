"""Normalise a document once, at ingestion, keeping a map from every character back to the source.

What changes (each step deletes characters or replaces one by one, so the map stays exact):
- full-width ASCII forms (０-９, Ａ-ｚ, ，：；（）％…) become half-width; ideographic and
  no-break spaces become spaces; BOM and zero-width characters go;
- ``[bookmark: pageN]`` markers go (and give the page of the text after them);
- spaces that PDF text puts inside Chinese words ("收 入 总 计") and around numbers
  ("10,648.51 万元", "2024 年度") go; in table-like lines single spaces between cells stay;
- hard line wraps inside a sentence are joined (only in documents whose lines are wrapped
  at a page width, so a table printed one cell per line is never glued together);
- repeated page headers/footers and page-number lines of PDFs go;
- the commas that separate the cells of a sheet exported as comma-separated rows become tabs (its quote marks go).

:class:`NormDoc` keeps, for each normalised character, its segment (PDF page) and its offset
in that segment's original text, so any span maps back to the original file.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from index.loaders import RawDocument, Segment

PAGE_BREAK = "\f"  # a line holding only this separates two segments (PDF pages) in normalised text

_BOOKMARK = re.compile(r"\[bookmark:\s*([^\]]*)\]")
# a reading in pinyin printed after a character, as some reposting sites do ("預(yù)算", "產(chǎn)"): it is not part of
# the text, so it goes like a bookmark. Only a gloss with a tone mark counts, so "(a)" or "(万元)" stay.
_PINYIN_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]")
_DROP = {"\ufeff", "\u200b", "\u200c", "\u200d", "\u2060", "\r"}
_SPACES = {"\u3000", "\u00a0", "\u2002", "\u2003", "\u2009", "\u202f", " "}
_UNIT_AFTER_NUMBER = set("年月日号万亿元%个人辆次批项家台套件名岁")
_SENTENCE_END = set("。!?！？")  # a full line ending in ：or ； still runs on
_HEADING_START = re.compile(
    r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十]+[)）]|\d{1,2}[、．]|\d{1,2}\.(?!\d)|附件|附表)"
)


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF


def is_cjk_or_punct(ch: str) -> bool:
    return is_cjk(ch) or 0x3000 <= ord(ch) <= 0x303F or ch in "“”‘’、。《》【】…—"


def to_halfwidth(ch: str) -> str:
    o = ord(ch)
    if 0xFF01 <= o <= 0xFF5E:
        return chr(o - 0xFEE0)
    if ch in _SPACES:
        return " "
    return ch


@dataclass
class NormLine:
    """One line of normalised text, with its span and where it came from."""

    text: str
    start: int  # normalised offset of the first character
    seg: int
    page_break: bool = False

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class NormDoc:
    """Normalised text plus the map back to the original segments."""

    raw: RawDocument
    text: str
    seg_of: list[int]  # segment index per normalised character (-1 for separators)
    pos_of: list[int]  # offset in that segment's original text
    page_marks: list[tuple[int, int]] = field(default_factory=list)  # (normalised offset, page) from markers
    lines: list[NormLine] = field(default_factory=list)
    dropped_lines: list[tuple[int, str]] = field(default_factory=list)  # (page, text) of removed headers/footers
    wrapped: bool = False

    @property
    def segments(self) -> list[Segment]:
        return self.raw.segments

    def to_raw(self, start: int, end: int) -> tuple[int, int, int]:
        """Map the normalised span ``[start, end)`` to ``(segment, raw_start, raw_end)``.

        The span must lie inside one segment; separators at its ends are skipped.
        """
        while start < end and self.seg_of[start] < 0:
            start += 1
        while end > start and self.seg_of[end - 1] < 0:
            end -= 1
        if start >= end:
            raise ValueError("empty span")
        seg = self.seg_of[start]
        if self.seg_of[end - 1] != seg:
            raise ValueError(f"span {start}:{end} crosses a page boundary")
        return seg, self.pos_of[start], self.pos_of[end - 1] + 1

    def printed(self, start: int, end: int) -> str:
        """The normalised span ``[start, end)`` in the original's own characters (印刷原文): full-width
        punctuation as printed, but without what normalisation took out — the line breaks of wrapped lines
        ("…过紧日子要" / "求，压减…" is one sentence), the spaces PDF text puts inside words and around
        numbers ("1133.95 万元"), page headers and numbers. Page separators are skipped. What a reader copies;
        a citation's ``quote`` stays the exact original at its offsets."""
        out: list[str] = []
        for i in range(max(start, 0), min(end, len(self.text))):
            seg, ch = self.seg_of[i], self.text[i]
            if seg < 0:
                continue
            raw = self.segments[seg].text
            p = self.pos_of[i]
            original = raw[p] if 0 <= p < len(raw) else ch
            # whitespace is normalisation's own (a joiner, a line end), but for the comma a tab stands for in an exported
            # sheet's row; any other character is the printed one
            printed = not ch.isspace() and to_halfwidth(original) == ch or ch == "\t" and original == ","
            out.append(original if printed else ch)
        return "".join(out)

    def page_at(self, pos: int) -> int | None:
        """1-based page of a normalised offset: the PDF page, or the last page marker before it."""
        seg = self.seg_of[pos] if 0 <= pos < len(self.seg_of) else -1
        if seg >= 0 and self.segments[seg].page is not None:
            return self.segments[seg].page
        i = bisect.bisect_right(self.page_marks, (pos, 10**9)) - 1
        return self.page_marks[i][1] if i >= 0 else None

    def raw_lines(self, seg: int, raw_start: int, raw_end: int) -> tuple[int, int]:
        """1-based first and last line of a raw span in its segment's original text."""
        text = self.segments[seg].text
        first = text.count("\n", 0, raw_start) + 1
        last = first + text.count("\n", raw_start, max(raw_start, raw_end - 1))
        return first, last

    @property
    def pages(self) -> int:
        if self.raw.kind == "pdf":
            return len(self.segments)
        return max([p for _, p in self.page_marks], default=1)


def normalise(raw: RawDocument) -> NormDoc:
    """Normalise all segments of a document (see the module docstring)."""
    per_seg: list[list[list[tuple[str, int]]]] = []
    marks: list[list[tuple[int, int, int]]] = []  # per segment: (line index, char index in line, page)
    indented: list[set[int]] = []  # lines that start with an indent: a new paragraph, never a wrapped tail
    for seg in raw.segments:
        lines, seg_marks = _clean_segment(seg.text)
        _comma_rows_to_tabs(lines, seg.text)
        per_seg.append(lines)
        marks.append(seg_marks)
        indented.append({i for i, ln in enumerate(seg.text.split("\n")) if re.match(r"^(?: {2,}|\u3000)\S", ln)})
    dropped = _page_furniture(raw, per_seg) if raw.kind == "pdf" and len(raw.segments) >= 2 else _inline_furniture(per_seg)
    width = _wrap_width(per_seg, dropped)
    wrapped = raw.kind == "pdf" or width is not None
    if width is None and raw.kind == "pdf":
        width = _percentile_width(per_seg, dropped)
    widths = (width, _percentile_count(per_seg, dropped)) if width is not None else None

    chars: list[str] = []
    seg_of: list[int] = []
    pos_of: list[int] = []
    out_lines: list[NormLine] = []
    page_marks: list[tuple[int, int]] = []
    dropped_lines: list[tuple[int, str]] = []

    for si, lines in enumerate(per_seg):
        if si > 0:
            _emit_separator(chars, seg_of, pos_of, out_lines)
        seg_mark_at = {(li, ci): page for li, ci, page in marks[si]}
        seg_page = raw.segments[si].page
        current: list[tuple[str, int]] | None = None
        last: list[tuple[str, int]] = []
        for li, line in enumerate(lines):
            if li in dropped.get(si, set()):
                if line:  # (a blank line around a page's furniture is no furniture to show)
                    dropped_lines.append((seg_page or 0, "".join(c for c, _ in line)))
                continue
            line_marks = [(mci, page) for (mli, mci), page in seg_mark_at.items() if mli == li]
            if current is not None and li not in indented[si] and _joins(current, last, line, widths if wrapped else None):
                joiner = _join_char(current, line, raw.segments[si].text)
                current = _fix_spaces(current + joiner + line)  # the whole sentence decides which spaces go
                offset = len(chars) + sum(1 for _, p in current if line and p < line[0][1])
            else:
                if current is not None:
                    _emit_line(current, si, chars, seg_of, pos_of, out_lines)
                offset = len(chars)
                current = list(line)
            last = line
            page_marks.extend((offset + mci, page) for mci, page in line_marks)
        if current is not None:
            _emit_line(current, si, chars, seg_of, pos_of, out_lines)

    if out_lines and chars and chars[-1] == "\n":
        chars.pop()
        seg_of.pop()
        pos_of.pop()
    page_marks.sort()
    return NormDoc(raw, "".join(chars), seg_of, pos_of, page_marks, out_lines, dropped_lines, wrapped)


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s.json")


def to_simplified(text: str) -> str:
    """Traditional characters written as simplified ones (興國縣 → 兴国县, 預算 → 预算), one for one, so offsets
    still point at the original: a conversion that would change the length (a rare phrase) is not made, nor one
    that only touches characters simplified Chinese uses too (乾县 stays 乾县)."""
    if text.isascii():
        return text
    out = _t2s().convert(text)
    if len(out) != len(text):
        return text
    changed = {a for a, b in zip(text, out, strict=True) if a != b}
    # characters that are also simplified (乾县, 乾安县, the surname 於, 昇, 藉) are folded only in a text that has
    # other traditional characters: a simplified text keeps them
    return text if changed <= _ALSO_SIMPLIFIED else out


_ALSO_SIMPLIFIED = frozenset("乾於昇藉瞭夥佈祕佔")


def _emit_line(line, si, chars, seg_of, pos_of, out_lines) -> None:
    simplified = to_simplified("".join(c for c, _ in line))  # a traditional-character document reads as simplified
    line = [(c, p) for c, (_, p) in zip(simplified, line, strict=True)]
    start = len(chars)
    out_lines.append(NormLine("".join(c for c, _ in line), start, si))
    for c, p in line:
        chars.append(c)
        seg_of.append(si)
        pos_of.append(p)
    # the newline after a line maps to the position just past its last character
    chars.append("\n")
    seg_of.append(si)
    pos_of.append(line[-1][1] + 1 if line else 0)


def _emit_separator(chars, seg_of, pos_of, out_lines) -> None:
    out_lines.append(NormLine(PAGE_BREAK, len(chars), -1, page_break=True))
    for c in PAGE_BREAK + "\n":
        chars.append(c)
        seg_of.append(-1)
        pos_of.append(0)


def _clean_segment(text: str) -> tuple[list[list[tuple[str, int]]], list[tuple[int, int, int]]]:
    """Per raw line, the cleaned characters with their raw offsets; and page markers found."""
    out: list[list[tuple[str, int]]] = []
    marks: list[tuple[int, int, int]] = []
    offset = 0
    for li, raw_line in enumerate(text.split("\n")):
        skip: list[tuple[int, int]] = []
        for m in _BOOKMARK.finditer(raw_line):
            skip.append((m.start(), m.end()))
            page = re.fullmatch(r"page(\d+)", m.group(1).strip())
            if page:
                marks.append((li, -1 - m.start(), int(page.group(1))))  # char index fixed below
        skip = sorted(skip + [m.span() for m in _PINYIN_GLOSS.finditer(raw_line)])
        chars: list[tuple[str, int]] = []
        k = 0
        for i, ch in enumerate(raw_line):
            if k < len(skip) and i >= skip[k][1]:
                k += 1
            if k < len(skip) and skip[k][0] <= i < skip[k][1]:
                continue
            if ch in _DROP:
                continue
            chars.append((to_halfwidth(ch), offset + i))
        chars = _fix_spaces(chars)
        # a page marker's position is the number of kept characters before it
        fixed = []
        for mli, mci, page in marks:
            if mli == li and mci < 0:
                raw_i = offset + (-1 - mci)
                mci = sum(1 for _, p in chars if p < raw_i)
            fixed.append((mli, mci, page))
        marks = fixed
        out.append(chars)
        offset += len(raw_line) + 1
    return out, marks


_CSV_NUMBER = re.compile(r"^-?[\d,]*\d(?:\.\d+)?%?$")
# what no cell of an exported sheet holds: a sentence's end, an amount inside words ("合计3188.60万元"), a figure set
# apart by a space (a PDF's row of cells, "收入 371,514,655.00 一、…"), a bar of a drawn table ("| 208 | …")
_NOT_A_CELL = re.compile(r"。|\||[\u4e00-\u9fff]\d|\d\s*(?:万元|亿元)|\d\s+\S|\S\s+\d")


def _csv_fields(line: list[tuple[str, int]], raw_text: str) -> list[tuple[int, int]] | None:
    """The fields of a line of comma-separated values, as (start, end) indices into the line; None when the line is
    no such row: a tab-separated one already, fewer than three fields, a field that no cell holds or longer than a
    label. Only commas that were ASCII in the source separate (prose writes "，", which normalises to "," too); commas
    inside quotes do not ("1,234.56" quoted, as a spreadsheet writes a number with separators)."""
    if any(c == "\t" for c, _ in line):
        return None
    fields: list[tuple[int, int]] = []
    start, quoted = 0, False
    for i, (c, p) in enumerate(line):
        if c == '"':
            quoted = not quoted
        elif c == "," and not quoted and raw_text[p] == ",":
            fields.append((start, i))
            start = i + 1
    fields.append((start, len(line)))
    if len(fields) < 3:
        return None
    for s, e in fields:
        text = "".join(c for c, _ in line[s:e]).strip('"')
        if len(text) > 40 or (_NOT_A_CELL.search(text) and not _CSV_NUMBER.match(text)):
            return None
    return fields


def _comma_rows_to_tabs(lines: list[list[tuple[str, int]]], raw_text: str) -> None:
    """A table exported as comma-separated values (an Excel sheet saved as text) reads as a tab-separated one: its
    separating commas become tabs and its quote marks go, character for character, so the offset map holds.

    A line counts as such a row only within a run of at least two consecutive lines with the same number of
    fields, one of which holds a number alone in a field: a run of prose lines never agrees like that."""
    parsed = [_csv_fields(line, raw_text) if line else None for line in lines]
    i = 0
    while i < len(lines):
        fields = parsed[i]
        j = i
        while fields is not None and j < len(lines) and parsed[j] is not None and len(parsed[j]) == len(fields):
            j += 1
        run = [(lines[k], parsed[k] or []) for k in range(i, j)]
        if len(run) >= 2 and any(_CSV_NUMBER.match("".join(c for c, _ in line[s:e]).strip('" '))
                                 for line, row in run for s, e in row):
            for line, row in run:
                seps = {e for _, e in row[:-1]}
                line[:] = [("\t" if n in seps else c, p) for n, (c, p) in enumerate(line) if c != '"']
        i = max(j, i + 1)


def _fix_spaces(chars: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Collapse and remove spaces (see module docstring); tabs are kept as cell separators."""
    # collapse runs of spaces, drop spaces next to tabs and at both ends
    collapsed: list[tuple[str, int]] = []
    for c, p in chars:
        if c == " " and (not collapsed or collapsed[-1][0] in " \t"):
            continue
        if c == "\t" and collapsed and collapsed[-1][0] == " ":
            collapsed.pop()
        collapsed.append((c, p))
    while collapsed and collapsed[-1][0] == " ":
        collapsed.pop()
    if " " not in (c for c, _ in collapsed):
        return collapsed
    text = "".join(c for c, _ in collapsed)
    prose = is_prose(text)
    keep: list[tuple[str, int]] = []
    n = len(collapsed)
    letter_spaced = _letter_spaced_positions(text)
    for i, (c, p) in enumerate(collapsed):
        if c == " " and 0 < i < n - 1:
            left, right = collapsed[i - 1][0], collapsed[i + 1][0]
            if i in letter_spaced:
                continue
            if left.isdigit() and right in _UNIT_AFTER_NUMBER and _number_unit(collapsed, i, right):
                continue
            if prose and not (left.isascii() and left.isalnum() and right.isascii() and right.isalnum()):
                continue
        keep.append((c, p))
    return keep


def _number_unit(chars: list[tuple[str, int]], space: int, unit: str) -> bool:
    """Whether the number before ``space`` is one that ``unit`` can follow ("2024 年", "3.5 万元",
    but not "112.88 年末…": a date word follows only a whole number of at most four digits)."""
    if unit not in "年月日号":
        return True
    j = space - 1
    while j >= 0 and (chars[j][0].isdigit() or chars[j][0] in ".,"):
        j -= 1
    number = "".join(c for c, _ in chars[j + 1:space])
    return number.isdigit() and len(number) <= 4


def is_prose(text: str) -> bool:
    if "\t" in text:
        return False
    clause = re.search(
        r"[\u4e00-\u9fff][,;:][\u4e00-\u9fff\d\s]|[\u4e00-\u9fff\d][,;:][\u4e00-\u9fff]"
        r"|[\u4e00-\u9fff](?<![一二三四五六七八九十])、[\u4e00-\u9fff]",  # 、 of a list, not of 一、 二十、
        text,
    )
    # without sentence punctuation a line is a title, a label or a table row whose spaces separate cells
    return "。" in text or clause is not None


def _letter_spaced_positions(text: str) -> set[int]:
    """Indices of spaces inside runs like "收 入 总 计" (single CJK characters spaced out)."""
    out: set[int] = set()
    for m in re.finditer(r"(?<![^\s\t])(?:[\u4e00-\u9fff] ){2,}[\u4e00-\u9fff](?![^\s\t])", text):
        out.update(i for i in range(m.start(), m.end()) if text[i] == " ")
    return out


def _page_numbers(raw: RawDocument, edge: list[list[tuple[int, str]]]) -> list[tuple[int, int]]:
    """(segment, line) of the page-number lines: numbers at a page's edge that follow the page order."""
    offsets: Counter[int] = Counter()
    numbered: list[tuple[int, int, int]] = []
    for si, items in enumerate(edge):
        page = raw.segments[si].page or si + 1
        for i, t in items:
            m = re.fullmatch(r"[-—–_|·第页共/\s]*(\d{1,4})[-—–_|·第页共/\s\d]*", t)
            if m and len(t) <= 14:
                numbered.append((si, i, int(m.group(1)) - page))
                offsets[int(m.group(1)) - page] += 1
    if not offsets:
        return []
    offset, count = offsets.most_common(1)[0]
    if count < max(2, len(edge) // 2):
        return []
    return [(si, i) for si, i, off in numbered if off == offset]


# a page-number line a PDF's text layer saved as text keeps between its pages ("— 5 —", "第 3 页 共 18 页", "3/18")
PAGE_LINE = re.compile(r"(?:[-—–－]+\s*(\d{1,4})\s*[-—–－]+|第\s*(\d{1,4})\s*页(?:\s*[,，、/]?\s*共\s*\d{1,4}\s*页)?|"
                        r"(\d{1,4})\s*/\s*\d{1,4})")


def _inline_furniture(per_seg: list[list[list[tuple[str, int]]]]) -> dict[int, set[int]]:
    """Page furniture inside a text that was one PDF's text layer: page-number lines whose numbers go up (two at
    least), and a running header or footer printed next to them (the same line, three times or more, each within
    four lines of a page number)."""
    drop: dict[int, set[int]] = {}
    for si, lines in enumerate(per_seg):
        texts = ["".join(c for c, _ in ln).strip() for ln in lines]
        numbered = [(i, int(next(g for g in m.groups() if g))) for i, t in enumerate(texts)
                    if (m := PAGE_LINE.fullmatch(t))]
        if len(numbered) < 2 or any(b <= a for (_, a), (_, b) in zip(numbered, numbered[1:], strict=False)):
            continue
        pages = {i for i, _ in numbered}
        near = {j for i in pages for j in range(i - 4, i + 5)}
        # (the first page's header, at the top, counts too: it is kept there as the document's title)
        counts = Counter(t for i, t in enumerate(texts) if (i in near or i < 4) and 4 <= len(t) <= 60)
        running = {t for t, c in counts.items() if c >= 3 and not _HEADING_START.match(t) and not is_prose(t)
                   and not re.fullmatch(r"[-\d.,%\s]+", t)}  # (an amount repeated near page ends is a table's: "0.00")
        furniture = pages | {i for i, t in enumerate(texts) if t in running and i in near}
        # the blank lines around it go too: the page's text runs on ("…完成预算的85.2 | — 5 — | | 页眉 | 5%，…")
        blank = {i for i, t in enumerate(texts) if not t and (i - 1 in furniture or i + 1 in furniture)}
        drop[si] = furniture | blank
    return drop


def _page_furniture(raw: RawDocument, per_seg: list[list[list[tuple[str, int]]]]) -> dict[int, set[int]]:
    """Lines to drop per segment: running headers/footers repeated on many pages, and page numbers."""
    n = len(per_seg)
    edge: list[list[tuple[int, str]]] = []
    for lines in per_seg:
        idx = [i for i, ln in enumerate(lines) if ln]
        picks = idx[:2] + idx[-2:]
        edge.append([(i, "".join(c for c, _ in lines[i]).replace(" ", "")) for i in dict.fromkeys(picks)])
    keys: Counter[str] = Counter()
    for items in edge:
        keys.update({re.sub(r"\d+", "#", t) for _, t in items if 2 <= len(t) <= 60})
    repeated = {k for k, c in keys.items() if c >= max(3, n // 2)}
    drop: dict[int, set[int]] = {}
    for si, i in _page_numbers(raw, edge):
        drop.setdefault(si, set()).add(i)
    for si, items in enumerate(edge):
        form = False
        for i, t in items:
            # a form's title on each of its pages (项目支出绩效自评表, and its "（2025年度）") is the form's, not the page's
            form = _FORM_TITLE.fullmatch(t) is not None or form and _YEAR_LINE.fullmatch(t) is not None
            if re.sub(r"\d+", "#", t) in repeated and not _HEADING_START.match(t) and not form:
                drop.setdefault(si, set()).add(i)
    return drop


# the title of a one-page form (项目支出绩效自评表, 部门整体支出绩效目标表), printed again on every page of a set of forms
_FORM_TITLE = re.compile(r"[\u4e00-\u9fff()（）]{0,30}(?:绩效|自评|评价)[\u4e00-\u9fff]{0,8}表")
_YEAR_LINE = re.compile(r"[(（]?20\d\d年度?[)）]?")


def display_width(chars) -> float:
    """Printed width in CJK cells: digits and Latin letters take about half a cell.

    ASCII punctuation counts as a full cell: in these documents it was full-width (，：；（）)
    before normalisation.
    """
    return sum(0.55 if c.isascii() and (c.isalnum() or c in ".% ") else 1.0 for c, *_ in chars)


def _prose_lengths(per_seg, dropped) -> list[float]:
    """Lengths of the prose-like lines (tables and short labels would distort the page width)."""
    lengths = []
    for si, lines in enumerate(per_seg):
        for li, line in enumerate(lines):
            if li in dropped.get(si, set()) or len(line) < 8:
                continue
            if is_prose("".join(c for c, _ in line)):
                lengths.append(display_width(line))
    return sorted(lengths)


def _raw_length(line: list[tuple[str, int]]) -> int:
    """Characters the line spans in the original text, spaces removed by normalisation included."""
    return line[-1][1] - line[0][1] + 1 if line else 0


def _percentile_count(per_seg, dropped) -> int:
    """The 80th percentile of prose line lengths in characters (wraps made by character count)."""
    lengths = sorted(_raw_length(line) for si, lines in enumerate(per_seg) for li, line in enumerate(lines)
                     if li not in dropped.get(si, set()) and len(line) >= 8 and is_prose("".join(c for c, _ in line)))
    return lengths[_at_80th(len(lengths))] if lengths else 10**6


def _at_80th(n: int) -> int:
    """Where the 80th percentile of ``n`` sorted lengths is; the longest of a few (a one-page form with two lines of
    prose: its short line is no page width)."""
    return int(0.8 * (n - 1)) if n >= 5 else n - 1


def _percentile_width(per_seg, dropped) -> float | None:
    lengths = _prose_lengths(per_seg, dropped)
    return lengths[_at_80th(len(lengths))] if lengths else None


def _wrap_width(per_seg, dropped) -> float | None:
    """The page width in characters if the text is hard-wrapped, else None.

    A wrapped text has a large share of its prose lines at (nearly) the same maximal length.
    """
    lengths = _prose_lengths(per_seg, dropped)
    if len(lengths) < 20:
        return None
    width = lengths[int(0.8 * (len(lengths) - 1))]
    near = sum(1 for n in lengths if width - max(3, width // 8) <= n <= width + 2)
    return width if near / len(lengths) >= 0.4 and width >= 15 else None


def _joins(current: list[tuple[str, int]], last: list[tuple[str, int]], nxt: list[tuple[str, int]],
           widths: tuple[float, int] | None) -> bool:
    """Whether ``nxt`` continues the sentence of ``current`` (whose last physical line is ``last``).

    ``widths`` is the page width as printed width and as a character count: a line that reaches
    either is full, so the text after it continues on the next line.
    """
    if widths is None or not current or not nxt:
        return False
    if any(c == "\t" for c, _ in current) or any(c == "\t" for c, _ in nxt):
        return False  # a row of cells
    if current[-1][0] in _SENTENCE_END:
        return False
    last_text = "".join(c for c, _ in last)
    if len(re.findall(r"(?:^|\s)-?[\d,]+(?:\.\d+)?%?(?=\s|$)", last_text)) >= 2:
        return False  # a table row of figures, not a sentence
    head = "".join(c for c, _ in nxt[:12])
    if _HEADING_START.match(head):
        return False
    nxt_text = "".join(c for c, _ in nxt)
    width, count = widths
    if _continues(last_text, nxt_text) and display_width(last) >= width / 2:
        return True  # (not a label in its table cell, one cell per line: "村均收运成本" / "12.42万元")
    if display_width(last) < width - max(2.5, width / 7) and _raw_length(last) < count - 1:
        return False
    if is_prose(last_text) or is_prose(nxt_text):
        return True
    return " " not in last_text  # one run of words filling the line: a wrapped phrase, not a row of cells


# the start of a line that finishes its previous line: an amount (a number and its unit), a bracketed aside
_CONTINUATION = re.compile(r"^(?:[\d.,]+\s*(?:万元|亿元|元|%|个|人次|人|辆|批次)|[(（](?![一二三四五六七八九十\d]{1,3}[)）]))")


def _continues(last_text: str, nxt_text: str) -> bool:
    """Whether the next line finishes what this one started, however short this line is: an amount moved
    whole to the next line after its label ("…支出总计" / "10,648.51万元"), a bracketed aside, or the rest of
    a number cut at the wrap ("349.2" / "0万元")."""
    if not last_text or last_text[-1] in "。；;:：！!？?，,、":
        return False
    if is_cjk(last_text[-1]) and _CONTINUATION.match(nxt_text):
        return True
    return bool(re.search(r"[\u4e00-\u9fff][\d.,]*\d[.]?$", last_text)) and bool(
        re.match(r"^\d[\d.,]*\s*(?:万元|亿元|元|%)", nxt_text))


def _join_char(current, nxt, raw_text: str) -> list[tuple[str, int]]:
    """Nothing between Chinese text; a space where two Latin words or numbers met at the wrap."""
    left, right = current[-1][0], nxt[0][0]
    if left.isascii() and left.isalnum() and right.isascii() and right.isalnum() and not left.isdigit():
        nl = raw_text.find("\n", current[-1][1])
        return [(" ", nl if nl >= 0 else current[-1][1] + 1)]
    return []
