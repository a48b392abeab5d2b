import { spawn } from 'node:child_process'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { Webhook as Verifier } from 'standardwebhooks'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildDemoApp, type TestApp } from '../helpers.js'

interface Received { headers: http.IncomingHttpHeaders, body: string, at: number }

/** A real receiver on 127.0.0.1: answers OPTIONS as Omnidesk requires, and fails the first `failures` POSTs. */
async function receiver (options: { failures?: number, delayMs?: number, allow?: string } = {}) {
  const received: Received[] = []
  let failures = options.failures ?? 0
  const server = http.createServer((req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { allow: options.allow ?? 'OPTIONS, POST' }).end()
      return
    }
    let body = ''
    req.on('data', (chunk) => { body += chunk })
    req.on('end', () => {
      received.push({ headers: req.headers, body, at: performance.now() })
      setTimeout(() => {
        if (failures > 0) {
          failures--
          res.writeHead(500).end()
        } else res.writeHead(204).end()
      }, options.delayMs ?? 0)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`
  return { url, received, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve) }) }
}

/** The README's receiver (examples/webhook-receiver.mjs) on a free port; `until` waits for a line it prints. */
function exampleReceiver () {
  const child = spawn(process.execPath, [path.join(import.meta.dirname, '../../examples/webhook-receiver.mjs')], { env: { ...process.env, PORT: '0' } })
  let out = ''
  child.stdout.on('data', (chunk) => { out += chunk })
  const until = async (pattern: RegExp) => {
    for (let i = 0; i < 200 && !pattern.test(out); i++) await new Promise((resolve) => setTimeout(resolve, 25))
    return pattern.exec(out)
  }
  return { child, until, output: () => out }
}

describe('webhooks', () => {
  let t: TestApp
  let hook: Awaited<ReturnType<typeof receiver>>
  beforeEach(async () => { t = await buildDemoApp({ WEBHOOK_RETRY_FACTOR: '0.01' }) })
  afterEach(async () => {
    await t.app.close()
    await hook?.close()
  })

  const register = (body: Record<string, unknown>) => t.request.post('/_emulator/webhooks').send(body)
  const flush = () => t.request.post('/_emulator/webhooks/flush').query({ timeout: 10_000 }).expect(200)

  it('delivers signed events that an independent Standard Webhooks implementation verifies', async () => {
    hook = await receiver()
    const { body: webhook } = await register({ url: hook.url }).expect(200)
    expect(webhook.secret).toMatch(/^whsec_/)
    await t.request.post('/api/v2/ticket/setstatus').set('apiKey', t.apiKey).send({ ticketIDs: [858462], status: 'open' }).expect(200)
    await flush()
    const verifier = new Verifier(webhook.secret)
    const types = hook.received.map((r) => {
      const payload = verifier.verify(r.body, r.headers as Record<string, string>) as { type: string, data: { ticket: { id: number, status: string }, changes: Record<string, unknown> } }
      expect(payload.data.ticket.id).toBe(858462)
      return payload.type
    })
    expect(types).toEqual(['ticket.updated', 'ticket.status_changed'])
    const statusChanged = JSON.parse(hook.received[1]!.body)
    expect(statusChanged).toMatchObject({ type: 'ticket.status_changed', timestamp: '2019-09-28 22:08:14', data: { ticket: { status: 'open' }, changes: { status: { from: 'new', to: 'open' } }, item_id: null } })
    expect(statusChanged.data.ticket).not.toHaveProperty('timeline')
    expect(() => new Verifier(`whsec_${Buffer.from('another secret, 32 bytes long!!!').toString('base64')}`).verify(hook.received[0]!.body, hook.received[0]!.headers as Record<string, string>)).toThrow()
  })

  it('works with the README\'s receiver (examples/webhook-receiver.mjs), registered with its secret', async () => {
    const { until, child } = exampleReceiver()
    try {
      const url = (await until(/listening on (\S+)/))?.[1]
      expect(url).toBeDefined()
      await register({ url, secret: 'whsec_ZW11bGF0b3ItZXhhbXBsZS1zZWNyZXQ=', events: ['ticket.status_changed'] }).expect(200)
      await t.request.post('/api/v2/ticket/setstatus').set('apiKey', t.apiKey).send({ ticketIDs: [858462], status: 'open' }).expect(200)
      await flush()
      expect((await until(/ticket\.status_changed 858462 .*/))?.[0]).toBe('ticket.status_changed 858462 {"status":{"from":"new","to":"open"}}')
      expect((await t.request.get('/_emulator/webhooks/deliveries').expect(200)).body.deliveries[0].state).toBe('delivered')
    } finally {
      child.kill()
    }
  })

  it('the README\'s receiver is also the demo\'s chatbot and custom channel endpoint', async () => {
    const { until, output, child } = exampleReceiver()
    try {
      const base = (await until(/listening on (http:\/\/[\d.:]+)/))?.[1]
      expect(base).toBeDefined()
      const api = (p: string) => `/api/v2${p}?apiKey=${t.apiKey}`
      const chat = await t.request.post('/_emulator/play/chat').send({ brandID: 2, message: 'Hallo', chatServer: `${base}/chatbot` }).expect(200)
      await t.request.post(api('/message')).send({ ticketID: chat.body.ticketID, type: 8, userID: 1, message: 'Hoi, hoe kan ik helpen?' }).expect(200)
      // The demo's custom channel, pointed at the receiver, with the demo's secret.
      await t.request.put(api('/channel/100')).send({ custom_channel_endpoint: `${base}/custom-channel` }).expect(200)
      await t.request.post(api('/message')).send({ ticketID: 858498, type: 100, userID: 2, message: 'Je pakket komt morgen.' }).expect(200)
      const deliveries = (await t.request.post('/_emulator/hookpoints/flush').expect(200)).body.deliveries
      expect(deliveries.map((d: { hookpoint: string, state: string }) => [d.hookpoint, d.state])).toEqual([['messageForCustomer', 'delivered'], ['customChannel', 'delivered']])
      expect((await until(/custom channel 858498 .*/))?.[0]).toBe('custom channel 858498 Je pakket komt morgen.')
      expect(output()).toContain(`chatbot messageForCustomer ${chat.body.ticketID} Hoi, hoe kan ik helpen?`)
    } finally {
      child.kill()
    }
  })

  it('sends created, assigned (by a trigger), message and note events, in order, filtered by subscription', async () => {
    hook = await receiver()
    await register({ url: hook.url, events: ['ticket.created', 'ticket.assigned', 'message.created', 'note.created'] }).expect(200)
    const created = await t.request.post('/api/v2/ticket').set('apiKey', t.apiKey)
      .send({ to: 'service@mybrand.com', from: 'w@example.com', direction: 'inbound', channelID: 1, brandID: 2, title: 'Webhook' }).expect(200)
    const id = created.body.item.id
    await t.request.post('/api/v2/message').set('apiKey', t.apiKey).send({ ticketID: id, type: 1, message: 'Een antwoord' }).expect(200)
    await t.request.post('/api/v2/message').set('apiKey', t.apiKey).send({ ticketID: id, type: 0, message: 'Een notitie' }).expect(200)
    await flush()
    const payloads = hook.received.map((r) => JSON.parse(r.body))
    expect(payloads.map((p) => p.type)).toEqual(['ticket.created', 'ticket.assigned', 'message.created', 'note.created'])
    expect(payloads[1].data.changes).toStrictEqual({ assigned_group_id: { from: 0, to: 10003 } })
    expect(payloads[2].data.item_id).toMatch(/^\d+$/)
  })

  it('retries with exponential backoff (base 2, scaled) against a receiver that fails, and journals each attempt', async () => {
    hook = await receiver({ failures: 3 })
    await register({ url: hook.url, events: ['ticket.status_changed'] }).expect(200)
    await t.request.put('/api/v2/ticket/858462').set('apiKey', t.apiKey).send({ status: 'solved' }).expect(200)
    await flush()
    expect(hook.received).toHaveLength(4)
    const gaps = hook.received.slice(1).map((r, i) => r.at - hook.received[i]!.at)
    // 10, 20 and 40 ms with the factor 0.01: each wait about twice the one before
    expect(gaps[0]).toBeGreaterThanOrEqual(9)
    expect(gaps[1]).toBeGreaterThanOrEqual(19)
    expect(gaps[2]).toBeGreaterThanOrEqual(39)
    expect(new Set(hook.received.map((r) => r.headers['webhook-id'])).size).toBe(1)
    const { body } = await t.request.get('/_emulator/webhooks/deliveries').expect(200)
    expect(body.deliveries).toMatchObject([{ type: 'ticket.status_changed', state: 'delivered', ticketId: 858462 }])
    expect(body.deliveries[0].attempts.map((a: { status: number }) => a.status)).toEqual([500, 500, 500, 204])
  })

  it('gives up after 5 retries, and counts a receiver slower than 1 second as failed, without slowing the API', async () => {
    hook = await receiver({ delayMs: 1500 })
    await register({ url: hook.url, events: ['ticket.status_changed'] }).expect(200)
    const started = performance.now()
    await t.request.put('/api/v2/ticket/858462').set('apiKey', t.apiKey).send({ status: 'solved' }).expect(200)
    expect(performance.now() - started).toBeLessThan(500)
    await t.request.post('/_emulator/webhooks/flush').query({ timeout: 20_000 }).expect(200)
    const { body } = await t.request.get('/_emulator/webhooks/deliveries').expect(200)
    expect(body.deliveries[0].state).toBe('failed')
    expect(body.deliveries[0].attempts).toHaveLength(6)
    expect(body.deliveries[0].attempts[0].error).toMatch(/within 1000 ms/)
  }, 30_000)

  it('refuses to register an endpoint that fails the OPTIONS check', async () => {
    hook = await receiver({ allow: 'GET' })
    const res = await register({ url: hook.url }).expect(400)
    expect(res.body).toStrictEqual({ status: 'error', message: expect.stringContaining('Allow header containing POST') })
    const dead = await register({ url: 'http://127.0.0.1:9/hook' }).expect(400)
    expect(dead.body.message).toMatch(/OPTIONS/)
    expect((await t.request.get('/_emulator/webhooks')).body.webhooks).toEqual([])
  })

  it('sends nothing for a rejected request', async () => {
    hook = await receiver()
    await register({ url: hook.url }).expect(200)
    await t.request.post('/api/v2/ticket/setstatus').set('apiKey', t.apiKey).send({ ticketIDs: [858462, 1], status: 'open' }).expect(400)
    await t.request.post('/_emulator/faults').send({ path: '/api/v2/ticket/858462', status: 503 }).expect(200)
    await t.request.put('/api/v2/ticket/858462').set('apiKey', t.apiKey).send({ status: 'closed' }).expect(503)
    await flush()
    expect(hook.received).toEqual([])
    expect((await t.request.get('/_emulator/webhooks/deliveries')).body.deliveries).toEqual([])
  })

  it('lists and removes endpoints', async () => {
    hook = await receiver()
    const { body: a } = await register({ url: hook.url, secret: `whsec_${Buffer.from('a fixed secret for the test suite').toString('base64')}` }).expect(200)
    expect((await t.request.get('/_emulator/webhooks')).body.webhooks).toMatchObject([{ id: a.id, url: hook.url }])
    await t.request.delete(`/_emulator/webhooks/${a.id}`).expect(200)
    await t.request.delete(`/_emulator/webhooks/${a.id}`).expect(404)
  })

  it('reports customers created and updated by the customer API, with the customer', async () => {
    hook = await receiver()
    await register({ url: hook.url, events: ['customer.created', 'customer.updated', 'ticket.updated'] }).expect(200)
    await t.request.post('/api/v2/customer').set('apiKey', t.apiKey)
      .send({ brand_id: 2, primary_id: 'CRM-7', firstname: 'Rik', channel_id: 'email', customer_link_channel: 'rik@example.com', ticket_id: 858462 }).expect(200)
    await t.request.put('/api/v2/customer/updateCustomer').set('apiKey', t.apiKey).send({ externalPrimaryID: 'CRM-7', brandID: 2, lastname: 'Vos' }).expect(200)
    await flush()
    const payloads = hook.received.map((r) => JSON.parse(r.body) as { type: string, data: { ticket: { id: number } | null, customer: { external_primary_id: string, lastname: string } | null, changes: Record<string, unknown> } })
    expect(payloads.map((p) => p.type)).toEqual(['customer.created', 'ticket.updated', 'customer.updated'])
    expect(payloads[0]?.data).toMatchObject({ ticket: null, customer: { external_primary_id: 'CRM-7' } })
    expect(payloads[1]?.data.changes).toHaveProperty('customer_id')
    expect(payloads[2]?.data).toMatchObject({ customer: { lastname: 'Vos' }, changes: { lastname: { from: '', to: 'Vos' } } })
  })
})
