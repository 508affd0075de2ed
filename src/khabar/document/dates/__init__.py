"""Dates with provenance: three calendars, three digit systems, relative words.

Everything here is a pure function of its arguments (never of today's date):

* ``parse_date(text, reference)`` — one date expression to a ``datetime.date`` or ``None``.
* ``find_dates(text, reference)`` — every date expression in a text, with offsets.
* ``publication_date(text)`` — the publication date of a raw article, with its provenance.
* ``date_mentions(body, reference)`` — dates mentioned in a body, resolved against the
  publication date when partial or relative.

The rooms: ``tables`` (the data files, loaded on first use), ``patterns`` (the grammar, compiled on
first use), ``calendars`` (conversions and year ranges), ``absolute`` and ``relative`` (one reader
per kind of expression), ``finding`` (all readers over a text, dual datelines, overlaps),
``publication`` and ``mentions``; ``records`` holds the returned records and named confidences.

How a text is read
------------------
Matching runs on a *scan string*: ``khabar.text.normalize.fold_letters_with_offsets`` (letter
variants and all three digit systems to ASCII, lower case, diacritics/tatweel removed, ZWNJ turned
into a space, punctuation kept); its offsets lead back to the original text.

Calendars. A month name decides the calendar (Gregorian names in MSA, Egyptian,
Levantine/Iraqi, Maghrebi, Persian, Urdu and English spellings; Jalali; Hijri). A marker after the
year decides it too (هـ / ق → Hijri; ه‍.ش / ش → Jalali; م / ء / میلادی → Gregorian). Numeric dates
without a marker are told apart by year: 1800–2200 Gregorian, 1300–1399 Jalali, 1406–1500 Hijri;
1400–1405 is both a live Jalali and a live Hijri year, so the script around the date decides
(Persian letters or digits → Jalali, Arabic ones → Hijri), then the field order (year first →
Jalali, as Iranian sites write it; year last → Hijri, as Saudi agencies write it). A year that is
implausible for its calendar is dropped rather than read in another calendar: a Hijri or Jalali
year is never returned as a Gregorian one. Hijri dates convert with Umm al-Qura (hijridate),
Jalali with jdatetime. A Jalali month may be glued to its day and to 'ماه' ("12خردادماه 1377").

Dual datelines ("25 شوال 1436 هـ الموافق 10 أغسطس 2015 م") give the Gregorian half; the two halves
are checked against each other (confidence drops when they disagree by more than a day).

Months by number (spoken Arabic): "شهر عشرة", "شهر ٣", "الشهر التاسع" are Gregorian months;
"نص/منتصف" is the 15th, "بداية/أول/مطلع" the 1st. A month and year without a day ("مارس 2020",
"2/2013") is found at month precision, valued by its first day, and ``parse_date`` gives None for
it (it names no single day).

Relative words resolve against ``reference`` and give no value without one. Decisions:

* Weekdays. A direction word decides: "الماضي/الفائت/گذشته/last" strictly before the reference,
  "القادم/المقبل/الجاي/آینده/next" strictly after, "هذا/this" on or after. Without one:
  a sentence that speaks of the future (سوف، من المقرر، سيعقد …) → the next such day, strictly
  after; an Arabic weekday standing alone (the text is the weekday, at most with one more word
  such as 'في' or 'هذا') → the coming one, strictly after ("الجمعة" said on a Friday is next
  Friday: how a speaker, and Duckling, reads it); otherwise — a weekday inside a news sentence,
  "يوم الأربعاء" (the newswire formula for when something happened), or a Persian, Urdu or
  English weekday — the last such day on or before the reference (news reports the past). A weekday
  read that way takes the day of the same weekday named elsewhere in the text with a direction
  word or a full date, when those agree on one day: a headline's "… الإثنين" is the text's
  "الإثنين المقبل".
* "ثلاثاء الأسبوع الفائت" is that weekday in the week before the reference's (weeks start on
  Monday); "الأسبوع الجاي/هذا الأسبوع" likewise.
* Nth weekday of a month: "ثالث ثلاثاء من أيلول 2014", "الاثنين الأخير من شهر ثلاثة", "آخر اثنين
  من الشهر القادم", "آخر يوم بشهر عشرة" (-1 is the last). A month named without a year is the
  reference's year's; "الشهر القادم/الماضي" counts from the reference's month.
* Urdu "کل" (yesterday *or* tomorrow) and "پرسوں" (two days either way) are read by the tense of
  their sentence: future endings (گا/گی/گے) → forward, past auxiliaries (تھا/گیا/کیا …) → back; no
  tense evidence → no value. They count only in text with Urdu letters (Persian/Arabic کل = "all").
* A day and month without a year ("في 5 مارس") take the year that puts them nearest the reference
  (a weekday named beside them chooses among the candidate years; "الماضي/المقبل/الجاري" steer it).
* "6 من الشهر نفسه" is day 6 of the reference's month (its Jalali month for Persian phrases).
"""
from __future__ import annotations

from khabar.document.dates.finding import find_dates, parse_date
from khabar.document.dates.mentions import date_mentions
from khabar.document.dates.publication import publication_date
from khabar.document.dates.records import (
    CALENDARS,
    NO_DATE,
    PRECISIONS,
    DateDataError,
    DateFinding,
    DateMention,
)

__all__ = [
    "CALENDARS",
    "NO_DATE",
    "PRECISIONS",
    "DateDataError",
    "DateFinding",
    "DateMention",
    "date_mentions",
    "find_dates",
    "parse_date",
    "publication_date",
]
