"""Publisher and cited outlets, read from the text itself (no URL, no metadata).

Evidence, strongest first (``method``):

* ``source_line`` — ``المصدر: شبكة شام`` (publisher);
* ``self_reference`` — ``به گزارش خبرگزاری فارس`` opening an early paragraph, ``رابط الخبر بصحيفة الوئام``,
  or the outlet's own domain in a first/last-line e-mail or URL (publisher);
* ``masthead`` — a line that is exactly an outlet's name near the top or bottom (publisher);
* ``dateline`` — an outlet as a segment of the dateline: ``الوقت -``, ``سبق- نجران:``,
  ``عين اليوم – متابعات``, SPA's ``الرياض 26 شوال … واس`` (publisher);
* ``wire_credit`` — ``(واس)``, ``(اے پی پی)`` in the dateline (publisher when nothing stronger), else cited;
* ``citation`` — ``نقلت صحيفة «الوطن»``, ``لصحيفة الوفاق``, ``به نقل از ایسنا`` (cited).

**An agency's own copy, or another outlet citing it.** An agency writes its own copy with its
dateline or wire slug at the very start (``تهران- خبرگزاری فارس:``, ``خبرگزاری فارس:``, SPA's
``الرياض 26 شوال … م واس``, ``دمشق-سانا``), or with the self-reference formula opening the paragraph
after the lead (``به گزارش خبرگزاری فارس از بروجرد،``, ``به گزارش گروه بین‌الملل خبرگزاری فارس،``,
``به گزارش خبرگزاری فارس، … گفت:``). In our Fars development texts (1420) the formula opens one of
the first lines in 1064, always after a one-sentence lead, never as the first words; 709 start with
the ``خبرگزاری فارس:`` slug. Another outlet retelling the agency (Radio Farda, BBC Persian) writes
the same formula in the same place, but bare — no desk, correspondent or bureau — and in the
reported perfect of hearsay (``به گزارش خبرگزاری فارس، X گفته است …``, ``… گزارش داده است``); of the
1064 Fars formulas three are in that perfect, each with a desk. So: a bare formula whose clause is
in the reported perfect makes the agency ``cited``, not the publisher; with a desk, correspondent or
bureau, or in the agency's own voice, it stays the publisher. A formula inside a sentence
(``… به گزارش خبرگزاری فارس``) and a citing verb before an agency (``نقلت وكالة الأنباء السعودية (واس)
عن``, ``ذكرت وكالة …``, ``خبرگزاری ایسنا گزارش داده است``; a citing verb never opens a dateline)
always cite. A wire in the outlet slot of another outlet's dateline (``واس- الرياض:``, Sabq's
reprint of SPA) is a source, not the publisher. Left open: a bare formula in the agency's own voice
(``به گزارش خبرگزاری فارس، X گفت``) retold by another outlet still reads as the agency's copy.

Names that are ordinary words or places (الرياض, اليوم, الوطن, المدينة, شام …) count only in outlet
context. Cue tables: ``khabar/data/outlets/cues.json``; the registry is ``dbt/seeds/outlets.csv``.

Modules: ``registry`` (the seed and its name keys), ``cues`` (cue tables, tokens, name matching),
``head`` (source lines, mastheads, datelines, domains), ``self_reference`` (the formula, own copy
or cited), ``citations`` (names in the title and body), ``resolve`` (choosing the publisher).
"""
from khabar.document.outlets.registry import (
    Outlet,
    OutletRegistry,
    RegistryError,
    load_registry,
)
from khabar.document.outlets.resolve import PRIORITY, OutletMention, find_outlets

__all__ = [
    "PRIORITY",
    "Outlet",
    "OutletMention",
    "OutletRegistry",
    "RegistryError",
    "find_outlets",
    "load_registry",
]
