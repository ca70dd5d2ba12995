"""What a file really is, from its first bytes (never from its name)."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """The file kinds docsift reads, plus ZIP (a batch, expanded by the caller) and unknown."""

    PDF = "pdf"
    PNG = "png"
    JPEG = "jpeg"
    TIFF = "tiff"
    BMP = "bmp"
    WEBP = "webp"
    GIF = "gif"
    HEIF = "heif"
    XML = "xml"
    ZIP = "zip"
    UNKNOWN = "unknown"


MIME_TYPES = {
    Kind.PDF: "application/pdf",
    Kind.PNG: "image/png",
    Kind.JPEG: "image/jpeg",
    Kind.TIFF: "image/tiff",
    Kind.BMP: "image/bmp",
    Kind.WEBP: "image/webp",
    Kind.GIF: "image/gif",
    Kind.HEIF: "image/heif",
    Kind.XML: "application/xml",
    Kind.ZIP: "application/zip",
    Kind.UNKNOWN: "application/octet-stream",
}

IMAGE_KINDS = frozenset({Kind.PNG, Kind.JPEG, Kind.TIFF, Kind.BMP, Kind.WEBP, Kind.GIF, Kind.HEIF})

_HEIF_BRANDS = {
    b"heic",
    b"heix",
    b"heim",
    b"heis",
    b"hevc",
    b"hevx",
    b"mif1",
    b"msf1",
    b"heif",
    b"avif",
    b"avis",
}
_BMP_HEADER_SIZES = {12, 16, 40, 52, 56, 64, 108, 124}
_MAGIC: list[tuple[bytes, Kind]] = [
    (b"\x89PNG\r\n\x1a\n", Kind.PNG),
    (b"\xff\xd8\xff", Kind.JPEG),
    (b"II*\x00", Kind.TIFF),
    (b"MM\x00*", Kind.TIFF),
    (b"II+\x00", Kind.TIFF),  # BigTIFF
    (b"MM\x00+", Kind.TIFF),
    (b"GIF87a", Kind.GIF),
    (b"GIF89a", Kind.GIF),
    (b"PK\x03\x04", Kind.ZIP),
    (b"PK\x05\x06", Kind.ZIP),
]


def sniff(data: bytes) -> Kind:
    """The kind of file ``data`` holds, judged from its content. Returns Kind.UNKNOWN when no
    known signature matches. Never raises."""
    head = data[:1024]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if b"%PDF-" in head:  # PDF readers accept junk before the header
        return Kind.PDF
    if head.startswith(b"BM") and int.from_bytes(head[14:18], "little") in _BMP_HEADER_SIZES:
        return Kind.BMP
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return Kind.WEBP
    if head[4:8] == b"ftyp" and (head[8:12] in _HEIF_BRANDS or _HEIF_BRANDS & _brands(head)):
        return Kind.HEIF
    if _looks_like_xml(head):
        return Kind.XML
    return Kind.UNKNOWN


def _brands(head: bytes) -> set[bytes]:
    size = int.from_bytes(head[:4], "big")
    return {head[i : i + 4] for i in range(16, min(size, len(head)) - 3, 4)}


def _looks_like_xml(head: bytes) -> bool:
    text = head
    for bom in (b"\xef\xbb\xbf",):
        if text.startswith(bom):
            text = text[len(bom) :]
    if text.startswith((b"\xff\xfe<\x00", b"\xfe\xff\x00<")):
        return True
    text = text.lstrip()
    return text.startswith(b"<?xml") or (text.startswith(b"<") and text[1:2].isalpha() and b">" in text)
