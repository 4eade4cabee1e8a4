// The widget itself, running in its own iframe realm and drawing into the host page's closed shadow root.
// Every text from the server or the visitor is set with textContent: nothing is ever parsed as HTML.
import { HubConnection, HubConnectionBuilder, LogLevel } from "@microsoft/signalr";
import type { Boot } from "./loader";
import { pickStrings, Strings } from "./strings";
import { css } from "./style";

interface Attachment { id: number; fileName: string; contentType: string; size: number }
interface Message { id: number; from: "visitor" | "agent"; text: string; agentName: string | null; createdAt: string; attachments?: Attachment[] }
interface Upload { id: string; fileName: string; size: number }
/** A file on its way: uploading (no ref yet) or uploaded and waiting for Send. */
interface Pending { ref: string | null; chip: HTMLElement; xhr: XMLHttpRequest }
interface Handoff { channelId: number; channelType: string; name: string }
interface Offer { channelId: number; channelType: string; code: string; url: string; expiresAt: string }
interface Config {
  channelName: string; brandColor: string; greeting: string | null; online: boolean; sneakPeek: boolean; offlineEmail: string | null; handoffs?: Handoff[];
  emailHandoff?: boolean; verifiedEmail?: string | null; preChat?: boolean; maxFileBytes?: number;
}
interface Session { visitorId: string; token: string | null; returning: boolean; config: Config }
interface User { id?: unknown; email?: unknown; name?: unknown; hash?: unknown }

export function start(boot: Boot): void {
  const app = new Widget(boot);
  boot.api = {
    setUser: u => app.setUser(u as User),
    reset: () => app.reset(),
    open: () => Promise.resolve(app.toggle(true)),
    close: () => Promise.resolve(app.toggle(false)),
  };
  const queued = boot.queue;
  app.boot().then(() => {
    for (let i = 0; i < queued.length; i++) {
      const q = queued[i];
      boot.api![q.name](q.arg).then(q.done, q.fail);
    }
  });
}

class Widget {
  private readonly doc: Document;
  private readonly t: Strings;
  private readonly storageKey: string;
  private token: string | null = null;
  private config: Config | null = null;
  private hub: HubConnection | null = null;
  private messages = new Map<number, Message>();
  private lastId = 0;
  private unread = 0;
  private isOpen = false;
  private acked = new Set<number>();
  private lastUrl = "";
  private typingSent = 0;
  private draftTimer = 0;
  private pageTimer = 0;
  private agentTypingTimer = 0;
  private pending: Pending[] = [];
  private sending = false;
  /** Files of the thread as blob: URLs, fetched with the token in a header (never in a URL), one at a time. */
  private blobs = new Map<number, Promise<string>>();
  private fetches: Promise<unknown> = Promise.resolve();
  private ui!: ReturnType<Widget["render"]>;

  constructor(private readonly b: Boot) {
    this.doc = b.host.document;
    this.t = pickStrings(b.host.navigator.language);
    this.storageKey = "inbox.widget." + b.key;
  }

  async boot(): Promise<void> {
    this.token = this.read();
    const session = await this.post<Session>("/sessions", { token: this.token, language: this.b.host.navigator.language });
    if (!session) return;
    if (session.token) {
      this.token = session.token;
      this.write(session.token);
    }
    this.config = session.config;
    if (!this.ui) this.ui = this.render();
    this.applyConfig();
    const history = await this.get<{ messages: Message[] }>("/messages?after=0");
    if (history) this.add(history.messages, false);
    this.connect();
    this.pageTimer = this.b.host.setInterval(() => this.watchPage(), 1000);
  }

  // ---- server -------------------------------------------------------------------------------------------------------

  private url(path: string) { return this.b.server + "/api/widget/" + encodeURIComponent(this.b.key) + path; }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T | null> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (this.token) headers["X-Inbox-Visitor"] = this.token;
    const response = await fetch(this.url(path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "omit", mode: "cors" });
    if (response.status === 204) return null;
    if (!response.ok) throw new Error("widget: " + method + " " + path + " answered " + response.status);
    return (await response.json()) as T;
  }

  private post<T>(path: string, body: unknown) { return this.request<T>("POST", path, body); }
  private get<T>(path: string) { return this.request<T>("GET", path); }

  private connect(): void {
    const hub = new HubConnectionBuilder()
      .withUrl(this.b.server + "/hubs/widget?channel=" + encodeURIComponent(this.b.key), { withCredentials: false })
      .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 20000, 30000])
      .configureLogging(LogLevel.None)
      .build();
    hub.on("Message", (m: Message) => this.add([m], true));
    hub.on("Invitation", (m: Message) => { this.add([m], true); this.toggle(true); });
    hub.on("AgentTyping", (name: string | null, typing: boolean) => this.showTyping(name, typing));
    hub.onreconnected(() => this.startHub(hub));
    hub.onclose(() => { if (this.hub === hub) this.b.host.setTimeout(() => this.hub === hub && this.restart(hub), 15000); });
    this.hub = hub;
    this.restart(hub);
  }

  private restart(hub: HubConnection): void {
    hub.start().then(() => this.startHub(hub), () => {
      if (this.hub === hub) this.b.host.setTimeout(() => this.hub === hub && this.restart(hub), 10000);
    });
  }

  /** Binds the connection to this visitor and catches up on what arrived while away. */
  private async startHub(hub: HubConnection): Promise<void> {
    const missed = await hub.invoke<Message[]>("Start", this.token, this.lastId, this.page());
    this.add(missed, true);
  }

  private page() {
    const loc = this.b.host.location;
    this.lastUrl = loc.href;
    return { url: loc.href, title: this.doc.title || null, referrer: this.doc.referrer || null };
  }

  private watchPage(): void {
    if (this.b.host.location.href !== this.lastUrl && this.hub && this.hub.state === "Connected") this.hub.invoke("PageView", this.page()).catch(() => {});
  }

  private send(hubMethod: string, ...args: unknown[]): void {
    if (this.hub && this.hub.state === "Connected") this.hub.invoke(hubMethod, ...args).catch(() => {});
  }

  // ---- public API ---------------------------------------------------------------------------------------------------

  async setUser(u: User): Promise<unknown> {
    const s = (v: unknown) => (v === undefined || v === null ? null : String(v));
    const user = await this.post<{ verified: boolean }>("/identify", { id: s(u && u.id), email: s(u && u.email), name: s(u && u.name), hash: s(u && u.hash) });
    if (user && user.verified) await this.reload();
    return user ? { verified: user.verified } : null;
  }

  async reset(): Promise<void> {
    if (this.token) await this.request("DELETE", "/sessions").catch(() => null);
    this.write(null);
    this.token = null;
    const hub = this.hub;
    this.hub = null;
    if (hub) await hub.stop().catch(() => {});
    this.b.host.clearInterval(this.pageTimer);
    // Uploads not yet sent were the previous visitor's.
    this.pending.forEach(p => p.xhr.abort());
    this.pending = [];
    if (this.ui) {
      this.ui.files.textContent = "";
      this.updateSend();
    }
    this.clearThread();
    this.toggle(false);
    await this.boot();
  }

  /** After a verified setUser the thread is the known contact's: read it again from the start. */
  private async reload(): Promise<void> {
    this.clearThread();
    const history = await this.get<{ messages: Message[] }>("/messages?after=0");
    if (history) this.add(history.messages, false);
  }

  private clearThread(): void {
    this.messages.clear();
    this.acked.clear();
    this.blobs.forEach(p => p.then(u => URL.revokeObjectURL(u), () => {}));
    this.blobs.clear();

    this.lastId = 0;
    this.unread = 0;
    if (this.ui) {
      this.ui.log.textContent = "";
      this.updateBadge();
    }
  }

  // ---- state --------------------------------------------------------------------------------------------------------

  private add(list: Message[], live: boolean): void {
    for (let i = 0; i < list.length; i++) {
      const m = list[i];
      if (this.messages.has(m.id)) continue;
      this.messages.set(m.id, m);
      if (m.id > this.lastId) this.lastId = m.id;
      this.ui.log.appendChild(this.bubble(m));
      if (m.from === "agent") {
        this.showTyping(null, false);
        if (this.isOpen) this.ack(m.id);
        else if (live) this.unread++;
      }
    }
    this.updateBadge();
    this.updatePreChat();
    this.ui.log.scrollTop = this.ui.log.scrollHeight;
  }

  /** The channel asks who the visitor is before their first message; once there is a conversation, it asks no more. */
  private updatePreChat(): void {
    const ask = !!(this.config && this.config.preChat) && this.messages.size === 0;
    this.ui.prechat.hidden = !ask;
    this.ui.compose.hidden = ask;
  }

  /** The pre-chat answers are the visitor's own words: stored on the visitor, unverified, linking nothing. */
  private async startChat(): Promise<void> {
    const name = this.ui.prechatName.value.trim();
    const email = this.ui.prechatEmail.value.trim();
    if (!name) {
      this.ui.prechatName.setAttribute("aria-invalid", "true");
      this.ui.prechatName.focus();
      return;
    }
    try {
      await this.post("/identify", { id: null, email: email || null, name, hash: null });
    } catch {
      this.ui.prechatEmail.setAttribute("aria-invalid", "true");
      this.ui.prechatEmail.focus();
      return;
    }
    this.config!.preChat = false;
    this.updatePreChat();
    this.ui.input.focus();
  }

  private ack(id: number): void {
    if (this.acked.has(id)) return;
    this.acked.add(id);
    this.send("Ack", id);
  }

  toggle(open: boolean): void {
    if (!this.ui) return;
    this.isOpen = open;
    this.ui.panel.hidden = !open;
    this.ui.launcher.setAttribute("aria-expanded", open ? "true" : "false");
    this.ui.launcher.classList.toggle("opened", open);
    this.ui.launcher.setAttribute("aria-label", open ? this.t.close : this.t.open);
    if (open) {
      this.unread = 0;
      this.messages.forEach(m => { if (m.from === "agent") this.ack(m.id); });
      this.updateBadge();
      this.ui.input.focus();
      this.ui.log.scrollTop = this.ui.log.scrollHeight;
    }
  }

  private async submit(): Promise<void> {
    const text = this.ui.input.value.trim();
    const files = this.pending.map(p => p.ref);
    if ((!text && !files.length) || this.sending || files.indexOf(null) >= 0) return;
    this.ui.input.value = "";
    this.ui.error.hidden = true;
    this.send("Typing", false);
    this.typingSent = 0;
    this.sending = true;
    this.updateSend();
    try {
      const m = await this.post<Message>("/messages", { text, clientId: randomId(), files });
      this.pending = [];
      this.ui.files.textContent = "";
      if (m) this.add([m], false);
    } catch {
      this.ui.input.value = text;
      this.showError(this.t.failed);
    }
    this.sending = false;
    this.updateSend();
  }

  private showError(text: string): void {
    this.ui.error.textContent = text;
    this.ui.error.hidden = false;
  }

  /** Send waits while a file is still uploading or a message is on its way (the "sending" state). */
  private updateSend(): void {
    const busy = this.sending || this.pending.some(p => !p.ref);
    this.ui.sendButton.disabled = busy;
    this.ui.sendButton.setAttribute("aria-busy", busy ? "true" : "false");
    this.ui.files.hidden = !this.pending.length;
  }

  /** The paperclip: each file goes up at once (with its progress) and is sent with the next message. */
  private upload(file: File): void {
    const t = this.t;
    const max = (this.config && this.config.maxFileBytes) || 0;
    if (file.size > max) return this.showError(t.tooLarge(this.size(max)));
    this.ui.error.hidden = true;
    const chip = this.el("li", "chip");
    const label = this.el("span", "", t.uploading(file.name, 0));
    const remove = this.el("button", "", "×");
    remove.type = "button";
    remove.setAttribute("aria-label", t.removeFile(file.name));
    chip.append(label, remove);
    this.ui.files.append(chip);
    const xhr = new XMLHttpRequest();
    const item: Pending = { ref: null, chip, xhr };
    this.pending.push(item);
    const drop = () => {
      this.pending = this.pending.filter(p => p !== item);
      chip.remove();
      this.updateSend();
    };
    remove.addEventListener("click", () => { xhr.abort(); drop(); this.ui.attach.focus(); });
    xhr.open("POST", this.url("/files"));
    xhr.setRequestHeader("X-Inbox-Visitor", this.token || "");
    // In quarters: the list is a polite live region, and a screen reader would read out every percent.
    let shown = 0;
    xhr.upload.onprogress = e => {
      const quarter = e.lengthComputable ? Math.floor((e.loaded * 4) / e.total) * 25 : 0;
      if (quarter > shown && quarter < 100) label.textContent = t.uploading(file.name, (shown = quarter));
    };
    xhr.onload = () => {
      if (xhr.status !== 201) {
        drop();
        return this.showError(xhr.status === 413 ? t.tooLarge(this.size(max)) : xhr.status === 415 ? t.wrongType : xhr.status === 429 ? t.tooManyFiles : t.uploadFailed);
      }
      const u = JSON.parse(xhr.responseText) as Upload;
      item.ref = u.id;
      label.textContent = u.fileName + " (" + this.size(u.size) + ")";
      this.updateSend();
    };
    xhr.onerror = () => { drop(); this.showError(t.uploadFailed); };
    const form = new FormData();
    form.append("file", file, file.name);
    xhr.send(form);
    this.updateSend();
  }

  /** A file of the thread as a blob: URL. Anything not a safe picture is typed as bytes, so even opened it never renders. */
  private blob(a: Attachment): Promise<string> {
    let url = this.blobs.get(a.id);
    if (!url) {
      const token = this.token;
      const load = async (tries: number): Promise<string> => {
        const r = await fetch(this.url("/attachments/" + a.id), { headers: { "X-Inbox-Visitor": token || "" }, credentials: "omit", mode: "cors" });
        if (r.status === 429 && tries < 5) {
          await new Promise(done => this.b.host.setTimeout(done, 1000));
          return load(tries + 1);
        }
        if (!r.ok) throw new Error("widget: file " + r.status);
        return URL.createObjectURL(new Blob([await r.arrayBuffer()], { type: isImage(a) ? a.contentType : "application/octet-stream" }));
      };
      const next = this.fetches.then(() => load(0));
      this.fetches = next.catch(() => null);
      url = next;
      this.blobs.set(a.id, url);
      next.catch(() => this.blobs.delete(a.id));
    }
    return url;
  }

  private size(bytes: number): string {
    return bytes < 1024 ? bytes + " B" : bytes < 1048576 ? Math.round(bytes / 1024) + " KB" : (bytes / 1048576).toFixed(1).replace(".", this.t.decimal) + " MB";
  }

  private typed(): void {
    const now = Date.now();
    if (now - this.typingSent > 3000) {
      this.typingSent = now;
      this.send("Typing", true);
    }
    if (this.config && this.config.sneakPeek) {
      this.b.host.clearTimeout(this.draftTimer);
      this.draftTimer = this.b.host.setTimeout(() => this.send("Draft", this.ui.input.value), 300);
    }
  }

  private showTyping(name: string | null, typing: boolean): void {
    this.ui.typing.textContent = typing ? this.t.typing(name) : "";
    this.b.host.clearTimeout(this.agentTypingTimer);
    if (typing) this.agentTypingTimer = this.b.host.setTimeout(() => (this.ui.typing.textContent = ""), 6000);
  }

  private async saveEmail(): Promise<void> {
    const email = this.ui.email.value.trim();
    if (!email) return;
    if (this.config && this.config.emailHandoff) return this.askEmail(this.ui.email, this.ui.emailForm, this.ui.emailNote);
    try {
      await this.post("/email", { email });
      this.ui.emailForm.hidden = true;
      this.ui.emailNote.textContent = this.t.emailSaved;
    } catch {
      this.ui.email.setAttribute("aria-invalid", "true");
    }
  }

  /** "Send me replies by email": the server mails a link; only opening it makes the address the visitor's. */
  private async askEmail(input: HTMLInputElement, form: HTMLFormElement, note: HTMLElement): Promise<void> {
    const email = input.value.trim();
    if (!email) return;
    try {
      await this.post("/email-handoff", { email, language: this.b.host.navigator.language });
      input.removeAttribute("aria-invalid");
      form.hidden = true;
      note.textContent = this.t.emailCheck(email);
    } catch {
      input.setAttribute("aria-invalid", "true");
      note.textContent = this.t.handoffFailed;
    }
  }

  /** The handoffs row's email button opens its own small form in its place. */
  private emailHandoff(button: HTMLButtonElement): void {
    const box = this.el("div", "offer");
    box.setAttribute("data-channel-type", "email");
    const { form, input } = this.emailForm(this.t.sendLink);
    const note = this.el("p", "note");
    note.setAttribute("role", "status");
    form.addEventListener("submit", e => { e.preventDefault(); this.askEmail(input, form, note); });
    box.append(form, note);
    button.replaceWith(box);
    input.focus();
  }

  private emailForm(submit: string) {
    const form = this.el("form", "email");
    const input = this.el("input");
    input.type = "email";
    input.placeholder = this.t.emailPlaceholder;
    input.setAttribute("aria-label", this.t.emailPlaceholder);
    input.autocomplete = "email";
    const send = this.el("button", "", submit);
    send.type = "submit";
    form.append(input, send);
    return { form, input };
  }

  /** "Continue on Telegram": a one-time link (and its code, for another device) to carry the conversation there. */
  private async handoff(h: Handoff, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    try {
      const offer = await this.post<Offer>("/handoff", { channelId: h.channelId });
      if (!offer || !/^(https:|sms:)/.test(offer.url)) throw new Error("widget: no hand-off link");
      const app = appName(h.channelType);
      const box = this.el("div", "offer");
      box.setAttribute("data-channel-type", h.channelType);
      const link = this.el("a", "open", this.t.openApp(app));
      link.href = offer.url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      const note = this.el("p", "note", this.t.codeNote + " ");
      note.append(this.el("code", "code", offer.code));
      box.append(link, note);
      button.replaceWith(box);
      link.focus();
    } catch {
      button.disabled = false;
      this.showError(this.t.handoffFailed);
    }
  }

  private read(): string | null {
    try { return this.b.host.localStorage.getItem(this.storageKey); } catch { return null; }
  }

  private write(token: string | null): void {
    try {
      if (token) this.b.host.localStorage.setItem(this.storageKey, token);
      else this.b.host.localStorage.removeItem(this.storageKey);
    } catch { /* storage blocked: the session lasts as long as the page */ }
  }

  // ---- view ---------------------------------------------------------------------------------------------------------

  private el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
    const e = this.doc.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  private render() {
    const t = this.t;
    const style = this.el("style");
    style.textContent = css;
    const launcher = this.el("button", "launcher");
    launcher.type = "button";
    launcher.setAttribute("aria-label", t.open);
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-controls", "inbox-panel");
    const icon = this.el("span", "icon");
    icon.setAttribute("aria-hidden", "true");
    const badge = this.el("span", "badge");
    badge.hidden = true;
    launcher.append(icon, badge);

    const panel = this.el("div", "panel");
    panel.id = "inbox-panel";
    panel.hidden = true;
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", t.title);
    const header = this.el("div", "header");
    const title = this.el("h2", "title", t.title);
    const close = this.el("button", "close", "×");
    close.type = "button";
    close.setAttribute("aria-label", t.close);
    header.append(title, close);
    const greeting = this.el("p", "greeting");
    const offline = this.el("div", "offline");
    offline.hidden = true;
    const offlineText = this.el("p", "", t.offline + " " + t.emailPrompt);
    const { form: emailForm, input: email } = this.emailForm(t.sendEmail);
    const emailNote = this.el("p", "note");
    emailNote.setAttribute("role", "status");
    offline.append(offlineText, emailForm, emailNote);
    const log = this.el("div", "log");
    log.setAttribute("role", "log");
    log.setAttribute("aria-live", "polite");
    log.setAttribute("aria-label", t.messages);
    log.tabIndex = 0;
    const typing = this.el("p", "typing");
    typing.setAttribute("aria-live", "polite");
    const error = this.el("p", "error", t.failed);
    error.hidden = true;
    error.setAttribute("role", "alert");
    const form = this.el("form", "compose");
    const input = this.el("textarea");
    input.rows = 1;
    input.placeholder = t.placeholder;
    input.setAttribute("aria-label", t.placeholder);
    input.maxLength = 5000;
    const send = this.el("button", "send", t.send);
    send.type = "submit";
    const attach = this.el("button", "attach");
    attach.type = "button";
    attach.setAttribute("aria-label", t.attach);
    attach.title = t.attach;
    attach.append(paperclip(this.doc));
    const picker = this.el("input");
    picker.type = "file";
    picker.multiple = true;
    picker.hidden = true;
    picker.tabIndex = -1;
    picker.setAttribute("aria-hidden", "true");
    const files = this.el("ul", "files");
    files.hidden = true;
    files.setAttribute("role", "status");
    files.setAttribute("aria-label", t.attach);
    form.append(attach, picker, input, send);
    const prechat = this.el("form", "prechat");
    prechat.hidden = true;
    const prechatName = this.el("input");
    prechatName.type = "text";
    prechatName.maxLength = 200;
    prechatName.autocomplete = "name";
    prechatName.placeholder = t.namePlaceholder;
    prechatName.setAttribute("aria-label", t.namePlaceholder);
    prechatName.required = true;
    const prechatEmail = this.el("input");
    prechatEmail.type = "email";
    prechatEmail.autocomplete = "email";
    prechatEmail.placeholder = t.emailOptional;
    prechatEmail.setAttribute("aria-label", t.emailOptional);
    const prechatStart = this.el("button", "start", t.startChat);
    prechatStart.type = "submit";
    prechat.append(this.el("p", "", t.preChatIntro), prechatName, prechatEmail, prechatStart);
    const privacy = this.el("p", "privacy");
    const handoffs = this.el("div", "handoffs");
    handoffs.hidden = true;
    panel.append(header, greeting, offline, log, typing, error, prechat, files, form, handoffs, privacy);

    this.b.root.append(style, panel, launcher);

    launcher.addEventListener("click", () => this.toggle(!this.isOpen));
    close.addEventListener("click", () => { this.toggle(false); launcher.focus(); });
    panel.addEventListener("keydown", e => { if (e.key === "Escape") { this.toggle(false); launcher.focus(); } });
    form.addEventListener("submit", e => { e.preventDefault(); this.submit(); });
    input.addEventListener("keydown", e => { if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); this.submit(); } });
    input.addEventListener("input", () => this.typed());
    attach.addEventListener("click", () => picker.click());
    picker.addEventListener("change", () => {
      const chosen = picker.files;
      for (let i = 0; chosen && i < chosen.length; i++) this.upload(chosen[i]);
      picker.value = "";
    });
    emailForm.addEventListener("submit", e => { e.preventDefault(); this.saveEmail(); });
    prechat.addEventListener("submit", e => { e.preventDefault(); this.startChat(); });
    return {
      launcher, badge, panel, title, greeting, offline, emailForm, email, emailNote, log, typing, error, input, privacy, handoffs,
      prechat, prechatName, prechatEmail, compose: form, attach, files, sendButton: send,
    };
  }

  private applyConfig(): void {
    const c = this.config!;
    this.b.mount.style.setProperty("--inbox-brand", c.brandColor);
    this.ui.panel.style.setProperty("--brand", c.brandColor);
    this.ui.launcher.style.setProperty("--brand", c.brandColor);
    this.ui.title.textContent = c.channelName || this.t.title;
    this.ui.greeting.textContent = c.greeting || "";
    this.ui.greeting.hidden = !c.greeting;
    this.ui.offline.hidden = c.online;
    if (c.verifiedEmail) {
      this.ui.emailForm.hidden = true;
      this.ui.emailNote.textContent = this.t.emailVerified(c.verifiedEmail);
    } else if (c.offlineEmail && c.emailHandoff) this.ui.email.value = c.offlineEmail;
    else if (c.offlineEmail) {
      this.ui.emailForm.hidden = true;
      this.ui.emailNote.textContent = this.t.emailSaved;
    }
    this.ui.handoffs.textContent = "";
    // One button per kind of app, whichever of the site's channels of that kind comes first.
    const seen = new Set<string>();
    for (const h of c.handoffs || []) {
      if (seen.has(h.channelType)) continue;
      seen.add(h.channelType);
      const b = this.el("button", "handoff", this.t.continueOn(appName(h.channelType)));
      b.type = "button";
      b.setAttribute("data-channel-type", h.channelType);
      b.addEventListener("click", () => this.handoff(h, b));
      this.ui.handoffs.append(b);
    }
    // Where replies go while the visitor is away: said in the offline banner when it shows, else here.
    if (c.verifiedEmail && c.online) this.ui.handoffs.append(this.el("p", "note", this.t.emailVerified(c.verifiedEmail)));
    else if (c.emailHandoff && !c.verifiedEmail) {
      const b = this.el("button", "handoff", this.t.emailReplies);
      b.type = "button";
      b.setAttribute("data-channel-type", "email");
      b.addEventListener("click", () => this.emailHandoff(b));
      this.ui.handoffs.append(b);
    }
    this.ui.handoffs.hidden = !this.ui.handoffs.firstChild;
    this.ui.privacy.textContent = c.sneakPeek ? this.t.sneakPeek : "";
    this.ui.privacy.hidden = !c.sneakPeek;
    this.ui.attach.hidden = !c.maxFileBytes;
    this.updatePreChat();
  }

  private bubble(m: Message): HTMLElement {
    const row = this.el("div", "msg " + (m.from === "agent" ? "agent" : "visitor"));
    row.setAttribute("data-id", String(m.id));
    const who = this.el("span", "who", m.from === "agent" ? (m.agentName || this.t.agent) : this.t.you);
    row.append(who);
    if (m.text) row.append(this.el("p", "text", m.text));
    const files = m.attachments || [];
    for (let i = 0; i < files.length; i++) row.append(this.file(files[i]));
    return row;
  }

  /** A picture shows as its thumbnail (opening full size); any other file is a download link with its name and size. */
  private file(a: Attachment): HTMLElement {
    const link = this.el("a", "file");
    link.href = "#";
    link.setAttribute("data-attachment-id", String(a.id));
    if (isImage(a)) {
      const img = this.el("img", "thumb");
      img.alt = a.fileName;
      link.append(img);
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      this.blob(a).then(url => { img.src = url; link.href = url; }, () => {});
    } else link.textContent = a.fileName + " (" + this.size(a.size) + ")";
    link.addEventListener("click", e => {
      if (link.getAttribute("href") !== "#") return;
      e.preventDefault();
      this.blob(a).then(url => {
        link.href = url;
        if (!isImage(a)) link.download = a.fileName;
        link.click();
      }, () => this.showError(this.t.fileFailed));
    });
    return link;
  }

  private updateBadge(): void {
    this.ui.badge.hidden = this.unread === 0;
    this.ui.badge.textContent = this.unread > 9 ? "9+" : String(this.unread);
    this.ui.badge.setAttribute("aria-label", this.t.unread(this.unread));
    this.ui.launcher.setAttribute("aria-label", (this.isOpen ? this.t.close : this.t.open) + (this.unread ? ", " + this.t.unread(this.unread) : ""));
  }
}

function isImage(a: Attachment): boolean {
  return /^image\/(png|jpeg|gif|webp)$/.test(a.contentType);
}

function paperclip(doc: Document): SVGSVGElement {
  const ns = "http://www.w3.org/2000/svg";
  const svg = doc.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  const path = doc.createElementNS(ns, "path");
  path.setAttribute("d", "M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6h-1.5z");
  svg.append(path);
  return svg;
}

function appName(channelType: string): string {
  return channelType === "telegram" ? "Telegram" : channelType === "whatsapp" ? "WhatsApp" : "SMS";
}

function randomId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += (bytes[i] + 256).toString(16).slice(1);
  return s;
}
