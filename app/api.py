"""The service API (服务接口) behind ``disclosure serve``: FastAPI over :class:`app.service.DisclosureService`.

Every route calls the service and answers with the same JSON as the matching CLI command with ``--json``
(the same pydantic models, dumped the same way). Errors have one shape, ``{"error": {"type", "message"}}``,
never a traceback. With ``DISCLOSURE_API_KEY`` set, every route but ``/health`` and the OpenAPI docs asks for
``Authorization: Bearer <key>`` or ``X-API-Key: <key>``. Bodies are limited: an upload request to the
project's upload limit (:data:`app.uploads.MAX_UPLOAD_BYTES`), any other request to 64 KB.
"""

from __future__ import annotations

import hmac
import logging
import shutil
import sqlite3
import tempfile
import uuid
from decimal import Decimal
from http import HTTPStatus
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, FastAPI, File, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field, SecretStr
from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Receive, Send
from starlette.types import Scope as ASGIScope

from app.conversation import Conversations
from app.service import DisclosureService
from app.uploads import MAX_UPLOAD_BYTES
from core.errors import (
    CheckError,
    ConfigError,
    DisclosureError,
    EmbedError,
    InputError,
    LLMError,
    LoadError,
    StoreError,
)
from core.sanitise import one_line
from core.schemas import (
    Answer,
    CheckResult,
    Disclosure,
    DocRecord,
    DocType,
    EvalReport,
    Extraction,
    IngestOutcome,
    ParsedQuestion,
    Scope,
    SearchHit,
)

log = logging.getLogger("disclosure.api")

MAX_JSON_BYTES = 64 * 1024  # any request but an upload (a question is at most 500 characters)
MULTIPART_OVERHEAD = 1024 * 1024  # part headers and boundaries of an upload request
EXPORT_MEDIA = {"csv": "text/csv; charset=utf-8", "json": "application/json",
                "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
ERROR_STATUS: tuple[tuple[type[DisclosureError], int], ...] = (
    (InputError, 400), (ConfigError, 400), (CheckError, 400), (LoadError, 404),
    (LLMError, 502), (EmbedError, 502), (StoreError, 503),
)


# -- the contract: the CLI's --json shapes, as models (for the OpenAPI docs) -----------------------
class ErrorDetail(BaseModel):
    type: str = Field(description="InputError, ConfigError, NotFound, Unauthorized, TooLarge, InternalError…")
    message: str = Field(description="what went wrong, on one line")


class ErrorBody(BaseModel):
    error: ErrorDetail


class Health(BaseModel):
    status: Literal["ok"] = "ok"


class IngestReply(BaseModel):
    files: list[IngestOutcome]
    docs: int = Field(description="documents the store holds now")
    chunks: int = Field(description="passages the store holds now")


class DocsReply(BaseModel):
    docs: list[DocRecord]


class CorrectRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    unit: str | None = Field(default=None, min_length=1, max_length=200, description="the unit's official name")
    year: int | None = Field(default=None, ge=1900, le=2100, description="the fiscal year")
    type: DocType | None = Field(default=None, description="final_accounts, budget, performance_target…")
    scope: Scope | None = Field(default=None, description="department (部门) or unit (单位, 本级)")


class DocReply(BaseModel):
    doc: DocRecord


class RemoveReply(BaseModel):
    doc_id: str
    removed: bool


class DismissRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    finding_id: str = Field(min_length=1, max_length=200, description="the finding's id (from /check)")
    reason: str = Field(min_length=1, max_length=2000, description="why it is not a problem (kept with the mark)")


class DismissReply(BaseModel):
    dismissed: CheckResult


class UndismissReply(BaseModel):
    finding_id: str
    undismissed: bool


class SearchReply(BaseModel):
    query: ParsedQuestion
    hits: list[SearchHit]


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: str = Field(min_length=1, description="a question in plain Chinese (at most 500 characters)")
    conversation_id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_.:-]{1,64}$",
                                        description="the id of an earlier reply: a follow-up (那去年呢？) takes the "
                                                    "unit, year and metric it leaves out from that conversation")


class AskReply(Answer):
    conversation_id: str = Field(description="send it with the next question to continue the conversation")
    parsed: ParsedQuestion = Field(description="the question as read, with what was carried from the last turn")


class ReasonsReply(BaseModel):
    reasons: list[dict]


class ChecksReply(BaseModel):
    checks: list[CheckResult]


class EvalReply(BaseModel):
    headline: dict[str, float]
    report: EvalReport
    threshold_failures: list[str]


ERRORS = {status: {"model": ErrorBody} for status in (400, 401, 404, 413, 500)}


# -- errors and limits -------------------------------------------------------------------------------
def error_response(status: int, kind: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    """The one error shape of the API."""
    return JSONResponse({"error": {"type": kind, "message": one_line(" ".join(str(message).split()))}},
                        status_code=status, headers=headers)


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase.replace(" ", "").replace("-", "")
    except ValueError:
        return "Error"


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for e in exc.errors()[:5]:
        where = " ".join(str(x) for x in e.get("loc", ()) if x != "body") or "request"
        parts.append(f"{where}: {e.get('msg', 'invalid')}")
    return "; ".join(parts)


def add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(_request: Request, exc: HTTPException) -> JSONResponse:
        kind = {401: "Unauthorized", 404: "NotFound", 413: "TooLarge"}.get(exc.status_code, _phrase(exc.status_code))
        return error_response(exc.status_code, kind, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def bad_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(400, "InputError", _validation_message(exc))

    @app.exception_handler(DisclosureError)
    async def service_error(_request: Request, exc: DisclosureError) -> JSONResponse:
        status = next((code for cls, code in ERROR_STATUS if isinstance(exc, cls)), 500)
        return error_response(status, type(exc).__name__, str(exc))

    @app.exception_handler(sqlite3.DatabaseError)
    async def store_error(_request: Request, exc: sqlite3.DatabaseError) -> JSONResponse:
        log.error("store catalog unreadable: %s", exc)
        return error_response(503, "StoreError", "the store's catalog cannot be read; see the server log")

    @app.exception_handler(Exception)
    async def internal_error(_request: Request, exc: Exception) -> JSONResponse:
        log.error("unexpected %s", type(exc).__name__, exc_info=exc)  # the traceback goes to the log only
        return error_response(500, "InternalError", "internal error; see the server log")


class BodyLimit:
    """Refuses a request whose body is larger than its limit with 413: at once when its Content-Length says
    so, else (a chunked body) as soon as the bytes received pass the limit; the app's reply is then replaced."""

    def __init__(self, app: ASGIApp, upload_limit: int, other_limit: int = MAX_JSON_BYTES) -> None:
        self.app, self.upload_limit, self.other_limit = app, upload_limit, other_limit

    async def __call__(self, scope: ASGIScope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        upload = scope["path"] == "/ingest"
        limit = self.upload_limit + MULTIPART_OVERHEAD if upload else self.other_limit
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        if not declared.isdigit() or int(declared) > limit:
            await self._refuse(upload, scope, receive, send)
            return
        state = {"received": 0, "over": False}

        async def counted():
            message = await receive()
            if message["type"] == "http.request":
                state["received"] += len(message.get("body", b""))
                if state["received"] > limit:
                    state["over"] = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded(message) -> None:
            if not state["over"]:
                await send(message)

        try:
            await self.app(scope, counted, guarded)
        except Exception:
            if not state["over"]:
                raise
        if state["over"]:
            await self._refuse(upload, scope, receive, send)

    async def _refuse(self, upload: bool, scope: ASGIScope, receive: Receive, send: Send) -> None:
        message = (f"upload too large: the files of one request may hold at most {_size(self.upload_limit)}"
                   if upload else f"request body too large: at most {_size(self.other_limit)}")
        await error_response(413, "TooLarge", message)(scope, receive, send)


def _size(n: int) -> str:
    return f"{n / 1024 ** 2:.4g} MB" if n >= 1024 ** 2 else f"{n / 1024:.4g} KB"


# -- dependencies ------------------------------------------------------------------------------------
_bearer = HTTPBearer(auto_error=False, description="Authorization: Bearer <DISCLOSURE_API_KEY>")
_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="X-API-Key: <DISCLOSURE_API_KEY>")


def require_key(request: Request,
                bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
                key: Annotated[str | None, Depends(_key_header)]) -> None:
    """Every route but /health: the API key, when one is set (compared in constant time)."""
    expected: SecretStr | None = request.app.state.api_key
    if expected is None:
        return
    given = bearer.credentials if bearer is not None else key
    if not given or not hmac.compare_digest(given.encode(), expected.get_secret_value().encode()):
        raise HTTPException(401, "missing or wrong API key: send Authorization: Bearer <key> or X-API-Key: <key>",
                            headers={"WWW-Authenticate": "Bearer"})


def get_service(request: Request) -> DisclosureService:
    return request.app.state.service


Service = Annotated[DisclosureService, Depends(get_service)]


def stored(svc: DisclosureService, doc_id: str) -> DocRecord:
    """A stored document (the API reads stored documents only, never a path on the server), else 404."""
    record = svc.store.doc(doc_id)
    if record is None:
        raise HTTPException(404, f"no stored document with id {doc_id}")
    return record


def _json(data) -> JSONResponse:
    return JSONResponse(data)


# -- routes ------------------------------------------------------------------------------------------
router = APIRouter(dependencies=[Depends(require_key)], responses=ERRORS)


@router.post("/ingest", response_model=IngestReply, summary="上传并入库文件（PDF、DOCX、TXT）")
def ingest(svc: Service, request: Request,
           files: Annotated[list[UploadFile], File(description="one or more files")]) -> JSONResponse:
    limit = request.app.state.upload_limit
    uploads = [(f.filename or "upload", f.file.read(limit + 1)) for f in files]
    for name, data in uploads:
        if len(data) > limit:
            raise HTTPException(413, f"upload too large: {one_line(name)} is over {_size(limit)}")
    outcomes = svc.ingest_uploads(uploads)
    return _json({"files": [o.model_dump(mode="json") for o in outcomes], "docs": len(svc.docs()),
                  "chunks": svc.store.chunk_count()})


@router.get("/documents", response_model=DocsReply, summary="已入库的文件（单位、年度、类型）")
def documents(svc: Service) -> JSONResponse:
    return _json({"docs": [d.model_dump(mode="json") for d in svc.docs()]})


@router.patch("/documents/{doc_id}", response_model=DocReply,
              summary="更正文件的单位、年度、类型或范围（重新导入后仍保留；同 docs --set）")
def correct(svc: Service, doc_id: str, body: CorrectRequest) -> JSONResponse:
    stored(svc, doc_id)
    changes = {k: str(v) for k, v in body.model_dump(mode="json", exclude_none=True).items()}
    if not changes:
        raise InputError("nothing to correct: give unit, year, type or scope")
    return _json({"doc": svc.correct(doc_id, changes).model_dump(mode="json")})


@router.delete("/documents/{doc_id}", response_model=RemoveReply, summary="移除一份文件（同 remove）")
def remove(svc: Service, doc_id: str) -> JSONResponse:
    stored(svc, doc_id)
    return _json({"doc_id": doc_id, "removed": svc.remove(doc_id)})


@router.get("/search", response_model=SearchReply, summary="混合检索，带出处")
def search(svc: Service, q: Annotated[str, Query(min_length=1, description="the question or words")],
           k: Annotated[int, Query(ge=1, le=100)] = 5, unit: str | None = None,
           year: Annotated[int | None, Query(ge=1900, le=2100)] = None,
           doc_type: Annotated[DocType | None, Query(alias="type")] = None,
           mode: Literal["hybrid", "dense", "bm25"] = "hybrid") -> JSONResponse:
    hits, parsed = svc.search(q, k=k, unit=unit, year=year, doc_type=doc_type, mode=mode)
    return _json({"query": parsed.model_dump(mode="json"), "hits": [h.model_dump(mode="json") for h in hits]})


@router.post("/ask", response_model=AskReply, summary="问答（可带对话 id，追问沿用上一轮的单位、年度、指标）")
def ask(svc: Service, request: Request, body: AskRequest) -> JSONResponse:
    conversations: Conversations = request.app.state.conversations
    cid = body.conversation_id or uuid.uuid4().hex
    answer, parsed = svc.ask_turn(body.question, conversations.last(cid))
    conversations.remember(cid, parsed)
    return _json(answer.model_dump(mode="json") | {"conversation_id": cid, "parsed": parsed.model_dump(mode="json")})


@router.get("/reasons", response_model=ReasonsReply, summary="原因说明：以往怎样解释变化")
def reasons(svc: Service, q: Annotated[str, Query(min_length=1, description="e.g. 公务接待费 减少")],
            k: Annotated[int, Query(ge=1, le=100)] = 10,
            unit: Annotated[str | None, Query(max_length=100, description="单位 (a name or an abbreviation)")] = None,
            year: Annotated[int | None, Query(ge=1900, le=2100)] = None,
            direction: Annotated[Literal["增加", "减少"] | None,
                                 Query(description="only explanations of a change in this direction")] = None,
            ) -> JSONResponse:
    """Each reason: ``text`` (the sentence as printed), ``reason``, the figure explained, ``citation`` and
    ``context`` (``before`` / ``sentence`` / ``after``: the sentences around it) — the filters of the 原因说明 page."""
    return _json({"reasons": svc.reasons(q, k=k, unit=unit, year=year, direction=direction)})


@router.get("/extract/{doc_id}", response_model=Extraction | Disclosure, summary="提取一个文件的数字")
def extract(svc: Service, doc_id: str, view: bool = False, llm: bool = False) -> JSONResponse:
    stored(svc, doc_id)
    result = svc.disclosure(doc_id) if view else svc.extract(doc_id, llm=llm)
    return _json(result.model_dump(mode="json"))


@router.get("/check/{doc_id}", response_model=ChecksReply, summary="交叉核对一个文件")
def check(svc: Service, doc_id: str,
          tolerance: Annotated[Decimal, Query(ge=0, le=10000, description="rounding tolerance in 万元")]
          = Decimal("0.01")) -> JSONResponse:
    stored(svc, doc_id)
    return _json({"checks": [c.model_dump(mode="json") for c in svc.check(doc_id, tolerance=tolerance)]})


@router.post("/check/{doc_id}/dismissals", response_model=DismissReply,
             summary="把一条错误或提示标记为非问题（附理由；同 check --dismiss）")
def dismiss(svc: Service, doc_id: str, body: DismissRequest) -> JSONResponse:
    stored(svc, doc_id)
    return _json({"dismissed": svc.dismiss(doc_id, body.finding_id, body.reason).model_dump(mode="json")})


@router.delete("/check/{doc_id}/dismissals/{finding_id}", response_model=UndismissReply,
               summary="取消对一条核验结果的标记（同 check --undismiss）")
def undismiss(svc: Service, doc_id: str, finding_id: str) -> JSONResponse:
    stored(svc, doc_id)
    if not svc.undismiss(doc_id, finding_id):
        raise HTTPException(404, f"finding {finding_id} of document {doc_id} has no mark")
    return _json({"finding_id": finding_id, "undismissed": True})


@router.get("/export", summary="导出数字（xlsx、csv、json 下载）",
            responses={200: {"content": {m: {} for m in EXPORT_MEDIA.values()}, "description": "the file"}})
def export(svc: Service, fmt: Annotated[Literal["xlsx", "csv", "json"], Query(alias="format")] = "xlsx",
           doc: Annotated[list[str] | None, Query(description="a doc_id (repeatable); default all")] = None
           ) -> FileResponse:
    for doc_id in doc or []:
        stored(svc, doc_id)
    folder = Path(tempfile.mkdtemp(prefix="disclosure-export-"))
    try:
        path, _rows = svc.export(fmt, folder / f"figures.{fmt}", doc or None)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return FileResponse(path, media_type=EXPORT_MEDIA[fmt], filename=path.name,
                        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True))


@router.post("/eval", response_model=EvalReply, summary="用金标准评测本库")
def evaluate(svc: Service, check: bool = False) -> JSONResponse:
    from app.evaluation import report as reports

    report = svc.evaluate()
    failures = reports.check_thresholds(report, reports.load_thresholds()) if check else []
    return _json({"headline": reports.headline(report), "report": report.model_dump(mode="json"),
                  "threshold_failures": failures})


def create_app(service: DisclosureService | None = None, *, upload_limit: int = MAX_UPLOAD_BYTES) -> FastAPI:
    """The API over ``service`` (default: one opened from the environment's settings). One service per process;
    the app, the CLI and other processes can share its store."""
    svc = service or DisclosureService()
    app = FastAPI(title="披露问答 Disclosure Q&A", version="0.1.0",
                  description="Cited search, questions, extraction and checks over Chinese budget disclosures. "
                              "The JSON of each route is that of the CLI command with --json.")
    app.state.service = svc
    app.state.api_key = svc.settings.api_key
    app.state.conversations = Conversations()
    app.state.upload_limit = upload_limit
    add_error_handlers(app)

    @app.get("/health", response_model=Health, summary="存活检查（无需密钥）")
    def health() -> JSONResponse:
        return _json({"status": "ok"})

    app.include_router(router)
    app.add_middleware(BodyLimit, upload_limit=upload_limit)
    return app
