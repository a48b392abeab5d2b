// Telephony as a PBX plays it (the own-telephony guide): a call registered in the IVR, a ticket for
// the caller once it is queued, re-queued, answered and ended; every call answers `{}`.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { send, ENCODINGS } from '../encodings.js'
import { buildDemoApp, dumpDatabase, type TestApp } from '../helpers.js'

describe('telephony', () => {
  let t: TestApp
  beforeEach(async () => { t = await buildDemoApp() })
  afterEach(async () => { await t.app.close() })

  const api = (path: string) => `/api/v2${path}?apiKey=${t.apiKey}`
  const head = (callID: string) => ({ callID, pbxID: 'pbx-1', pbxIP: '10.0.0.5' })
  const calls = async () => (await t.request.get('/_emulator/calls').expect(200)).body.calls
  const ticket = async (id: number) => (await t.request.get(api(`/ticket/${id}`) + '&getTicketHistory=1').expect(200)).body.item

  for (const encoding of ENCODINGS) {
    it(`takes a call from newInboundCall to a tagged telephone ticket of the brand called (${encoding})`, async () => {
      await send(t.request, 'post', api('/telephone/newInboundCall'), { telephoneNumberCalling: '+31612340001', telephoneNumberCalled: '+31201234567', ...head('call-1') }, encoding)
        .expect(200, {})
      expect((await calls())[0]).toMatchObject({ callId: 'call-1', brandId: 3, state: 'ivr', ticketId: null })
      await send(t.request, 'post', api('/telephone/callCreateTicket'), { ...head('call-1'), tags: ['ivr-reparatie', 'terugbellen'] }, encoding).expect(200, {})
      const call = (await calls())[0]
      expect(call).toMatchObject({ state: 'queued', queueCount: 1, ticketId: expect.any(Number) })
      const item = await ticket(call.ticketId)
      expect(item).toMatchObject({ channel_id: 2, brand_id: 3, direction: 'inbound', from: '+31612340001', to: '+31201234567', title: 'Call from +31612340001' })
      // The caller became a customer with the number as its telephone channel.
      expect(item.customer_id).toBeGreaterThan(0)
      expect(item.tags.split(',').sort()).toEqual(['ivr-reparatie', 'terugbellen'])
      expect(item.timeline).toContainEqual(expect.objectContaining({ item_type: 'call', description: 'Call queued' }))
    })
  }

  for (const encoding of ENCODINGS) {
    it(`re-queues the call and reports it answered and ended (${encoding})`, async () => {
      await t.request.post(api('/telephone/newInboundCall')).send({ telephoneNumberCalling: '+31612340009', telephoneNumberCalled: '+31851234567', ...head('call-e') }).expect(200)
      await t.request.post(api('/telephone/callCreateTicket')).send(head('call-e')).expect(200)
      await send(t.request, 'post', api('/telephone/callUpdateTicket'), { ...head('call-e'), tags: ['sales'] }, encoding).expect(200, {})
      await send(t.request, 'post', api('/telephone/updateCall'), { ...head('call-e'), status: 'answered', userID: 1 }, encoding).expect(200, {})
      await send(t.request, 'post', api('/telephone/updateCall'), { ...head('call-e'), status: 'ended', duration: 42 }, encoding).expect(200, {})
      const call = (await calls())[0]
      expect(call).toMatchObject({ state: 'ended', queueCount: 2 })
      expect(await ticket(call.ticketId)).toMatchObject({ tags: 'sales', assigned_user_id: 1 })
    })
  }

  it('keeps the IVR variables, re-queues, assigns the agent who answers and records the end', async () => {
    await t.request.post(api('/telephone/newInboundCall')).send({ telephoneNumberCalling: '+31612340002', telephoneNumberCalled: '+31851234567', ...head('call-2') }).expect(200)
    await t.request.post(api('/telephone/callCreateTicket')).type('form').send('callID=call-2&pbxID=pbx-1&pbxIP=10.0.0.5&variables[choice]=2&variables[language]=nl').expect(200)
    const id = (await calls())[0].ticketId
    await t.request.post(api('/telephone/callUpdateTicket')).send({ ...head('call-2'), variables: { queue: 'sales' }, tags: ['doorverbonden'] }).expect(200, {})
    await t.request.post(api('/telephone/updateCall')).send({ ...head('call-2'), status: 'answered', userID: 2 }).expect(200, {})
    await t.request.post(api('/telephone/updateCall')).send({ ...head('call-2'), status: 'ended', duration: 184 }).expect(200, {})
    expect((await calls())[0]).toMatchObject({ state: 'ended', queueCount: 2, variables: { choice: '2', language: 'nl', queue: 'sales' } })
    const item = await ticket(id)
    expect(item.assigned_user_id).toBe(2)
    expect(item.timeline.filter((e: { item_type: string }) => e.item_type === 'call').map((e: { description: string }) => e.description)).toEqual([
      'Call queued (choice=2, language=nl)', 'Call re-queued (queue=sales)', 'Call answered by marleen', 'Call ended after 184 s'
    ])
  })

  it('leaves the ticket unassigned when the call was created with skipAssignment', async () => {
    await t.request.post(api('/telephone/newInboundCall')).send({ telephoneNumberCalling: '+31612340003', telephoneNumberCalled: '+31851234567', ...head('call-3') }).expect(200)
    await t.request.post(api('/telephone/callCreateTicket')).send({ ...head('call-3'), skipAssignment: true }).expect(200)
    await t.request.post(api('/telephone/updateCall')).send({ ...head('call-3'), status: 'answered', userID: 1 }).expect(200)
    expect((await ticket((await calls())[0].ticketId)).assigned_user_id).toBe(0)
  })

  it('refuses an unknown callID, an unknown number, a second registration and the documented patterns, and changes nothing', async () => {
    await t.request.post(api('/telephone/newInboundCall')).send({ telephoneNumberCalling: '+31612340004', telephoneNumberCalled: '+31851234567', ...head('call-4') }).expect(200)
    const before = dumpDatabase(t)
    const unknown = await t.request.post(api('/telephone/callCreateTicket')).send(head('no-such-call')).expect(400)
    expect(unknown.body).toEqual({ status: 'error', message: "There is no call 'no-such-call': POST /api/v2/telephone/newInboundCall registers a call first." })
    const number = await t.request.post(api('/telephone/newInboundCall')).send({ telephoneNumberCalling: '+31612340004', telephoneNumberCalled: '+3199999', ...head('call-5') }).expect(400)
    expect(number.body.message).toContain('+31851234567')
    await t.request.post(api('/telephone/newInboundCall')).send({ telephoneNumberCalling: '+31612340004', telephoneNumberCalled: '+31851234567', ...head('call-4') }).expect(400)
    const pattern = await t.request.post(api('/telephone/newInboundCall')).send({ telephoneNumberCalling: '06-1234', telephoneNumberCalled: '+31851234567', ...head('call_6') }).expect(400)
    expect(pattern.body.status).toBe('error')
    await t.request.post(api('/telephone/callUpdateTicket')).send(head('call-4')).expect(400)
    const otherPbx = await t.request.post(api('/telephone/callCreateTicket')).send({ ...head('call-4'), pbxID: 'pbx-2' }).expect(400)
    expect(otherPbx.body.message).toContain('another PBX')
    expect(dumpDatabase(t)).toBe(before)
  })
})
