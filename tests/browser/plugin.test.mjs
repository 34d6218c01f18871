// The Pinpoint plugin in a real browser: Debian's chromium against a real `pinbridge serve --demo`
// and a real `pinpoint-sim --demo` playing Pinpoint's side, each on a free port.
//
//   cd tests/browser && npm ci && \
//     PINBRIDGE_BIN=/path/to/pinbridge PINPOINT_SIM_BIN=/path/to/pinpoint-sim node --test plugin.test.mjs
//
// The recruiter copies the Plugin API Key and the plugin URL from our dashboard into the simulator's
// plugin settings, then on a candidate's profile in the simulator chooses "Invite to Pinbridge
// Assessment", picks the demo assessment (name and email prefilled and locked) and submits: the
// profile shows it Pending. Pinpoint's callback URL goes down while the candidate takes the test from
// the emailed link; once it is back, our retried callbacks reach the simulator, once each, and it
// shows the assessment completed with the score; its Report link opens our report.
// Screenshots are kept in the printed temp folder.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  DEMO_ASSESSMENT, invitationLink, launchBrowser, pollUntil, signIn, simAdmin,
  simStory, takeDemoAssessment, watchProblems,
} from './support.mjs';

const ACTION = 'Invite to Pinbridge Assessment';

let tmp;
let sim;
let baseUrl;
let context;

const shot = (page, name) => page.screenshot({ path: path.join(tmp, `${name}.png`), fullPage: true });

const story = simStory('plugin', {
  // Pinpoint's callback URLs are the simulator's, on loopback; retries come quickly.
  PINBRIDGE_WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true', PINBRIDGE_QUEUE_BACKOFF_MAX_MS: '2000',
});
before(async () => ({ tmp, sim, baseUrl, context } = await story.open()));
after(() => story.close());

// Step 1: the key and the plugin URL, from Integrations › Pinpoint Plugin.
async function pluginSettings(page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations' }).click();
  await page.getByRole('link', { name: 'Pinpoint Plugin' }).click();
  await page.getByRole('heading', { name: 'Plugin API Key' }).waitFor();
  await shot(page, 'plugin-tab');
  return {
    key: await page.getByRole('textbox', { name: 'Copy the Plugin API Key' }).inputValue(),
    url: await page.getByRole('textbox', { name: 'Copy the plugin URL' }).inputValue(),
  };
}

// Step 2: Pinpoint's settings: the plugin registered by URL, the key pasted and saved.
async function registerInPinpoint(pinpoint, settings) {
  await pinpoint.goto(`${sim.url}/ui/acme/plugins`);
  await pinpoint.getByLabel('Plugin URL').fill(settings.url);
  await pinpoint.getByRole('button', { name: 'Register plugin' }).click();
  await pinpoint.getByRole('heading', { name: 'Pinbridge Assessments' }).waitFor();
  await pinpoint.getByLabel('Pinbridge API Key').fill(settings.key);
  await pinpoint.getByRole('button', { name: 'Save configuration' }).click();
  await pinpoint.getByRole('heading', { name: 'Pinbridge Assessments' }).waitFor();
  await shot(pinpoint, 'pinpoint-plugin-settings');
}

// Step 3: on the profile, the plugin's action, its form and the submit; the record is Pending.
async function inviteFromProfile(pinpoint, application) {
  await pinpoint.goto(`${sim.url}/ui/acme/applications/${application.id}`);
  await pinpoint.getByRole('button', { name: ACTION }).click();
  const email = pinpoint.getByLabel('Email');
  await email.waitFor();
  assert.equal(await email.inputValue(), application.email);
  assert.equal(await pinpoint.getByLabel('First Name').inputValue(), application.first_name);
  assert.equal(await pinpoint.getByLabel('Last Name').inputValue(), application.last_name);
  for (const label of ['First Name', 'Last Name', 'Email']) {
    assert.equal(await pinpoint.getByLabel(label).isEditable(), false, `${label} is locked`);
  }
  await pinpoint.getByLabel('Assessment').selectOption({ label: DEMO_ASSESSMENT });
  await shot(pinpoint, 'pinpoint-action-form');
  await pinpoint.getByRole('button', { name: 'Submit' }).click();
  const row = assessmentRow(pinpoint);
  await row.waitFor();
  assert.equal(await row.getByRole('cell').nth(1).textContent(), 'pending');
  await shot(pinpoint, 'pinpoint-pending');
}

function assessmentRow(pinpoint) {
  return pinpoint.getByRole('region', { name: 'Assessments' }).getByRole('row').filter({ hasText: DEMO_ASSESSMENT });
}

test('a recruiter invites from a Pinpoint profile and the score and report appear there', async () => {
  const problems = [];
  const page = await context.newPage();
  watchProblems(page, problems, 'dashboard');
  await signIn(page, baseUrl);
  const settings = await pluginSettings(page);
  assert.match(settings.key, /^pb_plugin_/);
  assert.equal(settings.url, `${baseUrl}/plugin/pinpoint`);

  const pinpoint = await context.newPage();
  watchProblems(pinpoint, problems, 'pinpoint');
  await registerInPinpoint(pinpoint, settings);
  const found = await simAdmin(sim.url, 'GET', '/_sim/companies/acme/resources/applications?page[size]=1');
  const application = { id: found.data[0].id, ...found.data[0].attributes };
  await inviteFromProfile(pinpoint, application);

  // Pinpoint's callback URL is down while the candidate starts and submits: our notices (started,
  // completed) are refused with 503s and retried from the queue.
  await simAdmin(sim.url, 'PUT', '/_sim/plugin_callbacks', { down: true });
  const link = await invitationLink(page, baseUrl, application.email, tmp);
  const browser = await launchBrowser();
  try {
    const candidate = await browser.newPage();
    watchProblems(candidate, problems, 'candidate');
    await takeDemoAssessment(candidate, link, tmp);
  } finally {
    await browser.close();
  }
  await pollUntil('a notice refused while the callback URL is down', async () =>
    (await simAdmin(sim.url, 'GET', '/_sim/plugin_callback_attempts')).some((a) => a.status === 503));
  await simAdmin(sim.url, 'PUT', '/_sim/plugin_callbacks', { down: false });

  // Back up: the next retry reaches Pinpoint's callback URL; the profile shows the result.
  const row = assessmentRow(pinpoint);
  await pollUntil('the completed assessment on the Pinpoint profile', async () => {
    await pinpoint.reload();
    return (await row.getByRole('cell').nth(1).textContent()) === 'completed';
  }, { attempts: 100 });
  assert.equal(await row.getByRole('cell').nth(2).textContent(), '100');
  await shot(pinpoint, 'pinpoint-completed');
  const records = await simAdmin(sim.url, 'GET', '/_sim/companies/acme/plugin_assessments');
  assert.equal(records.length, 1, 'one record, however often the status came');
  assert.equal(records[0].status, 'completed');
  // Each notice (started, completed) arrives once: both retried notices got through, and nothing
  // more came within the longest retry delay after that.
  const accepted = async () =>
    (await simAdmin(sim.url, 'GET', '/_sim/plugin_callback_attempts')).filter((a) => a.status === 200);
  await pollUntil('both notices accepted', async () => (await accepted()).length >= 2);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  assert.equal((await accepted()).length, 2, JSON.stringify(await accepted()));

  // The Report link opens our report in a new tab (the recruiter is signed in to Pinbridge here).
  const [report] = await Promise.all([context.waitForEvent('page'), row.getByRole('link', { name: 'Report' }).click()]);
  watchProblems(report, problems, 'report');
  await report.waitForLoadState();
  assert.ok(report.url().startsWith(baseUrl), report.url());
  await report.getByRole('heading', { name: application.full_name }).first().waitFor();
  await report.getByText(DEMO_ASSESSMENT).first().waitFor();
  await shot(report, 'report');
  assert.deepEqual(problems, []);
});
