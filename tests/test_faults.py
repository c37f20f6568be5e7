"""Faults: bad corpus files, damaged index files, an index deleted under a running app, a build killed
with SIGKILL at several moments; property-based checks that no text breaks the parser or the chunker.

Every damaged index is a copy of the session's freshly built one (tests/conftest.py), so the real
index in index/ is never touched.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.api import Assistant
from assistant.chunk import chunk_all
from assistant.errors import IndexMismatch, IndexMissing, SourceError
from assistant.parse import parse_text
from assistant.parse.decode import decode_bytes
from assistant.store.build import current_version
from assistant.store.load import open_index
from assistant.text import norm_compare
from common import ROOT

REBUILD = "python -m assistant index"
QUESTION = "企业诉求转办要多长时间？"


def cli(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, env=dict(os.environ, PYTHONUNBUFFERED="1"))


def copy_kb(assistant, tmp_path: Path) -> tuple[Path, Path]:
    """A private copy of the session index (and its corpus) → (index dir, corpus dir)."""
    index, corpus = tmp_path / "index", tmp_path / "corpus"
    shutil.copytree(assistant.config.index, index, symlinks=True)
    shutil.copytree(assistant.config.corpus, corpus)
    return index, corpus


# -- bad corpus files ---------------------------------------------------------------------------------

DOC = "关于{t}的通知\n宁政办发〔2023〕{n}号\n一、总体要求\n（一）{t}工作一日办结。\n二、保障措施\n各部门按职责落实。\n"


def _bad_corpus(corpus: Path) -> None:
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (corpus / "gbk.txt").write_bytes(DOC.format(t="GBK编码测试", n=11).encode("gbk"))
    (corpus / "gb18030.txt").write_bytes(DOC.format(t="GB18030编码𠀀测试", n=12).encode("gb18030"))
    (corpus / "bom.txt").write_bytes(DOC.format(t="带BOM测试", n=13).encode("utf-8-sig"))
    (corpus / "crlf.txt").write_bytes(DOC.format(t="换行测试", n=14).replace("\n", "\r\n").encode("utf-8"))
    (corpus / "prose.txt").write_text("一段没有文号也没有标题层级的说明文字\n企业开办实行一网通办，材料齐全的当日办结。\n"
                                      "其他事项按有关规定执行。\n", encoding="utf-8")
    (corpus / "dup.txt").write_text(DOC.format(t="重复文件测试", n=15) * 2, encoding="utf-8")
    (corpus / "notes.md").write_text("不是 .txt，不参与索引", encoding="utf-8")
    block = ("企业服务政策内容说明，这是一段用来凑足体积的文字。" * 30 + "\n").encode("utf-8")
    with (corpus / "big.txt").open("wb") as f:                     # 50 MB
        for _ in range(50 * 2**20 // len(block) + 1):
            f.write(block)


def test_bad_corpus_files_are_skipped_by_name_and_the_rest_indexed(assistant, tmp_path):
    index, corpus = copy_kb(assistant, tmp_path)
    _bad_corpus(corpus)
    r = cli("index", "--corpus", str(corpus), "--index", str(index), "--json")
    assert r.returncode == 4, r.stderr                              # 4: something was skipped
    out = json.loads(r.stdout)
    assert out["built"] and set(out["skipped"]) == {"empty.txt", "binary.txt", "big.txt"}
    assert "empty" in out["skipped"]["empty.txt"]
    assert "binary" in out["skipped"]["binary.txt"]
    assert "MB" in out["skipped"]["big.txt"] and "split" in out["skipped"]["big.txt"]
    assert any("appears twice" in w for w in out["warnings"])
    assert out["counts"]["files"] == 7                             # seed, gbk, gb18030, bom, crlf, prose, dup

    kb = open_index(index, assistant.config.settings, assistant.embedder, corpus)
    for n in (11, 12, 13, 14, 15):
        assert f"宁政办发〔2023〕{n}号" in kb.documents
    assert kb.documents["宁政办发〔2023〕12号"].title == "关于GB18030编码𠀀测试的通知"
    assert kb.documents["宁政办发〔2023〕13号"].title == "关于带BOM测试的通知"    # no BOM left in the title
    assert sum(d.doc_number == "宁政办发〔2023〕15号" for d in kb.documents.values()) == 1
    prose = [d for d in kb.documents.values() if d.source == "prose.txt"]
    assert len(prose) == 1 and prose[0].doc_number is None
    for c in kb.chunks:                                            # quotes stay verbatim in every encoding
        assert norm_compare(c.text) == norm_compare(kb.source_text(c.source)[c.start:c.end])

    r = cli("index", "--corpus", str(corpus), "--index", str(index))  # readable output names each skipped file
    assert r.returncode == 4
    for name in ("empty.txt", "binary.txt", "big.txt"):
        assert f"已跳过 {name}：" in r.stdout
    for name in ("empty.txt", "binary.txt", "big.txt"):
        (corpus / name).unlink()
    r = cli("index", "--corpus", str(corpus), "--index", str(index))
    assert r.returncode == 0 and "已跳过" not in r.stdout, r.stdout + r.stderr


def test_a_corpus_of_only_bad_files_is_one_clear_error(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x00\x01" * 100)
    r = cli("index", "--corpus", str(corpus), "--index", str(tmp_path / "index"))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "empty.txt" in r.stderr and "binary.txt" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


# -- property-based: any text, any bytes ----------------------------------------------------------------

_gazette_bits = st.sampled_from(["一、", "（一）", "1.", "第一条", "第一章", "附件", "宁政办发〔2022〕1号", "〔责任单位：A〕",
                                 "2022年8月3日", "\n", "\r\n", "\n\n", "\u3000", "。", "；", "\ufeff", "\x0c"])
_any_text = st.lists(st.one_of(st.text(max_size=40), _gazette_bits), max_size=40).map("".join)


def _check_verbatim(text: str) -> None:
    try:
        pf = parse_text(text, "p.txt")
    except SourceError:
        return
    spans = {(s.doc_id, s.path, s.ordinal): (s.start, s.end) for s in pf.sections}
    for s in pf.sections:
        assert norm_compare(s.text) == norm_compare(pf.text[s.start:s.end])
    docs = {d.doc_id: d for d in pf.documents}
    for c in chunk_all(pf.sections, docs, {pf.source: pf.text}, 40):
        assert norm_compare(c.text) == norm_compare(pf.text[c.start:c.end])
        lo, hi = spans[(c.doc_id, c.section, c.section_ordinal)]      # never crosses its section
        assert lo <= c.start < c.end <= hi


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_any_text)
def test_any_text_parses_without_error_and_chunks_verbatim(text):
    _check_verbatim(text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_decode_or_fail_with_a_named_error(data):
    try:
        text = decode_bytes(data, "f.txt")
    except SourceError as e:
        assert "f.txt" in str(e)
        return
    assert isinstance(text, str) and not text.startswith("\ufeff")
    _check_verbatim(text)


# -- damaged index files ------------------------------------------------------------------------------

def _flip(path: Path, at: int, n: int = 64) -> None:
    b = bytearray(path.read_bytes())
    at = min(at, max(0, len(b) - n))
    for i in range(at, min(at + n, len(b))):
        b[i] ^= 0x5A
    path.write_bytes(bytes(b))


def _edit_manifest(v: Path, **changes) -> None:
    m = json.loads((v / "manifest.json").read_text(encoding="utf-8"))
    for key, value in changes.items():
        if key in m["settings"]:
            m["settings"][key] = value
        else:
            m[key] = value
    (v / "manifest.json").write_text(json.dumps(m, ensure_ascii=False), encoding="utf-8")


def _swap_chunk_text(v: Path) -> None:
    """A valid-looking edit: one chunk's text changed, the JSON still parses."""
    lines = (v / "chunks.jsonl").read_text(encoding="utf-8").splitlines()
    row = json.loads(lines[10])
    row["text"] = row["text"].replace("企业", "个人", 1) if "企业" in row["text"] else "个人" + row["text"][2:]
    lines[10] = json.dumps(row, ensure_ascii=False)
    (v / "chunks.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


# (damage, words the message must hold besides the rebuild command)
DAMAGE = {
    "faiss truncated": (lambda v: (v / "vectors.faiss").write_bytes((v / "vectors.faiss").read_bytes()[:1000]),
                        "vectors.faiss"),
    "faiss empty": (lambda v: (v / "vectors.faiss").write_bytes(b""), "vectors.faiss"),
    "faiss header garbage": (lambda v: _flip(v / "vectors.faiss", 0, 16), "vectors.faiss"),
    "faiss vectors garbage, same size": (lambda v: _flip(v / "vectors.faiss", 100_000), "vectors.faiss"),
    "bm25 weights missing": (lambda v: (v / "bm25.npz").unlink(), "bm25.npz"),
    "bm25 vocabulary missing": (lambda v: (v / "bm25.vocab.json").unlink(), "bm25.vocab.json"),
    "bm25 weights garbage": (lambda v: _flip(v / "bm25.npz", 3000), "bm25.npz"),
    "chunks truncated": (lambda v: (v / "chunks.jsonl").write_bytes((v / "chunks.jsonl").read_bytes()[:-5000]),
                         "chunks.jsonl"),
    "chunk text edited (valid JSON)": (_swap_chunk_text, "chunks.jsonl"),
    "sections missing": (lambda v: (v / "sections.jsonl").unlink(), "sections.jsonl"),
    "source text missing": (lambda v: shutil.rmtree(v / "sources"), "sources/"),
    "manifest unreadable": (lambda v: (v / "manifest.json").write_text("{not json", encoding="utf-8"),
                            "manifest.json"),
    "manifest from another model": (lambda v: _edit_manifest(v, model="BAAI/bge-small-zh-v1.5"),
                                    "model: index built with 'BAAI/bge-small-zh-v1.5'"),
    "manifest from another schema": (lambda v: _edit_manifest(v, schema_version=1), "index schema 1"),
    "manifest with another dimension": (lambda v: _edit_manifest(v, dim=768), "dimension"),
    "version folder deleted": (lambda v: shutil.rmtree(v), "no index in"),
}


@pytest.mark.parametrize("name", list(DAMAGE))
def test_damaged_index_is_refused_at_load_with_the_fix(assistant, tmp_path, name):
    damage, words = DAMAGE[name]
    index, corpus = copy_kb(assistant, tmp_path)
    damage(current_version(index))
    with pytest.raises((IndexMismatch, IndexMissing)) as e:
        open_index(index, assistant.config.settings, assistant.embedder, corpus)
    msg = str(e.value)
    assert words in msg and REBUILD in msg and str(index) in msg, msg


def test_damaged_index_cli_and_server_exit_with_one_line(assistant, tmp_path):
    index, corpus = copy_kb(assistant, tmp_path)
    _flip(current_version(index) / "vectors.faiss", 100_000)
    r = cli("search", "转办", "--index", str(index), "--corpus", str(corpus))
    assert r.returncode == 3 and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "vectors.faiss" in r.stderr and REBUILD in r.stderr
    r = cli("serve", "--index", str(index), "--corpus", str(corpus), "--port", "1")   # refused before it binds
    assert r.returncode == 3 and "Traceback" not in r.stderr and REBUILD in r.stderr, r.stderr[-2000:]


def test_index_deleted_while_the_app_runs(assistant, tmp_path):
    """The running app keeps answering from memory (the same index); the next start names the fix."""
    from ui.app import ChatService, user_message
    from ui.ledger import Ledger

    index, corpus = copy_kb(assistant, tmp_path)
    cfg = replace(assistant.config, index=index, corpus=corpus)
    service = ChatService(Assistant(cfg, embedder=assistant.embedder), Ledger(tmp_path / "data"))
    before = service.ask(QUESTION, [])
    shutil.rmtree(index)
    after = service.ask(QUESTION, [])
    assert after.error is None and after.answer.answer == before.answer.answer
    assert [c.quote for c in after.answer.citations] == [c.quote for c in before.answer.citations]
    restarted = ChatService(Assistant(cfg, embedder=assistant.embedder), Ledger(tmp_path / "data"))
    turn = restarted.ask(QUESTION, [])
    assert turn.answer is None and "python -m assistant index" in turn.error
    with pytest.raises(IndexMissing, match=REBUILD):
        Assistant(cfg, embedder=assistant.embedder).kb
    assert "python -m assistant index" in user_message(IndexMissing("x"))


# -- a build killed with SIGKILL ---------------------------------------------------------------------

def _building(index: Path) -> list[Path]:
    return [p for p in index.iterdir() if p.name.startswith(".building-")]


def _when(index: Path, after_s: float | None = None, file: str | None = None):
    """A kill moment: a delay, or a file appearing in the half-built version folder."""
    def ready(elapsed: float) -> bool:
        if after_s is not None:
            return elapsed >= after_s
        return any((b / file).exists() for b in _building(index))
    return ready


MOMENTS = {                                            # name → when to kill
    "0.5 s (starting)": dict(after_s=0.5),
    "2 s (loading, parsing)": dict(after_s=2.0),
    "writing chunks": dict(file="documents.jsonl"),
    "writing vectors": dict(file="vectors.faiss"),
    "manifest written, before the swap": dict(file="manifest.json"),
}


def test_build_killed_at_any_moment_leaves_the_previous_index(assistant, tmp_path):
    index, corpus = copy_kb(assistant, tmp_path)
    (corpus / "new.txt").write_text(DOC.format(t="新增文件", n=21), encoding="utf-8")
    before = current_version(index)
    expected = [c.quote for c in assistant.ask(QUESTION).citations]
    caught = []
    for name, when in MOMENTS.items():
        ready = _when(index, **when)
        proc = subprocess.Popen([sys.executable, "-m", "assistant", "index", "--corpus", str(corpus),
                                 "--index", str(index)], cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        t0 = time.monotonic()
        while proc.poll() is None and not ready(time.monotonic() - t0):
            time.sleep(0.0005)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            caught.append(name)
        proc.wait(timeout=60)
        if name not in caught:
            pytest.fail(f"the build finished before the kill moment {name!r}")
        assert current_version(index) == before, name
        kb = open_index(index, assistant.config.settings, assistant.embedder, corpus)
        assert "宁政办发〔2023〕21号" not in kb.documents
        a = Assistant(replace(assistant.config, index=index, corpus=corpus), embedder=assistant.embedder)
        assert [c.quote for c in a.ask(QUESTION).citations] == expected, name
    assert caught == list(MOMENTS)
    r = cli("index", "--corpus", str(corpus), "--index", str(index))
    assert r.returncode == 0, r.stderr
    assert current_version(index) != before and not _building(index)
    kb = open_index(index, assistant.config.settings, assistant.embedder, corpus)
    assert "宁政办发〔2023〕21号" in kb.documents
