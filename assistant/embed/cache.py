"""An embedding cache keyed by (model, SHA-1 of the text): re-indexing re-embeds only what changed.

    cache = EmbeddingCache(index_dir / "embed-cache", model_name)
    vectors = cache.embed(texts, embedder.embed_passages)   # hits come from disk, misses are encoded
    cache.save()

The cache is one .npz per model (keys and float32 vectors), written to a temp
file and renamed, so a crash never leaves a half-written cache behind.
"""
from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np


class EmbeddingCache:
    def __init__(self, folder: Path, model: str):
        self.path = folder / (re.sub(r"[^\w.-]+", "_", model) + ".npz")
        self._vectors: dict[bytes, np.ndarray] = {}
        self.hits = self.misses = 0
        if self.path.exists():
            try:
                with np.load(self.path) as data:   # NumPy's S20 drops a digest's trailing zero bytes: pad back
                    self._vectors = {k.ljust(20, b"\0"): v for k, v in zip(data["keys"].tolist(), data["vectors"])}
            except (OSError, ValueError, KeyError):
                self._vectors = {}      # a damaged cache is only a slower build

    @staticmethod
    def key(text: str) -> bytes:
        return hashlib.sha1(text.encode("utf-8")).digest()

    def embed(self, texts: list[str], encode: Callable[[list[str]], np.ndarray]) -> np.ndarray:
        keys = [self.key(t) for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in self._vectors))
        self.hits, self.misses = len(texts) - len(missing), len(missing)
        if missing:
            by_key = dict(zip(keys, texts))
            fresh = encode([by_key[k] for k in missing])
            self._vectors.update(zip(missing, np.asarray(fresh, dtype=np.float32)))
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([self._vectors[k] for k in keys]).astype(np.float32)

    def save(self, keep: set[bytes] | None = None) -> None:
        """Write the cache; with `keep`, only those keys (drops vectors of texts no longer indexed)."""
        items = [(k, v) for k, v in self._vectors.items() if keep is None or k in keep]
        if not items:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(f".tmp{os.getpid()}.npz")
        np.savez(tmp, keys=np.array([k for k, _ in items], dtype="S20"),
                 vectors=np.stack([v for _, v in items]).astype(np.float32))
        os.replace(tmp, self.path)
