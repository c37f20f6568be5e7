"""The plain llama-index peer: SentenceSplitter(1024, 200) + VectorStoreIndex (default in-memory store), same encoder.

    embed = peer_embedding(model_dir)                       # HuggingFaceEmbedding with the e5 prompts
    index, seconds = build_peer(files, embed)
    result = score_peer(index.as_retriever(similarity_top_k=10), items)

`SyntheticPeerEmbedding` gives every node a pseudo-random unit vector (seeded by
its text) and encodes queries with the real model: for corpus sizes whose nodes
cannot be encoded in the time available it measures the peer's splitting,
indexing and query cost only; its ranking quality means nothing.
"""
from __future__ import annotations

import hashlib
import time
from pathlib import Path

import numpy as np

from assistant.evaluate import contains_quote, rank_metrics, summarise

CHUNK_SIZE, CHUNK_OVERLAP = 1024, 200


def peer_embedding(model_dir: Path):
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

    return HuggingFaceEmbedding(model_name=str(model_dir), query_instruction="query: ",
                                text_instruction="passage: ", device="cpu")


def synthetic_vector(text: str, dim: int = 384) -> np.ndarray:
    seed = int.from_bytes(hashlib.sha1(text.encode("utf-8")).digest()[:8], "little")
    v = np.random.default_rng(seed).standard_normal(dim).astype(np.float32)
    return v / np.linalg.norm(v)


def synthetic_peer_embedding(real):
    """Random node vectors, real query vectors (so a query costs what it really costs)."""
    from llama_index.core.embeddings import BaseEmbedding
    from pydantic import PrivateAttr

    class SyntheticPeerEmbedding(BaseEmbedding):
        _real = PrivateAttr()

        def __init__(self, real_embed, **kw):
            super().__init__(model_name="synthetic-nodes", **kw)
            self._real = real_embed

        def _get_query_embedding(self, query: str) -> list[float]:
            return self._real.get_query_embedding(query)

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._get_query_embedding(query)

        def _get_text_embedding(self, text: str) -> list[float]:
            return synthetic_vector(text).tolist()

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return [synthetic_vector(t).tolist() for t in texts]

    return SyntheticPeerEmbedding(real)


def peer_documents(files: list[Path]):
    from llama_index.core import Document

    return [Document(text=p.read_text(encoding="utf-8", errors="replace"), metadata={"source": p.name})
            for p in files]


def peer_nodes(files: list[Path]):
    """The peer's nodes without embedding (for counting and for timing the encoder on a sample)."""
    from llama_index.core.node_parser import SentenceSplitter

    return SentenceSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP).get_nodes_from_documents(
        peer_documents(files))


def build_peer(files: list[Path], embed) -> tuple[object, float]:
    from llama_index.core import Settings, VectorStoreIndex
    from llama_index.core.node_parser import SentenceSplitter

    Settings.llm = None
    docs = peer_documents(files)
    started = time.perf_counter()
    index = VectorStoreIndex.from_documents(
        docs, embed_model=embed, transformations=[SentenceSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP)])
    return index, time.perf_counter() - started


def score_peer(retriever, items: list[dict]) -> dict:
    """Known Q&A → the same chunk-level metrics as ours (a node answers when it holds a gold quote)."""
    qrels, run, rows = {}, {}, {}
    for item in items:
        qid = item["id"]
        nodes = retriever.retrieve(item["question"])
        rows[qid] = {"type": item["type"], "answerable": bool(item.get("doc")),
                     "top_chars": len(nodes[0].node.get_content()) if nodes else 0}
        if rows[qid]["answerable"]:
            rel = {f"n{i}": 1 for i, n in enumerate(nodes) if contains_quote(n.node.get_content(), item["quotes"])}
            qrels[qid] = rel or {"none": 1}
            run[qid] = {f"n{i}": float(10 - i) for i in range(len(nodes))}
    for qid, m in rank_metrics(qrels, run).items():
        rows[qid].update(m)
    return summarise(rows, with_answers=False)
