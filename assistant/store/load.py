"""An index folder → a loaded KnowledgeBase (records, search store, BM25, tokenizer), checked.

The search store is the version's FAISS file (`store="faiss"`) or its Milvus
collection (`store="milvus"`, see milvus.py); records, BM25 vocabulary and
sentence vectors always come from the version folder.

Loading refuses an index built with other settings, a damaged FAISS or BM25
file, or files whose counts disagree with the manifest, with a message that
names the problem and the rebuild command. It never answers from a broken index.
"""
from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..chunk import LEAD_IN
from ..embed.encoder import Embedder
from ..errors import IndexMismatch, IndexMissing
from ..place import local_place
from ..support import HOME_PLACE, document_place
from ..text import norm_compare
from ..titles import SHORTEST, title_key
from ..types import Chunk, Document, Section
from .backend import LocalStore, SearchStore, StoreError, check_store
from .bm25 import BM25
from .build import current_version
from .manifest import REBUILD, Manifest, Settings, check_compatible, damaged_files
from .records import read_chunks, read_documents, read_sections
from .sentences import SentenceVectors
from .tokenize import Tokenizer
from .vectors import as_vector_store, read_faiss


@dataclass
class KnowledgeBase:
    path: Path
    manifest: Manifest
    documents: dict[str, Document]
    sections: list[Section]
    chunks: list[Chunk]
    faiss_index: object
    bm25: BM25
    tokenizer: Tokenizer
    embedder: Embedder
    sentences: SentenceVectors          # one vector per sentence (sentences.py), from the version folder
    store: SearchStore | None = None    # what retrieval searches; None: the FAISS index and BM25 above
    section_prior: object | None = None   # sectionprior.SectionPrior, set by the Assistant; None: no rerank

    @cached_property
    def vector_store(self):
        if self.faiss_index is None:
            raise StoreError(f"kb.vector_store wraps the FAISS index; this index is searched in Milvus "
                             f"({getattr(self.store, 'name', '')}); load it with store='faiss' for a FAISS store")
        return as_vector_store(self.faiss_index)

    @cached_property
    def sections_by_doc(self) -> dict[str, list[Section]]:
        out: dict[str, list[Section]] = {}
        for s in self.sections:
            out.setdefault(s.doc_id, []).append(s)
        return out

    def section_of(self, chunk: Chunk) -> Section | None:
        return next((s for s in self.sections_by_doc.get(chunk.doc_id, []) if s.ordinal == chunk.section_ordinal),
                    None)

    def parent_of(self, section: Section) -> Section | None:
        """The section this one is numbered right inside (三（一） for 三（一）2.); None for a top one."""
        return max((s for s in self.sections_by_doc.get(section.doc_id, [])
                    if section.path.startswith(s.path) and s.path != section.path and s.level < section.level),
                   key=lambda s: len(s.path), default=None)

    def items_inside(self, section: Section) -> list[Section]:
        """The sections numbered right inside this one (1. 2. 3. of （四）下列事项…：), in document order."""
        inside = [s for s in self.sections_by_doc.get(section.doc_id, [])
                  if s.path.startswith(section.path) and s.path != section.path]
        level = min((s.level for s in inside), default=0)
        return [s for s in inside if s.level == level]

    def items_led_in(self, chunk: Chunk) -> list[Section]:
        """The items of the list a chunk leads in to ("(四) 下列事项，可不列入…目录：" → its 1. 2. 3.): the
        sections numbered right inside its own when its text ends with a colon; [] otherwise."""
        own = self.section_of(chunk) if LEAD_IN.search(chunk.text) else None
        return self.items_inside(own) if own is not None else []

    @cached_property
    def _section_positions(self) -> dict[tuple[str, int], int]:
        return {(s.doc_id, s.ordinal): n for secs in self.sections_by_doc.values() for n, s in enumerate(secs)}

    def sections_in(self, chunk: Chunk) -> list[Section]:
        """The chunk's own section, then those numbered inside it whose text the chunk holds (a lead-in or an
        article chunked with its items, chunk.py)."""
        secs = self.sections_by_doc.get(chunk.doc_id, [])
        n = self._section_positions.get((chunk.doc_id, chunk.section_ordinal))
        if n is None:
            return []
        out = [secs[n]]
        for k in range(n + 1, len(secs)):     # indexes, not a slice: a slice per chunk is quadratic in a long law
            s = secs[k]
            if s.start >= chunk.end or s.level <= out[0].level or not s.path.startswith(out[0].path):
                break
            out.append(s)
        return out

    @cached_property
    def chunks_by_section(self) -> dict[tuple[str, int], list[Chunk]]:
        """(doc_id, section ordinal) → the chunks holding the section's text: its own, or the one its lead-in or
        article was chunked with."""
        out: dict[tuple[str, int], list[Chunk]] = {}
        for c in self.chunks:
            for s in self.sections_in(c):
                out.setdefault((c.doc_id, s.ordinal), []).append(c)
        return out

    @cached_property
    def places(self) -> dict[str, str]:
        """doc_id → the other province or city whose local rule the document is (place.py); national
        and home-region documents are absent."""
        return {d.doc_id: p for d in self.documents.values() if (p := local_place(d.title))}

    @cached_property
    def home_documents(self) -> frozenset[str]:
        """Ids of the home region's own texts (宁政办发…, 全区…; support.document_place), found once: retrieval
        asks it of every candidate."""
        return frozenset(d.doc_id for d in self.documents.values()
                         if document_place(d.title, d.doc_number or "") == HOME_PLACE)

    @cached_property
    def version(self) -> str:
        return self.path.name

    @cached_property
    def known_titles(self) -> tuple[str, ...]:
        """Titles of the documents held (policy and notice titles)."""
        return tuple(t for d in self.documents.values() for t in (d.title, d.notice_title) if t)

    @cached_property
    def title_keys(self) -> dict[str, tuple[str, ...]]:
        """doc_id → its titles of SHORTEST characters or more as a question may name them (titles.title_key:
        浙江快递业促进条例 names 浙江省快递业促进条例)."""
        keys = {d.doc_id: tuple(k for k in (title_key(t) for t in (d.title, d.notice_title) if t)
                                if len(k) >= SHORTEST) for d in self.documents.values()}
        return {d: k for d, k in keys.items() if k}

    def document_text(self, doc_id: str) -> str:
        if doc_id not in self._doc_texts:
            self._doc_texts[doc_id] = "\n".join(s.text for s in self.sections_by_doc.get(doc_id, []))
        return self._doc_texts[doc_id]

    def source_text(self, name: str) -> str:
        """The decoded text of a corpus file as indexed (cached)."""
        if name not in self._sources:
            with (self.path / "sources" / name).open(encoding="utf-8", newline="") as f:
                self._sources[name] = f.read()
        return self._sources[name]

    def __post_init__(self) -> None:
        if self.store is None:
            self.store = LocalStore(self.faiss_index, self.bm25)
        self._sources: dict[str, str] = {}
        self._doc_texts: dict[str, str] = {}


def open_index(index_dir: Path, settings: Settings, embedder: Embedder, corpus_dir: Path,
               store: str = "faiss", store_uri: str = "") -> KnowledgeBase:
    check_store(store)
    fix = REBUILD.format(corpus=corpus_dir, index=index_dir)
    path = current_version(index_dir)
    if path is None or not (path / "manifest.json").exists():
        raise IndexMissing(f"no index in {index_dir}; build it: {fix}")
    try:
        manifest = Manifest.read(path / "manifest.json")
    except IndexMismatch as e:
        raise IndexMismatch(f"{e}; rebuild it: {fix}") from e
    check_compatible(manifest, settings, index_dir, corpus_dir)
    damaged = damaged_files(path, manifest.checksums)
    if damaged:
        raise IndexMismatch(f"{path}: index files changed or damaged since the build ({', '.join(damaged)}); "
                            f"rebuild it: {fix}")
    try:
        documents = {d.doc_id: d for d in read_documents(path / "documents.jsonl")}
        sections = read_sections(path / "sections.jsonl")
        chunks = read_chunks(path / "chunks.jsonl")
        bm25 = BM25.load(path / "bm25")
        terms = (path / "terms.txt").read_text(encoding="utf-8").splitlines()
        sentences = SentenceVectors.load(path, len(chunks), manifest.dim)
    except IndexMismatch as e:
        raise IndexMismatch(f"{e}; rebuild it: {fix}") from e
    except (OSError, ValueError, TypeError, KeyError, EOFError, zlib.error, zipfile.BadZipFile) as e:
        raise IndexMismatch(f"{path}: missing or damaged index file ({e}); rebuild it: {fix}") from e
    if len(chunks) != manifest.counts.get("chunks") or bm25.weights.shape[0] != len(chunks):
        raise IndexMismatch(f"{path}: chunk counts disagree (manifest {manifest.counts.get('chunks')}, "
                            f"chunks.jsonl {len(chunks)}, BM25 {bm25.weights.shape[0]}); rebuild it: {fix}")
    if store == "milvus":      # the vectors live in the shared engine; no FAISS file is read
        from .milvus import default_uri, open_milvus

        uri = store_uri or default_uri(index_dir)
        searched = open_milvus(uri, path.name, manifest.dim, len(chunks), bm25.vocab,
                               f"{fix} --store milvus --store-uri {uri}")
        return KnowledgeBase(path, manifest, documents, sections, chunks, None, bm25, Tokenizer(terms), embedder,
                             sentences, searched)
    try:
        faiss_index = read_faiss(path / "vectors.faiss", manifest.dim, len(chunks))
    except IndexMismatch as e:
        raise IndexMismatch(f"{e}; rebuild it: {fix}") from e
    return KnowledgeBase(path, manifest, documents, sections, chunks, faiss_index, bm25, Tokenizer(terms), embedder,
                         sentences)
