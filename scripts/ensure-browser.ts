/**
 * Browser journeys need Debian's Chromium and CJK fonts, which npm cannot install. As root this
 * installs them with apt-get; otherwise it says exactly what to run.
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function hasCjkFonts(): boolean {
  try {
    return execSync('fc-list :lang=zh family', { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
}

const missing = [!fs.existsSync(CHROMIUM) && 'chromium', !hasCjkFonts() && 'fonts-noto-cjk'].filter((p): p is string =>
  Boolean(p),
);
if (missing.length === 0) process.exit(0);

const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
if (os.userInfo().uid !== 0) {
  console.error(`Browser journeys need: ${missing.join(', ')}. Install them with:\n  sudo ${command}`);
  process.exit(1);
}
console.log(`installing ${missing.join(', ')} …`);
execSync(command, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
