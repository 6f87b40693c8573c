"""Enrichment, agencies: the government bodies a story involves, normalised."""

from __future__ import annotations

import pytest

from kutim_corpus.enrich import enrich

CHILD_PROTECTION = """SANGATTA – Dinas Pemberdayaan Perempuan dan Perlindungan Anak (DP3A) Kutim membuka layanan pengaduan kekerasan terhadap anak selama 24 jam. Layanan bisa diakses lewat telepon dan pesan singkat.

Kepala DP3A Kutim, Hj. Siti Rahmah, S.Sos., M.Si, mengatakan petugas akan mendatangi korban paling lambat satu hari setelah laporan masuk. "Setiap laporan kami tindak lanjuti, tidak boleh ada yang menunggu," ujar Siti.

DP3A bekerja sama dengan Polres Kutim dan RSUD Kudungga untuk pendampingan korban. Sekda Kutim dan Kabid Perlindungan Anak juga hadir dalam peluncuran layanan. (SK-04)"""


def agencies_of(article_factory, body, title="Berita Daerah", **values):
    return enrich(article_factory(title=title, body=body, **values))["agencies"]


def by_acronym(agencies):
    return {(a["acronym"], a["region_code"]): a for a in agencies}


def test_full_name_with_acronym_in_brackets_and_region(article_factory):
    agencies = agencies_of(article_factory, CHILD_PROTECTION)
    dp3a = by_acronym(agencies)[("DP3A", "64.08")]
    assert dp3a == {
        "acronym": "DP3A",
        "name": "Dinas Pemberdayaan Perempuan dan Perlindungan Anak Kabupaten Kutai Timur",
        "level": "regency",
        "region_code": "64.08",
        "mention": "Dinas Pemberdayaan Perempuan dan Perlindungan Anak (DP3A) Kutim",
    }


def test_acronym_alone_later_is_the_same_body_and_titles_are_not_bodies(article_factory):
    agencies = agencies_of(article_factory, CHILD_PROTECTION)
    # one DP3A entry although it is named four times; "Sekda", "Kabid" are job titles
    assert [(a["acronym"], a["region_code"]) for a in agencies] == [
        ("DP3A", "64.08"), ("Polres", "64.08"), ("RSUD Kudungga", "64.08")]
    assert by_acronym(agencies)[("Polres", "64.08")]["name"] == "Kepolisian Resor Kabupaten Kutai Timur"


def test_pair_learned_in_the_article_covers_acronyms_missing_from_the_seed_list(article_factory):
    body = ("SANGATTA – Dinas Pertanahan dan Tata Ruang (Distanra) Kutim memetakan ulang batas desa. "
            "Menurut Distanra, 12 desa masih bersengketa batas.")
    assert agencies_of(article_factory, body) == [{
        "acronym": "Distanra",
        "name": "Dinas Pertanahan dan Tata Ruang Kabupaten Kutai Timur",
        "level": "regency",
        "region_code": "64.08",
        "mention": "Dinas Pertanahan dan Tata Ruang (Distanra) Kutim",
    }]


@pytest.mark.parametrize(("written", "acronym", "name"), [
    ("Diskominfo Perstik Kutim", "Diskominfo Staper",
     "Dinas Komunikasi, Informatika, Statistik dan Persandian Kabupaten Kutai Timur"),
    ("Disdik Kutim", "Disdikbud", "Dinas Pendidikan dan Kebudayaan Kabupaten Kutai Timur"),
    ("Kemenkominfo", "Komdigi", "Kementerian Komunikasi dan Digital"),
    ("BP2MI", "KP2MI", "Kementerian Pelindungan Pekerja Migran Indonesia"),
    # split in three in 2024: no single successor, the former name stays
    ("Kemendikbudristek", "Kemendikbudristek", "Kementerian Pendidikan, Kebudayaan, Riset, dan Teknologi"),
])
def test_former_names_map_to_the_current_body(article_factory, written, acronym, name):
    body = f"SANGATTA – Program literasi digunakan {written} untuk menjangkau pelajar di pedalaman."
    found = agencies_of(article_factory, body)
    assert [(a["acronym"], a["name"], a["mention"]) for a in found] == [(acronym, name, written)]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("DKP Kutim memastikan stok beras dan cadangan pangan aman hingga Lebaran.",
     ("DKP", "Dinas Ketahanan Pangan Kabupaten Kutai Timur")),
    ("DKP Kutim membagikan benih ikan nila kepada nelayan dan pembudidaya keramba.",
     ("DKP", "Dinas Kelautan dan Perikanan Kabupaten Kutai Timur")),
    ("BKD Kutim mengumumkan hasil seleksi PPPK dan formasi CPNS tahun ini.",
     ("BKD", "Badan Kepegawaian Daerah Kabupaten Kutai Timur")),
    ("BPD diminta mengawasi penggunaan dana desa dan hadir di musyawarah desa.",
     ("BPD", "Badan Permusyawaratan Desa")),
    ("BPK memberikan opini WTP atas laporan keuangan daerah setelah pemeriksaan.",
     ("BPK", "Badan Pemeriksa Keuangan")),
    ("Warga mengurus sertifikat tanah lewat program PTSL di kantor BPN.",
     ("Kementerian ATR/BPN", "Kementerian Agraria dan Tata Ruang/Badan Pertanahan Nasional")),
])
def test_ambiguous_acronyms_are_read_from_the_words_around_them(article_factory, sentence, expected):
    found = agencies_of(article_factory, "SANGATTA – " + sentence)
    assert [(a["acronym"], a["name"]) for a in found] == [expected]


@pytest.mark.parametrize("sentence", [
    "Laba BPD naik 12 persen berkat kredit UMKM dan nasabah baru di perbankan daerah.",  # the bank
    "Arus penumpang di bandara BPN naik menjelang libur akhir tahun di Balikpapan.",  # the city
])
def test_ambiguous_acronyms_that_are_not_government_bodies_are_left_out(article_factory, sentence):
    assert agencies_of(article_factory, sentence) == []


def test_ambiguous_acronym_without_clues_keeps_no_canonical_name(article_factory):
    found = agencies_of(article_factory, "SANGATTA – Rapat koordinasi dihadiri DKP Kutim, Senin.")
    assert [(a["acronym"], a["name"], a["level"], a["region_code"]) for a in found] == [
        ("DKP", None, "regency", "64.08")]


def test_government_by_region_and_legislatures(article_factory):
    body = ("SAMARINDA – Pemerintah Kota Samarinda, Pemprov Kaltim dan DPRD Kaltim menyepakati "
            "jadwal pembahasan anggaran. Pemkab Kutai Timur hadir sebagai peninjau.")
    found = agencies_of(article_factory, body)
    assert [(a["acronym"], a["name"], a["level"], a["region_code"]) for a in found] == [
        ("Pemkot", "Pemerintah Kota Samarinda", "regency", "64.72"),
        ("Pemprov", "Pemerintah Provinsi Kalimantan Timur", "province", "64"),
        ("DPRD", "Dewan Perwakilan Rakyat Daerah Provinsi Kalimantan Timur", "province", "64"),
        ("Pemkab", "Pemerintah Kabupaten Kutai Timur", "regency", "64.08"),
    ]


def test_central_bodies_and_their_regional_offices(article_factory):
    body = ("SANGATTA – BMKG memperkirakan hujan lebat. BPS Kaltim mencatat inflasi 2,1 persen, "
            "sementara KPU Kutim menetapkan daftar pemilih. Kementerian Dalam Negeri (Kemendagri) "
            "meminta daerah bersiap.")
    found = agencies_of(article_factory, body)
    assert [(a["acronym"], a["level"], a["region_code"]) for a in found] == [
        ("BMKG", "central", None), ("BPS", "province", "64"), ("KPU", "regency", "64.08"),
        ("Kemendagri", "central", None)]


def test_codes_forums_and_companies_are_not_agencies(article_factory):
    body = ("SANGATTA – Forkopimda Kutim, TP PKK dan PDAM menggelar bakti sosial bersama BUMDes "
            "setempat. Bulog menyalurkan beras. (MK/SK)")
    assert agencies_of(article_factory, body) == []


def test_agencies_named_only_in_the_title_count(article_factory):
    found = agencies_of(article_factory, "Pelatihan digelar dua hari di Sangatta.",
                        title="Dispora Kutim Latih Pelatih Cabang Olahraga")
    assert [(a["acronym"], a["region_code"]) for a in found] == [("Dispora", "64.08")]


def test_bracketed_short_form_inside_the_government_name_and_newer_name_forms(article_factory):
    body = ("Sangatta, Kutim – Pemerintah Kabupaten (Pemkab) Kutai Timur melalui Badan Perencanaan "
            "Pembangunan, Riset dan Inovasi Daerah (Bapperida) Kutim menggelar musrenbang kecamatan.")
    found = agencies_of(article_factory, body)
    assert [(a["acronym"], a["region_code"], a["mention"]) for a in found] == [
        ("Pemkab", "64.08", "Pemerintah Kabupaten (Pemkab) Kutai Timur"),
        # Bapperida is listed as a later name of Bappeda, the planning agency
        ("Bappeda", "64.08",
         "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah (Bapperida) Kutim"),
    ]


def test_foreign_ministries_are_not_indonesian_bodies(article_factory):
    body = ("Kementerian Kesehatan Thailand melaporkan kasus baru, sementara Kementerian Kesehatan "
            "(Kemenkes) memperketat pemeriksaan di bandara.")
    assert [a["mention"] for a in agencies_of(article_factory, body)] == ["Kementerian Kesehatan (Kemenkes)"]


def test_central_body_written_with_a_region_is_its_regional_office(article_factory):
    body = ("SANGATTA – Badan Narkotika Nasional Kabupaten (BNNK) Kutai Timur menggelar tes urine "
            "sopir truk, dibantu Polri dan BNN Kaltim. Kasus yang ditemukan dilimpahkan ke Kejaksaan "
            "Negeri (Kejari) Kutai Timur.")
    found = agencies_of(article_factory, body, title="BNN Kutim Tes Urine Sopir")
    assert [(a["acronym"], a["name"], a["level"], a["region_code"]) for a in found] == [
        ("BNNK", "Badan Narkotika Nasional Kabupaten Kutai Timur", "regency", "64.08"),  # title "BNN Kutim"
        ("Polri", "Kepolisian Negara Republik Indonesia", "central", None),
        ("BNNP", "Badan Narkotika Nasional Provinsi Kalimantan Timur", "province", "64"),
        ("Kejari", "Kejaksaan Negeri Kabupaten Kutai Timur", "regency", "64.08"),
    ]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Kadis Kominfo Kutim, Ronny Bonar, membuka pelatihan.", ("Diskominfo Staper", "64.08")),
    ("Kominfo Kaltim membuka pelatihan jurnalistik.", ("Diskominfo", "64")),
    ("Kominfo memblokir ratusan situs judi daring.", ("Komdigi", None)),  # the ministry, renamed
])
def test_ministry_short_form_with_a_region_is_the_regional_office(article_factory, sentence, expected):
    found = agencies_of(article_factory, "SANGATTA – " + sentence)
    assert [(a["acronym"], a["region_code"]) for a in found] == [expected]


def test_region_in_brackets_is_not_learned_as_a_short_form(article_factory):
    body = "SANGATTA – Dinas Kesehatan (Kutim) menggelar vaksinasi. Warga Kutim antusias datang."
    found = agencies_of(article_factory, body)
    assert [(a["acronym"], a["region_code"], a["mention"]) for a in found] == [
        ("Dinkes", "64.08", "Dinas Kesehatan (Kutim)")]
