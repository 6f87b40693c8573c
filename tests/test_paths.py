"""Nothing gets in that should not: paths stay in their folder, text carries no code, entities
are decoded once, and search queries are data.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kutim_corpus.cli import app
from kutim_corpus.limits import Limits
from kutim_corpus.pipeline import build_corpus, parse_page
from test_hostile_build import tree_snapshot, wordpress_page

runner = CliRunner()


def invoke(*args: str):
    """Run the CLI in-process; an exception escaping a command is a failure of these tests."""
    result = runner.invoke(app, list(args), catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"kutim {' '.join(args)[:80]} raised {result.exception!r}") from result.exception
    return result


def one_line_error(result) -> str:
    text = (result.stderr if hasattr(result, "stderr") else result.output).strip()
    assert result.exit_code == 2, text
    assert "Traceback" not in text
    lines = text.splitlines()
    assert len(lines) == 1 and lines[0].startswith("kutim: error:"), text
    return lines[0]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    base = tmp_path_factory.mktemp("paths")
    raw = base / "raw"
    raw.mkdir()
    for number in range(3):
        (raw / f"berita-{number}.html").write_text(wordpress_page(number), "utf-8")
    build_corpus([raw], base / "corpus", workers=1)
    return base


# --- names that become paths ------------------------------------------------------------------

BAD_VERSIONS = ["..", "../evil", "../../../tmp/evil", "/tmp/evil", "1.0.0/../../evil", "a/b", "1.0.0\\..\\x", "", ".", "1.0.0\x00x", "~root"]


@pytest.mark.parametrize("version", BAD_VERSIONS)
def test_release_versions_that_are_paths_are_refused(corpus, version):
    releases = corpus / "releases"
    before = tree_snapshot(corpus, skip=corpus / "none")
    result = invoke("release", "create", version, "--corpus", str(corpus / "corpus"), "--out", str(releases))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert tree_snapshot(corpus, skip=corpus / "none") == before
    assert not Path("/tmp/evil").exists()


@pytest.mark.parametrize("splits", ["../../evil=100", "train/../../x=90,test=10", "/tmp/evil=100", "a\\b=100"])
def test_split_names_that_are_paths_are_refused(corpus, splits):
    before = tree_snapshot(corpus, skip=corpus / "none")
    result = invoke("release", "create", "9.9.9", "--corpus", str(corpus / "corpus"), "--out", str(corpus / "releases"), "--splits", splits)
    assert result.exit_code == 2, result.output
    assert tree_snapshot(corpus, skip=corpus / "none") == before


HOSTILE_TARGETS = [
    ("file:///tmp/kutim-evil.html", "<urn:uuid:../../../../tmp/kutim-evil>"),
    ("https://beritakutim.example/../../../../tmp/kutim-evil.html", "<../../../tmp/kutim-evil>"),
    ("/tmp/kutim-evil.html", "</tmp/kutim-evil.html>"),
    ("https://beritakutim.example/%2e%2e/%2e%2e/tmp/kutim-evil", "<urn:uuid:a/b\\c\x00d>"),
]


def write_hostile_warc(path: Path) -> None:
    """HTML responses whose target URIs and record ids look like paths (no canonical URL)."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for number, (url, record_id) in enumerate(HOSTILE_TARGETS):
            page = wordpress_page(number % 3, slug=f"warc-{number}").replace('<link rel="canonical"', '<link rel="x-none"')
            payload = page.encode()
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            headers = {"WARC-Record-ID": record_id, "WARC-Date": "2024-12-04T01:02:03Z"}
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=http, warc_headers_dict=headers)
            writer.write_record(record)


def test_warc_record_urls_and_ids_are_data_never_paths(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    write_hostile_warc(raw / "crawl.warc.gz")
    before = tree_snapshot(tmp_path, skip=tmp_path / "out")
    build_corpus([raw], tmp_path / "out", workers=1)
    assert tree_snapshot(tmp_path, skip=tmp_path / "out") == before
    for evil in ("/tmp/kutim-evil.html", "/tmp/kutim-evil"):
        assert not os.path.exists(evil)
    written = sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert written == [".cache/cache.sqlite", "articles/part-00000.parquet", "build.json", "rejects.parquet"]


# --- text is text -----------------------------------------------------------------------------

CODE_IN_ARTICLE = """
<p>Bupati meninjau lokasi <script>document.cookie="curi=" + 1; alert('skrip-bocor')</script>banjir pagi ini.</p>
<style>.entry-content p {{ color: red }} /* gaya-bocor */</style>
<noscript><img src="/pixel.gif">noscript-bocor</noscript>
<template><p>template-bocor</p></template>
<p onclick="steal('handler-bocor')">Warga diminta waspada &amp; mengungsi bila air naik.</p>
<svg width="10"><style>circle {{ fill: red }} /* svg-gaya-bocor */</style><circle r="4"/></svg>
<!-- komentar-bocor: catatan redaksi -->
<script type="application/ld+json">{{"@type": "ImageObject", "caption": "jsonld-bocor"}}</script>
<p>Kode iklan ditulis &amp;lt;adv&amp;gt; di akhir berita, harga naik &gt; 20&#37; dan AT&amp;T &#8220;kutipan&#8221;&nbsp;selesai.</p>
"""


def test_extracted_text_never_carries_script_or_style_and_entities_are_decoded_once():
    page = wordpress_page(0, extra_body=CODE_IN_ARTICLE.format()).encode()
    parsed = parse_page(page, None, use_profiles=True, limits=Limits())
    assert "reject" not in parsed, parsed
    text = "\n".join(str(parsed.get(name) or "") for name in ("title", "description", "body", "lead"))
    for leak in ("skrip-bocor", "document.cookie", "gaya-bocor", "color: red", "noscript-bocor", "template-bocor",
                 "handler-bocor", "svg-gaya-bocor", "komentar-bocor", "jsonld-bocor", "<script", "<style"):
        assert leak not in text, leak
    body = parsed["body"]
    assert "banjir pagi ini" in body
    assert "waspada & mengungsi" in body  # &amp; decoded once
    assert "&lt;adv&gt;" in body  # &amp;lt; decoded once, not twice into "<adv>"
    assert "<adv>" not in body
    assert "> 20%" in body and "AT&T" in body and "\u201ckutipan\u201d" in body
    assert "&amp;" not in body and "&#" not in body and "&nbsp" not in body


def test_title_entities_are_decoded_once():
    page = wordpress_page(1).replace(
        "<title>Disdikbud Kutim Salurkan Seragam Gratis untuk Siswa Baru di Pedalaman &#8211; Berita Kutim</title>",
        "<title>Pemkab &amp; DPRD Bahas &amp;lt;Raperda&amp;gt; &#8211; Berita Kutim</title>",
    )
    page = page.replace('<meta property="og:title" content="Disdikbud Kutim Salurkan Seragam Gratis untuk Siswa Baru di Pedalaman">', '<meta property="og:title" content="Pemkab &amp; DPRD Bahas &amp;lt;Raperda&amp;gt;">')
    page = page.replace('"headline": "Disdikbud Kutim Salurkan Seragam Gratis untuk Siswa Baru di Pedalaman"', '"headline": "Pemkab & DPRD Bahas &lt;Raperda&gt;"')
    page = page.replace('<h1 class="entry-title">Disdikbud Kutim Salurkan Seragam Gratis untuk Siswa Baru di Pedalaman</h1>', '<h1 class="entry-title">Pemkab &amp; DPRD Bahas &amp;lt;Raperda&amp;gt;</h1>')
    parsed = parse_page(page.encode(), None, use_profiles=True, limits=Limits())
    assert parsed["title"] == "Pemkab & DPRD Bahas &lt;Raperda&gt;"


# --- search queries are data ------------------------------------------------------------------

HOSTILE_QUERIES = [
    '"unclosed phrase', "title:(", "((((((", ")))", "a AND OR NOT", "AND", "NOT", "OR OR OR", "date:[2024 TO",
    "[ TO ]", "{", "}", "*", "?", "*:*", "body:*a*", "*warga*", "warga~99", "warga^1e308", "warga^-1",
    "field:value:more", "\\", "\\\\\\", "'; DROP TABLE articles; --", "../../../etc/passwd", "\x00", "\x1b[31m",
    "\u202e\u200b", "\U0001f600 banjir", "a" * 10_000, " ".join(["warga"] * 2_000), "body:" + "(" * 300 + "x",
    "-warga", "+", "-", "!", "title:", ":", "<script>alert(1)</script>", "%s%s%n", "${jndi:ldap://x}",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES, ids=range(len(HOSTILE_QUERIES)))
def test_any_query_gives_results_or_a_one_line_error(corpus, query):
    index = corpus / "index"
    if not (index / "CURRENT").exists() and not any(index.glob("*")):
        assert invoke("index", str(corpus / "corpus"), "--index", str(index)).exit_code == 0
    for output in ("json", "table"):
        # "--" ends the options, as scripts passing user input should ("-warga" is a query)
        result = invoke("search", "--index", str(index), "--format", output, "--", query)
        if result.exit_code != 0:
            one_line_error(result)


@pytest.mark.parametrize("option", ["--region", "--agency", "--site", "--from", "--to"])
@pytest.mark.parametrize("value", ["../../etc/passwd", "*", "(", "\x00", "2024-13-45", "x" * 5_000])
def test_filter_values_are_data(corpus, option, value):
    index = corpus / "index"
    if not any(index.glob("*")):
        assert invoke("index", str(corpus / "corpus"), "--index", str(index)).exit_code == 0
    result = invoke("search", "warga", "--index", str(index), option, value, "--format", "json")
    if result.exit_code != 0:
        one_line_error(result)
