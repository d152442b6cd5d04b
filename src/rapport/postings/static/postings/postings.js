// Saving a job. Progressive enhancement: without this file the form posts as it is.
(function () {
  "use strict";

  // Scripts (but the JSON-LD), styles and pictures say nothing about the job and can be
  // most of a page's size. Cut out as text: parsing the page here would have the browser
  // report every inline style in it against Rapport's CSP. The server parses what is left.
  function slim(html) {
    return html
      .replace(/<script\b(?![^>]*ld\+json)[^>]*>[\s\S]*?<\/script\s*>/gi, "")
      .replace(/<(style|svg|noscript|template|iframe)\b[\s\S]*?<\/\1\s*>/gi, "")
      .replace(/<(link|img|source)\b[^>]*>/gi, "");
  }

  // Put a page into a form's file input: files have no size limit on the way in, and the
  // server reads a file exactly as it reads a pasted page.
  function attach(input, html) {
    const transfer = new DataTransfer();
    transfer.items.add(new File([slim(html)], "page.html", { type: "text/html" }));
    input.files = transfer.files;
  }

  // The "Save a job" form: a pasted page goes as a file (a large page would exceed the
  // limit on form fields).
  const saveForm = document.querySelector("form.save-job");
  if (saveForm) {
    saveForm.addEventListener("submit", () => {
      const pasted = saveForm.elements.namedItem("html");
      const file = saveForm.elements.namedItem("page");
      if (pasted && file && pasted.value.trim() && file.files.length === 0) {
        attach(file, pasted.value);
        pasted.value = "";
      }
    });
  }

  // The bookmarklet's window: receive the job's page from the window that opened it and
  // post it like any form (with its CSRF token).
  const clipForm = document.getElementById("clip-form");
  const status = document.getElementById("clip-status");
  const fallback = document.getElementById("clip-fallback");
  if (!clipForm || !status || !fallback) return;
  let received = false;

  function giveUp() {
    if (received) return;
    status.textContent = "No job page arrived.";
    fallback.hidden = false;
  }

  window.addEventListener("message", (event) => {
    if (received || !window.opener || event.source !== window.opener) return;
    const data = event.data;
    if (!data || data.rapport !== "page" || typeof data.html !== "string") return;
    received = true;
    status.textContent = "Reading the job's page…";
    attach(clipForm.elements.namedItem("page"), data.html);
    clipForm.elements.namedItem("url").value = String(data.url || "");
    clipForm.elements.namedItem("key").value = String(data.key || "");
    clipForm.submit();
  });

  if (window.opener) {
    window.opener.postMessage("rapport:ready", "*"); // no data: only "send me the page"
    window.setTimeout(giveUp, 8000);
  } else {
    giveUp();
  }
})();
