"""Decoded text → lines with offsets → paragraphs with page-break damage repaired.

A printed gazette breaks paragraphs at page ends: a line stops mid-sentence,
a blank line follows, the sentence goes on. `paragraphs` joins such pieces:

    "（一）各级 12345 热线对受理的企业咨询投\\n\\n诉建立受理办理台账，…"
    → one Paragraph whose text is "（一）各级 12345 热线对受理的企业咨询投诉建立受理办理台账，…"

A line is continued when it does not end a sentence (。；：！？ or a closing
bracket of an annotation), is not a short heading, and the next line does not
start a new numbered item, a date or a signature.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .numbering import marker_of

TERMINAL = set("。；;：:！!？?〕]】")
_LINE = re.compile(r"[^\r\n]+")
DATE_LINE = re.compile(r"^\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_SENTENCE_PUNCT = re.compile(r"[。；;！!？?，,]")


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """One or more lines joined; `text` has the page-break newlines removed."""

    start: int
    end: int
    text: str


def split_lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """Non-blank lines of text[start:end], each stripped, with offsets into `text`."""
    out = []
    for m in _LINE.finditer(text, start, len(text) if end is None else end):
        raw = m.group(0)
        stripped = raw.strip()
        if not stripped:
            continue
        s = m.start() + (len(raw) - len(raw.lstrip()))
        out.append(Line(s, s + len(stripped), stripped))
    return out


def is_heading_like(line: str) -> bool:
    """A short numbered heading with no sentence in it: 一、指导思想 / 第一章 总则 / （三）."""
    m = marker_of(line)
    if m is None:
        return False
    rest = line[m.length:]
    # a top-level heading (一、 / 第X章) may be long; a deeper one without punctuation
    # longer than 12 characters is a sentence cut by a page break
    limit = 30 if m.level <= 4 else 12
    return not _SENTENCE_PUNCT.search(rest) and len(rest) <= limit


def ends_sentence(line: str) -> bool:
    last = line[-1]
    if last in TERMINAL:
        return True
    if last in "）)" and line[0] in "（(":   # a whole line in brackets: （此件公开发布）
        return True
    return last in "”’" and len(line) > 1 and line[-2] in TERMINAL


def continues(a: str, b: str) -> bool:
    """Does line b carry on the sentence that line a broke off?"""
    if ends_sentence(a) or is_heading_like(a) or DATE_LINE.match(a):
        return False
    if marker_of(b) is not None or DATE_LINE.match(b) or b.startswith(("（此件", "(此件")):
        return False
    return True


def paragraphs(text: str, lines: list[Line]) -> list[Paragraph]:
    """Join lines into paragraphs, repairing page breaks (see module docstring)."""
    out: list[Paragraph] = []
    parts: list[Line] = []
    for line in lines:
        if parts and not continues(parts[-1].text, line.text):
            out.append(joined(parts))
            parts = []
        parts.append(line)
    if parts:
        out.append(joined(parts))
    return out


def joined(parts: list[Line]) -> Paragraph:
    """Lines known to form one paragraph (a title broken over two lines), joined without asking `continues`."""
    return Paragraph(parts[0].start, parts[-1].end, "".join(p.text for p in parts))
