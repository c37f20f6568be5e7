"""Security: loopback bind, login in front of everything (ledger and agent views included), no file
served from outside the app, no password in the logs, dependencies pinned in requirements.lock.
"""
from __future__ import annotations

import json
import logging
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from importlib import metadata

import pytest
from gradio_client import Client

from common import ROOT
from ui_fixtures import app_server  # noqa: F401  (fixture)

USER, PASSWORD = "agent", "Zq7-secret-口令-91"


def _get(url: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, bytes]:
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- bind address -------------------------------------------------------------------------------------

def test_defaults_bind_loopback():
    from assistant.cli import parser
    from ui.app import launch_kwargs

    assert launch_kwargs()["server_name"] == "127.0.0.1"
    assert parser().parse_args(["serve"]).host == "127.0.0.1"
    assert launch_kwargs(host="0.0.0.0")["server_name"] == "0.0.0.0"      # only when told


def _listening(port: int) -> set[str]:
    """Local addresses listening on `port`, from /proc/net/tcp{,6} (hex, as the kernel writes them)."""
    out = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = open(table).read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            addr, p = local.split(":")
            if state == "0A" and int(p, 16) == port:                        # 0A: LISTEN
                out.add(addr)
    return out


@pytest.mark.slow
def test_running_app_listens_on_loopback_only(app_server):  # noqa: F811
    port = urllib.parse.urlparse(app_server.url).port
    addrs = _listening(port)
    assert addrs and addrs <= {"0100007F", "00000000000000000000000001000000"}, addrs   # 127.0.0.1 / ::1


# -- file serving ----------------------------------------------------------------------------------

def _targets(app_server) -> dict[str, tuple[str, bytes]]:  # noqa: F811
    """name → (absolute path, bytes that must never come back)."""
    ledger = app_server.data / "ledger.sqlite3"
    assert ledger.exists()
    return {
        "/etc/passwd": ("/etc/passwd", b"root:"),
        "index manifest": (str((ROOT / "index" / "current" / "manifest.json").resolve()), b"schema_version"),
        "index vectors": (str((ROOT / "index" / "current" / "vectors.faiss").resolve()), b"IxF"),
        "ledger": (str(ledger), b"SQLite format"),
        "source code": (str(ROOT / "ui" / "ledger.py"), b"BEGIN IMMEDIATE"),
    }


@pytest.mark.slow
def test_file_routes_serve_nothing_outside_the_app(app_server):  # noqa: F811
    base = app_server.url
    tried = 0
    for name, (path, marker) in _targets(app_server).items():
        rel = "../" * 12 + path.lstrip("/")
        for form in (f"gradio_api/file={path}", f"file={path}", f"gradio_api/file={urllib.parse.quote(path)}",
                     f"gradio_api/file={rel}", f"gradio_api/file={urllib.parse.quote(rel, safe='')}",
                     f"gradio_api/file=%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/{path.lstrip('/')}",
                     f"static/{rel}", f"assets/{rel}", f"gradio_api/static/{rel}", f"favicon.ico/../{rel}",
                     f"gradio_api/file={path}".replace("/", "%2F")):
            status, body = _get(base + form)
            tried += 1
            assert not (status == 200 and marker in body), (name, form, status)
    assert tried >= 50


# -- login -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def auth_app(assistant, tmp_path_factory):
    """The real app with --auth, in this process (sharing the session's model and index)."""
    from ui.app import build_app, launch_kwargs
    from ui.ledger import Ledger

    ledger = Ledger(tmp_path_factory.mktemp("auth-data"))
    ledger.record_feedback(-1, "只有坐席能看的意见", "问题", "回答", [], "v1")
    demo = build_app(assistant.config, assistant=assistant, ledger=ledger)
    port = _free_port()
    demo.launch(prevent_thread_lock=True, quiet=True, **launch_kwargs(port=port, auth=f"{USER}:{PASSWORD}"))
    yield f"http://127.0.0.1:{port}/", demo
    demo.close()


@pytest.mark.slow
def test_auth_refuses_everything_without_login(auth_app):
    url, demo = auth_app
    status, body = _get(url + "config")
    assert status == 401 and "只有坐席能看的意见".encode() not in body
    status, _ = _get(url + "gradio_api/info")
    assert status == 401
    status, _ = _get(url + "gradio_api/call/ask", data=json.dumps({"data": ["企业投诉怎么转办"]}).encode(),
                     headers={"Content-Type": "application/json"})
    assert status == 401
    ledger_fns = [i for i, fn in demo.fns.items() if getattr(fn.fn, "__name__", "") == "on_ledger"]
    assert ledger_fns                                        # the 台账 tab's handler, as the browser would call it
    for fn_index in ledger_fns:
        body = json.dumps({"data": [], "fn_index": fn_index, "session_hash": "x1"}).encode()
        status, _ = _get(url + "gradio_api/queue/join", data=body, headers={"Content-Type": "application/json"})
        assert status == 401
    with pytest.raises(Exception):
        Client(url, verbose=False).predict("企业投诉怎么转办", api_name="/ask")
    with pytest.raises(Exception):
        Client(url, auth=(USER, "wrong"), verbose=False)
    status, _ = _get(url + "login", data=urllib.parse.urlencode({"username": USER, "password": "wrong"}).encode(),
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status in (400, 401)


@pytest.mark.slow
def test_auth_lets_the_agent_in(auth_app):
    url, _ = auth_app
    client = Client(url, auth=(USER, PASSWORD), verbose=False)
    assert client.predict("企业诉求转办要多长时间？", api_name="/ask")["citations"]


@pytest.mark.slow
def test_api_lists_only_ask_and_search(app_server):  # noqa: F811
    status, body = _get(app_server.url + "gradio_api/info")
    assert status == 200
    assert set(json.loads(body)["named_endpoints"]) == {"/ask", "/search"}     # no ledger export by name


@pytest.mark.slow
def test_no_password_in_logs(assistant, tmp_path, capfd, caplog):
    from ui.app import build_app, launch_kwargs
    from ui.ledger import Ledger

    caplog.set_level(logging.DEBUG)
    demo = build_app(assistant.config, assistant=assistant, ledger=Ledger(tmp_path))
    port = _free_port()
    demo.launch(prevent_thread_lock=True, **launch_kwargs(port=port, auth=f"{USER}:{PASSWORD}"))
    try:
        url = f"http://127.0.0.1:{port}/"
        for pw in ("wrong-口令", PASSWORD):
            _get(url + "login", data=urllib.parse.urlencode({"username": USER, "password": pw}).encode(),
                 headers={"Content-Type": "application/x-www-form-urlencoded"})
        Client(url, auth=(USER, PASSWORD), verbose=False).predict("企业投诉怎么转办", api_name="/ask")
    finally:
        demo.close()
    out, err = capfd.readouterr()
    logged = out + err + caplog.text
    assert PASSWORD not in logged and "wrong-口令" not in logged


# -- dependencies ------------------------------------------------------------------------------------

def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_dependency_is_pinned_in_the_lock():
    """An offline check against requirements.lock: exact pins, matching what is installed and pyproject."""
    lock: dict[str, str] = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if not line or line.startswith("-"):
            continue
        m = re.fullmatch(r"([A-Za-z0-9_.\-]+)(\[[^\]]*\])?==([^\s;]+)(\s*;.*)?", line)
        assert m, f"not an exact pin: {line!r}"
        lock[_norm(m.group(1))] = m.group(3)
    assert len(lock) > 50
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for name, version in re.findall(r'"([A-Za-z0-9_.\-]+)==([^"]+)"', pyproject):
        if _norm(name) in ("pytest", "hypothesis", "playwright"):   # dev extras, pinned in pyproject
            continue
        if _norm(name) == "torch":                                  # the CPU build, installed first by setup.sh
            assert f"torch=={version}" in (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
            continue
        assert lock.get(_norm(name)) == version, (name, version, lock.get(_norm(name)))
    mismatched = []
    for name, version in lock.items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
        if installed.split("+")[0] != version.split("+")[0]:
            mismatched.append((name, version, installed))
    assert not mismatched, mismatched
