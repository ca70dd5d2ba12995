"""Labelled documents read (from the cache when read before), varied and analysed for training."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from docsift.errors import DocsiftError
from docsift.extraction.document.analysis import analyse
from docsift.extraction.document.index import build_index
from docsift.extraction.knowledge.registry import type_fields
from docsift.options import DocumentType, RunOptions
from docsift.training.augment import flatten_fonts, mask_labels, vary
from docsift.training.corpus import Labelled, cache_key, input_bytes, read_cached
from docsift.training.records import Prepared
from docsift.training.samples import role_truth


def options_for(item: Labelled) -> RunOptions:
    """How a labelled document is read: its own type, embedded e-invoice XML ignored."""
    return RunOptions(use_embedded_xml=False, document_type=DocumentType(item.doc_type))


def _read_one(args: tuple[Labelled, Path]) -> str | None:
    item, cache = args
    try:
        data, name = input_bytes(item)
        read_cached(data, name, options_for(item), cache)
    except (DocsiftError, OSError) as e:
        return f"skip {item.set}/{item.id}: {e}"
    return None


def read_ahead(
    items: list[Labelled], cache: Path, jobs: int = 2, warn: Callable[[str], None] = print
) -> None:
    """Read the ``items`` not in ``cache`` yet with ``jobs`` worker processes (OCR is the slow part
    of training; the cache keeps what was read)."""
    todo = []
    for item in items:
        try:
            data, _ = input_bytes(item)
        except OSError:
            continue
        if not (cache / f"{cache_key(data, options_for(item))}.json").exists():
            todo.append(item)
    if not todo:
        return
    warn(f"reading {len(todo)} documents with {jobs} processes")
    if jobs <= 1:
        messages = [_read_one((i, cache)) for i in todo]
    else:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(jobs) as pool:
            messages = list(pool.map(_read_one, [(i, cache) for i in todo], chunksize=4))
    for m in messages:
        if m:
            warn(m)


def prepare(
    items: list[Labelled],
    cache: Path,
    complete: bool,
    cached_only: bool = False,
    seed: int = 0,
    warn: Callable[[str], None] = print,
) -> list[Prepared]:
    """``items`` read and analysed; ``complete`` (synthetic) documents also varied (see augment.py).
    Documents that cannot be read are skipped with a warning; ``cached_only`` skips those not read
    before (no OCR now)."""
    out: list[Prepared] = []
    for item in items:
        options = options_for(item)
        try:
            data, name = input_bytes(item)
            if cached_only and not (cache / f"{cache_key(data, options)}.json").exists():
                continue
            doc = read_cached(data, name, options, cache)
        except (DocsiftError, OSError) as e:
            warn(f"skip {item.set}/{item.id}: {e}")
            continue
        registry = type_fields(item.doc_type)
        truth = role_truth(registry, item.truth)
        if complete:
            vary(doc, truth, item.id, seed)
        analysis = analyse(doc, registry, build_index(doc))
        if complete:
            mask_labels(analysis.index, item.id, seed)
            flatten_fonts(analysis.index, item.id, seed)
        group = f"{item.set.removesuffix('-ocr')}:{item.group}"  # a rendering stays with its original
        out.append(Prepared(f"{item.set}:{item.id}", item.set, group, analysis, truth, complete))
    return out
