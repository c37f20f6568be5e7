"""ui/workers.py: model calls run on a fixed set of threads; the heap trim is callable."""
import threading

import pytest

from ui.workers import Workers, trim_heap


def test_calls_run_on_the_same_few_long_lived_threads():
    workers = Workers(2, trim_every=3)
    try:
        names = {workers.call(lambda: threading.current_thread().name) for _ in range(40)}
        assert len(names) <= 2 and all(n.startswith("assistant") for n in names)
        assert workers.call(lambda a, b=0: a + b, 2, b=3) == 5
    finally:
        workers.close()


def test_an_exception_in_a_call_reaches_the_caller_and_the_pool_keeps_working():
    workers = Workers(1)
    try:
        with pytest.raises(ValueError, match="bad"):
            workers.call(lambda: (_ for _ in ()).throw(ValueError("bad")))
        assert workers.call(lambda: "still serving") == "still serving"
    finally:
        workers.close()


def _rss_anon_mb() -> float:
    for line in open("/proc/self/status"):
        if line.startswith("RssAnon:"):
            return int(line.split()[1]) / 1024
    pytest.skip("no /proc/self/status RssAnon here")


def test_trim_heap_gives_freed_heap_back_to_the_os():
    if not _glibc():
        pytest.skip("not glibc: malloc_trim does not exist")
    blocks = [bytearray(64 * 1024) for _ in range(3000)]      # ~190 MB below the mmap threshold: on the heap
    pin = blocks[-1]                                           # the top block stays, so free() cannot shrink the heap
    del blocks
    held = _rss_anon_mb()
    assert trim_heap() is True
    assert _rss_anon_mb() < held - 100, "malloc_trim(0) should return the ~190 MB freed below the top block"
    del pin


def _glibc() -> bool:
    import platform
    return platform.libc_ver()[0] == "glibc"
