"""Sections → chunks: pieces of one section, cut at sentence ends, each with its citation.

A section no longer than `max_chars` is one chunk. A longer one is cut after
。！？ (then after ；，、 only when a single sentence is still too long), greedily
packing whole sentences. A chunk never crosses a section, and its `start`/`end`
point into the source file, so `chunk.text` equals the source span with the
page-break line breaks removed.

    section text "一。二三。四五六。", max_chars=5  →  chunks "一。二三。" and "四五六。"
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from .parse.lines import paragraphs, split_lines
from .types import Chunk, Document, Section

MAX_CHARS = 300
_STRONG = set("。！？!?")
_WEAK = set("；;")
_COMMA = set("，,、")


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
                  first_id: int = 0) -> list[Chunk]:
    clean, pos = _clean_positions(source_text, section.start, section.end)
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
    for s in sections:
        out.extend(chunk_section(s, documents[s.doc_id], texts[s.source], max_chars, first_id=len(out)))
    return out


