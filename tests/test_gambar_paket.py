"""The drawing package as a whole: its memo key follows its files, its modules keep to each
other's public names, and maps go through the same memoised loop as charts."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from conftest import BUKU
from sop_handbook import gambar, load
from sop_handbook.gambar.graphviz import Graphviz
from sop_handbook.gambar.memo import VERSI_KODE, versi_kode
from sop_handbook.render import Alamat
from sop_handbook.susun import susun_konteks

PAKET = Path(gambar.__file__).parent


def test_versi_kode_berubah_bila_berkas_mana_pun_berubah(tmp_path: Path) -> None:
    """Any change to any module of the package (or to model.py, the input's shape), and a
    new module, gives another key: no hand-kept list can forget a file."""
    salinan = tmp_path / "sop_handbook" / "gambar"
    shutil.copytree(PAKET, salinan, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PAKET.parent / "model.py", salinan.parent / "model.py")
    assert versi_kode(salinan) == VERSI_KODE  # the same files, the same key
    berkas = [*sorted(salinan.glob("*.py")), salinan.parent / "model.py"]
    assert {b.name for b in berkas} >= {"alur.py", "dot.py", "formulir.py", "graphviz.py",
                                        "lajur.py", "memo.py", "peta.py", "svg.py", "ukur.py",
                                        "__init__.py", "model.py"}
    kunci = {VERSI_KODE}
    for b in berkas:
        asli = b.read_bytes()
        b.write_bytes(asli + b"\n# satu baris lagi\n")
        kunci.add(versi_kode(salinan))
        b.write_bytes(asli)
    assert len(kunci) == len(berkas) + 1
    assert versi_kode(salinan) == VERSI_KODE
    (salinan / "baru.py").write_text('"""A new drawing module."""\n')
    assert versi_kode(salinan) != VERSI_KODE


def _impor_privat(berkas: Path) -> list[str]:
    """`from .x import _y`, and `_y` read off a module imported as a name (`import .x as X`)."""
    pohon = ast.parse(berkas.read_text(encoding="utf-8"))
    modul: set[str] = set()
    salah = []
    for n in ast.walk(pohon):
        if isinstance(n, ast.ImportFrom) and n.module != "__future__":
            for a in n.names:
                if a.name.startswith("_") and not a.name.startswith("__"):
                    salah.append(f"{berkas.name}:{n.lineno}: from {n.module} import {a.name}")
                modul.add(a.asname or a.name)  # might be a module (`from . import lajur`)
        elif isinstance(n, ast.Import):
            modul |= {(a.asname or a.name).split(".")[0] for a in n.names}
    for n in ast.walk(pohon):
        if (isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)
                and n.value.id in modul and n.attr.startswith("_")
                and not n.attr.startswith("__")):
            salah.append(f"{berkas.name}:{n.lineno}: {n.value.id}.{n.attr}")
    return salah


def test_tidak_ada_modul_yang_memakai_nama_privat_modul_lain() -> None:
    semua = [s for b in sorted(PAKET.glob("*.py")) for s in _impor_privat(b)]
    assert semua == []


def test_pemeriksa_impor_privat_menemukan_pelanggaran(tmp_path: Path) -> None:
    """The check above can fail: both ways of reaching a private helper are found."""
    b = tmp_path / "contoh.py"
    b.write_text("from . import lajur as D\nfrom .lajur import _rute, tata_letak\n"
                 "x = D._Baris\ny = D.GUTTER\n")
    assert _impor_privat(b) == ["contoh.py:2: from lajur import _rute", "contoh.py:3: D._Baris"]


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed")
def test_peta_lewat_memo_yang_sama(tmp_path: Path) -> None:
    """Maps take the charts' loop: a second build reads them back from the memo (no Graphviz
    process, same bytes), and a damaged entry is drawn again and reported."""
    buku = load.muat(BUKU / "sops", BUKU)

    def bangun() -> tuple[Graphviz, dict[str, list[str]]]:
        gv = Graphviz(tmp_path / "cache", engine="dot", options=())
        konteks = susun_konteks(buku, Alamat(), tingkat_belum="info", gv_peta=gv)
        assert konteks.peta and all(b.galat is None for _, b in konteks.peta.values())
        return gv, {k: list(b.svg) for k, (_, b) in konteks.peta.items()}

    gv1, pertama = bangun()
    assert gv1.graphs_rendered == len(pertama) and gv1.cache_hits == 0
    gv2, kedua = bangun()
    assert kedua == pertama
    assert gv2.runs == 0 and gv2.cache_hits == len(pertama)
    entri = sorted((tmp_path / "cache" / "memo").rglob("*.json"))
    assert len(entri) == len(pertama)
    entri[0].write_text(entri[0].read_text(encoding="utf-8")[:-20], encoding="utf-8")
    gv3, ketiga = bangun()
    assert ketiga == pertama
    assert len(gv3.cache_rusak) == 1 and "memo" in gv3.cache_rusak[0]
