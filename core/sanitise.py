"""Making outside text safe to store and to print: URLs without credentials, names on one line.

Both are applied wherever a URL or a file name leaves the program (the store, messages, exports).
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit, urlunsplit

_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)[^/\s@]*@")
_QUERY_SECRET = re.compile(r"(?i)([?&](?:api[_-]?key|key|token|access_token|password|secret)=)[^&\s]*")


def redact_url(url: str | None) -> str | None:
    """The URL without user name, password, query string or fragment (``https://u:p@h:1/v1?k=x`` → ``https://h:1/v1``)."""
    if not url:
        return url
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        if parts.port:
            host = f"{host}:{parts.port}"
        return urlunsplit((parts.scheme, host, parts.path, "", ""))
    except ValueError:
        return "<unparseable URL>"


def redact_text(text: str) -> str:
    """Any ``scheme://user:password@`` and ``?key=…`` inside free text (an error message) removed."""
    return _QUERY_SECRET.sub(r"\1***", _USERINFO.sub(r"\1", text))


_VISIBLE_SPACE = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def one_line(text: str, limit: int | None = None) -> str:
    """``text`` safe for a one-line message: control and format characters (newlines, terminal escapes,
    bidi overrides) shown as escapes, so a file name can neither break a line nor drive the terminal."""
    out = []
    for ch in text:
        if ch in _VISIBLE_SPACE:
            out.append(_VISIBLE_SPACE[ch])
        elif unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co"):
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    s = "".join(out)
    if limit is not None and len(s) > limit:
        s = s[: limit - 1] + "…"
    return s
