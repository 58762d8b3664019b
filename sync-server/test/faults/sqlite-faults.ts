/**
 * Storage fault injection for the SQLite store, in the manner of SQLite's own fault tests:
 * every statement execution (run/get/all/iterate) and every exec() but ROLLBACK is one storage
 * operation; when armed, the Nth one throws as a disk or driver error would.
 *
 * It wraps better-sqlite3 itself (Database.prototype.prepare and exec), below the store, so the
 * store's own transaction and error handling are what is tested. Install it before the store
 * opens: statements are prepared once, at open.
 */
import Database from 'better-sqlite3';

export class InjectedFault extends Error {
  constructor(readonly operation: number) {
    super(`injected storage fault at operation ${operation}`);
  }
}

interface Injector {
  /** counts operations from now on; the `failAt`-th throws (Infinity: count only) */
  arm(failAt: number): void;
  /** stops counting; returns how many operations ran while armed */
  disarm(): number;
  uninstall(): void;
}

const STATEMENT_METHODS = new Set(['run', 'get', 'all', 'iterate']);

export function installSqliteFaults(): Injector {
  const proto = Database.prototype as unknown as {
    prepare: (...args: unknown[]) => object;
    exec: (sql: string) => unknown;
  };
  const { prepare, exec } = proto;
  let armed = false;
  let count = 0;
  let failAt = Infinity;
  const tick = () => {
    if (!armed) return;
    count += 1;
    if (count === failAt) throw new InjectedFault(count);
  };

  proto.prepare = function (this: unknown, ...args: unknown[]) {
    const statement = prepare.apply(this, args);
    return new Proxy(statement, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (typeof value !== 'function') return value;
        if (!STATEMENT_METHODS.has(String(key))) return value.bind(target);
        return (...callArgs: unknown[]) => {
          tick();
          return (value as (...a: unknown[]) => unknown).apply(target, callArgs);
        };
      },
    });
  };
  proto.exec = function (this: unknown, sql: string) {
    // A failing ROLLBACK would be a second fault inside the first: out of scope here.
    if (!/^\s*ROLLBACK/i.test(sql)) tick();
    return exec.call(this, sql);
  };

  return {
    arm(n) {
      armed = true;
      count = 0;
      failAt = n;
    },
    disarm() {
      armed = false;
      return count;
    },
    uninstall() {
      proto.prepare = prepare;
      proto.exec = exec;
    },
  };
}
