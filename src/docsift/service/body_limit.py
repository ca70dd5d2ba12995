"""An ASGI middleware that refuses request bodies over a size limit (413), whether the client
announces the size (Content-Length) or streams it."""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers: dict[bytes, Any] = dict(scope.get("headers", []))
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            scope = {**scope, "docsift.too_large": int(declared)}
        seen = 0
        limit = self.max_bytes

        async def limited() -> Message:
            nonlocal seen
            if "docsift.too_large" in scope:
                raise HTTPException(413, f"the request is larger than {limit} bytes")
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise HTTPException(413, f"the request is larger than {limit} bytes")
            return message

        await self.app(scope, limited, send)
