import type { Clock } from '../clock.js'
import type { Db } from '../db/client.js'

/** What every store function works on: one account's database and its clock (and a log for warnings). */
export interface StoreContext {
  db: Db
  clock: Clock
  log?: { warn: (obj: object, msg: string) => void }
}
