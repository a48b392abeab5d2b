import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import setup from '../examples/vitest.global-setup.js'
import { startCli } from './helpers.js'
import { ConfigSchema } from '../src/config.js'
import { OPTION_ENV, type RunningEmulator, startEmulator } from '../src/index.js'

const ROOT = path.join(import.meta.dirname, '..')
const item = async (res: Response) => ((await res.json()) as { item: Record<string, unknown> }).item

describe('startEmulator', () => {
  let emulator: RunningEmulator
  beforeAll(async () => { emulator = await startEmulator({ now: '2019-09-28 22:08:14' }) })
  afterAll(async () => { await emulator.close() })

  it('serves the seeded demo on a free port', async () => {
    expect(emulator.port).toBeGreaterThan(0)
    const res = await fetch(`${emulator.url}/api/v2/ticket/858462`, { headers: { apiKey: emulator.apiKey } })
    expect(res.status).toBe(200)
    expect((await item(res)).sla_next_breach_seconds).toBe(222706)
  })

  it('gives each worker its own account, with a reset of its own', async () => {
    const worker = emulator.account('worker-1')
    const put = await fetch(`${worker.url}/api/v2/ticket/858462`, {
      method: 'PUT', headers: { apiKey: emulator.apiKey, 'content-type': 'application/json' }, body: JSON.stringify({ title: 'worker 1' })
    })
    expect(put.status).toBe(200)
    const title = async (url: string) => (await item(await fetch(`${url}/api/v2/ticket/858462`, { headers: { apiKey: emulator.apiKey } }))).title
    expect(await title(worker.url)).toBe('worker 1')
    expect(await title(emulator.url)).toBe('vraag van Thomas')
    worker.reset()
    expect(await title(worker.url)).toBe('vraag van Thomas')
    emulator.reset({ seed: false })
    expect((await fetch(`${emulator.url}/api/v2/ticket/858462`, { headers: { apiKey: emulator.apiKey } })).status).toBe(404)
  })
})

describe('startEmulator\'s options', () => {
  it('has an option for every setting of the environment', () => {
    expect(Object.values(OPTION_ENV).sort()).toEqual(Object.keys(ConfigSchema.properties).sort())
  })

  it('refuses an unknown option by name, and takes the webhook retry factor', async () => {
    await expect(startEmulator({ webhookRetryFactr: 0.01 } as never)).rejects.toThrow(/Unknown option of startEmulator: webhookRetryFactr\. The options are: port, host, /)
    const emulator = await startEmulator({ webhookRetryFactor: 0.01, seed: false })
    expect((await fetch(`${emulator.url}/_emulator/health`)).status).toBe(200)
    await emulator.close()
  })
})

describe('the README\'s vitest globalSetup', () => {
  it('starts the emulator, provides its URL and key, and stops it', async () => {
    const provided: Record<string, string> = {}
    const teardown = await setup({ provide: ((key: string, value: string) => { provided[key] = value }) as never })
    const res = await fetch(`${provided.omnideskUrl}/_emulator/health`)
    expect(await res.json()).toStrictEqual({ status: 'ok' })
    expect(provided.omnideskApiKey).toBe('omnidesk-demo-key')
    await teardown()
    await expect(fetch(`${provided.omnideskUrl}/_emulator/health`)).rejects.toThrow()
  })
})

describe('the command line', () => {
  const run = (args: string[], env: Record<string, string> = {}) => spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: ROOT, env: { ...process.env, ...env }
  })

  it('prints its help', async () => {
    const child = run(['--help'])
    let out = ''
    child.stdout.on('data', (chunk) => { out += chunk })
    const code = await new Promise((resolve) => child.on('exit', resolve))
    expect(code).toBe(0)
    expect(out).toContain('--port')
    expect(out).toContain('[DATABASE_PATH]')
  })

  /** Runs the command line to its end: exit code and output. */
  const finish = async (args: string[], env: Record<string, string> = {}) => {
    const child = run(args, env)
    let out = ''
    child.stdout.on('data', (chunk) => { out += chunk })
    child.stderr.on('data', (chunk) => { out += chunk })
    const code = await new Promise((resolve) => child.on('exit', resolve))
    return { code, out }
  }

  it('prints its version', async () => {
    const { code, out } = await finish(['--version'])
    expect(code).toBe(0)
    expect(out).toMatch(/^omnidesk-emulator \d+\.\d+\.\d+\n$/)
  })

  it('says in one line what to do when it cannot start: bad NOW, missing seed, port in use, file locked', async () => {
    const now = await finish(['--now', 'garbage'])
    expect(now.code).toBe(1)
    expect(now.out).toBe('omnidesk-emulator: Invalid configuration: NOW must be a date-time of the form YYYY-MM-DD HH:MM:SS\n')
    const seed = await finish(['--db', ':memory:', '--seed', '/no/such/seed'])
    expect(seed.code).toBe(1)
    expect(seed.out.trim().split('\n').pop()).toBe('omnidesk-emulator: The seed could not be loaded: Seed /no/such/seed does not exist. Set SEED (--seed) to true, false, or the path of a seed.')
    const holder = await startEmulator({ databasePath: path.join(os.tmpdir(), `omnidesk-lock-${process.pid}.db`) })
    try {
      const port = await finish(['--db', ':memory:', '--port', String(holder.port)], { LOG_LEVEL: 'silent' })
      expect(port.code).toBe(1)
      expect(port.out).toBe(`omnidesk-emulator: Port ${holder.port} is in use on 127.0.0.1 (another emulator?): stop that process, or set PORT (--port) to a free port.\n`)
      const locked = await finish(['--db', path.join(os.tmpdir(), `omnidesk-lock-${process.pid}.db`), '--port', '0'], { LOG_LEVEL: 'silent' })
      expect(locked.code).toBe(1)
      expect(locked.out).toMatch(/^omnidesk-emulator: The database file .* is locked by another process .*\n$/)
      expect(locked.out).not.toContain('    at ')
    } finally {
      await holder.close()
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(os.tmpdir(), `omnidesk-lock-${process.pid}.db${suffix}`), { force: true })
    }
  }, 90_000)

  it('refuses an unknown option and a bad value clearly', async () => {
    for (const args of [['--colour', 'red'], ['--now', 'yesterday']]) {
      const child = run(args)
      let err = ''
      child.stderr.on('data', (chunk) => { err += chunk })
      const code = await new Promise((resolve) => child.on('exit', resolve))
      expect(code).not.toBe(0)
      expect(err).toMatch(/colour|NOW/)
    }
  })

  it('starts with --port 0 --db :memory: --now, serves, and exits 0 on SIGTERM', async () => {
    const { child, url } = await startCli(['--port', '0', '--db', ':memory:', '--now', '2019-09-28 22:08:14'])
    const res = await fetch(`${url}/api/v2/ticket/858462`, { headers: { apiKey: 'omnidesk-demo-key' } })
    expect((await item(res)).sla_next_breach_seconds).toBe(222706)
    // A request in flight when SIGTERM arrives is finished before the process exits 0.
    await fetch(`${url}/_emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ path: '/api/v2/ticket/858462', latencyMs: 700 }) })
    const inFlight = fetch(`${url}/api/v2/ticket/858462`, { headers: { apiKey: 'omnidesk-demo-key' } })
    await new Promise((resolve) => setTimeout(resolve, 200))
    const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)))
    child.kill('SIGTERM')
    expect((await inFlight).status).toBe(200)
    expect(await exited).toBe(0)
  }, 20_000)
})
