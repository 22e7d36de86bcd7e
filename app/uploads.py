"""Saving uploaded files safely: size limit, type by content, sanitised names, no path traversal."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from core.errors import LoadError
from index.loaders import sniff_kind

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
_KIND_SUFFIX = {"pdf": ".pdf", "docx": ".docx", "text": ".txt"}


def safe_name(name: str) -> str:
    """A file name that stays inside the upload folder: no folders, no dots in front, no odd characters."""
    name = unicodedata.normalize("NFKC", name).replace("\\", "/").split("/")[-1]
    name = re.sub(r"[^\w.\-\u4e00-\u9fff（）()]+", "_", name).lstrip(".") or "upload"
    return name[:120]


def save_upload(folder: Path, name: str, data: bytes) -> Path:
    """Store one upload; raise LoadError naming the file when it is too big, empty or not a document."""
    if not data:
        raise LoadError(name, "empty upload (0 bytes)")
    if len(data) > MAX_UPLOAD_BYTES:
        raise LoadError(name, f"too large ({len(data) // (1024 * 1024)} MB; the limit is {MAX_UPLOAD_BYTES // (1024 * 1024)} MB)")
    kind = sniff_kind(data)
    if kind not in _KIND_SUFFIX:
        raise LoadError(name, f"not a PDF, DOCX or text file (content looks like {kind})")
    if kind == "text" and b"\x00" in data[:4096]:
        raise LoadError(name, "binary content, not a PDF, DOCX or text file")
    clean = safe_name(name)
    stem = Path(clean).stem or "upload"
    target = folder / f"{stem}{_KIND_SUFFIX[kind]}"  # the suffix follows the content, not the name
    folder.mkdir(parents=True, exist_ok=True)
    resolved = target.resolve()
    if folder.resolve() not in resolved.parents:
        raise LoadError(name, "file name points outside the upload folder")
    target.write_bytes(data)
    return target
