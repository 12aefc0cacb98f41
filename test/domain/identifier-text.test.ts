import t from 'tap';
import { foldIdentifier } from '../../src/domain/identifier-text.js';

t.test('folds full-width characters, whitespace, zero-width characters and case', async (t) => {
  t.equal(foldIdentifier(' 1101 0519 4912 3100 2x '), '11010519491231002X');
  t.equal(foldIdentifier('９１３５０１００Ｍ０００１００Ｙ４３'), '91350100M000100Y43');
  t.equal(foldIdentifier('ab\u3000cd\u00A0ef\tgh\n'), 'ABCDEFGH');
  t.equal(foldIdentifier('12\u200B34\uFEFF56\u2060'), '123456');
  t.equal(foldIdentifier(''), '');
});
