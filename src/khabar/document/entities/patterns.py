"""Step 4: an unknown name right after a person title ('الرئيس X', 'وزیر خارجه X', 'ترجمان X') or a
place cue ('مدينة X', 'استان X', 'صوبہ X') becomes a candidate entity ``cand:<slug>``."""
from __future__ import annotations

import re
from functools import lru_cache

from khabar.document.entities.context import (
    after_phrase_ends,
    preceding_phrase,
    proclitic_readings,
)
from khabar.document.entities.exact import common_words
from khabar.document.entities.fuzzy import looks_like_clause_or_adjective
from khabar.document.entities.gazetteer import Context, Gazetteer, titles_for
from khabar.text.normalize import (
    arabic_article,
    fold,
    is_proclitic_prefix,
    takes_arabic_proclitics,
)

NAME_MAX_WORDS = 2  # a discovered name is a given name and a surname at most (plus a connector)
_NAME_BREAK = re.compile(r"[.,،؛;:!?؟()\[\]\n\r|/\\\-–—]")

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
            or (not picked and (looks_like_clause_or_adjective(word, lang) or _clitic_and_noun(word, lang, gaz)))
        ):
            break
        if lang == "en" or (lang is None and word.isascii()):
            if not text[offsets[start]].isupper():
                break
        elif lang is not None and word.isascii():
            break  # a name after an Arabic title is in Arabic letters: "الملك http://…" names no one
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


_CAPITAL = fold("العاصمة")
_NISBA_FEMININE = "ية"  # as written: "تركية", "الماليزية" ("ماليه", Malé, ends in another letter)


def _nisba_written(text: str, offsets: tuple[int, ...], word: tuple[int, int], lang: str | None) -> bool:
    """Whether the word, as the text writes it, ends as a feminine nisba adjective does ("تركية",
    "صناعية", "الماليزية"). Without the article, after a place cue, it says what kind of place, and is no
    name; with it, it names a place ("حي الشجاعية", "بلدة المالكية") except after "the capital", where it
    says whose capital (``_whose_capital``)."""
    if not takes_arabic_proclitics(lang):
        return False
    return text[offsets[word[0]]: offsets[word[1] - 1] + 1].endswith(_NISBA_FEMININE)


def _whose_capital(cue: str | None, folded_word: str, text: str, offsets: tuple[int, ...], word: tuple[int, int],
                   lang: str | None) -> bool:
    """Whether the word after the cue "العاصمة" says whose capital it is ("العاصمة الماليزية كوالالمبور"): an
    adjective between the cue and the name, as the words ``skip_after_title`` lists are."""
    return (cue == _CAPITAL and folded_word.startswith(arabic_article())
            and _nisba_written(text, offsets, word, lang))


_LI_AL = "لل"  # li + al-, folded: "for the"
_CLITICS = ("ل", "و", "ب", "ف", "ول", "وب", "فل")  # not ka-: "كمال" is no "as money"; li + al- is read above


def _clitic_and_noun(word: str, lang: str | None, gaz: Gazetteer) -> bool:
    """Whether the first word after a title is a common word behind a proclitic, no name: "المتحدث الرسمي
    لهيئة الهلال الأحمر", "الأمين العام للشؤون", "ولي العهد وسمو ولي ولي العهد", "رد الأمين العام بأنه".
    A name right after its title carries no proclitic; names that begin with those letters ("بندر",
    "وليد", "لطفي") are no common word without them, and first names known are kept ("كمال")."""
    if not takes_arabic_proclitics(lang) or word in gaz.first_names:
        return False
    if word.startswith(_LI_AL) and len(word) > len(_LI_AL) + 2:
        return True
    common = common_words(gaz)
    return any(word.startswith(c) and len(word) > len(c) + 2 and word[len(c):] in common for c in _CLITICS)


def _no_given_name_after_rank(cue: str | None, first: str, gaz: Gazetteer, lang: str | None) -> bool:
    """Whether a rank that is also a common noun ("الفريق": a lieutenant general, and the team; "اللواء":
    a major general, and the brigade) stands before words that begin with no given name: "الفريق الواحد",
    "الفريق خالي الوفاض", "اللواء الخامس عشر" name no one (226 such names in 6,000 Saudi articles, about
    nine in ten junk); "الفريق الركن عثمان المحرج" does."""
    return (cue in gaz.context.rank_nouns.get(lang, frozenset())
            and first not in gaz.context.given_names and first not in gaz.first_names)


def _known_as_another_kind(name: str, entity_type: str, gaz: Gazetteer, lang: str | None) -> bool:
    """Whether ``name`` (folded words) is an ambiguous alias of known entities (one that needs its
    context to be read as theirs) as written, none of the kind the cue before it announces: after "the
    capital", "النصر" is the club its context did not confirm, not an unknown place called so ("مدينة
    نصر", the article dropped, is Cairo's Nasr City)."""
    entries = gaz.aliases.get(name, ())
    return bool(entries) and all(
        not e.article_dropped and (rule := gaz.rules.get((e.entity_id, e.alias_key))) is not None
        and rule.needs_support_in(lang) and gaz.entities[e.entity_id].entity_type != entity_type for e in entries)


def _common_phrase(names: list[str], gaz: Gazetteer) -> bool:
    """Whether every word after a title is a common word and none a known first name: 'رئیس‌جمهور
    مردم' (the President ... the people) names no one."""
    common = common_words(gaz)
    return all(w in common and w not in gaz.first_names for w in names)


@lru_cache(maxsize=16)  # a handful of languages
def _cues(ctx: Context, lang: str | None) -> tuple[tuple[str, ...], dict[str, str]]:
    """The cue phrases of ``lang`` (person titles, then place cues) and the kind each announces;
    one tuple per language, so that the words ending a cue are remembered across texts."""
    cues = [(t, "person") for t in titles_for(ctx.person_titles, lang)]
    cues += [(t, "location") for t in titles_for(ctx.location_cues, lang)]
    cue_kinds: dict[str, str] = {}
    for cue, kind in cues:
        cue_kinds.setdefault(cue, kind)
    return tuple(cue_kinds), cue_kinds


def _named_after(cue: str | None, texts: list[str], index: int, cue_kinds: dict[str, str], ctx: Context,
                 lang: str | None) -> bool:
    """Whether what follows the cue names a thing after a person: a place cue before a person's title
    ("مدينة الملك عبدالعزيز للعلوم والتقنية", "حي الأمير سلطان": the title is no place's name; it was
    read as one, "الملك", 46 times in the Saudi corpus), or a noun that names things after people
    before a person's title ("جامعة الملك سعود", "بمطار الملك عبدالعزيز الدولي", "جسر الملك فهد": no
    person of those names is there: 452 of 2,538 names found after a title in 3,000 Saudi articles)."""
    if cue is None:
        return False
    if cue_kinds[cue] == "location":
        return cue_kinds.get(texts[index]) == "person"
    before = index - len(cue.split()) - 1
    return before >= 0 and _names_things(texts[before], lang, ctx)


def _names_things(word: str, lang: str | None, ctx: Context) -> bool:
    """Whether the word (with its proclitics) is a noun that names things after people
    (``titles.json`` ``named_after``: "جامعة", "بمطار")."""
    return bool(proclitic_readings(word, lang) & ctx.named_after.get(lang, frozenset()))


def discover(
    text: str,
    folded: str,
    offsets: tuple[int, ...],
    words: list[tuple[int, int]],
    texts: list[str],
    taken: bytearray,
    lang: str | None,
    gaz: Gazetteer,
) -> list[tuple[int, int, str]]:
    ctx = gaz.context
    cue_phrases, cue_kinds = _cues(ctx, lang)
    # the window before a word is read only where the word before it can end a cue: few words do
    after_cue = after_phrase_ends(texts, cue_phrases, lang)
    found = []
    index = 0
    while index < len(words):
        start = words[index][0]
        entity_type = None
        if after_cue[index] and not any(taken[start : words[index][1]]):
            cue = preceding_phrase(folded, start, cue_phrases, lang)
            entity_type = cue_kinds[cue] if cue is not None else None
        if entity_type is None or _named_after(cue, texts, index, cue_kinds, ctx, lang):
            index += 1
            continue
        # skip adjectives between title and name ('الرئيس السوري X', 'العاصمة الماليزية X'), then read the name
        first = index
        while first < len(words) and (texts[first] in ctx.skip_after_title
                                      or _whose_capital(cue, texts[first], text, offsets, words[first], lang)):
            first += 1
        if (entity_type == "location" and first < len(words) and not texts[first].startswith(arabic_article())
                and _nisba_written(text, offsets, words[first], lang)):
            index += 1  # "مدينة تركية", "بلدة حدودية": a kind of place, no place's name
            continue
        picked = _name_after(text, offsets, folded, words, first, taken, gaz, lang, entity_type)
        if picked and entity_type == "person" and (_common_phrase([texts[i] for i in picked], gaz)
                                                   or _no_given_name_after_rank(cue, texts[picked[0]], gaz, lang)):
            picked = []
        if picked and _known_as_another_kind(" ".join(texts[i] for i in picked), entity_type, gaz, lang):
            picked = []  # a known club's name its context did not confirm: "قطبي العاصمة النصر والهلال"
        if not picked:
            index += 1
            continue
        end = words[picked[-1]][1]
        begin = words[picked[0]][0]
        found.append((begin, end, entity_type))
        taken[begin:end] = b"\x01" * (end - begin)
        index = picked[-1] + 1
    return found


_BIN = "بن"  # folded: "son of"
_ABD = "عبد"  # "servant of": "عبد الله", "عبد العزيز" are one name written in two words
_AND = "و"


def _family(text: str, offsets: tuple[int, ...], words: list[tuple[int, int]], texts: list[str],
            taken: bytearray, at: int, common: frozenset[str]) -> int:
    """How many words the family's name at word ``at`` takes: one "ال" word ("الجفالي"), two for
    "آل" and a name ("آل سعود"), none when what follows is no family's name."""
    article = arabic_article()
    size = 2 if at + 1 < len(words) and texts[at] == article else 1
    if at + size > len(words) or any(taken[words[at][0]:words[at + size - 1][1]]) or any(
            _gap_breaks(text, offsets, words, i) for i in range(at, at + size)):
        return 0
    last = texts[at + size - 1]
    if size == 1 and not (last.startswith(article) and len(last) > len(article) + 1):
        return 0
    return size if last not in common else 0


def nasab(text: str, offsets: tuple[int, ...], words: list[tuple[int, int]], texts: list[str],
          taken: bytearray, lang: str | None, gaz: Gazetteer) -> list[tuple[int, int, str]]:
    """Unknown Arabic names written as a lineage, no title before them: a common given name, "بن"
    and a name once or more, and the family's name after ("علي بن عبد الله بن إبراهيم الجفالي",
    "علي بن عبدالله الجفالي"). Each is (start, end, key): the key is the given name and the family's
    ("علي الجفالي"), so that the long form and the short one are one person; a lineage with no family
    name, or of a house ("آل سعود"), is keyed by itself. A lineage after a noun that names things
    after people, or after one and a title, is the thing's name ("مدرسة عمر بن الخطاب", "جامعة الملك
    عبدالله بن عبدالعزيز")."""
    if lang != "ar":
        return []
    bins = [i for i, w in enumerate(texts) if w == _BIN]  # a lineage starts a word or two before one
    if not bins:
        return []
    common, given_names = common_words(gaz), gaz.context.given_names
    found, index = [], 0
    for b in bins:
        for start in (b - 2, b - 1):
            if start < index or start < 0:
                continue
            # a conjunction may stand before the given name ("ومحمد بن فهد"): it is no part of the name
            skip = 1 if texts[start][:1] == _AND and texts[start][1:] in given_names else 0
            given = texts[start][skip:]
            first = 2 if given == _ABD else 1
            at = start + first
            if (at != b or given not in given_names or (start and texts[start - 1] == _BIN)
                    or any(_names_things(texts[i], lang, gaz.context) for i in range(max(0, start - 2), start))
                    or any(taken[words[start][0]:words[at - 1][1]])):
                continue
            while (at + 1 < len(words) and texts[at] == _BIN and not _gap_breaks(text, offsets, words, at)
                   and not _gap_breaks(text, offsets, words, at + 1)
                   and (texts[at + 1] in given_names or texts[at + 1] not in common)
                   and not any(taken[words[at][0]:words[at + 1][1]])):
                at += 3 if at + 2 < len(words) and texts[at + 1] == _ABD else 2  # "بن" and a name
            if at == b:
                continue
            end = at + _family(text, offsets, words, texts, taken, at, common)
            # a house's name ("آل سعود") is many men's: the whole lineage tells them apart
            names = [given] + texts[start + 1:end]
            key = " ".join(names[:first] + texts[at:end]) if end == at + 1 else " ".join(names)
            begin = words[start][0] + skip
            found.append((begin, words[end - 1][1], key))
            taken[begin:words[end - 1][1]] = b"\x01" * (words[end - 1][1] - begin)
            index = end
            break
    return found
