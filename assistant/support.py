"""Does the cited text hold the kind of answer the question asks for? (question, text) → reason or None.

Retrieval always finds *something* close; a hotline must not read it out as an
answer when the text cannot contain one. The checks are on the answer's type:

    "展位费政府能补贴多少？"        asks an amount    → the text must state one (元, 万元, %)
    "最晚多少天能拿到答复？"        asks a duration   → the text must state one (5个工作日, 3年)
    "北京12345要多长时间响应？"     names a place the text never mentions
    "2023年的整治什么时候开始？"    names a year the document never mentions
    "《石嘴山市…办法》怎么规定？"   names a document the knowledge base does not hold
    "石嘴山那个…处理办法里…"        the same without 《》
    "那个工作人员会受到什么处分？"  asks a sanction, a contact person, a web address or a form
                                    the text does not give
    "补贴多少钱？" "鉴定费谁出？"   asks money (元, not a %), who pays, a brand, the papers to hand
    "要交哪些材料？" "会替我保密吗？" in, secrecy, an extension line: the text must speak of it
    "几个工作日内办结？" "哪天恢复？"  days, a date, a time, a rate, a size, a score, a code, a named
    "“钢八条”分别是哪几条？"          system or office, a quoted set's items, a court, a fee
    "黑名单里有没有我们厂？"          a firm on a list, a case's outcome, another place compared
    "为什么只定了40%？" "什么样的店才算首店？" "哪些决策必须开听证会？"
                                    a reason, a definition, a term (听证, 复议…) the clause must name
    "宁政办发〔2022〕50号讲的啥" "C级的还能经营吗" "结束以后是不是就不来查了"
                                    a 文号 or a grade the corpus does not hold, what follows a plan,
                                    growth achieved, a timetable, points per item, who pays between two
    "江苏省人大常委会的决定从哪天起施行？" "我家在广州，停不停课？" "国家知识产权局令第18号…"
                                    a rule another place made, a place the caller lives in, an order
                                    number no text carries
    "每个月能领多少失业保险金？" "许可证有效期是几年？" "会前几天送达？" "审批时限"
                                    money (a 50% refund pays none), years (20日内 is none), days (a
                                    date's 16日 is none), a period for a step or a certificate
    "2019年修正之后有没有再修改？" "我这个工单处理到哪一步了？" "北京金融法院管辖哪些案件？"
                                    another version of the text, a caller's own case, a body the text
                                    has for another place only (上海金融法院)

`out_of_scope` checks the whole question's setting, `missing_answer_type` one
question part. Each returns a short Chinese reason, shown to the caller with the
nearest sections; None means the text may answer the question.
"""
from __future__ import annotations

import re

from .parse.numbering import heading_rest
from .place import HOME, PROVINCE_OF, PROVINCES, local_place, names_home
from .text import norm_compare
from .titles import abridges, title_key

# 几块 is money (每斤几块), but not parts (分几块, 分成几块, 管几块、都是哪些, 查哪几块, 一共几块)
_FEW_PIECES = r"(?<![哪这那好分管查抓共成])几块(?!\S{0,4}(哪些|内容|方面|领域))"
# a share (多大比例, 百分之几, 几成): an amount's kind, and the target rate a plan sets (asks_target_rate)
_ASKS_SHARE = r"百分之多少|百分之几|[千万]分之几|百分比|(多大|多少|什么|啥)\S?比例|比例\S{0,6}多少|几成|(几|多少)个(百分)?点"
_ASKS_AMOUNT = re.compile(r"几百还是几千|几千还是几万|(?<![好十])几[百千]块|多少钱|多少元|多少万|(?<![好十])几万|费\S{0,2}(是多少|多少)|(补贴|补助|奖励|奖|补|赔偿|赔|罚款|罚|交|收|付|给|发|拿|花|减|降|免|返|退|扣|掏|贷|借|安排|拨付|拨|投入)\S{0,3}多少(?!\S?(天|日|年|个?月|个?小时|分钟|周|次|个?工作日))|"
                          r"多少\S{0,2}(奖金|奖励|补贴|补助|补偿|利息|费|资金|经费|罚款|赔偿|钱|绩效|救助)|" + _FEW_PIECES + r"|(?<![那这一二三四五六七八九十百千两\d])块钱|"
                          + _ASKS_SHARE + r"|(能|可以|可|月)领(取)?多少|各(出|承担|负担|分摊)多少|(税率|征收率|税额)\S{0,4}(是多少|多少|多高|几)|(?<!收)费\S{0,4}(怎么|如何|咋)收(?!取|缴)|(工资|薪酬)[^，,。？?！!；;]{0,8}(多少|几)|待遇\S{0,6}(是多少|多少)|收费标准|费用\S{0,4}(多少|标准)|罚款标准|(补助|补贴|奖励|资助|扶持|奖补)标准|(补偿|赔偿)标准\S{0,4}(多少|几)|金额|"
                          r"费\S{0,4}标准|(罚款|罚金|收费|费用|补贴|补助)\S{0,6}(怎么|如何)(计算|算)|(按|以)(什么|啥)\S{0,2}标准\S{0,2}(计算|算|罚|收|补)|(销售额|营业额|收入|利润|产值|注册资本|投资额|额度|限额|总额|总金额)\S{0,4}多少|多少(以下|以上)")
_AMOUNT = re.compile(r"\d+(\.\d+)?\s*(元|万元|亿元|万|亿|%|％|倍)|[一二三四五六七八九十百千万\d]分之|[一二三四五六七八九十百千万]+元")
# the basis of a standard (赔偿按什么标准算) is answered by a clause that names it (赔偿标准参照…平均工资计算)
_ASKS_BASIS = re.compile(r"(按|以|用)(什么|啥|哪个)\S{0,2}标准|标准\S{0,2}(怎么|如何)(算|计算)")
_BASIS = re.compile(r"标准\S{0,4}(参照|按照|依照|依据)[^。；;]{2,40}(计算|确定|核定)")
_FINE = re.compile(r"处[^。；;，,]{0,30}(罚款|罚金)|罚款[^。；;，,]{0,20}元|"
                   r"[^。；;，,]{0,30}元[^。；;，,]{0,30}处以?(罚款|罚金)([，,]但?最高不(得)?超过[^。；;，,]{0,12}元)?")
# who sets a standard (收费标准是哪几个部门定的) asks a department, not the amount
_WHO_SETS_STANDARD = re.compile(r"标准\S{0,2}(怎么|如何)(定|制定|确定|核定)|标准\S{0,4}(谁|哪个部门|哪些部门|哪几个部门|哪个单位|哪家)\S{0,3}(定|制定|确定|核定|审定|批准|拍板)")
# "多少钱" asks for money: a percentage or a multiple does not answer it (能卖几个钱 too; 值不了几个钱, 一年能挣几个钱
# ask nothing)
_ASKS_MONEY = re.compile(r"多少钱|几毛钱?|多少毛|(?<!不了)(?<!不值)(?<!挣)几个钱|" + _FEW_PIECES + r"|(?<![那这一二三四五六七八九十百千两\d])块钱|多少元|多少万|(?<![好十])几万|多少亿|几亿|几千万|花\S{0,3}多少|多少[\u4e00-\u9fff]{0,4}金(?![额融])|税额\S{0,4}(是多少|多少)|金额\S{0,4}(是多少|多少)|最低金额|注册资本\S{0,6}(多少|最低|门槛|下限)")
_PER_UNIT = re.compile(r"每(吨|公斤|千克|斤|平方米|平米|亩|户|人|台|辆|件)\S{0,8}(多少|几|(?:怎么|如何|咋)(?:收|算|计))|(?:多少|几)(?:钱|元|块)一(方|度|吨|斤|公斤)")
_UNIT_WORDS = {"方": "立方米|方", "度": "千瓦时|度"}     # how a text writes the unit a caller names
_MONEY = re.compile(r"\d+(\.\d+)?\s*(元|万元|亿元|(万|亿)(?![人户名个口亩吨]|以上的|以下的))|[一二三四五六七八九十百千万]+元")
# 几天 asked, not a story's 这几天 / 前几天 / 拖了几天, nor a yes/no about a few days (凑合住几天行不行); 过几天
# is both (过几天来回访？ asks, 过几天就找不着了 tells)
_FEW_DAYS = r"(?<![这那好十哪了])(?<!^前)(?<![^会节庭满]前)几天(?!\S{0,2}(行不行|行吗|可以吗|成不成))"
# 这几年 / 前几年 / 当过几年 / 往后几年 / 未来几年 / 十几条 are "a few", not a question; a year (2025年) is a date, not a duration
_A_SPAN = r"(?<![这那前好十哪过了后来])"     # before 几年 / 几个月: a span told, not asked
# days in Chinese numerals as the laws write them (十五日内, 公示期为十日), not a date's day (三月十五日)
_CN_DAYS = r"(?<![月上下一二三四五六七八九十两半〇零])[一二三四五六七八九十两半]+日"
# a certificate's, licence's or warranty's own term (资格证有效期是几年, 三包有效期多长): a period asked, not the
# document's validity (retrieve.asks_validity drops it)
CERT_TERM = re.compile(r"(证|证书|执照|许可|资格|三包|保修|质保)\S{0,3}有效期")
_ASKS_DURATION = re.compile(r"(时效|期限)\S{0,3}(多长|多久|几|多少)|几年内|几日内|(审批|审核|审查|办理|办结|答复|回复|处理|受理|转办|核查|核准)时限|" + CERT_TERM.pattern + r"|(?<![这那好])多少年(?![来前])|多少秒|(?<![这那前好十哪])几秒|多少分钟|几分钟|多少天|" + _FEW_DAYS + r"|多长时间|(?<!没)(?<!没用)(?<!没过)多久|几个工作日|最晚(?!\S{0,2}(什么时候|啥时候|何时|哪天|哪一天|几月|哪年|几号))|最长|"
                            r"多少个工作日|" + _A_SPAN + r"几个月|" + _A_SPAN + r"几年|(?<![这那前好十哪])几个?小时|多少个?小时")
_DURATION = re.compile(r"(?<!\d)(?<!月)(?<!\d年)\d{1,3}\s*个?\s*(工作日|日|天|小时|个月|月|年|周|秒|分钟)|(?<![上下])[一二三四五六七八九十两半]+\s*个?\s*(工作日|天|小时|个月|年|秒|分钟)|"
                       + _CN_DAYS + r"|"
                       r"即时|当场|当日|当天|日产日清|日清|\d+\s*月(初|底|中旬|上旬|下旬)")
# how often (多久一次, 多长时间调度一次, 多久报给自治区政府) is also answered by a frequency
_ASKS_FREQUENCY = re.compile(r"一次|一回|一趟|每次|频次|多久\S{0,4}一|(多久|多长时间)\S{0,2}(上?报|汇总|通报|统计|调度)")
_FREQUENCY = re.compile(r"季度|每年|每月|每周|每天|每日|月度|年度|定期|一月一|一季一|一年一|日清|日产日清")
_ASKS_NUMBER = re.compile(r"(电话|号码|座机|手机号|热线号)\S{0,4}(是多少|多少|是什么|有没有|有吗)|联系电话|联系方式|(给|告诉|发|留)\S{0,3}(我|个)\S{0,14}(电话|号码)|(什么|哪个)\S{0,2}(电话|号码)|多少(?!个)\S?(电话|号码)")
# a direct line or extension (分机, 专线座机) is more than the 12345 short number
_ASKS_LINE = re.compile(r"分机|直拨|(?<!企业)专线|座机|手机号|办公电话|个人电话")   # 企业专线 names the channel
_LINE = re.compile(r"\d{7,}|\d{3,4}-\d{7,8}")
# 多少天 / 几个工作日 asks days: "10月初至10月底" or "每年" does not answer it
_ASKS_DAYS = re.compile(r"多少天|多少个?日(?!子)|(?<![这那前近好十哪了])几日|" + _FEW_DAYS + r"|几个工作日|多少个工作日|多少工作日")
_DAYS = re.compile(r"(?<![\d月])\d+\s*个?\s*(工作日|日|天|小时)|[一二三四五六七八九十两半]+\s*个?\s*(工作日|天|小时)|" + _CN_DAYS
                   + r"|即时|当场|当日|当天")
# 几年 asks years: a clause with 20日内 answers no 许可证有效期是几年 (a calendar year, 2025年, is no span)
_ASKS_YEARS = re.compile(_A_SPAN + r"几年(?!级)|(?<![这那好])多少年(?![来前])")
_YEARS = re.compile(r"(?<![\d〇零])\d{1,2}\s*个?\s*周?年(?![\d月度])|(?<![〇零一二三四五六七八九十两])[一二三四五六七八九十两半]+\s*个?\s*周?年(?![级度])|"
                    r"终身|长期|永久|年限")
# a date (哪天, 几月份, 截止到哪天) needs a month, a day or a quarter in the text; 怕哪天 / 万一哪天 / 哪天…咋办 is "some day"
_ASKS_DATE = re.compile(r"(什么时候|啥时候|几号|哪天)截止|(?<!怕)(?<!万一)(?<!要是)(?<!不定)(?<!不齐)哪天(?![^，,。？?！!]{0,10}(咋办|怎么办))|哪一天|(?<![按拨])几号(?![键线楼门窗])|几月份|(?<!个)几月|哪个月|具体日期|截止日期|截止到哪|什么日子")
# 从哪天起算: the day a period starts, which a text gives as the day of an event (自…之日起计算)
_ASKS_START = re.compile(r"起算|起计算|(从|自)(哪天|哪一天)\S{0,3}(开始|算|起)")
_START = re.compile(r"之日起|次日起|起算|起计算")
_DATE = re.compile(r"\d+\s*月|(?<!\d)\d{1,2}\s*[日号](?!内|以内)|[一二三四五六七八九十]+月(?![一每])|季度|月底|年底|月初|年初|中旬|上旬|下旬")
# what a catalogue, list or standard holds (大件商品目录到底包括哪些商品, 不予处罚清单具体包括哪些事项) is not given
# by a clause that leaves it to be made (…的标准和目录由市工商行政管理局会同市技术监督局制定发布), unless items follow
_ASKS_CONTENTS = re.compile(r"(目录|清单|名录|细则|具体办法)\S{0,6}(具体|到底|都|究竟)?(包括|包含|有|是|列了|列有|规定了)\S{0,3}(哪些|什么|哪几)")
_DELEGATED = re.compile(r"(目录|清单|名录|细则|具体办法)\S{0,6}由[^。；;]{2,40}(制定|规定|确定|发布|公布)|(目录|清单|名录|细则|办法)\S{0,4}另行(制定|规定)")
_ENUMERATED = re.compile(r"[：:][^。]{0,80}[；;、]")
# a rate (满意率是多少, 利率) needs a percentage
_ASKS_RATE = re.compile(r"(多少|什么|啥)\S?[\u4e00-\u9fff]率|[\u4e00-\u9fff]率\S{0,4}(是多少|多少|多高|几成)|利率|费率|利息\S{0,6}(多少|几|怎么算|如何计算|怎么计算)")
_RATE = re.compile(r"\d+(\.\d+)?\s*(%|％)|[一二三四五六七八九十百千万\d]分之|\d+\s*成|倍|是指[^。；]{0,30}率|"
                   r"(按|按照|参照|依照)[^。；，]{0,20}利率(计算|计付|支付|确定)")    # (利息怎么算: a rate named, 按银行同期…利率计算)
# a size (多大面积, 多少平方米) needs a measured quantity
_ASKS_SIZE = re.compile(r"多大\S{0,2}(面积|规模|容积|排量|功率)|(面积|宽度|长度|高度|深度|半径)\S{0,6}多少|多少(平方|平米|亩|吨|立方|公里|千瓦|米|厘米|毫米)|(?<![十好])几(米|厘米|公里)|多高|多宽|多深|容积")
_SIZE = re.compile(r"(\d+|[一二三四五六七八九十百千万两]+)\s*(平方米|平米|㎡|亩|公顷|吨|立方|米|公里|千米|千瓦|万千瓦)")
# a score (怎么打分, 扣几分) needs a scoring rule
_ASKS_SCORE = re.compile(r"(?<![这那好十])几分(?![钟之])|多少分(?![钟之])|打分|扣分|评分|算分|得分(?!开)|分值|加分")
_SCORE = re.compile(r"\d+\s*分|分值|扣分|评分|得分|加分")
# a code (标准编号, 备案号) needs one
_ASKS_CODE = re.compile(r"编号|标准号|备案号|代码|代号")
_CODE = re.compile(r"编号|[A-Z]{2,}\s*/?\s*T?\s*\d|\d{4,}(?!\d|\s*年)")     # 2025年 is a year, not a code
# a named system, device, office or bank (哪个平台, 哪种车载终端, 哪个处室) needs the text to name one
_ASKS_THING = re.compile(r"(哪种|哪个|哪款|哪家|哪些|什么|啥)\S{0,4}?(平台|系统|软件|APP|app|客户端|终端|设备|处室|科室|银行|保险公司|指标|菜单|栏目|入口|按钮)")
_THINGS = {"平台": "平台|系统|APP|客户端|热线", "系统": "平台|系统|APP|客户端", "软件": "APP|客户端|软件|小程序|平台",
           "APP": "APP|客户端|软件|小程序", "app": "APP|客户端|软件|小程序", "客户端": "APP|客户端|软件",
           "终端": "终端|设备|装置", "设备": "终端|设备|装置", "处室": "处|科室", "科室": "处|科室",
           "银行": "银行", "保险公司": "保险", "指标": "指标",
           "菜单": "菜单|栏目|入口|专区", "栏目": "栏目|专区|菜单", "入口": "入口|专区|菜单|栏目", "按钮": "按钮|入口|菜单"}
# when (什么时候能恢复, 听证会啥时候开) needs a date, a month or a year in the text
_ASKS_WHEN = re.compile(r"时间表|(?<!没说)(?<!没写)(?<!没讲)(?<!没定)(?<!没约定)(?<!不知道)(什么时候|啥时候|何时)|哪年|(申报|报名|申请|截止)时间")
# 什么时候才能动用 is answered by the condition (…支付完毕后才能动用)
_ASKS_CONDITION = re.compile(r"(什么时候|啥时候|何时)才")
_CONDITION = re.compile(r"(后|以后|之后|完毕)(才|方)(能|可)")
# 具体是哪6项 needs the items listed (军民深度融合方面6项。 lists none)
_ASKS_ITEMS = re.compile(r"(具体|分别)是?哪(几|[一二三四五六七八九十\d]+)(项|条|个|类|种|方面)|是哪(几|[一二三四五六七八九十\d]+)项")
_LISTS = re.compile(r"[:：]|一是|其一|第一|([、；;][^、；;]+){2}")    # (a lead-in's colon: its items follow it)
_WHEN = re.compile(r"\d{4}\s*年|\d+\s*月|[一二三四五六七八九十]+月(?![一每])|季度|月底|年底|月初|年初|中旬|上旬|下旬|"
                   r"\d+\s*(个工作日|日|天|小时|个月)|[一二三四五六七八九十两]+\s*个?(工作日|日|天|小时|个月)|即时|当日|当天|之日起|之前|以前|"
                   r"前完成|期间|阶段|[期届]满后|在[^。；;，,]{2,30}前")
# what a named set holds (“五清一绿一改”具体是哪五样, 说的是清哪五样, “钢八条”分别是什么) needs the text to spell it
# out: its items after it (：, 即, 包括, a bracket), a list before it, or its definition — a mere mention does not,
# and a clause that does not name a numbered set (_SET_NAME: 四议两公开, 钢八条, 两次六分) spells out nothing
_SET_NAME = re.compile(r"(?<![统唯万第])[一二三四五六七八九十两百\d](?!个)[\u4e00-\u9fff]")    # not 统一, 第一
_ASKS_SPELLED = re.compile(r"“([^”]{2,12})”(?:\W{0,2}|[^，,？?]{0,6}[，,])(?:到底|究竟|都)?[^，,？?]{0,4}?(具体是\S{0,2}哪|分别是|是哪几|包括哪|具体指哪|指的是哪|是哪[一二三四五六七八九十\d]"
                           r"|哪[一二三四五六七八九十两\d](?:样|项|个|条|种|道|类|件))")
# the names behind a count (261个…移民村具体都是哪些村, 9个重点帮扶县是哪几个) need a list of names (…县、…县)
_ASKS_NAMES = re.compile(r"\d+个\S{0,14}?(村|县|区|乡|镇|市|园区)\S{0,8}?(哪些|哪几|是哪|里头|里面|之列|当中|之内)")
# a county's own figure (盐池县…要达到多少) needs the document to speak of that county
# (县里 / 市里 is "the county", no name: 大政策县里正在酝酿)
_COUNTY_FIGURE = re.compile(r"([\u4e00-\u9fff]{2,3}(?:(?<!示范|样板|重点|帮扶|试点|先进)县(?!里)|(?<!级)市(?!场|民|里)))\S{0,14}(多少|(?<!哪)几|比例|[\u4e00-\u9fff]率)")
# (nor words a verb runs into: 委员想对县政府…几个, 员想对县)
_NOT_A_NAME = re.compile(r"^(我|咱|俺|本|各|该|每|全|这|那|哪|市|县|乡|区|城|的|有的|所在|当地)|^.*[对想在到给向是跟让把被按]")
# why a rule is so (为什么只定了40%, 依据是什么) needs the text to give a reason; 为什么重大活动 is not "why"
# (凭什么不受理: the exclusion list cited is the answer; 为啥事 is "what matter", 说不清为啥事)
_ASKS_WHY = re.compile(r"(?!\S{0,7}(不受理|不予受理|不给受理|不接|拒收))(为什么(要|会|只|不|没|规定|这么|那么|非|必须|定|是|比)|为啥(?!事)|凭什么(?!查询|领取|办理|登记|申领|提取|进出|入场|做法|举措|措施|经验|成绩))|(依据|理由|原因)是什么|什么(依据|理由|原因)")
_WHY = re.compile(r"着眼|为\S{0,12}创造|为了|因为|由于|根据|依据|按照|旨在|目的|以便|针对|为(深入|进一步|全面|加快|贯彻|落实|推动|切实|有效|加强|促进|确保|保障)")
# what counts as (什么样的店才算“首店”, 判定标准是什么, 多少度算超了) needs a definition or a threshold
# (利息按多少算 asks a figure, not what counts as one: 按照每日利率万分之五)
_ASKS_DEFINITION = re.compile(r"(判定|认定|评定|划分|界定|鉴定)标准|什么样的\S{0,8}算|(怎么|如何)(认定|界定|判定)|(?<!按)(多少|几|多大)(?!个?人|名|位|家|户)\S{0,3}算")
_DEFINITION = re.compile(r"是指|指的是|视为|包括|下列|范围|特点|特征|具有|认定|判定|界定|标准为|标准是|条件|以上|以下|超过|不低于|不少于|不超过")
# terms a clause would name if it spoke of them (听证, 复议, 资质…): the asked term must be in it (not 贷款:
# the texts say 信贷 and 融资, and callers say 贷款 for them)
_TERMS = re.compile(r"听证|复议|录音|英语|外语|贴息|资质|学时|社保|公积金|所得税|押金|违约金|公示期|异议|查阅|豁免|暂缓|低保|纳税人|用地|农民工|保证金|消费税|律师|公证|委托书|销毁|行政级别|职级")
# a term the text says in other words: 怎么用地 is what a 国土空间规划 or 土地利用 plan settles
_TERM_ALSO = {"用地": re.compile(r"国土空间|土地利用"), "低保": re.compile(r"最低生活保障")}
# the asker's own trade is not asked about (我是律师，替企业问…; 律所的同事): _TERMS skips it
_SELF_ROLE = re.compile(r"(我|本人|我们)(是|作为)(一名|一个|个)?\S{0,6}?(律师|公证员)|作为\S{0,6}?(律师|公证员)|律师事务所|律所")
# a lawsuit or arbitration needs the text to speak of courts or arbitration
_ASKS_COURT = re.compile(r"(到哪|去哪|在哪|怎么|能不能|可以|该|申请)\S{0,4}(打官司|起诉|仲裁|诉讼|上诉|复议)")
_COURT = re.compile(r"诉讼|仲裁|法院|司法|复议")
# whether calling costs money (收不收费, 扣话费) needs the text to speak of fees
_ASKS_FEE = re.compile(r"(要不要|需不需要|用不用|得不得)(交|付|掏)\S{0,3}(钱|费)|收不收费|收费吗|(?<![帮讨追回去我])(?<!找\S)(?<!找\S\S)(?<!找\S\S\S)(?<!找\S\S\S\S)要钱吗|花钱吗|免费吗|话费|要不要\S?钱|收不收钱|交钱吗")
_FEE = re.compile(r"免费|免收|不收取|收费标准|资费|话费|付费|缴费")
# 什么地址 asks a street address, not a website's (网站是什么地址 is _ASKS_WEB's)
_ASKS_PLACE = re.compile(r"(?<!网站)(?<!网站是)(?<!网页)(?<!网页是)(哪个|什么|具体|详细)地址|办公地点|地点在哪|在哪办公|在哪儿办公|在哪里办公|办公地址|地址在哪|在哪儿|在什么地方|哪条街|哪条路|门牌|哪个窗口|几点上班|几点下班|办公时间|上班时间")
_PLACE_OR_HOURS = re.compile(r"路\d|街|号楼|\d+\s*[:：]\s*\d{2}|\d+\s*点|\d+时|24小时")
_PHONE = re.compile(r"\d{5,}")
# the places a question may name: the provinces and the cities place.py knows, but not cities whose names are
# also words or occur inside phrases (广东营商 holds 东营, 确保定期 保定, 新乡村 新乡, 日照时数 日照), and abroad
_WORDS_TOO = frozenset("东营 中山 云浮 保定 南通 承德 新乡 日照 江门 河源 衡水 铜川".split())
_ABROAD = ("迪拜", "美国", "日本", "欧洲", "德国", "韩国", "俄罗斯")
_PLACES = (*PROVINCES, *(city for city in PROVINCE_OF if city not in _WORDS_TOO), "阿拉善", *_ABROAD)
_REGIONS = ("香港", "澳门", "台湾")
# whether a place is on a list (银川是不是被划进了重点监视防御区)
_ASKS_LISTED_PLACE = re.compile(r"(是不是|是否|有没有|算不算|在不在)\S{0,4}(划进|划入|划为|列入|列为|纳入|确定为)")
# a place is a trap only when the question asks about its own rules, hotline or figures: 北京的12345 / 陕西省的标准 /
# 上海市个人所得税起征点是多少 / 甘肃省的…目录 / 甘肃省出台的…措施
# (甘肃那边对化工园区…有什么要求: a longer reach after 那边, never across 宁夏, the caller's own region)
_PLACE_ASKS = (r"(?:(?:(?:省|市)?的?\S{0,10}|(?:省|市)?(?:(?!宁夏)\S){0,12}?(?:那边|那里|那儿)(?:(?!宁夏)\S){0,20})"
               r"(12345|热线|规定|标准|政策|办法|条例|要求|做法|时限|奖励|补贴|补助)|"
               r"(?:省|市)?(?:(?!宁夏)\S){0,12}?(?:那边|那里|那儿)(?:(?!宁夏)\S){0,12}(整治|专项行动|百日)|(?:省|市)?(?:人民)?政府|(?:省|市)?(?:人大|人民代表大会)|(?:省|市)\S{0,10}是多少|"
               r"(?:省|市)(?:的|出台|制定|发布|印发)|(?:省|市)(?!场)\S{0,16}(行动|方案|措施|意见|目录))")
# a policy of another place named by its title (新疆…推进内外贸一体化发展的若干措施有效期几年): one of the home region's
# titles attributed to another place asks of that place's document; _PLACE_RULES is either
_PLACE_TITLE = (r"(?:维吾尔|回族|壮族)?(?:自治区|省|市)?(?:(?!宁夏|全区)[^，,。？?！!；;\s]){0,24}?"
                r"(?:若干措施|实施方案|行动方案|工作方案|实施意见|指导意见)")
_PLACE_RULES = f"(?:{_PLACE_ASKS}|{_PLACE_TITLE})"
# 宁政办发〔2022〕50号 (normalised: [2022]50号); its year and number are compared, as words before it vary
_FULL_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{2,8}(\[\d{4}\]\d{1,4}号)")
# an order's number (国家知识产权局令第18号, 国务院令第712号): held only where a text has that order
ORDER_NUMBER = re.compile(r"([\u4e00-\u9fff]{2,12}令)(第\d{1,4}号)")
# a round or a grade by number (第六次大督查, 二级公立医院): (the number, the words after it), and the pattern of
# any other number in its place
_ORDINAL = re.compile(r"第([一二三四五六七八九十百\d]+)(?:次|届|批|轮)([\u4e00-\u9fff]{2,4})")
_NUM_GRADE = re.compile(r"([一二三四五六七八九十])级([\u4e00-\u9fff]{2,4})")
_ANY_NUMBER = {_ORDINAL: "[一二三四五六七八九十百\\d]+", _NUM_GRADE: "[一二三四五六七八九十]"}
# a grade or class by letter (C级危房, A类企业): the document must name that one (it speaks of D级 only)
_GRADE = re.compile(r"(?<![A-Za-z])[A-Z](级|类)")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_RANGE = re.compile(r"(\d{4})年[^。；;，,]{0,10}至\s*(?:(\d{4})年|本\S{0,6}(?:生效|施行|实施)之日)")
_CUT_OFF = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日(之前|以前|之后|以后|前|后|起)\S{0,4}(作出|发生|签订|成立|设立|取得|登记|受理)")
# a year in a question about whether this document still holds ("到2026年还有效吗") is answered by its
# validity line; in any other question it names that year's events ("2023年的整治什么时候开始")
_STILL_HOLDS = re.compile(r"还有效|仍有效|有效吗|是否有效|还管用|还能\S{0,3}用|还算数|还作数|过期|失效|到期|有效期|"
                          r"还\S{0,2}(执行|适用|管)")
_AT_DATE = re.compile(r"\S{0,4}?(还|仍|是否|以后|之后|以前|之前|底|末)")     # 2026年还…, 2025年8月以后…
_NOW = re.compile(r"(今天|现在|目前|如今|眼下|今年)\S{0,3}$")
_YES_NO = re.compile(r"有没有|是否|能不能|行不行|可不可以|会不会|要不要|[吗吧不][？?]?$")
_QUOTED = re.compile(r"“[^”]{1,12}”|\"[^\"]{1,12}\"")
# figures named as the yardstick of a judgement (按花多少钱、影响多少人来判断算不算大事;
# 看投资多少还是看影响多少人) are not asked
_YARDSTICK = re.compile(r"按[^，,。？?！!；;]{0,16}?(来|去)?(判断|衡量|区分|认定|界定|划分)"
                        r"|[看按][^，,。？?！!；;]{0,8}?多少(还是|或者|或)[看按]?[^，,。？?！!；;]{0,8}?多少[人钱]?")
_CLAUSE_MARKS = "，,。！；？?"
_HOW_MANY = re.compile(r"多少|(?<![这那前好十哪第])几")
# 几 after 那/这/十/好 is "a few" (那几个人, 十几条任务), not a question; nor is 几个人商量了就算 (a handful deciding);
# 第几项 / 第几条 asks where a clause stands, which its section path answers, not a count
_ASKS_COUNT = re.compile(r"多少家|多少户|多少人|多少名|多少所|多少座|多少条|(?<![那这十好哪第])几(家|户|条|个人(?!\S{0,4}(商量|定了|拍板|说了算|关起门|拍脑袋))|件|次|起|位|名|处|项|座|所)(?!以外|之外|外的|\S{0,8}(能不能|可不可以|能否|行不行|可以吗))|多少位|多少处|多少项|"
                         r"多少件|多少次|多少起|多少间|(?<![那这十好哪第])几间|(?<![那这十好哪第])几个(?=\S{0,2}组)|"
                         r"多少个(?!工作日|月|小时|季度|环节|渠道|方面)|数量\S{0,2}多少")
# 有几位副主任？分别是谁？: the names the text lists answer the count too (副主任：陈宝生　　教育部部长…, a table
# whose columns only wide spaces part, or names parted by 、); answer.split_parts keeps ASKS_NAMES with its count
ASKS_NAMES = re.compile(r"(分别|都|各)是(谁|哪些|哪几)")
_ASKS_WHO_LISTED = re.compile(ASKS_NAMES.pattern + r"|都有谁|有哪些人|名单")
_LISTED = re.compile(r"\S[ \u3000]{2,}\S|[、；;]")
_DEMONSTRATIVE = re.compile(r"^(像)?(这样的|这种|这类|这些|那样的|那种|那些|类似的)")
_COUNT = re.compile(r"\d+\s*(家|户|人|名|位|处|项|所|座|条|台|辆|套|张|顶|支|间|个(?!工作日|月|小时))|[一二三四五六七八九十百千万两]+\s*(家|户|名|位|处|项|所|座)")
# (哪个机构汇总, 由哪家机构汇总 ask a department, which the annotations answer; 找哪家机构鉴定 asks a company)
_ASKS_COMPANY = re.compile(r"哪家\S{0,5}(公司|企业|机构)(?!\S{0,2}(汇总|负责|牵头|统计|受理|承办|督办|转办))|(哪个|什么)\S{0,3}公司|哪几家\S{0,3}(公司|企业)")
_ASKS_CASE = re.compile(r"(?<!同)一案|(最后|最终)\S{0,2}(被)?(罚|判|赔)了\S{0,6}(多少|几)|(我|俺)(们)?(那个|这个|的)(投诉|举报|申请|诉求|工单|件|事)\S{0,8}(处理到|办到|到了)?(哪一步|哪一环|什么程度|啥程度|进展)|(那个|这个)\S{0,16}(最后|最终)(会不会|能不能)(撤销|改判|胜诉|赢|批准|通过|退还|赔)|(哪个|哪家|哪些)\S{0,20}被(罚|处罚|查处)过|最后\S{0,8}了(吗|没有)|(这|那)(个|起)(案子|案件)|最后怎么处理|(?<!答复)(?<!告知)(?<!反馈)(?<!回复)(?<!通知)处理结果(?!\S{0,2}不满)|结果如何|(?<!的,)怎么判|判了(?!\S{0,2}不服)|怎么定性|定性的|"
                        r"(追责|处理|处罚|处分|查处|罚)了没有|有没有被(追责|处理|处罚|处分|查处)|"
                        r"(会不会|能不能)\S{0,4}(改过来|支持我|改判)|判谁|谁赢|谁胜诉|能(不能)?(打)?赢|赢(的)?(面|把握|可能|几率)|胜诉(率|的可能|的把握|吗)|能不能胜诉")
# whether one company is on a list (黑名单里有没有我们厂): the knowledge base holds policies, not lists of firms
_ASKS_LISTED = re.compile(r"(我们|我家|我们的|俺们|我)\S{0,24}(是不是|有没有|在不在|算不算)\S{0,16}(名单|名录|榜单|黑榜|红榜)|"
                          r"(名单|名录|榜单|黑榜|红榜)\S{0,3}(里|上|中)\S{0,4}(有没有|有无|包不包括)\S{0,3}(我|俺)")
# who is on a list (示范企业名单有哪些企业): the firms' names, which the clause must give
_ASKS_LIST_MEMBERS = re.compile(r"(名单|名录)\S{0,4}(里|上|中)?\S{0,3}(有|包括|都有|包含)\S{0,2}(哪些|哪几)\S{0,2}(企业|公司|单位|厂|家)")
_FIRM = re.compile(r"公司|集团|厂(?!房|区|矿)|有限|股份")
# a list of bodies by name (青岛仲裁委员会、济南仲裁委员会) answers which of them are on it
_NAMED_BODIES = re.compile(r"[\u4e00-\u9fff]{2,12}(委员会|协会|中心|学校|医院|银行)、")
# which places a list or first batch names (首批试点名单有哪些城市): the clause must name them (…市、…市)
_ASKS_LIST_PLACES = re.compile(r"(名单|首批|第一批)\S{0,6}(有|包括|是|都有)\S{0,2}(哪些|哪几个?)\S{0,2}(城市|地区|省份|省|县|市)|"
                               r"(入选|选定|评上|评为|获得)\S{0,16}(是|有|包括)\S{0,3}(哪些|哪几个?)\S{0,2}(城市|地区|省份|省|县|市)|"
                               r"(城市|地区|省份|市|县)\S{0,2}名单\S{0,3}(有|包括|是)?\S{0,2}(哪些|哪几)")
_PLACE_LIST = re.compile(r"[\u4e00-\u9fff]{2,4}(市|县|省|区|州)、")
# a five-year plan period (十五五规划的目标): the cited document must name it or a year of it
_PLAN_PERIOD = re.compile(r"(?<![一二三四五六七八九第])十([一二三四五])五")
_PLAN_START = {"一": 2006, "二": 2011, "三": 2016, "四": 2021, "五": 2026}
# another place compared with Ningxia (跟宁夏比, 哪边力度更大, 两边说法不一样听谁的; not 搬到安徽干同样的事, the caller's own work)
_COMPARE = re.compile(r"同样的(?!事|活|工作|业务|生意)|[跟和与同]\S{0,10}比|相比|对比|比\S{0,3}(高|低|多|少|快|慢|大|小|强|好|优惠)|一样吗|不一样|两边|哪边|听谁的|哪个地方更")
_ASKS_FUTURE = re.compile(r"到期后|(什么时候|何时|啥时候|哪年)\S{0,3}(再次|再|重新)(修订|修改|修正)|期满后|到期以后|(会不会|是否|能不能)\S{0,3}(延续|延长)|自动(延续|延长|续)|还会不会出台|下一步会|下一轮|"
                          r"明年\S{0,4}还|下一次|下一个?五年|下一期|还会接着|还(会|要)再搞|接续|结束了以后|结束以后还|(结束|到期|期满)(以后|之后|后)\S{0,4}(是不是|就不|会不会)|续不续|还续吗|还会续|还能续|还来不来|还搞不搞")
# another version than the one held: a revision after it (2019年修正之后有没有再修改, 后来修订后…改成了几天, 最新一次
# 修改) or the text before one (2013年最初通过的版本里, 修订前)
_ASKS_VERSION = re.compile(r"(后来|此后|之后|以后|到期)\S{0,3}(又|再)?(修订|修改|修正)(后|以后|之后)|\d{4}年\S{0,4}(修订|修改|修正)(之后|以后|后)\S{0,6}(有没有|是否|又|再)|"
                           r"最新一次\S{0,2}(修订|修改|修正)|有没有再(修订|修改|修正)|最初\S{0,6}(通过|发布|公布|施行|制定)的\S{0,2}版本?|"
                           r"(修订|修改|修正)(前|之前|以前)的\S{0,2}(版本|规定|条文|老)|旧版|老版本|原来的版本")
# whether it was revised later (后来修正过吗): the text's own history answers it when it records a revision
_ASKS_REVISED = re.compile(r"(后来|此后|之后|以后)\S{0,3}(修订|修改|修正)过|最近一次\S{0,2}(修订|修改|修正)")
_REVISION_NOTE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日[^。]{0,60}(修正|修订|修改)")
# the 文号 of a document issued later (后来正式印发的文号是什么)
_ASKS_LATER_NUMBER = re.compile(r"(后来|之后|最终|最后|以后)\S{0,12}(印发|出台|发布|下发|公布)\S{0,6}(文号|发文字号)|"
                                r"(印发|出台|发布|下发|制定)的\S{0,30}(文号|发文字号)|"
                                # 后来改成放4天了，调整的那个通知是哪个文号: the change's own document
                                r"(后来|之后|以后)\S{0,8}(改成|改为|调整|变成)\S{0,30}?(文号|发文字号)")
# the step whose days are asked (几个工作日内办结): the text's days must be that step's
_STEP = re.compile(r"办结|答复|反馈|转办|回复|回访|签收|办完|处理完")
# what is asked about the time after it (到期后怎么验收) may be in the text: 2025年底…检查验收
_ASK_WORDS = re.compile(r"怎么|如何|怎样|会不会|还会|是否|要不要|能不能|有没有|什么|啥|谁|吗|呢|还|再|要|会")
# how a matter the text leaves open turned out (石化项目后来核准了没有)
_ASKS_OUTCOME = re.compile(r"(后来|最后|最终|结果)\S{0,14}(核准|批准|批复|批|通过|建成|落地|开工|上马|办成|解决)了?(没有|没|吗|了吗)")
# how far a target has been reached (普及率现在实际达到多少了): the texts set targets, not statistics
_ASKS_ACTUAL = re.compile(r"最新\S{0,2}(统计|数据|数字)|(最终|最后)(到底)?(有没有|是否|是不是)(被|获得|得到|拿到|批)|(实际|已经)\S{0,4}(涨|增长|增加|提高|下降)了?\S{0,3}(多少|几)|(现在|目前|实际|眼下|如今)\S{0,8}(达到|完成|有|是|到)了?\S{0,3}(多少|几)(?![月号年点时])|"
                          r"(排查|查出|查处|摸排|发现|挂牌督办)出?了?\S{0,4}(多少|(?<!哪)几(?![类种项方]|个(方面|领域|环节|类|种|重点)))")
_ACTUAL = re.compile(r"截至|已达到|已经达到|现已|目前已|已完成|已(经)?(核准|批准|建成|开工)")
# a sanction on a person (处分, 开除) needs the text to speak of sanctions or accountability
_ASKS_SANCTION = re.compile(r"(怎么|如何)追责|追究谁|(受到|受|给予|有|会被|挨)什么\S{0,2}(处罚|惩罚|处理)|(怎么|如何)(处罚|惩罚)|处分(?![\u4e00-\u9fff]{0,6}(资产|财产|股权|土地))|开除|撤职|降级|(?<!登)记过|免职|判刑|坐牢|拘留|判几年")
_SANCTION = re.compile(r"处分|处罚|问责|追究\S{0,4}责任|纪律|开除|撤职|免职|罚款|警告|没收|吊销|有期徒刑|拘役|罚金|管制")
# a named person or contact (负责人是谁, 联系人) needs one in the text
_ASKS_PERSON = re.compile(r"(负责人|组长|局长|厅长|处长|主任|书记|领导)\S?是谁|负责人叫|联系人|叫什么名字|姓什么|姓名|哪位领导|领导是谁")
_PERSON = re.compile(r"联系人|同志|先生|女士|主任\S{0,2}[:：]|姓名")
# who holds an office (安委会主任是谁) needs a name: 主要负责同志 answers 哪位领导 (a role), not 主任是谁
_ASKS_OFFICE_HOLDER = re.compile(r"(组长|局长|厅长|处长|主任|书记|市长|县长|主席)\S?是谁")
_OFFICE_HOLDER = re.compile(_PERSON.pattern.replace("同志", "(?<!负责)同志"))
# a web address, official account or app (网址, 公众号) needs one in the text
_ASKS_WEB = re.compile(r"网址|官网|链接|(哪个|什么|啥|哪)\S{0,2}网站|网站\S{0,3}(是(?!\S{0,2}(哪天|哪一天|什么时候|何时|哪年|几月|几号|谁))|在哪|叫什么)|(?<!政府)(?<!门户)网站上\S{0,6}(查|看|找|下载)")
# "通过网站宣传" names no web site, and nx12345@126.com is an e-mail address
_WEB = re.compile(r"https?://|www\.|“[^”]{2,20}网站?”|(?<![@\w.-])[a-z0-9-]+(\.[a-z0-9-]+)*\.(cn|com|gov|org|net)\b", re.I)
_ACCOUNT = re.compile(r"公众号|小程序|二维码")     # asked for, it must be in the text
# (not a story's 刷到一个公众号, 冒充…的公众号)
_ASKS_ACCOUNT = re.compile(r"(哪个|什么|啥|有没有)\S{0,2}(公众号|小程序|二维码)|(公众号|小程序|二维码)[^,，。?？!！;；]{0,4}(是什么|叫什么|叫啥|名字|名称|在哪|怎么找|怎么搜|有没有|有吗|能不能|可以|能)|"
                           r"(关注|搜|扫|通过|用|在|上)[^,，。?？!！;；]{0,6}(公众号|小程序|二维码)")
# a form or template to fill in (申请表, 模板, 下载) needs one named in the text
_ASKS_FORM = re.compile(r"申请表|表格|模板|范本|下载|(填|交|写|报)\S{0,2}(啥|什么|哪个|哪种|哪些|哪张)\S{0,2}表(?!态|扬|彰|示|述|明)")
# a form the caller says they would use (照一个统一模板写…就行吧) is not asked for
_USES_FORM = re.compile(r"[照按套用]\S{0,5}(模板|范本|表格)")
_FORM = re.compile(r"(申请|登记|报名|统计|备案|信息|汇总)表|表格|模板|范本|示范文本|下载|格式")
# a list of papers to hand in (要交哪些材料) needs the text to name materials; 参照哪些材料 asks what a decision
# draws on (根据…规划、…报告), not papers handed in
_ASKS_PAPERS = re.compile(r"(?<!参照|依据|根据|参考|按照|结合)(哪些|什么|啥)(具体)?(材料|资料|证明|手续材料)|材料清单|带什么")
# (应当提交…检索报告、专利权评价报告: the papers a clause has one hand in, by name)
_PAPERS = re.compile(r"材料|资料|证明|证件|清单|复印件|(提交|提供|出具|附送?)\S{0,16}(报告|证书|文书|申请书|说明)")
# 复工前得先准备啥: papers, or the plan the clause has one draw up (制定并落实复工复产方案)
_ASKS_PREPARED = re.compile(r"准备(啥|什么|哪些)(?!材料|资料|证明)")
_PREPARED = re.compile(_PAPERS.pattern + r"|方案|措施|预案|器材|设施|设备|物资")
# who pays (谁出钱, 政府出还是我出) needs the text to speak of costs or who bears them
_ASKS_PAYER = re.compile(r"出钱还是|还是\S{1,4}出钱|(费|钱)\S{0,8}(\S{1,4}出还是\S{1,4}出|谁出|谁来出|谁承担|谁掏|谁付|谁买单|政府出还是|自己出)|谁(出|掏|付)\S{0,2}(钱|费)"
                         r"|免费\S{0,4}还是\S{0,6}(掏钱|出钱|花钱|自费)")
_PAYER = re.compile(r"费用|资金|承担|付费|出资|补助|补贴|经费|掏")
# getting one's own call recording or record (调取录音, 录音能调吗) needs the text to say how it is released;
# 电话录音至少保存2年 says only that it is kept
_ASKS_RECORDING = re.compile(r"(调取|调阅|调出|调听|复制|拷贝|要到|拿到)\S{0,4}(录音|通话记录|电话记录)"
                             r"|(录音|通话记录|电话记录)\S{0,6}(能|可以|可不可以|能不能)\S{0,2}(调|拿|要|复制|拷)")
_RECORDING = re.compile(r"调取|调阅|查阅|提供|复制|申请")
# when or where a meeting is held (动员会哪天开, 第127次常务会议是哪天召开的) needs a day or a place said of it
# (5日召开, 在银川召开): the texts name the meeting that passed them, never its day; a notice's signing date is
# no meeting's
_ASKS_MEETING = re.compile(r"(会议|大会|(动员|表彰|总结|启动|推进|部署|现场|观摩|听证|调度|座谈|发布|博览|常务)会)\S{0,6}?"
                           r"(哪天|哪一天|什么时候|啥时候|何时|几号|几月几[日号]|哪里|哪儿|在哪|什么地方)\S{0,3}(开|召开|举行|举办)")
_MEETING = re.compile(r"(\d{1,2}|[一二三四五六七八九十]{1,3})[日号]\S{0,12}(召开|举行|举办|开会)|在\S{2,12}(召开|举行|举办)|"
                      r"(期满|届满|之日起|内)\S{0,6}(召开|举行|举办)")     # 公告3个月期满后召开: when, after an event
# a brand or model (指定牌子) needs one in the text
_ASKS_BRAND = re.compile(r"(指定|什么|哪个|哪种|哪家|这个|这种)\S{0,2}(牌子|品牌|型号|厂家)|哪家的(?!名义)")
_BRAND = re.compile(r"品牌|型号|牌子|厂家")
# whether the caller's name is kept secret (保密, 穿小鞋) needs the text to speak of it
_ASKS_SECRECY = re.compile(r"保密|泄露|透露\S{0,4}(我|身份|信息)|(怕|担心|会不会)\S{0,12}(报复|穿小鞋)|打击报复")
_SECRECY = re.compile(r"保密|个人信息|隐私|报复|泄露")
# hours of the day (哪些时段限行, 几点到几点; not 哪个时间段 of a campaign, which dates answer) need hours or a part
# of the day in the text
_ASKS_HOURS = re.compile(r"(限行|禁行|通行|营业|施工|作业)\S{0,4}时段|时段\S{0,2}(限行|禁行|通行)|几点到几点|几点(以后|之后|以前|之前)")
_HOURS = re.compile(r"\d+\s*[:：]\s*\d{2}|\d+\s*(点|时)(?!间)|夜间|白天|凌晨|早晚高峰|24小时")
# a price (每公斤回收价, 单价多少) needs money in the text
# (价格低到多少算明显不合理: 市场交易价百分之七十, a price set as a share of another)
_PRICE = re.compile(_MONEY.pattern + r"|价\S{0,12}?(百分之[一二三四五六七八九十]+|\d+(\.\d+)?\s*[%％])")
_ASKS_PRICE = re.compile(r"单价|(回收|收购|销售|零售|出售|市场)价|价格\S{0,2}(是多少|多少|几)|每(公斤|斤|千克|吨)\S{0,4}(价|多少|几块)")
# a tax break (税收优惠, 免税) needs the text to speak of tax
_ASKS_TAX = re.compile(r"税收优惠|税收减免|税费减免|税费优惠|免税|减税|少交税|少缴税")
_TAX = re.compile(r"税收|税费|免税|减税|免征|减征|退税|税率|(所得|增值|消费|关)税")     # 保税区 is no tax
_DIGITS = re.compile(r"\d{3,}")
# a rumour checked (听说…是真的吗, 群里传…有这个规定吗): the figure it states is what it asks. The text
# answers it when it gives a figure in the same unit (第120次 → 第127次; 100% → 85%), right or wrong, and
# not when it gives none (展位费补贴50% against a clause with no percentage)
_RUMOUR = re.compile(r"听说|听人说|有人说|据说|传言|传闻|群里(说|传)|(报道|新闻|网上|朋友圈|标题)\S{0,6}说|是真的吗|对吗|对不对|是这样吗"
                     r"|有这(个|回|种)?(事|规定|说法)吗|真有这")
# 湖北是不是也要求…: whether another place does the same, which the text of one place cannot confirm
_ALSO = r"(?:省|市)?(?:这边|那边)?\S{0,3}也"
# a caller checking an assumption (…学的是江苏那边的做法吧？ 是不是要求达到B级？): the text that names another
# place or grade in its stead answers by correcting it
_CONFIRMS = re.compile(r"是不是|对吧|是吧|没错吧|吧[？?]?$")
_NUMERAL = r"(?:\d+(?:\.\d+)?|[一二三四五六七八九十百千两]+)"
# a 是不是 earlier in a figure's clause: the caller checks that figure (是不是一次罚五万元)
_CHECKS_FIGURE = re.compile(r"(是不是|是否)[^，,。？?！!；;]{0,10}$")
_FIGURE = re.compile(r"(第)?" + _NUMERAL + r"(?(1)(次)|(%|个?工作日|天|万元|亿元|元|折|倍|个月|小时))")


def _rumour_figures(q: str) -> list[re.Match]:
    """The figures a rumour states (听说展位费补贴50%，是真的吗 → 50%), or that a caller checks in the clause
    of a 是不是 (是不是一次罚五万元 → 五万元; not a story's 欠了20万元，是不是能投诉).

    A rumour's figures are those of its own clause, and of the clauses beside a bare 听说， or 是真的吗:
    听说自来水要涨价，俺一个月水费就不少 rumours no figure (一个月 is the caller's own story)."""
    if _RUMOUR.search(q):
        bounds = [0] + [m.end() for m in re.finditer(r"[，,。！!？?；;]", q)] + [len(q)]
        clauses = list(zip(bounds, bounds[1:]))
        kept = set()
        for i, (a, b) in enumerate(clauses):
            if _RUMOUR.search(q, a, b):
                kept.add(i)
                if len(_RUMOUR.sub("", q[a:b]).strip("，,。！!？?；; ")) < 2:     # 听说， / 是真的吗？ alone
                    kept |= {i - 1, i + 1}
        spans = [clauses[i] for i in kept if 0 <= i < len(clauses)]
        return [m for m in _FIGURE.finditer(q) if any(a <= m.start() < b for a, b in spans)]
    return [m for m in _FIGURE.finditer(q) if _CHECKS_FIGURE.search(q, 0, m.start())]


# 济宁市有没有自己的优化营商环境条例: the place's own rule is named (济宁市优化营商环境条例), and must be held
_OWN_RULE_ASKED = re.compile(r"(有没有|有无|是否有)(自己|本市|本地|专门)的(?=[\u4e00-\u9fff]{2,20}(条例|办法))")
_TITLE = re.compile(r"《([^《》]{4,40})》")
_RULE_KIND = re.compile(r"(法|条例|办法|规定|规则|细则|方案|意见|通知|决定|规划|计划|纲要|指引|措施|制度)$")
_REPEALS = re.compile(r"废止|失效")
_ASKS_MAKING = re.compile(r"(谁|哪个\S{0,4}(机关|部门|单位))\S{0,3}(制定|起草|出台|拟定)|制定(后|以后|之后)|(审议|施行|制定)\S{0,4}(程序|流程)|交(哪里|哪儿|谁)\S{0,2}审议")
# a rule named without 《》: "石嘴山那个营商环境投诉举报处理办法里…"
# not 想办法, nor a way of doing it (列清单的办法, 编目录的具体办法)
_NAMED_RULE = re.compile(r"([\u4e00-\u9fff0-9]{4,24}?)(?<![想没有个啥么好找的是])(?<!的具体)(办法|条例|细则)")
# a rule of a numbered series (刑法修正案（十一）, …婚姻家庭编的解释（二）), normalised: (十一)
_NUMBERED_RULE = re.compile(r"([\u4e00-\u9fff]{2,30}?(?:修正案|解释))(\([一二三四五六七八九十]{1,3}\))")
_FILLER = re.compile(r"^.*?(那个|这个|那份|这份|那套|这套|按照|根据|依照|按|令第\d+号|当地的|本地的|我们这的|这边的)|的$")
# examples of what is asked about (降准降息、财政减税这类宏观调控) ask nothing themselves
_EXAMPLES = re.compile(r"[\u4e00-\u9fff、]{2,10}(这类|这些|之类|这号|这一类)")
# 拿出一套抢险办法, 自己再定个细一点的…办法, 给本部门建立…办法: a rule to be made, not one named
_QUESTION_WORD = re.compile(r"哪|什么|啥|怎么|有没有|有无|可否|能否|是否|方便|协调|相关|这些|那些|一套|一种|拿出|想出|自己|一点|定个|订个|出个|弄个"
                            r"|建立|制定|出台|搞个|建个")


def _issuer_key(prefix: str) -> set[str]:
    return set(prefix[-4:]) - set("宁办发字函")


_ISSUES = re.compile(r"现(予|将)?印发|印发给你们")


def _issued_with(name: str, doc_text: str) -> bool:
    """Whether the document's notice issues the rule named (拟定的《A》和《B》…现印发给你们): a notice that
    carries two rules has only the first's title as its own."""
    return any(f"《{name}》" in s and _ISSUES.search(s) for s in re.split(r"[。；]", doc_text))


_PLACE_DE = re.compile(f"^({'|'.join(_PLACES)})(省|市)?的")     # 上海的城市道路条例: 上海城市道路条例


def _rule_held(core: str, word: str, known_titles: tuple[str, ...], doc_text: str) -> bool:
    """Whether a rule named without 《》 is held: the name, or the end of it after words that only lead up to
    it (适用山东省消费者权益保护条例, 2020年那版上海优化营商环境条例), is in a title held, or the end is named
    in the cited document's text (暂时调整的是药品管理法实施条例). The end must name the kind of rule too:
    宁夏回族自治区地质环境保护条例 is not 环境保护税法. A short name (广东消防办法) holds its title. An end
    that leaves out the place of the title it matches (房地产登记条例 of 深圳经济特区房地产登记条例, named in
    its text too) is not that rule: the words before it may name another place (惠阳房地产登记条例)."""
    core = _PLACE_DE.sub(r"\1", core)
    whole = title_key(core + word)
    if any(abridges(whole, title_key(k)) for k in known_titles):
        return True
    for i in range(len(core) - 3):
        tail = title_key(core[i:])
        for k in known_titles:
            named = tail if i == 0 else title_key(core[i:] + word)
            # (国家饲料管理条例: 饲料管理条例 abridges 饲料和饲料添加剂管理条例)
            if (named in title_key(k) or i and len(named) >= 6 and abridges(named, title_key(k))) \
                    and (i == 0 or (place := document_place(k, "")) is None or place in tail):
                return True
        name = norm_compare(core[i:] + word)
        if i and name in doc_text and not any(title_key(k).endswith(title_key(name)) for k in known_titles):
            return True
    return False


def _same_issuer(asked: str, number: str, text: str) -> bool:
    """宁政办发[2022]50号 asked, and the text holds [2022]50号 only as 宁交办发[2022]50号: another document.
    The issuer's telling characters (政, 交, 党厅) must meet; a caller's 宁政办 for 宁政办发 still does."""
    key = _issuer_key(asked[:-len(number)])
    held = [_issuer_key(text[max(0, i - 4):i]) for i in (m.start() for m in re.finditer(re.escape(number), text))]
    return not key or not held or any(key & h for h in held)


HOME_PLACE = HOME[0]     # 宁夏: what document_place gives the home region's texts


def document_place(title: str, doc_number: str) -> str | None:
    """The place whose own rule a document is: local_place's (济南市…条例 → 济南), a city its title starts with
    (深圳经济特区… → 深圳), 宁夏 for the home region's (宁政办发…, 全区…); None for a national text."""
    if place := local_place(title):
        return place
    if doc_number.startswith("宁") or title.startswith(HOME + ("全区",)):
        return HOME_PLACE
    return next((p for p in _PLACES if title.startswith(p) and p not in _ABROAD), None)


# a place named as the maker of a rule (江苏省人大常委会关于…的决定, 天津人大常委会的防控决定, 洛阳市政府的规定)
_OWNER = re.compile(r"(?:省|市)?(?:人大|人民代表大会|人民政府|政府)")


# where the caller lives or works (我家在广州, 我在滨州, 我们公司在天津), not where they came from (是上海来的)
_RESIDENT = re.compile(r"(?:我|我们|我家|俺|俺们|咱|咱们)(?:家|公司|厂|企业|单位)?(?:在|住在|是)("
                       + "|".join(_PLACES) + r")(?!来|过来|回来|人|读书|上学|出差|旅游|打工)")


def lives_elsewhere(question: str) -> str | None:
    """The place outside the home region where the caller says they live or work (我在浙江反映的一个事, 我们公司在
    天津), unless the question names the home region too."""
    q = norm_compare(question)
    if names_home(q):
        return None
    return next((m.group(1) for m in _RESIDENT.finditer(q) if m.group(1) not in _ABROAD), None)


def owner_places(question: str) -> list[str]:
    """The places in China the question names as the maker of a rule (its 人大 or 政府)."""
    return [p for p in _PLACES if p not in _ABROAD and any(_OWNER.match(question, m.end())
                                                          for m in re.finditer(p, question))]


def asked_places(question: str, text: str) -> list[str]:
    """The places in China (provinces, cities) the question names and `text` does not."""
    return [p for p in _PLACES if p in question and p not in _ABROAD and p not in text]


def _another_number(q: str, pattern: re.Pattern[str], held: str, doc_text: str) -> tuple[str, str] | None:
    """第六次大督查 asked, 第五次大督查 in `held` and the 第六次 nowhere in the document: (what is held, what is
    asked), each with the longest start of the words after the number that `held` has (大督查)."""
    for m in pattern.finditer(q):
        lead, noun = q[m.start():m.start(2)], m.group(2)
        other = re.search(lead.replace(m.group(1), _ANY_NUMBER[pattern], 1) + noun[:2], held)
        if other and lead + noun[:2] not in doc_text:
            held_lead = other.group(0)[:-2]
            what = next((noun[:n] for n in range(len(noun), 2, -1) if held_lead + noun[:n] in held), noun[:2])
            return held_lead + what, lead + what
    return None


def out_of_scope(question: str, text: str, doc_text: str = "", known_titles: tuple[str, ...] = (),
                 asks_validity: bool = False, years: tuple[int, int] | None = None,
                 corpus_has=lambda term: True, doc_place: str | None = None) -> str | None:
    """Rules about the whole question's setting: a case, the future, another place, year or document.

    `doc_text` is the whole cited document, `known_titles` the titles held,
    `years` the document's validity window, `corpus_has(term)` whether a term
    occurs anywhere in the indexed corpus, `doc_place` the place whose own rule the
    document is (document_place).
    """
    question = _OWN_RULE_ASKED.sub("", question)
    q = norm_compare(question)
    t = norm_compare(text)
    d = norm_compare(doc_text) if doc_text else t
    if _ASKS_CASE.search(q):
        return "知识库只收录政策文件，不含具体案件的办理结果"
    if _ASKS_LISTED.search(q) or _ASKS_LIST_MEMBERS.search(q) and not _FIRM.search(t) \
            and not _NAMED_BODIES.search(t):
        return "知识库只收录政策文件，不含具体企业名单"
    if _ASKS_LIST_PLACES.search(q) and not _PLACE_LIST.search(t):
        return "条文中没有列出名单上的地方"
    for m in _PLAN_PERIOD.finditer(q):
        first = _PLAN_START[m.group(1)]
        if m.group(0) not in d and not any(f"{y}年" in d or f"{y}—" in d for y in range(first, first + 5)):
            return f"文件没有涉及“{m.group(0)}”时期"
    if (m := _ASKS_FUTURE.search(q)) and not re.search(r"延续|延长|期满|届满", t) and not _named_after(q[m.end():], t):
        return "文件没有说明到期以后的安排"
    if _ASKS_VERSION.search(q) or _ASKS_REVISED.search(q) and not _REVISION_NOTE.search(d):
        return "知识库只收录文件的现行文本，没有其他版本的修订情况"
    if _ASKS_LATER_NUMBER.search(q) and len(re.findall(r"\[\d{4}\]\d+号", t)) < 2:
        # 答复里说要起草的指导意见，后来印发的文号是什么: a later document's 文号, which the clause (beyond the cited
        # document's own 文号) must give
        return "文件没有写明后来印发的文件的文号"
    if _ASKS_OUTCOME.search(asking_clauses(q)) and not _ACTUAL.search(t):
        return "文件没有记载这件事后来的结果"
    if _ASKS_ACTUAL.search(asking_clauses(q)) and not _ACTUAL.search(t):
        return "知识库只收录政策文件规定的目标，不含实际完成情况的统计"
    rumour, figures = _RUMOUR.search(q), _rumour_figures(q)
    confirming = rumour or _CONFIRMS.search(q)
    numbers = [*_FULL_DOC_NUMBER.finditer(q), *ORDER_NUMBER.finditer(q)]
    for m in _DIGITS.finditer(q):     # (figures: missing_answer_type judges them; 文号: below)
        if any(f.start() <= m.start() < f.end() for f in [*figures, *numbers]):
            continue
        if not q[m.end():m.end() + 1] == "年" and not corpus_has(m.group(0)):
            return f"知识库中没有“{m.group(0)}”"
    for m in _COUNTY_FIGURE.finditer(q):
        if not _NOT_A_NAME.match(m.group(1)) and m.group(1) not in d and m.group(1) not in t:
            return f"文件没有涉及“{m.group(1)}”的情况"
    for m in _FULL_DOC_NUMBER.finditer(q):
        if m.group(1) not in d and m.group(1) not in t or not _same_issuer(m.group(0), m.group(1), d + t):
            return f"知识库未收录{m.group(0)}"
    for m in ORDER_NUMBER.finditer(q):
        if "令" + m.group(2) not in d + t:
            return f"知识库未收录{m.group(0)}"
    for m in _GRADE.finditer(q):
        if m.group(0) not in d and not (confirming and re.search(rf"(?<![A-Za-z])[A-Z]{m.group(1)}", t)):
            return f"文件没有涉及“{m.group(0)}”的情况"
    # 第六次大督查 asked, a document on the 第五次: another round's; 二级公立医院 asked, 三级 cited: another grade's
    # (unless a caller checks the figure)
    if not confirming and (other := _another_number(q, _ORDINAL, d, d)):
        return f"文件说的是{other[0]}，没有涉及{other[1]}"
    if not confirming and (other := _another_number(q, _NUM_GRADE, t, d)):
        return f"条文说的是{other[0]}，没有涉及{other[1]}"
    for place in _PLACES:
        if place in q and place not in t and place != PROVINCE_OF.get(doc_place or "") \
                and (re.search(place + _PLACE_RULES, q) or _COMPARE.search(q)) \
                and not (confirming and not re.search(place + _ALSO, q) and any(p in t for p in _PLACES if p not in q)):
            return f"条文没有涉及“{place}”的规定"
        if place in q and place not in t and (own := _other_places_own(place, q, t)):
            return own
    if (asked := [r for r in _REGIONS if r in q]) and not any(r in t for r in asked) \
            and (other := next((r for r in _REGIONS if r in t), None)):
        # 内地与香港…相互委托送达 asked, the arrangement with 澳门 found: another region's arrangement
        return f"文件是关于{other}的规定，没有涉及“{asked[0]}”"
    if _ASKS_LISTED_PLACE.search(q) and (named := [p for p in (*HOME[2:], *_PLACES) if p in q and p not in t]):
        # 我们银川是不是被划进了重点监视防御区: whether a place is on a list the clause must say by naming it
        return f"条文没有列出“{named[0]}”"
    if doc_place and doc_place != HOME_PLACE and not confirming:
        # 山东's prepaid-card limit answered from Zhejiang's measures: one place's own rule says nothing of
        # another's, unless the question names the document's place too (我们是山东来的企业，在浙江…) or the
        # document speaks of the place asked. (Not for the home region's texts: a caller here names other
        # places in passing, 去上海读书, 从福建过来投资, and _PLACE_RULES judges those that ask of them.)
        asked = [p for p in asked_places(q, d) if p != PROVINCE_OF.get(doc_place)]
        if doc_place not in q and asked:
            return f"文件是{doc_place}的规定，没有涉及“{asked[0]}”"
    if doc_place and not confirming and not any(h in q for h in ((doc_place,) if doc_place != HOME_PLACE else HOME)):
        # 我家在广州，暴雨预警发了停不停课: a caller who lives in another place asks of that place's
        # arrangements, which a rule of this place or region does not make
        for m in _RESIDENT.finditer(q):
            if m.group(1) not in _ABROAD and m.group(1) != PROVINCE_OF.get(doc_place) and m.group(1) not in t:
                return f"文件是{doc_place}的规定，没有涉及“{m.group(1)}”"
    if not confirming and (owners := [p for p in owner_places(q) if p != doc_place]):
        # 江苏省人大常委会的决定 asked, 上海's answers: another maker's rule, unless the clause itself speaks of
        # that place (a national text: the document)
        if owners[0] not in (d if doc_place is None else t):
            return f"文件不是{owners[0]}制定的，没有涉及“{owners[0]}”的规定"
    for m in _YEAR.finditer(q):
        year = int(m.group(1))
        if asks_validity and (_STILL_HOLDS.search(q) or _AT_DATE.match(q, m.end())):
            continue
        if _NOW.search(q, max(0, m.start() - 8), m.start()):    # 今天已是2026年12月: the present, not asked
            continue
        if any(int(r.group(1)) <= year <= int(r.group(2) or int(r.group(1)) + 10) for r in _RANGE.finditer(t)):
            continue    # 1998年 against 1997年7月1日至本安排生效之日: a span the text speaks of
        if _CUT_OFF.search(t):      # 2012年作的决定 against 对2015年5月1日之前作出的: the text decides any year
            break
        if m.group(1) + "年" not in d and f"[{year}]" not in d + t:     # 1996年 of 国办函〔1996〕14号: its own year
            return f"文件没有涉及{year}年的情况"
    # a question that names the cited document by 文号 asks what it says of a rule it names (国办函〔2004〕71号提到，
    # 《四川省长江上游水污染治理方案》…新增了多少个项目)
    # (its own 文号, which `text` opens with; a 文号 it only cites, 《…实施方案》（宁党厅字〔2022〕21号）, is another's)
    own = _FULL_DOC_NUMBER.match(t)
    named_here = own is not None and any(m.group(1) == own.group(1) for m in _FULL_DOC_NUMBER.finditer(q))
    for m in _TITLE.finditer(question):
        title = title_key(m.group(1))
        if named_here and f"《{norm_compare(m.group(1))}》" in d + t:
            continue
        # a form the cited text names (填好《清理整顿报告书》以后) is one it speaks of; a rule or plan it names is
        # not held (《全区自建房安全专项整治工作实施方案》的排查重点), unless asked whether it still holds and the
        # text repeals it (…公布的《城市房屋拆迁管理条例》同时废止)
        mentioned = f"《{norm_compare(m.group(1))}》" in t
        if mentioned and _ASKS_MAKING.search(q):
            continue
        # (a plan the whole document is about, named again and again, 《战略纲要》 of a resolution on it, is one it
        # speaks of)
        central = d.count(f"《{norm_compare(m.group(1))}》") >= 3
        if not central and not any(title in title_key(k) or title_key(k) in title for k in known_titles) \
                and not _issued_with(norm_compare(m.group(1)), d) \
                and not (mentioned and (not _RULE_KIND.search(m.group(1)) or asks_validity and _REPEALS.search(t))):
            return f"知识库未收录《{m.group(1)}》"
    held = [norm_compare(k) for k in known_titles] if _NUMBERED_RULE.search(q) else []
    for m in _NUMBERED_RULE.finditer(q):
        # 刑法修正案（十一） and 婚姻家庭编的解释（二） asked, only the first of each held: another text
        stem, numbered = m.group(1)[-6:], m.group(1)[-6:] + m.group(2)
        if any(stem in k for k in held) and not any(numbered in k for k in held):
            return f"知识库未收录“{m.group(1)}{m.group(2)}”"
    for m in _NAMED_RULE.finditer(_TITLE.sub("", question)):
        core = _FILLER.sub("", m.group(1))
        if len(core) >= 4 and not _QUESTION_WORD.search(core) and not _rule_held(core, m.group(2), known_titles, d):
            return f"知识库未收录“{core}{m.group(2)}”"
    return None


# the rest, whatever the question's form: (what it asks, what the text must then hold, the reason shown)
_NEEDS = (
    (_ASKS_PLACE, _PLACE_OR_HOURS, "条文中没有写明地址或办公时间"),
    # 每个月报一次还是每季度报一次: how often, which the text must say
    (re.compile(r"(每个?月|每个?季度?|每年|每周|每天)\S{0,8}还是\S{0,3}(每个?月|每个?季度?|每年|每周|每天)"), _FREQUENCY,
     "条文中没有规定频次"),
    (_ASKS_COMPANY, re.compile("公司"), "条文中没有写明具体单位"),
    # 检定周期是多长时间: a cycle, which a time limit for another step (收集资料后五日内审核) is not
    (re.compile(r"周期\S{0,3}(多长|多久|是几|几年|几个月)"), re.compile(r"周期|每\S{0,3}(年|月|季度|周)"), "条文中没有规定周期"),
    # 周六周日开不开门: opening days only a text that names them (or 7×24小时, 节假日照常) answers
    (re.compile(r"(周六|周日|周末|星期六|星期天|星期日|礼拜六|礼拜天|双休日|节假日)\S{0,8}(开门|开不开|上班|办公|营业|办事|办理)"),
     re.compile(r"周六|周日|周末|星期|礼拜|双休|节假日|全年无休|24小时"), "条文中没有写明办公时间"),
    (_ASKS_SANCTION, _SANCTION, "条文中没有规定对个人的处分或处罚"),
    (_ASKS_PERSON, _PERSON, "条文中没有写明具体负责人或联系人"),
    (_ASKS_OFFICE_HOLDER, _OFFICE_HOLDER, "条文中没有写明具体负责人或联系人"),
    (_ASKS_WEB, _WEB, "条文中没有写明网址"),
    # 各市…分别要达到多少: a figure for each city, which a region-wide clause does not give
    (re.compile(r"(各市|各县|各地|每个市|每个县|各个市|各个县)\S{0,20}分别"), re.compile(r"银川|石嘴山|吴忠|固原|中卫"),
     "条文中没有分地区的规定"),
    (re.compile(r"邮箱|电子邮件地址|电子信箱|(?i:e-?mail)"), re.compile("@"), "条文中没有写明电子邮箱"),
    # 有没有专门的举报电话: whether a number exists is answered only by a text that gives one
    (re.compile(r"有没有\S{0,6}(电话|号码)"), _PHONE, "条文中没有这个号码"),
    (_ASKS_ACCOUNT, _ACCOUNT, "条文中没有写明公众号或小程序"),
    # 能主张几倍的惩罚性赔偿: a multiple, which the text must give
    # (日工资收入的300% is three times)
    (re.compile(r"几倍|多少倍"), re.compile(r"倍|\d{3,}\s*[%％]|百分之[一二三四五六七八九十]百"), "条文中没有规定倍数"),
    # 报名有没有年龄上限: an age limit, which the text must speak of
    (re.compile(r"(年龄|岁数)\S{0,4}(上限|下限|限制|要求|多大|多少|几)|多大(年龄|岁数|年纪)|(?<![十好])几周?岁|多少周?岁"),
     re.compile(r"岁|年龄|年纪"), "条文中没有关于年龄的规定"),
    (_ASKS_LINE, _LINE, "条文中没有写明分机或专线号码"),
    (_ASKS_FORM, _FORM, "条文中没有提供表格或模板"),
    (_ASKS_PAPERS, _PAPERS, "条文中没有列出需要提交的材料"),
    (re.compile(r"(出示|亮出|带上|带着|拿出)\S{0,4}(什么|哪些|啥)\S{0,2}证|(什么|哪些|啥)证件"),
     re.compile(r"证件|执法证|工作证|身份证|证明"), "条文中没有规定要出示的证件"),
    (_ASKS_PREPARED, _PREPARED, "条文中没有列出需要准备的材料"),
    (_ASKS_PAYER, _PAYER, "条文中没有规定费用由谁承担"),
    (_ASKS_BRAND, _BRAND, "条文中没有指定品牌或型号"),
    (_ASKS_SECRECY, _SECRECY, "条文中没有关于为投诉人保密或防止报复的规定"),
    (_ASKS_RECORDING, _RECORDING, "条文中没有说明怎么调取录音或记录"),
    (_ASKS_MEETING, _MEETING, "条文中没有写明会议的日期或地点"),
    (_ASKS_HOURS, _HOURS, "条文中没有写明具体时段"),
    (_ASKS_PRICE, _PRICE, "条文中没有规定具体价格"),
    # 一平米一块五，这个价算不算超标: a price judged needs a price the text sets
    (re.compile(r"(价|费)\S{0,8}(算不算|是不是|超没超|超不超|有没有)\S{0,3}(超标|超过|太高|高了|偏高|贵|合理)"), _MONEY,
     "条文中没有规定具体价格"),
    (_ASKS_TAX, _TAX, "条文中没有关于税收优惠的规定"),
    (_ASKS_SCORE, _SCORE, "条文中没有评分或扣分标准"),
    (_ASKS_CODE, _CODE, "条文中没有写明编号"),
    (_ASKS_COURT, _COURT, "条文中没有关于诉讼、仲裁或复议的规定"),
    (_ASKS_FEE, _FEE, "条文中没有关于收费的规定"),
    (_ASKS_WHY, _WHY, "条文中没有说明原因或依据"),
    (_ASKS_DEFINITION, _DEFINITION, "条文中没有给出认定标准"),
    # 登记联络员有什么任职条件: conditions, which a clause that only names the post does not set
    (re.compile(r"(任职|资格|准入|申请|报名|入职)(条件|要求)|资格要求|(需要|要|得|有)(什么|哪些|啥)\S{0,2}条件"),
     # (行政长官由年满四十周岁…的中国公民担任: a post's conditions as who holds it)
     re.compile(r"条件|具备|具有|资格|应当|应|符合|须|需|不得|以上|以下|不低于|不少于|年满|周岁|担任"), "条文中没有规定条件"),
    (re.compile(r"(名单|名录|目录|清单)\S{0,4}(在哪|哪里|哪儿|去哪|怎么|从哪)\S{0,3}(查|看|找|下载|获取)"),
     re.compile(r"公布|公开|公示|网站|网上|平台|发布|通报"), "条文中没有说明名单在哪里查询"),
    (re.compile(r"(去哪|在哪|怎么|如何|到哪)\S{0,2}(报名|申报)"), re.compile("报名|申报|申请"), "条文中没有说明怎么报名或申报"),
    (re.compile(r"(算不算|是不是|属不属于|属于不属于)\S{0,8}(中小企业|小微企业|小企业|中型企业|微型企业)(?!\S{0,6}争议)"),
     re.compile(r"划型|从业人员|营业收入|资产总额"), "条文中没有企业规模的划分标准"),
)


# 什么时候撤销的, 哪年成立的: the date of an event the text must speak of
_ASKS_EVENT_DATE = re.compile(r"(什么时候|啥时候|何时|哪天|哪年)\S{0,2}(撤销|撤除|解散|取消|废止|关闭|开通|成立|建成|通车)")


def _frequency_given(question: str, text: str) -> bool:
    """Whether the text gives a frequency the question does not already say (多长时间做一次定期检验 is not
    answered by 定期检验 again)."""
    return any(m.group(0) not in question for m in _FREQUENCY.finditer(text))


def _days_for(question: str, asked: re.Match[str], text: str) -> bool:
    """Whether the text gives days for the step asked (几个工作日内办结 → …办结…5个工作日, not 1个工作日内转办)."""
    step = _STEP.search(question, max(0, asked.start() - 8), asked.end() + 8)
    if not step:
        return True
    days = r"(\d+|[一二三四五六七八九十两半]+)个?(工作日|日|天|小时)"
    if re.search(rf"{days}\S{{0,16}}{step.group(0)}|{step.group(0)}\S{{0,16}}{days}", text):
        return True
    # 重办几回、限几天办完 → 重办期限…5个工作日: the text gives the deadline of a step the question names
    return any(m.group(1) in question for m in re.finditer(rf"([\u4e00-\u9fff]{{2}})期限\S{{0,12}}?{days}", text))


def _named_after(rest: str, text: str) -> bool:
    """Whether the text names what the question asks about the time after (到期后怎么验收 → 验收)."""
    rest = re.split(r"[，。？！,?!；]", rest)[0]
    if not re.search(r"怎么|如何|怎样", rest) or re.search(r"会不会|还会|是否|要不要|再", rest):
        return False
    words = _ASK_WORDS.sub("", rest)
    return any(words[i:i + 2] in text for i in range(len(words) - 1))


def _counted(question: str, asked: re.Match[str], text: str) -> bool:
    """Whether the text gives a number of what was asked: 多少家 → 5家; 多少个电话 → 3个电话, not 5个地级市."""
    # (多少个这样的村子 counts 村: a demonstrative between 个 and the noun is skipped)
    after = _DEMONSTRATIVE.sub("", question[asked.end():], count=1)
    noun = after[:1] if asked.group(0).endswith("个") else asked.group(0)[-1]
    if asked.group(0).startswith("数量") or not re.match(r"[\u4e00-\u9fff]", noun):     # 数量是多少 names no unit
        return bool(_COUNT.search(text))
    # 2 名工作人员 counts 人: a measure word may stand a few characters before the noun; people are counted in
    # 名, 位 or 人 (几名所长 → 所长一人)
    noun = "[名位人]" if noun in "名位人" else noun
    # (10个左右有条件、有基础、规模适当的城市: a few words between the figure and 的 + noun; 多少户申请才供热 →
    # 申请用热户数达到总户数50%以上: a count set as a share of the whole)
    return bool(re.search(rf"(\d+|[一二三四五六七八九十百千万两]+)\s*((个|名|位|家)[\u4e00-\u9fff]{{0,4}}?)?\s*{noun}", text)
                or re.search(rf"(\d+|[一二三四五六七八九十百千万两]+)个(左右|以上|以内|多)?[^，。；,;]{{0,16}}?的{noun}", text)
                or re.search(rf"{noun}数[^，。；,;]{{0,12}}?(\d+(\.\d+)?\s*[%％]|百分之|[一二三四五六七八九十]分之)", text))


def _spelled_out(term: str, text: str) -> bool:
    """Whether the text names a quoted term and gives what it holds: its items after it (“四制管理”：…, 即…, 包括…, (…)),
    a list right before it (乡镇初验、县级自验、…“四级验收”) or a definition (…(以下简称“三同”), 县级以上人民政府（以下统称“决策机关”）)."""
    at = text.find(term)
    if at < 0:
        # a clause that does not name a numbered set (四议两公开, 钢八条) cannot spell it out; a caller's own
        # words in quotes (“四个边边上”, “治理”) are judged by the other rules
        return not _SET_NAME.search(term)
    before, after = re.split(r"[。；，;,]", text[max(0, at - 40):at])[-1], text[at + len(term):]
    return bool(re.match(r".{0,3}(:|：|即|包括|分别|\(|（)", after) or "、" in before
                or re.search(r"简称|统称|以下称", before))


_PRESENT = re.compile(r"现在|目前|如今|眼下|实际|已经|到了多少|达到了")


def asks_target_rate(question: str) -> bool:
    """Whether a question asks a rate or share a plan sets (到2025年普及率要达到多少, 要管住多大比例),
    not the present state (现在普及率多少, 到了多少)."""
    q = norm_compare(question)
    return bool((_ASKS_RATE.search(q) or re.search(_ASKS_SHARE, q))
                and not _PRESENT.search(q))


def _last_sentence(q: str) -> str:
    """The asking sentence, not the story before it."""
    return re.split(r"[。！；]", q.rstrip("。！；"))[-1]


def asking_clauses(question: str) -> str:
    """The clauses of the last sentence that end in ？: 我们厂…查了一遍。到底几月份来查？来了都咋查？ →
    到底几月份来查？来了都咋查？ (a count in the story, 十几户一簇、隔老远又是几户，, is not asked)."""
    asked = _last_sentence(norm_compare(question))
    return "".join(re.findall(r"[^，,。！；？?]*[？?]", asked)) or asked


def _clause_of(q: str, m: re.Match[str]) -> str:
    """The clause (between punctuation marks) a match lies in."""
    start = max(q.rfind(c, 0, m.start()) for c in _CLAUSE_MARKS) + 1
    ends = [i for c in _CLAUSE_MARKS if (i := q.find(c, m.end())) != -1]
    return q[start:min(ends, default=len(q))]


def _is_typed(clause: str) -> bool:
    return not (_YES_NO.search(clause) and not _HOW_MANY.search(clause))


def _typed_in_clause(q: str, asks: re.Pattern[str]) -> bool:
    """A typed ask in the asking sentence whose own clause is no yes/no question: 具体定在每个月的哪一天，企业员工要不要
    一起参加？ asks a date although the question ends in a yes/no."""
    off = len(q) - len(_last_sentence(q))
    return any(_is_typed(_clause_of(q, m)) for m in asks.finditer(q) if m.start() >= off)


# a clause the gazette prints only as its heading and （略）: the text was left out, nothing answers from it
_OMITTED = re.compile(r"^[^。；;]*[。：:]?[(（]略[)）]。?$")


def _other_places_own(place: str, q: str, t: str) -> str | None:
    """北京金融法院 asked, 上海金融法院 cited: a body or rule the question names for one place that the text has
    for another only (three characters or more after the place's name)."""
    m = re.search(place + r"(?:市|省)?([\u4e00-\u9fff]{3,6})", q)
    if not m:
        return None
    others = "|".join(p for p in _PLACES if p != place and p not in q)
    for n in range(len(m.group(1)), 2, -1):
        if hit := re.search(f"({others})(?:市|省)?{m.group(1)[:n]}", t):
            return f"条文说的是{hit.group(1)}的{m.group(1)[:n]}，没有涉及“{place}”的"
    return None


def missing_answer_type(question: str, text: str, asks_validity: bool = False) -> str | None:
    """Rules about one question part: it asks an amount, count, time limit, number or address the text lacks."""
    q = norm_compare(question)
    t = norm_compare(text)
    if _OMITTED.search(t):
        return "公报略去了这一条的内容（略），没有可引用的原文"
    q = _YARDSTICK.sub("", q)
    # a yes/no question needs no figure, unless a clause of it asks one; the story before the asking sentence
    # asks nothing (…过几天连记录都找不着。有没有一件一件记下来？ asks no time limit; 问要多少钱，柜台说不清楚。
    # 条例对开户有什么要求？ asks no amount)
    asked = _last_sentence(q)
    whole = _is_typed(asked)

    def asks_typed(asks: re.Pattern[str], asking: str = q) -> bool:
        """The question asks this kind of fact: anywhere in the asking sentence of a typed question, else in a
        typed clause of it."""
        return bool(asks.search(_last_sentence(asking))) if whole else _typed_in_clause(asking, asks)

    # a fine (处1万元以上3万元以下罚款) is no fee, price or pay a question asks of, unless it asks of fines
    priced = t if "罚" in q else _FINE.sub("", t)
    fined = "条文中的金额是罚款，不是所问的费用"
    if asks_typed(_ASKS_AMOUNT, _WHO_SETS_STANDARD.sub("", q)) and not _AMOUNT.search(priced) \
            and not (_ASKS_BASIS.search(q) and _BASIS.search(t)):
        return fined if _AMOUNT.search(t) else "条文中没有规定具体金额、比例或标准"
    if _ASKS_MONEY.search(asked) and not _MONEY.search(priced):
        return fined if _MONEY.search(t) else "条文中没有规定具体金额"
    if m := _PER_UNIT.search(q):
        unit = m.group(1) or m.group(3)
        written = _UNIT_WORDS.get(unit, unit)
        if not re.search(rf"[每按/]({written})|({written})均", t):
            # 每吨矿石提取多少元, 天然气多少钱一方: a figure per unit, which a fine of 五万元 is not
            return f"条文中没有按{unit}计的标准"
    for m in _rumour_figures(q):       # the text must give a figure in the same unit, right or wrong
        unit = (m.group(1) or "") + _NUMERAL + "个?" + (m.group(2) or m.group(3)).lstrip("个").replace("天", "[天日]")
        if not re.search(unit, t):
            return f"条文中没有规定这个数字（{m.group(0)}）"
    asking = asking_clauses(q)
    if whole and (m := _ASKS_COUNT.search(asking)) and not _counted(asking, m, t) \
            and not (_ASKS_WHO_LISTED.search(asking) and _LISTED.search(text)):
        return "条文中没有这个数量"
    if asks_typed(_ASKS_DURATION) and not asks_validity and not _DURATION.search(t) \
            and not (_ASKS_FREQUENCY.search(q) and _frequency_given(q, t)):
        return "条文中没有规定具体时限"
    if asks_typed(_ASKS_DAYS) and (m := _ASKS_DAYS.search(q)) and not asks_validity:
        if not _DAYS.search(t):
            return "条文中没有规定具体天数"
        if not _days_for(q, m, t):
            return "条文中没有规定这一步的天数"
    if asks_typed(_ASKS_YEARS) and not asks_validity and not _YEARS.search(t):
        return "条文中没有规定年限"
    if asks_typed(_ASKS_DATE) and not asks_validity and not _DATE.search(t) \
            and not (_ASKS_START.search(q) and _START.search(t)):
        return "条文中没有写明具体日期"
    if asks_typed(_ASKS_WHEN) and not asks_validity and not _WHEN.search(t) \
            and not (_ASKS_CONDITION.search(q) and _CONDITION.search(t)):
        return "条文中没有写明具体时间"
    # (the counted phrase itself in a list, 9个重点帮扶县、261个…村, names none)
    if (m := _ASKS_NAMES.search(q)) and not re.search(rf"[\u4e00-\u9fff]{{2,6}}{m.group(1)}、",
                                                       re.sub(rf"\d+个[^、，。；]*?{m.group(1)}、", "", t)):
        return f"条文中没有列出具体是哪些{m.group(1)}"
    if _ASKS_ITEMS.search(q) and not _LISTS.search(heading_rest(t)):    # (not the 、 of its own 四、)
        return "条文中没有列出具体是哪几项"
    if (m := _ASKS_SPELLED.search(q)) and not _spelled_out(m.group(1), t):
        return f"条文中没有列出“{m.group(1)}”的具体内容"
    if _ASKS_CONTENTS.search(q) and (m := _DELEGATED.search(t)) and not _ENUMERATED.search(t[m.end():]):
        return f"条文只规定{m.group(1) or m.group(3)}由有关部门制定，没有列出具体内容"
    if asks_typed(_ASKS_RATE) and not _RATE.search(t):
        return "条文中没有规定具体比率"
    if asks_typed(_ASKS_SIZE) and not _SIZE.search(t):
        return "条文中没有规定具体面积、规模或尺寸"
    if asks_typed(_ASKS_NUMBER) and not _PHONE.search(t):
        return "条文中没有这个号码"
    if (m := _ASKS_THING.search(q)) and not re.search(_THINGS[m.group(2)], t):
        return f"条文中没有写明具体的{m.group(2)}"
    # a name in quotes asks nothing (有个“两次几分”的模式，具体叫啥), nor do examples of what is asked about (降准降息、
    # 财政减税这类宏观调控，属于重大行政决策吗？ asks about the decision, not a tax break)
    if (m := _ASKS_EVENT_DATE.search(q)) and m.group(2) not in t:
        return f"条文中没有写明{m.group(2)}的时间"
    unquoted = _EXAMPLES.sub("", _USES_FORM.sub("", _QUOTED.sub("", q)))
    for asks, holds, reason in _NEEDS:
        if asks.search(unquoted) and not holds.search(t):
            return reason
    for term in dict.fromkeys(_TERMS.findall(_SELF_ROLE.sub("", asked))):
        if term not in t and not (term in _TERM_ALSO and _TERM_ALSO[term].search(t)):
            return f"条文中没有关于“{term}”的规定"
    return None
