import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { extractText, getDocumentProxy } from 'unpdf';
import { caseRecord, timelineEvent } from '../../src/modules/casework/schema.ts';
import { childLetter, closingRecord, closureEvent } from '../../src/modules/closing/schema.ts';
import { auditEvent } from '../../src/platform/audit/schema.ts';
import { docxText, readZipEntry } from '../../src/platform/documents/zip.ts';
import { outboxMessage } from '../../src/platform/notify/schema.ts';
import { createUser, type Session, signedIn, type TestApp, testApp } from '../helpers/app.ts';
import { CANARY_ADDRESS, CANARY_POSTCODE, seedCase } from '../helpers/cases.ts';
import { caseInClosing, fileReport, gifBytes, jpegBytes, pngBytes, SVG_TEXT, setPerson } from '../helpers/closing.ts';

type Kase = Awaited<ReturnType<typeof caseInClosing>>;

function field(html: string, name: string): string {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!m || m[1] === undefined) throw new Error(`no ${name} on the page`);
  return m[1];
}

function textarea(html: string, name: string): string {
  const m = new RegExp(`<textarea[^>]*name="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html);
  if (!m) throw new Error(`no textarea ${name} on the page`);
  return m[1]!
    .replace(/^\n/, '')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const pdfText = async (bytes: Uint8Array | Buffer) =>
  (await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true })).text;

describe('closing: the closing record, letters to the children, closure and reopening', () => {
  let t: TestApp;
  let fca: { userId: string; email: string };
  let fcaSession: Session;
  let manager: { userId: string; email: string };
  let managerSession: Session;
  let outsider: Session;

  before(async () => {
    t = await testApp();
    fca = await createUser(t.database, 'fca');
    fcaSession = await signedIn(t.app, fca.email);
    manager = await createUser(t.database, 'service-manager');
    managerSession = await signedIn(t.app, manager.email);
    const other = await createUser(t.database, 'fca', { teamId: 'test-team-c', areaId: 'eng-01' });
    outsider = await signedIn(t.app, other.email);
  });
  after(() => t.close());

  const closing = (kase: { caseId: string }) => `/cases/${kase.caseId}/closing`;
  const letterUrl = (kase: { caseId: string }, childId: string) =>
    `/cases/${kase.caseId}/closing/children/${childId}/letter`;

  async function saveRecord(s: Session, kase: { caseId: string }, fields: Record<string, string> = {}) {
    const page = await s.get(`${closing(kase)}/record`);
    assert.equal(page.statusCode, 200);
    return s.post(`${closing(kase)}/record`, {
      _csrf: field(page.body, '_csrf'),
      _formToken: field(page.body, '_formToken'),
      version: field(page.body, 'version'),
      summary: 'The court made a child arrangements order. The children live with their mother.',
      ...fields,
    });
  }

  /** Open the letter page and post its form (the template as it stands, unless `body` is given). */
  async function postLetter(s: Session, kase: Kase, childId: string, fields: Record<string, string> = {}) {
    const page = await s.get(letterUrl(kase, childId));
    assert.equal(page.statusCode, 200);
    return s.post(letterUrl(kase, childId), {
      _csrf: field(page.body, '_csrf'),
      _formToken: field(page.body, '_formToken'),
      version: field(page.body, 'version'),
      action: 'produce',
      body: textarea(page.body, 'body'),
      ...fields,
    });
  }

  async function postPicture(
    s: Session,
    kase: Kase,
    childId: string,
    file: { name: string; type: string; content: Buffer | string } | null,
    alt = 'A drawing of a house with a garden',
  ) {
    const page = await s.get(letterUrl(kase, childId));
    return s.postMultipart(
      `${letterUrl(kase, childId)}/picture`,
      {
        _csrf: field(page.body, '_csrf'),
        _formToken: field(page.body, '_formToken'),
        version: field(page.body, 'version'),
        action: 'add',
        pictureAlt: alt,
      },
      file ? { field: 'picture', ...file } : undefined,
    );
  }

  const documentsOf = async (caseId: string) =>
    (
      (await t.database.db.execute(
        sql`SELECT id, format, language, content, source_id FROM case_document
            WHERE case_id = ${caseId} AND kind = 'child-letter' ORDER BY created_at, format`,
      )) as unknown as {
        rows: { id: string; format: string; language: string; content: Uint8Array; source_id: string }[];
      }
    ).rows;

  const timelineKinds = async (caseId: string) =>
    (await t.database.db.select().from(timelineEvent).where(eq(timelineEvent.caseId, caseId))).map((e) => e.kind);

  it('says what comes first when there is no final order, and refuses the record with a field message', async () => {
    const kase = await seedCase(t.database, { status: 'allocated', allocateTo: fca.userId });
    const page = await fcaSession.get(closing(kase));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /The court’s final order has not been recorded yet/);
    assert.match(page.body, /No report was filed, so no recommendation was made/);
    assert.match(page.body, /The closing record is written once the final order is recorded/);
    assert.match(page.body, /Letters are written once the final order is recorded/);
    assert.match(page.body, /No invitations have been sent yet/);
    assert.ok(!page.body.includes(CANARY_ADDRESS));
    const record = await fcaSession.get(`${closing(kase)}/record`);
    assert.match(record.body, /record it on the court page first/);
    const refused = await saveRecord(fcaSession, kase);
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /href="#summary">The court’s final order has not been recorded/);
    assert.equal(
      (await t.database.db.select().from(closingRecord).where(eq(closingRecord.caseId, kase.caseId))).length,
      0,
    );
    // A letter cannot be written either.
    const letter = await fcaSession.get(letterUrl(kase, kase.childIds.a!));
    assert.match(letter.body, /The letter can be written once the court’s final order is recorded/);
    assert.ok(!letter.body.includes('name="body"'));
  });

  it('records the closing record (no recommendation without a report), versioned, with a harmless double submit', async () => {
    const kase = await caseInClosing(t.database, { allocateTo: fca.userId });
    const page = await fcaSession.get(`${closing(kase)}/record`);
    assert.match(page.body, /No report was filed, so no recommendation was made: the record will say so/);
    assert.match(page.body, /Child arrangements order \(C43\)/);
    // Invalid: no summary.
    const invalid = await saveRecord(fcaSession, kase, { summary: '  ' });
    assert.equal(invalid.statusCode, 400);
    assert.match(invalid.body, /href="#summary">Enter the closing summary/);
    // Saved, then the same form again: one record, one timeline entry.
    const form = {
      _csrf: field(page.body, '_csrf'),
      _formToken: field(page.body, '_formToken'),
      version: '0',
      summary: 'The court made a child arrangements order.',
    };
    const saved = await fcaSession.post(`${closing(kase)}/record`, form);
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `${closing(kase)}?notice=record-saved`);
    const again = await fcaSession.post(`${closing(kase)}/record`, form);
    assert.equal(again.statusCode, 303);
    const [row] = await t.database.db.select().from(closingRecord).where(eq(closingRecord.caseId, kase.caseId));
    assert.equal(row!.orderReflects, 'no-recommendation');
    assert.equal(row!.finalOrderId, kase.orderId);
    assert.equal(row!.version, 1);
    assert.equal((await timelineKinds(kase.caseId)).filter((k) => k === 'closing.record-saved').length, 1);
    const overview = await fcaSession.get(`${closing(kase)}?notice=record-saved`);
    assert.match(overview.body, /The closing record has been saved/);
    assert.match(overview.body, /No recommendation was made/);
    // A stale edit (read at version 1 after someone saved version 2) is refused, not written.
    const stalePage = await fcaSession.get(`${closing(kase)}/record`);
    const first = await saveRecord(fcaSession, kase, { summary: 'Second version.' });
    assert.equal(first.statusCode, 303);
    const stale = await fcaSession.post(`${closing(kase)}/record`, {
      _csrf: field(stalePage.body, '_csrf'),
      _formToken: field(stalePage.body, '_formToken'),
      version: field(stalePage.body, 'version'),
      summary: 'Overwriting version.',
    });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /changed/i);
    const [after] = await t.database.db.select().from(closingRecord).where(eq(closingRecord.caseId, kase.caseId));
    assert.equal(after!.summary, 'Second version.');
    assert.equal(after!.version, 2);
  });

  it('compares the order with our filed recommendation: an explanation is required for partly and no', async () => {
    const kase = await caseInClosing(t.database, { allocateTo: fca.userId });
    const reportId = await fileReport(t.database, kase.caseId, fca.userId);
    const overview = await fcaSession.get(closing(kase));
    assert.match(overview.body, /The children should live with their mother/);
    const page = await fcaSession.get(`${closing(kase)}/record`);
    assert.match(page.body, /Does the final order reflect our recommendation\?/);
    const none = await saveRecord(fcaSession, kase);
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /href="#orderReflects">Select whether the final order reflects our recommendation/);
    const partly = await saveRecord(fcaSession, kase, { orderReflects: 'partly' });
    assert.equal(partly.statusCode, 400);
    assert.match(partly.body, /href="#explanation">Explain how the order differs from our recommendation/);
    assert.match(partly.body, /value="partly" checked/);
    const saved = await saveRecord(fcaSession, kase, {
      orderReflects: 'no',
      explanation: 'The court ordered that the children live with their father.',
    });
    assert.equal(saved.statusCode, 303);
    const [row] = await t.database.db.select().from(closingRecord).where(eq(closingRecord.caseId, kase.caseId));
    assert.equal(row!.orderReflects, 'no');
    assert.equal(row!.reportId, reportId);
    assert.equal(row!.reflectsExplanation, 'The court ordered that the children live with their father.');
    // Yes needs no explanation, and keeps none.
    assert.equal(
      (await saveRecord(fcaSession, kase, { orderReflects: 'yes', explanation: 'ignored' })).statusCode,
      303,
    );
    const [yes] = await t.database.db.select().from(closingRecord).where(eq(closingRecord.caseId, kase.caseId));
    assert.equal(yes!.orderReflects, 'yes');
    assert.equal(yes!.reflectsExplanation, null);
  });

  it('produces a letter from its age band’s words: DOCX and tagged PDF, audited download, timeline', async () => {
    const kase = await caseInClosing(t.database, { allocateTo: fca.userId });
    const page = await fcaSession.get(letterUrl(kase, kase.childIds.a!));
    assert.equal(page.statusCode, 200);
    // Testchild was born on 28 February 2019: 7 on 2 March 2026, so the 4 to 7 band.
    assert.match(page.body, /4 to 7 years/);
    const body = textarea(page.body, 'body');
    assert.match(body, /^Dear Testchild,/);
    assert.match(body, /My name is Test fca \d+/);
    assert.match(body, /who you will live with and when you will spend time with each of your parents/);
    assert.ok(!page.body.includes('name="ageBand"'), 'no band choice when the date of birth is known');
    const produced = await postLetter(fcaSession, kase, kase.childIds.a!);
    assert.equal(produced.statusCode, 303, produced.body.slice(0, 2000));
    assert.equal(produced.headers.location, `${letterUrl(kase, kase.childIds.a!)}?notice=letter-produced`);
    const docs = await documentsOf(kase.caseId);
    assert.deepEqual(
      docs.map((d) => d.format),
      ['docx', 'pdf'],
    );
    const letterPage = await fcaSession.get(String(produced.headers.location));
    assert.match(letterPage.body, /The letter has been produced/);
    assert.match(letterPage.body, /Produced letters/);
    const download = await fcaSession.get(`${closing(kase)}/documents/${docs[0]!.id}`);
    assert.equal(download.statusCode, 200);
    assert.match(String(download.headers['content-type']), /wordprocessingml/);
    const docx = docxText(download.rawPayload);
    assert.match(docx, /A letter for Testchild/);
    assert.match(docx, /From: Test fca \d+, your family court adviser/);
    assert.match(docx, /Dear Testchild,/);
    const pdf = await fcaSession.get(`${closing(kase)}/documents/${docs[1]!.id}`);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const raw = pdf.rawPayload.toString('latin1');
    assert.match(raw, /\/StructTreeRoot/);
    assert.match(raw, /\/Lang \(en-GB\)/);
    assert.match(await pdfText(pdf.rawPayload), /Dear Testchild,/);
    const downloads = await t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.caseId, kase.caseId), eq(auditEvent.action, 'download')));
    assert.equal(downloads.length, 2);
    const events = await t.database.db.select().from(timelineEvent).where(eq(timelineEvent.caseId, kase.caseId));
    const entry = events.find((e) => e.kind === 'closing.child-letter');
    assert.equal(entry?.childId, kase.childIds.a);
    // Another case's document, or an id that is not one, is not found.
    const other = await caseInClosing(t.database, { allocateTo: fca.userId });
    assert.equal((await fcaSession.get(`${closing(other)}/documents/${docs[0]!.id}`)).statusCode, 404);
    assert.equal((await fcaSession.get(`${closing(kase)}/documents/not-a-document`)).statusCode, 404);
    assert.equal((await fcaSession.get(letterUrl(kase, other.childIds.a!))).statusCode, 404);
    assert.equal((await fcaSession.get(letterUrl(kase, 'not-a-child'))).statusCode, 404);
  });

  it('produces a letter with a PNG picture and its description, in the DOCX and as a PDF Figure with /Alt', async () => {
    const kase = await caseInClosing(t.database, { allocateTo: fca.userId });
    const png = pngBytes(60, 40);
    const added = await postPicture(fcaSession, kase, kase.childIds.b!, {
      name: 'drawing.png',
      type: 'image/png',
      content: png,
    });
    assert.equal(added.statusCode, 303, added.body.slice(0, 1500));
    const [letter] = await t.database.db.select().from(childLetter).where(eq(childLetter.childId, kase.childIds.b!));
    assert.equal(letter!.pictureFormat, 'png');
    assert.equal(letter!.pictureWidth, 60);
    assert.equal(letter!.pictureHeight, 40);
    assert.match(letter!.body, /^Dear Secondchild,/);
    const page = await fcaSession.get(letterUrl(kase, kase.childIds.b!));
    assert.match(page.body, /60 × 40 pixels/);
    assert.match(page.body, /A drawing of a house with a garden/);
    const produced = await postLetter(fcaSession, kase, kase.childIds.b!);
    assert.equal(produced.statusCode, 303, produced.body.slice(0, 2000));
    const [docx, pdf] = await documentsOf(kase.caseId);
    const xml = readZipEntry(docx!.content, 'word/document.xml')!.toString('utf8');
    assert.match(xml, /descr="A drawing of a house with a garden"/);
    const raw = Buffer.from(pdf!.content).toString('latin1');
    assert.match(raw, /\/S \/Figure/);
    assert.match(raw, /\/Alt \(/);
    assert.match(raw, /\/Width 60/);
    assert.match(await pdfText(pdf!.content), /Dear Secondchild,/);
  });

  it('takes a JPEG, and refuses a GIF, an SVG, a renamed text file, a file over 5 MB and a picture with no description', async () => {
    const kase = await caseInClosing(t.database, { allocateTo: fca.userId });
    const child = kase.childIds.a!;
    const refusals: [Parameters<typeof postPicture>[3], string, string?][] = [
      [{ name: 'drawing.gif', type: 'image/gif', content: gifBytes() }, 'The picture must be a PNG or JPEG'],
      [{ name: 'drawing.svg', type: 'image/svg+xml', content: SVG_TEXT }, 'The picture must be a PNG or JPEG'],
      [
        { name: 'drawing.png', type: 'image/png', content: 'not a picture at all' },
        'The picture must be a PNG or JPEG',
      ],
      [
        {
          name: 'big.jpg',
          type: 'image/jpeg',
          content: Buffer.concat([jpegBytes(10, 10), Buffer.alloc(5 * 1024 * 1024)]),
        },
        'The picture must be 5 MB or smaller',
      ],
      [{ name: 'drawing.png', type: 'image/png', content: pngBytes(4, 4) }, 'Describe the picture', ''],
      [null, 'Choose a picture'],
    ];
    for (const [file, message, alt] of refusals) {
      const r = await postPicture(fcaSession, kase, child, file, alt);
      assert.equal(r.statusCode, 400, `${file?.name}: ${r.statusCode}`);
      assert.ok(r.body.includes(message), `${file?.name}: ${message}`);
    }
    assert.equal((await t.database.db.select().from(childLetter).where(eq(childLetter.childId, child))).length, 0);
    // A JPEG named .png is a JPEG: the bytes decide.
    const ok = await postPicture(fcaSession, kase, child, {
      name: 'photo.png',
      type: 'image/png',
      content: jpegBytes(320, 200),
    });
    assert.equal(ok.statusCode, 303);
    const [letter] = await t.database.db.select().from(childLetter).where(eq(childLetter.childId, child));
    assert.equal(letter!.pictureFormat, 'jpeg');
    assert.equal(letter!.pictureWidth, 320);
    // Removing it.
    const page = await fcaSession.get(letterUrl(kase, child));
    const removed = await fcaSession.postMultipart(`${letterUrl(kase, child)}/picture`, {
      _csrf: field(page.body, '_csrf'),
      _formToken: field(page.body, '_formToken'),
      version: field(page.body, 'version'),
      action: 'remove',
    });
    assert.equal(removed.statusCode, 303);
    const [cleared] = await t.database.db.select().from(childLetter).where(eq(childLetter.childId, child));
    assert.equal(cleared!.pictureFormat, null);
    assert.equal(cleared!.picture, null);
  });

  it('writes in Welsh for a child who prefers Welsh: Welsh template, Welsh labels, Welsh spell-check', async () => {
    const kase = await caseInClosing(t.database, { allocateTo: fca.userId });
    await setPerson(t.database, kase.personIds.a!, { languagePreference: 'cy' });
    const page = await fcaSession.get(letterUrl(kase, kase.childIds.a!));
    const body = textarea(page.body, 'body');
    assert.match(body, /^Annwyl Testchild,/);
    assert.match(body, /Mae’r barnwr wedi gwneud gorchymyn am bwy y byddi di’n byw gyda nhw/);
    assert.match(page.body, /The letter is produced in Welsh/);
    const produced = await postLetter(fcaSession, kase, kase.childIds.a!);
    assert.equal(produced.statusCode, 303, produced.body.slice(0, 2000));
    const [docx, pdf] = await documentsOf(kase.caseId);
    assert.equal(docx!.language, 'cy');
    assert.match(docxText(docx!.content), /Llythyr i Testchild/);
    assert.match(docxText(docx!.content), /Oddi wrth: Test fca \d+, dy gynghorydd llys teulu/);
    const raw = Buffer.from(pdf!.content).toString('latin1');
    assert.match(raw, /\/Lang \(cy-GB\)/);
    assert.match(await pdfText(pdf!.content), /Beth benderfynodd y llys/);
    // An English word misspelt in a Welsh letter is caught by the Welsh dictionary.
    const wrong = await postLetter(fcaSession, kase, kase.childIds.a!, { body: `${body}\n\nDiolch yn fwar.` });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Correct the spelling of “fwar” or keep it/);
  });

  it('refuses a letter holding a confidential address or postcode of the case, in the text or the picture’s description', async () => {
    const kase = await caseInClosing(t.database, { allocateTo: fca.userId });
    const page = await fcaSession.get(letterUrl(kase, kase.childIds.a!));
    const body = textarea(page.body, 'body');
    const typed = await postLetter(fcaSession, kase, kase.childIds.a!, {
      body: `${body}\n\nYou live at ${CANARY_ADDRESS.toLowerCase()} now.`,
    });
    assert.equal(typed.statusCode, 400);
    assert.match(
      typed.body,
      /href="#body">The letter contains a confidential contact detail from this case \(address\)/,
    );
    const postcode = await postLetter(fcaSession, kase, kase.childIds.a!, {
      body: `${body}\n\nNear ${CANARY_POSTCODE.replace(' ', '')}.`,
    });
    assert.equal(postcode.statusCode, 400);
    assert.match(postcode.body, /confidential contact detail from this case \(postcode\)/);
    assert.equal((await documentsOf(kase.caseId)).length, 0);
    // The text stays a draft (saved), nothing produced.
    const [draft] = await t.database.db.select().from(childLetter).where(eq(childLetter.childId, kase.childIds.a!));
    assert.equal(draft!.status, 'draft');
    // In the picture's description.
    const pic = await postPicture(
      fcaSession,
      kase,
      kase.childIds.a!,
      { name: 'd.png', type: 'image/png', content: pngBytes(4, 4) },
      `Our house at ${CANARY_ADDRESS}`,
    );
    assert.equal(pic.statusCode, 303);
    const refused = await postLetter(fcaSession, kase, kase.childIds.a!, { body });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /href="#pictureAlt">The letter contains a confidential contact detail/);
    assert.equal((await documentsOf(kase.caseId)).length, 0);
  });

  it('asks for the band when the date of birth is not known, and writes no letter for a child under 4', async () => {
    const kase = await caseInClosing(t.database, { allocateTo: fca.userId });
    await setPerson(t.database, kase.personIds.b!, { dateOfBirth: null });
    const page = await fcaSession.get(letterUrl(kase, kase.childIds.b!));
    assert.match(page.body, /Which age band is the letter for\?/);
    assert.equal(textarea(page.body, 'body'), '');
    const noBand = await postLetter(fcaSession, kase, kase.childIds.b!, {
      body: 'Dear Secondchild, the judge has decided.',
    });
    assert.equal(noBand.statusCode, 400);
    assert.match(noBand.body, /href="#ageBand">Select the age band the letter is for/);
    const saved = await postLetter(fcaSession, kase, kase.childIds.b!, {
      ageBand: '12-15',
      action: 'save',
      body: 'Dear Secondchild, the judge has decided.',
    });
    assert.equal(saved.statusCode, 303);
    const [letter] = await t.database.db.select().from(childLetter).where(eq(childLetter.childId, kase.childIds.b!));
    assert.equal(letter!.ageBand, '12-15');
    // Under 4: no letter, and the page says so.
    await setPerson(t.database, kase.personIds.a!, { dateOfBirth: '2022-06-01' });
    const young = await fcaSession.get(letterUrl(kase, kase.childIds.a!));
    assert.match(young.body, /Testchild is under 4 years old, so there is no letter/);
    const overview = await fcaSession.get(closing(kase));
    assert.match(overview.body, /Under 4: no letter/);
    const token = await fcaSession.get(letterUrl(kase, kase.childIds.b!));
    const refused = await fcaSession.post(letterUrl(kase, kase.childIds.a!), {
      _csrf: field(token.body, '_csrf'),
      _formToken: field(token.body, '_formToken'),
      version: '0',
      action: 'produce',
      body: 'Dear Testchild.',
    });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /There is no letter for a child under 4/);
  });

  it('lists misspellings with suggestions and produces once they are corrected or kept; stale and double posts are harmless', async () => {
    const kase = await caseInClosing(t.database, { allocateTo: fca.userId });
    const page = await fcaSession.get(letterUrl(kase, kase.childIds.a!));
    const body = textarea(page.body, 'body');
    const wrong = await postLetter(fcaSession, kase, kase.childIds.a!, {
      body: `${body}\n\nYou will recieve a card from Llanfairfechan.`,
    });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Correct the spelling of “recieve” or keep it/);
    assert.match(wrong.body, /Suggestions: receive/);
    const next = await fcaSession.get(letterUrl(kase, kase.childIds.a!));
    const form = {
      _csrf: field(next.body, '_csrf'),
      _formToken: field(next.body, '_formToken'),
      version: field(next.body, 'version'),
      action: 'produce',
      body: `${body}\n\nYou will receive a card from Llanfairfechan.`,
      ignoreWords: 'Llanfairfechan',
    };
    const ok = await fcaSession.post(letterUrl(kase, kase.childIds.a!), form);
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 2000));
    // The same form again: the same answer, no second set of documents.
    const again = await fcaSession.post(letterUrl(kase, kase.childIds.a!), form);
    assert.equal(again.statusCode, 303);
    assert.equal(again.headers.location, ok.headers.location);
    assert.equal((await documentsOf(kase.caseId)).length, 2);
    // A stale form (read before the letter was produced) is refused and writes nothing.
    const stale = await fcaSession.post(letterUrl(kase, kase.childIds.a!), {
      ...form,
      _formToken: field((await fcaSession.get(letterUrl(kase, kase.childIds.a!))).body, '_formToken'),
      body: 'Overwritten.',
      action: 'save',
    });
    assert.equal(stale.statusCode, 409);
    const [letter] = await t.database.db.select().from(childLetter).where(eq(childLetter.childId, kase.childIds.a!));
    assert.match(letter!.body, /receive a card/);
    assert.equal(letter!.status, 'produced');
  });

  it('refuses closure without the final order or the closing record, with field messages', async () => {
    const noOrder = await seedCase(t.database, { status: 'report-filed', allocateTo: fca.userId });
    const page = await fcaSession.get(`${closing(noOrder)}/close`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Record the court’s final order/);
    const refused = await fcaSession.post(`${closing(noOrder)}/close`, {
      _csrf: field(page.body, '_csrf'),
      _formToken: field(page.body, '_formToken'),
    });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /href="#finalOrder">The court’s final order has not been recorded/);
    const kase = await caseInClosing(t.database, { allocateTo: fca.userId });
    const noRecord = await fcaSession.get(`${closing(kase)}/close`);
    assert.match(noRecord.body, /Write the closing record for the final order/);
    const r = await fcaSession.post(`${closing(kase)}/close`, {
      _csrf: field(noRecord.body, '_csrf'),
      _formToken: field(noRecord.body, '_formToken'),
    });
    assert.equal(r.statusCode, 409);
    assert.match(r.body, /href="#closingRecord">Write the closing record for the final order first/);
    const [state] = await t.database.db.select().from(caseRecord).where(eq(caseRecord.id, kase.caseId));
    assert.equal(state!.status, 'closing');
    const invalid = await fcaSession.post(`${closing(kase)}/close`, { _csrf: field(noRecord.body, '_csrf') });
    assert.equal(invalid.statusCode, 400);
  });

  it('closes once: warns about a child without a letter, queues one invitation per adult and per child of 12+, reopened by a manager only', async () => {
    const kase = await caseInClosing(t.database, { allocateTo: fca.userId });
    // Testchild is 13: invited. Secondchild is 6: not invited. The father prefers Welsh.
    await setPerson(t.database, kase.personIds.a!, { dateOfBirth: '2013-01-10' });
    await setPerson(t.database, kase.personIds.father!, { languagePreference: 'cy' });
    assert.equal((await saveRecord(fcaSession, kase)).statusCode, 303);
    const page = await fcaSession.get(`${closing(kase)}/close`);
    assert.match(page.body, /Testchild Example has no letter yet\. You can still close the case/);
    assert.match(page.body, /Secondchild Example has no letter yet/);
    assert.match(page.body, /Testmother Example/);
    const form = { _csrf: field(page.body, '_csrf'), _formToken: field(page.body, '_formToken') };
    const closed = await fcaSession.post(`${closing(kase)}/close`, form);
    assert.equal(closed.statusCode, 303);
    assert.equal(closed.headers.location, `${closing(kase)}?notice=closed`);
    const again = await fcaSession.post(`${closing(kase)}/close`, form);
    assert.equal(again.statusCode, 303);
    const [state] = await t.database.db.select().from(caseRecord).where(eq(caseRecord.id, kase.caseId));
    assert.equal(state!.status, 'closed');
    assert.ok(state!.closedAt);
    const messages = await t.database.db.select().from(outboxMessage).where(eq(outboxMessage.caseId, kase.caseId));
    assert.equal(messages.length, 3);
    const byPerson = new Map(messages.map((m) => [m.recipientPersonId, m]));
    for (const key of ['mother', 'father', 'a']) {
      const m = byPerson.get(kase.personIds[key]!);
      assert.ok(m, `${key} invited`);
      assert.equal(m!.template, 'feedback-invitation');
      assert.equal(m!.idempotencyKey, `feedback-invitation:${kase.caseId}:${kase.personIds[key]}`);
      assert.deepEqual(m!.personalisation, { reference: kase.reference });
      assert.ok(!JSON.stringify(m).includes(CANARY_ADDRESS) && !JSON.stringify(m).includes(CANARY_POSTCODE));
    }
    assert.equal(byPerson.get(kase.personIds.father!)!.language, 'cy');
    assert.equal(byPerson.get(kase.personIds.mother!)!.language, 'en');
    assert.equal(byPerson.get(kase.personIds.mother!)!.channel, 'letter');
    assert.equal(byPerson.get(kase.personIds.mother!)!.recipient, null);
    const kinds = await timelineKinds(kase.caseId);
    assert.equal(kinds.filter((k) => k === 'state.closed').length, 1);
    const overview = await fcaSession.get(`${closing(kase)}?notice=closed`);
    assert.match(overview.body, /The case has been closed/);
    assert.match(overview.body, /The case was closed on 2 March 2026/);
    assert.match(overview.body, /Waiting to be sent/);
    assert.ok(!overview.body.includes('/closing/reopen'), 'an adviser is not offered reopening');
    // Closed: the record and letters no longer change.
    const late = await saveRecord(fcaSession, kase, { summary: 'Too late.' });
    assert.equal(late.statusCode, 409);
    // Reopening: a manager of the area only, with a reason.
    assert.equal((await fcaSession.get(`${closing(kase)}/reopen`)).statusCode, 403);
    const reopenPage = await managerSession.get(`${closing(kase)}/reopen`);
    assert.equal(reopenPage.statusCode, 200);
    const noReason = await managerSession.post(`${closing(kase)}/reopen`, {
      _csrf: field(reopenPage.body, '_csrf'),
      _formToken: field(reopenPage.body, '_formToken'),
      reason: ' ',
    });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /href="#reason">Enter why the case is being reopened/);
    const reopenForm = {
      _csrf: field(reopenPage.body, '_csrf'),
      _formToken: field(reopenPage.body, '_formToken'),
      reason: 'A new application was made in the same proceedings.',
    };
    const reopened = await managerSession.post(`${closing(kase)}/reopen`, reopenForm);
    assert.equal(reopened.statusCode, 303);
    assert.equal((await managerSession.post(`${closing(kase)}/reopen`, reopenForm)).statusCode, 303);
    const [open] = await t.database.db.select().from(caseRecord).where(eq(caseRecord.id, kase.caseId));
    assert.equal(open!.status, 'awaiting-allocation');
    assert.equal(open!.closedAt, null);
    const history = await t.database.db.select().from(closureEvent).where(eq(closureEvent.caseId, kase.caseId));
    assert.deepEqual(history.map((h) => h.kind).sort(), ['closed', 'reopened']);
    assert.equal(history.find((h) => h.kind === 'reopened')!.reason, reopenForm.reason);
    assert.equal((await timelineKinds(kase.caseId)).filter((k) => k === 'state.reopened').length, 1);
    const shown = await managerSession.get(closing(kase));
    assert.match(shown.body, /Reopened by Test service-manager \d+: A new application was made/);
    assert.ok(
      (await t.database.db.select().from(closingRecord).where(eq(closingRecord.caseId, kase.caseId))).length === 1,
    );
    // Reopening a case that is not closed is refused with the message.
    const notClosed = await managerSession.get(`${closing(kase)}/reopen`);
    const r = await managerSession.post(`${closing(kase)}/reopen`, {
      _csrf: field(notClosed.body, '_csrf'),
      _formToken: field(notClosed.body, '_formToken'),
      reason: 'Again.',
    });
    assert.equal(r.statusCode, 409);
    assert.match(r.body, /Only a closed case can be reopened/);
    // Closed again later (a new final order): nobody is invited twice.
    await t.database.db.update(caseRecord).set({ status: 'closing' }).where(eq(caseRecord.id, kase.caseId));
    const second = await fcaSession.get(`${closing(kase)}/close`);
    const closedAgain = await fcaSession.post(`${closing(kase)}/close`, {
      _csrf: field(second.body, '_csrf'),
      _formToken: field(second.body, '_formToken'),
    });
    assert.equal(closedAgain.statusCode, 303);
    assert.equal(
      (await t.database.db.select().from(outboxMessage).where(eq(outboxMessage.caseId, kase.caseId))).length,
      3,
    );
  });

  it('refuses those outside need-to-know, readers who cannot edit, and posts without a CSRF token', async () => {
    const kase = await caseInClosing(t.database, { allocateTo: fca.userId });
    for (const url of [
      closing(kase),
      `${closing(kase)}/record`,
      letterUrl(kase, kase.childIds.a!),
      `${closing(kase)}/close`,
    ]) {
      const r = await outsider.get(url);
      assert.ok([403, 404].includes(r.statusCode), `${url} → ${r.statusCode}`);
      assert.ok(!r.body.includes('Testchild') && !r.body.includes(CANARY_ADDRESS));
    }
    const auditor = await createUser(t.database, 'qa-auditor');
    const reader = await signedIn(t.app, auditor.email);
    assert.equal((await reader.get(closing(kase))).statusCode, 200);
    assert.equal((await reader.get(`${closing(kase)}/record`)).statusCode, 403);
    const readOnly = await reader.get(letterUrl(kase, kase.childIds.a!));
    assert.equal(readOnly.statusCode, 200);
    assert.ok(!readOnly.body.includes('name="body"'));
    const noToken = await fcaSession.post(`${closing(kase)}/record`, { summary: 'No token.', version: '0' });
    assert.equal(noToken.statusCode, 403);
    const noTokenUpload = await fcaSession.postMultipart(`${letterUrl(kase, kase.childIds.a!)}/picture`, {
      version: '0',
    });
    assert.equal(noTokenUpload.statusCode, 403);
  });

  it('never puts a confidential address of the case into any letter it produced', async () => {
    const rows = (
      (await t.database.db.execute(
        sql`SELECT format, content FROM case_document WHERE kind = 'child-letter'`,
      )) as unknown as { rows: { format: string; content: Uint8Array }[] }
    ).rows;
    assert.ok(rows.length >= 6, `found ${rows.length} letters`);
    for (const row of rows) {
      const text = row.format === 'docx' ? docxText(row.content) : await pdfText(row.content);
      for (const secret of [CANARY_ADDRESS, CANARY_POSTCODE, 'Hidden Lane']) {
        assert.ok(!text.toLowerCase().includes(secret.toLowerCase()), `${row.format} contains ${secret}`);
      }
    }
  });
});
