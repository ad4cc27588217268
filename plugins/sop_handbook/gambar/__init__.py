"""Every drawing of the handbook: swimlane charts, printed forms and relation maps.

The names the rest of the plugin uses are imported here (below); tests and benchmarks may
reach into the modules for the finer parts.

One job per module; each uses only the public names of the others:

    ukur.py      text metrics (Helvetica widths, word wrap) and geometry (Kotak, Titik)
    lajur.py     the swimlane layout of a SOP: lanes, symbols, routed lines (Bagan)
    formulir.py  the printed form: the chart moved into the official table, written as SVG
    peta.py      relation maps as graphs (nodes, edges, URLs): data, no DOT
    dot.py       the one DOT writer: escaping, attributes, the chart DOT and the map DOT
    graphviz.py  runs Graphviz in batches, SVG cached by DOT text; knows nothing of SOPs
    svg.py       the one SVG step: parse, allow-list sanitise, trim, inline
    memo.py      finished drawings on disk, checked on read; keyed by this package's source
    alur.py      the one loop all three use: memo → layout → draw → SVG step → memo

Nothing here imports MkDocs or writes pages; only graphviz.py runs processes.
"""

from .alur import ID_PREFIX, BaganSop, gambar_bagan, gambar_formulir, gambar_peta
from .formulir import BERKAS_CETAK, KERTAS, MARGIN_MM, FormulirSop, teks_css
from .graphviz import Graphviz, GraphvizMissing
from .memo import Memo
from .peta import Peta, peta_ringkas, peta_unit

__all__ = [
    "BERKAS_CETAK",
    "ID_PREFIX",
    "KERTAS",
    "MARGIN_MM",
    "BaganSop",
    "FormulirSop",
    "Graphviz",
    "GraphvizMissing",
    "Memo",
    "Peta",
    "gambar_bagan",
    "gambar_formulir",
    "gambar_peta",
    "peta_ringkas",
    "peta_unit",
    "teks_css",
]
