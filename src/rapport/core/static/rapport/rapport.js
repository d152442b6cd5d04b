// Progressive enhancement only: every page works without this file.
document.addEventListener("click", (event) => {
  const target = event.target instanceof Element ? event.target.closest("[data-confirm]") : null;
  if (target && !window.confirm(target.getAttribute("data-confirm") || "Are you sure?")) {
    event.preventDefault();
  }
});

// Auto-submit selects marked data-autosubmit when htmx is not handling them.
document.addEventListener("change", (event) => {
  const el = event.target;
  if (el instanceof HTMLSelectElement && el.dataset.autosubmit !== undefined && !el.hasAttribute("hx-post") && el.form) {
    el.form.requestSubmit();
  }
});
