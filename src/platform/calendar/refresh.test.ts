import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { BankHolidaysFormatError } from './bank-holidays-format.ts';
import { fetchBankHolidays, formatMergeSummary, mergeBankHolidays, serialiseBankHolidays } from './refresh.ts';

const event = (date: string, title: string, notes = '') => ({ title, date, notes, bunting: true });
const file = (events: unknown[], scotland: unknown[] = []) => ({
  'england-and-wales': { division: 'england-and-wales', events },
  scotland: { division: 'scotland', events: scotland },
  'northern-ireland': { division: 'northern-ireland', events: [] },
});

const bundled = file([
  event('2020-01-01', 'New Year’s Day'),
  event('2020-12-28', 'Boxing Day', 'Substitute day'),
  event('2021-01-01', 'New Year’s Day'),
  event('2021-05-03', 'Early May bank holiday'),
]);

describe('mergeBankHolidays', () => {
  test('feed years replace bundled years, new years are added, missing years are kept', () => {
    const fetched = file(
      [
        event('2021-01-01', 'New Year’s Day'),
        event('2021-05-07', 'Early May bank holiday (moved)'),
        event('2022-01-03', 'New Year’s Day', 'Substitute day'),
      ],
      [event('2022-01-04', '2nd January', 'Substitute day')],
    );
    const result = mergeBankHolidays(bundled, fetched);
    assert.deepEqual(
      result.data['england-and-wales'].events.map((e) => e.date),
      ['2020-01-01', '2020-12-28', '2021-01-01', '2021-05-07', '2022-01-03'],
    );
    assert.deepEqual(
      result.data.scotland?.events.map((e) => e.date),
      ['2022-01-04'],
    );
    const englandAndWales = result.changes.find((c) => c.division === 'england-and-wales');
    assert.deepEqual(englandAndWales, {
      division: 'england-and-wales',
      yearsAdded: [2022],
      yearsUpdated: [2021],
      yearsUnchanged: [],
      yearsKept: [2020],
      eventsAdded: [
        event('2021-05-07', 'Early May bank holiday (moved)'),
        event('2022-01-03', 'New Year’s Day', 'Substitute day'),
      ],
      eventsRemoved: [event('2021-05-03', 'Early May bank holiday')],
    });
    assert.equal(result.changed, true);
  });

  test('never drops a year the bundled file has, even if the feed has none of them', () => {
    const result = mergeBankHolidays(bundled, file([event('2022-01-03', 'New Year’s Day')]));
    assert.deepEqual(
      result.data['england-and-wales'].events.map((e) => e.date),
      ['2020-01-01', '2020-12-28', '2021-01-01', '2021-05-03', '2022-01-03'],
    );
    assert.deepEqual(result.changes[0]?.yearsKept, [2020, 2021]);
  });

  test('an identical feed changes nothing', () => {
    const result = mergeBankHolidays(bundled, structuredClone(bundled));
    assert.equal(result.changed, false);
    assert.deepEqual(result.changes[0]?.yearsUnchanged, [2020, 2021]);
    assert.equal(serialiseBankHolidays(result.data), `${JSON.stringify(bundled, null, 2)}\n`);
  });

  test('the real bundled file merged with a GOV.UK-sized window of itself keeps 2015-2028', () => {
    const text = readFileSync(new URL('./bank-holidays.json', import.meta.url), 'utf8');
    const real = JSON.parse(text);
    const window = structuredClone(real);
    window['england-and-wales'].events = window['england-and-wales'].events.filter(
      (e: { date: string }) => e.date >= '2019' && e.date < '2027',
    );
    const result = mergeBankHolidays(real, window);
    assert.equal(result.changed, false);
    assert.deepEqual(result.changes[0]?.yearsKept, [2015, 2016, 2017, 2018, 2027, 2028]);
    assert.equal(serialiseBankHolidays(result.data), text);
  });

  test('refuses an invalid feed', () => {
    assert.throws(() => mergeBankHolidays(bundled, { scotland: bundled.scotland }), BankHolidaysFormatError);
    assert.throws(
      () => mergeBankHolidays(bundled, file([event('2022-02-29', 'Not a day')])),
      /the downloaded bank holidays is not valid.*\n.*"2022-02-29" is not a real/,
    );
    assert.throws(() => mergeBankHolidays(bundled, file([{ date: '2022-01-03' }])), /"title"/);
  });

  test('refuses a result the calendar could not use (a gap in the years)', () => {
    assert.throws(
      () => mergeBankHolidays(bundled, file([event('2023-01-02', 'New Year’s Day')])),
      /no events for 2022/,
    );
  });
});

test('serialiseBankHolidays: GOV.UK order, 2-space indent, final newline', () => {
  const shuffled = {
    scotland: { division: 'scotland', events: [] },
    'england-and-wales': { division: 'england-and-wales', events: [event('2020-01-01', 'NY')] },
  };
  const merged = mergeBankHolidays(shuffled, shuffled).data;
  assert.equal(
    serialiseBankHolidays(merged),
    '{\n  "england-and-wales": {\n    "division": "england-and-wales",\n    "events": [\n' +
      '      {\n        "title": "NY",\n        "date": "2020-01-01",\n        "notes": "",\n' +
      '        "bunting": true\n      }\n    ]\n  },\n' +
      '  "scotland": {\n    "division": "scotland",\n    "events": []\n  }\n}\n',
  );
});

test('formatMergeSummary says what happened', () => {
  const result = mergeBankHolidays(bundled, file([event('2022-01-03', 'New Year’s Day', 'Substitute day')]));
  const summary = formatMergeSummary(result);
  assert.match(summary, /england-and-wales: 3 year\(s\) in the file/);
  assert.match(summary, /added from GOV\.UK: +2022/);
  assert.match(summary, /kept \(not in the feed\): 2020, 2021/);
  assert.match(summary, /\+ 2022-01-03 New Year’s Day \(Substitute day\)/);
  assert.match(summary, /covers 2020 to 2022/);
  assert.match(summary, /Changes found\./);
});

describe('fetchBankHolidays', () => {
  let server: Server;
  let base = '';
  const routes = new Map<string, [number, string]>([
    ['/ok.json', [200, JSON.stringify(bundled)]],
    ['/missing.json', [404, 'Not found']],
    ['/html', [200, '<html>maintenance</html>']],
    ['/wrong-shape.json', [200, JSON.stringify({ scotland: bundled.scotland })]],
  ]);

  before(async () => {
    server = createServer((request, response) => {
      const [status, body] = routes.get(request.url ?? '') ?? [404, ''];
      response.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('downloads and validates', async () => {
    const data = await fetchBankHolidays(`${base}/ok.json`);
    assert.equal(data['england-and-wales'].events.length, 4);
  });

  test('an HTTP error is an error', async () => {
    await assert.rejects(fetchBankHolidays(`${base}/missing.json`), /answered 404/);
  });

  test('a body that is not JSON is an error', async () => {
    await assert.rejects(fetchBankHolidays(`${base}/html`), /did not return JSON/);
  });

  test('JSON of the wrong shape is an error', async () => {
    await assert.rejects(fetchBankHolidays(`${base}/wrong-shape.json`), BankHolidaysFormatError);
  });

  test('only http and https', async () => {
    await assert.rejects(fetchBankHolidays('file:///etc/passwd'), /Refusing to fetch/);
  });
});
