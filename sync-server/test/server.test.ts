import { type IncomingHttpHeaders, request } from 'node:http';
import { Writable } from 'node:stream';
import { brotliDecompressSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { API_BASE } from '../../shared/protocol';
import {
  type TestServer,
  addCommunity,
  call,
  fresh,
  joinCommunity,
  newSealed,
  pullAll,
  newThread,
  push,
  register,
  startServer,
} from './helpers';
import { STORES } from './stores';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('the HTTP surface', () => {
  it.each(STORES)('answers health without a token, naming the $kind store', async (kind) => {
    server = await startServer({ kind });
    const res = await call(server, 'GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, store: kind.kind });
  });

  it('answers unknown routes and bodies that are too large with the error shape', async () => {
    server = await startServer();
    const missing = await call(server, 'GET', '/nope');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: 'not-found', message: expect.any(String) });

    const user = await register(server);
    const huge = JSON.stringify([{ newDocumentState: { body: 'x'.repeat(11 * 1024 * 1024) } }]);
    const tooLarge = await call(server, 'POST', '/sync/threads/push', {
      token: user.token,
      rawBody: huge,
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toEqual({ error: 'payload-too-large', message: expect.any(String) });
  });

  it('answers an internal failure with a generic 500 and no stack trace or SQL', async () => {
    server = await startServer();
    const user = await register(server);
    server.store.pull = async () => {
      throw new Error('SQLITE_ERROR: near "SELECT": syntax error at /work/main/sync-server/store');
    };
    const res = await call(server, 'GET', '/sync/threads/pull', { token: user.token });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: 'internal', message: 'something went wrong on the server' });
  });

  it('allows CORS for the app origins only, with the Authorization header and the refusals header exposed', async () => {
    server = await startServer();
    const preflight = await fetch(`${server.url}${API_BASE}/sync/threads/push`, {
      method: 'OPTIONS',
      headers: {
        origin: 'app://kindred',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('app://kindred');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'authorization',
    );

    const allowed = await fetch(`${server.url}${API_BASE}/health`, {
      headers: { origin: 'http://127.0.0.1:5173' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    expect(allowed.headers.get('access-control-expose-headers')).toContain('kindred-refusals');

    const foreign = await fetch(`${server.url}${API_BASE}/health`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('uses the configured CORS origins instead of the defaults', async () => {
    server = await startServer({ corsOrigins: ['http://127.0.0.1:9999'] });
    const configured = await fetch(`${server.url}${API_BASE}/health`, {
      headers: { origin: 'http://127.0.0.1:9999' },
    });
    expect(configured.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:9999');
    const dflt = await fetch(`${server.url}${API_BASE}/health`, {
      headers: { origin: 'app://kindred' },
    });
    expect(dflt.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('compresses large answers when the client accepts it', async () => {
    server = await startServer();
    await addCommunity(server.store, 'big', { description: 'Long description. '.repeat(200) });
    const user = await register(server);
    const res = await fetch(`${server.url}${API_BASE}/sync/communities/pull`, {
      headers: { authorization: `Bearer ${user.token}`, 'accept-encoding': 'gzip' },
    });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(((await res.json()) as { documents: unknown[] }).documents).toHaveLength(1); // fetch decompresses
  });

  it('compresses a pull with brotli when the client asks for br', async () => {
    server = await startServer();
    await addCommunity(server.store, 'big', { description: 'Long description. '.repeat(200) });
    const user = await register(server);
    const expected = (await pullAll(server, user, 'communities')).documents;
    // Node's http client does not decompress: the bytes on the wire are checked as they are.
    const res = await new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>(
      (resolve, reject) => {
        const req = request(`${server!.url}${API_BASE}/sync/communities/pull`, {
          headers: { authorization: `Bearer ${user.token}`, 'accept-encoding': 'br' },
        });
        req.on('error', reject);
        req.on('response', (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('end', () => resolve({ headers: answer.headers, body: Buffer.concat(chunks) }));
          answer.on('error', reject);
        });
        req.end();
      },
    );
    expect(res.headers['content-encoding']).toBe('br');
    const body = JSON.parse(brotliDecompressSync(res.body).toString('utf8'));
    expect(body.documents).toEqual(expected);
    expect(res.body.length).toBeLessThan(JSON.stringify(body).length / 4);
  });

  it('finishes a request in flight before closing', async () => {
    server = await startServer();
    const store = server.store;
    const createUser = store.createUser.bind(store);
    let reached!: () => void;
    const arrived = new Promise<void>((r) => (reached = r));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    store.createUser = async (...args) => {
      reached();
      await gate;
      return createUser(...args);
    };
    const pending = call(server, 'POST', '/auth/register', {
      body: { username: 'late-user', password: 'long enough', displayName: 'Late' },
    });
    await arrived;
    const closed = server.app.close();
    release();
    expect((await pending).status).toBe(201);
    await closed;
  });

  it('never writes passwords, tokens, document bodies or sealed journal and draft content to the log, even at trace level', async () => {
    const lines: string[] = [];
    const logStream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    server = await startServer({ logLevel: 'trace', logStream });
    await addCommunity(server.store, 'logged');
    const password = 'my-very-secret-password';
    const reg = await call(server, 'POST', '/auth/register', {
      body: { username: 'logme', password, displayName: 'Log Me' },
    });
    const user = { ...reg.body, username: 'logme' };
    await call(server, 'POST', '/auth/login', { body: { username: 'logme', password } });
    await call(server, 'GET', `/sync/threads/pull?token=${user.token}`, { token: user.token });
    await joinCommunity(server, user, 'logged');
    const secretBody = 'A private detail about my diagnosis';
    await push(server, user, 'threads', [
      {
        assumedMasterState: null,
        newDocumentState: newThread(user, 'logged', { body: secretBody }),
      },
    ]);
    const ciphertext = 'U2VhbGVkSm91cm5hbEVudHJ5T25seVRoZVVzZXJDYW5SZWFk';
    const journal = newSealed(user, { ciphertext });
    const draft = newSealed(user, { ciphertext: `${ciphertext}RHJhZnQ` }, 'thread');
    expect((await push(server, user, 'journal', [fresh(journal)])).refusals).toEqual([]);
    expect((await push(server, user, 'drafts', [fresh(draft)])).refusals).toEqual([]);
    expect((await pullAll(server, user, 'journal')).documents).toEqual([journal]);
    expect((await pullAll(server, user, 'drafts')).documents).toEqual([draft]);
    await pullAll(server, user, 'threads');
    await call(server, 'POST', '/auth/register', { rawBody: `{"password":"${password}"` });

    const log = lines.join('');
    expect(log.length).toBeGreaterThan(0);
    expect(log).toContain('/api/v1/auth/login');
    expect(log).not.toContain(password);
    expect(log).not.toContain(user.token);
    expect(log).not.toContain(secretBody);
    expect(log).not.toContain(ciphertext);
    expect(log).toContain('/api/v1/sync/journal/push');
  });
});
