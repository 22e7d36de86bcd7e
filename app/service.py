"""The one service layer that the CLI, the Streamlit app, the API and the evals call."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from app.settings import Settings, get_settings
from core.errors import CheckError, ConfigError, DisclosureError, InputError, LoadError
from core.sanitise import one_line
from core.schemas import (
    Answer,
    CheckResult,
    Citation,
    Disclosure,
    DocMeta,
    DocRecord,
    DocType,
    EvalReport,
    Extraction,
    IngestOutcome,
    IngestStatus,
    Intent,
    ParsedQuestion,
    Reason,
    Scope,
    SearchHit,
    UnitMention,
)
from extraction.checks import DEFAULT_TOLERANCE, check_layout, order
from extraction.extractor import extract as extract_figures
from extraction.lineitems import line_items
from extraction.reasons import find_reasons
from extraction.views import deviation_reasons, row_reasons
from extraction.views import disclosure as build_disclosure
from index.chunking import chunk_document
from index.embedders import make_embedder
from index.layout import Layout, read_layout
from index.loaders import (
    KIND_SUFFIX,
    PageProgress,
    RawDocument,
    doc_id_for,
    load,
    original_text,
    pdf_page_count,
    why_not_read,
)
from index.metadata import detect
from index.pieces import documents
from index.retrieval import RetrievalSettings
from index.retrieval import search as hybrid_search
from index.store import ChromaTarget, NewDocument, Store

Progress = Callable[[str, int, int], None]  # (file name, done, total)
MAX_K = 1000  # passages one search may return
MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_QUESTION_CHARS = 500  # a question, a search or a reasons query (the longest gold question has 35)

CORRECTABLE = ("unit", "year", "doc_type", "scope")


def validate_corrections(changes: dict[str, str]) -> dict[str, str]:
    """The corrections as stored strings; ConfigError naming the field when one is not valid."""
    out: dict[str, str] = {}
    for name, value in changes.items():
        field = "doc_type" if name == "type" else name
        value = value.strip()
        if field not in CORRECTABLE:
            raise ConfigError(f"cannot correct {name!r}: only unit, year, type, scope")
        if field == "unit" and not value:
            raise ConfigError("unit: give the unit's name")
        if field == "year" and not re.fullmatch(r"(?:19|20)\d\d", value):
            raise ConfigError(f"year: {value!r} is not a year such as 2024")
        if field == "doc_type" and value not in {t.value for t in DocType if t != DocType.unknown}:
            raise ConfigError(f"type: {value!r}; use final_accounts, budget, performance_target, performance_self_eval")
        if field == "scope" and value not in {s.value for s in Scope}:
            raise ConfigError(f"scope: {value!r}; use department or unit")
        out[field] = value
    return out


def corrected_meta(meta: DocMeta, corrected: dict[str, str]) -> DocMeta:
    """A document's detected identity with the user's corrections applied (the detected unit kept in names)."""
    if not corrected:
        return meta
    update: dict = {}
    if "unit" in corrected and corrected["unit"] != meta.unit:
        update["unit"] = corrected["unit"]
        update["names"] = [n for n in [meta.unit, *meta.names] if n and n != corrected["unit"]]
    if "year" in corrected:
        update["year"] = int(corrected["year"])
    if "doc_type" in corrected:
        update["doc_type"] = DocType(corrected["doc_type"])
    if "scope" in corrected:
        update["scope"] = Scope(corrected["scope"])
    return meta.model_copy(update=update)


def expand_paths(paths: Iterable[Path]) -> list[tuple[Path, str | None]]:
    """Files to ingest, each with the reason it is skipped (None: read it). A given file is read as it is (its
    content decides its type); a folder is searched (sorted) and every file in it that will not be read is
    listed with the reason (unsupported type, not a regular file). Hidden files (``.name``) are passed over."""
    out: list[tuple[Path, str | None]] = []
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.name.startswith(".") or f.is_dir():
                    continue
                out.append((f, why_not_read(f)))
        else:
            out.append((p, None))
    return out


def _page_steps(progress: Progress, name: str, before: int, pages: int, total: int) -> PageProgress:
    """A PDF's page-read callback that moves the batch's progress one step per page."""
    return lambda page, _pages: progress(name, before + min(page, pages), total)


class DisclosureService:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        s = self.settings
        embedder = make_embedder(s.embed.name, **s.embed.config())
        target = ChromaTarget(host=s.chroma_host, port=s.chroma_port) if s.chroma_host else ChromaTarget(
            path=s.home / "chroma")
        self.store = Store(s.home, embedder, target)

    # -- ingestion -----------------------------------------------------------------------
    def ingest(self, paths: Iterable[Path | str], progress: Progress | None = None) -> list[IngestOutcome]:
        files = expand_paths(Path(p) for p in paths)
        with self.store.writing():  # one writer at a time (other processes, threads); readers go on
            return self._ingest_files(files, progress)

    def _ingest_files(self, files: list[tuple[Path, str | None]], progress: Progress | None) -> list[IngestOutcome]:
        self.store.drop_orphans()
        outcomes: list[IngestOutcome] = []
        for i, (f, skip) in enumerate(files):
            if progress:
                progress(one_line(f.name), i, len(files))
            if skip:
                outcomes.append(IngestOutcome(source=one_line(f.name), status=IngestStatus.skipped, message=skip))
                continue
            outcomes.append(self._ingest_one(f))
        if progress:
            progress("", len(files), len(files))
        if any(o.status in (IngestStatus.ingested, IngestStatus.replaced) for o in outcomes):
            self.store.rebuild_bm25()
            self.unit_index()  # the new names' forms, kept for the next cold start
        return outcomes

    def ingest_uploads(self, uploads: Iterable[tuple[str, bytes]], progress: Progress | None = None
                       ) -> list[IngestOutcome]:
        """Ingest uploaded files given as (name, bytes). Each is kept under the store by its content hash (never
        by its name, so two uploads called the same never touch each other); the name, made safe, is only
        shown. Bad uploads get an ``error`` outcome naming them; the others go on."""
        items = list(uploads)
        with self.store.writing():
            return self._ingest_uploads(items, progress)

    def _ingest_uploads(self, items: list[tuple[str, bytes]], progress: Progress | None) -> list[IngestOutcome]:
        """``progress(name, done, total)`` counts steps over the whole batch: each page of a PDF as it is read,
        then one step for indexing the file (a text or DOCX file is one step)."""
        from app.uploads import check_upload, upload_name

        checked: list[tuple[str, bytes, str | LoadError]] = []
        for name, data in items:
            try:
                checked.append((name, data, check_upload(name, data)))
            except LoadError as e:
                checked.append((name, data, e))
        steps = [(pdf_page_count(data) or 0) + 1 if kind == "pdf" else 1 for _, data, kind in checked]
        total, done = sum(steps), 0
        outcomes: list[IngestOutcome] = []
        for (name, data, kind), step in zip(checked, steps, strict=True):
            if isinstance(kind, LoadError):
                outcomes.append(IngestOutcome(source=kind.source, status=IngestStatus.error, message=kind.reason))
                done += step
                continue
            shown = upload_name(name, kind)
            if progress:
                progress(shown, done, total)
            on_page = _page_steps(progress, shown, done, step - 1, total) if progress and step > 1 else None
            doc_id = doc_id_for(data)
            path = self.store.home / self.store.keep_original(doc_id, data, KIND_SUFFIX[kind])
            outcome = self._ingest_one(path, source=shown, on_page=on_page)
            if outcome.status == IngestStatus.error and self.store.doc(doc_id) is None:
                path.unlink(missing_ok=True)  # refused: the archive keeps nothing of it
            outcomes.append(outcome)
            done += step
            if progress:
                progress(shown, done, total)
        if progress:
            progress("", total, total)
        if any(o.status in (IngestStatus.ingested, IngestStatus.replaced) for o in outcomes):
            self.store.rebuild_bm25()
            self.unit_index()  # the new names' forms, kept for the next cold start
        return outcomes

    def _ingest_one(self, path: Path, source: str | None = None, on_page: PageProgress | None = None
                    ) -> IngestOutcome:
        """One file: read it, and store it unless its content is already stored. ``source`` is the name shown
        (default: the file's name); ``on_page(done, pages)`` follows the reading of a PDF page by page."""
        t0 = time.perf_counter()
        source = one_line(source if source is not None else path.name)  # no newline or terminal escape survives
        try:
            raw = load(path, source, on_page)
            existing = self.store.doc(raw.doc_id)
            if existing is not None:
                return self._already_stored(existing, raw, t0)
            abspath = str(path.resolve())
            previous = self.store.docs_at_path(abspath)
            records, embedded = self._index(raw, abspath, replaces=[d.doc_id for d in previous])
            if len(records) > 1:
                raw.warnings.append(f"{raw.source}: the file holds documents of {len(records)} years ("
                                    + ", ".join(f"{r.year} {r.doc_type.value}" for r in records)
                                    + "); each is stored as a document of its own")
            return IngestOutcome(source=source, status=IngestStatus.replaced if previous else IngestStatus.ingested,
                                 doc_id=raw.doc_id, chunks=sum(r.chunks for r in records), embedded=embedded,
                                 pages=records[0].pages, message="; ".join(raw.warnings) or None,
                                 warnings=list(raw.warnings), seconds=round(time.perf_counter() - t0, 3),
                                 documents=[r.doc_id for r in records] if len(records) > 1 else [])
        except LoadError as e:
            return IngestOutcome(source=source, status=IngestStatus.error, message=e.reason,
                                 seconds=round(time.perf_counter() - t0, 3))
        except DisclosureError as e:
            return IngestOutcome(source=source, status=IngestStatus.error, message=one_line(" ".join(str(e).split())))
        except Exception as e:  # one bad file must not stop the batch; say what happened
            return IngestOutcome(source=source, status=IngestStatus.error,
                                 message=one_line(f"unexpected {type(e).__name__}: {' '.join(str(e).split())}"))

    def _already_stored(self, existing: DocRecord, raw, t0: float) -> IngestOutcome:
        """The same content is stored (from this path or another): nothing is re-read or re-pointed; a store
        written before originals were kept takes its copy now."""
        if self.store.original_file(existing) is None or not existing.stored:
            stored = self.store.keep_original(existing.doc_id, raw.data, raw.suffix)
            self.store.update_record(existing.model_copy(update={"stored": stored}))
        return IngestOutcome(source=raw.source, status=IngestStatus.unchanged, doc_id=existing.doc_id,
                             chunks=existing.chunks, pages=existing.pages, seconds=time.perf_counter() - t0,
                             message="already stored (same content)")

    def _documents(self, raw: RawDocument) -> list[tuple[Layout, DocMeta]]:
        """The documents a loaded file holds (one per fiscal year it prints), each read with the user's
        corrections of its identity."""
        layout = read_layout(raw)
        return [(piece, corrected_meta(meta, self.store.corrections(piece.doc.raw.doc_id)))
                for piece, meta in documents(layout, detect(layout))]

    @staticmethod
    def _reading(raw: RawDocument, what: str, reader, *args) -> list:
        """What ``reader(*args)`` gives, or nothing with a warning naming the file when it fails."""
        try:
            return reader(*args)
        except Exception as e:
            raw.warnings.append(f"{raw.source}: {what} not extracted ({type(e).__name__}: {e})")
            return []

    def _index(self, raw: RawDocument, path: str, replaces: list[str]) -> tuple[list[DocRecord], int]:
        """Read, chunk, extract and store the documents of one loaded file, all or none."""
        new: list[NewDocument] = []
        embedded = 0
        for layout, meta in self._documents(raw):
            doc_id = layout.doc.raw.doc_id
            chunks = chunk_document(layout, meta)
            if not chunks:
                raise LoadError(raw.source, "no text to index after normalisation")
            # each reading on its own: the passages stay searchable, and what one reader gives is kept, when another
            # fails on a document it cannot read
            figures = self._reading(raw, "figures", lambda d, m: extract_figures(d, m).figures, layout, meta)
            reasons = self._reading(raw, "reasons", lambda d, m, f: find_reasons(d, m) + deviation_reasons(d, m, f),
                                    layout, meta, figures)
            lines = self._reading(raw, "table rows", line_items, layout, meta)
            reasons += self._reading(raw, "row reasons", row_reasons, lines, reasons)
            vectors, done = self.store.embed(chunks)
            embedded += done
            record = DocRecord(
                doc_id=doc_id, source=raw.source, path=path, unit=meta.unit, year=meta.year,
                doc_type=meta.doc_type, scope=meta.scope, names=meta.names,
                corrected=self.store.corrections(doc_id), parts=meta.parts, pages=layout.doc.pages,
                encoding=raw.encoding, chunks=len(chunks), ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
            )
            new.append(NewDocument(record, chunks, vectors, figures, reasons, lines))
        stored = self.store.keep_original(raw.doc_id, raw.data, raw.suffix)  # (once every piece was read)
        for d in new:
            d.record = d.record.model_copy(update={"stored": stored})
        self.store.add_documents(new, replaces=replaces)
        return [d.record for d in new], embedded

    def correct(self, doc_id: str, changes: dict[str, str]) -> DocRecord:
        """Correct a stored document's unit, year, type or scope; the document is indexed again with them
        (no re-embedding: its passages are unchanged) and the correction outlives any re-ingest."""
        record = self.store.doc(doc_id)
        if record is None:
            raise LoadError(doc_id, "no stored document with that id")
        fields = validate_corrections(changes)
        path = self.store.original_file(record)
        if path is None:
            raise LoadError(record.source, f"the original of stored document {doc_id} is gone "
                                           f"(it was read from {record.path}; ingest that file again)")
        raw = load(path, record.source)
        with self.store.writing():
            self.store.set_corrections(doc_id, fields)
            siblings = [d.doc_id for d in self.store.docs() if d.stored == record.stored] if record.stored else []
            self._index(raw, record.path, replaces=[doc_id, *siblings])
            self.store.rebuild_bm25()
        return self.store.doc(doc_id)  # type: ignore[return-value]

    # -- questions -----------------------------------------------------------------------
    def parse(self, question: str, *, unit: str | None = None, year: int | None = None,
              doc_type: DocType | str | None = None, scope: Scope | str | None = None) -> ParsedQuestion:
        """The question read against the archive; explicit options override what the question says."""
        from app.question import parse_question
        from app.units import unit_like_longest

        if len(question) > MAX_QUESTION_CHARS:
            raise InputError(f"question too long ({len(question):,} characters; the limit is {MAX_QUESTION_CHARS})")
        stored_units, stored_years = self.store.units(), self.store.years()
        index = self.unit_index(stored_units)
        parsed = parse_question(question, index, self.settings.current_year)
        update: dict = {}
        top_unit: dict = {}
        if unit:
            named = index.mentions(unit)
            if named and len(named[0].phrase) < len(unit) and unit_like_longest(unit) == unit:
                named = []  # ("柳湾区不存在局": a name of its own, not the units of the place it begins with)
            units = [unit] if unit in stored_units else (named[0].units if named else [])
            update |= {"unit": unit, "units": units or [unit]}  # an unknown unit filters everything out, honestly
            ambiguous = unit not in stored_units and bool(named) and named[0].ambiguous  # (教育局 of two districts: each)
            top_unit = {"mentions": [UnitMention(phrase=unit, start=0, units=units, ambiguous=ambiguous)] if units else [],
                        "unknown_unit": None if units else unit, "closest": [] if units else index.closest(unit)}
        if year is not None:
            if not MIN_YEAR <= year <= MAX_YEAR:
                raise InputError(f"year {year} is not a year between {MIN_YEAR} and {MAX_YEAR}")
            update["year"] = year
        elif parsed.filters.year is not None and parsed.filters.year not in stored_years:
            # a year no document covers ("2020年底有几辆车" is in the 2021 budget): search without it
            update["year"] = None
        if doc_type is not None:
            update["doc_type"] = DocType(doc_type)
        top: dict = dict(top_unit)  # the option names the unit the answer is about
        if scope is not None:
            update["scope"] = top["scope"] = Scope(scope)
        return parsed.model_copy(update={**top, "filters": parsed.filters.model_copy(update=update)})

    def unit_index(self, names: list[str] | None = None):
        """The stored unit names, ready for recognising units in questions (rebuilt when they change)."""
        from app.question import figure_words
        from app.units import UnitIndex, learn_word_starts, word_starts_text

        names = sorted(names if names is not None else self.store.units())
        claimed: dict[str, set[str]] = {}
        for d in self.store.docs():
            for n in d.names if d.unit in names else ():
                claimed.setdefault(n, set()).add(d.unit)
        # (a name another document is stored under, or that two units' documents print, is no alias of either)
        aliases = {n: next(iter(us)) for n, us in claimed.items() if len(us) == 1 and n not in names}
        if getattr(self, "_unit_index", None) is None or self._unit_index.names != sorted(set(names) | set(aliases)):
            memo = self.store.memo("word_starts")
            learn_word_starts(memo)
            self._unit_index = UnitIndex(names, figure_words(), aliases)
            missing = self._unit_index.segmented - memo.keys()
            if missing:  # keep how the new names segment, so the next cold start skips jieba
                self.store.remember("word_starts", word_starts_text(missing))
        return self._unit_index

    def search(self, question: str, k: int = 5, *, unit: str | None = None, year: int | None = None,
               doc_type: DocType | str | None = None, mode: str = "hybrid") -> tuple[list[SearchHit], ParsedQuestion]:
        if not 1 <= k <= MAX_K:
            raise InputError(f"k must be a whole number from 1 to {MAX_K} (got {k})")
        parsed = self.parse(question, unit=unit, year=year, doc_type=doc_type)
        rs = RetrievalSettings(candidates=self.settings.candidates)
        return hybrid_search(self.store, parsed, k, mode=mode, settings=rs), parsed

    def ask(self, question: str, previous: ParsedQuestion | None = None, *, unit: str | None = None,
            year: int | None = None, scope: Scope | str | None = None) -> Answer:
        """Answer a plain Chinese question from the stored figures and reasons, with citations.

        ``previous`` is the question of the turn before (as :meth:`ask_turn` returned it): a follow-up
        ("那去年呢？") takes its unit, year and metric (:func:`app.conversation.carry_over`). ``unit``, ``year``
        and ``scope`` override what the question says. With an LLM endpoint configured, an answerable answer is
        rewritten by the model and kept only when grounded (:mod:`app.llm_answer`); otherwise the
        deterministic answer stands.
        """
        return self.ask_turn(question, previous, unit=unit, year=year, scope=scope)[0]

    def ask_turn(self, question: str, previous: ParsedQuestion | None = None, *, unit: str | None = None,
                 year: int | None = None, scope: Scope | str | None = None) -> tuple[Answer, ParsedQuestion]:
        """:meth:`ask`, with the question as it was read (pass it as ``previous`` with the next turn)."""
        from app.clauses import clauses, completed, joined
        from app.conversation import carry_over
        from app.qa import Answerer

        if unit and unit not in self.store.units() and not self.parse(question, unit=unit).mentions:
            # a unit the archive has no document of (a member of a department, "疾控中心"): asked as if the question
            # named it, so a department's document that takes it in answers; else it is said not to be recognised
            # (not when part of it names stored units: "柳湾区不存在局" is no question about 柳湾区's units)
            named = self.ask_turn(unit + question, previous, year=year, scope=scope)
            if named[0].answerable:
                return named
        followed = self._follow_up(question, previous, unit=unit, year=year, scope=scope)
        if not isinstance(followed, ParsedQuestion):
            return followed
        parsed = carry_over(previous, followed)

        def answered(asked: ParsedQuestion) -> Answer:
            if asked.filters.year is not None and asked.filters.year not in self.store.years():
                asked = asked.model_copy(update={"filters": asked.filters.model_copy(update={"year": None})})

            def by(chosen: Scope | None) -> Answer:
                return Answerer(self.store, lambda q, k: self.search(q, k)[0], self.unit_index(), scope=chosen).ask(asked)

            if scope is None and asked.scope is None and len(asked.mentions) == 1 and asked.filters.units and \
                    (year := self._year_of_both_scopes(asked)) is not None:
                if asked.filters.year is None:  # (no year asked: the newest both scopes hold, never two years mixed)
                    asked = asked.model_copy(update={"years": [year], "filters": asked.filters.model_copy(
                        update={"year": year})})
                return _each_scope(question, {s: by(s) for s in (Scope.department, Scope.unit)}) or by(None)
            return by(self._scope_asked(asked, scope))

        answer = answered(parsed)
        if previous is None and (parts := clauses(question)):  # several things asked at once, one per clause
            read = [self.parse(completed(c, parsed), unit=unit, year=year, scope=scope) for c in parts]
            # a why that names nothing ("…少了多少？为啥少了") is about the clause before it: the whole answers both
            read = [r for n, r in enumerate(read) if not n or r.metrics or r.intent != Intent.reason]
            answer = (joined(answer, [answered(r) for r in read]) if len(read) > 1 else None) or answer
        return self._written(question, parsed, self._noted(answer, parsed, scope)), parsed

    def _noted(self, answer: Answer, parsed: ParsedQuestion, scope: Scope | str | None) -> Answer:
        """The answer with what the reader should know of how it was read: the scope it was looked for in, the
        other scope the archive holds, a unit's former name read as its stored one."""
        from app.labels import scope as scope_words

        if scope is not None and not answer.answerable:
            answer = answer.model_copy(update={"answer": f"{answer.answer}（只在{scope_words(scope)}的文件中查找）"})
        held = self._scopes_held(parsed) if parsed.filters.units else set()
        if scope is None and parsed.scope is not None and answer.answerable and held and parsed.scope not in held:
            # ("宣传部本级的预算是多少" with only its 部门预算 held: said to be the other scope's)
            other = "、".join(scope_words(s) for s in held if s is not None) or "未说明范围"
            answer = answer.model_copy(update={"answer": f"{answer.answer}（档案中只有按{other}编的文件，"
                                                         f"没有{scope_words(parsed.scope)}单独的文件）"})
        if answer.answerable and (renamed := [m for m in parsed.mentions if m.former and m.units]):
            # (云岭县水利局 answered as 云岭县水务局: said so, the reader may have meant a unit the archive lacks)
            said = "；".join(f"“{m.phrase}”按档案中的单位名称“{m.units[0]}”理解" for m in renamed)
            answer = answer.model_copy(update={"answer": f"{answer.answer}（{said}）"})
        return answer

    def _follow_up(self, question: str, previous: ParsedQuestion | None, **options
                   ) -> ParsedQuestion | tuple[Answer, ParsedQuestion]:
        """A follow-up read against the turn before: the question as parsed (the level it names read as that level's
        unit of the same work), or the answer when it is asked again in other words — a unit the unit before takes
        in ("市卫健委…" then "疾控中心呢？": the city's own 疾控中心 first), or every clause of the turn before asked of
        the unit it names now."""
        from app.clauses import clauses
        from app.conversation import asked_again, level_asked
        from app.units import below_parts

        if previous is not None and (level := level_asked(question)) and previous.filters.units:
            other = self.unit_index().counterpart(previous.filters.units, level)
            if len(other) == 1:  # ("市卫健委…" then "区里的呢？": the district's 卫健委, the same thing asked)
                question = f"{other[0]}呢？"
        current = self.parse(question, **options)
        if previous is not None and previous.mentions and current.unknown_unit and not current.mentions \
                and current.unknown_unit in question and not below_parts(current.unknown_unit)[0]:
            under = f"{previous.mentions[0].phrase}的{current.unknown_unit}"
            named = self.ask_turn(question.replace(current.unknown_unit, under, 1), previous, **options)
            if named[0].answerable:
                return named
        again = asked_again(previous, current)
        if again is not None and clauses(again):  # (the turn before asked several things: each again, of this unit)
            return self.ask_turn(again, None, **options)
        return current

    def _scope_asked(self, asked: ParsedQuestion, explicit: Scope | str | None) -> Scope | None:
        """The scope to answer from: the one given; else the question's (部门预算, 本级) when the archive holds the
        unit's documents of that year in both scopes (a question's 部门 alone never hides the only document)."""
        if explicit is not None:
            return Scope(explicit)
        if asked.scope is None:
            return None
        scopes = self._scopes_held(asked)
        return asked.scope if asked.scope in scopes and len(scopes) > 1 else None

    def _year_of_both_scopes(self, asked: ParsedQuestion) -> int | None:
        """The year asked, or else the newest, when the unit asked has documents of that year in both scopes."""
        units, kind = asked.filters.units, asked.filters.doc_type
        held: dict[int, set] = {}
        for d in self.store.docs():
            if d.unit in units and d.year and (kind is None or d.doc_type == kind):
                held.setdefault(d.year, set()).add(d.scope)
        # (the year asked, also when no document of the archive is of that year and the filter was let go)
        year = asked.filters.year if asked.filters.year is not None else \
            asked.years[0] if len(asked.years) == 1 else None
        both = [y for y, scopes in held.items() if {Scope.department, Scope.unit} <= scopes
                and (year is None or y == year)]
        if not both and year is not None and year not in held and year + 1 in held \
                and {Scope.department, Scope.unit} <= held[year + 1]:
            return year  # (a year neither holds: what each scope's next year's document states of it)
        return max(both) if both else None

    def _scopes_held(self, asked: ParsedQuestion) -> set[Scope | None]:
        """The scopes of the documents of the units and year asked (a unit's 部门预算 and its 单位预算 of one year)."""
        units, year = asked.filters.units, asked.filters.year
        return {d.scope for d in self.store.docs() if (not units or d.unit in units) and (year is None or d.year == year)
                and (asked.filters.doc_type is None or d.doc_type == asked.filters.doc_type)}

    def _written(self, question: str, parsed: ParsedQuestion, answer: Answer) -> Answer:
        """The answer rewritten by the configured LLM when it is grounded; the deterministic one otherwise."""
        if not self.settings.llm.configured or not answer.answerable:
            return answer
        from app.llm_answer import write_answer

        try:
            hits = self.search(parsed.corrected or question, 5)[0]
        except DisclosureError:
            hits = []
        return write_answer(question, answer, hits, self.settings.llm.client(), parsed.years)

    def reasons(self, query: str, k: int = 10, *, unit: str | None = None, year: int | None = None,
                direction: str | None = None) -> list[dict]:
        """How changes were explained before: reason sentences matching a metric and a direction.

        ``unit`` and ``year`` filter as in :meth:`parse`; ``direction`` (增加 or 减少) keeps only the
        explanations of a change in that direction (without it, a direction word in the query prefers them)."""
        from app.explanations import DIRECTIONS, find

        if direction is not None and direction not in DIRECTIONS:
            raise InputError(f"direction {direction!r}: use {' or '.join(DIRECTIONS)}")
        found = find(self.store, self.parse(query, unit=unit, year=year), k, direction=direction)
        read: dict[str, list[Reason]] = {}  # each document read once
        for r in found:
            if r["context"] is None:  # a store written before the context was kept
                r["context"] = self.reason_context(Citation.model_validate(r["citation"]), read)
                r["text"] = r["context"]["sentence"]
        return found

    def reason_context(self, citation: Citation, _read: dict[str, list[Reason]] | None = None) -> dict:
        """A reason sentence in its running text: ``{"before", "sentence", "after"}``, each as printed (joined
        across the PDF's line breaks; before/after None where the text has no sentence there, e.g. a 自评表 cell).
        Kept with each reason at ingestion (``reasons(...)["context"]``); this reads the stored original again,
        for reasons stored before that, and falls back to the quote when the original is gone."""
        from extraction.reasons import printed_text

        fallback = {"before": None, "sentence": re.sub(r"[ \t]*\n\s*", "", citation.quote), "after": None}
        read = {} if _read is None else _read
        if citation.doc_id not in read:
            try:
                read[citation.doc_id] = find_reasons(*self._read(citation.doc_id))
            except DisclosureError:
                read[citation.doc_id] = []
        for r in read[citation.doc_id]:
            c = r.citation
            if (c.page, c.char_start, c.char_end) == (citation.page, citation.char_start, citation.char_end):
                return {"before": r.before, "sentence": printed_text(r), "after": r.after}
        return fallback

    # -- documents -----------------------------------------------------------------------
    def _read(self, target: str | Path) -> tuple[Layout, DocMeta]:
        """A file path, or a stored doc_id (read again from the archive's copy of its original)."""
        record = self.store.doc(str(target))
        if record is not None:
            path = self.store.original_file(record)
            if path is None:
                raise LoadError(record.source, f"the original of stored document {record.doc_id} is gone "
                                               f"(it was read from {record.path}; ingest that file again)")
            raw = load(path, record.source)
        else:
            path = Path(target)
            if not path.exists():
                raise LoadError(str(target), "no such file, and no stored document with that id")
            raw = load(path)
        pieces = self._documents(raw)
        wanted = record.doc_id if record is not None else raw.doc_id
        return next(((lay, meta) for lay, meta in pieces if lay.doc.raw.doc_id == wanted), pieces[0])

    def extract(self, target: str | Path, llm: bool = False) -> Extraction:
        """Figures of a file (read now) or of a stored document (by doc_id).

        With ``llm`` the configured endpoint reads what the rules did not find; each of its
        figures is grounded in the text or rejected (the messages say which and why).
        """
        record = self.store.doc(str(target))
        if llm:
            return self._extract_with_llm(target)
        if record is not None:
            return Extraction(doc_id=record.doc_id, source=record.source, unit_name=record.unit,
                              fiscal_year=record.year, doc_type=record.doc_type,
                              figures=self.store.figures_of(record.doc_id))
        return extract_figures(*self._read(target))

    def _extract_with_llm(self, target: str | Path) -> Extraction:
        from extraction.llm_extract import llm_extract

        cfg = self.settings.llm
        if not cfg.configured:
            raise ConfigError("no LLM endpoint configured: set DISCLOSURE_LLM_BASE_URL and DISCLOSURE_LLM_MODEL "
                              "(and DISCLOSURE_LLM_API_KEY if the server needs one)")
        layout, meta = self._read(target)
        ex = extract_figures(layout, meta)
        found, messages = llm_extract(layout, meta, ex.figures, cfg.client())
        return ex.model_copy(update={"figures": ex.figures + found, "warnings": ex.warnings + messages})

    def disclosure(self, target: str | Path) -> Disclosure:
        """The document read as a whole: figures, sections, the summary and the project views."""
        return build_disclosure(*self._read(target))

    def check(self, target: str | Path, tolerance: Decimal = DEFAULT_TOLERANCE) -> list[CheckResult]:
        """Cross-checks of one document (figures, prose arithmetic, tables), fails first, each with the
        reviewer's mark when one was stored for it."""
        layout, meta = self._read(target)
        results = check_layout(layout, meta, tolerance)
        marks = self.store.dismissals(layout.doc.raw.doc_id)
        marked = [r.model_copy(update={"dismissed": marks[r.finding_id]}) if r.finding_id in marks else r
                  for r in results]
        return order(marked)  # fails first; within a status, the findings a reviewer marked come last

    def dismiss(self, target: str | Path, finding_id: str, reason: str, tolerance: Decimal = DEFAULT_TOLERANCE
                ) -> CheckResult:
        """Mark a finding (a fail or a warn) of a document as not a problem, with the reviewer's reason. The mark
        is stored with the document (its content hash and the finding id) and shown with the finding, which stays."""
        if not reason.strip():
            raise CheckError("a reason is required to mark a finding as not a problem (--reason \"…\")")
        layout, meta = self._read(target)
        results = check_layout(layout, meta, tolerance)
        finding = next((r for r in results if r.finding_id == finding_id), None)
        if finding is None or finding.status not in ("fail", "warn"):
            known = ", ".join(r.finding_id or "" for r in results if r.status in ("fail", "warn")) or "none"
            raise CheckError(f"{layout.doc.raw.source}: no fail or warn finding with id {finding_id} "
                             f"(findings that can be marked: {known})")
        mark = self.store.dismiss(layout.doc.raw.doc_id, finding_id, reason.strip(), finding.rule, finding.message)
        return finding.model_copy(update={"dismissed": mark})

    def undismiss(self, target: str | Path, finding_id: str) -> bool:
        """Take a reviewer's mark off a finding again."""
        layout, _ = self._read(target)
        return self.store.undismiss(layout.doc.raw.doc_id, finding_id)

    def export(self, fmt: str, out: Path, doc_ids: list[str] | None = None) -> tuple[Path, int]:
        """Write the stored figures of some (default: all) documents; returns the file and the row count."""
        from app.export import figure_rows, write

        records = [d for d in self.docs() if not doc_ids or d.doc_id in doc_ids]
        missing = set(doc_ids or []) - {d.doc_id for d in records}
        if missing:
            raise LoadError(", ".join(sorted(missing)), "no stored document with that id")
        if fmt not in ("json", "csv", "xlsx"):
            raise InputError(f"unknown export format {fmt!r}: use json, csv or xlsx")
        rows = figure_rows([(d, self.store.figures_of(d.doc_id)) for d in records])
        sheets: dict = {}
        if fmt == "xlsx":
            from app.export import check_rows, reason_rows

            reasons: dict[str, list[Reason]] = {}
            for doc_id, data in self.store.reasons_where(None, None):
                reasons.setdefault(doc_id, []).append(Reason.model_validate_json(data))
            sheets = {"checks": check_rows([(d, self._checks_or_note(d)) for d in records]),
                      "reasons": reason_rows([(d, reasons.get(d.doc_id, [])) for d in records])}
        try:
            return write(rows, fmt, out, **sheets), len(rows)
        except OSError as e:  # a folder that cannot be made, a directory given as the file, no permission
            raise InputError(f"cannot write {out}: {e.strerror or e}") from e

    def _checks_or_note(self, record: DocRecord) -> list[CheckResult]:
        """The document's findings; when its original cannot be read again, one skip saying why."""
        try:
            return self.check(record.doc_id)
        except DisclosureError as e:
            return [CheckResult(rule="document", description="读取原文件", status="skip",
                                message=f"未能核验：{one_line(str(e))}")]

    def original_file(self, doc_id: str) -> tuple[Path, DocRecord] | None:
        """The readable original of a stored document (the archive's copy) and its record, or None."""
        record = self.store.doc(doc_id)
        path = self.store.original_file(record) if record is not None else None
        return (path, record) if path is not None else None

    def original_text(self, citation: Citation) -> str | None:
        """The original text a citation's offsets point into (the file, or the PDF page), or None when the
        stored document's original cannot be found."""
        found = self.original_file(citation.doc_id)
        return original_text(found[0], citation.page) if found else None

    def page_image(self, citation: Citation, scale: float = 1.6):
        """The cited PDF page as a PNG with the quote highlighted (:class:`app.pageimage.PageImage`), or None
        for a text document, a citation without a page, or a stored original that is gone."""
        from app.pageimage import render_cited_page

        found = self.original_file(citation.doc_id)
        if found is None or found[0].suffix.lower() != ".pdf" or citation.page is None:
            return None
        try:
            return render_cited_page(found[0], citation.page, citation.quote, scale)
        except Exception as e:  # a page PDFium cannot draw: the text view still shows the quote
            raise LoadError(found[1].source, f"page {citation.page} cannot be drawn ({type(e).__name__}: {e})") from e

    def docs(self) -> list[DocRecord]:
        return self.store.docs()

    def overview(self, examples: int = 5):
        """The units, years and document types the archive holds, with example questions made from them."""
        from app.examples import overview

        return overview(self.docs(), examples)

    def remove(self, doc_id: str) -> bool:
        with self.store.writing():
            removed = self.store.remove(doc_id)
            if removed:
                self.store.rebuild_bm25()
        return removed

    # -- evaluation ----------------------------------------------------------------------
    def evaluate(self, gold_dir: Path | None = None, progress: Callable[[str, int, int], None] | None = None
                 ) -> EvalReport:
        """The shipped (or given) gold sets scored on the documents this store holds."""
        from app.evaluation.runner import GOLD_DIR, evaluate

        return evaluate(self, gold_dir or GOLD_DIR, progress=progress)


def _each_scope(question: str, answers: dict[Scope, Answer]) -> Answer | None:
    """A unit's department documents and its own (本级) answer differently: each, labelled, and how far apart one
    figure of the two is when that is asked; None when they agree or only one answers (that one is then the answer
    without a scope)."""
    from app.labels import scope as scope_words

    shown = {s: a for s, a in answers.items() if a.answerable}
    if len(shown) < 2 or len({a.answer for a in shown.values()}) == 1:
        return None
    first = next(iter(shown.values()))
    said = "\n".join(f"按{scope_words(s)}：{a.answer}" for s, a in shown.items())
    department, own = (shown[s].figures[:1] for s in (Scope.department, Scope.unit))
    if re.search(r"差多少|相差|差额|多多少|少多少|差距", question) and department and own and \
            department[0].key == own[0].key and department[0].unit == own[0].unit:
        gap = department[0].amount() - own[0].amount()
        said += f"\n部门比本级{'多' if gap >= 0 else '少'}{abs(gap)}{own[0].unit}（计算所得）。"
    return first.model_copy(update={
        "answer": said,
        "figures": [f for a in shown.values() for f in a.figures],
        "citations": [c for a in shown.values() for c in a.citations],
        "reasons": [r for a in shown.values() for r in a.reasons]})
