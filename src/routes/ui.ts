// The web inbox of the demo environment, per account (also under /_accounts/{account}/). Its pages
// carry no API key: they act through a session cookie of their own (plugins/guard.ts), and a
// Content-Security-Policy lets no script but their own run and no remote content load unasked.
import { randomBytes } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { TICKET_STATUSES, type TicketStatus } from '../domain/vocabulary.js'
import { LIVE_LISTENERS } from '../account/live.js'
import { foreignOrigin, setSessionCookie } from '../plugins/guard.js'
import { listBrandSettings } from '../stores/brands.js'
import { openSessionOfTicket } from '../stores/chat.js'
import { listSettingRows } from '../stores/settings.js'
import { listTriggerFirings, listTriggers } from '../stores/triggers.js'
import { type InboxFilter, getTicket, listTickets } from '../views/tickets.js'
import type { PageContext } from '../ui/layout.js'
import { clockPage, deliveriesPage, playPage, requestsPage, triggersPage } from '../ui/machinery.js'
import { inboxPage, notFoundPage, ticketPage } from '../ui/pages.js'
import { ErrorSchema } from '../schemas/common.js'
import { ApiError } from '../errors.js'

const PAGE_SIZE = 100
const REQUESTS_PAGE = 100
const FIRINGS_PAGE = 200

/** A filter's value as the inbox's GET form sends it: digits, or empty for any. */
const idOf = (text: string | undefined) => (text !== undefined && /^\d{1,15}$/.test(text) ? Number(text) : undefined)
const FilterText = Type.Optional(Type.String({ maxLength: 200 }))

const pagePolicy = (nonce: string) => [
  "default-src 'none'", `script-src 'nonce-${nonce}'`, "style-src 'unsafe-inline'", "img-src 'self' data:",
  "connect-src 'self'", "frame-src 'self'", "form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'"
].join('; ')

/** A mail's own HTML: sandboxed, framed only by the inbox, remote content only when asked for. */
const contentPolicy = (remote: boolean) => [
  "default-src 'none'", `style-src 'unsafe-inline'${remote ? ' http: https:' : ''}`, `img-src data:${remote ? ' http: https:' : ''}`,
  `font-src ${remote ? 'http: https:' : "'none'"}`, 'sandbox', "frame-ancestors 'self'"
].join('; ')

const uiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const context = (request: FastifyRequest): PageContext => ({
    base: request.accountPrefix,
    account: request.account.name,
    accounts: app.accounts.names(),
    clock: request.account.clock.state(),
    deliveries: request.account.live.counts(),
    nonce: randomBytes(16).toString('base64')
  })
  const page = (reply: FastifyReply, ctx: PageContext, body: string) => {
    setSessionCookie(app, reply)
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store')
      .header('content-security-policy', pagePolicy(ctx.nonce)).header('x-frame-options', 'DENY').send(body)
  }
  const schema = (summary: string) => ({ tags: ['inbox'], summary, produces: ['text/html'] })
  // Opened with ?token= (when CONTROL_TOKEN is set; the guard has checked it): the session cookie is
  // set, and the browser goes on to the same page without the token in its address bar and history.
  app.addHook('preHandler', async (request, reply) => {
    const query = request.query as { token?: unknown } | undefined
    if (request.method !== 'GET' || typeof query?.token !== 'string') return
    const url = new URL(request.originalUrl, 'http://x')
    url.searchParams.delete('token')
    setSessionCookie(app, reply)
    return reply.redirect(`${url.pathname}${url.search}`, 303)
  })

  app.get('/', {
    schema: {
      ...schema('The inbox: tickets of the account, newest first, found by a text and filtered'),
      querystring: Type.Object({
        query: FilterText,
        status: FilterText,
        brandId: FilterText,
        groupId: FilterText,
        userId: FilterText,
        channelId: FilterText,
        customerId: FilterText,
        start: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0 }),
        token: Type.Optional(Type.String())
      })
    }
  }, async (request, reply) => {
    const { start, query: text } = request.query
    const status = (TICKET_STATUSES as readonly string[]).includes(request.query.status ?? '') ? request.query.status as TicketStatus : undefined
    const query = text?.trim() === '' ? undefined : text
    const filter: InboxFilter = {}
    for (const key of ['brandId', 'groupId', 'userId', 'channelId', 'customerId'] as const) {
      const id = idOf(request.query[key])
      if (id !== undefined) filter[key] = id
    }
    const list = listTickets(request.store, { itemStart: start, itemLimit: PAGE_SIZE, status, query }, filter)
    const ctx = context(request)
    return page(reply, ctx, inboxPage(ctx, { ...list, status, query, filter, start, limit: PAGE_SIZE }, listSettingRows(request.store.db)))
  })

  const TicketParams = Type.Object({ ticketID: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) })

  app.get('/tickets/:ticketID', { schema: { ...schema('A ticket with its whole timeline'), params: TicketParams } }, async (request, reply) => {
    const ctx = context(request)
    const ticket = getTicket(request.store, request.params.ticketID, { withEvents: true })
    if (!ticket) return page(reply.code(404), ctx, notFoundPage(ctx, `Ticket ${request.params.ticketID} does not exist.`))
    const chat = openSessionOfTicket(request.store.db, ticket.id)
    return page(reply, ctx, ticketPage(ctx, ticket, chat ? { chatSessionID: chat.sessionId } : {}))
  })

  app.get('/tickets/:ticketID/content/:itemID', {
    schema: {
      ...schema('The HTML of a note or message, for the inbox\'s sandboxed frame'),
      params: Type.Object({ ...TicketParams.properties, itemID: Type.String({ maxLength: 20 }) }),
      querystring: Type.Object({ remote: Type.Optional(Type.Enum(['0', '1'])) })
    }
  }, async (request, reply) => {
    const ticket = getTicket(request.store, request.params.ticketID, { withEvents: false })
    const item = ticket?.timeline.find((i) => i.type !== 'event' && i.id === request.params.itemID)
    const content = item && item.type !== 'event' ? item.content : ''
    return reply.code(item ? 200 : 404).type('text/html; charset=utf-8').header('cache-control', 'no-store')
      .header('content-security-policy', contentPolicy(request.query.remote === '1')).header('x-frame-options', 'SAMEORIGIN').send(content)
  })

  app.get('/requests', {
    schema: {
      ...schema('The request journal of the account, newest first, a page at a time'),
      querystring: Type.Object({ before: Type.Optional(Type.Integer({ minimum: 1 })) })
    }
  }, async (request, reply) => {
    const ctx = context(request)
    const { journal } = request.account
    const requests = journal.list({}, { before: request.query.before, limit: REQUESTS_PAGE, newest: true })
    return page(reply, ctx, requestsPage(ctx, requests, journal.usage.entries))
  })

  app.get('/clock', { schema: schema('The clock of the account') }, async (request, reply) => {
    const ctx = context(request)
    return page(reply, ctx, clockPage(ctx))
  })

  app.get('/play', { schema: schema('Play the customer: an e-mail, a chat, a phone call') }, async (request, reply) => {
    const ctx = context(request)
    return page(reply, ctx, playPage(ctx, listBrandSettings(request.store.db)))
  })

  app.get('/deliveries', { schema: schema('Webhook, chat hookpoint and custom channel deliveries with their attempts') }, async (request, reply) => {
    const ctx = context(request)
    return page(reply, ctx, deliveriesPage(ctx, request.account.webhooks.deliveries(), request.account.hookpoints.deliveries()))
  })

  app.get('/triggers', { schema: schema('The triggers and what they did') }, async (request, reply) => {
    const ctx = context(request)
    const { db } = request.store
    return page(reply, ctx, triggersPage(ctx, listTriggers(db), listTriggerFirings(db, FIRINGS_PAGE)))
  })

  app.get('/events', {
    schema: { tags: ['inbox'], summary: 'Server-sent events for the inbox\'s open pages: change (fetch the live parts again) and deliveries (counts)', produces: ['text/event-stream'], response: { 403: ErrorSchema, 503: ErrorSchema } }
  }, async (request, reply) => {
    // Another origin's page cannot read the stream, but would hold one of its places.
    const foreign = foreignOrigin(request)
    if (foreign !== undefined) throw new ApiError(403, `The inbox's events are for its own pages, not for ${foreign}.`)
    if (request.account.live.listeners >= LIVE_LISTENERS) throw new ApiError(503, `${LIVE_LISTENERS} inbox pages already listen to this account; close one.`)
    reply.hijack()
    request.account.live.listen(reply.raw)
  })
}

export default uiRoutes
