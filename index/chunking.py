"""Chunks for retrieval: each block of a :class:`~index.layout.Layout` with its citation and the part it is in."""

from __future__ import annotations

import hashlib

from core.schemas import Chunk, DocMeta, Span
from index.layout import Layout, cite


def chunk_document(layout: Layout, meta: DocMeta) -> list[Chunk]:
    """Chunks of one document, in reading order: the embedded text is the block's context lines and its body."""
    doc = layout.doc
    chunks: list[Chunk] = []
    for b in layout.blocks:
        body = doc.text[b.start:b.end]
        shown = b.body_text if b.body_text is not None else body
        cid = hashlib.sha1(f"{doc.raw.doc_id}:{b.start}:{b.end}".encode()).hexdigest()[:16]
        chunks.append(Chunk(
            chunk_id=f"{doc.raw.doc_id}-{cid}", doc_id=doc.raw.doc_id, kind=b.kind,
            text="\n".join([c for c in b.context if c] + [shown]), body=body, span=Span(start=b.start, end=b.end),
            section_path=b.section_path, table_title=b.table_title, table_id=b.table_id,
            part_type=meta.part_at(b.start), citation=cite(doc, meta, b.start, b.end),
        ))
    return chunks
