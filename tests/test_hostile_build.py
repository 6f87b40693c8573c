"""`kutim build` on a folder of hostile inputs: it completes, accounts for every input with a
precise reason, stays within bounded memory and writes nothing outside its output folder.

The hostile corpus is generated here (no binaries are committed): see ``write_hostile_corpus``.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

MB = 1024 * 1024
KUTIM = [sys.executable, "-c", "from kutim_corpus.cli import main; main()"]

# --- real-looking pages (texts written for these tests) ---------------------------------------

STORIES = [
    (
        "Warga Sangatta Selatan Gotong Royong Bersihkan Drainase Jelang Musim Hujan",
        "SANGATTA",
        "2024-11-18T08:20:00+08:00",
        [
            "Ratusan warga Kecamatan Sangatta Selatan turun ke jalan pada Minggu pagi untuk "
            "membersihkan saluran drainase yang tersumbat sampah dan endapan lumpur.",
            "Camat Sangatta Selatan mengatakan kegiatan ini digelar serentak di enam desa agar "
            "air hujan tidak lagi menggenangi permukiman seperti tahun lalu.",
            "Pemerintah kecamatan menyediakan truk pengangkut sampah dan alat berat ringan, "
            "sementara warga membawa cangkul, karung dan gerobak sendiri.",
        ],
    ),
    (
        "Disdikbud Kutim Salurkan Seragam Gratis untuk Siswa Baru di Pedalaman",
        "KUTIM",
        "2024-07-09T10:05:00+08:00",
        [
            "Dinas Pendidikan dan Kebudayaan Kutai Timur menyalurkan seragam sekolah gratis "
            "kepada siswa baru sekolah dasar di kecamatan pedalaman.",
            "Bantuan diangkut dengan perahu ke desa-desa di hulu Sungai Telen karena akses "
            "jalan darat terputus sejak pekan lalu.",
            "Kepala sekolah setempat berharap bantuan serupa juga menjangkau siswa sekolah "
            "menengah pertama pada tahun ajaran berikutnya.",
        ],
    ),
    (
        "Harga Cabai di Pasar Induk Sangatta Naik Dua Kali Lipat",
        "SANGATTA",
        "2024-03-02T13:45:00+08:00",
        [
            "Harga cabai rawit di Pasar Induk Sangatta menembus Rp120 ribu per kilogram, naik "
            "dua kali lipat dibanding awal bulan.",
            "Pedagang menyebut pasokan dari Sulawesi berkurang karena cuaca buruk di "
            "perairan Selat Makassar menghambat kapal pengangkut.",
            "Dinas Perdagangan berencana menggelar pasar murah di tiga kecamatan untuk "
            "menahan laju kenaikan harga menjelang bulan puasa.",
        ],
    ),
]


def wordpress_page(story: int, *, slug: str | None = None, extra_body: str = "") -> str:
    """A GeneratePress-like WordPress article page with the usual furniture around the text."""
    title, dateline, published, paragraphs = STORIES[story]
    url = f"https://beritakutim.example/{published[:4]}/{published[5:7]}/{slug or f'kabar-{story}'}/"
    menu = "".join(f'<li><a href="https://beritakutim.example/kategori/{c}/">{c.title()}</a></li>' for c in ("pemerintahan", "ekonomi", "pendidikan", "olahraga"))
    sidebar = "".join(f'<li><a href="https://beritakutim.example/populer-{i}/">Kabar populer ke-{i} minggu ini</a></li>' for i in range(1, 7))
    jsonld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title, "datePublished": published, "mainEntityOfPage": url, "author": {"@type": "Person", "name": "Siti Aminah"}})
    body = f"<p>{dateline} &ndash; {paragraphs[0]}</p>\n"
    body += '<p><strong>Baca Juga:</strong> <a href="https://beritakutim.example/lain/">Kabar lain dari Kutim</a></p>\n'
    body += "".join(f"<p>{p}</p>\n" for p in paragraphs[1:]) + extra_body
    return f"""<!DOCTYPE html>
<html lang="id-ID">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} &#8211; Berita Kutim</title>
<link rel="canonical" href="{url}">
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{published}">
<script type="application/ld+json">{jsonld}</script>
<script>var gp = {{"menu":"<ul><li>x</li></ul>"}}; (function(){{ document.documentElement.className = 'js'; }})();</script>
<style>.site-header{{background:#123}} .widget ul li{{margin:0}}</style>
</head>
<body class="post-template-default single single-post">
<a class="skip-link" href="#content">Langsung ke konten</a>
<header class="site-header"><nav id="site-navigation"><ul class="menu">{menu}</ul></nav></header>
<div id="content" class="site-content">
<main id="main"><article class="post type-post">
<header class="entry-header"><h1 class="entry-title">{title}</h1>
<div class="entry-meta"><span class="posted-on">Senin, 18 November 2024 08:20 WITA</span> <span class="byline">Oleh Siti Aminah</span></div></header>
<div class="entry-content">
{body}</div>
<footer class="entry-meta"><span class="cat-links">Kategori: <a href="/kategori/kutim/">Kutim</a></span>
<span class="tags-links">Tag: <a href="/tag/sangatta/">Sangatta</a>, <a href="/tag/warga/">warga</a></span></footer>
</article>
<nav class="post-navigation"><a href="/sebelumnya/">&larr; Berita sebelumnya</a> <a href="/berikutnya/">Berita berikutnya &rarr;</a></nav>
<div id="comments"><form id="commentform"><textarea name="comment"></textarea><input type="submit" value="Kirim Komentar"></form></div>
</main>
<aside class="widget-area"><section class="widget"><h2>Terpopuler</h2><ul>{sidebar}</ul></section>
<section class="widget"><div class="iklan"><img src="/iklan.gif" alt="iklan"></div></section></aside>
</div>
<footer class="site-footer">&copy; 2024 Berita Kutim. Seluruh hak cipta dilindungi.</footer>
<script src="https://beritakutim.example/wp-includes/js/jquery.min.js"></script>
</body>
</html>
"""


def php_portal_page(story: int) -> str:
    """A hand-made PHP portal page: tables, inline styles, no JSON-LD, date printed in WITA."""
    title, dateline, published, paragraphs = STORIES[story]
    day = f"{published[8:10]}/{published[5:7]}/{published[:4]}"
    text = "<br><br>\n".join(paragraphs)
    return f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{title} | Portal Kaltim Online</title>
<script language="javascript">function bukaJendela(u){{window.open(u,'x','width=400');}}</script>
</head>
<body bgcolor="#ffffff">
<table width="980" align="center"><tr><td colspan="2"><a href="index.php">Beranda</a> | <a href="index.php?kat=daerah">Daerah</a> | <a href="index.php?kat=ekonomi">Ekonomi</a></td></tr>
<tr><td width="680" valign="top">
<div class="judul"><h2>{title}</h2></div>
<div class="tanggal">{day} {published[11:16]} WITA</div>
<div class="isi"><b>{dateline}</b> - {text}<br><br>(SK-04)</div>
<div class="bagikan">Bagikan: <a href="#">Facebook</a> <a href="#">Twitter</a></div>
</td><td width="300" valign="top"><b>Berita Lainnya</b><ul><li><a href="index.php?id=11">Kabar daerah lain</a></li><li><a href="index.php?id=12">Kabar ekonomi lain</a></li></ul></td></tr>
<tr><td colspan="2" align="center"><font size="1">Copyright &copy; 2024 Portal Kaltim Online</font></td></tr></table>
</body>
</html>
"""


# --- the hostile corpus -----------------------------------------------------------------------


def _gzip_bomb(path: Path, expanded: int) -> None:
    zeros = bytes(MB)
    with gzip.GzipFile(path, "wb", compresslevel=9, mtime=0) as handle:
        for _ in range(expanded // MB):
            handle.write(zeros)


def write_hostile_corpus(root: Path) -> dict[str, set[str]]:
    """Write the hostile inputs under ``root``; returns source -> the reasons it may end with.

    ``"article"`` stands for "kept as an article". Sources are relative to the input folder
    name ``root.name``, as `kutim build` records them.
    """
    root.mkdir(parents=True, exist_ok=True)
    label = root.name
    expected: dict[str, set[str]] = {}

    def add(name: str, data: bytes | str, *outcomes: str) -> Path:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        expected[f"{label}/{name}"] = set(outcomes)
        return path

    # good pages, and one of them again under other names (plain and gzipped)
    add("2024/11/gotong-royong.html", wordpress_page(0), "article")
    add("2024/07/seragam.html", php_portal_page(1), "article")
    add("2024/03/harga-cabai.htm", wordpress_page(2), "article")
    add("salinan/gotong-royong (1).html", wordpress_page(0), "duplicate")
    (root / "salinan").mkdir(exist_ok=True)
    (root / "salinan/gotong-royong.html.gz").write_bytes(gzip.compress(wordpress_page(0).encode(), mtime=0))
    expected[f"{label}/salinan/gotong-royong.html.gz"] = {"duplicate"}

    # empty and non-HTML
    add("kosong.html", b"", "empty")
    add("spasi.html", "\n\n   \r\n\t\n", "empty")
    add("gambar.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(4096), "not_html")
    add("laporan.html", b"%PDF-1.5\n%\xd0\xd4\xc5\xd8\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" + os.urandom(4096), "not_html")
    add("catatan.html", "Rapat koordinasi dimulai pukul 09.00 WITA di ruang Arau.\nPeserta: Bappeda, BPBD, Dinas PU.\n" * 50, "not_html")
    add("api.html", json.dumps({"posts": [{"title": STORIES[0][0], "content": "<p>" + STORIES[0][3][0] + "</p>"}]}), "not_html")

    # damaged and oversized archives and pages
    good_gz = gzip.compress(wordpress_page(1).encode() * 3, mtime=0)
    add("rusak/terpotong.html.gz", good_gz[: len(good_gz) // 2], "corrupt_archive")
    add("rusak/korup.html.gz", good_gz[:20] + bytes(b ^ 0x5A for b in good_gz[20:400]) + good_gz[400:], "corrupt_archive")
    _gzip_bomb(root / "rusak/bom.html.gz", 1100 * MB)
    expected[f"{label}/rusak/bom.html.gz"] = {"too_large"}
    filler = "<p>" + " ".join(STORIES[2][3]) + "</p>\n"
    big = wordpress_page(2, slug="besar", extra_body=filler * (50 * MB // len(filler) + 1))
    add("besar.html", big, "too_large")
    deep = wordpress_page(1, slug="dalam", extra_body="<div>" * 100_000 + "isi" + "</div>" * 100_000)
    add("dalam.html", deep, "too_deep")

    # encodings: invalid UTF-8 sprinkled in, and a cp1252 sentence in a UTF-8 page
    broken = wordpress_page(2, slug="utf8-rusak").encode("utf-8").replace(b"Pedagang", b"Peda\xff\xfegang")
    add("encoding/utf8-rusak.html", broken, "article", "duplicate", "undecodable")
    mixed = wordpress_page(1, slug="campur").replace("</div>\n<footer class=\"entry-meta\">", "<p>Kutipan: \u201cSemua siswa harus berseragam\u201d</p></div>\n<footer class=\"entry-meta\">")
    mixed_bytes = mixed.encode("utf-8").replace("\u201c".encode(), "\u201c".encode("cp1252")).replace("\u201d".encode(), "\u201d".encode("cp1252"))
    add("encoding/campur.html", mixed_bytes, "article", "duplicate", "undecodable")

    # markup without an article
    scripts = "<html><head><script>" + "var a=1;" * 2000 + "</script></head><body><script>document.write('<p>halo</p>')</script><noscript>Aktifkan JavaScript</noscript></body></html>"
    add("hanya-skrip.html", scripts, "empty", "not_article")
    links = "".join(f'<li><a href="https://beritakutim.example/berita-{i}/">Berita nomor {i}</a></li>\n' for i in range(10_000))
    add("tautan.html", f"<!DOCTYPE html><html><head><title>Indeks Berita</title></head><body><h1>Indeks</h1><ul>{links}</ul></body></html>", "not_article")
    laughs = '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
    laughs += "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">\n' for i in range(1, 10))
    laughs += "]>\n<html><head><title>&lol9;</title></head><body><article><h1>&lol9;</h1><p>&lol9;</p></article></body></html>"
    add("tawa.html", laughs, "not_article", "empty", "parse_error", "not_html", "article")
    feed = '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Berita Kutim</title>'
    feed += "".join(f"<item><title>{s[0]}</title><link>https://beritakutim.example/{i}/</link></item>" for i, s in enumerate(STORIES))
    add("feed.xml", feed + "</channel></rss>", "not_article")

    # file system traps
    (root / "jalan-buntu").mkdir()
    (root / "jalan-buntu/putar").symlink_to("..", target_is_directory=True)  # folder loop
    expected[f"{label}/jalan-buntu/putar"] = {"unreadable"}
    (root / "a.html").symlink_to("b.html")
    (root / "b.html").symlink_to("a.html")  # file symlink loop
    expected[f"{label}/a.html"] = {"unreadable"}
    expected[f"{label}/b.html"] = {"unreadable"}
    (root / "hilang.html").symlink_to("tidak-ada.html")  # broken link: the entry exists, the file not
    expected[f"{label}/hilang.html"] = {"unreadable"}
    os.mkfifo(root / "pipa.html")  # reading would block forever
    expected[f"{label}/pipa.html"] = {"unreadable"}
    (root / "nol.html").symlink_to("/dev/zero")  # endless bytes
    expected[f"{label}/nol.html"] = {"unreadable"}
    # chmod 000 only bites without root (CI runs as root: there the FIFO, the broken link and
    # the loops above are the unreadable inputs, and the unit tests inject an I/O error)
    locked = add("terkunci.html", php_portal_page(0), "unreadable" if os.geteuid() != 0 else "article")
    locked.chmod(0)

    # a WARC cut in the middle of its second record: the first page is kept, then one reject
    _truncated_warc(root / "arsip/crawl.warc.gz")
    expected[f"{label}/arsip/crawl.warc.gz#urn:uuid:6b1c0d52-0000-4000-8000-000000000001"] = {"article"}
    expected[f"{label}/arsip/crawl.warc.gz#offset"] = {"corrupt_archive"}
    return expected


def _truncated_warc(path: Path) -> None:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for number in (1, 2):
        page = wordpress_page(2, slug=f"arsip-{number}", extra_body=f"<p>Arsip nomor {number} dari perayapan.</p>").encode()
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=UTF-8")], protocol="HTTP/1.1")
        headers = {"WARC-Record-ID": f"<urn:uuid:6b1c0d52-0000-4000-8000-00000000000{number}>", "WARC-Date": "2024-03-02T06:00:00Z"}
        writer.write_record(writer.create_warc_record(f"https://beritakutim.example/arsip-{number}/", "response", payload=io.BytesIO(page), http_headers=http, warc_headers_dict=headers))
        if number == 1:
            first_end = buffer.tell()
    data = buffer.getvalue()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data[: first_end + (len(data) - first_end) // 2])


def outcome_key(source: str) -> str:
    """A damaged archive's reject is named by its byte offset: compare it without the number."""
    return source.split("#offset=", 1)[0] + "#offset" if "#offset=" in source else source


def tree_snapshot(root: Path, skip: Path) -> dict[str, tuple]:
    """Every entry under ``root`` except ``skip``, with size and mtime (symlinks not followed)."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(root):
        current = Path(dirpath)
        dirnames[:] = [d for d in dirnames if current / d != skip]
        for name in dirnames + filenames:
            info = os.lstat(current / name)
            found[str((current / name).relative_to(root))] = (info.st_mode, info.st_size, info.st_mtime_ns)
    return found


def run_with_peak_rss(command: list[str], cwd: Path, env: dict) -> tuple[subprocess.CompletedProcess, int]:
    """Run ``command``; sample the summed RSS of it and its children (loose: every 50 ms)."""
    import psutil

    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    handle = psutil.Process(process.pid)
    peak = 0
    while process.poll() is None:
        try:
            tree = [handle, *handle.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.05)
    stdout, stderr = process.communicate()
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr), peak


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    raw = base / "mentah"
    expected = write_hostile_corpus(raw)
    out = base / "korpus"
    scratch = base / "tmp"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch)}
    before = tree_snapshot(base, skip=out)
    result, peak = run_with_peak_rss([*KUTIM, "build", str(raw), "--out", str(out), "--workers", "2"], base, env)
    after = tree_snapshot(base, skip=out)
    return {"raw": raw, "out": out, "expected": expected, "result": result, "peak": peak, "before": before, "after": after}


@pytest.mark.slow
def test_build_completes_and_accounts_for_every_input(hostile_build):
    result = hostile_build["result"]
    assert result.returncode == 0, result.stderr
    info = json.loads((hostile_build["out"] / "build.json").read_text())
    expected = hostile_build["expected"]
    assert info["inputs"] == len(expected)
    assert info["inputs"] == info["articles"] + info["rejects"]
    assert sum(info["rejects_by_reason"].values()) == info["rejects"]


@pytest.mark.slow
def test_each_input_ends_with_a_precise_reason(hostile_build):
    out = hostile_build["out"]
    outcome = {outcome_key(row["source"]): row["reason"] for row in pq.read_table(out / "rejects.parquet").to_pylist()}
    articles = pq.read_table(out / "articles", columns=["source", "body", "title"]).to_pylist()
    for article in articles:
        outcome[outcome_key(article["source"])] = "article"
    wrong = {
        source: (outcome.get(source), sorted(allowed))
        for source, allowed in hostile_build["expected"].items()
        if outcome.get(source) not in allowed
    }
    assert wrong == {}
    assert set(outcome) == set(hostile_build["expected"])


@pytest.mark.slow
def test_reject_messages_say_what_happened(hostile_build):
    rows = {row["source"].split("/", 1)[1]: row for row in pq.read_table(hostile_build["out"] / "rejects.parquet").to_pylist()}
    assert "PNG" in rows["gambar.html"]["message"]
    assert "PDF" in rows["laporan.html"]["message"]
    assert "truncated" in rows["rusak/terpotong.html.gz"]["message"]
    assert "expands past the limit" in rows["rusak/bom.html.gz"]["message"]
    assert "limit is 20971520" in rows["besar.html"]["message"]
    assert "nested more than 250 levels" in rows["dalam.html"]["message"]
    assert "symlink loop" in rows["a.html"]["message"]
    assert "FIFO" in rows["pipa.html"]["message"]
    [damaged] = [row for source, row in rows.items() if source.startswith("arsip/crawl.warc.gz#offset=")]
    assert "arsip/crawl.warc.gz at byte offset" in damaged["message"]
    kept = rows["salinan/gotong-royong (1).html"]["duplicate_of"]
    assert kept and rows["salinan/gotong-royong.html.gz"]["duplicate_of"] == kept


@pytest.mark.slow
def test_no_script_style_or_entity_expansion_in_the_text(hostile_build):
    articles = pq.read_table(hostile_build["out"] / "articles").to_pylist()
    assert len(articles) >= 3
    for article in articles:
        text = " ".join(str(article[k] or "") for k in ("title", "description", "body", "lead"))
        for leak in ("dataLayer", "document.", "function(", "window.", "{background", "margin:0", "lollol", "&lol", "&ndash;", "&#8211;", "&amp;"):
            assert leak not in text, (article["source"], leak)
    bodies = {a["source"].rsplit("/", 1)[1]: a["body"] for a in articles if "#" not in a["source"]}
    assert "Semua siswa harus berseragam" in bodies["campur.html"]  # cp1252 quotes around it
    assert "Sulawesi berkurang" in bodies["utf8-rusak.html"]  # text after the invalid bytes kept
    titles = {a["source"].rsplit("/", 1)[1]: a["title"] for a in articles if "#" not in a["source"]}
    assert titles["harga-cabai.htm"] == STORIES[2][0]  # "&#8211; Berita Kutim" decoded once and cut


@pytest.mark.slow
def test_memory_stays_bounded(hostile_build):
    # A 1.1 GB gzip bomb, a 50 MB page and 100,000 nested divs: the whole process tree (main
    # process + 2 workers, each with pyarrow/lxml loaded) stays far below what any of them
    # would cost if read whole.
    assert hostile_build["peak"] < 900 * MB, f"peak RSS {hostile_build['peak'] / MB:.0f} MB"


@pytest.mark.slow
def test_nothing_is_written_outside_the_output_folder(hostile_build):
    assert hostile_build["after"] == hostile_build["before"]


@pytest.mark.slow
def test_output_folder_holds_only_the_corpus(hostile_build):
    out = hostile_build["out"]
    names = sorted(p.name for p in out.iterdir())
    assert names == [".cache", "articles", "build.json", "rejects.parquet"]
    assert sorted(p.name for p in (out / "articles").iterdir()) == ["part-00000.parquet"]


def test_a_page_over_its_time_limit_is_a_timeout_reject(tmp_path):
    from kutim_corpus.limits import Limits
    from kutim_corpus.pipeline import build_corpus, read_rejects

    raw = tmp_path / "raw"
    raw.mkdir()
    filler = "<p>" + " ".join(STORIES[0][3]) + "</p>\n"
    (raw / "panjang.html").write_text(wordpress_page(0, extra_body=filler * 3000), "utf-8")  # ~1.3 MB of text
    report = build_corpus([raw], tmp_path / "out", workers=2, limits=Limits(page_seconds=0.001), use_cache=False)
    assert report.rejects == {"timeout": 1}
    [reject] = read_rejects(tmp_path / "out")
    assert reject["message"] == "page took longer than 0.001 s"


def test_file_names_that_are_not_utf8_are_data(tmp_path):
    from kutim_corpus.pipeline import build_corpus, read_rejects

    raw = tmp_path / "raw"
    raw.mkdir()
    # Latin-1 names from an old FTP mirror: bytes that are not UTF-8
    with open(os.path.join(os.fsencode(raw), b"berita-pr\xe9s.html"), "wb") as handle:
        handle.write(wordpress_page(0).encode())
    with open(os.path.join(os.fsencode(raw), b"kosong-\xff.html"), "wb") as handle:
        handle.write(b"")
    report = build_corpus([raw], tmp_path / "out", workers=1)
    assert (report.inputs, report.articles) == (2, 1)
    [source] = pq.read_table(tmp_path / "out" / "articles", columns=["source"]).column("source").to_pylist()
    assert source.startswith("raw/berita-pr") and source.endswith("s.html")
    source.encode("utf-8")  # a valid string, whatever the bytes of the name
    assert [row["reason"] for row in read_rejects(tmp_path / "out")] == ["empty"]
