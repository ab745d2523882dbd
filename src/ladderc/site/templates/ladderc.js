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
