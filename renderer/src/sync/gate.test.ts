import { describe, expect, it } from 'vitest';
import { ConnectionGate } from './gate';

describe('the connection gate', () => {
  it('lets requests through while open and holds them while closed until it opens', async () => {
    const gate = new ConnectionGate();
    await gate.wait();
    gate.close();
    let passed = false;
    const held = gate.wait().then(() => {
      passed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(passed).toBe(false);
    gate.open();
    await held;
    expect(passed).toBe(true);
  });

  it('releases whoever waits with an error when sync stops for good', async () => {
    const gate = new ConnectionGate();
    gate.close();
    const held = gate.wait();
    gate.destroy();
    await expect(held).rejects.toThrow('Sync has stopped');
    await expect(gate.wait()).rejects.toThrow('Sync has stopped');
  });
});
