import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildDemoApp, dumpDatabase, READ_ONLY_KEY, type TestApp } from '../helpers.js'
import { ENCODINGS, send } from '../encodings.js'

const ticket = async (t: TestApp, id: number, history = false) =>
  (await t.request.get(`/api/v2/ticket/${id}${history ? '?getTicketHistory=1' : ''}`).set('apiKey', t.apiKey).expect(200)).body.item

/** The newest note or message that is not one of the documented example's (which are dated later). */
function added (item: { timeline: Array<Record<string, unknown>> }): Record<string, unknown> {
  const found = item.timeline.find((i) => i.type !== 'event' && i.id !== '3143281' && i.id !== '3143690')
  if (!found) throw new Error('no note or message was added')
  return found
}

const DOCUMENTED_ANSWER = '{"type":"result","message":"Message has been sent and the ticket status was updated."}'

describe('POST /api/v2/message', () => {
  let t: TestApp
  beforeEach(async () => { t = await buildDemoApp() })
  afterEach(async () => { await t.app.close() })

  it('adds an internal note (type 0) with the documented key set, by the agent', async () => {
    t.account.clock.advance(60)
    const res = await t.request.post('/api/v2/message').set('apiKey', t.apiKey)
      .send({ ticketID: 858462, type: 0, message: 'Klant heeft gebeld, terugbellen morgen.', userID: 2 }).expect(200)
    expect(res.text).toBe(DOCUMENTED_ANSWER)
    const item = await ticket(t, 858462)
    const note = added(item)
    const documentedNote = item.timeline.find((i: { id: string }) => i.id === '3143281')
    expect(Object.keys(note)).toEqual(Object.keys(documentedNote))
    expect(note).toMatchObject({
      type: 'note',
      channel_id: 0,
      channel_name: null,
      to: null,
      from: null,
      user_id: 2,
      user_name: 'marleen',
      content: 'Klant heeft gebeld, terugbellen morgen.',
      status_new: 'new',
      meta_data: '[]',
      created_at: '2019-09-28 22:09:14'
    })
    expect(typeof note.id).toBe('string')
    expect(item.last_update_agent).toBe('2019-09-28 22:09:14')
  })

  it.each(ENCODINGS)('sends an e-mail reply from a %s body, satisfying the first-reply SLA', async (encoding) => {
    await send(t.request, 'post', `/api/v2/message?apiKey=${t.apiKey}`,
      { ticketID: 858462, type: 1, message: '<p>Hallo Thomas, je pakket is onderweg.</p>', userID: 1, ccInput: 'boekhouding@mybrand.com' }, encoding)
      .expect(200)
    const item = await ticket(t, 858462)
    const reply = added(item)
    expect(Object.keys(reply)).toEqual(Object.keys(item.timeline.find((i: { id: string }) => i.id === '3143690')))
    expect(reply).toMatchObject({
      type: 'message',
      direction: 'outbound',
      to: 'thomas@test.com',
      from: 'service@mybrand.com',
      channel_name: 'e-mail',
      user_name: 'thomas',
      meta_data: '{"to":[{"address":"thomas@test.com","name":""}],"cc":[{"address":"boekhouding@mybrand.com","name":""}]}',
      email_details: 'to: thomas@test.com, cc: boekhouding@mybrand.com',
      email_show_reply_all: false,
      in_queue: 0
    })
    expect(item).toMatchObject({ sla_breach_first_reply_time: null, sla_next_breach: null, sla_next_breach_current_status: null, sla_next_breach_seconds: null })
  })

  it('changes the status with submitStatus, records it as status_new, and writes the event', async () => {
    await t.request.post('/api/v2/message').set('apiKey', t.apiKey)
      .send({ ticketID: 858462, type: 1, message: 'We wachten op je antwoord.', submitStatus: 'pending' }).expect(200)
    const item = await ticket(t, 858462, true)
    expect(item.status).toBe('pending')
    const reply = item.timeline.find((i: { type: string, direction?: string }) => i.type === 'message' && i.direction === 'outbound')
    expect(reply).toMatchObject({ status_new: 'pending', user_id: 0, user_name: 'Agent Anonymous' })
    expect(item.timeline.filter((i: { type: string }) => i.type === 'event').at(-1)).toMatchObject({ item_type: 'status', item_type_id: 'pending', initiated_by: 'api: default' })
  })

  it('records a customer message (direction inbound) and starts the next-reply clock after an agent reply', async () => {
    await t.request.post('/api/v2/message').set('apiKey', t.apiKey).send({ ticketID: 858462, type: 1, message: 'Eerste antwoord', userID: 1 }).expect(200)
    t.account.clock.freezeAt('2019-09-30 10:00:00')
    await t.request.post('/api/v2/message').set('apiKey', t.apiKey).send({ ticketID: 858462, type: 1, direction: 'inbound', message: 'Dank, nog een vraag' }).expect(200)
    const item = await ticket(t, 858462)
    expect(added(item)).toMatchObject({ direction: 'inbound', user_id: 0, user_name: 'Anonymous', from: 'thomas@test.com', to: 'service@mybrand.com' })
    expect(item.last_update_customer).toBe('2019-09-30 10:00:00')
    // next-reply time of policy 5: 8 office hours → Tuesday 10:00
    expect(item).toMatchObject({ sla_breach_next_reply_time: '2019-10-01 10:00:00', sla_next_breach: '2019-10-01 10:00:00', sla_next_breach_current_status: 'active' })
  })

  it('queues a message with sendAt in the future', async () => {
    await t.request.post('/api/v2/message').set('apiKey', t.apiKey).send({ ticketID: 858462, type: 1, message: 'Later verstuurd', sendAt: '2019-09-30 09:00:00' }).expect(200)
    expect(added(await ticket(t, 858462))).toMatchObject({ in_queue: 1, send_at: '2019-09-30 09:00:00' })
  })

  it('maps calllog to the telephone channel', async () => {
    await t.request.post('/api/v2/message').set('apiKey', t.apiKey).type('form').send('ticketID=858462&type=calllog&message=Gebeld met klant').expect(200)
    expect(added(await ticket(t, 858462))).toMatchObject({ channel_id: 2, channel_name: 'telephone', meta_data: '[]', email_details: null })
  })

  it.each([
    [{ message: 'kort' }, "The field 'message' must be at least 5 characters long."],
    [{ ticketID: 1 }, 'This ticket does not exist.'],
    [{ type: 6 }, 'This channel does not exist.'],
    [{ type: 'fax' }, "The field 'type' must be a whole number."],
    [{ userID: 99 }, 'This user does not exist.'],
    [{ respondMessageID: 3143281 + 1 }, 'This message does not exist.'],
    [{ ccInput: 'a@b.nl, niet-een-adres' }, "The field 'ccInput' must hold e-mail addresses separated by commas; 'niet-een-adres' is not one."],
    [{ sendAt: 'morgen' }, "The field 'sendAt' must be a date-time of the form YYYY-MM-DD HH:MM:SS."],
    [{ submitStatus: 'done' }, "The field 'submitStatus' must be one of: new, open, pending, holding, solved, closed."]
  ])('rejects %j with "%s" and changes nothing', async (change, message) => {
    const before = dumpDatabase(t)
    const res = await t.request.post('/api/v2/message').set('apiKey', t.apiKey)
      .send({ ticketID: 858462, type: 1, message: 'Een geldig bericht', ...change }).expect(400)
    expect(res.body).toStrictEqual({ status: 'error', message })
    expect(dumpDatabase(t)).toBe(before)
  })

  it('needs MESSAGE_CREATE', async () => {
    const res = await t.request.post('/api/v2/message').set('apiKey', READ_ONLY_KEY).send({ ticketID: 858462, type: 0, message: 'Een notitie' }).expect(403)
    expect(res.body.message).toContain('MESSAGE_CREATE')
  })
})

describe('POST /api/v2/message/chatbot', () => {
  let t: TestApp
  beforeEach(async () => { t = await buildDemoApp() })
  afterEach(async () => { await t.app.close() })

  it.each(ENCODINGS)('creates a live-chat ticket with the message as its first customer message (%s)', async (encoding) => {
    const res = await send(t.request, 'post', `/api/v2/message/chatbot?apiKey=${t.apiKey}`,
      { brandID: 3, subject: 'Vraag over mijn fiets', message: 'Bot: waarmee kan ik helpen? Klant: mijn ketting kraakt.', from: 'fietser@example.com' }, encoding).expect(200)
    expect(res.body).toStrictEqual({ type: 'result', message: 'Ticket created.', ticketID: expect.any(Number) })
    const { item } = (await t.request.get(`/api/v2/ticket/${res.body.ticketID}?getTicketHistory=1`).set('apiKey', t.apiKey).expect(200)).body
    expect(item).toMatchObject({ channel_id: 8, channel_name: 'live chat', brand_id: 3, title: 'Vraag over mijn fiets', direction: 'inbound', from: 'fietser@example.com', status: 'new' })
    expect(item.customer_channels).toMatchObject([{ channel_id: 8, unique_reference: 'fietser@example.com' }])
    expect(item.timeline).toContainEqual(expect.objectContaining({ type: 'message', direction: 'inbound', channel_id: 8, content: 'Bot: waarmee kan ik helpen? Klant: mijn ketting kraakt.' }))
  })

  it('refuses a missing field or an unknown brand, and changes nothing', async () => {
    const before = dumpDatabase(t)
    await t.request.post('/api/v2/message/chatbot').set('apiKey', t.apiKey).send({ brandID: 3, subject: 'x', from: 'a' })
      .expect(400, { status: 'error', message: "The field 'message' is required." })
    await t.request.post('/api/v2/message/chatbot').set('apiKey', t.apiKey).send({ brandID: 99, subject: 'x', from: 'a', message: 'hi' })
      .expect(400, { status: 'error', message: 'This brand does not exist.' })
    await t.request.post('/api/v2/message/chatbot').set('apiKey', 'omnidesk-readonly-key').send({ brandID: 3, subject: 'x', from: 'a', message: 'hi' }).expect(403)
    expect(dumpDatabase(t)).toBe(before)
  })
})
