"""The chat in a real browser (Debian chromium via Playwright) against the real app and index.

Asks a colloquial question, opens the cited source through its [1] mark, checks the highlighted
quote and the validity badge, gives 👎 with a comment, finds the comment in the 台账 tab, and
takes the screenshots in docs/screenshots/ (1280×800, and the chat at 400 px wide).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from common import ROOT
from ui_fixtures import app_server  # noqa: F401  (fixture)

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = ROOT / "docs" / "screenshots"
TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: the browser test needs Debian's chromium and a CJK font "
                    "(apt-get install -y chromium fonts-wqy-microhei; scripts/test.sh does this)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def test_ask_cite_source_feedback_ledger(app_server, browser):  # noqa: F811
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(app_server.url)

    # first load: the examples are there
    question = page.get_by_label("您的问题")
    question.wait_for()
    page.get_by_text("企业诉求转办要多长时间？", exact=True).wait_for()       # an example question

    # ask → an answer citing the 12345 方案
    question.fill("我们被乱罚款了能打12345吗")
    page.get_by_role("button", name="提问", exact=True).click()
    answer = page.locator("#nx-transcript .nx-bot").first
    answer.wait_for()
    assert "宁政办函〔2022〕25号" in answer.inner_text()
    marks = answer.locator("button.nx-cite")
    assert marks.count() >= 1 and marks.first.inner_text() == "[1]"
    page.screenshot(path=str(SHOTS / "chat.png"))

    # the [1] mark opens the source: highlighted quote, 文号, validity badge
    assert page.locator("#nx-source mark").count() == 0
    marks.first.click()
    mark = page.locator("#nx-source .nx-section-text mark")
    mark.wait_for()
    assert mark.inner_text().strip()
    source = page.locator("#nx-source")
    assert "宁政办函〔2022〕25号" in source.inner_text()
    assert "宁夏回族自治区人民政府办公厅" in source.inner_text()
    assert source.locator(".nx-badge").first.inner_text() == "现行有效"
    page.get_by_text("全文与目录").click()
    page.locator("#nx-fulltext .nx-sec.current mark").wait_for()
    assert page.locator("#nx-fulltext .nx-outline li").count() > 10
    page.screenshot(path=str(SHOTS / "source.png"))

    # 👎 with a comment (HTML in it must stay text)
    comment = "引用的条款不对，应该是受理范围第（五）项 <b>乱罚款</b>"
    page.get_by_label("评价意见（可选）").fill(comment)
    answer.locator("button.nx-fb-btn", has_text="没用").click()
    page.locator("#nx-status", has_text="已记录").wait_for()
    assert page.get_by_label("评价意见（可选）").input_value() == ""

    # the 台账 tab lists it
    page.get_by_role("tab", name="台账").click()
    ledger = page.locator("#nx-ledger")
    ledger.locator("td.nx-comment", has_text="引用的条款不对").wait_for()
    assert comment in ledger.inner_text()
    assert ledger.locator("b").count() == 0                     # rendered as text, not as markup
    assert "我们被乱罚款了能打12345吗" in ledger.inner_text()
    page.screenshot(path=str(SHOTS / "ledger.png"))

    # the agent view: 受理范围 verdict with its clause
    page.get_by_role("tab", name="坐席视图").click()
    agent = page.locator("#nx-agent")
    agent.get_by_text("12345 企业投诉受理范围", exact=False).wait_for()
    assert "受理范围" in agent.inner_text() and "宁政办函〔2022〕25号 三、投诉受理范围" in agent.inner_text()

    # 400 px wide: same page, stacked
    page.get_by_role("tab", name="咨询对话").click()
    page.set_viewport_size({"width": 400, "height": 800})
    page.evaluate("window.scrollTo(0, 0)")
    width = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path=str(SHOTS / "chat-400px.png"))
    assert width <= 400, f"horizontal scroll at 400 px ({width}px wide)"
    assert not errors, errors
    page.close()


def test_follow_up_uses_the_previous_question(app_server, browser):  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(app_server.url)
    question = page.get_by_label("您的问题")
    for n, q in enumerate(["企业诉求转办要多长时间？", "那要多久？"]):
        question.fill(q)
        page.get_by_role("button", name="提问", exact=True).click()
        page.locator("#nx-transcript .nx-turn").nth(n).locator(".nx-bot").wait_for()
    second = page.locator("#nx-transcript .nx-turn").nth(1)
    assert "结合上一问" in second.inner_text()
    assert "1个工作日" in second.inner_text()
    assert "宁政办函〔2022〕25号" in second.inner_text()
    page.close()


def test_contextual_question_rule():
    from ui.app import contextual_question
    from ui.render import Turn
    from assistant.types import Answer, Departments

    done = Turn("企业诉求怎么转办？", "企业诉求怎么转办？", "企业诉求怎么转办？",
                answer=Answer("企业诉求怎么转办？", "…", False, (), Departments(), ()))
    assert contextual_question("那要多久？", []) == ("那要多久？", "那要多久？")
    assert contextual_question("那要多久？", [done]) == ("企业诉求怎么转办？ 那要多久？", "企业诉求怎么转办？")
    assert contextual_question("还有别的渠道可以反映企业的问题吗", [done])[0].startswith("企业诉求怎么转办？")
    long_q = "农村人居环境整治提升五年行动的目标是什么？"
    assert contextual_question(long_q, [done]) == (long_q, long_q)


def test_rendering_escapes_user_and_corpus_text():
    from ui.render import Turn, esc, highlight, transcript_html

    evil = '<img src=x onerror="alert(1)">'
    html = transcript_html([Turn(evil, evil, evil, error="问题太长")])
    assert "<img" not in html and esc(evil) in html
    assert highlight("a<b>c<b>", "<b>", 4) == "a&lt;b&gt;c<mark>&lt;b&gt;</mark>"


def test_auth_option():
    from ui.app import launch_kwargs, parse_auth

    assert parse_auth(None) is None
    assert parse_auth("agent:s3:cret") == ("agent", "s3:cret")
    for bad in ("agent", ":secret", "agent:"):
        with pytest.raises(SystemExit, match="用户名:密码"):
            parse_auth(bad)
    kw = launch_kwargs(auth="agent:secret")
    assert kw["server_name"] == "127.0.0.1" and kw["auth"] == ("agent", "secret")
