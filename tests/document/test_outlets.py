"""khabar.outlets: the outlet registry seed, and publisher vs cited outlets with evidence."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from support import SHARED
from texts import PARA_AR, PARA_FA, PARA_UR

from khabar.document.anatomy import dissect
from khabar.document.outlets import Outlet, OutletRegistry, find_outlets, load_registry
from khabar.document.outlets.cues import tokens

REGISTRY = Path("dbt/seeds/outlets.csv")
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="module")
def registry() -> OutletRegistry:
    return load_registry(REGISTRY)


def _run(text: str, lang: str | None, registry: OutletRegistry):
    return find_outlets(text, dissect(text, lang), lang, registry)


def _publisher(text: str, lang: str | None, registry: OutletRegistry):
    return next((m for m in _run(text, lang, registry) if m.role == "publisher"), None)


# ----------------------------------------------------------------------------- registry seed


def test_registry_rows_are_sane() -> None:
    with REGISTRY.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["outlet_id", "name", "native_names", "languages", "country", "kind", "domain"]
    assert len(rows) >= 100
    ids = [r["outlet_id"] for r in rows]
    assert len(ids) == len(set(ids))
    for r in rows:
        assert r["native_names"].strip(), r["outlet_id"]
        assert r["kind"] in {"newspaper", "agency", "broadcaster", "site"}, r["outlet_id"]
        assert len(r["country"]) == 2 and r["country"].isupper(), r["outlet_id"]
        assert r["languages"], r["outlet_id"]


@pytest.mark.parametrize(
    "outlet_id",
    ["sana", "spa", "irna", "fars", "tasnim", "al-waght", "aran-news", "shaam-news", "meo",
     "al-wefagh", "al-watan-sy", "syrian-war-media", "app", "reuters", "afp", "ap", "sabq",
     "ain-alyoum", "okaz", "hamshahri", "dawn", "radio-farda", "bbc-persian"],
)
def test_registry_holds_the_region_and_its_wires(registry: OutletRegistry, outlet_id: str) -> None:
    assert outlet_id in registry.by_id


def test_registry_built_from_outlets_directly() -> None:
    reg = OutletRegistry((Outlet("x", "X Daily", ("صحيفة إكس",), ("ar",), "SA", "newspaper", "x.sa"),))
    assert reg.names[("صحیفه", "اکس")] == ("x",)


@pytest.mark.parametrize(("domains", "line", "found"), [
    pytest.param(("x.sa",), "راسلونا على WWW.X.SA", ["x"], id="gated-in-any-case"),
    pytest.param(("x.sa",), "انتهى الخبر.", [], id="a-full-stop-is-no-domain"),
    pytest.param(("x.sa", "intranet"), "see intranet today", ["y"], id="a-domain-without-a-dot-ungated"),
])
def test_domain_line_gate_keeps_every_domain(domains: tuple[str, ...], line: str, found: list[str]) -> None:
    from khabar.document.outlets.head import domains as domain_cands

    reg = OutletRegistry(tuple(Outlet(oid, oid.upper(), (), ("ar",), "SA", "site", d)
                               for oid, d in zip(("x", "y"), domains)))
    assert (reg.domain_gate is None) == any("." not in d for d in domains)
    assert [c.outlet_id for c in domain_cands(line, [(0, len(line), line)], reg)] == found


# ----------------------------------------------------------------------------- publisher


@pytest.mark.parametrize(
    ("text", "lang", "outlet_id", "method"),
    [
        pytest.param(f"به گزارش آران نیوز: {PARA_FA}", "fa", "aran-news", "self_reference", id="fa-be-gozaresh"),
        pytest.param(f"{PARA_FA}\nبه گزارش گروه بین‌الملل خبرگزاری فارس، {PARA_FA}", "fa", "fars", "self_reference", id="fa-be-gozaresh-desk-of-agency"),
        pytest.param(f"{PARA_AR}\n\nالمصدر: شبكة شام الكاتب: فريق التحرير", "ar", "shaam-news", "source_line", id="ar-source-line"),
        pytest.param(f"عنوان الخبر اليوم هنا\n\n{PARA_AR}\n\nميدل ايست أونلاين\n\n{PARA_AR}", "ar", "meo", "masthead", id="ar-masthead-line"),
        pytest.param(f"الوقت - {PARA_UR}", "ur", "al-waght", "dateline", id="ur-alwaght-dateline-prefix"),
        pytest.param(f"سبق- نجران: {PARA_AR}", "ar", "sabq", "dateline", id="ar-sabq-dateline"),
        pytest.param(f"نايف عبدالله – عين اليوم\n{PARA_AR}", "ar", "ain-alyoum", "dateline", id="ar-author-dash-outlet"),
        pytest.param(f"الرياض 26 شوال 1436 هـ الموافق 11 اغسطس 2015 م واس\n{PARA_AR}", "ar", "spa", "dateline", id="ar-spa-long-dateline"),
        pytest.param(f"{PARA_AR}\nرابط الخبر بصحيفة الوئام: عنوان آخر", "ar", "al-weeam", "self_reference", id="ar-link-back-line"),
        pytest.param(f"{PARA_AR} وكشف مصدر مسؤول لـ«عكاظ» أن العمل مستمر.", "ar", "okaz", "self_reference", id="ar-told-to-quoted-newspaper"),
        pytest.param(f"خبرگزاری فارس: {PARA_FA}", "fa", "fars", "dateline", id="fa-agency-colon-header"),
        pytest.param(f"كشف لـ «عكاظ» مدير المشروع أن العمل مستمر. {PARA_AR}", "ar", "okaz", "self_reference", id="ar-tatweel-lam-is-not-a-dateline-dash"),
        pytest.param(f"عبدالرحمن الشهري، أميرة المولد – عين اليوم\n{PARA_AR}", "ar", "ain-alyoum", "dateline", id="ar-two-authors-dash-outlet"),
        pytest.param(f"به گزارش پارس آنلاین نیوز: {PARA_FA}", "fa", "unknown:پارس-انلاین-نیوز", "self_reference", id="fa-unknown-outlet-kept"),
    ],
)
def test_publisher(text: str, lang: str, outlet_id: str, method: str, registry: OutletRegistry) -> None:
    pub = _publisher(text, lang, registry)
    assert pub is not None
    assert (pub.outlet_id, pub.method) == (outlet_id, method)
    assert text[pub.start : pub.end] == pub.native_name
    assert pub.known == (not outlet_id.startswith("unknown:"))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        pytest.param(PARA_UR, "ur", id="ur-sham-is-syria"),
        pytest.param(f"واس- الرياض: {PARA_AR}", "ar", id="ar-wire-slot-in-dateline-is-a-source"),
        pytest.param(f"{PARA_AR} وقال اليوم إن الوطن بخير وإن المدينة هادئة.", "ar", id="ar-common-words-stay-words"),
        pytest.param(f"{PARA_FA}\nبه گزارش آسوشیتدپرس، {PARA_FA}", "fa", id="fa-foreign-wire-is-not-a-persian-publisher"),
        pytest.param(f"{PARA_AR} وأشار في تصريحات لصحيفة الوفاق إلى أن العمل مستمر.", "ar", id="ar-interview-with-other-paper"),
    ],
)
def test_no_publisher(text: str, lang: str, registry: OutletRegistry) -> None:
    assert _publisher(text, lang, registry) is None


@pytest.mark.parametrize(
    ("text", "lang", "outlet_id"),
    [
        pytest.param(f"الرياض - واس\n{PARA_AR}", "ar", "spa", id="ar-riyadh-is-a-city-the-wire-is-the-source"),
        pytest.param(f"دمشق-سانا\n{PARA_AR}", "ar", "sana", id="ar-city-dash-wire-line"),
        pytest.param(f"کراچی (اے پی پی) {PARA_UR}", "ur", "app", id="ur-wire-in-parentheses"),
    ],
)
def test_a_dateline_wire_is_the_publisher_when_nothing_else_names_one(text, lang, outlet_id, registry) -> None:
    pub = _publisher(text, lang, registry)
    assert pub is not None and (pub.outlet_id, pub.method) == (outlet_id, "wire_credit")


# ----------------------------------------------------------------------------- cited


@pytest.mark.parametrize(
    ("text", "lang", "cited"),
    [
        pytest.param(f"{PARA_AR} وأشار في تصريحات لصحيفة الوفاق إلى أن العمل مستمر.", "ar", {"al-wefagh"}, id="ar-li-sahifa"),
        pytest.param(f"{PARA_AR} وكشفت صحيفة «الوطن» السورية أن الجيش تقدم في سورية ودمشق.", "ar", {"al-watan-sy"}, id="ar-watan-in-syrian-context"),
        pytest.param(f"{PARA_AR} ونقلت وكالة رويترز عن مصدر أن المحادثات مستمرة.", "ar", {"reuters"}, id="ar-wire-named"),
        pytest.param(f"{PARA_AR} وأوضحت شبكة الإعلام الحربي أن العملية بدأت.", "ar", {"syrian-war-media"}, id="ar-network-cue"),
        pytest.param(f"{PARA_FA} به نقل از ایسنا، این طرح اجرا می‌شود.", "fa", {"isna"}, id="fa-be-naql-az"),
        pytest.param(f"{PARA_UR}\nلاہور (اے پی پی) {PARA_UR}", "ur", {"app"}, id="ur-wire-credit-below-the-first-paragraph"),
        pytest.param(f"{PARA_UR}", "ur", set(), id="ur-sham-not-an-outlet"),
        pytest.param(f"{PARA_AR} وقال اليوم إن الوطن بخير وإن المدينة هادئة في الرياض.", "ar", set(), id="ar-ambiguous-words-without-context"),
    ],
)
def test_cited(text: str, lang: str, cited: set[str], registry: OutletRegistry) -> None:
    found = [m for m in _run(text, lang, registry) if m.role == "cited"]
    assert {m.outlet_id for m in found} == cited
    assert len(found) == len({m.outlet_id for m in found})  # one mention per outlet


def test_publisher_is_not_also_cited(registry: OutletRegistry) -> None:
    text = f"{PARA_AR} وأكدت مصادر لشبكة \"شام\" أن الحشود مستمرة.\n\nالمصدر: شبكة شام"
    ms = _run(text, "ar", registry)
    assert [(m.outlet_id, m.role) for m in ms] == [("shaam-news", "publisher")]


def test_at_most_one_publisher(registry: OutletRegistry) -> None:
    text = f"سبق- الرياض: {PARA_AR}\nرابط الخبر بصحيفة الوئام: عنوان\nالمصدر: شبكة شام"
    assert sum(m.role == "publisher" for m in _run(text, "ar", registry)) == 1


# ----------------------------------------------------------------------------- seeds


def test_seed_publishers_and_citations(registry: OutletRegistry) -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared not present")
    gold = json.loads((SEEDS / "gold.json").read_text("utf-8"))["articles"]
    names = {o.name: o.outlet_id for o in registry.outlets}
    for name, g in gold.items():
        text = (SEEDS / "articles" / name).read_text("utf-8")
        ms = find_outlets(text, dissect(text, g["lang"]), g["lang"], registry)
        pubs = [m for m in ms if m.role == "publisher"]
        if g["publisher"] is None:
            assert pubs == [], name
        else:
            assert [m.outlet_id for m in pubs] == [names[g["publisher"]["name"]]], name
        cited = {m.outlet_id for m in ms if m.role == "cited"}
        assert {names[c["name"]] for c in g["cited_outlets"]} <= cited, name


# ----------------------------------------------------------------------------- own copy or citation

FA_LEAD = "رئیس کمیسیون انرژی مجلس از بررسی طرح تازه سوخت در هفته آینده خبر داد."
FA_RETOLD = "رئیس کمیسیون انرژی روز دوشنبه گفته است که طرح پس از تعطیلات در صحن بررسی خواهد شد."
FA_OWN_VOICE = "رئیس کمیسیون انرژی صبح امروز اظهار کرد: طرح پس از تعطیلات در صحن بررسی خواهد شد."


@pytest.mark.parametrize(
    ("text", "lang", "outlet_id", "role"),
    [
        pytest.param(f"{FA_LEAD}\n\n\nبه گزارش خبرگزاری فارس، {FA_RETOLD}\n\n\n{PARA_FA}", "fa", "fars", "cited",
                     id="fa-radio-farda-retells-fars-in-reported-perfect"),
        pytest.param(f"به گزارش خبرگزاری ایسنا، {FA_RETOLD}\n\n\n{PARA_FA}", "fa", "isna", "cited",
                     id="fa-lead-retells-isna-in-reported-perfect"),
        pytest.param(f"{FA_LEAD}\nبه گزارش خبرگزاری فارس، {FA_OWN_VOICE}\n{PARA_FA}", "fa", "fars", "publisher",
                     id="fa-fars-own-copy-bare-formula-own-voice"),
        pytest.param(f"{FA_LEAD}\nبه گزارش خبرگزاری فارس از تبریز، {FA_RETOLD}\n{PARA_FA}", "fa", "fars", "publisher",
                     id="fa-fars-own-bureau-is-own-copy"),
        pytest.param(f"{FA_LEAD}\nبه گزارش گروه سیاسی خبرگزاری فارس، {FA_RETOLD}\n{PARA_FA}", "fa", "fars", "publisher",
                     id="fa-fars-own-desk-is-own-copy"),
        pytest.param(f"تهران- خبرگزاری فارس: {PARA_FA}", "fa", "fars", "publisher", id="fa-fars-own-dateline-slug"),
        pytest.param(f"خبرگزاری ایسنا گزارش داده است که {FA_RETOLD}\n{PARA_FA}", "fa", "isna", "cited",
                     id="fa-agency-as-subject-of-report-is-cited"),
        pytest.param(f"نقلت وكالة الأنباء السعودية (واس) عن مصدر مسؤول أن الاجتماع انتهى. {PARA_AR}", "ar", "spa", "cited",
                     id="ar-naqalat-spa-at-the-lead-is-cited"),
        pytest.param(f"{PARA_AR}\nوذكرت وكالة الأنباء السعودية (واس) أن الاجتماع انتهى.", "ar", "spa", "cited",
                     id="ar-dhakarat-spa-in-the-body-is-cited"),
        pytest.param(f"الرياض - وكالة الأنباء السعودية (واس):\n{PARA_AR}", "ar", "spa", "publisher",
                     id="ar-spa-own-dateline-with-full-name"),
        pytest.param(f"الرياض 26 شوال 1436 هـ الموافق 11 اغسطس 2015 م واس\n{PARA_AR}", "ar", "spa", "publisher",
                     id="ar-spa-own-long-dateline"),
    ],
)
def test_agency_own_copy_or_cited(text: str, lang: str, outlet_id: str, role: str, registry: OutletRegistry) -> None:
    found = _run(text, lang, registry)
    assert (outlet_id, role) in {(m.outlet_id, m.role) for m in found}
    if role == "cited":
        assert _publisher(text, lang, registry) is None


# ----------------------------------------------------------------------------- long inputs


def test_a_line_without_spaces_has_no_outlet(registry: OutletRegistry) -> None:
    text = "سبق" * 50_000
    assert _run(text, "ar", registry) == []


def test_a_long_text_has_one_publisher_and_each_citation_once(registry: OutletRegistry) -> None:
    para = f"{PARA_AR} ونقلت وكالة رويترز عن مصدر أن المحادثات مستمرة.\n"
    text = f"سبق- نجران: {para}" + para * 2_000
    found = _run(text, "ar", registry)
    assert [(m.outlet_id, m.role) for m in found] == [("sabq", "publisher"), ("reuters", "cited")]


def test_a_masthead_reading_stops_one_word_past_the_longest_name(registry: OutletRegistry) -> None:
    """A masthead is a line that is exactly a name; a line's words are read only until it is longer
    than any name, and what is read is the line's words, offsets and all."""
    line = "ميدل ايست أونلاين " + PARA_AR
    whole = tokens(line, 10)
    cut = tokens(line, 10, at_most=registry.max_name_tokens)
    assert len(whole) > registry.max_name_tokens + 1
    assert cut == whole[: registry.max_name_tokens + 1]
    assert line[cut[0].start - 10 : cut[0].end - 10] == "ميدل"
