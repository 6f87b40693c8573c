"""Property tests: mutated real-looking pages never break the build.

Whatever happens to a page (truncated, bytes flipped, ranges cut or repeated, hostile snippets
inserted), ``parse_page`` returns fields or a reject and never raises, and a whole build over
mutated pages completes with inputs == articles + rejects and valid Parquet.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kutim_corpus import schema
from kutim_corpus.limits import Limits
from kutim_corpus.pipeline import build_corpus, finish_record, parse_page
from kutim_corpus.sources import RawPage
from test_hostile_build import php_portal_page, wordpress_page

SEEDS = [wordpress_page(0).encode(), wordpress_page(2).encode(), php_portal_page(1).encode()]
REJECT_REASONS = set(schema.load(schema.REJECT)["properties"]["reason"]["enum"])

HOSTILE_SNIPPETS = [
    b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\xc3", b"\xed\xa0\x80",  # NUL, BOMs, cut and surrogate UTF-8
    b"&#0;", b"&#xD800;", b"&#x110000;", b"&#99999999999;", b"&amp;amp;", b"&nbsp", b"&lol;",
    b"<!--", b"-->", b"<![CDATA[", b"]]>", b"<script>", b"</script>", b"<style>", b"<textarea>",
    b"<div>" * 50, b"</div>" * 50, b"<p", b"<", b">", b'"', b"<svg><foreignObject><math>",
    b'<meta charset="iso-8859-1">', b'<meta charset="utf-16">', b'<meta charset="x-no-such-charset">',
    b'<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    b'<link rel="canonical" href="../../../../etc/passwd">', b'<link rel="canonical" href="file:///etc/passwd">',
    b'<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "9999-99-99T99:99"}</script>',
    b'<script type="application/ld+json">{"@graph": [[[[[]]]]], "headline": null}</script>',
    b'<meta property="article:published_time" content="0000-00-00 00:00:00">',
    b"<time datetime='-2024-13-45T25:61:61+99:00'>kemarin</time>",
    b"Rabu, 31 Februari 2024 - 25:99 WITA", b"SANGATTA (45/13) \xe2\x80\x93 ",
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    "\u202e\u200b\ufeff\U0001f600 Ba\u0301ca juga:".encode(),
]


@st.composite
def mutated_page(draw) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "cut", "insert", "repeat", "truncate", "random"]))
        at = draw(st.integers(0, len(data)))
        if kind == "flip" and data:
            at = min(at, len(data) - 1)
            data[at] = draw(st.integers(0, 255))
        elif kind == "cut":
            del data[at : at + draw(st.integers(1, 2_000))]
        elif kind == "insert":
            data[at:at] = draw(st.sampled_from(HOSTILE_SNIPPETS))
        elif kind == "repeat":
            size = draw(st.integers(1, 500))
            data[at:at] = bytes(data[at : at + size]) * draw(st.integers(2, 20))
        elif kind == "truncate":
            del data[at:]
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
    return bytes(data)


def outcome(page: bytes) -> str:
    """'article' or the reject reason, exactly as the pipeline finishes one page."""
    parsed = parse_page(page, None, use_profiles=True, limits=Limits(page_seconds=20))
    if "reject" in parsed:
        reason, stage, message = parsed["reject"]
        assert reason in REJECT_REASONS and stage and message
        return reason
    record = finish_record(RawPage("mutasi/halaman.html", page), parsed)
    schema.to_table([record])  # the writer accepts it (no surrogates, right types)
    return "article"


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_page())
def test_a_mutated_page_ends_as_article_or_reject(page):
    from kutim_corpus.errors import Rejected

    try:
        result = outcome(page)
    except Rejected as rejected:  # invalid_record from finish_record is a reject too
        result = rejected.reason
    assert result == "article" or result in REJECT_REASONS


@settings(max_examples=250, deadline=None)
@given(st.binary(max_size=4096))
def test_arbitrary_bytes_end_as_article_or_reject(data):
    assert outcome(data) in REJECT_REASONS | {"article"}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutated_page(), min_size=1, max_size=6))
def test_a_build_of_mutated_pages_accounts_for_every_page(pages):
    work = Path(tempfile.mkdtemp(prefix="kutim-prop-"))
    try:
        raw = work / "raw"
        raw.mkdir()
        for number, page in enumerate(pages):
            (raw / f"halaman-{number:02d}.html").write_bytes(page)
        report = build_corpus([raw], work / "out", workers=1, use_cache=False)
        info = json.loads((work / "out" / "build.json").read_text())
        assert info["inputs"] == len(pages) == info["articles"] + info["rejects"] == report.inputs
        articles = pq.read_table(work / "out" / "articles").num_rows
        rejects = pq.read_table(work / "out" / "rejects.parquet").num_rows
        assert (articles, rejects) == (info["articles"], info["rejects"])
    finally:
        shutil.rmtree(work)


@pytest.mark.parametrize("control", ["\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f"])
def test_a_stray_control_character_does_not_lose_the_article(control):
    # Pages pasted from word processors carry such bytes; lxml refuses them in text nodes.
    page = php_portal_page(1).replace('<body bgcolor="#ffffff">', f'<body bgcolor="#ffffff">{control}')
    page = page.replace("Pedalaman</h2>", f"Pedalaman{control}</h2>").replace("Telen karena", f"Telen{control} karena")
    page = page.replace("Twitter</a></div>", f"Twitter</a></div>{control}\n")  # tail of a dropped share bar
    assert outcome(page.encode()) == "article"
