// npm run test:crash [-- --rounds N]: runs the real server on a file database, streams writes at it,
// kills it with SIGKILL at a random moment, and checks what a restart finds: the database passes
// integrity_check, every ticket whose creation was answered 200 is there, and every setstatus is
// all or nothing. Prints "N passed, N failed".
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '20' }, seed: { type: 'string', default: '1' } } })
const ROUNDS = Number(values.rounds)
const ROOT = path.join(import.meta.dirname, '..', '..')
const KEY = 'omnidesk-demo-key'
const BATCH = Array.from({ length: 30 }, (_, i) => 858463 + i)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'omnidesk-crash-'))
const file = path.join(dir, 'omnidesk.db')
let seed = Number(values.seed)
const random = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648 }
let passed = 0
let failed = 0
const check = (ok: boolean, what: string) => {
  if (ok) passed++
  else { failed++; console.log(`not ok - ${what}`) }
}

async function start (port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/server.ts')], {
    env: { ...process.env, PORT: String(port), DATABASE_PATH: file, LOG_LEVEL: 'warn', API_KEY: KEY, NOW: '2019-09-28 22:08:14' },
    stdio: ['ignore', 'ignore', 'inherit']
  })
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} on start`)
    try {
      if ((await fetch(`http://127.0.0.1:${port}/_emulator/health`)).ok) return child
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error('the server did not start')
}

const created: string[] = []
for (let round = 0; round < ROUNDS; round++) {
  const port = 19600 + (round % 50)
  const child = await start(port)
  const base = `http://127.0.0.1:${port}/api/v2`
  const post = (pathname: string, body: unknown) => fetch(`${base}${pathname}`, {
    method: 'POST', headers: { apiKey: KEY, 'content-type': 'application/json' }, body: JSON.stringify(body)
  })
  const state = { stop: false }
  const writers = Array.from({ length: 4 }, async (_, w) => {
    for (let i = 0; !state.stop; i++) {
      const title = `crash r${round} w${w} #${i}`
      try {
        const res = w % 2 === 0
          ? await post('/ticket', { to: 'service@mybrand.com', from: `crash${w}@example.com`, direction: 'inbound', channelID: 1, brandID: 2, title })
          : await post('/ticket/setstatus', { ticketIDs: BATCH, status: ['open', 'pending', 'holding', 'solved'][i % 4] })
        if (res.ok && w % 2 === 0) created.push(title)
      } catch {
        return
      }
    }
  })
  await new Promise((resolve) => setTimeout(resolve, 100 + random() * 500))
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGKILL')
  state.stop = true
  await Promise.all(writers)
  await exited

  const db = new Database(file)
  check(db.pragma('integrity_check', { simple: true }) === 'ok', `round ${round}: integrity_check`)
  const titles = new Set((db.prepare("SELECT title FROM tickets WHERE title LIKE 'crash %'").pluck().all() as string[]))
  const missing = created.filter((title) => !titles.has(title))
  check(missing.length === 0, `round ${round}: ${missing.length} answered creations missing, e.g. ${missing[0]}`)
  const statuses = new Set(db.prepare(`SELECT status FROM tickets WHERE id IN (${BATCH.join(',')})`).pluck().all())
  check(statuses.size === 1, `round ${round}: setstatus half done: ${[...statuses].join(', ')}`)
  db.close()
  console.log(`# round ${round + 1}/${ROUNDS}: ${created.length} creations answered so far`)
}
fs.rmSync(dir, { recursive: true, force: true })
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
