"""Text → BM25 tokens, with jieba and a user dictionary of policy terms.

    >>> Tokenizer(["宁政办函〔2022〕25号", "外经贸发展专项资金"]).tokens("外经贸发展专项资金支持跨境电商")
    ['外经', '经贸', '贸发', '发展', '专项', '资金', '外经贸', '外经贸发展专项资金', '支持', '跨境', '电商']

jieba's search mode gives both the whole term and its parts, so a question
that names a part still matches. Punctuation, whitespace and a few function
words are dropped; Latin letters are lower-cased.

Adding a term does not change how any text *without* that term is cut: jieba's
word probabilities are freq / total, and `total` is put back to the base
dictionary's after the terms are added. So the tokens of a chunk depend only on
the terms it contains, which lets an incremental build keep the token counts of
every chunk that holds none of the terms added or dropped (store/build.py).
"""
from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable

_STOP = set("的 了 和 与 及 或 等 在 是 对 为 把 被 将 由 从 向 以 按 可 要 也 都 就 而 并 其 之 "
            "吗 呢 吧 啊 呀 么 嘛 哪 啥 什么 怎么 怎样 如何 多少 哪些 哪个 能 会 我 我们 你 你们 他们 "
            "这 那 这个 那个 有 没有 不 还 个 请问 一下 一个".split())
_KEEP = re.compile(r"[\w\u4e00-\u9fff]")


class Tokenizer:
    """jieba with its own dictionary (process-wide jieba state is left alone)."""

    def __init__(self, user_terms: Iterable[str] = ()):
        import jieba  # heavy-ish: a 5 MB dictionary, loaded on first cut

        jieba.setLogLevel(logging.WARNING)
        self._jieba = jieba.Tokenizer()
        self._jieba.initialize()
        base_total = self._jieba.total
        self.user_terms = sorted({t.strip() for t in user_terms if len(t.strip()) >= 2})
        for term in self.user_terms:
            self._jieba.add_word(term, freq=50000)
        self._jieba.total = base_total      # see the module docstring: segmentation stays local to each term

    @staticmethod
    def normalize(text: str) -> str:
        """What jieba is given: NFKC, lower-case."""
        return unicodedata.normalize("NFKC", text).lower()

    def tokens(self, text: str) -> list[str]:
        text = self.normalize(text)
        out = []
        for tok in self._jieba.cut_for_search(text):
            tok = tok.strip()
            if tok and tok not in _STOP and _KEEP.search(tok):
                out.append(tok)
        return out
