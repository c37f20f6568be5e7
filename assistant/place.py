"""A document's title → the place whose local rule it is, for a hotline that serves one region.

    >>> local_place("济南市12345市民服务热线条例")
    '济南'
    >>> local_place("保障中小企业款项支付条例") is None        # national: applies everywhere
    True

The knowledge base serves Ningxia's 12345 hotline. A regulation of another
province or city (山东省信访条例, 济南市12345市民服务热线条例) does not bind a
Ningxia enterprise, so retrieval ranks it below the region's own and national
texts unless the question names that place (retrieve.py, `foreign_penalty`); a rule
whose place the question names is raised instead (`named_place_boost`).
The place is the title's first word when jieba tags it a place name (ns) that
ends in 省/市/自治区/州/县 or is a province; national titles (中华人民共和国…,
国务院…) and the home region's own (宁夏…, 自治区…, 银川市…) have none.
"""
from __future__ import annotations

import re
from functools import lru_cache

HOME = ("宁夏", "自治区", "银川", "石嘴山", "吴忠", "固原", "中卫")
NATIONAL = ("中华人民共和国", "中国", "全国")
PROVINCES = ("北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽",
             "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃",
             "青海", "台湾", "内蒙古", "广西", "西藏", "新疆", "香港", "澳门")
# the province of a city whose local rules a caller may ask about: 山东滨州住宅物业管理条例 is 滨州's rule, and a
# question naming 山东 asks within its province, not of another place
_CITIES = {
    "山东": "济南 青岛 潍坊 烟台 威海 淄博 枣庄 东营 济宁 泰安 日照 临沂 德州 聊城 滨州 菏泽",
    "广东": "广州 深圳 珠海 汕头 佛山 韶关 湛江 肇庆 江门 茂名 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 揭阳 云浮",
    "浙江": "杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水",
    "江苏": "南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁",
    "河南": "郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店",
    "河北": "石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水",
    "甘肃": "兰州 平凉 天水 庆阳 白银 武威 酒泉 嘉峪关 张掖",
    "陕西": "西安 榆林 延安 宝鸡 咸阳 渭南 汉中 铜川",
    "四川": "成都 绵阳 德阳 宜宾 泸州 南充",
    "湖北": "武汉 宜昌 襄阳 荆州 十堰",
    "湖南": "长沙 株洲 湘潭 衡阳 岳阳 常德",
    "福建": "福州 厦门 泉州 漳州 莆田 龙岩",
    "江西": "南昌 九江 赣州 景德镇 上饶",
    "安徽": "合肥 芜湖 蚌埠 马鞍山 阜阳",
    "辽宁": "沈阳 大连 鞍山 丹东 锦州",
    "黑龙江": "哈尔滨 大庆 齐齐哈尔",
    "内蒙古": "呼和浩特 包头 鄂尔多斯 赤峰 通辽",
    "新疆": "乌鲁木齐 克拉玛依 喀什 哈密",
    "广西": "南宁 柳州 桂林", "海南": "海口 三亚", "贵州": "贵阳 遵义", "云南": "昆明 曲靖", "吉林": "长春",
    "山西": "太原", "青海": "西宁", "西藏": "拉萨",
}
PROVINCE_OF = {city: province for province, cities in _CITIES.items() for city in cities.split()}
_SUFFIX = re.compile(r"(特别行政区|自治区|自治州|新区|省|市|州|县|区)$")


@lru_cache(maxsize=4096)
def local_place(title: str) -> str | None:
    """The place (without 省/市) whose local rule the title names, or None for national and home texts."""
    import jieba.posseg

    words = jieba.posseg.lcut(title[:20])
    if not words or words[0].flag != "ns":
        return None
    word = words[0].word
    stem = next((p for p in PROVINCES if word.startswith(p)), None) or _SUFFIX.sub("", word)
    if word in NATIONAL or not (stem in PROVINCES or _SUFFIX.search(word)) or len(stem) < 2:
        return None
    if any(word.startswith(h) for h in HOME):
        return None
    return stem


def names_home(question: str) -> bool:
    """Whether the question names the home region or one of its cities (宁夏, 自治区, 银川…)."""
    return any(h in question for h in HOME)


def names_place(question: str, place: str) -> bool:
    return place in question


def unplaced(text: str) -> str:
    """A name as callers shorten it: without 省 or 市 (北京促进中小企业发展条例 for 北京市…)."""
    return re.sub(r"[省市]", "", text)


def names_province_of(question: str, place: str) -> bool:
    """Whether the question names the province of the city `place` (山东 for 滨州)."""
    return (province := PROVINCE_OF.get(place)) is not None and province in question
