"""Numbering markers of Chinese policy texts → (level, canonical label).

    >>> marker_of("（一）加强贸易规则对接。加强国际合作…")
    Marker(level=5, label='（一）', length=3)
    >>> marker_of("(二) 促进国际国内标准认证衔接。")
    Marker(level=5, label='（二）', length=4)
    >>> marker_of("2. 强化农村改厕质量管控。")
    Marker(level=6, label='2.', length=3)
    >>> marker_of("第十五条 市热线工作机构应当…")
    Marker(level=3, label='第十五条', length=5)

Levels: 编 0, 章 1, 节 2, 条 3, 一、 4, （一） 5, 1. 6, （1） 7. Full-width
and half-width brackets and dots are accepted; labels are written one way
(full-width brackets, half-width dot) so paths compare equal.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_CN = "一二三四五六七八九十百千零〇两"
ARTICLE_LEVEL = 3       # 第X条: a law's article
_PATTERNS: list[tuple[int, re.Pattern[str], str]] = [
    (0, re.compile(rf"^第([{_CN}\d]+)编\s*"), "第{}编"),
    (1, re.compile(rf"^第([{_CN}\d]+)章\s*"), "第{}章"),
    (2, re.compile(rf"^第([{_CN}\d]+)节\s*"), "第{}节"),
    (ARTICLE_LEVEL, re.compile(rf"^第([{_CN}\d]+)条(?:\s+|(?=[^之，,。]))"), "第{}条"),
    (4, re.compile(rf"^([{_CN}]{{1,3}})\s*、\s*"), "{}、"),
    (5, re.compile(rf"^[（(]\s*([{_CN}]{{1,3}})\s*[）)]\s*"), "（{}）"),
    (6, re.compile(r"^(\d{1,2})\s*(?:[.．](?!\d)|、)\s*"), "{}."),
    (7, re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]\s*"), "（{}）"),
]


@dataclass(frozen=True)
class Marker:
    level: int
    label: str
    length: int   # characters of the line the marker (and following spaces) takes


def marker_of(line: str) -> Marker | None:
    for level, pattern, fmt in _PATTERNS:
        m = pattern.match(line)
        if m:
            return Marker(level, fmt.format(m.group(1)), m.end())
    return None


def heading_rest(line: str) -> str:
    """The line without its numbering marker."""
    m = marker_of(line)
    return line[m.length:] if m else line


def lead_heading(line: str, limit: int = 40) -> str:
    """The heading words of a numbered paragraph: its lead sentence if short enough.

    "（一）加强贸易规则对接。加强国际合作交流…" → "加强贸易规则对接"
    "一、指导思想" → "指导思想"
    "第十五条 市热线工作机构应当…" → ""  (an article has no heading words)
    """
    rest = heading_rest(line).strip()
    m = re.search(r"[。；;：:！？]", rest)
    head = rest[: m.start()] if m else rest
    if len(head) > limit or "，" in head or (m is None and len(rest) > 16):
        return ""
    return head.strip()


def chinese_number(text: str) -> int | None:
    """一 → 1, 十三 → 13, 二十 → 20, 一百零五 → 105; digits pass through."""
    if text.isdigit():
        return int(text)
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    digits.update({"〇": 0, "两": 2})
    total, current = 0, 0
    for ch in text:
        if ch in digits:
            current = digits[ch]
        elif ch in "十百千":
            unit = {"十": 10, "百": 100, "千": 1000}[ch]
            total += (current or 1) * unit
            current = 0
        else:
            return None
    return total + current
