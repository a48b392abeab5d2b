import { afterEach, describe, expect, it } from 'vitest'
import { buildDemoApp, dumpDatabase, READ_ONLY_KEY, type TestApp } from '../helpers.js'
import { ENCODINGS, send } from '../encodings.js'

const NEW_TICKET = {
  to: 'service@mybrand.com',
  from: 'Jan.Klant@Example.com',
  direction: 'inbound',
  channelID: 1,
  brandID: 2,
  title: 'Waar blijft mijn pakket?'
}

describe('POST /api/v2/ticket', () => {
  let t: TestApp
  afterEach(async () => { await t.app.close() })

  it('gives identical results for JSON, form and multipart bodies', async () => {
    const bodies: unknown[] = []
    for (const encoding of ENCODINGS) {
      t = await buildDemoApp()
      const res = await send(t.request, 'post', `/api/v2/ticket?apiKey=${t.apiKey}`,
        { ...NEW_TICKET, assignedGroupID: 10003, formID: 1, fromName: 'Jan Klant' }, encoding).expect(200)
      const events = await t.request.get(`/api/v2/ticket/${res.body.item.id}?getTicketHistory=1&apiKey=${t.apiKey}`).expect(200)
      bodies.push({ created: res.body, history: events.body })
      await t.app.close()
    }
    expect(bodies[1]).toStrictEqual(bodies[0])
    expect(bodies[2]).toStrictEqual(bodies[0])
    t = await buildDemoApp()
  })

  it('creates a new ticket with the documented defaults and the full ticket as the item', async () => {
    t = await buildDemoApp()
    const res = await t.request.post('/api/v2/ticket').set('apiKey', t.apiKey).send(NEW_TICKET).expect(200)
    expect(Object.keys(res.body)).toEqual(['type', 'item'])
    const item = res.body.item
    expect(item).toMatchObject({
      status: 'new',
      priority: 'medium',
      assigned_user_id: 0,
      // by the demo's trigger "Assign to service"
      assigned_group_id: 10003,
      created_at: '2019-09-28 22:08:14',
      last_update: '2019-09-28 22:08:14',
      last_update_customer: '2019-09-28 22:08:14',
      last_update_agent: null,
      channel_name: 'e-mail',
      icon: 'e-mail',
      brand_name: 'MyBrand',
      sla_policy_id: 5,
      // 11 business hours (Mon–Fri 09:00–17:00) after Saturday evening: Tuesday noon.
      sla_breach_first_reply_time: '2019-10-01 12:00:00',
      timeline: []
    })
    expect(item.id).toBeGreaterThan(858462)
    const again = await t.request.get(`/api/v2/ticket/${item.id}`).set('apiKey', t.apiKey).expect(200)
    expect(again.body.item).toStrictEqual(item)
  })

  it('finds the existing customer by address, following a merge, and creates a new one otherwise', async () => {
    t = await buildDemoApp()
    const known = await t.request.post('/api/v2/ticket').set('apiKey', t.apiKey)
      .send({ ...NEW_TICKET, from: 'THOMAS@test.com' }).expect(200)
    expect(known.body.item.customer_id).toBe(626822)
    expect(known.body.item.customer_channels.map((c: { id: number }) => c.id)).toEqual([1194929, 1194930])
    const fresh = await t.request.post('/api/v2/ticket').set('apiKey', t.apiKey)
      .send({ ...NEW_TICKET, fromName: 'Jan de Klant' }).expect(200)
    expect(fresh.body.item.customer).toMatchObject({ firstname: 'Jan', lastname: 'de Klant', external_primary_id: null })
    expect(fresh.body.item.customer_channels).toMatchObject([{ unique_reference: 'jan.klant@example.com', channel_id: 1 }])
  })

  it('takes the customer from `to` for outbound tickets and starts no first-reply SLA', async () => {
    t = await buildDemoApp()
    const res = await t.request.post('/api/v2/ticket').set('apiKey', t.apiKey)
      .send({ ...NEW_TICKET, direction: 'outbound', from: 'service@mybrand.com', to: 'noah.mulder@gmail.com' }).expect(200)
    expect(res.body.item.customer_id).toBe(626830)
    expect(res.body.item.last_update_agent).toBe('2019-09-28 22:08:14')
    expect(res.body.item.sla_next_breach).toBeNull()
    expect(res.body.item.sla_next_breach_seconds).toBeNull()
  })

  it('writes an assignment event for assignedGroupID, initiated by the API key', async () => {
    t = await buildDemoApp()
    const res = await t.request.post('/api/v2/ticket').set('apiKey', t.apiKey).send({ ...NEW_TICKET, assignedGroupID: 10002 }).expect(200)
    const { body } = await t.request.get(`/api/v2/ticket/${res.body.item.id}?getTicketHistory=1`).set('apiKey', t.apiKey).expect(200)
    expect(body.item.timeline).toStrictEqual([{
      id: expect.any(Number),
      ticket_id: res.body.item.id,
      item_type: 'assigned_group_id',
      item_type_id: '10002',
      description: 'Assigned to Finance',
      initiated_by: 'api: default',
      created_at: '2019-09-28 22:08:14',
      type: 'event'
    }])
    expect(Object.keys(body.item.timeline[0])).toEqual(['id', 'ticket_id', 'item_type', 'item_type_id', 'description', 'initiated_by', 'created_at', 'type'])
  })

  it.each([
    ['no trigger fires (phone)', { channelID: 2, from: '+31600000000', to: '+31851234567' }],
    ['a trigger assigns the group', {}],
    ['the body assigns the group', { assignedGroupID: 10002, formID: 1, fromName: 'Jan Klant' }],
    ['triggers chain priority and a tag', { from: 'sara.hendriks@gmail.com', title: 'SPOED: verkeerde maat' }],
    ['outbound', { direction: 'outbound', from: 'service@mybrand.com', to: 'nieuw@example.com' }]
  ])('answers with the ticket exactly as GET shows it afterwards: %s', async (_case, change) => {
    t = await buildDemoApp()
    const created = await t.request.post('/api/v2/ticket').set('apiKey', t.apiKey).send({ ...NEW_TICKET, ...change }).expect(200)
    const read = await t.request.get(`/api/v2/ticket/${created.body.item.id}`).set('apiKey', t.apiKey).expect(200)
    expect(created.text).toBe(read.text)
  })

  it.each([
    [{ title: undefined }, "The field 'title' is required."],
    [{ to: '' }, "The field 'to' must not be empty."],
    [{ direction: 'sideways' }, "The field 'direction' must be one of: inbound, outbound."],
    [{ channelID: 'e-mail' }, "The field 'channelID' must be a whole number."],
    [{ brandID: 0 }, "The field 'brandID' must be at least 1."],
    [{ brandID: 77 }, 'This brand does not exist.'],
    [{ channelID: 6 }, 'This channel does not exist.'],
    [{ assignedGroupID: 10004 }, 'This group does not exist.'],
    [{ formID: 99 }, 'This form does not exist.'],
    [{ formID: 2 }, 'This form does not exist.']
  ])('rejects %j with 400 "%s" and changes nothing', async (change, message) => {
    t = await buildDemoApp()
    const before = dumpDatabase(t)
    const body = Object.fromEntries(Object.entries({ ...NEW_TICKET, ...change }).filter(([, v]) => v !== undefined))
    const res = await t.request.post('/api/v2/ticket').set('apiKey', t.apiKey).send(body).expect(400)
    expect(res.body).toStrictEqual({ status: 'error', message })
    expect(dumpDatabase(t)).toBe(before)
  })

  it('rejects an empty body, a broken JSON body and an unsupported content type with the envelope', async () => {
    t = await buildDemoApp()
    const before = dumpDatabase(t)
    const empty = await t.request.post('/api/v2/ticket').set('apiKey', t.apiKey).expect(400)
    expect(empty.body.status).toBe('error')
    const broken = await t.request.post('/api/v2/ticket').set('apiKey', t.apiKey).type('json').send('{"to":').expect(400)
    expect(broken.body.message).toMatch(/not valid JSON/)
    const xml = await t.request.post('/api/v2/ticket').set('apiKey', t.apiKey).type('application/xml').send('<a/>').expect(415)
    expect(xml.body.message).toMatch(/content type/)
    expect(dumpDatabase(t)).toBe(before)
  })

  it('answers 401 without a key and 403 for a key without TICKET_CREATE', async () => {
    t = await buildDemoApp()
    const before = dumpDatabase(t)
    await t.request.post('/api/v2/ticket').send(NEW_TICKET).expect(401)
    const res = await t.request.post('/api/v2/ticket').set('apiKey', READ_ONLY_KEY).send(NEW_TICKET).expect(403)
    expect(res.body).toStrictEqual({ status: 'error', message: expect.stringContaining('TICKET_CREATE') })
    expect(dumpDatabase(t)).toBe(before)
  })
})
