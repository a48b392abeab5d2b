// Inbound e-mail (Omnidesk's e-mail spec: "Creates a new inbound email message and decides if a new
// ticket is needed"). A mail is added once per brand (its messageID); it threads into the brand's
// open ticket with its externalID, or opens a new ticket. One transaction.
import { and, desc, eq } from 'drizzle-orm'
import type { Db } from '../db/client.js'
import { emailAddresses, inboundEmails } from '../db/schema-channels.js'
import { tickets, type TicketRow } from '../db/schema.js'
import { ApiError, doesNotExist } from '../errors.js'
import type { InboundEmailBody } from '../schemas/email.js'
import type { StoreContext } from './context.js'
import { addTimelineMessage } from './messages.js'
import { getTicketRow, writeTicket } from './rows/tickets.js'
import { getBrand } from './settings.js'
import { createTicketRow } from './tickets.js'

const EMAIL = 1

export type InboundOutcome = { kind: 'duplicate' | 'threaded', ticketId: number } | { kind: 'created', ticketId: number, row: TicketRow }

function brandAddresses (db: Db, brandId?: number) {
  const query = db.orm.select().from(emailAddresses)
  return (brandId === undefined ? query : query.where(eq(emailAddresses.brandId, brandId))).orderBy(emailAddresses.id).all()
}

/** The brand: brandID, or the one whose address the mail was sent to. */
function brandOf (db: Db, body: InboundEmailBody) {
  if (body.brandID !== undefined) {
    const brand = getBrand(db, body.brandID)
    if (!brand) throw doesNotExist('brand')
    return brand
  }
  const to = body.toAddress?.address.trim().toLowerCase()
  const address = to === undefined ? undefined : brandAddresses(db).find((a) => a.address.toLowerCase() === to)
  const brand = address && getBrand(db, address.brandId)
  if (!brand) {
    const known = brandAddresses(db).map((a) => a.address)
    throw new ApiError(400, `Name the brand: send brandID, or toAddress[address] with one of the brands' addresses (${known.join(', ') || 'none'}).`)
  }
  return brand
}

/** The brand's newest ticket of this thread, unless it is closed (ours: a mail to a closed ticket opens a new one). */
function threadOf (db: Db, brandId: number, externalId: string): TicketRow | undefined {
  const found = db.orm.select({ id: tickets.id }).from(tickets)
    .where(and(eq(tickets.brandId, brandId), eq(tickets.externalId, externalId))).orderBy(desc(tickets.id)).limit(1).get()
  const row = found && getTicketRow(db, found.id)
  return row?.status === 'closed' ? undefined : row
}

export function receiveInboundEmail (ctx: StoreContext, body: InboundEmailBody, initiatedBy: string): InboundOutcome {
  const { db, clock } = ctx
  return db.transaction((): InboundOutcome => {
    const brand = brandOf(db, body)
    const seen = db.orm.select({ ticketId: inboundEmails.ticketId }).from(inboundEmails)
      .where(and(eq(inboundEmails.brandId, brand.id), eq(inboundEmails.messageId, body.messageID))).get()
    if (seen) return { kind: 'duplicate', ticketId: seen.ticketId }
    const brandAddress = body.toAddress?.address ?? brandAddresses(db, brand.id)[0]?.address ?? brand.name
    const customer = body.replyToAddress ?? body.fromAddress
    let row = body.externalID === undefined ? undefined : threadOf(db, brand.id, body.externalID)
    const threaded = row !== undefined
    if (!row) {
      row = createTicketRow(ctx, {
        to: brandAddress,
        from: customer.address,
        fromName: customer.name ?? '',
        direction: 'inbound',
        channelID: EMAIL,
        brandID: brand.id,
        title: body.subject.trim() === '' ? '(no subject)' : body.subject
      }, initiatedBy)
      // The thread's id: the externalID, or this first mail's messageID (which replies name).
      writeTicket(db, row, { externalId: body.externalID ?? body.messageID })
    }
    const meta = {
      from: [{ address: body.fromAddress.address, name: body.fromAddress.name ?? '' }],
      to: [{ address: brandAddress, name: body.toAddress?.name ?? '' }],
      ...(body.replyToAddress ? { replyTo: [{ address: body.replyToAddress.address, name: body.replyToAddress.name ?? '' }] } : {})
    }
    const itemId = addTimelineMessage(ctx, row, {
      ticketId: row.id,
      type: 'message',
      channelId: EMAIL,
      direction: 'inbound',
      content: body.body,
      contentWhole: body.plaintext ?? body.body,
      to: brandAddress,
      from: customer.address,
      userId: 0,
      userName: 'Anonymous',
      externalId: body.messageID,
      metaData: JSON.stringify(meta),
      emailDetails: `from: ${body.fromAddress.address}, to: ${brandAddress}`
    }, initiatedBy)
    db.orm.insert(inboundEmails).values({ brandId: brand.id, messageId: body.messageID, ticketId: row.id, itemId, createdAt: clock.now() }).run()
    return threaded ? { kind: 'threaded', ticketId: row.id } : { kind: 'created', ticketId: row.id, row }
  })
}
