"""Sections → chunks: pieces of one section, cut at sentence ends, each with its citation.

A section no longer than `max_chars` is one chunk. A longer one is cut after
。！？ (then after ；，、 only when a single sentence is still too long), greedily
packing whole sentences. A chunk never crosses a section, and its `start`/`end`
point into the source file, so `chunk.text` equals the source span with the
page-break line breaks removed.

    section text "一。二三。四五六。", max_chars=5  →  chunks "一。二三。" and "四五六。"

A law's article and the items numbered inside it (第十七条 …下列…税收：（一）…（七）…), and a
lead-in and its list (the gazette's 3. …主要包括：（1）…（4）…), are chunked as one unit,
cited as the article or the lead-in's section, when the whole fits in
`max_chars`: a question asking 哪些情形 is answered by the lead-in with its
list, and the one item it asks is found in the chunk that also holds the
lead-in saying what the list is of. A longer one keeps one unit per numbered
section, and each inner one is tried in turn.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .parse.lines import paragraphs, split_lines
from .parse.numbering import ARTICLE_LEVEL
from .types import Chunk, Document, Section

MAX_CHARS = 300
_STRONG = set("。！？!?")
_WEAK = set("；;")
_COMMA = set("，,、")
LEAD_IN = re.compile(r"[：:]\s*$")     # a text ending with a colon leads in to a list


def _clean_positions(source_text: str, start: int, end: int) -> tuple[str, list[int]]:
    """The section's characters without line breaks, with each one's offset in the source."""
    chars: list[str] = []
    pos: list[int] = []
    for line in split_lines(source_text, start, end):
        chars.extend(line.text)
        pos.extend(range(line.start, line.end))
    return "".join(chars), pos


def _pieces(text: str, stops: set[str]) -> list[tuple[int, int]]:
    out, begin = [], 0
    for i, ch in enumerate(text):
        closing = i + 1 < len(text) and text[i + 1] in "”’」』)）"
        if ch in stops and not closing or (i > 0 and text[i - 1] in stops and ch in "”’」』)）"):
            out.append((begin, i + 1))
            begin = i + 1
    if begin < len(text):
        out.append((begin, len(text)))
    return out


def _sentences(text: str, max_chars: int, levels: tuple[set[str], ...] = (_STRONG, _WEAK, _COMMA),
               offset: int = 0) -> list[tuple[int, int]]:
    """Sentence spans; a too-long one is cut at ；, then at ，, then hard at max_chars."""
    out = []
    for a, b in _pieces(text, levels[0]) if levels else [(0, len(text))]:
        if b - a <= max_chars:
            out.append((offset + a, offset + b))
        elif len(levels) > 1:
            out.extend(_pack(_sentences(text[a:b], max_chars, levels[1:], offset + a), max_chars))
        else:
            out.extend((offset + e, offset + min(b, e + max_chars)) for e in range(a, b, max_chars))
    return out


def _pack(spans: list[tuple[int, int]], max_chars: int) -> Iterator[tuple[int, int]]:
    begin = end = None
    for a, b in spans:
        if begin is not None and b - begin > max_chars:
            yield begin, end
            begin = None
        if begin is None:
            begin = a
        end = b
    if begin is not None:
        yield begin, end


def chunk_section(section: Section, doc: Document, source_text: str, max_chars: int = MAX_CHARS,
                  first_id: int = 0, end: int | None = None) -> list[Chunk]:
    """The chunks of `section`, or of source_text[section.start:end] when an article takes its items."""
    clean, pos = _clean_positions(source_text, section.start, section.end if end is None else end)
    chunks = []
    for a, b in _pack(_sentences(clean, max_chars), max_chars):
        if not clean[a:b].strip():
            continue
        start, end = pos[a], pos[b - 1] + 1
        text = "\n".join(p.text for p in paragraphs(source_text, split_lines(source_text, start, end)))
        chunks.append(Chunk(
            chunk_id=first_id + len(chunks), doc_id=section.doc_id, doc_number=doc.doc_number,
            title=doc.title, section=section.path, heading=section.heading, text=text,
            source=section.source, start=start, end=end, section_ordinal=section.ordinal))
    return chunks


def chunk_all(sections: Iterable[Section], documents: dict[str, Document], texts: dict[str, str],
              max_chars: int = MAX_CHARS) -> list[Chunk]:
    """Chunks of every section, numbered from 0 in order."""
    out: list[Chunk] = []
    sections = list(sections)
    i = 0
    while i < len(sections):
        s = sections[i]
        n = _inner_sections(sections, i, max_chars)
        end = sections[i + n].end if n else None
        out.extend(chunk_section(s, documents[s.doc_id], texts[s.source], max_chars, first_id=len(out), end=end))
        i += 1 + n
    return out


def _inner_sections(sections: list[Section], i: int, max_chars: int) -> int:
    """How many sections after sections[i] are numbered inside it, when it with them fits in `max_chars` and it
    is a law's article or leads in to them (…主要包括：); else 0. A heading's sections (五、其他事项) stay apart:
    one chunk of unrelated clauses would draw questions about any of them, and a law's 编, 章 and 节 keep their
    articles apart: an article is what a law is cited by."""
    s = sections[i]
    if s.level != ARTICLE_LEVEL and not (s.level > ARTICLE_LEVEL and LEAD_IN.search(s.text)):
        return 0
    n = 0
    while i + n + 1 < len(sections):      # indexes, not a slice: a slice per section is quadratic at 20M characters
        t = sections[i + n + 1]
        if t.doc_id != s.doc_id or t.level <= s.level or not t.path.startswith(s.path):
            break
        n += 1
    # a section's text without its line breaks is what the chunker packs
    if n and sum(len(t.text.replace("\n", "")) for t in sections[i:i + n + 1]) > max_chars:
        return 0
    return n
