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
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
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
        return rng.randint(2, 3)
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
    pool = [s.format(**fill) for s in COMMON_SENTENCES]
    rng.shuffle(pool)
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
                pool = [s.format(**_slots(rng, topic, region, year)) for s in COMMON_SENTENCES] + pool
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
    url = f"https://{site.host}/{published:%Y/%m/%d}/{slug}-{key}/"
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


def synthetic_stories(n: int, seed: int = 0) -> Iterator[Story]:
    rng = random.Random(seed)
    for key in range(n):
        yield make_story(rng, key)


# --- records ---------------------------------------------------------------------------------


def content_hash(body: str) -> str:
    """Same rule as the pipeline: sha256 of the body lower-cased with whitespace collapsed."""
    return hashlib.sha256(" ".join(body.lower().split()).encode("utf-8")).hexdigest()


def story_record(story: Story, *, validate: bool = True) -> dict[str, Any]:
    """The article record `kutim build` should produce for the story's page."""
    body = story.body
    region = story.region
    province = region.province_code
    record = schema.blank_record(
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
