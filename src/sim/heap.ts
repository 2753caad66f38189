/**
 * Binary min-heap of simulation events keyed by (time, insertion sequence): events at the same time
 * come out in the order they were scheduled, so a run is fully deterministic. Each entry carries one
 * numeric payload (the engine packs an event kind and an index into it). Struct-of-arrays storage in
 * typed arrays, doubled when full.
 */
export class EventHeap {
  private t: Float64Array;
  private s: Float64Array;
  private p: Float64Array;
  private n = 0;
  private seq = 0;

  constructor(capacity = 1024) {
    this.t = new Float64Array(capacity);
    this.s = new Float64Array(capacity);
    this.p = new Float64Array(capacity);
  }

  get size(): number {
    return this.n;
  }

  /** Time of the earliest event (Infinity when empty). */
  peekTime(): number {
    return this.n > 0 ? this.t[0] : Infinity;
  }

  push(time: number, payload: number): void {
    if (this.n === this.t.length) this.grow();
    const seq = this.seq++;
    let i = this.n++;
    const t = this.t;
    const s = this.s;
    const p = this.p;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = t[parent];
      if (pt < time || (pt === time && s[parent] < seq)) break;
      t[i] = pt;
      s[i] = s[parent];
      p[i] = p[parent];
      i = parent;
    }
    t[i] = time;
    s[i] = seq;
    p[i] = payload;
  }

  /** Removes the earliest event; returns its payload (time via {@link lastTime}). Call only when size > 0. */
  pop(): number {
    const t = this.t;
    const s = this.s;
    const p = this.p;
    const payload = p[0];
    this.lastPopped = t[0];
    const n = --this.n;
    if (n > 0) {
      const xt = t[n];
      const xs = s[n];
      const xp = p[n];
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        const r = c + 1;
        if (r < n && (t[r] < t[c] || (t[r] === t[c] && s[r] < s[c]))) c = r;
        if (t[c] > xt || (t[c] === xt && s[c] > xs)) break;
        t[i] = t[c];
        s[i] = s[c];
        p[i] = p[c];
        i = c;
      }
      t[i] = xt;
      s[i] = xs;
      p[i] = xp;
    }
    return payload;
  }

  /** Time of the event last popped. */
  lastPopped = 0;

  private grow(): void {
    const cap = this.t.length * 2;
    const t = new Float64Array(cap);
    const s = new Float64Array(cap);
    const p = new Float64Array(cap);
    t.set(this.t);
    s.set(this.s);
    p.set(this.p);
    this.t = t;
    this.s = s;
    this.p = p;
  }
}
