"""The data that flows through the pipeline, stage by stage.

text → Document (文号, titles, issuer, date, validity) → Section (path, verbatim
span) → Chunk (inside one section, carries its citation) → Hit (a chunk with a
score) → Answer (sentences, citations, departments, validity).

Every record keeps `source` (file name in the corpus folder) and `start`/`end`
character offsets into that file's decoded text, so any quote can be checked
against the source at any stage.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# the unnumbered parts' section paths (the parser names them; Chunk.ranked_text reads NOTICE)
PREAMBLE, NOTICE, CLOSING = "序言", "印发通知", "文末"
_BRACKETS = str.maketrans("[［", "〔〔") | str.maketrans("]］", "〕〕")


@dataclass(frozen=True)
class Departments:
    """Who leads, cooperates and implements, from a 〔…牵头，…负责〕 annotation."""

    lead: tuple[str, ...] = ()
    cooperating: tuple[str, ...] = ()
    implementing: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.lead or self.cooperating or self.implementing)

    def as_dict(self) -> dict[str, list[str]]:
        return {"lead": list(self.lead), "cooperating": list(self.cooperating),
                "implementing": list(self.implementing)}


@dataclass(frozen=True)
class Validity:
    """What the text says about when the document applies.

    `kind` is one of: term (有效期N年), from_issue (自印发之日起施行, no end),
    plan (a plan period such as 2021—2025年), campaign (a window such as
    7月中旬至11月底), none (nothing stated). `phrase` is the verbatim wording.
    """

    kind: str = "none"
    phrase: str = ""
    effective: date | None = None
    expires: date | None = None

    def status(self, today: date) -> str:
        """in_force / expired (a term ran out) / ended (a plan or campaign is over) / unknown."""
        if self.expires is not None and today > self.expires:
            return "expired" if self.kind == "term" else "ended"
        if self.effective is None:
            return "unknown"
        return "in_force"


@dataclass(frozen=True)
class Document:
    """One policy document of a corpus file."""

    doc_id: str                 # 文号 if it has one, else "<source>#<n>"
    doc_number: str | None      # 文号, canonical brackets 〔〕
    title: str                  # the policy's own title (the attachment's, if any)
    notice_title: str           # the title of the covering notice ("" if none)
    issuers: tuple[str, ...]
    date: date | None           # date under the signature
    published_note: str         # 此件公开发布 or ""
    validity: Validity
    source: str
    start: int
    end: int

    @property
    def cite_name(self) -> str:
        return self.doc_number or self.title


@dataclass(frozen=True)
class Section:
    """A numbered (or unnumbered) part of a document; its span is verbatim source."""

    doc_id: str
    path: str                   # e.g. 三、重点任务（一）2.  or 序言 / 印发通知 / 文末
    heading: str                # lead sentence or heading words ("" if none)
    level: int
    text: str                   # source[start:end] with page-break line breaks removed
    source: str
    start: int
    end: int
    departments: Departments = field(default_factory=Departments)
    ordinal: int = 0            # position within the document


@dataclass(frozen=True)
class Chunk:
    """A piece of one section, small enough for the encoder, with its citation."""

    chunk_id: int
    doc_id: str
    doc_number: str | None
    title: str
    section: str                # section path
    heading: str
    text: str                   # verbatim span (page-break newlines removed)
    source: str
    start: int
    end: int
    section_ordinal: int

    def ranked_text(self) -> str:
        """The span as ranked: a notice's opening title and 文号 left out.

        They are quoted (a 文号 asked is shown), but the title is every chunk's context
        already; ranked again, it drew questions that name the document to its notice.
        """
        if self.section != NOTICE or not self.doc_number:
            return self.text
        at = self.text[:200].translate(_BRACKETS).find(self.doc_number)
        return self.text[at + len(self.doc_number):].lstrip() if at >= 0 else self.text

    def embed_text(self) -> str:
        """What the encoder sees: context (title, path, heading) then the span."""
        return f"{self.title} {self.section} {self.heading}\n{self.ranked_text()}"

    def bm25_text(self) -> str:
        """What BM25 sees: title, heading (so 转办 matches its clause) and the span."""
        return f"{self.title}\n{self.heading}\n{self.ranked_text()}"


@dataclass(frozen=True)
class Hit:
    rank: int
    score: float                # fused score (what the ranking used)
    chunk: Chunk
    dense: float = 0.0          # cosine of question and chunk (0 if not among dense candidates)
    lexical: float = 0.0        # BM25 score


@dataclass(frozen=True)
class Citation:
    doc_number: str | None
    title: str
    section: str
    quote: str                  # verbatim from source[start:end] (page-break newlines removed)
    source: str
    start: int
    end: int


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str
    abstained: bool
    citations: tuple[Citation, ...]
    departments: Departments
    validity: tuple[str, ...]   # one readable line per cited document
    hits: tuple[Hit, ...] = ()
