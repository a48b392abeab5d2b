// Importing a snapshot without stopping the other requests: the JSON is read, checked and loaded into
// a database of its own, which then takes the account's place in one step. A large snapshot does all
// of that in a worker thread (snapshot-worker.ts), so that every account goes on answering meanwhile.
import { Worker } from 'node:worker_threads'
import { openDatabase } from './db/client.js'
import { ensureConfiguredKey } from './stores/api-keys.js'
import { loadSnapshot, SnapshotError } from './stores/snapshot.js'

/** Bodies up to this size are imported right away; larger ones in a worker thread. */
export const INLINE_IMPORT_LIMIT = 1024 * 1024

/** The serialized database a snapshot makes, with the configured key; throws a SnapshotError if it is refused. */
export function snapshotImage (json: string, apiKey: string): Buffer {
  let snapshot: unknown
  try {
    snapshot = JSON.parse(json)
  } catch (err) {
    throw new SnapshotError(`the body is not valid JSON: ${(err as Error).message}`)
  }
  const db = openDatabase(':memory:')
  try {
    loadSnapshot(db, snapshot)
    ensureConfiguredKey(db, apiKey)
    return db.sqlite.serialize()
  } finally {
    db.close()
  }
}

/** What the worker answers: the image, or why the snapshot was refused. */
export type WorkerAnswer = { image: Uint8Array } | { refused: string } | { failed: string }

/** The image of a snapshot body, made in a worker thread when the body is large. */
export async function importImage (body: Buffer, apiKey: string): Promise<Buffer> {
  if (body.length <= INLINE_IMPORT_LIMIT) return snapshotImage(body.toString('utf8'), apiKey)
  // Built, the worker is dist/snapshot-worker.js; run from the TypeScript sources (tests, npm run
  // dev), it is loaded through tsx's loader, registered in the worker first.
  const fromSource = import.meta.url.endsWith('.ts')
  const file = new URL(`./snapshot-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url)
  const worker = fromSource
    ? new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(file.href)}) })`, { eval: true, workerData: { body, apiKey } })
    : new Worker(file, { workerData: { body, apiKey } })
  const answer = await new Promise<WorkerAnswer>((resolve, reject) => {
    worker.once('message', resolve)
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new Error(`the snapshot worker exited with ${code}`)))
  })
  await worker.terminate()
  if ('refused' in answer) throw new SnapshotError(answer.refused)
  if ('failed' in answer) throw new Error(answer.failed)
  return Buffer.from(answer.image)
}
