"""Incremental builds: adding, editing or removing a file reuses the rest and equals a full rebuild.

Real model, real seed index (copied from the session index so the seed's vectors come from the
embedding cache); two small notices are added, edited and removed. After each step the
incremental index is compared with a `force` rebuild of the same corpus: the same chunks, the
same BM25 scores and vectors for each chunk, and the same search results.
"""
from __future__ import annotations

import shutil

import numpy as np
import pytest

from assistant.retrieve import search
from assistant.store import build as build_module
from assistant.store import vectors as vectors_module
from assistant.store.build import build_index
from assistant.store.load import open_index

NOTICE_A = """关于进一步优化营商环境的通知
宁政办发〔2031〕3号
各市、县（区）人民政府：
一、营商环境
（一）企业开办全程网办，一个工作日内办结。[责任单位：自治区市场监管厅、数字化转型办公室]
（二）涉企收费目录清单向社会公开，清单之外一律不得收费。
二、保障措施
各地要加强督促检查，对推诿扯皮的严肃问责。
2031年3月1日
"""
NOTICE_B = """关于支持专精特新企业发展的通知
宁政办发〔2031〕9号
一、资金支持
对新认定的专精特新中小企业给予一次性奖励。[牵头单位：自治区工业和信息化厅]
二、融资服务
银行机构为专精特新企业提供信用贷款绿色通道。
2031年4月2日
"""
QUESTIONS = ["企业诉求转办要多长时间？", "营商环境涉企收费清单", "专精特新企业有什么奖励？",
             "12345热线企业专席怎么打？", "农村厕所粪污怎么处理？", "推诿扯皮怎么办？"]


@pytest.fixture()
def kb_dirs(assistant, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(assistant.config.corpus, corpus)
    index = tmp_path / "index"
    shutil.copytree(assistant.config.index, index, symlinks=True)
    return corpus, index


def _key(c):
    return (c.source, c.start, c.end, c.text)


def _assert_same_as_full_rebuild(assistant, corpus, index, tmp_path, tag):
    settings = assistant.config.settings
    full_index = tmp_path / f"full-{tag}"
    shutil.copytree(index / "embed-cache", full_index / "embed-cache")
    (full_index / "models").symlink_to((index / "models").resolve(), target_is_directory=True)
    build_index(corpus, full_index, settings, assistant.embedder, force=True)
    inc = open_index(index, settings, assistant.embedder, corpus)
    full = open_index(full_index, settings, assistant.embedder, corpus)
    assert sorted(map(_key, inc.chunks)) == sorted(map(_key, full.chunks))
    assert set(inc.documents) == set(full.documents)
    assert sorted(inc.tokenizer.user_terms) == sorted(full.tokenizer.user_terms)
    pos_full = {_key(c): i for i, c in enumerate(full.chunks)}
    order = np.array([pos_full[_key(c)] for c in inc.chunks])
    for q in QUESTIONS:
        tokens = inc.tokenizer.tokens(q)
        assert np.allclose(inc.bm25.scores(tokens), full.bm25.scores(tokens)[order], atol=1e-4), q
        got = [(_key(h.chunk), round(h.score, 3)) for h in search(inc, q, k=5)]
        want = [(_key(h.chunk), round(h.score, 3)) for h in search(full, q, k=5)]
        assert got == want, q
    v_inc = inc.faiss_index.reconstruct_n(0, len(inc.chunks))
    v_full = full.faiss_index.reconstruct_n(0, len(full.chunks))
    assert np.allclose(v_inc, v_full[order], atol=1e-5)
    return inc


def test_add_edit_remove_reuse_the_rest_and_equal_a_full_rebuild(assistant, kb_dirs, tmp_path):
    corpus, index = kb_dirs
    settings = assistant.config.settings
    logs: list[str] = []
    n_seed = len(assistant.kb.chunks)

    (corpus / "notice-a.txt").write_text(NOTICE_A, encoding="utf-8")
    build_index(corpus, index, settings, assistant.embedder, log=logs.append)
    assert any(f"kept 1 unchanged files ({n_seed} chunks)" in line for line in logs), logs
    assert any("parsed 1 files" in line for line in logs), logs
    kb = _assert_same_as_full_rebuild(assistant, corpus, index, tmp_path, "add")
    assert "宁政办发〔2031〕3号" in kb.documents and len(kb.chunks) > n_seed

    (corpus / "notice-b.txt").write_text(NOTICE_B, encoding="utf-8")
    (corpus / "notice-a.txt").write_text(NOTICE_A.replace("一个工作日", "半个工作日"), encoding="utf-8")
    logs.clear()
    build_index(corpus, index, settings, assistant.embedder, log=logs.append)
    assert any("kept 1 unchanged files" in line for line in logs) and any("parsed 2 files" in line for line in logs)
    kb = _assert_same_as_full_rebuild(assistant, corpus, index, tmp_path, "edit")
    assert any("半个工作日" in c.text for c in kb.chunks) and not any("一个工作日内办结" in c.text for c in kb.chunks)

    (corpus / "notice-a.txt").unlink()
    logs.clear()
    build_index(corpus, index, settings, assistant.embedder, log=logs.append)
    assert any("kept 2 unchanged files" in line for line in logs), logs
    kb = _assert_same_as_full_rebuild(assistant, corpus, index, tmp_path, "remove")
    assert "宁政办发〔2031〕3号" not in kb.documents and "宁政办发〔2031〕9号" in kb.documents
    assert not (kb.path / "sources" / "notice-a.txt").exists()


def test_a_new_term_retokenizes_only_the_old_chunks_that_contain_it(assistant, kb_dirs):
    """NOTICE_A's heading 营商环境 becomes a dictionary term; seed chunks holding it are cut again."""
    corpus, index = kb_dirs
    settings = assistant.config.settings
    assert "营商环境" not in assistant.kb.tokenizer.user_terms
    holders = [c for c in assistant.kb.chunks if "营商环境" in c.bm25_text()]
    assert holders, "the seed mentions 营商环境"
    (corpus / "notice-a.txt").write_text(NOTICE_A, encoding="utf-8")
    build_index(corpus, index, settings, assistant.embedder)
    kb = open_index(index, settings, assistant.embedder, corpus)
    col = kb.bm25.vocab["营商环境"]
    rows = {_key(kb.chunks[i]) for i in kb.bm25.weights[:, col].nonzero()[0]}
    assert {_key(c) for c in holders} <= rows        # the old chunks now carry the whole term


def test_adding_to_an_hnsw_index_extends_the_graph(assistant, kb_dirs, tmp_path, monkeypatch):
    """Above the exact-search limit (lowered here to 100 vectors) an added file extends the old graph."""
    monkeypatch.setattr(vectors_module, "EXACT_LIMIT", 100)
    corpus, index = kb_dirs
    settings = assistant.config.settings
    build_index(corpus, index, settings, assistant.embedder, force=True)
    before = open_index(index, settings, assistant.embedder, corpus).faiss_index
    assert type(before).__name__ == "IndexHNSWFlat"
    added = []
    real = build_module.build_faiss
    monkeypatch.setattr(build_module, "build_faiss", lambda v, *a: added.append(len(v)) or real(v, *a))
    (corpus / "notice-b.txt").write_text(NOTICE_B, encoding="utf-8")
    build_index(corpus, index, settings, assistant.embedder)
    assert added == []                                  # no new graph: the old one was extended
    kb = _assert_same_as_full_rebuild(assistant, corpus, index, tmp_path, "hnsw")
    assert type(kb.faiss_index).__name__ == "IndexHNSWFlat" and kb.faiss_index.ntotal == len(kb.chunks)
    assert np.allclose(kb.faiss_index.reconstruct_n(0, before.ntotal), before.reconstruct_n(0, before.ntotal))


def test_a_damaged_version_in_use_is_not_built_upon(assistant, kb_dirs):
    """Reuse only an intact version: with its chunks file edited, the build starts again from the texts."""
    corpus, index = kb_dirs
    settings = assistant.config.settings
    chunks = (index / "current" / "chunks.jsonl").resolve()
    chunks.write_text(chunks.read_text(encoding="utf-8").replace("12345", "54321", 1), encoding="utf-8")
    (corpus / "notice-b.txt").write_text(NOTICE_B, encoding="utf-8")
    logs: list[str] = []
    build_index(corpus, index, settings, assistant.embedder, log=logs.append)
    assert not any("kept" in line for line in logs) and any("parsed 2 files" in line for line in logs), logs
    kb = open_index(index, settings, assistant.embedder, corpus)
    assert not any("54321" in c.text for c in kb.chunks) and "宁政办发〔2031〕9号" in kb.documents
