"""Chunks: verbatim spans, inside one section, within the size limit; property-based on any text."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.chunk import chunk_all
from assistant.parse import parse_text
from assistant.parse.numbering import ARTICLE_LEVEL
from assistant.sectionref import sections_inside
from assistant.text import norm_compare


def _chunks(pf, max_chars=300):
    docs = {d.doc_id: d for d in pf.documents}
    return chunk_all(pf.sections, docs, {pf.source: pf.text}, max_chars)


def test_seed_chunks_are_verbatim_and_inside_their_section(seed_parsed):
    chunks = _chunks(seed_parsed)
    for c in chunks:
        assert norm_compare(c.text) == norm_compare(seed_parsed.text[c.start:c.end])
        lo, hi = _unit_span(seed_parsed.sections, c)
        assert lo <= c.start < c.end <= hi
        assert len(c.text.replace("\n", "")) <= 300


@pytest.mark.parametrize("max_chars", [120, 300])
def test_chunks_cover_each_section_completely(seed_parsed, max_chars):
    """Every section's text is in its own chunks, or, for a list's items, in the chunk of their lead-in."""
    chunks = _chunks(seed_parsed, max_chars=max_chars)
    sections = seed_parsed.sections
    taken = set()
    for s in sections:
        mine = [c for c in chunks if c.doc_id == s.doc_id and c.section_ordinal == s.ordinal and c.section == s.path]
        if (s.doc_id, s.ordinal) in taken:
            assert not mine, s.path
            continue
        items = [t for t in sections_inside([s], sections) if mine and t.start < mine[-1].end]
        taken |= {(t.doc_id, t.ordinal) for t in items}
        assert norm_compare("".join(c.text for c in mine)) == norm_compare("".join(t.text for t in [s, *items])), s.path


def test_long_section_splits_at_sentence_ends(seed_parsed):
    chunks = _chunks(seed_parsed, max_chars=120)
    multi = [c for c in chunks if len(c.text) > 60]
    ends = ("。", "；", "〕", "]", "：", "，", "、", "）", ")")
    assert sum(c.text.rstrip().endswith(ends) for c in multi) / len(multi) > 0.95


def test_citation_travels_with_the_chunk(seed_parsed):
    c = next(c for c in _chunks(seed_parsed) if "nx12345@126.com" in c.text)
    assert (c.doc_number, c.section, c.title) == (
        "宁政办函〔2022〕25号", "二、投诉受理渠道", "12345政务服务便民热线受理全区企业投诉工作方案")
    assert "12345" in c.embed_text() and c.text in c.embed_text()


_cjk = st.lists(st.sampled_from(list("一二三、（）()。；，1. 第条章\n政策企业热线〔〕[]：") + ["\r\n", "  ", "\n\n"]),
                max_size=300).map("".join)


@settings(max_examples=150, deadline=None)
@given(_cjk)
def test_any_text_parses_and_chunks_verbatim(text):
    try:
        pf = parse_text("标题\n宁政办发〔2022〕1号\n" + text, "p.txt")
    except Exception as e:   # only the documented error is allowed
        assert type(e).__name__ == "SourceError"
        return
    chunks = _chunks(pf, max_chars=40)
    for s in pf.sections:
        assert norm_compare(s.text) == norm_compare(pf.text[s.start:s.end])
    for c in chunks:
        assert norm_compare(c.text) == norm_compare(pf.text[c.start:c.end])
        lo, hi = _unit_span(pf.sections, c)
        assert lo <= c.start < c.end <= hi


def _unit_span(sections, c):
    """The span a chunk must stay in: its section's, or, for an article (第十七条) or a lead-in (…包括：), the
    section's with the sections numbered inside it."""
    s = next(s for s in sections if (s.doc_id, s.path, s.ordinal) == (c.doc_id, c.section, c.section_ordinal))
    inside = sections_inside([s], sections) if s.level == ARTICLE_LEVEL or s.text.rstrip().endswith(("：", ":")) \
        else []
    return s.start, max([s.end] + [t.end for t in inside])


LAW = Path(__file__).resolve().parents[2] / "shared" / "corpus-extra" / "lawref-shandong-0015.txt"


def test_a_short_article_is_one_chunk_with_its_items():
    """青岛's tax rule, 第十七条: the lead-in (下列零星分散的税收…：) and its items (一)–(七) are one chunk cited
    as the article, so the item a question asks comes with what the list is of; a longer article is cut."""
    if not LAW.is_file():
        pytest.skip(f"{LAW} not found (the shared extra corpus)")
    pf = parse_text(LAW.read_text(encoding="utf-8"), LAW.name)
    chunks = _chunks(pf)
    art = [c for c in chunks if c.section.startswith("第十七条")]
    assert [c.section for c in art] == ["第十七条"]
    assert "下列零星分散的税收" in art[0].text and "（一）城市社区和农村的零散税收" in art[0].text \
        and "（七）其他可以实行委托代征的税收" in art[0].text
    assert norm_compare(art[0].text) == norm_compare(pf.text[art[0].start:art[0].end])
    cut = _chunks(pf, max_chars=60)
    assert {c.section for c in cut if c.section.startswith("第十七条")} == \
        {"第十七条"} | {f"第十七条（{n}）" for n in "一二三四五六七"}


AMENDMENT = LAW.parent / "lawref-sfjs-0009.txt"


def test_a_heading_that_names_an_article_is_not_an_article():
    """上海金融法院's amendment decision: 三、增加一条作为第二条： names an article but is a 一、 heading (a path ending
    in 条 had passed for an article before the parser's level was used). It is one chunk with its items because it
    leads in to them (it ends with a colon), as any short lead-in is, and is cited as the heading."""
    if not AMENDMENT.is_file():
        pytest.skip(f"{AMENDMENT} not found (the shared extra corpus)")
    pf = parse_text(AMENDMENT.read_text(encoding="utf-8"), AMENDMENT.name)
    heading = next(s for s in pf.sections if s.path == "三、增加一条作为第二条")
    assert heading.level != ARTICLE_LEVEL
    chunks = [c for c in _chunks(pf) if c.section.startswith("三、")]
    assert [c.section for c in chunks] == ["三、增加一条作为第二条"]
    assert "（一）境内投资者" in chunks[0].text and "（二）境内个人或者机构" in chunks[0].text


def test_a_short_lead_in_is_one_chunk_with_its_list(seed_parsed):
    """大事目录指引 二（四）: "下列事项，可不列入…目录：" and its 1.–3. are one chunk cited as （四）, so a question
    about any item finds what the list is of; 五、其他事项, a heading over unrelated clauses, is not merged."""
    chunks = _chunks(seed_parsed)
    four = [c for c in chunks if c.section.startswith("二、事项范围（四）")]
    assert [c.section for c in four] == ["二、事项范围（四）"]
    assert "可不列入重大行政决策事项目录" in four[0].text and "执行上级机关交办的任务明确" in four[0].text
    other = {c.section for c in chunks if c.section.startswith("五、其他事项") and c.doc_number == four[0].doc_number}
    assert other == {"五、其他事项"} | {f"五、其他事项（{n}）" for n in "一二三四"}
