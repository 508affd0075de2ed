"""The event lexicon: trigger words per language and type (``data/events/triggers.json``, typed with
CAMEO root codes and ACLED event types), the rules that read the words around a trigger (what before
it says it is no happening or another kind, what after it says it is scheduled or joint, phrases that
are no trigger at all), and the relative-date words (``data/events/relative_dates.json``), compiled
once (``load_lexicon``) for ``khabar.document.events`` to find mentions with."""
from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from khabar.document import event_roles, role_rules
from khabar.document.event_tense import UPCOMING_LOOKAHEAD, Scheduled
from khabar.text.alternation import GAP, factored
from khabar.text.normalize import fold

_SPACE = re.compile(r"\s+")
UPCOMING_WORDS_BETWEEN = 3  # words between a trigger and what says it is scheduled ("مباراة كأس السوبر السعودي والتي ستجمع")
VERB_MARK = "v:"
ROLE_POLICIES = ("participant", "actor_target", event_roles.SUBJECT)


class EventLexiconError(role_rules.EventDataError):
    """The event lexicon data file is malformed; carries the offending entry."""


@dataclass(frozen=True)
class EventType:
    name: str
    cameo_root: str
    cluster: str  # normal | strong_only | story_only
    roles: str  # participant | actor_target | subject (the one person it befalls: a death)


@dataclass(frozen=True)
class Lexicon:
    """Compiled trigger and relative-date patterns, per language."""

    types: dict[str, EventType]
    triggers: dict[str, re.Pattern[str]]  # lang -> pattern; group "noun" or "verb" is the folded form
    trigger_type: dict[str, dict[str, str]]  # lang -> folded form -> type
    exclude: dict[str, dict[str, tuple[str, ...]]]  # lang -> first word -> phrases: no trigger there
    relative: dict[str, re.Pattern[str]]
    relative_value: dict[str, dict[str, tuple[str, int]]]  # lang -> folded phrase -> (kind, n)
    # lang -> folded forms naming a happening that lasts days (a visit, a tour): its reports may name
    # different weekdays ("arrived on Friday", "on the first day of the visit, Saturday")
    lasting: dict[str, frozenset[str]] = field(default_factory=dict)
    # lang -> folded form -> (words right before it, the type it is then or None: no trigger, and whether
    # only beside another act the opening tells). Urdu: "بیٹنگ کا مظاہرہ" (a display of batting, no protest)
    after: dict[str, dict[str, tuple[tuple[tuple[str, ...], str | None, bool], ...]]] = field(default_factory=dict)
    # lang -> what, right after a form (three words and a conjunction between at most, in its sentence) or
    # before it ("يوم غد"), says it is scheduled ("مباراة السوبر التي ستقام الأربعاء"): no happening yet
    upcoming: dict[str, Scheduled] = field(default_factory=dict)
    # lang -> (folded word saying which way a weekday lies, before or after it, -> 1 ahead or -1 back)
    directions: dict[str, tuple[re.Pattern, re.Pattern, dict[str, int]]] = field(default_factory=dict)
    # lang -> rules (forms, what after one says it is another kind, the kind, how far on): "مؤتمر صحفي عقده
    # مع نظيره" (a joint press conference) is the talks; "هاجم ... الحوثي، واصفا إياها" (in words) a statement
    joint: dict[str, tuple[tuple[frozenset[str], re.Pattern, str, int], ...]] = field(default_factory=dict)
    clubs: frozenset[str] = frozenset()  # ids of sides that play matches (``triggers.json`` "clubs")
    clubs_meet_as: str = ""  # the type a meeting of clubs alone is: a match
    receiving: dict[str, frozenset[str]] = field(default_factory=dict)  # lang -> "استقبل"…: ``parties.hosts``
    holding: dict[str, frozenset[str]] = field(default_factory=dict)  # lang -> "عقد", "بحث"… (a meeting's holder)
    # lang -> (a pattern of the sports' names, folded name -> sport): what a report tells of (``sports_named``)
    sports: dict[str, tuple[re.Pattern[str], dict[str, str]]] = field(default_factory=dict)
    # of those, who plays ("women", "men") and how ("singles", "doubles"): each kind of division, not a sport
    divisions: tuple[frozenset[str], ...] = ()

    def retyped(self, lang: str, core: str, before: str) -> tuple[bool, str | None, bool]:
        """Whether a rule of ``after`` applies to the trigger ``core`` with folded text ``before`` it,
        then the type it is (None: not a trigger), and whether only beside another happening told."""
        for words, etype, alone in self.after.get(lang, {}).get(core, ()):
            if any(before.endswith(w) and (len(before) == len(w) or not before[-len(w) - 1].isalnum()) for w in words):
                return True, etype, alone
        return False, None, False

    def sports_named(self, text: str, lang: str) -> frozenset[str]:
        """The sports a text names ("للكرة الطائرة", "ہاکی"; ``triggers.json`` "sports")."""
        pattern, sport = self.sports.get(lang, (None, {}))
        found = (sport.get(" ".join(m.group("name").split())) for m in pattern.finditer(fold(text))) if pattern else ()
        return frozenset(s for s in found if s)

    def lasts_days(self, trigger: str, lang: str) -> bool:
        """Whether a trigger, as written (clitics and all), names a happening of several days."""
        return any(form in fold(trigger) for form in self.lasting.get(lang, ()))


def _alternation(forms: Iterable[str]) -> str:
    """The forms, longest first, as one alternation whose words any run of spaces parts. Written as
    a tree of shared first characters (``factored``), which matches as one branch per form does: a
    language's triggers are a few hundred forms, tried at every word of the text."""
    ordered = sorted(set(forms), key=lambda f: (-len(f), f))
    return factored([tuple(GAP.join(f.split())) for f in ordered], r"\s+")


def _phrase(words: str) -> str:
    return _SPACE.sub(" ", fold(words)).strip()  # a phrase of the lexicon folded, one space between words


def _after_trigger(words: Iterable[str], anywhere: bool = False) -> re.Pattern:
    """Any of ``words`` right after a trigger, or three words and a conjunction after it (``anywhere``: after it)."""
    alternation = _alternation(map(_phrase, words))
    between = r".*?(?<!\w)" if anywhere else rf"\s*(?:[^\s.،,:؛]+\s+){{0,{UPCOMING_WORDS_BETWEEN}}}"
    return re.compile(rf"{between}(?:و)?(?:{alternation})(?!\w)")


def _read_json(name: str) -> dict:
    return json.loads(resources.files("khabar").joinpath(f"data/events/{name}").read_text("utf-8"))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    trig = _read_json("triggers.json")
    rel = _read_json("relative_dates.json")
    types: dict[str, EventType] = {}
    by_lang: dict[str, dict[str, str]] = defaultdict(dict)
    nouns: dict[str, set[str]] = defaultdict(set)
    verbs: dict[str, set[str]] = defaultdict(set)
    for name, spec in trig["types"].items():
        if spec.get("cluster") not in ("normal", "strong_only", "story_only"):
            raise EventLexiconError("unknown cluster policy", (name, spec.get("cluster")))
        if spec.get("roles") not in ROLE_POLICIES:
            raise EventLexiconError("unknown roles policy", (name, spec.get("roles")))
        types[name] = EventType(name, str(spec["cameo_root"]), spec["cluster"], spec["roles"])
        for lang, forms in spec["forms"].items():
            for form in forms:
                is_verb = form.startswith(VERB_MARK)
                key = fold(form.removeprefix(VERB_MARK))
                if not key:
                    raise EventLexiconError("form folds to nothing", (name, lang, form))
                by_lang[lang].setdefault(key, name)
                (verbs if is_verb else nouns)[lang].add(key)
    triggers = {}
    for lang in by_lang:
        aff = trig["affixes"].get(lang, {"prefix": "", "suffix": "", "verb_prefix": ""})
        alts = []
        if nouns[lang]:
            alts.append(f"{aff['prefix']}(?P<noun>{_alternation(nouns[lang])}){aff['suffix']}")
        if verbs[lang]:
            alts.append(f"{aff['verb_prefix']}(?P<verb>{_alternation(verbs[lang])})")
        triggers[lang] = re.compile(rf"(?<!\w)(?:{'|'.join(alts)})(?!\w)")
    exclude = {lang: _phrases_by_first_word(_excluded_phrases(entries)) for lang, entries in trig["exclude"].items()}
    lasting, receiving, holding = ({lang: frozenset(fold(f.removeprefix(VERB_MARK)) for f in fs) for lang, fs in trig[k].items()} for k in ("lasting", "receiving", "holding"))
    after, upcoming, joint = _rules_around_triggers(trig, types)
    relative, relative_value = {}, {}
    for lang in set(rel["days"]) | set(rel["weekdays"]):
        values: dict[str, tuple[str, int]] = {}
        for phrase, n in rel["days"].get(lang, {}).items():
            values[fold(phrase)] = ("days", int(n))
        for phrase, n in rel["weekdays"].get(lang, {}).items():
            values[fold(phrase)] = ("weekday", int(n))
        relative_value[lang] = values
        relative[lang] = re.compile(rf"(?<!\w)(?:و|ف)?(?P<core>{_alternation(values)})(?!\w)")
    directions = {}
    for lang, words in rel.get("directions", {}).items():
        ways = {fold(w): int(n) for w, n in words.items()}
        directions[lang] = (re.compile(rf"\s*(?P<way>{_alternation(ways)})(?!\w)"),
                            re.compile(rf"(?<!\w)(?P<way>{_alternation(ways)})\s*$"), ways)
    clubs = trig.get("clubs", {})
    return Lexicon(types, triggers, dict(by_lang), exclude, relative, relative_value, lasting, after, upcoming,
                   directions, joint, frozenset(clubs.get("ids", ())), clubs.get("type", ""), receiving, holding,
                   _sports(trig), tuple(map(frozenset, trig.get("sports", {}).get("divisions", {}).values())))


def _sports(trig: dict) -> dict[str, tuple[re.Pattern[str], dict[str, str]]]:
    """``triggers.json`` "sports" as ``Lexicon.sports``: a name with its language's clitic prefixes ("affixes")."""
    compiled = {}
    for lang, sports in trig.get("sports", {}).items():
        if lang in ("about", "divisions"):
            continue
        names = {fold(name): sport for sport, forms in sports.items() for name in forms}
        prefix = trig["affixes"].get(lang, {}).get("prefix", "")
        compiled[lang] = (re.compile(rf"(?<!\w){prefix}(?P<name>{_alternation(names)})(?!\w)"), names)
    return compiled


def _rules_around_triggers(trig: dict, types: Mapping[str, EventType]) -> tuple[dict, dict, dict]:
    """The rules of ``triggers.json`` that read the words around a trigger: ``after`` (the words right
    before it), ``upcoming`` and ``joint`` (the words right after it; ``scheduled_before`` and
    ``untold_before``, before it in its sentence, join ``upcoming``), as ``Lexicon`` holds them."""
    after: dict[str, dict[str, tuple]] = {}
    for lang, rules in trig.get("after", {}).items():
        for rule in rules:
            if rule["type"] is not None and rule["type"] not in types:
                raise EventLexiconError("unknown type in an 'after' rule", (lang, rule["type"]))
            words = tuple(map(_phrase, rule["words"]))
            for form in rule["forms"]:
                after.setdefault(lang, {}).setdefault(fold(form), ())
                after[lang][fold(form)] += ((words, rule["type"], bool(rule.get("alone"))),)
    following = {lang: _after_trigger(words) for lang, words in trig.get("upcoming", {}).items()}
    before = {lang: role_rules.words_pattern(words) for lang, words in trig.get("scheduled_before", {}).items()}
    untold = {lang: (role_rules.words_pattern(rule["words"]), role_rules.words_pattern(rule["unless_between"]))
              for lang, rule in trig.get("untold_before", {}).items()}
    upcoming = {lang: (following.get(lang), before.get(lang), untold.get(lang))
                for lang in following.keys() | before.keys() | untold.keys()}
    joint: dict[str, tuple] = {}
    for lang, rules in trig.get("joint", {}).items():
        for rule in rules:
            if rule["type"] not in types:
                raise EventLexiconError("unknown type in a 'joint' rule", (lang, rule["type"]))
            reach = rule.get("reach", UPCOMING_LOOKAHEAD)  # characters on, in the trigger's sentence
            words = _after_trigger(rule["words"], anywhere="reach" in rule)
            joint[lang] = (*joint.get(lang, ()), (frozenset(map(_phrase, rule["forms"])), words, rule["type"], reach))
    return after, upcoming, joint


def _excluded_phrases(entries: Iterable[str | Mapping[str, Sequence[str]]]) -> Iterator[str]:
    """The folded phrases of ``exclude``: each a phrase, or ``{"forms": [...], "next": [...]}``, every
    form followed by every next word ("استعادة اللياقة", "لاستعادة لياقته": regaining fitness, no capture)."""
    for entry in entries:
        if isinstance(entry, str):
            yield fold(entry)
        else:
            yield from (fold(f"{form} {word}") for form in entry["forms"] for word in entry["next"])


def _phrases_by_first_word(phrases: Iterable[str]) -> dict[str, tuple[str, ...]]:
    by_first: dict[str, list[str]] = defaultdict(list)
    for phrase in phrases:
        by_first[phrase.split(" ", 1)[0]].append(phrase)
    return {word: tuple(found) for word, found in by_first.items()}


def is_excluded(lex: Lexicon, lang: str, folded: str, start: int) -> bool:
    """Whether a phrase of ``exclude`` starts at the trigger's word (its first word is that word: a
    trigger is matched from its word's start, clitics and all)."""
    end = folded.find(" ", start)
    for phrase in lex.exclude.get(lang, {}).get(folded[start:end if end >= 0 else len(folded)], ()):
        if folded.startswith(phrase, start) and (
            start + len(phrase) == len(folded) or not folded[start + len(phrase)].isalnum()
        ):
            return True
    return False
