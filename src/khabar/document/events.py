"""Events: mentions per article, clustered across articles and languages, with their evidence.

Input records are plain (``ArticleInput`` with ``EntityRef`` and ``DateRef``); the pipeline fills them
from the entity and date stages. Nothing here reads files other than the package's lexicons.

1. ``extract_event_mentions`` finds triggers from a per-language lexicon (``data/events/triggers.json``,
   typed with CAMEO root codes and ACLED event types) on folded text, and for each one takes the
   clause around it: participants (persons and organisations of that clause; for a meeting the
   nearest few, for an attack with actor/target roles by the word order of the language, see
   ``khabar.document.event_roles``), place (the location nearest the trigger) and date (a date in the
   sentence, else relative words or a weekday against a reference day, else the reference day).
   The reference day is the publication date when one was found, else a date hint from the file's
   path or modification time (``ReferenceHint``), which is weaker: ``date_source`` says which
   (``sentence``, ``relative``, ``publication``, ``path``, ``mtime`` or ``none``). Nothing is invented:
   with neither publication date nor hint, relative words leave the mention undated.
   Work is linear in the text: entities are found by bisection over their sorted offsets and each
   mention looks only at a bounded window of its sentence.
2. ``khabar.corpus.events.cluster_events`` groups the mentions of many articles into events.
"""
from __future__ import annotations

import bisect
import datetime
import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from khabar.document import event_dates, event_roles
from khabar.document.event_dates import FoldedText, ReferenceHint
from khabar.document.event_recall import recalled
from khabar.document.event_tense import UPCOMING_LOOKAHEAD, Scheduled, scheduled
from khabar.text.alternation import GAP, factored
from khabar.text.normalize import fold, fold_with_offsets
from khabar.text.sentences import sentence_spans, span_of

_SPACE = re.compile(r"\s+")

SENTENCE_MAX_CHARS = 400
LEAD_CHARS = 400  # an article's opening: its first sentence, and at least this many characters
OTHER = "other"  # the type of a happening the opening tells with no word of the lexicon
_WORD = re.compile(r"\w+")
WINDOW_CHARS = 300  # a mention reads at most this far either side of its trigger (long "sentences" are lists)
STATEMENT = "statement"  # a statement told beside a reaction's object does not set it aside
MEETING = "meeting"  # a meeting whose only parties are clubs is a match (``Lexicon.clubs``)
_AFTER_LOOKBACK = 40  # characters before a trigger read for the words of an 'after' rule
UPCOMING_WORDS_BETWEEN = 3  # words between a trigger and what says it is scheduled ("مباراة كأس السوبر السعودي والتي ستجمع")
VERB_MARK = "v:"
PARTICIPANT_TYPES = frozenset({"person", "organization"})
SUBJECT = event_roles.SUBJECT  # the roles of a happening that befalls one person once (a death): that person
ROLE_POLICIES = ("participant", "actor_target", SUBJECT)
DATE_SOURCES = ("sentence", "relative", "publication", "path", "mtime", "none")  # best first
# how sure a mention's date is, by where it came from: a file's modification time is a weak hint
DATE_CONFIDENCE = {"sentence": 0.9, "relative": 0.8, "publication": 0.7, "path": 0.5, "mtime": 0.3, "none": 0.0}


class EventLexiconError(event_roles.EventDataError):
    """The event lexicon data file is malformed; carries the offending entry."""


# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class EntityRef:
    entity_id: str
    entity_type: str  # person | organization | location
    start: int
    end: int
    surface_form: str


@dataclass(frozen=True)
class DateRef:
    value: datetime.date
    start: int
    end: int


# the dates that give a happening its day: "لشهر أغسطس عام 2015" (a month) names no day, and read as
# its first would set two reports of one happening days apart
DAY_PRECISIONS = frozenset({"day"})


@dataclass(frozen=True)
class ArticleInput:
    article_id: str
    lang: str
    published_date: datetime.date | None
    body: str
    entities: tuple[EntityRef, ...]
    dates: tuple[DateRef, ...]
    outlet_id: str | None = None
    reference_hint: ReferenceHint | None = None
    dateline: str | None = None  # the anatomy's dateline ("کراچی ۔ 16 ستمبر (اے پی پی)"): not part of ``body``
    title: str | None = None  # the anatomy's title

    @property
    def reference(self) -> tuple[datetime.date | None, str]:
        """The day relative words resolve against, and where it came from."""
        if self.published_date is not None:
            return self.published_date, "publication"
        if self.reference_hint is not None:
            return self.reference_hint.value, self.reference_hint.provenance
        return None, "none"


@dataclass(frozen=True)
class EventMention:
    mention_id: str
    article_id: str
    event_type: str
    cameo_root: str
    trigger: str
    trigger_start: int
    sentence: str
    participants: tuple[tuple[str, str], ...]
    location_entity_id: str | None
    event_date: datetime.date | None
    date_source: str
    relative_words: tuple[str, ...] = ()

    @property
    def date_confidence(self) -> float:
        return DATE_CONFIDENCE[self.date_source] if self.event_date is not None else 0.0


# ---------------------------------------------------------------- lexicon


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
    exclude: dict[str, tuple[str, ...]]
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

    def retyped(self, lang: str, core: str, before: str) -> tuple[bool, str | None, bool]:
        """Whether a rule of ``after`` applies to the trigger ``core`` with folded text ``before`` it,
        then the type it is (None: not a trigger), and whether only beside another happening told."""
        for words, etype, alone in self.after.get(lang, {}).get(core, ()):
            if any(before.endswith(w) and (len(before) == len(w) or not before[-len(w) - 1].isalnum()) for w in words):
                return True, etype, alone
        return False, None, False

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
    exclude = {lang: tuple(fold(w) for w in words) for lang, words in trig["exclude"].items()}
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
                   directions, joint, frozenset(clubs.get("ids", ())), clubs.get("type", ""), receiving, holding)


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
    before = {lang: event_roles.words_pattern(words) for lang, words in trig.get("scheduled_before", {}).items()}
    untold = {lang: (event_roles.words_pattern(rule["words"]), event_roles.words_pattern(rule["unless_between"]))
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


def _mention_id(article_id: str, trigger_start: int) -> str:
    return hashlib.sha1(f"{article_id}\x1f{trigger_start}".encode()).hexdigest()[:16]


def _langs(lex: Lexicon, lang: str) -> list[str]:
    return [lang] if lang in lex.triggers else sorted(lex.triggers)


# ---------------------------------------------------------------- mentions


def _is_excluded(lex: Lexicon, lang: str, folded: str, start: int) -> bool:
    for word in lex.exclude.get(lang, ()):
        if folded.startswith(word, start) and (
            start + len(word) == len(folded) or not folded[start + len(word)].isalnum()
        ):
            return True
    return False


@dataclass(frozen=True)
class _Located:
    """An article's entities and dates sorted by offset, to find those of a span by bisection."""

    entities: tuple[EntityRef, ...]
    entity_starts: tuple[int, ...]
    dates: tuple[DateRef, ...]
    date_starts: tuple[int, ...]

    @staticmethod
    def of(article: ArticleInput) -> _Located:
        ents = tuple(sorted(article.entities, key=lambda e: (e.start, e.entity_id)))
        dates = tuple(sorted(article.dates, key=lambda d: (d.start, d.end)))
        return _Located(ents, tuple(e.start for e in ents), dates, tuple(d.start for d in dates))

    def entities_in(self, lo: int, hi: int) -> list[EntityRef]:
        i, j = bisect.bisect_left(self.entity_starts, lo), bisect.bisect_left(self.entity_starts, hi)
        return [e for e in self.entities[i:j] if e.end <= hi]

    def dates_in(self, lo: int, hi: int) -> list[DateRef]:
        i, j = bisect.bisect_left(self.date_starts, lo), bisect.bisect_left(self.date_starts, hi)
        return [d for d in self.dates[i:j] if d.end <= hi]


def extract_event_mentions(
    article: ArticleInput,
    lexicon: Lexicon | None = None,
    *,
    folded_body: tuple[str, tuple[int, ...]] | None = None,
    sentences: list[tuple[int, int]] | None = None,
) -> list[EventMention]:
    """Every trigger in the body, with its clause's participants, its place and its date.

    ``folded_body`` (``fold_with_offsets(article.body)``) and ``sentences``
    (``sentence_spans(article.body)``): when the caller already has them (``khabar.document.article``
    computes them once for entities, dates and events)."""
    lex = lexicon or load_lexicon()
    folded, offsets = fold_with_offsets(article.body) if folded_body is None else folded_body
    text = FoldedText(article.body, folded, offsets)
    spans = sentence_spans(article.body) if sentences is None else sentences
    located = _Located.of(article)
    found: dict[int, EventMention] = {}
    aside: dict[int, tuple[str, EventType, tuple[int, int], bool]] = {}  # no trigger beside another happening told
    past: list[tuple[int, str]] = []  # a happening an 'after' rule says a later one is about ("عقب التفجير")
    for lang in _langs(lex, article.lang):
        for m in lex.triggers[lang].finditer(folded):
            if _is_excluded(lex, lang, folded, m.start()):
                continue
            core = _SPACE.sub(" ", m.group("noun") or m.group("verb"))
            etype = lex.types[lex.trigger_type[lang][core]]
            if core in lex.after.get(lang, ()):
                ruled, retype, alone = lex.retyped(lang, core, folded[max(0, m.start() - _AFTER_LOOKBACK):m.start()].rstrip())
                if ruled and retype is None:
                    if alone:
                        aside.setdefault(offsets[m.start()], (lang, etype, (offsets[m.start()], offsets[m.end() - 1] + 1),
                                                              bool(m.groupdict().get("verb"))))
                    else:
                        past.append((offsets[m.start()], etype.name))
                    continue
                if ruled:
                    etype = lex.types[retype]
            if lang in lex.upcoming or lang in lex.joint:
                s0, s1 = span_of(spans, offsets[m.start()])
                sentence = text.span(s0, s1 or len(article.body))
                if scheduled(lex.upcoming.get(lang), text, m.span(), sentence):
                    continue
                for forms, words, jtype, reach in lex.joint.get(lang, ()):
                    if core in forms and words.match(folded, m.end(), min(m.end() + reach, sentence[1])):
                        etype = lex.types[jtype]
                        break
            start = offsets[m.start()]
            end = offsets[m.end() - 1] + 1
            if start not in found:
                mention = _mention(article, text, located, lex, lang, etype, (start, end), spans, bool(m.groupdict().get("verb")))
                if etype.roles != SUBJECT or mention.participants:  # a death of no one named: "وفاة شخص"
                    found[start] = mention
    _tell_the_opening(article, text, located, lex, spans, found, aside, past)
    return [found[k] for k in sorted(found)]


def _tell_the_opening(article: ArticleInput, text: FoldedText, located: _Located, lex: Lexicon, spans: Sequence[tuple[int, int]],
                      found: dict[int, EventMention], aside: Mapping[int, tuple[str, EventType, tuple[int, int], bool]],
                      past: Sequence[tuple[int, str]]) -> None:
    """Add to ``found`` what an opening whose triggers tell no act but a statement tells: the attack it
    condemns, the bombing whose victims it condoles (``aside``: "alone" in ``after``), unless the
    opening also speaks of a happening of its kind as past (``past``: "سارع الآلاف ... عقب التفجير
    الغاشم ... للتبرع بالدم لضحايا التفجير", blood given for its victims after it is a happening of
    its own); else, when they tell nothing, a happening the lexicon has no word for (or names only as
    what it dates itself by: "landed after the liberation"), of type ``OTHER``, anchored on the
    opening's first word."""
    opening = opening_end(spans)
    told = [k for k, m in found.items()
            if k < opening and not recalled(article.body, k, m.event_type, article.lang, k + len(m.trigger), spans)]
    gone = {kind for k, kind in past if k < opening}
    alone = [k for k in sorted(aside) if k < opening and aside[k][1].name not in gone]
    if alone and all(found[k].event_type == STATEMENT for k in told):
        lang, etype, trigger, verb = aside[alone[0]]
        mention = _mention(article, text, located, lex, lang, etype, trigger, spans, verb)
        if not recalled(article.body, alone[0], mention.event_type, article.lang, trigger[1], spans):
            found[alone[0]] = mention
            told.append(alone[0])
    if OTHER in lex.types and spans and not told:
        first = _WORD.search(article.body, spans[0][0], opening)
        if first is not None:
            found[first.start()] = _mention(article, text, located, lex, article.lang, lex.types[OTHER],
                                            first.span(), spans, dated_to=opening)


# the meeting triggers that are visits, folded; Arabic only so far (3 mentions in 3,136 Saudi articles: the wounded, a hostage)
_VISIT_STEMS = tuple(fold(w) for w in ("زار", "زيار", "يزور", "تزور"))


def visit(event_type: str, trigger: str) -> bool:
    """A meeting's trigger that is a visit (to a host, a site, the wounded), not any meeting ("اللقاء
    الديموقراطي" is a party's name)."""
    return event_type == MEETING and any(v in fold(trigger) for v in _VISIT_STEMS)


def opening_end(spans: Sequence[tuple[int, int]]) -> int:
    """Where an article's opening ends, given its sentence spans: news tells its happening first
    ("Turkish jets struck IS in Syria today, four days after the suicide bombing…") and recalls
    others further down (the attack of 11 September 2001, an earlier visit)."""
    return max(spans[0][1] if spans else 0, LEAD_CHARS)


def mention_window(spans: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The trigger's sentence, cut to WINDOW_CHARS either side of the trigger."""
    s0, s1 = span_of(spans, start)
    if s1 <= s0:
        s0, s1 = start, end
    return max(s0, start - WINDOW_CHARS), min(max(s1, end), end + WINDOW_CHARS)


def _roles(
    article: ArticleInput, text: FoldedText, located: _Located, etype: EventType, trigger: tuple[int, int],
    window: tuple[int, int], opening: int, verb: bool,
) -> tuple[dict[str, str], list[EntityRef]]:
    start, end = trigger
    rules = event_roles.load_roles().get(article.lang)
    told_at = event_roles.happened_at(text.folded, text.offsets, window, trigger, rules)
    c0, c1 = event_roles.clause_of(text.folded, text.offsets, window, trigger, rules, text.body, told_at)
    named = [e for e in located.entities_in(c0, c1) if e.entity_type in PARTICIPANT_TYPES]
    if etype.roles == "actor_target":
        roles = event_roles.actors_and_targets(article.body, named, start, end, rules, window[0], verb)
    elif etype.roles == SUBJECT:
        roles = event_roles.subject(article.body, [e for e in named if e.entity_type == "person"], start, end, everyone=article.entities, opening=opening)
    else:
        roles = event_roles.participants(article.body, named, start, end, rules)
    places = [e for e in located.entities_in(*window) if e.entity_type == "location"]
    if told_at is not None and any(e.start >= told_at for e in places):
        places = [e for e in places if e.start >= told_at]  # "الذي وقع ... بمنطقة عسير": where it took place
    return roles, places


def _mention(article: ArticleInput, text: FoldedText, located: _Located, lex: Lexicon, lang: str, etype: EventType,
             trigger: tuple[int, int], spans: Sequence[tuple[int, int]], verb: bool = False,
             dated_to: int = 0) -> EventMention:
    """One mention; ``verb``: its trigger matched a verb form (a verb's doer follows it in Arabic);
    ``dated_to``: where the opening of a happening of no known type ends (its day may be told there)."""
    start, end = trigger
    window = mention_window(spans, start, end)
    participants, places = _roles(article, text, located, etype, trigger, window, opening_end(spans), verb)
    if etype.name == MEETING and participants and lex.clubs >= participants.keys():
        etype = lex.types[lex.clubs_meet_as]  # a meeting of clubs alone is a game: "لقاء الهلال وفولاذ"
    location = event_roles.place_of(article.body, places, start, end, article.lang) if places else None
    date, source, rel_words = event_dates.date_of(article, text, located.dates_in, lex, lang, (start, end), window,
                                                  dated_to)
    sentence = _SPACE.sub(" ", body_slice(article.body, *window, start)).strip()
    return EventMention(
        mention_id=_mention_id(article.article_id, start),
        article_id=article.article_id,
        event_type=etype.name,
        cameo_root=etype.cameo_root,
        trigger=article.body[start:end],
        trigger_start=start,
        sentence=sentence,
        participants=tuple(participants.items()),
        location_entity_id=location,
        event_date=date,
        date_source=source,
        relative_words=rel_words,
    )


def body_slice(body: str, s0: int, s1: int, anchor: int) -> str:
    """The sentence, cut to SENTENCE_MAX_CHARS around ``anchor`` when longer."""
    if s1 - s0 <= SENTENCE_MAX_CHARS:
        return body[s0:s1]
    lo = max(s0, min(anchor - SENTENCE_MAX_CHARS // 2, s1 - SENTENCE_MAX_CHARS))
    return body[lo : lo + SENTENCE_MAX_CHARS]
