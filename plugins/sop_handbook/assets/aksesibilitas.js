/* SOP Handbook: small accessibility fixes to the theme's markup.
   Material's search overlay is a role="dialog" without a name; screen readers announce it as
   an unnamed dialog. Give it one (in the site's language). */
(function () {
  function beriNama() {
    document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (el) {
      el.setAttribute("aria-label", "Pencarian");
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", beriNama);
  } else {
    beriNama();
  }
})();
