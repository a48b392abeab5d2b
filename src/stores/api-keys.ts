import { createHash, timingSafeEqual } from 'node:crypto'
import { and, eq, ne } from 'drizzle-orm'
import type { Db } from '../db/client.js'
import { type ApiKeyRow, apiKeys, PERMISSIONS } from '../db/schema.js'

/** The name under which the configured API_KEY appears in `initiated_by` ("api: default"). */
export const CONFIGURED_KEY_NAME = 'default'

const digest = (value: string): Buffer => createHash('sha256').update(value).digest()

/** Looks a key up comparing in constant time, so response times do not leak how much of a key matched. */
export function findApiKey (db: Db, value: string): ApiKeyRow | undefined {
  const wanted = digest(value)
  let found: ApiKeyRow | undefined
  for (const row of db.select().from(apiKeys).all()) {
    if (timingSafeEqual(digest(row.key), wanted) && found === undefined) found = row
  }
  return found
}

/** Makes the configured key (every permission) the account's "default" key. */
export function ensureConfiguredKey (db: Db, value: string): void {
  db.transaction(() => {
    db.delete(apiKeys).where(and(eq(apiKeys.name, CONFIGURED_KEY_NAME), ne(apiKeys.key, value))).run()
    db.insert(apiKeys).values({ name: CONFIGURED_KEY_NAME, key: value, permissions: [...PERMISSIONS] })
      .onConflictDoUpdate({ target: apiKeys.key, set: { name: CONFIGURED_KEY_NAME, permissions: [...PERMISSIONS] } })
      .run()
  })
}
