"""What a document says about its validity → Validity(kind, phrase, effective, expires).

    有效期3年 (issued 2022-08-03)      → term, expires 2025-08-03
    自印发之日起施行                   → from_issue, no end
    （2021—2025年） in the title       → plan, expires 2025-12-31
    自7月中旬至11月底 (issued 2022)    → campaign, expires 2022-11-30
    nothing stated                     → none, in force from the issue date

The status (in_force / expired / ended / unknown) is computed from these
dates at query time by `Validity.status(today)`, never stored.
"""
from __future__ import annotations

import calendar
import re
from datetime import date

from ..types import Validity
from .numbering import chinese_number

_NUM = r"(\d+|[一二三四五六七八九十两]+)"
_TERM = re.compile(rf"有效期\s*(?:为)?\s*{_NUM}\s*年")
_UNTIL = re.compile(r"有效期至\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_FROM_ISSUE = re.compile(r"自(?:发布|印发|公布|颁布)之日起(?:施行|执行|实施|生效)")
_FROM_DATE = re.compile(r"自\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*起(?:施行|执行|实施|生效)")
_PLAN = re.compile(r"((?:19|20)\d{2})\s*[—\-–－~～至]+\s*((?:19|20)\d{2})\s*年")
_CAMPAIGN = re.compile(r"自?\s*(\d{1,2})\s*月(上旬|中旬|下旬|初|底|末)?\s*(?:至|到)\s*(\d{1,2})\s*月(上旬|中旬|下旬|初|底|末)?")

def _add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)

def _month_point(year: int, month: int, part: str | None, end: bool) -> date:
    last = calendar.monthrange(year, month)[1]
    day = {"上旬": 10 if end else 1, "中旬": 20 if end else 11, "下旬": last if end else 21,
           "初": 10 if end else 1, "底": last, "末": last}.get(part or "", last if end else 1)
    return date(year, month, day)

def parse_validity(title: str, body: str, issued: date | None) -> Validity:
    """Read validity from the document's title and body; see the module docstring."""
    if m := _UNTIL.search(body):
        return Validity("term", m.group(0), issued, date(*map(int, m.groups())))
    effective = issued
    if m := _FROM_DATE.search(body):
        effective = date(*map(int, m.groups()))
    if (m := _TERM.search(body)) and effective is not None:
        years = chinese_number(m.group(1)) or 0
        phrase = _sentence_around(body, m.start(), m.end())
        return Validity("term", phrase, effective, _add_years(effective, years))
    if m := _PLAN.search(title):
        start, stop = int(m.group(1)), int(m.group(2))
        if start <= stop:
            return Validity("plan", m.group(0), date(start, 1, 1), date(stop, 12, 31))
    head = body[:600]
    if (m := _CAMPAIGN.search(head)) and issued is not None and "至" in m.group(0) + "到":
        m1, p1, m2, p2 = int(m.group(1)), m.group(2), int(m.group(3)), m.group(4)
        if 1 <= m1 <= 12 and 1 <= m2 <= 12 and m1 <= m2:
            return Validity("campaign", m.group(0).lstrip("自"),
                            _month_point(issued.year, m1, p1, end=False),
                            _month_point(issued.year, m2, p2, end=True))
    if m := (_FROM_DATE.search(body) or _FROM_ISSUE.search(body)):
        return Validity("from_issue", _sentence_around(body, m.start(), m.end()), effective, None)
    return Validity("none", "", effective, None)

def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(c, 0, start) for c in "。\n；") + 1
    rights = [i for i in (text.find(c, end) for c in "。\n；") if i != -1]
    right = min(rights) + 1 if rights else len(text)
    return text[left:right].strip()

def describe(v: Validity, today: date) -> str:
    """One readable line: "有效期3年，已于2025年8月3日到期（已失效）"."""
    fmt = lambda d: f"{d.year}年{d.month}月{d.day}日"  # noqa: E731
    status = v.status(today)
    if v.kind == "term" and v.expires:
        tail = f"已于{fmt(v.expires)}到期（已失效）" if status == "expired" else f"有效期至{fmt(v.expires)}（现行有效）"
        return f"{v.phrase.rstrip('。；;，, ')}，{tail}" if v.phrase else tail
    if v.kind in ("plan", "campaign") and v.expires:
        state = "已结束" if status == "ended" else "进行中"
        return f"实施期{v.phrase}，截至{fmt(v.expires)}（{state}）"
    if v.kind == "from_issue":
        since = f"，自{fmt(v.effective)}起" if v.effective else ""
        return f"{v.phrase.rstrip('。；;，, ')}{since}，未规定截止日期（现行有效）"
    if v.effective:
        return f"{fmt(v.effective)}印发，文件未载明有效期（按现行有效处理）"
    return "文件未载明日期和有效期（状态未知）"

