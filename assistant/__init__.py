"""Policy knowledge-base assistant for the Ningxia 12345 hotline's enterprise service zone.

text → Document → Section → Chunk → index (FAISS + BM25) → Hit → Answer → UI.
`Assistant` (assistant.api) is the Python entry point; `python -m assistant` the CLI.
"""


def __getattr__(name):
    if name == "Assistant":      # lazy: importing the package loads no model or index
        from .api import Assistant

        return Assistant
    raise AttributeError(name)
