"""Benchmark corpora: a size name → a folder of .txt files (links or converted copies) outside the repo.

    seed    the repo's corpus/ (one gazette issue, ~30k characters)
    extra   seed + ../shared/corpus-extra/ (284 texts, ~1.8M characters)
    2M, 5M, 20M, 0.3M …   seed + a slice of ../shared/corpus-scale/ (LawRefBook laws) up to that many characters

Slices are deterministic and nested: the scale files are ordered by the SHA-1 of
their path inside the archive (which mixes the law categories), and taken in
that order until the total (seed included) reaches the target. The Markdown is
converted the way corpus-extra's lawref-* files were: front matter,
`<!-- INFO END -->` and `#` heading marks removed, blank lines dropped.
"""
from __future__ import annotations

import hashlib
import re
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_DIR = ROOT / "corpus"
EXTRA_DIR = SHARED / "corpus-extra"
SCALE_TAR = SHARED / "corpus-scale" / "lawrefbook-laws.tar.gz"
_SIZE = re.compile(r"^(\d+(?:\.\d+)?)([kKmM])$")


def size_chars(name: str) -> int | None:
    """'2M' → 2_000_000, '300k' → 300_000, 'seed' → None."""
    m = _SIZE.match(name)
    if not m:
        return None
    return int(float(m.group(1)) * (1_000 if m.group(2).lower() == "k" else 1_000_000))


def markdown_to_text(md: str) -> str:
    body = md.split("<!-- INFO END -->", 1)[1] if "<!-- INFO END -->" in md else md
    title = md.lstrip().splitlines()[0] if md.strip() else ""
    lines = [re.sub(r"^#+\s*", "", ln).rstrip() for ln in body.splitlines()]
    head = [re.sub(r"^#+\s*", "", title)] if title.startswith("#") else []
    return "\n".join(ln for ln in head + lines if ln.strip()) + "\n"


def scale_files(scale_dir: Path) -> list[Path]:
    """The archive unpacked once into scale_dir; its .md files in slice order."""
    root = scale_dir / "lawrefbook-laws"
    if not root.is_dir():
        scale_dir.mkdir(parents=True, exist_ok=True)
        with tarfile.open(SCALE_TAR) as tar:
            tar.extractall(scale_dir, filter="data")
    files = [p for p in root.rglob("*.md") if p.is_file()]
    return sorted(files, key=lambda p: hashlib.sha1(str(p.relative_to(root)).encode()).hexdigest())


def _link(src: Path, dst: Path) -> None:
    if not dst.exists():
        dst.symlink_to(src.resolve())


def make_corpus(name: str, runs: Path, scale_dir: Path) -> Path:
    """The corpus folder for a size name, created once under runs/corpora/ (reused by later runs)."""
    folder = runs / "corpora" / name
    done = folder / ".complete"
    if done.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    seed = sorted(SEED_DIR.glob("*.txt"))
    for p in seed:
        _link(p, folder / p.name)
    if name == "extra":
        for p in sorted(EXTRA_DIR.glob("*.txt")):
            _link(p, folder / p.name)
    elif name != "seed":
        target = size_chars(name)
        if target is None:
            raise ValueError(f"unknown corpus size {name!r}: use seed, extra, or a size such as 300k, 2M, 20M")
        total = sum(len(p.read_text(encoding="utf-8")) for p in seed)
        for i, md in enumerate(scale_files(scale_dir)):
            if total >= target:
                break
            text = markdown_to_text(md.read_text(encoding="utf-8", errors="replace"))
            (folder / f"scale-{i:04d}.txt").write_text(text, encoding="utf-8")
            total += len(text)
    done.write_text("ok\n")
    return folder


def corpus_chars(folder: Path) -> int:
    return sum(len(p.read_text(encoding="utf-8", errors="replace")) for p in folder.glob("*.txt"))


def spare_scale_file(scale_dir: Path, used: int, min_chars: int = 20_000, max_chars: int = 60_000) -> tuple[str, str]:
    """A scale file outside the first `used` ones, gazette-sized (20–60k characters): (name, text)."""
    rest = [(f"added-{i:04d}.txt", markdown_to_text(md.read_text(encoding="utf-8", errors="replace")))
            for i, md in enumerate(scale_files(scale_dir)) if i >= used]
    if not rest:
        raise ValueError("no file left in the scale corpus beyond the slice")
    fits = [r for r in rest if min_chars <= len(r[1]) <= max_chars]
    return fits[0] if fits else max(rest, key=lambda r: len(r[1]))


def spare_file(scale_dir: Path, used: int, corpus: Path, min_chars: int = 20_000,
               max_chars: int = 60_000) -> tuple[str, str]:
    """A gazette-sized file the slice does not hold: a scale file beyond it, else (a slice with every scale
    file, 20M) a corpus-extra text of that size not yet in `corpus` → (name, text)."""
    try:
        return spare_scale_file(scale_dir, used, min_chars, max_chars)
    except ValueError:
        for path in sorted(EXTRA_DIR.glob("*.txt")):
            text = path.read_text(encoding="utf-8", errors="replace")
            if min_chars <= len(text) <= max_chars and not (corpus / f"added-{path.name}").exists():
                return f"added-{path.name}", text
        raise

