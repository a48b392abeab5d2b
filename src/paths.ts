// Where the project's runtime folders (migrations/, seed/) are, from the running code: src/ and dist/
// modules sit one or two folders below the project, the bundled dist/server.js one.
import fs from 'node:fs'
import path from 'node:path'

export function projectFolder (name: string): string {
  const candidates = [path.join(import.meta.dirname, '..', name), path.join(import.meta.dirname, '..', '..', name)]
  return candidates.find((dir) => fs.existsSync(dir)) ?? (candidates[0] as string)
}
