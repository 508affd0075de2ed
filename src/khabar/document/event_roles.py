"""Who does what to whom around an event trigger: the clause the trigger sits in, and the roles of
the people and organisations named in it.

Word order differs by language (``data/events/roles.json``): in Arabic the verb usually comes first
and the doer right after it (قصفت القوات الروسية مواقع ...); in Persian and Urdu both doer and
target come before the verb, marked by postpositions (را, کو, پر; Urdu ergative نے). Names in
another clause of the sentence (after "and he said", "while") take no part in the event.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Protocol

from khabar.document.role_rules import RoleRules, load_roles
from khabar.text.normalize import affix_stems, fold

CUE_REACH_CHARS = 40  # cues are looked for this far either side of a name (a few words)
SUBJECT = "subject"  # the role (and roles policy) of the one person a happening befalls once: a death
SUBJECT_REACH_AFTER = 40  # a death's person: titles may stand between ("صاحب السمو الملكي الأمير ")
SUBJECT_WORDS_BEFORE = 4  # or the name comes first, a few words before: "X امروز در قم درگذشت"
# words of a message between a name and a death: the name is who sent it ("في برقية عزاء", "در پیامی")
_SENDER = re.compile(r"(?<!\w)(?:پیام|پیامی|تسلیت|برقية|رسالة|بيان|تعزية)(?!\w)")
_COUNT = re.compile(r"\d|(?<!\w)(?:أكثر|عدد|حالة|حالات|شخص|أشخاص|عامل|مواطن|مواطنين|أحد|نفر|تن)(?!\w)")
HAPPENED_REACH_CHARS = 30  # a clause of where it happened opens this near the trigger ("الآثم الإرهابي الذي وقع")
EZAFE_CHARS = 25  # a Persian place this near after a trigger is in its ezafe: whose the happening is (``place_of``)
# what ends a Persian noun phrase: punctuation, "and", the object marker, a verb
_EZAFE_BREAK = re.compile(r"[.،,:؛]|(?<!\w)(?:و|را|کرد|کردند|کرده|شد|شدند|شده|است|بود)(?!\w)")
SPEAKER_REACH_CHARS = 160  # a verb of speech this far before a name (titles between: "مفتي عام المملكة رئيس هيئة ...")
# words that may stand between a verb and its doer named after it: "هاجم مسلحون X", "قصفت أمس X"
VERB_SUBJECT_WORDS = 2
# verb first, a doer written before a noun trigger stands near it ("داعش التي شنت هجوما"); a name further
# back is the sentence's subject or topic ("تأتي تصريحات عباس بعد يومين من مقتل رضيع ... بعد أن أحرق")
BEFORE_DOER_WORDS = 10
REACTION_WORDS = 14  # a reaction follows the trigger this near: "دھماکے میں قیمتی جانوں کے ضیاع پر افسوس"; Persian's verb of saying ends a long clause
MAX_PARTICIPANTS = 4  # a meeting is between a few parties; the nearest four names are the ones meeting
# a word of what a meeting passes on (roles.json "conveyed_before") this many words before a name at
# most (titles between: "تعازي ومواساة خادم الحرمين الشريفين الملك سلمان")
CONVEYED_WORDS = 4
# marks that end a clause, read in the body (folding drops punctuation): a semicolon. Not quotation
# marks nor brackets: Persian quotes names («بوریس جانسون»), and "(ره)" follows one. A colon ends one
# after a verb of saying (``RoleRules.quote``): "X در دیدار با Y اظهار داشت: ... امام خمینی", the names
# quoted are not meeting; not before a list ("استقبل ... الطاقم الفني وهم: مدرب الفريق ...")
_PUNCT_BREAK = re.compile(r"[;؛]")
_COLON = re.compile(":")
QUOTE_REACH_CHARS = 40  # the verb of saying right before a colon: its last words
_WORDS = re.compile(r"\w+")


class Named(Protocol):
    entity_id: str
    start: int
    end: int


class TypedName(Named, Protocol):
    entity_type: str


def _speaker(body: str, e: Named, start: int, rules: RoleRules | None, clause_start: int) -> bool:
    """Whether a name before the trigger is the subject of a verb of speech before it, in the
    trigger's clause (from ``clause_start``): "وصف ... الشيخ عبدالعزيز آل الشيخ حادثة التفجير"
    (described the bombing) is who speaks; not one who claims it ("أعلنت حركة طالبان مسؤوليتها عن
    الهجوم": ``RoleRules.claimed``, between the name and the trigger)."""
    if rules is None or rules.speaker_verb is None or e.end > start:
        return False
    if rules.claimed is not None and rules.claimed.search(fold(body[e.end:start])):
        return False
    return rules.speaker_verb.search(_said_before(body, e.start, clause_start)) is not None


def _said_before(body: str, at: int, since: int) -> str:
    """The folded words before ``at`` where a verb of speech would govern it: from ``since`` (its
    sentence's or clause's start), at most ``SPEAKER_REACH_CHARS`` back."""
    return fold(body[max(since, at - SPEAKER_REACH_CHARS):at])


def condemned(body: str, lang: str, trigger_start: int, sentence_start: int) -> bool:
    """Whether a verb of condemning or mourning (``RoleRules.condemned``) comes before the trigger in its
    sentence: "دان مجلس الوزراء البحريني بشدة التفجير" tells the condemnation's day, not the bombing's."""
    rules = load_roles().get(lang)
    if rules is None or rules.condemned is None:
        return False
    return rules.condemned.search(_said_before(body, trigger_start, sentence_start)) is not None


def happened_at(
    folded: str, offsets: Sequence[int], window: tuple[int, int], trigger: tuple[int, int], rules: RoleRules | None
) -> int | None:
    """Where a relative clause that tells where the happening took place ends, when one opens a few
    words after the trigger ("التفجير الآثم الذي وقع أثناء الصلاة في مسجد ... بمنطقة عسير"), in body
    offsets; else None. A place named after it is the happening's, not one named before the trigger
    (a condemner's "بمنطقة الرياض")."""
    if rules is None or rules.happened_in is None:
        return None
    f0 = bisect.bisect_left(offsets, trigger[1])
    f1 = min(bisect.bisect_left(offsets, window[1]), f0 + HAPPENED_REACH_CHARS)
    found = rules.happened_in.search(folded, f0, f1)
    return offsets[found.end() - 1] + 1 if found else None


def clause_of(
    folded: str, offsets: Sequence[int], window: tuple[int, int], trigger: tuple[int, int], rules: RoleRules | None,
    body: str, own: int | None,
) -> tuple[int, int]:
    """The part of the window between the clause breaks around the trigger, in body offsets: the
    language's words (``RoleRules.clause_break``), a word that opens what someone says before the trigger
    (``_complements``), and in ``body`` the marks of ``_PUNCT_BREAK`` and a colon after a verb of saying
    (``RoleRules.quote``).

    ``folded``/``offsets`` are the whole body's ``fold_with_offsets``; ``window`` is a span of the
    body, ``trigger`` the trigger's span. Only the window is read."""
    s0, s1 = window
    if rules is None:
        return s0, s1
    start, end = trigger
    f0, f1 = bisect.bisect_left(offsets, s0), bisect.bisect_left(offsets, s1)
    # the happening's own relative clause ("التفجير الذي استهدف مسجد قوات الطوارئ", ending at ``own``:
    # ``happened_at``) tells its target and place: its "الذي" opens no other clause
    # nor does a relative clause of who did it, before the trigger ("حركة الشباب التي شنت ... الهجمات")
    breaks = [(offsets[m.start()], offsets[m.end() - 1] + 1) for m in rules.clause_break.finditer(folded, f0, f1)
              if (own is None or not offsets[m.start()] < own <= offsets[m.end() - 1] + 1 + HAPPENED_REACH_CHARS)
              and not (rules.doer_clause is not None and offsets[m.start()] < start
                       and rules.doer_clause.match(folded, m.start()))]
    breaks += [(m.start(), m.end()) for m in _PUNCT_BREAK.finditer(body, s0, s1)]
    breaks += _complements(folded, offsets, f0, start, body[start:end], rules)
    if rules.quote is not None:
        breaks += [(m.start(), m.end()) for m in _COLON.finditer(body, s0, s1)
                   if rules.quote.search(fold(body[max(s0, m.start() - QUOTE_REACH_CHARS):m.start()]))]
    c0, c1 = s0, s1
    for at, after in sorted(breaks):
        if at < start:
            c0 = max(c0, after)
        elif at >= end:
            c1 = at
            break
    return c0, c1


def _complements(folded: str, offsets: Sequence[int], f0: int, start: int, trigger: str,
                 rules: RoleRules) -> list[tuple[int, int]]:
    """Where a clause of what someone says or learns opens before the trigger (``RoleRules.complementizer``:
    "قال الجيش التركي في بيان إن حزب العمال الكردستاني قتل ... في هجوم"), in body offsets, from the
    window's start in the folded text (``f0``): who says it takes no part. Not after a word of time or
    need (``RoleRules.not_complement_after``: "قبل أن يتم اختياره لتنفيذ عملية"), whose clause shares its
    subject with the sentence's; none when the happening is the speaker's own (``_possessed``)."""
    if rules.complementizer is None or _possessed(trigger):
        return []
    out = []
    for m in rules.complementizer.finditer(folded, f0, bisect.bisect_left(offsets, start)):
        before = folded[max(0, m.start() - 12):m.start()].split()
        if not (before and before[-1] in rules.not_complement_after):
            out.append((offsets[m.start()], offsets[m.end() - 1] + 1))
    return out


# a happening of someone's ("اجتماعه", "زيارتها", "هجومهم"): whoever says so before "that" may be its party
_POSSESSIVE_ENDINGS = ("ه", "ها", "هم", "هما")


def _possessed(trigger: str) -> bool:
    """Whether the trigger, as written, ends with a possessive pronoun ("قال الجبير إن اجتماعه مع كيري":
    the speaker met); not "ة", which folding would make look like one."""
    return trigger.rstrip().endswith(_POSSESSIVE_ENDINGS)


def _doer_noun(trigger: str, rules: RoleRules) -> bool:
    """Whether the trigger is a noun whose genitive is its doer (``RoleRules.doer_nouns``), clitics off
    (``affix_stems``: "وهجوم", "بالغارات")."""
    words = fold(trigger).split()
    if not words or not rules.doer_nouns:
        return False
    return any(stem in rules.doer_nouns for stem in affix_stems(words[0], None))


def _begins_with(text: str, cues: frozenset[str]) -> bool:
    """Whether a postposition opens the text right after a name ("X کے مطابق")."""
    words = _WORDS.findall(fold(text))
    return any(" ".join(words[: len(cue.split())]) == cue for cue in cues)


def _nearest_cue(text: str, rules: RoleRules) -> str | None:
    """The role the cue nearest a name gives it among the last ``cue_window`` words before it: "actor"
    for a word of ``RoleRules.actor_before``, "target" for one of ``RoleRules.target_before``."""
    words = _WORDS.findall(fold(text))
    near = " " + " ".join(words[-rules.cue_window:]) + " "
    found = [(near.rfind(f" {cue} "), role) for cues, role in ((rules.actor_before, "actor"), (rules.target_before, "target"))
             for cue in cues]
    at, role = max(found, default=(-1, None))
    return role if at >= 0 else None


def _marker(after: str, rules: RoleRules) -> str | None:
    """The role the first postposition after a name gives it, within the cue window: "X نے" its doer,
    "X کو", "X را" its target; a genitive's noun may come between ("نیٹو کے قافلے پر": NATO's convoy
    was hit), not another's postposition ("طالبان نے پولیس پر": the Taliban did it)."""
    words = _WORDS.findall(fold(after))
    for i in range(min(rules.cue_window, len(words))):
        for cues, role in ((rules.target_after, "target"), (rules.actor_after, "actor")):
            if any(" ".join(words[i:i + len(cue.split())]) == cue for cue in cues):
                return role
    return None


def _distance(e: Named, start: int, end: int) -> int:
    if e.end <= start:
        return start - e.end
    if e.start >= end:
        return e.start - end
    return 0


def place_of(body: str, places: Sequence[Named], start: int, end: int, lang: str) -> str:
    """The happening's place among the places of its window: the one nearest the trigger (after it on a
    tie); in Persian one in the ezafe right after the trigger (``EZAFE_CHARS``, no verb, conjunction or
    "را" between), whose the happening is ("پرتاب ماهواره ایران", the launch of Iran's satellite),
    before a nearer one before it, the subject's ("واشنگتن روند پرتاب ماهواره ایران را … دنبال می‌کرده")."""
    def in_ezafe(e: Named) -> bool:
        return (lang == "fa" and end <= e.start <= end + EZAFE_CHARS
                and not _EZAFE_BREAK.search(body, end, e.start))

    return min(places, key=lambda e: (not in_ezafe(e), _distance(e, start, end), e.start < start,
                                      e.entity_id)).entity_id


def participants(body: str, names: Sequence[Named], start: int, end: int, rules: RoleRules | None) -> dict[str, str]:
    """The parties of a meeting-like event: the names nearest the trigger, in text order; not one
    whose words the meeting passes on ("تعازي ... الملك سلمان": ``RoleRules.conveyed``), nor one named
    after what it was to discuss ("لمناقشة ... المواجهة مع الانقلابيين الحوثيين": ``RoleRules.topic``)."""
    names = [e for e in names if not _conveyed(body, e, rules) and not _topic(body, e, end, rules)
             and not _cited(body, e, rules) and not _reacting(body, e, start, rules)]
    names = [e for e in names if not _post_of(body, e, names, rules)]
    nearest = sorted(names, key=lambda e: (_distance(e, start, end), e.start))[:MAX_PARTICIPANTS]
    out: dict[str, str] = {}
    for e in sorted(nearest, key=lambda e: (e.start, e.entity_id)):
        out.setdefault(e.entity_id, "participant")
    return out


# a phrase runs to the next comma at most: what a meeting discussed, who a report cites, a post's title
PHRASE_ENDS = re.compile(r"[،,؛;.]")


def _topic(body: str, e: Named, end: int, rules: RoleRules | None) -> bool:
    """Whether a word of ``RoleRules.topic`` stands between the trigger's end and the name, with no
    comma between it and the name ("بشأن سوريا في الدوحة، مشيرًا إلى أن لافروف أطلع شكري": Lavrov is
    a party again after the comma)."""
    if rules is None or rules.topic is None or e.start < end:
        return False
    return rules.topic.search(fold(PHRASE_ENDS.split(body[end:e.start])[-1])) is not None


# title words that may stand between a person and the body of his post ("علی لاریجانی دبیر شورای عالی
# امنیت ملی"); "and", "with", a delegation's word make the body a party of its own
POST_WORDS = 3
_PARTY_WORDS = frozenset(fold(w) for w in ("و", "با", "هیئت", "هيئت"))


def _post_of(body: str, e: Named, names: Sequence[Named], rules: RoleRules | None) -> bool:
    """Whether an organisation is only the body of a person's post, where titles follow names
    (``RoleRules.post_after_name``): named a few title words after him ("علی لاریجانی دبیر شورای عالی
    امنیت ملی"), with no "and", "with" or delegation between. The person meets; his body does not, as
    well. (Where titles come first, "أمين عام مجلس التعاون عبداللطيف الزياني", the body is kept: reports
    of one meeting name the man or his council, and meet on either.)"""
    if rules is None or not rules.post_after_name or getattr(e, "entity_type", "person") != "organization":
        return False
    for p in names:
        if getattr(p, "entity_type", "") != "person" or p.end > e.start:
            continue
        between = body[p.end:e.start]
        words = _WORDS.findall(fold(between))
        if len(words) <= POST_WORDS and not _PARTY_WORDS.intersection(words) and not PHRASE_ENDS.search(between):
            return True
    return False


def _cited(body: str, e: Named, rules: RoleRules | None) -> bool:
    """Whether the name is who the report cites: after a word of ``RoleRules.source_before`` with no
    comma between ("به گزارش خبرگزاری فارس به نقل از روابط عمومی سپاه عاشورا،"), or right before one of
    ``RoleRules.source_after`` ("آئی این پی کے مطابق")."""
    if rules is None:
        return False
    if rules.source_after and _begins_with(body[e.end:e.end + CUE_REACH_CHARS], rules.source_after):
        return True
    clause = PHRASE_ENDS.split(body[max(0, e.start - SPEAKER_REACH_CHARS):e.start])[-1]
    return rules.source_before is not None and rules.source_before.search(fold(clause)) is not None


def _reacted_to(body: str, end: int, rules: RoleRules | None) -> bool:
    """Whether a word of ``RoleRules.reaction`` follows the trigger within ``REACTION_WORDS`` words: the
    names before it condemn it, regret it, take notice of it ("نے دھماکے کی مذمت کی"), none did it."""
    if rules is None or rules.reaction is None:
        return False
    words = _WORDS.findall(fold(body[end:end + CUE_REACH_CHARS * 2]))[:REACTION_WORDS]
    return rules.reaction.search(" ".join(words)) is not None


def _reacting(body: str, e: Named, start: int, rules: RoleRules | None) -> bool:
    """Whether a word of ``RoleRules.reaction_before`` stands between a name and the trigger after it:
    "عفو بین‌الملل … با انتشار گزارشی درباره اعدام‌ها" reports on the executions; it did none."""
    if rules is None or rules.reaction_before is None or e.end > start:
        return False
    return rules.reaction_before.search(fold(body[e.end:start])) is not None


def _conveyed(body: str, e: Named, rules: RoleRules | None) -> bool:
    """Whether a word of ``RoleRules.conveyed`` stands a few words before the name (``CONVEYED_WORDS``)."""
    if rules is None or rules.conveyed is None:
        return False
    before = fold(body[max(0, e.start - CUE_REACH_CHARS * 2):e.start])
    found = list(rules.conveyed.finditer(before))
    return bool(found) and len(_WORDS.findall(before[found[-1].end():])) <= CONVEYED_WORDS


# a death told by "his death" ("الحزن على فقده ورحيله", "بوفاته"): whose it is, the article says elsewhere
_POSSESSIVE_DEATHS = tuple(fold(w) for w in ("وفاته", "رحيله"))
PRINCIPAL_MIN_MENTIONS = 2
_MOURNED = re.compile("|".join(re.escape(fold(w)) for w in ("رحمه الله", "يرحمه الله", "رحمة الله عليه", "غفر الله له")))
MOURNED_REACH = 30  # characters after a name: "سعود الفيصل – يرحمه الله –"


def _principal(body: str, people: Sequence[TypedName], start: int, opening: int) -> dict[str, str]:
    """Whose death a trigger with "his" tells, in the article's opening (an obituary, a column mourning
    him): the person the article names most, at least twice (first named on a tie). Further down,
    "his death" is as often another's (a rumour, a father) as the article's man: none is read."""
    if start >= opening:
        return {}
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for e in people:
        if e.entity_type == "person":
            counts[e.entity_id] = counts.get(e.entity_id, 0) + 1
            first.setdefault(e.entity_id, e.start)
    best = min(counts, key=lambda eid: (-counts[eid], first[eid]), default=None)
    if best is None or counts[best] < PRINCIPAL_MIN_MENTIONS:
        return {}
    # and mourned: "سعود الفيصل -رحمه الله-" (the poet who mourns him is named most in his elegy's report)
    mourned = any(_MOURNED.search(fold(body[e.end:e.end + MOURNED_REACH])) for e in people if e.entity_id == best)
    return {best: SUBJECT} if mourned else {}


def subject(body: str, people: Sequence[Named], start: int, end: int, *,
            everyone: Sequence[TypedName] = (), opening: int = 0) -> dict[str, str]:
    """The one person a happening befalls (a death): a person named right after the trigger, titles
    between ("وفاة صاحب السمو الملكي الأمير سعود"); else one named a few words before it
    ("آیت‌الله امینی امروز درگذشت", "سعود الدوسري، الذي توفي"). None when a count stands between
    ("وفاة 4 حالات": the dead of an accident, unnamed), nor before a message's words ("خامنه‌ای در
    پیامی درگذشت": the leader's message on a death is not his). "His death" is none of the names
    around it: in the opening (before ``opening``), the death of the person the article is about, among
    ``everyone`` it names (``_principal``)."""
    if fold(body[start:end]).endswith(_POSSESSIVE_DEATHS):  # "ورحيله": its proclitics before
        return _principal(body, everyone, start, opening)  # whose, the names around it do not say
    after = [e for e in people if e.start >= end and e.start - end <= SUBJECT_REACH_AFTER
             and not _COUNT.search(body[end:e.start])]
    before = [e for e in people if e.end <= start and len(_WORDS.findall(body[e.end:start])) <= SUBJECT_WORDS_BEFORE
              and not _COUNT.search(body[e.end:start]) and not _SENDER.search(body[e.end:start])]
    if after:
        return {min(after, key=lambda e: (e.start, e.entity_id)).entity_id: SUBJECT}
    if before:
        return {max(before, key=lambda e: (e.end, e.entity_id)).entity_id: SUBJECT}
    return {}


def actors_and_targets(
    body: str, names: Sequence[Named], start: int, end: int, rules: RoleRules | None, clause_start: int = 0,
    verb: bool = True,
) -> dict[str, str]:
    """Roles of the names of one clause around a trigger at ``[start, end)``; a name who speaks of the
    happening (``_speaker``, within the trigger's clause from ``clause_start``: "أعلن داود أوغلو أن
    الجيش التركي شن غارات" makes the army no speaker) has none. Verb first (``vso``), the doer is the
    name right after a verb (``VERB_SUBJECT_WORDS``: "اعتقلت الشرطة التركية"), not one further on
    ("قصفت الطائرات التركية أهدافا لتنظيم داعش": a target) nor one after a noun ("تفجير مسجد قوات
    الطوارئ", "إعدام X": whom it befell; ``verb`` False) unless its genitive is its doer
    (``RoleRules.doer_nouns``: "هجوم تنظيم داعش عليها"); before a noun, only a name near it
    (``BEFORE_DOER_WORDS``)."""
    out: dict[str, str] = {}
    # verb first, the doer comes right after the verb; in Persian a happening's noun is followed by whose
    # it is ("حمله گسترده ارتش پاکستان به وزیرستان", "حملات هوایی نیروی سلطنتی انگلیس")
    doer_after = rules is not None and (rules.order == "vso" and verb
                                        or (rules.doer_after_noun or _doer_noun(body[start:end], rules)) and not verb)
    reacted = _reacted_to(body, end, rules)
    for e in sorted(names, key=lambda e: (e.start, e.entity_id)):
        if (e.entity_id in out or _speaker(body, e, start, rules, clause_start) or _cited(body, e, rules)
                or (reacted and e.end <= start) or _reacting(body, e, start, rules)):
            continue
        # a word before the trigger governs the trigger, not a name after it ("در واکنش به حمله داعش")
        before = body[max(0, e.start - CUE_REACH_CHARS, end if e.start >= end else 0) : e.start]
        after = body[e.end : e.end + CUE_REACH_CHARS]
        marked = _marker(after, rules) if rules else None
        cued = _nearest_cue(before, rules) if rules else None
        if marked is not None:
            role = marked
        elif cued is not None:
            # "مقذوف أطلقه الحوثيون", "غارة نفذها الطيران الإسرائيلي": who did it; "الذي تبناه داعش على
            # القوات": the nearer word says
            role = cued
        elif e.end <= start:
            if rules is not None and rules.order == "vso" and len(_WORDS.findall(body[e.end:start])) > BEFORE_DOER_WORDS:
                continue  # "تأتي تصريحات عباس بعد يومين من مقتل رضيع ... بعد أن أحرق": the sentence's topic
            role = "actor"
        elif doer_after and "actor" not in out.values() and len(_WORDS.findall(body[end:e.start])) <= VERB_SUBJECT_WORDS:
            role = "actor"
        else:
            role = "target"
        out[e.entity_id] = role
    return out
