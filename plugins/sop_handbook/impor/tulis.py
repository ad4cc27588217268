"""Write imported SOP data as a format YAML file with `# PERIKSA: …` comments.

Why by hand and not yaml.dump: the comments must sit on the very value they are about, and
the file should read like one an author wrote (key order of the form, short lists inline).
Every scalar is still emitted by PyYAML (so quoting is always right), and the text is loaded
back and compared before it is returned: a writer bug can never produce a different SOP.
"""

from __future__ import annotations

from typing import Any

import yaml

URUTAN = ["nomor", "nama", "instansi", "unit", "sub_unit", "tanggal_pembuatan",
          "tanggal_revisi", "tanggal_efektif", "disahkan_oleh", "dasar_hukum",
          "kualifikasi_pelaksana", "keterkaitan", "peralatan", "peringatan", "pencatatan",
          "pelaksana", "kegiatan", "kolom", "catatan"]
URUTAN_LANGKAH = ["aktivitas", "pelaksana", "keputusan", "lanjut", "kelengkapan", "waktu",
                  "output", "keterangan"]


def skalar(v: Any) -> str:
    if v is None:
        return "null"
    teks = yaml.safe_dump(v, allow_unicode=True, default_flow_style=True, width=10**6)
    return teks.removesuffix("\n").removesuffix("\n...").strip()


def _komentar(periksa: dict[str, str], jalur: str) -> str:
    alasan = periksa.get(jalur)
    return f"  # PERIKSA: {alasan}" if alasan else ""


def tulis(data: dict[str, Any], periksa: dict[str, str], kepala: str = "") -> str:
    baris: list[str] = [f"# {b}" for b in kepala.splitlines()]
    for k in URUTAN + [k for k in data if k not in URUTAN]:
        if k not in data:
            continue
        v = data[k]
        kom = _komentar(periksa, k)
        if k == "kegiatan":
            baris.append("kegiatan:" + kom)
            for i, langkah in enumerate(v, start=1):
                pertama = True
                for kk in URUTAN_LANGKAH + [x for x in langkah if x not in URUTAN_LANGKAH]:
                    if kk not in langkah:
                        continue
                    awal = "  - " if pertama else "    "
                    kom = _komentar(periksa, f"kegiatan.{i}.{kk}")
                    if pertama:
                        kom = kom or _komentar(periksa, f"kegiatan.{i}")
                    baris.append(f"{awal}{kk}: {skalar(langkah[kk])}{kom}")
                    pertama = False
        elif isinstance(v, dict):
            baris.append(f"{k}:{kom}")
            baris += [f"  {kk}: {skalar(vv)}" for kk, vv in v.items()]
        elif isinstance(v, list) and v and len(skalar(v)) > 80:
            baris.append(f"{k}:{kom}")
            baris += [f"  - {skalar(x)}" for x in v]
        else:
            baris.append(f"{k}: {skalar(v)}{kom}")
    teks = "\n".join(baris) + "\n"
    if yaml.safe_load(teks) != data:  # never write a SOP other than the one built
        raise ValueError("penulis YAML menghasilkan data yang berbeda")
    return teks
