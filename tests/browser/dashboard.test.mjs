// The dashboard in a real browser: Debian's chromium, driven by playwright-core, against a real
// `pinbridge serve --demo` on a free port with its own temp data folder.
//
//   cd tests/browser && npm ci && PINBRIDGE_BIN=/path/to/pinbridge node --test
//
// Screenshots are kept in the printed temp folder; the server's data and the browser profile are
// removed afterwards.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  DEMO_EMAIL, DEMO_PASSWORD, binaryFrom, launchBrowser, launchContext, signIn, startProcess, stopProcess,
  watchProblems,
} from './support.mjs';

let tmp;
let server;
let baseUrl;
let context;

before(async () => {
  const binary = binaryFrom('PINBRIDGE_BIN');
  tmp = await mkdtemp(path.join(os.tmpdir(), 'pinbridge-browser-'));
  server = await startProcess('pinbridge', binary, ['serve', '--demo'], path.join(tmp, 'ready'),
    { PINBRIDGE_DATA_DIR: path.join(tmp, 'data'), PINBRIDGE_SERVER_LISTEN: '127.0.0.1:0' });
  baseUrl = server.url;
  context = await launchContext(path.join(tmp, 'profile'));
});

after(async () => {
  await context?.close();
  const stopped = await stopProcess(server);
  if (tmp) {
    await rm(path.join(tmp, 'profile'), { recursive: true, force: true });
    await rm(path.join(tmp, 'data'), { recursive: true, force: true });
    console.log(`screenshots: ${tmp}`);
  }
  if (stopped) assert.equal(stopped.code, 0, `pinbridge did not stop cleanly on SIGTERM:\n${server.output}`);
});

test('sign in, find your way around, add a team member, sign out', { timeout: 60_000 }, async () => {
  const page = await context.newPage();
  // Script errors, CSP violations and failed requests; the one expected failure is the 401 of the
  // wrong password, which the browser also reports on the console.
  // The one expected failure is the 401 of the wrong password.
  const problems = [];
  watchProblems(page, problems, 'recruiter',
    (response) => response.status() === 401 && new URL(response.url()).pathname === '/sign-in');

  await page.goto(baseUrl);
  assert.match(page.url(), /\/sign-in$/);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();

  await page.getByLabel('Email').fill(DEMO_EMAIL);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /don't match an account/);
  assert.equal(await page.getByLabel('Email').inputValue(), DEMO_EMAIL);

  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${baseUrl}/assessments`);

  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const item of ['Assessments', 'Invitations', 'Integrations', 'Workflows', 'Activity', 'Settings']) {
    assert.ok(await nav.getByRole('link', { name: item }).isVisible(), `nav item ${item}`);
  }
  assert.equal(await nav.getByRole('link', { name: 'Assessments' }).getAttribute('aria-current'), 'page');
  assert.notEqual((await page.locator('.account-name').textContent()).trim(), '');
  assert.ok(await page.getByText(DEMO_EMAIL).isVisible());
  // The demo account's two seeded assessments are listed.
  await page.getByRole('link', { name: 'New assessment' }).waitFor();
  assert.ok((await page.locator('table tbody tr').count()) >= 2);
  // The stylesheet loaded (the sidebar is dark), so CSP and asset serving work together.
  const sidebar = await page.locator('.sidebar').evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.equal(sidebar, 'rgb(21, 26, 45)');
  await page.screenshot({ path: path.join(tmp, 'dashboard.png'), fullPage: true });

  await nav.getByRole('link', { name: 'Settings' }).click();
  await page.waitForURL(`${baseUrl}/settings`);
  const addMember = page.getByRole('form', { name: 'Add member' });
  await addMember.getByLabel('Name').fill('Ana Lima');
  await addMember.getByLabel('Email').fill('ana.lima@pinbridge.test');
  await addMember.getByLabel('Password').fill('ana-password-2024');
  await addMember.getByRole('button', { name: 'Add member' }).click();
  await page.waitForURL(`${baseUrl}/settings?notice=member_added`);
  assert.match(await page.getByRole('status').textContent(), /Member added/);
  const row = page.getByRole('row', { name: /ana\.lima@pinbridge\.test/ });
  assert.ok(await row.isVisible());
  assert.ok(await row.getByRole('button', { name: 'Remove Ana Lima' }).isVisible());
  await page.screenshot({ path: path.join(tmp, 'settings.png'), fullPage: true });

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(`${baseUrl}/sign-in`);
  await page.goto(`${baseUrl}/settings`);
  assert.equal(page.url(), `${baseUrl}/sign-in?next=%2Fsettings`);

  assert.deepEqual(problems, []);
});

async function createAssessment(page) {
  await page.getByRole('link', { name: 'New assessment' }).click();
  await page.waitForURL(`${baseUrl}/assessments/new`);
  await page.getByLabel('Name', { exact: true }).fill('Browser screen');
  await page.getByLabel('Time limit (minutes)').fill('10');
  await page.getByLabel('Pass mark (%)').fill('50');
  const questions = page.locator('fieldset.question');
  assert.equal(await questions.count(), 1, 'spare slots give way to "Add question"');
  await questions.nth(0).getByLabel('Question text').fill('2 + 2?');
  await questions.nth(0).getByLabel('Options').fill('3\n* 4\n5');
  await page.getByRole('button', { name: 'Add question' }).click();
  await questions.nth(1).getByLabel('Kind').selectOption('short_answer');
  assert.equal(await questions.nth(1).getByLabel('Options').isVisible(), false);
  await questions.nth(1).getByLabel('Question text').fill('Capital of France?');
  await questions.nth(1).getByLabel('Accepted answers').fill('Paris');
  await page.screenshot({ path: path.join(tmp, 'assessment-editor.png'), fullPage: true });
  await page.getByRole('button', { name: 'Create assessment' }).click();
  await page.waitForURL(`${baseUrl}/assessments?notice=created`);
  assert.match(await page.getByRole('status').textContent(), /Assessment created/);
  assert.ok(await page.getByRole('row', { name: /Browser screen/ }).isVisible());
}

// Invites Cara and returns her candidate link, read from the email in the outbox.
async function inviteCandidate(page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Invitations' }).click();
  const form = page.getByRole('form', { name: 'Invite a candidate' });
  await form.getByLabel('Assessment').selectOption({ label: 'Browser screen' });
  await form.getByLabel('Candidate name').fill('Cara Candidate');
  await form.getByLabel('Candidate email').fill('cara@example.com');
  await form.getByRole('button', { name: 'Send invitation' }).click();
  await page.waitForURL(/\/invitations\/\d+\?notice=invited$/);
  await page.getByRole('link', { name: /Browser screen/ }).last().click();  // the email's subject
  await page.waitForURL(/\/invitations\/outbox\/\d+$/);
  await page.screenshot({ path: path.join(tmp, 'outbox-email.png'), fullPage: true });
  return page.locator('.email-body a[href*="/t/"]').getAttribute('href');
}

async function takeTest(candidate, link) {
  await candidate.goto(link);
  await candidate.getByRole('heading', { name: 'Browser screen' }).waitFor();
  await candidate.getByRole('button', { name: 'Start the assessment' }).click();
  await candidate.getByRole('timer').waitFor();
  const html = await candidate.content();
  assert.ok(!html.includes('Paris') && !html.includes('* 4'), 'the test page holds no answers');
  await candidate.getByLabel('4', { exact: true }).check();
  await candidate.locator('fieldset').nth(0).getByText('Saved').waitFor();
  const answer = candidate.getByLabel('Your answer');
  await answer.fill('paris');
  await answer.dispatchEvent('paste');
  await candidate.locator('fieldset').nth(1).getByText('Saved').waitFor();
  // Leaving the textarea fires its change event, which saves once more: wait for that save here,
  // or it can reach the server after Submit and meet the submitted test (409).
  await Promise.all([
    candidate.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/answers')),
    answer.blur(),
  ]);
  await candidate.screenshot({ path: path.join(tmp, 'candidate-test.png'), fullPage: true });
  candidate.once('dialog', (dialog) => dialog.accept());
  await candidate.getByRole('button', { name: 'Submit answers' }).click();
  await candidate.waitForURL(/\/submitted$/);
  await candidate.getByRole('heading', { name: 'Thank you, your answers are submitted' }).waitFor();
}

test('a recruiter creates an assessment and invites a candidate, who takes it; the recruiter reads the report',
  { timeout: 60_000 }, async () => {
    const problems = [];
    const page = await context.newPage();
    watchProblems(page, problems, 'recruiter');
    await signIn(page, baseUrl);
    await createAssessment(page);
    const link = await inviteCandidate(page);
    assert.match(link, /^http:\/\/.+\/t\/[A-Za-z0-9_-]+$/);

    // The candidate has no session: a browser of their own.
    const browser = await launchBrowser();
    try {
      const candidate = await (await browser.newContext()).newPage();
      watchProblems(candidate, problems, 'candidate');
      await takeTest(candidate, link);
    } finally {
      await browser.close();
    }

    // Grading runs in the background; the invitation page shows it once done.
    await page.getByRole('link', { name: 'Open invitation' }).click();
    for (let i = 0; i < 50 && !(await page.getByRole('link', { name: 'Open report' }).isVisible()); i++) {
      await page.waitForTimeout(100);
      await page.reload();
    }
    assert.match(await page.locator('.badge-status').textContent(), /completed/);
    await page.getByRole('link', { name: 'Open report' }).click();
    await page.getByRole('heading', { name: 'Report: Cara Candidate' }).waitFor();
    assert.equal((await page.locator('.score-value').textContent()).trim(), '100%');
    assert.ok(await page.getByText('Passed', { exact: true }).isVisible());
    assert.equal(await page.locator('dt:text-is("Pasted text") + dd').textContent(), '1 time');
    await page.screenshot({ path: path.join(tmp, 'report.png'), fullPage: true });
    assert.deepEqual(problems, []);
  });
