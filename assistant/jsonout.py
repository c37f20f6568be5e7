"""Records → the JSON objects of the CLI's --json output (a contract: eval runs read these fields)."""
from __future__ import annotations

from datetime import date
from typing import Any

from .parse.validity import describe
from .types import Answer, Document, Hit, Section


def hit_json(h: Hit) -> dict[str, Any]:
    c = h.chunk
    return {"rank": h.rank, "score": h.score, "doc_number": c.doc_number, "title": c.title, "section": c.section,
            "text": c.text, "source": c.source, "start": c.start, "end": c.end,
            "dense": h.dense, "lexical": h.lexical}


def document_json(d: Document, today: date) -> dict[str, Any]:
    return {"doc_number": d.doc_number, "title": d.title, "notice_title": d.notice_title,
            "issuer": "、".join(d.issuers), "date": d.date.isoformat() if d.date else None,
            "expires": d.validity.expires.isoformat() if d.validity.expires else None,
            "status": d.validity.status(today), "validity": describe(d.validity, today),
            "published": d.published_note, "source": d.source}


def section_json(s: Section, doc: Document) -> dict[str, Any]:
    return {"doc_number": doc.doc_number, "title": doc.title, "section": s.path, "heading": s.heading,
            "text": s.text, "source": s.source, "start": s.start, "end": s.end,
            "departments": s.departments.as_dict()}


def answer_json(a: Answer, qid: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": qid} if qid is not None else {}
    out.update({
        "question": a.question, "answer": a.answer, "abstained": a.abstained,
        "citations": [{"doc_number": c.doc_number, "title": c.title, "section": c.section, "quote": c.quote,
                       "source": c.source, "start": c.start, "end": c.end} for c in a.citations],
        "departments": a.departments.as_dict(), "validity": list(a.validity),
        "nearest": [hit_json(h) for h in a.hits[:3]] if a.abstained else [],
    })
    return out
