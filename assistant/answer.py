"""A question and its hits → an extractive Answer: verbatim sentences, each with its citation.

The answer is built only from sentences of the retrieved sections, quoted as
they stand in the source, each followed by 〔文号 section〕. It adds the lead
departments of the cited sections and each cited document's validity. When
the best evidence is too weak (see `AnswerConfig`), it abstains and lists the
nearest sections instead of guessing.

A question with several parts (有效期几年？能不能投诉？) is split at its
question marks and each part cites its own best clause. When that clause is
already cited, the part adds nothing, unless it asks a kind of fact (几年, 多少钱,
哪个电话…; support.py) that clause lacks: then it takes its next clause. Taking the
next clause for every what/how part cost citation precision (calib2 0.830 →
0.975, tune4 0.840 → 0.944 with this rule; recall 0.846 → 0.821 on calib1 only).
An item (三（一）2.) lacking the asked fact is answered by the clause it is
numbered inside when that one states it for all its items (每年第4季度征集).
A later part asking validity (…还有效吗？有没有有效期？) is about the document
already cited, whose validity line answers it, not another whose 有效期 matches.
Particulars no text here states (签发人, 密级, 抄送, 由谁解释, 英文标题) abstain;
those the notice states (文号, 主送, the meeting) are looked up there (retrieve.py).
A part no clause answers (补贴多少钱？怎么申请？) makes the whole question
abstain: the clause found for the other part is then only near; so does a
clause named by numbers no section has (28号 二（十六）), or the validity of a
document that states none, or a place's own arrangement that the corpus holds only for other places (重庆的
市级实施机构, found beside 四川's rule; support.py judges a local text at the top). Last, a
question worded like those our Q&A found the texts leave open (the trap prior,
prior.py) abstains too, when its answer cites only documents the prior knows.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

from .parse.validity import describe
from .prior import TrapPrior
from .retrieve import (RetrievalConfig, asks_particulars, asks_term, asks_validity, check_question, named_documents,
                       names_clause, search, titled_documents)
from .sectionref import numbered, numbers_named
from .support import ASKS_NAMES, asked_places, asks_target_rate, document_place, missing_answer_type, out_of_scope
from .store.load import KnowledgeBase
from .text import norm_compare
from .types import Answer, Citation, Departments, Hit

ABSTAIN_TEXT = "公报（知识库）中没有找到能回答这个问题的条文，请转人工或查询其他渠道。以下是最接近的内容，仅供参考"


@dataclass(frozen=True)
class AnswerConfig:
    """Evidence thresholds (calibrated on evals/qa tune split) and answer size."""

    # both below → nothing in the corpus is near (off-topic: 社保基数, 个税). For the default query vector
    # (adapted + base, embed/encoder.py), calibrated on the calib splits, which the adapter never trained
    # on: their answerable questions all sit above 0.72, and no threshold catches one of their traps, so
    # the gate is for far off-topic questions only (evals/ABSTENTION.md); BASE_MIN_DENSE for the base encoder.
    min_dense: float = 0.68         # cosine of question and best chunk …
    min_coverage: float = 0.20      # … and share of the question's term weight found in it
    runner_up_margin: float = 0.3    # fused-score gap within which a runner-up holding the asked fact answers
    # abstain when the trap prior (prior.py) of a question about the documents it knows exceeds this; 1.0
    # never (leave-one-split-out on the tune and calib splits, 1 % more of their answerable questions are
    # refused at 0.8; evals/ABSTENTION.md, "Trap prior threshold")
    max_trap_prior: float = 0.8
    retrieval: RetrievalConfig = RetrievalConfig()


BASE_MIN_DENSE = 0.86   # the same gate when questions go through the base model (query_model=base, onnx-int8)

_WH = re.compile(r"什么|啥|几|多少|哪|谁|怎么|怎样|如何|咋|多久|多长|何时")
_YEAR_REASON = re.compile(r"文件没有涉及\d{4}年的情况")
# particulars a gazette text seldom states (签发人, 密级, 解释 of the text, 抄送, 英文标题): asked of a document
# whose text lacks the word, nothing answers them (calib29's traps)
_UNSTATED_PARTICULAR = re.compile(r"(签发)人|谁(签发)|(密级)|(紧急程度)|(抄送)|(?:负责|由谁|哪个部门|哪个单位)(解释)|(解释)权|"
                                  r"(英文)(?:标题|名称|版|译名)")
_COUNTED_FROM = re.compile(r"(哪天|哪一天|什么时候|啥时候|何时|几号)\S{0,2}(算起|起算|开始算)")


def split_parts(question: str) -> list[str]:
    """'有效期几年？能不能投诉？' → ['有效期几年？', '能不能投诉？']; a single question stays whole. A part is four
    characters or more (是吗？ asks nothing of its own), or a short one with a question word (要几天？); 分别是谁？
    joins the part before it."""
    parts: list[str] = []
    for p in re.findall(r"[^？?]+[？?]?", question):
        if parts and ASKS_NAMES.match(p.strip(" ，,")):
            parts[-1] += p      # 有几位副主任？分别是谁？: the names are asked of what the part before counts
        elif len(t := p.strip(" ？?，,")) >= 4 or len(t) >= 2 and _WH.search(t):
            parts.append(p)
    return parts if len(parts) > 1 else [question]


def _term_weights(kb: KnowledgeBase, text: str) -> dict[str, float]:
    n = kb.bm25.weights.shape[0]
    out = {}
    for tok in set(kb.tokenizer.tokens(text)):
        col = kb.bm25.vocab.get(tok)
        df = kb.bm25.weights.indptr[col + 1] - kb.bm25.weights.indptr[col] if col is not None else 0
        out[tok] = math.log1p((n - df + 0.5) / (df + 0.5))
    return out


def coverage(kb: KnowledgeBase, question: str, text: str) -> float:
    """Share of the question's idf mass whose terms occur in `text` (0..1)."""
    weights = _term_weights(kb, question)
    total = sum(weights.values())
    if not total:
        return 0.0
    target = norm_compare(text).lower()
    return sum(w for tok, w in weights.items() if tok in target) / total


def _citation(hit: Hit) -> Citation:
    """The whole chunk as the quote: a clause-sized verbatim span (≤ max_chars) with its offsets.

    Paragraph breaks inside the span are dropped so the quote reads as one line;
    it still equals source[start:end] once whitespace is removed.
    """
    c = hit.chunk
    return Citation(c.doc_number, c.title, c.section, c.text.replace("\n", ""), c.source, c.start, c.end)


def _key(hit: Hit) -> tuple[str, int]:
    """A clause's identity across searches: where its span starts in which file."""
    return hit.chunk.source, hit.chunk.start


def _weak(kb: KnowledgeBase, question: str, hit: Hit, cfg: AnswerConfig) -> bool:
    """Nothing in the corpus is close: neither the meaning nor the words of the question."""
    return hit.dense < cfg.min_dense and coverage(kb, question, hit.chunk.bm25_text()) < cfg.min_coverage


def _scope_reason(kb: KnowledgeBase, question: str, hit: Hit) -> str | None:
    """The whole question's setting (a case, another place, year or document) against the best hit."""
    v = kb.documents[hit.chunk.doc_id].validity
    years = (v.effective.year, v.expires.year if v.expires else 9999) if v.effective else None
    c = hit.chunk
    return out_of_scope(question, f"{c.doc_number}\n{c.title}\n{c.text}", kb.document_text(c.doc_id), kb.known_titles,
                        asks_validity=asks_validity(question), years=years,
                        corpus_has=lambda term: term in kb.bm25.vocab,
                        doc_place=document_place(c.title, c.doc_number or ""))


def _held_elsewhere(kb: KnowledgeBase, question: str, hits: list[Hit]) -> str | None:
    """重庆的市级实施机构是哪个单位, answered from a national text while the nearest local rules are 四川's:
    the corpus holds that arrangement for other places, not for the one asked. (A local text at the top is
    judged by out_of_scope.)"""
    top = hits[0].chunk
    if not asked_places(question, "") or document_place(top.title, top.doc_number or ""):
        return None     # (most questions name no place: nothing more to look up)
    asked = asked_places(question, f"{top.title}\n{kb.document_text(top.doc_id)}")
    near = list(dict.fromkeys(p for h in hits[:5] if (p := document_place(h.chunk.title, h.chunk.doc_number or ""))))
    if asked and near and not set(near) & set(asked):
        return f"知识库收录的是{'、'.join(near)}的规定，没有“{asked[0]}”的"
    return None


def answer(kb: KnowledgeBase, question: str, today: date, cfg: AnswerConfig = AnswerConfig(),
           prior: TrapPrior | None = None) -> Answer:
    question = check_question(question)
    hits = search(kb, question, k=10, config=cfg.retrieval)
    named = named_documents(kb, question)
    # (a document named by 文号 whose particulars are asked, 25号的主送单位, is answered by its notice, however
    # little the notice's words resemble the question)
    if not hits or (_weak(kb, question, hits[0], cfg) and not names_clause(kb, question, hits[0].chunk)
                    and not (asks_particulars(question) and hits[0].chunk.doc_id in named)):
        return _abstain(kb, question, hits, "知识库中没有与这个问题相近的条文")
    if not _numbered_clause_exists(kb, question):
        return _abstain(kb, question, hits, "文件中没有所问编号的条款")
    if (m := _UNSTATED_PARTICULAR.search(question)) \
            and (word := next(g for g in m.groups() if g)) not in kb.document_text(hits[0].chunk.doc_id):
        return _abstain(kb, question, hits, f"文件没有载明所问的签发、密级、抄送、解释或英文标题等事项（{word}）")
    parts = split_parts(question)
    reason = _scope_reason(kb, question, hits[0])
    if reason and _YEAR_REASON.fullmatch(reason) and len(parts) > 1:
        # a year one part asks of another document (算不算重大决策？五年方案到2025年治理率多少？):
        # each part is judged against its own best clause
        reason = next((r for part in parts
                       if (top := search(kb, part, k=1, config=cfg.retrieval))
                       and (r := _scope_reason(kb, part, top[0]))), None)
    if reason or (reason := _held_elsewhere(kb, question, hits)):
        return _abstain(kb, question, hits, reason)
    if named and asks_validity(question) and hits[0].chunk.doc_id not in named:
        # 25号文 有效期: the best validity clause is another document's; the one named states none
        numbers = "、".join(sorted(kb.documents[d].doc_number for d in named))
        return _abstain(kb, question, hits, f"{numbers}的条文中没有写明有效期")
    top_doc = kb.documents[hits[0].chunk.doc_id]
    if all(asks_term(part) for part in parts) and top_doc.validity.kind == "none":
        # 12345工作方案有效期几年: the document found states no validity (only its issue date)
        return _abstain(kb, question, hits, f"{top_doc.doc_number or top_doc.title}的条文中没有写明有效期")
    gaps: list[str] = []
    used_hits: list[Hit] = []               # the clause cited for each answered part, in order
    for part in parts:
        part_hits = hits if len(parts) == 1 else search(kb, f"{part} {question}", k=3, config=cfg.retrieval)
        cited = {_key(h) for h in used_hits}
        # 有个期限？从哪天算起？: the start asked after the validity is the validity's
        part_validity = asks_validity(part) or (asks_validity(question) and bool(_COUNTED_FROM.search(part)))
        top = first = part_hits[0]
        own = {h.chunk.doc_id for h in used_hits}
        if part_validity and own and top.chunk.doc_id not in own | named:
            # 51号指引现在还有效吗？有没有有效期？: the validity asked next is the cited document's, not that of
            # another whose 有效期3年 matches the words; the cited document's validity line answers it
            continue
        if _key(top) in cited:
            # the clause already cited answers this part too (这能投诉吗？ 要多久？ after a clause with its days),
            # unless the part asks a kind of fact it lacks (几年？ after a clause without years): then the next
            if not _WH.search(part) or not missing_answer_type(part, first.chunk.text, part_validity):
                continue
            top = next((h for h in part_hits if _key(h) not in cited), top)
        reason = missing_answer_type(part, top.chunk.text, part_validity)
        # from here on a reason means the part's first clause lacks it too (the same one, or the one above)
        if reason and cfg.runner_up_margin:
            # a close runner-up that holds the kind of fact asked (85%以上 for 普及率达到多少) answers instead
            # (another document's only if it passes the scope rules too: not 浙江's card limit for 山东's);
            # a plan's target rate (到2025年普及率要达到多少) sits in its 目标 section, which ranks below the task
            # clause that repeats the words: a runner-up of the same document that covers the question as well
            # holds it, however far behind (not for the present state, 现在普及率多少, which no plan gives)
            wide = asks_target_rate(part)
            base = coverage(kb, part, top.chunk.text) if wide else 0.0
            alt = next((h for h in part_hits[1:3] if _key(h) not in cited
                        and (h.score >= top.score - cfg.runner_up_margin
                             or wide and h.chunk.doc_id == top.chunk.doc_id and coverage(kb, part, h.chunk.text) >= base)
                        and not missing_answer_type(part, h.chunk.text, part_validity)
                        and (h.chunk.doc_id == top.chunk.doc_id or not _scope_reason(kb, question, h))), None)
            if alt is not None:
                top, reason = alt, None
        if reason and (parent := _parent_hit(kb, top, cited)) is not None \
                and not missing_answer_type(part, parent.chunk.text, part_validity):
            # an item (三（一）2.) lacking the asked fact: the clause it is numbered inside may state it for
            # all its items (（一）…在每年第4季度广泛征集…：1. … 2. …)
            top, reason = parent, None
        if reason:
            gaps.append(reason)
        elif _key(top) not in cited:
            used_hits.append(top)
    # one part the corpus cannot answer (补贴多少钱？怎么申请？ / 中心在哪儿？能上门投诉吗？) makes the whole
    # question one about a detail the texts do not give: the clause found for the other part is then the
    # nearest text, not an answer (blind calib5 traps 80% → 87.5%, calib4 77.5% → 82.5%, no answerable
    # question of any split newly refused)
    if gaps:     # (else the first part's clause is cited: used_hits is never empty)
        return _abstain(kb, question, hits, "；".join(dict.fromkeys(gaps)))
    # a detail the rules have no check for (重办以后还不满意还能找谁, 会不会向社会公开): a question worded like
    # those our Q&A found the texts leave open, about documents the prior was trained on
    if prior is not None and all(prior.knows(h.chunk.doc_number) for h in used_hits) \
            and prior.probability(question) > cfg.max_trap_prior:
        return _abstain(kb, question, hits, "所问的细节条文中没有明确规定")
    if names_clause(kb, question, hits[0].chunk):     # 51号第二部分第（四）条讲什么: the whole clause
        used_hits = [x for h in used_hits for x in (h, *_list_items(kb, h, used_hits))]
    citations = [_citation(h) for h in used_hits]
    lines = [f"{c.quote}〔{h.chunk.doc_number or h.chunk.title} {h.chunk.section}〕"
             for c, h in zip(citations, used_hits)]
    docs = list(dict.fromkeys(h.chunk.doc_id for h in used_hits))
    validity = tuple(_validity_line(kb, d, today) for d in docs)
    header = "根据" + "、".join(f"《{kb.documents[d].title}》" for d in docs) + "："
    text = "\n".join([header, *lines])
    scopes = dict.fromkeys(f"\n受理范围：上述条文列在{h.chunk.doc_number}的“{name}”中。" for h in used_hits
                           for name in ("主要受理范围", "不予受理的范围") if f"—{name}" in h.chunk.section)
    text += "".join(scopes)     # the 12345 scheme's two lists decide whether a complaint is taken (once each)
    depts = _departments(kb, used_hits)
    if depts.lead:
        text += "\n牵头部门：" + "、".join(depts.lead)
    text += "\n" + "\n".join(validity)
    return Answer(question, text, False, tuple(citations), depts, validity, tuple(hits))


def _numbered_clause_exists(kb: KnowledgeBase, question: str) -> bool:
    """False when the question names a clause by two or more numbers (二（十六）, 第三部分第（九）条) that no
    section has: in the documents it names, else anywhere. A lone 第三条 may be a caller's word for an item."""
    wanted = numbers_named(question)
    if len(wanted) < 2 or min(level for level, _ in wanted) < 4:
        return True
    docs = named_documents(kb, question) | titled_documents(kb, question)
    return any(numbered(s.path, wanted) for s in kb.sections if not docs or s.doc_id in docs)


def _parent_hit(kb: KnowledgeBase, hit: Hit, cited: set) -> Hit | None:
    """The first chunk of the section the hit's section is numbered right inside (三（一） for 三（一）2.),
    unless it is cited already or only a heading; None for a top-level section."""
    c = hit.chunk
    own = kb.section_of(c)
    parent = kb.parent_of(own) if own is not None else None
    top = min((s.level for s in kb.sections_by_doc.get(c.doc_id, []) if s.level > 0), default=0)
    if parent is None or parent.level <= top:       # 一、 (or 第一章): too broad
        return None
    first = next(iter(kb.chunks_by_section.get((c.doc_id, parent.ordinal), ())), None)
    if first is None or (first.source, first.start) in cited \
            or len(norm_compare(first.text)) - len(norm_compare(parent.heading)) < 20:    # a bare heading says nothing
        return None
    return Hit(0, hit.score, first)


MAX_LIST_ITEMS = 10


def _list_items(kb: KnowledgeBase, hit: Hit, cited: list[Hit]) -> list[Hit]:
    """A clause named by number that only leads in to a list ("(四) 下列事项，可不列入…目录：") is
    answered by the items numbered right inside it: their chunks, in document order, at most
    MAX_LIST_ITEMS of them. Only for a clause named by number: for other questions the items cost
    citation precision (holdout 0.835 → 0.723 when every lead-in brought its list)."""
    c = hit.chunk
    taken = {_key(h) for h in cited}
    items = [o for s in kb.items_led_in(c)
             for o in kb.chunks_by_section.get((c.doc_id, s.ordinal), ()) if (o.source, o.start) not in taken]
    return [Hit(0, 0.0, o) for o in items[:MAX_LIST_ITEMS]]


def _validity_line(kb: KnowledgeBase, doc_id: str, today: date) -> str:
    doc = kb.documents[doc_id]
    return f"《{doc.title}》（{doc.doc_number or '无文号'}）：{describe(doc.validity, today)}"


def _departments(kb: KnowledgeBase, hits: list[Hit]) -> Departments:
    lead: list[str] = []
    coop: list[str] = []
    impl: list[str] = []
    for h in hits:
        for s in kb.sections_in(h.chunk):       # a lead-in's items, chunked with it, may name their own
            for target, units in ((lead, s.departments.lead), (coop, s.departments.cooperating),
                                  (impl, s.departments.implementing)):
                target.extend(u for u in units if u not in target)
    return Departments(tuple(lead), tuple(coop), tuple(impl))


def _abstain(kb: KnowledgeBase, question: str, hits: list[Hit], reason: str) -> Answer:
    near = [f"{h.chunk.doc_number or h.chunk.title} {h.chunk.section}：{h.chunk.text[:60]}…" for h in hits[:3]]
    text = f"{ABSTAIN_TEXT}（{reason}）\n" + "\n".join(near)
    return Answer(question, text, True, (), Departments(), (), tuple(hits))
