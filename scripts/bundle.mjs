// Bundles the server into dist/server.cjs (over tsc's output), so that a cold start loads one file
// instead of hundreds of modules, and puts the loader of scripts/server-loader.mjs in dist/server.js,
// which runs it through V8's code cache (bench/RESULTS.md). better-sqlite3 (a native module) and
// @fastify/swagger-ui (serves its own files) stay in node_modules.
import fs from 'node:fs'
import { build } from 'esbuild'

await build({
  entryPoints: ['src/server.ts'],
  outfile: 'dist/server.cjs',
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
  logLevel: 'warning'
})
fs.copyFileSync('scripts/server-loader.mjs', 'dist/server.js')
fs.rmSync('dist/server.cjs.cache', { force: true })
fs.rmSync('dist/server.js.map', { force: true })
