"""The Chinese words people read for the project's internal values (中文显示名称).

JSON output keeps the keys (``final_accounts``, ``pass``, ``three_public_actual``); every page, table, Excel header
and plain-text CLI line shows these words instead. Metric keys are named by :func:`core.vocabulary.label_of`.
"""

from __future__ import annotations

import re

from core.schemas import (
    CheckStatus,
    ChunkKind,
    Citation,
    DocRecord,
    DocType,
    IngestOutcome,
    IngestStatus,
    Scope,
)
from core.vocabulary import label_of

DOC_TYPE = {DocType.final_accounts: "部门决算", DocType.budget: "部门预算", DocType.performance_target: "绩效目标表",
            DocType.performance_self_eval: "绩效自评表", DocType.unknown: "未识别类型"}
SCOPE = {Scope.department: "部门（含所属单位）", Scope.unit: "单位（本级）"}
STATUS = {CheckStatus.passed: "通过", CheckStatus.warn: "提示", CheckStatus.fail: "错误", CheckStatus.skip: "跳过"}
SOURCE_KIND = {"table": "表格", "prose": "正文"}
CHUNK_KIND = {ChunkKind.table: "表格", ChunkKind.narrative: "正文", ChunkKind.heading: "标题"}
METHOD = {"rule": "规则", "llm": "大模型"}
INTENT = {"figure": "数字", "reason": "原因", "comparison": "比较", "list": "列举"}
INGEST = {IngestStatus.ingested: "已导入", IngestStatus.unchanged: "已在档案中", IngestStatus.replaced: "已替换旧版本",
          IngestStatus.error: "未导入", IngestStatus.skipped: "已跳过"}
DIRECTION = {"increase": "增加", "decrease": "减少"}

# a file name the archive made from a content hash (000_04b2af8a0d084766.txt): it tells a reader nothing
_MACHINE_NAME = re.compile(r"^(?:\d{3}_)?[0-9a-f]{16}(?:\.\w+)?$")


def doc_type(value: DocType | str | None) -> str:
    return DOC_TYPE.get(DocType(value), str(value)) if value else DOC_TYPE[DocType.unknown]


def scope(value: Scope | str | None) -> str:
    return SCOPE.get(Scope(value), str(value)) if value else "未说明"


def status(value: CheckStatus | str) -> str:
    return STATUS.get(CheckStatus(value), str(value))


def metric(key: str | None) -> str:
    return label_of(key) if key else ""


def is_machine_name(name: str | None) -> bool:
    """Whether a file name is one the archive made from a content hash (not a name a person gave)."""
    return bool(name) and bool(_MACHINE_NAME.match(name or ""))


def shown_file_name(name: str | None) -> str:
    """A file name worth showing (a person's name for the file), or "" for a hash-made one."""
    return "" if is_machine_name(name) else (name or "")


def document(unit: str | None, year: int | None, kind: DocType | str | None, source: str | None = None) -> str:
    """A document as people name it: 单位 · 年度 · 类型 (the file name stands in for an unknown unit)."""
    who = unit or shown_file_name(source) or "未识别单位"
    when = f"{year}年" if year else "年度未识别"
    return f"{who} · {when} · {doc_type(kind)}"


def doc_label(record: DocRecord) -> str:
    return document(record.unit, record.year, record.doc_type, record.source)


def cite_label(c: Citation) -> str:
    """Where a citation is, for people: 单位 · 年度 · 类型 · 第93行（第1页）."""
    return f"{document(c.unit, c.year, c.doc_type, c.source)} · {c.where('zh')}".rstrip(" ·")


_REASONS: tuple[tuple[str, str], ...] = (
    (r"already stored \(same content\)", "内容相同的文件已在档案中"),
    (r"empty (?:upload|file)", "文件是空的"),
    (r"too large.*limit is ([\d.,]+ ?MB)", r"文件太大（上限 \1）"),
    (r"too large", "文件太大"),
    (r"too much text", "文字太多，超过上限"),
    (r"a ZIP archive", "这是压缩包，不是公开文件（请先解压）"),
    (r"not a PDF, DOCX or text file", "不是 PDF、DOCX 或文本文件"),
    (r"not a PDF", "不是 PDF（内容不以 %PDF- 开头：文件损坏或扩展名不对）"),
    (r"not a DOCX|broken DOCX", "不是可读的 Word 文档"),
    (r"encrypted PDF", "PDF 已加密，需要密码"),
    (r"scanned PDF, OCR needed", "扫描件 PDF，没有文字层（需要先做 OCR）"),
    (r"broken or truncated PDF|PDF has no pages", "PDF 损坏或不完整"),
    (r"no text to index", "规范化后没有可检索的文字"),
    (r"no text", "没有文字内容"),
    (r"binary content|cannot decode", "不是文本（二进制内容或无法识别的编码）"),
    (r"not a document laid out in lines", "不是按行排版的文档（单行过长）"),
    (r"not a regular file \((.+?)\)", r"不是普通文件（\1）：只读取文件"),
    (r"not a regular file|is a directory", "不是普通文件"),
    (r"a Word 97-2003 document", "Word 97-2003 文档（.doc）不能读取：请另存为 DOCX 或 PDF"),
    (r"a WPS document", "WPS 文档不能读取：请另存为 DOCX 或 PDF"),
    (r"an RTF document", "RTF 文档不能读取：请另存为 DOCX 或 PDF"),
    (r"a CSV table", "CSV 表格不能读取：请另存为 PDF，或改名为 .txt 按文本读取"),
    (r"a spreadsheet \((\S+)\)", r"电子表格（\1）不能读取：请导出为 PDF"),
    (r"an archive \((\S+)\)", r"压缩包（\1）不能读取：请先解压"),
    (r"an image \((\S+)\)", r"图片（\1）不能读取：请先 OCR 为带文字层的 PDF"),
    (r"unsupported file type \((.+?)\)", r"不支持的文件类型（\1）：只读取 PDF、DOCX 和文本文件（.txt、.md）"),
    (r"^cannot read: (.+)", r"无法读取：\1"),
    (r"^cannot write (.+?): ", r"无法写入 \1："),
    (r"the store folder (.+) is a file, not a folder", r"档案文件夹 \1 是一个文件，不是文件夹"),
    (r"no such file, and no stored document with that id", "没有这个文件，档案中也没有这个编号的文档"),
    (r"no stored document with that id", "档案中没有这个编号的文档"),
    (r"cannot correct '(.+?)': only unit, year, type, scope", r"不能更正“\1”：只能更正 unit、year、type、scope"),
    (r"--dismiss needs --reason", "--dismiss 需要 --reason “理由”：说明为什么这条不是问题"),
    (r"no fail or warn finding with id (\S+)", r"没有编号为 \1 的错误或提示"),
    (r"was built with the embedding model", "档案是用另一个向量模型建立的：请使用相同的模型（DISCLOSURE_EMBEDDER）或新的档案文件夹"),
    (r"the store's catalog (.+?) cannot be read", r"档案目录 \1 无法读取"),
    (r"path does not exist|no such file", "文件不存在"),
    (r"figures not extracted", "段落可以检索，但数字未能抽取"),
    (r"(?:reasons|table rows|row reasons) not extracted", "段落可以检索，但部分表格行或原因说明未能抽取"),
)


def _translated(message: str, table: tuple[tuple[str, str], ...]) -> str | None:
    """The Chinese of the first pattern of ``table`` the message matches (its groups filled in), or None."""
    for pattern, chinese in table:
        m = re.search(pattern, message)
        if m:
            return m.expand(chinese)
    return None


def reason(message: str | None, keep: bool = False) -> str:
    """A loader's or the service's English reason in Chinese; one without a translation is marked （原文）, or,
    with ``keep``, given as it is with the Chinese of a known reason inside it put first."""
    if not message:
        return ""
    said = _translated(message, _REASONS)
    if said is not None:
        return f"{said}（{message}）" if keep else said
    return message if keep else f"（原文）{message}"


# argparse's own messages (Python 3.11 wording) in Chinese; a message no pattern knows is shown as argparse wrote it
_USAGE_ERRORS: tuple[tuple[str, str], ...] = (
    (r"^the following arguments are required: (.+)$", r"缺少参数：\1"),
    (r"^argument (.+?): invalid choice: (.+?) \(choose from (.+)\)$", r"参数 \1 的取值 \2 无效（可选：\3）"),
    (r"^argument (.+?): expected one argument$", r"参数 \1 需要一个值"),
    (r"^argument (.+?): expected at least one argument$", r"参数 \1 至少需要一个值"),
    (r"^argument (.+?): expected (\d+) arguments$", r"参数 \1 需要 \2 个值"),
    (r"^argument (.+?): invalid \S+ value: (.+)$", r"参数 \1 的取值 \2 无效"),
    (r"^argument (.+?): not allowed with argument (.+)$", r"参数 \1 不能与 \2 同时使用"),
    (r"^argument (.+?): ignored explicit argument (.+)$", r"参数 \1 不接受值 \2"),
    (r"^unrecognized arguments: (.+)$", r"无法识别的参数：\1"),
    (r"^ambiguous option: (.+?) could match (.+)$", r"选项 \1 不明确，可能是：\2"),
    (r"^argument (.+?): (.+)$", r"参数 \1：\2"),  # a message of our own type checks (already Chinese)
)


def usage_error(message: str) -> str:
    """argparse's error message in Chinese (as it is when no pattern knows it)."""
    return _translated(message, _USAGE_ERRORS) or message


def outcome(o: IngestOutcome) -> str:
    """One upload's result in Chinese: 名称：已导入，N 个段落（说明）."""
    head = f"{o.source}：{INGEST.get(IngestStatus(o.status), str(o.status))}"
    if o.status in (IngestStatus.error, IngestStatus.skipped):
        return f"{head}——{reason(o.message)}"
    body = f"{head}，{o.chunks} 个段落" + (f"，{o.pages} 页" if o.pages else "")
    return body + (f"（{reason(o.message)}）" if o.message else "")
