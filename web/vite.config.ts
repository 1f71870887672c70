import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Vant embeds its icon font in CSS as a 45 kB base64 data URI. Serving it as a file instead keeps it
 * out of the first-load CSS: the browser fetches (and caches) it only when a page shows an icon.
 * Our CSP allows fonts from 'self' only, so the remote fallback font is dropped too.
 */
function vantIconFontAsFile(): Plugin {
  const pattern = /url\(data:font\/woff2;(?:charset=utf-8;)?base64,([A-Za-z0-9+/=]+)\)/;
  return {
    name: 'yishi:vant-icon-font-as-file',
    enforce: 'pre',
    load(id) {
      if (!/vant[\\/]es[\\/]icon[\\/]index\.css$/.test(id)) return null;
      const css = fs.readFileSync(id, 'utf8');
      const match = pattern.exec(css);
      if (!match?.[1]) return css;
      const fontDir = path.join(root, 'node_modules', '.cache', 'yishi');
      fs.mkdirSync(fontDir, { recursive: true });
      const fontFile = path.join(fontDir, 'vant-icons.woff2');
      fs.writeFileSync(fontFile, Buffer.from(match[1], 'base64'));
      const relative = path.relative(path.dirname(id), fontFile).split(path.sep).join('/');
      // The remote fallback would be refused by our CSP (font-src 'self'), so drop it.
      return css.replace(pattern, `url(${relative})`).replace(/,url\(\/\/at\.alicdn\.com[^)]*\) format\("woff"\)/, '');
    },
  };
}

/** The app's colour (web/src/styles/theme.css --yishi-primary), for the manifest and the browser bar. */
const themeColor = '#1a5fb4';

/**
 * The installable app: a manifest, and our own service worker (src/sw.ts, injectManifest) that
 * precaches the built shell and keeps the grid worker's reads for offline use. Registration and the
 * update prompt live in src/pwa.ts.
 */
const pwa = VitePWA({
  strategies: 'injectManifest',
  srcDir: 'src',
  filename: 'sw.ts',
  registerType: 'prompt',
  injectRegister: false,
  manifest: {
    name: '议事',
    short_name: '议事',
    description: '城乡社区议事协商平台',
    lang: 'zh-CN',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: themeColor,
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  // The size cap below is how the charts chunk stays out of the precache: say so, don't fail the build.
  showMaximumFileSizeToCacheInBytesWarning: true,
  injectManifest: {
    // Shell only: scripts, styles, fonts, the page and the icons; share images and the like stay out.
    globPatterns: ['**/*.{js,css,html,woff2}', 'icons/icon-192.png'],
    // The charts library (statistics, fetched when opened) is no door-to-door need: not worth a phone's first visit.
    maximumFileSizeToCacheInBytes: 350 * 1024,
  },
});

export default defineConfig({
  root,
  plugins: [vantIconFontAsFile(), vue(), pwa],
  define: {
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    chunkSizeWarningLimit: 400,
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
