import { type Static, type TSchema, Type } from 'typebox'

/** Ids are positive integers; larger than JavaScript can hold exactly is an error, not a rounding. */
export const IdSchema = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })

/** An optional reference whose documented default is 0, meaning none (e.g. assignedGroupID, userID). */
export const OptionalIdSchema = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })

/** The real API's error envelope: note `status`, not `type` (CONTRACT.md §2). */
export const ErrorSchema = Type.Object({
  status: Type.Literal('error'),
  message: Type.String()
}, { description: 'Omnidesk error envelope' })

/** The envelope of an action: `{"type":"result","message":"..."}`. */
export const ResultSchema = Type.Object({
  type: Type.Literal('result'),
  message: Type.String()
})

/** A yes/no flag as forms and JSON send it. */
export const FlagSchema = Type.Union([Type.Boolean(), Type.Enum(['0', '1', 'true', 'false'])], { description: '1/true or 0/false' })

/** Whether a flag (FlagSchema) says yes; `otherwise` when it was not sent. */
export function isYes (flag: boolean | string | undefined, otherwise = false): boolean {
  return flag === undefined ? otherwise : flag === true || flag === '1' || flag === 'true'
}

/** The view spec's answer has its keys the other way round: `{"message":"View created.","type":"result"}`. */
export const MessageFirstResultSchema = Type.Object({
  message: Type.String(),
  type: Type.Literal('result')
})

/** Ours: the id of what a POST created, where Omnidesk's documented answer does not carry it. */
export const CREATED_ID_HEADER = 'x-emulator-created-id'

export function ItemEnvelope<T extends TSchema> (item: T) {
  return Type.Object({ type: Type.Literal('item'), item })
}

/** The envelope of a list: `{"type":"list","itemStart":…,"itemTotal":…,"itemLimit":…,"items":[…]}`. */
export function ListEnvelope<T extends TSchema> (item: T) {
  return Type.Object({
    type: Type.Literal('list'),
    itemStart: Type.Integer(),
    itemTotal: Type.Integer(),
    itemLimit: Type.Integer(),
    items: Type.Array(item)
  })
}

/** A list answer: a page of `items` out of `total`, at the query's itemStart and itemLimit (or all of them, without paging). */
export function listAnswer<T> ({ total, items }: { total: number, items: T[] }, paging?: { itemStart: number, itemLimit: number }) {
  return { type: 'list' as const, itemStart: paging?.itemStart ?? 0, itemTotal: total, itemLimit: paging?.itemLimit ?? items.length, items }
}

/** A nullable value as one JSON-schema type list, which fast-json-stringify serializes without branching. */
export function Nullable<T extends TSchema> (schema: T) {
  const { type } = schema as unknown as { type: string }
  return Type.Unsafe<Static<T> | null>({ ...schema, type: [type, 'null'] })
}

/** The API key, accepted in the query as well as in the `apiKey` header (CONTRACT.md §1). */
export const ApiKeyQuerySchema = Type.Object({
  apiKey: Type.Optional(Type.String({ description: 'API key (or send the apiKey header)' }))
})

/** Omnidesk's paging: `itemStart` (offset, default 0) and `itemLimit` (default 15, at most `max`). Ajv fills in the defaults. */
export function PagingQuerySchema (max: number) {
  return Type.Object({
    itemStart: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0, description: 'offset of the first item' })),
    itemLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: max, default: 15, description: `how many items, at most ${max}` }))
  })
}

export const ErrorResponses = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  500: ErrorSchema
} as const

export type ErrorBody = Static<typeof ErrorSchema>
export type ResultBody = Static<typeof ResultSchema>
