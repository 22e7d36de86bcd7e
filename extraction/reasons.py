"""Explanation passages (原因说明): the reason sentences of a document and the figure each explains.

A reason is the text after 主要原因是 / 原因是 / 主要是 / 主要由于 … up to the end of its sentence; the
figure it explains is the label and change stated before it in the same sentence ("公务接待费支出
0.33万元，…比上年减少3.10万元，下降90.38%，主要原因是：…"). Subjects outside the vocabulary
(a 项 of the functional classification, a project) keep their printed label and no key.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

from extraction.prose import _LABEL_KEY, _LABEL_RE, NUM
from extraction.schemas import Citation

_MARKER = re.compile(r"(?:主要原因是|主要原因为|主要原因|原因是|原因为|原因分析|主要是由于|主要是|主要由于)[:：,，]?")
_DIRECTION = re.compile(rf"(增加|增长|上升|减少|下降|降低|持平|无变化|一致)\s*(?P<num>{NUM})?\s*(?P<unit>万元|%)?")
_SENTENCE = re.compile(r"[^。]+。?")
_ITEM = re.compile(r"([\u4e00-\u9fff()（）]+?\((?:类|款|项)\))+")


class Reason(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str = Field(description="the explanation itself, after 主要原因是…")
    sentence: str = Field(description="the whole sentence: the figure, its change and the reason")
    key: str | None = Field(default=None, description="vocabulary key of the figure explained, when it has one")
    label: str | None = Field(default=None, description="what is explained, as printed")
    direction: str | None = Field(default=None, description="增加 | 减少 | 持平 (normalised)")
    change: str | None = Field(default=None, description="the stated change, e.g. '3.10万元'")
    citation: Citation


def _direction(word: str) -> str:
    if word in ("增加", "增长", "上升"):
        return "增加"
    if word in ("减少", "下降", "降低"):
        return "减少"
    return "持平"


def find_reasons(lines: list[tuple[int, str, str]], cite) -> list[Reason]:
    """Reasons in narrative lines given as (normalised start, text, section); ``cite(start, end)`` builds citations."""
    out: list[Reason] = []
    for start, text, section in lines:
        previous_item = None
        previous = ""
        for sm in _SENTENCE.finditer(text):
            sentence = sm.group(0)
            marker = _MARKER.search(sentence)
            item_here = _ITEM.search(sentence)
            if marker is None:
                previous_item = item_here.group(0) if item_here else previous_item
                previous = sentence
                continue
            reason = sentence[marker.end():].strip(" :：,，")
            if len(reason) < 4:
                continue
            head = sentence[: marker.start()]
            if not _DIRECTION.search(head) and not _LABEL_RE.search(head):
                head = previous + head  # "…总计增加1062.85万元，增长12.08%。主要原因：…"
            direction = change = None
            moves = list(_DIRECTION.finditer(head))
            if moves:
                best = next((d for d in moves if d.group("unit") == "万元"), moves[-1])
                direction = _direction(best.group(1))
                if best.group("num"):
                    change = best.group("num") + (best.group("unit") or "")
            labels = list(_LABEL_RE.finditer(head))
            key = label = None
            if labels:
                label = labels[0].group(0)
                base = _LABEL_KEY[label]
                key = {"three_public": "three_public_actual", "-": None}.get(base, base)
            item = _ITEM.search(head)
            if item and (not labels or item.start() < labels[0].start()):
                label, key = item.group(0), None
            if label is None and previous_item:
                label = previous_item  # "9、城乡社区支出(类)…(项)。主要用于…。…主要原因：…"
            if label is None:
                label = section.split(" > ")[-1] if section else None
            out.append(Reason(reason=reason, sentence=sentence, key=key, label=label, direction=direction, change=change,
                              citation=cite(start + sm.start(), start + sm.end())))
    return out
