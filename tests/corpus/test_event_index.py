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
                               date=(None, "none"), place=place, participants={})

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
                               date=(None, "none"), place=place, participants={})

    ctx = SimpleNamespace(places=load_hierarchy(), whole_story_only=lambda unit: False, filed=lambda unit: None,
                          subjects=lambda unit: frozenset(), keys_of=lambda unit: (words[unit.article_id], []))
    index = Index()
    for n in range(LATEST_OF_KIND + 2):
        index.add(report(f"arson{n}", "west-bank"), ctx, n, n)
    index.add(report("execution", "west-bank", "execution"), ctx, 99, 99)
    offered = index.candidates(report("mufti", None), ctx)
    assert offered == list(range(2, LATEST_OF_KIND + 2))
    assert index.candidates(report("placed", "egypt"), ctx) == []
