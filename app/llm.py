"""The one client for an OpenAI-compatible chat endpoint (OpenAI, DeepSeek, Qwen, vLLM, Ollama…).

Both LLM paths use it: figure extraction (:mod:`extraction.llm_extract`, structured output) and
answer writing (:mod:`app.llm_answer`, plain text). It turns every failure into an
:class:`~core.errors.LLMError` whose message names the endpoint without credentials and never
contains the API key; whether calling again may help is in ``retryable``.
"""

from __future__ import annotations

import logging
from typing import TypeVar

from pydantic import BaseModel, SecretStr

from core.errors import LLMError
from core.sanitise import redact_url

log = logging.getLogger(__name__)

NO_KEY = "no-key"  # sent when no key is configured, so that OPENAI_API_KEY never leaks to another endpoint
T = TypeVar("T", bound=BaseModel)


def provider_of(base_url: str) -> str:
    """The base URL without any credentials in it."""
    return redact_url(base_url) or ""


def short(e: BaseException) -> str:
    text = " ".join(str(e).split())
    return f"{type(e).__name__}: {text[:300]}"


def classify(e: Exception) -> tuple[str, bool] | None:
    """(what happened, retryable) for an exception from a call; None when it is not an endpoint error."""
    import openai
    import pydantic

    if isinstance(e, openai.APITimeoutError):
        return "timed out", True
    if isinstance(e, openai.APIConnectionError):
        return "could not be reached", True
    if isinstance(e, openai.RateLimitError):
        return "is rate limiting", True
    if isinstance(e, openai.InternalServerError):
        return "had a server error", True
    if isinstance(e, openai.AuthenticationError | openai.PermissionDeniedError):
        return "rejected the credentials", False
    if isinstance(e, openai.APIStatusError):
        return f"answered HTTP {e.status_code}", False
    if isinstance(e, pydantic.ValidationError | ValueError | openai.LengthFinishReasonError
                  | openai.APIResponseValidationError):
        return "malformed", False
    return None


class ChatClient:
    """A configured endpoint: ``structured()`` for a pydantic answer, ``text()`` for plain text."""

    def __init__(self, *, base_url: str, model: str, api_key: str | None, timeout: float,
                 max_retries: int = 2) -> None:
        self.base_url = base_url
        self.model = model
        self._key = api_key
        self.timeout = timeout
        self.max_retries = max_retries
        self.provider = provider_of(base_url)

    def scrub(self, text: str) -> str:
        """The text with the API key masked (messages and notes may quote an endpoint's error)."""
        return text.replace(self._key, "***") if self._key else text

    def _chat(self):
        from langchain_openai import ChatOpenAI

        return ChatOpenAI(base_url=self.base_url, model=self.model, api_key=SecretStr(self._key or NO_KEY),
                          timeout=self.timeout, max_retries=0, temperature=0, use_responses_api=False)

    def _error(self, e: Exception) -> LLMError:
        kind = classify(e)
        if kind is None:
            return LLMError(self.scrub(f"unexpected error from the model endpoint {self.provider} ({short(e)})"),
                            provider=self.provider, retryable=False)
        what, retryable = kind
        detail = f" after {self.timeout:g} s" if what == "timed out" else f" ({short(e)})"
        return LLMError(self.scrub(f"model endpoint {self.provider} {what}{detail}"), provider=self.provider,
                        retryable=retryable)

    def structured(self, prompt: str, schema: type[T]) -> tuple[T, list[str]]:
        """The model's answer parsed into ``schema`` (JSON schema response format), and notes on retries.

        A malformed or empty answer is asked again up to ``max_retries`` times; then, and on any
        endpoint error, :class:`LLMError`.
        """
        from langchain_core.messages import HumanMessage
        from langchain_openai.chat_models.base import OpenAIRefusalError

        chain = self._chat().with_structured_output(schema, method="json_schema")
        notes: list[str] = []
        attempts = max(0, self.max_retries) + 1
        for attempt in range(1, attempts + 1):
            try:
                answer = chain.invoke([HumanMessage(content=prompt)])
            except OpenAIRefusalError as e:
                raise LLMError(self.scrub(f"model {self.model} at {self.provider} refused: {str(e)[:300]}"),
                               provider=self.provider, retryable=False) from None
            except Exception as e:
                if classify(e) != ("malformed", False):
                    raise self._error(e) from None
                notes.append(self.scrub(f"llm: malformed answer {attempt}/{attempts} from {self.provider}: {short(e)}"))
                log.warning(notes[-1])
                if attempt == attempts:
                    raise LLMError(self.scrub(f"model {self.model} at {self.provider} returned malformed structured "
                                              f"output {attempts} time(s) (last: {short(e)})"),
                                   provider=self.provider, retryable=False) from None
                continue
            if answer is not None:
                return answer, notes
            notes.append(f"llm: empty answer {attempt}/{attempts} from {self.provider}")
        raise LLMError(f"model {self.model} at {self.provider} returned no structured output {attempts} time(s)",
                       provider=self.provider, retryable=False)

    def text(self, prompt: str) -> str:
        """One plain-text completion (no retries: the caller has a deterministic fallback)."""
        from langchain_core.messages import HumanMessage

        try:
            content = self._chat().invoke([HumanMessage(content=prompt)]).content
        except Exception as e:
            raise self._error(e) from None
        if isinstance(content, list):  # content blocks
            content = "".join(b if isinstance(b, str) else str(b.get("text", "")) for b in content
                              if isinstance(b, str) or b.get("type") == "text")
        return content or ""
