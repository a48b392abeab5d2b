// The outbound CRM lookup against a real local HTTP server: a new ticket from an unknown address of a
// brand with a CRM sync url is looked up, and its customer linked or created from the answer; a
// failed lookup leaves the ticket without a customer, and every lookup is in the request journal.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildDemoApp, type TestApp } from '../helpers.js'

interface Crm { url: string, asked: URL[], close: () => Promise<unknown> }

/** A CRM on 127.0.0.1 that answers every lookup with `status` and `body`, after `delayMs`. */
async function crm (status: number, body: string, delayMs = 0): Promise<Crm> {
  const asked: URL[] = []
  const server = http.createServer((req, res) => {
    asked.push(new URL(req.url ?? '/', 'http://crm'))
    setTimeout(() => res.writeHead(status, { 'content-type': 'application/json' }).end(body), delayMs)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/omnidesk/customerlookup?key=xyzzy`
  return { url, asked, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve) }) }
}

describe('the CRM lookup', () => {
  let t: TestApp
  let server: Crm | undefined
  beforeEach(async () => { t = await buildDemoApp() })
  afterEach(async () => {
    await t.app.close()
    await server?.close()
  })

  const api = (path: string) => `/api/v2${path}${path.includes('?') ? '&' : '?'}apiKey=${t.apiKey}`
  const useCrm = async (status: number, body: unknown, delayMs = 0) => {
    server = await crm(status, typeof body === 'string' ? body : JSON.stringify(body), delayMs)
    await t.request.put('/_emulator/brands/2').send({ crm_sync_url: server.url }).expect(200).then((res) => expect(res.body).toMatchObject({ id: 2, name: 'MyBrand', crm_sync_url: server?.url }))
  }
  const newTicket = async (from: string, channelID = 1) =>
    (await t.request.post(api('/ticket')).send({ to: 'service@mybrand.com', from, direction: 'inbound', channelID, brandID: 2, title: 'Lookup' }).expect(200)).body.item
  /** The journal entry of the lookup, once it is there. */
  const lookedUp = async () => (await t.request.get('/_emulator/requests?path=/customerlookup&wait=5000').expect(200)).body.requests[0]
  const ticket = async (id: number) => (await t.request.get(api(`/ticket/${id}?getTicketHistory=1`)).expect(200)).body.item

  it('links the customer the CRM answers, with your id and custom fields, and journals the call', async () => {
    await useCrm(200, [{ primary_id: 'CRM-42', firstname: 'Iris', lastname: 'Bakker', custom_fields: { loyalty_level: 'gold' } }])
    const created = await newTicket('iris@example.com')
    expect(created.customer_id).toBe(0)
    const entry = await lookedUp()
    expect(entry).toMatchObject({ outbound: 'crm-lookup', method: 'GET', status: 200, query: { key: '***', channelAddressType: 'email', address: 'iris@example.com', ticketID: String(created.id) } })
    expect(server?.asked[0]?.searchParams.get('key')).toBe('xyzzy')
    const linked = await ticket(created.id)
    expect(linked.customer).toMatchObject({ external_primary_id: 'CRM-42', firstname: 'Iris', lastname: 'Bakker' })
    expect(linked.customer_custom_fields).toMatchObject([{ name: 'loyalty_level', value: 'gold' }])
    expect(linked.timeline).toContainEqual(expect.objectContaining({ item_type: 'customer_id', initiated_by: 'crm: lookup' }))
    // The address now has a customer: the next ticket from it is linked at once, without a lookup.
    expect((await newTicket('iris@example.com')).customer.external_primary_id).toBe('CRM-42')
    expect(server?.asked).toHaveLength(1)
  })

  it('asks about telephone numbers as phoneNumber', async () => {
    await useCrm(200, [])
    await newTicket('+31612312311', 2)
    expect((await lookedUp()).query).toMatchObject({ channelAddressType: 'phoneNumber', address: '+31612312311' })
  })

  it('makes the customer from the address when the CRM knows nobody (an empty array)', async () => {
    await useCrm(200, [])
    const created = await newTicket('nobody@example.com')
    await lookedUp()
    const linked = await ticket(created.id)
    expect(linked.customer_id).not.toBe(0)
    expect(linked.customer_channels).toMatchObject([{ unique_reference: 'nobody@example.com' }])
  })

  it.each([
    ['a 500', 500, { error: 'down' }, 0, 500],
    ['an answer that is not an array', 200, { id: 1 }, 0, 200],
    ['no answer within 1 second', 200, [], 1500, null]
  ] as const)('leaves the ticket without a customer after %s, and journals why', async (_name, status, body, delayMs, journaled) => {
    await useCrm(status, body, delayMs)
    const created = await newTicket('fails@example.com')
    const entry = await lookedUp()
    expect(entry.status).toBe(journaled)
    expect(entry.response.error).toMatch(/^The CRM lookup failed, the ticket keeps no customer: /)
    expect((await ticket(created.id)).customer_id).toBe(0)
  })

  it('takes a CRM sync url only for a host of a local setup, and only for a brand that exists', async () => {
    await t.request.put('/_emulator/brands/2').send({ crm_sync_url: 'https://crm.example.com/lookup?key=1' })
      .expect(400, { status: 'error', message: "The CRM sync url may point only to hosts of a local setup (loopback, localhost, a single-label name, *.internal, *.local); add 'crm.example.com' to WEBHOOK_HOSTS to allow it." })
    await t.request.put('/_emulator/brands/99').send({ crm_sync_url: null }).expect(400, { status: 'error', message: 'This brand does not exist.' })
    const { brands } = (await t.request.get('/_emulator/brands').expect(200)).body
    expect(brands.map((b: { crm_sync_url: string | null }) => b.crm_sync_url)).toEqual([null, null, null])
  })
})
