/* Search box in Material's header, backed by the Pagefind index in <site>/pagefind/.
   Material's own search (lunr) is not used: its markup classes are reused for the look, and its
   toggle (#__search) opens and closes the dialog, so the layout is Material's in light and dark.
   Keys as in Material: "/", "s" or "f" open, arrows move, Enter opens, Esc closes.
   Opening a result adds ?cari=<words> to its URL; the page then marks those words. */
(function () {
  "use strict";
  var konfig = document.getElementById("__config");
  var toggle = document.getElementById("__search");
  var kepala = document.querySelector(".md-header__inner");
  var base = ".";
  try { base = JSON.parse(konfig.textContent).base || "."; } catch (e) { /* default */ }
  var akar = new URL(base.replace(/\/?$/, "/"), location.href);
  var PER_HALAMAN = 10;

  tandai();  // ?cari= from a search result: mark the words on this page
  if (!toggle || !kepala || document.querySelector('[data-md-component="search"]')) return;

  var IKON = {
    cari: "M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5Z",
    kembali: "M20 11v2H8l5.5 5.5-1.42 1.42L4.16 12l7.92-7.92L13.5 5.5 8 11h12Z",
    tutup: "M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12 19 6.41Z"
  };
  function svg(d) {
    return '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true"><path d="' + d + '"/></svg>';
  }
  var tombol = document.createElement("label");
  tombol.className = "md-header__button md-icon";
  tombol.htmlFor = "__search";
  tombol.title = "Cari";
  tombol.setAttribute("aria-label", "Cari");
  tombol.innerHTML = svg(IKON.cari);
  var dialog = document.createElement("div");
  dialog.className = "md-search sop-cari";
  dialog.setAttribute("role", "dialog");
  dialog.setAttribute("aria-label", "Pencarian");
  dialog.innerHTML =
    '<label class="md-search__overlay" for="__search"></label>' +
    '<div class="md-search__inner" role="search">' +
    '<form class="md-search__form" name="search">' +
    '<input type="text" class="md-search__input" name="query" placeholder="Cari" ' +
    'aria-label="Cari SOP: nomor, nama, jabatan atau dasar hukum" autocapitalize="off" ' +
    'autocorrect="off" autocomplete="off" spellcheck="false" aria-controls="sop-cari-hasil">' +
    '<label class="md-search__icon md-icon" for="__search" title="Tutup pencarian">' + svg(IKON.cari) + svg(IKON.kembali) + "</label>" +
    '<nav class="md-search__options" aria-label="Pencarian">' +
    '<button type="reset" class="md-search__icon md-icon" title="Hapus" aria-label="Hapus">' + svg(IKON.tutup) + "</button></nav>" +
    "</form>" +
    '<div class="md-search__output"><div class="md-search__scrollwrap" data-md-scrollfix>' +
    '<div class="md-search-result">' +
    '<details class="sop-cari__saring"><summary>Saring hasil</summary><div class="sop-cari__filter"></div></details>' +
    '<div class="md-search-result__meta" role="status" aria-live="polite">Ketik untuk mencari</div>' +
    '<ol class="md-search-result__list" id="sop-cari-hasil"></ol>' +
    '<button type="button" class="md-button sop-cari__lagi" hidden></button>' +
    "</div></div></div></div>";
  var sumber = kepala.querySelector(".md-header__source");
  kepala.insertBefore(tombol, sumber);
  kepala.insertBefore(dialog, sumber);

  var input = dialog.querySelector("input");
  var form = dialog.querySelector("form");
  var meta = dialog.querySelector(".md-search-result__meta");
  var daftar = dialog.querySelector(".md-search-result__list");
  var lagi = dialog.querySelector(".sop-cari__lagi");
  var saring = dialog.querySelector(".sop-cari__saring");
  var wadahFilter = dialog.querySelector(".sop-cari__filter");
  var pilihan = {};  // filter name -> chosen value
  var pagefind = null;
  var hasil = [];
  var tampil = 0;
  var putaran = 0;

  function muat() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", akar).href).then(function (pf) {
        return pf.options({ baseUrl: akar.pathname, excerptLength: 24 }).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  function buka() {
    if (!toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
    input.focus();
    input.select();
    muat();
  }
  function tutup() {
    if (toggle.checked) { toggle.checked = false; toggle.dispatchEvent(new Event("change")); }
    input.blur();
  }
  toggle.addEventListener("change", function () {
    if (toggle.checked) { input.focus(); muat(); }
  });
  input.addEventListener("focus", function () {
    if (!toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
  });

  // The home page's search field: typing there continues in the header's search.
  var beranda = document.querySelector(".sop-beranda__cari");
  if (beranda) {
    var isian = beranda.querySelector("input");
    var pindah = function (e) {
      if (e) e.preventDefault();
      if (!toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
      input.value = isian.value;
      input.focus();
      input.setSelectionRange(input.value.length, input.value.length);
      input.dispatchEvent(new Event("input"));
      isian.value = "";
    };
    beranda.addEventListener("submit", pindah);
    isian.addEventListener("input", function () { pindah(); });
  }

  function filterAktif() {
    var f = {};
    Object.keys(pilihan).forEach(function (k) { if (pilihan[k]) f[k] = pilihan[k]; });
    return f;
  }

  function cari() {
    var q = input.value.trim();
    var f = filterAktif();
    var ini = ++putaran;
    if (!q && !Object.keys(f).length) {
      hasil = []; daftar.innerHTML = ""; lagi.hidden = true;
      meta.textContent = "Ketik untuk mencari";
      return;
    }
    muat().then(function (pf) {
      return pf.debouncedSearch(q || null, { filters: f }, 150).then(function (s) {
        if (s === null || ini !== putaran) return;
        if (!s.results.length && q) return cadangan(pf, q, f, ini);
        return urutkan(pf, q, f, s.results).then(function (r) {
          if (ini === putaran) tampilkan(r, q);
        });
      });
    }).catch(function (e) {
      meta.textContent = "Indeks pencarian tidak dapat dimuat.";
      console.warn("Pagefind:", e);
    });
  }

  /* SOP pages and guides first, in score order; index and list pages (filter jenis: Indeks,
     pencarian.JENIS_INDEKS) after them. */
  function urutkan(pf, q, f, r) {
    var fi = Object.assign({}, f, { jenis: "Indeks" });
    return pf.search(q || null, { filters: fi }).then(function (s) {
      var indeks = new Set(s.results.map(function (x) { return x.id; }));
      return r.filter(function (x) { return !indeks.has(x.id); })
        .concat(r.filter(function (x) { return indeks.has(x.id); }));
    });
  }

  /* No result (a typo, or a word not in the handbook): keep the words that find something on
     their own, trying a misspelt word shortened by one or two letters; at most 3 tries a word. */
  function cadangan(pf, q, f, ini) {
    var kata = q.split(/\s+/).slice(0, 6);
    return Promise.all(kata.map(function (w) {
      var coba = [w, w.slice(0, -1), w.slice(0, -2)].filter(function (c, i) { return i === 0 || c.length >= 5; });
      return coba.reduce(function (p, c) {
        return p.then(function (ada) {
          return ada !== null ? ada : pf.search(c, { filters: f }).then(function (s) {
            return s.results.length ? c : null;
          });
        });
      }, Promise.resolve(null));
    })).then(function (ada) {
      var sisa = ada.filter(Boolean).join(" ");
      if (!sisa || sisa === q || ini !== putaran) return tampilkan([], q);
      return pf.search(sisa, { filters: f }).then(function (s) {
        return urutkan(pf, sisa, f, s.results);
      }).then(function (r) {
        if (ini === putaran) tampilkan(r, q);
      });
    });
  }

  function tampilkan(r, q) {
    hasil = r; tampil = 0; daftar.innerHTML = ""; daftar.removeAttribute("data-kueri");
    meta.textContent = r.length === 0 ? "Tidak ada hasil untuk \u201c" + q + "\u201d"
      : r.length === 1 ? "1 hasil" : r.length + " hasil";
    return tambah();
  }

  function tambah() {
    var ini = putaran;
    var potong = hasil.slice(tampil, tampil + PER_HALAMAN);
    tampil += potong.length;
    var sisa = hasil.length - tampil;
    lagi.hidden = sisa <= 0;
    lagi.textContent = "Tampilkan " + Math.min(sisa, PER_HALAMAN) + " hasil lagi";
    return Promise.all(potong.map(function (x) { return x.data(); })).then(function (data) {
      if (ini !== putaran) return;
      data.forEach(function (d) { daftar.appendChild(butir(d)); });
      daftar.setAttribute("data-kueri", input.value.trim());  // rendered: for tests and tools
    });
  }
  lagi.addEventListener("click", function () { tambah(); });

  /* The excerpt as text with <mark>: parsed inert, only text and marks kept. */
  function cuplikan(html, kata) {
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    var p = document.createElement("p");
    doc.body.firstChild.childNodes.forEach(function (n) {
      if (n.nodeName === "MARK") {
        var m = document.createElement("mark");
        m.textContent = n.textContent;
        p.appendChild(m);
        kata.push(n.textContent);
      } else {
        p.appendChild(document.createTextNode(n.textContent));
      }
    });
    return p;
  }

  function butir(d) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    var art = document.createElement("article");
    art.className = "md-search-result__article md-typeset";
    var h = document.createElement("h1");
    h.textContent = (d.meta && d.meta.title) || d.url;
    art.appendChild(h);
    if (d.meta && d.meta.nomor) {
      var n = document.createElement("p");
      n.className = "sop-cari__nomor";
      n.textContent = d.meta.nomor + (d.meta.unit ? " \u00b7 " + d.meta.unit : "");
      art.appendChild(n);
    }
    var kata = input.value.trim().split(/\s+/).filter(Boolean);
    art.appendChild(cuplikan(d.excerpt || "", kata));
    var url = new URL(d.url, location.href);
    var unik = kata.filter(function (k, i) { return kata.indexOf(k) === i; }).slice(0, 10);
    if (unik.length) url.searchParams.set("cari", unik.join(" "));
    a.href = url.href;
    a.appendChild(art);
    li.appendChild(a);
    return li;
  }

  input.addEventListener("input", cari);
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var pertama = daftar.querySelector("a");
    if (pertama) location.href = pertama.href;
  });
  form.addEventListener("reset", function () {
    setTimeout(function () { cari(); input.focus(); }, 0);  // after the form cleared the box
  });

  saring.addEventListener("toggle", function () {
    if (!saring.open || wadahFilter.childNodes.length) return;
    muat().then(function (pf) { return pf.filters(); }).then(function (semua) {
      [["unit", "Unit kerja"], ["jabatan", "Jabatan"], ["dasar hukum", "Dasar hukum"]].forEach(function (p) {
        var nilai = semua[p[0]];
        if (!nilai) return;
        var label = document.createElement("div");
        label.className = "sop-cari__pilih";
        var teks = document.createElement("label");  // not wrapping: the name is the label only
        teks.textContent = p[1];
        teks.htmlFor = "sop-cari-" + p[0].replace(/\s+/g, "-");
        var sel = document.createElement("select");
        sel.id = teks.htmlFor;
        sel.name = p[0];
        var semuaOpsi = document.createElement("option");
        semuaOpsi.value = "";
        semuaOpsi.textContent = "Semua";
        sel.appendChild(semuaOpsi);
        Object.keys(nilai).sort(function (a, b) { return a.localeCompare(b, "id"); }).forEach(function (v) {
          var o = document.createElement("option");
          o.value = v;
          o.textContent = v + " (" + nilai[v] + ")";
          sel.appendChild(o);
        });
        sel.addEventListener("change", function () { pilihan[p[0]] = sel.value; cari(); });
        label.appendChild(teks);
        label.appendChild(sel);
        wadahFilter.appendChild(label);
      });
    });
  });

  function dapatDiketik(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    if (!toggle.checked) {
      if ((e.key === "/" || e.key === "s" || e.key === "f") && !dapatDiketik(document.activeElement)) {
        e.preventDefault();
        buka();
      }
      return;
    }
    var tautan = Array.prototype.slice.call(daftar.querySelectorAll("a"));
    var i = tautan.indexOf(document.activeElement);
    if (e.key === "Escape") {
      e.preventDefault();
      tutup();
    } else if (e.key === "ArrowDown" && tautan.length && dialog.contains(document.activeElement)
               && document.activeElement.tagName !== "SELECT") {
      e.preventDefault();
      tautan[Math.min(i + 1, tautan.length - 1)].focus();
    } else if (e.key === "ArrowUp" && i >= 0) {
      e.preventDefault();
      if (i === 0) input.focus(); else tautan[i - 1].focus();
    }
  }, true);

  /* Mark the words a search result was opened with, in this page's content. */
  function tandai() {
    var q = new URLSearchParams(location.search).get("cari");
    var isi = document.querySelector("article.md-content__inner");
    if (!q || !isi) return;
    var kata = q.split(/\s+/).filter(function (k) { return k.length > 1; }).slice(0, 10)
      .map(function (k) { return k.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    if (!kata.length) return;
    var pola = new RegExp("(^|[^\\p{L}\\p{N}])(" + kata.join("|") + ")", "giu");
    var jalan = document.createTreeWalker(isi, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        var p = n.parentElement;
        return p.closest("svg, script, style, mark, [hidden], [data-search-exclude]")
          ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var simpul = [];
    while (jalan.nextNode()) simpul.push(jalan.currentNode);
    var pertama = null;
    simpul.forEach(function (n) {
      var t = n.nodeValue;
      pola.lastIndex = 0;
      if (!pola.test(t)) return;
      pola.lastIndex = 0;
      var frag = document.createDocumentFragment();
      var akhir = 0;
      t.replace(pola, function (semua, awal, kata, pos) {
        var mulai = pos + awal.length;
        frag.appendChild(document.createTextNode(t.slice(akhir, mulai)));
        var m = document.createElement("mark");
        m.className = "sop-cari-tanda";
        m.textContent = kata;
        frag.appendChild(m);
        pertama = pertama || m;
        akhir = mulai + kata.length;
        return semua;
      });
      frag.appendChild(document.createTextNode(t.slice(akhir)));
      n.parentNode.replaceChild(frag, n);
    });
    if (pertama && !location.hash) pertama.scrollIntoView({ block: "center" });
  }
})();
