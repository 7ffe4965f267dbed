/**
 * A cap on the bytes that concurrent tasks hold at once. A poll fetches several feeds at a time, and
 * each body costs several times its size while it is decoded, parsed and normalized: eight 15 MiB
 * feeds at once would not fit in one function's memory, while eight ordinary ones fit many times.
 *
 * Each task opens a lease and takes bytes as they arrive; taking waits while the budget is spent
 * and resumes when another lease closes. The oldest open lease never waits, so the tasks can never
 * all be waiting on each other: at most `capacity` plus one task's own bytes are held.
 */
export interface ByteLease {
  /** Resolves once `bytes` more are held by this lease. */
  take(bytes: number): Promise<void>;
  /** Gives back everything this lease holds; a lease is closed once, when its task ends. */
  close(): void;
}

interface Waiter {
  lease: Lease;
  bytes: number;
  grant: () => void;
}

interface Lease {
  held: number;
}

export class ByteBudget {
  private used = 0;
  /** Open leases, oldest first. */
  private readonly open: Lease[] = [];
  private readonly waiting: Waiter[] = [];

  constructor(readonly capacity: number) {}

  /** Bytes held by every open lease. */
  get inUse(): number {
    return this.used;
  }

  lease(): ByteLease {
    const lease: Lease = { held: 0 };
    this.open.push(lease);
    return {
      take: (bytes) => this.take(lease, bytes),
      close: () => this.close(lease),
    };
  }

  private fits(lease: Lease, bytes: number): boolean {
    return this.open[0] === lease || this.used + bytes <= this.capacity;
  }

  private take(lease: Lease, bytes: number): Promise<void> {
    // First come, first served: a small take does not overtake a large one already waiting.
    if ((this.waiting.length === 0 || this.open[0] === lease) && this.fits(lease, bytes)) {
      this.hold(lease, bytes);
      return Promise.resolve();
    }
    return new Promise((grant) => this.waiting.push({ lease, bytes, grant }));
  }

  private hold(lease: Lease, bytes: number) {
    lease.held += bytes;
    this.used += bytes;
  }

  private close(lease: Lease) {
    const index = this.open.indexOf(lease);
    if (index === -1) return;
    this.open.splice(index, 1);
    this.used -= lease.held;
    lease.held = 0;
    // A lease closed while waiting (its task gave up) no longer waits.
    for (let i = this.waiting.length - 1; i >= 0; i--) if (this.waiting[i]?.lease === lease) this.waiting.splice(i, 1);
    this.grantWaiting();
  }

  private grantWaiting() {
    // The oldest lease goes first, whatever it asks, with every take it has waiting (one feed's
    // refresh may fetch several pages at once)...
    const oldest = this.open[0];
    for (let i = 0; i < this.waiting.length; ) {
      const waiter = this.waiting[i] as Waiter;
      if (waiter.lease !== oldest) {
        i++;
        continue;
      }
      this.waiting.splice(i, 1);
      this.hold(waiter.lease, waiter.bytes);
      waiter.grant();
    }
    // ...then the others in the order they asked, while they fit.
    while (this.waiting.length > 0) {
      const next = this.waiting[0] as Waiter;
      if (!this.fits(next.lease, next.bytes)) return;
      this.waiting.shift();
      this.hold(next.lease, next.bytes);
      next.grant();
    }
  }
}
