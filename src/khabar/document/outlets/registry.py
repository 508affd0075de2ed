"""The outlet registry (``dbt/seeds/outlets.csv``): outlets, their names folded to token keys, domains."""
from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass, field

from khabar.text.chars import WORD_CHARS
from khabar.text.normalize import fold

_TOKEN = re.compile(f"[{WORD_CHARS}]+")


class RegistryError(ValueError):
    """The outlet registry file is malformed; carries the offending row."""

    def __init__(self, message: str, row: dict[str, str] | None = None) -> None:
        super().__init__(message if row is None else f"{message}: {row}")
        self.row = row


@dataclass(frozen=True)
class Outlet:
    outlet_id: str
    name: str
    native_names: tuple[str, ...]
    languages: tuple[str, ...]
    country: str
    kind: str
    domain: str


@dataclass(frozen=True)
class OutletRegistry:
    outlets: tuple[Outlet, ...]
    by_id: dict[str, Outlet] = field(default_factory=dict, compare=False, repr=False)
    names: dict[tuple[str, ...], tuple[str, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    max_name_tokens: int = 1
    domains: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    domain_ids: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    first_keys: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    # what every match of ``domains`` holds (None: nothing short enough to tell)
    domain_gate: re.Pattern[str] | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.outlets and not self.by_id:
            built = OutletRegistry.build(self.outlets)
            for name in ("by_id", "names", "max_name_tokens", "domains", "domain_ids", "first_keys", "domain_gate"):
                object.__setattr__(self, name, getattr(built, name))

    @classmethod
    def build(cls, outlets: tuple[Outlet, ...]) -> OutletRegistry:
        by_id: dict[str, Outlet] = {}
        names: dict[tuple[str, ...], list[str]] = {}
        domain_ids: dict[str, str] = {}
        for o in outlets:
            if o.outlet_id in by_id:
                raise RegistryError(f"duplicate outlet_id {o.outlet_id!r}")
            by_id[o.outlet_id] = o
            for n in (o.name, *o.native_names):
                key = name_key(n)
                if key and o.outlet_id not in names.setdefault(key, []):
                    names[key].append(o.outlet_id)
            for d in o.domain.split("|"):
                host = d.strip().lower().split("/")[0]
                if host:
                    domain_ids.setdefault(host, o.outlet_id)
        return cls(
            outlets=outlets,
            by_id=by_id,
            names={k: tuple(v) for k, v in names.items()},
            max_name_tokens=max((len(k) for k in names), default=1),
            domains=_domain_pattern(domain_ids),
            domain_ids=domain_ids,
            first_keys=frozenset(k[0] for k in names),
            domain_gate=_domain_gate(domain_ids),
        )


def _domain_pattern(domain_ids: dict[str, str]) -> re.Pattern[str] | None:
    if not domain_ids:
        return None
    alts = "|".join(re.escape(h) for h in sorted(domain_ids, key=len, reverse=True))
    return re.compile(rf"(?<![\w.-])(?:www\.)?({alts})(?![\w-])", re.IGNORECASE)


def _domain_gate(domain_ids: dict[str, str]) -> re.Pattern[str] | None:
    """A dot and a character that follows a dot in some domain ('.s' of 'sana.sy'), with the domain
    pattern's flags: a line without one holds no domain (nearly every first and last line of a news
    text), told by a search that skips to the dots in C instead of the domains tried at every word.
    None when a domain has no dot inside it."""
    after_dot: set[str] = set()
    for host in domain_ids:
        dots = [i for i, c in enumerate(host[:-1]) if c == "."]
        if not dots:
            return None
        after_dot.update(host[i + 1] for i in dots)
    if not after_dot:
        return None
    return re.compile(rf"\.(?:{'|'.join(map(re.escape, sorted(after_dot)))})", re.IGNORECASE)


def name_key(name: str) -> tuple[str, ...]:
    """A name as the tuple of its folded tokens: how names are looked up in running text."""
    return tuple(t for t in (fold(m) for m in _TOKEN.findall(name)) if t)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in (cell or "").split("|") if p.strip())


def load_registry(path: str | os.PathLike[str]) -> OutletRegistry:
    """Read the outlet registry (``dbt/seeds/outlets.csv``)."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    outlets = []
    for row in rows:
        if not row.get("outlet_id") or not row.get("name"):
            raise RegistryError("row without outlet_id or name", row)
        outlets.append(
            Outlet(
                outlet_id=row["outlet_id"].strip(),
                name=row["name"].strip(),
                native_names=_split(row.get("native_names", "")),
                languages=_split(row.get("languages", "")),
                country=(row.get("country") or "").strip(),
                kind=(row.get("kind") or "").strip(),
                domain=(row.get("domain") or "").strip(),
            )
        )
    return OutletRegistry.build(tuple(outlets))
