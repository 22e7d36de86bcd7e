"""`disclosure`: the command line. Every command prints JSON with --json; exit 0 on success,
1 when some input failed (the rest was still done), 2 for a usage or configuration error."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import unicodedata
from pathlib import Path

from app import labels
from core.errors import CheckError, DisclosureError
from core.sanitise import one_line
from core.schemas import Citation, DocType, Scope


def _print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _service():
    from app.service import DisclosureService

    return DisclosureService()


def cmd_ingest(args) -> int:
    svc = _service()
    bar = None
    if not args.json or sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=0, unit="个文件", file=sys.stderr, disable=not sys.stderr.isatty(), desc="导入")

    def progress(name: str, done: int, total: int) -> None:
        if bar is not None:
            bar.total = total
            bar.n = done
            bar.set_postfix_str(name[:40])
            bar.refresh()

    outcomes = svc.ingest([Path(p) for p in args.paths], progress=progress)
    if bar is not None:
        bar.close()
    failed = [o for o in outcomes if o.status == "error"]
    skipped = [o for o in outcomes if o.status == "skipped"]
    if args.json:
        _print_json({"files": [o.model_dump(mode="json") for o in outcomes], "docs": len(svc.docs()),
                     "chunks": svc.store.chunk_count()})
    else:
        for o in outcomes:
            print(labels.outcome(o))
        print(f"成功 {len(outcomes) - len(failed) - len(skipped)} 个，失败 {len(failed)} 个"
              + (f"，跳过 {len(skipped)} 个" if skipped else "")
              + f"；档案中共 {len(svc.docs())} 份文档、{svc.store.chunk_count()} 个段落")
    return 1 if failed or skipped else 0


def cmd_search(args) -> int:
    svc = _service()
    hits, parsed = svc.search(args.question, k=args.k, unit=args.unit, year=args.year, doc_type=args.type,
                              mode=args.mode)
    if args.json:
        _print_json({"query": parsed.model_dump(mode="json"), "hits": [h.model_dump(mode="json") for h in hits]})
        return 0
    f = parsed.filters
    shown = "，".join(x for x in [f.unit and f"单位={f.unit}", f.year and f"年度={f.year}",
                                  f.doc_type and f"类型={labels.doc_type(f.doc_type)}"] if x)
    if shown:
        print(f"筛选：{shown}")
    if not hits:
        print("没有找到相关段落" + ("（在这些筛选条件下）" if shown else ""))
    for i, h in enumerate(hits, 1):
        c = h.citation
        print(f"[{i}] {labels.cite_label(c)}（{c.source}）· {labels.CHUNK_KIND[h.kind]} · 相关度 {h.score:.4f}")
        if h.section_path:
            print("    " + " > ".join(h.section_path[-2:]))
        quote = " ".join(c.quote.split())
        print("    " + (quote[:300] + ("…" if len(quote) > 300 else "")))
    return 0


def cmd_extract(args) -> int:
    if args.view:
        view = _service().disclosure(args.target)
        if args.json:
            _print_json(view.model_dump(mode="json"))
        else:
            print(f"{labels.document(view.unit_name, view.fiscal_year, view.doc_type, view.source)}（{view.source}）")
            for key, f in view.summary.items():
                print(f"  {_pad(labels.metric(key), 30)} {f.value:>14} {f.unit}")
            for p in view.projects:
                money = "，".join(f"{name}{x.value}{x.unit}" for name, x in (
                    ("预算", p.budget), ("执行", p.actual), ("执行率", p.execution_rate), ("得分", p.score)) if x)
                print(f"  项目 {p.name}：{money}；指标 {len(p.indicators)} 项")
        return 0
    ex = _service().extract(args.target, llm=args.llm)
    if args.json:
        _print_json(ex.model_dump(mode="json"))
        return 0
    print(f"{labels.document(ex.unit_name, ex.fiscal_year, ex.doc_type, ex.source)}（{ex.source}）· "
          f"{len(ex.figures)} 个数字")
    for f in ex.figures:
        print(f"  {_pad(labels.metric(f.key), 40)} {f.value:>12} {_pad(f.unit, 4)} "
              f"{labels.SOURCE_KIND.get(f.source_kind, f.source_kind)} {labels.METHOD.get(f.method, f.method)} "
              f"{f.citation.where('zh')}")
    for w in ex.warnings:
        print(f"  说明：{labels.reason(w)}")
    return 0


def cmd_check(args) -> int:
    from decimal import Decimal

    if args.dismiss and not (args.reason or "").strip():
        raise CheckError("--dismiss needs --reason \"…\": why the finding is not a problem")
    svc = _service()
    tolerance = Decimal(args.tolerance)
    if args.dismiss:
        marked = svc.dismiss(args.target, args.dismiss, args.reason or "", tolerance=tolerance)
        if args.json:
            _print_json({"dismissed": marked.model_dump(mode="json")})
        else:
            print(f"已标记为非问题：[{marked.finding_id}] {marked.description}：{marked.message}")
            print(f"  理由：{marked.dismissed.reason if marked.dismissed else ''}")
        return 0
    if args.undismiss:
        removed = svc.undismiss(args.target, args.undismiss)
        if args.json:
            _print_json({"finding_id": args.undismiss, "undismissed": removed})
        else:
            print(("已取消标记 " if removed else "没有这条标记 ") + args.undismiss)
        return 0 if removed else 1
    checks = svc.check(args.target, tolerance=tolerance)
    if args.json:
        _print_json({"checks": [c.model_dump(mode="json") for c in checks]})
        return 0
    marks = {"fail": "✗", "warn": "!", "pass": "✓", "skip": "-"}
    for c in checks:
        if c.status == "pass" and not args.all:
            continue
        where = "；".join(x.where("zh") for x in c.citations)
        fid = f"[{c.finding_id}] " if c.status in ("fail", "warn") else ""
        print(f"{marks[c.status]} {labels.status(c.status)} {fid}{c.description}：{c.message}"
              + (f"（{where}）" if where else ""))
        if c.dismissed:
            print(f"      已标记为非问题（{c.dismissed.at}）：{c.dismissed.reason}")
    counts = {s: sum(1 for c in checks if c.status == s) for s in marks}
    dismissed = sum(1 for c in checks if c.dismissed)
    print("，".join(f"{labels.status(k)} {v} 项" for k, v in counts.items())
          + (f"，已标记非问题 {dismissed} 项" if dismissed else "") + ("" if args.all else "（加 --all 列出通过项）"))
    return 0


def cmd_export(args) -> int:
    out = Path(args.out or f"figures.{args.format}")
    path, n = _service().export(args.format, out, args.doc or None)
    if args.json:
        _print_json({"path": str(path), "format": args.format, "rows": n})
    else:
        print(f"已导出 {n} 个数字：{path}")
    return 0


def cmd_ask(args) -> int:
    a = _service().ask(args.question, unit=args.unit, year=args.year, scope=args.scope)
    if args.json:
        _print_json(a.model_dump(mode="json"))
        return 0
    print(a.answer)
    for i, c in enumerate(a.citations or a.nearest, 1):
        print(f"  [{i}] {labels.cite_label(c)}（{c.source}）：{' '.join(c.quote.split())[:160]}")
    return 0


def cmd_reasons(args) -> int:
    found = _service().reasons(args.query, k=args.k, unit=args.unit, year=args.year, direction=args.direction)
    if args.json:
        _print_json({"reasons": found})
        return 0
    for i, r in enumerate(found, 1):
        c = Citation.model_validate(r["citation"])
        print(f"[{i}] {r['unit']} {r['year']} · {r['label']} {r['direction'] or ''}{r['change'] or ''}")
        print(f"    {r['reason']}")
        print(f"    {labels.cite_label(c)}（{c.source}）")
    if not found:
        print("没有找到相关的原因说明")
    return 0


def cmd_eval(args) -> int:
    from app.evaluation import report as reports
    from app.evaluation import runner

    if args.compare:
        old, new = (json.loads(Path(p).read_text(encoding="utf-8")) for p in args.compare)
        table = reports.compare(old, new)
        if args.json:
            _print_json({"old": reports.headline(old), "new": reports.headline(new)})
        else:
            print(table)
        return 1 if "regression" in table and args.check else 0
    archive = [Path(p) for p in args.archive] if args.archive else None
    gold = Path(args.gold) if args.gold else runner.GOLD_DIR
    bar = None
    if sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=len(runner.STEPS), desc="eval", file=sys.stderr)
    report = runner.run_eval(archive, gold, baseline=not args.no_baseline,
                             progress=(lambda step, done, total: bar.update(done - bar.n)) if bar else None)
    if bar is not None:
        bar.close()
    paths = reports.write_reports(report, Path(args.out) if args.out else reports.REPORTS)
    failures = reports.check_thresholds(report, reports.load_thresholds()) if args.check else []
    if args.json:
        _print_json({"headline": reports.headline(report), "reports": {k: str(v) for k, v in paths.items()},
                     "threshold_failures": failures})
    else:
        print(reports.markdown(report))
        print("reports: " + ", ".join(str(p) for p in paths.values()))
        for f in failures:
            print(f"BELOW THRESHOLD: {f}")
        if args.check and not failures:
            print("all thresholds met (evals/thresholds.json)")
    return 1 if failures else 0


def cmd_docs(args) -> int:
    if args.set:
        doc_id, *pairs = args.set
        bad = [p for p in pairs if "=" not in p]
        if not pairs or bad:
            print("用法：disclosure docs --set 文档编号 unit=… [year=…] [type=…] [scope=department|unit]", file=sys.stderr)
            return 2
        record = _service().correct(doc_id, dict(p.split("=", 1) for p in pairs))
        if args.json:
            _print_json({"doc": record.model_dump(mode="json")})
        else:
            print(f"已更正 {record.doc_id}：{labels.doc_label(record)} · {labels.scope(record.scope)}")
        return 0
    docs = _service().docs()
    if args.json:
        _print_json({"docs": [d.model_dump(mode="json") for d in docs]})
        return 0
    for d in docs:
        parts = "、".join(labels.doc_type(p.doc_type) for p in d.parts)
        print(f"{d.doc_id}  {labels.doc_label(d)}（{one_line(d.source)}）  范围：{labels.scope(d.scope)}  "
              f"含：{parts}  {d.pages} 页、{d.chunks} 个段落")
        if d.names:
            print(f"    文件中也写作：{'、'.join(d.names)}")
        if d.corrected:
            print(f"    用户更正：{'，'.join(f'{k}={v}' for k, v in d.corrected.items())}")
    if not docs:
        print("档案是空的；请先运行 disclosure ingest 路径")
    return 0


def cmd_remove(args) -> int:
    removed = _service().remove(args.doc_id)
    if args.json:
        _print_json({"doc_id": args.doc_id, "removed": removed})
    else:
        print(("已移除 " if removed else "没有编号为此的文档：") + args.doc_id)
    return 0 if removed else 1


def cmd_serve(args) -> int:
    import uvicorn

    from app.api import create_app

    app = create_app()  # opens the store now: a bad setting stops here with a message, not at the first call
    if app.state.api_key is None and args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"注意：未设置 DISCLOSURE_API_KEY，任何能访问 {args.host}:{args.port} 的人都可以调用本服务", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
    return 0


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"端口须为 1 到 65535 之间的整数（收到 {text!r}）")
    return int(text)


def _k(text: str) -> int:
    try:
        k = int(text)
    except ValueError:
        k = 0
    if not 1 <= k <= 100:
        raise argparse.ArgumentTypeError(f"须为 1 到 100 之间的整数（收到 {text!r}）")
    return k


def _year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        year = 0
    if not 1900 <= year <= 2100:
        raise argparse.ArgumentTypeError(f"须为 1900 到 2100 之间的年份（收到 {text!r}）")
    return year


def _tolerance(text: str) -> str:
    from decimal import Decimal, InvalidOperation

    try:
        value = Decimal(text)
        ok = value.is_finite() and 0 <= value <= 10000
    except InvalidOperation:
        ok = False
    if not ok:
        raise argparse.ArgumentTypeError(f"须为 0 到 10000 之间的万元数（收到 {text!r}）")
    return text


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with its usage line and error messages in Chinese (exit code 2, as before)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str):  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{labels.usage_error(message)}\n")


def build_parser() -> argparse.ArgumentParser:
    ap = _Parser(prog="disclosure", description="披露问答：政府部门预算、决算公开文件的检索、抽取、核验与问答。"
                                 "每条结果都注明出处（文件、页码、行号、原文）。",
                                 add_help=False, epilog="加 --json 输出 JSON（字段名为英文键，便于程序读取）。退出码：0 成功，1 部分输入失败，2 用法或配置错误。")
    ap._positionals.title = "命令"
    ap._optionals.title = "选项"
    ap.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    sub = ap.add_subparsers(dest="command", required=True, metavar="命令")

    def add(name: str, help_: str):
        p = sub.add_parser(name, help=help_, description=help_, add_help=False)
        p._positionals.title = "参数"
        p._optionals.title = "选项"
        p.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
        p.add_argument("--json", action="store_true", help="输出 JSON")
        return p

    types = [t.value for t in DocType if t != DocType.unknown]
    p = add("ingest", "导入文件或文件夹（PDF、TXT/MD、DOCX；类型按内容判断）")
    p.add_argument("paths", nargs="+", metavar="路径", help="文件或文件夹")
    p.set_defaults(func=cmd_ingest)
    p = add("search", "混合检索（向量 + 关键词），每段带出处")
    p.add_argument("question", metavar="问题")
    p.add_argument("--k", type=_k, default=5, help="显示的段落数（1-100，默认 5）")
    p.add_argument("--unit", metavar="单位", help="只在该单位的文件中检索")
    p.add_argument("--year", type=_year, metavar="年度", help="只在该年度的文件中检索")
    p.add_argument("--type", choices=types, metavar="类型", help="文件类型：" + _choices(types, labels.DOC_TYPE))
    p.add_argument("--mode", choices=["hybrid", "dense", "bm25"], default="hybrid",
                   help="检索方式：hybrid 混合（默认）、dense 向量、bm25 关键词")
    p.set_defaults(func=cmd_search)
    p = add("extract", "抽取文件或已导入文档中的数字（每个数字带出处）")
    p.add_argument("target", metavar="文件或文档编号", help="文件路径，或已导入文档的 doc_id")
    p.add_argument("--view", action="store_true", help="按文件类型汇总：决算/预算总表、项目及其一二三级指标")
    p.add_argument("--llm", action="store_true", help="由已配置的大模型补充规则未读出的数字（每个数字都须在所引原文中找到）")
    p.set_defaults(func=cmd_extract)
    p = add("check", "交叉核验一份文件的数字（合计、总数、百分比、表格与正文）")
    p.add_argument("target", metavar="文件或文档编号", help="文件路径，或已导入文档的 doc_id")
    p.add_argument("--tolerance", type=_tolerance, default="0.01", help="尾数容差，单位万元（默认 0.01）")
    p.add_argument("--all", action="store_true", help="也列出通过的核验项")
    p.add_argument("--dismiss", metavar="编号", help="把一条错误或提示标记为非问题（需要 --reason）")
    p.add_argument("--reason", metavar="理由", help="标记为非问题的理由（与标记一起保存）")
    p.add_argument("--undismiss", metavar="编号", help="取消对一条核验结果的标记")
    p.set_defaults(func=cmd_check)
    p = add("export", "导出已抽取的数字（Excel 含“数字”“核查”“原因说明”三张表；CSV、JSON 每行一个数字）")
    p.add_argument("--format", choices=["csv", "xlsx", "json"], default="csv", metavar="格式",
                   help="csv（默认）、xlsx（Excel）或 json")
    p.add_argument("--out", metavar="文件", help="输出文件（默认 figures.<格式>）")
    p.add_argument("--doc", action="append", metavar="文档编号", help="只导出该文档（可重复）；默认全部")
    p.set_defaults(func=cmd_export)
    p = add("ask", "用中文提问：数字、原因、比较、列举，回答附出处")
    p.add_argument("question", metavar="问题", help="例如：昌吉州市监局2024年三公经费花了多少？")
    p.add_argument("--unit", metavar="单位", help="指定单位（代替问题中的单位）")
    p.add_argument("--year", type=_year, metavar="年度", help="指定年度（代替问题中的年度）")
    p.add_argument("--scope", choices=[s.value for s in Scope], metavar="范围",
                   help="只用该范围的文件回答：" + _choices([s.value for s in Scope], labels.SCOPE))
    p.set_defaults(func=cmd_ask)
    p = add("reasons", "查找以往对增减变化的原因说明（例如“公务接待费 减少”）")
    p.add_argument("query", metavar="指标", help="指标或关键词，例如：公务接待费")
    p.add_argument("--direction", choices=["增加", "减少"], metavar="方向", help="只要增加或只要减少的说明")
    p.add_argument("--unit", metavar="单位", help="只看该单位")
    p.add_argument("--year", type=_year, metavar="年度", help="只看该年度")
    p.add_argument("--k", type=_k, default=10, help="显示的条数（1-100，默认 10）")
    p.set_defaults(func=cmd_reasons)
    p = add("eval", "用标注集评测（抽取、问答、检索），与朴素基线对比，写出报告")
    p.add_argument("--gold", metavar="文件夹", help="标注集文件夹（默认 evals/gold）")
    p.add_argument("--archive", nargs="+", metavar="路径", help="用于评测的文件或文件夹（默认示例档案）")
    p.add_argument("--out", metavar="文件夹", help="报告文件夹（默认 evals/reports）")
    p.add_argument("--check", action="store_true", help="有指标低于 evals/thresholds.json 时退出码为 1")
    p.add_argument("--no-baseline", action="store_true", help="不运行朴素 LangChain 基线")
    p.add_argument("--compare", nargs=2, metavar=("旧报告", "新报告"), help="比较两份 JSON 报告")
    p.set_defaults(func=cmd_eval)
    p = add("docs", "列出已导入的文档（单位、年度、类型、范围）；--set 更正一份")
    p.add_argument("--set", nargs="+", metavar="DOC_ID 字段=值",
                   help="更正文档：DOC_ID unit=… year=… type=… scope=department|unit（重新导入后仍保留）")
    p.set_defaults(func=cmd_docs)
    p = add("remove", "移除一份已导入的文档")
    p.add_argument("doc_id", metavar="文档编号")
    p.set_defaults(func=cmd_remove)
    p = sub.add_parser("serve", help="启动服务接口（FastAPI）：上传入库、文件列表、检索、问答（可追问）、原因说明、"
                                     "提取、核对、导出、评测；接口文档在 /docs",
                       description="启动服务接口（FastAPI + uvicorn），与命令行共用同一个库和同样的 JSON。"
                                   "设置环境变量 DISCLOSURE_API_KEY 后，除 /health 和接口文档外的每个请求都须带 "
                                   "Authorization: Bearer <密钥> 或 X-API-Key: <密钥>。", add_help=False)
    p._optionals.title = "选项"
    p.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    p.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1，只接受本机连接）")
    p.add_argument("--port", type=_port, default=8000, help="端口（默认 8000）")
    p.add_argument("--log-level", choices=["critical", "error", "warning", "info", "debug"], default="info",
                   help="日志级别（默认 info）")
    p.set_defaults(func=cmd_serve)
    return ap


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` columns (a Chinese character takes two)."""
    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - used)


def _choices(values: list[str], words: dict) -> str:
    return "、".join(f"{v}（{words.get(v, v)}）" for v in values)


def main(argv: list[str] | None = None) -> int:
    import signal

    if argv is None and hasattr(signal, "SIGPIPE"):
        # as a program (not called in-process by a test or a host): `disclosure … | head` ends quietly; a host
        # process keeps Python's default, where a closed pipe raises instead of killing it
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except DisclosureError as e:
        return _fail(args, str(e), type(e).__name__)
    except sqlite3.DatabaseError as e:  # damaged in use (a damaged header is caught when the store opens)
        from app.settings import get_settings

        catalog = get_settings().home / "catalog.sqlite"
        return _fail(args, f"the store's catalog {catalog} cannot be read ({e}); restore it from a backup, or "
                           "move the store folder away and ingest again", "StoreError")
    except Exception as e:  # a bug: one line for the user; DISCLOSURE_DEBUG=1 shows the traceback
        import os

        if os.environ.get("DISCLOSURE_DEBUG"):
            raise
        return _fail(args, f"内部错误（{type(e).__name__}: {e}）；设置 DISCLOSURE_DEBUG=1 可查看详细信息", "InternalError")


def _fail(args, message: str, kind: str) -> int:
    message = one_line(" ".join(message.split()))
    if getattr(args, "json", False):
        _print_json({"error": message, "type": kind})
    print(f"错误：{labels.reason(message, keep=True)}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
