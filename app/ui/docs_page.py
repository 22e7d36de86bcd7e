"""文档: upload PDF/TXT/DOCX (checked by content, size-limited, kept by content hash), list and remove documents."""

import streamlit as st

from app import labels
from app.ui.common import ready
from app.uploads import MAX_UPLOAD_BYTES

st.title("文档")
svc = ready()
files = st.file_uploader("上传公开文件（PDF、TXT、DOCX）", accept_multiple_files=True, key="uploads",
                         help=f"单个文件不超过 {MAX_UPLOAD_BYTES // (1024 * 1024)} MB；类型按内容判断，不按扩展名。")
if files and st.button("导入", key="do-ingest"):
    bar = st.progress(0.0, text="导入中…")
    outcomes = svc.ingest_uploads([(f.name, f.getvalue()) for f in files],
                                  progress=lambda n, d, t: bar.progress(
                                      d / max(t, 1), text=f"正在导入 {n}（{d}/{t}，PDF 每读一页进一步）" if n else "导入完成"))
    bar.empty()
    for o in outcomes:
        show = {"error": st.error, "skipped": st.warning}.get(o.status, st.success)
        show(labels.outcome(o))
docs = svc.docs()
st.subheader(f"已导入 {len(docs)} 份文件")
st.dataframe(
    [{"文档": labels.doc_label(d), "单位": d.unit or "未识别", "年度": d.year, "类型": labels.doc_type(d.doc_type),
      "范围": labels.scope(d.scope), "包含": "、".join(dict.fromkeys(labels.doc_type(p.doc_type) for p in d.parts)),
      "上传文件名": labels.shown_file_name(d.source), "页数": d.pages, "段落": d.chunks} for d in docs],
    hide_index=True, width="stretch",
)
if docs:
    by_id = {d.doc_id: d for d in docs}
    remove = st.selectbox("移除文件", ["", *by_id], key="remove",
                          format_func=lambda i: labels.doc_label(by_id[i]) if i else "—")
    if remove and st.button("确认移除", key="do-remove"):
        svc.remove(remove)
        st.rerun()
