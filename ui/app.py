"""The Gradio chat app: build_app(config) → gr.Blocks, serve(config, host, port, auth).

Tabs: 咨询对话 (chat, citation marks → source panel, 全文与目录), 坐席视图 (lead/cooperating
departments of the cited sections, 12345 受理范围 verdict), 台账 (ledger, CSV download).
API (gradio_client): ``/ask`` (question) → answer_json, ``/search`` (question, k) →
{"hits": [hit_json, …]}. Everything the user sees is built by ui.render (HTML-escaped).

Access: the server binds 127.0.0.1 unless --host says otherwise. ``auth="user:password"``
is passed to ``launch(auth=…)``, so the whole app (chat, 坐席视图, 台账 and the API) requires
that login; gradio 6 has no per-tab login, and a partial guard would leak through the API.
API clients then log in too: ``Client(url, auth=("user", "password"))``.
"""
from __future__ import annotations

import logging
import os
import tempfile
import time
import uuid
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, Callable

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402

from assistant.api import Assistant  # noqa: E402
from assistant.config import Config, from_env  # noqa: E402
from assistant.errors import AssistantError, BadQuestion, IndexMismatch, IndexMissing  # noqa: E402
from assistant.jsonout import answer_json, hit_json  # noqa: E402
from assistant.retrieve import MAX_QUESTION_CHARS, check_question  # noqa: E402
from assistant.types import Answer, Citation, Departments, Document, Hit, Section  # noqa: E402

from . import render  # noqa: E402
from .ledger import Ledger, LedgerError  # noqa: E402
from .render import ScopeVerdict, Turn  # noqa: E402
from .workers import Workers  # noqa: E402

log = logging.getLogger(__name__)

TITLE = "宁夏12345企业服务专区 · 政策助手"
SCOPE_DOC = "宁政办函〔2022〕25号"
IN_SCOPE, OUT_OF_SCOPE = "主要受理范围", "不予受理的范围"
FOLLOW_UP_PREFIXES = ("那么", "那", "这", "它", "还")
SHORT_QUESTION = 12
CONCURRENCY = 4
QUEUE_SIZE = 64
MAX_K = 50

EXAMPLES = [  # one or two per document of the gazette issue
    "我们被乱罚款了能打12345吗",
    "企业诉求转办要多长时间？",
    "内外贸一体化那个政策现在还有效吗？",
    "政府每年那份重大决策清单是谁牵头编的？",
    "安全生产百日整治行动什么时候结束？",
    "我们村的旱厕政府给不给改？",
]


# -- conversation logic (no gradio here) --------------------------------------------------------

def contextual_question(question: str, turns: list[Turn]) -> tuple[str, str]:
    """(question as typed, earlier turns) → (question to retrieve, topic for later follow-ups).

    A follow-up (shorter than 12 characters, or starting with 那/这/它/还/那么) is retrieved
    with the topic of the last answered turn prepended: after "企业诉求怎么转办？",
    "那要多久？" is retrieved as "企业诉求怎么转办？ 那要多久？". Follow-ups keep that topic.
    """
    q = question.strip()
    previous = next((t for t in reversed(turns) if t.answer is not None), None)
    follow_up = len(q) < SHORT_QUESTION or q.startswith(FOLLOW_UP_PREFIXES)
    if previous is None or not follow_up:
        return q, q
    asked = f"{previous.topic} {q}"
    if len(asked) > MAX_QUESTION_CHARS:
        return q, q
    return asked, previous.topic


def user_message(e: BaseException, question: str = "") -> str:
    """A library or ledger error → a plain Chinese message (never a traceback)."""
    if isinstance(e, BadQuestion):
        q = "".join(ch for ch in question if ch.isprintable() or ch in "\n\t").strip()   # as check_question counts
        if not q:
            return "请先输入问题，例如：企业诉求转办要多长时间？"
        if len(q) > MAX_QUESTION_CHARS:
            return f"问题太长（{len(q)} 字），请控制在 {MAX_QUESTION_CHARS} 字以内，一次只问一件事。"
        return "这个问题无法处理，请换一种说法再问。"
    if isinstance(e, IndexMissing):
        return "知识库索引还没有建立，请管理员先运行 python -m assistant index。"
    if isinstance(e, IndexMismatch):
        return "知识库索引与当前设置不一致或已损坏，请管理员运行 python -m assistant index --force 重建。"
    if isinstance(e, LedgerError):
        return f"台账数据库出错：{e}"
    if isinstance(e, AssistantError):
        return "知识库暂时无法回答，请稍后再试或转人工。"
    return "系统内部错误，请稍后再试或转人工。"


class ChatService:
    """The app's logic over one Assistant and one Ledger; the gradio handlers only call this."""

    def __init__(self, assistant: Assistant, ledger: Ledger, today: Callable[[], date] = date.today,
                 workers: Workers | None = None):
        self.assistant = assistant
        self.ledger = ledger
        self.today = today
        self.workers = workers      # the served app runs model calls on a fixed pool (ui/workers.py)

    def _run(self, fn, *args, **kwargs):
        """A model call: on the worker pool when the app has one, else in this thread."""
        return self.workers.call(fn, *args, **kwargs) if self.workers else fn(*args, **kwargs)

    def _ask(self, question: str) -> Answer:
        return self._run(self.assistant.ask, question, today=self.today())

    def _search(self, question: str, k: int) -> list[Hit]:
        return self._run(self.assistant.search, question, k=k)

    # questions

    def ask(self, question: str, turns: list[Turn]) -> Turn:
        """A question in the context of earlier turns → a new Turn (answer or Chinese error), logged."""
        try:
            check_question(question)
            asked, topic = contextual_question(question, turns)
            answer = self._ask(asked)
        except Exception as e:  # noqa: BLE001 — shown as a message, logged with its traceback
            if not isinstance(e, BadQuestion):
                log.exception("ask failed: %r", question[:200])
            return Turn(question=question, asked=question, topic=question.strip(), error=user_message(e, question))
        try:
            depts = self._departments(answer)
            scope, relevant = self._scope(asked, answer)
        except Exception:  # noqa: BLE001 — the agent-view extras must not cost the user the answer
            log.exception("agent view failed: %r", asked[:200])
            depts, scope, relevant = (), None, False
        turn = Turn(question=question.strip(), asked=asked, topic=topic, answer=answer,
                    departments=depts, scope=scope, scope_relevant=relevant)
        return replace(turn, question_id=self._log_question(turn))

    def _log_question(self, turn: Turn) -> int | None:
        a = turn.answer
        assert a is not None
        j = answer_json(a)
        try:
            qid = self.ledger.record_question(turn.question, turn.asked, a.answer, a.abstained, j["citations"],
                                              self.version)
            if a.abstained:
                self.ledger.record_gap(turn.question, j["nearest"], self.version, question_id=qid)
            return qid
        except Exception:  # noqa: BLE001 — the answer still reaches the user
            log.exception("ledger write failed")
            return None

    @property
    def version(self) -> str:
        return self.assistant.kb.version

    def feedback(self, turn: Turn, rating: int, comment: str) -> Turn:
        """👍 (+1) or 👎 (-1) with an optional comment on one turn → the turn with its feedback set."""
        a = turn.answer
        assert a is not None
        self.ledger.record_feedback(rating, comment.strip(), turn.question, a.answer, answer_json(a)["citations"],
                                    self.version, question_id=turn.question_id)
        return replace(turn, feedback=rating)

    # sources

    def locate(self, cit: Citation) -> tuple[Document | None, Section | None]:
        """A citation → its document and section (by source offsets, then by 文号 and path)."""
        kb = self.assistant.kb
        docs = list(kb.documents.values())
        doc = next((d for d in docs if d.source == cit.source and d.start <= cit.start < d.end), None)
        if doc is None:
            doc = next((d for d in docs if cit.doc_number and d.doc_number == cit.doc_number), None)
        if doc is None:
            return None, None
        secs = kb.sections_by_doc.get(doc.doc_id, [])
        sec = (next((s for s in secs if s.path == cit.section and s.start <= cit.start < s.end), None)
               or next((s for s in secs if s.path == cit.section), None)
               or next((s for s in secs if s.start <= cit.start < s.end), None))
        return doc, sec

    def _departments(self, answer: Answer) -> tuple[tuple[str, Departments], ...]:
        out: list[tuple[str, Departments]] = []
        for c in answer.citations:
            label = render.cite_label(c)
            if any(label == seen for seen, _ in out):
                continue
            _, sec = self.locate(c)
            out.append((label, sec.departments if sec is not None else Departments()))
        return tuple(out)

    def _scope(self, asked: str, answer: Answer) -> tuple[ScopeVerdict | None, bool]:
        """The 12345 方案's 受理范围 clause for this matter, if the answer concerns that document."""
        if answer.abstained:
            return None, False
        relevant = (any(c.doc_number == SCOPE_DOC for c in answer.citations)
                    or any(h.chunk.doc_number == SCOPE_DOC for h in answer.hits[:3]))
        if not relevant:
            return None, False

        def kind(doc_number: str | None, section: str) -> bool | None:
            if doc_number != SCOPE_DOC:
                return None
            for marker, in_scope in ((OUT_OF_SCOPE, False), (IN_SCOPE, True)):
                if marker in section and not section.endswith(marker):   # a numbered clause, not the heading
                    return in_scope
            return None

        for c in answer.citations:
            if (k := kind(c.doc_number, c.section)) is not None:
                _, sec = self.locate(c)
                clause = replace(c, quote=sec.text) if sec is not None else c
                return ScopeVerdict(k, clause, True), True
        for h in list(answer.hits) + self._search(asked, 30):
            if (k := kind(h.chunk.doc_number, h.chunk.section)) is not None:
                return ScopeVerdict(k, render.hit_citation(h), False), True
        return None, True

    # API

    def api_ask(self, question: str) -> dict[str, Any]:
        try:
            return answer_json(self._ask(question))
        except Exception as e:  # noqa: BLE001
            if not isinstance(e, BadQuestion):
                log.exception("api ask failed")
            raise gr.Error(user_message(e, question)) from None

    def api_search(self, question: str, k: int = 10) -> dict[str, Any]:
        try:
            k = int(k)
        except (TypeError, ValueError):
            raise gr.Error(f"k 必须是 1 到 {MAX_K} 之间的整数") from None
        if not 1 <= k <= MAX_K:
            raise gr.Error(f"k 必须是 1 到 {MAX_K} 之间的整数")
        try:
            return {"hits": [hit_json(h) for h in self._search(check_question(question), k)]}
        except Exception as e:  # noqa: BLE001
            if not isinstance(e, BadQuestion):
                log.exception("api search failed")
            raise gr.Error(user_message(e, question)) from None


# -- selection keys: "c:<turn>:<n>" a citation, "n:<turn>:<n>" a nearest section of an abstention --

def _key(kind: str, turn: int, n: int) -> str:
    return f"{kind}:{turn}:{n}"


def _resolve(key: str | None, turns: list[Turn]) -> tuple[int, int, Citation] | None:
    try:
        kind, t, n = str(key).split(":")
        t, n = int(t), int(n)
        a = turns[t].answer
        if a is None or n < 0:
            return None
        if kind == "c":
            return t, n, a.citations[n]
        if kind == "n":
            return t, n, render.hit_citation(a.hits[n])
    except (ValueError, IndexError, AttributeError):
        return None
    return None


def _choices(t: int, turn: Turn | None) -> list[tuple[str, str]]:
    if turn is None or turn.answer is None:
        return []
    a = turn.answer
    if a.abstained:
        return [(f"最接近 {n + 1}：{h.chunk.doc_number or h.chunk.title} {h.chunk.section}", _key("n", t, n))
                for n, h in enumerate(a.hits[:3])]
    return [(f"[{n + 1}] {render.cite_label(c)}：{_clip(c.quote, 18)}", _key("c", t, n))
            for n, c in enumerate(a.citations)]


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[:n] + "…"


def _notice(text: str, kind: str = "info") -> str:
    return f'<div class="nx-notice nx-notice-{kind}" role="status">{render.esc(text)}</div>' if text else ""


# -- the Blocks --------------------------------------------------------------------------------

TRANSCRIPT_JS = """
let shown = -1;
element.addEventListener('click', (ev) => {
  const b = ev.target.closest('button[data-action]');
  if (!b || !element.contains(b)) return;
  ev.preventDefault();
  trigger('click', {action: b.dataset.action, turn: Number(b.dataset.turn), idx: Number(b.dataset.idx || 0)});
});
watch('value', () => {
  const chat = element.querySelector('.nx-chat');
  if (!chat) return;
  const n = Number(chat.dataset.count || 0);
  if (n !== shown) { shown = n; chat.scrollTop = chat.scrollHeight; }
});
"""

REVEAL_JS = """
let pending = true;
const reveal = () => {
  const cur = element.querySelector('.nx-sec.current');
  const box = element.querySelector('.nx-doc');
  if (!cur || !box || box.clientHeight === 0) return;
  box.scrollTop = Math.max(0, cur.offsetTop - 4);
  const li = element.querySelector('.nx-outline li.current');
  const nav = element.querySelector('.nx-outline');
  if (li && nav) nav.scrollTop = Math.max(0, li.offsetTop - 40);
  pending = false;
};
new ResizeObserver(() => { if (pending) reveal(); }).observe(element);
requestAnimationFrame(reveal);
watch('value', () => {
  pending = true;
  reveal();
  const r = element.getBoundingClientRect();
  if (element.querySelector('.nx-source mark') && (r.top > window.innerHeight || r.bottom < 0))
    element.scrollIntoView({behavior: 'smooth', block: 'start'});
});
"""

CSS = """
.gradio-container { max-width: 1280px !important; }
.nx-header h1 { font-size: 1.35rem; margin: 0 0 .2rem 0; }
.nx-header p { margin: 0; color: var(--body-text-color-subdued); font-size: .9rem; }
.nx-chat { max-height: 58vh; min-height: 240px; overflow-y: auto; padding: .5rem; border: 1px solid var(--border-color-primary);
           border-radius: 8px; background: var(--background-fill-secondary); }
.nx-empty { color: var(--body-text-color-subdued); padding: .5rem; }
.nx-msg { margin: .5rem 0; display: flex; flex-direction: column; }
.nx-user { align-items: flex-end; }
.nx-who { font-size: .75rem; color: var(--body-text-color-subdued); margin: 0 .25rem .15rem; }
.nx-bubble { padding: .55rem .75rem; border-radius: 10px; max-width: 92%; line-height: 1.65; overflow-wrap: anywhere;
             background: var(--background-fill-primary); border: 1px solid var(--border-color-primary); }
.nx-user .nx-bubble { background: #e8f0fe; border-color: #c6d7fb; white-space: pre-wrap; color: #1f2937; }
.nx-bubble p { margin: .2rem 0; }
.nx-context { font-size: .75rem; color: var(--body-text-color-subdued); margin-top: .15rem; }
.nx-meta { font-size: .85rem; color: var(--body-text-color-subdued); }
.nx-error { background: #fff4f4; border-color: #f3c0c0; color: #8a1f1f; }
.nx-abstain { background: #fffaf0; border-color: #f1d9a6; }
button.nx-cite { font-weight: 600; color: #1d4ed8; background: #eef3ff; border: 1px solid #b9cdf8; border-radius: 4px;
                 padding: 0 .3rem; margin-left: .15rem; cursor: pointer; font-size: .85em; }
button.nx-cite:hover, button.nx-ref:hover { background: #dbe6ff; }
.nx-refs { margin-top: .4rem; font-size: .85rem; }
.nx-refs ol, .nx-near { margin: .2rem 0 0 0; padding-left: 0; list-style: none; }
button.nx-ref { text-align: left; color: #1d4ed8; background: none; border: none; padding: .1rem 0; cursor: pointer;
                text-decoration: underline; font-size: .85rem; }
.nx-near-text { font-size: .8rem; color: var(--body-text-color-subdued); margin-bottom: .3rem; }
.nx-fb { margin-top: .5rem; display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; font-size: .85rem; }
button.nx-fb-btn { border: 1px solid var(--border-color-primary); background: var(--background-fill-secondary);
                   border-radius: 6px; padding: .1rem .5rem; cursor: pointer; }
.nx-fb-state { color: #047857; }
button.nx-fb-btn { display: inline-flex; align-items: center; gap: .2rem; }
.nx-thumb { display: inline-block; flex: none; margin: 0 !important; }
.nx-thumb-down { transform: rotate(180deg); }
.nx-nowrap { white-space: nowrap; }
.nx-source, .nx-fulltext, .nx-agent, .nx-ledger { line-height: 1.65; }
.nx-source h3, .nx-agent h3, .nx-fulltext h3 { margin: .2rem 0 .4rem; font-size: 1.05rem; }
.nx-source-kicker { font-size: .85rem; color: var(--body-text-color-subdued); }
.nx-facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .6rem; margin: .3rem 0 .6rem; font-size: .9rem; }
.nx-facts dt { color: var(--body-text-color-subdued); }
.nx-facts dd { margin: 0; overflow-wrap: anywhere; }
.nx-section-text { white-space: pre-wrap; background: var(--background-fill-secondary); border-left: 3px solid #93b4f5;
                   padding: .5rem .7rem; border-radius: 4px; overflow-wrap: anywhere; }
.nx-section-text mark { background: #fde68a; color: #111827; padding: 0 .1rem; }
.nx-badge { display: inline-block; font-size: .8rem; padding: 0 .45rem; border-radius: 999px; font-weight: 600;
            border: 1px solid transparent; white-space: nowrap; }
.nx-badge-ok { background: #dcfce7; color: #166534; border-color: #86efac; }
.nx-badge-bad { background: #fee2e2; color: #991b1b; border-color: #fca5a5; }
.nx-badge-ended { background: #ffedd5; color: #9a3412; border-color: #fdba74; }
.nx-badge-unknown { background: #f3f4f6; color: #374151; border-color: #d1d5db; }
.nx-outline { position: relative; max-height: 220px; overflow-y: auto; font-size: .85rem; border-bottom: 1px solid var(--border-color-primary); }
.nx-outline ol { padding-left: 1.2rem; margin: .2rem 0; }
.nx-outline h4 { position: sticky; top: 0; margin: 0; padding: .2rem 0; background: var(--background-fill-primary); z-index: 1; }
.nx-outline li.current a { font-weight: 700; }
.nx-doc { max-height: 480px; overflow-y: auto; position: relative; }
.nx-sec h4 { margin: .6rem 0 .2rem; font-size: .9rem; }
.nx-sec.current .nx-section-text { border-left-color: #f59e0b; }
.nx-table { border-collapse: collapse; width: 100%; font-size: .85rem; }
.nx-table th, .nx-table td { border: 1px solid var(--border-color-primary); padding: .3rem .45rem; vertical-align: top;
                             text-align: left; overflow-wrap: anywhere; }
.nx-scroll { overflow-x: auto; }
.nx-verdict { font-size: 1rem; }
.nx-notice { font-size: .9rem; padding: .3rem .5rem; border-radius: 6px; }
.nx-notice-ok { background: #ecfdf5; color: #065f46; }
.nx-notice-warn { background: #fff7ed; color: #9a3412; }
.nx-placeholder { color: var(--body-text-color-subdued); }
@media (max-width: 640px) {
  .nx-chat { max-height: none; }
  .nx-bubble { max-width: 100%; }
  .nx-header h1 { font-size: 1.1rem; }
}
"""

FONTS = ["Noto Sans CJK SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei", "Source Han Sans SC",
         "system-ui", "sans-serif"]


def theme() -> gr.themes.Base:
    """Default theme with local CJK fonts only (no Google Fonts request; the hotline may run offline)."""
    return gr.themes.Default(font=FONTS, font_mono=["Noto Sans Mono CJK SC", "WenQuanYi Micro Hei Mono", "monospace"])


def build_app(config: Config | None = None, *, assistant: Assistant | None = None,
              ledger: Ledger | None = None) -> gr.Blocks:
    """Config (or a ready Assistant / Ledger) → the queued gr.Blocks; launch it with `launch_kwargs()`."""
    config = config or from_env()
    service = ChatService(assistant or Assistant(config), ledger or Ledger(config.data), workers=Workers(CONCURRENCY))
    exports = Path(tempfile.gettempdir()) / "nx12345-ledger-exports"

    with gr.Blocks(title=TITLE, analytics_enabled=False, delete_cache=(3600, 3600)) as demo:
        turns_state = gr.State([])
        current = gr.State(None)
        gr.HTML(f'<div class="nx-header"><h1>{render.esc(TITLE)}</h1><p>答案逐句摘自政策原文并标注文号与条款，'
                '点击 [1] [2] 查看出处；仅供参考，不代替正式答复。</p></div>', js_on_load=None)
        with gr.Tabs():
            with gr.Tab("咨询对话", id="chat"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3, min_width=340):
                        transcript = gr.HTML(render.transcript_html([]), js_on_load=TRANSCRIPT_JS,
                                             elem_id="nx-transcript", padding=False)
                        question = gr.Textbox(label="您的问题", placeholder="例如：企业诉求转办要多长时间？",
                                              lines=2, max_lines=8, elem_id="nx-question")
                        with gr.Row():
                            ask_btn = gr.Button("提问", variant="primary", elem_id="nx-ask", min_width=120)
                            clear_btn = gr.Button("清空对话", elem_id="nx-clear", min_width=120)
                        comment = gr.Textbox(label="评价意见（可选）", placeholder="先写意见，再点回答下方的“有用”或“没用”",
                                             lines=1, elem_id="nx-comment")
                        status = gr.HTML("", elem_id="nx-status", js_on_load=None)
                        examples = gr.Examples(EXAMPLES, inputs=[question], label="示例问题（点击即问）",
                                               examples_per_page=len(EXAMPLES), api_visibility="private")
                    with gr.Column(scale=2, min_width=320):
                        pick = gr.Radio(choices=[], label="本回答的引用（选择查看出处）", elem_id="nx-pick",
                                        interactive=True)
                        source = gr.HTML(render.source_placeholder(), elem_id="nx-source", js_on_load=REVEAL_JS)
                        with gr.Accordion("全文与目录", open=False, elem_id="nx-fulltext-acc"):
                            fulltext = gr.HTML(render.fulltext_html(None, []), elem_id="nx-fulltext",
                                               js_on_load=REVEAL_JS)
            with gr.Tab("坐席视图", id="agent"):
                agent = gr.HTML(render.agent_html(None, SCOPE_DOC), elem_id="nx-agent", js_on_load=None)
            with gr.Tab("台账", id="ledger") as ledger_tab:
                with gr.Row():
                    refresh_btn = gr.Button("刷新台账", elem_id="nx-ledger-refresh", min_width=120)
                    download = gr.DownloadButton("下载台账 CSV", elem_id="nx-ledger-csv", min_width=120)
                ledger_view = gr.HTML("", elem_id="nx-ledger", js_on_load=None)

        # -- handlers --

        def view(turns: list[Turn], key: str | None, t: int | None = None):
            """(turns, selected key) → pick, source, fulltext, agent updates."""
            hit = _resolve(key, turns)
            if t is None:
                t = hit[0] if hit else len(turns) - 1
            turn = turns[t] if 0 <= t < len(turns) else None
            pick_upd = gr.update(choices=_choices(t, turn), value=key if hit else None)
            agent_html = render.agent_html(turn, SCOPE_DOC)
            if hit is None:
                n = len(turn.answer.citations) if turn and turn.answer else 0
                src = render.source_placeholder()
                if n:
                    src = src.replace("</h3>", f"</h3><p>本回答引用了 {n} 处条文。</p>", 1)
                return pick_upd, src, render.fulltext_html(None, []), agent_html
            _, n, cit = hit
            doc, sec = service.locate(cit)
            if doc is None:
                return pick_upd, _notice("找不到这条引用的原文（索引可能已更新），请重新提问。", "warn"), \
                    render.fulltext_html(None, []), agent_html
            today = service.today()
            number = n if key and key.startswith("c:") else None
            sections = service.assistant.kb.sections_by_doc.get(doc.doc_id, [])
            return (pick_upd, render.source_html(doc, sec, cit, today, number),
                    render.fulltext_html(doc, sections, sec, cit), agent_html)

        def on_ask(q: str, turns: list[Turn]):
            if not (q or "").strip():
                return (gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip(),
                        _notice("请先输入问题，例如：企业诉求转办要多长时间？", "warn"))
            turn = service.ask(q, turns)
            turns = [*turns, turn]
            pick_upd, src, full, agent_html = view(turns, None, len(turns) - 1)
            note = ""
            if turn.answer is not None and turn.answer.abstained:
                note = _notice("知识库中没有找到能回答这个问题的条文，已记入覆盖缺口台账。", "warn")
            return render.transcript_html(turns), turns, None, "", pick_upd, src, full, agent_html, note

        ask_outputs = [transcript, turns_state, current, question, pick, source, fulltext, agent, status]
        private = {"api_visibility": "private"}
        ask_btn.click(on_ask, [question, turns_state], ask_outputs, **private)
        question.submit(on_ask, [question, turns_state], ask_outputs, **private)
        examples.load_input_event.then(on_ask, [question, turns_state], ask_outputs, **private)

        def on_click(turns: list[Turn], text: str, evt: gr.EventData):
            data = getattr(evt, "_data", None) or {}
            action, t, n = data.get("action"), data.get("turn"), data.get("idx")
            if not isinstance(t, int) or not isinstance(n, int) or not 0 <= t < len(turns):
                return (gr.skip(),) * 9
            if action in ("cite", "near"):
                key = _key("c" if action == "cite" else "n", t, n)
                if _resolve(key, turns) is None:
                    return (gr.skip(),) * 9
                return (gr.skip(), gr.skip(), key, *view(turns, key), gr.skip(), gr.skip())
            if action in ("up", "down") and turns[t].answer is not None:
                try:
                    updated = service.feedback(turns[t], 1 if action == "up" else -1, text or "")
                except Exception as e:  # noqa: BLE001
                    log.exception("feedback failed")
                    return (*(gr.skip(),) * 7, _notice("评价没有保存成功：" + user_message(e), "warn"), gr.skip())
                turns = [*turns[:t], updated, *turns[t + 1:]]
                msg = "已记录您的评价" + ("和意见" if (text or "").strip() else "") + "，谢谢！"
                return (render.transcript_html(turns), turns, *(gr.skip(),) * 5, _notice(msg, "ok"), "")
            return (gr.skip(),) * 9

        transcript.click(on_click, [turns_state, comment],
                         [transcript, turns_state, current, pick, source, fulltext, agent, status, comment],
                         concurrency_limit=None, **private)

        def on_pick(key: str | None, turns: list[Turn]):
            return (key, *view(turns, key))

        pick.input(on_pick, [pick, turns_state], [current, pick, source, fulltext, agent],
                   concurrency_limit=None, **private)

        def on_clear():
            return (render.transcript_html([]), [], None, "", gr.update(choices=[], value=None),
                    render.source_placeholder(), render.fulltext_html(None, []), render.agent_html(None, SCOPE_DOC), "")

        clear_btn.click(on_clear, None, ask_outputs, queue=False, **private)

        def on_ledger():
            led = service.ledger
            try:
                exports.mkdir(parents=True, exist_ok=True)
                for old in exports.glob("ledger-*.csv"):
                    if time.time() - old.stat().st_mtime > 3600:
                        old.unlink(missing_ok=True)
                path = led.export_csv(exports / f"ledger-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}.csv")
                html_ = render.ledger_html(led.recent_questions(50), led.recent_feedback(50), led.recent_gaps(50),
                                           led.counts())
            except Exception as e:  # noqa: BLE001
                log.exception("ledger read failed")
                return _notice("台账读取失败：" + user_message(e), "warn"), gr.skip()
            return html_, str(path)

        ledger_tab.select(on_ledger, None, [ledger_view, download], concurrency_limit=None, **private)
        refresh_btn.click(on_ledger, None, [ledger_view, download], concurrency_limit=None, **private)

        # -- API --

        def ask(question: str) -> dict:
            """A question → the cited answer (the CLI's `ask --json` object)."""
            return service.api_ask(question)

        def search(question: str, k: int = 10) -> dict:
            """A question and k → {"hits": [the CLI's `search --json` objects]}."""
            return service.api_search(question, k)

        gr.api(ask, api_name="ask")
        gr.api(search, api_name="search")

    demo.queue(default_concurrency_limit=CONCURRENCY, max_size=QUEUE_SIZE)
    demo.nx_service = service  # type: ignore[attr-defined]  # for tests and embedding
    return demo


def parse_auth(auth: str | None) -> tuple[str, str] | None:
    """'user:password' → ('user', 'password'); None → None. Raises SystemExit with a Chinese message."""
    if auth is None:
        return None
    user, sep, password = auth.partition(":")
    if not sep or not user or not password:
        raise SystemExit("错误：--auth 的格式应为 用户名:密码，例如 --auth agent:secret")
    return user, password


def launch_kwargs(host: str = "127.0.0.1", port: int = 7860, auth: str | None = None) -> dict[str, Any]:
    """The launch() options serve() uses (theme, CSS, login), for callers that launch build_app() themselves."""
    return {"server_name": host, "server_port": port, "auth": parse_auth(auth),
            "auth_message": "请使用坐席账号登录（宁夏12345企业服务专区政策助手）", "theme": theme(), "css": CSS,
            "show_error": False, "ssr_mode": False, "footer_links": ["api"]}


def serve(config: Config | None = None, host: str = "127.0.0.1", port: int = 7860, auth: str | None = None,
          *, prevent_thread_lock: bool = False) -> gr.Blocks:
    """Load the index and model, then run the app (blocks unless prevent_thread_lock) → the Blocks.

    Raises IndexMissing / IndexMismatch / ModelError before the server starts (the CLI prints them).
    """
    config = config or from_env()
    kwargs = launch_kwargs(host, port, auth)          # bad --auth fails before the slow model load
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    assistant = Assistant(config)
    assistant.ask("企业投诉怎么转办？")                 # load the index, model and tokenizer now, not on the first user
    demo = build_app(config, assistant=assistant, ledger=Ledger(config.data))
    demo.launch(prevent_thread_lock=prevent_thread_lock, **kwargs)
    return demo
