"""khabar.anatomy: title, kicker, dateline, byline, body and furniture of plain-text articles."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import SHARED
from texts import PARA_AR, PARA_FA

from khabar.document.anatomy import Anatomy, dissect

SEEDS = SHARED / "seeds"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        pytest.param(f"اجتماع وزاري لبحث التعاون في الطاقة\n{PARA_AR}", "اجتماع وزاري لبحث التعاون في الطاقة", id="ar-short-first-line-is-title"),
        pytest.param(f"{PARA_AR}\n{PARA_AR}", None, id="ar-paragraph-first-no-title"),
        pytest.param(f"عنوان الخبر المكرر هنا\nعنوان الخبر المكرر هنا\n\nعنوان الخبر المكرر هنا\n{PARA_AR}", "عنوان الخبر المكرر هنا", id="ar-repeated-title-counted-once"),
        pytest.param(f"پیام وزیر به همسایگان چه بود؟\n\n{PARA_FA}", "پیام وزیر به همسایگان چه بود؟", id="fa-question-title"),
        pytest.param(f"First Published: 2017-09-12\n\nوزير الدفاع يزور العاصمة لبحث التعاون\n\n{PARA_AR}", "وزير الدفاع يزور العاصمة لبحث التعاون", id="ar-title-after-first-published-line"),
        pytest.param(f"الوقت - {PARA_AR}", None, id="ar-dateline-body-no-title"),
        pytest.param(f"عين اليوم – متابعات\n{PARA_AR}", None, id="ar-dateline-line-is-not-title"),
    ],
)
def test_title(text: str, title: str | None) -> None:
    assert dissect(text).title == title


@pytest.mark.parametrize(
    ("text", "dateline", "body_head"),
    [
        pytest.param(f"الوقت - {PARA_AR}", "الوقت -", "قالت الوزارة", id="outlet-dash-prefix"),
        pytest.param(f"سبق- نجران: {PARA_AR}", "سبق- نجران:", "قالت الوزارة", id="outlet-dash-city-colon"),
        pytest.param(f"فهد العلي- سبق- جازان: {PARA_AR}", "فهد العلي- سبق- جازان:", "قالت", id="author-outlet-city"),
        pytest.param(f"عين اليوم – متابعات\n{PARA_AR}", "عين اليوم – متابعات", "قالت الوزارة", id="dateline-own-line"),
        pytest.param(f"Next Previous عين اليوم – متابعات\n{PARA_AR}", "عين اليوم – متابعات", "قالت", id="next-previous-prefix-dropped"),
        pytest.param(f"خبرگزاری فارس: {PARA_FA}", "خبرگزاری فارس:", "وزیر امور خارجه", id="fa-agency-colon"),
        pytest.param("لاہور ۔ 16 ستمبر (اے پی پی) وزیر اعلیٰ نے آج صوبے میں نئے ہسپتالوں کی تعمیر کا اعلان کیا اور کہا کہ کام اگلے ماہ شروع ہوگا۔", "لاہور ۔ 16 ستمبر (اے پی پی)", "وزیر اعلیٰ", id="ur-city-date-wire"),
        pytest.param(f"كشف لـ «عكاظ» مدير المشروع أن العمل مستمر. {PARA_AR}", None, "كشف لـ", id="tatweel-in-li-is-not-a-dash"),
        pytest.param(f"ناصر الطميحي ـ جدة\n{PARA_AR}", "ناصر الطميحي ـ جدة", "قالت", id="spaced-tatweel-is-a-dash"),
        pytest.param(f"{PARA_AR}\nوتابعت الوزارة: {PARA_AR}", None, "قالت الوزارة", id="speech-colon-later-is-not-dateline"),
        pytest.param(f"الرياض 26 شوال 1436 هـ الموافق 11 اغسطس 2015 م واس\n{PARA_AR}", "الرياض 26 شوال 1436 هـ الموافق 11 اغسطس 2015 م واس", "قالت", id="spa-long-dateline"),
    ],
)
def test_dateline_and_body_start(text: str, dateline: str | None, body_head: str) -> None:
    a = dissect(text)
    assert a.dateline == dateline
    assert a.body.startswith(body_head)


@pytest.mark.parametrize(
    ("text", "in_furniture", "not_in_body"),
    [
        pytest.param(f"{PARA_AR}\n\nالمصدر: شبكة شام الكاتب: فريق التحرير\nمشاركة:\n\nاقرأ أيضاً:\n", "مشاركة:", "المصدر", id="source-line-ends-article"),
        pytest.param(f"{PARA_AR}\n// انتهى //\n16:39 ت م", "// انتهى //", "انتهى", id="wire-end-mark"),
        pytest.param(f"{PARA_AR}\nرابط الخبر بصحيفة الوئام: عنوان آخر", "رابط الخبر بصحيفة الوئام: عنوان آخر", "رابط الخبر", id="link-back-line"),
        pytest.param(f"{PARA_AR}\n\nسلامة يدعو لتشريك مؤيدي النظام السابق\n\nوفاة المرشد السابق للجماعة\n\nاستفتاء الانفصال ورقة ضغط في التفاوض\n\n>>", "وفاة المرشد السابق للجماعة", "استفتاء", id="trailer-of-unrelated-headlines"),
        pytest.param(f"{PARA_AR} سمات وزارة التعليم رشوة", "سمات وزارة التعليم رشوة", "سمات", id="trailing-tags"),
        pytest.param(f"عنوان الخبر هنا اليوم\n\n{PARA_AR}\n\nميدل ايست أونلاين\n\n{PARA_AR}", "ميدل ايست أونلاين", "أونلاين", id="masthead-line-in-head"),
    ],
)
def test_furniture_kept_out_of_body(text: str, in_furniture: str, not_in_body: str) -> None:
    a = dissect(text)
    assert in_furniture in a.furniture
    assert not_in_body not in a.body


@pytest.mark.parametrize(
    ("text", "kicker", "byline"),
    [
        pytest.param(f"عنوان الخبر الرئيسي اليوم\n● أخبار سورية ٢٣ مارس ٢٠٢٠\n{PARA_AR}", "● أخبار سورية", None, id="bulleted-kicker-date-removed"),
        pytest.param(f"{PARA_AR}\n{PARA_AR}\nالمصدر: شبكة شام الكاتب: فريق التحرير", None, "فريق التحرير", id="ar-byline-on-source-line"),
        pytest.param(f"{PARA_FA}\nنویسنده: مریم احمدی", None, "مریم احمدی", id="fa-byline-label"),
        pytest.param(f"Ministers meet on energy ties\nBy: John Smith\n{PARA_AR}", None, "John Smith", id="en-by-label"),
    ],
)
def test_kicker_and_byline(text: str, kicker: str | None, byline: str | None) -> None:
    a = dissect(text)
    assert a.kicker == kicker
    assert a.byline == byline


def test_body_start_points_into_the_text() -> None:
    text = f"عنوان قصير للخبر هنا\n\nالوقت - {PARA_AR}\n\n{PARA_AR}"
    a = dissect(text)
    assert a.body_start >= 0
    assert text[a.body_start : a.body_start + len(a.body)] == a.body


def test_empty_text() -> None:
    assert dissect("") == Anatomy(None, None, None, None, "", -1, ())


def _seeds() -> tuple[dict, Path]:
    if not SEEDS.is_dir():
        pytest.skip("../shared not present")
    return json.loads((SEEDS / "gold.json").read_text("utf-8"))["articles"], SEEDS / "articles"


def test_seed_titles_match_gold() -> None:
    gold, folder = _seeds()
    for name, g in gold.items():
        a = dissect((folder / name).read_text("utf-8"), g["lang"])
        assert a.title == g["title"], name


def test_seed_003_trailer_not_in_body() -> None:
    gold, folder = _seeds()
    name = next(n for n in gold if n.startswith("003_"))
    text = (folder / name).read_text("utf-8")
    a = dissect(text, "ar")
    # everything after the paragraph ending the article is the site's list of other headlines
    end = text.index("شمال سوريا.") + len("شمال سوريا.")
    for line in filter(None, (ln.strip() for ln in text[end:].splitlines())):
        if len(line) > 3:
            assert line not in a.body
    assert a.body.rstrip().endswith("شمال سوريا.")


@pytest.mark.parametrize(
    ("text", "body_head"),
    [
        pytest.param(f"نقلت وكالة الأنباء السعودية (واس) عن مصدر أن الاجتماع انتهى. {PARA_AR}", "نقلت وكالة", id="ar-naqalat-opens-a-sentence"),
        pytest.param(f"أفادت وكالة الأنباء السعودية (واس) بأن الاجتماع انتهى. {PARA_AR}", "أفادت وكالة", id="ar-afadat-opens-a-sentence"),
    ],
)
def test_a_citing_verb_opens_a_sentence_not_a_dateline(text: str, body_head: str) -> None:
    a = dissect(text, "ar")
    assert a.dateline is None
    assert a.body.startswith(body_head)


def test_long_inputs_keep_their_shape() -> None:
    line = "سبق" * 50_000
    assert dissect(line).body == line
    text = "عنوان الخبر الرئيسي اليوم\n" + "".join(f"{PARA_AR} ({n})\n" for n in range(2_000))
    a = dissect(text)
    assert a.title == "عنوان الخبر الرئيسي اليوم"
    assert a.body.count(PARA_AR) == 2_000
