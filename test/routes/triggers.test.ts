import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildDemoApp, dumpDatabase, type TestApp } from '../helpers.js'

const NEW_TICKET = { to: 'service@mybrand.com', from: 'nieuw@example.com', direction: 'inbound', channelID: 1, brandID: 2, title: 'Vraag' }

const events = async (t: TestApp, id: number) => {
  const { body } = await t.request.get(`/api/v2/ticket/${id}?getTicketHistory=1`).set('apiKey', t.apiKey).expect(200)
  return body.item.timeline.filter((i: { type: string }) => i.type === 'event')
    .map((e: { item_type: string, item_type_id: string, initiated_by: string }) => `${e.item_type}=${e.item_type_id} by ${e.initiated_by}`)
}

const install = (t: TestApp, triggers: unknown[]) => t.request.put('/_emulator/triggers').send({ triggers })

describe('triggers', () => {
  let t: TestApp
  beforeEach(async () => { t = await buildDemoApp() })
  afterEach(async () => { await t.app.close() })

  it('assigns new e-mail tickets of brand 2 to Customer Support ("Assign to service")', async () => {
    const res = await t.request.post('/api/v2/ticket').set('apiKey', t.apiKey).send(NEW_TICKET).expect(200)
    expect(res.body.item.assigned_group_id).toBe(10003)
    const { body } = await t.request.get(`/api/v2/ticket/${res.body.item.id}?getTicketHistory=1`).set('apiKey', t.apiKey)
    expect(body.item.timeline[0]).toMatchObject({
      item_type: 'assigned_group_id', item_type_id: '10003', description: 'Assigned to Customer Support', initiated_by: 'trigger: Assign to service'
    })
  })

  it('leaves a ticket alone when its conditions do not hold', async () => {
    const res = await t.request.post('/api/v2/ticket').set('apiKey', t.apiKey).send({ ...NEW_TICKET, assignedGroupID: 10002 }).expect(200)
    expect(await events(t, res.body.item.id)).toEqual(['assigned_group_id=10002 by api: default'])
    const phone = await t.request.post('/api/v2/ticket').set('apiKey', t.apiKey)
      .send({ ...NEW_TICKET, channelID: 2, from: '+31600000000', to: '+31851234567' }).expect(200)
    expect(phone.body.item.assigned_group_id).toBe(0)
  })

  it('chains actions of several triggers: VIP priority and tag, then "spoed" to urgent', async () => {
    const res = await t.request.post('/api/v2/ticket').set('apiKey', t.apiKey)
      .send({ ...NEW_TICKET, from: 'sara.hendriks@gmail.com', title: 'SPOED: verkeerde maat' }).expect(200)
    expect(res.body.item).toMatchObject({ priority: 'urgent', tags: 'vip' })
    expect(await events(t, res.body.item.id)).toEqual([
      'assigned_group_id=10003 by trigger: Assign to service',
      'priority=high by trigger: VIP-klant met voorrang',
      'tags=vip by trigger: VIP-klant met voorrang',
      'priority=urgent by trigger: Spoed in de titel'
    ])
  })

  it('reopens a pending ticket when the customer writes ("Heropenen bij reactie klant")', async () => {
    await t.request.post('/api/v2/ticket/setstatus').set('apiKey', t.apiKey).send({ ticketIDs: [858462], status: 'pending' }).expect(200)
    await t.request.post('/api/v2/message').set('apiKey', t.apiKey)
      .send({ ticketID: 858462, type: 1, direction: 'inbound', message: 'Nog een vraag over mijn bestelling' }).expect(200)
    const { body } = await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey)
    expect(body.item.status).toBe('open')
    expect((await events(t, 858462)).slice(-2)).toEqual(['status=pending by api: default', 'status=open by trigger: Heropenen bij reactie klant'])
  })

  it('fires updated triggers on every status change: PUT, setstatus and submitStatus', async () => {
    await install(t, [{
      name: 'Opgelost is laag',
      event: 'updated',
      conditions: { all: [{ field: 'status', operator: 'is', value: 'solved' }, { field: 'previous_status', operator: 'is_not', value: 'solved' }] },
      actions: [{ type: 'set_priority', value: 'low' }]
    }]).expect(200)
    await t.request.put('/api/v2/ticket/858462').set('apiKey', t.apiKey).send({ status: 'solved' }).expect(200)
    await t.request.post('/api/v2/ticket/setstatus').set('apiKey', t.apiKey).send({ ticketIDs: [858463], status: 'solved' }).expect(200)
    await t.request.post('/api/v2/message').set('apiKey', t.apiKey)
      .send({ ticketID: 858464, type: 0, message: 'Afgehandeld per telefoon', submitStatus: 'solved' }).expect(200)
    const rows = t.db.sqlite.prepare('SELECT priority FROM tickets WHERE id IN (858462, 858463, 858464)').all()
    expect(rows).toEqual([{ priority: 'low' }, { priority: 'low' }, { priority: 'low' }])
  })

  it('cuts a cycle between triggers instead of looping', async () => {
    await install(t, [
      { name: 'A', event: 'updated', conditions: { all: [{ field: 'status', operator: 'is', value: 'open' }] }, actions: [{ type: 'set_status', value: 'pending' }] },
      { name: 'B', event: 'updated', conditions: { all: [{ field: 'status', operator: 'is', value: 'pending' }] }, actions: [{ type: 'set_status', value: 'open' }] }
    ]).expect(200)
    await t.request.post('/api/v2/ticket/setstatus').set('apiKey', t.apiKey).send({ ticketIDs: [858462], status: 'open' }).expect(200)
    expect((await events(t, 858462)).slice(1)).toEqual([
      'status=open by api: default',
      'status=pending by trigger: A',
      'status=open by trigger: B'
    ])
  })

  it('skips inactive triggers', async () => {
    await install(t, [{ name: 'uit', event: 'created', active: false, conditions: {}, actions: [{ type: 'set_priority', value: 'urgent' }] }]).expect(200)
    const res = await t.request.post('/api/v2/ticket').set('apiKey', t.apiKey).send(NEW_TICKET).expect(200)
    expect(res.body.item.priority).toBe('medium')
  })

  it('lists and replaces triggers through the control API', async () => {
    const listed = await t.request.get('/_emulator/triggers').expect(200)
    expect(listed.body.triggers.map((x: { name: string }) => x.name)).toContain('Assign to service')
    const replaced = await install(t, [{ name: 'Alles naar Finance', event: 'created', conditions: {}, actions: [{ type: 'set_group', value: 10002 }] }]).expect(200)
    expect(replaced.body.triggers).toMatchObject([{ name: 'Alles naar Finance', active: true, position: 0 }])
    const res = await t.request.post('/api/v2/ticket').set('apiKey', t.apiKey).send(NEW_TICKET).expect(200)
    expect(res.body.item.assigned_group_id).toBe(10002)
  })

  it('gives back exactly what it got: GET, PUT, GET (numbers stay numbers, one-item lists stay lists)', async () => {
    const listed = (await t.request.get('/_emulator/triggers').expect(200)).body.triggers
    const mixed = [{
      name: 'Mixed values',
      event: 'created',
      active: true,
      conditions: { all: [{ field: 'channel_id', operator: 'is', value: [1] }, { field: 'brand_id', operator: 'is', value: 2 }], any: [{ field: 'title', operator: 'contains', value: ['spoed', 3] }] },
      actions: [{ type: 'set_group', value: 10002 }, { type: 'add_tag', value: '42' }]
    }]
    const input = [...listed.map(({ id: _id, position: _position, ...rest }: Record<string, unknown>) => rest), ...mixed]
    await install(t, input).expect(200)
    const again = (await t.request.get('/_emulator/triggers').expect(200)).body.triggers
    expect(again.map(({ id: _id, position: _position, ...rest }: Record<string, unknown>) => rest)).toStrictEqual(input)
  })

  it.each([
    [[{ name: 'x', event: 'created', conditions: {}, actions: [{ type: 'set_group', value: 424242 }] }], /group 424242 does not exist/],
    [[{ name: 'x', event: 'someday', conditions: {}, actions: [{ type: 'set_group', value: 10002 }] }], /'triggers\[0\]\[event\]' must be one of/],
    [[{ name: 'x', event: 'created', conditions: {}, actions: [] }], /must have at least 1 item/],
    [[{ name: 'x', event: 'created', conditions: {}, actions: [{ type: 'set_status', value: 'gone' }] }], /status must be one of/]
  ])('refuses invalid triggers with a clear 400 and keeps the old ones', async (triggers, message) => {
    const before = dumpDatabase(t)
    const res = await install(t, triggers).expect(400)
    expect(res.body).toStrictEqual({ status: 'error', message: expect.stringMatching(message) })
    expect(dumpDatabase(t)).toBe(before)
  })

  it('leaves no trace of triggers when the request that fired them is rejected', async () => {
    const before = dumpDatabase(t)
    await t.request.post('/api/v2/ticket/setstatus').set('apiKey', t.apiKey).send({ ticketIDs: [858462, 1], status: 'pending' }).expect(400)
    expect(dumpDatabase(t)).toBe(before)
  })
})
