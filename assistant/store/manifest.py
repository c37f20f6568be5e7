"""What an index was built from and with → manifest.json, and the check at load time.

The manifest records the schema version, each corpus file's SHA-256, the
embedding model and its dimension, the chunker and tokenizer settings, the
counts and the build time. `needs_rebuild` compares a manifest with the corpus
and settings now; `check_compatible` refuses to load an index built with other
settings and names the difference and the command that fixes it.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import IndexMismatch

SCHEMA_VERSION = 9                  # 9: a short lead-in (…：) is one chunk with the sections numbered inside it (chunk.py); 8: a short article is one chunk with its items (chunk.py); 7: a notice section opens with its title and 文号; 6: sentence vectors; 5: bm25.tf.npz (term counts), stable jieba cuts
REBUILD = "python -m assistant index --corpus {corpus} --index {index}"


@dataclass(frozen=True)
class Settings:
    """Everything that changes what is built. Two indexes with equal settings and files are equal."""

    model: str
    max_chars: int
    lexicon_version: str
    encoder: str = "torch"              # embedding runtime (onnx-int8 / torch); manifests without it were torch

    @property
    def embed_key(self) -> str:
        """The embedding cache's name: the model, plus the encoder when it is not the fp32 reference."""
        return self.model if self.encoder == "torch" else f"{self.model}+{self.encoder}"


@dataclass(frozen=True)
class Manifest:
    schema_version: int
    settings: Settings
    files: dict[str, str]               # file name → sha256 of its bytes
    dim: int
    counts: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)   # file name → reason
    built_at: str = ""
    build_seconds: float = 0.0
    checksums: dict[str, str] = field(default_factory=dict)  # index file (relative path) → sha256, checked at load

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2)

    @classmethod
    def read(cls, path: Path) -> "Manifest":
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            raw["settings"] = Settings(**raw["settings"])
            return cls(**raw)
        except (OSError, ValueError, TypeError, KeyError) as e:
            raise IndexMismatch(f"{path}: unreadable index manifest ({e})") from e


def file_hashes(paths: list[Path]) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def tree_hashes(folder: Path) -> dict[str, str]:
    """Every file under `folder` but the manifest (relative path) → sha256 of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "manifest.json"}


def damaged_files(folder: Path, checksums: dict[str, str]) -> list[str]:
    """Files whose bytes no longer match the build's checksums (changed, truncated or missing)."""
    bad = []
    for name, digest in sorted(checksums.items()):
        try:
            if hashlib.sha256((folder / name).read_bytes()).hexdigest() != digest:
                bad.append(name)
        except OSError:
            bad.append(f"{name} (missing)")
    return bad


def differences(m: Manifest, settings: Settings, files: dict[str, str] | None = None) -> list[str]:
    """Readable differences between what was built and what is asked for now."""
    out = []
    if m.schema_version != SCHEMA_VERSION:
        out.append(f"index schema {m.schema_version}, this program reads schema {SCHEMA_VERSION}")
    for key, built in asdict(m.settings).items():
        now = getattr(settings, key)
        if built != now:
            out.append(f"{key}: index built with {built!r}, now {now!r}")
    if files is not None:
        for name in sorted(set(files) | set(m.files)):
            if name not in m.files:
                out.append(f"new corpus file {name}")
            elif name not in files:
                out.append(f"corpus file {name} was removed")
            elif files[name] != m.files[name]:
                out.append(f"corpus file {name} changed")
    return out


def check_compatible(m: Manifest, settings: Settings, index_dir: Path, corpus_dir: Path) -> None:
    diff = differences(m, settings)
    if diff:
        fix = REBUILD.format(corpus=corpus_dir, index=index_dir)
        if m.settings.encoder != settings.encoder:   # vectors of one encoder are not queried with the other
            fix += f" --encoder {settings.encoder} (or query it with --encoder {m.settings.encoder})"
        raise IndexMismatch(f"the index in {index_dir} was built with other settings: {'; '.join(diff)}. "
                            f"Rebuild it: {fix}")
