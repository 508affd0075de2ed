"""Reading and decoding raw files: what loads, what is rejected and why."""
from __future__ import annotations

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khabar.store import ingest

ARABIC = "قال وزير الخارجية إن المحادثات كانت مثمرة وستستمر الأسبوع المقبل."
PERSIAN = "وزیر امور خارجه گفت: مذاکرات سازنده بود و هفته آینده ادامه می‌یابد."
URDU = "وزیر خارجہ نے کہا کہ مذاکرات مفید رہے اور اگلے ہفتے جاری رہیں گے۔"


@pytest.mark.parametrize(
    "data, text, encoding",
    [
        pytest.param(ARABIC.encode("utf-8"), ARABIC, "utf-8", id="utf8"),
        pytest.param(b"\xef\xbb\xbf" + PERSIAN.encode("utf-8"), PERSIAN, "utf-8-sig", id="utf8-with-bom"),
        pytest.param(URDU.encode("utf-16"), URDU, "utf-16", id="utf16-with-bom"),
        pytest.param(ARABIC.encode("cp1256"), ARABIC, "cp1256", id="windows-1256-arabic"),
        pytest.param(("\r\n".join([ARABIC, ARABIC])).encode(), ARABIC + "\n" + ARABIC, "utf-8", id="crlf-to-lf"),
        pytest.param("\u200fسلام علیکم دوستان".encode(), "سلام علیکم دوستان", "utf-8", id="bidi-marks-removed"),
        pytest.param(ARABIC.encode("utf-8")[:-2], ARABIC[:-2], "utf-8", id="utf8-cut-inside-its-last-character"),
        pytest.param(PERSIAN.encode("utf-16-be"), PERSIAN, "utf-16-be", id="utf16-big-endian-without-bom"),
    ],
)
def test_decodes_text_in_the_encodings_news_comes_in(data, text, encoding):
    got, enc = ingest.decode(data)
    assert got == text
    assert enc.replace("_", "-").lower() == encoding


@pytest.mark.parametrize(
    "data, reason",
    [
        pytest.param(b"", "empty", id="zero-bytes"),
        pytest.param(b"  \n\t \r\n ", "empty", id="white-space-only"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary", id="png"),
        pytest.param(b"%PDF-1.7\n" + bytes(range(256)), "binary", id="pdf"),
        pytest.param(bytes(range(256)) * 4, "binary", id="nul-bytes"),
        pytest.param(b"12345 ... 678 !!", "no_text", id="digits-and-punctuation"),
        pytest.param(bytes([0x81, 0x8d, 0x8f, 0x90, 0x9d, 0xa0, 0xad] * 40), "undecodable", id="noise-bytes"),
    ],
)
def test_rejects_what_is_not_text_with_a_reason(data, reason):
    with pytest.raises(ingest.DecodeError) as err:
        ingest.decode(data)
    assert err.value.reason == reason
    assert err.value.detail


def test_discover_finds_every_regular_file_recursively_and_leaves_the_folder_alone(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "deep.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "top.txt").write_text(PERSIAN, encoding="utf-8")
    (tmp_path / ".hidden").write_bytes(b"")
    (tmp_path / "broken").symlink_to(tmp_path / "missing")
    before = sorted((p.name, p.stat().st_mtime_ns) for p in tmp_path.rglob("*") if p.is_file())

    found, rejected = ingest.discover(tmp_path)

    assert [f.source_path for f in found] == [".hidden", "a/b/deep.txt", "top.txt"]
    assert [(r.source_path, r.stage, r.reason) for r in rejected] == [("broken", "discover", "not_regular_file")]
    assert sorted((p.name, p.stat().st_mtime_ns) for p in tmp_path.rglob("*") if p.is_file()) == before


def test_missing_landing_folder_is_an_error_not_an_empty_run(tmp_path):
    with pytest.raises(ingest.LandingError, match="landing folder not found"):
        ingest.discover(tmp_path / "nope")


def test_sha256_is_of_the_original_bytes(tmp_path):
    data = b"\xef\xbb\xbf" + PERSIAN.encode("utf-8")
    (tmp_path / "f.txt").write_bytes(data)
    (found,), _ = ingest.discover(tmp_path)
    doc = ingest.read(found)
    assert isinstance(doc, ingest.Decoded)
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.n_bytes == len(data)


@given(st.binary(max_size=400))
def test_decode_never_fails_other_than_with_a_decode_error(data):
    try:
        text, _ = ingest.decode(data)
    except ingest.DecodeError as err:
        assert err.reason in {"empty", "binary", "undecodable", "no_text"}
    else:
        assert text.strip()


def test_a_file_name_that_is_not_utf8_is_kept_with_escapes(tmp_path):
    (tmp_path / "ok.txt").write_text(ARABIC, encoding="utf-8")
    with open(bytes(tmp_path) + b"/caf\xe9.txt", "wb") as f:
        f.write(PERSIAN.encode("utf-8"))
    found, rejected = ingest.discover(tmp_path)
    assert [f.source_path for f in found] == ["caf\\xe9.txt", "ok.txt"]
    assert ingest.read(found[0]).text == PERSIAN
