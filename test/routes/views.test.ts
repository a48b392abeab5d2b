// Views: the documented body and answers, and GET /api/v2/ticket?applyView= against the same list
// filtered and sorted by hand (an implementation of the rules of its own, not the evaluator's).
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TICKET_PRIORITIES, TICKET_STATUSES, VIEW_OPERATIONS } from '../../src/domain/vocabulary.js'
import { ENCODINGS, send } from '../encodings.js'
import { buildDemoApp, dumpDatabase, type TestApp } from '../helpers.js'

type Item = Record<string, unknown> & { id: number, tags: string }
interface Condition { fact: string, operation: string, value: string | number | Array<string | number> }
interface View { all: Condition[], any: Condition[], sortings: Array<[string, 'asc' | 'desc']> }

/** What the view spec's example sends, as documented. */
const EXAMPLE = {
  title: 'example title',
  primary_sorting: 'none',
  primary_sorting_order: '',
  secondary_sorting: 'none',
  secondary_sorting_order: '',
  view_category_id: '',
  view_order_id: 1,
  conditions: { all: [{ fact: 'brand_id', operation: 'equals', value: '1' }], any: [{ fact: 'text', operation: 'text', value: 'text' }] },
  columns: [{ type: 'channel_icon', title: 'Channel Icon' }]
}

function valuesOf (item: Item, fact: string): string[] {
  if (fact === 'tag') return item.tags === '' ? [] : item.tags.split(',')
  if (fact === 'text') return [String(item.title), String(item.from), String(item.to)]
  const value = item[fact]
  return [value === null || value === undefined ? '' : String(value)]
}

function holdsByHand (item: Item, c: Condition): boolean {
  const wanted = (Array.isArray(c.value) ? c.value : [c.value]).map(String)
  const values = valuesOf(item, c.fact)
  const equal = values.some((v) => wanted.includes(v))
  const contained = values.some((v) => wanted.some((w) => v.toLowerCase().includes(w.toLowerCase())))
  if (['is', 'in', 'equals'].includes(c.operation)) return equal
  if (['is_not', 'not_in', 'not_equals'].includes(c.operation)) return !equal
  return ['contains', 'text'].includes(c.operation) ? contained : !contained
}

function sortKey (item: Item, sorting: string): number | string | null {
  if (sorting === 'status') return TICKET_STATUSES.indexOf(item.status as never)
  if (sorting === 'priority') return TICKET_PRIORITIES.indexOf(item.priority as never)
  return item[sorting] as number | string | null
}

function byHand (items: Item[], view: View): number[] {
  const found = items.filter((item) => view.all.every((c) => holdsByHand(item, c)) && (view.any.length === 0 || view.any.some((c) => holdsByHand(item, c))))
  return found.sort((a, b) => {
    for (const [sorting, order] of view.sortings) {
      if (sorting === 'none') continue
      const x = sortKey(a, sorting)
      const y = sortKey(b, sorting)
      if (x === y) continue
      // No value after every value, ascending.
      const ascending = x === null ? 1 : y === null ? -1 : x < y ? -1 : 1
      return order === 'desc' ? -ascending : ascending
    }
    return b.id - a.id
  }).map((item) => item.id)
}

const FACT_VALUES: Record<string, Array<string | number>> = {
  status: [...TICKET_STATUSES],
  priority: [...TICKET_PRIORITIES],
  brand_id: [2, 3, 4, '3'],
  channel_id: [1, 2, 4, 8],
  direction: ['inbound', 'outbound'],
  assigned_user_id: [0, 1, 3, 6],
  assigned_group_id: [0, 10003, 10004],
  customer_id: [0, 626822],
  form_id: ['', 1, 2],
  title: ['fiets', 'Bestelling', 'a', 'XYZ-nothing'],
  tag: ['werkplaats', 'vip', 'retour'],
  text: ['mybrand', 'fiets', '@']
}

const condition = fc.constantFrom(...Object.keys(FACT_VALUES)).chain((fact) => fc.record({
  fact: fc.constant(fact),
  operation: fc.constantFrom(...VIEW_OPERATIONS),
  value: fc.oneof(fc.constantFrom(...(FACT_VALUES[fact] ?? [])), fc.subarray(FACT_VALUES[fact] ?? [], { minLength: 1 }))
}))
const SORTINGS = ['none', 'id', 'created_at', 'last_update', 'status', 'priority', 'title', 'brand_id', 'channel_id', 'assigned_user_id', 'assigned_group_id', 'sla_next_breach']
const sorting = fc.tuple(fc.constantFrom(...SORTINGS), fc.constantFrom('asc' as const, 'desc' as const))
const viewArb = fc.record({ all: fc.array(condition, { maxLength: 3 }), any: fc.array(condition, { maxLength: 2 }), sortings: fc.tuple(sorting, sorting) })

const newTicket = fc.record({
  brandID: fc.constantFrom(2, 3, 4),
  channelID: fc.constantFrom(1, 2, 4, 8),
  direction: fc.constantFrom('inbound', 'outbound'),
  title: fc.constantFrom('Fiets kapot', 'Bestelling 1', 'Vraag', 'BESTELLING fiets'),
  status: fc.constantFrom(...TICKET_STATUSES),
  priority: fc.constantFrom(...TICKET_PRIORITIES)
})

describe('views', () => {
  let t: TestApp
  beforeEach(async () => { t = await buildDemoApp() })
  afterEach(async () => { await t.app.close() })

  const api = (path: string) => `/api/v2${path}${path.includes('?') ? '&' : '?'}apiKey=${t.apiKey}`

  for (const encoding of ENCODINGS) {
    it(`creates the documented example, shows, changes and deletes it (${encoding})`, async () => {
      const created = await send(t.request, 'post', api('/view'), EXAMPLE, encoding).expect(200)
      // The documented answer, its keys in the documented order.
      expect(created.text).toBe('{"message":"View created.","type":"result"}')
      const id = Number(created.headers['x-emulator-created-id'])
      expect((await t.request.get(api(`/view/${id}`)).expect(200)).body.item).toStrictEqual({
        id,
        title: 'example title',
        primary_sorting: 'none',
        primary_sorting_order: 'asc',
        secondary_sorting: 'none',
        secondary_sorting_order: 'asc',
        view_category_id: null,
        view_order_id: 1,
        conditions: EXAMPLE.conditions,
        columns: EXAMPLE.columns
      })
      await send(t.request, 'put', api(`/view/${id}`), { title: 'renamed view', primary_sorting: 'priority', primary_sorting_order: 'desc' }, encoding)
        .expect(200, { message: 'View updated.', type: 'result' })
      expect((await t.request.get(api(`/view/${id}`)).expect(200)).body.item).toMatchObject({ title: 'renamed view', primary_sorting: 'priority', conditions: EXAMPLE.conditions })
      await t.request.delete(api(`/view/${id}`)).expect(200, { message: 'View deleted.', type: 'result' })
      expect((await t.request.get(api(`/view/${id}`)).expect(404)).body).toStrictEqual({ status: 'error', message: 'This view does not exist.' })
    })
  }

  it('lists the seed\'s views in view order, by title and paged', async () => {
    const list = (await t.request.get(api('/view')).expect(200)).body
    expect(list).toMatchObject({ type: 'list', itemStart: 0, itemLimit: 15, itemTotal: 3 })
    expect(list.items.map((v: { id: number }) => v.id)).toEqual([10, 11, 12])
    expect((await t.request.get(api('/view?query=Urgent')).expect(200)).body.items.map((v: { title: string }) => v.title)).toEqual(['Urgent or high'])
  })

  it('refuses a title of the wrong characters or too short, a fact it does not know, changing nothing', async () => {
    const before = dumpDatabase(t)
    expect((await t.request.post(api('/view')).send({ ...EXAMPLE, title: 'abc' }).expect(400)).body.message).toContain("'title'")
    expect((await t.request.post(api('/view')).send({ ...EXAMPLE, title: 'Mijn <view>' }).expect(400)).body.message).toContain("'title'")
    await t.request.post(api('/view')).send({ ...EXAMPLE, conditions: { all: [{ fact: 'mood', operation: 'equals', value: 'x' }] } }).expect(400)
    expect(dumpDatabase(t)).toBe(before)
  })

  it('filters and sorts the ticket list by the seed\'s view, within status and query', async () => {
    const open = (await t.request.get(api('/ticket?applyView=10&itemLimit=100')).expect(200)).body
    expect(open.itemTotal).toBeGreaterThan(0)
    for (const item of open.items) expect([item.brand_id, ['new', 'open'].includes(item.status)]).toEqual([2, true])
    const updates = open.items.map((item: { last_update: string }) => item.last_update)
    expect(updates).toEqual([...updates].sort().reverse())
    const onlyNew = (await t.request.get(api('/ticket?applyView=10&status=new&itemLimit=100')).expect(200)).body
    expect(onlyNew.items.every((item: { status: string }) => item.status === 'new')).toBe(true)
    expect(onlyNew.itemTotal).toBeLessThanOrEqual(open.itemTotal)
  })

  it('answers applyView as the same list filtered and sorted by hand, over generated tickets and views', async () => {
    let made = 0
    await fc.assert(fc.asyncProperty(fc.array(newTicket, { maxLength: 6 }), viewArb, async (tickets, view) => {
      for (const ticket of tickets) {
        const inbound = ticket.direction === 'inbound'
        await t.request.post(api('/ticket')).send({
          brandID: ticket.brandID,
          channelID: ticket.channelID,
          direction: ticket.direction,
          title: ticket.title,
          from: inbound ? 'klant@example.com' : 'service@mybrand.com',
          to: inbound ? 'service@mybrand.com' : 'klant@example.com'
        }).expect(200)
        const id = 858498 + ++made
        await t.request.post(api('/ticket/setstatus')).send({ ticketIDs: [id], status: ticket.status }).expect(200)
        await t.request.post(api('/ticket/setpriority')).send({ ticketIDs: [id], priority: ticket.priority }).expect(200)
      }
      const created = await t.request.post(api('/view')).send({
        title: 'generated view',
        conditions: { all: view.all, any: view.any },
        primary_sorting: view.sortings[0][0],
        primary_sorting_order: view.sortings[0][1],
        secondary_sorting: view.sortings[1][0],
        secondary_sorting_order: view.sortings[1][1]
      }).expect(200)
      const id = created.headers['x-emulator-created-id']
      const all = (await t.request.get(api('/ticket?itemLimit=9999')).expect(200)).body.items as Item[]
      const viewed = (await t.request.get(api(`/ticket?applyView=${id}&itemLimit=9999`)).expect(200)).body
      const expected = byHand(all, { all: view.all, any: view.any, sortings: view.sortings })
      expect(viewed.itemTotal).toBe(expected.length)
      expect(viewed.items.map((item: Item) => item.id)).toEqual(expected)
      // Paged, the same order.
      const page = (await t.request.get(api(`/ticket?applyView=${id}&itemStart=2&itemLimit=3`)).expect(200)).body
      expect(page.items.map((item: Item) => item.id)).toEqual(expected.slice(2, 5))
    }), { numRuns: 30 })
  })
})
