"""Streamlit pages: widgets only; every behaviour is a call into app.service."""
