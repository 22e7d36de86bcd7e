"""One root for every error the project raises on purpose.

Messages name the file, the place and the reason, because they are shown to the
person who fed us the file.
"""

from __future__ import annotations

from core.sanitise import one_line


class DisclosureError(Exception):
    """Root of the project's errors."""


class LoadError(DisclosureError):
    """A file could not be read into text (missing, empty, broken, encrypted, scanned)."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = one_line(source)  # a file name can hold newlines and terminal escapes
        self.reason = one_line(" ".join(reason.split()))  # messages are one line
        super().__init__(f"{self.source}: {self.reason}")


class InputError(DisclosureError):
    """A request is not usable as given (a question too long, a year or count out of range)."""


class ConfigError(DisclosureError):
    """The settings or the environment are not usable."""


class EmbedderMismatchError(ConfigError):
    """A collection was built with another embedding model than the one configured."""


class CheckError(DisclosureError):
    """A finding could not be marked: no finding with that id in the document's checks, or no reason given."""


class EmbedError(DisclosureError):
    """The embedding endpoint failed (the message names it without credentials)."""


class StoreError(DisclosureError):
    """The store could not be read or written."""


class PromptError(ConfigError):
    """A prompt file is missing or its placeholders do not match the values passed."""


class LLMError(DisclosureError):
    """The model endpoint failed: unreachable, timed out, refused, or kept answering malformed output.

    ``provider`` names the endpoint (base URL without credentials); ``retryable`` says whether
    calling again later may succeed (timeouts, connection errors, rate limits, server errors).
    """

    def __init__(self, message: str, *, provider: str, retryable: bool) -> None:
        self.provider = provider
        self.retryable = retryable
        super().__init__(message)
