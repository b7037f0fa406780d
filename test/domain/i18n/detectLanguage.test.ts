import assert from 'node:assert/strict';
import path from 'node:path';
import fc from 'fast-check';
import { createLanguageDetector, detectLanguage, MIN_LATIN_LETTERS } from '../../../src/domain/i18n/detectLanguage';
import { projectRoot } from '../../../src/domain/projectPaths';
import { runInFreshProcess } from '../../support/freshProcess';
import { clientInfoLanguage, firstContactLanguage, namedLanguage } from '../../../src/domain/i18n/firstContactLanguage';
import { LANGUAGES } from '../../../src/domain/languages';

describe('detectLanguage', () => {
  const firstMessages: ReadonlyArray<readonly [string, string]> = [
    ['I need an appointment', 'en'],
    ['Can I make an appointment for my green card', 'en'],
    ['Hola, necesito una cita', 'es'],
    ['hola quiero cancelar mi cita', 'es'],
    ['Mi volas rendevuon', 'eo'],
    ['Saluton, mi bezonas rendevuon', 'eo'],
    ['Tôi muốn đặt lịch hẹn', 'vi'],
    ['Toi muon dat lich hen', 'vi'],
    ['我想预约', 'zh'],
    ['Kailangan ko ng appointment', 'tl'],
    ['Gusto ko pong mag-book ng appointment', 'tl'],
    ['Мне нужна запись', 'ru'],
    ['Preciso de um agendamento', 'pt'],
    ['Bom dia, gostaria de agendar um atendimento', 'pt'],
    ['Je voudrais un rendez-vous', 'fr'],
    ['bonjour je voudrais annuler mon rendez vous', 'fr'],
    ['예약하고 싶어요', 'ko'],
    ['Potrzebuję wizyty', 'pl'],
    ['Dzien dobry, chce sie umowic na wizyte', 'pl'],
    ['أريد موعدا', 'ar'],
    ['Bonjou, mwen bezwen yon randevou', 'ht'],
    ['Mwen vle fè yon randevou', 'ht'],
  ];
  for (const [text, language] of firstMessages) {
    it(`reads "${text}" as ${language}`, () => {
      assert.equal(detectLanguage(text), language);
    });
  }

  const unclear = [
    ['hola', 'a short greeting shared by several languages'],
    ['hi', 'too short'],
    ['ok', 'too short'],
    ['Hola, I need an appointment', 'two languages mixed'],
    ['Maria Lopez', 'a name'],
    ['IP M8H0 EY4P FC76 N', 'a receipt number'],
    ['予約したいです', 'Japanese, which we do not speak'],
    ['Ich brauche einen Termin bitte', 'German, which we do not speak'],
    ['12345 67890', 'no letters'],
    ['', 'nothing'],
  ] as const;
  for (const [text, why] of unclear) {
    it(`does not guess on "${text}" (${why})`, () => {
      assert.equal(detectLanguage(text), undefined);
    });
  }

  it('decides from the script alone only with at least two letters of it', () => {
    assert.equal(detectLanguage('约'), undefined);
    assert.equal(detectLanguage('预约'), 'zh');
    assert.equal(detectLanguage('запись'), 'ru');
  });

  it('does not guess on any text of fewer than MIN_LATIN_LETTERS letters with none of Hangul, Han, Arabic or Cyrillic', () => {
    const pieces = [...'abcdefghijklmnopqrstuvwxyzéñçàüßøł', ...'αβγδשלוםनमस्तेかなカナ', ..." .,!?¿¡-'0123456789"];
    const shortText = fc
      .array(fc.constantFrom(...pieces), { maxLength: 30 })
      .map((chars) => chars.join(''))
      .filter((text) => (text.match(/\p{L}/gu) ?? []).length < MIN_LATIN_LETTERS);
    fc.assert(
      fc.property(shortText, (text) => detectLanguage(text) === undefined),
      { numRuns: 500 },
    );
  });

  it('leaves franc unloaded for a short greeting, and loads it for a text it must judge', function () {
    this.timeout(30_000);
    // A fresh process: this one has loaded franc already.
    const script = `
      const { detectLanguage } = require(${JSON.stringify(path.join(projectRoot(), 'src/domain/i18n/detectLanguage.ts'))});
      const loaded = () => Object.keys(require.cache).some((file) => file.includes('/node_modules/franc/'));
      const steps = [['hello', detectLanguage('hello') ?? null, loaded()], ['hola', detectLanguage('hola') ?? null, loaded()]];
      steps.push(['Мне нужна запись', detectLanguage('Мне нужна запись') ?? null, loaded()]);
      console.log(JSON.stringify(steps));
    `;
    assert.deepEqual(runInFreshProcess(script), [
      ['hello', null, false],
      ['hola', null, false],
      ['Мне нужна запись', 'ru', true],
    ]);
  });

  it('returns only languages of the resources it was given', () => {
    const detect = createLanguageDetector({
      en: { translation: { a: 'appointment please' } },
      es: { translation: { a: 'necesito una cita' } },
    });
    assert.equal(detect('Hola, necesito una cita'), 'es');
    // Words of languages it has no translations for earn no points, and franc alone is not enough.
    assert.equal(detect('Bonjou, mwen bezwen yon randevou'), undefined);
    const codes = LANGUAGES.map((l) => l.code);
    assert.ok(codes.includes(detectLanguage('Мне нужна запись') ?? ''));
  });

  it('counts the day and month names a message about a day names, besides the translations', () => {
    const resources = { en: { translation: { a: 'which day suits you' } }, es: { translation: { a: 'qué día le conviene' } } };
    const text = 'no puedo ir el jueves, puede ser el viernes?';
    assert.equal(createLanguageDetector(resources)(text), undefined);
    const names: Record<string, string[]> = { en: ['thursday', 'friday'], es: ['jueves', 'viernes'] };
    assert.equal(createLanguageDetector(resources, (code) => names[code] ?? [])(text), 'es');
    // A name two languages share ("domingo": es and pt) is nobody's evidence.
    const shared = createLanguageDetector({ es: { translation: { a: 'x' } }, pt: { translation: { a: 'y' } } }, () => [
      'domingo',
      'sabado',
    ]);
    assert.equal(shared('el domingo o el sabado por favor'), undefined);
  });

  const dayMessages: ReadonlyArray<readonly [string, string]> = [
    ['no puedo ir el jueves, puede ser el viernes?', 'es'],
    ['nao posso na quinta, pode ser sexta?', 'pt'],
    ['kailangan ko ng appointment sa huwebes', 'tl'],
  ];
  for (const [text, language] of dayMessages) {
    it(`reads "${text}", a message about a day, as ${language}`, () => {
      assert.equal(detectLanguage(text), language);
    });
  }
});

describe('firstContactLanguage', () => {
  it('takes a language the message names, in its own name or in English', () => {
    assert.equal(namedLanguage('Español'), 'es');
    assert.equal(namedLanguage('kreyol'), 'ht');
    assert.equal(namedLanguage('العربية'), 'ar');
    assert.equal(namedLanguage('中文'), 'zh');
    assert.equal(namedLanguage('I need help'), undefined);
    assert.equal(firstContactLanguage({ text: 'Tiếng Việt', locale: 'en-US' }), 'vi');
  });

  it('prefers the language of the free text to the channel locale', () => {
    assert.equal(firstContactLanguage({ text: 'Hola, necesito una cita', locale: 'en-US' }), 'es');
    assert.equal(firstContactLanguage({ text: 'I need an appointment', locale: 'es-MX' }), 'en');
  });

  it('falls back to the channel locale, then to a Teams clientInfo entity', () => {
    assert.equal(firstContactLanguage({ text: 'hi', locale: 'pl-PL' }), 'pl');
    const teams = [{ type: 'clientInfo', locale: 'ko-KR', country: 'KR', platform: 'Windows' }];
    assert.equal(firstContactLanguage({ text: 'hi', entities: teams }), 'ko');
    assert.equal(firstContactLanguage({ text: 'hi', locale: 'de-DE', entities: teams }), 'ko', 'a locale we do not speak is skipped');
    assert.equal(firstContactLanguage({ text: 'hi', locale: 'fr-CA', entities: teams }), 'fr');
  });

  it('ignores clientInfo entities that name no language of ours, and other entities', () => {
    assert.equal(
      clientInfoLanguage([
        { type: 'mention', locale: 'es-ES' },
        { type: 'clientInfo', locale: 'de-DE' },
      ]),
      undefined,
    );
    assert.equal(clientInfoLanguage([{ type: 'clientInfo' }, null, 'x', { type: 'clientInfo', locale: 'zh-TW' }]), undefined);
    assert.equal(clientInfoLanguage([{ type: 'clientInfo', locale: 'pt-BR' }]), 'pt');
    assert.equal(clientInfoLanguage(undefined), undefined);
  });

  it('does not read a receipt number as text to detect', () => {
    assert.equal(firstContactLanguage({ text: 'IP-M8H0-EY4P-FC76-N', locale: 'ru-RU' }), 'ru');
    assert.equal(firstContactLanguage({ text: 'IP-M8H0-EY4P-FC76-N' }), undefined);
  });
});
