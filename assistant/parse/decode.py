"""Bytes of a corpus file → its decoded text (the text all offsets point into).

UTF-8 (with or without BOM) first, then GB18030 (a superset of GBK/GB2312).
Line ends are kept as they are: CRLF is just whitespace to the parser.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import SourceError

MAX_BYTES = 16 * 1024 * 1024   # a gazette issue is well under 1 MB; a bigger file is a dump (hours to embed): split it


def decode_bytes(data: bytes, name: str) -> str:
    if b"\x00" in data[:4096]:
        raise SourceError(f"{name}: looks like a binary file (NUL bytes); corpus files must be text (.txt)")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SourceError(f"{name}: neither UTF-8 nor GB18030; re-save it as UTF-8")


def read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SourceError(f"{path.name}: {size // 2**20} MB is over the {MAX_BYTES // 2**20} MB limit; split the file")
        data = path.read_bytes()
    except OSError as e:
        raise SourceError(f"{path.name}: cannot read ({e.strerror})") from e
    return decode_bytes(data, path.name)
