"""Request parameters of the KlearStack API: form data (multipart or url-encoded) or a JSON object,
read the same way, plus the OpenAPI description of each endpoint's body.

Parameters are strings as KlearStack sends them; ``Params`` turns them into flags, JSON values,
integers and ``DD/MM/YYYY`` dates, raising ``BadRequest`` with KlearStack's wording
(``{"error": "Please provide username."}``) when one is missing or unusable.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from fastapi import Request
from starlette.datastructures import UploadFile as StarletteUpload
from starlette.formparsers import MultiPartException

from docsift.service.errors import BadRequest

# other spellings of a parameter, accepted everywhere (klearstack-api.md §12: userid vs user_id)
ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("document_id", "Document_id"),
    "user_id": ("userid",),
    "document_type": ("collection_name",),
}
_TRUE = {"true", "1", "yes", "y", "on"}
_FALSE = {"false", "0", "no", "n", "off", ""}


def missing(name: str) -> BadRequest:
    """The 400 error for a missing parameter: ``Please provide <name>.``"""
    return BadRequest(f"Please provide {name}.", code="missing_parameter", details={"parameter": name})


@dataclass
class Params:
    """The parameters of one request (``values``) and its file parts (``files``)."""

    values: dict[str, Any] = field(default_factory=dict)
    files: list[StarletteUpload] = field(default_factory=list)

    def get(self, *names: str) -> str | None:
        """The first of ``names`` (or their ALIASES) present, as a stripped string (JSON numbers and
        booleans turned into text); None when none is present."""
        for name in (n for first in names for n in (first, *ALIASES.get(first, ()))):
            value = self.values.get(name)
            if value is None:
                continue
            if isinstance(value, bool):
                return "true" if value else "false"
            if isinstance(value, dict | list):
                return json.dumps(value)
            return str(value).strip()
        return None

    def require(self, name: str, *aliases: str, allow_empty: bool = False) -> str:
        """The value of ``name`` (or an alias). Raises BadRequest when absent (or empty)."""
        value = self.get(name, *aliases)
        if value is None or (not value and not allow_empty):
            raise missing(name)
        return value

    def require_all(self, names: tuple[str, ...]) -> None:
        """Raises BadRequest naming the first of ``names`` that is absent or empty."""
        for name in names:
            self.require(name)

    def flag(self, name: str, default: bool = False) -> bool:
        """A true/false parameter ("true", "True", "1", "false", …). Raises BadRequest otherwise."""
        value = self.get(name)
        if value is None:
            return default
        low = value.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise BadRequest(f"{name} must be true or false.", code="bad_parameter", details={"parameter": name})

    def json_value(self, name: str) -> Any:
        """A parameter holding JSON: a JSON string (form data) or the value itself (JSON body).
        None when absent. Raises BadRequest for text that is not JSON."""
        value = self.values.get(name)
        if value is None or isinstance(value, dict | list):
            return value
        text = str(value).strip()
        if not text:
            return None
        try:
            return json.loads(text)
        except json.JSONDecodeError as e:
            raise BadRequest(
                f"{name} must be valid JSON: {e.msg} at position {e.pos}.", code="bad_json",
                details={"parameter": name},
            ) from e  # fmt: skip

    def integer(self, name: str, default: int | None = None, minimum: int = 0) -> int | None:
        """An integer parameter at least ``minimum`` (``default`` when absent). Raises BadRequest."""
        value = self.get(name)
        if value is None or value == "":
            return default
        try:
            number = int(value)
        except ValueError as e:
            raise BadRequest(f"{name} must be a whole number.", code="bad_parameter") from e
        if number < minimum:
            raise BadRequest(f"{name} must be at least {minimum}.", code="bad_parameter")
        return number

    def day(self, name: str) -> date:
        """A required ``DD/MM/YYYY`` date. Raises BadRequest when absent or malformed."""
        value = self.require(name)
        try:
            return datetime.strptime(value, "%d/%m/%Y").date()
        except ValueError as e:
            raise BadRequest(
                f"{name} must be a date written DD/MM/YYYY, e.g. 14/04/2021.", code="bad_date",
                details={"parameter": name},
            ) from e  # fmt: skip


async def read_params(request: Request) -> AsyncIterator[Params]:
    """FastAPI dependency: the request's parameters, from a JSON object or form data (file parts
    in ``files``). Raises BadRequest for a body that cannot be parsed."""
    content_type = request.headers.get("content-type", "").lower()
    if "json" in content_type:
        yield Params(await _json_object(request))
        return
    if "multipart/form-data" not in content_type and "x-www-form-urlencoded" not in content_type:
        body = await request.body()
        yield Params(await _json_object(request) if body.strip() else {})
        return
    try:
        form = await request.form()
    except MultiPartException as e:
        raise BadRequest(f"The form data cannot be read: {e.message}", code="bad_form") from e
    try:
        params = Params()
        for key, value in form.multi_items():
            if isinstance(value, StarletteUpload):
                params.files.append(value)
            else:
                params.values[key] = value
        yield params
    finally:
        await form.close()


async def _json_object(request: Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise BadRequest("The request body is not valid JSON.", code="bad_json") from e
    if not isinstance(body, dict):
        raise BadRequest("The JSON body must be an object of parameters.", code="bad_json")
    return body


def body_doc(required: tuple[str, ...], optional: tuple[str, ...], files: bool = False) -> dict[str, Any]:
    """OpenAPI ``requestBody`` for an endpoint taking these parameters as form data or JSON."""
    props: dict[str, Any] = {name: {"type": "string"} for name in (*required, *optional)}
    form_props = dict(props)
    if files:
        form_props["file"] = {"type": "string", "format": "binary"}
    form_required = [*required, "file"] if files else list(required)
    content: dict[str, Any] = {
        "multipart/form-data": {
            "schema": {"type": "object", "properties": form_props, "required": form_required}
        }
    }
    if not files:
        content["application/x-www-form-urlencoded"] = {
            "schema": {"type": "object", "properties": props, "required": list(required)}
        }
        content["application/json"] = {
            "schema": {"type": "object", "properties": props, "required": list(required)}
        }
    return {"requestBody": {"required": bool(required) or files, "content": content}}
