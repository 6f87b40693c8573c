"""Corpora written for the release tests: realistic Kutai Timur articles in the corpus layout."""

from __future__ import annotations

import hashlib
from pathlib import Path

from kutim_corpus import corpus, schema

DP3A = {"acronym": "DP3A", "name": "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
        "level": "regency", "region_code": "64.08", "mention": "Dinas Pemberdayaan Perempuan dan Perlindungan Anak (DP3A) Kutim"}
BPBD = {"acronym": "BPBD", "name": "Badan Penanggulangan Bencana Daerah", "level": "regency",
        "region_code": "64.08", "mention": "BPBD Kutim"}
DPRD = {"acronym": "DPRD", "name": "Dewan Perwakilan Rakyat Daerah", "level": "regency",
        "region_code": "64.08", "mention": "DPRD Kutai Timur"}

STORIES = [
    # (slug, site, published local, title, agencies, body)
    ("sosialisasi-perlindungan-anak", "kutimpost.example", "2024-12-04T09:36:00+08:00",
     "DP3A Kutim Gelar Sosialisasi Perlindungan Anak di Sangatta Utara", [DP3A],
     "SANGATTA – Dinas Pemberdayaan Perempuan dan Perlindungan Anak (DP3A) Kutim menggelar sosialisasi "
     "perlindungan anak bagi kader posyandu di Kecamatan Sangatta Utara, Rabu (4/12/2024).\n\n"
     "Kepala DP3A Kutim, Idham Cholid, mengatakan kegiatan ini menyasar seratus kader dari delapan desa. "
     "\"Kader adalah mata dan telinga kami di lapangan,\" ujarnya."),
    ("banjir-rantau-pulung", "berita-kaltim.example", "2024-11-29T16:05:00+08:00",
     "Banjir Rendam Puluhan Rumah di Rantau Pulung", [BPBD],
     "RANTAU PULUNG – Hujan deras sejak Kamis malam membuat Sungai Pulung meluap dan merendam puluhan "
     "rumah warga.\n\nBPBD Kutim menurunkan perahu karet dan mendirikan dapur umum di balai desa."),
    ("paripurna-apbd-2025", "sangatta-news.example", "2024-11-20T10:00:00+08:00",
     "DPRD Kutim Sahkan APBD 2025 dalam Rapat Paripurna", [DPRD],
     "SANGATTA – DPRD Kutai Timur mengesahkan APBD 2025 dalam rapat paripurna di gedung dewan.\n\n"
     "Ketua DPRD menyebut belanja infrastruktur dasar tetap menjadi prioritas. (adv)"),
    ("festival-magic-land", "kutimpost.example", "2023-08-12T20:15:00+08:00",
     "Festival Magic Land Kembali Digelar di Kawasan Bukit Pelangi", [],
     "SANGATTA – Festival budaya tahunan kembali digelar di kawasan Bukit Pelangi dengan pawai "
     "kostum dari delapan belas kecamatan.\n\nPanitia memperkirakan ribuan pengunjung datang setiap malam."),
    ("harga-sawit-turun", "berita-kaltim.example", None,
     "Harga TBS Sawit di Tingkat Petani Turun", [],
     "Harga tandan buah segar di tingkat petani kembali turun pekan ini.\n\nPetani berharap pemerintah "
     "daerah menertibkan timbangan di pabrik kelapa sawit."),
]


def article(slug, site, published_local, title, agencies, body, **extra) -> dict:
    url = f"https://{site}/{slug}/"
    record = schema.blank_record(
        id=hashlib.sha256(url.encode()).hexdigest()[:16],
        url=url,
        site=site,
        source=f"{site}/{slug}.html",
        title=title,
        body=body,
        lead=body.split("\n\n")[0],
        word_count=len(body.split()),
        language="id",
        language_score=0.97,
        content_hash=hashlib.sha256(" ".join(body.lower().split()).encode()).hexdigest(),
        parser="generic/1",
        published_local=published_local,
        published_at=published_local,
        published_tz_source="printed" if published_local else None,
        agencies=agencies,
        authors=["Dedi Purnomo"] if site == "kutimpost.example" else [],
        tags=["Kutim", "Sangatta"] if "SANGATTA" in body else [],
        breadcrumb=["Berita", "Kutim"],
        section="Kutim",
        dateline=body.split(" – ")[0] if " – " in body else None,
        is_advertorial=body.rstrip().endswith("(adv)"),
        advertorial_marker="(adv)" if body.rstrip().endswith("(adv)") else None,
        region_code="64.08",
        region_name="Kutai Timur",
        province_code="64",
        province_name="Kalimantan Timur",
        region_source="dateline" if " – " in body else "profile",
        regions_mentioned=["64", "64.08"],
        people=[{"name": "Idham Cholid", "role": "Kepala DP3A", "affiliation": "DP3A Kutim"}] if "Idham" in body else [],
        quotes=[{"speaker": "Idham Cholid", "text": "Kader adalah mata dan telinga kami di lapangan,"}] if "Idham" in body else [],
    )
    record.update(extra)
    schema.validate(record)
    return record


def syndicated_copies(base: dict, sites: list[str]) -> list[dict]:
    """The same press release re-posted by other portals: one near-duplicate cluster."""
    copies = []
    for number, site in enumerate(sites, 1):
        body = base["body"].replace("SANGATTA –", "KUTIM –") + "\n\nBaca juga: berita lainnya."
        when = base["published_local"].replace("09:36", f"1{number}:00")
        copy = article(f"repost-{base['id'][:8]}-{number}", site, when, base["title"], base["agencies"], body,
                       similarity_to_representative=0.82)
        copies.append(copy)
    members = [base, *copies]
    for member in members:
        member.update(cluster_id=base["id"], cluster_size=len(members),
                      is_cluster_representative=member is base)
    base["similarity_to_representative"] = 1.0
    return copies


def sample_articles(extra_stories: int = 0) -> list[dict]:
    records = [article(*story) for story in STORIES]
    records += syndicated_copies(records[0], ["sangatta-news.example", "kaltimtoday.example"])
    for number in range(extra_stories):
        records.append(article(
            f"kabar-desa-{number}", "kabar-desa.example", f"2024-{1 + number % 12:02d}-{1 + number % 28:02d}T08:00:00+08:00",
            f"Musyawarah Desa Bahas Dana Desa Tahap {number}", [],
            f"SANGATTA – Warga desa ke-{number} bermusyawarah membahas penggunaan dana desa.\n\nKepala desa "
            f"meminta usulan prioritas nomor {number} dibahas terbuka."))
    return records


def write_corpus(directory: Path, records: list[dict], parts: int = 1) -> Path:
    """The layout of `kutim build`: articles/part-*.parquet + build.json (parts not sorted on purpose)."""
    records = list(reversed(records))
    size = -(-len(records) // parts)
    for index in range(parts):
        chunk = records[index * size : (index + 1) * size]
        corpus.write_parquet_atomic(schema.to_table(chunk), directory / "articles" / f"part-{index:05d}.parquet")
    ordered = sorted(r["id"] + r["content_hash"] for r in records)
    corpus.write_json_atomic({
        "articles": len(records), "inputs": len(records) + 1, "rejects": 1,
        "rejects_by_reason": {"not_article": 1},
        "corpus_fingerprint": hashlib.sha256("".join(ordered).encode()).hexdigest(),
    }, directory / "build.json")
    return directory
