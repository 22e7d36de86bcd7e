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


class Scope(StrEnum):
    """部门 (a department, consolidating its units) or 单位 (one unit, 本级)."""

    department = "department"
    unit = "unit"


class IngestStatus(StrEnum):
    ingested = "ingested"
    unchanged = "unchanged"
    replaced = "replaced"
    error = "error"
    skipped = "skipped"  # found in a folder but not read (unsupported type, not a regular file); the reason says why


class Method(StrEnum):
    """Who read a figure: the deterministic rules or an LLM (grounded)."""

    rule = "rule"
    llm = "llm"


class SourceKind(StrEnum):
    table = "table"
    prose = "prose"


class CheckStatus(StrEnum):
    passed = "pass"
    fail = "fail"
    warn = "warn"
    skip = "skip"


class Severity(StrEnum):
    """How much a finding matters to a reviewer: an error in the document, or a note worth a look."""

    error = "错误"
    notice = "提示"


class Intent(StrEnum):
    figure = "figure"
    reason = "reason"
    comparison = "comparison"
    list = "list"


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

    def part(self, start: int, end: int) -> Citation:
        """The citation of ``quote[start:end]``: its own offsets and lines (``original[char_start:char_end] == quote``
        still holds)."""
        update: dict = {"quote": self.quote[start:end], "char_start": self.char_start + start,
                        "char_end": self.char_start + end}
        if self.line_start is not None:
            update["line_start"] = self.line_start + self.quote[:start].count("\n")
            update["line_end"] = update["line_start"] + self.quote[start:end].count("\n")
        return self.model_copy(update=update)

    def where(self, lang: str = "en", *, source: bool = False) -> str:
        """Where the quote is, for people: ``p.15`` / ``L93-95`` (``lang="en"``) or ``第15页`` / ``第93–95行``.

        ``source`` puts the file name in front.
        """
        lines = None
        if self.line_start is not None:
            same = self.line_end in (None, self.line_start)
            lines = (f"L{self.line_start}" if same else f"L{self.line_start}-{self.line_end}") if lang == "en" else (
                f"第{self.line_start}行" if same else f"第{self.line_start}–{self.line_end}行")
        page = None if self.page is None else (f"p.{self.page}" if lang == "en" else f"第{self.page}页")
        if lang == "en":
            at = " ".join(x for x in (page, lines) if x)
        else:
            at = f"{lines}（{page}）" if lines and page else (lines or page or "")
        return f"{self.source} {at}".strip() if source else at


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
    year: int | None = Field(default=None, description="the fiscal year the part's title names, when it names one")


class DocRecord(BaseModel):
    """What the store knows about one ingested file."""

    model_config = ConfigDict(extra="forbid")
    doc_id: str
    source: str = Field(description="file name")
    path: str = Field(description="absolute path at ingestion time (the user's copy; may have moved since)")
    stored: str | None = Field(default=None, description="the archive's own copy of the original, relative to "
                               "the store folder (originals/<doc_id><suffix>); None in stores written before")
    unit: str | None = None
    year: int | None = None
    doc_type: DocType = DocType.unknown
    scope: Scope | None = Field(default=None, description="department (部门, consolidating its units) or unit (单位/本级)")
    names: list[str] = Field(default_factory=list, description="other names the document prints for its unit "
                                                               "(labels, headers) when they differ from the cover's")
    corrected: dict[str, str] = Field(default_factory=dict, description="fields a user corrected (unit, year, "
                                                                        "doc_type, scope) and their values")
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
    """Metadata filters of a search, from the question or given as options."""

    model_config = ConfigDict(extra="forbid")
    unit: str | None = Field(default=None, description="the phrase (or option) that named the unit")
    units: list[str] = Field(default_factory=list, description="the stored unit names it resolves to")
    year: int | None = None
    doc_type: DocType | None = None
    scope: Scope | None = None


class UnitMention(BaseModel):
    """A phrase of the question that names a unit, and the stored units it fits."""

    model_config = ConfigDict(extra="forbid")
    phrase: str
    start: int = Field(description="position of the phrase in the question")
    units: list[str] = Field(default_factory=list, description="stored unit names the phrase fits")
    ambiguous: bool = Field(default=False, description="the names are different units that fit equally well")
    former: bool = Field(default=False, description="the phrase names the unit by its function's name before a "
                                                    "reorganisation (水利局 for 水务局)")


class ParsedQuestion(BaseModel):
    """What a question asks, read once (:func:`app.question.parse_question`) and used by every path."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(description="the question as asked")
    residual: str = Field(description="the question without the unit/year phrases")
    expanded_terms: list[str] = Field(default_factory=list, description="synonyms added for lexical search")
    filters: QueryFilters = Field(default_factory=QueryFilters)
    mentions: list[UnitMention] = Field(default_factory=list, description="each unit named, in question order")
    years: list[int] = Field(default_factory=list, description="years asked about (comparison bases left out)")
    year_range: bool = Field(default=False, description="the years come from a range (2021-2024年)")
    base_year: int | None = Field(default=None, description="the year a comparison is against when no year asked is "
                                                           "named (\"比前年多了多少\")")
    metrics: list[str] = Field(default_factory=list, description="vocabulary keys the question names")
    intent: Intent = Intent.figure
    scope: Scope | None = Field(default=None, description="部门 or 单位 (本级) when the question says which")
    unknown_unit: str | None = Field(default=None, description="a phrase naming a unit that no stored unit fits")
    closest: list[str] = Field(default_factory=list, description="stored names nearest to an unknown unit")
    corrected: str | None = Field(default=None, description="the question with homophone typos of figure words "
                                                           "corrected (三工经费 → 三公经费), when it had any")
    language: str = Field(default="zh", description="zh, or en when the question is not written in Chinese")


class IngestOutcome(BaseModel):
    """Per-file result of ``ingest``."""

    model_config = ConfigDict(extra="forbid")
    source: str
    status: IngestStatus
    doc_id: str | None = None
    chunks: int = 0
    embedded: int = Field(default=0, description="chunks whose vectors had to be computed (the rest came from the cache)")
    pages: int = 0
    message: str | None = None
    warnings: list[str] = Field(default_factory=list, description="what was left out or guessed (pages, encoding)")
    seconds: float = 0.0
    documents: list[str] = Field(default_factory=list, description="when the file holds documents of several years "
                                 "(a 2026 绩效目标表 and the 2025 自评报告 after it): the doc_id of each, stored apart")


# -- extraction ----------------------------------------------------------------------------

class Figure(BaseModel):
    """One extracted figure, as printed, with where it was read (keys: ../shared/fields.md)."""

    model_config = ConfigDict(extra="forbid")
    key: str = Field(description="vocabulary key, e.g. three_public_actual or project:<项目名称>:budget")
    value: str = Field(description="the number as printed, thousands separators removed, e.g. '3681.17'")
    unit: str = Field(description="unit as printed: 万元, 元, 人, 辆, 个, 批次, 人次, %, 分")
    citation: Citation
    method: Method = Field(default=Method.rule, description="rule (deterministic) or llm")
    source_kind: SourceKind = Field(default=SourceKind.prose, description="table or prose")
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


class Dismissal(BaseModel):
    """A reviewer's mark that a finding is not a problem, and why; stored with the document, never deleting it."""

    model_config = ConfigDict(extra="forbid")
    reason: str = Field(description="why the finding is not a problem, in the reviewer's words")
    at: str = Field(description="when it was marked (ISO 8601, UTC)")


class CheckResult(BaseModel):
    """One cross-check: pass / fail / warn / skip, with the arithmetic and where the figures are."""

    model_config = ConfigDict(extra="forbid")
    rule: str
    description: str
    status: CheckStatus
    message: str = Field(description="what was compared, in Chinese, with the amounts and units")
    expected: str | None = None
    actual: str | None = None
    tolerance: str | None = None
    figures: list[Figure] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list, description="every place the finding involves")
    severity: Severity | None = Field(default=None, description="错误 for a fail, 提示 for a warn; none for pass/skip")
    finding_id: str | None = Field(default=None, description="stable id: the rule and the places it cites")
    dismissed: Dismissal | None = Field(default=None, description="a reviewer marked it as not a problem (kept, shown)")


# -- per-type views ------------------------------------------------------------------------

class Indicator(BaseModel):
    """One row of a 绩效目标表 / 绩效自评表 indicator block (一级/二级/三级指标)."""

    model_config = ConfigDict(extra="forbid")
    level1: str | None = Field(default=None, description="一级指标 (产出指标, 效益指标, 满意度指标…)")
    level2: str | None = Field(default=None, description="二级指标 (数量指标, 质量指标, 时效指标, 成本指标…)")
    level3: str = Field(description="三级指标, the indicator itself")
    target: str | None = Field(default=None, description="指标值 / 目标值 / 年初指标值, as printed (调整后指标值 when "
                                                         "printed: the target in force)")
    initial_target: str | None = Field(default=None, description="年初指标值 when a different 调整后指标值 is printed")
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
    intent: Intent
    figures: list[Figure] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    nearest: list[Citation] = Field(default_factory=list, description="closest passages when unanswerable")
    computed: dict[str, str] = Field(default_factory=dict, description="differences computed with Decimal")
    contradicted: list[Figure] = Field(default_factory=list, description="other values the same document prints for "
                                       "a figure of the answer (named in the answer as an inconsistency, never "
                                       "given as the figure)")
    reasons: list[str] = Field(default_factory=list)
    written_by: str = Field(default="rules", description="who wrote the answer text: rules (deterministic) or llm "
                                                         "(a model answer that passed grounding)")
    notes: list[str] = Field(default_factory=list, description="why a model-written answer was not used, when it "
                                                               "was asked for and rejected or failed")


class Reason(BaseModel):
    """An explanation passage (原因说明) and the figure it explains."""

    model_config = ConfigDict(extra="forbid")
    reason: str = Field(description="the explanation itself, after 主要原因是…")
    sentence: str = Field(description="the whole sentence: the figure, its change and the reason")
    key: str | None = Field(default=None, description="vocabulary key of the figure explained, when it has one")
    label: str | None = Field(default=None, description="what is explained, as printed")
    direction: str | None = Field(default=None, description="增加 | 减少 | 持平 (normalised)")
    change: str | None = Field(default=None, description="the stated change, e.g. '3.10万元'")
    percent: str | None = Field(default=None, description="the stated change in percent, e.g. '9.04%'")
    citation: Citation
    printed: str | None = Field(default=None, description=(
        "the sentence in the original's characters (full-width punctuation), joined across the line breaks of a "
        "PDF page: what a reader copies (None in a store written before it was kept)"))
    before: str | None = Field(default=None, description="the sentence before it in the running text, as printed")
    after: str | None = Field(default=None, description="the sentence after it in the running text, as printed")


class LineAmount(BaseModel):
    """One amount of a :class:`LineItem`, under the column (or the words) it was printed with."""

    model_config = ConfigDict(extra="forbid")
    column: str | None = Field(description="合计, 基本支出, 项目支出, 年初预算, 决算, 比上年增减, 增减率, 完成年初预算… "
                                            "(None where the row lost the cells that would say)")
    value: str = Field(description="as printed, thousands separators removed; a decrease is negative; an "
                                   "indicator's value whole as printed (≥1395批次)")
    unit: str = Field(description="万元 | 元 | %; empty for an indicator's value")


class LineItem(BaseModel):
    """A row of a classified table (功能分类 类/款/项, 经济分类) or a sentence about one ("…(类)…(款)…(项)：支出决算为…"),
    kept for questions about the rows the vocabulary has no key for (行政运行, 办公费, 社会保障和就业支出)."""

    model_config = ConfigDict(extra="forbid")
    code: str | None = Field(default=None, description="科目编码, digits only (类 3, 款 5, 项 7), when printed")
    name: str = Field(description="the row's own name, as printed (spaces and ordinals removed)")
    path: list[str] = Field(default_factory=list, description="类, 款, 项 names from the top, when printed as a path")
    kind: str = Field(description="the table's standard kind (expenditure, gpb, income, basic…); prose (a 项 sentence, a "
                                  "class's share); change, nil, evaluation (sentences); indicator (a 绩效 table's row); "
                                  "count (people, organs, vehicles counted in the text); overall (an 整体支出 自评表's money); grid "
                                  "(a row of another money table printed one cell per line)")
    table: str | None = Field(default=None, description="title of the table, None for a sentence")
    amounts: list[LineAmount] = Field(default_factory=list)
    reason: str | None = Field(default=None, description="the sentence's own explanation (主要原因是…), as printed")
    citation: Citation


class DocMeta(BaseModel):
    """A document's identity read from its text: unit, year, type and the parts of the file."""

    model_config = ConfigDict(extra="forbid")
    unit: str | None = None
    year: int | None = None
    doc_type: DocType = DocType.unknown
    scope: Scope | None = Field(default=None, description="department (部门) or unit (单位, 本级), when the document says")
    names: list[str] = Field(default_factory=list, description="other names the document prints for its unit")
    parts: list[DocPart] = Field(default_factory=list)

    def part_at(self, pos: int) -> DocType:
        """The type of the part of the file holding normalised offset ``pos``."""
        import bisect

        starts = [p.span.start for p in self.parts]
        i = bisect.bisect_right(starts, pos) - 1
        return self.parts[i].doc_type if i >= 0 else self.doc_type


# -- evaluation reports (``disclosure eval``) --------------------------------------------------

class EvalRun(BaseModel):
    """What a report was computed with."""

    model_config = ConfigDict(extra="forbid")
    time: str
    commit: str | None = None
    embedder: str
    settings: str = Field(description="fingerprint of the settings that change results")
    llm: str | None = None
    archive: list[str] = Field(default_factory=list)
    ingest_seconds: float = 0.0
    ingest_errors: list[str] = Field(default_factory=list)


class DocExtractionScore(BaseModel):
    model_config = ConfigDict(extra="forbid")
    precision: float
    recall: float
    f1: float
    citation_accuracy: float
    gold: int
    false_positives: list[tuple[str, str, str]] = Field(default_factory=list, description="(key, amount, unit)")
    false_negatives: list[tuple[str, str, str]] = Field(default_factory=list, description="(key, amount, unit)")


class ExtractionReport(BaseModel):
    model_config = ConfigDict(extra="forbid")
    documents: dict[str, DocExtractionScore] = Field(default_factory=dict)
    per_key_f1: dict[str, float] = Field(default_factory=dict)
    macro_f1: float | None = None
    without_gold: list[str] = Field(default_factory=list, description="archive documents no gold file covers")


class TypeCount(BaseModel):
    model_config = ConfigDict(extra="forbid")
    correct: int
    total: int


class AnswerMiss(BaseModel):
    """A question answered wrongly: what was asked, expected and answered, and what was cited."""

    model_config = ConfigDict(extra="forbid")
    id: str
    question: str
    answered: str
    expected: list[str] = Field(default_factory=list)
    type: str = ""
    citation: str | None = None


class AnswersReport(BaseModel):
    model_config = ConfigDict(extra="forbid")
    questions: int
    accuracy: float
    by_type: dict[str, TypeCount] = Field(default_factory=dict)
    unanswerable_precision: float
    unanswerable_recall: float
    citation_precision: float
    figure_exact: float | None = None
    evidence_overlap: float | None = None
    latency_ms: dict[str, float] = Field(default_factory=dict)
    misses: list[AnswerMiss] = Field(default_factory=list)
    baseline_accuracy: float | None = None
    baseline_note: str | None = None


class RetrievalScores(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, serialize_by_alias=True)
    recall_at_1: float = Field(alias="recall@1")
    recall_at_5: float = Field(alias="recall@5")
    recall_at_10: float = Field(alias="recall@10")
    mrr: float


class RetrievalReport(BaseModel):
    model_config = ConfigDict(extra="forbid")
    questions: int
    dense: RetrievalScores | None = None
    bm25: RetrievalScores | None = None
    hybrid: RetrievalScores | None = None
    baseline: RetrievalScores | None = Field(default=None, description="the naive LangChain pipeline")

    def modes(self) -> dict[str, RetrievalScores]:
        return {m: s for m in ("dense", "bm25", "hybrid", "baseline") if (s := getattr(self, m)) is not None}


class EvalReport(BaseModel):
    """One run of every gold set on one archive."""

    model_config = ConfigDict(extra="forbid")
    run: EvalRun
    extraction: ExtractionReport
    answers: AnswersReport
    retrieval: RetrievalReport
