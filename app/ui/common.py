"""What every page shares: the service (cached), the sample archive on first start, citation display."""

from __future__ import annotations

import html
from pathlib import Path

import streamlit as st

from app.evaluation.runner import sample_archive
from app.service import DisclosureService
from core.schemas import Citation


@st.cache_resource
def service() -> DisclosureService:
    return DisclosureService()


def ready() -> DisclosureService:
    """The service, with the sample archive ingested on the very first start (with a progress bar)."""
    svc = service()
    if not svc.docs():
        bar = st.progress(0.0, text="首次启动：正在导入示例档案…")

        def progress(name: str, done: int, total: int) -> None:
            bar.progress(done / max(total, 1), text=f"导入 {name} ({done}/{total})" if name else "导入完成")

        for o in svc.ingest(sample_archive(), progress=progress):
            if o.status == "error":
                st.warning(f"{o.source}: {o.message}")
        bar.empty()
    return svc


def where(c: Citation) -> str:
    return c.where("zh", source=True)


def show_citation(c: Citation, svc: DisclosureService, key: str, context: int = 120) -> None:
    """A cited passage: where it is, the quote highlighted in its surrounding text, and the original page/file."""
    with st.expander(f"{c.unit or ''} {c.year or ''} · {where(c)}"):
        original = svc.original_text(c)
        if original is not None and original[c.char_start:c.char_end] == c.quote:
            before = original[max(0, c.char_start - context):c.char_start]
            after = original[c.char_end:c.char_end + context]
            body = (html.escape(before) + f"<mark>{html.escape(c.quote)}</mark>" + html.escape(after))
        else:
            body = f"<mark>{html.escape(c.quote)}</mark>"
        st.markdown(f"<div class='quote' style='white-space:pre-wrap'>{body}</div>", unsafe_allow_html=True)
        data, name, mime = _download(svc, c)
        if data is not None:
            st.download_button("下载原文件" if mime != "text/plain" else "下载原文", data, file_name=name, mime=mime,
                               key=f"dl-{key}")


def _record_path(svc: DisclosureService, c: Citation) -> Path | None:
    record = svc.store.doc(c.doc_id)
    return Path(record.path) if record and Path(record.path).exists() else None


def _download(svc: DisclosureService, c: Citation):
    path = _record_path(svc, c)
    if path is None:
        return None, None, None
    if path.suffix.lower() == ".pdf":
        import io

        import pypdf

        writer = pypdf.PdfWriter()
        writer.add_page(pypdf.PdfReader(path).pages[(c.page or 1) - 1])
        buf = io.BytesIO()
        writer.write(buf)
        return buf.getvalue(), f"{path.stem}_p{c.page}.pdf", "application/pdf"
    return path.read_bytes(), path.name, "text/plain"
