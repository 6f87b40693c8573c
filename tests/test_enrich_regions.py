"""Enrichment, region: which regency/province a story is about, and every region it names."""

from __future__ import annotations

import pytest

from kutim_corpus import profiles
from kutim_corpus.enrich import enrich

STUDY_TRIP = """KUTIM – Pemerintah Kabupaten Kutai Timur (Kutim) mengirim rombongan studi banding ke Kota Semarang untuk mempelajari layanan adminduk keliling. Rombongan dipimpin Sekretaris Dinas Kependudukan dan Pencatatan Sipil (Disdukcapil) Kutim, Hendra Wijaya.

Di Semarang, rombongan mengunjungi tiga kelurahan yang sudah melayani perekaman KTP di rumah warga lanjut usia. "Layanan jemput bola seperti ini cocok untuk desa-desa kita di Muara Wahau dan Busang," ujar Hendra.

Baca juga: Kutim Siapkan Anggaran Blangko KTP

Disdukcapil Kutim menargetkan layanan keliling berjalan awal tahun depan. (adv)"""


def test_breadcrumb_decides_over_other_cities_named_in_the_body(article_factory):
    record = article_factory(
        title="Belajar Adminduk Keliling, Disdukcapil Kutim Studi Banding ke Semarang",
        body=STUDY_TRIP,
        breadcrumb=["KALIMANTAN TIMUR", "Kutai Timur"],
    )
    out = enrich(record)
    assert (out["region_code"], out["region_source"]) == ("64.08", "breadcrumb")
    assert out["region_name"] == "Kutai Timur"  # as users name it; kota keep "Kota"
    assert (out["province_code"], out["province_name"]) == ("64", "Kalimantan Timur")
    # Kota Semarang, Kutai Timur and its kecamatan Muara Wahau (64.08.02) and Busang (64.08.06)
    assert out["regions_mentioned"] == ["33.74", "64.08", "64.08.02", "64.08.06"]


def test_kotim_is_kotawaringin_timur_in_central_kalimantan_not_kutai_timur(article_factory):
    body = ("SAMPIT – Pemkab Kotim menyiapkan 12 perahu karet untuk warga bantaran Sungai Mentaya. "
            "Kepala BPBD Kotim, Multazam, meminta warga waspada.")
    out = enrich(article_factory(title="Kotim Siaga Banjir", body=body))
    assert out["region_code"] == "62.02"
    assert out["province_name"] == "Kalimantan Tengah"
    assert "64.08" not in out["regions_mentioned"]


@pytest.mark.parametrize(("alias", "code"), [("Kubar", "64.07"), ("Kobar", "62.01")])
def test_kubar_and_kobar_are_different_regencies(article_factory, alias, code):
    body = f"Pemkab {alias} membagikan bibit karet kepada 40 kelompok tani, Senin."
    out = enrich(article_factory(title=f"{alias} Bagikan Bibit Karet", body=body))
    assert out["region_code"] == code
    assert out["region_source"] == "title"


def test_dateline_of_a_kecamatan_gives_its_regency(article_factory):
    body = "MUARA WAHAU – Banjir kiriman merendam ratusan rumah warga sejak Sabtu malam."
    out = enrich(article_factory(title="Banjir Rendam Ratusan Rumah", body=body))
    assert out["dateline"] == "MUARA WAHAU"
    assert (out["region_code"], out["region_source"]) == ("64.08", "dateline")
    assert out["regions_mentioned"] == ["64.08.02"]


def test_kecamatan_names_that_are_common_words_need_a_capital_inside_a_sentence(article_factory):
    body = ("SANGATTA – Warga mengirim karangan bunga ke kantor camat. Karangan bunga itu berisi "
            "ucapan terima kasih. Sandaran kursi di balai desa juga diganti.\n\n"
            "Bantuan serupa akan dikirim ke Kecamatan Karangan dan ke warga di Sandaran pekan depan.")
    out = enrich(article_factory(title="Warga Kirim Karangan Bunga", body=body))
    # only "Kecamatan Karangan" and the capitalised "Sandaran" mid-sentence are places
    assert out["regions_mentioned"] == ["64.08", "64.08.11", "64.08.16"]


def test_kecamatan_shared_by_several_regencies_is_read_inside_the_article_region(article_factory):
    in_kutim = enrich(article_factory(
        title="Jembatan Batu Ampar Nyaris Ambruk",
        body="BATU AMPAR – Warga Batu Ampar, Kutim, menuntut perbaikan jembatan desa."))
    assert in_kutim["region_code"] == "64.08"
    assert "64.08.17" in in_kutim["regions_mentioned"]

    nowhere = enrich(article_factory(
        title="Jembatan Desa Nyaris Ambruk",
        body="Warga Batu Ampar menuntut perbaikan jembatan desa yang nyaris ambruk."))
    # five regencies have a Kecamatan Batu Ampar: without context it cannot be told
    assert nowhere["regions_mentioned"] == []
    assert nowhere["region_code"] is None


def test_province_story_filed_in_the_capital_is_about_the_province(article_factory):
    body = ("SAMARINDA – Pemerintah Provinsi Kalimantan Timur menyalurkan beasiswa kepada 12 ribu "
            "mahasiswa. Kepala Biro Kesra Setdaprov Kaltim, Dasmiah, menyebut pendaftar terbanyak "
            "berasal dari Samarinda dan Balikpapan.")
    out = enrich(article_factory(title="Pemprov Kaltim Salurkan Beasiswa", body=body))
    assert out["region_code"] == "64"
    assert out["region_name"] == "Kalimantan Timur"


def test_story_filed_in_the_capital_about_a_regency_goes_to_that_regency(article_factory):
    body = ("SAMARINDA – Pemkab Kutim kembali meraih opini WTP. Laporan hasil pemeriksaan "
            "diserahkan BPK Perwakilan Kalimantan Timur di Samarinda.")
    out = enrich(article_factory(title="Pemkab Kutim Raih WTP", body=body))
    assert (out["region_code"], out["region_source"]) == ("64.08", "title")


def test_bare_city_name_is_the_kota_unless_the_article_names_the_kabupaten(article_factory):
    city = enrich(article_factory(title="Macet Parah", body="MALANG – Jalan Ijen macet parah."))
    assert city["region_code"] == "35.73"  # Kota Malang
    regency = enrich(article_factory(
        title="Longsor Tutup Jalan",
        body="MALANG – Longsor menutup jalan antarkecamatan di Kabupaten Malang. Malang sekali."))
    assert regency["region_code"] == "35.07"


def test_portal_profile_decides_when_the_page_gives_no_region(article_factory, monkeypatch):
    class Home:
        region_code = "64.08"

    monkeypatch.setattr(profiles, "for_site", lambda site: Home() if site == "kutim.test" else None)
    body = "Harga cabai rawit di pasar naik hingga Rp90 ribu per kilogram, kata pedagang."
    out = enrich(article_factory(title="Harga Cabai Naik", body=body, site="kutim.test"))
    assert (out["region_code"], out["region_source"]) == ("64.08", "profile")

    # ...but a dateline from elsewhere says the story is elsewhere
    body = "SAMARINDA – Pemkot Samarinda menambah tiga taman kota di bekas lahan tambang."
    out = enrich(article_factory(title="Taman Kota Baru", body=body, site="kutim.test"))
    assert (out["region_code"], out["region_source"]) == ("64.72", "dateline")


def test_province_breadcrumb_is_narrowed_to_a_regency_by_the_body(article_factory):
    body = ("Pemprov Kaltim meresmikan jalan tembus yang menghubungkan Muara Wahau dan Kongbeng "
            "di Kutai Timur.")
    out = enrich(article_factory(title="Jalan Tembus Diresmikan", body=body,
                                 breadcrumb=["KALIMANTAN TIMUR"]))
    assert (out["region_code"], out["region_source"]) == ("64.08", "body")
    assert "64.08.08" in out["regions_mentioned"]  # Kongbeng, spelled Kombeng by Kemendagri


def test_url_category_names_the_region(article_factory):
    out = enrich(article_factory(
        title="Harga Sawit Naik", body="Harga tandan buah segar naik pekan ini.",
        url="https://portal.test/kutai-timur/2024/10/harga-sawit-naik/"))
    assert (out["region_code"], out["region_source"]) == ("64.08", "url")


def test_no_region_at_all_leaves_the_fields_empty(article_factory):
    out = enrich(article_factory(title="Tips Menyimpan Beras",
                                 body="Simpan beras di wadah tertutup agar tidak berkutu."))
    assert [out[k] for k in ("region_code", "region_name", "province_code", "region_source")] == [None] * 4
    assert out["regions_mentioned"] == []


def test_region_names_are_the_names_users_search_for():
    from kutim_corpus.enrich.gazetteer import gazetteer

    places = gazetteer().places
    assert places["64.08"].display_name == "Kutai Timur"
    assert places["33.74"].display_name == "Kota Semarang"  # not to be confused with Kabupaten Semarang
    assert places["33.22"].display_name == "Semarang"
    assert places["64"].display_name == "Kalimantan Timur"
