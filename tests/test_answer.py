"""Answers: verbatim citations with 文号 and section, departments, validity, abstention."""
from __future__ import annotations

import pytest

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
    ans = assistant.ask("电话录音保存几年？对回访不满意重办期限是多久？", today=TODAY)
    quotes = " ".join(c.quote for c in ans.citations).replace(" ", "")
    assert [c.section for c in ans.citations] == ["四、投诉办理程序（八）", "四、投诉办理程序（五）"]
    assert "电话录音至少保存2年" in quotes and "重办期限原则上不超过5个工作日" in quotes


def test_a_follow_up_the_cited_clause_answers_adds_no_second_clause(assistant):
    """重办期限是多久？ after the clause that gives 5个工作日 asks nothing new: padding it with the next
    clause (四、（二）受理) was what kept citation precision low. (Without the trap prior: most traps about
    the 12345 scheme ask what follows 重办, and it refuses this wording, p 0.86 — a known wrong refusal.)"""
    from assistant.answer import answer

    for q, section in (("对回访结果不满意可以重办吗？重办期限是多久？", "四、投诉办理程序（五）"),
                       ("投诉电话录音要保存吗？保存几年？", "四、投诉办理程序（八）")):
        assert [c.section for c in answer(assistant.kb, q, TODAY).citations] == [section], q


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
    rural = "到2025年，全区农村卫生厕所普及率达到85%以上。"
    assert out_of_scope("盐池县到2025年卫生厕所普及率要达到多少？", rural)          # a county the text never names
    assert out_of_scope("甘肃省的重大行政决策目录几月份公布？", rural)               # another province's own rules


def test_support_rules_on_money_spans_versions_and_another_places_body():
    """Asked money needs 元 (a % does not pay a benefit), 几年 needs years, 会前几天 days (a date's 16日 is none);
    another version of a text, a case's progress and another place's body are not in the knowledge base."""
    from assistant.support import missing_answer_type, out_of_scope

    share = "对不裁员或少裁员的参保企业，可返还其上年度实际缴纳失业保险费的50%。"
    assert missing_answer_type("我每个月能领多少失业保险金？", share)
    assert missing_answer_type("我每个月能领多少失业保险金？", "失业保险金每月1800元。") is None
    assert missing_answer_type("河南的大气污染物适用税额是多少？", "浓度值低于标准百分之三十的，减按百分之七十五征收。")
    assert missing_answer_type("港口费每吨怎么收？", "外国籍船舶进入国境河流港口，应当报港务监督审批。")
    assert missing_answer_type("港口费每吨怎么收？", "港务费每吨收取0.5元。") is None
    permit = "国务院专利行政部门应当自受理申请之日起20日内作出是否颁发执业许可证的决定。"
    assert missing_answer_type("专利代理机构执业许可证的有效期是几年？", permit)
    assert missing_answer_type("执业许可证的有效期是几年？", "执业许可证有效期为五年。") is None
    assert missing_answer_type("乙类非处方药零售人员上岗证有效期", "本办法自2000年1月1日起施行。")
    assert missing_answer_type("政府投资项目竣工后几年内必须开展后评价？", "竣工验收合格后及时办理竣工财务决算。")
    assert missing_answer_type("会议文件要在会前几天送达？", "《规则》已经2004年6月16日修订通过。文件于会前送达与会同志。")
    assert missing_answer_type("会议文件要在会前几天送达？", "文件于会前3天送达与会同志。") is None
    assert missing_answer_type("军品出口经营权 审批时限", "军品出口经营权由国家军品出口主管部门审查批准。")
    for q in ("行政许可法2019年修正之后有没有再修改？", "《破坏性地震应急条例》后来修订后，应急期最长多少天？",
              "北京市促进中小企业发展条例2013年最初通过的版本里，预留份额是多少？",
              "我这个工单现在处理到哪一步了？", "复查意见维持了原处理，复核会不会改过来支持我？"):
        assert out_of_scope(q, "第二十二条 震后应急期一般为10日；必要时，可以延长20日。"), q
    assert out_of_scope("修改后的第一条怎么规定？", "一、将第一条修改为：…") is None
    court = "上海金融法院管辖上海市辖区内应由中级人民法院受理的下列第一审金融民商事案件："
    assert out_of_scope("北京金融法院管辖哪些第一审案件？", court) == "条文说的是上海的金融法院管辖，没有涉及“北京”的"
    assert out_of_scope("上海金融法院管辖哪些第一审案件？", court) is None
    # and what they must let through: questions of the same shapes that the cited clause answers
    assert missing_answer_type("第一次债权人会议应当在什么时候召开？", "第一次债权人会议应当在人民法院受理破产案件公告3个月期满后召开。") is None
    assert missing_answer_type("旅行社擅自少去了两个景点，我能找旅行社要钱吗？",
                               "旅游者请求旅游经营者赔偿未完成约定旅游服务项目等合理费用的，人民法院应予支持。") is None
    assert missing_answer_type("几家公司能不能都登记在这一个地址？", "多个市场主体可以使用同一地址作为登记住所。") is None
    # money asked in the story before the asking sentence is not asked; in the asking sentence it is
    account = "银行应当优化开户流程，提高服务效率，不得设置不合理的条件。"
    assert missing_answer_type("去银行开户，问要多少钱，柜台说不清楚。条例对银行开户有什么要求？", account) is None
    assert missing_answer_type("去银行开户要交多少钱？", account)
    assert missing_answer_type("对注册资本有没有最低金额要求？是多少？", account)
    assert out_of_scope("一审判了我不服，要上诉的话是哪个法院审？", court) is None
    assert out_of_scope("公示期满后多少日内去申请注销？", "公示期届满之日起20日内向登记机关申请注销登记。") is None
    petition = "信访条例\n中华人民共和国国务院令第431号\n收到改进建议的行政机关应当在30日内书面反馈情况"
    assert out_of_scope("国务院令第431号信访条例 改进建议几日内书面反馈", petition, known_titles=("信访条例",)) is None
    assert out_of_scope("按国家饲料管理条例，在饲料里乱加东西会怎么罚？", "x", known_titles=("饲料和饲料添加剂管理条例",)) is None
    assert out_of_scope("电动车是条例施行前就上了普通牌的，现在必须换专用号牌吗？", "本条例施行前已经登记上牌的电动自行车",
                        known_titles=("上海市非机动车安全管理条例",)) is None


def test_another_place_compared_but_not_a_place_named_for_doing_the_same_thing():
    """上海有没有同样的规定 compares another place's rules, which a national clause does not give; 搬到安徽干同样的事
    only says where the caller now works."""
    from assistant.support import out_of_scope

    permit = "法律、行政法规设定的行政许可，其适用范围没有地域限制的，申请人取得的行政许可在全国范围内有效。"
    assert out_of_scope("上海有没有同样的规定？", permit)
    assert out_of_scope("我在江苏办下来一个按国家法律设定的行政许可，现在搬到安徽干同样的事，这个许可在那边还算数吗？",
                        permit) is None


_MEMBERS = "副主任：陈宝生　　教育部部长\n王晓晖　　中央宣传部副部长\n丁向阳　　国务院副秘书长"
# (question answered by the clause, the clause, a question it does not answer, a text without the figure, reason)
_GIVEN_ANOTHER_WAY = [
    ("2018年调整后有几位副主任？分别是谁？", _MEMBERS,
     "有几位副主任？分别是谁？", "副主任由国务院任命。", "条文中没有这个数量"),
    ("供热公司说申请的人太少不给供暖，到底要多少户申请才必须给供？", "具备供热条件的新建住宅小区，申请用热户数达到总户数50%以上的，供热企业应当供热。",
     "到底要多少户申请才必须给供？", "供热企业应当按照合同供热。", "条文中没有这个数量"),
    ("交的佣金能一起要吗？资金利息怎么算？", "前款所涉资金利息，自买入至卖出证券日或者基准日，按银行同期活期存款利率计算。",
     "资金利息怎么算？", "投资人实际损失包括佣金和印花税。", "条文中没有规定具体比率"),
    ("债务人转让财产的价格低到多少，一般可以认定为明显不合理的低价？",
     "转让价格未达到交易时交易地的市场交易价或者指导价百分之七十的，一般可以认定为“明显不合理的低价”",
     "收购价格是多少？", "收购价格由市场决定。", "条文中没有规定具体价格"),
    ("我想在中央政府网站上查法律法规，那个栏目里的东西能免费下载吗？", "中央政府门户网站开设了“法律法规”栏目，供公众免费查询和下载。",
     "在哪个网站上查？", "中央政府门户网站开设了“法律法规”栏目，供公众免费查询和下载。", "条文中没有写明网址"),
]


@pytest.mark.parametrize("question, text, unanswered, lacking, reason", _GIVEN_ANOTHER_WAY)
def test_a_figure_given_another_way_answers(question, text, unanswered, lacking, reason):
    """xcalib164, xcalib149 and xcalib146: names listed answer 有几位？分别是谁？; a share of the whole answers a count
    (申请用热户数达到总户数50%以上 for 多少户); a rate named answers 利息怎么算 (按银行同期活期存款利率计算); a price may be a
    share of another (市场交易价百分之七十); 在中央政府网站上查 names the site, asking no address. Without the figure or
    the site they are still refused."""
    from assistant.support import missing_answer_type

    assert missing_answer_type(question, text) is None
    assert missing_answer_type(unanswered, lacking) == reason


def test_names_asked_after_a_count_stay_with_it():
    """分别是谁？ asks the names of what the part before counts: one part, and without it the list is no count."""
    from assistant.answer import split_parts
    from assistant.support import missing_answer_type

    assert split_parts("2018年调整后有几位副主任？分别是谁？") == ["2018年调整后有几位副主任？分别是谁？"]
    assert split_parts("有效期几年？能不能投诉？") == ["有效期几年？", "能不能投诉？"]
    assert missing_answer_type("2018年调整后有几位副主任？", _MEMBERS) == "条文中没有这个数量"


def test_support_rules_on_lists_left_to_others_and_rules_named_loosely():
    """A catalogue the clause leaves to be made lists nothing; a place's rule named with 的, a cut-off date, a
    rule the clause says who makes, and a story's 利息 are answered by the clause."""
    from assistant.support import missing_answer_type, out_of_scope

    left = "前款所称大件商品的标准和目录由市工商行政管理局会同市技术监督局制定发布。"
    assert missing_answer_type("北京的大件商品目录到底包括哪些商品？", left) == "条文只规定目录由有关部门制定，没有列出具体内容"
    assert missing_answer_type("大件商品目录包括哪些？", "大件商品目录由市工商局制定：电视机、冰箱、洗衣机；") is None
    assert missing_answer_type("不予处罚清单具体包括哪些事项？", "不予处罚清单另行制定。") == "条文只规定清单由有关部门制定，没有列出具体内容"
    assert missing_answer_type("评估收费按资产总额的千分之几收取？", "资产评估收费办法，由国务院国有资产管理行政主管部门制定。")
    assert missing_answer_type("河南对民宿最多能开几间房？", "从事民宿旅游经营的，应当遵守国家和本省有关规定。")
    assert missing_answer_type("浙江三包有效期多长？", "家用汽车产品三包有效期限内更换或者退货的条件，按照第二十七条执行。")
    assert out_of_scope("最后入选“无废城市”建设试点的到底是哪几个城市？", "试点城市由省级有关部门推荐。")
    assert out_of_scope("按127号要求出台的具体操作办法叫什么、文号是多少？", "各高校要按照规定制定具体办法。")
    assert missing_answer_type("民事案件延长审限应在何时向谁申请？", "民事案件应当在审理期限届满十日前向本院院长提出申请。") is None
    assert missing_answer_type("还要付利息和费用，给付不够时法院按什么顺序抵充？", "人民法院应当按照下列顺序抵充。") is None
    cut_off = "对2015年5月1日之前作出的行政行为提起诉讼，请求确认行政行为无效的，人民法院不予立案。"
    assert out_of_scope("我想告镇政府2012年作的一个决定无效，法院还会立案吗？", cut_off) is None
    resolution = "五、会议责成省人民政府制定《河南省开展全民义务植树运动的实施细则》，提交省人大常委会审议。"
    assert out_of_scope("《河南省开展全民义务植树运动的实施细则》由谁来制定？", resolution) is None
    assert out_of_scope("《河南省开展全民义务植树运动的实施细则》第三条怎么规定？", resolution)
    assert out_of_scope("决议后来修正过没有？", "1983年4月29日通过 2010年7月30日修正") is None
    assert out_of_scope("条例后来修正过吗？修正后罚款上限提高到了多少？", "处以五万元以上二十万元以下的罚款",
                        "本条例自2017年5月1日起施行") == "知识库只收录文件的现行文本，没有其他版本的修订情况"
    roads = "上海市城市道路管理条例\n桥孔只限于临时用于绿化、设置市政道班房或者停放车辆。"
    assert out_of_scope("想租桥孔当仓库，按上海的城市道路条例允许吗？", roads, known_titles=("上海市城市道路管理条例",),
                        doc_place="上海") is None


def test_support_rules_on_fees_fined_items_grades_rounds_and_stories():
    """A fine is no fee even when its sum comes first; items, multiples, ages, another grade or round, a
    revision since need the text to say them; a story's sum, a rule's 处理结果 time limit, a condition's 怎么判,
    a list of bodies, a span of years and a condition for 什么时候才 are answered by the clause."""
    from assistant.support import missing_answer_type, out_of_scope

    fine = ("不建或者少建防空地下室的，责令限期修建，并可以按照应建防空地下室面积每平方米四十元以上八十元以下的"
            "标准处以罚款，但最高不得超过十万元。")
    assert missing_answer_type("人防工程易地建设费每平方米要交多少钱？", fine) == "条文中的金额是罚款，不是所问的费用"
    assert missing_answer_type("少建防空地下室罚多少钱？", fine) is None
    assert missing_answer_type("军民深度融合方面的6项举措具体是哪6项？", "（四）军民深度融合方面6项。") \
        == "条文中没有列出具体是哪几项"
    assert missing_answer_type("具体是哪几项？", "（四）军民深度融合方面6项：军民融合、科技成果转化、人才共享。") is None
    assert missing_answer_type("具体是哪几项？", "（四）下列事项可以简化办理：") is None     # a lead-in: its items follow
    assert missing_answer_type("原告可以主张几倍的惩罚性赔偿？", "人民法院可以酌情确定合理的赔偿数额。") == "条文中没有规定倍数"
    assert missing_answer_type("没休的年假按几倍日工资给？", "按照其日工资收入的300%支付未休年休假工资报酬。") is None
    assert missing_answer_type("报名有没有年龄上限？", "教育机构应当开展适合老年人特点的文化教育。") \
        == "条文中没有关于年龄的规定"
    assert missing_answer_type("运营机构的注册资本有什么最低要求？", "运营机构应当具备相应的技术能力。") == "条文中没有规定具体金额"
    assert missing_answer_type("这个价是不是超过政府定的标准了？", "（二）收费项目、收费标准、收费方式等；")
    assert missing_answer_type("登记联络员有什么任职条件？", "（六）分支机构：登记联络员。") == "条文中没有规定条件"
    assert missing_answer_type("登记联络员有什么任职条件？", "登记联络员应当了解市场主体登记相关法规。") is None
    assert missing_answer_type("行政长官的任职条件中，年龄是怎么要求的？", "行政长官由年满四十周岁的中国公民担任。") is None
    assert out_of_scope("五一后来改成放4天了，调整五一放假的那个通知是哪个文号？", "国办发明电〔2018〕15号\n劳动节：5月1日放假")
    assert out_of_scope("二级公立医院考核指标一共有多少个？", "三级公立医院绩效考核指标体系由4个方面的指标构成。") \
        == "条文说的是三级公立医院，没有涉及二级公立医院"
    supervision = "国务院第五次大督查发现的典型经验做法予以通报表扬"
    assert out_of_scope("国务院第六次大督查通报表扬了多少项？", supervision) == "文件说的是第五次大督查，没有涉及第六次大督查"
    assert out_of_scope("国务院第五次大督查通报表扬了多少项？", supervision) is None
    assert out_of_scope("条例2003年施行以后，最近一次修正是在哪一年？", "本条例自2003年1月1日起施行。") \
        == "知识库只收录文件的现行文本，没有其他版本的修订情况"
    shandong = ("山东省优化营商环境条例", "优化营商环境条例")
    assert out_of_scope("济宁市有没有自己的优化营商环境条例？征求意见期限是多少天？", "山东省优化营商环境条例\n第五十一条 …应当公开征求意见",
                        known_titles=shandong, doc_place="山东") == "条文没有涉及“济宁”的规定"
    assert out_of_scope("山东有没有自己的优化营商环境条例？", "山东省优化营商环境条例\n第五十一条 …应当公开征求意见", known_titles=shandong,
                        doc_place="山东") is None
    # answered by the clause
    assert missing_answer_type("客运公司还要每人补二十块钱差价，这合理吗？", "经营者应当安排改乘，不得加收费用。") is None
    assert out_of_scope("向交通行政主管部门投诉的，多少天内答复处理结果？", "在30天内将处理结果答复投诉人。") is None
    assert out_of_scope("内幕交易情节特别严重的，怎么判？", "情节特别严重的，处五年以上十年以下有期徒刑") is None
    assert out_of_scope("那个案子最后怎么判？", "情节特别严重的，处五年以上十年以下有期徒刑")
    assert out_of_scope("名单中，山东省有哪几家仲裁委员会？", "青岛仲裁委员会、济南仲裁委员会、东营仲裁委员会") is None
    assert out_of_scope("1998年拿到的仲裁裁决，现在还能申请吗？", "对1997年7月1日至本安排生效之日的裁决申请问题") is None
    assert missing_answer_type("那部分资金什么时候才能动用？", "应当在该条其他项资金支付完毕后才能动用。") is None
    assert missing_answer_type("横琴新区是凭什么做法上榜的？", "横琴新区依托远程可视自助办税平台，实现“零跑动”。") is None
    assert missing_answer_type("我刷到一个公众号，起的名字跟区政府一样，这种假冒的怎么处理？", "对假冒政务新媒体要求关停。") is None
    assert missing_answer_type("你们有没有公众号？", "对假冒政务新媒体要求关停。") == "条文中没有写明公众号或小程序"
    assert missing_answer_type("合同一方是不是中小企业双方有争议的，向哪个部门申请认定？", "可以向…部门申请认定。") is None


def test_support_rules_on_sanctions_contacts_links_forms_and_unheld_rules():
    """Each answer type needs its kind of fact in the text; a rule named without 《》 must be held."""
    from assistant.support import missing_answer_type, out_of_scope

    clause = "承办单位要认真核实企业反映的问题，按时办结并反馈办理结果。"
    for q in ("投诉查实以后，那个工作人员会受到什么处分？", "这个事的负责人是谁？联系人电话多少？",
              "网上投诉的网址是什么？", "投诉要填的申请表在哪下载？"):
        assert missing_answer_type(q, clause), q
    assert missing_answer_type("工作人员会受到什么处分？", "对失职渎职的，依法依规追究相关人员责任。") is None
    assert missing_answer_type("网上投诉的网址是什么？", "电子邮件：nx12345@126.com")       # an e-mail is no web site
    assert missing_answer_type("网上投诉的网址是什么？", "登录 www.nx12345.gov.cn 提交") is None
    titles = ("12345政务服务便民热线受理全区企业投诉工作方案",)
    assert out_of_scope("石嘴山那个营商环境投诉举报处理办法里，举报属实的企业能拿到什么奖励？", clause,
                        known_titles=titles)
    for q in ("承办单位延期企业诉求，依据的是哪个办法？", "我们怕被打击报复，条例有保护吗？",
              "12345政务服务便民热线受理全区企业投诉工作方案规定几天办结？"):
        assert out_of_scope(q, clause, known_titles=titles) is None, q
    # a title without the 市 of the known one names it; one that differs in more is not held
    titles = ("北京市促进中小企业发展条例",)
    beijing = "北京市促进中小企业发展条例\n本条例所称中小企业，是指在本市行政区域内依法设立的企业"
    assert out_of_scope("北京促进中小企业发展条例里的中小企业指哪些？", beijing, known_titles=titles) is None
    assert out_of_scope("北京促进民营经济发展条例里的民营企业指哪些？", beijing, known_titles=titles) \
        == "知识库未收录“北京促进民营经济发展条例”"
    # the year of the document's own 文号 is its own year, not another year's events
    reply = "国办函〔1996〕14号\n同意广东省气象局与香港天文台合建3个自动气象站"
    assert out_of_scope("1996年国办批复广东跟香港合建自动气象站，能建几个？", reply) is None
    assert out_of_scope("1998年国办批复广东跟香港合建自动气象站，能建几个？", reply) == "文件没有涉及1998年的情况"


def test_scope_rules_on_another_places_rule_and_rules_the_text_names():
    """One place's own rule does not answer for another place; a rule the cited text names is one it speaks of."""
    from assistant.support import asked_places, document_place, out_of_scope

    assert document_place("深圳经济特区房地产登记条例", "") == "深圳"
    assert document_place("全区安全生产百日专项整治行动方案", "宁党厅字〔2022〕28号") == "宁夏"
    assert document_place("保障中小企业款项支付条例", "") is None          # national: no place of its own
    assert asked_places("重庆市的市级实施机构是哪个单位？", "实施机构由县级以上地方人民政府确定") == ["重庆"]
    assert asked_places("出口美国的货被退了，上海的展会还能去吗？", "支持企业参加上海进博会") == []
    card = "浙江省实施《中华人民共和国消费者权益保护法》办法\n单张记名预付凭证金额不得超过五千元"
    assert out_of_scope("山东的预付卡单张最多能充多少钱？", card, doc_place="浙江") == "文件是浙江的规定，没有涉及“山东”"
    assert out_of_scope("浙江的预付卡单张最多能充多少钱？", card, doc_place="浙江") is None
    assert out_of_scope("我们是山东来的企业，在浙江办的预付卡最多能充多少？", card, doc_place="浙江") is None
    assert out_of_scope("山东的预付卡单张最多能充多少钱？", card) is None            # a national text: left to other rules
    # the home region's texts: callers name other places in passing
    trade = "支持外贸企业拓展国内市场，开展内外贸产品“同线同标同质”"
    assert out_of_scope("女儿要去上海读书，厂里想转做国内市场，措施里怎么支持？", trade, doc_place="宁夏") is None
    # a title the cited text names, and a rule named at the end of the words that lead up to it
    repeal = "第三十五条 本条例自公布之日起施行。2001年6月13日国务院公布的《城市房屋拆迁管理条例》同时废止。"
    titles = ("国有土地上房屋征收与补偿条例", "山东省消费者权益保护条例", "深圳经济特区房地产登记条例")
    assert out_of_scope("《城市房屋拆迁管理条例》还有效吗？", repeal, known_titles=titles, asks_validity=True) is None
    assert out_of_scope("《城市房屋拆迁管理条例》规定拆迁要提前几天公告？", repeal, known_titles=titles)
    assert out_of_scope("《北京市房屋拆迁管理条例》还有效吗？", repeal, known_titles=titles, asks_validity=True)
    self_check = "社会团体填写《清理整顿报告书》，连同年检材料报业务主管部门"
    assert out_of_scope("填好《清理整顿报告书》以后交给谁？", self_check, known_titles=titles) is None   # a form
    clause = "山东省消费者权益保护条例\n第二条 消费者为生活消费需要购买、使用商品或者接受服务，其合法权益受本条例保护。"
    assert out_of_scope("农民买化肥，适用山东省消费者权益保护条例吗？", clause, known_titles=titles) is None
    assert out_of_scope("按现行的山东消费者权益保护条例，农民买化肥算不算？", clause, known_titles=titles) is None
    lien = "深圳经济特区房地产登记条例\n第三十九条 抵押当事人应当于抵押合同生效之日起十五日内申请抵押登记。"
    assert out_of_scope("办抵押登记，按惠阳房地产登记条例几天内要申请？", lien, lien, known_titles=titles) \
        == "知识库未收录“惠阳房地产登记条例”"     # not 深圳's: the words before 房地产登记 name a place


def test_scope_rules_on_a_rules_maker_its_kind_and_its_number():
    """A rule another place's 人大 or 政府 made, a named rule whose kind no held title has, an order number not
    held, a case, a 文号's digits, a place that is only words before 县 (xcalib122-123)."""
    from assistant.support import out_of_scope

    delta = "上海市人民代表大会常务委员会会同江苏省、浙江省人民代表大会常务委员会共同研究，作如下决定"
    start = "上海市人民代表大会常务委员会关于促进长三角示范区建设的决定\n本决定自2020年10月1日起施行。"
    asked = "江苏省人大常委会关于促进长三角示范区建设的决定从哪天起施行？"
    assert "江苏" in out_of_scope(asked, start, delta, doc_place="上海")
    assert out_of_scope("江苏省政府关于示范区的决定是怎么规定的？", delta, delta, doc_place="上海") is None     # 会同…
    assert out_of_scope(asked.replace("江苏省", "上海市"), start, delta, doc_place="上海") is None
    assert out_of_scope("我们在天津，天津人大常委会的防控决定对不配合隔离的怎么处理？", "依法从严惩处",
                        doc_place="宁夏")
    reply = "国务院关于同意上海市人民政府设立自由贸易试验区的批复\n同意设立"
    assert out_of_scope("上海市人民政府申请设立试验区，国务院同意了吗？", reply) is None     # national, names it
    # the end of a named rule after lead-up words must name its kind too
    titles = ("中华人民共和国环境保护税法", "山东省地质环境保护条例", "浙江省各级人民代表大会常务委员会监督条例")
    geo = "山东省地质环境保护条例\n第三十七条 在地质灾害危险区取土的，对单位处五万元以上二十万元以下罚款"
    assert out_of_scope("宁夏回族自治区地质环境保护条例对违法取土罚多少？", geo, geo, known_titles=titles) \
        == "知识库未收录“宁夏回族自治区地质环境保护条例”"
    watch = "浙江省各级人民代表大会常务委员会监督条例\n第四十八条 下列信息应当向社会公开"
    assert out_of_scope("按浙江省人大常委会监督条例，审议意见要不要公开？", watch, known_titles=titles) is None
    # an order's number, held or not; the digits of a 文号 or order are no unknown figure
    rules = "集成电路布图设计行政执法办法\n2001年11月28日 国家知识产权局令第17号公布"
    assert out_of_scope("国家知识产权局令第18号对登记费用有什么规定？", rules) == "知识库未收录国家知识产权局令第18号"
    invest = "政府投资条例\n2019年4月14日 中华人民共和国国务院令第712号公布"
    assert out_of_scope("国务院令第712号自何时起施行？", invest, corpus_has=lambda term: False) is None
    meeting = "国函〔2018〕144号\n联席会议原则上每年召开两次会议"
    assert out_of_scope("国函〔2018〕144号 联席会议 每年开会次数", meeting, corpus_has=lambda term: False) is None
    assert out_of_scope("某芯片公司诉深圳某企业布图设计侵权一案，最终怎么处理的？", rules) \
        == "知识库只收录政策文件，不含具体案件的办理结果"
    assert out_of_scope("我们县人大常委会有委员想对县政府提质询，得凑够几个委员？", "五人以上联名") is None
    power = "开封市优化营商环境条例\n供水、供电单位应当合理布置抢修力量，及时抢修"
    assert out_of_scope("洛阳市供电企业到现场抢修的时限是多少分钟？", power, power, doc_place="开封")
    # a short name of a held title; a city's rule asked with its province; where the caller lives
    fire = ("广东省实施《中华人民共和国消防法》办法",)
    duty = f"{fire[0]}\n消防控制室应当实行二十四小时值班制度，每班不少于二人"
    assert out_of_scope("广东消防办法 第十九条 消防控制室值班每班最少几人", duty, known_titles=fire) is None
    homes = "滨州市住宅物业管理条例\n第二十二条 物业服务用房的配置应当符合下列规定"
    assert out_of_scope("山东滨州住宅物业管理条例 物业服务用房配置面积标准", homes, homes, doc_place="滨州") is None
    assert out_of_scope("山东的物业服务用房怎么配置？", homes, homes, doc_place="滨州") is None
    school = "加强学生离校期间安全管理"
    assert out_of_scope("我家在广州，暴雨红色预警发了，孩子学校停不停课？", school, doc_place="宁夏") \
        == "文件是宁夏的规定，没有涉及“广州”"
    assert out_of_scope("我家在广州，银川这边暴雨预警发了停不停课？", school, doc_place="宁夏") is None
    assert out_of_scope("我们是上海来的企业，学生离校期间谁管？", school, doc_place="宁夏") is None
    # a case by the firm punished, an outcome asked
    assert out_of_scope("滨州有哪个小区的物业公司被罚过款，罚了多少？", homes, doc_place="滨州")
    assert out_of_scope("代表提出让总理开博客，总理最后开通博客了吗？", "您提出的关于请总理网上博客的建议收悉")


def test_scope_rules_on_numbered_rules_regions_lists_outcomes_and_later_documents():
    """xcalib126-127: the eleventh amendment when only the first is held, Hong Kong's arrangement when Macao's is,
    whether a city is on a list the clause does not name it in, whether a case will be won, a later document's
    文号; the second rule a notice issues is held."""
    from assistant.support import out_of_scope

    held = ("中华人民共和国刑法修正案", "最高人民法院关于适用《中华人民共和国民法典》婚姻家庭编的解释（一）")
    assert out_of_scope("刑法修正案（十一）对欺诈发行证券罪怎么改的？", "刑法修正案", known_titles=held) \
        == "知识库未收录“刑法修正案(十一)”"
    assert out_of_scope("婚姻家庭编的解释（二）对彩礼返还怎么规定？", "彩礼", known_titles=held)
    assert out_of_scope("婚姻家庭编的解释（一）对彩礼返还怎么规定？", "彩礼", known_titles=held) is None
    macao = "最高人民法院关于内地与澳门特别行政区法院就民商事案件相互委托送达司法文书的安排\n送达文书最迟不得超过两个月"
    assert out_of_scope("内地与香港法院相互委托送达，最迟多久要完成？", macao) == "文件是关于澳门的规定，没有涉及“香港”"
    assert out_of_scope("内地与澳门法院相互委托送达，最迟多久要完成？", macao) is None
    zones = "确定了北京、天津等地区为地震重点监视防御区"
    assert out_of_scope("我们银川是不是被划进了地震重点监视防御区？", zones) == "条文没有列出“银川”"
    assert out_of_scope("天津是不是被划进了地震重点监视防御区？", zones) is None
    assert out_of_scope("我们告了市场监管局，这个官司能赢吗？", "判决撤销不予许可决定")
    reply = "国办函[2005]69号\n国办已组织力量起草了规范政府网站建设与管理的意见"
    assert out_of_scope("答复里说要起草的意见，后来正式印发的文号是什么？", reply) == "文件没有写明后来印发的文件的文号"
    from assistant.support import lives_elsewhere     # (retrieval lowers the home region's texts for them)

    assert lives_elsewhere("我在浙江反映的一个事拖了好几年，能督办吗？") == "浙江"
    assert lives_elsewhere("我们是上海来的企业，能投诉吗？") is None
    assert lives_elsewhere("我家在广州，银川这边暴雨预警发了停不停课？") is None
    assert out_of_scope("我们县有个老板跟自然资源局打官司，最后法院判谁赢了？", "矿业权转让合同")
    assert out_of_scope("2004年四川最终有没有被纳入良种补贴省份？", "可相应考虑增加四川为补贴省份")
    # a rule named by the cited document, which the question names by 文号
    letter = "国办函[2004]71号\n关于四川省所提问题的函\n将认真研究你省制订的《方案》"
    assert out_of_scope("国办函〔2004〕71号提到，《长江上游水污染治理方案》新增了多少项目？", letter,
                        "你省制订的《长江上游水污染治理方案》") is None
    assert out_of_scope("《长江上游水污染治理方案》新增了多少项目？", letter, "你省制订的《长江上游水污染治理方案》")
    plan = "宁政办发[2022]49号\n排查方案\n按照《自建房安全专项整治工作实施方案》（宁党厅字〔2022〕21号）要求"
    assert out_of_scope("《自建房安全专项整治工作实施方案》（宁党厅字〔2022〕21号）的排查重点是什么？", plan, plan)
    notice = "拟定的《转制为企业的规定》和《进一步支持文化企业发展的规定》已经国务院同意，现印发给你们"
    assert out_of_scope("《进一步支持文化企业发展的规定》的执行期限到什么时候？", "执行期限为2019年1月1日至2023年12月31日",
                        notice, known_titles=("转制为企业的规定",)) is None
    assert out_of_scope("《进一步支持文化企业发展的意见》的执行期限到什么时候？", "执行期限为2019年1月1日至2023年12月31日",
                        notice, known_titles=("转制为企业的规定",))


def test_another_place_also_asked_and_a_clause_left_out():
    """xcalib130-131: 湖北是不是也要求… answered from 河南's resolution is another place's rule, not a check the
    text can correct; how a project turned out, and which firms a list names, need a text that says so; a
    clause the gazette prints as （略） answers nothing."""
    from assistant.support import missing_answer_type, out_of_scope

    henan = "河南省人民代表大会常务委员会关于加强基层文化设施建设有关问题的决议\n从其城市住房开发投资中提取1%"
    assert out_of_scope("我在湖北，湖北是不是也要求新建小区提1%建社区文化设施？", henan, doc_place="河南") \
        == "条文没有涉及“湖北”的规定"
    # a caller checking which place's rule it is, corrected by the text that names it
    assert out_of_scope("这是学的湖北那边的规定吧？", henan, doc_place="河南") is None
    assert out_of_scope("河南是不是也要求新建小区提1%建社区文化设施？", henan, doc_place="河南") is None
    plant = "一、关于大连双岛湾工业区石化项目问题。发展改革委已委托中国国际工程咨询公司作进一步评估论证。"
    assert out_of_scope("大连双岛湾工业区石化项目后来国家正式核准了没有？", plant) == "文件没有记载这件事后来的结果"
    assert out_of_scope("大连双岛湾工业区石化项目后来国家正式核准了没有？", "该项目已经核准。") is None
    firms = "支持大中城市和贫困地区引导和扶持一批消费扶贫示范企业"
    assert out_of_scope("第一批全国消费扶贫示范企业名单有哪些企业？", firms) == "知识库只收录政策文件，不含具体企业名单"
    assert out_of_scope("第一批示范企业名单有哪些企业？", "示范企业名单：宁夏某某乳业有限公司") is None
    assert missing_answer_type("对大连新机场建设项目是怎么答复的？", "五、关于大连新机场建设项目问题。（略）")
    assert missing_answer_type("对大连新机场建设项目是怎么答复的？", "五、关于大连新机场建设项目问题。同意建设。") is None


@pytest.mark.parametrize("question, lacking, holding", [
    ("改厕政府补贴多少钱？", "改厕补助资金按50%比例安排", "每户补助1200元"),            # money needs 元, not %
    ("每户每个月要交几块钱？", "探索建立农户付费制度", "每户每月缴纳5元"),
    ("能给报销几成？", "支持企业开展境外商标注册", "按实际费用的50%给予补助"),
    ("鉴定费和拆除费是政府出还是我自己出？", "该拆除的依法拆除", "拆除费用由产权人承担"),
    ("报警器非得装指定牌子的吗？", "规范安装燃气报警器", "不得指定品牌"),
    ("验收要交哪些材料？", "经验收合格后方可恢复生产", "提交验收申请材料"),
    ("热线会不会替我保密？", "在1个工作日内对诉求进行转办", "对投诉人信息严格保密"),
    ("专席有没有分机号？", "设置“3”号按键一键转入", "专线电话0951-1234567"),
    ("话务员每天要接多少个电话？", "5 个地级市12345热线设立专席", "每人每天接听80个电话"),
    ("督查组组长是谁？", "派出巡查督查组", "组长：张某某同志"),
    ("在银川哪条街办公？", "自治区政务服务中心为管理机构", "地址：银川市某某街1号"),
    ("征求意见最少不能少于多少天？", "每年第4季度征集目录建议", "征求意见时间一般不少于30日"),    # days, not a quarter
    ("专项资金截止到哪天申报？", "发挥外经贸发展专项资金的支持作用", "申报截止时间为每年9月30日"),
    ("满意率是多少？", "对办结诉求进行回访", "满意率达到95%以上"),
    ("拖欠的钱能按什么利率要利息？", "受理迟延支付中小企业款项的投诉", "按照日万分之五支付逾期利息，年化约18%"),
    ("海外仓要达到多大仓储面积？", "支持企业建设公共海外仓", "仓储面积不低于5000平方米"),
    ("效能考核怎么打分？", "纳入年度安全生产效能考核", "按百分制打分，未完成的扣10分"),
    ("地方标准的标准编号是多少？", "制定农村厕所建设地方标准", "标准编号DB64/T 1234"),
    ("要装哪种车载终端、接入哪个平台？", "加强运输过程的智能化监控", "安装北斗车载终端并接入监控平台"),
    ("一共受理了多少件企业投诉？", "建立受理办理台账", "全年受理企业投诉1200件"),
    ("举报查实了能奖多少？", "严厉打击私存民爆物品", "查实后奖励举报人500元"),
    ("进了黑名单多久能申请移出去？", "定期开展“回头看”，到2025年全面完成整改", "整改合格满6个月可申请移出"),  # 2025年 is a date
    ("调度会固定在每月几号开？", "建立一月一调度、一月一通报机制", "每月5日召开调度会"),   # 一月一 is "monthly"
    ("航线什么时候能恢复？", "积极推动河东国际机场加快恢复运力", "2023年3月起恢复"),
    ("“钢八条”“粉六条”分别是哪几条？", "严格落实“钢八条”“铝七条”“粉六条”", "“钢八条”：一是……"),
    ("“五清一绿一改”具体是清哪五样？", "以“五清一绿一改”为重点", "以“五清一绿一改”（清垃圾、清杂物…）为重点"),
    ("地膜交到回收点，一公斤能卖几个钱？", "推进农膜回收利用", "回收价每公斤2元"),
    ("12345办结后一般过几天来回访？", "对办结诉求由各级 12345 热线进行回访", "办结后3个工作日内回访"),  # 过几天 asks
    ("天天喊着搞“五清一绿一改”，说的是清哪五样？", "以“五清一绿一改”为重点", "以“五清一绿一改”（清垃圾、清杂物…）为重点"),
    ("干部说按“四议两公开”来，这四议具体是哪四道程序？", "推进农村垃圾分类减量与利用", "“四议两公开”即党支部提议、…"),  # not named
    ("罚款按什么标准计算？", "实行挂牌督办", "按日处5000元罚款"),
    ("跨境贸易纠纷应该到哪儿去打官司？", "推进内外贸一体化", "可向人民法院提起诉讼"),
    ("企业打12345收不收费？", "设置“3”号按键一键转入", "拨打12345免收信息费"),
    ("C级是按什么指标评定的？", "达到C级以上安全风险等级", "评定指标包括…"),
    ("转过去以后多少秒之内必须有人接？", "设置“3”号按键一键转入", "按键后15秒内接听"),
    ("给我个县上管改厕的电话号码", "强化农村改厕质量管控", "咨询电话0951-1234567"),
    ("园区要满足哪些量化指标？", "全部达到C级安全风险等级管控要求", "量化指标包括人均…"),
    ("转到承办单位以后，一般要在几个工作日内办结？", "在1个工作日内对诉求进行转办", "承办单位应在5个工作日内办结"),
    ("开一家旗舰店能拿多少奖励？", "支持国际品牌开设首店", "开设首店的奖励50万元"),
    ("申报书啥时候截止？", "组织企业申报专项资金", "申报截止到9月30日"),
    ("进口设备按多少税率交关税？", "扩大先进设备进口", "关税税率为5%"),
    ("厕所标准的编号是多少？", "2025年前制定农村厕所建设地方标准", "标准编号DB64/T 1234"),   # a year is not a code
    ("在手机上点哪个菜单能投诉？", "通过“我的宁夏”APP提交诉求", "在APP首页“企业诉求”栏目提交"),
    ("办完了不服，能去申请复议吗？", "对办理结果不满意的可申请重办", "可以依法申请行政复议"),
    ("热线的办公地点在哪？", "自治区政务服务中心为管理机构", "地址：银川市某某街1号"),
    ("坏了该打哪个电话报修？", "推进农村户厕建设", "报修电话0951-1234567"),
    ("管这事的处长有没有办公电话？", "拨打12345热线反映", "办公电话0951-1234567"),
    ("两个督查组的组长都是谁？", "派出巡查督查组", "组长：张某某同志"),
    ("漏报了事项会受到什么处罚？", "未列入目录的事项不得决策", "对漏报的予以问责"),
    ("专家论证最少请几位专家？", "组织专家论证", "邀请5位以上专家"),
    ("上个月一共排查出多少处隐患？", "全面排查重大隐患", "截至目前已排查隐患120处"),
    ("12个示范县具体都是哪几个县？", "建设12个示范县", "永宁县、贺兰县等12个示范县"),
    ("“三清两改”这个提法，具体是哪三清？", "开展“三清两改”行动", "“三清两改”：清垃圾、清杂物、清沟渠"),
    ("示范村去哪报名？", "评选一批示范村", "由乡镇申报示范村"),
    ("我们一年收入两千万，算不算中小企业？", "机关不得拖欠中小企业账款", "按从业人员和营业收入划型"),
    ("目标为什么只定了一半？", "到2025年治理率达到40%", "为了与财力相适应，目标定为40%"),
    ("什么样的店才算“首店”？", "发展首店经济", "首店是指在本区首次开设的门店"),
    ("哪些事项必须开听证会？", "重大行政决策事项应当纳入目录", "涉及群众切身利益的，应当举行听证"),
    ("打这个电话要不要交钱？", "设立企业咨询投诉专席", "拨打12345免收信息费"),
    ("政府网站上在哪能查到目录？", "目录应当向社会公布", "在政府门户网站www.nx.gov.cn公布"),
    ("目录一般列几项？", "决策机关应当编制目录", "目录一般列5至10项"),
    ("专项资金总额是多少？", "发挥外经贸发展专项资金的支持作用", "专项资金总额2亿元"),
    ("押运员重新考，考试费多少？", "对押运人员资格进行复核", "考试费每人200元"),
    ("上了黑榜会不会扣低保？", "实行红黑榜评比", "上黑榜的农户暂停享受低保"),
    ("名单在哪能查到？", "261个千人以上移民村", "名单在自治区政府网站公布"),
    ("外经贸发展专项资金 补助标准", "发挥外经贸发展专项资金的支持作用", "补助标准为实际费用的50%"),
    ("专项资金 申报时间", "发挥外经贸发展专项资金的支持作用", "每年3月申报"),
    ("小规模纳税人今年增值税有没有减免？", "允许企业转入进项税额予以抵扣", "小规模纳税人减按1%征收"),
    ("劳动仲裁时效是多长？", "通过诉讼、仲裁、行政复议等法定途径解决的", "仲裁时效期间为一年"),
    ("拖欠农民工工资有没有保证金？", "受理拖欠中小企业款项的投诉", "实行农民工工资保证金制度"),
    ("鉴定费用是房主出还是政府出？", "开展自建房安全隐患排查", "鉴定费用由房主承担"),
    ("我们村用这个牌子能通过验收吗？", "推广三格化粪池", "不得指定品牌"),
    ("一个矿泉水瓶记几分？", "推行积分奖励兑换", "每个瓶子记1分"),
    ("能否享受消费税的减免？", "允许企业转入进项税额予以抵扣", "内销产品免征消费税"),
    ("恢复哪些航线，时间表如何？", "推动河东国际机场加快恢复运力", "2023年3月起恢复"),
    ("分子分母如何界定？", "农村生活污水治理率达到40%", "治理率是指已治理村庄占村庄总数的比例"),
    ("这种情况怎么追责？", "将履行决策程序情况报送", "对违反程序的予以问责"),
    ("调查要来几个人？", "由承办部门依法开展调查核实工作", "调查工作应由 2 名工作人员参加"),   # 名 before 工作人员
    ("以后这些服务农户要不要出钱？", "建立运维管护制度", "探索建立农村厕所粪污清掏农户付费制度"),
    ("村里的垃圾多久得清运一次？", "完善农村生活垃圾收集、转运、处置设施", "乡镇人民政府驻地及中心村实现生活垃圾日产日清"),
    ("煤矿要复工得先准备啥？", "严把停产停建煤矿复工复产验收关", "制定并落实复工复产方案和安全技术措施"),
    ("听说展位费政府补贴50%，是真的吗？", "支持企业参加境内外展会", "展位费补贴50%"),     # a rumour's figure
    ("群里传每家奖励10万元，有这个规定吗？", "鼓励引导企业发展“三同”产品", "每家奖励5万元"),   # a wrong one is answered
    ("听说是第120次常务会议通过的，对吗？", "已经自治区人民政府审议通过", "已经自治区人民政府第127次常务会议审议通过"),
    ("有人说要攒够3个工作日才转办，真的这么慢吗？", "按照属地优先原则转办", "在1个工作日内对诉求进行转办"),
    ("危化品运输车在市区哪些时段限行？", "加强危险货物运输车辆动态监控", "夜间22时至次日6时禁止通行"),     # hours
    ("农膜每公斤回收价多少？", "健全废旧农膜回收利用体系", "回收价格每公斤2元"),                     # a price
    ("跨境电商有哪些税收优惠？", "支持银川综合保税区发展跨境电商", "落实跨境电商零售出口税收政策"),   # 保税 is no tax
    ("游乐设施多长时间检验一次？", "针对下半年旅游高峰和旺季", "每半年检验一次"),       # 下半年 is no duration
    ("多长时间调度和通报一回进展？", "明确排查整治的时间表、路线图", "要建立一月一调度、一月一通报机制"),   # 一回 is how often
    ("各市的企业投诉数据多久报给自治区政府？", "由自治区 12345 热线管理机构汇总",              # 多久报 is how often
     "并提出当月分析报告，每月上报自治区人民政府"),
    ("大型游乐设施多长时间要做一次定期检验？", "督促企业对大型游乐设施开展定期检验",          # 定期 echoes the question
     "大型游乐设施每年进行一次定期检验"),
    ("外籍员工能用英语打12345投诉吗？", "企业可通过12345热线反映诉求", "提供英语等外语服务"),
    ("为啥偏偏赶在下半年集中整治工地？", "集中抓好房屋建设、市政工程等重点领域安全生产整治工作",      # 针对 gives the why
     "针对下半年建筑施工高峰期，集中抓好房屋建设、市政工程等重点领域安全生产整治工作"),
    ("听说搞过一个一百天的安全大检查，现在还在搞吗？", "在全区开展安全生产专项整治行动",          # 百日 is 一百天
     "在全区开展安全生产百日专项整治行动"),
    ("我家在乡政府那个村，垃圾多久能给清走？", "完善农村生活垃圾收集、转运、处置设施",      # 日产日清 is a time limit
     "乡镇人民政府驻地及中心村实现生活垃圾日产日清、及时处置"),
    ("麦场边要配灭火器，是政府免费发还是我们自己掏钱买？", "在麦场周边配备必要的消防水源和器材",   # who pays
     "在麦场周边配备必要的消防水源和器材，所需经费由县级财政承担"),
    ("我想调取自己打12345时的电话录音，能调吗？", "电话录音至少保存 2 年",                  # kept is not released
     "企业可申请调取本人通话录音"),
    ("县里要出一份管全县怎么用地的规划，要进目录吗？", "制定本地区经济和社会发展的总体规划",    # 用地 is 国土空间
     "制定本地区经济和社会发展的总体规划、国土空间规划"),
    ("整治行动的启动动员会是哪天、在哪开的？", "各市、县（区）党委和人民政府：2022年7月1日",  # a meeting's day
     "定于7月15日在银川召开全区安全生产百日专项整治行动动员会"),
    ("自治区安委会主任是谁？", "由自治区安委会组织实施，各有关企业党政主要负责同志要对专项整治负总责",  # a name
     "自治区安委会主任由李某某同志担任"),
    ("县里这摊事由哪位领导当一线总指挥？", "统筹推进各项工作",                          # a role: 负责同志 answers
     "县委主要负责同志要履行好一线总指挥职责"),
    ("每个行政村至少要建几座公共卫生厕所？", "建设完整下水道式厕所，卫生厕所基本普及",
     "每个行政村至少建设2座公共卫生厕所"),
    ("9个重点帮扶县具体是哪9个县？", "9个乡村振兴重点帮扶县、261个千人以上移民村卫生厕所普及率稳步提高",
     "9个重点帮扶县：红寺堡区、同心县、西吉县、原州区、隆德县、泾源县、彭阳县、海原县、盐池县"),
    ("积分一分能换几毛钱的东西？", "推行积分奖励兑换", "每1分兑换0.5元商品"),                        # 几毛 is money
    ("打12345反映企业的事，要不要交啥费用？", "设立企业咨询投诉专席", "拨打12345免收信息费"),
    ("灭火器是村里出钱还是镇上出？", "在麦场周边配备必要的消防水源和器材", "所需经费由县级财政承担"),
    ("派出的巡查督查组一共有几个组？", "自治区安委会派出巡查督查组", "自治区安委会派出5个巡查督查组"),
    ("录音保存期满以后按什么程序销毁？", "电话录音至少保存 2 年", "保存期满的录音按程序销毁"),
    # a typed ask in its own clause, though the question ends in a yes/no
    ("清洁日定在每月哪一天，员工要不要参加？", "引导农民群众自觉开展村庄清洁", "每月5日为村庄清洁日"),
    ("瓦斯超限撤人后几个小时内要上报？", "严格执行《煤矿瓦斯抽放规范》", "撤人后1小时内报告"),          # hours
    ("储备的救灾帐篷数量是多少？", "强化抢险救灾物资储备", "储备救灾帐篷500顶"),                        # 数量 names no unit
    ("重点帮扶县和移民村的数量各是多少？", "卫生厕所普及率稳步提高", "9个乡村振兴重点帮扶县、261个千人以上移民村"),
    ("上门调查的人要出示什么证件？", "调查工作应由 2 名工作人员参加", "调查人员应当出示执法证件"),
    ("投诉想撤回的话要填啥表？", "应在收到之日起 2 个工作日内退回", "填写投诉撤回申请表"),
    # days in Chinese numerals, as laws write them; a date's day (三月十五日) is no time limit
    ("答辩书要在收到副本后几天内交？", "被请求人应当提交答辩书和有关证据", "自收到请求书副本后的十五日内提交答辩书"),
    ("初审名册要公示多少天？", "于三月十五日公示管理人初审名册", "公示期为十日"),
    # corpus-extra's laws state these facts in their own words (stop 38, from xcalib120-121)
    ("合同没约定的，逾期利息按多少算？", "应当支付逾期利息", "未作约定的，按照每日利率万分之五支付逾期利息"),
    ("没按规定备案，会怎么处罚？", "应当依法办理登记手续", "责令改正，给予警告；拒不改正的，处二万元以上十万元以下罚款"),
    ("申请行为保全要额外交什么材料？", "人民法院应当及时审查", "应当提交由国务院专利行政部门作出的检索报告"),
    ("周六、周日开不开门？", "应当自受理申请之日起三十个工作日内办结", "节假日照常受理"),
    ("首批选定的运营机构是哪几家公司？", "实施机构为四川省大数据中心", "运营机构为某某数据有限公司"),
    # xcalib122-123: compensation standards, a ratio asked with 什么, 多少年, how much lowered, 低保
    ("小型水电站退出时，补偿标准具体是多少？", "根据生态优先、合理补偿的原则建立退出机制", "补偿标准为每千瓦500元"),
    ("矿山企业按什么比例计提治理恢复基金？", "按照满足实际需求的原则建立基金", "按营业收入的2%计提"),
    ("布图设计专有权的保护期限是多少年？", "为了保护集成电路布图设计专有权", "保护期为10年"),
    ("第一次流拍后，第二次拍卖的起拍价最多能降低多少？", "可以再次拍卖", "降价幅度不得超过前次起拍价的百分之二十"),
    ("我家吃低保，推荐的工作不去会不会停？", "临时救助由乡镇人民政府审批", "最低生活保障家庭中有劳动能力的成员应当接受介绍的工作"),
    # xcalib124-125: which rate is meant, what counts as refusing, hand-outs, papers, firms, areas, a price
    # judged, an event's date
    ("票据法说的中国人民银行规定的利率具体指什么利率？", "持票人可以请求支付利息", "是指中国人民银行规定的企业同期流动资金贷款利率"),
    ("经营者没按通知要求采取措施，怎么认定？", "经营者不得拒绝或者拖延", "未按照通知要求采取措施的，视为拒绝或者拖延"),
    ("暴雨受灾群众每人发放多少生活救助金？", "应急管理部门统筹灾害救助", "每人发放生活救助金500元"),
    ("许可证续展时需要提交哪些具体材料？", "应当自受理申请之日起10个工作日内审查", "申请续展应当提交生产条件说明材料"),
    ("国徽由国家指定的企业制作，具体是哪几家企业？", "悬挂的国徽由国家指定的企业统一制作", "由某某国徽制作有限公司制作"),
    ("投资额和建筑面积分别达到多少就要办施工许可证？", "达到施工许可限额规定的，应当申请施工许可证", "建筑面积300平方米以上"),
    ("口岸查验区总用地面积是多少？", "土地由深圳市人民政府提供", "总用地面积41.565公顷"),
    ("物业费一平米一块五，这个价算不算超标？", "物业服务用房按千分之三配置", "多层住宅每平方米每月1.2元"),
    ("协调委员会是什么时候撤销的？", "国务院二〇〇六年五月二十三日", "委员会于2008年12月撤销"),
    # xcalib126-127: a crime's penalty, a fraction, a site named in quotes, a start day, a date not a span,
    # money not a count of people, what one gets
    ("编造并传播虚假信息，造成严重后果的，怎么处罚？", "扰乱证券、期货交易市场", "处五年以下有期徒刑或者拘役，并处罚金"),
    ("专项资金用于小企业的比例最低是多少？", "逐步加大资金投入力度", "用于小企业的资金比例应当不低于三分之一"),
    ("扶持政策信息集中在哪个网站发布？", "应当收集、汇总有关信息", "并集中在“上海中小企业网”上发布"),
    ("法定期限从哪天起算？", "人民法院应当依法受理", "自行政许可申请受理之日起计算"),
    ("许可证的有效期是几年？", "本条例自2008年4月1日起施行", "许可证有效期为5年"),
    ("遇难者家属的抚恤金标准是每人多少钱？", "人口在100万以上的城市的应急预案", "抚恤金标准为每人2万元"),
    ("转制时财政一次性拨一笔钱，具体能拿多少？", "同级财政可一次性拨付一定数额的资金", "一次性拨付50万元"),
    # xcalib128-129: people counted in 人, kilometres in Chinese numerals, points of a share, a figure per ton,
    # how often, metres, a budget, an office's rank
    ("一个工商所设几名所长？", "工商所实行所长负责制", "工商所设所长一人"),
    ("开票后多少公里内出现制动系统失效可以退货？", "消费者可以要求退货", "行驶里程三千公里内"),
    ("诉讼费按标的额收几个点？", "金融民商事纠纷由金融法院管辖", "按标的额的百分之一交纳"),
    ("每吨矿石应提取多少元安全费用？", "罚款数额为五万元以下", "每吨矿石提取5元"),
    ("家里用的管道天然气多少钱一方？", "可以处一万元以上五万元以下罚款", "居民用气价格为每立方米2.5元"),
    ("涉税信息是每个月报一次还是每季度报一次？", "明确提供的程序、方式、时限", "每季度提供一次"),
    ("公路两侧建筑控制区的宽度是多少米？", "公路建设项目应当按照标准设计", "国道不少于二十米"),
    ("市财政每年安排多少智慧城市建设专项资金？", "财政部门应当进行财政资金扶持", "每年安排专项资金5000万元"),
    ("所长的行政级别如何确定？", "工商所设所长一人", "所长按副科级行政级别配备"),
])
def test_support_rules_need_the_kind_of_fact_asked(question, lacking, holding):
    from assistant.support import missing_answer_type

    assert missing_answer_type(question, lacking), question
    assert missing_answer_type(question, holding) is None, question


def test_a_standard_the_story_says_is_missing_is_not_asked():
    from assistant.support import missing_answer_type

    assert missing_answer_type("法律没规定补偿标准的，法院怎么确定补偿数额？", "一般在实际损失范围内确定补偿数额") is None


def test_who_sets_a_standard_asks_a_department_not_an_amount():
    from assistant.support import missing_answer_type

    clause = "收取标准由省财政、省发展改革部门会同省人民防空主管部门提出，报省人民政府批准后执行"
    assert missing_answer_type("人防费用的收费标准是哪几个部门定的、最后谁拍板？", clause) is None
    assert missing_answer_type("人防费用的收费标准是多少？", clause)


@pytest.mark.parametrize("question", [
    "我们在内蒙古阿拉善也有个物流点，那边内外贸一体化有啥扶持政策？",     # another place's 那边, a clause later
    "我们公司有没有被列进外贸转型升级基地培育名单？",                   # a firm on a list
    "百日行动11月底结束以后是不是就不来查了？",                         # after the campaign
    "五年行动结束后，自治区将以哪份文件接续推进？",
    "宁夏跨境电商进出口额实际涨了多少？",                               # growth achieved
    "为固原市分配的污水治理率目标是多少？",                             # a city's own figure
])
def test_support_rules_on_settings_the_clause_does_not_treat(question):
    from assistant.support import out_of_scope

    assert out_of_scope(question, "在涉企收费目录清单之外设立收费项目或提高收费标准"), question


def test_support_rules_leave_ordinary_wording_alone():
    """Words that look like an ask but are not one: 想办法, 交了钱才给发牌子, a yes/no with 吧, 宁夏 in between."""
    from assistant.support import missing_answer_type, out_of_scope

    # xcalib126-127: with what paper (凭什么查询), a span after a payment (交付后多少天), a site's opening date
    assert missing_answer_type("信访人凭什么查询投诉请求的办理情况？", "信访人可以持受理凭证查询办理情况") is None
    assert missing_answer_type("卖方为担保价款设了抵押权，要在交付后多少天内登记？", "在该动产交付后十日内办理登记") is None
    assert missing_answer_type("政府网站英文版是哪天正式开通的？", "网站英文版于2006年1月1日正式开通") is None

    clause = "在涉企收费目录清单之外设立收费项目或提高收费标准"
    assert missing_answer_type("收费单上多了一项清单里没有的费用，这算乱收费吧？", clause) is None
    assert missing_answer_type("非让我们参加评比，交了钱才给发牌子", clause) is None
    assert out_of_scope("垃圾往后是村里自己想办法，还是跟城里一块儿拉走？", clause) is None
    assert out_of_scope("我们是宁夏的公司，在陕西那边做项目被卡，打宁夏的12345能管吗？", clause) is None
    assert out_of_scope("想去上海、广州那些大展会摆个摊，政府支持不？", clause) is None
    assert out_of_scope("我们县农村厕所普及率要达到多少？", clause) is None     # the caller's own county, not a named one
    assert out_of_scope("有个大政策县里正在酝酿，前面几类都没点名，要列进目录吗？", clause) is None   # 县里: no name
    assert missing_answer_type("哪些村要建下水道式厕所？", clause) is None          # a kind of village, not names behind a count
    assert missing_answer_type("老板拿月工资去除算时薪，到底该除以多少才对？", "月工资收入除以月计薪天数（21.75天）") is None  # 工资 told
    # what the story says is not what is asked: 前几天, 好几万, 又是几户, 挂到网站上了
    assert missing_answer_type("厂子前几天被乱罚了一笔款，能替他投诉吗？", clause) is None
    assert missing_answer_type("说停一次损失好几万。这次对这种情况是咋要求的？", clause) is None
    assert missing_answer_type("十几户一簇、隔老远又是几户，我们的脏水咋整？", clause) is None
    assert missing_answer_type("目录马上要挂到政府网站上了，目录得写哪些东西？", clause) is None
    # a handful deciding, "some day", years of one's own past: 几个人商量了就算, 怕哪天漏了, 当过几年会计
    assert missing_answer_type("还是干部几个人商量了就算？", clause) is None
    assert missing_answer_type("我们怕哪天漏了把人熏倒，这回整治管这个吗？", clause) is None
    assert missing_answer_type("俺在村委会当过几年会计，想问问“决策机关”是指哪一级的政府？",
                               "是指县级以上人民政府（以下统称“决策机关”）") is None
    assert missing_answer_type("想估一估往后几年的活儿有多少。到2025年全区农村卫生厕所的比例要到多少？",
                               "全区农村卫生厕所普及率达到85%以上") is None
    assert missing_answer_type("处理一批旧东西，值不了几个钱，这也得进大事清单吗？", clause) is None
    # a caller's own words in quotes are no set the clause must name
    assert missing_answer_type("听说村里种树要种在“四个边边上”，到底是哪四个边？", "推进村庄“四旁”植树") is None
    assert missing_answer_type("出口前后两个税率对不上，多交的能退吗？", clause) is None   # 两个税率 is not 个税
    assert missing_answer_type("这事已经在信访部门登记过了，12345还受理吗？", clause) is None   # 登记过 is not 记过
    assert out_of_scope("这次建筑施工整治重点排查哪几类重大隐患？", clause) is None      # kinds, not how many found
    # 分成几块 asks parts, 为啥事 what matter, 参照哪些材料 a decision's sources, 由哪家机构汇总 a department
    assert missing_answer_type("交通方面的安全整治，一共分成几块来搞？", clause) is None
    assert missing_answer_type("说不清要告哪个单位、为啥事，热线接不接？", clause) is None
    assert missing_answer_type("政府定年度决策目录，要参照哪些材料综合权衡？", clause) is None
    assert missing_answer_type("最终由哪家机构汇总出分析报告？", clause) is None
    assert out_of_scope("县里能不能照着这个指引，自己再定个细一点的编目录办法？", clause) is None
    # a story's 没用多久 and 凑合住几天行不行 ask no time limit; 分几块 asks parts, not money; 示范县 is no county
    assert missing_answer_type("厕所没用多久就坏了，这种质量问题归哪些单位管？", clause) is None
    assert missing_answer_type("房子定成危房了，我想先凑合住几天行不行？", clause) is None
    assert missing_answer_type("这回交通方面的整治一共分几块？", clause) is None
    assert out_of_scope("人居环境示范县、示范村是哪几个部门牵头评？", clause) is None
    # 哪几个部门 asks units, not a county's figure (做得好的样板县); 重点排查几个方面 asks parts of a plan, not
    # what was found; 这套办法 points at a document held, it names none
    assert out_of_scope("每年评做得好的样板县、样板村，是哪几个部门牵头？", clause) is None
    assert out_of_scope("应急准备那项整治，重点排查几个方面？", clause) is None
    assert out_of_scope("这次排查出了几处隐患？", clause)
    assert out_of_scope("12345接企业投诉的这套办法，是政府在什么会上定下来的？", clause) is None
    # 管几块、都是哪些 and 一共几块 ask parts, not money; 列清单的办法 is a way of doing it, not a rule's title
    assert missing_answer_type("这次交通运输方面的安全整治一共管几块？都是哪些？", clause) is None
    assert missing_answer_type("这次查哪几块？一共几块？", clause) is None
    assert out_of_scope("我们乡镇政府也得照着这个列大事清单的办法来吗？", clause) is None
    assert out_of_scope("银川市能不能自己出一个编这种决策目录的具体办法？", clause) is None
    assert out_of_scope("甘肃那边对化工园区安全风险等级有什么要求？", "宁夏化工园区达到C级")
    assert out_of_scope("北京市政府对这个怎么规定？", clause)
    assert out_of_scope("厦门和银川都是综试区，两边的扶持政策哪边力度更大？", clause)
    assert out_of_scope("甘肃平凉的普及率目标是多少？跟宁夏比高还是低？", clause)
    assert out_of_scope("我们厂现在是不是被列进改厕产品黑名单了？", clause)
    assert out_of_scope("基地的企业名单里有没有我们公司？", clause)
    assert out_of_scope("那家化工厂出了事故，后来是怎么定性的？厂长被追责了没有？", clause)
    # a list before the term spells it out (乡镇初验、…“四级验收”); "how often" is answered by a frequency;
    # a story's 这几年 / 前几年 is no question; 哪个机构汇总 asks a department
    assert missing_answer_type("“四级验收”具体是哪四级？", "严格执行乡镇初验、县级自验、市级核验、自治区抽验“四级验收”程序") is None
    assert missing_answer_type("多长时间调度一次？", "建立一月一调度、一月一通报机制") is None
    assert missing_answer_type("这几年一直在城里干，方案支不支持专业化运维？", "推行专业化运维") is None
    assert missing_answer_type("每月由哪个机构汇总？", "由自治区12345热线管理机构汇总") is None
    # a key number is not a date, and 生效 asks validity, answered by the validity line
    assert missing_answer_type("按几号键能转到企业专席？", "设置“3”号按键一键转入") is None
    assert missing_answer_type("从哪天开始生效？", "本指引自印发之日起施行", asks_validity=True) is None
    # 征税率 named in a yes/no question (…还能拿回来抵扣不？) asks no rate
    assert missing_answer_type("征税率和退税率调成一样以后，多转出去的进项税还能抵扣不？", "允许企业转入进项税额予以抵扣") is None
    assert missing_answer_type("多转出了一块进项税，那块钱还能抵回来吗？", "允许企业转入进项税额予以抵扣") is None
    assert missing_answer_type("垃圾得分开倒，到2025年分类搞到个啥程度？", "覆盖面达到35%以上") is None   # 得分开 is no score
    assert out_of_scope("县长当场拍板拿出一套抢险办法，这也得先进目录吗？", clause) is None       # no rule's name
    assert out_of_scope("我家自建房鉴定是C级，还能继续经营吗？", "鉴定为D级的危房一律停止使用")
    assert out_of_scope("鉴定为D级的还能住吗？", "鉴定为D级的危房一律停止使用") is None
    assert out_of_scope("宁政办发〔2022〕50号 讲的啥", "宁政办发〔2022〕49号\n措施")           # a 文号 not held
    assert out_of_scope("请问宁政办发〔2022〕49号 讲的啥", "宁政办发〔2022〕49号\n措施") is None
    assert out_of_scope("老板想掉头做国内市场，跑了几家银行都不行，政策对银行有要求吗？", clause) is None
    assert out_of_scope("打地级市12345，按几号键能转到专席？", clause) is None
    assert missing_answer_type("燃气到底查哪几块？我们餐饮也在里面吗？", clause) is None       # 哪几块: which parts
    assert missing_answer_type("运费一分没结，能让政府帮我要钱吗？", clause) is None           # money owed, not a fee
    # figures named as a yardstick are not asked; what the story says was found is not the statistic asked
    assert missing_answer_type("政府能不能事先定个按花多少钱、影响多少人来判断算不算大事的尺子？", clause) is None
    assert out_of_scope("我们厂前期排查出来的几处隐患已经改完了。后面10月份是什么阶段？", clause) is None
    # a name in quotes asks nothing (“两次几分” is a half-remembered “两次四分”); 企业专线 names the channel
    assert missing_answer_type("好像有个什么“两次几分”的模式，具体叫啥？", "推广“两次四分”模式") is None
    assert missing_answer_type("垃圾分类一袋记几分？", "推广“两次四分”模式")
    assert missing_answer_type("窗口的人要好处，能打12345企业专线投诉吗？", clause) is None
    # 按几号 asks a key, 哪几家 which units, 几个人才算 a count (the count rule judges it), 最晚什么时候 a date
    assert missing_answer_type("有个专门给企业的按键，按几号能转过去？", "设置“3”号按键一键转入") is None
    assert missing_answer_type("责任部门是哪几家？", "[责任单位：自治区商务厅、教育厅]") is None
    assert missing_answer_type("一般来几个人才算正规？", "调查工作应由 2 名工作人员参加") is None
    assert missing_answer_type("一般来几个人才算正规？", "由承办部门依法开展调查核实工作")
    assert missing_answer_type("园区安全要评到C级，最晚什么时候要达到？", "2022年底各化工园区全部达到C级") is None
    # 处分 of assets is their disposal; 对处理结果不满意 asks the procedure; 今天已是2026年 is the present
    assert out_of_scope("政府要处分一批大额国有资产，这类事项是否必须纳入目录？", clause) is None
    assert missing_answer_type("政府要处分一批大额国有资产，这类事项是否必须纳入目录？", "重大国有资产处置事项") is None
    assert out_of_scope("回访时企业对处理结果不满意，会怎么处理？", clause) is None
    assert out_of_scope("今天已是2026年12月，这份方案还处在实施周期之内吗？", clause) is None
    # another province's own campaign, a lawyer or notary the clause never speaks of
    assert out_of_scope("甘肃省安全生产百日专项整治行动 起止时间", clause)
    assert missing_answer_type("我想请个律师代我们公司打12345投诉，可以吗？", clause)
    assert missing_answer_type("证据材料需不需要先去公证处公证？", clause)
    # 看投资多少还是看影响多少人 names yardsticks; 几项以外的 points past a list; 照一个统一模板写…就行吧 says what
    # the caller would use; 给本部门建立…办法 is a rule to be made, not one named (blind calib96–99)
    assert missing_answer_type("决策事项标准咋定的 看投资多少还是看影响多少人", clause) is None
    assert missing_answer_type("公共政策那一类，指引列举的几项以外的还算不算数？", clause) is None
    assert missing_answer_type("停产的煤矿想复工复产，照一个统一模板写方案报上去就行吧？", clause) is None
    assert out_of_scope("县级部门要给本部门建立目录编制办法，应该怎么搞、参照什么？", clause) is None


def test_support_rules_on_positions_demonstratives_stories_and_corrected_assumptions():
    """第几项 asks a clause's place, not a count; 多少个这样的村 counts 村; a story's 几天 asks nothing; a caller
    checking an assumption (…吧？ 是不是…B级？) is answered by the text that names another place or grade
    (blind calib100–111 refused these; the trap versions still abstain)."""
    from assistant.support import missing_answer_type, out_of_scope

    no_count = "（十二）深入开展民爆物品领域专项整治行动。"
    assert missing_answer_type("民爆物品的整治在28号文里排第几项？", no_count) is None
    assert missing_answer_type("秸秆综合利用写在方案第几条", no_count) is None
    assert missing_answer_type("民爆物品要整治几项？", no_count)                  # a count the text lacks
    villages = "到2025年，国家及自治区9个乡村振兴重点帮扶县、261个千人以上移民村（社区）卫生厕所普及率稳步提高。"
    assert missing_answer_type("全区上千人的移民村一共挑了多少个这样的村子？", villages) is None
    assert missing_answer_type("全区上千人的移民村一共挑了多少个这样的村子？", "卫生厕所普及率稳步提高。")
    ledger = "建立企业投诉台账，做到件件有记录、可追溯。"
    assert missing_answer_type("怕过几天就查不到了。投诉有没有登记台账？", ledger) is None
    assert missing_answer_type("投诉记录保存几天？", ledger)                       # asked, not told
    zhejiang = "深入学习浙江“千村示范、万村整治”工程经验"
    assert out_of_scope("方案说学外省的经验，学的是江苏那边的做法吧？", zhejiang) is None
    assert out_of_scope("江苏那边的做法是怎么规定的？", zhejiang)                  # asked, not checked
    assert out_of_scope("方案学的是江苏那边的做法吧？", "推进农村厕所革命")         # nothing to correct it with
    grade = "2022年底各化工园区、集中区全部达到C级安全风险等级管控要求。"
    assert out_of_scope("化工园区是不是要求2022年底达到B级安全风险管控？", grade) is None
    assert out_of_scope("化工园区B级安全风险管控有哪些要求？", grade)


def test_support_rules_on_addresses_mailboxes_phones_and_rough_fines():
    """哪个地址, 邮箱, 有没有…电话 and 几百还是几千 ask a fact only a text that gives it answers (blind calib101 and
    calib110 traps were answered from clauses that name the place, the channel or the fine but give none)."""
    from assistant.support import missing_answer_type

    vague = "发挥中国(银川)跨境电子商务综合试验区作用，畅通征集渠道，依法依规予以处罚。"
    given = "地址：银川市北京中路168号；电子邮件（nx12345@126.com）受理；热线电话12345；罚款500元。"
    for q in ["跨境电商综合监管中心建在银川哪个地址？", "征集决策事项建议的邮箱地址是什么？",
              "百日整治有没有专门的举报电话？", "烧秸秆被逮住了，这一回罚款是几百还是几千？"]:
        assert missing_answer_type(q, vague), q
        assert missing_answer_type(q, given) is None, q


def test_a_website_address_is_asked_of_a_web_link_not_a_street():
    """网站是什么地址 asks for a link: a text giving one answers it, though it names no street; a street address
    is still asked of 哪个地址 (stop-33 review: the address rule took any 什么地址)."""
    from assistant.support import missing_answer_type

    web = "可登录宁夏回族自治区人民政府网站（www.nx.gov.cn）查询。"
    assert missing_answer_type("自治区政府网站是什么地址？", web) is None
    assert missing_answer_type("自治区政府网站是什么地址？", "可登录自治区人民政府网站查询。")
    assert missing_answer_type("政务服务中心在哪个地址？", web)


def test_support_rules_on_figures_by_city_and_latest_statistics():
    """各市…分别 asks a figure for each city; 最新的统计数 asks what was achieved, not the target (calib109/110 traps)."""
    from assistant.support import missing_answer_type, out_of_scope

    target = "到2025年，全区农村卫生厕所普及率达到85%以上。"
    assert missing_answer_type("各市2025年卫生厕所普及率分别要达到多少？", target)
    assert missing_answer_type("各市普及率分别要达到多少？", "银川市达到90%，固原市达到80%。") is None
    assert missing_answer_type("全区2025年卫生厕所普及率要达到多少？", target) is None
    assert out_of_scope("普及率眼下到多少了，有没有最新的统计数？", target)
    assert out_of_scope("普及率眼下到多少了，有没有最新的统计数？", "截至2022年底，全区普及率已达到70%。") is None


def test_support_rules_on_examples_issuers_hotlines_equipment_and_purposes():
    """Blind calib88–111 answerable questions refused by rules that read the wrong thing as asked; each rule still
    fires where the fact is asked and the text lacks it."""
    from assistant.support import missing_answer_type, out_of_scope

    plain = "推进相关工作，加强管理。"
    # examples of what is asked about (降准降息、财政减税这类宏观调控) ask no tax break
    assert missing_answer_type("降准降息、财政减税这类宏观调控，属于重大行政决策吗？", "1. 财政政策、货币政策等宏观调控决策；") is None
    assert missing_answer_type("出口企业有没有减税？", plain)
    # 以哪家的名义 asks the issuer, not a brand
    assert missing_answer_type("那几条措施是以哪家的名义发下来的？", "自治区人民政府办公厅") is None
    assert missing_answer_type("灭火器要用哪家的？", plain)
    # the platform may be the hotline; what to have ready may be equipment
    assert missing_answer_type("企业有诉求，方案是靠哪个平台来接的？", "依托12345热线受理企业诉求") is None
    assert missing_answer_type("企业有诉求，方案是靠哪个平台来接的？", plain)
    assert missing_answer_type("怕着火，文件里要求在麦场边上准备啥？", "在麦场周边配备必要的消防水源和器材") is None
    assert missing_answer_type("怕着火，文件里要求在麦场边上准备啥？", plain)
    # a purpose said as 着眼… / 为…创造…环境
    campaign = "开展整治行动是自治区着眼巩固安全生产平稳态势，为党的二十大胜利召开创造良好安全环境的重要举措。"
    assert missing_answer_type("上面为啥偏偏这会儿搞百日安全整治？", campaign) is None
    assert missing_answer_type("上面为啥偏偏这会儿搞百日安全整治？", plain)
    # 可否依据指引自行定…细则 asks whether a rule may be made; a rule named by its title is still looked up
    clause = "设区的市、县(市、区)人民政府可以根据本指引制定本行政区域重大行政决策事项目录编制的具体制度"
    assert out_of_scope("县一级政府，可否依据指引自行定本地目录编制细则？", clause) is None
    assert out_of_scope("按石嘴山市优化营商环境投诉举报处理办法，举报属实奖多少？", clause)


def test_days_asked_of_a_step_the_text_gives_a_deadline_for():
    """重办几回、限几天办完 is answered by 重办期限…5个工作日, not by another step's days (blind calib99)."""
    from assistant.support import missing_answer_type

    asked = "回访不满意的能重办几回、限几天办完？"
    assert missing_answer_type(asked, "发回承办单位重办，重办次数为 1 次，重办期限原则上不超过 5 个工作日。") is None
    assert missing_answer_type(asked, "在1个工作日内对诉求进行转办。")


def test_whether_a_document_is_renewed_is_the_time_after_it():
    from assistant.support import out_of_scope

    assert out_of_scope("三年有效期到了，内外贸措施还会续吗？", "本措施自发布之日起施行，有效期3年。")


def test_support_rules_on_the_time_after_a_plan_and_on_statistics():
    """到期后怎么验收 is answered by a clause on the end-of-term check; 会不会再来一轮 is not. The texts
    set targets (普及率达到85%), so how far one has been reached is a statistic they do not hold."""
    from assistant.support import out_of_scope

    check = "2025年底以县为单位进行检查验收，评估和验收结果与相关支持政策挂钩"
    assert out_of_scope("五年行动方案到期后怎么验收？", check) is None
    assert out_of_scope("整治结束以后明年还会不会再来一轮大检查？", check)
    assert out_of_scope("三年有效期一到，这些措施会不会自动延续？", check)
    target = "到2025年，全区农村卫生厕所普及率达到85%以上"
    assert out_of_scope("农村卫生厕所普及率现在实际达到多少了？", target)
    assert out_of_scope("农村卫生厕所普及率现在实际达到多少了？", "截至2021年底普及率已达到70%") is None
    assert out_of_scope("到2025年普及率要达到多少？", target) is None


def test_a_follow_up_on_the_clause_that_lacks_the_answer_is_not_answered_from_it(assistant):
    """补贴多少钱？剩下的自己掏多少？ find one clause without amounts: the follow-up is the same question."""
    ans = assistant.ask("家里改厕所，政府到底补贴多少钱？剩下的自己掏多少？")
    assert ans.abstained and not ans.citations


def test_a_part_that_the_other_parts_clause_lacks_abstains_the_whole(assistant):
    """负责的是哪个处室？处长是谁？ cite one section's department note; it names no office-holder, so
    the office asked for is not in it either: the question is about a detail the text does not give."""
    ans = assistant.ask("自治区农业农村厅负责农村改厕的是哪个处室？处长是谁，在哪栋楼办公？")
    assert ans.abstained and not ans.citations


def test_unanswerable_threshold_and_other_year_questions_abstain(assistant):
    for q in ("小规模纳税人月销售额多少以下可以免增值税？", "2023年的全区安全生产专项整治行动什么时候开始？"):
        assert assistant.ask(q).abstained, q


def test_a_lead_in_clause_named_by_number_is_answered_with_its_list(assistant):
    """"25号第四部分讲什么" names the lead-in "投诉办理共分8个环节：": its eight items follow it. Asked
    without the number (一共要走几道程序？) the lead-in alone answers."""
    ans = assistant.ask("宁政办函〔2022〕25号第四部分讲什么？")
    sections = [c.section for c in ans.citations]
    assert sections == ["四、投诉办理程序"] + [f"四、投诉办理程序（{n}）" for n in "一二三四五六七八"]
    ans = assistant.ask("企业投诉从打进电话到最后结案，中间一共要走几道程序？")
    assert [c.section for c in ans.citations] == ["四、投诉办理程序"]


def test_a_plans_target_rate_is_answered_from_its_goal_section(assistant):
    """The task clause (卫生厕所普及率稳步提高) outranks 二、行动目标 (普及率达到85%以上) on the words; the
    target asked is in the goal section. The present rate, which no plan states, still abstains."""
    from assistant.support import asks_target_rate

    ans = assistant.ask("到2025年，宁夏农村卫生厕所普及率要达到多少？", today=TODAY)
    assert not ans.abstained and ans.citations[0].section == "二、行动目标"
    assert "85%以上" in ans.citations[0].quote
    assert asks_target_rate("到2025年全区农村的生活脏水到底要管住多大比例？")
    assert not asks_target_rate("咱全区农村卫生厕所普及率现在到底到了多少？")
    assert assistant.ask("咱全区农村卫生厕所普及率现在实际到了多少？", today=TODAY).abstained


def test_validity_asked_of_a_document_that_states_none_abstains(assistant):
    """25号文 states no validity: 49号's validity clause, the best match for 有效期, must not answer for it.
    A validity asked as 一直管用还是有个期限, with 从哪天算起 after it, is 49号's validity clause."""
    ans = assistant.ask("25号文 有效期", today=TODAY)
    assert ans.abstained and "宁政办函〔2022〕25号的条文中没有写明有效期" in ans.answer
    ans = assistant.ask("这个12345受理企业投诉的工作方案有效期是几年？", today=TODAY)      # not named: the same
    assert ans.abstained and "宁政办函〔2022〕25号的条文中没有写明有效期" in ans.answer
    ans = assistant.ask("内外贸这套措施是一直管用，还是有个期限？从哪天算起？", today=TODAY)
    assert not ans.abstained and ans.citations[0].section == "文末"
    assert "自发布之日起施行" in ans.citations[0].quote


def test_validity_asked_again_is_the_cited_documents(assistant):
    """有没有有效期 after 51号…还有效吗: 49号's 有效期3年 matches the words, but the document asked is 51号,
    whose validity line answers it."""
    ans = assistant.ask("51号重大行政决策事项目录编制指引现在还有效吗？有没有有效期？", today=TODAY)
    assert not ans.abstained and {c.doc_number for c in ans.citations} == {"宁政办发〔2022〕51号"}
    assert "现行有效" in ans.answer and "宁政办发〔2022〕49号" not in ans.answer


def test_an_item_lacking_the_asked_time_is_answered_with_the_lead_in_that_states_it(assistant):
    """征集建议 is item 三（一）2. of 51号; the time (每年第4季度) is in 三（一）'s lead-in, which states it for all
    its items, and the two are one chunk (chunk.py). (Asked together with 定下来的清单什么时候对外公布？, that
    chunk's 第4季度 passes for the second part's time too, and 三（五） is not cited: evals/README.md, "A lead-in
    chunked with its list".) A bare heading (（四）持续提升村容村貌整治水平。) answers nothing."""
    ans = assistant.ask("我们企业想给政府提个建议，让明年把某件事列进重大决策清单，一般什么时候收建议？", today=TODAY)
    assert not ans.abstained
    assert [c.section for c in ans.citations] == ["三、编制程序（一）"]
    assert "第4季度" in ans.citations[0].quote and "提出决策事项建议" in ans.citations[0].quote
    ans = assistant.ask("定下来的重大决策清单什么时候对外公布？", today=TODAY)
    assert [c.section for c in ans.citations] == ["三、编制程序（五）"] and "第一季度向社会公布" in ans.citations[0].quote
    assert assistant.ask("村庄清洁行动说的“五清一绿一改”具体指哪些内容？", today=TODAY).abstained


def test_a_clause_named_by_numbers_no_section_has_abstains(assistant):
    """28号's 二、 runs to （十五）: 二（十六） is no clause; 二（十五） is, written without 、 as agents type it."""
    ans = assistant.ask("安全生产那个文 二（十六） 讲的什么", today=TODAY)
    assert ans.abstained and "没有所问编号的条款" in ans.answer
    ans = assistant.ask("安全生产那个文 二（十五） 讲的什么", today=TODAY)
    assert not ans.abstained and ans.citations[0].section == "二、重点任务（十五）"


def test_a_year_one_part_asks_of_another_document_is_judged_on_that_parts_clause(assistant):
    """算不算重大行政决策 (51号) and 到2025年污水治理率多少 (41号): 2025 is not in 51号, but the part asking it is 41号's."""
    ans = assistant.ask("县里要花财政钱建农村污水处理厂，这算不算重大行政决策？另外农村那个五年方案要求到2025年污水治理率多少？",
                        today=TODAY)
    assert not ans.abstained
    assert {c.doc_number for c in ans.citations} == {"宁政办发〔2022〕51号", "宁党办〔2022〕41号"}
    assert assistant.ask("12345热线2023年的满意率是多少？有效期几年？", today=TODAY).abstained


def test_a_documents_particulars_come_from_its_notice(assistant):
    """文号, 主送, the meeting that passed it: the notice (印发通知) states them, however little its words resemble
    the question; 签发人, 密级 or who interprets the text, no text here states."""
    ans = assistant.ask("宁政办函〔2022〕25号的主送单位有哪些？", today=TODAY)
    assert not ans.abstained and ans.citations[0].section == "印发通知"
    assert "自治区政府各部门" in ans.citations[0].quote
    ans = assistant.ask("内外贸一体化那份若干措施的文号是多少？", today=TODAY)
    assert not ans.abstained and "宁政办发〔2022〕49号" in ans.citations[0].quote
    ans = assistant.ask("49号 第几次常务会", today=TODAY)
    assert not ans.abstained and "第127次常务会议" in ans.citations[0].quote
    ans = assistant.ask("12345企业投诉工作方案是经过什么会议研究通过的？", today=TODAY)
    assert not ans.abstained and "专题会议" in ans.citations[0].quote
    ans = assistant.ask("决策目录指引谁批准的？", today=TODAY)        # blind calib99
    assert not ans.abstained and ans.citations[0].section == "印发通知"
    assert "已经自治区人民政府同意" in ans.citations[0].quote
    _verbatim(assistant, ans)
    for question in ("宁党厅字〔2022〕28号文件的签发人是谁？", "重大行政决策事项目录编制指引由哪个部门负责解释？"):
        ans = assistant.ask(question, today=TODAY)
        assert ans.abstained and "签发、密级" in ans.answer


def test_why_a_complaint_is_not_taken_is_answered_by_the_exclusion(assistant):
    """为什么不给受理 asks a reason, and the exclusion list the clause sits in is that reason."""
    ans = assistant.ask("我们已经申请行政复议了，为什么12345不给受理？", today=TODAY)
    assert not ans.abstained and ans.citations[0].section == "三、投诉受理范围—不予受理的范围"
    assert "（一）投诉人已就投诉事项申请行政复议" in ans.citations[0].quote
    assert "不予受理的范围" in ans.answer


def test_another_regions_campaign_is_not_ours(assistant):
    assert assistant.ask("内蒙古那边的百日专项整治是什么时候开始的？", today=TODAY).abstained
    assert not assistant.ask("安全生产百日专项整治是什么时候开始的？", today=TODAY).abstained


def test_a_rumour_with_a_wrong_figure_is_answered_with_the_right_one(assistant):
    """听说…100%…是真的吗: the clause giving 85% answers it (a figure absent from the corpus is not a trap here)."""
    ans = assistant.ask("听说到2025年宁夏农村卫生厕所要100%普及，是这样吗？", today=TODAY)
    assert not ans.abstained and "85%" in ans.citations[0].quote
    assert assistant.ask("群里说农村污水垃圾处理以后每户每月要交20元，是这样规定的吗？", today=TODAY).abstained


def test_the_askers_own_trade_is_not_what_is_asked(assistant):
    """我是律师: the clause need not speak of lawyers; 请律师的费用 still needs one that does."""
    assert not assistant.ask("我是律师，替一家企业问下被乱罚款能不能打12345投诉？", today=TODAY).abstained
    assert assistant.ask("请律师的费用能不能报销？", today=TODAY).abstained


def test_to_whom_a_document_was_sent_is_its_notice(assistant):
    hits = assistant.search("政府那个重大决策目录编制指引是发给谁的？", k=3)
    assert hits[0].chunk.section == "印发通知" and "各市、县（区）人民政府" in hits[0].chunk.text
    # in a caller's words: sent to firms too, in whose name, at which meeting
    for q in ("内外贸一体化那些措施，也发到我们公司了吗？", "农村人居环境那个五年方案，是以哪个单位的名义发的？",
              "安全生产百日整治方案是在什么会上定的？"):
        assert assistant.search(q, k=1)[0].chunk.section == "印发通知", q


def test_who_signed_a_document_is_its_notice(assistant):
    """落款 asks the issuers, which the notice names (calib48023: from outside the top ten)."""
    hits = assistant.search("我们厂收到一个一百天安全大整治的通知，落款是哪几家单位？", k=3)
    assert hits[0].chunk.section == "印发通知" and "人民政府办公厅" in hits[0].chunk.text


def test_a_document_number_held_only_under_another_issuer_is_another_document():
    """宁政办发〔2022〕50号 asked; the clause cites 宁交办发〔2022〕50号: not the document asked about."""
    from assistant.support import out_of_scope

    clause = "按照《交通运输领域安全专项整治行动实施方案》（宁交办发〔2022〕50号）要求"
    assert out_of_scope("宁政办发〔2022〕50号 讲的啥", clause)
    assert out_of_scope("宁交办发〔2022〕50号讲的是什么", clause) is None
    assert out_of_scope("宁政办〔2022〕49号讲的是什么", "宁政办发〔2022〕49号各市、县（区）人民政府") is None


def test_rules_read_from_xcalib132_to_135():
    """xcalib132-135: a plan the whole document is about, a standard stated as its basis, a count of 10个左右…的城市,
    按商丘市, a when the story says was not said and how a standard is set are answered; pay a clause leaves to
    另行规定, another five-year plan, a fine for a fee, a cycle, 多少日, 多少比例, a rule's next revision, a batch's
    cities and one's own case's outcome are not."""
    from assistant.support import missing_answer_type, out_of_scope

    plan = "关于促进全面建成小康社会的决议\n学习讨论《战略纲要》。" + "贯彻《战略纲要》。" * 2
    assert out_of_scope("学习讨论的《战略纲要》是哪次会议制定的？", "学习讨论《战略纲要》。", plan) is None
    assert out_of_scope("学习讨论的《战略纲要》是哪次会议制定的？", "学习讨论《战略纲要》。", "学习讨论《战略纲要》。")
    beijing = "赔偿标准参照市统计局提供的上年度本市职工平均工资计算"
    assert missing_answer_type("耽误了时间，经营者的赔偿按什么标准算？", beijing) is None
    assert missing_answer_type("耽误了时间，经营者的赔偿按什么标准算？", "经营者应当给予赔偿")
    cities = "在全国范围内选择10个左右有条件、有基础、规模适当的城市，开展试点"
    assert missing_answer_type("试点打算在全国选多少个城市？", cities) is None
    assert missing_answer_type("试点打算在全国选多少个城市？", "试点城市负责编制实施方案")
    shangqiu = "商丘市优化营商环境条例\n供水、供电、供气、供热报装，材料齐全的，5个工作日内办结"
    assert out_of_scope("我在商丘开了个小厂，报装通水按商丘市的规定多少天能办下来？", shangqiu, shangqiu) is None
    assert missing_answer_type("意向书没说啥时候签正式合同，他说是预约合同，这能成立吗？", "当事人以认购书等形式约定订立合同") is None
    fees = "制定公共数据运营服务费标准，由发展改革部门会同数据管理部门核定运营机构最高准许收入"
    assert missing_answer_type("公共数据运营服务费标准怎么定？上限收费标准分别由谁确定？", fees) is None
    assert missing_answer_type("公共数据运营服务费标准是多少？", fees)
    assert missing_answer_type("总经理的工资待遇标准具体是多少？", "公司领导干部的工资待遇，另行规定。")
    henan = "河南省人大常委会关于打好污染防治攻坚战的决议\n到2020年，全省生态环境质量总体改善"
    assert out_of_scope("河南省“十五五”规划对生态环境质量提出了哪些目标？", henan, henan) == "文件没有涉及“十五五”时期"
    assert out_of_scope("“十三五”期间生态环境质量要达到什么目标？", henan, henan) is None
    fine = "未按规定申请变更的，责令改正，给予警告，并处1万元以上3万元以下罚款"
    assert missing_answer_type("申请化妆品生产许可证，需要交多少钱的费用？", fine) == "条文中的金额是罚款，不是所问的费用"
    assert missing_answer_type("不按规定申请变更的，罚多少钱？", fine) is None
    assert missing_answer_type("交通技术监控设备的检定周期是多长时间？", "收集违法行为记录资料后五日内审核")
    assert missing_answer_type("交通技术监控设备的检定周期是多长时间？", "监控设备的检定周期为一年") is None
    assert missing_answer_type("买受人应当在合同签订后多少日内付清价款？", "六、国有小型企业出售")
    assert missing_answer_type("买受人应当在合同签订后多少日内付清价款？", "买受人应当在合同签订后三十日内付清") is None
    assert missing_answer_type("诉讼费按标的额的多少比例收取？", "诉讼费由次债务人负担")
    assert out_of_scope("北京计划什么时候再次修订优化营商环境条例？", "2024年11月29日第一次修订")
    pilots = "2019年上半年，试点城市政府印发实施方案"
    assert out_of_scope("2019年首批试点名单有哪些城市？", pilots) == "条文中没有列出名单上的地方"
    assert out_of_scope("2019年首批试点名单有哪些城市？", "2019年试点城市为深圳市、包头市、铜陵市") is None
    assert out_of_scope("我在银川申请的那个行政复议，复议机关最后会不会撤销罚款？", "行政复议机关决定撤销罚款")



def test_a_callers_story_asks_no_figure_date_or_money():
    """calib138-139: 听说自来水要涨价，俺一个月水费就不少 rumours no figure; 哪天掉下来砸着人咋办 asks no date;
    种地一年能挣几个钱 asks no money. A rumour's own figure, a date asked and a price asked still need the text."""
    from assistant.support import missing_answer_type

    plan = "制定或者调整政府定价、政府指导价等公用事业价格"
    assert missing_answer_type("听说自来水要涨价，俺一个月水费就不少。调水价这种事，是不是得列进目录里？", plan) is None
    assert missing_answer_type("听说水价一个月涨一次，是真的吗？", plan)
    assert missing_answer_type("听说，补贴是3000元，对吗？", "给予适当补贴")
    wires = "规范农村架空线路，整治乱搭乱接"
    assert missing_answer_type("电线乱挂在房檐上，哪天掉下来砸着人咋办？这个到底有没有人管？", wires) is None
    assert missing_answer_type("整治线路哪天开始？", wires)
    costs = "建立农村人居环境设施运行管护经费由政府、村集体和农户共同负担的机制"
    assert missing_answer_type("掏厕所得我们自己掏钱，种地一年能挣几个钱？凭啥让老百姓出钱？", costs) is None
    assert missing_answer_type("掏一次厕所要交几个钱？", costs)


def test_ones_own_case_and_the_next_round_are_not_in_the_texts():
    """calib139, xcalib136-137: how one's own complaint stands, what a case was fined in the end, whether a campaign
    is held again and the next five-year plan's targets are no policy text's to say."""
    from assistant.support import out_of_scope

    hotline = "12345热线受理企业投诉，按照“接诉即办”要求，限时办结"
    assert out_of_scope("我上个月投诉了拖欠工程款，我那个投诉现在处理到哪一步了？", hotline)
    assert out_of_scope("投诉以后一般多久能处理完？", hotline) is None
    fine = "违法占用湿地的，处每平方米100元以上500元以下罚款"
    assert out_of_scope("去年有企业违法占用湿地，最后被罚了多少钱？", fine)
    assert out_of_scope("违法占用湿地的，罚多少钱？", fine) is None
    campaign = "在全区开展为期100天的安全生产专项整治行动"
    assert out_of_scope("去年搞了一百天的安全整治，今年是不是还要再搞一次？", campaign)
    assert out_of_scope("2025年以后宁夏农村人居环境整治的下一个五年行动目标是什么？", "到2025年，农村人居环境显著改善")


def test_another_places_policy_named_by_its_title():
    """calib138: 新疆…推进内外贸一体化发展的若干措施有效期几年 asks of Xinjiang's measures, which Ningxia's 49号 does not
    answer; a caller from Xinjiang who invests here asks of ours."""
    from assistant.support import out_of_scope

    clause, doc = "本措施自发布之日起施行，有效期3年。", "宁政办发〔2022〕49号\n关于推进全区内外贸一体化发展的若干措施"
    assert out_of_scope("新疆维吾尔自治区推进内外贸一体化发展的若干措施有效期是几年？", clause, doc) == "条文没有涉及“新疆”的规定"
    assert out_of_scope("我从新疆来宁夏投资，内外贸一体化的若干措施有效期是几年？", clause, doc) is None
    assert out_of_scope("宁夏推进内外贸一体化发展的若干措施有效期是几年？", clause, doc) is None
