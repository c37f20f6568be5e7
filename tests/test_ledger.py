"""The SQLite feedback ledger: concurrent writers, restarts, migrations, CSV export, escaping."""
from __future__ import annotations

import csv
import json
import multiprocessing
import sqlite3
import threading

import pytest

from ui.ledger import DB_NAME, MIGRATIONS, SCHEMA_VERSION, Ledger, LedgerError
from ui.render import ledger_html

CITES = [{"doc_number": "宁政办函〔2022〕25号", "title": "12345政务服务便民热线受理全区企业投诉工作方案",
          "section": "四、投诉办理程序（二）", "quote": "（二）转办。", "source": "nx-gazette-2022-15.txt",
          "start": 28264, "end": 28270}]


def _write_many(folder: str, worker: int, n: int) -> None:
    led = Ledger(folder)                      # its own Ledger, as another server process would have
    for i in range(n):
        led.record_feedback(1 if i % 2 else -1, f"w{worker}-{i}", f"问题 {worker}-{i}", "回答", CITES, "v-test")


def test_concurrent_writers_lose_nothing(tmp_path):
    threads = [threading.Thread(target=_write_many, args=(str(tmp_path), w, 25)) for w in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    led = Ledger(tmp_path)
    rows = led.recent_feedback(None)
    assert len(rows) == 200
    assert {r.comment for r in rows} == {f"w{w}-{i}" for w in range(8) for i in range(25)}
    assert len({r.id for r in rows}) == 200
    assert led.counts() == {"questions": 0, "feedback": 200, "coverage_gaps": 0}
    mode = sqlite3.connect(tmp_path / DB_NAME).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_two_processes_write_at_once(tmp_path):
    Ledger(tmp_path)
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_write_many, args=(str(tmp_path), w, 30)) for w in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
        assert p.exitcode == 0
    assert Ledger(tmp_path).counts()["feedback"] == 60


def test_rows_survive_close_and_reopen(tmp_path):
    led = Ledger(tmp_path / "nested" / "data")                  # creates the folder
    qid = led.record_question("企业诉求转办要多长时间？", "企业诉求转办要多长时间？", "……1个工作日内……", False,
                              CITES, "v1")
    led.record_feedback(-1, "太短", "企业诉求转办要多长时间？", "……", CITES, "v1", question_id=qid)
    led.record_gap("火星移民补贴怎么申请", [{"doc_number": None, "section": "序言"}], "v1", question_id=qid)
    led.close()
    del led
    again = Ledger(tmp_path / "nested" / "data")
    assert again.schema_version() == SCHEMA_VERSION
    assert again.counts() == {"questions": 1, "feedback": 1, "coverage_gaps": 1}
    fb = again.recent_feedback()[0]
    assert (fb.rating, fb.comment, fb.question_id, fb.index_version) == (-1, "太短", qid, "v1")
    assert json.loads(fb.citations) == CITES
    q = again.recent_questions()[0]
    assert q.abstained is False and q.answer == "……1个工作日内……"
    assert again.recent_gaps()[0].question == "火星移民补贴怎么申请"


def test_migrates_an_old_database_and_refuses_a_newer_one(tmp_path):
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)")
    for stmt in MIGRATIONS[0][1]:
        conn.execute(stmt)
    conn.execute("INSERT INTO schema_version VALUES (1, '2026-01-01T00:00:00+08:00')")
    conn.execute("INSERT INTO feedback (created, rating, question, answer, citations, index_version) "
                 "VALUES ('2026-01-01T00:00:00+08:00', 1, '旧问题', '旧回答', '[]', 'v0')")
    conn.commit()
    conn.close()
    led = Ledger(tmp_path)
    assert led.schema_version() == SCHEMA_VERSION
    assert led.recent_feedback()[0].question == "旧问题"

    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.execute("INSERT INTO schema_version VALUES (?, 'future')", (SCHEMA_VERSION + 1,))
    conn.commit()
    conn.close()
    with pytest.raises(LedgerError, match="高于本程序支持的"):
        Ledger(tmp_path)


def test_csv_export_has_every_row(tmp_path):
    _write_many(str(tmp_path), 0, 60)
    led = Ledger(tmp_path)
    led.record_question("=1+1 是公式吗", "=1+1 是公式吗", "回答", True, [], "v1")
    led.record_gap("=1+1 是公式吗", [], "v1")
    path = led.export_csv(tmp_path / "out" / "ledger.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")                      # BOM: Excel opens it as UTF-8
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert [r["类型"] for r in rows].count("评价") == 60
    assert [r["类型"] for r in rows].count("提问") == 1
    assert [r["类型"] for r in rows].count("覆盖缺口") == 1
    assert {r["意见"] for r in rows if r["类型"] == "评价"} == {f"w0-{i}" for i in range(60)}
    assert rows[-1]["问题"] == "'=1+1 是公式吗"                  # no formula injection into spreadsheets


def test_html_is_stored_verbatim_and_rendered_escaped(tmp_path):
    led = Ledger(tmp_path)
    evil = "<script>alert('台账')</script><img src=x onerror=alert(1)>"
    qid = led.record_question(evil, evil, f"回答{evil}", False, CITES, "v1")
    led.record_feedback(-1, evil, evil, "回答", CITES, "v1", question_id=qid)
    led.record_gap(evil, [], "v1")
    assert led.recent_feedback()[0].question == evil
    assert led.recent_feedback()[0].comment == evil
    assert led.recent_questions()[0].question == evil
    html = ledger_html(led.recent_questions(), led.recent_feedback(), led.recent_gaps(), led.counts())
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&#x27;台账&#x27;)&lt;/script&gt;" in html


def test_rating_must_be_plus_or_minus_one(tmp_path):
    with pytest.raises(ValueError):
        Ledger(tmp_path).record_feedback(0, "", "q", "a", [], "v1")
