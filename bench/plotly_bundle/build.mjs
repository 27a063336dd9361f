// Build assets/vendor/plotly-atlas.min.js from entry.js with esbuild and print its sizes; also
// assets/vendor/regenerator-runtime.min.js, the one global Dash's bundles need from the @babel/polyfill that
// callbacks/index.py stops serving.
// Usage (from this folder): npm ci && node build.mjs [--out PATH]
// Settings follow plotly.js's own esbuild-config.js (iife, global `Plotly`, global -> window), minus the
// glsl/css plugins only WebGL and map traces need.
import { build } from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const outArg = process.argv.indexOf('--out');
const out = outArg > 0 ? resolve(process.argv[outArg + 1])
    : resolve(here, '..', '..', 'assets', 'vendor', 'plotly-atlas.min.js');
const version = JSON.parse(readFileSync(resolve(here, 'node_modules/plotly.js/package.json'), 'utf8')).version;
const traces = [...readFileSync(resolve(here, 'entry.js'), 'utf8')
    .matchAll(/require\('plotly\.js\/lib\/([a-z0-9]+)'\)/g)].map((m) => m[1]).filter((t) => t !== 'core');

const result = await build({
    entryPoints: [resolve(here, 'entry.js')],
    bundle: true,
    minify: true,
    format: 'iife',
    globalName: 'Plotly',
    target: 'es2016',
    define: { global: 'window', 'define.amd': 'false', 'process.env.NODE_DEBUG': 'false' },
    legalComments: 'none',
    // registry.js requires maplibre's CSS only when a map trace registers; none does here.
    loader: { '.css': 'empty' },
    write: false,
    logLevel: 'warning',
});
const banner = `/* plotly.js v${version} partial bundle (MIT, Plotly, Inc.): core + scatter,${traces.join(',')}. `
    + 'Built by bench/plotly_bundle/build.mjs */\n';
const code = Buffer.concat([Buffer.from(banner), Buffer.from(result.outputFiles[0].contents)]);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, code);

const sizes = (buf) => ({
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});
const regeneratorVersion = JSON.parse(
    readFileSync(resolve(here, 'node_modules/regenerator-runtime/package.json'), 'utf8')).version;
const regenerator = await build({
    entryPoints: [resolve(here, 'node_modules/regenerator-runtime/runtime.js')],
    bundle: true, minify: true, format: 'iife', target: 'es2016', legalComments: 'none', write: false,
    logLevel: 'warning',
});
const regeneratorOut = resolve(dirname(out), 'regenerator-runtime.min.js');
const regeneratorCode = Buffer.concat([
    Buffer.from(`/* regenerator-runtime v${regeneratorVersion} (MIT, Facebook, Inc.): defines window.regeneratorRuntime. `
        + 'Built by bench/plotly_bundle/build.mjs */\n'),
    Buffer.from(regenerator.outputFiles[0].contents)]);
writeFileSync(regeneratorOut, regeneratorCode);

const full = readFileSync(resolve(here, 'node_modules/plotly.js/dist/plotly.min.js'));
console.log(JSON.stringify({ out, version, traces: ['scatter', ...traces], bundle: sizes(code),
    full_plotly_min_js: sizes(full), regenerator_runtime: { out: regeneratorOut, ...sizes(regeneratorCode) } },
null, 2));
