"""A Persian reaction whose title names what it reacts to ("واکنش X به Y") is one happening with the
report of Y, and with other reactions to it; a reaction to something else stays apart."""
from __future__ import annotations

import polars as pl

from khabar.corpus import derive
from khabar.corpus.reactions import reacted_to
from khabar.document.article import analyse
from khabar.store import ingest
from khabar.store.tables import to_tables

LAUNCH = ("سپاه نخستین ماهواره نظامی ایران را پرتاب کرد\n\n"
          "سپاه پاسداران انقلاب اسلامی صبح امروز نخستین ماهواره نظامی کشور به نام نور را با ماهواره‌بر قاصد "
          "از کویر مرکزی به مدار زمین فرستاد. فرمانده هوافضای سپاه گفت این ماهواره در مدار ۴۲۵ کیلومتری قرار گرفت.")
PENTAGON = ("واکنش پنتاگون به پرتاب ماهواره نظامی ایران\n\n"
            "سخنگوی وزارت دفاع آمریکا شامگاه چهارشنبه گفت واشنگتن این اقدام تهران را از نزدیک زیر نظر دارد و "
            "آن را نگران‌کننده می‌داند. او افزود این برنامه ناقض قطعنامه‌های بین‌المللی است.")
BERLIN = ("واکنش آلمان به پرتاب ماهواره نور | برلین: نگرانیم\n\n"
          "وزارت خارجه آلمان در بیانیه‌ای کوتاه خواستار خویشتن‌داری شد و این اقدام را مایه نگرانی "
          "کشورهای اروپایی خواند.")
FLOOD = ("واکنش استاندار به سیل خوزستان\n\n"
         "استاندار خوزستان امروز در جمع خبرنگاران گفت گروه‌های امدادی در روستاهای آسیب‌دیده مستقر شده‌اند و "
         "کمک‌ها تا پایان هفته به همه خانواده‌ها می‌رسد.")


def events_of(texts: dict[str, str], resources) -> tuple[dict[str, set[str]], pl.DataFrame]:
    analysed = [analyse(ingest.Decoded(name, name.ljust(16, "0"), len(t), "utf-8", t), resources)
                for name, t in texts.items()]
    names = {a.doc_id: a.doc.source_path for a in analysed}
    tables = to_tables(analysed)
    derived = derive.derive(tables.documents, tables.entity_mentions, tables.date_mentions,
                            tables.outlet_mentions, tables.event_mentions)
    by_article: dict[str, set[str]] = {}
    for row in derived["event_members"].iter_rows(named=True):
        by_article.setdefault(names[row["doc_id"]], set()).add(row["event_id"])
    return by_article, derived["event_evidence"]


def test_what_a_title_reacts_to_is_read_after_its_to():
    assert {"w:ماهواره", "w:پرتاب"} <= reacted_to("واکنش پنتاگون به پرتاب ماهواره نظامی ایران", "fa")
    # a title's parts: what follows a bar or a colon is another line of it
    assert "w:نگران" not in reacted_to("واکنش آلمان به پرتاب ماهواره نور | برلین: نگرانیم", "fa")
    # what was said is no subject: "remarks" is left out, the speaker kept
    assert reacted_to("واکنش ظریف به اظهارات ترامپ", "fa") == {"w:ترامپ"}
    assert reacted_to("پرتاب ماهواره نظامی ایران", "fa") == frozenset()
    assert reacted_to("واکنش پنتاگون به پرتاب ماهواره", "ar") == frozenset()


def test_reactions_join_the_report_they_react_to_with_their_evidence(resources):
    events, evidence = events_of({"launch": LAUNCH, "pentagon": PENTAGON, "berlin": BERLIN}, resources)
    assert events["launch"] & events["pentagon"] & events["berlin"]
    reasons = [r for r in evidence["reason"] if r.startswith("one reacts to what the other tells")]
    assert reasons and all("ماهواره" in r and "پرتاب" in r for r in reasons)


def test_a_reaction_to_another_happening_stays_apart(resources):
    events, _ = events_of({"launch": LAUNCH, "pentagon": PENTAGON, "flood": FLOOD}, resources)
    assert events["launch"] & events["pentagon"]
    assert not (events["flood"] & (events["launch"] | events["pentagon"]))

# both told as launches, in words of their own: what keeps them apart a year on is the dates in their paths
LAUNCHED = ("پرتاب ماهواره نظامی نور به مدار زمین\n\n"
            "سپاه پاسداران با پرتاب ماهواره نظامی نور از کویر مرکزی، نخستین ماهواره نظامی کشور را در مدار "
            "۴۲۵ کیلومتری زمین قرار داد.")
PENTAGON_LAUNCH = ("واکنش پنتاگون به پرتاب ماهواره نظامی ایران\n\n"
                   "سخنگوی وزارت دفاع آمریکا گفت پرتاب تازه تهران ناقض قطعنامه‌های بین‌المللی است و واشنگتن "
                   "آن را نگران‌کننده می‌داند.")


def test_a_reaction_dated_far_from_the_report_is_to_another_happening(resources):
    near, _ = events_of({"2020-04-22/launch.txt": LAUNCHED, "2020-04-23/pentagon.txt": PENTAGON_LAUNCH}, resources)
    assert near["2020-04-22/launch.txt"] & near["2020-04-23/pentagon.txt"]
    far, _ = events_of({"2020-04-22/launch.txt": LAUNCHED, "2021-02-09/pentagon.txt": PENTAGON_LAUNCH}, resources)
    assert not far["2020-04-22/launch.txt"] & far["2021-02-09/pentagon.txt"]
