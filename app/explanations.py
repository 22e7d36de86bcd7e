"""The explanation finder for staff: past reason sentences by metric, direction, unit and year."""

from __future__ import annotations

import re

from core.schemas import ParsedQuestion, Reason
from core.vocabulary import REASON_MARKER
from core.vocabulary import label_of as label
from extraction.reasons import printed_text
from index.store import Store

DIRECTIONS = ("增加", "减少")


def find(store: Store, parsed: ParsedQuestion, k: int = 10, direction: str | None = None) -> list[dict]:
    """Reason sentences for "公务接待费 减少 [unit] [year]", best first, the same wording once.

    ``direction`` given (增加 or 减少): only explanations of a change in that direction. Otherwise a direction
    word of the query leaves out the other direction (a sentence without one is kept)."""
    query = parsed.text
    units = parsed.filters.units
    years = parsed.years or ([parsed.filters.year] if parsed.filters.year else [])
    keys = parsed.metrics
    strict = direction is not None
    if direction is None:
        direction = "减少" if re.search(r"减少|下降|少|降", query) else "增加" if re.search(r"增加|增长|多|涨|上升", query) else None
    words = [w for w in re.findall(r"[\u4e00-\u9fff]{2,}", query) if w not in ("减少", "增加", "下降", "增长")]
    scored = []
    for _doc, data in store.reasons_where(units or None, years[0] if len(years) == 1 else None):
        r = Reason.model_validate_json(data)
        text = (r.label or "") + r.sentence
        hit_key = bool(r.key and r.key in keys) or any(label(key)[:4] in text for key in keys)
        hit_word = any(w in text for w in words)
        if (keys and not hit_key) or (not keys and not hit_word):
            continue
        if direction and r.direction != direction and (r.direction or strict):
            continue
        scored.append((2 * hit_key + hit_word + (r.direction == direction), r))
    scored.sort(key=lambda x: -x[0])
    out, seen = [], set()
    for _, r in scored:
        norm = re.sub(r"\W", "", r.reason)
        if norm in seen:
            continue
        seen.add(norm)
        out.append(shown(r))
        if len(out) >= k:
            break
    return out


def shown(r: Reason) -> dict:
    """One found reason as the CLI, the API and the 原因说明 page give it: ``text`` the sentence as printed (joined
    across the PDF's line breaks), ``reason`` its part after 主要原因是…, the figure explained, where it is, and
    ``context`` — the sentences before and after it in the running text (null from a store written before they
    were kept: :meth:`app.service.DisclosureService.reason_context` reads them again)."""
    text = printed_text(r)
    marker = REASON_MARKER.search(text)
    context = {"before": r.before, "sentence": text, "after": r.after} if r.printed is not None else None
    citation = r.citation.model_dump(mode="json")
    return {"text": text, "reason": text[marker.end():].strip() if marker else r.reason, "metric": r.key,
            "label": r.label, "direction": r.direction, "change": r.change, "percent": r.percent,
            "unit": r.citation.unit, "year": r.citation.year, "doc_type": citation["doc_type"],
            "context": context, "citation": citation}
