"""Exact-day accuracy of khabar.parse_date beside dateparser, in the same run.

Run from the repository root:

    .venv/bin/python bench/eval_dates.py

Datasets (read from ../shared/corpora/dates/, never copied into the repository):

* duckling_dev.jsonl — kind ``datetime`` only, the date part of ``value`` against the date of
  ``reference_time``; intervals and holidays are counted and left out. Reported per language and
  per grain class (``day`` = Day grain; ``time`` = Hour/Minute/Second, whose date is the reference
  day; ``week/month/year`` = coarser grains, which name no single day).
* dateparser_cases.jsonl — the cases that carry a date: relative phrases (``ago`` against a fixed
  reference), Hijri datetimes, Jalali dates, Arabic translations (expected date read from the
  English side), search-and-parse lists. Cases that test tokenisers or tables are counted as
  skipped.
* ar_timeml_silver.jsonl — DATE timexes whose value is a full day; relative ones are resolved
  against the document's "اليوم" timex when it has one, else skipped.
* our own hand-written expressions (below): Hijri, Jalali, dual datelines, Urdu, Levantine,
  Maghrebi, Egyptian, numeric, relative (ar/fa/ur), spoken Arabic (nth weekday of a month, months
  by number, the weekday of last/next week), and texts that must give no date (a month and year
  names no single day: parse_date gives None, find_dates gives it at month precision).

Also printed: how often a Hijri or Jalali year is returned as a Gregorian year (must be 0 for
khabar).
"""
from __future__ import annotations

import datetime as dt
import json
import re
import sys
import time
import warnings
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from khabar.document.dates import find_dates, parse_date

SHARED = Path("../shared/corpora/dates")
FIXED_REFERENCE = dt.date(2015, 6, 15)
HAND_REFERENCE = dt.date(2020, 3, 23)  # a Monday

# (kind, text, expected ISO date or None); relative ones resolve against HAND_REFERENCE.
HAND: list[tuple[str, str, str | None]] = [
    ("hijri", "25 شوال 1436 هـ", "2015-08-10"),
    ("hijri", "١٤ رمضان ١٤٤١هـ", "2020-05-07"),
    ("hijri", "1 /11 /1436هـ", "2015-08-16"),
    ("hijri", "الأحد 3 ذو الحجة 1440 هـ", "2019-08-04"),
    ("hijri", "15 ربيع الأول 1445", "2023-09-30"),
    ("hijri", "غرة محرم 1442 هـ", "2020-08-20"),
    ("hijri", "1436/10/15 هـ", "2015-07-31"),
    ("hijri", "٢٠ جمادى الآخرة ١٤٤٣ هـ", "2022-01-23"),
    ("hijri", "14 ذي الحجة 1440ه", "2019-08-15"),
    ("dual", "25 شوال 1436 هـ الموافق 10 أغسطس 2015 م", "2015-08-10"),
    ("dual", "الثلاثاء 26 شوال 1436هـ الموافق 11 أغسطس 2015م", "2015-08-11"),
    ("dual", "10 أغسطس 2015م الموافق 25 شوال 1436هـ", "2015-08-10"),
    ("dual", "۲۰ مهر ۱۳۹۵ برابر با ۱۱ اکتبر ۲۰۱۶", "2016-10-11"),
    ("dual", "5 رمضان 1441 (28 أبريل 2020)", "2020-04-28"),
    ("jalali", "۲۰ مهر ۱۳۹۵", "2016-10-11"),
    ("jalali", "1395/07/20", "2016-10-11"),
    ("jalali", "۱۳۹۹/۰۱/۰۳", "2020-03-22"),
    ("jalali", "شنبه ۱۲ فروردین ۱۴۰۲", "2023-04-01"),
    ("jalali", "اول فروردین ۱۴۰۰", "2021-03-21"),
    ("jalali", "27 آذر 97", "2018-12-18"),
    ("jalali", "۱۵ خرداد ۱۳۴۲ ه‍.ش", "1963-06-05"),
    ("jalali", "26/12/1358", "1980-03-16"),
    ("jalali", "دوم خرداد 76", "1997-05-23"),
    ("jalali", "بیست و دوم بهمن ۱۳۵۷", "1979-02-11"),
    ("urdu", "12 ستمبر 2017", "2017-09-12"),
    ("urdu", "یکم اکتوبر 2019", "2019-10-01"),
    ("urdu", "18 دسمبر2018ء", "2018-12-18"),
    ("urdu", "۲۳ مارچ ۲۰۲۰", "2020-03-23"),
    ("urdu", "اتوار 5 جنوری 2020", "2020-01-05"),
    ("urdu", "30 ستمبر 2018ء کو", "2018-09-30"),
    ("urdu", "14 اگست 1947", "1947-08-14"),
    ("levantine", "12 أيلول 2017", "2017-09-12"),
    ("levantine", "الاثنين 18 شباط 2013", "2013-02-18"),
    ("levantine", "1 كانون الثاني 2020", "2020-01-01"),
    ("levantine", "٣ تشرين الأول ٢٠١٩", "2019-10-03"),
    ("levantine", "15 آب 2014", "2014-08-15"),
    ("levantine", "25 يناير (كانون الثاني) 2015", "2015-01-25"),
    ("levantine", "29 نيسان 2021", "2021-04-29"),
    ("maghrebi", "12 جانفي 2019", "2019-01-12"),
    ("maghrebi", "3 جويلية 2019", "2019-07-03"),
    ("maghrebi", "14 أوت 2018", "2018-08-14"),
    ("maghrebi", "5 فيفري 2020", "2020-02-05"),
    ("maghrebi", "10 دجنبر 2019", "2019-12-10"),
    ("maghrebi", "1 غشت 2017", "2017-08-01"),
    ("maghrebi", "20 شتنبر 2016", "2016-09-20"),
    ("msa", "٢٣ مارس ٢٠٢٠", "2020-03-23"),
    ("msa", "7 يونيه 2015", "2015-06-07"),
    ("msa", "الأحد 5 يوليه 2015", "2015-07-05"),
    ("msa", "الرياض 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس", "2015-08-10"),
    ("numeric", "First Published: 2017-09-12", "2017-09-12"),
    ("numeric", "12/09/2017", "2017-09-12"),
    ("numeric", "Published on September 12, 2017", "2017-09-12"),
    ("numeric", "12.09.2017", "2017-09-12"),
    ("numeric", "٢٠٢٠/٠٣/٢٣", "2020-03-23"),
    ("relative_ar", "اليوم الاثنين", "2020-03-23"),
    ("relative_ar", "أمس", "2020-03-22"),
    ("relative_ar", "أمس الأول", "2020-03-21"),
    ("relative_ar", "غداً", "2020-03-24"),
    ("relative_ar", "بعد غد", "2020-03-25"),
    ("relative_ar", "منذ يومين", "2020-03-21"),
    ("relative_ar", "منذ 3 أيام", "2020-03-20"),
    ("relative_ar", "الخميس الماضي", "2020-03-19"),
    ("relative_ar", "الأحد المقبل", "2020-03-29"),
    ("relative_ar", "في 5 مارس", "2020-03-05"),
    ("relative_ar", "اعتبارا من 6 من الشهر نفسه", "2020-03-06"),
    ("relative_ar", "أمس الأحد", "2020-03-22"),
    ("relative_fa", "روز گذشته", "2020-03-22"),
    ("relative_fa", "دیروز", "2020-03-22"),
    ("relative_fa", "پریروز", "2020-03-21"),
    ("relative_fa", "فردا", "2020-03-24"),
    ("relative_fa", "۳ روز پیش", "2020-03-20"),
    ("relative_fa", "امروز دوشنبه", "2020-03-23"),
    ("relative_ur", "گزشتہ روز", "2020-03-22"),
    ("relative_ur", "اتوار کے دن", "2020-03-22"),
    ("relative_ur", "کل وزیراعظم نے خطاب کیا", "2020-03-22"),
    ("relative_ur", "پرسوں میچ کھیلا جائے گا", "2020-03-25"),
    ("relative_ur", "آج", "2020-03-23"),
    ("spoken_ar", "ثاني خميس من نيسان 2019", "2019-04-11"),
    ("spoken_ar", "الجمعة الأخيرة من شهر أيار 2021", "2021-05-28"),
    ("spoken_ar", "أول أحد من الشهر الجاي", "2020-04-05"),
    ("spoken_ar", "آخر يوم بشهر اتناش سنة 2019", "2019-12-31"),
    ("spoken_ar", "الخامس من شهر سبعة", "2020-07-05"),
    ("spoken_ar", "نص شهر اربعة", "2020-04-15"),
    ("spoken_ar", "بداية شهر 5", "2020-05-01"),
    ("spoken_ar", "أول امبارح", "2020-03-21"),
    ("spoken_ar", "اليوم اللي قبل امبارح", "2020-03-21"),
    ("spoken_ar", "خميس الأسبوع الماضي", "2020-03-19"),
    ("spoken_ar", "الأحد من الأسبوع الجاي", "2020-04-05"),
    ("spoken_ar", "هذا الأربعاء", "2020-03-25"),
    ("jalali", "۱۲خردادماه ۱۳۷۷", "1998-06-02"),
    ("none", "2/2013", None),
    ("none", "6 كم شمالي الطريق", None),
    ("none", "الساعة 3 صباحا", None),
    ("none", "مارس 2020", None),
    ("none", "1436 هـ", None),
    ("none", "کل کشور", None),
    ("none", "سال ۱۳۹۵", None),
]
HIJRI_JALALI_KINDS = {"hijri", "jalali", "dual"}


def _dateparser() -> Callable[[str, dt.date | None, str | None], dt.date | None]:
    warnings.filterwarnings("ignore")
    import dateparser  # noqa: PLC0415 - a peer measured here, not a khabar dependency

    def parse(text: str, reference: dt.date | None, lang: str | None) -> dt.date | None:
        settings = {"RELATIVE_BASE": dt.datetime.combine(reference or FIXED_REFERENCE, dt.time(12))}
        try:
            result = dateparser.parse(text, languages=[lang] if lang else None, settings=settings)
        except Exception:  # noqa: BLE001 - a peer's crash counts as a miss
            return None
        return result.date() if result else None

    return parse


def _khabar(text: str, reference: dt.date | None, lang: str | None) -> dt.date | None:
    return parse_date(text, reference)


class Tally:
    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])  # n, khabar, peer
        self.calendar_as_gregorian = [0, 0]

    def add(self, dataset: str, kind: str, ok_khabar: bool, ok_peer: bool) -> None:
        row = self.rows[(dataset, kind)]
        row[0] += 1
        row[1] += ok_khabar
        row[2] += ok_peer

    def print(self) -> None:
        print(f"{'dataset':<22}{'kind':<24}{'n':>5}{'khabar':>9}{'dateparser':>12}")
        for (dataset, kind), (n, k, p) in sorted(self.rows.items()):
            print(f"{dataset:<22}{kind:<24}{n:>5}{k / n:>9.2f}{p / n:>12.2f}")


def _iso(value: str) -> dt.date:
    return dt.date.fromisoformat(value[:10])


def eval_duckling(tally: Tally, peer, rows: list[dict]) -> None:
    skipped: dict[str, int] = defaultdict(int)
    for r in rows:
        if r["kind"] != "datetime" or "value" not in r:
            skipped[r["kind"]] += 1
            continue
        grain = r["grain"].lower()
        grain_class = "day" if grain == "day" else "time" if grain in ("hour", "minute", "second") else "week/month/year"
        reference = _iso(r["reference_time"])
        try:
            expected = _iso(r["value"])
        except ValueError:  # the corpus holds a few impossible days (e.g. 2013-02-31)
            skipped["invalid value"] += 1
            continue
        tally.add("duckling_dev", f"{r['lang']}:{grain_class}", _khabar(r["text"], reference, None) == expected,
                  peer(r["text"], reference, r["lang"]) == expected)
    print("duckling_dev skipped (intervals/holidays):", dict(skipped))


_EN_DATE = re.compile(r"(\d{1,2}) ([a-z]+) (\d{4})")


def _dateparser_cases(rows: list[dict]) -> tuple[list[tuple[str, str, dt.date | None, dt.date, str | None]], int]:
    """(kind, text, reference, expected, lang) for the cases that carry a date; and the skipped count."""
    cases = []
    skipped = 0
    translations = {}
    for r in rows:
        f, args, kw = r["test_function"], r["args"], r["kwargs"]
        if f == "test_translation" and len(args) == 3:
            m = _EN_DATE.match(args[2])
            if m:
                translations[args[1]] = dt.datetime.strptime(" ".join(m.groups()), "%d %B %Y").date()
    for r in rows:
        f, args, kw = r["test_function"], r["args"], r["kwargs"]
        if f in ("test_relative_past_dates", "test_normalized_relative_dates"):
            ago = kw["ago"]
            if set(ago) - {"days", "weeks"}:
                expected = None  # years/months/hours compound: the date needs month arithmetic, kept
                days = ago.get("days", 0) + 7 * ago.get("weeks", 0)
                year, month = FIXED_REFERENCE.year - ago.get("years", 0), FIXED_REFERENCE.month - ago.get("months", 0)
                if month < 1:
                    year, month = year - 1, month + 12
                expected = dt.date(year, month, FIXED_REFERENCE.day) - dt.timedelta(days=days)
            else:
                expected = FIXED_REFERENCE - dt.timedelta(days=ago.get("days", 0) + 7 * ago.get("weeks", 0))
            cases.append(("relative_ar", args[0], FIXED_REFERENCE, expected, "ar"))
        elif f == "test_datetime_parsing":
            cases.append(("hijri", kw["dt_string"], None, _iso(kw["dt_obj"]["__datetime__"]), "ar"))
        elif f == "test_get_date":
            cases.append(("jalali", kw["date_string"], None, _iso(kw["dt"]["__datetime__"]), "fa"))
        elif f in ("test_translation", "test_search_date_string") and args[0] == "ar" and args[1] in translations:
            cases.append(("gregorian_ar", args[1], None, translations[args[1]], "ar"))
        elif f == "test_freshness_translation" and args[0] == "ar" and re.fullmatch(r"\d+ day ago", args[2]):
            cases.append(("relative_ar", args[1], FIXED_REFERENCE,
                          FIXED_REFERENCE - dt.timedelta(days=int(args[2].split()[0])), "ar"))
        else:
            skipped += 1
    return cases, skipped


def eval_dateparser_cases(tally: Tally, peer, rows: list[dict]) -> None:
    cases, skipped = _dateparser_cases(rows)
    for kind, text, reference, expected, lang in cases:
        ours = _khabar(text, reference, lang)
        theirs = peer(text, reference, lang)
        tally.add("dateparser_cases", kind, ours == expected, theirs == expected)
        if kind in HIJRI_JALALI_KINDS:
            _count_calendar_as_gregorian(tally, ours, theirs)
    # search-and-parse: every date in a sentence (ar, fa)
    for r in rows:
        if r["test_function"] == "test_search_and_parse" and r["args"][0] in ("ar", "fa"):
            text, expected_list = r["args"][1], r["args"][2]
            expected = {_iso(v["__datetime__"]) for _, v in expected_list}
            found = {f.value for f in find_dates(text) if f.value is not None}
            tally.add("dateparser_cases", "search_and_parse", found == expected, _peer_search(text, r["args"][0]) == expected)
    print("dateparser_cases skipped (tokeniser/table tests, Hebrew):", skipped)


def _peer_search(text: str, lang: str) -> set[dt.date]:
    from dateparser.search import search_dates  # noqa: PLC0415 - the peer, measured here

    settings = {"RELATIVE_BASE": dt.datetime(2000, 1, 1)}
    try:
        return {d.date() for _, d in search_dates(text, languages=[lang], settings=settings) or []}
    except Exception:  # noqa: BLE001 - a peer's crash counts as a miss
        return set()


def eval_timeml(tally: Tally, peer, rows: list[dict]) -> None:
    full_day = re.compile(r"^\d{4}-\d{2}-\d{2}$")
    for r in rows:
        dct = next((_iso(t["value"]) for t in r["timexes"] if t["text"].strip() in ("اليوم",)
                    and full_day.match(t["value"])), None)
        for t in r["timexes"]:
            if t["type"] != "DATE" or not full_day.match(t["value"]):
                continue
            expected = _iso(t["value"])
            absolute = bool(re.search(r"\d{4}", t["text"]))
            if not absolute and dct is None:
                tally.add("ar_timeml_silver", "relative(no DCT)-skipped", False, False)
                continue
            reference = None if absolute else dct
            kind = "absolute" if absolute else "relative/partial"
            tally.add("ar_timeml_silver", kind, _khabar(t["text"], reference, "ar") == expected,
                      peer(t["text"], reference, "ar") == expected)


def _count_calendar_as_gregorian(tally: Tally, ours: dt.date | None, theirs: dt.date | None) -> None:
    if ours is not None and 1300 <= ours.year <= 1500:
        tally.calendar_as_gregorian[0] += 1
    if theirs is not None and 1300 <= theirs.year <= 1500:
        tally.calendar_as_gregorian[1] += 1


def eval_hand(tally: Tally, peer) -> None:
    for kind, text, expected_iso in HAND:
        expected = _iso(expected_iso) if expected_iso else None
        reference = HAND_REFERENCE
        ours = _khabar(text, reference, None)
        theirs = peer(text, reference, None)
        tally.add("hand_written", kind, ours == expected, theirs == expected)
        if kind in HIJRI_JALALI_KINDS:
            _count_calendar_as_gregorian(tally, ours, theirs)
        if ours != expected:
            print(f"  khabar miss [{kind}] {text!r}: got {ours}, expected {expected}")


def _read(name: str) -> list[dict]:
    with open(SHARED / name, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main() -> int:
    if not SHARED.is_dir():
        print("../shared/corpora/dates not present: nothing to evaluate (run from the repository root "
              "with ../shared beside it).")
        return 0
    t0 = time.perf_counter()
    peer = _dateparser()
    tally = Tally()
    eval_duckling(tally, peer, _read("duckling_dev.jsonl"))
    eval_dateparser_cases(tally, peer, _read("dateparser_cases.jsonl"))
    if (SHARED / "ar_timeml_silver.jsonl").exists():
        eval_timeml(tally, peer, _read("ar_timeml_silver.jsonl"))
    eval_hand(tally, peer)
    print()
    tally.print()
    print()
    hand = [v for (d, _), v in tally.rows.items() if d == "hand_written"]
    n, k, p = (sum(col) for col in zip(*hand))
    print(f"hand_written overall: n={n} khabar={k / n:.3f} dateparser={p / n:.3f}")
    print(f"Hijri/Jalali year returned as Gregorian: khabar={tally.calendar_as_gregorian[0]} "
          f"dateparser={tally.calendar_as_gregorian[1]}")
    print(f"({time.perf_counter() - t0:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
