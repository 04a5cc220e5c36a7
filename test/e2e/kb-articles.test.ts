import { describe, expect, it } from 'vitest';
import { engine } from '../helpers.js';
import { atPhoneWidth } from './kb-support.js';
import {
  browserWorld,
  chooseOption,
  seriousViolations,
  skipBrowser,
  skipReason,
  stepShots,
} from './support.js';

// The knowledge base in the staff workspace: an administrator arranges a category with a section
// (and is told why a category with something in it cannot be deleted); an agent writes and
// publishes an article, edits it, meets a colleague's newer save as a conflict, reads the diff of
// two versions and restores the first. Each page fits a phone's screen.

if (skipBrowser) console.warn(skipReason);

const t = browserWorld();
const shot = stepShots('kb-articles', engine);

type Article = {
  id: string;
  version: number;
  body: string;
  html: string;
  title: string;
  status: string;
  tags: string[];
};

// A valid 1×1 PNG, as a screenshot tool would put it on the clipboard.
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe.skipIf(skipBrowser)('knowledge base authoring, in the browser', () => {
  it('an admin arranges categories; an agent writes, publishes, edits, compares and restores', async () => {
    const admin = await t.signIn(t.w.admin);
    await admin.goto('/agent/kb');
    await admin.getByRole('link', { name: 'Categories' }).click();
    await admin.getByText('No categories yet').waitFor();
    await admin.getByRole('button', { name: 'New category' }).click();
    let dialog = admin.getByRole('dialog', { name: 'New category or section' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Accounts');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await shot(admin, 'category-created');
    await admin.getByRole('table', { name: 'Categories' }).getByText('Accounts', { exact: true }).waitFor();
    await admin.getByRole('button', { name: 'New category' }).click();
    dialog = admin.getByRole('dialog', { name: 'New category or section' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Passwords');
    await chooseOption(admin, 'Inside', 'Accounts');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await admin.getByRole('table', { name: 'Categories' }).getByText('Passwords', { exact: true }).waitFor();

    // Reordering: a category made later moves up, above the first.
    await t.w.admin.expect(201, 'POST', '/api/v1/kb/categories', { name: 'Billing' });
    await admin.reload();
    const names = () =>
      admin
        .getByRole('table', { name: 'Categories' })
        .locator('tbody tr td:first-child p:first-child')
        .allTextContents();
    await expect.poll(names).toEqual(['Accounts', 'Passwords', 'Billing']);
    await admin.getByRole('button', { name: 'Move Billing up' }).click();
    await expect.poll(names).toEqual(['Billing', 'Accounts', 'Passwords']);

    // A category with a section in it is refused, and the question says what to do instead.
    await admin.getByRole('button', { name: 'Delete Accounts' }).click();
    const ask = admin.getByRole('dialog', { name: 'Delete “Accounts”?' });
    await ask.getByRole('button', { name: 'Delete' }).click();
    await ask
      .getByRole('alert')
      .getByText(/still holds 0 article\(s\) and 1 section/)
      .waitFor();
    await ask.getByRole('link', { name: 'Show its articles' }).waitFor();
    await shot(admin, 'category-delete-refused');
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await ask.waitFor({ state: 'hidden' });
    // The dialog fades out after it is hidden; checked mid-fade, its buttons fail on contrast.
    await expect.poll(() => seriousViolations(admin), { timeout: 10_000 }).toEqual([]);
    await atPhoneWidth(admin, shot, 'categories');

    // An agent writes an article and publishes it.
    const agent = await t.signIn(t.w.agent);
    await agent.goto('/agent');
    await agent.getByRole('link', { name: 'Knowledge base' }).click();
    await agent.waitForURL(/\/agent\/kb$/);
    await agent.getByRole('link', { name: 'New article' }).click();
    await agent.getByRole('textbox', { name: 'Title' }).fill('Reset your password');
    await chooseOption(agent, 'Category or section', 'Accounts › Passwords');
    const text = agent.getByRole('textbox', { name: 'Text' });
    await text.fill('Open **Settings**.\nChoose Reset.\nCheck your mail.\n');
    // A screenshot pasted into the text is uploaded and put in as an inline image.
    await text.press('Control+End');
    await text.evaluate((el, base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'settings.png', { type: 'image/png' }));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, PNG_BASE64);
    await expect
      .poll(() => text.inputValue())
      .toMatch(/!\[settings\.png\]\(\/api\/v1\/attachments\/[\w-]+\)$/);
    await agent.getByText('Preview', { exact: true }).click();
    await agent.getByTestId('format-preview').locator('strong', { hasText: 'Settings' }).waitFor();
    await agent.getByText('Write', { exact: true }).click();
    await chooseOption(agent, 'Visibility', 'Everyone');
    const tags = agent.getByRole('combobox', { name: 'Tags' });
    await tags.fill('login');
    await tags.press('Enter');
    await agent.getByText('Published', { exact: true }).click();
    await agent.getByRole('textbox', { name: 'Change note' }).fill('First version');
    await shot(agent, 'new-article');
    await agent.getByRole('button', { name: 'Create article' }).click();
    await agent.waitForURL(/\/agent\/kb\/articles\/[\w-]+$/);
    const id = agent.url().split('/').pop() ?? '';
    const first = await t.w.agent.get<Article>(`/api/v1/kb/articles/${id}`);
    expect(first).toMatchObject({
      title: 'Reset your password',
      status: 'published',
      version: 1,
      tags: ['login'],
    });
    // The image is the article's own now: its rendering shows it.
    expect(first.html).toMatch(/<img[^>]+src="\/api\/v1\/attachments\/[\w-]+"/);

    // An edit names the version it was made from.
    await text.fill('Open **Settings**.\nChoose Reset password.\nCheck your mail.');
    await agent.getByRole('textbox', { name: 'Change note' }).fill('Say which button');
    await shot(agent, 'edited');
    await agent.getByRole('button', { name: 'Save', exact: true }).click();
    await agent.getByText('Article saved').waitFor();
    await agent.getByText(/Version 2 · /).waitFor();

    // A colleague saves meanwhile: this page's next save is a conflict, said plainly, and nothing is lost.
    await t.w.admin.expect(200, 'PATCH', `/api/v1/kb/articles/${id}`, {
      version: 2,
      title: 'Reset your password',
      note: 'Colleague',
    });
    await text.fill('Open **Settings**.\nChoose Reset password.\nCheck your inbox.');
    await agent.getByRole('button', { name: 'Save', exact: true }).click();
    const conflict = agent.getByTestId('kb-conflict');
    await conflict.getByText('Someone else changed this article while you were editing').waitFor();
    await conflict.getByText(/version 3 was saved/).waitFor();
    await shot(agent, 'conflict');
    expect((await t.w.agent.get<Article>(`/api/v1/kb/articles/${id}`)).version).toBe(3);
    await conflict.getByRole('button', { name: 'Save mine over it' }).click();
    await agent.getByText(/Version 4 · /).waitFor();
    expect((await t.w.agent.get<Article>(`/api/v1/kb/articles/${id}`)).body).toContain('Check your inbox.');
    await atPhoneWidth(agent, shot, 'editor');

    // The history: who, when and why; the diff of version 1 and the current one; restore version 1.
    await agent.getByRole('link', { name: 'History' }).click();
    const versions = agent.getByRole('table', { name: 'Versions' });
    await versions.getByText('First version').waitFor();
    await versions.getByText('Say which button').waitFor();
    await agent.getByRole('button', { name: 'Compare version 1 with the current one' }).click();
    const diff = agent.getByTestId('kb-diff');
    await diff.locator('li[data-op="removed"]', { hasText: 'Choose Reset.' }).waitFor();
    await diff.locator('li[data-op="added"]', { hasText: 'Choose Reset password.' }).waitFor();
    await diff.locator('li[data-op="added"]', { hasText: 'Check your inbox.' }).waitFor();
    await shot(agent, 'history-diff');
    expect(await seriousViolations(agent)).toEqual([]);
    await atPhoneWidth(agent, shot, 'history');
    await agent.getByRole('button', { name: 'Restore this version (version 1)' }).click();
    await agent
      .getByRole('dialog', { name: 'Restore version 1?' })
      .getByRole('button', { name: 'Restore' })
      .click();
    await agent.getByText('Version 1 restored as version 5').waitFor();
    const restored = await t.w.agent.get<Article>(`/api/v1/kb/articles/${id}`);
    expect(restored).toMatchObject({ version: 5, body: first.body, status: 'published' });

    // The list finds it by a word of its text, and by its tag.
    await agent.goto('/agent/kb');
    await agent.getByRole('searchbox', { name: 'Search' }).fill('mail');
    const list = agent.getByRole('table', { name: 'Articles' });
    await list.getByRole('link', { name: 'Reset your password' }).waitFor();
    await expect.poll(() => agent.url()).toContain('q=mail');
    await agent.goto('/agent/kb?tag=nothing-here');
    await agent.getByText('No article matches').waitFor();
    await agent.goto('/agent/kb?tag=login&status=published');
    await list.getByRole('link', { name: 'Reset your password' }).waitFor();
    await shot(agent, 'list');
    expect(await seriousViolations(agent)).toEqual([]);
    await atPhoneWidth(agent, shot, 'list');
  }, 240_000);
});
