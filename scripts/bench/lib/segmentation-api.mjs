// The running server, as a client sees it: start `stratum serve` on a database, sign in, make an API
// key, and time requests.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

export const freePort = () =>
  new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

/** Starts `stratum serve` (no background jobs: the daily recompute must not run during the timings). */
export async function startServer(bin, env) {
  const port = await freePort();
  let stderr = '';
  const child = spawn(process.execPath, [bin, 'serve'], {
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn', STRATUM_JOBS: 'off' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr.on('data', (c) => (stderr += c));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`stratum serve exited: ${stderr}`);
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    base,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Signs in with the password, creates an API key with the session (cookie + CSRF) and returns a client. */
export async function apiClient(base, email, password) {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
  const { csrfToken } = await login.json();
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const created = await fetch(`${base}/api/v1/api-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'segmentation bench' }),
  });
  if (created.status !== 201) throw new Error(`api key: ${created.status} ${await created.text()}`);
  const { secret } = await created.json();
  const headers = { authorization: `Bearer ${secret}`, 'content-type': 'application/json' };
  /** One request; resolves to { ms, status, body, steps } (steps: the server's Server-Timing, in ms). */
  const call = async (method, path, body) => {
    const t = performance.now();
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const ms = performance.now() - t;
    let json = null;
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return {
      ms,
      status: res.status,
      body: json ?? text,
      steps: serverTiming(res.headers.get('server-timing')),
    };
  };
  return { call };
}

/** `placement;dur=4.2, x;dur=1` → { placement: 4.2, x: 1 }. */
export function serverTiming(header) {
  const steps = {};
  for (const part of (header ?? '').split(',')) {
    const m = /^\s*([\w-]+);dur=([\d.]+)/.exec(part);
    if (m) steps[m[1]] = Number(m[2]);
  }
  return steps;
}

/** Nearest-rank percentile of a list of milliseconds. */
export function percentile(values, p) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export const stats = (values) => ({
  n: values.length,
  p50: +percentile(values, 50).toFixed(1),
  p95: +percentile(values, 95).toFixed(1),
  p99: +percentile(values, 99).toFixed(1),
  max: +Math.max(...values).toFixed(1),
});
