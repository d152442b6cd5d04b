// Progressive enhancement only: the prep brief prints with the browser's own command too.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
