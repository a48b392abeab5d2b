// Telephony (Omnidesk's own-telephony guide): a PBX registers a call as it comes in, has a ticket made
// for it once it waits in a queue, re-queues it and reports how it went. The call's state is kept;
// each command runs in one transaction.
import { desc, eq, sql } from 'drizzle-orm'
import { type Db, placeholders, preparedPerDb } from '../db/client.js'
import { type CallRow, calls, telephoneNumbers } from '../db/schema-channels.js'
import type { TicketRow } from '../db/schema.js'
import { ApiError, doesNotExist } from '../errors.js'
import type { CallCreateTicketBody, CallUpdateTicketBody, NewInboundCallBody, UpdateCallBody } from '../schemas/telephony.js'
import type { StoreContext } from './context.js'
import { getTicketRow, writeTicket } from './rows/tickets.js'
import { insertEvent } from './rows/timeline.js'
import { getUser } from './settings.js'
import { addTicketTag } from './tags.js'
import { changeTicket, createTicketRow } from './tickets.js'

/** The telephone channel (channel 2 is documented as telephone: the ticket page's channel list). */
const TELEPHONE = 2

const byId = eq(calls.id, sql.placeholder('id'))

// What every call of a PBX asks and writes, prepared once per database (a busy PBX reports calls all
// day; building each query anew was a third of a call's time).
const queries = preparedPerDb((db: Db) => ({
  call: db.orm.select().from(calls).where(eq(calls.callId, sql.placeholder('callId'))).prepare(),
  brandOfNumber: db.orm.select({ brandId: telephoneNumbers.brandId }).from(telephoneNumbers).where(eq(telephoneNumbers.number, sql.placeholder('number'))).prepare(),
  insert: db.orm.insert(calls).values({
    ...placeholders('callId', 'brandId', 'pbxId', 'pbxIp', 'numberCalling', 'numberCalled', 'createdAt', 'updatedAt'), state: 'ivr', variables: {}
  }).prepare(),
  queued: db.orm.update(calls).set(placeholders('ticketId', 'state', 'variables', 'skipAssignment', 'queueCount', 'updatedAt')).where(byId).prepare(),
  requeued: db.orm.update(calls).set(placeholders('state', 'variables', 'queueCount', 'updatedAt')).where(byId).prepare(),
  updated: db.orm.update(calls).set(placeholders('state', 'variables', 'updatedAt')).where(byId).prepare()
}))

function requireCall (db: Db, body: { callID: string, pbxID: string }): CallRow {
  const call = queries(db).call.get({ callId: body.callID })
  if (!call) throw new ApiError(400, `There is no call '${body.callID}': POST /api/v2/telephone/newInboundCall registers a call first.`)
  if (call.pbxId !== body.pbxID) throw new ApiError(400, `The call '${body.callID}' was registered by another PBX (pbxID '${call.pbxId}').`)
  return call
}

function ticketOfCall (db: Db, call: CallRow, what: string): TicketRow {
  const row = call.ticketId === null ? undefined : getTicketRow(db, call.ticketId)
  if (!row) throw new ApiError(400, `The call '${call.callId}' has no ticket yet: POST /api/v2/telephone/callCreateTicket makes one before ${what}.`)
  return row
}

/** The IVR's variables as the timeline event shows them: `choice=2, language=nl`. */
function described (variables: Record<string, unknown>): string {
  const pairs = Object.entries(variables).map(([name, value]) => `${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
  return pairs.length === 0 ? '' : ` (${pairs.join(', ')})`
}

function callEvent ({ db, clock }: StoreContext, row: TicketRow, call: CallRow, description: string, initiatedBy: string): void {
  insertEvent(db, { ticketId: row.id, itemType: 'call', itemTypeId: call.callId, description, initiatedBy, createdAt: clock.now() })
}

function tag (ctx: StoreContext, row: TicketRow, tags: string[] | undefined, initiatedBy: string): void {
  for (const name of tags ?? []) addTicketTag(ctx, row, name, initiatedBy)
}

/** newInboundCall: registers the call in the IVR, for the brand whose number was called. */
export function registerCall ({ db, clock }: StoreContext, body: NewInboundCallBody): void {
  db.transaction(() => {
    const number = queries(db).brandOfNumber.get({ number: body.telephoneNumberCalled })
    if (!number) {
      const known = db.orm.select({ number: telephoneNumbers.number }).from(telephoneNumbers).all().map((n) => n.number)
      throw new ApiError(400, `No brand has the telephone number ${body.telephoneNumberCalled}; the account's numbers are: ${known.join(', ') || 'none'}.`)
    }
    if (queries(db).call.get({ callId: body.callID })) {
      throw new ApiError(400, `The call '${body.callID}' is registered already; each call needs its own callID.`)
    }
    const now = clock.now()
    queries(db).insert.run({
      callId: body.callID,
      brandId: number.brandId,
      pbxId: body.pbxID,
      pbxIp: body.pbxIP,
      numberCalling: body.telephoneNumberCalling,
      numberCalled: body.telephoneNumberCalled,
      createdAt: now,
      updatedAt: now
    })
  })
}

/**
 * callCreateTicket: an inbound telephone ticket from the caller (found or made a customer by the
 * number, as any new ticket), with the tags; like any new ticket it runs the created triggers, the
 * SLA and webhooks. Returns the ticket's row.
 */
export function createCallTicket (ctx: StoreContext, body: CallCreateTicketBody, initiatedBy: string): TicketRow {
  const { db, clock } = ctx
  return db.transaction(() => {
    const call = requireCall(db, body)
    if (call.ticketId !== null) throw new ApiError(400, `The call '${call.callId}' has a ticket already (${call.ticketId}); callUpdateTicket re-queues it.`)
    const row = createTicketRow(ctx, {
      to: call.numberCalled, from: call.numberCalling, direction: 'inbound', channelID: TELEPHONE, brandID: call.brandId, title: `Call from ${call.numberCalling}`
    }, initiatedBy)
    const variables = { ...call.variables, ...body.variables }
    callEvent(ctx, row, call, `Call queued${described(variables)}`, initiatedBy)
    tag(ctx, row, body.tags, initiatedBy)
    queries(db).queued.run({
      id: call.id, ticketId: row.id, state: 'queued', variables: JSON.stringify(variables), skipAssignment: body.skipAssignment === true ? 1 : 0, queueCount: call.queueCount + 1, updatedAt: clock.now()
    })
    return row
  })
}

/** callUpdateTicket: the call goes to another queue; its ticket gets the tags and an event. */
export function requeueCall (ctx: StoreContext, body: CallUpdateTicketBody, initiatedBy: string): void {
  const { db, clock } = ctx
  db.transaction(() => {
    const call = requireCall(db, body)
    const row = ticketOfCall(db, call, 'it can be re-queued')
    const variables = { ...call.variables, ...body.variables }
    callEvent(ctx, row, call, `Call re-queued${described(body.variables ?? {})}`, initiatedBy)
    tag(ctx, row, body.tags, initiatedBy)
    writeTicket(db, row, { lastUpdate: clock.now() })
    queries(db).requeued.run({ id: call.id, state: 'queued', variables: JSON.stringify(variables), queueCount: call.queueCount + 1, updatedAt: clock.now() })
  })
}

/**
 * updateCall (ours, the guide is cut off here): `answered` by an agent assigns the ticket to them
 * (unless the call was created with skipAssignment), `ended` closes the call; each with an event.
 */
export function updateCall (ctx: StoreContext, body: UpdateCallBody, initiatedBy: string): void {
  const { db, clock } = ctx
  db.transaction(() => {
    const call = requireCall(db, body)
    const variables = { ...call.variables, ...body.variables }
    const state = body.status ?? call.state
    if (call.state === 'ended' && body.status === 'answered') throw new ApiError(400, `The call '${call.callId}' has ended; it cannot be answered.`)
    const user = body.userID ? getUser(db, body.userID) : undefined
    if (body.userID && user?.brandId !== call.brandId) throw doesNotExist('user')
    const row = call.ticketId === null ? undefined : getTicketRow(db, call.ticketId)
    if (row && body.status !== undefined && body.status !== call.state) {
      const by = user ? ` by ${user.name}` : ''
      const length = body.duration === undefined ? '' : ` after ${body.duration} s`
      callEvent(ctx, row, call, body.status === 'answered' ? `Call answered${by}` : `Call ended${length}`, initiatedBy)
      if (body.status === 'answered' && user && !call.skipAssignment) changeTicket(ctx, row, { assignedUserId: user.id }, initiatedBy)
      writeTicket(db, row, { lastUpdate: clock.now() })
    }
    queries(db).updated.run({ id: call.id, state, variables: JSON.stringify(variables), updatedAt: clock.now() })
  })
}

/** The newest calls first, at most `limit` (control API). */
export function listCalls (db: Db, limit: number): CallRow[] {
  return db.orm.select().from(calls).orderBy(desc(calls.id)).limit(limit).all()
}
