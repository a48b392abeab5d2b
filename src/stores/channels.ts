// Channels as the channel API shows them, custom channels with their endpoints, and what an agent's
// message on a ticket of a custom channel sends there.
import { asc, eq, max, sql } from 'drizzle-orm'
import { type Db, preparedPerDb } from '../db/client.js'
import { type CustomChannelRow, customChannels } from '../db/schema-settings.js'
import { type ChannelRow, channels } from '../db/schema.js'
import { ApiError } from '../errors.js'
import { isYes } from '../schemas/common.js'
import type { Channel, ChannelBody } from '../schemas/channels.js'
import { onlySent } from './context.js'
import { outgoingMessage } from './messages.js'
import { getTicketRow } from './rows/tickets.js'
import { MASKED_KEY } from './snapshot.js'

/** Custom channels get ids from here, clear of Omnidesk's own channel numbers (ours, README). */
export const FIRST_CUSTOM_CHANNEL_ID = 100

function toChannel (row: ChannelRow, custom: CustomChannelRow | undefined): Channel {
  const channel: Channel = { id: row.id, name: row.name, icon: row.icon, custom: row.custom }
  if (!custom) return channel
  return {
    ...channel,
    custom_channel_endpoint: custom.endpoint,
    custom_channel_secret: custom.secret === '' ? '' : MASKED_KEY,
    include_signature: custom.includeSignature,
    custom_channel_warning_en: custom.warningEn,
    custom_channel_warning_nl: custom.warningNl,
    custom_channel_available_in_quick_ticket: custom.availableInQuickTicket
  }
}

export function listChannels (db: Db): Channel[] {
  const custom = new Map(db.orm.select().from(customChannels).all().map((row) => [row.channelId, row]))
  return db.orm.select().from(channels).orderBy(asc(channels.id)).all().map((row) => toChannel(row, custom.get(row.id)))
}

export function getChannelItem (db: Db, id: number): Channel {
  const row = db.orm.select().from(channels).where(eq(channels.id, id)).get()
  if (!row) throw new ApiError(404, 'This channel does not exist.')
  return toChannel(row, db.orm.select().from(customChannels).where(eq(customChannels.channelId, id)).get())
}

function customColumns (body: ChannelBody): Partial<CustomChannelRow> {
  return onlySent({
    endpoint: body.custom_channel_endpoint,
    secret: body.custom_channel_secret,
    includeSignature: body.include_signature === undefined ? undefined : isYes(body.include_signature),
    warningEn: body.custom_channel_warning_en,
    warningNl: body.custom_channel_warning_nl,
    availableInQuickTicket: body.custom_channel_available_in_quick_ticket === undefined ? undefined : isYes(body.custom_channel_available_in_quick_ticket)
  })
}

/** A signature needs a secret: the spec's "depending on the presence of other parameters". */
function requireSecret (custom: Pick<CustomChannelRow, 'secret' | 'includeSignature'>): void {
  if (custom.includeSignature && custom.secret === '') {
    throw new ApiError(400, 'include_signature needs a custom_channel_secret to sign with: send one, or include_signature=false.')
  }
}

/** POST /api/v2/channel: a custom channel with its own channel id. Returns the id. */
export function createChannel (db: Db, body: ChannelBody & { name: string }): number {
  const custom = { secret: '', includeSignature: false, ...customColumns(body) }
  requireSecret(custom)
  return db.transaction(() => {
    const id = Math.max(FIRST_CUSTOM_CHANNEL_ID, (db.orm.select({ last: max(channels.id) }).from(channels).get()?.last ?? 0) + 1)
    db.orm.insert(channels).values({ id, name: body.name, icon: body.icon ?? 'chat', custom: true }).run()
    db.orm.insert(customChannels).values({ ...custom, channelId: id }).run()
    return id
  })
}

/** PUT /api/v2/channel/{id}: the fields sent change; Omnidesk's own channels are not changed. */
export function updateChannel (db: Db, id: number, body: ChannelBody): void {
  const row = db.orm.select().from(channels).where(eq(channels.id, id)).get()
  if (!row) throw new ApiError(404, 'This channel does not exist.')
  if (!row.custom) throw new ApiError(400, `Channel ${id} (${row.name}) is one of Omnidesk's own channels; only custom channels can be changed.`)
  const current = db.orm.select().from(customChannels).where(eq(customChannels.channelId, id)).get()
  const set = customColumns(body)
  requireSecret({ secret: set.secret ?? current?.secret ?? '', includeSignature: set.includeSignature ?? current?.includeSignature ?? false })
  db.transaction(() => {
    const named = onlySent({ name: body.name, icon: body.icon })
    if (Object.keys(named).length > 0) db.orm.update(channels).set(named).where(eq(channels.id, id)).run()
    db.orm.insert(customChannels).values({ ...set, channelId: id }).onConflictDoUpdate({ target: customChannels.channelId, set }).run()
  })
}

// Asked of every agent message, on any channel: does it go out to a custom channel's endpoint?
const queries = preparedPerDb((db: Db) => ({
  customChannel: db.orm.select().from(customChannels).where(eq(customChannels.channelId, sql.placeholder('channelId'))).prepare()
}))

/** What an agent's message on a ticket of a custom channel with an endpoint sends there; undefined otherwise. */
export function channelMessageOf (db: Db, ticketId: number, messageId: number) {
  const ticket = getTicketRow(db, ticketId)
  if (!ticket) return undefined
  const custom = queries(db).customChannel.get({ channelId: ticket.channelId })
  if (!custom || custom.endpoint === '') return undefined
  const message = outgoingMessage(db, messageId)
  if (!message || message.inQueue !== 0) return undefined
  return {
    endpoint: custom.endpoint,
    secret: custom.includeSignature && custom.secret !== '' ? custom.secret : null,
    payload: {
      messageID: messageId,
      channelID: ticket.channelId,
      brandID: ticket.brandId,
      externalID: ticket.externalId,
      to: message.to,
      message: message.content,
      plaintext: message.contentWhole ?? message.content,
      userID: message.userId,
      userName: message.userName,
      createdAt: message.createdAt,
      files: message.files
    }
  }
}
