import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentText } from '../../platform/documents/model.ts';
import { spellCheck } from '../../platform/documents/spellcheck.ts';
import { AGE_BANDS } from './age-bands.ts';
import {
  childLetterDocument,
  DECISION_KINDS,
  decisionKind,
  firstName,
  letterLanguage,
  letterMessages,
  letterTemplate,
} from './letter-content.ts';

describe('the words of a letter to a child', () => {
  it('starts every band’s letter with the child, the adviser and the decision, in both languages', () => {
    for (const language of ['en', 'cy'] as const) {
      for (const band of AGE_BANDS) {
        const text = letterTemplate(language, band, {
          childName: 'Mali',
          adviserName: 'Sam Jones',
          orderType: 'C43',
          orderLabel: null,
        });
        assert.match(text, /^(Dear|Annwyl) Mali,/);
        assert.ok(text.includes('Sam Jones'), `${language} ${band}`);
        assert.ok(text.includes(letterMessages(language).t('closing.letter.decisions.child-arrangements')));
        assert.ok(!/\{\w+\}/.test(text), `${language} ${band} has a placeholder left: ${text}`);
      }
    }
  });

  it('spells every template and decision correctly in its own language (the letter must pass its spell-check)', () => {
    for (const language of ['en', 'cy'] as const) {
      const { t } = letterMessages(language);
      const texts = [
        ...AGE_BANDS.map((b) => t(`closing.letter.templates.${b}`)),
        ...DECISION_KINDS.map((k) => t(`closing.letter.decisions.${k}`)),
      ].map((s) => s.replace(/\{\w+\}/g, ''));
      for (const text of texts) assert.deepEqual(spellCheck(text, language), [], `${language}: ${text}`);
    }
  });

  it('reads the kind of order from its form number or the court’s name for it', () => {
    assert.equal(decisionKind('C43'), 'child-arrangements');
    assert.equal(decisionKind('childArrangementsSpecificProhibitedOrder'), 'child-arrangements');
    assert.equal(
      decisionKind('unknown', 'Child arrangements, specific issue or prohibited steps order (C43)'),
      'child-arrangements',
    );
    assert.equal(decisionKind('C43A'), 'special-guardianship');
    assert.equal(decisionKind('specialGuardianshipOrder'), 'special-guardianship');
    assert.equal(decisionKind('C45A'), 'parental-responsibility');
    assert.equal(decisionKind('FL404A'), 'non-molestation');
    assert.equal(decisionKind('other', null), 'other');
  });

  it('writes in the child’s language, else the case’s', () => {
    assert.equal(letterLanguage('cy', 'en'), 'cy');
    assert.equal(letterLanguage('en', 'cy'), 'en');
    assert.equal(letterLanguage('pl', 'cy'), 'cy');
    assert.equal(letterLanguage(null, 'en'), 'en');
  });

  it('greets the child by their first given name', () => {
    assert.equal(firstName('Anne-Marie Rose'), 'Anne-Marie');
    assert.equal(firstName('  Dafydd '), 'Dafydd');
  });

  it('makes a document with Welsh labels for a Welsh letter, the picture’s description in its text', () => {
    const model = childLetterDocument(
      {
        language: 'cy',
        body: 'Annwyl Mali,\n\nMae’r barnwr wedi penderfynu.',
        picture: { format: 'png', data: new Uint8Array([1]), width: 10, height: 10, alt: 'Llun o dŷ' },
      },
      { childFirstName: 'Mali', adviserName: 'Sam Jones', datedOn: '2026-03-02' },
    );
    assert.equal(model.title, 'Llythyr i Mali');
    assert.equal(model.language, 'cy');
    const text = documentText(model);
    assert.match(text, /Oddi wrth: Sam Jones, dy gynghorydd llys teulu/);
    assert.match(text, /Dyddiad: 2 Mawrth 2026/);
    assert.match(text, /Llun o dŷ/);
  });
});
