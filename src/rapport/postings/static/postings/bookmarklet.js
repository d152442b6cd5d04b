// The bookmarklet link is for dragging to the bookmarks bar. Rapport's own pages run no
// javascript: links, so a click on it here only says what to do instead.
document.addEventListener("click", (event) => {
  const link = event.target instanceof Element ? event.target.closest("[data-bookmarklet]") : null;
  if (!link) return;
  event.preventDefault();
  const hint = document.getElementById("bookmarklet-hint");
  if (hint) hint.hidden = false;
});
