// Builds the browser files into <out>/META-INF/resources/sente4j/: the core (sente4j.js) and the optional packers
// (transit.js, msgpack.js), minified ES modules, plus index.txt listing them. The packers import the core as
// './sente4j.js', so a page that loads both shares one copy of the value types. Fails when the core's minified and
// gzipped size exceeds the budget. Usage: node build/build.mjs <out> [budgetBytes]
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(resolve(process.argv[2] || join(root, 'target', 'classes')), 'META-INF', 'resources', 'sente4j');
const budget = Number(process.argv[3] || 10240);
mkdirSync(out, { recursive: true });

const common = { bundle: true, minify: true, format: 'esm', target: 'es2020', legalComments: 'eof', logLevel: 'warning' };
const shareCore = {
  name: 'share-core',
  setup(b) {
    b.onResolve({ filter: /^\.\/sente4j\.js$/ }, () => ({ path: './sente4j.js', external: true }));
  },
};
await build({ ...common, entryPoints: [join(root, 'src', 'sente4j.js')], outfile: join(out, 'sente4j.js') });
for (const name of ['transit', 'msgpack']) {
  await build({ ...common, entryPoints: [join(root, 'src', `${name}.js`)], outfile: join(out, `${name}.js`),
    plugins: [shareCore] });
}
writeFileSync(join(out, 'index.txt'), 'sente4j.js\ntransit.js\nmsgpack.js\n');

const core = readFileSync(join(out, 'sente4j.js'));
const gz = gzipSync(core, { level: 9 }).length;
const line = `sente4j.js: ${core.length} bytes minified, ${gz} bytes minified+gzip (budget ${budget})`;
mkdirSync(join(root, 'target'), { recursive: true });
writeFileSync(join(root, 'target', 'sente4j-size.txt'), `${line}\n`);
if (gz > budget) {
  console.error(`${line}: over the budget`);
  process.exit(1);
}
console.log(line);
