"""The colloquial lexicon (assistant/lexicon/colloquial*.tsv): it parses, its keys are unique, every
policy word is a word the texts actually use, and expansion turns caller talk into policy words.

Fast: no model, no index.
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from assistant.lexicon import FILES, entries, expand_query, policy_terms

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "nx-gazette-2022-15.txt"
SHARED = Path(__file__).resolve().parents[2] / "shared"
EXTRA = SHARED / "corpus-extra"


def _norm(text: str) -> str:
    """NFKC and no whitespace: the gazette extraction breaks lines inside words."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _raw_keys() -> list[str]:
    lines = [ln for f in FILES for ln in f.read_text(encoding="utf-8").splitlines()]
    return [ln.split("\t")[0].strip() for ln in lines if ln.strip() and not ln.startswith("#")]


def test_file_parses_into_a_curated_size():
    e = entries()
    assert 200 <= len(e) <= 1500      # three files: curated, written blind, spoken (v10)
    for phrase, policy in e:
        assert len(phrase) >= 2, f"{phrase!r}: one character fires on far too many questions"
        assert 1 <= len(policy) <= 4, f"{phrase!r}: keep the policy side short, got {policy}"
        assert len(set(policy)) == len(policy), f"{phrase!r}: a policy word repeated"


def test_no_duplicate_colloquial_keys():
    dups = [k for k, n in Counter(_raw_keys()).items() if n > 1]
    assert not dups, f"duplicate colloquial phrases: {dups}"


def test_every_policy_word_occurs_in_the_corpus():
    """A policy word no text uses matches nothing in BM25 and only moves the dense query."""
    if not EXTRA.is_dir():
        pytest.skip(f"{EXTRA} not found (the shared extra corpus)")
    texts = [_norm(SEED.read_text(encoding="utf-8"))]
    texts += [_norm(p.read_text(encoding="utf-8", errors="replace")) for p in sorted(EXTRA.glob("*.txt"))]
    missing = sorted({w for w in policy_terms() if not any(_norm(w) in t for t in texts)})
    assert not missing, f"policy words found in neither the seed gazette nor corpus-extra: {missing}"


@pytest.mark.parametrize("question, any_of", [
    ("部门之间踢皮球怎么办", ["推诿"]),
    ("大国企一直拖着不给钱，能投诉吗", ["迟延支付"]),
    ("半夜能打12345吗", ["7×24小时", "24小时"]),
    ("窗口门难进脸难看", ["敷衍塞责"]),
    ("办事的人要我们表示表示", ["吃拿卡要"]),
    ("这算乱收费吧", ["涉企收费目录清单", "收费项目"]),
    ("专席老是占线", ["话务人员"]),
    ("事情特别急能加急吗", ["特事特办"]),
    ("村口的臭水沟", ["黑臭水体"]),
    ("我家还是旱厕", ["改厕"]),
    ("锅炉房要不要检查", ["特种设备"]),
    ("采石场放炮", ["民爆物品"]),
    ("娃上学路上不安全", ["学生"]),
    ("麦秸堆着容易着火", ["秸秆", "火灾"]),
    ("井下会炸的气冒出来咋办", ["瓦斯"]),
    ("大事清单定了还能改不", ["决策事项目录"]),
    ("祖上的老庄子有人管不", ["传统村落"]),
    ("这个指引是先试着用吗", ["试行"]),                       # v11
    ("哪些事必须写进目录", ["应当列入"]),
    ("国家调钱袋子、收银根的决定算不算", ["财政政策"]),
])
def test_expansion_examples(question, any_of):
    added = expand_query(question)[len(question):].split()
    assert any(w in added for w in any_of), f"{question!r} → {added}"


@pytest.mark.parametrize("question", [
    "部门踢皮球，推来推去，压着不办，拖着不给钱，还想让我们表示表示",
    "半夜凌晨打不通，占线，没人接",
    "村里茅房、臭水沟、垃圾堆没人管",
])
def test_expansion_adds_each_word_once(question):
    out = expand_query(question)
    assert out.startswith(question)
    added = out[len(question):].split()
    assert len(added) == len(set(added)), f"a word added twice: {added}"
    assert not any(w in question for w in added), "a word the question already has was added"


def test_expansion_is_idempotent_for_every_phrase():
    """Expanding an expanded question adds nothing: no phrase fires inside another's policy words
    without its own words being there already (涉企 inside 涉企收费目录清单 would)."""
    for phrase, _ in entries():
        once = expand_query(phrase)
        assert expand_query(once) == once, f"{phrase!r}: {once!r} → {expand_query(once)!r}"


def test_plain_policy_question_is_left_alone():
    q = "企业诉求转办要多久？"
    assert expand_query(q) == q
