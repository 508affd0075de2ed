"""Syndication: near-duplicate articles across outlets (the same wire story reprinted).

Bodies are folded (``khabar.text.normalize.fold``), cut into character shingles, and hashed into MinHash
signatures with a fixed seed; datasketch's LSH proposes candidate pairs and each candidate is then
scored by the exact Jaccard similarity of the two shingle sets, so the answer does not depend on
hash luck beyond which candidates LSH proposes. Same input, same pairs, in every process.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

from khabar.text.normalize import fold

SHINGLE_CHARS = 5
NUM_PERM = 128
SEED = 20240607
# LSH proposes candidates a little below the asked threshold; exact Jaccard decides.
LSH_SLACK = 0.15
MIN_SHINGLES = 20


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


def shingles(text: str, k: int = SHINGLE_CHARS) -> frozenset[str]:
    folded = fold(text)
    if len(folded) < k:
        return frozenset([folded]) if folded else frozenset()
    return frozenset(folded[i : i + k] for i in range(len(folded) - k + 1))


def _minhash(sh: frozenset[str]) -> MinHash:
    mh = MinHash(num_perm=NUM_PERM, seed=SEED)
    mh.update_batch([s.encode("utf-8") for s in sorted(sh)])
    return mh


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def near_duplicates(docs: Sequence[tuple[str, str]], threshold: float = 0.6) -> list[DuplicatePair]:
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
    sets = {aid: shingles(body) for aid, body in docs}
    sets = {aid: s for aid, s in sets.items() if len(s) >= MIN_SHINGLES}
    lsh = MinHashLSH(threshold=max(0.05, threshold - LSH_SLACK), num_perm=NUM_PERM)
    hashes = {}
    for aid in sorted(sets):
        hashes[aid] = _minhash(sets[aid])
        lsh.insert(aid, hashes[aid])
    pairs: dict[tuple[str, str], float] = {}
    for aid in sorted(sets):
        for other in lsh.query(hashes[aid]):
            if other <= aid:
                continue
            sim = jaccard(sets[aid], sets[other])
            if sim >= threshold:
                pairs[(aid, other)] = round(sim, 4)
    return [DuplicatePair(a, b, s) for (a, b), s in sorted(pairs.items())]
