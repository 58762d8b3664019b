import { useEffect } from 'react';
import { navigate } from '../app/routes';
import { useServices } from '../app/services';
import { notifyMention, notifyReply, onOpenThread } from '../platform/native';
import { watchUnreadBadge } from './unread-badge';

/**
 * The desktop side of a signed-in session: a notification when someone replies to one of the
 * user's threads or mentions them while the window is in the background (community name only —
 * never the text), and a click on it opens the thread; and the unread count on the app icon.
 */
export function useDesktopIntegration(): void {
  const { db, session } = useServices();

  useEffect(() => onOpenThread(({ threadId }) => navigate({ name: 'thread', threadId })), []);

  useEffect(() => watchUnreadBadge(db, session.userId), [db, session.userId]);

  useEffect(() => {
    const subscription = db.posts.$.subscribe((event) => {
      if (event.operation !== 'INSERT' || !document.hidden) return;
      const post = event.documentData;
      if (post.authorId === session.userId) return;
      void (async () => {
        const mentioned = post.body.toLowerCase().includes(`@${session.displayName.toLowerCase()}`);
        const thread = await db.threads.findOne(post.threadId).exec();
        if (!mentioned && thread?.authorId !== session.userId) return;
        const community = await db.communities.findOne(post.communityId).exec();
        const name = community?.name ?? 'Kindred';
        await (mentioned ? notifyMention(name, post.threadId) : notifyReply(name, post.threadId));
      })();
    });
    return () => subscription.unsubscribe();
  }, [db, session.userId, session.displayName]);
}
