"""The eval metrics: ranx against hand-computed values; quote matching as the Q&A format defines it."""
from __future__ import annotations

import math

import pytest

from assistant.evaluate import contains_quote, rank_metrics, summarise


def test_rank_metrics_match_a_hand_computed_case():
    qrels = {"q1": {"b": 1}, "q2": {"x": 1}, "q3": {"z": 1}}
    run = {"q1": {"a": 3.0, "b": 2.0, "c": 1.0},      # relevant at rank 2
           "q2": {"x": 3.0, "y": 2.0},                # relevant at rank 1
           "q3": {"m": 2.0, "n": 1.0}}                # not retrieved
    m = rank_metrics(qrels, run)
    assert m["q1"]["hit_rate@1"] == 0 and m["q1"]["hit_rate@3"] == 1
    assert m["q1"]["mrr@10"] == pytest.approx(0.5)
    assert m["q1"]["ndcg@10"] == pytest.approx(1 / math.log2(3))
    assert m["q2"]["mrr@10"] == 1 and m["q2"]["ndcg@10"] == pytest.approx(1.0)
    assert m["q3"]["hit_rate@10"] == 0 and m["q3"]["mrr@10"] == 0
    rows = {q: {"type": "fact", "answerable": True, "top_chars": 100, **v} for q, v in m.items()}
    overall = summarise(rows, with_answers=False)["overall"]
    assert overall["mrr@10"] == pytest.approx((0.5 + 1 + 0) / 3, abs=1e-4)


def test_question_without_relevant_chunk_scores_zero():
    m = rank_metrics({"q": {}}, {"q": {"a": 1.0}})
    assert m["q"]["hit_rate@10"] == 0


@pytest.mark.parametrize("text, quote, hit", [
    ("〔责任\n\n单位：自治区教育厅〕", "[责任单位:自治区教育厅]", True),      # brackets, colon width, page break
    ("对办结诉求由各级 12345 热线进行回访", "各级12345热线进行回访", True),
    ("对办结诉求由各级热线进行回访", "各级12345热线进行回访", False),
])
def test_quote_matching_normalises_both_sides(text, quote, hit):
    assert contains_quote(text, [quote]) is hit


def test_key_fact_match_counts_numbers_addresses_and_quoted_terms():
    from assistant.evaluate import key_fact_match, key_facts

    ref = "主要有3种：一是设立专席（按“3”号键），邮箱nx12345@126.com，1个工作日内转办。"
    assert key_facts(ref) == ["3种", "3", "nx12345@126.com", "1个工作日"]
    said = "二是通过电子邮件（nx12345@126.com）受理；1个工作日内转办〔宁政办函〔2022〕25号 四、（二）〕"
    assert key_fact_match(ref, said) == pytest.approx(2 / 4)     # the address and the time limit, not "3种"
    assert key_fact_match("由自治区发展改革委牵头。", said) is None   # no checkable fact


def test_report_chart_draws_every_configuration_in_a_colour_of_its_own(tmp_path, monkeypatch):
    """The report's bar chart: thirteen configurations, thirteen colours in the PNG (the default cycle has ten)."""
    import matplotlib.image
    import matplotlib.pyplot as plt
    import numpy as np

    from common import ROOT
    monkeypatch.syspath_prepend(str(ROOT / "evals"))     # (evals/ is scripts, not a package)
    from report import chart

    results = {f"config-{i}": {"by_type": {"fact": {"hit_rate@1": 0.5 + i / 30}, "colloquial": {"hit_rate@1": 0.9}}}
               for i in range(13)}
    png = tmp_path / "chart.png"
    chart(results, png)
    pixels = (matplotlib.image.imread(png)[..., :3] * 255).round().astype(int).reshape(-1, 3)
    drawn = {tuple(p) for p in np.unique(pixels, axis=0)}
    wanted = [tuple(round(c * 255) for c in rgb) for rgb in plt.get_cmap("tab20").colors[:13]]
    assert all(colour in drawn for colour in wanted)
