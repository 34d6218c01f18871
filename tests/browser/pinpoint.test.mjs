// Connecting Pinpoint in a real browser: Debian's chromium against a real `pinbridge serve --demo`
// whose Pinpoint calls go to a real `pinpoint-sim --demo`, each on a free port.
//
//   cd tests/browser && npm ci && \
//     PINBRIDGE_BIN=/path/to/pinbridge PINPOINT_SIM_BIN=/path/to/pinpoint-sim node --test pinpoint.test.mjs
//
// The recruiter's steps in Pinpoint (creating the API keys and the webhook, sending the test event,
// moving a candidate) are made through the simulator's admin API, which stands in for Pinpoint's
// own screens.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  connectWithKey, createSimWebhook, signIn, simAdmin as simAdminAt, simKey as simKeyAt,
  simStory, watchProblems,
} from './support.mjs';

const SIGNING_SECRET = 'whsec-browser-test';

let tmp;
let sim;
let baseUrl;
let context;

const simAdmin = (method, route, body) => simAdminAt(sim.url, method, route, body);
const simKey = (missing) => simKeyAt(sim.url, missing);

const story = simStory('pinpoint');
before(async () => ({ tmp, sim, baseUrl, context } = await story.open()));
after(() => story.close());

// Step 1: a key without Comment is refused with the permission named; the right key connects.
async function connect(page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations' }).click();
  await page.getByRole('heading', { name: 'Connect your Pinpoint account' }).waitFor();
  await connectWithKey(page, await simKey('Comment'));
  await page.getByText('This key lacks 1 permission').waitFor();
  const missing = page.locator('tr.row-missing');
  assert.equal(await missing.count(), 1);
  assert.match(await missing.textContent(), /Comment\s*Write\s*None\s*Missing/);
  assert.equal(await page.getByLabel('Pinpoint subdomain').inputValue(), 'acme');
  assert.equal(await page.getByLabel('API key').inputValue(), '', 'the key is not sent back');
  await page.screenshot({ path: path.join(tmp, 'wizard-missing-permission.png'), fullPage: true });

  await connectWithKey(page, await simKey());
  await page.waitForURL(`${baseUrl}/integrations?notice=connected`);
  assert.match(await page.getByRole('status').first().textContent(), /Connected to Pinpoint/);
}

// Step 2: the webhook is created in Pinpoint with the URL copied from the page and its secret.
function createWebhook(page) {
  return createSimWebhook(page, { baseUrl, simUrl: sim.url, secret: SIGNING_SECRET,
    screenshot: path.join(tmp, 'wizard-webhook.png') });
}

test('a recruiter connects Pinpoint, creates the webhook, and sees its deliveries arrive verified',
  { timeout: 90_000 }, async () => {
    const problems = [];
    const page = await context.newPage();
    watchProblems(page, problems, 'recruiter', (response) => response.status() === 400
      && new URL(response.url()).pathname === '/integrations/pinpoint/connect');
    await signIn(page, baseUrl);
    await connect(page);
    const webhookId = await createWebhook(page);

    // Step 3: the live indicator waits, then shows Pinpoint's test event without a reload.
    const indicator = page.locator('#delivery-status');
    assert.match(await indicator.textContent(), /No delivery has arrived yet/);
    await simAdmin('POST', `/_sim/webhooks/${webhookId}/test`, {});
    await page.getByText(/Last delivery received .*, signature verified\./).waitFor({ timeout: 15_000 });
    assert.match(await indicator.getAttribute('class'), /delivery-verified/);
    // The jobs and stages were read from Pinpoint when the account connected.
    await page.reload();
    await page.getByRole('rowheader', { name: 'Backend Engineer' }).waitFor();
    await page.screenshot({ path: path.join(tmp, 'wizard-connected.png'), fullPage: true });

    // A recruiter moves a candidate in Pinpoint; the delivery is processed and listed on Activity.
    const applications = await simAdmin('GET',
      '/_sim/companies/acme/resources/applications?page[size]=1&include=job.stages,stage');
    const application = applications.data[0];
    const currentStage = String(application.relationships.stage.data.id);
    const stage = applications.included.find((item) => item.type === 'stages' && String(item.id) !== currentStage);
    await simAdmin('POST', `/_sim/companies/acme/applications/${application.id}/move`, { stage_id: Number(stage.id) });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click();
    const row = page.getByRole('row', { name: /application_stage_changed/ });
    for (let i = 0; i < 50 && !(await row.filter({ hasText: 'processed' }).count()); i++) {
      await page.waitForTimeout(200);
      await page.reload();
    }
    assert.match(await row.first().textContent(), /Verified/);
    assert.match(await row.first().textContent(), /processed/);
    assert.ok(await page.getByRole('row', { name: /test/ }).first().isVisible());
    await page.screenshot({ path: path.join(tmp, 'activity.png'), fullPage: true });
    assert.deepEqual(problems, []);
  });
