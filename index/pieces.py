"""One file, documents of several years.

A file may print documents of two fiscal years one after the other: a street office's 2026 部门整体支出绩效目标表
followed by its 2025 绩效自评报告, a budget with last year's self-evaluation appended. Each year is then read as a
document of its own, with its own year, type and figures, so that "去年自评得了多少分" finds the 2025 report and
"今年预算" the 2026 table. Every piece keeps the whole file's offsets, pages and lines: its text is the file's
text with the other years' characters blanked (line breaks kept), so a citation still points into the original.
"""

from __future__ import annotations

import re
from dataclasses import replace

from core.schemas import DocMeta, DocPart, DocType
from index.layout import Layout, layout_of
from index.metadata import detect

# a year's parts shorter than this are a title or a line of contents, not a document of their own
MIN_PIECE_CHARS = 100


def piece_id(doc_id: str, year: int) -> str:
    """The id of the piece of file ``doc_id`` that holds the documents of ``year`` (the first piece keeps the
    file's own id)."""
    return f"{doc_id}-{year}"


def documents(layout: Layout, meta: DocMeta) -> list[tuple[Layout, DocMeta]]:
    """The documents the file holds: one per fiscal year its part titles name, the first part's first; a file of
    one year is itself."""
    by_year: dict[int | None, list[DocPart]] = {}
    for part, year in zip(meta.parts, _years(meta), strict=True):
        by_year.setdefault(year, []).append(part)
    first = next(iter(by_year), None)
    apart = {y: parts for y, parts in by_year.items() if y is not None and y != first
             and sum(p.span.end - p.span.start for p in parts) >= MIN_PIECE_CHARS
             and _of_its_year(layout.text, parts, y, first)}
    if not apart:
        return [(layout, meta)]
    main_parts = [p for y, parts in by_year.items() if y not in apart for p in parts]
    kind = meta.doc_type
    if kind in {parts[0].doc_type for parts in apart.values()}:  # (the file's type was the other year's document's)
        titled = [p.doc_type for p in main_parts if p.title != "main"]
        kind = DocType.budget if DocType.performance_target in titled else titled[0] if titled else kind
    out = [(_only(layout, main_parts, layout.doc.raw.doc_id),
            meta.model_copy(update={"year": first, "doc_type": kind, "parts": main_parts}))]
    for year, parts in apart.items():
        piece = _only(layout, parts, piece_id(layout.doc.raw.doc_id, year))
        found = detect(piece)
        names = [n for n in [*meta.names, found.unit] if n and n != meta.unit]
        out.append((piece, DocMeta(unit=meta.unit, year=year, doc_type=parts[0].doc_type, scope=meta.scope,
                                   names=list(dict.fromkeys(names)), parts=parts)))
    return out


def _of_its_year(text: str, parts: list[DocPart], year: int, other: int | None) -> bool:
    """Whether the parts speak of their title's year at least as often as of the file's other year: a contents
    line ("附件 2025年度…自评报告") that the 2026 budget's body follows does not make that body 2025's."""
    body = "".join(text[p.span.start:p.span.end] for p in parts)
    return other is None or body.count(f"{year}年") >= body.count(f"{other}年")


def _years(meta: DocMeta) -> list[int | None]:
    """The fiscal year of each part: the one its title names; a short untitled start (the unit's name above the
    first title) is of the title after it; any other part is of the year read for the whole file."""
    years = [p.year for p in meta.parts]
    if len(years) > 1 and years[0] is None and years[1] is not None \
            and meta.parts[0].span.end - meta.parts[0].span.start < MIN_PIECE_CHARS:
        years[0] = years[1]
    return [y or meta.year for y in years]


def _only(layout: Layout, parts: list[DocPart], doc_id: str) -> Layout:
    """The layout of the file read as if it held only ``parts`` (stored as ``doc_id``)."""
    doc = layout.doc
    spans = sorted((p.span.start, p.span.end) for p in parts)
    text, at = [], 0
    for start, end in spans:
        text += [re.sub(r"[^\n\f]", " ", doc.text[at:start]), doc.text[start:end]]
        at = end
    text.append(re.sub(r"[^\n\f]", " ", doc.text[at:]))
    lines = [ln for ln in doc.lines if any(s <= ln.start < e for s, e in spans)]
    return layout_of(replace(doc, raw=replace(doc.raw, doc_id=doc_id), text="".join(text), lines=lines))
