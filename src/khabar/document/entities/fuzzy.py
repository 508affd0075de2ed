"""Step 3: a word left over is compared with single-word aliases by edit distance on the folded form
and on a cross-script consonant skeleton, only where the context supports a name."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import compress

from rapidfuzz import fuzz, process

from khabar.document.entities.context import (
    after_phrase_ends,
    phrases_ending,
    readings_before,
    text_after,
)
from khabar.document.entities.gazetteer import (
    SPACE,
    Context,
    FuzzyKey,
    Gazetteer,
    phonetic_skeleton,
    titles_for,
)
from khabar.memo import Memo, kept_for
from khabar.text.normalize import affix_stems, arabic_article, takes_arabic_proclitics

WAW = "\u0648"  # Arabic conjunction 'and' when it opens a word
FOLDED_YEH = "\u06cc"  # every yeh after folding; ends nisba adjectives ('السوري')
FUZZY_CONFIDENCE_SCALE = 0.9  # a fuzzy link is never as sure as an exact one

# Fuzzy thresholds on the combined score (0-100: mean of folded and skeleton similarity).
# Without a title, first name or role next to it, a word is compared only with persons the text
# names exactly elsewhere (one sense per discourse); a free-standing fuzzy lookup over the whole
# gazetteer linked common words ('اسلامی' → Salami) far more often than unseen spellings.
FUZZY_MIN_WITHOUT_CONTEXT = 90.0
FUZZY_MIN_WITH_SUPPORT = 80.0
FUZZY_MIN_FOLDED_WITH_SUPPORT = 75.0
FUZZY_MIN_LENGTH_WITHOUT_CONTEXT = 5
FUZZY_MIN_AFTER_TITLE = 72.0  # for persons the text names exactly elsewhere (with FUZZY_SUPPORT_BONUS)
# a title alone ("Mr", "Dr", "the President") says a person follows, not which of the gazetteer's: on
# the NER corpora the word after one was another man in ~80 of the ~80 links that scored below 100
# ('آقای کروبی' → Rubio, 'الرئيس السنيورة' → Sinwar). Unless the text names him exactly elsewhere, the
# word after a title must be spelled as the gazetteer spells him ('الرئيس مبارك', 'صدر مشرف'), and
# not be a first name ('السيد حسين' is some Hussein, not Fuad Hussein)
FUZZY_MIN_AFTER_TITLE_ALONE = 100.0
FUZZY_MIN_FOLDED_AFTER_TITLE = 70.0
FUZZY_MIN_FOR_ROLE = 55.0
# a first name says less than a role: the gazetteer holds a few of the many Mohammeds, Hosseins and
# Vladimirs, and a loose likeness made any of them the one it knows ('محمد کاظمی' → Khatami, 'أحمد
# الجروان' → al-Sharaa). On the NER corpora every link after a first name that scored below 76 was
# another man (30 of 30); those at 100 and over were right
FUZZY_MIN_AFTER_FIRST_NAME = 80.0
FUZZY_MIN_FOLDED_FOR_ROLE = 60.0
FUZZY_SUPPORT_BONUS = 10.0
FUZZY_SHORT_WORD = 5  # below this many letters one edit changes a name into another name
FUZZY_MIN_FOLDED_SHORT = 85.0
FUZZY_MIN_WORD_LENGTH = 3  # two letters are a particle in every language we read
FUZZY_MAX_WORD_LENGTH = 40  # longer than any one-word name; a longer "word" is a run of text without spaces
FUZZY_PREFILTER_MARGIN = 30.0  # the folded score alone may sit this far below the combined cutoff
FUZZY_PREFILTER_LIMIT = 8  # candidates kept from the whole-gazetteer prefilter
# "Abd al-Latif" and "Abd al-Ati" share "Abd al-" and little else: two names, whatever the score of
# the whole words. Names of one servant-of-God prefix must agree this well after it
FUZZY_MIN_AFTER_ABD = 80.0
_ABD = ("عبدال", "عبد")  # folded, the longer first
FIRST_NAME_MIN_LENGTH = 4  # shorter 'first names' are mostly particles

@dataclass(frozen=True)
class _RoleIndex:
    phrases: tuple[str, ...]
    first: Mapping[str, tuple[int, frozenset[str]]]  # title → (first position in titles.json, entity ids)
    by_first_word: Mapping[str, tuple[str, ...]]


@lru_cache(maxsize=4)
def _role_index(ctx: Context) -> _RoleIndex:
    first: dict[str, tuple[int, frozenset[str]]] = {}
    by_first_word: dict[str, list[str]] = defaultdict(list)
    for position, (title, entity_ids) in enumerate(ctx.role_titles):
        if title not in first:
            first[title] = (position, entity_ids)
            by_first_word[title.partition(SPACE)[0]].append(title)
    return _RoleIndex(tuple(t for t, _ in ctx.role_titles), first,
                      {w: tuple(ts) for w, ts in by_first_word.items()})


def _role_next_to(readings: tuple[str, ...], after: str, ctx: Context) -> frozenset[str] | None:
    """Entities of the role title right before the word or right after it (the first listed wins)."""
    index = _role_index(ctx)
    matched = phrases_ending(readings, index.phrases) if readings else set()
    matched.update(
        t for t in index.by_first_word.get(after.partition(SPACE)[0], ())
        if after == t or after.startswith(t + SPACE)
    )
    return min(index.first[t] for t in matched)[1] if matched else None


def _fuzzy_context(
    folded: str, words: list[tuple[int, int]], texts: list[str], index: int, near_title: bool,
    lang: str | None, gaz: Gazetteer,
) -> tuple[float, frozenset[str] | None, bool]:
    """(threshold, restrict-to entity ids or None, persons only) for the word at ``index``;
    ``near_title``: whether the word before it can end a role title or a person title
    (``_near_titles``)."""
    ctx = gaz.context
    start, end = words[index]
    titles = titles_for(ctx.person_titles, lang)
    # the window before the word is read only where the word before can end a role title or a
    # person title (phrases_ending finds nothing otherwise): most words of a text have neither
    readings = readings_before(folded, start, lang) if near_title else ()
    after = text_after(folded, end)
    role = _role_next_to(readings, after, ctx)
    if role is not None:
        return FUZZY_MIN_FOR_ROLE, role, True
    if index > 0:
        previous = texts[index - 1]
        if (
            previous in gaz.first_names
            and len(previous) >= FIRST_NAME_MIN_LENGTH
            and previous not in ctx.stopwords
        ):
            return FUZZY_MIN_AFTER_FIRST_NAME, gaz.first_names[previous], True
    if readings and phrases_ending(readings, tuple(titles)):
        return FUZZY_MIN_AFTER_TITLE, None, True
    return FUZZY_MIN_WITHOUT_CONTEXT, None, False


def _near_titles(texts: list[str], lang: str | None, gaz: Gazetteer) -> list[bool]:
    """For each word of the text, whether the word before it (in one of its readings) can end a
    role title or a person title: worked out for all words at once, by word lookups."""
    ctx = gaz.context
    after_role = after_phrase_ends(texts, _role_index(ctx).phrases, lang)
    after_title = after_phrase_ends(texts, titles_for(ctx.person_titles, lang), lang)
    return [a or b for a, b in zip(after_role, after_title)]


def _may_have_context(texts: list[str], index: int, near_title: bool, gaz: Gazetteer) -> bool:
    """False when ``_fuzzy_context`` is sure to find no role title, first name or person title next
    to the word at ``index`` (read from the words around it, without building the windows)."""
    if near_title:
        return True
    roles = _role_index(gaz.context)
    # the text after the word opens with the next word ('' at the end, or where a window cuts it)
    following = texts[index + 1] if index + 1 < len(texts) else ""
    if following in roles.by_first_word or "" in roles.by_first_word:
        return True
    return index > 0 and texts[index - 1] in gaz.first_names


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


@lru_cache(maxsize=1024)  # a text asks for a few sets (the persons it names, a role's holders), word after word
def _pool(gaz: Gazetteer, restrict: frozenset[str]) -> tuple[int, ...]:
    """The fuzzy keys of the entities in ``restrict``, in gazetteer order."""
    keys = _fuzzy_keys_by_entity(gaz)
    return tuple(sorted(i for entity_id in restrict for i in keys.get(entity_id, ())))


def _best_fuzzy(
    stem: str,
    gaz: Gazetteer,
    restrict: frozenset[str] | None,
    persons_only: bool,
    supported: set[str],
    cutoff: float,
) -> tuple[FuzzyKey, float] | None:
    skeleton = phonetic_skeleton(stem)
    if restrict is not None:
        choices = gaz.fuzzy_choices
        scored = [(i, fuzz.ratio(stem, choices[i])) for i in _pool(gaz, restrict)]
    else:
        prefilter = max(cutoff - FUZZY_PREFILTER_MARGIN, 0.0)
        scored = [
            (i, score)
            for _, score, i in process.extract(
                stem, gaz.fuzzy_choices, scorer=fuzz.ratio, score_cutoff=prefilter, limit=FUZZY_PREFILTER_LIMIT
            )
        ]
    best: tuple[FuzzyKey, float] | None = None
    folded_floor = _folded_floor(cutoff)
    article = arabic_article()
    stem_has_article = stem.startswith(article)
    keys = gaz.fuzzy_keys
    for i, folded_score in scored:
        key = keys[i]
        if folded_score < folded_floor and not (stem_has_article and key.key.startswith(article)):
            continue  # below the lowest floor, and not scored again without the article (below)
        entity = gaz.entities[key.entity_id]
        if persons_only and entity.entity_type != "person":
            continue
        floor = folded_floor
        if min(len(stem), len(key.key)) < FUZZY_SHORT_WORD:
            floor = max(floor, FUZZY_MIN_FOLDED_SHORT)
        skeletons = skeleton, key.skeleton
        if stem_has_article and key.key.startswith(article):
            # the article both begin with is no likeness: 'البلاد' (the country) is not 'العبادي'
            bare = stem[len(article):], key.key[len(article):]
            folded_score = fuzz.ratio(*bare)
            skeletons = phonetic_skeleton(bare[0]), phonetic_skeleton(bare[1])
        if folded_score < floor or _other_servant_name(stem, key.key):
            continue
        score = 0.5 * folded_score + 0.5 * fuzz.ratio(*skeletons)
        if key.entity_id in supported:
            score += FUZZY_SUPPORT_BONUS
        if best is None or score > best[1] or (score == best[1] and key.entity_id < best[0].entity_id):
            best = (key, score)
    if best is None or best[1] < cutoff:
        return None
    return best


def _after_abd(word: str) -> str | None:
    for prefix in _ABD:
        if word.startswith(prefix) and len(word) > len(prefix):
            return word[len(prefix):]
    return None


def _other_servant_name(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are two different Abd al-… names ('عبداللطيف', 'عبدالعاطي'): the
    part after "Abd (al-)" is the name, and it differs."""
    rest_a, rest_b = _after_abd(a), _after_abd(b)
    return rest_a is not None and rest_b is not None and fuzz.ratio(rest_a, rest_b) < FUZZY_MIN_AFTER_ABD


def looks_like_clause_or_adjective(word: str, lang: str | None) -> bool:
    """Arabic words that are not a fresh name: 'والشعب' (a conjunction opens a new phrase) and nisba
    adjectives 'الإيطالي' (al-…-i). Known names of that shape ('السيستاني') are exact aliases."""
    if not takes_arabic_proclitics(lang):
        return False
    article = arabic_article()
    if word.startswith(WAW + article) or (word.startswith(article) and word.endswith(FOLDED_YEH)):
        return True
    return False


def _stems_to_compare(word: str, lang: str | None, gaz: Gazetteer) -> tuple[str, ...] | None:
    """The stems of a word ``link_fuzzy`` may compare with the gazetteer, or None for a word it
    never compares: too short or too long, digits, a stopword, a clause or nisba adjective, or a
    word whose stem is a stopword, a person title or a word that follows titles."""
    ctx = gaz.context
    if not FUZZY_MIN_WORD_LENGTH <= len(word) <= FUZZY_MAX_WORD_LENGTH or word.isdigit() or word in ctx.stopwords:
        return None
    if looks_like_clause_or_adjective(word, lang):
        return None
    stems = affix_stems(word, lang)
    titles = _all_person_titles(ctx)
    if any(stem in ctx.skip_after_title or stem in ctx.stopwords or stem in titles for stem in stems):
        return None
    return stems


@lru_cache(maxsize=4)
def _all_person_titles(ctx: Context) -> frozenset[str]:
    return frozenset(titles_for(ctx.person_titles, None))


STEMS_KEPT = 1 << 16  # distinct words per (gazetteer, language); news vocabulary repeats


def _candidate_stems(gaz: Gazetteer, lang: str | None) -> Memo:
    """word -> ``_stems_to_compare(word, lang, gaz)``, remembered per gazetteer and language."""
    return kept_for(gaz, ("stems to compare", lang), partial(_stems_to_compare, lang=lang, gaz=gaz), STEMS_KEPT)


def _best_of_stems(
    stems: tuple[str, ...],
    gaz: Gazetteer,
    restrict: frozenset[str] | None,
    persons_only: bool,
    supported: set[str],
    threshold: float,
) -> tuple[FuzzyKey, float] | None:
    best: tuple[FuzzyKey, float] | None = None
    for stem in stems:
        hit = _best_fuzzy(stem, gaz, restrict, persons_only, supported, threshold)
        if hit and (best is None or hit[1] > best[1]):
            best = hit
    return best


def _after_title(word: str, stems: tuple[str, ...], gaz: Gazetteer, supported_persons: frozenset[str],
                 supported: set[str], memo: dict) -> tuple[FuzzyKey, float] | None:
    """A person a title introduces: a near spelling of one the text names exactly elsewhere, or one
    of the gazetteer's spelled as it spells him and not a first name."""
    for threshold, restrict in ((FUZZY_MIN_AFTER_TITLE, supported_persons),
                                (FUZZY_MIN_AFTER_TITLE_ALONE, None)):
        if restrict is not None and not restrict:
            continue
        if restrict is None and any(stem in gaz.first_names for stem in (word, *stems)):
            return None
        key = (word, threshold, restrict, True)
        if key not in memo:
            memo[key] = _best_of_stems(stems, gaz, restrict, True, supported, threshold)
        if memo[key] is not None:
            return memo[key]
    return None


def link_fuzzy(
    folded: str,
    words: list[tuple[int, int]],
    texts: list[str],
    taken: bytearray,
    lang: str | None,
    gaz: Gazetteer,
    supported: set[str],
) -> list[tuple[int, int, FuzzyKey, float]]:
    if not gaz.fuzzy_keys:
        return []
    stems_of = _candidate_stems(gaz, lang)
    supported_persons = frozenset(e for e in supported if gaz.entities[e].entity_type == "person")
    memo: dict[tuple[str, float, frozenset[str] | None, bool], tuple[FuzzyKey, float] | None] = {}
    near_titles = _near_titles(texts, lang, gaz)
    # most words are never compared (stopwords, particles, digits): their stems are None, and the
    # loop below visits only the others
    stems_by_word = list(map(stems_of.__getitem__, texts))
    found = []
    for index in compress(range(len(words)), stems_by_word):
        start, end = words[index]
        if any(taken[start:end]):
            continue
        word, stems = texts[index], stems_by_word[index]
        near_title = near_titles[index]
        if ((not supported_persons or len(word) < FUZZY_MIN_LENGTH_WITHOUT_CONTEXT)
                and not _may_have_context(texts, index, near_title, gaz)):
            continue  # without context such a word is never looked up (below)
        threshold, restrict, persons_only = _fuzzy_context(folded, words, texts, index, near_title, lang, gaz)
        if restrict is None and persons_only:  # after a title: a person, any of the gazetteer's
            hit = _after_title(word, stems, gaz, supported_persons, supported, memo)
            if hit is not None:
                found.append((start, end, hit[0], min(hit[1], 100.0)))
            continue
        if restrict is None and not persons_only:
            # no context: only a near spelling of a person the text names exactly elsewhere
            restrict = supported_persons
            if not restrict or len(word) < FUZZY_MIN_LENGTH_WITHOUT_CONTEXT:
                continue
            threshold, persons_only = FUZZY_MIN_WITH_SUPPORT, True
        key = (word, threshold, restrict, persons_only)
        if key not in memo:  # the same word in the same kind of context scores the same
            memo[key] = _best_of_stems(stems, gaz, restrict, persons_only, supported, threshold)
        best = memo[key]
        if best is not None:
            found.append((start, end, best[0], min(best[1], 100.0)))
    return found
