"""A document's body paragraphs → its sections, each a verbatim span with a path.

    三、投诉受理范围            → path "三、投诉受理范围"
    主要受理范围为：            → group "三、投诉受理范围—主要受理范围" (the list restarts later)
    （六）受理对机关、事业单位… → path "三、投诉受理范围—主要受理范围（六）"

Levels nest by `numbering.marker_of`; a section's span is its own paragraphs up
to its first child, so sections never overlap. Unnumbered text before the first
heading is 序言; closing lines such as 本措施自发布之日起施行 are 文末.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..types import CLOSING, NOTICE, PREAMBLE, Section
from .departments import parse_departments
from .lines import Paragraph
from .numbering import Marker, chinese_number, lead_heading, marker_of

_CLOSING = re.compile(r"^(本|此)(措施|方案|指引|办法|规定|意见|通知|细则|条例|决定|规划|计划|实施方案|工作方案)?"
                      r".{0,14}(施行|执行|实施|有效期|负责解释)")
_GROUP = re.compile(r"^(.{2,24}?)(?:为|如下|包括)?[：:]$")


@dataclass
class _Open:
    path: str
    heading: str
    level: float
    paragraphs: list[Paragraph] = field(default_factory=list)


def _first_item(m: Marker) -> bool:
    number = re.sub(r"[（）.、第条章节编]", "", m.label)
    return chinese_number(number) == 1


def _group_lines(paragraphs: list[Paragraph], markers: list[Marker | None]) -> set[int]:
    """Indexes of unnumbered 'X：' lines that head a list whose numbering restarts.

    A colon line counts only when its parent holds two or more lists of that
    level starting at 1 (the 12345 document's 主要受理范围 / 不予受理的范围),
    so an ordinary lead-in like 投诉办理共分8个环节： stays plain text.
    """
    groups = set()
    for i, p in enumerate(paragraphs):
        nxt = markers[i + 1] if i + 1 < len(markers) else None
        if markers[i] or not nxt or not _first_item(nxt) or not _GROUP.match(p.text):
            continue
        level = nxt.level
        lo = i
        while lo > 0 and not (markers[lo - 1] and markers[lo - 1].level < level):
            lo -= 1
        hi = i + 1
        while hi < len(markers) and not (markers[hi] and markers[hi].level < level):
            hi += 1
        starts = sum(1 for m in markers[lo:hi] if m and m.level == level and _first_item(m))
        if starts >= 2:
            groups.add(i)
    return groups


def _split_closing(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], list[Paragraph]]:
    cut = len(paragraphs)
    while cut > 0 and marker_of(paragraphs[cut - 1].text) is None and _CLOSING.match(paragraphs[cut - 1].text):
        cut -= 1
    return paragraphs[:cut], paragraphs[cut:]


def build_sections(doc_id: str, source: str, body: list[Paragraph], notice: list[Paragraph] = (),
                   trailer: list[Paragraph] = (), first_ordinal: int = 0) -> list[Section]:
    """Notice paragraphs, body paragraphs and trailer paragraphs → ordered sections."""
    main, closing = _split_closing(list(body))
    markers = [marker_of(p.text) for p in main]
    groups = _group_lines(main, markers)
    opened: list[_Open] = []
    if notice:
        opened.append(_Open(NOTICE, "", 0, list(notice)))
    stack: list[tuple[float, str]] = []     # (level, label) of the open path
    current = _Open(PREAMBLE, "", 0)
    opened.append(current)
    for i, (p, m) in enumerate(zip(main, markers)):
        if m is None and i not in groups:
            current.paragraphs.append(p)
            continue
        if m is None:   # a group line: sits between its parent and the list
            level = markers[i + 1].level - 0.5
            label = "—" + _GROUP.match(p.text).group(1)
            heading = label[1:]
        else:
            level = m.level
            heading = lead_heading(p.text)
            label = m.label + heading if level == 4 else m.label
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, label))
        current = _Open("".join(lab for _, lab in stack), heading, level, [p])
        opened.append(current)
    tail = list(closing) + list(trailer)
    if tail:
        opened.append(_Open(CLOSING, "", 0, tail))
    sections = []
    for o in opened:
        if not o.paragraphs:
            continue
        text = "\n".join(p.text for p in o.paragraphs)
        sections.append(Section(
            doc_id=doc_id, path=o.path, heading=o.heading, level=int(o.level), text=text,
            source=source, start=o.paragraphs[0].start, end=o.paragraphs[-1].end,
            departments=parse_departments(text), ordinal=first_ordinal + len(sections)))
    return sections
