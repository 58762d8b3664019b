import { type Page, expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { joinCommunity, signUp, uniqueSuffix } from './helpers';

/** Every value in every IndexedDB database of the page, as text (CryptoKeys show as {}). */
function indexedDbText(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const out: string[] = [];
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(info.name!);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const values = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(store).objectStore(store).getAll();
          req.onsuccess = () => resolve(req.result as unknown[]);
          req.onerror = () => reject(req.error);
        });
        out.push(JSON.stringify(values));
      }
      db.close();
    }
    return out.join('\n');
  });
}

test('a journal entry with symptoms is listed and charted, survives a reload, is exported, and shares only the previewed excerpt: no other word of it is in any request body or console message', async ({
  page,
}) => {
  const suffix = uniqueSuffix();
  const sentinel = `Quixotic-heron-${suffix}`;
  const excerpt = 'Short walks after lunch helped more than naps.';
  const title = `Rough week ${suffix}`;
  const privateLine = 'Private: dose changed on Monday.';
  const body = `Bad night, ${sentinel} kept me up.\n\n${excerpt}\n\n${privateLine}`;

  // Everything the page sends and logs, from sign-up to the shared excerpt.
  const sent: { url: string; body: string }[] = [];
  page.on('request', (request) =>
    sent.push({ url: request.url(), body: request.postData() ?? '' }),
  );
  const logged: string[] = [];
  page.on('console', (message) => logged.push(message.text()));
  page.on('pageerror', (error) => logged.push(`${error.message}\n${error.stack ?? ''}`));

  await signUp(page, `jo-${suffix}`, 'Jo');
  await joinCommunity(page, 'Lung cancer');
  await expect(
    page.getByRole('list', { name: 'Threads' }).getByRole('listitem').first(),
  ).toBeVisible();

  await page.getByRole('link', { name: 'Journal' }).click();
  await page.getByRole('button', { name: 'New entry' }).click();
  await page.getByLabel('Title').fill(title);
  await page.getByRole('textbox', { name: 'Entry', exact: true }).fill(body);
  await page.getByLabel('Mood (10 = very good)').fill('4');
  await page.getByLabel('New symptom').fill('Fatigue');
  await page.getByRole('button', { name: 'Add symptom' }).click();
  await page.getByRole('spinbutton', { name: /fatigue/i }).fill('7');
  await page.getByLabel('Medication', { exact: true }).fill('Keytruda');
  await expect(page.getByText('Matches Pembrolizumab in the therapy catalog.')).toBeVisible();
  await page.getByRole('button', { name: 'Add medication' }).click();
  await expect(page.getByTestId('journal-save-state')).toHaveText(
    'Saved and sealed on this device',
  );

  await page.getByRole('link', { name: '← All entries' }).click();
  const list = page.getByRole('list', { name: 'Journal entries' });
  await expect(list.getByRole('link', { name: title })).toBeVisible();
  await expect(list).toContainText('fatigue 7');
  const chart = page.getByTestId('journal-chart');
  await expect(chart.locator('.recharts-line')).toHaveCount(2);
  await expect(chart).toContainText('fatigue');
  await expect(chart.locator('.recharts-line-dots circle')).toHaveCount(2);
  await expect(page.getByRole('list', { name: 'Medications on the timeline' })).toContainText(
    'Keytruda',
  );
  await chart.screenshot({ path: test.info().outputPath('journal-chart.png') });

  // Only ciphertext is stored on the device.
  expect(await indexedDbText(page)).not.toContain(sentinel);

  await page.reload();
  await expect(list.getByRole('link', { name: title })).toBeVisible();
  await expect(chart.locator('.recharts-line')).toHaveCount(2);

  // Choose a passage and share it into a thread of the community.
  await list.getByRole('link', { name: title }).click();
  const editor = page.getByRole('textbox', { name: 'Entry', exact: true });
  await expect(editor).toHaveValue(body);
  const start = body.indexOf(excerpt);
  await editor.evaluate(
    (el, [from, to]) => (el as HTMLTextAreaElement).setSelectionRange(from!, to!),
    [start, start + excerpt.length],
  );
  await page.getByRole('button', { name: 'Share an excerpt…' }).click();
  await expect(page.getByRole('textbox', { name: 'Passage to share' })).toHaveValue(excerpt);
  const thread = page.getByRole('combobox', { name: 'Thread', exact: true });
  const threadTitle = (await thread.locator('option').nth(1).textContent())!.split(' — ')[0]!;
  await thread.selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByTestId('excerpt-preview');
  await expect(preview).toHaveText(excerpt);
  await page.getByRole('button', { name: 'Post this excerpt' }).click();
  await page.getByRole('link', { name: 'See it in the thread' }).click();

  await expect(page.getByRole('heading', { name: threadTitle })).toBeVisible();
  const replies = page.getByRole('list', { name: 'Replies' });
  const mine = replies.getByRole('listitem').filter({ hasText: 'Jo' });
  await expect(mine).toHaveCount(1);
  await expect(mine.locator('.markdown')).toHaveText(excerpt);
  await expect(page.locator('body')).not.toContainText(sentinel);
  await expect(page.locator('body')).not.toContainText('dose changed');

  // The Markdown export (in a browser, a download) holds the whole entry: it is the user's copy.
  await page.getByRole('link', { name: 'Journal' }).click();
  await page.getByRole('tab', { name: 'Summary and export' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download Markdown' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^kindred-journal-\d{4}-\d{2}-\d{2}\.md$/);
  const exported = await readFile(await download.path(), 'utf8');
  expect(exported).toContain(`— ${title}`);
  expect(exported).toContain(privateLine);

  // The entry did travel (sealed) to the server, and the excerpt went out on purpose: the
  // recording sees what the client sends, so its silence about the rest means something.
  const journalPushes = sent.filter((r) => r.url.includes('/sync/journal/push'));
  expect(journalPushes.length).toBeGreaterThan(0);
  expect(journalPushes.some((r) => r.body.includes('"ciphertext"'))).toBe(true);
  expect(sent.some((r) => r.body.includes(excerpt))).toBe(true);
  for (const secret of [sentinel, privateLine, 'dose changed', title]) {
    expect(sent.filter((r) => r.body.includes(secret)).map((r) => r.url)).toEqual([]);
    expect(logged.filter((line) => line.includes(secret))).toEqual([]);
  }
});
