// The thread's scroll box (Conversations/MessageList.razor). Only a window of the thread is rendered; this keeps the line
// the agent is reading where it is while that window slides, older pages arrive or images load (the box has no native
// scroll anchoring), keeps the newest message in view while the agent is at the bottom, and asks .NET for the next
// stretch when the agent comes near either end of what is rendered. A search hit (data-reveal on the list) is scrolled
// to and marked (css: .message-found) as soon as its line is in the DOM. Works for column-reverse and normal boxes.

const EDGE = 800; // px from an end of the rendered lines at which the next stretch is asked for
const BOTTOM = 8; // px from the bottom that still count as "at the bottom"
// Lines that keep their place in the thread: a day line moves up when older lines of its day arrive, and the
// "load older" button comes and goes, so neither is ever the anchor.
const LINE = '[data-message-id], [data-event-id]';

export function attach(scroller, dotnet) {
  return new ThreadScroll(scroller, dotnet);
}

class ThreadScroll {
  constructor(scroller, dotnet) {
    this.scroller = scroller;
    this.list = scroller.firstElementChild;
    this.dotnet = dotnet;
    this.reversed = getComputedStyle(scroller).flexDirection === 'column-reverse';
    this.atBottom = true;
    this.reported = true;
    this.anchor = null;
    this.asking = false;
    this.onScroll = () => { this.measure(); this.ask(); };
    scroller.addEventListener('scroll', this.onScroll, { passive: true });
    // Mutations are seen before the next paint, so a correction never shows as a jump.
    this.mutations = new MutationObserver(() => this.settle());
    this.mutations.observe(this.list, { childList: true, subtree: true, characterData: true, attributeFilter: ['data-reveal'] });
    this.resizes = new ResizeObserver(() => this.settle());
    this.resizes.observe(this.list);
    this.settle();
  }

  detach() {
    this.scroller.removeEventListener('scroll', this.onScroll);
    this.mutations.disconnect();
    this.resizes.disconnect();
    this.dotnet = null;
  }

  fromBottom() {
    const s = this.scroller;
    return this.reversed ? -s.scrollTop : s.scrollHeight - s.clientHeight - s.scrollTop;
  }

  fromTop() {
    const s = this.scroller;
    return this.reversed ? s.scrollHeight - s.clientHeight + s.scrollTop : s.scrollTop;
  }

  more(which) {
    return this.list.dataset[which] === 'true';
  }

  toBottom() {
    const s = this.scroller;
    s.scrollTop = this.reversed ? 0 : s.scrollHeight;
    this.atBottom = true;
    this.measure();
  }

  // The DOM or a size changed: back to the bottom if the agent was there, else the anchor line back where it was.
  settle() {
    if (this.reveal()) {
      this.measure();
    } else if (this.atBottom) {
      this.toBottom();
    } else if (this.anchor && this.anchor.el.isConnected) {
      const moved = this.offset(this.anchor.el) - this.anchor.top;
      if (Math.abs(moved) >= 1) this.scroller.scrollTop += moved;
      this.measure();
    } else {
      this.measure();
    }
    this.ask();
  }

  // Once per hit: before the bottom is held or an end is asked for, or the hit would slide out of the window again.
  reveal() {
    const id = this.list.dataset.reveal;
    if (!id || id === this.revealed) return false;
    const row = this.list.querySelector(`.message-row[data-message-id="${Number(id)}"]`);
    if (!row) return false;
    this.revealed = id;
    this.list.querySelectorAll('.message-row.message-found').forEach(r => r.classList.remove('message-found'));
    row.classList.add('message-found');
    row.scrollIntoView({ block: 'center' });
    return true;
  }

  offset(el) {
    return el.getBoundingClientRect().top - this.scroller.getBoundingClientRect().top;
  }

  measure() {
    // Only the bottom of the whole thread counts: the bottom of a window scrolled back is not where new lines land.
    this.atBottom = this.fromBottom() < BOTTOM && !this.more('moreNewer');
    if (this.atBottom !== this.reported && this.dotnet) {
      this.reported = this.atBottom;
      this.dotnet.invokeMethodAsync('AtBottomChanged', this.atBottom).catch(() => {});
    }
    this.anchor = null;
    const top = this.scroller.getBoundingClientRect().top;
    for (const el of this.list.children) {
      if (!el.matches(LINE)) continue;
      const box = el.getBoundingClientRect();
      if (box.bottom > top) {
        this.anchor = { el, top: box.top - top };
        break;
      }
    }
  }

  async ask() {
    if (this.asking || !this.dotnet) return;
    const method = this.fromTop() < EDGE && this.more('moreOlder') ? 'ShowOlder'
      : this.fromBottom() < EDGE && this.more('moreNewer') ? 'ShowNewer' : null;
    if (!method) return;
    this.asking = true;
    this.scroller.toggleAttribute('data-asking', true); // tests wait for a settled thread before scrolling
    let changed = false;
    try {
      changed = await this.dotnet.invokeMethodAsync(method);
    } catch {
      changed = false; // a failed page is not asked for again until the agent scrolls
    } finally {
      this.asking = false;
      this.scroller.toggleAttribute('data-asking', false);
    }
    if (changed) this.ask();
  }
}
