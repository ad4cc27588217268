"""Every YAML syntax error libyaml can give is worded in Indonesian, at the line that matters.

The corpus (tests/bad/) pins whole messages for a handbook; here many small files go through
`baca_yaml` directly, one per kind of scanner/parser error.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sop_handbook.diagnostics import Laporan
from sop_handbook.yaml_node import baca_yaml, nama_karakter

# YAML text → (line, column, a piece of the Indonesian message)
KASUS = {
    "a:\n\tb: 1\n": (2, 1, "karakter tab tidak boleh dipakai"),
    "nama: @foo\n": (1, 7, "karakter '@' tidak boleh mengawali nilai"),
    "nama: `foo`\n": (1, 7, "karakter '`' tidak boleh mengawali nilai"),
    'nama: "abc\nb: 2\n': (1, 7, "tanda kutip dibuka tetapi tidak ditutup"),
    "nama: 'abc\nb: 2\n": (1, 7, "tanda kutip dibuka tetapi tidak ditutup"),
    "nama: a: b\n": (1, 8, "tanda ':' tidak boleh di sini"),
    "a:\n  b: 1\n c: 2\n": (3, 2, "indentasi tidak konsisten"),
    'a: "x" y\n': (1, 8, "ada teks setelah tanda kutip penutup"),
    "a: [1, 2\nb: 3\n": (2, 2, "daftar '[' di baris 1 tidak ditutup dengan ']'"),
    "a: {x: 1\nb: 3\n": (2, 2, "pemetaan '{' di baris 1 tidak ditutup dengan '}'"),
    'a: "x\\q"\n': (1, 6, "escape tidak dikenal"),
    'a: "x\\xZZ"\n': (1, 8, "escape Unicode tidak sah"),
    "a: *x\n": (1, 4, "alias (*) tanpa jangkar (&)"),
    "a: &x 1\nb: &x 2\n": (2, 4, "jangkar (&) yang sama ditulis dua kali"),
    "a: !x!y 1\n": (1, 4, "dibaca sebagai tag YAML"),
    "a: 1\n...\nfoo: [\n": (3, 1, "ada isi setelah akhir dokumen"),
    "a: |x\n  b\n": (1, 5, "setelah '|' atau '>' tidak boleh ada teks lain"),
    "a: |0\n  x\n": (1, 5, "tidak boleh diikuti angka 0"),
    "%FOO\n---\na: 1\n": (1, 5, "direktif YAML"),
    "a: 1\nb\nc: 2\n": (2, 1, "baris ini bukan 'kunci: nilai'"),
    "a: &\n": (1, 5, "dibaca sebagai jangkar YAML"),
    "a: %x\n": (1, 4, "karakter '%' tidak boleh mengawali nilai"),
    "a: b\n- c\n": (2, 1, "indentasi tidak konsisten"),
    "a:\n  - b\n  c: d\n": (3, 3, "indentasi daftar tidak konsisten"),
    'a: "b\n---\nc"\n': (2, 1, "'---' atau '...' di awal baris"),
    "a: - b\n": (1, 4, "butir daftar '- ' tidak boleh di sini"),
    "nama: a\x7fb\n": (1, 8, "karakter kendali U+007F (DEL) tidak boleh ada di berkas"),
    "a: 1\nnama: a\x00b\n": (2, 8, "karakter kendali U+0000 (NUL)"),
    "a: 1\n  nama: \x1b[31m\n": (2, 9, "karakter kendali U+001B (ESC)"),
    "a: b\x85c\n": (1, 5, "U+0085 (NEL)"),
    "a: b\u2028c\n": (1, 5, "U+2028 (LINE SEPARATOR)"),
}


@pytest.mark.parametrize("teks", list(KASUS), ids=[repr(k)[:30] for k in KASUS])
def test_galat_yaml_dalam_bahasa_indonesia(teks: str, tmp_path: Path) -> None:
    f = tmp_path / "a.yml"
    f.write_text(teks, encoding="utf-8")
    lap = Laporan()
    assert baca_yaml(f, "sops/a.yml", lap) is None
    (d,) = lap.semua
    baris, kolom, potongan = KASUS[teks]
    assert (d.posisi.baris, d.posisi.kolom) == (baris, kolom), str(d)
    assert potongan in d.pesan, str(d)
    assert d.saran and not d.pesan.startswith("YAML tidak sah di sini")  # not the fallback


def test_nama_karakter() -> None:
    assert nama_karakter("\x00") == "U+0000 (NUL)"
    assert nama_karakter("\x7f") == "U+007F (DEL)"
    assert nama_karakter("\x9b") == "U+009B (CSI)"
    assert nama_karakter("\ufeff") == "U+FEFF (ZERO WIDTH NO-BREAK SPACE)"
