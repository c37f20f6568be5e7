"""Corpus text → documents → sections. Entry point: `parse_file` / `parse_text`."""
from .parse import ParsedFile, parse_file, parse_text

__all__ = ["ParsedFile", "parse_file", "parse_text"]
