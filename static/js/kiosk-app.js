// The kiosk tablet (templates/kiosk/app.html and stopped.html). Every answer is first kept in IndexedDB
// with its idempotency key and the time it was given, then sent in batches whenever the server can be
// reached (on load, when the connection returns, every 30 seconds and after each answer). The server
// answers per item; accepted ones leave the tablet, rejected ones stay listed with the reason until an
// operator has seen them. A revoked or expired tablet stops taking answers but keeps and exports its queue.
(function () {
  "use strict";
  var body = document.body;
  var DB_NAME = "sikap-kiosk", STORE = "answers", META = "meta", CACHE = "sikap-kiosk-v1";
  var BATCH_SIZE = 50, IDLE_MS = 120000, SAVED_MS = 5000, SYNC_MS = 30000;
  var language = body.dataset.language || document.documentElement.lang || "id";
  var syncing = false;
  var dbPromise = null;

  function db() {
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve, reject) {
        var request = indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = function () {
          request.result.createObjectStore(STORE, {keyPath: "key"});
          request.result.createObjectStore(META);
        };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { reject(request.error); };
      });
    }
    return dbPromise;
  }

  // Run `work(store)` in one transaction; resolves with the last request's result once it has committed.
  function inStore(name, mode, work) {
    return db().then(function (database) {
      return new Promise(function (resolve, reject) {
        var transaction = database.transaction(name, mode);
        var request = work(transaction.objectStore(name));
        transaction.oncomplete = function () { resolve(request ? request.result : undefined); };
        transaction.onerror = transaction.onabort = function () { reject(transaction.error); };
      });
    });
  }

  function records() {
    return inStore(STORE, "readonly", function (store) { return store.getAll(); }).then(function (rows) {
      return rows.sort(function (a, b) { return a.answered_at < b.answered_at ? -1 : 1; });
    });
  }

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function fill(template, n) { return (template || "").replace("%(n)s", String(n)); }
  function byId(id) { return document.getElementById(id); }

  // --- what the tablet shows: the count waiting, the rejected list, the stopped notice -----------------
  function show() {
    return Promise.all([records(), inStore(META, "readonly", function (s) { return s.get("stopped"); })])
      .then(function (found) {
        var rows = found[0], stopped = found[1];
        var waiting = rows.filter(function (r) { return r.status === "waiting"; });
        var rejected = rows.filter(function (r) { return r.status === "rejected"; });
        var count = byId("k-count");
        if (count) {
          var text = waiting.length === 0 ? "" : waiting.length === 1 ? count.dataset.one : fill(count.dataset.many, waiting.length);
          if (rejected.length) text += (text ? " · " : "") + fill(count.dataset.rejected, rejected.length);
          count.textContent = text;
        }
        var queue = byId("k-queue");
        if (queue) {
          var lines = [];
          if (waiting.length) lines.push(fill(queue.dataset.waiting, waiting.length));
          if (rejected.length) lines.push(fill(queue.dataset.rejected, rejected.length));
          byId("k-queue-text").textContent = lines.join(" · ") || queue.dataset.none;
          var list = byId("k-rejected-list");
          list.textContent = "";
          rejected.forEach(function (r) {
            var item = document.createElement("li");
            item.textContent = new Date(r.answered_at).toLocaleString() + ": " + r.reason + (r.details ? " (" + r.details + ")" : "");
            list.appendChild(item);
          });
          queue.hidden = !(rows.length || stopped || body.dataset.kioskState !== "active");
        }
        if (stopped) stop(stopped.message, false);
        return waiting.length;
      });
  }

  function stop(message, remember) {
    var wrap = byId("k-form-wrap");
    if (wrap) wrap.hidden = true;
    var notice = byId("k-stopped");
    if (notice) { notice.hidden = false; byId("k-stopped-text").textContent = message; }
    var queue = byId("k-queue");
    if (queue) queue.hidden = false;
    if (remember) {
      inStore(META, "readwrite", function (s) { return s.put({message: message}, "stopped"); }).then(show);
    }
  }

  function resume() {
    return inStore(META, "readwrite", function (s) { return s.delete("stopped"); }).then(function () {
      var wrap = byId("k-form-wrap");
      if (wrap && body.dataset.kioskState === "active") { wrap.hidden = false; byId("k-stopped").hidden = true; }
    });
  }

  // --- sending ---------------------------------------------------------------------------------------
  function sync() {
    if (syncing || body.dataset.kioskState !== "active") return Promise.resolve();
    syncing = true;
    return sendOnce(0).catch(function () { /* offline or server away: the next trigger retries */ })
      .then(function () { syncing = false; return show(); });
  }

  function sendOnce(round) {
    return records().then(function (rows) {
      var waiting = rows.filter(function (r) { return r.status === "waiting"; });
      var held = rows.filter(function (r) { return r.status === "rejected"; }).map(function (r) { return r.key; });
      var items = waiting.slice(0, BATCH_SIZE).map(function (r) {
        return {key: r.key, answered_at: r.answered_at, started_at: r.started_at, language: r.language, fields: r.fields};
      });
      return fetch(body.dataset.batch, {
        method: "POST",
        credentials: "omit",
        headers: {"Content-Type": "application/json", "Authorization": "Bearer " + body.dataset.credential},
        body: JSON.stringify({items: items, queue: waiting.length, rejected: held})
      }).then(function (response) {
        if (response.status === 401 || response.status === 403) {
          return response.json().then(function (data) {
            var text = (data.message && data.message[language]) || "";
            stop(data.reason ? text + " " + data.reason : text, true);
          });
        }
        if (!response.ok) return null;
        return response.json().then(function (data) { return settle(data, rows); }).then(function () {
          return resume();
        }).then(function () {
          if (waiting.length > BATCH_SIZE && round < 50) return sendOnce(round + 1);
        });
      });
    });
  }

  function settle(data, rows) {
    var byKey = {};
    rows.forEach(function (r) { byKey[r.key] = r; });
    return inStore(STORE, "readwrite", function (store) {
      var last = null;
      (data.results || []).forEach(function (result) {
        var row = byKey[result.key];
        if (!row) return;
        if (result.status === "accepted" || result.status === "duplicate") {
          last = store.delete(row.key);
        } else {
          row.status = "rejected";
          row.reason = (result.message && result.message[language]) || result.reason;
          row.details = (result.details && result.details[language]) || "";
          last = store.put(row);
        }
      });
      (data.acknowledged || []).forEach(function (key) { last = store.delete(key); });
      return last;
    });
  }

  // --- exporting the queue for the operator ----------------------------------------------------------
  function exportQueue(event) {
    records().then(function (rows) {
      var data = {exported_at: new Date().toISOString(), page: location.href, items: rows};
      var blob = new Blob([JSON.stringify(data, null, 1)], {type: "application/json"});
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = event.target.dataset.filename + "-" + new Date().toISOString().slice(0, 10) + ".json";
      document.body.appendChild(link);
      link.click();
      setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
    });
  }

  // --- the form ----------------------------------------------------------------------------------------
  function setUpForm(form) {
    var startedAt = new Date().toISOString();
    var idle = null;
    function fresh() {
      form.reset();
      startedAt = new Date().toISOString();
      byId("k-missing").hidden = true;
      window.scrollTo(0, 0);
    }
    function restartIdle() { clearTimeout(idle); idle = setTimeout(fresh, IDLE_MS); }
    ["input", "keydown", "pointerdown"].forEach(function (name) {
      form.addEventListener(name, restartIdle, {capture: true, passive: true});
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var missing = form.dataset.required.split(" ").filter(function (name) {
        var input = name && form.elements.namedItem(name);
        return input && !String(input.value || "").trim();
      });
      var notice = byId("k-missing");
      if (missing.length) {
        notice.hidden = false;
        notice.querySelector("p").textContent = fill(notice.dataset.text, missing.length);
        var first = byId(missing[0]);
        if (first) { first.scrollIntoView({block: "center"}); first.focus(); }
        return;
      }
      var fields = {};
      new FormData(form).forEach(function (value, name) { if (String(value).trim()) fields[name] = String(value); });
      var row = {key: uuid(), answered_at: new Date().toISOString(), started_at: startedAt, language: language, fields: fields, status: "waiting"};
      inStore(STORE, "readwrite", function (store) { return store.add(row); }).then(function () {
        clearTimeout(idle);
        fresh();
        var saved = byId("k-saved");
        saved.hidden = false;
        setTimeout(function () { saved.hidden = true; }, SAVED_MS);
        return show();
      }).then(sync);
    });
  }

  function cachePages() {
    if (!("caches" in window) || !navigator.onLine) return;
    var urls = (body.dataset.pages || "").split(" ").filter(Boolean);
    document.querySelectorAll("script[src], link[rel=stylesheet], link[rel=manifest]").forEach(function (el) {
      urls.push(el.getAttribute("src") || el.getAttribute("href"));
    });
    caches.open(CACHE).then(function (cache) { return cache.addAll(urls); }).catch(function () {});
  }

  var exportButton = byId("k-export");
  if (exportButton) exportButton.addEventListener("click", exportQueue);
  if (body.dataset.kioskState === "active") {
    if ("serviceWorker" in navigator) {
      navigator.serviceWorker.register(body.dataset.sw, {scope: "/kiosk/"}).catch(function () {});
    }
    cachePages();
    var form = byId("k-form");
    if (form) setUpForm(form);
    window.addEventListener("online", sync);
    setInterval(sync, SYNC_MS);
    show().then(sync);
  } else {
    show();
  }
})();
