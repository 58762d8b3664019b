import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import {
  NOTIFY_COMMUNITY_NAME_MAX,
  cleanCommunityName,
  notificationText,
  parseNotifyRequest,
  type NotifyRequest,
} from '../shared/bridge';
import { createNotifier, notificationOptions, type NotificationClass } from './notifications';

const HEALTH_WORDS = ['chemotherapy', 'metastasis', 'suicidal', 'HIV', 'miscarriage', 'dosage'];

/** A small seeded generator: the same cases on every run, many shapes of input. */
function random(seed: number) {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
  const text = () =>
    Array.from({ length: Math.floor(next() * 12) }, () =>
      pick([
        ...HEALTH_WORDS,
        ' ',
        '\n',
        '\u202e',
        '\u200b',
        'é',
        '🙂',
        'Lung',
        'cancer',
        'x'.repeat(40),
      ]),
    ).join('');
  return { next, pick, text };
}

describe('notification text', () => {
  it('says only the fixed phrase and the community name, whatever else the renderer sends', () => {
    const rng = random(7);
    for (let i = 0; i < 500; i++) {
      const communityName = `Group ${i}${rng.text()}`;
      const request = {
        kind: rng.pick(['reply', 'mention'] as const),
        communityName,
        threadId: `t-${i}`,
      };
      // Extra fields that a careless caller might add are refused outright…
      const withBody = { ...request, body: `my ${rng.pick(HEALTH_WORDS)} results`, title: 'x' };
      expect(parseNotifyRequest(withBody)).toBeNull();
      // …and what is shown is built from the cleaned name alone.
      const parsed = parseNotifyRequest(request) as NotifyRequest;
      const options = notificationOptions(parsed);
      const name = cleanCommunityName(communityName);
      const phrase = request.kind === 'reply' ? 'New reply in ' : 'You were mentioned in ';
      expect(options.title).toBe('Kindred');
      expect(options.body).toBe(phrase + name);
      expect([...name].length).toBeLessThanOrEqual(NOTIFY_COMMUNITY_NAME_MAX);
      expect(options.body).not.toMatch(/[\n\r\u202e\u200b]/u);
      expect(Object.keys(options).sort()).toEqual(['body', 'silent', 'title']);
    }
  });

  it('reads "New reply in Lung cancer" and "You were mentioned in Caregivers"', () => {
    expect(
      notificationText({ kind: 'reply', communityName: 'Lung cancer', threadId: 't' }).body,
    ).toBe('New reply in Lung cancer');
    expect(
      notificationText({ kind: 'mention', communityName: ' Care\ngivers ', threadId: 't' }).body,
    ).toBe('You were mentioned in Care givers');
  });

  it('never shows the thread id, which may be made of words', () => {
    for (const word of HEALTH_WORDS) {
      const request = { kind: 'reply', communityName: 'Caregivers', threadId: `${word}-results` };
      const { title, body } = notificationText(parseNotifyRequest(request) as NotifyRequest);
      expect(`${title} ${body}`.toLowerCase()).not.toContain(word.toLowerCase());
    }
  });

  it('cuts a long community name to the limit with an ellipsis', () => {
    const cut = cleanCommunityName('A'.repeat(200));
    expect([...cut]).toHaveLength(NOTIFY_COMMUNITY_NAME_MAX);
    expect(cut.endsWith('…')).toBe(true);
  });

  it.each([
    ['nothing', undefined],
    ['a string', 'New reply'],
    ['an array', [{ kind: 'reply', communityName: 'A', threadId: 't' }]],
    ['an unknown kind', { kind: 'post', communityName: 'A', threadId: 't' }],
    ['an empty name', { kind: 'reply', communityName: ' \n ', threadId: 't' }],
    ['a huge name', { kind: 'reply', communityName: 'A'.repeat(5_000), threadId: 't' }],
    ['a thread id with spaces', { kind: 'reply', communityName: 'A', threadId: 'my results' }],
    ['a missing thread id', { kind: 'reply', communityName: 'A' }],
    ['a number as name', { kind: 'reply', communityName: 42, threadId: 't' }],
  ])('refuses %s', (_name, value) => {
    expect(parseNotifyRequest(value)).toBeNull();
  });
});

describe('the notifier', () => {
  function fakeNotificationClass(supported = true) {
    const created: (EventEmitter & { options: unknown; shown: boolean })[] = [];
    class FakeNotification extends EventEmitter {
      shown = false;
      constructor(readonly options: unknown) {
        super();
        created.push(this);
      }
      show() {
        this.shown = true;
      }
      close() {}
      static isSupported() {
        return supported;
      }
    }
    return { Ctor: FakeNotification as unknown as NotificationClass, created };
  }

  it('shows the composed text and, on click, asks to open the thread', () => {
    const { Ctor, created } = fakeNotificationClass();
    const onClick = vi.fn();
    const notifier = createNotifier(Ctor, onClick);
    const request: NotifyRequest = { kind: 'reply', communityName: 'Caregivers', threadId: 't1' };
    expect(notifier.notify(request)).toBe(true);
    expect(created[0]?.options).toEqual({
      title: 'Kindred',
      body: 'New reply in Caregivers',
      silent: false,
    });
    expect(created[0]?.shown).toBe(true);
    expect(notifier.pendingCount()).toBe(1);
    created[0]?.emit('click');
    expect(onClick).toHaveBeenCalledExactlyOnceWith(request);
    expect(notifier.pendingCount()).toBe(0);
  });

  it('keeps a bounded number of notifications alive', () => {
    const { Ctor } = fakeNotificationClass();
    const notifier = createNotifier(Ctor, () => undefined);
    for (let i = 0; i < 50; i++)
      notifier.notify({ kind: 'mention', communityName: 'A', threadId: `t${i}` });
    expect(notifier.pendingCount()).toBe(20);
  });

  it('reports false where the OS has no notifications', () => {
    const { Ctor, created } = fakeNotificationClass(false);
    expect(
      createNotifier(Ctor, () => undefined).notify({
        kind: 'reply',
        communityName: 'A',
        threadId: 't',
      }),
    ).toBe(false);
    expect(created).toHaveLength(0);
  });
});
