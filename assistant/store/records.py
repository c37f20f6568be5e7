"""Documents, sections and chunks ↔ JSON lines on disk (dates as YYYY-MM-DD)."""
from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any, Iterable

from ..types import Chunk, Departments, Document, Section, Validity


def _default(o: Any) -> Any:
    if isinstance(o, date):
        return o.isoformat()
    raise TypeError(type(o))


def write_jsonl(path: Path, records: Iterable[Any]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(asdict(r), ensure_ascii=False, default=_default) + "\n")


def _date(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def read_documents(path: Path) -> list[Document]:
    out = []
    for d in _read(path):
        v = d.pop("validity")
        v = Validity(v["kind"], v["phrase"], _date(v["effective"]), _date(v["expires"]))
        out.append(Document(**{**d, "date": _date(d["date"]), "issuers": tuple(d["issuers"]), "validity": v}))
    return out


def _departments(d: dict) -> Departments:
    return Departments(tuple(d["lead"]), tuple(d["cooperating"]), tuple(d["implementing"]))


def read_sections(path: Path) -> list[Section]:
    return [Section(**{**d, "departments": _departments(d["departments"])}) for d in _read(path)]


def read_chunks(path: Path) -> list[Chunk]:
    return [Chunk(**d) for d in _read(path)]
