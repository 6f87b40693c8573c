"""Indonesian portal boilerplate: lines and blocks that are never article text."""

from __future__ import annotations

import re

# A paragraph that starts like this is a related-link, navigation or share prompt.
_LINE_PREFIXES = (
    r"baca\s+juga", r"baca\s+(?:berita|artikel)\b", r"berita\s+lainnya",
    r"berita\s+terkait", r"artikel\s+terkait", r"lihat\s+juga", r"simak\s+juga", r"simak\s+video",
    r"simak\s+berita", r"tonton\s+juga", r"tonton\s+video", r"saksikan\s+(?:juga|video|live)",
    r"advertisement", r"scroll\s+to\s+continue", r"scroll\s+untuk\s+melanjutkan", r"share\s*:",
    r"bagikan\s*:?", r"bagikan\s+(?:artikel|berita)", r"ikuti\s+(?:berita|kami|update|juga)",
    r"dapatkan\s+(?:update|berita|informasi)", r"follow\s+(?:us|kami)", r"tag(?:s)?\s*:",
    r"topik\s*:", r"kata\s+kunci\s*:", r"editor\s*:", r"penulis\s*:", r"pewarta\s*:",
    r"reporter\s*:", r"kontributor\s*:", r"sumber\s*:", r"copyright\b", r"©", r"hak\s+cipta", r"read\s+also",
    r"read\s+more", r"related\s*:", r"also\s+read", r"see\s+also", r"komentar\b",
    r"tulis\s+komentar", r"loading\.{0,3}$", r"iklan$", r"lanjutkan\s+membaca",
    r"halaman\s+(?:selanjutnya|berikutnya)", r"next\s+page", r"previous\s+(?:post|article)",
    r"next\s+(?:post|article)", r"sebelumnya\s*:?$", r"selanjutnya\s*:?$",
    r"download\s+(?:aplikasi|apps?)", r"unduh\s+aplikasi", r"jangan\s+lewatkan",
    r"baca\s+selengkapnya", r"selengkapnya\s*(?:di|:)", r"foto(?:grafer)?\s*:", r"video\s*:",
    r"klik\s+(?:di\s+)?(?:sini|link)", r"cek\s+berita", r"artikel\s+ini\s+telah\s+tayang",
    r"\[?gambas:", r"simak\s+breaking", r"halaman\s*:?\s*\d", r"follow\s+berita",
    r"laporan\s+(?:wartawan|reporter|jurnalis|kontributor)\b", r"pilihan\s+untukmu",
    r"dengarkan\s+(?:berita|artikel)", r"diperbarui\b", r"terakhir\s+diperbarui",
    r"pilihan\s+editor\s*:", r"lihat\s+foto$", r"ikuti\s+saluran", r"gabung\w*\s+(?:di|ke|dengan)\s+(?:channel|grup|group|saluran|komunitas)",
    r"(?:berita|tulisan|konten)\s+ini\s+(?:telah|sudah)\s+(?:tayang|terbit|dimuat)",
    r"artikel\s+ini\s+(?:sudah|telah)\s+(?:terbit|dimuat)", r"redaktur\s*:", r"oleh\s*:", r"baca\s*:",
    r"jangan\s+lupa\s+(?:follow|ikuti|subscribe|like|share|klik|kunjungi)",
    r"lanjut(?:kan)?\s+(?:baca|membaca|ke\s+halaman)", r"lihat\s+video", r"video\s+pilihan",
    r"berita\s+pilihan", r"share\s+(?:this|artikel|berita)", r"bagikan\s+(?:ke|via|lewat)\b",
    r"(?:rekomendasi|terpopuler|terkini|terbaru|populer)(?:\s+(?:untuk\s+anda|berita|artikel))?\s*:?$",
)
_BOILERPLATE_LINE = re.compile(r"^\W{0,3}(?:" + "|".join(_LINE_PREFIXES) + r")")
# Photo-gallery counters and bare share rows: "1 / 12", "Foto 3 dari 10", "Facebook Twitter WhatsApp".
GALLERY_COUNTER = re.compile(
    r"^\s*\(?(?:foto|gambar|photo|slide)?\s*\d{1,3}\s*(?:/|dari|of)\s*\d{1,3}\s*(?:foto|gambar|photos?)?\)?\s*$",
    re.IGNORECASE)
_SHARE_WORDS = {"facebook", "twitter", "whatsapp", "telegram", "line", "linkedin", "email", "copy",
                "link", "pinterest", "share", "bagikan", "salin", "tautan", "x", "instagram",
                "tweet", "google", "print", "cetak", "komentar", "comment", "comments"}

# class / id tokens of boilerplate containers (matched on word pieces of the attribute).
BOILERPLATE_ATTR = re.compile(
    # strong words: any suffix ("jp-relatedposts", "sharebox", "commentlist")
    r"(?:^|[\s_-])(?:related|terkait|lainnya|baca-?juga|bacajuga|readmore|read-more|also-read|"
    r"share|sharing|social|sosmed|socmed|comment|komentar|disqus|sidebar|widget|breadcrumb|"
    r"pagination|newsletter|subscribe|advert|iklan|sponsor|popular|populer|terpopuler|trending|"
    r"recommend|rekomendasi|more-stories|jnews_related|twitter-tweet|instagram-media|"
    r"tiktok-embed)\w*"
    # weak words: whole class tokens only
    r"|(?:^|[\s_-])(?:tags?|tagcloud|topik|navigation|nav|navbar|menu|pager|paging|"
    r"post-navigation|nav-links|author-box|authorbox|banner|ads?|promo|terbaru|latest|footer|"
    r"header|masthead|cookie|modal|popup|video-?box|gallery-nav|print|caption-credit|byline|"
    r"meta|date|time|tanggal|tgl|waktu|fb-post|embed|rating|vote|voting|polling)(?:$|[\s_-])"
)  # match lower-cased attribute text (IGNORECASE alternations are ~10x slower)
# Elements dropped before any scoring.
DROP_TAGS = ("script", "style", "noscript", "iframe", "form", "button", "select", "textarea",
             "svg", "canvas", "template", "object", "embed", "input", "nav", "footer", "aside",
             "header", "menu", "dialog")


_DATE_TIME = (
    r"(?:(?:senin|selasa|rabu|kamis|jum.?at|sabtu|minggu|ahad)\W+)?"
    r"\d{1,2}(?:[/.\-]\d{1,2}[/.\-]|\s+[a-z]+\.?\s+)\d{4}\W+\d{1,2}[:.]\d{2}"
)
# "Rabu, 04/12/2024 09:36 WITA - Dibaca 1.245 kali", "Senin, 2 Desember 2024 | 10:15 WIB"
_META_LINE = re.compile(r"^\W*" + _DATE_TIME)
# "Kompas.com - 28/11/2024, 10:15 WIB", "Diperbarui 28 Nov 2024, 11:00 WIB": a few words, then
# a date and time that end the line
_LABELLED_META_LINE = re.compile(
    r"^\W*(?:[\w.]+\W+){1,3}" + _DATE_TIME + r"(?:[:.]\d{2})?(?:\s*(?:wib|wita|wit))?\W*$"
)
_READ_COUNT = re.compile(r"\b(?:dibaca|views?|kali dilihat)\b")


def is_meta_line(text: str) -> bool:
    """A short date/read-count line printed under the headline."""
    lowered = text.lower()
    return len(text) < 120 and bool(_META_LINE.match(lowered) or (
        len(text) < 60 and _READ_COUNT.search(lowered)) or (
        len(text) < 80 and _LABELLED_META_LINE.match(lowered)))


# Calls to follow the portal elsewhere, anywhere in a short line.
_PROMO_ANYWHERE = re.compile(
    r"google news|whatsapp channel|saluran whatsapp|grup telegram|channel telegram|channel whatsapp|"
    r"grup whatsapp|telegram channel|"
    r"download aplikasi|unduh aplikasi|berita pilihan dan breaking news"
)


def is_boilerplate_line(text: str) -> bool:
    stripped = text.strip()
    if not stripped:
        return True
    if _BOILERPLATE_LINE.match(stripped[:80].lower()) or GALLERY_COUNTER.match(stripped):
        return True
    if len(stripped) < 200 and _PROMO_ANYWHERE.search(stripped.lower()):
        return True
    if is_meta_line(stripped):
        return True
    words = re.findall(r"\w+", stripped.lower())
    return bool(words) and len(words) <= 8 and all(w in _SHARE_WORDS for w in words)
