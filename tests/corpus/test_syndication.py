"""Near-duplicate articles across outlets (khabar.syndication), on texts written for these tests."""
from __future__ import annotations

import pytest

from khabar.corpus.syndication import DuplicatePair, SyndicationError, near_duplicates

WIRE = (
    "أكد وزير الصحة أن الوزارة ستفتتح ثلاثة مستشفيات جديدة في المنطقة الشرقية قبل نهاية العام الجاري، "
    "بسعة إجمالية تبلغ ألف سرير، وأوضح أن المشاريع تشمل مراكز متخصصة لعلاج السكري وأمراض القلب، "
    "مشيرا إلى أن العمل يجري وفق الجدول الزمني المحدد وأن نسبة الإنجاز تجاوزت ثمانين في المئة."
)
OTHER = (
    "شهدت أسواق الخضار في جدة ارتفاعا ملحوظا في أسعار الطماطم والبصل خلال الأسبوع الماضي، "
    "وعزا التجار الارتفاع إلى تراجع الكميات الواردة من المزارع بسبب موجة الحر التي تشهدها المملكة."
)
FA_A = "وزیر امور خارجه ایران امروز در سفری رسمی وارد مسقط شد و با همتای عمانی خود درباره تحولات منطقه گفت‌وگو کرد."
FA_B = "وزير امور خارجه ايران امروز در سفرى رسمى وارد مسقط شد و با همتاى عمانى خود درباره تحولات منطقه گفتوگو كرد."


@pytest.mark.parametrize(
    "a,b,duplicate",
    [
        pytest.param("واس - الدمام: " + WIRE, "سبق- الدمام: " + WIRE, True, id="same-wire-story-different-datelines"),
        pytest.param(WIRE, WIRE + " وذلك بحسب ما نقلته وكالة الأنباء السعودية.", True, id="reprint-with-an-added-credit-line"),
        pytest.param(WIRE, OTHER, False, id="different-stories"),
        pytest.param(FA_A, FA_B, True, id="fa-zwnj-and-arabic-letter-variants-fold-together"),
        pytest.param("عاجل", "عاجل", False, id="too-short-to-compare"),
    ],
)
def test_near_duplicate_pairs(a, b, duplicate):
    pairs = near_duplicates([("x-1", a), ("x-2", b)])
    assert bool(pairs) is duplicate
    if duplicate:
        assert pairs[0].article_a == "x-1" and pairs[0].article_b == "x-2"
        assert 0.6 <= pairs[0].similarity <= 1.0


def test_pairs_are_ordered_unique_and_deterministic():
    docs = [("c", WIRE), ("a", "سبق- " + WIRE), ("b", OTHER), ("d", "عين اليوم – " + WIRE)]
    first = near_duplicates(docs)
    assert first == near_duplicates(list(reversed(docs)))
    assert [(p.article_a, p.article_b) for p in first] == [("a", "c"), ("a", "d"), ("c", "d")]
    assert all(isinstance(p, DuplicatePair) and p.article_a < p.article_b for p in first)


def test_threshold_decides():
    edited = WIRE[: len(WIRE) // 2] + OTHER
    assert near_duplicates([("a", WIRE), ("b", edited)], threshold=0.9) == []
    assert near_duplicates([("a", WIRE), ("b", edited)], threshold=0.2) != []


@pytest.mark.parametrize(
    "docs,threshold",
    [
        pytest.param([("a", WIRE)], 0.0, id="threshold-zero"),
        pytest.param([("a", WIRE)], 1.5, id="threshold-above-one"),
        pytest.param([("a", WIRE), ("a", OTHER)], 0.6, id="duplicate-ids"),
    ],
)
def test_bad_arguments_raise_typed_errors(docs, threshold):
    with pytest.raises(SyndicationError):
        near_duplicates(docs, threshold)


def test_signatures_and_bands_are_datasketchs_so_kept_band_keys_stay_valid():
    # the warehouse keeps band keys between runs: khabar's own MinHash must give datasketch 2's
    # values (scheme affine32, the seed), and the default bands must be the ones its LSH picks
    from datasketch import MinHash, MinHashLSH
    from texts import PARA_AR, PARA_FA, PARA_UR

    from khabar.corpus import syndication as syn

    for text in (PARA_AR, PARA_FA, PARA_UR, PARA_AR[:40], "a" * 30):
        sh = syn.shingles(text)
        theirs = MinHash(num_perm=syn.NUM_PERM, seed=syn.SEED, scheme="affine32")
        theirs.update_batch([s.encode("utf-8") for s in sh])
        assert syn.signature(sh).tolist() == theirs.hashvalues.tolist()
    lsh = MinHashLSH(threshold=syn.DEFAULT_THRESHOLD - syn.LSH_SLACK, num_perm=syn.NUM_PERM)
    assert syn.DEFAULT_BANDS == tuple(lsh.hashranges)
