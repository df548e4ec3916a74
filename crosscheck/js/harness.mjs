// The cross-check: independent JavaScript libraries read sente4j's golden vectors and write their own values.
//
//   node harness.mjs <manifest.json> <output directory>
//
// The manifest (written by the Java side, io.sente4j.crosscheck.WriteManifest) lists, per packer, every golden
// vector file with the value sente4j reads from it, in the canonical form of cj.mjs. For each packer this:
//   1. decodes every vector with the packer's adapter and compares the result with sente4j's value;
//   2. encodes every value with the adapter and writes the bytes, with what a reader must get from them, for the
//      Java side (CrossCheckTest) to read back with sente4j.
// A case an adapter's library cannot express is skipped with the reason, which the report lists. The run fails
// (exit 1) on any disagreement, on a packer with no adapter, and on a packer of which nothing was compared.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { same, Skip } from './cj.mjs';
import * as cbor from './adapters/cbor.mjs';
import * as edn from './adapters/edn.mjs';
import * as msgpack from './adapters/msgpack.mjs';
import { adapter as transit, msgpackAdapter as transitMsgpack } from './adapters/transit.mjs';

// One adapter per packer name.
const ADAPTERS = { edn, 'transit-json': transit('json'), 'transit-msgpack': transitMsgpack(), msgpack, cbor };

const [manifestPath, outDir] = process.argv.slice(2);
if (!manifestPath || !outDir) {
  console.error('usage: node harness.mjs <manifest.json> <output directory>');
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const report = { selfTests: { msgpack: msgpack.selfTest() }, packers: {} };
let failed = false;

for (const [packer, { cases }] of Object.entries(manifest.packers)) {
  const a = ADAPTERS[packer];
  if (!a) {
    console.error(`crosscheck: no JavaScript adapter for the packer "${packer}" (add one to harness.mjs)`);
    failed = true;
    continue;
  }
  const r = { decoded: 0, decodeSkipped: [], failures: [], encoded: [], encodeSkipped: [] };
  report.packers[packer] = r;
  mkdirSync(join(outDir, packer), { recursive: true });
  for (const c of cases) {
    const bytes = a.binary ? Buffer.from(readFileSync(c.file, 'ascii').replace(/\s+/g, ''), 'hex')
      : readFileSync(c.file);
    try {
      const got = a.decode(bytes);
      if (same(c.value, got, a.loose)) {
        r.decoded++;
      } else {
        r.failures.push({ case: c.path, expected: c.value, got });
      }
    } catch (e) {
      if (e instanceof Skip) {
        r.decodeSkipped.push({ case: c.path, why: e.message });
      } else {
        r.failures.push({ case: c.path, error: String(e) });
      }
    }
    try {
      const { bytes: out, expect } = a.encode(c.value);
      const file = join(outDir, packer, c.path.replace('/', '__') + '.bin');
      writeFileSync(file, out);
      r.encoded.push({ case: c.path, file, expect });
    } catch (e) {
      if (e instanceof Skip) {
        r.encodeSkipped.push({ case: c.path, why: e.message });
      } else {
        r.failures.push({ case: c.path, encodeError: String(e) });
      }
    }
  }
  if (r.decoded === 0 || r.encoded.length === 0) {
    r.failures.push({ error: `nothing was compared for ${packer}` });
  }
  failed ||= r.failures.length > 0;
  console.log(`crosscheck ${packer}: ${r.decoded} vectors decoded and agreed (${r.decodeSkipped.length} skipped), `
    + `${r.encoded.length} values encoded for sente4j to read (${r.encodeSkipped.length} skipped), `
    + `${r.failures.length} disagreements`);
  for (const f of r.failures) {
    console.error('  DISAGREES ' + JSON.stringify(f));
  }
}
writeFileSync(join(outDir, 'report.json'), JSON.stringify(report, null, 1));
process.exit(failed ? 1 : 0);
