import { type Browser, chromium } from 'playwright-core';

/**
 * The one way this repository starts Chromium: the browser journeys (e2e/browser.ts) and the web-payload
 * benchmark (bench/payload.ts). No vitest here, so plain scripts may import it.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless, no sandbox (containers), no GPU, no QUIC and no background traffic (updates, sync) to count or wait for. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] });
}
