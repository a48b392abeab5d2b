import { defineConfig } from 'vitest/config'

// npm run test:testcontainers (scripts/testcontainers-test.sh): needs a container engine's socket.
export default defineConfig({
  test: {
    include: ['test/containers/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000
  }
})
