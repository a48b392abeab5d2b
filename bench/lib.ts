// What every part of the benchmark shares: the servers it spawns (the emulator, the two ceilings and
// the peers), autocannon loads, medians and percentiles, and the resident memory of a process.
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import autocannon from 'autocannon'

export const ROOT = path.join(import.meta.dirname, '..')
export const BENCH = import.meta.dirname
export const QUICK = process.argv.includes('--quick')
export const DURATION = QUICK ? 1 : 5
export const ROUNDS = QUICK ? 1 : 3
export const KEY = 'omnidesk-demo-key'
export const NOW = '2019-09-28 22:08:14'
export const bin = (name: string) => path.join(BENCH, 'node_modules', '.bin', name)
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN
/** The nearest-rank percentile (p in 0..100). */
export const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? NaN
export const log = (text: string) => process.stderr.write(`${text}\n`)
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const ports = { next: 19100 + Math.floor(Math.random() * 500) }
export const nextPort = () => ports.next++

export interface Server { name: string, port: number, child: ChildProcess, coldMs: number }

async function waitFor (url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited with ${child.exitCode}`)
    try {
      const res = await fetch(url, { headers: { apiKey: KEY } })
      if (res.ok) return
    } catch {}
    await sleep(5)
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`)
}

export type Kind = 'emulator' | 'ceiling' | 'plain' | 'json-server' | 'prism'

function command (kind: Kind, port: number, work: string, db: string, env: Record<string, string>): [string, string[], Record<string, string>] {
  switch (kind) {
    case 'emulator':
      return [process.execPath, [path.join(ROOT, 'dist/server.js')], { PORT: String(port), DATABASE_PATH: db, NOW, LOG_LEVEL: 'warn', API_KEY: KEY, ...env }]
    case 'ceiling':
    case 'plain':
      return [process.execPath, [path.join(BENCH, 'ceiling.mjs'), work, String(port), kind === 'plain' ? 'plain' : 'schema'], {}]
    case 'json-server':
      return [bin('json-server'), ['--port', String(port), '--host', '127.0.0.1', '--quiet', path.join(work, 'db.json')], {}]
    case 'prism':
      return [bin('prism'), ['mock', '--host', '127.0.0.1', '--port', String(port), '--errors', 'false', path.join(work, 'openapi.json')], {}]
  }
}

const READY: Record<Kind, string> = {
  emulator: '/_emulator/health',
  ceiling: '/_emulator/health',
  plain: '/_emulator/health',
  'json-server': '/ticket/1',
  prism: '/api/v2/ticket/858495'
}

/** Spawns a server and measures the time from spawn to its first 200. */
export async function start (kind: Kind, work: string, db = path.join(work, 'emulator.db'), env: Record<string, string> = {}): Promise<Server> {
  const port = nextPort()
  const [cmd, args, own] = command(kind, port, work, db, env)
  const started = performance.now()
  const child = spawn(cmd, args, { env: { ...process.env, ...own }, stdio: ['ignore', 'ignore', 'pipe'] })
  let err = ''
  child.stderr?.on('data', (chunk) => { err += chunk })
  try {
    await waitFor(`http://127.0.0.1:${port}${READY[kind]}`, child)
  } catch (e) {
    child.kill('SIGKILL')
    throw new Error(`${kind}: ${(e as Error).message}\n${err.slice(-2000)}`)
  }
  return { name: kind, port, child, coldMs: performance.now() - started }
}

export async function stop (server: Server): Promise<void> {
  const exited = new Promise((resolve) => server.child.once('exit', resolve))
  server.child.kill('SIGTERM')
  await Promise.race([exited, sleep(5000)])
  if (server.child.exitCode === null) server.child.kill('SIGKILL')
}

export async function load (opts: autocannon.Options): Promise<autocannon.Result> {
  return await new Promise((resolve, reject) => {
    autocannon({ connections: 10, duration: DURATION, ...opts }, (err, result) => (err ? reject(err) : resolve(result)))
  })
}

/** A load that must be answered 2xx throughout. */
export async function loadOk (what: string, opts: autocannon.Options): Promise<autocannon.Result> {
  const result = await load(opts)
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${what}: ${result.non2xx} non-2xx answers, ${result.errors} errors`)
  return result
}

export function rssMb (pid: number | undefined): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024
}

/**
 * What the first touch of a memory page costs on this machine, in microseconds: a fresh 32 MiB buffer
 * written once every 4 KiB, timed against the minor page faults it made; the median of three. It is
 * what a test pays while V8's young generation first fills the space it has grown to, and varies
 * between machines far more than the rest (bench/RESULTS.md).
 */
export function pageFaultMicros (): number {
  // Each round's buffer is held until all three are done, so that no round is given memory a round
  // before it touched already.
  const held: Buffer[] = []
  const rounds = [0, 1, 2].map(() => {
    const faultsBefore = process.resourceUsage().minorPageFault
    const started = performance.now()
    const buffer = Buffer.allocUnsafeSlow(32 * 2 ** 20)
    for (let at = 0; at < buffer.length; at += 4096) buffer[at] = 1
    const micros = (performance.now() - started) * 1000
    held.push(buffer)
    return micros / Math.max(1, process.resourceUsage().minorPageFault - faultsBefore)
  })
  return median(rounds)
}

/** Runs a Node script to its end and returns what it printed on stdout. */
export async function runNode (args: string[], env: Record<string, string> = {}): Promise<string> {
  return await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (chunk) => { out += chunk })
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${args.join(' ')} exited with ${code}`))))
  })
}

export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()
export const FORM_HEADERS = { apiKey: KEY, 'content-type': 'application/x-www-form-urlencoded' }
