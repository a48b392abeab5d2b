import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The browser tests need Chromium and run on their own: npm run test:browser
    exclude: ['test/browser/**', 'test/containers/**', 'node_modules/**'],
    environment: 'node'
  }
})
