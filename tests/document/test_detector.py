"""The fast langdetect detector gives langdetect's own probabilities, to the last bit."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from langdetect.detector import Detector
from langdetect.lang_detect_exception import LangDetectException

from khabar import memo as memo_module
from khabar.document import detector as detector_module
from khabar.document import language
from khabar.document.detector import FastDetector

TEXTS = [
    pytest.param("قال وزير الخارجية إن المفاوضات ستستأنف الأسبوع المقبل في العاصمة.", id="arabic"),
    pytest.param("وزیر امور خارجه روز گذشته با همتای خود در تهران دیدار کرد.", id="persian-yeh-folded-by-ngram"),
    pytest.param("وزیر اعظم نے کہا ہے کہ حکومت عوام کے مسائل حل کرے گی۔", id="urdu"),
    pytest.param("NATO AND THE UN   met in Brussels on Monday", id="capital-words-are-skipped"),
    pytest.param("Việt Nam và Hà Nội", id="vietnamese-marks-normalised"),
    pytest.param("Tiếng Việt with combining marks: Vie\u0323\u0302t", id="vietnamese-combining"),
    pytest.param("日本語のテキスト、カタカナ 한국어 ㄅㄆ", id="cjk-kana-hangul-bopomofo"),
    pytest.param("سلام www.example.com http://example.com/a?b=1 x@y.org تهران", id="urls-and-mail-removed"),
    pytest.param("Latin words in an Arabic text: الرئيس Putin قال Moscow إن", id="latin-dropped-when-outnumbered"),
    pytest.param("Привет, мир! Это тест.", id="cyrillic"),
    pytest.param("—  “quoted”  ’ … ", id="general-punctuation-only"),
    pytest.param("", id="empty"),
]


def _probabilities(cls, factory, text: str, prior: dict[str, float] | None):
    detector = cls(factory)
    if prior:
        detector.set_prior_map(prior)
    detector.append(text)
    try:
        detector.get_probabilities()
    except LangDetectException as err:
        return "no features", str(err)
    return detector.text, detector.langprob


def _same_as_langdetect(text: str) -> None:
    for group in language._model().groups.values():
        theirs, ours = Detector(group.factory), FastDetector(group.factory)
        for detector in (theirs, ours):
            detector.append(text)
            detector.cleaning_text()
        assert ours._extract_ngrams() == theirs._extract_ngrams()
        for prior in (None, group.prior):
            theirs = _probabilities(Detector, group.factory, text, prior)
            ours = _probabilities(FastDetector, group.factory, text, prior)
            assert ours == theirs, (group.name, prior is not None)


@pytest.mark.parametrize("text", TEXTS)
def test_same_probabilities_as_langdetect(text):
    _same_as_langdetect(text)


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from("ابتثجحخدذرسشصضطظعغفقکگیيكهةءئؤآأإےںٹڈڑژپچ  AbCDeXYZ.,1٢۳\u200c\u064b-'"),
               max_size=120))
def test_same_probabilities_on_any_mix(text):
    _same_as_langdetect(text)


def test_same_probabilities_when_the_remembered_segments_are_forgotten(monkeypatch):
    """The n-grams of each segment are remembered, and forgotten when the memo is full: the
    answers must not depend on what it held."""
    monkeypatch.setattr(detector_module, "SEGMENTS_KEPT", 3)
    monkeypatch.setattr(memo_module, "_KEPT", {})  # every kept memo starts empty, made with the cap above
    for param in TEXTS:
        for _ in range(2):  # first from a cold memo, then from what the first pass left in it
            _same_as_langdetect(param.values[0])
    segment_memos = [memo for (_, key), (_, memo) in memo_module._KEPT.items() if key == "segment rows"]
    assert segment_memos and all(len(memo) <= 3 for memo in segment_memos)
