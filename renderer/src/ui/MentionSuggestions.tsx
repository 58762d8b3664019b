import { type KeyboardEvent, type RefObject, useId, useState } from 'react';
import { mentionAt } from './quote';

type Member = { id: string; name: string };

/**
 * @mention suggestions for a textarea, as an ARIA 1.2 combobox-style popup: focus stays in the
 * textarea, which points at the highlighted option with aria-activedescendant. ArrowUp/ArrowDown
 * move, Enter or Tab insert, Esc closes the list and leaves the caret where it was.
 * (A textarea may not take role="combobox"; as a textbox it may own an active descendant.)
 */
export function useMentionSuggestions({
  text,
  members,
  excludeId,
  textarea,
  onTextChange,
}: {
  text: string;
  members: Member[];
  /** the writer, who does not mention themselves */
  excludeId: string;
  textarea: RefObject<HTMLTextAreaElement | null>;
  onTextChange: (next: string) => void;
}) {
  const listId = useId();
  const [caret, setCaret] = useState(0);
  /** where the mention the member closed with Esc starts: it stays closed while they type on */
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [highlight, setHighlight] = useState({ query: '', index: 0 });
  const mention = mentionAt(text, caret);
  const open = mention !== null && mention.start !== dismissedAt;
  const suggestions = open
    ? members
        .filter(
          (m) => m.id !== excludeId && m.name.toLowerCase().startsWith(mention.query.toLowerCase()),
        )
        .slice(0, 6)
    : [];
  // A new query starts again at the first suggestion.
  const active =
    mention && highlight.query === mention.query
      ? Math.min(highlight.index, suggestions.length - 1)
      : 0;
  const optionId = (index: number) => `${listId}-option-${index}`;

  function insert(name: string) {
    if (!mention) return;
    const next = `${text.slice(0, mention.start)}@${name} ${text.slice(caret)}`;
    const after = mention.start + name.length + 2;
    onTextChange(next);
    setCaret(after);
    // After React has put the new text in, the caret goes right after the inserted name.
    requestAnimationFrame(() => {
      textarea.current?.focus();
      textarea.current?.setSelectionRange(after, after);
    });
  }

  /** Handles the key if the list is open and the key is the list's; says whether it did. */
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean {
    if (suggestions.length === 0 || !mention) return false;
    const move = (step: number) =>
      setHighlight({
        query: mention.query,
        index: (active + step + suggestions.length) % suggestions.length,
      });
    if (event.key === 'ArrowDown') move(1);
    else if (event.key === 'ArrowUp') move(-1);
    else if (event.key === 'Enter' || (event.key === 'Tab' && !event.shiftKey))
      insert(suggestions[active]!.name);
    else if (event.key === 'Escape') setDismissedAt(mention.start);
    else return false;
    event.preventDefault();
    // Esc must not also reach the app-wide "Esc leaves the text field" shortcut.
    event.stopPropagation();
    return true;
  }

  return {
    /** call with the textarea after every change and selection, so the caret is known */
    trackCaret: (element: HTMLTextAreaElement) => setCaret(element.selectionStart),
    onKeyDown,
    inputProps: {
      'aria-autocomplete': 'list' as const,
      'aria-controls': suggestions.length > 0 ? listId : undefined,
      'aria-activedescendant': suggestions.length > 0 ? optionId(active) : undefined,
    },
    list: (
      <MentionList
        id={listId}
        optionId={optionId}
        suggestions={suggestions}
        active={active}
        onPick={insert}
      />
    ),
  };
}

function MentionList(props: {
  id: string;
  optionId: (index: number) => string;
  suggestions: Member[];
  active: number;
  onPick: (name: string) => void;
}) {
  const count = props.suggestions.length;
  return (
    <>
      {/* Kept in the page so screen readers hear the list open; a textarea has no aria-expanded. */}
      <p className="sr-only" role="status">
        {count > 0
          ? `${count} ${count === 1 ? 'member' : 'members'} to mention: up and down arrows to choose, Enter to insert, Escape to close.`
          : ''}
      </p>
      {count > 0 && (
        <ul className="mentions" id={props.id} role="listbox" aria-label="Mention a member">
          {props.suggestions.map((member, index) => (
            <li
              key={member.id}
              id={props.optionId(index)}
              role="option"
              aria-selected={index === props.active}
              // Keep focus (and the caret) in the textarea while the mouse picks a name.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => props.onPick(member.name)}
            >
              @{member.name}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
