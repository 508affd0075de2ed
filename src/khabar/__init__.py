"""khabar (خبر): raw Arabic, Persian and Urdu news texts into a queryable DuckDB warehouse.

The Python API of the contract: ``detect_language(text)`` and ``parse_date(text, reference=None)``.
"""
from khabar.document.dates import parse_date
from khabar.document.language import LanguageResult, detect_language

__all__ = ["LanguageResult", "detect_language", "parse_date"]
__version__ = "0.1.0"
