// Progressive enhancement only: every page works without this file.
// Footnote marks show their note in place on hover and keyboard focus.
(function () {
  "use strict";
  let popup = null;
  function hide() { if (popup) { popup.remove(); popup = null; } }
  function show(ref) {
    hide();
    const note = document.getElementById(ref.getAttribute("href").slice(1));
    if (!note) return;
    popup = document.createElement("div");
    popup.className = "note-popup";
    popup.setAttribute("role", "note");
    popup.id = "note-popup";
    for (const child of note.childNodes) {
      if (!(child.classList && child.classList.contains("backlink"))) popup.appendChild(child.cloneNode(true));
    }
    document.body.appendChild(popup);
    const box = ref.getBoundingClientRect();
    popup.style.left = Math.max(8, Math.min(window.scrollX + box.left, window.scrollX + window.innerWidth - popup.offsetWidth - 8)) + "px";
    popup.style.top = window.scrollY + box.bottom + 6 + "px";
    ref.setAttribute("aria-describedby", "note-popup");
  }
  document.addEventListener("DOMContentLoaded", function () {
    for (const ref of document.querySelectorAll("a.noteref")) {
      ref.addEventListener("mouseenter", function () { show(ref); });
      ref.addEventListener("focus", function () { show(ref); });
      ref.addEventListener("mouseleave", hide);
      ref.addEventListener("blur", hide);
    }
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
    // The chosen view is kept from page to page.
    const saved = window.localStorage && localStorage.getItem("edition-view");
    const radio = saved && document.getElementById("view-" + saved);
    if (radio) radio.checked = true;
    for (const input of document.querySelectorAll("input[name=view]")) {
      input.addEventListener("change", function () {
        document.body.classList.remove("view-reading", "view-diplomatic");
        document.body.classList.add("view-" + input.value);
        if (window.localStorage) localStorage.setItem("edition-view", input.value);
      });
    }
  });
})();
