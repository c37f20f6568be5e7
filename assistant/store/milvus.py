"""Chunk vectors + BM25 weights → a Milvus collection per index version; searched as a `SearchStore`.

    collection nx12345_v20261129_180501_1234       (one per index version, never changed after the build)
      id      INT64 primary key                    = chunk position in chunks.jsonl
      dense   FLOAT_VECTOR(384), FLAT + IP         = the same normalised vectors as vectors.faiss
      sparse  SPARSE_FLOAT_VECTOR, inverted + IP   = the chunk's BM25 weights {term id: weight}
    alias nx12345_current → the collection of the version `index/current` points at

A query's BM25 is then a sparse inner product with {term id: count}: the same
sum as `BM25.scores`. Milvus's own BM25 function is not used: it would tokenise
and weight differently, and the known Q&A scores must not depend on the store.
The version folder stays the metadata (chunks, sections, manifest); a replica
reads the collection named after the version it loaded, so vectors and chunk
texts always come from the same build. The URI is a Milvus server
(http://host:19530) or a milvus-lite folder (default index/milvus.db, one
process at a time). Needs: pip install pymilvus==3.0.2 milvus-lite==3.2.2
"""
from __future__ import annotations

import logging
import re
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..errors import IndexMismatch, IndexMissing
from .backend import StoreError, query_terms
from .vectors import EF_CONSTRUCTION, EF_SEARCH, EXACT_LIMIT, HNSW_M

INSTALL = "pip install pymilvus==3.0.2 milvus-lite==3.2.2"
PREFIX = "nx12345"
ALIAS = f"{PREFIX}_current"
BATCH = 1000

_clients: dict[str, object] = {}
_lock = threading.Lock()


def default_uri(index_dir: Path) -> str:
    return str(index_dir / "milvus.db")


def collection_name(version: str) -> str:
    """An index version folder → its collection: v20261129-180501-1234 → nx12345_v20261129_180501_1234."""
    return f"{PREFIX}_" + re.sub(r"[^0-9A-Za-z_]", "_", version)


def connect(uri: str):
    """One client per URI per process (milvus-lite serves a .db folder from inside this process)."""
    try:
        from pymilvus import MilvusClient
    except ImportError as e:
        raise StoreError(f"--store milvus needs the Milvus client: {INSTALL}") from e
    with _lock:
        if uri not in _clients:
            quiet = logging.getLogger("milvus_lite.server_manager")   # its traceback would bury our message
            quiet.disabled, was = True, quiet.disabled
            try:
                _clients[uri] = MilvusClient(uri=uri)
            except Exception as e:  # pymilvus raises its own exception types with server text
                hint = (f"milvus-lite serves {uri} to one process at a time: stop the other one (a running "
                        f"`serve`?) or use a Milvus server, --store-uri http://HOST:19530; if milvus-lite is "
                        f"missing: {INSTALL}") if uri.endswith(".db") else "check that the Milvus server is up"
                raise StoreError(f"cannot open Milvus at {uri} ({_first_line(e)}); {hint}") from e
            finally:
                quiet.disabled = was
        return _clients[uri]


def publish(uri: str, version: str, vectors: np.ndarray, weights, exact_limit: int = EXACT_LIMIT) -> str:
    """Write one version's vectors and BM25 weights (documents × terms, scipy sparse) into a new collection."""
    from pymilvus import DataType

    client, name = connect(uri), collection_name(version)
    if client.has_collection(name):    # left by a build killed before its switch, or a damaged one
        for alias in client.list_aliases(collection_name=name).get("aliases", []):
            client.drop_alias(alias)   # Milvus will not drop an aliased collection
        client.drop_collection(name)
    schema = client.create_schema(auto_id=False, enable_dynamic_field=False)
    schema.add_field("id", DataType.INT64, is_primary=True)
    schema.add_field("dense", DataType.FLOAT_VECTOR, dim=int(vectors.shape[1]))
    schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
    params = client.prepare_index_params()
    if len(vectors) <= exact_limit:    # exact, like IndexFlatIP: both stores give the same top-n
        params.add_index("dense", index_type="FLAT", metric_type="IP")
    else:
        params.add_index("dense", index_type="HNSW", metric_type="IP", params={"M": HNSW_M, "efConstruction": EF_CONSTRUCTION})
    params.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="IP",
                     params={"drop_ratio_build": 0.0})
    client.create_collection(name, schema=schema)
    # a server builds indexes in the background: wait for them; milvus-lite builds them in the call
    # (and lacks the timestamp call the wait uses)
    client.create_index(name, params, sync=not uri.endswith(".db"))
    client.load_collection(name)
    w = weights.tocsr()
    empty = {w.shape[1]: 1.0}          # Milvus refuses an empty sparse row; no query carries this term id
    for start in range(0, len(vectors), BATCH):
        rows = []
        for i in range(start, min(start + BATCH, len(vectors))):
            lo, hi = w.indptr[i], w.indptr[i + 1]
            sparse = dict(zip(w.indices[lo:hi].tolist(), w.data[lo:hi].tolist())) or empty
            rows.append({"id": i, "dense": vectors[i].tolist(), "sparse": sparse})
        client.insert(name, rows)
    client.flush(name)
    _check_count(client, name, len(vectors), uri, "rebuild it")
    return name


def point_alias(uri: str, version: str) -> None:
    """Move `nx12345_current` to this version's collection (for tools that follow the live version)."""
    client, name = connect(uri), collection_name(version)
    if ALIAS in client.list_aliases().get("aliases", []):
        client.alter_alias(name, ALIAS)
    else:
        client.create_alias(name, ALIAS)


def retire(uri: str, versions: Sequence[str]) -> None:
    """Drop the collections of version folders the build removed."""
    client = connect(uri)
    for v in versions:
        if client.has_collection(collection_name(v)):
            client.drop_collection(collection_name(v))


def is_published(uri: str, version: str, count: int) -> bool:
    client, name = connect(uri), collection_name(version)
    return client.has_collection(name) and _count(client, name) == count


class MilvusStore:
    """The `SearchStore` of one index version, answered by Milvus."""

    def __init__(self, client, name: str, vocab: dict[str, int], exact: bool = True):
        self.client, self.name, self.vocab, self.exact = client, name, vocab, exact

    def dense_top(self, qv: np.ndarray, n: int) -> dict[int, float]:
        if n <= 0:
            return {}
        params = {"metric_type": "IP"} | ({} if self.exact else {"params": {"ef": max(EF_SEARCH, n)}})
        res = self.client.search(self.name, data=[qv.astype(np.float32).tolist()], anns_field="dense", limit=n,
                                 output_fields=["id"], search_params=params)
        return {int(h["id"]): float(h["distance"]) for h in res[0]}

    def dense_scores(self, ids: Sequence[int], qv: np.ndarray) -> np.ndarray:
        if not len(ids):
            return np.zeros(0)
        rows = {int(r["id"]): r["dense"] for r in self.client.get(self.name, ids=[int(i) for i in ids],
                                                                   output_fields=["dense"])}
        qv = qv.astype(np.float32)
        return np.array([float(np.asarray(rows[int(i)], dtype=np.float32) @ qv) for i in ids], dtype=np.float64)

    def _sparse_search(self, tokens: list[str], limit: int, filter: str = "") -> dict[int, float]:
        q = query_terms(self.vocab, tokens)
        if not q or limit <= 0:
            return {}
        res = self.client.search(self.name, data=[q], anns_field="sparse", limit=limit, filter=filter,
                                 output_fields=["id"],
                                 search_params={"metric_type": "IP", "params": {"drop_ratio_search": 0.0}})
        return {int(h["id"]): float(h["distance"]) for h in res[0] if h["distance"] > 0}

    def lexical_top(self, tokens: list[str], n: int) -> dict[int, float]:
        return self._sparse_search(tokens, n)

    def lexical_scores(self, ids: Sequence[int], tokens: list[str]) -> np.ndarray:
        ids = [int(i) for i in ids]
        found = self._sparse_search(tokens, len(ids), f"id in {ids}") if ids else {}
        return np.array([found.get(i, 0.0) for i in ids], dtype=np.float64)


def open_milvus(uri: str, version: str, dim: int, count: int, vocab: dict[str, int], fix: str) -> MilvusStore:
    """The collection of a loaded version, checked: present, loaded, one row per chunk."""
    if uri.endswith(".db") and not Path(uri).exists():
        raise IndexMissing(f"no milvus-lite store at {uri}; publish the index there: {fix}")
    client, name = connect(uri), collection_name(version)
    if not client.has_collection(name):
        raise IndexMissing(f"Milvus at {uri} has no collection {name} for index version {version}; "
                           f"publish it: {fix}")
    client.load_collection(name)
    dense = [f for f in client.describe_collection(name)["fields"] if f["name"] == "dense"]
    if not dense or int(dense[0].get("params", {}).get("dim", -1)) != dim:
        raise IndexMismatch(f"Milvus collection {name} at {uri} does not hold {dim}-dimensional vectors; "
                            f"rebuild it: {fix} --force")
    _check_count(client, name, count, uri, f"rebuild it: {fix} --force")
    return MilvusStore(client, name, vocab, exact=count <= EXACT_LIMIT)


def _count(client, name: str) -> int:
    rows = client.query(name, filter="", output_fields=["count(*)"])
    return int(rows[0]["count(*)"]) if rows else 0


def _check_count(client, name: str, expect: int, uri: str, fix: str) -> None:
    got = _count(client, name)
    if got != expect:
        raise IndexMismatch(f"Milvus collection {name} at {uri} holds {got} chunks, the index {expect}; {fix}")


def _first_line(e: Exception) -> str:
    return (str(e).strip().splitlines() or [type(e).__name__])[0]
