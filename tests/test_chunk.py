"""Chunks: verbatim spans, inside one section, within the size limit; property-based on any text."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.chunk import chunk_all
from assistant.parse import parse_text
from assistant.text import norm_compare


def _chunks(pf, max_chars=300):
    docs = {d.doc_id: d for d in pf.documents}
    return chunk_all(pf.sections, docs, {pf.source: pf.text}, max_chars)


def test_seed_chunks_are_verbatim_and_inside_their_section(seed_parsed):
    chunks = _chunks(seed_parsed)
    by_key = {(s.doc_id, s.path, s.ordinal): s for s in seed_parsed.sections}
    assert len(chunks) >= len(seed_parsed.sections)
    for c in chunks:
        assert norm_compare(c.text) == norm_compare(seed_parsed.text[c.start:c.end])
        s = by_key[(c.doc_id, c.section, c.section_ordinal)]
        assert s.start <= c.start < c.end <= s.end
        assert len(c.text.replace("\n", "")) <= 300


def test_chunks_cover_each_section_completely(seed_parsed):
    chunks = _chunks(seed_parsed, max_chars=120)
    for s in seed_parsed.sections:
        mine = [c for c in chunks if c.doc_id == s.doc_id and c.section_ordinal == s.ordinal and c.section == s.path]
        assert norm_compare("".join(c.text for c in mine)) == norm_compare(s.text), s.path


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
    spans = {(s.doc_id, s.path, s.ordinal): (s.start, s.end) for s in pf.sections}
    for s in pf.sections:
        assert norm_compare(s.text) == norm_compare(pf.text[s.start:s.end])
    for c in chunks:
        assert norm_compare(c.text) == norm_compare(pf.text[c.start:c.end])
        lo, hi = spans[(c.doc_id, c.section, c.section_ordinal)]
        assert lo <= c.start < c.end <= hi
