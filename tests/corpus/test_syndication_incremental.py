"""Syndication run by run: band keys kept in the warehouse, new documents compared only with the
documents that share a band with them (khabar.corpus.syndication.link)."""
from __future__ import annotations

import pytest
from texts import PARA_AR, PARA_FA, PARA_UR

from khabar.corpus.syndication import bands_frame, link, near_duplicates
from khabar.store.warehouse import Warehouse

DOCS = {
    "d1": PARA_AR,
    "d2": "واس - الرياض: " + PARA_AR,
    "d3": PARA_FA,
    "d4": PARA_FA + " این گزارش از سوی خبرگزاری منتشر شد.",
    "d5": PARA_UR,
    "d6": "عاجل",
}
EXPECTED_PAIRS = {("d1", "d2"), ("d3", "d4")}


class CountingWarehouse(Warehouse):
    """A warehouse that remembers whose bodies were read."""

    def __init__(self, path):
        super().__init__(path)
        self.bodies_read: list[str] = []

    def bodies(self, doc_ids):
        self.bodies_read += list(doc_ids)
        return super().bodies(doc_ids)


def _load(store: Warehouse, ids: list[str]) -> None:
    for doc_id in ids:
        store.con.execute("insert into raw.documents (doc_id, source_path, sha256, body) values (?, ?, ?, ?)",
                          [doc_id, f"{doc_id}.txt", f"sha-{doc_id}", DOCS[doc_id]])
    link(store, bands_frame((d, DOCS[d]) for d in ids))


def _pairs(store: Warehouse) -> set[tuple[str, str]]:
    return {(a, b) for a, b in store.con.execute("select article_a, article_b from raw.near_duplicates").fetchall()}


@pytest.mark.parametrize("runs", [
    pytest.param([["d1", "d2", "d3", "d4", "d5", "d6"]], id="one-run"),
    pytest.param([["d1", "d3", "d5"], ["d2", "d4", "d6"]], id="each-copy-arrives-in-a-later-run"),
    pytest.param([["d6"], ["d5"], ["d4"], ["d3"], ["d2"], ["d1"]], id="one-document-per-run-in-reverse"),
    pytest.param([["d2", "d4"], ["d1", "d3", "d5", "d6"]], id="copies-first-originals-after"),
])
def test_any_split_and_order_finds_the_pairs_of_one_pass(tmp_path, runs):
    with Warehouse(tmp_path / "w.duckdb") as store:
        for ids in runs:
            _load(store, ids)
        got = _pairs(store)
    one_pass = {(p.article_a, p.article_b) for p in near_duplicates(list(DOCS.items()))}
    assert got == one_pass == EXPECTED_PAIRS


def test_a_run_reads_only_the_bodies_of_band_candidates(tmp_path):
    with CountingWarehouse(tmp_path / "w.duckdb") as store:
        _load(store, ["d1", "d3", "d5", "d6"])
        store.bodies_read.clear()
        _load(store, ["d2"])
        assert sorted(set(store.bodies_read)) == ["d1", "d2"]
        store.bodies_read.clear()
        _load(store, ["d4"])
        assert sorted(set(store.bodies_read)) == ["d3", "d4"]


def test_loading_the_same_bands_twice_adds_nothing(tmp_path):
    with Warehouse(tmp_path / "w.duckdb") as store:
        _load(store, ["d1", "d2"])
        link(store, bands_frame([("d1", DOCS["d1"]), ("d2", DOCS["d2"])]))
        assert store.count("near_duplicates") == 1
        assert store.count("syndication_bands") == 2 * len(bands_frame([("d1", DOCS["d1"])]))


def test_a_text_too_short_to_compare_has_no_bands():
    assert bands_frame([("d6", DOCS["d6"])]).is_empty()
