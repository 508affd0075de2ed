"""The role cues of each language (``data/events/roles.json``), read once: where the doer stands, the
words that mark a target or a doer, that end a clause, that open what someone says, and the rest
``khabar.document.event_roles`` reads a sentence with."""
from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from khabar.text.normalize import fold

ORDERS = ("vso", "svo", "sov")
QUOTE_WORDS_AFTER = 2  # a day may stand between the verb and the colon: "قال أول أمس:"


class EventDataError(ValueError):
    """A data file of the event stages is malformed; carries the offending entry."""

    def __init__(self, message: str, entry: object) -> None:
        super().__init__(f"{message}: {entry!r}")
        self.entry = entry


class RoleDataError(EventDataError):
    """The role cues data file (``data/events/roles.json``) is malformed."""


@dataclass(frozen=True)
class RoleRules:
    order: str
    target_before: frozenset[str]
    target_after: frozenset[str]
    actor_after: frozenset[str]
    clause_break: re.Pattern[str]  # over folded text
    cue_window: int
    happened_in: re.Pattern[str] | None = None  # over folded text: "الذي وقع" (where it took place follows)
    # over folded text: a verb of speech whose subject, named after it, speaks of the happening
    speaker_verb: re.Pattern[str] | None = None
    # over folded text: what a meeting passes on from someone named after it ("تعازي", "نيابة عن")
    conveyed: re.Pattern[str] | None = None
    # over folded text: what a meeting was to discuss ("لمناقشة", "بشأن"): names after it are its topics
    topic: re.Pattern[str] | None = None
    # over folded text, at its end: a verb of saying right before a colon ("اظهار داشت:", "قال:")
    quote: re.Pattern[str] | None = None
    # over folded text, right after the trigger: what the names before it do about it ("دھماکے کی مذمت")
    reaction: re.Pattern[str] | None = None
    # over folded text: who a report cites ("به گزارش", "بنابر اعلام"), up to the next comma
    source_before: re.Pattern[str] | None = None
    source_after: frozenset[str] = frozenset()  # right after a name: it is cited ("آئی این پی کے مطابق")
    actor_before: frozenset[str] = frozenset()  # a verb of doing with the happening as its object: "أطلقه"
    doer_clause: re.Pattern[str] | None = None  # over folded text: "التي شنت" (a doer's relative clause)
    claimed: re.Pattern[str] | None = None  # over folded text: a claim of the happening ("مسؤوليتها عن")
    condemned: re.Pattern[str] | None = None  # over folded text: a verb of condemning or mourning ("دان")
    doer_after_noun: bool = False  # a name right after a noun trigger is its doer ("حمله ارتش پاکستان")
    post_after_name: bool = False  # a post's title follows the name ("لاریجانی دبیر شورای ..."), else precedes it
    # over folded text: a word that opens what someone says or learns ("أن", "إن", "بأنه"): a clause of its own
    complementizer: re.Pattern[str] | None = None
    not_complement_after: frozenset[str] = frozenset()  # a word before it that makes it no speech ("قبل أن")
    # over folded text: what a name before the trigger does about it ("در واکنش به", "محکوم کردن"): none did it
    reaction_before: re.Pattern[str] | None = None
    # nouns whose genitive is their doer, not whom they befell: "هجوم تنظيم داعش", "غارات التحالف"
    doer_nouns: frozenset[str] = frozenset()


def _alternatives(phrases: Sequence[str]) -> str:
    """The phrases folded, as a regex alternation, longest first."""
    return "|".join(re.escape(p) for p in sorted({fold(p) for p in phrases}, key=len, reverse=True))


def _phrase_pattern(phrases: Sequence[str]) -> re.Pattern[str]:
    alts = _alternatives(phrases)
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)" if alts else r"(?!)")


@lru_cache(maxsize=1)
def load_roles() -> dict[str, RoleRules]:
    data = json.loads(resources.files("khabar").joinpath("data/events/roles.json").read_text("utf-8"))
    if "about" not in data:
        raise RoleDataError("roles.json needs an 'about' key", sorted(data))
    rules = {}
    for lang, spec in data["languages"].items():
        if spec.get("order") not in ORDERS:
            raise RoleDataError("unknown word order", (lang, spec.get("order")))
        rules[lang] = RoleRules(
            order=spec["order"],
            target_before=frozenset(fold(w) for w in spec["target_before"]),
            target_after=frozenset(fold(w) for w in spec["target_after"]),
            actor_after=frozenset(fold(w) for w in spec["actor_after"]),
            clause_break=_phrase_pattern(spec["clause_breaks"]),
            cue_window=int(data["cue_window"]),
            happened_in=words_pattern(spec["happened_in"]) if spec.get("happened_in") else None,
            speaker_verb=words_pattern(spec["speakers_before"]) if spec.get("speakers_before") else None,
            conveyed=words_pattern(spec["conveyed_before"]) if spec.get("conveyed_before") else None,
            topic=words_pattern(spec["topic_after"]) if spec.get("topic_after") else None,
            quote=re.compile(rf"(?<!\w)(?:{_alternatives(spec['quote_before'])})(?:\s+\w+){{0,{QUOTE_WORDS_AFTER}}}\s*$")
            if spec.get("quote_before") else None,
            reaction=words_pattern(spec["reaction_after"]) if spec.get("reaction_after") else None,
            source_before=words_pattern(spec["source_before"]) if spec.get("source_before") else None,
            source_after=frozenset(fold(w) for w in spec.get("source_after", ())),
            post_after_name=bool(spec.get("post_after_name", False)),
            doer_after_noun=bool(spec.get("doer_after_noun", False)),
            claimed=words_pattern(spec["claimed_between"]) if spec.get("claimed_between") else None,
            condemned=words_pattern(spec["condemned_before"]) if spec.get("condemned_before") else None,
            doer_clause=words_pattern(spec["doer_clause"]) if spec.get("doer_clause") else None,
            actor_before=frozenset(fold(w) for w in spec.get("actor_before", ())),
            complementizer=words_pattern(spec["complementizers"]) if spec.get("complementizers") else None,
            not_complement_after=frozenset(fold(w) for w in spec.get("not_complement_after", ())),
            doer_nouns=frozenset(fold(w) for w in spec.get("doer_nouns", ())),
            reaction_before=words_pattern(spec["reaction_before"]) if spec.get("reaction_before") else None,
        )
    return rules


def words_pattern(phrases: Sequence[str]) -> re.Pattern[str]:
    """Any of the phrases, folded, as whole words of folded text."""
    return re.compile(rf"(?<!\w)(?:{_alternatives(phrases)})(?!\w)")
