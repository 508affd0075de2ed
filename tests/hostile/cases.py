"""A landing folder of ordinary and hostile files, one per kind, written by us; and where each
must end up. ``build(landing, outside)`` writes them; ``CASES`` says per path what must happen.

Outcomes: ``("loaded",)`` a document with this source_path; ``("copy", of)`` a sighting of the
document loaded from path ``of``; ``("quarantined", stage, reason)`` a quarantine row naming this path.
"""
from __future__ import annotations

import gzip
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from texts import PARA_AR, PARA_FA, PARA_UR

from khabar.store.ingest import MAX_DEPTH

LINE_BYTES = 1_000_000  # "a line of a megabyte" without spaces
DUMP_BYTES = 30 * 1024 * 1024  # "a 30 MB dump"
DEEP = 40  # folders, deep but under the walk's limit


def article(lang: str, n: int) -> str:
    """A short article with a headline, a dateline and a body, made distinct by ``n``."""
    head = {
        "ar": (f"الوزير يبحث التعاون في الطاقة ({n})", "دمشق - 12 يناير 2025", PARA_AR),
        "fa": (f"وزیر خارجه از ادامه گفت‌وگوها خبر داد ({n})", "تهران - ۲۲ دی ۱۴۰۳", PARA_FA),
        "ur": (f"وزیر دفاع کی صدر سے ملاقات ({n})", "اسلام آباد - 12 جنوری 2025", PARA_UR),
    }[lang]
    title, dateline, body = head
    return f"{title}\n\n{dateline}\n\n{body}\n\n{body}\n"


def _write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def _link(path: Path, target: str | Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)


@dataclass(frozen=True)
class Case:
    id: str  # names the kind of file (the test id)
    path: str  # relative to the landing folder
    make: Callable[[Path, Path], None]  # (landing, outside) -> writes the file
    expect: tuple


def case(id: str, path: str, data: bytes | str | None, expect: tuple, make=None) -> Case:
    def write(landing: Path, outside: Path) -> None:
        _write(landing / path, data)

    return Case(id, path, make or write, expect)


def _fifo(landing: Path, outside: Path) -> None:
    (landing / "odd").mkdir(parents=True, exist_ok=True)
    os.mkfifo(landing / "odd" / "pipe.fifo")


def _socket(landing: Path, outside: Path) -> None:
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(landing / "odd" / "listener.sock"))
    s.close()


def _deep(landing: Path, outside: Path) -> None:
    _write(landing.joinpath("deep", *["d"] * DEEP, "bottom.txt"), article("ar", 40))


def _too_deep(landing: Path, outside: Path) -> None:
    _write(landing.joinpath("abyss", *["d"] * MAX_DEPTH, "lost.txt"), article("fa", 41))


def _non_utf8_name(landing: Path, outside: Path) -> None:
    (landing / "names").mkdir(parents=True, exist_ok=True)
    with open(bytes(landing / "names") + b"/caf\xe9-\xff.txt", "wb") as f:
        f.write(article("ar", 30).encode())


def _long_line(landing: Path, outside: Path) -> None:
    _write(landing / "big" / "one_line.txt", ("ب" * (LINE_BYTES // 2)).encode())


def _dump(landing: Path, outside: Path) -> None:
    (landing / "big").mkdir(exist_ok=True)
    with open(landing / "big" / "dump.txt", "wb") as f:
        chunk = (article("ar", 50) + "\n").encode() * 64
        while f.tell() < DUMP_BYTES:
            f.write(chunk)


def _outside_file(landing: Path, outside: Path) -> None:
    _write(outside / "secret.txt", article("fa", 99))
    _link(landing / "links" / "to_outside_file.txt", outside / "secret.txt")


def _outside_dir(landing: Path, outside: Path) -> None:
    _write(outside / "folder" / "inner.txt", article("ur", 98))
    _link(landing / "links" / "to_outside_dir", outside / "folder")


def _relative_escape(landing: Path, outside: Path) -> None:
    _link(landing / "links" / "dotdot.txt", Path("..") / ".." / outside.name / "secret.txt")


def _inside_dir(landing: Path, outside: Path) -> None:
    _link(landing / "links" / "feeds_again", Path("..") / "feeds")


def _hardlink(landing: Path, outside: Path) -> None:
    (landing / "links").mkdir(exist_ok=True)
    os.link(landing / "feeds" / "ar.txt", landing / "links" / "hard_ar.txt")


ARTICLE_AR = article("ar", 1)
ARTICLE_FA = article("fa", 2)
ARTICLE_UR = article("ur", 3)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
LOADED = ("loaded",)


def q(stage: str, reason: str) -> tuple:
    return ("quarantined", stage, reason)


CASES: list[Case] = [
    case("arabic-article", "feeds/ar.txt", ARTICLE_AR, LOADED),
    case("persian-article", "feeds/fa.txt", ARTICLE_FA, LOADED),
    case("urdu-article", "feeds/ur.txt", ARTICLE_UR, LOADED),
    case("copy-under-another-name", "feeds/zz_ar_copy.txt", ARTICLE_AR, ("copy", "feeds/ar.txt")),
    case("same-content-in-another-folder", "inbox/fa_again.txt", ARTICLE_FA, ("copy", "feeds/fa.txt")),
    Case("link-inside-to-a-file", "links/ur_link.txt",
         lambda landing, outside: _link(landing / "links" / "ur_link.txt", Path("..") / "feeds" / "ur.txt"),
         ("copy", "feeds/ur.txt")),
    Case("hard-link", "links/hard_ar.txt", _hardlink, ("copy", "feeds/ar.txt")),
    Case("folder-link-inside", "links/feeds_again/fa.txt", _inside_dir, ("copy", "feeds/fa.txt")),
    Case("link-to-a-file-outside", "links/to_outside_file.txt", _outside_file, q("discover", "link_outside_landing")),
    Case("link-to-a-folder-outside", "links/to_outside_dir", _outside_dir, q("discover", "link_outside_landing")),
    Case("relative-link-escaping-with-dotdot", "links/dotdot.txt", _relative_escape,
         q("discover", "link_outside_landing")),
    Case("absolute-link-to-a-system-file", "links/passwd",
         lambda landing, outside: _link(landing / "links" / "passwd", "/etc/passwd"), q("discover", "link_outside_landing")),
    Case("broken-link", "links/broken.txt",
         lambda landing, outside: _link(landing / "links" / "broken.txt", "missing.txt"), q("discover", "not_regular_file")),
    Case("link-to-itself", "links/self.txt",
         lambda landing, outside: _link(landing / "links" / "self.txt", "self.txt"), q("discover", "not_regular_file")),
    Case("folder-link-loop", "links/loop",
         lambda landing, outside: _link(landing / "links" / "loop", ".."), q("discover", "link_loop")),
    Case("fifo", "odd/pipe.fifo", _fifo, q("discover", "not_regular_file")),
    Case("unix-socket", "odd/listener.sock", _socket, q("discover", "not_regular_file")),
    case("empty-file", "odd/empty.txt", b"", q("decode", "empty")),
    case("white-space-only", "odd/blank.txt", " \n\t\r\n  \u00a0\n", q("decode", "empty")),
    case("bidi-marks-only", "odd/marks.txt", "\u200f\u200e\u200f\n", q("decode", "empty")),
    case("control-characters", "odd/controls.txt", bytes(range(1, 32)) * 20, q("decode", "binary")),
    case("nul-bytes-in-utf8-text", "odd/nuls.txt", "\x00".join(ARTICLE_AR[i:i + 10] for i in range(0, 400, 10)),
         q("decode", "binary")),
    case("emoji-only", "odd/emoji.txt", "🔥🔥🚀🎉 😀 👍👍\n", q("decode", "no_text")),
    case("digits-and-punctuation", "odd/numbers.txt", "12345 ... 678 !! 2025-01-12\n", q("decode", "no_text")),
    case("two-letters", "odd/two_letters.txt", "ab\n", q("decode", "no_text")),
    case("emoji-in-an-article", "feeds/emoji.txt", article("ar", 4) + "🔥🚀 تابعونا 👍\n", LOADED),
    case("html-page", "web/page.html",
         f"<html><head><title>خبر</title></head><body><h1>{article('fa', 5)}</h1><p>{PARA_FA}</p></body></html>",
         LOADED),
    case("json-document", "web/item.json", '{"title": "%s", "body": "%s"}' % (f"خبر {6}", PARA_AR), LOADED),
    case("gzip", "bin/feed.txt.gz", gzip.compress(ARTICLE_AR.encode()), q("decode", "binary")),
    case("png-named-txt", "bin/photo.txt", PNG, q("decode", "binary")),
    case("pdf", "bin/report.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 4, q("decode", "binary")),
    case("elf-executable", "bin/program", b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 4, q("decode", "binary")),
    case("utf8-cut-inside-its-last-character", "enc/truncated.txt", article("ur", 7).encode()[:-2], LOADED),
    case("utf16-le-without-bom", "enc/utf16le.txt", article("fa", 8).encode("utf-16-le"), LOADED),
    case("utf16-be-without-bom", "enc/utf16be.txt", article("ar", 9).encode("utf-16-be"), LOADED),
    case("utf16-with-bom", "enc/utf16.txt", article("ur", 10).encode("utf-16"), LOADED),
    case("utf8-with-bom", "enc/bom.txt", b"\xef\xbb\xbf" + article("fa", 11).encode(), LOADED),
    case("windows-1256", "enc/cp1256.txt", article("ar", 12).encode("cp1256"), LOADED),
    case("crlf-line-ends", "enc/crlf.txt", article("ar", 13).replace("\n", "\r\n"), LOADED),
    case("future-date", "dates/future.txt",
         f"الوزير يبحث التعاون (14)\n\nدمشق - 12 يناير 2099\n\n{PARA_AR}\n",
         q("validate", "expect_column_values_to_be_between(published_date)")),
    case("impossible-date", "dates/impossible.txt", f"الوزير يبحث التعاون (15)\n\nدمشق - 31 فبراير 2025\n\n{PARA_AR}\n",
         LOADED),
    Case("file-name-not-utf8", "names/caf\\xe9-\\xff.txt", _non_utf8_name, LOADED),
    case("file-name-with-sql", "names/x'; drop table raw.documents; --.txt", article("fa", 16), LOADED),
    case("file-name-arabic-with-spaces", "names/خبر عاجل (نسخة).txt", article("ar", 17), LOADED),
    case("file-name-with-newline", "names/two\nlines.txt", article("ur", 18), LOADED),
    case("hidden-file", "names/.hidden", article("fa", 19), LOADED),
    case("file-name-of-255-bytes", "names/" + "n" * 251 + ".txt", article("ar", 20), LOADED),
    Case("deep-tree", "deep/" + "d/" * DEEP + "bottom.txt", _deep, LOADED),
    Case("tree-deeper-than-the-limit", "abyss/" + "/".join(["d"] * (MAX_DEPTH - 1)), _too_deep, q("discover", "too_deep")),
    Case("megabyte-line-without-spaces", "big/one_line.txt", _long_line, ("timeout-or-loaded",)),
    Case("thirty-megabyte-dump", "big/dump.txt", _dump, q("discover", "too_large")),
]


def build(landing: Path, outside: Path) -> None:
    for c in CASES:
        c.make(landing, outside)
