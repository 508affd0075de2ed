"""Whose a report is: whether two reports' parties can be one happening's (``khabar.corpus.compare``
asks). A meeting is its parties: two of one host with two guests are two meetings, whether the guests
are named, named by post and country ("سفير ميانمار"), or named in one report and never mentioned in
the other; a match of national teams is its two sides. Undated reports of other kinds are anchored by
the known parties they share (``known_parties``), and a town anchors no two whose known parties differ.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from itertools import chain
from typing import TYPE_CHECKING

from khabar.corpus import story
from khabar.corpus.days import SURE_DATE_SOURCES
from khabar.corpus.places import Hierarchy
from khabar.corpus.units import MEETING_TYPES, Unit
from khabar.document.entities import CANDIDATE_PREFIX
from khabar.document.event_roles import PHRASE_ENDS
from khabar.text.normalize import fold

if TYPE_CHECKING:
    from khabar.corpus.reading import Context

_CANDIDATE_ITEM = "e:" + CANDIDATE_PREFIX  # a name the gazetteer lacks, as a profile's item
SIDED_TYPES = frozenset({"match", "draw"})  # happenings of two sides (``sides``)
_WORD = re.compile(r"\S+")


def known_parties(unit: Unit) -> frozenset[str]:
    """The parties an undated report is anchored by, with the country of its place
    (``compare.PARTY_STORY_JOIN``): its participants the gazetteer knows (a "cand:" name is often one of them
    spelled again), when it has a place and is no meeting (a host meets many)."""
    if unit.place is None or unit.event_type in MEETING_TYPES:
        return frozenset()
    return frozenset(p for p in unit.participants if not p.startswith(CANDIDATE_PREFIX))


def participants_ok(a: Unit, b: Unit, shared: set[str]) -> bool:
    """The parties define a meeting or a call; for other types a report may name other actors
    (the condemning ministry, the agency), so different names do not keep reports apart. Two names
    the gazetteer lacks that share a name ("احمد عبيد" after a title, "أحمد بن دغر" read as a lineage)
    may be one man's, and count as shared."""
    if not a.participants or not b.participants or a.event_type not in MEETING_TYPES:
        return True
    spelled = {p for p in a.participants if p.startswith(CANDIDATE_PREFIX) and p not in shared
               and any(_one_name(p, q) for q in b.participants if q not in shared)}
    return len(shared) + len(spelled) >= min(2, len(a.participants), len(b.participants))


_LINEAGE = frozenset({"بن", "ابن", "ال", "بنت", "عبد"})  # folded: words of many names, no one's


def _one_name(p: str, q: str) -> bool:
    """Whether two names the gazetteer lacks may be one man's: the same given name ("احمد عبيد" after a
    title, "احمد بن دغر" as a lineage) or the same family name. A father's name is no given name: "صالح
    بن سليمان الوهيبي" and "منصور بن صالح الخنيزان", two guests of one emir, are two men ("بن", "آل" are
    no one's name)."""
    if not (p.startswith(CANDIDATE_PREFIX) and q.startswith(CANDIDATE_PREFIX)):
        return False
    wp, wq = ([w for w in n[len(CANDIDATE_PREFIX):].split("-") if w not in _LINEAGE] for n in (p, q))
    return bool(wp and wq) and (wp[0] == wq[0] or wp[-1] == wq[-1])


def sideless_match(unit: Unit, member: Unit, ctx: Context) -> bool:
    """Two reports of a match neither names the sides of: their town is as often a club read as a
    city ("برشلونة الاسباني وروما الايطالي", "روما الإيطالي على مضيفه فالنسيا": Rome twice)."""
    return unit.event_type in SIDED_TYPES and not (sides(unit, ctx) or sides(member, ctx))


def sides(unit: Unit, ctx: Context) -> frozenset[str]:
    """The countries a match's windows name (``Hierarchy.is_top``): its sides, when national teams play."""
    return frozenset(p for p in unit.places | set(unit.affiliations) if ctx.places.is_top(p))


def other_sides(unit: Unit, member: Unit, ctx: Context) -> bool:
    """Two matches of national teams: each report names two countries or more, and they share at
    most one (Pakistan's matches with two opponents); or of clubs: each names two clubs the gazetteer
    knows (``Lexicon.clubs``) and they share at most one (al-Hilal against al-Ain, and against Foolad)."""
    a, b = sides(unit, ctx), sides(member, ctx)
    clubs = ctx.lexicon.clubs
    clubs_a, clubs_b = clubs.intersection(unit.participants), clubs.intersection(member.participants)
    return ((len(a) >= 2 and len(b) >= 2 and len(a & b) < 2)
            or (len(clubs_a) >= 2 and len(clubs_b) >= 2 and len(clubs_a & clubs_b) < 2))


def played_apart(a: frozenset[str], b: frozenset[str], divisions: tuple[frozenset[str], ...]) -> bool:
    """Whether two reports' articles (``Unit.sports``) each name a sport and none in common (a Test's day
    and a junior hockey match, Pakistan and Australia in both, met on "strong shared evidence" 0.23-0.30
    alike), or each name a division of one kind and none in common (``Lexicon.divisions``: the men's and
    the women's hockey events of one Games, whose previews met as "the whole articles tell one story",
    0.42 alike at least, told as a match and as no known kind; one championship's singles and doubles)."""
    if not (a and b):
        return False  # most reports name no sport: asked of every pair compared, this is all they cost
    every = frozenset().union(*divisions)
    return any(x and y and not x & y for x, y in ((a - every, b - every), *((a & k, b & k) for k in divisions)))


def same_parties_met(unit: Unit, member: Unit) -> bool:
    """Two meetings of the same two known parties: the parties make a meeting, and its place is
    often the topic's ("they discussed Deir ez-Zor") or a party's country, so places do not tell them
    apart. Only known people count here: a name not in the gazetteer ("cand:…") is often one of them
    spelled again (the minister and "the minister Adel"), and two of one man are not two parties."""
    return unit.event_type in MEETING_TYPES and len(_known_shared(unit, member)) >= 2


def same_teams(a: Unit, b: Unit) -> bool:
    """Two reports of a match between the same two clubs the gazetteer knows (organisations among both
    participants): the sides make a match, as the parties make a meeting ("مباراة النصر والهلال")."""
    return len(_known_shared(a, b) - a.people) >= 2


def _known_shared(a: Unit, b: Unit) -> set[str]:
    """The participants both reports name that the gazetteer knows (no ``cand:`` name)."""
    return {p for p in set(a.participants) & set(b.participants) if not p.startswith(CANDIDATE_PREFIX)}


def strangers(a: Unit, b: Unit, ctx: Context) -> bool:
    """Whether ``a`` names a person among its participants that ``b``'s whole article never
    mentions (a name the gazetteer lacks is mentioned when the article names one sharing a word of
    it: ``_one_name``). People meet; an organisation near the trigger is often what they talked about ("a
    resolution at the UN")."""
    other = ctx.profiles[b.article_id].weights
    missing = [p for p in a.participants if p in a.people and "e:" + p not in other]
    if not missing:
        return False
    spelled = [q[2:] for q in other if q.startswith(_CANDIDATE_ITEM)]
    return any(not any(_one_name(p, q) for q in spelled) for p in missing)


def hosts(unit: Unit, ctx: Context, holding: bool = False) -> frozenset[str]:
    """The persons a report names first after a verb of receiving (``Lexicon.receiving``), and with
    ``holding`` of holding a meeting or talks (``Lexicon.holding``): after a trigger that is one ("استقبل
    المشرف العام ... الدكتور عبدالله الربيعة اليوم، الأمين العام لهيئة الإغاثة ... إحسان بن صالح طيب"), or
    between one and the noun that names the meeting ("عقد محافظ ينبع بالنيابة خالد بن محمد الغملاس أمس
    اجتماعا مع ..."). Two visits to a host share him, and a visit of days is one happening for the
    visitor its reports share (the visitor holds talks: receiving only); one man's two meetings are two."""
    verbs = _verbs(ctx, unit.lang, holding)
    if not verbs:
        return frozenset()
    found = set()
    for m in unit.mentions:
        if _among(fold(m.trigger), verbs):
            found.add(next((p for p, _ in m.participants if p in unit.people), None))
        elif (at := m.sentence.find(m.trigger)) > 0:  # the trigger's first place in its sentence
            found.add(_convener(m.sentence[:at], verbs, unit))
    return frozenset(p for p in found if p)


def _verbs(ctx: Context, lang: str, holding: bool) -> frozenset[str]:
    """The folded verbs naming a host (``Lexicon.receiving``), with ``holding`` those of holding a meeting too."""
    verbs = ctx.lexicon.receiving.get(lang, frozenset())
    return verbs | ctx.lexicon.holding.get(lang, frozenset()) if holding else verbs


def _among(word: str, verbs: frozenset[str]) -> bool:
    """Whether a folded word is one of these verbs, a conjunction ("و", "ف") before it or not."""
    return word in verbs or (word[:1] in "وف" and word[1:] in verbs)


def _convener(before: str, verbs: frozenset[str], unit: Unit) -> str | None:
    """The person a report names first after the last of these verbs in ``before`` (a meeting noun's
    sentence up to it), if any: who holds the meeting ("عقد وزير الثقافة والإعلام الدكتور عادل الطريفي")."""
    words = list(_WORD.finditer(before))
    start = next((w.end() for w in reversed(words) if _among(fold(w.group()), verbs)), None)
    if start is None:
        return None
    between = before[start:]
    at = [(between.find(s), e) for e, s in unit.named if e in unit.people and s in between]
    return min(at)[1] if at else None


def guest_named_apart(a: Unit, b: Unit, ctx: Context) -> bool:
    """Whether ``a`` names a person ``b``'s whole article never mentions, while ``b`` names no one but
    one person (its host) and none ``a``'s article lacks, both on one day their sentences write out:
    the agency files a bulletin a reception ("استقبل أمير منطقة الرياض في مكتبه بقصر الحكم اليوم"), and
    a host's two bulletins of one day, one naming its guest and one "مجموعة من الرحالة", are two."""
    return (a.date[0] is not None and a.date == b.date and a.date[1] in SURE_DATE_SOURCES and len(b.people) == 1
            and strangers(a, b, ctx) and not strangers(b, a, ctx))


def topics_told(a: Unit, b: Unit, ctx: Context) -> set[str]:
    """The organisations among ``a``'s participants that ``b``'s whole article mentions too: what two
    reports of one meeting say it discussed ("the confrontation with the Houthi rebels") is near the
    trigger in one, further down in the other."""
    other = ctx.profiles[b.article_id].weights
    return {p for p in a.participants if p not in a.people and "e:" + p in other}


def sender_unknown_to(a: Unit, b: Unit, ctx: Context) -> bool:
    """Whether ``a``'s opening names a person the gazetteer knows whom ``b``'s whole article never
    mentions: one template's two issues, the King's cable and the Crown Prince's to the same president."""
    return known_unmentioned(("e:" + p for p in a.people), ctx.profiles[b.article_id].weights)


def known_unmentioned(entities: Iterable[str], other: Mapping[str, float]) -> bool:
    """Whether any of these entity items (``e:…``) the gazetteer knows (no ``cand:`` name) is not
    among another article's items."""
    return any(i not in other and not i.startswith(_CANDIDATE_ITEM) for i in entities)


def guests_apart(a: Unit, b: Unit, places: Hierarchy) -> bool:
    """Whether two meetings of at most one named person each (the host: his guest is named by his
    post and country, "the ambassador of Myanmar") name only other foreign countries."""
    if len(a.people) > 1 or len(b.people) > 1:
        return False
    abroad_a, abroad_b = abroad(a, places), abroad(b, places)
    return bool(abroad_a and abroad_b) and abroad_a.isdisjoint(abroad_b)


def guest_unknown_to(a: Unit, b: Unit, ctx: Context) -> bool:
    """Whether ``a``, a meeting of one named person (the host: his guest is named by post and
    country, "سفير جمهورية اتحاد ميانمار"), names its guest's country, and ``b``'s whole article
    never mentions it: ``b`` tells of another guest (the UN envoy to Yemen and his staff)."""
    if len(a.people) != 1:
        return False
    guests = abroad(a, ctx.places, a.affiliations)
    other = ctx.profiles[b.article_id].weights
    return bool(guests) and all("e:" + p not in other for p in guests)


def abroad(unit: Unit, places: Hierarchy, named: Iterable[str] | None = None) -> frozenset[str]:
    """The top places of the hierarchy (countries, and seas) a meeting's sentences name (``named``:
    by default as places or as whose a guest is, "سفير ميانمار"), other than the one it is held in."""
    home = set(places.chain(unit.place)) if unit.place else set()
    named = unit.places | unit.affiliations if named is None else named
    return frozenset(p for p in named if places.is_top(p) and p not in home)


def other_parties(a: Unit, b: Unit) -> bool:
    """Whether both reports name parties the gazetteer knows, and none in common."""
    pa, pb = known_parties(a), known_parties(b)
    return bool(pa and pb) and pa.isdisjoint(pb)


# words before a speaker's name that may be his title ("نائب رئيس شرطة دبي الفريق ضاحي خلفان"), two posts and
# honorifics long ("رئيس ديوان المظالم رئيس مجلس القضاء الإداري الشيخ الدكتور خالد بن محمد اليوسف": received by
# the Mufti, and chairing a committee two weeks on, his two meetings met on "ديوان المظالم" at 6)
SPEAKER_TITLE_WORDS = 10
# and a host's post after it, to the next comma ("الأمير فيصل بن بندر بن عبدالعزيز أمير منطقة الرياض في مكتب
# سموه بقصر الحكم"): two receptions of the Asir emir, of the Riyadh emir met on it (natural data: 5 wrong
# joined pairs fewer). Not a speaker's: what follows his name is as often what is said of him ("المالكي
# وعدتها تصريحات تغذي التطرف": two bodies condemning his remarks, held-out5)
HOST_POST_WORDS = 10
# two statements (or two meetings of one host) alike enough share at least this much beyond the name
# and title of one man: Dubai's police chief in two statements two weeks apart 0.0; two bodies condemning
# one man's remarks 0.08
BEYOND_SPEAKER_JOIN = 0.05


def beyond_one_man(unit: Unit, member: Unit, likeness: float, shared: Iterable[str],
                   compared: tuple[story.Weighted, story.Weighted], ctx: Context, normal: bool) -> float:
    """How alike two reports are without what they share only because one man speaks in both, or
    receives in both: his name and the title before it ("نائب رئيس شرطة دبي ضاحي خلفان", "استقبل وزير
    الإسكان ماجد الحقيل"), and a host's post after it, wherever their windows write it. Of a statement
    (no ``normal`` type) that man is anyone one report names and the other's words hold; of a meeting,
    its host or whoever holds it (``hosts``), and with him the words naming any meeting (its triggers, the
    verbs of receiving and holding: "عقد ... اجتماعا", "ناقش"). Dubai's police chief denying he attacked the
    King and, two weeks on, attacking the Houthis in a tweet share him and nothing else; two papers' reports
    of one statement share what he said; a minister's receptions of two guests, or a governor's two
    meetings, share him."""
    meeting = unit.event_type in MEETING_TYPES
    whose = hosts(unit, ctx, holding=True) | hosts(member, ctx, holding=True) if meeting else None  # None: anyone
    if (meeting and not whose) or (not meeting and normal):
        return likeness
    a, b = compared
    names = {s for u in (unit, member) for e, s in u.named if e in (u.people if whose is None else whose)
             and all("w:" + w in a.weights and "w:" + w in b.weights for w in story.name_words(s, u.lang))}
    speaker: set[str] = set()
    if meeting:  # and the words naming any meeting ("عقد ... اجتماعا", "ناقش"), which every meeting shares
        triggers = [m.trigger for u in (unit, member) for m in u.mentions]
        speaker |= story.text_items(" ".join(chain(triggers, _verbs(ctx, unit.lang, holding=True))), unit.lang)
    for u in (unit, member):
        for window in set(u.windows):
            for name in names:
                if (at := window.find(name)) >= 0:
                    post = PHRASE_ENDS.split(window[at + len(name):], maxsplit=1)[0] if meeting else ""
                    title = " ".join(window[:at].split()[-SPEAKER_TITLE_WORDS:] + post.split()[:HOST_POST_WORDS])
                    speaker |= story.text_items(title + " " + name, u.lang)
                    speaker |= {"e:" + e for e, s in u.named if s in title or s == name}
    told = sum(a.weights[i] * b.weights[i] for i in shared if i in speaker)
    return likeness - told / ((a.norm * b.norm) or 1.0)
