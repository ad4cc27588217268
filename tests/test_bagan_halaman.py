"""Swimlane charts on the built pages: inline, linked both ways, cached, failing gracefully."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path

from conftest import BUKU, indeks_cari, mkdocs, neato_palsu, salin_proyek, teks_halaman
from sop_handbook import load
from sop_handbook.gambar.alur import BaganSop, cara_bagan, gambar, gambar_bagan
from sop_handbook.gambar.dot import ke_dot
from sop_handbook.gambar.graphviz import Graphviz
from sop_handbook.gambar.memo import Memo
from sop_handbook.render import Alamat, Penyaji
from sop_handbook.susun import susun_konteks

CONTOH = "banhub/tata-usaha/pengelolaan-surat-masuk"


def test_bagan_di_atas_tabel_dan_bertaut_dua_arah(situs: Path) -> None:
    isi = (situs / "sop" / CONTOH / "index.html").read_text(encoding="utf-8")
    fig = re.search(r'<figure class="sop-bagan" id="bagan-alir" data-search-exclude>.*?</figure>',
                    isi, re.S)
    assert fig is not None
    assert isi.index("sop-bagan") < isi.index('<table class="sop-tabel sop-prosedur">')
    svg = fig.group(0)
    assert svg.count("<svg") == 1 and 'role="img"' in svg and "<title" in svg and "<desc" in svg
    for n in range(1, 8):
        assert f'id="bagan-langkah-{n}"' in svg  # symbol of step n ...
        assert f'href="#bagan-langkah-{n}"' in isi  # ... linked from its row
    assert 'href="#langkah-agenda"' in svg  # and the symbol links to the row (by step id)
    ids = re.findall(r'\sid="([^"]+)"', isi)
    assert len(ids) == len(set(ids)), "ids must be unique on the page"


def test_teks_bagan_tidak_diindeks(situs: Path) -> None:
    teks = indeks_cari(situs)[f"/sop/{CONTOH}/"]["content"]
    assert "Menerima surat masuk" in teks  # from the table
    assert "<svg" not in teks and "Bagan alir" not in teks and "Tidak Ya" not in teks


def test_cache_bangun_ulang_tanpa_graphviz_dan_opsi_mati(tmp_path: Path) -> None:
    proyek = salin_proyek(tmp_path)
    n = len([p for p in (proyek / "sops").rglob("*.yml") if not p.name.startswith("_")])
    pertama = mkdocs(proyek, "build", "-d", "site")
    assert f"bagan alir: {n} SOP, {n} digambar Graphviz (1 proses), 0 dari cache" in pertama.stderr
    kedua = mkdocs(proyek, "build", "-d", "site")
    assert f"bagan alir: {n} SOP, 0 digambar Graphviz (0 proses), {n} dari cache" in kedua.stderr
    # Per SOP opt-out, then site-wide off (which also needs no Graphviz at all).
    p = proyek / "sops" / f"{CONTOH}.yml"
    p.write_text(p.read_text() + "bagan_alir: false\n")
    ketiga = mkdocs(proyek, "build", "-d", "site")
    assert f"bagan alir: {n - 1} SOP" in ketiga.stderr
    assert "sop-bagan" not in (proyek / "site/sop" / CONTOH / "index.html").read_text()
    cfg = proyek / "mkdocs.yml"
    cfg.write_text(cfg.read_text().replace("sops_dir: sops",
                                           "sops_dir: sops\n      diagram: false"))
    (proyek / "bin").mkdir()
    keempat = mkdocs(proyek, "build", "--strict", "-d", "site", path=str(proyek / "bin"))
    assert keempat.returncode == 0, keempat.stderr
    assert "digambar Graphviz" not in keempat.stderr and "bagan alir dimatikan" in keempat.stderr
    # The printed form needs no Graphviz: its symbols are still there (not for the opt-out).
    cetak = proyek / "site/sop/banhub/perbaikan-data-kinerja/cetak.html"
    assert 'class="sop-formulir"' in cetak.read_text()
    assert 'class="sop-formulir"' not in (proyek / "site/sop" / CONTOH / "cetak.html").read_text()


def test_tanpa_graphviz_satu_pesan_jelas(tmp_path: Path) -> None:
    proyek = salin_proyek(tmp_path)
    (proyek / "bin").mkdir()
    hasil = mkdocs(proyek, "build", "-d", "site", path=str(proyek / "bin"))
    assert hasil.returncode == 1
    assert "Traceback" not in hasil.stderr + hasil.stdout
    assert "Graphviz tidak ditemukan" in hasil.stderr and "apt-get install graphviz" in hasil.stderr
    assert not (proyek / "site").exists()


def test_satu_bagan_gagal_yang_lain_tetap(tmp_path: Path) -> None:
    """A chart Graphviz rejects becomes a notice on its own page; the others are drawn."""
    buku = load.muat(BUKU / "sops", BUKU)
    a, b = buku.sops[:2]
    gv = Graphviz(tmp_path)
    cara = replace(cara_bagan(gv.cache_key("")), tulis=lambda bg: (
        "digraph { rusak [ }" if bg.sop_id == a.id else ke_dot(bg, "bagan")))
    hasil = gambar([(a.id, a), (b.id, b)], cara, Memo(None), gv)
    assert hasil[a.id].svg == () and "Graphviz gagal menggambar bagan" in (hasil[a.id].galat or "")
    assert len(hasil[b.id].svg) == 1 and hasil[b.id].galat is None
    konteks = susun_konteks(buku, Alamat(), tingkat_belum="info")
    konteks.bagan = hasil
    halaman = Penyaji(Alamat()).sop(a, konteks)
    teks = teks_halaman(halaman.html)
    assert "Bagan alir tidak dapat digambar Graphviz gagal menggambar bagan" in teks
    assert "Tabel prosedur di bawah tetap lengkap." in teks


def test_bagan_dipecah_dengan_penghubung(tmp_path: Path) -> None:
    buku = load.muat(BUKU / "sops", BUKU)
    sop = buku.per_id()["banhub/perbaikan-data-kinerja"]
    hasil = gambar_bagan([sop], Graphviz(tmp_path), maks_langkah=5)[sop.id]
    assert len(hasil.svg) == 2 and all("sop-penghubung" in s for s in hasil.svg)
    assert hasil.lebar_pt[0] > 100


def test_galat_bagan_ditampilkan_sebagai_teks() -> None:
    buku = load.muat(BUKU / "sops", BUKU)
    sop = buku.sops[0]
    konteks = susun_konteks(buku, Alamat(), tingkat_belum="info")
    konteks.bagan = {sop.id: BaganSop(galat="<b>x</b>")}
    html = Penyaji(Alamat()).sop(sop, konteks).html
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>x</b>" not in html




def test_cetak_tanpa_bagan(tmp_path: Path) -> None:
    """print_symbols: false — the printout uses a plain table and no print form is drawn."""
    proyek = salin_proyek(tmp_path)
    cfg = proyek / "mkdocs.yml"
    cfg.write_text(cfg.read_text().replace("sops_dir: sops",
                                           "sops_dir: sops\n      print_symbols: false"))
    hasil = mkdocs(proyek, "build", "--strict", "-d", "site")
    assert hasil.returncode == 0, hasil.stderr
    assert "formulir cetak" not in hasil.stderr and "bagan alir: " in hasil.stderr
    isi = (proyek / "site/sop" / CONTOH / "index.html").read_text()
    assert '<table class="sop-cetak-tabel sop-cetak-prosedur">' in (
        proyek / "site/sop" / CONTOH / "cetak.html").read_text()
    assert isi.count("<svg") < 20  # the page chart and icons, no print sheets


def test_graphviz_macet_pada_satu_bagan(tmp_path: Path) -> None:
    """Graphviz hanging on one SOP's drawings: that SOP's page gets the notice after one
    `graphviz_timeout` (per drawing, not per retry), every other SOP is drawn."""
    proyek = salin_proyek(tmp_path)
    p = proyek / "sops" / f"{CONTOH}.yml"
    p.write_text(p.read_text(encoding="utf-8").replace("aktivitas: ", "aktivitas: GANTUNG ", 1),
                 encoding="utf-8")
    cfg = proyek / "mkdocs.yml"
    cfg.write_text(cfg.read_text().replace("sops_dir: sops",
                                           "sops_dir: sops\n      graphviz_timeout: 1"))
    palsu = neato_palsu(tmp_path / "bin", "GANTUNG")
    hasil = mkdocs(proyek, "build", "-d", "site", path=f"{palsu}:{os.environ['PATH']}")
    assert hasil.returncode == 0, hasil.stderr
    n = len([q for q in (proyek / "sops").rglob("*.yml") if not q.name.startswith("_")])
    assert f"bagan alir: {n} SOP, {n - 1} digambar Graphviz" in hasil.stderr
    assert re.search(rf"WARNING.*{CONTOH}\.yml: bagan alir tidak digambar: .*waktu habis "
                     r"setelah 1 detik", hasil.stderr)
    teks = teks_halaman((proyek / "site/sop" / CONTOH / "index.html").read_text())
    assert "Bagan alir tidak dapat digambar" in teks and "waktu habis setelah 1 detik" in teks
    lain = [q for q in (proyek / "site/sop").rglob("index.html") if CONTOH not in str(q)]
    assert lain and all('<figure class="sop-bagan"' in q.read_text() for q in lain
                        if "<table class=\"sop-tabel sop-prosedur\">" in q.read_text())
