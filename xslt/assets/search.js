// Full-text search of the edition, in the browser, over the index in search/ (made by
// edition/search.py). The index is made of classic scripts, the one kind of file a page
// opened from file:// may load, so search works there as on any static host. Results are
// built from elements and text nodes, never from markup: nothing in a document can become
// script or markup here.
(function () {
  "use strict";
  const MAX_DOCUMENTS = 100;
  const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
  const shards = {};
  const passages = {};
  let documents = null;

  // Words are folded as edition/search.py folds them.
  function fold(text) { return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase(); }
  function words(text) { return fold(text).match(/[\p{L}\p{N}]+/gu) || []; }
  function shardOf(term) {
    return "t-" + Array.from(term).slice(0, 2).map(function (c) {
      return c.codePointAt(0).toString(16);
    }).join("-") + ".js";
  }

  window.EditionSearch = {
    documents: function (list) { documents = list; },
    shard: function (name, postings) { shards[name] = postings; },
    document: function (stem, list) { passages[stem] = list; }
  };

  const loading = {};
  function load(name) {  // a file of search/; one that is missing holds nothing
    if (!loading[name]) {
      loading[name] = new Promise(function (resolve) {
        const script = document.createElement("script");
        script.src = "search/" + name;
        script.onload = script.onerror = function () { resolve(); };
        document.head.appendChild(script);
      });
    }
    return loading[name];
  }

  // The passages ("d:p") holding a word that begins with term (is term, for one letter or
  // a person's @id).
  function postings(term) {
    const shard = shards[shardOf(term)] || {};
    const found = new Set();
    const prefix = term.length > 1 && term[0] !== "@";
    for (const word of Object.keys(shard)) {
      if (word === term || (prefix && word.startsWith(term))) {
        const list = shard[word];
        for (let i = 0; i < list.length; i += 2) found.add(list[i] + ":" + list[i + 1]);
      }
    }
    return found;
  }

  function languageOf(runs, p) {
    for (const run of runs) {
      if (p < run[1]) return run[0];
      p -= run[1];
    }
    return "";
  }

  function el(name, attrs, children) {
    const node = document.createElement(name);
    for (const key of Object.keys(attrs || {})) node.setAttribute(key, attrs[key]);
    for (const child of children || []) node.append(child);
    return node;
  }

  // A keyword-in-context snippet of a passage: the words that match marked.
  function snippet(text, terms) {
    const hits = [];
    for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
      const word = fold(m[0]);
      if (terms.some(function (t) { return word === t || (t.length > 1 && word.startsWith(t)); })) {
        hits.push([m.index, m.index + m[0].length]);
      }
    }
    let start = 0;
    let end = Math.min(text.length, 220);
    if (hits.length) {
      start = Math.max(0, hits[0][0] - 80);
      if (start > 0) start = text.indexOf(" ", start) + 1 || start;
      end = Math.min(text.length, hits[0][1] + 140);
    }
    const space = text.lastIndexOf(" ", end);
    if (end < text.length && space > (hits.length ? hits[0][1] : start)) end = space;
    const parts = [start > 0 ? "… " : ""];
    let at = start;
    for (const hit of hits) {
      if (hit[0] < at || hit[1] > end) continue;
      parts.push(text.slice(at, hit[0]), el("mark", {}, [text.slice(hit[0], hit[1])]));
      at = hit[1];
    }
    parts.push(text.slice(at, end), end < text.length ? " …" : "");
    return parts;
  }

  function params() {
    const query = new URLSearchParams(window.location.search);
    const values = {};
    for (const name of ["q", "doc", "from", "to", "person", "lang"]) {
      values[name] = (query.get(name) || "").trim();
      const field = document.querySelector(".search-form [name='" + name + "']");
      if (field && values[name]) field.value = values[name];
    }
    return values;
  }

  async function run() {
    const status = document.getElementById("search-status");
    const results = document.getElementById("search-results");
    const form = params();
    const terms = Array.from(new Set(words(form.q)));
    const options = new Map();
    for (const option of document.querySelectorAll("#search-doc option[value]")) {
      if (option.value) options.set(option.value, option.dataset);
    }
    if (!terms.length && !form.person) {
      status.textContent = "Type words or names to search the edition; the filters narrow the search.";
      return;
    }
    status.textContent = "Searching…";
    await load("documents.js");
    if (!documents) {
      status.textContent = "The search index is missing: build the edition again.";
      return;
    }
    const wanted = terms.concat(form.person ? ["@" + form.person] : []);
    await Promise.all(wanted.map(function (t) { return load(shardOf(t)); }));
    let found = null;
    for (const set of wanted.map(postings)) {
      found = found === null ? set : new Set(Array.from(found).filter(function (k) { return set.has(k); }));
    }
    const byDocument = new Map();
    for (const key of found || []) {
      const [d, p] = key.split(":").map(Number);
      const entry = documents[d];
      if (!entry || !SAFE_NAME.test(entry[0])) continue;
      const stem = entry[0];
      const info = options.get(stem);
      if (!info) continue;
      if (form.doc && form.doc !== stem) continue;
      if (form.from && info.date < form.from) continue;
      if (form.to && info.date > form.to) continue;
      if (form.lang && languageOf(entry[1], p) !== form.lang) continue;
      if (!byDocument.has(stem)) byDocument.set(stem, []);
      byDocument.get(stem).push(p);
    }
    const order = Array.from(options.keys());
    const stems = Array.from(byDocument.keys()).sort(function (a, b) { return order.indexOf(a) - order.indexOf(b); });
    const shown = stems.slice(0, MAX_DOCUMENTS);
    await Promise.all(shown.map(function (stem) { return load(stem + ".js"); }));
    results.replaceChildren();
    let count = 0;
    for (const stem of shown) {
      const info = options.get(stem);
      const list = el("ul", { class: "passages" });
      for (const p of byDocument.get(stem).sort(function (a, b) { return a - b; })) {
        const passage = (passages[stem] || [])[p];
        if (!passage) continue;
        const [id, label, lang, text] = passage;
        const href = stem + ".html" + (id ? "#" + encodeURIComponent(id) : "");
        list.append(el("li", {}, [el("a", { href: href }, [label]), " ",
          el("span", { class: "kwic", lang: lang }, snippet(text, terms))]));
        count += 1;
      }
      results.append(el("li", { class: "result" }, [
        el("h2", {}, [el("a", { href: stem + ".html" }, [info.title])]),
        el("p", { class: "result-date" }, [info.label]),
        list
      ]));
    }
    const what = form.q ? "“" + form.q + "”" : "this person";
    status.textContent = count
      ? count + (count === 1 ? " passage" : " passages") + " in " + shown.length +
        (shown.length === 1 ? " document" : " documents") + " for " + what +
        (stems.length > shown.length ? " (the first " + shown.length + " of " + stems.length + " documents shown: narrow the search)" : "") + "."
      : "Nothing found for " + what + (form.doc || form.from || form.to || form.person || form.lang ? " with these filters." : ".");
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
