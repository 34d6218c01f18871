// What the browser tests share: starting and stopping the real processes (pinbridge, pinpoint-sim)
// on free ports, Debian's chromium, signing in, and watching a page for errors.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
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
