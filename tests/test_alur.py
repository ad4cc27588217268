"""Flow checks: mistakes in where steps lead, reported with file:line and the step numbers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_load import MINIMAL, muat, pesan

from conftest import mkdocs, salin_proyek

LANES = "pelaksana: [Staf]\n"


def _langkah(*baris: str) -> str:
    """Steps 'aktivitas | extra yaml' → a kegiatan list (one key per extra, ';'-separated)."""
    teks = "kegiatan:\n"
    for i, b in enumerate(baris, 1):
        teks += f"  - aktivitas: Langkah {i}\n    pelaksana: Staf\n"
        for tambahan in filter(None, b.split(";")):
            teks += f"    {tambahan.strip()}\n"
    return teks


KASUS = [
    pytest.param(("", "lanjut: 4", "", ""), [
        "sops/a.yml:20:5: peringatan[unreachable-step]: langkah 3 tidak pernah dicapai dari "
        "langkah 1 (langkah 2 melompat ke langkah 4) — arahkan 'lanjut' atau 'keputusan' sebuah "
        "langkah ke langkah 3, atau hapus langkah yang tidak dipakai"], id="tak-dicapai"),
    pytest.param(("", "keputusan: {ya: 4, tidak: 4}", "", ""), [
        "sops/a.yml:17:5: peringatan[same-exits]: keputusan di langkah 2: 'ya' dan 'tidak' "
        "sama-sama menuju langkah 4, jadi tidak ada yang diputuskan — arahkan salah satunya ke "
        "langkah lain, atau ganti 'keputusan' dengan 'lanjut'",
        "sops/a.yml:20:5: peringatan[unreachable-step]: langkah 3 tidak pernah dicapai dari "
        "langkah 1 (keputusan langkah 2 menuju langkah 4 dan langkah 4) — arahkan 'lanjut' atau "
        "'keputusan' sebuah langkah ke langkah 3, atau hapus langkah yang tidak dipakai"],
        id="keputusan-sama"),
    pytest.param(("keputusan: {tidak: 4}", "", "lanjut: 2", ""), [
        "sops/a.yml:18:5: peringatan[no-exit]: langkah 2, 3 berputar tanpa jalan keluar: "
        "alurnya tidak pernah sampai ke akhir prosedur — beri salah satu langkah itu keputusan "
        "dengan jalan keluar, mis. keputusan: {tidak: 4}"], id="putaran"),
    pytest.param(("", "", "lanjut: 1"), [
        "sops/a.yml:19:5: peringatan[no-end]: prosedur tidak pernah selesai: tidak ada alur dari "
        "langkah 1 yang sampai ke akhir setelah langkah 3 — langkah terakhir mengakhiri "
        "prosedur: hapus 'lanjut: 1' di langkah 3"], id="langkah-terakhir-kembali"),
    pytest.param(("", "keputusan: {tidak: 1}", ""), [], id="putaran-dengan-jalan-keluar"),
    pytest.param(("", "keputusan: {tidak: 1}"), [], id="keputusan-terakhir-selesai"),
]


@pytest.mark.parametrize(("langkah", "harap"), KASUS)
def test_alur(tmp_path: Path, langkah: tuple[str, ...], harap: list[str]) -> None:
    buku = muat(tmp_path, {"a.yml": MINIMAL + LANES + _langkah(*langkah)})
    assert pesan(buku) == harap


def test_alur_menggagalkan_strict_dan_lint(tmp_path: Path) -> None:
    """A flow warning fails `mkdocs build --strict` and `sop lint --strict`, not a plain lint."""
    proyek = salin_proyek(tmp_path)
    (proyek / "sops/banhub/alur.yml").write_text(
        MINIMAL.replace("UM/01", "UM/ALUR") + "pelaksana: [Staf]\n" + _langkah("", "lanjut: 1"),
        encoding="utf-8")
    lint = [sys.executable, "-m", "sop_handbook.cli", "lint"]
    biasa = subprocess.run(lint, cwd=proyek, capture_output=True, text=True)
    assert biasa.returncode == 0 and "peringatan[no-end]" in biasa.stdout
    assert subprocess.run([*lint, "--strict"], cwd=proyek).returncode == 1
    hasil = mkdocs(proyek, "build", "--strict", "-d", "site")
    assert hasil.returncode == 1
    assert "sops/banhub/alur.yml:17:5: peringatan[no-end]" in hasil.stderr
    assert not (proyek / "site").exists()
