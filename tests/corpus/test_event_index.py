"""The index offers a report the events it shares the most telling keys with."""
from __future__ import annotations

from types import SimpleNamespace

from khabar.corpus.event_index import LATEST_OF_KIND, STORY_CANDIDATES, Index
from khabar.corpus.places import load_hierarchy


class _Filed(Index):
    """An index whose keys are given: what is under test is how it ranks the events filed."""

    def __init__(self, keys: dict[str, list[str]]) -> None:
        super().__init__()
        self.given = keys

    def keys(self, unit, ctx, *, lookup, filed_by_type=False):
        return self.given[unit.article_id]


def test_a_key_few_events_share_outranks_keys_many_share():
    """Every day's health figures share the country and the template's words; the day's own figure
    (1,030 new cases) is filed under one event only. A retelling that shares the template's two
    common keys with each of many days and the figure with one is offered that one first."""
    days = STORY_CANDIDATES + 2
    keys = {f"day{d}": ["iran", "template"] for d in range(days)}
    keys["the day of 1030"] = ["iran", "n:1030"]
    keys["retold"] = ["iran", "template", "n:1030"]
    index = _Filed(keys)
    ctx = SimpleNamespace(whole_story_only=lambda unit: True, filed=lambda unit: None)
    for seq, aid in enumerate([*(f"day{d}" for d in range(days)), "the day of 1030"]):
        index.add(SimpleNamespace(article_id=aid, lead=True), ctx, seq, seq)
    offered = index.candidates(SimpleNamespace(article_id="retold", lead=True), ctx)
    assert len(offered) == STORY_CANDIDATES and days in offered


def test_an_undated_report_is_offered_the_events_of_its_type_in_its_country():
    """Two undated reports of the bombing of a mosque in Asir, one placed in Abha and the other in
    the region, told in words that share no rare item and no MinHash band: the index still offers
    the second the first's event (type × country), and a bombing in Qatar's is not offered it."""
    words = {"abha": ["w:only-abha"], "asir": ["w:only-asir"], "doha": ["w:only-doha"]}

    def report(aid: str, place: str) -> SimpleNamespace:
        return SimpleNamespace(article_id=aid, lead=True, event_type="bombing", headline=None,
                               date=(None, "none"), place=place, participants={}, lang="ar", reacts_to=frozenset())

    ctx = SimpleNamespace(places=load_hierarchy(), whole_story_only=lambda unit: False, filed=lambda unit: None,
                          subjects=lambda unit: frozenset(), keys_of=lambda unit: (words[unit.article_id], []))
    index = Index()
    index.add(report("doha", "doha"), ctx, 0, 0)
    index.add(report("abha", "abha"), ctx, 1, 1)
    assert index.candidates(report("asir", "asir"), ctx) == [1]


def test_a_report_naming_no_place_is_offered_the_latest_events_of_its_kind():
    """Egypt's mufti condemns the arson the US condemned, in words that share no rare item ("أضرموا",
    "اضرم") and naming no place of it: the index offers it the latest events of its kind, and only
    the latest LATEST_OF_KIND of them; a report with a place is offered none it shares no key with."""
    words = {f"arson{n}": [f"w:only-{n}"] for n in range(LATEST_OF_KIND + 2)}
    words |= {"mufti": ["w:only-mufti"], "placed": ["w:only-placed"], "execution": ["w:only-execution"]}

    def report(aid: str, place: str | None, event_type: str = "attack") -> SimpleNamespace:
        return SimpleNamespace(article_id=aid, lead=True, event_type=event_type, headline=None,
                               date=(None, "none"), place=place, participants={}, lang="ar", reacts_to=frozenset())

    ctx = SimpleNamespace(places=load_hierarchy(), whole_story_only=lambda unit: False, filed=lambda unit: None,
                          subjects=lambda unit: frozenset(), keys_of=lambda unit: (words[unit.article_id], []))
    index = Index()
    for n in range(LATEST_OF_KIND + 2):
        index.add(report(f"arson{n}", "west-bank"), ctx, n, n)
    index.add(report("execution", "west-bank", "execution"), ctx, 99, 99)
    offered = index.candidates(report("mufti", None), ctx)
    assert offered == list(range(2, LATEST_OF_KIND + 2))
    assert index.candidates(report("placed", "egypt"), ctx) == []


def test_a_retelling_asks_for_more_of_its_rare_words_than_it_is_filed_under():
    """Two papers' reports of one sermon (no known type): the first uses few words of its own, and
    is filed under words the second also uses; the second uses many of its own (its rarest eight, and
    most of the rarest forty its MinHash bands are made of), so they share no key it is filed under.
    It asks for its rarest LOOKUP_KEYS words as well, and is offered the first's event."""
    from khabar.corpus import story
    from khabar.corpus.reading import Context
    from khabar.document.events import load_lexicon

    shared = [f"w:shared{n:02d}" for n in range(40)]
    first = {**{f"w:first{n}": 9.0 for n in range(3)}, **dict.fromkeys(shared, 8.0)}
    second = {**{f"w:second{n:02d}": 9.0 for n in range(30)}, **dict.fromkeys(shared, 8.0)}
    profiles = {aid: story.Weighted(aid, "ar", w, story.euclidean_norm(w))
                for aid, w in (("first", first), ("second", second))}
    ctx = Context(load_lexicon(), load_hierarchy(), SimpleNamespace(idf=lambda item: 8.0), profiles)

    def report(aid: str, place: str | None) -> SimpleNamespace:
        return SimpleNamespace(article_id=aid, lead=True, event_type="other", headline=None,
                               date=(None, "none"), place=place, participants={}, lang="ar", reacts_to=frozenset())

    # the first names no place; the second, naming one, does not ask for the latest events of its kind
    filed, asking = report("first", None), report("second", "riyadh")
    assert not set(ctx.keys_of(asking)[0]) & set(ctx.keys_of(filed)[0])  # no key in common
    assert len(story.similarity(profiles["first"], profiles["second"])[1]) == 40
    index = Index()
    index.add(filed, ctx, 0, 0)
    assert index.candidates(asking, ctx) == [0]


def test_a_title_few_events_share_is_offered_however_many_events_share_more_keys():
    """The cabinet's release in parts: its second part ("إضافة ثانية") opens on a congratulation to
    Egypt, and shares more keys with many other events than its title with the first part's. The
    title few events are filed under is offered all the same; one every day's bulletin has is not."""
    from khabar.corpus.event_index import _TITLE, TITLE_ALWAYS

    crowd = STORY_CANDIDATES + 2
    keys = {f"suez{n}": ["w:suez", f"w:rare{n}"] for n in range(crowd)}  # each outranks the title alone
    keys["part1"] = [_TITLE + "cabinet", "w:cabinet"]
    keys["part2"] = [_TITLE + "cabinet", "w:suez", *(f"w:rare{n}" for n in range(crowd))]
    keys |= {f"bulletin{n}": [_TITLE + "daily"] for n in range(TITLE_ALWAYS + 1)}
    keys["today"] = [_TITLE + "daily", "w:suez", *(f"w:rare{n}" for n in range(crowd))]
    index = _Filed(keys)
    ctx = SimpleNamespace(whole_story_only=lambda unit: True, filed=lambda unit: None)
    filed = [*(f"suez{n}" for n in range(crowd)), "part1", *(f"bulletin{n}" for n in range(TITLE_ALWAYS + 1))]
    for seq, aid in enumerate(filed):
        index.add(SimpleNamespace(article_id=aid, lead=True), ctx, seq, seq)
    offered = index.candidates(SimpleNamespace(article_id="part2", lead=True), ctx)
    assert filed.index("part1") in offered and len(offered) == STORY_CANDIDATES + 1
    offered = index.candidates(SimpleNamespace(article_id="today", lead=True), ctx)
    assert len(offered) == STORY_CANDIDATES and not {filed.index(f"bulletin{n}") for n in range(TITLE_ALWAYS + 1)} & set(offered)
