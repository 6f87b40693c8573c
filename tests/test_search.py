"""`kutim search`: every option, totals checked against a brute-force count over the corpus."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kutim_corpus.analysis import terms
from kutim_corpus.cli import app
from kutim_corpus.errors import UsageError
from kutim_corpus.index import index_corpus
from kutim_corpus.search import SearchError, search
from test_index_fixtures import fixture_records, write_corpus


@pytest.fixture(scope="module")
def records():
    return fixture_records()


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory, records):
    root = tmp_path_factory.mktemp("search")
    write_corpus(root / "corpus", records)
    index_corpus(root / "corpus", root / "index")
    return root / "index"


# --- brute force over the records -------------------------------------------------------------

def words_match(record, query):
    tokens = set(terms(record["title"])) | set(terms(record["body"]))
    return set(terms(query)) <= tokens


def brute_force(records, query="", region=None, agency=None, site=None, date_from=None,
                date_to=None, advertorial=None):
    def keep(r):
        day = (r["published_local"] or "")[:10]
        return (
            (not query or words_match(r, query))
            and (region is None or region in (r["region_code"], r["province_code"]))
            and (agency is None or any(agency.lower() in ((a["acronym"] or "").lower(), (a["name"] or "").lower())
                                       for a in r["agencies"]))
            and (site is None or r["site"] == site)
            and (date_from is None or (day and day >= date_from))
            and (date_to is None or (day and day <= date_to))
            and (advertorial is None or r["is_advertorial"] == advertorial)
        )

    return [r for r in records if keep(r)]


CASES = [
    dict(query="perlindungan anak"),
    dict(query="perlindungan anak", agency="DP3A"),
    dict(query="perlindungan anak", agency="DP3A", region="64.08", date_from="2024-01-01"),
    dict(query="banjir", region="64.08", date_from="2024-01-01"),
    dict(query="banjir", advertorial=False),
    dict(query="banjir", advertorial=True),
    dict(query="stunting", site="kaltimkita.com"),
    dict(query="guru honorer", date_from="2023-03-01", date_to="2024-10-31"),
    dict(agency="BPBD", region="64"),
    dict(region="62.02"),
    dict(date_to="2023-06-30"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: ",".join(f"{k}={v}" for k, v in c.items()))
def test_total_is_the_exact_number_of_matching_articles(index_dir, records, case):
    expected = brute_force(records, **case)
    result = search(index_dir, case.get("query", ""), limit=3, **{k: v for k, v in case.items() if k != "query"})
    assert result.total == len(expected)
    assert {h.id for h in result.hits} <= {r["id"] for r in expected}
    assert len(result.hits) == min(3, len(expected))


def test_region_accepts_code_name_and_alias_and_a_province_includes_its_regencies(index_dir, records):
    by_code = search(index_dir, "", region="64.08", limit=100)
    assert by_code.total == len([r for r in records if r["region_code"] == "64.08"]) > 0
    for spelling in ("Kutai Timur", "Kutim", "kutim", "Kabupaten Kutai Timur"):
        assert {h.id for h in search(index_dir, "", region=spelling, limit=100).hits} == {h.id for h in by_code.hits}
    province = search(index_dir, "", region="Kaltim", limit=1)
    assert province.total == len([r for r in records if r["province_code"] == "64"])


def test_kutim_is_not_kotim(index_dir, records):
    kotim = search(index_dir, "", region="Kotim", limit=100)
    assert kotim.total == len([r for r in records if r["region_code"] == "62.02"])
    assert all(h.region == "Kabupaten Kotawaringin Timur" for h in kotim.hits)


def test_agency_accepts_acronym_or_full_name(index_dir):
    by_acronym = search(index_dir, "", agency="DP3A", limit=100)
    by_name = search(index_dir, "", agency="dinas pemberdayaan perempuan dan perlindungan anak", limit=100)
    assert by_acronym.total == by_name.total > 0
    assert all("DP3A" in h.agencies for h in by_acronym.hits)


def test_known_agency_without_articles_gives_zero_not_an_error(index_dir):
    assert search(index_dir, "banjir", agency="Bappeda").total == 0


def test_hyphenated_plural_in_the_article_matches_the_singular_query(index_dir, records):
    assert any("anak-anak" in r["body"] for r in records)
    result = search(index_dir, '"anak harus"', limit=100)  # the text says "anak-anak harus"
    assert result.total == len([r for r in records if "anak-anak harus" in r["body"]]) > 0


def test_query_language(index_dir, records):
    def total(q):
        return search(index_dir, q).total

    banjir = len(brute_force(records, "banjir"))
    stunting = len(brute_force(records, "stunting"))
    assert total("banjir OR stunting") == banjir + stunting
    assert total("banjir NOT kutim") == len([r for r in brute_force(records, "banjir") if "kutim" not in terms(r["title"] + " " + r["body"])])
    assert total('"perlindungan anak"') == len([r for r in records if "perlindungan anak" in (r["title"] + " " + r["body"]).lower()])
    assert total("title:banjir") == len([r for r in records if "banjir" in terms(r["title"])])
    assert total("kesehat*") == total("kesehatan") > 0  # the prefix also tries its stem
    assert total("lindung*") == total("perlindungan")
    assert total("perlind*") == total("perlindungan") > 0  # the index holds "lindung"
    assert total("kuti*") == len([r for r in records if any(t.startswith("kuti") for t in terms(r["title"] + " " + r["body"]))]) > 0
    assert total("xqzw*") == 0
    assert total("(banjir OR stunting) AND sangatta") == len(
        [r for r in records if (words_match(r, "banjir") or words_match(r, "stunting")) and words_match(r, "sangatta")]
    )


def test_structured_field_in_the_query_text_is_counted_exactly(index_dir, records):
    expected = brute_force(records, "banjir", agency="BPBD", region="64.08")
    assert search(index_dir, "banjir agency:bpbd region:64.08", limit=1).total == len(expected)
    either = [r for r in records if words_match(r, "stunting") or any(a["acronym"] == "DP3A" for a in r["agencies"])]
    assert search(index_dir, "stunting OR agency:dp3a", limit=1).total == len(either)


def test_empty_query_with_filters_lists_articles_newest_first(index_dir, records):
    result = search(index_dir, "", agency="BPBD", limit=100)
    assert result.sort == "date"
    dates = [h.date for h in result.hits if h.date]
    assert dates == sorted(dates, reverse=True)
    assert result.total == len(brute_force(records, agency="BPBD"))


def test_sort_by_date_is_newest_first_and_relevance_is_the_default(index_dir):
    assert search(index_dir, "banjir").sort == "relevance"
    by_date = search(index_dir, "banjir", sort="date", limit=100)
    instants = [h.date for h in by_date.hits if h.date]
    assert instants == sorted(instants, reverse=True)


def test_pages_partition_the_results(index_dir, records):
    expected = brute_force(records, "banjir")
    seen = []
    page = 1
    while True:
        result = search(index_dir, "banjir", limit=4, page=page, sort="date")
        assert result.total == len(expected)
        if not result.hits:
            break
        seen += [h.id for h in result.hits]
        page += 1
    assert sorted(seen) == sorted(r["id"] for r in expected)
    assert page - 1 == result.pages
    past = search(index_dir, "banjir", limit=4, page=99)
    assert past.hits == [] and past.total == len(expected)


def test_hits_carry_what_is_displayed(index_dir, records):
    hit = search(index_dir, "perlindungan anak", agency="DP3A", region="Kutim", limit=1).hits[0]
    record = next(r for r in records if r["id"] == hit.id)
    assert hit.title == record["title"] and hit.url == record["url"] and hit.site == record["site"]
    assert hit.date == record["published_local"] and hit.region == "Kabupaten Kutai Timur"
    assert hit.agencies == ["DP3A"]
    assert "**Perlindungan**" in hit.snippet or "**perlindungan**" in hit.snippet
    assert len(hit.snippet) <= 300


def test_facets_count_every_match_not_only_the_page(index_dir, records):
    result = search(index_dir, "banjir", facets=True, limit=1)
    expected = brute_force(records, "banjir")
    assert result.facets["site"] == dict(Counter(r["site"] for r in expected))
    assert sum(result.facets["region"].values()) == len(expected)
    months = Counter((r["published_local"] or "")[:7] or "(none)" for r in expected)
    assert result.facets["month"] == dict(months)
    assert result.facets["agency"] == {"BPBD": len(expected)}


def test_collapse_shows_one_result_per_cluster_with_the_other_sites(index_dir, records):
    clustered = [r for r in records if r["cluster_size"] > 1]
    cluster_id = clustered[0]["cluster_id"]
    full = search(index_dir, "banjir", region="Kutim", limit=100)
    collapsed = search(index_dir, "banjir", region="Kutim", limit=100, collapse=True)
    assert collapsed.total == full.total
    assert collapsed.stories == full.total - (len(clustered) - 1)
    assert len(collapsed.hits) == collapsed.stories
    cluster_hits = [h for h in collapsed.hits if h.cluster_id == cluster_id]
    assert len(cluster_hits) == 1
    shown = cluster_hits[0]
    assert shown.also_on == sorted({r["site"] for r in clustered} - {shown.site})
    assert shown.also_on
    paged = [h.cluster_id for p in (1, 2, 3) for h in search(index_dir, "banjir", region="Kutim", limit=2, page=p, collapse=True).hits]
    assert paged == [h.cluster_id for h in collapsed.hits][:6]


# --- errors -----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (dict(query='"perlindungan anak'), "unbalanced quote"),
        (dict(query="(banjir OR stunting"), "unbalanced parenthesis"),
        (dict(query="banjir)"), "unbalanced parenthesis"),
        (dict(query="penulis:andi"), "unknown field 'penulis'"),
        (dict(query="banjir", region="Kutimm"), "did you mean Kutim"),
        (dict(query="banjir", region="99.99"), "unknown region code"),
        (dict(query="banjir", agency="DP3B"), "did you mean DP3A"),
        (dict(query="banjir", date_from="2024-13-01"), "YYYY-MM-DD"),
        (dict(query="banjir", date_from="2024-05-01", date_to="2024-01-01"), "swap"),
        (dict(query=""), "empty query"),
        (dict(query="yang dan di"), "no searchable words"),
        (dict(query="banjir " * 400), "characters long"),
        (dict(query="banjir", limit=0), "--limit"),
        (dict(query="banjir", page=0), "--page"),
        (dict(query="banjir", sort="popular"), "--sort"),
        (dict(query="b*"), "type more letters"),
        (dict(query="banjir", region="Kut\udce9m"), "unknown region"),  # mis-encoded argv
        (dict(query="banjir", agency="DP3\udce9"), "unknown agency"),
    ],
)
def test_each_error_is_one_clear_line(index_dir, kwargs, message, monkeypatch):
    monkeypatch.setattr("kutim_corpus.search.MAX_PREFIX_TERMS", 5)
    query = kwargs.pop("query")
    with pytest.raises(SearchError, match=message) as caught:
        search(index_dir, query, **kwargs)
    assert "\n" not in str(caught.value)


def test_an_index_of_an_older_format_says_how_to_update_it(tmp_path, records):
    write_corpus(tmp_path / "corpus", records[:5])
    index_corpus(tmp_path / "corpus", tmp_path / "index")
    meta_path = next((tmp_path / "index").glob("gen-*/kutim-index.json"))
    meta = json.loads(meta_path.read_text())
    meta_path.write_text(json.dumps({**meta, "format": 3}))
    with pytest.raises(SearchError, match="built by another kutim version: update it with `kutim index"):
        search(tmp_path / "index", "banjir")
    assert index_corpus(tmp_path / "corpus", tmp_path / "index").mode == "full"  # rebuilt
    assert search(tmp_path / "index", "banjir").total >= 0


def test_missing_index_says_how_to_create_it(tmp_path):
    with pytest.raises(UsageError, match="kutim index CORPUS --index"):
        search(tmp_path / "nowhere", "banjir")
    (tmp_path / "empty").mkdir()
    with pytest.raises(UsageError, match="no index at"):
        search(tmp_path / "empty", "banjir")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list('ab anak banjir"()*?:^~[]{}-+!\\/ AND OR NOT TO title: agency: 64.08 ')) , max_size=80)
       | st.text(max_size=200))
def test_any_query_string_gives_results_or_a_clear_error(index_dir, text):
    try:
        result = search(index_dir, text, region="Kutim", check_stale=False)
    except SearchError as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert result.total >= len(result.hits)


# --- the command line -------------------------------------------------------------------------

runner = CliRunner()


def run(*args):
    return runner.invoke(app, ["search", *map(str, args)])


def test_cli_table_prints_the_exact_total_and_each_hit(index_dir, records):
    result = run("perlindungan anak", "--index", index_dir, "--agency", "DP3A", "--limit", 2)
    assert result.exit_code == 0, result.output
    total = len(brute_force(records, "perlindungan anak", agency="DP3A"))
    assert result.stdout.startswith(f"{total} articles; page 1 of ")
    assert "agencies: DP3A" in result.stdout and "https://" in result.stdout
    assert "**" in result.stdout  # matched words marked (ANSI bold on a terminal)


def test_cli_json_carries_total_hits_and_facets(index_dir, records):
    result = run("banjir", "--index", index_dir, "--format", "json", "--facets", "--region", "Kutim")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["total"] == len(brute_force(records, "banjir", region="64.08"))
    assert set(data["facets"]) == {"region", "agency", "site", "month"}
    assert {"title", "date", "site", "region", "agencies", "snippet", "url"} <= set(data["hits"][0])


def test_cli_jsonl_is_one_hit_per_line(index_dir):
    result = run("banjir", "--index", index_dir, "--format", "jsonl", "--limit", 3, "--no-adv")
    lines = result.stdout.splitlines()
    assert len(lines) == 3 and all(not json.loads(line)["is_advertorial"] for line in lines)


def test_cli_collapse_prints_also_on(index_dir):
    result = run("banjir", "--index", index_dir, "--region", "Kutim", "--collapse", "--limit", 50)
    assert "also on: " in result.stdout and " stories" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["banjir", "--region", "Kutimm"],
        ["banjir", "--agency", "DP3B"],
        ['"banjir'],
        ["banjir", "--format", "xml"],
        ["banjir", "--from", "kemarin"],
    ],
)
def test_cli_errors_exit_2_with_one_line(index_dir, args):
    result = run(*args, "--index", index_dir)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("kutim: error: ")


def test_cli_missing_index_exits_2(tmp_path):
    result = run("banjir", "--index", tmp_path / "nope")
    assert result.exit_code == 2 and "kutim index CORPUS --index" in result.stderr


def test_stale_index_answers_with_a_warning(tmp_path, records):
    write_corpus(tmp_path / "corpus", records[:20])
    index_corpus(tmp_path / "corpus", tmp_path / "index")
    assert search(tmp_path / "index", "banjir").warnings == []
    write_corpus(tmp_path / "corpus", records[:25])
    result = search(tmp_path / "index", "banjir")
    assert result.warnings and "changed after this index was built" in result.warnings[0]
    cli = run("banjir", "--index", tmp_path / "index")
    assert cli.exit_code == 0 and "kutim: warning: the corpus" in cli.stderr


@pytest.mark.parametrize("command", ["search", "index"])
def test_help_is_complete_with_examples(command):
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Examples:" in result.stdout and f"kutim {command} " in result.stdout
    options = ["--index"] + (
        ["--region", "--agency", "--site", "--from", "--to", "--adv", "--sort", "--limit", "--page",
         "--format", "--facets", "--collapse"]
        if command == "search" else ["--rebuild", "--stemmer", "--wait", "--procs", "--limitmb"]
    )
    for option in options:
        assert option in result.stdout, option


def prefix_match(records, record, prefix):
    """Brute force for prefix*: the article has an index term starting with the prefix, or a
    term that is the analysis of a word of the corpus starting with it."""
    import re

    words = {w for r in records for w in re.findall(r"[\w'’]+", (r["title"] + " " + r["body"]).lower())}
    stems = {t for w in words if w.startswith(prefix) for t in terms(w)}
    tokens = set(terms(record["title"])) | set(terms(record["body"]))
    return bool(tokens & stems) or any(t.startswith(prefix) for t in tokens)


@pytest.mark.parametrize("prefix", ["perlind", "kesehat", "ban", "kuta", "anak"])
def test_prefix_matches_the_words_people_type_and_counts_exactly(index_dir, records, prefix):
    expected = [r for r in records if prefix_match(records, r, prefix)]
    result = search(index_dir, f"{prefix}*", limit=1000)
    assert result.total == len(expected) > 0
    assert {h.id for h in result.hits} == {r["id"] for r in expected}


@pytest.mark.parametrize("sort", ["relevance", "date"])
@pytest.mark.parametrize(
    "options",
    [dict(query="banjir", region="Kutim"), dict(query="perlindungan anak", agency="DP3A", date_from="2024-01-01"),
     dict(query="", agency="BPBD"), dict(query="guru OR stunting", date_to="2024-06-30"),
     dict(query="banjir"), dict(query="perlindungan anak sekolah"), dict(query="banjir NOT kutim"),
     dict(query="(banjir OR stunting) AND sangatta", region="64"), dict(query='"perlindungan anak"'),
     dict(query='"anak perlindungan"~3'), dict(query='title:"perlindungan anak" OR banjir', agency="DP3A"),
     dict(query="perlind*")],
)
def test_ranking_is_whooshs_own(index_dir, options, sort):
    """Matches scored with numpy, the top rescored by Whoosh: the order, the scores and the
    total must be those of Whoosh's collector given the same filter."""
    from whoosh.query import Every

    from kutim_corpus.index import open_index
    from kutim_corpus.search import GenerationColumns, allowed_docnums, build_filter, parse_query

    options = dict(options)
    query = options.pop("query")
    result = search(index_dir, query, sort=sort, limit=100, **options)
    ix, meta = open_index(index_dir)
    columns = GenerationColumns(meta["generation_dir"])
    with ix.searcher() as searcher:
        text_query, _ = parse_query(searcher, query, columns.words_starting_with)
        allowed = allowed_docnums(searcher, columns, build_filter(searcher, **{
            {"date_from": "date_from", "date_to": "date_to"}.get(k, k): v for k, v in options.items()}))
        allow = set(allowed.tolist()) if allowed is not None else None
        kwargs = {"sortedby": "published_at", "reverse": True} if sort == "date" or isinstance(text_query, Every) else {}
        whoosh = searcher.search(text_query, filter=allow, limit=None, optimize=False, **kwargs)
        expected = [(searcher.stored_fields(h.docnum)["id"], None if kwargs else round(h.score, 4)) for h in whoosh[:100]]
        assert result.total == len(whoosh) > 0
    assert [(h.id, h.score) for h in result.hits] == expected
