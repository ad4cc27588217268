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
    """One value in flow style, quoted by PyYAML itself, so any text round-trips."""
    if v is None:
        return "null"
    teks = yaml.safe_dump(v, allow_unicode=True, default_flow_style=True, width=10**6)
    return teks.removesuffix("\n").removesuffix("\n...").strip()


def _komentar(periksa: dict[str, str], jalur: str) -> str:
    alasan = periksa.get(jalur)
    return f"  # PERIKSA: {alasan}" if alasan else ""


def _tempat(data: dict[str, Any], jalur: str) -> str:
    """Where a note is written: on its own value; on its step's first line when the value is
    not in the step (a decision that was left out); "" when nowhere (the heading comment)."""
    bagian = jalur.split(".")
    kegiatan = data.get("kegiatan") or []
    if bagian[0] == "kegiatan" and len(bagian) >= 2:
        if not bagian[1].isdigit() or not 1 <= int(bagian[1]) <= len(kegiatan):
            return ""
        if len(bagian) == 2 or bagian[2] in kegiatan[int(bagian[1]) - 1]:
            return ".".join(bagian[:3])
        return f"kegiatan.{bagian[1]}"
    return jalur if len(bagian) == 1 and jalur in data else ""


def tulis(data: dict[str, Any], periksa: dict[str, str], kepala: str = "") -> str:
    """The YAML text. No note is dropped: each sits on its value, its step, or the heading."""
    baris: list[str] = [f"# {b}" for b in kepala.splitlines()]
    tempat: dict[str, list[str]] = {}
    for jalur, alasan in periksa.items():
        t = _tempat(data, jalur)
        tempat.setdefault(t, []).append(alasan if t else f"{jalur}: {alasan}")
    baris += [f"# PERIKSA: {a}" for a in tempat.pop("", [])]
    periksa = {t: "; ".join(dict.fromkeys(a)) for t, a in tempat.items()}
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
                    alasan = [periksa.get(f"kegiatan.{i}.{kk}", "")]
                    if pertama:
                        alasan.append(periksa.get(f"kegiatan.{i}", ""))
                    alasan = [a for a in alasan if a]
                    kom = f"  # PERIKSA: {'; '.join(alasan)}" if alasan else ""
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
