// NestJS 12 ships ES modules only: its .js files go through @swc/jest as CommonJS.
const transform = {
  '^.+\\.(t|j)s$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    },
  ],
};
// The path aliases of tsconfig.json: a module by its name, or one of its files.
const moduleNameMapper = {
  '^@(libs|workflows)/([^/]+)$': '<rootDir>/$1/$2/src',
  '^@(libs|workflows|apps)/([^/]+)/(.+)$': '<rootDir>/$1/$2/src/$3',
};
const common = {
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  transform,
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs)/)'],
  testEnvironment: 'node',
};

module.exports = {
  // A global option: Jest ignores it inside a project. End-to-end suites wait on real PostgreSQL and Redis.
  testTimeout: 60000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/workflows/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
    },
    {
      ...common,
      // The web application in Debian's Chromium against the real API (test/web/README in apps/web/README.md).
      displayName: 'web',
      testMatch: ['<rootDir>/test/web/**/*.web-spec.ts'],
    },
  ],
};
