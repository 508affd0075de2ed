"""What a news story is about, as weighted items, and how alike two stories are.

An article's *profile* holds its content words (folded, clitics off), the entities it names, the
numbers it gives and its places, each weighted by how rare it is. Rarity does not depend on the
size of the warehouse: document frequencies come from a background corpus shipped with the package
(``data/events/background_df.json.gz``, built by ``scripts/build_background_df.py`` from real news in
Arabic, Persian and Urdu) added to the document frequencies of the warehouse as it grows. So the
town, mosque and death toll of a bombing stay rare in a warehouse of twenty reports of it.

``similarity`` is the cosine of two profiles; ``blocking_keys`` gives the few keys under which an
index files a profile (its rarest items and MinHash bands of its words), so that a new article is
compared only with the events that share one of them.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import math
import operator
import re
from array import array
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, lru_cache, partial
from importlib import resources
from sys import intern

from khabar.document.role_rules import EventDataError
from khabar.memo import Memo
from khabar.text.normalize import affix_stems, fold

BACKGROUND_FILE = "data/events/background_df.json.gz"
MIN_WORD_CHARS = 3  # shorter folded words are particles and clitics in all our languages
WORD_KEYS_KEPT = 300_000  # words whose key is kept, per language (a 10k warehouse has ~75k distinct)
ENTITY_WEIGHT = 2.0  # a named entity is surer evidence than a word, and it crosses languages
NUMBER_WEIGHT = 1.5  # a death toll or a sentence in years is specific to one happening
MIN_NUMBER_CHARS = 2  # one-digit numbers (ranks, "2 days") say little about a happening
TOP_KEYS = 8  # an article is filed under its rarest few items
# a report of no known type asks for its rarest this many: two papers' retellings of the mufti's sermon
# (0.65 alike) share 97 words, none among the rarest eight of the one that uses many words of its own
# (its ranks 34-50), nor enough of its rarest forty for a MinHash band (development5 0.888 -> 0.894;
# asked by every report, 16 to 40 join two Urdu floods of one day, a near miss)
LOOKUP_KEYS = 40
FIGURE_KEY_MIN_IDF = 8.0  # and under its figures this rare (a few documents of the background and the warehouse)
FIGURE_KEYS = 32
KEY_MIN_IDF = 4.0  # only items rarer than about 1 in 55 documents are worth a blocking key
MINHASH_BANDS = 6  # LSH on content words: 6 bands of 2 rows catch pairs sharing ~30 % of rare words
MINHASH_ROWS = 2
BAND_PREFIX = "lsh"  # a MinHash band's key: "lsh<band>:<row minima>"
MINHASH_WORDS = 40  # the rarest 40 words of an article stand for its content in LSH

NUMBER_KEY = "#"  # numbers are counted in the background as '#<digits>'
CROSS_LINGUAL = ("e:", "n:")  # across languages only names and numbers can be shared


class BackgroundError(EventDataError):
    """The shipped background statistics are malformed; carries the offending value."""


@dataclass(frozen=True)
class Background:
    """Document frequencies of ``background_keys`` over ``documents`` news articles of ``sources``
    (corpus file names), those seen in fewer than ``min_df`` pruned, the ids ``excluded`` left out."""

    documents: int
    df: Mapping[str, int]
    min_df: int = 1
    sources: frozenset[str] = frozenset()
    excluded: frozenset[str] = frozenset()

    def without(self, articles: Iterable[tuple[str, str]]) -> Background:
        """These statistics as if ``articles`` (text, language), counted in them, had not been: an
        evaluation's own articles would otherwise weigh as if seen before (a ministry's hotline that
        three of its ten reports give looks common), where a user's new articles are in no background."""
        df = dict(self.df)
        documents = self.documents
        for text, lang in articles:
            documents -= 1
            for key in background_keys(text, lang):
                if key in df:
                    df[key] -= 1
        return Background(documents, {k: n for k, n in df.items() if n >= self.min_df}, self.min_df,
                          self.sources, self.excluded)


def background_keys(text: str, lang: str) -> set[str]:
    """What the background counts of an article (its title and text): its content-word keys, and its
    numbers keyed ``NUMBER_KEY`` + digits."""
    return content_words(text, lang) | {NUMBER_KEY + n for n in numbers(text)}


@lru_cache(maxsize=1)
def _shipped_background() -> Background:
    raw = resources.files("khabar").joinpath(BACKGROUND_FILE).read_bytes()
    data = json.loads(gzip.decompress(raw).decode("utf-8"))
    if "about" not in data or not isinstance(data.get("documents"), int) or data["documents"] <= 0:
        raise BackgroundError("background statistics need 'about' and a positive 'documents'", data.get("documents"))
    return Background(data["documents"], data["df"], data.get("min_df", 1), frozenset(data.get("sources", ())),
                      frozenset(data.get("excluded", ())))


_in_use: list[Background] = []  # what ``weighing_with`` set, innermost last


def load_background() -> Background:
    """The background statistics rarity is counted over: the shipped ones, or those ``weighing_with`` sets."""
    return _in_use[-1] if _in_use else _shipped_background()


@contextmanager
def weighing_with(background: Background) -> Iterator[None]:
    """Count rarity over ``background`` instead of the shipped statistics while inside."""
    _in_use.append(background)
    try:
        yield
    finally:
        _in_use.pop()


def word_key(word: str, lang: str) -> str:
    """One key per word, whatever clitics it carries: the shortest reading without affixes."""
    return min(affix_stems(word, lang), key=lambda s: (len(s), s))


def content_words(text: str, lang: str) -> set[str]:
    """The distinct content-word keys of a text (folded, clitics off, no digits)."""
    return _content_words_of(_folded_words(text), lang)


def _folded_words(text: str) -> set[str]:
    """The distinct words of the folded text. ``fold`` ends by making every run of non-word characters
    one space, so the words are what lies between spaces: a split finds them ~3 times as fast as the
    regex ``\\w+`` did (bodies and windows of a 10k clustering: ~1 s)."""
    return set(fold(text).split())


def _content_words_of(words: set[str], lang: str) -> set[str]:
    # each distinct word once (news repeats its words), and those met before looked up in C
    keys = _word_keys.get(lang) or _word_keys.setdefault(lang, Memo(partial(_content_key, lang=lang),
                                                                     WORD_KEYS_KEPT))
    found = set(map(keys.__getitem__, words))
    found.discard(None)
    return found


@lru_cache(maxsize=1 << 16)
def name_words(surface: str, lang: str) -> frozenset[str]:
    """``content_words`` of an entity's surface form: one name is written the same way in many
    articles and many times in one, and is read once."""
    return frozenset(content_words(surface, lang))


def numbers(text: str) -> set[str]:
    folded = fold(text)
    return _numbers_in(folded, set(folded.split()), text)


def _numbers_of(words: set[str]) -> set[str]:
    """The numbers among a folded text's words: those all digits (a decimal point is a non-word
    character, and folded away)."""
    return {n for n in words if len(n) >= MIN_NUMBER_CHARS and n.isdecimal()}


# a number written with a scale word is the number it makes: "340 ألف" is the "340000" of another
# report (folded spellings: Arabic, Persian, Urdu; Urdu counts in lakhs and crores)
_SCALES = {fold(word): value for words, value in (
    (("ألف", "آلاف", "هزار", "ہزار"), 10**3), (("لاکھ",), 10**5),
    (("مليون", "ملايين", "میلیون", "ملین"), 10**6), (("کروڑ",), 10**7),
    (("مليار", "مليارات", "میلیارد", "ارب"), 10**9)) for word in words}
# not after "digits and a space": "1.5 مليون" folds to "1 5 ملیون", whose 5 is no count of millions
_SCALED = re.compile(rf"(?<!\w)(?<!\d )(\d+) ({'|'.join(map(re.escape, sorted(_SCALES, key=len, reverse=True)))})(?!\w)")
_GROUPED = re.compile(r"(?<!\w)(?<!\d )\d{1,3}(?: \d{3})+(?!\w)")  # "340,000" folds to "340 000"


# "۴.۸ میلیارد", "1.5 مليون", "٢٫٥ مليار", "۴/۸ میلیارد" (Persian writes its decimal point as a slash):
# read on the text as written, since folding makes the point a space ("4 8 میلیارد")
_DECIMAL_SCALED = re.compile(r"(?<![\d.,٫/])(\d+)[.٫/](\d{1,3})(?![\d.,٫/]) ?(\w+)")


def _decimals_scaled(text: str) -> Iterator[str]:
    """The values of decimal numbers written with a scale word: "۴.۸ میلیارد" is 4800000000, as
    another report's "4800 مليون" or "4,800,000,000" is."""
    for m in _DECIMAL_SCALED.finditer(text):
        scale = _SCALES.get(fold(m[3]))
        if scale is not None:
            whole, part = int(m[1]), int(m[2])
            yield str(whole * scale + part * scale // 10 ** len(m[2]))


# a number a reader is told to call (a ministry's hotline, a free number, a mobile, a fax) is no figure of
# a happening: two of the labour ministry's releases on two decisions, each ending "call 19911", met as
# one on it (held-out3, its articles out of the background). The word, with its clitics ("بالاتصال على
# الرقم المخصص للشكاوي 19911", "مركز الاتصال لخدمة العملاء (19911)"), then six words at most
_CONTACT_WORDS = tuple(fold(w) for w in (
    "الاتصال", "بالاتصال", "للاتصال", "هاتف", "الهاتف", "جوال", "الجوال", "فاكس", "واتساب", "تلفون", "تلفن", "تماس",
    "فون", "فیکس"))
_CONTACT = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, sorted(set(_CONTACT_WORDS), key=len, reverse=True)))})(?!\w)"
                      r"(?: (?!\d)\w+){0,6} (\d{3,}(?: \d{3,})*)(?!\w)")


def _numbers_in(folded: str, words: set[str], text: str = "") -> set[str]:
    """The numbers of a folded text: its words all digits, and the numbers written with a scale word
    (whole or with a decimal point, read on ``text``, the text as written) or with thousands
    separators, as their value in digits; not a number to call (``_CONTACT``)."""
    found = _numbers_of(words)
    if found and not words.isdisjoint(_CONTACT_WORDS):
        for m in _CONTACT.finditer(folded):
            found.difference_update(m[1].split())
    if not _SCALES.keys().isdisjoint(words):  # most texts have no scale word: no scan for one
        for m in _SCALED.finditer(folded):
            found.add(str(int(m[1]) * _SCALES[m[2]]))
        found.update(_decimals_scaled(text))
    if any(len(n) == 3 for n in found):  # a group of thousands is a word of three digits
        found.update(m[0].replace(" ", "") for m in _GROUPED.finditer(folded))
    return found


# a web address tells nothing of the story: an image's path under a site's title ("…/sites/default/files/
# styles/114x72/public/2015/05/31/…JPG") is every article's of the site, and two notes of a line each met on it
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# nor does markup a scraper left in ("&#8220;" and "&#8221;", quotation marks): two unrelated reports of
# one site, a Gaza car bomb and an ISIS video, met as "the same rare figures: 8220, 8221"
_MARKUP = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")


def text_items(text: str, lang: str) -> set[str]:
    """The ``w:`` word and ``n:`` number items of a text (folded and split once for both), web
    addresses and character references ("&quot;", "&#8220;") left out."""
    if "http" in text or "www." in text:
        text = _ADDRESS.sub(" ", text)
    if "&" in text:
        text = _MARKUP.sub(" ", text)
    folded = fold(text)
    words = set(folded.split())
    return {"w:" + w for w in _content_words_of(words, lang)} | {"n:" + n for n in _numbers_in(folded, words, text)}


@dataclass(frozen=True)
class Profile:
    """An article's items: ``w:`` words, ``e:`` entity ids, ``n:`` numbers; and its language."""

    article_id: str
    lang: str
    items: frozenset[str]
    entity_words: Mapping[str, frozenset[str]]  # entity item -> the word keys of its surface forms

    @staticmethod
    def of(article_id: str, text: str, lang: str, entities: Iterable[tuple[str, str]]) -> Profile:
        """``entities`` are (entity id, surface form) pairs."""
        return Profile.of_words(article_id, text_items(text, lang), lang, entities)

    @staticmethod
    def of_words(article_id: str, words: Iterable[str], lang: str, entities: Iterable[tuple[str, str]]) -> Profile:
        """A profile from a text's ``text_items`` (kept from an earlier run) and its entities."""
        # interned: the same word in ten thousand profiles is one string in memory, not ten thousand
        items = set(map(intern, words))
        named: dict[str, set[str]] = {}
        for eid, surface in entities:
            named.setdefault(intern("e:" + eid), set()).update(name_words(surface, lang))
        items |= set(named)
        return Profile(article_id, lang, frozenset(items), {k: frozenset(v) for k, v in named.items()})


# earlier articles' counts of the items asked for: item -> (document frequency, entity background df)
StoredFrequencies = Callable[[Collection[str]], Mapping[str, tuple[int, int]]]


class Rarity:
    """Inverse document frequency over the background corpus plus the warehouse's own documents.

    A word or number is looked up in the background as it is; an entity by the words of the names
    it was written with (its rarest spelling's commonest word: "بشار الأسد" is as rare as "بشار").
    """

    def __init__(self, warehouse_df: Counter, warehouse_docs: int, entity_df: dict[str, int],
                 background: Background | None = None, stored: StoredFrequencies | None = None) -> None:
        self.background = background or load_background()
        self.warehouse_df = warehouse_df
        self.entity_df = entity_df
        self.total = self.background.documents + warehouse_docs
        self._idf: dict[str, float] = {}  # items recur across articles: each is looked up once
        self._weight = Memo(self._weigh)  # one float per item, shared by every profile that holds it
        self._stored = stored
        self._ensured: set[str] = set()

    @staticmethod
    def of(profiles: Iterable[Profile], background: Background | None = None, *,
           stored: StoredFrequencies | None = None, documents: int = 0) -> Rarity:
        """Over these profiles, and ``documents`` articles counted before whose frequencies ``stored``
        gives (``ensure`` must ask for an item before it is weighed)."""
        bg = background or load_background()
        df: Counter = Counter()
        entity_df: dict[str, int] = {}
        n = documents
        for p in profiles:
            df.update(p.items)
            n += 1
            for item, words in p.entity_words.items():
                common = max((bg.df.get(w, 0) for w in words), default=0)
                entity_df[item] = max(entity_df.get(item, 0), common)
        return Rarity(df, n, entity_df, bg, stored)

    def ensure(self, items: Iterable[str]) -> None:
        """Add what earlier runs counted of these items (once per item) before they are weighed."""
        if self._stored is None:
            return
        missing = [i for i in items if i not in self._ensured]
        if not missing:
            return
        self._ensured.update(missing)
        for item, (df, entity_df) in self._stored(missing).items():
            self.warehouse_df[item] += df
            if entity_df:
                self.entity_df[item] = max(self.entity_df.get(item, 0), entity_df)

    def background_df(self, item: str) -> int:
        kind, _, value = item.partition(":")
        if kind == "w":
            return self.background.df.get(value, 0)
        if kind == "n":
            return self.background.df.get(NUMBER_KEY + value, 0)
        return self.entity_df.get(item, 0)

    def idf(self, item: str) -> float:
        value = self._idf.get(item)
        if value is None:
            value = self._idf[item] = math.log(
                (self.total + 1) / (self.background_df(item) + self.warehouse_df.get(item, 0) + 1))
        return value

    def weight(self, item: str) -> float:
        return self._weight[item]

    def _weigh(self, item: str) -> float:
        scale = ENTITY_WEIGHT if item.startswith("e:") else NUMBER_WEIGHT if item.startswith("n:") else 1.0
        return scale * self.idf(item)

    def weights(self, items: Collection[str]) -> dict[str, float]:
        """item -> ``weight(item)``, in the order of ``items``: a profile's items are mostly weighed
        already (by an earlier profile), and those are only looked up (in C)."""
        return dict(zip(items, map(self._weight.__getitem__, items)))


def _content_key(word: str, lang: str) -> str | None:
    """A word's ``word_key``, or None for a word too short or all digits."""
    return word_key(word, lang) if len(word) >= MIN_WORD_CHARS and not word.isdigit() else None


_word_keys: dict[str, Memo] = {}  # per language: word -> ``_content_key``


def euclidean_norm(weights: Mapping[str, float]) -> float:
    """The Euclidean norm of the weights (1.0 for none): the squares summed in the items' order, so
    the same float to the last bit whoever computes it."""
    values = list(weights.values())
    return math.sqrt(sum(map(operator.mul, values, values))) or 1.0


@dataclass(frozen=True)
class Weighted:
    """A profile with its weights, ready for comparison."""

    article_id: str
    lang: str
    weights: Mapping[str, float]
    norm: float

    @staticmethod
    def of(profile: Profile, rarity: Rarity) -> Weighted:
        weights = rarity.weights(profile.items)
        return Weighted(profile.article_id, profile.lang, weights, euclidean_norm(weights))

    @cached_property
    def cross_items(self) -> tuple[str, ...]:
        """Its names and numbers, in the order of ``weights``: all a report in another language is
        compared on, picked out of its items once (most profiles are only ever compared within their
        language, and never ask)."""
        return tuple(i for i in self.weights if i.startswith(CROSS_LINGUAL))

    @cached_property
    def cross_norm(self) -> float:
        """The norm over names and numbers only."""
        return euclidean_norm({i: self.weights[i] for i in self.cross_items})

    def rarest(self, n: int, prefix: str = "") -> list[str]:
        """The ``n`` heaviest items (starting with ``prefix``), heaviest first; alphabetical on a tie."""
        weights = self.weights
        if prefix:
            weights = {i: w for i, w in weights.items() if i.startswith(prefix)}
        if len(weights) > n:
            # only items as heavy as the n-th heaviest can be among the n: the floor is found by
            # sorting bare floats, and only the few above it are sorted as (weight, item) pairs
            floor = sorted(weights.values(), reverse=True)[n - 1]
            chosen = [(-w, i) for i, w in weights.items() if w >= floor]
        else:
            chosen = [(-w, i) for i, w in weights.items()]
        chosen.sort()
        return [i for _, i in chosen[:n]]


def similarity(a: Weighted, b: Weighted, ignore: frozenset[str] = frozenset()) -> tuple[float, tuple[str, ...]]:
    """Cosine of two weighted profiles, and the items they share (``strongest`` ranks them).

    Two articles in different languages are compared on names and numbers only, and then items in
    ``ignore`` (the parties and place both reports are already required to share) are not evidence.
    """
    aw, bw = a.weights, b.weights
    small, large = (aw, bw) if len(aw) <= len(bw) else (bw, aw)
    # clustering asks this ~170k times in a 10k warehouse: the items shared are picked in C, in the
    # smaller profile's order (the order the products are summed in, so the same float to the bit)
    shared = list(filter(large.__contains__, small))
    if a.lang != b.lang:
        shared = [i for i in shared if i.startswith(CROSS_LINGUAL) and i not in ignore]
        if not shared:  # no name or number in common: 0.0 whatever the norms, which are not worked out
            return 0.0, ()
        norm = _cross_norm(a, ignore) * _cross_norm(b, ignore)
    else:
        norm = a.norm * b.norm
    dot = sum([aw[i] * bw[i] for i in shared])
    return dot / norm, tuple(shared)


def strongest(a: Weighted, b: Weighted, shared: tuple[str, ...], n: int = 8) -> tuple[str, ...]:
    """The ``n`` shared items that weigh most in the two profiles (for an evidence row)."""
    return tuple(sorted(shared, key=lambda i: (-a.weights[i] * b.weights[i], i))[:n])


def _cross_norm(p: Weighted, ignore: frozenset[str]) -> float:
    if not ignore:
        return p.cross_norm
    weights = p.weights
    return math.sqrt(sum([weights[i] * weights[i] for i in p.cross_items if i not in ignore])) or 1.0


_MERSENNE = (1 << 61) - 1
# (a, b) of the universal hash a·h + b mod p for each MinHash row: fixed, so keys are the same in every run
_ROW_HASHES = tuple(
    (int.from_bytes(hashlib.blake2b(f"a{r}".encode(), digest_size=8).digest(), "big") % _MERSENNE | 1,
     int.from_bytes(hashlib.blake2b(f"b{r}".encode(), digest_size=8).digest(), "big") % _MERSENNE)
    for r in range(MINHASH_BANDS * MINHASH_ROWS)
)


ROWS = MINHASH_BANDS * MINHASH_ROWS
WORDS_HASHED = 200_000  # words whose row values are kept (a 10k first clustering hashes ~75k)


def _hash_rows(word: str) -> bytes:
    """The word's value under each MinHash row's hash, as ``ROWS`` unsigned 64-bit integers (each is
    below 2**61): a word recurs in many articles, and is hashed once. Bytes, not a tuple of ints:
    one object of ~130 bytes instead of thirteen of ~600 together (a 10k first clustering keeps
    ~75k words: ~40 MB and ~900k objects less at its peak)."""
    h = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "big")
    return array("Q", [(a * h + b) % _MERSENNE for a, b in _ROW_HASHES]).tobytes()


_row_values = Memo(_hash_rows, WORDS_HASHED)  # word -> ``_hash_rows(word)``


def forget_words() -> None:
    """Empty the memos of words: their keys, their MinHash row values, names' words. A 10k first
    clustering leaves ~40 MB of objects in them, kept while dbt's process builds beside this one (a
    run's peak); the next clustering works out the words it meets again."""
    _word_keys.clear()
    _row_values.clear()
    name_words.cache_clear()


def blocking_keys(profile: Weighted, rarity: Rarity) -> list[str]:
    """The keys an index files this article under: its rarest items, its rarest figures (a market
    close gives a dozen no other news gives: the one another report shares need not be among the
    rarest items) and MinHash bands of its words."""
    keys = [i for i in profile.rarest(TOP_KEYS) if rarity.idf(i) >= KEY_MIN_IDF]
    # (``compare._shared_figures`` and ``figures.story_figures`` join on rare figures)
    keys += [i for i in profile.rarest(FIGURE_KEYS, "n:") if i not in keys and rarity.idf(i) >= FIGURE_KEY_MIN_IDF]
    words = profile.rarest(MINHASH_WORDS, "w:")
    if len(words) >= MINHASH_ROWS:
        values = array("Q", b"".join(map(_row_values.__getitem__, words)))  # word by word, row by row
        mins = [min(values[row::ROWS]) for row in range(ROWS)]  # each row's minimum over the words
        for band in range(MINHASH_BANDS):
            rows = mins[band * MINHASH_ROWS : (band + 1) * MINHASH_ROWS]
            keys.append(f"{BAND_PREFIX}{band}:" + ".".join(map(str, rows)))
    return keys
