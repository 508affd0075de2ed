"""The five sample articles of ../shared/seeds through the whole pipeline, scored by the shared
evaluator against their gold."""
from __future__ import annotations

import subprocess
import sys

import pytest
from support import query, shared_path

pytestmark = pytest.mark.slow

GOLD_LANGS = {"000": "fa", "001": "ar", "002": "ar", "003": "ar", "004": "ur"}


@pytest.fixture(scope="module")
def seeds_run(prefect_harness, tmp_path_factory):
    from khabar_flows.pipeline import ingest_flow

    articles = shared_path("seeds", "articles")
    warehouse = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    ingest_flow(landing=str(articles), warehouse=str(warehouse))
    return warehouse


def evaluate(*args: str) -> subprocess.CompletedProcess:
    tool = shared_path("tools", "evaluate.py")
    return subprocess.run([sys.executable, str(tool), *args], capture_output=True, text=True, timeout=300)


def test_languages_of_the_five_samples(seeds_run):
    got = {p[:3]: lang for p, lang in query(seeds_run, "select source_path, lang from marts.fct_articles")}
    assert got == GOLD_LANGS
    (secondary,), = query(seeds_run, "select secondary_langs from marts.fct_articles where source_path like '003%'")
    assert "en" in secondary


def test_every_contract_table_is_filled_and_nothing_is_missing(seeds_run):
    result = evaluate("contract", str(seeds_run))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "missing: none" in result.stdout
    for table in ("raw.documents", "marts.fct_articles", "marts.dim_outlets", "marts.bridge_article_outlets",
                  "marts.dim_entities", "marts.fct_entity_mentions", "marts.fct_events",
                  "marts.bridge_event_articles", "marts.bridge_event_participants"):
        assert query(seeds_run, f"select count(*) from {table}")[0][0] > 0, table


@pytest.mark.parametrize("aspect", ["lang", "dates", "outlets", "entities", "events"])
def test_gold_of_the_samples(seeds_run, aspect):
    result = evaluate("seeds", str(seeds_run), aspect)
    assert result.returncode == 0, result.stdout + result.stderr
