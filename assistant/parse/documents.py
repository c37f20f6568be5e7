"""A corpus file's lines → document regions with their metadata (文号, titles, issuers, date).

Two layouts occur:

* gazette / 印发 notice: title, 文号, addressee, notice text, issuers, date,
  （此件公开发布）, then the attached policy's own title and its body;
* single notice or law: title, (文号), addressee or adoption note, body, and a
  signature (issuers, date) at the end or none at all.

A gazette holds several documents; each starts at the title above a line that
is only a 文号 (宁政办发〔2022〕49号). Everything before the first one (cover,
editorial board, masthead, table of contents) belongs to no document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..text import compact
from .lines import DATE_LINE, Line, ends_sentence
from .numbering import marker_of

DOC_NUMBER_LINE = re.compile(
    r"^([\u4e00-\u9fff]{1,14})\s*[〔\[［(（]\s*((?:19|20)\d{2})\s*[〕\]］)）]\s*(\d{1,4})\s*号$")
DOC_NUMBER = re.compile(
    r"([\u4e00-\u9fff]{1,14})\s*[〔\[［]\s*((?:19|20)\d{2})\s*[〕\]］]\s*(\d{1,4})\s*号")
_ANY_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_PUBLIC = re.compile(r"^[（(]\s*此件.{0,8}[）)]$")
_TITLE_MAX = 120


def canonical_doc_number(prefix: str, year: str, number: str) -> str:
    return f"{prefix}〔{year}〕{int(number)}号"


@dataclass(frozen=True)
class Region:
    """Line indexes of one document's parts, plus its metadata (offsets via the lines)."""

    doc_number: str | None
    notice_title: str
    title: str
    issuers: tuple[str, ...]
    date: date | None
    published_note: str
    first: int          # first line of the document (its title)
    head: range         # a covering notice's title lines and its 文号 line (empty when there is no notice)
    notice: range       # addressee .. published note (empty when there is no covering notice)
    body: range
    trailer: range      # signature block at the end (empty if none)


def _adjacent(text: str, a: Line, b: Line) -> bool:
    return text.count("\n", a.end, b.start) <= 1


def _title_start(text: str, lines: list[Line], anchor: int, floor: int) -> int:
    """Walk up from a 文号 line over its (possibly multi-line) title."""
    i = anchor - 1
    if i < floor:
        return anchor
    first = i
    while (i - 1 >= floor and _adjacent(text, lines[i - 1], lines[i]) and anchor - i < 4
           and _title_like(lines[i - 1].text)):
        i -= 1
        first = i
    return first if _title_like(lines[first].text) else anchor


def _title_like(s: str) -> bool:
    return (len(s) <= _TITLE_MAX and not DATE_LINE.match(s) and not DOC_NUMBER_LINE.match(s)
            and not re.search(r"\d{4}[/-]\d", s) and (not ends_sentence(s) or s.endswith(("）", ")")))
            and marker_of(s) is None and bool(re.search(r"[\u4e00-\u9fff]", s)))


def _signature(lines: list[Line], date_at: int, floor: int) -> int:
    """Index of the first issuer line above the date line at `date_at`."""
    i = date_at
    while i - 1 >= floor and i - 1 > date_at - 4:
        s = lines[i - 1].text
        if len(s) > 30 or ends_sentence(s) or marker_of(s) or re.search(r"[，,、]", s):
            break
        i -= 1
    return i


def _parse_date(s: str) -> date | None:
    m = _ANY_DATE.search(s)
    if not m:
        return None
    try:
        return date(*map(int, m.groups()))
    except ValueError:
        return None


def find_regions(text: str, lines: list[Line]) -> list[Region]:
    anchors = [i for i, l in enumerate(lines) if DOC_NUMBER_LINE.match(l.text)]
    if not anchors:
        return [_region(text, lines, None, 0, 0, len(lines))] if lines else []
    starts = []
    floor = 0
    for a in anchors:
        starts.append(_title_start(text, lines, a, floor))
        floor = a + 1
    ends = starts[1:] + [len(lines)]
    return [_region(text, lines, a, s, s, e) for a, s, e in zip(anchors, starts, ends)]


def _region(text: str, lines: list[Line], anchor: int | None, first: int, _s: int, end: int) -> Region:
    if anchor is None:      # a law or notice without 文号: title is the first line
        title_lines = [lines[first].text]
        m = DOC_NUMBER.search(lines[first].text)
        doc_number = canonical_doc_number(*m.groups()) if m else None
        after = first + 1
    else:
        title_lines = [l.text for l in lines[first:anchor]]
        doc_number = canonical_doc_number(*DOC_NUMBER_LINE.match(lines[anchor].text).groups())
        after = anchor + 1
    notice_title = compact("".join(title_lines)).strip("【】")
    heading_at = next((i for i in range(after, end) if marker_of(lines[i].text)), end)
    date_at = next((i for i in range(after, end) if DATE_LINE.match(lines[i].text)), None)

    note_at = date_at + 1 if date_at is not None and date_at + 1 < end and _PUBLIC.match(lines[date_at + 1].text) else date_at
    if date_at is not None and date_at < heading_at and note_at + 2 < end:
        # a covering notice, signed, then the attached policy with its own title
        sig = _signature(lines, date_at, after)
        j = date_at + 1
        note = ""
        if j < end and _PUBLIC.match(lines[j].text):
            note, j = lines[j].text.strip("（）()"), j + 1
        title_end = j + 1 if j < end else j
        if (title_end < end and _adjacent(text, lines[j], lines[title_end]) and _title_like(lines[title_end].text)
                and not ends_sentence(lines[j].text)):
            title_end += 1
        title = compact(" ".join(l.text for l in lines[j:title_end])) or notice_title
        return Region(doc_number, notice_title, title, tuple(compact(l.text) for l in lines[sig:date_at]),
                      _parse_date(lines[date_at].text), note, first, range(first, after), range(after, j),
                      range(title_end, end),
                      range(end, end))
    # signature (if any) at the end
    trailer_start, issued, issuers, note = end, None, (), ""
    k = end - 1
    if k >= after and _PUBLIC.match(lines[k].text):
        note, k = lines[k].text.strip("（）()"), k - 1
    if k >= after and DATE_LINE.match(lines[k].text):
        trailer_start = _signature(lines, k, after)
        issued = _parse_date(lines[k].text)
        issuers = tuple(compact(l.text) for l in lines[trailer_start:k])
    elif note:
        trailer_start = k + 1
    if issued is None:      # laws: 2018年6月28日 …通过 under the title
        issued = next((d for l in lines[after:min(after + 3, end)] if (d := _parse_date(l.text))), None)
    return Region(doc_number, notice_title, notice_title, issuers, issued, note, first, range(after, after),
                  range(after, after), range(after, trailer_start), range(trailer_start, end))
