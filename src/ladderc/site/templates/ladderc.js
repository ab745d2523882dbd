// Two small fixes to the theme, no-ops under themes without the elements.
//
// Material renders its search box as role="dialog" without a name; screen readers announce an
// unnamed dialog. Name it after its input. A no-op under themes without that element.
document.querySelectorAll('[role="dialog"].md-search:not([aria-label])').forEach(function (dialog) {
  dialog.setAttribute("aria-label", "Search");
});

// Level and change pages are not in the navigation (it would grow every page with the ladder);
// their breadcrumb names their family, whose navigation entry is marked as the way back.
document.querySelectorAll("[data-ladder-family]").forEach(function (crumb) {
  var family = new URL(crumb.getAttribute("data-ladder-family"), document.baseURI).href;
  document.querySelectorAll(".md-sidebar--primary a.md-nav__link, nav a").forEach(function (link) {
    if (link.href === family && !link.closest(".ladder-breadcrumb")) {
      link.classList.add("md-nav__link--active", "ladder-nav-family");
      link.setAttribute("aria-current", "location");
    }
  });
});

// On a narrow screen a table becomes one card per row (ladderc.css), each cell labelled with its
// column's heading, so that no pay table needs sideways scrolling; figures align right.
function ladderCards(table) {
  var headings = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
    return th.textContent.trim();
  });
  table.classList.add("ladder-cards");
  table.querySelectorAll("tbody tr").forEach(function (row) {
    var column = 0;
    Array.prototype.forEach.call(row.children, function (cell) {
      if (headings[column] && !cell.hasAttribute("data-label")) {
        cell.setAttribute("data-label", headings[column]);
      }
      if (/^[−+±]?[0-9]/.test(cell.textContent.trim())) {
        cell.classList.add("ladder-figure");
      }
      column += cell.colSpan || 1;
    });
  });
}
document.querySelectorAll(".ladder-table table").forEach(ladderCards);

// Next-level checklists: each tick is kept in this browser's localStorage, nothing is sent anywhere.
// "Print this checklist" prints that checklist alone (ladderc.css, @media print).
(function () {
  var store = null;
  try { store = window.localStorage; } catch (e) { /* storage disabled: ticks last for the visit */ }
  document.querySelectorAll("input[data-ladder-check]").forEach(function (box) {
    var key = "ladderc:" + location.pathname.replace(/^.*\/levels\//, "") + ":" + box.getAttribute("data-ladder-check");
    if (store && store.getItem(key) === "1") { box.checked = true; }
    box.addEventListener("change", function () {
      if (!store) { return; }
      if (box.checked) { store.setItem(key, "1"); } else { store.removeItem(key); }
    });
  });
  document.querySelectorAll("[data-ladder-print]").forEach(function (button) {
    button.addEventListener("click", function () {
      var block = button.closest(".ladder-checklist-block");
      block.classList.add("ladder-printing");
      document.body.classList.add("ladder-printing-one");
      window.print();
      block.classList.remove("ladder-printing");
      document.body.classList.remove("ladder-printing-one");
    });
  });
})();

// "Compare two levels": reads ladder.json (the site's own data) and builds the comparison with
// text nodes only, so no ladder text can become markup. The choice lives in the URL (?from=&to=).
(function () {
  var root = document.getElementById("ladder-compare");
  if (!root) { return; }
  var result = root.querySelector(".ladder-compare-result");
  var pick = { from: root.querySelector("#ladder-compare-from"), to: root.querySelector("#ladder-compare-to") };
  var data = null;
  var params = new URLSearchParams(location.search);
  ["from", "to"].forEach(function (name) { if (params.get(name)) { pick[name].value = params.get(name); } });

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    return node;
  }
  function byId(list) { var map = {}; list.forEach(function (x) { map[x.id] = x; }); return map; }
  function amount(value) { return Number(value).toLocaleString("en-US", { maximumFractionDigits: 2 }); }
  function path(from, to) {  // the fewest moves from one level to the other, over promotions and switches
    var before = {}, queue = [from], seen = {};
    seen[from] = true;
    while (queue.length) {
      var here = queue.shift();
      if (here === to) { break; }
      data.transitions.forEach(function (t) {
        if (t.from === here && !seen[t.to]) { seen[t.to] = true; before[t.to] = t; queue.push(t.to); }
      });
    }
    if (!seen[to]) { return null; }
    var steps = [];
    for (var at = to; at !== from; at = before[at].from) { steps.unshift(before[at]); }
    return steps;
  }
  function render() {
    var a = pick.from.value, b = pick.to.value;
    var query = new URLSearchParams();
    if (a) { query.set("from", a); }
    if (b) { query.set("to", b); }
    history.replaceState(null, "", location.pathname + (query.toString() ? "?" + query : ""));
    result.textContent = "";
    if (!a || !b) { result.appendChild(el("p", "Choose two levels to compare them.")); return; }
    var levels = byId(data.levels), tracks = byId(data.tracks), families = byId(data.families);
    var one = levels[a], two = levels[b];
    if (!one || !two) { result.appendChild(el("p", "One of these levels is not on this ladder.")); return; }
    function name(level) {
      return level.title + " (" + families[level.family].name + ", " + tracks[level.track].name + ", " + level.grade + ")";
    }
    result.appendChild(el("h2", "Expectations side by side", { id: "compare-expectations" }));
    var table = el("table"), head = el("tr");
    table.appendChild(el("caption", "Expectations of " + one.title + " and " + two.title + "; rows that differ are marked"));
    [["Competency"], [name(one)], [name(two)]].forEach(function (h) { head.appendChild(el("th", h[0], { scope: "col" })); });
    var thead = el("thead"); thead.appendChild(head); table.appendChild(thead);
    var body = el("tbody");
    data.competencies.slice().sort(function (x, y) { return x.name.localeCompare(y.name); }).forEach(function (c) {
      var left = one.expectations[c.id] || "", right = two.expectations[c.id] || "";
      if (!left && !right) { return; }
      var row = el("tr", null, left === right ? {} : { "class": "ladder-changed" });
      row.appendChild(el("th", c.name + (left === right ? "" : " (differs)"), { scope: "row" }));
      row.appendChild(el("td", left || "—"));
      row.appendChild(el("td", right || "—"));
      body.appendChild(row);
    });
    table.appendChild(body);
    var wrap = el("div", null, { "class": "ladder-table" }); wrap.appendChild(table); result.appendChild(wrap);
    ladderCards(table);
    if (root.getAttribute("data-ladder-pay") === "yes") {
      result.appendChild(el("h2", "Pay bands", { id: "compare-pay" }));
      var list = el("ul");
      data.zones.forEach(function (zone) {
        var x = one.bands[zone.id], y = two.bands[zone.id];
        function band(v) { return v ? amount(v.min) + " to " + amount(v.max) + " " + zone.currency : "not published"; }
        list.appendChild(el("li", zone.name + ": " + band(x) + " → " + band(y)));
      });
      result.appendChild(list);
    }
    result.appendChild(el("h2", "The way from one to the other", { id: "compare-path" }));
    var steps = a === b ? [] : path(a, b);
    if (steps === null) {
      result.appendChild(el("p", "No chain of promotions and switches leads from " + one.title + " to " + two.title + "."));
    } else if (!steps.length) {
      result.appendChild(el("p", "This is the same level."));
    } else {
      var requirements = byId(data.requirements), ol = el("ol");
      steps.forEach(function (t) {
        var li = el("li");
        li.appendChild(el("strong", t.kind === "promotion" ? "Promotion" : "Switch"));
        li.appendChild(document.createTextNode(" to "));
        li.appendChild(el("a", levels[t.to].title, { href: "levels/" + encodeURIComponent(t.to) + ".html" }));
        if (t.requires.length) {
          li.appendChild(document.createTextNode(", requires " + t.requires.map(function (r) { return requirements[r].name; }).join(", ")));
        }
        li.appendChild(document.createTextNode(" ("));
        li.appendChild(el("a", "what changes", { href: "changes/" + encodeURIComponent(t.from) + "/" + encodeURIComponent(t.to) + ".html" }));
        li.appendChild(document.createTextNode(")"));
        ol.appendChild(li);
      });
      result.appendChild(ol);
    }
  }
  fetch(root.getAttribute("data-ladder-data")).then(function (response) { return response.json(); }).then(function (json) {
    data = json;
    pick.from.addEventListener("change", render);
    pick.to.addEventListener("change", render);
    render();
  }).catch(function () {
    result.textContent = "";
    result.appendChild(el("p", "Comparing works when the site is served over HTTP."));
  });
})();
