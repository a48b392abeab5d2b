// Bundles the server into dist/server.js (over tsc's output), so that a cold start loads one file
// instead of hundreds of modules: about half the start-up time (bench/RESULTS.md). better-sqlite3
// (a native module) and @fastify/swagger-ui (serves its own files) stay in node_modules.
import { build } from 'esbuild'

await build({
  entryPoints: ['src/server.ts'],
  outfile: 'dist/server.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: ['better-sqlite3', '@fastify/swagger-ui'],
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning'
})
