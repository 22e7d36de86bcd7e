"""披露问答 — the Streamlit front end. Run: streamlit run app/streamlit_app.py (or `make run`)."""

import streamlit as st

st.set_page_config(page_title="披露问答 Disclosure Q&A", layout="wide")
pages = [
    st.Page("ui/ask_page.py", title="问答", default=True),
    st.Page("ui/reasons_page.py", title="原因说明"),
    st.Page("ui/docs_page.py", title="文档"),
    st.Page("ui/extract_page.py", title="抽取与核验"),
    st.Page("ui/eval_page.py", title="评测"),
]
st.navigation(pages).run()
