"""Syndication: near-duplicate articles across outlets (the same wire story reprinted).

Bodies are folded (``khabar.text.normalize.fold``), cut into character shingles, and hashed into MinHash
signatures with a fixed seed. A signature is cut into LSH bands (the band count and width datasketch's
``MinHashLSH`` picks for the threshold); two documents that share a band are candidates, and each
candidate is then scored by the exact Jaccard similarity of the two shingle sets, so the answer does
not depend on hash luck beyond which candidates the bands propose. Same input, same pairs, in every
process.

Incremental: a document's band keys are computed once (by the worker that analyses it) and kept in
the warehouse (``raw.syndication_bands``). A run compares only its new documents, and only with the
documents that share a band with them: ``link`` reads the bodies of those candidates and nothing
else, so a run costs what it adds, not what the warehouse holds.
"""
from __future__ import annotations

import functools
import hashlib
import operator
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import polars as pl

from khabar.text.normalize import fold

SHINGLE_CHARS = 5
NUM_PERM = 128
SEED = 20240607
# LSH proposes candidates a little below the asked threshold; exact Jaccard decides.
LSH_SLACK = 0.15
MIN_SHINGLES = 20
# the similarity at which the pairs kept in the warehouse are cut (raw.near_duplicates)
DEFAULT_THRESHOLD = 0.6
BAND_KEY_BYTES = 8  # a band's key fits a signed 64-bit column


class SyndicationError(ValueError):
    """Bad arguments; carries the offending value."""

    def __init__(self, message: str, value: object) -> None:
        super().__init__(f"{message}: {value!r}")
        self.value = value


@dataclass(frozen=True)
class DuplicatePair:
    article_a: str  # article_a < article_b
    article_b: str
    similarity: float  # Jaccard similarity of folded character shingles, 0..1


class BandStore(Protocol):
    """Where band keys and bodies are kept between runs (``khabar.store.warehouse.Warehouse``)."""

    def add_syndication_bands(self, bands: pl.DataFrame) -> None: ...

    def syndication_candidates(self, doc_ids: Sequence[str]) -> list[tuple[str, str]]: ...

    def bodies(self, doc_ids: Sequence[str]) -> dict[str, str]: ...

    def add_near_duplicates(self, pairs: pl.DataFrame) -> None: ...


BANDS_SCHEMA = {"doc_id": pl.Utf8, "band": pl.Int32, "band_key": pl.Int64}
PAIRS_SCHEMA = {"article_a": pl.Utf8, "article_b": pl.Utf8, "similarity": pl.Float64}


def shingles(text: str, k: int = SHINGLE_CHARS) -> frozenset[str]:
    folded = fold(text)
    if len(folded) < k:
        return frozenset([folded]) if folded else frozenset()
    return frozenset([folded[i : i + k] for i in range(len(folded) - k + 1)])


def _encoded_shingles(text: str, k: int = SHINGLE_CHARS) -> frozenset[bytes]:
    """The UTF-8 of each of ``shingles(text, k)`` (one set is the other's image: a shingle and its
    UTF-8 are one-to-one), cut from the folded text's UTF-8 at its characters' first bytes:
    cheaper than encoding every shingle apart, which is what hashing them needs."""
    folded = fold(text)
    if len(folded) < k:
        return frozenset([folded.encode("utf-8")]) if folded else frozenset()
    data = folded.encode("utf-8")
    # a character starts at every byte that is not a UTF-8 continuation byte (0b10xxxxxx)
    starts = np.flatnonzero((np.frombuffer(data, dtype=np.uint8) & 0xC0) != 0x80).tolist()
    starts.append(len(data))
    return frozenset([data[a:b] for a, b in zip(starts, starts[k:])])


# The MinHash of datasketch 2 (its default "affine32" scheme), written out so that the band keys kept
# in warehouses do not change with datasketch's defaults (1.x used another scheme) and so that the
# analysis processes need not import datasketch and scipy (90 MB each): SHA-1's first 4 bytes of
# each shingle, MurmurHash3's 32-bit finalizer, then NUM_PERM affine maps a·h + b mod 2^32 whose
# (a, b) come from numpy's RandomState(SEED). tests/corpus/test_syndication.py checks it against datasketch.
_FMIX32 = tuple(np.uint32(c) for c in (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16))
_EMPTY32 = np.uint32(0xFFFFFFFF)
_SHA1_WORDS = 5  # a SHA-1 digest is five 32-bit words
_SHA1_DIGEST = operator.methodcaller("digest")
_UTF8 = operator.methodcaller("encode", "utf-8")


@functools.lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def signature(sh: Iterable[str]) -> np.ndarray:
    """The MinHash signature (NUM_PERM uint32 values) of a set of shingles."""
    return _encoded_signature(map(_UTF8, sh))


def _encoded_signature(encoded: Iterable[bytes]) -> np.ndarray:
    """``signature`` of the shingles whose UTF-8 is ``encoded``."""
    # every digest in one buffer, read as little-endian uint32 words: the first of each 5 is the hash
    digests = b"".join(map(_SHA1_DIGEST, map(hashlib.sha1, encoded)))
    hv = np.frombuffer(digests, dtype="<u4")[::_SHA1_WORDS].astype(np.uint32)
    if not hv.size:
        return np.full(NUM_PERM, _EMPTY32, dtype=np.uint32)
    s1, m1, s2, m2, s3 = _FMIX32
    hv ^= hv >> s1
    hv *= m1
    hv ^= hv >> s2
    hv *= m2
    hv ^= hv >> s3
    a, b = _permutations()
    # one (NUM_PERM, shingles) product, added to and reduced in place along its rows: the shingle-major
    # ``hv[:, None] * a + b`` made two such arrays and reduced across rows, about three times slower
    products = np.multiply.outer(a, hv)
    products += b[:, None]
    return np.minimum(_EMPTY32, products.min(axis=1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


# what datasketch's MinHashLSH picks for DEFAULT_THRESHOLD - LSH_SLACK and NUM_PERM: 25 bands of 5
DEFAULT_BANDS = tuple((start, start + 5) for start in range(0, 125, 5))


@functools.lru_cache(maxsize=8)
def band_ranges(threshold: float) -> tuple[tuple[int, int], ...]:
    """The (start, end) slices of a signature that form its bands, as datasketch sizes them."""
    if threshold == DEFAULT_THRESHOLD:
        return DEFAULT_BANDS
    # datasketch pulls in scipy: imported only for a threshold of the caller's own
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=max(0.05, threshold - LSH_SLACK), num_perm=NUM_PERM)
    return tuple(lsh.hashranges)


def band_keys(sh: frozenset[str], threshold: float = DEFAULT_THRESHOLD) -> tuple[int, ...]:
    """One 64-bit key per band of the shingle set's MinHash signature; () for a text too short to compare."""
    if len(sh) < MIN_SHINGLES:
        return ()
    return _keys_of(signature(sh), threshold)


def _keys_of(values: np.ndarray, threshold: float) -> tuple[int, ...]:
    return tuple(
        int.from_bytes(hashlib.blake2b(values[start:end].tobytes(), digest_size=BAND_KEY_BYTES).digest(),
                       "big", signed=True)
        for start, end in band_ranges(threshold)
    )


def body_band_keys(body: str | None) -> tuple[int, ...]:
    """The band keys of an article body (what the analysis process computes for each document):
    ``band_keys(shingles(body))``, hashing shingles cut from the body's UTF-8."""
    encoded = _encoded_shingles(body or "")
    if len(encoded) < MIN_SHINGLES:
        return ()
    return _keys_of(_encoded_signature(encoded), DEFAULT_THRESHOLD)


def keys_frame(keyed: Iterable[tuple[str, Sequence[int]]]) -> pl.DataFrame:
    """``(doc_id, band keys)`` pairs as rows of ``raw.syndication_bands``."""
    rows = [(doc_id, band, key) for doc_id, keys in keyed for band, key in enumerate(keys)]
    return pl.DataFrame(rows, schema=BANDS_SCHEMA, orient="row")


def bands_frame(docs: Iterable[tuple[str, str]]) -> pl.DataFrame:
    """``(doc_id, body)`` pairs as rows of ``raw.syndication_bands``."""
    return keys_frame((doc_id, body_band_keys(body)) for doc_id, body in docs)


def _candidates(keys: Mapping[str, tuple[int, ...]]) -> set[tuple[str, str]]:
    buckets: dict[tuple[int, int], list[str]] = {}
    for doc_id in sorted(keys):
        for band, key in enumerate(keys[doc_id]):
            buckets.setdefault((band, key), []).append(doc_id)
    return {(a, b) for ids in buckets.values() for i, a in enumerate(ids) for b in ids[i + 1:]}


def confirm(candidates: Iterable[tuple[str, str]], bodies: Mapping[str, str],
            threshold: float = DEFAULT_THRESHOLD) -> list[DuplicatePair]:
    """Candidate pairs kept when the exact Jaccard of their shingle sets reaches ``threshold``."""
    sets: dict[str, frozenset[str]] = {}

    def shingled(doc_id: str) -> frozenset[str]:
        if doc_id not in sets:
            sets[doc_id] = shingles(bodies.get(doc_id) or "")
        return sets[doc_id]

    pairs: dict[tuple[str, str], float] = {}
    for x, y in candidates:
        a, b = min(x, y), max(x, y)
        if a == b or (a, b) in pairs:
            continue
        sim = jaccard(shingled(a), shingled(b))
        if sim >= threshold:
            pairs[(a, b)] = round(sim, 4)
    return [DuplicatePair(a, b, s) for (a, b), s in sorted(pairs.items())]


def near_duplicates(docs: Sequence[tuple[str, str]], threshold: float = DEFAULT_THRESHOLD) -> list[DuplicatePair]:
    """Pairs of documents whose folded bodies are near-duplicates (Jaccard ≥ ``threshold``).

    ``docs`` are ``(article_id, body)``; ids must be unique. Bodies with fewer than MIN_SHINGLES
    shingles (a line or two) are not compared: short texts match by accident.
    """
    if not 0.0 < threshold <= 1.0:
        raise SyndicationError("threshold must be in (0, 1]", threshold)
    ids = [d[0] for d in docs]
    if len(set(ids)) != len(ids):
        dup = sorted(i for i in set(ids) if ids.count(i) > 1)[0]
        raise SyndicationError("duplicate article id", dup)
    keys = {aid: band_keys(shingles(body), threshold) for aid, body in docs}
    return confirm(_candidates(keys), dict(docs), threshold)


def pairs_frame(pairs: Iterable[DuplicatePair]) -> pl.DataFrame:
    return pl.DataFrame([(p.article_a, p.article_b, float(p.similarity)) for p in pairs],
                        schema=PAIRS_SCHEMA, orient="row")


def link(store: BandStore, bands: pl.DataFrame) -> int:
    """Add new documents' band keys to ``store`` and the near-duplicate pairs they take part in.

    Compares each new document only with the documents that share a band with it (new or already
    kept); reads only those candidates' bodies. Returns the number of pairs added.
    """
    if bands.is_empty():
        return 0
    store.add_syndication_bands(bands)
    candidates = store.syndication_candidates(bands["doc_id"].unique().sort().to_list())
    if not candidates:
        return 0
    bodies = store.bodies(sorted({d for pair in candidates for d in pair}))
    pairs = confirm(candidates, bodies)
    store.add_near_duplicates(pairs_frame(pairs))
    return len(pairs)
