import assert from 'node:assert/strict';
import { foldText, isOneOf } from '../src/domain/text';
import { Translator } from '../src/domain/i18n/translator';

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

  it('takes a whole message that is one of the words, folded, and nothing less or more', () => {
    const words = Object.freeze(['não', 'ayuda', 'start over']);
    assert.equal(isOneOf('NAO!', words), true);
    assert.equal(isOneOf('Start-over', words), true);
    assert.equal(isOneOf('não sei', words), false);
    assert.equal(isOneOf('', words), false);
    assert.equal(isOneOf('ayuda', words), true, 'the same list again');
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
