"""文档: upload PDF/TXT/DOCX (checked by content, size-limited, kept by content hash), list and remove documents."""

import streamlit as st

from app.ui.common import ready
from app.uploads import MAX_UPLOAD_BYTES

st.title("文档")
svc = ready()
files = st.file_uploader("上传公开文件（PDF、TXT、DOCX）", accept_multiple_files=True, key="uploads",
                         help=f"单个文件不超过 {MAX_UPLOAD_BYTES // (1024 * 1024)} MB；类型按内容判断，不按扩展名。")
if files and st.button("导入", key="do-ingest"):
    bar = st.progress(0.0, text="导入中…")
    outcomes = svc.ingest_uploads([(f.name, f.getvalue()) for f in files],
                                  progress=lambda n, d, t: bar.progress(d / max(t, 1), text=f"{n} ({d}/{t})"))
    bar.empty()
    for o in outcomes:
        if o.status == "error":
            st.error(f"{o.source}: {o.message}")
        elif o.status == "skipped":
            st.warning(f"{o.source}: {o.message}")
        else:
            st.success(f"{o.source}: {o.status}，{o.chunks} 个段落" + (f"（{o.message}）" if o.message else ""))
docs = svc.docs()
st.subheader(f"已导入 {len(docs)} 份文件")
st.dataframe(
    [{"doc_id": d.doc_id, "文件": d.source, "单位": d.unit, "年度": d.year, "类型": d.doc_type.value,
      "页数": d.pages, "段落": d.chunks} for d in docs],
    hide_index=True, width="stretch",
)
if docs:
    remove = st.selectbox("移除文件", ["—", *[f"{d.doc_id} {d.source}" for d in docs]], key="remove")
    if remove != "—" and st.button("确认移除", key="do-remove"):
        svc.remove(remove.split()[0])
        st.rerun()
