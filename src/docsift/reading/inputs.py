"""Batch inputs: files, directories and ZIP archives expanded into documents to read.

ZIP members are never written to disk; they are read into memory one at a time by whoever
processes them. Unsafe members (absolute paths, ``..``, NUL in names), members that expand too
much, nested archives and archives that expand beyond a total are refused with a reason.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from docsift.errors import LimitExceeded, ReadError
from docsift.reading.sniff import Kind, sniff

RATIO_MIN_BYTES = 1024 * 1024  # compression ratio is judged on members larger than this


@dataclass(frozen=True)
class ZipLimits:
    """Bounds on one archive: total bytes once expanded and expansion ratio per member."""

    max_total_bytes: int = 500 * 1024 * 1024
    max_ratio: int = 100


@dataclass(frozen=True)
class Source:
    """One document to process: a file on disk, or a member of a ZIP on disk. ``problem``
    says why it is refused without being read; ``skipped`` marks a non-document found while
    expanding a directory or archive (reported, not a failure)."""

    name: str
    path: Path
    member: str | None = None
    problem: str | None = None
    skipped: bool = False

    @property
    def stem(self) -> str:
        """The file name without its extension, for naming outputs."""
        return PurePosixPath(self.member).stem if self.member else self.path.stem

    @property
    def file_name(self) -> str:
        """The base name of the document."""
        return PurePosixPath(self.member).name if self.member else self.path.name

    def read(self, max_bytes: int) -> bytes:
        """The document's bytes. Raises LimitExceeded over ``max_bytes``, ReadError when the
        file or member cannot be read."""
        try:
            if self.member is None:
                with self.path.open("rb") as fh:
                    data = fh.read(max_bytes + 1)
            else:
                with zipfile.ZipFile(self.path) as archive, archive.open(self.member) as fh:
                    data = fh.read(max_bytes + 1)
        except (OSError, zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError) as e:
            raise ReadError(f"{self.name} cannot be read: {e}") from e
        if len(data) > max_bytes:
            raise LimitExceeded(f"{self.name} is larger than {max_bytes} bytes")
        return data


def expand(paths: list[Path], limits: ZipLimits | None = None) -> list[Source]:
    """Every document under ``paths``: files as given, directories recursively (hidden entries
    and non-documents skipped), ZIPs member by member. Returns Sources in a stable order.
    Raises FileNotFoundError for a path that does not exist."""
    limits = limits or ZipLimits()
    out: list[Source] = []
    for path in paths:
        if not path.exists():
            raise FileNotFoundError(str(path))
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                if not any(part.startswith(".") for part in file.relative_to(path).parts):
                    out += _expand_file(file, limits, listed=False)
        else:
            out += _expand_file(path, limits, listed=True)
    return out


def _expand_file(path: Path, limits: ZipLimits, *, listed: bool) -> list[Source]:
    try:
        with path.open("rb") as fh:
            kind = sniff(fh.read(1024))
    except OSError as e:
        return [Source(str(path), path, problem=f"cannot be opened: {e}")]
    if kind == Kind.ZIP:
        return list(_zip_members(path, limits))
    if kind == Kind.UNKNOWN and not listed:
        return [Source(str(path), path, problem="not a document", skipped=True)]
    return [Source(str(path), path)]


def _zip_members(path: Path, limits: ZipLimits) -> Iterator[Source]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        yield Source(str(path), path, problem=f"not a readable ZIP: {e}")
        return
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        total = sum(i.file_size for i in infos)
        if total > limits.max_total_bytes:
            yield Source(
                str(path),
                path,
                problem=f"expands to {total} bytes, over the limit of {limits.max_total_bytes}",
            )
            return
        for info in infos:
            name = f"{path}:{info.filename}"
            problem = unsafe_member(info, limits)
            if problem is None and hidden_member(info.filename):
                continue
            if problem is None:
                problem, skipped = _member_kind_problem(archive, info)
                yield Source(name, path, info.filename, problem, skipped)
            else:
                yield Source(name, path, info.filename, problem)


def unsafe_member(info: zipfile.ZipInfo, limits: ZipLimits) -> str | None:
    """Why a ZIP member must not be read (path traversal, absolute path, NUL in its name,
    encrypted, expands too much), or None when it is safe."""
    problem = member_name_problem(info.filename)
    if problem is not None:
        return f"refused: {problem}"
    if info.flag_bits & 0x1:
        return "refused: the member is encrypted"
    return member_expansion_problem(info, limits.max_ratio)


def member_name_problem(member: str) -> str | None:
    """Why a ZIP member's name is unsafe to use (absolute path, path traversal, NUL), or None."""
    norm = member.replace("\\", "/")
    if norm.startswith("/") or (len(norm) > 1 and norm[1] == ":"):
        return "absolute path in the archive"
    if ".." in norm.split("/"):
        return "path traversal ('..') in the archive"
    if "\x00" in norm:
        return "NUL character in the member name"
    return None


def member_expansion_problem(info: zipfile.ZipInfo, max_ratio: int) -> str | None:
    """Why a ZIP member expands suspiciously (a zip bomb), or None. Only members over 1 MiB are
    judged by their compression ratio."""
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > RATIO_MIN_BYTES and ratio > max_ratio:
        return f"refused: expands {ratio:.0f} times, over the limit of {max_ratio}"
    return None


def hidden_member(member: str) -> bool:
    """True for hidden files and macOS resource folders inside an archive (skipped quietly)."""
    parts = member.replace("\\", "/").split("/")
    return any(p.startswith(".") or p == "__MACOSX" for p in parts)


def _member_kind_problem(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[str | None, bool]:
    try:
        with archive.open(info) as fh:
            kind = sniff(fh.read(1024))
    except (OSError, zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError) as e:
        return f"cannot be read from the archive: {e}", False
    if kind == Kind.ZIP:
        return "a ZIP inside a ZIP is not expanded", True
    if kind == Kind.UNKNOWN:
        return "not a document", True
    return None, False
