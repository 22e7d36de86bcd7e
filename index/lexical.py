"""Chinese-aware BM25: jieba with a domain dictionary, query synonyms, persisted next to the store."""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
import uuid
from functools import lru_cache
from pathlib import Path

import numpy as np

_RES = Path(__file__).parent / "resources"
_jieba_lock = threading.Lock()
_tokenizer = None

_STOP = set(["的", "了", "和", "与", "及", "是", "在", "为", "有", "多少", "多少钱", "哪些", "什么", "怎么", "怎样", "吗", "呢", "啊", "吧", "请问", "一下", "情况", "年", "年度", "我", "你", "他", "它", "这", "那", "个", "些", "把", "被", "就", "都", "也", "还", "又", "或", "等", "之", "其"])
_TOKEN = re.compile(r"[\u4e00-\u9fff]+|[a-zA-Z]+|\d+(?:\.\d+)?")


def _load_tokenizer():
    global _tokenizer
    with _jieba_lock:
        if _tokenizer is None:
            import logging

            import jieba

            jieba.setLogLevel(logging.WARNING)
            tk = jieba.Tokenizer()
            tk.load_userdict(str(_RES / "domain_dict.txt"))
            _tokenizer = tk
    return _tokenizer


@lru_cache(maxsize=1)
def synonyms() -> dict[str, tuple[str, ...]]:
    """Everyday words → the documents' terms (公车 → 公务用车, 招待费 → 公务接待费…)."""
    data = json.loads((_RES / "synonyms.json").read_text(encoding="utf-8"))
    return {word: tuple(terms) for word, terms in data.items()}


def tokenize(text: str) -> list[str]:
    """Search-mode jieba tokens (words and their sub-words), numbers kept, stop words and punctuation dropped."""
    tk = _load_tokenizer()
    out: list[str] = []
    for piece in _TOKEN.findall(text.replace(",", "")):
        if piece[0].isdigit() or piece.isascii():
            out.append(piece.lower())
            continue
        for w in tk.cut_for_search(piece, HMM=False):
            if w not in _STOP:
                out.append(w)
    return out


def synonym_terms(text: str) -> list[str]:
    """The documents' terms for the everyday words of ``text`` that it does not already contain (searched too)."""
    return [t for word, terms in synonyms().items() if word in text for t in terms if t not in text]


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists() or path.is_symlink():
        path.unlink()


class BM25Index:
    """BM25 over chunk texts (bm25s), saved to a folder and swapped in atomically."""

    def __init__(self, ids: list[str], retriever) -> None:
        self.ids = ids
        self.retriever = retriever
        self.pos = {cid: i for i, cid in enumerate(ids)}

    @classmethod
    def build(cls, ids: list[str], texts: list[str]) -> BM25Index:
        import bm25s

        retriever = bm25s.BM25(k1=1.2, b=0.75)
        corpus = [tokenize(t) or ["_"] for t in texts]
        if ids:
            retriever.index(corpus, show_progress=False)
        return cls(ids, retriever)

    def save(self, folder: Path, generation: str) -> None:
        """Save into a new folder ``<folder>.<generation>.<random>`` and point the symlink ``folder`` at it in one
        atomic rename; the previous folder is kept (a reader may be loading it), older ones are removed."""
        parent = folder.parent
        name = f"{folder.name}.{generation}.{uuid.uuid4().hex[:8]}"
        tmp = parent / f"{name}.tmp"
        tmp.mkdir(parents=True)
        if self.ids:
            self.retriever.save(str(tmp / "bm25"))
        (tmp / "ids.json").write_text(json.dumps({"generation": generation, "ids": self.ids}), encoding="utf-8")
        tmp.rename(parent / name)
        previous = os.readlink(folder) if folder.is_symlink() else None
        link = parent / f"{folder.name}.link"
        _remove(link)
        os.symlink(name, link)
        if folder.exists() and not folder.is_symlink():  # a store written before: a real folder (or a stray file)
            folder.rename(parent / f"{folder.name}.replaced")
        os.replace(link, folder)
        for old in parent.glob(f"{folder.name}.*"):
            if old.name not in (name, previous):
                _remove(old)

    @staticmethod
    def saved_generation(folder: Path) -> str | None:
        """The generation of the saved index, read cheaply (from the symlink's target name)."""
        try:
            if folder.is_symlink():
                return os.readlink(folder).split(".")[1]
            if (folder / "ids.json").is_file():  # a store written before the symlink
                return str(json.loads((folder / "ids.json").read_text(encoding="utf-8"))["generation"])
        except (OSError, ValueError, KeyError, IndexError):
            pass
        return None

    @classmethod
    def load(cls, folder: Path) -> tuple[BM25Index, str] | None:
        """The saved index and its generation; None when there is none or it cannot be read (damaged,
        half-written): the store then rebuilds it from the catalog."""
        import bm25s

        try:
            real = folder.resolve(strict=True)
            meta = real / "ids.json"
            if not meta.is_file():
                return None
            data = json.loads(meta.read_text(encoding="utf-8"))
            ids, generation = list(data["ids"]), str(data["generation"])
            retriever = bm25s.BM25.load(str(real / "bm25")) if ids else bm25s.BM25()
            index = cls(ids, retriever)
            if ids and index.retriever.scores["num_docs"] != len(ids):
                return None
        except Exception:  # any damage means: rebuild
            return None
        return index, generation

    def search(self, tokens: list[str], allowed: set[str] | None, k: int) -> list[tuple[str, float]]:
        if not self.ids or not tokens:
            return []
        vocab = self.retriever.vocab_dict
        known = [t for t in tokens if t in vocab]
        if not known:
            return []
        scores = self.retriever.get_scores(known)
        if allowed is not None:
            mask = np.zeros(len(self.ids), dtype=bool)
            for cid in allowed:
                i = self.pos.get(cid)
                if i is not None:
                    mask[i] = True
            scores = np.where(mask, scores, 0.0)
        top = np.argsort(-scores)[:k]
        return [(self.ids[i], float(scores[i])) for i in top if scores[i] > 0]
