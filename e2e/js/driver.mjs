// Drives headless Chromium for the JUnit end-to-end tests (io.sente4j.e2e.Browser). One JSON command per line on
// stdin, one JSON answer per line on stdout: {"id":1,"ok":true,"value":...} or {"id":1,"ok":false,"error":"..."}.
// Users are browser contexts (each with its own cookies); tabs are pages in a user's context.
//
// Chromium comes from Debian's package (/usr/bin/chromium, or $SENTE4J_CHROMIUM); Playwright never downloads a
// browser here. Tests run as root on a closed network, hence --no-sandbox and the flags that stop Chromium's own
// background connections. Playwright gives each launch a fresh, empty profile directory.
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';

const executablePath = process.env.SENTE4J_CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

function answer(message) {
  process.stdout.write(JSON.stringify(message) + '\n');
}

if (!existsSync(executablePath)) {
  answer({ id: 0, ok: false, error: `no Chromium at ${executablePath}: install Debian's chromium package `
    + '(apt-get install chromium), as .ci/run does, or set SENTE4J_CHROMIUM' });
  process.exit(2);
}

const browser = await chromium.launch({ executablePath, headless: true, args: ARGS });
const users = new Map(); // user name -> BrowserContext
const tabs = new Map(); // tab name -> Page
const consoleLines = new Map(); // tab name -> console messages and page errors, for failure reports

function tab(name) {
  const page = tabs.get(name);
  if (!page) {
    throw new Error(`no tab named ${name}`);
  }
  return page;
}

async function user(name) {
  let context = users.get(name);
  if (!context) {
    context = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    users.set(name, context);
  }
  return context;
}

const ops = {
  async open({ user: userName, tab: tabName, url }) {
    const page = await (await user(userName)).newPage();
    const lines = [];
    consoleLines.set(tabName, lines);
    page.on('console', (m) => lines.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => lines.push(`pageerror: ${e.message}`));
    // The life of each WebSocket, for failure reports: which attempt opened, got frames, closed or failed.
    page.on('websocket', (ws) => {
      const at = () => new Date().toISOString().slice(11, 23);
      let frames = 0;
      lines.push(`${at()} websocket: ${ws.url()}`);
      ws.on('framereceived', () => {
        if (++frames === 1) lines.push(`${at()} websocket: first frame on ${ws.url()}`);
      });
      ws.on('socketerror', (e) => lines.push(`${at()} websocket error: ${e}`));
      ws.on('close', () => lines.push(`${at()} websocket closed after ${frames} frame(s): ${ws.url()}`));
    });
    tabs.set(tabName, page);
    const response = await page.goto(url);
    return response ? response.status() : null;
  },
  async goto({ tab: t, url }) {
    const response = await tab(t).goto(url);
    return response ? response.status() : null;
  },
  async reload({ tab: t }) {
    const response = await tab(t).reload();
    return response ? response.status() : null;
  },
  async fill({ tab: t, selector, value }) {
    await tab(t).fill(selector, value);
    return null;
  },
  async click({ tab: t, selector }) {
    await tab(t).click(selector);
    return null;
  },
  async press({ tab: t, selector, key }) {
    await tab(t).press(selector, key);
    return null;
  },
  async check({ tab: t, selector, checked }) {
    await tab(t).setChecked(selector, checked);
    return null;
  },
  async text({ tab: t, selector }) {
    return await tab(t).textContent(selector);
  },
  async texts({ tab: t, selector }) {
    return await tab(t).locator(selector).allTextContents();
  },
  async waitForText({ tab: t, selector, text, timeoutMs }) {
    await tab(t).locator(selector, { hasText: text }).first().waitFor({ timeout: timeoutMs });
    return null;
  },
  async waitForSelector({ tab: t, selector, timeoutMs }) {
    await tab(t).locator(selector).first().waitFor({ timeout: timeoutMs });
    return null;
  },
  async waitForFunction({ tab: t, expression, timeoutMs }) {
    await tab(t).waitForFunction(expression, null, { timeout: timeoutMs });
    return null;
  },
  async evaluate({ tab: t, expression }) {
    return await tab(t).evaluate(expression);
  },
  async screenshot({ tab: t, path }) {
    await tab(t).screenshot({ path, fullPage: true });
    return path;
  },
  async console({ tab: t }) {
    return consoleLines.get(t) || [];
  },
  async closeTab({ tab: t }) {
    await tab(t).close();
    tabs.delete(t);
    return null;
  },
  async version() {
    return browser.version();
  },
};

answer({ id: 0, ok: true, value: browser.version() });

const lines = createInterface({ input: process.stdin });
// Commands run one after the other, in the order they arrive, so a test reads like the steps it takes.
let queue = Promise.resolve();
lines.on('line', (line) => {
  queue = queue.then(async () => {
    let command;
    try {
      command = JSON.parse(line);
      const op = ops[command.op];
      if (!op) {
        throw new Error(`unknown op ${command.op}`);
      }
      answer({ id: command.id, ok: true, value: (await op(command)) ?? null });
    } catch (e) {
      answer({ id: command ? command.id : -1, ok: false, error: String(e && e.stack ? e.stack : e) });
    }
  });
});
lines.on('close', () => {
  queue.then(() => browser.close()).then(() => process.exit(0));
});
