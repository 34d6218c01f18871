// A workflow built in a real browser and run end to end: Debian's chromium against a real
// `pinbridge serve --demo` whose Pinpoint calls go to a real `pinpoint-sim --demo`, each on a free port.
//
//   cd tests/browser && npm ci && \
//     PINBRIDGE_BIN=/path/to/pinbridge PINPOINT_SIM_BIN=/path/to/pinpoint-sim node --test workflows.test.mjs
//
// The recruiter connects Pinpoint through the wizard, builds "Backend screen" with the builder's forms
// (send the demo assessment on Review, post the record and a comment, move by score), then moves a
// candidate to Review in Pinpoint (the simulator's admin API stands in for Pinpoint's screens). The
// candidate takes the test from the emailed link; the result comes back to Pinpoint as a record and a
// comment, and the application moves to Interview. Screenshots are kept in the printed temp folder.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  connectPinpoint, createSimWebhook, DEMO_ASSESSMENT, invitationLink, launchBrowser, pollUntil,
  signIn, simAdmin as simAdminAt, simStory, takeDemoAssessment, watchProblems,
} from './support.mjs';

const SIGNING_SECRET = 'whsec-workflows-test';
const WORKFLOW = 'Backend screen';
const ASSESSMENT = DEMO_ASSESSMENT;
const SEND_STAGE = 'Review';   // stages of the sim's default workflow (Product Designer, Sales Lead)
const PASS_STAGE = 'Interview';
const FAIL_STAGE = 'Rejected';
const PASS_TAG = 'screen-passed';

let tmp;
let sim;
let baseUrl;
let context;

const simAdmin = (method, route, body) => simAdminAt(sim.url, method, route, body);
const shot = (page, name) => page.screenshot({ path: path.join(tmp, `${name}.png`), fullPage: true });

const story = simStory('workflows');
before(async () => ({ tmp, sim, baseUrl, context } = await story.open()));
after(() => story.close());

// An application of the demo company whose job uses the default workflow and which is in neither
// the send stage nor a move target; with the ids of its job's stages by name.
async function pickApplication() {
  const found = await simAdmin('GET',
    '/_sim/companies/acme/resources/applications?page[size]=100&include=job.stages,stage');
  const stageName = new Map(found.included.filter((item) => item.type === 'stages')
    .map((item) => [String(item.id), item.attributes.name]));
  const jobs = new Map(found.included.filter((item) => item.type === 'jobs').map((item) => [String(item.id), item]));
  for (const application of found.data) {
    const job = jobs.get(String(application.relationships.job.data.id));
    const stages = Object.fromEntries(job.relationships.stages.data
      .map((stage) => [stageName.get(String(stage.id)), Number(stage.id)]));
    const current = stageName.get(String(application.relationships.stage.data.id));
    if (stages[SEND_STAGE] && stages[PASS_STAGE] && ![SEND_STAGE, PASS_STAGE, FAIL_STAGE].includes(current)) {
      return { id: application.id, email: application.attributes.email, name: application.attributes.full_name,
        job: job.attributes.title, stages };
    }
  }
  throw new Error('the sim has no application on a job with Review and Interview stages');
}

// The builder's section for one kind of rule, and its "Add" form (inside <details>), opened.
async function addForm(page, title) {
  const section = page.getByRole('region', { name: title });
  const details = section.locator('details');
  if (!(await details.evaluate((element) => element.open))) {
    await section.getByText(`Add a rule: ${title}`).click();
  }
  return section.locator('form').filter({ has: page.getByRole('button', { name: 'Add rule' }) });
}

async function submitRule(page, form, workflowUrl) {
  await form.getByRole('button', { name: 'Add rule' }).click();
  await page.waitForURL(`${workflowUrl}?notice=rule_added`);
  assert.match(await page.getByRole('status').first().textContent(), /Rule added/);
}

function ruleSentences(page) {
  return page.locator('.rule-sentence').allTextContents();
}

// Step 1: Pinpoint connected through the wizard, the webhook created and confirmed.
async function connect(page) {
  await connectPinpoint(page, baseUrl, sim.url);
  await createSimWebhook(page, { baseUrl, simUrl: sim.url, secret: SIGNING_SECRET,
    events: ['application_created', 'application_stage_changed', 'application_moved', 'test'] });
}

// Step 2: the workflow and its rules, built through the forms.
async function buildWorkflow(page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workflows' }).click();
  await page.waitForURL(`${baseUrl}/workflows`);
  const create = page.getByRole('button', { name: 'Create workflow' });
  await create.or(page.locator('.notice')).first().waitFor();
  assert.ok(await create.count(), `Workflows is not usable: ${await page.locator('main').innerText()}`);
  await page.getByLabel('Name').fill(WORKFLOW);
  await page.getByRole('button', { name: 'Create workflow' }).click();
  await page.waitForURL(/\/workflows\/\d+\?notice=created$/);
  const workflowUrl = page.url().replace(/\?.*$/, '');
  await page.getByRole('heading', { name: WORKFLOW, level: 1 }).waitFor();

  // The stages were read from Pinpoint when the account connected, in the background.
  const sendStage = page.locator('#send_on_stage-stage');
  await pollUntil('the synced stages in the builder', async () => {
    if (await sendStage.count() && await sendStage.locator(`option[value="any:${SEND_STAGE}"]`).count()) return true;
    await page.reload();
    return false;
  }, { attempts: 75 });

  // Send assessment on stage: Review in any job, the demo assessment.
  let form = await addForm(page, 'Send assessment on stage');
  await form.getByLabel('When an application enters').selectOption({ value: `any:${SEND_STAGE}` });
  await form.getByLabel('Send the assessment').selectOption({ label: ASSESSMENT });
  await submitRule(page, form, workflowUrl);
  assert.deepEqual(await ruleSentences(page),
    [`When an application enters ${SEND_STAGE} in any job, send ${ASSESSMENT}`]);

  // Post results: the record and a comment.
  form = await addForm(page, 'Post results to Pinpoint');
  await form.getByLabel('Results of').selectOption({ label: ASSESSMENT });
  await form.getByLabel(/Candidate Assessment record/).check();
  await form.getByLabel('A comment on the application').check();
  await submitRule(page, form, workflowUrl);
  assert.ok((await ruleSentences(page)).includes(
    `When ${ASSESSMENT} is completed, post the Candidate Assessment record and a comment to Pinpoint`));

  // Move stage on result: score >= 50 to Interview with a tag, score < 50 to Rejected.
  form = await addForm(page, 'Move stage on result');
  await fillMoveRule(form, [
    { kind: 'Score at least', value: '50', stage: PASS_STAGE, tags: PASS_TAG },
    { kind: 'Score below', value: '50', stage: FAIL_STAGE },
  ]);
  await submitRule(page, form, workflowUrl);
  const sentences = await ruleSentences(page);
  assert.equal(sentences.length, 3, sentences.join('\n'));
  assert.ok(sentences.includes(
    `${ASSESSMENT}: score >= 50 → ${PASS_STAGE}, tags ${PASS_TAG}; score < 50 → ${FAIL_STAGE}`), sentences.join('\n'));
  await shot(page, 'workflow-builder');

  // A second move rule for the same assessment contradicts the first: refused, nothing added.
  form = await addForm(page, 'Move stage on result');
  await fillMoveRule(form, [{ kind: 'Passed (pass mark)', stage: 'Offer' }]);
  await form.getByRole('button', { name: 'Add rule' }).click();
  const refusal = page.getByText(/^The rule was not added: /);
  await refusal.waitFor();
  assert.match(await refusal.textContent(), /already moves applications on the result of .*two stages/);
  assert.deepEqual(await ruleSentences(page), sentences, 'the refused rule is not listed');
  // The refused form is shown again as it was filled in.
  assert.equal(await form.getByRole('group', { name: 'Band 1', exact: true }).getByLabel('Move to').inputValue(),
    'Offer');
  await shot(page, 'workflow-refused');
  await page.goto(workflowUrl);
  assert.deepEqual(await ruleSentences(page), sentences, 'the refused rule was not added');
}

async function fillMoveRule(form, bands) {
  await form.getByLabel('When this assessment is completed').selectOption({ label: ASSESSMENT });
  for (const [index, band] of bands.entries()) {
    const fieldset = form.getByRole('group', { name: `Band ${index + 1}`, exact: true });
    const condition = fieldset.locator('.condition').first();
    await condition.getByLabel('Condition 1').selectOption({ label: band.kind });
    if (band.value) await condition.getByLabel('Score').fill(band.value);
    await fieldset.getByLabel('Move to').selectOption({ value: band.stage });
    if (band.tags) await fieldset.getByLabel('Tags').fill(band.tags);
  }
}

// Step 5: what Pinpoint holds once the workflow ran: the completed record, one comment, the move.
async function pinpointAfterResult(application, stageName) {
  const records = await simAdmin('GET',
    `/_sim/companies/acme/resources/candidate_assessments?filter[application_id]=${application.id}`);
  const comments = await simAdmin('GET', '/_sim/companies/acme/resources/comments'
    + `?filter[commentable_type]=Application&filter[commentable_id]=${application.id}`);
  const found = await simAdmin('GET',
    `/_sim/companies/acme/resources/applications?filter[id]=${application.id}&extra_fields[applications]=tags`);
  const attributes = found.data[0].attributes;
  return {
    records: records.data.map((record) => record.attributes),
    comments: comments.data.map((comment) => comment.attributes),
    stage: stageName.get(Number(attributes.stage_id)),
    tags: attributes.tags,
  };
}

test('a recruiter builds a workflow; a candidate moved to Review is invited, and their result moves them on',
  { timeout: 150_000 }, async () => {
    const problems = [];
    const page = await context.newPage();
    // The one expected failure: the contradictory rule's refusal (409, re-showing the builder).
    watchProblems(page, problems, 'recruiter', (response) => response.status() === 409
      && /^\/workflows\/\d+\/rules$/.test(new URL(response.url()).pathname));
    await signIn(page, baseUrl);
    await connect(page);
    await buildWorkflow(page);

    // Step 3: a recruiter moves a candidate to Review in Pinpoint.
    const application = await pickApplication();
    const stageName = new Map(Object.entries(application.stages).map(([name, id]) => [id, name]));
    await simAdmin('POST', `/_sim/companies/acme/applications/${application.id}/move`,
      { stage_id: application.stages[SEND_STAGE] });

    // Step 4: the workflow invited them; they take the test in a browser of their own.
    const link = await invitationLink(page, baseUrl, application.email, tmp);
    assert.match(link, /^http:\/\/.+\/t\/[A-Za-z0-9_-]+$/);
    const browser = await launchBrowser();
    try {
      const candidate = await (await browser.newContext()).newPage();
      watchProblems(candidate, problems, 'candidate');
      await takeDemoAssessment(candidate, link, tmp);
    } finally {
      await browser.close();
    }

    // Step 5: the result reaches Pinpoint and moves the application.
    let seen;
    const state = await pollUntil('the result in Pinpoint and the move to Interview', async () => {
      seen = await pinpointAfterResult(application, stageName);
      // The tags follow the move in a second call: wait for them too, or the check below races it.
      const done = seen.records.some((record) => record.status === 'completed')
        && seen.comments.length > 0 && seen.stage === PASS_STAGE
        && seen.tags?.some((tag) => tag.name === PASS_TAG);
      return done && seen;
    }, { attempts: 150 }).catch((error) => {
      throw new Error(`${error.message}; last seen in Pinpoint: ${JSON.stringify(seen)}`);
    });
    assert.equal(state.records.length, 1, JSON.stringify(state.records));
    const [record] = state.records;
    assert.equal(record.status, 'completed');
    assert.ok(record.result, `the record has a result: ${JSON.stringify(record)}`);
    assert.match(record.result_url ?? '', /^https?:\/\//, `the record has a report link: ${JSON.stringify(record)}`);
    assert.equal(record.external_uid?.startsWith('pinbridge-invitation-'), true, JSON.stringify(record));
    assert.equal(state.comments.length, 1, JSON.stringify(state.comments));
    assert.ok(state.tags?.some((tag) => tag.name === PASS_TAG), `tagged ${PASS_TAG}: ${JSON.stringify(state.tags)}`);

    // The run history says what moved the candidate, and why.
    await page.goto(`${baseUrl}/workflows`);
    await page.getByRole('link', { name: 'Run history' }).click();
    await page.waitForURL(`${baseUrl}/workflows/runs`);
    const explanation = new RegExp(`moved .*to ${PASS_STAGE} by '${WORKFLOW}' because score`);
    const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: explanation }) });
    // Pinpoint answered the move a moment before the action is recorded as done.
    await pollUntil('the move listed as done in the run history', async () => {
      if (await row.count() && (await row.first().locator('.badge').textContent()).trim() === 'done') return true;
      await page.reload();
      return false;
    }, { attempts: 50 });
    assert.match(await row.first().textContent(), new RegExp(application.name));
    await shot(page, 'workflow-runs');
    assert.deepEqual(problems, []);
  });
