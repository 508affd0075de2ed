"""Discover files under a landing folder and decode them into text.

Nothing here writes anywhere: the landing folder is only read. Every file found becomes either a
``Decoded`` record or a ``Rejected`` record that says at which stage and why.
"""
from __future__ import annotations

import hashlib
import itertools
import os
import re
import stat
import unicodedata
from collections.abc import Sequence
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
# one space in twenty characters: Arabic-script UTF-16 has zero high bytes only in its spaces
UTF16_MIN_NUL_SHARE = 0.05
# A news article is a few KB; a file of megabytes is a dump, a log or a mistake. Above this it is
# quarantined unread (``too_large``) rather than split: a dump has no reliable article separator.
MAX_FILE_BYTES = 4 * 1024 * 1024
READ_CHUNK = 1 << 20
# Deeper than any feed layout (and well inside Python's recursion limit): a deeper folder is
# quarantined as ``too_deep``, one row naming it, instead of crashing the walk.
MAX_DEPTH = 200

_LETTER = re.compile(r"[^\W\d_]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")


@dataclass(frozen=True)
class SourceFile:
    path: Path  # what is opened: the file itself, or the real path a link inside the landing folder names
    source_path: str  # relative to the landing folder, '/'-separated (a link's own path, not its target's)
    n_bytes: int = 0  # size and modification time when discovered
    mtime_ns: int = 0
    link_target: str | None = None  # for a link: the landing-relative path of the file it names


@dataclass(frozen=True)
class Decoded:
    source_path: str
    sha256: str
    n_bytes: int
    encoding: str
    text: str
    mtime_ns: int = 0  # of the bytes read (fstat of the open file)
    link_target: str | None = None


@dataclass(frozen=True)
class Rejected:
    source_path: str
    sha256: str | None
    stage: str
    reason: str
    detail: str
    n_bytes: int | None = None
    mtime_ns: int | None = None


class DecodeError(ValueError):
    """A file whose bytes are not usable text; carries the reason code and a readable detail."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


class LandingError(OSError):
    """The landing folder itself cannot be read; carries the path."""

    def __init__(self, message: str, path: Path | None = None):
        super().__init__(message)
        self.path = path


class _Skip(Exception):
    """A file read stops here: it is rejected with this reason and detail."""

    def __init__(self, reason: str, detail: str):
        super().__init__(reason)
        self.reason, self.detail = reason, detail


def discover(landing: Path, max_bytes: int = MAX_FILE_BYTES) -> tuple[list[SourceFile], list[Rejected]]:
    """Every regular file under ``landing`` (recursively, sorted), nothing opened.

    Links are resolved, never followed out: a link whose target lies outside the landing folder is
    rejected (``link_outside_landing``); a link inside is a sighting of its target under the link's
    own path; a folder link back to one of its own ancestors is a loop (``link_loop``) and ends there.
    FIFOs, sockets and devices are rejected without being opened, and so is a file over ``max_bytes``.
    """
    landing = Path(landing)
    if not landing.is_dir():
        raise LandingError(f"landing folder not found: {landing}", landing)
    walk = _Walk(Path(os.path.realpath(landing)), max_bytes)
    walk.folder(walk.root, "", ancestors=())
    walk.found.sort(key=lambda f: f.source_path)
    return walk.found, walk.rejected


class _Walk:
    """A depth-first walk with its findings; ancestors are (device, inode) pairs of the folders above."""

    def __init__(self, root: Path, max_bytes: int) -> None:
        self.root, self.max_bytes = root, max_bytes
        self.found: list[SourceFile] = []
        self.rejected: list[Rejected] = []

    def reject(self, rel: str, stage: str, reason: str, detail: str, st: os.stat_result | None = None) -> None:
        size, mtime = (st.st_size, st.st_mtime_ns) if st else (None, None)
        self.rejected.append(Rejected(rel or ".", None, stage, reason, detail, size, mtime))

    def folder(self, real: Path, rel: str, ancestors: tuple[tuple[int, int], ...]) -> None:
        try:
            st = os.stat(real)
            with os.scandir(real) as it:
                entries = sorted(it, key=lambda e: os.fsencode(e.name))
        except OSError as err:
            self.reject(rel, "discover", "unreadable", err.strerror or str(err))
            return
        if len(ancestors) >= MAX_DEPTH:
            self.reject(rel, "discover", "too_deep", f"more than {MAX_DEPTH} folders deep; not read further")
            return
        here = (*ancestors, (st.st_dev, st.st_ino))
        for entry in entries:
            child_rel = _printable(f"{rel}/{entry.name}" if rel else entry.name)
            if entry.is_symlink():
                self.link(Path(entry.path), child_rel, here)
            elif entry.is_dir(follow_symlinks=False):
                self.folder(real / entry.name, child_rel, here)
            else:
                real_rel = _printable((real / entry.name).relative_to(self.root).as_posix())
                self.file(Path(entry.path), child_rel, _lstat(entry), real_rel if real_rel != child_rel else None)

    def link(self, path: Path, rel: str, ancestors: tuple[tuple[int, int], ...]) -> None:
        target = Path(os.path.realpath(path))
        if not target.is_relative_to(self.root):
            self.reject(rel, "discover", "link_outside_landing", "a link to a path outside the landing folder; not opened")
            return
        try:
            st = os.stat(target)
        except OSError:
            self.reject(rel, "discover", "not_regular_file", "broken link")
            return
        target_rel = _printable(target.relative_to(self.root).as_posix())
        if stat.S_ISDIR(st.st_mode):
            if (st.st_dev, st.st_ino) in ancestors:
                self.reject(rel, "discover", "link_loop", f"a folder link back to {target_rel or '.'}; not followed")
            else:
                self.folder(target, rel, ancestors)
            return
        self.file(target, rel, st, link_target=target_rel)

    def file(self, path: Path, rel: str, st: os.stat_result | None, link_target: str | None = None) -> None:
        if st is None:
            self.reject(rel, "discover", "unreadable", "vanished while the folder was read")
        elif not stat.S_ISREG(st.st_mode):
            self.reject(rel, "discover", "not_regular_file", _kind(st.st_mode), st)
        elif st.st_size > self.max_bytes:
            self.reject(rel, "discover", "too_large", _too_large(st.st_size, self.max_bytes), st)
        else:
            self.found.append(SourceFile(path, rel, st.st_size, st.st_mtime_ns, link_target))


def _lstat(entry: os.DirEntry) -> os.stat_result | None:
    try:
        return entry.stat(follow_symlinks=False)
    except OSError:
        return None


def _kind(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
             (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def _too_large(size: int, limit: int) -> str:
    return f"{size:,} bytes, over the limit of {limit:,} (setting KHABAR_MAX_FILE_BYTES); not read"


def _printable(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (a Latin-1 name on disk) become \\xNN escapes."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def read(source: SourceFile, max_bytes: int = MAX_FILE_BYTES) -> Decoded | Rejected:
    """The file's bytes, decoded. Opened without following a link and without blocking (a file
    turned into a FIFO since discovery is rejected, not waited on); a file that grew past
    ``max_bytes`` since discovery is rejected without reading the rest."""
    try:
        data, st = _read_bytes(source.path, max_bytes)
    except _Skip as skip:
        return Rejected(source.source_path, None, "read", skip.reason, skip.detail, source.n_bytes, source.mtime_ns)
    sha = hashlib.sha256(data).hexdigest()
    try:
        text, encoding = decode(data)
    except DecodeError as err:
        return Rejected(source.source_path, sha, "decode", err.reason, err.detail, len(data), st.st_mtime_ns)
    return Decoded(source.source_path, sha, len(data), encoding, text, st.st_mtime_ns, source.link_target)


def _read_bytes(path: Path, max_bytes: int) -> tuple[bytes, os.stat_result]:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise _Skip("vanished", "deleted after the folder was read") from None
    except OSError as err:
        raise _Skip("unreadable", err.strerror or str(err)) from None
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _Skip("not_regular_file", f"became {_kind(st.st_mode)} after the folder was read")
        if st.st_size > max_bytes:
            raise _Skip("too_large", _too_large(st.st_size, max_bytes))
        try:
            data = _read_upto(handle, max_bytes + 1)
        except OSError as err:
            raise _Skip("unreadable", err.strerror or str(err)) from None
    if len(data) > max_bytes:
        raise _Skip("too_large", _too_large(len(data), max_bytes))
    return data, st


def _read_upto(handle, limit: int) -> bytes:
    """At most ``limit`` bytes, in chunks: a huge limit must not allocate a huge buffer up front."""
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        chunk = handle.read(min(READ_CHUNK, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def read_all(sources: Sequence[SourceFile], max_bytes: int = MAX_FILE_BYTES) -> tuple[list[Decoded], list[Rejected]]:
    decoded: list[Decoded] = []
    rejected: list[Rejected] = []
    for source in sources:
        result = read(source, max_bytes)
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
    if not _has_letters(text, MIN_LETTERS):
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
    if _nul_aligned(data):  # UTF-16 without a BOM can also be valid UTF-8 (Arabic in big-endian)
        found = _utf16(data)
        if found:
            return found
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data":  # a file cut in the middle of its last character
            return data[:err.start].decode("utf-8", "replace"), "utf-8"
    if b"\x00" in data:
        found = _utf16(data)
        if found:
            return found
        raise DecodeError("binary", "NUL bytes outside a UTF-16/32 text")
    return _legacy(data)


def _utf16(data: bytes) -> tuple[str, str] | None:
    for enc in _utf16_orders(data):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _control_share(text) <= MAX_CONTROL_SHARE:
            return text, enc
    return None


def _nul_aligned(data: bytes) -> bool:
    """NUL bytes on one parity only and at least every UTF16_MIN_NUL_SHARE of those positions: the
    zero high bytes of UTF-16 spaces and Latin characters, not NULs sprinkled in a binary."""
    even, odd = data[0::2].count(0), data[1::2].count(0)
    return min(even, odd) == 0 and max(even, odd) >= UTF16_MIN_NUL_SHARE * (len(data) // 2) and len(data) % 2 == 0


def _utf16_orders(data: bytes) -> tuple[str, str]:
    """UTF-16 without a byte-order mark: spaces, digits and Latin letters have a zero high byte,
    which comes second in little-endian and first in big-endian; try the likelier order first."""
    even, odd = data[0::2].count(0), data[1::2].count(0)
    return ("utf-16-be", "utf-16-le") if even > odd else ("utf-16-le", "utf-16-be")


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


def _has_letters(text: str, count: int) -> bool:
    """At least ``count`` letters: the scan stops at the count (a list of every letter of every
    file took most of the read stage's time)."""
    return next(itertools.islice(_LETTER.finditer(text), count - 1, None), None) is not None


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
