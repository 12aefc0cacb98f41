import t from 'tap';
import { jsonb } from '../../src/persistence/jsonb.js';

t.test('jsonb turns a lone surrogate into U+FFFD and leaves everything else as JSON.stringify writes it', async (t) => {
  t.equal(jsonb({ a: 'x\ud800y', b: ['\udfff'] }), '{"a":"x\ufffdy","b":["\ufffd"]}', 'lone surrogates, also in arrays');
  t.equal(jsonb({ emoji: '😀', text: '已核实' }), JSON.stringify({ emoji: '😀', text: '已核实' }), 'a surrogate pair is kept');
  t.equal(jsonb({ typed: '\\ud800' }), JSON.stringify({ typed: '\\ud800' }), 'a typed backslash-u sequence is text, not a surrogate');
  t.equal(jsonb([1, null, true]), '[1,null,true]');
});
