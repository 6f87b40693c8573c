"""Write a synthetic corpus of Kaltim news pages for benchmarks: an HTML folder and/or WARC.gz.

    python scripts/make_synthetic.py --pages 10000 --out data/bench/raw-10000-html
    python scripts/make_synthetic.py --pages 10000 --out data/bench/raw-10000-warc --format warc
    python scripts/make_synthetic.py --pages 2000 --out /tmp/synth --format both --seed 7
    python scripts/make_synthetic.py --pages 500 --out /tmp/synth --manifest /tmp/synth.tsv

Pages are fictional (kutim_corpus.synthetic), rendered with the sample templates (JNews-like,
GeneratePress-like, hand-made PHP) at real-page sizes (~100-200 KB, most of it inline CSS/JS,
menus, sidebars and ad slots). About 2% are listing pages (`not_article`) and 1% exact
duplicates of the previous page (`duplicate`), so builds exercise their rejects.

Layouts:
  html   OUT/0000/0000000.html ... (1,000 pages per shard folder)
  warc   OUT/crawl-00000.warc.gz ... (--per-warc response records per archive, HTTP headers,
         WARC-Target-URI = page URL, WARC-Date = fetch time a few hours after publication,
         deterministic WARC-Record-IDs)
  both   OUT/html/... and OUT/warc/...

The same --seed gives byte-identical output. Memory stays constant whatever --pages is.
"""

from __future__ import annotations

import argparse
import sys
import time
from contextlib import ExitStack
from pathlib import Path

from kutim_corpus.synthetic import synthetic_pages, warc_record_bytes, write_html_page


class WarcRotator:
    """Writes records into OUT/crawl-NNNNN.warc.gz, ``per_file`` records per archive."""

    def __init__(self, folder: Path, per_file: int, seed: int):
        self.folder, self.per_file, self.seed = folder, per_file, seed
        self.count, self.handle = 0, None

    def write(self, page) -> None:
        if self.count % self.per_file == 0:
            self.close()
            self.handle = open(self.folder / f"crawl-{self.count // self.per_file:05d}.warc.gz", "wb")  # noqa: SIM115 (closed by close())
        self.handle.write(warc_record_bytes(page, self.seed))
        self.count += 1

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, required=True, help="number of pages to write (articles, listings and duplicates)")
    parser.add_argument("--out", type=Path, required=True, help="output folder (created; must be empty or absent)")
    parser.add_argument("--format", choices=("html", "warc", "both"), default="html", help="html folder, WARC.gz archives, or both (default: html)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    parser.add_argument("--per-warc", type=int, default=5000, help="records per WARC file (default: 5000)")
    parser.add_argument("--manifest", type=Path, help="also write a TSV: index, kind, path, url, expected id (outside --out)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    if args.pages < 1:
        parser.error("--pages must be at least 1")
    if args.per_warc < 1:
        parser.error("--per-warc must be at least 1")
    if args.out.exists() and (not args.out.is_dir() or any(p for p in args.out.iterdir() if not p.name.startswith("."))):
        parser.error(f"--out {args.out} exists and is not an empty folder: choose a new folder or remove it")
    return args


def _progress(total: int, quiet: bool):
    if quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="page", desc="synthetic pages")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    html_dir = args.out / "html" if args.format == "both" else args.out
    warc_dir = args.out / "warc" if args.format == "both" else args.out
    for folder, wanted in ((html_dir, args.format != "warc"), (warc_dir, args.format != "html")):
        if wanted:
            folder.mkdir(parents=True, exist_ok=True)
    started, written, kinds = time.perf_counter(), 0, {"article": 0, "listing": 0, "duplicate": 0}
    bar = _progress(args.pages, args.quiet)
    with ExitStack() as stack:
        warc = WarcRotator(warc_dir, args.per_warc, args.seed) if args.format != "html" else None
        if warc is not None:
            stack.callback(warc.close)
        manifest = stack.enter_context(open(args.manifest, "w", encoding="utf-8")) if args.manifest else None
        if manifest:
            manifest.write("index\tkind\tpath\turl\texpected_id\n")
        for page in synthetic_pages(args.pages, args.seed):
            if args.format != "warc":
                write_html_page(html_dir, page)
            if warc is not None:
                warc.write(page)
            if manifest:
                manifest.write(f"{page.index}\t{page.kind}\t{page.path}\t{page.url}\t{page.record['id'] if page.record else ''}\n")
            written += len(page.data)
            kinds[page.kind] += 1
            if bar is not None:
                bar.update(1)
    if bar is not None:
        bar.close()
    seconds = time.perf_counter() - started
    print(f"wrote {args.pages:,} pages ({kinds['article']:,} articles, {kinds['listing']:,} listings, "
          f"{kinds['duplicate']:,} duplicates; {written / 2**20:,.0f} MB of HTML) as {args.format} to {args.out} "
          f"in {seconds:.1f} s ({args.pages / seconds:,.0f} pages/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
