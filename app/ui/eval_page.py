"""评测: run the shipped gold sets (extraction, answers, retrieval) on the current archive; tables and charts."""

import pandas as pd
import streamlit as st

from app.ui.common import ready
from evals.answers import evaluate as evaluate_answers
from evals.answers import load_questions
from evals.extraction import load_extraction_gold, score_document
from evals.retrieval import evaluate as evaluate_retrieval
from evals.retrieval import load_gold

st.title("评测")
svc = ready()
if st.button("运行评测", key="run-eval"):
    rows = []
    sources = {d.source: d for d in svc.docs()}
    for doc, gold in sorted(load_extraction_gold().items()):
        if doc in sources:
            s = score_document(gold, svc.extract(sources[doc].doc_id).figures)
            rows.append({"文件": doc, "precision": s.precision, "recall": s.recall, "F1": s.f1,
                         "citation": s.citation_accuracy})
    st.subheader("抽取")
    frame = pd.DataFrame(rows)
    st.dataframe(frame, hide_index=True, width="stretch")
    if not frame.empty:
        st.bar_chart(frame.set_index("文件")[["precision", "recall", "F1"]])
    st.subheader("问答")
    a = evaluate_answers(svc.ask, load_questions())
    st.metric("答案准确率", f"{a.accuracy:.1%}", help=f"{a.correct}/{a.total}")
    st.dataframe(pd.DataFrame([{"类型": t, "正确": c, "总数": n} for t, (c, n) in sorted(a.by_type.items())]),
                 hide_index=True)
    st.caption(f"无法回答：precision {a.unanswerable_precision:.2f} · recall {a.unanswerable_recall:.2f}")
    st.subheader("检索 recall@5")
    gold = load_gold()
    retrieval = {m: evaluate_retrieval(lambda q, k, m=m: [h.citation for h in svc.search(q, k, mode=m)[0]], gold, m)
                 for m in ("dense", "bm25", "hybrid")}
    st.bar_chart(pd.Series({m: r.recall[5] for m, r in retrieval.items()}, name="recall@5"))
else:
    st.info("点击“运行评测”，用 evals/gold 中的标注集评测当前档案。")
