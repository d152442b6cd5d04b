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

// In a type-ahead (a text input with a <datalist> of suggestions), Enter picks the first
// suggestion that matches what was typed, or moves on to the next field: it never submits a
// half-filled form.
const folded = (text) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLocaleLowerCase().trim();

document.addEventListener("keydown", (event) => {
  const input = event.target;
  if (event.key !== "Enter" || event.isComposing || !(input instanceof HTMLInputElement) || !input.list || !input.form) {
    return;
  }
  event.preventDefault();
  const typed = folded(input.value);
  const values = Array.from(input.list.options, (option) => option.value);
  const picked = typed && !values.includes(input.value) && values.find((value) => folded(value).includes(typed));
  if (picked) {
    input.value = picked;
    input.dispatchEvent(new Event("change", { bubbles: true }));
    return;
  }
  const fields = Array.from(input.form.elements).filter(
    (el) => el instanceof HTMLElement && !el.hidden && el.tabIndex >= 0 && !el.matches("[type=hidden], :disabled"),
  );
  const next = fields[fields.indexOf(input) + 1];
  if (next instanceof HTMLElement) next.focus();
});

// The header's Menu button opens what does not fit in the bar; Escape or a tap elsewhere
// closes it. Without JavaScript the CSS shows everything instead (`scripting: none`).
const menuToggle = document.querySelector(".menu-toggle");
const siteMenu = menuToggle && document.getElementById(menuToggle.getAttribute("aria-controls") || "");

const setMenu = (open) => {
  if (!menuToggle || !siteMenu) return;
  menuToggle.setAttribute("aria-expanded", String(open));
  siteMenu.classList.toggle("open", open);
};

menuToggle?.addEventListener("click", () => setMenu(menuToggle.getAttribute("aria-expanded") !== "true"));

document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && menuToggle?.getAttribute("aria-expanded") === "true") {
    setMenu(false);
    menuToggle.focus();
  }
});

document.addEventListener("click", (event) => {
  const inside = event.target instanceof Node && menuToggle?.closest("header")?.contains(event.target);
  if (!inside) setMenu(false);
});
