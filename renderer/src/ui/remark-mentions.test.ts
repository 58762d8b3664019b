import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import ReactMarkdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { describe, expect, it } from 'vitest';
import remarkMentions from './remark-mentions';

function render(text: string): string {
  return renderToStaticMarkup(
    createElement(
      ReactMarkdown,
      { remarkPlugins: [remarkGfm, remarkMentions], skipHtml: true },
      text,
    ),
  );
}

describe('mentions in posts', () => {
  it('marks @Name in prose, including inside emphasis and quotes', () => {
    expect(render('Thanks @Mel and *@Ana.B*!')).toBe(
      '<p>Thanks <strong class="mention">@Mel</strong> and <em><strong class="mention">@Ana.B</strong></em>!</p>',
    );
    expect(render('> @Mel wrote')).toContain('<strong class="mention">@Mel</strong>');
  });

  it('leaves e-mail addresses, code and link text as written', () => {
    expect(render('mail ana@example.org')).not.toContain('mention');
    expect(render('`@Mel` and [@Mel](https://example.org)')).not.toContain('mention');
  });

  it('never turns a mention into raw HTML', () => {
    expect(render('@<b>x</b>')).not.toContain('<b>');
  });
});
