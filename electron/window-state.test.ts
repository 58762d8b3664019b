import { describe, expect, it } from 'vitest';
import { FakeWindow } from './fakes';
import {
  DEFAULT_SIZE,
  chooseWindowBounds,
  parseWindowState,
  type WindowState,
} from './window-state';
import { trackWindowState, type Timeouts } from './window-state-tracker';

const LAPTOP = { x: 0, y: 0, width: 1440, height: 900 };
// A second monitor to the right of the laptop.
const MONITOR = { x: 1440, y: 0, width: 2560, height: 1440 };

const saved = (x: number, y: number, width = 1000, height = 700, maximized = false) => ({
  bounds: { x, y, width, height },
  maximized,
});

describe('choosing where the window opens', () => {
  it('restores saved bounds that are on a connected display', () => {
    expect(chooseWindowBounds(saved(100, 50), [LAPTOP])).toEqual({
      bounds: { x: 100, y: 50, width: 1000, height: 700 },
      maximized: false,
    });
    expect(chooseWindowBounds(saved(2000, 200, 1200, 800, true), [LAPTOP, MONITOR])).toEqual({
      bounds: { x: 2000, y: 200, width: 1200, height: 800 },
      maximized: true,
    });
  });

  it.each([
    ['on a monitor that was unplugged', saved(2000, 200)],
    ['far off to the left', saved(-5000, 100)],
    ['with its title bar above the screen', saved(100, -400)],
    ['with only a sliver of title bar showing', saved(1400, 100)],
    ['below the bottom of the screen', saved(100, 890)],
  ])('falls back to the default size, centred, when saved %s', (_name, state) => {
    expect(chooseWindowBounds(state, [LAPTOP])).toEqual({
      bounds: { ...DEFAULT_SIZE },
      maximized: false,
    });
  });

  it('keeps "maximized" even when the saved position is gone', () => {
    expect(chooseWindowBounds(saved(2000, 200, 1000, 700, true), [LAPTOP]).maximized).toBe(true);
  });

  it('shrinks a window larger than the display it is on', () => {
    expect(chooseWindowBounds(saved(0, 0, 2400, 1400), [LAPTOP]).bounds).toEqual({
      x: 0,
      y: 0,
      width: 1440,
      height: 900,
    });
  });

  it.each([
    ['nothing saved', undefined],
    ['garbage', 'x'],
    ['a fractional coordinate', saved(0.5, 0)],
    ['an absurd size', saved(0, 0, 1e9, 700)],
    ['a size below the minimum', saved(0, 0, 100, 100)],
    ['a string coordinate', { bounds: { x: '0', y: 0, width: 1000, height: 700 } }],
  ])('uses the defaults for %s', (_name, state) => {
    expect(parseWindowState(state)).toBeNull();
    expect(chooseWindowBounds(state, [LAPTOP]).bounds).toEqual(DEFAULT_SIZE);
  });
});

describe('remembering the window', () => {
  function setUp() {
    const window = new FakeWindow();
    const saves: [WindowState, boolean][] = [];
    let pending: (() => void) | null = null;
    const timeouts: Timeouts = {
      setTimeout: (callback) => ((pending = callback), 1),
      clearTimeout: () => void (pending = null),
    };
    trackWindowState(
      window.asBrowserWindow(),
      (state, closing) => saves.push([state, closing]),
      timeouts,
    );
    return { window, saves, fire: () => pending?.() };
  }

  it('saves once after a burst of moves and resizes, not on every event', () => {
    const { window, saves, fire } = setUp();
    for (let i = 0; i < 30; i++) window.emit(i % 2 ? 'move' : 'resize');
    expect(saves).toHaveLength(0);
    fire();
    expect(saves).toEqual([[{ bounds: window.bounds, maximized: false }, false]]);
  });

  it('saves at once, synchronously, when the window closes', () => {
    const { window, saves, fire } = setUp();
    window.emit('move');
    window.emit('close');
    expect(saves).toEqual([[{ bounds: window.bounds, maximized: false }, true]]);
    fire();
    expect(saves).toHaveLength(1);
  });

  it('saves the maximized state with the normal bounds, and nothing while minimized', () => {
    const { window, saves } = setUp();
    window.maximized = true;
    window.emit('maximize');
    expect(saves.at(-1)).toEqual([{ bounds: window.bounds, maximized: true }, false]);
    window.minimized = true;
    window.emit('close');
    expect(saves).toHaveLength(1);
  });

  it('ignores a destroyed window', () => {
    const { window, saves } = setUp();
    window.destroyed = true;
    expect(() => window.emit('close')).not.toThrow();
    expect(saves).toHaveLength(0);
  });
});
