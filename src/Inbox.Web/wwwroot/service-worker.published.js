// The console's app shell, cached so a repeat load starts without the network. service-worker-assets.js is written by
// the publish (every file of the console with its hash, and a version that changes with any of them): a new deploy
// changes it, the browser installs this worker again into a new cache and the old one is deleted on activation.
// Only those static files are ever cached: API calls, the hub, webhooks, files and everything else go to the network.
self.importScripts('./service-worker-assets.js');

const cachePrefix = 'inbox-shell-';
const cacheName = cachePrefix + self.assetsManifest.version;
const include = [/\.wasm$/, /\.dat$/, /\.js$/, /\.css$/, /\.html$/, /\.png$/, /\.svg$/, /\.webmanifest$/];
const exclude = [/^service-worker\.js$/, /^service-worker-assets\.js$/];
// Navigations to the server's own paths (file downloads, API docs) are never answered with the shell.
const serverPaths = ['/api/', '/hubs/', '/webhooks/', '/health', '/widget', '/scalar', '/openapi'];

self.addEventListener('install', event => event.waitUntil(install()));
self.addEventListener('activate', event => event.waitUntil(activate()));
self.addEventListener('fetch', event => {
    const response = respond(event.request);
    if (response) event.respondWith(response);
});

async function install() {
    const requests = self.assetsManifest.assets
        .filter(a => include.some(p => p.test(a.url)) && !exclude.some(p => p.test(a.url)))
        // 'no-cache' revalidates against the HTTP cache the first load just filled: mostly 304s, not a second download.
        .map(a => new Request(a.url, { integrity: a.hash, cache: 'no-cache' }));
    const cache = await caches.open(cacheName);
    await cache.addAll(requests);
    await self.skipWaiting();
}

async function activate() {
    const names = await caches.keys();
    await Promise.all(names.filter(n => n.startsWith(cachePrefix) && n !== cacheName).map(n => caches.delete(n)));
    await self.clients.claim();
}

function respond(request) {
    if (request.method !== 'GET') return null;
    const url = new URL(request.url);
    if (url.origin !== self.location.origin) return null;
    const scope = new URL(self.registration.scope);
    const path = '/' + url.pathname.substring(scope.pathname.length);
    if (serverPaths.some(p => path.startsWith(p))) return null;
    // Client-side routes (/conversations/12) load the shell; the app reads the route itself.
    const key = request.mode === 'navigate' ? 'index.html' : request;
    return caches.open(cacheName)
        .then(cache => cache.match(key))
        .then(cached => cached || fetch(request));
}
