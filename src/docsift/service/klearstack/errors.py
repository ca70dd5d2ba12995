"""Errors under /access/klearstack/ in KlearStack's shape: ``{"error": "<message>"}``.

Status and wording per machine code come from ``messages.yaml`` (401 "Incorrect username or
password.", 400 "Document is already approved", no 422, 500 "Something went wrong. …").
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from fastapi.responses import JSONResponse, Response

from docsift.service.errors import TooManyRequests


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, Any]]:
    raw: dict[str, dict[str, Any]] = yaml.safe_load(Path(__file__).with_name("messages.yaml").read_text())
    return raw


def sentence(message: str) -> str:
    """A core message ("no page 3: the document has 1") as a sentence ("No page 3: the document has
    1."); a message that already ends like a sentence is KlearStack-worded and kept as it is."""
    message = message.strip()
    if not message or message[-1] in ".!?":
        return message
    return message[0].upper() + message[1:] + "."


def klearstack_error(
    status: int, code: str, message: str, details: dict[str, Any], exc: Exception
) -> Response:
    """The KlearStack-shaped response for an error (an ErrorRenderer for register_error_renderer)."""
    entry = _table().get(code, {})
    status = int(entry.get("status", status))
    if status == 422:
        status = 400
    text = str(entry["message"]) if "message" in entry else sentence(message)
    response = JSONResponse({"error": text}, status_code=status)
    if isinstance(exc, TooManyRequests):
        response.headers["Retry-After"] = str(exc.retry_after)
    if status == 401:
        response.headers["WWW-Authenticate"] = "Bearer"
    return response
