"""An undated report read against an event's reports together (khabar.corpus.pooling): the parties it
names are weighed against all the event's reports' together, not one by one."""
from __future__ import annotations

from khabar.corpus import story
from khabar.corpus.places import load_hierarchy
from khabar.corpus.pooling import pooled
from khabar.corpus.reading import Context
from khabar.corpus.units import Unit
from khabar.document.events import load_lexicon

# each report of the bombing in its own words, sharing a few with the condemnation
WORDS = {
    "r0": ["w:انتحاري", "w:حزام", "w:ناسف", "w:مسجد", "w:الطوارئ", "w:المصلين", "w:الظهر"],
    "r1": ["w:انتحاري", "w:مسجد", "w:الطوارئ", "w:مقتل", "w:اصابه", "w:المستشفي"],
    "r2": ["w:المتحدث", "w:الامني", "w:مسجد", "w:الطوارئ", "w:استشهاد", "w:رجل", "w:امن"],
    "c": ["w:استنكر", "w:النادي", "w:الادبي", "w:مسجد", "w:الطوارئ", "w:الشهداء", "w:المصابين", "w:الفئه",
          "w:الضاله", "w:المستشفي", "w:امن"],
}


def _context(parties: dict[str, dict[str, str]]) -> tuple[Context, dict[str, Unit]]:
    units = {aid: Unit(aid, "ar", "incident" if aid == "c" else "bombing", None, [],
                       participants=parties.get(aid, {}), place="abha") for aid in WORDS}
    profiles = {aid: story.Weighted(aid, "ar", dict.fromkeys(words, 1.0), len(words) ** 0.5)
                for aid, words in WORDS.items()}
    ctx = Context(load_lexicon(), load_hierarchy(), None, profiles)
    ctx.told = {id(u): profiles[aid] for aid, u in units.items()}
    return ctx, units


def test_a_party_one_report_names_and_another_does_not_is_the_events_party():
    # the ministry announced the toll in one report, the group claimed the bombing in another: a
    # condemnation naming the group names a party of the event, though not of the first report
    ctx, units = _context({"r0": {"saudi-interior-ministry": "actor"}, "r1": {"islamic-state": "actor"},
                           "c": {"islamic-state": "target"}})
    join = pooled(units["c"], [units[a] for a in ("r0", "r1", "r2")], ctx)
    assert join is not None and join.reason.startswith("undated; reports of the event read together")


def test_a_party_none_of_the_events_reports_names_keeps_a_report_out():
    ctx, units = _context({"r0": {"saudi-interior-ministry": "actor"}, "r1": {"islamic-state": "actor"},
                           "c": {"houthis": "actor"}})
    assert pooled(units["c"], [units[a] for a in ("r0", "r1", "r2")], ctx) is None
    ctx, units = _context({"c": {"houthis": "actor"}})  # none of them names a party: nothing to weigh
    assert pooled(units["c"], [units[a] for a in ("r0", "r1", "r2")], ctx) is not None


def test_the_reports_own_article_is_not_what_it_is_read_against():
    # the condemnation's article also tells the bombing (a unit of its own, already in the event): the
    # join is to the other articles' reports, not to its own
    ctx, units = _context({})
    own = Unit("c", "ar", "bombing", None, [], place="abha")
    ctx.told[id(own)] = ctx.profiles["c"]
    join = pooled(units["c"], [units["r0"], own, units["r1"], units["r2"]], ctx)
    assert join is not None and join.member.article_id != "c"
