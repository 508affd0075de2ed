"""Reactions told by their titles: "واکنش ظریف به اظهارات ترامپ" (Zarif's reaction to Trump's remarks)
names, after its "to", what the article reacts to; a report of that, or another reaction to it, is one
happening with it (``khabar.corpus.compare``)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from khabar.corpus import story
from khabar.text.normalize import fold

if TYPE_CHECKING:
    from khabar.corpus.reading import Context
    from khabar.corpus.units import Unit

# a title's parts: "واکنش ترامپ به ... | گرین کارتی‌ها ...", "واکنش ظریف به ترامپ: در امور ..."
_PARTS = re.compile(r"[|:؛!?؟\n]")
_REACTION = {"fa": re.compile(r"(?:^| )واکنش(?:ها)? (?:\S+ ){0,8}?به (.+)$")}
# what was said, not what it was about: "واکنش ظریف به اظهارات ترامپ" and "واکنش علی مطهری به اظهارات
# اردشیر زاهدی" share "remarks" and nothing else
_UTTERANCE_WORDS = {"fa": ("اظهارات", "سخنان", "ادعای", "گزارش", "خبر", "تهدید", "تهدیدات", "انتقادات", "پیشنهاد",
                           "ایده", "توییت", "توئیت", "نامه", "بیانیه", "مواضع", "روایت")}
REACTED_MIN_ITEMS = 2  # what a reaction is to is named by this many rare words or numbers in common
REACTED_MIN_IDF = 5.0  # rarer than about 1 in 150 documents


def reacted_to(title: str | None, lang: str) -> frozenset[str]:
    """The word and number items of what a title's reaction is to (after its "to"), or none."""
    pattern = _REACTION.get(lang)
    if pattern is None or not title:
        return frozenset()
    for part in _PARTS.split(title):
        m = pattern.search(fold(part))
        if m:
            return frozenset(story.text_items(m.group(1), lang)) - _utterances(lang)
    return frozenset()


@lru_cache(maxsize=None)  # a language or two
def _utterances(lang: str) -> frozenset[str]:
    return frozenset("w:" + story.word_key(fold(w), lang) for w in _UTTERANCE_WORDS.get(lang, ()))


def title_items(unit: Unit) -> frozenset[str]:
    """The word and number items of the unit's article's title."""
    return frozenset(story.text_items(unit.title, unit.lang)) if unit.title else frozenset()


def filed_under(unit: Unit, ctx: Context) -> frozenset[str]:
    """The items a unit is filed under where titles say what they react to: its title's rare ones, and
    what it reacts to (another reaction to the same finds it)."""
    if unit.lang not in _REACTION:
        return frozenset()
    return frozenset(i for i in title_items(unit) | unit.reacts_to if ctx.rarity.idf(i) >= REACTED_MIN_IDF)


def reacted_in_common(unit: Unit, member: Unit, ctx: Context) -> tuple[str, ...]:
    """The rare items what one report reacts to shares with the other's title or with what the other
    reacts to: ``REACTED_MIN_ITEMS`` of them, or none."""
    if unit.lang != member.lang or not (unit.reacts_to or member.reacts_to):
        return ()
    shared: set[str] = set()
    for a, b in ((unit, member), (member, unit)):
        if a.reacts_to:
            shared |= a.reacts_to & (title_items(b) | b.reacts_to)
    rare = tuple(sorted(i for i in shared if ctx.rarity.idf(i) >= REACTED_MIN_IDF))
    return rare if len(rare) >= REACTED_MIN_ITEMS else ()
