// Types of scripts/light-my-request-fix.mjs, for the test that imports it.
import type { Plugin } from 'esbuild'

/** The file's text with the changes made (other files as they are); throws when light-my-request changed. */
export function fixLightMyRequest (file: string, source: string): string

/** The esbuild plugin that makes the changes as the bundle reads light-my-request's two files. */
export const lightMyRequestFix: Plugin
