import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startHealthServer } from '../src/health.js';
import { silentLogger } from './support/commands.js';

describe('the health endpoint', () => {
  let close: (() => void) | undefined;
  afterEach(() => close?.());

  async function serve(ping: () => Promise<void>): Promise<string> {
    const server = startHealthServer({ port: 0, ping, logger: silentLogger });
    close = () => server.close();
    await new Promise((resolve) => server.once('listening', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('answers 200 while the database answers', async () => {
    const base = await serve(() => Promise.resolve());
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers 503 when the database does not', async () => {
    const base = await serve(() => Promise.reject(new Error('ECONNREFUSED')));
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'database unavailable' });
  });

  it('answers 404 elsewhere', async () => {
    const base = await serve(() => Promise.resolve());
    expect((await fetch(`${base}/admin`)).status).toBe(404);
  });
});
