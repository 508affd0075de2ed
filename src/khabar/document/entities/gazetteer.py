"""The gazetteer: entities and their folded aliases from the seed CSVs, the data tables of
``khabar/data/entities/`` (titles, ambiguity rules, the consonant skeleton), and the indexes built
from them once (Aho-Corasick automaton, fuzzy keys, first names)."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from os import PathLike

import ahocorasick

from khabar.text.normalize import arabic_article, fold

ENTITY_TYPES = frozenset({"person", "organization", "location"})
SPACE = " "
FUZZY_MIN_KEY_LENGTH = 4  # shorter aliases are too easily one edit away from a common word
SKELETON_CACHE_SIZE = 1 << 14  # distinct words compared per process; names and stems repeat


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
class Entry:
    """One folded alias key pointing at one entity."""

    entity_id: str
    alias_key: str
    article_dropped: bool


@dataclass(frozen=True)
class Rule:
    langs: frozenset[str] | None
    needs_support: bool
    cues: tuple[str, ...]
    not_after: tuple[str, ...]
    not_before: tuple[str, ...]
    # language -> spellings, as written (not folded), that are the common word there: Arabic writes
    # Jeddah 'جدة' and 'جده' is 'his grandfather', while Persian writes Jeddah 'جده'; folding joins them
    not_written: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # the languages whose texts need that support (None: all): Arabic 'مشهد' is a scene, Persian a city
    support_langs: frozenset[str] | None = None
    # the languages whose texts the alias never links in (``_bare_in_arabic``)
    not_in: frozenset[str] = frozenset()

    def needs_support_in(self, lang: str | None) -> bool:
        """Whether the alias needs support (``needs_support``) in a ``lang`` text."""
        return self.needs_support and (self.support_langs is None or lang in self.support_langs)

    def written_otherwise(self, surface: str, lang: str | None) -> bool:
        """Whether the alias, written as ``surface`` in a ``lang`` text, is the common word."""
        return any(surface.endswith(w) for w in self.not_written.get(lang or "", ()))


@dataclass(frozen=True)
class FuzzyKey:
    key: str
    skeleton: str
    entity_id: str


@dataclass(frozen=True, eq=False)
class Context:
    person_titles: Mapping[str | None, tuple[str, ...]]  # per language; None: every language
    role_titles: tuple[tuple[str, frozenset[str]], ...]
    location_cues: Mapping[str | None, tuple[str, ...]]
    # per language ("جامعة" in "جامعة الملك سعود": a title after it names a thing, not a person); None: every language
    named_after: Mapping[str | None, frozenset[str]]
    skip_after_title: frozenset[str]
    given_names: frozenset[str]  # common given names, every language's, folded
    rank_nouns: Mapping[str | None, frozenset[str]]  # per language: "الفريق", a rank and the team
    connectors: frozenset[str]
    stopwords: frozenset[str]


@dataclass(frozen=True)
class Skeleton:
    letters: Mapping[str, str]
    digraphs: Mapping[str, str]
    drop_final: frozenset[str]


@dataclass(frozen=True, eq=False)
class Gazetteer:
    """Entities, their folded aliases and the indexes built from them (built once, read-only)."""

    entities: Mapping[str, Entity]
    aliases: Mapping[str, tuple[Entry, ...]]
    automaton: ahocorasick.Automaton
    rules: Mapping[tuple[str, str], Rule]
    fuzzy_keys: tuple[FuzzyKey, ...]
    fuzzy_choices: tuple[str, ...]
    first_names: Mapping[str, frozenset[str]]
    context: Context
    skeleton: Skeleton

    def __len__(self) -> int:
        return len(self.entities)


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    first_word: int
    last_word: int
    entries: tuple[Entry, ...]
    affixed: bool


# ---------------------------------------------------------------------------------------------
# package data


def _read_json(name: str) -> dict:
    return json.loads(resources.files("khabar").joinpath(f"data/entities/{name}").read_text("utf-8"))


@lru_cache(maxsize=1)
def skeleton_table() -> Skeleton:
    data = _read_json("skeleton.json")
    return Skeleton(
        letters=dict(data["letters"]),
        digraphs=dict(data["latin_digraphs"]),
        drop_final=frozenset(data["drop_final"]),
    )


def fold_all(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(f for f in (fold(v) for v in values) if f))


def _by_language(table: Mapping[str, Iterable[str]]) -> dict[str | None, tuple[str, ...]]:
    folded: dict[str | None, tuple[str, ...]] = {lang: fold_all(v) for lang, v in table.items()}
    folded[None] = tuple(t for ts in list(folded.values()) for t in ts)
    return folded


@lru_cache(maxsize=1)
def context_table() -> Context:
    data = _read_json("titles.json")
    return Context(
        person_titles=_by_language(data["person_titles"]),
        role_titles=tuple(
            (title, frozenset(group["entities"]))
            for group in data["role_titles"]
            for title in fold_all(group["titles"])
        ),
        location_cues=_by_language(data["location_cues"]),
        named_after={lang: frozenset(ws) for lang, ws in _by_language(data["named_after"]).items()},
        skip_after_title=frozenset(fold_all(w for ws in data["skip_after_title"].values() for w in ws)),
        given_names=frozenset(fold_all(w for ws in data["given_names"].values() for w in ws)),
        rank_nouns={lang: frozenset(ws) for lang, ws in _by_language(data["rank_nouns"]).items()},
        connectors=frozenset(fold_all(data["connectors"])),
        stopwords=frozenset(fold_all(w for ws in data["stopwords"].values() for w in ws)),
    )


def rules_table() -> dict[tuple[str, str], Rule]:
    data = _read_json("ambiguous.json")
    rules: dict[tuple[str, str], Rule] = {}
    for raw in data["rules"]:
        rule = Rule(
            langs=frozenset(raw["langs"]) if "langs" in raw else None,
            needs_support=raw.get("needs") == "support",
            cues=fold_all(raw.get("cues", ())),
            not_after=fold_all(raw.get("not_after", ())),
            not_before=fold_all(raw.get("not_before", ())),
            not_written={lang: tuple(ws) for lang, ws in raw.get("not_written", {}).items()},
            support_langs=frozenset(raw["needs_in"]) if "needs_in" in raw else None,
        )
        for alias in raw["aliases"]:
            rules[(raw["entity_id"], fold(alias))] = rule
    return rules


# ---------------------------------------------------------------------------------------------
# skeleton


@lru_cache(maxsize=SKELETON_CACHE_SIZE)
def phonetic_skeleton(text: str) -> str:
    """Consonant classes of a (folded or raw) name, the same for 'شويغو', 'شویگو' and 'Shoigu'."""
    table = skeleton_table()
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


def _read_entities(path: str | PathLike[str]) -> dict[str, Entity]:
    entities: dict[str, Entity] = {}
    for row in _read_csv(path, ("entity_id", "canonical_name", "entity_type", "wikidata_id")):
        if row["entity_type"] not in ENTITY_TYPES:
            raise GazetteerError("unknown entity_type", row)
        if row["entity_id"] in entities:
            raise GazetteerError("duplicate entity_id", row["entity_id"])
        if not row["canonical_name"]:
            raise GazetteerError("empty canonical_name", row["canonical_name"])
        entities[row["entity_id"]] = Entity(
            row["entity_id"], row["canonical_name"], row["entity_type"], row["wikidata_id"] or None
        )
    return entities


def _alias_rows(path: str | PathLike[str], entities: Mapping[str, Entity]) -> list[tuple[Entity, str, str]]:
    """(entity, folded alias, language) for every alias row, the canonical names included."""
    rows = _read_csv(path, ("entity_id", "lang", "alias"))
    rows.extend({"entity_id": e.entity_id, "lang": "en", "alias": e.canonical_name} for e in entities.values())
    out = []
    for row in rows:
        entity = entities.get(row["entity_id"])
        if entity is None:
            raise GazetteerError("alias for an unknown entity", row)
        key = fold(row["alias"])
        if key:
            out.append((entity, key, row["lang"]))
    return out


def _bare_in_arabic(rows: list[tuple[Entity, str, str]], rules: dict[tuple[str, str], Rule]) -> None:
    """Another language's alias that is an Arabic alias without its article ('ریاض', 'سعودیہ', 'موصل'
    beside 'الرياض', 'السعودية', 'الموصل') links nowhere in Arabic text: Arabic writes the place with
    its article, and 'li + al-' ('للرياض') is read through the Arabic alias; bare, the word is a man's
    name ('رياض البراهيم'), an adjective ('طائرة سعودية'), a common word ('طريق موصل', a road leading)."""
    article = arabic_article()
    bare = {(e.entity_id, key[len(article):]) for e, key, lang in rows
            if lang == "ar" and key.startswith(article) and len(key) > len(article)}
    for e, key, lang in rows:
        if lang != "ar" and (e.entity_id, key) in bare:
            rule = rules.get((e.entity_id, key)) or Rule(None, False, (), (), ())
            rules[(e.entity_id, key)] = replace(rule, not_in=rule.not_in | {"ar"})


@dataclass
class _FuzzyIndex:
    """Fuzzy keys and first names, collected alias by alias while the gazetteer is built."""

    keys: dict[tuple[str, str], FuzzyKey] = field(default_factory=dict)
    first_names: dict[str, set[str]] = field(default_factory=dict)

    def add(self, entity: Entity, key: str, all_titles: set[str], connectors: frozenset[str]) -> None:
        words = key.split()
        if len(words) == 1 and len(key) >= FUZZY_MIN_KEY_LENGTH and not key.isdigit():
            self.keys.setdefault((key, entity.entity_id), FuzzyKey(key, phonetic_skeleton(key), entity.entity_id))
        elif len(words) > 1 and entity.entity_type == "person" and words[0] not in all_titles:
            surname = words[-1]
            # a patronymic ('bin Zayed') is shared by a family: not a key for one person
            if len(surname) >= FUZZY_MIN_KEY_LENGTH and words[-2] not in connectors:
                self.keys.setdefault(
                    (surname, entity.entity_id), FuzzyKey(surname, phonetic_skeleton(surname), entity.entity_id)
                )
            self.first_names.setdefault(words[0], set()).add(entity.entity_id)


def _automaton(keys: Iterable[str]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    keys = sorted(keys)
    for key in keys:
        automaton.add_word(key, key)
    if keys:
        automaton.make_automaton()
    return automaton


def load_gazetteer(entities_csv: str | PathLike[str], aliases_csv: str | PathLike[str]) -> Gazetteer:
    """Read the two seed CSVs and build the matching indexes."""
    entities = _read_entities(entities_csv)
    rules = rules_table()
    context = context_table()
    all_titles = {w for t in titles_for(context.person_titles, None) for w in t.split()}
    by_key: dict[str, dict[tuple[str, bool], Entry]] = {}
    fuzzy = _FuzzyIndex()
    rows = _alias_rows(aliases_csv, entities)
    ruled = set(rules)  # an alias with a rule of its own is no fuzzy key; one only kept out of Arabic is
    _bare_in_arabic(rows, rules)
    for entity, key, _ in rows:
        for variant, dropped in _alias_variants(key):
            by_key.setdefault(variant, {}).setdefault(
                (entity.entity_id, dropped), Entry(entity.entity_id, key, dropped)
            )
        if (entity.entity_id, key) not in ruled:
            fuzzy.add(entity, key, all_titles, context.connectors)
    fuzzy_keys = tuple(fuzzy.keys[k] for k in sorted(fuzzy.keys))
    return Gazetteer(
        entities=entities,
        aliases={k: tuple(v[e] for e in sorted(v)) for k, v in sorted(by_key.items())},
        automaton=_automaton(by_key),
        rules=rules,
        fuzzy_keys=fuzzy_keys,
        fuzzy_choices=tuple(k.key for k in fuzzy_keys),
        first_names={k: frozenset(v) for k, v in fuzzy.first_names.items()},
        context=context,
        skeleton=skeleton_table(),
    )


def titles_for(table: Mapping[str | None, tuple[str, ...]], lang: str | None) -> tuple[str, ...]:
    """The cue phrases of ``lang`` in a per-language table, or of every language (key None) when unknown."""
    return table[lang] if lang in table else table[None]
