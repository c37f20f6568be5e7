"""Model calls on a fixed pool of long-lived threads, with freed heap handed back to the OS.

    workers = Workers(4)
    answer = workers.call(assistant.ask, "企业投诉怎么转办？")   # runs on one of 4 threads, returns its result

Gradio runs synchronous handlers on AnyIO worker threads that are started and retired as
load comes and goes. Each new thread gets its own glibc malloc arena and its own torch /
OpenMP state, and glibc keeps what a request frees for reuse instead of returning it. Under
hours of load that showed as RSS creeping up while the memory actually in use stayed flat
(docs/RELIABILITY.md, "Load"). So every Assistant call runs on the same few threads, and every
`trim_every` calls (default: after each; it takes about 0.2 ms) `malloc_trim(0)` gives the free pages back.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import itertools
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, TypeVar

T = TypeVar("T")


def _malloc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    try:
        fn = getattr(ctypes.CDLL(name), "malloc_trim")
    except (OSError, AttributeError, TypeError):   # not glibc (musl, macOS): nothing to trim
        return None
    fn.argtypes, fn.restype = [ctypes.c_size_t], ctypes.c_int
    return fn


_TRIM = _malloc_trim()


def trim_heap() -> bool:
    """Return the heap's free pages to the OS → True if anything was released (False without glibc)."""
    return bool(_TRIM(0)) if _TRIM is not None else False


class Workers:
    """`threads` long-lived threads that run the calls handed to `call`; trims the heap every `trim_every` calls."""

    def __init__(self, threads: int, trim_every: int = 1):
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="assistant")
        self._calls = itertools.count(1)
        self._lock = threading.Lock()
        self.trim_every = trim_every

    def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """fn(*args, **kwargs) on a pool thread → its result (its exception is raised here)."""
        try:
            return self._pool.submit(fn, *args, **kwargs).result()
        finally:
            with self._lock:
                n = next(self._calls)
            if self.trim_every and n % self.trim_every == 0:
                trim_heap()

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
