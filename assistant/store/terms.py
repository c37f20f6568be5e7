"""Parsed corpus → policy terms for jieba's user dictionary.

文号 (宁政办函〔2022〕25号), department names from the responsibility
annotations (自治区生态环境厅), short section headings (满意回访) and the
curated colloquial lexicon's policy terms, so that BM25 keeps them whole.
"""
from __future__ import annotations

from collections.abc import Iterable

from ..types import Document, Section


def corpus_terms(documents: Iterable[Document], sections: Iterable[Section]) -> list[str]:
    terms: set[str] = set()
    for d in documents:
        if d.doc_number:
            terms.add(d.doc_number)
    for s in sections:
        for unit in (*s.departments.lead, *s.departments.cooperating):
            if 2 <= len(unit) <= 20:
                terms.add(unit)
        if 2 <= len(s.heading) <= 8:
            terms.add(s.heading)
    return sorted(terms)
