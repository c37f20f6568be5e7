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


# -- faults: a writer killed mid-write, a full disk, a write error -----------------------------------

WRITER = r"""
import sys
from ui.ledger import Ledger
led = Ledger(sys.argv[1])
cites = [{"doc_number": "宁政办函〔2022〕25号", "quote": "（二）转办。" * 50}]
i = 0
while True:
    rid = led.record_feedback(1, f"{sys.argv[2]}-{i}", f"问题 {sys.argv[2]}-{i}", "回答" * 200, cites, "v-kill")
    sys.stdout.write(f"{rid} {sys.argv[2]}-{i}\n")    # one write per line: acknowledged only after COMMIT returned
    sys.stdout.flush()
    i += 1
"""


def _check_whole(folder) -> dict[int, str]:
    """integrity_check passes and every row is complete → {id: comment}."""
    conn = sqlite3.connect(folder / DB_NAME)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = conn.execute("SELECT id, comment, question, answer, citations FROM feedback").fetchall()
    finally:
        conn.close()
    for rid, comment, question, answer, cites in rows:
        assert question == f"问题 {comment}" and answer == "回答" * 200 and json.loads(cites)[0]["quote"]
    return {rid: comment for rid, comment, *_ in rows}


def test_writer_killed_mid_write_loses_no_acknowledged_row(tmp_path):
    """A server process SIGKILLed while writing: every acknowledged row is there, none is half-written."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from common import ROOT

    acknowledged: dict[int, str] = {}
    for run, after in enumerate((0.3, 0.8, 1.5)):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), f"k{run}"], cwd=ROOT,
                                stdout=subprocess.PIPE, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
        first = proc.stdout.readline()                # wait for the first commit, then kill mid-stream
        time.sleep(after)
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=30)
        for line in (first + out).splitlines(keepends=True):
            if not line.endswith("\n"):                      # killed mid-line: that row was never acknowledged
                continue
            rid, comment = line.split()
            acknowledged[int(rid)] = comment
        stored = _check_whole(tmp_path)
        assert all(stored.get(rid) == comment for rid, comment in acknowledged.items())
        assert len(stored) - len(acknowledged) <= run + 1     # at most the one committed but not yet printed, per kill
    assert len(acknowledged) > 10
    led = Ledger(tmp_path)                                    # the "restarted server" writes on
    led.record_feedback(1, "after restart", "问题 after restart", "回答" * 200, CITES, "v-kill")
    assert len(_check_whole(tmp_path)) == len(stored) + 1


def _fill(led: Ledger) -> tuple[int, LedgerError]:
    """Write until the ledger refuses → (rows written, the error)."""
    n = 0
    while True:
        try:
            led.record_feedback(-1, "满" * 1500, f"问题 {n}", "回答" * 200, CITES, "v-full")
        except LedgerError as e:
            return n, e
        n += 1
        assert n < 10_000, "the tiny filesystem never filled"


@pytest.fixture
def tiny_fs(tmp_path):
    """A 256 KiB tmpfs (needs root, as in CI); skipped where mounting is not allowed."""
    import subprocess

    mnt = tmp_path / "tiny"
    mnt.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mnt)], capture_output=True)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({r.stderr.decode(errors='replace').strip()}); "
                    "test_write_error_past_a_file_size_limit covers the same path")
    yield mnt
    subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_full_disk_refuses_the_row_whole_and_keeps_the_rest(tiny_fs):
    import subprocess

    led = Ledger(tiny_fs / "data")
    written, error = _fill(led)
    assert written > 5 and "未保存" in str(error) and "磁盘已满" in str(error)
    rows = led.recent_feedback(None)
    assert len(rows) == written and all(r.comment == "满" * 1500 for r in rows)   # the refused row left no trace
    conn = sqlite3.connect(tiny_fs / "data" / DB_NAME)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    subprocess.run(["mount", "-o", "remount,size=4m", str(tiny_fs)], check=True)     # space freed
    led.record_feedback(1, "有空间了", "问题", "回答", CITES, "v-full")
    assert led.counts()["feedback"] == written + 1


FSIZE_WRITER = r"""
import json, resource, signal, sys
from ui.ledger import Ledger, LedgerError
led = Ledger(sys.argv[1])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)            # a write past the limit fails with EFBIG instead
resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))
n = 0
while True:
    try:
        led.record_feedback(-1, "满" * 1500, f"问题 {n}", "回答", [], "v-fsize")
    except LedgerError as e:
        print(json.dumps({"written": n, "error": str(e)}, ensure_ascii=False))
        break
    n += 1
"""


def test_write_error_past_a_file_size_limit(tmp_path):
    """The same fault without root: RLIMIT_FSIZE makes SQLite's writes fail (EFBIG)."""
    import os
    import subprocess
    import sys

    from common import ROOT

    r = subprocess.run([sys.executable, "-c", FSIZE_WRITER, str(tmp_path)], cwd=ROOT, capture_output=True, text=True,
                       timeout=120, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert r.returncode == 0, r.stderr[-2000:]
    out = json.loads(r.stdout)
    assert out["written"] > 5 and "未保存" in out["error"]
    led = Ledger(tmp_path)
    rows = led.recent_feedback(None)
    assert len(rows) == out["written"] and all(r.comment == "满" * 1500 for r in rows)
    led.record_feedback(1, "限制解除", "问题", "回答", [], "v-fsize")
    assert led.counts()["feedback"] == out["written"] + 1


def test_ledger_error_reaches_the_user_as_a_message():
    from ui.app import user_message

    msg = user_message(LedgerError("台账写入失败，本条未保存（磁盘已满：database or disk is full）"))
    assert "未保存" in msg and "磁盘已满" in msg
