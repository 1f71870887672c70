import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';

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

export default defineConfig({
  root,
  plugins: [vantIconFontAsFile(), vue()],
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
