"""Document anatomy: title, kicker, dateline, byline, body and page furniture, read from plain text.

Our files carry no markup, so the parts of a page are told apart by their shape:

* **furniture** — share / "read also" / "Next Previous" lines, wire end marks (``// انتهى //``),
  repeated title lines, short masthead lines in the head, everything after a closing source line
  (``المصدر: …``) or a "read also" line, and a trailing run of short headline-like lines after the
  last paragraph (the site's list of unrelated headlines);
* **title** — the first content line when it is short and not a sentence or a dateline;
* **kicker** — a short bulleted section label (``● أخبار سورية``), its trailing date removed;
* **dateline** — a leading ``X –`` / ``X- Y:`` / ``CITY (WIRE)`` prefix of the first body line, or a
  whole short dateline line (``عين اليوم – متابعات``);
* **byline** — ``الكاتب: …``, ``بقلم: …``, ``نویسنده: …``, ``By: …`` labels;
* **body** — everything else, in order. Later stages read the body only.

All cue tables live in ``khabar/data/outlets/anatomy.json``.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources

from khabar.text.chars import NBSP, WORD_CHARS
from khabar.text.normalize import fold

_CFG = json.loads(
    resources.files("khabar").joinpath("data/outlets/anatomy.json").read_text("utf-8")
)


def _any(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


_FURNITURE_LINE = _any(_CFG["furniture_line"])
_FURNITURE_PREFIX = _any(_CFG["furniture_prefix"])
_FURNITURE_SUFFIX = _any(_CFG["furniture_suffix"])
_CUT_LINE = _any(_CFG["cut_line"])
_SOURCE_LINE = re.compile(_CFG["source_line"], re.IGNORECASE)
_BYLINE = re.compile(_CFG["byline_label"], re.IGNORECASE)
_DATELINE_LINE = _any(_CFG["dateline_line"])
_DASH = _CFG["dash"]
_SEG = r"(?!ـ+\s)[^\s\-–—۔:()\n]+"
_SEGMENT = rf"{_SEG}(?:\s+{_SEG}){{0,{_CFG['dateline_segment_max_tokens'] - 1}}}"
# "الوقت - ", "سبق- نجران: ", "فهد كاملي- سبق- جازان: ", "موسكو – "
_DATELINE_DASHED = re.compile(
    rf"^(?P<dl>{_SEGMENT}(?:\s*{_DASH}\s*{_SEGMENT}){{0,4}}\s*(?:(?:{_DASH})?\s*:|{_DASH}))(?=\s|$)"
)
# "خبرگزاري فارس: " (a short name and a colon)
_DATELINE_COLON = re.compile(rf"^(?P<dl>{_SEG}(?:\s+{_SEG})?\s*:)")
_DASH_SEPARATOR = re.compile(rf"\s{_DASH}|{_DASH}\s|{_DASH}$")
# "لاہور ۔ 16ستمبر (اے پی پی)", "دبئی(اسپورٹس ڈیسک)", "MOSCOW (Reuters) -"
_DATELINE_PAREN = re.compile(
    r"^(?P<dl>[^()\n.،,:]{1,40}?\s*\([^()\n]{1,40}\)(?:\s*[-–—ـ:])?)"
)
_KICKER = re.compile(rf"^[{re.escape(_CFG['kicker_bullets'])}]+\s*\S")
_TRAILING_DATE = re.compile(r"\s+[0-9٠-٩۰-۹]{1,2}\s+\S+\s+[0-9٠-٩۰-۹]{4}\s*$")
_DIGIT = re.compile(r"[0-9٠-٩۰-۹]")
# a line that is only a date: weekday, day, month (one or two words), year, calendar marks
_DATE_ONLY = re.compile(
    r"^(?:[^\W\d]+\s*[-–—،,]?\s*)?(?:[0-9٠-٩۰-۹]{1,2}\s+[^\W\d]+(?:\s[^\W\d]+)?\s+[0-9٠-٩۰-۹]{4}\s*[^\W\d]{0,3}\s*[-–—،,]?\s*){1,2}$"
)
_TOKEN = re.compile(f"[{WORD_CHARS}]+")
_STRIP = " \t\r\f\v" + NBSP + "\u200e\u200f\ufeff\u2002\u2003\u2009"
# a line, or a stretch of a line ended by a long run of (non-breaking) spaces used as a break
_LINE = re.compile(r"[^\n]*?(?=[ \u00a0]{4,}|\n|$)")
_SENTENCE_END = tuple(_CFG["sentence_end"])
_PARAGRAPH_END = tuple(_CFG["paragraph_end"])


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

    @property
    def tokens(self) -> int:
        return len(_TOKEN.findall(self.text))


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    for m in _LINE.finditer(text):
        raw = m.group(0)
        stripped = raw.strip(_STRIP)
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip(_STRIP))
        start = m.start() + lead
        out.append(_Line(start, start + len(stripped), stripped))
    return out


def _trim(line: _Line, cut_start: int = 0, cut_end: int = 0) -> _Line:
    text = line.text[cut_start : len(line.text) - cut_end]
    lead = len(text) - len(text.lstrip(_STRIP))
    trail = len(text) - len(text.rstrip(_STRIP))
    start = line.start + cut_start + lead
    return _Line(start, line.end - cut_end - trail, text.strip(_STRIP))


def _is_dateline_line(line: _Line) -> bool:
    """A whole line that is a dateline: "عين اليوم – متابعات", "خبرگزاری فارس:", SPA's long form."""
    if _DATELINE_LINE.match(line.text):
        return True
    if line.tokens > _CFG["dateline_max_tokens"] or len(line.text) > 80:
        return False
    if line.text.endswith((":", "：")) and line.tokens <= 3:
        return True
    if any(p in line.text for p in ".؟?!"):
        return False
    if _DASH_SEPARATOR.search(line.text):
        return True
    return bool(_DATELINE_PAREN.match(line.text)) and len(line.text) <= 60


def _dateline_prefix(line: _Line, first: bool = True) -> str | None:
    patterns = (_DATELINE_PAREN, _DATELINE_DASHED, _DATELINE_COLON) if first else (_DATELINE_DASHED,)
    for pattern in patterns:
        m = pattern.match(line.text)
        if m and pattern is _DATELINE_DASHED and not re.search(_DASH, m.group("dl")):
            continue  # "وتابعت الوزارة:" is speech, not a dateline
        if m and len(line.text) > len(m.group("dl")) + 1:
            return m.group("dl")
    return None


def _is_title_like(line: _Line) -> bool:
    n = line.tokens
    if n < 3 or n > _CFG["title_max_tokens"] or line.text.endswith((":", "：")):
        return False
    if line.text.endswith(_PARAGRAPH_END) and n > 12:
        return False
    return _dateline_prefix(line) is None or n <= 12


def _is_paragraph(line: _Line) -> bool:
    return line.tokens >= _CFG["paragraph_min_tokens"] or (
        line.text.endswith(_PARAGRAPH_END) and line.tokens >= 6
    )


def _kicker_text(line: _Line) -> str:
    return _TRAILING_DATE.sub("", line.text).strip(_STRIP)


def dissect(text: str, lang: str | None = None) -> Anatomy:
    """Split a plain-text article into title, kicker, dateline, byline, body and furniture."""
    lines = _lines(text)
    furniture: set[int] = set()
    byline: str | None = None

    # Inline furniture at the edges of a line ("Next Previous عين اليوم – متابعات").
    extra: list[str] = []
    for i, line in enumerate(lines):
        m = _FURNITURE_PREFIX.match(line.text)
        if m:
            extra.append(m.group(0).strip())
            lines[i] = _trim(line, cut_start=m.end())

    # Whole furniture lines, and the lines that end an article (source line, "read also").
    for i, line in enumerate(lines):
        if _FURNITURE_LINE.match(line.text):
            furniture.add(i)
        b = _BYLINE.search(line.text)
        if b and line.tokens <= 12:
            byline = byline or b.group("value").strip(_STRIP)
            furniture.add(i)
    half = len(lines) // 2
    for i, line in enumerate(lines):
        if i >= max(half, 1) and (_SOURCE_LINE.match(line.text) or _CUT_LINE.match(line.text)):
            furniture.update(range(i, len(lines)))
            break

    # Repeated lines (a title printed three times) count once.
    seen: dict[str, int] = {}
    for i, line in enumerate(lines):
        key = fold(line.text)
        if not key or i in furniture:
            continue
        if key in seen and line.tokens <= _CFG["title_max_tokens"]:
            furniture.add(i)
        else:
            seen.setdefault(key, i)

    content = [i for i in range(len(lines)) if i not in furniture]

    # Head: kicker, title, dateline line, masthead lines.
    title: str | None = None
    kicker: str | None = None
    dateline: str | None = None
    dateline_idx = -1
    body_idx: list[int] = []
    head_done = False
    for pos, i in enumerate(content):
        line = lines[i]
        if head_done:
            body_idx.append(i)
            continue
        if kicker is None and _KICKER.match(line.text) and line.tokens <= 12 and not _is_paragraph(line):
            kicker = _kicker_text(line)
            continue
        if title is not None and pos < 8 and _DATE_ONLY.match(line.text) and pos + 1 < len(content):
            furniture.add(i)  # a date line under the title is page furniture, read by the dates stage
            continue
        if _is_dateline_line(line) and pos + 1 < len(content) and (dateline is None or _DATE_ONLY.match(dateline)):
            if dateline is not None:
                furniture.add(dateline_idx)  # "الأربعاء - 15 ذو الحجة 1446 هـ" was a date line
            dateline, dateline_idx = line.text, i
            continue
        if title is None and dateline is None and pos + 1 < len(content) and _is_title_like(line):
            title = line.text
            continue
        if (
            title is not None
            and pos < 8
            and line.tokens <= _CFG["masthead_max_tokens"]
            and not _DIGIT.search(line.text)
            and not line.text.endswith(_SENTENCE_END + (":",))
            and pos + 1 < len(content)
        ):
            furniture.add(i)
            continue
        head_done = True
        body_idx.append(i)

    # Masthead lines that sit just below the standfirst (short, unpunctuated, early).
    for i in body_idx[1:6]:
        line = lines[i]
        if (
            line.tokens <= _CFG["masthead_max_tokens"]
            and not _DIGIT.search(line.text)
            and not line.text.endswith(_SENTENCE_END + (":",))
            and title is not None
        ):
            furniture.add(i)
    body_idx = [i for i in body_idx if i not in furniture]

    # Trailer: a run of short headline-like lines after the last paragraph.
    last_par = max((k for k, i in enumerate(body_idx) if _is_paragraph(lines[i])), default=None)
    if last_par is not None:
        tail = body_idx[last_par + 1 :]
        if len(tail) >= _CFG["trailer_min_lines"] and all(
            lines[i].tokens <= _CFG["trailer_line_max_tokens"]
            and not lines[i].text.endswith(_PARAGRAPH_END)
            for i in tail
        ):
            furniture.update(tail)
            body_idx = body_idx[: last_par + 1]

    # Dateline prefix of the first body line (or of one of the next lines, reported only).
    cut = 0
    if dateline is None:
        for k, i in enumerate(body_idx[:4]):
            # the first body line, or the first after short date lines ("الثلاثاء 15 يوليو 2025")
            first = k == 0 or all(_DATE_ONLY.match(lines[j].text) for j in body_idx[:k])
            dl = _dateline_prefix(lines[i], first=first)
            if dl:
                dateline = dl
                if k == 0:
                    cut = len(dl)
                break

    # Tags trailing the last body line ("… سمات رشوة وزارة التعليم").
    if body_idx:
        last = lines[body_idx[-1]]
        m = _FURNITURE_SUFFIX.search(last.text)
        if m and m.start() > 0:
            extra.append(m.group(0).strip())
            lines[body_idx[-1]] = _trim(last, cut_end=len(last.text) - m.start())
    if body_idx and cut:
        lines[body_idx[0]] = _trim(lines[body_idx[0]], cut_start=cut)

    body, body_start = _assemble(text, lines, body_idx, furniture)
    furn = tuple(extra) + tuple(lines[i].text for i in sorted(furniture))
    return Anatomy(
        title=title,
        kicker=kicker,
        dateline=dateline,
        byline=byline,
        body=body,
        body_start=body_start,
        furniture=furn,
    )


def _assemble(
    text: str, lines: list[_Line], body_idx: list[int], furniture: set[int]
) -> tuple[str, int]:
    if not body_idx:
        return "", -1
    first, last = body_idx[0], body_idx[-1]
    between = set(range(first, last + 1))
    if between == set(body_idx):
        start = lines[first].start
        return text[start : lines[last].end], start
    return "\n\n".join(lines[i].text for i in body_idx), -1
