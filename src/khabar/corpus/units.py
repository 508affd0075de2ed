"""An article's mentions of one type that report one happening: a *unit*, the thing clustering
compares across articles.

Mentions of a type naming the same people are one unit wherever each sentence puts it; a mention
naming no one ("the meeting", "they discussed") belongs to the latest unit of its type unless it
names another place. A unit's place is its first mention's, made more specific by a later mention
inside it (Asir, then Abha); places are compared in the hierarchy (``khabar.corpus.places``) and, for
places the hierarchy does not know, by whether one report's sentences name the other's place.
A unit told in the article's opening (``lead``) is what the article reports; one that starts further
down recalls another happening (the bombing that preceded today's air strikes) and is not grouped
with other articles.
"""
from __future__ import annotations

import bisect
import dataclasses
import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from khabar.corpus.affiliation import affiliation
from khabar.corpus.days import dateline_day
from khabar.corpus.places import Hierarchy
from khabar.corpus.reactions import reacted_to
from khabar.corpus.terms import terms_in
from khabar.document.event_recall import press_review_lead, recalled
from khabar.document.event_roles import condemned
from khabar.document.events import (
    DATE_SOURCES,
    ArticleInput,
    EventMention,
    load_lexicon,
    mention_window,
    opening_end,
    visit,
)
from khabar.text.normalize import fold, has_arabic_article
from khabar.text.sentences import sentence_spans, span_of

MEETING_TYPES = frozenset({"meeting", "call"})  # the parties make the happening
# a condemnation often names the happening only as "the terrorist incident", "the criminal act": such a
# report is compared with reports of any violent kind as with its own (``compare.kin``)
UNNAMED_ASSAULT = "incident"
ASSAULTS = frozenset({"attack", "bombing", "shelling", "airstrike", "kidnapping"})
VIOLENT = ASSAULTS | {UNNAMED_ASSAULT}  # an assault, named by its kind or only as such
TERMED_TYPES = frozenset({"verdict"})  # a verdict's terms in years are the same in every report of it
_SPACE = re.compile(r"\s+")


@dataclass
class Unit:
    article_id: str
    lang: str
    event_type: str
    reference: datetime.date | None
    mentions: list[EventMention]
    participants: dict[str, str] = field(default_factory=dict)
    place: str | None = None
    places: set[str] = field(default_factory=set)
    # places its windows name as whose someone is, not where ("سفير ميانمار", "طريق الرياض"): see affiliation
    affiliations: set[str] = field(default_factory=set)
    windows: list[str] = field(default_factory=list)  # the text around each trigger
    named: set[tuple[str, str]] = field(default_factory=set)  # (entity id, surface) in those windows
    people: set[str] = field(default_factory=set)  # the entity ids of persons in those windows
    weekdays: set[int] = field(default_factory=set)  # weekdays its mentions name (0 = Monday)
    # terms in years its sentences name ("9 years in prison"); read for TERMED_TYPES only, the types
    # whose reports are told apart by them
    terms: set[int] = field(default_factory=set)
    lead: bool = True  # told in the article's opening: what it reports, not what it recalls further down
    # the types of its article's lead units: what the article reports, as kinds of happening
    told_as: frozenset[str] = frozenset()
    lasting: bool = False  # told as a happening of several days (a visit): see ``Lexicon.lasting``
    # the (month, day) its article's dateline writes without a year ("کراچی ۔16 ستمبر (اے پی پی)"):
    # see ``khabar.corpus.days.dateline_day``
    dateline: tuple[int, int] | None = None
    title: str | None = None  # its article's title, as ``headline_key`` reads any title
    sports: frozenset[str] = frozenset()  # the sports its article's title and opening name (``Lexicon.sports_named``)
    homed: bool = False  # it names no place of its own, and is put where its article is (``main_place``)
    # a verb of condemning before its first lead trigger ("دان مجلس الوزراء البحريني التفجير"): its
    # publication line dates the words, not the happening (``khabar.corpus.days.sure_days_apart``)
    reacted: bool = False
    # what its article's title says it reacts to ("واکنش X به Y": Y's items; ``khabar.corpus.reactions``)
    reacts_to: frozenset[str] = frozenset()

    @property
    def headline(self) -> str | None:
        """Its article's title when long enough to be one story's name (``headline_key``)."""
        return self.title if self.title and len(self.title.split()) >= HEADLINE_MIN_WORDS else None

    @property
    def first_mention_id(self) -> str:
        return min(m.mention_id for m in self.mentions)

    @property
    def key(self) -> tuple[datetime.date, bool, str]:
        """The clustering order: by day; on a day (or undated), reports that name a weekday first, so
        that one naming none chooses among events whose weekdays are known (an undated report of
        Tuesday's arrests would otherwise found or join Friday's, whichever came first, and keep
        Tuesday's out)."""
        return (self.reference or datetime.date.max, not self.weekdays, self.first_mention_id)

    @property
    def date(self) -> tuple[datetime.date | None, str]:
        for source in DATE_SOURCES:
            for m in self.mentions:
                if m.date_source == source and m.event_date is not None:
                    return m.event_date, source
        return None, "none"

    def add(self, m: EventMention, window: Window, places: Hierarchy) -> None:
        self.mentions.append(m)
        for eid, role in m.participants:
            self.participants.setdefault(eid, role)
        nearest = None if m.location_entity_id in window.affiliations else m.location_entity_id
        where = _where(nearest, window.places, places)
        if self.place is None:
            self.place = where
        elif where is not None and where != self.place and self.place in places.chain(where):
            self.place = where  # Asir, then Abha: the town inside the region
        self.places |= window.places
        self.affiliations |= window.affiliations
        self.windows.append(window.text)
        self.named |= window.named
        self.people |= window.people
        self.weekdays |= window.weekdays
        self.terms |= window.terms

    def absorb(self, other: Unit) -> None:
        self.mentions.extend(other.mentions)
        for eid, role in other.participants.items():
            self.participants.setdefault(eid, role)
        self.place = self.place or other.place
        self.places |= other.places
        self.affiliations |= other.affiliations
        self.windows.extend(other.windows)
        self.named |= other.named
        self.people |= other.people
        self.weekdays |= other.weekdays
        self.terms |= other.terms


@dataclass(frozen=True)
class Window:
    text: str
    places: frozenset[str]
    named: frozenset[tuple[str, str]]
    weekdays: frozenset[int] = frozenset()
    terms: frozenset[int] = frozenset()  # terms in years its text names (``terms_in``), for TERMED_TYPES
    people: frozenset[str] = frozenset()  # the persons among ``named``
    # places named as whose someone or something is, not where ("طفلة سعودية", "وزير خارجية مصر", "طريق الرياض")
    affiliations: frozenset[str] = frozenset()


# a trigger's window naming this many known places none of which holds another lists where a happening
# spread ("أمطارا ... شملت كلا من الدائر والعبدابي وهروب وفيفا والحرث وابو عريش"): it took place in the
# place holding them all (Jazan), not in the one named nearest (development7: the capture of the Al-Anad
# junction "linking Dhale, Aden, Taiz and Lahj", put in one of them, no longer meets Abyan's liberation;
# two places are still a town and the one its wounded were taken to)
LISTED_PLACES = 3


def _where(nearest: str | None, around: frozenset[str], places: Hierarchy) -> str | None:
    """The mention's place: the most specific known place around the trigger (a town over the
    country of a nationality), the nearest one when none is known to the hierarchy; when the window
    lists ``LISTED_PLACES`` or more apart, the most specific place holding them all. A region named
    nearest bounds it: "التفجير ... في منطقة عسير ليتبع سابقيه في تفجيرات القديح" is in Asir, not in
    the town of another region the sentence recalls (development7: a column on the Asir bombing no
    longer placed in Qudaih). A town or a country named nearest does not: a dateline's town ("لاہور")
    before the town of the report's own happening."""
    known = sorted((p for p in around if p in places.parent), key=lambda p: (-places.depth(p), p != nearest, p))
    if known and (nearest is None or nearest in places.parent):
        apart = [p for p in known if not any(p != q and p in places.chain(q) for q in known)]
        if len(apart) >= LISTED_PLACES and (holding := set(places.chain(apart[0])).intersection(
                *(places.chain(p) for p in apart[1:]))):
            return max(holding, key=places.depth)
        if nearest in places.regions:  # the region itself when the window's places do not name it
            return next((p for p in known if nearest in places.chain(p)), nearest)
        return known[0]
    return nearest


def places_compatible(a: Unit, b: Unit, places: Hierarchy) -> bool:
    """Whether the two units' places agree: in the hierarchy, or (for a place it does not know) by
    one unit's sentences naming the other's place."""
    if a.place is None or b.place is None or a.place == b.place:
        return True
    if a.place in places.parent and b.place in places.parent:
        return places.compatible(a.place, b.place)
    return a.place in b.places or b.place in a.places


def places_may_agree(a: Unit, b: Unit, places: Hierarchy) -> bool:
    """Whether the two units' places leave room for one happening. A place the hierarchy does not
    know (a village or a district the gazetteer lacks: "the Warraq district", "the town of Ariha")
    says nothing against a known place unless its own sentences name a known place that does not
    contain or lie in the other's; two unknown places must still be named by one another."""
    if places_compatible(a, b, places):
        return True
    known = a.place in places.parent
    if known == (b.place in places.parent):
        return False
    vague, sure = (b, a) if known else (a, b)
    around = [p for p in vague.places if p in places.parent]
    return all(places.compatible(p, sure.place) for p in around)


def _participants_overlap(a: Unit, b: Unit) -> bool:
    shared = set(a.participants) & set(b.participants)
    if a.event_type in ("meeting", "call"):
        return len(shared) >= min(2, len(a.participants), len(b.participants))
    return bool(shared)


def _weekdays(lang: str, words: Sequence[str]) -> frozenset[int]:
    values = load_lexicon().relative_value.get(lang, {})
    found = (values.get(_SPACE.sub(" ", fold(w))) for w in words)
    return frozenset(n for kind, n in filter(None, found) if kind == "weekday")


def _window(article: ArticleInput, starts: list[int], spans, m: EventMention,
            terms: dict[str, frozenset[int]], places: Hierarchy) -> Window:
    """The text around the mention's trigger and what it names. ``terms`` holds the terms of the
    windows of this article read so far: mentions of one sentence share a window, read once. Only a
    mention of a TERMED_TYPES type has its window's terms read (folding every window is the cost)."""
    lo, hi = mention_window(spans, m.trigger_start, m.trigger_start + len(m.trigger))
    i, j = bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)
    inside = [e for e in article.entities[i:j] if e.end <= hi]
    text = article.body[lo:hi]
    named_terms: frozenset[int] = frozenset()
    if m.event_type in TERMED_TYPES:
        if text not in terms:
            terms[text] = frozenset(terms_in(text))
        named_terms = terms[text]
    located = [e for e in inside if e.entity_type == "location"]
    where = frozenset(e.entity_id for e in located if not affiliation(article, e, places))
    return Window(text, where, frozenset((e.entity_id, e.surface_form) for e in inside),
                  _weekdays(article.lang, m.relative_words), named_terms,
                  frozenset(e.entity_id for e in inside if e.entity_type == "person"),
                  frozenset(e.entity_id for e in located) - where)


def main_place(article: ArticleInput, places: Hierarchy) -> str | None:
    """Where the article is: its most named town or region (first named on a tie), else its most
    named country. Units that name no place of their own, or only a country, are put there."""
    counts: dict[str, int] = {}
    for e in sorted(article.entities, key=lambda e: e.start):
        if e.entity_type == "location" and e.entity_id in places.parent and not affiliation(article, e, places):
            counts[e.entity_id] = counts.get(e.entity_id, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda p: (min(places.depth(p), 1), counts[p]))


def _settle(unit: Unit, home: str | None, places: Hierarchy) -> None:
    if home is not None and (unit.place is None or (unit.place in places.parent and places.depth(unit.place) == 0
                                                    and unit.place in places.chain(home))):
        unit.homed = unit.place is None
        unit.place = home


def _merge_known_parties(units: list[Unit]) -> list[Unit]:
    """A unit that grew ("met Assad", then "Shoigu met Assad and Putin") absorbs a later unit of
    the same parties ("Putin's visit") that it could not recognise when that unit began."""
    kept: list[Unit] = []
    for u in units:
        host = next((k for k in kept if k.event_type == u.event_type and k.participants and u.participants
                     and _participants_overlap(k, u)), None)
        if host is None:
            kept.append(u)
        else:
            host.absorb(u)
    return kept


def units_of_article(article: ArticleInput, mentions: Sequence[EventMention], places: Hierarchy,
                     spans: Sequence[tuple[int, int]] | None = None) -> list[Unit]:
    """The article's units; ``spans``: ``sentence_spans(article.body)`` when the caller has them."""
    spans = sentence_spans(article.body) if spans is None else spans
    units = _merge_known_parties(_units(article, mentions, places, spans))
    home = main_place(article, places)
    opening = _opening(article, mentions, spans)
    visited = _visited_or_tried(units, spans)
    for u in units:
        _settle(u, home, places)
        # told in the opening, and not only as what the report dates itself by ("after the liberation")
        # or as what a visit or a trial is to ("visited the wounded of the bombing", "tried for the bombing")
        u.lead = any(m.trigger_start < opening and m.mention_id not in visited
                     and not _recalled(article, m, spans)
                     for m in u.mentions)
    _told_next(article, units, opening, visited, spans)
    told_as = frozenset(u.event_type for u in units if u.lead)
    lexicon = load_lexicon()
    # a dateline with its year is the publication date, and dates the report as such
    dateline = dateline_day(article.dateline) if article.published_date is None else None
    title = headline_key(article.title, 1)
    sports = lexicon.sports_named((article.title or "") + "\n" + article.body[:opening], article.lang)
    reacts_to = reacted_to(article.title, article.lang)
    for u in units:
        u.told_as = told_as
        u.reacts_to = reacts_to
        u.dateline = dateline
        u.title, u.sports = title, sports
        u.lasting = any(lexicon.lasts_days(m.trigger, u.lang) for m in u.mentions)
        first = min((m.trigger_start for m in u.mentions if m.trigger_start < opening), default=None)
        u.reacted = first is not None and condemned(article.body, article.lang, first, span_of(spans, first)[0])
    _share_weekdays(units)
    # an article's verdict units share their terms; an opening that gives none leaves them to the title
    termed = [u for u in units if u.lead and u.event_type in TERMED_TYPES]
    told = {t for u in termed for t in u.terms} or (terms_in(article.title) if termed and article.title else set())
    for u in termed:
        u.terms = u.terms or set(told)
    return units


def _opening(article: ArticleInput, mentions: Sequence[EventMention], spans: Sequence[tuple[int, int]]) -> int:
    """Where the article's opening ends (``opening_end``); a press review's, where its lead story does."""
    named = [e.start for e in article.entities if e.entity_type != "location"] + [m.trigger_start for m in mentions]
    review = press_review_lead(article.body, spans, named)
    opening = opening_end(spans)
    return opening if review is None else min(opening, review)


def _recalled(article: ArticleInput, m: EventMention, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether the article recalls the mention's happening rather than tells it (``recalled``)."""
    return recalled(article.body, m.trigger_start, m.event_type, article.lang, m.trigger_start + len(m.trigger), spans)


# an opening that tells nothing of its own (a column opening on a verse, "the fighting" in general) may
# tell its happening this far on: the second paragraph's bombing "بمسجد لقوات الطوارئ بالقرب من مدينة أبها"
NEXT_LEAD_CHARS = 600
# a bombing, a crash, "the terrorist incident": rare in one town (``khabar.corpus.compare``), a column's subject
CRASH = "crash"
RARE_IN_ONE_PLACE = frozenset({"bombing", CRASH, UNNAMED_ASSAULT})


def _told_next(article: ArticleInput, units: list[Unit], opening: int, visited: set[str],
               spans: Sequence[tuple[int, int]]) -> None:
    """When the opening names no one and nowhere, and no unit it tells names a place, a party or a day
    (``_concrete``: "قال تعالى ( ومن أظلم ممن منع مساجد الله ... ) ... في القتال"), the first such
    unit of a kind rare in one place told within NEXT_LEAD_CHARS after it, not recalled, is what the
    article reports, in their place."""
    if any(u.lead and _concrete(u) for u in units) or any(e.start < opening for e in article.entities):
        return  # an opening naming someone or somewhere reports its own happening (a visit after the bombing)
    firsts = sorted(((min(u.mentions, key=lambda m: m.trigger_start), u) for u in units),
                    key=lambda pair: pair[0].trigger_start)
    for m, u in firsts:
        if m.trigger_start >= opening + NEXT_LEAD_CHARS:
            return
        if (not u.lead and u.event_type in RARE_IN_ONE_PLACE and _concrete(u) and m.mention_id not in visited
                and not _recalled(article, m, spans)):
            for told in units:  # the opening's empty units were no report of their own
                told.lead = False
            u.lead = True
            return


def _concrete(unit: Unit) -> bool:
    """Whether a unit names where it happened and who took part or which day."""
    return unit.place is not None and bool(unit.participants or unit.date[0] is not None)


HEADLINE_MIN_WORDS = 5  # a title this long is one story's own ("البورصة الكويتية تغلق على تباين" is a template's: dated)
# an agency release in parts repeats its title with the part's number: "إضافة أولى", "إضافة ثانية وأخيرة"
_RELEASE_PART = re.compile(fold("إضافة") + " (?:" + "|".join(fold(w) for w in ("أولى", "ثانية", "ثالثة", "رابعة", "خامسة"))
                           + f")(?: {fold('وأخيرة')})?")


def headline_key(title: str | None, min_words: int = HEADLINE_MIN_WORDS) -> str | None:
    """A title as one story's name: folded, without the number of the release's part; None when
    shorter than ``min_words`` words."""
    if not title:
        return None
    words = _RELEASE_PART.sub(" ", fold(title)).split()
    return " ".join(words) if len(words) >= min_words else None


TRIED_BY = frozenset({"trial"})  # a court's sitting on a happening, which it only recalls


def _visited_or_tried(units: list[Unit], spans: Sequence[tuple[int, int]]) -> set[str]:
    """The mentions of an assault told in a sentence after a visit ("the emir visited those treated for the
    wounds of the bombing") or a trial ("the trial of those accused of the bombing"): what it is to."""
    acts = [m.trigger_start for u in units for m in u.mentions
            if u.event_type in TRIED_BY or visit(u.event_type, m.trigger)]
    told = {m.mention_id: (span_of(spans, m.trigger_start)[0], m.trigger_start)
            for u in units if u.event_type in VIOLENT for m in u.mentions}
    return {mention for mention, (s0, at) in told.items() if any(s0 <= v < at for v in acts)}


def _share_weekdays(units: list[Unit]) -> None:
    """A unit naming no weekday takes those its article's other units of its type at its place name
    ("the projectile fell at Friday prayer", told beside "a projectile struck the shop"): one article
    tells one town's happening of a type on one day, however its sentences split into units."""
    named = [(u.event_type, u.place, frozenset(u.weekdays)) for u in units if u.weekdays and u.place]
    for u in units:
        if not u.weekdays and u.place:
            u.weekdays |= {d for t, p, days in named if t == u.event_type and p == u.place for d in days}
    # a statement naming no day is the announcement its article's opening dates: "two women were
    # arrested, the ministry announced yesterday, Friday … the ministry said in a statement"
    opening_days = {days for t, p, days in named if any(u.lead and u.event_type == t and u.place == p for u in units)}
    if len(opening_days) == 1:
        (days,) = opening_days
        for u in units:
            if not u.weekdays and u.lead and u.event_type == "statement":
                u.weekdays |= days


def _units(article: ArticleInput, mentions: Sequence[EventMention], places: Hierarchy,
           spans: Sequence[tuple[int, int]]) -> list[Unit]:
    """The article's units, from its mentions in the order of their triggers (``spans``: the
    article's sentences)."""
    ordered = dataclasses.replace(article, entities=tuple(sorted(article.entities, key=lambda e: e.start)))
    starts = [e.start for e in ordered.entities]
    reference = article.reference[0]
    units: list[Unit] = []
    latest: dict[str, Unit] = {}
    terms: dict[str, frozenset[int]] = {}
    for m in sorted(mentions, key=lambda m: (m.trigger_start, m.mention_id)):
        wp = _window(ordered, starts, spans, m, terms, places)
        probe = Unit(article.article_id, article.lang, m.event_type, reference, [])
        probe.add(m, wp, places)
        target = _target(units, latest.get(m.event_type), probe, places)
        if target is None:
            units.append(probe)
            latest[m.event_type] = probe
        else:
            target.add(m, wp, places)
    return units


def _definite(trigger: str) -> bool:
    """An Arabic noun with the definite article ("اللقاء", "وخلال الاستقبال"): it points back."""
    words = fold(trigger).split()
    return bool(words) and has_arabic_article(words[0])


def _target(units: list[Unit], last: Unit | None, probe: Unit, places: Hierarchy) -> Unit | None:
    if last is None:
        return None
    if not probe.participants:
        # no one named: anaphoric; it belongs to the latest unit of the type unless it names another place
        return last if last.participants or places_compatible(last, probe, places) else None
    if probe.lang == "ar" and probe.event_type in MEETING_TYPES and last.participants \
            and _definite(probe.mentions[0].trigger):
        # "خلال الاستقبال نقل تحيات الملك…": the reception already told, whoever else the sentence names
        # (for other types a definite noun is as often a second happening: "الهجوم" on another town)
        return last
    same_type = [u for u in units if u.event_type == probe.event_type]
    named = next((u for u in same_type if u.participants and _participants_overlap(u, probe)), None)
    if named is not None:
        return named
    return next((u for u in same_type if not u.participants and places_compatible(u, probe, places)), None)
