// relgraph viewer: draws the graph inlined in #graph-data with cytoscape.js,
// wires the search box, the kind filters and the side panel, and reports the
// number of nodes shown in #status (data-nodes, data-edges) for tests.
// The URL fragment may preset the controls, e.g. `viewer.html#q=legend&hide=event,support&negated=1`:
// q = search text, hide = entity or relation kinds to uncheck, negated=1 shows negated relations,
// select = a node id (or edge id "e3") whose details open in the side panel,
// unconnected=0 hides entities without a shown relation.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var palette = data.palette;
  var statusEl = document.getElementById("status");
  var panel = document.getElementById("panel");
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });

  // ---- elements -----------------------------------------------------------
  var count = data.nodes.length;
  var radius = Math.max(150, count * 25);
  var elements = [];
  data.nodes.forEach(function (n, i) {
    var a = (2 * Math.PI * i) / Math.max(1, count);
    var style = palette.entities[n.kind] || { shape: "ellipse", fill: "#eee", border: "#999" };
    elements.push({
      group: "nodes",
      data: { id: n.id, label: n.label, kind: n.kind, size: n.size, shape: style.shape,
              fill: style.fill, border: style.border },
      // start on a circle, in id order, so the layout is the same on every load
      position: { x: radius * Math.cos(a), y: radius * Math.sin(a) }
    });
  });
  data.edges.forEach(function (e) {
    var color = e.negated ? palette.negated : (palette.relations[e.kind] || "#555");
    elements.push({
      group: "edges",
      data: { id: e.id, source: e.source, target: e.target, kind: e.kind, label: e.label,
              negated: e.negated, color: color, arrow: e.directed ? "triangle" : "none",
              line: e.negated ? "dotted" : (e.ended ? "dashed" : "solid") }
    });
  });

  var cy = cytoscape({
    container: document.getElementById("cy"),
    elements: elements,
    wheelSensitivity: 0.3,
    style: [
      { selector: "node", style: {
        "label": "data(label)", "shape": "data(shape)", "width": "data(size)", "height": "data(size)",
        "background-color": "data(fill)", "border-color": "data(border)", "border-width": 2,
        "font-size": 12, "text-valign": "bottom", "text-margin-y": 4, "text-wrap": "wrap",
        "text-max-width": 140, "text-background-color": "#ffffff", "text-background-opacity": 0.7,
        "text-background-padding": 1 } },
      { selector: "edge", style: {
        "curve-style": "bezier", "width": 2, "line-color": "data(color)", "line-style": "data(line)",
        "target-arrow-shape": "data(arrow)", "target-arrow-color": "data(color)",
        "label": "data(label)", "font-size": 9, "color": "data(color)", "text-rotation": "autorotate",
        "text-background-color": "#ffffff", "text-background-opacity": 0.8, "text-background-padding": 1 } },
      { selector: ".filtered", style: { "display": "none" } },
      { selector: ".faded", style: { "opacity": 0.15 } },
      { selector: "node.match", style: { "border-width": 5, "border-color": "#111" } },
      { selector: ":selected", style: { "opacity": 1, "overlay-color": "#ffd400", "overlay-opacity": 0.35 } }
    ],
    layout: { name: "preset" }
  });

  // ---- filters ------------------------------------------------------------
  var entityOn = {};
  var relationOn = {};
  var showNegated = document.getElementById("show-negated");

  function presentKinds(items) {
    var seen = {};
    var out = [];
    items.forEach(function (x) { if (!seen[x.kind]) { seen[x.kind] = true; out.push(x.kind); } });
    return out.sort();
  }

  function addCheckbox(container, kind, color, state) {
    var label = document.createElement("label");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = kind;
    box.addEventListener("change", function () { state[kind] = box.checked; applyFilters(); });
    var swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = color;
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(document.createTextNode(kind));
    container.appendChild(label);
    state[kind] = true;
  }

  var entityBox = document.getElementById("entity-filters");
  presentKinds(data.nodes).forEach(function (k) {
    addCheckbox(entityBox, k, (palette.entities[k] || {}).fill || "#eee", entityOn);
  });
  var relationBox = document.getElementById("relation-filters");
  presentKinds(data.edges).forEach(function (k) {
    addCheckbox(relationBox, k, palette.relations[k] || "#555", relationOn);
  });
  var anyNegated = data.edges.some(function (e) { return e.negated; });
  showNegated.disabled = !anyNegated;
  showNegated.addEventListener("change", applyFilters);

  var hideUnconnected = document.getElementById("hide-unconnected");
  hideUnconnected.addEventListener("change", applyFilters);

  function applyFilters() {
    cy.batch(function () {
      cy.edges().forEach(function (e) {
        var off = !relationOn[e.data("kind")] || (e.data("negated") && !showNegated.checked) ||
          !entityOn[e.source().data("kind")] || !entityOn[e.target().data("kind")];
        e.toggleClass("filtered", off);
      });
      cy.nodes().forEach(function (n) {
        var off = !entityOn[n.data("kind")] ||
          (hideUnconnected.checked && n.connectedEdges().filter(function (e) { return !e.hasClass("filtered"); }).length === 0);
        n.toggleClass("filtered", off);
      });
    });
    updateStatus();
  }

  function updateStatus() {
    var nodes = cy.nodes().filter(function (n) { return !n.hasClass("filtered"); }).length;
    var edges = cy.edges().filter(function (e) {
      return !e.hasClass("filtered") && !e.source().hasClass("filtered") && !e.target().hasClass("filtered");
    }).length;
    statusEl.setAttribute("data-nodes", String(nodes));
    statusEl.setAttribute("data-matches", String(cy.nodes(".match").length));
    statusEl.setAttribute("data-edges", String(edges));
    statusEl.textContent = nodes + " of " + data.nodes.length + " entities, " + edges + " of " +
      data.edges.length + " relations shown";
  }

  // ---- search -------------------------------------------------------------
  var search = document.getElementById("search");

  function matches(node, q) {
    var n = byId[node.id()];
    if (n.label.toLowerCase().indexOf(q) >= 0) { return true; }
    return n.aliases.some(function (a) { return a.toLowerCase().indexOf(q) >= 0; });
  }

  function runSearch() {
    var q = search.value.trim().toLowerCase();
    cy.batch(function () {
      cy.elements().removeClass("match faded");
      if (!q) { return; }
      var hits = cy.nodes().filter(function (n) { return matches(n, q); });
      cy.elements().not(hits).addClass("faded");
      hits.addClass("match");
    });
    updateStatus();
  }

  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") { return; }
    var hits = cy.nodes(".match").filter(function (n) { return !n.hasClass("filtered"); });
    if (hits.length > 0) {
      cy.elements().unselect();
      hits[0].select();
      showNode(hits[0]);
      cy.fit(hits, 120);
    }
  });

  // ---- side panel ---------------------------------------------------------
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }

  function list(items) {
    var ul = el("ul");
    items.forEach(function (t) { ul.appendChild(el("li", t)); });
    return ul;
  }

  function evidenceBlock(edge) {
    var frag = document.createDocumentFragment();
    edge.evidence.forEach(function (ev) {
      var q = el("blockquote");
      q.appendChild(el("span", ev.text));
      q.appendChild(document.createTextNode(" "));
      q.appendChild(el("span", "[" + ev.doc + "]", "doc"));
      frag.appendChild(q);
    });
    return frag;
  }

  function kindBadge(text, color) {
    var b = el("span", text, "kind");
    b.style.background = color;
    return b;
  }

  function edgeTitle(e) {
    var s = byId[e.source] ? byId[e.source].label : e.source;
    var t = byId[e.target] ? byId[e.target].label : e.target;
    return s + (e.directed ? " \u2192 " : " \u2014 ") + t;
  }

  function showNode(node) {
    var n = byId[node.id()];
    panel.innerHTML = "";
    panel.appendChild(el("h2", n.label));
    panel.appendChild(kindBadge(n.kind, (palette.entities[n.kind] || {}).border || "#777"));
    panel.appendChild(el("h3", "Aliases"));
    panel.appendChild(list(n.aliases.length ? n.aliases : [n.label]));
    panel.appendChild(el("h3", "Documents"));
    panel.appendChild(list(n.documents.length ? n.documents : ["(none recorded)"]));
    var related = data.edges.filter(function (e) {
      return (e.source === n.id || e.target === n.id) && (!e.negated || showNegated.checked);
    });
    panel.appendChild(el("p", n.mentions + " mention" + (n.mentions === 1 ? "" : "s") + ", " +
      related.length + " relation" + (related.length === 1 ? "" : "s")));
    panel.appendChild(el("h3", "Relations and evidence"));
    if (!related.length) { panel.appendChild(el("p", "None shown.", "hint")); }
    related.forEach(function (e) {
      var p = el("p");
      p.appendChild(el("strong", e.label + ": "));
      p.appendChild(document.createTextNode(edgeTitle(e)));
      panel.appendChild(p);
      panel.appendChild(evidenceBlock(e));
    });
  }

  function showEdge(edge) {
    var e = data.edges.filter(function (x) { return x.id === edge.id(); })[0];
    panel.innerHTML = "";
    panel.appendChild(el("h2", edgeTitle(e)));
    panel.appendChild(kindBadge(e.label, e.negated ? palette.negated : (palette.relations[e.kind] || "#555")));
    var facts = [e.directed ? "directed" : "mutual", "confidence " + e.confidence];
    if (e.role) { facts.push("role: " + e.role); }
    if (e.negated) { facts.push("negated: the text denies it"); }
    if (e.ended) { facts.push("ended"); }
    panel.appendChild(el("p", facts.join(" \u00b7 ")));
    panel.appendChild(el("h3", "Aliases"));
    [e.source, e.target].forEach(function (id) {
      var n = byId[id];
      if (n) { panel.appendChild(el("p", n.label + ": " + n.aliases.join(", "))); }
    });
    panel.appendChild(el("h3", "Documents"));
    panel.appendChild(list(e.documents));
    panel.appendChild(el("h3", "Evidence"));
    panel.appendChild(evidenceBlock(e));
  }

  function clearPanel() {
    panel.innerHTML = "";
    panel.appendChild(el("p", "Click a node or an edge to see its names, documents and evidence.", "hint"));
  }

  cy.on("tap", "node", function (ev) { showNode(ev.target); });
  cy.on("tap", "edge", function (ev) { showEdge(ev.target); });
  cy.on("tap", function (ev) { if (ev.target === cy) { clearPanel(); } });

  // ---- presets from the URL fragment ---------------------------------------
  function applyFragment() {
    var params = {};
    (window.location.hash || "").replace(/^#/, "").split("&").forEach(function (kv) {
      var i = kv.indexOf("=");
      if (i > 0) {
        try { params[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1).replace(/\+/g, " ")); } catch (e) { /* ignore */ }
      }
    });
    if (params.hide) {
      params.hide.split(",").forEach(function (k) {
        document.querySelectorAll("fieldset input[type=checkbox]").forEach(function (box) {
          if (box.value === k) { box.checked = false; }
        });
        if (k in entityOn) { entityOn[k] = false; }
        if (k in relationOn) { relationOn[k] = false; }
      });
    }
    if (params.negated === "1" && !showNegated.disabled) { showNegated.checked = true; }
    if (params.unconnected === "0") { hideUnconnected.checked = true; }
    if (params.q) { search.value = params.q; runSearch(); }
    if (params.select) {
      var target = cy.getElementById(params.select);
      if (target.length) {
        target.select();
        if (target.isNode()) { showNode(target); } else { showEdge(target); }
      }
    }
  }

  // ---- layout -------------------------------------------------------------
  applyFragment();
  applyFilters();
  // Lay out with one edge per pair of nodes, so that pairs joined by several
  // relations are not pulled on top of each other.
  var seenPairs = {};
  var layoutEles = cy.nodes().union(cy.edges().filter(function (e) {
    var a = e.source().id();
    var b = e.target().id();
    var key = a < b ? a + "\u0000" + b : b + "\u0000" + a;
    if (seenPairs[key]) { return false; }
    seenPairs[key] = true;
    return true;
  }));
  var layout = layoutEles.layout({
    name: "cose", animate: false, randomize: false, fit: true, padding: 40,
    nodeDimensionsIncludeLabels: true, numIter: 2000,
    idealEdgeLength: function () { return 120; },
    nodeRepulsion: function () { return 30000; }, nodeOverlap: 40
  });
  layout.on("layoutstop", function () {
    cy.fit(cy.elements().not(".filtered"), 40);
    updateStatus();
    statusEl.setAttribute("data-ready", "true");
  });
  layout.run();
  window.relgraphViewer = { cy: cy, data: data, applyFilters: applyFilters };
}());
