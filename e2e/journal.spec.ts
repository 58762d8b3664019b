import { type Page, expect, test } from '@playwright/test';
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

test('a journal entry with symptoms is listed and charted, survives a reload, and an excerpt is shared after a preview', async ({
  page,
}) => {
  const suffix = uniqueSuffix();
  const sentinel = `Quixotic-heron-${suffix}`;
  const excerpt = 'Short walks after lunch helped more than naps.';
  const body = `Bad night, ${sentinel} kept me up.\n\n${excerpt}\n\nPrivate: dose changed on Monday.`;
  const title = `Rough week ${suffix}`;

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
});
