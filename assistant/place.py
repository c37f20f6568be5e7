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


def names_place(question: str, place: str) -> bool:
    return place in question
