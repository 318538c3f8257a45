// The kiosk's service worker (served as /kiosk/sw.js, scope /kiosk/). The page caches itself in both
// languages and its assets (kiosk-app.js); this worker answers from that cache when the network fails,
// so a tablet that restarts during an outage still opens the form. Answers never pass through here.
"use strict";
var CACHE = "sikap-kiosk-v1";

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

function isPage(url) {
  return url.pathname === "/kiosk/";
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (isPage(url)) {
    // Network first: the server says whether the tablet is still registered; a stopped page (403) is
    // kept too, so a revoked tablet stays stopped after a restart offline.
    event.respondWith(fetch(request).then(function (response) {
      if (response.ok || response.status === 403) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
      }
      return response;
    }).catch(function () {
      return caches.match(request).then(function (hit) {
        return hit || caches.match("/kiosk/");
      }).then(function (hit) {
        return hit || new Response("offline", {status: 503, headers: {"Content-Type": "text/plain"}});
      });
    }));
  } else if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(caches.match(request).then(function (hit) {
      return hit || fetch(request).then(function (response) {
        if (response.ok) {
          var copy = response.clone();
          caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
        }
        return response;
      });
    }));
  }
});
