"""The CLI as eval runs use it: --json field contracts, batch mode, clear one-line errors."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from common import ROOT, SEED

SECTION_KEYS = {"doc_number", "title", "section", "text", "source", "start", "end", "departments"}
DOCUMENT_KEYS = {"doc_number", "title", "issuer", "date", "expires", "status", "source"}
HIT_KEYS = {"rank", "score", "doc_number", "title", "section", "text", "source", "start", "end"}
ANSWER_KEYS = {"id", "question", "answer", "abstained", "citations", "departments", "validity"}


def cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant", *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, timeout=300)


def lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_sections_json(seed_parsed):
    r = cli("sections", str(SEED), "--json")
    assert r.returncode == 0, r.stderr
    rows = lines(r.stdout)
    assert len(rows) == len(seed_parsed.sections)
    assert all(SECTION_KEYS <= set(row) for row in rows)
    text = SEED.read_text(encoding="utf-8")
    for row in rows:
        assert "".join(row["text"].split()) == "".join(text[row["start"]:row["end"]].split())


def test_documents_json(assistant):
    r = cli("documents", "--index", str(assistant.config.index), "--corpus", str(assistant.config.corpus), "--json")
    assert r.returncode == 0, r.stderr
    docs = {d["doc_number"]: d for d in lines(r.stdout)}
    assert all(DOCUMENT_KEYS <= set(d) for d in docs.values())
    assert docs["宁政办发〔2022〕49号"]["expires"] == "2025-08-03"
    assert docs["宁政办发〔2022〕49号"]["date"] == "2022-08-03"
    assert docs["宁政办发〔2022〕51号"]["status"] == "in_force"
    assert docs["宁政办函〔2022〕25号"]["status"] == "in_force"


def test_search_and_ask_batch(assistant, tmp_path):
    idx = ["--index", str(assistant.config.index), "--corpus", str(assistant.config.corpus)]
    r = cli("search", "企业投诉电子邮箱", "-k", "3", "--json", *idx)
    assert r.returncode == 0, r.stderr
    hits = lines(r.stdout)
    assert len(hits) == 3 and all(HIT_KEYS <= set(h) for h in hits)
    batch = tmp_path / "q.jsonl"
    batch.write_text('{"id": "a", "question": "企业诉求转办要多长时间？"}\n'
                     '{"id": "b", "question": "迪拜展会展位费政府补贴多少？"}\n', encoding="utf-8")
    r = cli("ask", "--batch", str(batch), "--json", *idx)
    assert r.returncode == 0, r.stderr
    a, b = lines(r.stdout)
    assert ANSWER_KEYS <= set(a) and a["id"] == "a" and not a["abstained"]
    assert a["citations"][0]["doc_number"] == "宁政办函〔2022〕25号"
    assert b["id"] == "b" and b["abstained"] and b["citations"] == []
    r = cli("search", "--batch", str(batch), "--json", *idx)
    assert [row["id"] for row in lines(r.stdout)] == ["a", "b"]


@pytest.mark.parametrize("args, code, words", [
    (["ask", ""], 2, "question"),
    (["sections", "no-such-file.txt"], 2, "no-such-file.txt"),
    (["search", "转办", "--index", "/nonexistent-index"], 3, "python -m assistant index"),
])
def test_errors_are_one_clear_line(args, code, words):
    r = cli(*args)
    assert r.returncode == code
    assert "Traceback" not in r.stderr and words in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
