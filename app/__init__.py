"""The service layer, the CLI and the Streamlit UI."""
