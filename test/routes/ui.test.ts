import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildDemoApp, type TestApp } from '../helpers.js'

describe('the web inbox', () => {
  let t: TestApp
  beforeEach(async () => { t = await buildDemoApp() })
  afterEach(async () => { await t.app.close() })

  it('lists the tickets with status, priority, group, assignee, customer and SLA', async () => {
    const res = await t.request.get('/').expect(200)
    expect(res.headers['content-type']).toMatch(/^text\/html/)
    expect(res.text).toContain('<h1>Inbox <span class="muted" id="count" data-live>(37 tickets)</span></h1>')
    expect(res.text).toContain('href="/tickets/858462">vraag van Thomas</a>')
    expect(res.text).toContain('data-sla-seconds="222706"')
    expect(res.text).toContain('Customer Support')
    expect(res.text).not.toMatch(/https?:\/\/(cdn|unpkg|fonts)/)
  })

  it('filters by status', async () => {
    const res = await t.request.get('/?status=pending').expect(200)
    const rows = [...res.text.matchAll(/<span class="pill status-(\w+)">/g)].map((m) => m[1])
    expect(rows.length).toBeGreaterThan(0)
    expect(new Set(rows)).toEqual(new Set(['pending']))
    // A value the form does not offer is no filter (the page never answers a bad filter with an error).
    expect((await t.request.get('/?status=archived&brandId=x').expect(200)).text).toContain('(37 tickets)')
  })

  it('shows a ticket with its whole timeline, HTML mail sandboxed, and actions that call the real API', async () => {
    const res = await t.request.get('/tickets/858462').expect(200)
    expect(res.text).toContain('Assigned to Servicee')
    expect(res.text).toContain('My intern note on this ticket')
    expect(res.text).toMatch(/<iframe class="mail" id="mail-\d+" sandbox title="Message content" srcdoc="&lt;!DOCTYPE html/)
    expect(res.text).toContain('data-api="/api/v2/ticket/setstatus"')
    expect(res.text).toContain('data-api="/api/v2/message"')
    const missing = await t.request.get('/tickets/424242').expect(404)
    expect(missing.text).toContain('Ticket 424242 does not exist.')
  })

  it('escapes ticket content so that it cannot inject markup', async () => {
    await t.request.put('/api/v2/ticket/858462').set('apiKey', t.apiKey).send({ title: '<script>alert(1)</script>' }).expect(200)
    const res = await t.request.get('/tickets/858462').expect(200)
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(res.text).not.toContain('<script>alert(1)</script>')
  })

  it('shows the request journal and the clock, and keeps to the account in the path', async () => {
    await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)
    expect((await t.request.get('/requests').expect(200)).text).toContain('GET /api/v2/ticket/858462')
    expect((await t.request.get('/clock').expect(200)).text).toContain('<b data-now>2019-09-28 22:08:14</b>')
    const acme = await t.request.get('/_accounts/acme/').expect(200)
    expect(acme.text).toContain('href="/_accounts/acme/tickets/858462"')
    expect(acme.text).toContain('Account: acme')
  })

  it('lets PUT assign a group and an agent (the inbox\'s assign action), with events', async () => {
    await t.request.put('/api/v2/ticket/858462').set('apiKey', t.apiKey).send({ assignedGroupID: 10002, assignedUserID: 2 }).expect(200)
    const { body } = await t.request.get('/api/v2/ticket/858462?getTicketHistory=1').set('apiKey', t.apiKey).expect(200)
    expect(body.item).toMatchObject({ assigned_group_id: 10002, assigned_user_id: 2 })
    expect(body.item.timeline.filter((i: { type: string }) => i.type === 'event').map((e: { description: string }) => e.description)).toEqual(['Assigned to Servicee', 'Assigned to Finance', 'Assigned to marleen'])
    const bad = await t.request.put('/api/v2/ticket/858462').set('apiKey', t.apiKey).send({ assignedGroupID: 10004 }).expect(400)
    expect(bad.body.message).toBe('This group does not exist.')
  })
})
