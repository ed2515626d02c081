// TypeScript + jest + ESM, settled once (see docs/architecture.md, "Toolchain"):
// jest runs in native ESM mode (node --experimental-vm-modules, set by `npm test`),
// ts-jest transpiles each .ts file as ESM without type-checking (tsc does that in
// `npm run lint`), and `.js` suffixes in relative imports are mapped back to the .ts source.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/setup-env.cjs'],
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.cjs'],
  testTimeout: 120000,
  maxWorkers: 2,
};
