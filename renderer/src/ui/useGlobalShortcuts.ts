import { useEffect } from 'react';

/**
 * Keys that work on every screen: "/" (or Ctrl/Cmd+K) jumps to the search box in the top bar, Esc
 * leaves a text field. Screens add their own (j/k in thread lists, r to reply).
 */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = !!target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
      if (event.key === 'Escape' && typing) {
        target.blur();
        return;
      }
      const search =
        (event.key === '/' && !typing) || (event.key === 'k' && (event.ctrlKey || event.metaKey));
      if (!search) return;
      const box = document.querySelector<HTMLInputElement>(
        'header input[type="search"], main input[type="search"]',
      );
      if (box) {
        event.preventDefault();
        box.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
