"""Uploads: recognise each file by its first bytes, expand ZIPs safely, store originals.

Everything that can refuse the whole upload (unsupported type, too large, unsafe or bomb ZIP, too
many files) is checked before anything is stored. ZIP members that are not documents are skipped
and reported, never fatal.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import IO

from docsift.reading.inputs import hidden_member, member_expansion_problem, member_name_problem
from docsift.reading.sniff import MIME_TYPES, Kind, sniff
from docsift.service.errors import BadRequest, PayloadTooLarge, UnsupportedMediaType
from docsift.store.blobs import BlobStore, content_hash


@dataclass(frozen=True)
class UploadLimits:
    max_file_bytes: int
    max_zip_bytes: int
    max_zip_ratio: int
    max_files: int


@dataclass(frozen=True)
class RawUpload:
    """One file part of a request: the name the client gave and a readable binary file."""

    name: str
    file: IO[bytes]


@dataclass(frozen=True)
class StoredFile:
    file_name: str
    blob_key: str
    content_hash: str
    size_bytes: int
    media_type: str


@dataclass
class Collected:
    files: list[StoredFile] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)


def _client_name(name: str, index: int) -> str:
    base = PurePosixPath(name.replace("\\", "/")).name.strip()
    return base or f"upload-{index + 1}"


def _size(fh: IO[bytes]) -> int:
    fh.seek(0, 2)
    size = fh.tell()
    fh.seek(0)
    return size


def _head(fh: IO[bytes]) -> bytes:
    fh.seek(0)
    head = fh.read(1024)
    fh.seek(0)
    return head


def collect(uploads: list[RawUpload], limits: UploadLimits, blobs: BlobStore) -> Collected:
    """Check every upload, then store each document (ZIP members included) in ``blobs``.

    Raises UnsupportedMediaType (a top-level file of an unknown kind), PayloadTooLarge (a file
    over the size limit, a ZIP bomb, too many files), BadRequest (no files, no documents, unsafe
    ZIP member names, a corrupt ZIP).
    """
    if not uploads:
        raise BadRequest("no file in the upload", code="no_files")
    plan: list[tuple[str, IO[bytes], Kind, zipfile.ZipFile | None]] = []
    unsupported: list[str] = []
    expected = 0
    for i, up in enumerate(uploads):
        name = _client_name(up.name, i)
        kind = sniff(_head(up.file))
        if kind == Kind.UNKNOWN:
            unsupported.append(name)
            continue
        archive = _open_zip(name, up.file, limits) if kind == Kind.ZIP else None
        if archive is None:
            if _size(up.file) > limits.max_file_bytes:
                raise PayloadTooLarge(
                    f"{name} is larger than {limits.max_file_bytes} bytes", details={"file": name}
                )
            expected += 1
        else:
            expected += sum(1 for m in archive.infolist() if not m.is_dir())
        plan.append((name, up.file, kind, archive))
    if unsupported:
        raise UnsupportedMediaType(
            "unsupported file type: PDF, images (PNG, JPEG, TIFF, BMP, GIF, WebP, HEIC), "
            "e-invoice XML and ZIPs of them are accepted",
            details={"files": unsupported},
        )
    if expected > limits.max_files * 10:
        raise PayloadTooLarge(f"too many files (at most {limits.max_files} per batch)", code="too_many_files")
    out = Collected()
    for name, fh, kind, archive in plan:
        if archive is None:
            out.files.append(_store(name, fh.read(), kind, blobs))
        else:
            _store_members(name, archive, limits, blobs, out)
    if len(out.files) > limits.max_files:
        raise PayloadTooLarge(f"too many files (at most {limits.max_files} per batch)", code="too_many_files")
    if not out.files:
        raise BadRequest(
            "the upload holds no document", code="no_documents", details={"skipped": out.skipped}
        )
    return out


def _store(name: str, data: bytes, kind: Kind, blobs: BlobStore) -> StoredFile:
    key = blobs.put(data)
    return StoredFile(name, key, content_hash(data), len(data), MIME_TYPES[kind])


def _open_zip(name: str, fh: IO[bytes], limits: UploadLimits) -> zipfile.ZipFile:
    """The opened ZIP after checking member names and sizes. Raises BadRequest, PayloadTooLarge."""
    try:
        archive = zipfile.ZipFile(fh)
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise BadRequest(f"{name} is not a readable ZIP: {e}", code="bad_zip", details={"file": name}) from e
    total = 0
    for info in archive.infolist():
        unsafe = member_name_problem(info.filename)
        if unsafe:
            raise BadRequest(
                f"{name}: member {info.filename!r} is refused ({unsafe})",
                code="unsafe_zip",
                details={"file": name, "member": info.filename},
            )
        total += info.file_size
        bomb = member_expansion_problem(info, limits.max_zip_ratio)
        if bomb:
            raise PayloadTooLarge(
                f"{name}: member {info.filename!r} {bomb}",
                code="zip_bomb",
                details={"file": name, "member": info.filename},
            )
    if total > limits.max_zip_bytes:
        raise PayloadTooLarge(
            f"{name} expands to {total} bytes (limit {limits.max_zip_bytes})",
            code="zip_bomb",
            details={"file": name},
        )
    return archive


def _store_members(
    zip_name: str, archive: zipfile.ZipFile, limits: UploadLimits, blobs: BlobStore, out: Collected
) -> None:
    for info in archive.infolist():
        if info.is_dir():
            continue
        member = info.filename.replace("\\", "/")
        reason = _skip_reason(member, info, limits)
        data = b""
        if reason is None:
            try:
                with archive.open(info) as fh:
                    data = fh.read(limits.max_file_bytes + 1)
            except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError) as e:
                reason = f"unreadable member: {e}"
        kind = sniff(data[:1024]) if reason is None else Kind.UNKNOWN
        if reason is None and kind == Kind.UNKNOWN:
            reason = "not a document (unsupported type)"
        elif kind == Kind.ZIP:
            reason = "a ZIP inside a ZIP is not expanded"
        if reason is not None:
            out.skipped.append({"file": zip_name, "member": member, "reason": reason or "skipped"})
            continue
        out.files.append(_store(member, data, kind, blobs))


def _skip_reason(member: str, info: zipfile.ZipInfo, limits: UploadLimits) -> str | None:
    if hidden_member(member):
        return "hidden or system file"
    if info.flag_bits & 0x1:
        return "encrypted member"
    if info.file_size > limits.max_file_bytes:
        return f"larger than {limits.max_file_bytes} bytes"
    return None
