// npm run bench:ab -- <before> <after>: two builds of the emulator (project folders with dist/ built),
// measured against each other in one run, rounds interleaved and alternating which goes first, so
// that a refactor can show it costs nothing. Each figure is the median of the rounds; the ratio is
// after / before (for times, before / after: above 1 is faster either way).
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'

const [beforeDir, afterDir] = process.argv.slice(2).map((dir) => path.resolve(dir))
if (!beforeDir || !afterDir) {
  console.error('usage: node bench/ab.mjs <before-project> <after-project>')
  process.exit(2)
}
const ROUNDS = Number(process.env.ROUNDS ?? 5)
const DURATION = Number(process.env.DURATION ?? 3)
const KEY = 'omnidesk-ab-key'
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'omnidesk-ab-'))
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
let nextPort = 19700 + Math.floor(Math.random() * 200)

async function start (dir, name) {
  const port = nextPort++
  const db = path.join(work, `${name}-${port}.db`)
  const started = performance.now()
  const child = spawn(process.execPath, [path.join(dir, 'dist/server.js')], {
    env: { ...process.env, PORT: String(port), DATABASE_PATH: db, NOW: '2019-09-28 22:08:14', LOG_LEVEL: 'warn', API_KEY: KEY },
    stdio: ['ignore', 'ignore', 'inherit']
  })
  const base = `http://127.0.0.1:${port}`
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`)
    try {
      if ((await fetch(`${base}/_emulator/health`)).ok) break
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  return { base, child, coldMs: performance.now() - started }
}

async function stop (server) {
  const exited = new Promise((resolve) => server.child.once('exit', resolve))
  server.child.kill('SIGTERM')
  await exited
}

const load = (opts) => new Promise((resolve, reject) =>
  autocannon({ connections: 10, duration: DURATION, headers: { apiKey: KEY }, ...opts }, (err, result) => {
    if (err) return reject(err)
    if (result.non2xx > 0 || result.errors > 0) return reject(new Error(`${opts.url}: ${result.non2xx} non-2xx, ${result.errors} errors`))
    resolve(result.requests.average)
  }))

const form = new URLSearchParams({ to: 'service@mybrand.com', from: 'ab@example.com', direction: 'inbound', channelID: '1', brandID: '2', title: 'A/B' }).toString()

async function measure (dir, name) {
  const server = await start(dir, name)
  const { base } = server
  const list = await (await fetch(`${base}/api/v2/ticket?itemLimit=1`, { headers: { apiKey: KEY } })).json()
  const get = `${base}/api/v2/ticket/${list.items[0].id}?getTicketHistory=1`
  await load({ url: get, duration: 1 })
  const figures = {
    'GET ticket with history (req/s)': await load({ url: get }),
    'GET list, status filter (req/s)': await load({ url: `${base}/api/v2/ticket?status=open` }),
    'POST ticket, form (req/s)': await load({
      url: `${base}/api/v2/ticket`, method: 'POST', body: form, headers: { apiKey: KEY, 'content-type': 'application/x-www-form-urlencoded' }
    })
  }
  // The POST load made thousands of tickets: setstatus takes the newest 1,000.
  const newest = (await (await fetch(`${base}/api/v2/ticket?itemLimit=1`, { headers: { apiKey: KEY } })).json()).items[0].id
  const bulk = Array.from({ length: 1000 }, (_, i) => newest - i)
  const times = []
  for (let i = 0; i < 11; i++) {
    const body = bulk.map((id) => `ticketIDs[]=${id}`).join('&') + `&status=${i % 2 ? 'open' : 'pending'}`
    const t0 = performance.now()
    const res = await fetch(`${base}/api/v2/ticket/setstatus`, { method: 'POST', headers: { apiKey: KEY, 'content-type': 'application/x-www-form-urlencoded' }, body })
    if (!res.ok) throw new Error(`setstatus: ${res.status}`)
    await res.arrayBuffer()
    times.push(performance.now() - t0)
  }
  figures['setstatus of 1,000 tickets (ms)'] = median(times)
  figures['cold start to first health answer (ms)'] = server.coldMs
  await stop(server)
  return figures
}

const results = { before: [], after: [] }
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? ['before', 'after'] : ['after', 'before']
  for (const which of order) {
    const figures = await measure(which === 'before' ? beforeDir : afterDir, which)
    results[which].push(figures)
    console.error(`round ${round + 1} ${which}: ${Object.entries(figures).map(([k, v]) => `${k.split(' (')[0]} ${Math.round(v)}`).join(', ')}`)
  }
}
fs.rmSync(work, { recursive: true, force: true })

console.log('| scenario | before | after | after vs before |\n| --- | --- | --- | --- |')
for (const key of Object.keys(results.before[0])) {
  const before = median(results.before.map((f) => f[key]))
  const after = median(results.after.map((f) => f[key]))
  const better = key.endsWith('(ms)') ? before / after : after / before
  console.log(`| ${key} | ${Math.round(before)} | ${Math.round(after)} | ${better.toFixed(2)}× ${better >= 1 ? 'faster' : 'slower'} |`)
}
console.log(`\n${ROUNDS} interleaved rounds of ${DURATION} s per load, medians; 10 connections.`)
