import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { getBridge, isExternalLinkAllowed } from '../platform/bridge';
import remarkMentions from './remark-mentions';

/**
 * Member-written Markdown, rendered safely: react-markdown never renders raw HTML (we do not add
 * rehype-raw), and links open in the system browser through the bridge, https only. @mentions
 * are marked by a remark plugin that works on the Markdown tree, never on HTML.
 */
const components: Components = {
  a({ href, children }) {
    if (!isExternalLinkAllowed(href)) return <span className="link-disabled">{children}</span>;
    return (
      <a
        href={href}
        onClick={(event) => {
          event.preventDefault();
          void getBridge().openExternal(href);
        }}
        rel="noopener noreferrer"
      >
        {children}
      </a>
    );
  },
  img({ alt }) {
    // Remote images would leak that a member read a post; show the description instead.
    return <span className="muted">[image: {alt ?? 'no description'}]</span>;
  },
};

const PLUGINS = [remarkGfm, remarkMentions];

export function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={PLUGINS} components={components} skipHtml>
        {text}
      </ReactMarkdown>
    </div>
  );
}
