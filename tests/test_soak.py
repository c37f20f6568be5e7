"""Load: a short soak through the Gradio API (8 callers × 20 s; the long run is evals/soak.py), and
requests beyond capacity get a clear "queue is full" refusal while the app keeps serving.
"""
from __future__ import annotations

import importlib.util
import json
import socket
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from gradio_client import Client

from common import ROOT
import ui_fixtures
from ui_fixtures import app_server  # noqa: F401  (fixture)

pytestmark = pytest.mark.slow


def _soak_module():
    spec = importlib.util.spec_from_file_location("evals_soak", ROOT / "evals" / "soak.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_short_soak_has_no_errors_and_no_memory_growth(app_server):  # noqa: F811
    proc = ui_fixtures._server.get("proc")
    result = _soak_module().soak(app_server.url, callers=8, seconds=20, pid=getattr(proc, "pid", None))
    print("\nsoak", json.dumps(result, ensure_ascii=False))
    assert result["errors"] == 0, result["error_samples"]
    assert result["busy"] == 0                              # 8 callers fit the queue (64)
    assert result["requests"] >= 8
    rss = result["rss_mb"]
    if rss["after_warmup"]:
        assert rss["end"] <= rss["after_warmup"] * 1.2 + 50, rss


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_beyond_capacity_is_refused_clearly_and_the_app_keeps_serving(assistant, tmp_path, monkeypatch):
    """One worker and a queue of 2: of 12 callers at once some are told the queue is full; none crash."""
    import ui.app as app
    from ui.ledger import Ledger

    monkeypatch.setattr(app, "CONCURRENCY", 1)
    monkeypatch.setattr(app, "QUEUE_SIZE", 2)
    demo = app.build_app(assistant.config, assistant=assistant, ledger=Ledger(tmp_path))
    port = _free_port()
    demo.launch(prevent_thread_lock=True, quiet=True, **app.launch_kwargs(port=port))
    url = f"http://127.0.0.1:{port}/"
    try:
        clients = [Client(url, verbose=False) for _ in range(12)]
        start = threading.Barrier(12)

        def call(client: Client):
            start.wait(timeout=60)
            try:
                return client.predict("企业诉求转办要多长时间？", api_name="/ask")
            except Exception as e:  # noqa: BLE001
                return e

        with ThreadPoolExecutor(12) as pool:
            results = list(pool.map(call, clients))
        answered = [r for r in results if isinstance(r, dict)]
        refused = [r for r in results if isinstance(r, Exception)]
        assert answered and all(r["citations"] for r in answered)
        assert refused and all("queue is full" in str(e).lower() for e in refused), [str(e) for e in refused]
        assert Client(url, verbose=False).predict("企业诉求转办要多长时间？", api_name="/ask")["citations"]
    finally:
        demo.close()
