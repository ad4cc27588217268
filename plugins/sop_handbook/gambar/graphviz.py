"""Run Graphviz on many DOT sources at once, with an on-disk SVG cache.

Why batches: starting `dot`/`neato` costs about 25 ms, drawing one of our charts about 2 ms.
Graphviz reads several graphs from one input stream and writes one SVG per graph, so a whole
handbook is drawn by one process per CPU core (see benchmarks/bench_diagram.py). Why a cache:
an unchanged chart must cost no Graphviz run on the next build, so SVG is stored under the
hash of (DOT source, Graphviz version, engine and options) in a folder the caller keeps across
builds. The Graphviz version is remembered there too, keyed by the binary's size and mtime,
so a fully cached build starts no process at all.

One graph that fails never stops the others: a failed batch is retried in halves and each
failure comes back as a `Hasil` with a message. Time is bounded per graph, not per process:
the output is read as Graphviz writes it (one SVG per graph, in order), each graph gets
`timeout` seconds from the end of the previous one, and a graph that runs out fails alone
while the rest go on in a new process; so a hanging chart costs one timeout in total. Only a
missing Graphviz raises (`GraphvizMissing`), because then nothing can be drawn. This module
knows nothing of SOPs.

Public API::

    gv = Graphviz(cache_dir, engine="neato", options=("-n2",))
    hasil = gv.render_many(sources)   # list[Hasil(svg, galat, dari_cache)], same order
    gv.runs, gv.graphs_rendered, gv.cache_hits   # counters

The SVG that comes back is Graphviz's own; `svg.siapkan_svg` checks, sanitises and trims it
before it goes into a page.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import selectors
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .memo import baca_berhash, tulis_atomik, tulis_berhash
from .svg import periksa_svg

PESAN_PASANG = (
    "Graphviz tidak ditemukan: perintah '{engine}' tidak ada di PATH. Pasang Graphviz, misalnya "
    "`apt-get install graphviz` (Debian/Ubuntu), `brew install graphviz` (macOS), atau lihat "
    "https://graphviz.org/download/."
)


class GraphvizMissing(RuntimeError):
    """Graphviz is not installed (or not on PATH); the message says how to install it."""


@dataclass(frozen=True)
class Hasil:
    """The outcome for one DOT source: `svg`, or `galat` (a message for the reader)."""

    svg: str | None
    galat: str | None = None
    dari_cache: bool = False

    @property
    def ok(self) -> bool:
        return self.svg is not None


_AWAL_SVG = "<?xml"
FORMAT_CACHE = "2"  # entries are "<sha256 of the SVG>\n<SVG>"; older entries are not read
_AKHIR_SVG = b"</svg>"


class Graphviz:
    """Renders DOT to SVG with one Graphviz engine; keep one per build (or across rebuilds)."""

    def __init__(
        self,
        cache_dir: Path | None = None,
        *,
        engine: str = "neato",
        options: Sequence[str] = ("-n2",),
        jobs: int | None = None,
        per_batch: int = 16,
        timeout: float = 60.0,
    ) -> None:
        self._cache_dir = Path(cache_dir) if cache_dir is not None else None
        self._cache_diperiksa = False
        self.cache_mati: str | None = None  # why cache_dir cannot be used (warn once), if so
        self.cache_rusak: list[str] = []  # entries found damaged this build, redrawn
        self.engine = engine
        self.options = tuple(options)
        self.jobs = max(1, jobs if jobs is not None else (os.cpu_count() or 1))
        self.per_batch = max(1, per_batch)  # fewer graphs than this: one process is faster
        self.timeout = timeout
        self.runs = 0  # Graphviz processes started to draw (version queries not counted)
        self.graphs_rendered = 0
        self.cache_hits = 0
        self._exe: str | None = None
        self._version: str | None = None
        self._lock = threading.Lock()

    # -- setup ------------------------------------------------------------------------------

    def executable(self) -> str:
        """Path of the engine; raises GraphvizMissing when it is not installed."""
        if self._exe is None:
            exe = shutil.which(self.engine)
            if exe is None:
                raise GraphvizMissing(PESAN_PASANG.format(engine=self.engine))
            self._exe = exe
        return self._exe

    def version(self) -> str:
        """Graphviz's version line, remembered in the cache folder per binary (size, mtime)."""
        if self._version is not None:
            return self._version
        exe = self.executable()
        st = os.stat(exe)
        kunci = f"{os.path.realpath(exe)}:{st.st_size}:{st.st_mtime_ns}"
        memo: dict[str, str] = {}
        berkas = self.cache_dir / "versi.json" if self.cache_dir else None
        if berkas and berkas.is_file():
            with contextlib.suppress(OSError, ValueError):
                memo = json.loads(berkas.read_text(encoding="utf-8"))
            if not isinstance(memo, dict) or not all(
                    isinstance(v, str) for v in memo.values()):
                self.cache_rusak.append(f"{berkas}: bukan peta versi")
                memo = {}
        if kunci not in memo:
            try:
                p = subprocess.run([exe, "-V"], capture_output=True, text=True,
                                   timeout=self.timeout)
            except OSError as e:
                raise GraphvizMissing(PESAN_PASANG.format(engine=self.engine) + f" ({e})") from e
            except subprocess.TimeoutExpired as e:  # a hung install: say so, no traceback
                raise GraphvizMissing(f"Graphviz tidak merespons: '{self.engine} -V' belum "
                                      f"selesai setelah {self.timeout:g} detik. Periksa "
                                      "pemasangannya.") from e
            memo[kunci] = (p.stderr or p.stdout).strip()
            if berkas:
                with contextlib.suppress(OSError):  # an unwritable cache only costs speed
                    tulis_atomik(berkas, json.dumps(memo, indent=1))
        self._version = memo[kunci]
        return self._version

    # -- cache ------------------------------------------------------------------------------

    @property
    def cache_dir(self) -> Path | None:
        """The cache folder, or None when there is none or it cannot be used (a file, no
        permission): a cache only saves time, so that costs speed and one warning, never the
        build."""
        if not self._cache_diperiksa:
            self._cache_diperiksa = True
            if self._cache_dir is not None:
                try:
                    self._cache_dir.mkdir(parents=True, exist_ok=True)
                    fd, coba = tempfile.mkstemp(dir=self._cache_dir, prefix=".tmp-")
                    os.close(fd)
                    os.unlink(coba)
                except OSError as e:
                    self._matikan_cache(e)
        return self._cache_dir

    def _matikan_cache(self, e: OSError) -> None:
        self.cache_mati = (
            f"cache_dir '{self._cache_dir}' tidak dapat dipakai ({e.strerror or e}); bagan "
            "digambar tanpa cache, jadi build lebih lambat. Arahkan cache_dir (mkdocs.yml) ke "
            "folder yang dapat ditulis.")
        self._cache_dir = None

    def _baca_cache(self, berkas: Path) -> str | None:
        """A cached SVG if the entry is whole: its first line is the SHA-256 of the rest, the
        rest one SVG document. Anything else is a miss, noted once in `cache_rusak`."""
        svg = baca_berhash(berkas, self.cache_rusak)
        if svg is None:
            return None
        if not svg.startswith(_AWAL_SVG) or not svg.rstrip().endswith("</svg>"):
            self.cache_rusak.append(f"{berkas}: bukan SVG")
            return None
        return svg

    def _tulis_cache(self, berkas: Path, svg: str) -> None:
        try:
            tulis_berhash(berkas, svg)
        except OSError as e:
            if self.cache_mati is None:
                self._matikan_cache(e)

    def cache_key(self, source: str) -> str:
        h = hashlib.sha256()
        for bagian in (FORMAT_CACHE, self.version(), self.engine, " ".join(self.options), source):
            h.update(bagian.encode("utf-8"))
            h.update(b"\0")
        return h.hexdigest()

    def _berkas_cache(self, kunci: str) -> Path | None:
        return self.cache_dir / kunci[:2] / f"{kunci}.svg" if self.cache_dir else None

    # -- rendering --------------------------------------------------------------------------

    def render(self, source: str) -> Hasil:
        return self.render_many([source])[0]

    def render_many(self, sources: Sequence[str]) -> list[Hasil]:
        """SVG for every source, in order. Cached ones cost nothing; the rest are drawn in
        batches, one process per batch, up to `jobs` processes at a time."""
        if not sources:
            return []
        kunci = [self.cache_key(s) for s in sources]
        hasil: dict[str, Hasil] = {}
        perlu: dict[str, str] = {}  # key -> source, identical sources drawn once
        for k, s in zip(kunci, sources, strict=True):
            if k in hasil or k in perlu:
                continue
            berkas = self._berkas_cache(k)
            svg = self._baca_cache(berkas) if berkas is not None else None
            if svg is not None:
                hasil[k] = Hasil(svg, dari_cache=True)
                self.cache_hits += 1
                continue
            perlu[k] = s
        if perlu:
            items = list(perlu.items())
            n_batch = min(self.jobs, math.ceil(len(items) / self.per_batch))
            batches = [items[i::n_batch] for i in range(n_batch)]
            if len(batches) == 1:
                selesai = [self._batch(batches[0])]
            else:
                with ThreadPoolExecutor(len(batches)) as pool:
                    selesai = list(pool.map(self._batch, batches))
            for bagian in selesai:
                for k, h in bagian.items():
                    if h.svg is not None and (salah := periksa_svg(h.svg)):
                        h = Hasil(None, f"Graphviz ({self.engine}) menulis SVG yang tidak "
                                        f"dapat dipakai: {salah}")
                    hasil[k] = h
                    berkas = self._berkas_cache(k)
                    if h.svg is not None and berkas is not None:
                        self._tulis_cache(berkas, h.svg)
        return [hasil[k] for k in kunci]

    def _jalankan(self, masukan: str) -> _Jalan:
        """One Graphviz process over `masukan` (several graphs).

        Graphviz draws the graphs of its input one after another and writes each SVG as soon
        as it is done, so the output is read as it comes: every graph gets `timeout` seconds
        of its own, counted from the end of the previous one. When one takes longer, the
        process (and anything it started) is killed and the SVGs finished so far are kept.
        """
        with self._lock:
            self.runs += 1
        try:
            p = subprocess.Popen(
                [self.executable(), *self.options, "-Tsvg"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                start_new_session=True,  # a timeout kills the whole group (a wrapper script too)
            )
        except FileNotFoundError as e:
            raise GraphvizMissing(PESAN_PASANG.format(engine=self.engine)) from e
        except OSError as e:
            return _Jalan(-1, [], str(e), habis=False)
        penulis = threading.Thread(target=_tulis_masukan, args=(p, masukan.encode("utf-8")),
                                   daemon=True)
        penulis.start()
        try:
            keluaran, galat, habis = self._baca(p)
            if habis:
                _bunuh(p)
            try:
                kode = p.wait(timeout=self.timeout)
            except subprocess.TimeoutExpired:  # closed its output but kept running
                habis = True
                _bunuh(p)
                kode = p.wait()
        finally:  # also on Ctrl-C: nothing of Graphviz is left running (own session)
            if p.returncode is None:
                _bunuh(p)
            penulis.join()
            for f in (p.stdout, p.stderr):
                if f is not None:
                    f.close()
        return _Jalan(kode, _pisah_svg(keluaran.decode("utf-8", "replace")),
                      galat.decode("utf-8", "replace"), habis)

    def _baca(self, p: subprocess.Popen[bytes]) -> tuple[bytearray, bytearray, bool]:
        """Stdout and stderr of `p` as they come, until both close or one graph runs out
        of time (then the third value is True)."""
        keluaran, galat = bytearray(), bytearray()
        selesai, cari_dari = 0, 0
        batas = time.monotonic() + self.timeout
        with selectors.DefaultSelector() as sel:
            assert p.stdout is not None and p.stderr is not None
            sel.register(p.stdout, selectors.EVENT_READ, keluaran)
            sel.register(p.stderr, selectors.EVENT_READ, galat)
            while sel.get_map():
                sisa = batas - time.monotonic()
                if sisa <= 0:
                    return keluaran, galat, True
                for kunci, _ in sel.select(sisa):
                    potong = os.read(kunci.fd, 1 << 16)
                    if not potong:
                        sel.unregister(kunci.fileobj)
                        continue
                    kunci.data.extend(potong)
                    if kunci.data is keluaran:
                        n = selesai + keluaran.count(_AKHIR_SVG, cari_dari)
                        cari_dari = len(keluaran) - len(_AKHIR_SVG) + 1
                        if n > selesai:  # a graph is done: the next one's clock starts
                            selesai = n
                            batas = time.monotonic() + self.timeout
        return keluaran, galat, False

    def _batch(self, items: list[tuple[str, str]]) -> dict[str, Hasil]:
        """One process for all `items`. A graph that runs out of time fails alone and the rest
        go on in a new process, so a hanging chart costs one timeout in total; if Graphviz
        hangs on the first graph of two runs in a row, it is taken as hung and the rest of
        the batch fails at once. Any other failure is retried in halves to find the culprit."""
        hasil: dict[str, Hasil] = {}
        sisa = list(items)
        macet = False  # the previous run timed out before drawing anything
        while True:
            if not sisa:
                return hasil
            jalan = self._jalankan("\n".join(s for _, s in sisa))
            if not jalan.habis:
                break
            if len(jalan.svgs) >= len(sisa):  # all drawn, then it failed to exit
                return {**hasil, **self._berhasil(sisa, jalan.svgs[:len(sisa)])}
            k = len(jalan.svgs)
            hasil.update(self._berhasil(sisa[:k], jalan.svgs[:k]))
            pesan = self._pesan(-1, f"waktu habis setelah {self.timeout:g} detik")
            if k == 0 and macet:
                return {**hasil, **{kunci: Hasil(None, pesan) for kunci, _ in sisa}}
            hasil[sisa[k][0]] = Hasil(None, pesan)
            macet = k == 0
            sisa = sisa[k + 1:]
        if jalan.kode == 0 and len(jalan.svgs) == len(sisa):
            return {**hasil, **self._berhasil(sisa, jalan.svgs)}
        if len(sisa) == 1:
            return {**hasil, sisa[0][0]: Hasil(None, self._pesan(jalan.kode, jalan.galat))}
        tengah = len(sisa) // 2
        return {**hasil, **self._batch(sisa[:tengah]), **self._batch(sisa[tengah:])}

    def _berhasil(self, items: list[tuple[str, str]], svgs: list[str]) -> dict[str, Hasil]:
        with self._lock:
            self.graphs_rendered += len(items)
        return {k: Hasil(svg) for (k, _), svg in zip(items, svgs, strict=True)}

    def _pesan(self, kode: int, galat: str) -> str:
        baris = [b.strip() for b in galat.splitlines() if b.strip()]
        penting = [b for b in baris if b.lower().startswith(("error", "syntax"))] or baris
        detail = "; ".join(penting[-3:]) or f"kode keluar {kode}"
        return f"Graphviz ({self.engine}) gagal menggambar bagan: {detail}"


@dataclass(frozen=True)
class _Jalan:
    """One Graphviz process: exit code, the complete SVGs in order, stderr, timed out?"""

    kode: int
    svgs: list[str]
    galat: str
    habis: bool


def _bunuh(p: subprocess.Popen[bytes]) -> None:
    """Kill Graphviz and whatever it started (its own process group). Only before `p` is
    waited for: until then its pid, and so the group's id, cannot be reused."""
    with contextlib.suppress(OSError):
        os.killpg(p.pid, signal.SIGKILL)


def _tulis_masukan(p: subprocess.Popen[bytes], data: bytes) -> None:
    """Feed Graphviz from a thread, so a big input never blocks reading its output."""
    assert p.stdin is not None
    with contextlib.suppress(OSError):  # killed or exited early: the reader reports why
        p.stdin.write(data)
    with contextlib.suppress(OSError):
        p.stdin.close()


def _pisah_svg(keluaran: str) -> list[str]:
    """Split `-Tsvg` output of several graphs into one document each."""
    bagian = keluaran.split(_AWAL_SVG)
    return [_AWAL_SVG + b for b in bagian[1:] if "</svg>" in b]
