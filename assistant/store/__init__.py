"""Chunks → a persisted index (FAISS vectors + jieba BM25 + manifest), and back."""
