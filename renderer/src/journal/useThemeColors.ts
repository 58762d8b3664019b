import { useEffect, useState } from 'react';

const VARS = [
  '--fg',
  '--muted',
  '--border',
  '--card',
  '--chart-1',
  '--chart-2',
  '--chart-3',
  '--chart-4',
  '--chart-5',
  '--chart-6',
] as const;

export type ThemeColors = Record<(typeof VARS)[number], string>;

function read(): ThemeColors {
  const style = getComputedStyle(document.documentElement);
  return Object.fromEntries(
    VARS.map((v) => [v, style.getPropertyValue(v).trim() || 'currentColor']),
  ) as ThemeColors;
}

/** The theme's colours (styles.css variables), read again when the system theme changes. */
export function useThemeColors(): ThemeColors {
  const [colors, setColors] = useState(read);
  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => setColors(read());
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return colors;
}
