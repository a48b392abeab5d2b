import { createHash, timingSafeEqual } from 'node:crypto'
import { and, eq, ne } from 'drizzle-orm'
import { cachedUntilSettingsChange, type Db } from '../db/client.js'
import { type ApiKeyRow, apiKeys } from '../db/schema.js'
import { PERMISSIONS } from '../domain/vocabulary.js'

/** The name under which the configured API_KEY appears in `initiated_by` ("api: default"). */
export const CONFIGURED_KEY_NAME = 'default'

const sha256 = (value: string): Buffer => createHash('sha256').update(value).digest()

/**
 * The account's keys with their SHA-256, read again only after the settings changed (API keys are
 * settings). A request whose key is one of them finds its digest here instead of hashing again.
 */
const storedKeys = cachedUntilSettingsChange((db: Db) => {
  const rows = db.orm.select().from(apiKeys).all()
  return { rows, digests: new Map(rows.map((row) => [row.key, sha256(row.key)])) }
})

/** Looks a key up comparing in constant time, so response times do not leak how much of a key matched. */
export function findApiKey (db: Db, value: string): ApiKeyRow | undefined {
  const { rows, digests } = storedKeys(db)
  const wanted = digests.get(value) ?? sha256(value)
  let found: ApiKeyRow | undefined
  for (const row of rows) {
    if (timingSafeEqual(digests.get(row.key) as Buffer, wanted) && found === undefined) found = row
  }
  return found
}

/** Makes the configured key (every permission) the account's "default" key. */
export function ensureConfiguredKey (db: Db, value: string): void {
  db.transaction(() => {
    db.orm.delete(apiKeys).where(and(eq(apiKeys.name, CONFIGURED_KEY_NAME), ne(apiKeys.key, value))).run()
    db.orm.insert(apiKeys).values({ name: CONFIGURED_KEY_NAME, key: value, permissions: [...PERMISSIONS] })
      .onConflictDoUpdate({ target: apiKeys.key, set: { name: CONFIGURED_KEY_NAME, permissions: [...PERMISSIONS] } })
      .run()
  })
}
