// The worker thread of snapshot-import.ts: makes the image of a large snapshot off the main thread.
import { parentPort, workerData } from 'node:worker_threads'
import { snapshotImage, type WorkerAnswer } from './snapshot-import.js'
import { SnapshotError } from './stores/snapshot.js'

const { body, apiKey } = workerData as { body: Uint8Array, apiKey: string }
function answer (): WorkerAnswer {
  try {
    return { image: snapshotImage(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'), apiKey) }
  } catch (err) {
    return err instanceof SnapshotError ? { refused: err.message } : { failed: (err as Error).message }
  }
}
parentPort?.postMessage(answer())
