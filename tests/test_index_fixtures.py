"""A small, realistic corpus for the index and search tests (written for this project).

Stories about agencies in Kutai Timur and neighbouring regions, with the shapes real articles
have: datelines, several paragraphs, "Baca juga" lines, advertorial markers, reduplicated
plurals, syndicated copies on several portals (near-duplicate clusters), articles without a
date or a region. ``write_corpus`` writes it the way `kutim build` does.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from kutim_corpus import corpus, schema

AGENCIES = {
    "DP3A": ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "regency"),
    "BPBD": ("Badan Penanggulangan Bencana Daerah", "regency"),
    "Dinkes": ("Dinas Kesehatan", "regency"),
    "Disdikbud": ("Dinas Pendidikan dan Kebudayaan", "regency"),
}
REGIONS = {
    "64.08": ("Kabupaten Kutai Timur", "SANGATTA", "Sangatta"),
    "64.02": ("Kabupaten Kutai Kartanegara", "TENGGARONG", "Tenggarong"),
    "64.72": ("Kota Samarinda", "SAMARINDA", "Samarinda"),
    "62.02": ("Kabupaten Kotawaringin Timur", "SAMPIT", "Sampit"),
}
PROVINCES = {"64": "Kalimantan Timur", "62": "Kalimantan Tengah"}
SITES = ["kutimpost.co.id", "kaltimkita.com", "beritakaltim.id"]

STORIES = [
    (
        "DP3A",
        "{agency} {short} Gelar Sosialisasi Perlindungan Anak di {place}",
        [
            "{dateline} – Dinas Pemberdayaan Perempuan dan Perlindungan Anak (DP3A) {short} "
            "menggelar sosialisasi perlindungan anak bagi guru dan orang tua di {place}.",
            "Kepala DP3A mengatakan anak-anak harus dilindungi dari kekerasan di rumah maupun di "
            "sekolah. Menurutnya, laporan kekerasan terhadap anak meningkat sepanjang tahun.",
            "Baca juga: Pemkab {short} Salurkan Bantuan Beasiswa",
            "Sosialisasi ditutup dengan pembentukan satuan tugas perlindungan perempuan dan anak "
            "di setiap kecamatan.",
        ],
    ),
    (
        "BPBD",
        "Banjir Rendam Ratusan Rumah Warga, {agency} {short} Dirikan Posko",
        [
            "{dateline} – Banjir kembali merendam ratusan rumah warga di {place} setelah hujan "
            "deras mengguyur sejak malam.",
            "Badan Penanggulangan Bencana Daerah (BPBD) {short} mendirikan posko pengungsian dan "
            "dapur umum bagi warga terdampak banjir.",
            "Petugas mengimbau warga di bantaran sungai tetap waspada karena debit air masih tinggi.",
        ],
    ),
    (
        "Dinkes",
        "{agency} {short} Percepat Penurunan Stunting di {place}",
        [
            "{dateline} – Dinas Kesehatan (Dinkes) {short} mempercepat penurunan stunting melalui "
            "pemeriksaan balita di posyandu.",
            "Kader posyandu dilatih mengukur tinggi dan berat badan balita setiap bulan. Ibu hamil "
            "juga mendapat makanan tambahan.",
            "Angka stunting ditargetkan turun di bawah 14 persen tahun depan.",
        ],
    ),
    (
        "Disdikbud",
        "Ratusan Guru Honorer di {place} Ikuti Pelatihan {agency}",
        [
            "{dateline} – Dinas Pendidikan dan Kebudayaan (Disdikbud) {short} melatih ratusan guru "
            "honorer tentang kurikulum merdeka.",
            "Pelatihan berlangsung tiga hari dan diikuti guru sekolah dasar dari berbagai kecamatan.",
        ],
    ),
]


def make_article(n: int) -> dict:
    """Article number ``n`` of the fixture corpus (deterministic)."""
    agency_key, title_template, paragraphs = STORIES[n % len(STORIES)]
    region_code = list(REGIONS)[(n // len(STORIES)) % len(REGIONS)]
    region_name, dateline, place = REGIONS[region_code]
    short = region_name.split(" ", 1)[1]
    short = "Kutim" if region_code == "64.08" and n % 3 else short
    year = 2023 + (n % 3)
    month = 1 + (n * 5) % 12
    day = 1 + (n * 7) % 28
    hour = (n * 3) % 24
    site = SITES[n % len(SITES)]
    advertorial = n % 5 == 0
    fields = {"agency": agency_key, "short": short, "place": place, "dateline": dateline}
    body = "\n\n".join(p.format(**fields) for p in paragraphs)
    body += f"\n\nLaporan nomor {n} dari {place}." + (" (adv)" if advertorial else "")
    url = f"https://{site}/{year}/{month:02d}/berita-{n}"
    name, level = AGENCIES[agency_key]
    published_local = f"{year}-{month:02d}-{day:02d}T{hour:02d}:15:00+08:00"
    record = {
        "id": hashlib.sha256(url.encode()).hexdigest()[:16],
        "url": url,
        "site": site,
        "source": f"raw/{site}/berita-{n}.html",
        "title": title_template.format(**fields) + f" ({n})",
        "body": body,
        "lead": body.split("\n\n")[0],
        "word_count": len(body.split()),
        "content_hash": hashlib.sha256(body.lower().encode()).hexdigest(),
        "parser": "generic/1",
        "language": "id",
        "section": "Daerah",
        "published_local": published_local,
        "published_at": published_local,
        "published_tz_source": "printed",
        "dateline": dateline,
        "is_advertorial": advertorial,
        "advertorial_marker": "(adv)" if advertorial else None,
        "region_code": region_code,
        "region_name": region_name,
        "province_code": region_code[:2],
        "province_name": PROVINCES[region_code[:2]],
        "region_source": "dateline",
        "regions_mentioned": sorted({region_code, region_code[:2]}),
        "agencies": [
            {"acronym": agency_key, "name": name, "level": level, "region_code": region_code,
             "mention": f"{name} ({agency_key})"}
        ],
    }
    if n % 17 == 0:  # no date known
        record.update(published_local=None, published_at=None, published_tz_source=None)
    if n % 19 == 0:  # no region found
        record.update(region_code=None, region_name=None, province_code=None, province_name=None,
                      region_source=None, regions_mentioned=[])
    return schema.blank_record(**record)


def syndicated_copies(original: dict, sites: list[str]) -> list[dict]:
    """Re-posts of ``original`` on other portals: another dateline and a "Baca juga" box."""
    copies = []
    for site in sites:
        body = original["body"].replace(" – ", " (Kaltimkita) – ", 1) + "\n\nBaca juga: Info lain"
        url = original["url"].replace(original["site"], site)
        copy = dict(original)
        copy.update(
            id=hashlib.sha256(url.encode()).hexdigest()[:16], url=url, site=site,
            source=f"raw/{site}/copy.html", body=body,
            content_hash=hashlib.sha256(body.lower().encode()).hexdigest(),
            word_count=len(body.split()), cluster_id=original["id"],
            cluster_size=len(sites) + 1, is_cluster_representative=False,
            similarity_to_representative=0.9,
        )
        copies.append(copy)
    original.update(cluster_id=original["id"], cluster_size=len(sites) + 1,
                    is_cluster_representative=True, similarity_to_representative=1.0)
    return copies


def fixture_records(n: int = 80) -> list[dict]:
    records = [make_article(i) for i in range(n)]
    records += syndicated_copies(records[1], ["kutimpost.co.id", "beritakaltim.id"])
    for record in records:
        schema.validate(record)
    return sorted(records, key=lambda r: r["id"])


def write_corpus(directory: Path, records: list[dict]) -> Path:
    """Write ``records`` as a corpus folder (articles part + build.json with a fingerprint)."""
    records = sorted(records, key=lambda r: r["id"])
    corpus.write_parquet_atomic(schema.to_table(records), directory / "articles" / "part-00000.parquet")
    digest = hashlib.sha256()
    for record in records:
        digest.update(repr(sorted(record.items())).encode())
    corpus.write_json_atomic({"corpus_fingerprint": digest.hexdigest(), "articles": len(records)},
                             directory / "build.json")
    return directory
