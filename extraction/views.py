"""Per-type views of a document: the 决算/预算 summary, and projects with their indicators.

The summary keeps one figure per key (a table figure first, as the checks do; every statement
stays in ``figures``). Indicators are read from the 一级/二级/三级指标 blocks of the performance
tables, with merged level cells carried down from the row above.
"""

from __future__ import annotations

import re

from core.schemas import Disclosure, DocMeta, Figure, Indicator, LineItem, ProjectView, Reason
from extraction.extractor import extract, printed_key
from index.layout import Layout, Table, cite
from index.normalise import NormDoc, to_halfwidth

# the target and actual columns, as each region's template words them (指标值, 年初指标值, 预期指标值, 目标值…;
# 实际完成值, 实际完成指标值, 业绩值…); a note after the word in brackets is allowed
_TARGET = re.compile(r"(?:年初|预期|年度|全年)?(?:指标值|目标值)(?:[(（].*)?")
_ACTUAL = re.compile(r"(?:实际完成(?:指标)?值|实际完成情况|实际值|业绩值|完成值)(?:[(（].*)?")
_SCORE = ("指标得分", "得分")
_REASON_PREFIX = "偏差原因"
# the words of the 一级 and 二级 indicator columns (产出指标, 数量指标, 服务对象满意度指标…), and the 一级 ones
LEVEL_WORDS = (r"(?:产出|效益|满意度|成本|数量|质量|时效|经济效益|社会效益|生态效益|可持续影响|服务对象满意度|"
               r"经济成本|社会成本|生态环境成本|生态成本)指标")
_LEVEL_WORD = re.compile(rf"^{LEVEL_WORDS}$")
_LEVEL1 = re.compile(r"^(?:产出|效益|满意度|成本)指标$")
# a 偏差原因 cell that explains nothing
_NO_REASON = {"无", "/", "-", "—", "无偏差", "无偏差。", "不适用", "已完成", "完成", "达到预期", "达到预期目标"}


def indicators(doc: NormDoc, meta: DocMeta, table: Table) -> list[Indicator]:
    out: list[Indicator] = []
    header = next((r for r in table.rows if "三级指标" in [c.replace(" ", "") for c in r.cells]), None)
    if header is None:
        return out
    names = [c.replace(" ", "") for c in header.cells]
    col = {n: i for i, n in enumerate(names)}

    def cell(row, offset: int, *labels: str) -> str | None:
        for label in labels:
            i = col.get(label)
            if i is not None and 0 <= i + offset < len(row.cells) and row.cells[i + offset]:
                return row.cells[i + offset]
        return None

    targets = [n for n in names if _TARGET.fullmatch(n)]
    actuals = [n for n in names if _ACTUAL.fullmatch(n)]
    reason_col = next((i for i, n in enumerate(names) if n.startswith(_REASON_PREFIX)), None)
    level1 = level2 = None
    for row in table.rows[table.rows.index(header) + 1:]:
        first = row.first.replace(" ", "")
        if first in ("总分", "合计") or "指标" in first and first == row.first and len(row.cells) == 1:
            break
        # each row is read from its 三级指标 cell: the first cell that is not a level word (产出指标, 数量指标…) nor a
        # spanning label before them (年度绩效指标完成情况); merged cells and a header's spanning label (绩效指标)
        # shift rows against the header, differently per row
        words = [bool(_LEVEL_WORD.match(c.replace(" ", ""))) for c in row.cells]
        at = next((i for i, c in enumerate(row.cells) if c and not words[i] and not any(words[i + 1:i + 3])), None)
        if at is None or "三级指标" not in col:
            continue
        offset = at - col["三级指标"]
        levels = [c.replace(" ", "") for c, word in zip(row.cells[:at], words, strict=False) if word]
        for n, word in enumerate(levels):
            if n == 0 and _LEVEL1.match(word):
                level1, level2 = word, None
            else:
                level2 = word
        # the 偏差原因 column is often printed two cells wide: the first cell with text from its place on
        reason = next((c for c in row.cells[max(0, reason_col + offset):] if re.search(r"[\u4e00-\u9fff]", c)),
                      None) if reason_col is not None else None
        # the target in force: 调整后指标值 when printed (a 年初 cell may hold only the unit, "=次")
        target = cell(row, offset, "调整后指标值") or cell(row, offset, *targets)
        initial = cell(row, offset, *[t for t in targets if t != "调整后指标值"])
        out.append(Indicator(level1=level1, level2=level2, level3=row.cells[at], target=target,
                             initial_target=initial if initial and initial != target and re.search(r"\d", initial)
                             else None,
                             actual=cell(row, offset, *actuals), score=cell(row, offset, *_SCORE),
                             deviation_reason=reason or None, citation=cite(doc, meta, row.start, row.end)))
    return out


def _summary(figures: list[Figure]) -> dict[str, Figure]:
    out: dict[str, Figure] = {}
    for f in figures:
        if ":" in f.key:
            continue
        if f.key not in out or (f.source_kind == "table" and out[f.key].source_kind != "table"):
            out[f.key] = f
    return out


def _projects(layout: Layout, meta: DocMeta, figures: list[Figure]) -> list[ProjectView]:
    doc = layout.doc
    by_name: dict[str, ProjectView] = {}
    for f in figures:
        if f.key.startswith("project:"):
            _, name, field = f.key.split(":")
            view = by_name.setdefault(name, ProjectView(name=name))
            if getattr(view, field) is None:
                setattr(view, field, f)
    for t in layout.tables:
        if "绩效" not in t.title:
            continue
        found = indicators(doc, meta, t)
        if not found:
            continue
        name_row = next((r for r in t.rows if any(c.replace(" ", "") in ("项目名称", "任务名称") for c in r.cells)), None)
        if name_row is None:
            continue
        cells = [c for c in name_row.cells if c]
        i = next(i for i, c in enumerate(cells) if c.replace(" ", "") in ("项目名称", "任务名称"))
        if i + 1 >= len(cells) or cells[i + 1].replace(" ", "") in ("主要内容", "预算金额"):
            continue  # a task table's header, not a project name
        quote = cite(doc, meta, name_row.start, name_row.end).quote
        name = printed_key(f"project:{cells[i + 1].replace(' ', '')}:budget", quote).split(":")[1]
        by_name.setdefault(name, ProjectView(name=name)).indicators.extend(found)
    return list(by_name.values())


def disclosure(layout: Layout, meta: DocMeta) -> Disclosure:
    """The document as a whole: figures, section headings, the summary view and the project views."""
    ex = extract(layout, meta)
    return Disclosure(doc_id=ex.doc_id, source=ex.source, unit_name=ex.unit_name, fiscal_year=ex.fiscal_year,
                      doc_type=ex.doc_type, parts=meta.parts, sections=layout.headings, figures=ex.figures,
                      summary=_summary(ex.figures), projects=_projects(layout, meta, ex.figures))


def deviation_reasons(layout: Layout, meta: DocMeta, figures: list[Figure]) -> list[Reason]:
    """The 偏差原因分析 cells of the performance self-evaluation tables, as reasons of their project: the why of a
    project that spent less or scored less than planned ("项目正在开展中期评估，年末该项目未考核，下半年成本未支付。")."""
    held = [(f"project:{p.name}:score", f"{p.name} ", p.indicators) for p in _projects(layout, meta, figures)]
    # (a 部门整体支出绩效自评表 has no project: its indicators' reasons are the whole unit's)
    held += [(None, "", indicators(layout.doc, meta, t)) for t in layout.tables
             if re.search(r"整体支出绩效(?:自评|评价)", re.sub(r"\s+", "", t.title))
             and not any(re.sub(r"\s+", "", c) in ("项目名称", "任务名称") for r in t.rows for c in r.cells)]
    out: list[Reason] = []
    for key, owner, found in held:
        for i in found:
            text = (i.deviation_reason or "").strip()
            if len(text) < 4 or text in _NO_REASON:
                continue
            said = "，".join(f"{w}{v}" for w, v in (("目标", i.target), ("实际", i.actual), ("得分", i.score)) if v)
            text = _as_printed(text, i.citation.quote)
            out.append(Reason(reason=text, sentence=f"{i.level3}：{said}。偏差原因：{text}",
                              key=key, label=f"{owner}{i.level3}（{said}）", citation=i.citation, printed=text))
    return out


def row_reasons(items: list[LineItem], read: list[Reason]) -> list[Reason]:
    """The 偏差原因 of indicator rows read cell by cell (:mod:`extraction.gridcells`) that no table reader gave as a
    reason already (``read``): the why of an indicator that fell short, under its table's name."""
    seen = {(r.citation.doc_id, r.citation.char_start) for r in read}
    out: list[Reason] = []
    for i in items:
        text = (i.reason or "").strip()
        if i.kind != "indicator" or len(text) < 4 or text in _NO_REASON or (i.citation.doc_id, i.citation.char_start) in seen:
            continue
        said = "，".join(f"{a.column}{a.value}" for a in i.amounts if a.value)
        out.append(Reason(reason=text, sentence=f"{i.name}：{said}。偏差原因：{text}", key=None,
                          label=f"{i.table or ''} {i.name}（{said}）".strip(), citation=i.citation, printed=text))
    return out


def _as_printed(text: str, quote: str) -> str:
    """``text`` (normalised: half-width forms) as the original quote prints it, when it can be found there."""
    plain = "".join(to_halfwidth(ch) for ch in quote)
    at = plain.find(text)
    return quote[at:at + len(text)] if at >= 0 and len(plain) == len(quote) else text
