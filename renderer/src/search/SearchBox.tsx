import { type FormEvent, useState } from 'react';
import { navigate, useRoute } from '../app/routes';

/**
 * The one search box, in the top bar of every screen ("/" or Ctrl/Cmd+K jump to it). Typing
 * searches as you go: the first keystroke opens the results page (so Back returns to where you
 * were), later ones only replace its address.
 */
export function SearchBox() {
  const route = useRoute();
  const routeQuery = route.name === 'search' ? route.query : '';
  const [text, setText] = useState(routeQuery);
  const [seen, setSeen] = useState(routeQuery);
  // The address changed elsewhere (Back, a link): show what is being searched for now.
  if (routeQuery !== seen) {
    setSeen(routeQuery);
    setText(routeQuery);
  }

  function go(query: string) {
    navigate({ name: 'search', query }, { replace: route.name === 'search' });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    go(text);
  }

  return (
    <form role="search" className="search-box" onSubmit={submit}>
      <input
        type="search"
        aria-label="Search everything"
        placeholder="Search  ( / )"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          go(e.target.value);
        }}
      />
    </form>
  );
}
