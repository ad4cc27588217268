"""The real `mkdocs build` on the sample handbook and on broken or unusual copies of it."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import yaml

from conftest import BUKU, indeks_cari, mkdocs, salin_proyek, teks_halaman
from sop_handbook.load import normalkan_nomor
from sop_handbook.render import tanggal

SEED = ["banhub/perbaikan-data-kinerja", "banhub/pengumpulan-data-kinerja"]
CONTOH = "banhub/tata-usaha/pengelolaan-surat-masuk"  # illustrative: decisions, jumps, sub_unit


def _daun(nilai: object, jalur: str = ""):
    """Every leaf value of a YAML document, with its key path."""
    if isinstance(nilai, dict):
        for k, v in nilai.items():
            yield from _daun(v, f"{jalur}.{k}" if jalur else str(k))
    elif isinstance(nilai, list):
        for i, v in enumerate(nilai):
            yield from _daun(v, f"{jalur}[{i}]")
    elif nilai is not None:
        yield jalur, nilai


def _data(sop_id: str) -> dict:
    """The SOP's YAML merged with the _default.yml files above it, nearest first."""
    data: dict = {}
    folder = (BUKU / "sops" / sop_id).parent
    while True:
        bawaan = folder / "_default.yml"
        if bawaan.exists():
            data = {**yaml.safe_load(bawaan.read_text()), **data}
        if folder == BUKU / "sops":
            break
        folder = folder.parent
    return {**data, **yaml.safe_load((BUKU / f"sops/{sop_id}.yml").read_text())}


def _ada(jalur: str, nilai: object, data: dict, isi: str, teks: str, sop_id: str) -> bool:
    """Is this YAML leaf on the page? References are checked as what they resolve to."""
    kunci = re.sub(r"\[\d+\]", "", jalur).split(".")[-1]
    lajur = {p["id"]: p["nama"] for p in data["pelaksana"] if isinstance(p, dict)}
    if jalur.startswith("pelaksana[") and kunci == "id":
        return True  # a lane id is a reference; the lane's nama is checked instead
    if re.fullmatch(r"kegiatan\[\d+\]\.pelaksana(\[\d+\])?", jalur):
        return lajur.get(str(nilai), str(nilai)) in teks
    if re.fullmatch(r"kegiatan\[\d+\]\.id", jalur):
        return f'id="langkah-{nilai}"' in isi
    if re.fullmatch(r"kegiatan\[\d+\]\.(keputusan\.(ya|tidak)|lanjut)", jalur):
        ids = [k.get("id") for k in data["kegiatan"]]
        nomor = nilai if isinstance(nilai, int) else ids.index(nilai) + 1
        label = {"ya": "Ya", "tidak": "Tidak", "lanjut": "Lanjut ke"}[kunci]
        return f"{label} → langkah {nomor}" in teks
    if re.fullmatch(r"keterkaitan\[\d+\]\.sop", jalur):
        return f'href="{posixpath.relpath(f"sop/{nilai}", f"sop/{sop_id}")}/"' in isi
    if kunci == "pelaksana_direkonstruksi":  # format v1.1 flags are shown as a line
        return nilai is True and "Letak simbol pada kolom pelaksana direkonstruksi" in teks
    if kunci == "contoh":
        return nilai is True and "CONTOH — SOP ilustrasi" in teks
    if hasattr(nilai, "year"):
        return tanggal(nilai) in teks  # type: ignore[arg-type]
    if kunci.startswith("tanggal") and nilai == "-":
        return "-" in teks
    if kunci == "nomor":
        return normalkan_nomor(str(nilai)) in teks
    return " ".join(str(nilai).split()) in teks


def test_setiap_kolom_yaml_tampil(situs: Path) -> None:
    for sop_id in [*SEED, CONTOH]:
        data = _data(sop_id)
        isi = (situs / "sop" / sop_id / "index.html").read_text(encoding="utf-8")
        teks = teks_halaman(isi)
        hilang = [f"{j} = {n!r}" for j, n in _daun(data)
                  if not _ada(j, n, data, isi, teks, sop_id)]
        assert hilang == [], f"{sop_id}: not on the page: {hilang}"


def test_bentuk_formulir_seed(situs: Path) -> None:
    for sop_id in SEED:
        isi = (situs / "sop" / sop_id / "index.html").read_text(encoding="utf-8")
        teks = teks_halaman(isi)
        for judul in ["Identitas SOP", "Dasar Hukum", "Kualifikasi Pelaksana", "Keterkaitan",
                      "Peralatan / Perlengkapan", "Peringatan", "Pencatatan dan Pendataan",
                      "Prosedur", "Catatan", "Tanggal Revisi -", "NIP. 19651006 198603 2 016",
                      "Total waktu: 122 hari 3 jam 2 menit"]:
            assert judul in teks, judul
        assert len(re.findall(r'<tr id="langkah-\d+" class="sop-langkah', isi)) == 9


def test_keputusan_lompatan_dan_kolom(situs: Path) -> None:
    isi = (situs / "sop" / CONTOH / "index.html").read_text(encoding="utf-8")
    teks = teks_halaman(isi)
    assert "Ya → langkah 4 Tidak → langkah 2" in teks
    assert '<a href="#langkah-agenda">langkah 2</a>' in isi
    assert "Lanjut ke → langkah 7" in teks
    assert "Staf Pelaksana Kepala Sub. Bagian Tata Usaha bersama" in teks
    assert "Persyaratan" in teks and ">Kelengkapan<" not in isi
    assert "Total waktu: 2 hari kerja 40 menit s.d. 7 hari kerja 40 menit" in teks
    assert "Tidak dihitung dalam total: langkah 1 (Setiap saat)." in teks
    assert "PEMERINTAH PROVINSI" in teks.upper() and "Sub Bagian Tata Usaha" in teks


def test_halaman_unit_dan_navigasi(situs: Path) -> None:
    unit = situs / "unit/badan-penghubung-provinsi-kalimantan-barat/index.html"
    isi = unit.read_text(encoding="utf-8")
    teks = teks_halaman(isi)
    assert "800/14.046/Banhub.A Pengumpulan Data Kinerja 1 Mei 2021" in teks
    assert "800/14.047/Banhub.A Perbaikan Data Kinerja 1 Mei 2021" in teks
    assert 'href="../../sop/banhub/perbaikan-data-kinerja/"' in isi
    # The sidebar lists the units, not each SOP (it must stay small at 2,000 SOPs).
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', isi, re.S)
    assert nav is not None
    assert "Badan Penghubung Provinsi Kalimantan Barat" in nav.group(0)
    assert "Perbaikan Data Kinerja" not in nav.group(0)
    daftar = teks_halaman((situs / "sop/index.html").read_text(encoding="utf-8"))
    assert "5 SOP dari 2 unit kerja" in daftar
    sub = situs / "unit/badan-penghubung-provinsi-kalimantan-barat/sub-bagian-tata-usaha/index.html"
    assert "CONTOH/001/Banhub.A Pengelolaan Surat Masuk" in teks_halaman(sub.read_text())


def test_sop_ada_di_indeks_pencarian(situs: Path) -> None:
    """Pagefind's index: the SOP's text, meta for the result line, filters; no lunr index."""
    assert not (situs / "search/search_index.json").exists()
    assert (situs / "pagefind/pagefind.js").is_file()
    indeks = indeks_cari(situs)
    d = indeks["/sop/banhub/perbaikan-data-kinerja/"]
    assert d["meta"]["title"] == "Perbaikan Data Kinerja"
    assert d["meta"]["nomor"] == "800/14.047/Banhub.A"
    assert d["meta"]["unit"] == "Badan Penghubung Provinsi Kalimantan Barat"
    semua = d["content"]
    assert "Merekap 2 ( dua ) Draft Laporan" in semua
    assert "Kasubbid Badan Penghubung" in semua  # a position finds the SOP
    assert "Peraturan Presiden Nomor 29 Tahun 2014" in semua  # and so does a regulation
    assert "14.047" in semua.split(". ") and "Perpres 29/2014" in semua  # search-only words
    assert "Perpres 29/2014" in d["filters"]["dasar hukum"]
    assert "Kasubbid Badan Penghubung" in d["filters"]["jabatan"]
    assert d["filters"]["unit"] == ["Badan Penghubung Provinsi Kalimantan Barat"]
    # Index pages are marked so the search box lists them after the SOPs; redirect pages
    # (no content root) and the 404 page are not indexed.
    assert indeks["/jabatan/kasubbid-badan-penghubung/"]["filters"]["jenis"] == ["Indeks"]
    assert "/sop/banhub/surat-masuk/" not in indeks and "/404.html" not in indeks
    assert not (situs / "pagefind/pagefind-ui.js").exists()  # unused ready-made UIs removed



def _sop_rusak(proyek: Path) -> None:
    p = proyek / "sops/banhub/perbaikan-data-kinerja.yml"
    p.write_text(p.read_text().replace("nama: Perbaikan Data Kinerja", "nmaa: Perbaikan"))


def test_buku_rusak_tidak_menulis_situs(tmp_path: Path) -> None:
    proyek = salin_proyek(tmp_path)
    _sop_rusak(proyek)
    hasil = mkdocs(proyek, "build", "-d", "site")
    assert hasil.returncode == 1
    assert "Traceback" not in hasil.stderr + hasil.stdout
    assert ("sops/banhub/perbaikan-data-kinerja.yml:3:1: galat[unknown-key]: kunci 'nmaa' "
            "tidak dikenal di SOP — maksud Anda 'nama'?") in hasil.stderr
    assert not (proyek / "site").exists()


def test_buku_rusak_membiarkan_situs_lama_utuh(tmp_path: Path) -> None:
    proyek = salin_proyek(tmp_path)
    assert mkdocs(proyek, "build", "-d", "site").returncode == 0
    sebelum = sorted(p.relative_to(proyek) for p in (proyek / "site").rglob("*"))
    _sop_rusak(proyek)
    assert mkdocs(proyek, "build", "-d", "site").returncode == 1
    assert sorted(p.relative_to(proyek) for p in (proyek / "site").rglob("*")) == sebelum


def test_peringatan_menggagalkan_strict_tanpa_menulis(tmp_path: Path) -> None:
    proyek = salin_proyek(tmp_path)
    p = proyek / "sops/banhub/perbaikan-data-kinerja.yml"
    p.write_text(p.read_text().replace("waktu: 2 menit", "waktu: 2 ment"))
    pesan = ("sops/banhub/perbaikan-data-kinerja.yml:54:12: peringatan[waktu]: satuan waktu "
             "'ment' tidak dikenal — maksud Anda 'menit'?")
    biasa = mkdocs(proyek, "build", "-d", "site")
    assert biasa.returncode == 0 and f"WARNING -  sop_handbook: {pesan}" in biasa.stderr
    tegas = mkdocs(proyek, "build", "--strict", "-d", "site2")
    assert tegas.returncode == 1 and pesan in tegas.stderr
    assert not (proyek / "site2").exists()


def test_teks_diloloskan_prefix_dan_template_pengganti(tmp_path: Path) -> None:
    """YAML text is never HTML; url_prefix moves pages; a site's custom_dir overrides templates."""
    proyek = salin_proyek(tmp_path)
    p = proyek / "sops/banhub/perbaikan-data-kinerja.yml"
    p.write_text(p.read_text()
                 .replace("nama: Perbaikan Data Kinerja", 'nama: "<script>alert(1)</script> & Co"')
                 .replace("aktivitas: Merekap data", "aktivitas: <b>Merekap</b> data"))
    cfg = (proyek / "mkdocs.yml").read_text()
    cfg = cfg.replace("  font: false", "  font: false\n  custom_dir: tema")
    cfg = cfg.replace("      sops_dir: sops", "      sops_dir: sops\n      url_prefix: prosedur")
    (proyek / "mkdocs.yml").write_text(cfg)
    beranda = proyek / "docs_src/index.md"
    beranda.write_text(beranda.read_text().replace("(sop/index.md)", "(prosedur/index.md)"))
    ganti = proyek / "tema/sop_handbook"
    ganti.mkdir(parents=True)
    (ganti / "unit.html").write_text("<h1 id='judul'>Ganti {{ judul }}</h1>")
    # One named block of the shipped page overridden; the rest of _base/sop.html stays.
    (ganti / "sop.html").write_text('{% extends "_base/sop.html" %}{% block kop %}'
                                    '<p class="kop-kami">KOP KAMI {{ sop.unit }}</p>{% endblock %}')
    hasil = mkdocs(proyek, "build", "--strict", "-d", "site")
    assert hasil.returncode == 0, hasil.stderr
    isi = (proyek / "site/prosedur/banhub/perbaikan-data-kinerja/index.html").read_text()
    assert "<script>alert(1)</script>" not in isi
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in isi
    assert "&lt;b&gt;Merekap&lt;/b&gt; data" in isi
    assert '<p class="kop-kami">KOP KAMI Badan Penghubung' in isi
    assert 'class="sop-kop"' not in isi and 'id="identitas"' in isi and 'id="prosedur"' in isi
    unit = (proyek / "site/unit/badan-penghubung-provinsi-kalimantan-barat/index.html")
    assert "Ganti Badan Penghubung" in unit.read_text()


def _isi_situs(situs: Path) -> dict[str, bytes]:
    # Pagefind's own index names its filter chunks differently from build to build (known
    # limitation, see README): everything else must be byte-identical.
    return {p.relative_to(situs).as_posix(): p.read_bytes()
            for p in sorted(situs.rglob("*"))
            if p.is_file() and p.relative_to(situs).parts[0] != "pagefind"}


def test_tautan_edit_tanggal_dan_keluaran_deterministik(tmp_path: Path) -> None:
    """Edit links open the YAML; lastmod is the SOP's own date; two builds are byte-identical."""
    proyek = salin_proyek(tmp_path)
    cfg = proyek / "mkdocs.yml"
    cfg.write_text("site_url: https://sop.contoh.go.id/\n"
                   "repo_url: https://github.com/contoh/buku-sop\n"
                   "edit_uri: edit/main/docs_src/\n" + cfg.read_text())
    pertama = mkdocs(proyek, "build", "--strict", "-d", "site1")
    assert pertama.returncode == 0, pertama.stderr
    assert mkdocs(proyek, "build", "--strict", "-d", "site2").returncode == 0
    a, b = _isi_situs(proyek / "site1"), _isi_situs(proyek / "site2")
    assert a.keys() == b.keys()
    assert [k for k in a if a[k] != b[k]] == []
    isi = a[f"sop/{CONTOH}/index.html"].decode()
    assert (f'href="https://github.com/contoh/buku-sop/edit/main/sops/{CONTOH}.yml"'
            in isi)
    assert "Terakhir berubah 2 Januari 2024" in teks_halaman(isi)
    peta = a["sitemap.xml"].decode()
    assert (f"<loc>https://sop.contoh.go.id/sop/{CONTOH}/</loc>\n"
            "         <lastmod>2024-01-02</lastmod>") in peta
    assert "Ringkasan: 5 SOP; bagan alir 5" in pertama.stderr


def test_menu_hanya_daftar_unit_bila_unit_banyak(tmp_path: Path) -> None:
    """Past nav_units_max units the menu (repeated in every page) links only the list page."""
    proyek = salin_proyek(tmp_path)
    cfg = proyek / "mkdocs.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace(
        "  - sop-handbook:\n", "  - sop-handbook:\n      nav_units_max: 1\n"), encoding="utf-8")
    hasil = mkdocs(proyek, "build", "--strict", "-d", "site")
    assert hasil.returncode == 0, hasil.stderr
    isi = (proyek / "site/sop/index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', isi, re.S)
    assert nav is not None
    assert "Semua unit kerja" in nav.group(0)
    assert "Badan Penghubung Provinsi Kalimantan Barat" not in nav.group(0)
    # The units are still one click away, on the list page itself.
    assert 'href="../unit/badan-penghubung-provinsi-kalimantan-barat/"' in isi
