// Runs first, in the host page's realm. It does as little as possible there (the page may have broken Array, JSON or its
// CSS): it makes the widget's element with a shadow root, and a hidden same-origin iframe in which this same script
// runs again, where Array, JSON, Promise, fetch and WebSocket are the browser's own. The app then draws into the shadow root.

export interface Boot {
  host: Window;
  server: string;
  key: string;
  root: ShadowRoot;
  mount: HTMLElement;
  /** Inbox.* calls made before the app was ready, replayed by it. */
  queue: { name: string; arg: unknown; done: (v: unknown) => void; fail: (e: unknown) => void }[];
  api?: Record<string, (arg: unknown) => Promise<unknown>>;
}

const MOUNT_STYLE =
  "all:initial!important;display:block!important;position:fixed!important;z-index:2147483647!important;" +
  "right:0!important;bottom:0!important;width:0!important;height:0!important;overflow:visible!important;" +
  "visibility:visible!important;opacity:1!important;transform:none!important;";

export const booted = (window as unknown as { __inboxWidget?: Boot }).__inboxWidget;

if (!booted) load();

function load(): void {
  const w = window as unknown as { Inbox?: unknown; __inboxWidgetLoaded?: boolean };
  if (w.__inboxWidgetLoaded) return;
  const script = document.currentScript as HTMLScriptElement | null;
  const key = script && script.getAttribute("data-channel");
  if (!script || !key) return;
  w.__inboxWidgetLoaded = true;
  const a = document.createElement("a");
  a.href = script.src;
  const server = a.protocol + "//" + a.host;

  const mount = document.createElement("inbox-widget");
  mount.setAttribute("style", MOUNT_STYLE);
  const root = mount.attachShadow({ mode: "open" });
  const frame = document.createElement("iframe");
  frame.setAttribute("style", "display:none!important");
  frame.setAttribute("aria-hidden", "true");
  frame.setAttribute("tabindex", "-1");
  frame.title = "Inbox";
  root.appendChild(frame);
  document.documentElement.appendChild(mount);

  const boot: Boot = { host: window, server, key, root, mount, queue: [] };
  const call = (name: string) => (arg?: unknown) =>
    boot.api ? boot.api[name](arg) : new Promise((done, fail) => { boot.queue[boot.queue.length] = { name, arg, done, fail }; });
  w.Inbox = { setUser: call("setUser"), reset: call("reset"), open: call("open"), close: call("close") };

  const realm = frame.contentWindow as (Window & { __inboxWidget?: Boot }) | null;
  if (!realm) return;
  realm.__inboxWidget = boot;
  const inner = realm.document.createElement("script");
  inner.src = script.src;
  realm.document.head.appendChild(inner);
}
