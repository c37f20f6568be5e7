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


def test_yes_no_follow_up_adds_no_second_clause(assistant):
    """'…踢了俩月皮球…这种能打12345告他们吗？' is one matter: one clause, not a padded second one."""
    ans = assistant.ask("我在区里办个手续，这个科说归那个科管，那个科又推回来，踢了俩月皮球还没办完，"
                        "开业都耽误了，亏的钱谁管？这种能打12345告他们吗？", today=TODAY)
    assert [c.section for c in ans.citations] == ["三、投诉受理范围—主要受理范围（二）"]


def test_unanswerable_question_abstains_with_nearest_sections(assistant):
    ans = assistant.ask("上海市个人所得税起征点是多少？", today=TODAY)
    assert ans.abstained and not ans.citations
    assert "没有找到" in ans.answer and ans.hits


def test_support_rules_on_thresholds_and_years():
    """Answer-type and scope rules as plain functions: a threshold amount, another year's campaign."""
    from assistant.support import missing_answer_type, out_of_scope

    policy = "落实财税支持政策。充分发挥外经贸发展专项资金对内外贸一体化发展的支持作用。"
    assert missing_answer_type("小规模纳税人月销售额多少以下可以免增值税？", policy)
    assert missing_answer_type("销售额多少以下免税？", "月销售额10万元以下免征增值税。") is None
    assert missing_answer_type("有效期多少以内？", "有效期3年") is None        # a duration, not an amount
    campaign = "自2022年7月中旬至11月底，在全区开展安全生产百日专项整治行动。"
    assert out_of_scope("2023年的全区安全生产专项整治行动什么时候开始？", campaign, asks_validity=True)
    for q in ("到2026年还有效吗？", "2025年8月以后还能用吗？", "2023年底前还管用吗？",
              "我们打算2027年申请支持，到时候这个方案还有效吗？"):
        assert out_of_scope(q, campaign, asks_validity=True) is None, q


def test_support_rules_on_sanctions_contacts_links_forms_and_unheld_rules():
    """Each answer type needs its kind of fact in the text; a rule named without 《》 must be held."""
    from assistant.support import missing_answer_type, out_of_scope

    clause = "承办单位要认真核实企业反映的问题，按时办结并反馈办理结果。"
    for q in ("投诉查实以后，那个工作人员会受到什么处分？", "这个事的负责人是谁？联系人电话多少？",
              "网上投诉的网址是什么？", "投诉要填的申请表在哪下载？"):
        assert missing_answer_type(q, clause), q
    assert missing_answer_type("工作人员会受到什么处分？", "对失职渎职的，依法依规追究相关人员责任。") is None
    assert missing_answer_type("网上投诉的网址是什么？", "电子邮件：nx12345@126.com") is None
    titles = ("12345政务服务便民热线受理全区企业投诉工作方案",)
    assert out_of_scope("石嘴山那个营商环境投诉举报处理办法里，举报属实的企业能拿到什么奖励？", clause,
                        known_titles=titles)
    for q in ("承办单位延期企业诉求，依据的是哪个办法？", "我们怕被打击报复，条例有保护吗？",
              "12345政务服务便民热线受理全区企业投诉工作方案规定几天办结？"):
        assert out_of_scope(q, clause, known_titles=titles) is None, q


def test_unanswerable_threshold_and_other_year_questions_abstain(assistant):
    for q in ("小规模纳税人月销售额多少以下可以免增值税？", "2023年的全区安全生产专项整治行动什么时候开始？"):
        assert assistant.ask(q).abstained, q
