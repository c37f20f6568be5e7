"""Answers: verbatim citations with 文号 and section, departments, validity, abstention."""
from __future__ import annotations

from common import TODAY

from assistant.text import norm_compare


def _verbatim(assistant, ans):
    for c in ans.citations:
        src = assistant.kb.source_text(c.source)
        assert norm_compare(c.quote) == norm_compare(src[c.start:c.end])


def test_colloquial_complaint_question(assistant):
    ans = assistant.ask("我们被乱罚款了能打12345吗", today=TODAY)
    assert not ans.abstained
    assert ans.citations[0].doc_number == "宁政办函〔2022〕25号"
    assert "乱罚款" in ans.citations[0].quote
    assert "宁政办函〔2022〕25号" in ans.answer
    _verbatim(assistant, ans)


def test_department_question_names_the_lead(assistant):
    ans = assistant.ask("商场游乐场的电梯、游乐设施这些特种设备整治由哪个部门牵头？", today=TODAY)
    assert "自治区市场监管厅" in ans.departments.lead
    _verbatim(assistant, ans)


def test_validity_is_reported_against_today(assistant):
    ans = assistant.ask("内外贸一体化若干措施有效期多久？", today=TODAY)
    assert any("2025年8月3日" in v and "失效" in v for v in ans.validity)


def test_multi_part_question_answers_each_part(assistant):
    ans = assistant.ask("12345热线企业投诉的邮箱是什么？对回访结果不满意可以重办几次？", today=TODAY)
    quotes = " ".join(c.quote for c in ans.citations)
    assert "nx12345@126.com" in quotes
    assert "重新办理" in quotes.replace(" ", "") or "重办" in quotes


def test_unanswerable_question_abstains_with_nearest_sections(assistant):
    ans = assistant.ask("上海市个人所得税起征点是多少？", today=TODAY)
    assert ans.abstained and not ans.citations
    assert "没有找到" in ans.answer and ans.hits
