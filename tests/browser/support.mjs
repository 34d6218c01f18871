// What the browser tests share: starting and stopping the real processes (pinbridge, pinpoint-sim)
// on free ports, Debian's chromium, signing in, and watching a page for errors.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const DEMO_EMAIL = 'demo@pinbridge.test';
export const DEMO_PASSWORD = 'pinbridge-demo';
const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 10_000;

// The path of a binary named by an environment variable, checked.
export function binaryFrom(variable) {
  const binary = process.env[variable];
  assert.ok(binary, `set ${variable} to the path of the binary`);
  assert.ok(existsSync(binary), `${variable} does not exist: ${binary}`);
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing (apt-get install chromium)`);
  return binary;
}

// The server refuses PINBRIDGE_* variables it does not know (strict config), so the tests' own
// (PINBRIDGE_BIN) must not reach it.
function serverEnvironment(extra) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) =>
    !name.startsWith('PINBRIDGE_') || name.startsWith('PINBRIDGE_TEST_')));
  return { ...env, ...extra };
}

// Starts a binary that writes its base URL to `--ready-file` once it listens; resolves to the
// child with .url, .output (stdout and stderr so far) and .exited (a promise of its exit).
export async function startProcess(name, binary, args, readyFile, env = {}) {
  const child = spawn(binary, [...args, '--ready-file', readyFile],
    { env: serverEnvironment(env), stdio: ['ignore', 'pipe', 'pipe'] });
  child.output = '';
  child.stdout.on('data', (chunk) => { child.output += chunk; });
  child.stderr.on('data', (chunk) => { child.output += chunk; });
  child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited early (${child.exitCode}):\n${child.output}`);
    if (existsSync(readyFile)) {
      const url = (await readFile(readyFile, 'utf8')).trim();
      if (url.startsWith('http://')) {
        child.url = url;
        return child;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${name} did not become ready in ${START_TIMEOUT_MS} ms:\n${child.output}`);
}

// SIGTERM, then SIGKILL if it has not stopped in time; resolves to how it exited.
export async function stopProcess(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return child && child.exited;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  const result = await child.exited;
  clearTimeout(timer);
  return result;
}

export function launchContext(profileDir) {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1366, height: 820 },
  });
}

// A separate browser, for a person with no session (the candidate).
export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

// Records script errors, CSP violations and failed requests of a page.
export function watchProblems(page, problems, label, expected = () => false) {
  page.on('pageerror', (error) => problems.push(`${label}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`${label}: ${message.text()}`);
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !expected(response)) {
      problems.push(`${label}: ${response.status()} ${response.url()}`);
    }
  });
}

export async function signIn(page, baseUrl) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email').fill(DEMO_EMAIL);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${baseUrl}/assessments`);
}

export function screenshotPath(dir, name) {
  return path.join(dir, `${name}.png`);
}

// pinpoint-sim's admin API (no authentication): the JSON answer, asserting a 2xx.
export async function simAdmin(simUrl, method, route, body) {
  const response = await fetch(`${simUrl}${route}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${route}: ${response.status} ${text}`);
  return JSON.parse(text);
}

// A key of the sim's demo company `acme` with Write on every category, except `missing`, which it lacks.
export async function simKey(simUrl, missing) {
  const permissions = Object.fromEntries(['Application', 'Candidate', 'Candidate Assessment', 'Comment',
    'Hiring Workflow', 'Job', 'Talent Pipeline', 'User'].map((category) => [category, 'write']));
  if (missing) permissions[missing] = 'none';
  return (await simAdmin(simUrl, 'POST', '/_sim/companies/acme/api_keys', { permissions })).key;
}

// Starts pinpoint-sim (--demo, seed 1) and `pinbridge serve --demo` calling it, each on a free port,
// with their files under `tmp` and `env` added to pinbridge's settings; resolves to { sim, server }.
export async function startPinbridgeWithSim(tmp, env = {}) {
  const pinbridge = binaryFrom('PINBRIDGE_BIN');
  const simBinary = binaryFrom('PINPOINT_SIM_BIN');
  const sim = await startProcess('pinpoint-sim', simBinary, ['--demo', '--seed', '1', '--port', '0'],
    path.join(tmp, 'sim-ready'));
  try {
    const server = await startProcess('pinbridge', pinbridge, ['serve', '--demo'], path.join(tmp, 'ready'), {
      PINBRIDGE_DATA_DIR: path.join(tmp, 'data'),
      PINBRIDGE_SERVER_LISTEN: '127.0.0.1:0',
      PINBRIDGE_PINPOINT_BASE_URL_OVERRIDE: sim.url,
      ...env,
    });
    return { sim, server };
  } catch (error) {
    await stopProcess(sim);
    throw error;
  }
}

// A story against pinbridge and pinpoint-sim: `open()` makes a temp folder (kept afterwards, with
// the screenshots), starts both processes (`env` added to pinbridge's settings) and a browser
// profile; `close()` stops them and checks that pinbridge stopped cleanly on SIGTERM. Fields after
// open(): tmp, sim, server, baseUrl, context.
export function simStory(name, env = {}) {
  const story = {};
  story.open = async () => {
    story.tmp = await mkdtemp(path.join(os.tmpdir(), `pinbridge-${name}-`));
    ({ sim: story.sim, server: story.server } = await startPinbridgeWithSim(story.tmp, env));
    story.baseUrl = story.server.url;
    story.context = await launchContext(path.join(story.tmp, 'profile'));
    return story;
  };
  story.close = async () => {
    await story.context?.close();
    const stopped = await stopProcess(story.server);
    await stopProcess(story.sim);
    if (story.tmp) {
      await rm(path.join(story.tmp, 'profile'), { recursive: true, force: true });
      await rm(path.join(story.tmp, 'data'), { recursive: true, force: true });
      console.log(`screenshots: ${story.tmp}`);
    }
    if (stopped) assert.equal(stopped.code, 0, `pinbridge did not stop cleanly on SIGTERM:\n${story.server.output}`);
  };
  return story;
}

// The wizard's first step, on Integrations: the subdomain and the key, then Continue.
export async function connectWithKey(page, key) {
  await page.getByLabel('Pinpoint subdomain').fill('acme');
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Continue' }).click();
}

// Opens Integrations and connects the signed-in account to the sim's `acme` with a full key.
export async function connectPinpoint(page, baseUrl, simUrl) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations' }).click();
  await page.getByRole('heading', { name: 'Connect your Pinpoint account' }).waitFor();
  await connectWithKey(page, await simKey(simUrl));
  await page.waitForURL(`${baseUrl}/integrations?notice=connected`);
  assert.match(await page.getByRole('status').first().textContent(), /Connected to Pinpoint/);
}

// The wizard's second step: the webhook is created in the sim with the Endpoint URL copied from the
// page and `secret`, then confirmed. `screenshot` (a path) is taken before confirming. Resolves to
// the sim's webhook id.
export async function createSimWebhook(page, { baseUrl, simUrl, secret, events, screenshot }) {
  const url = await page.locator('#webhook-url').inputValue();
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/webhooks\/pinpoint\/[A-Za-z0-9_-]{20,}$/);
  const webhook = await simAdmin(simUrl, 'POST', '/_sim/companies/acme/webhooks', {
    url, secret, events: events ?? ['application_created', 'application_stage_changed', 'test'],
  });
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
  await page.getByLabel('Signing secret').fill(secret);
  await page.getByLabel('I created the webhook in Pinpoint').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(`${baseUrl}/integrations?notice=webhook_confirmed`);
  return webhook.id;
}

// Calls `check` until it resolves to a truthy value, every `intervalMs`, at most `attempts` times;
// resolves to that value, or fails with `what` and the last value seen.
export async function pollUntil(what, check, { attempts = 100, intervalMs = 200 } = {}) {
  let last;
  for (let i = 0; i < attempts; i++) {
    last = await check();
    if (last) return last;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

// The assessment `pinbridge serve --demo` seeds (pass mark 60); takeDemoAssessment knows its answers.
export const DEMO_ASSESSMENT = 'Backend engineering screen';

// The invitation's email to `email`, found in Invitations › Outbox (written by a background job,
// so looked for until it appears); resolves to the candidate link in it. Screenshots go to `tmp`.
export async function invitationLink(page, baseUrl, email, tmp) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Invitations' }).click();
  await page.getByRole('link', { name: 'Outbox' }).click();
  await page.waitForURL(`${baseUrl}/invitations/outbox`);
  const row = page.getByRole('row').filter({ hasText: email });
  await pollUntil(`the invitation email to ${email}`, async () => {
    if (await row.count()) return true;
    await page.reload();
    return false;
  }, { attempts: 100 });
  await page.screenshot({ path: path.join(tmp, 'outbox.png'), fullPage: true });
  await row.first().getByRole('link').first().click();
  await page.waitForURL(/\/invitations\/outbox\/\d+$/);
  await page.screenshot({ path: path.join(tmp, 'outbox-email.png'), fullPage: true });
  return page.locator('.email-body a[href*="/t/"]').getAttribute('href');
}

// The candidate opens the link, takes the demo assessment with every answer right and submits.
export async function takeDemoAssessment(candidate, link, tmp) {
  await candidate.goto(link);
  await candidate.getByRole('heading', { name: DEMO_ASSESSMENT }).waitFor();
  await candidate.getByRole('button', { name: 'Start the assessment' }).click();
  await candidate.getByRole('timer').waitFor();
  const questions = candidate.locator('fieldset');
  let inFlight = 0;  // answer saves sent and not answered yet
  const isSave = (request) => request.method() === 'POST' && request.url().endsWith('/answers');
  candidate.on('request', (request) => { if (isSave(request)) inFlight++; });
  candidate.on('response', (response) => { if (isSave(response.request())) inFlight--; });
  candidate.on('requestfailed', (request) => { if (isSave(request)) inFlight--; });
  // Each change saves the answer at once (a textarea's when it loses focus, which also cancels its
  // typing timer): waiting for that save before the next step leaves none in flight at Submit, where
  // it would meet the submitted test (409).
  const saved = async (index, change) => {
    const [response] = await Promise.all([
      candidate.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/answers')),
      change(questions.nth(index)),
    ]);
    assert.equal(response.status(), 200, `saving answer ${index + 1}`);
  };
  const write = (text) => async (question) => {
    await question.getByLabel('Your answer').fill(text);
    await question.getByLabel('Your answer').blur();
  };
  await saved(0, (question) => question.getByLabel('429', { exact: true }).check());
  for (const method of ['GET', 'PUT', 'DELETE']) {
    await saved(1, (question) => question.getByLabel(method, { exact: true }).check());
  }
  await saved(2, write('DISTINCT'));
  await saved(3, (question) => question.getByLabel('Lost updates', { exact: true }).check());
  await saved(4, write('Durability'));
  await pollUntil('no answer save in flight', () => inFlight === 0, { attempts: 50, intervalMs: 100 });
  for (let index = 0; index < 5; index++) await questions.nth(index).getByText('Saved').waitFor();
  await candidate.screenshot({ path: path.join(tmp, 'candidate-test.png'), fullPage: true });
  candidate.once('dialog', (dialog) => dialog.accept());
  await candidate.getByRole('button', { name: 'Submit answers' }).click();
  await candidate.waitForURL(/\/submitted$/);
  await candidate.getByRole('heading', { name: 'Thank you, your answers are submitted' }).waitFor();
}
