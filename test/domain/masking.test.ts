import t from 'tap';
import fc from 'fast-check';
import { maskIdNumber, maskName, maskPhone } from '../../src/domain/masking.js';

t.test('masks a resident ID exactly as the seed shows', async (t) => {
  t.equal(maskIdNumber('140105199001017932'), '140105*****7932');
  t.equal(maskIdNumber('11010519491231002X'), '110105*****002X');
  t.equal(maskIdNumber(' 140105199001017932 '), '140105*****7932', 'surrounding spaces ignored');
});

t.test('masks shorter document numbers keeping less of them', async (t) => {
  t.equal(maskIdNumber('420102950615123'), '420102*****5123', '15 characters: 6 + 4');
  t.equal(maskIdNumber('E12345678'), 'E1*****78');
  t.equal(maskIdNumber('H1234567890'), 'H1*****90');
  t.equal(maskIdNumber('07257456'), '07*****56');
  t.equal(maskIdNumber('E1234'), 'E*****4');
  t.equal(maskIdNumber('ab'), '*****');
  t.equal(maskIdNumber(''), '');
});

t.test('masks a mobile number as 3 + 4 stars + 4', async (t) => {
  t.equal(maskPhone('13812341234'), '138****1234');
  t.equal(maskPhone('+8613812341234'), '+86****1234');
  t.equal(maskPhone('88881234'), '88****34');
  t.equal(maskPhone('12345'), '****');
  t.equal(maskPhone(''), '');
});

t.test('never shows more than 10 characters of an ID or 7 of a phone (property)', async (t) => {
  fc.assert(
    fc.property(fc.stringMatching(/^[0-9A-Z]{1,30}$/), (v) => {
      const masked = maskIdNumber(v);
      const shown = masked.replace('*****', '');
      return masked.includes('*****') && shown.length <= 10 && shown.length < v.length;
    }),
  );
  fc.assert(
    fc.property(fc.stringMatching(/^\d{1,20}$/), (v) => {
      const masked = maskPhone(v);
      const shown = masked.replace('****', '');
      return masked.includes('****') && shown.length <= 7 && shown.length < v.length;
    }),
  );
  t.pass('holds for every generated case');
});

t.test('maskName keeps the first character of a name for a public answer', async (t) => {
  t.equal(maskName('赵六'), '赵*');
  t.equal(maskName('欧阳娜娜'), '欧***');
  t.equal(maskName(' 李 '), '李', 'a one-character name stays, surrounding spaces ignored');
  t.equal(maskName(''), '');
});
