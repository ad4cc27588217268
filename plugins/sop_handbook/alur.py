"""Flow checks on a SOP's steps: mistakes the table shows no sign of, but the chart does.

A step nothing leads to, a loop with no way out, a last step that jumps back (so the procedure
never ends) and a decision whose two exits go to the same place all pass the format checks;
each is a warning naming the steps, at the step's line. Linear in steps plus jumps.
"""

from __future__ import annotations

from collections.abc import Sequence

from .diagnostics import Laporan
from .model import Langkah

AKHIR = 0  # the end of the procedure, as a node of the flow graph


def lanjutan(langkah: Langkah, n: int) -> tuple[int, ...]:
    """Where the flow goes after a step: step numbers, AKHIR for the end."""
    if langkah.keputusan or langkah.lanjut is not None:
        return tuple(AKHIR if t is None else t for t in langkah.berikutnya)
    return (langkah.nomor + 1,) if langkah.nomor < n else (AKHIR,)


def _jangkau(awal: int, tetangga: dict[int, list[int]]) -> set[int]:
    terlihat = {awal}
    tumpuk = [awal]
    while tumpuk:
        for t in tetangga.get(tumpuk.pop(), ()):
            if t not in terlihat:
                terlihat.add(t)
                tumpuk.append(t)
    return terlihat


def _sebut(nomor: list[int]) -> str:
    return ", ".join(map(str, nomor))


def _tujuan(t: int) -> str:
    return "akhir prosedur" if t == AKHIR else f"langkah {t}"


def periksa_alur(kegiatan: Sequence[Langkah], lap: Laporan) -> None:
    """Warnings for unreachable steps, a procedure that never ends, loops with no exit and
    decisions whose exits coincide. `kegiatan` is numbered 1..n with valid jump targets."""
    n = len(kegiatan)
    if n == 0:
        return
    maju: dict[int, list[int]] = {}
    mundur: dict[int, list[int]] = {}
    for s in kegiatan:
        for t in lanjutan(s, n):
            maju.setdefault(s.nomor, []).append(t)
            mundur.setdefault(t, []).append(s.nomor)
        k = s.keputusan
        # Neither written: an invalid exit was dropped (and reported) — no second message.
        if k is not None and k.ya == k.tidak and (k.ya_tertulis or k.tidak_tertulis):
            tujuan = _tujuan(AKHIR if k.ya is None else k.ya)
            lap.peringatan(s.posisi, "same-exits",
                           f"keputusan di langkah {s.nomor}: 'ya' dan 'tidak' sama-sama menuju "
                           f"{tujuan}, jadi tidak ada yang diputuskan",
                           "arahkan salah satunya ke langkah lain, atau ganti 'keputusan' "
                           "dengan 'lanjut'")
    dicapai = _jangkau(1, maju)
    tak_dicapai = [s.nomor for s in kegiatan if s.nomor not in dicapai]
    if tak_dicapai:
        pertama = tak_dicapai[0]
        sebelum = kegiatan[pertama - 2] if pertama > 1 else None
        sebab = ""
        if sebelum is not None and sebelum.lanjut is not None:
            sebab = f" (langkah {sebelum.nomor} melompat ke langkah {sebelum.lanjut})"
        elif sebelum is not None and sebelum.keputusan is not None:
            sebab = (f" (keputusan langkah {sebelum.nomor} menuju "
                     f"{' dan '.join(_tujuan(t) for t in lanjutan(sebelum, n))})")
        lap.peringatan(kegiatan[pertama - 1].posisi, "unreachable-step",
                       f"langkah {_sebut(tak_dicapai)} tidak pernah dicapai dari langkah 1{sebab}",
                       f"arahkan 'lanjut' atau 'keputusan' sebuah langkah ke langkah {pertama}, "
                       "atau hapus langkah yang tidak dipakai")
    if AKHIR not in dicapai:
        akhir = kegiatan[-1]
        saran = (f"langkah terakhir mengakhiri prosedur: hapus 'lanjut: {akhir.lanjut}' di "
                 f"langkah {n}" if akhir.lanjut is not None else
                 f"beri langkah {n} jalan ke akhir, mis. keputusan yang salah satu "
                 "jawabannya tidak ditulis (berarti selesai)")
        lap.peringatan(akhir.posisi, "no-end",
                       "prosedur tidak pernah selesai: tidak ada alur dari langkah 1 yang sampai "
                       f"ke akhir setelah langkah {n}", saran)
        return
    ke_akhir = _jangkau(AKHIR, mundur)
    terjebak = sorted(x for x in dicapai if x not in ke_akhir)
    if terjebak:
        keluar = max(terjebak) + 1
        contoh = (f"mis. keputusan: {{tidak: {keluar}}}" if keluar <= n else
                  "mis. keputusan yang salah satu jawabannya tidak ditulis")
        lap.peringatan(kegiatan[terjebak[0] - 1].posisi, "no-exit",
                       f"langkah {_sebut(terjebak)} berputar tanpa jalan keluar: alurnya tidak "
                       "pernah sampai ke akhir prosedur",
                       f"beri salah satu langkah itu keputusan dengan jalan keluar, {contoh}")
