// Progressive enhancement only: without it, "Select every pair on this page" opens the page
// again with every pair ticked (and "Clear the selection" without any).
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.querySelector("a[data-select-all]");
  if (!toggle) return;
  const boxes = () => [...document.querySelectorAll('input[type="checkbox"][form="review-selected"]')];
  const allTicked = () => boxes().length > 0 && boxes().every((box) => box.checked);
  const show = () => {
    toggle.textContent = allTicked() ? "Clear the selection" : "Select every pair on this page";
  };
  toggle.setAttribute("role", "button");
  toggle.addEventListener("click", (event) => {
    event.preventDefault();
    const tick = !allTicked();
    for (const box of boxes()) box.checked = tick;
    show();
  });
  toggle.addEventListener("keydown", (event) => {
    if (event.key === " ") {
      event.preventDefault();
      toggle.click();
    }
  });
  document.addEventListener("change", show);
  show();
});
