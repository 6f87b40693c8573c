"""Whole pages and WARC archives for the source, build and cache tests.

Pages are rendered the way Kaltim WordPress portals serve them: head with meta/OG/JSON-LD,
scripts, navigation, breadcrumb, the article with an inline "Baca juga", share bar, tags,
related posts, sidebar, comment form and footer. The texts are written for these tests.
"""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

STORIES = [
    (
        "Banjir Rendam Tiga Desa di Muara Wahau, BPBD Kutim Dirikan Posko",
        "MUARA WAHAU",
        "2024-11-29T08:15:00+08:00",
        [
            "Hujan deras sejak Kamis malam membuat Sungai Wahau meluap dan merendam tiga desa di "
            "Kecamatan Muara Wahau. Ketinggian air di permukiman warga mencapai satu meter.",
            "Badan Penanggulangan Bencana Daerah (BPBD) Kutai Timur mendirikan posko darurat di "
            "balai desa dan menyiapkan dapur umum bagi sekitar dua ratus keluarga terdampak.",
            "Kepala Pelaksana BPBD Kutim meminta warga di bantaran sungai tetap waspada karena "
            "curah hujan diperkirakan masih tinggi hingga akhir pekan.",
        ],
    ),
    (
        "DP3A Kutim Gelar Sosialisasi Perlindungan Anak di Sekolah Dasar",
        "SANGATTA",
        "2024-12-04T09:36:00+08:00",
        [
            "Dinas Pemberdayaan Perempuan dan Perlindungan Anak (DP3A) Kutim menggelar sosialisasi "
            "perlindungan anak bagi guru dan orang tua murid di Sangatta Utara.",
            "Materi yang disampaikan meliputi cara mengenali tanda kekerasan pada anak, jalur "
            "pelaporan, serta pendampingan psikologis yang disediakan pemerintah daerah.",
            "DP3A menargetkan kegiatan serupa menjangkau seluruh kecamatan hingga tahun depan.",
        ],
    ),
    (
        "Perbaikan Jalan Poros Sangatta-Bengalon Dikebut Sebelum Musim Hujan",
        "KUTIM",
        "2024-10-15T14:05:00+08:00",
        [
            "Dinas Pekerjaan Umum Kutai Timur mempercepat perbaikan ruas jalan poros "
            "Sangatta-Bengalon yang berlubang di sejumlah titik.",
            "Pekerjaan tambal sulam dan pengaspalan ulang dilakukan siang dan malam agar selesai "
            "sebelum puncak musim hujan pada Desember.",
        ],
    ),
]

NAV = "".join(f'<li><a href="https://{{site}}/kategori/{c}/">{c.title()}</a></li>' for c in ("kutim", "kaltim", "politik", "ekonomi", "olahraga"))
SIDEBAR_POSTS = "".join(f'<li><a href="https://{{site}}/berita-populer-{i}/">Berita populer nomor {i} pekan ini</a></li>' for i in range(1, 8))


def render_page(
    story: int = 0,
    *,
    site: str = "kutimpost.example",
    slug: str | None = None,
    canonical: bool = True,
    extra: str = "",
) -> bytes:
    """A whole article page of ``STORIES[story]`` as a JNews-like WordPress theme serves it."""
    title, dateline, published, paragraphs = STORIES[story]
    slug = slug or f"berita-{story}"
    url = f"https://{site}/{published[:4]}/{published[5:7]}/{published[8:10]}/{slug}/"
    body = [f"<p><strong>{dateline}</strong> – {paragraphs[0]}</p>"]
    body.append(f'<p><strong>Baca juga:</strong> <a href="https://{site}/lain/">Berita lain dari redaksi</a></p>')
    body += [f"<p>{p}</p>" for p in paragraphs[1:]]
    body.append(f"<p>{extra}</p>" if extra else "")
    jsonld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "datePublished": published,
        "author": {"@type": "Person", "name": "Rahmat Hidayat"},
    }
    if canonical:  # a page without a canonical URL declares none anywhere (WARC tests need that)
        jsonld["mainEntityOfPage"] = url
    link = f'<link rel="canonical" href="{url}">' if canonical else ""
    og_url = f'<meta property="og:url" content="{url}">' if canonical else ""
    html = f"""<!DOCTYPE html>
<html lang="id-ID">
<head>
<meta charset="UTF-8">
<title>{title} - KutimPost</title>
{link}
<meta property="og:title" content="{title}">
{og_url}
<meta property="article:published_time" content="{published}">
<script type="application/ld+json">{json.dumps(jsonld)}</script>
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
<style>.jeg_nav{{display:flex}} .jeg_sidebar{{width:300px}}</style>
</head>
<body class="single single-post">
<header class="jeg_header"><nav class="jeg_mainmenu"><ul>{NAV.replace("{site}", site)}</ul></nav></header>
<div class="jeg_breadcrumbs"><a href="https://{site}/">Home</a> / <a href="https://{site}/kategori/kutim/">Kutai Timur</a></div>
<div class="jeg_main"><article class="post">
<h1 class="jeg_post_title">{title}</h1>
<div class="jeg_meta_date">Rabu, 4 Desember 2024 - 09:36 WIB</div>
<div class="content-inner">{"".join(body)}</div>
<div class="jeg_share_button">Share : <a href="#">Facebook</a> <a href="#">WhatsApp</a></div>
<div class="jeg_post_tags"><a href="https://{site}/tag/kutim/">kutim</a> <a href="https://{site}/tag/pemkab/">pemkab</a></div>
<div class="jnews_related_post"><h3>Berita Terkait</h3><ul><li><a href="https://{site}/terkait-1/">Berita terkait satu</a></li><li><a href="https://{site}/terkait-2/">Berita terkait dua</a></li></ul></div>
<div id="respond"><form><textarea name="comment"></textarea><button>Kirim Komentar</button></form></div>
</article>
<aside class="jeg_sidebar"><h3>Terpopuler</h3><ul>{SIDEBAR_POSTS.replace("{site}", site)}</ul><div class="ads">IKLAN</div></aside></div>
<footer>© 2024 KutimPost. Hak cipta dilindungi.</footer>
<script src="https://{site}/wp-content/themes/jnews/assets/js/main.js"></script>
</body>
</html>
"""
    return html.encode("utf-8")


LISTING_PAGE = b"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Kategori Kutai Timur - KutimPost</title></head>
<body class="archive category"><h1>Kategori: Kutai Timur</h1><ul>
<li><a href="/2024/11/29/berita-0/">Banjir Rendam Tiga Desa</a></li><li><a href="/2024/12/04/berita-1/">DP3A Kutim Gelar Sosialisasi</a></li>
</ul><div class="pagination"><a href="/page/2/">2</a></div></body></html>"""


def write_warc(path: Path, records: list[tuple[str, str, bytes, str]], *, gz: bool = True) -> bytes:
    """Write a WARC with (kind, url, payload, content_type) records; returns the archive bytes.

    kind is "response" (HTTP 200), "404" (a 404 response), "request", "resource" or "warcinfo".
    """
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    for number, (kind, url, payload, content_type) in enumerate(records):
        headers = {"WARC-Date": f"2024-12-0{number % 9 + 1}T01:02:03Z", "WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-{number:012d}>"}
        if kind == "warcinfo":
            record = writer.create_warcinfo_record("crawl.warc.gz", {"software": "wget/1.21"})
        elif kind == "request":
            http = StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "kutimpost.example")], is_http_request=True)
            record = writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=http, warc_headers_dict=headers)
        elif kind == "resource":
            record = writer.create_warc_record(url, "resource", payload=io.BytesIO(payload), warc_content_type=content_type, warc_headers_dict=headers)
        else:
            status = "404 Not Found" if kind == "404" else "200 OK"
            http = StatusAndHeaders(status, [("Content-Type", content_type), ("Content-Length", str(len(payload)))], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=http, warc_headers_dict=headers)
        writer.write_record(record)
    data = buffer.getvalue()
    path.write_bytes(data)
    return data


def write_gz(path: Path, data: bytes) -> None:
    path.write_bytes(gzip.compress(data, mtime=0))
