/**
 * Headless Chromium for the end-to-end tests and the screenshots: Debian's
 * chromium (installed by .ci/run; CHROMIUM_PATH overrides) driven by
 * playwright-core, with the flags this network needs (no background
 * connections, no QUIC) and a fresh profile per launch.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run "apt-get install -y chromium" (.ci/run does) or set CHROMIUM_PATH`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** Signs in through the sign-in page, as a person does (either language), and waits for the app. */
export async function signInThroughPage(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel(/^(ชื่อผู้ใช้|Username)$/).fill(username);
  await page.getByLabel(/^(รหัสผ่าน|Password)$/).fill(password);
  await page.getByRole('button', { name: /^(เข้าสู่ระบบ|Sign in)$/ }).click();
  await page.getByTestId('whoami').waitFor();
}
