// `Server-Timing` on API responses: how long named steps of the request took on the server (browser dev
// tools show it under Timing; the segmentation benchmark reads `placement` from it). Steps are timed with
// `timed()` wherever they run — a repository deep inside a transaction needs no request object — and
// summed per request through an AsyncLocalStorage opened when the request arrives.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance } from 'fastify';

const current = new AsyncLocalStorage<Map<string, number>>();

/** Runs `fn`, adding its duration to the step `name` of the request under way (if any). */
export async function timed<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const steps = current.getStore();
  if (!steps) return fn();
  const started = performance.now();
  try {
    return await fn();
  } finally {
    steps.set(name, (steps.get(name) ?? 0) + performance.now() - started);
  }
}

/** `name;dur=1.2, other;dur=3.4` (milliseconds, one decimal), or null when nothing was timed. */
export function serverTimingHeader(steps: ReadonlyMap<string, number>): string | null {
  if (steps.size === 0) return null;
  return [...steps].map(([name, ms]) => `${name};dur=${ms.toFixed(1)}`).join(', ');
}

export function registerServerTiming(app: FastifyInstance) {
  const byRequest = new WeakMap<object, Map<string, number>>();
  app.addHook('onRequest', (request, _reply, done) => {
    const steps = new Map<string, number>();
    byRequest.set(request, steps);
    current.run(steps, done);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const steps = byRequest.get(request);
    const header = steps && serverTimingHeader(steps);
    if (header) reply.header('server-timing', header);
    return payload;
  });
}
