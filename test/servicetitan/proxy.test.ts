import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { clientFor, withSandbox } from './sandbox-setup.js';

/** A forwarding proxy on loopback that notes which host each request or tunnel was for. */
async function startProxy(seen: string[]): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const target = new URL(req.url ?? '/');
    seen.push(`${req.method} ${target.host}`);
    const upstream = httpRequest(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  server.on('connect', (req, client, head) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };
afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe('proxies', () => {
  it('goes through the proxy named in the environment', async () => {
    const seen: string[] = [];
    const proxy = await startProxy(seen);
    try {
      await withSandbox({}, async (sandbox) => {
        process.env.HTTP_PROXY = proxy.url;
        process.env.NO_PROXY = '';
        const { client } = clientFor(sandbox);
        const snapshot = await client.fetchSnapshot();
        await client.close();
        expect(snapshot.users.length).toBeGreaterThan(0);
        const host = new URL(sandbox.url).host;
        expect(seen.length).toBeGreaterThan(0);
        expect(seen.every((s) => s.endsWith(host))).toBe(true);
      });
    } finally {
      proxy.server.closeAllConnections();
      await new Promise((resolve) => proxy.server.close(resolve));
    }
  });

  it('goes direct to hosts listed in NO_PROXY', async () => {
    const seen: string[] = [];
    const proxy = await startProxy(seen);
    try {
      await withSandbox({}, async (sandbox) => {
        process.env.HTTP_PROXY = proxy.url;
        process.env.NO_PROXY = '127.0.0.1';
        const { client } = clientFor(sandbox);
        await client.fetchSnapshot();
        await client.close();
        expect(seen).toEqual([]);
      });
    } finally {
      await new Promise((resolve) => proxy.server.close(resolve));
    }
  });
});
