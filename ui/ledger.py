"""The feedback ledger (台账): questions asked, 👍/👎 feedback and coverage gaps, in SQLite.

In: a folder (``config.data``; created if missing). Out: ``ledger.sqlite3`` in it, read back as
frozen records and exported as CSV.

Durability and concurrency: the database runs in WAL mode with ``synchronous=FULL`` and a
busy timeout; every write is one short ``BEGIN IMMEDIATE … COMMIT`` transaction on its own
connection, retried with back-off while SQLite reports ``database is locked``/``busy``. So two
agents clicking at once both get their row, and a committed row survives a server restart.

Schema changes go through ``MIGRATIONS`` (numbered, applied once, recorded in
``schema_version``); a newer database than this code knows is refused rather than guessed at.
Text is stored verbatim (HTML and all): escaping is the renderer's job (``ui.render``).
"""
from __future__ import annotations

import csv
import json
import sqlite3
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence, TypeVar

DB_NAME = "ledger.sqlite3"
BUSY_TIMEOUT_MS = 10_000
RETRIES = 12

# (version, statements). Append only; never edit a released step.
MIGRATIONS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (1, (
        """CREATE TABLE questions (
               id INTEGER PRIMARY KEY AUTOINCREMENT,
               created TEXT NOT NULL,
               question TEXT NOT NULL,            -- what the user typed
               asked TEXT NOT NULL,               -- what was retrieved (with follow-up context)
               answer TEXT NOT NULL,
               abstained INTEGER NOT NULL,
               citations TEXT NOT NULL,           -- JSON list, answer_json's citations
               index_version TEXT NOT NULL)""",
        """CREATE TABLE feedback (
               id INTEGER PRIMARY KEY AUTOINCREMENT,
               created TEXT NOT NULL,
               question_id INTEGER REFERENCES questions(id),
               rating INTEGER NOT NULL CHECK (rating IN (-1, 1)),
               comment TEXT NOT NULL DEFAULT '',
               question TEXT NOT NULL,
               answer TEXT NOT NULL,
               citations TEXT NOT NULL,
               index_version TEXT NOT NULL)""",
        """CREATE TABLE coverage_gaps (
               id INTEGER PRIMARY KEY AUTOINCREMENT,
               created TEXT NOT NULL,
               question_id INTEGER REFERENCES questions(id),
               question TEXT NOT NULL,
               nearest TEXT NOT NULL,             -- JSON list of the nearest hits (hit_json)
               index_version TEXT NOT NULL)""",
    )),
    (2, (
        "CREATE INDEX IF NOT EXISTS feedback_question ON feedback(question_id)",
        "CREATE INDEX IF NOT EXISTS gaps_question ON coverage_gaps(question_id)",
    )),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]

T = TypeVar("T")


class LedgerError(Exception):
    """The ledger database cannot be used (newer schema, unreadable file); message in Chinese."""


@dataclass(frozen=True)
class QuestionRecord:
    id: int
    created: str            # ISO 8601 local time with offset, seconds
    question: str
    asked: str
    answer: str
    abstained: bool
    citations: str          # JSON text
    index_version: str


@dataclass(frozen=True)
class FeedbackRecord:
    id: int
    created: str
    question_id: int | None
    rating: int             # +1 👍, -1 👎
    comment: str
    question: str
    answer: str
    citations: str          # JSON text
    index_version: str


@dataclass(frozen=True)
class GapRecord:
    id: int
    created: str
    question_id: int | None
    question: str
    nearest: str            # JSON text
    index_version: str


def now() -> str:
    """The current local time as ISO 8601 with its UTC offset, to the second."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _locked(e: sqlite3.OperationalError) -> bool:
    msg = str(e).lower()
    return "locked" in msg or "busy" in msg


class Ledger:
    """One SQLite ledger file. Thread-safe: each call opens its own short-lived connection."""

    def __init__(self, folder: Path | str):
        self.folder = Path(folder)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise LedgerError(f"无法创建台账目录 {self.folder}：{e.strerror}") from e
        self.path = self.folder / DB_NAME
        self._migrate_lock = threading.Lock()
        self._retry(self._setup)

    # -- connections and transactions -------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        return conn

    def _retry(self, fn: Callable[[], T]) -> T:
        delay = 0.02
        for attempt in range(RETRIES):
            try:
                return fn()
            except sqlite3.OperationalError as e:
                if not _locked(e) or attempt == RETRIES - 1:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 1.0)
        raise AssertionError("unreachable")

    def _write(self, sql: str, params: Sequence[Any]) -> int:
        """One INSERT in one short transaction (retried while locked) → the new row id.

        Any other failure (disk full, I/O error, read-only file) rolls the row back whole and
        raises LedgerError saying it was not saved: a row is either committed or absent.
        """
        def run() -> int:
            conn = self._connect()
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    cur = conn.execute(sql, params)
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        try:
                            conn.execute("ROLLBACK")
                        except sqlite3.Error:
                            pass        # SQLite rolled back itself; keep the original error
                    raise
                return int(cur.lastrowid)
            finally:
                conn.close()
        try:
            return self._retry(run)
        except sqlite3.Error as e:
            raise LedgerError(f"台账写入失败，本条未保存（{_reason(e)}）") from e

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        def run() -> list[tuple]:
            conn = self._connect()
            try:
                return conn.execute(sql, params).fetchall()
            finally:
                conn.close()
        return self._retry(run)

    def _setup(self) -> None:
        with self._migrate_lock:
            conn = self._connect()
            try:
                mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    raise LedgerError(f"台账数据库 {self.path} 无法切换到 WAL 模式（当前 {mode}）")
                conn.execute("BEGIN IMMEDIATE")
                try:
                    conn.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                                 "version INTEGER PRIMARY KEY, applied TEXT NOT NULL)")
                    current = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0]
                    if current > SCHEMA_VERSION:
                        raise LedgerError(f"台账数据库 {self.path} 的结构版本为 {current}，"
                                          f"高于本程序支持的 {SCHEMA_VERSION}；请升级程序")
                    for version, statements in MIGRATIONS:
                        if version <= current:
                            continue
                        for stmt in statements:
                            conn.execute(stmt)
                        conn.execute("INSERT INTO schema_version (version, applied) VALUES (?, ?)",
                                     (version, now()))
                    conn.execute("COMMIT")
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
            except sqlite3.DatabaseError as e:
                if isinstance(e, sqlite3.OperationalError) and _locked(e):
                    raise
                raise LedgerError(f"台账数据库 {self.path} 无法打开：{e}") from e
            finally:
                conn.close()

    def schema_version(self) -> int:
        return int(self._read("SELECT COALESCE(MAX(version), 0) FROM schema_version")[0][0])

    def close(self) -> None:
        """Nothing stays open between calls; kept so callers can treat the ledger as a resource."""

    # -- writes -----------------------------------------------------------------------------

    def record_question(self, question: str, asked: str, answer: str, abstained: bool,
                        citations: Sequence[dict[str, Any]], index_version: str) -> int:
        """Log one asked question and its answer → the row id (links feedback and gaps to it)."""
        return self._write(
            "INSERT INTO questions (created, question, asked, answer, abstained, citations, index_version) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (now(), question, asked, answer, int(bool(abstained)), _json(citations), index_version))

    def record_feedback(self, rating: int, comment: str, question: str, answer: str,
                        citations: Sequence[dict[str, Any]], index_version: str,
                        question_id: int | None = None) -> int:
        """Log 👍 (rating +1) or 👎 (-1) with an optional comment → the row id."""
        if rating not in (1, -1):
            raise ValueError("rating must be 1 (👍) or -1 (👎)")
        return self._write(
            "INSERT INTO feedback (created, question_id, rating, comment, question, answer, citations, "
            "index_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (now(), question_id, rating, comment or "", question, answer, _json(citations), index_version))

    def record_gap(self, question: str, nearest: Sequence[dict[str, Any]], index_version: str,
                   question_id: int | None = None) -> int:
        """Log a question the knowledge base could not answer (a coverage gap) → the row id."""
        return self._write(
            "INSERT INTO coverage_gaps (created, question_id, question, nearest, index_version) "
            "VALUES (?, ?, ?, ?, ?)",
            (now(), question_id, question, _json(nearest), index_version))

    # -- reads ------------------------------------------------------------------------------

    def recent_questions(self, limit: int | None = 50) -> list[QuestionRecord]:
        rows = self._read("SELECT id, created, question, asked, answer, abstained, citations, index_version "
                          "FROM questions ORDER BY id DESC LIMIT ?", (_limit(limit),))
        return [QuestionRecord(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6], r[7]) for r in rows]

    def recent_feedback(self, limit: int | None = 50) -> list[FeedbackRecord]:
        rows = self._read("SELECT id, created, question_id, rating, comment, question, answer, citations, "
                          "index_version FROM feedback ORDER BY id DESC LIMIT ?", (_limit(limit),))
        return [FeedbackRecord(*r) for r in rows]

    def recent_gaps(self, limit: int | None = 50) -> list[GapRecord]:
        rows = self._read("SELECT id, created, question_id, question, nearest, index_version "
                          "FROM coverage_gaps ORDER BY id DESC LIMIT ?", (_limit(limit),))
        return [GapRecord(*r) for r in rows]

    def counts(self) -> dict[str, int]:
        """Rows per table: {"questions": n, "feedback": n, "coverage_gaps": n}."""
        out = {}
        for table in ("questions", "feedback", "coverage_gaps"):
            out[table] = int(self._read(f"SELECT COUNT(*) FROM {table}")[0][0])
        return out

    # -- export -----------------------------------------------------------------------------

    def export_csv(self, dest: Path | str) -> Path:
        """Every row of the three tables → one UTF-8 (with BOM, for Excel) CSV file at `dest`.

        Columns: 类型 (提问 / 评价 / 覆盖缺口), 编号, 时间, 关联提问, 问题, 回答, 评价, 意见, 引用,
        索引版本. Cells that a spreadsheet would run as a formula (starting with = + - @) get a
        leading apostrophe; the database keeps the verbatim text.
        """
        dest = Path(dest)
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(dest.name + ".tmp")
        with tmp.open("w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f)
            w.writerow(["类型", "编号", "时间", "关联提问", "问题", "回答", "评价", "意见", "引用", "索引版本"])
            for row in self._export_rows():
                w.writerow([_cell(v) for v in row])
        tmp.replace(dest)
        return dest

    def _export_rows(self) -> Iterator[list[Any]]:
        for q in reversed(self.recent_questions(None)):
            yield ["提问", q.id, q.created, "", q.question if q.question == q.asked
                   else f"{q.question}（检索：{q.asked}）", q.answer, "未找到" if q.abstained else "",
                   "", q.citations, q.index_version]
        for fb in reversed(self.recent_feedback(None)):
            yield ["评价", fb.id, fb.created, fb.question_id or "", fb.question, fb.answer,
                   "👍" if fb.rating > 0 else "👎", fb.comment, fb.citations, fb.index_version]
        for g in reversed(self.recent_gaps(None)):
            yield ["覆盖缺口", g.id, g.created, g.question_id or "", g.question, "", "", "", g.nearest,
                   g.index_version]


def _reason(e: sqlite3.Error) -> str:
    msg = str(e)
    if "full" in msg.lower():
        return f"磁盘已满：{msg}"
    if "locked" in msg.lower() or "busy" in msg.lower():
        return f"数据库持续被占用：{msg}"
    return msg


def _json(obj: Any) -> str:
    return json.dumps(list(obj), ensure_ascii=False)


def _limit(limit: int | None) -> int:
    return -1 if limit is None else max(0, int(limit))


def _cell(v: Any) -> Any:
    if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + v
    return v
