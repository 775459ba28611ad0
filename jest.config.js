/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // any-ascii ships only as an ES module; Node loads it natively, Jest's CommonJS runtime needs it compiled.
    '/node_modules/any-ascii/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', isolatedModules: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!any-ascii/)'],
  // Tests lower the Argon2 cost; see test/setup-env.ts.
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  testTimeout: 60000,
};
