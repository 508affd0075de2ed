"""Who did what to whom around a trigger, in each language's word order; and the day an undated
report is resolved against (publication date, else a hint from the file's path or mtime)."""
from __future__ import annotations

import datetime
import re

import pytest

from khabar.corpus import derive
from khabar.document.article import analyse
from khabar.document.event_dates import ReferenceHint, reference_hint
from khabar.document.events import ArticleInput, EntityRef, extract_event_mentions
from khabar.store.ingest import Decoded
from khabar.store.tables import to_tables

D = datetime.date

NAMES = {
    "القوات الروسية": ("russian-armed-forces", "organization"),
    "داعش": ("islamic-state", "organization"),
    "عادل الجبير": ("adel-al-jubeir", "person"),
    "جون كيري": ("john-kerry", "person"),
    "بشار الأسد": ("bashar-assad", "person"),
    "طالبان": ("taliban", "organization"),
    "پولیس": ("police", "organization"),
    "ارتش عراق": ("iraqi-army", "organization"),
    "قوات الطوارئ": ("saudi-special-emergency-forces", "organization"),
    "مجلس التعاون": ("gcc", "organization"),
    "لاریجانی": ("ali-larijani", "person"),
    "سولانا": ("javier-solana", "person"),
    "شورای عالی امنیت ملی": ("supreme-national-security-council-iran", "organization"),
    "امام خمینی": ("ruhollah-khomeini", "person"),
    "نواز شریف": ("nawaz-sharif", "person"),
    "آئی ایس پی آر": ("ispr", "organization"),
    "نیٹو": ("nato", "organization"),
    "الحوثيين": ("houthis", "organization"),
    "الدوحة": ("doha", "location"),
    "نجران": ("najran", "location"),
}


def refs(body: str) -> tuple[EntityRef, ...]:
    out = []
    for surface, (eid, etype) in NAMES.items():
        out += [EntityRef(eid, etype, m.start(), m.end(), surface) for m in re.finditer(re.escape(surface), body)]
    return tuple(sorted(out, key=lambda r: r.start))


def art(lang, body, pub=None, hint=None) -> ArticleInput:
    return ArticleInput("a1", lang, pub, body, refs(body), (), None, hint)


def first(lang, body, event_type, **kw):
    found = [m for m in extract_event_mentions(art(lang, body, **kw)) if m.event_type == event_type]
    assert found, f"no {event_type} mention"
    return found[0]


@pytest.mark.parametrize(
    "lang,body,event_type,roles",
    [
        pytest.param("ar", "قصفت القوات الروسية مواقع داعش قرب إدلب.", "shelling",
                     {"russian-armed-forces": "actor", "islamic-state": "target"},
                     id="ar-verb-first-doer-follows-the-verb"),
        pytest.param("ar", "شن داعش هجوما على القوات الروسية.", "attack",
                     {"islamic-state": "actor", "russian-armed-forces": "target"},
                     id="ar-target-after-ala"),
        pytest.param("ur", "طالبان نے پولیس پر حملہ کیا۔", "attack",
                     {"taliban": "actor", "police": "target"},
                     id="ur-sov-ergative-ne-and-postposition-par"),
        pytest.param("ur", "پولیس کو طالبان نے حملے کا نشانہ بنایا۔", "attack",
                     {"police": "target", "taliban": "actor"},
                     id="ur-object-first-marked-by-ko"),
        pytest.param("fa", "داعش به مواضع ارتش عراق حمله کرد.", "attack",
                     {"islamic-state": "actor", "iraqi-army": "target"},
                     id="fa-sov-target-after-be"),
    ],
)
def test_actor_and_target_follow_the_language_word_order(lang, body, event_type, roles):
    assert dict(first(lang, body, event_type).participants) == roles


@pytest.mark.parametrize(
    "lang,body,event_type,roles",
    [
        pytest.param("ar", "قصفت الطائرات التركية أمس أهدافا لتنظيم داعش في سوريا.", "shelling",
                     {"islamic-state": "target"}, id="ar-a-name-well-after-the-verb-is-no-doer"),
        pytest.param("ar", "أدانت دول مجلس التعاون بشدة حادث التفجير الذي استهدف مسجد قوات الطوارئ في أبها.", "bombing",
                     {"saudi-special-emergency-forces": "target"},
                     id="ar-who-condemns-is-none-and-the-bombings-own-clause-names-its-target"),
        pytest.param("ar", "سقط مقذوف عسكري أطلقه الحوثيين على نجران.", "shelling", {"houthis": "actor"},
                     id="ar-who-launched-what-the-noun-names"),
        pytest.param("ar", "وأعلنت طالبان مسؤوليتها عن الهجوم.", "attack", {"taliban": "actor"},
                     id="ar-who-claims-the-attack-is-its-doer-not-a-speaker"),
        pytest.param("ar", "وأكثر ما يقلق الأمن داعش التي شنت هجوما على المدينة.", "attack", {"islamic-state": "actor"},
                     id="ar-a-doers-relative-clause-before-the-trigger"),
        pytest.param("fa", "با حمله گسترده ارتش عراق به مواضع داعش جنگ آغاز شد.", "attack",
                     {"iraqi-army": "actor", "islamic-state": "target"}, id="fa-whose-the-attack-is-after-its-noun"),
        pytest.param("ur", "نواز شریف نے دھماکے کی مذمت کی ہے۔", "bombing", {},
                     id="ur-who-condemns-the-blast-did-not-set-it-off"),
        pytest.param("ur", "نواز شریف نے دھماکے میں قیمتی جانوں کے ضیاع پر افسوس کا اظہار کیا۔", "bombing", {},
                     id="ur-who-regrets-the-lives-lost-in-the-blast-did-not-set-it-off"),
        pytest.param("fa", "لاریجانی در رابطه با آغاز حملات داعش به مواضع ارتش عراق گفت: این جنگ ادامه دارد.", "attack",
                     {"islamic-state": "actor", "iraqi-army": "target"}, id="fa-who-speaks-of-the-attacks-takes-no-part"),
        pytest.param("fa", "لاریجانی در رابطه با آغاز حملات داعش به مواضع ارتش عراق در شهرهای شمالی و غربی این کشور گفت: این جنگ "
                     "ادامه دارد.", "attack", {"islamic-state": "actor", "iraqi-army": "target"},
                     id="fa-the-verb-of-saying-ends-a-long-clause"),
        pytest.param("ur", "آئی ایس پی آر کے مطابق طالبان نے پولیس پر حملہ کیا۔", "attack",
                     {"taliban": "actor", "police": "target"}, id="ur-who-is-cited-takes-no-part"),
        pytest.param("ur", "آئی ایس پی آر کے ترجمان کے مطابق طالبان نے پولیس پر حملہ کیا۔", "attack",
                     {"taliban": "actor", "police": "target"}, id="ur-whose-spokesman-is-cited-takes-no-part"),
        pytest.param("ur", "طالبان نے نیٹو کے قافلے پر حملہ کیا۔", "attack",
                     {"taliban": "actor", "nato": "target"}, id="ur-a-genitive-before-the-postposition"),
        pytest.param("ar", "قال عادل الجبير إن القوات الروسية قصفت مواقع داعش قرب إدلب.", "shelling",
                     {"russian-armed-forces": "actor", "islamic-state": "target"},
                     id="ar-who-says-that-takes-no-part-and-the-doer-after-that-is-no-speaker"),
        pytest.param("ar", "أسفر هجوم داعش على القوات الروسية عن مقتل عشرة جنود.", "attack",
                     {"islamic-state": "actor", "russian-armed-forces": "target"}, id="ar-the-genitive-of-an-attack-is-its-doer"),
        pytest.param("ar", "وقع الهجوم الذي تبناه داعش على القوات الروسية قرب نجران.", "attack",
                     {"islamic-state": "actor", "russian-armed-forces": "target"},
                     id="ar-the-doer-in-the-attacks-own-clause-and-the-nearer-cue-says"),
        pytest.param("ar", "وقع تفجير استهدف القوات الروسية في نجران ونسبت إلى داعش.", "bombing",
                     {"russian-armed-forces": "target", "islamic-state": "actor"}, id="ar-whom-it-is-attributed-to"),
        pytest.param("ar", "تأتي تصريحات عادل الجبير بعد يومين من مقتل عشرة جنود في قرية قريبة من الحدود في هجوم بالصواريخ.",
                     "attack", {}, id="ar-a-name-far-before-a-noun-is-the-sentences-topic"),
        pytest.param("fa", "شورای عالی امنیت ملی در واکنش به حمله داعش به مواضع ارتش عراق بیانیه‌ای صادر کرد.", "attack",
                     {"islamic-state": "actor", "iraqi-army": "target"}, id="fa-who-reacts-to-the-attack-takes-no-part"),
    ],
)
def test_roles_read_who_speaks_of_cites_or_suffers_the_happening(lang, body, event_type, roles):
    """Measured by ``bench/eval_roles.py`` against people's reading of real news; these are its families."""
    assert dict(first(lang, body, event_type).participants) == roles


@pytest.mark.parametrize(
    "lang,body,parties",
    [
        pytest.param("fa", "لاریجانی در دیدار با سولانا اظهار داشت: امام خمینی راه را نشان داد.",
                     {"ali-larijani", "javier-solana"}, id="fa-what-was-said-after-the-colon"),
        pytest.param("ar", "عقد عادل الجبير اجتماعا مع جون كيري، ثم قال أول أمس: بشار الأسد لا مكان له.",
                     {"adel-al-jubeir", "john-kerry"}, id="ar-a-day-between-the-verb-of-saying-and-the-colon"),
        pytest.param("ar", "استقبل عادل الجبير الوفد وهم: جون كيري وبشار الأسد.",
                     {"adel-al-jubeir", "john-kerry", "bashar-assad"}, id="ar-a-colon-before-a-list-ends-nothing"),
        pytest.param("ar", "التقى عادل الجبير جون كيري؛ وبشار الأسد في دمشق.",
                     {"adel-al-jubeir", "john-kerry"}, id="ar-a-semicolon-ends-the-clause"),
        pytest.param("fa", "لاریجانی در دیدار با سولانا در مونیخ درباره پرونده هسته‌ای و شورای عالی امنیت ملی گفت‌وگو کرد.",
                     {"ali-larijani", "javier-solana"}, id="fa-what-the-meeting-discussed"),
        pytest.param("fa", "سولانا در دیدار با لاریجانی با ابلاغ سلام امام خمینی سخن گفت.",
                     {"ali-larijani", "javier-solana"}, id="fa-whose-greetings-were-conveyed"),
        pytest.param("fa", "لاریجانی دبیر شورای عالی امنیت ملی و سولانا در مونیخ با هم دیدار کردند.",
                     {"ali-larijani", "javier-solana"}, id="fa-the-body-of-a-post-after-the-name"),
        pytest.param("fa", "به گزارش خبرگزاری فارس به نقل از شورای عالی امنیت ملی، لاریجانی در دیدار با سولانا گفت که مذاکره ادامه دارد.",
                     {"ali-larijani", "javier-solana"}, id="fa-who-the-report-cites"),
        pytest.param("fa", "شورای عالی امنیت ملی در واکنش به دیدار لاریجانی با سولانا بیانیه‌ای صادر کرد.",
                     {"ali-larijani", "javier-solana"}, id="fa-who-reacts-to-the-meeting"),
        pytest.param("ar", "وقال بشار الأسد إن اجتماع عادل الجبير مع جون كيري لن يغير شيئا.",
                     {"adel-al-jubeir", "john-kerry"}, id="ar-who-says-that-of-the-meeting"),
    ],
)
def test_the_parties_of_a_meeting_are_not_who_is_quoted_cited_or_a_post(lang, body, parties):
    assert set(dict(first(lang, body, "meeting").participants)) == parties


def test_meeting_participants_are_the_people_meeting_not_every_name_in_the_sentence():
    body = "التقى عادل الجبير جون كيري في الدوحة، فيما أعلن بشار الأسد عن حكومة جديدة."
    m = first("ar", body, "meeting")
    assert dict(m.participants) == {"adel-al-jubeir": "participant", "john-kerry": "participant"}


def test_the_parties_of_a_visit_are_not_those_of_what_it_comes_since():
    """"the first visit since the Taliban took the city": the Taliban are not visiting."""
    body = "زار عادل الجبير الدوحة في زيارة هي الأولى منذ سيطرة طالبان على المدينة."
    m = first("ar", body, "meeting")
    assert dict(m.participants) == {"adel-al-jubeir": "participant"}


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("عقد عادل الجبير أمس اجتماعا مع جون كيري لمناقشة المواجهة مع داعش في سوريا.",
                     id="named-after-what-it-was-to-discuss"),
        pytest.param("عقد عادل الجبير أمس اجتماعا مع جون كيري بشأن الحرب على داعش.", id="named-after-about"),
        pytest.param("التقى عادل الجبير جون كيري لبحث الأوضاع، واستعرض داعش خلال اللقاء.",
                     id="a-new-clause-opened-by-a-verb-of-discussing"),
        pytest.param("قال عادل الجبير إن اجتماعه مع جون كيري تمت فيه مناقشة التصدي لسياسة إيران بما فيها إرهاب داعش "
                     "وحزب الله.", id="named-after-the-discussion-of"),
    ],
)
def test_what_a_meeting_discussed_is_no_party_to_it(body):
    """The Houthis "the meeting discussed the confrontation with" are not meeting Hadi and his
    advisers: a second report naming the advisers, not the Houthis, is the same meeting."""
    m = first("ar", body, "meeting")
    assert dict(m.participants) == {"adel-al-jubeir": "participant", "john-kerry": "participant"}


def test_a_party_named_after_the_comma_that_ends_the_topic_is_a_party_again():
    """"بشأن سوريا في الدوحة، مشيرًا إلى أن لافروف أطلع شكري": what the call discussed ends at the comma."""
    body = "عقد عادل الجبير اجتماعا بشأن سوريا في الدوحة، مشيرا إلى أن جون كيري أطلعه على الجهود."
    m = first("ar", body, "meeting")
    assert dict(m.participants) == {"adel-al-jubeir": "participant", "john-kerry": "participant"}


@pytest.mark.parametrize(
    "path,mtime,expected",
    [
        pytest.param("spa/2015-08-07/abha.txt", None, ReferenceHint(D(2015, 8, 7), "path"), id="iso-folder"),
        pytest.param("20150807_abha.txt", None, ReferenceHint(D(2015, 8, 7), "path"), id="compact-file-name"),
        pytest.param("2015/08/07/abha.txt", None, ReferenceHint(D(2015, 8, 7), "path"), id="year-month-day-folders"),
        pytest.param("2014-01-01/2015-08-07_abha.txt", None, ReferenceHint(D(2015, 8, 7), "path"),
                     id="deepest-date-wins"),
        pytest.param("feeds/2015-13-45_x.txt", 1438905600.0, ReferenceHint(D(2015, 8, 7), "mtime"),
                     id="impossible-path-date-falls-back-to-mtime"),
        pytest.param("feeds/abha.txt", None, None, id="no-hint-at-all"),
        pytest.param("feeds/report-12345678.txt", None, None, id="a-number-is-not-a-date"),
    ],
)
def test_reference_hint_from_path_or_mtime(path, mtime, expected):
    assert reference_hint(path, mtime) == expected


BOMBING = "قتل 15 شخصا أمس في تفجير انتحاري استهدف مسجدا في نجران."
UNDATED_NOTE = "قتل 15 شخصا في تفجير انتحاري استهدف مسجدا في نجران."


@pytest.mark.parametrize(
    "body,pub,hint,date,source",
    [
        pytest.param(BOMBING, D(2015, 8, 7), ReferenceHint(D(2015, 9, 1), "path"), D(2015, 8, 6), "relative",
                     id="publication-date-beats-the-path"),
        pytest.param(BOMBING, None, ReferenceHint(D(2015, 8, 7), "path"), D(2015, 8, 6), "path",
                     id="yesterday-against-the-path-date"),
        pytest.param(BOMBING, None, ReferenceHint(D(2015, 8, 7), "mtime"), D(2015, 8, 6), "mtime",
                     id="yesterday-against-the-mtime-is-marked-mtime"),
        pytest.param(UNDATED_NOTE, None, ReferenceHint(D(2015, 8, 7), "path"), D(2015, 8, 7), "path",
                     id="no-relative-words-takes-the-path-day"),
        pytest.param(BOMBING, None, None, None, "none", id="no-reference-stays-undated"),
    ],
)
def test_undated_reports_resolve_against_the_best_reference_with_provenance(body, pub, hint, date, source):
    m = first("ar", body, "bombing", pub=pub, hint=hint)
    assert (m.event_date, m.date_source) == (date, source)
    assert m.date_confidence <= (0.5 if source in ("path", "mtime") else 1.0)



@pytest.mark.parametrize(
    "body,hint,date",
    [
        # filed (or crawled) on Tuesday 21 July: the writer's "today, Monday" is the 20th
        pytest.param("وافق مجلس الأمن الدولي اليوم الاثنين على الاتفاق النووي مع إيران.", D(2015, 7, 21), D(2015, 7, 20),
                     id="today-monday-filed-on-tuesday"),
        pytest.param("وافق مجلس الأمن الدولي أمس الأحد على الاتفاق النووي مع إيران.", D(2015, 7, 21), D(2015, 7, 19),
                     id="yesterday-sunday-filed-on-tuesday"),
        pytest.param("وافق مجلس الأمن الدولي اليوم الثلاثاء على الاتفاق النووي مع إيران.", D(2015, 7, 21), D(2015, 7, 21),
                     id="today-tuesday-agrees"),
        pytest.param("وافق مجلس الأمن الدولي اليوم على الاتفاق النووي مع إيران.", D(2015, 7, 21), D(2015, 7, 21),
                     id="today-with-no-weekday"),
    ],
)
def test_a_weekday_written_after_today_or_yesterday_is_the_days_own(body, hint, date):
    assert first("ar", body, "agreement", hint=ReferenceHint(hint, "path")).event_date == date


OPENING_NEXT_MONDAY = ("افتتاح متنزه الردف في الطائف الإثنين\n\nيرعى أمير منطقة مكة المكرمة مساء الإثنين المقبل حفل "
                       "افتتاح متنزه الردف العام.")
SHOT_LAST_WEDNESDAY = "قتل 15 شخصا يوم الأربعاء الماضي في تفجير انتحاري استهدف مسجدا في نجران."


@pytest.mark.parametrize(
    "lang,body,event_type,hint,date",
    [
        pytest.param("ar", OPENING_NEXT_MONDAY, "opening", D(2015, 7, 24), D(2015, 7, 27),
                     id="the-headlines-monday-is-the-texts-next-monday"),
        pytest.param("ar", SHOT_LAST_WEDNESDAY, "bombing", D(2015, 8, 12), D(2015, 8, 5),
                     id="last-wednesday-said-on-a-wednesday-is-a-week-back"),
        pytest.param("ar", BOMBING.replace("أمس", "يوم الأربعاء"), "bombing", D(2015, 8, 12), D(2015, 8, 12),
                     id="a-bare-wednesday-said-on-a-wednesday-is-that-day"),
        pytest.param("ar", "تقام مباراة السوبر بين الهلال والنصر في لندن يوم بعد غدٍ الأربعاء.", "match", D(2015, 8, 10),
                     D(2015, 8, 12), id="the-day-after-tomorrow-wednesday"),
        pytest.param("fa", "دیدار دو وزیر پس‌فردا در تهران برگزار می‌شود.", "meeting", D(2015, 8, 10), D(2015, 8, 12),
                     id="fa-the-day-after-tomorrow"),
        pytest.param("ar", "من المقرر أن يعقد الاجتماع الوزاري في الرياض يوم الأحد لبحث الأزمة.", "meeting", D(2015, 8, 12),
                     D(2015, 8, 16), id="a-sentence-that-speaks-of-the-future-names-the-coming-sunday"),
    ],
)
def test_a_weekday_lies_the_way_the_word_beside_it_says(lang, body, event_type, hint, date):
    m = first(lang, body, event_type, hint=ReferenceHint(hint, "path"))
    assert (m.event_date, m.date_source) == (date, "path")

@pytest.mark.parametrize(
    "body,event_type,words",
    [
        pytest.param("وسيشرف على القرعة الأمين العام للاتحاد الدولي جيروم فالك الذي وصل إلى روسيا الاثنين الماضي.",
                     "draw", (), id="a-clause-on-the-man-who-arrived-monday"),
        pytest.param("استنكر المجلس الحادث الإرهابي الآثم البغيض الذي استهدف المصلين يوم الجمعة في أبها.",
                     "incident", ("الجمعة",), id="the-attacks-own-clause-after-its-adjectives"),
        pytest.param("قتل 15 شخصا في تفجير انتحاري استهدف مسجدا في مدينة نجران التي شهدت هجمات سابقة يوم الجمعة.",
                     "bombing", ("الجمعة",), id="a-clause-on-the-town-ends-before-the-day"),
    ],
)
def test_a_day_a_relative_clause_gives_another_noun_is_not_the_happenings(body, event_type, words):
    assert first("ar", body, event_type).relative_words == words


def test_a_long_text_gives_the_same_mentions_as_its_paragraphs():
    paragraph = "قصفت القوات الروسية مواقع داعش قرب إدلب أمس. التقى عادل الجبير جون كيري في الدوحة.\n"
    one = extract_event_mentions(art("ar", paragraph, pub=D(2015, 8, 7)))
    many = extract_event_mentions(art("ar", paragraph * 200, pub=D(2015, 8, 7)))
    assert len(many) == 200 * len(one)
    shifted = [(m.event_type, m.trigger_start % len(paragraph), m.participants, m.event_date) for m in many]
    assert set(shifted) == {(m.event_type, m.trigger_start, m.participants, m.event_date) for m in one}


@pytest.mark.parametrize("when,date,source", [
    pytest.param("يوم 6 أغسطس 2015", D(2015, 8, 6), "sentence", id="a-day-dates-the-bombing"),
    pytest.param("خلال شهر أغسطس 2015", None, "none", id="a-month-names-no-day"),
    # the day something began, "since", is recalled in the sentence: not the bombing's day
    pytest.param("في أول هجوم من نوعه منذ 5 نوفمبر 2012", None, "none", id="a-day-since-which-is-not-its-day"),
])
def test_only_a_day_written_in_the_sentence_dates_a_happening(resources, when, date, source):
    # "August 2015" is found at month precision, valued by its first day: read as the bombing's day it
    # would set its reports days apart from one dated the 6th. So when the article is analysed, and when
    # its events are derived again from the warehouse's tables
    body = f"قتل خمسة عشر شخصا في تفجير انتحاري استهدف مسجدا في نجران {when}."
    article = analyse(Decoded("a.txt", "0" * 64, len(body.encode()), "utf-8", body), resources)
    tables = to_tables([article])
    again = next(derive.event_inputs(tables.documents, tables.entity_mentions, tables.date_mentions,
                                     tables.outlet_mentions))
    for mentions in (article.events, extract_event_mentions(again)):
        bombing = next(m for m in mentions if m.event_type == "bombing")
        assert (bombing.event_date, bombing.date_source) == (date, source)
