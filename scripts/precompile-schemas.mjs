// Part of `npm run build`, after tsc: builds the app once with compilers that keep the standalone code
// of every route validator and serializer (Ajv's and fast-json-stringify's, as Fastify's own standalone
// compilers make it), and writes it to dist/precompiled-schemas.cjs, which scripts/bundle.mjs puts in
// the bundles in place of src/precompiled.ts, so that a first request compiles nothing
// (src/lazy-compilers.ts). Then checks what it wrote: an app reading it compiles nothing and answers
// as an app that compiles at run time does.
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { buildApp } from '../dist/app.js'
import { loadConfig } from '../dist/config.js'
import { LazyCompilers } from '../dist/lazy-compilers.js'

const OUT = path.resolve('dist/precompiled-schemas.cjs')
const config = loadConfig({ DATABASE_PATH: ':memory:', API_KEY: 'precompile' })

/** Builds the app with these compilers and compiles every route's schemas. */
async function compileAll (compilers) {
  const app = await buildApp({ config, compilers })
  await app.ready()
  app.compilePending()
  await app.close()
}

const store = new Map()
await compileAll(new LazyCompilers({ store }))
const bodies = [...store].sort(([a], [b]) => a.localeCompare(b))
  .map(([key, code]) => `  ${JSON.stringify(key)}: function (module, exports) {\n${code}\n  }`)
fs.writeFileSync(OUT, "'use strict'\n// Written by scripts/precompile-schemas.mjs: each route validator's and serializer's standalone code, by key.\n" +
  `exports.precompiled = {\n${bodies.join(',\n')}\n}\n`)

const { precompiled } = createRequire(import.meta.url)(OUT)
const reading = new LazyCompilers({ precompiled })
await compileAll(reading)
if (reading.compiled > 0) throw new Error(`precompile-schemas: ${reading.compiled} of the app's functions are not in ${OUT}`)
console.log(`precompile-schemas: ${store.size} functions, ${(fs.statSync(OUT).size / 1024).toFixed(0)} KiB`)
