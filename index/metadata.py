"""Document metadata read from the text: unit name, fiscal year, document type and parts.

Nothing here knows the sample archive: the unit is found by the patterns these disclosures
share (a cover "XX局2024年度部门决算", "部门名称：XX", "预算主管部门：XX", "单位名称 XX"),
and confirmed by how often it recurs in the document.
"""

from __future__ import annotations

import re
from collections import Counter

from core.schemas import DocMeta, DocPart, DocType, Span
from index.layout import Layout
from index.normalise import NormDoc

_ORG_SUFFIX = (
    r"(?:局|委员会|委|办公室|办|中心|院|厅|部|所|站|队|馆|校|学院|协会|联合会|政府|街道办事处|管理处|监狱|法院|检察院|医院|公司|总队|支队|大队|处)"
)
_UNIT = rf"[\u4e00-\u9fff()（）]{{2,40}}?{_ORG_SUFFIX}"
_LABELLED = re.compile(
    rf"(?:部门名称|单位名称|预算主管部门|编制部门|编制单位|部门\(单位\)名称|部门（单位）名称)[:：\s\t]*\**\s*({_UNIT})"
)
_TITLE = re.compile(
    rf"({_UNIT})\s*(20\d\d)\s*年度?\s*(?:区级|市级|县级|州级|部门|单位|部门\(单位\))?\s*"
    r"(?:部门|单位)?\s*(决算|预算|收支预算|整体支出绩效|项目支出绩效)"
)
_PROFILE = re.compile(rf"第一部分\s*({_UNIT})\s*(?:单位|部门)?\s*概况")
_YEAR = re.compile(r"(20\d\d)\s*年度?")
_NOISE_PREFIX = re.compile(r"^(?:关于|第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|\d+、)")

# titles that start a part of a different kind inside one file
_PART_TITLES = [
    (DocType.performance_self_eval, re.compile(r"^\**\s*(?:部门|单位|项目)?(?:\(单位\))?(?:整体)?(?:项目)?支出绩效自评(?:价)?表|自评表\s*$")),
    (DocType.performance_target, re.compile(r"^\**\s*(?:部门|单位)?(?:\(单位\))?(?:整体|项目)?支出绩效目标(?:申报)?表")),
]


def detect(layout: Layout) -> DocMeta:
    """Unit, fiscal year, type and parts of a document, from its text."""
    doc = layout.doc
    text = doc.text
    head = _head(text)
    unit = _unit(text, head)
    year = _year(text, head, unit)
    doc_type = _doc_type(head, text)
    parts = _parts(doc, doc_type)
    return DocMeta(unit=unit, year=year, doc_type=doc_type, parts=parts)


def _head(text: str, lines: int = 80) -> str:
    """The first lines glued together: cover titles are often broken over several short lines."""
    kept = [ln.strip().strip("*") for ln in text.split("\n")[:lines] if ln.strip() and ln.strip() != "\f"]
    return "".join(kept).replace(" ", "")


def _clean_unit(name: str) -> str:
    name = _NOISE_PREFIX.sub("", name.strip())
    return name.strip("()（）")


def _unit(text: str, head: str) -> str | None:
    candidates: Counter[str] = Counter()
    for m in _LABELLED.finditer(text.replace(" ", "")):
        candidates[_clean_unit(m.group(1))] += 3
    for name in candidates:
        candidates[name] = min(candidates[name], 9)
    for m in _TITLE.finditer(head):
        candidates[_clean_unit(m.group(1))] += 10
    for m in _PROFILE.finditer(head):
        candidates[_clean_unit(m.group(1))] += 2
    if not candidates:
        for m in _TITLE.finditer(text[:20000].replace(" ", "")):
            candidates[_clean_unit(m.group(1))] += 1
    if not candidates:
        return None
    flat = text.replace(" ", "").replace("\n", "")

    def score(name: str) -> tuple[int, int]:
        return candidates[name] + min(flat.count(name), 20), len(name)

    best = max(candidates, key=score)
    # a longer candidate that contains the best one and recurs is the fuller name
    for name in candidates:
        if name != best and best in name and flat.count(name) >= 2:
            best = name
    return best


def _year(text: str, head: str, unit: str | None) -> int | None:
    m = _TITLE.search(head)
    if m:
        return int(m.group(2))
    years = Counter(int(y) for y in _YEAR.findall(head))
    if not years:
        years = Counter(int(y) for y in _YEAR.findall(text[:30000]))
    if not years:
        return None
    return years.most_common(1)[0][0]


def _doc_type(head: str, text: str) -> DocType:
    first = head[:600]
    scores = {
        DocType.final_accounts: first.count("决算") * 3 + text.count("决算"),
        DocType.budget: first.count("预算") * 3 + text.count("预算") - text.count("决算") - text.count("年初预算"),
    }
    if "绩效目标表" in first and "决算" not in first[:200] and "预算公开" not in first[:200]:
        return DocType.performance_target
    if "绩效自评" in first[:200]:
        return DocType.performance_self_eval
    if "决算" in first[:200]:
        return DocType.final_accounts
    if "预算" in first[:200]:
        return DocType.budget
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] > 0 else DocType.unknown


def _parts(doc: NormDoc, doc_type: DocType) -> list[DocPart]:
    """Label the parts of the file: the main document, then appended 自评表/目标表 sections."""
    parts = [DocPart(doc_type=doc_type, title="main", span=Span(start=0, end=len(doc.text)), page=doc.page_at(0))]
    for line in doc.lines:
        t = line.text.strip().replace(" ", "")
        if not t or len(t) > 40 or line.page_break:
            continue
        for kind, pattern in _PART_TITLES:
            if pattern.search(t.strip("*")) and not re.search(r"\d+$", t):
                if kind != parts[-1].doc_type:
                    parts[-1] = parts[-1].model_copy(update={"span": Span(start=parts[-1].span.start, end=line.start)})
                    raw_line = None
                    if doc.raw.kind != "pdf" and line.seg >= 0:
                        seg, rs, re_ = doc.to_raw(line.start, max(line.end, line.start + 1))
                        raw_line = doc.raw_lines(seg, rs, re_)[0]
                    parts.append(DocPart(doc_type=kind, title=t.strip("*"), span=Span(start=line.start, end=len(doc.text)),
                                         page=doc.page_at(line.start), line_start=raw_line))
                break
    return [p for p in parts if p.span.end > p.span.start]
