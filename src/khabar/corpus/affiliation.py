"""Whether a place an article names is where a happening is, or only whose someone or something is
(a post's country, a nationality, a road's name, a body's seat, where guests came from): ``affiliation``, read by the units
of ``khabar.corpus.units`` for their places and by their article's main place."""
from __future__ import annotations

from khabar.corpus.places import Hierarchy
from khabar.document.events import ArticleInput, EntityRef
from khabar.text.normalize import fold, has_arabic_article

# after these words a country's nisba form is the country itself ("في سورية", "شمال سورية")
_PREPOSITIONS = frozenset(fold(w) for w in (
    "في", "إلى", "الى", "من", "عن", "على", "داخل", "خارج", "نحو", "حول", "عبر", "تجاه", "وسط", "أنحاء", "انحاء",
    "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "أراضي", "حدود", "بين"))
_NISBA_ENDINGS = tuple(fold(e) for e in ("ي", "ية", "يين", "يون", "يات"))
# a country's definite nisba after one of these names its institution, not a place: "السفارة السعودية"
# (the Saudi embassy, in a report of a shooting in Oman), "القوات السورية", "وزارة الخارجية الروسية",
# "مجلس الغرف السعودية" (the chambers' council, whose chairman the emir of Riyadh receives)
_INSTITUTIONS = frozenset(fold(w) for w in (
    "السفارة", "القنصلية", "الحكومة", "الوزارة", "الخارجية", "الداخلية", "الدفاع", "القوات", "الشرطة", "السلطات",
    "الجهات", "الوكالة", "الصحيفة", "القناة", "التلفزيون", "البحرية", "الجوية", "الجيش", "الرئاسة", "المعارضة",
    "القيادة", "البعثة", "الطائرات", "المقاتلات", "الغرف", "الهيئة", "اللجنة", "الجمعية", "الشركة", "الجامعة",
    "المنتخب", "الأندية", "الخطوط", "الاتحاد"))

# a town right after one of these names a road, not where a happening on it is
_ROADS = frozenset(fold(w) for w in ("طريق", "بطريق", "وطريق", "لطريق", "طرق"))
# a country right after one of these is whose the post is ("وزير خارجية مصر", "سفير ميانمار لدى المملكة",
# "رئيس وزراء باكستان", "مفتي مصر"), not where its holder is
_POSTS = frozenset(fold(w) for w in (
    "خارجية", "سفير", "سفيرة", "سفارة", "قنصل", "قنصلية", "وزير", "وزيرة", "وزراء", "رئيس", "رئيسة", "ملك", "أمير",
    "عاهل", "سلطان", "مفتي", "حكومة", "مندوب", "مندوبة", "ممثل", "حكومتي", "برلمان", "نائب"))

# a region right after these is whose its governor is ("أمير المنطقة الشرقية" condoling for Abha's fallen)
_GOVERNORS = frozenset(fold(w) for w in ("أمير", "محافظ", "وأمير", "ومحافظ"))
_REGION_WORDS = frozenset(fold(w) for w in ("منطقة", "محافظة", "المنطقة", "المحافظة"))
_ON_BEHALF = (fold("عن"), fold("أهالي"))  # "نيابة عن أهالي المنطقة الشرقية": whose people
# a place after one of these and "من" is where someone came from, not where they are met: "استقبل ...
# مجموعة من الرحالة السعوديين الذين قدموا من منطقة نجران" (received in Riyadh)
_ARRIVED = frozenset(fold(w) for w in (
    "قدم", "قدمت", "قدموا", "القادم", "القادمة", "القادمين", "القادمون", "قادما", "قادمة", "قادمين", "الوافد",
    "الوافدة", "الوافدين", "وافدين"))
# the style of a state between a post and its name ("سفير جمهورية اتحاد ميانمار", "وزير خارجية المملكة المغربية")
_STATES = frozenset(fold(w) for w in ("جمهورية", "مملكة", "المملكة", "دولة", "اتحاد", "سلطنة", "إمارة", "الجمهورية"))
# a body's seat named as whose it is ("ومقرها جنيف", "ومقره بريطانيا"), or as where a statement came
# from ("في بيان أصدره البرلمان العربي من مقره بالقاهرة"): not where what it speaks of happens. What it
# does at its seat happens there ("أصدرت المحكمة في مقرها الصيفي في محافظة جدة حكماً")
_SEATS = frozenset(fold(w) for w in ("مقره", "مقرها", "مقرهم"))
# what may stand between a seat and its place: a clitic the place's word lost ("مقره ب|القاهرة"), "في"
_BETWEEN_SEAT_AND_PLACE = frozenset(fold(w) for w in ("ب", "ل", "و", "ف", "في"))
# Persian: a country right after a post, in the ezafe ("وزیر خارجه آمریکا", "رئیس‌جمهوری آمریکا",
# "سفیر ایران", "ارتش آمریکا"), and the styles of a state between them ("سفیر جمهوری اسلامی ایران")
_POSTS_FA = frozenset(fold(w) for w in (
    "وزیر", "خارجه", "سفیر", "سفارت", "کنسول", "کنسولگری", "رئیس", "رییس", "رئیس‌جمهور", "رئیس‌جمهوری", "جمهور",
    "نخست‌وزیر", "وزیران", "سخنگوی", "نماینده", "دولت", "ارتش", "نیروی", "دریایی", "هوایی", "پادشاه", "امیر",
    "ولیعهد", "پارلمان", "فرمانده", "مقامات", "مقام", "سفیران"))
_STATES_FA = frozenset(fold(w) for w in ("جمهوری", "اسلامی", "پادشاهی", "متحده"))
_SENTENCE_ENDS_FA = frozenset((".", ":", "؛", "!", "؟", "«"))


def _past_styles(before: list[str], previous: str, styles: frozenset[str]) -> str:
    """The folded word before a state's style ("جمهورية اتحاد", "جمهوری اسلامی"), dropping the style's
    words from the end of ``before``; ``previous`` is its last word, folded."""
    while previous in styles and len(before) > 1:
        before.pop()
        previous = fold(before[-1])
    return previous


def _before_region(before: list[str]) -> list[str]:
    """The last words before a place, folded, past a region word ("أمير المنطقة|", "قدموا من منطقة|")."""
    words = [fold(w) for w in before[-3:]]
    if words and words[-1] in _REGION_WORDS:
        words.pop()
    return words


def _came_from(before: list[str]) -> bool:
    """Whether the words before a place say someone came from it ("قدموا من منطقة نجران")."""
    words = _before_region(before)
    return len(words) >= 2 and words[-1] == fold("من") and words[-2] in _ARRIVED


def _seat(before: list[str]) -> bool:
    """Whether the words before a place name a body's seat as whose it is, or as where it spoke from."""
    words = [fold(w) for w in before[-4:]]
    while words and words[-1] in _BETWEEN_SEAT_AND_PLACE:
        words.pop()  # "مقره ب|القاهرة", "ومقرها في لاهاي"
    if not words:
        return False
    last = words[-1]
    if last[:1] == "و" and last[1:] in _SEATS:
        return True  # "ومقرها جنيف": whose seat is Geneva
    return last in _SEATS and len(words) > 1 and words[-2] == fold("من")


def affiliation(article: ArticleInput, e: EntityRef, places: Hierarchy) -> bool:
    """Whether a place is named as whose someone or something is, not as where a happening is (Arabic;
    in Persian, a country after a post, or the subject its sentence opens with).
    A country named by a nationality adjective: "طفلة سعودية" (a Saudi girl, shot in Oman), "قوات سورية". Indefinite (no article, no attached preposition),
    in a nisba ending, and not after a preposition ("في سورية" is Syria); or definite after the name
    of an institution: "السفارة السعودية" is the Saudi embassy ("الأراضي السعودية" stays a place).
    Or named as whose a post is: "وزير خارجية مصر" met in Jeddah, "سفير ميانمار" received in Riyadh.
    And any town or region named after a road ("طريق الرياض - خريص") is the road's name, not a place;
    a body's seat named as whose it is ("ومقرها جنيف") or as where it spoke from ("من مقره بالقاهرة")
    is where it sits (``_seat``). A region or governorate after its governor's title ("أمير المنطقة
    الشرقية", "محافظ ميسان") or "on behalf of its people" ("نيابة عن أهالي المنطقة الشرقية") is whose
    he is and whom he speaks for: the Eastern Province's emir condoling for Abha's fallen is no
    happening in his province. A town or region someone came from ("الذين قدموا من منطقة نجران") is not
    where they are received (``_came_from``)."""
    if article.lang not in ("ar", "fa") or e.entity_id not in places.parent:
        return False
    before = article.body[max(0, e.start - 40):e.start].split()
    previous = fold(before[-1]) if before else ""
    if article.lang == "fa":
        if places.depth(e.entity_id) != 0:
            return False
        previous = _past_styles(before, previous, _STATES_FA)
        # a sentence that opens with a country has it for its subject, not its place ("اسرائیل پرتاب
        # ماهواره … را محکوم کرد": Israel condemned the launch)
        opens = not before or before[-1][-1:] in _SENTENCE_ENDS_FA
        return previous in _POSTS_FA or opens
    if previous in _ROADS:
        return True  # "على طريق الرياض - خريص": the road is named after the town, the crash is on it
    if _came_from(before):
        return True  # "الذين قدموا من منطقة نجران": where the guests came from
    if _seat(before):
        return True  # "في بيان أصدره البرلمان العربي من مقره بالقاهرة": where the speaker sits
    if places.depth(e.entity_id) != 0:
        words = _before_region(before)
        return bool(words) and (words[-1] in _GOVERNORS or tuple(words[-2:]) == _ON_BEHALF)
    word = fold(e.surface_form)
    previous = _past_styles(before, previous, _STATES)  # "سفير جمهورية اتحاد ميانمار": the post is before the style
    if previous in _POSTS:
        return True
    if " " in word.strip() or not word.endswith(_NISBA_ENDINGS):
        return False
    if has_arabic_article(word):
        return previous in _INSTITUTIONS
    if word[:1] in ("ب", "ل"):
        return False
    if previous[:1] in ("و", "ف") and previous[1:] in _PREPOSITIONS:
        previous = previous[1:]
    return previous not in _PREPOSITIONS
