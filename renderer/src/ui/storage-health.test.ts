import { describe, expect, it, vi } from 'vitest';
import {
  MIN_FREE_BYTES,
  NOT_PERSISTED_TEXT,
  PERSISTED_TEXT,
  isNearlyFull,
  persistenceText,
  readStorageHealth,
  requestPersistence,
} from './storage-health';

const MB = 1024 ** 2;
const GB = 1024 ** 3;

describe('warning before the disk is full', () => {
  it('warns when the data takes more than 90% of what the browser allows', () => {
    expect(isNearlyFull(950 * MB, 1000 * GB)).toBe(false);
    expect(isNearlyFull(9.5 * GB, 10 * GB)).toBe(true);
  });

  it('warns when little space is left even though the data itself is small', () => {
    // Other programs filled the disk: Chromium's quota shrank to our usage plus what is free.
    expect(isNearlyFull(50 * MB, 150 * MB)).toBe(true);
    expect(isNearlyFull(50 * MB, 50 * MB + MIN_FREE_BYTES - 1)).toBe(true);
  });

  it('stays quiet with room to spare', () => {
    expect(isNearlyFull(50 * MB, 50 * MB + MIN_FREE_BYTES)).toBe(false);
    expect(isNearlyFull(300 * MB, 20 * GB)).toBe(false);
  });

  it('does not warn when the browser cannot say', () => {
    expect(isNearlyFull(null, 10 * GB)).toBe(false);
    expect(isNearlyFull(10 * MB, null)).toBe(false);
    expect(isNearlyFull(10 * MB, 0)).toBe(false);
  });
});

describe('reading storage health', () => {
  it('reports whether the browser kept its promise, after asking for persistence first', async () => {
    let granted = false;
    const storage = {
      persist: vi.fn(async () => (granted = true)),
      persisted: vi.fn(async () => granted),
      estimate: vi.fn(async () => ({ usage: 80 * MB, quota: 120 * MB })),
    };
    await requestPersistence(storage);
    expect(await readStorageHealth(storage)).toEqual({
      persisted: true,
      usageBytes: 80 * MB,
      quotaBytes: 120 * MB,
      nearlyFull: true,
    });
  });

  it('a refused or failing persist() leaves the data not persisted, and says so', async () => {
    const storage = {
      persist: vi.fn(async () => Promise.reject(new Error('NotAllowedError'))),
      persisted: vi.fn(async () => false),
      estimate: vi.fn(async () => ({ usage: 1 * MB, quota: 10 * GB })),
    };
    await expect(requestPersistence(storage)).resolves.toBeUndefined();
    const health = await readStorageHealth(storage);
    expect(health.persisted).toBe(false);
    expect(health.nearlyFull).toBe(false);
    expect(persistenceText(health.persisted)).toBe(NOT_PERSISTED_TEXT);
  });

  it('a browser without the storage API reports nothing rather than failing', async () => {
    await expect(requestPersistence({})).resolves.toBeUndefined();
    expect(await readStorageHealth({})).toEqual({
      persisted: null,
      usageBytes: null,
      quotaBytes: null,
      nearlyFull: false,
    });
    expect(persistenceText(null)).toBeNull();
  });

  it('tells the user their data is safe from eviction only when it is', () => {
    expect(persistenceText(true)).toBe(PERSISTED_TEXT);
    expect(NOT_PERSISTED_TEXT).toContain('may be cleared by the browser when space runs low');
  });
});
