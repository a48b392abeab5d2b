import type { Clock } from '../clock.js'
import type { Db } from '../db/client.js'

/** What every store function works on: one account's database and its clock. */
export interface StoreContext {
  db: Db
  clock: Clock
}
