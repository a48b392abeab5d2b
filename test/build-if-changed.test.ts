// npm start builds only when the build's inputs changed (scripts/build-if-changed.mjs), checked on a
// project of its own whose "build" only leaves the outputs and the stamp, as the real one does.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'

let dir = ''
const start = () => execFileSync(process.execPath, ['scripts/build-if-changed.mjs'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
const builds = () => fs.readFileSync(path.join(dir, 'builds.log'), 'utf8').split('\n').filter(Boolean).length

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'omnidesk-build-'))
  fs.mkdirSync(path.join(dir, 'scripts'))
  fs.mkdirSync(path.join(dir, 'src'))
  fs.copyFileSync(path.join(import.meta.dirname, '..', 'scripts', 'build-if-changed.mjs'), path.join(dir, 'scripts', 'build-if-changed.mjs'))
  fs.writeFileSync(path.join(dir, 'src', 'app.ts'), 'export const a = 1\n')
  fs.writeFileSync(path.join(dir, 'builds.log'), '')
  const build = 'mkdir -p dist && touch dist/server.js dist/server.cjs dist/index.js && echo built >> builds.log && node scripts/build-if-changed.mjs --stamp'
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'x', version: '1.0.0', scripts: { build } }))
})
afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }) })

it('builds on the first start, not on the next, and again once a source changes', () => {
  start()
  expect(builds()).toBe(1)
  start()
  start()
  expect(builds()).toBe(1)
  fs.writeFileSync(path.join(dir, 'src', 'app.ts'), 'export const a = 2\n')
  start()
  expect(builds()).toBe(2)
  fs.rmSync(path.join(dir, 'dist', 'server.cjs'))
  start()
  expect(builds()).toBe(3)
}, 60_000)
