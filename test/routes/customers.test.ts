// The customer API as a CRM integration drives it: create and link, sync the brand's tickets (or
// not), update, add channels, purge, list, search and the customer's timeline.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ENCODINGS, send } from '../encodings.js'
import { buildDemoApp, dumpDatabase, READ_ONLY_KEY, type TestApp } from '../helpers.js'

const NEW_TICKET = { to: 'service@mybrand.com', direction: 'inbound', channelID: 1, brandID: 2 }

describe('the customer API', () => {
  let t: TestApp
  beforeEach(async () => { t = await buildDemoApp() })
  afterEach(async () => { await t.app.close() })

  const api = (path: string) => `/api/v2${path}${path.includes('?') ? '&' : '?'}apiKey=${t.apiKey}`
  const ticket = async (from: string, title = 'Question') =>
    (await t.request.post(api('/ticket')).send({ ...NEW_TICKET, from, title }).expect(200)).body.item as { id: number, customer_id: number }
  const get = async (id: number) => (await t.request.get(api(`/ticket/${id}?getTicketHistory=1`)).expect(200)).body.item
  const customerIdByPrimary = async (primaryId: string) =>
    (await t.request.post(api('/customer/searchByPrimaryExternalId')).send({ externalPrimaryID: primaryId, brandID: 2 }).expect(200)).body.items[0]?.id as number

  it.each(ENCODINGS)('creates a customer with its channel and custom fields (%s), and a new ticket from that address shows it', async (encoding) => {
    const res = await send(t.request, 'post', api('/customer'), {
      brand_id: 2, primary_id: 'CRM-1', firstname: 'Kim', lastname: 'de Jong', channel_id: 'email', customer_link_channel: 'Kim@Example.com', loyalty_level: 'gold'
    }, encoding).expect(200)
    expect(res.body).toStrictEqual({ type: 'result', message: 'User created and channel linked.' })
    const id = await customerIdByPrimary('CRM-1')
    const item = (await t.request.get(api(`/customer/${id}`)).expect(200)).body.item
    expect(item).toMatchObject({ brand_id: 2, brand_name: 'MyBrand', external_primary_id: 'CRM-1', firstname: 'Kim', lastname: 'de Jong' })
    expect(item.channels).toMatchObject([{ channel_id: 1, unique_reference: 'kim@example.com' }])
    expect(item.custom_fields).toStrictEqual([{ id: 2, name: 'loyalty_level', title: 'Loyalty level', value: 'gold' }])
    const later = await get((await ticket('kim@example.com')).id)
    expect(later.customer).toMatchObject({ id, external_primary_id: 'CRM-1' })
    expect(later.customer_custom_fields).toStrictEqual(item.custom_fields)
  })

  it('links the brand\'s other tickets from the address, or with noSync only ticket_id, each with a timeline event', async () => {
    const [a, b] = [await ticket('sync@example.com', 'First'), await ticket('sync@example.com', 'Second')]
    expect(a.customer_id).toBe(b.customer_id)
    await t.request.post(api('/customer')).send({ brand_id: 2, primary_id: 'CRM-2', firstname: 'Sam', channel_id: 'email', customer_link_channel: 'sync@example.com', ticket_id: a.id, noSync: '1' }).expect(200)
    const id = await customerIdByPrimary('CRM-2')
    expect((await get(a.id)).customer_id).toBe(id)
    expect((await get(b.id)).customer_id).toBe(a.customer_id)
    const [c, d] = [await ticket('other@example.com', 'Third'), await ticket('other@example.com', 'Fourth')]
    await t.request.post(api('/customer')).send({ brand_id: 2, primary_id: 'CRM-3', firstname: 'Ada', channel_id: 'email', customer_link_channel: 'other@example.com' }).expect(200)
    const other = await customerIdByPrimary('CRM-3')
    for (const linked of [await get(c.id), await get(d.id)]) {
      expect(linked.customer_id).toBe(other)
      expect(linked.timeline).toContainEqual(expect.objectContaining({ type: 'event', item_type: 'customer_id', item_type_id: String(other), description: 'Customer linked: Ada (CRM-3)' }))
    }
  })

  it('moves only the tickets from the linked address when the customer who had it has others', async () => {
    await t.request.post(api('/customer')).send({ brand_id: 2, primary_id: 'CRM-5', channel_id: 'email', customer_link_channel: 'one@example.com' }).expect(200)
    await t.request.post(api('/customer/addchannelonly')).send({ brand_id: 2, primary_id: 'CRM-5', extra_email: 'two@example.com' }).expect(200)
    const [one, two] = [await ticket('one@example.com'), await ticket('two@example.com')]
    const first = await customerIdByPrimary('CRM-5')
    expect([one.customer_id, two.customer_id]).toEqual([first, first])
    await t.request.post(api('/customer')).send({ brand_id: 2, primary_id: 'CRM-6', channel_id: 'email', customer_link_channel: 'one@example.com' }).expect(200)
    expect((await get(one.id)).customer_id).toBe(await customerIdByPrimary('CRM-6'))
    expect((await get(two.id)).customer_id).toBe(first)
  })

  it('refuses bad input with a message naming the field, and changes nothing', async () => {
    const before = dumpDatabase(t)
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ brand_id: 2, channel_id: 'fax', customer_link_channel: 'x' }, /channel_id.*email, telephone, facebook, twitter/],
      [{ brand_id: 2, channel_id: 'telephone', customer_link_channel: '0612345678' }, /customer_link_channel.*E\.164/],
      [{ brand_id: 2, channel_id: 'email', customer_link_channel: 'not-an-address' }, /customer_link_channel.*e-mail address/],
      [{ brand_id: 2, channel_id: 'email', customer_link_channel: 'a@example.com', shoe_size: '44' }, /'shoe_size' is not a custom customer field of brand 2; its fields are: customer_number, loyalty_level/],
      [{ brand_id: 99, channel_id: 'email', customer_link_channel: 'a@example.com' }, /This brand does not exist/],
      [{ brand_id: 3, channel_id: 'email', customer_link_channel: 'a@example.com', ticket_id: 858462 }, /This ticket does not exist/]
    ]
    for (const [body, message] of cases) {
      const res = await t.request.post(api('/customer')).send(body).expect(400)
      expect(res.body).toStrictEqual({ status: 'error', message: expect.stringMatching(message) })
    }
    await t.request.put(api('/customer/updateCustomer')).send({ externalPrimaryID: 'nobody', brandID: 2 })
      .expect(400, { status: 'error', message: 'This customer does not exist.' })
    await t.request.post(api('/customer/addchannelonly')).send({ brand_id: 2, primary_id: '20164564646592600' })
      .expect(400, { status: 'error', message: 'Send at least one of extra_email, extra_telephone, extra_facebook, extra_twitter.' })
    await t.request.delete(api('/customer/purgedata?brand_id=2')).expect(400, { status: 'error', message: "The field 'primary_id' is required (in the query or the body): your id of the customer whose data to purge." })
    await t.request.delete(api('/customer/purgedata?brand_id=x&primary_id=CRM-1')).expect(400)
    await t.request.get(api('/customer?itemLimit=100')).expect(400)
    await t.request.get(api('/customer?query=a%40b')).expect(400)
    expect(dumpDatabase(t)).toBe(before)
  })

  it.each(ENCODINGS)('updates only the fields sent (%s)', async (encoding) => {
    await send(t.request, 'put', api('/customer/updateCustomer'), { externalPrimaryID: '20164564646592600', brandID: 2, lastname: 'Mulder-Bos', loyalty_level: 'platinum' }, encoding)
      .expect(200, { type: 'result', message: 'Customer updated.' })
    const item = (await t.request.get(api('/customer/626830')).expect(200)).body.item
    expect(item).toMatchObject({ firstname: 'Noah', lastname: 'Mulder-Bos' })
    expect(item.custom_fields).toMatchObject([{ name: 'customer_number', value: 'C-2600' }, { name: 'loyalty_level', value: 'platinum' }])
  })

  it.each(ENCODINGS)('adds channels only (%s)', async (encoding) => {
    await send(t.request, 'post', api('/customer/addchannelonly'), { brand_id: 2, primary_id: '20164564646592600', extra_telephone: '+31612345678', extra_twitter: '@noah' }, encoding)
      .expect(200, { type: 'result', message: 'Channel linked.' })
    const { channels } = (await t.request.get(api('/customer/626830')).expect(200)).body.item
    expect(channels.map((c: { channel_id: number, unique_reference: string }) => [c.channel_id, c.unique_reference])).toEqual(expect.arrayContaining([[2, '+31612345678'], [7, '@noah']]))
  })

  it('purges a customer: it and its channels go, its tickets stay without a customer', async () => {
    const mine = await ticket('purge@example.com')
    await t.request.post(api('/customer')).send({ brand_id: 2, primary_id: 'CRM-9', firstname: 'Pim', channel_id: 'email', customer_link_channel: 'purge@example.com', ticket_id: mine.id }).expect(200)
    const id = await customerIdByPrimary('CRM-9')
    await t.request.delete(api('/customer/purgedata?brand_id=2&primary_id=CRM-9')).expect(200, { type: 'result', message: 'Customer data purged.' })
    await t.request.get(api(`/customer/${id}`)).expect(404, { status: 'error', message: 'This customer does not exist.' })
    const kept = await get(mine.id)
    expect(kept).toMatchObject({ customer_id: 0, customer: null, customer_channels: [], from: 'purge@example.com' })
    expect(kept.timeline).toContainEqual(expect.objectContaining({ item_type: 'customer_id', description: 'Customer unlinked' }))
    await t.request.delete(api('/customer/purgedata')).send({ brand_id: 2, primary_id: 'CRM-9' }).expect(400, { status: 'error', message: 'This customer does not exist.' })
  })

  it('lists customers newest first, filtered and paged, and finds them by your id', async () => {
    const all = (await t.request.get(api('/customer')).expect(200)).body
    expect(all).toMatchObject({ type: 'list', itemStart: 0, itemLimit: 15, itemTotal: 26 })
    expect(all.items.map((c: { id: number }) => c.id)).toEqual([...all.items.map((c: { id: number }) => c.id)].sort((a, b) => b - a))
    const found = (await t.request.get(api('/customer?query=Mulder')).expect(200)).body
    expect(found.items.map((c: { id: number }) => c.id)).toEqual([626830])
    const page = (await t.request.get(api('/customer?itemStart=20&itemLimit=5')).expect(200)).body
    expect(page.items).toHaveLength(5)
    const search = (await t.request.post(api('/customer/searchByPrimaryExternalId')).send({ externalPrimaryID: 'WS-10021' }).expect(200)).body
    expect(search).toMatchObject({ type: 'list', itemTotal: 1, items: [{ id: 626823, brand_name: 'De Spaak Fietsen' }] })
  })

  it('searches names, your ids and addresses through the index as a plain look at every customer does, after changes', async () => {
    await t.request.post(api('/customer')).send({ brand_id: 2, primary_id: 'CRM-1001', firstname: 'Kim', lastname: 'de Jong', channel_id: 'email', customer_link_channel: 'kim@example.com' }).expect(200)
    await t.request.put(api('/customer/updateCustomer')).send({ externalPrimaryID: 'CRM-1001', brandID: 2, lastname: 'Bakker' }).expect(200)
    await t.request.post(api('/customer/addchannelonly')).send({ brand_id: 2, primary_id: 'CRM-1001', extra_email: 'kim.bakker@werk.nl' }).expect(200)
    await t.request.delete(api('/customer/purgedata')).send({ brand_id: 4, primary_id: 'GR-3002' }).expect(200)
    const everyone: Array<{ id: number, firstname: string, lastname: string, external_primary_id: string | null, channels: Array<{ unique_reference: string }> }> = []
    for (let start = 0; ; start += 99) {
      const page = (await t.request.get(api(`/customer?itemStart=${start}&itemLimit=99`)).expect(200)).body
      everyone.push(...page.items)
      if (page.items.length < 99) break
    }
    for (const query of ['Bakker', 'de Jong', 'Kim Bakker', 'kim', 'werk', 'CRM', '1001', 'example', 'outlook', 'Mulder', 'GR', 'e', 'zz', 'Niemand hier']) {
      const text = query.toLowerCase()
      const expected = everyone.filter((c) => [c.firstname, c.lastname, `${c.firstname} ${c.lastname}`, c.external_primary_id ?? '', ...c.channels.map((ch) => ch.unique_reference)]
        .some((field) => field.toLowerCase().includes(text))).map((c) => c.id)
      const found = (await t.request.get(api(`/customer?query=${encodeURIComponent(query)}&itemLimit=99`)).expect(200)).body
      expect({ query, ids: found.items.map((c: { id: number }) => c.id), total: found.itemTotal }).toEqual({ query, ids: expected, total: expected.length })
    }
    expect(everyone.some((c) => c.external_primary_id === 'GR-3002')).toBe(false)
  })

  it.each(ENCODINGS)('finds customers by your id (%s)', async (encoding) => {
    const res = await send(t.request, 'post', api('/customer/searchByPrimaryExternalId'), { externalPrimaryID: 'GR-3001', brandID: 4 }, encoding).expect(200)
    expect(res.body).toMatchObject({ type: 'list', itemStart: 0, itemTotal: 1, itemLimit: 1, items: [{ id: 626836, brand_name: 'Tuincentrum Groenrijk' }] })
    expect(res.body.items[0].custom_fields).toMatchObject([{ name: 'garden_club', value: 'yes' }])
  })

  it.each(ENCODINGS)('purges with brand_id and primary_id in the body too (%s)', async (encoding) => {
    const req = t.request.delete(api('/customer/purgedata'))
    const fields = { brand_id: '4', primary_id: 'GR-3002' }
    const sent = encoding === 'json' ? req.send(fields) : encoding === 'form' ? req.type('form').send(new URLSearchParams(fields).toString()) : req.field('brand_id', '4').field('primary_id', 'GR-3002')
    await sent.expect(200, { type: 'result', message: 'Customer data purged.' })
    await t.request.get(api('/customer/626837')).expect(404)
  })

  it('answers a customer\'s timeline across its tickets, newest first', async () => {
    const res = await t.request.get(api('/customer/timelineByCustomerExternalID?brand_id=2&external_id=20164564646592575')).expect(200)
    expect(res.body.length).toBeGreaterThan(0)
    const times = res.body.map((item: { created_at: string }) => item.created_at)
    expect(times).toEqual([...times].sort().reverse())
    expect(res.body.every((item: { ticket_id: number | string }) => Number(item.ticket_id) > 0)).toBe(true)
    await t.request.get(api('/customer/timelineByCustomerExternalID?brand_id=2&external_id=nobody')).expect(400, { status: 'error', message: 'This customer does not exist.' })
  })

  it('needs CUSTOMER_READ to read and CUSTOMER_CUD to write', async () => {
    await t.request.get('/api/v2/customer').set('apiKey', READ_ONLY_KEY).expect(403)
    await t.request.post('/api/v2/customer').set('apiKey', READ_ONLY_KEY).send({ brand_id: 2, channel_id: 'email', customer_link_channel: 'a@example.com' }).expect(403)
  })
})
