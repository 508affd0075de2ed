"""The one sentence splitter: where a sentence ends, and where a mark ends none."""
from __future__ import annotations

import pytest

from khabar.text.sentences import sentence_spans


def sentences(text: str) -> list[str]:
    return [s for a, b in sentence_spans(text) if (s := text[a:b].strip())]


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("بلغت قوته 4.3 درجات. وشعر به السكان.", ["بلغت قوته 4.3 درجات.", "وشعر به السكان."], id="a-decimal"),
    # a doctor's title and his name are one sentence: the guest named after it is the reception's party
    pytest.param("استقبل الأمير اليوم د. صالح بن سليمان الوهيبي. وبحث معه المشروعات.",
                 ["استقبل الأمير اليوم د. صالح بن سليمان الوهيبي.", "وبحث معه المشروعات."], id="a-doctors-title"),
    pytest.param("د. عبدالله الربيعة يستقبل ضيفه", ["د. عبدالله الربيعة يستقبل ضيفه"], id="a-title-first"),
    # a year's era after its number ends the dateline's sentence
    pytest.param("الرياض 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م. استقبل الأمير ضيفه.",
                 ["الرياض 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م.", "استقبل الأمير ضيفه."], id="a-years-era"),
    pytest.param("انتهى الاجتماع.\nوغادر الوفد", ["انتهى الاجتماع.", "وغادر الوفد"], id="a-line-break"),
])
def test_where_sentences_end(text, expected):
    assert sentences(text) == expected
