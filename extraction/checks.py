"""Deterministic cross-checks: a registry of small named rules over one document's figures, prose and tables.

The rules live in :mod:`extraction.rules_figures` (totals and parts of the extracted figures, one
figure printed twice), :mod:`extraction.rules_tables` (every row of the standard tables: row sums,
the 科目编码 hierarchy, the summary and economic tables, the "三公" table, the same row in two
tables, completeness and empty tables), :mod:`extraction.rules_prose` (stated changes, rates,
shares, reasons, items against the table), :mod:`extraction.rules_projects` (performance tables),
:mod:`extraction.rules_assets` (vehicles, reception, procurement awards) and
:mod:`extraction.rules_document` (unit name, years, template residue). Each returns
``CheckResult``s with status pass / fail / warn / skip, a Chinese message with units and every
place involved. Here the results get their severity (fail → 错误, warn → 提示), a stable finding id
(rule + the places cited), and their order (fails first).
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

from core.schemas import CheckResult, DocMeta, DocType, Figure, Severity
from extraction import (  # noqa: F401  (importing a rule module registers its rules)
    rules_assets,
    rules_document,
    rules_figures,
    rules_projects,
    rules_prose,
    rules_tables,
)
from extraction.extractor import extract
from extraction.rulebook import DEFAULT_TOLERANCE, RULES, Context, ProseLine, Rule, half_unit
from extraction.tablefacts import DocFacts, read_facts
from index.layout import Layout, cite

__all__ = ["DEFAULT_TOLERANCE", "RULES", "Context", "ProseLine", "check_layout", "finding_id", "half_unit",
           "order", "prose_lines", "run_checks"]

_ORDER = {"fail": 0, "warn": 1, "skip": 2, "pass": 3}
_MODULES = [m.__name__ for m in (rules_figures, rules_tables, rules_prose, rules_projects, rules_assets, rules_document)]


def _registry_order(rules: dict[str, tuple[str, Rule]]) -> list[tuple[str, tuple[str, Rule]]]:
    """Rules grouped as the modules are listed above (figures, tables, prose, projects, assets, document)."""
    rank = {m: k for k, m in enumerate(_MODULES)}
    return sorted(rules.items(), key=lambda kv: rank.get(kv[1][1].__module__, len(rank)))


def prose_lines(layout: Layout, meta: DocMeta) -> list[ProseLine]:
    """The running text of a document as prose lines, each able to cite a span inside it."""
    def citer(start: int):
        return lambda s, e: cite(layout.doc, meta, start + s, start + e)

    return [ProseLine(line.start, line.text, citer(line.start), line.section) for line in layout.narrative]


def finding_id(r: CheckResult, ordinal: int = 0) -> str:
    """A stable id for a finding: its rule and the places it cites (the same document gives the same id)."""
    places = ";".join(f"{c.doc_id}:{c.page}:{c.char_start}-{c.char_end}" for c in r.citations)
    digest = hashlib.sha1(f"{r.rule}|{places}|{ordinal}".encode()).hexdigest()
    return digest[:12]


def order(results: list[CheckResult]) -> list[CheckResult]:
    """Fails first, then notes, skips and passes; the rules' order within each, findings a reviewer marked as
    not a problem after the others of their status."""
    return sorted(results, key=lambda r: (_ORDER.get(str(r.status), 9), r.dismissed is not None))


def _finish(results: list[CheckResult]) -> list[CheckResult]:
    seen: dict[str, int] = {}
    out = []
    for r in results:
        base = finding_id(r)
        n = seen.get(base, 0)
        seen[base] = n + 1
        severity = Severity.error if r.status == "fail" else (Severity.notice if r.status == "warn" else None)
        out.append(r.model_copy(update={"finding_id": finding_id(r, n) if n else base, "severity": severity}))
    return order(out)


def run_checks(figures: list[Figure], doc_type: DocType, narrative: list[ProseLine] | None = None,
               tolerance: Decimal = DEFAULT_TOLERANCE, rules: dict[str, tuple[str, Rule]] | None = None,
               facts: DocFacts | None = None, meta: DocMeta | None = None) -> list[CheckResult]:
    ctx = Context(figures=figures, doc_type=doc_type, tolerance=tolerance, narrative=narrative or [],
                  facts=facts or DocFacts(doc_type=doc_type), meta=meta)
    out: list[CheckResult] = []
    for name, (desc, fn) in _registry_order(rules or RULES):
        try:
            out.extend(fn(ctx))
        except (ArithmeticError, ValueError, IndexError, KeyError) as e:  # one rule's data problem must not stop the others
            out.append(CheckResult(rule=name, description=desc, status="skip", message=f"无法核对：{type(e).__name__}: {e}"))
    return _finish(out)


def check_layout(layout: Layout, meta: DocMeta, tolerance: Decimal = DEFAULT_TOLERANCE,
                 figures: list[Figure] | None = None) -> list[CheckResult]:
    """Every rule on one document read once: its figures, prose lines and table facts."""
    if figures is None:
        figures = extract(layout, meta).figures
    return run_checks(figures, meta.doc_type, prose_lines(layout, meta), tolerance, facts=read_facts(layout, meta),
                      meta=meta)
