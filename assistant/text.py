"""Small text helpers shared by the stages: normalising for comparison, tidying titles.

    >>> compact("12345 政务服务 便民热线")
    '12345政务服务便民热线'
    >>> norm_compare("〔责任\\n单位：A〕")
    '[责任单位:A]'
"""
from __future__ import annotations

import re
import unicodedata

_WS = re.compile(r"\s+")
_CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’《》〔〕【】"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\u3000]+|[ \t\u3000]+(?=[{_CJK}])")


def norm_compare(text: str) -> str:
    """Normalise for matching quotes against spans: NFKC, 〔〕→[], no whitespace."""
    text = unicodedata.normalize("NFKC", text).replace("〔", "[").replace("〕", "]")
    return _WS.sub("", text)


def compact(text: str) -> str:
    """Drop line breaks and the spaces the extraction put next to Chinese characters."""
    return _SPACE_NEAR_CJK.sub("", _WS.sub(" ", text)).strip()


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)
