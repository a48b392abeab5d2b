// The numbers the messages and descriptions name are written the way people read them.
import { describe, expect, it } from 'vitest'
import { BODY_LIMIT, counted, inMiB, UPLOAD_LIMITS } from '../src/limits.js'

describe('limits as the messages write them', () => {
  it('groups thousands and names sizes in MiB', () => {
    expect([counted(999), counted(1000), counted(20_000), counted(1_000_000)]).toEqual(['999', '1,000', '20,000', '1,000,000'])
    expect([inMiB(BODY_LIMIT), inMiB(UPLOAD_LIMITS.fileSize), inMiB(1.5 * 1024 * 1024)]).toEqual(['5 MiB', '10 MiB', '1.5 MiB'])
  })
})
