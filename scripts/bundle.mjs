// Bundles the server (dist/server.cjs) and the programmatic API (dist/index.cjs) over tsc's output, so
// that a cold start or a test runner's startEmulator() loads one file instead of hundreds of modules,
// and writes the loaders dist/server.js and dist/index.js, which run them through V8's code cache with
// scripts/code-cache.mjs (bench/RESULTS.md). better-sqlite3 (a native module) and
// @fastify/swagger-ui (serves its own files) stay in node_modules. dist/index.d.ts stays tsc's.
// The route validators and serializers that scripts/precompile-schemas.mjs compiled go in in place
// of src/precompiled.ts (empty there), with what their code requires. light-my-request (Fastify's
// inject) goes in with the change of scripts/light-my-request-fix.mjs.
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { build } from 'esbuild'
import { lightMyRequestFix } from './light-my-request-fix.mjs'

const PRECOMPILED = path.resolve('dist/precompiled-schemas.cjs')
if (!fs.existsSync(PRECOMPILED)) throw new Error('bundle: run scripts/precompile-schemas.mjs first (npm run build does)')
const precompiled = {
  name: 'precompiled',
  setup (build) {
    build.onResolve({ filter: /^\.\/precompiled\.js$/ }, (args) => (args.importer.endsWith(path.join('src', 'lazy-compilers.ts')) ? { path: PRECOMPILED } : undefined))
  }
}

for (const name of ['server', 'index']) {
  await build({
    entryPoints: [`src/${name}.ts`],
    outfile: `dist/${name}.cjs`,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    sourcemap: true,
    // Whitespace and syntax only: names stay, so stack traces in the log still read.
    minifyWhitespace: true,
    minifySyntax: true,
    external: ['better-sqlite3', '@fastify/swagger-ui'],
    define: { 'import.meta.dirname': '__dirname', 'import.meta.url': 'importMetaUrl' },
    banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    plugins: [precompiled, lightMyRequestFix],
    // Licence comments go to dist/<name>.cjs.LEGAL.txt: they carry non-ASCII names (see below).
    legalComments: 'external',
    logLevel: 'warning'
  })
  // Every start reads the bundle as UTF-8; one non-ASCII character (a tagged template's raw text is
  // kept as written) sends all 3 MB down Node's slow decoding path, ~30 ms a start on these machines.
  const text = fs.readFileSync(`dist/${name}.cjs`, 'latin1')
  const at = text.search(/[\u0080-\u00ff]/)
  if (at !== -1) throw new Error(`bundle: dist/${name}.cjs has non-ASCII text (${JSON.stringify(text.slice(Math.max(0, at - 40), at + 20))}); write it as an escape (\\u...) in src/`)
  fs.rmSync(`dist/${name}.cjs.cache`, { force: true })
  fs.rmSync(`dist/${name}.js.map`, { force: true })
}
// In the bundles now; not shipped twice.
fs.rmSync(PRECOMPILED)
fs.copyFileSync('scripts/code-cache.mjs', 'dist/code-cache.mjs')
const header = '// Written by scripts/bundle.mjs: runs the bundle through V8\'s code cache (dist/code-cache.mjs).\n' +
  "import path from 'node:path'\nimport { runCached } from './code-cache.mjs'\n\n"
fs.writeFileSync('dist/server.js', `${header}runCached(path.join(import.meta.dirname, 'server.cjs'))\n`)
// The programmatic API's named exports, as the bundle has them (dist/index.d.ts declares them).
const names = Object.keys(createRequire(import.meta.url)(path.resolve('dist/index.cjs'))).filter((name) => name !== '__esModule').sort()
fs.writeFileSync('dist/index.js', `${header}export const {\n  ${names.join(',\n  ')}\n} = runCached(path.join(import.meta.dirname, 'index.cjs'))\n`)
