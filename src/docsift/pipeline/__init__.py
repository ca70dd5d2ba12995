"""The one pipeline the CLI and the workers run: bytes in, DocumentResult out.

It knows nothing about HTTP, databases or queues. The order of stages is written once, here.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from docsift.errors import DocsiftError
from docsift.options import ProcessingPref, RunOptions
from docsift.reading import Document, read_document
from docsift.reading.model import TextSource
from docsift.result import DocumentResult, ErrorItem, Status


@contextmanager
def _timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = round((time.perf_counter() - start) * 1000, 1)


def run_pipeline(
    data: bytes,
    file_name: str,
    options: RunOptions | None = None,
    document_id: str | None = None,
    on_read: Callable[[Document], None] | None = None,
) -> DocumentResult:
    """Read and extract one file. Never raises for bad input: the result says ``failed``
    with the stage and reason in ``errors``. ``on_read`` receives the Document once read."""
    options = options or RunOptions()
    timings: dict[str, float] = {}
    result = DocumentResult(document_id=document_id or uuid.uuid4().hex, file_name=file_name)
    try:
        with _timed(timings, "read"):
            doc = read_document(data, file_name, options)
    except DocsiftError as e:
        return _failed(result, "read", e.message, e.code, timings)
    except Exception as e:  # a bug or a library fault: the document fails, the batch goes on
        return _failed(result, "read", f"unexpected error while reading: {e!r}", "internal", timings)
    if on_read is not None:
        on_read(doc)
    result.pages = len(doc.pages)
    for page in doc.pages:
        for msg in page.errors:
            result.errors.append(ErrorItem(stage="read", message=msg, page=page.number))
    try:
        with _timed(timings, "extract"):
            result = _extract(doc, options, result)
        if any(p.source == TextSource.OCR for p in doc.pages):
            with _timed(timings, "reread"):
                _reread(data, doc, options, result)
        if options.pref == ProcessingPref.ACCURACY:
            with _timed(timings, "refine"):
                result = _refine(data, file_name, doc, options, result)
    except DocsiftError as e:
        return _failed(result, "extract", e.message, e.code, timings)
    except Exception as e:
        return _failed(result, "extract", f"unexpected error while extracting: {e!r}", "internal", timings)
    result.timings_ms = {**timings, **result.timings_ms}
    return result


def _extract(doc: Document, options: RunOptions, result: DocumentResult) -> DocumentResult:
    from docsift.extraction import extract

    return extract(doc, options, result)


def _reread(data: bytes, doc: Document, options: RunOptions, result: DocumentResult) -> None:
    from docsift.pipeline.reread import reread_parties

    reread_parties(data, doc, options, result)


def _refine(
    data: bytes, file_name: str, doc: Document, options: RunOptions, result: DocumentResult
) -> DocumentResult:
    from docsift.pipeline.second_reading import refine

    return refine(data, file_name, doc, options, result)


def _failed(
    result: DocumentResult, stage: str, message: str, code: str, timings: dict[str, float]
) -> DocumentResult:
    result.status = Status.FAILED
    result.errors.append(ErrorItem(stage=stage, message=message, code=code))
    result.timings_ms = timings
    return result
