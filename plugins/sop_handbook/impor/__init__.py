"""`sop import`: bring an agency's existing SOPs (PDF, Word .docx) into the handbook as YAML.

Readers (`pdf.py` with pdfplumber, `docx.py` with python-docx) fill a neutral `Bahan`;
`bangun.py` turns it into format data with reasons to check; `tulis.py` writes the YAML with
`# PERIKSA:` comments. pdfplumber and python-docx are the optional extra
`sop-handbook[impor]`: nothing here is imported by the plugin, so building a site never needs
them.

Public API::

    impor_berkas(path) -> Hasil                       # raises BukanSop with the reason
    jalankan(paths, keluar=None, sops="sops") -> (exit code, lines)
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from pathlib import Path

from .bahan import BukanSop
from .bangun import Hasil, bangun
from .tulis import tulis

AKHIRAN = (".pdf", ".docx")


def impor_berkas(berkas: Path) -> Hasil:
    """One document → SOP data; BukanSop (with a reason in Indonesian) when it is not one."""
    import importlib.util

    akhiran = berkas.suffix.lower()
    if akhiran not in AKHIRAN:
        raise BukanSop("hanya berkas .pdf dan .docx yang dapat diimpor")
    paket = "pdfplumber" if akhiran == ".pdf" else "docx"
    if importlib.util.find_spec(paket) is None:  # the readers import it only when reading
        raise BukanSop("paket impor belum terpasang: jalankan "
                       "pip install 'sop-handbook[impor]'")
    if akhiran == ".pdf":
        from . import pdf as pembaca
    else:
        from . import docx as pembaca
    return bangun(pembaca.baca(berkas), nama_cadangan=berkas.stem.replace("_", " "))


def slug(teks: str) -> str:
    """A file name from a SOP's name: the handbook's ids are URL-safe ASCII."""
    t = unicodedata.normalize("NFKD", teks).encode("ascii", "ignore").decode().lower()
    t = re.sub(r"^sop\s+", "", t)
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-")[:60] or "sop"


def jalankan(paths: list[str], keluar: str | None = None,
             sops: str = "sops") -> tuple[int, list[str]]:
    """Import files and folders; one bad file never stops the others. Never overwrites."""
    berkas: list[Path] = []
    baris: list[str] = []
    gagal = 0
    for p in map(Path, paths):
        if p.is_dir():
            try:
                berkas += sorted(x for x in p.iterdir() if x.suffix.lower() in AKHIRAN)
            except OSError as e:
                baris.append(f"{p}: galat[impor-tidak-ada]: folder tidak dapat dibaca "
                             f"({e.strerror}) — periksa izin folder")
                gagal += 1
        elif p.exists():
            berkas.append(p)
        else:
            baris.append(f"{p}: galat[impor-tidak-ada]: berkas tidak ditemukan — periksa "
                         "nama berkas")
            gagal += 1
    ditulis: dict[Path, tuple[Path, str]] = {}  # written this run: from which file, nomor
    satu_berkas = keluar is not None and keluar.endswith((".yml", ".yaml"))
    if satu_berkas and len(berkas) > 1:
        return 1, [f"galat[impor-tujuan]: -o {keluar} adalah satu berkas, tetapi ada "
                   f"{len(berkas)} dokumen — beri -o sebuah folder"]
    for b in berkas:
        try:
            hasil = impor_berkas(b)
        except BukanSop as e:
            baris.append(f"{b}: galat[bukan-sop]: {e} — berkas ini dilewati")
            gagal += 1
            continue
        except Exception as e:  # a document the readers did not foresee: one line, and the
            # other files of the folder are still imported (a bug of ours, reported as such)
            baris.append(f"{b}: galat[impor-gagal]: berkas tidak dapat dibaca oleh pengimpor "
                         f"({type(e).__name__}) — ketik ulang dengan `sop new`, dan laporkan "
                         "berkas ini ke pengelola — berkas ini dilewati")
            gagal += 1
            continue
        if satu_berkas:
            tujuan = Path(keluar)  # type: ignore[arg-type]
        else:
            folder = Path(keluar) if keluar else Path(sops) / "impor"
            tujuan = folder / f"{slug(str(hasil.data.get('nama') or b.stem))}.yml"
        if tujuan in ditulis:  # two documents of one run with the same name
            asal, nomor = ditulis[tujuan]
            if nomor not in ("", "-") and nomor == hasil.data.get("nomor"):
                baris.append(f"{b}: galat[ganda]: SOP yang sama (nomor {nomor}) sudah diimpor "
                             f"dari {asal.name} ke {tujuan} — berkas ini dilewati")
                gagal += 1
                continue
            tujuan = next(t for n in itertools.count(2)
                          if (t := tujuan.with_name(f"{tujuan.stem}-{n}{tujuan.suffix}"))
                          not in ditulis and not t.exists())
        if tujuan.exists():
            baris.append(f"{b}: galat[sudah-ada]: {tujuan} sudah ada dan tidak ditimpa — "
                         "pakai -o dengan nama lain, atau hapus berkas itu dulu")
            gagal += 1
            continue
        teks = tulis(hasil.data, hasil.periksa,
                     kepala=f"Diimpor dari {b.name} dengan `sop import`; periksa setiap "
                            "baris bertanda PERIKSA,\nlalu hapus komentarnya.")
        try:
            tujuan.parent.mkdir(parents=True, exist_ok=True)
            with open(tujuan, "x", encoding="utf-8") as f:
                f.write(teks)
        except OSError as e:
            baris.append(f"{b}: galat[impor-tulis]: {tujuan} tidak dapat ditulis "
                         f"({e.strerror}) — pakai -o ke folder yang dapat ditulisi")
            gagal += 1
            continue
        ditulis[tujuan] = (b, str(hasil.data.get("nomor", "")))
        baris.append(f"{b} → {tujuan}: {hasil.ringkasan()}")
    if not berkas and not gagal:
        baris.append("tidak ada berkas .pdf atau .docx untuk diimpor")
        gagal += 1
    baris.append(f"{sum(1 for x in baris if ' → ' in x)} "
                 f"berkas diimpor, {gagal} gagal.")
    return (1 if gagal else 0), baris
