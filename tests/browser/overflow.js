// What sticks out of a phone's screen: the page wider than the viewport, a box wider than
// it, or a box that scrolls sideways inside the page. Visually hidden text (clipped to 1 px,
// for screen readers) may sit anywhere. Every <details> is opened first: what it holds must fit
// too. Returns up to six descriptions.
() => {
  const width = document.documentElement.clientWidth;
  document.querySelectorAll("details").forEach((details) => { details.open = true; });
  const unseen = (el) => {
    for (let e = el; e; e = e.parentElement) if (getComputedStyle(e).clip !== "auto") return true;
    return false;
  };
  const found = [];
  if (document.documentElement.scrollWidth > width) found.push(`page ${document.documentElement.scrollWidth}px`);
  for (const el of document.querySelectorAll("body *")) {
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") continue;
    const scrolls = ["auto", "scroll"].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
    const box = el.getBoundingClientRect();
    const sticksOut = box.width > 0 && box.right > width + 1 && !unseen(el);
    if (scrolls || sticksOut) {
      const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "");
      found.push(`${name} ${scrolls ? "scrolls" : "sticks out to " + Math.round(box.right) + "px"}`);
    }
    if (found.length > 5) break;
  }
  return found;
}
