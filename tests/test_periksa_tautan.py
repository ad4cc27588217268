"""`sop periksa-tautan`: the sample site has no broken link; a hand-made broken site shows each
kind of breakage once, with the exact line a person reads in CI."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from sop_handbook import cli, periksa_tautan


def _tulis(akar: Path, berkas: dict[str, str]) -> Path:
    for nama, isi in berkas.items():
        p = akar / nama
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(isi, encoding="utf-8")
    return akar


def _halaman(badan: str, kepala: str = "") -> str:
    return f"<!doctype html><html><head>{kepala}</head><body>{badan}</body></html>"


def test_situs_contoh_tanpa_tautan_rusak(situs: Path) -> None:
    kode, baris = periksa_tautan.jalankan(str(situs))
    assert kode == 0, "\n".join(baris)
    hasil = periksa_tautan.periksa(situs)
    assert hasil.rusak == []
    assert hasil.jumlah_halaman >= 5 and hasil.jumlah_tautan > 100  # it really looked


@pytest.fixture
def situs_rusak(tmp_path: Path) -> Path:
    return _tulis(tmp_path / "site", {
        "index.html": _halaman(
            '<h1 id="judul">Beranda</h1><a name="lama"></a>'
            '<a href="sop/a/">baik: folder</a>'
            '<a href="sop/a/index.html#langkah-1">baik: berkas dan jangkar</a>'
            '<a href="sop/a/?q=1#langkah-1">baik: query diabaikan</a>'
            '<a href="#judul">baik</a><a href="#lama">baik: a name</a>'
            '<a href="#">baik</a><a href="#top">baik</a>'
            '<a href="berkas%20spasi.html">baik: persen</a>'
            '<a href="/sop/a/">baik: dari akar</a>'
            '<a href="https://contoh.go.id/x">luar</a><a href="http://x/y#z">luar</a>'
            '<a href="mailto:a@b.go.id">luar</a><a href="tel:123">luar</a>'
            '<a href="javascript:void(0)">luar</a><img src="data:image/png;base64,AAAA">'
            '<a href="//cdn.contoh/x.js">luar</a>'
            '<a href="sop/b/">rusak: tidak ada</a>'
            '<a href="sop/b/">rusak, sekali saja per halaman</a>'
            '<a href="#hilang">rusak: jangkar di halaman ini</a>'
            '<a href="sop/a/#langkah-9">rusak: jangkar di halaman lain</a>'
            '<img src="gambar/tidak-ada.png">'
            '<a href="../../../etc/passwd">rusak: ke luar situs</a>'
            '<a href="kosong/">rusak: folder tanpa index.html</a>',
            kepala='<link rel="stylesheet" href="assets/gaya.css">'
                   '<link rel="canonical" href="https://kantor.go.id/">'),
        "assets/gaya.css": "body{}",
        "berkas spasi.html": _halaman("x"),
        "kosong/catatan.txt": "bukan halaman",
        "sop/a/index.html": _halaman(
            '<tr id="langkah-1"></tr>'
            '<svg><a xlink:href="#langkah-1"></a><a xlink:href="#langkah-2"></a></svg>'
            '<a href="../../index.html#judul">baik</a><a href="../../">baik</a>'),
        "sop/pindah/index.html": _halaman(
            "", kepala='<meta http-equiv="refresh" content="0; url=../hilang/">'),
    })


def test_situs_rusak_setiap_jenis_dilaporkan_sekali(situs_rusak: Path) -> None:
    kode, baris = periksa_tautan.jalankan(str(situs_rusak))
    assert kode == 1
    assert baris == [
        "index.html: tautan rusak 'sop/b/' (berkas tidak ada: sop/b)",
        "index.html: tautan rusak '#hilang' (jangkar #hilang tidak ada di halaman ini)",
        "index.html: tautan rusak 'sop/a/#langkah-9' "
        "(jangkar #langkah-9 tidak ada di sop/a/index.html)",
        "index.html: tautan rusak 'gambar/tidak-ada.png' (berkas tidak ada: gambar/tidak-ada.png)",
        "index.html: tautan rusak '../../../etc/passwd' (menunjuk ke luar folder situs)",
        "index.html: tautan rusak 'kosong/' (folder kosong/ tanpa index.html)",
        "sop/a/index.html: tautan rusak '#langkah-2' "
        "(jangkar #langkah-2 tidak ada di halaman ini)",
        "sop/pindah/index.html: tautan rusak '../hilang/' (berkas tidak ada: sop/hilang)",
        "8 tautan rusak di 3 halaman: perbaiki sumbernya (berkas Markdown, SOP atau templat), "
        "lalu bangun ulang situs.",
    ]


def test_perintah_sop(situs_rusak: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["periksa-tautan", str(situs_rusak)]) == 1
    keluar = capsys.readouterr()
    assert keluar.out.count("tautan rusak") == 9 and "Traceback" not in keluar.err
    assert cli.main(["periksa-tautan", str(situs_rusak / "tidak-ada")]) == 2
    assert "tidak ada — bangun dulu dengan `mkdocs build`" in capsys.readouterr().err
    (situs_rusak / "kosong2").mkdir()
    assert cli.main(["periksa-tautan", str(situs_rusak / "kosong2")]) == 2
    assert "tidak berisi berkas .html" in capsys.readouterr().err


def test_awalan_dari_site_url(tmp_path: Path) -> None:
    """With site_url https://x/pedoman/, MkDocs writes 404.html with /pedoman/... links."""
    situs = _tulis(tmp_path / "public", {
        "index.html": _halaman("", kepala='<link rel="canonical" '
                                          'href="https://kantor.gitlab.io/pedoman/">'),
        "assets/a.css": "",
        "404.html": _halaman('<a href="/pedoman/">baik</a><a href="/pedoman">baik</a>'
                             '<a href="/pedoman/assets/a.css">baik</a>'
                             '<a href="/assets/a.css">rusak</a>'),
    })
    hasil = periksa_tautan.periksa(situs)
    assert [str(r) for r in hasil.rusak] == [
        "404.html: tautan rusak '/assets/a.css' (di luar alamat situs /pedoman/)"]
    # stated explicitly, the option wins over the canonical link
    hasil = periksa_tautan.periksa(situs, awalan="/")
    assert {r.url for r in hasil.rusak} == {"/pedoman/", "/pedoman", "/pedoman/assets/a.css"}


def test_situs_besar_cepat_dan_tiap_halaman_diurai_sekali(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """2,000 pages linking each other with anchors: every page parsed exactly once."""
    n = 2000
    berkas = {}
    for i in range(n):
        tautan = "".join(f'<a href="../h{(i + k) % n}/#b{k}">x</a>' for k in range(1, 11))
        baris = "".join(f'<tr id="b{k}"><td>{k}</td></tr>' for k in range(1, 11))
        berkas[f"h{i}/index.html"] = _halaman(
            f'<nav><a href="../">beranda</a></nav><table>{baris}</table>{tautan}')
    berkas["index.html"] = _halaman("".join(f'<a href="h{i}/">{i}</a>' for i in range(n)))
    situs = _tulis(tmp_path / "site", berkas)

    asli = periksa_tautan.urai_halaman
    hitungan: dict[str, int] = {}

    def hitung(path: Path) -> periksa_tautan.Halaman:
        hitungan[str(path)] = hitungan.get(str(path), 0) + 1
        return asli(path)

    monkeypatch.setattr(periksa_tautan, "urai_halaman", hitung)
    monkeypatch.setattr(periksa_tautan, "AMBANG_PARALEL", 10**9)  # count in this process
    mulai = time.process_time()  # CPU time: other jobs on a busy CI machine do not count
    hasil = periksa_tautan.periksa(situs)
    lama = time.process_time() - mulai
    assert hasil.rusak == [] and hasil.jumlah_halaman == n + 1
    assert hasil.jumlah_tautan == n * 11 + n
    assert len(hitungan) == n + 1 and set(hitungan.values()) == {1}
    assert lama < 10, f"{lama:.1f} s untuk {n} halaman"


def test_paralel_sama_dengan_satu_proses(situs_rusak: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    sekali = [str(r) for r in periksa_tautan.periksa(situs_rusak).rusak]
    monkeypatch.setattr(periksa_tautan, "AMBANG_PARALEL", 1)
    monkeypatch.setattr(periksa_tautan.os, "cpu_count", lambda: 2)
    assert [str(r) for r in periksa_tautan.periksa(situs_rusak).rusak] == sekali
