"""Language identification that tells the Arabic-script languages apart.

langdetect sits at the core, seeded through khabar's own ``DetectorFactory`` instances (never the
module-level global one, which any other import could re-seed) and run by
``khabar.document.detector.FastDetector`` (langdetect's arithmetic and random draws, fewer Python
steps). It is extended with:

* n-gram profiles, in langdetect's own JSON format, for languages langdetect lacks (Pashto, Sindhi,
  Uyghur, Sorani, Kurmanji, Shahmukhi Punjabi, Saraiki, Tajik), built by
  ``scripts/build_lid_profiles.py`` and shipped under ``khabar/data/lid/profiles``;
* script evidence: the writing system decides the candidate group (Arabic, Hebrew, Cyrillic, Latin,
  other), and letters that only some languages of a group use (``data/lid/letters.json``) count
  against the languages that never write them;
* word evidence: word frequencies per language (``data/lid/words.json``), which carry the common
  function words;
* on short texts (a word or two), a character 4-gram language model of words in place of langdetect
  (``khabar.document.char_model``, from ``data/lid/ngrams.json``) and the feeds' priors
  (``data/lid/languages.json``): languages outside the feeds are no candidates there, and
  Punjabi/Saraiki yield to Urdu unless their own letters or words speak.

The evidence is added as log-scores; the best language wins and the softmax of the scores is the
confidence. Long texts are sampled (a fixed number of characters from the start, middle and end) so
that full articles cost about what a short one does. Matching folds (``khabar.text.normalize.fold``) are
deliberately not applied: they erase exactly the letters (ی/ي, ک/ك, ہ/ه) that tell these languages
apart.
"""
from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache, partial
from importlib import resources

from langdetect.detector_factory import DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from khabar.document import char_model
from khabar.document.char_model import LanguageDataError
from khabar.document.detector import FastDetector
from khabar.memo import Memo, kept_for
from khabar.text.chars import ZWNJ

UND = "und"
SEED = 0

# the languages of khabar's feeds carry a prior (data/lid/languages.json); other langdetect languages
# keep a small one on long text, enough to win there, and are no candidates on short text
OTHER_PRIOR = 0.02
SHORT_TEXT_LETTERS = 40           # below this many letters a text is "short"

MAX_SAMPLE_CHARS = 1500          # a long text is read at three windows of a third of this each
MAX_DOCUMENT_CHARS = 250_000     # far above any article; bounds the time a runaway input (a dump) costs
MAX_WORDS = 40                    # word evidence reads at most this many words
WORD_WEIGHT = 1.0
WORD_PENALTY_CAP = 4.0            # one word never counts more than this against a language
LATIN_WEIGHT = 0.4                # Latin letters' weight when choosing a text's script
LETTER_PENALTY = 3.0
LETTER_FULL_SHARE = 0.01          # a letter's share of the text at which it counts in full
LANGDETECT_FLOOR = 1e-4
WORD_EPSILON = 1e-5               # smoothing of word rates, the same for every language
MIN_SECONDARY_LETTERS = 10        # a segment in another script counts with this many letters
MIN_SAME_SCRIPT_SECONDARY = 60    # a same-script paragraph must be this long to count apart
SAME_SCRIPT_CONFIDENCE = 0.95

# ISO 639-1 for langdetect's region-coded Chinese profiles
_LANGDETECT_TO_ISO = {"zh-cn": "zh", "zh-tw": "zh"}

# linear on any input: \S+ never backtracks, and an e-mail address is tried only where a token starts
# (the look-behind) with possessive runs, so a long run of letters without "@" is read once, not once
# per position
_URL = re.compile(r"https?://\S+|www\.\S+|(?<![\w.+-])[\w.+-]++@[\w-]++\.[\w.]++")
_WORD = re.compile(rf"[^\W\d_]+(?:[{ZWNJ}'’][^\W\d_]+)*")
_SCRIPTS = {
    "Arab": re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]"),
    "Hebr": re.compile("[\u0590-\u05ff\ufb1d-\ufb4f]"),
    "Cyrl": re.compile("[\u0400-\u052f]"),
    "Latn": re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]"),
}
_NON_LETTER = re.compile(r"[\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
_SEGMENT_BREAK = re.compile(r"\n+")


@dataclass(frozen=True)
class LanguageResult:
    lang: str
    confidence: float
    secondary: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Group:
    name: str
    langs: tuple[str, ...]
    profiles: tuple[dict, ...]  # langdetect's, in the order of langs
    prior: dict[str, float]
    short_prior: dict[str, float]
    letters: dict[str, frozenset[str]]   # character -> in-scope languages that use it
    together: tuple[tuple[str, frozenset[str]], ...]   # (letters, languages that write them side by side)
    scope: frozenset[str]

    @cached_property
    def factory(self) -> DetectorFactory:
        """Built on first use (0.1–0.6 s): a process reading Arabic-script news needs only that group's."""
        return _factory(self.profiles)


@dataclass(frozen=True)
class _Model:
    groups: dict[str, _Group]
    words: dict[str, tuple[dict[str, int], int]]   # lang -> (counts, total)
    weights: dict[str, float]   # regional language -> prior weight


@lru_cache(maxsize=1)
def word_counts() -> dict[str, tuple[dict[str, int], int]]:
    """lang -> (the word counts of its LID sample, their total), read once: the model's word
    evidence, and the common words the entity linker will not take as a surname alone."""
    data = json.loads(_data("words.json"))["languages"]
    return {lang: (entry["counts"], entry["total"]) for lang, entry in data.items()}


def _data(path: str) -> str:
    try:
        return resources.files("khabar").joinpath(f"data/lid/{path}").read_text("utf-8")
    except OSError as exc:  # pragma: no cover - broken installation
        raise LanguageDataError(path, str(exc)) from exc


def _profile_script(freq: dict[str, int]) -> str:
    counts: Counter[str] = Counter()
    for gram, count in freq.items():
        if len(gram) != 1:
            continue
        for script, pattern in _SCRIPTS.items():
            if pattern.match(gram):
                counts[script] += count
                break
        else:
            if gram.isalpha():
                counts["other"] += count
    return counts.most_common(1)[0][0] if counts else "other"


def _profiles() -> dict[str, dict]:
    """Every profile: langdetect's own, then khabar's (a khabar profile never replaces one)."""
    profiles: dict[str, dict] = {}
    directory = resources.files("langdetect").joinpath("profiles")
    for entry in sorted(directory.iterdir(), key=lambda e: e.name):
        if entry.name.startswith("."):
            continue
        data = json.loads(entry.read_text("utf-8"))
        profiles[data["name"]] = data
    ours = resources.files("khabar").joinpath("data/lid/profiles")
    for entry in sorted(ours.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            data = json.loads(entry.read_text("utf-8"))
            profiles.setdefault(data["name"], data)
    return profiles


def _factory(profiles: Iterable[dict]) -> DetectorFactory:
    factory = DetectorFactory()
    factory.load_json_profile([json.dumps(p, ensure_ascii=False) for p in profiles])
    factory.set_seed(SEED)
    return factory


@lru_cache(maxsize=1)
def _model() -> _Model:
    profiles = _profiles()
    by_script: dict[str, list[dict]] = {}
    for name in sorted(profiles):
        by_script.setdefault(_profile_script(profiles[name]["freq"]), []).append(profiles[name])
    letter_data = json.loads(_data("letters.json"))["groups"]
    language_data = json.loads(_data("languages.json"))
    weights = language_data["regional"]
    short_weights = {**weights, **language_data["short_text"]}
    groups: dict[str, _Group] = {}
    for script in ("Arab", "Cyrl", "Latn"):
        members = by_script[script]
        langs = tuple(p["name"] for p in members)
        spec = letter_data.get(script, {"scope": [], "letters": {}})
        groups[script] = _Group(
            name=script,
            langs=langs,
            profiles=tuple(members),
            prior={lang: weights.get(_iso(lang), OTHER_PRIOR) for lang in langs},
            short_prior={lang: short_weights.get(_iso(lang), 0.0) for lang in langs},
            letters={ch: frozenset(users) for ch, users in spec["letters"].items()},
            together=tuple(("".join(entry["letters"]), frozenset(entry["users"]))
                           for entry in spec.get("together", ())),
            scope=frozenset(spec["scope"]),
        )
    everything = [profiles[name] for name in sorted(profiles)]
    groups["other"] = _Group(
        name="other",
        langs=tuple(p["name"] for p in everything),
        profiles=tuple(everything),
        prior={p["name"]: 1.0 for p in everything},
        short_prior={p["name"]: 1.0 for p in everything},
        letters={},
        together=(),
        scope=frozenset(),
    )
    return _Model(groups=groups, words=word_counts(), weights=weights)


def _iso(code: str) -> str:
    return _LANGDETECT_TO_ISO.get(code, code)


def _profile_names() -> frozenset[str]:
    """Every language a profile exists for, read from the file names (cheap, at import)."""
    theirs = resources.files("langdetect").joinpath("profiles").iterdir()
    ours = resources.files("khabar").joinpath("data/lid/profiles").iterdir()
    names = {e.name for e in theirs if not e.name.startswith(".")}
    names |= {e.name.removesuffix(".json") for e in ours if e.name.endswith(".json")}
    return frozenset(_iso(name) for name in names)


def _sample(text: str) -> str:
    """The text itself when short; otherwise three windows (start, middle, end)."""
    if len(text) <= MAX_SAMPLE_CHARS:
        return text
    third = MAX_SAMPLE_CHARS // 3
    middle = (len(text) - third) // 2
    return " ".join((text[:third], text[middle:middle + third], text[-third:]))


def _script_counts(chars: Counter[str]) -> Counter[str]:
    """Letters per script, from a text's character counts (digits, punctuation and marks are no
    letters); linear in the text, as counting its characters is."""
    counts: Counter[str] = Counter()
    for ch, n in chars.items():
        script = _char_script(ch)
        if script is not None:
            counts[script] += n
    return counts


@lru_cache(maxsize=8192)
def _char_script(ch: str) -> str | None:
    if not _LETTER.match(ch):
        return None
    return next((script for script, pattern in _SCRIPTS.items() if pattern.match(ch)), "other")


def _langdetect_probs(group: _Group, text: str, prior: dict[str, float]) -> dict[str, float]:
    detector = FastDetector(group.factory)
    detector.set_prior_map(prior)
    detector.append(text)
    try:
        ranked = detector.get_probabilities()
    except LangDetectException:
        return {}
    # the full vector, not only the languages above langdetect's reporting threshold
    return {lang: p for lang, p in zip(detector.langlist, detector.langprob)} if ranked else {}


def _letter_penalties(group: _Group, chars: Counter[str], scripts: Counter[str]) -> Iterator[tuple[frozenset[str], float]]:
    """(the languages that write it, the penalty for the others) of each letter or letter group of
    the group's table that the text holds, in table order. ``scripts``: ``_script_counts(chars)``,
    which every caller has already counted."""
    letters = max(1, sum(scripts.values()))
    count_of = chars.get
    for together, users in (*group.letters.items(), *group.together):
        count = count_of(together, 0) if len(together) == 1 else min(count_of(ch, 0) for ch in together)
        if not count:
            continue
        # full weight once the letter is LETTER_FULL_SHARE of the text's letters: on a short text a
        # single occurrence decides, on a long one a stray foreign letter (a name, a quote) does not
        yield users, LETTER_PENALTY * min(1.0, count / (LETTER_FULL_SHARE * letters))


def _letter_scores(group: _Group, chars: Counter[str], scripts: Counter[str]) -> dict[str, float]:
    if not group.letters:
        return {}
    scores = {lang: 0.0 for lang in group.scope}
    for users, penalty in _letter_penalties(group, chars, scripts):
        for lang in group.scope - users:
            scores[lang] -= penalty
    return scores


WORDS_KEPT = 50_000  # per candidate list: word -> its score terms (~0.2 kB each); emptied when full


def _word_terms(word: str, tables: tuple[tuple[dict[str, int], int] | None, ...]) -> tuple[float, ...]:
    """What ``word`` adds to each language's score (in the order of ``tables``); () when no
    language's word list has it."""
    rates = [(table[0].get(word, 0) / table[1]) if table else 0.0 for table in tables]
    best = max(rates, default=0.0)
    if best == 0.0:
        return ()
    return tuple(max(-WORD_PENALTY_CAP, math.log((rate + WORD_EPSILON) / (best + WORD_EPSILON))) for rate in rates)


def _word_terms_memo(langs: tuple[str, ...], model: _Model) -> Memo:
    tables = tuple(model.words.get(_iso(lang)) for lang in langs)
    return kept_for(model, ("word terms", langs), partial(_word_terms, tables=tables), WORDS_KEPT)


def _word_scores(langs: Iterable[str], words: list[str], model: _Model) -> dict[str, float]:
    """Each language's summed log rate of the words against the best language's, each term capped
    at WORD_PENALTY_CAP (a word of no list adds nothing); summed in the words' order."""
    langs = tuple(dict.fromkeys(langs))
    totals = [0.0] * len(langs)
    for terms in map(_word_terms_memo(langs, model).__getitem__, words):
        for i, term in enumerate(terms):
            totals[i] += term
    return dict(zip(langs, totals))


def _char_model_scores(langs: Iterable[str], words: list[str]) -> dict[str, float]:
    """Each language's character-model log-likelihood of the words, relative to the best (short texts)."""
    scores = {}
    for lang in langs:
        score = char_model.log_probability(_iso(lang), words)
        if score is not None:
            scores[lang] = score
    if not scores:
        return {}
    best = max(scores.values())
    return {lang: v - best for lang, v in scores.items()}


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    # every match of _URL holds "http", "www." or "@": a text with none of them (nearly every news
    # text) has nothing to replace, told by three C scans instead of the regex tried at every word
    if "@" not in text and "http" not in text and "www." not in text:
        return text
    return _URL.sub(" ", text)


def _decide(group: _Group, text: str, chars: Counter[str], scripts: Counter[str], letters: int,
            model: _Model) -> tuple[str, float]:
    short = letters < SHORT_TEXT_LETTERS
    prior = group.short_prior if short else group.prior
    candidates = [lang for lang in group.langs if prior[lang] > 0.0]
    # on a word or two langdetect's sampled probabilities are near 0 or 1 by chance: the character
    # model speaks there instead
    probs = {} if short else _langdetect_probs(group, text, prior)
    words = [w.lower().replace(ZWNJ, "") for w in _WORD.findall(text)[:MAX_WORDS]]
    word_scores = _word_scores(candidates, words, model)
    letter_scores = _letter_scores(group, chars, scripts)
    char_scores = _char_model_scores(candidates, words) if short else {}
    prior_sum = sum(prior.values())
    totals: dict[str, float] = {}
    for lang in candidates:
        p = probs.get(lang, 0.0) if probs else prior[lang] / prior_sum
        totals[lang] = (
            math.log(p + LANGDETECT_FLOOR)
            + math.log(prior[lang] / prior_sum)
            + WORD_WEIGHT * word_scores.get(lang, 0.0)
            + letter_scores.get(lang, 0.0)
            + char_scores.get(lang, 0.0)
        )
    best = max(sorted(totals), key=lambda lang: totals[lang])
    top = totals[best]
    denominator = sum(math.exp(v - top) for v in totals.values())
    return _iso(best), 1.0 / denominator


def _detect(text: str) -> LanguageResult:
    sample = _normalise(_sample(text))
    chars = Counter(sample)
    scripts = _script_counts(chars)
    if not scripts:
        return LanguageResult(UND, 0.0)
    script = _dominant(scripts)
    count = scripts[script]
    share = count / sum(scripts.values())
    if script == "Hebr":
        return LanguageResult("he", round(share, 4))
    model = _model()
    group = model.groups.get(script, model.groups["other"])
    lang, confidence = _decide(group, sample, chars, scripts, count, model)
    return LanguageResult(lang, round(confidence * share, 4))


def detect_language(text: str) -> LanguageResult:
    """The language of ``text``: ISO 639-1 where one exists, else 639-3; ``und`` without evidence.

    Never raises; the same text gives the same answer in every process.
    """
    if not isinstance(text, str) or not text:
        return LanguageResult(UND, 0.0)
    try:
        return _detect(text)
    except LanguageDataError:
        raise
    except Exception:  # noqa: BLE001 - the contract is "never raises" for any input text
        return LanguageResult(UND, 0.0)


def _segments(text: str) -> list[tuple[str, Counter[str], Counter[str]]]:
    """The lines of ``text`` that hold letters: (line, its character counts, its letters per script)."""
    out = []
    for segment in _SEGMENT_BREAK.split(_normalise(text[:MAX_DOCUMENT_CHARS])):
        chars = Counter(segment)
        counts = _script_counts(chars)
        if counts:
            out.append((segment, chars, counts))
    return out


def detect_document(text: str) -> LanguageResult:
    """A whole article: the primary language and, per segment (line), the other languages present.

    At most the first ``MAX_DOCUMENT_CHARS`` characters are read.

    The primary language is detected on the segments of the dominant script together (Latin letters
    weigh ``LATIN_WEIGHT`` in choosing it). Segments in another script count as secondary when they
    hold at least ``MIN_SECONDARY_LETTERS`` letters. A same-script paragraph is detected apart only
    when its letters contradict the primary language (cheap), and counts when that detection is
    confident; so a Persian article quoting an Urdu paragraph is fa with secondary ur.
    """
    if not isinstance(text, str) or not text:
        return LanguageResult(UND, 0.0)
    try:
        segments = _segments(text)
        totals: Counter[str] = Counter()
        for _, _, counts in segments:
            totals.update(counts)
        if not totals:
            return LanguageResult(UND, 0.0)
        script = _dominant(totals)
        main_text = "\n".join(seg for seg, _, counts in segments if _dominant(counts) == script)
        primary = detect_language(main_text)
        letters_by_lang: Counter[str] = Counter()
        for segment, chars, counts in segments:
            seg_script = _dominant(counts)
            n = sum(counts.values())
            if seg_script != script and counts[seg_script] >= MIN_SECONDARY_LETTERS:
                result = detect_language(segment)
            elif (seg_script == script and n >= MIN_SAME_SCRIPT_SECONDARY
                  and _letters_contradict(script, primary.lang, chars, counts)):
                result = detect_language(segment)
                if result.confidence < SAME_SCRIPT_CONFIDENCE:
                    continue
            else:
                continue
            if result.lang not in (UND, primary.lang):
                letters_by_lang[result.lang] += n
        secondary = tuple(lang for lang, _ in sorted(letters_by_lang.items(), key=lambda kv: (-kv[1], kv[0])))
        return LanguageResult(primary.lang, primary.confidence, secondary)
    except LanguageDataError:
        raise
    except Exception:  # noqa: BLE001
        return LanguageResult(UND, 0.0)


def _letters_contradict(script: str, lang: str, chars: Counter[str], scripts: Counter[str]) -> bool:
    """Cheap test before detecting a same-script paragraph apart: does it hold at least two letters
    that ``lang`` does not write (an Urdu paragraph in a Persian article: ے ں ٹ)?"""
    group = _model().groups.get(script)
    if group is None or lang not in group.scope:
        return False
    # ``_letter_scores(...)[lang]``, the same subtractions in the same order, for the one language
    score = 0.0
    for users, penalty in _letter_penalties(group, chars, scripts):
        if lang not in users:
            score -= penalty
    return score <= -2 * LETTER_PENALTY


def _dominant(counts: Counter[str]) -> str:
    """The script with most letters, Latin counted at ``LATIN_WEIGHT``: feeds in other scripts carry
    English page furniture (headers, menus) that must not outvote the text."""
    return max(sorted(counts), key=lambda s: counts[s] * (LATIN_WEIGHT if s == "Latn" else 1.0))


SUPPORTED_LANGUAGES: frozenset[str] = _profile_names() | {UND}
