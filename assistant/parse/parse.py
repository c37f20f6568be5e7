"""A corpus file (or its text) → ParsedFile(documents, sections).

    >>> pf = parse_file(Path("corpus/nx-gazette-2022-15.txt"))
    >>> [d.doc_number for d in pf.documents][:2]
    ['宁党办〔2022〕41号', '宁党厅字〔2022〕28号']

Every section's text equals source_text[start:end] once whitespace is removed.
A second copy of a document already seen in the same file (same 文号 and same
text) is dropped and reported in `warnings`.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import SourceError
from ..text import norm_compare
from ..types import Document, Section
from .decode import read_text
from .documents import find_regions
from .lines import joined, paragraphs, split_lines
from .sections import build_sections
from .validity import parse_validity


@dataclass(frozen=True)
class ParsedFile:
    source: str
    text: str
    documents: tuple[Document, ...]
    sections: tuple[Section, ...]
    warnings: tuple[str, ...] = ()


def parse_text(text: str, source: str) -> ParsedFile:
    lines = split_lines(text)
    documents: list[Document] = []
    sections: list[Section] = []
    warnings: list[str] = []
    seen: dict[str, str] = {}
    for n, region in enumerate(find_regions(text, lines)):
        doc_id = region.doc_number or f"{source}#{n + 1}"
        # the notice opens with its title and 文号 (an asker may want either quoted), each a paragraph of its own
        title, number = [lines[i] for i in region.head[:-1]], [lines[i] for i in region.head[-1:]]
        notice = [joined(part) for part in (title, number) if part] + \
            paragraphs(text, [lines[i] for i in region.notice])
        body = paragraphs(text, [lines[i] for i in region.body])
        trailer = paragraphs(text, [lines[i] for i in region.trailer])
        body_text = "\n".join(p.text for p in body)
        fingerprint = norm_compare(body_text)
        if doc_id in seen:
            if seen[doc_id] == fingerprint:
                warnings.append(f"{source}: {doc_id} appears twice; the second copy is skipped")
                continue
            doc_id = f"{doc_id}#{n + 1}"
            warnings.append(f"{source}: two different documents carry {region.doc_number}; the second is kept as {doc_id}")
        seen[doc_id] = fingerprint
        last = max(region.body.stop, region.trailer.stop) - 1
        doc = Document(
            doc_id=doc_id, doc_number=region.doc_number, title=region.title, notice_title=region.notice_title,
            issuers=region.issuers, date=region.date, published_note=region.published_note,
            validity=parse_validity(region.title, body_text + "\n" + "\n".join(p.text for p in trailer), region.date),
            source=source, start=lines[region.first].start, end=lines[max(last, region.first)].end)
        secs = build_sections(doc_id, source, body, notice, trailer, first_ordinal=0)
        documents.append(doc)
        sections.extend(secs)
    if not sections:
        raise SourceError(f"{source}: no text found to index (empty, only blank lines, or a title line alone)")
    return ParsedFile(source, text, tuple(documents), tuple(sections), tuple(warnings))


def parse_file(path: Path) -> ParsedFile:
    return parse_text(read_text(path), path.name)



