"""抽取与核验: a document's figures, the cross-check results (coloured), charts and exports."""

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from app.ui.common import ready, where
from core.vocabulary import label_of

STATUS_COLOUR = {"pass": "#d4edda", "warn": "#fff3cd", "fail": "#f8d7da", "skip": "#e2e3e5"}
SUMMARY = ("basic_expenditure", "project_expenditure", "ending_carryover")
THREE = ("overseas_travel", "vehicle_purchase", "vehicle_operation", "official_reception")

st.title("抽取与核验")
svc = ready()
docs = svc.docs()
choice = st.selectbox("文件", [f"{d.source} · {d.unit} · {d.year}" for d in docs], key="doc")
doc = docs[[f"{d.source} · {d.unit} · {d.year}" for d in docs].index(choice)]
figures = svc.extract(doc.doc_id).figures
st.subheader(f"抽取的数字（{len(figures)}）")
st.dataframe(pd.DataFrame([{"key": f.key, "value": f.value, "unit": f.unit, "来源": f.source_kind, "出处": where(f.citation),
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
counts = {s: sum(c.status == s for c in checks) for s in STATUS_COLOUR}
st.caption(" · ".join(f"{k} {v}" for k, v in counts.items()))
table = pd.DataFrame([{"status": c.status, "级别": c.severity or "", "编号": c.finding_id or "", "rule": c.rule,
                       "说明": c.message, "出处": "；".join(where(x) for x in c.citations),
                       "复核标记": f"非问题：{c.dismissed.reason}" if c.dismissed else ""} for c in checks])
if not table.empty:
    st.dataframe(table.style.apply(lambda row: [f"background-color: {STATUS_COLOUR[row['status']]}"] * len(row), axis=1),
                 hide_index=True, width="stretch")

st.subheader("导出")
cols = st.columns(3)
for col, fmt, mime in zip(cols, ("csv", "xlsx", "json"),
                          ("text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           "application/json"), strict=True):
    out = Path(tempfile.mkdtemp()) / f"{Path(doc.source).stem}_figures.{fmt}"
    svc.export(fmt, out, [doc.doc_id])
    col.download_button(f"下载 {fmt.upper()}", out.read_bytes(), file_name=out.name, mime=mime, key=f"export-{fmt}")
