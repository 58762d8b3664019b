import { useEffect } from 'react';
import { navigate } from '../app/routes';
import { useServices } from '../app/services';
import { notifyReply, onOpenThread } from '../platform/native';

/**
 * The desktop side of a signed-in session: a notification when someone replies to one of the
 * user's threads while the window is in the background (community name only — never the
 * text), and a click on it opens the thread.
 */
export function useDesktopIntegration(): void {
  const { db, session } = useServices();

  useEffect(() => onOpenThread(({ threadId }) => navigate({ name: 'thread', threadId })), []);

  useEffect(() => {
    const subscription = db.posts.$.subscribe((event) => {
      if (event.operation !== 'INSERT' || !document.hidden) return;
      const post = event.documentData;
      if (post.authorId === session.userId) return;
      void (async () => {
        const thread = await db.threads.findOne(post.threadId).exec();
        if (thread?.authorId !== session.userId) return;
        const community = await db.communities.findOne(post.communityId).exec();
        await notifyReply(community?.name ?? 'Kindred', post.threadId);
      })();
    });
    return () => subscription.unsubscribe();
  }, [db, session.userId]);
}
