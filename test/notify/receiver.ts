/**
 * Loopback stand-ins for alert tests: a webhook receiver (records every POST, answers as told,
 * the last answer repeating) and a forwarding proxy that notes which host each request was for.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { connect, type AddressInfo } from 'node:net';

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  text: string;
  /** the body parsed as JSON, or undefined */
  json: unknown;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface Receiver {
  /** `http://127.0.0.1:PORT` */
  url: string;
  calls: Received[];
  /** what `path` answers, in order; the last one repeats. Unset paths answer 200 `ok`. */
  answer(path: string, ...answers: Answer[]): void;
  /** the JSON bodies posted to `path` */
  bodies(path: string): unknown[];
  close(): Promise<void>;
}

async function listen(server: Server, scheme = 'http'): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function shut(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

/** `tls`: serve https with this key and certificate (PEM) */
export async function startReceiver(tls?: { key: string; cert: string }): Promise<Receiver> {
  const calls: Received[] = [];
  const scripts = new Map<string, Answer[]>();
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      const path = req.url ?? '/';
      calls.push({ method: req.method ?? '', path, headers: req.headers, text, json });
      const script = scripts.get(path);
      const answer = (script && script.length > 1 ? script.shift() : script?.[0]) ?? {
        status: 200,
        body: 'ok',
      };
      res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
      res.end(answer.body ?? '');
    });
  };
  const server = tls ? createTlsServer(tls, handle) : createServer(handle);
  const url = await listen(server, tls ? 'https' : 'http');
  return {
    url,
    calls,
    answer: (path, ...answers) => void scripts.set(path, answers),
    bodies: (path) => calls.filter((c) => c.path === path).map((c) => c.json),
    close: () => shut(server),
  };
}

export interface Proxy {
  url: string;
  /** `POST 127.0.0.1:PORT` for each forwarded request, `CONNECT host:port` for each tunnel */
  seen: string[];
  close(): Promise<void>;
}

/** A forwarding proxy on loopback (plain requests and CONNECT tunnels). */
export async function startProxy(): Promise<Proxy> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    const target = new URL(req.url ?? '/');
    seen.push(`${req.method} ${target.host}`);
    const upstream = httpRequest(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
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
  const url = await listen(server);
  return { url, seen, close: () => shut(server) };
}
