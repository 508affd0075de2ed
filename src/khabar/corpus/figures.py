"""What the figures two reports share tell of them (read by ``khabar.corpus.compare``): a rare number
beside both triggers is one happening's own count ("431" arrests); two whole articles that give one
number hardly any news gives tell one story (``story_figures``), and so do two that give one planet's
catalogue number ("Kepler-452b", "كبلر-452 بي") in places that agree (``names_one_thing``)."""
from __future__ import annotations

from collections.abc import Iterable

from khabar.corpus.reading import Context
from khabar.corpus.units import Unit, places_compatible
from khabar.document.dates.calendars import bare_year

# a number this rare (about 1 in 400 documents: "431" arrests; not a year, not "15" dead) told beside
# the triggers of two reports of one type is one happening's own count (``compare._shared_figures``)
FIGURE_MIN_IDF = 6.0
# two whole articles of no known type that give one number hardly any news gives (a few documents at most
# of the background's 14,700 and the warehouse's together: "۴.۸ میلیارد دلار" of imports never made, a day's 1,297
# deaths, a market index's close at 6271.33) tell one story when they are this alike besides
STORY_FIGURE_MIN_IDF = 8.0
STORY_FIGURE_JOIN = 0.1
# one figure alone, in articles less alike than this, must be one no other story gives by chance
# (``telling``): unrelated pairs in the wild met on "85 مليون", "1.69 مليار", "1080" (a resolution), "1914";
# an index's close ("8821" points) is one session's (natural data undated: wrong joins 59 -> 54 of 67)
STORY_FIGURE_ALONE_JOIN = 0.3
# or alone, of three digits and this alike, when it names one thing (``names_one_thing``): development6's
# two reports of "Kepler-452b", 0.266 alike
STORY_NAME_FIGURE_JOIN = 0.2


def story_figures(unit: Unit, member: Unit, items: Iterable[str], likeness: float, ctx: Context) -> list[str]:
    """The rare figures among the shared ``items`` of two whole articles this alike that make them one
    story (none when they do not): two or more, or one alone in articles STORY_FIGURE_ALONE_JOIN alike,
    or one that tells a story alone (``telling``) or names one thing (``names_one_thing``)."""
    if likeness < STORY_FIGURE_JOIN:
        return []
    rare = rare_numbers(items, ctx, STORY_FIGURE_MIN_IDF)
    if len(rare) == 1 and not (likeness >= STORY_FIGURE_ALONE_JOIN or telling(rare[0])
                               or names_one_thing(rare[0], likeness, unit, member, ctx)):
        return []
    return rare


def telling(figure: str) -> bool:
    """Whether a number item tells one story alone: four significant digits or more ("n:8821", not the
    round "n:85000000"), and no year written as one (``calendars.bare_year``: "1914", Hijri "1434")."""
    digits = figure[2:]
    return len(digits.rstrip("0")) >= 4 and not (len(digits) == 4 and bare_year(int(digits)))


def names_one_thing(figure: str, likeness: float, unit: Unit, member: Unit, ctx: Context) -> bool:
    """Whether a rare figure of three digits, not round, is a name both reports give one thing by (the
    planet "Kepler-452b", found 1,400 light years away), their whole articles STORY_NAME_FIGURE_JOIN alike
    and their places (when both have one) agreeing: MH370's 239 aboard, told of its debris on Réunion and
    in the Maldives, is two finds; one bank's 313 in its annual report and in a quarter's loans, 0.128
    alike, is two reports."""
    digits = figure[2:]
    return (len(digits) == 3 and not digits.endswith("0") and likeness >= STORY_NAME_FIGURE_JOIN
            and not (unit.place and member.place and not places_compatible(unit, member, ctx.places)))


def rare_numbers(items: Iterable[str], ctx: Context, min_idf: float) -> list[str]:
    """The number items among ``items`` at least as rare as ``min_idf``, in order."""
    return sorted(i for i in items if i.startswith("n:") and ctx.rarity.idf(i) >= min_idf)
