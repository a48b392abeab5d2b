import type { Clock } from '../clock.js'
import type { Db } from '../db/client.js'
import type { WebhookEventType } from '../domain/vocabulary.js'

/** A change that webhooks report, collected while a request's transaction runs and sent after it commits. */
export interface DomainEvent {
  type: WebhookEventType
  /** The ticket it concerns; 0 for a customer event. */
  ticketId: number
  /** The customer a customer.* event concerns. */
  customerId?: number
  at: string
  changes?: Record<string, { from: unknown, to: unknown }>
  itemId?: number
}

/** What every store function works on: one account's database and its clock (and a log for warnings). */
export interface StoreContext {
  db: Db
  clock: Clock
  log?: { warn: (obj: object, msg: string) => void }
  /** Where the changes of this request are collected for webhooks; absent when nobody listens. */
  events?: DomainEvent[]
}

/** The columns an update sets: those whose value was sent (a PUT changes only the fields sent). */
export function onlySent<T extends Record<string, unknown>> (values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>
}
