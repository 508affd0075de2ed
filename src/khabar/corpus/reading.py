"""What clustering has read of the reports it compares (``khabar.corpus.compare``): each article's whole
text and its first sentence weighed as profiles, each report's text around its triggers, the blocking keys
the index files them under (``khabar.corpus.event_index``), and a join found between two reports.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from khabar.corpus import story
from khabar.corpus.places import Hierarchy
from khabar.corpus.units import Unit
from khabar.document.events import SUBJECT, ArticleInput, Lexicon
from khabar.text.sentences import sentence_spans


@dataclass(frozen=True)
class Join:
    score: float
    member: Unit
    shared_participants: tuple[str, ...]
    shared_place: str | None
    gap: int | None
    shared_rare: tuple[str, ...]
    reason: str


@dataclass
class Context:
    lexicon: Lexicon
    places: Hierarchy
    rarity: story.Rarity
    profiles: dict[str, story.Weighted]  # per article, added as articles are read
    told: dict[int, story.Weighted] = field(default_factory=dict)  # per unit (by id): the text around its triggers
    openings: dict[str, story.Weighted] = field(default_factory=dict)  # per article: its first sentence
    # by article id: its keys; by unit id: its article's and its own; by ("lookup", article id): the
    # rarer items a report of no known type asks for besides (``looked_up``)
    key_cache: dict[int | str | tuple[str, str], list[str] | tuple[list[str], list[str]]] = field(default_factory=dict)

    def told_of(self, unit: Unit) -> story.Weighted:
        return self.told[id(unit)]

    def whole_story_only(self, unit: Unit) -> bool:
        """A report of a type grouped on its whole article alone ('other'): the text around its
        trigger (its article's first word) is never weighed."""
        kind = self.lexicon.types.get(unit.event_type)
        return kind is not None and kind.cluster == "story_only"

    def subjects(self, unit: Unit) -> frozenset[str]:
        """Whom a happening that befalls one person once (a death) befalls; empty for other types."""
        kind = self.lexicon.types.get(unit.event_type)
        if kind is None or kind.roles != SUBJECT:
            return frozenset()
        return frozenset(e for e, role in unit.participants.items() if role == SUBJECT)

    def tell(self, units: Sequence[Unit]) -> None:
        """Weigh the text around each unit's triggers (earlier counts asked for all at once)."""
        profiles = {id(u): story.Profile.of(u.article_id, " ".join(u.windows), u.lang, sorted(u.named))
                    for u in units if id(u) not in self.told and not self.whole_story_only(u)}
        self.rarity.ensure({i for p in profiles.values() for i in p.items})
        for key, profile in profiles.items():
            self.told[key] = story.Weighted.of(profile, self.rarity)

    def keys_of(self, unit: Unit) -> tuple[list[str], list[str]]:
        """Blocking keys of the unit's article (its whole text's, and its opening's MinHash bands prefixed
        'o': openings told alike share them; their rarest items would file every unit twice over), and
        of the text around its triggers (none for a ``story_only`` unit)."""
        cached = self.key_cache.get(id(unit))
        if cached is None:
            whole = self.key_cache.get(unit.article_id)
            if whole is None:
                opening = self.openings.get(unit.article_id)
                whole = self.key_cache[unit.article_id] = [
                    *story.blocking_keys(self.profiles[unit.article_id], self.rarity),
                    *("o" + k for k in (story.blocking_keys(opening, self.rarity) if opening else ())
                      if k.startswith(story.BAND_PREFIX))]
            local = [] if self.whole_story_only(unit) else story.blocking_keys(self.told_of(unit), self.rarity)
            cached = self.key_cache[id(unit)] = (whole, local)
        return cached

    def looked_up(self, unit: Unit) -> list[str]:
        """The rarer items of the unit's article it asks for besides the keys it is filed under: the
        rarest few of two retellings of one sermon are words each alone uses, the rest shared."""
        key = ("lookup", unit.article_id)
        cached = self.key_cache.get(key)
        if cached is None:
            whole, _ = self.keys_of(unit)
            filed = set(whole)
            cached = self.key_cache[key] = [
                i for i in self.profiles[unit.article_id].rarest(story.LOOKUP_KEYS)
                if i not in filed and self.rarity.idf(i) >= story.KEY_MIN_IDF]
        return cached

    def filed(self, unit: Unit) -> None:
        """A unit's keys are asked for until the index files it, never after: they go then (a 10k
        first clustering's are ~20 MB). Its article's stay for its other units."""
        self.key_cache.pop(id(unit), None)

    def likeness(self, a: Unit, b: Unit) -> tuple[float, tuple[str, ...], tuple[story.Weighted, story.Weighted]]:
        """How alike two reports are: as whole articles, or around their triggers, whichever is more."""
        pa, pb = self.profiles[a.article_id], self.profiles[b.article_id]
        ta, tb = self.told_of(a), self.told_of(b)
        # the parties and places both must share are no evidence across languages (``story.similarity``
        # reads them only there: within one language they are not worked out)
        required = self._required(a, b) if pa.lang != pb.lang or ta.lang != tb.lang else frozenset()
        whole = story.similarity(pa, pb, required)
        local = story.similarity(ta, tb, required)
        if whole[0] >= local[0]:
            return whole[0], whole[1], (pa, pb)
        return local[0], local[1], (ta, tb)

    def _required(self, a: Unit, b: Unit) -> frozenset[str]:
        """The entity items of the two reports' participants and (when both have one) places."""
        where = (*self.places.chain(a.place), *self.places.chain(b.place)) if a.place and b.place else ()
        return frozenset("e:" + p for p in (*a.participants, *b.participants, *where))

    def read(self, articles: Sequence[ArticleInput], words: Mapping[str, Sequence[str]]) -> dict[str, story.Profile]:
        """Profiles of articles clustered in earlier runs (from their kept ``words`` when there are),
        weighted with today's rarity."""
        fresh = [a for a in articles if a.article_id not in self.profiles]
        profiles = {a.article_id: profile_of(a, words.get(a.article_id)) for a in fresh}
        self.rarity.ensure({i for p in profiles.values() for i in p.items})
        for aid, p in profiles.items():
            self.profiles[aid] = story.Weighted.of(p, self.rarity)
        self.weigh_openings([opening_of(a) for a in fresh])
        return profiles

    def weigh_openings(self, openings: Iterable[story.Profile]) -> None:
        """Weigh articles' openings (``opening_of``), with the rarity their articles' items are counted in."""
        openings = list(openings)
        self.rarity.ensure({i for p in openings for i in p.items})
        for p in openings:
            self.openings[p.article_id] = story.Weighted.of(p, self.rarity)


def opening_of(a: ArticleInput, spans: Sequence[tuple[int, int]] | None = None) -> story.Profile:
    """An article's first sentence as a profile: what its opening tells (``compare.OPENING_JOIN``).
    ``spans``: ``sentence_spans(a.body)`` when the caller has them."""
    spans = sentence_spans(a.body) if spans is None else spans
    end = spans[0][1] if spans else len(a.body)
    return story.Profile.of(a.article_id, a.body[:end], a.lang,
                            ((e.entity_id, e.surface_form) for e in a.entities if e.end <= end))


def profile_of(a: ArticleInput, words: Sequence[str] | None = None) -> story.Profile:
    """An article's words and names, its title's with its body's: the title says what the article is
    about (held-out3 0.850 -> 0.878, its two reports of the Arab Peace Initiative committee; Persian
    held-out 0.465 -> 0.492; no other set moves, no near miss merges)."""
    named = ((e.entity_id, e.surface_form) for e in a.entities)
    if words is None:
        return story.Profile.of(a.article_id, (a.title or "") + "\n" + a.body, a.lang, named)
    return story.Profile.of_words(a.article_id, words, a.lang, named)
