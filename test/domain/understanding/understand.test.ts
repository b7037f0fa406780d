import assert from 'node:assert/strict';
import path from 'node:path';
import { generateReceiptNumber, formatReceiptNumber } from '../../../src/domain/appointments/receiptNumber';
import { readWhen } from '../../../src/domain/dates/parseWhen';
import { understand, type Expecting, type Understanding } from '../../../src/domain/understanding';
import { contextOf, readCorpora } from '../../../src/domain/understanding/evaluation';
import { holdsWholeDate } from '../../../src/domain/understanding/identifiers';

/** Tuesday 1 December 2026, 09:00 in New York: "mañana" is the 2nd, "el martes" the 8th. */
const NOW = new Date('2026-12-01T14:00:00.000Z');
const ZONE = 'America/New_York';

function read(language: string, text: string, expecting?: Expecting): Understanding {
  return understand(text, language, { expecting, now: NOW, timeZone: ZONE });
}

type Row = [language: string, text: string, expecting: Expecting | undefined, intent: string, entities: Record<string, unknown>];

const FIRST_MESSAGES: Row[] = [
  ['en', 'hi i need an appointment for my green card, zip 90012', undefined, 'book', { zip: '90012', reason: 'green_card_not_received' }],
  [
    'es',
    'hola necesito una cita para mi permiso de trabajo el martes en la manana',
    undefined,
    'book',
    { reason: 'ead_inquiry', when: { date: '2026-12-08', partOfDay: 'morning' } },
  ],
  ['fr', 'je voudrais un rdv au bureau de Houston', undefined, 'book', { office: 'HOU' }],
  ['pt', 'quais documentos devo levar', undefined, 'documents', {}],
  ['ru', 'когда мой прием', undefined, 'lookup', {}],
  ['pl', 'chcę przełożyć wizytę', undefined, 'reschedule', {}],
  ['vi', 'infopass la gi', undefined, 'about', {}],
  ['tl', 'tulong po', undefined, 'help', {}],
  ['eo', 'ŝanĝi lingvon', undefined, 'changeLanguage', {}],
  ['ht', 'rekomanse', undefined, 'startOver', {}],
  ['ar', 'احتاج موعد لتصريح العمل', undefined, 'book', { reason: 'ead_inquiry' }],
  ['zh', '我住在11354，綠卡一直沒收到，想預約', undefined, 'book', { zip: '11354', reason: 'green_card_not_received' }],
  ['ko', '뉴욕 사무소에 예약하고 싶어요', undefined, 'book', { office: 'NYC' }],
];

const ANSWERS: Row[] = [
  ['en', '90012', 'zip', 'none', { zip: '90012' }],
  ['es', 'vivo en Guatemala', 'zip', 'none', { country: 'GT' }],
  ['ru', 'живу в Мексике', 'country', 'none', { country: 'MX' }],
  ['pl', 'mieszkam w Polsce', 'zip', 'none', { country: 'PL' }],
  ['ht', 'grin kat', 'reason', 'none', { reason: 'green_card_not_received' }],
  ['en', 'my name is John Smith', 'name', 'none', { name: 'John Smith' }],
  ['ko', '제 이름은 박지영입니다', 'name', 'none', { name: '박지영' }],
  ['fr', '04/03/1980', 'dob', 'none', { dateOfBirth: '1980-03-04' }],
  ['en', '(212) 736-5000', 'phone', 'none', { phone: '+12127365000' }],
  ['es', 'mañana a las 10', 'when', 'none', { when: { date: '2026-12-02', time: '10:00' } }],
  ['en', 'in the afternoon', 'when', 'none', { when: { partOfDay: 'afternoon' } }],
];

describe('understand', () => {
  describe('first messages say what people want, with everything in them', () => {
    for (const [language, text, expecting, intent, entities] of FIRST_MESSAGES) {
      it(`${language}: ${text}`, () => {
        const got = read(language, text, expecting);
        assert.equal(got.intent, intent);
        assert.deepEqual(got.entities, entities);
      });
    }
  });

  describe('answers to a question are `none`, with what they answer', () => {
    for (const [language, text, expecting, intent, entities] of ANSWERS) {
      it(`${language} at ${expecting}: ${text}`, () => {
        const got = read(language, text, expecting);
        assert.equal(got.intent, intent);
        assert.deepEqual(got.entities, entities);
      });
    }
  });

  describe('context rules (issue 21, part 5)', () => {
    const CANCEL_WORDS: Array<[string, string]> = [
      ['en', 'cancel'],
      ['es', 'cancelar'],
      ['fr', 'annuler'],
      ['zh', '取消'],
      ['ht', 'anile'],
      ['ko', '취소'],
      ['eo', 'nuligi'],
    ];
    for (const [language, word] of CANCEL_WORDS) {
      it(`${language} "${word}": yes at the cancel confirmation, quit at the summary and mid-flow, cancel at the menu and first`, () => {
        assert.equal(read(language, word, 'cancelConfirm').intent, 'yes');
        assert.equal(read(language, word, 'summary').intent, 'quit');
        assert.equal(read(language, word, 'name').intent, 'quit');
        assert.equal(read(language, word, 'menu').intent, 'cancel');
        assert.equal(read(language, word).intent, 'cancel');
      });
    }

    it('"keep it" at the cancel confirmation is no', () => {
      assert.equal(read('en', 'no keep it', 'cancelConfirm').intent, 'no');
      assert.equal(read('es', 'no, quiero mantener mi cita', 'cancelConfirm').intent, 'no');
    });

    it('a ZIP code alone at the menu starts a booking with it', () => {
      assert.deepEqual(read('en', '90012', 'menu'), { intent: 'book', confidence: 0.7, entities: { zip: '90012' } });
    });

    it('a booking word at the summary is yes (book it)', () => {
      assert.equal(read('es', 'confirmar', 'summary').intent, 'yes');
    });

    it('"no" opening a correction at the summary is no, with the corrected value', () => {
      assert.deepEqual(read('en', 'no, my zip is 10002', 'summary').entities, { zip: '10002' });
      assert.equal(read('en', 'no, my zip is 10002', 'summary').intent, 'no');
    });

    it('"not" inside a sentence away from a yes/no question is not a no', () => {
      assert.equal(read('en', 'I have not received my green card').intent, 'book');
    });

    it('the name question takes a name, and a command there is a command', () => {
      assert.deepEqual(read('es', 'Jose Garcia Lopez', 'name').entities, { name: 'Jose Garcia Lopez' });
      assert.equal(read('es', 'ayuda', 'name').intent, 'help');
      assert.deepEqual(read('es', 'ayuda', 'name').entities, {});
    });
  });

  describe('receipt numbers', () => {
    const receipt = generateReceiptNumber();
    const shown = formatReceiptNumber(receipt);

    it('a receipt number anywhere asks to cancel, typed any way', () => {
      for (const typed of [shown, receipt.toLowerCase(), shown.replace(/-/g, ' ')]) {
        assert.deepEqual(read('es', `quiero cancelar ${typed}`), {
          intent: 'cancel',
          confidence: 0.9,
          entities: { receiptNumber: receipt },
        });
        assert.equal(read('en', typed).intent, 'cancel');
      }
    });

    it('at the receipt question it only answers it', () => {
      assert.equal(read('en', shown, 'receipt').intent, 'none');
    });

    it('a near miss (a character missing, extra or wrong, in one piece or several) is reported, never guessed', () => {
      const missing = shown.slice(0, -2).toLowerCase().replace(/-/g, ' ');
      const extra = `${receipt}7`;
      const wrong = receipt.slice(0, 8) + (receipt[8] === 'A' ? 'B' : 'A') + receipt.slice(9);
      for (const typed of [missing, extra, wrong]) {
        const got = read('en', `cancel ${typed}`);
        assert.deepEqual(got.entities, { receiptNearMiss: true }, typed);
        assert.equal(got.intent, 'cancel');
      }
    });

    it('a USCIS case number is told apart', () => {
      assert.deepEqual(read('en', 'my case number is EAC2212345678', 'receipt').entities, { caseNumber: 'EAC2212345678' });
    });
  });

  describe('dates', () => {
    it('a weekday is never today: "el martes" said on a Tuesday is next week', () => {
      assert.deepEqual(read('es', 'el martes en la mañana', 'when').entities.when, { date: '2026-12-08', partOfDay: 'morning' });
    });

    it("the reading carried is readWhen's, made once: always at the date question, and wherever dates were read of the text as typed", () => {
      let atDateQuestion = 0;
      let elsewhere = 0;
      for (const dir of ['nlu-dev', 'nlu-dev2', 'nlu']) {
        for (const { corpus } of readCorpora(path.join(__dirname, '../../corpus', dir))) {
          for (const u of corpus.utterances) {
            const context = contextOf(corpus, u);
            const got = understand(u.text, corpus.language, context).dates;
            if (u.expecting === 'when') assert.ok(got, `${corpus.language}: ${u.text}`);
            if (!got) continue;
            assert.deepEqual(got, readWhen(u.text, corpus.language, context.now, context.timeZone), `${corpus.language}: ${u.text}`);
            if (u.expecting === 'when') atDateQuestion++;
            else elsewhere++;
          }
        }
      }
      assert.ok(atDateQuestion > 100 && elsewhere > 100, `${atDateQuestion} date answers, ${elsewhere} other messages`);
      assert.equal(read('en', 'tomorrow at 10', 'reason').dates, undefined, 'no dates read at the reason question');
      assert.equal(read('en', 'zip 90012 tomorrow at 10').dates, undefined, 'a ZIP code was blanked out');
      assert.ok(read('en', 'zip 90012 tomorrow at 10', 'when').dates);
      assert.equal(read('en', 'i need an appointment').dates, undefined, 'no date cue');
    });

    it('only the parts said: a time alone has no date, a day alone no time', () => {
      assert.deepEqual(read('en', 'at 10am', 'when').entities.when, { time: '10:00' });
      assert.deepEqual(read('en', 'thursday', 'when').entities.when, { date: '2026-12-03' });
    });
  });

  describe('rules the second development corpus called for (test/corpus/nlu-dev2)', () => {
    it('the words that name a reason are no intent phrase ("document de voyage" is no question about documents)', () => {
      assert.deepEqual(read('fr', 'document de voyage urgent', 'reason'), {
        intent: 'none',
        confidence: 0.9,
        entities: { reason: 'advance_parole' },
      });
      assert.equal(read('zh', '要紧急出国', 'reason').intent, 'none');
    });

    it('papers named in the answer to a question are words of the answer', () => {
      assert.equal(read('ar', 'بدي ختم ADIT على الباسبور', 'reason').intent, 'none');
      assert.equal(read('ar', 'هل احتاج الجواز؟').intent, 'documents');
    });

    it('spellings: "cest", "jsuis", "vc", "ko" are read as the words they stand for', () => {
      assert.equal(read('fr', 'cest quoi ce service').intent, 'about');
      assert.equal(read('fr', 'jsuis perdu').intent, 'help');
      assert.equal(read('pt', 'vcs são do governo?').intent, 'about');
      assert.equal(read('vi', 'em ko hieu, giup em voi').intent, 'help');
    });

    it('vi "dung" (đúng, typed without its marks) is yes, not "đừng"', () => {
      assert.equal(read('vi', 'dung', 'officeConfirm').intent, 'yes');
      assert.equal(read('vi', 'đúng', 'officeConfirm').intent, 'yes');
      assert.equal(read('vi', 'khoan, dung huy', 'cancelConfirm').intent, 'no');
    });

    it('a look-up word does not outrank a cancel said outright', () => {
      assert.equal(read('ht', 'm pap ka vini ankò, anile randevou a').intent, 'cancel');
      assert.equal(read('ht', 'ki dat randevou m nan ankò?').intent, 'lookup');
    });

    it('moving an appointment from one day to another: the last day said is the new one', () => {
      assert.deepEqual(read('ar', 'ممكن اغير موعدي من الخميس للجمعة').entities, { when: { date: '2026-12-04' } });
      assert.deepEqual(read('es', 'cambiar mi cita del jueves al viernes').entities, { when: { date: '2026-12-04' } });
      assert.deepEqual(read('ar', 'عاوز معاد يوم الخميس').entities, { when: { date: '2026-12-03' } });
    });

    it('a receipt or case number glued to a Chinese word is found', () => {
      assert.deepEqual(read('zh', '取消预约号IP7H3H30SP0TABJ').entities, { receiptNumber: 'IP7H3H30SP0TABJ' });
      assert.equal(read('zh', '我的案件号EAC2190123456').entities.caseNumber, 'EAC2190123456');
    });

    it('a country after "I live in" with the preposition glued, or "in" typed before it', () => {
      assert.deepEqual(read('ar', 'انا ساكن بالسعودية', 'zip').entities, { country: 'SA' });
      assert.deepEqual(read('fr', 'au Sénégal', 'country').entities, { country: 'SN' });
      assert.deepEqual(read('fr', 'je suis au Canada', 'zip').entities, { country: 'CA' });
    });

    it('English action words inside a sentence of another language ("em muon reschedule cuoc hen")', () => {
      assert.equal(read('vi', 'em muon reschedule cuoc hen').intent, 'reschedule');
      assert.equal(read('pt', 'quero dar reschedule no meu agendamento').intent, 'reschedule');
      assert.equal(read('zh', '我想reschedule我的预约').intent, 'reschedule');
      assert.equal(read('zh', '需要什么documents').intent, 'documents');
      // English yes/no words are not read inside another language's sentence: "no" is Spanish's too.
      assert.equal(read('es', 'no tengo cita, quiero una').intent, 'book');
    });

    it('a ZIP code after a label and its colon, not after a time', () => {
      assert.deepEqual(read('zh', '邮编：11354', 'zip').entities, { zip: '11354' });
      assert.deepEqual(read('en', 'zip:90012', 'zip').entities, { zip: '90012' });
      assert.equal(read('en', 'at 10: 12345', 'when').entities.zip, undefined);
    });

    it('ht "dawou" (August) in a date of birth', () => {
      assert.deepEqual(read('ht', '15 dawou 1987', 'dob').entities, { dateOfBirth: '1987-08-15' });
    });

    it('name cues people type ("moi c\'est", "em tên là")', () => {
      assert.deepEqual(read('fr', "moi c'est Pierre-Louis Martin", 'name').entities, { name: 'Pierre-Louis Martin' });
      assert.deepEqual(read('vi', 'em ten la Le Minh Tuan', 'name').entities, { name: 'Le Minh Tuan' });
    });
  });

  describe('thanks and small talk', () => {
    const THANKS: Array<[string, string]> = [
      ['pt', 'ok obrigada'],
      ['es', 'ok gracias'],
      ['fr', 'merci'],
      ['vi', 'cảm ơn'],
      ['ru', 'спасибо'],
      ['ko', '감사합니다'],
      ['pl', 'dziękuję'],
      ['tl', 'salamat'],
      ['ar', 'شكرا'],
      ['ht', 'mèsi'],
      ['eo', 'dankon'],
      ['zh', '谢谢'],
      ['zh', '多謝'],
      ['en', 'ok thanks'],
    ];
    for (const [language, text] of THANKS) {
      it(`${language} "${text}" and "ok ${text}" ask for nothing when no yes/no question is open`, () => {
        for (const typed of [text, `ok ${text}`]) {
          for (const expecting of [undefined, 'menu', 'zip', 'when'] as const) {
            const { intent, confidence, entities } = read(language, typed, expecting);
            assert.deepEqual(
              { intent, confidence, entities },
              { intent: 'none', confidence: 0.5, entities: {} },
              `${typed} at ${expecting}`,
            );
          }
        }
      });
    }

    it('at a yes/no question, a yes with thanks is still yes', () => {
      assert.equal(read('pt', 'ok obrigada', 'officeConfirm').intent, 'yes');
      assert.equal(read('zh', '好的，謝謝', 'yesno').intent, 'yes');
      assert.equal(read('es', 'no, gracias', 'summary').intent, 'no');
    });

    it('thanks for the help ask for no help, in every language', () => {
      const rows: Array<[string, string]> = [
        ['pt', 'muito obrigado pela ajuda'],
        ['pl', 'dziękuję bardzo za pomoc'],
        ['ht', 'mèsi anpil pou èd la'],
        ['tl', 'maraming salamat po sa tulong'],
        ['es', 'muchas gracias por la ayuda'],
        ['ru', 'большое спасибо за помощь'],
        ['eo', 'koran dankon pro la helpo'],
      ];
      for (const [language, text] of rows) assert.equal(read(language, text).intent, 'none', `${language}: ${text}`);
    });

    it('a quit word inside an answer to the question is a word of the answer', () => {
      assert.equal(read('ko', '워크퍼밋 기다린지 5개월 됐어요', 'reason').intent, 'none');
      assert.equal(read('ko', '됐어요', 'reason').intent, 'quit');
    });

    it('thanks say no intent of their own words, and the rest of the message still counts', () => {
      assert.equal(read('en', 'thanks for your help').intent, 'none');
      assert.equal(read('zh', '谢谢你的帮助').intent, 'none');
      assert.equal(read('es', 'gracias, necesito ayuda').intent, 'help');
      assert.equal(read('zh', '唔該幫我預約').intent, 'book');
    });
  });

  describe('the last known misses of the development corpora', () => {
    it('pt "tem atendimento em espanhol?" asks for the service in a language: changeLanguage', () => {
      assert.equal(read('pt', 'tem atendimento em espanhol?').intent, 'changeLanguage');
      assert.equal(read('pt', 'quero marcar um atendimento').intent, 'book');
    });

    it('eo "sufiĉas" (enough) at the reason question stops; "ĉu sufiĉas" asks about papers', () => {
      assert.equal(read('eo', 'sufiĉas', 'reason').intent, 'quit');
      assert.equal(read('eo', 'ĉu mia pasporto sufiĉos?').intent, 'documents');
    });

    it('a phrase inside a longer phrase of another intent is part of it ("没有问题" is no no)', () => {
      assert.equal(read('zh', '没有问题', 'yesno').intent, 'yes');
      assert.equal(read('zh', '聯絡方式冇問題', 'summary').intent, 'yes');
      assert.equal(read('fr', 'est ce que je peux changer la date de mon rdv').intent, 'reschedule');
    });

    it('a receipt number keeps the words after it for the date ("IP… to dec 10", "IP… 到礼拜五下午")', () => {
      const receipt = generateReceiptNumber();
      assert.deepEqual(read('zh', `改约 ${receipt} 到礼拜五下午`).entities, {
        receiptNumber: receipt,
        when: { date: '2026-12-04', partOfDay: 'afternoon' },
      });
      assert.deepEqual(read('ko', `${receipt} 예약 다음주 수요일로 옮겨주세요`).entities, {
        receiptNumber: receipt,
        when: { date: '2026-12-09' },
      });
      assert.deepEqual(read('en', `reschedule ${formatReceiptNumber(receipt)} to friday`).entities, {
        receiptNumber: receipt,
        when: { date: '2026-12-04' },
      });
    });

    it('a receipt number with a quit word in a first message cancels it', () => {
      const receipt = generateReceiptNumber();
      assert.equal(read('zh', `${receipt} 唔要喇`).intent, 'cancel');
      assert.equal(read('zh', '唔要喇', 'name').intent, 'quit');
    });

    it('a ZIP code after a comma that ends a clause, not inside a number', () => {
      assert.equal(read('zh', '法官叫我去移民局辦手續，要預約，11220').entities.zip, '11220');
      assert.equal(read('en', 'zip 1,23456').entities.zip, undefined);
    });

    it('a pending case yields to any other reason named', () => {
      assert.equal(read('tl', 'yung work permit ko po, matagal na pending', 'reason').entities.reason, 'ead_inquiry');
      assert.equal(read('en', 'my DACA application is pending', 'reason').entities.reason, 'deferred_action');
      assert.equal(read('en', 'my case is pending', 'reason').entities.reason, 'pending_case');
    });

    it('dates of birth written year first with two digits ("78年9月2号", "780902")', () => {
      assert.deepEqual(read('zh', '78年9月2号', 'dob').entities, { dateOfBirth: '1978-09-02' });
      assert.deepEqual(read('ko', '780902', 'dob').entities, { dateOfBirth: '1978-09-02' });
      assert.deepEqual(read('en', '03041980', 'dob').entities, { dateOfBirth: '1980-03-04' });
    });
  });

  describe('more context rules', () => {
    it('a USCIS case number at the receipt question answers it: no question about papers', () => {
      assert.deepEqual(read('ht', 'se LIN2390012345 ki sou papye a', 'receipt'), {
        intent: 'none',
        confidence: 0.9,
        entities: { caseNumber: 'LIN2390012345' },
      });
    });

    it('one cancel word, however spelt, stops a flow in its middle ("otmena" at the name question)', () => {
      assert.equal(read('ru', 'otmena', 'name').intent, 'quit');
      assert.equal(read('ru', 'otmena').intent, 'cancel');
    });

    it('a remark on languages beside what a booking needs books', () => {
      assert.equal(read('tl', 'para po sa lola ko, hindi po sya marunong mag english, zip namin 94015').intent, 'book');
      assert.equal(read('tl', 'hindi po sya marunong mag english').intent, 'changeLanguage');
    });

    it('a quit word opening a longer message stops ("sispann, m pa vle ankò")', () => {
      assert.equal(read('ht', 'sispann, m pa vle ankò', 'when').intent, 'quit');
      assert.equal(read('en', 'I want to stop by the office on friday').intent, 'book');
    });

    it('a number after "I live in" is the place: the next words name no country ("can" is no Canada)', () => {
      assert.deepEqual(read('en', 'i live in 10002, can i go tuesday').entities, { zip: '10002', when: { date: '2026-12-08' } });
    });

    it('a country in the story of a reason is not where the person lives', () => {
      assert.deepEqual(read('vi', 'me em benh nang o VN, can ve gap', 'reason').entities.country, undefined);
    });

    it('countries named in Esperanto at the country question', () => {
      assert.deepEqual(read('eo', 'Francio', 'country').entities, { country: 'FR' });
    });

    it('dates typed in Latin letters: Russian and Arabizi', () => {
      assert.deepEqual(read('ru', 'zavtra v 11', 'when').entities, { when: { date: '2026-12-02', time: '11:00' } });
      assert.deepEqual(read('ru', 'nuzhna zapis, v pyatnicu').entities, { when: { date: '2026-12-04' } });
      assert.deepEqual(read('ar', 'ba3d bokra el 3asr', 'when').entities, { when: { date: '2026-12-03', partOfDay: 'afternoon' } });
      assert.equal(read('ar', '3ayez alghy el maw3ed').intent, 'cancel');
    });
  });

  describe('Chinese: Traditional, Cantonese, yes and no', () => {
    it('联系方式 / 聯繫方式 (contact details) at a yes/no question is no yes: 係 is yes only as an answer', () => {
      for (const text of ['联系方式', '聯繫方式', '關係']) assert.equal(read('zh', text, 'yesno').intent, 'none', text);
      for (const text of ['係', '係呀', '係啊', '係，取消佢']) assert.equal(read('zh', text, 'cancelConfirm').intent, 'yes', text);
      assert.equal(read('zh', '唔係', 'yesno').intent, 'no');
    });

    it('Cantonese particles end a whole answer ("唔約喇", "算啦")', () => {
      assert.equal(read('zh', '唔約喇', 'when').intent, 'quit');
      assert.equal(read('zh', '算啦', 'name').intent, 'quit');
      assert.equal(read('zh', '啱呀', 'officeConfirm').intent, 'yes');
    });

    it('Cantonese and Traditional wishes', () => {
      const rows: Array<[string, string]> = [
        ['我約咗邊日呀', 'lookup'],
        ['可唔可以改去禮拜五', 'reschedule'],
        ['使唔使帶護照', 'documents'],
        ['你哋係邊個', 'about'],
        ['唔識用', 'help'],
        ['重新嚟過', 'startOver'],
        ['有冇廣東話', 'changeLanguage'],
        ['請問要準備哪些證件', 'documents'],
      ];
      for (const [text, intent] of rows) assert.equal(read('zh', text).intent, intent, text);
    });

    it('Cantonese dates and places', () => {
      assert.deepEqual(read('zh', '後日朝早得唔得').entities, { when: { date: '2026-12-03', partOfDay: 'morning' } });
      assert.deepEqual(read('zh', '我住喺中國', 'zip').entities, { country: 'CN' });
      assert.deepEqual(read('zh', '台灣', 'country').entities, { country: 'TW' });
    });
  });

  describe('misses of the fourth development round (test/corpus/nlu-dev4)', () => {
    it('papers named in a booking sentence are what it is for, not a question about documents', () => {
      assert.equal(read('ar', 'بدي موعد لختم ADIT على الباسبور، الأوراق جاهزة').intent, 'book');
      assert.equal(read('vi', 'toi can lam giay to, can dat hen gap').intent, 'book');
      assert.equal(read('en', 'what papers do i need for my appointment').intent, 'documents');
      assert.equal(read('en', 'documents for my appointment').intent, 'documents');
      assert.equal(read('vi', 'can mang giay to gi khi di hen').intent, 'documents');
    });

    it('Arabic "next week on Wednesday" is that Wednesday, not the week', () => {
      assert.deepEqual(read('ar', 'بدي موعد الأسبوع القادم يوم الأربعاء الساعة 11').entities, {
        when: { date: '2026-12-09', time: '11:00' },
      });
      assert.deepEqual(read('ar', 'الخميس من الاسبوع الجاي').entities, { when: { date: '2026-12-10' } });
      assert.deepEqual(read('ar', 'الأسبوع القادم').entities, { when: { date: '2026-12-07' } });
    });

    it('a duration in a story is no date; the weekday beside it is ("pending 7 months, thursday")', () => {
      assert.deepEqual(read('en', 'my work permit pending 7 months, thursday around 1pm').entities, {
        reason: 'ead_inquiry',
        when: { date: '2026-12-03', time: '13:00' },
      });
      assert.deepEqual(read('ru', 'нужна запись, разрешение на работу висит уже больше 90 дней').entities, { reason: 'ead_inquiry' });
      assert.deepEqual(read('zh', '工卡申请等了超过90天还没批，想约个时间去问').entities, { reason: 'ead_inquiry' });
      assert.deepEqual(read('ar', 'عايز احجز ميعاد عشان تصريح العمل بتاعي متأخر اكتر من ٣ شهور').entities, { reason: 'ead_inquiry' });
      // A time from now is a date; so is a weekday's number (vi "thứ 6": Friday).
      assert.deepEqual(read('en', 'can i come in 2 weeks').entities, { when: { date: '2026-12-15' } });
      assert.deepEqual(read('zh', '90天后可以预约吗').entities, { when: { date: '2027-03-01' } });
      assert.deepEqual(read('vi', 'cho 3 tuan roi, thu 6 tuan nay duoc khong').entities, { when: { date: '2026-12-04' } });
      // At the date question a duration is an answer.
      assert.deepEqual(read('en', '2 weeks', 'when').entities, { when: { date: '2026-12-15' } });
    });

    it('tl "ngayon" in a sentence is now, not a wish for today; at the date question it is today', () => {
      assert.deepEqual(read('tl', 'nasa pilipinas po ako ngayon, need ko ng appointment sa uscis').entities, { country: 'PH' });
      assert.deepEqual(read('tl', 'yung green card ko d pa dumating hanggang ngayon', 'reason').entities, {
        reason: 'green_card_not_received',
      });
      assert.deepEqual(read('tl', 'ngayon', 'when').entities, { when: { date: '2026-12-01' } });
    });

    it('a number inside a whole date is part of it, not a choice from a list (holdsWholeDate)', () => {
      assert.equal(holdsWholeDate('4 de marzo de 1980', 'es'), true);
      assert.equal(holdsWholeDate('born 03/04/1980', 'en'), true);
      assert.equal(holdsWholeDate('4', 'es'), false);
      assert.equal(holdsWholeDate('el 4 por favor', 'es'), false);
      assert.equal(holdsWholeDate('option 2, thanks', 'en'), false);
    });

    it('vi "cái thứ 2" at the list of times is the second time, not Monday (thứ 2); elsewhere thứ 2 is Monday', () => {
      assert.deepEqual(read('vi', 'cái thứ 2', 'slot').entities, {});
      assert.deepEqual(read('en', 'option 3', 'slot').entities, {});
      assert.deepEqual(read('vi', 'thứ 2 được không', 'slot').entities, { when: { date: '2026-12-07' } });
      assert.deepEqual(read('vi', 'cái thứ 2', 'when').entities, { when: { date: '2026-12-07' } });
      assert.deepEqual(read('vi', 'lấy cái 9 giờ', 'slot').entities, { when: { time: '09:00' } });
    });

    it('a change "from Thursday to Friday" asked as a booking takes the first day, never today', () => {
      for (const [language, text] of [
        ['en', 'I want an appointment from thursday to friday'],
        ['fr', 'je veux un rdv de jeudi à vendredi'],
        ['es', 'cita del jueves al viernes'],
        ['ru', 'хочу записаться с четверга до пятницы'],
        ['pl', 'wizyta od czwartku do piątku'],
        ['zh', '周四到周五可以预约吗'],
      ] as const) {
        assert.deepEqual(read(language, text).entities, { when: { date: '2026-12-03' } }, `${language}: ${text}`);
      }
    });

    it('misspelt weekdays typed on phones: zh homophones (星其五, 礼拜无, 里拜三), ko 요일 typos (금여일, 목요알)', () => {
      assert.deepEqual(read('zh', '星其五下午').entities, { when: { date: '2026-12-04', partOfDay: 'afternoon' } });
      assert.deepEqual(read('zh', '礼拜无上午10点').entities, { when: { date: '2026-12-04', time: '10:00' } });
      assert.deepEqual(read('zh', '我想预约里拜三').entities, { when: { date: '2026-12-02' } });
      assert.deepEqual(read('ko', '금여일 오후에 예약하고 싶어요').entities, { when: { date: '2026-12-04', partOfDay: 'afternoon' } });
      assert.deepEqual(read('ko', '목요알 10시', 'when').entities, { when: { date: '2026-12-03', time: '10:00' } });
      assert.deepEqual(read('ko', '12월 5일', 'when').entities, { when: { date: '2026-12-05' } });
    });

    it('"change the date of IP-…" and "of my appointment" move an appointment; "change the date" at the summary corrects', () => {
      const receipt = generateReceiptNumber();
      assert.equal(read('en', `change the date of ${formatReceiptNumber(receipt)}`).intent, 'reschedule');
      assert.equal(read('es', `quiero cambiar la fecha de ${receipt}`).intent, 'reschedule');
      assert.equal(read('en', 'change the date of my appointment').intent, 'reschedule');
      assert.notEqual(read('en', 'change the date', 'summary').intent, 'reschedule');
    });

    it('verbs said to an appointment or a reservation: cancel, show, move (eo, pl, ar, tl)', () => {
      assert.equal(read('eo', 'forigu mian rendevuon').intent, 'cancel');
      assert.equal(read('eo', 'montru mian rezervon').intent, 'lookup');
      assert.equal(read('eo', 'movu mian rendevuon al vendredo').intent, 'reschedule');
      assert.equal(read('pl', 'skasuj moja rezerwacje').intent, 'cancel');
      assert.equal(read('pl', 'pokaz moja rezerwacje').intent, 'lookup');
      assert.equal(read('ar', 'ابي اكنسل الموعد').intent, 'cancel');
      assert.equal(read('ar', 'أحتاج موعداً لتقديم نموذج N-470 شخصياً').intent, 'book');
      assert.equal(read('tl', 'paresched po ng appointment ko').intent, 'reschedule');
    });

    it('pt "até agora" (so far) tells a story: the day and part of the day beside it are the wish', () => {
      assert.deepEqual(read('pt', 'liguei pro 800 faz 2 meses e ate agora nada, quero marcar um horario, sexta a tarde').entities, {
        reason: 'contact_center_followup',
        when: { date: '2026-12-04', partOfDay: 'afternoon' },
      });
    });

    it('ru "на 10 утра" is at 10 in the morning', () => {
      assert.deepEqual(read('ru', 'запишите меня на завтра на 10 утра').entities, { when: { date: '2026-12-02', time: '10:00' } });
    });

    it('"change the day to friday" at the summary gives Friday', () => {
      assert.deepEqual(read('en', 'change the day to friday', 'summary').entities, { when: { date: '2026-12-04' } });
      assert.deepEqual(read('en', 'the day after tomorrow').entities, { when: { date: '2026-12-03' } });
    });
  });

  describe('misses of the fifth development round (test/corpus/nlu-dev5)', () => {
    it('an ADIT stamp named beside the green card it stands in for is the reason', () => {
      assert.equal(read('en', 'i lost my green card and need an ADIT stamp').entities.reason, 'adit_stamp');
      assert.equal(read('pl', 'zielona karta nie doszla, potrzebny mi stempel').entities.reason, 'adit_stamp');
      assert.equal(read('en', 'my green card never arrived').entities.reason, 'green_card_not_received');
    });

    it('a quit word opening a message at the summary stops the flow, whatever "no" follows; a whole answer stays one', () => {
      assert.equal(read('ar', 'خلاص الغي كل شي انا مش عايز', 'summary').intent, 'quit');
      assert.equal(read('ar', 'لا، الاسم غلط', 'summary').intent, 'no');
      assert.equal(read('vi', 'dung', 'officeConfirm').intent, 'yes');
    });

    it('pl "na 15.12" is a day and a month, not 15:12; "o 10.12" is a time', () => {
      assert.deepEqual(read('pl', 'wizyta na 10.12 o 9:30').entities, { when: { date: '2026-12-10', time: '09:30' } });
      assert.deepEqual(read('pl', 'na 15.30', 'when').entities, { when: { time: '15:30' } });
      assert.deepEqual(read('pl', 'o 10.12', 'when').entities, { when: { time: '10:12' } });
    });

    it('Gulf "باچر" (tomorrow), "للساعة 3", Arabizi months, "3al 11 w nos" and Maghrebi days', () => {
      assert.deepEqual(read('ar', 'باچر الصبح', 'when').entities, { when: { date: '2026-12-02', partOfDay: 'morning' } });
      assert.deepEqual(read('ar', 'ممكن للساعة 4 العصر', 'when').entities, { when: { time: '16:00' } });
      assert.deepEqual(read('ar', 'yom 9 january', 'when').entities, { when: { date: '2027-01-09' } });
      assert.deepEqual(read('ar', 'el khamis 3al 10 w nos', 'when').entities, { when: { date: '2026-12-03', time: '10:30' } });
      assert.deepEqual(read('ar', 'nhar letnin sbah', 'when').entities, { when: { date: '2026-12-07', partOfDay: 'morning' } });
    });

    it('a quit word before a date phrase is a word of it ("soti jedi": from Thursday); alone or opening a sentence it stops', () => {
      assert.notEqual(read('ht', 'soti lendi rive madi').intent, 'quit');
      assert.notEqual(read('ht', 'soti lendi rive madi', 'when').intent, 'quit');
      assert.equal(read('ht', 'soti', 'name').intent, 'quit');
      assert.equal(read('ht', 'sispann, m pa vle ankò').intent, 'quit');
    });

    it('a documents question that asks for no booking names the green card as a paper to bring, not a card never received', () => {
      assert.deepEqual(read('ar', 'شو الاوراق، لازم اجيب الجرين كارد؟').entities, {});
      assert.equal(read('ar', 'شو الاوراق، لازم اجيب الجرين كارد؟').intent, 'documents');
      assert.equal(
        read('en', 'what documents do i bring for my appointment, my green card never arrived').entities.reason,
        'green_card_not_received',
      );
      assert.equal(read('eo', 'cu mi devas porti la ordonon de la jugxisto?').entities.reason, 'judge_order');
    });

    it('en "the 3rd" at the list of times is the third time, no date; "the 3rd at 10am" and the date question still read a date', () => {
      assert.deepEqual(read('en', 'the 3rd', 'slot').entities, {});
      assert.deepEqual(read('en', 'the 3rd at 10am', 'slot').entities, { when: { date: '2026-12-03', time: '10:00' } });
      assert.deepEqual(read('en', 'the 3rd', 'when').entities, { when: { date: '2026-12-03' } });
    });

    it('Esperanto in the x- and h-systems reads as with its letters (letterSpellings), in phrases and places alike', () => {
      for (const typed of [
        'ĉu vi povas ŝanĝi mian rendevuon',
        'cxu vi povas sxangxi mian rendevuon',
        'chu vi povas shanghi mian rendevuon',
      ])
        assert.equal(read('eo', typed).intent, 'reschedule', typed);
      assert.deepEqual(read('eo', 'mi logxas en Chikago').entities, { office: 'CHI' });
      assert.equal(read('eo', 'ankauh mi bezonas helpon').intent, 'help');
    });

    it('pl "ł" typed as "l" and "l" for "ł" read alike (letterSpellings), whichever the word list holds', () => {
      // "o usłudze" (about the service) is listed with its "ł" only.
      assert.equal(read('pl', 'powiedz mi cos o usludze').intent, 'about');
      assert.equal(read('pl', 'powiedz mi coś o usłudze').intent, 'about');
      assert.equal(read('pl', 'chce odwolac wizyte').intent, 'cancel');
    });

    it('ar dates with French mixed in and "الساعه" typed with ه, read in a first message too', () => {
      assert.deepEqual(read('ar', 'bghit maw3id demain matin').entities, { when: { date: '2026-12-02', partOfDay: 'morning' } });
      assert.deepEqual(read('ar', 'ممكن موعد vendredi').entities, { when: { date: '2026-12-04' } });
      assert.deepEqual(read('ar', 'بكره الساعه 11', 'when').entities, { when: { date: '2026-12-02', time: '11:00' } });
    });

    it('eo "ĉio estas ĝusta" at the summary is yes, "malĝusta" no; pl "już nie potrzebuję" cancels', () => {
      assert.equal(read('eo', 'cxio estas gxusta', 'summary').intent, 'yes');
      assert.equal(read('eo', 'la telefono estas malgxusta', 'summary').intent, 'no');
      assert.equal(read('pl', 'juz nie potrzebuje tej rezerwacji').intent, 'cancel');
    });

    it('Arabizi yes, no and stop ("eh sa7", "mesh sa7", "khalas") and "ارجع للقائمة" (back to the menu)', () => {
      assert.equal(read('ar', 'eh sa7', 'summary').intent, 'yes');
      assert.equal(read('ar', 'mesh sa7', 'summary').intent, 'no');
      assert.equal(read('ar', 'khalas', 'name').intent, 'quit');
      assert.equal(read('ar', 'ارجع للقائمة', 'phone').intent, 'startOver');
    });

    it('Esperanto dates in the h-system ("jhauhdon", "morgauh")', () => {
      assert.deepEqual(read('eo', 'jhauhdon posttagmeze', 'when').entities, { when: { date: '2026-12-03', partOfDay: 'afternoon' } });
      assert.deepEqual(read('eo', 'morgauh', 'when').entities, { when: { date: '2026-12-02' } });
    });
  });

  describe('misses of the sixth development round (test/corpus/nlu-dev6)', () => {
    it('pl "no" opening a message is "well", not no ("no tak", "no dobra, odwołuj"); other languages keep English "no"', () => {
      assert.equal(read('pl', 'no dobra, odwoluj', 'cancelConfirm').intent, 'yes');
      assert.equal(read('pl', 'no tak, ale jutro', 'yesno').intent, 'yes');
      assert.equal(read('pl', 'nie, zle', 'yesno').intent, 'no');
      assert.equal(read('es', 'no, mi zip es 10002', 'yesno').intent, 'no');
    });

    it('a date wish past the characters the date parser reads, in a long story, is read from its sentence', () => {
      const story =
        'Piszę w imieniu mojej mamy, która ma 74 lata i nie mówi po angielsku. Złożyła wniosek dwa lata temu i od ' +
        'tamtej pory cisza, nikt nic nie wie, na stronie ciągle ten sam status. Chcemy przyjść do biura w Chicago, ' +
        'najlepiej we wtorek rano, bo wtedy mam wolne.';
      assert.ok(story.length > 200);
      assert.deepEqual(read('pl', story).entities, {
        office: 'CHI',
        reason: 'pending_case',
        when: { date: '2026-12-08', partOfDay: 'morning' },
      });
    });

    it('pl ways of asking: look-up, another date, who are you, stop, meet in person, stop it all at the summary', () => {
      assert.equal(read('pl', 'wyslij mi jeszcze raz potwierdzenie').intent, 'lookup');
      assert.equal(read('pl', 'czy ja wgl jestem zapisany?').intent, 'lookup');
      assert.equal(read('pl', 'poprosze inna date dla mojej wizyty').intent, 'reschedule');
      assert.equal(read('pl', 'a kim ty jestes').intent, 'about');
      assert.equal(read('pl', 'a daj spokoj', 'phone').intent, 'quit');
      assert.equal(read('pl', 'chce sie spotkac z kims osobiscie w biurze').intent, 'book');
      assert.equal(read('pl', 'anuluj wszystko', 'summary').intent, 'quit');
      assert.equal(read('pl', 'anuluj wszystko').intent, 'cancel');
      assert.equal(read('pl', 'musze isc do urzedu imigracyjnego').intent, 'book');
      assert.equal(read('pl', 'gdzie mam przyjść?').intent, 'lookup');
      assert.equal(read('pl', 'czy mogę przyjść innego dnia').intent, 'reschedule');
      assert.equal(read('pl', 'czym się zajmujesz').intent, 'about');
      assert.equal(read('pl', 'przestań', 'when').intent, 'quit');
    });
  });

  describe('the known misreadings left in issue 21', () => {
    it('"without an answer" is the contact centre only when no other reason is named: a case waiting without one is the case', () => {
      const cases: Array<[string, string]> = [
        ['eo', 'mia kazo atendas jam 2 jarojn sen respondo, volas paroli kun oficisto persone'],
        ['es', 'mi caso lleva 2 años sin respuesta, quiero hablar con un oficial'],
        ['fr', 'mon dossier est en attente depuis 2 ans sans reponse'],
        ['en', 'my case has been pending 2 years, no answer'],
      ];
      for (const [language, text] of cases) assert.equal(read(language, text).entities.reason, 'pending_case', `${language}: ${text}`);
      assert.equal(read('eo', 'mia verda karto neniam alvenis, sen respondo').entities.reason, 'green_card_not_received');
    });

    it('the contact centre is still read: named, or its silence said alone', () => {
      const cases: Array<[string, string, Expecting | undefined]> = [
        ['eo', 'mi telefonis al la kontaktcentro antaŭ du monatoj', undefined],
        ['eo', 'mi telefonis al la kontaktcentro kaj neniu respondis', undefined],
        ['eo', 'sen respondo', 'reason'],
        ['eo', 'neniu respondis al mi, mi volas rendevuon', undefined],
        ['es', 'nadie me contesta, necesito una cita', undefined],
        ['en', 'I called the contact center about my case, no answer', undefined],
      ];
      for (const [language, text, expecting] of cases) {
        assert.equal(read(language, text, expecting).entities.reason, 'contact_center_followup', `${language}: ${text}`);
      }
    });
  });

  describe('a cancel phrase that refuses a day while another is offered chooses a day: reschedule', () => {
    // Tuesday 1 December 2026: Thursday is the 3rd, Friday the 4th.
    const choosing: Array<[string, string]> = [
      ['pl', 'nie dam rady w czwartek, może w piątek'],
      ['pl', 'nie moge przyjsc w czwartek, moze w piatek'],
      ['en', "can't make it thursday, maybe friday"],
      ['en', 'cant make it thursday but friday works'],
      ['es', 'no puedo ir el jueves, mejor el viernes'],
      ['ru', 'в четверг не смогу прийти, может в пятницу'],
      ['eo', 'mi ne povas veni ĵaŭde, eble vendrede'],
    ];
    for (const [language, text] of choosing) {
      it(`${language}: ${text}`, () => {
        const got = read(language, text);
        assert.deepEqual([got.intent, got.entities], ['reschedule', { when: { date: '2026-12-04' } }]);
      });
    }

    it('with a receipt number, that appointment is the one moved', () => {
      const receipt = generateReceiptNumber();
      const got = read('en', `${formatReceiptNumber(receipt)} can't make it thursday, maybe friday`);
      assert.deepEqual([got.intent, got.entities], ['reschedule', { receiptNumber: receipt, when: { date: '2026-12-04' } }]);
    });

    it('a refusal with a cancel said outright, or with no other day, still cancels', () => {
      const cancelling: Array<[string, string]> = [
        ['en', "can't make it, cancel it"],
        ['pl', 'nie dam rady, anuluj'],
        ['en', "can't make it thursday, cancel it"],
        ['pl', 'nie dam rady w czwartek, anuluj'],
        ['en', "can't make it thursday"],
        ['pl', 'nie dam rady w czwartek'],
        ['es', 'no puedo ir el jueves'],
      ];
      for (const [language, text] of cancelling) assert.equal(read(language, text).intent, 'cancel', `${language}: ${text}`);
    });
  });

  describe('a weekday in any of its forms is a date in a first message, as it is at the date question', () => {
    // Tuesday 1 December 2026: Thursday is the 3rd, Friday the 4th, Monday the 7th, Sunday the 6th.
    const cases: Array<[string, string, string]> = [
      // Esperanto's adverbial weekdays ("on Friday"), typed with, without and in the x- and h-systems.
      ['eo', 'vendrede', '2026-12-04'],
      ['eo', 'ĵaŭde', '2026-12-03'],
      ['eo', 'jaude', '2026-12-03'],
      ['eo', 'jxauxde', '2026-12-03'],
      ['eo', 'lunde', '2026-12-07'],
      ['eo', 'dimancxon', '2026-12-06'],
      // The cases of Polish and Russian weekdays after "on".
      ['pl', 'w środę', '2026-12-02'],
      ['pl', 'w niedziele', '2026-12-06'],
      ['ru', 'в пятницу', '2026-12-04'],
      ['ru', 'в субботу', '2026-12-05'],
    ];
    for (const [language, text, date] of cases) {
      it(`${language}: ${text}`, () => {
        const first = read(language, text);
        assert.deepEqual([first.intent, first.entities.when], ['book', { date }]);
        assert.deepEqual(read(language, text, 'when').entities.when, { date });
      });
    }

    it('in a sentence too', () => {
      const got = read('eo', 'mi volas rendevuon ĵaŭde matene, zip 10001');
      assert.deepEqual([got.intent, got.entities], ['book', { zip: '10001', when: { date: '2026-12-03', partOfDay: 'morning' } }]);
    });
  });

  it('reads another language as English, and an empty message as nothing', () => {
    assert.equal(read('de', 'cancel').intent, 'cancel');
    assert.deepEqual(read('en', '   '), { intent: 'none', confidence: 0.5, entities: {} });
  });
});
