"""The hybrid search as a llama-index retriever, and chunks as llama-index nodes.

    >>> from assistant.llama_retriever import HybridRetriever
    >>> retriever = HybridRetriever(Assistant().kb, k=5)
    >>> retriever.retrieve("企业诉求转办时限")[0].node.metadata["section"]
    '四、投诉办理程序（二）'

Any llama-index app (a RetrieverQueryEngine, a chat engine) can use it; each
node carries the citation metadata (文号, title, section, source, start, end).
"""
from __future__ import annotations

from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from .retrieve import RetrievalConfig, search
from .store.load import KnowledgeBase
from .types import Chunk


def chunk_node(c: Chunk) -> TextNode:
    return TextNode(
        id_=f"chunk-{c.chunk_id}", text=c.text,
        metadata={"doc_number": c.doc_number or "", "title": c.title, "section": c.section,
                  "source": c.source, "start": c.start, "end": c.end},
        excluded_embed_metadata_keys=["source", "start", "end"],
        excluded_llm_metadata_keys=["source", "start", "end"])


class HybridRetriever(BaseRetriever):
    """Dense (FAISS) + BM25 (jieba) fused retrieval over a loaded KnowledgeBase."""

    def __init__(self, kb: KnowledgeBase, k: int = 10, config: RetrievalConfig = RetrievalConfig()):
        super().__init__()
        self._kb, self._k, self._config = kb, k, config

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        hits = search(self._kb, query_bundle.query_str, k=self._k, config=self._config)
        return [NodeWithScore(node=chunk_node(h.chunk), score=h.score) for h in hits]
