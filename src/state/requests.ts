/**
 * The page's request coordinator: every data request from the page goes through it to the worker.
 *
 * The worker is one thread, so sending it several requests at once only queues them there, where they can no longer
 * be cancelled or reordered. The coordinator keeps the queue on the page instead: one request is out at a time, the
 * others wait here, in priority order, where cancelling one costs nothing. Each request has an id; one with the same
 * key as a request already waiting or out shares its answer (deduplication); one on the same channel as earlier ones
 * supersedes them (a newer scoring replaces an older one that nobody waits for any more), and an answer nobody waits
 * for is dropped. (After Mosaic's query manager, which queues and consolidates a dashboard's queries, and
 * duckdb-wasm's message ids.)
 */

/** Lower runs first: what the user is waiting to see, before pages and downloads. */
export const PRIORITY = { interactive: 0, page: 1, background: 2 } as const;
export type Priority = (typeof PRIORITY)[keyof typeof PRIORITY];

/** Why a request ended without its answer. */
export type DropReason = 'cancelled' | 'superseded';

/** Thrown to a request's callers when it ends without its answer. */
export class RequestDropped extends Error {
  constructor(readonly reason: DropReason, readonly id: number) {
    super(`request ${id} ${reason}`);
  }
}

export function isDropped(e: unknown): e is RequestDropped {
  return e instanceof RequestDropped;
}

export interface RequestOptions {
  /** A newer request on the same channel supersedes the earlier ones (e.g. 'score'). */
  channel?: string;
  /** Requests with the same key, waiting or out, share one answer. */
  key?: string;
  priority?: Priority;
  /** Progress reports from the worker for this request. */
  onProgress?: (p: unknown) => void;
}

/** What a request's runner gets: its id, and a progress callback to hand to the worker. */
export interface RequestContext {
  id: number;
  progress: (p: unknown) => void;
}

/** A caller's handle: the answer, and a way to stop waiting for it. */
export interface Ticket<T> {
  id: number;
  answer: Promise<T>;
  cancel(): void;
}

interface Entry {
  id: number;
  channel?: string;
  key?: string;
  priority: Priority;
  run: (ctx: RequestContext) => Promise<unknown>;
  waiters: Set<Waiter>;
  state: 'waiting' | 'out' | 'done';
}

interface Waiter {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  onProgress?: (p: unknown) => void;
}

/** A snapshot of one request, for status lines and tests. */
export interface RequestInfo {
  id: number;
  channel?: string;
  key?: string;
  state: 'waiting' | 'out';
}

export class RequestCoordinator {
  private serial = 0;
  private readonly queue: Entry[] = [];
  private out: Entry | null = null;

  /**
   * @param onCancelOut called when the request that is out loses its last waiter (the worker may be asked to stop
   *   it; its answer is dropped in any case).
   * @param onChange called whenever the set of requests waiting or out changes.
   */
  constructor(
    private readonly onCancelOut: (info: RequestInfo) => void = () => {},
    private readonly onChange: () => void = () => {},
  ) {}

  /** Queues a request; `run` is called when its turn comes and talks to the worker. */
  request<T>(run: (ctx: RequestContext) => Promise<T>, opts: RequestOptions = {}): Ticket<T> {
    let entry = opts.key === undefined ? undefined : this.live().find((e) => e.key === opts.key && e.channel === opts.channel);
    if (!entry) {
      if (opts.channel !== undefined) for (const e of this.live()) if (e.channel === opts.channel) this.drop(e, 'superseded');
      entry = {
        id: ++this.serial, channel: opts.channel, key: opts.key, priority: opts.priority ?? PRIORITY.interactive,
        run: run as Entry['run'], waiters: new Set(), state: 'waiting',
      };
      this.enqueue(entry);
    }
    const e = entry;
    let waiter!: Waiter;
    const answer = new Promise<T>((resolve, reject) => {
      waiter = { resolve: resolve as Waiter['resolve'], reject, onProgress: opts.onProgress };
    });
    e.waiters.add(waiter);
    this.pump();
    return {
      id: e.id,
      answer,
      cancel: () => {
        if (!e.waiters.delete(waiter)) return;
        waiter.reject(new RequestDropped('cancelled', e.id));
        if (e.waiters.size === 0) this.abandon(e);
      },
    };
  }

  /** Cancels every request on a channel (all its waiters). */
  cancelChannel(channel: string): void {
    for (const e of this.live()) if (e.channel === channel) this.drop(e, 'cancelled');
  }

  /** Cancels every request, waiting or out (the worker is about to be replaced). */
  clear(): void {
    for (const e of this.live()) this.drop(e, 'cancelled');
  }

  /** The requests waiting and out, out first. */
  pending(): RequestInfo[] {
    return this.live().map((e) => ({ id: e.id, channel: e.channel, key: e.key, state: e.state as 'waiting' | 'out' }));
  }

  /** True while a request on the channel waits or is out. */
  has(channel: string): boolean {
    return this.live().some((e) => e.channel === channel);
  }

  private live(): Entry[] {
    return this.out ? [this.out, ...this.queue] : [...this.queue];
  }

  private enqueue(e: Entry): void {
    const at = this.queue.findIndex((q) => q.priority > e.priority);
    if (at < 0) this.queue.push(e);
    else this.queue.splice(at, 0, e);
    this.onChange();
  }

  /** Ends a request for all its waiters. */
  private drop(e: Entry, reason: DropReason): void {
    const waiters = [...e.waiters];
    e.waiters.clear();
    for (const w of waiters) w.reject(new RequestDropped(reason, e.id));
    this.abandon(e);
  }

  /** A request nobody waits for: out of the queue, or, when it is out, its answer will be dropped. */
  private abandon(e: Entry): void {
    if (e.state === 'waiting') {
      this.queue.splice(this.queue.indexOf(e), 1);
      e.state = 'done';
      this.onChange();
    } else if (e.state === 'out') {
      this.onCancelOut({ id: e.id, channel: e.channel, key: e.key, state: 'out' });
    }
  }

  private pump(): void {
    if (this.out || this.queue.length === 0) return;
    const e = this.queue.shift()!;
    e.state = 'out';
    this.out = e;
    this.onChange();
    const progress = (p: unknown) => {
      for (const w of e.waiters) w.onProgress?.(p);
    };
    let running: Promise<unknown>;
    try {
      running = e.run({ id: e.id, progress });
    } catch (err) {
      running = Promise.reject(err);
    }
    running.then(
      (v) => this.finish(e, (w) => w.resolve(v)),
      (err) => this.finish(e, (w) => w.reject(err)),
    );
  }

  private finish(e: Entry, settle: (w: Waiter) => void): void {
    e.state = 'done';
    if (this.out === e) this.out = null;
    const waiters = [...e.waiters];
    e.waiters.clear();
    for (const w of waiters) settle(w);
    this.onChange();
    this.pump();
  }
}
