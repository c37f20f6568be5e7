"""Fixtures for the UI tests: the real app (`python -m assistant serve`) on a free port.

It serves the real index in index/ with the real model; only the ledger folder is a tmp
folder. One server per test session, shared by test_ui.py and test_gradio_api.py (a module
singleton: importing a session fixture into two modules would otherwise start two).
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from common import ROOT

STARTUP_SECONDS = 240


@dataclass(frozen=True)
class AppServer:
    url: str            # http://127.0.0.1:PORT/
    data: Path          # the ledger folder the server writes to
    log: Path           # its stdout and stderr


_server: dict[str, object] = {}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(base: Path) -> tuple[AppServer, subprocess.Popen]:
    from assistant.store.build import current_version

    if current_version(ROOT / "index") is None:
        pytest.fail(f"no built index in {ROOT / 'index'}; build it first: python -m assistant index")
    port = _free_port()
    data, log = base / "data", base / "serve.log"
    env = dict(os.environ, ASSISTANT_DATA=str(data), GRADIO_ANALYTICS_ENABLED="False", NO_PROXY="127.0.0.1,localhost",
               no_proxy="127.0.0.1,localhost", PYTHONUNBUFFERED="1")
    out = log.open("w", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--host", "127.0.0.1", "--port", str(port)],
                            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the app exited with {proc.returncode} before serving:\n{log.read_text(encoding='utf-8')[-3000:]}")
        try:
            with urllib.request.urlopen(url + "config", timeout=5) as r:
                if r.status == 200:
                    return AppServer(url, data, log), proc
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    proc.kill()
    pytest.fail(f"the app did not answer on {url} within {STARTUP_SECONDS}s:\n"
                f"{log.read_text(encoding='utf-8')[-3000:]}")


def _stop() -> None:
    proc = _server.pop("proc", None)
    _server.pop("app", None)
    if isinstance(proc, subprocess.Popen) and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


@pytest.fixture(scope="session")
def app_server(tmp_path_factory, request) -> AppServer:
    """The running app (started once per session, stopped at its end)."""
    if "app" not in _server:
        app, proc = _start(tmp_path_factory.mktemp("app"))
        _server.update(app=app, proc=proc)
        request.addfinalizer(_stop)
    app = _server["app"]
    assert isinstance(app, AppServer)
    return app
