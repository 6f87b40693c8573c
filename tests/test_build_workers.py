"""The process pool: a worker that dies on one page costs that page only, never the build."""

from __future__ import annotations

import importlib
import os

from build_fixtures import render_page
from kutim_corpus import pipeline
from kutim_corpus.limits import Limits
from kutim_corpus.pipeline import build_corpus, read_rejects


def test_a_page_that_kills_its_worker_is_a_reject_and_the_other_pages_are_built(tmp_path, monkeypatch):
    extract = importlib.import_module("kutim_corpus.extract")
    real = extract.extract_article

    def crashing(data, **kwargs):
        if b"SEGFAULT-HERE" in data:
            os._exit(139)  # what a parser crash looks like from the pool: the process is gone
        return real(data, **kwargs)

    monkeypatch.setattr(extract, "extract_article", crashing)  # inherited by the forked workers
    monkeypatch.setattr(pipeline, "WORKER_GRACE_SECONDS", 1)
    raw = tmp_path / "raw"
    raw.mkdir()
    for story in range(3):
        (raw / f"berita-{story}.html").write_bytes(render_page(story))
    (raw / "racun.html").write_bytes(render_page(0, slug="racun", extra="SEGFAULT-HERE"))

    report = build_corpus([raw], tmp_path / "out", workers=2, limits=Limits(page_seconds=1), use_cache=False)

    assert report.articles == 3
    [reject] = read_rejects(tmp_path / "out")
    assert (reject["source"], reject["reason"]) == ("raw/racun.html", "timeout")
    assert "died or hung" in reject["message"]
