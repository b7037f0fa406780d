import assert from 'node:assert/strict';
import { foldText, holdsOneOf, isOneOf } from '../../src/domain/text';
import { Translator } from '../../src/domain/i18n/translator';
import { traditionalCharacters, traditionalToSimplified } from '../../src/domain/chineseScript';

describe('word matching', () => {
  it('folds case, accents and punctuation', () => {
    assert.equal(foldText('  ¡NÃO, Señor!  '), 'nao senor');
  });

  it('folds Vietnamese đ (and Đ) to d, as people type it without accents', () => {
    // đ has no decomposition: NFKD and the mark removal leave it whole.
    assert.equal(foldText('Làm lại từ đầu'), 'lam lai tu dau');
    assert.equal(foldText('ĐỒNG Ý'), 'dong y');
    assert.equal(isOneOf('lam lai tu dau', Object.freeze(['làm lại từ đầu'])), true);
  });

  it('folds Traditional Chinese to Simplified, as the words of locales/zh/ are written', () => {
    assert.equal(foldText('預約'), '预约');
    assert.equal(foldText('禮拜一下午兩點'), '礼拜一下午两点');
    assert.equal(foldText('唔係！'), '唔系');
    const zh = new Translator();
    // The Traditional spellings people type (Taiwan, Hong Kong), each at the list it answers.
    const typed: ReadonlyArray<readonly [string, string]> = [
      ['預約', 'menu.bookWords'],
      ['取消預約', 'menu.cancelWords'],
      ['需要帶什麼', 'menu.documentsWords'],
      ['幫助', 'commands.help'],
      ['語言', 'commands.language'],
      ['重新開始', 'commands.restart'],
      ['對', 'common.yesWords'],
      ['確認', 'common.yesWords'],
      ['係', 'common.yesWords'],
      ['不對', 'common.noWords'],
      ['唔係', 'common.noWords'],
      ['綠卡', 'reasons.green_card_not_receivedWords'],
      ['工作許可', 'reasons.ead_inquiryWords'],
      ['美國境外', 'location.outsideWords'],
      ['別的時間', 'slots.anotherTimeWords'],
    ];
    for (const [word, key] of typed) assert.equal(isOneOf(word, zh.words('zh', key)), true, `${word} in ${key}`);
  });

  it('reads Simplified Chinese and every other script through the Traditional table unchanged', () => {
    for (const simplified of traditionalCharacters().values()) {
      assert.equal(traditionalCharacters().has(simplified), false, `${simplified} is both a Simplified form and a key`);
    }
    // locales/zh/ is Simplified, but for the Cantonese answers, written as Hong Kong writes them (係, 冇錯, 冇問題).
    const translator = new Translator();
    for (const key of [
      'menu.bookWords',
      'menu.cancelWords',
      'commands.help',
      'commands.quit',
      'commands.restart',
      'commands.language',
      'common.yesWords',
      'common.noWords',
      'reasons.green_card_not_receivedWords',
    ]) {
      for (const word of translator.words('zh', key).filter((w) => !/[係錯問題]/u.test(w)))
        assert.equal(traditionalToSimplified(word), word, `${key}: ${word}`);
    }
    assert.equal(traditionalToSimplified('예약 취소 / отмена / إلغاء'), '예약 취소 / отмена / إلغاء');
  });

  it('takes a whole message that is one of the words, folded, and nothing less or more', () => {
    const words = Object.freeze(['não', 'ayuda', 'start over']);
    assert.equal(isOneOf('NAO!', words), true);
    assert.equal(isOneOf('Start-over', words), true);
    assert.equal(isOneOf('não sei', words), false);
    assert.equal(isOneOf('', words), false);
    assert.equal(isOneOf('ayuda', words), true, 'the same list again');
  });

  it('finds a phrase of the list in a message, folded: as whole words, or anywhere for glued scripts', () => {
    const words = Object.freeze(['Fecha de nacimiento', 'teléfono', '!!', '生日']);
    assert.equal(holdsOneOf('la FECHA de nacimiento está mal', words, false), true);
    assert.equal(holdsOneOf('mi telefono, por favor', words, false), true);
    assert.equal(holdsOneOf('mi teléfonos', words, false), false, 'part of a word');
    assert.equal(holdsOneOf('!!', words, false), false, 'a phrase that folds to nothing');
    assert.equal(holdsOneOf('我的生日错了', words, false), false);
    assert.equal(holdsOneOf('我的生日错了', words, true), true);
    const growing = ['help'];
    assert.equal(holdsOneOf('need aide now', growing, false), false);
    growing.push('aide');
    assert.equal(holdsOneOf('need aide now', growing, false), true, 'a list that is not frozen is folded again');
  });

  it('sees a change to a list that is not frozen', () => {
    const words = ['help'];
    assert.equal(isOneOf('aide', words), false);
    words.push('aide');
    assert.equal(isOneOf('aide', words), true);
  });

  it('gets one frozen list per language and key from the translator, the language first, then English', () => {
    const translator = new Translator();
    const pt = translator.words('pt', 'common.yesWords');
    assert.equal(translator.words('pt', 'common.yesWords'), pt);
    assert.ok(Object.isFrozen(pt));
    assert.equal(pt[0], 'sim');
    assert.ok(pt.includes('yes'));
    assert.equal(isOneOf('CLARO QUE SIM', pt), true);
    assert.equal(isOneOf('yeah', pt), true);
  });
});
