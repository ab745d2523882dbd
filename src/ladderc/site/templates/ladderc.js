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
document.querySelectorAll(".ladder-table table").forEach(function (table) {
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
});

// From file:// a browser runs no web worker, which Material's search needs, and Material hides its
// search box: say where search works instead of letting it vanish.
if (location.protocol === "file:") {
  document.querySelectorAll(".md-header__inner").forEach(function (header) {
    var note = document.createElement("span");
    note.className = "ladder-offline-note";
    note.textContent = "Search works when the site is served over HTTP";
    header.appendChild(note);
  });
}

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
