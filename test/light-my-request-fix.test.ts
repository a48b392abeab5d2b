// The bundles' light-my-request (scripts/light-my-request-fix.mjs: Fastify's inject without functions
// made anew for every request and response) answers a test exactly as the package does: every field
// of a response, json() (called detached too), stream(), the cookies, a payload as a stream; and its
// getters are shared by all requests and responses, which is what the change is for.
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixLightMyRequest, lightMyRequestFix } from '../scripts/light-my-request-fix.mjs'

type Handler = (req: IncomingMessage, res: ServerResponse) => void
type Injected = Record<string, unknown> & { json: () => unknown, stream: () => AsyncIterable<Buffer>, cookies: unknown }
type Inject = (handler: Handler, options: Record<string, unknown>) => Promise<Injected>

const require = createRequire(import.meta.url)
let dir = ''
const inject: { stock?: Inject, fixed?: Inject } = {}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'omnidesk-lmr-'))
  for (const kind of ['stock', 'fixed'] as const) {
    const outfile = path.join(dir, `${kind}.cjs`)
    await build({ entryPoints: [require.resolve('light-my-request')], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'warning', plugins: kind === 'fixed' ? [lightMyRequestFix] : [] })
    inject[kind] = require(outfile) as Inject
  }
}, 30_000)
afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }) })

/** What a handler saw, and what it answers: a JSON body naming the request, two cookies. */
function recorder () {
  const requests: IncomingMessage[] = []
  const handler: Handler = (req, res) => {
    requests.push(req)
    res.setHeader('content-type', 'application/json')
    res.setHeader('set-cookie', ['session=abc; Path=/; HttpOnly', 'theme=dark'])
    res.end(JSON.stringify({ method: req.method, url: req.url }))
  }
  return { requests, handler }
}

async function text (stream: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(Buffer.from(chunk))
  return Buffer.concat(chunks).toString()
}

const CALLS = [
  { method: 'GET', url: '/api/v2/ticket/1?getTicketHistory=1' },
  { method: 'POST', url: '/api/v2/ticket', payload: 'title=Hallo', headers: { 'content-type': 'application/x-www-form-urlencoded' } }
]

describe('the bundles\' light-my-request', () => {
  it('answers every call with the same fields, json(), stream() and cookies as the package', async () => {
    for (const call of CALLS) {
      const [stock, fixed] = await Promise.all([inject.stock!(recorder().handler, call), inject.fixed!(recorder().handler, call)])
      expect(Object.keys(fixed)).toEqual(Object.keys(stock))
      for (const key of Object.keys(stock)) {
        if (['raw', 'json', 'stream'].includes(key)) continue
        expect(fixed[key], key).toEqual(stock[key])
      }
      expect(fixed.cookies).toEqual([{ name: 'session', value: 'abc', path: '/', httpOnly: true }, { name: 'theme', value: 'dark' }])
      expect(fixed.json()).toEqual(stock.json())
      const { json } = fixed
      expect(json()).toEqual({ method: call.method, url: call.url })
      expect(await text(fixed.stream())).toBe(await text(stock.stream()))
    }
  })

  it('keeps each response its own: json() of one answer never reads another', async () => {
    const { handler } = recorder()
    const first = await inject.fixed!(handler, { url: '/first' })
    const second = await inject.fixed!(handler, { url: '/second' })
    expect(second.json()).toEqual({ method: 'GET', url: '/second' })
    expect(first.json()).toEqual({ method: 'GET', url: '/first' })
  })

  it('streams a payload asked for as a stream, and says json() is not there, as the package does', async () => {
    const call = { url: '/streamed', payloadAsStream: true }
    const [stock, fixed] = await Promise.all([inject.stock!(recorder().handler, call), inject.fixed!(recorder().handler, call)])
    expect(() => fixed.json()).toThrow('Response payload is not available with payloadAsStream: true')
    expect(() => stock.json()).toThrow('Response payload is not available with payloadAsStream: true')
    expect(await text(fixed.stream())).toBe(await text(stock.stream()))
  })

  it('gives every request and response the same getters instead of new ones (the package makes one each)', async () => {
    const getters = async (kind: 'stock' | 'fixed') => {
      const { requests, handler } = recorder()
      const answers = [await inject[kind]!(handler, { url: '/a' }), await inject[kind]!(handler, { url: '/b' })]
      const connection = requests.map((req) => Object.getOwnPropertyDescriptor(req, 'connection'))
      const cookies = answers.map((res) => Object.getOwnPropertyDescriptor(res, 'cookies'))
      return { connection, cookies }
    }
    const stock = await getters('stock')
    const fixed = await getters('fixed')
    expect(fixed.connection[0]?.get).toBe(fixed.connection[1]?.get)
    expect(fixed.cookies[0]?.get).toBe(fixed.cookies[1]?.get)
    expect(stock.connection[0]?.get).not.toBe(stock.connection[1]?.get)
    // The properties themselves are as the package defines them.
    expect({ ...fixed.connection[0], get: undefined }).toEqual({ ...stock.connection[0], get: undefined })
    expect({ ...fixed.cookies[0], get: undefined }).toEqual({ ...stock.cookies[0], get: undefined })
  })

  it('fails the build, naming the file, when light-my-request no longer has a line it changes', () => {
    expect(() => fixLightMyRequest('/app/node_modules/light-my-request/lib/response.js', 'module.exports = {}'))
      .toThrow(/light-my-request's lib\/response\.js changed .*scripts\/light-my-request-fix\.mjs/)
    expect(fixLightMyRequest('/app/node_modules/fastify/lib/reply.js', 'unchanged')).toBe('unchanged')
  })
})
