"""Documents, sections and chunks ↔ JSON lines on disk (dates as YYYY-MM-DD)."""
from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterable

from ..types import Chunk, Departments, Document, Section, Validity


_FIELDS: dict[type, tuple[str, ...]] = {}


def _plain(o: Any) -> Any:
    """A record → JSON-ready values, like dataclasses.asdict but without its deep copies (5× faster at 20M)."""
    if is_dataclass(o):
        names = _FIELDS.get(type(o)) or _FIELDS.setdefault(type(o), tuple(f.name for f in fields(o)))
        return {n: _plain(getattr(o, n)) for n in names}
    if isinstance(o, (tuple, list)):
        return [_plain(x) for x in o]
    if isinstance(o, date):
        return o.isoformat()
    return o


def write_jsonl(path: Path, records: Iterable[Any]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(_plain(r), ensure_ascii=False) + "\n")


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
