// Rapport as an app: register the service worker (rapport/core/pwa.py), ask it to send the
// quick logs kept offline whenever a page opens or the device comes back online, and say
// what it did. Every page works without this file.
const workerUrl = document.querySelector('meta[name="rapport-service-worker"]')?.content;

const say = (html) => {
  const main = document.getElementById("main");
  if (!main) return;
  let status = document.getElementById("offline-status");
  if (!status) {
    status = document.createElement("div");
    status.id = "offline-status";
    status.className = "messages";
    status.setAttribute("role", "status");
    main.prepend(status);
  }
  status.replaceChildren(...html);
};

const paragraph = (text, link) => {
  const p = document.createElement("p");
  p.className = "message";
  p.append(text);
  if (link) {
    const a = document.createElement("a");
    a.href = link.href;
    a.textContent = link.text;
    p.append(" ", a);
  }
  return p;
};

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

const report = ({ sent, waiting, refused }) => {
  const lines = [];
  if (sent) lines.push(paragraph(`${plural(sent, "quick log", "quick logs")} made offline sent.`));
  const quickLog = document.querySelector('meta[name="rapport-quick-log"]')?.content;
  for (const key of refused) {
    lines.push(paragraph("A quick log made offline could not be saved as it was:", { href: `${quickLog}#restore=${key}`, text: "open it to fix it" }));
  }
  const pending = waiting - refused.length;
  if (pending) lines.push(paragraph(`${plural(pending, "quick log waits", "quick logs wait")} to be sent when you are back online.`));
  if (lines.length) say(lines);
};

// Put a refused quick log back in the form, as it was typed.
const fill = (body) => {
  const form = document.querySelector("form[data-offline-queue]");
  if (!form) return;
  for (const [name, value] of new URLSearchParams(body)) {
    if (name === "csrfmiddlewaretoken") continue;
    for (const field of form.querySelectorAll(`[name="${CSS.escape(name)}"]`)) {
      if (field.type === "checkbox" || field.type === "radio") {
        if (field.value === value) field.checked = true;
      } else {
        field.value = value;
      }
    }
  }
};

if (workerUrl && "serviceWorker" in navigator) {
  navigator.serviceWorker.register(workerUrl).catch(() => {});
  navigator.serviceWorker.addEventListener("message", (event) => {
    if (event.data?.type === "quick-logs") report(event.data);
    if (event.data?.type === "restore") fill(event.data.body);
  });
  navigator.serviceWorker.ready.then((registration) => {
    const worker = registration.active;
    if (!worker) return;
    worker.postMessage("send");
    window.addEventListener("online", () => worker.postMessage("send"));
    const restore = () => {
      const key = window.location.hash.match(/^#restore=([\w-]+)$/);
      if (key) worker.postMessage({ restore: key[1] });
    };
    restore();
    window.addEventListener("hashchange", restore);
  });
}

// A quick log page shown from the cache offline carries the key and the day it was kept
// with: give each new entry its own key (two made offline are two; a second send of one stays
// one) and today's date.
const restoring = window.location.hash.startsWith("#restore=");
const keyInput = document.querySelector("form[data-offline-queue] input[name=key]");
if (keyInput && window.crypto?.randomUUID && !restoring) {
  keyInput.value = window.crypto.randomUUID();
}
const when = document.querySelector("form[data-offline-queue][data-fresh] input[name=occurred_on]");
if (when && !restoring) {
  const now = new Date();
  when.value = new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}

// Logging out forgets the pages kept for offline use (a quick log still waiting stays: it is
// sent only with its own user's session, which its form's CSRF token is tied to).
document.querySelector('form[action$="/logout/"]')?.addEventListener("submit", () => {
  if (window.caches) caches.keys().then((keys) => keys.forEach((key) => caches.delete(key)));
});
