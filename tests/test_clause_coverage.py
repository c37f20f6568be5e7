"""evals/clause_coverage.py on the real index: which clauses the priors' training questions ask, and how often."""
from __future__ import annotations

import json
import sys

from common import ROOT


def test_counts_training_questions_per_clause(assistant, tmp_path):
    sys.path.insert(0, str(ROOT / "evals"))
    from clause_coverage import counts, heading_only

    kb = assistant.kb
    quote = "投诉人已就投诉事项申请行政复议"
    rows = [{"id": "a", "question": "告到法院了还能打12345吗", "type": "scope", "doc": "宁政办函〔2022〕25号",
             "quotes": [quote], "split": "tune"},
            {"id": "b", "question": "打了官司还受理吗", "type": "scope", "doc": "宁政办函〔2022〕25号",
             "quotes": [quote], "split": "holdout"},           # a holdout question trains nothing
            {"id": "c", "question": "匿名投诉有奖励吗", "type": "unanswerable", "doc": None, "quotes": [],
             "split": "calib1"}]
    path = tmp_path / "qa.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    n = counts(kb, [path])
    holding = [i for i, c in enumerate(kb.chunks) if quote in c.text]
    assert holding and all(n[i] == 1 for i in holding)
    assert sum(n.values()) == len(holding)
    by_section = {(c.doc_number, c.section): c for c in kb.chunks}
    assert heading_only(kb, by_section[("宁政办函〔2022〕25号", "三、投诉受理范围—主要受理范围")])
    assert not heading_only(kb, by_section[("宁政办函〔2022〕25号", "三、投诉受理范围—主要受理范围（七）")])
