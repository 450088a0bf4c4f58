import { describe, expect, it } from 'vitest';
import { PRIORITY, RequestCoordinator, isDropped, type RequestContext } from '../../src/state/requests';

/** A runner that answers when the test says so, recording when it was started. */
function deferred<T>(log: string[], name: string) {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  let ctx: RequestContext | null = null;
  const run = (c: RequestContext) => {
    ctx = c;
    log.push(`start ${name}`);
    return new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
  };
  return { run, resolve: (v: T) => resolve(v), reject: (e: unknown) => reject(e), ctx: () => ctx };
}

const settled = () => new Promise((r) => setTimeout(r, 0));

describe('RequestCoordinator', () => {
  it('sends one request at a time, in priority order, each with its own id', async () => {
    const log: string[] = [];
    const rc = new RequestCoordinator();
    const a = deferred<string>(log, 'a');
    const b = deferred<string>(log, 'b');
    const c = deferred<string>(log, 'c');
    const ta = rc.request(a.run);
    const tb = rc.request(b.run, { priority: PRIORITY.background });
    const tc = rc.request(c.run, { priority: PRIORITY.interactive });
    expect(new Set([ta.id, tb.id, tc.id]).size).toBe(3);
    expect(log).toEqual(['start a']);
    expect(rc.pending().map((p) => p.state)).toEqual(['out', 'waiting', 'waiting']);
    a.resolve('A');
    expect(await ta.answer).toBe('A');
    await settled();
    // The interactive request overtakes the background one that was queued before it.
    expect(log).toEqual(['start a', 'start c']);
    c.resolve('C');
    expect(await tc.answer).toBe('C');
    await settled();
    expect(log).toEqual(['start a', 'start c', 'start b']);
    b.resolve('B');
    expect(await tb.answer).toBe('B');
    expect(rc.pending()).toEqual([]);
  });

  it('a request with the key of one waiting or out shares its answer and is sent once', async () => {
    const log: string[] = [];
    const rc = new RequestCoordinator();
    const a = deferred<number>(log, 'a');
    const t1 = rc.request(a.run, { key: 'page 1' });
    const t2 = rc.request(deferred<number>(log, 'a again').run, { key: 'page 1' });
    expect(t2.id).toBe(t1.id);
    a.resolve(7);
    expect(await Promise.all([t1.answer, t2.answer])).toEqual([7, 7]);
    expect(log).toEqual(['start a']);
  });

  it('a newer request on a channel supersedes the waiting one, which is never sent', async () => {
    const log: string[] = [];
    const rc = new RequestCoordinator();
    const busy = deferred<void>(log, 'load');
    rc.request(busy.run, { channel: 'data' });
    const old = rc.request(deferred<string>(log, 'score 1').run, { channel: 'score' });
    const newer = deferred<string>(log, 'score 2');
    const tNew = rc.request(newer.run, { channel: 'score' });
    await expect(old.answer).rejects.toSatisfy((e: unknown) => isDropped(e) && e.reason === 'superseded');
    busy.resolve();
    await settled();
    expect(log).toEqual(['start load', 'start score 2']);
    newer.resolve('second');
    expect(await tNew.answer).toBe('second');
  });

  it('cancelling a waiting request removes it; cancelling the one out drops its answer and tells the host', async () => {
    const log: string[] = [];
    const toldOut: number[] = [];
    const rc = new RequestCoordinator((info) => toldOut.push(info.id));
    const out = deferred<string>(log, 'out');
    const tOut = rc.request(out.run, { channel: 'score' });
    const tWait = rc.request(deferred<string>(log, 'waiting').run, { channel: 'page' });
    tWait.cancel();
    await expect(tWait.answer).rejects.toSatisfy((e: unknown) => isDropped(e) && e.reason === 'cancelled');
    expect(toldOut).toEqual([]);
    tOut.cancel();
    await expect(tOut.answer).rejects.toSatisfy((e: unknown) => isDropped(e) && e.reason === 'cancelled');
    expect(toldOut).toEqual([tOut.id]);
    // The slot stays taken until the worker answers (it is one thread), then the queue moves on.
    expect(rc.has('score')).toBe(true);
    const next = deferred<string>(log, 'next');
    const tNext = rc.request(next.run);
    out.resolve('late answer, dropped');
    await settled();
    expect(log).toEqual(['start out', 'start next']);
    next.resolve('N');
    expect(await tNext.answer).toBe('N');
  });

  it('cancelChannel ends every request on it; one of two waiters cancelling keeps the request for the other', async () => {
    const log: string[] = [];
    const rc = new RequestCoordinator();
    const a = deferred<string>(log, 'a');
    const t1 = rc.request(a.run, { channel: 'page', key: 'k' });
    const t2 = rc.request(a.run, { channel: 'page', key: 'k' });
    t1.cancel();
    await expect(t1.answer).rejects.toSatisfy((e: unknown) => isDropped(e) && e.reason === 'cancelled');
    a.resolve('kept');
    expect(await t2.answer).toBe('kept');
    const b = deferred<string>(log, 'b');
    rc.request(b.run, { channel: 'x' });
    const tc = rc.request(deferred<string>(log, 'c').run, { channel: 'score' });
    rc.cancelChannel('score');
    await expect(tc.answer).rejects.toSatisfy((e: unknown) => isDropped(e) && e.reason === 'cancelled');
    expect(rc.has('score')).toBe(false);
  });

  it('passes progress from the worker to every waiter, and errors to the callers', async () => {
    const log: string[] = [];
    const rc = new RequestCoordinator();
    const a = deferred<string>(log, 'a');
    const seen: unknown[] = [];
    const t = rc.request(a.run, { onProgress: (p) => seen.push(p) });
    a.ctx()!.progress({ rows: 10 });
    a.ctx()!.progress({ rows: 20 });
    expect(seen).toEqual([{ rows: 10 }, { rows: 20 }]);
    a.reject(new Error('worker said no'));
    await expect(t.answer).rejects.toThrow('worker said no');
    // A runner that throws at once fails its request and does not block the queue.
    const bad = rc.request(() => {
      throw new Error('no');
    });
    await expect(bad.answer).rejects.toThrow('no');
    const ok = rc.request(async () => 1);
    expect(await ok.answer).toBe(1);
  });
});
