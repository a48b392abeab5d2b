import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import supertest from 'supertest'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { refreshCustomerSearch } from '../src/stores/customers.js'

export const API_KEY = 'test-key'
export const READ_ONLY_KEY = 'omnidesk-readonly-key'
export const DOC_NOW = '2019-09-28 22:08:14'

/** The app on a fresh in-memory database with the real migrations; supertest over app.server, no port. */
export async function buildTestApp (overrides: Record<string, string> = {}) {
  const config = loadConfig({ DATABASE_PATH: ':memory:', API_KEY, SEED: 'false', LOG_LEVEL: 'silent', ...overrides })
  const app = await buildApp({ config })
  await app.ready()
  return {
    app,
    apiKey: API_KEY,
    request: supertest(app.server),
    /** The default account (looked up each time: a reset gives it a new database). */
    get account () { return app.accounts.get() },
    get db () { return app.accounts.get().db }
  }
}

/** The demo account with the clock frozen where the documentation's example was taken. */
export function buildDemoApp (overrides: Record<string, string> = {}) {
  return buildTestApp({ SEED: 'true', NOW: DOC_NOW, ...overrides })
}

export type TestApp = Awaited<ReturnType<typeof buildTestApp>>

/** The documented GET response body, parsed from Omnidesk's own documentation page (kept in test/fixtures). */
export function documentedTicketResponse (): unknown {
  const doc = fs.readFileSync(path.join(import.meta.dirname, 'fixtures/ticket-api-doc.txt'), 'utf8')
  const start = doc.indexOf('200: OK\n{') + '200: OK\n'.length
  const end = doc.indexOf('\npost\nCreate a ticket')
  return JSON.parse(doc.slice(start, end))
}

/** Every row of every table, to prove a rejected request changed nothing. */
export function dumpDatabase (t: TestApp): string {
  const sqlite = t.db.sqlite
  // settings_version is not data: a counter of writes to the settings tables, which caches go by (a
  // reset that copies them moves it on rather than back). The customer search index is brought up to
  // date first (as a search would) and dumped as what it holds, not as its own tables' layout.
  refreshCustomerSearch(t.db)
  const names = sqlite.prepare(`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual')
    AND name NOT IN ('settings_version', 'sqlite_schema') ORDER BY name`).all() as Array<{ name: string }>
  return JSON.stringify(names.map(({ name }) => [name, sqlite.prepare(`SELECT rowid, * FROM "${name}" ORDER BY rowid`).all()]))
}

/** The command line (src/cli.ts) in a process of its own, and the URL it says it listens at. */
export async function startCli (args: string[], env: Record<string, string> = {}): Promise<{ child: ChildProcessWithoutNullStreams, url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: path.join(import.meta.dirname, '..'), env: { ...process.env, LOG_LEVEL: 'info', ...env }
  })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (chunk) => {
      out += chunk
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (match?.[1]) resolve(match[1])
    })
    child.on('exit', () => reject(new Error(`exited early: ${out}`)))
  })
  return { child, url }
}

/** A call a receiver got: its path, headers, raw body and the body parsed as JSON. */
export interface Received { path: string, headers: http.IncomingHttpHeaders, text: string, body: Record<string, unknown> }

/** A local HTTP server standing in for an integration's endpoint (a chatbot, a custom channel). */
export interface Receiver { url: string, received: Received[], status: number, close: () => Promise<unknown> }

/** Starts a receiver on 127.0.0.1 at `path`: it records every call and answers `ok` (or `status` with `down`). */
export async function startReceiver (path: string): Promise<Receiver> {
  const receiver: Receiver = { url: '', received: [], status: 200, close: async () => {} }
  const server = http.createServer((req, res) => {
    let text = ''
    req.on('data', (chunk) => { text += chunk })
    req.on('end', () => {
      receiver.received.push({ path: req.url ?? '', headers: req.headers, text, body: JSON.parse(text) })
      res.writeHead(receiver.status, { 'content-type': 'text/plain' }).end(receiver.status === 200 ? 'ok' : 'down')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`
  receiver.close = () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve) })
  return receiver
}
