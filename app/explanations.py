"""The explanation finder for staff: past reason sentences by metric, direction, unit and year."""

from __future__ import annotations

import re

from app.qa import LABELS, metric_keys, years_in
from extraction.reasons import Reason
from index.query import match_units
from index.store import Store


def find(store: Store, query: str, k: int = 10) -> list[dict]:
    """Reason sentences for "公务接待费 减少 [unit] [year]", best first, the same wording once."""
    units_all = [u for u in {d.unit for d in store.docs()} if u]
    units, _ = match_units(query, units_all)
    years = years_in(query)
    keys = metric_keys(query)
    direction = "减少" if re.search(r"减少|下降|少|降", query) else "增加" if re.search(r"增加|增长|多|涨|上升", query) else None
    words = [w for w in re.findall(r"[\u4e00-\u9fff]{2,}", query) if w not in ("减少", "增加", "下降", "增长")]
    scored = []
    for _doc, data in store.reasons_where(units or None, years[0] if len(years) == 1 else None):
        r = Reason.model_validate_json(data)
        text = (r.label or "") + r.sentence
        hit_key = bool(r.key and r.key in keys) or any(LABELS.get(key, "~")[:4] in text for key in keys)
        hit_word = any(w in text for w in words)
        if (keys and not hit_key) or (not keys and not hit_word):
            continue
        if direction and r.direction and r.direction != direction:
            continue
        scored.append((2 * hit_key + hit_word + (r.direction == direction), r))
    scored.sort(key=lambda x: -x[0])
    out, seen = [], set()
    for _, r in scored:
        norm = re.sub(r"\W", "", r.reason)
        if norm in seen:
            continue
        seen.add(norm)
        quote = r.citation.quote
        marker = re.search(r"(?:主要原因是|主要原因为|主要原因|原因是|原因为|主要是由于|主要是|主要由于)[:：,，]?", quote)
        out.append({"text": quote, "reason": quote[marker.end():].strip() if marker else r.reason, "metric": r.key, "label": r.label,
                    "direction": r.direction, "change": r.change, "unit": r.citation.unit, "year": r.citation.year,
                    "citation": r.citation.model_dump(mode="json")})
        if len(out) >= k:
            break
    return out
