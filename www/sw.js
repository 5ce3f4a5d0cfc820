// Service worker: makes the page work offline after the first visit.
//
// It caches ONLY the page's own static files (html, js, css, wasm, maps, icons). The page never sends
// referral data anywhere, so no request carries them; as a second line of defence this worker ignores
// every request that is not a same-origin GET for a static file of a known type, without a query string.
// Strategy: network first (a new map or engine version is picked up at once), the cache when offline.
// The Regio view's and the referral loop's modules (pkg-eval/, referral-loop.js, pkg-fhir/) are cached
// the first time they are used, not on install: a GP who never opens them never downloads them.

// Bump when the cached file list or the caching logic changes; older caches are deleted on activate.
const CACHE_VERSION = 'wor-static-v6';

const CORE = [
  './',
  'index.html',
  // The page's ES modules (app.js imports the rest); a test checks every module the page loads is here.
  'app.js',
  'dom.js',
  'state.js',
  'maps.js',
  'fields.js',
  'referral.js',
  'errors.js',
  'compute.js',
  'results.js',
  'gp-view.js',
  'sw-view.js',
  'recept.js',
  'views.js',
  'language.js',
  'settle.js',
  'i18n.js',
  'loop-strings.js',
  'loop-hooks.js',
  'style.css',
  'referral-loop.css',
  'report.css',
  'icon.svg',
  'manifest.webmanifest',
  'pkg/wor_wasm.js',
  'pkg/wor_wasm_bg.wasm',
  'maps/index.json',
  'maps/policy.txt',
];

const STATIC = /\.(html|js|css|wasm|json|txt|svg|png|ico|webmanifest)$/;

function isStatic(url) {
  if (url.origin !== self.location.origin || url.search || url.hash) return false;
  const scope = new URL(self.registration.scope);
  if (!url.pathname.startsWith(scope.pathname)) return false;
  return url.pathname === scope.pathname || STATIC.test(url.pathname);
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE_VERSION);
    await cache.addAll(CORE);
    // The bundled maps are listed in maps/index.json.
    const index = await (await cache.match('maps/index.json')).json();
    await cache.addAll(index.flatMap((m) => [`maps/${m.file}`, ...[m.policy, m.weights].filter(Boolean).map((f) => `maps/${f}`)]));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key !== CACHE_VERSION) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (!isStatic(url)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE_VERSION);
    try {
      const response = await fetch(request);
      if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
      return response;
    } catch (err) {
      const cached = await cache.match(request)
        ?? (request.mode === 'navigate' ? await cache.match('index.html') : undefined);
      if (cached) return cached;
      throw err;
    }
  })());
});
