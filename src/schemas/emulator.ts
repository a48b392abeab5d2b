// The emulator's own control API (under /_emulator), not part of Omnidesk's.
import { type Static, Type } from 'typebox'
import { DATE_TIME_PATTERN, RATE_LIMIT_PATTERN } from '../patterns.js'

export const ClockSchema = Type.Object({
  now: Type.String({ description: 'the emulator time, YYYY-MM-DD HH:MM:SS in TIMEZONE' }),
  frozen: Type.Boolean({ description: 'true: time stands still until set or advanced' }),
  timeZone: Type.String()
})

export const SetClockBodySchema = Type.Object({
  now: Type.Optional(Type.String({ pattern: DATE_TIME_PATTERN, description: 'YYYY-MM-DD HH:MM:SS' })),
  frozen: Type.Optional(Type.Boolean({ default: true, description: 'false: let time run on from `now`' }))
}, { additionalProperties: false })

export const AdvanceClockBodySchema = Type.Object({
  seconds: Type.Integer({ minimum: -315_360_000, maximum: 315_360_000, description: 'how far to move the clock (may be negative)' })
}, { additionalProperties: false })

export type SetClockBody = Static<typeof SetClockBodySchema>

export const JournalEntrySchema = Type.Object({
  id: Type.Integer(),
  at: Type.String({ description: 'emulator time of the request' }),
  method: Type.String(),
  path: Type.String({ description: 'without the account prefix and the query string' }),
  query: Type.Record(Type.String(), Type.Unknown(), { description: 'apiKey and token shown as ***' }),
  headers: Type.Record(Type.String(), Type.Unknown(), { description: 'apikey, x-api-key, authorization, x-control-token and cookie shown as ***' }),
  body: Type.Unknown({ description: 'as parsed, whatever the encoding; null without a body' }),
  status: Type.Union([Type.Integer(), Type.Null()], { description: 'null when a fault dropped the connection' }),
  response: Type.Unknown({ description: 'the parsed response body' }),
  durationMs: Type.Number(),
  fault: Type.Union([Type.String(), Type.Null()], { description: 'the id of the fault rule that hit it' }),
  outbound: Type.Optional(Type.Enum(['crm-lookup', 'hookpoint', 'custom-channel'], { description: 'a call the emulator made (a CRM lookup, a chat hookpoint, a message to a custom channel), not one it answered; path is the full URL' }))
})

export const RequestsQuerySchema = Type.Object({
  method: Type.Optional(Type.String({ description: 'e.g. POST' })),
  path: Type.Optional(Type.String({ description: 'a part of the path' })),
  status: Type.Optional(Type.Integer({ minimum: 100, maximum: 599 })),
  wait: Type.Optional(Type.Integer({ minimum: 0, maximum: 60_000, description: 'wait up to this many ms for `count` matches; 408 if they do not come' })),
  count: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
  after: Type.Optional(Type.Integer({ minimum: 0, description: 'only entries with a greater id: the next page after the last id seen' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1000, description: 'at most this many entries, oldest first' }))
})

export const RequestsResponseSchema = Type.Object({ requests: Type.Array(JournalEntrySchema) })

export const FaultInputSchema = Type.Object({
  method: Type.Optional(Type.String({ description: 'only this method (any when left out)' })),
  path: Type.String({ minLength: 1, description: 'exact path, or a pattern with * (e.g. /api/v2/ticket/*)' }),
  status: Type.Optional(Type.Integer({ minimum: 400, maximum: 599, description: 'answer this status without handling the request' })),
  body: Type.Optional(Type.Unknown({ description: 'the body to answer with (default: the Omnidesk error envelope)' })),
  retryAfter: Type.Optional(Type.Integer({ minimum: 0, description: 'seconds, sent as Retry-After' })),
  latencyMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 120_000, description: 'delay, then answer (normally, or with status)' })),
  drop: Type.Optional(Type.Boolean({ description: 'close the connection without an answer' })),
  times: Type.Optional(Type.Integer({ minimum: 1, description: 'only the next N matching requests (default: all)' })),
  probability: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'the chance a matching request is hit' })),
  seed: Type.Optional(Type.Integer({ description: 'seed for probability, for reproducible runs' }))
}, { additionalProperties: false })

export const FaultSchema = Type.Object({
  id: Type.String(),
  ...FaultInputSchema.properties,
  hits: Type.Integer({ description: 'how many requests it has hit' })
})

export const FaultsResponseSchema = Type.Object({ faults: Type.Array(FaultSchema) })

export const ResetBodySchema = Type.Union([
  Type.Object({ seed: Type.Optional(Type.Boolean({ description: 'false: reset to an empty account (default true)' })) }, { additionalProperties: false }),
  Type.Null()
])

export const SnapshotSchema = Type.Record(Type.String(), Type.Array(Type.Record(Type.String(), Type.Unknown())), {
  description: 'one array of records per table, with SQL column names'
})

export const RateLimitSchema = Type.Object({
  limit: Type.Union([Type.String({ pattern: RATE_LIMIT_PATTERN }), Type.Null()], { description: 'e.g. 100/60s per API key; null: no limit' })
})

export const AccountsResponseSchema = Type.Object({ accounts: Type.Array(Type.String()) })

export type JournalEntry = Static<typeof JournalEntrySchema>
export type RequestsFilter = Pick<Static<typeof RequestsQuerySchema>, 'method' | 'path' | 'status'>
export type FaultInput = Static<typeof FaultInputSchema>
export type Fault = Static<typeof FaultSchema>
