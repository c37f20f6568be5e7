"""Paths, dates and the index folder layout shared by the tests."""
from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "nx-gazette-2022-15.txt"
SHARED = Path(os.environ.get("ASSISTANT_SHARED", ROOT.parent / "shared"))
TODAY = date(2026, 11, 29)


def kb_config(base: Path, *sources: Path):
    """A Config whose corpus/ under `base` holds copies of `sources`, its index/ the repo's converted model."""
    from assistant.config import Config

    corpus = base / "corpus"
    corpus.mkdir()
    for src in sources:
        shutil.copy(src, corpus / src.name)
    (base / "index").mkdir()
    models = Config().models_dir        # share the converted model, do not convert twice
    (base / "index" / "models").symlink_to(models, target_is_directory=True)
    return Config(corpus=corpus, index=base / "index", data=base / "data")
