"""The trap prior: a question's wording → how likely the texts leave it open (assistant/prior.py)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from common import TODAY

from assistant.prior import FILE, examples, load_prior, trains
from assistant.support import asking_clauses
from assistant.text import norm_compare

QA = sorted((Path(__file__).resolve().parents[1] / "evals" / "qa").glob("*.jsonl"))


def _write(path: Path, rows: list[tuple[str, str | None, str]]) -> Path:
    path.write_text("\n".join(json.dumps({"question": q, "doc": d, "split": s}, ensure_ascii=False)
                              for q, d, s in rows), encoding="utf-8")
    return path


SMALL = [("投诉要多久能办结？", "宁政办函〔2022〕25号", "tune"), ("热线几个工作日内转办？", "宁政办函〔2022〕25号", "tune"),
         ("办结要几个工作日？", "宁政办函〔2022〕25号", "calib1"), ("重办以后还不满意还能找谁？", None, "tune"),
         ("不满意还能找谁？下一步呢？", None, "calib1"), ("还能找谁申诉？", None, "tune"),
         ("这道题不该进来训练", None, "holdout")]


def test_numpy_scoring_equals_scikit_learn(tmp_path):
    """The stored model scored with numpy gives scikit-learn's own probability."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from assistant import prior as P

    found = examples([_write(tmp_path / "qa.jsonl", SMALL)])
    assert len(found) == 6                   # the holdout question is not trained on
    prior = load_prior(tmp_path / "models", [tmp_path / "qa.jsonl"], log=lambda s: None)
    texts = ([asking_clauses(q) for q, *_ in found], [norm_compare(q) for q, *_ in found])
    vecs = [TfidfVectorizer(analyzer="char", ngram_range=P.NGRAMS, min_df=P.MIN_DF, sublinear_tf=True) for _ in texts]
    x = hstack([vecs[0].fit_transform(texts[0]), P.WHOLE_WEIGHT * vecs[1].fit_transform(texts[1])]).tocsr()
    model = LogisticRegression(C=P.C, max_iter=5000, class_weight="balanced").fit(x, [t for _, t, *_ in found])
    for q in ("办结还要多久？", "重办了还是不满意，找谁？", "完全无关的字"):
        xq = hstack([vecs[0].transform([asking_clauses(q)]), P.WHOLE_WEIGHT * vecs[1].transform([norm_compare(q)])])
        assert prior.probability(q) == pytest.approx(model.predict_proba(xq)[0, 1], abs=1e-4)
    assert not prior.knows("宁政办函〔2022〕25号")      # three questions: fewer than MIN_QUESTIONS


def test_stored_prior_is_reused_until_the_questions_change(tmp_path):
    qa = _write(tmp_path / "qa.jsonl", SMALL)
    logs: list[str] = []
    load_prior(tmp_path / "models", [qa], log=logs.append)
    stamp = (tmp_path / "models" / FILE).stat().st_mtime_ns
    load_prior(tmp_path / "models", [qa], log=logs.append)
    assert len(logs) == 1 and (tmp_path / "models" / FILE).stat().st_mtime_ns == stamp
    _write(qa, SMALL + [("还能往哪儿申诉？", None, "tune")])
    load_prior(tmp_path / "models", [qa], log=logs.append)
    assert len(logs) == 2
    _write(qa, [r for r in SMALL if r[1]])          # one kind only: nothing to learn
    assert load_prior(tmp_path / "models2", [qa], log=logs.append) is None


def test_a_stale_temporary_file_does_not_stop_training(tmp_path):
    """Two processes training at once (a server and a CLI on a fresh index) each write a file of their own: a
    name another process holds (here a folder where the old fixed name `trap-prior.tmp` was) changes nothing."""
    qa = _write(tmp_path / "qa.jsonl", SMALL)
    models = tmp_path / "models"
    (models / "trap-prior.tmp").mkdir(parents=True)
    prior = load_prior(models, [qa], log=lambda s: None)
    assert prior is not None and (models / FILE).is_file()
    assert sorted(p.name for p in models.iterdir()) == [FILE, "trap-prior.tmp"]     # no leftover of its own


def test_holdout_traps_score_above_holdout_answerables(tmp_path):
    """On the repo's Q&A: questions it never trained on (holdout*) are told apart, traps above answerables."""
    prior = load_prior(tmp_path, QA, log=lambda s: None)
    # the seed's documents, not a corpus-extra text with a handful of answerable questions
    assert prior.knows("宁政办函〔2022〕25号") and prior.knows("宁党办〔2022〕41号")
    assert not prior.knows("济南市12345市民服务热线条例 (2018-07-27)")
    held = [(it["question"], not it.get("doc")) for f in QA for line in f.read_text(encoding="utf-8").splitlines()
            if line.strip() and not trains((it := json.loads(line)).get("split") or f.stem)]
    assert len(held) > 300
    p = np.array([prior.probability(q) for q, _ in held])
    trap = np.array([t for _, t in held])
    # the share of (trap, answerable) pairs ranked right (ROC AUC): 0.5 is chance
    auc = (p[trap][:, None] > p[~trap][None, :]).mean()
    assert auc > 0.8
    assert (p[~trap] > 0.8).mean() < 0.05          # few answerable questions reach the abstention threshold


def test_answer_abstains_on_a_trap_worded_question(assistant):
    ans = assistant.ask("重办了一次我还是不满意，重办完了下一步还能找谁？", today=TODAY)
    assert ans.abstained and "所问的细节条文中没有明确规定" in ans.answer
    ans = assistant.ask("我们被乱罚款了能打12345吗", today=TODAY)
    assert not ans.abstained
