import { createHash, timingSafeEqual } from 'node:crypto'
import { and, eq, ne } from 'drizzle-orm'
import { type Db, inTransaction, keptUntilSettingsChange, prepared } from '../db/client.js'
import { type ApiKeyRow, apiKeys } from '../db/schema.js'
import { PERMISSIONS } from '../domain/vocabulary.js'

/** The name under which the configured API_KEY appears in `initiated_by` ("api: default"). */
export const CONFIGURED_KEY_NAME = 'default'

const digests = new Map<string, Buffer>()

/** The key's SHA-256, remembered for the stored keys so a request hashes only what it sent. */
function digest (value: string, remember = false): Buffer {
  const known = digests.get(value)
  if (known) return known
  const computed = createHash('sha256').update(value).digest()
  if (remember && digests.size < 10_000) digests.set(value, computed)
  return computed
}

/** The account's keys, read again only after the settings changed (API keys are settings). */
function listApiKeys (db: Db): ApiKeyRow[] {
  return keptUntilSettingsChange(db, 'apiKeys', () => prepared(db, 'listApiKeys', () => db.select().from(apiKeys).prepare()).all())
}

/** Looks a key up comparing in constant time, so response times do not leak how much of a key matched. */
export function findApiKey (db: Db, value: string): ApiKeyRow | undefined {
  const wanted = digest(value)
  let found: ApiKeyRow | undefined
  for (const row of listApiKeys(db)) {
    if (timingSafeEqual(digest(row.key, true), wanted) && found === undefined) found = row
  }
  return found
}

/** Makes the configured key (every permission) the account's "default" key. */
export function ensureConfiguredKey (db: Db, value: string): void {
  inTransaction(db, () => {
    db.delete(apiKeys).where(and(eq(apiKeys.name, CONFIGURED_KEY_NAME), ne(apiKeys.key, value))).run()
    db.insert(apiKeys).values({ name: CONFIGURED_KEY_NAME, key: value, permissions: [...PERMISSIONS] })
      .onConflictDoUpdate({ target: apiKeys.key, set: { name: CONFIGURED_KEY_NAME, permissions: [...PERMISSIONS] } })
      .run()
  })
}
