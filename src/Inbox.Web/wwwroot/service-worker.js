// Development and Release builds of the server serve this one: it makes the console installable and caches nothing,
// so a rebuilt console is always what loads. The published console (and `dotnet run`'s, which is published) gets
// service-worker.published.js instead.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', event => event.waitUntil(self.clients.claim()));
self.addEventListener('fetch', () => { });
