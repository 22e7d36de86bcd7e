"""The deterministic extractor: figures from the prose and the standard tables, each with its citation."""

from __future__ import annotations

import re

from core.schemas import Citation, DocMeta, Extraction, Figure, SourceKind
from core.vocabulary import is_valid_key
from extraction.prose import extract_prose
from extraction.tables import TableFigure, extract_tables
from index.layout import Layout, cite, cite_with_label


def printed_key(key: str, quote: str) -> str:
    """Itemised keys carry the name as printed: recover full-width forms from the original quote."""
    parts = key.split(":")
    if len(parts) < 2 or parts[0] not in ("project", "gpb_class"):
        return key
    name = parts[1]
    pattern = r"\s*".join(_either_width(ch) for ch in name)
    m = re.search(pattern, quote)
    if m:
        parts[1] = re.sub(r"\s+", "", m.group(0))
    return ":".join(parts)


def _either_width(ch: str) -> str:
    o = ord(ch)
    if 0x21 <= o <= 0x7E:
        return f"[{re.escape(ch)}{re.escape(chr(o + 0xFEE0))}]"
    return re.escape(ch)


def _cited(layout: Layout, meta: DocMeta, t: TableFigure) -> Citation:
    """A table figure's citation: from its label to its amount when the label is printed just before it on the same
    page (a cell printed on its own line), else its row."""
    if t.name_span and 0 <= t.start - t.name_span[1] <= 40:
        return cite_with_label(layout.doc, meta, t.name_span[0], t.start, t.end)
    return cite(layout.doc, meta, t.start, t.end)


def extract(layout: Layout, meta: DocMeta) -> Extraction:
    """All figures of one document, prose and tables, in reading order; duplicates merged."""
    doc = layout.doc
    figures: list[Figure] = []
    for p in extract_prose(layout.narrative, meta.doc_type, meta.year, meta.unit):
        c = cite(doc, meta, p.start, p.end)
        figures.append(Figure(key=printed_key(p.key, c.quote), value=p.value, unit=p.unit, citation=c,
                              source_kind=SourceKind.prose, label=p.label))
    for t in extract_tables(layout, meta.doc_type):
        c = _cited(layout, meta, t)
        name_quote = cite(doc, meta, *t.name_span).quote if t.name_span else c.quote
        figures.append(Figure(key=printed_key(t.key, name_quote), value=t.value, unit=t.unit, citation=c,
                              source_kind=SourceKind.table, label=t.label, table=t.table, column=t.column))
    seen: set[tuple[str, str, str, int]] = set()
    unique: list[Figure] = []
    for f in figures:
        ident = (f.key, f.value, f.unit, f.citation.char_start)
        if ident in seen or not is_valid_key(f.key):
            continue
        seen.add(ident)
        unique.append(f)
    unique.sort(key=lambda f: (f.citation.page or 0, f.citation.char_start))
    return Extraction(doc_id=doc.raw.doc_id, source=doc.raw.source, unit_name=meta.unit, fiscal_year=meta.year,
                      doc_type=meta.doc_type, figures=unique)
