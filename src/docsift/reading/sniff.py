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
    TEXT = "text"
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
    Kind.TEXT: "text/plain",
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
    if _looks_like_a_text_document(data[:4096]):
        return Kind.TEXT
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


_CONTROL_OK = set("\t\n\r\f")
MIN_TEXT_LINES, MIN_TEXT_WORDS = 3, 8  # less is a note or a stray file, not a document


def _looks_like_a_text_document(head: bytes) -> bool:
    """Whether the head of a file is readable text of a few lines at least (a saved invoice, not a
    one-line note or a README stub)."""
    text = decode_text(head, partial=True)
    if text is None:
        return False
    lines = [line for line in text.splitlines() if line.strip()]
    return len(lines) >= MIN_TEXT_LINES and len(text.split()) >= MIN_TEXT_WORDS


def decode_text(data: bytes, partial: bool = False) -> str | None:
    """``data`` as text when it is text: UTF-16 with its byte-order mark, UTF-8, or a Latin code
    page, with at most 2% control characters and some letters; None for binary data. ``partial``:
    ``data`` is the head of a file and may end inside a character. Never raises."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    elif b"\x00" in data:
        return None
    else:
        encodings = ["utf-8-sig", "cp1252", "latin-1"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as e:
            if not (partial and e.start >= len(data) - 3):
                continue
            text = data[: e.start].decode(encoding, errors="replace")
        return text if _plausible_text(text) else None
    return None


def _plausible_text(text: str) -> bool:
    if not text.strip():
        return False
    control = sum(1 for ch in text if (ord(ch) < 32 and ch not in _CONTROL_OK) or 0x7F <= ord(ch) < 0xA0)
    letters = sum(1 for ch in text if ch.isalpha())
    return control <= 0.02 * len(text) and letters >= min(3, len(text))
