"""Events over several analysed articles, with the real stages (entities, dates, outlets) in front."""
from __future__ import annotations

import polars as pl
import pytest
from texts import BRIDGED, BRIDGED_SHAS

from khabar.corpus import derive as grouping
from khabar.document.article import analyse
from khabar.store import ingest
from khabar.store.tables import to_tables

QUDAIH_SPA = ("تفجير انتحاري يستهدف مسجداً في القديح\nالقطيف - واس\nقتل 21 مصلياً وأصيب العشرات أمس الجمعة في "
              "تفجير انتحاري استهدف مسجد الإمام علي في بلدة القديح بمحافظة القطيف أثناء صلاة الجمعة. وأعلن تنظيم "
              "داعش مسؤوليته عن التفجير.")
QUDAIH_SABQ = ("سبق- القطيف: ارتفع عدد ضحايا التفجير الإرهابي الذي استهدف مسجداً في القديح أمس إلى 21 قتيلاً، "
               "فيما نقل المصابون إلى مستشفيات القطيف. وقالت وزارة الداخلية إن الانتحاري فجر حزاماً ناسفاً داخل المسجد.")
ABHA_SPA = ("تفجير يستهدف مسجد قوات الطوارئ في أبها\nأبها - واس\nقتل 15 شخصاً أمس في تفجير انتحاري استهدف مسجداً "
            "داخل مقر قوات الطوارئ الخاصة في أبها بمنطقة عسير أثناء صلاة الظهر. وتبنى تنظيم داعش الهجوم.")
ABHA_AIN = ("عين اليوم – أبها: أعلنت وزارة الداخلية أن الانتحاري الذي فجر نفسه في مسجد قوات الطوارئ بأبها أمس "
            "سعودي الجنسية، وأن عدد القتلى بلغ 15 بينهم 12 من منسوبي الطوارئ.")


def groups(texts: dict[str, str], resources, event_type: str = "bombing",
           shas: dict[str, str] | None = None) -> dict[str, set[str]]:
    analysed = [analyse(ingest.Decoded(name, (shas or {}).get(name, name.ljust(16, "0")), len(t), "utf-8", t),
                        resources) for name, t in texts.items()]
    names = {a.doc_id: a.doc.source_path for a in analysed}
    tables = to_tables(analysed)
    derived = grouping.derive(tables.documents, tables.entity_mentions, tables.date_mentions,
                              tables.outlet_mentions, tables.event_mentions)
    members = derived["event_members"].join(derived["events"], on="event_id").filter(pl.col("event_type") == event_type)
    by_article: dict[str, set[str]] = {}
    for row in members.iter_rows(named=True):
        by_article.setdefault(names[row["doc_id"]], set()).add(row["event_id"])
    return by_article


def test_two_mosque_bombings_on_one_day_in_two_towns_are_two_events(resources):
    ev = groups({"qudaih-spa": QUDAIH_SPA, "qudaih-sabq": QUDAIH_SABQ, "abha-spa": ABHA_SPA, "abha-ain": ABHA_AIN},
                resources)
    assert ev["qudaih-spa"] & ev["qudaih-sabq"]
    assert ev["abha-spa"] & ev["abha-ain"]
    assert not (ev["qudaih-spa"] | ev["qudaih-sabq"]) & (ev["abha-spa"] | ev["abha-ain"])


def test_evidence_names_what_the_undated_reports_share(resources):
    analysed = [analyse(ingest.Decoded(n, n.ljust(16, "0"), len(t), "utf-8", t), resources)
                for n, t in (("a", QUDAIH_SPA), ("b", QUDAIH_SABQ))]
    tables = to_tables(analysed)
    evidence = grouping.derive(tables.documents, tables.entity_mentions, tables.date_mentions,
                               tables.outlet_mentions, tables.event_mentions)["event_evidence"]
    joins = evidence.filter(pl.col("joined_to_mention_id").is_not_null()
                            & (pl.col("reason") != "same article, same type"))
    assert joins.height >= 1
    assert all("undated" in r for r in joins["reason"])
    shared = set(joins["shared_rare"][0])
    assert {"al-qudaih", "#21"} <= shared


def test_a_ministers_given_names_do_not_make_a_second_guest(resources):
    # the title reads "فهد بن سالم" as an unknown man, but the words run into the known surname: one
    # guest, named in full in one report and by his surname and honorific in the other
    ev = groups({"arrival": "وصل وزير الخارجية الأستاذ فهد بن سالم الجبير إلى الدوحة اليوم في زيارة رسمية لدولة قطر.",
                 "reception": "استقبل أمير قطر تميم بن حمد في الدوحة وزير الخارجية فهد بن سالم الجبير، وبحث معه "
                              "العلاقات الثنائية خلال زيارته الرسمية لدولة قطر."},
                resources, "meeting")
    assert ev["arrival"] & ev["reception"]


def test_two_events_that_two_reports_could_each_join_are_merged_with_evidence(resources):
    ev = groups(BRIDGED, resources, "attack", shas=BRIDGED_SHAS)
    assert len(set.union(*ev.values())) == 1
    analysed = [analyse(ingest.Decoded(n, BRIDGED_SHAS[n], len(t), "utf-8", t), resources) for n, t in BRIDGED.items()]
    tables = to_tables(analysed)
    evidence = grouping.derive(tables.documents, tables.entity_mentions, tables.date_mentions,
                               tables.outlet_mentions, tables.event_mentions)["event_evidence"]
    merged = evidence.filter(pl.col("reason").str.starts_with("events merged"))
    assert merged.height == 1
    row = merged.row(0, named=True)
    assert row["doc_id"].endswith(BRIDGED_SHAS["far"][:16]) and row["joined_to_mention_id"] is not None
    assert "abha" in row["shared_rare"]


def test_one_report_that_could_join_two_events_does_not_merge_them(resources):
    texts = {k: v for k, v in BRIDGED.items() if k != "chamber"}
    ev = groups(texts, resources, "attack", shas=BRIDGED_SHAS)
    assert ev["attack"] & ev["council"]
    assert not ev["far"] & ev["attack"]


def test_a_reprint_of_a_bridging_report_is_not_a_second_bridge(resources):
    texts = {k: v for k, v in BRIDGED.items() if k != "chamber"}
    texts["reprint"] = BRIDGED["council"] + " ونقلت الصحف البيان كاملا."
    ev = groups(texts, resources, "attack", shas={**BRIDGED_SHAS, "reprint": "4000000000000000"})
    assert ev["attack"] & ev["council"] & ev["reprint"]
    assert not ev["far"] & ev["attack"]


def test_statements_are_not_merged_by_bridges():
    from types import SimpleNamespace

    from khabar.corpus.merges import mergeable
    from khabar.corpus.units import Unit
    from khabar.document.events import load_lexicon

    ctx = SimpleNamespace(lexicon=load_lexicon())
    assert ctx.lexicon.types["statement"].cluster == "strong_only"
    assert not mergeable(Unit("a", "ar", "statement", None, []), ctx)
    assert mergeable(Unit("a", "ar", "bombing", None, []), ctx)


def test_an_articles_rarest_items_are_the_heaviest_then_alphabetical_and_its_words_keyed_alike():
    """The blocking keys an article is filed under (and so which events it meets) come from its
    rarest items: ties (items seen as often) are broken alphabetically, in every run alike."""
    from khabar.corpus import story

    weights = {"w:b": 2.0, "w:a": 2.0, "e:x": 3.0, "n:12": 2.0, "w:c": 1.0, "w:d": 2.0}
    profile = story.Weighted("a1", "ar", weights, 1.0)
    assert profile.rarest(4) == ["e:x", "n:12", "w:a", "w:b"]
    assert profile.rarest(3, "w:") == ["w:a", "w:b", "w:d"]
    assert profile.rarest(9, "w:") == ["w:a", "w:b", "w:d", "w:c"]
    # a word's key does not depend on what was read before it, nor on the kept keys being dropped
    text = "وقالت وزارة الداخلية إن الانتحاري فجر حزاماً ناسفاً داخل المسجد في 2015"
    first = story.content_words(text, "ar")
    story._word_keys.get("ar", {}).clear()
    assert story.content_words(text, "ar") == first and "2015" not in first and first


def test_a_number_written_with_a_scale_word_or_separators_is_its_value():
    # "340 ألف" in one report is the "340000" of another, and the "۳۴۰ هزار" of a Persian one
    from khabar.corpus.story import numbers

    assert "340000" in numbers("وفر البرنامج مواد غذائية لحوالي 340 ألف شخص")
    assert "340000" in numbers("برنامه جهانی غذا به ۳۴۰ هزار نفر کمک کرد")
    assert "340000" in numbers("على نحو 340,000 شخص")
    assert "500000" in numbers("سیلاب سے 5 لاکھ افراد متاثر ہوئے")
    assert "3000000" in numbers("ونزح ٣ ملايين شخص")
    assert not {"5000000", "5"} & numbers("بلغت الخسائر 1.5 مليون دولار")  # 1.5 million, not 5 million
    # a decimal point with a scale word: the value, whatever the point and the digits are written as
    assert "1500000" in numbers("بلغت الخسائر 1.5 مليون دولار")
    assert "4800000000" in numbers("دیوان محاسبات: ۴.۸ میلیارد دلار ارز دولتی بدون واردات کالا")
    assert "4800000000" in numbers("۴/۸ میلیارد دلار")  # Persian writes its decimal point as a slash
    assert "2500000000" in numbers("بقيمة ٢٫٥ مليار ريال")
    assert "12250" in numbers("12.25 ألف")
    # a year before a scale word is no decimal: "2016, 8 billion" is not 2016.8 billion
    assert not any(n.startswith("2016") and n != "2016" for n in numbers("في عام 2016، 8 مليارات دولار"))
    assert all(len(n) < 10 for n in numbers("۱۳۹۹/۰۱/۲۵ میلیارد"))  # nor a date's last two parts


# a column opens on a verse and on the wrongdoers in general, naming no one and nowhere ("في القتال" is
# no report); the bombing it is about is told in its second paragraph
ABHA_COLUMN = ("تخريب بيوت الله لن يمنع هزيمة المتطرفين\n\nقال تعالى ( ومن أظلم ممن منع مساجد الله أن يذكر فيها اسمه "
               "وسعى في خرابها ) ، هذا حكم الله في هذه الفئة المنحرفة عن الفهم الصحيح التي تسعى في الأرض فساداً دون أي "
               "اعتبار لحرمة الدم أو للأخلاق التي أوصانا بها ديننا الحنيف في القتال ، فهؤلاء لا يرقبون في مؤمن إلاً ولا "
               "ذمة حتى لو أوصلهم إفسادهم إلى تخريب بيوت الله بقتل المصلين فيها وتفجيع من يؤمها وترويع الآمنين "
               "في كل مكان .\n"
               "عاشت بلادنا فجيعة كبرى حين فجر انتحاري نفسه في مسجد قوات الطوارئ في أبها فقتل 15 من المصلين "
               "وأصاب العشرات، ولن يزيدنا ذلك إلا تماسكا.")


def test_a_column_that_opens_on_a_verse_is_about_the_bombing_its_second_paragraph_tells(resources):
    ev = groups({"abha-spa": ABHA_SPA, "abha-column": ABHA_COLUMN}, resources)
    assert ev["abha-spa"] & ev.get("abha-column", set())


# two home wins of one club in the same competition and stadium, against two opponents: two matches; a
# second paper's report of the first is one with it
HILAL_AIN = ("الهلال يكتسح العين الإماراتي بثلاثية\n\nالرياض - واس\nتغلب فريق الهلال على ضيفه العين الإماراتي بثلاثة "
             "أهداف دون مقابل مساء أمس في مباراة الذهاب بنصف نهائي دوري أبطال آسيا على استاد الملك فهد الدولي بالرياض.")
HILAL_AIN_AGAIN = ("الهلال يقترب من النهائي الآسيوي\n\nعين اليوم – الرياض: اقترب الهلال من نهائي دوري أبطال آسيا بعد "
                   "فوزه الكبير على العين الإماراتي بثلاثية نظيفة في لقاء الذهاب مساء أمس على استاد الملك فهد الدولي.")
HILAL_FOOLAD = ("الهلال يتصدر مجموعته بالفوز على فولاذ\n\nالرياض - واس\nتغلب فريق الهلال على ضيفه فولاذ الإيراني بهدفين "
                "دون مقابل مساء أمس في ختام لقاءات دور المجموعات من دوري أبطال آسيا على استاد الملك فهد الدولي بالرياض.")


def test_one_clubs_wins_over_two_opponents_are_two_matches(resources):
    ev = groups({"ain": HILAL_AIN, "ain-again": HILAL_AIN_AGAIN, "foolad": HILAL_FOOLAD}, resources, "match")
    assert ev["ain"] & ev["ain-again"]
    assert not (ev["ain"] | ev["ain-again"]) & ev["foolad"]


# a press review tells one story a sentence: what it leads on is what it reports; the next sentence's
# capture of Zinjibar is one the papers also carried, not this report's
ZINJIBAR = ("القوات الموالية للشرعية تسيطر على زنجبار\n\nعدن - واس\nسيطرت القوات الموالية للحكومة اليمنية والمقاومة "
            "الشعبية أمس على مدينة زنجبار عاصمة محافظة أبين جنوب اليمن بعد معارك مع ميليشيات الحوثي.")
REVIEW_PRINCE = ("عام / اهتمامات الصحف المصرية\n\nالقاهرة 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس\nأبرزت الصحف "
                 "المصرية الصادرة اليوم تأكيد الأمير محمد بن نايف أن الأعمال الإرهابية لن تثني المملكة عن التصدي "
                 "للإرهاب.\nوتحدثت الصحف في الشأن اليمني عن سيطرة القوات الموالية للحكومة اليمنية على مدينة زنجبار "
                 "عاصمة محافظة أبين جنوب اليمن.")
REVIEW_ZINJIBAR = ("عام / اهتمامات الصحف المصرية\n\nالقاهرة 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس\nتنوعت اهتمامات "
                   "الصحف المصرية الصادرة اليوم بين الشأنين المحلي والإقليمي.\nوتحدثت الصحف عن سيطرة المقاومة الشعبية "
                   "والقوات الموالية للشرعية على مدينة زنجبار عاصمة محافظة أبين جنوب اليمن بعد معارك مع ميليشيات الحوثي.")


def test_a_press_review_reports_the_story_it_leads_on_not_the_next_one(resources):
    ev = groups({"zinjibar": ZINJIBAR, "review-prince": REVIEW_PRINCE, "review-zinjibar": REVIEW_ZINJIBAR},
                resources, "capture")
    assert ev["zinjibar"] & ev["review-zinjibar"]  # its first sentence tells nothing: the second is its lead
    assert not ev["zinjibar"] & ev.get("review-prince", set())


# a club's camp abroad is named in both reports, but only one says its happening took place there: the
# other's signing names no place, and is put in the town its article names most; two happenings
SIGNING = ("الاتحاد يوقع مع عساف القرني\n\nتعاقد نادي الاتحاد مع حارس مرمى الوحدة عساف القرني لمدة ثلاثة أعوام، وجاءت "
           "إجراءات توقيعه سلسة لأن الحارس يمضي الفترة الحرة. ونقل المركز الإعلامي تمنيات رئيس النادي للاعب بالتوفيق "
           "مع زملائه لتحقيق الإنجازات التي تتطلع إليها الجماهير الوفية، وكانت الصحيفة قد انفردت بنبأ إتمام الصفقة. "
           "ولعب القرني أربعة مواسم مع فريقه السابق الذي هبط إلى الدرجة الأولى بعد موسم صعب شهد تغيير ثلاثة مدربين.\n"
           "من جهة ثانية وصل المدرب الجديد إلى معسكر الفريق بمدينة ميلانو الإيطالية وقاد الحصة التدريبية في ميلانو.")
COACH_CONTRACT = ("بولوني يقود الاتحاد\n\nتشهد مدينة ميلانو الإيطالية توقيع العقد بين المشرف العام منصور البلوي والمدرب "
                  "الروماني لازلو بولوني، كما يناقش الطرفان ملف اللاعبين الأجانب لتحديد مصير الثنائي زوكالا وسانمارتن. "
                  "وقاد المساعد لازار مران الفريق أمس بتمارين لياقية لرفع معدلات اللياقة، ويخوض الفريق أول لقاءاته "
                  "الودية الأسبوع المقبل في معسكر ميلانو.")



# one agency's template tells two meetings in one capital on one day; the prime minister, named after
# his office's title, is a party the other report never names: two meetings
BEIRUT_ARMY = ("قائد الجيش اللبناني يلتقي موفدة أممية\n\nبيروت 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس\nالتقى "
               "قائد الجيش اللبناني الجنرال جان قهوجي في بيروت اليوم الممثلة الشخصية للأمين العام للأمم المتحدة "
               "سيغريد كاغ.\nوجرى خلال اللقاء تناول الأوضاع العامة في لبنان والمنطقة.")
BEIRUT_PM = ("رئيس الوزراء اللبناني يلتقي رئيس مجلس نواب الباراغواي\n\nبيروت 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م "
             "واس\nالتقى رئيس مجلس الوزراء اللبناني تمام سلام في بيروت اليوم رئيس مجلس نواب الباراغواي الذي يزور "
             "لبنان حاليا.\nواستعرض الجانبان خلال اللقاء تطورات الأوضاع العامة في لبنان والمنطقة.")



@pytest.mark.parametrize("first,second,event_type", [
    pytest.param(SIGNING, COACH_CONTRACT, "agreement", id="placed-only-by-its-articles-town"),
    pytest.param(BEIRUT_ARMY, BEIRUT_PM, "meeting", id="one-templates-two-meetings-in-one-capital"),
])
def test_two_look_alike_happenings_stay_apart(resources, first, second, event_type):
    ev = groups({"first": first, "second": second}, resources, event_type)
    assert ev["first"] and ev["second"]
    assert not ev["first"] & ev["second"]
