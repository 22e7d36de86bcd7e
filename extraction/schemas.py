"""Every type that crosses a layer: loaders, chunker, store, retrieval, CLI, UI, evals.

The module imports nothing from the project so that every package can depend on it.
Offsets:
- *normalised* offsets are positions in a document's normalised text (what we chunk and search);
- *raw* offsets (``char_start``/``char_end`` of a :class:`Citation`) are positions in the original
  decoded text: the whole decoded file for a text file (universal newlines, as Python's
  ``Path.read_text`` gives it), or one page's extracted text for a PDF.
The invariant ``original[char_start:char_end] == quote`` holds for every citation.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator


class DocType(StrEnum):
    """Kinds of disclosure (and of the parts of one file)."""

    final_accounts = "final_accounts"  # 部门决算公开
    budget = "budget"  # 部门预算公开
    performance_target = "performance_target"  # 绩效目标表
    performance_self_eval = "performance_self_eval"  # 绩效自评表
    unknown = "unknown"


class ChunkKind(StrEnum):
    table = "table"
    narrative = "narrative"
    heading = "heading"


class Span(BaseModel):
    """Half-open interval ``[start, end)`` in characters."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    start: int = Field(ge=0, description="first character, 0-based")
    end: int = Field(ge=0, description="one past the last character")

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} before start {self.start}")
        return self


class Citation(BaseModel):
    """Where a passage or figure was read, in the original file."""

    model_config = ConfigDict(extra="forbid")
    doc_id: str = Field(description="stable hash of the file's content")
    source: str = Field(description="file name as ingested")
    unit: str | None = Field(default=None, description="reporting unit (单位名称)")
    year: int | None = Field(default=None, description="fiscal year the document covers")
    doc_type: DocType = DocType.unknown
    page: int | None = Field(default=None, description="1-based page (PDF page, or [bookmark: pageN] in text)")
    line_start: int | None = Field(default=None, description="1-based first line in the decoded text file")
    line_end: int | None = Field(default=None, description="1-based last line in the decoded text file")
    char_start: int = Field(ge=0, description="offset of the quote in the original text (file or PDF page)")
    char_end: int = Field(ge=0, description="end offset (exclusive) of the quote")
    quote: str = Field(description="the original text at char_start:char_end, verbatim")


class Chunk(BaseModel):
    """A retrievable passage: a table slice, a paragraph or a heading, with its provenance."""

    model_config = ConfigDict(extra="forbid")
    chunk_id: str
    doc_id: str
    kind: ChunkKind
    text: str = Field(description="text that is embedded and indexed: context line(s) + normalised body")
    body: str = Field(description="normalised text of the passage itself (norm_text[span])")
    span: Span = Field(description="span of the body in the document's normalised text")
    section_path: list[str] = Field(default_factory=list, description="headings above the passage, outermost first")
    table_title: str | None = None
    table_id: int | None = Field(default=None, description="ordinal of the table in the document (its chunks share it)")
    part_type: DocType = Field(default=DocType.unknown, description="type of the part of the file holding it")
    citation: Citation

    @property
    def content_hash(self) -> str:
        import hashlib

        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:32]


class DocPart(BaseModel):
    """A labelled part of one file (e.g. a 决算 followed by appended 自评表)."""

    model_config = ConfigDict(extra="forbid")
    doc_type: DocType
    title: str
    span: Span
    page: int | None = None
    line_start: int | None = None


class DocRecord(BaseModel):
    """What the store knows about one ingested file."""

    model_config = ConfigDict(extra="forbid")
    doc_id: str
    source: str = Field(description="file name")
    path: str = Field(description="absolute path at ingestion time")
    unit: str | None = None
    year: int | None = None
    doc_type: DocType = DocType.unknown
    parts: list[DocPart] = Field(default_factory=list)
    pages: int = Field(default=1, description="pages (PDF) or page markers (text); 1 when none")
    encoding: str | None = None
    chunks: int = 0
    ingested_at: str | None = None


class SearchHit(BaseModel):
    """One search result as the CLI and the UI return it."""

    model_config = ConfigDict(extra="forbid")
    text: str
    score: float
    kind: ChunkKind
    section_path: list[str] = Field(default_factory=list)
    table_title: str | None = None
    chunk_id: str
    citation: Citation
    ranks: dict[str, int | None] = Field(default_factory=dict, description="rank in each retriever (1-based)")


class QueryFilters(BaseModel):
    """Metadata filters parsed from a question or given as options."""

    model_config = ConfigDict(extra="forbid")
    unit: str | None = None
    year: int | None = None
    doc_type: DocType | None = None


class ParsedQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(description="the question as asked")
    residual: str = Field(description="the question without the unit/year phrases")
    expanded_terms: list[str] = Field(default_factory=list, description="synonyms added for lexical search")
    filters: QueryFilters = Field(default_factory=QueryFilters)


class IngestOutcome(BaseModel):
    """Per-file result of ``ingest``."""

    model_config = ConfigDict(extra="forbid")
    source: str
    status: str = Field(description="ingested | unchanged | replaced | error")
    doc_id: str | None = None
    chunks: int = 0
    embedded: int = Field(default=0, description="chunks whose vectors had to be computed (the rest came from the cache)")
    pages: int = 0
    message: str | None = None
    seconds: float = 0.0


# -- extraction ----------------------------------------------------------------------------

FIGURE_UNITS = ("万元", "元", "人", "辆", "个", "批次", "人次", "%", "分", "亿元", "千元", "平方米", "台(套)")


class Figure(BaseModel):
    """One extracted figure, as printed, with where it was read (keys: ../shared/fields.md)."""

    model_config = ConfigDict(extra="forbid")
    key: str = Field(description="vocabulary key, e.g. three_public_actual or project:<项目名称>:budget")
    value: str = Field(description="the number as printed, thousands separators removed, e.g. '3681.17'")
    unit: str = Field(description="unit as printed: 万元, 元, 人, 辆, 个, 批次, 人次, %, 分")
    citation: Citation
    method: str = Field(default="rule", description="rule (deterministic) or llm")
    source_kind: str = Field(default="prose", description="table or prose")
    label: str | None = Field(default=None, description="row label or phrase the value belongs to, as printed")
    table: str | None = Field(default=None, description="title of the table it was read from")
    column: str | None = Field(default=None, description="column header it was read under (决算数, 预算数…)")

    def amount(self):
        """The value as a Decimal (in its own unit)."""
        from decimal import Decimal

        return Decimal(self.value)

    def in_wanyuan(self):
        """The value in 万元 when it is money, else None."""
        from decimal import Decimal

        factor = {"万元": Decimal(1), "元": Decimal("0.0001"), "亿元": Decimal(10000), "千元": Decimal("0.1")}
        return self.amount() * factor[self.unit] if self.unit in factor else None


class Extraction(BaseModel):
    """What ``disclosure extract`` returns for one document."""

    model_config = ConfigDict(extra="forbid")
    doc_id: str
    source: str
    unit_name: str | None
    fiscal_year: int | None
    doc_type: DocType
    figures: list[Figure] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class CheckResult(BaseModel):
    """One cross-check: pass / fail / warn / skip, with the arithmetic and where the figures are."""

    model_config = ConfigDict(extra="forbid")
    rule: str
    description: str
    status: str = Field(description="pass | fail | warn | skip")
    message: str
    expected: str | None = None
    actual: str | None = None
    tolerance: str | None = None
    figures: list[Figure] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)


# -- per-type views ------------------------------------------------------------------------

class Indicator(BaseModel):
    """One row of a 绩效目标表 / 绩效自评表 indicator block (一级/二级/三级指标)."""

    model_config = ConfigDict(extra="forbid")
    level1: str | None = Field(default=None, description="一级指标 (产出指标, 效益指标, 满意度指标…)")
    level2: str | None = Field(default=None, description="二级指标 (数量指标, 质量指标, 时效指标, 成本指标…)")
    level3: str = Field(description="三级指标, the indicator itself")
    target: str | None = Field(default=None, description="指标值 / 目标值 / 年初指标值, as printed")
    actual: str | None = Field(default=None, description="实际完成值 / 业绩值 (self-evaluation only)")
    score: str | None = Field(default=None, description="指标得分 (self-evaluation only)")
    deviation_reason: str | None = Field(default=None, description="偏差原因分析及改进措施")
    citation: Citation


class ProjectView(BaseModel):
    """A project (or a task of an 整体支出 target table) with its money figures and indicators."""

    model_config = ConfigDict(extra="forbid")
    name: str
    budget: Figure | None = None
    actual: Figure | None = None
    execution_rate: Figure | None = None
    score: Figure | None = None
    indicators: list[Indicator] = Field(default_factory=list)


class Disclosure(BaseModel):
    """One document read as a whole: its figures, sections and, per part type, its views."""

    model_config = ConfigDict(extra="forbid")
    doc_id: str
    source: str
    unit_name: str | None
    fiscal_year: int | None
    doc_type: DocType
    parts: list[DocPart] = Field(default_factory=list)
    sections: list[str] = Field(default_factory=list, description="section headings in reading order")
    figures: list[Figure] = Field(default_factory=list)
    summary: dict[str, Figure] = Field(default_factory=dict, description="决算/预算 view: one figure per summary key")
    projects: list[ProjectView] = Field(default_factory=list, description="绩效目标表 / 绩效自评表 view")


class Answer(BaseModel):
    """What ``ask`` returns: a short Chinese answer, whether the archive holds it, and its sources."""

    model_config = ConfigDict(extra="forbid")
    answer: str
    answerable: bool
    intent: str = Field(description="figure | reason | comparison | list")
    figures: list[Figure] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    nearest: list[Citation] = Field(default_factory=list, description="closest passages when unanswerable")
    computed: dict[str, str] = Field(default_factory=dict, description="differences computed with Decimal")
    reasons: list[str] = Field(default_factory=list)
    written_by: str = Field(default="rules", description="who wrote the answer text: rules (deterministic) or llm "
                                                         "(a model answer that passed grounding)")
    notes: list[str] = Field(default_factory=list, description="why a model-written answer was not used, when it "
                                                               "was asked for and rejected or failed")
