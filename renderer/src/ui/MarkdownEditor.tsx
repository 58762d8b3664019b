import { type KeyboardEvent, useEffect, useId, useState } from 'react';
import { Markdown } from './Markdown';

/** Wide enough for the text and its preview side by side, each still a comfortable line. */
const SIDE_BY_SIDE = '(min-width: 1100px)';

function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const changed = () => setMatches(list.matches);
    list.addEventListener('change', changed);
    changed();
    return () => list.removeEventListener('change', changed);
  }, [query]);
  return matches;
}

interface Props {
  label: string;
  value: string;
  onChange(value: string): void;
  disabled?: boolean;
  rows?: number;
  placeholder?: string;
}

/**
 * A Markdown text box with its preview: side by side, live, where the window is wide; on a
 * narrow window, Write and Preview tabs (the ARIA tabs pattern: arrow keys move between them,
 * only the selected tab is in the Tab order).
 */
export function MarkdownEditor({
  label,
  value,
  onChange,
  disabled,
  rows = 10,
  placeholder,
}: Props) {
  const wide = useMediaQuery(SIDE_BY_SIDE);
  const [tab, setTab] = useState<'write' | 'preview'>('write');
  const id = useId();
  const preview = <Markdown text={value || '_Nothing to preview yet._'} />;
  const textarea = (
    <label>
      {label}
      <textarea
        value={value}
        onChange={(e) => onChange(e.target.value)}
        rows={rows}
        disabled={disabled}
        placeholder={placeholder}
      />
    </label>
  );

  if (wide) {
    return (
      <div className="markdown-editor side-by-side">
        {textarea}
        <section className="markdown-preview" aria-label="Preview">
          <p className="preview-heading" aria-hidden="true">
            Preview
          </p>
          {preview}
        </section>
      </div>
    );
  }

  function onTabKey(event: KeyboardEvent) {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) return;
    event.preventDefault();
    const next =
      event.key === 'Home'
        ? 'write'
        : event.key === 'End'
          ? 'preview'
          : tab === 'write'
            ? 'preview'
            : 'write';
    setTab(next);
    document.getElementById(`${id}-${next}-tab`)?.focus();
  }

  const tabProps = (name: 'write' | 'preview') => ({
    type: 'button' as const,
    role: 'tab',
    id: `${id}-${name}-tab`,
    'aria-selected': tab === name,
    'aria-controls': `${id}-${name}-panel`,
    tabIndex: tab === name ? 0 : -1,
    onClick: () => setTab(name),
    onKeyDown: onTabKey,
  });
  return (
    <div className="markdown-editor">
      <div className="tabs" role="tablist" aria-label="Write or preview">
        <button {...tabProps('write')}>Write</button>
        <button {...tabProps('preview')}>Preview</button>
      </div>
      <div
        role="tabpanel"
        id={`${id}-${tab}-panel`}
        aria-labelledby={`${id}-${tab}-tab`}
        tabIndex={tab === 'preview' ? 0 : undefined}
      >
        {tab === 'write' ? textarea : preview}
      </div>
    </div>
  );
}
