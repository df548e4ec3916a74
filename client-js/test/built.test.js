// The minified files the jar ships (built by build/build.mjs before the tests run under Maven): they load as ES
// modules, the packers share the core's value types, and a client built from them works.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FakeClock, fakeWebSocketClass } from '../test-support/fakes.js';

const here = dirname(fileURLToPath(import.meta.url));
const BUILT = process.env.SENTE4J_BUILT || resolve(here, '..', 'target', 'classes', 'META-INF', 'resources', 'sente4j');
const skip = existsSync(join(BUILT, 'sente4j.js')) ? false : `not built: ${BUILT}`;
const load = (name) => import(pathToFileURL(join(BUILT, name)).href);

test('index.txt lists the three modules', { skip }, () => {
  assert.deepEqual(readFileSync(join(BUILT, 'index.txt'), 'utf8').trim().split('\n'), ['sente4j.js', 'transit.js', 'msgpack.js']);
});

test('the built core connects, handshakes and gets a reply', { skip }, async () => {
  const { connect } = await load('sente4j.js');
  const clock = new FakeClock();
  const WebSocket = fakeWebSocketClass();
  const chsk = connect({ url: 'http://app.test/chsk', WebSocket, setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout, now: clock.now });
  const ws = WebSocket.all[0];
  ws.open();
  ws.receive('[["chsk/handshake",["u",null,null]],null]');
  assert.equal(chsk.state.open, true);
  const reply = chsk.send(['a/b', 1], { timeout: 1000 });
  ws.receive(JSON.stringify([{ ok: true }, JSON.parse(ws.sent[0])[1]]));
  assert.deepEqual(await reply, { ok: true });
  chsk.disconnect();
});

test('the built packers share the core value types', { skip }, async () => {
  const core = await load('sente4j.js');
  const { msgpackPacker } = await load('msgpack.js');
  const { transitPacker } = await load('transit.js');
  for (const packer of [msgpackPacker(), transitPacker()]) {
    const value = packer.unpack(packer.pack([core.keyword('a/b'), new Set([1])]));
    assert.ok(value[0] instanceof core.Keyword, packer.name);
    assert.equal(packer.keywordName(value[0]), 'a/b');
    assert.deepEqual(value[1], new Set([1]));
  }
});
