"""Uploaded files: size limit, type by content, a safe name to show. The bytes are kept by the store under
their content hash (:meth:`app.service.DisclosureService.ingest_uploads`), never under the uploaded name."""

from __future__ import annotations

import unicodedata

from core.errors import LoadError
from core.sanitise import one_line
from index.loaders import KIND_SUFFIX, check_suffix, sniff_kind

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_NAME_CHARS = 200


def safe_name(name: str) -> str:
    """The last part of an uploaded name, on one line, without leading dots: for showing only."""
    name = unicodedata.normalize("NFKC", name).replace("\\", "/").split("/")[-1]
    return one_line(name.strip()).lstrip(".").strip()[:MAX_NAME_CHARS]


def upload_name(name: str, kind: str) -> str:
    """The name an upload is shown by: its safe name with the suffix its content calls for (a text called
    ``report`` or ``report.text`` is shown as ``report.txt``); ``upload.<suffix>`` when nothing is left."""
    clean = safe_name(name)
    suffix = KIND_SUFFIX[kind]
    stem = clean.rsplit(".", 1)[0] if "." in clean else clean
    return f"{stem.strip() or 'upload'}{suffix}"


def check_upload(name: str, data: bytes) -> str:
    """The kind of an upload (pdf, docx, text); LoadError naming it when it is too big, empty or not a document."""
    shown = safe_name(name) or "upload"
    if not data:
        raise LoadError(shown, "empty upload (0 bytes)")
    if len(data) > MAX_UPLOAD_BYTES:
        raise LoadError(shown, f"too large ({len(data) // (1024 * 1024)} MB; the limit is "
                               f"{MAX_UPLOAD_BYTES // (1024 * 1024)} MB)")
    kind = sniff_kind(data)
    if "." in shown:
        check_suffix(shown, "." + shown.rsplit(".", 1)[1], kind)
    if kind == "zip":
        raise LoadError(shown, "a ZIP archive, not a PDF, DOCX or text file (unpack it first)")
    if kind not in KIND_SUFFIX:
        raise LoadError(shown, f"not a PDF, DOCX or text file (content looks like {kind})")
    return kind  # whether a "text" is really text (encoding, binary) the loader decides, naming the upload
