// Material renders its search box as role="dialog" without a name; screen readers announce an
// unnamed dialog. Name it after its input. A no-op under themes without that element.
document.querySelectorAll('[role="dialog"].md-search:not([aria-label])').forEach(function (dialog) {
  dialog.setAttribute("aria-label", "Search");
});
