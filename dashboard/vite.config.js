// Vite builds the dashboard into dist/ (static files: `vite preview` or any static server
// serves them); scripts/dashboard.sh builds and serves on http://127.0.0.1:8080.
import { defineConfig } from 'vite';

export default defineConfig({
  // Relative asset paths: dist/ works wherever it is served from.
  base: './',
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    // polkadot.js (types, metadata, crypto) is most of the bundle; it is one page's code.
    chunkSizeWarningLimit: 3000,
    rollupOptions: {
      onwarn(warning, warn) {
        // polkadot.js's /*#__PURE__*/ annotations in positions Rollup ignores: harmless.
        if (warning.code === 'INVALID_ANNOTATION' && /node_modules\/@polkadot\//.test(warning.id ?? '')) return;
        warn(warning);
      },
    },
  },
  preview: { host: '127.0.0.1', port: 8080, strictPort: true },
  server: { host: '127.0.0.1', port: 5173 },
});
