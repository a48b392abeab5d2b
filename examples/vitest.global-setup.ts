// A vitest globalSetup that starts the emulator once for the whole run (see the README).
// In your project: import { startEmulator } from 'omnidesk-emulator'
import type { TestProject } from 'vitest/node'
import { startEmulator } from '../src/index.js'

declare module 'vitest' {
  export interface ProvidedContext {
    omnideskUrl: string
    omnideskApiKey: string
  }
}

export default async function setup ({ provide }: Pick<TestProject, 'provide'>) {
  const emulator = await startEmulator({ now: '2019-09-28 22:08:14' })
  provide('omnideskUrl', emulator.url)
  provide('omnideskApiKey', emulator.apiKey)
  return async () => { await emulator.close() }
}
