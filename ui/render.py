"""HTML for the chat UI: transcript, source panel, full text, agent view, ledger tables.

In: library records (Answer, Citation, Document, Section) and the session's `Turn`s.
Out: HTML strings. Every piece of corpus text and user input goes through `esc()` (quotes
included), so a question like ``<script>…`` is shown as text, never run. Clickable parts
are ``<button data-action=… data-turn=… data-idx=…>``; the transcript's ``js_on_load``
(ui/app.py) turns a click on one into a Gradio event.
"""
from __future__ import annotations

import html
import json
from dataclasses import dataclass
from datetime import date
from typing import Sequence

from assistant.parse.validity import describe
from assistant.types import Answer, Citation, Departments, Document, Hit, Section

from .ledger import FeedbackRecord, GapRecord, QuestionRecord

BADGES = {  # Validity.status(today) → (label, css modifier)
    "in_force": ("现行有效", "ok"),
    "expired": ("已失效", "bad"),
    "ended": ("已结束", "ended"),
    "unknown": ("状态未知", "unknown"),
}
QUESTION_PREVIEW = 300


@dataclass(frozen=True)
class ScopeVerdict:
    """Whether a matter falls in the 12345 enterprise-complaint scope, and the clause that says so."""

    in_scope: bool              # True: 主要受理范围; False: 不予受理的范围
    clause: Citation            # the clause (whole chunk) it rests on
    from_answer: bool           # the answer itself cites this clause


@dataclass(frozen=True)
class Turn:
    """One question of a chat session and what came of it."""

    question: str                                   # as the user typed it
    asked: str                                      # as retrieved (with follow-up context)
    topic: str                                      # the question later follow-ups attach to
    answer: Answer | None = None
    error: str | None = None                        # a Chinese message instead of an answer
    question_id: int | None = None                  # ledger row
    feedback: int = 0                               # +1 👍 / -1 👎 once given
    departments: tuple[tuple[str, Departments], ...] = ()   # (cited section label, its departments)
    scope: ScopeVerdict | None = None
    scope_relevant: bool = False                    # the answer or its top hits are from the 12345 方案


def esc(text: object) -> str:
    """Any value → HTML-escaped text (& < > " ')."""
    return html.escape("" if text is None else str(text), quote=True)


def cite_label(c: Citation) -> str:
    return f"{c.doc_number or c.title} {c.section}"


def hit_citation(h: Hit) -> Citation:
    """A retrieved chunk as a Citation (quote = the whole chunk), so the source panel can show it."""
    c = h.chunk
    return Citation(c.doc_number, c.title, c.section, c.text, c.source, c.start, c.end)


def badge(status: str) -> str:
    label, mod = BADGES.get(status, BADGES["unknown"])
    return f'<span class="nx-badge nx-badge-{mod}">{esc(label)}</span>'


_THUMB = ('<svg class="nx-thumb{flip}" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">'
          '<path fill="currentColor" d="M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06'
          'L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47'
          '.14-.73v-2z"/></svg>')


def thumb(up: bool) -> str:
    """An inline 👍/👎 icon (SVG, so it shows without an emoji font) followed by 有用/没用."""
    return _THUMB.format(flip="" if up else " nx-thumb-down") + ("有用" if up else "没用")


def _button(action: str, turn: int, idx: int, text: str, cls: str, title: str = "", icon: str = "") -> str:
    t = f' title="{esc(title)}"' if title else ""
    return (f'<button type="button" class="{cls}" data-action="{action}" data-turn="{turn}" '
            f'data-idx="{idx}"{t}>{icon}{esc(text)}</button>')


# -- transcript --------------------------------------------------------------------------------

def transcript_html(turns: Sequence[Turn]) -> str:
    """The whole conversation as chat bubbles, with citation marks and 👍/👎 on every answer."""
    if not turns:
        body = ('<div class="nx-empty"><p>您好！我是宁夏12345企业服务专区的政策助手。</p>'
                '<p>请在下方输入问题，或点击示例问题。回答逐句摘自政策原文，每句后的 [1] [2] '
                '标记可查看出处原文。</p></div>')
    else:
        body = "".join(_turn_html(i, t) for i, t in enumerate(turns))
    return (f'<div class="nx-chat" role="log" aria-live="polite" aria-label="对话记录" '
            f'data-count="{len(turns)}">{body}</div>')


def _turn_html(i: int, t: Turn) -> str:
    q = t.question
    shown = q if len(q) <= QUESTION_PREVIEW else f"{q[:QUESTION_PREVIEW]}…（共 {len(q)} 字）"
    ctx = ""
    if t.asked != t.question and t.answer is not None:
        ctx = f'<div class="nx-context">结合上一问“{esc(t.topic)}”理解</div>'
    user = (f'<div class="nx-msg nx-user"><div class="nx-who">您</div>'
            f'<div class="nx-bubble">{esc(shown)}</div>{ctx}</div>')
    if t.error is not None:
        bot = f'<div class="nx-bubble nx-error" role="alert">{esc(t.error)}</div>'
    elif t.answer is not None and t.answer.abstained:
        bot = f'<div class="nx-bubble nx-abstain">{_abstain_html(i, t.answer)}{_feedback_html(i, t)}</div>'
    elif t.answer is not None:
        bot = f'<div class="nx-bubble">{_answer_html(i, t.answer)}{_feedback_html(i, t)}</div>'
    else:
        bot = '<div class="nx-bubble">…</div>'
    return (f'<div class="nx-turn" id="nx-turn-{i}">{user}'
            f'<div class="nx-msg nx-bot"><div class="nx-who">政策助手</div>{bot}</div></div>')


def _answer_html(i: int, a: Answer) -> str:
    """answer.answer line by line; a line that is a cited quote gets its mark [n] instead of 〔…〕."""
    marks = {f"{c.quote}〔{cite_label(c)}〕": n for n, c in enumerate(a.citations)}
    used: set[int] = set()
    out = []
    for line in a.answer.split("\n"):
        n = marks.get(line)
        if n is not None and n not in used:
            used.add(n)
            c = a.citations[n]
            out.append(f'<p class="nx-quote">{esc(c.quote)} '
                       f'{_button("cite", i, n, f"[{n + 1}]", "nx-cite", "查看出处：" + cite_label(c))}</p>')
        elif line.strip():
            cls = "nx-meta" if line in a.validity or line.startswith("牵头部门") else "nx-line"
            out.append(f'<p class="{cls}">{esc(line)}</p>')
    refs = "".join(f'<li>{_button("cite", i, n, f"[{n + 1}] {cite_label(c)}", "nx-ref", "查看出处")}</li>'
                   for n, c in enumerate(a.citations))
    if refs:
        out.append(f'<div class="nx-refs"><span>引用（点击查看原文）：</span><ol>{refs}</ol></div>')
    return "".join(out)


def _abstain_html(i: int, a: Answer) -> str:
    near = "".join(
        f'<li>{_button("near", i, n, f"{h.chunk.doc_number or h.chunk.title} {h.chunk.section}", "nx-ref", "查看原文")}'
        f'<div class="nx-near-text">{esc(h.chunk.text[:80])}{"…" if len(h.chunk.text) > 80 else ""}</div></li>'
        for n, h in enumerate(a.hits[:3]))
    return ('<p class="nx-abstain-head"><strong>知识库中没有找到能回答这个问题的条文。</strong>'
            '请转人工或查询其他渠道；本问题已记入“覆盖缺口”台账。</p>'
            + (f'<p class="nx-line">最接近的内容（仅供参考，不是答案）：</p><ol class="nx-near">{near}</ol>'
               if near else ""))


def _feedback_html(i: int, t: Turn) -> str:
    state = ""
    if t.feedback:
        state = f'<span class="nx-fb-state">已评价：{thumb(t.feedback > 0)}，谢谢！</span>'
    return ('<div class="nx-fb"><span>这个回答有帮助吗？</span>'
            f'{_button("up", i, 0, "", "nx-fb-btn", "👍 有用（附上方填写的评价意见）", thumb(True))}'
            f'{_button("down", i, 0, "", "nx-fb-btn", "👎 没用（附上方填写的评价意见）", thumb(False))}{state}</div>')


# -- source panel ------------------------------------------------------------------------------

def source_placeholder() -> str:
    return ('<div class="nx-source nx-placeholder"><h3>条文出处</h3>'
            '<p>点击回答中的引用标记 [1] [2]，在这里查看条文原文、文号、发文机关和效力状态。</p></div>')


def highlight(text: str, quote: str, hint: int = 0) -> str:
    """Escaped `text` with the occurrence of `quote` nearest to offset `hint` wrapped in <mark>."""
    spots = []
    k = text.find(quote) if quote else -1
    while k != -1:
        spots.append(k)
        k = text.find(quote, k + 1)
    if not spots:
        return esc(text)
    at = min(spots, key=lambda s: abs(s - hint))
    return f"{esc(text[:at])}<mark>{esc(quote)}</mark>{esc(text[at + len(quote):])}"


def source_html(doc: Document, section: Section | None, cit: Citation, today: date, n: int | None = None) -> str:
    """The source panel for one citation: document facts, validity badge, section with the quote marked."""
    status = doc.validity.status(today)
    if section is not None:
        body = highlight(section.text, cit.quote, max(0, cit.start - section.start))
        if "<mark>" not in body:
            body = f'<p class="nx-line">引文：<mark>{esc(cit.quote)}</mark></p>{body}'
        path = section.path + (f"（{section.heading}）" if section.heading and section.heading not in section.path
                               else "")
    else:
        body, path = f"<mark>{esc(cit.quote)}</mark>", cit.section
    title = f"引用 [{n + 1}]" if n is not None else "条文出处"
    return (f'<div class="nx-source"><div class="nx-source-kicker">{esc(title)} {badge(status)}</div>'
            f'<h3 class="nx-doc-title">《{esc(doc.title)}》</h3>'
            f'<dl class="nx-facts">'
            f'<dt>文号</dt><dd>{esc(doc.doc_number or "无文号")}</dd>'
            f'<dt>发文机关</dt><dd>{esc("、".join(doc.issuers) or "未载明")}</dd>'
            f'<dt>成文日期</dt><dd>{esc(_date(doc.date))}</dd>'
            f'<dt>效力状态</dt><dd>{badge(status)} {esc(describe(doc.validity, today))}</dd>'
            f'<dt>条款</dt><dd class="nx-path">{esc(path)}</dd></dl>'
            f'<div class="nx-section-text">{body}</div></div>')


def fulltext_html(doc: Document | None, sections: Sequence[Section], current: Section | None = None,
                  cit: Citation | None = None) -> str:
    """The whole document: an outline of its sections (links) and every section's text."""
    if doc is None:
        return '<div class="nx-fulltext nx-placeholder"><p>选择一条引用后，这里显示该文件的全文与目录。</p></div>'
    items, parts = [], []
    for k, s in enumerate(sections):
        label = s.path + (f" {s.heading}" if s.heading and s.heading not in s.path else "")
        is_cur = current is not None and s.start == current.start and s.path == current.path
        cls = ' class="current"' if is_cur else ""
        items.append(f'<li{cls}><a href="#nx-s-{k}">{esc(label)}</a></li>')
        text = (highlight(s.text, cit.quote, max(0, cit.start - s.start)) if is_cur and cit is not None
                else esc(s.text))
        parts.append(f'<section id="nx-s-{k}" class="nx-sec{" current" if is_cur else ""}">'
                     f'<h4>{esc(s.path)}</h4><div class="nx-section-text">{text}</div></section>')
    head = f'《{esc(doc.title)}》（{esc(doc.doc_number or "无文号")}）'
    notice = f'<p class="nx-line">{esc(doc.notice_title)}</p>' if doc.notice_title else ""
    return (f'<div class="nx-fulltext"><h3>{head}</h3>{notice}'
            f'<nav class="nx-outline" aria-label="目录"><h4>目录（{len(sections)} 条）</h4><ol>{"".join(items)}</ol></nav>'
            f'<div class="nx-doc">{"".join(parts)}</div></div>')


def _date(d: date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else "未载明"


# -- agent view --------------------------------------------------------------------------------

def agent_html(turn: Turn | None, scope_doc: str) -> str:
    """坐席视图: departments of the cited sections (for 转办) and the 12345 受理范围 verdict."""
    if turn is None or turn.answer is None:
        return ('<div class="nx-agent nx-placeholder"><h3>坐席视图</h3>'
                '<p>提问后，这里显示所引条文的牵头、配合部门（转办参考）和 12345 企业投诉受理范围判断。</p></div>')
    a = turn.answer
    rows = []
    for label, d in turn.departments:
        rows.append(f"<tr><td>{esc(label)}</td><td>{esc('、'.join(d.lead) or '—')}</td>"
                    f"<td>{esc('、'.join(d.cooperating) or '—')}</td><td>{esc('、'.join(d.implementing) or '—')}</td></tr>")
    if any(d for _, d in turn.departments):
        depts = ('<table class="nx-table"><thead><tr><th>所引条文</th><th>牵头部门</th><th>配合部门</th>'
                 f'<th>落实单位</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')
    elif a.abstained:
        depts = '<p class="nx-line">未找到可引用的条文，无法给出转办部门；请转人工。</p>'
    else:
        labels = "、".join(label for label, _ in turn.departments) or "—"
        depts = f'<p class="nx-line">所引条文（{esc(labels)}）未标注牵头或配合部门。</p>'
    return (f'<div class="nx-agent"><h3>坐席视图</h3><p class="nx-line">问题：{esc(turn.question)}</p>'
            f'<h4>转办参考：牵头与配合部门</h4>{depts}'
            f'<h4>12345 企业投诉受理范围（{esc(scope_doc)}）</h4>{_scope_html(turn, scope_doc)}</div>')


def _scope_html(turn: Turn, scope_doc: str) -> str:
    v = turn.scope
    if v is None:
        if not turn.scope_relevant:
            return f'<p class="nx-line">本问题的回答未涉及 {esc(scope_doc)}，不作受理范围判断。</p>'
        return '<p class="nx-line">没有找到对应的受理范围条款，请坐席按方案“三、投诉受理范围”人工判断。</p>'
    verdict = ('<span class="nx-badge nx-badge-ok">属于受理范围</span> 属于该方案列明的主要受理范围'
               if v.in_scope else
               '<span class="nx-badge nx-badge-bad">不予受理</span> 属于该方案列明的不予受理的范围')
    basis = "回答所引条款" if v.from_answer else "检索到的最相关条款"
    return (f'<p class="nx-verdict">{verdict}</p>'
            f'<p class="nx-line">依据（{basis}，供坐席核实）：{esc(cite_label(v.clause))}</p>'
            f'<blockquote class="nx-section-text">{esc(v.clause.quote)}</blockquote>')


# -- ledger ------------------------------------------------------------------------------------

def _short(text: str, n: int = 120) -> str:
    return esc(text if len(text) <= n else text[:n] + "…")


def _cites(citations_json: str) -> str:
    try:
        items = json.loads(citations_json)
        return "；".join(f"{c.get('doc_number') or c.get('title')} {c.get('section')}" for c in items)
    except (ValueError, TypeError, AttributeError):
        return citations_json


def ledger_html(questions: Sequence[QuestionRecord], feedback: Sequence[FeedbackRecord],
                gaps: Sequence[GapRecord], counts: dict[str, int]) -> str:
    """The 台账 tab: recent feedback, coverage gaps and questions as escaped tables."""
    fb_rows = "".join(
        f'<tr><td class="nx-nowrap">{esc(f.created[:19].replace("T", " "))}</td><td class="nx-nowrap">{thumb(f.rating > 0)}</td>'
        f'<td class="nx-comment">{esc(f.comment) or "—"}</td><td>{_short(f.question)}</td>'
        f'<td>{_short(f.answer)}</td><td>{esc(_cites(f.citations))}</td></tr>' for f in feedback)
    gap_rows = "".join(
        f'<tr><td class="nx-nowrap">{esc(g.created[:19].replace("T", " "))}</td><td>{_short(g.question, 200)}</td>'
        f'<td>{esc(_cites(g.nearest))}</td></tr>' for g in gaps)
    q_rows = "".join(
        f'<tr><td class="nx-nowrap">{esc(q.created[:19].replace("T", " "))}</td><td>{_short(q.question, 200)}</td>'
        f'<td>{"未找到" if q.abstained else "已回答"}</td><td>{esc(_cites(q.citations))}</td></tr>'
        for q in questions)
    empty = '<tr><td colspan="6">暂无记录</td></tr>'
    return (f'<div class="nx-ledger"><p class="nx-line">共 {counts.get("questions", 0)} 次提问、'
            f'{counts.get("feedback", 0)} 条评价、{counts.get("coverage_gaps", 0)} 个覆盖缺口（下表为最近记录）。</p>'
            '<h4>最近的评价</h4><div class="nx-scroll"><table class="nx-table"><thead><tr><th>时间</th><th>评价</th>'
            f'<th>意见</th><th>问题</th><th>回答</th><th>引用</th></tr></thead><tbody>{fb_rows or empty}</tbody></table></div>'
            '<h4>覆盖缺口（知识库未能回答的问题）</h4><div class="nx-scroll"><table class="nx-table"><thead><tr>'
            f'<th>时间</th><th>问题</th><th>最接近的条文</th></tr></thead><tbody>{gap_rows or empty}</tbody></table></div>'
            '<h4>最近的提问</h4><div class="nx-scroll"><table class="nx-table"><thead><tr><th>时间</th><th>问题</th>'
            f'<th>结果</th><th>引用</th></tr></thead><tbody>{q_rows or empty}</tbody></table></div></div>')
