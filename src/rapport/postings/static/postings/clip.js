// The bookmarklet's window: receive the job's page from the window that opened it, keep
// what describes the job, and post it to Rapport like any form (with its CSRF token).
(function () {
  "use strict";
  const form = document.getElementById("clip-form");
  const status = document.getElementById("clip-status");
  const fallback = document.getElementById("clip-fallback");
  if (!form || !status || !fallback) return;
  let received = false;

  function giveUp() {
    if (received) return;
    status.textContent = "No job page arrived.";
    fallback.hidden = false;
  }

  // Scripts (but the JSON-LD), styles and pictures say nothing about the job and can be
  // most of a page's size. The page is parsed inert: nothing in it runs or loads.
  function slim(html) {
    const doc = new DOMParser().parseFromString(html, "text/html");
    const noise = "script:not([type='application/ld+json']), style, svg, noscript, iframe, " +
      "link, template, img, video, picture";
    doc.querySelectorAll(noise).forEach((node) => node.remove());
    return "<!DOCTYPE html>\n" + doc.documentElement.outerHTML;
  }

  window.addEventListener("message", (event) => {
    if (received || !window.opener || event.source !== window.opener) return;
    const data = event.data;
    if (!data || data.rapport !== "page" || typeof data.html !== "string") return;
    received = true;
    status.textContent = "Reading the job's page…";
    const file = new File([slim(data.html)], "page.html", { type: "text/html" });
    const transfer = new DataTransfer();
    transfer.items.add(file);
    form.elements.namedItem("page").files = transfer.files;
    form.elements.namedItem("url").value = String(data.url || "");
    form.elements.namedItem("key").value = String(data.key || "");
    form.submit();
  });

  if (window.opener) {
    window.opener.postMessage("rapport:ready", "*"); // no data: only "send me the page"
    window.setTimeout(giveUp, 8000);
  } else {
    giveUp();
  }
})();
