import * as Comlink from 'comlink';
import type { DataApi } from '../../workers/api';
import { userError } from '../../workers/errors';

/** After this long without a word from the worker during a call, the page says so and offers Cancel. */
export const SILENCE_MS = 3000;
/** After Cancel, how long a running call has to stop before the worker is terminated. */
export const CANCEL_GRACE_MS = 1500;
const PING_MS = 500;

type Method = keyof DataApi;

interface Call {
  id: number;
  method: Method;
  started: number;
  reject: (e: unknown) => void;
}

/**
 * The page's side of the data worker: it starts the worker, sends every call with an id, and watches it. While
 * a call is out it pings the worker; a worker busy in one long synchronous step cannot answer, so the page
 * knows how long it has been silent (`silentMs`) without ever blocking. `restart()` terminates the worker and
 * starts a fresh one; the calls still out then fail with the code `engine-stalled`, so nobody waits forever.
 */
export class EngineHost {
  /** Milliseconds since the worker last answered anything, while a call is out (0 when idle or answering). */
  silentMs = $state(0);
  /** The calls out now (method names), for the status line. */
  busy = $state<Method[]>([]);
  /** Times the worker was restarted. */
  restarts = $state(0);

  private worker!: Worker;
  private remote!: Comlink.Remote<DataApi>;
  private serial = 0;
  private readonly calls = new Map<number, Call>();
  private lastHeard = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private pinging = false;
  /** Stops waiting for the current worker's end (a restart ends it on purpose). */
  private lifeWatch: AbortController | null = null;
  /**
   * Called when the worker ended by itself (the browser stops a worker that runs out of memory, with no message
   * to the page): the host has already started a fresh one, and the calls that were out failed with
   * `engine-stalled`; `methods` are their names.
   */
  onCrash: ((methods: Method[]) => void) | null = null;

  constructor(private readonly create: () => Worker) {
    this.start();
  }

  /** The worker's API: each call is tracked, watched, and fails with `engine-stalled` if the worker is restarted. */
  readonly api: Comlink.Remote<DataApi> = new Proxy({} as Comlink.Remote<DataApi>, {
    get: (_t, method: string) => (...args: unknown[]) => this.call(method as Method, args),
  });

  /** Wraps a progress callback for the worker: each report also counts as the worker answering. */
  progress<T>(fn: (p: T) => void): ((p: T) => void) & Comlink.ProxyMarked {
    return Comlink.proxy((p: T) => {
      this.heard();
      fn(p);
    });
  }

  /** Resolves true once the calls out now have all ended (later calls do not count), or false after `ms`. */
  idle(ms: number): Promise<boolean> {
    const out = [...this.calls.keys()];
    const ended = () => out.every((id) => !this.calls.has(id));
    if (ended()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const started = performance.now();
      const poll = setInterval(() => {
        if (ended()) {
          clearInterval(poll);
          resolve(true);
        } else if (performance.now() - started >= ms) {
          clearInterval(poll);
          resolve(false);
        }
      }, 50);
    });
  }

  /** Terminates the worker (whatever it is doing) and starts a fresh one with no data. */
  restart(): void {
    this.replace();
  }

  /** Terminates the worker, fails the calls out with `engine-stalled`, starts a fresh one; the names of those calls. */
  private replace(): Method[] {
    this.lifeWatch?.abort();
    this.worker.terminate();
    const out = [...this.calls.values()];
    this.calls.clear();
    this.updateBusy();
    for (const c of out) c.reject(userError('engine-stalled', { detail: c.method }));
    this.restarts++;
    this.start();
    return out.map((c) => c.method);
  }

  private start(): void {
    this.worker = this.create();
    this.remote = Comlink.wrap<DataApi>(this.worker);
    this.pinging = false;
    this.watchLife();
  }

  /**
   * Learns when the worker ends by itself. A worker stopped by the browser (out of memory) sends nothing, and a
   * busy worker does not answer pings either, so silence cannot tell them apart; a Web Lock can. The worker
   * holds a lock named for it for as long as it lives, and the page asks for the same lock, which it is granted
   * only once the worker has ended.
   */
  private watchLife(): void {
    if (typeof navigator === 'undefined' || !navigator.locks) return;
    const watch = new AbortController();
    this.lifeWatch = watch;
    const name = `cartera-engine-${crypto.randomUUID()}`;
    void this.remote.holdLife(name).then((held) => {
      if (!held || watch.signal.aborted) return;
      navigator.locks
        .request(name, { signal: watch.signal }, () => {
          if (watch.signal.aborted || watch !== this.lifeWatch) return;
          const methods = this.replace();
          this.onCrash?.(methods);
        })
        .catch(() => {});
    }, () => {});
  }

  private call(method: Method, args: unknown[]): Promise<unknown> {
    const id = ++this.serial;
    const remote = this.remote;
    return new Promise((resolve, reject) => {
      const call: Call = { id, method, started: performance.now(), reject };
      this.calls.set(id, call);
      if (this.calls.size === 1) this.heard();
      this.updateBusy();
      this.watch();
      const fn = remote[method] as unknown as (...a: unknown[]) => Promise<unknown>;
      fn(...args).then(
        (value) => this.settle(id, () => resolve(value)),
        (error) => this.settle(id, () => reject(error)),
      );
    });
  }

  /** Settles a call unless a restart already failed it. */
  private settle(id: number, done: () => void): void {
    if (!this.calls.delete(id)) return;
    this.heard();
    this.updateBusy();
    done();
  }

  private heard(): void {
    this.lastHeard = performance.now();
    if (this.silentMs !== 0) this.silentMs = 0;
  }

  private updateBusy(): void {
    this.busy = [...this.calls.values()].map((c) => c.method);
  }

  /** While calls are out: ping the worker and keep `silentMs` up to date; stop when idle. */
  private watch(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.calls.size === 0) {
        clearInterval(this.timer!);
        this.timer = null;
        this.silentMs = 0;
        return;
      }
      const silent = performance.now() - this.lastHeard;
      this.silentMs = silent >= SILENCE_MS ? silent : 0;
      if (!this.pinging) {
        this.pinging = true;
        const remote = this.remote;
        void remote.ping().then(() => {
          if (remote !== this.remote) return;
          this.pinging = false;
          this.heard();
        });
      }
    }, PING_MS);
  }
}

/** Starts the bundled data worker (same origin). */
export function createDataWorker(): Worker {
  return new Worker(new URL('../../workers/data.worker.ts', import.meta.url), { type: 'module', name: 'cartera-data' });
}
