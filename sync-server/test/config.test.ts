import { describe, expect, it } from 'vitest';
import { DEFAULT_DB, parseConfig } from '../config';

const ok = (argv: string[], env: Record<string, string> = {}) => {
  const result = parseConfig(argv, env);
  if (!result.ok) throw new Error(result.message);
  return result.config;
};
const error = (argv: string[], env: Record<string, string> = {}) => {
  const result = parseConfig(argv, env);
  if (result.ok) throw new Error('expected an error');
  return result.message;
};

describe('server configuration', () => {
  it('defaults to 127.0.0.1:8787, the SQLite file under ./data and the demo seed', () => {
    expect(ok([])).toEqual({
      port: 8787,
      host: '127.0.0.1',
      db: DEFAULT_DB,
      seed: 'demo',
      corsOrigins: undefined,
      logLevel: 'info',
      poolSize: 10,
      statementTimeoutMs: 10_000,
      trustProxy: false,
      help: false,
    });
  });

  it('reads the environment, and flags win over it', () => {
    const env = {
      KINDRED_PORT: '9000',
      KINDRED_HOST: '0.0.0.0',
      KINDRED_DB: ':memory:',
      KINDRED_SEED: 'none',
      KINDRED_CORS_ORIGINS: 'app://kindred, http://localhost:3000',
      KINDRED_LOG_LEVEL: 'warn',
    };
    expect(ok([], env)).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      db: ':memory:',
      seed: 'none',
      corsOrigins: ['app://kindred', 'http://localhost:3000'],
      logLevel: 'warn',
    });
    expect(ok(['--port', '0', '--db=/tmp/x.sqlite', '--seed', 'demo'], env)).toMatchObject({
      port: 0,
      db: '/tmp/x.sqlite',
      seed: 'demo',
      host: '0.0.0.0',
    });
  });

  it('accepts a postgres URL with its pool size, statement timeout and trusted proxies', () => {
    expect(
      ok(['--db', 'postgres://kindred@localhost/kindred', '--pool-size', '25'], {
        KINDRED_STATEMENT_TIMEOUT_MS: '2500',
        KINDRED_TRUST_PROXY: '10.0.0.0/8, 192.168.1.1',
      }),
    ).toMatchObject({
      db: 'postgres://kindred@localhost/kindred',
      poolSize: 25,
      statementTimeoutMs: 2500,
      trustProxy: '10.0.0.0/8, 192.168.1.1',
    });
    expect(ok(['--trust-proxy', '1']).trustProxy).toBe(1);
    expect(ok(['--trust-proxy', 'true']).trustProxy).toBe(true);
  });

  it.each([
    [['--port', 'abc'], '--port must be an integer from 0 to 65535 (got "abc")'],
    [['--port', '70000'], '--port must be an integer'],
    [['--seed', 'lots'], '--seed must be demo or none'],
    [['--cors-origins', 'not an origin'], '--cors-origins must be comma-separated origins'],
    [['--log-level', 'loud'], '--log-level must be one of'],
    [['--port'], '--port needs a value'],
    [['--pool-size', '0'], '--pool-size must be an integer from 1 to 1000'],
    [['--statement-timeout-ms', '1.5'], '--statement-timeout-ms must be an integer'],
    [['--trust-proxy', 'everyone'], '--trust-proxy must be true, false, a hop count'],
    [['--colour', 'blue'], 'unknown option "--colour"'],
  ])('explains a bad value: %j', (argv, message) => {
    expect(error(argv)).toContain(message);
  });

  it('names the environment variable a bad value came from', () => {
    expect(error([], { KINDRED_PORT: '-1' })).toContain('KINDRED_PORT must be an integer');
  });
});
