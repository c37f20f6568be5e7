"""Hybrid retrieval on the real index and model: exact small results, 文号 steering, llama-index plug-in."""
from __future__ import annotations

import pytest

from common import TODAY

from assistant.errors import BadQuestion


@pytest.mark.parametrize("question, doc, section", [
    ("热线解答不了的企业诉求多长时间内转出去？", "宁政办函〔2022〕25号", "四、投诉办理程序（二）"),
    ("企业投诉的电子邮箱是多少", "宁政办函〔2022〕25号", "二、投诉受理渠道"),
    ("煤矿复工复产验收谁签字谁负责", "宁党厅字〔2022〕28号", "二、重点任务（一）3."),
    ("重大行政决策事项目录什么时候向社会公布", "宁政办发〔2022〕51号", "三、编制程序（五）"),
    # a debt between two firms is not taken (不予受理（四）); a large firm's late payment to a small one is (（六））
    ("我们跟另一家公司有货款纠纷，对方一直不给钱，这种能不能打12345企业专区投诉？", "宁政办函〔2022〕25号",
     "三、投诉受理范围—不予受理的范围（四）"),
    ("大企业拖着我们小公司的货款不给，能投诉吗", "宁政办函〔2022〕25号", "三、投诉受理范围—主要受理范围（六）"),
    ("农村改厕4+4+4全过程管控", "宁党办〔2022〕41号", "三、重点任务（一）2."),
])
def test_known_questions_find_their_clause(assistant, question, doc, section):
    """(a list's item is found in its own chunk, or in its lead-in's when the two are one chunk: chunk.py)"""
    hits = assistant.search(question, k=3)
    assert any(h.chunk.doc_number == doc and section in [s.path for s in assistant.kb.sections_in(h.chunk)]
               for h in hits)


@pytest.mark.parametrize("question, section", [
    ("俺家化粪池满了没人来抽，听说以后抽粪、污水垃圾处理都得老百姓自己掏钱？", "三、重点任务（五）2."),
    ("我们是拉危化品的车队，有几辆车手续还没办全，整治期间会咋样？", "二、重点任务（三）3."),
])
def test_best_sentence_lifts_a_clause_that_its_chunk_dilutes(assistant, base_assistant, question, section):
    """One sentence of a long clause answers: with the base query encoder it ranks first with sentence
    vectors, not with chunk vectors alone (the adapted encoder finds it either way)."""
    from assistant.retrieve import RetrievalConfig

    assert assistant.search(question, k=1)[0].chunk.section == section
    assert base_assistant.search(question, k=1)[0].chunk.section == section
    # (the section prior, trained on questions like these, off: this is about the vectors)
    chunk_only = RetrievalConfig(dense_weight=0.5, sentence_weight=0.0, bm25_weight=0.5, section_prior_weight=0.0)
    assert base_assistant.search(question, k=1, config=chunk_only)[0].chunk.section != section


def test_a_question_naming_units_gets_the_clause_annotation_first(assistant):
    """三（八） is cut in two chunks; 〔责任单位：…〕 sits in the second, which answers 'which units'."""
    hits = assistant.search("支持企业去参加各种展会、到国外建展销中心这一块，负责的是哪些单位？", k=2)
    assert hits[0].chunk.section == hits[1].chunk.section == "三、推动内外贸一体化融合发展（八）"
    assert "责任单位" in hits[0].chunk.text and "责任单位" not in hits[1].chunk.text
    ans = assistant.ask("支持企业去参加各种展会、到国外建展销中心这一块，负责的是哪些单位？", today=TODAY)
    assert "责任单位" in ans.citations[0].quote and "自治区商务厅" in ans.departments.lead


def test_whose_duty_keeps_the_clause_first_and_its_annotation_right_after(assistant):
    """由谁负责 may ask the duty the clause itself states (标签不一致 …企业负责), not the units annotated."""
    hits = assistant.search("出口转内销的产品同时贴了中文和外文标签，两者内容不一致时由谁负责？", k=2)
    assert hits[0].chunk.section == hits[1].chunk.section
    assert "责任单位" in hits[1].chunk.text and "责任单位" not in hits[0].chunk.text


def test_a_hit_holding_the_kind_of_fact_asked_comes_first(assistant):
    """啥时候 asks a time: 三（二）1.'s first chunk has none; its second (到2025年…全覆盖) is close behind."""
    from assistant.retrieve import RetrievalConfig

    question = "城边上的村子，生活污水啥时候要全部治理到位？"
    off = assistant.search(question, k=2, config=RetrievalConfig(typed_margin=0.0))
    on = assistant.search(question, k=2)
    assert "2025年" not in off[0].chunk.text and "2025年" in on[0].chunk.text
    assert on[0].score >= on[1].score
    ans = assistant.ask(question, today=TODAY)
    assert not ans.abstained and "到2025年" in ans.citations[0].quote


def test_the_asking_clause_after_a_story_picks_the_clause(assistant):
    """厂里…稳岗补贴一直没兑现，热线受不受理这种事？ (calib102): the story's words (补贴, 兑现) drew clauses about
    subsidies; counted once more, the asking clause's (受理) bring the list of what the hotline takes first. A
    question without a story is ranked as before."""
    from assistant.retrieve import RetrievalConfig

    question = "厂里按规定该拿的稳岗补贴一直没兑现，热线受不受理这种事？"
    off = assistant.search(question, k=3, config=RetrievalConfig(ask_weight=0))
    on = assistant.search(question, k=3)
    assert on[0].chunk.section == "三、投诉受理范围—主要受理范围（四）" != off[0].chunk.section
    plain = "企业诉求转办要多久？"
    assert [h.chunk.chunk_id for h in assistant.search(plain, k=5)] == \
        [h.chunk.chunk_id for h in assistant.search(plain, k=5, config=RetrievalConfig(ask_weight=0))]


def test_a_lead_in_is_followed_by_the_items_of_its_list(assistant):
    """重大公共政策和措施主要包括哪些: the top hit is 51号 二（二）1.'s lead-in (…重大公共政策和措施。主要包括：),
    too long to be one chunk with its five items; its items fill the next four places, where without the rule
    other clauses (二（二）3., 4.) take two of them."""
    from assistant.retrieve import RetrievalConfig

    question = "应当列入目录的重大公共政策和措施 主要包括哪些"
    off = assistant.search(question, k=5, config=RetrievalConfig(lead_in_items=False))
    on = assistant.search(question, k=5)
    assert on[0].chunk.chunk_id == off[0].chunk.chunk_id and on[0].chunk.text.rstrip().endswith(("：", ":"))

    def items(hits):
        lead = hits[0].chunk.section
        return [h for h in hits[1:] if h.chunk.section.startswith(lead) and h.chunk.section != lead]

    assert len(items(on)) == 4 and len(items(off)) < 4
    assert all(a.score >= b.score for a, b in zip(on, on[1:]))


def test_a_laws_list_is_found_with_its_lead_in(tmp_path, embedder):
    """The real model and index: the seed beside 青岛's tax rule (lawref-shandong-0015). 第十七条 leads in to a
    list (…将下列零星分散的税收依法委托有关单位代征：（一）…（七）). Asked what the list holds, the top hit is the
    article with its items, and the answer quotes the item, where items chunked apart left the lead-in first and
    the items below it (stop 43)."""
    from common import SEED, SHARED, TODAY, kb_config

    from assistant.api import Assistant

    law = SHARED / "corpus-extra" / "lawref-shandong-0015.txt"
    if not law.is_file():
        pytest.skip(f"{law} not found (the shared extra corpus)")
    a = Assistant(kb_config(tmp_path, SEED, law), embedder=embedder)
    a.build()
    q = "青岛税务机关可以委托有关单位代征哪些零星分散的税收？"
    top = a.search(q, k=1)[0].chunk
    assert (top.source, top.section) == (law.name, "第十七条")
    assert "下列零星分散的税收" in top.text and "（一）城市社区和农村的零散税收" in top.text
    ans = a.ask(q, today=TODAY)
    assert not ans.abstained and any("城市社区和农村的零散税收" in c.quote for c in ans.citations)


def test_a_number_from_another_document_is_not_brought_first():
    """The kind of fact asked is looked for in the top hit's own document only: another document's fine
    answers nothing about this one (with corpus-extra indexed, 私挖乱采罚多少钱 had drawn a traffic fine)."""
    import numpy as np

    from assistant.retrieve import _typed_first
    from assistant.types import Chunk

    def chunk(i, doc, text):
        return Chunk(i, doc, None, "", "一、", "", text, "a.txt", 0, len(text), i)

    question = "私挖乱采被查到了要罚多少钱？"
    top = chunk(0, "nx", "严厉打击私挖乱采、无证开采等违法行为。")
    for doc, moved in (("other", False), ("nx", True)):
        second = chunk(1, doc, "违反规定的，处二百元以上二千元以下罚款。")
        order, fused = np.array([0, 1]), np.array([1.0, 0.9])
        out = _typed_first(question, [top, second], order, fused, margin=0.5)
        assert list(out) == ([1, 0] if moved else [0, 1]), doc


@pytest.mark.parametrize("title, place", [
    ("济南市12345市民服务热线条例", "济南"), ("河南省实施《中华人民共和国中小企业促进法》办法", "河南"),
    ("上海市浦东新区市场主体登记确认制若干规定", "上海"), ("广州市流溪河流域保护条例", "广州"),
    ("保障中小企业款项支付条例", None), ("中华人民共和国消防法", None), ("国务院关于加快推进农业机械化的指导意见", None),
    ("宁夏回族自治区企业投诉处理服务暂行办法", None), ("银川市物业管理条例", None), ("农贸市场管理办法", None),
    ("市场监督管理投诉举报处理暂行办法", None), ("黄浦江上游水源保护条例", None),
])
def test_local_place_of_a_title(title, place):
    from assistant.place import local_place

    assert local_place(title) == place


def test_another_places_rule_ranks_lower_unless_the_question_names_the_place(assistant, monkeypatch):
    """Pretend the 12345 work plan were Jinan's: its chunks lose `foreign_penalty` for a Ningxia caller,
    and gain `named_place_boost` for a caller who names Jinan, whose question is then not about the home
    region: its texts (the rest of the seed) lose `foreign_penalty`."""
    from assistant.retrieve import RetrievalConfig

    kb = assistant.kb
    question = "热线解答不了的企业诉求多长时间内转出去？"
    before = {h.chunk.chunk_id: h.score for h in assistant.search(question, k=5)}
    named = [(h.chunk.chunk_id, h.score) for h in assistant.search("济南" + question, k=60)]
    doc = kb.chunks[next(iter(before))].doc_id
    monkeypatch.setitem(kb.__dict__, "places", {doc: "济南"})
    after = {h.chunk.chunk_id: h.score for h in assistant.search(question, k=50)}
    for cid, score in before.items():
        lowered = score - (RetrievalConfig().foreign_penalty if kb.chunks[cid].doc_id == doc else 0.0)
        assert after[cid] == pytest.approx(lowered, abs=1e-5)
    boosted = {h.chunk.chunk_id: h.score for h in assistant.search("济南" + question, k=100)}
    named = [(cid, score) for cid, score in named if cid in boosted]
    for cid, score in named:
        raised = score + (RetrievalConfig().named_place_boost if kb.chunks[cid].doc_id == doc
                          else -RetrievalConfig().foreign_penalty)
        assert boosted[cid] == pytest.approx(raised, abs=1e-5)
    assert any(kb.chunks[cid].doc_id != doc for cid, _ in named)     # (the home texts' lowering was seen)
    both = "济南和银川的热线，" + question          # naming the home region too: its texts keep their score
    kept = {h.chunk.chunk_id: h.score for h in assistant.search(both, k=20)}
    unpenalised = {h.chunk.chunk_id: h.score for h in assistant.search(both, k=20,
                                                                      config=RetrievalConfig(foreign_penalty=0.0))}
    assert kept == unpenalised


def test_texts_from_outside_the_region_are_fused_with_their_own_weights(assistant, monkeypatch):
    """The seed's texts are all the home region's: they keep the home weights (the same hits and scores with
    outside_weights off). A text from outside it (here one pretended so) is fused with `outside_weights`: its
    chunks' scores move, the other texts' stay."""
    from assistant.retrieve import RetrievalConfig

    question = "热线解答不了的企业诉求多长时间内转出去？"
    plain = RetrievalConfig(section_prior_weight=0.0, typed_margin=0.0, lead_in_items=False)
    one = RetrievalConfig(section_prior_weight=0.0, typed_margin=0.0, lead_in_items=False, outside_weights=None)
    scores = lambda config: {h.chunk.chunk_id: h.score for h in assistant.search(question, k=30, config=config)}
    home = scores(plain)
    assert home == scores(one)
    doc = assistant.kb.chunks[next(iter(home))].doc_id
    kb = assistant.kb
    monkeypatch.setitem(kb.__dict__, "home_documents", kb.home_documents - {doc})
    moved = scores(plain)
    shared = set(home) & set(moved)
    assert any(moved[c] != pytest.approx(home[c], abs=1e-5) for c in shared if assistant.kb.chunks[c].doc_id == doc)
    assert all(moved[c] == pytest.approx(home[c], abs=1e-5) for c in shared if assistant.kb.chunks[c].doc_id != doc)


def test_texts_from_outside_the_region_are_ordered_with_more_of_the_base_model(assistant, base_assistant, monkeypatch):
    """The adapted question encoder learned the home region's Q&A only. The chunks of a text from outside it
    (here one pretended so) are ordered among themselves by a question vector nearer the base model's
    (OUTSIDE_BASE_MIX), sharing out the scores they had: its chunks' scores move against `outside_query` off,
    the other texts' stay; while every text is the home region's (the seed) the switch changes nothing."""
    import numpy as np

    from assistant.embed.encoder import query_vectors
    from assistant.retrieve import RetrievalConfig, _reordered

    assert _reordered(np.array([5.0, 1.0, 3.0, 2.0, 4.0]), np.array([1, 2, 4]), np.array([9.0, 8.0, 1.0])).tolist() \
        == [5.0, 4.0, 3.0, 2.0, 1.0]
    question = "企业反映的问题被推来推去没人管，找谁？"
    config = lambda **kw: RetrievalConfig(section_prior_weight=0.0, typed_margin=0.0, lead_in_items=False, **kw)
    scores = lambda c: {h.chunk.chunk_id: h.score for h in assistant.search(question, k=30, config=c)}
    assert scores(config()) == scores(config(outside_query=False))
    home, other = query_vectors(assistant.embedder, question)
    base = base_assistant.embedder.embed_query(question)
    assert float(home @ base) < float(other @ base) < 0.9999
    kb = assistant.kb
    doc = kb.chunks[next(iter(scores(config())))].doc_id
    monkeypatch.setitem(kb.__dict__, "home_documents", kb.home_documents - {doc})
    moved, kept = scores(config()), scores(config(outside_query=False))
    shared = set(moved) & set(kept)
    assert any(moved[c] != pytest.approx(kept[c], abs=1e-5) for c in shared if kb.chunks[c].doc_id == doc)
    assert all(moved[c] == pytest.approx(kept[c], abs=1e-5) for c in shared if kb.chunks[c].doc_id != doc)


def test_a_caller_who_lives_elsewhere_gets_the_home_regions_texts_lowered(assistant):
    """我在浙江…: the home region's texts (all of the seed) lose `foreign_penalty`, since support.py abstains on
    them for that caller; lowered alike, they keep their order."""
    from assistant.retrieve import RetrievalConfig

    question = "我在浙江反映的一个事拖了好几年都没人管，能不能督办？"
    plain = {h.chunk.chunk_id: h.score for h in assistant.search(question, k=10,
                                                                 config=RetrievalConfig(foreign_penalty=0.0))}
    lowered = {h.chunk.chunk_id: h.score for h in assistant.search(question, k=10)}
    assert list(lowered) == list(plain)
    for cid, score in plain.items():
        assert lowered[cid] == pytest.approx(score - RetrievalConfig().foreign_penalty, abs=1e-5)
    ours = {h.chunk.chunk_id: h.score for h in assistant.search("我在银川，" + question, k=10)}
    again = {h.chunk.chunk_id: h.score for h in assistant.search("我在银川，" + question, k=10,
                                                                 config=RetrievalConfig(foreign_penalty=0.0))}
    assert ours == again


def test_doc_number_in_question_steers_to_that_document(assistant):
    for q in ("宁政办发〔2022〕49号有效期多久", "49号文什么时候施行"):
        assert assistant.search(q, k=1)[0].chunk.doc_number == "宁政办发〔2022〕49号"


def test_a_quoted_title_steers_to_that_document_as_a_doc_number_does(assistant):
    """A question quoting a document's whole title raises its chunks by `title_boost`; of two titles quoted,
    one inside the other (上海市优化营商环境条例 holds 优化营商环境条例), only the longer is meant."""
    from types import SimpleNamespace

    from assistant.retrieve import RetrievalConfig, quoted_documents, search

    kb = assistant.kb
    doc = next(d for d in kb.documents.values() if d.doc_number == "宁政办发〔2022〕49号")
    question = f"{doc.title}里，企业对决策有意见怎么反映？"
    assert quoted_documents(kb, question) == {doc.doc_id}
    # (the section prior re-scores the top ten, which the boost changes: off in both runs)
    plain = {h.chunk.chunk_id: h.score
             for h in search(kb, question, k=50, config=RetrievalConfig(title_boost=0.0, section_prior_weight=0.0))}
    raised = {h.chunk.chunk_id: h.score for h in search(kb, question, k=50, config=RetrievalConfig(section_prior_weight=0.0))}
    assert any(kb.chunks[cid].doc_id == doc.doc_id for cid in raised)
    for cid, score in raised.items():
        if cid in plain:
            lift = RetrievalConfig().title_boost if kb.chunks[cid].doc_id == doc.doc_id else 0.0
            assert score == pytest.approx(plain[cid] + lift, abs=1e-5)
    # (titles as kb.title_keys holds them: without 省 or 市, which a caller may leave out)
    two = SimpleNamespace(title_keys={"n": ("优化营商环境条例",), "s": ("上海优化营商环境条例",),
                                      "z": ("浙江快递业促进条例",)})
    assert quoted_documents(two, "上海市优化营商环境条例第二十八条说什么") == {"s"}
    assert quoted_documents(two, "优化营商环境条例第二十八条说什么") == {"n"}
    assert quoted_documents(two, "浙江快递业促进条例 第四十六条 不戴头盔罚多少") == {"z"}
    # a short name steers when it fits one title alone: opens and ends as it does, its characters in order
    from assistant.titles import title_key

    henan = SimpleNamespace(title_keys={
        "sars": (title_key("河南省人民代表大会常务委员会关于夺取非典防治和经济建设双胜利的决议"),),
        "court": (title_key("河南省人民代表大会常务委员会关于加强对司法工作监督的决议"),),
        "water": (title_key("河南省人民代表大会常务委员会关于加强水污染防治工作的决议"),)})
    assert quoted_documents(henan, "河南省人大常委会非典决议要求宣传贯彻哪两部法律？") == {"sars"}
    assert quoted_documents(henan, "河南省人大常委会的决议要求宣传贯彻哪两部法律？") == set()     # fits all three
    assert quoted_documents(henan, "河南省人大常委会关于加强工作的决议") == set()      # court and water



def test_an_order_number_names_the_rule_whose_opening_lines_carry_it():
    from types import SimpleNamespace

    from assistant.place import names_province_of
    from assistant.retrieve import named_documents

    rules = {"a": [SimpleNamespace(text="2015年1月5日 国家工商行政管理总局令第73号公布 2015年3月15日施行")],
             "b": [SimpleNamespace(text="国家工商行政管理局令第6号发布")]}
    kb = SimpleNamespace(documents={}, sections_by_doc=rules)
    assert named_documents(kb, "国家工商行政管理总局令第73号从什么时候施行？") == {"a"}
    assert named_documents(kb, "总局令第74号从什么时候施行？") == set()
    assert names_province_of("山东的物业服务用房怎么配置？", "滨州") and not names_province_of("山东的呢", "开封")


def test_a_document_named_by_its_year_is_the_one_of_that_year(assistant):
    """国办2004年…通报, 2020年版民诉法解释: of the documents a question could mean, those whose version (the latest
    of the 文号's year, the date and the dates in the opening lines) is of the year it names get `year_boost`
    (xcalib132-133: a 2022 Ningxia plan and another court rule had outranked them); a text revised again later
    is not that version, and a deadline (2025年底前…方案) names no document."""
    from datetime import date
    from types import SimpleNamespace

    from assistant.retrieve import RetrievalConfig, year_documents

    doc = lambda number, day: SimpleNamespace(doc_number=number, date=day, title="关于…的解释")
    kb = SimpleNamespace(documents={"gwy": doc("国办发〔2004〕7号", None), "nx": doc("宁党厅字〔2022〕28号", date(2022, 6, 1)),
                                    "law": doc(None, date(2015, 1, 30)), "old": doc(None, date(2015, 1, 30)),
                                    "new": doc(None, None)},
                         sections_by_doc={"law": [SimpleNamespace(text="2014年12月18日通过，根据2020年12月23日…决定修正")],
                                          "old": [SimpleNamespace(text="2014年12月18日通过")],
                                          "new": [SimpleNamespace(text="2020年7月5日公布，2025年3月1日修订")]})
    docs = set(kb.documents)
    assert year_documents(kb, "国办2004年煤矿瓦斯爆炸事故通报要求什么？", docs) == {"gwy"}
    assert year_documents(kb, "按2020年版民诉法解释，向哪个法院提出？", docs) == {"law"}
    assert year_documents(kb, "按2020年那版民诉法解释，向哪个法院提出？", docs) == {"law"}
    assert year_documents(kb, "2015年的那个解释怎么规定？", docs) == {"old"}
    assert year_documents(kb, "2022年安全生产百日专项整治行动方案查什么？", docs) == {"nx"}
    assert year_documents(kb, "2025年底前要完成的整治方案有哪些？", docs) == set()
    # on the real index: the seed's 2022 documents get the boost, by the same amount each
    question = "2022年的安全生产专项整治行动方案要查哪些重点？"
    plain = {h.chunk.chunk_id: h.score for h in assistant.search(question, k=10, config=RetrievalConfig(year_boost=0.0))}
    boosted = {h.chunk.chunk_id: h.score for h in assistant.search(question, k=10)}
    assert list(boosted) == list(plain)
    for cid, score in plain.items():
        assert boosted[cid] == pytest.approx(score + RetrievalConfig().year_boost, abs=1e-5)


def test_an_agents_bare_number_names_the_document_whose_validity_is_asked(assistant):
    """"51号 决策目录指引 啥时候施行": the bare number opening the lookup names 51号, and the validity
    clause asked for is 51号's, not 49号's (有效期3年), which the words alone rank first."""
    top = assistant.search("51号 决策目录指引 啥时候施行 有没有有效期", k=1)[0].chunk
    assert (top.doc_number, top.section) == ("宁政办发〔2022〕51号", "五、其他事项（四）")
    from assistant.retrieve import asks_validity
    assert not asks_validity("押运员的资格证有效期是几年？")     # a certificate's term, not the document's
    assert asks_validity("这个方案有效期是几年？")
    assert asks_validity("2022年全区安全生产百日专项整治行动从何时开展到何时结束？")


def test_hits_are_ranked_and_carry_citations(assistant):
    hits = assistant.search("乱罚款", k=10)
    assert [h.rank for h in hits] == list(range(1, 11))
    assert all(a.score >= b.score for a, b in zip(hits, hits[1:]))
    text = assistant.kb.source_text(hits[0].chunk.source)
    assert hits[0].chunk.text.replace("\n", "") in text[hits[0].chunk.start:hits[0].chunk.end].replace("\n", "")


@pytest.mark.parametrize("bad", ["", "   ", "\x00\x01", "问" * 5000])
def test_bad_questions_are_refused_clearly(assistant, bad):
    with pytest.raises(BadQuestion):
        assistant.search(bad)


def test_llama_index_retriever(assistant):
    from llama_index.core.schema import QueryBundle

    from assistant.llama_retriever import HybridRetriever

    nodes = HybridRetriever(assistant.kb, k=3).retrieve(QueryBundle("企业诉求转办时限"))
    assert len(nodes) == 3
    meta = nodes[0].node.metadata
    assert meta["doc_number"] == "宁政办函〔2022〕25号" and meta["section"].startswith("四、投诉办理程序")


def test_faiss_store_is_a_llama_index_vector_store(assistant):
    from llama_index.core.vector_stores.types import VectorStoreQuery

    q = assistant.embedder.embed_query("企业投诉电子邮箱")
    result = assistant.kb.vector_store.query(VectorStoreQuery(query_embedding=q.tolist(), similarity_top_k=10))
    _, ids = assistant.kb.faiss_index.search(q[None, :], 10)
    assert [int(i) for i in result.ids] == ids[0].tolist()
    assert any("nx12345@126.com" in assistant.kb.chunks[int(i)].text for i in result.ids)


@pytest.mark.parametrize("question, numbers", [
    ("宁政办发〔2022〕49号第三部分第（九）条讲什么？", ((4, 3), (5, 9))),
    ("宁党办〔2022〕41号三、重点任务（五）2.讲什么", ((4, 3), (5, 5), (6, 2))),
    ("济南市热线条例第十五条怎么规定", ((3, 15),)),
    ("普及率要达到85%，1个工作日内转办，2.5倍", ()),
    ("一、二级医院", ()),
    ("宁党厅字〔2022〕28号二（一）3拟复工复产煤矿那条，牵头单位是谁？", ((4, 2), (5, 1), (6, 3))),
    ("（一）3个工作日内办结", ((5, 1),)),
])
def test_numbers_named_in_a_question(question, numbers):
    from assistant.sectionref import numbers_named

    assert numbers_named(question) == numbers


@pytest.mark.parametrize("question, doc, section", [
    ("宁政办发〔2022〕49号第三部分第（九）条讲什么？", "宁政办发〔2022〕49号", "三、推动内外贸一体化融合发展（九）"),
    ("宁党厅字〔2022〕28号第二部分（九）2.是什么内容？", "宁党厅字〔2022〕28号", "二、重点任务（九）2."),
    ("51号文第二部分第（四）条", "宁政办发〔2022〕51号", "二、事项范围（四）"),
    # the document named by its title, not its 文号 (28号 has a 二、（五） too)
    ("关于推进全区内外贸一体化发展的若干措施第二部分第（五）条讲什么", "宁政办发〔2022〕49号",
     "二、提升内外贸一体化发展能力（五）"),
])
def test_a_clause_named_by_number_comes_first_and_is_answered(assistant, question, doc, section):
    """No embedding ranks "（九）"; the number is looked up in the named document's section tree."""
    assert (assistant.search(question, k=1)[0].chunk.doc_number, assistant.search(question, k=1)[0].chunk.section) \
        == (doc, section)
    ans = assistant.ask(question)
    assert not ans.abstained and ans.citations[0].section == section


def test_a_clause_named_by_number_brings_its_numbered_items(assistant):
    """51号 二、（二） is a lead-in ("下列事项，应当列入…目录：") whose answer is its items 1.–5.: they are
    pinned with it, and the answer quotes them after the lead-in, verbatim, in document order. 二、（四）, short
    enough to be one chunk with its items 1.–3., is quoted whole."""
    question = "宁政办发〔2022〕51号第二部分第（二）条讲什么？"
    sections = [h.chunk.section for h in assistant.search(question, k=6)]
    items = [f"二、事项范围（二）{n}." for n in range(1, 6)]
    assert sections[0] == "二、事项范围（二）" and sorted(sections[1:]) == items
    ans = assistant.ask(question)
    assert [c.section for c in ans.citations] == ["二、事项范围（二）", *items]
    assert "制定有关公共服务、市场监管" in ans.citations[1].quote
    whole = assistant.ask("宁政办发〔2022〕51号第二部分第（四）条讲什么？")
    assert [c.section for c in whole.citations] == ["二、事项范围（四）"]
    assert "可不列入" in whole.citations[0].quote and "执行上级机关交办的任务明确" in whole.citations[0].quote
    for c in (*ans.citations, *whole.citations):
        source = assistant.kb.source_text(c.source)
        assert "".join(c.quote.split()) == "".join(source[c.start:c.end].split())


def test_an_item_named_by_number_finds_the_chunk_it_was_chunked_into(assistant):
    """51号 二（二）3.（2） is one chunk with its lead-in 3. and the other items (chunk.py): named by its numbers,
    that chunk comes first, and the knowledge base maps the item to it."""
    kb = assistant.kb
    top = assistant.search("51号文二（二）3.（2）讲的什么", k=1)[0].chunk
    assert [s.path for s in kb.sections_in(top)] == \
        ["二、事项范围（二）3."] + [f"二、事项范围（二）3.（{n}）" for n in (1, 2, 3)]
    item = next(s for s in kb.sections_in(top) if s.path.endswith("（2）"))
    assert kb.chunks_by_section[(top.doc_id, item.ordinal)] == [top]
    # 二（二） with its items 1.–5. is too long for one chunk: its own chunk holds its lead-in alone
    lead = kb.parent_of(kb.section_of(top))
    assert [s.path for c in kb.chunks_by_section[(top.doc_id, lead.ordinal)] for s in kb.sections_in(c)] == \
        ["二、事项范围（二）"]


@pytest.mark.parametrize("question, items", [
    ("除了国有资产处置、体制改革这些，还有什么样的事项要列入决策目录？", ["国有资产处置", "体制改革"]),
    ("除了重大国有资产处置、行政管理体制改革，那一类里还有什么事项？", ["重大国有资产处置", "行政管理体制改革"]),
    ("重大公共建设项目除了政府投资的场馆设施和需核准的大项目，还有没有兜底的一类？", ["政府投资的场馆设施", "需核准的大项目"]),
    ("不是政府投资、也不用核准的别的大型公共工程，算重大决策吗？", ["政府投资", "核准"]),
    # 是不是只有X和Y这两种 asks whether the list holds more
    ("要进目录的公共建设项目，是不是只有政府投资的场馆和要核准的大项目这两类？", ["政府投资的场馆", "要核准的大项目"]),
    # X和Y以外，别的Z
    ("政府投资场馆和需核准项目以外，别的重大公共建设项目也得列进目录吗？", ["政府投资场馆", "需核准项目"]),
    ("银川以外的企业，也能按这个12345工作方案投诉吗？", []),
    ("我们厂只有两个人，能打12345吗？", []),
    # who else is responsible asks about the same clause; a second question after it is asked of the whole
    ("搭建展会平台这一条，除了商务厅还有哪些单位负责？", []),
    ("企业投诉除了打12345电话，还能通过什么渠道？打电话的录音会保存多久？", []),
    ("村里的环境项目能从哪些路子筹到钱？", []),
])
def test_items_a_question_sets_aside(question, items):
    from assistant.besides import known_items

    assert known_items(question) == items


_POLICIES = {f"二、事项范围（二）1.（{n}）" for n in (3, 4, 5)}
_TAKEN = {f"三、投诉受理范围—主要受理范围（{n}）" for n in "一四五六七"}


@pytest.mark.parametrize("question, wanted", [
    # 51号 二（二）1.'s list (its items （1） 公共服务 … （5） 其他), too long to be one chunk with its lead-in
    ("除了公共服务、市场监管方面的政策，还有哪些重大公共政策要列入目录？", _POLICIES),
    ("除了公共服务、市场监管这两方面，重大公共政策还有哪几方面要列入目录？", _POLICIES),
    # 25号's 主要受理范围 （一）…（七）: （二） 拖拉推诿 and （三） 吃拿卡要 named
    ("除了拖拉推诿、吃拿卡要，还能投诉哪些情况？", _TAKEN),
])
def test_the_rest_of_a_list_answers_what_else_besides_its_named_items(assistant, question, wanted):
    """The items the caller names share the most words with the question and come first without the rule (or
    the lead-in does); the list's other items answer it. (The section prior, trained on questions like these,
    is off for the comparison: this is about the rule.) A list short enough to be one chunk with its lead-in
    (51号 二（二）2.–5.) needs no rule: the chunk holds every item."""
    from assistant.retrieve import RetrievalConfig

    off = assistant.search(question, k=1, config=RetrievalConfig(rest_of_list=False, section_prior_weight=0.0))[0]
    on = assistant.search(question, k=2, config=RetrievalConfig(section_prior_weight=0.0))
    assert off.chunk.section not in wanted and on[0].chunk.section in wanted
    assert off.chunk.section not in [h.chunk.section for h in on]
    hits = assistant.search(question, k=3)
    assert hits[0].chunk.section in wanted
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    ans = assistant.ask(question, today=TODAY)
    assert not ans.abstained and ans.citations[0].section in wanted


def test_items_set_aside_with_yiwai_yield_to_the_rest_of_their_list(assistant):
    """X和Y以外，别的… (the shape of blind c97029) sets X and Y aside as 除了 does: the rest of 二（二）1.'s list
    comes first, where without the rule the lead-in does (section prior off: this is about the rule)."""
    from assistant.retrieve import RetrievalConfig

    question = "公共服务和市场监管以外，别的重大公共政策也得列进目录吗？"
    off = assistant.search(question, k=1, config=RetrievalConfig(rest_of_list=False, section_prior_weight=0.0))[0]
    on = assistant.search(question, k=1, config=RetrievalConfig(section_prior_weight=0.0))[0]
    assert off.chunk.section not in _POLICIES and on.chunk.section in _POLICIES
    assert assistant.search(question, k=1)[0].chunk.section in _POLICIES


@pytest.mark.parametrize("question", [
    "公共服务、市场监管、社会管理、生态环境保护这几方面的政策，清单上没点到名的还算不算？",
    "重大公共政策和措施里有没有兜底的一条？",
])
def test_a_catch_all_question_gets_the_lists_last_item(assistant, question):
    """清单上没点到名的 / 兜底的一条 asks the list's 其他… item (51号 二（二）1.（5）): the lead-in shares more words
    with the question and comes first without the rule (section prior off: this is about the rule)."""
    from assistant.retrieve import RetrievalConfig

    wanted = "二、事项范围（二）1.（5）"
    off = assistant.search(question, k=1, config=RetrievalConfig(catch_all=False, section_prior_weight=0.0))[0]
    on = assistant.search(question, k=3, config=RetrievalConfig(section_prior_weight=0.0))
    assert off.chunk.section != wanted and on[0].chunk.section == wanted
    assert [h.score for h in on] == sorted((h.score for h in on), reverse=True)
    assert assistant.search(question, k=1)[0].chunk.section == wanted


def test_a_catch_all_is_its_lists_last_item(assistant):
    """28号's （十四）其他行业领域 holds 其他 but is not its list's last item ((十五) is): no catch-all there;
    51号 二（二）1.'s items end with （5）…其他重大公共政策和措施, found from any item or from the lead-in."""
    from assistant.catchall import asks_catch_all, catch_all_section

    kb = assistant.kb
    by_path = {(c.doc_number, c.section): c for c in kb.chunks}
    assert catch_all_section(kb, by_path[("宁党厅字〔2022〕28号", "二、重点任务（十四）")]) is None
    for path in ("二、事项范围（二）1.", "二、事项范围（二）1.（1）"):
        item = catch_all_section(kb, by_path[("宁政办发〔2022〕51号", path)])
        assert item is not None and item.path == "二、事项范围（二）1.（5）"
    assert catch_all_section(kb, by_path[("宁政办发〔2022〕51号", "二、事项范围（二）1.（5）")]) is None
    assert asks_catch_all("有没有兜底的说法") and not asks_catch_all("其他事项类 第（2）项")
