import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildDemoApp, documentedTicketResponse, type TestApp } from '../helpers.js'

function keyPaths (value: unknown, at = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => keyPaths(v, `${at}[${i}]`))
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [`${at}.${k}`, ...keyPaths(v, `${at}.${k}`)])
  }
  return []
}

describe('GET /api/v2/ticket/:ticketID', () => {
  let t: TestApp
  beforeEach(async () => { t = await buildDemoApp() })
  afterEach(async () => { await t.app.close() })

  it('answers the documented example byte for byte, in key order at every level', async () => {
    const res = await t.request.get('/api/v2/ticket/858462?getTicketHistory=1').set('apiKey', t.apiKey).expect(200)
    const expected = documentedTicketResponse()
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.body).toStrictEqual(expected)
    expect(keyPaths(res.body)).toEqual(keyPaths(expected))
    expect(res.text).toBe(JSON.stringify(expected))
  })

  it('keeps the mixed value types of the real API', async () => {
    const { body } = await t.request.get('/api/v2/ticket/858462').query({ apiKey: t.apiKey, getTicketHistory: 'true' }).expect(200)
    expect(body.item.channel_account_id).toBe('0')
    const [event, note, message] = body.item.timeline
    expect(event.id).toBe(4090647)
    expect(event.item_type_id).toBe('10003')
    expect(note.id).toBe('3143281')
    expect(message.meta_data).toBe('{"to":[{"address":"service@mybrand.com","name":""}]}')
    expect(body.item.following).toBe(false)
    expect(message.email_show_reply_all).toBe(false)
  })

  it('leaves events out of the timeline unless getTicketHistory is truthy', async () => {
    for (const flag of [undefined, '0', 'false']) {
      const query: Record<string, string> = { apiKey: t.apiKey }
      if (flag !== undefined) query.getTicketHistory = flag
      const { body } = await t.request.get('/api/v2/ticket/858462').query(query).expect(200)
      expect(body.item.timeline.map((i: { type: string }) => i.type)).toEqual(['note', 'message'])
    }
  })

  it('counts sla_next_breach_seconds down with the emulator clock', async () => {
    t.account.clock.advance(3600)
    const { body } = await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)
    expect(body.item.sla_next_breach_seconds).toBe(222706 - 3600)
  })

  it('answers 404 with the envelope for an unknown ticket', async () => {
    const res = await t.request.get('/api/v2/ticket/999999').set('apiKey', t.apiKey).expect(404)
    expect(res.body).toStrictEqual({ status: 'error', message: 'This ticket does not exist.' })
  })

  it.each(['abc', '0', '-5', '1.5', '99999999999999999999'])('answers 400 naming the path parameter for id %s', async (id) => {
    const res = await t.request.get(`/api/v2/ticket/${id}`).set('apiKey', t.apiKey).expect(400)
    expect(res.body.status).toBe('error')
    expect(res.body.message).toContain("'ticketID'")
  })

  it('accepts the key in the query, and a read-only key', async () => {
    await t.request.get('/api/v2/ticket/858462').query({ apiKey: 'omnidesk-readonly-key' }).expect(200)
  })

  it('answers 401 without a key and with an unknown key, 403 is not needed for reading', async () => {
    const none = await t.request.get('/api/v2/ticket/858462').expect(401)
    expect(none.body).toStrictEqual({ status: 'error', message: expect.stringContaining('apiKey') })
    const wrong = await t.request.get('/api/v2/ticket/858462').set('apiKey', 'nope').expect(401)
    expect(wrong.body.status).toBe('error')
  })

  it('matches the route case-insensitively and with a trailing slash', async () => {
    await t.request.get('/API/V2/Ticket/858462/').set('apiKey', t.apiKey).expect(200)
  })

  it('answers unknown routes with the envelope, not Fastify\'s own shape', async () => {
    const res = await t.request.get('/api/v2/nothing-here').set('apiKey', t.apiKey).expect(404)
    expect(Object.keys(res.body)).toEqual(['status', 'message'])
    expect(res.body.status).toBe('error')
  })
})
