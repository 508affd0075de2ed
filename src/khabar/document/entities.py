"""Entity linking: one real-world entity across scripts and spellings.

Input is an article body; output is a list of non-overlapping ``EntityMention`` with offsets in the
text given. Four steps, each a small function over frozen records:

1. **exact** — Aho-Corasick over the folded aliases of the gazetteer (``khabar.text.normalize.fold``:
   alef/hamza, yeh, kaf, heh, diacritics, tatweel, ZWNJ, digits) run on the folded text, kept only at
   word boundaries. Arabic proclitics (و ف ب ل ك and their pairs) may precede a name inside its word,
   including li + al- written 'لل' ('للأسد'); Persian ezafe 'ی' may follow a name ending in a vowel
   letter. Longest match wins, then earliest.
2. **ambiguity** — aliases that are also common words or mean different things in different
   languages carry rules (data: ``data/entities/ambiguous.json``): 'شام' is Syria in Urdu but not
   after 'شبكة' and not in Arabic; the bare 'الأسد' is Bashar al-Assad only when the text also names
   him in full or a title/first name stands before it.
3. **fuzzy** — a word left over is compared with single-word aliases by edit distance on the folded
   form and on a cross-script consonant skeleton (``data/entities/skeleton.json``). It needs context:
   a role title before the word (or, for Persian/Urdu apposition, after it: 'وزير الدفاع الروسي',
   'وزیر دفاع روسیه'), a known first name before it ('سيرغي'), a person title ('الوزير'), or the same
   person named exactly elsewhere in the text (``data/entities/titles.json``). Nationality adjectives,
   clause openers ('والشعب') and patronymics ('bin Zayed') are never fuzzy keys or candidates.
4. **pattern** — an unknown name right after a person title ('الرئيس X', 'وزیر خارجه X', 'ترجمان X')
   or a place cue ('مدينة X', 'استان X', 'صوبہ X') becomes a candidate entity ``cand:<slug>``.
"""
from __future__ import annotations

import bisect
import csv
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from os import PathLike

import ahocorasick
from rapidfuzz import fuzz, process

from khabar.text.chars import DIACRITICS, TATWEEL
from khabar.text.normalize import (
    affix_stems,
    arabic_article,
    fold,
    fold_with_offsets,
    is_attached_suffix,
    is_proclitic_prefix,
    takes_arabic_proclitics,
)

ENTITY_TYPES = frozenset({"person", "organization", "location"})
METHOD_EXACT = "exact"
METHOD_FUZZY = "fuzzy"
METHOD_PATTERN = "pattern"
CANDIDATE_PREFIX = "cand:"
SPACE = " "
# how far back a cue phrase ("وزير الدفاع الروسي") is looked for before a word; longer than any cue
CONTEXT_WINDOW = 200
WAW = "\u0648"  # Arabic conjunction 'and' when it opens a word
FOLDED_YEH = "\u06cc"  # every yeh after folding; ends nisba adjectives ('السوري')

CONFIDENCE_EXACT = 0.95
CONFIDENCE_AFFIXED = 0.9
CONFIDENCE_CONTEXTUAL = 0.85
CONFIDENCE_PATTERN = 0.5
FUZZY_CONFIDENCE_SCALE = 0.9

# Fuzzy thresholds on the combined score (0-100: mean of folded and skeleton similarity).
# Without a title, first name or role next to it, a word is compared only with persons the text
# names exactly elsewhere (one sense per discourse); a free-standing fuzzy lookup over the whole
# gazetteer linked common words ('اسلامی' → Salami) far more often than unseen spellings.
FUZZY_MIN_WITHOUT_CONTEXT = 90.0
FUZZY_MIN_WITH_SUPPORT = 80.0
FUZZY_MIN_FOLDED_WITH_SUPPORT = 75.0
FUZZY_MIN_LENGTH_WITHOUT_CONTEXT = 5
FUZZY_MIN_AFTER_TITLE = 72.0
FUZZY_MIN_FOLDED_AFTER_TITLE = 70.0
FUZZY_MIN_FOR_ROLE = 55.0
FUZZY_MIN_FOLDED_FOR_ROLE = 60.0
FUZZY_SUPPORT_BONUS = 10.0
FUZZY_MIN_KEY_LENGTH = 4
FUZZY_SHORT_WORD = 5  # below this many letters one edit changes a name into another name
FUZZY_MIN_FOLDED_SHORT = 85.0
NAME_MAX_WORDS = 2
FIRST_NAME_MIN_LENGTH = 4

_WORDS = re.compile(r"\S+")
_NAME_BREAK = re.compile(r"[.,،؛;:!?؟()\[\]\n\r|/\\\-–—]")
_TRAILING_MARKS = re.compile(f"[{DIACRITICS}{TATWEEL}]")


class GazetteerError(ValueError):
    """A gazetteer file is malformed; ``value`` is the offending row or value."""

    def __init__(self, message: str, value: object) -> None:
        super().__init__(f"{message}: {value!r}")
        self.value = value


@dataclass(frozen=True)
class Entity:
    entity_id: str
    canonical_name: str
    entity_type: str
    wikidata_id: str | None


@dataclass(frozen=True)
class EntityMention:
    entity_id: str
    canonical_name: str
    entity_type: str
    surface_form: str
    start: int
    end: int
    method: str
    confidence: float


@dataclass(frozen=True)
class _Entry:
    """One folded alias key pointing at one entity."""

    entity_id: str
    alias_key: str
    article_dropped: bool


@dataclass(frozen=True)
class _Rule:
    langs: frozenset[str] | None
    needs_support: bool
    cues: tuple[str, ...]
    not_after: tuple[str, ...]
    not_before: tuple[str, ...]


@dataclass(frozen=True)
class _FuzzyKey:
    key: str
    skeleton: str
    entity_id: str


@dataclass(frozen=True)
class _Context:
    person_titles: Mapping[str, tuple[str, ...]]
    role_titles: tuple[tuple[str, frozenset[str]], ...]
    location_cues: Mapping[str, tuple[str, ...]]
    skip_after_title: frozenset[str]
    connectors: frozenset[str]
    stopwords: frozenset[str]


@dataclass(frozen=True)
class _Skeleton:
    letters: Mapping[str, str]
    digraphs: Mapping[str, str]
    drop_final: frozenset[str]


@dataclass(frozen=True, eq=False)
class Gazetteer:
    """Entities, their folded aliases and the indexes built from them (built once, read-only)."""

    entities: Mapping[str, Entity]
    aliases: Mapping[str, tuple[_Entry, ...]]
    automaton: ahocorasick.Automaton
    rules: Mapping[tuple[str, str], _Rule]
    fuzzy_keys: tuple[_FuzzyKey, ...]
    fuzzy_choices: tuple[str, ...]
    first_names: Mapping[str, frozenset[str]]
    context: _Context
    skeleton: _Skeleton

    def __len__(self) -> int:
        return len(self.entities)


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    first_word: int
    last_word: int
    entries: tuple[_Entry, ...]
    affixed: bool


# ---------------------------------------------------------------------------------------------
# package data


def _read_json(name: str) -> dict:
    return json.loads(resources.files("khabar").joinpath(f"data/entities/{name}").read_text("utf-8"))


@lru_cache(maxsize=1)
def _skeleton_table() -> _Skeleton:
    data = _read_json("skeleton.json")
    return _Skeleton(
        letters=dict(data["letters"]),
        digraphs=dict(data["latin_digraphs"]),
        drop_final=frozenset(data["drop_final"]),
    )


def _fold_all(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(f for f in (fold(v) for v in values) if f))


@lru_cache(maxsize=1)
def _context_table() -> _Context:
    data = _read_json("titles.json")
    return _Context(
        person_titles={lang: _fold_all(v) for lang, v in data["person_titles"].items()},
        role_titles=tuple(
            (title, frozenset(group["entities"]))
            for group in data["role_titles"]
            for title in _fold_all(group["titles"])
        ),
        location_cues={lang: _fold_all(v) for lang, v in data["location_cues"].items()},
        skip_after_title=frozenset(_fold_all(w for ws in data["skip_after_title"].values() for w in ws)),
        connectors=frozenset(_fold_all(data["connectors"])),
        stopwords=frozenset(_fold_all(w for ws in data["stopwords"].values() for w in ws)),
    )


def _rules_table() -> dict[tuple[str, str], _Rule]:
    data = _read_json("ambiguous.json")
    rules: dict[tuple[str, str], _Rule] = {}
    for raw in data["rules"]:
        rule = _Rule(
            langs=frozenset(raw["langs"]) if "langs" in raw else None,
            needs_support=raw.get("needs") == "support",
            cues=_fold_all(raw.get("cues", ())),
            not_after=_fold_all(raw.get("not_after", ())),
            not_before=_fold_all(raw.get("not_before", ())),
        )
        for alias in raw["aliases"]:
            rules[(raw["entity_id"], fold(alias))] = rule
    return rules


# ---------------------------------------------------------------------------------------------
# skeleton


def phonetic_skeleton(text: str) -> str:
    """Consonant classes of a (folded or raw) name, the same for 'شويغو', 'شویگو' and 'Shoigu'."""
    table = _skeleton_table()
    words = []
    for word in fold(text).split():
        if word and word[-1] in table.drop_final:
            word = word[:-1]
        classes: list[str] = []
        i = 0
        while i < len(word):
            pair = word[i : i + 2]
            if pair in table.digraphs:
                piece, i = table.digraphs[pair], i + 2
            else:
                piece, i = table.letters.get(word[i], ""), i + 1
            for cls in piece:
                if not classes or classes[-1] != cls:
                    classes.append(cls)
        words.append("".join(classes))
    return SPACE.join(w for w in words if w)


# ---------------------------------------------------------------------------------------------
# loading


def _read_csv(path: str | PathLike[str], required: tuple[str, ...]) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in required if c not in (reader.fieldnames or ())]
        if missing:
            raise GazetteerError(f"{path}: missing columns", missing)
        return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


def _alias_variants(key: str) -> list[tuple[str, bool]]:
    """Folded keys an alias is found under: as written, 'دير الزور' also as 'ديرالزور', and
    'الأسد' also without its article (only valid after li-: 'للأسد')."""
    article = arabic_article()
    variants = [(key, False)]
    joined = key.replace(SPACE + article, article)
    if joined != key:
        variants.append((joined, False))
    if key.startswith(article) and len(key) > len(article) + 2 and SPACE not in key[: len(article) + 1]:
        variants.append((key[len(article):], True))
    return variants


def load_gazetteer(entities_csv: str | PathLike[str], aliases_csv: str | PathLike[str]) -> Gazetteer:
    """Read the two seed CSVs and build the matching indexes."""
    entities: dict[str, Entity] = {}
    for row in _read_csv(entities_csv, ("entity_id", "canonical_name", "entity_type", "wikidata_id")):
        if row["entity_type"] not in ENTITY_TYPES:
            raise GazetteerError("unknown entity_type", row)
        if row["entity_id"] in entities:
            raise GazetteerError("duplicate entity_id", row["entity_id"])
        entities[row["entity_id"]] = Entity(
            row["entity_id"], row["canonical_name"], row["entity_type"], row["wikidata_id"] or None
        )
    for name in (e.canonical_name for e in entities.values()):
        if not name:
            raise GazetteerError("empty canonical_name", name)

    rules = _rules_table()
    all_titles = {w for t in _titles_for(_context_table().person_titles, None) for w in t.split()}
    connectors = _context_table().connectors
    by_key: dict[str, dict[tuple[str, bool], _Entry]] = {}
    fuzzy: dict[tuple[str, str], _FuzzyKey] = {}
    first_names: dict[str, set[str]] = {}
    alias_rows = _read_csv(aliases_csv, ("entity_id", "lang", "alias"))
    alias_rows.extend({"entity_id": e.entity_id, "lang": "en", "alias": e.canonical_name} for e in entities.values())
    for row in alias_rows:
        entity = entities.get(row["entity_id"])
        if entity is None:
            raise GazetteerError("alias for an unknown entity", row)
        key = fold(row["alias"])
        if not key:
            continue
        for variant, dropped in _alias_variants(key):
            by_key.setdefault(variant, {}).setdefault(
                (entity.entity_id, dropped), _Entry(entity.entity_id, key, dropped)
            )
        if (entity.entity_id, key) in rules:
            continue
        words = key.split()
        if len(words) == 1 and len(key) >= FUZZY_MIN_KEY_LENGTH and not key.isdigit():
            fuzzy.setdefault((key, entity.entity_id), _FuzzyKey(key, phonetic_skeleton(key), entity.entity_id))
        elif len(words) > 1 and entity.entity_type == "person" and words[0] not in all_titles:
            surname = words[-1]
            # a patronymic ('bin Zayed') is shared by a family: not a key for one person
            if len(surname) >= FUZZY_MIN_KEY_LENGTH and words[-2] not in connectors:
                fuzzy.setdefault(
                    (surname, entity.entity_id), _FuzzyKey(surname, phonetic_skeleton(surname), entity.entity_id)
                )
            first_names.setdefault(words[0], set()).add(entity.entity_id)

    automaton = ahocorasick.Automaton()
    for key in sorted(by_key):
        automaton.add_word(key, key)
    if by_key:
        automaton.make_automaton()
    fuzzy_keys = tuple(fuzzy[k] for k in sorted(fuzzy))
    return Gazetteer(
        entities=entities,
        aliases={k: tuple(v[e] for e in sorted(v)) for k, v in sorted(by_key.items())},
        automaton=automaton,
        rules=rules,
        fuzzy_keys=fuzzy_keys,
        fuzzy_choices=tuple(k.key for k in fuzzy_keys),
        first_names={k: frozenset(v) for k, v in first_names.items()},
        context=_context_table(),
        skeleton=_skeleton_table(),
    )


# ---------------------------------------------------------------------------------------------
# context helpers over the folded text


def _proclitic_readings(word: str, lang: str | None) -> set[str]:
    """The word and the word without Arabic proclitics (never without its article)."""
    readings = {word}
    if takes_arabic_proclitics(lang):
        for cut in (1, 2):
            if len(word) > cut + 2 and is_proclitic_prefix(word[:cut]):
                readings.add(word[cut:])
    return readings


def _preceded_by(folded: str, position: int, phrases: Iterable[str], lang: str | None) -> bool:
    """Does one of ``phrases`` end right before ``position`` (a word start)? The word before may
    carry proclitics ('لشبكة' counts as 'شبكة', 'والرئيس' as 'الرئيس')."""
    return _preceding_phrase(folded, position, phrases, lang) is not None


def _preceding_phrase(folded: str, position: int, phrases: Iterable[str], lang: str | None) -> str | None:
    """The first of ``phrases`` that ends right before ``position``, or None."""
    readings = _readings_before(folded, position, lang)
    if not readings:
        return None
    phrases = tuple(phrases)
    found = _phrases_ending(readings, phrases)
    return next((phrase for phrase in phrases if phrase in found), None) if found else None


@lru_cache(maxsize=256)
def _by_last_word(phrases: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = defaultdict(list)
    for phrase in phrases:
        index[phrase.rpartition(SPACE)[2]].append(phrase)
    return {word: tuple(group) for word, group in index.items()}


def _phrases_ending(readings: tuple[str, ...], phrases: tuple[str, ...]) -> set[str]:
    """Which of ``phrases`` end one of ``readings`` (looked up by last word, not tried one by one)."""
    index = _by_last_word(phrases)
    found = set()
    for candidate in readings:
        for phrase in index.get(candidate.rpartition(SPACE)[2], ()):
            if candidate == phrase or candidate.endswith(SPACE + phrase):
                found.add(phrase)
    return found


def _ends_with(readings: tuple[str, ...], phrase: str) -> bool:
    return any(candidate == phrase or candidate.endswith(SPACE + phrase) for candidate in readings)


def _text_after(folded: str, position: int) -> str:
    """The text after ``position``, a window cut at a word end."""
    end = position + CONTEXT_WINDOW
    after = folded[position:end].lstrip()
    if end < len(folded) and folded[end] != SPACE:
        after = after.rpartition(SPACE)[0]
    return after


def _readings_before(folded: str, position: int, lang: str | None) -> tuple[str, ...]:
    """The text before ``position`` (a window long enough for any cue phrase, cut at a word start),
    in each reading of its last word with and without proclitics."""
    window_start = max(0, position - CONTEXT_WINDOW)
    before = folded[window_start:position].rstrip()
    if window_start > 0 and folded[window_start - 1] != SPACE:
        before = before.partition(SPACE)[2]  # drop the word the window cut into
    if not before:
        return ()
    head, _, last_word = before.rpartition(SPACE)
    return tuple(f"{head} {r}" if head else r for r in _proclitic_readings(last_word, lang))


def _followed_by(folded: str, position: int, phrases: Iterable[str]) -> bool:
    after = _text_after(folded, position)
    return any(after == p or after.startswith(p + SPACE) for p in phrases)


def _rule_allows(rule: _Rule, folded: str, cand: _Candidate, words: list[tuple[int, int]], lang: str | None) -> bool:
    if rule.langs is not None and lang not in rule.langs:
        return False
    word_start = words[cand.first_word][0]
    word_end = words[cand.last_word][1]
    if rule.not_after and _preceded_by(folded, word_start, rule.not_after, lang):
        return False
    if rule.not_before and _followed_by(folded, word_end, rule.not_before):
        return False
    return True


# ---------------------------------------------------------------------------------------------
# step 1 and 2: exact matching with boundaries, then ambiguity rules


def _exact_candidates(
    folded: str, words: list[tuple[int, int]], lang: str | None, gaz: Gazetteer
) -> list[_Candidate]:
    starts = [s for s, _ in words]
    found: list[_Candidate] = []
    if not gaz.aliases:
        return found
    clitics_allowed = takes_arabic_proclitics(lang)
    for end_index, key in gaz.automaton.iter(folded):
        end = end_index + 1
        start = end - len(key)
        first = bisect.bisect_right(starts, start) - 1
        last = bisect.bisect_right(starts, end - 1) - 1
        prefix = folded[words[first][0] : start]
        suffix = folded[end : words[last][1]]
        if SPACE in prefix or SPACE in suffix:
            continue
        if suffix and not is_attached_suffix(key.rsplit(SPACE, 1)[-1], suffix, lang):
            continue
        entries = []
        for entry in gaz.aliases[key]:
            if entry.article_dropped:
                ok = clitics_allowed and is_proclitic_prefix(prefix, article_dropped=True)
            else:
                ok = not prefix or (clitics_allowed and is_proclitic_prefix(prefix))
            if ok:
                entries.append(entry)
        if entries:
            found.append(_Candidate(start, end, first, last, tuple(entries), bool(prefix or suffix)))
    return found


def _resolve_overlaps(candidates: Iterable[_Candidate], size: int) -> list[_Candidate]:
    """Longest first, then earliest: a greedy pass over an occupancy mask."""
    taken = bytearray(size)
    chosen = []
    for cand in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        if any(taken[cand.start : cand.end]):
            continue
        taken[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
        chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


def _link_exact(
    folded: str, words: list[tuple[int, int]], lang: str | None, gaz: Gazetteer
) -> list[tuple[_Candidate, _Entry, float]]:
    viable: list[_Candidate] = []
    for cand in _exact_candidates(folded, words, lang, gaz):
        entries = tuple(
            e
            for e in cand.entries
            if (rule := gaz.rules.get((e.entity_id, e.alias_key))) is None
            or _rule_allows(rule, folded, cand, words, lang)
        )
        if entries:
            viable.append(_Candidate(cand.start, cand.end, cand.first_word, cand.last_word, entries, cand.affixed))
    chosen = _resolve_overlaps(viable, len(folded))
    supported = {
        e.entity_id
        for c in chosen
        for e in c.entries
        if len(c.entries) == 1
        and ((r := gaz.rules.get((e.entity_id, e.alias_key))) is None or not r.needs_support)
    }
    linked = []
    for cand in chosen:
        picks = []
        for entry in cand.entries:
            rule = gaz.rules.get((entry.entity_id, entry.alias_key))
            if rule is None or not rule.needs_support:
                picks.append((0 if rule is None else 1, entry, CONFIDENCE_EXACT if rule is None else CONFIDENCE_CONTEXTUAL))
            elif entry.entity_id in supported or _preceded_by(folded, words[cand.first_word][0], rule.cues, lang):
                picks.append((0, entry, CONFIDENCE_CONTEXTUAL))
        if not picks:
            continue
        # several entities share the key: one the text names elsewhere first, then gazetteer order
        picks.sort(key=lambda p: (p[0], p[1].entity_id not in supported, p[1].entity_id))
        _, entry, confidence = picks[0]
        if cand.affixed:
            confidence = min(confidence, CONFIDENCE_AFFIXED)
        linked.append((cand, entry, confidence))
    return linked


# ---------------------------------------------------------------------------------------------
# step 3: fuzzy


def _fuzzy_context(
    folded: str, words: list[tuple[int, int]], index: int, lang: str | None, gaz: Gazetteer
) -> tuple[float, frozenset[str] | None, bool]:
    """(threshold, restrict-to entity ids or None, persons only) for the word at ``index``."""
    ctx = gaz.context
    start, end = words[index]
    readings = _readings_before(folded, start, lang)
    after = _text_after(folded, end)
    before_titles = _phrases_ending(readings, tuple(t for t, _ in ctx.role_titles)) if readings else set()
    for title, entity_ids in ctx.role_titles:
        if title in before_titles or after == title or after.startswith(title + SPACE):
            return FUZZY_MIN_FOR_ROLE, entity_ids, True
    if index > 0:
        previous = folded[words[index - 1][0] : words[index - 1][1]]
        if (
            previous in gaz.first_names
            and len(previous) >= FIRST_NAME_MIN_LENGTH
            and previous not in ctx.stopwords
        ):
            return FUZZY_MIN_FOR_ROLE, gaz.first_names[previous], True
    titles = _titles_for(ctx.person_titles, lang)
    if readings and _phrases_ending(readings, tuple(titles)):
        return FUZZY_MIN_AFTER_TITLE, None, True
    return FUZZY_MIN_WITHOUT_CONTEXT, None, False


def _titles_for(table: Mapping[str, tuple[str, ...]], lang: str | None) -> tuple[str, ...]:
    if lang in table:
        return table[lang]
    return tuple(t for ts in table.values() for t in ts)


def _folded_floor(cutoff: float) -> float:
    """Edit-distance similarity the folded spelling itself must reach, whatever the skeleton says."""
    if cutoff >= FUZZY_MIN_WITH_SUPPORT:
        return FUZZY_MIN_FOLDED_WITH_SUPPORT
    if cutoff >= FUZZY_MIN_AFTER_TITLE:
        return FUZZY_MIN_FOLDED_AFTER_TITLE
    return FUZZY_MIN_FOLDED_FOR_ROLE


@lru_cache(maxsize=4)
def _fuzzy_keys_by_entity(gaz: Gazetteer) -> dict[str, tuple[int, ...]]:
    index: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(gaz.fuzzy_keys):
        index[key.entity_id].append(i)
    return {entity_id: tuple(ids) for entity_id, ids in index.items()}


def _best_fuzzy(
    stem: str,
    gaz: Gazetteer,
    restrict: frozenset[str] | None,
    persons_only: bool,
    supported: set[str],
    cutoff: float,
) -> tuple[_FuzzyKey, float] | None:
    skeleton = phonetic_skeleton(stem)
    if restrict is not None:
        keys = _fuzzy_keys_by_entity(gaz)
        pool = sorted(i for entity_id in restrict for i in keys.get(entity_id, ()))
        scored = [(i, fuzz.ratio(stem, gaz.fuzzy_choices[i])) for i in pool]
    else:
        prefilter = max(cutoff - 30.0, 0.0)
        scored = [
            (i, score)
            for _, score, i in process.extract(
                stem, gaz.fuzzy_choices, scorer=fuzz.ratio, score_cutoff=prefilter, limit=8
            )
        ]
    best: tuple[_FuzzyKey, float] | None = None
    for i, folded_score in scored:
        key = gaz.fuzzy_keys[i]
        entity = gaz.entities[key.entity_id]
        if persons_only and entity.entity_type != "person":
            continue
        floor = _folded_floor(cutoff)
        if min(len(stem), len(key.key)) < FUZZY_SHORT_WORD:
            floor = max(floor, FUZZY_MIN_FOLDED_SHORT)
        if folded_score < floor:
            continue
        score = 0.5 * folded_score + 0.5 * fuzz.ratio(skeleton, key.skeleton)
        if key.entity_id in supported:
            score += FUZZY_SUPPORT_BONUS
        if best is None or score > best[1] or (score == best[1] and key.entity_id < best[0].entity_id):
            best = (key, score)
    if best is None or best[1] < cutoff:
        return None
    return best


def _looks_like_clause_or_adjective(word: str, lang: str | None) -> bool:
    """Arabic words that are not a fresh name: 'والشعب' (a conjunction opens a new phrase) and nisba
    adjectives 'الإيطالي' (al-…-i). Known names of that shape ('السيستاني') are exact aliases."""
    if not takes_arabic_proclitics(lang):
        return False
    article = arabic_article()
    if word.startswith(WAW + article) or (word.startswith(article) and word.endswith(FOLDED_YEH)):
        return True
    return False


def _link_fuzzy(
    folded: str,
    words: list[tuple[int, int]],
    taken: bytearray,
    lang: str | None,
    gaz: Gazetteer,
    supported: set[str],
) -> list[tuple[int, int, _FuzzyKey, float]]:
    if not gaz.fuzzy_keys:
        return []
    titles = set(_titles_for(gaz.context.person_titles, None))
    found = []
    for index, (start, end) in enumerate(words):
        if any(taken[start:end]):
            continue
        word = folded[start:end]
        if len(word) < 3 or word.isdigit() or word in gaz.context.stopwords:
            continue
        if _looks_like_clause_or_adjective(word, lang):
            continue
        stems = affix_stems(word, lang)
        if any(stem in gaz.context.skip_after_title or stem in gaz.context.stopwords or stem in titles for stem in stems):
            continue
        threshold, restrict, persons_only = _fuzzy_context(folded, words, index, lang, gaz)
        if restrict is None and not persons_only:
            # no context: only a near spelling of a person the text names exactly elsewhere
            restrict = frozenset(e for e in supported if gaz.entities[e].entity_type == "person")
            if not restrict or len(word) < FUZZY_MIN_LENGTH_WITHOUT_CONTEXT:
                continue
            threshold, persons_only = FUZZY_MIN_WITH_SUPPORT, True
        best: tuple[_FuzzyKey, float] | None = None
        for stem in stems:
            hit = _best_fuzzy(stem, gaz, restrict, persons_only, supported, threshold)
            if hit and (best is None or hit[1] > best[1]):
                best = hit
        if best is not None:
            found.append((start, end, best[0], min(best[1], 100.0)))
    return found


# ---------------------------------------------------------------------------------------------
# step 4: discovery after titles


def _gap_breaks(text: str, offsets: tuple[int, ...], words: list[tuple[int, int]], index: int) -> bool:
    """Is there punctuation in the original text between word ``index - 1`` and word ``index``?"""
    if index == 0:
        return True
    return bool(_NAME_BREAK.search(text[offsets[words[index - 1][1] - 1] + 1 : offsets[words[index][0]]]))


def _name_after(
    text: str,
    offsets: tuple[int, ...],
    folded: str,
    words: list[tuple[int, int]],
    index: int,
    taken: bytearray,
    gaz: Gazetteer,
    lang: str | None,
    entity_type: str,
) -> list[int]:
    """Word indexes of an unknown name starting at word ``index`` (right after a cue), or []."""
    ctx = gaz.context
    article = arabic_article()
    picked: list[int] = []
    while index < len(words):
        start, end = words[index]
        word = folded[start:end]
        if (
            any(taken[start:end])
            or word in ctx.stopwords
            or word in ctx.skip_after_title
            or any(ch.isdigit() for ch in word)
            or _gap_breaks(text, offsets, words, index)
            or (not picked and _looks_like_clause_or_adjective(word, lang))
        ):
            break
        if lang == "en" or (lang is None and word.isascii()):
            if not text[offsets[start]].isupper():
                break
        if picked and takes_arabic_proclitics(lang) and is_proclitic_prefix(word[:1]) and word not in ctx.connectors:
            break  # 'الحويقة وحقّق': a conjunction starts the next clause
        if picked and entity_type == "location":
            first = folded[words[picked[0]][0] : words[picked[0]][1]]
            if not (word.startswith(article) and not first.startswith(article)):
                break
        picked.append(index)
        has_connector = any(folded[words[i][0] : words[i][1]] in ctx.connectors for i in picked)
        if len(picked) >= NAME_MAX_WORDS + (1 if has_connector else 0):
            break
        index += 1
    while picked and folded[words[picked[-1]][0] : words[picked[-1]][1]] in ctx.connectors:
        picked.pop()
    return picked


def _discover(
    text: str,
    folded: str,
    offsets: tuple[int, ...],
    words: list[tuple[int, int]],
    taken: bytearray,
    lang: str | None,
    gaz: Gazetteer,
) -> list[tuple[int, int, str]]:
    ctx = gaz.context
    cues = [(t, "person") for t in _titles_for(ctx.person_titles, lang)]
    cues += [(t, "location") for t in _titles_for(ctx.location_cues, lang)]
    cue_kinds: dict[str, str] = {}
    for cue, kind in cues:
        cue_kinds.setdefault(cue, kind)
    found = []
    index = 0
    while index < len(words):
        start = words[index][0]
        entity_type = None
        if not any(taken[start : words[index][1]]):
            cue = _preceding_phrase(folded, start, cue_kinds, lang)
            entity_type = cue_kinds[cue] if cue is not None else None
        if entity_type is None:
            index += 1
            continue
        # skip adjectives between title and name ('الرئيس السوري X'), then read the name
        first = index
        while first < len(words) and folded[words[first][0] : words[first][1]] in ctx.skip_after_title:
            first += 1
        picked = _name_after(text, offsets, folded, words, first, taken, gaz, lang, entity_type)
        if not picked:
            index += 1
            continue
        end = words[picked[-1]][1]
        begin = words[picked[0]][0]
        found.append((begin, end, entity_type))
        taken[begin:end] = b"\x01" * (end - begin)
        index = picked[-1] + 1
    return found


# ---------------------------------------------------------------------------------------------
# public entry point


def _original_span(text: str, offsets: tuple[int, ...], start: int, end: int) -> tuple[int, int]:
    o_start = offsets[start]
    o_end = offsets[end - 1] + 1
    while o_end < len(text) and _TRAILING_MARKS.match(text[o_end]):
        o_end += 1
    return o_start, o_end


def _slug(folded_name: str) -> str:
    return CANDIDATE_PREFIX + folded_name.replace(SPACE, "-")


def find_entities(text: str, lang: str | None, gazetteer: Gazetteer) -> list[EntityMention]:
    """Mentions of gazetteer entities (and candidate unknown names) in ``text``, in text order,
    non-overlapping; offsets index ``text`` itself."""
    folded, offsets = fold_with_offsets(text)
    if not folded:
        return []
    words = [(m.start(), m.end()) for m in _WORDS.finditer(folded)]
    mentions: list[EntityMention] = []
    taken = bytearray(len(folded))

    exact = _link_exact(folded, words, lang, gazetteer)
    for cand, entry, confidence in exact:
        taken[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
        entity = gazetteer.entities[entry.entity_id]
        o_start, o_end = _original_span(text, offsets, cand.start, cand.end)
        mentions.append(
            EntityMention(entity.entity_id, entity.canonical_name, entity.entity_type,
                          text[o_start:o_end], o_start, o_end, METHOD_EXACT, confidence)
        )

    supported = {entry.entity_id for _, entry, _ in exact}
    for start, end, key, score in _link_fuzzy(folded, words, taken, lang, gazetteer, supported):
        taken[start:end] = b"\x01" * (end - start)
        entity = gazetteer.entities[key.entity_id]
        o_start, o_end = _original_span(text, offsets, start, end)
        mentions.append(
            EntityMention(entity.entity_id, entity.canonical_name, entity.entity_type,
                          text[o_start:o_end], o_start, o_end, METHOD_FUZZY,
                          round(score / 100.0 * FUZZY_CONFIDENCE_SCALE, 3))
        )

    for start, end, entity_type in _discover(text, folded, offsets, words, taken, lang, gazetteer):
        o_start, o_end = _original_span(text, offsets, start, end)
        surface = text[o_start:o_end]
        mentions.append(
            EntityMention(_slug(folded[start:end]), surface, entity_type, surface, o_start, o_end,
                          METHOD_PATTERN, CONFIDENCE_PATTERN)
        )
    return sorted(mentions, key=lambda m: (m.start, m.end))
