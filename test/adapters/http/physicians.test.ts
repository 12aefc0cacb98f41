import t from 'tap';
import { testServer } from '../../helpers/server.js';

const csv = ['\ufeff证书编码,姓名,医师级别,执业类别,执业单位,状态', '110420100012345,张三,执业医师,临床,武汉市第1911医院,注册', '110420100012346,买买提·艾力,执业医师,临床,武汉百佳妇产医院,注册', 'bad,,医师,临床,x,注册'].join('\r\n');

function multipart(content: string, field = 'file') {
  const boundary = '----pwtest';
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="physicians.csv"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`;
  return { payload: Buffer.from(body), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

t.test('an admin imports the registry over HTTP and every rejected line is reported', async (t) => {
  const { app, login } = await testServer(t);
  const admin = await login('admin');
  const { payload, headers } = multipart(csv);
  const res = await app.inject({ method: 'POST', url: '/api/v1/physicians/import', payload, headers: { ...headers, ...admin } });
  t.equal(res.statusCode, 200);
  t.match(res.json(), { inserted: 2, updated: 0, rejectedTotal: 1, rejected: [{ line: 4 }] });
  const again = await app.inject({ method: 'POST', url: '/api/v1/physicians/import', payload, headers: { ...headers, ...admin } });
  t.match(again.json(), { inserted: 0, updated: 0, unchanged: 2 }, 'importing the same file again changes nothing');
});

t.test('only an admin may import; the file field is required', async (t) => {
  const { app, login } = await testServer(t);
  const { payload, headers } = multipart(csv);
  const anonymous = await app.inject({ method: 'POST', url: '/api/v1/physicians/import', payload, headers });
  t.equal(anonymous.statusCode, 401);
  const district = await app.inject({ method: 'POST', url: '/api/v1/physicians/import', payload, headers: { ...headers, ...(await login('wuhan')) } });
  t.equal(district.statusCode, 403);
  const admin = await login('admin');
  const wrongField = multipart(csv, 'upload');
  const missing = await app.inject({ method: 'POST', url: '/api/v1/physicians/import', payload: wrongField.payload, headers: { ...wrongField.headers, ...admin } });
  t.equal(missing.statusCode, 400);
  t.match(missing.json().error.details, [{ field: 'file' }]);
  const json = await app.inject({ method: 'POST', url: '/api/v1/physicians/import', payload: { file: 'x' }, headers: admin });
  t.equal(json.statusCode, 400);
});

t.test('GET /physicians/verify tells match, unknown number and name mismatch apart without revealing the name', async (t) => {
  const { app, login } = await testServer(t);
  const admin = await login('admin');
  const { payload, headers } = multipart(csv);
  await app.inject({ method: 'POST', url: '/api/v1/physicians/import', payload, headers: { ...headers, ...admin } });
  const verify = (name: string, certNo: string) =>
    app.inject({ method: 'GET', url: `/api/v1/physicians/verify?name=${encodeURIComponent(name)}&certNo=${certNo}`, headers: admin });
  t.match((await verify('买买提・艾力', '110420100012346')).json(), { level: 'green', result: 'match', physician: { level: '执业医师', practising: true } });
  t.match((await verify('张山', '110420100012345')).json(), { level: 'red', result: 'nameMismatch' });
  t.notMatch((await verify('张山', '110420100012345')).body, /张三/, 'the holder’s name is not revealed');
  t.match((await verify('张三', '999999999999999')).json(), { level: 'red', result: 'unknownNumber' });
  const anonymous = await app.inject({ method: 'GET', url: '/api/v1/physicians/verify?name=a&certNo=b' });
  t.equal(anonymous.statusCode, 401);
});
