// The build's size budget: the core's minified and gzipped size may equal the budget, and one byte less fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const build = (out, budget) => spawnSync(process.execPath, ['build/build.mjs', out, String(budget)], { cwd: root, encoding: 'utf8' });

test('the build fails when the core is over its size budget, and passes at it', () => {
  const out = mkdtempSync(join(tmpdir(), 'sente4j-build-'));
  try {
    const first = build(out, 10240);
    assert.equal(first.status, 0, first.stderr);
    const size = Number(/(\d+) bytes minified\+gzip/.exec(first.stdout)[1]);
    assert.ok(size > 0 && size <= 10240);
    assert.equal(build(out, size).status, 0);
    const over = build(out, size - 1);
    assert.equal(over.status, 1);
    assert.match(over.stderr, /over the budget/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
