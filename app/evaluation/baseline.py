"""The naive LangChain RAG baseline that every published figure is compared with.

RecursiveCharacterTextSplitter (1,000 characters, 200 overlap) over the raw text, dense-only Chroma with the
same embedding model, top-k, no filters, no structure. For answers, its "answer" is the top passage.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np

from core.schemas import Citation
from index.embedders import BaseEmbedder
from index.loaders import load


class NaiveRAG:
    def __init__(self, files: list[Path], embedder: BaseEmbedder) -> None:
        import chromadb
        from chromadb.config import Settings
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        from index.chroma_functions import chroma_function

        self.embedder = embedder
        client = chromadb.PersistentClient(path=tempfile.mkdtemp(prefix="naive-"),
                                           settings=Settings(anonymized_telemetry=False))
        self.collection = client.create_collection("naive", embedding_function=chroma_function(embedder))
        splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200, add_start_index=True)
        self.texts: dict[str, str] = {}
        ids, docs, metas = [], [], []
        for f in files:
            raw = load(f)
            for seg in raw.segments:
                if raw.kind != "pdf":
                    self.texts[f.name] = seg.text
                for i, d in enumerate(splitter.create_documents([seg.text])):
                    ids.append(f"{f.name}-{seg.page}-{i}")
                    docs.append(d.page_content)
                    metas.append({"source": f.name, "page": seg.page or 0, "start": d.metadata["start_index"]})
        vectors = embedder(docs)
        for i in range(0, len(ids), 1000):
            self.collection.add(ids=ids[i:i + 1000], documents=docs[i:i + 1000], metadatas=metas[i:i + 1000],
                                embeddings=[np.asarray(v) for v in vectors[i:i + 1000]])
        self.chunks = len(ids)

    def search(self, question: str, k: int) -> list[Citation]:
        qv = self.embedder.embed_query([question])[0]
        res = self.collection.query(query_embeddings=[qv], n_results=k, include=["documents", "metadatas"])
        out = []
        for doc, m in zip(res["documents"][0], res["metadatas"][0], strict=True):
            text = self.texts.get(m["source"])
            line = text.count("\n", 0, m["start"]) + 1 if text else None
            out.append(Citation(doc_id="baseline", source=m["source"], page=m["page"] or None, line_start=line,
                                line_end=(line + doc.count("\n")) if line else None, char_start=m["start"],
                                char_end=m["start"] + len(doc), quote=doc))
        return out

    def answer_text(self, question: str) -> str:
        """The baseline's answer: its top passage."""
        hits = self.search(question, 1)
        return hits[0].quote if hits else ""
