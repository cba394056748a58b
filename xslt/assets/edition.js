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
  // "Suggest a correction": select text in a document, get an entry for the file that
  // `edition correct --apply` reads (docs/corrections.md), to copy or to send.
  const PLACES = "p[id], div.sp[id], ul[id], blockquote[id], aside[id], li[id]";
  function tomlString(text) {
    return '"' + text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')
      .replace(/[\u0000-\u001f\u007f]/g, function (c) {
        return "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0");
      }) + '"';
  }
  function selected() {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || !document.body.dataset.document) return null;
    const text = sel.toString().replace(/[°¶]/g, "").replace(/\s+/g, " ").trim();
    const start = sel.anchorNode && sel.anchorNode.parentElement;
    const place = start && start.closest(PLACES);
    if (!text || text.length > 300 || !place || !place.closest("article")) return null;
    return { text: text, place: place.id };
  }
  function entry(choice) {
    return "[[correction]]\n" +
      "document = " + tomlString(document.body.dataset.document) + "\n" +
      "in = " + tomlString(choice.place) + "\n" +
      "find = " + tomlString(choice.text) + "\n" +
      "replace = " + tomlString(choice.text) + "  # what it should read\n" +
      'kind = "typo"  # typo, ocr, translation, name, attribution or date\n' +
      'reason = ""\n' +
      'by = ""  # your name, as it is to be credited\n';
  }
  let button = null;
  function offer() {
    const choice = selected();
    if (!choice) { if (button) button.hidden = true; return; }
    if (!button) {
      button = document.createElement("button");
      button.type = "button";
      button.className = "suggest";
      button.textContent = "Suggest a correction";
      button.addEventListener("mousedown", function (e) { e.preventDefault(); });
      button.addEventListener("click", function () { suggest(button.choice); });
      document.body.appendChild(button);
    }
    button.choice = choice;
    const box = window.getSelection().getRangeAt(0).getBoundingClientRect();
    button.style.left = window.scrollX + box.left + "px";
    button.style.top = window.scrollY + box.bottom + 6 + "px";
    button.hidden = false;
  }
  function suggest(choice) {
    let dialog = document.getElementById("suggestion");
    if (!dialog) {
      dialog = document.createElement("dialog");
      dialog.id = "suggestion";
      dialog.setAttribute("aria-labelledby", "suggestion-h");
      const heading = document.createElement("h2");
      heading.id = "suggestion-h";
      heading.textContent = "Suggest a correction";
      const help = document.createElement("p");
      help.textContent = "Edit what the text should read, your name and why; then copy the entry" +
        " (or send it) for the editors, who apply it with edition correct --apply.";
      const area = document.createElement("textarea");
      area.rows = 9; area.cols = 60; area.setAttribute("aria-label", "Correction entry");
      const copy = document.createElement("button");
      copy.type = "button"; copy.className = "copy"; copy.textContent = "Copy";
      copy.addEventListener("click", function () {
        area.select();
        const done = function () { copy.textContent = "Copied"; };
        if (navigator.clipboard) navigator.clipboard.writeText(area.value).then(done, done);
        else { document.execCommand("copy"); done(); }
      });
      const send = document.createElement("a");
      send.className = "send";
      const close = document.createElement("button");
      close.type = "button"; close.textContent = "Close";
      close.addEventListener("click", function () { dialog.close(); });
      dialog.append(heading, help, area, copy, send, close);
      document.body.appendChild(dialog);
      area.addEventListener("input", function () { link(send, area.value); });
    }
    const area = dialog.querySelector("textarea");
    area.value = entry(choice);
    link(dialog.querySelector("a.send"), area.value);
    dialog.querySelector("button.copy").textContent = "Copy";
    dialog.showModal();
    area.focus();
  }
  function link(anchor, text) {
    const to = document.body.dataset.suggestTo || "";
    const title = "Correction to " + document.body.dataset.document;
    if (/^mailto:/.test(to)) {
      anchor.href = to + "?subject=" + encodeURIComponent(title) + "&body=" + encodeURIComponent(text);
      anchor.textContent = "Send by e-mail";
    } else if (/^https?:\/\//.test(to)) {
      anchor.href = to + (to.indexOf("?") < 0 ? "?" : "&") + "title=" + encodeURIComponent(title) +
        "&body=" + encodeURIComponent("```toml\n" + text + "```\n");
      anchor.textContent = "Open an issue";
    }
    anchor.hidden = !to;
  }
  document.addEventListener("mouseup", function () { setTimeout(offer, 0); });
  document.addEventListener("keyup", function (e) { if (e.shiftKey) offer(); });

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
