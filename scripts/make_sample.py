"""Write the sample pages in data/raw/sample/ and their description in data/raw/README.md.

    python scripts/make_sample.py            # rewrite data/raw/sample and data/raw/README.md
    python scripts/make_sample.py --check    # exit 1 when the committed files differ from the output

The articles below are fictional and were written for this project (people, quotes, numbers and
portal hosts are invented). They are rendered with the portal templates of
``kutim_corpus.synthetic`` (JNews-like, GeneratePress-like, hand-made PHP), so the sample pages and
the synthetic bench corpora share their boilerplate. The output is deterministic: running the
script twice gives the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import io
import sys
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from kutim_corpus.synthetic import SITES, WIB, WITA, PageSpec, Site, render_page

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "raw" / "sample"
README = REPO / "data" / "raw" / "README.md"
SITE = {s.host: s for s in SITES}
BULK = 24  # KB of inline CSS/JS per sample page (real pages carry more; the sample stays small)

# Headlines of other (fictional) stories, for "Baca juga", related lists and sidebars.
OTHER_HEADLINES = (
    ("KALIMANTAN TIMUR", "Pemkab Kutim Siapkan Gudang Logistik Baru di Sangatta Selatan"),
    ("KALIMANTAN TIMUR", "Ribuan Pelajar Ikuti Lomba Baca Puisi Tingkat Kabupaten"),
    ("Kutai Timur", "Harga Cabai di Pasar Induk Sangatta Mulai Turun"),
    ("KALIMANTAN TIMUR", "Petani Kaubun Panen Jagung di Lahan Bekas Tambang"),
    ("Kutai Timur", "Turnamen Sepak Bola Antar-Desa Digelar di Rantau Pulung"),
    ("Pemerintahan", "Camat Bengalon Minta Warga Urus Dokumen Kependudukan"),
    ("KALIMANTAN TIMUR", "Kutim Raih Penghargaan Keterbukaan Informasi Publik"),
    ("Kesehatan", "Puskesmas Teluk Pandan Tambah Layanan Gigi"),
    ("Pendidikan", "SMP di Sangkulirang Terima Bantuan Komputer"),
    ("Kutai Timur", "Nelayan Sandaran Keluhkan Solar Langka"),
    ("KALIMANTAN TIMUR", "Festival Kuliner Lokal Ramaikan Ulang Tahun Kutim"),
    ("Politik", "KPU Kutim Mulai Coklit Data Pemilih"),
)


def others(*indexes: int) -> list[tuple[str, str]]:
    """Inline "Baca juga" links to other stories (the page's host is filled in by page_spec)."""
    return [(OTHER_HEADLINES[i][1], f"/arsip/{i}/") for i in indexes]


@dataclass
class Sample:
    """One sample page: the article, how it is served, and what the build should find."""

    file: str
    host: str
    title: str
    published: datetime
    paragraphs: list[str]
    what: str  # what the page exercises
    dateline: str | None
    advertorial: str | None  # the marker as written, or None
    region: str  # expected region code and name
    options: dict = field(default_factory=dict)
    section: str = "KALIMANTAN TIMUR"
    breadcrumb: tuple[str, ...] = ("KALIMANTAN TIMUR", "Kutai Timur")
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    expected_local: str | None = None  # when it differs from ``published`` (e.g. printed only)
    key: int = 0


def at(year: int, month: int, day: int, hour: int, minute: int, zone=WITA, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=zone)


ARTICLES: list[Sample] = [
    Sample(
        "kutimterkini-dp3a-satgas-ppa-desa.html", "kutimterkini.id",
        "DP3A Kutim Bentuk Satgas Perlindungan Anak di 18 Kecamatan",
        at(2024, 12, 4, 9, 36),
        [
            "KUTIM – Dinas Pemberdayaan Perempuan dan Perlindungan Anak (DP3A) Kutim mulai membentuk satuan tugas perlindungan perempuan dan anak di 18 kecamatan. Satgas ini diharapkan menjadi pintu pertama bagi warga yang mengetahui atau mengalami kekerasan, sebelum kasusnya ditangani dinas.",
            "Sekretaris DP3A Kutim, dr. Rahmawati Lahang, mengatakan pembentukan satgas dilakukan bertahap sejak Oktober. Setiap satgas beranggotakan kader posyandu, guru, tokoh agama, dan perangkat desa yang sudah mengikuti pelatihan pendampingan korban.",
            "“Selama ini laporan baru masuk setelah kasusnya viral atau sudah parah. Dengan satgas di kecamatan, kami ingin laporan datang lebih cepat dan korban segera didampingi,” ujar dr. Rahmawati.",
            "Menurut data DP3A, sepanjang Januari hingga November 2024 tercatat 64 kasus kekerasan terhadap anak di Kutai Timur. Sebagian besar berupa kekerasan seksual dan penelantaran, dan hampir semuanya terjadi di lingkungan yang dekat dengan korban.",
            "Ia menjelaskan, satgas juga akan membantu pendataan anak yang belum memiliki akta kelahiran. Tanpa dokumen itu, anak kesulitan mengakses sekolah dan layanan kesehatan, sehingga lebih rentan ditelantarkan.",
            "Kepala Desa Sangatta Baru, Marlina Effendi, menyambut baik langkah tersebut. Menurutnya, warga sering bingung harus melapor ke mana ketika melihat anak tetangga diperlakukan kasar. “Sekarang ada orang yang jelas di desa, warga tahu harus menghubungi siapa,” kata Marlina.",
            "DP3A menargetkan seluruh desa di Kutim memiliki satgas paling lambat akhir 2025, seiring upaya kabupaten meraih predikat Kabupaten Layak Anak. (adv)",
        ],
        "JNews theme; JSON-LD NewsArticle + BreadcrumbList; article:published_time with +08:00 while the date line prints a literal WIB; header prints the crawl date; inline 'Baca juga' boxes; 'Share :' bar; 'Baca Juga' related list",
        "KUTIM", "(adv)", "64.08 Kutai Timur",
        options={"jsonld": "newsarticle", "meta_time": True, "printed_zone": "WIB", "inline_related": others(0, 1)},
        tags=("DP3A", "perlindungan anak", "Kutim"), authors=("Yuliani Saputra",),
    ),
    Sample(
        "sangattapos-kekerasan-anak-2024.html", "sangattapos.com",
        "Kasus Kekerasan Anak di Kutim Naik, DP3A Minta Orang Tua Lebih Waspada",
        at(2024, 8, 19, 15, 5),
        [
            "SANGATTA – Jumlah laporan kekerasan terhadap anak yang masuk ke Dinas Pemberdayaan Perempuan dan Perlindungan Anak (DP3A) Kutim meningkat dibanding tahun lalu. Hingga pertengahan Agustus 2024, dinas telah menerima 41 laporan, sementara pada periode yang sama tahun lalu hanya 29 laporan.",
            "Kepala Bidang Perlindungan Anak DP3A Kutim, Siti Hasanah, menilai kenaikan itu tidak semata berarti kasus bertambah. Warga kini lebih berani melapor karena layanan pengaduan dibuka melalui telepon dan pesan singkat.",
            "“Kami justru bersyukur orang mau bicara. Yang kami khawatirkan adalah kasus yang disimpan keluarga karena dianggap aib,” jelas Siti.",
            "Ia meminta orang tua memperhatikan perubahan perilaku anak, seperti menjadi pendiam, takut bertemu orang tertentu, atau enggan berangkat sekolah. Tanda-tanda semacam itu sering menjadi petunjuk awal bahwa anak mengalami kekerasan.",
            "DP3A juga bekerja sama dengan unit perlindungan perempuan dan anak di kepolisian untuk mempercepat penanganan perkara. Korban mendapat pendampingan psikolog sejak pemeriksaan hingga persidangan.",
            "“Anak yang menjadi korban tidak boleh dibiarkan sendirian menghadapi proses hukum. Kami dampingi sampai selesai,” tegasnya. (SK-04)",
        ],
        "GeneratePress theme; Yoast-like JSON-LD @graph (Article, WebPage, BreadcrumbList); <time datetime> with +08:00 and a date printed without time; 'Baca Juga:' strong lines; jetpack 'Berita Terkait'; reporter code (SK-04) that is NOT an advertorial",
        "SANGATTA", None, "64.08 Kutai Timur",
        options={"jsonld": "graph", "date_style": "dmy", "inline_related": others(2, 3)},
        tags=("kekerasan anak", "DP3A"), authors=("Ilham Nugroho",),
    ),
    Sample(
        "warta-kutim-forum-anak-kla.html", "warta-kutim.co.id",
        "Forum Anak Muara Wahau Dilibatkan Susun Rencana Desa Layak Anak",
        at(2024, 12, 4, 9, 36),
        [
            "MUARA WAHAU – Upaya Kutai Timur menuju Kabupaten Layak Anak kini melibatkan anak-anak secara langsung. Forum Anak Kecamatan Muara Wahau diundang dalam musyawarah perencanaan pembangunan desa untuk menyampaikan kebutuhan mereka.",
            "Dinas Pemberdayaan Perempuan dan Perlindungan Anak (DP3A) Kutim mendampingi forum tersebut sejak awal tahun. Para anggota forum, yang berusia 12 hingga 17 tahun, mengusulkan taman bermain yang aman, penerangan jalan menuju sekolah, dan perpustakaan desa.",
            "Kepala DP3A Kutim, Hj. Nurhayati Kusuma, mengatakan suara anak sering terlupakan dalam rapat desa yang biasanya diisi orang dewasa. “Mereka yang paling tahu jalan mana yang gelap dan di mana mereka merasa tidak aman,” tutur Nurhayati.",
            "Camat Muara Wahau, Darmawan Ngau, berjanji mengawal usulan forum anak agar masuk dalam anggaran desa tahun depan. Menurutnya, beberapa usulan tidak membutuhkan biaya besar, misalnya memasang lampu di jalan setapak menuju sekolah.",
            "DP3A berencana membentuk forum anak serupa di seluruh kecamatan pada 2025. (adv/kominfokutim)",
        ],
        "Hand-made PHP portal: tables, no JSON-LD, no OpenGraph, title prefixed with the site name, h2 headline, paragraphs separated by <br><br>, inline '<b>Baca juga:</b>' lines, 'Berita Lainnya', numeric date '04/12/2024, 09:36 WITA'",
        "MUARA WAHAU", "(adv/kominfokutim)", "64.08 Kutai Timur",
        options={"date_style": "numeric", "og": False, "inline_related": others(4, 5)},
        tags=("forum anak", "KLA", "Muara Wahau"),
    ),
    Sample(
        "beritakutai-banjir-muara-wahau-2025.html", "beritakutai.net",
        "Banjir Rendam Ratusan Rumah di Muara Wahau, BPBD Kutim Buka Dapur Umum",
        at(2025, 1, 13, 14, 20),
        [
            "MUARA WAHAU – Hujan deras yang turun selama dua hari membuat Sungai Wahau meluap dan merendam sedikitnya 320 rumah di tiga desa. Badan Penanggulangan Bencana Daerah (BPBD) Kutim membuka dapur umum di halaman kantor kecamatan sejak Senin pagi.",
            "Kepala Pelaksana BPBD Kutim, Ir. Purnomo Setiawan, mengatakan ketinggian air di permukiman mencapai satu meter di titik terendah. Sebagian warga memilih bertahan di lantai atas rumah panggung, sedangkan warga lanjut usia dievakuasi ke balai desa.",
            "“Prioritas kami hari ini adalah makanan, air bersih, dan obat-obatan. Perahu karet sudah kami sebar ke desa yang aksesnya terputus,” kata Purnomo.",
            "Akses jalan poros menuju Muara Wahau sempat tidak bisa dilalui kendaraan kecil karena genangan di beberapa ruas. Truk pengangkut bantuan harus menunggu air surut sebelum bisa melanjutkan perjalanan.",
            "BPBD mencatat banjir serupa terjadi hampir setiap awal tahun. Purnomo meminta pemerintah desa menyiapkan jalur evakuasi dan lumbung pangan agar warga tidak terlalu bergantung pada bantuan dari Sangatta.",
            "“Kami minta warga tetap waspada karena curah hujan diperkirakan masih tinggi sampai akhir Januari,” pungkasnya.",
        ],
        "JNews theme without JSON-LD or article:published_time: the only date is the printed line 'Senin, 13 Januari 2025 - 14:20 WITA' (the top bar prints the crawl date 'Kamis, 16 Januari 2025', which is not the publication date)",
        "MUARA WAHAU", None, "64.08 Kutai Timur",
        options={"og": True}, tags=("banjir", "BPBD", "Muara Wahau"), authors=("Hendra Pratama",),
    ),
    Sample(
        "kutimnews-banjir-sangatta-utara-2024.html", "kutimnews.id",
        "BPBD Kutim Siagakan 40 Personel Hadapi Banjir di Sangatta Utara",
        at(2024, 5, 7, 7, 45, WIB),
        [
            "SANGATTA – Badan Penanggulangan Bencana Daerah (BPBD) Kutim menyiagakan 40 personel setelah banjir menggenangi sejumlah perumahan di Kecamatan Sangatta Utara, Selasa (7/5/2024) pagi.",
            "Genangan paling tinggi terpantau di kawasan Gang Masjid dan sekitar Jalan Poros Sangatta, dengan kedalaman sekitar 60 sentimeter. Air berasal dari luapan Sungai Sangatta yang bertemu dengan pasang air laut.",
            "Kabid Kedaruratan dan Logistik BPBD Kutim, Taufik Syahputra, mengatakan personel disebar di empat posko. Tim juga menyiapkan dua perahu karet untuk warga yang membutuhkan evakuasi.",
            "“Untuk saat ini belum ada warga yang mengungsi. Tetapi kalau hujan kembali turun malam ini, kami siap memindahkan warga ke tempat yang lebih tinggi,” ujar Taufik.",
            "Ia mengimbau warga tidak membiarkan anak-anak bermain di genangan air karena arus di saluran drainase cukup deras. BPBD juga meminta warga mematikan listrik bila air mulai masuk ke rumah.",
        ],
        "GeneratePress theme from a portal that works in WIB: <time datetime> with +07:00, printed date without time; no JSON-LD",
        "SANGATTA", None, "64.08 Kutai Timur",
        options={"date_style": "dmy", "inline_related": others(6, 7)}, tags=("banjir", "BPBD"),
    ),
    Sample(
        "suarasangatta-banjir-bengalon-logistik.html", "suarasangatta.com",
        "Bantuan Logistik untuk Korban Banjir Bengalon Mulai Disalurkan",
        at(2024, 6, 4, 12, 45, WITA, second=26),
        [
            "BENGALON – Bantuan logistik bagi warga terdampak banjir di Kecamatan Bengalon mulai disalurkan Badan Penanggulangan Bencana Daerah (BPBD) Kutim bersama relawan, Selasa siang.",
            "Bantuan berupa beras, minyak goreng, telur, air mineral, dan perlengkapan bayi diangkut menggunakan dua truk dan satu perahu motor. Sebagian paket diantar langsung ke rumah warga yang tidak bisa keluar karena jalan masih tergenang.",
            "Sekretaris BPBD Kutim, Agustina Tanjung, mengatakan pendataan warga terdampak dilakukan bersama pemerintah desa agar bantuan tidak tumpang tindih. Hingga siang tadi tercatat 187 kepala keluarga di lima desa.",
            "“Kami utamakan keluarga yang punya balita, ibu hamil, dan orang tua. Setelah itu baru ke keluarga lain,” jelasnya.",
            "Seorang warga Desa Sepaso, Rosmini, mengaku air masuk ke rumahnya sejak subuh. Ia berharap pemerintah membangun tanggul di tepi sungai agar banjir tidak terus berulang. (ra/kk)",
        ],
        "PHP portal printing a 12-hour clock with seconds: '04/06/2024 12:45:26 PM WITA'; reporter code (ra/kk) is not an advertorial marker",
        "BENGALON", None, "64.08 Kutai Timur",
        options={"date_style": "ampm", "printed_zone": "WITA"}, tags=("banjir", "Bengalon"),
    ),
    Sample(
        "kaltimhariini-dinkes-stunting.html", "kaltimhariini.id",
        "Angka Stunting Kutim Turun, Dinkes Tambah Posyandu Keliling",
        at(2024, 10, 22, 10, 10),
        [
            "KUTIM – Dinas Kesehatan (Dinkes) Kutim mencatat prevalensi stunting di Kutai Timur turun menjadi 17,8 persen. Angka itu lebih rendah dibanding tahun sebelumnya yang masih di atas 20 persen.",
            "Kepala Dinkes Kutim, dr. Bambang Firmansyah, mengatakan penurunan itu hasil kerja banyak pihak, mulai dari kader posyandu, bidan desa, hingga perusahaan yang membantu pemberian makanan tambahan.",
            "“Kami belum puas. Target nasional 14 persen, dan masih ada desa di pedalaman yang angkanya jauh di atas rata-rata,” ungkap dr. Bambang.",
            "Untuk menjangkau desa terpencil, Dinkes menambah layanan posyandu keliling yang membawa alat ukur, vitamin, dan makanan tambahan. Petugas datang sebulan sekali ke desa yang jauh dari puskesmas.",
            "Dinkes juga bekerja sama dengan Dinas Perumahan dan Kawasan Permukiman untuk memperbaiki sanitasi rumah warga, karena air bersih dan jamban sehat berpengaruh besar pada tumbuh kembang anak. (adv)",
        ],
        "JNews theme with a Yoast-like JSON-LD @graph and article:published_time (+08:00) printed as WITA",
        "KUTIM", "(adv)", "64.08 Kutai Timur",
        options={"jsonld": "graph", "meta_time": True, "printed_zone": "WITA"},
        section="Kesehatan", breadcrumb=("KALIMANTAN TIMUR", "Kutai Timur"), tags=("stunting", "Dinkes"),
        authors=("Citra Wulandari",),
    ),
    Sample(
        "etamnews-disdikbud-insentif-guru.html", "etamnews.co.id",
        "Insentif Guru Honorer Kutim Cair Sebelum Lebaran",
        at(2023, 4, 10, 16, 30),
        [
            "SANGATTA – Dinas Pendidikan dan Kebudayaan (Disdikbud) Kutim memastikan insentif guru honorer triwulan pertama dibayarkan sebelum Lebaran. Sebanyak 2.140 guru di jenjang PAUD, SD, dan SMP akan menerima insentif tersebut.",
            "Sekretaris Disdikbud Kutim, Drs. Sudarman Yusuf, mengatakan berkas pencairan sudah diverifikasi dan diserahkan ke bagian keuangan. Guru yang datanya belum lengkap diminta segera melapor ke sekolah masing-masing.",
            "“Jangan sampai ada guru yang tidak menerima hanya karena nomor rekening salah. Kepala sekolah harus memeriksa ulang data gurunya,” kata Sudarman.",
            "Besaran insentif tahun ini tidak berubah dibanding tahun lalu. Namun, Disdikbud sedang mengkaji kenaikan untuk guru yang mengajar di desa terpencil, seperti di Kecamatan Busang dan Long Mesangat.",
        ],
        "GeneratePress theme, no OpenGraph, <time datetime> +08:00 with a printed long date line",
        "SANGATTA", None, "64.08 Kutai Timur",
        options={"og": False, "date_style": "long", "printed_zone": "WITA"}, section="Pendidikan",
        breadcrumb=("Pendidikan",), tags=("guru honorer", "Disdikbud"),
    ),
    Sample(
        "mahakampost-dprd-kutim-apbd-perubahan.html", "mahakampost.com",
        "DPRD Kutim Setujui APBD Perubahan 2024, Fraksi Soroti Serapan Anggaran",
        at(2024, 9, 27, 20, 15),
        [
            "SANGATTA – Dewan Perwakilan Rakyat Daerah (DPRD) Kutim menyetujui rancangan APBD Perubahan 2024 dalam rapat paripurna yang berlangsung hingga malam. Persetujuan itu ditandai penandatanganan berita acara oleh pimpinan dewan dan Bupati.",
            "Sebelum persetujuan, seluruh fraksi menyampaikan pendapat akhir. Hampir semua fraksi menyoroti serapan anggaran yang dinilai lambat, terutama untuk proyek infrastruktur di kecamatan.",
            "Wakil Ketua DPRD Kutim, H. Zainal Sembiring, meminta organisasi perangkat daerah mempercepat lelang agar pekerjaan tidak menumpuk di akhir tahun. “Kalau lelang baru selesai November, hasilnya pasti terburu-buru dan kualitasnya dipertanyakan,” tegas Zainal.",
            "Anggota Komisi D, Oktavia Anggraini, menambahkan agar anggaran kesehatan dan pendidikan tidak dipangkas dalam perubahan. Menurutnya, dua sektor itu menyangkut kebutuhan dasar warga yang tidak bisa ditunda.",
            "Bupati dalam sambutannya berterima kasih atas masukan dewan dan berjanji mengevaluasi perangkat daerah yang serapannya rendah. (Adv-DPRD/Tj)",
        ],
        "PHP portal, DPRD advertorial ending '(Adv-DPRD/Tj)', printed 'Jumat, 27 September 2024 - 20:15 WITA'",
        "SANGATTA", "(Adv-DPRD/Tj)", "64.08 Kutai Timur",
        options={"date_style": "long"}, section="Politik", breadcrumb=("Politik", "DPRD Kutim"), tags=("DPRD", "APBD"),
    ),
    Sample(
        "borneoupdate-dpupr-jalan-poros.html", "borneoupdate.id",
        "Perbaikan Jalan Poros Sangatta-Bengalon Ditarget Rampung Desember",
        at(2023, 7, 18, 11, 0, WIB),
        [
            "SANGATTA – Dinas Pekerjaan Umum dan Penataan Ruang (DPUPR) Kutim menargetkan perbaikan jalan poros Sangatta-Bengalon sepanjang 12 kilometer rampung pada Desember 2023. Ruas itu rusak parah karena sering dilalui truk bermuatan berat.",
            "Kabid Bina Marga DPUPR Kutim, Ardiansyah Ladjar, mengatakan pekerjaan dibagi menjadi tiga paket. Dua paket sudah berjalan, sementara satu paket lagi masih dalam tahap lelang.",
            "“Titik yang paling parah kami dahulukan, terutama tanjakan yang sering membuat kendaraan terjebak saat hujan,” ujar Ardiansyah.",
            "Selain perkerasan jalan, DPUPR juga membangun saluran air di sisi jalan. Tanpa drainase, air hujan menggenang di badan jalan dan mempercepat kerusakan aspal yang baru dipasang.",
            "Pengguna jalan diminta berhati-hati saat melintas di lokasi pekerjaan, terutama pada malam hari karena penerangan masih terbatas.",
        ],
        "JNews theme from a WIB portal: JSON-LD NewsArticle with +07:00 and a printed WIB line",
        "SANGATTA", None, "64.08 Kutai Timur",
        options={"jsonld": "newsarticle"}, section="Pembangunan", tags=("jalan", "DPUPR"), authors=("Gunawan Permata",),
    ),
    Sample(
        "lensakaltim-banjir-samarinda-2025.html", "lensakaltim.net",
        "Banjir Kembali Genangi Samarinda, BPBD Minta Warga Bantaran Sungai Waspada",
        at(2025, 3, 2, 6, 50),
        [
            "SAMARINDA – Banjir kembali menggenangi sejumlah kawasan di Samarinda setelah hujan lebat turun sejak Sabtu malam. Badan Penanggulangan Bencana Daerah (BPBD) Samarinda mencatat genangan di 14 titik, sebagian besar di sekitar Sungai Karang Mumus.",
            "Kepala Pelaksana BPBD Samarinda, Lukman Hidayat, mengatakan genangan di jalan utama mulai surut menjelang siang, tetapi permukiman di bantaran sungai masih terendam.",
            "“Warga yang tinggal di bantaran kami minta mengamankan barang berharga dan dokumen penting. Kalau air naik lagi, segera hubungi posko,” ujar Lukman.",
            "Banjir juga membuat arus lalu lintas di beberapa ruas tersendat. Petugas Dinas Perhubungan dikerahkan untuk mengalihkan kendaraan ke jalur yang tidak tergenang.",
        ],
        "GeneratePress theme; a Kaltim story outside Kutai Timur (Samarinda, 64.72)",
        "SAMARINDA", None, "64.72 Samarinda",
        options={"date_style": "dmy", "jsonld": "graph"}, section="Peristiwa",
        breadcrumb=("KALIMANTAN TIMUR", "Samarinda"), tags=("banjir", "Samarinda"),
    ),
    Sample(
        "benuaetam-festival-budaya-charset.html", "benuaetam.com",
        "Festival Budaya Wehea Tampilkan Tarian dan Kuliner Khas Kutim",
        at(2023, 9, 9, 19, 30),
        [
            "MUARA WAHAU – Ratusan warga memadati lapangan desa di Muara Wahau untuk menyaksikan Festival Budaya Wehea, Sabtu malam. Festival tahunan ini menampilkan tarian adat, musik sape, dan pameran kerajinan manik-manik.",
            "Dinas Pendidikan dan Kebudayaan (Disdikbud) Kutim mendukung festival tersebut sebagai upaya melestarikan budaya Dayak Wehea. Kepala Disdikbud Kutim, Ridwan Maulana, mengatakan festival juga menjadi ruang belajar bagi pelajar.",
            "“Anak-anak kita harus mengenal “rumah” budayanya sendiri – bukan hanya dari buku, tetapi dari menari dan bermain musik bersama para tetua,” kata Ridwan.",
            "Di sudut lapangan, sebuah café milik pemuda desa menjual kopi lokal dan kue tradisional. Pengunjung dari Sangatta dan Samarinda ikut mencicipi hidangan yang dimasak dengan resep turun-temurun.",
            "Panitia berharap festival ini masuk dalam kalender wisata Kalimantan Timur sehingga lebih banyak wisatawan datang ke Wehea.",
        ],
        "PHP portal whose <meta http-equiv> declares charset=iso-8859-1 while the bytes are UTF-8 (curly quotes “ ”, en dash –, é in 'café')",
        "MUARA WAHAU", None, "64.08 Kutai Timur",
        options={"charset": "iso-8859-1", "date_style": "numeric"}, section="Budaya", breadcrumb=("Budaya",),
        tags=("budaya", "Wehea"),
    ),
    Sample(
        "kutimterkini-imunisasi-rsud.html.gz", "kutimterkini.id",
        "Dinkes Kutim Gelar Bulan Imunisasi Anak di 21 Puskesmas",
        at(2025, 8, 5, 8, 15),
        [
            "SANGATTA – Dinas Kesehatan (Dinkes) Kutim menggelar Bulan Imunisasi Anak di 21 puskesmas sepanjang Agustus 2025. Orang tua diminta membawa anak usia sembilan bulan hingga enam tahun ke puskesmas atau posyandu terdekat.",
            "Kabid Kesehatan Masyarakat Dinkes Kutim, Herlina Pakpahan, mengatakan cakupan imunisasi dasar lengkap tahun lalu baru mencapai 81 persen. Sebagian orang tua masih ragu karena kabar keliru yang beredar di media sosial.",
            "“Vaksin yang kami berikan aman dan sudah dipakai puluhan tahun. Kalau ada yang ragu, silakan tanya langsung ke bidan atau dokter di puskesmas,” ujar Herlina.",
            "Untuk desa yang jauh dari puskesmas, petugas akan datang bersama tim posyandu keliling. Jadwal kunjungan diumumkan melalui kepala desa dan grup percakapan warga.",
        ],
        "gzip-compressed JNews page (.html.gz); JSON-LD NewsArticle with +08:00 while the page prints WIB",
        "SANGATTA", None, "64.08 Kutai Timur",
        options={"jsonld": "newsarticle", "printed_zone": "WIB"}, section="Kesehatan", tags=("imunisasi", "Dinkes"),
        authors=("Yuliani Saputra",),
    ),
    Sample(
        "sangattapos-banjir-kaliorang-2025.html.gz", "sangattapos.com",
        "Warga Kaliorang Dievakuasi Saat Banjir Setinggi Pinggang",
        at(2025, 2, 11, 21, 40),
        [
            "KALIORANG – Puluhan warga Kecamatan Kaliorang dievakuasi petugas gabungan setelah banjir setinggi pinggang orang dewasa merendam permukiman, Selasa malam.",
            "Badan Penanggulangan Bencana Daerah (BPBD) Kutim mengerahkan dua perahu karet dan satu truk untuk membawa warga ke gedung sekolah yang dijadikan tempat pengungsian sementara.",
            "Kepala Pelaksana BPBD Kutim, Ir. Purnomo Setiawan, mengatakan evakuasi diutamakan bagi anak-anak, ibu hamil, dan warga sakit. “Kami bergerak begitu menerima laporan dari kepala desa. Semua warga yang minta dievakuasi sudah kami jemput,” kata Purnomo.",
            "BPBD bersama Dinas Sosial menyiapkan makanan siap saji, selimut, dan tikar di tempat pengungsian. Petugas puskesmas juga berjaga untuk memeriksa kesehatan pengungsi.",
            "Warga berharap normalisasi sungai segera dilakukan karena pendangkalan membuat air cepat meluap saat hujan deras.",
        ],
        "gzip-compressed GeneratePress page (.html.gz); flood story of 2025 for the demo searches",
        "KALIORANG", None, "64.08 Kutai Timur",
        options={"date_style": "dmy", "jsonld": "graph"}, section="Peristiwa", tags=("banjir", "BPBD", "Kaliorang"),
    ),
    Sample(
        "tribunmahakam-kotim-sampit-pasar.html", "tribunmahakam.id",
        "Pemkab Kotim Tata Ulang Pasar Sampit Setelah Kebakaran",
        at(2024, 2, 15, 13, 25, WIB),
        [
            "SAMPIT – Pemerintah Kabupaten Kotawaringin Timur (Kotim) mulai menata ulang kawasan pasar di Sampit setelah kebakaran yang menghanguskan puluhan kios bulan lalu.",
            "Pedagang yang kehilangan kios dipindahkan sementara ke lahan parkir di sisi timur pasar. Pemkab menyiapkan tenda dan meja agar aktivitas jual beli tetap berjalan selama pembangunan kembali.",
            "Asisten Perekonomian Setda Kotim, Joko Handayani, mengatakan pasar baru akan dilengkapi hidran dan jalur evakuasi. “Kami tidak ingin kejadian yang sama terulang. Keselamatan pedagang dan pembeli nomor satu,” ujarnya.",
            "Pembangunan kembali ditargetkan dimulai pertengahan tahun setelah desain dan anggaran disetujui DPRD.",
        ],
        "JNews theme; Kotim (Kotawaringin Timur, Kalimantan Tengah, 62.02), the classic trap for Kutim; WIB portal without JSON-LD but with article:published_time +07:00",
        "SAMPIT", None, "62.02 Kotawaringin Timur",
        options={"meta_time": True}, section="Nusantara", breadcrumb=("Nusantara", "Kalimantan Tengah"), tags=("Kotim", "pasar"),
    ),
    Sample(
        "kalimantanpos-reses-dprd-kutim.html", "kalimantanpos.co.id",
        "Reses di Rantau Pulung, Anggota DPRD Kutim Tampung Keluhan Jalan Tani",
        at(2025, 4, 23, 10, 5, WIB),
        [
            "RANTAU PULUNG – Anggota Dewan Perwakilan Rakyat Daerah (DPRD) Kutim menggelar reses di Kecamatan Rantau Pulung. Dalam pertemuan di balai desa, warga menyampaikan keluhan soal jalan tani yang rusak dan sulit dilalui saat musim hujan.",
            "Anggota DPRD Kutim, Andi Saputra, mengatakan jalan tani sangat penting bagi petani sawit dan jagung untuk mengangkut hasil panen. Tanpa jalan yang layak, biaya angkut membengkak dan harga jual di tingkat petani turun.",
            "“Semua usulan warga malam ini kami catat dan akan kami perjuangkan dalam pembahasan anggaran tahun depan,” ujar Andi.",
            "Selain jalan tani, warga juga meminta penambahan guru di sekolah dasar dan perbaikan jaringan air bersih yang sering macet. (adv)",
        ],
        "GeneratePress theme, DPRD advertorial '(adv)', WIB portal (+07:00)",
        "RANTAU PULUNG", "(adv)", "64.08 Kutai Timur",
        options={"date_style": "dmy", "jsonld": "graph"}, section="Politik", breadcrumb=("Politik",), tags=("DPRD", "reses"),
    ),
]

# One press release (Diskominfo) re-posted by three portals: another dateline, different
# "Baca juga" links, one paragraph trimmed. These are the near-duplicates the cluster step groups.
RELEASE = [
    "Pemerintah Kabupaten Kutai Timur melalui Badan Penanggulangan Bencana Daerah (BPBD) Kutim menggelar simulasi tanggap darurat banjir di Desa Swarga Bara, Kecamatan Sangatta Utara. Simulasi melibatkan 150 peserta dari unsur TNI, Polri, relawan, dan warga desa.",
    "Dalam simulasi, warga berlatih mengenali tanda bahaya, berkumpul di titik aman, dan mengevakuasi kelompok rentan seperti lansia, penyandang disabilitas, dan anak-anak. Petugas juga memperagakan cara mendirikan tenda pengungsian dan dapur umum dalam waktu singkat.",
    "Kepala Pelaksana BPBD Kutim, Ir. Purnomo Setiawan, mengatakan simulasi rutin penting karena sebagian besar wilayah Kutim berada di sepanjang sungai. “Saat banjir datang, tidak ada waktu untuk belajar. Warga harus sudah tahu apa yang dilakukan,” kata Purnomo.",
    "Ia menambahkan, BPBD akan menggelar simulasi serupa di Muara Wahau, Bengalon, dan Sangkulirang hingga akhir tahun. Desa yang sudah mengikuti simulasi diharapkan membentuk tim siaga bencana sendiri.",
    "Kepala Desa Swarga Bara, Wahyudi Lestari, berterima kasih karena desanya dipilih menjadi lokasi simulasi. Menurutnya, warga kini lebih paham jalur evakuasi yang harus ditempuh ketika air sungai naik.",
    "Simulasi ditutup dengan penyerahan perlengkapan siaga bencana berupa pelampung, senter, dan pengeras suara kepada pemerintah desa.",
]
NEAR_DUPLICATES = [
    Sample(
        "warta-kutim-simulasi-banjir-rilis.html", "warta-kutim.co.id",
        "BPBD Kutim Gelar Simulasi Tanggap Darurat Banjir di Swarga Bara", at(2024, 11, 12, 10, 30),
        ["SANGATTA – " + RELEASE[0], *RELEASE[1:5], RELEASE[5] + " (adv/kominfokutim)"],
        "Near-duplicate group 1/3: the press release as first published (PHP portal)",
        "SANGATTA", "(adv/kominfokutim)", "64.08 Kutai Timur",
        options={"date_style": "numeric", "inline_related": others(8, 9)}, tags=("simulasi", "banjir", "BPBD"),
    ),
    Sample(
        "kutimnews-simulasi-banjir-swarga-bara.html", "kutimnews.id",
        "Simulasi Banjir di Swarga Bara Libatkan 150 Peserta", at(2024, 11, 12, 14, 2, WIB),
        ["KUTIM – " + RELEASE[0], *RELEASE[1:4], RELEASE[5] + " (adv)"],
        "Near-duplicate group 2/3: same release, dateline KUTIM, other title and 'Baca Juga:' links, the village head's paragraph trimmed (GeneratePress)",
        "KUTIM", "(adv)", "64.08 Kutai Timur",
        options={"date_style": "dmy", "inline_related": others(10, 11)}, tags=("banjir", "BPBD"),
    ),
    Sample(
        "beritakutai-simulasi-tanggap-darurat.html", "beritakutai.net",
        "Warga Swarga Bara Latihan Evakuasi Hadapi Banjir", at(2024, 11, 13, 8, 20),
        ["SANGATTA – " + RELEASE[0], *RELEASE[1:3], RELEASE[4], RELEASE[3], RELEASE[5] + " (adv)"],
        "Near-duplicate group 3/3: same release a day later, paragraphs 4 and 5 swapped, 'Baca juga' boxes of its own (JNews, JSON-LD)",
        "SANGATTA", "(adv)", "64.08 Kutai Timur",
        options={"jsonld": "newsarticle", "inline_related": others(1, 6)}, tags=("banjir", "simulasi"),
    ),
]

# Paragraphs added before the closing paragraph of some articles (keeps the markers at the end).
MORE: dict[str, list[str]] = {
    "kutimterkini-dp3a-satgas-ppa-desa.html": [
        "Pelatihan anggota satgas berlangsung tiga hari di Sangatta. Materinya meliputi cara menerima laporan, menjaga kerahasiaan identitas korban, dan merujuk korban ke layanan kesehatan maupun bantuan hukum. Peserta juga belajar mengenali kekerasan yang tidak meninggalkan bekas fisik, seperti ancaman dan perundungan.",
        "DP3A menyiapkan buku saku dan formulir laporan sederhana bagi setiap satgas. Laporan dari desa diteruskan ke Unit Pelaksana Teknis Daerah Perlindungan Perempuan dan Anak, yang kemudian menentukan apakah korban perlu pendampingan psikolog, rumah aman, atau pendampingan hukum.",
        "Anggaran pembentukan satgas bersumber dari APBD Kutim 2024 dan dana desa. Sejumlah perusahaan yang beroperasi di Bengalon dan Sangkulirang juga menyatakan siap membantu pelatihan lanjutan melalui program tanggung jawab sosial.",
    ],
    "warta-kutim-forum-anak-kla.html": [
        "Dalam musyawarah di balai desa, seorang anggota forum memaparkan hasil pemetaan sederhana yang dibuat bersama teman-temannya. Peta itu menandai jalan tanpa lampu, sungai yang sering dipakai berenang tanpa pengawasan, dan lokasi yang menurut mereka rawan.",
    ],
    "kutimnews-banjir-sangatta-utara-2024.html": [
        "Sejumlah warga di Gang Masjid memindahkan barang elektronik ke tempat yang lebih tinggi sejak dini hari. Beberapa sepeda motor terpaksa didorong karena mesinnya mati setelah menerjang genangan.",
    ],
    "suarasangatta-banjir-bengalon-logistik.html": [
        "Relawan dari organisasi pemuda dan mahasiswa ikut membantu mengemas paket bantuan di gudang kecamatan. Mereka juga membuka posko pengaduan bagi warga yang belum terdata.",
    ],
    "kaltimhariini-dinkes-stunting.html": [
        "Di tingkat desa, kader posyandu kini mencatat hasil penimbangan balita melalui aplikasi di telepon genggam. Data itu langsung terbaca di puskesmas sehingga balita dengan berat badan kurang bisa segera ditangani.",
        "Dinkes juga menggandeng Kantor Urusan Agama untuk memberi edukasi gizi kepada calon pengantin, karena pencegahan stunting dimulai sejak sebelum kehamilan.",
    ],
    "etamnews-disdikbud-insentif-guru.html": [
        "Sejumlah guru honorer di Sangatta mengaku lega mendengar kepastian pencairan. Selama ini insentif kerap terlambat hingga dua bulan sehingga mereka harus berutang untuk kebutuhan sehari-hari.",
        "Disdikbud juga mengingatkan kepala sekolah agar tidak memotong insentif dengan alasan apa pun. Guru yang menemukan pemotongan diminta melapor langsung ke dinas.",
    ],
    "mahakampost-dprd-kutim-apbd-perubahan.html": [
        "Dalam APBD Perubahan, belanja daerah bertambah untuk penanganan jalan kabupaten, bantuan keuangan desa, dan pengadaan obat di puskesmas. Sebagian tambahan anggaran berasal dari sisa lebih pembiayaan tahun sebelumnya.",
    ],
    "borneoupdate-dpupr-jalan-poros.html": [
        "Warga Bengalon menyambut baik perbaikan tersebut. Selama ini perjalanan ke Sangatta yang semestinya ditempuh satu jam bisa memakan waktu hingga tiga jam ketika jalan berlumpur.",
        "DPUPR juga meminta perusahaan angkutan mematuhi batas muatan. Tanpa pengawasan tonase, jalan yang baru diperbaiki dikhawatirkan kembali rusak dalam waktu singkat.",
    ],
    "lensakaltim-banjir-samarinda-2025.html": [
        "Di Jalan Antasari, sejumlah kendaraan mogok setelah nekat menerobos genangan. Petugas dan warga membantu mendorong kendaraan ke tepi jalan agar tidak menghalangi arus lalu lintas.",
        "Warga di kawasan Jalan Pemuda mengatakan air masuk ke rumah sekitar pukul tiga dini hari. Mereka bergotong royong memindahkan perabot dan mengangkut lansia ke masjid terdekat.",
        "BPBD Samarinda menyiagakan pompa portabel di titik genangan yang paling lama surut dan meminta warga tidak membuang sampah ke drainase.",
    ],
    "benuaetam-festival-budaya-charset.html": [
        "Sejumlah pelajar SMP tampil membawakan tari hudoq yang sudah mereka latih selama sebulan. Para tetua adat duduk di barisan depan dan sesekali memberi isyarat ketika gerakan penari kurang tepat.",
    ],
    "kutimterkini-imunisasi-rsud.html.gz": [
        "Dinkes menyiapkan stok vaksin yang cukup dan lemari pendingin cadangan di puskesmas yang listriknya sering padam. Petugas juga mencatat setiap anak yang sudah diimunisasi agar tidak ada yang terlewat.",
        "Orang tua yang anaknya demam ringan setelah imunisasi diminta tidak panik dan segera menghubungi petugas bila demam tidak turun dalam dua hari.",
    ],
    "sangattapos-banjir-kaliorang-2025.html.gz": [
        "Sejumlah ternak warga ikut diungsikan ke lahan yang lebih tinggi. Petugas kecamatan juga memantau tanggul darurat yang dibuat warga dari karung pasir di tepi sungai.",
        "Menurut kepala desa setempat, air mulai naik sekitar pukul tujuh malam setelah hujan deras mengguyur sejak sore. Dalam dua jam, air sudah masuk ke hampir semua rumah di tepi sungai.",
    ],
    "tribunmahakam-kotim-sampit-pasar.html": [
        "Dinas Perdagangan Kotim mendata ulang pedagang yang berhak menempati kios baru. Pedagang diminta menunjukkan bukti sewa atau kartu retribusi agar pembagian kios tidak menimbulkan sengketa.",
        "Kebakaran terjadi pada dini hari dan menghanguskan 46 kios pakaian serta sembako. Tidak ada korban jiwa, tetapi kerugian pedagang ditaksir mencapai miliaran rupiah.",
        "Sejumlah pedagang berharap pemerintah memberi keringanan retribusi selama berjualan di lokasi sementara, karena pembeli belum seramai sebelum kebakaran.",
    ],
    "kalimantanpos-reses-dprd-kutim.html": [
        "Andi menjelaskan, usulan warga akan dimasukkan dalam pokok-pokok pikiran dewan yang disampaikan kepada pemerintah daerah sebelum penyusunan rancangan anggaran.",
        "Kepala desa setempat menyebut sedikitnya delapan kilometer jalan tani rusak berat. Pada musim hujan, petani harus memikul hasil panen atau menyewa kendaraan khusus dengan biaya tinggi.",
        "Warga juga mengeluhkan jaringan listrik yang sering padam sehingga mesin pengolah hasil panen tidak bisa dipakai.",
    ],
}
for _sample in ARTICLES:
    _sample.paragraphs[-1:-1] = MORE.get(_sample.file, [])

DUPLICATE_OF = ("kutimterkini-dp3a-satgas-ppa-desa.html", "salinan-kutimterkini-dp3a-satgas.html")


def _slug(title: str) -> str:
    return "-".join("".join(c for c in title.lower() if c.isalnum() or c == " ").split())


def page_url(sample: Sample) -> str:
    site = SITE[sample.host]
    if site.template == "php":
        return f"https://{site.host}/berita/{sample.key}/{_slug(sample.title)}.html"
    return f"https://{site.host}/{sample.published:%Y/%m/%d}/{_slug(sample.title)}/"


def page_spec(sample: Sample) -> PageSpec:
    site: Site = SITE[sample.host]
    first = sample.paragraphs[0].split(" – ", 1)[-1]
    related = [(label, title, f"https://{site.host}/arsip/{i}/") for i, (label, title) in enumerate(OTHER_HEADLINES)]
    start = sample.key % len(related)
    spec = PageSpec(
        key=sample.key, site=site, url=page_url(sample), title=sample.title, published=sample.published,
        paragraphs=list(sample.paragraphs), authors=list(sample.authors), tags=list(sample.tags),
        breadcrumb=list(sample.breadcrumb), section=sample.section, description=first[:155].rsplit(" ", 1)[0] + " …",
        related=(related[start:] + related[:start])[:6], popular=[(t, u) for _, t, u in related[::2]],
        bulk=BULK,
    )
    spec = replace(spec, **sample.options)
    spec.inline_related = [(title, f"https://{site.host}{path}") for title, path in spec.inline_related]
    return spec


def _gzip(data: bytes) -> bytes:
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0, filename="") as handle:
        handle.write(data)
    return out.getvalue()


def teasers(samples: list[Sample], host: str | None = None):
    from kutim_corpus.synthetic import Teaser

    chosen = [s for s in samples if host is None or s.host == host]
    return [Teaser(s.title, page_url(s), s.published, s.paragraphs[0].split(" – ", 1)[-1][:180]) for s in chosen]


def build_files() -> dict[str, bytes]:
    """File name -> bytes of every sample page."""
    from kutim_corpus.synthetic import render_listing, render_rss

    files: dict[str, bytes] = {}
    articles = ARTICLES + NEAR_DUPLICATES
    for key, sample in enumerate(articles, start=1001):
        sample.key = key
        data = render_page(page_spec(sample))
        files[sample.file] = _gzip(data) if sample.file.endswith(".gz") else data
    files[DUPLICATE_OF[1]] = files[DUPLICATE_OF[0]]
    by_date = sorted(articles, key=lambda s: s.published, reverse=True)
    files["kutimterkini-kategori-kutai-timur.html"] = render_listing(SITE["kutimterkini.id"], "Kutai Timur", teasers(by_date[:12]), kind="category", bulk=BULK)
    flood = [s for s in by_date if "banjir" in s.tags]
    files["sangattapos-tag-banjir.html"] = render_listing(SITE["sangattapos.com"], "banjir", teasers(flood), kind="tag", bulk=BULK)
    files["sangattapos-feed.xml"] = render_rss(SITE["sangattapos.com"], teasers(by_date[:10]))
    files["empty.html"] = b""
    whole = files["kutimnews-banjir-sangatta-utara-2024.html"]
    files["truncated-download.html"] = whole[: whole.index(b"<style id=") + 3000]
    return files


NON_ARTICLES = [
    ("salinan-kutimterkini-dp3a-satgas.html", "JNews", "kutimterkini.id", "byte-identical copy of kutimterkini-dp3a-satgas-ppa-desa.html saved under another name (sorts after it)", "reject `duplicate` naming the id of kutimterkini-dp3a-satgas-ppa-desa.html (same canonical URL and content hash)"),
    ("kutimterkini-kategori-kutai-timur.html", "JNews-like archive", "kutimterkini.id", "category listing: 12 teasers with dates, pagination, CollectionPage JSON-LD", "reject `not_article`"),
    ("sangattapos-tag-banjir.html", "GeneratePress-like archive", "sangattapos.com", "tag page 'Tag: banjir'", "reject `not_article`"),
    ("sangattapos-feed.xml", "RSS 2.0", "sangattapos.com", "WordPress RSS feed", "reject `not_article`"),
    ("empty.html", "-", "-", "zero-byte file", "reject `empty`"),
    ("truncated-download.html", "GeneratePress", "kutimnews.id", "download cut inside the inline CSS: head only, no article text", "reject (`parse_error` or `empty`; never an article)"),
]


def readme(files: dict[str, bytes]) -> str:
    templates = {"jnews": "JNews-like WordPress", "generatepress": "GeneratePress-like WordPress", "php": "hand-made PHP"}
    lines = [
        "# Raw sample pages (data/raw/sample/)",
        "",
        "**Fictional pages written for this project.** Portal hosts, people, quotes, numbers and events are",
        "invented; no sentence comes from a real portal. Region codes (Kemendagri) and agency names are real",
        "facts (see src/kutim_corpus/data/NOTICE.md). The pages imitate how Kutai Timur / Kalimantan Timur",
        "news portals serve their pages: whole documents with navigation menus, breadcrumbs, sidebars",
        "('Terpopuler', 'Berita Populer'), inline CSS and JavaScript, ad slots, share bars ('Share :',",
        "'Bagikan ini:'), inline 'Baca juga' lines, related lists ('Baca Juga', 'Berita Terkait', 'Berita",
        "Lainnya'), tag lists, post navigation, comment forms and footers.",
        "",
        "They are generated by `scripts/make_sample.py` (article texts are written there by hand; the",
        "templates live in `src/kutim_corpus/synthetic.py` and are shared with the synthetic bench corpora).",
        "Do not edit the HTML by hand: change the script and run `python scripts/make_sample.py`;",
        "`python scripts/make_sample.py --check` says whether the committed files are up to date.",
        "",
        "## Articles and their expected values",
        "",
        "`published_local` is what the page declares: a machine-readable timestamp with an offset wins over",
        "the printed zone (several portals print a literal 'WIB' while their timestamps say +08:00); a page",
        "with only a printed date line takes the printed zone. `advertorial` is the marker as written",
        "(reporter codes such as (SK-04) or (ra/kk) are not advertorials). Region: the story's primary",
        "region (Kemendagri code and name).",
        "",
        "| file | template | site | title | published_local | dateline | advertorial | region | exercises |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for sample in ARTICLES + NEAR_DUPLICATES:
        site = SITE[sample.host]
        size = len(files[sample.file]) // 1024
        lines.append(
            f"| {sample.file} ({size} KB) | {templates[site.template]} | {sample.host} | {sample.title} | "
            f"{sample.expected_local or sample.published.isoformat()} | {sample.dateline or '-'} | "
            f"{sample.advertorial or 'no'} | {sample.region} | {sample.what} |"
        )
    lines += [
        "",
        "The three `*simulasi*` pages are one press release re-posted by three portals (other dateline,",
        "title and 'Baca juga' links, one paragraph trimmed or moved): they belong to one near-duplicate",
        "cluster, represented by the earliest (warta-kutim, 2024-11-12 10:30 +08:00).",
        "",
        "## Pages that are not articles",
        "",
        "| file | template | site | what it is | expected |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += [f"| {name} | {kind} | {host} | {what} | {expected} |" for name, kind, host, what, expected in NON_ARTICLES]
    articles = len(ARTICLES) + len(NEAR_DUPLICATES)
    lines += [
        "",
        f"Totals: {len(files)} files, {articles} distinct articles (kept by a build), 1 duplicate and "
        f"{len(NON_ARTICLES) - 1} other rejects; {sum(map(len, files.values())) // 1024} KB on disk.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare with the committed files instead of writing")
    args = parser.parse_args(argv)
    files = build_files()
    text = readme(files)
    if args.check:
        stale = [n for n, d in files.items() if not (SAMPLE / n).exists() or (SAMPLE / n).read_bytes() != d]
        extra = sorted(p.name for p in SAMPLE.iterdir() if p.name not in files) if SAMPLE.exists() else []
        if not README.exists() or README.read_text("utf-8") != text:
            stale.append(str(README.relative_to(REPO)))
        if stale or extra:
            print(f"out of date: {', '.join(stale + extra)}; run python scripts/make_sample.py", file=sys.stderr)
            return 1
        print(f"{len(files)} sample files up to date")
        return 0
    SAMPLE.mkdir(parents=True, exist_ok=True)
    for name, data in sorted(files.items()):
        (SAMPLE / name).write_bytes(data)
    README.write_text(text, "utf-8")
    print(f"wrote {len(files)} files to {SAMPLE.relative_to(REPO)} ({sum(map(len, files.values())) // 1024} KB) and {README.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
