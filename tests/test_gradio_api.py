"""The Gradio API of the real app: /ask and /search through gradio_client, 20 callers at once."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from gradio_client import Client

from ui_fixtures import app_server  # noqa: F401  (fixture)

pytestmark = pytest.mark.slow

# (question, the 文号 every citation of its answer must carry): four per document, colloquial and formal
QUESTIONS = [
    ("我们厂半夜出了急事，凌晨两三点打12345找企业专区，有人接吗？", "宁政办函〔2022〕25号"),
    ("企业向12345反映问题，工作方案一共规定了几种受理渠道？", "宁政办函〔2022〕25号"),
    ("办个许可被卡脖子，这个科室推给那个科室，来回踢皮球一个多月都没办下来，工期全耽误了，这能投诉吗？", "宁政办函〔2022〕25号"),
    ("企业诉求转办要多长时间？", "宁政办函〔2022〕25号"),
    ("内外贸一体化若干措施是经自治区政府哪次会议审议通过的？", "宁政办发〔2022〕49号"),
    ("我们想多做RCEP国家的生意，宁夏这边有没有说要加强跟这些国家的合作？", "宁政办发〔2022〕49号"),
    ("我们企业技术还行，想去参与制定国际标准，政府鼓励不鼓励？", "宁政办发〔2022〕49号"),
    ("“加强贸易规则对接”这一条，由哪些单位负责？", "宁政办发〔2022〕49号"),
    ("全区安全生产百日专项整治行动方案是哪天印发的？", "宁党厅字〔2022〕28号"),
    ("煤价高，有的矿为了多出煤超定员下井、拼强度生产，这次整治管不管？", "宁党厅字〔2022〕28号"),
    ("长期停着的煤矿想复工复产，要走哪些步骤？", "宁党厅字〔2022〕28号"),
    ("“切实抓好生产煤矿安全生产”这项任务的牵头单位有哪些？", "宁党厅字〔2022〕28号"),
    ("到2025年，农村生活垃圾治理要达到什么目标？", "宁党办〔2022〕41号"),
    ("城郊村和居住分散的村子，改厕分别推什么模式？", "宁党办〔2022〕41号"),
    ("我们村集市上的公共厕所还是旱厕，夏天臭得不行，政府给不给改？", "宁党办〔2022〕41号"),
    ("宁夏农村人居环境五年行动方案是依据中央哪份文件的精神制定的？", "宁党办〔2022〕41号"),
    ("目录编制指引里说的“决策机关”具体指哪一级？", "宁政办发〔2022〕51号"),
    ("什么样的事才算重大行政决策？一般有什么特点？", "宁政办发〔2022〕51号"),
    ("调整自来水、燃气这类公用事业价格，要列入重大行政决策事项目录吗？", "宁政办发〔2022〕51号"),
    ("政府每年那份重大决策清单，具体是哪个机构在牵头编？", "宁政办发〔2022〕51号"),
]
ANSWER_KEYS = {"question", "answer", "abstained", "citations", "departments", "validity", "nearest"}
CITATION_KEYS = {"doc_number", "title", "section", "quote", "source", "start", "end"}
HIT_KEYS = {"rank", "score", "doc_number", "title", "section", "text", "source", "start", "end", "dense", "lexical"}


def test_twenty_concurrent_callers_get_cited_answers(app_server):  # noqa: F811
    assert len(QUESTIONS) == 20 and len({q for q, _ in QUESTIONS}) == 20
    start = threading.Barrier(len(QUESTIONS))

    def call(item: tuple[str, str]) -> dict:
        client = Client(app_server.url, verbose=False)
        start.wait(timeout=120)                     # all 20 hit the queue together
        return client.predict(item[0], api_name="/ask")

    with ThreadPoolExecutor(len(QUESTIONS)) as pool:
        results = list(pool.map(call, QUESTIONS))

    for (question, doc), got in zip(QUESTIONS, results):
        assert set(got) == ANSWER_KEYS, question
        assert got["question"] == question
        assert not got["abstained"], question
        assert got["citations"], question
        for c in got["citations"]:
            assert set(c) == CITATION_KEYS
            assert c["doc_number"] == doc, (question, c["doc_number"], c["section"])
            assert c["quote"] and c["quote"] in got["answer"]
        assert any(doc in line for line in got["validity"])


def test_search_returns_hits(app_server):  # noqa: F811
    client = Client(app_server.url, verbose=False)
    got = client.predict("企业诉求转办时限", 5, api_name="/search")
    assert set(got) == {"hits"}
    hits = got["hits"]
    assert len(hits) == 5
    assert [h["rank"] for h in hits] == [1, 2, 3, 4, 5]
    assert all(set(h) == HIT_KEYS for h in hits)
    assert hits[0]["doc_number"] == "宁政办函〔2022〕25号"


def test_bad_input_gets_a_chinese_message(app_server):  # noqa: F811
    client = Client(app_server.url, verbose=False)
    with pytest.raises(Exception, match="请先输入问题"):
        client.predict("   ", api_name="/ask")
    with pytest.raises(Exception, match="问题太长（2001 字）"):
        client.predict("问" * 2001, api_name="/ask")
    with pytest.raises(Exception, match="k 必须是"):
        client.predict("转办", 0, api_name="/search")
