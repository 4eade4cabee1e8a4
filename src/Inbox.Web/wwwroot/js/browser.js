// The console's only JS module (imported by Shared/BrowserInterop.cs): is the tab seen, a short chime made with
// WebAudio, desktop notifications, small preferences in localStorage and the global keyboard shortcuts.
// Everything passed in is data: strings go to textContent-like APIs (Notification title/body), never to eval or HTML.

let dotnet = null;
let audio = null;
let lastChime = 0;

export function start(callbacks) {
  dotnet = callbacks;
  document.addEventListener('keydown', onKeyDown);
  document.addEventListener('keydown', onComposerEnter, true);
  document.addEventListener('paste', onComposerPaste);
}

export function stop() {
  document.removeEventListener('keydown', onKeyDown);
  document.removeEventListener('keydown', onComposerEnter, true);
  document.removeEventListener('paste', onComposerPaste);
  dotnet = null;
}

// Files pasted into the composer (a screenshot, say) go to its file input, as if chosen there: Blazor's InputFile
// reads them from the change event. Pasted text is left alone.
function onComposerPaste(e) {
  const composer = e.target instanceof Element ? e.target.closest('.composer') : null;
  const input = composer?.querySelector('input.composer-file');
  const files = e.clipboardData?.files;
  if (!input || !files || files.length === 0) return;
  e.preventDefault();
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

// "Enter sends" (the agent's choice, marked on the composer box): the newline must not land in the box; the composer
// itself sends on the same keydown. Shift+Enter, and Enter while an input method is composing, still type.
function onComposerEnter(e) {
  if (e.key !== 'Enter' || e.shiftKey || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
  if (e.target instanceof Element && e.target.closest('.composer-text.enter-sends')) e.preventDefault();
}

export function isVisible() {
  return document.visibilityState === 'visible' && document.hasFocus();
}

// ---- Sound: two soft sine notes, no file and no network. ----
export function chime() {
  const now = Date.now();
  if (now - lastChime < 1500) return; // a burst (e.g. a replay after reconnect) rings once
  lastChime = now;
  try {
    audio ??= new (window.AudioContext || window.webkitAudioContext)();
    if (audio.state === 'suspended') audio.resume();
    const t = audio.currentTime;
    [[880, 0], [1320, 0.12]].forEach(([freq, offset]) => {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, t + offset);
      gain.gain.exponentialRampToValueAtTime(0.18, t + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + offset + 0.35);
      osc.connect(gain).connect(audio.destination);
      osc.start(t + offset);
      osc.stop(t + offset + 0.4);
    });
  } catch {
    // No audio (autoplay policy, no device): silence is fine.
  }
}

// ---- Desktop notifications ----
export function permission() {
  return 'Notification' in window ? Notification.permission : 'unsupported';
}

export async function requestPermission() {
  if (!('Notification' in window)) return 'unsupported';
  return await Notification.requestPermission();
}

export function notify(title, body, conversationId, tag) {
  if (!('Notification' in window) || Notification.permission !== 'granted') return false;
  const n = new Notification(String(title), { body: String(body), tag: String(tag), renotify: true });
  n.onclick = () => {
    window.focus();
    dotnet?.invokeMethodAsync('OnNotificationClicked', Number(conversationId));
    n.close();
  };
  return true;
}

// ---- Preferences ----
export function load(key) {
  try { return localStorage.getItem(key); } catch { return null; }
}

export function save(key, value) {
  try { localStorage.setItem(key, value); } catch { /* storage blocked: this session only */ }
}

// ---- Keyboard ----
function isTyping(target) {
  if (!target) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}

function onKeyDown(e) {
  if (!dotnet || e.defaultPrevented || e.isComposing) return;
  let action = null;
  if (e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
    action = e.key === 'ArrowDown' ? 'next' : 'previous';
  } else if (!e.altKey && !e.ctrlKey && !e.metaKey && !isTyping(e.target) && !document.querySelector('.mud-dialog')) {
    if (e.key === 'j') action = 'next';
    else if (e.key === 'k') action = 'previous';
    else if (e.key === '?') action = 'help';
  }
  if (action) {
    e.preventDefault();
    dotnet.invokeMethodAsync('OnShortcut', action);
  }
}

export function reveal(conversationId) {
  const row = document.querySelector(`[data-conversation-id="${Number(conversationId)}"]`);
  row?.scrollIntoView({ block: 'nearest' });
}
