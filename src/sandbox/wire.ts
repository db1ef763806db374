/** The sandbox's wire helpers: reading requests and writing answers (including broken ones). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Answer } from './answers.js';
import type { TenantData } from './tenant-data.js';

/** A deep copy; tenant data is plain JSON, and a JSON round trip is the fastest copy of it. */
export function copyOf(data: TenantData): TenantData {
  return JSON.parse(JSON.stringify(data)) as TenantData;
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Writes an answer; a truncated body announces its full length, sends half, then drops the line. */
export function write(res: ServerResponse, answer: Answer, mangle?: 'truncated-json' | 'invalid-json'): void {
  let payload = Buffer.from(JSON.stringify(answer.body));
  if (mangle === 'invalid-json')
    payload = Buffer.from('{"page":1,"data":[{"id":1,},]<html>Bad Gateway</html>');
  const headers = {
    'content-type': 'application/json; charset=utf-8',
    ...answer.headers,
    'content-length': String(payload.length),
  };
  res.writeHead(answer.status, headers);
  if (mangle === 'truncated-json') {
    res.write(payload.subarray(0, Math.floor(payload.length / 2)), () => res.socket?.destroy());
    return;
  }
  res.end(payload);
}
