import { useEffect, useMemo, useRef, useState } from 'react';
import type { Post } from '../../../shared/schemas/posts';
import type { Reaction } from '../../../shared/schemas/reactions';
import type { Thread } from '../../../shared/schemas/threads';
import { hrefFor, useRoute } from '../app/routes';
import { useServices } from '../app/services';
import { replyDraftId } from '../data/drafts';
import { setFollowed } from '../data/thread-activity';
import { checkReply, editReply, withdraw } from '../data/writes';
import type { OutboxItem } from '../db/outbox-schema';
import { timeAgo } from './format';
import { useLiveDocs, useSyncStatus } from './hooks';
import { Markdown } from './Markdown';
import { OutboxBadge, deliveryLabel } from './OutboxBadge';
import { quoteMarkdown, selectedTextWithin } from './quote';
import { Reactions } from './Reactions';
import { ReplyBox } from './ReplyBox';
import { ThreadEditForm, WaitingThreadActions } from './WaitingThread';
import type { MemberRole } from '../../../shared/schemas/memberships';
import type { ModerationDoc } from '../../../shared/schemas/moderation';
import { HiddenNotice } from '../moderation/HiddenNotice';
import { ModerationControls } from '../moderation/ModerationControls';
import { ReportButton } from '../moderation/ReportButton';
import { RoleBadge, useCommunityRoles, useModeratedCommunities } from '../moderation/useRoles';
import { useAutosavedDraft } from './useAutosave';
import { useReadPosition } from './useReadPosition';
import { useMembershipActions, useMyMemberships } from './useMembership';

/**
 * A thread and its replies. `draftId` (else the route's) names a reply draft other than the
 * thread's usual one to open in the composer: text that was refused, declined or kept from
 * another device (see draft-origin.ts).
 */
export function ThreadView(props: { threadId: string; draftId?: string }) {
  const { threadId } = props;
  const route = useRoute();
  const draftId =
    props.draftId ??
    (route.name === 'thread' && route.threadId === threadId ? route.draftId : undefined);
  const { docs: threads } = useLiveDocs('threads', { selector: { id: threadId } });
  const thread = threads[0];
  if (!thread) return <p className="muted">This thread is not on this device (yet).</p>;
  // One composer per draft: opening another draft starts the page afresh.
  return <ThreadPage key={`${thread.id} ${draftId ?? ''}`} thread={thread} draftId={draftId} />;
}

function ThreadPage({ thread, draftId }: { thread: Thread; draftId: string | undefined }) {
  const { db, session } = useServices();
  const threadId = thread.id;
  const { docs: replies, loading: repliesLoading } = useLiveDocs('posts', {
    selector: { threadId },
    sort: [{ createdAt: 'asc' }],
  });
  const { docs: outbox } = useLiveDocs('outbox', { selector: { threadId } });
  const { docs: moderation } = useLiveDocs('moderation', {
    selector: { communityId: thread.communityId },
  });
  const { docs: reactions } = useLiveDocs('reactions', {
    selector: { communityId: thread.communityId },
  });
  const { docs: profiles } = useLiveDocs('profiles', {});
  const { docs: states } = useLiveDocs('threadState', { selector: { id: threadId } });
  const { docs: myReports } = useLiveDocs('reports', {
    selector: { threadId, reporterId: session.userId },
  });
  const { connection } = useSyncStatus();
  const replyArea = useRef<HTMLTextAreaElement>(null);
  const replyList = useRef<HTMLOListElement>(null);
  const [editingThread, setEditingThread] = useState(false);
  const draft = useAutosavedDraft({
    id: draftId ?? replyDraftId(session.userId, threadId),
    kind: 'reply',
    communityId: thread.communityId,
    threadId,
  });

  const outboxById = useMemo(() => new Map(outbox.map((item) => [item.id, item])), [outbox]);
  const modById = useMemo(() => new Map(moderation.map((m) => [m.targetId, m])), [moderation]);
  const canModerate = useModeratedCommunities().has(thread.communityId);
  const roles = useCommunityRoles(thread.communityId);
  const modState = useMemo(
    () => new Map(moderation.map((m) => [m.targetId, m.state])),
    [moderation],
  );
  const names = useMemo(() => new Map(profiles.map((p) => [p.id, p.displayName])), [profiles]);
  const reported = useMemo(() => new Set(myReports.map((r) => r.targetId)), [myReports]);
  const reactionsByTarget = useMemo(() => {
    const map = new Map<string, Reaction[]>();
    for (const r of reactions) map.set(r.targetId, [...(map.get(r.targetId) ?? []), r]);
    return map;
  }, [reactions]);
  const members = useMemo(
    () => profiles.map((p) => ({ id: p.id, name: p.displayName })),
    [profiles],
  );
  const state = states[0];
  const membership = useMyMemberships().get(thread.communityId);
  const isMember = membership?.status === 'active';

  // What was new when the thread was opened stays marked while the user reads it.
  const landing = useReadPosition({
    threadId,
    communityId: thread.communityId,
    replies,
    repliesLoading,
    list: replyList,
  });

  // r: reply. Esc in the reply box leaves it.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      if (event.key === 'r' && !event.metaKey && !event.ctrlKey && !event.altKey) {
        event.preventDefault();
        replyArea.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  function quote(passage: string, author: string) {
    const current = draft.content.body;
    draft.update({
      title: '',
      body: `${current}${current && !current.endsWith('\n') ? '\n\n' : ''}${quoteMarkdown(passage, author)}`,
    });
    replyArea.current?.focus();
  }

  const badge = (id: string) => {
    const item = outboxById.get(id);
    return item ? (
      <OutboxBadge label={deliveryLabel(item, connection, modState.get(id) === 'pending')} />
    ) : null;
  };

  return (
    <article aria-labelledby="thread-title">
      <p>
        <a href={hrefFor({ name: 'community', communityId: thread.communityId })}>
          ← Back to the community
        </a>
      </p>
      <h1 id="thread-title">{thread.title}</h1>
      <p className="muted">
        <a href={hrefFor({ name: 'member', userId: thread.authorId })}>
          {thread.authorName ?? 'A member'}
        </a>{' '}
        <RoleBadge role={roles.get(thread.authorId)} /> · {timeAgo(thread.createdAt)}{' '}
        {badge(thread.id)}{' '}
        {canModerate && (
          <ModerationControls target={thread} moderation={modById.get(thread.id)} isThread />
        )}{' '}
        <button
          type="button"
          aria-pressed={state?.followed ?? false}
          onClick={() => void setFollowed(db, threadId, thread.communityId, !state?.followed)}
        >
          {state?.followed ? 'Following' : 'Follow'}
        </button>{' '}
        {isMember && thread.authorId !== session.userId && modState.get(thread.id) !== 'hidden' && (
          <ReportButton target={thread} reported={reported.has(thread.id)} />
        )}
      </p>
      {editingThread ? (
        <ThreadEditForm thread={thread} onDone={() => setEditingThread(false)} />
      ) : (
        <PostBody
          text={thread.body}
          author={thread.authorName ?? 'A member'}
          onQuote={quote}
          moderation={modById.get(thread.id)}
          seesHidden={canModerate || thread.authorId === session.userId}
        />
      )}
      {/* Still on this device only: the author may change their mind, as with a reply. */}
      {!editingThread &&
        thread.authorId === session.userId &&
        outboxById.get(thread.id)?.state === 'queued' && (
          <WaitingThreadActions thread={thread} onEdit={() => setEditingThread(true)} />
        )}
      <Reactions
        target={thread}
        reactions={reactionsByTarget.get(thread.id) ?? []}
        names={names}
        canReact={isMember}
      />
      <h2>{replies.length === 0 ? 'No replies yet' : 'Replies'}</h2>
      <ol className="replies" aria-label="Replies" ref={replyList}>
        {replies.map((reply) => (
          <ReplyItem
            key={reply.id}
            reply={reply}
            outboxItem={outboxById.get(reply.id)}
            badge={badge(reply.id)}
            isFirstUnread={reply.id === landing?.firstUnreadId}
            isReturnPoint={reply.id === landing?.returnToId}
            moderation={modById.get(reply.id)}
            seesHidden={canModerate || reply.authorId === session.userId}
            canModerate={canModerate}
            canReport={isMember && reply.authorId !== session.userId}
            reported={reported.has(reply.id)}
            role={roles.get(reply.authorId)}
            onQuote={quote}
            reactions={reactionsByTarget.get(reply.id) ?? []}
            names={names}
            canReact={isMember}
          />
        ))}
      </ol>
      {isMember ? (
        <ReplyBox
          thread={thread}
          draft={draft}
          draftId={draftId}
          members={members}
          locked={
            modState.get(thread.id) === 'locked' || modState.get(thread.communityId) === 'locked'
          }
          textarea={replyArea}
        />
      ) : (
        <JoinToReply communityId={thread.communityId} pending={membership?.status === 'pending'} />
      )}
    </article>
  );
}

/** A thread seen through a therapy page: replying and reacting are for the community's members. */
function JoinToReply({ communityId, pending }: { communityId: string; pending: boolean }) {
  const { docs } = useLiveDocs('communities', { selector: { id: communityId } });
  const actions = useMembershipActions();
  const community = docs[0];
  const name = community?.name ?? 'this community';
  if (pending)
    return (
      <p className="muted">
        Your request to join {name} is pending. You can reply once it is accepted.
      </p>
    );
  return (
    <div className="join-to-reply">
      <p>This conversation belongs to {name}. Join it to reply and react.</p>
      <button
        type="button"
        className="primary"
        disabled={actions.busy === communityId}
        onClick={() => void actions.join(communityId)}
      >
        {community?.joinPolicy === 'approval' ? `Ask to join ${name}` : `Join ${name}`}
      </button>
      {actions.error && (
        <p className="error" role="alert">
          {actions.error}
        </p>
      )}
    </div>
  );
}

/** A post's text with a Quote button that quotes the selection inside it (or all of it). */
function PostBody(props: {
  text: string;
  author: string;
  /** the moderation decision about this post, if any */
  moderation: ModerationDoc | undefined;
  /** moderators and the author still see hidden text (the author to fix it) */
  seesHidden: boolean;
  onQuote: (passage: string, author: string) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const hidden = props.moderation?.state === 'hidden';
  if (hidden && !props.seesHidden)
    return <HiddenNotice moderation={props.moderation!} showReason={false} />;
  return (
    <div ref={container}>
      {hidden && <HiddenNotice moderation={props.moderation!} showReason />}
      <Markdown text={props.text} />
      <button
        type="button"
        className="quote-button"
        onMouseDown={(e) => e.preventDefault() /* keep the selection */}
        onClick={() =>
          props.onQuote(selectedTextWithin(container.current) ?? props.text, props.author)
        }
      >
        Quote
      </button>
    </div>
  );
}

function ReplyItem(props: {
  reply: Post;
  outboxItem?: OutboxItem;
  badge: React.ReactNode;
  isFirstUnread: boolean;
  /** nothing new since the last visit: the furthest reply read then, scrolled back to */
  isReturnPoint: boolean;
  moderation: ModerationDoc | undefined;
  seesHidden: boolean;
  canModerate: boolean;
  /** a member may report what others wrote */
  canReport: boolean;
  reported: boolean;
  role: MemberRole | undefined;
  onQuote: (passage: string, author: string) => void;
  reactions: Reaction[];
  names: Map<string, string>;
  canReact: boolean;
}) {
  const hidden = props.moderation?.state === 'hidden';
  const { db } = useServices();
  const { reply } = props;
  const [editing, setEditing] = useState<string | null>(null);
  const item = useRef<HTMLLIElement>(null);
  // Still on this device only: the author may change their mind.
  const waiting = props.outboxItem?.state === 'queued';

  const landsHere = props.isFirstUnread || props.isReturnPoint;
  useEffect(() => {
    if (landsHere) item.current?.scrollIntoView({ block: 'center' });
  }, [landsHere]);

  async function onWithdraw() {
    if (!window.confirm('Withdraw this reply? It has not been sent yet and will be deleted.'))
      return;
    await withdraw(db, 'posts', reply.id);
  }

  return (
    <li className="reply" ref={item} data-reply-id={reply.id}>
      {props.isFirstUnread && <p className="new-marker">New since your last visit</p>}
      <p className="muted">
        <a href={hrefFor({ name: 'member', userId: reply.authorId })}>
          {reply.authorName ?? 'A member'}
        </a>{' '}
        <RoleBadge role={props.role} /> · {timeAgo(reply.createdAt)} {props.badge}{' '}
        {props.canModerate && (
          <ModerationControls target={reply} moderation={props.moderation} isThread={false} />
        )}{' '}
        {props.canReport && !hidden && <ReportButton target={reply} reported={props.reported} />}
      </p>
      {editing === null ? (
        <PostBody
          text={reply.body}
          author={reply.authorName ?? 'A member'}
          onQuote={props.onQuote}
          moderation={props.moderation}
          seesHidden={props.seesHidden}
        />
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (checkReply(editing)) return;
            void editReply(db, reply.id, editing).then(() => setEditing(null));
          }}
        >
          <label>
            Edit your reply
            <textarea value={editing} onChange={(e) => setEditing(e.target.value)} rows={3} />
          </label>
          <button type="submit" className="primary">
            Save
          </button>{' '}
          <button type="button" onClick={() => setEditing(null)}>
            Cancel
          </button>
        </form>
      )}
      {!hidden && (
        <Reactions
          target={reply}
          reactions={props.reactions}
          names={props.names}
          canReact={props.canReact}
        />
      )}
      {waiting && editing === null && (
        <p className="reply-actions">
          <button type="button" onClick={() => setEditing(reply.body)}>
            Edit
          </button>{' '}
          <button type="button" onClick={() => void onWithdraw()}>
            Withdraw
          </button>
        </p>
      )}
    </li>
  );
}
