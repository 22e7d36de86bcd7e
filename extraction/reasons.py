"""Explanation passages (原因说明): the reason sentences of a document and the figure each explains.

A reason is the text after 主要原因是 / 原因是 / 主要是 / 主要由于 … up to the end of its sentence; the
figure it explains is the label and change stated before it in the same sentence ("公务接待费支出
0.33万元，…比上年减少3.10万元，下降90.38%，主要原因是：…"). Subjects outside the vocabulary
(a 项 of the functional classification, a project) keep their printed label and no key.
"""

from __future__ import annotations

import re

from core.schemas import DocMeta, Reason
from core.vocabulary import NUMBER, REASON_MARKER
from extraction.prose import LABEL_KEY, LABEL_RE
from index.layout import Layout, cite

_DIRECTION = re.compile(rf"(增加|增长|上升|减少|下降|降低|持平|无变化|一致)\s*(?P<num>{NUMBER})?\s*(?P<unit>万元|%)?")
_SENTENCE = re.compile(r"[^。]+。?")
_ITEM = re.compile(r"([\u4e00-\u9fff()（）]+?\((?:类|款|项)\))+")


def _direction(word: str) -> str:
    if word in ("增加", "增长", "上升"):
        return "增加"
    if word in ("减少", "下降", "降低"):
        return "减少"
    return "持平"


def find_reasons(layout: Layout, meta: DocMeta) -> list[Reason]:
    """The reason sentences of a document's running text, each with the figure it explains and its citation."""
    out: list[Reason] = []
    for start, text, section in layout.narrative:
        previous_item = None
        previous = ""
        for sm in _SENTENCE.finditer(text):
            sentence = sm.group(0)
            marker = REASON_MARKER.search(sentence)
            item_here = _ITEM.search(sentence)
            if marker is None:
                previous_item = item_here.group(0) if item_here else previous_item
                previous = sentence
                continue
            reason = sentence[marker.end():].strip(" :：,，")
            if len(reason) < 4:
                continue
            head = sentence[: marker.start()]
            if not _DIRECTION.search(head) and not LABEL_RE.search(head):
                head = previous + head  # "…总计增加1062.85万元，增长12.08%。主要原因：…"
            direction = change = percent = None
            moves = list(_DIRECTION.finditer(head))
            if moves:
                best = next((d for d in moves if d.group("unit") == "万元"), moves[-1])
                direction = _direction(best.group(1))
                if best.group("num"):
                    change = best.group("num") + (best.group("unit") or "")
                rate = next((d for d in moves if d.group("unit") == "%" and d.group("num")), None)
                percent = f"{rate.group('num')}%" if rate else None
            labels = list(LABEL_RE.finditer(head))
            key = label = None
            if labels:
                label = labels[0].group(0)
                base = LABEL_KEY[label]
                key = {"three_public": "three_public_actual", "-": None}.get(base, base)
            item = _ITEM.search(head)
            if item and (not labels or item.start() < labels[0].start()):
                label, key = item.group(0), None
            if label is None and previous_item:
                label = previous_item  # "9、城乡社区支出(类)…(项)。主要用于…。…主要原因：…"
            if label is None:
                label = section.split(" > ")[-1] if section else None
            out.append(Reason(reason=reason, sentence=sentence, key=key, label=label, direction=direction, change=change,
                              percent=percent, citation=cite(layout.doc, meta, start + sm.start(), start + sm.end())))
    return out
