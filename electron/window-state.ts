import type { Rectangle } from 'electron';

/** What is remembered of the main window between launches. */
export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1200, height: 800 } as const;
export const MIN_SIZE = { width: 720, height: 520 } as const;

/** A window is reachable if this much of its title bar lies on one display's work area. */
const TITLE_BAR_HEIGHT = 32;
const MIN_VISIBLE_TITLE_WIDTH = 100;
const MAX_COORDINATE = 100_000;

const isCoordinate = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= MAX_COORDINATE;

/** Parses a saved state (from a file anyone could edit); null if it is not one. */
export function parseWindowState(value: unknown): WindowState | null {
  if (typeof value !== 'object' || value === null) return null;
  const { bounds, maximized } = value as { bounds?: unknown; maximized?: unknown };
  if (typeof bounds !== 'object' || bounds === null) return null;
  const { x, y, width, height } = bounds as Partial<Record<keyof Rectangle, unknown>>;
  if (!isCoordinate(x) || !isCoordinate(y) || !isCoordinate(width) || !isCoordinate(height))
    return null;
  if (width < MIN_SIZE.width || height < MIN_SIZE.height) return null;
  return { bounds: { x, y, width, height }, maximized: maximized === true };
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/** The work area that shows the window's whole title bar height and enough of its width. */
export function displayShowing(bounds: Rectangle, workAreas: readonly Rectangle[]) {
  const titleBar = { ...bounds, height: TITLE_BAR_HEIGHT };
  return workAreas.find((area) => {
    const o = overlap(titleBar, area);
    return (
      o.height >= TITLE_BAR_HEIGHT && o.width >= Math.min(MIN_VISIBLE_TITLE_WIDTH, bounds.width)
    );
  });
}

export type InitialBounds = Partial<Rectangle> & { width: number; height: number };

/**
 * Where the window opens: the saved bounds if they are still reachable on a display that is
 * connected now (shrunk to fit it), else the default size centred by the OS. A monitor that
 * was unplugged must not leave the window somewhere nobody can see it.
 */
export function chooseWindowBounds(
  saved: unknown,
  workAreas: readonly Rectangle[],
): { bounds: InitialBounds; maximized: boolean } {
  const state = parseWindowState(saved);
  const area = state && displayShowing(state.bounds, workAreas);
  if (!state || !area) return { bounds: { ...DEFAULT_SIZE }, maximized: state?.maximized ?? false };
  const width = Math.max(MIN_SIZE.width, Math.min(state.bounds.width, area.width));
  const height = Math.max(MIN_SIZE.height, Math.min(state.bounds.height, area.height));
  return { bounds: { ...state.bounds, width, height }, maximized: state.maximized };
}
