"""extract_article on whole portal pages (tests/fixtures/pages, written for these tests).

Each page is served the way Kaltim portals serve them: navigation, sidebars, scripts, share bars,
"Baca juga" lines and boxes, related-post lists, comment forms, footers.
"""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

from kutim_corpus.errors import Rejected
from kutim_corpus.extract import FIELDS, extract_article

PAGES = Path(__file__).parent / "fixtures" / "pages"
# What must never be left in a body (issue 3), checked line by line.
LEFTOVER = re.compile(
    r"^\W*(?:baca juga|berita lainnya|berita terkait|lihat juga|simak juga|simak video|"
    r"advertisement|scroll to continue|share\s*:|bagikan|tinggalkan balasan|previous post|"
    r"next post|terpopuler|(?:foto\s*)?\d+\s*/\s*\d+\s*$)",
    re.IGNORECASE | re.MULTILINE,
)


def page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


@pytest.fixture(scope="module")
def jnews():
    return extract_article(page("jnews_article.html"))


@pytest.fixture(scope="module")
def generatepress():
    url = "https://suarabengalon.example/2024/06/04/jembatan-gantung-long-bentuk/"
    return extract_article(page("generatepress_br_article.html"), url=url)


@pytest.fixture(scope="module")
def php_portal():
    return extract_article(page("php_portal_latin1_label.html"),
                           url="https://kutimpost.example/berita.php?id=9915")


# --- the contract ---------------------------------------------------------------------------

def test_returns_exactly_the_contract_fields(jnews):
    assert tuple(jnews) == FIELDS


def test_is_picklable_and_deterministic():
    data = page("jnews_article.html")
    again = pickle.loads(pickle.dumps(extract_article))
    assert again(data) == extract_article(data) == extract_article(data)


# --- JNews-like WordPress page with JSON-LD @graph ------------------------------------------

def test_jnews_metadata_comes_from_json_ld_and_opengraph(jnews):
    assert jnews["url"] == "https://wartasangatta.example/2024/12/04/pemkab-kutim-salurkan-bantuan-bibit-padi/"
    assert jnews["site"] == "wartasangatta.example"
    assert jnews["title"] == "Pemkab Kutim Salurkan Bantuan Bibit Padi ke 12 Kelompok Tani"
    assert jnews["description"].startswith("Pemerintah Kabupaten Kutai Timur menyalurkan")
    assert jnews["breadcrumb"] == ["Daerah", "Pertanian"]
    assert jnews["section"] == "Pertanian"
    assert jnews["tags"] == ["bibit padi", "Kaubun"]
    assert jnews["parser"] == "generic/1"


def test_jnews_authors_are_the_people_not_redaksi(jnews):
    # meta author says "Redaksi Warta Sangatta"; JSON-LD names two reporters
    assert jnews["authors"] == ["Andi Saputra", "Rina Wulandari"]


def test_machine_offset_wins_over_a_printed_literal_wib(jnews):
    # JSON-LD says +08:00 (Kaltim is WITA); the theme prints "09:36 WIB" whatever the zone
    assert jnews["published_local"] == "2024-12-04T09:36:00+08:00"
    assert jnews["published_at"] == "2024-12-04T01:36:00Z"
    assert jnews["published_tz_source"] == "jsonld"
    assert jnews["modified_at"] == "2024-12-04T03:02:15Z"


def test_jnews_body_is_the_story_without_boilerplate(jnews):
    paragraphs = jnews["body"].split("\n\n")
    assert len(paragraphs) == 6
    assert paragraphs[0].startswith("SANGATTA – Pemerintah Kabupaten Kutai Timur")
    assert paragraphs[-1].startswith("Pemkab menargetkan produksi padi")
    assert jnews["lead"] == paragraphs[0]
    assert not LEFTOVER.search(jnews["body"])
    for leaked in ("Harga Beras di Sangatta Stabil", "Petani Kaubun Gelar Panen Raya",
                   "Alamat email", "Banjir Rendam Puluhan Rumah", "Hak cipta", "Penyerahan bibit"):
        assert leaked not in jnews["body"]
    assert jnews["word_count"] == len(re.findall(r"\w+", jnews["body"]))
    assert jnews["language"] == "id"
    assert jnews["language_score"] > 0.5


# --- GeneratePress-like page: <br><br> paragraphs, printed WITA, no JSON-LD -------------------

def test_br_separated_paragraphs_are_kept_apart(generatepress):
    paragraphs = generatepress["body"].split("\n\n")
    assert len(paragraphs) == 5
    assert paragraphs[0].startswith("LONG BENTUK – Jembatan gantung")
    assert all("Baca Juga" not in p and "Dana Desa Busang" not in p for p in paragraphs)
    assert "Sekolah Terapung" not in generatepress["body"]  # post navigation
    assert "Festival Budaya Dayak" not in generatepress["body"]  # sidebar


def test_timestamp_without_offset_takes_the_printed_zone(generatepress):
    # meta "2024-06-04 12:45:26" (no offset) + printed "04/06/2024 12:45:26 PM WITA"
    assert generatepress["published_local"] == "2024-06-04T12:45:26+08:00"
    assert generatepress["published_tz_source"] == "printed"
    assert generatepress["published_at"] == "2024-06-04T04:45:26Z"


def test_byline_with_two_people_is_split_and_redaksi_skipped(generatepress):
    assert generatepress["authors"] == ["Yohanes Dore", "Siti Aminah"]


def test_category_link_is_the_section_and_not_a_tag(generatepress):
    assert generatepress["section"] == "Desa"
    assert generatepress["tags"] == ["Busang", "infrastruktur"]


def test_fetch_url_is_used_when_the_page_declares_none(generatepress):
    assert generatepress["url"] == "https://suarabengalon.example/2024/06/04/jembatan-gantung-long-bentuk/"
    assert generatepress["site"] == "suarabengalon.example"


# --- hand-made PHP portal: tables, Latin-1 label on UTF-8 bytes, numeric date -----------------

def test_utf8_bytes_declared_latin1_decode_correctly(php_portal):
    assert php_portal["title"] == "Warga Sangatta Selatan Gotong Royong Bersihkan Drainase “Kali Mati”"
    assert "–" in php_portal["lead"] and "Ã" not in php_portal["body"]


def test_day_first_numeric_date_with_wita(php_portal):
    assert php_portal["published_local"] == "2024-12-04T09:36:00+08:00"
    assert php_portal["published_tz_source"] == "printed"


def test_php_body_drops_date_line_caption_share_and_related(php_portal):
    body = php_portal["body"]
    assert body.startswith("SANGATTA (04/12) – Puluhan warga")
    assert "Dibaca" not in body and "(ist)" not in body
    assert "Pasar Murah Jelang Natal" not in body and "TERPOPULER" not in body
    assert not LEFTOVER.search(body)


def test_reporter_code_at_the_end_is_kept_for_enrichment(php_portal):
    # enrichment tells "(SK-04)" from advertorial markers such as "(adv)": it must see them
    assert php_portal["body"].endswith("(SK-04)")


# --- photo gallery ----------------------------------------------------------------------------

def test_gallery_body_is_its_captions_without_counters():
    record = extract_article(page("photo_gallery.html"))
    paragraphs = record["body"].split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("Lomba perahu hias menjadi puncak")
    assert not any(re.fullmatch(r"\d+ / \d+", p) for p in paragraphs)
    assert "dari berbagai kecamatan" not in record["body"]  # rating widget under the photos
    assert record["authors"] == ["Dedi Kurniawan"]
    assert record["title"] == "FOTO: Festival Sungai Sangatta 2024 Dipadati Ribuan Pengunjung"


# --- not articles -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "name",
    [
        "category_listing.html",  # CollectionPage JSON-LD, /kategori/ URL
        "tag_listing_no_metadata.html",  # no canonical, no og:type, no JSON-LD
        "tag_listing_long_teasers.html",  # long teasers: structure alone must tell
        "rss_feed.xml.html",
        "atom_feed.html",
    ],
)
def test_listings_and_feeds_are_not_articles(name):
    with pytest.raises(Rejected) as caught:
        extract_article(page(name), use_profiles=False)
    assert caught.value.reason == "not_article"


@pytest.mark.parametrize(
    ("name", "reason"),
    [("empty.html", "empty"), ("whitespace_only.html", "empty"), ("binary_png_named.html", "undecodable")],
)
def test_bad_input_is_rejected_with_its_reason(name, reason):
    with pytest.raises(Rejected) as caught:
        extract_article(page(name))
    assert caught.value.reason == reason
    assert caught.value.message


def test_head_only_download_is_not_an_article():
    cut = page("jnews_article.html")[:1500]  # cut inside <head>
    with pytest.raises(Rejected) as caught:
        extract_article(cut)
    assert caught.value.reason in {"empty", "not_article", "parse_error"}


def test_every_fixture_article_is_accepted_with_and_without_profiles():
    for name in ("jnews_article.html", "generatepress_br_article.html",
                 "php_portal_latin1_label.html", "photo_gallery.html"):
        for use_profiles in (True, False):
            assert extract_article(page(name), use_profiles=use_profiles)["word_count"] > 40


def test_short_dated_story_without_metadata_is_an_article():
    # regression: 40-word PHP-portal story with no JSON-LD/OpenGraph was rejected as a listing
    record = extract_article(page("php_short_dated_article.html"), use_profiles=False)
    assert record["title"] == "Listrik Padam Sejak Subuh, Warga Kaliorang Keluhkan Air Bersih"
    assert record["published_local"] == "2024-03-12T16:40:00+08:00"
    assert record["body"].startswith("KALIORANG - Listrik di tiga desa")
    assert record["body"].endswith("(ra/kk)")
    assert "Nelayan Kaliorang" not in record["body"] and "Bagikan" not in record["body"]


def _random_page(seed: int) -> bytes:
    import random

    rng = random.Random(seed)
    tags = ["p", "div", "a", "br", "span", "h1", "h2", "li", "ul", "figure", "figcaption", "time",
            "article", "header", "nav", "script", "b", "table", "td"]
    attrs = ["", ' class="date"', ' class="entry-content"', ' class="related"', ' itemprop="author"',
             ' datetime="2024-01-05T10:00:00+08:00"', ' style="display:none"', ' rel="tag"']
    texts = ["", "Baca juga: x", "SANGATTA – Warga, kata dia, membawa bantuan ke posko.",
             "Rabu, 4 Desember 2024 - 09:36 WIB", "Oleh Andi dan Budi", "https://x.example/a", "31/02/2024 25:61"]
    parts = []
    for _ in range(rng.randint(1, 80)):
        tag = rng.choice(tags)
        parts.append(f"<{tag}{rng.choice(attrs)}>" + rng.choice(texts) * rng.randint(0, 6))
        if rng.random() < 0.5:
            parts.append(f"</{tag}>")
    return ("<html><body>" + "".join(parts) + "</body></html>").encode()


@pytest.mark.parametrize("seed", range(60))
def test_arbitrary_markup_gives_a_record_or_a_rejection(seed):
    try:
        record = extract_article(_random_page(seed), url="https://x.example/2024/01/02/a/")
    except Rejected as rejected:
        assert rejected.reason in {"not_article", "empty", "undecodable", "parse_error"}
    else:
        assert record["title"] and record["body"]
        assert record["word_count"] == len(re.findall(r"\w+", record["body"]))


@pytest.mark.parametrize(
    ("raw", "clean"),
    [("['banjir'", "banjir"), ("Topic: Indra Birowo", "Indra Birowo"), ("Editor:Iskandar", None),
     ("Tekno:Telko", None), ("#Kutim", "Kutim"), ("bibit padi", "bibit padi")],
)
def test_keywords_become_plain_tags(raw, clean):
    from kutim_corpus.extract import _clean_tag

    assert _clean_tag(raw) == clean


def test_short_story_with_related_links_in_the_same_cell_is_an_article():
    # regression: two paragraphs followed by six related headlines in the same <td> were taken
    # for a listing (headline links outweighed the prose); a listing interleaves links and
    # teasers, a story has its related block after the text
    record = extract_article(page("php_short_story_related_same_cell.html"), use_profiles=False)
    assert record["body"].startswith("KALIORANG - Listrik di tiga desa")
    assert "Puskesmas Kaliorang" not in record["body"]
    assert "Lainnya" not in record["body"]


@pytest.mark.parametrize(
    "line",
    [
        "Baca juga: Jalan Poros Sangatta–Bengalon Diperbaiki",
        "BACA JUGA : Harga Cabai Turun",
        "Baca Berita Menarik Lainnya di Sini",
        "Berita Terkait",
        "Lihat juga Video: Banjir di Sangatta",
        "Simak Video \"Banjir Rendam Kutim\"",
        "ADVERTISEMENT",
        "SCROLL TO CONTINUE WITH CONTENT",
        "[Gambas:Video 20detik]",
        "Share :",
        "Bagikan artikel ini",
        "3 / 12",
        "Foto 2 dari 8",
        "Ikuti berita terkini dari Kutim di Google News, klik di sini",
        "Dapatkan update berita pilihan dan breaking news setiap hari. Mari bergabung di Grup Telegram",
        "Laporan Wartawan Kaltim, Andi Saputra",
        "Halaman: 1 2 3",
        "Artikel ini telah tayang di Warta Sangatta dengan judul ...",
    ],
)
def test_portal_boilerplate_lines_are_recognised(line):
    from kutim_corpus.extract.boilerplate import is_boilerplate_line

    assert is_boilerplate_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "SANGATTA – Bupati meninjau banjir di Sangatta Utara, Rabu (4/12/2024).",
        "Menurut dia, bantuan juga dibagikan kepada warga yang tinggal di bantaran sungai.",
        "“Kami bagikan sembako kepada 300 keluarga,” kata Camat.",
        "(adv)",
    ],
)
def test_story_lines_are_not_boilerplate(line):
    from kutim_corpus.extract.boilerplate import is_boilerplate_line

    assert not is_boilerplate_line(line)


def test_story_split_around_an_ad_slot_is_read_whole():
    # regression: the text continues in a second, alike <div> after the ad; only the first
    # (bigger) half was kept
    record = extract_article(page("split_body_around_ad.html"), use_profiles=False)
    paragraphs = record["body"].split("\n\n")
    assert len(paragraphs) == 6
    assert paragraphs[-1].startswith("Ia berharap pemerintah juga membantu")
    assert "ADVERTISEMENT" not in record["body"] and "Berita Terkait" not in record["body"]
    assert record["authors"] == ["Rahmat Hidayat"]


def test_update_line_nearer_the_headline_is_not_the_publication_date():
    html = page("php_short_dated_article.html").replace(
        b'<div class="tanggal">',
        b'<div class="update-info">Diperbarui 13/03/2024 08:00 WITA</div><div class="tanggal">',
    )
    record = extract_article(html, use_profiles=False)
    assert record["published_local"] == "2024-03-12T16:40:00+08:00"


@pytest.mark.parametrize(
    ("meta_time", "local", "instant"),
    [
        # a true UTC stamp that the page prints as 12:45 WITA: same instant, local reading
        ("2024-06-04T04:45:26Z", "2024-06-04T12:45:26+08:00", "2024-06-04T04:45:26Z"),
        # a template that labels local wall time "Z": the printed WITA clock says what it is
        ("2024-06-04T12:45:26Z", "2024-06-04T12:45:26+08:00", "2024-06-04T04:45:26Z"),
    ],
)
def test_utc_stamps_are_read_against_the_printed_local_time(meta_time, local, instant):
    html = page("generatepress_br_article.html").replace(
        b'content="2024-06-04 12:45:26"', f'content="{meta_time}"'.encode())
    record = extract_article(html)
    assert (record["published_local"], record["published_at"]) == (local, instant)
    assert record["published_tz_source"] == "printed"


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        (["Penulis: Yohanes Dore dan Siti Aminah"], ["Yohanes Dore", "Siti Aminah"]),
        (["Oleh: Rina Wulandari | Editor: Budi Santoso"], ["Rina Wulandari"]),
        (["Andi Saputra - Rabu, 4 Desember 2024 09:36 WIB"], ["Andi Saputra"]),
        (["Rina Wulandari on 17 Jun 2015, 21:50 WIB"], ["Rina Wulandari"]),
        (["Oleh Andi Saputra pada 4 Desember 2024"], ["Andi Saputra"]),
        (["Sabtu Pratama"], ["Sabtu Pratama"]),
        (["Redaksi"], []), (["Tim Liputan Kutim"], []), (["@kutimpost"], []), (["bgs"], []),
        (["budi@kutimpost.example"], []), (["Warta Sangatta"], []), (["wartasangatta.example"], []),
        (["Dewi Kania Jurnalis"], ["Dewi Kania"]), (["Andi, Budi Hartono & Citra Lestari"], ["Andi", "Budi Hartono", "Citra Lestari"]),
    ],
)
def test_authors_are_people(raw, names):
    from kutim_corpus.extract.metadata import clean_authors

    assert clean_authors(raw, {"wartasangatta"}) == names
