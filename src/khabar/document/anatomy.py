"""Document anatomy: title, kicker, dateline, byline, body and page furniture, read from plain text.

Our files carry no markup, so the parts of a page are told apart by their shape:

* **furniture** — share / "read also" / "Next Previous" lines, wire end marks (``// انتهى //``),
  repeated title lines, short masthead lines in the head, everything after a closing source line
  (``المصدر: …``) or a "read also" line, and a trailing run of short headline-like lines after the
  last paragraph (the site's list of unrelated headlines);
* **title** — the first content line when it is short and not a sentence or a dateline;
* **kicker** — a short bulleted section label (``● أخبار سورية``), its trailing date removed;
* **dateline** — a leading ``X –`` / ``X- Y:`` / ``CITY (WIRE)`` prefix of the first body line, or a
  whole short dateline line (``عين اليوم – متابعات``); a line opening with a citing verb
  (``نقلت وكالة … (واس) عن``) is a sentence, not a dateline;
* **byline** — ``الكاتب: …``, ``بقلم: …``, ``نویسنده: …``, ``By: …`` labels;
* **body** — everything else, in order. Later stages read the body only.

``dissect`` runs named phases in order over one ``_Page`` (the lines and what is known of them so
far); each phase reads the page and fills in its part. Cue tables live in
``khabar/data/anatomy/anatomy.json``; token-count thresholds are the constants below.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from khabar.text.chars import NBSP, WORD_CHARS
from khabar.text.normalize import fold

# Thresholds, in word tokens unless said otherwise.
TITLE_MAX_TOKENS = 30  # a headline is one line; longer first lines are the lead paragraph
TITLE_MAX_TOKENS_IF_DATELINE_SHAPED = 12  # "X - Y" shaped first lines are titles only when short
TITLE_MIN_TOKENS = 3  # one or two words are a section label or a masthead, not a headline
SENTENCE_TITLE_MAX_TOKENS = 12  # a line ending in a full stop is a title only when this short
PARAGRAPH_MIN_TOKENS = 15  # a line this long is running text whatever its punctuation
PARAGRAPH_MIN_TOKENS_WITH_STOP = 6  # a shorter line ending in a full stop is still a paragraph
MASTHEAD_MAX_TOKENS = 3  # site names and section labels in the head are at most this long
HEAD_MAX_LINES = 8  # mastheads and date lines under the title sit in the first lines only
STANDFIRST_MASTHEAD_LINES = 5  # masthead lines can also sit just below the standfirst
DATELINE_MAX_TOKENS = 7  # a whole-line dateline is a few names: author, outlet, city
DATELINE_MAX_CHARS = 80  # … and short in characters too
DATELINE_PAREN_MAX_CHARS = 60  # "CITY (WIRE)" alone on a line
DATELINE_COLON_MAX_TOKENS = 3  # "خبرگزاری فارس:" — a short name and a colon
DATELINE_SEGMENT_MAX_TOKENS = 4  # one segment of "author - outlet - city:"
WORD_MAX_CHARS = 40  # longer than any word of a name, a city or a month: dateline and date-line
# patterns read words of at most this length, so a run of letters without spaces fails at once
DATELINE_SEARCH_LINES = 4  # a dateline prefix is looked for in the first body lines only
KICKER_MAX_TOKENS = 12  # a bulleted section label is short
BYLINE_MAX_TOKENS = 12  # "الكاتب: X" is a label line, not a sentence that contains "by:"
TRAILER_MIN_LINES = 3  # fewer short lines after the last paragraph may be the article's own end
TRAILER_LINE_MAX_TOKENS = 16  # a headline in the site's list of other stories


@dataclass(frozen=True)
class _Cues:
    furniture_line: re.Pattern[str]
    furniture_prefix: re.Pattern[str]
    furniture_suffix: re.Pattern[str]
    cut_line: re.Pattern[str]
    source_line: re.Pattern[str]
    byline: re.Pattern[str]
    dateline_line: re.Pattern[str]
    dateline_dashed: re.Pattern[str]
    dateline_colon: re.Pattern[str]
    dash: re.Pattern[str]
    dash_separator: re.Pattern[str]
    kicker: re.Pattern[str]
    citing_verbs: frozenset[str]
    sentence_end: tuple[str, ...]
    paragraph_end: tuple[str, ...]


def _any(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    data = json.loads(
        resources.files("khabar").joinpath("data/anatomy/anatomy.json").read_text("utf-8")
    )
    dash = data["dash"]
    seg = rf"(?!ـ+\s)[^\s\-–—۔:()\n]{{1,{WORD_MAX_CHARS}}}"
    segment = rf"{seg}(?:\s+{seg}){{0,{DATELINE_SEGMENT_MAX_TOKENS - 1}}}"
    return _Cues(
        furniture_line=_any(data["furniture_line"]),
        furniture_prefix=_any(data["furniture_prefix"]),
        furniture_suffix=_any(data["furniture_suffix"]),
        cut_line=_any(data["cut_line"]),
        source_line=re.compile(data["source_line"], re.IGNORECASE),
        byline=re.compile(data["byline_label"], re.IGNORECASE),
        dateline_line=_any([p.replace("{word}", str(WORD_MAX_CHARS)) for p in data["dateline_line"]]),
        # "الوقت - ", "سبق- نجران: ", "فهد كاملي- سبق- جازان: ", "موسكو – "
        dateline_dashed=re.compile(
            rf"^(?P<dl>{segment}(?:\s*{dash}\s*{segment}){{0,4}}\s*(?:(?:{dash})?\s*:|{dash}))(?=\s|$)"
        ),
        # "خبرگزاري فارس: " (a short name and a colon)
        dateline_colon=re.compile(rf"^(?P<dl>{seg}(?:\s+{seg})?\s*:)"),
        dash=re.compile(dash),
        dash_separator=re.compile(rf"\s{dash}|{dash}\s|{dash}$"),
        kicker=re.compile(rf"^[{re.escape(data['kicker_bullets'])}]+\s*\S"),
        citing_verbs=frozenset(fold(v) for v in data["citing_verbs"]),
        sentence_end=tuple(data["sentence_end"]),
        paragraph_end=tuple(data["paragraph_end"]),
    )


def source_line_pattern() -> re.Pattern[str]:
    """``المصدر: …`` / ``منبع: …`` / ``Source: …`` with groups ``label`` and ``value``."""
    return _cues().source_line


# "لاہور ۔ 16ستمبر (اے پی پی)", "دبئی(اسپورٹس ڈیسک)", "MOSCOW (Reuters) -"
_DATELINE_PAREN = re.compile(r"^(?P<dl>[^()\n.،,:]{1,40}?\s*\([^()\n]{1,40}\)(?:\s*[-–—ـ:])?)")
_TRAILING_DATE = re.compile(r"\s+[0-9٠-٩۰-۹]{1,2}\s+\S+\s+[0-9٠-٩۰-۹]{4}\s*$")
_DIGIT = re.compile(r"[0-9٠-٩۰-۹]")
# a line that is only a date: weekday, day, month (one or two words), year, calendar marks
_WORD = rf"[^\W\d]{{1,{WORD_MAX_CHARS}}}"
_DATE_ONLY = re.compile(
    rf"^(?:{_WORD}\s*[-–—،,]?\s*)?(?:[0-9٠-٩۰-۹]{{1,2}}\s+{_WORD}(?:\s{_WORD})?\s+[0-9٠-٩۰-۹]{{4}}\s*[^\W\d]{{0,3}}\s*[-–—،,]?\s*){{1,2}}$"
)
_TOKEN = re.compile(f"[{WORD_CHARS}]+")
_STRIP = " \t\r\f\v" + NBSP + "\u200e\u200f\ufeff\u2002\u2003\u2009"
# a line, or a stretch of a line ended by a long run of (non-breaking) spaces used as a break
_LINE = re.compile(r"[^\n]*?(?=[ \u00a0]{4,}|\n|$)")
_WIDE_GAP = re.compile(r"[ \u00a0]{4}")  # such a run: without one, _LINE's stretches are the lines


@dataclass(frozen=True)
class Anatomy:
    title: str | None
    kicker: str | None
    dateline: str | None
    byline: str | None
    body: str
    body_start: int
    furniture: tuple[str, ...]


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str
    tokens: int


def _line(start: int, text: str) -> _Line:
    return _Line(start, start + len(text), text, len(_TOKEN.findall(text)))


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    if _WIDE_GAP.search(text) is None:
        # nearly every text: no run of spaces breaks a line, so the stretches _LINE finds are the
        # lines between newlines, which one split gives (the lazy regex tests its look-ahead at
        # every character)
        start = 0
        for raw in text.split("\n"):
            stripped = raw.strip(_STRIP)
            if stripped:
                out.append(_line(start + len(raw) - len(raw.lstrip(_STRIP)), stripped))
            start += len(raw) + 1
        return out
    for m in _LINE.finditer(text):
        raw = m.group(0)
        stripped = raw.strip(_STRIP)
        if stripped:
            out.append(_line(m.start() + len(raw) - len(raw.lstrip(_STRIP)), stripped))
    return out


def _trim(line: _Line, cut_start: int = 0, cut_end: int = 0) -> _Line:
    text = line.text[cut_start : len(line.text) - cut_end]
    lead = len(text) - len(text.lstrip(_STRIP))
    return _line(line.start + cut_start + lead, text.strip(_STRIP))


# --------------------------------------------------------------------------- line shapes


def _is_dateline_line(line: _Line) -> bool:
    """A whole line that is a dateline: "عين اليوم – متابعات", "خبرگزاری فارس:", SPA's long form."""
    cues = _cues()
    if cues.dateline_line.match(line.text):
        return True
    if line.tokens > DATELINE_MAX_TOKENS or len(line.text) > DATELINE_MAX_CHARS:
        return False
    if line.text.endswith((":", "：")) and line.tokens <= DATELINE_COLON_MAX_TOKENS:
        return True
    if any(p in line.text for p in ".؟?!"):
        return False
    if cues.dash_separator.search(line.text):
        return True
    return bool(_DATELINE_PAREN.match(line.text)) and len(line.text) <= DATELINE_PAREN_MAX_CHARS


def _dateline_prefix(line: _Line, first: bool = True) -> str | None:
    cues = _cues()
    patterns = (_DATELINE_PAREN, cues.dateline_dashed, cues.dateline_colon) if first else (cues.dateline_dashed,)
    for pattern in patterns:
        m = pattern.match(line.text)
        if m and pattern is cues.dateline_dashed and not cues.dash.search(m.group("dl")):
            continue  # "وتابعت الوزارة:" is speech, not a dateline
        if m and len(line.text) > len(m.group("dl")) + 1:
            return m.group("dl")
    return None


def _is_title_like(line: _Line) -> bool:
    n = line.tokens
    if n < TITLE_MIN_TOKENS or n > TITLE_MAX_TOKENS or line.text.endswith((":", "：")):
        return False
    if line.text.endswith(_cues().paragraph_end) and n > SENTENCE_TITLE_MAX_TOKENS:
        return False
    return _dateline_prefix(line) is None or n <= TITLE_MAX_TOKENS_IF_DATELINE_SHAPED


def _is_paragraph(line: _Line) -> bool:
    return line.tokens >= PARAGRAPH_MIN_TOKENS or (
        line.text.endswith(_cues().paragraph_end) and line.tokens >= PARAGRAPH_MIN_TOKENS_WITH_STOP
    )


def _is_masthead(line: _Line) -> bool:
    """Short, no digits, no sentence punctuation at the end: a site name or section label."""
    return (
        line.tokens <= MASTHEAD_MAX_TOKENS
        and not _DIGIT.search(line.text)
        and not line.text.endswith(_cues().sentence_end + (":",))
    )


def _kicker_text(line: _Line) -> str:
    return _TRAILING_DATE.sub("", line.text).strip(_STRIP)


# --------------------------------------------------------------------------- the page and its phases


@dataclass
class _Page:
    """What ``dissect`` knows so far: the lines, which are furniture, the head and the body lines.

    Mutable on purpose: the phases below fill it in, one after another."""

    text: str
    lines: list[_Line]
    furniture: set[int] = field(default_factory=set)
    extra: list[str] = field(default_factory=list)  # furniture cut from the edge of a line
    title: str | None = None
    kicker: str | None = None
    dateline: str | None = None
    dateline_idx: int = -1
    byline: str | None = None
    body_idx: list[int] = field(default_factory=list)


def _strip_inline_furniture(page: _Page) -> None:
    """Furniture at the start of a line: "Next Previous عين اليوم – متابعات"."""
    for i, line in enumerate(page.lines):
        m = _cues().furniture_prefix.match(line.text)
        if m:
            page.extra.append(m.group(0).strip())
            page.lines[i] = _trim(line, cut_start=m.end())


def _mark_furniture_lines(page: _Page) -> None:
    """Whole furniture lines (share, print, end marks) and byline lines."""
    cues = _cues()
    for i, line in enumerate(page.lines):
        if cues.furniture_line.match(line.text):
            page.furniture.add(i)
        b = cues.byline.search(line.text)
        if b and line.tokens <= BYLINE_MAX_TOKENS:
            page.byline = page.byline or b.group("value").strip(_STRIP)
            page.furniture.add(i)


def _cut_after_closing_line(page: _Page) -> None:
    """A source line or a "read also" line in the second half ends the article."""
    cues = _cues()
    lines = page.lines
    for i in range(max(len(lines) // 2, 1), len(lines)):
        if cues.source_line.match(lines[i].text) or cues.cut_line.match(lines[i].text):
            page.furniture.update(range(i, len(lines)))
            return


def _drop_repeated_lines(page: _Page) -> None:
    """Repeated lines (a title printed three times) count once."""
    seen: set[str] = set()
    for i, line in enumerate(page.lines):
        if i in page.furniture:
            continue
        key = fold(line.text)
        if not key:
            continue
        if key in seen and line.tokens <= TITLE_MAX_TOKENS:
            page.furniture.add(i)
        else:
            seen.add(key)


def _head_line(page: _Page, i: int, pos: int, last: bool) -> bool:
    """Read content line ``i`` (``pos`` among content lines) as part of the head; False ends the head."""
    line = page.lines[i]
    if (page.kicker is None and _cues().kicker.match(line.text)
            and line.tokens <= KICKER_MAX_TOKENS and not _is_paragraph(line)):
        page.kicker = _kicker_text(line)
        return True
    if last:
        return False  # the last content line is always body
    if page.title is not None and pos < HEAD_MAX_LINES and _DATE_ONLY.match(line.text):
        page.furniture.add(i)  # a date line under the title is page furniture, read by the dates stage
        return True
    if _is_dateline_line(line) and not _opens_with_citing_verb(line) and (
        page.dateline is None or _DATE_ONLY.match(page.dateline)
    ):
        if page.dateline is not None:
            page.furniture.add(page.dateline_idx)  # "الأربعاء - 15 ذو الحجة 1446 هـ" was a date line
        page.dateline, page.dateline_idx = line.text, i
        return True
    if page.title is None and page.dateline is None and _is_title_like(line):
        page.title = line.text
        return True
    if page.title is not None and pos < HEAD_MAX_LINES and _is_masthead(line):
        page.furniture.add(i)
        return True
    return False


def _read_head(page: _Page) -> None:
    """Kicker, title, dateline line and masthead lines, up to the first body line."""
    content = [i for i in range(len(page.lines)) if i not in page.furniture]
    for pos, i in enumerate(content):
        if not _head_line(page, i, pos, last=pos + 1 == len(content)):
            page.body_idx = content[pos:]
            return


def _drop_standfirst_mastheads(page: _Page) -> None:
    """Masthead lines that sit just below the standfirst (short, unpunctuated, early)."""
    if page.title is not None:
        for i in page.body_idx[1 : 1 + STANDFIRST_MASTHEAD_LINES]:
            if _is_masthead(page.lines[i]):
                page.furniture.add(i)
    page.body_idx = [i for i in page.body_idx if i not in page.furniture]


def _drop_trailer(page: _Page) -> None:
    """A run of short headline-like lines after the last paragraph: the site's other stories."""
    lines, body_idx = page.lines, page.body_idx
    last_par = max((k for k, i in enumerate(body_idx) if _is_paragraph(lines[i])), default=None)
    if last_par is None:
        return
    tail = body_idx[last_par + 1 :]
    if len(tail) >= TRAILER_MIN_LINES and all(
        lines[i].tokens <= TRAILER_LINE_MAX_TOKENS and not lines[i].text.endswith(_cues().paragraph_end)
        for i in tail
    ):
        page.furniture.update(tail)
        page.body_idx = body_idx[: last_par + 1]


def _opens_with_citing_verb(line: _Line) -> bool:
    """"نقلت وكالة الأنباء السعودية (واس) عن …" is a sentence citing a wire, not a dateline."""
    m = _TOKEN.search(line.text)
    return m is not None and len(m.group(0)) <= WORD_MAX_CHARS and fold(m.group(0)) in _cues().citing_verbs


def _read_dateline_prefix(page: _Page) -> None:
    """The dateline prefix of the first body line, cut from it (or of one of the next lines after
    short date lines, reported only)."""
    if page.dateline is not None:
        return
    lines, body_idx = page.lines, page.body_idx
    for k, i in enumerate(body_idx[:DATELINE_SEARCH_LINES]):
        # the first body line, or the first after short date lines ("الثلاثاء 15 يوليو 2025")
        first = k == 0 or all(_DATE_ONLY.match(lines[j].text) for j in body_idx[:k])
        if first and _opens_with_citing_verb(lines[i]):
            return
        dl = _dateline_prefix(lines[i], first=first)
        if dl:
            page.dateline = dl
            if k == 0:
                lines[i] = _trim(lines[i], cut_start=len(dl))
            return


def _trim_trailing_tags(page: _Page) -> None:
    """Tags trailing the last body line ("… سمات رشوة وزارة التعليم")."""
    if not page.body_idx:
        return
    last = page.lines[page.body_idx[-1]]
    m = _cues().furniture_suffix.search(last.text)
    if m and m.start() > 0:
        page.extra.append(m.group(0).strip())
        page.lines[page.body_idx[-1]] = _trim(last, cut_end=len(last.text) - m.start())


_PHASES: tuple[Callable[[_Page], None], ...] = (
    _strip_inline_furniture,
    _mark_furniture_lines,
    _cut_after_closing_line,
    _drop_repeated_lines,
    _read_head,
    _drop_standfirst_mastheads,
    _drop_trailer,
    _read_dateline_prefix,
    _trim_trailing_tags,
)


def dissect(text: str, lang: str | None = None) -> Anatomy:
    """Split a plain-text article into title, kicker, dateline, byline, body and furniture."""
    page = _Page(text, _lines(text))
    for phase in _PHASES:
        phase(page)
    body, body_start = _assemble(page)
    return Anatomy(
        title=page.title,
        kicker=page.kicker,
        dateline=page.dateline,
        byline=page.byline,
        body=body,
        body_start=body_start,
        furniture=tuple(page.extra) + tuple(page.lines[i].text for i in sorted(page.furniture)),
    )


def _assemble(page: _Page) -> tuple[str, int]:
    """The body: a slice of the text when its lines are contiguous, else its lines joined."""
    lines, body_idx = page.lines, page.body_idx
    if not body_idx:
        return "", -1
    first, last = body_idx[0], body_idx[-1]
    if last - first + 1 == len(body_idx):
        start = lines[first].start
        return page.text[start : lines[last].end], start
    return "\n\n".join(lines[i].text for i in body_idx), -1
