"""Our embedders as Chroma embedding functions, registered with chromadb under the embedders' own names.

Imported only where a Chroma collection is opened (:mod:`index.vectors`), so that answering from the
catalog never imports chromadb (about a second of a cold start). A collection stores its embedding
function's name and config; a reopened collection rebuilds it from them here, and Chroma never loads its
own default model.
"""

from __future__ import annotations

from typing import Any

from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

from index.embedders import EMBEDDERS, BaseEmbedder


class ChromaFunction(EmbeddingFunction[Documents]):
    """One of our embedders, seen by Chroma."""

    embedder_class: type[BaseEmbedder] = BaseEmbedder

    def __init__(self, embedder: BaseEmbedder) -> None:
        self.embedder = embedder

    def __call__(self, input: Documents) -> Embeddings:  # noqa: A002 - chroma's signature
        return self.embedder(list(input))

    def embed_query(self, input: Documents) -> Embeddings:  # noqa: A002
        return self.embedder.embed_query(list(input))

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"

    def get_config(self) -> dict[str, Any]:
        return self.embedder.get_config()

    @classmethod
    def build_from_config(cls, config: dict[str, Any]) -> ChromaFunction:  # type: ignore[override]
        return cls(cls.embedder_class.build_from_config(config))


def _function_class(embedder_class: type[BaseEmbedder]) -> type[ChromaFunction]:
    name = embedder_class.name()
    return type(f"Chroma{embedder_class.__name__}", (ChromaFunction,),
                {"embedder_class": embedder_class, "name": staticmethod(lambda: name)})


FUNCTIONS: dict[str, type[ChromaFunction]] = {}
for _name, _cls in EMBEDDERS.items():
    FUNCTIONS[_name] = register_embedding_function(_function_class(_cls))


def chroma_function(embedder: BaseEmbedder) -> ChromaFunction:
    """``embedder`` as the Chroma embedding function registered under its name."""
    return FUNCTIONS[embedder.name()](embedder)
