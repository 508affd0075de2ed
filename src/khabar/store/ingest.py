"""Discover files under a landing folder and decode them into text.

Nothing here writes anywhere: the landing folder is only read. Every file found becomes either a
``Decoded`` record or a ``Rejected`` record that says at which stage and why.
"""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from khabar.text.normalize import normalize_document

# Magic numbers of formats that are certainly not news text.
BINARY_SIGNATURES: tuple[bytes, ...] = (
    b"\x89PNG", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"\xff\xd8\xff", b"GIF8", b"\x7fELF",
    b"BZh", b"\xfd7zXZ", b"Rar!", b"SQLite format 3", b"ID3", b"OggS", b"RIFF",
)
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
# Legacy code pages in which Arabic-script news is still found, tried after UTF-8.
LEGACY_ENCODINGS = ("cp1256", "iso8859_6", "cp720", "mac_arabic", "cp864")
MIN_LETTERS = 3
MAX_CONTROL_SHARE = 0.01
MAX_CHAOS = 0.25

_LETTER = re.compile(r"[^\W\d_]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")


@dataclass(frozen=True)
class SourceFile:
    path: Path
    source_path: str  # relative to the landing folder, '/'-separated


@dataclass(frozen=True)
class Decoded:
    source_path: str
    sha256: str
    n_bytes: int
    encoding: str
    text: str


@dataclass(frozen=True)
class Rejected:
    source_path: str
    sha256: str | None
    stage: str
    reason: str
    detail: str


class DecodeError(ValueError):
    """A file whose bytes are not usable text; carries the reason code and a readable detail."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


class LandingError(OSError):
    """The landing folder itself cannot be read."""


def discover(landing: Path) -> tuple[list[SourceFile], list[Rejected]]:
    """Every regular file under ``landing`` (recursively, sorted); what cannot be opened is rejected."""
    landing = Path(landing)
    if not landing.is_dir():
        raise LandingError(f"landing folder not found: {landing}")
    found: list[SourceFile] = []
    rejected: list[Rejected] = []
    for path in _walk(landing, rejected):
        rel = _printable(path.relative_to(landing).as_posix())
        if path.is_file():
            found.append(SourceFile(path, rel))
        else:
            kind = "broken link" if path.is_symlink() else "not a regular file"
            rejected.append(Rejected(rel, None, "discover", "not_regular_file", kind))
    found.sort(key=lambda f: f.source_path)
    return found, rejected


def _printable(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (a Latin-1 name on disk) become \\xNN escapes."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _walk(landing: Path, rejected: list[Rejected]) -> Iterator[Path]:
    def on_error(err: OSError) -> None:
        rel = _printable(Path(err.filename).relative_to(landing).as_posix()) if err.filename else "."
        rejected.append(Rejected(rel, None, "discover", "unreadable", err.strerror or str(err)))

    for root, dirs, files in os.walk(landing, onerror=on_error, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            yield Path(root) / name


def read(source: SourceFile) -> Decoded | Rejected:
    try:
        data = source.path.read_bytes()
    except OSError as err:
        return Rejected(source.source_path, None, "read", "unreadable", err.strerror or str(err))
    sha = hashlib.sha256(data).hexdigest()
    try:
        text, encoding = decode(data)
    except DecodeError as err:
        return Rejected(source.source_path, sha, "decode", err.reason, err.detail)
    return Decoded(source.source_path, sha, len(data), encoding, text)


def read_all(sources: Sequence[SourceFile]) -> tuple[list[Decoded], list[Rejected]]:
    decoded: list[Decoded] = []
    rejected: list[Rejected] = []
    for source in sources:
        result = read(source)
        (decoded if isinstance(result, Decoded) else rejected).append(result)
    return decoded, rejected


def decode(data: bytes) -> tuple[str, str]:
    """Bytes to normalised text and the encoding used; raises ``DecodeError`` for unusable input."""
    if not data:
        raise DecodeError("empty", "the file has no bytes")
    raw, encoding = _decode_bytes(data)
    text = normalize_document(raw).lstrip("\ufeff")
    if not text.strip():
        raise DecodeError("empty", "the file holds only white space")
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise DecodeError("binary", f"control characters in text decoded as {encoding}")
    if len(_LETTER.findall(text)) < MIN_LETTERS:
        raise DecodeError("no_text", f"fewer than {MIN_LETTERS} letters: {_preview(text)}")
    return text, encoding


def _decode_bytes(data: bytes) -> tuple[str, str]:
    for signature in BINARY_SIGNATURES:
        if data.startswith(signature):
            raise DecodeError("binary", f"starts with the signature of a binary format ({signature!r})")
    if data.startswith(UTF8_BOM):
        return _strict(data[3:], "utf-8"), "utf-8-sig"
    if data.startswith(UTF32_BOMS):
        return _strict(data, "utf-32"), "utf-32"
    if data.startswith(UTF16_BOMS):
        return _strict(data, "utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _control_share(text) <= MAX_CONTROL_SHARE:
                return text, enc
        raise DecodeError("binary", "NUL bytes outside a UTF-16/32 text")
    return _legacy(data)


def _legacy(data: bytes) -> tuple[str, str]:
    matches = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS) + ["cp1252", "latin_1"])
    best = matches.best()
    if best is None or best.percent_chaos > MAX_CHAOS * 100:
        raise DecodeError("undecodable", "not UTF-8 and no legacy Arabic-script or Latin code page fits the bytes")
    text = str(best)
    if not _plausible(text):
        raise DecodeError("undecodable", f"bytes decode as {best.encoding} only to noise: {_preview(text)}")
    return text, best.encoding


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise DecodeError("undecodable", f"invalid {encoding} at byte {err.start}") from None


def _control_share(text: str) -> float:
    return len(_CONTROL.findall(text)) / max(1, len(text))


def _plausible(text: str) -> bool:
    """Text from a legacy code page is kept when it reads as words: letters dominate and symbols are rare."""
    letters = len(_LETTER.findall(text))
    symbols = sum(1 for ch in text if unicodedata.category(ch)[0] in "SC" and ch not in "\n\r\t")
    words = text.split()
    if not words:
        return False
    avg_word = sum(len(w) for w in words) / len(words)
    return letters >= 0.6 * len(text.replace(" ", "").replace("\n", "")) and symbols <= 0.05 * len(text) and avg_word < 15


def _preview(text: str, width: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[:width] + "…"
