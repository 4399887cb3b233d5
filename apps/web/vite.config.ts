import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * React changes rarely: its own long-cached chunk. antd is left to automatic splitting so that each
 * lazily loaded page brings only the components it uses (the sign-in page does not load Table).
 */
const vendorGroups = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
  // Charts (RFM dashboard only): their own long-cached chunk, still loaded only with the pages that chart.
  { name: 'echarts', test: /node_modules[\\/](echarts|zrender|echarts-for-react|size-sensor|tslib)[\\/]/ },
];

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: { codeSplitting: { groups: vendorGroups } },
    },
  },
});
