import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { compression } from 'vite-plugin-compression2';

/** The budget for the JavaScript a first visit loads before any route's chunk. */
const INITIAL_JS_LIMIT_KB = 300;

/**
 * Prints the gzipped size of the initial JavaScript (the entry chunk and every chunk it imports statically, not the
 * per-route chunks loaded on demand) beside its budget, and fails the build above it.
 */
function initialJsBudget(): Plugin {
  return {
    name: 'initial-js-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((item) => item.type === 'chunk');
      const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      const initial = new Set<string>();
      const visit = (fileName: string) => {
        if (initial.has(fileName)) return;
        initial.add(fileName);
        byName.get(fileName)?.imports.forEach(visit);
      };
      chunks.filter((chunk) => chunk.isEntry).forEach((chunk) => visit(chunk.fileName));
      const bytes = [...initial].reduce((sum, name) => sum + gzipSync(byName.get(name)!.code).length, 0);
      const kb = bytes / 1024;
      const line = `Initial JS (gzip): ${kb.toFixed(1)} KB in ${initial.size} files, budget ${INITIAL_JS_LIMIT_KB} KB`;
      this.info(line);
      console.log(`\n${line}; ${chunks.length - initial.size} chunks loaded on demand\n`);
      if (kb > INITIAL_JS_LIMIT_KB) this.error(`${line}: over budget`);
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  // Each asset also as .br and .gz beside it, which the API sends to browsers that accept them.
  plugins: [initialJsBudget(), compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024 })],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'vendor', tags: ['$initial'], test: /node_modules/, priority: 2 },
            {
              name: 'components',
              test: /node_modules[\\/](antd|@ant-design|@rc-component)/,
              minShareCount: 2,
              priority: 1,
            },
          ],
        },
      },
      // antd marks its modules "use client" for React Server Components; meaningless in a browser bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { port: 5173, proxy: { '/api': 'http://localhost:3000', '/health': 'http://localhost:3000' } },
});
