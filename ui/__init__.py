"""The Gradio chat for the policy knowledge base.

ui.app     build_app(config) → gr.Blocks; serve(config, host, port, auth) runs it (CLI: `python -m assistant serve`)
ui.render  library records and chat turns → escaped HTML
ui.ledger  the SQLite feedback ledger (questions, 👍/👎, coverage gaps; CSV export)
"""
