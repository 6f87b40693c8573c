"""`kutim index`: generations, incremental updates, locks, killed and concurrent runs."""

from __future__ import annotations

import copy
import fcntl
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner
from whoosh.fields import BOOLEAN, DATETIME

from kutim_corpus.cli import app
from kutim_corpus.errors import UsageError
from kutim_corpus.index import (
    CURRENT_FILE,
    LOCK_FILE,
    IndexBusy,
    current_generation,
    index_corpus,
    open_index,
    read_meta,
)
from kutim_corpus.search import search
from test_index_fixtures import fixture_records, make_article, write_corpus

KUTIM = [str(Path(sys.executable).parent / "kutim")]


def test_index_layout_records_the_corpus_fingerprint(tmp_path):
    records = fixture_records()
    write_corpus(tmp_path / "corpus", records)
    report = index_corpus(tmp_path / "corpus", tmp_path / "index")
    assert report.mode == "full" and report.documents == report.added == len(records)
    live = current_generation(tmp_path / "index")
    assert live.name == "gen-000001"
    assert (tmp_path / "index" / CURRENT_FILE).read_text().strip() == "gen-000001"
    meta = read_meta(live)
    assert meta["documents"] == len(records) and meta["stemmer"] == "snowball"
    assert meta["corpus_fingerprint"] == report.corpus_fingerprint
    assert meta["corpus_dir"] == str((tmp_path / "corpus").resolve())


def test_index_fields(tmp_path):
    records = fixture_records()
    write_corpus(tmp_path / "corpus", records)
    index_corpus(tmp_path / "corpus", tmp_path / "index")
    ix, _ = open_index(tmp_path / "index")
    kutim = next(r for r in records if r["region_code"] == "64.08")
    with ix.searcher() as searcher:
        docnum = searcher.document_number(id=kutim["id"])
        stored = searcher.stored_fields(docnum)
        assert stored["title"] == kutim["title"] and stored["url"] == kutim["url"]
        assert stored["published_local"] == kutim["published_local"]
        assert stored["region_name"] == "Kabupaten Kutai Timur"
        assert stored["agencies"] == [kutim["agencies"][0]["acronym"]]
        region_terms = {t.decode() for t in searcher.reader().lexicon("region")}
        assert {"64.08", "kabupaten kutai timur", "kutai timur", "kutim", "64", "kalimantan timur", "kaltim"} <= region_terms
        agency_terms = {t.decode() for t in searcher.reader().lexicon("agency")}
        assert {"dp3a", "dinas pemberdayaan perempuan dan perlindungan anak", "bpbd"} <= agency_terms
        assert isinstance(searcher.schema["published_at"], DATETIME) and searcher.reader().has_column("published_at")
        assert isinstance(searcher.schema["is_advertorial"], BOOLEAN)


def test_missing_or_empty_corpus_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="kutim build"):
        index_corpus(tmp_path / "nothing", tmp_path / "index")


def test_duplicate_ids_in_the_corpus_are_refused_and_nothing_goes_live(tmp_path):
    records = fixture_records(10)
    twin = copy.deepcopy(records[0])
    twin["source"] = "raw/other.html"
    write_corpus(tmp_path / "corpus", records + [twin])
    with pytest.raises(UsageError, match="twice"):
        index_corpus(tmp_path / "corpus", tmp_path / "index")
    assert current_generation(tmp_path / "index") is None
    assert not list((tmp_path / "index").glob("gen-*"))


# --- incremental updates ----------------------------------------------------------------------

def test_incremental_run_adds_updates_and_deletes_only_what_changed(tmp_path):
    records = [make_article(n) for n in range(40)]
    write_corpus(tmp_path / "corpus", records)
    index_corpus(tmp_path / "corpus", tmp_path / "index")

    changed = copy.deepcopy(records)
    changed[3]["title"] = "Festival Budaya Wehea Meriahkan Muara Wahau"
    changed[3]["body"] += "\n\nFestival budaya Wehea digelar di Muara Wahau."
    changed[4]["agencies"] = []  # enrichment changed, body not: still an update
    del changed[5:8]
    changed += [make_article(n) for n in range(100, 105)]
    write_corpus(tmp_path / "corpus", changed)

    report = index_corpus(tmp_path / "corpus", tmp_path / "index")
    assert (report.mode, report.added, report.updated, report.deleted) == ("incremental", 5, 2, 3)
    assert report.unchanged == 40 - 3 - 2 and report.documents == len(changed)
    assert report.generation == "gen-000002"
    index = tmp_path / "index"
    assert search(index, "festival wehea").total == 1
    assert search(index, "", agency=records[4]["agencies"][0]["acronym"], limit=100).total == \
        sum(1 for r in changed if r["agencies"] and r["agencies"][0]["acronym"] == records[4]["agencies"][0]["acronym"])
    gone = {r["id"] for r in records[5:8]}
    everything = search(index, "", region="Kaltim", limit=1000).hits + search(index, "", region="Kalteng", limit=1000).hits
    assert not gone & {h.id for h in everything}
    dated = [r for r in changed if (r["published_local"] or "") >= "2024-01-01"]
    assert search(index, "", date_from="2024-01-01", limit=1).total == len(dated)  # deleted ones left out
    ix, _ = open_index(index)
    with ix.searcher() as searcher:
        assert searcher.doc_count() == len(changed)


def test_an_unchanged_corpus_makes_no_new_generation(tmp_path):
    write_corpus(tmp_path / "corpus", fixture_records(20))
    index_corpus(tmp_path / "corpus", tmp_path / "index")
    report = index_corpus(tmp_path / "corpus", tmp_path / "index")
    assert report.mode == "unchanged" and report.generation == "gen-000001"
    assert [p.name for p in (tmp_path / "index").glob("gen-*")] == ["gen-000001"]


def test_rebuild_starts_over_and_old_generations_are_pruned(tmp_path):
    write_corpus(tmp_path / "corpus", fixture_records(20))
    for _ in range(3):
        report = index_corpus(tmp_path / "corpus", tmp_path / "index", rebuild=True)
        assert report.mode == "full" and report.added == 22
    assert report.generation == "gen-000003"
    assert sorted(p.name for p in (tmp_path / "index").glob("gen-*")) == ["gen-000002", "gen-000003"]


def test_many_changes_fall_back_to_a_full_build(tmp_path):
    write_corpus(tmp_path / "corpus", [make_article(n) for n in range(10)])
    index_corpus(tmp_path / "corpus", tmp_path / "index")
    write_corpus(tmp_path / "corpus", [make_article(n) for n in range(10, 30)])
    report = index_corpus(tmp_path / "corpus", tmp_path / "index")
    assert (report.mode, report.added, report.deleted) == ("full", 20, 10)
    assert any("full build is faster" in m for m in report.messages)


# --- locks ------------------------------------------------------------------------------------

HOLD_LOCK = textwrap.dedent(
    """
    import fcntl, os, sys, time
    fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
    fcntl.lockf(fd, fcntl.LOCK_EX) if sys.argv[3] == "lockf" else fcntl.flock(fd, fcntl.LOCK_EX)
    os.pwrite(fd, f"{os.getpid()}\\n".encode(), 0)
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    """
)


def hold_lock(path: Path, seconds: float, kind: str = "lockf") -> subprocess.Popen:
    """Another process holding our writer lock (lockf) or a Whoosh lock (flock)."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(path), str(seconds), kind],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_a_second_indexer_refuses_clearly_while_the_first_runs(tmp_path):
    write_corpus(tmp_path / "corpus", fixture_records(10))
    (tmp_path / "index").mkdir()
    holder = hold_lock(tmp_path / "index" / LOCK_FILE, 30)
    try:
        with pytest.raises(IndexBusy, match=f"process {holder.pid}.*--wait"):
            index_corpus(tmp_path / "corpus", tmp_path / "index")
        assert not list((tmp_path / "index").glob("gen-*"))
        result = CliRunner().invoke(app, ["index", str(tmp_path / "corpus"), "--index", str(tmp_path / "index")])
        assert result.exit_code == 2 and result.stderr.startswith("kutim: error: another `kutim index`")
    finally:
        holder.kill()
        holder.wait()


def test_a_second_indexer_can_wait_for_the_first(tmp_path):
    write_corpus(tmp_path / "corpus", fixture_records(10))
    (tmp_path / "index").mkdir()
    holder = hold_lock(tmp_path / "index" / LOCK_FILE, 1.0)
    report = index_corpus(tmp_path / "corpus", tmp_path / "index", wait=30)
    assert report.mode == "full"
    holder.wait()


def test_a_lock_left_by_a_dead_indexer_is_cleared_with_a_message(tmp_path):
    write_corpus(tmp_path / "corpus", fixture_records(10))
    (tmp_path / "index").mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / "index" / LOCK_FILE).write_text(f"{dead.pid}\n")
    messages = []
    index_corpus(tmp_path / "corpus", tmp_path / "index", on_message=messages.append)
    assert f"cleared the stale lock of `kutim index` process {dead.pid} (no longer running)" in messages


def test_a_stale_whoosh_lock_is_cleared_but_never_while_a_writer_holds_it(tmp_path):
    records = fixture_records(10)
    write_corpus(tmp_path / "corpus", records)
    index_corpus(tmp_path / "corpus", tmp_path / "index")
    whoosh_lock = current_generation(tmp_path / "index") / "MAIN_WRITELOCK"
    write_corpus(tmp_path / "corpus", records[:-1])

    holder = hold_lock(whoosh_lock, 30, "flock")  # a live writer (another program) holds Whoosh's lock
    try:
        with pytest.raises(IndexBusy, match="holds .*MAIN_WRITELOCK"):
            index_corpus(tmp_path / "corpus", tmp_path / "index")
        assert whoosh_lock.exists()
    finally:
        holder.kill()
        holder.wait()

    messages = []  # its writer died: the lock file is left behind
    report = index_corpus(tmp_path / "corpus", tmp_path / "index", on_message=messages.append)
    assert any("cleared a stale Whoosh lock MAIN_WRITELOCK" in m for m in messages)
    assert report.deleted == 1 and not whoosh_lock.exists()


# --- killed and concurrent runs ---------------------------------------------------------------

@pytest.mark.slow
def test_a_killed_indexer_leaves_the_previous_generation_answering(tmp_path):
    corpus_dir, index = tmp_path / "corpus", tmp_path / "index"
    write_corpus(corpus_dir, [make_article(n) for n in range(60)])
    index_corpus(corpus_dir, index)
    before = search(index, "banjir", check_stale=False).total
    write_corpus(corpus_dir, [make_article(n) for n in range(3_000)])

    run = subprocess.Popen([*KUTIM, "index", str(corpus_dir), "--index", str(index), "--no-progress"],
                           stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not (index / "gen-000002").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)
    assert run.poll() is None, "the indexer finished before it could be killed"
    children = _children_of(run.pid)
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    _wait_gone(children)  # Whoosh's indexing subprocesses die with their parent

    assert current_generation(index).name == "gen-000001"
    assert search(index, "banjir", check_stale=False).total == before
    messages = []
    report = index_corpus(corpus_dir, index, on_message=messages.append)
    assert "removed gen-000002, left unfinished by an interrupted `kutim index`" in messages
    assert report.documents == 3_000 and current_generation(index).name == "gen-000002"
    assert search(index, "banjir").total == sum(1 for n in range(3_000) if n % 4 == 1)


def _wait_gone(pids: list[int]) -> None:
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [p for p in pids if _alive(p)], "indexing subprocesses outlived their parent"


def _alive(pid: int) -> bool:
    import psutil

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _children_of(pid: int) -> list[int]:
    try:
        import psutil
    except ImportError:  # pragma: no cover
        return []
    return [p.pid for p in psutil.process_iter(["ppid"]) if p.info["ppid"] == pid]


def test_readers_never_see_a_half_built_index_while_generations_switch(tmp_path):
    corpus_dir, index = tmp_path / "corpus", tmp_path / "index"
    small = [make_article(n) for n in range(60)]
    large = small + [make_article(n) for n in range(60, 80)]
    expected = {
        sum(1 for r in small if r["title"].startswith("Banjir")),
        sum(1 for r in large if r["title"].startswith("Banjir")),
    }
    write_corpus(corpus_dir, small)
    index_corpus(corpus_dir, index)
    seen, errors = [], []
    stop = threading.Event()

    def reader():
        while not stop.is_set():
            try:
                seen.append(search(index, "banjir", check_stale=False, limit=50).total)
            except Exception as error:  # the test fails on any error a reader meets
                errors.append(repr(error))

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for round_ in range(6):
            write_corpus(corpus_dir, large if round_ % 2 == 0 else small)
            index_corpus(corpus_dir, index)
    finally:
        stop.set()
        thread.join()
    assert not errors
    assert len(seen) > 5 and set(seen) <= expected


def test_cli_index_prints_a_summary_and_refuses_a_missing_corpus(tmp_path):
    write_corpus(tmp_path / "corpus", fixture_records(10))
    runner = CliRunner()
    ok = runner.invoke(app, ["index", str(tmp_path / "corpus"), "--index", str(tmp_path / "index")])
    assert ok.exit_code == 0, ok.output
    assert "gen-000001 (full): 12 documents; 12 added" in ok.stdout
    again = runner.invoke(app, ["index", str(tmp_path / "corpus"), "--index", str(tmp_path / "index")])
    assert "up to date" in again.stdout
    missing = runner.invoke(app, ["index", str(tmp_path / "nope"), "--index", str(tmp_path / "index")])
    assert missing.exit_code == 2 and "kutim build" in missing.stderr
    bad = runner.invoke(app, ["index", str(tmp_path / "corpus"), "--index", str(tmp_path / "index"), "--stemmer", "porter"])
    assert bad.exit_code == 2 and "--stemmer" in bad.stderr


def test_lock_file_is_released_after_a_run(tmp_path):
    write_corpus(tmp_path / "corpus", fixture_records(10))
    index_corpus(tmp_path / "corpus", tmp_path / "index")
    fd = os.open(tmp_path / "index" / LOCK_FILE, os.O_RDWR)
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises if still held
    finally:
        os.close(fd)


def test_decoded_field_lengths_answer_like_whooshs_own_column_reads(tmp_path):
    """kutim index swaps whoosh3's per-posting length reads for a list decoded once per field:
    every document, field and docnum past the column must get the value Whoosh would give."""
    from whoosh.codec import whoosh3

    from kutim_corpus.index import use_decoded_field_lengths

    use_decoded_field_lengths()
    write_corpus(tmp_path / "corpus", fixture_records())
    index_corpus(tmp_path / "corpus", tmp_path / "index")
    ix, _ = open_index(tmp_path / "index")
    for segment in ix._segments():
        lengths = whoosh3.W3PerDocReader(ix.storage, segment)
        assert isinstance(lengths, whoosh3.W3PerDocReader)
        docs = segment.doc_count_all()
        for fieldname in ("title", "body", "region", "no_such_field"):
            decoded = lengths.doc_field_length_reader(fieldname)
            expected = [lengths.doc_field_length(docnum, fieldname) for docnum in range(docs)]
            assert [decoded(docnum) for docnum in range(docs)] == expected
            assert decoded(docs + 5) in (None, 0)
        assert any(lengths.doc_field_length(docnum, "body") for docnum in range(docs))
        lengths.close()
