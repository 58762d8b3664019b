import { type RefObject, useEffect, useRef } from 'react';

/** How long a screen may take to show its heading (its data loads from the local database). */
const WAIT_FOR_HEADING_MS = 3000;

function isTextField(element: Element | null): boolean {
  return (
    !!element &&
    (/^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName) ||
      (element as HTMLElement).isContentEditable)
  );
}

/** Focuses a screen's main heading, making it focusable by script only (not a Tab stop). */
export function focusHeading(main: HTMLElement | null): boolean {
  const heading = main?.querySelector('h1');
  if (!heading) return false;
  if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
  heading.focus();
  return true;
}

/**
 * When the screen changes, focus moves to its h1 so a screen reader announces the new screen
 * (a hash route change is silent otherwise). Focus is left alone when the member is typing (the
 * search box changes the route as they type) or when the new screen already focused something.
 * The first screen after start keeps the browser's own focus, so the skip link comes first.
 */
export function useFocusHeadingOnScreenChange(
  screenKey: string,
  main: RefObject<HTMLElement | null>,
): void {
  const firstScreen = useRef(true);
  useEffect(() => {
    if (firstScreen.current) {
      firstScreen.current = false;
      return;
    }
    const container = main.current;
    if (!container) return;
    /** true once there is nothing more to do: the heading got focus, or focus is taken */
    const settle = (): boolean => {
      const active = document.activeElement;
      if (isTextField(active) || (active && container.contains(active))) return true;
      return focusHeading(container);
    };
    if (settle()) return;
    // The heading is not there yet (the screen is loading): focus it once it appears.
    const observer = new MutationObserver(() => {
      if (settle()) stop();
    });
    const timer = setTimeout(() => stop(), WAIT_FOR_HEADING_MS);
    const onFocusIn = () => stop();
    function stop() {
      observer.disconnect();
      clearTimeout(timer);
      document.removeEventListener('focusin', onFocusIn);
    }
    observer.observe(container, { childList: true, subtree: true });
    document.addEventListener('focusin', onFocusIn);
    return stop;
  }, [screenKey, main]);
}
