"""A small handbook written for the search recall test, and the queries a reader would type.

Twelve SOPs in three units, with the word forms, numbers, positions and regulations that
readers search by; QUERI pairs each query with the SOP(s) it must find in the first three.
"""

from __future__ import annotations

from pathlib import Path

import yaml

# id: (nama, nomor, unit, [pelaksana], [dasar hukum], [aktivitas])
SOP = {
    "kinerja/pengumpulan-data-kinerja": (
        "Pengumpulan Data Kinerja", "800/14.046/Banhub.A", "Badan Penghubung",
        ["Kasubbid Program", "Staf Penyusunan Program"],
        ["Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja "
         "Instansi Pemerintah"],
        ["Meminta data capaian kinerja triwulan", "Merekap data capaian",
         "Menyerahkan rekap kepada pimpinan"]),
    "kepegawaian/kenaikan-pangkat": (
        "Memeriksa Berkas Usulan Kenaikan Pangkat", "800/21.003/BKD", "Badan Kepegawaian Daerah",
        ["Analis Kepegawaian", "Kepala Bidang Mutasi"],
        ["Peraturan Pemerintah Nomor 17 Tahun 2020 tentang Manajemen Pegawai Negeri Sipil"],
        ["Menerima berkas usulan", "Memeriksa kelengkapan berkas", "Menandatangani nota usul"]),
    "keuangan/pengesahan-dpa": (
        "Pengesahan Dokumen Pelaksanaan Anggaran", "900/05.011/BPKAD", "Badan Keuangan Daerah",
        ["Analis Anggaran", "Kepala BPKAD"],
        ["PP No. 12 Tahun 2019 tentang Pengelolaan Keuangan Daerah",
         "Permendagri Nomor 77 Tahun 2020 tentang Pedoman Teknis Pengelolaan Keuangan Daerah"],
        ["Meneliti rancangan dokumen", "Menandatangani pengesahan oleh Kepala BPKAD",
         "Mendistribusikan dokumen"]),
    "kinerja/lkjip": (
        "Penyusunan Laporan Kinerja Instansi Pemerintah (LKjIP)", "SOP-022", "Badan Penghubung",
        ["Kasubbid Program", "Kepala Badan Penghubung"],
        ["Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 "
         "Tahun 2014", "Perpres 29/2014"],
        ["Menghimpun capaian indikator", "Menyusun konsep laporan",
         "Menyampaikan laporan ke Kementerian PANRB"]),
    "kominfo/permohonan-informasi": (
        "Pelayanan Permohonan Informasi Publik", "045/07.002/Diskominfo", "Dinas Komunikasi",
        ["Petugas PPID", "Atasan PPID"],
        ["Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik"],
        ["Pemohon mengajukan permohonan informasi", "Mencatat di register permohonan",
         "Memberikan jawaban tertulis"]),
    "umum/surat-tugas": (
        "Penerbitan Surat Tugas Perjalanan Dinas", "094/03.015/Setda", "Badan Penghubung",
        ["Kepala Sub Bagian Umum", "Pengadministrasi Umum"],
        ["Peraturan Gubernur Kalimantan Barat Nomor 45 Tahun 2021 tentang Perjalanan Dinas"],
        ["Menerima nota dinas", "Mengetik surat tugas", "Menandatangani surat tugas"]),
    "umum/arsip-inaktif": (
        "Pengelolaan Arsip Dinamis Inaktif", "045/02.001/Arsip", "Badan Penghubung",
        ["Arsiparis", "Kepala Sub Bagian Umum"],
        ["PP Nomor 28 Tahun 2012 tentang Pelaksanaan UU Kearsipan"],
        ["Menata arsip dalam boks", "Membuat daftar arsip inaktif", "Memindahkan ke pusat arsip"]),
    "organisasi/penyusunan-sop": (
        "Penyusunan Standar Operasional Prosedur", "061/01.001/Org", "Badan Kepegawaian Daerah",
        ["Analis Tata Laksana", "Kepala Biro Organisasi"],
        ["Permenpan RB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP Administrasi "
         "Pemerintahan"],
        ["Mengidentifikasi kebutuhan", "Menyusun rancangan", "Menetapkan dengan keputusan"]),
    "umum/tamu": (
        "Penerimaan Tamu Dinas", "800/14.050/Banhub.A", "Badan Penghubung",
        ["Petugas Resepsionis", "Kepala Sub Bagian Umum"],
        ["Peraturan Gubernur Kalimantan Barat Nomor 3 Tahun 2019 tentang Tata Naskah Dinas"],
        ["Menyambut tamu", "Mencatat di buku tamu", "Mengantar ke ruang pertemuan"]),
    "keuangan/gaji": (
        "Pembayaran Gaji Pegawai", "900/08.020/BPKAD", "Badan Keuangan Daerah",
        ["Bendahara Pengeluaran", "Pejabat Penatausahaan Keuangan"],
        ["Peraturan Pemerintah Nomor 15 Tahun 2019"],
        ["Menyusun daftar gaji", "Mengajukan SPM", "Mentransfer gaji ke rekening"]),
    "keuangan/e-katalog": (
        "Pengadaan Barang Melalui E-Katalog", "027/06.004/BPBJ", "Badan Keuangan Daerah",
        ["Pejabat Pengadaan", "Pejabat Pembuat Komitmen"],
        ["Perpres Nomor 16 Tahun 2018 tentang Pengadaan Barang/Jasa Pemerintah"],
        ["Memilih produk di katalog", "Membuat paket pemesanan", "Menerima barang"]),
    "kominfo/pengaduan": (
        "Penanganan Pengaduan Masyarakat", "SOP-031", "Dinas Komunikasi",
        ["Petugas Pengaduan", "Kepala Dinas Komunikasi"],
        ["Peraturan Presiden Nomor 76 Tahun 2013 tentang Pengelolaan Pengaduan Pelayanan Publik"],
        ["Menerima pengaduan", "Meneruskan pengaduan ke unit terkait",
         "Pengaduan ditindaklanjuti dan dijawab"]),
}

# (query, what it tests, ids of SOPs any of which counts as found)
KUERI: list[tuple[str, str, tuple[str, ...]]] = [
    ("mengumpulkan data kinerja", "me- ↔ pe-an", ("kinerja/pengumpulan-data-kinerja",)),
    ("pemeriksaan berkas", "pe-an ↔ me-", ("kepegawaian/kenaikan-pangkat",)),
    ("disahkan", "di-kan", ("keuangan/pengesahan-dpa",)),
    ("pengesahan anggaran", "pe-an", ("keuangan/pengesahan-dpa",)),
    ("LKjIP", "abbreviation", ("kinerja/lkjip",)),
    ("SOP-022", "number", ("kinerja/lkjip",)),
    ("laporan kinerja", "title words", ("kinerja/lkjip",)),
    ("memohon informasi", "me- (stemmer: pohon?)", ("kominfo/permohonan-informasi",)),
    ("permohonan informasi publik", "title", ("kominfo/permohonan-informasi",)),
    ("perjalanan dinas", "title", ("umum/surat-tugas",)),
    ("Pergub 45 2021", "regulation", ("umum/surat-tugas",)),
    ("pengarsipan", "pe-an of arsip", ("umum/arsip-inaktif",)),
    ("arsip inaktif", "title", ("umum/arsip-inaktif",)),
    ("Permenpan 35 2012", "regulation abbreviation", ("organisasi/penyusunan-sop",)),
    ("menyusun standar operasional", "me- ↔ pe-an", ("organisasi/penyusunan-sop",)),
    ("penerimaan tamu", "pe-an", ("umum/tamu",)),
    ("14.050", "number part", ("umum/tamu",)),
    ("800/14.050/Banhub.A", "full number", ("umum/tamu",)),
    ("gaji pegawai", "title", ("keuangan/gaji",)),
    ("Bendahara Pengeluaran", "jabatan", ("keuangan/gaji",)),
    ("PP 15/2019", "regulation", ("keuangan/gaji",)),
    ("pengadaan barang", "title", ("keuangan/e-katalog",)),
    ("Perpres 16 2018", "regulation", ("keuangan/e-katalog",)),
    ("Pejabat Pembuat Komitmen", "jabatan", ("keuangan/e-katalog",)),
    ("mengadukan", "me-kan ↔ pe-an", ("kominfo/pengaduan",)),
    ("ditindaklanjuti", "di-i", ("kominfo/pengaduan",)),
    ("menindaklanjuti pengaduan", "me-i ↔ di-i", ("kominfo/pengaduan",)),
    ("mengesahkan dokumen", "me-kan ↔ pe-an", ("keuangan/pengesahan-dpa",)),
    ("memohon", "me- ↔ pe-an (pohon?)", ("kominfo/permohonan-informasi",)),
    ("pengadaan barnag", "typo", ("keuangan/e-katalog",)),
    ("perjalnan dinas", "typo", ("umum/surat-tugas",)),
    ("Analis Kepegawaian", "jabatan", ("kepegawaian/kenaikan-pangkat",)),
    ("kenaikan pangkat", "title", ("kepegawaian/kenaikan-pangkat",)),
    ("Permendagri 77/2020", "regulation abbreviation", ("keuangan/pengesahan-dpa",)),
    ("Perpres 29 2014", "regulation, 2 SOPs",
     ("kinerja/lkjip", "kinerja/pengumpulan-data-kinerja")),
]


def tulis_buku(folder: Path, lunr: bool = False) -> Path:
    """The handbook project; `lunr`: Material's search plugin (as before Pagefind) instead."""
    (folder / "docs_src").mkdir(parents=True, exist_ok=True)
    (folder / "docs_src/index.md").write_text("# Buku pedoman SOP\n\nSOP per unit kerja.\n")
    for sid, (nama, nomor, unit, pelaksana, dasar, aktivitas) in SOP.items():
        lanes = [{"id": f"p{i}", "nama": n} for i, n in enumerate(pelaksana)]
        data = {
            "nomor": nomor, "nama": nama, "instansi": "Pemerintah Provinsi Kalimantan Barat",
            "unit": unit, "tanggal_pembuatan": "1 Mei 2021", "tanggal_efektif": "1 Mei 2021",
            "disahkan_oleh": {"jabatan": f"Kepala {unit}", "nama": "Nama Pejabat"},
            "dasar_hukum": dasar, "kualifikasi_pelaksana": ["Memahami tugas"],
            "keterkaitan": [], "peralatan": ["Komputer"],
            "peringatan": "Jika SOP tidak dilaksanakan maka layanan terlambat.",
            "pencatatan": "Disimpan sebagai arsip elektronik", "pelaksana": lanes,
            "kegiatan": [{"aktivitas": a, "pelaksana": f"p{i % len(lanes)}", "waktu": "15 menit",
                          "output": "Dokumen"} for i, a in enumerate(aktivitas)],
        }
        p = folder / "sops" / f"{sid}.yml"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    plugins = ("  - search:\n      lang: en\n      pipeline: [trimmer]\n"
               "      separator: '[\\s\\-,:!=\\[\\]()\"/]+|\\.(?!\\d)'\n"
               "  - sop-handbook:\n      search: false\n" if lunr else "  - sop-handbook: {}\n")
    (folder / "mkdocs.yml").write_text(
        "site_name: Buku Pedoman SOP\ndocs_dir: docs_src\n"
        "theme:\n  name: material\n  language: id\n  font: false\n"
        "plugins:\n" + plugins, encoding="utf-8")
    return folder
