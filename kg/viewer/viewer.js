/* kg viewer: builds the vis-network graph from the JSON block and wires search, filters and tooltips.
 *
 * Safety rule: every string that comes from the data reaches the page through textContent, an
 * option's text, or the canvas — never innerHTML — so a name that is an HTML tag stays plain text.
 *
 * Exposed for tests and benchmarks: window.kgNetwork (the vis Network), kgNodes / kgEdges (its
 * DataSets), kgStats ({nodes, edges, visibleNodes, visibleEdges, physics, scriptMs, settleMs,
 * readyMs}: times in ms since navigation start), kgReady
 * (true once the first frame after layout is drawn; also body[data-ready]), kgShow(nodeId),
 * kgShowEdge(edgeId), kgSearch(text) and kgApplyFilters().
 */
(function () {
  "use strict";

  var scriptStart = performance.now();   // page parsed up to here: the rest is ours and vis's
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var KINDS = DATA.kinds;
  var byId = new Map();
  DATA.nodes.forEach(function (n) { byId.set(n.vis.id, n); });
  var edgeById = new Map();
  DATA.edges.forEach(function (e) { edgeById.set(e.id, e); });
  var interactionEdges = DATA.edges.filter(function (e) { return e.group === "interaction"; });
  var affiliationEdges = DATA.edges.filter(function (e) { return e.group === "affiliation"; });
  var currentItems = new Map();          // edge id -> the items the filters let through
  var drawnState = new Map();            // edge id -> {hidden, count} as last handed to vis
  DATA.edges.forEach(function (e) {
    currentItems.set(e.id, e.items);
    drawnState.set(e.id, { hidden: false, count: e.items.length });
  });
  var large = DATA.mode === "static";

  // ------------------------------------------------------------------ drawing

  /* Flags are emoji: without a colour emoji font they draw as two empty boxes, so keep the ISO only. */
  function flagsDrawable() {
    try {
      var c = document.createElement("canvas");
      c.width = c.height = 32;
      var ctx = c.getContext("2d", { willReadFrequently: true });
      ctx.font = "24px sans-serif";
      ctx.textBaseline = "top";
      ctx.fillText("\uD83C\uDDFA\uD83C\uDDF3", 0, 0);
      var px = ctx.getImageData(0, 0, 32, 32).data;
      for (var i = 0; i < px.length; i += 4) {
        if (px[i + 3] && (Math.abs(px[i] - px[i + 1]) > 40 || Math.abs(px[i + 1] - px[i + 2]) > 40)) return true;
      }
    } catch (err) { /* no canvas: fall through */ }
    return false;
  }

  function visNodes() {
    var flags = flagsDrawable();
    return DATA.nodes.map(function (n) {
      var v = Object.assign({}, n.vis);
      if (n.info.type === "country" && !flags && n.info.iso) v.label = n.info.iso;
      return v;
    });
  }

  function dominantKind(items) {
    var counts = {};
    items.forEach(function (it) { counts[it.kind] = (counts[it.kind] || 0) + 1; });
    var best = null, most = 0;
    KINDS.forEach(function (k) { if ((counts[k] || 0) > most) { best = k; most = counts[k]; } });
    return best;
  }

  /* Width grows with the number of encounters; colour is the most frequent kind among them. */
  function edgeStyle(edge, items) {
    if (edge.group === "affiliation") {
      return { color: { color: DATA.affiliationColor, highlight: "#666666", hover: "#666666", opacity: 0.9 },
               width: 1, dashes: [4, 4], label: undefined };
    }
    var colour = DATA.kindColors[dominantKind(items)] || "#888888";
    var n = items.length;
    return {
      color: { color: colour, highlight: colour, hover: colour, opacity: large ? 0.6 : 0.9 },
      width: Math.min(1.5 + 1.5 * (n - 1), 12),
      dashes: false,
      label: !large && n > 1 ? "\u00d7" + n : undefined,
      font: { size: 11, align: "middle", strokeWidth: 3 }
    };
  }

  function visEdge(edge) {
    return Object.assign({ id: edge.id, from: edge.from, to: edge.to }, edgeStyle(edge, edge.items));
  }

  var nodes = new vis.DataSet(visNodes());
  var edges = new vis.DataSet(DATA.edges.map(visEdge));
  var container = document.getElementById("kg-graph");
  var options = DATA.options;
  if (DATA.nodes.length === 0) options.physics.enabled = false;   // nothing to stabilise
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);

  window.kgNetwork = network;
  window.kgNodes = nodes;
  window.kgEdges = edges;
  window.kgStats = { nodes: nodes.length, edges: edges.length, visibleNodes: nodes.length,
                     visibleEdges: edges.length, physics: !!options.physics.enabled,
                     scriptMs: scriptStart, settleMs: null, readyMs: null };

  function markReady() {
    if (window.kgReady) return;
    window.kgStats.readyMs = performance.now();
    window.kgReady = true;
    document.body.dataset.ready = "true";
  }

  if (options.physics.enabled) {
    // stabilisation runs in batches after this script; when it ends, freeze the layout
    network.once("stabilizationIterationsDone", function () {
      window.kgStats.settleMs = performance.now();
      network.setOptions({ physics: { enabled: false } });
      network.once("afterDrawing", markReady);
      network.redraw();
    });
  } else {
    network.once("afterDrawing", function () {
      window.kgStats.settleMs = performance.now();
      markReady();
    });
  }

  // ------------------------------------------------------------------ tooltips (DOM + textContent only)

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function nameOf(id) {
    var n = byId.get(id);
    if (!n) return String(id);
    return n.info.name || n.vis.label || String(id);
  }

  function countryText(iso) {
    var c = byId.get("country-" + iso);
    if (!c) return String(iso);
    return (c.info.name || iso) + " (" + iso + ")";
  }

  function listText(values, map) {
    return (values || []).map(map || String).join(", ");
  }

  function addRow(dl, term, value) {
    if (value === undefined || value === null || value === "" || value === false) return;
    dl.appendChild(el("dt", null, term));
    dl.appendChild(el("dd", null, value === true ? "yes" : value));
  }

  var partners = null;   // node id -> Map(partner id -> encounters), built on first use

  function partnersOf(id) {
    if (!partners) {
      partners = new Map();
      var add = function (a, b, k) {
        if (!partners.has(a)) partners.set(a, new Map());
        partners.get(a).set(b, (partners.get(a).get(b) || 0) + k);
      };
      interactionEdges.forEach(function (e) { add(e.from, e.to, e.items.length); add(e.to, e.from, e.items.length); });
    }
    var m = partners.get(id);
    if (!m) return [];
    return Array.from(m.entries()).sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); });
  }

  function metText(id, limit) {
    var list = partnersOf(id);
    var shown = list.slice(0, limit).map(function (p) { return nameOf(p[0]) + (p[1] > 1 ? " (" + p[1] + ")" : ""); });
    if (list.length > limit) shown.push("… " + (list.length - limit) + " more");
    return shown.join(", ");
  }

  /* full: the details panel (adds whom they met); otherwise the hover tooltip. */
  function nodeTip(id, full) {
    var n = byId.get(id);
    var info = n.info;
    var box = el("div", "kg-tip");
    box.appendChild(el("span", "kg-type", info.type));
    box.appendChild(el("h3", null, nameOf(id)));
    var dl = el("dl");
    if (info.type === "country") {
      addRow(dl, "ISO", info.iso);
      addRow(dl, "in Russian", info.name_ru);
      addRow(dl, "mentions", info.mentions);
    } else {
      addRow(dl, "acronym", info.acronym);
      addRow(dl, "also", listText(info.aliases));
      addRow(dl, "roles", listText(info.roles));
      addRow(dl, "country", info.country ? countryText(info.country) : "");
      addRow(dl, "accredited to", listText(info.accredited_to, countryText));
      addRow(dl, "institutions", listText(info.institutions, nameOf));
      addRow(dl, "international", info.international);
      addRow(dl, "interactions", String(info.interactions || 0));
      if (full) addRow(dl, "met", metText(id, 30));
      if (info.first_seen) {
        addRow(dl, "seen", info.first_seen === info.last_seen || !info.last_seen
          ? info.first_seen : info.first_seen + " – " + info.last_seen);
      }
      addRow(dl, "mentions", info.mentions);
    }
    box.appendChild(dl);
    return box;
  }

  var RELATION = { serves: "serves", member_of: "member of", accredited_to: "accredited to", based_in: "based in" };
  var DIRECTION = { host: " hosted ", sender: " wrote to " };

  function itemEntry(item) {
    var li = el("li");
    var meta = el("div", "kg-meta");
    if (item.type === "interaction") {
      var parts = [item.date || "undated"];
      meta.appendChild(document.createTextNode(parts[0] + " · "));
      var kind = el("span", "kg-kind", item.kind || "?");
      kind.style.color = DATA.kindColors[item.kind] || "#555555";
      meta.appendChild(kind);
      var tail = [];
      if (DIRECTION[item.direction]) tail.push(nameOf(item.source) + DIRECTION[item.direction] + nameOf(item.target));
      if (item.file) tail.push(item.file);
      if (item.dispatch_id) tail.push("dispatch " + item.dispatch_id);
      if (tail.length) meta.appendChild(document.createTextNode(" · " + tail.join(" · ")));
      li.appendChild(meta);
      if (item.headline) li.appendChild(el("div", "kg-meta", item.headline));
      if (item.url && /^https?:\/\//i.test(item.url)) {
        // the item's page: opened only when clicked, in a new tab that learns nothing of this one
        var link = el("a", "kg-source", "source page");
        link.href = item.url;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        link.title = item.url;
        li.appendChild(link);
      }
      if (item.reports && item.reports.length > 1) {
        // one encounter, several items reporting it: each report's item, file, URL and sentence
        li.appendChild(el("div", "kg-meta", item.reports.length + " reports of this one encounter:"));
        var rl = el("ul", "kg-reports");
        item.reports.forEach(function (r) {
          var ri = el("li");
          var head = [r.date || "undated"];
          if (r.lang) head.push(r.lang);
          if (r.file) head.push(r.file);
          if (r.url) head.push(r.url);
          ri.appendChild(el("div", "kg-meta", head.join(" · ")));
          if (r.evidence) ri.appendChild(el("blockquote", null, r.evidence));
          rl.appendChild(ri);
        });
        li.appendChild(rl);
        return li;
      }
    } else {
      meta.textContent = nameOf(item.source) + " " + (RELATION[item.type] || item.type) + " " + nameOf(item.target)
        + (item.count > 1 ? " (" + item.count + " statements)" : "")
        + (item.file ? " · " + item.file : "");
      li.appendChild(meta);
    }
    if (item.evidence) li.appendChild(el("blockquote", null, item.evidence));
    return li;
  }

  function edgeTip(id, limit) {
    var edge = edgeById.get(id);
    var items = currentItems.get(id) || edge.items;
    var box = el("div", "kg-tip");
    var what = edge.group === "interaction"
      ? items.length + (items.length === 1 ? " encounter" : " encounters")
      : "affiliation";
    box.appendChild(el("span", "kg-type", what));
    box.appendChild(el("h3", null, nameOf(edge.from) + " — " + nameOf(edge.to)));
    var ol = el("ol");
    items.slice(0, limit || items.length).forEach(function (it) { ol.appendChild(itemEntry(it)); });
    box.appendChild(ol);
    if (limit && items.length > limit) {
      box.appendChild(el("p", "kg-muted", "… and " + (items.length - limit) + " more: click the edge"));
    }
    return box;
  }

  var tip = document.getElementById("kg-tooltip");
  var details = document.getElementById("kg-details");

  function showTip(content, pointer) {
    tip.replaceChildren(content);
    tip.hidden = false;
    var box = container.getBoundingClientRect();
    var x = box.left + pointer.x + 14, y = box.top + pointer.y + 14;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    if (x + w > window.innerWidth - 4) x = Math.max(4, box.left + pointer.x - w - 14);
    if (y + h > window.innerHeight - 4) y = Math.max(4, window.innerHeight - h - 4);
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }

  function hideTip() { tip.hidden = true; }

  function showDetails(content) {
    details.replaceChildren(content);
  }

  function clearDetails() {
    details.replaceChildren(el("p", "kg-muted", "Click a node or an edge."));
  }

  network.on("hoverNode", function (p) { showTip(nodeTip(p.node), p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showTip(edgeTip(p.edge, 6), p.pointer.DOM); });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  container.addEventListener("mouseleave", hideTip);   // vis sends no blur when the pointer leaves the canvas
  network.on("zoom", hideTip);
  network.on("click", function (p) {
    if (p.nodes.length) showDetails(nodeTip(p.nodes[0], true));
    else if (p.edges.length) showDetails(edgeTip(p.edges[0]));
    else clearDetails();
  });

  /* Select a node, bring it into view and show its details (used by the search box and tests). */
  function show(id) {
    if (!byId.has(id)) return false;
    var v = nodes.get(id);
    if (v && v.hidden) resetFilters();
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0),
                        animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    showDetails(nodeTip(id, true));
    return true;
  }
  window.kgShow = show;
  window.kgShowEdge = function (id) {
    if (!edgeById.has(id)) return false;
    network.selectEdges([id]);
    showDetails(edgeTip(id));
    return true;
  };

  // ------------------------------------------------------------------ search

  /* Case- and accent-insensitive: NFKD splits é into e + ◌́ and й into и + ◌̆; the marks are dropped. */
  function fold(s) {
    return String(s).normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().trim();
  }

  var index = DATA.nodes.map(function (n) {
    var info = n.info;
    var names = [nameOf(n.vis.id), n.vis.label, info.acronym, info.iso, info.name_ru]
      .concat(info.aliases || []).filter(function (s) { return s; });
    return { id: n.vis.id, names: names, keys: names.map(fold), weight: info.interactions || info.mentions || 0 };
  });

  var WORD_BREAK = /[\s.,;:()\[\]"'«»\u2010-\u2015-]+/u;

  function words(s) { return s.split(WORD_BREAK).filter(Boolean); }

  /* 0: the whole name; 1: its start; 2: every word typed starts a word of it, in any order
     ("lavrov s" finds "Sergey Lavrov"); 3: anywhere inside it; 9: no match. */
  function score(key, q, qWords) {
    if (key === q) return 0;
    if (key.startsWith(q)) return 1;
    var keyWords = words(key);
    if (qWords.length && qWords.every(function (w) { return keyWords.some(function (k) { return k.startsWith(w); }); })) return 2;
    return key.indexOf(q) >= 0 ? 3 : 9;
  }

  function search(text) {
    var q = fold(text);
    if (!q) return [];
    var qWords = words(q);
    var hits = [];
    index.forEach(function (entry) {
      var best = 9, which = 0;
      entry.keys.forEach(function (k, i) {
        var sc = score(k, q, qWords);
        if (sc < best) { best = sc; which = i; }
      });
      if (best < 9) hits.push({ id: entry.id, score: best, name: entry.names[0], matched: entry.names[which], weight: entry.weight });
    });
    hits.sort(function (a, b) {
      return a.score - b.score || b.weight - a.weight || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1);
    });
    return hits.slice(0, 15);
  }
  window.kgSearch = function (text) { return search(text).map(function (h) { return h.id; }); };

  var searchBox = document.getElementById("kg-search");
  var results = document.getElementById("kg-results");
  var hits = [], active = 0;

  function renderResults() {
    results.replaceChildren();
    hits.forEach(function (h, i) {
      var li = el("li", i === active ? "kg-active" : null, h.name);
      li.setAttribute("role", "option");
      if (h.matched !== h.name) {
        li.appendChild(document.createTextNode(" "));
        li.appendChild(el("span", "kg-alias", h.matched));
      }
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(i); });
      results.appendChild(li);
    });
    if (searchBox.value.trim() && !hits.length) results.appendChild(el("li", "kg-muted", "no match"));
  }

  function pick(i) {
    var h = hits[i];
    if (!h) return;
    show(h.id);
    hits = [];
    renderResults();
  }

  searchBox.addEventListener("input", function () { hits = search(searchBox.value); active = 0; renderResults(); });
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown") { active = Math.min(active + 1, hits.length - 1); renderResults(); ev.preventDefault(); }
    else if (ev.key === "ArrowUp") { active = Math.max(active - 1, 0); renderResults(); ev.preventDefault(); }
    else if (ev.key === "Enter") { if (!hits.length) hits = search(searchBox.value); pick(active); ev.preventDefault(); }
    else if (ev.key === "Escape") { searchBox.value = ""; hits = []; renderResults(); }
  });

  // ------------------------------------------------------------------ filters

  var countrySelect = document.getElementById("kg-country");
  var kindBoxes = Array.prototype.slice.call(document.querySelectorAll("#kg-kinds input"));
  var fromInput = document.getElementById("kg-from");
  var toInput = document.getElementById("kg-to");

  function nodeCountry(id) {
    var n = byId.get(id);
    if (!n) return null;
    return n.info.type === "country" ? n.info.iso : n.info.country || null;
  }

  function fillCountries() {
    var seen = new Map();
    DATA.nodes.forEach(function (n) {
      var iso = nodeCountry(n.vis.id);
      if (iso && !seen.has(iso)) seen.set(iso, countryText(iso));
    });
    Array.from(seen.entries())
      .sort(function (a, b) { return a[1].localeCompare(b[1]); })
      .forEach(function (pair) {
        var opt = document.createElement("option");
        opt.value = pair[0];
        opt.textContent = pair[1];
        countrySelect.appendChild(opt);
      });
  }

  function fillDates() {
    var dates = [];
    interactionEdges.forEach(function (e) { e.items.forEach(function (it) { if (it.date) dates.push(it.date.slice(0, 10)); }); });
    if (!dates.length) return;
    dates.sort();
    [fromInput, toInput].forEach(function (input) { input.min = dates[0]; input.max = dates[dates.length - 1]; });
  }

  function readFilter() {
    var kinds = new Set();
    kindBoxes.forEach(function (b) { if (b.checked) kinds.add(b.value); });
    return { country: countrySelect.value, kinds: kinds, from: fromInput.value, to: toInput.value,
             allKinds: kinds.size === kindBoxes.length };
  }

  function itemMatches(it, f) {
    if (!f.allKinds && !f.kinds.has(it.kind)) return false;
    if (f.from || f.to) {
      if (!it.date) return false;             // an undated encounter cannot be placed in a range
      var d = it.date.slice(0, 10);
      if (f.from && d < f.from) return false;
      if (f.to && d > f.to) return false;
    }
    if (f.country && nodeCountry(it.source) !== f.country && nodeCountry(it.target) !== f.country) return false;
    return true;
  }

  /* Interaction edges keep the encounters that match; nodes stay if an edge still reaches them, plus
     the chosen country and the countries/institutions the remaining people belong to (context). */
  function applyFilters() {
    var f = readFilter();
    var filtering = !!(f.country || f.from || f.to || !f.allKinds);
    var shown = new Set();
    interactionEdges.forEach(function (e) {
      var items = filtering ? e.items.filter(function (it) { return itemMatches(it, f); }) : e.items;
      currentItems.set(e.id, items);
      if (items.length) { shown.add(e.from); shown.add(e.to); }
    });
    if (!filtering) {
      byId.forEach(function (n, id) { shown.add(id); });
    } else {
      if (f.country) shown.add("country-" + f.country);
      var context = [];
      affiliationEdges.forEach(function (e) {
        if (shown.has(e.from)) context.push(e.to);
      });
      context.forEach(function (id) { shown.add(id); });
    }
    var nodeUpdates = [], edgeUpdates = [], visibleEdges = 0;
    nodes.forEach(function (v) {
      var hidden = !shown.has(v.id);
      if (!!v.hidden !== hidden) nodeUpdates.push({ id: v.id, hidden: hidden });
    });
    DATA.edges.forEach(function (e) {
      var items = currentItems.get(e.id);
      var hidden = e.group === "interaction" ? items.length === 0 : !(shown.has(e.from) && shown.has(e.to));
      if (!hidden) visibleEdges += 1;
      var last = drawnState.get(e.id);
      // touch only edges whose visibility or encounter count changed: updates redraw and cost time
      if (last.hidden !== hidden || (!hidden && last.count !== items.length)) {
        edgeUpdates.push(Object.assign({ id: e.id, hidden: hidden }, hidden ? {} : edgeStyle(e, items)));
        drawnState.set(e.id, { hidden: hidden, count: items.length });
      }
    });
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
    window.kgStats.visibleNodes = shown.size;
    window.kgStats.visibleEdges = visibleEdges;
    updateCount(filtering);
    hideTip();
  }

  function resetFilters() {
    countrySelect.value = "";
    kindBoxes.forEach(function (b) { b.checked = true; });
    fromInput.value = "";
    toInput.value = "";
    applyFilters();
  }

  function updateCount(filtering) {
    var s = window.kgStats;
    var text = s.nodes + " nodes · " + s.edges + " edges";
    if (filtering) text = "showing " + s.visibleNodes + " of " + s.nodes + " nodes, " + s.visibleEdges + " of " + s.edges + " edges";
    document.getElementById("kg-count").textContent = text;
  }

  fillCountries();
  fillDates();
  [countrySelect, fromInput, toInput].forEach(function (input) { input.addEventListener("change", applyFilters); });
  kindBoxes.forEach(function (b) { b.addEventListener("change", applyFilters); });
  document.getElementById("kg-reset").addEventListener("click", resetFilters);
  window.kgApplyFilters = applyFilters;
  updateCount(false);
})();
