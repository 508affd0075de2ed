"""Event mentions, clustering and evidence (khabar.events), on short articles written for these tests."""
from __future__ import annotations

import datetime
import json
import random
import re
from pathlib import Path

import pytest
from support import SHARED

from khabar.corpus.events import cluster_events
from khabar.document.event_lexicon import load_lexicon
from khabar.document.events import (
    ArticleInput,
    DateRef,
    EntityRef,
    extract_event_mentions,
)
from khabar.text.normalize import fold, fold_with_offsets

D = datetime.date

# surface -> (entity id, type), found in the body by plain substring search (hand-made entity refs)
NAMES = {
    "سيرغي شويغو": ("sergei-shoigu", "person"),
    "شويغو": ("sergei-shoigu", "person"),
    "بشار الأسد": ("bashar-assad", "person"),
    "فلاديمير بوتين": ("vladimir-putin", "person"),
    "عبدالعزيز آل الشيخ": ("abdulaziz-al-sheikh", "person"),
    "سرگئی شویگو": ("sergei-shoigu", "person"),
    "شوینکو": ("sergei-shoigu", "person"),
    "بشار اسد": ("bashar-assad", "person"),
    "جیش الفتح": ("jaish-al-fatah", "organization"),
    "حمیمیم": ("hmeimim", "location"),
    "دمشق": ("damascus", "location"),
    "القديح": ("al-qadeeh", "location"),
    "القطيف": ("qatif", "location"),
    "الدمام": ("dammam", "location"),
    "أبها": ("abha", "location"),
    "عسير": ("asir", "location"),
    "داعش": ("islamic-state", "organization"),
    "تعز": ("taiz", "location"),
    "الرياض": ("riyadh", "location"),
    "کوئٹہ": ("quetta", "location"),
    "دير الزور": ("deir-ez-zor", "location"),
    "حلب": ("aleppo", "location"),
    "عمران خان": ("imran-khan", "person"),
    "شی جین پنگ": ("xi-jinping", "person"),
    "بیجنگ": ("beijing", "location"),
    "عادل الجبير": ("adel-al-jubeir", "person"),
    "جون كيري": ("john-kerry", "person"),
    "واشنگتن": ("washington", "location"),
    "ایران": ("iran", "location"),
}


def refs(body: str) -> tuple[EntityRef, ...]:
    out, taken = [], []
    for surface in sorted(NAMES, key=len, reverse=True):
        for m in re.finditer(re.escape(surface), body):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            eid, etype = NAMES[surface]
            out.append(EntityRef(eid, etype, m.start(), m.end(), surface))
    return tuple(sorted(out, key=lambda r: r.start))


def art(aid, lang, pub, body, dates=(), outlet=None) -> ArticleInput:
    return ArticleInput(aid, lang, pub, body, refs(body), tuple(dates), outlet)


def only(mentions, event_type):
    found = [m for m in mentions if m.event_type == event_type]
    assert found, f"no {event_type} in {[(m.event_type, m.trigger) for m in mentions]}"
    return found[0]


# ------------------------------------------------------------------ mentions

MENTION_CASES = [
    pytest.param(
        "ar", D(2017, 9, 14), "التقى وزير الدفاع الروسي سيرغي شويغو الثلاثاء بالرئيس بشار الأسد في دمشق.",
        "meeting", "04", D(2017, 9, 12), "relative", ("الثلاثاء",), "damascus",
        id="ar-weekday-resolves-to-most-recent-tuesday",
    ),
    pytest.param(
        "ar", D(2020, 3, 23), "قالت الوزارة اليوم الاثنين إن شويغو أجرى محادثات مع بشار الأسد في دمشق.",
        "meeting", "04", D(2020, 3, 23), "relative", ("اليوم", "الاثنين"), "damascus",
        id="ar-today-is-publication-day-and-its-weekday-is-kept",
    ),
    pytest.param(
        "fa", None, "سرگئی شویگو روز گذشته در دمشق با بشار اسد دیدار کرد.",
        "meeting", "04", None, "none", ("روز گذشته",), "damascus",
        id="fa-yesterday-without-publication-date-stays-undated",
    ),
    pytest.param(
        "fa", D(2016, 10, 10), "سرگئی شویگو روز گذشته در دمشق با بشار اسد دیدار کرد.",
        "meeting", "04", D(2016, 10, 9), "relative", ("روز گذشته",), "damascus",
        id="fa-yesterday-against-publication-date",
    ),
    pytest.param(
        "ur", D(2016, 10, 12), "روسی وزیر دفاع شوینکو نے اتوار کے دن دمشق میں بشار اسد سے ملاقات کی۔",
        "meeting", "04", D(2016, 10, 9), "relative", ("اتوار",), "damascus",
        id="ur-sunday-resolves-back-from-wednesday",
    ),
    pytest.param(
        "ar", D(2015, 5, 23), "قتل 21 مصليا في تفجير انتحاري استهدف مسجدا في القديح بمحافظة القطيف.",
        "bombing", "18", D(2015, 5, 23), "publication", (), "al-qadeeh",
        id="ar-suicide-bombing-dated-by-publication",
    ),
    pytest.param(
        "ar", D(2015, 8, 9),
        "استنكر مدير فرع الهيئة بمنطقة الرياض التفجير الآثم الذي وقع أثناء صلاة الظهر في مسجد قوات الطوارئ بمنطقة عسير.",
        "bombing", "18", D(2015, 8, 9), "publication", (), "asir",
        id="ar-the-bombing-that-took-place-in-asir-not-the-condemners-riyadh",
    ),
    pytest.param(
        "ur", D(2019, 4, 12), "کوئٹہ میں مسجد کے باہر بم دھماکے میں 12 افراد ہلاک ہو گئے۔",
        "bombing", "18", D(2019, 4, 12), "publication", (), "quetta",
        id="ur-bomb-blast",
    ),
    pytest.param(
        "ar", D(2017, 9, 12), "نقل شويغو رسالة تهنئة بمناسبة فكّ الحصار عن مدينة دير الزور.",
        "siege_broken", "19", D(2017, 9, 12), "publication", (), "deir-ez-zor",
        id="ar-siege-broken-beats-siege",
    ),
    pytest.param(
        "ar", D(2015, 8, 1), "أجرى عادل الجبير اتصالا هاتفيا مع جون كيري.",
        "call", "04", D(2015, 8, 1), "publication", (), None,
        id="ar-phone-call-is-a-call-not-a-meeting",
    ),
    pytest.param(
        "fa", D(2016, 10, 1), "حملات هوایی روسیه بر مواضع جیش الفتح در حلب ادامه دارد.",
        "airstrike", "19", D(2016, 10, 1), "publication", (), "aleppo",
        id="fa-airstrikes",
    ),
    pytest.param(
        "ur", D(2019, 4, 28), "عمران خان نے بیجنگ میں شی جین پنگ سے ملاقات کی۔",
        "meeting", "04", D(2019, 4, 28), "publication", (), "beijing",
        id="ur-meeting-verb-phrase",
    ),
    pytest.param(
        "ar", D(2015, 8, 6), "اختطف مسلحون حوثيون الصحفي من منزله في تعز واقتادوه إلى مكان مجهول.",
        "kidnapping", "18", D(2015, 8, 6), "publication", (), "taiz",
        id="ar-gunmen-kidnap-a-journalist",
    ),
    pytest.param(
        "ar", D(2015, 7, 31), "توفي 9 معتمرين وأصيب 47 في حادث مروري على طريق خريص شرق الرياض.",
        "crash", "", D(2015, 7, 31), "publication", (), "riyadh",
        id="ar-road-accident-is-a-crash",
    ),
    pytest.param(
        "fa", D(2019, 1, 5), "در تصادف رانندگی در جاده کرمان ۱۲ نفر کشته شدند.",
        "crash", "", D(2019, 1, 5), "publication", (), None,
        id="fa-road-accident-is-a-crash",
    ),
]


@pytest.mark.parametrize(
    "lang,pub,body,etype,cameo,date,source,relative,place", MENTION_CASES
)
def test_mention_type_date_and_place(lang, pub, body, etype, cameo, date, source, relative, place):
    m = only(extract_event_mentions(art("a1", lang, pub, body)), etype)
    assert (m.cameo_root, m.event_date, m.date_source, m.relative_words, m.location_entity_id) == (
        cameo, date, source, relative, place,
    )
    assert body[m.trigger_start : m.trigger_start + len(m.trigger)] == m.trigger
    assert m.trigger in m.sentence


def test_meeting_participants_are_the_people_in_the_sentence():
    body = "بحث الرئيس بشار الأسد مع وزير الدفاع سيرغي شويغو التعاون العسكري. وفي خبر آخر، قصف في حلب."
    m = only(extract_event_mentions(art("a1", "ar", None, body)), "meeting")
    assert dict(m.participants) == {"bashar-assad": "participant", "sergei-shoigu": "participant"}


@pytest.mark.parametrize("body", [
    pytest.param("نقل وزير الدفاع سيرغي شويغو في بداية لقائه بالرئيس بشار الأسد تحيات الرئيس فلاديمير بوتين.",
                 id="greetings-passed-on"),
    pytest.param("نيابة عن الرئيس فلاديمير بوتين، التقى وزير الدفاع سيرغي شويغو بالرئيس بشار الأسد.",
                 id="on-behalf-of"),
])
def test_whose_words_a_meeting_passes_on_is_no_participant(body):
    m = only(extract_event_mentions(art("a1", "ar", None, body)), "meeting")
    assert dict(m.participants) == {"bashar-assad": "participant", "sergei-shoigu": "participant"}


def test_who_speaks_of_an_attack_is_not_its_doer():
    body = ("وصف سماحة مفتي عام المملكة الشيخ عبدالعزيز آل الشيخ حادثة التفجير الذي استهدف مسجدا في أبها "
            "بالعمل الإجرامي.")
    m = only(extract_event_mentions(art("a1", "ar", None, body)), "bombing")
    assert "abdulaziz-al-sheikh" not in dict(m.participants)


def test_attack_roles_actor_before_target_after():
    body = "شن تنظيم داعش هجوما على مواقع قوات سرگئی شویگو قرب حلب."
    m = only(extract_event_mentions(art("a1", "ar", None, body)), "attack")
    assert dict(m.participants) == {"islamic-state": "actor", "sergei-shoigu": "target"}


def test_date_in_sentence_wins_over_relative_words():
    body = "وفي 5 مارس، اليوم، أعلن الرئيسان توصلهما إلى اتفاق في موسكو."
    start = body.index("5 مارس")
    a = art("a1", "ar", D(2020, 3, 23), body, dates=[DateRef(D(2020, 3, 5), start, start + 6)])
    m = only(extract_event_mentions(a), "agreement")
    assert (m.event_date, m.date_source) == (D(2020, 3, 5), "sentence")


@pytest.mark.parametrize(
    "lang,body",
    [
        pytest.param("ar", "أعلنت وزارة الدفاع أن الوزارة ستنشر الأرقام.", id="ar-ministry-is-not-a-visit"),
        pytest.param("ar", "يواصل الفريق البحث عن المفقودين.", id="ar-the-search-is-not-talks"),
        pytest.param("ar", "وقدمت وزارة الشؤون الاجتماعية المساعدات المادية والاجتماعية للأسر.", id="ar-social-is-not-a-meeting"),
        pytest.param("fa", "هوا امروز آفتابی است.", id="fa-weather-has-no-event"),
    ],
)
def test_no_false_trigger(lang, body):
    assert [m for m in extract_event_mentions(art("a1", lang, None, body)) if m.event_type == "meeting"] == []


@pytest.mark.parametrize(
    "body,event_type",
    [
        pytest.param("ارتفع الدولار بعد صدور بيانات تظهر نمو الوظائف الأمريكية.", "statement", id="data-is-not-statements"),
        pytest.param("تطور الجامعة تقنية جديدة لنقل البيانات عبر الضوء.", "statement", id="the-data-is-not-the-statements"),
        pytest.param("كان الفريق يبحث عن الفوز حتى الدقيقة الأخيرة.", "meeting", id="looking-for-is-not-talks"),
        pytest.param("أسفرت الاشتباكات عن سقوط قتلى وجرحى في صفوف المدنيين.", "capture", id="people-killed-is-no-town-falling"),
        pytest.param("وقال رئيس التحرير إن الصحيفة ستصدر غدا.", "capture", id="the-editor-in-chief-is-no-liberation"),
        pytest.param("تجمع المئات في ميدان التحرير بالقاهرة.", "capture", id="tahrir-square-is-no-liberation"),
        pytest.param("تمكنت فرق الدفاع المدني من السيطرة على الحريق.", "capture", id="a-fire-under-control-is-no-capture"),
        pytest.param("بدأت الوزارة استقبال طلبات التوظيف.", "meeting", id="accepting-applications-is-no-reception"),
        pytest.param("وقفت الصحيفة على موقع سقوط المقذوف، والتقت عدداً من الأهالي الذين رووا ما شاهدوه.", "meeting",
                     id="a-paper-meeting-residents-is-no-meeting"),
        pytest.param("وضخ البنك المركزي السيولة في المصارف اليونانية.", "flood", id="liquidity-is-no-flood"),
        pytest.param("أدى الوفد العمرة فقط ولم يكن في زيارة رسمية للمملكة.", "meeting", id="not-on-a-visit-is-no-visit"),
        pytest.param("حاول الحوثيون الهرب من جبهات القتال بملابس نسائية.", "attack", id="the-front-lines-are-no-fighting"),
        pytest.param("وقف أمير المنطقة ظهر اليوم على موقع التفجير الغاشم الذي استهدف المسجد.", "bombing",
                     id="a-visit-to-the-site-is-no-bombing"),
        pytest.param("زار الأمير بعد ظهر اليوم المصابين من جراء تفجير المسجد في المستشفى.", "bombing",
                     id="a-visit-to-the-wounded-is-no-bombing"),
        pytest.param("وجه مدير الشؤون الصحية بحصر أسماء المصابين في تفجير المسجد ومتابعة علاجهم في منازلهم.", "bombing",
                     id="care-for-those-injured-in-the-bombing-is-no-bombing"),
        pytest.param("أدى الأمير صلاة الميت على شهداء الوطن الذين استشهدوا خلال التفجير الغاشم.", "bombing",
                     id="a-funeral-is-no-bombing"),
        pytest.param("أدى الأمير الصلاة في مسجد الكتيبة بعد حادثة التفجير التي وقعت فيه الأسبوع الماضي.", "bombing",
                     id="a-prayer-after-the-bombing-incident-is-no-bombing"),
        pytest.param("استقبل الأمير أسر الجنود الذين استشهدوا في حادث التفجير الإرهابي.", "bombing",
                     id="mourners-of-those-fallen-in-the-bombing-incident-are-no-bombing"),
        pytest.param("زار الأمير في أبها أسر ضحايا التفجير الإرهابي.", "bombing",
                     id="a-visit-to-the-victims-families-is-no-bombing"),
        pytest.param("دعت اللجنة إلى إجراء مشاورات عربية ودولية لطرح مشروع قرار أمام مجلس الأمن.", "meeting",
                     id="an-appeal-for-consultations-is-no-meeting"),
        pytest.param("وقع انفجار في سوق شعبي وسط بغداد وأسفر عن مقتل شخصين.", "agreement",
                     id="a-blast-occurred-is-no-signing"),
        pytest.param("ووقعت اشتباكات عنيفة بين الطرفين في ريف حلب.", "agreement", id="clashes-occurred-are-no-signing"),
        pytest.param("وطالب المجلس بعقد اجتماع طارئ للجامعة العربية.", "meeting",
                     id="a-demand-for-an-emergency-meeting-is-no-meeting"),
        pytest.param("تلقى الملك اتصالا هاتفيا من ملك البحرين أعرب فيه عن استنكاره للاعتداء الآثم على المسجد.", "attack",
                     id="the-attack-a-caller-condemns-is-what-the-call-is-about"),
        # scheduled, not yet told: an announcement or a preview, no happening yet
        pytest.param("أصدرت اللجنة الإعلامية كتيبا خاصا بمباراة السوبر السعودي التي ستقام يوم الأربعاء في لندن.",
                     "match", id="a-match-to-be-played-is-no-match-yet"),
        pytest.param("أعلن البيت الأبيض أن زيارة الرئيس المرتقبة للقاهرة ستبحث ملف الطاقة.", "meeting",
                     id="an-awaited-visit-is-no-visit-yet"),
        pytest.param("وتهدد الإصابة بغيابه عن مباراة كأس السوبر السعودي والتي ستجمع الهلال بالنصر في لندن.", "match",
                     id="a-match-that-will-bring-together-three-words-on-is-no-match-yet"),
        pytest.param("ويستعد الفريق للقاء الشباب المقرر عقده مساء السبت المقبل في الرياض.", "meeting",
                     id="a-meeting-set-for-next-saturday-is-no-meeting-yet"),
        pytest.param("تنظم الغرفة التجارية في نجران يوم غد لقاء وظيفيا لطرح 50 وظيفة في التعليم.", "meeting",
                     id="a-recruitment-day-held-tomorrow-is-no-meeting-yet"),
        pytest.param("سيغادر ولي العهد يوم غد الخميس 30 / 7 / 2015م إلى جمهورية مصر العربية في زيارة عمل.", "meeting",
                     id="a-visit-tomorrow-far-on-in-its-sentence-is-no-visit-yet"),
        pytest.param("غادرت بعثة الفريق إلى النمسا لإقامة معسكر إعدادي يتخلله ثلاث مباريات ودية أمام فرق أوروبية.",
                     "match", id="friendlies-a-camp-will-hold-are-no-match-yet"),
        pytest.param("ويغادر الفريق بعد ذلك إلى لندن لخوض مباراة السوبر في منتصف الشهر.", "match",
                     id="leaving-to-play-a-match-is-no-match-yet"),
        pytest.param("وأوضح الوزير أن الرياض على علم بالاجتماعات في القاهرة حول اليمن.", "meeting",
                     id="meetings-in-general-are-no-meeting-told"),
        pytest.param("أدين بتجنيد الشباب للقتال في سوريا.", "attack", id="recruiting-to-fight-is-no-fighting"),
        pytest.param("تمتلك القوات الجوية طائرات قتالية حديثة.", "attack", id="combat-aircraft-are-no-fighting"),
        # pointing back at a happening told or assumed, not what the report tells
        pytest.param("وقال إن هذا التفجير المروع لن يزيدنا إلا تماسكا.", "bombing", id="this-bombing-points-back"),
        pytest.param("وأشار إلى أن هذا العمل الإرهابي الجبان ينم عن فكر فاسد.", "incident",
                     id="this-terrorist-act-points-back"),
        pytest.param("وأكد أن الإسلام بريء من كل عمل إرهابي.", "incident", id="every-terrorist-act-is-none"),
        # a fall that is no town's capture
        pytest.param("قتل 18 شخصا في سقوط صاروخ على حي المغاير الشعبي في حلب القديمة.", "capture",
                     id="a-rocket-falling-is-no-capture"),
        pytest.param("وأنقذ الاتفاق النظام في طهران من السقوط بعد سنوات العقوبات.", "capture",
                     id="saved-from-falling-is-no-fall"),
        pytest.param("ويرغب المدرب الإسباني في تدعيم خط الهجوم قبل انطلاق الدوري.", "attack",
                     id="a-sides-attacking-line-is-no-attack"),
        pytest.param("أدى سقوطه من إحدى الرافعات إلى وفاة فني الصيانة في صبيا.", "capture",
                     id="a-man-falling-from-a-crane-is-no-capture"),
        pytest.param("تمكنت عشر فرق إطفاء من السيطرة على حريق شب في مستودع للمواد الغذائية.", "capture",
                     id="a-fire-brought-under-control-is-no-capture"),
    ],
)
def test_words_that_look_like_a_trigger(body, event_type):
    assert event_type not in [m.event_type for m in extract_event_mentions(art("a1", "ar", None, body))]


@pytest.mark.parametrize(
    "body,event_type,told",
    [
        pytest.param("أكدت الوزارة أن لا صحة لتعرض مقرات قوات الطوارئ لمحاولة تفجير إرهابي.", "bombing", False,
                     id="no-truth-in-a-bombing-tells-none"),
        pytest.param("نفى المتحدث ما تداوله مغردون عن تعرض مقر للشرطة لهجوم إرهابي في أبها.", "attack", False,
                     id="a-denied-attack-is-none"),
        pytest.param("نفى المتحدث الرسمي لوزارة الداخلية اللواء منصور التركي في تغريدة له عبر موقع التواصل "
                     "الاجتماعي (تويتر) تعرض أي مقر لقوات الطوارئ الخاصة لهجوم إرهابي.", "attack", False,
                     id="a-denial-a-long-clause-before-the-attack"),
        pytest.param("نفى رئيس الوزراء أنه رفض لقاء الرئيس الفلسطيني في القاهرة.", "meeting", False,
                     id="a-denied-refusal-tells-no-meeting"),
        pytest.param("نفت الجماعة مسؤوليتها عن التفجير الذي استهدف مسجدا في أبها.", "bombing", True,
                     id="a-denied-part-in-a-bombing-leaves-the-bombing-told"),
        pytest.param("نفت الحكومة الشائعات عن دفع الملايين للاعب من أجل هذه الزيارة إلى الرياض.", "meeting", True,
                     id="denied-rumours-about-a-visit-leave-the-visit-told"),
        pytest.param("نفى الوزير الخبر. وأكد أن التفجير استهدف مسجدا في أبها.", "bombing", True,
                     id="a-denial-in-an-earlier-sentence-leaves-the-bombing-told"),
        pytest.param("حذرت الوزارة من محاولات على غرار التفجير الذي استهدف مسجد قوات الطوارئ.", "bombing", False,
                     id="what-a-report-likens-to-a-bombing-is-not-told"),
        pytest.param("أطلق الدفاع المدني تحذيرا من مخاطر هطول الأمطار وجريان السيول على المنطقة.", "flood", False,
                     id="floods-warned-of-are-none"),
        pytest.param("وأكد أن العقوبات ستعود في حال عدم التزام إيران بشروط الاتفاق النووي.", "agreement", False,
                     id="a-deal-broken-on-a-condition-is-no-agreement-told"),
        pytest.param("جرفت السيول أحد أعمدة الكهرباء في جازان بعد أن أطلق الدفاع المدني تحذيرا أمس.", "flood", True,
                     id="a-warning-after-the-floods-leaves-them-told"),
        pytest.param("نقل المصابون إلى المستشفى وهم في حالة حرجة إثر انفجار عبوة ناسفة في السوق.", "bombing", True,
                     id="in-a-critical-condition-is-no-supposition"),
        pytest.param("تمنع الفرق من تسجيل لاعبيها في حال وصلت المديونيات إلى مبالغ طائلة وفق مراكزها في الأعوام "
                     "الأربعة الماضية، وجاء القرار بعد اجتماع عقده الرئيس العام مع الاتحاد.", "meeting", True,
                     id="a-supposition-in-an-earlier-clause-leaves-the-meeting-told"),
    ],
)
def test_a_happening_denied_warned_of_supposed_or_likened_is_not_told(body, event_type, told):
    types = [m.event_type for m in extract_event_mentions(art("a1", "ar", None, body))]
    assert (event_type in types) is told, types


def test_tomorrow_in_an_earlier_sentence_leaves_todays_happening_told():
    body = "وصل الوفد إلى الرياض أمس ويغادرها غدا. وعقد الوزير اليوم اجتماعا مع الوفد بحث فيه التعاون."
    assert "meeting" in [m.event_type for m in extract_event_mentions(art("a1", "ar", None, body))]



@pytest.mark.parametrize(
    "body,event_type",
    [
        pytest.param("قال الوزير خلال مؤتمر صحفي مشترك مع نظيره المصري في جدة إن المباحثات كانت مثمرة.", "meeting",
                     id="a-joint-press-conference-is-the-talks"),
        pytest.param("يمكن وصف المؤتمر الصحفي المشترك الذي جرى أمس بين الوزيرين بالمكاشفة.", "meeting",
                     id="the-joint-press-conference-with-its-articles-is-the-talks"),
        pytest.param("ولفت الجبير خلال مؤتمر صحفي عقده أمس مع نظيره المصري بجدة إلى أن المشكلة هي تدخل إيران.", "meeting",
                     id="a-press-conference-held-with-his-counterpart-is-the-talks"),
        pytest.param("وأشار الوزير خلال المؤتمر الصحفي الذي عقده اليوم إلى أهمية القرار.", "statement",
                     id="the-press-conference-with-its-articles-is-a-statement"),
    ],
)
def test_press_conferences(body, event_type):
    assert [m.event_type for m in extract_event_mentions(art("a1", "ar", None, body))][:1] == [event_type]


@pytest.mark.parametrize(
    "body,event_type",
    [
        pytest.param("هاجم نائب رئيس شرطة دبي ضاحي خلفان ميليشيا الحوثي الانقلابية، واصفا إياها بذنب لإيران.",
                     "statement", id="attacking-someone-in-words-is-a-statement"),
        pytest.param("شن خلفان هجوما على جماعة الإخوان في سلسلة تغريدات له على موقع تويتر.",
                     "statement", id="an-attack-in-a-series-of-tweets-is-a-statement"),
        pytest.param("قتل طفل فلسطيني في هجوم على منزله بالضفة الغربية المحتلة. وطالب الأمين العام بمحاكمة الجناة، "
                     "واصفا الحادث بالإرهابي.", "attack", id="an-attack-described-in-the-next-sentence-is-an-attack"),
        pytest.param("هاجم مسلحون نقطة تفتيش للجيش في العريش وقتلوا ثلاثة جنود قبل أن يلوذوا بالفرار.",
                     "attack", id="gunmen-attacking-a-checkpoint-is-an-attack"),
    ],
)
def test_an_attack_in_words_is_a_statement(body, event_type):
    assert [m.event_type for m in extract_event_mentions(art("a1", "ar", None, body))][:1] == [event_type]


@pytest.mark.parametrize(
    "body,event_type",
    [
        pytest.param("أجريت القرعة أمس. ومن المقرر أن تنطلق النهائيات في يونيو.", "draw",
                     id="the-next-sentences-schedule-is-not-the-draws"),
        pytest.param("رفع الوزير التعازي إلى خادم الحرمين الشريفين وعائلات ضحايا التفجير الإرهابي الذي استهدف مسجدا في أبها.",
                     "bombing", id="condolences-to-the-victims-families-and-nothing-else-told-are-of-the-bombing"),
        pytest.param("وصل وزير الخارجية إلى الرياض لإجراء مباحثات مع نظيره السعودي.", "meeting",
                     id="arrived-to-hold-talks-tells-the-talks"),
        pytest.param("أعرب الوزير عن استنكاره للاعتداء الآثم على مسجد قوات الطوارئ.", "attack",
                     id="a-cable-condemning-the-attack-and-telling-nothing-else-tells-it"),
        pytest.param("أصدرت الوزارة بيانا أعربت فيه عن إدانتها للتفجير الإرهابي الذي استهدف المسجد.", "bombing",
                     id="a-statement-condemning-the-bombing-tells-it"),
        pytest.param("ندد البيان بالتصريحات التحريضية القادمة من الضفة الشرقية للخليج.", "statement",
                     id="coming-from-somewhere-is-not-coming-up"),
    ],
)
def test_a_trigger_followed_by_no_schedule_of_its_own_is_told(body, event_type):
    assert event_type in [m.event_type for m in extract_event_mentions(art("a1", "ar", None, body))]

@pytest.mark.parametrize(
    "lang,body,types",
    [
        pytest.param("fa", "وزیر در گفت‌وگو با خبرنگار فارس گفت که طرح اجرا می‌شود.", ["statement"],
                     id="fa-told-a-reporter-is-a-statement"),
        pytest.param("fa", "مجلس این اقدام را محکوم کرد.", ["statement"], id="fa-condemned-is-a-statement"),
        pytest.param("fa", "دادگاه او را به ده سال زندان محکوم کرد.", ["verdict"], id="fa-sentenced-to-prison-is-a-verdict"),
        pytest.param("fa", "دو متهم به اعدام محکوم شدند.", ["verdict"], id="fa-sentenced-to-death-is-a-verdict-not-an-execution"),
        # Urdu puts what qualifies a noun before it
        pytest.param("ur", "دونوں بلے بازوں نے عمدہ بیٹنگ کا مظاہرہ کیا۔", [], id="ur-a-display-of-batting-is-no-protest"),
        pytest.param("ur", "کارکنوں نے حکومت کے خلاف مظاہرہ کیا۔", ["protest"], id="ur-a-protest-against"),
        pytest.param("ur", "وزیر اعظم نے میڈیا سے گفتگو کرتے ہوئے کہا کہ منصوبہ مکمل ہو گا۔", ["statement"],
                     id="ur-talking-to-the-media-is-a-statement"),
        pytest.param("ur", "بلے باز سنچری سے محض 12 رنز کی دوری پر آؤٹ ہو گئے۔", [], id="ur-a-distance-is-no-visit"),
        pytest.param("ur", "وزیراعظم نے امدادی کیمپوں کا دورہ کیا۔", ["meeting"], id="ur-a-visit"),
        pytest.param("ar", "فاز الهلال على النصر في مباراة السوبر التي أقيمت أمس في لندن.", ["match"],
                     id="ar-a-match-played-is-one"),
        pytest.param("ar", "استشهد 15 وأصيب تسعة من جراء تفجير انتحاري استهدف مسجدا في أبها.", ["bombing"],
                     id="ar-killed-in-a-bombing-is-one"),
        pytest.param("ar", "ارتفع عدد القتلى إلى 15 بعد تفجير انتحاري استهدف مسجدا في أبها.", ["bombing"],
                     id="ar-a-toll-after-a-bombing-tells-it"),
        pytest.param("ar", "أعلنت الوزارة أن المصابين من جراء تفجير المسجد تسعة.", [],
                     id="ar-the-wounded-of-a-bombing-tell-its-aftermath"),
        pytest.param("ar", "أعرب الشيخ عن استنكاره للحادث الآثم الذي استهدف رجال الأمن أثناء صلاة الظهر.", ["incident"],
                     id="ar-a-condemnation-names-the-assault-only-as-such"),
        pytest.param("ar", "أدانت المملكة الجريمة الإرهابية البشعة التي نفذها مستوطنون.", ["incident"],
                     id="ar-the-terrorist-crime"),
        pytest.param("ar", "ودعت وزارة الصحة المواطنين إلى الحذر من الفيروس.", [], id="ar-and-called-on-is-no-farewell"),
        pytest.param("ar", "ودعت مقبرة أبها عصر اليوم شهداء قوات الطوارئ.", ["funeral"], id="ar-a-cemetery-bade-farewell"),
        pytest.param("ar", "حضر الأمير مراسم افتتاح قناة السويس الجديدة في الإسماعيلية.", ["opening"],
                     id="ar-the-opening-ceremony-attended"),
        pytest.param("ar", "توجه الرئيس اليمني إلى القاهرة للمشاركة في حفل افتتاح قناة السويس الجديدة.", [],
                     id="ar-arrived-to-attend-an-opening-ceremony"),
        pytest.param("ar", "توجه وزير الخارجية إلى القاهرة لحضور اجتماع وزراء الخارجية العرب.", [],
                     id="ar-left-to-attend-a-meeting"),
        pytest.param("fa", "سپاه پاسداران از پرتاب «موفق» یک ماهواره نظامی به مدار زمین خبر داد.", ["launch"],
                     id="fa-a-satellite-launch"),
        pytest.param("fa", "معترضان به سوی ماموران پرتاب سنگ کردند.", [], id="fa-stone-throwing-is-no-launch"),
        pytest.param("ar", "ها هو الإرهاب يطل علينا ليفجر في بيت من بيوت الله.", ["bombing"], id="ar-to-bomb-a-house-of-god"),
        pytest.param("ar", "أدى المصلون صلاة الفجر في المسجد.", [], id="ar-the-dawn-prayer-is-no-bombing"),
        pytest.param("ar", "بدأت محكمة الجنايات في الكويت جلسات محاكمة المتهمين.", ["trial"], id="ar-a-trial-opens"),
        pytest.param("ar", "أقرت الحكومة الاحتجاز دون محاكمة للمشتبه بهم.", ["arrest"],
                     id="ar-detention-without-trial-is-no-trial"),
        pytest.param("ur", "سپریم کورٹ نے ادویات کی قیمتوں کے کیس کی سماعت کی۔", ["trial"], id="ur-a-court-hearing"),
        pytest.param("ar", "قضت محكمة الاستئناف ببراءة المتهم من التهم الموجهة إليه.", ["verdict"], id="ar-the-court-ruled"),
    ],
)
def test_the_words_around_a_trigger_tell_what_it_is(lang, body, types):
    assert [m.event_type for m in extract_event_mentions(art("a1", lang, None, body)) if m.event_type != "other"] == types


@pytest.mark.parametrize(
    "lang,body,recalled_only",
    [
        pytest.param("fa", "نخستین هواپیمای امدادی پس از آزادسازی عدن در فرودگاه این شهر فرود آمد.", True,
                     id="fa-landed-after-the-liberation"),
        pytest.param("fa", "پس از غرق شدن قایق در دریای اژه ۱۶ نفر کشته شدند.", False, id="fa-a-toll-after-the-sinking"),
        pytest.param("ur", "شہر پر قبضے کے بعد پہلا امدادی طیارہ ہوائی اڈے پر اترا۔", True, id="ur-landed-after-the-capture"),
        pytest.param("ur", "بازار میں حملے کے بعد 16 افراد ہلاک ہو گئے۔", False, id="ur-a-toll-after-the-attack"),
        pytest.param("ur", "میسی نے میچ کے بعد کہا کہ وہ بہت خوش ہیں۔", False, id="ur-said-after-the-match"),
        pytest.param("ar", "رست أول سفينة مساعدات في ميناء عدن اليوم بعد أربعة أشهر على بدء المعارك في البلاد.", True,
                     id="ar-docked-four-months-on-from-the-start-of-the-fighting"),
        pytest.param("ar", "قتل ثلاثة أشخاص في المعارك التي اندلعت اليوم في تعز.", False, id="ar-killed-in-the-fighting"),
        pytest.param("ar", "وقف عدد من الأهالي إلى جانب المصابين جراء الحادث الإرهابي الآثم للاطمئنان عليهم.", True,
                     id="ar-stood-by-the-wounded-of-the-terrorist-incident"),
        pytest.param("ar", "سارع الآلاف من أهالي عسير عقب التفجير الغاشم إلى المستشفيات للتبرع بالدم لضحايا التفجير.",
                     True, id="ar-gave-blood-for-the-victims-after-the-bombing"),
        pytest.param("ar", "رفع الوزير التعازي إلى عائلات ضحايا التفجير الإرهابي الذي استهدف مسجدا في أبها.", False,
                     id="ar-condolences-to-the-victims-families-tell-the-bombing"),
        pytest.param("ar", "نقل مدير الأمن العام تحيات ولي العهد إلى المصابين المنومين في مستشفى عسير جراء الاعتداء "
                     "الغاشم على المسجد.", True, id="ar-greetings-to-the-wounded-because-of-the-attack"),
        pytest.param("ar", "قتل خمسة عشر شخصا جراء الاعتداء الغاشم على المسجد.", False,
                     id="ar-killed-because-of-the-attack"),
    ],
)
def test_what_a_report_dates_itself_by_is_not_what_it_tells(lang, body, recalled_only):
    # an opening that only recalls a happening ("after the liberation") tells one the lexicon has no
    # word for: it gets its own untyped mention
    assert ("other" in [m.event_type for m in extract_event_mentions(art("a1", lang, None, body))]) == recalled_only


@pytest.mark.parametrize("body", [
    pytest.param("تظاهر الآلاف في ميدان التحرير بالقاهرة.", id="thousands-demonstrated"),
    pytest.param("واحتج المتظاهرون على قرار الحكومة.", id="the-protesters-protested"),
])
def test_arabic_protest_verbs(body):
    assert [m.event_type for m in extract_event_mentions(art("a1", "ar", None, body))] == ["protest"]


def test_a_friendly_is_a_match_not_a_meeting():
    found = {m.event_type for m in extract_event_mentions(
        art("a1", "ar", None, "حقق الفريق الأول فوزا ساحقا في أولى لقاءاته الودية في معسكره بسويسرا."))}
    assert found == {"match"}


@pytest.mark.parametrize("body,is_match", [
    pytest.param("ويقام ديربي الرياض بين الهلال والنصر مساء اليوم.", True, id="a-derby"),
    pytest.param("ويلتقي الفريقان في نهائي كأس خادم الحرمين الشريفين على ملعب الجوهرة.", True, id="a-cup-final"),
    pytest.param("وتوصل الطرفان إلى اتفاق نهائي بشأن البرنامج النووي.", False, id="a-final-agreement"),
])
def test_a_derby_and_a_cup_final_are_matches(body, is_match):
    # a column's "the London derby", a preview's "the King's Cup final": the match they speak of
    found = {m.event_type for m in extract_event_mentions(art("a1", "ar", None, body))}
    assert ("match" in found) == is_match


@pytest.mark.parametrize(
    "body,event_type,told",
    [
        pytest.param("ووقع الحادث عند منتصف الليل على طريق خريص.", "agreement", False, id="the-accident-happened"),
        pytest.param("وقع الانفجار في سوق مزدحم وسط المدينة.", "agreement", False, id="the-explosion-happened"),
        pytest.param("وقعت في الأسر مجموعة من الجنود.", "agreement", False, id="fell-captive"),
        pytest.param("استنكر التفجير الآثم الذي وقع أثناء صلاة الظهر.", "agreement", False, id="which-happened-during"),
        pytest.param("ندد بالهجوم الذي وقع يوم الخميس الماضي.", "agreement", False, id="which-happened-on-thursday"),
        pytest.param("سارع الأهالي عقب التفجير الغاشم الذي وقع بمسجد قوة الطوارئ إلى المستشفيات.", "agreement", False,
                     id="which-happened-at-the-mosque"),
        pytest.param("أشاد بالاتفاق التاريخي الذي وقعه الجانبان أمس في فيينا.", "agreement", True, id="the-deal-which-they-signed"),
        pytest.param("ووقع الوزيران اتفاقية للتعاون في مجال الطاقة.", "agreement", True, id="the-ministers-signed"),
        pytest.param("وقع الجانبان على مذكرة تفاهم في الرياض.", "agreement", True, id="the-sides-signed-on"),
        # "استعادة" is a capture when what is regained is ground; fitness, trust or a title regained is none
        pytest.param("أعلنت قوات الشرعية استعادة السيطرة على مدينة عدن.", "capture", True, id="control-regained"),
        pytest.param("استعادت القوات مدينة الرمادي من التنظيم.", "capture", True, id="a-town-regained"),
        pytest.param("قال قائد النصر إن معسكر النمسا فرصة لاستعادة اللياقة البدنية قبل السوبر.", "capture", False,
                     id="fitness-regained"),
        pytest.param("دعا الوزير إلى استعادة الثقة بين الطرفين.", "capture", False, id="trust-regained"),
        pytest.param("يسعى الفريق إلى استعادة لقب الدوري هذا الموسم.", "capture", False, id="a-title-regained"),
        pytest.param("أكد المدرب أن اللاعب استعاد لياقته بعد الإصابة.", "capture", False, id="his-fitness-regained"),
    ],
)
def test_a_trigger_in_another_sense_tells_no_happening(body, event_type, told):
    """"وقع" that happened is no signing; "استعادة" of anything but ground is no capture."""
    found = [m.trigger for m in extract_event_mentions(art("a1", "ar", None, body)) if m.event_type == event_type]
    assert bool(found) == told


@pytest.mark.parametrize(
    "lang,body",
    [
        pytest.param("ar", "خطف اللاعب الأضواء في المباراة الأخيرة.", id="ar-stealing-the-limelight-is-no-kidnapping"),
        pytest.param("ar", "ظلت المدينة رهينة الصراع سنوات.", id="ar-a-city-hostage-to-war-is-no-kidnapping"),
        pytest.param("fa", "این انتخاب به طور تصادفی انجام شد.", id="fa-at-random-is-no-accident"),
    ],
)
def test_no_false_kidnapping_or_accident(lang, body):
    found = [m.event_type for m in extract_event_mentions(art("a1", lang, None, body))]
    assert "kidnapping" not in found and "crash" not in found


def test_mention_ids_are_deterministic_and_distinct():
    body = "التقى شويغو بشار الأسد. ثم التقى شويغو وزير الخارجية."
    first = extract_event_mentions(art("a1", "ar", None, body))
    again = extract_event_mentions(art("a1", "ar", None, body))
    other = extract_event_mentions(art("a2", "ar", None, body))
    assert [m.mention_id for m in first] == [m.mention_id for m in again]
    assert len({m.mention_id for m in first}) == len(first) == 2
    assert not {m.mention_id for m in first} & {m.mention_id for m in other}


# ------------------------------------------------------------------ clustering

def run(articles):
    mentions = [m for a in articles for m in extract_event_mentions(a)]
    return cluster_events(mentions, articles)


def groups(events, event_type):
    return sorted(tuple(e.article_ids) for e in events if e.event_type == event_type)


TWO_BOMBINGS = [
    art("b1", "ar", D(2015, 5, 29), "قتل أربعة أشخاص في تفجير انتحاري استهدف مسجدا في الدمام خلال صلاة الجمعة، وتبنى داعش الهجوم."),
    art("b2", "ar", D(2015, 5, 29), "تبنى داعش تفجيرا انتحاريا استهدف مسجد الإمام الحسين في الدمام وأسفر عن مقتل أربعة."),
    art("b3", "ar", D(2015, 5, 29), "أسفر تفجير انتحاري استهدف مسجدا في أبها عن مقتل 15 شخصا، وتبنى داعش الهجوم."),
]


def test_two_mosque_bombings_on_one_day_in_different_cities_are_two_events():
    events, _ = run(TWO_BOMBINGS)
    assert groups(events, "bombing") == [("b1", "b2"), ("b3",)]


def test_village_and_its_governorate_are_compatible_places():
    arts = [
        art("q1", "ar", D(2015, 5, 22), "قتل 21 مصليا في تفجير انتحاري استهدف مسجدا في القديح بمحافظة القطيف."),
        art("q2", "ar", D(2015, 5, 22), "ارتفع عدد ضحايا التفجير في القديح إلى 21 قتيلا."),
    ]
    events, _ = run(arts)
    assert groups(events, "bombing") == [("q1", "q2")]


MEETING = "التقى الرئيس بشار الأسد وزير الدفاع الروسي سيرغي شويغو في دمشق."


@pytest.mark.parametrize(
    "second_pub,together",
    [
        pytest.param(D(2017, 9, 13), True, id="one-day-later-same-meeting"),
        pytest.param(D(2017, 9, 15), True, id="three-days-later-still-in-window"),
        pytest.param(D(2017, 9, 20), False, id="eight-days-later-another-meeting"),
    ],
)
def test_dated_meetings_join_within_window(second_pub, together):
    events, _ = run([art("m1", "ar", D(2017, 9, 12), MEETING), art("m2", "ar", second_pub, MEETING + " ")])
    assert (groups(events, "meeting") == [("m1", "m2")]) is together


DATED = art("d1", "ar", D(2017, 9, 12), MEETING + " وبحثا الوضع في دير الزور.")
UNDATED_WEAK = art("u1", "fa", None, "سرگئی شویگو در سفر به دمشق با بشار اسد دیدار کرد.")
UNDATED_STRONG = [
    art("s1", "fa", None, "سرگئی شویگو در سفر به دمشق با بشار اسد دیدار کرد. او 48 ساعت آتش بس به جیش الفتح مهلت داد و از پایگاه حمیمیم و سامانه 400 بازدید کرد و 300 نفر کشته شدند."),
    art("s2", "ur", None, "روسی وزیر دفاع شوینکو نے دمشق کے دورے میں بشار اسد سے ملاقات کی۔ جیش الفتح کو 48 گھنٹے کی مہلت دی گئی اور 300 دہشت گرد ہلاک ہوئے۔ انہوں نے حمیمیم میں 400 میزائل سسٹم کا دورہ کیا۔"),
]


def test_undated_report_does_not_join_a_dated_meeting_of_the_same_people_without_strong_evidence():
    events, _ = run([DATED, UNDATED_WEAK])
    assert groups(events, "meeting") == [("d1",), ("u1",)]


def test_undated_reports_join_on_shared_rare_entities_and_numbers():
    events, evidence = run([DATED, *UNDATED_STRONG])
    assert groups(events, "meeting") == [("d1",), ("s1", "s2")]
    ev = next(e for e in events if e.article_ids == ("s1", "s2"))
    assert ev.event_date is None
    join = next(r for r in evidence if r.event_id == ev.event_id and r.joined_to_mention_id
                and r.reason.startswith("strong"))
    assert "jaish-al-fatah" in join.shared_rare and "#48" in join.shared_rare
    assert set(join.shared_participants) == {"bashar-assad", "sergei-shoigu"}
    assert join.date_gap_days is None


def test_every_mention_has_exactly_one_evidence_row_and_founders_join_nothing():
    articles = [*TWO_BOMBINGS, DATED, *UNDATED_STRONG]
    events, evidence = run(articles)
    mention_ids = sorted(m for e in events for m in e.mention_ids)
    assert sorted(r.mention_id for r in evidence) == mention_ids
    founders = [r for r in evidence if r.joined_to_mention_id is None]
    assert len(founders) == len(events)
    assert {r.event_id for r in founders} == {e.event_id for e in events}
    assert all(r.event_id == "ev-" + r.mention_id for r in founders)


@pytest.mark.parametrize("seed", range(5))
def test_input_order_does_not_matter(seed):
    articles = [*TWO_BOMBINGS, DATED, UNDATED_WEAK, *UNDATED_STRONG]
    mentions = [m for a in articles for m in extract_event_mentions(a)]
    reference = cluster_events(mentions, articles)
    rng = random.Random(seed)
    shuffled_a, shuffled_m = articles[:], mentions[:]
    rng.shuffle(shuffled_a)
    rng.shuffle(shuffled_m)
    assert cluster_events(shuffled_m, shuffled_a) == reference


def test_a_later_article_never_renames_existing_events():
    before = [*TWO_BOMBINGS, DATED, *UNDATED_STRONG]
    later = [
        art("n1", "ar", D(2015, 5, 30), "تفجير انتحاري جديد استهدف مسجدا في الدمام وتبنى داعش الهجوم."),
        art("n2", "ar", D(2017, 9, 13), "قال الكرملين إن شويغو التقى بشار الأسد في دمشق أمس."),
    ]
    old_events, _ = run(before)
    new_events, _ = run(before + later)
    new_by_id = {e.event_id: e for e in new_events}
    for e in old_events:
        assert e.event_id in new_by_id
        assert set(e.article_ids) <= set(new_by_id[e.event_id].article_ids)
    joined = {a for e in new_events for a in e.article_ids if e.event_id in {o.event_id for o in old_events}}
    assert {"n1", "n2"} <= joined  # the new reports joined the existing happenings


# ------------------------------------------------------------------ seeds (../shared)

SEED_NAMES = {
    "sergei-shoigu": ("person", ("شويغو", "شویینکو", "شوینکو", "شويو")),
    "bashar-assad": ("person", ("بشار الأسد", "بشار الاسد", "بشار اسد", "الأسد")),
    "vladimir-putin": ("person", ("بوتين", "پوتین")),
    "jaish-al-fatah": ("organization", ("جيش الفتح", "جیش الفتح")),
    "al-qaeda": ("organization", ("القاعدة", "القاعده", "القاعدہ")),
    "islamic-state": ("organization", ("داعش",)),
    "united-nations": ("organization", ("سازمان ملل", "اقوام متحدہ")),
    "damascus": ("location", ("دمشق",)),
    "idlib": ("location", ("إدلب", "ادلب")),
    "aleppo": ("location", ("حلب",)),
    "homs": ("location", ("حمص",)),
    "latakia": ("location", ("لاذقیه", "لاذقیہ")),
    "deir-ez-zor": ("location", ("دير الزور", "دیرالزور", "دیر الزور")),
    "hmeimim": ("location", ("حميميم", "حمیمیم")),
    "turkey": ("location", ("ترکیه", "ترکی", "تركيا")),
}
_SEED_PATTERNS = {
    eid: (etype, re.compile(r"(?<!\w)(?:و|ب|ل|ف)?(?:" + "|".join(re.escape(fold(a)) for a in al) + r")(?!\w)"))
    for eid, (etype, al) in SEED_NAMES.items()
}
_ISO = re.compile(r"(\d{4}) (\d{2}) (\d{2})")
_MARCH = re.compile(r"(\d{1,2}) مارس (\d{4})")


def seed_article(path: Path, lang: str) -> ArticleInput:
    text = path.read_text("utf-8")
    head = fold(" ".join(text.splitlines()[:6]))
    pub = None
    if m := _ISO.search(head):
        pub = D(int(m[1]), int(m[2]), int(m[3]))
    elif m := _MARCH.search(head):
        pub = D(int(m[2]), 3, int(m[1]))
    lines = text.splitlines()
    while lines and len(lines[-1].strip()) < 80:  # drop a trailer of short headline lines
        lines.pop()
    body = "\n".join(lines)
    folded, offsets = fold_with_offsets(body)
    ents = []
    for eid, (etype, pattern) in _SEED_PATTERNS.items():
        for m in pattern.finditer(folded):
            s, e = offsets[m.start()], offsets[m.end() - 1] + 1
            ents.append(EntityRef(eid, etype, s, e, body[s:e]))
    return ArticleInput(path.name, lang, pub, body, tuple(sorted(ents, key=lambda r: r.start)), ())


def test_seeds_form_three_shoigu_assad_meetings():
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared not present")
    gold = json.loads((SHARED / "seeds" / "gold.json").read_text("utf-8"))
    articles = [seed_article(p, gold["articles"][p.name]["lang"])
                for p in sorted((SHARED / "seeds" / "articles").glob("*.txt"))]
    events, _ = run(articles)
    meetings = [e for e in events if e.event_type == "meeting"
                and {"sergei-shoigu", "bashar-assad"} <= {p for p, _ in e.participants}]
    got = sorted((e.article_ids, str(e.event_date) if e.event_date else None) for e in meetings)
    want = sorted(
        (tuple(sorted(n for n, a in gold["articles"].items() if a["event"] == key)), ev["date"])
        for key, ev in gold["events"].items()
    )
    assert got == want


@pytest.mark.parametrize("body,place", [
    pytest.param("رئیس جمهوری آمریکا مدعی شد واشنگتن روند پرتاب ماهواره ایران را از نزدیک دنبال می‌کرده است.",
                 "iran", id="the-place-in-the-ezafe-after-the-trigger-not-the-subject-before-it"),
    pytest.param("ماهواره نظامی سپاه دیروز در ایران پرتاب شد و روز بعد واشنگتن واکنش نشان داد.",
                 "iran", id="a-place-past-the-verb-is-in-no-ezafe-the-nearest-one"),
])
def test_a_persian_happenings_place(body, place):
    (launch,) = [m for m in extract_event_mentions(art("a1", "fa", None, body)) if m.event_type == "launch"]
    assert launch.location_entity_id == place


@pytest.mark.parametrize("lang,text,sports", [
    pytest.param("ar", "فاز المنتخب السعودي للشباب لكرة السلة على نظيره القطري", {"basketball"}, id="ar-clitic"),
    pytest.param("ar", "منتخبا الكرة الطائرة وكرة اليد", {"volleyball", "handball"}, id="ar-two"),
    pytest.param("ar", "هبطت الطائرة في مطار الدوحة", set(), id="ar-a-plane-is-no-sport"),
    pytest.param("ur", "یونس خان نے 213 رنز بنائے", {"cricket"}, id="ur-runs"),
    pytest.param("ur", "جونیئر ہاکی ٹورنامنٹ میں گرین شرٹس", {"hockey"}, id="ur-hockey"),
    pytest.param("fa", "تیم ملی والیبال ایران", {"volleyball"}, id="fa"),
    pytest.param("fa", "کشتی در خلیج فارس توقیف شد", set(), id="fa-a-ship-is-no-wrestling"),
    pytest.param("ur", "کامن ویلتھ گیمز کے ویمنز ہاکی ایونٹ", {"hockey", "women"}, id="ur-a-division"),
    pytest.param("ar", "برونزية مسابقة الزوجي للبولينج", {"bowling", "doubles"}, id="ar-how-they-play"),
])
def test_the_sports_a_text_names(lang, text, sports):
    assert load_lexicon().sports_named(text, lang) == sports
