/**
 * A remark plugin that marks "@Name" in member posts so mentions stand out. It only splits text
 * nodes into text and <strong class="mention"> elements: no HTML is parsed or produced from the
 * post itself, and code, inline code and link text are left as written.
 */

/** The shape of mdast we touch; the rest of the tree is passed through untouched. */
interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
  data?: { hName?: string; hProperties?: Record<string, unknown> };
}

/** "@" at the start or after a space, then the characters a mention may hold (as in quote.ts). */
const MENTION = /(^|\s)(@[\p{L}\p{N}._-]{1,40})/gu;

/** Node types whose text is not prose: a mention there is not one. */
const LEAVE_ALONE = new Set(['link', 'linkReference', 'code', 'inlineCode', 'html']);

export function splitMentions(value: string): MdNode[] {
  const parts: MdNode[] = [];
  let last = 0;
  for (const match of value.matchAll(MENTION)) {
    const start = match.index + match[1]!.length;
    if (start > last) parts.push({ type: 'text', value: value.slice(last, start) });
    parts.push({
      type: 'mention',
      data: { hName: 'strong', hProperties: { className: ['mention'] } },
      children: [{ type: 'text', value: match[2]! }],
    });
    last = start + match[2]!.length;
  }
  if (parts.length === 0) return [{ type: 'text', value }];
  if (last < value.length) parts.push({ type: 'text', value: value.slice(last) });
  return parts;
}

function visit(node: MdNode): void {
  if (!node.children || LEAVE_ALONE.has(node.type)) return;
  node.children = node.children.flatMap((child) => {
    if (child.type === 'text' && child.value) return splitMentions(child.value);
    visit(child);
    return [child];
  });
}

export default function remarkMentions() {
  return (tree: MdNode) => visit(tree);
}
