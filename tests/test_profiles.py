"""Site profiles: declarative JSON per portal, looked up by host."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from kutim_corpus import profiles
from kutim_corpus.extract import extract_article
from kutim_corpus.extract.decode import decode_html, parse_html

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "raw" / "sample"


def test_every_bundled_profile_is_valid_and_versioned():
    found = profiles.all_profiles()
    assert len(found) >= 10
    for profile in found:
        assert profile.version >= 1
        assert profile.parser == f"profile:{profile.name}/{profile.version}"
        assert profile.region_code is None or profile.region_code.startswith("64")
        assert profile.selector("body")


def test_lookup_by_host_and_sub_domain():
    assert profiles.for_site("kutimterkini.id").name == "kutimterkini"
    assert profiles.for_site("www.kutimterkini.id").name == "kutimterkini"
    assert profiles.for_site("m.kutimterkini.id").name == "kutimterkini"
    assert profiles.for_site("kutimterkini.id").region_code == "64.08"
    assert profiles.for_site("unknown-portal.example") is None
    assert profiles.for_site(None) is None


@pytest.mark.parametrize(
    ("doc", "problem"),
    [
        ({"version": 1, "sites": ["a.example"]}, "missing 'name'"),
        ({"name": "a", "version": 0, "sites": ["a.example"]}, "positive integer"),
        ({"name": "a", "version": 1, "sites": ["a.example"], "selectors": {"bodyy": "div"}}, "unknown selector"),
        ({"name": "a", "version": 1, "sites": ["a.example"], "selectors": {"body": "div[["}}, "not valid CSS"),
        ({"name": "a", "version": 1, "sites": ["a.example"], "colour": "red"}, "unknown keys"),
    ],
)
def test_malformed_profiles_are_refused_with_the_reason(doc, problem):
    with pytest.raises(profiles.ProfileError, match=problem):
        profiles._from_json(doc, "profiles/a.json")


def _sample(name: str) -> bytes:
    data = (SAMPLE / name).read_bytes()
    return gzip.decompress(data) if name.endswith(".gz") else data


@pytest.mark.skipif(not SAMPLE.exists(), reason="sample pages not generated")
@pytest.mark.parametrize(
    "name",
    [
        "kutimterkini-dp3a-satgas-ppa-desa.html",
        "sangattapos-kekerasan-anak-2024.html",
        "suarasangatta-banjir-bengalon-logistik.html",
        "tribunmahakam-kotim-sampit-pasar.html",
    ],
)
def test_profile_selectors_match_their_portal_and_agree_with_generic(name):
    data = _sample(name)
    with_profile = extract_article(data)
    assert with_profile["parser"].startswith("profile:")
    profile = profiles.for_site(with_profile["site"])
    root = parse_html(decode_html(data))
    assert len(profiles.compiled(profile.selector("body"))(root)) == 1
    generic = extract_article(data, use_profiles=False)
    assert generic["parser"] == "generic/1"
    assert generic["body"] == with_profile["body"]
    assert generic["title"] == with_profile["title"]
