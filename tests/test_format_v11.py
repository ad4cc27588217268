"""Format v1.1 as agencies fill the form: hand-off rows, process-then-decision rows, the
letterhead (kop, logo), print options, honest sample data.

The checks read what a person gets: the loader's messages, the chart SVG drawn by the real
Graphviz (geometry read back), the printed form in real Chromium, the built pages.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_diagram import edges, nodes, ujung_path

from conftest import KELUARAN, mkdocs, sajikan, salin_proyek, teks_halaman
from sop_handbook.gambar.dot import ke_dot
from sop_handbook.gambar.formulir import tata_formulir
from sop_handbook.gambar.graphviz import Graphviz
from sop_handbook.gambar.lajur import tata_letak
from sop_handbook.gambar.svg import svg_halaman
from sop_handbook.load import muat

BAWAAN = """\
unit: Biro Uji
kop:
  alamat: Jalan Contoh Nomor 1, Pontianak
  telepon: (0561) 000000
  laman: contoh.invalid
  surel: biro@contoh.invalid
logo: gambar/logo-uji.svg
formulir: {kolom_keterangan: false, ulang_pengesahan: true}
disahkan_oleh: {jabatan: Kepala Biro Uji, nama: Nama Pejabat (contoh), nip: "00000000 000000 0 000"}
"""

SOP_SERAH = """\
nomor: "CONTOH/009/Uji"
nama: Serah Terima Berkas
contoh: true
pelaksana_direkonstruksi: true
tanggal_pembuatan: 2024-01-01
tanggal_efektif: 2024-01-01
disahkan_oleh: {jabatan: Kepala Biro Uji, nama: Penanda Tangan Fiktif}
dasar_hukum: [Dasar]
kualifikasi_pelaksana: [Kualifikasi]
keterkaitan: []
peralatan: [Komputer]
peringatan: Peringatan
pencatatan: Arsip
pelaksana:
  - {id: staf, nama: Staf}
  - {id: kasubbag, nama: Kasubbag}
  - {id: kepala, nama: Kepala}
kegiatan:
  - id: terima
    aktivitas: Menerima berkas usulan
    pelaksana: staf
  - aktivitas: Menyerahkan berkas kepada Kasubbag
    pelaksana: staf
    diserahkan_ke: kasubbag
    keterangan: KETERANGAN-TIDAK-DICETAK
  - aktivitas: Melakukan reviu berkas (jika terdapat revisi, dikerjakan kembali)
    pelaksana: kasubbag
    keputusan: {tidak: terima, proses: true}
  - aktivitas: Menandatangani berkas
    pelaksana: kepala
"""


def _tulis(folder: Path, berkas: dict[str, str]) -> Path:
    for nama, isi in berkas.items():
        p = folder / nama
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(isi, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def buku(tmp_path_factory: pytest.TempPathFactory):
    folder = _tulis(tmp_path_factory.mktemp("v11"), {"sops/uji/_default.yml": BAWAAN,
                                                     "sops/uji/serah.yml": SOP_SERAH})
    return muat(folder / "sops", folder)


@pytest.fixture(scope="module")
def sop(buku):
    assert not buku.laporan.semua, [str(d) for d in buku.laporan.semua]
    return buku.sops[0]


# --- the format ------------------------------------------------------------------------------


def test_model_membaca_kunci_v11(sop) -> None:
    assert sop.kegiatan[1].diserahkan_ke == "kasubbag"
    assert sop.kegiatan[1].lajur_semua == ("staf", "kasubbag")
    assert sop.kegiatan[2].keputusan.proses and sop.kegiatan[2].keputusan.tidak == 1
    assert sop.kop.baris[0] == ("Alamat", "Jalan Contoh Nomor 1, Pontianak")
    assert [k for k, _ in sop.kop.baris] == ["Alamat", "Telepon", "Laman", "Surel"]
    assert sop.logo == "gambar/logo-uji.svg" and sop.contoh and sop.pelaksana_direkonstruksi
    assert sop.cetak_keterangan is False and sop.cetak_ulang_pengesahan is True
    assert sop.posisi_kunci("kop").berkas == "sops/uji/_default.yml"  # from the unit


@pytest.mark.parametrize("ubah, pesan", [
    ("    diserahkan_ke: kasubbag", "sops/a.yml:24:20: galat[handoff-self]: langkah 2 "
     "diserahkan ke pelaksananya sendiri ('kasubbag') — tulis pelaksana lain"),
    ("    diserahkan_ke: kasubag", "sops/a.yml:24:20: galat[unknown-lane]: 'diserahkan_ke: "
     "kasubag' di langkah 2 tidak ada di daftar 'pelaksana' — maksud Anda 'kasubbag'?"),
    ("    pelaksana: [staf, kepala]\n    diserahkan_ke: kasubbag",
     "galat[handoff-joint]: langkah 2 punya 2 pelaksana"),
    ("    diserahkan_ke: staf\n    keputusan: {tidak: 1}",
     "galat[handoff-decision]: langkah 2 adalah keputusan dan juga diserahkan ke 'staf' — "
     "pecah menjadi dua langkah"),
    ("    pelaksana: [kasubbag, kepala]\n    keputusan: {tidak: 1, proses: true}",
     "galat[process-decision-joint]: langkah 2: 'proses: true'"),
])
def test_pesan_salah_tulis(tmp_path: Path, ubah: str, pesan: str) -> None:
    teks = SOP_SERAH.replace("Kepala Biro Uji", "Kepala").replace(
        "contoh: true\n", "").replace("nomor:", "unit: U\nnomor:")
    baris = teks.splitlines()
    i = baris.index("  - aktivitas: Menyerahkan berkas kepada Kasubbag")
    baris[i + 1:i + 3] = ["    pelaksana: kasubbag", *ubah.split("\n")]
    if "pelaksana:" in ubah:
        baris[i + 1:i + 2] = []
    _tulis(tmp_path, {"sops/a.yml": "\n".join(baris) + "\n"})
    buku = muat(tmp_path / "sops", tmp_path)
    semua = [str(d) for d in buku.laporan.semua]
    assert any(pesan in d for d in semua), semua
    assert not buku.sops  # a file with an error is not published half-right


def test_contoh_yang_mewarisi_penandatangan_diperingatkan(tmp_path: Path) -> None:
    teks = SOP_SERAH.replace("disahkan_oleh: {jabatan: Kepala Biro Uji, nama: Penanda Tangan "
                             "Fiktif}\n", "")
    _tulis(tmp_path, {"sops/uji/_default.yml": BAWAAN, "sops/uji/serah.yml": teks})
    buku = muat(tmp_path / "sops", tmp_path)
    [d] = buku.laporan.semua
    assert str(d).startswith("sops/uji/serah.yml:3:9: peringatan[example-signer]: SOP contoh "
                             "memakai penandatangan dari sops/uji/_default.yml")


def test_sampel_jujur() -> None:
    """The sample handbook's illustrations carry no real signer; no editor's note is printed."""
    akar = Path(__file__).resolve().parents[1]
    buku = muat(akar / "sops", akar)
    assert not buku.laporan.daftar_galat and not buku.laporan.daftar_peringatan
    nyata = {s.disahkan_oleh.nip for s in buku.sops if not s.contoh} - {None}
    for s in buku.sops:
        if s.nomor.upper().startswith("CONTOH"):
            assert s.contoh, s.id
            assert s.disahkan_oleh.nip not in nyata and "contoh" in s.disahkan_oleh.nama.lower()
        for lk in s.kegiatan:
            assert "dokumen sumber" not in (lk.keterangan or "").lower(), (s.id, lk.nomor)


# --- the chart, drawn by the real Graphviz ---------------------------------------------------


@pytest.fixture(scope="module")
def bagan_svg(sop, tmp_path_factory: pytest.TempPathFactory) -> str:
    if shutil.which("neato") is None:
        pytest.skip("Graphviz not installed")
    [b] = tata_letak(sop)
    [h] = Graphviz(tmp_path_factory.mktemp("gv")).render_many([ke_dot(b, "v")])
    assert h.svg is not None, h.galat
    return svg_halaman(h.svg, b, "v")


def _dekat(a: float, b: float, tol: float = 1.5) -> bool:
    return abs(a - b) <= tol


def test_serah_terima_kotak_panah_kotak_dalam_satu_baris(bagan_svg: str) -> None:
    n = nodes(bagan_svg)
    lajur = {i: n[f"v-b1-lajur-{i}"].kotak for i in range(3)}
    a, b = n["v-langkah-2"].kotak, n["v-langkah-2-2"].kotak
    assert n["v-langkah-2"].kelas >= {"sop-proses"} and n["v-langkah-2-2"].kelas >= {"sop-proses"}
    assert lajur[0].x0 < a.x0 and a.x1 < lajur[0].x1  # the performer's lane (Staf)
    assert lajur[1].x0 < b.x0 and b.x1 < lajur[1].x1  # the receiver's lane (Kasubbag)
    assert _dekat(a.y0, b.y0) and _dekat(a.y1, b.y1)  # one row
    [serah] = [e for e in edges(bagan_svg) if "sop-serah" in (e.get("class") or "")]
    ujung = ujung_path(serah)
    assert _dekat(ujung[0], b.x0) and _dekat(ujung[1], b.cy)  # the arrow ends at B's side
    assert "gabung" not in bagan_svg.replace("sop-gabung", "")  # not drawn as a joint step
    # Flow comes in at the performer's box and leaves from the receiver's.
    masuk = [e for e in edges(bagan_svg) if (e.get("id") or "").endswith("alur-s1-s2")]
    assert len(masuk) == 1 and _dekat(ujung_path(masuk[0])[1], a.y0)
    assert any((e.get("id") or "").endswith("alur-s2_2-s3") for e in edges(bagan_svg))


def test_proses_lalu_keputusan_kotak_di_atas_belah_ketupat(bagan_svg: str) -> None:
    n = nodes(bagan_svg)
    kotak, belah = n["v-langkah-3"], n["v-langkah-3-2"]
    assert kotak.kelas >= {"sop-proses"} and belah.kelas >= {"sop-keputusan"}
    assert _dekat(kotak.kotak.cx, belah.kotak.cx)  # one lane
    assert kotak.kotak.y1 < belah.kotak.y0  # the box, then the diamond below it
    turun = [e for e in edges(bagan_svg) if (e.get("id") or "").endswith("alur-s3-s3_2")]
    assert len(turun) == 1 and _dekat(ujung_path(turun[0])[1], belah.kotak.y0)
    keluar = [e for e in edges(bagan_svg) if "-alur-s3_2-" in (e.get("id") or "")]
    assert {c for e in keluar for c in e.get("class").split()} >= {"sop-ya", "sop-tidak"}
    assert "Melakukan reviu" in " ".join(t.text or "" for t in kotak.teks)


def test_formulir_satu_baris_per_langkah_tanpa_keterangan(sop) -> None:
    [lb] = tata_formulir(sop)
    simbol = {s.nama: s.kotak for s in lb.bagan.simbol}
    assert len(lb.baris) == 4  # one table row per step, the v1.1 rows included
    baris2, baris3 = lb.baris[1], lb.baris[2]
    for nama, baris in (("s2", baris2), ("s2_2", baris2), ("s3", baris3), ("s3_2", baris3)):
        assert baris.y0 < simbol[nama].y0 and simbol[nama].y1 < baris.y1, nama
    assert simbol["s3"].y1 < simbol["s3_2"].y0
    assert not [c for c in lb.sel if "keterangan" in c.nama]  # formulir: kolom_keterangan: false
    [serah] = [g for g in lb.bagan.garis if g.jenis == "serah"]
    assert serah.titik[0][1] == serah.titik[-1][1]  # horizontal, inside the row


# --- the built site: page, checklist, printed form in Chromium ------------------------------


LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="40" height="40">'
        '<rect width="10" height="10" fill="#1a4f8b"/></svg>')


@pytest.fixture(scope="module")
def situs_v11(tmp_path_factory: pytest.TempPathFactory) -> Path:
    proyek = salin_proyek(tmp_path_factory.mktemp("situs-v11"), sops=False)
    _tulis(proyek, {"sops/uji/_default.yml": BAWAAN, "sops/uji/serah.yml": SOP_SERAH,
                    "docs_src/gambar/logo-uji.svg": LOGO})
    hasil = mkdocs(proyek, "build", "--strict", "-d", "site")
    assert hasil.returncode == 0, hasil.stderr
    return proyek / "site"


def test_halaman_dan_daftar_periksa(situs_v11: Path) -> None:
    isi = (situs_v11 / "sop/uji/serah/index.html").read_text(encoding="utf-8")
    teks = teks_halaman(isi)
    assert "CONTOH — SOP ilustrasi, bukan SOP resmi" in teks
    assert "Jalan Contoh Nomor 1, Pontianak · Telepon: (0561) 000000" in teks
    assert '<img class="sop-kop__logo" src="../../../gambar/logo-uji.svg"' in isi
    assert "data:image" not in isi  # the logo is a link, not inlined into every page
    assert "Letak simbol pada kolom pelaksana direkonstruksi" in teks
    butir = isi.split('data-nomor="2"', 1)[1].split("</li></ul>", 1)[0]
    assert "Staf, diserahkan kepada Kasubbag" in teks_halaman(butir)
    assert '<li data-nomor="2" data-lajur="0 1">' in isi


def test_formulir_cetak_di_chromium(situs_v11: Path, browser) -> None:
    with sajikan(situs_v11) as url:
        hal = browser.new_page(viewport={"width": 1400, "height": 1000})
        hal.goto(f"{url}/sop/uji/serah/cetak.html")
        teks = hal.locator(".sop-cetak").inner_text()
        assert teks.count("CONTOH") >= 2  # the identity sheet and the procedure page
        for baris in ("Jalan Contoh Nomor 1, Pontianak", "Telepon: (0561) 000000",
                      "Laman: contoh.invalid", "Surel: biro@contoh.invalid"):
            assert baris in teks
        assert hal.locator(".sop-cetak-kop__logo").evaluate("i => i.naturalWidth") > 0
        assert teks.count("Penanda Tangan Fiktif") == 2  # identity sheet + repeated block
        assert "Letak simbol pada kolom pelaksana direkonstruksi" in teks
        svg = hal.locator(".sop-formulir")
        judul = svg.locator("text.b").all_inner_texts()
        assert "Keterangan" not in judul and "KETERANGAN-TIDAK-DICETAK" not in teks
        # Read the symbols back as Chromium lays them out.
        kotak = svg.locator("use").evaluate_all(
            "us => us.map(u => { const r = u.getBoundingClientRect();"
            " return [u.getAttribute('class'), r.left, r.top, r.right, r.bottom]; })")
        proses = [k for k in kotak if k[0] == "sop-proses"]
        belah = [k for k in kotak if k[0] == "sop-keputusan"]
        sebaris = [(p, q) for p in proses for q in proses
                   if p[1] < q[1] and abs(p[2] - q[2]) < 0.5 and abs(p[4] - q[4]) < 0.5]
        assert len(sebaris) == 1  # the hand-off: two boxes in one row
        [d] = belah
        assert any(abs((p[1] + p[3]) / 2 - (d[1] + d[3]) / 2) < 0.5 and p[4] < d[2]
                   for p in proses)  # a box straight above the diamond
        KELUARAN.mkdir(exist_ok=True)
        hal.screenshot(path=str(KELUARAN / "format-v11-cetak.png"), full_page=True)
        hal.close()


def test_logo_unit_yang_tidak_ada_gagal_sebelum_situs_ditulis(tmp_path: Path) -> None:
    proyek = salin_proyek(tmp_path / "p", sops=False)
    _tulis(proyek, {"sops/uji/_default.yml": BAWAAN, "sops/uji/serah.yml": SOP_SERAH})
    hasil = mkdocs(proyek, "build", "-d", "site")
    assert hasil.returncode != 0
    assert ("sops/uji/_default.yml:7:7: galat[bad-logo]: logo 'gambar/logo-uji.svg' tidak ada "
            "di docs_src/") in hasil.stderr
    assert not (proyek / "site").exists()


def test_contoh_baru_dan_skema_mengenal_v11() -> None:
    from sop_handbook.schema import json_schema

    s = json_schema()
    langkah = s["properties"]["kegiatan"]["items"]["properties"]
    assert "diserahkan_ke" in langkah and "proses" in langkah["keputusan"]["properties"]
    assert {"kop", "logo", "contoh", "pelaksana_direkonstruksi", "formulir"} <= set(
        s["properties"])


def test_sop_pdf_membawa_konstruksi_v11(situs_v11: Path, tmp_path: Path) -> None:
    from sop_handbook.pdf import buat_pdf

    pypdf = pytest.importorskip("pypdf")
    [berkas] = buat_pdf(situs_v11, ["uji/serah"], keluar=tmp_path)
    halaman = pypdf.PdfReader(berkas).pages
    teks = " ".join(" ".join((p.extract_text() or "").split()) for p in halaman)
    assert len(halaman) == 2 and teks.count("CONTOH") >= 2
    assert "Menyerahkan berkas kepada Kasubbag" in teks and "Surel: biro@contoh.invalid" in teks
    assert teks.count("Penanda Tangan Fiktif") == 2
