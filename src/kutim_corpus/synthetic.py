"""Synthetic Kaltim news: schema-valid article records and whole portal pages, for tests and benches.

Everything here is fictional and written for this project: portal hosts, people, quotes and
sentences. Region codes and agency names are facts from ../shared/data (Kemendagri wilayah,
agencies.tsv; see src/kutim_corpus/data/NOTICE.md).

    synthetic_records(n, seed)  -> schema-valid article dicts (what `kutim build` should produce)
    synthetic_stories(n, seed)  -> Story objects, the common source of records and pages
    render_page(story, kind)    -> bytes of a whole page as a portal serves it (see TEMPLATES)
    synthetic_pages(n, seed)    -> SyntheticPage items (articles, a few listings and duplicates)

The same seed always gives the same output, byte for byte.
"""

from __future__ import annotations

import hashlib
import html
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from functools import cache
from typing import Any

from kutim_corpus import schema

WIB = timezone(timedelta(hours=7))
WITA = timezone(timedelta(hours=8))

# --- places ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Region:
    code: str
    name: str  # official name (Kemendagri)
    short: str  # as news writes it after an agency: "DP3A Kutim"
    datelines: tuple[str, ...]
    districts: tuple[str, ...]

    @property
    def province_code(self) -> str:
        return self.code[:2]


PROVINCES = {"64": "Kalimantan Timur", "62": "Kalimantan Tengah", "63": "Kalimantan Selatan", "65": "Kalimantan Utara"}

KUTIM = Region(
    "64.08", "Kutai Timur", "Kutim", ("SANGATTA", "KUTIM", "MUARA WAHAU", "SANGKULIRANG", "BENGALON"),
    ("Sangatta Utara", "Sangatta Selatan", "Muara Wahau", "Sangkulirang", "Bengalon", "Rantau Pulung",
     "Teluk Pandan", "Kaliorang", "Kaubun", "Muara Ancalong", "Busang", "Long Mesangat", "Batu Ampar",
     "Karangan", "Sandaran", "Telen", "Muara Bengkal"),
)
KALTIM_REGIONS = (
    Region("64.02", "Kutai Kartanegara", "Kukar", ("TENGGARONG", "KUKAR"), ("Tenggarong", "Loa Kulu", "Muara Badak", "Sebulu", "Anggana")),
    Region("64.72", "Samarinda", "Samarinda", ("SAMARINDA",), ("Samarinda Ulu", "Sungai Kunjang", "Palaran", "Loa Janan Ilir")),
    Region("64.71", "Balikpapan", "Balikpapan", ("BALIKPAPAN",), ("Balikpapan Utara", "Balikpapan Timur", "Balikpapan Selatan")),
    Region("64.74", "Bontang", "Bontang", ("BONTANG",), ("Bontang Utara", "Bontang Selatan", "Bontang Barat")),
    Region("64.03", "Berau", "Berau", ("TANJUNG REDEB", "BERAU"), ("Tanjung Redeb", "Gunung Tabur", "Talisayan", "Sambaliung")),
    Region("64.07", "Kutai Barat", "Kubar", ("SENDAWAR", "KUBAR"), ("Barong Tongkok", "Melak", "Linggang Bigung")),
    Region("64.01", "Paser", "Paser", ("TANA PASER",), ("Tanah Grogot", "Long Ikis", "Batu Sopang")),
    Region("64.09", "Penajam Paser Utara", "PPU", ("PENAJAM",), ("Penajam", "Sepaku", "Waru")),
)
OTHER_REGIONS = (
    Region("62.02", "Kotawaringin Timur", "Kotim", ("SAMPIT",), ("Mentawa Baru Ketapang", "Baamang")),
    Region("63.71", "Banjarmasin", "Banjarmasin", ("BANJARMASIN",), ("Banjarmasin Tengah", "Banjarmasin Utara")),
    Region("65.71", "Tarakan", "Tarakan", ("TARAKAN",), ("Tarakan Barat", "Tarakan Timur")),
)

# --- portals ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    host: str
    name: str
    template: str  # "jnews" | "generatepress" | "php"
    zone: str  # zone the portal prints: "WIB" or "WITA"
    home_region: Region | None  # a Kutim portal writes mostly about Kutim


SITES = (
    Site("kutimterkini.id", "Kutim Terkini", "jnews", "WIB", KUTIM),
    Site("sangattapos.com", "Sangatta Pos", "generatepress", "WITA", KUTIM),
    Site("warta-kutim.co.id", "Warta Kutim", "php", "WITA", KUTIM),
    Site("beritakutai.net", "Berita Kutai", "jnews", "WITA", KUTIM),
    Site("kutimnews.id", "Kutim News", "generatepress", "WIB", KUTIM),
    Site("suarasangatta.com", "Suara Sangatta", "php", "WIB", KUTIM),
    Site("kaltimhariini.id", "Kaltim Hari Ini", "jnews", "WITA", None),
    Site("etamnews.co.id", "Etam News", "generatepress", "WITA", None),
    Site("mahakampost.com", "Mahakam Post", "php", "WITA", None),
    Site("borneoupdate.id", "Borneo Update", "jnews", "WIB", None),
    Site("lensakaltim.net", "Lensa Kaltim", "generatepress", "WITA", None),
    Site("benuaetam.com", "Benua Etam", "php", "WITA", None),
    Site("tribunmahakam.id", "Tribun Mahakam", "jnews", "WIB", None),
    Site("kalimantanpos.co.id", "Kalimantan Pos", "generatepress", "WIB", None),
)

# --- agencies (full names as in agencies.tsv) ------------------------------------------------

AGENCIES = {
    "DP3A": "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
    "BPBD": "Badan Penanggulangan Bencana Daerah",
    "Dinkes": "Dinas Kesehatan",
    "Disdikbud": "Dinas Pendidikan dan Kebudayaan",
    "DPRD": "Dewan Perwakilan Rakyat Daerah",
    "Pemkab": "Pemerintah Kabupaten",
    "DPUPR": "Dinas Pekerjaan Umum dan Penataan Ruang",
    "DLH": "Dinas Lingkungan Hidup",
    "Dinsos": "Dinas Sosial",
    "Disdukcapil": "Dinas Kependudukan dan Pencatatan Sipil",
    "Bappeda": "Badan Perencanaan Pembangunan Daerah",
    "DPMD": "Dinas Pemberdayaan Masyarakat dan Desa",
}

# --- people ----------------------------------------------------------------------------------

FIRST_NAMES = (
    "Andi", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gunawan", "Hendra", "Irma", "Joko", "Kartini",
    "Lukman", "Mulyadi", "Nurhayati", "Oktavia", "Purnomo", "Rahmat", "Siti", "Taufik", "Umi",
    "Wahyudi", "Yuliani", "Zainal", "Ardiansyah", "Herlina", "Syamsuddin", "Agustina", "Ridwan",
    "Marlina", "Sudarman", "Anisa", "Bambang", "Rosmini", "Darmawan", "Sri", "Ilham",
)
LAST_NAMES = (
    "Saputra", "Lestari", "Hidayat", "Wulandari", "Pratama", "Rahayu", "Setiawan", "Permata",
    "Nugroho", "Kusuma", "Hasanah", "Syahputra", "Maulana", "Anggraini", "Firmansyah", "Handayani",
    "Sembiring", "Pakpahan", "Lahang", "Ladjar", "Ngau", "Juk", "Tanjung", "Effendi", "Yusuf",
)
PREFIXES = ("", "", "", "", "dr. ", "Ir. ", "Drs. ", "H. ", "Hj. ")
QUOTE_VERBS = ("ujar", "kata", "jelas", "ungkap", "tutur", "sebut", "imbuh")
CLOSING_QUOTE_VERBS = ("tegasnya", "pungkasnya", "ujarnya", "katanya", "tutupnya", "jelasnya")

# --- topics ----------------------------------------------------------------------------------
# Slots: {R} region short name ("Kutim"), {RN} official region name, {A} agency acronym,
# {AN} agency full name, {D} a district, {D2} another district, {N} a number, {P} a percentage,
# {Y} the story's year, {M} a month name, {V} a village.


@dataclass(frozen=True)
class Topic:
    key: str
    section: str
    agency: str
    roles: tuple[str, ...]
    tags: tuple[str, ...]
    titles: tuple[str, ...]
    leads: tuple[str, ...]
    sentences: tuple[str, ...]
    quotes: tuple[str, ...]


TOPICS = (
    Topic(
        "perlindungan-anak", "Pemerintahan", "DP3A", ("Kepala", "Sekretaris", "Kabid Perlindungan Anak"),
        ("perlindungan anak", "DP3A", "kekerasan anak", "kabupaten layak anak"),
        ("{A} {R} Perkuat Perlindungan Anak di {D}", "Kasus Kekerasan Anak di {R} Jadi Perhatian {A}",
         "{A} {R} Sosialisasikan Perlindungan Anak ke {N} Sekolah", "Menuju Kabupaten Layak Anak, {A} {R} Gandeng Desa",
         "Perlindungan Perempuan dan Anak, {A} {R} Siapkan Rumah Aman", "{A} {R} Bentuk Satgas Perlindungan Anak Tingkat Desa"),
        ("{AN} ({A}) {R} terus memperkuat upaya perlindungan anak hingga ke tingkat desa.",
         "{AN} ({A}) {R} menggelar sosialisasi pencegahan kekerasan terhadap anak di Kecamatan {D}.",
         "Upaya perlindungan perempuan dan anak kembali menjadi fokus {AN} ({A}) {R} tahun {Y}."),
        ("Sepanjang tahun {Y}, {A} mencatat {N} laporan kasus kekerasan terhadap anak yang ditangani bersama aparat terkait.",
         "Sebagian besar kasus terjadi di lingkungan rumah dan dilakukan oleh orang yang dikenal korban.",
         "{A} juga menyiapkan layanan pendampingan psikologis bagi korban dan keluarganya.",
         "Program Kabupaten Layak Anak menuntut keterlibatan desa, sekolah, dan organisasi masyarakat.",
         "Forum anak di {D} dilibatkan agar suara anak didengar dalam perencanaan pembangunan desa.",
         "Pelatihan bagi guru dan kader posyandu diberikan supaya tanda-tanda kekerasan bisa dikenali lebih awal.",
         "Masyarakat diminta tidak ragu melapor melalui layanan pengaduan yang dibuka setiap hari.",
         "Pendataan anak tanpa akta kelahiran juga dilakukan bersama Disdukcapil agar hak dasar anak terpenuhi.",
         "Rumah aman sementara disiapkan untuk korban yang membutuhkan perlindungan dari pelaku.",
         "Peraturan daerah tentang perlindungan perempuan dan anak masih dibahas bersama DPRD."),
        ("Kami ingin setiap desa punya satgas perlindungan anak, sehingga laporan bisa ditangani secepatnya",
         "Anak-anak harus merasa aman di rumah, di sekolah, dan di lingkungan tempat mereka bermain",
         "Kasus yang terungkap mungkin hanya sebagian kecil, karena masih banyak keluarga yang enggan melapor",
         "Kami tidak bisa bekerja sendiri, perlu dukungan semua pihak mulai dari RT sampai kecamatan",
         "Pendampingan korban tidak berhenti di pengadilan, pemulihan anak tetap kami kawal"),
    ),
    Topic(
        "banjir", "Peristiwa", "BPBD", ("Kepala Pelaksana", "Kabid Kedaruratan dan Logistik", "Sekretaris"),
        ("banjir", "BPBD", "bencana", "cuaca ekstrem"),
        ("Banjir Rendam {N} Rumah di {D}, {A} {R} Dirikan Posko", "{A} {R} Siagakan Personel Hadapi Banjir Kiriman",
         "Sungai Meluap, Warga {D} Dievakuasi {A} {R}", "Banjir Surut, {A} {R} Salurkan Bantuan Logistik ke {D}",
         "Antisipasi Banjir, {A} {R} Petakan Wilayah Rawan di {D} dan {D2}", "Hujan Deras Semalaman, Banjir Kembali Genangi {D}"),
        ("{AN} ({A}) {R} mendirikan posko darurat setelah banjir merendam permukiman warga di Kecamatan {D}.",
         "Hujan deras yang mengguyur sejak malam membuat sungai di Kecamatan {D} meluap dan merendam rumah warga.",
         "{AN} ({A}) {R} meningkatkan kesiagaan menghadapi potensi banjir di sejumlah kecamatan."),
        ("Ketinggian air sempat mencapai {N} sentimeter di beberapa titik permukiman.",
         "Sebanyak {N} kepala keluarga terdampak dan sebagian mengungsi ke rumah kerabat.",
         "Tim gabungan menggunakan perahu karet untuk mengevakuasi warga lanjut usia dan anak-anak.",
         "Bantuan berupa beras, mi instan, air bersih, dan selimut disalurkan ke posko pengungsian.",
         "{A} terus memantau debit sungai bersama petugas di hulu untuk memberi peringatan dini.",
         "Akses jalan menuju {D2} sempat terputus karena tergenang air setinggi lutut orang dewasa.",
         "Petugas kesehatan dari puskesmas setempat membuka layanan pemeriksaan bagi pengungsi.",
         "Warga diimbau membersihkan saluran air dan tidak membuang sampah ke sungai.",
         "Curah hujan tinggi diperkirakan masih terjadi hingga akhir bulan {M}.",
         "Pendataan kerusakan rumah dan fasilitas umum dilakukan setelah air mulai surut."),
        ("Kami sudah menyiagakan personel dan perahu di titik rawan, warga jangan ragu menghubungi posko",
         "Air mulai surut, tetapi kami minta warga tetap waspada karena hujan masih turun di hulu",
         "Kebutuhan paling mendesak saat ini adalah air bersih dan makanan siap saji",
         "Banjir seperti ini hampir setiap tahun terjadi, jadi penanganan jangka panjang harus disiapkan"),
    ),
    Topic(
        "kesehatan", "Kesehatan", "Dinkes", ("Kepala", "Sekretaris", "Kabid Kesehatan Masyarakat"),
        ("kesehatan", "stunting", "posyandu", "Dinkes"),
        ("Angka Stunting di {R} Turun, {A} Genjot Posyandu", "{A} {R} Gelar Imunisasi Serentak di {N} Puskesmas",
         "Layanan Kesehatan Terpencil, {A} {R} Kirim Tim ke {D}", "{A} {R} Ingatkan Warga Waspada Demam Berdarah",
         "Puskesmas {D} Kini Layani Persalinan 24 Jam"),
        ("{AN} ({A}) {R} menargetkan penurunan angka stunting melalui penguatan posyandu di setiap desa.",
         "{AN} ({A}) {R} menggelar pekan imunisasi serentak di seluruh puskesmas.",
         "Pelayanan kesehatan bagi warga di wilayah terpencil Kecamatan {D} menjadi perhatian {AN} ({A}) {R}."),
        ("Prevalensi stunting tercatat turun menjadi {P} persen berdasarkan survei terakhir.",
         "Kader posyandu mendapat pelatihan pengukuran tinggi dan berat badan balita yang benar.",
         "Pemberian makanan tambahan bagi ibu hamil dan balita dilakukan setiap bulan.",
         "Kasus demam berdarah meningkat saat musim hujan sehingga pemberantasan sarang nyamuk digencarkan.",
         "Tenaga kesehatan di {D} masih terbatas, sehingga dokter dari rumah sakit daerah dikirim secara bergilir.",
         "Cakupan imunisasi dasar lengkap ditargetkan mencapai {P} persen tahun ini.",
         "Warga diminta membawa kartu identitas dan kartu BPJS saat berobat ke puskesmas.",
         "Ambulans desa disiapkan untuk rujukan pasien dari kampung yang jauh dari fasilitas kesehatan."),
        ("Stunting bukan hanya soal gizi, tetapi juga air bersih, sanitasi, dan pola asuh",
         "Kami ingin tidak ada lagi ibu yang melahirkan tanpa pertolongan tenaga kesehatan",
         "Imunisasi itu aman dan gratis, jadi orang tua tidak perlu khawatir"),
    ),
    Topic(
        "pendidikan", "Pendidikan", "Disdikbud", ("Kepala", "Sekretaris", "Kabid Pembinaan SD"),
        ("pendidikan", "sekolah", "guru", "Disdikbud"),
        ("{A} {R} Salurkan Bantuan Seragam untuk {N} Siswa", "Guru Honorer di {R} Terima Insentif, {A} Pastikan Tepat Waktu",
         "Sekolah Rusak di {D} Segera Diperbaiki {A} {R}", "{A} {R} Dorong Literasi Lewat Perpustakaan Desa",
         "Penerimaan Murid Baru, {A} {R} Buka Layanan Pengaduan"),
        ("{AN} ({A}) {R} menyalurkan bantuan perlengkapan sekolah bagi siswa dari keluarga kurang mampu.",
         "{AN} ({A}) {R} memastikan insentif guru honorer dibayarkan sebelum akhir bulan {M}.",
         "Perbaikan ruang kelas yang rusak di Kecamatan {D} menjadi prioritas {AN} ({A}) {R}."),
        ("Sebanyak {N} ruang kelas dilaporkan rusak ringan hingga berat.",
         "Anggaran bantuan operasional sekolah daerah dinaikkan untuk mendukung kegiatan belajar.",
         "Guru di daerah terpencil mendapat tunjangan khusus sesuai kemampuan keuangan daerah.",
         "Program literasi melibatkan perpustakaan desa dan taman baca masyarakat.",
         "Sekolah di {D} masih kekurangan guru mata pelajaran matematika dan bahasa Inggris.",
         "Orang tua diminta aktif mendampingi anak belajar di rumah.",
         "Pendaftaran murid baru dilakukan secara daring dan luring untuk menjangkau warga di pedalaman."),
        ("Pendidikan adalah investasi jangka panjang, tidak boleh ada anak yang putus sekolah karena biaya",
         "Guru honorer adalah tulang punggung sekolah kita, hak mereka harus dibayar tepat waktu",
         "Kami sudah menyurati kepala sekolah agar data kerusakan dikirim paling lambat pekan depan"),
    ),
    Topic(
        "dprd", "Politik", "DPRD", ("Ketua", "Wakil Ketua", "Anggota Komisi B", "Ketua Komisi D"),
        ("DPRD", "APBD", "rapat paripurna", "raperda"),
        ("{A} {R} Setujui Raperda Perlindungan Lingkungan", "Rapat Paripurna {A} {R} Bahas APBD Perubahan {Y}",
         "Reses di {D}, Anggota {A} {R} Tampung Aspirasi Jalan Rusak", "{A} {R} Minta Pemkab Percepat Realisasi Anggaran",
         "Komisi D {A} {R} Tinjau Layanan Rumah Sakit"),
        ("{AN} ({A}) {R} menggelar rapat paripurna membahas rancangan peraturan daerah.",
         "Anggota {AN} ({A}) {R} menyerap aspirasi warga saat reses di Kecamatan {D}.",
         "{AN} ({A}) {R} meminta pemerintah daerah mempercepat realisasi anggaran tahun {Y}."),
        ("Rapat dihadiri {N} anggota dewan dan perwakilan pemerintah daerah.",
         "Warga menyampaikan keluhan soal jalan rusak, air bersih, dan penerangan jalan.",
         "Realisasi belanja daerah hingga bulan {M} baru mencapai {P} persen.",
         "Seluruh fraksi menyampaikan pandangan umum terhadap rancangan peraturan daerah tersebut.",
         "Dewan berjanji memperjuangkan usulan warga dalam pembahasan anggaran berikutnya.",
         "Pansus dibentuk untuk mendalami rancangan peraturan sebelum disahkan."),
        ("Aspirasi warga akan kami kawal sampai masuk dalam anggaran",
         "Serapan anggaran yang rendah merugikan masyarakat, kami minta OPD bergerak lebih cepat",
         "Peraturan ini penting agar ada kepastian hukum bagi masyarakat"),
    ),
    Topic(
        "jalan", "Pembangunan", "DPUPR", ("Kepala", "Kabid Bina Marga", "Sekretaris"),
        ("infrastruktur", "jalan", "DPUPR", "pembangunan"),
        ("Jalan Poros {D}-{D2} Mulai Diperbaiki", "{A} {R} Target Peningkatan Jalan {N} Kilometer Tahun {Y}",
         "Warga {D} Keluhkan Jalan Berlubang, {A} {R} Turunkan Alat Berat", "Jembatan Penghubung {D} Rampung Dikerjakan"),
        ("{AN} ({A}) {R} mulai memperbaiki ruas jalan poros yang menghubungkan Kecamatan {D} dan {D2}.",
         "{AN} ({A}) {R} menargetkan peningkatan jalan sepanjang {N} kilometer pada tahun {Y}."),
        ("Kerusakan jalan diperparah oleh kendaraan angkutan bermuatan berat.",
         "Pengerjaan dilakukan bertahap karena keterbatasan anggaran.",
         "Drainase di sisi jalan juga dibangun agar badan jalan tidak cepat rusak saat hujan.",
         "Pengendara diminta berhati-hati saat melintas di lokasi pekerjaan.",
         "Jembatan baru memangkas waktu tempuh warga menuju pusat kecamatan.",
         "Kontraktor diminta menyelesaikan pekerjaan sesuai kontrak dan spesifikasi teknis."),
        ("Kami prioritaskan ruas yang paling banyak dilalui warga dan angkutan hasil kebun",
         "Kalau cuaca mendukung, pekerjaan ini selesai sebelum akhir tahun"),
    ),
    Topic(
        "pemerintahan", "Pemerintahan", "Pemkab", ("Bupati", "Wakil Bupati", "Sekda", "Asisten Pemerintahan"),
        ("Pemkab", "pelayanan publik", "pemerintahan", "desa"),
        ("Pemkab {R} Dorong Inovasi Pelayanan Publik di {D}", "Bupati Serahkan Bantuan Keuangan untuk {N} Desa",
         "Pemkab {R} Evaluasi Kinerja Perangkat Daerah Semester Pertama", "Pelayanan Terpadu Dibuka di Kantor Camat {D}"),
        ("{AN} {RN} ({A} {R}) terus mendorong inovasi pelayanan publik hingga ke tingkat kecamatan.",
         "{AN} {RN} ({A} {R}) menyerahkan bantuan keuangan kepada pemerintah desa di Kecamatan {D}."),
        ("Bantuan keuangan desa digunakan untuk pembangunan sarana dan pemberdayaan masyarakat.",
         "Pelayanan administrasi kependudukan kini bisa dilakukan di kantor kecamatan.",
         "Evaluasi kinerja dilakukan terhadap {N} perangkat daerah.",
         "Camat dan kepala desa diminta hadir langsung melayani warga.",
         "Pemerintah daerah menyiapkan aplikasi pengaduan yang bisa diakses dari telepon genggam."),
        ("Pelayanan harus cepat, mudah, dan tidak berbelit-belit",
         "Dana desa harus dipakai sesuai kebutuhan warga, bukan keinginan segelintir orang"),
    ),
)

# Sentences any story can use (slots as above).
COMMON_SENTENCES = (
    "Kegiatan tersebut dihadiri camat, kepala desa, dan tokoh masyarakat setempat.",
    "Pemerintah daerah berkomitmen melanjutkan program ini pada tahun anggaran berikutnya.",
    "Koordinasi lintas perangkat daerah dinilai penting agar hasilnya dirasakan langsung oleh warga.",
    "Warga Desa {V} menyambut baik kegiatan tersebut dan berharap dilakukan secara rutin.",
    "Anggaran kegiatan bersumber dari APBD {R} tahun {Y}.",
    "Evaluasi akan dilakukan setiap tiga bulan untuk melihat capaian di lapangan.",
    "Pihaknya juga menggandeng perusahaan yang beroperasi di wilayah {R} melalui program tanggung jawab sosial.",
    "Data yang terkumpul akan menjadi dasar penyusunan rencana kerja tahun depan.",
    "Sejumlah kendala masih ditemui, terutama jarak tempuh dan akses jalan menuju desa terpencil.",
    "Kegiatan serupa sebelumnya sudah digelar di Kecamatan {D2} dan mendapat respons positif.",
    "Informasi lebih lanjut dapat diperoleh melalui kantor kecamatan atau media sosial resmi pemerintah daerah.",
    "Rapat koordinasi digelar di ruang pertemuan kantor bupati pada pekan lalu.",
    "Hingga bulan {M}, capaian program tercatat sekitar {P} persen dari target.",
    "Selain itu, petugas juga melakukan pendataan ulang agar bantuan tepat sasaran.",
    "Masyarakat diharapkan ikut mengawasi pelaksanaan kegiatan agar berjalan transparan.",
    "Menurutnya, keberhasilan program sangat bergantung pada dukungan pemerintah desa dan partisipasi warga di setiap RT.",
    "Ia menambahkan, pemerintah daerah sudah menyiapkan petunjuk teknis agar pelaksanaan di lapangan seragam di semua kecamatan.",
    "Pertemuan itu juga membahas pembagian tugas antara dinas, kecamatan, dan pemerintah desa.",
    "Beberapa kepala desa mengusulkan agar kegiatan serupa dilaksanakan lebih sering karena kebutuhan warga terus bertambah.",
    "Pemerintah daerah akan menyampaikan laporan capaian program kepada DPRD dalam rapat kerja berikutnya.",
    "Dalam kesempatan itu, perwakilan warga dari Desa {V} menyampaikan sejumlah usulan yang langsung dicatat petugas.",
    "Jarak antara pusat kabupaten dan desa terjauh bisa ditempuh lebih dari enam jam perjalanan darat.",
    "Untuk menjangkau kampung di pedalaman, petugas kadang harus menggunakan perahu ketinting menyusuri sungai.",
    "Tahun lalu, program serupa menjangkau {N} keluarga di tujuh kecamatan.",
    "Pihaknya memastikan seluruh tahapan kegiatan terdokumentasi dan bisa diperiksa oleh inspektorat.",
    "Keterbatasan sinyal telepon di beberapa desa membuat pelaporan data masih dilakukan secara manual.",
    "Sosialisasi juga dilakukan melalui radio komunitas dan grup percakapan warga agar informasi cepat menyebar.",
    "Pemerintah provinsi Kalimantan Timur turut memberikan dukungan melalui bantuan keuangan khusus.",
    "Ia berharap kerja sama dengan perguruan tinggi di Samarinda dapat memperkuat kajian sebelum kebijakan diambil.",
    "Petugas lapangan diminta aktif mendatangi rumah warga yang belum terjangkau layanan.",
    "Kepala Desa {V} mengaku wilayahnya termasuk yang paling membutuhkan perhatian karena aksesnya sulit.",
    "Dari hasil pemantauan, sebagian besar desa sudah menjalankan program sesuai jadwal.",
    "Namun, masih ada {N} laporan yang belum ditindaklanjuti karena kekurangan tenaga.",
    "Pemerintah daerah menargetkan seluruh desa di {R} terjangkau program ini paling lambat tahun {Y}.",
    "Kegiatan ditutup dengan penyerahan bantuan secara simbolis kepada perwakilan warga.",
    "Usai kegiatan, rombongan meninjau langsung kondisi lapangan di Kecamatan {D2}.",
    "Warga yang membutuhkan layanan dapat datang ke kantor dinas pada hari dan jam kerja.",
    "Ia mengingatkan agar tidak ada pungutan apa pun dalam pelaksanaan program tersebut.",
    "Pemerintah daerah juga berencana menambah jumlah petugas pada tahun depan.",
    "Beberapa organisasi kemasyarakatan menyatakan siap membantu pelaksanaan program di tingkat kampung.",
    "Hasil evaluasi semester pertama menunjukkan kemajuan meski belum merata di semua kecamatan.",
    "Kerja sama dengan TNI dan Polri juga dijalin untuk menjangkau wilayah yang sulit diakses.",
    "Dia meminta camat rutin melaporkan perkembangan di wilayah masing-masing setiap bulan.",
    "Program ini sejalan dengan visi pembangunan daerah yang menempatkan pelayanan dasar sebagai prioritas.",
)
SUBJECTS = (
    "Pemerintah daerah", "Pihaknya", "Camat {D}", "Kepala Desa {V}", "Tim dari {A} {R}", "Warga Desa {V}",
    "Perangkat desa di {D2}", "Petugas lapangan", "Sejumlah tokoh masyarakat", "Dinas terkait", "Sekretaris camat",
    "Ketua RT setempat", "Perwakilan perusahaan", "Para kader", "Pendamping desa", "Anggota DPRD dari daerah pemilihan itu",
)
PREDICATES = (
    "akan mengevaluasi pelaksanaan kegiatan setiap tiga bulan", "meminta tambahan anggaran untuk tahun depan",
    "mencatat {N} usulan dari warga", "mengaku kesulitan menjangkau kampung di hulu sungai",
    "berjanji menindaklanjuti laporan warga paling lambat pekan depan", "menyiapkan posko informasi di kantor kecamatan",
    "sudah menyerahkan data penerima kepada dinas", "mendorong warga aktif mengikuti musyawarah desa",
    "menilai koordinasi antarinstansi masih perlu diperbaiki", "membagikan formulir pendaftaran kepada warga",
    "menggelar rapat persiapan sejak awal {M}", "mengusulkan agar jadwal kegiatan disesuaikan dengan musim panen",
    "memastikan tidak ada pungutan dalam layanan tersebut", "mengajak pemuda setempat terlibat sebagai relawan",
    "mengingatkan warga untuk melapor bila menemukan kendala", "menyebut capaian tahun ini sekitar {P} persen",
    "memantau langsung pekerjaan di lapangan", "mengunjungi {N} rumah warga dalam sepekan terakhir",
    "menerima keluhan soal jaringan telepon yang sering putus", "mengirim laporan tertulis kepada bupati",
    "menggandeng puskesmas dan sekolah dalam kegiatan itu", "menambah jadwal pelayanan pada akhir pekan",
    "mengapresiasi partisipasi warga yang cukup tinggi", "meminta warga bersabar karena proses verifikasi masih berjalan",
    "membuka layanan pengaduan melalui pesan singkat", "menyusun jadwal kunjungan ke desa-desa terjauh",
    "mengakui masih ada kekurangan tenaga di lapangan", "mengajukan usulan perbaikan fasilitas kepada pemerintah provinsi",
    "memperkirakan pekerjaan tuntas sebelum akhir {Y}", "mendata ulang warga yang belum terjangkau",
    "menyiapkan pelatihan lanjutan bagi petugas desa", "membahas rencana itu bersama Bappeda",
    "mengingatkan pentingnya menjaga kebersihan lingkungan", "menyalurkan bantuan tahap kedua bulan {M}",
    "mengusulkan pembentukan kelompok kerja di setiap kecamatan", "menargetkan {N} keluarga terlayani",
)
ADJUNCTS = (
    "", "", "", " di Kecamatan {D2}", " sejak awal {M}", " bersama perusahaan setempat", " pada tahun {Y}",
    " di wilayah {R}", " di balai Desa {V}", " menurut data terakhir", " meski cuaca kurang mendukung",
    " dengan dukungan pemerintah provinsi", " secara bertahap",
)
VILLAGES = ("Singa Gembara", "Swarga Bara", "Sangatta Baru", "Teluk Lingga", "Tepian Langsat", "Miau Baru",
            "Wanasari", "Kandolo", "Sepaso", "Manubar", "Rantau Makmur", "Bumi Etam", "Long Lees", "Marah Haloq")
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember")
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
ADVERTORIAL_MARKERS = ("(adv)", "(Adv)", "(Adv-DPRD/Tj)", "(adv/kominfokutim)", "(ADV)")
REPORTER_CODES = ("(SK-04)", "(SK-11)", "(ra/kk)", "(*)", "(RED)", "(MR-02)")
WORD = re.compile(r"\w+")
SPAN = (datetime(2019, 1, 1), datetime(2025, 12, 31))


# --- stories ---------------------------------------------------------------------------------


@dataclass
class Story:
    """One fictional article, before it becomes a page or a record."""

    key: int
    site: Site
    topic: Topic
    region: Region
    url: str
    slug: str
    title: str
    published: datetime  # aware, in the zone the portal works in
    dateline: str
    paragraphs: list[str]
    advertorial_marker: str | None
    closing_code: str | None
    authors: list[str]
    people: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    agencies: list[dict[str, Any]]
    regions_mentioned: list[str]
    tags: list[str]
    breadcrumb: list[str]
    description: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def published_local(self) -> str:
        return self.published.isoformat()


def _person(rng: random.Random) -> str:
    return f"{rng.choice(PREFIXES)}{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _short_name(name: str) -> str:
    """How the second mention names a person: the first name without title ("dr. Anik" style
    keeps the title, as portals do)."""
    parts = name.split()
    return " ".join(parts[:2]) if parts[0].endswith(".") else parts[0]


def _slots(rng: random.Random, topic: Topic, region: Region, year: int) -> dict[str, str]:
    district, other = rng.sample(region.districts, 2) if len(region.districts) > 1 else (region.districts[0],) * 2
    return {
        "R": region.short, "RN": region.name, "A": topic.agency, "AN": AGENCIES[topic.agency],
        "D": district, "D2": other, "N": str(rng.randint(3, 480)), "P": f"{rng.randint(12, 96)}",
        "Y": str(year), "M": rng.choice(MONTHS), "V": rng.choice(VILLAGES),
    }


def _paragraph_count(rng: random.Random) -> int:
    """Most stories 300-600 words; some short notes, some long features."""
    roll = rng.random()
    if roll < 0.1:
        return rng.randint(3, 4)
    if roll < 0.92:
        return rng.randint(8, 13)
    return rng.randint(15, 22)


def _pick_region(rng: random.Random, site: Site) -> Region:
    roll = rng.random()
    if site.home_region is not None and roll < 0.85:
        return site.home_region
    if roll < 0.55:
        return KUTIM
    if roll < 0.93:
        return rng.choice(KALTIM_REGIONS)
    return rng.choice(OTHER_REGIONS)


def _pick_topic(rng: random.Random) -> Topic:
    # perlindungan anak and banjir are over-represented so demo searches find plenty
    roll = rng.random()
    if roll < 0.2:
        return TOPICS[0]
    if roll < 0.4:
        return TOPICS[1]
    return rng.choice(TOPICS)


def _published(rng: random.Random, site: Site, topic: Topic) -> datetime:
    start, end = SPAN
    if topic.key == "banjir" and rng.random() < 0.6:
        start = datetime(2024, 1, 1)
    minutes = rng.randrange(int((end - start).total_seconds() // 60))
    naive = start + timedelta(minutes=minutes)
    return naive.replace(second=0, tzinfo=WIB if site.zone == "WIB" else WITA)


def _filler(rng: random.Random, fill: dict[str, str], count: int) -> list[str]:
    """Background sentences: half from the common pool, half composed (subject + predicate +
    adjunct), so unrelated stories share few word sequences."""
    common = rng.sample(COMMON_SENTENCES, min(count // 2, len(COMMON_SENTENCES)))
    composed = [f"{rng.choice(SUBJECTS)} {rng.choice(PREDICATES)}{rng.choice(ADJUNCTS)}." for _ in range(count - len(common))]
    sentences = [s.format(**fill) for s in common + composed]
    rng.shuffle(sentences)
    return sentences


def _story_text(rng: random.Random, topic: Topic, region: Region, year: int, dateline: str):
    """Paragraphs, people and quotes of a story."""
    fill = _slots(rng, topic, region, year)
    official = _person(rng)
    role = rng.choice(topic.roles)
    affiliation = f"{topic.agency} {region.short}"
    speaker = _short_name(official)
    people = [{"name": official, "role": role, "affiliation": affiliation}]
    quotes = []

    topic_pool = [s.format(**fill) for s in topic.sentences]
    rng.shuffle(topic_pool)
    pool = _filler(rng, fill, 40)
    pool = pool[12:] + topic_pool[1:] + pool[:12]  # popped from the end: topic sentences early
    lead = f"{dateline} – " + rng.choice(topic.leads).format(**fill) + " " + topic_pool[0]
    intro = f"{role} {affiliation}, {official}, menyampaikan hal itu saat ditemui di kantornya, {rng.choice(DAYS)} ({rng.randint(1, 28)}/{rng.randint(1, 12)}/{year})."
    paragraphs = [lead, intro]
    quote_pool = list(topic.quotes)
    rng.shuffle(quote_pool)
    count = _paragraph_count(rng)
    camat_at = 3 if count > 5 and rng.random() < 0.5 else -1
    for index in range(2, count):
        if index == camat_at:
            second, text = _person(rng), "Kami mendukung penuh program ini dan siap menggerakkan warga di kecamatan"
            people.append({"name": second, "role": f"Camat {fill['D']}", "affiliation": None})
            paragraphs.append(f"Camat {fill['D']}, {second}, menyambut baik langkah tersebut. “{text},” kata {_short_name(second)}.")
            quotes.append({"speaker": second, "text": text})
        elif len(quote_pool) > 1 and index % 3 == 0:
            text = quote_pool.pop()
            paragraphs.append(f"“{text},” {rng.choice(QUOTE_VERBS)} {speaker}.")
            quotes.append({"speaker": official, "text": text})
        else:
            if len(pool) < 5:  # only the long features run out of sentences
                pool = _filler(rng, _slots(rng, topic, region, year), 40) + pool
            paragraphs.append(" ".join(pool.pop() for _ in range(rng.randint(3, 5))))
    if len(paragraphs) > 2 and quote_pool:
        text = quote_pool.pop()
        paragraphs.append(f"“{text},” {rng.choice(CLOSING_QUOTE_VERBS)}.")
        quotes.append({"speaker": official, "text": text})
    return paragraphs, people, quotes, fill


def make_story(rng: random.Random, key: int) -> Story:
    """One story drawn from ``rng`` (deterministic for the rng's state)."""
    site = rng.choice(SITES)
    topic = _pick_topic(rng)
    region = _pick_region(rng, site)
    published = _published(rng, site, topic)
    dateline = rng.choice(region.datelines)
    paragraphs, people, quotes, fill = _story_text(rng, topic, region, published.year, dateline)
    title = rng.choice(topic.titles).format(**fill)
    advertorial = rng.random() < 0.15
    marker = rng.choice(ADVERTORIAL_MARKERS) if advertorial else None
    code = None if advertorial else (rng.choice(REPORTER_CODES) if rng.random() < 0.5 else None)
    if marker or code:
        paragraphs[-1] = f"{paragraphs[-1]} {marker or code}"
    slug = "-".join(title.lower().replace(",", "").split())[:90].strip("-")
    url = _story_url(site, published, slug, key)
    acronym = topic.agency
    mention = f"{AGENCIES[acronym]} {region.name}" if acronym == "Pemkab" else f"{AGENCIES[acronym]} ({acronym})"
    level = "regency"
    agencies = [{"acronym": acronym, "name": AGENCIES[acronym], "level": level, "region_code": region.code, "mention": mention}]
    province = region.province_code
    mentioned = sorted({region.code, province})
    province_name = PROVINCES[province]
    breadcrumb = [province_name.upper(), region.name] if rng.random() < 0.6 else [topic.section]
    return Story(
        key=key, site=site, topic=topic, region=region, url=url, slug=slug, title=title, published=published,
        dateline=dateline, paragraphs=paragraphs, advertorial_marker=marker, closing_code=code,
        authors=[_person(rng).removeprefix("dr. ").removeprefix("H. ")] if rng.random() < 0.7 else [],
        people=people, quotes=quotes, agencies=agencies, regions_mentioned=mentioned,
        tags=rng.sample(topic.tags, rng.randint(2, len(topic.tags))) + [region.short],
        breadcrumb=breadcrumb, description=paragraphs[0].split(" – ", 1)[-1][:160],
    )


def _story_url(site: Site, published: datetime, slug: str, key: int) -> str:
    if site.template == "php":
        return f"https://{site.host}/berita/{key}/{slug}.html"
    return f"https://{site.host}/{published:%Y/%m/%d}/{slug}-{key}/"


REPOST_RATE = 0.04  # press releases re-posted by another portal: the near-duplicates clusters find


def repost(rng: random.Random, original: Story, key: int) -> Story:
    """The same press release on another portal, hours later: another dateline and title, one
    middle paragraph dropped. ``extra["repost_of"]`` keeps the original's key (ground truth)."""
    site = rng.choice([s for s in SITES if s.host != original.site.host])
    published = (original.published + timedelta(minutes=rng.randint(30, 48 * 60))).astimezone(WIB if site.zone == "WIB" else WITA)
    datelines = [d for d in original.region.datelines if d != original.dateline] or [original.dateline]
    dateline = rng.choice(datelines)
    paragraphs = list(original.paragraphs)
    paragraphs[0] = dateline + paragraphs[0][len(original.dateline):]
    del paragraphs[rng.randrange(2, len(paragraphs) - 1)]
    title = rng.choice([t for t in original.topic.titles if t != original.extra.get("title_template")] or original.topic.titles)
    fill = _slots(rng, original.topic, original.region, published.year)
    title = title.format(**fill)
    slug = "-".join(title.lower().replace(",", "").split())[:90].strip("-")
    return Story(
        key=key, site=site, topic=original.topic, region=original.region, url=_story_url(site, published, slug, key),
        slug=slug, title=title, published=published, dateline=dateline, paragraphs=paragraphs,
        advertorial_marker=original.advertorial_marker, closing_code=original.closing_code, authors=[],
        people=original.people, quotes=[q for q in original.quotes if f"“{q['text']}," in "\n\n".join(paragraphs)],
        agencies=original.agencies, regions_mentioned=original.regions_mentioned, tags=original.tags,
        breadcrumb=original.breadcrumb, description=original.description, extra={"repost_of": original.key},
    )


def synthetic_stories(n: int, seed: int = 0) -> Iterator[Story]:
    """``n`` stories; about 4% re-post a recent story (>= 8 paragraphs) on another portal."""
    rng = random.Random(seed)
    recent: list[Story] = []
    for key in range(n):
        if recent and rng.random() < REPOST_RATE:
            story = repost(rng, rng.choice(recent), key)
        else:
            story = make_story(rng, key)
            if len(story.paragraphs) >= 8:
                recent.append(story)
                del recent[:-50]
        yield story


# --- records ---------------------------------------------------------------------------------


def content_hash(body: str) -> str:
    """Same rule as the pipeline: sha256 of the body lower-cased with whitespace collapsed."""
    return hashlib.sha256(" ".join(body.lower().split()).encode("utf-8")).hexdigest()


@cache
def _blank_template() -> tuple[tuple[str, Any], ...]:
    return tuple(schema.blank_record().items())


def _blank_article() -> dict[str, Any]:
    """schema.blank_record(), computed once; list defaults are fresh lists for every record."""
    return {key: [] if value == [] else value for key, value in _blank_template()}


def story_record(story: Story, *, validate: bool = True) -> dict[str, Any]:
    """The article record `kutim build` should produce for the story's page."""
    body = story.body
    region = story.region
    province = region.province_code
    record = _blank_article() | dict(
        id=hashlib.sha256(story.url.encode("utf-8")).hexdigest()[:16],
        url=story.url, site=story.site.host, source=f"synthetic/{story.site.host}/{story.key:07d}.html",
        title=story.title, description=story.description, authors=list(story.authors),
        section=story.breadcrumb[-1] if story.breadcrumb else story.topic.section,
        breadcrumb=list(story.breadcrumb), tags=list(story.tags),
        published_at=story.published.astimezone(UTC).isoformat(), published_local=story.published_local,
        published_tz_source="printed", body=body, lead=story.paragraphs[0],
        word_count=_word_count(body), language="id", language_score=0.99, dateline=story.dateline,
        is_advertorial=story.advertorial_marker is not None, advertorial_marker=story.advertorial_marker,
        region_code=region.code, region_name=region.name, province_code=province,
        province_name=PROVINCES[province], region_source="dateline",
        regions_mentioned=list(story.regions_mentioned), agencies=[dict(a) for a in story.agencies],
        people=[dict(p) for p in story.people], quotes=[dict(q) for q in story.quotes],
        content_hash=content_hash(body), parser=f"synthetic:{story.site.template}/1",
    )
    if validate:
        schema.validate(record)
    return record


def _word_count(text: str) -> int:
    """Number of \\w+ tokens, as the schema defines word_count."""
    return len(WORD.findall(text))


def synthetic_records(n: int, seed: int = 0) -> Iterator[dict[str, Any]]:
    """``n`` schema-valid article records, deterministic for ``seed``.

    Unique ids and content hashes; about 15% advertorials; Kutai Timur (64.08) most often.
    """
    for story in synthetic_stories(n, seed):
        yield story_record(story)


# --- pages -----------------------------------------------------------------------------------
# Three template families as Kaltim portals serve them: a WordPress JNews-like theme, a
# WordPress GeneratePress-like theme and a hand-made PHP portal (tables, <br><br> paragraphs,
# no JSON-LD). Boilerplate (menus, sidebars, inline CSS/JS, ad slots) is what makes real pages
# 100-200 KB; ``bulk`` sets how many KB of inline CSS/JS a page carries.

TEMPLATES = ("jnews", "generatepress", "php")
DAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MENU = ("Kutai Timur", "Samarinda", "Balikpapan", "Bontang", "Kukar", "Politik", "Hukum", "Ekonomi",
        "Pendidikan", "Kesehatan", "Olahraga", "Advertorial", "Opini", "Video", "Indeks")


@dataclass
class PageSpec:
    """Everything a template prints. ``paragraphs`` is the article text the extractor should
    recover; the rest is metadata and boilerplate."""

    key: int
    site: Site
    url: str
    title: str
    published: datetime
    paragraphs: list[str]
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    breadcrumb: list[str] = field(default_factory=list)
    section: str = "Berita"
    description: str = ""
    date_style: str = "long"  # long | numeric | ampm | dmy
    printed_zone: str | None = None  # label printed after the time; default: the site's zone
    meta_time: bool = False  # <meta property="article:published_time"> with offset
    meta_offset: bool = True  # False: a meta/JSON-LD timestamp without offset
    jsonld: str | None = None  # "graph" (Yoast-like @graph) | "newsarticle" | None
    og: bool = True
    charset: str = "utf-8"  # the charset the page declares (may lie)
    inline_related: list[tuple[str, str]] = field(default_factory=list)  # "Baca juga" lines
    related: list[tuple[str, str, str]] = field(default_factory=list)  # (label, title, url) after the body
    popular: list[tuple[str, str]] = field(default_factory=list)  # sidebar
    modified: datetime | None = None
    crawled: datetime | None = None  # the header of some themes prints "today"
    bulk: int = 60


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def printed_date(moment: datetime, style: str, zone: str | None) -> str:
    """The date line as portals print it: "Rabu, 4 Desember 2024 - 09:36 WIB"."""
    suffix = f" {zone}" if zone else ""
    if style == "numeric":
        return f"{moment:%d/%m/%Y}, {moment:%H:%M}{suffix}"
    if style == "ampm":
        hour = moment.hour % 12 or 12
        half = "AM" if moment.hour < 12 else "PM"
        return f"{moment:%d/%m/%Y} {hour:02d}:{moment:%M:%S} {half}{suffix}"
    if style == "dmy":
        return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"
    return f"{DAY_NAMES[moment.weekday()]}, {moment.day} {MONTHS[moment.month - 1]} {moment.year} - {moment:%H:%M}{suffix}"


def _iso(moment: datetime, with_offset: bool = True) -> str:
    text = moment.isoformat()
    return text if with_offset else text[:19]


def _link(site: Site, title: str, key: int) -> str:
    slug = "-".join(title.lower().replace(",", "").replace(":", "").split())[:80]
    return f"https://{site.host}/{slug}-{key}/"


# Boilerplate blocks are deterministic per (site, template, bulk) and cached: pages of one portal
# share them, as real pages share their theme's CSS and scripts.
@cache
def _inline_css(host: str, template: str, kb: int) -> str:
    rng = random.Random(f"css/{host}/{template}")
    prefix = {"jnews": "jeg", "generatepress": "gp", "php": "box"}[template]
    palette = [f"#{rng.randrange(1 << 24):06x}" for _ in range(10)]  # a theme uses few colours
    props = ("color:{}", "background-color:{}", "border-color:{}")
    lines, size = [], 0
    while size < kb * 1024:
        selector = f".{prefix}_{rng.choice(('block', 'post', 'module', 'widget', 'menu', 'meta', 'pl'))}_{rng.randint(1, 40)}"
        rule = f"{selector} .{prefix}_{rng.choice(('title', 'excerpt', 'thumb', 'cat', 'date'))} a{{" \
               f"{rng.choice(props).format(rng.choice(palette))};font-size:{rng.choice((12, 13, 14, 16, 18, 22, 28))}px;" \
               f"line-height:{rng.choice(('1.2', '1.4', '1.5', '1.6'))};margin:{rng.choice((0, 5, 10, 15, 20))}px {rng.choice((0, 10, 20))}px}}"
        lines.append(rule)
        size += len(rule) + 1
    return "\n".join(lines)


@cache
def _inline_config(host: str, template: str, kb: int) -> str:
    """A theme/ads configuration object of the kind WordPress themes inline in every page."""
    rng = random.Random(f"js/{host}/{template}")
    network = rng.randrange(10**9)
    entries, size = [], 0
    while size < kb * 1024:
        name = f"{rng.choice(('slot', 'widget', 'lazy', 'track', 'module'))}_{len(entries)}"
        value = {"id": f"div-gpt-ad-{network}-{rng.randint(0, 99)}",
                 "sizes": [[rng.choice((300, 320, 728, 970)), rng.choice((50, 90, 250, 600))]],
                 "lazy": rng.random() < 0.5, "path": f"/{network}/{host}/{rng.choice(MENU).lower()}"}
        entry = f'"{name}":{json.dumps(value, separators=(",", ":"))}'
        entries.append(entry)
        size += len(entry) + 1
    return "{" + ",".join(entries) + "}"


def _menu(site: Site, css: str) -> str:
    items = "".join(f'<li class="menu-item menu-item-{100 + i}"><a href="https://{site.host}/category/{_slug(m)}/">{_esc(m)}</a></li>'
                    for i, m in enumerate(MENU))
    return f'<ul class="{css}"><li class="menu-item menu-item-home"><a href="https://{site.host}/">Home</a></li>{items}</ul>'


def _slug(text: str) -> str:
    return "-".join(text.lower().split())


def _breadcrumb_links(spec: PageSpec, separator: str) -> str:
    crumbs = [f'<a href="https://{spec.site.host}/">Home</a>']
    crumbs += [f'<a href="https://{spec.site.host}/category/{_slug(c)}/">{_esc(c)}</a>' for c in spec.breadcrumb]
    return separator.join(crumbs)


def _jsonld(spec: PageSpec) -> str:
    if spec.jsonld is None:
        return ""
    published = _iso(spec.published, spec.meta_offset)
    article = {
        "@type": "NewsArticle", "headline": spec.title, "url": spec.url, "datePublished": published,
        "dateModified": _iso(spec.modified or spec.published, spec.meta_offset),
        "author": [{"@type": "Person", "name": a} for a in spec.authors] or {"@type": "Organization", "name": spec.site.name},
        "publisher": {"@type": "Organization", "name": spec.site.name, "logo": {"@type": "ImageObject", "url": f"https://{spec.site.host}/logo.png"}},
        "articleSection": spec.section, "keywords": ", ".join(spec.tags), "inLanguage": "id-ID",
        "mainEntityOfPage": {"@type": "WebPage", "@id": spec.url}, "description": spec.description,
    }
    crumbs = [{"@type": "ListItem", "position": 1, "name": "Home", "item": f"https://{spec.site.host}/"}]
    crumbs += [{"@type": "ListItem", "position": i + 2, "name": c, "item": f"https://{spec.site.host}/category/{_slug(c)}/"}
               for i, c in enumerate(spec.breadcrumb)]
    breadcrumb = {"@type": "BreadcrumbList", "itemListElement": crumbs}
    if spec.jsonld == "graph":
        article["@type"] = "Article"
        website = {"@type": "WebSite", "@id": f"https://{spec.site.host}/#website", "name": spec.site.name}
        document = {"@context": "https://schema.org", "@graph": [website, {"@type": "WebPage", "@id": spec.url, "name": spec.title}, article, breadcrumb]}
        return f'<script type="application/ld+json" class="yoast-schema-graph">{json.dumps(document, ensure_ascii=False)}</script>\n'
    document = dict(article, **{"@context": "https://schema.org"})
    return (f'<script type="application/ld+json">{json.dumps(document, ensure_ascii=False)}</script>\n'
            f'<script type="application/ld+json">{json.dumps(dict(breadcrumb, **{"@context": "https://schema.org"}), ensure_ascii=False)}</script>\n')


def _head_meta(spec: PageSpec, title_text: str) -> str:
    parts = [f'<meta charset="{spec.charset}">' if spec.site.template != "php" else
             f'<meta http-equiv="Content-Type" content="text/html; charset={spec.charset}">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{_esc(title_text)}</title>"]
    if spec.description:
        parts.append(f'<meta name="description" content="{_esc(spec.description)}">')
    if spec.site.template != "php" or spec.og:
        parts.append(f'<link rel="canonical" href="{_esc(spec.url)}">')
    if spec.og:
        parts += [
            '<meta property="og:locale" content="id_ID">', '<meta property="og:type" content="article">',
            f'<meta property="og:title" content="{_esc(spec.title)}">', f'<meta property="og:url" content="{_esc(spec.url)}">',
            f'<meta property="og:site_name" content="{_esc(spec.site.name)}">',
            f'<meta property="og:image" content="https://{spec.site.host}/wp-content/uploads/{spec.published:%Y/%m}/foto-{spec.key}.jpg">',
        ]
        if spec.description:
            parts.append(f'<meta property="og:description" content="{_esc(spec.description)}">')
    if spec.meta_time:
        parts.append(f'<meta property="article:published_time" content="{_iso(spec.published, spec.meta_offset)}">')
        if spec.modified:
            parts.append(f'<meta property="article:modified_time" content="{_iso(spec.modified, spec.meta_offset)}">')
        parts.append(f'<meta property="article:section" content="{_esc(spec.section)}">')
        parts += [f'<meta property="article:tag" content="{_esc(t)}">' for t in spec.tags]
    parts.append('<meta name="twitter:card" content="summary_large_image">')
    return "\n".join(parts) + "\n" + _jsonld(spec)


def _body_paragraphs(spec: PageSpec, inline: str) -> list[str]:
    """Article paragraphs as <p>, with "Baca juga" lines after the 2nd and 5th paragraphs."""
    out = []
    related = list(spec.inline_related)
    for index, text in enumerate(spec.paragraphs):
        out.append(f"<p>{_esc(text)}</p>")
        if related and index in (1, 4):
            title, url = related.pop(0)
            out.append(inline.format(title=_esc(title), url=_esc(url)))
    return out


def _zone(spec: PageSpec) -> str | None:
    return spec.site.zone if spec.printed_zone is None else (spec.printed_zone or None)


def _tracking_scripts(spec: PageSpec) -> str:
    return (
        f'<script async src="https://www.googletagmanager.com/gtag/js?id=G-{spec.site.host[:4].upper()}7Q2"></script>\n'
        "<script>window.dataLayer = window.dataLayer || [];function gtag(){dataLayer.push(arguments);}"
        f"gtag('js', new Date());gtag('config', 'G-{spec.site.host[:4].upper()}7Q2');</script>\n"
        '<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-0000000000000000" crossorigin="anonymous"></script>\n'
    )


def _ad(slot: int) -> str:
    return (f'<div class="ads-slot ads-slot-{slot}"><span class="ads-label">ADVERTISEMENT</span>'
            f'<ins class="adsbygoogle" style="display:block" data-ad-slot="{1000000 + slot}" data-ad-format="auto"></ins>'
            "<script>(adsbygoogle = window.adsbygoogle || []).push({});</script></div>")


def render_page(spec: PageSpec) -> bytes:
    """The whole page of ``spec`` in its site's template, encoded as UTF-8."""
    renderer = {"jnews": _render_jnews, "generatepress": _render_generatepress, "php": _render_php}[spec.site.template]
    return renderer(spec).encode("utf-8")


def _render_jnews(spec: PageSpec) -> str:
    site = spec.site
    css_kb, js_kb = spec.bulk * 2 // 5, spec.bulk * 3 // 5
    crawled = spec.crawled or spec.published + timedelta(days=3)
    inline = ('<div class="jnews_inline_related_post_wrapper"><div class="jnews_inline_related_post">'
              '<div class="jeg_postblock_22 jeg_postblock"><div class="jeg_block_heading"><h3 class="jeg_block_title">'
              '<span>Baca juga</span></h3></div><div class="jeg_posts"><article class="jeg_post"><h3 class="jeg_post_title">'
              '<a href="{url}">{title}</a></h3></article></div></div></div></div>')
    body = "\n".join(_body_paragraphs(spec, inline))
    if len(spec.paragraphs) > 3:
        body = body.replace("</p>\n", "</p>\n" + _ad(3) + "\n", 1)
    tags = "".join(f'<a href="https://{site.host}/tag/{_slug(t)}/" rel="tag">{_esc(t)}</a>' for t in spec.tags)
    related = "".join(
        f'<article class="jeg_post jeg_pl_md_2"><div class="jeg_thumb"><a href="{_esc(u)}"><div class="thumbnail-container"><img '
        f'class="lazyload" data-src="https://{site.host}/wp-content/uploads/thumb-{i}.jpg" alt=""></div></a></div><div class="jeg_postblock_content">'
        f'<div class="jeg_post_category"><a href="https://{site.host}/category/{_slug(label)}/">{_esc(label)}</a></div>'
        f'<h3 class="jeg_post_title"><a href="{_esc(u)}">{_esc(t)}</a></h3></div></article>'
        for i, (label, t, u) in enumerate(spec.related))
    popular = "".join(f'<li><span class="jeg_pop_num">{i + 1}</span><h3 class="jeg_post_title"><a href="{_esc(u)}">{_esc(t)}</a></h3></li>'
                      for i, (t, u) in enumerate(spec.popular))
    authors = ", ".join(f'<a href="https://{site.host}/author/{_slug(a)}/">{_esc(a)}</a>' for a in spec.authors) or "Redaksi"
    share = ('<div class="jeg_share_button clearfix"><div class="jeg_sharelist"><span class="share-label">Share :</span>'
             '<a href="#" class="jeg_btn-facebook"><i class="fa fa-facebook-official"></i><span>Facebook</span></a>'
             '<a href="#" class="jeg_btn-twitter"><i class="fa fa-twitter"></i><span>Twitter</span></a>'
             '<a href="#" class="jeg_btn-whatsapp"><i class="fa fa-whatsapp"></i><span>WhatsApp</span></a>'
             '<a href="#" class="jeg_btn-telegram"><i class="fa fa-telegram"></i></a></div></div>')
    return f"""<!doctype html>
<!--[if lt IE 7]> <html class="no-js lt-ie9 lt-ie8 lt-ie7" lang="id-ID"> <![endif]-->
<html lang="id-ID">
<head>
{_head_meta(spec, f"{spec.title} - {site.name}")}<link rel="stylesheet" id="jnews-frontend-css" href="https://{site.host}/wp-content/themes/jnews/assets/dist/frontend.min.css?ver=11.0.7" type="text/css" media="all">
<link rel="stylesheet" id="font-awesome-css" href="https://{site.host}/wp-content/themes/jnews/assets/fonts/font-awesome/font-awesome.min.css?ver=11.0.7" type="text/css" media="all">
<style id="jnews-dynamic-style">
{_inline_css(site.host, "jnews", css_kb)}
</style>
<script type="text/javascript">var jnews_ajax_url = "/?ajax-request=jnews"; window.jnewsads = {_inline_config(site.host, "jnews", js_kb)};</script>
{_tracking_scripts(spec)}</head>
<body class="post-template-default single single-post postid-{spec.key} single-format-standard jeg_toggle_light jnews jsc_normal">
<div class="jeg_ad jeg_ad_top jnews_header_top_ads">{_ad(1)}</div>
<div class="jeg_viewport">
<div class="jeg_header_wrapper"><div class="jeg_header normal">
<div class="jeg_topbar jeg_container dark"><div class="container"><div class="jeg_nav_row">
<div class="jeg_nav_item jeg_top_date">{DAY_NAMES[crawled.weekday()]}, {crawled.day} {MONTHS[crawled.month - 1]} {crawled.year}</div>
<div class="jeg_nav_item"><ul class="jeg_menu jeg_top_menu"><li><a href="https://{site.host}/redaksi/">Redaksi</a></li><li><a href="https://{site.host}/pedoman-media-siber/">Pedoman Media Siber</a></li><li><a href="https://{site.host}/kontak/">Kontak</a></li></ul></div>
</div></div></div>
<div class="jeg_midbar jeg_container normal"><div class="container"><div class="jeg_nav_item jeg_logo jeg_desktop_logo"><h1 class="site-title"><a href="https://{site.host}/" rel="home"><img class="jeg_logo_img" src="https://{site.host}/wp-content/uploads/logo.png" alt="{_esc(site.name)}"></a></h1></div>
<div class="jeg_nav_item jeg_ad jeg_ad_top">{_ad(2)}</div></div></div>
<div class="jeg_bottombar jeg_navbar jeg_container jeg_navbar_wrapper"><div class="container"><div class="jeg_nav_item jeg_main_menu_wrapper"><div class="jeg_mainmenu_wrap">{_menu(site, "jeg_menu jeg_main_menu jeg_menu_style_1")}</div></div>
<div class="jeg_nav_item jeg_search_wrapper search_icon"><form action="https://{site.host}/" method="get" class="jeg_search_form"><input name="s" class="jeg_search_input" placeholder="Cari..." type="text"><button type="submit" class="jeg_search_button btn"><i class="fa fa-search"></i></button></form></div></div></div>
</div></div>
<div class="jeg_main">
<div class="jeg_container"><div class="jeg_content jeg_singlepage"><div class="container">
<div class="jeg_breadcrumbs jeg_breadcrumb_container"><div id="breadcrumbs">{_breadcrumb_links(spec, ' <i class="fa fa-angle-right"></i> ')}</div></div>
<div class="row"><div class="jeg_main_content col-md-8"><div class="jeg_inner_content">
<div class="entry-header">
<h1 class="jeg_post_title">{_esc(spec.title)}</h1>
<div class="jeg_meta_container"><div class="jeg_post_meta jeg_post_meta_1"><div class="meta_left">
<div class="jeg_meta_author"><span class="meta_text">by</span> {authors}</div>
<div class="jeg_meta_date"><a href="{_esc(spec.url)}">{printed_date(spec.published, spec.date_style, _zone(spec))}</a></div>
<div class="jeg_meta_category"><span><span class="meta_text">in</span> <a href="https://{site.host}/category/{_slug(spec.section)}/" rel="category tag">{_esc(spec.section)}</a></span></div>
</div><div class="meta_right"><div class="jeg_meta_comment"><a href="{_esc(spec.url)}#comments"><i class="fa fa-comment-o"></i> 0</a></div></div></div></div>
</div>
<div class="jeg_featured featured_image"><a href="#"><div class="thumbnail-container"><img width="750" height="375" src="https://{site.host}/wp-content/uploads/{spec.published:%Y/%m}/foto-{spec.key}.jpg" alt="{_esc(spec.title)}"></div></a><p class="wp-caption-text">Foto: Dokumentasi {_esc(site.name)}</p></div>
<div class="jeg_share_top_container">{share}</div>
<div class="entry-content no-share">
<div class="content-inner">
{body}
</div>
<div class="jeg_post_tags"><span>Tags:</span> {tags}</div>
</div>
<div class="jeg_share_bottom_container">{share}</div>
<div class="jnews_prev_next_container"><div class="jeg_prevnext_post"><a href="https://{site.host}/?p={spec.key - 1}" class="post prev-post"><span class="caption">Sebelumnya</span><h3 class="post-title">Berita sebelumnya</h3></a><a href="https://{site.host}/?p={spec.key + 1}" class="post next-post"><span class="caption">Selanjutnya</span><h3 class="post-title">Berita selanjutnya</h3></a></div></div>
<div class="jnews_related_post_container"><div class="jeg_postblock_9 jeg_postblock jeg_module_hook"><div class="jeg_block_heading jeg_block_heading_6"><h3 class="jeg_block_title"><span>Baca Juga</span></h3></div><div class="jeg_block_container"><div class="jeg_posts_wrap"><div class="jeg_posts jeg_load_more_flag">{related}</div></div></div></div></div>
<div class="jnews_comment_container"><div id="comments" class="comment-wrapper"><div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Tinggalkan Balasan</h3><form action="https://{site.host}/wp-comments-post.php" method="post" id="commentform" class="comment-form"><p class="comment-notes">Alamat email Anda tidak akan dipublikasikan. Ruas yang wajib ditandai *</p><p class="comment-form-comment"><label for="comment">Komentar *</label><textarea id="comment" name="comment" cols="45" rows="8" required></textarea></p><p class="comment-form-author"><label for="author">Nama *</label><input id="author" name="author" type="text"></p><p class="comment-form-email"><label for="email">Email *</label><input id="email" name="email" type="email"></p><p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Kirim Komentar"></p></form></div></div></div>
</div></div>
<div class="jeg_sidebar right jeg_sticky_sidebar col-md-4"><div class="jegStickyHolder"><div class="theiaStickySidebar">
<div class="widget widget_jnews_module_block_21"><div class="jeg_block_heading"><h3 class="jeg_block_title"><span>Terpopuler</span></h3></div><ul class="jeg_popularpost">{popular}</ul></div>
<div class="widget widget_jnews_module_element_ads">{_ad(4)}</div>
<div class="widget widget_tag_cloud"><div class="jeg_block_heading"><h3 class="jeg_block_title"><span>Topik</span></h3></div><div class="tagcloud">{"".join(f'<a href="https://{site.host}/tag/{_slug(m)}/">{_esc(m)}</a>' for m in MENU[:8])}</div></div>
</div></div></div>
</div></div></div></div>
</div>
<div class="footer-holder" id="footer"><div class="jeg_footer jeg_footer_1 dark"><div class="jeg_footer_container jeg_container"><div class="jeg_footer_content"><div class="container"><div class="row"><div class="jeg_footer_primary clearfix"><div class="col-md-4 footer_column"><div class="footer_widget widget_jnews_about"><p>{_esc(site.name)} menyajikan berita terkini seputar Kalimantan Timur.</p></div></div><div class="col-md-4 footer_column">{_menu(site, "menu footer-menu")}</div></div></div></div></div>
<div class="jeg_footer_bottom"><div class="container"><p class="copyright">© {crawled.year} {_esc(site.name)}. Hak cipta dilindungi undang-undang.</p></div></div></div></div></div>
</div>
<script type="text/javascript" src="https://{site.host}/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
<script type="text/javascript" id="jnews-frontend-js-extra">var jnewsoption = {{"login_reload":"https:\\/\\/{site.host}\\/","popup_script":"magnific","single_gallery":"","ismobile":false,"isie":"","sidefeed_ajax":"","language":"id_ID","module_prefix":"jnews_module_ajax_","live_search":"1","postid":{spec.key},"isblog":true}};</script>
<script type="text/javascript" src="https://{site.host}/wp-content/themes/jnews/assets/dist/frontend.min.js?ver=11.0.7" id="jnews-frontend-js"></script>
</body>
</html>
"""


def _render_generatepress(spec: PageSpec) -> str:
    site = spec.site
    css_kb, js_kb = spec.bulk // 2, spec.bulk // 2
    inline = '<p><strong>Baca Juga: <a href="{url}">{title}</a></strong></p>'
    body = "\n".join(_body_paragraphs(spec, inline))
    recent = "".join(f'<li><a href="{_esc(u)}">{_esc(t)}</a></li>' for t, u in spec.popular[: len(spec.popular) // 2 + 1])
    popular = "".join(f'<li><a href="{_esc(u)}">{_esc(t)}</a> <span class="post-views">{(i + 3) * 211} views</span></li>'
                      for i, (t, u) in enumerate(spec.popular))
    related = "".join(f'<div class="jp-relatedposts-post"><h4 class="jp-relatedposts-post-title"><a href="{_esc(u)}">{_esc(t)}</a></h4>'
                      f'<p class="jp-relatedposts-post-context">Dalam "{_esc(label)}"</p></div>' for label, t, u in spec.related)
    tags = ", ".join(f'<a href="https://{site.host}/tag/{_slug(t)}/" rel="tag">{_esc(t)}</a>' for t in spec.tags)
    author = spec.authors[0] if spec.authors else "Redaksi"
    modified = f'<time class="updated" datetime="{_iso(spec.modified, spec.meta_offset)}" itemprop="dateModified">{printed_date(spec.modified, "dmy", None)}</time>' if spec.modified else ""
    months = "".join(f'<option value="https://{site.host}/{y}/{m:02d}/">{MONTHS[m - 1]} {y}</option>'
                     for y in range(spec.published.year, spec.published.year - 2, -1) for m in range(12, 0, -1))
    printed = printed_date(spec.published, spec.date_style, _zone(spec)) if spec.date_style != "dmy" else printed_date(spec.published, "dmy", None)
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
{_head_meta(spec, f"{spec.title} | {site.name}")}<meta name="robots" content="index, follow, max-image-preview:large, max-snippet:-1, max-video-preview:-1">
<link rel="stylesheet" id="generate-style-css" href="https://{site.host}/wp-content/themes/generatepress/assets/css/main.min.css?ver=3.4.0" media="all">
<style id="generate-style-inline-css">
body{{background-color:#f7f8f9;color:#222222;}}a{{color:#1e73be;}}.grid-container{{max-width:1200px;}}
{_inline_css(site.host, "generatepress", css_kb)}
</style>
<script id="wp-emoji-settings" type="application/json">{{"baseUrl":"https:\\/\\/s.w.org\\/images\\/core\\/emoji\\/15.0.3\\/72x72\\/","ext":".png","source":{{"concatemoji":"https:\\/\\/{site.host}\\/wp-includes\\/js\\/wp-emoji-release.min.js"}}}}</script>
<script>window.gpAdsConfig = {_inline_config(site.host, "generatepress", js_kb)};</script>
{_tracking_scripts(spec)}</head>
<body class="post-template-default single single-post postid-{spec.key} single-format-standard wp-embed-responsive right-sidebar nav-below-header separate-containers header-aligned-left" itemtype="https://schema.org/Blog" itemscope>
<a class="screen-reader-text skip-link" href="#content" title="Langsung ke isi">Langsung ke isi</a>
<header class="site-header grid-container" id="masthead" aria-label="Situs" itemtype="https://schema.org/WPHeader" itemscope>
<div class="inside-header grid-container"><div class="site-branding"><p class="main-title" itemprop="headline"><a href="https://{site.host}/" rel="home">{_esc(site.name)}</a></p><p class="site-description" itemprop="description">Portal Berita Kalimantan Timur</p></div>
<div class="header-widget">{_ad(1)}</div></div></header>
<nav class="main-navigation sub-menu-right" id="site-navigation" aria-label="Utama" itemtype="https://schema.org/SiteNavigationElement" itemscope>
<div class="inside-navigation grid-container"><button class="menu-toggle" aria-controls="primary-menu" aria-expanded="false"><span class="mobile-menu">Menu</span></button>
<div id="primary-menu" class="main-nav">{_menu(site, "menu sf-menu")}</div></div></nav>
<div class="site grid-container container hfeed" id="page"><div class="site-content" id="content">
<div class="content-area" id="primary"><main class="site-main" id="main">
<nav aria-label="breadcrumbs" class="rank-math-breadcrumb"><p>{_breadcrumb_links(spec, '<span class="separator"> / </span>')}</p></nav>
<article id="post-{spec.key}" class="post-{spec.key} post type-post status-publish format-standard has-post-thumbnail hentry" itemtype="https://schema.org/CreativeWork" itemscope>
<div class="inside-article">
<div class="featured-image page-header-image-single grid-container grid-parent"><img width="1200" height="675" src="https://{site.host}/wp-content/uploads/{spec.published:%Y/%m}/foto-{spec.key}.jpg" class="attachment-full size-full wp-post-image" alt="" itemprop="image"></div>
<header class="entry-header">
<h1 class="entry-title" itemprop="headline">{_esc(spec.title)}</h1>
<div class="entry-meta"><span class="posted-on"><time class="entry-date published" datetime="{_iso(spec.published, spec.meta_offset)}" itemprop="datePublished">{printed}</time>{modified}</span> <span class="byline">oleh <span class="author vcard" itemprop="author" itemtype="https://schema.org/Person" itemscope><a class="url fn n" href="https://{site.host}/author/{_slug(author)}/" title="Lihat semua pos oleh {_esc(author)}" rel="author" itemprop="url"><span class="author-name" itemprop="name">{_esc(author)}</span></a></span></span></div>
</header>
<div class="entry-content" itemprop="text">
{body}
<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social sd-social-icon-text sd-sharing"><h3 class="sd-title">Bagikan ini:</h3><div class="sd-content"><ul><li class="share-facebook"><a class="share-facebook sd-button" href="{_esc(spec.url)}?share=facebook" target="_blank"><span>Facebook</span></a></li><li class="share-x"><a class="share-x sd-button" href="{_esc(spec.url)}?share=x" target="_blank"><span>X</span></a></li><li class="share-jetpack-whatsapp"><a class="share-jetpack-whatsapp sd-button" href="{_esc(spec.url)}?share=jetpack-whatsapp" target="_blank"><span>WhatsApp</span></a></li></ul></div></div></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Berita Terkait</em></h3><div class="jp-relatedposts-items jp-relatedposts-items-visual">{related}</div></div>
</div>
<footer class="entry-meta" aria-label="Meta postingan"><span class="cat-links"><span class="screen-reader-text">Kategori </span><a href="https://{site.host}/category/{_slug(spec.section)}/" rel="category tag">{_esc(spec.section)}</a></span> <span class="tags-links"><span class="screen-reader-text">Tag </span>{tags}</span>
<nav id="nav-below" class="post-navigation" aria-label="Pos"><div class="nav-previous"><span class="prev"><a href="https://{site.host}/?p={spec.key - 1}" rel="prev">Berita sebelumnya</a></span></div><div class="nav-next"><span class="next"><a href="https://{site.host}/?p={spec.key + 1}" rel="next">Berita berikutnya</a></span></div></nav></footer>
</div></article>
<div class="comments-area"><div id="comments"><div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Tinggalkan Balasan <small><a rel="nofollow" id="cancel-comment-reply-link" href="#respond" style="display:none;">Batalkan balasan</a></small></h3><form action="https://{site.host}/wp-comments-post.php" method="post" id="commentform" class="comment-form" novalidate><p class="comment-form-comment"><label for="comment" class="screen-reader-text">Komentar</label><textarea id="comment" name="comment" cols="45" rows="8"></textarea></p><label for="author" class="screen-reader-text">Nama</label><input placeholder="Nama *" id="author" name="author" type="text" value="" size="30" required><label for="email" class="screen-reader-text">Email</label><input placeholder="Email *" id="email" name="email" type="email" value="" size="30" required><p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Kirim Komentar"></p></form></div></div></div>
</main></div>
<div class="widget-area sidebar is-right-sidebar" id="right-sidebar"><div class="inside-right-sidebar">
<aside id="search-2" class="widget inner-padding widget_search"><form method="get" class="search-form" action="https://{site.host}/"><label><span class="screen-reader-text">Cari untuk:</span><input type="search" class="search-field" placeholder="Cari …" value="" name="s" title="Cari untuk:"></label><button class="search-submit" aria-label="Cari">Cari</button></form></aside>
<aside id="recent-posts-2" class="widget inner-padding widget_recent_entries"><h2 class="widget-title">Berita Terbaru</h2><ul>{recent}</ul></aside>
<aside id="custom_html-3" class="widget_text widget inner-padding widget_custom_html">{_ad(4)}</aside>
<aside id="top-posts-2" class="widget inner-padding widget_top-posts"><h2 class="widget-title">Terpopuler</h2><ul>{popular}</ul></aside>
<aside id="archives-2" class="widget inner-padding widget_archive"><h2 class="widget-title">Arsip</h2><select name="archive-dropdown"><option value="">Pilih Bulan</option>{months}</select></aside>
</div></div>
</div></div>
<div class="site-footer"><footer class="site-info" aria-label="Situs" itemtype="https://schema.org/WPFooter" itemscope><div class="inside-site-info grid-container"><div class="copyright-bar">&copy; {spec.published.year} {_esc(site.name)} &bull; Dibangun dengan <a href="https://generatepress.com" itemprop="url">GeneratePress</a></div></div></footer></div>
<script id="generate-a11y">!function(){{"use strict";if("querySelector"in document&&"addEventListener"in window){{var e=document.body;e.addEventListener("mousedown",function(){{e.classList.add("using-mouse")}}),e.addEventListener("keydown",function(){{e.classList.remove("using-mouse")}})}}}}();</script>
<script id="generate-menu-js-extra">var generatepressMenu = {{"toggleOpenedSubMenus":true,"openSubMenuLabel":"Buka Submenu","closeSubMenuLabel":"Tutup Submenu"}};</script>
<script src="https://{site.host}/wp-content/themes/generatepress/assets/js/menu.min.js?ver=3.4.0" id="generate-menu-js"></script>
</body>
</html>
"""


def _render_php(spec: PageSpec) -> str:
    site = spec.site
    css_kb, js_kb = spec.bulk // 3, spec.bulk * 2 // 3
    pieces = []
    related = list(spec.inline_related)
    for index, text in enumerate(spec.paragraphs):
        pieces.append(_esc(text))
        if related and index in (1, 4):
            title, url = related.pop(0)
            pieces.append(f'<b>Baca juga:</b> <a href="{_esc(url)}" target="_blank">{_esc(title)}</a>')
    body = "<br><br>\n".join(pieces)
    others = "".join(f'<li><a href="{_esc(u)}">{_esc(t)}</a></li>' for _, t, u in spec.related)
    popular = "".join(f'<tr><td class="no">{i + 1}</td><td><a href="{_esc(u)}">{_esc(t)}</a></td></tr>' for i, (t, u) in enumerate(spec.popular))
    ticker = " &bull; ".join(_esc(t) for t, _ in spec.popular[:5])
    menu = " | ".join(f'<a href="kategori.php?id={i + 1}">{_esc(m)}</a>' for i, m in enumerate(MENU[:10]))
    reporter = f"Penulis: {_esc(spec.authors[0])}" if spec.authors else "Penulis: Tim Redaksi"
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
<html>
<head>
{_head_meta(spec, f"{site.name} - {spec.title}")}<meta name="keywords" content="{_esc(", ".join(spec.tags))}">
<link href="css/style.css" rel="stylesheet" type="text/css">
<style type="text/css">
body {{ margin:0; font-family: Tahoma, Verdana, Arial; font-size: 12px; }}
{_inline_css(site.host, "php", css_kb)}
</style>
<script type="text/javascript" src="js/jquery-1.8.3.min.js"></script>
<script type="text/javascript">var iklan = {_inline_config(site.host, "php", js_kb)};</script>
{_tracking_scripts(spec)}</head>
<body bgcolor="#FFFFFF" leftmargin="0" topmargin="0">
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0" id="header">
<tr><td width="300"><a href="index.php"><img src="images/logo.png" width="300" height="90" border="0" alt="{_esc(site.name)}"></a></td><td align="right">{_ad(1)}</td></tr>
</table>
<div id="menu"><a href="index.php">Beranda</a> | {menu}</div>
<div id="running-text"><b>TERKINI:</b> <marquee scrollamount="3">{ticker}</marquee></div>
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0" id="content">
<tr>
<td id="main" width="660" valign="top">
<div class="breadcrumb">{_breadcrumb_links(spec, " / ")}</div>
<div class="judul"><h2>{_esc(spec.title)}</h2></div>
<div class="tanggal">{printed_date(spec.published, spec.date_style, _zone(spec))} | {reporter} | Dibaca: {(spec.key * 37) % 5000 + 120} kali</div>
<div class="foto"><img src="foto_berita/{spec.key}.jpg" width="640" alt=""><br><span class="ket-foto">Foto: Istimewa</span></div>
<div class="isi-berita">
{body}
</div>
<div class="share">Share : <a href="https://www.facebook.com/sharer.php?u={_esc(spec.url)}">Facebook</a> <a href="https://twitter.com/share?url={_esc(spec.url)}">Twitter</a> <a href="https://api.whatsapp.com/send?text={_esc(spec.url)}">WhatsApp</a></div>
<div class="tag">Tag: {" ".join(f'<a href="tag.php?t={_slug(t)}">#{_esc(t)}</a>' for t in spec.tags)}</div>
<div class="terkait"><h3>Berita Lainnya</h3><ul>{others}</ul></div>
<div class="komentar"><h3>Kirim Komentar</h3><form method="post" action="simpan_komentar.php"><table><tr><td>Nama</td><td><input type="text" name="nama" size="40"></td></tr><tr><td>Email</td><td><input type="text" name="email" size="40"></td></tr><tr><td valign="top">Komentar</td><td><textarea name="isi" cols="45" rows="5"></textarea></td></tr><tr><td></td><td><input type="submit" value="Kirim"></td></tr></table></form></div>
</td>
<td id="sidebar" width="300" valign="top">
<div class="box"><h3>Berita Populer</h3><table class="populer">{popular}</table></div>
<div class="box iklan">{_ad(4)}</div>
<div class="box"><h3>Polling</h3><form action="polling.php" method="post"><p>Bagaimana pelayanan publik di daerah Anda?</p><input type="radio" name="p" value="1"> Baik<br><input type="radio" name="p" value="2"> Cukup<br><input type="radio" name="p" value="3"> Kurang<br><input type="submit" value="Pilih"></form></div>
</td>
</tr>
</table>
<div id="footer" align="center">Copyright &copy; 2019-{spec.published.year} {_esc(site.name)} | <a href="redaksi.php">Redaksi</a> | <a href="pedoman.php">Pedoman Media Siber</a> | <a href="kontak.php">Kontak</a></div>
<script type="text/javascript">var sc_project=12{spec.key % 1000:03d}45; var sc_invisible=1; var sc_security="a1b2c3d4";</script>
</body>
</html>
"""


# --- non-article pages -------------------------------------------------------------------------


@dataclass(frozen=True)
class Teaser:
    title: str
    url: str
    published: datetime
    excerpt: str


def render_listing(site: Site, heading: str, teasers: list[Teaser], *, kind: str = "category", bulk: int = 40) -> bytes:
    """A category/tag/index archive page: many teasers, pagination, no article of its own."""
    items = "\n".join(
        f'<article class="post type-post status-publish format-standard hentry jeg_post jeg_pl_lg_2">'
        f'<div class="jeg_thumb"><a href="{_esc(t.url)}"><img src="https://{site.host}/wp-content/uploads/thumb-{i}.jpg" alt="{_esc(t.title)}"></a></div>'
        f'<div class="jeg_postblock_content"><h3 class="jeg_post_title entry-title"><a href="{_esc(t.url)}" rel="bookmark">{_esc(t.title)}</a></h3>'
        f'<div class="jeg_post_meta"><time class="entry-date" datetime="{t.published.isoformat()}">{printed_date(t.published, "long", site.zone)}</time></div>'
        f'<div class="jeg_post_excerpt"><p>{_esc(t.excerpt)}</p><a href="{_esc(t.url)}" class="jeg_readmore">Selengkapnya</a></div></div></article>'
        for i, t in enumerate(teasers))
    label = {"category": "Kategori", "tag": "Tag", "index": "Indeks Berita"}[kind]
    path = {"category": "category", "tag": "tag", "index": "indeks"}[kind]
    url = f"https://{site.host}/{path}/{_slug(heading)}/"
    pages = "".join(f'<a class="page-numbers" href="{url}page/{n}/">{n}</a>' for n in range(2, 8))
    return f"""<!DOCTYPE html>
<html lang="id-ID">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{label}: {_esc(heading)} - {_esc(site.name)}</title>
<link rel="canonical" href="{url}">
<meta property="og:type" content="website">
<meta property="og:title" content="{_esc(heading)} Arsip - {_esc(site.name)}">
<meta name="robots" content="index, follow">
<script type="application/ld+json">{json.dumps({"@context": "https://schema.org", "@type": "CollectionPage", "name": heading, "url": url}, ensure_ascii=False)}</script>
<style id="theme-inline-css">
{_inline_css(site.host, site.template, bulk // 2)}
</style>
<script>window.siteAds = {_inline_config(site.host, site.template, bulk // 2)};</script>
</head>
<body class="archive {kind} {kind}-{_slug(heading)}">
<header class="site-header"><div class="site-branding"><a href="https://{site.host}/" rel="home">{_esc(site.name)}</a></div>
<nav class="main-navigation">{_menu(site, "menu")}</nav></header>
<div class="site-content"><main class="site-main">
<div class="breadcrumbs"><a href="https://{site.host}/">Home</a> / <span>{_esc(heading)}</span></div>
<header class="page-header"><h1 class="page-title">{label}: <span>{_esc(heading)}</span></h1></header>
<div class="jeg_posts jeg_load_more_flag">
{items}
</div>
<nav class="navigation pagination" aria-label="Pos"><div class="nav-links"><span aria-current="page" class="page-numbers current">1</span>{pages}<a class="next page-numbers" href="{url}page/2/">Berikutnya &raquo;</a></div></nav>
</main>
<aside class="sidebar widget-area"><div class="widget">{_ad(4)}</div></aside></div>
<footer class="site-footer"><p>&copy; {teasers[0].published.year if teasers else 2024} {_esc(site.name)}</p></footer>
</body>
</html>
""".encode()


def render_rss(site: Site, teasers: list[Teaser]) -> bytes:
    """The site's RSS 2.0 feed (WordPress style)."""
    items = "\n".join(
        f"<item><title>{_esc(t.title)}</title><link>{_esc(t.url)}</link>"
        f"<dc:creator><![CDATA[Redaksi]]></dc:creator><pubDate>{_rfc822(t.published)}</pubDate>"
        f'<guid isPermaLink="false">{_esc(t.url)}</guid><description><![CDATA[{t.excerpt} [&#8230;]]]></description></item>'
        for t in teasers)
    built = max((t.published for t in teasers), default=datetime(2024, 1, 1, tzinfo=WITA))
    return f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom"
	xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">
<channel>
	<title>{_esc(site.name)}</title>
	<atom:link href="https://{site.host}/feed/" rel="self" type="application/rss+xml" />
	<link>https://{site.host}/</link>
	<description>Portal Berita Kalimantan Timur</description>
	<lastBuildDate>{_rfc822(built)}</lastBuildDate>
	<language>id</language>
	<sy:updatePeriod>hourly</sy:updatePeriod>
	<generator>https://wordpress.org/?v=6.6.2</generator>
{items}
</channel>
</rss>
""".encode()


def _rfc822(moment: datetime) -> str:
    utc = moment.astimezone(UTC)
    return f"{('Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun')[utc.weekday()]}, {utc:%d} " \
           f"{('Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec')[utc.month - 1]} {utc:%Y %H:%M:%S} +0000"


# --- synthetic corpora of pages ----------------------------------------------------------------

LISTING_RATE = 0.02  # category/tag/index pages among the pages (rejected as not_article)
DUPLICATE_RATE = 0.01  # exact re-saves of the previous article page (rejected as duplicate)


@dataclass(frozen=True)
class SyntheticPage:
    """One page of a synthetic corpus: where to store it and what the build should make of it."""

    index: int
    kind: str  # "article" | "listing" | "duplicate"
    url: str
    fetched_at: datetime  # what a crawler records (WARC-Date): some hours after publication
    data: bytes
    # Ground truth of an article page (kind == "article"): title, url, body, dates, dateline,
    # advertorial, region, agencies... as the page states them. Build-specific fields (source,
    # parser, language_score, cluster fields) are placeholders, not what `kutim build` writes.
    # PHP pages without OpenGraph declare no canonical URL: from an HTML folder the build then
    # cannot know ``url`` and derives the id from the source (from a WARC, the target URI).
    record: dict[str, Any] | None = None

    @property
    def path(self) -> str:
        """Relative path in an HTML folder: 1,000 pages per shard folder."""
        return f"{self.index // 1000:04d}/{self.index:07d}.html"


def _site_bulk(site: Site) -> int:
    """KB of inline CSS/JS a portal carries on every page: real pages weigh 100-200 KB."""
    return 75 + int(hashlib.sha256(site.host.encode()).hexdigest()[:4], 16) % 95


def _page_options(rng: random.Random, site: Site) -> dict[str, Any]:
    if site.template == "jnews":
        return {"jsonld": "newsarticle" if rng.random() < 0.5 else None, "meta_time": rng.random() < 0.5, "date_style": "long"}
    if site.template == "generatepress":
        return {"jsonld": "graph" if rng.random() < 0.7 else None, "date_style": "dmy", "og": rng.random() < 0.8}
    return {"date_style": rng.choice(("numeric", "numeric", "long", "ampm")), "og": rng.random() < 0.3}


def story_page_spec(story: Story, rng: random.Random, recent: list[tuple[str, str]]) -> PageSpec:
    """How the story's portal serves it; ``recent`` (title, url) pairs feed its link blocks."""
    site = story.site
    picks = rng.sample(recent, min(len(recent), 18)) if recent else []
    label = story.breadcrumb[-1] if story.breadcrumb else story.topic.section
    return PageSpec(
        key=story.key, site=site, url=story.url, title=story.title, published=story.published,
        paragraphs=story.paragraphs, authors=story.authors, tags=story.tags, breadcrumb=story.breadcrumb,
        section=label, description=story.description,
        inline_related=picks[:2] if rng.random() < 0.7 else [], related=[(label, t, u) for t, u in picks[2:8]],
        popular=picks[8:18], bulk=_site_bulk(site), **_page_options(rng, site),
    )


def _tz_source(spec: PageSpec) -> str:
    """Where the page's offset comes from, in the order of trust extraction follows."""
    if spec.jsonld:
        return "jsonld"
    if spec.meta_time or spec.site.template == "generatepress":  # GeneratePress: <time datetime>
        return "meta"
    return "printed"


def synthetic_pages(n: int, seed: int = 0) -> Iterator[SyntheticPage]:
    """``n`` pages: articles across the templates, ~2% listings, ~1% exact duplicates.

    Streams in constant memory (only the last page and a few recent headlines are kept).
    Deterministic for ``seed``.
    """
    rng = random.Random(seed)
    stories = synthetic_stories(n, seed)
    recent: list[tuple[str, str]] = []
    teasers: list[Teaser] = []
    previous: SyntheticPage | None = None
    for index in range(n):
        roll = rng.random()
        if previous is not None and roll < DUPLICATE_RATE:
            yield (previous := SyntheticPage(index, "duplicate", previous.url, previous.fetched_at + timedelta(days=1), previous.data))
            continue
        if len(teasers) >= 10 and roll < DUPLICATE_RATE + LISTING_RATE:
            site = rng.choice(SITES)
            kind = rng.choice(("category", "tag", "index"))
            heading = rng.choice(MENU) if kind != "tag" else rng.choice(("banjir", "DPRD", "stunting", "perlindungan anak"))
            data = render_listing(site, heading, teasers[-12:], kind=kind, bulk=_site_bulk(site))
            url = f"https://{site.host}/{kind}/{_slug(heading)}/page/{index}/"
            yield SyntheticPage(index, "listing", url, teasers[-1].published + timedelta(hours=1), data)
            continue
        story = next(stories)
        spec = story_page_spec(story, rng, recent)
        record = story_record(story)
        record["published_tz_source"] = _tz_source(spec)
        fetched = story.published + timedelta(hours=rng.randint(1, 72), seconds=rng.randint(0, 3599))
        previous = SyntheticPage(index, "article", story.url, fetched, render_page(spec), record)
        yield previous
        recent.append((story.title, story.url))
        teasers.append(Teaser(story.title, story.url, story.published, story.description))
        del recent[:-40], teasers[:-12]


# --- writers -------------------------------------------------------------------------------------


def _http_date(moment: datetime) -> str:
    utc = moment.astimezone(UTC)
    return utc.strftime("%a, %d %b %Y %H:%M:%S GMT")


def _record_id(seed: int, index: int) -> str:
    digest = hashlib.sha256(f"kutim-synthetic/{seed}/{index}".encode()).hexdigest()
    return f"<urn:uuid:{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}>"


WARC_GZIP_LEVEL = 6  # zlib's default; warcio's own level 9 is 3x slower for 2% smaller archives


def warc_record_bytes(page: SyntheticPage, seed: int) -> bytes:
    """One ``response`` record (with HTTP headers) as its own gzip member; the record id and
    dates are deterministic, so the same seed gives byte-identical archives."""
    import zlib
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    headers = StatusAndHeaders("200 OK", [
        ("Server", "nginx"), ("Date", _http_date(page.fetched_at)),
        ("Content-Type", "text/html; charset=UTF-8"), ("Content-Length", str(len(page.data))),
    ], protocol="HTTP/1.1")
    warc_headers = {
        "WARC-Record-ID": _record_id(seed, page.index),
        "WARC-Date": page.fetched_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    buffer = BytesIO()
    writer = WARCWriter(buffer, gzip=False, warc_version="1.0")
    record = writer.create_warc_record(page.url, "response", payload=BytesIO(page.data), http_headers=headers,
                                       warc_headers_dict=warc_headers)
    writer.write_record(record)
    packer = zlib.compressobj(WARC_GZIP_LEVEL, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    return packer.compress(buffer.getvalue()) + packer.flush()


def write_html_page(folder, page: SyntheticPage) -> None:
    from pathlib import Path

    target = Path(folder) / page.path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(page.data)
