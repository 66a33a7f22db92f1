import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

// Runs scripts/refresh-bank-holidays.ts as npm would, against a local server and a temporary copy
// of the bundled file.

const run = promisify(execFile);
const script = fileURLToPath(new URL('../../../scripts/refresh-bank-holidays.ts', import.meta.url));
const bundledText = readFileSync(new URL('./bank-holidays.json', import.meta.url), 'utf8');

type Event = { title: string; date: string; notes: string; bunting: boolean };
type File = Record<string, { division: string; events: Event[] }>;

// What GOV.UK serves: a window of years (here 2019-2029, 2029 being new to us).
const feed = JSON.parse(bundledText) as File;
const englandAndWales = feed['england-and-wales'] as { events: Event[] };
englandAndWales.events = englandAndWales.events.filter((e) => e.date >= '2019');
const y2029: [string, string][] = [
  ['2029-01-01', 'New Year’s Day'],
  ['2029-03-30', 'Good Friday'], // Easter Sunday 2029 is 1 April
  ['2029-04-02', 'Easter Monday'],
  ['2029-05-07', 'Early May bank holiday'],
  ['2029-05-28', 'Spring bank holiday'],
  ['2029-08-27', 'Summer bank holiday'],
  ['2029-12-25', 'Christmas Day'],
  ['2029-12-26', 'Boxing Day'],
];
for (const [date, title] of y2029) {
  englandAndWales.events.push({ title, date, notes: '', bunting: title !== 'Good Friday' });
}

let server: Server;
let base = '';
let directory = '';

before(async () => {
  server = createServer((request, response) => {
    if (request.url === '/bank-holidays.json') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(feed));
    } else if (request.url === '/bad.json') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"scotland":{}}');
    } else {
      response.writeHead(500).end('oops');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  directory = mkdtempSync(join(tmpdir(), 'bank-holidays-'));
});
after(async () => {
  rmSync(directory, { recursive: true, force: true });
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function copyOfBundled(name: string): string {
  const path = join(directory, name);
  writeFileSync(path, bundledText);
  return path;
}

const env = { ...process.env, BANK_HOLIDAYS_URL: '' };

test('adds the new year, keeps the years the feed no longer lists, writes the file', async () => {
  const path = copyOfBundled('ok.json');
  const { stdout } = await run(process.execPath, [script, '--url', `${base}/bank-holidays.json`, '--file', path], {
    env,
  });
  const text = readFileSync(path, 'utf8');
  assert.ok(text.endsWith('}\n'));
  assert.equal(text, `${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  const events = (JSON.parse(text) as File)['england-and-wales']?.events ?? [];
  assert.equal(events[0]?.date, '2015-01-01');
  assert.equal(events.at(-1)?.date, '2029-12-26');
  assert.equal(events.length, 115 + 8);
  assert.match(stdout, /added from GOV\.UK: +2029/);
  assert.match(stdout, /kept \(not in the feed\): 2015-2018/);
  assert.match(stdout, /covers 2015 to 2029/);
  assert.match(stdout, /Wrote /);
});

test('takes the URL from BANK_HOLIDAYS_URL; --dry-run writes nothing', async () => {
  const path = copyOfBundled('dry.json');
  const { stdout } = await run(process.execPath, [script, '--file', path, '--dry-run'], {
    env: { ...env, BANK_HOLIDAYS_URL: `${base}/bank-holidays.json` },
  });
  assert.match(stdout, new RegExp(`Fetching ${base}/bank-holidays.json`));
  assert.match(stdout, /Dry run/);
  assert.equal(readFileSync(path, 'utf8'), bundledText);
});

for (const [what, url, message] of [
  ['an HTTP error', '/down', /answered 500/],
  ['an invalid feed', '/bad.json', /"england-and-wales" division is missing/],
] as const) {
  test(`on ${what} it fails and leaves the file alone`, async () => {
    const path = copyOfBundled(`fail${url.replace(/\W/g, '')}.json`);
    await assert.rejects(
      run(process.execPath, [script, '--url', `${base}${url}`, '--file', path], { env }),
      (error: { code?: number; stderr?: string }) => {
        assert.equal(error.code, 1);
        assert.match(error.stderr ?? '', message);
        return true;
      },
    );
    assert.equal(readFileSync(path, 'utf8'), bundledText);
  });
}
