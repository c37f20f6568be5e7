"""Command line: python -m assistant SUBCOMMAND (index, sections, documents, search, ask, eval, serve).

With --json each result is one JSON object per line (the contract eval runs
read); without it, readable Chinese. Errors are one line on stderr and a
non-zero exit: 2 for bad input or usage, 3 for a missing or mismatched index,
4 when `index` skipped some files.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any, Iterator

from .config import Config, from_env
from .embed.encoder import ENCODERS
from .errors import AssistantError, BadQuestion, IndexMismatch, IndexMissing, SourceError
from .store.backend import STORES


def _emit(obj: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _batch(path: str) -> Iterator[tuple[str, str]]:
    try:
        f = sys.stdin if path == "-" else open(path, encoding="utf-8")
    except OSError as e:
        raise BadQuestion(f"{path}: cannot open batch file ({e.strerror})") from e
    with f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                yield str(item.get("id", n)), item["question"]
            except (ValueError, KeyError, AttributeError) as e:
                raise BadQuestion(f"{path}:{n}: expected a JSON object with \"id\" and \"question\"") from e


def _config(args: argparse.Namespace) -> Config:
    return from_env(corpus=getattr(args, "corpus", None), index=getattr(args, "index", None),
                    model=getattr(args, "model", None), encoder=getattr(args, "encoder", None),
                    store=getattr(args, "store", None), store_uri=getattr(args, "store_uri", None))


def cmd_index(args) -> int:
    from .api import Assistant

    a = Assistant(_config(args))
    log = (lambda s: None) if args.json else (lambda s: print(s, file=sys.stderr))
    report = a.build(force=args.force, log=log)
    m = report.manifest
    if args.json:
        _emit({"built": report.built, "path": str(report.path), "counts": m.counts, "skipped": m.skipped,
               "warnings": list(report.warnings), "build_seconds": m.build_seconds})
    else:
        state = "已重建" if report.built else "索引已是最新，无需重建"
        print(f"{state}：{m.counts.get('files')} 个文件、{m.counts.get('documents')} 个文档，{m.counts.get('sections')} 个条款，"
              f"{m.counts.get('chunks')} 个片段（{report.path}）")
        for name, reason in m.skipped.items():
            print(f"已跳过 {name}：{reason}")
        for w in report.warnings:
            print(f"注意：{w}")
    return 4 if report.built and m.skipped else 0


def cmd_sections(args) -> int:
    from .jsonout import section_json
    from .parse import parse_file

    path = Path(args.file)
    if not path.is_file():
        raise SourceError(f"{path}: no such file")
    pf = parse_file(path)
    docs = {d.doc_id: d for d in pf.documents}
    for s in pf.sections:
        if args.json:
            _emit(section_json(s, docs[s.doc_id]))
        else:
            d = docs[s.doc_id]
            print(f"【{d.doc_number or d.title}】{s.path}  [{s.start}:{s.end}]\n  {s.text[:80]}")
    return 0


def cmd_documents(args) -> int:
    from .api import Assistant
    from .jsonout import document_json

    today = date.today()
    for d in Assistant(_config(args)).documents():
        j = document_json(d, today)
        if args.json:
            _emit(j)
        else:
            print(f"{j['doc_number'] or '（无文号）'}  {j['title']}\n  {j['issuer']}  {j['date']}  {j['validity']}")
    return 0


def cmd_search(args) -> int:
    from .api import Assistant
    from .jsonout import hit_json

    a = Assistant(_config(args))
    if args.batch:
        for qid, q in _batch(args.batch):
            _emit({"id": qid, "hits": [hit_json(h) for h in a.search(q, k=args.k)]})
        return 0
    hits = a.search(_question(args), k=args.k)
    for h in hits:
        if args.json:
            _emit(hit_json(h))
        else:
            c = h.chunk
            print(f"{h.rank}. 【{c.doc_number or c.title}】{c.section}（{h.score:.4f}）\n   {c.text[:120]}")
    return 0


def cmd_ask(args) -> int:
    from .api import Assistant
    from .jsonout import answer_json

    a = Assistant(_config(args))
    if args.batch:
        for qid, q in _batch(args.batch):
            try:
                _emit(answer_json(a.ask(q), qid))
            except BadQuestion as e:
                _emit({"id": qid, "question": q, "error": str(e)})
        return 0
    ans = a.ask(_question(args))
    if args.json:
        _emit(answer_json(ans))
    else:
        print(ans.answer)
    return 0


def cmd_eval(args) -> int:
    from .evaluate import format_report, run_eval

    result = run_eval(_config(args), Path(args.qa), k=10, split=args.split, with_answers=not args.no_answers)
    if args.json:
        _emit(result)
    else:
        print(format_report(result))
    return 0


def cmd_serve(args) -> int:
    from ui.app import serve

    serve(_config(args), host=args.host, port=args.port, auth=args.auth)
    return 0


def _question(args) -> str:
    if not args.question:
        raise BadQuestion("give a question, e.g. python -m assistant ask \"企业投诉怎么转办？\", or --batch FILE.jsonl")
    return " ".join(args.question)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m assistant", description="宁夏12345热线企业服务政策知识库")
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp, index=True):
        sp.add_argument("--json", action="store_true", help="one JSON object per line")
        if index:
            sp.add_argument("--index", type=Path, help="index folder (default: index/)")
            sp.add_argument("--corpus", type=Path, help="corpus folder (default: corpus/)")
            sp.add_argument("--model", help="embedding model: sentence-transformers folder or name")
            sp.add_argument("--encoder", choices=ENCODERS,
                            help="embedding runtime: torch (fp32, default) or onnx-int8 (int8, faster)")
            sp.add_argument("--store", choices=STORES, help="vector store: faiss (index files, default) or milvus")
            sp.add_argument("--store-uri", help="milvus: http://HOST:19530 or a milvus-lite folder "
                                                "(default: INDEX/milvus.db)")

    sp = sub.add_parser("index", help="build or update the index from the corpus folder")
    common(sp)
    sp.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    sp.set_defaults(func=cmd_index)

    sp = sub.add_parser("sections", help="parse one file and list its sections")
    sp.add_argument("file")
    common(sp, index=False)
    sp.set_defaults(func=cmd_sections)

    sp = sub.add_parser("documents", help="list indexed documents with validity status")
    common(sp)
    sp.set_defaults(func=cmd_documents)

    for name, func, help_ in (("search", cmd_search, "ranked sections for a question"),
                              ("ask", cmd_ask, "a cited answer to a question")):
        sp = sub.add_parser(name, help=help_)
        sp.add_argument("question", nargs="*")
        sp.add_argument("--batch", help="JSONL file with id and question per line (- for stdin)")
        if name == "search":
            sp.add_argument("-k", type=int, default=10, help="number of hits (default 10)")
        common(sp)
        sp.set_defaults(func=func)

    sp = sub.add_parser("eval", help="run a known-Q&A file and print metrics by question type")
    sp.add_argument("--qa", required=True, help="JSONL known Q&A (format: evals/README.md)")
    sp.add_argument("--split", help="only questions whose split field is this (tune / holdout)")
    sp.add_argument("--no-answers", action="store_true", help="ranking metrics only (skip ask)")
    common(sp)
    sp.set_defaults(func=cmd_eval)

    sp = sub.add_parser("serve", help="start the chat (Gradio)")
    sp.add_argument("--host", default="127.0.0.1")
    sp.add_argument("--port", type=int, default=7860)
    sp.add_argument("--auth", help="user:password: the whole app and its API then require this login")
    common(sp)
    sp.set_defaults(func=cmd_serve)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if getattr(args, "k", 1) is not None and getattr(args, "k", 1) < 1:
        print("错误：-k 必须是正整数 (-k must be a positive integer)", file=sys.stderr)
        return 2
    try:
        return args.func(args)
    except (BadQuestion, SourceError) as e:
        print(f"错误：{e}", file=sys.stderr)
        return 2
    except (IndexMissing, IndexMismatch) as e:
        print(f"错误：{e}", file=sys.stderr)
        return 3
    except AssistantError as e:
        print(f"错误：{e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
