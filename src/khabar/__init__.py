"""khabar — raw news texts in Arabic, Persian, Urdu and neighbouring languages into a DuckDB warehouse.

The Python API of the contract: ``detect_language(text)`` and ``parse_date(text, reference=None)``.
Both are imported on first use, so ``import khabar`` (and ``khabar --help``) stays cheap.

Layers, each a subpackage that only imports from the ones below it:

* ``khabar.text`` — code points, normalisation and folding (with offsets), sentence splitting, clitics;
* ``khabar.document`` — everything read from one document (language, anatomy, dates, outlets,
  entities, event mentions) and ``article``, one document through every stage;
* ``khabar.corpus`` — stages over many documents (event clustering, syndication);
* ``khabar.store`` — ingest, the raw tables, the one DuckDB writer, quality (GX), dbt;
* ``khabar.app`` — the command line, project settings, run records.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from khabar.document.dates import parse_date
    from khabar.document.language import LanguageResult, detect_language

__all__ = ["LanguageResult", "detect_language", "parse_date"]
__version__ = "0.2.0"

_LAZY = {
    "parse_date": "khabar.document.dates",
    "detect_language": "khabar.document.language",
    "LanguageResult": "khabar.document.language",
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'khabar' has no attribute {name!r}")
