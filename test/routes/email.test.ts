// Inbound e-mail: a new ticket per thread, the same mail (messageID) once per brand, replies threaded
// by externalID into the open ticket, a closed one answered with a new ticket.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { send, ENCODINGS } from '../encodings.js'
import { buildDemoApp, dumpDatabase, type TestApp } from '../helpers.js'

describe('inbound e-mail', () => {
  let t: TestApp
  beforeEach(async () => { t = await buildDemoApp() })
  afterEach(async () => { await t.app.close() })

  const api = (path: string) => `/api/v2${path}?apiKey=${t.apiKey}`
  const ticket = async (id: number) => (await t.request.get(api(`/ticket/${id}`)).expect(200)).body.item
  const mail = (messageID: string, extra: Record<string, string> = {}) => ({
    messageID,
    'fromAddress[name]': 'Eva de Boer',
    'fromAddress[address]': 'eva.deboer@example.nl',
    'toAddress[address]': 'info@despaak.nl',
    subject: 'Remmen piepen',
    body: '<p>Mijn remmen piepen sinds de beurt.</p>',
    ...extra
  })
  /** The same fields as JSON objects (fromAddress: { name, address }). */
  const asJson = (fields: Record<string, string>) => {
    const body: Record<string, unknown> = {}
    for (const [name, value] of Object.entries(fields)) {
      const match = /^(\w+)\[(\w+)\]$/.exec(name)
      if (match?.[1] && match[2]) body[match[1]] = { ...(body[match[1]] as object | undefined), [match[2]]: value }
      else body[name] = value
    }
    return body
  }
  const post = (fields: Record<string, string>) => t.request.post(api('/email/newInboundMessage')).send(asJson(fields))

  for (const encoding of ENCODINGS) {
    it(`opens a ticket for the brand the mail was sent to (${encoding})`, async () => {
      // JSON nests the addresses ({ fromAddress: { name, address } }); forms name them fromAddress[name].
      const fields = mail(`<m1-${encoding}@example.nl>`)
      const res = await send(t.request, 'post', api('/email/newInboundMessage'), encoding === 'json' ? asJson(fields) as Record<string, string> : fields, encoding).expect(200)
      expect(res.body).toEqual({ type: 'result', message: 'Ticket created.', ticketID: expect.any(Number) })
      const item = await ticket(res.body.ticketID)
      expect(item).toMatchObject({ brand_id: 3, channel_id: 1, direction: 'inbound', from: 'eva.deboer@example.nl', from_name: 'Eva de Boer', to: 'info@despaak.nl', title: 'Remmen piepen' })
      expect(item.timeline[0]).toMatchObject({ type: 'message', direction: 'inbound', content: '<p>Mijn remmen piepen sinds de beurt.</p>', external_id: `<m1-${encoding}@example.nl>` })
    })
  }

  it('adds a mail once per brand and threads a reply into the open ticket, a reply to a closed one into a new ticket', async () => {
    const first = (await post(mail('<a@example.nl>', { externalID: 'thread-1' })).expect(200)).body.ticketID
    const before = dumpDatabase(t)
    await post(mail('<a@example.nl>', { externalID: 'thread-1' })).expect(200, { type: 'result', message: 'This message was received already.', ticketID: first })
    expect(dumpDatabase(t)).toBe(before)
    await post(mail('<b@example.nl>', { externalID: 'thread-1', subject: 'Re: Remmen piepen', body: 'Nog steeds.' })).expect(200, { type: 'result', message: 'Message added to the ticket.', ticketID: first })
    // Without externalID, a reply names the first mail's messageID as its thread.
    const third = await post(mail('<c@example.nl>', { externalID: '<a@example.nl>' })).expect(200)
    expect(third.body.ticketID).not.toBe(first)
    const own = (await post(mail('<d@example.nl>')).expect(200)).body.ticketID
    await post(mail('<e@example.nl>', { externalID: '<d@example.nl>' })).expect(200, { type: 'result', message: 'Message added to the ticket.', ticketID: own })
    expect((await ticket(first)).timeline.filter((e: { type: string }) => e.type === 'message')).toHaveLength(2)
    // The same messageID for another brand is another mail.
    await post(mail('<a@example.nl>', { 'toAddress[address]': 'service@mybrand.com' })).expect(200).then((res) => expect(res.body.message).toBe('Ticket created.'))
    await t.request.post(api('/ticket/setstatus')).send({ ticketIDs: [first], status: 'closed' }).expect(200)
    const reopened = await post(mail('<f@example.nl>', { externalID: 'thread-1' })).expect(200)
    expect(reopened.body).toMatchObject({ message: 'Ticket created.' })
    expect(reopened.body.ticketID).not.toBe(first)
  })

  it('answers to the reply-to address and names the brand by brandID too', async () => {
    const res = await post(mail('<g@example.nl>', { brandID: '4', 'toAddress[address]': 'klantenservice@groenrijk.nl', 'replyToAddress[address]': 'orders@example.nl' })).expect(200)
    expect(await ticket(res.body.ticketID)).toMatchObject({ brand_id: 4, from: 'orders@example.nl' })
  })

  it('refuses a mail without a brand, or with a bad address, and changes nothing', async () => {
    const before = dumpDatabase(t)
    const noBrand = await post(mail('<h@example.nl>', { 'toAddress[address]': 'someone@else.nl' })).expect(400)
    expect(noBrand.body.message).toContain('info@despaak.nl')
    await post(mail('<h@example.nl>', { 'fromAddress[address]': 'not an address' })).expect(400)
    await post(mail('<h@example.nl>', { brandID: '99' })).expect(400, { status: 'error', message: 'This brand does not exist.' })
    expect(dumpDatabase(t)).toBe(before)
  })
})
