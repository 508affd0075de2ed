"""Great Expectations Data Docs for khabar: one page per run, kept for the last runs, readable offline.

GX's renderer loads jQuery, Bootstrap and bootstrap-table from CDNs. khabar runs where there may be
no network, so every page is rewritten to load two small local files instead
(``static/khabar/offline.js`` draws the tables from the data GX embeds in the page,
``static/khabar/offline.css`` lays them out). Nothing in the rendered site points off the machine.
"""
from __future__ import annotations

import functools
import re
import shutil
from importlib import resources
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

from khabar.store.quality import SUITE

KEEP_RUNS = 30  # a month of daily runs; older validation results and their pages are pruned
OFFLINE_ASSETS = ("offline.js", "offline.css")
ASSET_DIR = ("static", "khabar")
GX_IMAGES = "https://great-expectations-web-assets.s3.us-east-2.amazonaws.com/"
# a <script src="http…"></script> or a <link … href="http…"> tag: the CDN loads GX's templates add
_EXTERNAL_TAG = re.compile(r"""<script[^>]*\ssrc="https?://[^"]*"[^>]*>\s*</script>|<link[^>]*\shref="https?://[^"]*"[^>]*>""")
_HEAD_END = re.compile(r"</head>", re.IGNORECASE)


class QualityDocsError(RuntimeError):
    """The Data Docs site could not be built; carries the site location GX reported."""


def publish(context, keys: list) -> Path:
    """Prune old runs, render ``keys`` (validation result identifiers) and the index, make the site
    offline. Returns the index page."""
    site = _prune(context, keep=KEEP_RUNS)
    urls = context.build_data_docs(resource_identifiers=keys)
    index = _path_from_url(next(iter(urls.values()), ""))
    if not index.is_file():
        raise QualityDocsError(f"Data Docs index not written: {index}")
    make_offline(index.parent if site is None else site)
    return index


def site_dir(context) -> Path:
    """The local Data Docs site folder of a file context (what ``khabar docs`` serves at /quality/)."""
    urls = context.build_data_docs(dry_run=True)
    return _path_from_url(next(iter(urls.values()), "")).parent


def _path_from_url(url: str) -> Path:
    return Path(url2pathname(urlparse(url).path)) if url else Path()


def _prune(context, keep: int) -> Path:
    """Remove the validation results (and their pages) of all but the ``keep`` newest runs."""
    store = context.validation_results_store
    newest: dict[str, str] = {}
    for key in store.list_keys():
        name, time = key.run_id.run_name, key.run_id.to_tuple()[1]
        newest[name] = max(time, newest.get(name, time))
    stale = set(sorted(newest, key=newest.get, reverse=True)[keep:])
    site = site_dir(context)
    for key in store.list_keys():
        if key.run_id.run_name in stale:
            store.remove_key(key)
    for name in stale:
        shutil.rmtree(site / "validations" / SUITE / name, ignore_errors=True)
    return site


@functools.lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return (resources.files("khabar") / "data" / "quality_docs" / name).read_text(encoding="utf-8")


def make_offline(site: Path) -> None:
    """Rewrite every page of the site to load local assets instead of CDNs (idempotent)."""
    assets = site.joinpath(*ASSET_DIR)
    assets.mkdir(parents=True, exist_ok=True)
    for name in OFFLINE_ASSETS:
        (assets / name).write_text(_asset(name), encoding="utf-8")
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        offline = offline_html(html, "../" * (len(page.relative_to(site).parts) - 1))
        if offline != html:
            page.write_text(offline, encoding="utf-8")


def offline_html(html: str, to_root: str) -> str:
    """One page without CDN loads: GX's external tags dropped, the local assets linked once, GX's
    logo taken from the site's own ``static/images``."""
    stripped = _EXTERNAL_TAG.sub("", html).replace(GX_IMAGES, f"{to_root}static/images/")
    local = "/".join(ASSET_DIR)
    if f"{local}/offline.js" in stripped:
        return stripped
    tags = (f'<link rel="stylesheet" href="{to_root}{local}/offline.css">'
            f'<script src="{to_root}{local}/offline.js"></script>')
    return _HEAD_END.sub(lambda m: tags + m.group(0), stripped, count=1)


def local_site(expectations_dir: Path) -> Path:
    """Where the file context under ``expectations_dir`` keeps its Data Docs (great_expectations.yml)."""
    return expectations_dir / "gx" / "uncommitted" / "data_docs" / "local_site"
