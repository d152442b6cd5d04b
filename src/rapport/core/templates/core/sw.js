// Rapport's service worker (see rapport/core/pwa.py). Static files come from its cache; pages
// from the network, or, offline, the quick log or the offline notice kept at install. A quick
// log sent offline is kept in IndexedDB and sent again when the device is back online: each
// carries its key, so the server logs it once however often it arrives.
const CONFIG = {{ config|safe }};
const CACHE = `rapport-${CONFIG.version}`;
const DB_NAME = "rapport-offline";
const STORE = "quick-logs";

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(CONFIG.staticFiles);
      await Promise.all(CONFIG.pages.map((url) => keepPage(cache, url)));
      await self.skipWaiting();
    })(),
  );
});

// A page needs the session: one that sends to the login page is not kept.
async function keepPage(cache, url) {
  try {
    const response = await fetch(url, { credentials: "same-origin" });
    if (response.ok && !response.redirected) await cache.put(url, response);
  } catch (error) {
    // Offline while installing: the page is kept the next time it is opened.
  }
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && url.pathname === CONFIG.quickLog) {
    event.respondWith(sendOrKeep(request));
  } else if (request.method !== "GET") {
    return;
  } else if (url.pathname.startsWith(CONFIG.staticUrl)) {
    event.respondWith(fromCache(request));
  } else if (request.mode === "navigate") {
    event.respondWith(pageOrShell(request, url));
  } else if (request.headers.get("HX-Request")) {
    // Suggestions while offline: none, rather than an error.
    event.respondWith(fetch(request).catch(() => new Response("", { headers: { "Content-Type": "text/html" } })));
  } else {
    event.respondWith(fetch(request).catch(async () => (await caches.match(request)) || Response.error()));
  }
});

async function fromCache(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) (await caches.open(CACHE)).put(request, response.clone());
  return response;
}

async function pageOrShell(request, url) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (url.pathname === CONFIG.quickLog && !url.search && response.ok && !response.redirected) {
      await cache.put(CONFIG.quickLog, response.clone());
    }
    return response;
  } catch (error) {
    const shell = url.pathname === CONFIG.quickLog ? await cache.match(CONFIG.quickLog) : undefined;
    return shell || (await cache.match(CONFIG.offline)) || Response.error();
  }
}

async function sendOrKeep(request) {
  const body = await request.clone().text();
  try {
    return await fetch(request);
  } catch (error) {
    const key = new URLSearchParams(body).get("key") || String(Date.now());
    await store("readwrite", (entries) => entries.put({ key, body, url: request.url, refused: false }));
    try {
      await self.registration.sync.register(STORE);
    } catch (noSync) {
      // Without Background Sync, the next page opened online sends it.
    }
    return (await caches.match(CONFIG.queued)) || new Response("Saved on this device; it is sent when you are back online.");
  }
}

// Send what waits; stop at the first network error or login page. Sent, the server answers
// with the conversation's page; a quick log it refuses (its form comes back with errors)
// stays, marked, for the user to open and fix.
async function sendWaiting() {
  let sent = 0;
  for (const entry of await store("readonly", (entries) => entries.getAll())) {
    let response;
    try {
      response = await fetch(entry.url, {
        method: "POST",
        body: entry.body,
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        credentials: "same-origin",
      });
    } catch (error) {
      break;
    }
    const landed = new URL(response.url).pathname;
    if (landed.startsWith(CONFIG.conversations) && landed !== CONFIG.conversations) {
      await store("readwrite", (entries) => entries.delete(entry.key));
      sent += 1;
    } else if (landed === CONFIG.quickLog && response.ok) {
      await store("readwrite", (entries) => entries.put({ ...entry, refused: true }));
    } else {
      break; // logged out, or the server is unwell: try again later
    }
  }
  await tell({ type: "quick-logs", sent, ...(await waiting()) });
}

async function waiting() {
  const entries = await store("readonly", (all) => all.getAll());
  return { waiting: entries.length, refused: entries.filter((e) => e.refused).map((e) => e.key) };
}

async function tell(message) {
  for (const client of await self.clients.matchAll({ type: "window" })) client.postMessage(message);
}

// One sending at a time: coming back online may ask twice (the sync event and the page).
let sending = Promise.resolve();
const sendInTurn = () => {
  sending = sending.then(sendWaiting, sendWaiting);
  return sending;
};

self.addEventListener("sync", (event) => {
  if (event.tag === STORE) event.waitUntil(sendInTurn());
});

self.addEventListener("message", (event) => {
  if (event.data === "send") {
    event.waitUntil(sendInTurn());
  } else if (event.data && event.data.restore) {
    event.waitUntil(restore(event.source, event.data.restore));
  }
});

// Give a refused quick log back to the page that opens it, and forget it here.
async function restore(client, key) {
  const entry = await store("readonly", (entries) => entries.get(key));
  if (!entry) return;
  client.postMessage({ type: "restore", body: entry.body });
  await store("readwrite", (entries) => entries.delete(key));
}

function store(mode, action) {
  return new Promise((resolve, reject) => {
    const opening = indexedDB.open(DB_NAME, 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore(STORE, { keyPath: "key" });
    opening.onerror = () => reject(opening.error);
    opening.onsuccess = () => {
      const transaction = opening.result.transaction(STORE, mode);
      const request = action(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
    };
  });
}
