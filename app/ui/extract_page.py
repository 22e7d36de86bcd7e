"""抽取与核验: a document's figures, the cross-check results (coloured), charts and exports."""

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from app import labels
from app.ui.common import ready
from core.vocabulary import label_of

STATUS_COLOUR = {"错误": "#f8d7da", "提示": "#fff3cd", "通过": "#d4edda", "跳过": "#e2e3e5"}
SUMMARY = ("basic_expenditure", "project_expenditure", "ending_carryover")
THREE = ("overseas_travel", "vehicle_purchase", "vehicle_operation", "official_reception")

st.title("抽取与核验")
svc = ready()
docs = {d.doc_id: d for d in svc.docs()}
chosen = st.selectbox("文件", list(docs), key="doc", format_func=lambda i: labels.doc_label(docs[i]))
doc = docs[chosen]
figures = svc.extract(doc.doc_id).figures
st.subheader(f"抽取的数字（{len(figures)}）")
st.dataframe(pd.DataFrame([{"指标": label_of(f.key), "数值": f.value, "单位": f.unit,
                            "来源": labels.SOURCE_KIND.get(f.source_kind, f.source_kind), "出处": f.citation.where("zh"),
                            "引文": f.citation.quote[:80]} for f in figures]), hide_index=True, width="stretch")

c1, c2 = st.columns(2)
by_key = {f.key: f for f in figures if f.unit == "万元"}
structure = {label_of(k): float(by_key[k].value) for k in SUMMARY if k in by_key}
if structure:
    c1.caption("支出结构（万元）")
    c1.bar_chart(pd.Series(structure, name="万元"))
three = {label_of(k): float(by_key[k].value) for k in THREE if k in by_key}
if three:
    c2.caption("“三公”经费构成（万元）")
    c2.bar_chart(pd.Series(three, name="万元"))

st.subheader("交叉核验")
checks = svc.check(doc.doc_id)
counts = {word: sum(labels.status(c.status) == word for c in checks) for word in STATUS_COLOUR}
st.caption("核验结果：" + " · ".join(f"{k} {v}" for k, v in counts.items()))
table = pd.DataFrame([{"结果": labels.status(c.status), "核验项": c.description, "说明": c.message,
                       "出处": "；".join(x.where("zh") for x in c.citations), "编号": c.finding_id or "",
                       "复核标记": f"非问题：{c.dismissed.reason}" if c.dismissed else ""} for c in checks])
if not table.empty:
    st.dataframe(table.style.apply(lambda row: [f"background-color: {STATUS_COLOUR[row['结果']]}"] * len(row), axis=1),
                 hide_index=True, width="stretch")

st.subheader("导出")
cols = st.columns(3)
stem = labels.doc_label(doc).replace(" · ", "_")
EXPORTS = (("xlsx", "下载 Excel（数字、核查、原因说明）", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
           ("csv", "下载 CSV（数字）", "text/csv"), ("json", "下载 JSON（数字）", "application/json"))
for col, (fmt, text, mime) in zip(cols, EXPORTS, strict=True):
    out = Path(tempfile.mkdtemp()) / f"{stem}.{fmt}"
    svc.export(fmt, out, [doc.doc_id])
    col.download_button(text, out.read_bytes(), file_name=out.name, mime=mime, key=f"export-{fmt}")
