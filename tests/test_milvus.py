"""The search store behind one interface: FAISS files or Milvus (milvus-lite here), same hits, same metrics."""
from __future__ import annotations

import shutil
import sys
import time
from dataclasses import replace

import numpy as np
import pytest
from common import ROOT

from assistant.api import Assistant
from assistant.errors import IndexMissing
from assistant.store.backend import LocalStore, StoreError, query_terms
from assistant.store.bm25 import BM25

QUESTIONS = [
    "热线解答不了的企业诉求多长时间内转出去？",
    "企业投诉的电子邮箱是多少",
    "煤矿复工复产验收谁签字谁负责",
    "49号文什么时候施行",
    "农村改厕4+4+4全过程管控",
    "我们被乱罚款了能打12345吗",
]


class _Memo:
    """The real embedder, each query encoded once: two stores, one set of query vectors."""

    def __init__(self, embedder):
        self.embedder, self.memo = embedder, {}

    def embed_query(self, text):
        if text not in self.memo:
            self.memo[text] = self.embedder.embed_query(text)
        return self.memo[text]

    def __getattr__(self, name):
        return getattr(self.embedder, name)


@pytest.fixture(scope="module")
def stores(assistant, tmp_path_factory):
    """The session index searched through FAISS and through milvus-lite (published from its files, no rebuild)."""
    pytest.importorskip("pymilvus")
    uri = str(tmp_path_factory.mktemp("milvus") / "milvus.db")
    emb = _Memo(assistant.embedder)
    faiss = Assistant(assistant.config, embedder=emb)
    milvus = Assistant(replace(assistant.config, store="milvus", store_uri=uri), embedder=emb)
    report = milvus.build()
    assert not report.built      # the index was up to date: only published
    return faiss, milvus


@pytest.mark.slow
@pytest.mark.parametrize("question", QUESTIONS)
def test_same_question_same_hits_on_both_stores(stores, question):
    faiss, milvus = stores
    f, m = faiss.search(question, k=10), milvus.search(question, k=10)
    assert [h.chunk.chunk_id for h in f] == [h.chunk.chunk_id for h in m]
    for a, b in zip(f, m):
        assert a.score == pytest.approx(b.score, abs=1e-4)
        assert a.dense == pytest.approx(b.dense, abs=1e-4) and a.lexical == pytest.approx(b.lexical, abs=1e-3)


@pytest.mark.slow
def test_known_qa_metrics_equal_on_both_stores(stores):
    from assistant.evaluate import run_eval

    faiss, milvus = stores
    qa = ROOT / "evals" / "qa" / "seed.jsonl"
    rf = run_eval(faiss.config, qa, assistant=faiss, with_answers=False)
    rm = run_eval(milvus.config, qa, assistant=milvus, with_answers=False)
    assert rf["n"] == rm["n"] > 200
    assert rf["overall"] == rm["overall"] and rf["per_question"] == rm["per_question"]


@pytest.mark.slow
def test_collection_is_named_after_the_version_and_aliased(stores):
    from assistant.store.milvus import ALIAS, collection_name

    _, milvus = stores
    kb = milvus.kb
    assert kb.faiss_index is None and kb.store.name == collection_name(kb.version)
    assert kb.store.client.describe_alias(ALIAS)["collection_name"] == kb.store.name
    with pytest.raises(StoreError, match="store='faiss'"):
        kb.vector_store


@pytest.mark.slow
def test_milvus_builds_swap_collections_and_retire_old_ones(assistant, tmp_path):
    """Each build is a new collection, written before `current` moves; a removed version's collection goes too."""
    pytest.importorskip("pymilvus")
    from assistant.store.milvus import ALIAS, collection_name, connect

    index, corpus = tmp_path / "index", tmp_path / "corpus"
    shutil.copytree(assistant.config.index, index, symlinks=True)   # with the embedding cache: no re-encoding
    shutil.copytree(assistant.config.corpus, corpus)
    cfg = replace(assistant.config, index=index, corpus=corpus, store="milvus", store_uri="")
    a = Assistant(cfg, embedder=assistant.embedder)
    versions = []
    for _ in range(3):
        time.sleep(1.1)      # version names carry the second
        versions.append(a.build(force=True).path.name)
    client = connect(str(index / "milvus.db"))
    names = set(client.list_collections())
    assert collection_name(versions[0]) not in names         # its folder was removed, so was its collection
    assert {collection_name(v) for v in versions[1:]} <= names
    assert client.describe_alias(ALIAS)["collection_name"] == collection_name(versions[-1])
    q = QUESTIONS[0]
    assert [h.chunk.chunk_id for h in a.search(q, k=5)] == [h.chunk.chunk_id for h in assistant.search(q, k=5)]


def test_bad_store_name_lists_the_choices(assistant):
    a = Assistant(replace(assistant.config, store="elastic"), embedder=assistant.embedder)
    with pytest.raises(StoreError, match="faiss, milvus"):
        a.search("转办时限")
    with pytest.raises(StoreError, match="faiss, milvus"):
        a.build()


def test_bad_store_option_on_the_command_line(capsys):
    from assistant.cli import main

    with pytest.raises(SystemExit) as e:
        main(["search", "转办时限", "--store", "elastic"])
    assert e.value.code == 2 and "'faiss', 'milvus'" in capsys.readouterr().err


def test_missing_milvus_collection_names_the_publish_command(assistant, tmp_path):
    pytest.importorskip("pymilvus")
    a = Assistant(replace(assistant.config, store="milvus", store_uri=str(tmp_path / "none.db")),
                  embedder=assistant.embedder)
    with pytest.raises(IndexMissing, match="python -m assistant index .*--store milvus --store-uri"):
        a.search("转办时限")


def test_missing_client_names_the_pip_command(monkeypatch, tmp_path):
    from assistant.store import milvus

    monkeypatch.setitem(sys.modules, "pymilvus", None)
    with pytest.raises(StoreError, match=r"pip install pymilvus==3\.0\.2 milvus-lite==3\.2\.2"):
        milvus.connect(str(tmp_path / "x.db"))


# The interface on a four-chunk corpus: exact ids, both stores.
DOCS = [["热线", "投诉"], ["农村", "改厕"], ["投诉", "受理", "投诉"], ["热线"]]
VECS = np.eye(4, 8, dtype=np.float32) * 0.6 + np.eye(4, 8, k=4, dtype=np.float32) * 0.8   # unit, orthogonal


def test_query_terms_count_repeats_and_drop_unknown_tokens():
    assert query_terms({"投诉": 0, "热线": 1}, ["投诉", "热线", "投诉", "微信"]) == {0: 2.0, 1: 1.0}
    assert query_terms({"投诉": 0}, []) == {}


def _local():
    import faiss

    index = faiss.IndexFlatIP(VECS.shape[1])
    index.add(VECS)
    return LocalStore(index, BM25.build(DOCS))


def test_local_store_scores_equal_bm25_and_inner_products():
    store, bm25 = _local(), BM25.build(DOCS)
    assert set(store.lexical_top(["投诉"], 4)) == {0, 2}
    twice = 2 * bm25.scores(["投诉"])[2]     # a repeated token counts twice
    assert store.lexical_scores([1, 2], ["投诉", "投诉"]).tolist() == pytest.approx([0.0, twice])
    assert store.dense_top(VECS[2], 1) == {2: pytest.approx(1.0)}
    assert store.dense_scores([0, 2], VECS[2]).tolist() == pytest.approx([0.0, 1.0])


def test_milvus_store_matches_the_local_store_on_a_tiny_corpus(tmp_path):
    pytest.importorskip("pymilvus")
    from assistant.store.milvus import open_milvus, publish

    bm25, local = BM25.build(DOCS + [[]]), _local()   # a chunk with no tokens must still be stored
    vecs = np.vstack([VECS, np.eye(1, 8, k=7, dtype=np.float32)])
    uri = str(tmp_path / "tiny.db")
    publish(uri, "v1-tiny", vecs, bm25.weights)
    store = open_milvus(uri, "v1-tiny", 8, 5, bm25.vocab, "fix")
    for q in (["投诉"], ["热线", "投诉", "投诉"], ["改厕"], ["微信"]):
        want = {i: s for i, s in enumerate(bm25.scores(q)) if s > 0}
        got = store.lexical_top(q, 5)
        assert set(got) == set(want) and all(got[i] == pytest.approx(want[i], rel=1e-6) for i in want)
        assert store.lexical_scores([4, 0], q).tolist() == pytest.approx([0.0, want.get(0, 0.0)], rel=1e-6)
    assert store.dense_top(VECS[1], 1) == local.dense_top(VECS[1], 1) == {1: pytest.approx(1.0)}
    assert store.dense_scores([3, 4], VECS[3]).tolist() == pytest.approx([1.0, 0.8], abs=1e-6)
