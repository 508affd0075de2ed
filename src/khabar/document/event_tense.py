"""Whether a trigger tells a happening only scheduled, not yet told: words right after it say so
("مباراة السوبر التي ستقام الأربعاء", "زيارته المرتقبة", "اللقاء المقرر عقده مساء السبت المقبل"), or
"tomorrow" before it in its sentence does ("تنظم الغرفة يوم غد لقاء وظيفيا", "سيغادر … يوم غد … إلى
جمهورية مصر العربية في زيارة عمل"). An announcement or a preview is no report of the happening it
announces: the day itself is reported apart (``triggers.json``: ``upcoming``, ``scheduled_before``). Nor
does a denial, a rumour, a warning or a condition before it in its sentence ("الداخلية: لا صحة لتعرض
مقرات قوات الطوارئ لمحاولة تفجير", "نفى ... أنه رفض لقاء", "تحذيرا من ... جريان السيول", "في حال عدم
التزامها بشروط الاتفاق"), unless what is denied is a part in it ("نفت الجماعة مسؤوليتها عن التفجير": the
bombing took place; ``untold_before``)."""
from __future__ import annotations

import re

from khabar.document.event_dates import FoldedText
from khabar.text.normalize import fold

UPCOMING_LOOKAHEAD = 40  # characters after a trigger read for what says it is scheduled
# what says a trigger is untold is read in its clause: no comma or semicolon between them ("نفى المتحدث
# ... في تغريدة له عبر موقع التواصل الاجتماعي (تويتر) تعرض أي مقر لقوات الطوارئ الخاصة لهجوم"), not in a
# long sentence's earlier clause ("في حال وصلت المديونيات إلى مبالغ طائلة ...، بعد اجتماع")
_CLAUSE_BREAK = re.compile(r"[،,؛;]")
_COMING = (fold("القادم"), fold("القادمة"))

# per language: (what right after a trigger says it is scheduled, what before it in its sentence does,
# (what before it in its sentence says it did not or need not take place, what between the two says only a
# part is denied))
Scheduled = tuple["re.Pattern[str] | None", "re.Pattern[str] | None",
                  "tuple[re.Pattern[str], re.Pattern[str]] | None"]


def scheduled(rules: Scheduled | None, text: FoldedText, trigger: tuple[int, int], sentence: tuple[int, int]) -> bool:
    """Whether the trigger at the folded span ``trigger`` tells a happening only scheduled, or untold;
    ``sentence`` is its sentence's folded span (folding took the full stops away)."""
    if rules is None:
        return False
    after, before, untold = rules
    if before is not None and before.search(text.folded, sentence[0], trigger[0]):
        return True
    if untold is not None:
        says, part = untold
        last = None
        for last in says.finditer(text.folded, sentence[0], trigger[0]):
            pass
        if (last is not None and not part.search(text.folded, last.end(), trigger[0])
                and not _CLAUSE_BREAK.search(text.body, text.offsets[last.end() - 1], text.offsets[trigger[0]])):
            return True
    if after is None:
        return False
    end = trigger[1]
    found = after.match(text.folded, end, min(end + UPCOMING_LOOKAHEAD, sentence[1]))
    # "التصريحات … القادمة من الضفة الشرقية": coming from somewhere, not coming up
    return found is not None and not (found.group().endswith(_COMING) and text.folded.startswith(" من ", found.end()))
