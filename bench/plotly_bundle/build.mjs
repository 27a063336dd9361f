// Build assets/vendor/plotly-atlas.min.js from entry.js with esbuild and print its sizes.
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
const full = readFileSync(resolve(here, 'node_modules/plotly.js/dist/plotly.min.js'));
console.log(JSON.stringify({ out, version, traces: ['scatter', ...traces], bundle: sizes(code),
    full_plotly_min_js: sizes(full) }, null, 2));
