"""Corpus folder → a new index version on disk, swapped in atomically.

    index/
      current -> v20261129-180501-1234     (a symlink, replaced in one rename)
      v20261129-180501-1234/
        manifest.json  documents.jsonl  sections.jsonl  chunks.jsonl
        vectors.faiss  sentences.npy  sentences.offsets.npy  bm25.npz  bm25.vocab.json  terms.txt
        sources/                            (decoded corpus texts; all offsets point here)
      models/                               (the converted embedding model)
      embed-cache/<model>.npz               (vectors by text hash: a rebuild re-embeds only what changed)
      milvus.db/                            (store="milvus" without a server URI: the milvus-lite data)

A build reuses what the version in use already holds for every corpus file
whose SHA-256 did not change: its documents, sections and chunks (no parsing),
its BM25 term counts (no tokenizing, unless the chunk contains a term that was
added to or dropped from the dictionary), its chunk and sentence vectors (the embedding cache), and,
when files were only added to an HNSW-sized index, the graph itself (extended,
not rebuilt). New and changed files are parsed, tokenized and encoded; their
chunks come after the kept ones. `force` rebuilds everything from the texts.

A build writes a fresh version folder and only then points `current` at it,
so a build killed at any moment leaves the previous index in use. Files that
cannot be read or parsed are skipped and reported by name; the rest are indexed.
With store="milvus" the vectors and BM25 weights also go into a new Milvus
collection named after the version (milvus.py), written before the switch; an
up-to-date index not yet in Milvus is published from its files, without a rebuild.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

import numpy as np

from ..chunk import chunk_all
from ..embed.cache import EmbeddingCache
from ..embed.encoder import Embedder
from ..lexicon import policy_terms
from ..errors import AssistantError, IndexMissing, SourceError
from ..parse import ParsedFile, parse_file
from ..types import Chunk, Document, Section
from .backend import check_store
from .bm25 import BM25, Counts
from .manifest import SCHEMA_VERSION, Manifest, Settings, damaged_files, differences, file_hashes, tree_hashes
from .records import read_chunks, read_documents, read_sections, write_jsonl
from .terms import corpus_terms
from .tokenize import Tokenizer
from . import vectors as faiss_files
from .sentences import SentenceVectors, sentence_texts
from .vectors import EF_CONSTRUCTION, build_faiss, read_faiss, write_faiss

CURRENT = "current"


@dataclass(frozen=True)
class BuildReport:
    built: bool                       # False when the index was already up to date
    path: Path                        # the version folder in use
    manifest: Manifest
    warnings: tuple[str, ...] = field(default_factory=tuple)


def corpus_files(corpus_dir: Path) -> list[Path]:
    if not corpus_dir.is_dir():
        raise IndexMissing(f"corpus folder {corpus_dir} does not exist; put gazette .txt files there or pass --corpus DIR")
    files = sorted(p for p in corpus_dir.iterdir() if p.suffix.lower() == ".txt" and p.is_file())
    if not files:
        raise IndexMissing(f"no .txt files in {corpus_dir}; copy gazette texts there (UTF-8 or GB18030)")
    return files


@dataclass(frozen=True)
class Previous:
    """What the version in use gives an incremental build, for the corpus files that did not change."""

    path: Path
    files: frozenset[str]       # unchanged corpus files: their records are reused, not parsed
    documents: list[Document]
    sections: list[Section]
    chunks: list[Chunk]         # of those files, in the old order
    rows: list[int]             # the chunks' positions in the old version
    counts: Counts              # the old version's BM25 term counts (every row)
    terms: frozenset[str]       # the old jieba user dictionary
    whole: bool                 # nothing was removed: the old FAISS index can be extended


def current_version(index_dir: Path) -> Path | None:
    link = index_dir / CURRENT
    return link.resolve() if link.exists() else None


def parse_corpus(files: list[Path]) -> tuple[list[ParsedFile], dict[str, str], list[str]]:
    """Parse every file; a file that fails is skipped with its reason, never fatal to the rest."""
    parsed, skipped, warnings = [], {}, []
    for path in files:
        try:
            pf = parse_file(path)
        except SourceError as e:
            skipped[path.name] = str(e)
            continue
        except Exception as e:  # a parser bug on one odd file must not stop the others
            skipped[path.name] = f"{path.name}: parser error {type(e).__name__}: {e}"
            continue
        parsed.append(pf)
        warnings.extend(pf.warnings)
    return parsed, skipped, warnings


def build_index(corpus_dir: Path, index_dir: Path, settings: Settings, embedder: Embedder,
                force: bool = False, log: Callable[[str], None] = lambda s: None,
                store: str = "faiss", store_uri: str = "") -> BuildReport:
    started = time.perf_counter()
    uri = _store_uri(check_store(store), store_uri, index_dir)   # fails fast when Milvus is missing or down
    files = corpus_files(corpus_dir)
    hashes = file_hashes(files)
    current = current_version(index_dir)
    if current is not None and not force:
        try:
            old = Manifest.read(current / "manifest.json")
            up_to_date = not differences(old, settings, hashes) and not old.skipped  # retry skipped files
        except AssistantError:
            up_to_date = False  # unreadable manifest: rebuild
        if up_to_date:
            if uri:
                _publish_existing(uri, current, old, log)
            return BuildReport(False, current, old)

    previous = None if force or current is None else _previous(current, settings, hashes)
    parsed, skipped, warnings = parse_corpus([f for f in files if previous is None or f.name not in previous.files])
    if not parsed and previous is None:
        raise SourceError(f"none of the {len(files)} corpus files could be indexed: " + "; ".join(skipped.values()))
    documents: dict[str, Document] = {d.doc_id: d for d in previous.documents} if previous else {}
    sections: list[Section] = list(previous.sections) if previous else []
    new_sections: list[Section] = []
    for pf in parsed:
        for d in pf.documents:
            documents[d.doc_id] = d
        new_sections.extend(pf.sections)
    sections.extend(new_sections)
    texts = {pf.source: pf.text for pf in parsed}
    kept = list(previous.chunks) if previous else []
    chunks = [c if c.chunk_id == i else replace(c, chunk_id=i)
              for i, c in enumerate(kept + chunk_all(new_sections, documents, texts, settings.max_chars))]
    if previous:
        log(f"kept {len(previous.files)} unchanged files ({len(kept)} chunks) from {previous.path.name}")
    log(f"parsed {len(parsed)} files: {len(documents)} documents, {len(sections)} sections, {len(chunks)} chunks")

    terms = corpus_terms(documents.values(), sections) + policy_terms()
    tokenizer = Tokenizer(terms)
    counts = _term_counts(chunks, tokenizer, terms, previous)
    bm25 = BM25.from_counts(counts)
    per_chunk = [sentence_texts(c) for c in chunks]
    texts_to_embed = [c.embed_text() for c in chunks] + [t for ts in per_chunk for t in ts]
    cache = EmbeddingCache(index_dir / "embed-cache", settings.embed_key)   # one cache per model and encoder
    embedded = np.ascontiguousarray(cache.embed(texts_to_embed, embedder.embed_passages), dtype=np.float32)
    vectors = embedded[:len(chunks)]
    sentences = SentenceVectors.from_chunks([len(ts) for ts in per_chunk], embedded[len(chunks):])
    log(f"embedded {cache.misses} new chunks and sentences with {settings.model} ({settings.encoder}; "
        f"{cache.hits} from the cache)")

    index_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    tmp = index_dir / f".building-{stamp}-{os.getpid()}"
    tmp.mkdir()
    write_jsonl(tmp / "documents.jsonl", documents.values())
    write_jsonl(tmp / "sections.jsonl", sections)
    write_jsonl(tmp / "chunks.jsonl", chunks)
    write_faiss(_dense_index(vectors, previous), tmp / "vectors.faiss")
    sentences.save(tmp)
    bm25.save(tmp / "bm25")
    counts.save(tmp / "bm25.tf.npz")
    (tmp / "terms.txt").write_text("\n".join(terms) + "\n", encoding="utf-8")
    (tmp / "sources").mkdir()
    for name, text in texts.items():   # the decoded texts every offset points into
        (tmp / "sources" / name).write_text(text, encoding="utf-8", newline="")
    for name in sorted(previous.files) if previous else ():
        shutil.copyfile(previous.path / "sources" / name, tmp / "sources" / name)
    manifest = Manifest(
        schema_version=SCHEMA_VERSION, settings=settings, files={k: v for k, v in hashes.items() if k not in skipped},
        dim=int(vectors.shape[1]) if vectors.size else embedder.dim,
        counts={"files": len(parsed) + (len(previous.files) if previous else 0), "documents": len(documents), "sections": len(sections), "chunks": len(chunks),
                "sentences": len(sentences.vectors)},
        skipped=skipped, built_at=datetime.now().isoformat(timespec="seconds"),
        build_seconds=round(time.perf_counter() - started, 2), checksums=tree_hashes(tmp))
    (tmp / "manifest.json").write_text(manifest.to_json(), encoding="utf-8")
    _fsync_dir(tmp)

    final = index_dir / f"v{stamp}-{os.getpid()}"
    n = 1
    while final.exists():       # a second build in the same second by the same process (a quick incremental one)
        final, n = index_dir / f"v{stamp}-{os.getpid()}-{n}", n + 1
    if uri:      # before the switch: no reader sees a version without its collection
        from .milvus import publish

        log(f"published to Milvus collection {publish(uri, final.name, vectors, bm25.weights)} at {uri}")
    os.rename(tmp, final)
    link_tmp = index_dir / f".{CURRENT}-{os.getpid()}"
    if link_tmp.is_symlink():
        link_tmp.unlink()
    os.symlink(final.name, link_tmp)
    os.replace(link_tmp, index_dir / CURRENT)      # the atomic switch
    _fsync_dir(index_dir)
    cache.save(keep={EmbeddingCache.key(t) for t in texts_to_embed})
    versions = {p.name for p in index_dir.iterdir() if p.name.startswith("v")}
    _remove_old(index_dir, keep={final.name, current.name if current else ""})
    if uri:
        from .milvus import point_alias, retire

        point_alias(uri, final.name)
        retire(uri, sorted(v for v in versions if not (index_dir / v).exists()))
    return BuildReport(True, final, manifest, tuple(warnings))


def _previous(current: Path, settings: Settings, hashes: dict[str, str]) -> Previous | None:
    """The version in use, if an incremental build can start from it: same schema and settings, intact."""
    try:
        old = Manifest.read(current / "manifest.json")
    except AssistantError:
        return None
    kept = frozenset(name for name, digest in hashes.items() if old.files.get(name) == digest)
    if (not kept or differences(old, settings) or not (current / "bm25.tf.npz").exists()
            or damaged_files(current, old.checksums)):
        return None                        # other settings, older schema or damaged: build from the texts
    try:
        documents = read_documents(current / "documents.jsonl")
        sections = read_sections(current / "sections.jsonl")
        chunks = read_chunks(current / "chunks.jsonl")
        vocab = json.loads((current / "bm25.vocab.json").read_text(encoding="utf-8"))
        counts = Counts.load(current / "bm25.tf.npz", vocab)
        terms = frozenset((current / "terms.txt").read_text(encoding="utf-8").splitlines())
    except (OSError, ValueError, TypeError, KeyError):
        return None
    if counts.tf.shape[0] != len(chunks):
        return None
    rows = [i for i, c in enumerate(chunks) if c.source in kept]
    return Previous(current, kept, [d for d in documents if d.source in kept],
                    [s for s in sections if s.source in kept], [chunks[i] for i in rows], rows, counts, terms,
                    whole=len(rows) == len(chunks))


def _term_counts(chunks: list[Chunk], tokenizer: Tokenizer, terms: list[str], previous: Previous | None) -> Counts:
    """BM25 term counts of every chunk: the old rows of kept chunks, fresh ones for the rest.

    A kept chunk is tokenized again only if it contains a dictionary term that was added or
    dropped: jieba cuts a text the same way whatever terms it does not contain (tokenize.py).
    """
    if previous is None:
        return Counts.of([tokenizer.tokens(c.bm25_text()) for c in chunks])
    changed = sorted(set(terms) ^ previous.terms, key=len, reverse=True)
    touched = re.compile("|".join(map(re.escape, changed))) if changed else None
    redo = [i for i, c in enumerate(previous.chunks)
            if touched is not None and touched.search(Tokenizer.normalize(c.bm25_text()))]
    fresh_ids = redo + list(range(len(previous.chunks), len(chunks)))
    fresh = Counts.of([tokenizer.tokens(chunks[i].bm25_text()) for i in fresh_ids], vocab=previous.counts.vocab)
    both = Counts.stack([previous.counts.rows(previous.rows), fresh])
    order = np.arange(len(chunks))
    order[fresh_ids] = len(previous.chunks) + np.arange(len(fresh_ids))
    return both.rows(order).pruned()


def _dense_index(vectors: np.ndarray, previous: Previous | None):
    """The FAISS index: the old HNSW graph extended when files were only added, else built anew."""
    n_old = len(previous.chunks) if previous else 0
    if previous is not None and previous.whole and n_old > faiss_files.EXACT_LIMIT:
        index = read_faiss(previous.path / "vectors.faiss", vectors.shape[1], n_old)
        if hasattr(index, "hnsw"):
            index.hnsw.efConstruction = EF_CONSTRUCTION
            index.add(vectors[n_old:])
            return index
    return build_faiss(vectors)


def _store_uri(store: str, store_uri: str, index_dir: Path) -> str:
    """The Milvus URI to publish to ("" for the FAISS store), connected once to fail early."""
    if store != "milvus":
        return ""
    from .milvus import connect, default_uri

    index_dir.mkdir(parents=True, exist_ok=True)
    uri = store_uri or default_uri(index_dir)
    connect(uri)
    return uri


def _publish_existing(uri: str, path: Path, manifest: Manifest, log: Callable[[str], None]) -> None:
    """An up-to-date version missing from Milvus → its collection, from the version's own files."""
    from .milvus import is_published, point_alias, publish
    from .vectors import read_faiss

    count = manifest.counts.get("chunks", 0)
    if not is_published(uri, path.name, count):
        vectors = read_faiss(path / "vectors.faiss", manifest.dim, count).reconstruct_n(0, count)
        log(f"published to Milvus collection {publish(uri, path.name, vectors, BM25.load(path / 'bm25').weights)}"
            f" at {uri}")
    point_alias(uri, path.name)


def _fsync_dir(path: Path) -> None:
    for p in [*path.iterdir(), path] if path.is_dir() else [path]:
        if p.is_symlink():
            continue
        fd = os.open(p, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _remove_old(index_dir: Path, keep: set[str]) -> None:
    """Keep the new version and the one before it (a reader may still have it open)."""
    for p in index_dir.iterdir():
        if p.is_dir() and not p.is_symlink() and p.name.startswith(("v", ".building-")) and p.name not in keep:
            shutil.rmtree(p, ignore_errors=True)
